/* Agreement documents: the shipped examples, errors that say where, every
 * basis in words, points on the Dix-Hill scale, and storing terms that
 * are never edited. */
#include "fixture.h"

static char *read_example(const char *name, size_t *len)
{
	char path[4096];
	snprintf(path, sizeof(path), "%s/../examples/%s", getenv("PARLEY_TEST_DATA"), name);
	FILE *fp = fopen(path, "rb");
	assert_non_null(fp);
	char *text = malloc(1 << 20);
	*len = fread(text, 1, (1 << 20) - 1, fp);
	text[*len] = '\0';
	fclose(fp);
	return text;
}

static void test_the_examples(void **state)
{
	fixture *f = *state;
	static const char *const files[] = {"istanbul-2025-05-16.json", "istanbul-2025-06-02.json",
	                                    "dix-hill-1862.json"};
	agreement ag[3];
	for(int i = 0; i < 3; i++) {
		size_t len;
		char *text = read_example(files[i], &len);
		pl_rc rc = agreement_parse(text, len, files[i], &f->a, &ag[i], &f->err);
		free(text);
		assert_ok(rc, &f->err);
	}
	/* 1,000 for 1,000 in stages of at most 400. */
	assert_int_equal(ag[0].clauses[0].basis, BASIS_QUOTA);
	assert_int_equal(ag[0].clauses[0].quota[0], 1000);
	assert_int_equal(ag[0].clauses[0].quota[1], 1000);
	assert_int_equal(ag[0].clauses[0].capacity, 400);
	assert_true(ag[0].embargo_until_done);
	/* All for all by category, and 6,000 bodies for 6,000. */
	assert_int_equal(ag[1].nclauses, 2);
	assert_int_equal(ag[1].clauses[0].basis, BASIS_ALL_FOR_ALL);
	assert_int_equal(ag[1].clauses[1].subject, SUBJECT_REMAINS);
	assert_int_equal(ag[1].clauses[1].quota[0], 6000);
	assert_string_equal(ag[1].transit, "BY");
	/* Dix-Hill: points, the pool of civilians. */
	assert_int_equal(ag[2].clauses[0].basis, BASIS_POINTS);
	assert_int_equal(ag[2].clauses[0].nscale, 11);
	assert_non_null(ag[2].clauses[0].pool);
	assert_int_equal(ag[2].counting, COUNT_AT_DELIVERY);
	buf b;
	buf_init(&b, 0);
	assert_ok(agreement_explain(&ag[1], &b), &f->err);
	assert_contains(buf_str(&b), "clause bodies (remains): 6,000 bodies for 6,000");
	assert_contains(buf_str(&b), "at most 1,212 per side in a stage");
	assert_contains(buf_str(&b), "statements give no numbers until every stage is done");
	buf_free(&b);
}

static void test_dix_hill_points(void **state)
{
	fixture *f = *state;
	size_t len;
	char *text = read_example("dix-hill-1862.json", &len);
	agreement ag;
	assert_ok(agreement_parse(text, len, "dix-hill", &f->a, &ag, &f->err), &f->err);
	free(text);
	const clause *c = &ag.clauses[0];
	static const struct {
		const char *rank;
		long points;
	} ranks[] = {
		{"general commanding-in-chief", 60}, {"major-general", 40}, {"brigadier-general", 20},
		{"colonel", 15}, {"Colonel", 15}, {"lieutenant-colonel", 10}, {"major", 8}, {"captain", 6},
		{"lieutenant", 4}, {"master's mate", 4}, {"midshipman", 3}, {"sergeant", 2}, {"private", 1},
		{NULL, 1},
	};
	pdate d = {1862, 8, 1};
	for(size_t i = 0; i < sizeof(ranks) / sizeof(ranks[0]); i++) {
		person p = {0};
		p.f[PF_RANK] = ranks[i].rank;
		if(clause_points(c, &p, d) != ranks[i].points)
			fail_msg("%s: %ld points, expected %ld", ranks[i].rank ? ranks[i].rank : "(no rank)",
			         clause_points(c, &p, d), ranks[i].points);
	}
	person civ = {0};
	civ.f[PF_BRANCH] = "civilian";
	assert_true(clause_in_pool(c, &civ, d));
	civ.f[PF_BRANCH] = "armed_forces";
	assert_false(clause_in_pool(c, &civ, d));
}

#define CLAUSE(BASIS) "{\"id\": \"c\", \"subject\": \"prisoners\", \"eligible\": \"status = held\", " \
	"\"basis\": " BASIS "}"

static void test_errors_say_where(void **state)
{
	fixture *f = *state;
	static const struct {
		const char *doc, *says;
	} cases[] = {
		{"{", "test.json:1:1: "},
		{"{\"parley\": \"agreement/1\", \"parley\": \"x\"}", "duplicate object key"},
		{"{\"parley\": \"manifest/1\"}", "test.json: parley: expected \"agreement/1\""},
		{"{\"parley\": \"agreement/1\", \"id\": \"x\", \"titel\": \"t\"}",
		 "test.json: titel: unknown field (did you mean 'title'?)"},
		{FX_AGREEMENT("Bad Id", CLAUSE("{\"kind\": \"all_for_all\"}")), "id: expected 1 to 64 of a-z"},
		{"{\"parley\": \"agreement/1\", \"id\": \"x\", \"title\": \"t\", \"parties\": [\"UA\"]}",
		 "parties: expected the two parties' codes"},
		{"{\"parley\": \"agreement/1\", \"id\": \"x\", \"title\": \"t\", \"parties\": [\"UA\", \"ua\"]}",
		 "parties[1]: expected a party code"},
		{FX_AGREEMENT("x", "{\"id\": \"c\", \"subject\": \"prisoners\", \"eligable\": \"status = held\"}"),
		 "clauses[0].eligable: unknown field (did you mean 'eligible'?)"},
		{FX_AGREEMENT("x", "{\"id\": \"c\", \"subject\": \"prisoners\", \"eligible\": \"medical in "
		                   "(severely_wounded, seriusly_ill)\", \"basis\": {\"kind\": \"all_for_all\"}}"),
		 "clauses[0].eligible: column 31: 'seriusly_ill' is not a value of medical"},
		{FX_AGREEMENT("x", "{\"id\": \"c\", \"subject\": \"hostages\"}"),
		 "clauses[0].subject: expected one of prisoners, civilians, remains, got 'hostages'"},
		{FX_AGREEMENT("x", CLAUSE("{\"kind\": \"quota\", \"each\": 5, \"quota\": {\"UA\": 1, \"RU\": 1}}")),
		 "clauses[0].basis: give either each (N for N) or quota"},
		{FX_AGREEMENT("x", CLAUSE("{\"kind\": \"quota\", \"quota\": {\"UA\": 1, \"RU\": -3}}")),
		 "clauses[0].basis.quota.RU: expected a whole number from 0"},
		{FX_AGREEMENT("x", CLAUSE("{\"kind\": \"quota\", \"quota\": {\"UA\": 1, \"BY\": 3}}")),
		 "clauses[0].basis.quota.BY: unknown field"},
		{FX_AGREEMENT("x", CLAUSE("{\"kind\": \"ratio\", \"ratio\": {\"UA\": 1}}")),
		 "clauses[0].basis.ratio.RU: missing"},
		{FX_AGREEMENT("x", CLAUSE("{\"kind\": \"ratio\", \"ratio\": {\"UA\": 0, \"RU\": 30}}")),
		 "clauses[0].basis.ratio.UA: expected a whole number from 1"},
		{FX_AGREEMENT("x", CLAUSE("{\"kind\": \"all_for_all\", \"each\": 3}")),
		 "clauses[0].basis.each: unknown field"},
		{FX_AGREEMENT("x", CLAUSE("{\"kind\": \"points\", \"scale\": [{\"when\": \"rank = x\", \"points\": 2}, "
		                          "{\"when\": \"rank = y\", \"points\": 1}, {\"points\": 0}]}")),
		 "clauses[0].basis.scale[2].points: expected a whole number from 1"},
		{FX_AGREEMENT("x", CLAUSE("{\"kind\": \"points\", \"scale\": [{\"points\": 2}, {\"points\": 1}]}")),
		 "clauses[0].basis.scale[0].when: missing"},
		{FX_AGREEMENT("x", "{\"id\": \"c\", \"subject\": \"remains\", \"eligible\": \"status = held\","
		                   " \"basis\": {\"kind\": \"all_for_all\"}}"),
		 "clauses[0].eligible: remains are handed over by count"},
		{FX_AGREEMENT("x", "{\"id\": \"c\", \"subject\": \"prisoners\", \"eligible\": \"status = held\","
		                   " \"basis\": {\"kind\": \"all_for_all\"}, \"priority\": [\"points\"]}"),
		 "clauses[0].priority: points orders only a clause on a points basis"},
		{FX_AGREEMENT("x", "{\"id\": \"c\", \"subject\": \"prisoners\", \"eligible\": \"status = held\","
		                   " \"basis\": {\"kind\": \"all_for_all\"}, \"priority\": [\"age sideways\"]}"),
		 "clauses[0].priority[0]: expected severity, captivity, age or points"},
		{FX_AGREEMENT("x", "{\"id\": \"c\", \"subject\": \"prisoners\", \"eligible\": \"status = held\","
		                   " \"basis\": {\"kind\": \"all_for_all\"}, \"priority\": [\"age\", \"age asc\"]}"),
		 "clauses[0].priority[1]: age is already in the priority"},
		{FX_AGREEMENT("x", CLAUSE("{\"kind\": \"all_for_all\"}") ", " CLAUSE("{\"kind\": \"all_for_all\"}")),
		 "clauses[1].id: 'c' names two clauses"},
		{"{\"parley\": \"agreement/1\", \"id\": \"x\", \"title\": \"t\", \"parties\": [\"UA\", \"RU\"],"
		 " \"concluded\": \"2025-01-01\", \"valid_from\": \"2025-03-01\", \"valid_until\": \"2025-02-01\","
		 " \"clauses\": [" CLAUSE("{\"kind\": \"all_for_all\"}") "]}",
		 "valid_until: before valid_from"},
		{"{\"parley\": \"agreement/1\", \"id\": \"x\", \"title\": \"t\", \"parties\": [\"UA\", \"RU\"],"
		 " \"concluded\": \"2025-13-01\"}", "concluded: "},
		{"{\"parley\": \"agreement/1\", \"id\": \"x\", \"title\": \"t\", \"parties\": [\"UA\", \"RU\"],"
		 " \"concluded\": \"2025-01-01\", \"embargo\": {\"until\": \"later\"}, \"clauses\": []}",
		 "embargo.until: expected \"done\""},
		{"{\"parley\": \"agreement/1\", \"id\": \"x\", \"title\": \"t\", \"parties\": [\"UA\", \"RU\"],"
		 " \"concluded\": \"2025-01-01\", \"embargo\": {\"until\": \"done\", \"k\": 1}, \"clauses\": []}",
		 "embargo.k: expected a whole number from 2 to 10000"},
		{"{\"parley\": \"agreement/1\", \"id\": \"x\", \"title\": {}}",
		 "title: expected the title in at least one of en, uk, ru"},
		{"{\"parley\": \"agreement/1\", \"id\": \"x\", \"title\": {\"ua\": \"t\"}}",
		 "title.ua: unknown field (did you mean 'uk'?)"},
		{"{\"parley\": \"agreement/1\", \"id\": \"x\", \"title\": {\"uk\": \"\"}}",
		 "title.uk: expected text, got an empty string"},
		{"{\"parley\": \"agreement/1\", \"id\": \"x\", \"title\": [\"t\"]}", "title: expected text"},
	};
	report rep = {0};
	for(size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		agreement ag;
		pl_err err = {0};
		pl_rc rc = agreement_parse(cases[i].doc, strlen(cases[i].doc), "test.json", &f->a, &ag, &err);
		if(rc != PL_EINPUT || !strstr(err.msg, cases[i].says))
			report_add(&rep, "case %zu: %d '%s'\n  expected '%s'\n", i, rc, err.msg, cases[i].says);
	}
	report_check(&rep, (int)(sizeof(cases) / sizeof(cases[0])));
}

static void test_every_basis_in_words(void **state)
{
	fixture *f = *state;
	static const struct {
		const char *basis, *words;
	} cases[] = {
		{"{\"kind\": \"all_for_all\"}", "all for all"},
		{"{\"kind\": \"quota\", \"each\": 1000}", "1,000 for 1,000"},
		{"{\"kind\": \"quota\", \"quota\": {\"UA\": 1000, \"RU\": 800}}", "1,000 UA, 800 RU"},
		{"{\"kind\": \"ratio\", \"ratio\": {\"UA\": 1, \"RU\": 30}}", "1 from UA for every 30 from RU"},
	};
	char doc[2048];
	for(size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		snprintf(doc, sizeof(doc), FX_AGREEMENT("x", "{\"id\": \"c\", \"subject\": \"prisoners\", "
		                                        "\"eligible\": \"status = held\", \"basis\": %s}"),
		         cases[i].basis);
		agreement ag;
		fx_agreement(f, doc, false, &ag);
		buf b;
		buf_init(&b, 0);
		assert_ok(clause_basis_text(&ag, &ag.clauses[0], &b), &f->err);
		assert_string_equal(buf_str(&b), cases[i].words);
		buf_free(&b);
	}
}

/* The same terms written differently are the same agreement; other terms
 * under a stored name are refused. */
static void test_terms_are_never_edited(void **state)
{
	fixture *f = *state;
	const char *one = FX_AGREEMENT("keep", CLAUSE("{\"kind\": \"quota\", \"each\": 10}"));
	const char *same = "{\"clauses\": [{\"basis\": {\"each\": 10, \"kind\": \"quota\"},"
	                   " \"eligible\": \"status = held\", \"subject\": \"prisoners\", \"id\": \"c\"}],"
	                   " \"valid_until\": \"2026-12-31\", \"valid_from\": \"2025-01-01\","
	                   " \"concluded\": \"2025-01-01\", \"transit\": \"BY\", \"mediator\": \"TR\","
	                   " \"parties\": [\"UA\", \"RU\"], \"title\": \"test\", \"id\": \"keep\","
	                   " \"parley\": \"agreement/1\"}";
	const char *other = FX_AGREEMENT("keep", CLAUSE("{\"kind\": \"quota\", \"each\": 11}"));
	agreement a, b, c, got;
	bool added;
	fx_agreement(f, one, false, &a);
	fx_agreement(f, same, false, &b);
	fx_agreement(f, other, false, &c);
	assert_string_equal(a.sha256, b.sha256);
	assert_string_not_equal(a.sha256, c.sha256);
	assert_ok(agreement_add(f->r, &a, &added, &f->err), &f->err);
	assert_true(added);
	long long audits = fx_scalar(f, "SELECT count(*) FROM audit WHERE action = 'agreement.add'");
	assert_ok(agreement_add(f->r, &b, &added, &f->err), &f->err);
	assert_false(added);
	assert_int_equal(agreement_add(f->r, &c, &added, &f->err), PL_ECONFLICT);
	assert_contains(f->err.msg, "already stored with other terms");
	assert_int_equal(fx_scalar(f, "SELECT count(*) FROM audit WHERE action = 'agreement.add'"), audits);
	assert_ok(agreement_get(f->r, "keep", &f->a, &got, &f->err), &f->err);
	assert_string_equal(got.sha256, a.sha256);
	assert_int_equal(got.clauses[0].quota[1], 10);
	assert_int_equal(agreement_get(f->r, "nothing", &f->a, &got, &f->err), PL_ENOTFOUND);
	agreement_row *rows;
	size_t n;
	assert_ok(agreement_list(f->r, &f->a, &rows, &n, &f->err), &f->err);
	assert_int_equal(n, 1);
	assert_string_equal(rows[0].name, "keep");
	assert_string_equal(rows[0].mediator, "TR");
}

/* Titles per language, and the order a missing one falls back in. */
static void test_titles_per_language(void **state)
{
	fixture *f = *state;
	const char *doc = "{\"parley\": \"agreement/1\", \"id\": \"t-2025\", \"title\": {\"uk\": \"Стамбул, 2 червня 2025\","
	                  " \"ru\": \"Стамбул, 2 июня 2025\"}, \"parties\": [\"UA\", \"RU\"], \"concluded\": \"2025-06-02\","
	                  " \"embargo\": {\"until\": \"done\", \"k\": 25}, \"clauses\": [{\"id\": \"c\", \"title\": {\"en\":"
	                  " \"All\", \"uk\": \"Усі\"}, \"subject\": \"prisoners\", \"eligible\": \"status = held\","
	                  " \"basis\": {\"kind\": \"all_for_all\"}}]}";
	agreement ag;
	assert_ok(agreement_parse(doc, strlen(doc), "t.json", &f->a, &ag, &f->err), &f->err);
	int got;
	assert_string_equal(agreement_title_in(&ag.titles, LANG_UK, &got), "Стамбул, 2 червня 2025");
	assert_int_equal(got, LANG_UK);
	assert_string_equal(agreement_title_in(&ag.titles, LANG_RU, &got), "Стамбул, 2 июня 2025");
	/* No English: Ukrainian before Russian. */
	assert_string_equal(agreement_title_in(&ag.titles, LANG_EN, &got), "Стамбул, 2 червня 2025");
	assert_int_equal(got, LANG_UK);
	assert_string_equal(ag.title, "Стамбул, 2 червня 2025");
	assert_int_equal(ag.embargo_k, 25);
	/* The clause: no Russian, so English before Ukrainian. */
	assert_string_equal(agreement_title_in(&ag.clauses[0].titles, LANG_RU, &got), "All");
	assert_int_equal(got, LANG_EN);
	assert_string_equal(ag.clauses[0].title, "All");
	/* Stored and read back: the same titles. */
	bool added;
	assert_ok(agreement_add(f->r, &ag, &added, &f->err), &f->err);
	agreement back;
	assert_ok(agreement_get(f->r, "t-2025", &f->a, &back, &f->err), &f->err);
	assert_string_equal(agreement_title_in(&back.titles, LANG_RU, NULL), "Стамбул, 2 июня 2025");
	/* One text, its language not said: it is used for every language. */
	agreement one;
	const char *plain = FX_AGREEMENT("p", CLAUSE("{\"kind\": \"all_for_all\"}"));
	assert_ok(agreement_parse(plain, strlen(plain), "p.json", &f->a, &one, &f->err), &f->err);
	assert_string_equal(agreement_title_in(&one.titles, LANG_UK, &got), "test");
	assert_int_equal(got, -1);
	assert_int_equal(one.embargo_k, AGREEMENT_K_DEFAULT);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_the_examples, fixture_setup, fixture_teardown),
		cmocka_unit_test_setup_teardown(test_dix_hill_points, fixture_setup, fixture_teardown),
		cmocka_unit_test_setup_teardown(test_errors_say_where, fixture_setup, fixture_teardown),
		cmocka_unit_test_setup_teardown(test_every_basis_in_words, fixture_setup, fixture_teardown),
		cmocka_unit_test_setup_teardown(test_terms_are_never_edited, fixture_setup, fixture_teardown),
		cmocka_unit_test_setup_teardown(test_titles_per_language, fixture_setup, fixture_teardown),
	};
	return cmocka_run_group_tests_name("accord/agreement", tests, NULL, NULL);
}
