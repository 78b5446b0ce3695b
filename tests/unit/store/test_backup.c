/* The online backup (store_backup): taken in steps while another
 * connection writes between them, the copy is whole and of one moment,
 * the moment it began; the writes all succeeded and are in the source. */
#include "testutil.h"

#include <sqlite3.h>

#include "store/store.h"

typedef struct writer {
	sqlite3 *db;
	int calls, failed;
} writer;

/* Between two steps: a new row, and every old row changed. */
static void write_between(void *ctx)
{
	writer *w = ctx;
	/* A copy that started again at each write would never end: stop
	 * writing after 200 steps so that it does, and is found out below. */
	if(++w->calls > 200)
		return;
	if(sqlite3_exec(w->db, "BEGIN IMMEDIATE; INSERT INTO t(n, x) VALUES (-1, randomblob(4000));"
	                       " UPDATE t SET n = n + 1000000 WHERE id % 7 = 0; COMMIT;", NULL, NULL, NULL))
		w->failed++;
}

static void test_backup_while_another_connection_writes(void **state)
{
	(void)state;
	char path[4096], copy[4096];
	tu_path(path, sizeof(path), tu_dir, "live.db");
	tu_path(copy, sizeof(copy), tu_dir, "copy.db");
	store *st;
	pl_err err = {0};
	assert_ok(store_open(&st, path, NULL, STORE_CREATE, &err), &err);
	assert_ok(store_exec(st, "CREATE TABLE t(id INTEGER PRIMARY KEY, n INTEGER, x BLOB);"
	                         " WITH RECURSIVE c(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM c WHERE i < 2000)"
	                         " INSERT INTO t(n, x) SELECT i, randomblob(4000) FROM c", &err), &err);
	long long sum = tu_scalar(store_db(st), "SELECT sum(n) FROM t");

	writer w = {0};
	assert_int_equal(sqlite3_open(path, &w.db), SQLITE_OK);
	sqlite3_busy_timeout(w.db, 5000);
	assert_ok(store_backup(st, copy, 50, write_between, &w, &err), &err);
	assert_true(w.calls >= 20);  /* it did go in steps, with writes between */
	assert_true(w.calls < 200);  /* and never started again */
	assert_int_equal(w.failed, 0);  /* and the writer was never refused */

	sqlite3 *c;
	assert_int_equal(sqlite3_open(copy, &c), SQLITE_OK);
	assert_int_equal(tu_scalar(c, "SELECT count(*) FROM t"), 2000);
	assert_int_equal(tu_scalar(c, "SELECT sum(n) FROM t"), sum);
	sqlite3_stmt *s;
	assert_int_equal(sqlite3_prepare_v2(c, "PRAGMA integrity_check", -1, &s, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_step(s), SQLITE_ROW);
	assert_string_equal((const char *)sqlite3_column_text(s, 0), "ok");
	sqlite3_finalize(s);
	sqlite3_close(c);
	/* The source has every write. */
	assert_int_equal(tu_scalar(store_db(st), "SELECT count(*) FROM t"), 2000 + (w.calls < 200 ? w.calls : 200));
	sqlite3_close(w.db);
	store_close(st);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_backup_while_another_connection_writes),
	};
	return cmocka_run_group_tests_name("store_backup", tests, tu_dir_setup, tu_dir_teardown);
}
