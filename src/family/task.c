/* The family liaison's tasks: reading them (open first, by person), giving
 * one to a user, closing it with how and when the family was told, or
 * dismissing it with a reason. The watch (watch.c) makes them. */
#include <string.h>

#include "audit/audit.h"
#include "core/msg.h"
#include "family/internal.h"

const char *const task_kind_names[TK_COUNT + 1] = {"list", "manifest", "status", "remains", "dna", NULL};
const char *const task_status_names[TS_COUNT + 1] = {"open", "done", "dismissed", NULL};
const char *const task_told_names[] = {"phone", "letter", "in_person", NULL};

#define TASK_COLUMNS                                                                            \
	"t.id, t.uid, t.kind, t.source, t.evidence_code, t.evidence_args, q.uid, t.person_id,"      \
	" t.status, t.assignee, t.told_how, t.told_on, t.note, t.closed_by, t.closed_at,"           \
	" t.created_at, t.inquiry_id"
#define TASK_FROM " FROM family_task t JOIN inquiry q ON q.id = t.inquiry_id"

static void from_row(sqlite3_stmt *s, arena *a, family_task *t, int64_t *inquiry_id)
{
	memset(t, 0, sizeof(*t));
	t->id = sqlite3_column_int64(s, 0);
	snprintf(t->uid, sizeof(t->uid), "%s", store_column_text(s, 1));
	int k = fam_word(task_kind_names, store_column_text(s, 2));
	t->kind = k < 0 ? TK_LIST : (task_kind)k;
	t->source = store_column_dup(s, 3, a);
	t->evidence_code = store_column_dup(s, 4, a);
	t->evidence_args = store_column_dup(s, 5, a);
	snprintf(t->inquiry, sizeof(t->inquiry), "%s", store_column_text(s, 6));
	t->who.id = sqlite3_column_int64(s, 7);
	int st = fam_word(task_status_names, store_column_text(s, 8));
	t->status = st < 0 ? TS_OPEN : (task_status)st;
	t->assignee = store_column_dup(s, 9, a);
	t->told_how = store_column_dup(s, 10, a);
	t->told_on = store_column_dup(s, 11, a);
	t->note = store_column_dup(s, 12, a);
	t->closed_by = store_column_dup(s, 13, a);
	t->closed_at = store_column_dup(s, 14, a);
	t->created_at = store_column_dup(s, 15, a);
	*inquiry_id = sqlite3_column_int64(s, 16);
}

/* The persons as the registry has them, and whether each inquiry's
 * tracing consent is in force today. */
static pl_rc complete(store *st, family_task *rows, const int64_t *inquiry_ids, size_t n, arena *a,
                      pl_err *err)
{
	if(!n)
		return PL_OK;
	int64_t *ids = arena_calloc(a, n, sizeof(*ids));
	person_brief *who = arena_calloc(a, n, sizeof(*who));
	if(!ids || !who)
		return pl_nomem(err);
	for(size_t i = 0; i < n; i++)
		ids[i] = rows[i].who.id;
	pl_rc rc = registry_person_briefs(st, ids, n, a, who, err);
	char today[DATE_STR_MAX];
	date_format(store_today(st), today);
	for(size_t i = 0; !rc && i < n; i++) {
		rows[i].who = who[i];
		consent *c;
		size_t nc;
		rc = fam_consents_of(st, inquiry_ids[i], a, &c, &nc, err);
		if(!rc)
			rows[i].may_contact = (fam_in_force(c, nc, today) & (1u << CP_TRACING)) != 0;
	}
	return rc;
}


#define LIST_WHERE                                                                                \
	TASK_FROM " WHERE (?1 IS NULL OR instr(',' || ?1 || ',', ',' || t.status || ',') > 0)"        \
	" AND (?2 = 0 OR t.person_id = ?2) AND (?3 IS NULL OR t.assignee = ?3)"

pl_rc family_task_list(store *st, const task_query *q, arena *a, task_page *out, pl_err *err)
{
	memset(out, 0, sizeof(*out));
	int64_t pid = 0;
	pl_rc rc = fam_words_check(task_status_names, q->status, "watch.task_status", err);
	if(!rc && q->person && (rc = registry_person_id(st, q->person, &pid, err)))
		return rc;
	if(!rc && q->person && !pid)
		return PL_OK; /* nobody: no tasks */
	sqlite3_stmt *s, *c;
	/* Open first; then by person, so that one family's news reads together. */
	if(rc || (rc = store_stmt(st, "SELECT " TASK_COLUMNS LIST_WHERE " ORDER BY t.status <> 'open',"
	                              " t.person_id, t.id DESC LIMIT ?4 OFFSET ?5", &s, err)) ||
	   (rc = store_stmt(st, "SELECT count(*)" LIST_WHERE, &c, err)))
		return rc;
	size_t limit = q->limit ? q->limit : 50;
	out->rows = arena_calloc(a, limit, sizeof(family_task));
	int64_t *qids = arena_calloc(a, limit, sizeof(int64_t));
	if(!out->rows || !qids)
		return pl_nomem(err);
	sqlite3_stmt *both[2] = {s, c};
	for(int k = 0; k < 2; k++) {
		store_bind_text(both[k], 1, q->status);
		sqlite3_bind_int64(both[k], 2, pid);
		store_bind_text(both[k], 3, q->assignee);
	}
	sqlite3_bind_int64(s, 4, (sqlite3_int64)limit);
	sqlite3_bind_int64(s, 5, (sqlite3_int64)q->offset);
	int x;
	while((x = sqlite3_step(s)) == SQLITE_ROW && out->n < limit) {
		from_row(s, a, &out->rows[out->n], &qids[out->n]);
		out->n++;
	}
	sqlite3_reset(s);
	if(x != SQLITE_DONE && x != SQLITE_ROW)
		return store_fail(st, err, x, "listing tasks");
	x = sqlite3_step(c);
	out->total = x == SQLITE_ROW ? (size_t)sqlite3_column_int64(c, 0) : 0;
	sqlite3_reset(c);
	if(x != SQLITE_ROW)
		return store_fail(st, err, x, "counting tasks");
	return arena_oom(a) ? pl_nomem(err) : complete(st, out->rows, qids, out->n, a, err);
}

pl_rc family_task_get(store *st, const char *uid, arena *a, family_task *out, pl_err *err)
{
	if(!uid || strlen(uid) < 5)
		return pl_failc(err, PL_ENOTFOUND, "watch.no_task", "task", uid ? uid : "", NULL);
	sqlite3_stmt *s;
	pl_rc rc = store_stmt(st, "SELECT " TASK_COLUMNS TASK_FROM " WHERE t.uid >= ?1 AND t.uid < ?1 || '~'"
	                          " ORDER BY t.uid LIMIT 2", &s, err);
	if(rc)
		return rc;
	sqlite3_bind_text(s, 1, uid, -1, SQLITE_STATIC);
	int64_t qid = 0;
	int x = sqlite3_step(s), found = 0;
	if(x == SQLITE_ROW) {
		from_row(s, a, out, &qid);
		found = 1;
		x = sqlite3_step(s);
		found += x == SQLITE_ROW;
	}
	sqlite3_reset(s);
	if(x != SQLITE_ROW && x != SQLITE_DONE)
		return store_fail(st, err, x, "reading a task");
	if(found != 1)
		return pl_failc(err, PL_ENOTFOUND, found ? "watch.task_ambiguous" : "watch.no_task", "task", uid, NULL);
	return arena_oom(a) ? pl_nomem(err) : complete(st, out, &qid, 1, a, err);
}

/* ---- changes ------------------------------------------------------------------- */

static json_t *brief_json(const family_task *t)
{
	return json_pack("{s:s, s:s?, s:s?, s:s?, s:s?, s:s?}", "status", task_status_names[t->status], "assignee",
	                 t->assignee, "told_how", t->told_how, "told_on", t->told_on, "note", t->note, "person",
	                 t->who.uid);
}

/* Load the open task uid names in the caller's transaction. */
static pl_rc load_open(store *st, const char *uid, arena *a, family_task *t, pl_err *err)
{
	pl_rc rc = family_task_get(st, uid, a, t, err);
	if(!rc && t->status != TS_OPEN)
		rc = pl_failc(err, PL_ECONFLICT, "watch.task_closed", "task", t->uid, "status",
		              task_status_names[t->status], NULL);
	return rc;
}

static pl_rc update(store *st, const family_task *was, const family_task *now, pl_err *err)
{
	sqlite3_stmt *s;
	pl_rc rc = store_stmt(st, "UPDATE family_task SET status = ?2, assignee = ?3, told_how = ?4, told_on = ?5,"
	                          " note = ?6, closed_by = ?7, closed_at = ?8 WHERE id = ?1", &s, err);
	if(rc)
		return rc;
	sqlite3_bind_int64(s, 1, now->id);
	sqlite3_bind_text(s, 2, task_status_names[now->status], -1, SQLITE_STATIC);
	store_bind_text(s, 3, now->assignee);
	store_bind_text(s, 4, now->told_how);
	store_bind_text(s, 5, now->told_on);
	store_bind_text(s, 6, now->note);
	store_bind_text(s, 7, now->closed_by);
	store_bind_text(s, 8, now->closed_at);
	int x = sqlite3_step(s);
	sqlite3_reset(s);
	if(x != SQLITE_DONE)
		return store_fail(st, err, x, "updating a task");
	const char *action = now->status == TS_DONE ? "done" : now->status == TS_DISMISSED ? "dismiss" : "assign";
	return fam_audit(st, action, "family_task", now->uid, brief_json(was), brief_json(now), err);
}

typedef pl_rc (*change_fn)(store *st, family_task *t, const void *arg, pl_err *err);

static pl_rc change(store *st, const char *uid, change_fn fn, const void *arg, pl_err *err)
{
	arena a;
	arena_init(&a, 0);
	pl_rc rc = store_begin(st, err);
	if(!rc) {
		family_task was, now;
		rc = load_open(st, uid, &a, &was, err);
		now = was;
		rc = rc ? rc : fn(st, &now, arg, err);
		rc = rc ? rc : update(st, &was, &now, err);
		rc = store_end(st, rc, err);
	}
	arena_free(&a);
	return rc;
}

static pl_rc assign(store *st, family_task *t, const void *arg, pl_err *err)
{
	(void)st;
	(void)err;
	const char *user = arg;
	t->assignee = user && *user ? user : NULL;
	return PL_OK;
}

pl_rc family_task_assign(store *st, const char *uid, const char *user, pl_err *err)
{
	return change(st, uid, assign, user, err);
}

typedef struct done_arg {
	const char *how, *day, *note;
	char today[DATE_STR_MAX], now[TIMESTAMP_STR_MAX];
} done_arg;

static pl_rc done(store *st, family_task *t, const void *arg, pl_err *err)
{
	done_arg *d = (done_arg *)arg;
	if(!t->may_contact)
		return pl_failc(err, PL_ECONFLICT, "watch.no_contact", "task", t->uid, "inquiry", t->inquiry, NULL);
	if(fam_word(task_told_names, d->how) < 0)
		return pl_failc(err, PL_EINPUT, "watch.told_how", "how", d->how ? d->how : "", NULL);
	char *today = d->today;
	date_format(store_today(st), today);
	if(d->day && *d->day) {
		pdate day;
		const char *why = NULL;
		if(strlen(d->day) != 10 || !date_parse(d->day, &day, &why) || strcmp(d->day, today) > 0)
			return pl_failc(err, PL_EINPUT, "watch.told_on", "date", d->day, NULL);
	}
	if(!d->note || !*d->note)
		return pl_failc(err, PL_EINPUT, "watch.note_required", NULL);
	date_now_iso(d->now);
	t->status = TS_DONE;
	t->told_how = d->how;
	t->told_on = d->day && *d->day ? d->day : today;
	t->note = d->note;
	t->closed_by = store_actor(st);
	t->closed_at = d->now;
	return PL_OK;
}

pl_rc family_task_done(store *st, const char *uid, const char *how, const char *day, const char *note,
                       pl_err *err)
{
	done_arg d = {.how = how, .day = day, .note = note};
	return change(st, uid, done, &d, err);
}

pl_rc fam_task_close_in(store *st, const char *uid, const char *how, const char *day, const char *note,
                        int64_t person_id, arena *a, int64_t *id, pl_err *err)
{
	family_task was, now;
	done_arg d = {.how = how, .day = day, .note = note};
	pl_rc rc = load_open(st, uid, a, &was, err);
	if(!rc && was.who.id != person_id)
		rc = pl_failc(err, PL_ECONFLICT, "letters.task_other_person", "task", was.uid, "person", was.who.uid, NULL);
	now = was;
	rc = rc ? rc : done(st, &now, &d, err);
	rc = rc ? rc : update(st, &was, &now, err);
	*id = rc ? 0 : was.id;
	return rc;
}

static pl_rc dismiss(store *st, family_task *t, const void *arg, pl_err *err)
{
	done_arg *d = (done_arg *)arg;
	if(!d->note || !*d->note)
		return pl_failc(err, PL_EINPUT, "watch.reason_required", NULL);
	date_now_iso(d->now);
	t->status = TS_DISMISSED;
	t->note = d->note;
	t->closed_by = store_actor(st);
	t->closed_at = d->now;
	return PL_OK;
}

pl_rc family_task_dismiss(store *st, const char *uid, const char *reason, pl_err *err)
{
	done_arg d = {.note = reason};
	return change(st, uid, dismiss, &d, err);
}

/* ---- words ---------------------------------------------------------------------- */

void fam_msg_json(int lang, const char *code, const char *json_args, char *out, size_t size)
{
	pl_err_arg args[PL_ERR_ARGS];
	int n = 0;
	json_t *o = json_loads(json_args ? json_args : "{}", 0, NULL);
	const char *k;
	json_t *v;
	json_object_foreach(o, k, v)
	{
		if(n == PL_ERR_ARGS)
			break;
		/* the names live in the catalogue's templates; ours are the JSON's */
		args[n].name = k;
		if(json_is_string(v))
			snprintf(args[n].value, sizeof(args[n].value), "%s", json_string_value(v));
		else if(json_is_integer(v))
			snprintf(args[n].value, sizeof(args[n].value), "%lld", (long long)json_integer_value(v));
		else if(json_is_real(v))
			snprintf(args[n].value, sizeof(args[n].value), "%.2f", json_real_value(v));
		else
			args[n].value[0] = '\0';
		n++;
	}
	const char *tmpl = msg_template((lang_id)lang, code);
	msg_fill((lang_id)lang, tmpl ? tmpl : code, args, n, out, size);
	json_decref(o);
}

void family_task_evidence(const family_task *t, int lang, char *out, size_t size)
{
	fam_msg_json(lang, t->evidence_code, t->evidence_args, out, size);
}

json_t *family_task_json(const family_task *t)
{
	json_t *args = json_loads(t->evidence_args ? t->evidence_args : "{}", 0, NULL);
	char text[1024];
	family_task_evidence(t, LANG_EN, text, sizeof(text));
	json_t *o = json_pack("{s:s, s:s, s:s, s:s, s:o, s:s, s:s, s:s, s:b, s:s?, s:s?, s:s?, s:s?, s:s?, s:s?,"
	                      " s:s?}",
	                      "id", t->uid, "kind", task_kind_names[t->kind], "source", t->source, "evidence_code",
	                      t->evidence_code, "evidence_args", json_is_object(args) ? args : json_object(),
	                      "evidence", text, "inquiry", t->inquiry, "status", task_status_names[t->status],
	                      "may_contact", t->may_contact, "assignee", t->assignee, "told_how", t->told_how,
	                      "told_on", t->told_on, "note", t->note, "closed_by", t->closed_by, "closed_at",
	                      t->closed_at, "created_at", t->created_at);
	if(o && !json_is_object(args))
		json_decref(args);
	if(!o)
		return NULL;
	json_object_set_new(o, "person", json_pack("{s:s, s:s?, s:s?, s:s?, s:s?, s:s}", "id", t->who.uid, "surname",
	                                           t->who.surname, "given_names", t->who.given_names, "patronymic",
	                                           t->who.patronymic, "birth_date", t->who.birth_date, "status",
	                                           lifecycle_status_name(t->who.status)));
	return o;
}

json_t *family_task_page_json(const task_page *p, const task_query *q)
{
	json_t *rows = json_array();
	for(size_t i = 0; i < p->n; i++)
		json_array_append_new(rows, family_task_json(&p->rows[i]));
	return json_pack("{s:o, s:I, s:I, s:I}", "tasks", rows, "total", (json_int_t)p->total, "limit",
	                 (json_int_t)q->limit, "offset", (json_int_t)q->offset);
}

json_t *watch_report_json(const watch_report *r)
{
	return json_pack("{s:I, s:I, s:I, s:I, s:I}", "seen", (json_int_t)r->seen, "concerned",
	                 (json_int_t)r->concerned, "created", (json_int_t)r->created, "existed",
	                 (json_int_t)r->existed, "mark", (json_int_t)r->mark);
}
