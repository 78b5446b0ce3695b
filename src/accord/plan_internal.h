/* The planner's parts (plan.c puts them together); not part of its contract. */
#ifndef PARLEY_ACCORD_PLAN_INTERNAL_H
#define PARLEY_ACCORD_PLAN_INTERNAL_H

#include "accord/plan.h"

/* Reading (plan_read.c). What stages of p's clause already hold, per
 * side: not cancelled, not failed at execution. */
pl_rc plan_read_committed(store *st, plan *p, pl_err *err) PL_NODISCARD;
/* Everyone in custody of either party, sorted out: the candidates of
 * each side (unordered) and the exclusions, with their reasons. */
pl_rc plan_read_custody(store *st, plan *p, arena *a, pl_err *err) PL_NODISCARD;

/* The order (plan_order.c). A candidate's place in the clause's priority,
 * as keys compared in turn, from what the priority orders by: their
 * severity (0 severely wounded ... 4 unknown), their capture and birth
 * (YYYYMMDD, the earliest possible; INT32_MAX unknown), their points. */
typedef struct plan_priority {
	int severity;
	int32_t captured, born;
} plan_priority;

void plan_rank(const clause *cl, const plan_priority *by, plan_candidate *c);
/* Each side in priority order, as far as any stage of the schedule can reach. */
void plan_order(plan *p, int side, int max_days);

/* The schedule (plan_schedule.c): the stages the basis balances, one a
 * day from p->date, at most max_days. */
pl_rc plan_schedule(plan *p, int max_days, arena *a, pl_err *err) PL_NODISCARD;

#endif
