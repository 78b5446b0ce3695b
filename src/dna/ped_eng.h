/* The likelihood engine's state, shared by its files (not a contract for
 * other modules): ped.c, the peeling (variable elimination) of one term;
 * ped_theta.c, theta's sum over the partitions of the untyped founders'
 * alleles, each a term; ped_free.c, the joint table of the individuals
 * left free; ped_desc.c and ped_desc_sum.c, theta > 0 by descent trees
 * (tried first; the partitions the exact fallback). docs/dna.md, "The
 * likelihood engine". */
#ifndef PARLEY_DNA_PED_ENG_H
#define PARLEY_DNA_PED_ENG_H

#include "dna/ped.h"

enum {
	DNA_PED_FAC_VARS = 20,                 /* variables of one table */
	DNA_PED_CELLS_MAX = 1 << 22,           /* cells of one table */
	DNA_PED_WORK_MAX = 1 << 27,            /* products summed to make it */
	DNA_PED_UNTYPED_MAX = 12       /* with theta > 0: Bell(12) = 4213597 partitions at most */
};

typedef struct dna_pfac {
	int nv;
	int v[DNA_PED_FAC_VARS];
	double *t;                     /* over the domains of v, v[0] fastest */
	bool gone;
} dna_pfac;

/* One computation: the locus in lumped classes, the pedigree, the factors. */
typedef struct dna_peng {
	const dna_ped *ped;
	const dna_obs *obs;
	int K;                         /* allele classes */
	double *p;                     /* their frequencies */
	double *w;                     /* the prior of an untyped founder's allele (p at theta 0) */
	bool *known;                   /* founders whose genotype is known: no prior (theta) */
	bool *single;                  /* untyped founders with one child that matters: one allele */
	const double *mut[3];          /* K x K, kit.h's DNA_FROM_...; NULL: none (the kit's own when no class is lumped) */
	const dna_locus *L;
	bool *kern;                    /* untyped founders whose alleles go to their two children by the locus's kernels */
	int *cls;                      /* allele -> class */
	double delta;                  /* d / (1 + d) */
	bool *keep;                    /* individuals that matter */
	int nvar;
	int **dom, *nd;                /* each variable's possible classes */
	int *rep;                      /* variable -> the variable of its theta block */
	int **cdom, *cnd;              /* domains in the current term (blocks intersected) */
	dna_pfac *f;
	int nf, capf;
	int free_ind;                  /* its genotype is left free (dna_ped_joint), or -1 */
	int free2;                     /* a second one (dna_ped_joint2; free_ind set), or -1 */
	int *ua, nua, nsw, T;          /* theta: untyped founders' alleles, swappable pairs, typed alleles */
	int *mate;                     /* theta: per swappable founder, the one it may swap with, or -1 */
	double scale;                  /* theta: the typed founders' probability */
	double *J;                     /* the joint table being summed, n x n (n^4 with free2) */
	int nJ;                        /* alleles of the locus (no lumping then) */
	arena *a;
	size_t bytes, largest;         /* what the current term took from a */
	bool oom;                      /* a term's arena ran out before it was renewed */
	pl_err *err;
} dna_peng;

/* What observation o says of the alleles x (from the father) and y (as
 * classes): 1 or 0, and d / (1 + d) for a degraded apparent homozygote's
 * A/x. */
double dna_peng_obs_val(const dna_peng *e, dna_obs o, int x, int y);
/* A term's memory (counted for the next term's arena), and a factor added. */
void *dna_peng_talloc(dna_peng *e, size_t n);
pl_rc dna_peng_push(dna_peng *e, dna_pfac F);
/* Which founders the locus's moments sum (kern; none with theta > 0), and
 * founder i's two factors over its children (ped_kernel.c). */
pl_rc dna_peng_kernels(dna_peng *e, double theta);
pl_rc dna_peng_kernel_factors(dna_peng *e, int i);
/* The theta = 0 likelihood of the current blocks (rep), or with a free
 * individual *out the term's weight in and its table added to J. */
pl_rc dna_peng_term(dna_peng *e, double *out);
/* With free individuals, once all but their alleles are summed out: the
 * factors left multiplied and added to J times w (ped_free.c). */
pl_rc dna_peng_add_table(dna_peng *e, double w);
/* Before a term: e->a emptied, one block sized to the last term kept. */
void dna_peng_next_term(dna_peng *e);
/* Blocks all of one allele, the priors, and with theta the founders split
 * (known, T, scale, ua, nsw, mate). */
pl_rc dna_peng_prepare(dna_peng *e, double theta);
/* The sum over the partitions of ua[0..U), each term by dna_peng_term. */
pl_rc dna_peng_theta_sum(dna_peng *e, const int *ua, int U, int nsw, const int *mate, int T,
                         double theta, double scale, double *lik);

/* Theta by descent trees (ped_desc.c): *done when it took the
 * computation (theta > 0, no second free individual, few enough
 * choices), *lik or e->J then filled; else the caller sums the
 * partitions. */
pl_rc dna_peng_desc(dna_peng *e, double theta, double *lik, bool *done);
/* For tests: how many computations the descent trees took, and mode 1
 * to leave every one to the partitions, 2 to take every one they can
 * (0: the dispatcher picks). */
long dna_peng_desc_calls(void);
void dna_peng_desc_force(int mode);
/* For tests: a block of two weighed 1% too much, which they must catch. */
void dna_peng_desc_break(bool on);

#endif
