/* The migration runner: the store's and every module's steps, module by
 * module in the order of store_schemas, each step in its own transaction;
 * files of the global schema versions 1..6 upgraded in place. */
#include "store/schema.h"

#include <stdio.h>
#include <string.h>

enum {
	LEGACY_LAST = 6,  /* the last version that numbered the whole database */
	MODULAR = 7,      /* user_version: each module's version in schema_version */
	MODULES_MAX = 32
};

/* Each module's version. IF NOT EXISTS: a file set back to a global
 * version by hand still has the table, and has its rows written again. */
static const char versions_table[] =
	"CREATE TABLE IF NOT EXISTS schema_version (\n"
	"  module TEXT PRIMARY KEY,\n"
	"  version INTEGER NOT NULL CHECK (version >= 0)\n"
	") STRICT, WITHOUT ROWID;\n";

int store_schema_latest(void)
{
	return MODULAR;
}

static pl_rc pragma_int(store *st, const char *sql, int *out, pl_err *err)
{
	sqlite3_stmt *s;
	int rc = sqlite3_prepare_v2(store_db(st), sql, -1, &s, NULL);
	if(rc)
		return store_fail(st, err, rc, "reading the schema");
	rc = sqlite3_step(s);
	*out = rc == SQLITE_ROW ? sqlite3_column_int(s, 0) : 0;
	sqlite3_finalize(s);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? PL_OK
	                                             : store_fail(st, err, rc, "reading the schema");
}

/* The store's own schema, then every module's. */
static int schemas(const store_schema *out[MODULES_MAX])
{
	int n = 0;
	out[n++] = &store_own_schema;
	for(int i = 0; store_schemas[i]; i++) {
		if(n == MODULES_MAX)
			pl_panic("store: more than %d schemas", MODULES_MAX);
		out[n++] = store_schemas[i];
	}
	return n;
}

/* How many of m's steps a file of global version `found` holds: those of
 * legacy 1..found, which come first and in order (anything else is a
 * schema list written wrong, and would upgrade files wrong). */
static int legacy_held(const store_schema *m, int found)
{
	int held = 0, prev = 1;
	for(int i = 0; i < m->nsteps; i++) {
		int l = m->steps[i].legacy;
		if(l && (!prev || l < prev || l > LEGACY_LAST))
			pl_panic("store: step %d of the %s schema claims legacy version %d out of order",
			         i + 1, m->module, l);
		if(l && l <= found)
			held = i + 1;
		prev = l;
	}
	return held;
}

static pl_rc version_write(store *st, const char *module, int version, pl_err *err)
{
	sqlite3_stmt *s;
	pl_rc rc = store_stmt(st, "INSERT INTO schema_version (module, version) VALUES (?, ?)"
	                          " ON CONFLICT (module) DO UPDATE SET version = excluded.version",
	                      &s, err);
	if(rc)
		return rc;
	sqlite3_bind_text(s, 1, module, -1, SQLITE_STATIC);
	sqlite3_bind_int(s, 2, version);
	int x = sqlite3_step(s);
	sqlite3_reset(s);
	return x == SQLITE_DONE ? PL_OK : store_fail(st, err, x, "recording a schema version");
}

/* module: whose tables, or NULL for the file's own version. */
static pl_rc too_new(store *st, const char *module, int version, int latest, pl_err *err)
{
	return pl_failc(err, PL_ESCHEMA, module ? "store.module_too_new" : "store.too_new", "file",
	                store_path(st), "version", PL_N(version), "module", module, "latest", PL_N(latest),
	                NULL);
}

/* The versions recorded in a file of version MODULAR. A module without a
 * row is new to the file (0); one this binary does not know, or newer
 * than it knows, was written by a newer parley. */
static pl_rc versions_read(store *st, const store_schema **m, int n, int *ver, pl_err *err)
{
	sqlite3_stmt *s;
	int x = sqlite3_prepare_v2(store_db(st), "SELECT module, version FROM schema_version", -1, &s,
	                           NULL);
	if(x)
		return store_fail(st, err, x, "reading the schema versions");
	memset(ver, 0, sizeof(*ver) * (size_t)n);
	pl_rc rc = PL_OK;
	while(!rc && (x = sqlite3_step(s)) == SQLITE_ROW) {
		const char *module = store_column_text(s, 0);
		int v = sqlite3_column_int(s, 1), i = 0;
		while(i < n && strcmp(m[i]->module, module ? module : ""))
			i++;
		if(i == n)
			rc = pl_failc(err, PL_ESCHEMA, "store.unknown_module", "file", store_path(st), "module",
			              module ? module : "?", NULL);
		else if(v > m[i]->nsteps)
			rc = too_new(st, module, v, m[i]->nsteps, err);
		else
			ver[i] = v;
	}
	sqlite3_finalize(s);
	if(!rc && x != SQLITE_DONE)
		rc = store_fail(st, err, x, "reading the schema versions");
	return rc;
}

/* A new file, or one of a global version: record what each module already
 * has and stamp the file MODULAR, in one transaction. Nothing is made
 * again: the steps it lacks are applied afterwards, as for any file. */
static pl_rc versions_adopt(store *st, const store_schema **m, int n, int found, int *ver,
                            pl_err *err)
{
	char stamp[96];
	snprintf(stamp, sizeof(stamp), "PRAGMA user_version = %d; PRAGMA application_id = %d;",
	         MODULAR, SCHEMA_APPLICATION_ID);
	pl_rc rc = store_begin(st, err);
	if(rc)
		return rc;
	rc = store_exec(st, versions_table, err);
	for(int i = 0; i < n && !rc; i++)
		rc = version_write(st, m[i]->module, ver[i] = legacy_held(m[i], found), err);
	if(rc || (rc = store_exec(st, stamp, err))) {
		store_rollback(st);
		pl_err_prefix(err, "recording the schema versions of %s: ", store_path(st));
		return rc;
	}
	return store_commit(st, err);
}

/* After a rebuild with foreign keys off: every reference still finds its row. */
static pl_rc keys_whole(store *st, pl_err *err)
{
	sqlite3_stmt *s;
	int x = sqlite3_prepare_v2(store_db(st), "PRAGMA foreign_key_check", -1, &s, NULL);
	if(x)
		return store_fail(st, err, x, "checking the foreign keys");
	x = sqlite3_step(s);
	pl_rc rc = x == SQLITE_DONE ? PL_OK
	           : x == SQLITE_ROW ? pl_failc(err, PL_EINTEGRITY, "store.dangling_row", "table",
	                                        store_column_text(s, 0), "parent", store_column_text(s, 2),
	                                        NULL)
	           : store_fail(st, err, x, "checking the foreign keys");
	sqlite3_finalize(s);
	return rc;
}

static pl_rc step_apply(store *st, const store_schema *m, int version, pl_err *err)
{
	const store_step *step = &m->steps[version - 1];
	/* Foreign keys can be switched only outside a transaction. */
	pl_rc rc = step->rebuild ? store_exec(st, "PRAGMA foreign_keys = OFF", err) : PL_OK;
	rc = rc ? rc : store_begin(st, err);
	if(rc)
		return rc;
	for(int i = 0; step->sql[i] && !rc; i++)
		rc = store_exec(st, step->sql[i], err);
	if(!rc && step->rebuild)
		rc = keys_whole(st, err);
	if(rc || (rc = version_write(st, m->module, version, err))) {
		store_rollback(st);
		pl_err_prefix(err, "migrating %s: the %s tables to version %d: ", store_path(st),
		              m->module, version);
	} else {
		rc = store_commit(st, err);
	}
	if(step->rebuild) {
		pl_err ignore = {0};
		pl_rc on = store_exec(st, "PRAGMA foreign_keys = ON", rc ? &ignore : err);
		rc = rc ? rc : on;
	}
	return rc;
}

pl_rc schema_migrate(store *st, int *found, char *steps, size_t size, pl_err *err)
{
	*steps = '\0';
	int version, appid, tables;
	pl_rc rc;
	if((rc = pragma_int(st, "PRAGMA user_version", &version, err)) ||
	   (rc = pragma_int(st, "PRAGMA application_id", &appid, err)) ||
	   (rc = pragma_int(st, "SELECT count(*) FROM sqlite_schema", &tables, err)))
		return rc;
	*found = version;
	if(appid != SCHEMA_APPLICATION_ID && (appid != 0 || tables != 0))
		return pl_failc(err, PL_ESCHEMA, "store.not_parley", "file", store_path(st), NULL);
	if(version > MODULAR)
		return too_new(st, NULL, version, MODULAR, err);
	const store_schema *m[MODULES_MAX];
	int n = schemas(m), ver[MODULES_MAX];
	rc = version == MODULAR ? versions_read(st, m, n, ver, err)
	                        : versions_adopt(st, m, n, version, ver, err);
	for(int i = 0; i < n && !rc; i++) {
		for(int v = ver[i] + 1; v <= m[i]->nsteps && !rc; v++)
			rc = step_apply(st, m[i], v, err);
		size_t used = strlen(steps);
		if(!rc && ver[i] < m[i]->nsteps && used < size)
			snprintf(steps + used, size - used, "%s%s %d\u2192%d", used ? ", " : "", m[i]->module, ver[i],
			         m[i]->nsteps);
	}
	return rc;
}
