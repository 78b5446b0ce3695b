/* The audit chain and the access log.
 *
 * Every change appends an entry (who, when, what, before and after) whose
 * hash covers the previous entry's hash: BLAKE2b-256 over a fixed binary
 * layout of all its fields. Changing, removing or reordering any entry
 * breaks every hash after it, and audit_verify names the first broken one.
 * The chain cannot prove that its newest entries were not cut off: anchor
 * the head hash that verify prints (in a signed statement, a letter to the
 * mediator) and compare it later.
 *
 * The access log records every read of a person's record; it is not
 * chained (reads are not changes) but is append-only in the same way. */
#ifndef PARLEY_AUDIT_AUDIT_H
#define PARLEY_AUDIT_AUDIT_H

#include <stdint.h>

#include "core/err.h"
#include "store/store.h"

enum { AUDIT_HASH_SIZE = 32 };

typedef struct audit_entry {
	int64_t seq;
	const char *ts, *actor, *action, *entity, *entity_uid;
	const char *before, *after;   /* JSON objects, or NULL */
	const unsigned char *prev_hash, *hash;
} audit_entry;

/* Append an entry; call inside the transaction that makes the change, so
 * the change and its record commit together. actor NULL: the handle's
 * (store_actor). The chain's end is remembered on the handle within a
 * transaction, so every module appends to the same chain. */
pl_rc audit_append(store *st, const char *actor, const char *action, const char *entity,
                              const char *entity_uid, const char *before, const char *after, pl_err *err);

typedef struct audit_verify_report {
	int64_t entries;
	unsigned char head[AUDIT_HASH_SIZE];  /* the newest entry's hash */
	int64_t first_bad;                    /* 0 when the chain is whole */
} audit_verify_report;

/* For a bulk write (store_indexes_defer): the chain's plain indexes
 * dropped into d, built again by store_indexes_restore. */
pl_rc audit_indexes_defer(store *st, store_deferred *d, pl_err *err) PL_NODISCARD;

/* Walk the whole chain. PL_EINTEGRITY, with the first broken entry and
 * why in err, when it does not hold. */
pl_rc audit_verify(store *st, audit_verify_report *rep, pl_err *err);

typedef struct audit_filter {
	const char *entity_uid;   /* NULL: all */
	const char *entity_uids;  /* a JSON array of uids, any of them (the persons of a
	                           * name); NULL: all */
	const char *actor;
	const char *action;       /* NULL: all */
	const char *since;        /* ISO timestamp or date prefix: on or after */
	const char *until;        /* ISO timestamp or date prefix: up to and including
	                           * (a date: that whole day) */
	int64_t before;           /* keyset paging: only entries older than this seq (or
	                           * access id); 0: from the newest */
	int64_t limit;            /* 0: no limit; newest first */
} audit_filter;

typedef pl_rc (*audit_each_fn)(void *ctx, const audit_entry *e);
pl_rc audit_list(store *st, const audit_filter *f, audit_each_fn fn, void *ctx, pl_err *err);

/* The access log. */
/* detail: what was searched for, or NULL. actor NULL: the handle's. */
pl_rc audit_access(store *st, const char *actor, const char *person_uid, const char *action,
                   const char *detail, pl_err *err);

/* Index the access log's newest entries by person, if there are at least
 * min_tail of them (1: any), in one transaction; *indexed (if not NULL):
 * how many. Appends are not indexed one by one (a random page each): the
 * server's writer calls this every few thousand entries and when idle,
 * and an append does itself every 65,536 entries. Reads by person see the
 * entries either way. */
pl_rc audit_access_index(store *st, int64_t min_tail, int64_t *indexed, pl_err *err);

typedef struct access_entry {
	int64_t id;
	const char *ts, *actor, *person_uid, *action, *detail;
} access_entry;

typedef pl_rc (*access_each_fn)(void *ctx, const access_entry *e);
pl_rc audit_access_list(store *st, const audit_filter *f, access_each_fn fn, void *ctx,
                        pl_err *err);

/* An entry as JSON, as the CLI's --json and the API show it. */
struct json_t;
struct json_t *audit_entry_json(const audit_entry *e);
struct json_t *access_entry_json(const access_entry *e);

/* Lower-case hex of a hash into out[2 * AUDIT_HASH_SIZE + 1]. */
void audit_hex(const unsigned char *hash, char *out);

#endif
