/* Comparison levels: each kind, each level, as the offices' lists differ:
 * a given name and surname exchanged, a dictionary equivalent, day and
 * month swapped, a digit off, service numbers with transposed digits. */
#include "testutil.h"

#include "match/match.h"

enum { SURNAME, GIVEN, GIVEN_EQ, BIRTH, SERVICE, UNIT, NCOLS };

static const match_comparison cmps[] = {
	{"surname", MATCH_NAME, SURNAME, -1, GIVEN, false, -1, -1},
	{"given", MATCH_NAME, GIVEN, GIVEN_EQ, SURNAME, false, -1, -1},
	{"birth", MATCH_DATE, BIRTH, -1, -1, false, -1, -1},
	{"service", MATCH_ID, SERVICE, -1, -1, false, -1, -1},
	{"unit", MATCH_TEXT, UNIT, -1, -1, false, -1, -1},
};
static const match_rule rule = {"surname", {SURNAME}, 1, 0, 0, {0}, 0, {0}, 0};
static const match_spec spec = {cmps, 5, &rule, 1};

/* The level names of comparison c for records x and y. */
static const char *level_of(int c, const char *const *x, const char *const *y)
{
	static match_side a, b;
	match_side_init(&a, NCOLS);
	match_side_init(&b, NCOLS);
	assert_int_equal(match_side_add(&a, x), PL_OK);
	assert_int_equal(match_side_add(&b, y), PL_OK);
	uint8_t level[MATCH_CMPS_MAX];
	match_compare(&spec, &a, 0, &b, 0, level);
	match_side_free(&a);
	match_side_free(&b);
	if(level[c] == MATCH_NULL)
		return "unknown";
	const char *const *names;
	match_levels(cmps[c].kind, &names);
	return names[level[c]];
}

#define REC(...) ((const char *const[NCOLS]){__VA_ARGS__})

static void test_name_levels(void **state)
{
	(void)state;
	const char *const *base = REC("shevchenko", "oleksandr", "aleksandr", "19900312", "A123456", "b2");
	assert_string_equal(level_of(0, base, REC("shevchenko", "ivan")), "exact");
	/* Olexandr's Russian form, on the other side's given name. */
	assert_string_equal(level_of(1, base, REC("shevchenko", "aleksandr")), "equivalent");
	assert_string_equal(level_of(1, REC("x", "aleksandr", "aleksandr"), REC("x", "oleksandr", "aleksandr")),
	                    "equivalent");
	/* Given name and surname exchanged on the other list. */
	assert_string_equal(level_of(0, base, REC("oleksandr", "shevchenko")), "swapped");
	assert_string_equal(level_of(1, base, REC("oleksandr", "shevchenko")), "swapped");
	/* the learned distance: a typo is one edit, і/е and і/о less */
	assert_string_equal(level_of(0, base, REC("shevchenka")), "learned<=1");
	assert_string_equal(level_of(0, REC("bilokin"), REC("belokon")), "learned<=2");
	assert_string_equal(level_of(0, REC("tkachenko"), REC("tkachuk")), "else");
	assert_string_equal(level_of(0, REC("kovalenko"), REC("kovalchuk")), "else");
	assert_string_equal(level_of(0, base, REC("bondarenko")), "else");
	assert_string_equal(level_of(1, base, REC("shevchenko", NULL)), "unknown");
}

static void test_date_levels(void **state)
{
	(void)state;
	static const struct {
		const char *x, *y, *want;
	} cases[] = {
		{"19900312", "19900312", "exact"},
		{"19900312", "19901203", "day/month swapped"},
		{"19900312", "19900313", "one digit off"},
		{"19900312", "19903012", "one digit off"},     /* 03 -> 30: two digits transposed */
		{"19900312", "19910312", "one digit off"},
		{"19900312", "19900321", "one digit off"},     /* two digits transposed */
		{"19900312", "19900000", "year only, same"},
		{"19900000", "19900000", "exact"},
		{"19900312", "19891225", "year +-1"},
		{"19900312", "19850312", "else"},
		{"19900312", "19750101", "else"},
		{"1990-03-12", "19900312", "else"},           /* not the shape: exact or else */
	};
	report rep = {0};
	for(size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		const char *got = level_of(2, REC("s", "g", NULL, cases[i].x), REC("s", "g", NULL, cases[i].y));
		if(strcmp(got, cases[i].want))
			report_add(&rep, "%s ~ %s: %s, expected %s\n", cases[i].x, cases[i].y, got, cases[i].want);
	}
	report_check(&rep, (int)(sizeof(cases) / sizeof(cases[0])));
}

static void test_id_and_text_levels(void **state)
{
	(void)state;
	const char *const *base = REC("s", "g", NULL, NULL, "AB123456", "mechanised brigade 24");
	assert_string_equal(level_of(3, base, REC("s", "g", NULL, NULL, "AB123456")), "exact");
	assert_string_equal(level_of(3, base, REC("s", "g", NULL, NULL, "AB124356")), "transposition");
	assert_string_equal(level_of(3, base, REC("s", "g", NULL, NULL, "AB123457")), "one edit");
	assert_string_equal(level_of(3, base, REC("s", "g", NULL, NULL, "AB12345")), "one edit");
	assert_string_equal(level_of(3, base, REC("s", "g", NULL, NULL, "XY987654")), "else");
	assert_string_equal(level_of(4, base, REC("s", "g", NULL, NULL, NULL, "mechanised brigade 24")), "exact");
	assert_string_equal(level_of(4, base, REC("s", "g", NULL, NULL, NULL, "mechanized brigade 24")),
	                    "jw>=0.94");
	assert_string_equal(level_of(4, base, REC("s", "g", NULL, NULL, NULL, "territorial defence")), "else");
	assert_string_equal(level_of(4, base, REC("s", "g", NULL, NULL, NULL, "")), "unknown");
}

static void test_impossible_levels(void **state)
{
	(void)state;
	/* The surname has no equivalent column: never "equivalent". */
	assert_false(match_level_possible(&cmps[0], 1));
	/* nor, without a skeleton column (the names' kind), "diminutive" */
	assert_false(match_level_possible(&cmps[0], 2));
	assert_true(match_level_possible(&cmps[0], 3));
	assert_true(match_level_possible(&cmps[1], 1));
	assert_true(match_level_possible(&cmps[2], 1));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_name_levels),
		cmocka_unit_test(test_date_levels),
		cmocka_unit_test(test_id_and_text_levels),
		cmocka_unit_test(test_impossible_levels),
	};
	return cmocka_run_group_tests_name("match/compare", tests, NULL, NULL);
}
