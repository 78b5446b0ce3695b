/* Coded messages: pl_failc writes the English text from the catalogue
 * with the arguments; the same error in Ukrainian and Russian, with the
 * context put in front kept; nested codes ({@why}); the language LANG
 * asks for. */
#include "testutil.h"

#include "core/msg.h"

static void test_english_from_the_catalogue(void **state)
{
	(void)state;
	pl_err err = {0};
	assert_int_equal(pl_failc(&err, PL_EINPUT, "stage.not_on", "person", "P123", "stage", "S9", NULL),
	                 PL_EINPUT);
	assert_string_equal(err.msg, "P123 is not on stage S9");
	assert_string_equal(err.code, "stage.not_on");
	assert_int_equal(err.nargs, 2);
	assert_string_equal(pl_err_arg_value(&err, "stage"), "S9");
	assert_null(pl_err_arg_value(&err, "date"));
	/* An uncoded failure after a coded one leaves no code behind. */
	pl_fail(&err, PL_EIO, "disk full");
	assert_null(err.code);
	assert_null(pl_err_arg_value(&err, "stage"));
}

static void test_other_languages_keep_the_context(void **state)
{
	(void)state;
	pl_err err = {0};
	pl_failc(&err, PL_ENOTFOUND, "stage.no_such", "stage", "S1", NULL);
	pl_err_prefix(&err, "stage show: ");
	assert_string_equal(err.msg, "stage show: no stage S1 (see parley stage list)");
	char out[PL_ERR_MSG_MAX];
	msg_err_text(&err, LANG_UK, out, sizeof(out));
	assert_string_equal(out, "stage show: немає етапу S1 (див. parley stage list)");
	msg_err_text(&err, LANG_RU, out, sizeof(out));
	assert_string_equal(out, "stage show: нет этапа S1 (см. parley stage list)");
	msg_err_text(&err, LANG_EN, out, sizeof(out));
	assert_string_equal(out, err.msg);
	/* Uncoded: English in every language. */
	pl_fail(&err, PL_EIO, "disk full");
	msg_err_text(&err, LANG_UK, out, sizeof(out));
	assert_string_equal(out, "disk full");
}

static void test_nested_codes_and_gaps(void **state)
{
	(void)state;
	pl_err err = {0};
	pl_failc(&err, PL_EINPUT, "field.invalid", "field", "birth_date", "why", "why.future", "value",
	         "2099", NULL);
	assert_string_equal(err.msg, "birth_date: lies in the future (got '2099')");
	char out[256];
	msg_err_text(&err, LANG_UK, out, sizeof(out));
	assert_string_equal(out, "birth_date: ще не настала (отримано «2099»)");
	/* A name without an argument stays as written: the gap shows. */
	msg_fill(LANG_EN, "a {x} and {y}", err.arg, err.nargs, out, sizeof(out));
	assert_string_equal(out, "a {x} and {y}");
	/* Cut to the size given, still a string. */
	msg_fill(LANG_EN, "{field} {field} {field}", err.arg, err.nargs, out, 8);
	assert_string_equal(out, "birth_d");
	/* The validators' texts find their codes. */
	assert_string_equal(msg_code_of("no such day in that month"), "why.no_day");
	assert_null(msg_code_of("no such text"));
	/* A long value is cut, not overflowed. */
	char big[400];
	memset(big, 'x', sizeof(big) - 1);
	big[sizeof(big) - 1] = '\0';
	pl_failc(&err, PL_EINPUT, "stage.twice", "person", big, NULL);
	assert_int_equal(strlen(err.arg[0].value), PL_ERR_ARG_MAX - 1);
}

/* {n#...} writes the word's form for the number: one|other in English,
 * one|few|many in Ukrainian and Russian, over the numbers where the
 * forms change (1, 2-4, 5-20, 21, 22, 25, 111, 112, 121). */
static void test_plural_forms(void **state)
{
	(void)state;
	static const struct {
		long n;
		const char *en, *uk;
	} want[] = {
		{0, "0 persons", "0 осіб"},      {1, "1 person", "1 особа"},       {2, "2 persons", "2 особи"},
		{4, "4 persons", "4 особи"},     {5, "5 persons", "5 осіб"},       {11, "11 persons", "11 осіб"},
		{12, "12 persons", "12 осіб"},   {20, "20 persons", "20 осіб"},    {21, "21 persons", "21 особа"},
		{22, "22 persons", "22 особи"},  {25, "25 persons", "25 осіб"},    {111, "111 persons", "111 осіб"},
		{112, "112 persons", "112 осіб"}, {121, "121 persons", "121 особа"}, {1001, "1001 persons", "1001 особа"},
	};
	for(size_t i = 0; i < sizeof(want) / sizeof(want[0]); i++) {
		pl_err_arg a = {"n", {0}};
		snprintf(a.value, sizeof(a.value), "%ld", want[i].n);
		char out[64];
		msg_fill(LANG_EN, "{n} {n#person|persons}", &a, 1, out, sizeof(out));
		if(strcmp(out, want[i].en))
			fail_msg("%ld: '%s', not '%s'", want[i].n, out, want[i].en);
		msg_fill(LANG_UK, "{n} {n#особа|особи|осіб}", &a, 1, out, sizeof(out));
		if(strcmp(out, want[i].uk))
			fail_msg("%ld: '%s', not '%s'", want[i].n, out, want[i].uk);
	}
	/* A form left out is the last one given; no argument leaves the gap. */
	pl_err_arg a = {"n", "5"};
	char out[64];
	msg_fill(LANG_RU, "{n#лицо}", &a, 1, out, sizeof(out));
	assert_string_equal(out, "лицо");
	msg_fill(LANG_RU, "{m#лицо|лица|лиц}", &a, 1, out, sizeof(out));
	assert_string_equal(out, "{m#лицо|лица|лиц}");
}

static void test_the_language_lang_asks_for(void **state)
{
	(void)state;
	unsetenv("LANGUAGE");
	unsetenv("LC_ALL");
	unsetenv("LC_MESSAGES");
	setenv("LANG", "uk_UA.UTF-8", 1);
	assert_int_equal(msg_env_lang(), LANG_UK);
	setenv("LANG", "ru_RU.UTF-8", 1);
	assert_int_equal(msg_env_lang(), LANG_RU);
	setenv("LC_ALL", "C.UTF-8", 1); /* LC_ALL before LANG, as gettext reads them */
	assert_int_equal(msg_env_lang(), LANG_EN);
	unsetenv("LC_ALL");
	unsetenv("LANG");
	assert_int_equal(msg_env_lang(), LANG_EN);
}

static void check_three(const msg_entry *e, void *arg)
{
	for(int l = 0; l < LANG_COUNT; l++)
		if(!e->text[l] || !*e->text[l])
			fail_msg("%s has no text in %s", e->code, lang_code((lang_id)l));
	/* a code in two parts would be found only in the first */
	if(msg_template(LANG_EN, e->code) != e->text[LANG_EN])
		fail_msg("%s is in the catalogue twice", e->code);
	++*(size_t *)arg;
}

static void test_every_code_in_three_languages(void **state)
{
	(void)state;
	size_t n = 0;
	msg_each(check_three, &n);
	assert_true(n > 250);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_english_from_the_catalogue),
		cmocka_unit_test(test_other_languages_keep_the_context),
		cmocka_unit_test(test_nested_codes_and_gaps),
		cmocka_unit_test(test_plural_forms),
		cmocka_unit_test(test_the_language_lang_asks_for),
		cmocka_unit_test(test_every_code_in_three_languages),
	};
	return cmocka_run_group_tests_name("core/msg", tests, NULL, NULL);
}
