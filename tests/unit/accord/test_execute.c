/* Execution as people cross: outcomes recorded one by one or by group,
 * the stage in progress until finished; corrections with their reason,
 * history kept, the ledger following; the substitutes a clause admits. */
#include <stdlib.h>

#include "fixture.h"

#include "accord/internal.h"
#include "accord/ledger.h"
#include "accord/plan.h"

static const pdate june9 = {2025, 6, 9};

#define QUOTA4 FX_AGREEMENT("q4", "{\"id\": \"q\", \"subject\": \"prisoners\", \"eligible\": \"status = held\"," \
	" \"basis\": {\"kind\": \"quota\", \"each\": 4}}")

static stage get(fixture *f, const char *uid)
{
	stage s;
	assert_ok(stage_get(f->r, uid, &f->a, &s, &f->err), &f->err);
	return s;
}

/* UA and RU hold four of each other's; a stage of all eight on june9,
 * agreed as if signed by both. */
static void agreed_stage(fixture *f, agreement *ag, char uid[UID_SIZE])
{
	fx_agreement(f, QUOTA4, true, ag);
	fx_prisoners(f, "UA", "RU", 4, "none", "1990");
	fx_prisoners(f, "RU", "UA", 4, "none", "1990");
	plan p;
	plan_opts o = {.clause = "q", .date = june9};
	assert_ok(plan_make(f->r, ag, &o, &f->a, &p, &f->err), &f->err);
	assert_ok(stage_create_planned(f->r, &p, 1, "border", uid, &f->err), &f->err);
	stage s = get(f, uid);
	assert_int_equal(s.nentries, 8);
	assert_ok(store_begin(f->r, &f->err), &f->err);
	assert_ok(stage_mark_agreed(f->r, &s, &f->err), &f->err);
	assert_ok(store_commit(f->r, &f->err), &f->err);
}

static const ledger_side *ledger_of(fixture *f, const agreement *ag)
{
	ledger *l = arena_alloc(&f->a, sizeof(*l));
	assert_non_null(l);
	assert_ok(ledger_compute(f->r, ag, &f->a, l, &f->err), &f->err);
	return l->clauses[0].side;
}

static pl_rc record(fixture *f, const char *uid, stage_outcome *o, size_t n)
{
	stage_exec x = {.outcomes = o, .noutcomes = n};
	stage_exec_report rep;
	return stage_record(f->r, uid, &x, &rep, &f->err);
}

static void test_in_progress_until_finished(void **state)
{
	fixture *f = *state;
	/* The day before the planned date: today is not in the future. */
	setenv("PARLEY_TODAY", "2025-06-08", 1);
	agreement ag;
	char uid[UID_SIZE], sub[UID_SIZE], stranger[UID_SIZE];
	agreed_stage(f, &ag, uid);
	/* Entry 1 is UA's to hand over: one of RU's that UA holds. */
	fx_prisoner(f, &(prisoner){.surname = "Заміна", .given = "Петро", .birth = "1992", .party = "RU",
	                           .held_by = "UA"}, sub);
	fx_prisoner(f, &(prisoner){.surname = "Чужий", .given = "Іван", .birth = "1992", .party = "UA",
	                           .held_by = "UA"}, stranger);
	stage s = get(f, uid);
	const char *e0 = s.entries[0].person, *e1 = s.entries[1].person;
	assert_int_equal(s.entries[0].side, 0);
	assert_int_equal(s.entries[0].outcome, OUTCOME_PENDING);
	long audit0 = fx_scalar(f, "SELECT count(*) FROM audit WHERE action = 'stage.outcome'");

	assert_ok(record(f, uid, &(stage_outcome){.person = e0, .outcome = OUTCOME_HANDED_OVER}, 1), &f->err);
	s = get(f, uid);
	assert_int_equal(s.status, STAGE_IN_PROGRESS);
	assert_int_equal(s.entries[0].outcome, OUTCOME_HANDED_OVER);
	assert_string_equal(s.entries[0].outcome_date, "2025-06-08");
	for(size_t i = 1; i < s.nentries; i++)
		assert_int_equal(s.entries[i].outcome, OUTCOME_PENDING);
	assert_string_equal(fx_status(f, e0), "handed_over");
	assert_int_equal(fx_scalar(f, "SELECT count(*) FROM audit WHERE action = 'stage.outcome'"), audit0 + 1);
	/* Counted as they cross; the others still on the stage. */
	const ledger_side *l = ledger_of(f, &ag);
	assert_int_equal(l[0].delivered, 1);
	assert_int_equal(l[0].in_stages, 3);
	assert_int_equal(l[1].in_stages, 4);

	/* Recorded once; a stage in progress is neither changed nor cancelled. */
	assert_int_equal(record(f, uid, &(stage_outcome){.person = e0, .outcome = OUTCOME_REFUSED}, 1),
	                 PL_ECONFLICT);
	assert_contains(f->err.msg, "already recorded as handed_over");
	assert_int_equal(stage_cancel(f->r, uid, "x", &f->err), PL_ECONFLICT);
	assert_int_equal(record(f, uid, NULL, 0), PL_EUSAGE);
	stage_exec fin = {0};
	stage_exec_report rep;
	assert_int_equal(stage_finish(f->r, uid, &fin, &rep, &f->err), PL_ECONFLICT);
	assert_contains(f->err.msg, "7 still pending");

	/* A substitute the clause does not admit is refused, and nothing changes. */
	stage_outcome group[] = {
		{.person = e1, .outcome = OUTCOME_SUBSTITUTED, .substitute = stranger, .note = "declined"},
		{.person = s.entries[2].person, .outcome = OUTCOME_REFUSED},
	};
	assert_int_equal(record(f, uid, group, 2), PL_ECONFLICT);
	assert_int_equal(get(f, uid).entries[2].outcome, OUTCOME_PENDING);
	group[0].substitute = sub;
	assert_ok(record(f, uid, group, 2), &f->err);
	s = get(f, uid);
	assert_int_equal(s.nentries, 9);
	assert_string_equal(fx_status(f, sub), "handed_over");
	assert_string_equal(fx_status(f, s.entries[2].person), "declined_repatriation");

	/* The rest at the finish, with nobody left pending. */
	stage_outcome rest[5];
	for(int i = 0; i < 5; i++)
		rest[i] = (stage_outcome){.person = s.entries[3 + i].person, .outcome = OUTCOME_HANDED_OVER};
	fin = (stage_exec){.outcomes = rest, .noutcomes = 5};
	assert_ok(stage_finish(f->r, uid, &fin, &rep, &f->err), &f->err);
	assert_int_equal(get(f, uid).status, STAGE_EXECUTED);
	l = ledger_of(f, &ag);
	assert_int_equal(l[0].delivered, 3); /* e0, the substitute, entry 4 */
	assert_int_equal(l[0].failed, 2);
	assert_int_equal(l[1].delivered, 4);
	assert_int_equal(fx_scalar(f, "SELECT count(*) FROM audit WHERE action = 'stage.outcome'"), audit0 + 9);
	unsetenv("PARLEY_TODAY");
}

static void test_correction(void **state)
{
	fixture *f = *state;
	unsetenv("PARLEY_TODAY");
	agreement ag;
	char uid[UID_SIZE];
	agreed_stage(f, &ag, uid);
	stage s = get(f, uid);
	const char *a = s.entries[0].person, *b = s.entries[1].person;
	/* Nothing recorded yet: nothing to correct. */
	stage_fix fix = {.person = a, .outcome = OUTCOME_REFUSED, .reason = "the delegate's report"};
	assert_int_equal(stage_correct(f->r, uid, &fix, &f->err), PL_ECONFLICT);
	stage_exec x = {0};
	stage_exec_report rep;
	assert_ok(stage_execute(f->r, uid, &x, &rep, &f->err), &f->err);
	assert_ok(stage_close(f->r, uid, &f->err), &f->err);
	assert_int_equal(ledger_of(f, &ag)[0].delivered, 4);

	/* A reason is required; a substitution is not made afterwards. */
	fix.reason = "";
	assert_int_equal(stage_correct(f->r, uid, &fix, &f->err), PL_EINPUT);
	assert_contains(f->err.msg, "reason");
	fix.reason = "the delegate's report";
	fix.outcome = OUTCOME_SUBSTITUTED;
	assert_int_equal(stage_correct(f->r, uid, &fix, &f->err), PL_EINPUT);
	fix.outcome = OUTCOME_HANDED_OVER;
	assert_int_equal(stage_correct(f->r, uid, &fix, &f->err), PL_EINPUT);
	assert_contains(f->err.msg, "already");

	/* A closed stage corrected: a record of its own, history kept. */
	fix.outcome = OUTCOME_REFUSED;
	assert_ok(stage_correct(f->r, uid, &fix, &f->err), &f->err);
	s = get(f, uid);
	assert_int_equal(s.entries[0].outcome, OUTCOME_REFUSED);
	assert_int_equal(s.entries[0].corrections, 1);
	assert_int_equal(s.status, STAGE_CLOSED);
	char sql[300];
	snprintf(sql, sizeof(sql), "SELECT count(*) FROM stage_entry e JOIN person p ON p.id = e.person_id"
	                           " WHERE p.uid = '%s' AND e.outcome = 'handed_over'", a);
	assert_int_equal(fx_scalar(f, sql), 1);
	assert_string_equal(fx_status(f, a), "declined_repatriation");
	const ledger_side *l = ledger_of(f, &ag);
	assert_int_equal(l[0].delivered, 3);
	assert_int_equal(l[0].failed, 1);
	assert_int_equal(l[0].owed, 1);
	stage_correction *c;
	size_t n;
	assert_ok(stage_corrections(f->r, &s, &f->a, &c, &n, &f->err), &f->err);
	assert_int_equal(n, 1);
	assert_string_equal(c[0].before, "handed_over");
	assert_string_equal(c[0].outcome, "refused");
	assert_string_equal(c[0].reason, "the delegate's report");
	assert_int_equal(fx_scalar(f, "SELECT count(*) FROM audit WHERE action = 'stage.outcome'"
	                              " AND after LIKE '%delegate''s report%'"), 1);

	/* Later events hang on a handover: the correction is refused, saying
	 * so, and changes nothing. */
	assert_ok(fx_event(f, b, "arrived_transit", "2025-06-10", NULL), &f->err);
	stage_fix fb = {.person = b, .outcome = OUTCOME_NOT_PRESENTED, .reason = "not on the bus"};
	assert_int_not_equal(stage_correct(f->r, uid, &fb, &f->err), PL_OK);
	assert_contains(f->err.msg, "cannot be voided");
	assert_int_equal(fx_scalar(f, "SELECT count(*) FROM stage_correction"), 1);
	assert_int_equal(ledger_of(f, &ag)[0].delivered, 3);

	audit_verify_report vr;
	assert_ok(audit_verify(f->r, &vr, &f->err), &f->err);
	assert_int_equal(vr.first_bad, 0);
}

static void test_substitutes_as_the_planner_judges(void **state)
{
	fixture *f = *state;
	unsetenv("PARLEY_TODAY");
	agreement ag;
	char uid[UID_SIZE], ok[UID_SIZE], no[UID_SIZE];
	agreed_stage(f, &ag, uid);
	fx_prisoner(f, &(prisoner){.surname = "Запасний", .given = "Петро", .birth = "1992", .party = "RU",
	                           .held_by = "UA", .consent = "yes"}, ok);
	fx_prisoner(f, &(prisoner){.surname = "Запасенко", .given = "Іван", .birth = "1992", .party = "RU",
	                           .held_by = "UA", .consent = "no"}, no);
	stage s = get(f, uid);
	stage_candidate *c;
	size_t n;
	assert_ok(stage_substitutes(f->r, uid, s.entries[0].seq, "Запас", 0, &f->a, &c, &n, &f->err), &f->err);
	assert_int_equal(n, 2);
	assert_string_equal(c[0].uid, ok);
	if(!c[0].eligible)
		fail_msg("not eligible: %s (%s)", clause_exclusion_name(c[0].why.reason), c[0].why.value ? c[0].why.value : "");
	assert_string_equal(c[1].uid, no);
	assert_false(c[1].eligible);
	assert_int_equal(c[1].why.reason, EXCLUDE_CONSENT);
	/* Those on the stage already are not offered. */
	assert_ok(stage_substitutes(f->r, uid, s.entries[0].seq, "Soldier", 0, &f->a, &c, &n, &f->err), &f->err);
	assert_int_equal(n, 0);
	assert_int_equal(stage_substitutes(f->r, uid, 99, "Запас", 0, &f->a, &c, &n, &f->err), PL_ENOTFOUND);
	assert_int_equal(stage_substitutes(f->r, uid, 1, "З", 0, &f->a, &c, &n, &f->err), PL_EINPUT);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_in_progress_until_finished, fixture_setup, fixture_teardown),
		cmocka_unit_test_setup_teardown(test_correction, fixture_setup, fixture_teardown),
		cmocka_unit_test_setup_teardown(test_substitutes_as_the_planner_judges, fixture_setup,
		                                fixture_teardown),
	};
	return cmocka_run_group_tests_name("accord/execute", tests, NULL, NULL);
}
