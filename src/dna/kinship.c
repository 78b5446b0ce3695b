/* The pairwise kinship LR: IBD coefficients, theta, mutation, drop-out. */
#include "dna/kinship.h"

int dna_mutation_from(dna_sex sex)
{
	return sex == DNA_MALE ? DNA_FROM_FATHER : sex == DNA_FEMALE ? DNA_FROM_MOTHER : DNA_FROM_PARENT;
}

/* Alleles of a genotype seen first, for the sampling formula. */
typedef struct seen2 {
	int a, b;
	const double *p;
	double theta;
} seen2;

static int count2(const seen2 *s, int x)
{
	return (s->a == x) + (s->b == x);
}

/* The third allele drawn, and the fourth after z. */
static double draw3(const seen2 *s, int x)
{
	return dna_draw(s->p[x], s->theta, count2(s, x), 2);
}

static double draw4(const seen2 *s, int x, int z)
{
	return dna_draw(s->p[x], s->theta, count2(s, x) + (z == x), 3);
}

/* P0: genotype {a, b} drawn after the two of s. */
static double p_unrelated(const seen2 *s, int a, int b)
{
	return a == b ? draw3(s, a) * draw4(s, a, a) : 2 * draw3(s, a) * draw4(s, b, a);
}

/* Probability that allele x is the copy of one of s's alleles, each with
 * 1/2, through mutation matrix M (NULL: none). */
static double copied(const seen2 *s, const double *M, int n, int x)
{
	if(!M)
		return count2(s, x) / 2.0;
	return (M[s->a * n + x] + M[s->b * n + x]) / 2;
}

/* P1: one allele of {a, b} copied from s's genotype, the other drawn. */
static double p_one_ibd(const seen2 *s, const double *M, int n, int a, int b)
{
	if(a == b)
		return copied(s, M, n, a) * draw3(s, a);
	return copied(s, M, n, a) * draw3(s, b) + copied(s, M, n, b) * draw3(s, a);
}

static const double *matrix_for(const dna_locus *L, const dna_model *m, dna_rel rel, dna_sex sex)
{
	if(!m->mutation || !L->mut[0])
		return NULL;
	switch(rel) {
	case DNA_FATHER:
		return L->mut[DNA_FROM_FATHER];
	case DNA_MOTHER:
		return L->mut[DNA_FROM_MOTHER];
	case DNA_CHILD:
		return L->mut[dna_mutation_from(sex)];
	default:
		return NULL;
	}
}

/* n and z for a genotype {a, b} of the missing person. */
static void genotype_nz(const dna_locus *L, const dna_model *m, dna_rel rel, dna_sex sex,
                        dna_geno y, int a, int b, double *n, double *z)
{
	double k[3];
	dna_rel_ibd(rel, k);
	seen2 sy = {y.a, y.b, L->p, m->theta};
	*z = p_unrelated(&sy, a, b);
	const double *M = matrix_for(L, m, rel, sex);
	double p1 = 0;
	if(k[1] > 0 && rel == DNA_CHILD && M) {
		/* The missing person is the parent: the child's allele is the copy,
		 * so the ratio is taken the other way round (the LR is the same). */
		seen2 sg = {a, b, L->p, m->theta};
		double un = p_unrelated(&sg, y.a, y.b);
		p1 = un > 0 ? *z * p_one_ibd(&sg, M, L->n, y.a, y.b) / un : 0;
	} else if(k[1] > 0) {
		p1 = p_one_ibd(&sy, M, L->n, a, b);
	}
	double p2 = (a == y.a && b == y.b) || (a == y.b && b == y.a);
	*n = k[0] * *z + k[1] * p1 + k[2] * p2;
}

void dna_pair_nz(const dna_locus *L, const dna_model *m, dna_rel rel, dna_sex sex, dna_geno y,
                 dna_obs x, double *n, double *z)
{
	if(!dna_typed(y) || x.a < 0) {
		*n = *z = 1;
		return;
	}
	genotype_nz(L, m, rel, sex, y, x.a, x.b, n, z);
	if(!x.dropout)
		return;
	double d = m->dropout / (1 + m->dropout), sn = 0, sz = 0;
	for(int b = 0; b < L->n; b++) {
		if(b == x.a)
			continue;
		double nb, zb;
		genotype_nz(L, m, rel, sex, y, x.a, b, &nb, &zb);
		sn += nb;
		sz += zb;
	}
	*n += d * sn;
	*z += d * sz;
}

double dna_pair_lr(const dna_locus *L, const dna_model *m, dna_rel rel, dna_sex sex, dna_geno y,
                   dna_obs x)
{
	double n, z;
	dna_pair_nz(L, m, rel, sex, y, x, &n, &z);
	return z > 0 ? n / z : 1;
}
