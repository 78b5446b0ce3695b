/* The planner (plan.h): the clause and the date checked, then the parts in
 * turn: what stages hold, everyone in custody sorted out (plan_read.c),
 * each side ordered (plan_order.c), the schedule (plan_schedule.c). */
#include <string.h>

#include "accord/plan_internal.h"

static pl_rc pick_clause(const agreement *ag, const char *id, const clause **out, pl_err *err)
{
	if(id) {
		*out = agreement_clause(ag, id);
		if(!*out)
			return pl_failc(err, PL_EINPUT, "stage.no_clause", "agreement", ag->name, "clause", id, NULL);
		return PL_OK;
	}
	if(ag->nclauses != 1) {
		char list[512] = "";
		for(int i = 0; i < ag->nclauses; i++)
			snprintf(list + strlen(list), sizeof(list) - strlen(list), "%s%s", i ? ", " : "",
			         ag->clauses[i].id);
		return pl_failc(err, PL_EUSAGE, "plan.which_clause", "agreement", ag->name, "n", PL_N(ag->nclauses),
		                "list", list, AGREEMENT_TITLE_ARGS(ag), NULL);
	}
	*out = &ag->clauses[0];
	return PL_OK;
}

static pl_rc check_window(const agreement *ag, pdate d, pl_err *err)
{
	char on[DATE_STR_MAX], lim[DATE_STR_MAX];
	date_format(d, on);
	if(ag->valid_from.y && date_lo(d) < date_lo(ag->valid_from)) {
		date_format(ag->valid_from, lim);
		return pl_failc(err, PL_EINPUT, "plan.before", "date", on, "agreement", ag->name, "from", lim,
		                AGREEMENT_TITLE_ARGS(ag), NULL);
	}
	if(ag->valid_until.y && date_lo(d) > date_hi(ag->valid_until)) {
		date_format(ag->valid_until, lim);
		return pl_failc(err, PL_EINPUT, "plan.after", "date", on, "agreement", ag->name, "until", lim,
		                AGREEMENT_TITLE_ARGS(ag), NULL);
	}
	return PL_OK;
}

pl_rc plan_make(store *st, const agreement *ag, const plan_opts *o, arena *a, plan *out,
                   pl_err *err)
{
	double t0 = date_monotonic();
	memset(out, 0, sizeof(*out));
	out->ag = ag;
	out->date = o->date.y ? o->date : date_today();
	if(out->date.m == 0 || out->date.d == 0)
		return pl_failc(err, PL_EINPUT, "plan.whole_date", NULL);
	pl_rc rc = pick_clause(ag, o->clause, &out->cl, err);
	rc = rc ? rc : check_window(ag, out->date, err);
	if(rc)
		return rc;
	out->capacity = o->capacity ? o->capacity : out->cl->capacity;
	rc = plan_read_committed(st, out, err);
	if(!rc && out->cl->subject != SUBJECT_REMAINS)
		rc = plan_read_custody(st, out, a, err);
	if(rc)
		return rc;
	int max_days = o->max_days > 0 ? o->max_days : 60;
	for(int s = 0; s < 2; s++)
		plan_order(out, s, max_days);
	rc = plan_schedule(out, max_days, a, err);
	out->seconds = date_monotonic() - t0;
	if(!rc && arena_oom(a))
		rc = pl_nomem(err);
	return rc;
}
