/* The linker end to end: FEBRL 4 against its truth, explanations that add
 * up, the same answer on any number of threads, deduplication, a given
 * model, and specs that are refused. */
#include "testutil.h"

#include <math.h>

#include "febrl.h"
#include "match/match.h"

static febrl_data d;

static int setup(void **state)
{
	(void)state;
	pl_err err = {0};
	if(febrl_load(PARLEY_FEBRL_DIR, &d, &err)) {
		fprintf(stderr, "%s\n", err.msg);
		return -1;
	}
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	febrl_free(&d);
	return 0;
}

static void test_febrl4_f1(void **state)
{
	(void)state;
	match_opts o = MATCH_OPTS_DEFAULT;
	match_result r;
	pl_err err = {0};
	assert_ok(match_link(&febrl_spec, &d.a, &d.b, &o, &r, &err), &err);
	febrl_score s = febrl_evaluate(&d, &r);
	print_message("# FEBRL 4: precision %.4f recall %.4f F1 %.4f (%zu candidates)\n", s.precision,
	              s.recall, s.f1, r.candidates);
	assert_true(s.f1 >= 0.999);
	assert_int_equal(d.a.n, 5000);
	assert_int_equal(d.b.n, 5000);
	/* Blocking kept every true pair and far fewer than all 25 million. */
	assert_true(r.candidates < 500000);
	assert_true(r.model.converged);
	/* One to one: no record linked twice. */
	unsigned char *seen_a = calloc(d.a.n, 1), *seen_b = calloc(d.b.n, 1);
	for(size_t k = 0; k < r.npairs; k++) {
		const match_pair *p = &r.pairs[k];
		assert_true(k == 0 || p->weight <= r.pairs[k - 1].weight);
		if(p->status != MATCH_LINK)
			continue;
		assert_false(seen_a[p->a] || seen_b[p->b]);
		seen_a[p->a] = seen_b[p->b] = 1;
		assert_true(p->prob >= o.threshold);
	}
	free(seen_a);
	free(seen_b);
	match_result_free(&r);
}

/* The parts of a weight add up to it, and a rare surname weighs more than
 * a common one (term frequency). */
static void test_explanations_add_up(void **state)
{
	(void)state;
	match_opts o = MATCH_OPTS_DEFAULT;
	match_result r;
	pl_err err = {0};
	assert_ok(match_link(&febrl_spec, &d.a, &d.b, &o, &r, &err), &err);
	double part[MATCH_CMPS_MAX];
	double rare = 0, common = 1e9;
	for(size_t k = 0; k < r.npairs; k++) {
		const match_pair *p = &r.pairs[k];
		double w = match_explain(&febrl_spec, &r, &d.a, &d.b, p, part);
		assert_true(fabs(w - p->weight) < 1e-3 * (1 + fabs(w)));
		double sum = log2(r.model.lambda / (1 - r.model.lambda));
		for(int c = 0; c < febrl_spec.ncmps; c++)
			sum += part[c];
		assert_true(fabs(sum - w) < 1e-9);
		if(p->level[1] == 0) { /* surname exact */
			if(part[1] > rare)
				rare = part[1];
			if(part[1] < common)
				common = part[1];
		}
	}
	assert_true(rare > common + 3);
	match_result_free(&r);
}

static void test_same_answer_on_any_threads(void **state)
{
	(void)state;
	match_result r1, r2;
	pl_err err = {0};
	match_opts o = MATCH_OPTS_DEFAULT;
	o.threads = 1;
	assert_ok(match_link(&febrl_spec, &d.a, &d.b, &o, &r1, &err), &err);
	o.threads = 3;
	assert_ok(match_link(&febrl_spec, &d.a, &d.b, &o, &r2, &err), &err);
	assert_int_equal(r1.candidates, r2.candidates);
	assert_int_equal(r1.npairs, r2.npairs);
	assert_true(r1.model.lambda == r2.model.lambda);
	for(size_t k = 0; k < r1.npairs; k++) {
		assert_int_equal(r1.pairs[k].a, r2.pairs[k].a);
		assert_int_equal(r1.pairs[k].b, r2.pairs[k].b);
		assert_int_equal(r1.pairs[k].status, r2.pairs[k].status);
	}
	/* Linking again with the model just estimated gives the same links. */
	match_result r3;
	o.model = &r1.model;
	assert_ok(match_link(&febrl_spec, &d.a, &d.b, &o, &r3, &err), &err);
	assert_int_equal(r3.links, r1.links);
	assert_int_equal(r3.patterns, 0); /* no EM ran */
	match_result_free(&r1);
	match_result_free(&r2);
	match_result_free(&r3);
}

/* Side b against itself: its records are all different people, so
 * linking b plus a few copies finds exactly the copies. */
static void test_dedupe_finds_the_copies(void **state)
{
	(void)state;
	match_side s;
	match_side_init(&s, FEBRL_COLS);
	for(size_t i = 0; i < 2000; i++)
		assert_int_equal(match_side_add(&s, d.a.v + i * FEBRL_COLS), PL_OK);
	/* Copies of records 10, 20, ..., 100 with the given name and surname
	 * exchanged, or the date of birth with day and month swapped. */
	for(size_t i = 10; i <= 100; i += 10) {
		const char *v[FEBRL_COLS];
		memcpy(v, d.a.v + i * FEBRL_COLS, sizeof(v));
		if(i % 20 == 0) {
			v[FEBRL_GIVEN] = match_value(&d.a, i, FEBRL_SURNAME);
			v[FEBRL_SURNAME] = match_value(&d.a, i, FEBRL_GIVEN);
		}
		assert_int_equal(match_side_add(&s, v), PL_OK);
	}
	match_opts o = MATCH_OPTS_DEFAULT;
	o.dedupe = true;
	match_result r;
	pl_err err = {0};
	assert_ok(match_link(&febrl_spec, &s, &s, &o, &r, &err), &err);
	size_t found = 0;
	for(size_t k = 0; k < r.npairs; k++) {
		const match_pair *p = &r.pairs[k];
		assert_true(p->a < p->b);
		if(p->status != MATCH_LINK)
			continue;
		assert_true(p->b >= 2000);
		assert_int_equal(p->a, (p->b - 2000 + 1) * 10);
		found++;
	}
	assert_int_equal(found, 10);
	match_result_free(&r);
	match_side_free(&s);
}

static void test_bad_specs_are_refused(void **state)
{
	(void)state;
	match_opts o = MATCH_OPTS_DEFAULT;
	match_result r;
	pl_err err = {0};
	match_comparison bad_col = {"nowhere", MATCH_TEXT, 99, -1, -1, false, -1, -1};
	match_spec spec = {&bad_col, 1, febrl_spec.rules, 1};
	assert_int_equal(match_link(&spec, &d.a, &d.b, &o, &r, &err), PL_EUSAGE);
	assert_non_null(strstr(err.msg, "nowhere"));
	match_rule no_cols = {"empty", {0}, 0, 0, 0};
	spec = (match_spec){febrl_spec.cmps, 1, &no_cols, 1};
	assert_int_equal(match_link(&spec, &d.a, &d.b, &o, &r, &err), PL_EUSAGE);
	assert_non_null(strstr(err.msg, "empty"));
	o.dedupe = true;
	assert_int_equal(match_link(&febrl_spec, &d.a, &d.b, &o, &r, &err), PL_EUSAGE);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_febrl4_f1),
		cmocka_unit_test(test_explanations_add_up),
		cmocka_unit_test(test_same_answer_on_any_threads),
		cmocka_unit_test(test_dedupe_finds_the_copies),
		cmocka_unit_test(test_bad_specs_are_refused),
	};
	return cmocka_run_group_tests_name("match/link", tests, setup, teardown);
}
