/* Executing a stage: what happened at the handover, person by person (as
 * they cross, or all at once) and batch by batch (stage.h). */
#include <stdlib.h>
#include <string.h>

#include "accord/internal.h"
#include "core/msg.h"
#include "core/json.h"
#include "remains/remains.h"

/* What a call does with those it does not name, and whether it ends the
 * execution. */
typedef enum exec_mode {
	EXEC_ALL,                 /* stage_execute: the rest handed over, then finished */
	EXEC_RECORD,              /* stage_record: only those named */
	EXEC_FINISH,              /* stage_finish: those named, nobody left pending, finished */
} exec_mode;

typedef struct exec_ctx {
	exec_mode mode;
	const stage_exec *x;
	stage_exec_report *rep;
	pdate date;
	const stage_note *note;   /* "stage 2 of istanbul-2025-06-02 (S...)" */
	agreement ag;
	entry_outcome *outcome;   /* per entry of the stage */
	const stage_outcome **said; /* the outcome given for it, if any */
} exec_ctx;

pl_rc stage_discrepancy_add(store *st, const stage *s, const pl_err *said, pl_err *err)
{
	sqlite3_stmt *q;
	char now[TIMESTAMP_STR_MAX];
	date_now_iso(now);
	bool nomem;
	char *args = json_err_args(said, &nomem);
	if(nomem)
		return pl_nomem(err);
	pl_rc rc = store_stmt(st, "INSERT INTO stage_discrepancy (stage_id, ts, actor, what, code, args)"
	                          " VALUES (?, ?, ?, ?, ?, ?)", &q, err);
	if(rc) {
		free(args);
		return rc;
	}
	sqlite3_bind_int64(q, 1, s->id);
	sqlite3_bind_text(q, 2, now, -1, SQLITE_STATIC);
	sqlite3_bind_text(q, 3, store_actor(st), -1, SQLITE_STATIC);
	sqlite3_bind_text(q, 4, said->msg, -1, SQLITE_STATIC);
	sqlite3_bind_text(q, 5, said->code, -1, SQLITE_STATIC);
	sqlite3_bind_text(q, 6, args, -1, SQLITE_TRANSIENT);
	free(args);
	int sr = sqlite3_step(q);
	sqlite3_reset(q);
	return sr == SQLITE_DONE ? PL_OK : store_fail(st, err, sr, "recording a discrepancy");
}

int stage_entry_find(const stage *s, const char *who)
{
	for(size_t i = 0; i < s->nentries; i++) {
		const stage_entry *e = &s->entries[i];
		if((e->person[0] && !strcmp(e->person, who)) || (e->ref && !strcmp(e->ref, who)))
			return (int)i;
	}
	return -1;
}

/* Match the outcomes given to the entries, each pending until now; under
 * EXEC_ALL anyone pending and not named was handed over. */
static pl_rc assign_outcomes(const stage *s, exec_ctx *c, pl_err *err)
{
	for(size_t i = 0; i < s->nentries; i++)
		c->outcome[i] = c->mode == EXEC_ALL && s->entries[i].outcome == OUTCOME_PENDING ? OUTCOME_HANDED_OVER
		                                                                                 : OUTCOME_PENDING;
	for(size_t k = 0; k < c->x->noutcomes; k++) {
		const stage_outcome *o = &c->x->outcomes[k];
		int i = stage_entry_find(s, o->person ? o->person : "");
		if(i < 0)
			return pl_failc(err, PL_EINPUT, "stage.not_on", "person",
			                o->person ? o->person : "(nobody)", "stage", s->uid, NULL);
		if(c->said[i])
			return pl_failc(err, PL_EINPUT, "stage.two_outcomes", "person", o->person, NULL);
		if(s->entries[i].outcome != OUTCOME_PENDING)
			return pl_failc(err, PL_ECONFLICT, "stage.already_recorded", "person", o->person, "seq",
			                PL_N(s->entries[i].seq), "outcome", entry_outcome_name(s->entries[i].outcome),
			                NULL);
		if(o->outcome <= OUTCOME_PENDING || o->outcome >= OUTCOME_COUNT)
			return pl_failc(err, PL_EINPUT, "stage.bad_outcome", "person", o->person, NULL);
		if((o->outcome == OUTCOME_SUBSTITUTED) != (o->substitute != NULL))
			return pl_failc(err, PL_EINPUT, o->substitute ? "stage.substitute_without"
			                : "stage.substitute_whom", "person", o->person, NULL);
		c->said[i] = o;
		c->outcome[i] = o->outcome;
	}
	return PL_OK;
}

/* The outcome on the entry, with its day, audited. */
static pl_rc set_entry(store *st, const stage *s, exec_ctx *c, const stage_entry *e, entry_outcome o,
                       bool art117, const char *note, pl_err *err)
{
	char day[DATE_STR_MAX];
	date_format(c->date, day);
	sqlite3_stmt *q;
	pl_rc rc = store_stmt(st, "UPDATE stage_entry SET outcome = ?, art117 = ?, note = ?, outcome_date = ?"
	                          " WHERE stage_id = ? AND seq = ?", &q, err);
	if(rc)
		return rc;
	sqlite3_bind_text(q, 1, entry_outcome_name(o), -1, SQLITE_STATIC);
	sqlite3_bind_int(q, 2, art117);
	store_bind_text(q, 3, note);
	sqlite3_bind_text(q, 4, day, -1, SQLITE_STATIC);
	sqlite3_bind_int64(q, 5, s->id);
	sqlite3_bind_int(q, 6, e->seq);
	int sr = sqlite3_step(q);
	sqlite3_reset(q);
	if(sr != SQLITE_DONE)
		return store_fail(st, err, sr, "recording an outcome");
	return stage_audit_outcome(st, s, e->seq, e->person[0] ? e->person : e->ref, "pending",
	                           entry_outcome_name(o), day, note, err);
}

/* Handed over: listed first if the agreement found them held. Those
 * repatriated as seriously wounded or ill may not serve again (Art. 117). */
static pl_rc hand_over(store *st, const stage *s, pdate date, const stage_note *note, const char *uid, arena *a,
                       bool *art117, pl_err *err)
{
	person p;
	pl_rc rc = registry_person_get(st, uid, a, &p, err);
	if(!rc && p.status == ST_HELD)
		rc = stage_person_event(st, uid, EV_LISTED, date, NULL, note, err);
	rc = rc ? rc : stage_person_event(st, uid, EV_HANDED_OVER, date, s->handover_point, note, err);
	*art117 = !rc && p.f[PF_MEDICAL] &&
	          (!strcmp(p.f[PF_MEDICAL], "severely_wounded") || !strcmp(p.f[PF_MEDICAL], "seriously_ill"));
	return rc;
}

/* The substitute: checked as anyone put on a stage, then listed and
 * handed over in an entry of their own that names whom they replaced. */
static pl_rc substitute(store *st, const stage *s, exec_ctx *c, const stage_entry *orig,
                           const char *who, int seq, arena *a, pl_err *err)
{
	stage_entry e = {.side = orig->side, .clause = orig->clause};
	snprintf(e.person, sizeof(e.person), "%s", who);
	pl_rc rc = PL_OK;
	if(stage_entry_find(s, who) >= 0)
		rc = pl_failc(err, PL_EINPUT, "stage.substitute_on", "person", who, "stage", s->uid, NULL);
	rc = rc ? rc : stage_check_entry(st, &c->ag, s->date, NULL, &e, a, err);
	if(rc) {
		msg_wrap(err, "stage.substitute_for", "original", orig->person[0] ? orig->person : orig->ref, NULL);
		return rc;
	}
	bool art117 = false;
	int64_t pid = 0;
	rc = hand_over(st, s, c->date, c->note, e.person, a, &art117, err);
	rc = rc ? rc : registry_person_id(st, e.person, &pid, err);
	char day[DATE_STR_MAX];
	date_format(c->date, day);
	sqlite3_stmt *q;
	rc = rc ? rc : store_stmt(st,
	                          "INSERT INTO stage_entry (stage_id, seq, side, clause, ref, person_id, points,"
	                          " outcome, substitute_for, art117, outcome_date)"
	                          " SELECT ?1, ?2, side, clause, ?3, ?7, ?4,"
	                          " 'handed_over', id, ?5, ?8 FROM stage_entry WHERE stage_id = ?1 AND seq = ?6",
	                          &q, err);
	if(rc)
		return rc;
	if(pid)
		sqlite3_bind_int64(q, 7, pid);
	sqlite3_bind_int64(q, 1, s->id);
	sqlite3_bind_int(q, 2, seq);
	sqlite3_bind_text(q, 3, e.person, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(q, 4, e.points);
	sqlite3_bind_int(q, 5, art117);
	sqlite3_bind_int(q, 6, orig->seq);
	sqlite3_bind_text(q, 8, day, -1, SQLITE_STATIC);
	int sr = sqlite3_step(q);
	sqlite3_reset(q);
	if(sr != SQLITE_DONE)
		return store_fail(st, err, sr, "recording a substitute");
	rc = stage_audit_outcome(st, s, seq, e.person, "pending", "handed_over", day, "substitute", err);
	if(rc)
		return rc;
	c->rep->substitutes[orig->side]++;
	c->rep->handed_over[orig->side]++;
	c->rep->art117 += art117;
	return PL_OK;
}

static const event_type failure_event[OUTCOME_COUNT] = {
	[OUTCOME_NOT_PRESENTED] = EV_DELISTED,
	[OUTCOME_REFUSED] = EV_DECLINED_REPATRIATION,
	[OUTCOME_SUBSTITUTED] = EV_DELISTED,
	[OUTCOME_DIED] = EV_DIED_IN_CAPTIVITY,
};

/* What befell those not handed over, as codes of the message catalogue
 * (for the discrepancy and the person's event). */
static const char *const failure_code[OUTCOME_COUNT] = {
	[OUTCOME_NOT_PRESENTED] = "discrepancy.not_presented",
	[OUTCOME_REFUSED] = "discrepancy.refused",
	[OUTCOME_SUBSTITUTED] = "discrepancy.substituted",
	[OUTCOME_DIED] = "discrepancy.died",
};

pl_rc stage_outcome_events(store *st, const stage *s, const char *who, entry_outcome o, pdate date,
                           const char *note, arena *a, bool *art117, pl_err *err)
{
	stage_note said;
	*art117 = false;
	if(o == OUTCOME_HANDED_OVER) {
		stage_note_make(&said, s, "stage.note", NULL, NULL);
		return hand_over(st, s, date, &said, who, a, art117, err);
	}
	if(o <= OUTCOME_PENDING || o >= OUTCOME_COUNT)
		return PL_OK;
	stage_note_outcome(&said, failure_code[o], note);
	person p;
	pl_rc rc = registry_person_get(st, who, a, &p, err);
	/* Taken off a list they were never put on: nothing to undo. */
	if(!rc && (p.status == ST_LISTED || failure_event[o] != EV_DELISTED))
		rc = stage_person_event(st, who, failure_event[o], date, s->handover_point, &said, err);
	return rc;
}

const char *stage_outcome_code(entry_outcome o)
{
	return o > OUTCOME_HANDED_OVER && o < OUTCOME_COUNT ? failure_code[o] : "discrepancy.handed_over";
}

static pl_rc run_entry(store *st, const stage *s, exec_ctx *c, size_t i, int *next_seq, arena *a,
                          pl_err *err)
{
	const stage_entry *e = &s->entries[i];
	entry_outcome o = c->outcome[i];
	const stage_outcome *said = c->said[i];
	const char *who = e->person[0] ? e->person : NULL;
	bool art117 = false;
	pl_rc rc = PL_OK;
	if(o == OUTCOME_PENDING)
		return PL_OK;
	if(who)
		rc = stage_outcome_events(st, s, who, o, c->date, said ? said->note : NULL, a, &art117, err);
	if(o == OUTCOME_HANDED_OVER) {
		c->rep->handed_over[e->side]++;
		c->rep->art117 += art117;
	} else {
		pl_err d;
		char note[200];
		snprintf(note, sizeof(note), "%s%s", said->note ? ": " : "", said->note ? said->note : "");
		pl_failc(&d, PL_OK, "discrepancy.entry", "seq", PL_N(e->seq), "person", who ? who : e->ref,
		         "name", stage_entry_name(e), "outcome", failure_code[o], "note", note, NULL);
		rc = rc ? rc : stage_discrepancy_add(st, s, &d, err);
		c->rep->not_delivered[e->side]++;
		c->rep->discrepancies++;
		if(!rc && o == OUTCOME_SUBSTITUTED)
			rc = substitute(st, s, c, e, said->substitute, (*next_seq)++, a, err);
	}
	return rc ? rc : set_entry(st, s, c, e, o, art117, said ? said->note : NULL, err);
}

/* The remains office's batch of the same label, made if it has none, and
 * tied to the stage: the cases are recorded in it as they are examined. */
static pl_rc remains_batch_of(store *st, const stage *s, exec_ctx *c, const stage_batch *b, pl_err *err)
{
	arena a;
	arena_init(&a, 0);
	remains_batch got;
	pl_err quiet = {0};
	pl_rc rc = PL_OK;
	if(remains_batch_get(st, b->batch, NULL, &a, &got, &quiet) == PL_ENOTFOUND) {
		char date[DATE_STR_MAX];
		date_format(c->date, date);
		remains_batch nb = {.label = b->batch, .from_party = c->ag.party[b->side],
		                    .to_party = c->ag.party[1 - b->side], .handover_date = date,
		                    .declared = b->declared, .note = c->note->text};
		rc = remains_batch_add(st, &nb, err);
	}
	arena_free(&a);
	return rc ? rc : remains_batch_set_stage(st, b->batch, s->id, stage_uid_by_id, err);
}

static pl_rc run_batches(store *st, const stage *s, exec_ctx *c, pl_err *err)
{
	for(size_t k = 0; k < c->x->ndeliveries; k++) {
		bool found = false;
		for(size_t i = 0; i < s->nbatches && !found; i++)
			found = c->x->deliveries[k].batch && !strcmp(s->batches[i].batch, c->x->deliveries[k].batch);
		if(!found)
			return pl_failc(err, PL_EINPUT, "stage.batch_not_on", "batch",
			                c->x->deliveries[k].batch ? c->x->deliveries[k].batch : "(none)", "stage", s->uid,
			                NULL);
		if(c->x->deliveries[k].delivered < 0)
			return pl_failc(err, PL_EINPUT, "stage.batch_count", "batch", c->x->deliveries[k].batch, NULL);
	}
	pl_rc rc = PL_OK;
	for(size_t i = 0; i < s->nbatches && !rc; i++) {
		const stage_batch *b = &s->batches[i];
		long got = b->declared;
		for(size_t k = 0; k < c->x->ndeliveries; k++)
			if(!strcmp(b->batch, c->x->deliveries[k].batch))
				got = c->x->deliveries[k].delivered;
		c->rep->bodies[b->side] += got;
		if(got != b->declared) {
			pl_err d;
			pl_failc(&d, PL_OK, "discrepancy.batch", "batch", b->batch, "delivered", PL_N(got),
			         "declared", PL_N(b->declared), NULL);
			rc = stage_discrepancy_add(st, s, &d, err);
			c->rep->discrepancies++;
		}
		sqlite3_stmt *q;
		rc = rc ? rc : store_stmt(st, "UPDATE stage_batch SET delivered = ?"
		                             " WHERE stage_id = ? AND seq = ?", &q, err);
		if(rc)
			break;
		sqlite3_bind_int64(q, 1, got);
		sqlite3_bind_int64(q, 2, s->id);
		sqlite3_bind_int(q, 3, b->seq);
		int sr = sqlite3_step(q);
		sqlite3_reset(q);
		if(sr != SQLITE_DONE)
			rc = store_fail(st, err, sr, "recording a delivery");
		rc = rc ? rc : remains_batch_of(st, s, c, b, err);
	}
	return rc;
}

/* Who is still pending after this call: refused under EXEC_FINISH,
 * naming up to ten. */
static pl_rc none_pending(const stage *s, const exec_ctx *c, pl_err *err)
{
	char list[600] = "";
	size_t len = 0, n = 0;
	for(size_t i = 0; i < s->nentries; i++) {
		if(s->entries[i].outcome != OUTCOME_PENDING || c->outcome[i] != OUTCOME_PENDING)
			continue;
		if(n++ < 10 && len < sizeof(list))
			len += (size_t)snprintf(list + len, sizeof(list) - len, "%sentry %d (%s)", n > 1 ? ", " : "",
			                        s->entries[i].seq, stage_entry_name(&s->entries[i]));
	}
	if(!n)
		return PL_OK;
	if(n > 10)
		snprintf(list + strlen(list), sizeof(list) - strlen(list), ", ...");
	return pl_failc(err, PL_ECONFLICT, "stage.still_pending", "stage", s->uid, "n", PL_N(n), "list", list,
	                NULL);
}

/* The day outcomes are dated: the one given; else today, and under
 * stage_execute the stage's own day when that is past (a stage recorded
 * afterwards). Events never lie in the future: a stage executed a day
 * before its planned date is dated today. */
static pdate exec_date(const stage *s, const exec_ctx *c)
{
	pdate today = date_today();
	if(c->x->date.y)
		return c->x->date;
	if(c->mode == EXEC_ALL && date_lo(s->date) < date_lo(today))
		return s->date;
	return today;
}

static pl_rc execute(store *st, stage *s, void *ctx, arena *a, pl_err *err)
{
	exec_ctx *c = ctx;
	if(s->status != STAGE_AGREED && s->status != STAGE_IN_PROGRESS)
		return pl_failc(err, PL_ECONFLICT, "stage.not_agreed", "stage", s->uid, "status",
		                stage_status_name(s->status), NULL);
	if(c->mode == EXEC_RECORD && !c->x->noutcomes)
		return pl_failc(err, PL_EUSAGE, "stage.name_persons", NULL);
	if(c->mode == EXEC_RECORD && c->x->ndeliveries)
		return pl_failc(err, PL_EUSAGE, "stage.batches_at_end", NULL);
	c->date = exec_date(s, c);
	pl_rc rc = agreement_get_id(st, s->agreement_id, a, &c->ag, err);
	if(rc)
		return rc;
	stage_note note;
	stage_note_make(&note, s, "stage.note", NULL, NULL);
	c->note = &note;
	c->outcome = arena_calloc(a, s->nentries + 1, sizeof(*c->outcome));
	c->said = arena_calloc(a, s->nentries + 1, sizeof(*c->said));
	if(!c->outcome || !c->said)
		return pl_nomem(err);
	rc = assign_outcomes(s, c, err);
	rc = rc ? rc : c->mode == EXEC_FINISH ? none_pending(s, c, err) : PL_OK;
	/* Substitutes' entries are numbered after every entry there is. */
	int next_seq = 1;
	for(size_t i = 0; i < s->nentries; i++)
		next_seq = s->entries[i].seq >= next_seq ? s->entries[i].seq + 1 : next_seq;
	for(size_t i = 0; i < s->nentries && !rc; i++)
		rc = run_entry(st, s, c, i, &next_seq, a, err);
	if(rc)
		return rc;
	if(c->mode == EXEC_RECORD)
		return s->status == STAGE_AGREED ? stage_set_status(st, s, STAGE_IN_PROGRESS, NULL, err) : PL_OK;
	rc = run_batches(st, s, c, err);
	return rc ? rc : stage_set_status(st, s, STAGE_EXECUTED, NULL, err);
}

static pl_rc exec_run(store *st, const char *uid, exec_mode mode, const stage_exec *x,
                      stage_exec_report *rep, pl_err *err)
{
	memset(rep, 0, sizeof(*rep));
	exec_ctx c = {.mode = mode, .x = x, .rep = rep};
	return stage_change(st, uid, execute, &c, err);
}

pl_rc stage_execute(store *st, const char *uid, const stage_exec *x, stage_exec_report *rep,
                       pl_err *err)
{
	return exec_run(st, uid, EXEC_ALL, x, rep, err);
}

pl_rc stage_record(store *st, const char *uid, const stage_exec *x, stage_exec_report *rep, pl_err *err)
{
	return exec_run(st, uid, EXEC_RECORD, x, rep, err);
}

pl_rc stage_finish(store *st, const char *uid, const stage_exec *x, stage_exec_report *rep, pl_err *err)
{
	return exec_run(st, uid, EXEC_FINISH, x, rep, err);
}
