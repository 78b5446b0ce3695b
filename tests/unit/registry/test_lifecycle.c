/* The lifecycle state machine (DESIGN.md section 2). */
#include "testutil.h"

#include "registry/lifecycle.h"

static int next(const char *from, const char *ev)
{
	int s = lifecycle_status_parse(from), e = lifecycle_event_parse(ev);
	assert_true(s >= 0);
	assert_true(e >= 0);
	return lifecycle_next((person_status)s, (event_type)e);
}

static void test_the_main_path(void **state)
{
	(void)state;
	static const char *const path[][3] = {
		{"missing", "capture", "captured"},
		{"captured", "capture_card", "held"},
		{"held", "listed", "listed"},
		{"listed", "handed_over", "handed_over"},
		{"handed_over", "arrived_transit", "in_transit"},
		{"in_transit", "assistance", "in_transit"},
		{"in_transit", "repatriated", "repatriated"},
		{"repatriated", "treatment", "repatriated"},
	};
	for(size_t i = 0; i < sizeof(path) / sizeof(path[0]); i++) {
		int to = next(path[i][0], path[i][1]);
		if(to < 0 || strcmp(lifecycle_status_name((person_status)to), path[i][2]))
			fail_msg("%s in %s: expected %s", path[i][1], path[i][0], path[i][2]);
	}
}

static void test_side_exits(void **state)
{
	(void)state;
	assert_int_equal(next("held", "declined_repatriation"), ST_DECLINED_REPATRIATION);
	assert_int_equal(next("listed", "declined_repatriation"), ST_DECLINED_REPATRIATION);
	assert_int_equal(next("held", "released_otherwise"), ST_RELEASED_OTHERWISE);
	assert_int_equal(next("held", "died_in_captivity"), ST_DIED_IN_CAPTIVITY);
	assert_int_equal(next("died_in_captivity", "remains_returned"), ST_REMAINS_RETURNED);
	assert_int_equal(next("missing", "remains_returned"), ST_REMAINS_RETURNED);
	assert_int_equal(next("remains_returned", "identified"), ST_IDENTIFIED);
}

static void test_refused_moves(void **state)
{
	(void)state;
	/* Nobody is handed over who was not on an agreed list. */
	assert_int_equal(next("held", "handed_over"), -1);
	assert_int_equal(next("missing", "handed_over"), -1);
	/* A capture is news only about someone missing. */
	assert_int_equal(next("held", "capture"), -1);
	/* Nobody is repatriated who declined (Art. 109). */
	assert_int_equal(next("declined_repatriation", "listed"), -1);
	assert_int_equal(next("declined_repatriation", "repatriated"), -1);
	/* The dead are not listed; the identified are final. */
	assert_int_equal(next("died_in_captivity", "listed"), -1);
	assert_int_equal(next("identified", "capture"), -1);
	assert_int_equal(next("repatriated", "capture"), -1);
}

static void test_news_confirms_a_captured_person_as_held(void **state)
{
	(void)state;
	static const char *const confirm[] = {"capture_card", "mediator_visit", "proof_of_life",
	                                      "transfer", "hospital_admission", "health_report"};
	for(size_t i = 0; i < sizeof(confirm) / sizeof(confirm[0]); i++)
		assert_int_equal(next("captured", confirm[i]), ST_HELD);
	/* and keeps a listed person listed */
	for(size_t i = 0; i < sizeof(confirm) / sizeof(confirm[0]); i++)
		assert_int_equal(next("listed", confirm[i]), ST_LISTED);
}

static void test_every_status_is_reachable_from_missing(void **state)
{
	(void)state;
	bool seen[ST_COUNT] = {false};
	person_status queue[ST_COUNT];
	size_t head = 0, tail = 0;
	queue[tail++] = ST_INITIAL;
	seen[ST_INITIAL] = true;
	while(head < tail) {
		person_status s = queue[head++];
		for(int e = 0; e < EV_COUNT; e++) {
			int to = lifecycle_next(s, (event_type)e);
			if(to >= 0 && !seen[to]) {
				seen[to] = true;
				queue[tail++] = (person_status)to;
			}
		}
	}
	for(int s = 0; s < ST_COUNT; s++)
		if(!seen[s])
			fail_msg("status %s cannot be reached", lifecycle_status_name((person_status)s));
}

static void test_every_event_type_is_used(void **state)
{
	(void)state;
	for(int e = 0; e < EV_COUNT; e++) {
		bool used = false;
		for(int s = 0; s < ST_COUNT; s++)
			used |= lifecycle_next((person_status)s, (event_type)e) >= 0;
		if(!used)
			fail_msg("event %s can never happen", lifecycle_event_name((event_type)e));
	}
}

static void test_names_parse_back(void **state)
{
	(void)state;
	for(int s = 0; s < ST_COUNT; s++)
		assert_int_equal(lifecycle_status_parse(lifecycle_status_name((person_status)s)), s);
	for(int e = 0; e < EV_COUNT; e++)
		assert_int_equal(lifecycle_event_parse(lifecycle_event_name((event_type)e)), e);
	assert_int_equal(lifecycle_status_parse("Held"), -1);
	assert_int_equal(lifecycle_event_parse("captured"), -1);
	assert_null(lifecycle_event_names[EV_COUNT]);
	assert_null(lifecycle_status_names[ST_COUNT]);
}

static void test_allowed_text_lists_the_events(void **state)
{
	(void)state;
	char text[512];
	lifecycle_allowed_text(ST_HELD, text, sizeof(text));
	assert_contains(text, "listed");
	assert_contains(text, "died_in_captivity");
	assert_null(strstr(text, "handed_over"));
	lifecycle_allowed_text(ST_IDENTIFIED, text, sizeof(text));
	assert_contains(text, "final");
}

static void test_death_fields_belong_to_death_events(void **state)
{
	(void)state;
	assert_true(lifecycle_event_has_death_fields(EV_DIED_IN_CAPTIVITY));
	assert_true(lifecycle_event_has_death_fields(EV_REMAINS_RETURNED));
	assert_false(lifecycle_event_has_death_fields(EV_CAPTURE));
}

/* A sighting (a returnee's testimony) is evidence: possible in every
 * status, it leaves each as it is, and is never offered as a next move. */
static void test_a_sighting_never_changes_a_status(void **state)
{
	(void)state;
	assert_true(lifecycle_event_is_evidence(EV_SIGHTING));
	assert_false(lifecycle_event_is_evidence(EV_CAPTURE));
	for(int s = 0; s < ST_COUNT; s++) {
		assert_int_equal(lifecycle_next((person_status)s, EV_SIGHTING), s);
		event_type ev[EV_COUNT];
		size_t n = lifecycle_allowed((person_status)s, ev);
		for(size_t i = 0; i < n; i++)
			assert_int_not_equal(ev[i], EV_SIGHTING);
	}
	assert_int_equal(lifecycle_event_parse("sighting"), EV_SIGHTING);
	assert_false(lifecycle_event_is_health(EV_SIGHTING));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_the_main_path),
		cmocka_unit_test(test_side_exits),
		cmocka_unit_test(test_refused_moves),
		cmocka_unit_test(test_news_confirms_a_captured_person_as_held),
		cmocka_unit_test(test_every_status_is_reachable_from_missing),
		cmocka_unit_test(test_every_event_type_is_used),
		cmocka_unit_test(test_names_parse_back),
		cmocka_unit_test(test_allowed_text_lists_the_events),
		cmocka_unit_test(test_death_fields_belong_to_death_events),
		cmocka_unit_test(test_a_sighting_never_changes_a_status),
	};
	return cmocka_run_group_tests_name("lifecycle", tests, NULL, NULL);
}
