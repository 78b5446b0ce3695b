/* The screening's table cache (src/dna/ftable.c): a table found in the
 * cache is the one the engine computes for that family, also for a family
 * whose interchangeable relatives come in another order and for relatives
 * of unknown side (whose placements' likelihoods are kept beside the
 * table); families that differ in anything the table depends on do not
 * share one. */
#include "fixture.h"

#include "dna/ftable.h"

static dna_kit kit;

static int setup(void **state)
{
	(void)state;
	dna_mutation mut = DNA_MUTATION_DEFAULT;
	mut.model = DNA_MUT_STEPWISE;
	kx_kit(&kit, &mut, "10=0.1", "11=0.15", "12=0.2", "13=0.25", "14=0.2", "15=0.1", NULL);
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	dna_kit_free(&kit);
	return 0;
}

enum { NOBS = 21 };                   /* every genotype of the six alleles */

static void all_obs(dna_obs *o)
{
	int n = 0;
	for(int a = 0; a < 6; a++)
		for(int b = a; b < 6; b++)
			o[n++] = (dna_obs){a, b, false};
	assert_int_equal(n, NOBS);
}

/* f's table at locus 0, through u (NULL: computed, no cache). */
static void table(kx_family *f, dna_ftable_user *u, double *t, double *l1, double *l0)
{
	dna_obs o[NOBS];
	all_obs(o);
	arena a, ka;
	arena_init(&a, 0);
	arena_init(&ka, 0);
	dna_kin kin;
	pl_err err = {0};
	dna_model m = {0, 0.05, true};
	assert_ok(dna_kin_of_family(&f->f, &ka, &kin, &err), &err);
	assert_ok(dna_ftable_locus(&kit, 0, &kin, &m, o, NOBS, t, l1, l0, u, &a, &err), &err);
	arena_free(&a);
	arena_free(&ka);
}

static void assert_same(const double *x, const double *y, int n)
{
	for(int i = 0; i < n; i++)
		assert_true(x[i] == y[i] || fabs(x[i] - y[i]) <= 1e-12 * fabs(y[i]));
}

static void two_siblings(kx_family *f, const char *a, const char *b, const char *c, const char *d)
{
	kx_family_init(f, DNA_MALE);
	kx_add(f, DNA_FULL_SIB, DNA_SIDE_UNKNOWN, kx_geno(&kit, a, b));
	kx_add(f, DNA_FULL_SIB, DNA_SIDE_UNKNOWN, kx_geno(&kit, c, d));
}

/* Two brothers in either order: one table, the engine's. */
static void test_siblings_in_any_order_share_the_table(void **state)
{
	(void)state;
	dna_ftable_cache c;
	dna_ftable_user u;
	assert_int_equal(dna_ftable_cache_init(&c, 1 << 20), PL_OK);
	dna_ftable_user_init(&u, &c);
	kx_family f, g;
	two_siblings(&f, "12", "14", "13", "15");
	two_siblings(&g, "13", "15", "12", "14");
	double t1[NOBS], t2[NOBS], t3[NOBS], l1[8 * NOBS], l0[8 * NOBS];
	table(&f, &u, t1, l1, l0);
	assert_int_equal(u.misses, 1);
	assert_int_equal(u.hits, 0);
	table(&g, &u, t2, l1, l0);
	assert_int_equal(u.hits, 1);
	table(&g, NULL, t3, l1, l0);
	assert_same(t2, t3, NOBS);
	/* a father and a brother with those genotypes are another family */
	kx_family h;
	kx_family_init(&h, DNA_MALE);
	kx_add(&h, DNA_FATHER, DNA_SIDE_UNKNOWN, kx_geno(&kit, "12", "14"));
	kx_add(&h, DNA_FULL_SIB, DNA_SIDE_UNKNOWN, kx_geno(&kit, "13", "15"));
	table(&h, &u, t3, l1, l0);
	assert_int_equal(u.misses, 2);
	bool differ = false;
	for(int i = 0; i < NOBS; i++)
		differ |= fabs(t3[i] - t1[i]) > 1e-6;
	assert_true(differ);
	dna_ftable_user_free(&u);
	dna_ftable_cache_free(&c);
}

/* An uncle of unknown side: two placements, whose likelihoods come out
 * of the cache as the engine gives them. */
static void test_placements_come_from_the_cache(void **state)
{
	(void)state;
	dna_ftable_cache c;
	dna_ftable_user u;
	assert_int_equal(dna_ftable_cache_init(&c, 1 << 20), PL_OK);
	dna_ftable_user_init(&u, &c);
	kx_family f;
	kx_family_init(&f, DNA_FEMALE);
	kx_add(&f, DNA_UNCLE, DNA_SIDE_UNKNOWN, kx_geno(&kit, "11", "13"));
	kx_add(&f, DNA_MOTHER, DNA_SIDE_UNKNOWN, kx_geno(&kit, "13", "14"));
	double t1[NOBS], t2[NOBS], a1[8 * NOBS], a0[8 * NOBS], b1[8 * NOBS], b0[8 * NOBS];
	table(&f, NULL, t1, a1, a0);
	table(&f, &u, t2, b1, b0);
	assert_int_equal(u.misses, 1);
	memset(b1, 0, sizeof(b1));
	memset(b0, 0, sizeof(b0));
	table(&f, &u, t2, b1, b0);
	assert_int_equal(u.hits, 1);
	assert_same(t2, t1, NOBS);
	assert_same(b1, a1, 2 * NOBS);
	assert_same(b0, a0, 2 * NOBS);
	/* the two placements differ (the mother is typed on one side) */
	bool differ = false;
	for(int i = 0; i < NOBS; i++)
		differ |= fabs(a1[i] - a1[NOBS + i]) > 1e-9 * a1[i];
	assert_true(differ);
	dna_ftable_user_free(&u);
	dna_ftable_cache_free(&c);
}

/* A full cache keeps nothing more and still gives the engine's tables. */
static void test_a_full_cache_computes(void **state)
{
	(void)state;
	dna_ftable_cache c;
	dna_ftable_user u;
	assert_int_equal(dna_ftable_cache_init(&c, 16), PL_OK);
	dna_ftable_user_init(&u, &c);
	kx_family f;
	two_siblings(&f, "10", "11", "12", "12");
	double t1[NOBS], t2[NOBS], l1[8 * NOBS], l0[8 * NOBS];
	table(&f, &u, t1, l1, l0);
	table(&f, &u, t2, l1, l0);
	assert_int_equal(u.hits, 0);
	assert_int_equal(u.misses, 2);
	assert_same(t1, t2, NOBS);
	dna_ftable_user_free(&u);
	dna_ftable_cache_free(&c);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_siblings_in_any_order_share_the_table),
		cmocka_unit_test(test_placements_come_from_the_cache),
		cmocka_unit_test(test_a_full_cache_computes),
	};
	return cmocka_run_group_tests_name("dna/ftable", tests, setup, teardown);
}
