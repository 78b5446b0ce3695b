/* The SQLite store: one database file per office.
 *
 * Opening a store applies every module's schema migrations it lacks (see
 * "Schemas" below), each step in its own transaction, and refuses a file
 * that is not a parley database or whose schema is newer than this binary
 * knows. Connections run in WAL mode with foreign keys on and full
 * synchronous commits: a crash loses nothing that was committed, and
 * nothing half-done is ever visible. */
#ifndef PARLEY_STORE_STORE_H
#define PARLEY_STORE_STORE_H

#include <sqlite3.h>
#include <stdbool.h>
#include <stdint.h>

#include "core/arena.h"
#include "core/date.h"
#include "core/err.h"

/* The handle every module above the store takes: one connection to the
 * office's database, who its changes are recorded under, and the state
 * each module keeps for it (prepared SQL, caches, the audit chain's end). */
typedef struct store store;

enum store_flags {
	STORE_CREATE = 1,     /* create the file if missing (parley init) */
	STORE_READONLY = 2
};

/* ---- Schemas -------------------------------------------------------------
 *
 * Each module owns its tables and creates them with migrations in its own
 * folder (src/MODULE/schema.c): an ordered list of steps, step i taking the
 * module's tables from version i-1 to i, run in one transaction. A released
 * step is never edited: a change is a new step at the end. The store keeps
 * each module's version in its table schema_version, and applies the
 * missing steps module by module, in the order of store_schemas.
 *
 * Files made before modules had versions of their own (PRAGMA user_version
 * 1 to 6, the last in the release of commit 28a8e3c) had one version for
 * the whole database. A step's `legacy` is the global version that already
 * held it (0 for steps written since, which come after those that have
 * one): a file of version L holds exactly the steps of legacy 1..L, and is
 * upgraded in place by recording that and applying the rest. Such a file
 * is then stamped version 7, which the older binaries refuse cleanly. */
typedef struct store_step {
	int legacy;               /* 1..6, or 0: added after per-module versions */
	const char *const *sql;   /* statements, NULL-terminated */
	/* The step rebuilds a table others reference (SQLite's way to change a
	 * CHECK: make the new table, copy, drop the old, rename): run with
	 * foreign keys off, and refused unless PRAGMA foreign_key_check finds
	 * every reference whole before the commit. */
	bool rebuild;
} store_step;

typedef struct store_schema {
	const char *module;       /* "registry": its row in schema_version */
	const store_step *steps;
	int nsteps;
} store_schema;

#define STORE_STEPS(steps) (steps), (int)(sizeof(steps) / sizeof((steps)[0]))

/* Every module's schema, NULL-terminated, a module after those whose
 * tables its own name in their DDL (foreign keys). The store knows no
 * module above it, so this list is not the store's: it is defined once,
 * above every module, in src/schemas.c, the one file that names them all.
 * The store's own table (meta) goes first, before the list. */
extern const store_schema *const store_schemas[];

/* The version of the file format this binary writes (PRAGMA user_version):
 * 7, "each module's tables versioned on their own". */
int store_schema_latest(void);

/* Open the database at path, acting as `actor` ("cli:alice"; NULL:
 * "unknown"): every change made through the handle is recorded under that
 * name. */
pl_rc store_open(store **out, const char *path, const char *actor, unsigned flags, pl_err *err);
/* Frees the modules' state (newest first), then closes the connection. */
void store_close(store *st);
/* Who the next changes are recorded under. A server sets it per request;
 * it also takes today's date afresh (dates may not lie in the future, ages
 * are taken today), since a server runs for days. */
pl_rc store_set_actor(store *st, const char *actor) PL_NODISCARD;
const char *store_actor(const store *st);
/* Today, as taken at open or at the last store_set_actor. */
pdate store_today(const store *st);

/* The state a module keeps per connection, found by the address of the
 * module's own type: made on first use, freed by store_close. A module
 * reaches its own state only; the store never looks inside. */
typedef struct store_state_type {
	const char *name;                                   /* for messages */
	pl_rc (*make)(store *st, void **out, pl_err *err);
	void (*free)(void *state);
} store_state_type;

pl_rc store_state(store *st, const store_state_type *type, void **out, pl_err *err) PL_NODISCARD;
/* At most this many KiB of database pages cached by this connection
 * (default 64 MiB): a server with many connections keeps each smaller. */
pl_rc store_cache_limit(store *st, int kib, pl_err *err);
sqlite3 *store_db(store *st);
const char *store_path(const store *st);
/* The file format version (PRAGMA user_version) the file had before this
 * open migrated it: 0 for a new file. */
int store_schema_found(const store *st);
/* The modules whose tables this open migrated, "audit 2→3, registry
 * 8→9"; "" if none. */
const char *store_schema_steps(const store *st);

/* Transactions nest: only the outermost begin/commit reach SQLite, and a
 * rollback at any depth dooms the whole transaction. Writes take the write
 * lock at begin (BEGIN IMMEDIATE), so they never fail half-way with BUSY.
 * Before that, writers queue across threads and processes and take turns
 * in the order they came (src/store/gate.h): a write waits for the ones
 * before it, up to store_write_wait (10 minutes unless set), and then
 * fails with PL_EDB "store.writers_busy", which says how long it waited
 * and when to try again (args "waited", "retry", in seconds). */
pl_rc store_begin(store *st, pl_err *err);
pl_rc store_commit(store *st, pl_err *err);
void store_rollback(store *st);
/* End the transaction a change began: commit if rc is PL_OK, else roll
 * back; returns rc, or why the commit failed. `return store_end(st,
 * change(st, ...), err);` */
pl_rc store_end(store *st, pl_rc rc, pl_err *err);
bool store_in_transaction(const store *st);
/* Step a one-statement write (then reset it) only if the database takes
 * it at once, without waiting for other writers: for notes that may be
 * skipped (a session's or a token's last use), so that a read never waits
 * behind a long import for them. True if it was written. */
bool store_try_step(store *st, sqlite3_stmt *s);
/* How long a write waits for its turn, in seconds (0: the default). */
void store_write_wait(store *st, int seconds);
/* Bulk writes. A large import into a database that no other process has
 * open goes faster through SQLite's rollback journal: WAL writes every page
 * twice (to the log, then to the file at the checkpoint), the rollback
 * journal once, and is just as safe. Outside any transaction; returns
 * whether the switch happened (it does not while others have the file
 * open). Meanwhile SQLite's temporary files are files, not memory, so that
 * the indexes built at the end sort in pieces (store.c says why).
 * store_bulk_end goes back to WAL and temporary storage in memory. */
bool store_bulk_begin(store *st);
void store_bulk_end(store *st);
/* Inside a bulk load (between the two): for what a module may build once
 * at its end rather than row by row. */
bool store_bulk(const store *st);

/* Inside a bulk write: drop the plain (not UNIQUE) indexes of `tables`
 * (NULL-terminated), keeping their SQL in d (which may already hold
 * others': start it at {.n = 0}), and build them all again, each in one
 * sorted pass, with store_indexes_restore before committing. A million
 * rows go in faster that way than through a million index inserts. The
 * indexes come from the schema itself, whatever version it is. A module
 * defers its own tables' indexes only. */
typedef struct store_deferred {
	char *sql[32];
	int n;
} store_deferred;

/* tables: names of tables (all their indexes but the unique ones) or of
 * single indexes, NULL-terminated. */
pl_rc store_indexes_defer(store *st, const char *const *tables, store_deferred *d, pl_err *err);
pl_rc store_indexes_restore(store *st, store_deferred *d, pl_err *err);
/* Counts every outermost transaction begun: what is cached for one
 * transaction is valid while this stays the same. */
uint64_t store_tx_serial(const store *st);

/* A read transaction: a consistent snapshot for exports and reports. */
pl_rc store_read_begin(store *st, pl_err *err);
void store_read_end(store *st);

/* A prepared statement, cached by the address of `sql` (a string literal):
 * reset and with bindings cleared, ready to bind. Owned by the store. */
pl_rc store_stmt(store *st, const char *sql, sqlite3_stmt **out, pl_err *err);
/* Run SQL without results (DDL, pragmas). */
pl_rc store_exec(store *st, const char *sql, pl_err *err);

/* Turn an SQLite result code into a message: "while <doing>: <why>". */
pl_rc store_fail(store *st, pl_err *err, int sqlite_rc, const char *doing);

/* Key/value settings kept in the database (meta table). *out is NULL when
 * the key is absent; free it with sqlite3_free(). */
pl_rc store_meta_get(store *st, const char *key, char **out, pl_err *err);
pl_rc store_meta_set(store *st, const char *key, const char *value, pl_err *err);

/* Rows by a list of ids, one statement for the whole list where a query
 * per id would pay SQLite's call overhead a thousand times: s takes
 * ids[0..n) as a JSON array in ?1, in batches of STORE_IDS_BATCH, and
 * selects `json_each(?1) j` with j.key in column key_col; row(s, i, ctx)
 * is called for each row, i the index into ids it answers. Ids of 0 (no
 * row) are not looked up. */
enum { STORE_IDS_BATCH = 10000 };
typedef void (*store_row_fn)(sqlite3_stmt *s, size_t i, void *ctx);
pl_rc store_rows_by_ids(store *st, sqlite3_stmt *s, const int64_t *ids, size_t n, int key_col,
                        store_row_fn row, void *ctx, const char *doing, pl_err *err);

/* Bind text, or NULL for a NULL or empty value: unknown is NULL, never "".
 * Not copied: v must live until the statement has been stepped. */
int store_bind_text(sqlite3_stmt *s, int i, const char *v);
/* Column text, or NULL. */
const char *store_column_text(sqlite3_stmt *s, int i);
/* The same copied into a (NULL for NULL, or when a is out of memory: see
 * arena_oom). */
const char *store_column_dup(sqlite3_stmt *s, int i, arena *a);

/* A consistent copy of the whole database into a new SQLite file at path
 * (which must not exist), taken online with SQLite's backup API in steps
 * of `pages` pages (<= 0: all at once) from one snapshot: other
 * connections write on meanwhile, and what they commit after the start is
 * not in the copy. between (may be NULL) is called after each step. Call
 * outside a transaction. */
pl_rc store_backup(store *st, const char *path, int pages, void (*between)(void *ctx), void *ctx,
                   pl_err *err) PL_NODISCARD;
/* Whether another process has the database at path open (a server, an
 * import): SQLite keeps a read lock on the "dead man's switch" byte of
 * the -shm file as long as a connection to a WAL database is open. A file
 * replaced under such a process would take its later writes with the old
 * file, unseen. */
bool store_file_in_use(const char *path);

#endif
