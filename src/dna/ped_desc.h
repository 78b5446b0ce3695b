/* The descent trees' state (ped_desc.c, the choices; ped_desc_sum.c,
 * theta's partitions at each leaf of them and the joint table's sums):
 * not a contract for other files. docs/dna.md, "Theta in a pedigree". */
#ifndef PARLEY_DNA_PED_DESC_H
#define PARLEY_DNA_PED_DESC_H

#include "dna/ped_eng.h"

enum { DESC_PRODS = 16, DESC_ACCS = 8 };

/* An observation term: coef times v[0](x_P) v[1](x_M), a NULL vector 1. */
typedef struct dna_dterm {
	double coef;
	const double *v[2];
} dna_dterm;

/* A tree's root: g(a), and with a free leaf in it times Mp(a, x)
 * (kind 0: the identity, 1: diagonal Mp[a], 2: dense K x K); stable when
 * Mp is the same for the whole call (the identity, a mutation matrix or
 * a cached product of them), so that leaves may sum before it. */
typedef struct dna_droot {
	const double *g, *Mp;
	int kind, freek;               /* freek: -1, or the free slot below (0: x, 1: y) */
	bool known;                    /* a typed founder's: prior 1 */
	bool stable;
} dna_droot;

/* Products of mutation matrices along a free path nobody else sees. */
typedef struct dna_dprod {
	const double *M, *Mp, *out;
} dna_dprod;

/* What the leaves add to J for one pair of stable matrices, in the
 * founders' alleles: J += T0^T Q T1 once, at the end. */
typedef struct dna_dacc {
	const double *T[2];
	int kind[2];
	double *Q;
} dna_dacc;

typedef struct dna_desc {
	dna_peng *e;
	int K, n;
	int *order, nord;              /* individuals that matter, children first */
	dna_dterm (*term)[2];
	int *nterm;
	double *acc;                   /* per slot, K: the product of what its children sent */
	bool *seen;                    /* per slot: something below it is seen */
	const double **mat;            /* per slot: the free leaf's matrix below it, or NULL */
	int *mkind, *mfree;
	bool *mstable;
	dna_dprod prod[DESC_PRODS];
	int nprod;
	dna_dacc qacc[DESC_ACCS];
	int nqacc;
	bool oom;
	bool *touched;                 /* founders one of whose alleles a child has picked */
	double *lv;                    /* per level: g[2], save[2], mg[2] (K each), two K x K */
	size_t lvsize;
	dna_droot *root;
	int nroot;
	double *R, *h, *P, *psi, *tmp; /* subset work */
	double *us, *vs;               /* a leaf's rank-one terms of J (2^nua x K each) */
	const double *eye, *ones;
	double c[DNA_PED_UNTYPED_MAX + 3], theta, scale;
	int T, Umax;
	long leaves;
	double lik;
	double *J;
} dna_desc;

/* One leaf of the choices (every slot that matters has picked): theta's
 * partitions of its trees, added to d->lik or d->J, times wt. */
void dna_desc_leaf(dna_desc *d, double wt);
/* The joint table's accumulators applied to J (false: out of memory). */
bool dna_desc_flush(dna_desc *d);

#endif
