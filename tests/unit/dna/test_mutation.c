/* Mutation models by hand: Familias 3's "Extended stepwise" is pedmut's
 * stepwise(rate, rate2, range) and parley's stepwise, entry by entry, both
 * from the kit and from the oracle's own formula (oracle_stepwise); and
 * the settings a user gives for them: the model's name, rate2, the range,
 * and a locus's own model ("SE33=stepwise:0.004/0.001:0.0002:0.2"). */
#include "fixture.h"

#include <jansson.h>

#include "dna/dna.h"
#include "oracle.h"

/* Alleles 9, 10, 11, 12 (one group), 10.3 and 11.3 (a second), 8.1 (alone). */
static const char *const alleles[] = {"9", "10", "11", "12", "10.3", "11.3", "8.1"};
enum { A9, A10, A11, A12, A103, A113, A81, N };
#define AT(M, i, j) (M)[(i) * N + (j)]

/* The published formula worked by hand for rate R, rate2 R2, range 1/4:
 * from 10 the others of its group weigh 1/4 (9, 11) and 1/16 (12), 9/16
 * in all; from 9, 1/4, 1/16 and 1/64, 21/64 in all; 10.3 has one other in
 * its group; 8.1 none. The other groups' alleles share R2 equally. */
static void expect_by_hand(const double *M, double R, double R2, const char *who)
{
	const struct {
		int i, j;
		double want;
	} e[] = {
		{A10, A9, R * 4 / 9},   {A10, A11, R * 4 / 9},   {A10, A12, R / 9},
		{A10, A103, R2 / 3},    {A10, A81, R2 / 3},      {A10, A10, 1 - R - R2},
		{A9, A10, R * 16 / 21}, {A9, A11, R * 4 / 21},   {A9, A12, R / 21},
		{A103, A113, R},        {A103, A10, R2 / 5},     {A103, A81, R2 / 5},
		{A103, A103, 1 - R - R2}, {A81, A81, 1 - R2},    {A81, A9, R2 / 6},
		{A81, A113, R2 / 6},
	};
	for(size_t k = 0; k < sizeof(e) / sizeof(e[0]); k++)
		if(!(fabs(AT(M, e[k].i, e[k].j) - e[k].want) <= 1e-15))
			fail_msg("%s: %s -> %s is %.17g, by hand %.17g", who, alleles[e[k].i],
			         alleles[e[k].j], AT(M, e[k].i, e[k].j), e[k].want);
	for(int i = 0; i < N; i++) {
		double row = 0;
		for(int j = 0; j < N; j++)
			row += M[i * N + j];
		assert_near(row, 1, 1e-15);
	}
}

/* A kit of the seven alleles (frequencies summing to 1: no rest allele)
 * with the model of that name; the kit's order is the table's. */
static void seven(dna_kit *k, const char *model, double range)
{
	dna_mutation m = {(dna_mutation_model)dna_mutation_lookup(model), 0.003, 0.001, range, 0.0004,
	                  0.0001};
	kx_kit(k, &m, "9=0.1", "10=0.2", "11=0.2", "12=0.2", "10.3=0.1", "11.3=0.1", "8.1=0.1", NULL);
	for(int i = 0; i < N; i++)
		assert_int_equal(dna_kit_allele(k, 0, alleles[i]), i);
}

static void test_extended_stepwise_by_hand(void **state)
{
	(void)state;
	assert_int_equal(dna_mutation_lookup("extended-stepwise"), DNA_MUT_STEPWISE);
	assert_int_equal(dna_mutation_lookup("stepwise"), DNA_MUT_STEPWISE);
	assert_int_equal(dna_mutation_lookup("Extended stepwise"), -1);
	assert_int_equal(dna_mutation_lookup("onestep"), -1);
	dna_kit ext, step;
	seven(&ext, "extended-stepwise", 0.25);
	seven(&step, "stepwise", 0.25);
	const dna_locus *L = &ext.loci[0];
	expect_by_hand(L->mut[DNA_FROM_FATHER], 0.003, 0.0004, "kit, fathers");
	expect_by_hand(L->mut[DNA_FROM_MOTHER], 0.001, 0.0001, "kit, mothers");
	expect_by_hand(L->mut[DNA_FROM_PARENT], 0.002, 0.00025, "kit, a parent of unknown sex");
	/* one model under two names: the very same matrices */
	for(int s = 0; s < 3; s++)
		assert_memory_equal(L->mut[s], step.loci[0].mut[s], N * N * sizeof(double));
	/* the oracle's matrix, from the formula alone, by hand too */
	double M[N * N];
	oracle_stepwise(alleles, N, 0.003, 0.0004, 0.25, M);
	expect_by_hand(M, 0.003, 0.0004, "oracle_stepwise");
	dna_kit_free(&ext);
	dna_kit_free(&step);
}

/* The range must be above 0 (pedmut and Familias refuse 0: a row would
 * sum to 1 - R); rate + rate2 above 1 gives no probabilities. */
static void test_stepwise_refusals(void **state)
{
	(void)state;
	dna_freqs f;
	dna_freqs_init(&f);
	f.loci = arena_calloc(&f.a, 1, sizeof(dna_freq_locus));
	f.loci[0] = (dna_freq_locus){.name = "TH01", .floor = 0.01};
	f.loci[0].alleles = arena_calloc(&f.a, 3, sizeof(dna_freq_allele));
	f.loci[0].alleles[0] = (dna_freq_allele){"6", 0.4, -1};
	f.loci[0].alleles[1] = (dna_freq_allele){"6.3", 0.1, -1};
	f.loci[0].alleles[2] = (dna_freq_allele){"7", 0.5, -1};
	f.loci[0].n = 3;
	f.n = 1;
	const dna_mutation bad[] = {{DNA_MUT_STEPWISE, 0.002, 0.001, 0, 0, 0},
	                            {DNA_MUT_STEPWISE, 0.002, 0.001, -1, 0, 0},
	                            {DNA_MUT_STEPWISE, 0.7, 0.001, 0.5, 0.6, 0}};
	const char *why[] = {"needs a range above 0 (got 0)", "needs a range above 0 (got -1)",
	                     "gives no probabilities"};
	for(int i = 0; i < 3; i++) {
		dna_kit k;
		pl_err err = {0};
		assert_ok(dna_kit_init(&k, &f, &err), &err);
		assert_int_equal(dna_kit_finish(&k, &bad[i], &err), PL_EINPUT);
		assert_contains(err.msg, "locus TH01");
		assert_contains(err.msg, why[i]);
		dna_kit_free(&k);
	}
	dna_freqs_free(&f);
}

/* ---- the settings ---- */

static void test_model_names_and_rates(void **state)
{
	(void)state;
	dna_params p = DNA_PARAMS_INIT;
	pl_err err = {0};
	assert_ok(dna_params_set_mutation(&p, "extended-stepwise", &err), &err);
	assert_int_equal(p.mutation.model, DNA_MUT_STEPWISE);
	assert_ok(dna_params_set_mutation(&p, "none", &err), &err);
	assert_int_equal(dna_params_set_mutation(&p, "onestep", &err), PL_EINPUT);
	assert_string_equal(err.msg, "mutation: expected none, equal, proportional, stepwise or "
	                             "extended-stepwise (got 'onestep')");
	assert_int_equal(p.mutation.model, DNA_MUT_NONE);
	assert_ok(dna_params_set(&p, "paternal_rate2", 0.0003, &err), &err);
	assert_ok(dna_params_set(&p, "maternal_rate2", 0, &err), &err);
	assert_true(p.mutation.rate2_pat == 0.0003 && p.mutation.rate2_mat == 0);
	assert_int_equal(dna_params_set(&p, "maternal_rate2", 0.5, &err), PL_EINPUT);
	assert_string_equal(err.msg, "maternal_rate2: expected a number from 0 to 0.1 (got 0.5)");
	assert_int_equal(dna_params_set(&p, "range", 0, &err), PL_EINPUT);
	assert_string_equal(err.msg, "range: expected a number above 0, up to 1 (got 0)");
	assert_ok(dna_params_set(&p, "range", 1, &err), &err);
	assert_true(p.mutation.range == 1 && p.mutation.rate2_mat == 0);
}

/* Each good text and the model it gives, on top of the screening's
 * (stepwise 0.002/0.0005, rate2 0.0001/0.000025, range 0.1). */
static void test_markers_read(void **state)
{
	(void)state;
	dna_params p = DNA_PARAMS_INIT;
	pl_err err = {0};
	const struct {
		const char *text, *locus;
		dna_mutation want;
	} good[] = {
		{"TH01=none", "TH01", {DNA_MUT_NONE, 0, 0, 0, 0, 0}},
		{"SE33=stepwise:0.004/0.001:0.0002:0.2", "SE33", {DNA_MUT_STEPWISE, 0.004, 0.001, 0.2, 0.0002, 0.0002}},
		{"D21S11=equal:0.003", "D21S11", {DNA_MUT_EQUAL, 0.003, 0.003, 0.1, 0, 0}},
		{"FGA=extended-stepwise::0.0003/1e-5", "FGA", {DNA_MUT_STEPWISE, 0.002, 0.0005, 0.1, 0.0003, 1e-5}},
		{"Penta D=proportional:", "Penta D", {DNA_MUT_PROPORTIONAL, 0.002, 0.0005, 0.1, 0, 0}},
		{"vWA=stepwise:::1", "vWA", {DNA_MUT_STEPWISE, 0.002, 0.0005, 1, 0.0001, 0.000025}},
	};
	for(size_t i = 0; i < sizeof(good) / sizeof(good[0]); i++) {
		assert_ok(dna_params_add_marker(&p, good[i].text, &err), &err);
		const dna_marker_mutation *m = &p.marker[i];
		assert_string_equal(m->locus, good[i].locus);
		if(memcmp(&m->mutation, &good[i].want, sizeof(dna_mutation)))
			fail_msg("%s: model %d %g/%g range %g rate2 %g/%g", good[i].text, (int)m->mutation.model,
			         m->mutation.rate_pat, m->mutation.rate_mat, m->mutation.range,
			         m->mutation.rate2_pat, m->mutation.rate2_mat);
	}
	assert_int_equal(p.nmarkers, 6);
	/* the screening's own model none: mutation still on, at those loci */
	p.mutation.model = DNA_MUT_NONE;
	assert_true(dna_params_mutation(&p));
	buf b;
	buf_init(&b, 0);
	assert_int_equal(dna_params_markers_text(&p, &b), PL_OK);
	assert_contains(buf_str(&b), "TH01 none; SE33 stepwise 0.004/0.001, rate2 0.0002/0.0002, range 0.2; "
	                             "D21S11 equal 0.003/0.003;");
	buf_free(&b);
	/* kept with the run's settings */
	json_t *j = dna_params_json(&p), *mk = json_object_get(json_object_get(j, "mutation"), "markers");
	assert_int_equal(json_array_size(mk), 6);
	assert_string_equal(json_string_value(json_object_get(json_array_get(mk, 1), "locus")), "SE33");
	assert_string_equal(json_string_value(json_object_get(json_array_get(mk, 1), "model")), "stepwise");
	assert_true(json_real_value(json_object_get(json_array_get(mk, 1), "maternal")) == 0.001);
	assert_true(json_real_value(json_object_get(json_object_get(j, "mutation"), "paternal_rate2")) == 0.0001);
	json_decref(j);
	p.nmarkers = 0;
	assert_false(dna_params_mutation(&p));
}

/* Each bad text refused, saying the part and what was expected; the
 * settings unchanged. */
static void test_markers_refused(void **state)
{
	(void)state;
	char longer[300];
	memset(longer, 'A', sizeof(longer) - 1);
	longer[sizeof(longer) - 1] = '\0';
	longer[3] = '=';
	const struct {
		const char *text, *why;
	} bad[] = {
		{"TH01", "'TH01': expected LOCUS=MODEL[:RATE[:RATE2[:RANGE]]]"},
		{"=equal", "the locus: expected a locus name"},
		{"--=equal", "the locus: expected a locus name"},
		{"TH01=sideways", "the model: expected none, equal, proportional, stepwise or extended-stepwise (got 'sideways')"},
		{"TH01=", "the model: expected none, equal"},
		{"TH01=equal:1.5", "the rate: expected a number from 0 to 0.1 (got 1.5)"},
		{"TH01=equal:-0.001", "the rate: expected a number from 0 to 0.1 (got -0.001)"},
		{"TH01=equal:abc", "the rate: expected a number (got 'abc')"},
		{"TH01=equal:nan", "the rate: expected a number (got 'nan')"},
		{"TH01=equal:inf", "the rate: expected a number (got 'inf')"},
		{"TH01=equal:0x1p-3", "the rate: expected a number (got '0x1p-3')"},
		{"TH01=equal: 0.1", "the rate: expected a number (got ' 0.1')"},
		{"TH01=equal:1e999", "the rate: expected a number (got '1e999')"},
		{"TH01=equal:0.001/", "the rate from mothers: expected a number (got '')"},
		{"TH01=equal:/0.001", "the rate from fathers: expected a number (got '')"},
		{"TH01=equal:0.001/0.2", "the rate from mothers: expected a number from 0 to 0.1 (got 0.2)"},
		{"TH01=equal:0.001/0.001/0.001", "the rate from mothers: expected a number (got '0.001/0.001')"},
		{"TH01=equal:0.001:0.0001", "rate2 and the range are the stepwise model's (got them for equal)"},
		{"TH01=proportional:::0.5", "rate2 and the range are the stepwise model's"},
		{"TH01=none:0.01", "the model none takes no rates"},
		{"TH01=none:::0.2", "the model none takes no rates"},
		{"TH01=stepwise:0.001:0.2", "rate2: expected a number from 0 to 0.1 (got 0.2)"},
		{"TH01=stepwise:0.001:0.0001:0", "the range: expected a number above 0, up to 1 (got 0)"},
		{"TH01=stepwise:0.001:0.0001:1.5", "the range: expected a number above 0, up to 1 (got 1.5)"},
		{"TH01=stepwise:0.001:0.0001:0.1:9", "more than four parts after the '='"},
		{"TH\x01=equal", "'TH?=equal': expected LOCUS=MODEL"},
		{"TH01=equal:0.00\xc3\xa9", "in printable ASCII"},
		{longer, "longer than 200 characters"},
		{"TH01=equal:0.1:::::::::::::", "more than four parts"},
		{"th-01=none", "the locus TH01 is given twice (TH01 and th-01)"},
	};
	dna_params p = DNA_PARAMS_INIT;
	pl_err err = {0};
	assert_ok(dna_params_add_marker(&p, "TH01=equal:0.002", &err), &err);
	dna_params before = p;
	for(size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		pl_err e = {0};
		if(dna_params_add_marker(&p, bad[i].text, &e) != PL_EINPUT)
			fail_msg("'%s' was taken", bad[i].text);
		if(strncmp(e.msg, "marker_mutation: ", 17) || !strstr(e.msg, bad[i].why))
			fail_msg("'%s': expected \"%s\" in \"%s\"", bad[i].text, bad[i].why, e.msg);
		assert_memory_equal(&p, &before, sizeof(p));
	}
	/* at most DNA_MARKERS_MAX loci */
	for(int i = 1; i < DNA_MARKERS_MAX; i++) {
		char t[32];
		snprintf(t, sizeof(t), "L%d=none", i);
		assert_ok(dna_params_add_marker(&p, t, &err), &err);
	}
	assert_int_equal(dna_params_add_marker(&p, "L99=none", &err), PL_EINPUT);
	assert_contains(err.msg, "at most 64 loci");
	assert_int_equal(p.nmarkers, DNA_MARKERS_MAX);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_extended_stepwise_by_hand),
		cmocka_unit_test(test_stepwise_refusals),
		cmocka_unit_test(test_model_names_and_rates),
		cmocka_unit_test(test_markers_read),
		cmocka_unit_test(test_markers_refused),
	};
	return cmocka_run_group_tests_name("dna/mutation", tests, NULL, NULL);
}
