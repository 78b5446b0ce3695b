/* The exact likelihood ratio of remains for a family, by the engine
 * (ped.h): what the screening stores, the report and the proposals show,
 * and `dna explain` lists locus by locus. One function for all of them,
 * so that they cannot disagree (docs/dna.md, "Screening and thresholds").
 *
 * The family becomes its pedigree alternatives (dna_kin_of_family: one
 * per placement of the relatives whose side is not known, weight w each).
 * At each locus where anyone of the family is typed, one dna_kin_locus
 * pass gives L1 (the remains on the missing person) and L0 (the remains
 * an unrelated extra founder) of every alternative for all the remains at
 * once. Over the whole profile
 *
 *   LR = sum_alt w prod_loci L1 / sum_alt w prod_loci L0
 *
 * (a placement is one hypothesis for all loci, not one per locus). A
 * locus where every alternative has L0 = 0 (the relatives contradict each
 * other there without mutation) says nothing: LR 1, as before.
 *
 * theta > 0 with more founders than the engine's sum over theta's
 * partitions allows (PL_ELIMIT) is not approximated silently: that locus
 * is computed exactly with theta 0, and *theta0 says so; the callers count
 * such pairs and never propose them on their own. */
#ifndef PARLEY_DNA_EXACT_H
#define PARLEY_DNA_EXACT_H

#include <stdbool.h>
#include <stddef.h>

#include "core/arena.h"
#include "core/err.h"
#include "dna/kinship.h"
#include "dna/profile.h"

/* log10 of an LR of 0: no pair survives one */
#define DNA_LOG_ZERO (-1000.0)

/* For the nr remains rem[0..nr) against family f under model m:
 * log10_lr[i] the exact log10 LR (DNA_LOG_ZERO for 0); if locus_lr is not
 * NULL, locus_lr[i * nloci + l] the LR of locus l alone (sum_alt w L1 /
 * sum_alt w L0 there; 1 where the family or the remains are not typed).
 * theta0[i] (may be NULL): some locus was computed with theta 0 (above).
 * `a` is scratch memory the call resets. PL_ENOMEM, PL_EINPUT for a
 * family that is not one, PL_ELIMIT when even theta 0 is beyond the
 * engine, each with err. */
pl_rc dna_exact_family(const dna_kit *k, const dna_family *f, const dna_model *m,
                       const dna_profile *const *rem, size_t nr, double *log10_lr, double *locus_lr,
                       bool *theta0, arena *a, pl_err *err);

/* The whole profile's log10 LR of remains i from each alternative's
 * log10 sums over the loci, s1[alt * nr + i] (H1) and s0[...] (H0), as
 * dna_exact_family combines them: the screening's tables per placement
 * give the same number without a recompute. */
struct dna_kin;
double dna_exact_mix(const struct dna_kin *kin, const double *s1, const double *s0, size_t nr, size_t i);

#endif
