/* Small pedigrees with what is seen of each member, and loci with chosen
 * frequencies and matrices, for the oracle's tests (test_oracle.c) and the
 * engine's (test_ped_oracle.c). */
#ifndef PARLEY_TESTS_DNA_PEDCASE_H
#define PARLEY_TESTS_DNA_PEDCASE_H

#include <string.h>

#include "oracle.h"

typedef struct pc_case {
	int n;
	int father[ORACLE_MAX_PEOPLE], mother[ORACLE_MAX_PEOPLE];
	dna_sex sex[ORACLE_MAX_PEOPLE];
	dna_obs obs[ORACLE_MAX_PEOPLE];
	dna_ped ped;
} pc_case;

static inline void pc_init(pc_case *c)
{
	memset(c, 0, sizeof(*c));
	c->ped = (dna_ped){0, c->father, c->mother, c->sex};
}

/* A member (untyped) with these parents (-1, -1: a founder); the index. */
static inline int pc_add(pc_case *c, int father, int mother, dna_sex sex)
{
	int i = c->n++;
	c->father[i] = father;
	c->mother[i] = mother;
	c->sex[i] = sex;
	c->obs[i] = (dna_obs){-1, -1, false};
	c->ped.n = c->n;
	return i;
}

static inline int pc_man(pc_case *c)
{
	return pc_add(c, -1, -1, DNA_MALE);
}

static inline int pc_woman(pc_case *c)
{
	return pc_add(c, -1, -1, DNA_FEMALE);
}

static inline void pc_type(pc_case *c, int i, int a, int b)
{
	c->obs[i] = a <= b ? (dna_obs){(int16_t)a, (int16_t)b, false}
	                   : (dna_obs){(int16_t)b, (int16_t)a, false};
}

/* An apparent homozygote a of degraded remains: a/a or a/x, x lost. */
static inline void pc_degraded(pc_case *c, int i, int a)
{
	c->obs[i] = (dna_obs){(int16_t)a, (int16_t)a, true};
}

static inline void pc_untype(pc_case *c, int i)
{
	c->obs[i] = (dna_obs){-1, -1, false};
}

/* A locus of n alleles with frequencies p and, once pc_mutate is called,
 * one matrix for fathers and one for mothers (mut[DNA_FROM_PARENT] their
 * mean, as a kit has it). */
typedef struct pc_locus {
	dna_locus L;
	double p[ORACLE_MAX_ALLELES];
	double mut[3][ORACLE_MAX_ALLELES * ORACLE_MAX_ALLELES];
} pc_locus;

static inline void pc_locus_init(pc_locus *x, int n, const double *p)
{
	memset(x, 0, sizeof(*x));
	memcpy(x->p, p, (size_t)n * sizeof(double));
	x->L.name = "L";
	x->L.n = n;
	x->L.p = x->p;
}

/* Matrices i -> j, row-major n x n; mother NULL: the father's. */
static inline void pc_mutate(pc_locus *x, const double *father, const double *mother)
{
	int nn = x->L.n * x->L.n;
	if(!mother)
		mother = father;
	for(int k = 0; k < nn; k++) {
		x->mut[DNA_FROM_FATHER][k] = father[k];
		x->mut[DNA_FROM_MOTHER][k] = mother[k];
		x->mut[DNA_FROM_PARENT][k] = (father[k] + mother[k]) / 2;
	}
	for(int s = 0; s < 3; s++)
		x->L.mut[s] = x->mut[s];
}

/* The oracle's likelihood, with a bound no test case reaches. */
static inline double pc_oracle(const dna_locus *L, const dna_model *m, const pc_case *c)
{
	return oracle_likelihood(L, m, &c->ped, c->obs, 1e12);
}

#endif
