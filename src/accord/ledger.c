/* The balance ledger (ledger.h). */
#include <string.h>

#include <jansson.h>

#include "accord/internal.h"
#include "accord/ledger.h"
#include "accord/plan.h"
#include "core/text.h"

static ledger_clause *find(ledger *l, const char *id)
{
	for(int i = 0; i < l->n; i++)
		if(!strcmp(l->clauses[i].cl->id, id))
			return &l->clauses[i];
	return NULL;
}

/* Is what a stage in this status holds counted already? */
static bool counted(const agreement *ag, stage_status st)
{
	if(st == STAGE_EXECUTED || st == STAGE_CLOSED)
		return true;
	return ag->counting == COUNT_AT_SIGNING && (st == STAGE_AGREED || st == STAGE_IN_PROGRESS);
}

static pl_rc count_entries(store *st, const agreement *ag, ledger *l, pl_err *err)
{
	sqlite3_stmt *s;
	pl_rc rc = store_stmt(st,
	                      "SELECT e.side, e.clause, s.status, coalesce(" STAGE_OUTCOME_NOW ", 'pending'), count(*),"
	                      " sum(e.points) FROM stage_entry e JOIN stage s ON s.id = e.stage_id"
	                      " WHERE s.agreement_id = ? GROUP BY 1, 2, 3, 4", &s, err);
	if(rc)
		return rc;
	sqlite3_bind_int64(s, 1, ag->id);
	while(sqlite3_step(s) == SQLITE_ROW) {
		int side = agreement_side(ag, store_column_text(s, 0));
		ledger_clause *c = find(l, store_column_text(s, 1));
		int status = stage_status_parse(store_column_text(s, 2));
		int o = entry_outcome_parse(store_column_text(s, 3));
		long n = sqlite3_column_int64(s, 4), pts = sqlite3_column_int64(s, 5);
		if(side < 0 || !c || status < 0 || o < 0 || status == STAGE_CANCELLED)
			continue;
		ledger_side *x = &c->side[side];
		/* A stage in progress counts each person as they cross. */
		bool crossed = status == STAGE_IN_PROGRESS && o == OUTCOME_HANDED_OVER;
		if(o != OUTCOME_PENDING && o != OUTCOME_HANDED_OVER) {
			x->failed += n;
		} else if(crossed || counted(ag, (stage_status)status)) {
			x->delivered += n;
			x->delivered_points += pts;
		} else if(stage_status_holds((stage_status)status)) {
			x->in_stages += n;
			x->in_stages_points += pts;
		}
	}
	sqlite3_reset(s);
	return PL_OK;
}

static pl_rc count_batches(store *st, const agreement *ag, ledger *l, pl_err *err)
{
	sqlite3_stmt *s;
	pl_rc rc = store_stmt(st,
	                      "SELECT b.side, b.clause, s.status, b.declared, b.delivered FROM stage_batch b"
	                      " JOIN stage s ON s.id = b.stage_id WHERE s.agreement_id = ?", &s, err);
	if(rc)
		return rc;
	sqlite3_bind_int64(s, 1, ag->id);
	while(sqlite3_step(s) == SQLITE_ROW) {
		int side = agreement_side(ag, store_column_text(s, 0));
		ledger_clause *c = find(l, store_column_text(s, 1));
		int status = stage_status_parse(store_column_text(s, 2));
		long declared = sqlite3_column_int64(s, 3);
		bool executed = sqlite3_column_type(s, 4) != SQLITE_NULL;
		long got = executed ? sqlite3_column_int64(s, 4) : declared;
		if(side < 0 || !c || status < 0 || status == STAGE_CANCELLED)
			continue;
		ledger_side *x = &c->side[side];
		if(counted(ag, (stage_status)status)) {
			x->delivered += got;
			x->failed += executed && got < declared ? declared - got : 0;
		} else if(stage_status_holds((stage_status)status)) {
			x->in_stages += declared;
		}
	}
	sqlite3_reset(s);
	return PL_OK;
}

/* Remains batches tied to the agreement's stages: their declared bodies
 * (what the sender declared and the receiver signed for), and the cases
 * recorded in them beside. */
static pl_rc count_tied(store *st, const agreement *ag, ledger *l, arena *a, pl_err *err)
{
	ledger_batch *b;
	size_t n;
	pl_rc rc = ledger_batches_tied(st, ag, 0, a, &b, &n, err);
	for(size_t i = 0; i < n && !rc; i++) {
		ledger_clause *c = find(l, b[i].clause);
		if(b[i].side < 0 || !c || b[i].status < 0 || b[i].status == STAGE_CANCELLED || b[i].declared < 0)
			continue;
		ledger_side *x = &c->side[b[i].side];
		if(counted(ag, (stage_status)b[i].status)) {
			x->delivered += b[i].declared;
			x->cases += b[i].cases;
		} else if(stage_status_holds((stage_status)b[i].status)) {
			x->in_stages += b[i].declared;
		}
	}
	return rc;
}

static long ceil_div(long a, long b)
{
	return b ? (a + b - 1) / b : 0;
}

/* All for all: everyone eligible and waiting now, and those on stages. */
static pl_rc all_for_all_owed(store *st, const agreement *ag, ledger_clause *c, arena *a, pl_err *err)
{
	if(c->cl->subject == SUBJECT_REMAINS) {
		c->side[0].owed = c->side[1].owed = -1;
		return PL_OK;
	}
	plan p;
	pdate today = date_today();
	/* Past the agreement's end, what it still owes is reckoned on its last day. */
	if(ag->valid_until.y && date_lo(today) > date_hi(ag->valid_until))
		today = (pdate){ag->valid_until.y, ag->valid_until.m ? ag->valid_until.m : 12,
		                ag->valid_until.d ? ag->valid_until.d : 28};
	if(ag->valid_from.y && date_lo(today) < date_lo(ag->valid_from))
		today = (pdate){ag->valid_from.y, ag->valid_from.m ? ag->valid_from.m : 1,
		                ag->valid_from.d ? ag->valid_from.d : 1};
	plan_opts o = {.clause = c->cl->id, .date = today, .max_days = 1};
	pl_rc rc = plan_make(st, ag, &o, a, &p, err);
	for(int s = 0; s < 2 && !rc; s++)
		c->side[s].owed = (long)p.ncand[s] + c->side[s].in_stages;
	return rc;
}

static void owed(ledger_clause *c)
{
	const clause *cl = c->cl;
	ledger_side *x = c->side;
	long o[2];
	for(int s = 0; s < 2; s++) {
		switch(cl->basis) {
		case BASIS_QUOTA: o[s] = cl->quota[s] - x[s].delivered; break;
		case BASIS_RATIO:
			o[s] = ceil_div(x[1 - s].delivered * cl->ratio[s], cl->ratio[1 - s]) - x[s].delivered;
			break;
		case BASIS_POINTS: o[s] = x[1 - s].delivered_points - x[s].delivered_points; break;
		default: o[s] = x[s].owed; break; /* all for all: counted already, or -1 */
		}
	}
	for(int s = 0; s < 2; s++) {
		if(cl->basis == BASIS_ALL_FOR_ALL && o[s] < 0) {
			x[s].owed = x[s].outstanding = -1;
			continue;
		}
		x[s].owed = o[s] > 0 ? o[s] : 0;
		long in = cl->basis == BASIS_POINTS ? x[s].in_stages_points : x[s].in_stages;
		x[s].outstanding = x[s].owed > in ? x[s].owed - in : 0;
	}
}

pl_rc ledger_compute(store *st, const agreement *ag, arena *a, ledger *out, pl_err *err)
{
	memset(out, 0, sizeof(*out));
	for(int i = 0; i < ag->nclauses; i++)
		out->clauses[out->n++].cl = &ag->clauses[i];
	pl_rc rc = store_read_begin(st, err);
	if(rc)
		return rc;
	rc = count_entries(st, ag, out, err);
	rc = rc ? rc : count_batches(st, ag, out, err);
	rc = rc ? rc : count_tied(st, ag, out, a, err);
	sqlite3_stmt *s;
	rc = rc ? rc : store_stmt(st, "SELECT status, count(*) FROM stage WHERE agreement_id = ? GROUP BY 1",
	                          &s, err);
	if(!rc) {
		sqlite3_bind_int64(s, 1, ag->id);
		while(sqlite3_step(s) == SQLITE_ROW) {
			int k = stage_status_parse(store_column_text(s, 0));
			if(k >= 0)
				out->stages[k] = sqlite3_column_int64(s, 1);
		}
		sqlite3_reset(s);
	}
	store_read_end(st);
	for(int i = 0; i < out->n && !rc; i++)
		if(out->clauses[i].cl->basis == BASIS_ALL_FOR_ALL)
			rc = all_for_all_owed(st, ag, &out->clauses[i], a, err);
	for(int i = 0; i < out->n && !rc; i++)
		owed(&out->clauses[i]);
	return rc;
}

/* ---- in words ------------------------------------------------------------------ */

static void num(long n, char *out, size_t size)
{
	if(n < 0)
		snprintf(out, size, "-");
	else
		text_thousands(n, out, size);
}

pl_rc ledger_text(const agreement *ag, const ledger *l, buf *out)
{
	pl_rc rc = buf_adds(out, "ledger (stages:");
	for(int k = 0; k < STAGE_STATUS_COUNT && !rc; k++)
		rc = buf_printf(out, "%s %ld %s", k ? "," : "", l->stages[k], stage_status_name((stage_status)k));
	rc = rc ? rc : buf_adds(out, ")\n");
	for(int i = 0; i < l->n && !rc; i++) {
		const ledger_clause *c = &l->clauses[i];
		bool pts = c->cl->basis == BASIS_POINTS;
		const char *unit = c->cl->subject == SUBJECT_REMAINS ? "bodies" : pts ? "points" : "persons";
		rc = buf_printf(out, "\n  clause %s (%s, in %s)\n  %-6s %12s %12s %12s %12s %12s\n", c->cl->id,
		                basis_kind_name(c->cl->basis), unit, "side", "delivered", "on stages",
		                "not delivered", "owed", "outstanding");
		for(int s = 0; s < 2 && !rc; s++) {
			const ledger_side *x = &c->side[s];
			char d[32], in[32], f[32], o[32], u[32];
			num(pts ? x->delivered_points : x->delivered, d, sizeof(d));
			num(pts ? x->in_stages_points : x->in_stages, in, sizeof(in));
			num(x->failed, f, sizeof(f));
			num(x->owed, o, sizeof(o));
			num(x->outstanding, u, sizeof(u));
			rc = buf_printf(out, "  %-6s %12s %12s %12s %12s %12s\n", ag->party[s], d, in, f, o, u);
		}
		if(!rc && (c->side[0].cases || c->side[1].cases)) {
			char k0[32], k1[32];
			num(c->side[0].cases, k0, sizeof(k0));
			num(c->side[1].cases, k1, sizeof(k1));
			rc = buf_printf(out, "  cases recorded in tied batches (bodies are their declared counts): %s %s, "
			                "%s %s\n", ag->party[0], k0, ag->party[1], k1);
		}
	}
	return rc;
}

json_t *ledger_json(const agreement *ag, const ledger *l)
{
	json_t *v = json_object(), *stages = json_object(), *clauses = json_array();
	for(int k = 0; k < STAGE_STATUS_COUNT; k++)
		json_object_set_new(stages, stage_status_name((stage_status)k), json_integer(l->stages[k]));
	for(int i = 0; i < l->n; i++) {
		const ledger_clause *c = &l->clauses[i];
		json_t *cj = json_pack("{s:s, s:s, s:s}", "clause", c->cl->id, "basis",
		                       basis_kind_name(c->cl->basis), "subject", clause_subject_name(c->cl->subject));
		for(int s = 0; s < 2 && cj; s++) {
			const ledger_side *x = &c->side[s];
			json_object_set_new(cj, ag->party[s],
			                    json_pack("{s:I, s:I, s:I, s:I, s:I, s:I, s:I, s:I}", "delivered",
			                              (json_int_t)x->delivered, "delivered_points",
			                              (json_int_t)x->delivered_points, "in_stages", (json_int_t)x->in_stages,
			                              "in_stages_points", (json_int_t)x->in_stages_points, "not_delivered",
			                              (json_int_t)x->failed, "owed", (json_int_t)x->owed, "outstanding",
			                              (json_int_t)x->outstanding, "cases",
			                              (json_int_t)x->cases));
		}
		json_array_append_new(clauses, cj);
	}
	json_object_set_new(v, "stages", stages);
	json_object_set_new(v, "clauses", clauses);
	return v;
}
