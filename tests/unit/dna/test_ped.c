/* The likelihood engine (src/dna/ped.c): values derived by hand for each
 * shape (parent and child, siblings with and without mutation, half
 * siblings, uncle, grandparent, a typed spouse giving phase, double first
 * cousins), theta against pedprobr's published test, drop-out, and
 * pedigrees refused with the individual named. */
#include "fixture.h"

#include "dna/ped.h"

enum { M_ = DNA_MALE, F_ = DNA_FEMALE, U_ = DNA_SEX_UNKNOWN };

/* A pedigree of up to 16 individuals, numbered from 1 as in ped files:
 * add(i, father, mother, sex) with 0 for a founder's parents. */
typedef struct tp {
	int n, father[16], mother[16];
	dna_sex sex[16];
	dna_obs obs[16];
} tp;

static void tp_init(tp *t, int n)
{
	memset(t, 0, sizeof(*t));
	t->n = n;
	for(int i = 0; i < 16; i++) {
		t->father[i] = t->mother[i] = -1;
		t->obs[i] = (dna_obs){-1, -1, false};
	}
}

static void tp_kid(tp *t, int i, int f, int m)
{
	t->father[i - 1] = f - 1;
	t->mother[i - 1] = m - 1;
	t->sex[f - 1] = DNA_MALE;
	t->sex[m - 1] = DNA_FEMALE;
}

static void tp_obs(tp *t, dna_kit *k, int i, const char *a, const char *b)
{
	t->obs[i - 1] = kx_obs(k, a, b, false);
}

static double lik(dna_kit *k, const dna_model *m, tp *t)
{
	dna_ped p = {t->n, t->father, t->mother, t->sex};
	arena a;
	arena_init(&a, 0);
	pl_err err = {0};
	double l = -1;
	assert_ok(dna_ped_likelihood(&k->loci[0], m, &p, t->obs, &l, &a, &err), &err);
	arena_free(&a);
	return l;
}

static const dna_model plain = {0, 0, false};

/* p: a 0.1, b 0.2, c 0.3, d 0.4. */
static void kit4(dna_kit *k, const dna_mutation *m)
{
	kx_kit(k, m, "a=0.1", "b=0.2", "c=0.3", "d=0.4", NULL);
}

static void test_founder_and_parent_child(void **state)
{
	(void)state;
	dna_kit k;
	kit4(&k, NULL);
	tp t;
	tp_init(&t, 1);
	tp_obs(&t, &k, 1, "a", "b");
	assert_near(lik(&k, &plain, &t), 2 * 0.1 * 0.2, 1e-15);
	/* father a/b, mother untyped, child a/c: 2 p_a p_b * 1/2 * p_c */
	tp_init(&t, 3);
	tp_kid(&t, 3, 1, 2);
	tp_obs(&t, &k, 1, "a", "b");
	tp_obs(&t, &k, 3, "a", "c");
	assert_near(lik(&k, &plain, &t), 0.04 * 0.5 * 0.3, 1e-15);
	/* the LR of the child given the father, 1 / (2 p_c)... : 0.006 / (0.04 * 0.06) */
	dna_kit_free(&k);
}

/* Both a/b, parents untyped: P(ab) [k0 P(ab) + k1 (p_a + p_b)/2 + k2]
 * with (1/4, 1/2, 1/4): 0.04 * (0.01 + 0.075 + 0.25). */
static void test_full_siblings(void **state)
{
	(void)state;
	dna_kit k;
	kit4(&k, NULL);
	tp t;
	tp_init(&t, 4);
	tp_kid(&t, 3, 1, 2);
	tp_kid(&t, 4, 1, 2);
	tp_obs(&t, &k, 3, "a", "b");
	tp_obs(&t, &k, 4, "a", "b");
	assert_near(lik(&k, &plain, &t), 0.04 * 0.335, 1e-15);
	dna_kit_free(&k);
}

/* Siblings both a/a with mutation: each parent's side gives
 * 1/2 sum_x p_x M[x][a]^2 + 1/2 (sum_x p_x M[x][a])^2 (the two children
 * got the same allele of the parent, or the two), the father's with his
 * matrix and the mother's with hers. */
static void test_full_siblings_with_mutation(void **state)
{
	(void)state;
	dna_mutation models[] = {{DNA_MUT_EQUAL, 0.01, 0.002, 0, 0, 0},
	                         {DNA_MUT_PROPORTIONAL, 0.01, 0.002, 0, 0, 0}};
	for(int i = 0; i < 2; i++) {
		dna_kit k;
		kit4(&k, &models[i]);
		const dna_locus *L = &k.loci[0];
		double side[2];
		for(int s = 0; s < 2; s++) {
			const double *M = L->mut[s];
			double q1 = 0, q2 = 0;
			for(int x = 0; x < 4; x++) {
				q1 += L->p[x] * M[x * 4 + 0] * M[x * 4 + 0];
				q2 += L->p[x] * M[x * 4 + 0];
			}
			side[s] = q1 / 2 + q2 * q2 / 2;
		}
		tp t;
		tp_init(&t, 4);
		tp_kid(&t, 3, 1, 2);
		tp_kid(&t, 4, 1, 2);
		tp_obs(&t, &k, 3, "a", "a");
		tp_obs(&t, &k, 4, "a", "a");
		dna_model m = {0, 0, true};
		double with = lik(&k, &m, &t), without = lik(&k, &plain, &t);
		assert_near(with, side[0] * side[1], 1e-15);
		assert_true(fabs(with - without) > 1e-6); /* mutation is seen */
		dna_kit_free(&k);
	}
}

/* Half siblings, uncle and nephew, grandparent and grandchild share one
 * allele with 1/2: a/b and a/c give P(ab) (1/2 P(ac) + 1/2 p_c / 2)
 * = 0.04 * (0.03 + 0.075). */
static void test_second_degree(void **state)
{
	(void)state;
	dna_kit k;
	kit4(&k, NULL);
	double want = 0.04 * 0.105;
	tp t;
	tp_init(&t, 5); /* half sibs 4 and 5 through father 1 */
	tp_kid(&t, 4, 1, 2);
	tp_kid(&t, 5, 1, 3);
	tp_obs(&t, &k, 4, "a", "b");
	tp_obs(&t, &k, 5, "a", "c");
	assert_near(lik(&k, &plain, &t), want, 1e-15);
	tp_init(&t, 6); /* uncle 4, nephew 6 through 3 */
	tp_kid(&t, 3, 1, 2);
	tp_kid(&t, 4, 1, 2);
	tp_kid(&t, 6, 3, 5);
	tp_obs(&t, &k, 4, "a", "b");
	tp_obs(&t, &k, 6, "a", "c");
	assert_near(lik(&k, &plain, &t), want, 1e-15);
	tp_init(&t, 5); /* grandmother 2, grandchild 5 through 3 */
	tp_kid(&t, 3, 1, 2);
	tp_kid(&t, 5, 3, 4);
	tp_obs(&t, &k, 2, "a", "b");
	tp_obs(&t, &k, 5, "a", "c");
	assert_near(lik(&k, &plain, &t), want, 1e-15);
	dna_kit_free(&k);
}

/* Grandfather 1 a/b, his wife 2, their son 3 untyped, grandchild 5 a/d.
 * Wife untyped: 3 passes a with 1/4 + 1/2 p_a, d with 1/2 p_d, so
 * P(5 = a/d | 1) = 0.3 * 0.4 + 0.2 * 0.1 = 0.14. Wife typed c/c gives
 * phase: 3 is a/c or b/c, passes a with 1/4 and never d: 0.1. */
static void test_typed_spouse_gives_phase(void **state)
{
	(void)state;
	dna_kit k;
	kit4(&k, NULL);
	tp t;
	tp_init(&t, 5);
	tp_kid(&t, 3, 1, 2);
	tp_kid(&t, 5, 3, 4);
	tp_obs(&t, &k, 1, "a", "b");
	tp_obs(&t, &k, 5, "a", "d");
	assert_near(lik(&k, &plain, &t), 0.04 * 0.14, 1e-15);
	tp_obs(&t, &k, 2, "c", "c");
	assert_near(lik(&k, &plain, &t), 0.04 * 0.09 * 0.1, 1e-15);
	dna_kit_free(&k);
}

/* Double first cousins (a loop): IBD (9/16, 6/16, 1/16); both a/a:
 * p_a^2 (9/16 p_a^2 + 6/16 p_a + 1/16). */
static void test_double_first_cousins(void **state)
{
	(void)state;
	dna_kit k;
	kit4(&k, NULL);
	tp t;
	tp_init(&t, 10);
	tp_kid(&t, 5, 1, 2); /* brother 5 and sister 6 of couple 1, 2 */
	tp_kid(&t, 6, 1, 2);
	tp_kid(&t, 7, 3, 4); /* brother 7 and sister 8 of couple 3, 4 */
	tp_kid(&t, 8, 3, 4);
	tp_kid(&t, 9, 5, 8);
	tp_kid(&t, 10, 7, 6);
	tp_obs(&t, &k, 9, "a", "a");
	tp_obs(&t, &k, 10, "a", "a");
	assert_near(lik(&k, &plain, &t), 0.01 * (9 / 16.0 * 0.01 + 6 / 16.0 * 0.1 + 1 / 16.0), 1e-15);
	dna_kit_free(&k);
}

/* pedprobr's tests/testthat/test-theta-correction.R: linearPed(2) (1 and
 * 2 parents of 3; 3 and 4 parents of 5), 5 = A/A, p(A) = 0.3:
 * likelihood(x, m, theta = 0.01) is 0.0921 = 0.3 (0.01 + 0.99 * 0.3),
 * the two A founder alleles drawn one after the other. */
static void test_theta_as_pedprobr(void **state)
{
	(void)state;
	dna_kit k;
	kx_kit(&k, NULL, "A=0.3", "B=0.7", NULL);
	tp t;
	tp_init(&t, 5);
	tp_kid(&t, 3, 1, 2);
	tp_kid(&t, 5, 3, 4);
	tp_obs(&t, &k, 5, "A", "A");
	dna_model m = {0.01, 0, false};
	assert_near(lik(&k, &plain, &t), 0.09, 1e-15);
	assert_near(lik(&k, &m, &t), 0.0921, 1e-14);
	/* ancestralPed(2): 7 = A/A, the same */
	tp_init(&t, 7);
	tp_kid(&t, 5, 1, 2);
	tp_kid(&t, 6, 3, 4);
	tp_kid(&t, 7, 5, 6);
	tp_obs(&t, &k, 7, "A", "A");
	assert_near(lik(&k, &m, &t), 0.0921, 1e-14);
	/* father A/A, child A/A: the child's other allele is the third draw
	 * after the father's two: 0.0921 * (0.02 + 0.99 * 0.3) / 1.01 */
	tp_init(&t, 3);
	tp_kid(&t, 3, 1, 2);
	tp_obs(&t, &k, 1, "A", "A");
	tp_obs(&t, &k, 3, "A", "A");
	assert_near(lik(&k, &m, &t), 0.0921 * 0.317 / 1.01, 1e-14);
	/* two unrelated A/A: the four draws */
	tp_init(&t, 2);
	tp_obs(&t, &k, 1, "A", "A");
	tp_obs(&t, &k, 2, "A", "A");
	assert_near(lik(&k, &m, &t), 0.0921 * 0.317 / 1.01 * (0.03 + 0.99 * 0.3) / 1.02, 1e-14);
	/* A/B and A/B unrelated: 2 p_A p_B(1 - theta) ... by the formula,
	 * in the order A, B, A, B, times 4 for the orders of each genotype */
	tp_obs(&t, &k, 1, "A", "B");
	tp_obs(&t, &k, 2, "A", "B");
	double seq = 0.3 * (0.99 * 0.7) / 1 * (0.01 + 0.99 * 0.3) / 1.01 * (0.01 + 0.99 * 0.7) / 1.02;
	assert_near(lik(&k, &m, &t), 4 * seq, 1e-14);
	dna_kit_free(&k);
}

/* A degraded apparent homozygote A: A/A, or A/x with delta = d / (1 + d). */
static void test_dropout(void **state)
{
	(void)state;
	dna_kit k;
	kit4(&k, NULL);
	tp t;
	tp_init(&t, 1);
	t.obs[0] = kx_obs(&k, "a", "a", true);
	dna_model m = {0, 0.1, false};
	double delta = 0.1 / 1.1;
	assert_near(lik(&k, &m, &t), 0.01 + 2 * 0.1 * 0.9 * delta, 1e-15);
	/* father a/b, child showing a (degraded): 1/2 (p_a + delta (1 - p_a)) + 1/2 delta p_a ... */
	tp_init(&t, 3);
	tp_kid(&t, 3, 1, 2);
	tp_obs(&t, &k, 1, "a", "b");
	t.obs[2] = kx_obs(&k, "a", "a", true);
	/* from the father a (1/2): then a/a with p_a, a/x with delta (1 - p_a);
	 * from the father b (1/2): b/a shows a with delta p_a */
	double want = 0.04 * (0.5 * (0.1 + delta * 0.9) + 0.5 * delta * 0.1);
	assert_near(lik(&k, &m, &t), want, 1e-15);
	dna_kit_free(&k);
}

/* Father a/a, mother b/b, child b/b: the father's a mutated to b. */
static void test_mutation_by_parent_sex(void **state)
{
	(void)state;
	dna_mutation mu = {DNA_MUT_EQUAL, 0.01, 0.002, 0, 0, 0};
	dna_kit k;
	kit4(&k, &mu);
	tp t;
	tp_init(&t, 3);
	tp_kid(&t, 3, 1, 2);
	tp_obs(&t, &k, 1, "a", "a");
	tp_obs(&t, &k, 2, "b", "b");
	tp_obs(&t, &k, 3, "b", "b");
	dna_model m = {0, 0, true};
	assert_near(lik(&k, &m, &t), 0.01 * 0.04 * (0.01 / 3) * (1 - 0.002), 1e-12);
	assert_true(lik(&k, &plain, &t) == 0);
	/* the other way round: the mother's rate */
	tp_obs(&t, &k, 1, "b", "b");
	tp_obs(&t, &k, 2, "a", "a");
	assert_near(lik(&k, &m, &t), 0.01 * 0.04 * (0.002 / 3) * (1 - 0.01), 1e-12);
	dna_kit_free(&k);
}

/* Stepwise keeps every allele (no lumping); the rest of the alleles do
 * not change a typed-founder likelihood. */
static void test_stepwise_untyped_parent(void **state)
{
	(void)state;
	dna_mutation mu = {DNA_MUT_STEPWISE, 0.01, 0.002, 0.1, 0, 0};
	dna_kit k;
	kx_kit(&k, &mu, "9=0.1", "10=0.2", "11=0.3", "12=0.4", NULL);
	const dna_locus *L = &k.loci[0];
	tp t;
	tp_init(&t, 3);
	tp_kid(&t, 3, 1, 2);
	tp_obs(&t, &k, 1, "10", "10");
	tp_obs(&t, &k, 3, "11", "12");
	dna_model m = {0, 0, true};
	/* the father's 10 becomes 11 or 12; the mother's allele sum_x p_x M[x][other] */
	int a9 = 0, a10 = 1, a11 = 2, a12 = 3;
	(void)a9;
	const double *F = L->mut[DNA_FROM_FATHER], *Mo = L->mut[DNA_FROM_MOTHER];
	double to11 = 0, to12 = 0;
	for(int x = 0; x < 4; x++) {
		to11 += L->p[x] * Mo[x * 4 + a11];
		to12 += L->p[x] * Mo[x * 4 + a12];
	}
	double want = 0.04 * (F[a10 * 4 + a11] * to12 + F[a10 * 4 + a12] * to11);
	assert_near(lik(&k, &m, &t), want, 1e-12);
	dna_kit_free(&k);
}

static void refused(tp *t, const char *why, int who)
{
	dna_ped p = {t->n, t->father, t->mother, t->sex};
	int w;
	const char *r = dna_ped_invalid(&p, &w);
	assert_non_null(r);
	assert_non_null(strstr(r, why));
	assert_int_equal(w, who - 1);
	dna_kit k;
	kit4(&k, NULL);
	arena a;
	arena_init(&a, 0);
	pl_err err = {0};
	double l;
	assert_int_equal(dna_ped_likelihood(&k.loci[0], &plain, &p, t->obs, &l, &a, &err), PL_EINPUT);
	char name[32];
	snprintf(name, sizeof(name), "individual %d", who);
	assert_non_null(strstr(err.msg, name));
	arena_free(&a);
	dna_kit_free(&k);
}

static void test_invalid_pedigrees_refused(void **state)
{
	(void)state;
	tp t;
	tp_init(&t, 3);
	t.father[2] = 0; /* one parent only */
	refused(&t, "one parent", 3);
	tp_init(&t, 3);
	tp_kid(&t, 3, 1, 2);
	t.sex[0] = DNA_FEMALE;
	refused(&t, "father who is female", 3);
	tp_init(&t, 4);
	tp_kid(&t, 3, 1, 2);
	tp_kid(&t, 1, 3, 4); /* 1 is 3's father and 3 is 1's father */
	t.sex[0] = DNA_MALE;
	refused(&t, "own ancestor", 1);
	tp_init(&t, 2);
	t.father[1] = 5;
	t.mother[1] = 0;
	refused(&t, "not in the pedigree", 2);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_founder_and_parent_child),
		cmocka_unit_test(test_full_siblings),
		cmocka_unit_test(test_full_siblings_with_mutation),
		cmocka_unit_test(test_second_degree),
		cmocka_unit_test(test_typed_spouse_gives_phase),
		cmocka_unit_test(test_double_first_cousins),
		cmocka_unit_test(test_theta_as_pedprobr),
		cmocka_unit_test(test_dropout),
		cmocka_unit_test(test_mutation_by_parent_sex),
		cmocka_unit_test(test_stepwise_untyped_parent),
		cmocka_unit_test(test_invalid_pedigrees_refused),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
