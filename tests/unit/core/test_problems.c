/* Problems in input: collected with where they are, up to a limit, and
 * the message that refuses the lot. */
#include "testutil.h"

#include "core/msg.h"
#include "core/problems.h"

static void test_problems_say_where_and_stop_at_the_limit(void **state)
{
	(void)state;
	buf out;
	buf_init(&out, 0);
	problems p;
	problems_init(&p, &out, 3);
	p.file = "cases.csv";
	pl_err err = {0};
	assert_int_equal(problems_result(&p, PL_OK, &err), PL_OK);
	assert_false(p.failed);
	assert_int_equal(problems_at(&p, 12, "column '%s': required", "tag"), PL_OK);
	assert_true(p.failed);
	assert_int_equal(problems_at(&p, 0, "the file is empty"), PL_OK);
	assert_int_equal(problems_add(&p, "cases.csv:40: field 2: invalid UTF-8"), PL_ELIMIT);
	assert_string_equal(buf_str(&out), "cases.csv:12: column 'tag': required\n"
	                                   "cases.csv: the file is empty\n"
	                                   "cases.csv:40: field 2: invalid UTF-8\n");
	assert_int_equal(problems_result(&p, PL_ELIMIT, &err), PL_EINPUT);
	assert_string_equal(err.msg, "cases.csv:12: column 'tag': required (and 2 more problems; "
	                             "nothing was imported)");
	assert_int_equal(problems_result(&p, PL_EDB, &err), PL_EDB);
	assert_int_equal(problems_result(&p, PL_ENOMEM, &err), PL_ENOMEM);
	buf_free(&out);
}

/* A coded first problem makes a coded result: the problem's text and the
 * count of the others in the user's language, where it was in front. */
static void test_the_result_keeps_the_first_problems_code(void **state)
{
	(void)state;
	buf out;
	buf_init(&out, 0);
	problems p;
	problems_init(&p, &out, 0);
	p.file = "cases.csv";
	pl_err err = {0};
	assert_int_equal(problems_atc(&p, 12, "import.required", "column", "tag", NULL), PL_OK);
	assert_int_equal(problems_result(&p, PL_OK, &err), PL_EINPUT);
	assert_string_equal(err.msg, "cases.csv:12: column 'tag': required (nothing was imported)");
	assert_string_equal(err.code, "problems.nothing");
	assert_int_equal(problems_at(&p, 13, "a problem without a code"), PL_OK);
	assert_int_equal(problems_atc(&p, 14, "import.required", "column", "x", NULL), PL_OK);
	assert_int_equal(problems_result(&p, PL_OK, &err), PL_EINPUT);
	assert_string_equal(err.msg, "cases.csv:12: column 'tag': required (and 2 more problems; "
	                             "nothing was imported)");
	assert_string_equal(err.code, "problems.more");
	char uk[PL_ERR_MSG_MAX];
	msg_err_text(&err, LANG_UK, uk, sizeof(uk));
	assert_string_equal(uk, "cases.csv:12: стовпець «tag»: обов’язковий (і ще 2 проблеми; нічого не "
	                        "імпортовано)");
	/* A problem whose reason is a code of its own: three levels, all said. */
	problems_init(&p, &out, 0);
	assert_int_equal(problems_atc(&p, 3, "field.invalid", "field", "birth_date", "why", "why.future",
	                              "value", "2099", NULL), PL_OK);
	assert_int_equal(problems_result(&p, PL_OK, &err), PL_EINPUT);
	msg_err_text(&err, LANG_UK, uk, sizeof(uk));
	assert_string_equal(uk, "<input>:3: birth_date: ще не настала (отримано «2099») (нічого не "
	                        "імпортовано)");
	buf_free(&out);
}

static void test_one_problem_and_the_default_limit(void **state)
{
	(void)state;
	buf out;
	buf_init(&out, 0);
	problems p;
	problems_init(&p, &out, 0);
	assert_int_equal(p.max, PROBLEMS_DEFAULT_MAX);
	p.file = "a.csv";
	assert_int_equal(problems_at(&p, 2, "bad"), PL_OK);
	pl_err err = {0};
	assert_int_equal(problems_result(&p, PL_OK, &err), PL_EINPUT);
	assert_string_equal(err.msg, "a.csv:2: bad (nothing was imported)");
	buf_free(&out);
}

/* Coded problems: the same line in out, and in coded where it is, its
 * code and arguments (a value loses the separators); an uncoded problem
 * leaves an empty line, so the two stay in step. */
static void test_coded_problems_keep_step(void **state)
{
	(void)state;
	buf out, coded;
	buf_init(&out, 0);
	buf_init(&coded, 0);
	problems p;
	problems_init(&p, &out, 0);
	p.file = "list.csv";
	p.coded = &coded;
	assert_int_equal(problems_atc(&p, 3, "import.required", "column", "date", NULL), PL_OK);
	assert_int_equal(problems_at(&p, 4, "something else"), PL_OK);
	assert_int_equal(problems_atc(&p, 5, "import.no_ext", "source", "icrc", "id", "A\nB\x1f", NULL), PL_OK);
	assert_string_equal(buf_str(&out), "list.csv:3: column 'date': required\n"
	                                   "list.csv:4: something else\n"
	                                   "list.csv:5: no person has the ext.icrc 'A\nB\x1f' of this row\n");
	assert_string_equal(buf_str(&coded), "list.csv:3: \x1fimport.required\x1f" "column\x1f" "date\x1f\n"
	                                     "\n"
	                                     "list.csv:5: \x1fimport.no_ext\x1fsource\x1ficrc\x1fid\x1f" "A B \x1f\n");
	buf_free(&out);
	buf_free(&coded);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_problems_say_where_and_stop_at_the_limit),
		cmocka_unit_test(test_one_problem_and_the_default_limit),
		cmocka_unit_test(test_coded_problems_keep_step),
		cmocka_unit_test(test_the_result_keeps_the_first_problems_code),
	};
	return cmocka_run_group_tests_name("problems", tests, NULL, NULL);
}
