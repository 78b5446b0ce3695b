/* A registry with prisoners on both sides and agreements, for the accord
 * tests. */
#ifndef PARLEY_TESTS_ACCORD_FIXTURE_H
#define PARLEY_TESTS_ACCORD_FIXTURE_H

#include "registry/fixture.h"

#include "accord/agreement.h"
#include "accord/internal.h"
#include "accord/plan.h"

/* Someone confirmed held: captured and given a capture card. */
typedef struct prisoner {
	const char *surname, *given, *birth, *party, *held_by, *medical, *captured, *consent, *rank,
		*branch;
} prisoner;

static inline const char *fx_prisoner(fixture *f, const prisoner *x, char uid[UID_SIZE])
{
	person p = fx_person(x->surname, x->given, x->birth);
	p.f[PF_PARTY] = x->party;
	p.f[PF_HELD_BY] = x->held_by;
	p.f[PF_MEDICAL] = x->medical;
	p.f[PF_CAPTURE_DATE] = x->captured ? x->captured : "2022-03-01";
	p.f[PF_CONSENT] = x->consent;
	p.f[PF_RANK] = x->rank;
	p.f[PF_BRANCH] = x->branch ? x->branch : "armed_forces";
	fx_add(f, &p);
	assert_ok(fx_event(f, p.uid, "capture", p.f[PF_CAPTURE_DATE], NULL), &f->err);
	assert_ok(fx_event(f, p.uid, "capture_card", p.f[PF_CAPTURE_DATE], NULL), &f->err);
	memcpy(uid, p.uid, UID_SIZE);
	return uid;
}

/* n soldiers of `party` held by the other, born in `birth`. */
static inline void fx_prisoners(fixture *f, const char *party, const char *held_by, int n,
                                const char *medical, const char *birth)
{
	for(int i = 0; i < n; i++) {
		char uid[UID_SIZE], name[32];
		snprintf(name, sizeof(name), "Soldier%s%03d", held_by, i);
		prisoner x = {.surname = name, .given = "Ivan", .birth = birth, .party = party,
		              .held_by = held_by, .medical = medical, .consent = "yes"};
		fx_prisoner(f, &x, uid);
	}
}

/* Parse (and, with keep, store) an agreement written as JSON text. */
static inline void fx_agreement(fixture *f, const char *json, bool keep, agreement *out)
{
	assert_ok(agreement_parse(json, strlen(json), "test.json", &f->a, out, &f->err), &f->err);
	if(keep) {
		bool added;
		assert_ok(agreement_add(f->r, out, &added, &f->err), &f->err);
	}
}

/* The next stage of a clause planned on `date`, agreed as if signed by
 * both, and executed as planned; uid gets its id. */
static inline void fx_stage_executed(fixture *f, const agreement *ag, const char *clause_id, pdate date,
                                     char uid[UID_SIZE])
{
	plan p;
	plan_opts o = {.clause = clause_id, .date = date};
	assert_ok(plan_make(f->r, ag, &o, &f->a, &p, &f->err), &f->err);
	assert_ok(stage_create_planned(f->r, &p, 1, "border", uid, &f->err), &f->err);
	stage s;
	assert_ok(stage_get(f->r, uid, &f->a, &s, &f->err), &f->err);
	assert_ok(store_begin(f->r, &f->err), &f->err);
	assert_ok(stage_mark_agreed(f->r, &s, &f->err), &f->err);
	assert_ok(store_commit(f->r, &f->err), &f->err);
	stage_exec x = {0};
	stage_exec_report rep;
	assert_ok(stage_execute(f->r, uid, &x, &rep, &f->err), &f->err);
}

/* An agreement between UA and RU mediated by TR, holding from 2025,
 * with one clause (its JSON object). */
#define FX_AGREEMENT(ID, CLAUSE)                                                        \
	"{\"parley\": \"agreement/1\", \"id\": \"" ID "\", \"title\": \"test\","          \
	" \"parties\": [\"UA\", \"RU\"], \"mediator\": \"TR\", \"transit\": \"BY\","       \
	" \"concluded\": \"2025-01-01\", \"valid_from\": \"2025-01-01\","                  \
	" \"valid_until\": \"2026-12-31\", \"clauses\": [" CLAUSE "]}"

#endif
