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
 * Mutation (per meiosis; one matrix for transmissions from fathers, one
 * from mothers, and for a parent of unknown sex the matrix of the mean
 * rates) moves allele i to j with probability m[i][j], as pedmut's
 * mutationMatrix() defines its models (docs/dna.md, "Mutation models"):
 *
 *   equal         R / (n - 1) for every other allele, 1 - R staying;
 *   proportional  alpha p_j for every other allele, 1 - alpha (1 - p_i)
 *                 staying, alpha = R / sum_k p_k (1 - p_k): R is the
 *                 expected rate over the population (refused when a
 *                 probability leaves [0, 1]);
 *   stepwise      within the allele's microvariant group (9.3, 10.3, ...
 *                 share one; 10, 11 another): range^|steps| scaled to sum
 *                 to R; to each allele of another group R2 / (their
 *                 number); staying 1 - R - R2 (1 - R2 when alone in its
 *                 group, 1 - R when there is no other group). An allele
 *                 without a number (the rest) is a group of its own.
 *                 This is pedmut's stepwise(rate, rate2, range), which is
 *                 Familias 3's "Extended stepwise" (the Familias R
 *                 package's "Stepwise" with MutationRate2): the name
 *                 "extended-stepwise" is taken for it.
 *
 * n counts the rest allele. Each locus may have a model of its own
 * (dna_kit_set_mutation before the kit is finished), else the kit's.
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
/* Every name a user may give, for messages: "none, equal, proportional,
 * stepwise or extended-stepwise". */
extern const char dna_mutation_choices[];

/* The model called `name`: one of dna_mutation_names, or
 * "extended-stepwise", Familias 3's name for the stepwise model with a
 * rate to the other microvariant groups (the same matrices). -1 for any
 * other name. */
int dna_mutation_lookup(const char *name);

typedef struct dna_mutation {
	dna_mutation_model model;
	double rate_pat, rate_mat;  /* per meiosis, from a father and from a mother */
	double range;               /* stepwise: a step more is this much less likely (> 0) */
	double rate2_pat, rate2_mat; /* stepwise: to another microvariant group (pedmut's rate2) */
} dna_mutation;

/* Stepwise, 0.002 from fathers and 0.0005 from mothers, range 0.1: the
 * order of the rates the STRBase and AABB reports give for these loci;
 * to another microvariant group a twentieth of that. */
#define DNA_MUTATION_DEFAULT {DNA_MUT_STEPWISE, 0.002, 0.0005, 0.1, 0.0001, 0.000025}

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
	/* What up to three children receive from one allele of an untyped
	 * founder at theta 0 (ped.c's founder kernels): moment[s][k - 1] holds
	 * sum_a p[a] mut[s][a][c1] ... mut[s][a][ck] over (c1, ..., ck), n^k
	 * entries, ck fastest, for k = 1, 2, 3. NULL without mutation. */
	double *moment[3][3];
	/* The matrices the moments were computed from: a locus copied with
	 * other matrices (the sampling advice's lumped loci) has moments that
	 * are not its own, and the engine uses them only when these are its
	 * mut. */
	const double *moment_of[3];
	const dna_mutation *mutation; /* this locus's model; NULL: the kit's */
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

/* The moments of L from its p and mut (done by dna_kit_finish; for a
 * locus built by hand, as the tests and benchmarks do): PL_ENOMEM. The
 * engine does without them, only slower. */
pl_rc dna_locus_kernels(dna_locus *L);
void dna_locus_kernels_free(dna_locus *L);

/* A kit of the loci of a frequency table, in its order. */
pl_rc dna_kit_init(dna_kit *k, const dna_freqs *f, pl_err *err);
void dna_kit_free(dna_kit *k);
/* The index of the locus of that name (any spelling read.h matches), or -1. */
int dna_kit_locus(const dna_kit *k, const char *name);
/* The index of an allele at a locus, added with the floor frequency if the
 * table lacks it (before the kit is finished). -1 when out of memory, or
 * when a finished kit lacks it. */
int dna_kit_allele(dna_kit *k, int locus, const char *designation);
/* A mutation model for one locus instead of the kit's (before finishing). */
pl_rc dna_kit_set_mutation(dna_kit *k, int locus, const dna_mutation *m, pl_err *err);
/* Frequencies summing to 1, and the mutation matrices of m (NULL: none) or
 * of each locus's own model. PL_EINPUT when a model gives no probabilities. */
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
