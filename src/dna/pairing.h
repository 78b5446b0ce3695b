/* Posterior pairing probabilities, as dvir's Bmarginal computes them from
 * jointDVI's table of assignments (Vigeland and Egeland 2021).
 *
 * An explanation assigns each remains to at most one missing person and
 * each missing person to at most one remains, along the candidate pairs
 * (the empty explanation and every partial one included). Its posterior
 * weight is the product over its pairs of LR x 1/(N - 1), the prior odds
 * of one pair that the screening uses everywhere (assign.h): dvir's
 * Bmarginal with the prior (1/(N - 1))^(pairs) over the assignments, which
 * is dvir's default flat prior when N <= 2. For a family weighed jointly
 * (a pedigree with several missing persons, kinlr.h) the product takes
 * the joint LR of the family's pairs in the explanation instead of the
 * product of their own LRs.
 *
 * The pairing probability of a pair is the weight of the explanations
 * that make it over the weight of all; that a remains is none of its
 * candidates, the weight of those that leave it unassigned; that a
 * missing person is none of the remains, likewise. Explanations are
 * enumerated per group: the remains and missing persons linked by
 * candidate pairs, and by a family weighed jointly. Every candidate takes
 * part, the undisputed ones and those too weak to improve an explanation
 * too (they add weight to a sum where they add nothing to a maximum).
 *
 * Exact where a group's enumeration fits `cap` steps; where it does not,
 * or where a family's joint LRs are not all known, the group's pairs get
 * no number (NAN) and a reason, and are counted. A group too large to
 * enumerate (with no family weighed jointly in it) gets bounds on each
 * pair's probability instead: exact bounds, from the recursion of
 * Godsil's path tree cut at a depth (pairing.c), deepened until they meet
 * to DNA_PAIRING_WIDTH or a depth would take more than
 * DNA_PAIRING_BOUND_STEPS; never a number between them. */
#ifndef PARLEY_DNA_PAIRING_H
#define PARLEY_DNA_PAIRING_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/err.h"
#include "dna/kinlr.h"
#include "dna/screen.h"

/* The enumeration's steps a group; the steps of one depth of a pair's
 * bounds; the bounds' width at which they stop deepening. */
enum { DNA_PAIRING_CAP = 1000000, DNA_PAIRING_BOUND_STEPS = 100000 };
#define DNA_PAIRING_WIDTH 1e-6  /* the places shown */

/* Why a candidate has no pairing probability. */
typedef enum dna_pairing_why {
	DNA_PAIRING_EXACT,        /* it has one, exact */
	DNA_PAIRING_NA,           /* an identity candidate: not a pairing */
	DNA_PAIRING_CAPPED,       /* its group has more explanations than the cap allows */
	DNA_PAIRING_JOINT,        /* its group holds pairs of a family weighed jointly whose joint
	                           * LRs are not known (beyond the engine's bound, or remains the
	                           * joint evaluation did not weigh) */
} dna_pairing_why;

/* A family weighed jointly: its candidates, and the joint LR of each
 * sub-assignment of them that dna_kin_joint evaluated. */
typedef struct dna_pairing_family {
	const size_t *at;         /* its candidates: at[k] indexes c, k < n */
	size_t n;
	bool unknown;             /* no joint LRs (the engine refused them): its groups get none */
	size_t rows;
	int (*pairs)[DNA_JOINT_REMAINS];  /* each sub-assignment's candidates as k, -1: none */
	const double *log10_lr;   /* and its joint log10 LR against nobody placed */
} dna_pairing_family;

/* What the pairing probabilities of a screening came to (in its summary
 * too, dna.h). */
typedef struct dna_pairing_counts {
	size_t groups;            /* groups enumerated exactly */
	size_t capped, joint;     /* groups without: over the cap; a family's joint LRs unknown */
	size_t capped_pairs, joint_pairs;  /* candidates in those */
	size_t bounded, bounded_pairs;     /* capped groups bounded (no family weighed jointly in
	                           * them), and their candidates */
	size_t theta0_pairs;      /* candidates whose group holds a pair computed with theta 0 */
	double explanations;      /* explanations of the groups enumerated exactly */
	long steps, bound_steps;  /* of the enumeration and of the bounds, in all */
	double seconds;           /* the time it took (the screening run's) */
} dna_pairing_counts;

typedef struct dna_pairing {
	double *pairing;          /* per candidate: its posterior pairing probability, else NAN */
	double *pairing_lo, *pairing_hi;  /* per candidate: bounds on it (both = it where exact),
	                           * NAN where there are none */
	double *remains_none;     /* per candidate: that its remains are none of their candidates */
	double *person_none;      /* per candidate: that its missing person is none of the remains */
	uint8_t *why;             /* per candidate: dna_pairing_why */
	dna_pairing_counts counts;
} dna_pairing;

/* The pairing probabilities of the kinship candidates c[0..n) for
 * `missing` missing persons. unit (NULL: none) joins fragments of one
 * person as dna_assign does: one remains, with its best LR for each
 * person, each fragment getting the result. fam[0..nfam): families
 * weighed jointly. cap <= 0: DNA_PAIRING_CAP steps a group. */
pl_rc dna_pairing_compute(const dna_candidate *c, size_t n, const uint32_t *unit, double missing,
                          const dna_pairing_family *fam, size_t nfam, long cap, dna_pairing *out,
                          pl_err *err);
void dna_pairing_free(dna_pairing *p);

#endif
