/* What the planner reads: the persons on open stages and what stages of
 * the clause already hold (from the stage tables, read only: the planner
 * creates no stage), and everyone in custody, sorted into candidates and
 * exclusions by the clause (clause_admits). */
#include <stdlib.h>
#include <string.h>

#include "accord/internal.h"
#include "accord/plan_internal.h"

/* ---- what stages already hold ---------------------------------------------- */

/* Persons on open stages of any agreement, by person id: looked up for
 * every person in custody, so a sorted array and a binary search. */
typedef struct booked {
	int64_t person;
	clause_booking b;
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

static const clause_booking *booking_of(const bookings *bk, int64_t person_id)
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
	                      " WHERE " STAGE_BOOKS " AND e.person_id IS NOT NULL"
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

/* Per side of the agreement, one or two sums over the clause's stages:
 * sql takes the agreement's id and the clause, and gives side, sums. */
static pl_rc sums_by_side(store *st, const plan *p, const char *sql, long first[2], long second[2],
                          pl_err *err)
{
	sqlite3_stmt *s;
	pl_rc rc = store_stmt(st, sql, &s, err);
	if(rc)
		return rc;
	sqlite3_bind_int64(s, 1, p->ag->id);
	sqlite3_bind_text(s, 2, p->cl->id, -1, SQLITE_STATIC);
	while(sqlite3_step(s) == SQLITE_ROW) {
		int side = agreement_side(p->ag, store_column_text(s, 0));
		if(side < 0)
			continue;
		first[side] = sqlite3_column_int64(s, 1);
		if(second)
			second[side] = sqlite3_column_int64(s, 2);
	}
	sqlite3_reset(s);
	return PL_OK;
}

pl_rc plan_read_committed(store *st, plan *p, pl_err *err)
{
	pl_rc rc = sums_by_side(st, p,
	                        "SELECT e.side, count(*), sum(e.points) FROM stage_entry e"
	                        " JOIN stage s ON s.id = e.stage_id"
	                        " WHERE s.agreement_id = ? AND e.clause = ? AND s.status != 'cancelled'"
	                        "   AND coalesce(" STAGE_OUTCOME_NOW ", 'handed_over') = 'handed_over' GROUP BY e.side",
	                        p->committed, p->committed_points, err);
	return rc ? rc : sums_by_side(st, p,
	                              "SELECT b.side, sum(coalesce(b.delivered, b.declared)) FROM stage_batch b"
	                              " JOIN stage s ON s.id = b.stage_id"
	                              " WHERE s.agreement_id = ? AND b.clause = ? AND s.status != 'cancelled'"
	                              " GROUP BY b.side",
	                              p->committed_bodies, NULL, err);
}

/* ---- sorting people out ---------------------------------------------------- */

enum { RECENT_VERDICTS = 64 };

typedef struct sorter {
	plan *p;
	arena *a;
	pl_err *err;
	const bookings *bookings;
	size_t cap[2], xcap;
	/* The verdicts the exclusions share, the latest last: a new one is
	 * looked for among the latest few (a person booked on a stage is
	 * often followed by another of the same stage). */
	const clause_verdict *recent[RECENT_VERDICTS];
	size_t nrecent;
} sorter;

/* The person's uid, and their names in one piece of the arena: the row
 * they were read from is gone once the scan moves on. */
static bool keep_person(arena *a, const person *pe, plan_person *w)
{
	const char *sur = pe->f[PF_SURNAME] ? pe->f[PF_SURNAME] : pe->f[PF_SURNAME_LATIN];
	const char *giv = pe->f[PF_GIVEN_NAMES] ? pe->f[PF_GIVEN_NAMES] : pe->f[PF_GIVEN_NAMES_LATIN];
	size_t ns = sur ? strlen(sur) + 1 : 0, ng = giv ? strlen(giv) + 1 : 0;
	char *at = ns + ng ? arena_alloc(a, ns + ng) : NULL;
	memcpy(w->uid, pe->uid, UID_SIZE);
	w->surname = sur && at ? memcpy(at, sur, ns) : NULL;
	w->given_names = giv && at ? memcpy(at + ns, giv, ng) : NULL;
	return at || !(ns + ng);
}

static bool same_verdict(const clause_verdict *a, const clause_verdict *b)
{
	return a->reason == b->reason && a->test == b->test && a->status == b->status &&
	       a->points == b->points && (a->value ? b->value && !strcmp(a->value, b->value) : !b->value);
}

/* v, kept (its value copied: it points into the row), or one like it. */
static const clause_verdict *keep_verdict(sorter *so, const clause_verdict *v)
{
	size_t n = so->nrecent < RECENT_VERDICTS ? so->nrecent : RECENT_VERDICTS;
	for(size_t i = 1; i <= n; i++) {
		const clause_verdict *k = so->recent[(so->nrecent - i) % RECENT_VERDICTS];
		if(same_verdict(k, v))
			return k;
	}
	clause_verdict *k = arena_alloc(so->a, sizeof(*k));
	if(!k)
		return NULL;
	*k = *v;
	if(v->value && !(k->value = arena_strdup(so->a, v->value)))
		return NULL;
	so->recent[so->nrecent++ % RECENT_VERDICTS] = k;
	return k;
}

static pl_rc exclude(sorter *so, const person *pe, int side, const clause_verdict *v)
{
	plan *p = so->p;
	plan_exclusion *x = arena_push(so->a, (void **)&p->excl, &p->nexcl, &so->xcap, sizeof(*x));
	if(!x || !keep_person(so->a, pe, &x->who) || !(x->why = keep_verdict(so, v)))
		return pl_nomem(so->err);
	x->side = side;
	p->by_reason[v->reason]++;
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
	if(!c || !keep_person(so->a, pe, &c->who))
		return pl_nomem(so->err);
	c->id = pe->id;
	c->points = points;
	c->pooled = clause_in_pool(p->cl, pe, p->date);
	plan_priority by = {severity_rank(pe->f[PF_MEDICAL]), date_or_never(pe->f[PF_CAPTURE_DATE]),
	                    date_or_never(pe->f[PF_BIRTH_DATE])};
	plan_rank(p->cl, &by, c);
	return PL_OK;
}

static pl_rc sort_person(void *ctx, const person *pe)
{
	sorter *so = ctx;
	plan *p = so->p;
	int side = agreement_side(p->ag, pe->f[PF_HELD_BY]);
	if(side < 0)
		return PL_OK;
	clause_verdict v;
	if(clause_admits(p->ag, p->cl, p->date, pe, side, booking_of(so->bookings, pe->id), &v))
		return admit(so, pe, side, v.points);
	return exclude(so, pe, side, &v);
}

/* What the planner reads of each person: what it checks and orders by,
 * the names it gives back, and whatever the clause's rules read. */
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

/* One pass over the registry, on this connection. (Two connections reading
 * halves at once were slower on two cores: SQLite's allocator and page
 * cache take global locks.) */
pl_rc plan_read_custody(store *st, plan *p, arena *a, pl_err *err)
{
	bookings bk = {0};
	bool fields[PF_COUNT];
	plan_fields(p->cl, fields);
	custody_scan q = {p->ag->party[0], p->ag->party[1], fields, 0, 0};
	pl_rc rc = load_bookings(st, a, &bk, err);
	rc = rc ? rc : registry_custody_count(st, &q.in_custody, &q.all, err);
	if(rc)
		return rc;
	/* Room for everyone in custody, once: only what is written is touched,
	 * and nothing is copied as the lists grow. */
	sorter so = {.p = p, .a = a, .err = err, .bookings = &bk};
	so.cap[0] = so.cap[1] = so.xcap = (size_t)q.in_custody + 1;
	p->cand[0] = arena_alloc(a, so.cap[0] * sizeof(plan_candidate));
	p->cand[1] = arena_alloc(a, so.cap[1] * sizeof(plan_candidate));
	p->excl = arena_alloc(a, so.xcap * sizeof(plan_exclusion));
	if(!p->cand[0] || !p->cand[1] || !p->excl)
		return pl_nomem(err);
	return registry_each_in_custody(st, &q, sort_person, &so, err);
}
