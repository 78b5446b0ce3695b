/* What a family's relatives say about their missing person's genotype.
 *
 * At each locus, the relatives typed there and the missing person M form a
 * pedigree: M's parents F and Mo, their parents (the grandparents) with
 * their other children (uncles and aunts) and grandchildren (cousins, each
 * through an untyped uncle or aunt of their own), M's full siblings, half
 * siblings through F or Mo (each with an other parent of their own), and
 * M's children with a partner. Anyone not typed is summed over. The sum is
 * the joint probability J(g) = P(M has genotype g, the relatives' genotypes)
 * and the LR of remains showing g is
 *
 *   LR(g) = [J(g) / sum_h J(h)] / P(g)
 *
 * the probability of g given the relatives over its probability in the
 * population (P(g) by the sampling formula, after the relatives' alleles:
 * kinship.h). For a single relative this is the IBD formula of kinship.h,
 * which is what is used then unless the model has mutation and the
 * relative is not a parent or a child (the IBD formula has no mutation
 * term for them); for both parents A/B and a child A/A it is
 * (1/4) / p(A)^2.
 *
 * The sum runs over ordered genotypes (which allele came from the father)
 * as sums of products of vectors over the alleles: a sibship of k children
 * costs about 4^k n operations for n alleles instead of n^4 per genotype
 * pair of its parents, so that it is computed once per family and locus
 * for every genotype the remains of a screening show (Lander and Green's
 * inheritance vectors, with the founders' alleles summed one at a time).
 * Every transmission may mutate (kit.h): from F with the paternal rate,
 * from Mo the maternal, from M by M's sex, from a grandparent or an uncle
 * or aunt of unknown sex their mean. With theta > 0, alleles of people
 * not typed are drawn as the next allele after those of the relatives
 * (an approximation that is exact for one parent). A relative whose side
 * is not known is put on each side (for up to three of them; more are put
 * on the side of the parent not typed) and the LR is the LARGEST over
 * these placements: these tables are the screening's filter, an upper
 * bound of the exact LR over the whole profile (exact.h), which the pairs
 * that pass are recomputed with (screen.h). At theta 0 each placement's
 * LR is the engine's (tests/unit/dna/test_exact.c); with theta > 0 the
 * difference is bounded per locus (docs/dna.md, "Screening").  */
#ifndef PARLEY_DNA_PEDIGREE_H
#define PARLEY_DNA_PEDIGREE_H

#include <stdbool.h>

#include "core/arena.h"
#include "core/err.h"
#include "dna/kinship.h"

/* lr[i]: the LR of family f's missing person showing obs[i] at locus l
 * (0 if no genotype explains it). *informative: whether any relative is
 * typed there (if not, every LR is 1). `a` is scratch memory the call
 * resets. PL_ENOMEM only. */
pl_rc dna_family_locus(const dna_kit *k, int l, const dna_family *f, const dna_model *m,
                       const dna_obs *obs, int nobs, double *lr, bool *informative, arena *a);

/* Whether a relative other than a partner is typed at locus l: the loci
 * a pair counts as compared. */
bool dna_family_informative(const dna_family *f, int l);

/* Two remains of one person: the LR of remains showing x at locus l given
 * that other remains show ref (either may be a degraded homozygote). */
double dna_identity_lr(const dna_locus *L, const dna_model *m, dna_obs ref, dna_obs x);

#endif
