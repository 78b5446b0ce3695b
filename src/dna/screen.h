/* Screening: every remains profile against every family, and against every
 * other remains profile, keeping the pairs whose LR reaches a threshold.
 *
 * For each family and locus the LR of every genotype the remains show
 * there (each distinct genotype once, and each apparent homozygote of a
 * degraded profile) is computed once (pedigree.h) into a table of log10
 * LRs; each remains profile then costs one lookup per locus: the sum of
 * the entries its genotypes point at. A locus not typed in the remains or
 * in the family points at an entry of 0 (LR 1). Families are shared out
 * among threads. The same is done with each remains profile as the
 * "family" of an identity (two remains of one person).
 *
 * A pair kept is then looked at closely: the loci compared, and the loci
 * no genotype explains without mutation (inconsistent). More inconsistent
 * loci than allowed exclude the pair whatever its LR: one or two
 * mutations happen, many mean another relationship. */
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
} dna_screen_opts;

typedef struct dna_candidate {
	uint32_t remains;         /* index of the remains profile */
	uint32_t other;           /* kinship: the family's index; identity: the other remains' */
	double log10_lr;
	uint8_t loci;             /* loci typed on both sides */
	uint8_t inconsistent;     /* of those, how many no genotype explains without mutation */
	bool identity;
} dna_candidate;

typedef struct dna_screen_result {
	dna_candidate *cand;      /* kinship first, then identity; each by remains, then other */
	size_t n;
	size_t excluded;          /* reached the threshold with too many inconsistent loci */
	uint64_t pairs;           /* remains x reference profiles compared */
	uint64_t family_pairs;    /* remains x families */
	uint64_t identity_pairs;
	size_t slots;             /* distinct genotypes the remains show, over all loci */
	int threads;
	double seconds;           /* the kinship screen, tables included */
	double seconds_tables;    /* of which computing the families' tables (summed over threads) */
	double seconds_identity;
} dna_screen_result;

pl_rc dna_screen(const dna_kit *k, const dna_profile *remains, size_t nremains,
                 const dna_family *families, size_t nfamilies, const dna_screen_opts *o,
                 dna_screen_result *out, pl_err *err);
void dna_screen_result_free(dna_screen_result *r);

/* A pair looked at locus by locus (for explain, and for the pairs kept):
 * lr[l] the LR at each locus of the kit (1 where either side is not
 * typed), consistent[l] whether a genotype explains it without mutation,
 * and the totals. other_remains is NULL for kinship with family f. */
typedef struct dna_pair_detail {
	double *lr;
	bool *consistent, *compared;
	double log10_lr;
	int loci, inconsistent;
} dna_pair_detail;

pl_rc dna_pair_explain(const dna_kit *k, const dna_profile *remains, const dna_family *f,
                       const dna_profile *other_remains, const dna_model *m, arena *a,
                       dna_pair_detail *out, pl_err *err);

#endif
