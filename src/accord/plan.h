/* The planner: who goes in the next stage of an agreement's clause.
 *
 * From everyone in custody of either party, the planner keeps those who
 * are confirmed held, belong to the other party, do not refuse
 * repatriation (GCIII Art. 109), are eligible under the clause's rule,
 * and are on no other open stage, through this mediator or another. It
 * orders each side by the clause's priority and takes from each what the
 * basis balances exactly: all for all takes everyone; a quota keeps the
 * quotas' proportion and stops at them; a ratio keeps a:b; points are
 * equal on both sides (and within a pool). It explains every exclusion,
 * person by person, and when not everyone fits in a day's capacity it
 * proposes a schedule of stages on consecutive days.
 *
 * What is already on stages of the clause (delivered, or on open stages)
 * counts toward the basis: a quota half used leaves half.
 *
 * Whether a person may go is the clause's question (clause_admits); the
 * planner reads the stages only for who is booked and what they hold,
 * and creates none: stage_create_planned makes its proposal a stage. A
 * plan is data (persons, reasons, rule tests, bounds): plan_text and
 * plan_json say it for the command and the API. */
#ifndef PARLEY_ACCORD_PLAN_H
#define PARLEY_ACCORD_PLAN_H

#include <jansson.h>

#include "accord/agreement.h"

/* Who a person is, as the planner read them: the surname and the given
 * names as the record has them, in the original script, else in Latin
 * (NULL: neither), for the callers to say as they like. */
typedef struct plan_person {
	char uid[UID_SIZE];
	const char *surname, *given_names;
} plan_person;

typedef struct plan_candidate {
	int64_t id;
	plan_person who;
	long points;
	bool pooled;              /* in the clause's pool (points basis) */
	int day;                  /* the stage of the schedule they go in (1 = next), 0: not yet */
	int64_t rank[PRIORITY_MAX]; /* the priority's keys, smallest first */
} plan_candidate;

typedef struct plan_exclusion {
	plan_person who;
	int side;                 /* who holds them */
	/* The verdict that left them out: the reason, and the test or value
	 * that decided. Those left out alike share one (a plan over a
	 * million persons leaves out hundreds of thousands). */
	const clause_verdict *why;
} plan_exclusion;

typedef struct plan_day {
	pdate date;
	long persons[2], points[2], bodies[2];
} plan_day;

/* What bounds the next stage. */
typedef enum plan_bound {
	BOUND_NONE,
	BOUND_WAITING,            /* `side` has no more eligible people waiting (n) */
	BOUND_CAPACITY,           /* the capacity per side in a stage (n) */
	BOUND_BASIS,              /* what the basis still asks of `side` (n) */
	BOUND_EVERYONE,           /* all for all: everyone eligible (within the capacity, if any) */
	BOUND_POINTS,             /* equal points on both sides (the pool apart, within the capacity) */
	/* no stage at all: */
	BOUND_REMAINS_BY_COUNT,   /* remains all for all: the counts are given in the stage itself */
	BOUND_NOTHING_BALANCES,   /* one side has no one to give */
	BOUND_NO_ONE,             /* no one is eligible and waiting */
} plan_bound;

typedef struct plan_limit {
	plan_bound bound;
	int side;
	long n;
} plan_limit;

typedef struct plan_opts {
	const char *clause;       /* NULL: the agreement's only clause */
	pdate date;               /* of the next stage; y == 0: today */
	long capacity;            /* per side per stage; 0: the clause's (else none) */
	int max_days;             /* the schedule's length at most (default 60) */
} plan_opts;

typedef struct plan {
	const agreement *ag;
	const clause *cl;
	pdate date;
	long capacity;
	/* Eligible, in priority order, per handing side. */
	plan_candidate *cand[2];
	size_t ncand[2];
	plan_exclusion *excl;
	size_t nexcl;
	size_t by_reason[EXCLUDE_COUNT];
	/* Already on stages of this clause (not cancelled, not failed). */
	long committed[2], committed_points[2], committed_bodies[2];
	plan_day *days;           /* days[0] is the next stage */
	size_t ndays;
	long left[2];             /* what the basis still allows after the schedule; -1: no limit */
	plan_limit limit;         /* what bounds the next stage */
	double seconds;
} plan;

/* Everything in a. The plan is data: who, why, how many; the callers
 * say it in words (below, or as they like). */
pl_rc plan_make(store *st, const agreement *ag, const plan_opts *o, arena *a, plan *out,
                   pl_err *err) PL_NODISCARD;

/* ---- the plan in words, for the command and the API ----------------------- */

/* The plan in words: the next stage and its schedule, and the exclusions
 * counted by reason (with explain, every one, person by person). */
pl_rc plan_text(const plan *p, bool explain, buf *out) PL_NODISCARD;
json_t *plan_json(const plan *p, bool explain);
/* One exclusion as plan_json lists them. */
json_t *plan_exclusion_json(const plan *p, const plan_exclusion *x);
/* A person's name as the plan shows it: "Surname Given names". */
pl_rc plan_person_name(const plan_person *w, buf *out) PL_NODISCARD;
/* What bounds the next stage, in words: "the capacity of 1,000 per side
 * in a stage". */
pl_rc plan_limit_text(const plan *p, buf *out) PL_NODISCARD;

#endif
