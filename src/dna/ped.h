/* The likelihood engine: the exact probability of what is seen at one
 * locus in a pedigree of any shape, by peeling (variable elimination over
 * the pedigree graph). Every likelihood ratio parley reports is a ratio of
 * two of its numbers (docs/dna.md, "The likelihood engine").
 *
 * A pedigree is individuals 0..n-1 in the `ped` layout the field uses
 * (pedtools, Familias, Bonaparte): each has a father and a mother (both
 * indices, or both -1 for a founder) and a sex. A father is male and a
 * mother female (or either of unknown sex); a transmission mutates with
 * the matrix of the parent's sex (kit.h: DNA_FROM_FATHER, DNA_FROM_MOTHER;
 * DNA_FROM_PARENT, the mean rates, from a parent of unknown sex). Several unconnected
 * components may share one pedigree: an unrelated person is a founder
 * with no children. Loops (inbreeding, double first cousins) are allowed.
 *
 * What is seen of each individual is a dna_obs (kinship.h): untyped
 * (a < 0), a genotype, or an apparent homozygote of degraded remains that
 * may hide a drop-out (probability dropout / (1 + dropout) for A/x to show
 * as A).
 *
 * Founders' alleles are drawn from the locus's frequencies; with
 * theta > 0 all founder alleles of the pedigree are drawn in sequence by
 * the sampling formula (kinship.h, dna_draw), as pedprobr's likelihood()
 * and Familias apply theta in a pedigree: the probability of a set of
 * founder genotypes is that of their 2F alleles drawn one after the other,
 * whatever the order. Typed founders cost nothing; the alleles of the
 * untyped founders who matter (one for such a founder with one child who
 * matters, two otherwise; a degraded founder and dna_ped_joint's free
 * founder count as untyped) are summed over their set partitions, at most
 * 12 of them (PL_ELIMIT beyond; docs/dna.md, "Theta in a pedigree"): by
 * descent trees where they apply (ped_desc.c), else a peeling each. */
#ifndef PARLEY_DNA_PED_H
#define PARLEY_DNA_PED_H

#include <stdbool.h>

#include "core/arena.h"
#include "core/err.h"
#include "dna/kinship.h"
#include "dna/profile.h"

typedef struct dna_ped {
	int n;
	const int *father, *mother;   /* per individual: an index, or -1 (founder: both -1) */
	const dna_sex *sex;           /* per individual */
} dna_ped;

/* Why p is not a pedigree (a parent out of range, one parent only, a
 * father who is female or a mother who is male, someone their own
 * ancestor), with the individual's index in *who; NULL if it is one. */
const char *dna_ped_invalid(const dna_ped *p, int *who);

/* *lik = P(obs[0..n) at locus L) under model m (theta, drop-out; the
 * locus's mutation matrices when m->mutation). `a` is scratch memory the
 * call resets; it keeps one block, sized to the call's largest term (up to
 * twice its tables), for the next call with the same arena. PL_ENOMEM, or PL_EINPUT for a pedigree dna_ped_invalid
 * refuses, with err; PL_ELIMIT when the computation would exceed the
 * engine's bound (said in err, never a wrong number). */
pl_rc dna_ped_likelihood(const dna_locus *L, const dna_model *m, const dna_ped *p,
                         const dna_obs *obs, double *lik, arena *a, pl_err *err);

/* J[x * n + y] (n = L->n) = P(obs of everyone, individual `who` has
 * allele x from their father and y from their mother): one pass for every
 * genotype `who` may have, `who`'s own obs included (untyped: nothing).
 * So the likelihood with `who` also showing o is sum_xy J w_o(x, y).
 * Same errors as dna_ped_likelihood. */
pl_rc dna_ped_joint(const dna_locus *L, const dna_model *m, const dna_ped *p, const dna_obs *obs,
                    int who, double *J, arena *a, pl_err *err);

/* The joint table of two individuals in one pass: J[((x * n + y) * n +
 * u) * n + v] = P(obs of everyone, `who` has x from their father and y
 * from their mother, `other` u and v), n^4 cells, their own obs included.
 * So a relative's genotype distribution given each genotype of the other
 * is one pass, not one per genotype. Same errors as dna_ped_likelihood;
 * PL_EUSAGE when who is other. */
pl_rc dna_ped_joint2(const dna_locus *L, const dna_model *m, const dna_ped *p, const dna_obs *obs,
                     int who, int other, double *J, arena *a, pl_err *err);

/* A family as the computations see it: a pedigree whose typed members
 * carry reference profiles and whose missing persons (one or more: a
 * father and son both missing, two brothers) are named by their parley
 * ids. A family read from the relationship columns of a references file
 * whose relatives' sides are not all known is several alternative
 * pedigrees, each with its weight (the placements, equally likely); one
 * from a pedigree file is one. The missing persons are the same
 * individuals in every alternative. */
typedef struct dna_pedigree {
	dna_ped ped;
	const dna_profile **prof;     /* per individual: the typed profile, or NULL */
	double weight;                /* the alternatives' weights sum to 1 */
} dna_pedigree;

typedef struct dna_kin {
	const char *id;               /* the family's id (a pedigree file's), or the missing person's uid */
	dna_pedigree *alt;
	int nalt;
	int nmissing;
	const int *missing;           /* their individuals */
	const char *const *person;    /* their uids */
} dna_kin;

/* The family of a references file's relationship columns as the pedigree
 * the relationships describe (docs/dna.md, "A family as a pedigree"): the
 * missing person (individual 0) with father and mother, each side's
 * grandparents (of unknown sex) as those parents' parents, uncles and aunts
 * as the grandparents' children, each cousin through an untyped uncle or
 * aunt and an untyped other parent, full siblings, half siblings each with
 * an other parent of their own, children with one partner. A relative
 * whose side is not known is put on each side, one alternative each
 * (equally likely; up to UNSURE_MAX of them, more go to the side of the
 * parent not typed). Allocated in a. PL_EINPUT with dna_family_invalid's
 * reason. */
pl_rc dna_kin_of_family(const dna_family *f, arena *a, dna_kin *out, pl_err *err);

/* Whether anyone of the family is typed at locus l. */
bool dna_kin_typed(const dna_kin *kin, int l);

/* For each alternative and observation, l1[alt * nobs + i] = L(H1: the
 * missing person kin->missing[mi] shows obs[i]) and l0[...] = L(H0: obs[i]
 * are an unrelated person's, an extra founder, the missing person not
 * typed), each the engine's, theta coupling the remains' alleles to the
 * founders' under H0. An untyped observation gives 1 and 1. */
pl_rc dna_kin_locus(const dna_kit *k, int l, const dna_kin *kin, int mi, const dna_model *m,
                    const dna_obs *obs, int nobs, double *l1, double *l0, arena *a, pl_err *err);

/* sum_alt w l1 / sum_alt w l0 for observation i (0 when both are 0). */
double dna_kin_mix(const dna_kin *kin, const double *l1, const double *l0, int nobs, int i);

#endif
