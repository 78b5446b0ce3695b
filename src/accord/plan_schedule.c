/* The planner's schedule: what each basis balances, a stage a day, within
 * the capacity (plan_internal.h). */
#include <limits.h>
#include <string.h>

#include "accord/plan_internal.h"

static long gcd(long a, long b)
{
	while(b) {
		long t = a % b;
		a = b;
		b = t;
	}
	return a;
}

/* The most of something that fits, and what bound it. */
typedef struct bound {
	long n;
	plan_limit why;
} bound;

static void bound_by(bound *b, long n, plan_bound why, int side, long value)
{
	if(n < b->n) {
		b->n = n;
		b->why = (plan_limit){why, side, value};
	}
}

/* Units of a ratio r[0]:r[1] (a side with r 0 gives nothing) that fit in
 * a day: what each side has waiting, the capacity, what the basis still
 * asks (left < 0: no limit). */
static long ratio_units(const plan *p, const long r[2], const long avail[2], const long left[2],
                        bound *b)
{
	b->n = LONG_MAX;
	b->why = (plan_limit){BOUND_NONE, 0, 0};
	for(int s = 0; s < 2; s++) {
		if(!r[s])
			continue;
		if(avail[s] >= 0)
			bound_by(b, avail[s] / r[s], BOUND_WAITING, s, avail[s]);
		if(p->capacity)
			bound_by(b, p->capacity / r[s], BOUND_CAPACITY, s, p->capacity);
		if(left[s] >= 0)
			bound_by(b, left[s] / r[s], BOUND_BASIS, s, left[s]);
	}
	return b->n == LONG_MAX ? 0 : b->n;
}

/* The ratio of a quota, reduced: 1,000 for 1,000 is 1:1; 1,000 for 800 is 5:4. */
static void quota_ratio(const clause *cl, long r[2])
{
	long g = gcd(cl->quota[0], cl->quota[1]);
	for(int s = 0; s < 2; s++)
		r[s] = g ? cl->quota[s] / g : 0;
	/* A side with a quota of 0 gives nothing; the other gives alone. */
	if(!cl->quota[0] || !cl->quota[1])
		for(int s = 0; s < 2; s++)
			r[s] = cl->quota[s] ? 1 : 0;
}

/* Points: in priority order, take whoever still fits under the target t
 * and the room left (LONG_MAX: no capacity); the points it comes to. */
static long fill_points(const plan *p, int side, bool pooled, long t, long room, int mark_day)
{
	long sum = 0, n = 0;
	for(size_t i = 0; i < p->ncand[side] && n < room; i++) {
		plan_candidate *c = &p->cand[side][i];
		if(c->day || c->pooled != pooled || sum + c->points > t)
			continue;
		sum += c->points;
		n++;
		if(mark_day)
			c->day = mark_day;
	}
	return sum;
}

/* Equal points on both sides within a group (the pool, or the rest):
 * lower the target until both sides reach it exactly. Every pass lowers
 * it, so this ends; on a scale with 1-point steps, quickly. */
static long points_group(plan *p, bool pooled, const long room[2], int day)
{
	long t = LONG_MAX / 4;
	for(;;) {
		long a = fill_points(p, 0, pooled, t, room[0], 0);
		long b = fill_points(p, 1, pooled, t, room[1], 0);
		if(a == b) {
			t = a;
			break;
		}
		t = a < b ? a : b;
	}
	if(t) {
		fill_points(p, 0, pooled, t, room[0], day);
		fill_points(p, 1, pooled, t, room[1], day);
	}
	return t;
}

static long taken_on(const plan *p, int side, int day)
{
	long n = 0;
	for(size_t i = 0; i < p->ncand[side]; i++)
		n += p->cand[side][i].day == day;
	return n;
}

static void day_points(plan *p, int day, plan_day *pd, bound *b)
{
	long room[2];
	for(int pooled = 0; pooled < 2; pooled++) {
		for(int s = 0; s < 2; s++)
			room[s] = p->capacity ? p->capacity - taken_on(p, s, day) : LONG_MAX;
		long t = points_group(p, pooled, room, day);
		pd->points[0] += t;
		pd->points[1] += t;
	}
	for(int s = 0; s < 2; s++)
		pd->persons[s] = taken_on(p, s, day);
	b->why = (plan_limit){BOUND_POINTS, 0, 0};
}

/* Take n of side's waiting candidates, in order, for day. */
static void take(plan *p, int side, size_t *next, long n, int day)
{
	for(long i = 0; i < n && *next < p->ncand[side]; i++)
		p->cand[side][(*next)++].day = day;
}

/* One day of the schedule; false when it takes nothing. */
static bool plan_one_day(plan *p, int day, size_t next[2], long left[2], plan_day *pd, bound *b)
{
	const clause *cl = p->cl;
	long avail[2], r[2] = {1, 1}, units;
	for(int s = 0; s < 2; s++)
		avail[s] = cl->subject == SUBJECT_REMAINS ? -1 : (long)(p->ncand[s] - next[s]);
	switch(cl->basis) {
	case BASIS_ALL_FOR_ALL:
		if(cl->subject == SUBJECT_REMAINS)
			return false; /* bodies by count only: nothing to plan without a number */
		for(int s = 0; s < 2; s++) {
			long n = p->capacity && p->capacity < avail[s] ? p->capacity : avail[s];
			take(p, s, &next[s], n, day);
			pd->persons[s] = pd->points[s] = n;
		}
		b->why = (plan_limit){BOUND_EVERYONE, 0, 0};
		return pd->persons[0] || pd->persons[1];
	case BASIS_QUOTA:
	case BASIS_RATIO:
		if(cl->basis == BASIS_QUOTA)
			quota_ratio(cl, r);
		else
			r[0] = cl->ratio[0], r[1] = cl->ratio[1];
		units = ratio_units(p, r, avail, left, b);
		for(int s = 0; s < 2; s++) {
			long n = units * r[s];
			if(cl->subject == SUBJECT_REMAINS)
				pd->bodies[s] = n;
			else
				take(p, s, &next[s], n, day), pd->persons[s] = pd->points[s] = n;
			if(left[s] >= 0)
				left[s] -= n;
		}
		return units > 0;
	case BASIS_POINTS:
		day_points(p, day, pd, b);
		return pd->persons[0] || pd->persons[1];
	}
	return false;
}

static pdate next_day(pdate d)
{
	if(++d.d > date_days_in_month(d.y, d.m)) {
		d.d = 1;
		if(++d.m > 12) {
			d.m = 1;
			d.y++;
		}
	}
	return d;
}

pl_rc plan_schedule(plan *p, int max_days, arena *a, pl_err *err)
{
	const clause *cl = p->cl;
	size_t next[2] = {0, 0};
	for(int s = 0; s < 2; s++) {
		long done = cl->subject == SUBJECT_REMAINS ? p->committed_bodies[s] : p->committed[s];
		p->left[s] = cl->basis == BASIS_QUOTA ? (cl->quota[s] > done ? cl->quota[s] - done : 0) : -1;
	}
	p->days = arena_calloc(a, (size_t)max_days, sizeof(plan_day));
	if(!p->days)
		return pl_nomem(err);
	pdate d = p->date;
	for(int day = 1; day <= max_days; day++, d = next_day(d)) {
		plan_day *pd = &p->days[p->ndays];
		bound b = {0};
		pd->date = d;
		if(!plan_one_day(p, day, next, p->left, pd, &b))
			break;
		if(day == 1)
			p->limit = b.why;
		p->ndays++;
	}
	if(!p->ndays)
		p->limit.bound = cl->subject == SUBJECT_REMAINS && cl->basis == BASIS_ALL_FOR_ALL ? BOUND_REMAINS_BY_COUNT
		                 : p->ncand[0] + p->ncand[1]                                    ? BOUND_NOTHING_BALANCES
		                                                                               : BOUND_NO_ONE;
	return PL_OK;
}
