/* The planner's order: each side by the clause's priority (plan_internal.h). */
#include <stdint.h>
#include <stdlib.h>

#include "accord/plan_internal.h"

/* Unknown dates go last whichever way. */
void plan_rank(const clause *cl, const plan_priority *by, plan_candidate *c)
{
	for(int i = 0; i < cl->npriority; i++) {
		const priority_key *k = &cl->priority[i];
		int64_t v = 0;
		switch(k->kind) {
		case PRIORITY_SEVERITY: v = k->ascending ? -by->severity : by->severity; break;
		case PRIORITY_CAPTIVITY:
			v = by->captured == INT32_MAX ? INT64_MAX : k->ascending ? -by->captured : by->captured;
			break;
		case PRIORITY_AGE: /* oldest first: the earliest birth */
			v = by->born == INT32_MAX ? INT64_MAX : k->ascending ? -by->born : by->born;
			break;
		case PRIORITY_POINTS: v = k->ascending ? c->points : -c->points; break;
		default: break;
		}
		c->rank[i] = v;
	}
}

static int compare_candidates(const void *x, const void *y)
{
	const plan_candidate *a = x, *b = y;
	for(int i = 0; i < PRIORITY_MAX; i++)
		if(a->rank[i] != b->rank[i])
			return a->rank[i] < b->rank[i] ? -1 : 1;
	return (a->id > b->id) - (a->id < b->id); /* the order they were registered in */
}

static void swap_candidates(plan_candidate *x, plan_candidate *y)
{
	plan_candidate t = *x;
	*x = *y;
	*y = t;
}

/* Quickselect: the k smallest of v[0..n) in v[0..k), in no order. */
static void select_first(plan_candidate *v, size_t n, size_t k)
{
	size_t lo = 0, hi = n;
	while(hi - lo > 1 && k > lo && k < hi) {
		swap_candidates(&v[lo + (hi - lo) / 2], &v[hi - 1]);
		size_t at = lo;
		for(size_t i = lo; i + 1 < hi; i++)
			if(compare_candidates(&v[i], &v[hi - 1]) < 0)
				swap_candidates(&v[i], &v[at++]);
		swap_candidates(&v[at], &v[hi - 1]);
		if(at < k)
			lo = at + 1;
		else
			hi = at;
	}
}

/* As far as any stage of the schedule can reach: a quota's rest, or the
 * capacity of every day. Sorting 180,000 people to take the first 1,000
 * is most of the time a plan takes. Points take whoever fits, so their
 * order is needed throughout. */
void plan_order(plan *p, int side, int max_days)
{
	const clause *cl = p->cl;
	size_t n = p->ncand[side], k = n;
	if(cl->basis == BASIS_QUOTA && cl->quota[side] >= p->committed[side])
		k = (size_t)(cl->quota[side] - p->committed[side]);
	if(p->capacity && (size_t)p->capacity * (size_t)max_days < k)
		k = (size_t)p->capacity * (size_t)max_days;
	if(cl->basis == BASIS_POINTS || k > n)
		k = n;
	if(k < n)
		select_first(p->cand[side], n, k);
	if(k)
		qsort(p->cand[side], k, sizeof(plan_candidate), compare_candidates);
}
