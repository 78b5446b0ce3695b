/* The chain of custody (append-only, in date order) and fragments. */
#include <string.h>

#include "remains/internal.h"

pl_rc rcase_custody_has(store *st, int64_t case_id, const char *holder, const char *since,
                           bool *found, pl_err *err)
{
	sqlite3_stmt *s;
	pl_rc rc = store_stmt(st, "SELECT 1 FROM remains_custody WHERE case_id = ? AND holder = ?"
	                          " AND since = ?", &s, err);
	if(rc)
		return rc;
	sqlite3_bind_int64(s, 1, case_id);
	sqlite3_bind_text(s, 2, holder, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 3, since, -1, SQLITE_STATIC);
	int x = sqlite3_step(s);
	*found = x == SQLITE_ROW;
	sqlite3_reset(s);
	return x == SQLITE_ROW || x == SQLITE_DONE ? PL_OK : store_fail(st, err, x, "reading custody");
}

/* The newest entry's holder and date ("" when the chain is empty). */
static pl_rc custody_last(store *st, int64_t case_id, char *holder, size_t hsize,
                             char since[DATE_STR_MAX], pl_err *err)
{
	sqlite3_stmt *s;
	pl_rc rc = store_stmt(st, "SELECT holder, since FROM remains_custody WHERE case_id = ?"
	                          " ORDER BY id DESC LIMIT 1", &s, err);
	if(rc)
		return rc;
	sqlite3_bind_int64(s, 1, case_id);
	int x = sqlite3_step(s);
	holder[0] = since[0] = '\0';
	if(x == SQLITE_ROW) {
		snprintf(holder, hsize, "%s", store_column_text(s, 0));
		snprintf(since, DATE_STR_MAX, "%s", store_column_text(s, 1));
	}
	sqlite3_reset(s);
	return x == SQLITE_ROW || x == SQLITE_DONE ? PL_OK : store_fail(st, err, x, "reading custody");
}

/* A date that could lie before `last` is refused as well as one that does:
 * "2025" after "2025-03-01" says too little to keep the chain in order. */
static bool dated_before(const char *since, const char *last)
{
	pdate a, b;
	const char *why;
	return last[0] && date_parse(since, &a, &why) && date_parse(last, &b, &why) &&
	       date_lo(a) < date_lo(b);
}

pl_rc rcase_custody_append(store *st, const remains_case *c, const char *holder,
                              const char *since, const char *note, pl_err *err)
{
	if(c->status == RS_RETURNED)
		return pl_failc(err, PL_ECONFLICT, "remains.custody_closed", "case", c->tag, NULL);
	char last_holder[520], last[DATE_STR_MAX];
	pl_rc rc = custody_last(st, c->id, last_holder, sizeof(last_holder), last, err);
	if(rc)
		return rc;
	if(dated_before(since, last))
		return pl_failc(err, PL_ECONFLICT, "remains.custody_order", "case", c->tag, "since", since,
		                "holder", last_holder, "last", last, NULL);
	sqlite3_stmt *s;
	if((rc = store_stmt(st, "INSERT INTO remains_custody(case_id, holder, since, note, actor,"
	                        " created_at) VALUES (?,?,?,?,?,?)", &s, err)))
		return rc;
	char now[TIMESTAMP_STR_MAX];
	date_now_iso(now);
	sqlite3_bind_int64(s, 1, c->id);
	sqlite3_bind_text(s, 2, holder, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 3, since, -1, SQLITE_STATIC);
	store_bind_text(s, 4, note);
	sqlite3_bind_text(s, 5, store_actor(st), -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 6, now, -1, SQLITE_STATIC);
	int x = sqlite3_step(s);
	sqlite3_reset(s);
	if(x != SQLITE_DONE)
		return store_fail(st, err, x, "writing custody");
	return remains_audit(st, "add", "remains_custody", c->uid, NULL,
	                     json_pack("{s:s, s:s, s:s, s:s?}", "tag", c->tag, "holder", holder,
	                               "since", since, "note", note), err);
}

pl_rc remains_custody_add(store *st, const char *tag, const char *holder, const char *since,
                             const char *note, pl_err *err)
{
	remains_result res;
	remains_result_init(&res);
	arena a;
	arena_init(&a, 0);
	const char *h, *d, *n;
	remains_case c;
	pl_rc rc = remains_clean_arg(RF_HOLDER, "holder", holder, true, &a, &h, &res, err);
	if(!rc)
		rc = remains_clean_arg(RF_CUSTODY_SINCE, "since", since, true, &a, &d, &res, err);
	if(!rc)
		rc = remains_clean_arg(RF_NOTE, "note", note, false, &a, &n, &res, err);
	if(!rc && !(rc = store_begin(st, err))) {
		if(!(rc = rcase_load(st, tag, &a, &c, err)))
			rc = rcase_custody_append(st, &c, h, d, n, err);
		rc = store_end(st, rc, err);
	}
	arena_free(&a);
	return rc;
}

/* ---- fragments ---------------------------------------------------------- */

typedef struct fragment_row {
	int64_t id;
	const char *description, *person;
	bool found;
} fragment_row;

static pl_rc fragment_find(store *st, int64_t case_id, const char *label, arena *a,
                              fragment_row *out, pl_err *err)
{
	sqlite3_stmt *s;
	pl_rc rc = store_stmt(st, "SELECT id, description, person_id FROM remains_fragment"
	                          " WHERE case_id = ? AND label = ?", &s, err);
	if(rc)
		return rc;
	sqlite3_bind_int64(s, 1, case_id);
	sqlite3_bind_text(s, 2, label, -1, SQLITE_STATIC);
	int x = sqlite3_step(s);
	memset(out, 0, sizeof(*out));
	int64_t person_id = 0;
	if((out->found = x == SQLITE_ROW)) {
		out->id = sqlite3_column_int64(s, 0);
		const char *d = store_column_text(s, 1);
		out->description = d ? arena_strdup(a, d) : NULL;
		person_id = sqlite3_column_int64(s, 2);
	}
	sqlite3_reset(s);
	if(x != SQLITE_ROW && x != SQLITE_DONE)
		return store_fail(st, err, x, "reading fragments");
	char uid[UID_SIZE];
	if(person_id && !(rc = registry_person_uid(st, person_id, uid, err)))
		out->person = arena_strdup(a, uid);
	return rc;
}

static pl_rc fragment_write(store *st, const remains_case *c, const char *label,
                               const fragment_row *old, const char *description, const person *p,
                               pl_err *err)
{
	sqlite3_stmt *s;
	pl_rc rc = old->found
	           ? store_stmt(st, "UPDATE remains_fragment SET description = ?3, person_id = ?4"
	                            " WHERE id = ?5", &s, err)
	           : store_stmt(st, "INSERT INTO remains_fragment(case_id, label, description,"
	                            " person_id) VALUES (?1, ?2, ?3, ?4)", &s, err);
	if(rc)
		return rc;
	if(old->found) {
		sqlite3_bind_int64(s, 5, old->id);
	} else {
		sqlite3_bind_int64(s, 1, c->id);
		sqlite3_bind_text(s, 2, label, -1, SQLITE_STATIC);
	}
	store_bind_text(s, 3, description);
	if(p)
		sqlite3_bind_int64(s, 4, p->id);
	int x = sqlite3_step(s);
	sqlite3_reset(s);
	if(x != SQLITE_DONE)
		return store_fail(st, err, x, "writing a fragment");
	json_t *before = old->found ? json_pack("{s:s, s:s, s:s?, s:s?}", "tag", c->tag, "label", label,
	                                        "description", old->description, "person", old->person)
	                            : NULL;
	return remains_audit(st, old->found ? "update" : "add", "remains_fragment", c->uid, before,
	                     json_pack("{s:s, s:s, s:s?, s:s?}", "tag", c->tag, "label", label,
	                               "description", description, "person", p ? p->uid : NULL), err);
}

/* Where else the person is: for the note of a fragment linked to them. */
static pl_rc person_elsewhere(store *st, const remains_case *c, const person *p,
                             remains_result *res, pl_err *err)
{
	sqlite3_stmt *s;
	pl_rc rc = store_stmt(st, "SELECT count(*), group_concat(tag, ', ') FROM (SELECT tag FROM"
	                          " remains_case WHERE person_id = ?1 AND id != ?2 UNION SELECT c.tag"
	                          " FROM remains_fragment f JOIN remains_case c ON c.id = f.case_id"
	                          " WHERE f.person_id = ?1 AND f.case_id != ?2 ORDER BY 1)", &s, err);
	if(rc)
		return rc;
	sqlite3_bind_int64(s, 1, p->id);
	sqlite3_bind_int64(s, 2, c->id);
	int x = sqlite3_step(s);
	if(x == SQLITE_ROW && sqlite3_column_int64(s, 0) > 0)
		remains_note(res, "%s is also in case%s %.200s", p->uid,
		             sqlite3_column_int64(s, 0) > 1 ? "s" : "", store_column_text(s, 1));
	sqlite3_reset(s);
	return x == SQLITE_ROW ? PL_OK : store_fail(st, err, x, "reading remains cases");
}

/* Set fragment `label` of case c: its description (NULL: as it is) and
 * the person it belongs to (NULL: as it is). */
static pl_rc fragment_apply(store *st, const remains_case *c, const char *label,
                               const char *description, const char *person_uid, arena *a,
                               remains_result *res, pl_err *err)
{
	if(c->status == RS_RETURNED)
		return pl_failc(err, PL_ECONFLICT, "remains.returned", "case", c->tag, NULL);
	person p = {0};
	fragment_row old;
	pl_rc rc = person_uid ? rperson_identifiable(st, person_uid, a, &p, res, err) : PL_OK;
	if(!rc)
		rc = fragment_find(st, c->id, label, a, &old, err);
	if(!rc && !person_uid && old.person) /* keep the link it has */
		rc = registry_person_get(st, old.person, a, &p, err);
	if(rc)
		return rc;
	if(!description)
		description = old.description;
	bool same = old.found && remains_same(description, old.description) &&
	            (!p.id || remains_same(old.person, p.uid));
	if(!same) {
		res->saved = old.found ? REMAINS_UPDATED : REMAINS_CREATED;
		rc = fragment_write(st, c, label, &old, description, p.id ? &p : NULL, err);
	}
	return !rc && person_uid ? person_elsewhere(st, c, &p, res, err) : rc;
}

pl_rc remains_fragment_set(store *st, const char *tag, const char *label,
                              const char *person_uid, const char *description,
                              remains_result *res, pl_err *err)
{
	remains_result_init(res);
	arena a;
	arena_init(&a, 0);
	const char *l, *d = NULL;
	pl_rc rc = remains_clean_label(label, &a, &l, err);
	if(!rc)
		rc = remains_clean_arg(RF_NOTE, "description", description, false, &a, &d, res, err);
	if(!rc && !(rc = store_begin(st, err))) {
		remains_case c;
		if(!(rc = rcase_load(st, tag, &a, &c, err))) {
			res->before = res->after = c.status;
			rc = fragment_apply(st, &c, l, d, person_uid && *person_uid ? person_uid : NULL, &a,
			                    res, err);
		}
		rc = store_end(st, rc, err);
	}
	arena_free(&a);
	return rc;
}

pl_rc remains_fragment_remove(store *st, const char *tag, const char *label, const char *reason,
                                 remains_result *res, pl_err *err)
{
	remains_result_init(res);
	arena a;
	arena_init(&a, 0);
	remains_case c;
	fragment_row old;
	sqlite3_stmt *s;
	pl_rc rc = store_begin(st, err);
	if(rc) {
		arena_free(&a);
		return rc;
	}
	if(!(rc = rcase_load(st, tag, &a, &c, err)))
		rc = fragment_find(st, c.id, label, &a, &old, err);
	if(!rc && !old.found)
		rc = pl_failc(err, PL_ENOTFOUND, "remains.no_fragment", "case", tag, "label", label, NULL);
	if(!rc && !(rc = store_stmt(st, "DELETE FROM remains_fragment WHERE id = ?", &s, err))) {
		sqlite3_bind_int64(s, 1, old.id);
		int x = sqlite3_step(s);
		sqlite3_reset(s);
		rc = x == SQLITE_DONE ? PL_OK : store_fail(st, err, x, "removing a fragment");
	}
	if(!rc) {
		res->before = res->after = c.status;
		res->saved = REMAINS_UPDATED;
		rc = remains_audit(st, "remove", "remains_fragment", c.uid,
		                   json_pack("{s:s, s:s, s:s?, s:s?}", "tag", c.tag, "label", label, "description",
		                             old.description, "person", old.person),
		                   json_pack("{s:s?}", "reason", reason), err);
	}
	rc = store_end(st, rc, err);
	arena_free(&a);
	return rc;
}
