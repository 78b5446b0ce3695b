/* The store: creating, migrating and refusing databases; transactions. */
#include "testutil.h"

#include <sqlite3.h>

#include "core/msg.h"
#include "store/store.h"


static int scalar(store *st, const char *sql)
{
	sqlite3_stmt *s;
	assert_int_equal(sqlite3_prepare_v2(store_db(st), sql, -1, &s, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_step(s), SQLITE_ROW);
	int v = sqlite3_column_int(s, 0);
	sqlite3_finalize(s);
	return v;
}

static void raw_exec(const char *path, const char *sql)
{
	sqlite3 *db;
	assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
	assert_int_equal(sqlite3_exec(db, sql, NULL, NULL, NULL), SQLITE_OK);
	sqlite3_close(db);
}

static void test_open_missing_file_is_refused_without_create(void **state)
{
	(void)state;
	char path[4096];
	tu_path(path, sizeof(path), tu_dir, "absent.db");
	store *st;
	pl_err err = {0};
	assert_int_equal(store_open(&st, path, NULL, 0, &err), PL_ENOTFOUND);
	assert_null(st);
	assert_contains(err.msg, "parley init");
	assert_int_equal(access(path, F_OK), -1); /* nothing was created */
}

static void test_create_applies_every_migration(void **state)
{
	(void)state;
	char path[4096];
	tu_path(path, sizeof(path), tu_dir, "new.db");
	store *st;
	pl_err err = {0};
	assert_ok(store_open(&st, path, NULL, STORE_CREATE, &err), &err);
	assert_int_equal(store_schema_found(st), 0);
	assert_int_equal(scalar(st, "PRAGMA user_version"), store_schema_latest());
	assert_int_equal(scalar(st, "PRAGMA application_id"), 0x50524C59);
	assert_int_equal(scalar(st, "PRAGMA foreign_keys"), 1);
	assert_int_equal(scalar(st, "SELECT count(*) FROM sqlite_schema WHERE name = 'person'"), 1);
	store_close(st);

	/* Reopening finds the latest version and changes nothing. */
	assert_ok(store_open(&st, path, NULL, 0, &err), &err);
	assert_int_equal(store_schema_found(st), store_schema_latest());
	store_close(st);
}

static void test_wal_and_strict_tables(void **state)
{
	(void)state;
	char path[4096];
	tu_path(path, sizeof(path), tu_dir, "wal.db");
	store *st;
	pl_err err = {0};
	assert_ok(store_open(&st, path, NULL, STORE_CREATE, &err), &err);
	sqlite3_stmt *s;
	assert_int_equal(sqlite3_prepare_v2(store_db(st), "PRAGMA journal_mode", -1, &s, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_step(s), SQLITE_ROW);
	assert_string_equal((const char *)sqlite3_column_text(s, 0), "wal");
	sqlite3_finalize(s);
	/* STRICT: a text where an integer belongs is refused, not stored. */
	assert_int_not_equal(sqlite3_exec(store_db(st), "INSERT INTO access_log(id, ts, actor, "
	                                  "person_uid, action) VALUES ('x', 't', 'a', 'p', 's')",
	                                  NULL, NULL, NULL), SQLITE_OK);
	store_close(st);
}

static void test_bulk_load_sorts_with_temporary_files(void **state)
{
	/* A bulk load: the rollback journal, and SQLite's temporary files on
	 * disk (PRAGMA temp_store 1), so that the indexes built at its end
	 * sort in pieces; afterwards WAL and temporary storage in memory (2)
	 * again. An index built meanwhile inside a transaction is whole. */
	(void)state;
	char path[4096];
	tu_path(path, sizeof(path), tu_dir, "bulk.db");
	store *st;
	pl_err err = {0};
	assert_ok(store_open(&st, path, NULL, STORE_CREATE, &err), &err);
	assert_int_equal(scalar(st, "PRAGMA temp_store"), 2);
	assert_true(store_bulk_begin(st));
	assert_int_equal(scalar(st, "PRAGMA temp_store"), 1);
	assert_int_equal(scalar(st, "SELECT count(*) FROM pragma_journal_mode WHERE journal_mode = 'delete'"), 1);
	assert_ok(store_begin(st, &err), &err);
	assert_ok(store_exec(st, "PRAGMA cache_size = -64; CREATE TABLE t(x); WITH RECURSIVE n(i) AS"
	                         " (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 20000)"
	                         " INSERT INTO t SELECT printf('%08d', (i * 7919) % 20000) FROM n;"
	                         " CREATE INDEX t_x ON t(x);", &err), &err);
	assert_ok(store_end(st, PL_OK, &err), &err);
	store_bulk_end(st);
	assert_int_equal(scalar(st, "PRAGMA temp_store"), 2);
	assert_int_equal(scalar(st, "SELECT count(*) FROM pragma_journal_mode WHERE journal_mode = 'wal'"), 1);
	assert_int_equal(scalar(st, "SELECT count(*) FROM t INDEXED BY t_x WHERE x >= ''"), 20000);
	assert_int_equal(scalar(st, "SELECT count(*) FROM pragma_integrity_check WHERE integrity_check = 'ok'"), 1);
	store_close(st);
}

static void test_newer_schema_is_refused_with_versions(void **state)
{
	(void)state;
	char path[4096];
	tu_path(path, sizeof(path), tu_dir, "future.db");
	store *st;
	pl_err err = {0};
	assert_ok(store_open(&st, path, NULL, STORE_CREATE, &err), &err);
	store_close(st);
	raw_exec(path, "PRAGMA user_version = 99");
	assert_int_equal(store_open(&st, path, NULL, 0, &err), PL_ESCHEMA);
	assert_contains(err.msg, "schema version 99");
	assert_contains(err.msg, "upgrade parley");
	assert_string_equal(err.code, "store.too_new");
	char uk[PL_ERR_MSG_MAX];
	msg_err_text(&err, LANG_UK, uk, sizeof(uk));
	assert_contains(uk, "future.db має версію схеми 99, а цей parley знає лише версії до ");
	/* No file at all: said by code too. */
	tu_path(path, sizeof(path), tu_dir, "none.db");
	assert_int_equal(store_open(&st, path, NULL, 0, &err), PL_ENOTFOUND);
	assert_string_equal(err.code, "store.no_database");
	msg_err_text(&err, LANG_RU, uk, sizeof(uk));
	assert_contains(uk, "нет базы данных ");
	assert_contains(uk, "none.db` или укажите --db ПУТЬ)");
}

static void test_foreign_sqlite_file_is_refused(void **state)
{
	(void)state;
	char path[4096];
	tu_path(path, sizeof(path), tu_dir, "other.db");
	raw_exec(path, "CREATE TABLE t(x)");
	store *st;
	pl_err err = {0};
	assert_int_equal(store_open(&st, path, NULL, 0, &err), PL_ESCHEMA);
	assert_contains(err.msg, "not a parley database");
}

static void test_not_a_database_is_refused(void **state)
{
	(void)state;
	char path[4096];
	tu_path(path, sizeof(path), tu_dir, "text.db");
	tu_write(path, "surname,given_names\nШевченко,Олександр\n"
	               "this is a CSV file, not a database, and it is long enough to be read\n");
	store *st;
	pl_err err = {0};
	assert_int_not_equal(store_open(&st, path, NULL, 0, &err), PL_OK);
	assert_contains(err.msg, path);
}

static void test_old_schema_is_migrated_forward(void **state)
{
	(void)state;
	char path[4096];
	tu_path(path, sizeof(path), tu_dir, "old.db");
	/* An empty file stamped as a parley database of version 0. */
	raw_exec(path, "PRAGMA application_id = 1347570777; PRAGMA user_version = 0");
	store *st;
	pl_err err = {0};
	assert_ok(store_open(&st, path, NULL, 0, &err), &err);
	assert_int_equal(store_schema_found(st), 0);
	assert_int_equal(scalar(st, "PRAGMA user_version"), store_schema_latest());
	store_close(st);
}

static void test_nested_transactions_commit_once(void **state)
{
	(void)state;
	char path[4096];
	tu_path(path, sizeof(path), tu_dir, "tx.db");
	store *st;
	pl_err err = {0};
	assert_ok(store_open(&st, path, NULL, STORE_CREATE, &err), &err);
	assert_ok(store_begin(st, &err), &err);
	assert_ok(store_begin(st, &err), &err);
	assert_ok(store_meta_set(st, "k", "v1", &err), &err);
	assert_ok(store_commit(st, &err), &err);
	assert_true(store_in_transaction(st));
	assert_ok(store_commit(st, &err), &err);
	assert_false(store_in_transaction(st));
	char *v;
	assert_ok(store_meta_get(st, "k", &v, &err), &err);
	assert_string_equal(v, "v1");
	sqlite3_free(v);
	store_close(st);
}

static void test_inner_rollback_dooms_the_transaction(void **state)
{
	(void)state;
	char path[4096];
	tu_path(path, sizeof(path), tu_dir, "doom.db");
	store *st;
	pl_err err = {0};
	assert_ok(store_open(&st, path, NULL, STORE_CREATE, &err), &err);
	assert_ok(store_begin(st, &err), &err);
	assert_ok(store_meta_set(st, "k", "kept?", &err), &err);
	assert_ok(store_begin(st, &err), &err);
	store_rollback(st);
	assert_int_equal(store_commit(st, &err), PL_EDB);
	assert_false(store_in_transaction(st));
	char *v;
	assert_ok(store_meta_get(st, "k", &v, &err), &err);
	assert_null(v); /* the outer write went too */
	store_close(st);
}

static void test_committed_data_survives_reopen(void **state)
{
	(void)state;
	char path[4096];
	tu_path(path, sizeof(path), tu_dir, "durable.db");
	store *st;
	pl_err err = {0};
	assert_ok(store_open(&st, path, NULL, STORE_CREATE, &err), &err);
	assert_ok(store_begin(st, &err), &err);
	assert_ok(store_meta_set(st, "answer", "42", &err), &err);
	assert_ok(store_commit(st, &err), &err);
	assert_ok(store_begin(st, &err), &err);
	assert_ok(store_meta_set(st, "answer", "uncommitted", &err), &err);
	store_close(st); /* closing mid-transaction rolls back */
	assert_ok(store_open(&st, path, NULL, 0, &err), &err);
	char *v;
	assert_ok(store_meta_get(st, "answer", &v, &err), &err);
	assert_string_equal(v, "42");
	sqlite3_free(v);
	store_close(st);
}

static void test_audit_table_refuses_updates(void **state)
{
	(void)state;
	char path[4096];
	tu_path(path, sizeof(path), tu_dir, "append.db");
	store *st;
	pl_err err = {0};
	assert_ok(store_open(&st, path, NULL, STORE_CREATE, &err), &err);
	assert_int_equal(sqlite3_exec(store_db(st), "INSERT INTO audit(seq, ts, actor, action, entity,"
	                              " prev_hash, hash) VALUES (1, 't', 'a', 'x', 'e', x'00', x'00')",
	                              NULL, NULL, NULL), SQLITE_OK);
	char *msg = NULL;
	assert_int_not_equal(sqlite3_exec(store_db(st), "UPDATE audit SET actor = 'b'", NULL, NULL, &msg),
	                     SQLITE_OK);
	assert_contains(msg, "append-only");
	sqlite3_free(msg);
	assert_int_not_equal(sqlite3_exec(store_db(st), "DELETE FROM audit", NULL, NULL, NULL), SQLITE_OK);
	store_close(st);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_open_missing_file_is_refused_without_create),
		cmocka_unit_test(test_create_applies_every_migration),
		cmocka_unit_test(test_wal_and_strict_tables),
		cmocka_unit_test(test_bulk_load_sorts_with_temporary_files),
		cmocka_unit_test(test_newer_schema_is_refused_with_versions),
		cmocka_unit_test(test_foreign_sqlite_file_is_refused),
		cmocka_unit_test(test_not_a_database_is_refused),
		cmocka_unit_test(test_old_schema_is_migrated_forward),
		cmocka_unit_test(test_nested_transactions_commit_once),
		cmocka_unit_test(test_inner_rollback_dooms_the_transaction),
		cmocka_unit_test(test_committed_data_survives_reopen),
		cmocka_unit_test(test_audit_table_refuses_updates),
	};
	return cmocka_run_group_tests_name("store", tests, tu_dir_setup, tu_dir_teardown);
}
