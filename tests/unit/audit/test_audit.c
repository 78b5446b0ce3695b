/* The audit chain: entries link by hash, and verify names the first entry
 * that was changed, removed or inserted behind parley's back. */
#include "testutil.h"

#include <jansson.h>

#include <sqlite3.h>

#include "audit/audit.h"
#include "core/msg.h"
#include "store/store.h"

static int counter;

/* A fresh store with n entries. */
static store *chain(int n, char *path, size_t size)
{
	char name[64];
	snprintf(name, sizeof(name), "audit-%d.db", counter++);
	tu_path(path, size, tu_dir, name);
	store *st;
	pl_err err = {0};
	assert_ok(store_open(&st, path, NULL, STORE_CREATE, &err), &err);
	assert_ok(store_begin(st, &err), &err);
	for(int i = 1; i <= n; i++) {
		char after[64];
		snprintf(after, sizeof(after), "{\"n\":%d}", i);
		assert_ok(audit_append(st, "tester", "create", "person", "P0000000000000001",
		                       i % 2 ? NULL : "{\"n\":0}", after, &err), &err);
	}
	assert_ok(store_commit(st, &err), &err);
	return st;
}

/* Change the file as someone with the sqlite3 shell would: the triggers
 * that keep the log append-only have to go first. */
static void tamper(store *st, const char *sql)
{
	char *msg = NULL;
	int rc = sqlite3_exec(store_db(st), "DROP TRIGGER audit_no_update; DROP TRIGGER audit_no_delete;",
	                      NULL, NULL, &msg);
	if(rc == SQLITE_OK)
		rc = sqlite3_exec(store_db(st), sql, NULL, NULL, &msg);
	if(rc != SQLITE_OK)
		fail_msg("tamper: %s", msg);
}

static void test_empty_chain_is_intact(void **state)
{
	(void)state;
	char path[4096];
	store *st = chain(0, path, sizeof(path));
	audit_verify_report rep;
	pl_err err = {0};
	assert_ok(audit_verify(st, &rep, &err), &err);
	assert_int_equal(rep.entries, 0);
	store_close(st);
}

static void test_entries_link_and_verify(void **state)
{
	(void)state;
	char path[4096];
	store *st = chain(50, path, sizeof(path));
	audit_verify_report rep;
	pl_err err = {0};
	assert_ok(audit_verify(st, &rep, &err), &err);
	assert_int_equal(rep.entries, 50);
	assert_int_equal(rep.first_bad, 0);
	/* The head is the hash of the newest entry. */
	sqlite3_stmt *s;
	sqlite3_prepare_v2(store_db(st), "SELECT hash FROM audit WHERE seq = 50", -1, &s, NULL);
	assert_int_equal(sqlite3_step(s), SQLITE_ROW);
	assert_memory_equal(sqlite3_column_blob(s, 0), rep.head, AUDIT_HASH_SIZE);
	sqlite3_finalize(s);
	store_close(st);
}

static void test_append_outside_transaction_is_refused(void **state)
{
	(void)state;
	char path[4096];
	store *st = chain(0, path, sizeof(path));
	pl_err err = {0};
	assert_int_equal(audit_append(st, "a", "create", "person", NULL, NULL, "{}", &err), PL_EDB);
	store_close(st);
}

static void test_changed_content_names_the_entry(void **state)
{
	(void)state;
	char path[4096];
	store *st = chain(20, path, sizeof(path));
	tamper(st, "UPDATE audit SET after = '{\"n\":999}' WHERE seq = 7");
	audit_verify_report rep;
	pl_err err = {0};
	assert_int_equal(audit_verify(st, &rep, &err), PL_EINTEGRITY);
	assert_int_equal(rep.first_bad, 7);
	assert_int_equal(rep.entries, 6); /* the ones before it hold */
	assert_contains(err.msg, "audit entry 7");
	assert_contains(err.msg, "changed after it was written");
	/* By its code, in the user's language. */
	assert_string_equal(err.code, "audit.changed");
	assert_string_equal(pl_err_arg_value(&err, "seq"), "7");
	char uk[PL_ERR_MSG_MAX];
	msg_err_text(&err, LANG_UK, uk, sizeof(uk));
	assert_contains(uk, "запис аудиту 7 (");
	assert_contains(uk, "): його вміст змінено після запису");
	store_close(st);
}

static void test_changed_actor_is_caught(void **state)
{
	(void)state;
	char path[4096];
	store *st = chain(5, path, sizeof(path));
	tamper(st, "UPDATE audit SET actor = 'someone else' WHERE seq = 3");
	audit_verify_report rep;
	pl_err err = {0};
	assert_int_equal(audit_verify(st, &rep, &err), PL_EINTEGRITY);
	assert_int_equal(rep.first_bad, 3);
	store_close(st);
}

static void test_recomputed_hash_breaks_the_next_link(void **state)
{
	(void)state;
	char path[4096];
	store *st = chain(10, path, sizeof(path));
	/* A forger who rewrites entry 4 and its hash still breaks entry 5. */
	tamper(st, "UPDATE audit SET hash = randomblob(32) WHERE seq = 4");
	audit_verify_report rep;
	pl_err err = {0};
	assert_int_equal(audit_verify(st, &rep, &err), PL_EINTEGRITY);
	assert_int_equal(rep.first_bad, 4);
	store_close(st);
}

static void test_removed_entry_is_caught(void **state)
{
	(void)state;
	char path[4096];
	store *st = chain(10, path, sizeof(path));
	tamper(st, "DELETE FROM audit WHERE seq = 6");
	audit_verify_report rep;
	pl_err err = {0};
	assert_int_equal(audit_verify(st, &rep, &err), PL_EINTEGRITY);
	assert_int_equal(rep.first_bad, 7);
	assert_contains(err.msg, "missing");
	store_close(st);
}

static void test_renumbered_entries_are_caught(void **state)
{
	(void)state;
	char path[4096];
	store *st = chain(10, path, sizeof(path));
	/* Close the gap after a deletion: the links still do not fit. */
	tamper(st, "DELETE FROM audit WHERE seq = 6; UPDATE audit SET seq = seq - 1 WHERE seq > 6");
	audit_verify_report rep;
	pl_err err = {0};
	assert_int_equal(audit_verify(st, &rep, &err), PL_EINTEGRITY);
	assert_int_equal(rep.first_bad, 6);
	store_close(st);
}

static void test_chain_continues_across_transactions(void **state)
{
	(void)state;
	char path[4096];
	store *st = chain(3, path, sizeof(path));
	pl_err err = {0};
	assert_ok(store_begin(st, &err), &err);
	assert_ok(audit_append(st, "b", "update", "person", "P1", "{}", "{}", &err), &err);
	assert_ok(store_commit(st, &err), &err);
	/* A rolled-back append leaves no trace and no gap. */
	assert_ok(store_begin(st, &err), &err);
	assert_ok(audit_append(st, "c", "update", "person", "P1", "{}", "{}", &err), &err);
	store_rollback(st);
	assert_ok(store_begin(st, &err), &err);
	assert_ok(audit_append(st, "d", "update", "person", "P1", "{}", "{}", &err), &err);
	assert_ok(store_commit(st, &err), &err);
	audit_verify_report rep;
	assert_ok(audit_verify(st, &rep, &err), &err);
	assert_int_equal(rep.entries, 5);
	store_close(st);
}

static pl_rc newest(void *ctx, const audit_entry *e)
{
	*(int64_t *)ctx = e->seq;
	return PL_OK;
}

/* The chain's end that the handle remembers: the newest entry's seq. */
static int64_t tip_seq(store *st)
{
	int64_t seq = 0;
	pl_err err = {0};
	audit_filter f = {.limit = 1};
	assert_ok(audit_list(st, &f, newest, &seq, &err), &err);
	return seq;
}

static void test_cached_tip_survives_rollbacks_and_other_writers(void **state)
{
	(void)state;
	char path[4096];
	store *st = chain(2, path, sizeof(path));
	pl_err err = {0};
	assert_ok(store_begin(st, &err), &err);
	assert_ok(audit_append(st, "a", "update", "person", "P1", "{}", "{}", &err), &err);
	assert_ok(audit_append(st, "a", "update", "person", "P1", "{}", "{}", &err), &err);
	assert_int_equal(tip_seq(st), 4);
	store_rollback(st); /* the cache now names entries that are gone */
	/* Another connection appends in between. */
	store *other;
	assert_ok(store_open(&other, path, NULL, 0, &err), &err);
	assert_ok(store_begin(other, &err), &err);
	assert_ok(audit_append(other, "b", "update", "person", "P1", "{}", "{}", &err), &err);
	assert_ok(store_commit(other, &err), &err);
	store_close(other);
	assert_ok(store_begin(st, &err), &err);
	assert_ok(audit_append(st, "a", "update", "person", "P1", "{}", "{}", &err), &err);
	assert_ok(store_commit(st, &err), &err);
	assert_int_equal(tip_seq(st), 4);
	audit_verify_report rep;
	assert_ok(audit_verify(st, &rep, &err), &err);
	assert_int_equal(rep.entries, 4);
	store_close(st);
}

typedef struct seen {
	int n;
	int64_t seqs[16];
} seen;

static pl_rc collect(void *ctx, const audit_entry *e)
{
	seen *s = ctx;
	if(s->n < 16)
		s->seqs[s->n++] = e->seq;
	return PL_OK;
}

static void test_list_filters_newest_first(void **state)
{
	(void)state;
	char path[4096];
	store *st = chain(6, path, sizeof(path));
	pl_err err = {0};
	assert_ok(store_begin(st, &err), &err);
	assert_ok(audit_append(st, "other", "update", "person", "P2", "{}", "{}", &err), &err);
	assert_ok(store_commit(st, &err), &err);
	seen s = {0};
	audit_filter f = {.entity_uid = "P2"};
	assert_ok(audit_list(st, &f, collect, &s, &err), &err);
	assert_int_equal(s.n, 1);
	assert_int_equal(s.seqs[0], 7);
	seen all = {0};
	audit_filter g = {.actor = "tester", .limit = 3};
	assert_ok(audit_list(st, &g, collect, &all, &err), &err);
	assert_int_equal(all.n, 3);
	assert_int_equal(all.seqs[0], 6);
	assert_int_equal(all.seqs[2], 4);
	store_close(st);
}

static pl_rc count_access(void *ctx, const access_entry *e)
{
	int *n = ctx;
	assert_string_equal(e->action, "show");
	(*n)++;
	return PL_OK;
}

static void test_access_log_records_reads(void **state)
{
	(void)state;
	char path[4096];
	store *st = chain(0, path, sizeof(path));
	pl_err err = {0};
	assert_ok(audit_access(st, "reader", "PAAAA", "show", NULL, &err), &err);
	assert_ok(audit_access(st, "reader", "PBBBB", "show", NULL, &err), &err);
	assert_ok(audit_access(st, "other", "PAAAA", "show", "a search", &err), &err);
	int n = 0;
	audit_filter f = {.entity_uid = "PAAAA"};
	assert_ok(audit_access_list(st, &f, count_access, &n, &err), &err);
	assert_int_equal(n, 2);
	assert_int_not_equal(sqlite3_exec(store_db(st), "DELETE FROM access_log", NULL, NULL, NULL),
	                     SQLITE_OK);
	store_close(st);
}

static pl_rc keep_json(void *ctx, const access_entry *e)
{
	json_t **out = ctx;
	json_decref(*out);
	*out = access_entry_json(e);
	return PL_OK;
}

/* A detail that is not UTF-8 (a client's bytes cut short) is kept up to
 * its first bad byte, so that every entry can still be read as JSON. */
static void test_access_detail_is_kept_utf8(void **state)
{
	(void)state;
	char path[4096];
	store *st = chain(0, path, sizeof(path));
	pl_err err = {0};
	assert_ok(audit_access(st, "reader", "*", "search", "q=Ж\xD0", &err), &err);
	json_t *j = NULL;
	assert_ok(audit_access_list(st, &(audit_filter){0}, keep_json, &j, &err), &err);
	assert_non_null(j);
	assert_string_equal(json_string_value(json_object_get(j, "detail")), "q=Ж");
	json_decref(j);
	store_close(st);
}

/* The ids a read of the access log gives, newest first. */
typedef struct ids {
	int64_t id[64];
	int n;
} ids;

static pl_rc keep_id(void *ctx, const access_entry *e)
{
	ids *x = ctx;
	assert_true(x->n < 64);
	x->id[x->n++] = e->id;
	return PL_OK;
}

static ids read_ids(store *st, const audit_filter *f)
{
	ids x = {{0}, 0};
	pl_err err = {0};
	assert_ok(audit_access_list(st, f, keep_id, &x, &err), &err);
	return x;
}

static void assert_ids(ids got, const int64_t *want, int n)
{
	assert_int_equal(got.n, n);
	for(int i = 0; i < n; i++)
		if(got.id[i] != want[i])
			fail_msg("entry %d: id %lld, expected %lld", i, (long long)got.id[i], (long long)want[i]);
}

/* What the reads by person must give, whatever is indexed: X's entries
 * (ids 5, 20000, 39999 of the bulk, 40001 and 40003 after it), paged,
 * with Y's, with an actor. */
static void assert_person_reads(store *st, bool tail)
{
	const char *x = "PXXXXXXXXXXXXXXXX", *y = "PYYYYYYYYYYYYYYYY";
	static const int64_t all[] = {40003, 40001, 39999, 20000, 5}, bulk[] = {39999, 20000, 5};
	if(tail)
		assert_ids(read_ids(st, &(audit_filter){.entity_uid = x}), all, 5);
	else
		assert_ids(read_ids(st, &(audit_filter){.entity_uid = x}), bulk, 3);
	assert_ids(read_ids(st, &(audit_filter){.entity_uid = x, .limit = 2, .before = 40000}), bulk, 2);
	assert_ids(read_ids(st, &(audit_filter){.entity_uid = x, .limit = 2, .before = 20000}), bulk + 2, 1);
	assert_ids(read_ids(st, &(audit_filter){.entity_uid = x, .actor = "other"}), bulk + 1, 1);
	static const int64_t both[] = {39999, 33333, 20000, 5};
	assert_ids(read_ids(st, &(audit_filter){.entity_uids = "[\"PXXXXXXXXXXXXXXXX\", \"PYYYYYYYYYYYYYYYY\"]",
	                                        .before = 40000}),
	           both, 4);
	assert_ids(read_ids(st, &(audit_filter){.entity_uid = y}), both + 1, 1);
	assert_int_equal(read_ids(st, &(audit_filter){.entity_uid = "PNOBODYNOBODYNOBO"}).n, 0);
}

/* The access log's index by person is built in batches, apart from the
 * appends (audit step 3): an entry is found by person before its batch is
 * indexed, after, and after the store is opened again; entries across
 * buckets of the index (16,384 ids each) come newest first. */
static void test_access_found_by_person_before_and_after_indexing(void **state)
{
	(void)state;
	char path[4096];
	store *st = chain(0, path, sizeof(path));
	pl_err err = {0};
	assert_ok(store_begin(st, &err), &err);
	for(int i = 1; i <= 40000; i++) {
		char uid[32];
		snprintf(uid, sizeof(uid), "P%016d", i % 977);
		if(i == 5 || i == 20000 || i == 39999)
			snprintf(uid, sizeof(uid), "PXXXXXXXXXXXXXXXX");
		if(i == 33333)
			snprintf(uid, sizeof(uid), "PYYYYYYYYYYYYYYYY");
		assert_ok(audit_access(st, i == 20000 ? "other" : "reader", uid, "show", NULL, &err), &err);
	}
	assert_ok(store_commit(st, &err), &err);
	sqlite3 *db = store_db(st);
	assert_int_equal(tu_scalar(db, "SELECT count(*) FROM access_by_person"), 0);
	assert_person_reads(st, false);

	/* A smaller tail than asked for stays as it is. */
	int64_t n = -1;
	assert_ok(audit_access_index(st, 40001, &n, &err), &err);
	assert_int_equal(n, 0);
	assert_int_equal(tu_scalar(db, "SELECT upto FROM access_indexed"), 0);
	assert_ok(audit_access_index(st, 1, &n, &err), &err);
	assert_int_equal(n, 40000);
	assert_int_equal(tu_scalar(db, "SELECT upto FROM access_indexed"), 40000);
	assert_int_equal(tu_scalar(db, "SELECT count(DISTINCT bucket) FROM access_by_person"), 3);
	assert_person_reads(st, false);

	/* New entries: the tail, read with the indexed ones. */
	assert_ok(audit_access(st, "reader", "PXXXXXXXXXXXXXXXX", "show", NULL, &err), &err);
	assert_ok(audit_access(st, "reader", "P0000000000000001", "show", NULL, &err), &err);
	assert_ok(audit_access(st, "reader", "PXXXXXXXXXXXXXXXX", "show", NULL, &err), &err);
	assert_person_reads(st, true);
	store_close(st);

	assert_ok(store_open(&st, path, NULL, 0, &err), &err);
	assert_person_reads(st, true);
	assert_ok(audit_access_index(st, 1, &n, &err), &err);
	assert_int_equal(n, 3);
	assert_person_reads(st, true);
	/* The index is as append-only as the log. */
	db = store_db(st);
	assert_int_not_equal(sqlite3_exec(db, "DELETE FROM access_by_person", NULL, NULL, NULL), SQLITE_OK);
	assert_int_not_equal(sqlite3_exec(db, "UPDATE access_indexed SET upto = 0", NULL, NULL, NULL),
	                     SQLITE_OK);
	assert_int_equal(tu_scalar(db, "SELECT count(*) FROM access_by_person"), 40003);

	/* Without a server's writer, the appends index themselves every
	 * 65,536 ids. */
	assert_ok(store_begin(st, &err), &err);
	for(int i = 40004; i <= 65536; i++)
		assert_ok(audit_access(st, "reader", "P0000000000000002", "show", NULL, &err), &err);
	assert_ok(store_commit(st, &err), &err);
	assert_int_equal(tu_scalar(db, "SELECT upto FROM access_indexed"), 65536);
	assert_person_reads(st, true);
	store_close(st);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_empty_chain_is_intact),
		cmocka_unit_test(test_entries_link_and_verify),
		cmocka_unit_test(test_append_outside_transaction_is_refused),
		cmocka_unit_test(test_changed_content_names_the_entry),
		cmocka_unit_test(test_changed_actor_is_caught),
		cmocka_unit_test(test_recomputed_hash_breaks_the_next_link),
		cmocka_unit_test(test_removed_entry_is_caught),
		cmocka_unit_test(test_renumbered_entries_are_caught),
		cmocka_unit_test(test_chain_continues_across_transactions),
		cmocka_unit_test(test_cached_tip_survives_rollbacks_and_other_writers),
		cmocka_unit_test(test_list_filters_newest_first),
		cmocka_unit_test(test_access_log_records_reads),
		cmocka_unit_test(test_access_detail_is_kept_utf8),
		cmocka_unit_test(test_access_found_by_person_before_and_after_indexing),
	};
	return cmocka_run_group_tests_name("audit", tests, tu_dir_setup, tu_dir_teardown);
}
