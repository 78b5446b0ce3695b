/* Sampling advice: how well a family's references can identify their
 * missing person, and which relative not yet sampled would help most
 * (docs/dna.md, "Sampling advice").
 *
 * For a missing person M of a family (ped.h, dna_kin) with the references
 * already typed:
 *
 *   inclusion power  the probability that M's own remains would reach the
 *                    proposal threshold (an LR of 10^needed: a pair with no
 *                    rival, assign.h), as forrel's missingPersonIP (Vigeland
 *                    et al. 2020): M's profile is drawn locus by locus from
 *                    P(g | references), which is proportional to the
 *                    engine's likelihood of the pedigree with M typed g
 *                    (each genotype enumerated), and its LR is the engine's
 *                    L(M typed g) / L(M untyped, an unrelated founder typed
 *                    g); loci are independent given the pedigree, so the
 *                    total is the sum of the loci's log10 LRs;
 *   exclusion power  the probability that an unrelated person's genotype is
 *                    incompatible with the references at some locus, with
 *                    mutation switched off: forrel's missingPersonEP
 *                    (EPtotal = 1 - prod(1 - EP_l), EP_l the population
 *                    probability of the genotypes the pedigree gives
 *                    likelihood 0; Egeland, Pinto and Vigeland 2014),
 *                    exactly; and by screening's rule, the probability that
 *                    more loci than max_inconsistent are incompatible (the
 *                    Poisson-binomial tail of the EP_l), also exactly;
 *   the relatives    for each relative not yet sampled (dna_ask), the
 *                    inclusion power once they are typed: M and the new
 *                    relative R are drawn jointly given the references (M
 *                    first, then R given the references and M), and the
 *                    LR of M's profile is computed with R as a reference.
 *                    R's distribution for every genotype of M comes from
 *                    one pass of the engine over M and R together
 *                    (advice_pair.h); a child's other parent new to the
 *                    family by Mendel's law (advice_locus.h).
 *
 * Each distribution to draw from is one pass of the engine that leaves the
 * individual free (dna_ped_joint), not one call per genotype. The model's
 * theta must be 0 (PL_EUSAGE otherwise): an unrelated person is then
 * independent of the family, and the LR's denominator the family's
 * likelihood times their Hardy-Weinberg probability.
 *
 * Draws are seeded (the seed and the missing person's id), so a result is
 * the same every time; the relatives' simulations reuse M's draws (common
 * random numbers), so that a gain is not noise between two independent
 * estimates. Simulated profiles are complete and not degraded at the
 * family's loci (those typed in any of its references). */
#ifndef PARLEY_DNA_ADVICE_H
#define PARLEY_DNA_ADVICE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/arena.h"
#include "core/err.h"
#include "dna/kinship.h"
#include "dna/ped.h"

/* The relatives a family may be asked for. */
typedef enum dna_ask {
	DNA_ASK_FATHER,
	DNA_ASK_MOTHER,
	DNA_ASK_FULL_SIB,
	DNA_ASK_CHILD,            /* with the child's other parent not typed (or typed already) */
	DNA_ASK_CHILD_AND_PARENT, /* a child and the child's other parent, both */
	DNA_ASK_HALF_SIB_PAT,     /* through the father */
	DNA_ASK_HALF_SIB_MAT,
	DNA_ASK_GRANDPARENT_PAT,
	DNA_ASK_GRANDPARENT_MAT,
	DNA_ASK_UNCLE_PAT,        /* an uncle or aunt: a full sibling of the father */
	DNA_ASK_UNCLE_MAT,
	DNA_ASK_COUNT
} dna_ask;

/* "father", "mother", "full_sibling", "child", "child_and_other_parent",
 * "paternal_half_sibling", ...; NULL-terminated. */
extern const char *const dna_ask_names[DNA_ASK_COUNT + 1];
/* For the office: "the father", "a full brother or sister", ... */
extern const char *const dna_ask_phrases[DNA_ASK_COUNT];

/* The family pedigree p with what `ask` adds for missing individual m:
 * *out is a copy (arrays in a) where r[0..*nr) are the individuals to type
 * (M's parents are added as founders if M has none; a grandparent's pair,
 * an uncle's parents, a child's other parent as needed). *nr is 0 when
 * the relative is typed already (the father, both grandparents of a side).
 * PL_ENOMEM only. */
pl_rc dna_ask_edit(const dna_pedigree *p, int m, dna_ask ask, dna_pedigree *out, int r[2], int *nr,
                   arena *a, pl_err *err);

typedef struct dna_advice_opts {
	dna_model model;
	double log10_needed;      /* the log10 LR of a proposal with no rival */
	int max_inconsistent;     /* screening's rule (2) */
	int simulations;          /* per estimate (DNA_ADVICE_SIMULATIONS) */
	uint64_t seed;
	bool relatives;           /* also the relatives not sampled */
	bool exact;               /* no lumping of the alleles no one shows (slower) */
	bool one_by_one;          /* a relative's distribution for each genotype of M by a pass of
	                           * its own, not from their joint table (slower; the same figures
	                           * without mutation: for tests) */
	bool members;             /* a family of a pedigree file: also each individual of it not
	                           * typed (dna_advice_members); the relatives asked for then only
	                           * those new to the pedigree */
} dna_advice_opts;

enum { DNA_ADVICE_SIMULATIONS = 1000, DNA_ADVICE_MEMBERS = 32 };

typedef struct dna_power {
	double included;          /* inclusion power: P(a true match reaches the threshold) */
	double mean_log10_lr;     /* of a true match */
	double ep;                /* forrel's EPtotal, exact */
	double ep_rule;           /* P(more than max_inconsistent loci incompatible), exact */
} dna_power;

typedef struct dna_advice {
	dna_power now;
	int loci;                 /* the family's loci */
	double after[DNA_ASK_COUNT];  /* inclusion power with that relative typed; NAN if not asked */
	int nmember;              /* (members) the individuals not typed weighed, nearest first */
	int members_left;         /* and those beyond DNA_ADVICE_MEMBERS, not weighed */
	int member[DNA_ADVICE_MEMBERS];         /* their individuals in the pedigree */
	double member_after[DNA_ADVICE_MEMBERS]; /* inclusion power with them typed */
	int best;                 /* the dna_ask that raises it most, or -1 (none raises it) */
	int best_member;          /* the member (its place in member[]) that does, or -1; when there
	                           * is one, the advice: in a pedigree its individuals not typed are
	                           * the ones to ask, a relative new to it only when none helps */
	double gain;              /* the advice's: member_after[best_member] or after[best], less
	                           * now.included */
	long engine_calls;
} dna_advice;

/* The advice for kin->missing[which], over the loci of kit k. */
pl_rc dna_advise(const dna_kit *k, const dna_kin *kin, int which, const dna_advice_opts *o,
                 dna_advice *out, pl_err *err);

/* One missing person to advise: kin->missing[which] (of a pedigree file's
 * family: `members` for it); out, rc and err filled by dna_advise_jobs (rc
 * and err as dna_advise's). */
typedef struct dna_advice_job {
	const dna_kin *kin;
	int which;
	bool pedigree;
	dna_advice out;
	pl_rc rc;
	pl_err err;
} dna_advice_job;

enum { DNA_ADVICE_THREADS = 2 };

/* dna_advise for every job, on `threads` threads (0: DNA_ADVICE_THREADS),
 * each job on its own (its seed is the missing person's, so a result does
 * not depend on the threads or the other jobs). A job's failure is its
 * rc and err; the calling thread works too, so when no other thread can
 * start it does every job itself. */
void dna_advise_jobs(const dna_kit *k, dna_advice_job *jobs, size_t n, const dna_advice_opts *o,
                     int threads);

/* P(more than t of the independent events of probabilities p[0..n) happen). */
double dna_poibin_tail(const double *p, int n, int t);
/* Index of the draw u in [0, 1) from cumulative weights cdf[0..n) (the last
 * their total): the first i with u * total < cdf[i], skipping weight 0. */
int dna_draw_cdf(const double *cdf, int n, double u);

/* The individuals of kin's pedigree (its first alternative) who are not
 * typed and could tell something of missing individual m: not m, not one
 * of kin's missing persons, untyped in every alternative, and not cut off
 * from m by typed individuals (d-separation in the pedigree's genotype
 * network: the typed removed from the moral graph of the ancestral set of
 * m, them and the typed). Nearest to m first (by parent-child steps), up
 * to `most` of them in member[]; *left those beyond. Returns how many, or
 * -1 when memory runs out. */
int dna_advice_members(const dna_kin *kin, int m, int *member, int most, int *left);

/* A minimal family pedigree from the relationship columns (profile.h):
 * M is individual 0, its parents 1 and 2; relatives of unknown side give
 * alternatives (up to 3 of them; more go to the paternal side), equally
 * weighted, placements that overfill a side left out. Grandparents are
 * put as the grandfather first; M of unknown sex with children is the
 * father. PL_EINPUT with the reason when no placement fits. */
pl_rc dna_advice_kin(const dna_family *f, dna_kin *out, arena *a, pl_err *err);

#endif
