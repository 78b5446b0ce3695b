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

static const char **row_of(const match_side *s, size_t i, const char **v)
{
	for(size_t c = 0; c < s->ncols; c++)
		v[c] = match_value(s, i, (int)c);
	return v;
}

/* Side b against itself: its records are all different people, so
 * linking b plus a few copies finds exactly the copies. */
static void test_dedupe_finds_the_copies(void **state)
{
	(void)state;
	match_side s;
	match_side_init(&s, FEBRL_COLS);
	const char *v[FEBRL_COLS];
	for(size_t i = 0; i < 2000; i++)
		assert_int_equal(match_side_add(&s, row_of(&d.a, i, v)), PL_OK);
	/* Copies of records 10, 20, ..., 100 with the given name and surname
	 * exchanged, or the date of birth with day and month swapped. */
	for(size_t i = 10; i <= 100; i += 10) {
		row_of(&d.a, i, v);
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

/* A block of 50 a side on one key (cap 2): in the window of column 1
 * (one record each side, ties up to 4, no pruning) each record of a meets
 * b's record before it if near, the one with its value, and the one after
 * if near; a record without a value there meets the whole block; without
 * windows the block is skipped. v009 and v010 are two edits apart, so the
 * neighbours across each ten (4 of them, 2 pairs each) are not met. */
enum { WKEY, WVAL, WCOLS };

static void window_sides(match_side *a, match_side *b, size_t n)
{
	match_side_init(a, WCOLS);
	match_side_init(b, WCOLS);
	char val[32];
	for(size_t k = 0; k < n; k++) {
		snprintf(val, sizeof(val), "v%03zu", k);
		const char *row[WCOLS] = {"same", val};
		assert_int_equal(match_side_add(a, row), PL_OK);
		assert_int_equal(match_side_add(b, row), PL_OK);
	}
}

static void test_large_blocks_in_windows(void **state)
{
	(void)state;
	static const match_comparison cmp = {"value", MATCH_TEXT, WVAL, -1, -1, false, -1, -1};
	match_rule rule = {"key", {WKEY}, 1, 0, 2, {WVAL}, 1, {0}, 0};
	match_spec spec = {&cmp, 1, &rule, 1};
	match_side a, b;
	window_sides(&a, &b, 50);
	match_opts o = MATCH_OPTS_DEFAULT;
	o.window = 1;
	o.window_ties = 4;
	o.prune = -1;
	match_result r;
	pl_err err = {0};
	assert_ok(match_link(&spec, &a, &b, &o, &r, &err), &err);
	assert_int_equal(r.candidates, 3 * 50 - 2 - 8); /* not 50 * 50 */
	assert_int_equal(r.windowed_blocks, 1);
	assert_int_equal(r.largest_block, 50);
	/* Each record's own is among them, and ranks first. */
	size_t first = 0;
	for(size_t k = 0; k < r.npairs; k++)
		if(r.pairs[k].status != MATCH_OUTRANKED) {
			assert_int_equal(r.pairs[k].a, r.pairs[k].b);
			first++;
		}
	assert_int_equal(first, 50);
	match_result_free(&r);

	/* One more record of a, with no value: it meets all 50 of b. */
	const char *sparse[WCOLS] = {"same", NULL};
	assert_int_equal(match_side_add(&a, sparse), PL_OK);
	assert_ok(match_link(&spec, &a, &b, &o, &r, &err), &err);
	assert_int_equal(r.candidates, 3 * 50 - 2 - 8 + 50);
	match_result_free(&r);

	/* Four of b share a value: a's record with it meets all four (and
	 * the sparse record meets the three new ones too)... */
	const char *tie[WCOLS] = {"same", "v007"};
	for(int k = 0; k < 3; k++)
		assert_int_equal(match_side_add(&b, tie), PL_OK);
	assert_ok(match_link(&spec, &a, &b, &o, &r, &err), &err);
	assert_int_equal(r.candidates, 3 * 50 - 2 - 8 + 50 + 3 + 3);
	match_result_free(&r);
	/* ...but not five (window_ties): then only its neighbours. */
	assert_int_equal(match_side_add(&b, tie), PL_OK);
	assert_ok(match_link(&spec, &a, &b, &o, &r, &err), &err);
	assert_int_equal(r.candidates, 3 * 50 - 2 - 8 + 50 - 1 + 4);
	match_result_free(&r);

	/* Without windows, the block is skipped and said to be. */
	rule.nwin = 0;
	assert_ok(match_link(&spec, &a, &b, &o, &r, &err), &err);
	assert_int_equal(r.candidates, 0);
	assert_int_equal(r.skipped_blocks, 1);
	pl_err w[MATCH_WARNINGS_MAX] = {{0}};
	int nw = match_warnings(&spec, &r, a.n, b.n, w), skipped = 0;
	for(int k = 0; k < nw; k++)
		skipped += !strcmp(w[k].code, "match.blocks_skipped");
	assert_int_equal(skipped, 1);
	match_result_free(&r);
	match_side_free(&a);
	match_side_free(&b);
}

static void test_dedupe_in_windows(void **state)
{
	(void)state;
	static const match_comparison cmp = {"value", MATCH_TEXT, WVAL, -1, -1, false, -1, -1};
	static const match_rule rule = {"key", {WKEY}, 1, 0, 2, {WVAL}, 1, {0}, 0};
	match_spec spec = {&cmp, 1, &rule, 1};
	match_side a, b;
	window_sides(&a, &b, 30);
	match_side_free(&b);
	/* Records 5 and 6 twice more: ties meet each other. */
	const char *five[WCOLS] = {"same", "v005"}, *six[WCOLS] = {"same", "v006"};
	assert_int_equal(match_side_add(&a, five), PL_OK);
	assert_int_equal(match_side_add(&a, six), PL_OK);
	match_opts o = MATCH_OPTS_DEFAULT;
	o.dedupe = true;
	o.window = 1;
	o.window_ties = 4;
	o.prune = -1;
	match_result r;
	pl_err err = {0};
	assert_ok(match_link(&spec, &a, &a, &o, &r, &err), &err);
	/* 32 records in order: each with the next if near (31 pairs, less
	 * the two across a ten), plus the second copy of 5 and 6 reached past
	 * a tie: 5-5'-6-6'-7. */
	assert_int_equal(r.candidates, 31 - 2 + 2);
	for(size_t k = 0; k < r.npairs; k++)
		assert_true(r.pairs[k].a < r.pairs[k].b);
	match_result_free(&r);
	match_side_free(&a);
}

/* With the default reach (5 each side, 8 ties), a record meets the
 * neighbours in its window's order that are near its value and not the
 * others, however close they stand: in a block of dates, 19800101 meets
 * 19800102 (one edit) and 19800110 (the same month), never 19811231. */
static void test_windows_meet_near_neighbours(void **state)
{
	(void)state;
	static const match_comparison cmp = {"value", MATCH_TEXT, WVAL, -1, -1, false, -1, -1};
	static const match_rule rule = {"key", {WKEY}, 1, 0, 2, {WVAL}, 1, {0}, 0};
	match_spec spec = {&cmp, 1, &rule, 1};
	match_side a, b;
	match_side_init(&a, WCOLS);
	match_side_init(&b, WCOLS);
	const char *row[WCOLS] = {"same", "19800101"};
	assert_int_equal(match_side_add(&a, row), PL_OK);
	static const char *const dates[] = {"19800102", "19800110", "19811231", "19550607", "20010911"};
	for(size_t k = 0; k < sizeof(dates) / sizeof(dates[0]); k++) {
		row[1] = dates[k];
		assert_int_equal(match_side_add(&b, row), PL_OK);
	}
	match_opts o = MATCH_OPTS_DEFAULT;
	o.review = 0;
	match_result r;
	pl_err err = {0};
	assert_ok(match_link(&spec, &a, &b, &o, &r, &err), &err);
	assert_int_equal(r.windowed_blocks, 1);
	assert_int_equal(r.candidates, 2);
	for(size_t k = 0; k < r.npairs; k++)
		assert_true(r.pairs[k].b <= 1);
	match_result_free(&r);
	match_side_free(&a);
	match_side_free(&b);
}

/* A rule's screen: of a small block taken whole, a pair is compared only
 * if it is near on a screen column or one side does not know it. */
enum { SKEY, SNAME, SDATE, SCOLS };

static void test_screen_drops_pairs_far_on_everything(void **state)
{
	(void)state;
	static const match_comparison cmp = {"name", MATCH_TEXT, SNAME, -1, -1, false, -1, -1};
	match_rule rule = {"key", {SKEY}, 1, 0, 4, {0}, 0, {SNAME, SDATE}, 2};
	match_spec spec = {&cmp, 1, &rule, 1};
	match_side a, b;
	match_side_init(&a, SCOLS);
	match_side_init(&b, SCOLS);
	const char *ra[SCOLS] = {"k", "kovalenko", "19800101"};
	assert_int_equal(match_side_add(&a, ra), PL_OK);
	const char *far[SCOLS] = {"k", "shevchuk", "19550607"};    /* far on both: dropped */
	const char *name[SCOLS] = {"k", "kovalenkp", "19550607"};  /* the name near */
	const char *date[SCOLS] = {"k", "shevchuk", "19800110"};   /* the date near */
	const char *nodate[SCOLS] = {"k", "shevchuk", NULL};       /* no date: kept */
	const char *const *rows[] = {far, name, date, nodate};
	for(size_t k = 0; k < 4; k++)
		assert_int_equal(match_side_add(&b, rows[k]), PL_OK);
	match_opts o = MATCH_OPTS_DEFAULT;
	o.review = 0;
	o.prune = -1;
	match_result r;
	pl_err err = {0};
	assert_ok(match_link(&spec, &a, &b, &o, &r, &err), &err);
	assert_int_equal(r.candidates, 3);
	for(size_t k = 0; k < r.npairs; k++)
		assert_int_not_equal(r.pairs[k].b, 0);
	match_result_free(&r);
	/* Without a screen, all four. */
	rule.nscreen = 0;
	assert_ok(match_link(&spec, &a, &b, &o, &r, &err), &err);
	assert_int_equal(r.candidates, 4);
	match_result_free(&r);
	match_side_free(&a);
	match_side_free(&b);
}

/* Pruning: a's 0 and b's 0 agree on three rules' keys; a's 0 and b's 1
 * on one (a namesake). The namesake stays while it is b's 1's best pair,
 * and goes once b's 1 has a pair of three rules: with a margin of 1, not
 * with 2. b's 2 is found by one rule alone and is its records' best:
 * kept. */
enum { PK1, PK2, PK3, PCOLS };

static void test_prune_drops_pairs_few_rules_propose(void **state)
{
	(void)state;
	static const match_comparison cmp = {"k1", MATCH_EXACT, PK1, -1, -1, false, -1, -1};
	static const match_rule rules[] = {
		{"k1", {PK1}, 1, 0, 0, {0}, 0, {0}, 0},
		{"k2", {PK2}, 1, 0, 0, {0}, 0, {0}, 0},
		{"k3", {PK3}, 1, 0, 0, {0}, 0, {0}, 0},
	};
	match_spec spec = {&cmp, 1, rules, 3};
	match_side a, b;
	match_side_init(&a, PCOLS);
	match_side_init(&b, PCOLS);
	const char *a0[PCOLS] = {"x", "y", "z"}, *a1[PCOLS] = {"p", NULL, NULL};
	const char *b0[PCOLS] = {"x", "y", "z"}, *b1[PCOLS] = {"x", "q", "r"}, *b2[PCOLS] = {"p", "s", "t"};
	assert_int_equal(match_side_add(&a, a0), PL_OK);
	assert_int_equal(match_side_add(&a, a1), PL_OK);
	assert_int_equal(match_side_add(&b, b0), PL_OK);
	assert_int_equal(match_side_add(&b, b1), PL_OK);
	assert_int_equal(match_side_add(&b, b2), PL_OK);
	match_opts o = MATCH_OPTS_DEFAULT;
	o.review = 0;
	match_result r;
	pl_err err = {0};
	assert_ok(match_link(&spec, &a, &b, &o, &r, &err), &err);
	/* (0,0) by three rules, (0,1) by one, (1,2) by one. */
	assert_int_equal(r.candidates, 3);
	assert_int_equal(r.pruned, 0);
	match_result_free(&r);
	/* a's 2 is b's 1: (2,1) by three rules, and (2,0) by one. */
	const char *a2[PCOLS] = {"x", "q", "r"};
	assert_int_equal(match_side_add(&a, a2), PL_OK);
	assert_ok(match_link(&spec, &a, &b, &o, &r, &err), &err);
	assert_int_equal(r.candidates, 3);
	assert_int_equal(r.pruned, 2);
	for(size_t k = 0; k < r.npairs; k++)
		assert_true(r.pairs[k].a == 1 ? r.pairs[k].b == 2 : r.pairs[k].a / 2 == r.pairs[k].b);
	match_result_free(&r);
	o.prune = 2;
	assert_ok(match_link(&spec, &a, &b, &o, &r, &err), &err);
	assert_int_equal(r.candidates, 5);
	match_result_free(&r);
	o.prune = -1;
	assert_ok(match_link(&spec, &a, &b, &o, &r, &err), &err);
	assert_int_equal(r.candidates, 5);
	assert_int_equal(r.pruned, 0);
	match_result_free(&r);
	match_side_free(&a);
	match_side_free(&b);
}

/* Pruning, the other end: a's 1 has no match, and its only pair, with b's
 * 0, is found by one rule; b's 0 is a's 0's by five. That pair is a's 1's
 * best, but four rules behind b's 0's best: dropped when no more than
 * three behind are kept (the default), kept with four, or without it. */
enum { QK1, QK2, QK3, QK4, QK5, QCOLS };

static void test_prune_drops_pairs_far_behind_the_other_records_best(void **state)
{
	(void)state;
	static const match_comparison cmp = {"k1", MATCH_EXACT, QK1, -1, -1, false, -1, -1};
	static const match_rule rules[] = {
		{"k1", {QK1}, 1, 0, 0, {0}, 0, {0}, 0}, {"k2", {QK2}, 1, 0, 0, {0}, 0, {0}, 0},
		{"k3", {QK3}, 1, 0, 0, {0}, 0, {0}, 0}, {"k4", {QK4}, 1, 0, 0, {0}, 0, {0}, 0},
		{"k5", {QK5}, 1, 0, 0, {0}, 0, {0}, 0},
	};
	match_spec spec = {&cmp, 1, rules, 5};
	match_side a, b;
	match_side_init(&a, QCOLS);
	match_side_init(&b, QCOLS);
	const char *a0[QCOLS] = {"v", "w", "x", "y", "z"}, *a1[QCOLS] = {"v", "p", "q", "r", "s"};
	const char *b0[QCOLS] = {"v", "w", "x", "y", "z"};
	assert_int_equal(match_side_add(&a, a0), PL_OK);
	assert_int_equal(match_side_add(&a, a1), PL_OK);
	assert_int_equal(match_side_add(&b, b0), PL_OK);
	match_opts o = MATCH_OPTS_DEFAULT;
	o.review = 0;
	match_result r;
	pl_err err = {0};
	assert_int_equal(o.prune_behind, 3);
	assert_ok(match_link(&spec, &a, &b, &o, &r, &err), &err);
	assert_int_equal(r.candidates, 1);
	assert_int_equal(r.pruned, 1);
	assert_int_equal(r.npairs, 1);
	assert_int_equal(r.pairs[0].a, 0);
	match_result_free(&r);
	o.prune_behind = 4;
	assert_ok(match_link(&spec, &a, &b, &o, &r, &err), &err);
	assert_int_equal(r.candidates, 2);
	match_result_free(&r);
	o.prune_behind = -1;
	assert_ok(match_link(&spec, &a, &b, &o, &r, &err), &err);
	assert_int_equal(r.candidates, 2);
	assert_int_equal(r.pruned, 0);
	match_result_free(&r);
	match_side_free(&a);
	match_side_free(&b);
}

static void test_record_size_is_limited(void **state)
{
	(void)state;
	match_side s;
	match_side_init(&s, 2);
	char *big = malloc(MATCH_RECORD_MAX);
	memset(big, 'x', MATCH_RECORD_MAX - 1);
	big[MATCH_RECORD_MAX - 1] = '\0';
	const char *row[2] = {"short", big};
	assert_int_equal(match_side_add(&s, row), PL_ELIMIT);
	assert_int_equal(s.n, 0);
	big[MATCH_RECORD_MAX - 16] = '\0';
	assert_int_equal(match_side_add(&s, row), PL_OK);
	assert_string_equal(match_value(&s, 0, 0), "short");
	assert_int_equal(strlen(match_value(&s, 0, 1)), MATCH_RECORD_MAX - 16);
	const char *other[2] = {NULL, "y"};
	assert_int_equal(match_side_set(&s, 0, other), PL_OK);
	assert_null(match_value(&s, 0, 0));
	assert_string_equal(match_value(&s, 0, 1), "y");
	free(big);
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
	match_rule no_cols = {"empty", {0}, 0, 0, 0, {0}, 0, {0}, 0};
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
		cmocka_unit_test(test_large_blocks_in_windows),
		cmocka_unit_test(test_dedupe_in_windows),
		cmocka_unit_test(test_windows_meet_near_neighbours),
		cmocka_unit_test(test_screen_drops_pairs_far_on_everything),
		cmocka_unit_test(test_prune_drops_pairs_few_rules_propose),
		cmocka_unit_test(test_prune_drops_pairs_far_behind_the_other_records_best),
		cmocka_unit_test(test_record_size_is_limited),
		cmocka_unit_test(test_bad_specs_are_refused),
	};
	return cmocka_run_group_tests_name("match/link", tests, setup, teardown);
}
