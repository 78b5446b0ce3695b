/* Joint assignment of remains to missing persons, as dvir does it
 * (Vigeland and Egeland 2021, "Handling missing persons and unidentified
 * remains in disaster victim identification"), with the prior of one over
 * the number of missing persons N.
 *
 * An explanation assigns each remains to at most one missing person and
 * each missing person to at most one remains. It is scored by its
 * posterior odds against assigning nobody: the product over its pairs of
 * LR x 1/(N - 1), the prior odds of any one pair. A pair whose LR is not
 * above N - 1 makes no explanation more likely and is never made.
 *
 * First the undisputed pairs, as dvir's findUndisputed: a pair whose
 * posterior odds are at least 10^4 and 10^4 times those of every other
 * pair of its remains and of its missing person is taken, and both leave
 * the search; again until none is left. The other pairs link remains and
 * missing persons into groups (several remains matching one family, one
 * remains matching several missing brothers); in each group a branch-and-
 * bound search finds the best explanation, then again without each of its
 * pairs. A pair's generalised LR is the best explanation with it over the
 * best without it (dvir's), and its posterior odds the same ratio of
 * posterior odds: the posterior probability of the identification against
 * the best alternative explanation.
 *
 * Where the search would take more than `cap` steps in a group, and for
 * undisputed pairs, a pair e = (r, m) is taken if its odds beat those of
 * its best rivals at r and at m together, with those rivals' as the
 * alternative: without e the best explanation, less its pairs at r and m,
 * plus e, is no better than the best with e, so this never overstates the
 * evidence. Unlike dvir, pairs are scored one by one: two identified
 * remains are not used as references for each other's relatives. */
#ifndef PARLEY_DNA_ASSIGN_H
#define PARLEY_DNA_ASSIGN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/err.h"
#include "dna/screen.h"

enum { DNA_ASSIGN_CAP = 1000000, DNA_UNDISPUTED = 4 /* log10 */ };

typedef struct dna_assignment {
	bool *best;               /* per candidate: in its group's best explanation */
	double *log10_glr;        /* per candidate in the best: its generalised LR; else NAN */
	double *log10_odds;       /* per candidate in the best: its posterior odds; else NAN */
	int *group;               /* per candidate: its group, -1 if none */
	size_t undisputed;        /* pairs taken before the search */
	size_t groups, capped;    /* groups searched, and those where the search stopped at the cap */
	long steps;               /* search steps taken in all */
} dna_assignment;

/* Assign among the kinship candidates c[0..n) (identity ones are left
 * alone), for `missing` missing persons. unit (NULL: none) joins fragments
 * of one person: unit[r] is the same for all remains r of one person; they
 * are assigned as one, with their best LR for each family, and each gets
 * the result. cap <= 0: DNA_ASSIGN_CAP. */
pl_rc dna_assign(const dna_candidate *c, size_t n, const uint32_t *unit, double missing, long cap,
                 dna_assignment *out, pl_err *err);
void dna_assignment_free(dna_assignment *a);
/* For each kinship candidate c[i]: leader[i], the candidate of its unit
 * (unit[remains]; NULL: the remains) and family with the best LR, the
 * first of equals; SIZE_MAX for an identity candidate. So fragments of one
 * person are one remains with their best LR, in the joint assignment and
 * in the pairing probabilities (pairing.h). */
pl_rc dna_unit_leaders(const dna_candidate *c, size_t n, const uint32_t *unit, size_t *leader,
                       pl_err *err);
/* unit[] from the identity candidates whose LR reaches min_log10: each
 * remains r of nremains gets the smallest index of those joined to it. */
pl_rc dna_units(const dna_candidate *c, size_t n, size_t nremains, double min_log10,
                uint32_t **unit, pl_err *err);

/* A probability from log10 odds. */
double dna_odds_probability(double log10_odds);
/* The posterior probability of one pair alone from its log10 LR, with a
 * prior of one over `missing`. */
double dna_posterior(double log10_lr, double missing);
/* log10 of the prior odds of one pair: 1 / (missing - 1). */
double dna_prior_log10(double missing);

#endif
