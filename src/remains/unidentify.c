/* Withdrawing an identification found wrong: a confirmed (or preliminary)
 * case back to unidentified, the person's events its confirmation
 * recorded voided in the registry, and fragments removed. */
#include <string.h>

#include "remains/internal.h"

/* Did the confirmation of case `tag` record event e? confirm_events notes
 * "remains case TAG" or "remains case TAG, batch LABEL", from own records. */
static bool recorded_by(const event *e, const char *tag)
{
	const char *note = e->f[EF_NOTE], *type = e->f[EF_TYPE], *src = e->f[EF_SOURCE];
	size_t n = strlen("remains case "), t = strlen(tag);
	if(!note || !type || !src || strcmp(src, "own_records") ||
	   (strcmp(type, "identified") && strcmp(type, "remains_returned")))
		return false;
	return !strncmp(note, "remains case ", n) && !strncmp(note + n, tag, t) &&
	       (!note[n + t] || !strncmp(note + n + t, ", batch ", 8));
}

/* Void the person's events that the confirmation of c recorded, newest
 * first (identified, then remains_returned), unless another case is still
 * confirmed as them: then they stay identified through that one. */
static pl_rc void_events(store *st, const remains_case *c, const char *reason, arena *a,
                            remains_result *res, pl_err *err)
{
	remains_spread sp;
	pl_rc rc = remains_person_spread(st, c->id, c->person_id, &sp, err);
	if(rc)
		return rc;
	if(sp.others) {
		remains_note(res, "%s stays identified: their remains are also confirmed in case %s", c->person,
		             sp.tags);
		return PL_OK;
	}
	event *ev;
	size_t n;
	if((rc = registry_person_events(st, c->person_id, a, &ev, &n, err)))
		return rc;
	for(size_t i = n; !rc && i-- > 0;)
		if(recorded_by(&ev[i], c->tag) && !(rc = registry_event_void(st, ev[i].uid, reason, err)))
			res->events_voided++;
	if(!rc && !res->events_voided)
		remains_note(res, "no event of %s was recorded by case %s: the person's lifecycle is as it "
		             "was", c->person, c->tag);
	return rc;
}

/* The remains moved on after the identification (released to a family,
 * sent for burial): refused, unless they are back with whoever held them
 * when it was made. */
static pl_rc moved_on(store *st, const remains_case *c, const char *since, remains_result *res,
                         pl_err *err)
{
	sqlite3_stmt *s;
	pl_rc rc = store_stmt(st, "SELECT l.holder, l.since, (SELECT holder FROM remains_custody WHERE"
	                          " case_id = ?1 AND created_at <= ?2 ORDER BY id DESC LIMIT 1)"
	                          " FROM remains_custody l WHERE l.case_id = ?1 AND l.created_at > ?2"
	                          " ORDER BY l.id DESC LIMIT 1", &s, err);
	if(rc)
		return rc;
	sqlite3_bind_int64(s, 1, c->id);
	sqlite3_bind_text(s, 2, since, -1, SQLITE_STATIC);
	int x = sqlite3_step(s);
	if(x == SQLITE_ROW && !remains_same(store_column_text(s, 0), store_column_text(s, 2))) {
		char holder[300], day[DATE_STR_MAX + 1], then[300];
		snprintf(holder, sizeof(holder), "%s", store_column_text(s, 0));
		snprintf(day, sizeof(day), "%s", store_column_text(s, 1));
		const char *h0 = store_column_text(s, 2);
		snprintf(then, sizeof(then), "%s", h0 ? h0 : "remains.the_office");
		sqlite3_reset(s);
		return remains_refuse(res, RF_HOLDER,
		                      pl_failc(err, PL_ECONFLICT, "remains.moved_on", "case", c->tag, "holder", holder,
		                               "since", day, "then", then, NULL));
	}
	sqlite3_reset(s);
	return x == SQLITE_ROW || x == SQLITE_DONE ? PL_OK : store_fail(st, err, x, "reading custody");
}

pl_rc remains_unidentify(store *st, const char *tag, const char *person_uid, const char *since,
                            const char *reason, remains_result *res, pl_err *err)
{
	remains_result_init(res);
	if(!reason || !*reason)
		return remains_refuse(res, RF_NOTE, pl_failc(err, PL_EINPUT, "remains.withdraw_reason", NULL));
	arena a;
	arena_init(&a, 0);
	remains_case c;
	pl_rc rc = store_begin(st, err);
	if(rc) {
		arena_free(&a);
		return rc;
	}
	if(!(rc = rcase_load(st, tag, &a, &c, err)))
		res->before = res->after = c.status;
	if(!rc && (c.status == RS_UNIDENTIFIED || c.status == RS_RETURNED))
		rc = remains_refuse(res, RF_STATUS,
		                    pl_failc(err, PL_ECONFLICT, c.status == RS_RETURNED ? "remains.withdraw_returned"
		                             : "remains.withdraw_none", "case", c.tag, "status",
		                             remains_status_name(c.status), NULL));
	if(!rc && person_uid && !remains_same(person_uid, c.person))
		rc = remains_refuse(res, RF_PERSON, pl_failc(err, PL_ECONFLICT, "remains.identified_other", "case",
		                                             c.tag, "person", c.person, "other", person_uid, NULL));
	if(!rc && since)
		rc = moved_on(st, &c, since, res, err);
	if(!rc && c.status == RS_CONFIRMED)
		rc = void_events(st, &c, reason, &a, res, err);
	if(!rc)
		rc = rcase_unidentified(st, &c, reason, &a, res, err);
	res->saved = rc ? REMAINS_UNCHANGED : REMAINS_UPDATED;
	rc = store_end(st, rc, err);
	arena_free(&a);
	return rc;
}
