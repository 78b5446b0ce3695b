/* Allele frequency tables, one per locus.
 *
 * A table comes from counting a reference population's genotypes (the
 * NIST 1,036 in data/str/) or from a frequency file. Counted, an allele
 * seen c times among the 2N alleles typed at its locus gets
 * max(c, min_count) / 2N: NRC II (1996) recommends a minimum of 5/2N, so
 * that an allele seen once or twice is not taken as rarer than a sample of
 * that size can tell. An allele the table lacks gets the floor, min_count
 * / 2N (for an imported table: the smallest frequency of its locus, or 5/2N
 * when the file says how many people were typed). Frequencies are scaled
 * to sum to 1 when the alleles of a screening are put together (kit.h). */
#ifndef PARLEY_DNA_FREQ_H
#define PARLEY_DNA_FREQ_H

#include <stddef.h>

#include "core/arena.h"
#include "core/err.h"
#include "dna/read.h"

enum { DNA_MIN_COUNT = 5 };

typedef struct dna_freq_allele {
	const char *allele;       /* designation */
	double freq;
	long count;               /* times counted; -1 if the table was imported */
} dna_freq_allele;

typedef struct dna_freq_locus {
	const char *name;
	dna_freq_allele *alleles; /* by designation, as strcmp orders them */
	size_t n;
	long sample_size;         /* alleles counted (2N); 0 if not known */
	double floor;             /* the frequency of an allele the table lacks */
} dna_freq_locus;

typedef struct dna_freqs {
	dna_freq_locus *loci;     /* by name, as strcmp orders them */
	size_t n;
	arena a;                  /* everything above lives here */
} dna_freqs;

void dna_freqs_init(dna_freqs *f);
void dna_freqs_free(dna_freqs *f);

/* Count the alleles of the genotypes in g (one row a person; untyped loci
 * left out), each locus on its own 2N. min_count <= 0: DNA_MIN_COUNT. */
pl_rc dna_freqs_count(const dna_rows *g, int min_count, dna_freqs *out, pl_err *err);
/* A table from frequency rows (dna_read_frequencies). people > 0: the
 * number of people typed, for the floor 5/2N; else each locus's smallest
 * frequency. */
pl_rc dna_freqs_from_rows(const dna_freq_rows *rows, long people, dna_freqs *out, pl_err *err);
/* The locus called name, or NULL. */
const dna_freq_locus *dna_freqs_locus(const dna_freqs *f, const char *name);

#endif
