#include "audit/audit.h"

#include <jansson.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "core/date.h"
#include "core/utf8.h"

static const unsigned char genesis[AUDIT_HASH_SIZE]; /* all zero */

static void put_u32(crypto_generichash_state *h, uint32_t v)
{
	unsigned char b[4] = {(unsigned char)(v >> 24), (unsigned char)(v >> 16),
	                      (unsigned char)(v >> 8), (unsigned char)v};
	crypto_generichash_update(h, b, 4);
}

/* Text fields go in as presence, length, bytes: no two different entries
 * can produce the same input. */
static void put_text(crypto_generichash_state *h, const char *s)
{
	unsigned char present = s != NULL;
	crypto_generichash_update(h, &present, 1);
	if(s) {
		size_t n = strlen(s);
		put_u32(h, (uint32_t)n);
		crypto_generichash_update(h, (const unsigned char *)s, n);
	}
}

static void entry_hash(const audit_entry *e, const unsigned char *prev, unsigned char *out)
{
	static const char domain[] = "parley-audit-1";
	crypto_generichash_state h;
	crypto_generichash_init(&h, NULL, 0, AUDIT_HASH_SIZE);
	crypto_generichash_update(&h, (const unsigned char *)domain, sizeof(domain));
	put_u32(&h, (uint32_t)((uint64_t)e->seq >> 32));
	put_u32(&h, (uint32_t)e->seq);
	crypto_generichash_update(&h, prev, AUDIT_HASH_SIZE);
	put_text(&h, e->ts);
	put_text(&h, e->actor);
	put_text(&h, e->action);
	put_text(&h, e->entity);
	put_text(&h, e->entity_uid);
	put_text(&h, e->before);
	put_text(&h, e->after);
	crypto_generichash_final(&h, out, AUDIT_HASH_SIZE);
}

void audit_hex(const unsigned char *hash, char *out)
{
	sodium_bin2hex(out, 2 * AUDIT_HASH_SIZE + 1, hash, AUDIT_HASH_SIZE);
}

/* The newest entry, remembered between appends in one transaction (no
 * other process can append while it holds the write lock); a new
 * transaction reads it again. */
typedef struct audit_tip {
	uint64_t tx;          /* store_tx_serial() when it was read; 0: unknown */
	int64_t seq;
	unsigned char hash[AUDIT_HASH_SIZE];
} audit_tip;

static pl_rc read_tip(store *st, audit_tip *tip, pl_err *err)
{
	sqlite3_stmt *s;
	pl_rc rc = store_stmt(st, "SELECT seq, hash FROM audit ORDER BY seq DESC LIMIT 1", &s, err);
	if(rc)
		return rc;
	int r = sqlite3_step(s);
	if(r == SQLITE_ROW && sqlite3_column_bytes(s, 1) == AUDIT_HASH_SIZE) {
		tip->seq = sqlite3_column_int64(s, 0);
		memcpy(tip->hash, sqlite3_column_blob(s, 1), AUDIT_HASH_SIZE);
	} else if(r == SQLITE_DONE) {
		tip->seq = 0;
		memcpy(tip->hash, genesis, AUDIT_HASH_SIZE);
	} else {
		sqlite3_reset(s);
		return r == SQLITE_ROW ? pl_failc(err, PL_EINTEGRITY, "audit.tip_damaged", NULL)
		                       : store_fail(st, err, r, "reading the audit chain");
	}
	sqlite3_reset(s);
	tip->tx = store_tx_serial(st);
	return PL_OK;
}

static pl_rc tip_make(store *st, void **out, pl_err *err)
{
	return (*out = calloc(1, sizeof(audit_tip))) ? PL_OK : pl_nomem(err);
}

static const store_state_type tip_type = {"the audit chain", tip_make, free};

pl_rc audit_append(store *st, const char *actor, const char *action, const char *entity,
                   const char *entity_uid, const char *before, const char *after, pl_err *err)
{
	if(!store_in_transaction(st))
		return pl_fail(err, PL_EDB, "audit entry outside a transaction"); /* not for users: a bug */
	audit_tip *tip;
	pl_rc rc = store_state(st, &tip_type, (void **)&tip, err);
	if(rc)
		return rc;
	if(tip->tx != store_tx_serial(st) && (rc = read_tip(st, tip, err)))
		return rc;
	if(!actor)
		actor = store_actor(st);

	char ts[TIMESTAMP_STR_MAX];
	date_now_iso(ts);
	audit_entry e = {tip->seq + 1, ts, actor, action, entity, entity_uid, before, after, tip->hash, NULL};
	unsigned char hash[AUDIT_HASH_SIZE];
	entry_hash(&e, tip->hash, hash);

	sqlite3_stmt *s;
	if((rc = store_stmt(st, "INSERT INTO audit(seq, ts, actor, action, entity, entity_uid,"
	                        " before, after, prev_hash, hash) VALUES (?,?,?,?,?,?,?,?,?,?)",
	                    &s, err)))
		return rc;
	sqlite3_bind_int64(s, 1, e.seq);
	sqlite3_bind_text(s, 2, ts, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 3, actor, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 4, action, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 5, entity, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 6, entity_uid, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 7, before, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 8, after, -1, SQLITE_STATIC);
	sqlite3_bind_blob(s, 9, tip->hash, AUDIT_HASH_SIZE, SQLITE_STATIC);
	sqlite3_bind_blob(s, 10, hash, AUDIT_HASH_SIZE, SQLITE_STATIC);
	int r = sqlite3_step(s);
	sqlite3_reset(s);
	if(r != SQLITE_DONE) {
		tip->tx = 0; /* unknown again */
		return store_fail(st, err, r, "writing the audit log");
	}
	tip->seq = e.seq;
	memcpy(tip->hash, hash, AUDIT_HASH_SIZE);
	return PL_OK;
}

static void entry_from_row(sqlite3_stmt *s, audit_entry *e)
{
	e->seq = sqlite3_column_int64(s, 0);
	e->ts = store_column_text(s, 1);
	e->actor = store_column_text(s, 2);
	e->action = store_column_text(s, 3);
	e->entity = store_column_text(s, 4);
	e->entity_uid = store_column_text(s, 5);
	e->before = store_column_text(s, 6);
	e->after = store_column_text(s, 7);
	e->prev_hash = sqlite3_column_bytes(s, 8) == AUDIT_HASH_SIZE ? sqlite3_column_blob(s, 8) : NULL;
	e->hash = sqlite3_column_bytes(s, 9) == AUDIT_HASH_SIZE ? sqlite3_column_blob(s, 9) : NULL;
}

static const char select_entries[] =
	"SELECT seq, ts, actor, action, entity, entity_uid, before, after, prev_hash, hash FROM audit";

pl_rc audit_indexes_defer(store *st, store_deferred *d, pl_err *err)
{
	static const char *const tables[] = {"audit", NULL};
	return store_indexes_defer(st, tables, d, err);
}

pl_rc audit_verify(store *st, audit_verify_report *rep, pl_err *err)
{
	memset(rep, 0, sizeof(*rep));
	sqlite3_stmt *s;
	static const char sql[] =
		"SELECT seq, ts, actor, action, entity, entity_uid, before, after, prev_hash, hash"
		" FROM audit ORDER BY seq";
	int r = sqlite3_prepare_v2(store_db(st), sql, -1, &s, NULL);
	if(r)
		return store_fail(st, err, r, "reading the audit chain");
	unsigned char prev[AUDIT_HASH_SIZE];
	memcpy(prev, genesis, AUDIT_HASH_SIZE);
	int64_t expect = 1;
	pl_rc rc = PL_OK;
	while((r = sqlite3_step(s)) == SQLITE_ROW) {
		audit_entry e;
		entry_from_row(s, &e);
		unsigned char h[AUDIT_HASH_SIZE];
		if(e.seq > expect)
			rc = pl_failc(err, PL_EINTEGRITY, "audit.missing", "seq", PL_N(e.seq), "from", PL_N(expect),
			              "to", PL_N(e.seq - 1), NULL);
		else if(e.seq < expect)
			rc = pl_failc(err, PL_EINTEGRITY, "audit.out_of_order", "seq", PL_N(e.seq), "expected",
			              PL_N(expect), NULL);
		else if(!e.prev_hash || !e.hash)
			rc = pl_failc(err, PL_EINTEGRITY, "audit.hash_damaged", "seq", PL_N(e.seq), NULL);
		else if(sodium_memcmp(e.prev_hash, prev, AUDIT_HASH_SIZE))
			rc = pl_failc(err, PL_EINTEGRITY, "audit.unlinked", "seq", PL_N(e.seq), NULL);
		else if(entry_hash(&e, prev, h), sodium_memcmp(h, e.hash, AUDIT_HASH_SIZE))
			rc = pl_failc(err, PL_EINTEGRITY, "audit.changed", "seq", PL_N(e.seq), "action", e.action,
			              "entity", e.entity, "uid", e.entity_uid, "ts", e.ts, NULL);
		if(rc) {
			rep->first_bad = e.seq;
			break;
		}
		memcpy(prev, e.hash, AUDIT_HASH_SIZE);
		rep->entries++;
		expect++;
	}
	sqlite3_finalize(s);
	if(!rc && r != SQLITE_DONE)
		rc = store_fail(st, err, r, "reading the audit chain");
	memcpy(rep->head, prev, AUDIT_HASH_SIZE);
	return rc;
}

/* Shared by both logs: the filter's conditions, appended to a WHERE. */
static pl_rc filter_sql(buf *sql, const char *key_col, const char *uid_col, const audit_filter *f)
{
	pl_rc rc = PL_OK;
	if(!rc && f->entity_uid)
		rc = buf_printf(sql, " AND %s = ?1", uid_col);
	if(!rc && f->actor)
		rc = buf_adds(sql, " AND actor = ?2");
	if(!rc && f->entity_uids)
		rc = buf_printf(sql, " AND %s IN (SELECT value FROM json_each(?5))", uid_col);
	if(!rc && f->action)
		rc = buf_adds(sql, " AND action = ?6");
	if(!rc && f->since)
		rc = buf_adds(sql, " AND ts >= ?3");
	/* A prefix compares as a prefix: until 2026-12-06 takes that whole day. */
	if(!rc && f->until)
		rc = buf_adds(sql, " AND substr(ts, 1, length(?7)) <= ?7");
	if(!rc && f->before > 0)
		rc = buf_printf(sql, " AND %s < ?8", key_col);
	return rc;
}

/* select, then " WHERE 1", the filter's conditions and tail: prepared, the
 * filter bound. */
static pl_rc filter_query(store *st, const char *select, const char *key_col, const char *uid_col,
                          const audit_filter *f, const char *tail, sqlite3_stmt **out, pl_err *err)
{
	buf sql;
	buf_init(&sql, 4096);
	pl_rc rc = buf_printf(&sql, "%s WHERE 1", select);
	if(!rc)
		rc = filter_sql(&sql, key_col, uid_col, f);
	if(!rc)
		rc = buf_adds(&sql, tail);
	if(rc) {
		buf_free(&sql);
		return pl_nomem(err);
	}
	int r = sqlite3_prepare_v2(store_db(st), buf_str(&sql), -1, out, NULL);
	buf_free(&sql);
	if(r)
		return store_fail(st, err, r, "reading the log");
	sqlite3_bind_text(*out, 1, f->entity_uid, -1, SQLITE_STATIC);
	sqlite3_bind_text(*out, 2, f->actor, -1, SQLITE_STATIC);
	sqlite3_bind_text(*out, 3, f->since, -1, SQLITE_STATIC);
	sqlite3_bind_int64(*out, 4, f->limit > 0 ? f->limit : -1);
	sqlite3_bind_text(*out, 5, f->entity_uids, -1, SQLITE_STATIC);
	sqlite3_bind_text(*out, 6, f->action, -1, SQLITE_STATIC);
	sqlite3_bind_text(*out, 7, f->until, -1, SQLITE_STATIC);
	sqlite3_bind_int64(*out, 8, f->before);
	return PL_OK;
}

/* Newest first. */
static pl_rc list_query(store *st, const char *select, const char *key_col, const char *uid_col,
                        const audit_filter *f, sqlite3_stmt **out, pl_err *err)
{
	return filter_query(st, select, key_col, uid_col, f, " ORDER BY 1 DESC LIMIT ?4", out, err);
}

pl_rc audit_list(store *st, const audit_filter *f, audit_each_fn fn, void *ctx, pl_err *err)
{
	sqlite3_stmt *s;
	pl_rc rc = list_query(st, select_entries, "seq", "entity_uid", f, &s, err);
	if(rc)
		return rc;
	int r;
	while(!rc && (r = sqlite3_step(s)) == SQLITE_ROW) {
		audit_entry e;
		entry_from_row(s, &e);
		rc = fn(ctx, &e);
	}
	if(!rc && r != SQLITE_DONE)
		rc = store_fail(st, err, r, "reading the audit log");
	sqlite3_finalize(s);
	return rc;
}

/* The access log's index by person (audit step 3): entries up to the
 * mark (access_indexed) are in access_by_person under (id >> BUCKET_BITS,
 * person, id); the newer ones, the tail, only in access_log. 14 as in step
 * 3, for good: the buckets of the rows already there are fixed. */
#define BUCKET_BITS 14
#define STR_(x) #x
#define STR(x) STR_(x)

/* Every this many entries an append indexes the tail itself, so that the
 * tail stays short (and its reads quick) also where no server's writer
 * indexes it (audit_access_index): the CLI's reads and backups. */
enum { ACCESS_TAIL_MAX = 1 << 16 };

/* A statement of at most one row, bound ?1 = a, ?2 = b: *out its first
 * column (untouched without a row; out may be NULL), *found whether a row
 * came. */
static pl_rc one_int(store *st, const char *sql, int64_t a, int64_t b, int64_t *out, bool *found,
                     pl_err *err)
{
	sqlite3_stmt *s;
	pl_rc rc = store_stmt(st, sql, &s, err);
	if(rc)
		return rc;
	sqlite3_bind_int64(s, 1, a);
	sqlite3_bind_int64(s, 2, b);
	int r = sqlite3_step(s);
	if(r == SQLITE_ROW && out)
		*out = sqlite3_column_int64(s, 0);
	if(found)
		*found = r == SQLITE_ROW;
	sqlite3_reset(s);
	return r == SQLITE_ROW || r == SQLITE_DONE ? PL_OK
	                                           : store_fail(st, err, r, "indexing the access log");
}

/* The last id indexed. */
static pl_rc access_mark(store *st, int64_t *upto, pl_err *err)
{
	bool found;
	pl_rc rc = one_int(st, "SELECT upto FROM access_indexed", 0, 0, upto, &found, err);
	if(!rc && !found)
		rc = pl_failc(err, PL_EINTEGRITY, "audit.access_mark_missing", NULL);
	return rc;
}

/* The tail in one sorted insert: SQLite sorts it, then each page of the
 * one or two buckets it falls in is written once, not once per entry. */
static pl_rc index_tail(store *st, int64_t min_tail, int64_t *indexed, pl_err *err)
{
	int64_t upto = 0, last = 0;
	pl_rc rc = access_mark(st, &upto, err);
	if(!rc)
		rc = one_int(st, "SELECT coalesce(max(id), 0) FROM access_log", 0, 0, &last, NULL, err);
	if(rc || last - upto < min_tail)
		return rc;
	rc = one_int(st, "INSERT INTO access_by_person(bucket, person, id)"
	                 " SELECT id >> " STR(BUCKET_BITS) ", person_uid, id FROM access_log"
	                 " WHERE id > ?1 AND id <= ?2 ORDER BY 1, 2, 3", upto, last, NULL, NULL, err);
	if(!rc)
		rc = one_int(st, "UPDATE access_indexed SET upto = ?2", 0, last, NULL, NULL, err);
	if(!rc && indexed)
		*indexed = last - upto;
	return rc;
}

pl_rc audit_access_index(store *st, int64_t min_tail, int64_t *indexed, pl_err *err)
{
	if(indexed)
		*indexed = 0;
	pl_rc rc = store_begin(st, err);
	if(rc)
		return rc;
	return store_end(st, index_tail(st, min_tail < 1 ? 1 : min_tail, indexed, err), err);
}

pl_rc audit_access(store *st, const char *actor, const char *person_uid, const char *action,
                   const char *detail, pl_err *err)
{
	sqlite3_stmt *s;
	pl_rc rc = store_stmt(st, "INSERT INTO access_log(ts, actor, person_uid, action, detail)"
	                          " VALUES (?,?,?,?,?)", &s, err);
	if(rc)
		return rc;
	char ts[TIMESTAMP_STR_MAX];
	date_now_iso(ts);
	sqlite3_bind_text(s, 1, ts, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 2, actor ? actor : store_actor(st), -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 3, person_uid, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 4, action, -1, SQLITE_STATIC);
	/* Details quote what a client sent; the log must stay readable as
	 * JSON, so it keeps them up to the first byte that is not UTF-8. */
	size_t n = detail ? strlen(detail) : 0, bad;
	if(detail && !utf8_valid(detail, n, &bad))
		n = bad;
	sqlite3_bind_text(s, 5, detail, (int)n, SQLITE_STATIC);
	int r = sqlite3_step(s);
	sqlite3_reset(s);
	if(r != SQLITE_DONE)
		return store_fail(st, err, r, "writing the access log");
	/* ids are consecutive (nothing is deleted): every ACCESS_TAIL_MAX-th. */
	if(sqlite3_last_insert_rowid(store_db(st)) % ACCESS_TAIL_MAX == 0)
		return audit_access_index(st, 1, NULL, err);
	return PL_OK;
}

static pl_rc each_access(store *st, sqlite3_stmt *s, access_each_fn fn, void *ctx, int64_t *rows,
                         pl_err *err)
{
	pl_rc rc = PL_OK;
	int r;
	while(!rc && (r = sqlite3_step(s)) == SQLITE_ROW) {
		access_entry e = {sqlite3_column_int64(s, 0), store_column_text(s, 1),
		                  store_column_text(s, 2), store_column_text(s, 3),
		                  store_column_text(s, 4), store_column_text(s, 5)};
		rc = fn(ctx, &e);
		(*rows)++;
	}
	if(!rc && r != SQLITE_DONE)
		rc = store_fail(st, err, r, "reading the access log");
	sqlite3_reset(s);
	return rc;
}

#define ACCESS_COLS "SELECT a.id, a.ts, a.actor, a.person_uid, a.action, a.detail"

/* A person's entries (or a name's persons'), newest first: the tail's
 * (?9: the mark), then each bucket's from the newest (?10), each query
 * limited to what is still wanted (?4). */
static pl_rc access_by_person(store *st, const audit_filter *f, access_each_fn fn, void *ctx,
                              pl_err *err)
{
	int64_t upto = 0;
	pl_rc rc = access_mark(st, &upto, err);
	if(rc)
		return rc;
	sqlite3_stmt *tail = NULL, *bucket = NULL;
	rc = filter_query(st, ACCESS_COLS " FROM access_log a", "a.id", "a.person_uid", f,
	                  " AND a.id > ?9 ORDER BY 1 DESC LIMIT ?4", &tail, err);
	/* CROSS JOIN: the index first, the entry by its id after. */
	if(!rc)
		rc = filter_query(st, ACCESS_COLS " FROM access_by_person x CROSS JOIN access_log a"
		                  " ON a.id = x.id", "a.id", "a.person_uid", f,
		                  f->entity_uid ? " AND x.bucket = ?10 AND x.person = ?1 AND x.id <= ?9"
		                                  " ORDER BY x.id DESC LIMIT ?4"
		                                : " AND x.bucket = ?10 AND x.person IN"
		                                  " (SELECT value FROM json_each(?5)) AND x.id <= ?9"
		                                  " ORDER BY x.id DESC LIMIT ?4",
		                  &bucket, err);
	int64_t want = f->limit > 0 ? f->limit : -1, got = 0;
	if(!rc) {
		sqlite3_bind_int64(tail, 9, upto);
		rc = each_access(st, tail, fn, ctx, &got, err);
	}
	int64_t top = f->before > 0 && f->before - 1 < upto ? f->before - 1 : upto;
	for(int64_t b = top >> BUCKET_BITS; !rc && b >= 0 && (want < 0 || got < want); b--) {
		sqlite3_bind_int64(bucket, 4, want < 0 ? -1 : want - got);
		sqlite3_bind_int64(bucket, 9, upto);
		sqlite3_bind_int64(bucket, 10, b);
		rc = each_access(st, bucket, fn, ctx, &got, err);
	}
	sqlite3_finalize(tail);
	sqlite3_finalize(bucket);
	return rc;
}

pl_rc audit_access_list(store *st, const audit_filter *f, access_each_fn fn, void *ctx,
                        pl_err *err)
{
	if(f->entity_uid || f->entity_uids)
		return access_by_person(st, f, fn, ctx, err);
	sqlite3_stmt *s;
	pl_rc rc = list_query(st, "SELECT id, ts, actor, person_uid, action, detail FROM access_log", "id",
	                      "person_uid", f, &s, err);
	if(rc)
		return rc;
	int64_t rows = 0;
	rc = each_access(st, s, fn, ctx, &rows, err);
	sqlite3_finalize(s);
	return rc;
}

/* A JSON text kept as JSON; anything else as null. */
static json_t *json_or_null(const char *text)
{
	json_t *v = text ? json_loads(text, 0, NULL) : NULL;
	return v ? v : json_null();
}

json_t *audit_entry_json(const audit_entry *e)
{
	char h[2 * AUDIT_HASH_SIZE + 1] = "";
	if(e->hash)
		audit_hex(e->hash, h);
	return json_pack("{s:I, s:s, s:s, s:s, s:s, s:s?, s:o, s:o, s:s}", "seq", (json_int_t)e->seq,
	                 "ts", e->ts, "actor", e->actor, "action", e->action, "entity", e->entity,
	                 "entity_id", e->entity_uid, "before", json_or_null(e->before), "after",
	                 json_or_null(e->after), "hash", h);
}

json_t *access_entry_json(const access_entry *e)
{
	return json_pack("{s:I, s:s, s:s, s:s, s:s, s:s?}", "id", (json_int_t)e->id, "ts", e->ts,
	                 "actor", e->actor, "person", e->person_uid, "action", e->action, "detail",
	                 e->detail);
}
