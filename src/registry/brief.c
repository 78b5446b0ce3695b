/* Persons as other modules see them (registry.h): a row id by uid and back,
 * a short view of many persons by row id, counts by status, and each
 * person's latest event of some types. Lists are read by store_rows_by_ids. */
#include <stdlib.h>
#include <string.h>

#include "registry/internal.h"

pl_rc registry_person_id(store *st, const char *uid, int64_t *id, pl_err *err)
{
	*id = 0;
	if(!uid || !*uid)
		return PL_OK;
	sqlite3_stmt *s;
	pl_rc rc = store_stmt(st, "SELECT id FROM person WHERE uid = ?", &s, err);
	if(rc)
		return rc;
	sqlite3_bind_text(s, 1, uid, -1, SQLITE_STATIC);
	int x = sqlite3_step(s);
	if(x == SQLITE_ROW)
		*id = sqlite3_column_int64(s, 0);
	sqlite3_reset(s);
	return x == SQLITE_ROW || x == SQLITE_DONE ? PL_OK : store_fail(st, err, x, "finding a person");
}

pl_rc registry_person_uid(store *st, int64_t id, char uid[UID_SIZE], pl_err *err)
{
	return registry_person_uids(st, &id, 1, (char (*)[UID_SIZE])uid, err);
}

static void uid_row(sqlite3_stmt *s, size_t i, void *ctx)
{
	char (*uids)[UID_SIZE] = ctx;
	snprintf(uids[i], UID_SIZE, "%s", store_column_text(s, 1));
}

pl_rc registry_person_uids(store *st, const int64_t *ids, size_t n, char (*uids)[UID_SIZE],
                              pl_err *err)
{
	for(size_t i = 0; i < n; i++)
		uids[i][0] = '\0';
	sqlite3_stmt *s;
	pl_rc rc = store_stmt(st, "SELECT j.key, p.uid FROM json_each(?1) j JOIN person p ON p.id = j.value",
	                      &s, err);
	return rc ? rc : store_rows_by_ids(st, s, ids, n, 0, uid_row, uids, "reading persons", err);
}

typedef struct brief_ctx {
	person_brief *out;
	arena *a;
} brief_ctx;

static void brief_row(sqlite3_stmt *s, size_t i, void *ctx)
{
	brief_ctx *c = ctx;
	person_brief *b = &c->out[i];
	b->id = sqlite3_column_int64(s, 1);
	snprintf(b->uid, sizeof(b->uid), "%s", store_column_text(s, 2));
	const char **text[] = {&b->surname, &b->given_names, &b->patronymic, &b->surname_latin,
	                       &b->given_names_latin, &b->patronymic_latin, &b->sex, &b->birth_date,
	                       &b->party};
	for(int k = 0; k < 9; k++)
		*text[k] = store_column_dup(s, 3 + k, c->a);
	int status = lifecycle_status_parse(store_column_text(s, 12));
	b->status = status < 0 ? ST_INITIAL : (person_status)status;
}

pl_rc registry_person_briefs(store *st, const int64_t *ids, size_t n, arena *a,
                                person_brief *out, pl_err *err)
{
	memset(out, 0, n * sizeof(*out));
	sqlite3_stmt *s;
	pl_rc rc = store_stmt(st, "SELECT j.key, p.id, p.uid, p.surname, p.given_names, p.patronymic,"
	                          " p.surname_latin, p.given_names_latin, p.patronymic_latin, p.sex,"
	                          " p.birth_date, p.party, " PERSON_STATUS_OF_P
	                          " FROM json_each(?1) j JOIN person p ON p.id = j.value", &s, err);
	brief_ctx c = {out, a};
	if(!rc)
		rc = store_rows_by_ids(st, s, ids, n, 0, brief_row, &c, "reading persons", err);
	return !rc && arena_oom(a) ? pl_nomem(err) : rc;
}

pl_rc registry_count_status(store *st, unsigned statuses, long *n, pl_err *err)
{
	*n = 0;
	sqlite3_stmt *s;
	pl_rc rc = store_stmt(st, "SELECT count(*) FROM person_state WHERE status = ?", &s, err);
	for(int k = 0; k < ST_COUNT && !rc; k++) {
		if(!(statuses & 1u << k))
			continue;
		sqlite3_bind_text(s, 1, lifecycle_status_name((person_status)k), -1, SQLITE_STATIC);
		int x = sqlite3_step(s);
		*n += x == SQLITE_ROW ? (long)sqlite3_column_int64(s, 0) : 0;
		sqlite3_reset(s);
		if(x != SQLITE_ROW)
			rc = store_fail(st, err, x, "counting persons");
	}
	return rc;
}

typedef struct event_ctx {
	event_brief *out;
	arena *a;
} event_ctx;

static void event_row(sqlite3_stmt *s, size_t i, void *ctx)
{
	event_ctx *c = ctx;
	c->out[i].type = lifecycle_event_parse(store_column_text(s, 1));
	c->out[i].date = store_column_dup(s, 2, c->a);
}

pl_rc registry_last_events(store *st, const int64_t *ids, size_t n, unsigned types, arena *a,
                              event_brief *out, pl_err *err)
{
	for(size_t i = 0; i < n; i++)
		out[i] = (event_brief){-1, NULL};
	json_t *list = json_array();
	for(int k = 0; list && k < EV_COUNT; k++)
		if(types & 1u << k)
			json_array_append_new(list, json_string(lifecycle_event_name((event_type)k)));
	char *text = list ? json_dumps(list, JSON_COMPACT) : NULL;
	json_decref(list);
	sqlite3_stmt *s;
	pl_rc rc = text ? store_stmt(st, "SELECT j.key, ev.type, ev.date FROM json_each(?1) j"
	                                 " JOIN event ev ON ev.id = (SELECT e.id FROM event e"
	                                 "  WHERE e.person_id = j.value AND e.type IN (SELECT value FROM"
	                                 "  json_each(?2)) ORDER BY e.date DESC, e.id DESC LIMIT 1)", &s, err)
	                : pl_nomem(err);
	event_ctx c = {out, a};
	if(!rc) {
		sqlite3_bind_text(s, 2, text, -1, SQLITE_STATIC);
		rc = store_rows_by_ids(st, s, ids, n, 0, event_row, &c, "reading events", err);
		sqlite3_clear_bindings(s);
	}
	free(text);
	return !rc && arena_oom(a) ? pl_nomem(err) : rc;
}

typedef struct ids_ctx {
	int64_t *ids;
	size_t base;
} ids_ctx;

static void id_row(sqlite3_stmt *s, void *ctx)
{
	ids_ctx *c = ctx;
	c->ids[c->base + (size_t)sqlite3_column_int64(s, 0)] = sqlite3_column_int64(s, 1);
}

pl_rc registry_person_ids(store *st, const char *const *uids, size_t n, int64_t *ids, pl_err *err)
{
	memset(ids, 0, n * sizeof(*ids));
	sqlite3_stmt *s;
	pl_rc rc = store_stmt(st, "SELECT j.key, p.id FROM json_each(?1) j JOIN person p ON p.uid = j.value",
	                      &s, err);
	/* In batches, as store_rows_by_ids reads by row id. */
	for(size_t at = 0; !rc && at < n; at += STORE_IDS_BATCH) {
		json_t *list = json_array();
		for(size_t i = at; list && i < n && i < at + STORE_IDS_BATCH; i++)
			if(json_array_append_new(list, uids[i] ? json_string(uids[i]) : json_null()))
				json_decref(list), list = NULL;
		char *text = list ? json_dumps(list, JSON_COMPACT) : NULL;
		json_decref(list);
		if(!text)
			return pl_nomem(err);
		sqlite3_bind_text(s, 1, text, -1, SQLITE_STATIC);
		ids_ctx c = {ids, at};
		int x;
		while((x = sqlite3_step(s)) == SQLITE_ROW)
			id_row(s, &c);
		sqlite3_reset(s);
		sqlite3_clear_bindings(s);
		free(text);
		if(x != SQLITE_DONE)
			rc = store_fail(st, err, x, "finding persons");
	}
	return rc;
}
