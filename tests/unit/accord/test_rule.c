/* Eligibility rules: the examples, three-valued answers for
 * incomplete records, errors that name the column, and explanations. */
#include "testutil.h"

#include "accord/rule.h"
#include "core/msg.h"

static rule_answer eval(const char *text, const person *p, const char *stage)
{
	arena a;
	arena_init(&a, 0);
	rule *r;
	pl_err err = {0};
	if(rule_parse(text, &a, &r, &err))
		fail_msg("'%s': %s", text, err.msg);
	pdate d;
	const char *why;
	assert_true(date_parse(stage, &d, &why));
	rule_answer x = rule_eval(r, p, d, NULL);
	arena_free(&a);
	return x;
}

static person someone(const char *medical, const char *birth, const char *branch, const char *captured,
                      const char *consent)
{
	person p = {0};
	p.f[PF_MEDICAL] = medical;
	p.f[PF_BIRTH_DATE] = birth;
	p.f[PF_BRANCH] = branch;
	p.f[PF_CAPTURE_DATE] = captured;
	p.f[PF_CONSENT] = consent;
	p.status = ST_HELD;
	return p;
}

static void test_the_istanbul_clause(void **state)
{
	(void)state;
	const char *clause = "medical in (severely_wounded, seriously_ill) or age(stage_date) between 18 and 25";
	person wounded = someone("severely_wounded", "1980-01-01", NULL, NULL, NULL);
	person young = someone("none", "2003-06-01", NULL, NULL, NULL);
	person old = someone("none", "1980-01-01", NULL, NULL, NULL);
	person turns26 = someone(NULL, "1999-06-02", NULL, NULL, NULL);
	person year_only = someone("none", "1999", NULL, NULL, NULL);
	assert_int_equal(eval(clause, &wounded, "2025-06-01"), RULE_YES);
	assert_int_equal(eval(clause, &young, "2025-06-01"), RULE_YES);
	assert_int_equal(eval(clause, &old, "2025-06-01"), RULE_NO);
	/* 25 the day before the 26th birthday; medical unknown but not needed. */
	assert_int_equal(eval(clause, &turns26, "2025-06-01"), RULE_YES);
	assert_int_equal(eval(clause, &turns26, "2025-06-02"), RULE_UNKNOWN); /* medical unknown */
	/* Born some time in 1999: 25 or 26 on a stage in June 2025. */
	assert_int_equal(eval(clause, &year_only, "2025-06-01"), RULE_UNKNOWN);
	assert_int_equal(eval(clause, &year_only, "2024-01-15"), RULE_YES);
}

static void test_branch_capture_and_consent(void **state)
{
	(void)state;
	person soldier = someone(NULL, NULL, "armed_forces", "2022-02-27", "yes");
	person civilian = someone(NULL, NULL, "civilian", "2022-02-27", "no");
	person later = someone(NULL, NULL, "armed_forces", "2022-03", NULL);
	const char *r = "branch != civilian and captured_before(2022-03-01)";
	assert_int_equal(eval(r, &soldier, "2025-05-01"), RULE_YES);
	assert_int_equal(eval(r, &civilian, "2025-05-01"), RULE_NO);
	assert_int_equal(eval(r, &later, "2025-05-01"), RULE_NO);   /* all of March is after */
	assert_int_equal(eval("captured_since(2022-03-01)", &later, "2025-05-01"), RULE_YES);
	assert_int_equal(eval("consent != no", &soldier, "2025-05-01"), RULE_YES);
	assert_int_equal(eval("consent != no", &civilian, "2025-05-01"), RULE_NO);
	assert_int_equal(eval("consent != no", &later, "2025-05-01"), RULE_UNKNOWN);
	assert_int_equal(eval("consent is unknown or consent = yes", &later, "2025-05-01"), RULE_YES);
	assert_int_equal(eval("not (consent is not unknown)", &soldier, "2025-05-01"), RULE_NO);
	assert_int_equal(eval("status = held and branch not in (civilian, other)", &soldier, "2025-05-01"),
	                 RULE_YES);
	assert_int_equal(eval("capture_date >= 2022 AND Capture_Date < 2023", &soldier, "2025-05-01"),
	                 RULE_YES);
	assert_int_equal(eval("age(2025-01-01) > 30", &soldier, "2025-05-01"), RULE_UNKNOWN);
}

/* Ranks and places are free text in any script: quoted words. */
static void test_quoted_text(void **state)
{
	(void)state;
	person p = someone(NULL, NULL, "armed_forces", NULL, NULL);
	p.f[PF_RANK] = "полковник";
	assert_int_equal(eval("rank = \"полковник\"", &p, "2025-05-01"), RULE_YES);
	assert_int_equal(eval("rank in ('colonel', \"полковник\")", &p, "2025-05-01"), RULE_YES);
	assert_int_equal(eval("rank != 'майор'", &p, "2025-05-01"), RULE_YES);
	p.f[PF_RANK] = "Colonel";
	assert_int_equal(eval("rank = 'colonel'", &p, "2025-05-01"), RULE_YES); /* Latin case ignored */
	p.f[PF_RANK] = NULL;
	assert_int_equal(eval("rank = 'colonel'", &p, "2025-05-01"), RULE_UNKNOWN);

	arena a;
	arena_init(&a, 0);
	rule *r;
	pl_err err = {0};
	assert_ok(rule_parse("rank in (colonel, \"підполковник\", 'Major')", &a, &r, &err), &err);
	buf b;
	buf_init(&b, 0);
	assert_ok(rule_explain(r, &b), &err);
	assert_string_equal(buf_str(&b), "rank is one of colonel, \"підполковник\", \"Major\"");
	assert_int_equal(rule_parse("rank = \"colonel", &a, &r, &err), PL_EINPUT);
	assert_non_null(strstr(err.msg, "column 8: expected the closing \""));
	assert_int_equal(rule_parse("rank = ''", &a, &r, &err), PL_EINPUT);
	assert_non_null(strstr(err.msg, "column 8: expected text between the quotes"));
	assert_int_equal(rule_parse("medical = 'Severely_Wounded'", &a, &r, &err), PL_EINPUT);
	assert_non_null(strstr(err.msg, "is not a value of medical"));
	buf_free(&b);
	arena_free(&a);
}

static void test_errors_name_the_column(void **state)
{
	(void)state;
	static const struct {
		const char *text, *says;
	} cases[] = {
		{"", "column 1: expected a rule"},
		{"medical in (severely_wounded, seriusly_ill)", "column 31: 'seriusly_ill' is not a value of medical"},
		{"medical in severely_wounded", "column 12: expected '(' after in"},
		{"age(stage_date) between 18 25", "column 28: expected 'and'"},
		{"age(tomorrow) > 3", "column 5: expected a date"},
		{"branch = civilian and", "column 22: expected a field"},
		{"branch = civilian or or x", "column 22: expected a field"},
		{"consent != no )", "column 15: expected 'and', 'or' or the end"},
		{"age(stage_date) > 2022-01-01", "column 1: these cannot be compared (a number with a date)"},
		{"medical < seriously_ill", "column 1: < compares numbers or dates"},
		{"surname between a and b", "between compares numbers or dates"},
		{"(consent = yes", "column 15: expected ')'"},
		{"consent", "column 8: expected a comparison"},
		{"consent not yes", "column 13: expected 'in' after 'not'"},
		{"consent is known", "column 12: expected 'unknown'"},
		{"consent ~ yes", "column 9: expected a comparison"},
	};
	report rep = {0};
	for(size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		arena a;
		arena_init(&a, 0);
		rule *r;
		pl_err err = {0};
		pl_rc rc = rule_parse(cases[i].text, &a, &r, &err);
		if(rc != PL_EINPUT || !strstr(err.msg, cases[i].says))
			report_add(&rep, "'%s': %d '%s'\n", cases[i].text, rc, err.msg);
		/* Coded, and whole in Ukrainian and Russian: no code of what was
		 * expected left unwritten, no English "column". */
		for(int l = LANG_UK; l <= LANG_RU; l++) {
			char text[PL_ERR_MSG_MAX];
			msg_err_text(&err, (lang_id)l, text, sizeof(text));
			if(!err.code || strncmp(err.code, "rule.", 5) || strstr(text, "rule.") || strstr(text, "column") ||
			   strchr(text, '{'))
				report_add(&rep, "'%s': %s in %d: '%s'\n", cases[i].text, err.code ? err.code : "no code",
				           l, text);
		}
		arena_free(&a);
	}
	report_check(&rep, (int)(sizeof(cases) / sizeof(cases[0])));
}

static void test_errors_in_ukrainian(void **state)
{
	(void)state;
	arena a;
	arena_init(&a, 0);
	rule *r;
	pl_err err = {0};
	char text[PL_ERR_MSG_MAX];
	assert_int_equal(rule_parse("consent not yes", &a, &r, &err), PL_EINPUT);
	assert_string_equal(err.code, "rule.expected");
	msg_err_text(&err, LANG_UK, text, sizeof(text));
	assert_string_equal(text, "позиція 13: очікується «in» після «not», отримано «yes»");
	assert_int_equal(rule_parse("age(stage_date) > 2022-01-01", &a, &r, &err), PL_EINPUT);
	msg_err_text(&err, LANG_RU, text, sizeof(text));
	assert_string_equal(text, "позиция 1: это нельзя сравнивать (число и дата)");
	arena_free(&a);
}

static void test_deep_nesting_is_refused(void **state)
{
	(void)state;
	char text[1000] = "";
	for(int i = 0; i < 200; i++)
		strcat(text, "(");
	arena a;
	arena_init(&a, 0);
	rule *r;
	pl_err err = {0};
	assert_int_equal(rule_parse(text, &a, &r, &err), PL_EINPUT);
	assert_non_null(strstr(err.msg, "nests too deeply"));
	arena_free(&a);
}

static void test_explanations(void **state)
{
	(void)state;
	arena a;
	arena_init(&a, 0);
	rule *r;
	pl_err err = {0};
	assert_ok(rule_parse("medical in (severely_wounded, seriously_ill) or age(stage_date) between 18 and 25"
	                     " and not captured_since(2024-01)", &a, &r, &err), &err);
	buf b;
	buf_init(&b, 0);
	assert_ok(rule_explain(r, &b), &err);
	assert_string_equal(buf_str(&b), "(medical is one of severely_wounded, seriously_ill) or "
	                                 "((age on the stage date is from 18 to 25) and "
	                                 "(not (captured on or after 2024-01)))");
	/* Why a person was left out: the test that decided. */
	person p = someone("none", "1970-01-01", NULL, NULL, NULL);
	const rule *why = NULL;
	pdate d = {2025, 6, 1};
	assert_int_equal(rule_eval(r, &p, d, &why), RULE_NO);
	assert_non_null(why);
	buf_reset(&b);
	assert_ok(rule_explain(why, &b), &err);
	assert_string_equal(buf_str(&b), "age on the stage date is from 18 to 25");
	buf_free(&b);
	arena_free(&a);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_the_istanbul_clause),
		cmocka_unit_test(test_branch_capture_and_consent),
		cmocka_unit_test(test_quoted_text),
		cmocka_unit_test(test_errors_name_the_column),
		cmocka_unit_test(test_errors_in_ukrainian),
		cmocka_unit_test(test_deep_nesting_is_refused),
		cmocka_unit_test(test_explanations),
	};
	return cmocka_run_group_tests_name("accord/rule", tests, NULL, NULL);
}
