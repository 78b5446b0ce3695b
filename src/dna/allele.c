/* Allele designations: checked, and read as repeats and extra bases. */
#include "dna/allele.h"

#include <string.h>

const char *dna_allele_invalid(const char *text)
{
	size_t n = strlen(text), digits = strspn(text, "0123456789");
	if(!n)
		return "an allele is a number of repeats such as 9 or 9.3 (got nothing)";
	if(!digits || digits > 3)
		return "expected a number of repeats such as 9, 12 or 9.3";
	if(text[0] == '0')
		return digits == 1 && n == 1 ? "0 repeats is not an allele"
		                             : "write the repeats without a leading zero (9, not 09)";
	if(digits == n)
		return NULL;
	if(text[digits] != '.' || n != digits + 2 || text[digits + 1] < '1' || text[digits + 1] > '9')
		return "expected repeats and, for a microvariant, a dot and the extra bases 1 to 9 "
		       "(9.3, 2.2)";
	return NULL;
}

void dna_allele_parse(const char *text, int *repeats, int *bases)
{
	int r = 0;
	const char *s = text;
	for(; *s >= '0' && *s <= '9'; s++)
		r = r * 10 + (*s - '0');
	*repeats = r;
	*bases = *s == '.' ? s[1] - '0' : 0;
}
