/* The plan in words and as JSON, for the command and the API (plan.h):
 * the planner gives data (persons, reasons, rule tests, bounds), this
 * says them. */
#include <string.h>

#include "accord/plan.h"
#include "core/text.h"

pl_rc plan_person_name(const plan_person *w, buf *out)
{
	pl_rc rc = buf_adds(out, w->surname ? w->surname : "?");
	if(!rc && w->given_names)
		rc = buf_printf(out, " %s", w->given_names);
	return rc;
}

pl_rc plan_limit_text(const plan *p, buf *out)
{
	const plan_limit *l = &p->limit;
	char n[32];
	switch(l->bound) {
	case BOUND_NONE: return PL_OK;
	case BOUND_WAITING:
		return buf_printf(out, "%s has no more eligible people waiting (%ld)", p->ag->party[l->side], l->n);
	case BOUND_CAPACITY:
		text_thousands(l->n, n, sizeof(n));
		return buf_printf(out, "the capacity of %s per side in a stage", n);
	case BOUND_BASIS:
		return buf_printf(out, "what the basis still asks of %s (%ld)", p->ag->party[l->side], l->n);
	case BOUND_EVERYONE:
		return buf_adds(out, p->capacity ? "everyone eligible, within the capacity" : "everyone eligible");
	case BOUND_POINTS:
		return buf_printf(out, "equal points on both sides%s%s", p->cl->pool ? ", the pool balanced apart" : "",
		                  p->capacity ? ", within the capacity" : "");
	case BOUND_REMAINS_BY_COUNT: return buf_adds(out, "remains all for all: give the counts in the stage itself");
	case BOUND_NOTHING_BALANCES: return buf_adds(out, "nothing balances: one side has no one to give");
	case BOUND_NO_ONE: return buf_adds(out, "no one is eligible and waiting");
	}
	return PL_OK;
}

/* The bound as data, for the UI to say in the user's language. */
static json_t *limit_json(const plan *p)
{
	static const char *const names[] = {
		[BOUND_NONE] = "none", [BOUND_WAITING] = "waiting", [BOUND_CAPACITY] = "capacity",
		[BOUND_BASIS] = "basis", [BOUND_EVERYONE] = "everyone", [BOUND_POINTS] = "points",
		[BOUND_REMAINS_BY_COUNT] = "remains_by_count", [BOUND_NOTHING_BALANCES] = "nothing_balances",
		[BOUND_NO_ONE] = "no_one"};
	const plan_limit *l = &p->limit;
	return json_pack("{s:s, s:s, s:I, s:b, s:b}", "bound", names[l->bound], "side",
	                 p->ag->party[l->side], "n", (json_int_t)l->n, "capacity", p->capacity != 0,
	                 "pool", p->cl->pool != NULL);
}

/* ---- in words -------------------------------------------------------------- */

static pl_rc text_day(const plan *p, const plan_day *d, int n, buf *out)
{
	char date[DATE_STR_MAX], a[32], b[32];
	date_format(d->date, date);
	long x = p->cl->subject == SUBJECT_REMAINS ? d->bodies[0] : d->persons[0];
	long y = p->cl->subject == SUBJECT_REMAINS ? d->bodies[1] : d->persons[1];
	const char *what = p->cl->subject == SUBJECT_REMAINS ? x == 1 ? "body" : "bodies"
	                                                      : x == 1 ? "person" : "persons";
	text_thousands(x, a, sizeof(a));
	text_thousands(y, b, sizeof(b));
	pl_rc rc = buf_printf(out, "  stage %d, %s: %s hands over %s %s, %s hands over %s", n, date,
	                      p->ag->party[0], a, what, p->ag->party[1], b);
	if(!rc && p->cl->basis == BASIS_POINTS)
		rc = buf_printf(out, " (%ld points each)", d->points[0]);
	return rc ? rc : buf_adds(out, "\n");
}

static pl_rc text_people(const plan *p, buf *out)
{
	pl_rc rc = PL_OK;
	for(int s = 0; s < 2 && !rc; s++) {
		rc = buf_printf(out, "\n%s hands over in the next stage (in priority order):\n", p->ag->party[s]);
		long n = 0;
		for(size_t i = 0; i < p->ncand[s] && !rc; i++) {
			const plan_candidate *c = &p->cand[s][i];
			if(c->day != 1)
				continue;
			rc = buf_printf(out, "  %4ld  %s  ", ++n, c->who.uid);
			rc = rc ? rc : plan_person_name(&c->who, out);
			if(!rc && p->cl->basis == BASIS_POINTS)
				rc = buf_printf(out, "  (%ld point%s%s)", c->points, c->points == 1 ? "" : "s",
				                c->pooled ? ", pool" : "");
			rc = rc ? rc : buf_adds(out, "\n");
		}
		if(!rc && !n)
			rc = buf_adds(out, "  nobody\n");
	}
	return rc;
}

static pl_rc text_exclusions(const plan *p, bool explain, buf *out)
{
	char n[32];
	pl_rc rc = buf_adds(out, "\nleft out:\n");
	size_t total = 0;
	for(int k = 0; k < EXCLUDE_COUNT && !rc; k++) {
		if(!p->by_reason[k])
			continue;
		total += p->by_reason[k];
		text_thousands((long)p->by_reason[k], n, sizeof(n));
		rc = buf_printf(out, "  %8s  %s\n", n, clause_exclusion_text((clause_exclusion)k));
	}
	if(!rc && !total)
		rc = buf_adds(out, "  nobody\n");
	for(size_t i = 0; explain && i < p->nexcl && !rc; i++) {
		const plan_exclusion *x = &p->excl[i];
		rc = buf_printf(out, "%s  %s  ", i ? "" : "\n", x->who.uid);
		rc = rc ? rc : plan_person_name(&x->who, out);
		rc = rc ? rc : buf_printf(out, " (held by %s): ", p->ag->party[x->side]);
		rc = rc ? rc : clause_verdict_text(x->why, out);
		rc = rc ? rc : buf_adds(out, "\n");
	}
	if(!rc && !explain && total)
		rc = buf_adds(out, "(--explain lists every person left out, and why)\n");
	return rc;
}

pl_rc plan_text(const plan *p, bool explain, buf *out)
{
	char date[DATE_STR_MAX], w[2][32];
	date_format(p->date, date);
	pl_rc rc = buf_printf(out, "agreement %s, clause %s (%s), next stage on %s\n", p->ag->name,
	                      p->cl->id, clause_subject_name(p->cl->subject), date);
	rc = rc ? rc : buf_adds(out, "basis: ");
	rc = rc ? rc : clause_basis_text(p->ag, p->cl, out);
	if(!rc && (p->committed[0] || p->committed[1] || p->committed_bodies[0] || p->committed_bodies[1]))
		rc = buf_printf(out, "; already on stages: %s %ld, %s %ld", p->ag->party[0],
		                p->committed[0] + p->committed_bodies[0], p->ag->party[1],
		                p->committed[1] + p->committed_bodies[1]);
	for(int s = 0; s < 2 && !rc; s++)
		text_thousands((long)p->ncand[s], w[s], sizeof(w[s]));
	if(!rc && p->cl->subject != SUBJECT_REMAINS)
		rc = buf_printf(out, "\neligible and waiting: %s held by %s, %s held by %s\n", w[0],
		                p->ag->party[0], w[1], p->ag->party[1]);
	else if(!rc)
		rc = buf_adds(out, "\n");
	if(!rc && p->capacity) {
		text_thousands(p->capacity, w[0], sizeof(w[0]));
		rc = buf_printf(out, "capacity: %s per side in a stage\n", w[0]);
	}
	rc = rc ? rc : buf_printf(out, "\nschedule (%zu stage%s; the first bounded by ", p->ndays,
	                          p->ndays == 1 ? "" : "s");
	rc = rc ? rc : plan_limit_text(p, out);
	rc = rc ? rc : buf_adds(out, "):\n");
	for(size_t i = 0; i < p->ndays && !rc; i++)
		rc = text_day(p, &p->days[i], (int)i + 1, out);
	if(!rc && !p->ndays)
		rc = buf_adds(out, "  nothing to plan\n");
	if(!rc && p->cl->subject != SUBJECT_REMAINS)
		rc = text_people(p, out);
	if(!rc && p->cl->subject != SUBJECT_REMAINS)
		rc = text_exclusions(p, explain, out);
	return rc ? rc : buf_printf(out, "\nplanned in %.3f s\n", p->seconds);
}

/* ---- as JSON --------------------------------------------------------------- */

static json_t *json_day(const plan *p, const plan_day *d)
{
	char date[DATE_STR_MAX];
	date_format(d->date, date);
	json_t *v = json_pack("{s:s}", "date", date);
	for(int s = 0; s < 2 && v; s++)
		json_object_set_new(v, p->ag->party[s],
		                    json_pack("{s:I, s:I, s:I}", "persons", (json_int_t)d->persons[s], "points",
		                              (json_int_t)d->points[s], "bodies", (json_int_t)d->bodies[s]));
	return v;
}

/* NULL: out of memory. */
static const char *name_of(const plan_person *w, buf *b)
{
	buf_reset(b);
	return plan_person_name(w, b) ? NULL : buf_str(b);
}

json_t *plan_exclusion_json(const plan *p, const plan_exclusion *x)
{
	buf name, why;
	buf_init(&name, 0);
	buf_init(&why, 0);
	json_t *v = NULL;
	bool has_why = clause_verdict_has_detail(x->why);
	if(name_of(&x->who, &name) && !(has_why && clause_verdict_detail(x->why, &why)))
		v = json_pack("{s:s, s:s, s:s, s:s, s:s?, s:o?}", "id", x->who.uid, "name", buf_str(&name),
		              "held_by", p->ag->party[x->side], "reason",
		              clause_exclusion_name(x->why->reason), "why", has_why ? buf_str(&why) : NULL,
		              "detail", clause_verdict_json(x->why));
	buf_free(&name);
	buf_free(&why);
	return v;
}

static json_t *next_stage_json(const plan *p, int s, buf *name)
{
	json_t *arr = json_array();
	for(size_t i = 0; i < p->ncand[s]; i++) {
		const plan_candidate *c = &p->cand[s][i];
		if(c->day == 1)
			json_array_append_new(arr, json_pack("{s:s, s:s, s:I, s:b}", "id", c->who.uid, "name",
			                                     name_of(&c->who, name), "points", (json_int_t)c->points,
			                                     "pool", c->pooled));
	}
	return arr;
}

json_t *plan_json(const plan *p, bool explain)
{
	char date[DATE_STR_MAX];
	date_format(p->date, date);
	buf b;
	buf_init(&b, 0);
	json_t *v = plan_limit_text(p, &b) ? NULL
	            : json_pack("{s:s, s:s, s:s, s:I, s:s, s:f}", "agreement", p->ag->name, "clause",
	                        p->cl->id, "date", date, "capacity", (json_int_t)p->capacity, "limited_by",
	                        buf_str(&b), "seconds", p->seconds);
	json_t *days = json_array(), *next = json_object(), *excl = json_array(), *counts = json_object();
	for(size_t i = 0; i < p->ndays; i++)
		json_array_append_new(days, json_day(p, &p->days[i]));
	for(int s = 0; s < 2; s++) {
		json_object_set_new(next, p->ag->party[s], next_stage_json(p, s, &b));
		json_object_set_new(counts, p->ag->party[s],
		                    json_pack("{s:I, s:I, s:I}", "eligible", (json_int_t)p->ncand[s], "committed",
		                              (json_int_t)(p->committed[s] + p->committed_bodies[s]),
		                              "left", (json_int_t)p->left[s]));
	}
	buf_free(&b);
	json_t *reasons = json_object();
	for(int k = 0; k < EXCLUDE_COUNT; k++)
		json_object_set_new(reasons, clause_exclusion_name((clause_exclusion)k),
		                    json_integer((json_int_t)p->by_reason[k]));
	for(size_t i = 0; explain && i < p->nexcl; i++)
		json_array_append_new(excl, plan_exclusion_json(p, &p->excl[i]));
	json_object_set_new(v, "limit", limit_json(p));
	json_object_set_new(v, "schedule", days);
	json_object_set_new(v, "next_stage", next);
	json_object_set_new(v, "sides", counts);
	json_object_set_new(v, "excluded", reasons);
	if(explain)
		json_object_set_new(v, "exclusions", excl);
	else
		json_decref(excl);
	return v;
}
