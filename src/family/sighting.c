/* Testimonies read back, the review queue of their sightings, and the
 * reviewer's decision on each (docs/families.md, "Testimonies"). An
 * accepted sighting is an event of the registry, type sighting, source
 * testimony: the lifecycle lets it move nobody, so a status never changes
 * by it. The event's uid is kept on the sighting, in the same transaction:
 * accepting twice finds it and writes nothing. */
#include <string.h>

#include "audit/audit.h"
#include "core/msg.h"
#include "family/internal.h"

#define SIGHTING_COLUMNS                                                                             \
	"s.id, s.uid, t.uid, s.surname, s.given_names, s.patronymic, s.nickname, s.rank, s.unit, s.place,"  \
	" s.date, s.condition, s.note, s.status, s.why_none, s.person_id, s.prob, s.confidence,"          \
	" s.event_uid, s.decided_by, s.decided_at, s.decision_note, t.returnee_id, t.taken_on,"          \
	" t.taken_by, t.taken_at"
#define SIGHTING_FROM " FROM sighting s JOIN testimony t ON t.id = s.testimony_id"

static void sighting_row(sqlite3_stmt *s, arena *a, sighting *out)
{
	memset(out, 0, sizeof(*out));
	out->id = sqlite3_column_int64(s, 0);
	snprintf(out->uid, UID_SIZE, "%s", store_column_text(s, 1));
	snprintf(out->testimony, UID_SIZE, "%s", store_column_text(s, 2));
	for(int f = 0; f < SF_COUNT; f++)
		out->f[f] = store_column_dup(s, 3 + f, a);
	int k = 3 + SF_COUNT;
	int st = fam_word(sighting_status_names, store_column_text(s, k));
	out->status = st < 0 ? SS_REVIEW : (sighting_status)st;
	out->why_none = store_column_dup(s, k + 1, a);
	out->who.id = sqlite3_column_int64(s, k + 2);
	out->prob = sqlite3_column_double(s, k + 3);
	out->confidence = store_column_dup(s, k + 4, a);
	out->event = store_column_dup(s, k + 5, a);
	out->decided_by = store_column_dup(s, k + 6, a);
	out->decided_at = store_column_dup(s, k + 7, a);
	out->decision_note = store_column_dup(s, k + 8, a);
	out->returnee.id = sqlite3_column_int64(s, k + 9);
	out->taken_on = store_column_dup(s, k + 10, a);
	out->taken_by = store_column_dup(s, k + 11, a);
	out->taken_at = store_column_dup(s, k + 12, a);
}

/* Each candidate as the registry has them, beside what was said. */
static pl_rc candidates(store *st, sighting *v, arena *a, pl_err *err)
{
	sqlite3_stmt *s;
	pl_rc rc = store_stmt(st, "SELECT person_id, prob FROM sighting_candidate WHERE sighting_id = ? ORDER BY rank",
	                      &s, err);
	if(rc)
		return rc;
	sqlite3_bind_int64(s, 1, v->id);
	v->cand = arena_calloc(a, SIGHTING_CANDIDATES, sizeof(*v->cand));
	if(!v->cand)
		return pl_nomem(err);
	int64_t ids[SIGHTING_CANDIDATES];
	char uids[SIGHTING_CANDIDATES][UID_SIZE];
	int x;
	while((x = sqlite3_step(s)) == SQLITE_ROW && v->ncand < SIGHTING_CANDIDATES) {
		ids[v->ncand] = sqlite3_column_int64(s, 0);
		v->cand[v->ncand++].prob = sqlite3_column_double(s, 1);
	}
	sqlite3_reset(s);
	if(x != SQLITE_DONE && x != SQLITE_ROW)
		return store_fail(st, err, x, "reading candidates");
	if(v->ncand && (rc = registry_person_uids(st, ids, v->ncand, uids, err)))
		return rc;
	for(size_t i = 0; !rc && i < v->ncand; i++) {
		person p;
		if((rc = registry_person_get(st, uids[i], a, &p, err)))
			break;
		sighting_candidate *c = &v->cand[i];
		c->who = (person_brief){.id = p.id, .surname = p.f[PF_SURNAME], .given_names = p.f[PF_GIVEN_NAMES],
		                        .patronymic = p.f[PF_PATRONYMIC], .surname_latin = p.f[PF_SURNAME_LATIN],
		                        .given_names_latin = p.f[PF_GIVEN_NAMES_LATIN],
		                        .patronymic_latin = p.f[PF_PATRONYMIC_LATIN], .sex = p.f[PF_SEX],
		                        .birth_date = p.f[PF_BIRTH_DATE], .party = p.f[PF_PARTY], .status = p.status};
		snprintf(c->who.uid, UID_SIZE, "%s", p.uid);
		c->unit = p.f[PF_UNIT];
		c->capture_place = p.f[PF_CAPTURE_PLACE];
		c->detention_place = p.f[PF_DETENTION_PLACE];
	}
	return rc;
}

/* The persons (the accepted one, the returnee) and the candidates of rows. */
static pl_rc complete(store *st, sighting *rows, size_t n, arena *a, pl_err *err)
{
	if(!n)
		return PL_OK;
	int64_t *ids = arena_calloc(a, 2 * n, sizeof(*ids));
	person_brief *who = arena_calloc(a, 2 * n, sizeof(*who));
	if(!ids || !who)
		return pl_nomem(err);
	for(size_t i = 0; i < n; i++) {
		ids[2 * i] = rows[i].who.id;
		ids[2 * i + 1] = rows[i].returnee.id;
	}
	pl_rc rc = registry_person_briefs(st, ids, 2 * n, a, who, err);
	for(size_t i = 0; !rc && i < n; i++) {
		rows[i].who = who[2 * i];
		rows[i].returnee = who[2 * i + 1];
		rc = candidates(st, &rows[i], a, err);
	}
	return rc;
}


#define QUEUE_WHERE                                                                                  \
	SIGHTING_FROM " WHERE instr(',' || ?1 || ',', ',' || s.status || ',') > 0"                       \
	" AND (?2 IS NULL OR t.uid = ?2) AND (?3 = 0 OR s.person_id = ?3)"

pl_rc family_sighting_list(store *st, const sighting_query *q, arena *a, sighting_page *out, pl_err *err)
{
	memset(out, 0, sizeof(*out));
	int64_t pid = 0;
	pl_rc rc = fam_words_check(sighting_status_names, q->status, "testimony.status", err);
	if(!rc && q->person && (rc = registry_person_id(st, q->person, &pid, err)))
		return rc;
	if(rc || (q->person && !pid))
		return rc;
	sqlite3_stmt *s, *c;
	if((rc = store_stmt(st, "SELECT " SIGHTING_COLUMNS QUEUE_WHERE " ORDER BY s.id LIMIT ?4 OFFSET ?5", &s, err)) ||
	   (rc = store_stmt(st, "SELECT count(*)" QUEUE_WHERE, &c, err)))
		return rc;
	size_t limit = q->limit ? q->limit : 50;
	if(!(out->rows = arena_calloc(a, limit, sizeof(sighting))))
		return pl_nomem(err);
	sqlite3_stmt *both[2] = {s, c};
	for(int k = 0; k < 2; k++) {
		sqlite3_bind_text(both[k], 1, q->status && *q->status ? q->status : "review", -1, SQLITE_STATIC);
		store_bind_text(both[k], 2, q->testimony);
		sqlite3_bind_int64(both[k], 3, pid);
	}
	sqlite3_bind_int64(s, 4, (sqlite3_int64)limit);
	sqlite3_bind_int64(s, 5, (sqlite3_int64)q->offset);
	int x;
	while((x = sqlite3_step(s)) == SQLITE_ROW && out->n < limit)
		sighting_row(s, a, &out->rows[out->n++]);
	sqlite3_reset(s);
	if(x != SQLITE_DONE && x != SQLITE_ROW)
		return store_fail(st, err, x, "reading sightings");
	x = sqlite3_step(c);
	out->total = x == SQLITE_ROW ? (size_t)sqlite3_column_int64(c, 0) : 0;
	sqlite3_reset(c);
	if(x != SQLITE_ROW)
		return store_fail(st, err, x, "counting sightings");
	return complete(st, out->rows, out->n, a, err);
}

/* The one row whose uid starts with uid (at least 5 characters) of the
 * statement s (?1 the prefix, at most two rows), read by row(); code and
 * key name it in refusals. */
typedef void (*row_fn)(sqlite3_stmt *s, arena *a, void *out);

static pl_rc by_prefix(store *st, sqlite3_stmt *s, const char *uid, row_fn row, arena *a, void *out,
                       const char *code, const char *key, pl_err *err)
{
	sqlite3_bind_text(s, 1, uid, -1, SQLITE_STATIC);
	int x = sqlite3_step(s), found = 0;
	if(x == SQLITE_ROW) {
		row(s, a, out);
		found = 1;
		x = sqlite3_step(s);
		found += x == SQLITE_ROW;
	}
	sqlite3_reset(s);
	if(x != SQLITE_DONE && x != SQLITE_ROW)
		return store_fail(st, err, x, "reading a testimony");
	if(found != 1)
		return pl_failc(err, found ? PL_EUSAGE : PL_ENOTFOUND, found ? "testimony.ambiguous" : code,
		                found ? "id" : key, uid, NULL);
	return PL_OK;
}

static bool prefix_ok(const char *uid)
{
	size_t len = uid ? strlen(uid) : 0;
	return len >= 5 && len <= UID_LEN;
}

static void sighting_row_fn(sqlite3_stmt *s, arena *a, void *out)
{
	sighting_row(s, a, out);
}

/* One sighting by uid (or a unique prefix of at least 5). */
static pl_rc sighting_load(store *st, const char *uid, arena *a, sighting *out, pl_err *err)
{
	if(!prefix_ok(uid))
		return pl_failc(err, PL_ENOTFOUND, "testimony.no_such_sighting", "sighting", uid ? uid : "", NULL);
	sqlite3_stmt *s;
	pl_rc rc = store_stmt(st, "SELECT " SIGHTING_COLUMNS SIGHTING_FROM " WHERE s.uid >= ?1 AND s.uid < ?1 || 'z'"
	                          " ORDER BY s.uid LIMIT 2", &s, err);
	return rc ? rc : by_prefix(st, s, uid, sighting_row_fn, a, out, "testimony.no_such_sighting", "sighting", err);
}

pl_rc family_sighting_get(store *st, const char *uid, arena *a, sighting *out, pl_err *err)
{
	pl_rc rc = sighting_load(st, uid, a, out, err);
	return rc ? rc : complete(st, out, 1, a, err);
}

/* ---- testimonies ---------------------------------------------------------------------- */

#define TESTIMONY_COLUMNS                                                                            \
	"t.id, t.uid, t.ref, t.returnee_id, t.taken_on, t.taken_by, t.taken_at, t.note, t.actor,"        \
	" t.created_at, (SELECT count(*) FROM sighting s WHERE s.testimony_id = t.id),"                \
	" (SELECT count(*) FROM sighting s WHERE s.testimony_id = t.id AND s.status = 'review')"

static void testimony_row(sqlite3_stmt *s, arena *a, testimony *t)
{
	memset(t, 0, sizeof(*t));
	t->id = sqlite3_column_int64(s, 0);
	snprintf(t->uid, UID_SIZE, "%s", store_column_text(s, 1));
	t->f[TF_REF] = store_column_dup(s, 2, a);
	t->returnee.id = sqlite3_column_int64(s, 3);
	for(int f = TF_TAKEN_ON; f < TF_COUNT; f++)
		t->f[f] = store_column_dup(s, 4 + f - TF_TAKEN_ON, a);
	t->actor = store_column_dup(s, 8, a);
	t->created_at = store_column_dup(s, 9, a);
	t->nsightings = (size_t)sqlite3_column_int64(s, 10);
	t->in_review = (size_t)sqlite3_column_int64(s, 11);
}

static pl_rc returnees(store *st, testimony *t, size_t n, arena *a, pl_err *err)
{
	if(!n)
		return PL_OK;
	int64_t *ids = arena_calloc(a, n, sizeof(*ids));
	person_brief *who = arena_calloc(a, n, sizeof(*who));
	if(!ids || !who)
		return pl_nomem(err);
	for(size_t i = 0; i < n; i++)
		ids[i] = t[i].returnee.id;
	pl_rc rc = registry_person_briefs(st, ids, n, a, who, err);
	for(size_t i = 0; !rc && i < n; i++) {
		t[i].returnee = who[i];
		t[i].f[TF_RETURNEE] = arena_strdup(a, who[i].uid);
	}
	return rc;
}

static void testimony_row_fn(sqlite3_stmt *s, arena *a, void *out)
{
	testimony_row(s, a, out);
}

pl_rc family_testimony_get(store *st, const char *uid, arena *a, testimony *out, pl_err *err)
{
	if(!prefix_ok(uid))
		return pl_failc(err, PL_ENOTFOUND, "testimony.no_such", "testimony", uid ? uid : "", NULL);
	sqlite3_stmt *s;
	pl_rc rc = store_stmt(st, "SELECT " TESTIMONY_COLUMNS " FROM testimony t WHERE t.uid >= ?1 AND t.uid < ?1 || 'z'"
	                          " ORDER BY t.uid LIMIT 2", &s, err);
	rc = rc ? rc : by_prefix(st, s, uid, testimony_row_fn, a, out, "testimony.no_such", "testimony", err);
	if(rc)
		return rc;
	if((rc = returnees(st, out, 1, a, err)))
		return rc;
	sighting_query q = SIGHTING_QUERY_INIT;
	q.status = "review,accepted,rejected,not_in_registry";
	q.testimony = out->uid;
	q.limit = SIGHTINGS_MAX;
	sighting_page pg;
	if((rc = family_sighting_list(st, &q, a, &pg, err)))
		return rc;
	out->s = pg.rows;
	out->nsightings = pg.n;
	return PL_OK;
}

#define LIST_WHERE " FROM testimony t WHERE (?1 = 0 OR t.returnee_id = ?1) AND (?2 = 0 OR EXISTS"         \
	" (SELECT 1 FROM sighting s WHERE s.testimony_id = t.id AND s.status = 'review'))"

pl_rc family_testimony_list(store *st, const testimony_query *q, arena *a, testimony_page *out, pl_err *err)
{
	memset(out, 0, sizeof(*out));
	int64_t pid = 0;
	pl_rc rc = q->returnee ? registry_person_id(st, q->returnee, &pid, err) : PL_OK;
	if(rc || (q->returnee && !pid))
		return rc;
	sqlite3_stmt *s, *c;
	if((rc = store_stmt(st, "SELECT " TESTIMONY_COLUMNS LIST_WHERE " ORDER BY t.id DESC LIMIT ?3 OFFSET ?4", &s,
	                    err)) ||
	   (rc = store_stmt(st, "SELECT count(*)" LIST_WHERE, &c, err)))
		return rc;
	size_t limit = q->limit ? q->limit : 50;
	if(!(out->rows = arena_calloc(a, limit, sizeof(testimony))))
		return pl_nomem(err);
	sqlite3_stmt *both[2] = {s, c};
	for(int k = 0; k < 2; k++) {
		sqlite3_bind_int64(both[k], 1, pid);
		sqlite3_bind_int(both[k], 2, q->open);
	}
	sqlite3_bind_int64(s, 3, (sqlite3_int64)limit);
	sqlite3_bind_int64(s, 4, (sqlite3_int64)q->offset);
	int x;
	while((x = sqlite3_step(s)) == SQLITE_ROW && out->n < limit)
		testimony_row(s, a, &out->rows[out->n++]);
	sqlite3_reset(s);
	if(x != SQLITE_DONE && x != SQLITE_ROW)
		return store_fail(st, err, x, "reading testimonies");
	x = sqlite3_step(c);
	out->total = x == SQLITE_ROW ? (size_t)sqlite3_column_int64(c, 0) : 0;
	sqlite3_reset(c);
	if(x != SQLITE_ROW)
		return store_fail(st, err, x, "counting testimonies");
	return returnees(st, out->rows, out->n, a, err);
}

/* ---- deciding --------------------------------------------------------------------------- */

static const char *returnee_name(const person_brief *r, char *out, size_t size)
{
	snprintf(out, size, "%s%s%s", r->surname ? r->surname : "", r->surname && r->given_names ? " " : "",
	         r->given_names ? r->given_names : "");
	return *out ? out : r->uid;
}

/* The event a sighting accepted as person p becomes. */
static pl_rc sighting_event(store *st, const sighting *v, const char *person_uid, const sighting_decision *d,
                            double prob, arena *a, event *e, pl_err *err)
{
	memset(e, 0, sizeof(*e));
	registry_uid('E', e->uid);
	char name[200], p[16];
	returnee_name(&v->returnee, name, sizeof(name));
	snprintf(p, sizeof(p), "%.2f", prob);
	e->f[EF_TYPE] = lifecycle_event_name(EV_SIGHTING);
	e->f[EF_DATE] = v->f[SF_DATE] ? v->f[SF_DATE] : v->taken_on; /* not said: by the debriefing at the latest */
	e->f[EF_SOURCE] = "testimony";
	e->f[EF_PLACE] = v->f[SF_PLACE];
	json_t *args = json_pack("{s:s, s:s, s:s, s:s, s:s, s:s, s:s}", "condition", v->f[SF_CONDITION], "testimony",
	                         v->testimony, "sighting", v->uid, "returnee", name, "taken", v->taken_on, "confidence",
	                         d->confidence, "prob", p);
	char *text = args ? json_dumps(args, JSON_COMPACT | JSON_SORT_KEYS) : NULL;
	json_decref(args);
	if(!text)
		return pl_nomem(err);
	e->note_args = arena_strdup(a, text);
	free(text);
	e->note_code = "testimony.event_note";
	char note[600];
	fam_msg_json(LANG_EN, e->note_code, e->note_args, note, sizeof(note));
	e->f[EF_NOTE] = arena_strdup(a, note);
	(void)st;
	(void)person_uid;
	return arena_oom(a) ? pl_nomem(err) : PL_OK;
}

static pl_rc decided(store *st, const sighting *v, const char *status, int64_t person_id, double prob,
                     const sighting_decision *d, const char *event_uid, pl_err *err)
{
	sqlite3_stmt *s;
	pl_rc rc = store_stmt(st, "UPDATE sighting SET status = ?2, person_id = ?3, prob = ?4, confidence = ?5,"
	                          " event_uid = ?6, decided_by = ?7, decided_at = ?8, decision_note = ?9"
	                          " WHERE id = ?1 AND status = 'review'", &s, err);
	if(rc)
		return rc;
	char now[TIMESTAMP_STR_MAX];
	date_now_iso(now);
	sqlite3_bind_int64(s, 1, v->id);
	sqlite3_bind_text(s, 2, status, -1, SQLITE_STATIC);
	if(person_id)
		sqlite3_bind_int64(s, 3, person_id);
	if(person_id && prob > 0)
		sqlite3_bind_double(s, 4, prob);
	store_bind_text(s, 5, d->confidence);
	store_bind_text(s, 6, event_uid);
	sqlite3_bind_text(s, 7, store_actor(st), -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 8, now, -1, SQLITE_STATIC);
	store_bind_text(s, 9, d->note && *d->note ? d->note : NULL);
	int x = sqlite3_step(s);
	sqlite3_reset(s);
	if(x != SQLITE_DONE)
		return store_fail(st, err, x, "recording a decision");
	if(!sqlite3_changes(store_db(st))) /* decided meanwhile */
		return pl_failc(err, PL_ECONFLICT, "testimony.decided", "sighting", v->uid, "status", "?", NULL);
	json_t *after = json_pack("{s:s, s:s}", "status", status, "testimony", v->testimony);
	if(after && event_uid)
		json_object_set_new(after, "event", json_string(event_uid));
	if(after && d->confidence)
		json_object_set_new(after, "confidence", json_string(d->confidence));
	if(after && d->note && *d->note)
		json_object_set_new(after, "note", json_string(d->note));
	return fam_audit(st, status, "sighting", v->uid, json_pack("{s:s}", "status", "review"), after, err);
}

/* A decided sighting: refused, unless it is the same acceptance again. */
static pl_rc already(const sighting *v, const char *person_uid, sighting_result *res, pl_err *err)
{
	if(v->status == SS_ACCEPTED && person_uid && !strcmp(person_uid, v->who.uid)) {
		res->already = true;
		snprintf(res->event, UID_SIZE, "%s", v->event ? v->event : "");
		return PL_OK;
	}
	return pl_failc(err, PL_ECONFLICT, "testimony.decided", "sighting", v->uid, "status",
	                sighting_status_names[v->status], NULL);
}

pl_rc family_sighting_accept(store *st, const char *uid, const sighting_decision *d, sighting_result *res,
                             pl_err *err)
{
	memset(res, 0, sizeof(*res));
	if(!d->person || !*d->person)
		return pl_failc(err, PL_EINPUT, "testimony.accept_whom", NULL);
	if(fam_word(sighting_confidence_names, d->confidence) < 0)
		return pl_failc(err, PL_EINPUT, "testimony.confidence", "confidence", d->confidence ? d->confidence : "", NULL);
	arena a;
	arena_init(&a, 0);
	sighting v;
	person p;
	event e;
	pl_rc rc = store_begin(st, err);
	if(rc) {
		arena_free(&a);
		return rc;
	}
	rc = family_sighting_get(st, uid, &a, &v, err);
	rc = rc ? rc : registry_person_get(st, d->person, &a, &p, err);
	bool done = false;
	if(!rc && v.status != SS_REVIEW) {
		rc = already(&v, p.uid, res, err);
		done = true;
	}
	double prob = 0;
	for(size_t i = 0; !rc && !done && i < v.ncand; i++)
		if(!strcmp(v.cand[i].who.uid, p.uid))
			prob = v.cand[i].prob;
	if(!rc && !done && !strcmp(p.uid, v.returnee.uid))
		rc = pl_failc(err, PL_EINPUT, "testimony.self", "person", p.uid, NULL);
	if(!rc && !done && !(rc = sighting_event(st, &v, p.uid, d, prob, &a, &e, err)) &&
	   !(rc = registry_event_add(st, p.uid, &e, err))) {
		rc = decided(st, &v, "accepted", p.id, prob, d, e.uid, err);
		snprintf(res->event, UID_SIZE, "%s", e.uid);
	}
	rc = store_end(st, rc, err);
	arena_free(&a);
	if(rc || done)
		return rc;
	/* The family's news at once, as a list reconciled makes it. */
	watch_report w;
	rc = family_watch_run(st, &w, err);
	res->tasks = w.created;
	return rc;
}

pl_rc family_sighting_reject(store *st, const char *uid, const sighting_decision *d, pl_err *err)
{
	if(!d->not_in_registry && (!d->note || !*d->note))
		return pl_failc(err, PL_EINPUT, "testimony.reject_why", NULL);
	arena a;
	arena_init(&a, 0);
	sighting v;
	pl_rc rc = store_begin(st, err);
	if(rc) {
		arena_free(&a);
		return rc;
	}
	rc = sighting_load(st, uid, &a, &v, err);
	const char *to = d->not_in_registry ? "not_in_registry" : "rejected";
	if(!rc && v.status != SS_REVIEW)
		rc = v.status == (d->not_in_registry ? SS_NOT_IN_REGISTRY : SS_REJECTED)
		     ? PL_OK
		     : pl_failc(err, PL_ECONFLICT, "testimony.decided", "sighting", v.uid, "status",
		                sighting_status_names[v.status], NULL);
	else if(!rc) {
		sighting_decision k = *d;
		k.confidence = NULL;
		rc = decided(st, &v, to, 0, 0, &k, NULL, err);
	}
	rc = store_end(st, rc, err);
	arena_free(&a);
	return rc;
}

pl_rc fam_sighting_evidence(store *st, const char *event_uid, const char **code, json_t **args, pl_err *err)
{
	static const char *const codes[SC_COUNT] = {"watch.ev_sighting_alive", "watch.ev_sighting_wounded",
	                                            "watch.ev_sighting_ill", "watch.ev_sighting_dead",
	                                            "watch.ev_sighting_unknown"};
	*args = NULL;
	sqlite3_stmt *s;
	pl_rc rc = store_stmt(st, "SELECT " SIGHTING_COLUMNS SIGHTING_FROM " WHERE s.event_uid = ?", &s, err);
	if(rc)
		return rc;
	arena a;
	arena_init(&a, 0);
	sighting v;
	sqlite3_bind_text(s, 1, event_uid, -1, SQLITE_STATIC);
	int x = sqlite3_step(s);
	if(x == SQLITE_ROW)
		sighting_row(s, &a, &v);
	sqlite3_reset(s);
	if(x == SQLITE_DONE) { /* a sighting event recorded by hand, not by a review: *args NULL */
		arena_free(&a);
		return PL_OK;
	}
	if(x != SQLITE_ROW)
		rc = store_fail(st, err, x, "reading a sighting");
	int64_t rid = rc ? 0 : v.returnee.id; /* briefs zero what they fill */
	rc = rc ? rc : registry_person_briefs(st, &rid, 1, &a, &v.returnee, err);
	if(!rc) {
		char name[200];
		int c = fam_word(sighting_condition_names, v.f[SF_CONDITION]);
		*code = codes[c < 0 ? SC_UNKNOWN : c];
		*args = json_pack("{s:s, s:s, s:s, s:s, s:s}", "place", v.f[SF_PLACE] ? v.f[SF_PLACE] : "?", "date",
		                  v.f[SF_DATE] ? v.f[SF_DATE] : "?", "returnee", returnee_name(&v.returnee, name, sizeof(name)),
		                  "taken", v.taken_on, "testimony", v.testimony);
		if(!*args)
			rc = pl_nomem(err);
	}
	arena_free(&a);
	return rc;
}

pl_rc family_sighting_log_reads(store *st, const sighting *s, size_t n, const char *action, pl_err *err)
{
	pl_rc rc = PL_OK;
	for(size_t i = 0; i < n && !rc; i++) {
		char detail[80];
		snprintf(detail, sizeof(detail), "testimony %s sighting %s", s[i].testimony, s[i].uid);
		if(s[i].returnee.id)
			rc = audit_access(st, NULL, s[i].returnee.uid, action, detail, err);
		if(!rc && s[i].who.id)
			rc = audit_access(st, NULL, s[i].who.uid, action, detail, err);
		for(size_t c = 0; !rc && c < s[i].ncand; c++)
			rc = audit_access(st, NULL, s[i].cand[c].who.uid, action, detail, err);
	}
	return rc;
}
