/* Agreements in the database: kept as their canonical documents. */
#include <string.h>

#include "accord/internal.h"

/* Inside agreement_add's transaction. */
static pl_rc agreement_insert(store *st, agreement *ag, bool *added, pl_err *err)
{
	sqlite3_stmt *s;
	pl_rc rc = store_stmt(st, "SELECT id, sha256 FROM agreement WHERE name = ?", &s, err);
	if(rc)
		return rc;
	sqlite3_bind_text(s, 1, ag->name, -1, SQLITE_STATIC);
	if(sqlite3_step(s) == SQLITE_ROW) {
		bool same = !strcmp(store_column_text(s, 1), ag->sha256);
		ag->id = sqlite3_column_int64(s, 0);
		sqlite3_reset(s);
		if(same)
			return PL_OK;
		return pl_failc(err, PL_ECONFLICT, "agreement.other_terms", "agreement", ag->name, NULL);
	}
	sqlite3_reset(s);

	char now[TIMESTAMP_STR_MAX], concluded[DATE_STR_MAX], from[DATE_STR_MAX], until[DATE_STR_MAX];
	date_now_iso(now);
	date_format(ag->concluded, concluded);
	date_format(ag->valid_from, from);
	date_format(ag->valid_until, until);
	rc = store_stmt(st,
	                "INSERT INTO agreement (name, title, doc, sha256, party_a, party_b, mediator, transit,"
	                " concluded, valid_from, valid_until, created_at, actor)"
	                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
	                &s, err);
	if(rc)
		return rc;
	sqlite3_bind_text(s, 1, ag->name, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 2, ag->title, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 3, ag->canonical, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 4, ag->sha256, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 5, ag->party[0], -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 6, ag->party[1], -1, SQLITE_STATIC);
	store_bind_text(s, 7, ag->mediator);
	store_bind_text(s, 8, ag->transit);
	sqlite3_bind_text(s, 9, concluded, -1, SQLITE_STATIC);
	store_bind_text(s, 10, ag->valid_from.y ? from : NULL);
	store_bind_text(s, 11, ag->valid_until.y ? until : NULL);
	sqlite3_bind_text(s, 12, now, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 13, store_actor(st), -1, SQLITE_STATIC);
	int sr = sqlite3_step(s);
	sqlite3_reset(s);
	if(sr != SQLITE_DONE)
		return store_fail(st, err, sr, "storing the agreement");
	ag->id = sqlite3_last_insert_rowid(store_db(st));
	rc = audit_append(st, NULL, "agreement.add", "agreement", ag->name, NULL, ag->canonical, err);
	*added = !rc;
	return rc;
}

pl_rc agreement_add(store *st, agreement *ag, bool *added, pl_err *err)
{
	*added = false;
	pl_rc rc = store_begin(st, err);
	if(rc)
		return rc;
	rc = store_end(st, agreement_insert(st, ag, added, err), err);
	if(rc)
		*added = false;
	return rc;
}

static pl_rc get_where(store *st, const char *sql, const char *name, int64_t id, arena *a,
                          agreement *out, pl_err *err)
{
	sqlite3_stmt *s;
	pl_rc rc = store_stmt(st, sql, &s, err);
	if(rc)
		return rc;
	if(name)
		sqlite3_bind_text(s, 1, name, -1, SQLITE_STATIC);
	else
		sqlite3_bind_int64(s, 1, id);
	int sr = sqlite3_step(s);
	if(sr != SQLITE_ROW) {
		sqlite3_reset(s);
		if(sr != SQLITE_DONE)
			return store_fail(st, err, sr, "reading an agreement");
		if(name)
			return pl_failc(err, PL_ENOTFOUND, "agreement.no_such", "agreement", name, NULL);
		/* not for users: ids are the database's own */
		return pl_fail(err, PL_ENOTFOUND, "no agreement with id %lld", (long long)id);
	}
	int64_t rowid = sqlite3_column_int64(s, 0);
	const char *doc = (const char *)sqlite3_column_text(s, 1);
	char label[AGREEMENT_NAME_MAX + 32];
	snprintf(label, sizeof(label), "agreement %lld", (long long)rowid);
	/* What was checked when it was added is checked again: a rule this
	 * binary reads differently is an error, not a silent change. */
	rc = agreement_parse(doc, (size_t)sqlite3_column_bytes(s, 1), label, a, out, err);
	sqlite3_reset(s);
	out->id = rowid;
	return rc;
}

pl_rc agreement_get(store *st, const char *name, arena *a, agreement *out, pl_err *err)
{
	return get_where(st, "SELECT id, doc FROM agreement WHERE name = ?", name, 0, a, out, err);
}

pl_rc agreement_get_id(store *st, int64_t id, arena *a, agreement *out, pl_err *err)
{
	return get_where(st, "SELECT id, doc FROM agreement WHERE id = ?", NULL, id, a, out, err);
}

pl_rc agreement_list(store *st, arena *a, agreement_row **out, size_t *n, pl_err *err)
{
	sqlite3_stmt *s;
	pl_rc rc = store_stmt(st,
	                      "SELECT name, title, party_a, party_b, mediator, concluded,"
	                      " (SELECT count(*) FROM stage WHERE agreement_id = agreement.id),"
	                      " (SELECT count(*) FROM stage WHERE agreement_id = agreement.id"
	                      "   AND status IN ('draft', 'proposed', 'agreed')),"
	                      /* the document's title: one text, or one per language
	                       * (a path into a text gives NULL) */
	                      " CASE json_type(doc, '$.title') WHEN 'text' THEN doc ->> '$.title' END,"
	                      " doc ->> '$.title.en', doc ->> '$.title.uk', doc ->> '$.title.ru'"
	                      " FROM agreement ORDER BY concluded, name",
	                      &s, err);
	if(rc)
		return rc;
	size_t cap = 0;
	*n = 0;
	*out = NULL;
	int sr;
	while((sr = sqlite3_step(s)) == SQLITE_ROW) {
		agreement_row *row = arena_push(a, (void **)out, n, &cap, sizeof(*row));
		if(!row)
			break;
		const char **cols[] = {&row->name, &row->title, &row->party_a, &row->party_b, &row->mediator,
		                       &row->concluded};
		for(int i = 0; i < 6; i++) {
			const char *v = store_column_text(s, i);
			*cols[i] = v ? arena_strdup(a, v) : NULL;
		}
		row->stages = sqlite3_column_int(s, 6);
		row->open_stages = sqlite3_column_int(s, 7);
		const char **titles[] = {&row->titles.plain, &row->titles.in[LANG_EN], &row->titles.in[LANG_UK],
		                         &row->titles.in[LANG_RU]};
		for(int i = 0; i < 4; i++) {
			const char *v = store_column_text(s, 8 + i);
			*titles[i] = v ? arena_strdup(a, v) : NULL;
		}
	}
	sqlite3_reset(s);
	if(arena_oom(a))
		return pl_nomem(err);
	if(sr != SQLITE_DONE && sr != SQLITE_ROW)
		return store_fail(st, err, sr, "listing agreements");
	return PL_OK;
}
