/* The sampling advice's joint table of the missing person M and one
 * relative R at a locus, in one pass of the engine (dna_ped_joint2), from
 * which R's genotype distribution given any genotype of M follows
 * (docs/dna.md, "Sampling advice"; used by advice.c).
 *
 * The alleles someone of the family shows ("seen") are classes of their
 * own; those no one shows are four exchangeable classes Z0..Z3 of a
 * quarter of their summed frequency P each. At theta 0 and without
 * mutation, the probability that M and R carry given alleles is, over the
 * partitions pi of their copies of unseen alleles into groups identical
 * by descent (each group one founder allele),
 *
 *   sum_pi c_pi prod_{groups g} p(allele of g)
 *
 * with c_pi not depending on which unseen alleles they are. The table with
 * the four classes gives, at a labelling of kernel sigma (the copies with
 * the same class), F(sigma) = sum_{pi <= sigma} c_pi (P/4)^|pi|, so that
 * Moebius inversion over the partition lattice,
 *
 *   c_pi (P/4)^|pi| = sum_{sigma <= pi} mu(sigma, pi) F(sigma),
 *   mu = prod over the blocks of pi of (-1)^(k-1) (k-1)!  (k: sigma's blocks in it),
 *
 * recovers each c_pi, and with it the probability for the alleles drawn.
 * So the distribution for every genotype of M comes from one pass, not
 * one pass per genotype (the unseen alleles drawn for M are many). With
 * mutation the four classes mutate to and from the seen alleles at the
 * frequency-weighted mean rate of the unseen ones, and not among
 * themselves (a mutation from one unseen allele to another is not
 * modelled): the lumped allele's approximation, as in M's own draws. */
#ifndef PARLEY_DNA_ADVICE_PAIR_H
#define PARLEY_DNA_ADVICE_PAIR_H

#include <stdbool.h>
#include <stdint.h>

#include "core/arena.h"
#include "core/err.h"
#include "dna/kinship.h"
#include "dna/ped.h"

/* One pedigree alternative of the scenario, weighted: obs in the locus's
 * numbering (M's as sampled, R untyped; every allele typed a seen one),
 * M and R its individuals m and r. */
typedef struct dna_pair_alt {
	const dna_ped *ped;
	const dna_obs *obs;
	double w;
	int m, r;
} dna_pair_alt;

typedef struct dna_pairtab {
	const dna_locus *O;
	int s, K;                 /* seen classes 0..s-1; K = s + 4, or s when nothing is unseen */
	int16_t *cls;             /* locus allele -> its class, or -1 when unseen */
	double P;                 /* the unseen alleles' summed frequency */
	double *b;                /* K^4 (M's father's, mother's, R's father's, mother's allele):
	                           * c_pi (P/4)^|pi| at the canonical labellings */
	double *bR;               /* K^2: the same for R alone, M as sampled summed out */
	double *bM;               /* K^2: the same for M alone, R summed out */
} dna_pairtab;

/* The table of the alternatives alt[0..nalt) at locus O, `seen` the
 * alleles the family shows (theta 0). Everything in a; scratch is the
 * engine's (dna_ped_joint2). PL_ELIMIT from the engine as it says,
 * PL_EUSAGE for an allele typed that is not seen. */
pl_rc dna_pairtab_build(const dna_locus *O, const bool *seen, const dna_model *mod,
                        const dna_pair_alt *alt, int nalt, dna_pairtab *t, arena *a,
                        arena *scratch, pl_err *err);

/* The classes R's genotype is told in: the locus alleles orig[0..k)
 * (ascending: the seen ones and M's unseen ones), and when `lumped` one
 * more, every other allele; slots dna_slot over those k (+ 1). */
typedef struct dna_pair_classes {
	const int16_t *orig;
	int k;
	bool lumped;
} dna_pair_classes;

/* v[slot] = sum over alternatives of w L(references, M has genotype g
 * (M's own sample's probability included), R has the slot's genotype). */
void dna_pairtab_given(const dna_pairtab *t, dna_obs g, const dna_pair_classes *c, double *v);
/* v[slot] = sum over alternatives of w L(references, M as sampled, R has
 * the slot's genotype). */
void dna_pairtab_marginal(const dna_pairtab *t, const dna_pair_classes *c, double *v);
/* v[slot] = sum over alternatives of w L(references, M has the slot's
 * genotype, M's own sample's probability included): M's genotypes told
 * in the classes c. */
void dna_pairtab_missing(const dna_pairtab *t, const dna_pair_classes *c, double *v);

#endif
