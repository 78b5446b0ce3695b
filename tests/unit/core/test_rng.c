/* The seeded generator: reproducible, in range, roughly uniform. */
#include "testutil.h"

#include <limits.h>

#include "core/rng.h"

static void test_rng_same_seed_gives_same_sequence(void **state)
{
	(void)state;
	rng a, b;
	rng_seed(&a, 42);
	rng_seed(&b, 42);
	for(int i = 0; i < 10000; i++)
		assert_int_equal(rng_next(&a), rng_next(&b));
}

static void test_rng_reseeding_restarts_the_sequence(void **state)
{
	(void)state;
	rng r;
	uint64_t first[16];
	rng_seed(&r, 7);
	for(int i = 0; i < 16; i++)
		first[i] = rng_next(&r);
	rng_seed(&r, 7);
	for(int i = 0; i < 16; i++)
		assert_int_equal(rng_next(&r), first[i]);
}

static void test_rng_different_seeds_differ(void **state)
{
	(void)state;
	static const uint64_t seeds[] = {0, 1, 2, 42, 0xFFFFFFFFFFFFFFFFull};
	enum { N = sizeof(seeds) / sizeof(*seeds) };
	uint64_t out[N][8];
	for(size_t s = 0; s < N; s++) {
		rng r;
		rng_seed(&r, seeds[s]);
		for(int i = 0; i < 8; i++)
			out[s][i] = rng_next(&r);
	}
	for(size_t s = 0; s < N; s++)
		for(size_t t = s + 1; t < N; t++)
			for(int i = 0; i < 8; i++)
				assert_int_not_equal(out[s][i], out[t][i]);
}

static void test_rng_seed_zero_is_not_stuck(void **state)
{
	(void)state;
	rng r;
	rng_seed(&r, 0);
	uint64_t prev = rng_next(&r);
	int changes = 0;
	for(int i = 0; i < 100; i++) {
		uint64_t v = rng_next(&r);
		changes += v != prev && v != 0;
		prev = v;
	}
	assert_int_equal(changes, 100);
}

static void test_rng_below_stays_in_range(void **state)
{
	(void)state;
	static const uint32_t ns[] = {1, 2, 3, 7, 10, 1000, 1u << 31, (1u << 31) + 1, UINT32_MAX};
	rng r;
	rng_seed(&r, 1);
	for(size_t k = 0; k < sizeof(ns) / sizeof(*ns); k++)
		for(int i = 0; i < 20000; i++)
			assert_true(rng_below(&r, ns[k]) < ns[k]);
}

static void test_rng_below_is_roughly_uniform(void **state)
{
	(void)state;
	enum { BUCKETS = 10, DRAWS = 100000 };
	rng r;
	rng_seed(&r, 20250516);
	long count[BUCKETS] = {0};
	for(int i = 0; i < DRAWS; i++)
		count[rng_below(&r, BUCKETS)]++;
	double expected = (double)DRAWS / BUCKETS, chi2 = 0;
	for(int b = 0; b < BUCKETS; b++)
		chi2 += (count[b] - expected) * (count[b] - expected) / expected;
	/* 9 degrees of freedom: chi2 > 40 has p < 1e-5 for a uniform source */
	if(chi2 > 40)
		fail_msg("chi-square %.1f over %d buckets", chi2, BUCKETS);
}

static void test_rng_below_large_n_is_not_biased_to_the_low_range(void **state)
{
	(void)state;
	/* n = 3 * 2^30: a plain modulo of a 32-bit value would put twice as
	 * many draws below 2^30 as in each of the two ranges above it. */
	const uint32_t n = 3u << 30;
	rng r;
	rng_seed(&r, 99);
	long low = 0, draws = 300000;
	for(long i = 0; i < draws; i++)
		low += rng_below(&r, n) < (1u << 30);
	double share = (double)low / (double)draws;
	assert_true(share > 0.32 && share < 0.35);
}

static void test_rng_range_hits_both_inclusive_bounds(void **state)
{
	(void)state;
	rng r;
	rng_seed(&r, 3);
	bool seen[7] = {false};
	for(int i = 0; i < 10000; i++) {
		int v = rng_range(&r, -3, 3);
		assert_true(v >= -3 && v <= 3);
		seen[v + 3] = true;
	}
	for(int i = 0; i < 7; i++)
		assert_true(seen[i]);
	assert_int_equal(rng_range(&r, 5, 5), 5);
}

/* Regression (fixed): rng_range computes hi - lo + 1 in int. For rng_range(INT_MIN,
 * INT_MAX) that is signed overflow (undefined; UBSan aborts), and in practice
 * wraps to 0, so rng_below(r, 0) is called against its n > 0 precondition and
 * every call returns INT_MIN. Expected: values spread over the whole range.
 * Any range wider than INT_MAX (e.g. -2e9..2e9) overflows the same way. */
static void test_rng_range_over_the_whole_int_range(void **state)
{
	(void)state;
	rng r;
	rng_seed(&r, 5);
	int negative = 0, positive = 0;
	for(int i = 0; i < 1000; i++) {
		int v = rng_range(&r, INT_MIN, INT_MAX);
		negative += v < 0;
		positive += v > 0;
	}
	assert_true(negative > 400);
	assert_true(positive > 400);
}

static void test_rng_unit_is_in_half_open_interval(void **state)
{
	(void)state;
	rng r;
	rng_seed(&r, 11);
	double sum = 0, lo = 1, hi = 0;
	enum { N = 100000 };
	for(int i = 0; i < N; i++) {
		double u = rng_unit(&r);
		assert_true(u >= 0.0);
		assert_true(u < 1.0);
		sum += u;
		lo = u < lo ? u : lo;
		hi = u > hi ? u : hi;
	}
	assert_true(sum / N > 0.49 && sum / N < 0.51);
	assert_true(lo < 0.001);
	assert_true(hi > 0.999);
}

static void test_rng_chance_extremes_and_rate(void **state)
{
	(void)state;
	rng r;
	rng_seed(&r, 13);
	int hits = 0;
	for(int i = 0; i < 10000; i++) {
		assert_false(rng_chance(&r, 0.0));
		assert_true(rng_chance(&r, 1.0));
		hits += rng_chance(&r, 0.25);
	}
	assert_true(hits > 2300 && hits < 2700);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_rng_same_seed_gives_same_sequence),
		cmocka_unit_test(test_rng_reseeding_restarts_the_sequence),
		cmocka_unit_test(test_rng_different_seeds_differ),
		cmocka_unit_test(test_rng_seed_zero_is_not_stuck),
		cmocka_unit_test(test_rng_below_stays_in_range),
		cmocka_unit_test(test_rng_below_is_roughly_uniform),
		cmocka_unit_test(test_rng_below_large_n_is_not_biased_to_the_low_range),
		cmocka_unit_test(test_rng_range_hits_both_inclusive_bounds),
		cmocka_unit_test(test_rng_unit_is_in_half_open_interval),
		cmocka_unit_test(test_rng_chance_extremes_and_rate),
		cmocka_unit_test(test_rng_range_over_the_whole_int_range),
	};
	return cmocka_run_group_tests_name("core/rng", tests, NULL, NULL);
}
