/* Identification: the moves of a case's status, and what confirming one
 * records on the person in the registry. */
#include <string.h>

#include "remains/internal.h"

pl_rc rperson_identifiable(store *st, const char *uid, arena *a, person *p,
                              remains_result *res, pl_err *err)
{
	pl_rc rc = registry_person_get(st, uid, a, p, err);
	if(rc) {
		res->field = RF_PERSON;
		return rc;
	}
	switch(p->status) {
	case ST_MISSING:
	case ST_DIED_IN_CAPTIVITY:
	case ST_REMAINS_RETURNED:
	case ST_IDENTIFIED:
		return PL_OK;
	default:
		return remains_refuse(res, RF_PERSON,
		                      pl_failc(err, PL_ECONFLICT, "remains.not_identifiable", "person", p->uid,
		                               "status", lifecycle_status_label(p->status), NULL));
	}
}

/* Move c to status `to`, as person p (or none). c keeps a copy of p's uid,
 * in a: p is often its caller's, gone when the next move reads c. */
static pl_rc set_status(store *st, remains_case *c, remains_status to, const person *p,
                           const char *action, json_t *extra, arena *a, remains_result *res,
                           pl_err *err)
{
	sqlite3_stmt *s;
	pl_rc rc = store_stmt(st, "UPDATE remains_case SET status = ?1, person_id = ?2, updated_at = ?3"
	                          " WHERE id = ?4", &s, err);
	if(rc) {
		json_decref(extra);
		return rc;
	}
	char now[TIMESTAMP_STR_MAX];
	date_now_iso(now);
	sqlite3_bind_text(s, 1, remains_status_name(to), -1, SQLITE_STATIC);
	if(p)
		sqlite3_bind_int64(s, 2, p->id);
	sqlite3_bind_text(s, 3, now, -1, SQLITE_STATIC);
	sqlite3_bind_int64(s, 4, c->id);
	int x = sqlite3_step(s);
	sqlite3_reset(s);
	if(x != SQLITE_DONE) {
		json_decref(extra);
		return store_fail(st, err, x, "updating a remains case");
	}
	json_t *before = json_pack("{s:s, s:s, s:s?}", "tag", c->tag, "status",
	                           remains_status_name(c->status), "person", c->person);
	json_t *after = extra ? extra : json_object();
	json_object_set_new(after, "status", json_string(remains_status_name(to)));
	json_object_set_new(after, "person", p ? json_string(p->uid) : json_null());
	c->status = to;
	c->person = p ? arena_strdup(a, p->uid) : NULL;
	c->person_id = p ? p->id : 0;
	res->after = to;
	return remains_audit(st, action, "remains_case", c->uid, before, after, err);
}

pl_rc remains_person_spread(store *st, int64_t case_id, int64_t person_id, remains_spread *out,
                              pl_err *err)
{
	memset(out, 0, sizeof(*out));
	sqlite3_stmt *s;
	pl_rc rc = store_stmt(st, "SELECT (SELECT count(*) FROM remains_case WHERE person_id = ?1 AND"
	                          " status = 'confirmed' AND id != ?2), (SELECT group_concat(tag, ', ')"
	                          " FROM (SELECT tag FROM remains_case WHERE person_id = ?1 AND"
	                          " status = 'confirmed' AND id != ?2 ORDER BY tag LIMIT 3)),"
	                          " EXISTS (SELECT 1 FROM remains_fragment WHERE case_id = ?2 AND"
	                          " person_id = ?1)", &s, err);
	if(rc)
		return rc;
	sqlite3_bind_int64(s, 1, person_id);
	sqlite3_bind_int64(s, 2, case_id);
	int x = sqlite3_step(s);
	if(x == SQLITE_ROW) {
		out->others = (long)sqlite3_column_int64(s, 0);
		const char *t = store_column_text(s, 1);
		snprintf(out->tags, sizeof(out->tags), "%s%s", t ? t : "", out->others > 3 ? ", ..." : "");
		out->fragment = sqlite3_column_int(s, 2) != 0;
	}
	sqlite3_reset(s);
	return x == SQLITE_ROW ? PL_OK : store_fail(st, err, x, "reading remains cases");
}

static pl_rc record_event(store *st, const char *uid, const char *type, const char *date,
                             const char *note, remains_result *res, pl_err *err)
{
	event e = {0};
	e.f[EF_TYPE] = type;
	e.f[EF_DATE] = date;
	e.f[EF_SOURCE] = "own_records";
	e.f[EF_NOTE] = note;
	pl_rc rc = registry_event_add(st, uid, &e, err);
	if(rc)
		res->field = RF_STATUS;
	else
		res->events_added++;
	return rc;
}

/* The person's lifecycle ends in `identified`: from missing or died in
 * captivity through the return of their remains, at the batch's handover. */
static pl_rc confirm_events(store *st, const remains_case *c, const person *p, arena *a,
                               remains_result *res, pl_err *err)
{
	if(p->status == ST_IDENTIFIED) {
		remains_note(res, "%s was identified already: no event recorded", p->uid);
		return PL_OK;
	}
	const char *label = NULL, *handover = NULL;
	pl_rc rc = c->batch_id ? rbatch_handover(st, c->batch_id, a, &label, &handover, err) : PL_OK;
	if(rc)
		return rc;
	char note[600];
	snprintf(note, sizeof(note), "remains case %s%s%s", c->tag, label ? ", batch " : "",
	         label ? label : "");
	if(p->status == ST_MISSING || p->status == ST_DIED_IN_CAPTIVITY) {
		if(!handover)
			return remains_refuse(res, RF_STATUS,
			                      pl_failc(err, PL_ECONFLICT, "remains.no_handover_date", "person", p->uid,
			                               "status", lifecycle_status_name(p->status), "case", c->tag, NULL));
		if((rc = record_event(st, p->uid, "remains_returned", handover, note, res, err)))
			return rc;
	}
	char today[DATE_STR_MAX];
	date_format(date_today(), today);
	return record_event(st, p->uid, "identified", today, note, res, err);
}

static pl_rc to_preliminary(store *st, remains_case *c, const char *uid, arena *a,
                               remains_result *res, pl_err *err)
{
	if(!uid)
		return remains_refuse(res, RF_PERSON, pl_failc(err, PL_EINPUT, "remains.preliminary_person", NULL));
	person p;
	remains_spread sp;
	pl_rc rc = rperson_identifiable(st, uid, a, &p, res, err);
	if(!rc)
		rc = remains_person_spread(st, c->id, p.id, &sp, err);
	if(rc)
		return rc;
	if(sp.others)
		remains_note(res, "%s already has %ld confirmed case%s (%s)", p.uid, sp.others,
		             sp.others == 1 ? "" : "s", sp.tags);
	return set_status(st, c, RS_PRELIMINARY, &p, "identify", NULL, a, res, err);
}

static pl_rc to_confirmed(store *st, remains_case *c, const char *uid, arena *a,
                             remains_result *res, pl_err *err)
{
	person p;
	remains_spread sp;
	pl_rc rc = rperson_identifiable(st, uid ? uid : c->person, a, &p, res, err);
	if(rc)
		return rc;
	if(c->person_id && c->person_id != p.id)
		return remains_refuse(res, RF_PERSON, pl_failc(err, PL_ECONFLICT, "remains.identified_withdraw", "case",
		                                               c->tag, "person", c->person, "other", p.uid, NULL));
	if((rc = remains_person_spread(st, c->id, p.id, &sp, err)))
		return rc;
	if(sp.others && !sp.fragment)
		return remains_refuse(res, RF_PERSON,
		                      pl_failc(err, PL_ECONFLICT, "remains.confirmed_elsewhere", "person", p.uid, "cases",
		                               sp.tags, "case", c->tag, NULL));
	if(sp.others)
		remains_note(res, "%s's remains are spread over %ld cases: %s and %s", p.uid, sp.others + 1,
		             sp.tags, c->tag);
	if((rc = confirm_events(st, c, &p, a, res, err)))
		return rc;
	return set_status(st, c, RS_CONFIRMED, &p, "confirm", NULL, a, res, err);
}

pl_rc rcase_move(store *st, remains_case *c, remains_status to, const char *person_uid,
                    arena *a, remains_result *res, pl_err *err)
{
	if(to == c->status) {
		if(person_uid && c->person && strcmp(person_uid, c->person))
			return remains_refuse(res, RF_PERSON,
			                      pl_failc(err, PL_ECONFLICT, to == RS_CONFIRMED ? "remains.as_other_final"
			                               : "remains.as_other_withdraw", "case", c->tag, "status",
			                               remains_status_name(c->status), "person", c->person, "other",
			                               person_uid, NULL));
		if(person_uid && !c->person) /* unidentified or returned: no person to be */
			return remains_refuse(res, RF_PERSON,
			                      pl_failc(err, PL_EINPUT, "remains.person_needs_identification", "case", c->tag,
			                               "status", remains_status_name(c->status), NULL));
		return PL_OK;
	}
	if(c->status == RS_UNIDENTIFIED && to == RS_CONFIRMED) {
		pl_rc rc = to_preliminary(st, c, person_uid, a, res, err);
		if(rc)
			return rc;
		res->note[0] = '\0'; /* confirming says it better */
	}
	const char *why = remains_transition_refused(c->status, to);
	if(why)
		return remains_refuse(res, RF_STATUS,
		                      pl_failc(err, PL_ECONFLICT, "remains.cannot_become", "case", c->tag, "status",
		                               remains_status_name(c->status), "to", remains_status_name(to), "why", why,
		                               NULL));
	switch(to) {
	case RS_PRELIMINARY:
		return to_preliminary(st, c, person_uid, a, res, err);
	case RS_CONFIRMED:
		return to_confirmed(st, c, person_uid, a, res, err);
	case RS_UNIDENTIFIED:
		return set_status(st, c, RS_UNIDENTIFIED, NULL, "withdraw", NULL, a, res, err);
	default:
		return remains_refuse(res, RF_STATUS, pl_failc(err, PL_EINPUT, "remains.return_with", NULL));
	}
}

pl_rc rcase_unidentified(store *st, remains_case *c, const char *reason, arena *a,
                            remains_result *res, pl_err *err)
{
	return set_status(st, c, RS_UNIDENTIFIED, NULL, "unidentify", json_pack("{s:s}", "reason", reason), a,
	                  res, err);
}

/* ---- the public moves ------------------------------------------------------- */

/* Load the case tagged `tag` in a new transaction and move it. */
static pl_rc move_tagged(store *st, const char *tag, remains_status to, const char *person_uid,
                            remains_result *res, pl_err *err)
{
	arena a;
	arena_init(&a, 0);
	remains_case c;
	person p;
	pl_rc rc = store_begin(st, err);
	if(rc) {
		arena_free(&a);
		return rc;
	}
	if(person_uid) /* a prefix of the uid is enough here */
		rc = rperson_identifiable(st, person_uid, &a, &p, res, err);
	if(!rc)
		rc = rcase_load(st, tag, &a, &c, err);
	if(!rc) {
		res->before = res->after = c.status;
		/* Identifying a case again as the same person changes nothing, but
		 * there is nothing to withdraw from an unidentified case. */
		if(to == RS_UNIDENTIFIED && c.status == to)
			rc = remains_refuse(res, RF_STATUS, pl_failc(err, PL_ECONFLICT, "remains.withdraw_none", "case", c.tag,
			                                             "status", "unidentified", NULL));
		else
			rc = rcase_move(st, &c, to, person_uid ? p.uid : NULL, &a, res, err);
	}
	if(!rc && c.status != res->before)
		res->saved = REMAINS_UPDATED;
	rc = store_end(st, rc, err);
	arena_free(&a);
	return rc;
}

pl_rc remains_identify(store *st, const char *tag, const char *person_uid, bool confirm,
                          remains_result *res, pl_err *err)
{
	remains_result_init(res);
	if(!person_uid || !*person_uid)
		return remains_refuse(res, RF_PERSON, pl_failc(err, PL_EINPUT, "remains.which_person", NULL));
	return move_tagged(st, tag, confirm ? RS_CONFIRMED : RS_PRELIMINARY, person_uid, res, err);
}

pl_rc remains_withdraw(store *st, const char *tag, remains_result *res, pl_err *err)
{
	remains_result_init(res);
	return move_tagged(st, tag, RS_UNIDENTIFIED, NULL, res, err);
}

pl_rc remains_return(store *st, const char *tag, const char *to, const char *date,
                        const char *note, remains_result *res, pl_err *err)
{
	remains_result_init(res);
	arena a;
	arena_init(&a, 0);
	const char *party, *day, *text;
	remains_case c;
	pl_rc rc = remains_clean_arg(RF_TO_PARTY, "to", to, true, &a, &party, res, err);
	if(!rc)
		rc = remains_clean_arg(RF_HANDOVER_DATE, "date", date, true, &a, &day, res, err);
	if(!rc)
		rc = remains_clean_arg(RF_NOTE, "note", note, false, &a, &text, res, err);
	if(!rc && !(rc = store_begin(st, err))) {
		const char *why = NULL;
		if(!(rc = rcase_load(st, tag, &a, &c, err))) {
			res->before = res->after = c.status;
			why = remains_transition_refused(c.status, RS_RETURNED);
		}
		if(why)
			rc = remains_refuse(res, RF_STATUS,
			                    pl_failc(err, PL_ECONFLICT, "remains.cannot_return", "case", c.tag, "status",
			                             remains_status_name(c.status), "why", why, NULL));
		char custody[600];
		snprintf(custody, sizeof(custody), "returned to %s: the remains belong to the other side%s%s",
		         party, text ? ": " : "", text ? text : "");
		if(!rc)
			rc = rcase_custody_append(st, &c, party, day, custody, err);
		if(!rc)
			rc = set_status(st, &c, RS_RETURNED, NULL, "return",
			                json_pack("{s:s, s:s}", "to", party, "date", day), &a, res, err);
		res->saved = rc ? REMAINS_UNCHANGED : REMAINS_UPDATED;
		rc = store_end(st, rc, err);
	}
	arena_free(&a);
	return rc;
}
