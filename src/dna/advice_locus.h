/* A locus as the sampling advice sees it (advice.c): the alleles someone
 * of the family shows and those drawn so far explicit, all the others one
 * lumped allele; genotypes as slots (kit.h, dna_slot); and Mendel's law on
 * it for a child of the missing person and an other parent new to the
 * family (docs/dna.md, "Sampling advice").
 *
 * Lumping: without mutation and theta a likelihood is the same whichever
 * allele no one shows an individual has, so the lumped locus gives the
 * exact likelihoods in far fewer genotypes (Familias and pedprobr lump
 * alleles so); with mutation the lumped allele mutates as the
 * frequency-weighted mean of its members. */
#ifndef PARLEY_DNA_ADVICE_LOCUS_H
#define PARLEY_DNA_ADVICE_LOCUS_H

#include <stdbool.h>
#include <stdint.h>

#include "core/arena.h"
#include "core/err.h"
#include "core/rng.h"
#include "dna/kinship.h"
#include "dna/profile.h"

typedef struct dna_alocus {
	dna_locus L;              /* k explicit alleles, then the lumped one if it has a frequency */
	int k;
	int16_t *orig;            /* reduced -> the locus's allele (k entries), then the lumped
	                           * allele's members in order (nlumped) */
	int16_t *red;             /* the locus's allele -> reduced (the lumped: k) */
	double *cum;              /* the members' frequencies summed in order */
	int nlumped;
} dna_alocus;

/* The locus O with the alleles of keep[] explicit (all of them: no
 * lumping); its mutation matrices lumped too when `mutation`. PL_ENOMEM. */
pl_rc dna_alocus_make(const dna_locus *O, const bool *keep, bool mutation, arena *a,
                      dna_alocus **out);
/* A genotype of the locus in the reduced numbering. */
dna_obs dna_alocus_reduce(const dna_alocus *R, dna_obs o);
/* The locus's genotype of reduced slot s: a lumped allele drawn among its
 * members by frequency. */
dna_obs dna_alocus_draw(const dna_alocus *R, int s, rng *rg);
/* P(an unrelated person has genotype slot g): Hardy-Weinberg on R. */
double dna_alocus_hw(const dna_alocus *R, int g);

/* The genotype of slot s (a <= b). */
dna_obs dna_slot_obs(int s);
/* P(M's own sample shows `own` | M has genotype slot s). */
double dna_own_given(dna_obs own, int s, double dropout);

/* A child with genotype slot c of M (genotype slot gm, sex sm) and an
 * other parent new to the family (a founder with that child only, sex sq),
 * M's likelihoods vm[] per slot (the references' and M's own sample's)
 * given: for each genotype q of the other parent, v[q] = vm[gm] HW(q)
 * P(c | gm, q), and den[q] = HW(q) sum_g vm[g] P(c | g, q), the family's
 * likelihood with M as sampled and the two typed. P(c | ., .) by
 * transmission with R's mutation matrices (of each parent's sex). */
void dna_alocus_coparent(const dna_alocus *R, const double *vm, int gm, dna_sex sm, dna_sex sq,
                         int c, double *v, double *den);

#endif
