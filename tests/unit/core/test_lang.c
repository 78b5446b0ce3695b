/* Languages: codes, CLDR plural categories of whole numbers, numbers
 * grouped as each language groups them. */
#include "testutil.h"

#include "core/lang.h"

/* The CLDR rule for Ukrainian and Russian integers, written apart from
 * lang.c: by the last two decimal digits as text. A number whose tens
 * digit is 1 (10-19, 110-119, ...) is "many" whatever its last digit. */
static lang_plural cldr_slavic(long n)
{
	char s[32];
	snprintf(s, sizeof(s), "%ld", n < 0 ? -n : n);
	size_t len = strlen(s);
	int last = s[len - 1] - '0', tens = len > 1 ? s[len - 2] - '0' : 0;
	if(tens == 1)
		return PLURAL_MANY;
	if(last == 1)
		return PLURAL_ONE;
	if(last >= 2 && last <= 4)
		return PLURAL_FEW;
	return PLURAL_MANY;
}

static void test_plural_of_every_number_to_a_thousand_and_beyond(void **state)
{
	(void)state;
	for(long n = 0; n <= 1000; n++) {
		assert_int_equal(lang_plural_of(LANG_UK, n), cldr_slavic(n));
		assert_int_equal(lang_plural_of(LANG_RU, n), cldr_slavic(n));
		assert_int_equal(lang_plural_of(LANG_EN, n), n == 1 ? PLURAL_ONE : PLURAL_OTHER);
	}
	for(long n = 1000; n <= 2000000; n += 997) {
		assert_int_equal(lang_plural_of(LANG_UK, n), cldr_slavic(n));
		assert_int_equal(lang_plural_of(LANG_RU, n), cldr_slavic(n));
	}
	assert_int_equal(lang_plural_of(LANG_UK, -21), PLURAL_ONE);
}

/* CLDR's own samples (plurals.xml, uk and ru). */
static void test_plural_cldr_samples(void **state)
{
	(void)state;
	static const long one[] = {1, 21, 31, 41, 51, 61, 71, 81, 101, 1001, 121, 1021};
	static const long few[] = {2, 3, 4, 22, 23, 24, 32, 33, 34, 42, 52, 62, 102, 1002};
	static const long many[] = {0, 5, 6, 10, 11, 12, 13, 14, 15, 19, 20, 100, 111, 112, 113, 114, 1000,
	                            10000, 100000, 1011};
	for(int l = LANG_UK; l <= LANG_RU; l++) {
		for(size_t i = 0; i < sizeof(one) / sizeof(one[0]); i++)
			assert_int_equal(lang_plural_of((lang_id)l, one[i]), PLURAL_ONE);
		for(size_t i = 0; i < sizeof(few) / sizeof(few[0]); i++)
			assert_int_equal(lang_plural_of((lang_id)l, few[i]), PLURAL_FEW);
		for(size_t i = 0; i < sizeof(many) / sizeof(many[0]); i++)
			assert_int_equal(lang_plural_of((lang_id)l, many[i]), PLURAL_MANY);
	}
}

static void test_codes(void **state)
{
	(void)state;
	assert_int_equal(lang_parse("uk"), LANG_UK);
	assert_int_equal(lang_parse("ru"), LANG_RU);
	assert_int_equal(lang_parse("en"), LANG_EN);
	assert_int_equal(lang_parse("ua"), -1);
	assert_int_equal(lang_parse(NULL), -1);
	assert_string_equal(lang_code(LANG_UK), "uk");
}

static void test_numbers_grouped_as_each_language_groups_them(void **state)
{
	(void)state;
	char s[32];
	lang_number(LANG_EN, 1212, s, sizeof(s));
	assert_string_equal(s, "1,212");
	/* A comma is the decimal sign in Ukrainian: "1,212" would read 1.212. */
	lang_number(LANG_UK, 1212, s, sizeof(s));
	assert_string_equal(s, "1\xc2\xa0" "212");
	lang_number(LANG_RU, 1234567, s, sizeof(s));
	assert_string_equal(s, "1\xc2\xa0" "234\xc2\xa0" "567");
	lang_number(LANG_UK, 999, s, sizeof(s));
	assert_string_equal(s, "999");
	lang_number(LANG_UK, 1234567, s, 6);   /* cut, still a string */
	assert_int_equal(strlen(s) < 6, 1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_plural_of_every_number_to_a_thousand_and_beyond),
		cmocka_unit_test(test_plural_cldr_samples),
		cmocka_unit_test(test_codes),
		cmocka_unit_test(test_numbers_grouped_as_each_language_groups_them),
	};
	return cmocka_run_group_tests_name("core/lang", tests, NULL, NULL);
}
