/* The loci of a computation: alleles, frequencies and mutation models.
 *
 * A kit is built from a frequency table (freq.h), then every allele the
 * profiles of the computation carry is added (one the table lacks gets the
 * table's floor), then it is finished: the frequencies of each locus are
 * made to sum to 1 (scaled down if they sum to more; a "rest" allele takes
 * what is left if they sum to less, so that an imported table that lists
 * only common alleles still describes the whole population), and the
 * mutation matrices are made.
 *
 * Mutation (per meiosis, a rate for fathers and one for mothers; for a
 * parent of unknown sex their mean) moves allele i to j with probability
 * m[i][j], 1 - R staying put:
 *
 *   equal         R / (n - 1) for every other allele;
 *   proportional  R p_j / (1 - p_i): to alleles as common as they are;
 *   stepwise      R w_ij / sum_k w_ik, w_ij = range^(s - 1) for an allele s
 *                 whole repeats away with the same extra bases (9.3 -> 10.3
 *                 is one step), and 0.05 range^(s - 1), s rounded up, for
 *                 one of other extra bases (9.3 -> 10): each step more is
 *                 1/range times less likely (Familias's stepwise model,
 *                 with microvariants; Simonsson & Mostad 2016).
 *
 * Genotypes of a locus are numbered for tables: slot(a, b) for a <= b. */
#ifndef PARLEY_DNA_KIT_H
#define PARLEY_DNA_KIT_H

#include <stdbool.h>

#include "core/arena.h"
#include "core/err.h"
#include "core/hmap.h"
#include "dna/freq.h"

typedef enum dna_mutation_model {
	DNA_MUT_NONE, DNA_MUT_EQUAL, DNA_MUT_PROPORTIONAL, DNA_MUT_STEPWISE, DNA_MUT_COUNT
} dna_mutation_model;

/* "none", "equal", "proportional", "stepwise"; NULL-terminated. */
extern const char *const dna_mutation_names[DNA_MUT_COUNT + 1];

typedef struct dna_mutation {
	dna_mutation_model model;
	double rate_pat, rate_mat;  /* per meiosis, from a father and from a mother */
	double range;               /* stepwise: a step more is this much less likely */
} dna_mutation;

/* Stepwise, 0.002 from fathers and 0.0005 from mothers, range 0.1: the
 * order of the rates the STRBase and AABB reports give for these loci. */
#define DNA_MUTATION_DEFAULT {DNA_MUT_STEPWISE, 0.002, 0.0005, 0.1}

enum { DNA_FROM_FATHER, DNA_FROM_MOTHER, DNA_FROM_PARENT }; /* mutation matrices */

typedef struct dna_locus {
	const char *name;
	int n;                      /* alleles, the rest allele included */
	const char **allele;        /* designations; NULL for the rest allele */
	int *repeats, *bases;       /* read from the designations (allele.h) */
	double *p;                  /* frequencies: sum 1 once finished */
	int ntable;                 /* alleles from the table; the others were seen only in profiles */
	bool rest;                  /* allele n - 1 is the rest */
	double floor;
	double *mut[3];             /* n x n, m[i * n + j]: i -> j; NULL without mutation */
	hmap index;                 /* designation -> index + 1 */
	int cap;
} dna_locus;

typedef struct dna_kit {
	dna_locus *loci;
	int nloci;
	bool finished;
	dna_mutation mutation;
	hmap index;                 /* locus key (read.h) -> index + 1 */
	arena a;
} dna_kit;

/* A kit of the loci of a frequency table, in its order. */
pl_rc dna_kit_init(dna_kit *k, const dna_freqs *f, pl_err *err);
void dna_kit_free(dna_kit *k);
/* The index of the locus of that name (any spelling read.h matches), or -1. */
int dna_kit_locus(const dna_kit *k, const char *name);
/* The index of an allele at a locus, added with the floor frequency if the
 * table lacks it (before the kit is finished). -1 when out of memory, or
 * when a finished kit lacks it. */
int dna_kit_allele(dna_kit *k, int locus, const char *designation);
/* Frequencies summing to 1, and the mutation matrices of m (NULL: none). */
pl_rc dna_kit_finish(dna_kit *k, const dna_mutation *m, pl_err *err);

static inline int dna_slot(int a, int b)
{
	return a <= b ? b * (b + 1) / 2 + a : a * (a + 1) / 2 + b;
}

static inline int dna_slots(int n)
{
	return n * (n + 1) / 2;
}

#endif
