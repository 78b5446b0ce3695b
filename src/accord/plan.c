/* The planner (plan.h). */
#include <limits.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "accord/internal.h"
#include "accord/plan.h"
#include "accord/stage.h"
#include "core/text.h"
#include "match/reconcile.h"

static const char *const reason_names[PLAN_REASON_COUNT] = {
	[EXCLUDE_NOT_CONFIRMED] = "not_confirmed",
	[EXCLUDE_PARTY] = "party",
	[EXCLUDE_CONSENT] = "consent",
	[EXCLUDE_NOT_ELIGIBLE] = "not_eligible",
	[EXCLUDE_UNKNOWN] = "eligibility_unknown",
	[EXCLUDE_NO_POINTS] = "no_points",
	[EXCLUDE_BOOKED] = "booked",
	[EXCLUDE_OTHER_MEDIATOR] = "other_mediator",
	[EXCLUDE_LISTED_ELSEWHERE] = "listed_elsewhere",
};

static const char *const reason_texts[PLAN_REASON_COUNT] = {
	[EXCLUDE_NOT_CONFIRMED] = "captured (reported), not confirmed held",
	[EXCLUDE_PARTY] = "not the other party's service member or citizen",
	[EXCLUDE_CONSENT] = "does not consent to repatriation (Art. 109)",
	[EXCLUDE_NOT_ELIGIBLE] = "not eligible under the clause",
	[EXCLUDE_UNKNOWN] = "eligibility cannot be decided: the record lacks what the rule asks",
	[EXCLUDE_NO_POINTS] = "no step of the equivalence scale applies",
	[EXCLUDE_BOOKED] = "already on another open stage",
	[EXCLUDE_OTHER_MEDIATOR] = "booked through another mediator",
	[EXCLUDE_LISTED_ELSEWHERE] = "listed on a manifest this registry does not hold",
};

const char *plan_reason_name(plan_reason r)
{
	return r < PLAN_REASON_COUNT ? reason_names[r] : "?";
}

const char *plan_reason_text(plan_reason r)
{
	return r < PLAN_REASON_COUNT ? reason_texts[r] : "?";
}

/* ---- what the registry already holds ------------------------------------- */

/* Persons on open stages of any agreement, by person id: looked up for
 * every person in custody, so a sorted array and a binary search. */
typedef struct booked {
	int64_t person;
	plan_booking b;
} booked;

typedef struct bookings {
	booked *v;
	size_t n, cap;
} bookings;

static int by_person(const void *x, const void *y)
{
	int64_t a = ((const booked *)x)->person, b = ((const booked *)y)->person;
	return (a > b) - (a < b);
}

static const plan_booking *booking_of(const bookings *bk, int64_t person_id)
{
	booked key = {.person = person_id};
	const booked *x = bk->n ? bsearch(&key, bk->v, bk->n, sizeof(booked), by_person) : NULL;
	return x ? &x->b : NULL;
}

static pl_rc load_bookings(store *st, arena *a, bookings *out, pl_err *err)
{
	sqlite3_stmt *s;
	pl_rc rc = store_stmt(st,
	                      "SELECT e.person_id, s.uid, g.mediator FROM stage_entry e"
	                      " JOIN stage s ON s.id = e.stage_id JOIN agreement g ON g.id = s.agreement_id"
	                      " WHERE s.status IN ('draft', 'proposed', 'agreed') AND e.person_id IS NOT NULL"
	                      "   AND e.substitute_for IS NULL",
	                      &s, err);
	if(rc)
		return rc;
	int sr;
	while((sr = sqlite3_step(s)) == SQLITE_ROW) {
		booked *x = arena_push(a, (void **)&out->v, &out->n, &out->cap, sizeof(booked));
		if(!x)
			break;
		const char *med = store_column_text(s, 2);
		x->person = sqlite3_column_int64(s, 0);
		x->b.stage = arena_strdup(a, store_column_text(s, 1));
		x->b.mediator = med ? arena_strdup(a, med) : NULL;
	}
	sqlite3_reset(s);
	if(arena_oom(a))
		return pl_nomem(err);
	if(sr != SQLITE_DONE)
		return store_fail(st, err, sr, "reading stages");
	if(out->n)
		qsort(out->v, out->n, sizeof(booked), by_person);
	return PL_OK;
}

/* What stages of this clause already hold, per side: not cancelled, and
 * not failed at execution. */
static pl_rc load_committed(store *st, const agreement *ag, const clause *cl, plan *p, pl_err *err)
{
	sqlite3_stmt *s;
	pl_rc rc = store_stmt(st,
	                      "SELECT e.side, count(*), sum(e.points) FROM stage_entry e"
	                      " JOIN stage s ON s.id = e.stage_id"
	                      " WHERE s.agreement_id = ? AND e.clause = ? AND s.status != 'cancelled'"
	                      "   AND (e.outcome IS NULL OR e.outcome = 'handed_over') GROUP BY e.side",
	                      &s, err);
	if(rc)
		return rc;
	sqlite3_bind_int64(s, 1, ag->id);
	sqlite3_bind_text(s, 2, cl->id, -1, SQLITE_STATIC);
	while(sqlite3_step(s) == SQLITE_ROW) {
		int side = agreement_side(ag, store_column_text(s, 0));
		if(side >= 0) {
			p->committed[side] = sqlite3_column_int64(s, 1);
			p->committed_points[side] = sqlite3_column_int64(s, 2);
		}
	}
	sqlite3_reset(s);
	rc = store_stmt(st,
	                "SELECT b.side, sum(coalesce(b.delivered, b.declared)) FROM stage_batch b"
	                " JOIN stage s ON s.id = b.stage_id"
	                " WHERE s.agreement_id = ? AND b.clause = ? AND s.status != 'cancelled'"
	                " GROUP BY b.side",
	                &s, err);
	if(rc)
		return rc;
	sqlite3_bind_int64(s, 1, ag->id);
	sqlite3_bind_text(s, 2, cl->id, -1, SQLITE_STATIC);
	while(sqlite3_step(s) == SQLITE_ROW) {
		int side = agreement_side(ag, store_column_text(s, 0));
		if(side >= 0)
			p->committed_bodies[side] = sqlite3_column_int64(s, 1);
	}
	sqlite3_reset(s);
	return PL_OK;
}

/* ---- priority -------------------------------------------------------------- */

/* The candidate's place in the clause's priority, as keys compared in
 * turn, smallest first. Unknown dates go last whichever way. */
static void rank_candidate(const clause *cl, plan_candidate *c)
{
	for(int i = 0; i < cl->npriority; i++) {
		const priority_key *k = &cl->priority[i];
		int64_t v = 0;
		switch(k->kind) {
		case PRIORITY_SEVERITY: v = k->ascending ? -c->severity : c->severity; break;
		case PRIORITY_CAPTIVITY:
			v = c->captured == INT32_MAX ? INT64_MAX : k->ascending ? -c->captured : c->captured;
			break;
		case PRIORITY_AGE: /* oldest first: the earliest birth */
			v = c->born == INT32_MAX ? INT64_MAX : k->ascending ? -c->born : c->born;
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

/* ---- sorting people out ---------------------------------------------------- */

typedef struct sorter {
	store *st;
	plan *p;
	arena *a;
	pl_err *err;
	const bookings *bookings;
	size_t cap[2], xcap;
	/* The text of each rule test that excluded someone, made once. */
	const rule *why_rule[64];
	const char *why_text[64];
	int nwhy;
} sorter;

static const char *person_name(arena *a, const person *p)
{
	const char *sur = p->f[PF_SURNAME] ? p->f[PF_SURNAME] : p->f[PF_SURNAME_LATIN];
	const char *giv = p->f[PF_GIVEN_NAMES] ? p->f[PF_GIVEN_NAMES] : p->f[PF_GIVEN_NAMES_LATIN];
	if(!sur)
		sur = "?";
	size_t ns = strlen(sur), ng = giv ? strlen(giv) : 0;
	char *s = arena_alloc(a, ns + ng + 2);
	if(!s)
		return NULL;
	memcpy(s, sur, ns);
	s[ns] = ' ';
	if(giv)
		memcpy(s + ns + 1, giv, ng);
	s[ns + (giv ? ng + 1 : 0)] = '\0';
	return s;
}

static const char *rule_text(sorter *so, const rule *test)
{
	for(int i = 0; i < so->nwhy; i++)
		if(so->why_rule[i] == test)
			return so->why_text[i];
	buf b;
	buf_init(&b, 4096);
	const char *text = rule_explain(test, &b) ? "?" : arena_strdup(so->a, buf_str(&b));
	buf_free(&b);
	if(so->nwhy < 64) {
		so->why_rule[so->nwhy] = test;
		so->why_text[so->nwhy++] = text;
	}
	return text;
}

static pl_rc exclude(sorter *so, const person *pe, int side, plan_reason reason, const char *why)
{
	plan *p = so->p;
	plan_exclusion *x = arena_push(so->a, (void **)&p->excl, &p->nexcl, &so->xcap, sizeof(*x));
	if(!x)
		return pl_nomem(so->err);
	memcpy(x->uid, pe->uid, UID_SIZE);
	x->name = person_name(so->a, pe);
	x->side = side;
	x->reason = reason;
	x->why = why;
	p->by_reason[reason]++;
	return PL_OK;
}

static int severity_rank(const char *medical)
{
	static const char *const order[] = {"severely_wounded", "seriously_ill", "wounded", "none"};
	for(int i = 0; i < 4; i++)
		if(medical && !strcmp(medical, order[i]))
			return i;
	return 4;
}

static int32_t date_or_never(const char *s)
{
	pdate d;
	const char *why;
	return s && date_parse(s, &d, &why) ? date_lo(d) : INT32_MAX;
}

static pl_rc admit(sorter *so, const person *pe, int side, long points)
{
	plan *p = so->p;
	plan_candidate *c = arena_push(so->a, (void **)&p->cand[side], &p->ncand[side], &so->cap[side],
	                               sizeof(*c));
	if(!c)
		return pl_nomem(so->err);
	c->id = pe->id;
	memcpy(c->uid, pe->uid, UID_SIZE);
	c->name = person_name(so->a, pe);
	c->points = points;
	c->pooled = clause_in_pool(p->cl, pe, p->date);
	c->severity = severity_rank(pe->f[PF_MEDICAL]);
	c->captured = date_or_never(pe->f[PF_CAPTURE_DATE]);
	c->born = date_or_never(pe->f[PF_BIRTH_DATE]);
	rank_candidate(p->cl, c);
	return PL_OK;
}

int plan_admissible(const agreement *ag, const clause *cl, pdate date, const person *pe, int side,
                    const plan_booking *b, const rule **test, const char **detail, long *points)
{
	const char *other = ag->party[1 - side];
	*test = NULL;
	*detail = NULL;
	*points = 0;
	if(pe->status == ST_CAPTURED)
		return EXCLUDE_NOT_CONFIRMED;
	if(pe->status != ST_HELD && pe->status != ST_LISTED) {
		*detail = lifecycle_status_label(pe->status);
		return EXCLUDE_NOT_CONFIRMED;
	}
	if(!pe->f[PF_PARTY] || strcmp(pe->f[PF_PARTY], other)) {
		*detail = pe->f[PF_PARTY] ? pe->f[PF_PARTY] : "party unknown";
		return EXCLUDE_PARTY;
	}
	if(pe->f[PF_CONSENT] && !strcmp(pe->f[PF_CONSENT], "no"))
		return EXCLUDE_CONSENT;
	if(b && b->stage) {
		bool same = (!b->mediator && !ag->mediator) ||
		            (b->mediator && ag->mediator && !strcmp(b->mediator, ag->mediator));
		*detail = b->stage;
		return same ? EXCLUDE_BOOKED : EXCLUDE_OTHER_MEDIATOR;
	}
	if(pe->status == ST_LISTED)
		return EXCLUDE_LISTED_ELSEWHERE;
	rule_answer ok = rule_eval(cl->eligible, pe, date, test);
	if(ok != RULE_YES)
		return ok == RULE_NO ? EXCLUDE_NOT_ELIGIBLE : EXCLUDE_UNKNOWN;
	*points = clause_points(cl, pe, date);
	if(!*points) {
		*detail = pe->f[PF_RANK];
		return EXCLUDE_NO_POINTS;
	}
	return -1;
}

static pl_rc sort_person(void *ctx, const person *pe)
{
	sorter *so = ctx;
	plan *p = so->p;
	int side = agreement_side(p->ag, pe->f[PF_HELD_BY]);
	if(side < 0)
		return PL_OK;
	const plan_booking *b = booking_of(so->bookings, pe->id);
	const rule *test;
	const char *detail;
	long points;
	int why = plan_admissible(p->ag, p->cl, p->date, pe, side, b, &test, &detail, &points);
	if(why < 0)
		return admit(so, pe, side, points);
	if(test)
		detail = rule_text(so, test);
	else if(detail)
		detail = arena_strdup(so->a, detail);
	return exclude(so, pe, side, (plan_reason)why, detail);
}

/* ---- the order ---------------------------------------------------------- */

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

/* Each side in priority order, as far as any stage of the schedule can
 * reach: a quota's rest, or the capacity of every day. Sorting 180,000
 * people to take the first 1,000 is most of the time a plan takes. Points
 * take whoever fits, so their order is needed throughout. */
static void order_candidates(plan *p, int side, int max_days)
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

/* ---- the schedule ---------------------------------------------------------- */

static long gcd(long a, long b)
{
	while(b) {
		long t = a % b;
		a = b;
		b = t;
	}
	return a;
}

/* The most of something that fits, and what bound it, in words. */
typedef struct bound {
	long n;
	char why[160];
} bound;

static void bound_by(bound *b, long n, const char *why)
{
	if(n < b->n) {
		b->n = n;
		snprintf(b->why, sizeof(b->why), "%s", why);
	}
}

/* Units of a ratio r[0]:r[1] (a side with r 0 gives nothing) that fit in
 * a day: what each side has waiting, the capacity, what the basis still
 * asks (left < 0: no limit). */
static long ratio_units(const plan *p, const long r[2], const long avail[2], const long left[2],
                        bound *b)
{
	char why[160];
	b->n = LONG_MAX;
	b->why[0] = '\0';
	for(int s = 0; s < 2; s++) {
		if(!r[s])
			continue;
		if(avail[s] >= 0) {
			snprintf(why, sizeof(why), "%s has no more eligible people waiting (%ld)", p->ag->party[s],
			         avail[s]);
			bound_by(b, avail[s] / r[s], why);
		}
		if(p->capacity) {
			char n[32];
			text_thousands(p->capacity, n, sizeof(n));
			snprintf(why, sizeof(why), "the capacity of %s per side in a stage", n);
			bound_by(b, p->capacity / r[s], why);
		}
		if(left[s] >= 0) {
			snprintf(why, sizeof(why), "what the basis still asks of %s (%ld)", p->ag->party[s],
			         left[s]);
			bound_by(b, left[s] / r[s], why);
		}
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
	snprintf(b->why, sizeof(b->why), "equal points on both sides%s%s",
	         p->cl->pool ? ", the pool balanced apart" : "",
	         p->capacity ? ", within the capacity" : "");
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
		snprintf(b->why, sizeof(b->why), "%s", p->capacity ? "everyone eligible, within the capacity"
		                                                    : "everyone eligible");
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

static pl_rc schedule(plan *p, int max_days, arena *a, pl_err *err)
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
			snprintf(p->limit, sizeof(p->limit), "%s", b.why);
		p->ndays++;
	}
	if(!p->ndays)
		snprintf(p->limit, sizeof(p->limit), "%s",
		         cl->subject == SUBJECT_REMAINS && cl->basis == BASIS_ALL_FOR_ALL
		         ? "remains all for all: give the counts in the stage itself"
		         : p->ncand[0] + p->ncand[1] ? "nothing balances: one side has no one to give"
		                                     : "no one is eligible and waiting");
	return PL_OK;
}

/* ---- the plan -------------------------------------------------------------- */

/* What the planner reads of each person: what it checks and orders by,
 * the names it shows, and whatever the clause's rules read. */
static void plan_fields(const clause *cl, bool fields[PF_COUNT])
{
	static const person_field always[] = {PF_SURNAME, PF_GIVEN_NAMES, PF_SURNAME_LATIN, PF_GIVEN_NAMES_LATIN,
	                                      PF_BIRTH_DATE, PF_CAPTURE_DATE, PF_PARTY, PF_HELD_BY, PF_CONSENT,
	                                      PF_MEDICAL, PF_RANK};
	memset(fields, 0, PF_COUNT * sizeof(bool));
	for(size_t i = 0; i < sizeof(always) / sizeof(always[0]); i++)
		fields[always[i]] = true;
	rule_fields(cl->eligible, fields);
	rule_fields(cl->pool, fields);
	for(int i = 0; i < cl->nscale; i++)
		rule_fields(cl->scale[i].when, fields);
}

/* ---- reading everyone in custody ------------------------------------------ */

/* One pass over the registry, on this connection. (Two connections reading
 * halves at once were slower on two cores: SQLite's allocator and page
 * cache take global locks.) */
static pl_rc sort_everyone(store *st, plan *out, arena *a, pl_err *err)
{
	bookings bk = {0};
	bool fields[PF_COUNT];
	plan_fields(out->cl, fields);
	custody_scan q = {out->ag->party[0], out->ag->party[1], fields, 0, 0};
	pl_rc rc = load_bookings(st, a, &bk, err);
	rc = rc ? rc : registry_custody_count(st, &q.in_custody, &q.all, err);
	if(rc)
		return rc;
	/* Room for everyone in custody, once: only what is written is touched,
	 * and nothing is copied as the lists grow. */
	sorter so = {.st = st, .p = out, .a = a, .err = err, .bookings = &bk};
	so.cap[0] = so.cap[1] = so.xcap = (size_t)q.in_custody + 1;
	out->cand[0] = arena_alloc(a, so.cap[0] * sizeof(plan_candidate));
	out->cand[1] = arena_alloc(a, so.cap[1] * sizeof(plan_candidate));
	out->excl = arena_alloc(a, so.xcap * sizeof(plan_exclusion));
	if(!out->cand[0] || !out->cand[1] || !out->excl)
		return pl_nomem(err);
	return registry_each_in_custody(st, &q, sort_person, &so, err);
}

static pl_rc pick_clause(const agreement *ag, const char *id, const clause **out, pl_err *err)
{
	if(id) {
		*out = agreement_clause(ag, id);
		if(!*out)
			return pl_fail(err, PL_EINPUT, "agreement %s has no clause '%s'", ag->name, id);
		return PL_OK;
	}
	if(ag->nclauses != 1) {
		char list[512] = "";
		for(int i = 0; i < ag->nclauses; i++)
			snprintf(list + strlen(list), sizeof(list) - strlen(list), "%s%s", i ? ", " : "",
			         ag->clauses[i].id);
		return pl_fail(err, PL_EUSAGE, "agreement %s has %d clauses (%s): say which to plan",
		               ag->name, ag->nclauses, list);
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
		return pl_fail(err, PL_EINPUT, "a stage on %s is before agreement %s holds (from %s)", on,
		               ag->name, lim);
	}
	if(ag->valid_until.y && date_lo(d) > date_hi(ag->valid_until)) {
		date_format(ag->valid_until, lim);
		return pl_fail(err, PL_EINPUT, "a stage on %s is after agreement %s ends (%s)", on, ag->name,
		               lim);
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
		return pl_fail(err, PL_EINPUT, "a stage's date is a whole date, YYYY-MM-DD");
	pl_rc rc = pick_clause(ag, o->clause, &out->cl, err);
	rc = rc ? rc : check_window(ag, out->date, err);
	if(rc)
		return rc;
	out->capacity = o->capacity ? o->capacity : out->cl->capacity;
	rc = load_committed(st, ag, out->cl, out, err);
	if(!rc && out->cl->subject != SUBJECT_REMAINS)
		rc = sort_everyone(st, out, a, err);
	if(rc)
		return rc;
	int max_days = o->max_days > 0 ? o->max_days : 60;
	for(int s = 0; s < 2; s++)
		order_candidates(out, s, max_days);
	rc = schedule(out, max_days, a, err);
	out->seconds = date_monotonic() - t0;
	if(!rc && arena_oom(a))
		rc = pl_nomem(err);
	return rc;
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
			rc = buf_printf(out, "  %4ld  %s  %s", ++n, c->uid, c->name);
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
	for(int k = 0; k < PLAN_REASON_COUNT && !rc; k++) {
		if(!p->by_reason[k])
			continue;
		total += p->by_reason[k];
		text_thousands((long)p->by_reason[k], n, sizeof(n));
		rc = buf_printf(out, "  %8s  %s\n", n, plan_reason_text((plan_reason)k));
	}
	if(!rc && !total)
		rc = buf_adds(out, "  nobody\n");
	for(size_t i = 0; explain && i < p->nexcl && !rc; i++) {
		const plan_exclusion *x = &p->excl[i];
		rc = buf_printf(out, "%s  %s  %s (held by %s): %s%s%s\n", i ? "" : "\n", x->uid, x->name,
		                p->ag->party[x->side], plan_reason_text(x->reason), x->why ? ": " : "",
		                x->why ? x->why : "");
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
	rc = rc ? rc : buf_printf(out, "\nschedule (%zu stage%s; the first bounded by %s):\n", p->ndays,
	                          p->ndays == 1 ? "" : "s", p->limit);
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

json_t *plan_json(const plan *p, bool explain)
{
	char date[DATE_STR_MAX];
	date_format(p->date, date);
	json_t *v = json_pack("{s:s, s:s, s:s, s:I, s:s, s:f}", "agreement", p->ag->name, "clause",
	                      p->cl->id, "date", date, "capacity", (json_int_t)p->capacity, "limited_by",
	                      p->limit, "seconds", p->seconds);
	json_t *days = json_array(), *next = json_object(), *excl = json_array(), *counts = json_object();
	for(size_t i = 0; i < p->ndays; i++)
		json_array_append_new(days, json_day(p, &p->days[i]));
	for(int s = 0; s < 2; s++) {
		json_t *arr = json_array();
		for(size_t i = 0; i < p->ncand[s]; i++) {
			const plan_candidate *c = &p->cand[s][i];
			if(c->day == 1)
				json_array_append_new(arr, json_pack("{s:s, s:s, s:I, s:b}", "id", c->uid, "name",
				                                     c->name, "points", (json_int_t)c->points,
				                                     "pool", c->pooled));
		}
		json_object_set_new(next, p->ag->party[s], arr);
		json_object_set_new(counts, p->ag->party[s],
		                    json_pack("{s:I, s:I, s:I}", "eligible", (json_int_t)p->ncand[s], "committed",
		                              (json_int_t)(p->committed[s] + p->committed_bodies[s]),
		                              "left", (json_int_t)p->left[s]));
	}
	json_t *reasons = json_object();
	for(int k = 0; k < PLAN_REASON_COUNT; k++)
		json_object_set_new(reasons, plan_reason_name((plan_reason)k),
		                    json_integer((json_int_t)p->by_reason[k]));
	for(size_t i = 0; explain && i < p->nexcl; i++) {
		const plan_exclusion *x = &p->excl[i];
		json_array_append_new(excl, json_pack("{s:s, s:s, s:s, s:s, s:s?}", "id", x->uid, "name",
		                                      x->name, "held_by", p->ag->party[x->side], "reason",
		                                      plan_reason_name(x->reason), "why", x->why));
	}
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

/* ---- saving a day as a stage ----------------------------------------------- */

pl_rc plan_save(store *st, const plan *p, int day, const char *handover_point, char uid[UID_SIZE],
                   pl_err *err)
{
	if(day < 1 || (size_t)day > p->ndays)
		return pl_fail(err, PL_EINPUT, "the plan has no stage %d (it has %zu)", day, p->ndays);
	const plan_day *d = &p->days[day - 1];
	size_t n = (size_t)(d->persons[0] + d->persons[1]);
	stage_entry *entries = calloc(n ? n : 1, sizeof(*entries));
	if(!entries)
		return pl_nomem(err);
	size_t k = 0;
	for(int s = 0; s < 2; s++)
		for(size_t i = 0; i < p->ncand[s]; i++) {
			const plan_candidate *c = &p->cand[s][i];
			if(c->day != day || k == n)
				continue;
			stage_entry *e = &entries[k++];
			e->side = s;
			e->clause = p->cl->id;
			e->points = c->points;
			memcpy(e->person, c->uid, UID_SIZE);
		}
	stage_batch batches[2];
	size_t nb = 0;
	for(int s = 0; s < 2; s++)
		if(d->bodies[s])
			batches[nb++] = (stage_batch){.side = s, .clause = p->cl->id, .declared = d->bodies[s]};
	stage_new sn = {.date = d->date, .handover_point = handover_point, .transit = p->ag->transit,
	                .entries = entries, .nentries = k, .batches = batches, .nbatches = nb};
	pl_rc rc = stage_create(st, p->ag, &sn, uid, err);
	free(entries);
	return rc;
}

/* ---- for reconciliation ------------------------------------------------------- */

unsigned plan_list_flags(void *ctx, const char *person_uid)
{
	const plan_list_check *c = ctx;
	arena a;
	arena_init(&a, 0);
	person p;
	pl_err err = {0};
	unsigned flags = 0;
	const char *stage_uid, *mediator;
	if(!registry_person_get(c->st, person_uid, &a, &p, &err)) {
		if(!stage_booking(c->st, p.id, NULL, &a, &stage_uid, &mediator, &err) && stage_uid)
			flags |= FLAG_BOOKED;
		if(c->cl && c->cl->eligible &&
		   (rule_eval(c->cl->eligible, &p, c->date, NULL) != RULE_YES ||
		    (p.f[PF_CONSENT] && !strcmp(p.f[PF_CONSENT], "no"))))
			flags |= FLAG_NOT_ELIGIBLE;
	}
	arena_free(&a);
	return flags;
}
