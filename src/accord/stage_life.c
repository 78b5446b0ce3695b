/* A stage's life: new versions of its manifest, proposal, agreement,
 * cancellation and closing; the events they put on persons. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "accord/internal.h"
#include "core/json.h"
#include "core/msg.h"

void stage_note_make(stage_note *n, const stage *s, const char *code, const char *name,
                     const char *value)
{
	pl_err e;
	if(name)
		pl_failc(&e, PL_OK, code, "n", PL_N(s->number), "agreement", s->agreement, "stage", s->uid, name,
		         value, NULL);
	else
		pl_failc(&e, PL_OK, code, "n", PL_N(s->number), "agreement", s->agreement, "stage", s->uid, NULL);
	snprintf(n->text, sizeof(n->text), "%s", e.msg);
	bool nomem;
	char *args = json_err_args(&e, &nomem);
	n->code = args && strlen(args) < sizeof(n->args) ? code : NULL;
	snprintf(n->args, sizeof(n->args), "%s", n->code ? args : "");
	free(args);
}

void stage_note_outcome(stage_note *n, const char *code, const char *note)
{
	const char *what = msg_template(LANG_EN, code);
	snprintf(n->text, sizeof(n->text), "%s%s%s", what ? what : code, note ? ": " : "", note ? note : "");
	char said[sizeof(n->text)];
	snprintf(said, sizeof(said), "%s%s", note ? ": " : "", note ? note : "");
	json_t *o = json_pack("{s:s, s:s}", "outcome", code, "note", said);
	char *args = o ? json_dumps(o, JSON_COMPACT | JSON_SORT_KEYS) : NULL;
	json_decref(o);
	n->code = args && strlen(args) < sizeof(n->args) ? "stage.note_outcome" : NULL;
	snprintf(n->args, sizeof(n->args), "%s", n->code ? args : "");
	free(args);
}

pl_rc stage_person_event(store *st, const char *person_uid, event_type type, pdate date,
                            const char *place, const stage_note *note, pl_err *err)
{
	char d[DATE_STR_MAX];
	date_format(date, d);
	event e = {0};
	e.f[EF_TYPE] = lifecycle_event_name(type);
	e.f[EF_DATE] = d;
	e.f[EF_SOURCE] = "own_records";
	e.f[EF_PLACE] = place;
	e.f[EF_NOTE] = note ? note->text : NULL;
	e.note_code = note ? note->code : NULL;
	e.note_args = note && note->code ? note->args : NULL;
	return registry_event_add(st, person_uid, &e, err);
}

pl_rc stage_set_status(store *st, const stage *s, stage_status to, const char *why, pl_err *err)
{
	sqlite3_stmt *q;
	char now[TIMESTAMP_STR_MAX];
	date_now_iso(now);
	pl_rc rc = store_stmt(st, "UPDATE stage SET status = ?, updated_at = ?,"
	                          " executed_at = CASE WHEN ?1 = 'executed' THEN ?2 ELSE executed_at END"
	                          " WHERE id = ?3", &q, err);
	if(rc)
		return rc;
	sqlite3_bind_text(q, 1, stage_status_name(to), -1, SQLITE_STATIC);
	sqlite3_bind_text(q, 2, now, -1, SQLITE_STATIC);
	sqlite3_bind_int64(q, 3, s->id);
	int sr = sqlite3_step(q);
	sqlite3_reset(q);
	if(sr != SQLITE_DONE)
		return store_fail(st, err, sr, "changing a stage's status");
	char before[64], after[512];
	snprintf(before, sizeof(before), "{\"status\":\"%s\"}", stage_status_name(s->status));
	buf b;
	buf_init(&b, sizeof(after));
	rc = buf_printf(&b, "{\"status\":\"%s\"", stage_status_name(to));
	if(!rc && why) {
		rc = buf_adds(&b, ",\"why\":");
		rc = rc ? rc : json_write_string(&b, why);
	}
	rc = rc ? rc : buf_adds(&b, "}");
	if(rc)
		rc = pl_nomem(err);
	else
		rc = audit_append(st, NULL, "stage.status", "stage", s->uid, before,
		         buf_str(&b), err);
	buf_free(&b);
	return rc;
}

/* The day a listing or delisting is dated: today, or the stage's own day
 * when it is recorded afterwards (events never lie in the future, and a
 * stage's events never come after its handover). */
static pdate listing_date(const stage *s)
{
	pdate today = date_today();
	return date_lo(s->date) < date_lo(today) ? s->date : today;
}

pl_rc stage_mark_agreed(store *st, const stage *s, pl_err *err)
{
	arena a;
	arena_init(&a, 0);
	stage_note note;
	stage_note_make(&note, s, "stage.note_agreed", "version", PL_N(s->version));
	pl_rc rc = PL_OK;
	for(size_t i = 0; i < s->nentries && !rc; i++) {
		const stage_entry *e = &s->entries[i];
		person p;
		if(!e->person[0])
			continue;
		arena_reset(&a);
		rc = registry_person_get(st, e->person, &a, &p, err);
		if(!rc && p.status == ST_HELD)
			rc = stage_person_event(st, e->person, EV_LISTED, listing_date(s), NULL, &note, err);
	}
	arena_free(&a);
	return rc ? rc : stage_set_status(st, s, STAGE_AGREED, NULL, err);
}

/* Those listed on the stage go back to held: the manifest they were
 * listed on no longer stands. */
pl_rc stage_delist_all(store *st, const stage *s, const char *why, pl_err *err)
{
	arena a;
	arena_init(&a, 0);
	stage_note note;
	stage_note_make(&note, s, "stage.note_delisted", "why", why);
	pl_rc rc = PL_OK;
	for(size_t i = 0; i < s->nentries && !rc; i++) {
		person p;
		if(!s->entries[i].person[0])
			continue;
		arena_reset(&a);
		rc = registry_person_get(st, s->entries[i].person, &a, &p, err);
		if(!rc && p.status == ST_LISTED)
			rc = stage_person_event(st, p.uid, EV_DELISTED, listing_date(s), NULL, &note, err);
	}
	arena_free(&a);
	return rc;
}

pl_rc stage_change(store *st, const char *uid, stage_change_fn fn, void *ctx, pl_err *err)
{
	arena a;
	arena_init(&a, 0);
	stage s;
	pl_rc rc = store_begin(st, err);
	if(rc) {
		arena_free(&a);
		return rc;
	}
	rc = stage_get(st, uid, &a, &s, err);
	rc = rc ? rc : fn(st, &s, ctx, &a, err);
	rc = store_end(st, rc, err);
	arena_free(&a);
	return rc;
}

static pl_rc refuse_status(const stage *s, const char *doing, pl_err *err)
{
	return pl_failc(err, PL_ECONFLICT, "stage.refused", "stage", s->uid, "status",
	                stage_status_name(s->status), "doing", doing, NULL);
}

/* ---- editing ---------------------------------------------------------------- */

typedef struct edit {
	const stage_entry *add;
	size_t nadd;
	const char *const *remove;
	size_t nremove;
} edit;

static bool removed(const edit *x, const stage_entry *e)
{
	for(size_t i = 0; i < x->nremove; i++)
		if(!strcmp(x->remove[i], e->person) || (e->ref && !strcmp(x->remove[i], e->ref)))
			return true;
	return false;
}

static pl_rc edit_stage(store *st, stage *s, void *ctx, arena *a, pl_err *err)
{
	edit *x = ctx;
	if(!stage_status_open(s->status))
		return refuse_status(s, "stage.doing_changed", err);
	agreement ag;
	const char *text;
	manifest_doc m;
	pl_rc rc = agreement_get_id(st, s->agreement_id, a, &ag, err);
	rc = rc ? rc : stage_manifest_version(st, s, 0, a, &text, err);
	rc = rc ? rc : stage_read_doc(s->uid, text, a, &m, err);
	if(rc)
		return rc;
	/* Entries keep their numbers across versions, so versions compare. */
	stage_entry *entries = arena_calloc(a, m.nentries + x->nadd + 1, sizeof(stage_entry));
	if(!entries)
		return pl_nomem(err);
	size_t n = 0, gone = 0;
	int seq = 0;
	for(size_t i = 0; i < m.nentries; i++) {
		stage_entry *e = &m.entries[i];
		for(size_t k = 0; k < s->nentries; k++)
			if(s->entries[k].seq == e->seq)
				memcpy(e->person, s->entries[k].person, UID_SIZE);
		seq = e->seq > seq ? e->seq : seq;
		if(removed(x, e))
			gone++;
		else
			entries[n++] = *e;
	}
	if(gone < x->nremove)
		return pl_failc(err, PL_EINPUT, "stage.remove_not_on", "n", PL_N(x->nremove - gone), "stage",
		                s->uid, NULL);
	for(size_t i = 0; i < x->nadd && !rc; i++) {
		stage_entry *e = &entries[n];
		*e = x->add[i];
		for(size_t k = 0; k < n && !rc; k++)
			if(!strcmp(entries[k].person, e->person) || !strcmp(entries[k].ref, e->person))
				rc = pl_failc(err, PL_EINPUT, "stage.already_on", "person", e->person, "stage",
				              s->uid, NULL);
		rc = rc ? rc : stage_check_entry(st, &ag, s->date, s->uid, e, a, err);
		e->seq = ++seq;
		n++;
	}
	if(rc)
		return rc;
	if(s->status == STAGE_AGREED)
		rc = stage_delist_all(st, s, "stage.why_changed", err);
	m.entries = entries;
	m.nentries = n;
	m.version = s->version + 1;
	char sha[65];
	return rc ? rc : stage_store_version(st, s->id, &m, STAGE_DRAFT, sha, err);
}

pl_rc stage_edit(store *st, const char *uid, const stage_entry *add, size_t nadd,
                    const char *const *remove, size_t nremove, pl_err *err)
{
	if(!nadd && !nremove)
		return pl_failc(err, PL_EUSAGE, "stage.nothing_to_change", NULL);
	edit x = {add, nadd, remove, nremove};
	return stage_change(st, uid, edit_stage, &x, err);
}

/* ---- status ----------------------------------------------------------------- */

static pl_rc propose(store *st, stage *s, void *ctx, arena *a, pl_err *err)
{
	(void)ctx;
	(void)a;
	if(s->status != STAGE_DRAFT)
		return refuse_status(s, "stage.doing_proposed", err);
	return stage_set_status(st, s, STAGE_PROPOSED, NULL, err);
}

pl_rc stage_propose(store *st, const char *uid, pl_err *err)
{
	return stage_change(st, uid, propose, NULL, err);
}

static pl_rc cancel(store *st, stage *s, void *ctx, arena *a, pl_err *err)
{
	(void)a;
	const char *why = ctx;
	if(!stage_status_open(s->status))
		return refuse_status(s, "stage.doing_cancelled", err);
	pl_rc rc = PL_OK;
	if(s->status == STAGE_AGREED)
		rc = stage_delist_all(st, s, why, err);
	return rc ? rc : stage_set_status(st, s, STAGE_CANCELLED, why, err);
}

pl_rc stage_cancel(store *st, const char *uid, const char *reason, pl_err *err)
{
	/* The audit keeps why: a cancellation undoes an agreed list. */
	if(!reason || !reason[strspn(reason, " \t\r\n")])
		return pl_failc(err, PL_EINPUT, "stage.cancel_reason", "stage", uid, NULL);
	return stage_change(st, uid, cancel, (void *)reason, err);
}

static pl_rc close_stage(store *st, stage *s, void *ctx, arena *a, pl_err *err)
{
	(void)ctx;
	(void)a;
	if(s->status != STAGE_EXECUTED)
		return refuse_status(s, "stage.doing_closed", err);
	return stage_set_status(st, s, STAGE_CLOSED, NULL, err);
}

pl_rc stage_close(store *st, const char *uid, pl_err *err)
{
	return stage_change(st, uid, close_stage, NULL, err);
}
