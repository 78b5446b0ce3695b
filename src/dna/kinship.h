/* Likelihood ratios of kinship between remains and one relative, at a locus.
 *
 * LR = P(remains' genotype | the relative's genotype, related as R)
 *    / P(remains' genotype | the relative's genotype, unrelated)
 *    = k0 + k1 P1 / P0 + k2 P2 / P0
 *
 * with (k0, k1, k2) the probabilities of sharing 0, 1 or 2 alleles
 * identical by descent (profile.h); P0 the probability of the genotype as
 * two alleles drawn from the population, P1 as one allele copied from the
 * relative (each of theirs with probability 1/2) and one drawn, P2 1 if
 * the genotypes are the same. Draws follow the subpopulation sampling
 * formula of NRC II (1996) recommendation 4.10 (Balding and Nichols 1994):
 * having seen n alleles of which m are x, the next is x with probability
 * (m theta + (1 - theta) p_x) / (1 + (n - 1) theta); the relative's two
 * alleles are seen first. With theta = 0, father and child both A/A give
 * 1/p(A).
 *
 * Between a parent and a child the copied allele may have mutated on the
 * way (kit.h): with the father's or the mother's rate, or for a child of
 * the missing person with the rate of the missing person's sex. A single
 * step then lowers the LR instead of excluding.
 *
 * Remains may be degraded: an apparent homozygote A may be A/A or A/x with
 * x dropped out. With drop-out probability d per allele, given that the
 * locus gave a result, A/x shows as A alone with probability d / (1 + d)
 * and A/A always as A; both probabilities of the LR sum over what the
 * genotype may be. */
#ifndef PARLEY_DNA_KINSHIP_H
#define PARLEY_DNA_KINSHIP_H

#include <stdbool.h>

#include "dna/kit.h"
#include "dna/profile.h"

typedef struct dna_model {
	double theta;       /* subpopulation correction (NRC II 4.10): 0 to 0.25 */
	double dropout;     /* per allele, for apparent homozygotes of degraded remains */
	bool mutation;      /* use the kit's mutation matrices */
} dna_model;

/* What remains show at a locus: a genotype a <= b, an apparent homozygote
 * that may hide a drop-out (dropout set, a == b), or nothing (a < 0). */
typedef struct dna_obs {
	int16_t a, b;
	bool dropout;
} dna_obs;

/* The observation of profile x at locus l under model m. */
static inline dna_obs dna_obs_of(const dna_profile *x, int l, const dna_model *m)
{
	dna_geno g = x->g[l];
	return (dna_obs){g.a, g.b, x->degraded && g.a == g.b && g.a >= 0 && m->dropout > 0};
}

/* The two probabilities, n under "related as rel" and z under
 * "unrelated", of remains showing x given the relative's genotype y. The
 * missing person's sex decides the mutation rate towards their children. */
void dna_pair_nz(const dna_locus *L, const dna_model *m, dna_rel rel, dna_sex sex, dna_geno y,
                 dna_obs x, double *n, double *z);
/* n / z; 1 where either is untyped. */
double dna_pair_lr(const dna_locus *L, const dna_model *m, dna_rel rel, dna_sex sex, dna_geno y,
                   dna_obs x);

/* The probability of drawing x after `seen` alleles of which m are x
 * (the sampling formula above); seen 0: p. */
static inline double dna_draw(double p, double theta, int m, int seen)
{
	return seen ? (theta * m + (1 - theta) * p) / (1 + (seen - 1) * theta) : p;
}

/* Which mutation matrix a transmission from a parent of that sex uses. */
int dna_mutation_from(dna_sex sex);

#endif
