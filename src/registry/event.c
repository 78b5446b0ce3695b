/* Events: the dated facts that move a person through the lifecycle. */
#include <stdlib.h>
#include <string.h>

#include "audit/audit.h"
#include "registry/internal.h"

pl_rc event_write_json(buf *out, const event *e, bool with_statuses)
{
	json_writer w;
	json_open(&w, out);
	if(e->uid[0])
		json_member_string(&w, "id", e->uid);
	for(int i = 0; i < EF_COUNT; i++)
		if(e->f[i])
			json_member_string(&w, event_fields[i].name, e->f[i]);
	if(with_statuses) {
		json_member_string(&w, "status_before", lifecycle_status_name(e->before));
		json_member_string(&w, "status_after", lifecycle_status_name(e->after));
	}
	return json_close(&w);
}

#define EVENT_COLUMNS \
	"e.id, e.uid, p.uid, e.type, e.date, e.source, e.place, e.note, e.cause, e.burial_place," \
	" e.grave, e.status_before, e.status_after, e.note_code, e.note_args"

static void event_from_row(sqlite3_stmt *s, arena *a, event *e)
{
	memset(e, 0, sizeof(*e));
	e->id = sqlite3_column_int64(s, 0);
	snprintf(e->uid, sizeof(e->uid), "%s", store_column_text(s, 1));
	snprintf(e->person_uid, sizeof(e->person_uid), "%s", store_column_text(s, 2));
	for(int i = 0; i < EF_COUNT; i++)
		e->f[i] = arena_strdup(a, store_column_text(s, 3 + i));
	int b = lifecycle_status_parse(store_column_text(s, 3 + EF_COUNT));
	int f = lifecycle_status_parse(store_column_text(s, 4 + EF_COUNT));
	e->before = b < 0 ? ST_INITIAL : (person_status)b;
	e->after = f < 0 ? ST_INITIAL : (person_status)f;
	e->note_code = arena_strdup(a, store_column_text(s, 5 + EF_COUNT));
	e->note_args = arena_strdup(a, store_column_text(s, 6 + EF_COUNT));
}

pl_rc registry_person_events(store *st, int64_t person_id, arena *a, event **out, size_t *n,
                                pl_err *err)
{
	registry *r;
	pl_rc rc = registry_get(st, &r, err);
	if(rc)
		return rc;
	sqlite3_stmt *s;
	rc = store_stmt(r->st, "SELECT " EVENT_COLUMNS " FROM event e JOIN person p"
	                       " ON p.id = e.person_id WHERE e.person_id = ?"
	                       " ORDER BY e.date, e.id", &s, err);
	if(rc)
		return rc;
	sqlite3_bind_int64(s, 1, person_id);
	int x = SQLITE_DONE;
	size_t cap = 16, len = 0;
	event *ev = arena_alloc(a, cap * sizeof(*ev));
	while(ev && (x = sqlite3_step(s)) == SQLITE_ROW) {
		if(len == cap) {
			event *bigger = arena_alloc(a, 2 * cap * sizeof(*ev));
			if(bigger)
				memcpy(bigger, ev, len * sizeof(*ev));
			ev = bigger;
			cap *= 2;
			if(!ev)
				break;
		}
		event_from_row(s, a, &ev[len++]);
	}
	sqlite3_reset(s);
	if(!ev || arena_oom(a))
		return pl_nomem(err);
	if(x != SQLITE_DONE)
		return store_fail(r->st, err, x, "reading events");
	*out = ev;
	*n = len;
	return PL_OK;
}

static pl_rc refused(const person *p, const event *e, person_status at, const char *when,
                     pl_err *err)
{
	char allowed[512];
	lifecycle_allowed_text(at, allowed, sizeof(allowed));
	return pl_failc(err, PL_ECONFLICT, "event.refused", "person", p->uid, "type", e->f[EF_TYPE],
	                "date", e->f[EF_DATE], "when", when, "status", lifecycle_status_name(at),
	                "allowed", allowed, NULL);
}

/* Insert e. *existed (or NULL): an event with e's uid is there already,
 * and nothing was written; otherwise a uid taken is an error. */
static pl_rc insert_event(registry *r, const person *p, event *e, bool *existed, pl_err *err)
{
	sqlite3_stmt *s;
	pl_rc rc = existed
	           ? store_stmt(r->st, "INSERT INTO event(uid, person_id, type, date, source, place,"
	                               " note, cause, burial_place, grave, status_before, status_after,"
	                               " created_at, note_code, note_args)"
	                               " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?) ON CONFLICT(uid) DO NOTHING",
	                        &s, err)
	           : store_stmt(r->st, "INSERT INTO event(uid, person_id, type, date, source, place,"
	                               " note, cause, burial_place, grave, status_before, status_after,"
	                               " created_at, note_code, note_args)"
	                               " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)", &s, err);
	if(rc)
		return rc;
	char now[TIMESTAMP_STR_MAX];
	date_now_iso(now);
	sqlite3_bind_text(s, 1, e->uid, -1, SQLITE_STATIC);
	sqlite3_bind_int64(s, 2, p->id);
	for(int i = 0; i < EF_COUNT; i++)
		store_bind_text(s, 3 + i, e->f[i]);
	sqlite3_bind_text(s, 3 + EF_COUNT, lifecycle_status_name(e->before), -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 4 + EF_COUNT, lifecycle_status_name(e->after), -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 5 + EF_COUNT, now, -1, SQLITE_TRANSIENT);
	store_bind_text(s, 6 + EF_COUNT, e->note_code);
	store_bind_text(s, 7 + EF_COUNT, e->note_args);
	int x = sqlite3_step(s);
	sqlite3_reset(s);
	if(x == SQLITE_DONE && existed && !sqlite3_changes(store_db(r->st))) {
		*existed = true;
		return PL_OK;
	}
	if(x == SQLITE_DONE) {
		e->id = sqlite3_last_insert_rowid(store_db(r->st));
		return PL_OK;
	}
	if((x & 0xff) == SQLITE_CONSTRAINT)
		return pl_failc(err, PL_ECONFLICT, "event.exists", "event", e->uid, NULL);
	return store_fail(r->st, err, x, "writing an event");
}

static pl_rc set_statuses(registry *r, int64_t event_id, person_status before,
                          person_status after, pl_err *err)
{
	sqlite3_stmt *s;
	pl_rc rc = store_stmt(r->st, "UPDATE event SET status_before = ?, status_after = ?"
	                             " WHERE id = ?", &s, err);
	if(rc)
		return rc;
	sqlite3_bind_text(s, 1, lifecycle_status_name(before), -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 2, lifecycle_status_name(after), -1, SQLITE_STATIC);
	sqlite3_bind_int64(s, 3, event_id);
	int x = sqlite3_step(s);
	sqlite3_reset(s);
	return x == SQLITE_DONE ? PL_OK : store_fail(r->st, err, x, "updating an event");
}

pl_rc person_status_store(registry *r, const person *p, pl_err *err)
{
	sqlite3_stmt *s;
	pl_rc rc = store_stmt(r->st, "UPDATE person_state SET status = ? WHERE person_id = ?", &s, err);
	if(rc)
		return rc;
	sqlite3_bind_text(s, 1, lifecycle_status_name(p->status), -1, SQLITE_STATIC);
	sqlite3_bind_int64(s, 2, p->id);
	int x = sqlite3_step(s);
	sqlite3_reset(s);
	if(x != SQLITE_DONE)
		return store_fail(r->st, err, x, "updating a status");
	/* Every person has its row from its insert on (step 11 made them for
	 * those before): none means the file was edited by hand. */
	if(sqlite3_changes(store_db(r->st)) != 1)
		return pl_failc(err, PL_EINTEGRITY, "registry.no_status_row", "person", p->uid, NULL);
	return PL_OK;
}

/* The latest event date of the person, or none. */
static pl_rc last_date(registry *r, const person *p, char *out, size_t size, bool *any,
                       pl_err *err)
{
	sqlite3_stmt *s;
	pl_rc rc = store_stmt(r->st, "SELECT max(date) FROM event WHERE person_id = ?", &s, err);
	if(rc)
		return rc;
	sqlite3_bind_int64(s, 1, p->id);
	int x = sqlite3_step(s);
	const char *d = x == SQLITE_ROW ? store_column_text(s, 0) : NULL;
	*any = d != NULL;
	if(d)
		snprintf(out, size, "%s", d);
	sqlite3_reset(s);
	return x == SQLITE_ROW ? PL_OK : store_fail(r->st, err, x, "reading events");
}

/* An event dated before others: replay the whole history with it in place.
 * Events sort by date, then by the order they were recorded in. */
static pl_rc replay(registry *r, person *p, event *e, pl_err *err)
{
	arena a;
	arena_init(&a, 0);
	event *ev;
	size_t n;
	pl_rc rc = registry_person_events(r->st, p->id, &a, &ev, &n, err);
	if(rc) {
		arena_free(&a);
		return rc;
	}
	person_status st = ST_INITIAL;
	bool placed = false;
	for(size_t i = 0; !rc && (i < n || !placed);) {
		bool here = !placed && (i == n || strcmp(e->f[EF_DATE], ev[i].f[EF_DATE]) < 0);
		event *cur = here ? e : &ev[i];
		int next = lifecycle_next(st, (event_type)lifecycle_event_parse(cur->f[EF_TYPE]));
		if(next < 0) {
			rc = here ? refused(p, e, st, "event.when_then", err)
			          : pl_failc(err, PL_ECONFLICT, "event.refused_later", "person", p->uid, "type",
			                     e->f[EF_TYPE], "date", e->f[EF_DATE], "later", ev[i].f[EF_TYPE],
			                     "later_date", ev[i].f[EF_DATE], "status", lifecycle_status_name(st),
			                     NULL);
			break;
		}
		if(here) {
			e->before = st;
			e->after = (person_status)next;
			placed = true;
		} else {
			if(cur->before != st || cur->after != (person_status)next)
				rc = set_statuses(r, cur->id, st, (person_status)next, err);
			i++;
		}
		st = (person_status)next;
	}
	if(!rc)
		rc = insert_event(r, p, e, NULL, err);
	if(!rc)
		p->status = st;
	arena_free(&a);
	return rc;
}

/* An import's events of one person go into the audit chain as one entry
 * per run of rows, not one each: the entry, its hash and its index row
 * took a sixth of a million persons' events import. Each event is still
 * there whole, with its statuses before and after. A run longer than this
 * is cut into several entries, so that none grows without bound. */
enum { AUDIT_EVENTS_MAX = 256 };

pl_rc event_audit_flush(registry *r, const person *p, event_last *known, pl_err *err)
{
	if(!known->audit || !known->naudit)
		return PL_OK;
	known->naudit = 0;
	if(buf_adds(known->audit, "]}"))
		return pl_nomem(err);
	return audit_append(r->st, NULL, "add", "event", p->uid, NULL, buf_str(known->audit), err);
}

static pl_rc audit_gather(registry *r, const person *p, const event *e, event_last *known,
                          pl_err *err)
{
	if(!known->naudit)
		buf_reset(known->audit);
	if(known->naudit ? buf_addc(known->audit, ',') : buf_adds(known->audit, "{\"events\":["))
		return pl_nomem(err);
	if(event_write_json(known->audit, e, true))
		return pl_nomem(err);
	return ++known->naudit < AUDIT_EVENTS_MAX ? PL_OK : event_audit_flush(r, p, known, err);
}

pl_rc event_apply(registry *r, person *p, event *e, pl_err *err)
{
	return event_apply_to(r, p, e, true, NULL, err);
}

pl_rc event_apply_to(registry *r, person *p, event *e, bool store_status, event_last *known,
                     pl_err *err)
{
	person_status was = p->status;
	int type = e->f[EF_TYPE] ? lifecycle_event_parse(e->f[EF_TYPE]) : -1;
	if(type < 0)
		return pl_failc(err, PL_EINPUT, "event.unknown_type", NULL);
	for(int i = 0; i < EF_COUNT; i++)
		if((event_fields[i].flags & FIELD_REQUIRED) && !e->f[i])
			return pl_failc(err, PL_EINPUT, "field.required", "field", event_fields[i].name, NULL);
	pl_rc rc = fields_check(event_fields, EF_COUNT, e->f, store_today(r->st), err);
	if(rc)
		return rc;
	if(!lifecycle_event_has_death_fields((event_type)type) &&
	   (e->f[EF_CAUSE] || e->f[EF_BURIAL_PLACE] || e->f[EF_GRAVE]))
		return pl_failc(err, PL_EINPUT, "import.death_fields", "type", e->f[EF_TYPE], NULL);
	if(!registry_event_source_fits((event_type)type, e->f[EF_SOURCE]))
		return pl_failc(err, PL_EINPUT, "event.sighting_source", "type", e->f[EF_TYPE], "source",
		                e->f[EF_SOURCE], NULL);
	pdate date, birth;
	const char *why;
	if(p->f[PF_BIRTH_DATE] && date_parse(p->f[PF_BIRTH_DATE], &birth, &why) &&
	   date_parse(e->f[EF_DATE], &date, &why) && date_hi(date) < date_lo(birth))
		return pl_failc(err, PL_EINPUT, "event.before_birth", "person", p->uid, "type",
		                e->f[EF_TYPE], "date", e->f[EF_DATE], "birth", p->f[PF_BIRTH_DATE], NULL);
	if(!e->uid[0])
		registry_uid('E', e->uid);
	else if(!registry_uid_valid('E', e->uid))
		return pl_failc(err, PL_EINPUT, "registry.bad_id", "prefix", "E", NULL);
	memcpy(e->person_uid, p->uid, sizeof(e->person_uid));

	char last[DATE_STR_MAX + 1] = "";
	bool any = known && known->known && known->date[0];
	if(any)
		memcpy(last, known->date, sizeof(last));
	else if(!(known && known->known) && (rc = last_date(r, p, last, sizeof(last), &any, err)))
		return rc;
	/* A uid not yet looked for is looked for where it matters: before a
	 * replay rewrites other events, or a refusal that an event already
	 * there would explain; otherwise the insert itself finds it. */
	bool unchecked = known && known->unchecked, existed = false;
	if(unchecked)
		known->existed = false;
	if(unchecked && any && strcmp(e->f[EF_DATE], last) < 0 &&
	   (rc = event_find_same(r, p, e, &existed, err)))
		return rc;
	if(existed) {
		known->existed = true;
		return PL_OK;
	}
	if(any && strcmp(e->f[EF_DATE], last) < 0) {
		rc = replay(r, p, e, err);
	} else {
		int next = lifecycle_next(p->status, (event_type)type);
		if(next < 0 && unchecked && (rc = event_find_same(r, p, e, &existed, err)))
			return rc;
		if(existed) {
			known->existed = true;
			return PL_OK;
		}
		if(next < 0)
			return refused(p, e, p->status, "event.when_in", err);
		e->before = p->status;
		e->after = (person_status)next;
		rc = insert_event(r, p, e, unchecked ? &existed : NULL, err);
		if(existed) {
			known->existed = true;
			return PL_OK;
		}
		if(!rc)
			p->status = e->after;
	}
	if(!rc && store_status && p->status != was)
		rc = person_status_store(r, p, err);
	if(rc)
		return rc;
	if(known) { /* the latest date is now this event's or what it was */
		known->known = true;
		snprintf(known->date, sizeof(known->date), "%s",
		         any && strcmp(e->f[EF_DATE], last) < 0 ? last : e->f[EF_DATE]);
	}
	if(known && known->audit)
		return audit_gather(r, p, e, known, err);
	buf *after = &r->audit_after;
	buf_reset(after);
	if(event_write_json(after, e, true))
		return pl_nomem(err);
	return audit_append(r->st, NULL, "add", "event", p->uid, NULL, buf_str(after), err);
}

/* The event's fields bound as ?2..?9 of s; then the row found, if any,
 * is e (same person, same content) or a clash. */
static pl_rc same_row(registry *r, sqlite3_stmt *s, const person *p, const event *e, bool *found,
                      pl_err *err)
{
	*found = false;
	for(int i = 0; i < EF_COUNT; i++)
		store_bind_text(s, 2 + i, e->f[i]);
	int x = sqlite3_step(s);
	if(x == SQLITE_ROW) {
		bool mine = sqlite3_column_int64(s, 0) == p->id, equal = sqlite3_column_int(s, 1);
		sqlite3_reset(s);
		if(!mine || !equal)
			return pl_failc(err, PL_ECONFLICT, mine ? "event.exists_other" : "event.exists_elsewhere",
			                "event", e->uid, NULL);
		*found = true;
		return PL_OK;
	}
	sqlite3_reset(s);
	return x == SQLITE_DONE ? PL_OK : store_fail(r->st, err, x, "reading events");
}

#define SAME_CONTENT "type IS ?2 AND date IS ?3 AND source IS ?4 AND place IS ?5 AND note IS ?6" \
	" AND cause IS ?7 AND burial_place IS ?8 AND grave IS ?9"

pl_rc event_find_same(registry *r, const person *p, const event *e, bool *found, pl_err *err)
{
	sqlite3_stmt *s;
	pl_rc rc;
	*found = false;
	if(e->uid[0])
		rc = store_stmt(r->st, "SELECT person_id, " SAME_CONTENT " FROM event WHERE uid = ?1", &s, err);
	else
		rc = store_stmt(r->st, "SELECT person_id, 1 FROM event WHERE person_id = ?10 AND "
		                       SAME_CONTENT, &s, err);
	if(rc)
		return rc;
	if(e->uid[0])
		sqlite3_bind_text(s, 1, e->uid, -1, SQLITE_STATIC);
	else
		sqlite3_bind_int64(s, 10, p->id);
	return same_row(r, s, p, e, found, err);
}

pl_rc event_find_same_at(registry *r, const person *p, const event *e, int64_t id, bool *found,
                         pl_err *err)
{
	sqlite3_stmt *s;
	pl_rc rc = store_stmt(r->st, "SELECT person_id, " SAME_CONTENT " FROM event WHERE id = ?10",
	                      &s, err);
	if(rc)
		return rc;
	sqlite3_bind_int64(s, 10, id);
	return same_row(r, s, p, e, found, err);
}

pl_rc registry_event_add(store *st, const char *person_uid, event *e, pl_err *err)
{
	registry *r;
	pl_rc rc = registry_get(st, &r, err);
	if(rc)
		return rc;
	arena a;
	arena_init(&a, 0);
	person p;
	rc = store_begin(r->st, err);
	if(rc)
		return rc;
	if(!(rc = registry_person_get(r->st, person_uid, &a, &p, err)))
		rc = event_apply(r, &p, e, err);
	rc = store_end(r->st, rc, err);
	arena_free(&a);
	return rc;
}

/* ---- voiding an event ------------------------------------------------------------ */

/* The person's history without event `skip`, folded again from the start:
 * each later event's statuses set anew, p->status the end. Refused when an
 * event would no longer be possible where it then stands. */
static pl_rc refold_without(registry *r, person *p, const event *skip, pl_err *err)
{
	arena a;
	arena_init(&a, 0);
	event *ev;
	size_t n;
	pl_rc rc = registry_person_events(r->st, p->id, &a, &ev, &n, err);
	person_status st = ST_INITIAL;
	for(size_t i = 0; !rc && i < n; i++) {
		if(ev[i].id == skip->id)
			continue;
		int next = lifecycle_next(st, (event_type)lifecycle_event_parse(ev[i].f[EF_TYPE]));
		if(next < 0)
			rc = pl_failc(err, PL_ECONFLICT, "event.needed_by_later", "person", p->uid, "type",
			              skip->f[EF_TYPE], "date", skip->f[EF_DATE], "later", ev[i].f[EF_TYPE],
			              "later_date", ev[i].f[EF_DATE], "status", lifecycle_status_name(st), NULL);
		else if(ev[i].before != st || ev[i].after != (person_status)next)
			rc = set_statuses(r, ev[i].id, st, (person_status)next, err);
		st = next < 0 ? st : (person_status)next;
	}
	if(!rc)
		p->status = st;
	arena_free(&a);
	return rc;
}

/* The event with this uid and its person, in a. */
static pl_rc event_load(registry *r, const char *uid, arena *a, event *e, person *p, pl_err *err)
{
	sqlite3_stmt *s;
	pl_rc rc = store_stmt(r->st, "SELECT " EVENT_COLUMNS " FROM event e JOIN person p"
	                             " ON p.id = e.person_id WHERE e.uid = ?", &s, err);
	if(rc)
		return rc;
	sqlite3_bind_text(s, 1, uid, -1, SQLITE_STATIC);
	int x = sqlite3_step(s);
	if(x == SQLITE_ROW)
		event_from_row(s, a, e);
	sqlite3_reset(s);
	if(x == SQLITE_DONE)
		return pl_failc(err, PL_ENOTFOUND, "event.no_such", "event", uid, NULL);
	if(x != SQLITE_ROW)
		return store_fail(r->st, err, x, "reading an event");
	return registry_person_get(r->st, e->person_uid, a, p, err);
}

pl_rc registry_event_void(store *st, const char *event_uid, const char *reason, pl_err *err)
{
	if(!reason || !*reason)
		return pl_failc(err, PL_EINPUT, "event.void_reason", NULL);
	registry *r;
	pl_rc rc = registry_get(st, &r, err);
	if(rc)
		return rc;
	arena a;
	arena_init(&a, 0);
	event e;
	person p;
	if((rc = store_begin(r->st, err))) {
		arena_free(&a);
		return rc;
	}
	person_status was = ST_INITIAL;
	sqlite3_stmt *s = NULL;
	if(!(rc = event_load(r, event_uid, &a, &e, &p, err))) {
		was = p.status;
		rc = refold_without(r, &p, &e, err);
	}
	if(!rc && !(rc = store_stmt(r->st, "DELETE FROM event WHERE id = ?", &s, err))) {
		sqlite3_bind_int64(s, 1, e.id);
		int x = sqlite3_step(s);
		sqlite3_reset(s);
		if(x != SQLITE_DONE)
			rc = store_fail(r->st, err, x, "voiding an event");
	}
	if(!rc && p.status != was)
		rc = person_status_store(r, &p, err);
	buf *before = &r->audit_before;
	buf_reset(before);
	if(!rc && event_write_json(before, &e, true))
		rc = pl_nomem(err);
	if(!rc) {
		json_t *after = json_pack("{s:s, s:s, s:s}", "voided", e.uid, "reason", reason, "status",
		                          lifecycle_status_name(p.status));
		char *text = after ? json_dumps(after, JSON_COMPACT | JSON_PRESERVE_ORDER) : NULL;
		json_decref(after);
		rc = text ? audit_append(r->st, NULL, "void", "event", p.uid, buf_str(before), text, err)
		          : pl_nomem(err);
		free(text);
	}
	rc = store_end(r->st, rc, err);
	arena_free(&a);
	return rc;
}
