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

/* After a copy of the struct: the pedigree's pointers to its own arrays. */
static inline void pc_rebind(pc_case *c)
{
	c->ped = (dna_ped){c->n, c->father, c->mother, c->sex};
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

/* Two relatives, *a and *b, with the untyped people between them. */
enum { PC_SIBS, PC_HALF_SIBS, PC_GRANDPARENT, PC_UNCLE, PC_COUSINS, PC_KINDS };

static inline void pc_relatives(pc_case *c, int kind, int *a, int *b)
{
	pc_init(c);
	int f = pc_man(c), m = pc_woman(c);
	if(kind == PC_SIBS) {
		*a = pc_add(c, f, m, DNA_MALE);
		*b = pc_add(c, f, m, DNA_FEMALE);
	} else if(kind == PC_HALF_SIBS) {
		int m2 = pc_woman(c);
		*a = pc_add(c, f, m, DNA_MALE);
		*b = pc_add(c, f, m2, DNA_MALE);
	} else if(kind == PC_GRANDPARENT) { /* a the grandfather, b his son's daughter */
		int s = pc_add(c, f, m, DNA_MALE), w = pc_woman(c);
		*a = f;
		*b = pc_add(c, s, w, DNA_FEMALE);
	} else if(kind == PC_UNCLE) { /* a the uncle, b his sister's son */
		*a = pc_add(c, f, m, DNA_MALE);
		int s = pc_add(c, f, m, DNA_FEMALE), h = pc_man(c);
		*b = pc_add(c, h, s, DNA_MALE);
	} else { /* a brother's son and a sister's son */
		int s1 = pc_add(c, f, m, DNA_MALE), w1 = pc_woman(c);
		int s2 = pc_add(c, f, m, DNA_FEMALE), h2 = pc_man(c);
		*a = pc_add(c, s1, w1, DNA_MALE);
		*b = pc_add(c, h2, s2, DNA_MALE);
	}
}

/* Two unrelated people typed a1/b1 and a2/b2. */
static inline void pc_strangers(pc_case *c, int a1, int b1, int a2, int b2)
{
	pc_init(c);
	pc_type(c, pc_man(c), a1, b1);
	pc_type(c, pc_man(c), a2, b2);
}

/* The oracle's likelihood, with a bound no test case reaches. */
static inline double pc_oracle(const dna_locus *L, const dna_model *m, const pc_case *c)
{
	return oracle_likelihood(L, m, &c->ped, c->obs, 1e12);
}

/* The oracle's likelihood of two unrelated people: a pair's LR's denominator. */
static inline double pc_unrelated(const dna_locus *L, const dna_model *m, int a1, int b1, int a2,
                                  int b2)
{
	pc_case c;
	pc_strangers(&c, a1, b1, a2, b2);
	return pc_oracle(L, m, &c);
}

#endif
