/* Inquiries: a new person recorded as reported missing by the family, a
 * repeated inquiry linked to the same person through the matching engine
 * (in Russian transliteration too), a likely match left for a person to
 * settle, missing parts refused with nothing written, reading, listing,
 * the contacts withheld, the access log. */
#include "fixture.h"

#include "core/msg.h"

static long long count(fixture *f, const char *table)
{
	char sql[128];
	snprintf(sql, sizeof(sql), "SELECT count(*) FROM %s", table);
	return fx_scalar(f, sql);
}

static void test_a_first_inquiry_records_the_person_as_missing(void **state)
{
	fixture *f = *state;
	inquiry_result res;
	fam_first(f, &res);
	assert_true(registry_uid_valid('Q', res.uid));
	assert_true(res.person_created);
	assert_int_equal(res.linked, LINK_NEW);
	assert_string_equal(fx_status(f, res.person), "missing");
	/* The event is the family's report, on the day last seen. */
	person p;
	event *ev;
	size_t n;
	assert_ok(registry_person_get(f->r, res.person, &f->a, &p, &f->err), &f->err);
	assert_string_equal(p.f[PF_SURNAME], "Шевченко");
	assert_string_equal(p.f[PF_UNIT], "47 ОМБр");
	assert_ok(registry_person_events(f->r, p.id, &f->a, &ev, &n, &f->err), &f->err);
	assert_int_equal(n, 1);
	assert_string_equal(ev[0].f[EF_TYPE], "reported_missing");
	assert_string_equal(ev[0].f[EF_SOURCE], "family_report");
	assert_string_equal(ev[0].f[EF_DATE], "2025-02-10");
	assert_string_equal(ev[0].f[EF_PLACE], "Покровськ");
	assert_contains(ev[0].f[EF_NOTE], res.uid);
	inquiry_detail d;
	assert_ok(family_inquiry_get(f->r, res.uid, &f->a, &d, &f->err), &f->err);
	assert_int_equal(d.q.status, IQ_OPEN);
	assert_string_equal(d.q.f[IF_PERSON], res.person);
	assert_string_equal(d.q.f[IF_PHONE], "+380 50 123 4567");
	assert_int_equal(d.nconsents, 2);
	assert_int_equal(d.q.consents_in_force, (1u << CP_TRACING) | (1u << CP_SHARE_ICRC));
	/* The audit keeps that contacts were given, not what they are. */
	assert_int_equal(fx_scalar(f, "SELECT count(*) FROM audit WHERE entity = 'inquiry' AND action = 'create'"
	                              " AND after LIKE '%\"phone\":\"(given)\"%'"), 1);
	assert_int_equal(fx_scalar(f, "SELECT count(*) FROM audit WHERE after LIKE '%123 4567%'"), 0);
	fam_chain_intact(f);
}

/* The same mother a year later, her son's name in Russian: the same person. */
static void test_a_repeated_inquiry_in_russian_finds_the_same_person(void **state)
{
	fixture *f = *state;
	person other = fx_person("Мельник", "Олег", "1970-01-01");
	fx_add(f, &other);
	person other2 = fx_person("Бойко", "Тарас", "1980-05-01");
	fx_add(f, &other2);
	inquiry_result first, again;
	fam_first(f, &first);
	long long persons = count(f, "person");
	inquiry_input in;
	fam_input(&in, "inquirer=Мария Шевченко", "relation=mother", "language=ru", "surname=Шевченко",
	          "given_names=Александр", "patronymic=Иванович", "birth_date=1990-03-12", "received=2026-03-02",
	          "consent_tracing=oral 2026-03-02", NULL);
	assert_ok(family_inquiry_add(f->r, &in, &again, &f->err), &f->err);
	assert_int_equal(again.linked, LINK_MATCH);
	assert_string_equal(again.person, first.person);
	assert_true(again.prob >= 0.9);
	assert_false(again.person_created);
	assert_int_equal(count(f, "person"), persons);
	/* Each inquiry names the other. */
	inquiry_detail d;
	assert_ok(family_inquiry_get(f->r, first.uid, &f->a, &d, &f->err), &f->err);
	assert_int_equal(d.nothers, 1);
	assert_string_equal(d.others[0], again.uid);
	assert_int_equal(d.q.linked, LINK_NEW);
	assert_ok(family_inquiry_get(f->r, again.uid, &f->a, &d, &f->err), &f->err);
	assert_int_equal(d.q.linked, LINK_MATCH);
	assert_true(d.q.link_prob >= 0.9);
	/* In Latin letters, by a brother: the same person still. */
	fam_input(&in, "inquirer=Petro Shevchenko", "relation=sibling", "language=en", "surname=Shevchenko",
	          "given_names=Oleksandr", "birth_date=1990-03-12", NULL);
	assert_ok(family_inquiry_add(f->r, &in, &again, &f->err), &f->err);
	assert_string_equal(again.person, first.person);
	assert_int_equal(count(f, "person"), persons);
}

/* Given the person, the engine is not asked. */
static void test_a_given_person_is_linked_as_given(void **state)
{
	fixture *f = *state;
	person p = fx_person("Бойко", "Тарас", "1980-05-01");
	fx_add(f, &p);
	char prefix[8];
	snprintf(prefix, sizeof(prefix), "%.7s", p.uid);
	inquiry_input in;
	fam_input(&in, "organisation=ICRC Kyiv", "consent_tracing=written", NULL);
	in.f[IF_PERSON] = prefix;
	inquiry_result res;
	assert_ok(family_inquiry_add(f->r, &in, &res, &f->err), &f->err);
	assert_int_equal(res.linked, LINK_GIVEN);
	assert_string_equal(res.person, p.uid);
	in.f[IF_PERSON] = "PZZZZZZZZ";
	assert_int_equal(family_inquiry_add(f->r, &in, &res, &f->err), PL_ENOTFOUND);
	assert_int_equal(res.field, IF_PERSON);
}

/* Someone near but not sure: the caller must say who; never a second
 * person by the engine's guess. */
static void test_a_likely_match_is_for_a_person_to_settle(void **state)
{
	fixture *f = *state;
	inquiry_result first, res;
	fam_first(f, &first);
	long long persons = count(f, "person"), inquiries = count(f, "inquiry");
	inquiry_input in;
	/* The surname alone and another birth year: likely, not sure. */
	fam_input(&in, "inquirer=Ольга", "surname=Шевченко", "given_names=Олександр", "birth_date=1991", NULL);
	inquiry_match m;
	assert_ok(family_inquiry_match(f->r, &in, &f->a, &m, &f->err), &f->err);
	assert_string_equal(m.person, first.person);
	assert_false(m.link);
	assert_true(m.prob >= 0.3 && m.prob < 0.9);
	assert_string_equal(m.who.surname, "Шевченко");
	assert_int_equal(family_inquiry_add(f->r, &in, &res, &f->err), PL_ECONFLICT);
	assert_string_equal(f->err.code, "family.likely_match");
	assert_string_equal(res.candidate, first.person);
	assert_contains(f->err.msg, first.person);
	assert_int_equal(count(f, "person"), persons);
	assert_int_equal(count(f, "inquiry"), inquiries);
	/* Named: linked to them. Asked for a new person: a new one. */
	in.f[IF_PERSON] = first.person;
	assert_ok(family_inquiry_add(f->r, &in, &res, &f->err), &f->err);
	assert_int_equal(res.linked, LINK_GIVEN);
	in.f[IF_PERSON] = NULL;
	in.new_person = true;
	assert_ok(family_inquiry_add(f->r, &in, &res, &f->err), &f->err);
	assert_true(res.person_created);
	assert_int_equal(count(f, "person"), persons + 1);
}

static void test_missing_parts_are_refused_and_nothing_is_written(void **state)
{
	fixture *f = *state;
	long long persons = count(f, "person"), entries = count(f, "audit");
	inquiry_input in;
	inquiry_result res;
	fam_input(&in, "surname=Шевченко", "given_names=Олександр", NULL);
	assert_int_equal(family_inquiry_add(f->r, &in, &res, &f->err), PL_EINPUT);
	assert_string_equal(f->err.code, "family.no_inquirer");
	assert_int_equal(res.field, IF_INQUIRER);
	fam_input(&in, "inquirer=Марія", "relation=mother", NULL);
	assert_int_equal(family_inquiry_add(f->r, &in, &res, &f->err), PL_EINPUT);
	assert_string_equal(f->err.code, "family.no_person");
	assert_int_equal(res.field, IF_SURNAME);
	fam_input(&in, "inquirer=Марія", "surname=Шевченко", "email=maria.example.com", NULL);
	assert_int_equal(family_inquiry_add(f->r, &in, &res, &f->err), PL_EINPUT);
	assert_int_equal(res.field, IF_EMAIL);
	assert_contains(f->err.msg, "expected an e-mail address");
	fam_input(&in, "inquirer=Марія", "surname=Шевченко", "phone=call me", NULL);
	assert_int_equal(family_inquiry_add(f->r, &in, &res, &f->err), PL_EINPUT);
	assert_int_equal(res.field, IF_PHONE);
	fam_input(&in, "inquirer=Марія", "surname=Шевченко", "relation=aunt", NULL);
	assert_int_equal(family_inquiry_add(f->r, &in, &res, &f->err), PL_EINPUT);
	assert_int_equal(res.field, IF_RELATION);
	fam_input(&in, "inquirer=Марія", "surname=Шевченко", "last_seen_date=2999-01-01", NULL);
	assert_int_equal(family_inquiry_add(f->r, &in, &res, &f->err), PL_EINPUT);
	assert_int_equal(res.field, IF_LAST_SEEN_DATE);
	/* Contradictory consent: sharing with the ICRC without tracing. */
	fam_input(&in, "inquirer=Марія", "surname=Шевченко", "consent_share_icrc=written 2025-03-01", NULL);
	assert_int_equal(family_inquiry_add(f->r, &in, &res, &f->err), PL_EINPUT);
	assert_string_equal(f->err.code, "family.share_without_tracing");
	assert_contains(f->err.msg, "contradictory consent");
	fam_input(&in, "inquirer=Марія", "surname=Шевченко", "consent_tracing=pigeon", NULL);
	assert_int_equal(family_inquiry_add(f->r, &in, &res, &f->err), PL_EINPUT);
	assert_string_equal(f->err.code, "family.form");
	assert_int_equal(count(f, "inquiry"), 0);
	assert_int_equal(count(f, "inquiry_consent"), 0);
	assert_int_equal(count(f, "person"), persons);
	assert_int_equal(count(f, "audit"), entries);
}

static void test_a_ref_is_recorded_once(void **state)
{
	fixture *f = *state;
	person p = fx_person("Бойко", "Тарас", "1980-05-01");
	fx_add(f, &p);
	inquiry_input in;
	fam_input(&in, "ref=HQ-2025-0042", "inquirer=Ганна Бойко", NULL);
	in.f[IF_PERSON] = p.uid;
	inquiry_result a, b;
	assert_ok(family_inquiry_add(f->r, &in, &a, &f->err), &f->err);
	assert_false(a.skipped);
	assert_ok(family_inquiry_add(f->r, &in, &b, &f->err), &f->err);
	assert_true(b.skipped);
	assert_string_equal(b.uid, a.uid);
	assert_int_equal(count(f, "inquiry"), 1);
}

static void test_lists_json_and_the_access_log(void **state)
{
	fixture *f = *state;
	inquiry_result first, second;
	fam_first(f, &first);
	person p = fx_person("Бойко", "Тарас", "1980-05-01");
	fx_add(f, &p);
	inquiry_input in;
	fam_input(&in, "inquirer=Ганна Бойко", "email=hanna@example.org", NULL);
	in.f[IF_PERSON] = p.uid;
	assert_ok(family_inquiry_add(f->r, &in, &second, &f->err), &f->err);
	assert_ok(family_inquiry_set_status(f->r, second.uid, "closed", "found in a hospital", &f->err), &f->err);
	inquiry_query q = INQUIRY_QUERY_INIT;
	inquiry_page pg;
	assert_ok(family_inquiry_list(f->r, &q, &f->a, &pg, &f->err), &f->err);
	assert_int_equal(pg.total, 2);
	assert_string_equal(pg.rows[0].uid, second.uid); /* newest first */
	assert_string_equal(pg.rows[1].who.surname, "Шевченко");
	q.status = "open";
	assert_ok(family_inquiry_list(f->r, &q, &f->a, &pg, &f->err), &f->err);
	assert_int_equal(pg.total, 1);
	assert_string_equal(pg.rows[0].uid, first.uid);
	assert_int_equal(pg.rows[0].consents_in_force, (1u << CP_TRACING) | (1u << CP_SHARE_ICRC));
	q.status = "open,bogus";
	assert_int_equal(family_inquiry_list(f->r, &q, &f->a, &pg, &f->err), PL_EUSAGE);
	q.status = NULL;
	q.person = p.uid;
	assert_ok(family_inquiry_list(f->r, &q, &f->a, &pg, &f->err), &f->err);
	assert_int_equal(pg.total, 1);
	assert_string_equal(pg.rows[0].close_reason, "found in a hospital");
	assert_int_equal(pg.rows[0].status, IQ_CLOSED);
	/* Contacts only for those who may see them. */
	json_t *with = inquiry_json(&pg.rows[0], true), *without = inquiry_json(&pg.rows[0], false);
	assert_string_equal(json_string_value(json_object_get(with, "email")), "hanna@example.org");
	assert_null(json_object_get(without, "email"));
	assert_null(json_object_get(without, "phone"));
	assert_null(json_object_get(without, "address"));
	assert_true(json_is_true(json_object_get(without, "contacts_withheld")));
	assert_string_equal(json_string_value(json_object_get(without, "inquirer")), "Ганна Бойко");
	json_decref(with);
	json_decref(without);
	assert_ok(family_log_reads(f->r, pg.rows, pg.n, "show", &f->err), &f->err);
	char sql[256];
	snprintf(sql, sizeof(sql), "SELECT count(*) FROM access_log WHERE person_uid = '%s' AND detail = 'inquiry %s'",
	         p.uid, second.uid);
	assert_int_equal(fx_scalar(f, sql), 1);
}

static void test_statuses_move_forward_only(void **state)
{
	fixture *f = *state;
	inquiry_result res;
	fam_first(f, &res);
	assert_int_equal(family_inquiry_set_status(f->r, res.uid, "closed", NULL, &f->err), PL_EINPUT);
	assert_string_equal(f->err.code, "family.close_reason");
	assert_int_equal(family_inquiry_set_status(f->r, res.uid, "open", NULL, &f->err), PL_ECONFLICT);
	assert_ok(family_inquiry_set_status(f->r, res.uid, "answered", NULL, &f->err), &f->err);
	assert_ok(family_inquiry_set_status(f->r, res.uid, "closed", "returned home", &f->err), &f->err);
	assert_int_equal(family_inquiry_set_status(f->r, res.uid, "answered", NULL, &f->err), PL_ECONFLICT);
	assert_string_equal(f->err.code, "family.status_move");
	assert_int_equal(family_inquiry_set_status(f->r, "QNOPE00000", "closed", "x", &f->err), PL_ENOTFOUND);
	assert_int_equal(fx_scalar(f, "SELECT count(*) FROM audit WHERE action = 'status'"), 2);
	fam_chain_intact(f);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_a_first_inquiry_records_the_person_as_missing, fam_setup, fixture_teardown),
		cmocka_unit_test_setup_teardown(test_a_repeated_inquiry_in_russian_finds_the_same_person, fam_setup, fixture_teardown),
		cmocka_unit_test_setup_teardown(test_a_given_person_is_linked_as_given, fam_setup, fixture_teardown),
		cmocka_unit_test_setup_teardown(test_a_likely_match_is_for_a_person_to_settle, fam_setup, fixture_teardown),
		cmocka_unit_test_setup_teardown(test_missing_parts_are_refused_and_nothing_is_written, fam_setup, fixture_teardown),
		cmocka_unit_test_setup_teardown(test_a_ref_is_recorded_once, fam_setup, fixture_teardown),
		cmocka_unit_test_setup_teardown(test_lists_json_and_the_access_log, fam_setup, fixture_teardown),
		cmocka_unit_test_setup_teardown(test_statuses_move_forward_only, fam_setup, fixture_teardown),
	};
	return cmocka_run_group_tests_name("family inquiry", tests, NULL, NULL);
}
