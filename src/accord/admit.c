/* What a clause says of a person: whether they may go in a stage of it,
 * what they count for, whether they are in its pool (agreement.h). */
#include <stdio.h>
#include <string.h>

#include "accord/agreement.h"
#include "core/msg.h"
#include "registry/lifecycle.h"

static const char *const exclusion_names[EXCLUDE_COUNT] = {
	[EXCLUDE_NOT_CONFIRMED] = "not_confirmed",
	[EXCLUDE_NOT_YET_CAPTURED] = "not_yet_captured",
	[EXCLUDE_PARTY] = "party",
	[EXCLUDE_CONSENT] = "consent",
	[EXCLUDE_NOT_ELIGIBLE] = "not_eligible",
	[EXCLUDE_UNKNOWN] = "eligibility_unknown",
	[EXCLUDE_NO_POINTS] = "no_points",
	[EXCLUDE_BOOKED] = "booked",
	[EXCLUDE_OTHER_MEDIATOR] = "other_mediator",
	[EXCLUDE_LISTED_ELSEWHERE] = "listed_elsewhere",
};

const char *clause_exclusion_name(clause_exclusion r)
{
	return r < EXCLUDE_COUNT ? exclusion_names[r] : "?";
}

/* The English text is the message catalogue's (core/msgtab.c), where the
 * web UI's and the other languages' texts of the same codes are kept. */
const char *clause_exclusion_text(clause_exclusion r)
{
	char code[48];
	snprintf(code, sizeof(code), "exclusion.%s", clause_exclusion_name(r));
	const char *s = msg_template(LANG_EN, code);
	return s ? s : "?";
}

long clause_points(const clause *c, const person *p, pdate stage_date)
{
	if(c->basis != BASIS_POINTS)
		return 1;
	for(int i = 0; i < c->nscale; i++)
		if(!c->scale[i].when || rule_eval(c->scale[i].when, p, stage_date, NULL) == RULE_YES)
			return c->scale[i].points;
	return 0;
}

bool clause_in_pool(const clause *c, const person *p, pdate stage_date)
{
	return c->pool && rule_eval(c->pool, p, stage_date, NULL) == RULE_YES;
}

static bool refuse(clause_verdict *v, clause_exclusion reason, const char *value)
{
	v->reason = reason;
	v->value = value;
	return false;
}

bool clause_admits(const agreement *ag, const clause *cl, pdate date, const person *pe, int side,
                   const clause_booking *b, clause_verdict *v)
{
	const char *other = ag->party[1 - side];
	memset(v, 0, sizeof(*v));
	v->status = pe->status;
	if(pe->status != ST_HELD && pe->status != ST_LISTED)
		return refuse(v, EXCLUDE_NOT_CONFIRMED, NULL);
	/* Held now is not held on the stage's day: a stage planned for a date
	 * (one being recorded after the fact, a plan made ahead) takes only
	 * those whose capture was no later. A partial date counts only when
	 * all of it is later; an unknown one does not exclude. */
	pdate captured;
	const char *why;
	if(pe->f[PF_CAPTURE_DATE] && date_parse(pe->f[PF_CAPTURE_DATE], &captured, &why) &&
	   date_lo(captured) > date_hi(date))
		return refuse(v, EXCLUDE_NOT_YET_CAPTURED, pe->f[PF_CAPTURE_DATE]);
	if(!pe->f[PF_PARTY] || strcmp(pe->f[PF_PARTY], other))
		return refuse(v, EXCLUDE_PARTY, pe->f[PF_PARTY]);
	if(pe->f[PF_CONSENT] && !strcmp(pe->f[PF_CONSENT], "no"))
		return refuse(v, EXCLUDE_CONSENT, NULL);
	if(b && b->stage) {
		bool same = (!b->mediator && !ag->mediator) ||
		            (b->mediator && ag->mediator && !strcmp(b->mediator, ag->mediator));
		return refuse(v, same ? EXCLUDE_BOOKED : EXCLUDE_OTHER_MEDIATOR, b->stage);
	}
	if(pe->status == ST_LISTED)
		return refuse(v, EXCLUDE_LISTED_ELSEWHERE, NULL);
	rule_answer ok = rule_eval(cl->eligible, pe, date, &v->test);
	if(ok != RULE_YES)
		return refuse(v, ok == RULE_NO ? EXCLUDE_NOT_ELIGIBLE : EXCLUDE_UNKNOWN, NULL);
	/* The test that said yes stays in v->test: the explanation of "no
	 * points" has always shown it before the rank. */
	v->points = clause_points(cl, pe, date);
	if(!v->points)
		return refuse(v, EXCLUDE_NO_POINTS, pe->f[PF_RANK]);
	return true;
}

/* ---- in words -------------------------------------------------------------- */

bool clause_verdict_has_detail(const clause_verdict *v)
{
	return v->test || v->value || v->reason == EXCLUDE_PARTY ||
	       (v->reason == EXCLUDE_NOT_CONFIRMED && v->status != ST_CAPTURED);
}

pl_rc clause_verdict_detail(const clause_verdict *v, buf *out)
{
	if(v->test)
		return rule_explain(v->test, out);
	if(v->value)
		return buf_adds(out, v->value);
	if(v->reason == EXCLUDE_PARTY)
		return buf_adds(out, "party unknown");
	if(v->reason == EXCLUDE_NOT_CONFIRMED && v->status != ST_CAPTURED)
		return buf_adds(out, lifecycle_status_label(v->status));
	return PL_OK;
}

json_t *clause_verdict_json(const clause_verdict *v)
{
	if(v->test)
		return json_pack("{s:o}", "rule", rule_json(v->test));
	if(v->value)
		return json_pack("{s:s}", "value", v->value);
	if(v->reason == EXCLUDE_PARTY)
		return json_pack("{s:b}", "party_unknown", 1);
	if(v->reason == EXCLUDE_NOT_CONFIRMED && v->status != ST_CAPTURED)
		return json_pack("{s:s}", "status", lifecycle_status_name(v->status));
	return NULL;
}

pl_rc clause_verdict_text(const clause_verdict *v, buf *out)
{
	pl_rc rc = buf_adds(out, clause_exclusion_text(v->reason));
	if(!rc && clause_verdict_has_detail(v))
		rc = buf_adds(out, ": ");
	return rc ? rc : clause_verdict_detail(v, out);
}
