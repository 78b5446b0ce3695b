/* Post-mortem observations of a remains case: the same kinds a family
 * describes (marks and tattoos, the dental chart, a height estimate, build,
 * hair and eye colour, clothing and effects), one JSON document a case,
 * replaced whole and audited. The document's shape is checked by the
 * caller with family/antemortem.h's am_clean (the families module, above
 * this one, compares the two); this module keeps and gives it. */
#include <stdlib.h>

#include <jansson.h>

#include "remains/internal.h"

static pl_rc case_of(store *st, const char *tag, arena *a, remains_case *c, pl_err *err)
{
	bool found = false;
	pl_rc rc = remains_case_find(st, tag, a, c, &found, err);
	return rc ? rc : found ? PL_OK : pl_failc(err, PL_ENOTFOUND, "remains.no_case_tag", "case", tag, NULL);
}

static pl_rc load(store *st, int64_t case_id, json_t **out, pl_err *err)
{
	sqlite3_stmt *s;
	*out = NULL;
	pl_rc rc = store_stmt(st, "SELECT doc, actor, updated_at FROM remains_pm WHERE case_id = ?", &s, err);
	if(rc)
		return rc;
	sqlite3_bind_int64(s, 1, case_id);
	int x = sqlite3_step(s);
	if(x == SQLITE_ROW && (*out = json_loads(store_column_text(s, 0), 0, NULL))) {
		json_object_set_new(*out, "actor", json_string(store_column_text(s, 1)));
		json_object_set_new(*out, "updated_at", json_string(store_column_text(s, 2)));
	}
	sqlite3_reset(s);
	if(x != SQLITE_ROW && x != SQLITE_DONE)
		return store_fail(st, err, x, "reading post-mortem observations");
	return x == SQLITE_ROW && !*out ? pl_failc(err, PL_EINTEGRITY, "antemortem.stored", NULL) : PL_OK;
}

static pl_rc put(store *st, const remains_case *c, const json_t *doc, pl_err *err)
{
	json_t *before;
	pl_rc rc = load(st, c->id, &before, err);
	char *text = rc ? NULL : json_dumps(doc, JSON_COMPACT);
	sqlite3_stmt *s;
	if(!rc && !text)
		rc = pl_nomem(err);
	rc = rc ? rc
	        : store_stmt(st, "INSERT INTO remains_pm(case_id, doc, actor, updated_at) VALUES (?, ?, ?, ?)"
	                         " ON CONFLICT(case_id) DO UPDATE SET doc = excluded.doc, actor = excluded.actor,"
	                         " updated_at = excluded.updated_at", &s, err);
	if(!rc) {
		char now[TIMESTAMP_STR_MAX];
		date_now_iso(now);
		sqlite3_bind_int64(s, 1, c->id);
		sqlite3_bind_text(s, 2, text, -1, SQLITE_STATIC);
		sqlite3_bind_text(s, 3, store_actor(st), -1, SQLITE_STATIC);
		sqlite3_bind_text(s, 4, now, -1, SQLITE_STATIC);
		int x = sqlite3_step(s);
		sqlite3_reset(s);
		rc = x == SQLITE_DONE ? PL_OK : store_fail(st, err, x, "writing post-mortem observations");
	}
	free(text);
	if(rc) {
		json_decref(before);
		return rc;
	}
	return remains_audit(st, "postmortem", "remains_case", c->uid, before, json_incref((json_t *)doc), err);
}

pl_rc remains_pm_set(store *st, const char *tag, const json_t *doc, pl_err *err)
{
	arena a;
	arena_init(&a, 0);
	remains_case c;
	pl_rc rc = store_begin(st, err);
	if(!rc) {
		rc = case_of(st, tag, &a, &c, err);
		rc = store_end(st, rc ? rc : put(st, &c, doc, err), err);
	}
	arena_free(&a);
	return rc;
}

pl_rc remains_pm_get(store *st, const char *tag, json_t **out, pl_err *err)
{
	arena a;
	arena_init(&a, 0);
	remains_case c;
	pl_rc rc = case_of(st, tag, &a, &c, err);
	rc = rc ? rc : load(st, c.id, out, err);
	arena_free(&a);
	return rc;
}
