/* Files written whole or not at all, private from the start; read whole
 * with a cap. */
#include "testutil.h"

#include <sys/stat.h>

#include "core/file.h"

static void test_write_replace_or_refuse(void **state)
{
	(void)state;
	char path[4200];
	tu_path(path, sizeof(path), tu_dir, "a.txt");
	pl_err err = {0};
	assert_ok(file_write(path, "one", 3, false, &err), &err);
	struct stat sb;
	assert_int_equal(stat(path, &sb), 0);
	assert_int_equal(sb.st_mode & 0777, 0600);
	assert_int_equal(file_write(path, "two", 3, false, &err), PL_ECONFLICT);
	assert_contains(err.msg, "a.txt already exists: not replaced");
	buf b;
	buf_init(&b, 0);
	assert_ok(file_read(path, 100, &b, &err), &err);
	assert_string_equal(buf_str(&b), "one");
	assert_ok(file_write(path, "three", 5, true, &err), &err);
	buf_reset(&b);
	assert_ok(file_read(path, 100, &b, &err), &err);
	assert_string_equal(buf_str(&b), "three");
	/* No temporary file is left behind. */
	char cmd[4300];
	snprintf(cmd, sizeof(cmd), "test $(ls '%s' | wc -l) -eq 1", tu_dir);
	assert_int_equal(system(cmd), 0);
	buf_free(&b);
}

static void test_abort_leaves_nothing(void **state)
{
	(void)state;
	char path[4200];
	tu_path(path, sizeof(path), tu_dir, "b.txt");
	file_out o;
	pl_err err = {0};
	assert_ok(file_out_open(&o, path, &err), &err);
	fputs("half", o.f);
	file_out_abort(&o);
	assert_int_not_equal(access(path, F_OK), 0);
	assert_int_not_equal(access(o.tmp, F_OK), 0);
	tu_path(path, sizeof(path), tu_dir, "no/such/dir/c.txt");
	assert_int_equal(file_write(path, "x", 1, true, &err), PL_EIO);
	assert_contains(err.msg, "cannot write");
}

static void test_read_errors_and_cap(void **state)
{
	(void)state;
	char path[4200];
	tu_path(path, sizeof(path), tu_dir, "big.txt");
	tu_write(path, "0123456789");
	buf b;
	buf_init(&b, 0);
	pl_err err = {0};
	assert_int_equal(file_read(path, 9, &b, &err), PL_ELIMIT);
	assert_contains(err.msg, "big.txt is larger than 9 bytes");
	buf_reset(&b);
	assert_ok(file_read(path, 10, &b, &err), &err);
	assert_int_equal(b.len, 10);
	tu_path(path, sizeof(path), tu_dir, "missing.txt");
	assert_int_equal(file_read(path, 10, &b, &err), PL_ENOTFOUND);
	assert_contains(err.msg, "cannot read");
	assert_contains(err.msg, "missing.txt");
	buf_free(&b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_write_replace_or_refuse),
		cmocka_unit_test(test_abort_leaves_nothing),
		cmocka_unit_test(test_read_errors_and_cap),
	};
	return cmocka_run_group_tests_name("core/file", tests, tu_dir_setup, tu_dir_teardown);
}
