/* Theta by descent trees (src/dna/ped_desc.c) against the partitions'
 * peelings (ped_theta.c), both exact: on random pedigrees (loops, typed
 * and degraded founders, parents of unknown sex), mutation models and
 * theta, the likelihood and dna_ped_joint's table (a member left free,
 * and an unrelated extra founder left free as H0 has it) must agree to a
 * relative 1e-9, most through the new path; and a deliberately broken
 * block weight must be caught. PARLEY_DESC_SEED runs another seed. */
#include "fixture.h"

#include <inttypes.h>
#include <math.h>
#include <stdlib.h>

#include "core/rng.h"
#include "dna/ped.h"
#include "dna/ped_eng.h"
#include "pedcase.h"

enum { CASES = 300 };
static const double tolerance = 1e-9;

static uint64_t seed;
static rng gen;

static double unif(void)
{
	return rng_unit(&gen);
}

static int pick(int n)
{
	return (int)rng_below(&gen, (uint32_t)n);
}

typedef struct dcase {
	pc_locus loc;
	dna_model m;
	pc_case c;
} dcase;

static void random_matrix(double *M, int n, double rate)
{
	for(int i = 0; i < n; i++) {
		double r = rate * unif(), s = 0, w[ORACLE_MAX_ALLELES];
		for(int j = 0; j < n; j++)
			s += w[j] = j == i ? 0 : unif();
		for(int j = 0; j < n; j++)
			M[i * n + j] = j == i ? 1 - r : r * w[j] / s;
	}
}

/* pedmut's "equal": the engine lumps the alleles nobody shows. */
static void equal_matrix(double *M, int n, double rate)
{
	for(int i = 0; i < n; i++)
		for(int j = 0; j < n; j++)
			M[i * n + j] = i == j ? 1 - rate : rate / (n - 1);
}

static void random_locus(dcase *x)
{
	int n = 2 + pick(ORACLE_MAX_ALLELES - 1);
	double p[ORACLE_MAX_ALLELES], s = 0, F[ORACLE_MAX_ALLELES * ORACLE_MAX_ALLELES],
	    Mo[ORACLE_MAX_ALLELES * ORACLE_MAX_ALLELES];
	for(int i = 0; i < n; i++)
		s += p[i] = 0.05 + unif();
	for(int i = 0; i < n; i++)
		p[i] /= s;
	pc_locus_init(&x->loc, n, p);
	int kind = pick(3);
	if(kind == 1) {
		random_matrix(F, n, 0.3);
		random_matrix(Mo, n, 0.1);
	} else if(kind == 2) {
		equal_matrix(F, n, 0.01 + 0.05 * unif());
		equal_matrix(Mo, n, 0.005 + 0.02 * unif());
	}
	if(kind)
		pc_mutate(&x->loc, F, Mo);
	x->m.mutation = kind && unif() < 0.9;
}

static dna_sex any_sex(void)
{
	double u = unif();
	return u < 0.45 ? DNA_MALE : u < 0.9 ? DNA_FEMALE : DNA_SEX_UNKNOWN;
}

static int draw(const double *w, int n)
{
	double u = unif(), s = 0;
	for(int j = 0; j < n - 1; j++)
		if(u < (s += w[j]))
			return j;
	return n - 1;
}

/* Founders and children of any two earlier people who may be a father
 * and a mother (so loops come by chance); typed about one in two, some
 * degraded, the untyped founders kept few enough for the partitions. */
static void random_pedigree(dcase *x)
{
	pc_case *c = &x->c;
	const dna_locus *L = &x->loc.L;
	int n = 2 + pick(8), g[ORACLE_MAX_PEOPLE][2];
	pc_init(c);
	while(c->n < n) { /* parents mostly among the last few: generations deep enough */
		int f = -1, m = -1;
		bool child = c->n >= 2 && unif() < 0.7;
		for(int tries = 0; child && f < 0 && tries < 20; tries++) {
			int span = c->n < 5 ? c->n : 5;
			int a = unif() < 0.7 ? c->n - 1 - pick(span) : pick(c->n);
			int b = unif() < 0.7 ? c->n - 1 - pick(span) : pick(c->n);
			if(a != b && c->sex[a] != DNA_FEMALE && c->sex[b] != DNA_MALE)
				f = a, m = b;
		}
		int i = pc_add(c, f, m, any_sex());
		for(int s = 0; s < 2; s++) {
			int par = s ? c->mother[i] : c->father[i];
			if(par < 0) {
				g[i][s] = draw(L->p, L->n);
				continue;
			}
			int a = g[par][pick(2)];
			g[i][s] = L->mut[0] ? draw(L->mut[dna_mutation_from(c->sex[par])] + a * L->n, L->n) : a;
		}
	}
	for(int i = 0; i < c->n; i++) {
		if(unif() < 0.5)
			continue;
		pc_type(c, i, g[i][0], g[i][1]);
		if(x->m.dropout > 0 && unif() < 0.25)
			pc_degraded(c, i, g[i][pick(2)]);
		if(unif() < 0.05)
			pc_type(c, i, pick(L->n), pick(L->n));
	}
	for(int untyped = 99; untyped > 4;) {
		untyped = 0;
		for(int i = 0; i < c->n; i++)
			untyped += c->father[i] < 0 && (c->obs[i].a < 0 || c->obs[i].dropout);
		for(int i = 0; i < c->n && untyped > 4; i++) {
			if(c->father[i] < 0 && (c->obs[i].a < 0 || c->obs[i].dropout)) {
				pc_type(c, i, g[i][0], g[i][1]);
				break;
			}
		}
	}
}

static void random_case(dcase *x)
{
	memset(x, 0, sizeof(*x));
	random_locus(x);
	x->m.theta = (double[]){0.01, 0.05, 0.2}[pick(3)];
	x->m.dropout = (double[]){0, 0.05, 0.2}[pick(3)];
	random_pedigree(x);
	pc_rebind(&x->c);
}

static double rel(double e, double o, double scale)
{
	return o > 0 ? fabs(e - o) / o : fabs(e) / (scale > 0 ? scale : 1);
}

typedef struct dtally {
	int liks, joints, refused, failed;
	long desc;
	double worst;
} dtally;

/* The likelihood, or with who >= 0 the joint table, both ways. */
static void compare(dtally *t, const dcase *x, const pc_case *c, int who, arena *a)
{
	int n = x->loc.L.n, cells = n * n;
	double Jo[ORACLE_MAX_ALLELES * ORACLE_MAX_ALLELES], Jn[ORACLE_MAX_ALLELES * ORACLE_MAX_ALLELES];
	double lo = 0, ln = 0;
	pl_err err = {0};
	dna_peng_desc_force(1);
	pl_rc rc = who < 0 ? dna_ped_likelihood(&x->loc.L, &x->m, &c->ped, c->obs, &lo, a, &err)
	                   : dna_ped_joint(&x->loc.L, &x->m, &c->ped, c->obs, who, Jo, a, &err);
	dna_peng_desc_force(2); /* the new path wherever it can, even where one peeling is as cheap */
	if(rc == PL_ELIMIT) {
		t->refused++;
		return;
	}
	if(rc)
		fail_msg("old engine: %d %s", (int)rc, err.msg);
	long d0 = dna_peng_desc_calls();
	rc = who < 0 ? dna_ped_likelihood(&x->loc.L, &x->m, &c->ped, c->obs, &ln, a, &err)
	             : dna_ped_joint(&x->loc.L, &x->m, &c->ped, c->obs, who, Jn, a, &err);
	if(rc)
		fail_msg("new engine: %d %s", (int)rc, err.msg);
	t->desc += dna_peng_desc_calls() - d0;
	double worst = 0;
	if(who < 0) {
		worst = rel(ln, lo, 1);
		t->liks++;
	} else {
		double sum = 0;
		for(int k = 0; k < cells; k++)
			sum += Jo[k];
		for(int k = 0; k < cells; k++)
			worst = fmax(worst, rel(Jn[k], Jo[k], sum));
		t->joints++;
	}
	if(!(worst <= tolerance)) {
		if(t->failed++ < 3)
			printf("# differs by %.3g: %s, %d people, %d alleles, theta %g, dropout %g, mutation %s, "
			       "who %d\n", worst, who < 0 ? "likelihood" : "joint", c->n, n, x->m.theta,
			       x->m.dropout, x->m.mutation ? "on" : "off", who);
	}
	t->worst = fmax(t->worst, worst);
}

/* Every case three ways: its likelihood, a member left free, and an
 * unrelated extra founder left free with the member's genotype as H0's. */
static void run_cases(dtally *t, arena *a)
{
	rng_seed(&gen, seed);
	for(int k = 0; k < CASES; k++) {
		dcase x;
		random_case(&x);
		compare(t, &x, &x.c, -1, a);
		pc_case c = x.c;
		pc_rebind(&c);
		int who = pick(c.n);
		for(int j = 0; j < c.n && unif() < 0.5; j++) /* often someone with parents and children */
			if(c.father[j] >= 0 && c.father[j] != c.mother[j]) {
				for(int k2 = j + 1; k2 < c.n; k2++)
					if(c.father[k2] == j || c.mother[k2] == j)
						who = j;
				if(who == j)
					break;
			}
		if(unif() < 0.8)
			pc_untype(&c, who);
		compare(t, &x, &c, who, a);
		if(c.n < ORACLE_MAX_PEOPLE) {
			int extra = pc_add(&c, -1, -1, DNA_SEX_UNKNOWN);
			compare(t, &x, &c, extra, a);
		}
	}
}

static void test_old_and_new_agree(void **state)
{
	(void)state;
	arena a;
	arena_init(&a, 0);
	dtally t = {0};
	run_cases(&t, &a);
	dna_peng_desc_force(0);
	printf("# %d likelihoods and %d joint tables, %ld through the descent trees, %d refused by the "
	       "old engine; largest relative difference %.3g (seed %" PRIu64 ")\n", t.liks, t.joints, t.desc,
	       t.refused, t.worst, seed);
	arena_free(&a);
	assert_int_equal(t.failed, 0);
	assert_true(t.liks + t.joints >= 2 * CASES);
	assert_true(t.desc >= (t.liks + t.joints) * 3 / 4);
}

/* The same cases with the descent trees' block weight of two (theta)
 * made 1% too large: the comparison must see it. */
static void test_broken_weight_fails(void **state)
{
	(void)state;
	arena a;
	arena_init(&a, 0);
	dtally t = {0};
	dna_peng_desc_break(true);
	run_cases(&t, &a);
	dna_peng_desc_force(0);
	dna_peng_desc_break(false);
	printf("# with a broken block weight: %d of %d comparisons differ\n", t.failed, t.liks + t.joints);
	arena_free(&a);
	assert_true(t.failed >= 10);
}

int main(void)
{
	const char *s = getenv("PARLEY_DESC_SEED");
	seed = s ? strtoull(s, NULL, 10) : 20261206;
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_old_and_new_agree),
	    cmocka_unit_test(test_broken_weight_fails),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
