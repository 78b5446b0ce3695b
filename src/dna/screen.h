/* Screening: every remains profile against every family, and against every
 * other remains profile, keeping the pairs whose LR reaches a threshold.
 *
 * For each family and locus the LR of every genotype the remains show
 * there (each distinct genotype once, and each apparent homozygote of a
 * degraded profile) is computed once (ftable.h) into a table of log10
 * LRs; each remains profile then costs one lookup per locus: the sum of
 * the entries its genotypes point at. A locus not typed in the remains or
 * in the family points at an entry of 0 (LR 1). Families are shared out
 * among threads. The same is done with each remains profile as the
 * "family" of an identity (two remains of one person).
 *
 * The tables are the engine's (ftable.h; docs/dna.md, "Screening and
 * thresholds"): for a family of one pedigree a remains profile's sum is
 * its exact log10 LR; for relatives of unknown side the table holds the
 * largest placement, a bound, and the pairs that reach the threshold get
 * their exact LR from each placement's values kept beside it. Only where
 * the engine cannot sum theta's partitions does a family fall back to the
 * fast formulas (pedigree.h) plus a margin per locus as a filter, each
 * passing pair then recomputed by dna_exact_family. The exact LR is the
 * one stored and shown.
 *
 * A pair kept is then looked at closely: the loci compared, and the loci
 * no genotype explains without mutation (inconsistent). More inconsistent
 * loci than allowed exclude the pair whatever its LR: one or two
 * mutations happen, many mean another relationship. Two remains of one
 * person use dna_identity_lr's closed form, which is the engine's.  */
#ifndef PARLEY_DNA_SCREEN_H
#define PARLEY_DNA_SCREEN_H

#include <stddef.h>
#include <stdint.h>

#include "dna/kinship.h"

typedef struct dna_screen_opts {
	dna_model model;
	double keep;              /* log10 LR from which a pair is kept */
	int max_inconsistent;     /* loci without a Mendelian explanation allowed */
	int threads;              /* 0: one per core */
	bool identity;            /* also remains against remains */
	bool kinship;             /* remains against families (normally true) */
	double widen;             /* log10 per locus added to dna_screen_margin (0; tests widen the filter) */
} dna_screen_opts;

typedef struct dna_candidate {
	uint32_t remains;         /* index of the remains profile */
	uint32_t other;           /* kinship: the family's index; identity: the other remains' */
	double log10_lr;
	uint8_t loci;             /* loci typed on both sides */
	uint8_t inconsistent;     /* of those, how many no genotype explains without mutation */
	bool identity;
	bool theta0;              /* some locus computed with theta 0: the engine cannot sum theta there */
} dna_candidate;

typedef struct dna_screen_result {
	dna_candidate *cand;      /* kinship first, then identity; each by remains, then other */
	size_t n;
	size_t excluded;          /* reached the threshold with too many inconsistent loci */
	size_t theta0;            /* kept pairs with a locus computed with theta 0 (exact.h) */
	uint64_t examined;        /* remains x families that passed the filter and were recomputed */
	uint64_t families_exact;  /* families whose table was the engine's, exact: nothing recomputed */
	uint64_t table_hits;      /* family tables at a locus found in the cache (ftable.h) */
	uint64_t table_misses;    /* and computed by the engine */
	uint64_t pairs;           /* remains x reference profiles compared */
	uint64_t family_pairs;    /* remains x families */
	uint64_t identity_pairs;
	size_t slots;             /* distinct genotypes the remains show, over all loci */
	int threads;
	double seconds;           /* the kinship screen, tables included */
	double seconds_tables;    /* of which computing the families' tables (summed over threads) */
	double seconds_exact;     /* and the exact recompute of the examined pairs (summed likewise) */
	double seconds_identity;
} dna_screen_result;

pl_rc dna_screen(const dna_kit *k, const dna_profile *remains, size_t nremains,
                 const dna_family *families, size_t nfamilies, const dna_screen_opts *o,
                 dna_screen_result *out, pl_err *err);
void dna_screen_result_free(dna_screen_result *r);

/* The filter's margin in log10 per locus compared for model m: what the
 * tables may fall short of the exact LR at one locus (docs/dna.md). */
double dna_screen_margin(const dna_model *m);

/* A pair looked at locus by locus (for explain): lr[l] the exact LR at
 * each locus of the kit alone (1 where either side is not typed),
 * consistent[l] whether a genotype explains it without mutation, and the
 * totals; log10_lr is the exact LR over the whole profile, the one the
 * screening stores (with relatives of unknown side it is not the product
 * of the loci's: exact.h). other_remains is NULL for kinship with family
 * f. theta0: some locus computed with theta 0 (exact.h). */
typedef struct dna_pair_detail {
	double *lr;
	bool *consistent, *compared;
	double log10_lr;
	int loci, inconsistent;
	bool theta0;
} dna_pair_detail;

pl_rc dna_pair_explain(const dna_kit *k, const dna_profile *remains, const dna_family *f,
                       const dna_profile *other_remains, const dna_model *m, arena *a,
                       dna_pair_detail *out, pl_err *err);

#endif
