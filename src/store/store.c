#include "store/store.h"

#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <sodium.h>

#include "store/gate.h"
#include "store/schema.h"

enum { STMT_CACHE = 64, STATES = 16, WRITE_WAIT_MS = 600 * 1000 };

struct store {
	sqlite3 *db;
	char *path;
	char *actor;
	pdate today;
	struct {
		const store_state_type *type;
		void *state;
	} states[STATES];   /* in the order they were made */
	int nstates;
	int schema_found;
	char schema_steps[256]; /* the modules migrated by this open */
	int depth;      /* transaction nesting */
	uint64_t tx_serial;
	bool doomed;    /* an inner level rolled back */
	store_gate gate;  /* the writers' queue (gate.h) */
	int write_wait_ms;
	int cache_kib;  /* PRAGMA cache_size before a bulk load */
	bool bulk;      /* between store_bulk_begin and store_bulk_end */
	struct {
		const char *sql;
		sqlite3_stmt *stmt;
	} cache[STMT_CACHE];
	int ncache;
};

sqlite3 *store_db(store *st)
{
	return st->db;
}

const char *store_path(const store *st)
{
	return st->path;
}

int store_schema_found(const store *st)
{
	return st->schema_found;
}

const char *store_schema_steps(const store *st)
{
	return st->schema_steps;
}

pl_rc store_fail(store *st, pl_err *err, int rc, const char *doing)
{
	int base = rc & 0xff;
	const char *why = st && st->db ? sqlite3_errmsg(st->db) : sqlite3_errstr(rc);
	pl_rc r;
	switch(base) {
	case SQLITE_BUSY:
	case SQLITE_LOCKED: r = pl_failc(err, PL_EDB, "store.busy", NULL); break;
	case SQLITE_FULL: r = pl_failc(err, PL_EIO, "store.disk_full", NULL); break;
	case SQLITE_READONLY: r = pl_failc(err, PL_EIO, "store.read_only", "detail", why, NULL); break;
	case SQLITE_CORRUPT:
	case SQLITE_NOTADB:
		r = st ? pl_failc(err, PL_ESCHEMA, "store.unusable", "file", st->path, "detail", why, NULL)
		       : pl_failc(err, PL_ESCHEMA, "store.unusable_file", "detail", why, NULL);
		break;
	case SQLITE_NOMEM: return pl_nomem(err);
	/* Not for the catalogue: SQLite's own words, passed on as they are. */
	case SQLITE_CONSTRAINT: return pl_fail(err, PL_ECONFLICT, "%s: %s", doing, why);
	default: return pl_fail(err, PL_EDB, "%s: %s", doing, why);
	}
	/* What was being done stays in front, as context (in English). */
	pl_err_prefix(err, "%s: ", doing);
	return r;
}

pl_rc store_exec(store *st, const char *sql, pl_err *err)
{
	int rc = sqlite3_exec(st->db, sql, NULL, NULL, NULL);
	return rc == SQLITE_OK ? PL_OK : store_fail(st, err, rc, "running SQL");
}

/* SQLite counts every allocation under a global mutex for
 * sqlite3_memory_used, which parley never asks: a twentieth of an events
 * import went to that lock. Set before SQLite starts; if something opened
 * a database first, SQLite refuses it and keeps counting, which is only
 * slower. */
static void sqlite_setup(void)
{
	sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
}

pl_rc store_open(store **out, const char *path, const char *actor, unsigned flags, pl_err *err)
{
	*out = NULL;
	static pthread_once_t once = PTHREAD_ONCE_INIT;
	pthread_once(&once, sqlite_setup);
	/* Identifiers, hashes and signatures above the store come from
	 * libsodium, whose start-up is once per process and idempotent. */
	if(sodium_init() < 0)
		return pl_failc(err, PL_EIO, "store.sodium", NULL);
	struct stat sb;
	if(!(flags & STORE_CREATE) && stat(path, &sb) != 0)
		return pl_failc(err, PL_ENOTFOUND, "store.no_database", "file", path, NULL);
	store *st = calloc(1, sizeof(*st));
	if(!st || !(st->path = strdup(path)) || !(st->actor = strdup(actor ? actor : "unknown"))) {
		if(st)
			free(st->path);
		free(st);
		return pl_nomem(err);
	}
	st->today = date_today();
	st->gate.fd = -1;
	st->write_wait_ms = WRITE_WAIT_MS;
	int oflags = SQLITE_OPEN_EXRESCODE | SQLITE_OPEN_NOMUTEX;
	oflags |= flags & STORE_READONLY ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE;
	if(flags & STORE_CREATE)
		oflags |= SQLITE_OPEN_CREATE;
	int rc = sqlite3_open_v2(path, &st->db, oflags, NULL);
	pl_rc prc = PL_OK;
	if(rc) {
		prc = store_fail(st, err, rc, "opening the database");
	} else {
		/* Writers queue in the gate first; SQLite's own wait is for
		 * those outside it (a commit's checkpoint, another program). */
		sqlite3_busy_timeout(st->db, st->write_wait_ms);
		sqlite3_extended_result_codes(st->db, 1);
		if(!(flags & STORE_READONLY))
			prc = gate_open(&st->gate, path, err);
		/* WAL: readers never block the writer. FULL: a commit is on disk
		 * when it returns, so a crash or power cut loses nothing committed. */
		if(!prc)
			prc = store_exec(st, "PRAGMA foreign_keys = ON; PRAGMA synchronous = FULL;"
			                     " PRAGMA trusted_schema = OFF; PRAGMA cache_size = -65536;"
			                     " PRAGMA temp_store = MEMORY;", err);
		if(!prc && !(flags & STORE_READONLY))
			prc = store_exec(st, "PRAGMA journal_mode = WAL;", err);
		if(!prc && !(flags & STORE_READONLY))
			prc = schema_migrate(st, &st->schema_found, st->schema_steps, sizeof(st->schema_steps), err);
	}
	if(prc) {
		store_close(st);
		return prc;
	}
	*out = st;
	return PL_OK;
}

pl_rc store_cache_limit(store *st, int kib, pl_err *err)
{
	char sql[64];
	snprintf(sql, sizeof(sql), "PRAGMA cache_size = -%d", kib);
	return store_exec(st, sql, err);
}

void store_close(store *st)
{
	if(!st)
		return;
	for(int i = st->nstates - 1; i >= 0; i--)
		st->states[i].type->free(st->states[i].state);
	for(int i = 0; i < st->ncache; i++)
		sqlite3_finalize(st->cache[i].stmt);
	if(st->depth)
		sqlite3_exec(st->db, "ROLLBACK", NULL, NULL, NULL);
	sqlite3_close(st->db);
	gate_close(&st->gate);
	free(st->path);
	free(st->actor);
	free(st);
}

pl_rc store_set_actor(store *st, const char *actor)
{
	st->today = date_today();
	if(!strcmp(st->actor, actor))
		return PL_OK;
	char *a = strdup(actor);
	if(!a)
		return PL_ENOMEM;
	free(st->actor);
	st->actor = a;
	return PL_OK;
}

const char *store_actor(const store *st)
{
	return st->actor;
}

pdate store_today(const store *st)
{
	return st->today;
}

pl_rc store_state(store *st, const store_state_type *type, void **out, pl_err *err)
{
	for(int i = 0; i < st->nstates; i++)
		if(st->states[i].type == type) {
			*out = st->states[i].state;
			return PL_OK;
		}
	/* A fixed table: the modules are few and known when parley is built. */
	if(st->nstates == STATES)
		pl_panic("store: more than %d modules keep state on a connection", STATES);
	pl_rc rc = type->make(st, out, err);
	if(rc) {
		pl_err_prefix(err, "starting %s: ", type->name);
		return rc;
	}
	st->states[st->nstates].type = type;
	st->states[st->nstates].state = *out;
	st->nstates++;
	return PL_OK;
}

pl_rc store_begin(store *st, pl_err *err)
{
	if(st->depth++ > 0)
		return PL_OK;
	st->doomed = false;
	st->tx_serial++;
	int waited;
	pl_rc prc = gate_enter(&st->gate, st->write_wait_ms, &waited, err);
	if(prc) {
		st->depth = 0;
		return prc;
	}
	/* What is left of this writer's wait, should someone outside the
	 * queue hold the database. */
	int left = st->write_wait_ms - waited;
	sqlite3_busy_timeout(st->db, left > 1000 ? left : 1000);
	int rc = sqlite3_exec(st->db, "BEGIN IMMEDIATE", NULL, NULL, NULL);
	sqlite3_busy_timeout(st->db, st->write_wait_ms);
	if(rc) {
		st->depth = 0;
		gate_leave(&st->gate);
		return store_fail(st, err, rc, "starting a transaction");
	}
	return PL_OK;
}

pl_rc store_commit(store *st, pl_err *err)
{
	if(st->depth == 0)
		return pl_fail(err, PL_EDB, "commit without a transaction"); /* not for users: a bug */
	if(--st->depth > 0)
		return PL_OK;
	if(st->doomed) {
		sqlite3_exec(st->db, "ROLLBACK", NULL, NULL, NULL);
		gate_leave(&st->gate);
		return pl_failc(err, PL_EDB, "store.rolled_back", NULL);
	}
	int rc = sqlite3_exec(st->db, "COMMIT", NULL, NULL, NULL);
	pl_rc prc = PL_OK;
	if(rc) {
		prc = store_fail(st, err, rc, "committing");
		sqlite3_exec(st->db, "ROLLBACK", NULL, NULL, NULL);
	}
	gate_leave(&st->gate);
	return prc;
}

void store_rollback(store *st)
{
	if(st->depth == 0)
		return;
	if(--st->depth > 0) {
		st->doomed = true;
		return;
	}
	sqlite3_exec(st->db, "ROLLBACK", NULL, NULL, NULL);
	gate_leave(&st->gate);
}

void store_write_wait(store *st, int seconds)
{
	st->write_wait_ms = seconds > 0 && seconds < 86400 ? seconds * 1000 : WRITE_WAIT_MS;
	sqlite3_busy_timeout(st->db, st->write_wait_ms);
}

pl_rc store_end(store *st, pl_rc rc, pl_err *err)
{
	if(rc) {
		store_rollback(st);
		return rc;
	}
	return store_commit(st, err);
}

static bool journal_mode(store *st, const char *mode)
{
	char sql[64];
	snprintf(sql, sizeof(sql), "PRAGMA journal_mode = %s", mode);
	sqlite3_stmt *s;
	bool ok = false;
	if(sqlite3_prepare_v2(st->db, sql, -1, &s, NULL) == SQLITE_OK) {
		if(sqlite3_step(s) == SQLITE_ROW)
			ok = !sqlite3_stricmp((const char *)sqlite3_column_text(s, 0), mode);
		sqlite3_finalize(s);
	}
	return ok;
}

/* A bulk load's page cache, up to 512 MiB: the events' uid index alone is 170 MB at
 * five million events, and inserts in uid order are random; with the
 * usual 64 MiB the pages it evicts are written to the journal and read
 * back over and over (a million persons' events took four times as long
 * as a tenth of them, ten times fewer). */
enum { BULK_CACHE_KIB = 512 << 10 };

bool store_bulk_begin(store *st)
{
	if(st->depth || !journal_mode(st, "delete"))
		return false;
	sqlite3_stmt *s;
	st->cache_kib = 0;
	if(sqlite3_prepare_v2(st->db, "PRAGMA cache_size", -1, &s, NULL) == SQLITE_OK) {
		if(sqlite3_step(s) == SQLITE_ROW)
			st->cache_kib = sqlite3_column_int(s, 0);
		sqlite3_finalize(s);
	}
	char sql[64];
	snprintf(sql, sizeof(sql), "PRAGMA cache_size = -%d", BULK_CACHE_KIB);
	sqlite3_exec(st->db, sql, NULL, NULL, NULL); /* a smaller cache only costs time */
	/* Temporary files on disk, not in memory, for the indexes a bulk load
	 * builds at its end: with temporary storage in memory SQLite's sorter
	 * never sorts in pieces (whatever the cache size) and allocates each
	 * row on its own, so millions of rows were one list sorted mostly in
	 * cache misses. With files it sorts pieces the size of the page cache
	 * in one block each and merges them: the events' index by type and date
	 * of a million persons took 5.0 s of CPU instead of 10.2 (issue 14).
	 * Set here, outside any transaction: SQLite may refuse inside one. */
	sqlite3_exec(st->db, "PRAGMA temp_store = FILE", NULL, NULL, NULL); /* memory only costs time */
	st->bulk = true;
	return true;
}

bool store_bulk(const store *st)
{
	return st->bulk;
}

void store_bulk_end(store *st)
{
	/* If this fails the file stays in rollback mode until the next open,
	 * which sets WAL again: slower for readers, never unsafe. */
	st->bulk = false;
	if(st->depth)
		return;
	journal_mode(st, "wal");
	sqlite3_exec(st->db, "PRAGMA temp_store = MEMORY", NULL, NULL, NULL);
	char sql[64];
	snprintf(sql, sizeof(sql), "PRAGMA cache_size = %d", st->cache_kib ? st->cache_kib : -65536);
	sqlite3_exec(st->db, sql, NULL, NULL, NULL);
}

pl_rc store_read_begin(store *st, pl_err *err)
{
	int rc = sqlite3_exec(st->db, "BEGIN DEFERRED", NULL, NULL, NULL);
	return rc ? store_fail(st, err, rc, "starting a read") : PL_OK;
}

void store_read_end(store *st)
{
	sqlite3_exec(st->db, "COMMIT", NULL, NULL, NULL);
}

uint64_t store_tx_serial(const store *st)
{
	return st->tx_serial;
}

pl_rc store_indexes_defer(store *st, const char *const *tables, store_deferred *d, pl_err *err)
{
	sqlite3_stmt *s;
	int x = sqlite3_prepare_v2(st->db, "SELECT name, sql FROM sqlite_schema WHERE type = 'index'"
	                           " AND (tbl_name = ?1 OR name = ?1) AND sql IS NOT NULL"
	                           " AND sql NOT LIKE 'CREATE UNIQUE%'", -1, &s, NULL);
	if(x)
		return store_fail(st, err, x, "reading the schema");
	char *drop[32];
	int from = d->n;
	pl_rc rc = PL_OK;
	for(int t = 0; tables[t] && !rc; t++) {
		sqlite3_bind_text(s, 1, tables[t], -1, SQLITE_STATIC);
		while((x = sqlite3_step(s)) == SQLITE_ROW && d->n < 32) {
			drop[d->n] = sqlite3_mprintf("DROP INDEX \"%w\"", (const char *)sqlite3_column_text(s, 0));
			d->sql[d->n] = sqlite3_mprintf("%s", (const char *)sqlite3_column_text(s, 1));
			d->n++;
			if(!drop[d->n - 1] || !d->sql[d->n - 1])
				rc = pl_nomem(err);
		}
		sqlite3_reset(s);
	}
	sqlite3_finalize(s);
	/* Dropped once the schema is no longer being read: SQLite refuses to
	 * change the table a running statement reads. */
	for(int i = from; i < d->n; i++) {
		if(!rc)
			rc = store_exec(st, drop[i], err);
		sqlite3_free(drop[i]);
	}
	return rc;
}

pl_rc store_indexes_restore(store *st, store_deferred *d, pl_err *err)
{
	pl_rc rc = PL_OK;
	for(int i = 0; i < d->n; i++) {
		if(!rc)
			rc = store_exec(st, d->sql[i], err);
		sqlite3_free(d->sql[i]);
	}
	d->n = 0;
	return rc;
}

bool store_in_transaction(const store *st)
{
	return st->depth > 0;
}

pl_rc store_stmt(store *st, const char *sql, sqlite3_stmt **out, pl_err *err)
{
	for(int i = 0; i < st->ncache; i++) {
		if(st->cache[i].sql == sql) {
			sqlite3_reset(st->cache[i].stmt);
			sqlite3_clear_bindings(st->cache[i].stmt);
			*out = st->cache[i].stmt;
			return PL_OK;
		}
	}
	sqlite3_stmt *s;
	int rc = sqlite3_prepare_v3(st->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &s, NULL);
	if(rc)
		return store_fail(st, err, rc, "preparing a query");
	if(st->ncache == STMT_CACHE) { /* full: evict the oldest */
		sqlite3_finalize(st->cache[0].stmt);
		memmove(st->cache, st->cache + 1, sizeof(st->cache[0]) * (STMT_CACHE - 1));
		st->ncache--;
	}
	st->cache[st->ncache].sql = sql;
	st->cache[st->ncache].stmt = s;
	st->ncache++;
	*out = s;
	return PL_OK;
}

pl_rc store_meta_get(store *st, const char *key, char **out, pl_err *err)
{
	sqlite3_stmt *s;
	pl_rc rc = store_stmt(st, "SELECT value FROM meta WHERE key = ?", &s, err);
	if(rc)
		return rc;
	sqlite3_bind_text(s, 1, key, -1, SQLITE_STATIC);
	*out = NULL;
	int r = sqlite3_step(s);
	if(r == SQLITE_ROW) {
		*out = sqlite3_mprintf("%s", (const char *)sqlite3_column_text(s, 0));
		if(!*out)
			return pl_nomem(err);
	} else if(r != SQLITE_DONE) {
		return store_fail(st, err, r, "reading settings");
	}
	sqlite3_reset(s);
	return PL_OK;
}

pl_rc store_meta_set(store *st, const char *key, const char *value, pl_err *err)
{
	sqlite3_stmt *s;
	pl_rc rc = store_stmt(st, "INSERT INTO meta(key, value) VALUES (?, ?) "
	                          "ON CONFLICT(key) DO UPDATE SET value = excluded.value", &s, err);
	if(rc)
		return rc;
	sqlite3_bind_text(s, 1, key, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 2, value, -1, SQLITE_STATIC);
	int r = sqlite3_step(s);
	sqlite3_reset(s);
	return r == SQLITE_DONE ? PL_OK : store_fail(st, err, r, "saving settings");
}

/* ids[0..n) but the zeros as a JSON array in ?1; at[k]: the index in ids
 * of the k-th id bound. */
static pl_rc bind_ids(sqlite3_stmt *s, const int64_t *ids, size_t n, size_t *at, pl_err *err)
{
	enum { DIGITS = 21 }; /* a comma and an int64 */
	char *text = malloc(n * DIGITS + 3), *p = text;
	if(!text)
		return pl_nomem(err);
	*p++ = '[';
	for(size_t i = 0, k = 0; i < n; i++)
		if(ids[i]) {
			p += sprintf(p, k ? ",%lld" : "%lld", (long long)ids[i]);
			at[k++] = i;
		}
	*p++ = ']';
	int rc = sqlite3_bind_text(s, 1, text, (int)(p - text), free);
	/* Not for the catalogue: SQLite's own words (too big, out of memory). */
	return rc == SQLITE_OK ? PL_OK : pl_fail(err, PL_EDB, "binding a list of %zu ids: %s", n,
	                                         sqlite3_errstr(rc));
}

pl_rc store_rows_by_ids(store *st, sqlite3_stmt *s, const int64_t *ids, size_t n, int key_col,
                        store_row_fn row, void *ctx, const char *doing, pl_err *err)
{
	size_t *at = malloc(sizeof(*at) * (n < STORE_IDS_BATCH ? n + 1 : STORE_IDS_BATCH));
	pl_rc rc = at ? PL_OK : pl_nomem(err);
	for(size_t from = 0; from < n && !rc; from += STORE_IDS_BATCH) {
		size_t k = n - from < STORE_IDS_BATCH ? n - from : STORE_IDS_BATCH;
		if((rc = bind_ids(s, ids + from, k, at, err)))
			break;
		int x;
		while((x = sqlite3_step(s)) == SQLITE_ROW)
			row(s, from + at[sqlite3_column_int64(s, key_col)], ctx);
		sqlite3_reset(s);
		if(x != SQLITE_DONE)
			rc = store_fail(st, err, x, doing);
	}
	free(at);
	return rc;
}

int store_bind_text(sqlite3_stmt *s, int i, const char *v)
{
	if(!v || !*v)
		return sqlite3_bind_null(s, i);
	return sqlite3_bind_text(s, i, v, -1, SQLITE_STATIC);
}

const char *store_column_text(sqlite3_stmt *s, int i)
{
	return (const char *)sqlite3_column_text(s, i);
}

const char *store_column_dup(sqlite3_stmt *s, int i, arena *a)
{
	const char *t = store_column_text(s, i);
	return t ? arena_strdup(a, t) : NULL;
}

bool store_try_step(store *st, sqlite3_stmt *s)
{
	sqlite3_busy_timeout(st->db, 0);
	int x = sqlite3_step(s);
	sqlite3_reset(s);
	sqlite3_busy_timeout(st->db, st->write_wait_ms);
	return x == SQLITE_DONE;
}
