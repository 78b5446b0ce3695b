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
 * counts toward the basis: a quota half used leaves half. */
#ifndef PARLEY_ACCORD_PLAN_H
#define PARLEY_ACCORD_PLAN_H

#include <jansson.h>

#include "accord/agreement.h"

typedef enum plan_reason {
	EXCLUDE_NOT_CONFIRMED,    /* captured (reported), not yet confirmed held */
	EXCLUDE_PARTY,            /* not the other party's: unknown, or a third party */
	EXCLUDE_CONSENT,          /* refuses repatriation (Art. 109) */
	EXCLUDE_NOT_ELIGIBLE,     /* the clause's rule says no */
	EXCLUDE_UNKNOWN,          /* the rule cannot tell: the record lacks what it asks */
	EXCLUDE_NO_POINTS,        /* no step of the scale applies */
	EXCLUDE_BOOKED,           /* on another open stage */
	EXCLUDE_OTHER_MEDIATOR,   /* on an open stage through another mediator */
	EXCLUDE_LISTED_ELSEWHERE, /* listed on a manifest this registry does not have */
	PLAN_REASON_COUNT
} plan_reason;

const char *plan_reason_name(plan_reason r);   /* "not_eligible" */
const char *plan_reason_text(plan_reason r);   /* "not eligible under the clause" */

typedef struct plan_candidate {
	int64_t id;
	char uid[UID_SIZE];
	const char *name;
	long points;
	bool pooled;              /* in the clause's pool (points basis) */
	int day;                  /* the stage of the schedule they go in (1 = next), 0: not yet */
	/* what the priority orders by */
	int severity;
	int32_t captured, born;   /* YYYYMMDD, earliest possible; INT32_MAX unknown */
	int64_t rank[PRIORITY_MAX]; /* the priority's keys, smallest first */
} plan_candidate;

typedef struct plan_exclusion {
	char uid[UID_SIZE];
	const char *name;
	int side;                 /* who holds them */
	plan_reason reason;
	const char *why;          /* the test that decided, the stage they are on, ... */
} plan_exclusion;

typedef struct plan_day {
	pdate date;
	long persons[2], points[2], bodies[2];
} plan_day;

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
	size_t by_reason[PLAN_REASON_COUNT];
	/* Already on stages of this clause (not cancelled, not failed). */
	long committed[2], committed_points[2], committed_bodies[2];
	plan_day *days;           /* days[0] is the next stage */
	size_t ndays;
	long left[2];             /* what the basis still allows after the schedule; -1: no limit */
	char limit[200];          /* what bounds the next stage, in words */
	double seconds;
} plan;

/* A person's booking on an open stage. */
typedef struct plan_booking {
	const char *stage;        /* its uid; NULL: on none */
	const char *mediator;     /* its agreement's mediator, NULL if none */
} plan_booking;

/* Why a person held by `side` may not go in a stage of clause cl on date:
 * a plan_reason, or -1 if they may (then *points is what they count
 * for). *test is the rule's test that decided, *detail more (the stage
 * they are on, their party); both may be NULL. The one check behind the
 * planner and every list a person is put on by hand. */
int plan_admissible(const agreement *ag, const clause *cl, pdate date, const person *pe, int side,
                    const plan_booking *b, const rule **test, const char **detail, long *points);

/* For reconciling a list (match/reconcile.h): the flags of a row matched
 * to a registry person: FLAG_BOOKED when they are on an open stage, and,
 * with a clause, FLAG_NOT_ELIGIBLE when its rule does not say yes on the
 * date (or they refuse repatriation). ctx is a plan_list_check. */
typedef struct plan_list_check {
	store *st;
	const agreement *ag;      /* NULL: bookings only */
	const clause *cl;
	pdate date;
} plan_list_check;

unsigned plan_list_flags(void *ctx, const char *person_uid);

/* Everything in a. */
pl_rc plan_make(store *st, const agreement *ag, const plan_opts *o, arena *a, plan *out,
                   pl_err *err) PL_NODISCARD;

/* The plan in words: the next stage and its schedule, and the exclusions
 * counted by reason (with explain, every one, person by person). */
pl_rc plan_text(const plan *p, bool explain, buf *out) PL_NODISCARD;
json_t *plan_json(const plan *p, bool explain);

/* Save day `day` (1 = the next stage) of the plan as a stage in draft;
 * *uid gets its id. */
pl_rc plan_save(store *st, const plan *p, int day, const char *handover_point, char uid[UID_SIZE],
                   pl_err *err) PL_NODISCARD;

#endif
