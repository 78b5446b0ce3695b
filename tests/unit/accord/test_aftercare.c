/* Aftercare recorded for a group (aftercare_record): one event a person in
 * one transaction, each audited; one person who cannot take it changes
 * nothing and is named; the other side's returnees are filtered apart. */
#include <stdint.h>

#include "fixture.h"

#include "accord/aftercare.h"

static const pdate june9 = {2025, 6, 9};

#define JUNE FX_AGREEMENT("june", "{\"id\": \"w\", \"subject\": \"prisoners\", \"eligible\": \"status = held\"," \
	" \"basis\": {\"kind\": \"all_for_all\"}}")

/* Everyone of the stage's aftercare list, their ids in ids (at most 8). */
static size_t returnees(fixture *f, const char *stage_uid, const char *other_than, const char *ids[8])
{
	aftercare_filter flt = {.stage = stage_uid, .other_than = other_than, .step = -1};
	aftercare_view v;
	assert_ok(aftercare_get(f->r, &flt, &f->a, &v, &f->err), &f->err);
	assert_true(v.n <= 8);
	for(size_t i = 0; i < v.n; i++)
		ids[i] = arena_strdup(&f->a, v.rows[i].person);
	return v.n;
}

static long audited_events(fixture *f)
{
	return fx_scalar(f, "SELECT count(*) FROM audit WHERE action = 'add' AND entity = 'event'");
}

static long steps(fixture *f, const char *stage_uid, aftercare_step step)
{
	aftercare_filter flt = {.stage = stage_uid, .step = -1};
	aftercare_view v;
	assert_ok(aftercare_get(f->r, &flt, &f->a, &v, &f->err), &f->err);
	return v.count[step];
}

static void test_a_group_all_or_nothing(void **state)
{
	fixture *f = *state;
	agreement ag;
	fx_agreement(f, JUNE, true, &ag);
	fx_prisoners(f, "UA", "RU", 3, "none", "1990");
	fx_prisoners(f, "RU", "UA", 2, "none", "1990");
	char st[UID_SIZE], outsider[UID_SIZE];
	fx_stage_executed(f, &ag, "w", june9, st);
	/* Held after the stage: never handed over. */
	fx_prisoner(f, &(prisoner){.surname = "Пізній", .given = "Іван", .birth = "1990", .party = "UA",
	                           .held_by = "RU", .consent = "yes"}, outsider);
	const char *ids[8], *theirs[8];
	assert_int_equal(returnees(f, st, NULL, ids), 5);
	assert_int_equal(returnees(f, st, "UA", theirs), 2);
	const char *ours[3];
	size_t n = 0;
	for(size_t i = 0; i < 5; i++)
		if(strcmp(ids[i], theirs[0]) && strcmp(ids[i], theirs[1]))
			ours[n++] = ids[i];
	assert_int_equal(n, 3);
	long audited = audited_events(f);

	/* One who was not handed over: nothing for anyone, and named. */
	const char *with_outsider[] = {ours[0], ours[1], outsider};
	aftercare_batch b = {.type = EV_ARRIVED_TRANSIT, .date = "2025-06-09", .persons = with_outsider, .n = 3};
	size_t bad = 0;
	assert_int_equal(aftercare_record(f->r, &b, NULL, &bad, &f->err), PL_ECONFLICT);
	assert_int_equal(bad, 2);
	assert_contains(f->err.msg, "persons[2]: ");
	assert_contains(f->err.msg, outsider);
	assert_int_equal(steps(f, st, STEP_TRANSIT), 0);
	assert_int_equal(audited_events(f), audited);
	/* Named twice; a date to come; an event not of the way home. */
	const char *twice[] = {ours[0], ours[1], ours[0]};
	b.persons = twice;
	assert_int_equal(aftercare_record(f->r, &b, NULL, &bad, &f->err), PL_EINPUT);
	assert_int_equal(bad, 2);
	assert_contains(f->err.msg, "listed twice");
	b.persons = ours;
	b.date = "2199-01-01";
	assert_int_equal(aftercare_record(f->r, &b, NULL, &bad, &f->err), PL_EINPUT);
	assert_int_equal(bad, SIZE_MAX);
	assert_contains(f->err.msg, "date: 2199-01-01 lies in the future");
	b.date = "2025-06-09";
	b.type = EV_CAPTURE;
	assert_int_equal(aftercare_record(f->r, &b, NULL, &bad, &f->err), PL_EINPUT);
	assert_contains(f->err.msg, "event: expected arrived_transit");
	/* Only of the stage named. */
	b.type = EV_ARRIVED_TRANSIT;
	b.stage = "S0000000000000000";
	assert_int_equal(aftercare_record(f->r, &b, NULL, &bad, &f->err), PL_ECONFLICT);
	assert_contains(f->err.msg, "persons[0]: ");
	assert_int_equal(audited_events(f), audited);

	/* Our three in one call: an event and an audit entry each. */
	b.stage = st;
	b.place = "Gomel";
	char events[3][UID_SIZE];
	assert_ok(aftercare_record(f->r, &b, events, &bad, &f->err), &f->err);
	assert_int_equal(bad, SIZE_MAX);
	assert_int_equal(steps(f, st, STEP_TRANSIT), 3);
	assert_int_equal(steps(f, st, STEP_HANDED_OVER), 2);
	assert_int_equal(audited_events(f), audited + 3);
	for(int i = 0; i < 3; i++)
		assert_int_equal(events[i][0], 'E');
	assert_string_not_equal(events[0], events[1]);
	/* Once in transit, not again: the lifecycle's refusal, named. */
	assert_int_equal(aftercare_record(f->r, &b, NULL, &bad, &f->err), PL_ECONFLICT);
	assert_int_equal(bad, 0);
	assert_contains(f->err.msg, "persons[0] (");
	assert_contains(f->err.msg, "not possible in status 'in_transit'");
	/* Home, handed to their own side. */
	b.type = EV_REPATRIATED;
	b.date = "2025-06-10";
	assert_ok(aftercare_record(f->r, &b, NULL, &bad, &f->err), &f->err);
	assert_int_equal(steps(f, st, STEP_HOME), 3);
}

static void test_the_events_a_group_may_take(void **state)
{
	(void)state;
	assert_int_equal(aftercare_event_parse("arrived_transit"), EV_ARRIVED_TRANSIT);
	assert_int_equal(aftercare_event_parse("repatriated"), EV_REPATRIATED);
	assert_int_equal(aftercare_event_parse("hospital_admission"), EV_HOSPITAL_ADMISSION);
	assert_int_equal(aftercare_event_parse("assistance"), EV_ASSISTANCE);
	assert_int_equal(aftercare_event_parse("treatment"), EV_TREATMENT);
	assert_int_equal(aftercare_event_parse("handed_over"), -1);
	assert_int_equal(aftercare_event_parse("capture"), -1);
	assert_int_equal(aftercare_event_parse(NULL), -1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_a_group_all_or_nothing, fixture_setup, fixture_teardown),
		cmocka_unit_test(test_the_events_a_group_may_take),
	};
	return cmocka_run_group_tests_name("accord/aftercare", tests, NULL, NULL);
}
