/* Likelihood ratios of remains placed in a family entered as a pedigree
 * (a dna_kin, ped.h), every number from the engine (dna_ped_likelihood).
 *
 * Remains x_1..x_k placed at missing individuals j_1..j_k of the family
 * (each at most once), at one locus:
 *
 *   LR = sum_a w_a P_a(typed members, x_i at j_i)
 *      / sum_a w_a P_a(typed members, x_1..x_k unrelated)
 *
 * over the family's alternatives a with weights w_a; under the second
 * hypothesis each remains is a founder of its own beside the pedigree,
 * so that theta relates its alleles to the family's as Familias does, and
 * the missing individuals are untyped. With k = 1 this is the LR of one
 * remains being one missing person; with two (a father and son both
 * missing) the joint LR of both placed, which is not the product of the
 * two alone: each placed remains is a reference for the other. A locus no
 * member is typed at, or one of the remains is not, says nothing (1).
 *
 * Screening a family: each remains at each missing individual alone,
 * computed once per distinct genotype at a locus. Joint evaluation (dvir's
 * jointDVI, Vigeland and Egeland 2021): every assignment of the family's
 * candidate remains to its missing individuals, each at most one of each,
 * scored by its joint LR times the prior odds 1/(N - 1) per pair; a pair's
 * generalised LR is the best assignment with it over the best without. */
#ifndef PARLEY_DNA_KINLR_H
#define PARLEY_DNA_KINLR_H

#include <stddef.h>
#include <stdint.h>

#include "core/arena.h"
#include "core/buf.h"
#include "core/err.h"
#include "dna/ped.h"
#include "dna/screen.h"

enum { DNA_JOINT_REMAINS = 5 };   /* candidate remains of a family weighed jointly */

/* The LR at locus l of remains x[0..k) at the family's missing
 * individuals K->missing[at[i]]; *informative false (and *lr 1) where it
 * says nothing, and where the engine refuses the computation as beyond its
 * bound (PL_ELIMIT): then *beyond (if not NULL) is set, for the caller to
 * say which loci were left out. `a` is scratch memory. */
pl_rc dna_kin_locus_lr(const dna_kit *kit, int l, const dna_model *m, const dna_kin *K,
                       const int *at, const dna_profile *const *x, int k, double *lr,
                       bool *informative, bool *beyond, arena *a, pl_err *err);

/* The same over all loci: log10 LR, the loci compared, of those how many
 * no genotype explains without mutation (LR 0 without it), and how many
 * were left out beyond the engine's bound (inconsistent, beyond: NULL for
 * none). */
pl_rc dna_kin_lr(const dna_kit *kit, const dna_model *m, const dna_kin *K, const int *at,
                 const dna_profile *const *x, int k, double *log10_lr, int *loci,
                 int *inconsistent, int *beyond, arena *a, pl_err *err);

/* Screen remains[0..nr) against each missing individual of kins[0..nk):
 * the pairs reaching o->keep (log10) as kinship candidates, `other` being
 * first_other + the missing individual's number over all kins (in order);
 * those with more inconsistent loci than allowed counted in *excluded.
 * The candidates are appended to *cand (n, cap: a realloc'd array); the
 * loci left out of a family (beyond the engine's bound) said in notes. */
pl_rc dna_kins_screen(const dna_kit *kit, const dna_profile *remains, size_t nr,
                      const dna_kin *kins, size_t nk, const dna_screen_opts *o, uint32_t first_other,
                      dna_candidate **cand, size_t *n, size_t *cap, size_t *excluded, buf *notes,
                      pl_err *err);

/* Every sub-assignment a joint evaluation weighed (the empty one too):
 * pairs[e][t] the candidate (index into c) the t-th remains weighed takes
 * in sub-assignment e, -1 for none; log10_lr[e] its joint log10 LR
 * against nobody placed, without the prior. What the pairing
 * probabilities sum over (pairing.h). */
typedef struct dna_kin_table {
	size_t n;
	int (*pairs)[DNA_JOINT_REMAINS];
	double *log10_lr;
} dna_kin_table;

void dna_kin_table_free(dna_kin_table *t);

/* Joint evaluation in family K of the candidates c[0..nc) (kinship, of
 * K's missing individuals: c[i].other - first is the individual's number
 * in K, c[i].remains an index into remains), with prior odds
 * 10^prior_log10 per pair: odds[i] the log10 posterior odds of pair i
 * against the best explanation without it (its generalised LR times the
 * prior), NAN for a pair outside the family's best explanation; *best the
 * best explanation's log10 joint LR. Only the DNA_JOINT_REMAINS remains
 * with the best single LRs are weighed (*left: how many were not).
 * table (NULL: not wanted) gets every sub-assignment weighed, on success;
 * the caller frees it. */
pl_rc dna_kin_joint(const dna_kit *kit, const dna_model *m, const dna_kin *K, uint32_t first,
                    const dna_profile *remains, const dna_candidate *c, size_t nc,
                    double prior_log10, double *odds, double *best, int *left, dna_kin_table *table,
                    pl_err *err);

#endif
