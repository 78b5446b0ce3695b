/* Problems in input: collected with where they are, up to a limit, and
 * the message that refuses the lot. */
#include "testutil.h"

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

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_problems_say_where_and_stop_at_the_limit),
		cmocka_unit_test(test_one_problem_and_the_default_limit),
	};
	return cmocka_run_group_tests_name("problems", tests, NULL, NULL);
}
