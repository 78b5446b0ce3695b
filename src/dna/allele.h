/* Allele designations of STR loci, as the laboratory writes them.
 *
 * A designation is the number of whole repeats, and for a microvariant a
 * dot and the extra bases: "9", "9.3" (9 repeats and 3 bases), "2.2". It
 * is kept as text and compared exactly ("9.3" is never "9.30" or 9.3 as a
 * number); the repeats and bases are read from it for the stepwise
 * mutation model, where 9.3 -> 10.3 is one step and 9.3 -> 10 is not a
 * whole number of steps. */
#ifndef PARLEY_DNA_ALLELE_H
#define PARLEY_DNA_ALLELE_H

#include <stdbool.h>

enum {
	ALLELE_TEXT_MAX = 5,     /* "999.9" */
	ALLELE_REPEATS_MAX = 999
};

/* NULL if text is a designation: 1 to 3 digits without a leading zero
 * (a lone "0" is not an allele either), optionally a dot and one digit
 * from 1 to 9. Otherwise why not, for messages. */
const char *dna_allele_invalid(const char *text);
/* The repeats and extra bases of a valid designation. */
void dna_allele_parse(const char *text, int *repeats, int *bases);

#endif
