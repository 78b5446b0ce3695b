/* The watch: whenever something concerns a person with an open inquiry, a
 * task for the family liaison (docs/families.md, "The watch").
 *
 * The family module sits above the modules whose news it watches, so it
 * pulls: the audit log is the one feed every change goes through, each
 * entry naming its entity. family_watch_run reads the entries after its
 * mark (newest first, back to the mark, then in their order), and makes
 * the tasks and moves the mark in one transaction: a crash between the
 * two cannot happen, so after a restart nothing is missed and nothing is
 * made twice. A reconciled list is not stored (it is a report), so
 * whoever reconciles passes its rows to family_watch_list. */
#include <stdlib.h>
#include <string.h>

#include "accord/stage.h"
#include "audit/audit.h"
#include "core/hmap.h"
#include "match/reconcile.h"
#include "remains/remains.h"
#include "family/internal.h"

/* A person with an inquiry not closed: the oldest such inquiry, and since
 * when they are watched (news older than that is not news to the watch). */
typedef struct watched {
	int64_t person_id, inquiry_id;
	char since[TIMESTAMP_STR_MAX];
} watched;

typedef struct watch_ctx {
	store *st;
	arena a;
	hmap persons;                  /* uid -> watched */
	char oldest[TIMESTAMP_STR_MAX];  /* the oldest 'since' */
	watch_report *rep;
	char now[TIMESTAMP_STR_MAX];
} watch_ctx;

static pl_rc watched_load(watch_ctx *w, pl_err *err)
{
	sqlite3_stmt *s;
	pl_rc rc = store_stmt(w->st, "SELECT person_id, min(id), min(created_at) FROM inquiry"
	                             " WHERE status <> 'closed' GROUP BY person_id", &s, err);
	if(rc)
		return rc;
	size_t n = 0, cap = 0;
	watched *v = NULL;
	int x;
	while((x = sqlite3_step(s)) == SQLITE_ROW) {
		if(n == cap) {
			watched *grown = realloc(v, (cap = cap ? cap * 2 : 256) * sizeof(*v));
			if(!grown) {
				x = SQLITE_NOMEM;
				break;
			}
			v = grown;
		}
		v[n].person_id = sqlite3_column_int64(s, 0);
		v[n].inquiry_id = sqlite3_column_int64(s, 1);
		snprintf(v[n].since, sizeof(v[n].since), "%s", store_column_text(s, 2));
		n++;
	}
	sqlite3_reset(s);
	if(x != SQLITE_DONE) {
		free(v);
		return x == SQLITE_NOMEM ? pl_nomem(err) : store_fail(w->st, err, x, "reading the open inquiries");
	}
	watched *kept = n ? arena_alloc(&w->a, n * sizeof(*v)) : NULL;
	int64_t *ids = n ? arena_alloc(&w->a, n * sizeof(*ids)) : NULL;
	char(*uids)[UID_SIZE] = n ? arena_alloc(&w->a, n * UID_SIZE) : NULL;
	if(n && (!kept || !ids || !uids)) {
		free(v);
		return pl_nomem(err);
	}
	for(size_t i = 0; i < n; i++) {
		kept[i] = v[i];
		ids[i] = v[i].person_id;
		if(!i || strcmp(v[i].since, w->oldest) < 0)
			snprintf(w->oldest, sizeof(w->oldest), "%s", v[i].since);
	}
	free(v);
	rc = n ? registry_person_uids(w->st, ids, n, uids, err) : PL_OK;
	for(size_t i = 0; !rc && i < n; i++)
		if(uids[i][0])
			rc = hmap_put(&w->persons, uids[i], strlen(uids[i]), &kept[i]) ? pl_nomem(err) : PL_OK;
	return rc;
}

static pl_rc ctx_open(watch_ctx *w, store *st, watch_report *rep, pl_err *err)
{
	memset(w, 0, sizeof(*w));
	w->st = st;
	w->rep = rep;
	arena_init(&w->a, 0);
	hmap_init(&w->persons);
	date_now_iso(w->now);
	return watched_load(w, err);
}

static void ctx_close(watch_ctx *w)
{
	hmap_free(&w->persons);
	arena_free(&w->a);
}

static watched *find(const watch_ctx *w, const char *uid)
{
	return uid ? hmap_get(&w->persons, uid, strlen(uid)) : NULL;
}

/* One task, unless there is one for that source and person already. args
 * is taken. */
static pl_rc task_put(watch_ctx *w, const watched *p, const char *person_uid, task_kind kind,
                      const char *source, const char *code, json_t *args, pl_err *err)
{
	w->rep->concerned++;
	char *text = args ? json_dumps(args, JSON_COMPACT | JSON_SORT_KEYS) : NULL;
	json_decref(args);
	if(!text)
		return pl_nomem(err);
	sqlite3_stmt *s;
	pl_rc rc = store_stmt(w->st, "INSERT INTO family_task(uid, person_id, inquiry_id, kind, source,"
	                             " evidence_code, evidence_args, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)"
	                             " ON CONFLICT (kind, source, person_id) DO NOTHING", &s, err);
	char uid[UID_SIZE];
	registry_uid('T', uid);
	if(!rc) {
		sqlite3_bind_text(s, 1, uid, -1, SQLITE_STATIC);
		sqlite3_bind_int64(s, 2, p->person_id);
		sqlite3_bind_int64(s, 3, p->inquiry_id);
		sqlite3_bind_text(s, 4, task_kind_names[kind], -1, SQLITE_STATIC);
		sqlite3_bind_text(s, 5, source, -1, SQLITE_STATIC);
		sqlite3_bind_text(s, 6, code, -1, SQLITE_STATIC);
		sqlite3_bind_text(s, 7, text, -1, SQLITE_STATIC);
		sqlite3_bind_text(s, 8, w->now, -1, SQLITE_STATIC);
		int x = sqlite3_step(s);
		sqlite3_reset(s);
		if(x != SQLITE_DONE)
			rc = store_fail(w->st, err, x, "recording a task");
	}
	if(!rc && !sqlite3_changes(store_db(w->st)))
		w->rep->existed++;
	else if(!rc) {
		w->rep->created++;
		rc = fam_audit(w->st, "create", "family_task", uid, NULL,
		               json_pack("{s:s, s:s, s:s, s:s}", "person", person_uid, "kind", task_kind_names[kind],
		                         "source", source, "evidence", code),
		               err);
	}
	free(text);
	return rc;
}

/* ---- the audit log ------------------------------------------------------------------ */

/* An entry kept to read after the walk back to the mark. */
typedef struct seen_entry {
	int64_t seq;
	const char *entity, *action, *uid, *before, *after, *ts;
} seen_entry;

typedef struct walk {
	watch_ctx *w;
	int64_t mark, head;
	seen_entry *v;
	size_t n, cap;
	bool back_at_mark;
} walk;

static bool wanted(const audit_entry *e)
{
	if(!strcmp(e->entity, "event"))
		return !strcmp(e->action, "add");
	if(!strcmp(e->entity, "stage"))
		return !strcmp(e->action, "manifest.sign") || !strcmp(e->action, "manifest.import");
	return !strcmp(e->entity, "remains_case") || !strcmp(e->entity, "dna_proposal");
}

static pl_rc walk_one(void *ctx, const audit_entry *e)
{
	walk *k = ctx;
	/* Back at the mark, or before any inquiry now watched was recorded. */
	if(e->seq <= k->mark || strcmp(e->ts, k->w->oldest) < 0) {
		k->back_at_mark = true;
		return PL_ELIMIT;
	}
	k->w->rep->seen++;
	if(!e->entity || !e->action || !wanted(e))
		return PL_OK;
	/* Events name their person: keep only the watched ones' (a million
	 * persons' import is a million entries). */
	if(!strcmp(e->entity, "event") && !find(k->w, e->entity_uid))
		return PL_OK;
	if(k->n == k->cap) {
		seen_entry *grown = realloc(k->v, (k->cap = k->cap ? k->cap * 2 : 64) * sizeof(*k->v));
		if(!grown)
			return PL_ENOMEM;
		k->v = grown;
	}
	arena *a = &k->w->a;
	k->v[k->n++] = (seen_entry){e->seq, arena_strdup(a, e->entity), arena_strdup(a, e->action),
	                            e->entity_uid ? arena_strdup(a, e->entity_uid) : NULL,
	                            e->before ? arena_strdup(a, e->before) : NULL,
	                            e->after ? arena_strdup(a, e->after) : NULL, arena_strdup(a, e->ts)};
	return arena_oom(a) ? PL_ENOMEM : PL_OK;
}

static const char *jstr(const json_t *o, const char *key)
{
	return json_string_value(json_object_get(o, key));
}

static bool too_old(const watched *p, const seen_entry *e)
{
	return strcmp(e->ts, p->since) < 0;
}

/* A returnee saw them: the sighting's words, by the event's uid (*done
 * false: no sighting was accepted as it, the event says it itself). */
static pl_rc on_sighting(watch_ctx *w, const watched *p, const char *person_uid, const char *event_uid, bool *done,
                         pl_err *err)
{
	const char *code;
	json_t *args;
	pl_rc rc = fam_sighting_evidence(w->st, event_uid, &code, &args, err);
	*done = rc || args;
	return rc || !args ? rc : task_put(w, p, person_uid, TK_STATUS, event_uid, code, args, err);
}

/* An event about a watched person: a status change, or another event
 * (the family's own report is not news to them). */
static pl_rc on_event(watch_ctx *w, const seen_entry *e, const json_t *ev, size_t i, pl_err *err)
{
	const watched *p = find(w, e->uid);
	const char *type = jstr(ev, "type"), *source = jstr(ev, "source");
	if(!p || too_old(p, e) || !type || (source && !strcmp(source, "family_report")))
		return PL_OK;
	bool done = false;
	if(source && !strcmp(source, "testimony") && jstr(ev, "id")) { /* a sighting accepted (sighting.c) */
		pl_rc rc = on_sighting(w, p, e->uid, jstr(ev, "id"), &done, err);
		if(rc || done)
			return rc;
	}
	const char *before = jstr(ev, "status_before"), *after = jstr(ev, "status_after");
	bool changed = before && after && strcmp(before, after);
	char src[64];
	if(jstr(ev, "id"))
		snprintf(src, sizeof(src), "%s", jstr(ev, "id"));
	else
		snprintf(src, sizeof(src), "audit %lld/%zu", (long long)e->seq, i);
	json_t *args = json_pack("{s:s, s:s, s:s, s:s}", "event", type, "date", jstr(ev, "date") ? jstr(ev, "date") : "",
	                         "source", source ? source : "", "status", changed ? after : "");
	return task_put(w, p, e->uid, TK_STATUS, src, changed ? "watch.ev_status" : "watch.ev_event", args, err);
}

/* A remains case about the person (identified, preliminary or confirmed,
 * or its status changed with them): named by its tag and batch. */
static pl_rc on_remains(watch_ctx *w, const seen_entry *e, const json_t *after, pl_err *err)
{
	const char *puid = jstr(after, "person"), *status = jstr(after, "status");
	const watched *p = find(w, puid);
	if(!p || too_old(p, e))
		return PL_OK;
	json_t *before = e->before ? json_loads(e->before, 0, NULL) : NULL;
	const char *tag = jstr(after, "tag") ? jstr(after, "tag") : jstr(before, "tag");
	remains_case c;
	bool found = false;
	pl_rc rc = tag ? remains_case_find(w->st, tag, &w->a, &c, &found, err) : PL_OK;
	char src[80];
	snprintf(src, sizeof(src), "%s %s", e->uid ? e->uid : "", status ? status : e->action);
	json_t *args = json_pack("{s:s, s:s}", "case", tag ? tag : e->uid ? e->uid : "", "status",
	                         status ? status : e->action);
	if(args && found && c.batch)
		json_object_set_new(args, "batch", json_string(c.batch));
	rc = rc ? rc
	        : task_put(w, p, puid, TK_REMAINS, src, found && c.batch ? "watch.ev_remains_batch" : "watch.ev_remains",
	                   args, err);
	json_decref(before);
	return rc;
}

static pl_rc on_dna(watch_ctx *w, const seen_entry *e, const json_t *after, pl_err *err)
{
	const char *puid = jstr(after, "person");
	const watched *p = find(w, puid);
	if(!p || too_old(p, e))
		return PL_OK;
	char src[120], lr[32];
	snprintf(src, sizeof(src), "%s %s %s", e->uid ? e->uid : "", puid, e->action);
	snprintf(lr, sizeof(lr), "10^%.1f", json_number_value(json_object_get(after, "log10_lr")));
	json_t *args = json_pack("{s:s, s:s, s:s}", "case", jstr(after, "case") ? jstr(after, "case") : "", "lr", lr,
	                         "decision", e->action);
	return task_put(w, p, puid, TK_DNA, src, "watch.ev_dna", args, err);
}

/* A manifest signed here or taken in signed: each person on it. */
static pl_rc on_manifest(watch_ctx *w, const seen_entry *e, const json_t *after, pl_err *err)
{
	stage s;
	pl_rc rc = stage_get(w->st, e->uid, &w->a, &s, err);
	if(rc == PL_ENOTFOUND)
		return PL_OK; /* a stage held to review is not a stage yet */
	if(rc)
		return rc;
	const char *signer = jstr(after, "signer");
	for(size_t i = 0; !rc && i < s.nentries; i++) {
		const watched *p = find(w, s.entries[i].person);
		if(!p || too_old(p, e))
			continue;
		char src[64], number[16], version[16];
		snprintf(src, sizeof(src), "%s v%d", s.uid, s.version);
		snprintf(number, sizeof(number), "%d", s.number);
		snprintf(version, sizeof(version), "%d", s.version);
		json_t *args = json_pack("{s:s, s:s, s:s, s:s, s:s}", "stage", s.uid, "number", number, "agreement",
		                         s.agreement ? s.agreement : "", "version", version, "signer",
		                         signer ? signer : "");
		rc = task_put(w, p, s.entries[i].person, TK_MANIFEST, src,
		              signer ? "watch.ev_manifest_signed" : "watch.ev_manifest", args, err);
	}
	return rc;
}

static pl_rc on_entry(watch_ctx *w, const seen_entry *e, pl_err *err)
{
	json_t *after = e->after ? json_loads(e->after, 0, NULL) : NULL;
	pl_rc rc = PL_OK;
	if(!strcmp(e->entity, "event")) {
		json_t *list = json_object_get(after, "events");
		if(json_is_array(list))
			for(size_t i = 0; !rc && i < json_array_size(list); i++)
				rc = on_event(w, e, json_array_get(list, i), i, err);
		else if(after)
			rc = on_event(w, e, after, 0, err);
	} else if(!strcmp(e->entity, "remains_case")) {
		rc = on_remains(w, e, after, err);
	} else if(!strcmp(e->entity, "dna_proposal")) {
		rc = on_dna(w, e, after, err);
	} else if(!strcmp(e->entity, "stage")) {
		rc = on_manifest(w, e, after, err);
	}
	json_decref(after);
	return rc;
}

static pl_rc mark_get(store *st, int64_t *mark, bool *found, pl_err *err)
{
	sqlite3_stmt *s;
	pl_rc rc = store_stmt(st, "SELECT audit_seq FROM family_watch WHERE id = 1", &s, err);
	if(rc)
		return rc;
	int x = sqlite3_step(s);
	*found = x == SQLITE_ROW;
	*mark = *found ? sqlite3_column_int64(s, 0) : 0;
	sqlite3_reset(s);
	return x == SQLITE_ROW || x == SQLITE_DONE ? PL_OK : store_fail(st, err, x, "reading the watch's mark");
}

static pl_rc mark_set(store *st, int64_t mark, pl_err *err)
{
	sqlite3_stmt *s;
	pl_rc rc = store_stmt(st, "INSERT INTO family_watch(id, audit_seq) VALUES (1, ?1)"
	                          " ON CONFLICT (id) DO UPDATE SET audit_seq = excluded.audit_seq", &s, err);
	if(rc)
		return rc;
	sqlite3_bind_int64(s, 1, mark);
	int x = sqlite3_step(s);
	sqlite3_reset(s);
	return x == SQLITE_DONE ? PL_OK : store_fail(st, err, x, "moving the watch's mark");
}

static pl_rc head_one(void *ctx, const audit_entry *e)
{
	*(int64_t *)ctx = e->seq;
	return PL_OK;
}

/* The audit log's newest entry (0: none). */
static pl_rc audit_head(store *st, int64_t *head, pl_err *err)
{
	audit_filter f = {.limit = 1};
	*head = 0;
	return audit_list(st, &f, head_one, head, err);
}

/* The mark, whether there is one, and the audit log's head. */
static pl_rc where(store *st, int64_t *mark, bool *found, int64_t *head, pl_err *err)
{
	pl_rc rc = mark_get(st, mark, found, err);
	return rc ? rc : audit_head(st, head, err);
}

pl_rc family_watch_run(store *st, watch_report *rep, pl_err *err)
{
	memset(rep, 0, sizeof(*rep));
	walk k = {0};
	bool found;
	int64_t head;
	/* Nothing new since the mark: the idle server's every call ends here,
	 * read outside a transaction, without the writer's lock. */
	pl_rc rc = where(st, &k.mark, &found, &head, err);
	rep->mark = k.mark;
	if(rc || (found && head == k.mark))
		return rc;
	if((rc = store_begin(st, err)))
		return rc;
	rc = where(st, &k.mark, &found, &head, err);
	rep->mark = k.mark;
	watch_ctx w;
	if(rc)
		return store_end(st, rc, err);
	if((rc = ctx_open(&w, st, rep, err))) {
		ctx_close(&w);
		return store_end(st, rc, err);
	}
	k.w = &w;
	k.head = head;
	/* Nobody watched: nothing before now can be news to an inquiry
	 * recorded later; the mark goes to the log's end. */
	if(w.persons.count) {
		audit_filter f = {0};
		rc = audit_list(st, &f, walk_one, &k, err);
		if(rc == PL_ELIMIT && k.back_at_mark)
			rc = PL_OK;
		else if(rc == PL_ENOMEM)
			rc = pl_nomem(err);
		/* oldest first, as they happened */
		for(size_t i = k.n; !rc && i-- > 0;)
			rc = on_entry(&w, &k.v[i], err);
	}
	/* The tasks' own entries are after the head: none is news, so the
	 * mark passes them too (no one else writes inside this transaction). */
	if(!rc && rep->created)
		rc = audit_head(st, &k.head, err);
	if(!rc && k.head > rep->mark) {
		rep->mark = k.head;
		rc = mark_set(st, k.head, err);
	}
	free(k.v);
	ctx_close(&w);
	return store_end(st, rc, err);
}

/* ---- a reconciled list ------------------------------------------------------------ */

pl_rc family_watch_list(store *st, const watch_list *l, const watch_row *rows, size_t n, watch_report *rep,
                        pl_err *err)
{
	memset(rep, 0, sizeof(*rep));
	watch_ctx w;
	pl_rc rc = store_begin(st, err);
	if(rc)
		return rc;
	int64_t mark, head;
	bool found;
	rc = where(st, &mark, &found, &head, err);
	rc = rc ? rc : ctx_open(&w, st, rep, err);
	for(size_t i = 0; !rc && i < n; i++) {
		rep->seen++;
		const watched *p = find(&w, rows[i].person);
		if(!p)
			continue;
		char source[600], line[24], prob[16];
		snprintf(source, sizeof(source), "%s#%ld", l->name, rows[i].line);
		snprintf(line, sizeof(line), "%ld", rows[i].line);
		snprintf(prob, sizeof(prob), "%.2f", rows[i].prob);
		/* Held in a file: where; uploaded (not kept): by whom. */
		json_t *args = json_pack("{s:s, s:s, s:s, s:s}", "list", l->name, "row", line, l->held ? "held" : "by",
		                         l->held ? l->held : store_actor(st), "prob", prob);
		if(args && rows[i].key)
			json_object_set_new(args, "key", json_string(rows[i].key));
		static const char *const codes[2][2] = {{"watch.ev_upload_review", "watch.ev_upload_matched"},
		                                        {"watch.ev_list_review", "watch.ev_list_matched"}};
		rc = task_put(&w, p, rows[i].person, TK_LIST, source, codes[l->held != NULL][rows[i].matched], args, err);
	}
	/* The watch was up to date: its next run need not read these tasks'
	 * own entries. */
	rep->mark = found ? mark : 0;
	if(!rc && found && mark == head && rep->created && !(rc = audit_head(st, &rep->mark, err)))
		rc = mark_set(st, rep->mark, err);
	ctx_close(&w);
	return store_end(st, rc, err);
}

/* ---- a reconciliation's rows --------------------------------------------------------- */

pl_rc family_watch_reconciled(store *st, const watch_list *l, const reconcile_result *r, watch_report *rep,
                              pl_err *err)
{
	size_t n = r->matched + r->review + r->unmatched + r->duplicate;
	watch_row *rows = n ? calloc(n, sizeof(*rows)) : NULL;
	if(n && !rows)
		return pl_nomem(err);
	size_t k = 0;
	for(size_t j = 0; j < n; j++) {
		const reconcile_row *row = &r->rows[j];
		/* accepted, or in review with a candidate; an unmatched row names nobody */
		if(row->outcome == RECONCILE_UNMATCHED || (row->outcome != RECONCILE_MATCHED && !row->candidates &&
		                                           !row->pair))
			continue;
		rows[k++] = (watch_row){.person = r->reg.ids[row->person], .line = r->list.lines[j],
		                        .key = r->list.ids[j], .matched = row->outcome == RECONCILE_MATCHED,
		                        .prob = row->prob};
	}
	pl_rc rc = family_watch_list(st, l, rows, k, rep, err);
	rep->seen = (long)n;
	free(rows);
	return rc;
}
