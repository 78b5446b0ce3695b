/* Correcting an outcome recorded at a handover (stage.h): a record of its
 * own with its reason, never an edit of the one it corrects; the person's
 * events follow, and the ledger reads the latest correction. */
#include <stdlib.h>
#include <string.h>

#include "accord/internal.h"
#include "core/msg.h"
#include "core/json.h"

pl_rc stage_audit_outcome(store *st, const stage *s, int seq, const char *who, const char *before,
                          const char *after, const char *day, const char *note, pl_err *err)
{
	json_t *b = json_pack("{s:i, s:s, s:s}", "seq", seq, "person", who ? who : "", "outcome", before);
	json_t *x = json_pack("{s:i, s:s, s:s, s:s?, s:s?}", "seq", seq, "person", who ? who : "", "outcome",
	                      after, "date", day, "note", note);
	char *bt = b ? json_dumps(b, JSON_COMPACT | JSON_PRESERVE_ORDER) : NULL;
	char *xt = x ? json_dumps(x, JSON_COMPACT | JSON_PRESERVE_ORDER) : NULL;
	pl_rc rc = bt && xt ? audit_append(st, NULL, "stage.outcome", "stage", s->uid, bt, xt, err)
	                    : pl_nomem(err);
	free(bt);
	free(xt);
	json_decref(b);
	json_decref(x);
	return rc;
}

/* The event an outcome put on the person: its type. */
static event_type outcome_event(entry_outcome o)
{
	switch(o) {
	case OUTCOME_HANDED_OVER: return EV_HANDED_OVER;
	case OUTCOME_REFUSED: return EV_DECLINED_REPATRIATION;
	case OUTCOME_DIED: return EV_DIED_IN_CAPTIVITY;
	case OUTCOME_NOT_PRESENTED:
	case OUTCOME_SUBSTITUTED: return EV_DELISTED;
	default: return EV_COUNT;
	}
}

/* Void the person's latest event of the outcome corrected (on its day,
 * when the day is known); none there (a delisting never made): nothing
 * to void. The registry refuses, saying which, when later events hang on
 * it (aftercare after a handover): those are voided first. */
static pl_rc undo_events(store *st, const stage_entry *e, const char *why, arena *a, pl_err *err)
{
	int64_t pid;
	event *ev;
	size_t n;
	pl_rc rc = registry_person_id(st, e->person, &pid, err);
	rc = rc ? rc : registry_person_events(st, pid, a, &ev, &n, err);
	if(rc)
		return rc;
	const char *type = lifecycle_event_name(outcome_event(e->outcome));
	for(size_t i = n; i-- > 0;) {
		const char *t = ev[i].f[EF_TYPE], *d = ev[i].f[EF_DATE];
		if(!t || strcmp(t, type) || (e->outcome_date && d && strcmp(d, e->outcome_date)))
			continue;
		rc = registry_event_void(st, ev[i].uid, why, err);
		if(rc)
			msg_wrap(err, "stage.cannot_void", "whose", e->person, "event_type", type, NULL);
		return rc;
	}
	return PL_OK;
}

static pl_rc check_fix(const stage *s, const stage_fix *f, int i, pl_err *err)
{
	if(s->status != STAGE_IN_PROGRESS && s->status != STAGE_EXECUTED && s->status != STAGE_CLOSED)
		return pl_failc(err, PL_ECONFLICT, "stage.not_correctable", "stage", s->uid, "status",
		                stage_status_name(s->status), NULL);
	if(!f->reason || !*f->reason)
		return pl_failc(err, PL_EINPUT, "stage.correct_reason", NULL);
	if(i < 0)
		return pl_failc(err, PL_EINPUT, "stage.not_on", "person", f->person ? f->person : "(nobody)",
		                "stage", s->uid, NULL);
	const stage_entry *e = &s->entries[i];
	if(e->outcome == OUTCOME_PENDING)
		return pl_failc(err, PL_ECONFLICT, "stage.nothing_to_correct", "person", f->person, "seq",
		                PL_N(e->seq), NULL);
	if(f->outcome != OUTCOME_HANDED_OVER && f->outcome != OUTCOME_NOT_PRESENTED &&
	   f->outcome != OUTCOME_REFUSED && f->outcome != OUTCOME_DIED)
		return pl_failc(err, PL_EINPUT, "stage.correct_outcome", NULL);
	if(f->outcome == e->outcome)
		return pl_failc(err, PL_EINPUT, "stage.same_outcome", "person", f->person, "seq", PL_N(e->seq),
		                "outcome", entry_outcome_name(e->outcome), NULL);
	return PL_OK;
}

static pl_rc insert_fix(store *st, const stage *s, const stage_entry *e, const stage_fix *f,
                        const char *day, bool art117, pl_err *err)
{
	char now[TIMESTAMP_STR_MAX];
	date_now_iso(now);
	sqlite3_stmt *q;
	pl_rc rc = store_stmt(st, "INSERT INTO stage_correction (stage_id, seq, before, outcome, outcome_date,"
	                          " art117, reason, ts, actor) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", &q, err);
	if(rc)
		return rc;
	sqlite3_bind_int64(q, 1, s->id);
	sqlite3_bind_int(q, 2, e->seq);
	sqlite3_bind_text(q, 3, entry_outcome_name(e->outcome), -1, SQLITE_STATIC);
	sqlite3_bind_text(q, 4, entry_outcome_name(f->outcome), -1, SQLITE_STATIC);
	sqlite3_bind_text(q, 5, day, -1, SQLITE_STATIC);
	sqlite3_bind_int(q, 6, art117);
	sqlite3_bind_text(q, 7, f->reason, -1, SQLITE_STATIC);
	sqlite3_bind_text(q, 8, now, -1, SQLITE_STATIC);
	sqlite3_bind_text(q, 9, store_actor(st), -1, SQLITE_STATIC);
	int sr = sqlite3_step(q);
	sqlite3_reset(q);
	return sr == SQLITE_DONE ? PL_OK : store_fail(st, err, sr, "recording a correction");
}

static pl_rc correct(store *st, stage *s, void *ctx, arena *a, pl_err *err)
{
	const stage_fix *f = ctx;
	int i = f->person ? stage_entry_find(s, f->person) : -1;
	pl_rc rc = check_fix(s, f, i, err);
	if(rc)
		return rc;
	const stage_entry *e = &s->entries[i];
	char day[DATE_STR_MAX], why[600];
	if(f->date.y)
		date_format(f->date, day);
	else
		snprintf(day, sizeof(day), "%s", e->outcome_date ? e->outcome_date : "");
	pdate d;
	if(!day[0] || !date_parse(day, &d, NULL) || !d.d) {
		date_format(date_today(), day);
		d = date_today();
	}
	snprintf(why, sizeof(why), "correction of stage %d of %s (%s), entry %d: %s", s->number, s->agreement,
	         s->uid, e->seq, f->reason);
	bool art117 = false;
	if(e->person[0]) {
		rc = undo_events(st, e, why, a, err);
		rc = rc ? rc : stage_outcome_events(st, s, e->person, f->outcome, d, f->reason, a, &art117, err);
	}
	rc = rc ? rc : insert_fix(st, s, e, f, day, art117, err);
	/* coded, for the UI to say it in the user's language; the reason is
	 * the user's own words, kept apart as the note */
	pl_err said = {0};
	char note[600];
	snprintf(note, sizeof(note), ": %s", f->reason);
	pl_failc(&said, PL_OK, "discrepancy.corrected", "seq", PL_N(e->seq), "person",
	         e->person[0] ? e->person : e->ref, "name", stage_entry_name(e), "from",
	         stage_outcome_code(e->outcome), "to", stage_outcome_code(f->outcome), "note", note, NULL);
	rc = rc ? rc : stage_discrepancy_add(st, s, &said, err);
	rc = rc ? rc : stage_audit_outcome(st, s, e->seq, e->person[0] ? e->person : e->ref,
	                                   entry_outcome_name(e->outcome), entry_outcome_name(f->outcome), day,
	                                   f->reason, err);
	if(rc)
		msg_wrap(err, "stage.correcting", "entry", PL_N(e->seq), "of_stage", s->uid, NULL);
	return rc;
}

pl_rc stage_correct(store *st, const char *uid, const stage_fix *f, pl_err *err)
{
	return stage_change(st, uid, correct, (void *)f, err);
}

pl_rc stage_corrections(store *st, const stage *s, arena *a, stage_correction **out, size_t *n,
                        pl_err *err)
{
	*out = NULL;
	*n = 0;
	size_t cap = 0;
	sqlite3_stmt *q;
	pl_rc rc = store_stmt(st, "SELECT seq, before, outcome, outcome_date, reason, ts, actor"
	                          " FROM stage_correction WHERE stage_id = ? ORDER BY id", &q, err);
	if(rc)
		return rc;
	sqlite3_bind_int64(q, 1, s->id);
	int sr;
	while((sr = sqlite3_step(q)) == SQLITE_ROW) {
		stage_correction *c = arena_push(a, (void **)out, n, &cap, sizeof(*c));
		if(!c)
			break;
		c->seq = sqlite3_column_int(q, 0);
		const char **f[] = {&c->before, &c->outcome, &c->date, &c->reason, &c->ts, &c->actor};
		for(int k = 0; k < 6; k++)
			*f[k] = arena_strdup(a, store_column_text(q, k + 1));
	}
	sqlite3_reset(q);
	if(arena_oom(a))
		return pl_nomem(err);
	return sr == SQLITE_DONE || sr == SQLITE_ROW ? PL_OK : store_fail(st, err, sr, "reading corrections");
}
