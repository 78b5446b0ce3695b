/* Remains batches in the ledger (ledger.h): a batch the remains office
 * recorded, tied to a stage and a body-exchange clause, counts its
 * declared bodies as the stage's manifest batches do. The tie itself is
 * the remains module's column (remains_batch_tie); what makes it valid
 * (the stage's agreement, a clause about bodies, the batch's parties) is
 * known here. */
#include <string.h>

#include "accord/internal.h"
#include "accord/ledger.h"
#include "remains/remains.h"

/* The refusal e, with the field it is about in front: "clause: ...". */
static pl_rc refuse(const char **field, const char *name, pl_err *err, const pl_err *e)
{
	*field = name;
	if(err) {
		*err = *e;
		pl_err_prefix(err, "%s: ", name);
	}
	return e->rc;
}

static const clause *clause_of(const agreement *ag, const char *id)
{
	for(int i = 0; id && i < ag->nclauses; i++)
		if(!strcmp(ag->clauses[i].id, id))
			return &ag->clauses[i];
	return NULL;
}

/* The clause named, about bodies. */
static pl_rc tie_clause(const agreement *ag, const char *id, const char **field, pl_err *err)
{
	pl_err e;
	const clause *cl = clause_of(ag, id);
	if(!id || !id[0])
		pl_failc(&e, PL_EINPUT, "ledger.clause_required", NULL);
	else if(!cl)
		pl_failc(&e, PL_EINPUT, "ledger.no_clause", "agreement", ag->name, "clause", id,
		         AGREEMENT_TITLE_ARGS(ag), NULL);
	else if(cl->subject != SUBJECT_REMAINS)
		pl_failc(&e, PL_EINPUT, "ledger.not_remains_clause", "clause", id, "subject",
		         clause_subject_name(cl->subject), NULL);
	else
		return PL_OK;
	return refuse(field, "clause", err, &e);
}

/* The batch goes between the agreement's parties and has a count. */
static pl_rc tie_batch(const agreement *ag, const remains_batch *b, long declared, const char **field,
                       pl_err *err)
{
	pl_err e;
	int from = b->from_party ? agreement_side(ag, b->from_party) : -1;
	int to = b->to_party ? agreement_side(ag, b->to_party) : -1;
	if(from < 0 || to < 0 || from == to) {
		pl_failc(&e, PL_EINPUT, "ledger.batch_parties", "batch", b->label, "from",
		         b->from_party ? b->from_party : "ledger.not_known", "to",
		         b->to_party ? b->to_party : "ledger.not_known", "agreement", ag->name, "a", ag->party[0], "b",
		         ag->party[1], NULL);
		return refuse(field, "batch", err, &e);
	}
	if(declared == 0 || declared < -1) {
		*field = "declared";
		return pl_failc(err, PL_EINPUT, "remains.declared_bodies", "n", PL_N(declared), NULL);
	}
	if(declared < 0 && b->declared < 1) {
		pl_failc(&e, PL_EINPUT, "ledger.no_declared", "batch", b->label, NULL);
		return refuse(field, "declared", err, &e);
	}
	return PL_OK;
}

/* The stage, of that agreement (the stage's own when agreement is NULL) and not cancelled. */
static pl_rc tie_stage(store *st, const ledger_tie *t, arena *a, stage *s, agreement *ag,
                       const char **field, pl_err *err)
{
	pl_err e = {0};
	pl_rc rc = stage_get(st, t->stage ? t->stage : "", a, s, &e);
	if(rc)
		return refuse(field, "stage", err, &e);
	if(t->agreement && t->agreement[0]) {
		if((rc = agreement_get(st, t->agreement, a, ag, &e)))
			return refuse(field, "agreement", err, &e);
		if(ag->id != s->agreement_id) {
			pl_failc(&e, PL_EINPUT, "ledger.stage_other", "stage", s->uid, "agreement", s->agreement, "other",
			         ag->name, NULL);
			return refuse(field, "stage", err, &e);
		}
	} else if((rc = agreement_get_id(st, s->agreement_id, a, ag, err))) {
		return rc;
	}
	if(s->status == STAGE_CANCELLED) {
		pl_failc(&e, PL_ECONFLICT, "ledger.stage_cancelled", "stage", s->uid, NULL);
		return refuse(field, "stage", err, &e);
	}
	return PL_OK;
}

pl_rc ledger_batch_tie(store *st, const ledger_tie *t, const char **field, pl_err *err)
{
	const char *ignored;
	field = field ? field : &ignored;
	*field = NULL;
	arena a;
	arena_init(&a, 0);
	remains_batch b;
	stage s;
	agreement ag;
	pl_err e = {0};
	pl_rc rc = store_begin(st, err);
	if(rc) {
		arena_free(&a);
		return rc;
	}
	if((rc = remains_batch_get(st, t->batch, stage_uid_by_id, &a, &b, &e)))
		rc = refuse(field, "batch", err, &e);
	if(!rc && !t->stage)
		rc = remains_batch_tie(st, t->batch, 0, NULL, -1, stage_uid_by_id, err);
	else if(!rc && !(rc = tie_stage(st, t, &a, &s, &ag, field, err)) &&
	        !(rc = tie_clause(&ag, t->clause, field, err)) && !(rc = tie_batch(&ag, &b, t->declared, field, err)))
		rc = remains_batch_tie(st, t->batch, s.id, t->clause, t->declared, stage_uid_by_id, err);
	rc = store_end(st, rc, err);
	arena_free(&a);
	return rc;
}

/* Is the batch on the stage's manifest? Then the manifest's row counts it. */
static pl_rc on_manifest(store *st, int64_t stage_id, const char *label, bool *yes, pl_err *err)
{
	sqlite3_stmt *s;
	pl_rc rc = store_stmt(st, "SELECT 1 FROM stage_batch WHERE stage_id = ? AND batch = ?", &s, err);
	if(rc)
		return rc;
	sqlite3_bind_int64(s, 1, stage_id);
	sqlite3_bind_text(s, 2, label, -1, SQLITE_STATIC);
	int x = sqlite3_step(s);
	sqlite3_reset(s);
	*yes = x == SQLITE_ROW;
	return x == SQLITE_ROW || x == SQLITE_DONE ? PL_OK : store_fail(st, err, x, "reading a stage's batches");
}

/* The stage's status and agreement, for a tied batch. */
static pl_rc stage_of(store *st, int64_t id, int64_t *agreement_id, int *status, pl_err *err)
{
	sqlite3_stmt *s;
	pl_rc rc = store_stmt(st, "SELECT agreement_id, status FROM stage WHERE id = ?", &s, err);
	if(rc)
		return rc;
	sqlite3_bind_int64(s, 1, id);
	int x = sqlite3_step(s);
	*agreement_id = x == SQLITE_ROW ? sqlite3_column_int64(s, 0) : 0;
	*status = x == SQLITE_ROW ? stage_status_parse(store_column_text(s, 1)) : -1;
	sqlite3_reset(s);
	return x == SQLITE_ROW || x == SQLITE_DONE ? PL_OK : store_fail(st, err, x, "reading a stage");
}

pl_rc ledger_batches_tied(store *st, const agreement *ag, int64_t stage_id, arena *a, ledger_batch **out,
                          size_t *n, pl_err *err)
{
	remains_batch *b;
	size_t nb;
	*n = 0;
	pl_rc rc = remains_batch_list(st, stage_uid_by_id, a, &b, &nb, err);
	if(!rc && !(*out = arena_calloc(a, nb ? nb : 1, sizeof(ledger_batch))))
		rc = pl_nomem(err);
	for(size_t i = 0; i < nb && !rc; i++) {
		int64_t agreement_id;
		int status;
		bool listed;
		if(!b[i].stage_id || !b[i].clause || (stage_id && b[i].stage_id != stage_id))
			continue;
		if((rc = stage_of(st, b[i].stage_id, &agreement_id, &status, err)) || agreement_id != ag->id)
			continue;
		if((rc = on_manifest(st, b[i].stage_id, b[i].label, &listed, err)) || listed)
			continue;
		(*out)[(*n)++] = (ledger_batch){.label = b[i].label, .stage_id = b[i].stage_id, .stage = b[i].stage,
		                                .status = status, .side = agreement_side(ag, b[i].from_party),
		                                .clause = b[i].clause, .declared = b[i].declared,
		                                .cases = b[i].received};
	}
	return rc;
}
