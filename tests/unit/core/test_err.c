/* Result codes and error messages: pl_fail, pl_err_prefix, pl_rc_str. */
#include "testutil.h"

static void test_err_fail_formats_message_and_returns_code(void **state)
{
	(void)state;
	pl_err err = {0};
	assert_int_equal(pl_fail(&err, PL_EINPUT, "persons.csv:%d: column '%s'", 12, "birth_date"),
	                 PL_EINPUT);
	assert_int_equal(err.rc, PL_EINPUT);
	assert_string_equal(err.msg, "persons.csv:12: column 'birth_date'");
}

static void test_err_fail_with_null_err_still_returns_code(void **state)
{
	(void)state;
	assert_int_equal(pl_fail(NULL, PL_ENOTFOUND, "no person %d", 7), PL_ENOTFOUND);
	pl_err_prefix(NULL, "ignored: "); /* must not crash */
}

static void test_err_fail_replaces_previous_message(void **state)
{
	(void)state;
	pl_err err = {0};
	(void)pl_fail(&err, PL_EIO, "a long first message");
	(void)pl_fail(&err, PL_EDB, "second");
	assert_int_equal(err.rc, PL_EDB);
	assert_string_equal(err.msg, "second");
}

static void test_err_prefix_prepends_context(void **state)
{
	(void)state;
	pl_err err = {0};
	(void)pl_fail(&err, PL_EINPUT, "line 12: bad date");
	pl_err_prefix(&err, "import %s: ", "persons.csv");
	assert_string_equal(err.msg, "import persons.csv: line 12: bad date");
	assert_int_equal(err.rc, PL_EINPUT); /* the code is kept */
}

static void test_err_prefix_nests_outermost_first(void **state)
{
	(void)state;
	pl_err err = {0};
	(void)pl_fail(&err, PL_EINPUT, "inner");
	pl_err_prefix(&err, "middle: ");
	pl_err_prefix(&err, "outer: ");
	assert_string_equal(err.msg, "outer: middle: inner");
}

static void test_err_long_message_is_cut_at_the_end_keeping_prefix_whole(void **state)
{
	(void)state;
	char longtext[2 * PL_ERR_MSG_MAX];
	memset(longtext, 'x', sizeof(longtext) - 1);
	longtext[sizeof(longtext) - 1] = '\0';
	pl_err err = {0};
	(void)pl_fail(&err, PL_EINPUT, "%s", longtext);
	assert_int_equal(strlen(err.msg), PL_ERR_MSG_MAX - 1);

	pl_err_prefix(&err, "import persons.csv: ");
	assert_int_equal(strlen(err.msg), PL_ERR_MSG_MAX - 1);
	assert_memory_equal(err.msg, "import persons.csv: ", 20);
	for(size_t i = 20; i < PL_ERR_MSG_MAX - 1; i++)
		assert_int_equal(err.msg[i], 'x');
}

static void test_err_prefix_longer_than_buffer_stays_terminated(void **state)
{
	(void)state;
	char longtext[2 * PL_ERR_MSG_MAX];
	memset(longtext, 'p', sizeof(longtext) - 1);
	longtext[sizeof(longtext) - 1] = '\0';
	pl_err err = {0};
	(void)pl_fail(&err, PL_EINPUT, "tail");
	pl_err_prefix(&err, "%s", longtext);
	assert_int_equal(strlen(err.msg), PL_ERR_MSG_MAX - 1);
	assert_int_equal(err.msg[0], 'p');
	assert_int_equal(err.msg[PL_ERR_MSG_MAX - 2], 'p');
}

static void test_err_clear_empties_message_and_code(void **state)
{
	(void)state;
	pl_err err = {0};
	(void)pl_fail(&err, PL_EIO, "disk full");
	pl_err_clear(&err);
	assert_int_equal(err.rc, PL_OK);
	assert_string_equal(err.msg, "");
}

static void test_err_nomem_sets_out_of_memory(void **state)
{
	(void)state;
	pl_err err = {0};
	assert_int_equal(pl_nomem(&err), PL_ENOMEM);
	assert_int_equal(err.rc, PL_ENOMEM);
	assert_string_equal(err.msg, "out of memory");
}

static void test_err_rc_str_names_every_code_distinctly(void **state)
{
	(void)state;
	assert_string_equal(pl_rc_str(PL_OK), "ok");
	assert_string_equal(pl_rc_str(PL_ENOMEM), "out of memory");
	assert_string_equal(pl_rc_str((pl_rc)999), "unknown error");
	for(int a = PL_OK; a <= PL_EINTEGRITY; a++) {
		assert_string_not_equal(pl_rc_str((pl_rc)a), "unknown error");
		for(int b = a + 1; b <= PL_EINTEGRITY; b++)
			assert_string_not_equal(pl_rc_str((pl_rc)a), pl_rc_str((pl_rc)b));
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_err_fail_formats_message_and_returns_code),
		cmocka_unit_test(test_err_fail_with_null_err_still_returns_code),
		cmocka_unit_test(test_err_fail_replaces_previous_message),
		cmocka_unit_test(test_err_prefix_prepends_context),
		cmocka_unit_test(test_err_prefix_nests_outermost_first),
		cmocka_unit_test(test_err_long_message_is_cut_at_the_end_keeping_prefix_whole),
		cmocka_unit_test(test_err_prefix_longer_than_buffer_stays_terminated),
		cmocka_unit_test(test_err_clear_empties_message_and_code),
		cmocka_unit_test(test_err_nomem_sets_out_of_memory),
		cmocka_unit_test(test_err_rc_str_names_every_code_distinctly),
	};
	return cmocka_run_group_tests_name("core/err", tests, NULL, NULL);
}
