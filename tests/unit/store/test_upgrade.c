/* The migration runner on databases made by released binaries: the
 * fixtures tests/data/legacy-v*.sql (made by tests/data/make-legacy-db)
 * open, upgrade in place to per-module versions, keep every row, take new
 * writes, keep their audit chain whole, and end with the schema of a new
 * database. */
#include "testutil.h"

#include <sqlite3.h>

#include "audit/audit.h"
#include "core/buf.h"
#include "core/file.h"
#include "registry/registry.h"
#include "store/store.h"

enum { TABLES_MAX = 64 };

typedef struct counts {
	char name[TABLES_MAX][64];
	long long rows[TABLES_MAX];
	int n;
} counts;

/* A new file at dir/name holding the fixture's database. */
static void load_fixture(const char *fixture, const char *path)
{
	char src[4096];
	snprintf(src, sizeof(src), "%s/data/%s", getenv("PARLEY_TEST_DATA"), fixture);
	buf sql;
	buf_init(&sql, 0);
	pl_err err = {0};
	assert_ok(file_read(src, 16u << 20, &sql, &err), &err);
	sqlite3 *db;
	assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
	char *msg = NULL;
	int rc = sqlite3_exec(db, buf_str(&sql), NULL, NULL, &msg);
	if(rc != SQLITE_OK)
		fail_msg("loading %s: %s", fixture, msg);
	sqlite3_close(db);
	buf_free(&sql);
}

/* The rows of every ordinary table, but the store's schema_version, the
 * name index's tables (person_fts_* until registry step 8, person_key
 * since), which an upgrade builds again from the persons, and the access
 * log's index by person (audit step 3), built from the access log. */
static void count_rows(sqlite3 *db, counts *c)
{
	sqlite3_stmt *s;
	assert_int_equal(sqlite3_prepare_v2(db, "SELECT name FROM sqlite_schema WHERE type = 'table'"
	                                    " AND sql NOT LIKE 'CREATE VIRTUAL%' AND name NOT LIKE 'sqlite%'"
	                                    " AND name NOT LIKE 'person_fts_%' AND name != 'person_key'"
	                                    " AND name NOT IN ('access_by_person', 'access_indexed')"
	                                    " AND name != 'schema_version' ORDER BY name", -1, &s, NULL),
	                 SQLITE_OK);
	c->n = 0;
	while(sqlite3_step(s) == SQLITE_ROW) {
		assert_true(c->n < TABLES_MAX);
		snprintf(c->name[c->n], sizeof(c->name[0]), "%s", sqlite3_column_text(s, 0));
		char sql[128];
		snprintf(sql, sizeof(sql), "SELECT count(*) FROM \"%s\"", c->name[c->n]);
		c->rows[c->n++] = tu_scalar(db, sql);
	}
	sqlite3_finalize(s);
}

static void raw_counts(const char *path, counts *c)
{
	sqlite3 *db;
	assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
	count_rows(db, c);
	sqlite3_close(db);
}

/* One text value the SQL selects from the file, opened as it is. */
static char *raw_text(const char *path, const char *sql)
{
	sqlite3 *db;
	sqlite3_stmt *s;
	assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
	assert_int_equal(sqlite3_prepare_v2(db, sql, -1, &s, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_step(s), SQLITE_ROW);
	const char *t = (const char *)sqlite3_column_text(s, 0);
	char *text = strdup(t ? t : "");
	sqlite3_finalize(s);
	sqlite3_close(db);
	return text;
}

#define STATUSES(id, table)                                                         \
	"SELECT group_concat(" id " || ':' || status, ',') FROM (SELECT " id ", status" \
	" FROM " table " ORDER BY " id ")"

/* The schema as SQLite keeps it, one row per object, in a fixed order:
 * what `sqlite3 DB .schema` prints, without the order of creation. */
static char *schema_text(sqlite3 *db)
{
	sqlite3_stmt *s;
	assert_int_equal(sqlite3_prepare_v2(db, "SELECT type, name, tbl_name, sql FROM sqlite_schema"
	                                    " ORDER BY type, name", -1, &s, NULL), SQLITE_OK);
	buf b;
	buf_init(&b, 0);
	while(sqlite3_step(s) == SQLITE_ROW)
		for(int i = 0; i < 4; i++) {
			const char *t = (const char *)sqlite3_column_text(s, i);
			assert_int_equal(buf_printf(&b, "%s%s", t ? t : "(null)", i < 3 ? "|" : "\n"), PL_OK);
		}
	sqlite3_finalize(s);
	char *text = strdup(buf_str(&b));
	buf_free(&b);
	return text;
}

static char *fresh_schema(void)
{
	char path[4096];
	tu_path(path, sizeof(path), tu_dir, "fresh.db");
	store *st;
	pl_err err = {0};
	assert_ok(store_open(&st, path, NULL, STORE_CREATE, &err), &err);
	char *text = schema_text(store_db(st));
	store_close(st);
	return text;
}

/* Every module at its latest step, the store at its own. */
static void assert_modules_latest(sqlite3 *db)
{
	assert_int_equal(tu_scalar(db, "SELECT version FROM schema_version WHERE module = 'store'"), 1);
	int n = 1;
	for(int i = 0; store_schemas[i]; i++, n++) {
		char sql[128];
		snprintf(sql, sizeof(sql), "SELECT version FROM schema_version WHERE module = '%s'",
		         store_schemas[i]->module);
		if(tu_scalar(db, sql) != store_schemas[i]->nsteps)
			fail_msg("%s at version %lld, not %d", store_schemas[i]->module, tu_scalar(db, sql),
			         store_schemas[i]->nsteps);
	}
	assert_int_equal(tu_scalar(db, "SELECT count(*) FROM schema_version"), n);
}

/* Open the fixture with this binary; check what it kept and that it works. */
static void upgrade(const char *fixture, int version, long long persons)
{
	char path[4096];
	tu_path(path, sizeof(path), tu_dir, fixture);
	strcat(path, ".db");
	load_fixture(fixture, path);
	counts before, after;
	raw_counts(path, &before);
	assert_true(before.n >= 10); /* v2: person, event, audit, access_log... */
	char *statuses = raw_text(path, STATUSES("id", "person"));
	assert_true(strstr(statuses, ":captured") && strstr(statuses, ":missing"));

	store *st;
	pl_err err = {0};
	assert_ok(store_open(&st, path, "cli:tester", 0, &err), &err);
	sqlite3 *db = store_db(st);
	assert_int_equal(store_schema_found(st), version);
	assert_int_equal(tu_scalar(db, "PRAGMA user_version"), store_schema_latest());
	assert_modules_latest(db);
	assert_int_equal(tu_scalar(db, "SELECT count(*) FROM person"), persons);

	/* Every row of every table the file had is still there; the tables of
	 * the modules it lacked are there, empty. */
	count_rows(db, &after);
	int j = 0;
	for(int i = 0; i < after.n; i++) {
		if(j < before.n && !strcmp(before.name[j], after.name[i])) {
			if(before.rows[j] != after.rows[i])
				fail_msg("%s: %lld rows, was %lld", after.name[i], after.rows[i], before.rows[j]);
			j++;
		} else if(!strcmp(after.name[i], "person_state")) {
			/* Made from the persons' status column (registry step 11). */
			assert_int_equal(after.rows[i], persons);
		} else if(after.rows[i]) {
			fail_msg("%s: new, and not empty", after.name[i]);
		}
	}
	assert_int_equal(j, before.n);
	/* Every person's status moved to person_state (registry step 11). */
	char *moved = raw_text(path, STATUSES("person_id", "person_state"));
	assert_string_equal(moved, statuses);
	free(moved);
	free(statuses);
	/* The name index, built by the upgrade, holds what the persons say:
	 * a row per key of each, nothing more. */
	assert_true(tu_scalar(db, "SELECT count(*) FROM person_key") > persons);
	assert_int_equal(tu_scalar(db, "SELECT count(*) FROM (SELECT j.value, p.sort_key, p.id FROM person p,"
	                               " json_each('[\"' || replace(p.name_keys, ' ', '\",\"') || '\"]') j"
	                               " WHERE p.name_keys != '' EXCEPT SELECT * FROM person_key)"), 0);
	assert_int_equal(tu_scalar(db, "SELECT count(*) FROM (SELECT * FROM person_key EXCEPT"
	                               " SELECT j.value, p.sort_key, p.id FROM person p,"
	                               " json_each('[\"' || replace(p.name_keys, ' ', '\",\"') || '\"]') j"
	                               " WHERE p.name_keys != '')"), 0);
	/* The access log's index by person, built by the upgrade, holds every
	 * entry once, up to the mark. */
	assert_true(tu_scalar(db, "SELECT count(*) FROM access_log") > 0);
	assert_int_equal(tu_scalar(db, "SELECT upto FROM access_indexed"),
	                 tu_scalar(db, "SELECT max(id) FROM access_log"));
	assert_int_equal(tu_scalar(db, "SELECT count(*) FROM (SELECT id >> 14, person_uid, id FROM access_log"
	                               " EXCEPT SELECT * FROM access_by_person)"), 0);
	assert_int_equal(tu_scalar(db, "SELECT count(*) FROM access_by_person"),
	                 tu_scalar(db, "SELECT count(*) FROM access_log"));

	/* New writes go in, and the chain holds them and all before. */
	audit_verify_report rep;
	assert_ok(audit_verify(st, &rep, &err), &err);
	int64_t entries = rep.entries;
	person p = {0};
	p.f[PF_SURNAME] = "Оновлений";
	p.f[PF_GIVEN_NAMES] = "Петро";
	assert_ok(registry_person_add(st, &p, &err), &err);
	event e = {0};
	e.f[EF_TYPE] = "capture";
	e.f[EF_DATE] = "2024-05-01";
	e.f[EF_SOURCE] = "family_report";
	assert_ok(registry_event_add(st, p.uid, &e, &err), &err);
	assert_int_equal(tu_scalar(db, "SELECT count(*) FROM person"), persons + 1);
	assert_ok(audit_verify(st, &rep, &err), &err);
	assert_int_equal(rep.entries, entries + 2);
	assert_int_equal(rep.first_bad, 0);

	/* What is there now is what a new database has. */
	char *have = schema_text(db), *want = fresh_schema();
	assert_string_equal(have, want);
	free(have);
	free(want);
	store_close(st);

	/* Opened again: nothing left to do. */
	assert_ok(store_open(&st, path, NULL, 0, &err), &err);
	assert_int_equal(store_schema_found(st), store_schema_latest());
	store_close(st);
}

static void test_release_v6_upgrades_in_place(void **state)
{
	(void)state;
	upgrade("legacy-v6.sql", 6, 170);
}

/* The legacy-v6 fixture at dir/name, and what query q says of it before
 * any upgrade, as text in out. */
static void fixture_before(const char *name, const char *q, char *path, size_t size, char *out,
                           size_t out_size)
{
	tu_path(path, size, tu_dir, name);
	load_fixture("legacy-v6.sql", path);
	sqlite3 *raw;
	sqlite3_stmt *s;
	assert_int_equal(sqlite3_open(path, &raw), SQLITE_OK);
	assert_int_equal(sqlite3_prepare_v2(raw, q, -1, &s, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_step(s), SQLITE_ROW);
	snprintf(out, out_size, "%s", (const char *)sqlite3_column_text(s, 0));
	sqlite3_finalize(s);
	sqlite3_close(raw);
}

/* What query q says, as text, is `was`. */
static void assert_query_text(sqlite3 *db, const char *q, const char *was)
{
	sqlite3_stmt *s;
	assert_int_equal(sqlite3_prepare_v2(db, q, -1, &s, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_step(s), SQLITE_ROW);
	assert_string_equal((const char *)sqlite3_column_text(s, 0), was);
	sqlite3_finalize(s);
}

/* The DNA module's step 2 makes dna_proposal again (a new CHECK on the
 * status: reviewed, withdrawn): every proposal keeps its status and who
 * decided it; confirmed ones stay confirmed. */
static void test_dna_proposals_keep_their_decisions(void **state)
{
	(void)state;
	char path[4096];
	const char *q = "SELECT group_concat(id || ':' || status || ':' || ifnull(action, '-') || ':' ||"
	                " ifnull(decided_by, '-') || ':' || ifnull(note, '-') || ':' || log10_lr, ';')"
	                " FROM (SELECT * FROM dna_proposal ORDER BY id)";
	static char was[65536];
	fixture_before("dna-step.db", q, path, sizeof(path), was, sizeof(was));
	assert_non_null(strstr(was, ":confirmed:identify:"));
	assert_non_null(strstr(was, ":rejected:"));

	store *st;
	pl_err err = {0};
	assert_ok(store_open(&st, path, "cli:tester", 0, &err), &err);
	sqlite3 *db = store_db(st);
	assert_true(tu_scalar(db, "SELECT version FROM schema_version WHERE module = 'dna'") >= 2); /* past step 2 */
	assert_query_text(db, q, was);
	/* the indexes are back, and the new statuses are allowed, the others not */
	assert_int_equal(tu_scalar(db, "SELECT count(*) FROM sqlite_schema WHERE type = 'index' AND"
	                            " tbl_name = 'dna_proposal' AND sql IS NOT NULL"), 6);
	assert_int_equal(sqlite3_exec(db, "UPDATE dna_proposal SET status = 'maybe' WHERE id = (SELECT"
	                              " min(id) FROM dna_proposal)", NULL, NULL, NULL) & 0xff, SQLITE_CONSTRAINT);
	assert_int_equal(sqlite3_exec(db, "UPDATE dna_proposal SET status = 'reviewed', reviewed_by = 'a',"
	                              " reviewed_from = 'proposed' WHERE status = 'proposed'", NULL, NULL,
	                              NULL), SQLITE_OK);
	assert_int_equal(tu_scalar(db, "SELECT count(*) FROM pragma_foreign_key_check"), 0);
	store_close(st);
}

/* The DNA module's step 5 adds the pairing probabilities to dna_proposal:
 * the proposals made before keep every column and have none (NULL), a
 * probability can be stored, one outside [0, 1] cannot. */
static void test_dna_proposals_get_pairing_columns(void **state)
{
	(void)state;
	char path[4096];
	const char *q = "SELECT count(*) || ':' || total(log10_lr) || ':' || total(posterior)"
	                " FROM dna_proposal";
	char was[256];
	fixture_before("dna-pairing.db", q, path, sizeof(path), was, sizeof(was));
	assert_true(strncmp(was, "0:", 2) != 0); /* proposals to keep */
	sqlite3 *raw;
	assert_int_equal(sqlite3_open(path, &raw), SQLITE_OK);
	assert_int_equal(tu_scalar(raw, "SELECT count(*) FROM pragma_table_info('dna_proposal')"
	                             " WHERE name LIKE 'pairing%'"), 0);
	sqlite3_close(raw);

	store *st;
	pl_err err = {0};
	assert_ok(store_open(&st, path, "cli:tester", 0, &err), &err);
	sqlite3 *db = store_db(st);
	assert_true(tu_scalar(db, "SELECT version FROM schema_version WHERE module = 'dna'") >= 5); /* past step 5 */
	assert_int_equal(tu_scalar(db, "SELECT count(*) FROM pragma_table_info('dna_proposal') WHERE name IN"
	                            " ('pairing', 'pairing_lo', 'pairing_hi', 'pairing_none_remains',"
	                            " 'pairing_none_person')"), 5);
	assert_query_text(db, q, was);
	assert_int_equal(tu_scalar(db, "SELECT count(*) FROM dna_proposal WHERE coalesce(pairing, pairing_lo,"
	                            " pairing_hi, pairing_none_remains, pairing_none_person) IS NOT NULL"), 0);
	assert_int_equal(sqlite3_exec(db, "UPDATE dna_proposal SET pairing = 0.25, pairing_lo = 0.25,"
	                              " pairing_hi = 0.25, pairing_none_remains = 0.5, pairing_none_person = 1"
	                              " WHERE id = (SELECT min(id) FROM dna_proposal)", NULL, NULL, NULL),
	                 SQLITE_OK);
	assert_int_equal(sqlite3_exec(db, "UPDATE dna_proposal SET pairing_hi = 0.2 WHERE id = (SELECT min(id)"
	                              " FROM dna_proposal)", NULL, NULL, NULL) & 0xff, SQLITE_CONSTRAINT);
	assert_int_equal(sqlite3_exec(db, "UPDATE dna_proposal SET pairing = 1.5 WHERE id = (SELECT min(id)"
	                              " FROM dna_proposal)", NULL, NULL, NULL) & 0xff, SQLITE_CONSTRAINT);
	assert_int_equal(sqlite3_exec(db, "UPDATE dna_proposal SET pairing_none_remains = -0.1 WHERE id ="
	                              " (SELECT min(id) FROM dna_proposal)", NULL, NULL, NULL) & 0xff,
	                 SQLITE_CONSTRAINT);
	store_close(st);
}

static void test_release_v2_upgrades_in_place(void **state)
{
	(void)state;
	upgrade("legacy-v2.sql", 2, 60);
}

static void test_module_newer_than_this_binary_is_refused(void **state)
{
	(void)state;
	char path[4096];
	tu_path(path, sizeof(path), tu_dir, "newer.db");
	store *st;
	pl_err err = {0};
	assert_ok(store_open(&st, path, NULL, STORE_CREATE, &err), &err);
	assert_int_equal(sqlite3_exec(store_db(st), "UPDATE schema_version SET version = 99"
	                              " WHERE module = 'registry'", NULL, NULL, NULL), SQLITE_OK);
	store_close(st);
	assert_int_equal(store_open(&st, path, NULL, 0, &err), PL_ESCHEMA);
	assert_contains(err.msg, "schema version 99 of its registry tables");
	assert_contains(err.msg, "upgrade parley");

	tu_path(path, sizeof(path), tu_dir, "unknown.db");
	assert_ok(store_open(&st, path, NULL, STORE_CREATE, &err), &err);
	assert_int_equal(sqlite3_exec(store_db(st), "INSERT INTO schema_version VALUES ('nosuchmodule', 1)",
	                              NULL, NULL, NULL), SQLITE_OK);
	store_close(st);
	assert_int_equal(store_open(&st, path, NULL, 0, &err), PL_ESCHEMA);
	assert_contains(err.msg, "(nosuchmodule)");
	assert_contains(err.msg, "upgrade parley");
}

/* A module the file has no version of (as one added by a later release
 * will be) gets its tables on the next open; the others are left alone. */
static void test_module_new_to_the_file_is_created(void **state)
{
	(void)state;
	char path[4096];
	tu_path(path, sizeof(path), tu_dir, "added.db");
	store *st;
	pl_err err = {0};
	assert_ok(store_open(&st, path, NULL, STORE_CREATE, &err), &err);
	sqlite3 *db = store_db(st);
	assert_int_equal(sqlite3_exec(db, "DROP TABLE dna_reference_consent;"
	                              " DROP TABLE dna_ped_member; DROP TABLE dna_pedigree;"
	                              " DROP TABLE dna_proposal; DROP TABLE dna_run;"
	                              " DROP TABLE dna_relative; DROP TABLE dna_allele;"
	                              " DROP TABLE dna_profile; DROP TABLE dna_frequency;"
	                              " DROP TABLE dna_locus; DELETE FROM schema_version"
	                              " WHERE module = 'dna'", NULL, NULL, NULL), SQLITE_OK);
	store_close(st);
	assert_ok(store_open(&st, path, NULL, 0, &err), &err);
	db = store_db(st);
	assert_int_equal(store_schema_found(st), store_schema_latest());
	assert_int_equal(tu_scalar(db, "SELECT count(*) FROM sqlite_schema WHERE name = 'dna_proposal'"), 1);
	assert_modules_latest(db);
	store_close(st);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_release_v6_upgrades_in_place),
		cmocka_unit_test(test_dna_proposals_keep_their_decisions),
		cmocka_unit_test(test_dna_proposals_get_pairing_columns),
		cmocka_unit_test(test_release_v2_upgrades_in_place),
		cmocka_unit_test(test_module_newer_than_this_binary_is_refused),
		cmocka_unit_test(test_module_new_to_the_file_is_created),
	};
	return cmocka_run_group_tests_name("store upgrade", tests, tu_dir_setup, tu_dir_teardown);
}
