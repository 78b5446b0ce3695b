/* Events and the status they derive. */
#include "fixture.h"

#include "core/msg.h"

static const char *add_held(fixture *f, person *p)
{
	*p = fx_person("Гончаренко", "Василь", "1985");
	fx_add(f, p);
	assert_ok(fx_event(f, p->uid, "capture", "2022-03-01", NULL), &f->err);
	assert_ok(fx_event(f, p->uid, "capture_card", "2022-03-20", NULL), &f->err);
	return p->uid;
}

static void test_events_move_the_status(void **state)
{
	fixture *f = *state;
	person p;
	const char *uid = add_held(f, &p);
	assert_string_equal(fx_status(f, uid), "held");
	event e;
	assert_ok(fx_event(f, uid, "listed", "2025-05-20", &e), &f->err);
	assert_int_equal(e.before, ST_HELD);
	assert_int_equal(e.after, ST_LISTED);
	assert_ok(fx_event(f, uid, "handed_over", "2025-05-23", NULL), &f->err);
	assert_ok(fx_event(f, uid, "arrived_transit", "2025-05-23", NULL), &f->err);
	assert_ok(fx_event(f, uid, "repatriated", "2025-05-25", NULL), &f->err);
	assert_string_equal(fx_status(f, uid), "repatriated");
}

/* A person without a status row (person_state) is an edited file: an
 * event for them is refused whole, not applied to nobody's status. */
static void test_a_missing_status_row_is_refused_loudly(void **state)
{
	fixture *f = *state;
	person p;
	const char *uid = add_held(f, &p);
	long long events = fx_scalar(f, "SELECT count(*) FROM event");
	assert_int_equal(sqlite3_exec(store_db(f->r), "DELETE FROM person_state", NULL, NULL, NULL), SQLITE_OK);
	assert_int_equal(fx_event(f, uid, "capture", "2025-06-01", NULL), PL_EINTEGRITY);
	assert_string_equal(f->err.code, "registry.no_status_row");
	assert_contains(f->err.msg, uid);
	assert_contains(f->err.msg, "parley restore");
	assert_int_equal(fx_scalar(f, "SELECT count(*) FROM event"), events);
}

static void test_a_refusal_says_the_status_and_what_is_allowed(void **state)
{
	fixture *f = *state;
	person p;
	const char *uid = add_held(f, &p);
	long long events = fx_scalar(f, "SELECT count(*) FROM event");
	assert_int_equal(fx_event(f, uid, "handed_over", "2025-01-01", NULL), PL_ECONFLICT);
	assert_contains(f->err.msg, "handed_over (2025-01-01) is not possible in status 'held'");
	assert_contains(f->err.msg, "allowed there:");
	assert_contains(f->err.msg, "listed");
	assert_int_equal(fx_scalar(f, "SELECT count(*) FROM event"), events);
	assert_string_equal(fx_status(f, uid), "held");
}

static void test_a_backdated_event_replays_the_history(void **state)
{
	fixture *f = *state;
	person p = fx_person("Савченко", "Надія", "1981");
	fx_add(f, &p);
	/* The capture card arrived first; the capture report is older news. */
	event card;
	assert_ok(fx_event(f, p.uid, "capture_card", "2022-04-10", &card), &f->err);
	assert_int_equal(card.before, ST_MISSING);
	assert_ok(fx_event(f, p.uid, "capture", "2022-04-01", NULL), &f->err);
	assert_string_equal(fx_status(f, p.uid), "held");
	/* The stored statuses of the later event were rewritten. */
	char sql[200];
	snprintf(sql, sizeof(sql), "SELECT count(*) FROM event WHERE uid = '%s' AND "
	                           "status_before = 'captured' AND status_after = 'held'", card.uid);
	assert_int_equal(fx_scalar(f, sql), 1);

	event *ev;
	size_t n;
	person got;
	assert_ok(registry_person_get(f->r, p.uid, &f->a, &got, &f->err), &f->err);
	assert_ok(registry_person_events(f->r, got.id, &f->a, &ev, &n, &f->err), &f->err);
	assert_int_equal(n, 2);
	assert_string_equal(ev[0].f[EF_TYPE], "capture");
	assert_string_equal(ev[1].f[EF_TYPE], "capture_card");
}

static void test_a_backdated_event_that_breaks_later_ones_is_refused(void **state)
{
	fixture *f = *state;
	person p;
	const char *uid = add_held(f, &p);
	assert_ok(fx_event(f, uid, "listed", "2025-05-20", NULL), &f->err);
	/* Died before being listed: the later listing would be impossible. */
	assert_int_equal(fx_event(f, uid, "died_in_captivity", "2024-01-01", NULL), PL_ECONFLICT);
	assert_contains(f->err.msg, "listed");
	assert_string_equal(fx_status(f, uid), "listed");
	/* A capture before the recorded one fits its date, but leaves the
	 * later capture impossible: the message names the later event. */
	assert_int_equal(fx_event(f, uid, "capture", "2022-01-01", NULL), PL_ECONFLICT);
	assert_contains(f->err.msg, "dated before capture (2022-03-01)");
	/* By its code, in the user's language. */
	assert_string_equal(f->err.code, "event.refused_later");
	char uk[PL_ERR_MSG_MAX];
	msg_err_text(&f->err, LANG_UK, uk, sizeof(uk));
	assert_contains(uk, "датована раніше за «capture» (2022-03-01), залишила б пізнішу подію");
	/* Listed between capture and capture card: impossible at its own date. */
	assert_int_equal(fx_event(f, uid, "listed", "2022-03-10", NULL), PL_ECONFLICT);
	assert_contains(f->err.msg, "at that date, in status 'captured'");
}

static void test_same_day_events_keep_their_recorded_order(void **state)
{
	fixture *f = *state;
	person p;
	const char *uid = add_held(f, &p);
	assert_ok(fx_event(f, uid, "listed", "2025-05-23", NULL), &f->err);
	assert_ok(fx_event(f, uid, "handed_over", "2025-05-23", NULL), &f->err);
	assert_ok(fx_event(f, uid, "arrived_transit", "2025-05-23", NULL), &f->err);
	assert_string_equal(fx_status(f, uid), "in_transit");
}

static void test_partial_dates_sort_before_full_dates_of_that_period(void **state)
{
	fixture *f = *state;
	person p = fx_person("Бойко", "Тарас", NULL);
	fx_add(f, &p);
	assert_ok(fx_event(f, p.uid, "capture_card", "2022-05-15", NULL), &f->err);
	/* "2022-05" (day unknown) is taken to come first. */
	assert_ok(fx_event(f, p.uid, "capture", "2022-05", NULL), &f->err);
	assert_string_equal(fx_status(f, p.uid), "held");
}

/* A sighting comes from a testimony and a testimony gives only sightings:
 * either without the other is refused, nothing written. */
static void test_a_sighting_is_a_testimonys(void **state)
{
	fixture *f = *state;
	person p;
	const char *uid = add_held(f, &p);
	long long before = fx_scalar(f, "SELECT count(*) FROM event");
	static const char *const bad[][2] = {{"sighting", "own_records"}, {"capture_card", "testimony"}};
	for(size_t i = 0; i < 2; i++) {
		event e = {0};
		e.f[EF_TYPE] = bad[i][0];
		e.f[EF_DATE] = "2025-03-01";
		e.f[EF_SOURCE] = bad[i][1];
		assert_int_equal(registry_event_add(f->r, uid, &e, &f->err), PL_EINPUT);
		assert_string_equal(f->err.code, "event.sighting_source");
	}
	assert_int_equal(fx_scalar(f, "SELECT count(*) FROM event"), before);
	event ok = {0};
	ok.f[EF_TYPE] = "sighting";
	ok.f[EF_DATE] = "2025-03-01";
	ok.f[EF_SOURCE] = "testimony";
	assert_ok(registry_event_add(f->r, uid, &ok, &f->err), &f->err);
	assert_int_equal(ok.before, ok.after); /* evidence: the status stays */
}

static void test_death_record_fields(void **state)
{
	fixture *f = *state;
	person p;
	const char *uid = add_held(f, &p);
	event bad = {0};
	bad.f[EF_TYPE] = "transfer";
	bad.f[EF_DATE] = "2023-01-01";
	bad.f[EF_SOURCE] = "mediator";
	bad.f[EF_CAUSE] = "illness";
	assert_int_equal(registry_event_add(f->r, uid, &bad, &f->err), PL_EINPUT);
	assert_contains(f->err.msg, "cause, burial_place and grave belong to");

	event death = {0};
	death.f[EF_TYPE] = "died_in_captivity";
	death.f[EF_DATE] = "2023-02-01";
	death.f[EF_SOURCE] = "icrc_visit";
	death.f[EF_PLACE] = "Оленівка";
	death.f[EF_CAUSE] = "пневмонія";
	death.f[EF_BURIAL_PLACE] = "кладовище";
	death.f[EF_GRAVE] = "ділянка 4, могила 17";
	assert_ok(registry_event_add(f->r, uid, &death, &f->err), &f->err);
	assert_string_equal(fx_status(f, uid), "died_in_captivity");
	assert_int_equal(fx_scalar(f, "SELECT count(*) FROM event WHERE grave = 'ділянка 4, могила 17'"), 1);
}

static void test_required_fields_and_ids(void **state)
{
	fixture *f = *state;
	person p = fx_person("Руденко", NULL, NULL);
	fx_add(f, &p);
	event e = {0};
	e.f[EF_TYPE] = "capture";
	e.f[EF_DATE] = "2022-03-01";
	assert_int_equal(registry_event_add(f->r, p.uid, &e, &f->err), PL_EINPUT);
	assert_contains(f->err.msg, "source: required");
	e.f[EF_SOURCE] = "media";
	snprintf(e.uid, sizeof(e.uid), "%s", "Pnotaneventid0000");
	assert_int_equal(registry_event_add(f->r, p.uid, &e, &f->err), PL_EINPUT);
	assert_string_equal(f->err.msg, "id: expected E and 16 characters of 0-9 and A-Z");
	assert_string_equal(f->err.code, "registry.bad_id");
	char ru[PL_ERR_MSG_MAX];
	msg_err_text(&f->err, LANG_RU, ru, sizeof(ru));
	assert_string_equal(ru, "id: ожидается E и 16 символов из 0-9 и A-Z");
	e.uid[0] = '\0';
	e.f[EF_TYPE] = "kidnapped";
	assert_int_equal(registry_event_add(f->r, p.uid, &e, &f->err), PL_EINPUT);
	assert_int_equal(registry_event_add(f->r, "PNOSUCHPERSON0000", &e, &f->err), PL_ENOTFOUND);
}

static void test_events_cannot_come_before_birth(void **state)
{
	fixture *f = *state;
	person p = fx_person("Дмитренко", "Ігор", "1995-06");
	fx_add(f, &p);
	assert_int_equal(fx_event(f, p.uid, "reported_missing", "1994", NULL), PL_EINPUT);
	assert_contains(f->err.msg, "before their birth (1995-06)");
	/* the month of birth itself is possible */
	assert_ok(fx_event(f, p.uid, "reported_missing", "1995-06", NULL), &f->err);
}

static void test_status_cannot_be_set_by_update(void **state)
{
	fixture *f = *state;
	person p;
	const char *uid = add_held(f, &p);
	/* There is no status field to set; updating other fields keeps it. */
	assert_int_equal(field_find(person_fields, PF_COUNT, "status"), -1);
	person change = {0};
	change.f[PF_DETENTION_PLACE] = "Таганрог";
	assert_ok(registry_person_update(f->r, uid, &change, NULL, &f->err), &f->err);
	assert_string_equal(fx_status(f, uid), "held");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_events_move_the_status, fixture_setup, fixture_teardown),
		cmocka_unit_test_setup_teardown(test_a_missing_status_row_is_refused_loudly, fixture_setup, fixture_teardown),
		cmocka_unit_test_setup_teardown(test_a_refusal_says_the_status_and_what_is_allowed, fixture_setup, fixture_teardown),
		cmocka_unit_test_setup_teardown(test_a_backdated_event_replays_the_history, fixture_setup, fixture_teardown),
		cmocka_unit_test_setup_teardown(test_a_backdated_event_that_breaks_later_ones_is_refused, fixture_setup, fixture_teardown),
		cmocka_unit_test_setup_teardown(test_same_day_events_keep_their_recorded_order, fixture_setup, fixture_teardown),
		cmocka_unit_test_setup_teardown(test_partial_dates_sort_before_full_dates_of_that_period, fixture_setup, fixture_teardown),
		cmocka_unit_test_setup_teardown(test_death_record_fields, fixture_setup, fixture_teardown),
		cmocka_unit_test_setup_teardown(test_a_sighting_is_a_testimonys, fixture_setup, fixture_teardown),
		cmocka_unit_test_setup_teardown(test_required_fields_and_ids, fixture_setup, fixture_teardown),
		cmocka_unit_test_setup_teardown(test_events_cannot_come_before_birth, fixture_setup, fixture_teardown),
		cmocka_unit_test_setup_teardown(test_status_cannot_be_set_by_update, fixture_setup, fixture_teardown),
	};
	return cmocka_run_group_tests_name("event", tests, NULL, NULL);
}
