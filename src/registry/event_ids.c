/* The event ids of a bulk load, kept in memory while the index event_uid
 * is dropped (issue 14): a random insert into that index was half of an
 * event's insert. The import asks here instead whether an id is taken,
 * and the index is built again at the end in one sorted pass; a clash the
 * memory missed fails that build, and the whole import with it.
 *
 * A slot holds the 64-bit hash of an id and the event's rowid, 16 bytes
 * instead of the id's text; a hash that matches is confirmed by reading
 * the event by rowid, so that two ids of the same hash are never taken
 * for one. */
#include <stdlib.h>
#include <string.h>

#include "core/hmap.h"
#include "registry/import.h"

typedef struct event_id_slot {
	uint64_t hash;
	int64_t id; /* 0: empty (rowids start at 1) */
} event_id_slot;

/* Room for at least `want` ids (made at most 70% full). */
static pl_rc grow(event_ids *m, size_t want)
{
	size_t cap = m->cap ? m->cap * 2 : 1024;
	while(cap / 10 * 7 < want)
		cap *= 2;
	event_id_slot *tab = calloc(cap, sizeof(*tab));
	if(!tab)
		return PL_ENOMEM;
	for(size_t i = 0; i < m->cap; i++) {
		if(!m->tab[i].id)
			continue;
		size_t j = m->tab[i].hash & (cap - 1);
		while(tab[j].id)
			j = (j + 1) & (cap - 1);
		tab[j] = m->tab[i];
	}
	free(m->tab);
	m->tab = tab;
	m->cap = cap;
	return PL_OK;
}

static pl_rc put(event_ids *m, uint64_t hash, int64_t id)
{
	if((m->n + 1) * 10 > m->cap * 7 && grow(m, m->n + 1))
		return PL_ENOMEM;
	size_t j = hash & (m->cap - 1);
	while(m->tab[j].id)
		j = (j + 1) & (m->cap - 1);
	m->tab[j] = (event_id_slot){hash, id};
	m->n++;
	return PL_OK;
}

pl_rc event_ids_add(event_ids *m, const char *uid, int64_t id)
{
	return put(m, hmap_hash(uid, strlen(uid)), id);
}

pl_rc event_ids_find(registry *r, const event_ids *m, const char *uid, int64_t *out, pl_err *err)
{
	*out = 0;
	if(!m->cap)
		return PL_OK;
	uint64_t h = hmap_hash(uid, strlen(uid));
	sqlite3_stmt *s = NULL;
	for(size_t j = h & (m->cap - 1); m->tab[j].id; j = (j + 1) & (m->cap - 1)) {
		if(m->tab[j].hash != h)
			continue;
		pl_rc rc = s ? PL_OK : store_stmt(r->st, "SELECT uid = ? FROM event WHERE id = ?", &s, err);
		if(rc)
			return rc;
		sqlite3_bind_text(s, 1, uid, -1, SQLITE_STATIC);
		sqlite3_bind_int64(s, 2, m->tab[j].id);
		int x = sqlite3_step(s);
		bool same = x == SQLITE_ROW && sqlite3_column_int(s, 0);
		sqlite3_reset(s);
		if(x != SQLITE_ROW && x != SQLITE_DONE)
			return store_fail(r->st, err, x, "reading an event");
		if(same) {
			*out = m->tab[j].id;
			return PL_OK;
		}
	}
	return PL_OK;
}

/* The rows of `sql` (an id's text, its rowid) into m, made large enough
 * for `expect` at once: growing copies the table, and for a while holds it
 * twice (192 MiB instead of 128 at 4.9 million events). */
static pl_rc load(registry *r, event_ids *m, size_t expect, const char *sql, const char *what,
                  pl_err *err)
{
	if(grow(m, expect))
		return pl_nomem(err);
	sqlite3_stmt *s;
	int x = sqlite3_prepare_v2(store_db(r->st), sql, -1, &s, NULL);
	if(x)
		return store_fail(r->st, err, x, what);
	pl_rc rc = PL_OK;
	while(!rc && (x = sqlite3_step(s)) == SQLITE_ROW)
		rc = put(m, hmap_hash((const char *)sqlite3_column_text(s, 0),
		                      (size_t)sqlite3_column_bytes(s, 0)), sqlite3_column_int64(s, 1));
	sqlite3_finalize(s);
	if(rc)
		return pl_nomem(err);
	return x == SQLITE_DONE ? PL_OK : store_fail(r->st, err, x, what);
}

pl_rc event_ids_defer(registry *r, event_ids *m, size_t expect, pl_err *err)
{
	/* The ids there already, read in the index's order (it covers them),
	 * before it goes. */
	pl_rc rc = load(r, m, expect, "SELECT uid, id FROM event INDEXED BY event_uid",
	                "reading the event ids", err);
	return rc ? rc : store_exec(r->st, "DROP INDEX event_uid", err);
}

pl_rc event_ids_restore(registry *r, event_ids *m, pl_err *err)
{
	if(!m->cap)
		return PL_OK;
	int x = sqlite3_exec(store_db(r->st), "CREATE UNIQUE INDEX event_uid ON event(uid)", NULL, NULL,
	                     NULL);
	if(x == SQLITE_OK)
		return PL_OK;
	if((x & 0xff) != SQLITE_CONSTRAINT)
		return store_fail(r->st, err, x, "building the index of event ids");
	/* Only an id made up for a row without one could get here: say which. */
	sqlite3_stmt *s;
	x = sqlite3_prepare_v2(store_db(r->st), "SELECT uid FROM event GROUP BY uid HAVING count(*) > 1"
	                       " LIMIT 1", -1, &s, NULL);
	if(x)
		return store_fail(r->st, err, x, "reading the event ids");
	char uid[UID_SIZE] = "?";
	if(sqlite3_step(s) == SQLITE_ROW)
		snprintf(uid, sizeof(uid), "%s", (const char *)sqlite3_column_text(s, 0));
	sqlite3_finalize(s);
	return pl_failc(err, PL_ECONFLICT, "event.exists", "event", uid, NULL);
}

/* ---- the persons' ids ---------------------------------------------------- */

/* The same table holds the persons of a bulk load of events by uid (issue
 * 14): each run of a person's rows looked them up through the index of
 * their uids, a tenth of the import at a million persons; reading that
 * index once, in order, is cheaper than a million probes into it. */
pl_rc person_ids_load(registry *r, event_ids *m, size_t expect, pl_err *err)
{
	return load(r, m, expect, "SELECT uid, id FROM person", "reading the person ids", err);
}

int64_t event_ids_candidate(const event_ids *m, const char *uid, size_t *pos)
{
	if(!m->cap)
		return 0;
	uint64_t h = hmap_hash(uid, strlen(uid));
	size_t j = *pos == SIZE_MAX ? h & (m->cap - 1) : (*pos + 1) & (m->cap - 1);
	for(; m->tab[j].id; j = (j + 1) & (m->cap - 1))
		if(m->tab[j].hash == h) {
			*pos = j;
			return m->tab[j].id;
		}
	return 0;
}

void event_ids_free(event_ids *m)
{
	free(m->tab);
	*m = (event_ids){0};
}
