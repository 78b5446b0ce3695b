/* Persons: fields, adding, reading, updating, external ids, audit. */
#include "fixture.h"

#include "audit/audit.h"

static void test_field_clean_checks_each_kind(void **state)
{
	fixture *f = *state;
	pdate today = {2025, 6, 1};
	const char *why;
	const field_def *birth = &person_fields[PF_BIRTH_DATE];
	assert_string_equal(field_clean(birth, " 1990-04 ", today, &f->a, &why), "1990-04");
	assert_null(field_clean(birth, "1990-13", today, &f->a, &why));
	assert_contains(why, "month");
	assert_null(field_clean(birth, "2025-06-02", today, &f->a, &why));
	assert_contains(why, "future");
	assert_null(field_clean(birth, "", today, &f->a, &why));
	assert_null(why); /* empty is unknown, not an error */
	/* as offices write them, kept in the one form */
	assert_string_equal(field_clean(birth, "12.03.1990", today, &f->a, &why), "1990-03-12");
	assert_string_equal(field_clean(birth, "03.1990 р.", today, &f->a, &why), "1990-03");
	assert_null(field_clean(birth, "12.03.90", today, &f->a, &why));
	assert_contains(why, "two-digit year");
	/* sex as lists write it: the field's own value, pointing into its table */
	const field_def *sex = &person_fields[PF_SEX];
	static const char *const males[] = {"male", "Male", "M", "ч", "Ч.", "Чоловіча", "муж", "мужской"};
	for(size_t i = 0; i < sizeof(males) / sizeof(*males); i++) {
		const char *v = field_clean(sex, males[i], today, &f->a, &why);
		if(!v || strcmp(v, "male"))
			fail_msg("'%s' read as %s (%s)", males[i], v ? v : "nothing", why ? why : "");
		assert_ptr_equal(v, sex->values[0]);
	}
	assert_string_equal(field_clean(sex, "ж", today, &f->a, &why), "female");
	assert_string_equal(field_clean(sex, "Жіноча", today, &f->a, &why), "female");
	assert_null(field_clean(sex, "x", today, &f->a, &why));
	assert_contains(why, "not one of the allowed values");
	/* a word for a value the field does not have is no value of it */
	assert_null(field_clean(&person_fields[PF_MEDICAL], "ч", today, &f->a, &why));
	assert_non_null(why);

	const field_def *party = &person_fields[PF_PARTY];
	assert_string_equal(field_clean(party, "ua", today, &f->a, &why), "UA");
	/* the countries of this work by name */
	assert_string_equal(field_clean(party, "Ukraine", today, &f->a, &why), "UA");
	assert_string_equal(field_clean(party, "Російська Федерація", today, &f->a, &why), "RU");
	assert_string_equal(field_clean(party, "Р.Ф.", today, &f->a, &why), "RU");
	assert_string_equal(field_clean(&person_fields[PF_HOME_COUNTRY], "Україна", today, &f->a, &why), "UA");
	assert_null(field_clean(party, "Ukrainia", today, &f->a, &why));
	assert_non_null(why);

	const field_def *med = &person_fields[PF_MEDICAL];
	assert_string_equal(field_clean(med, "severely_wounded", today, &f->a, &why), "severely_wounded");
	assert_null(field_clean(med, "Severely wounded", today, &f->a, &why));
	assert_non_null(why);

	const field_def *name = &person_fields[PF_SURNAME];
	assert_null(field_clean(name, "Шев\nченко", today, &f->a, &why));
	assert_contains(why, "line breaks");
	assert_null(field_clean(name, "\xC3\x28", today, &f->a, &why));
	assert_contains(why, "UTF-8");
	char longname[600];
	memset(longname, 'a', sizeof(longname) - 1);
	longname[sizeof(longname) - 1] = '\0';
	assert_null(field_clean(name, longname, today, &f->a, &why));
	assert_contains(why, "longer");
	/* notes may span lines */
	assert_non_null(field_clean(&event_fields[EF_NOTE], "line one\nline two", today, &f->a, &why));
	/* so may address lines; a country is an assigned ISO 3166-1 code */
	assert_string_equal(field_clean(&person_fields[PF_HOME_ADDRESS], " вул. Садова 3\nкв. 12 ", today,
	                                &f->a, &why), "вул. Садова 3\nкв. 12");
	const field_def *country = &person_fields[PF_HOME_COUNTRY];
	assert_int_equal(country->kind, FK_COUNTRY);
	assert_string_equal(field_clean(country, "ua", today, &f->a, &why), "UA");
	assert_string_equal(field_clean(country, "ZW", today, &f->a, &why), "ZW");
	assert_string_equal(field_clean(&person_fields[PF_INFORM_COUNTRY], "AD", today, &f->a, &why), "AD");
	assert_null(field_clean(country, "XX", today, &f->a, &why)); /* not assigned */
	assert_contains(why, "ISO 3166-1 alpha-2");
	assert_null(field_clean(country, "UKR", today, &f->a, &why));
	assert_null(field_clean(country, "Нарнія", today, &f->a, &why)); /* Україна is UA: a name of this work */
	assert_non_null(why);
}

static void test_add_and_get_round_trip(void **state)
{
	fixture *f = *state;
	person p = fx_person("Шевченко", "Олександр", "1990-04-12");
	p.f[PF_PATRONYMIC] = "Петрович";
	p.f[PF_PARTY] = "UA";
	p.f[PF_HELD_BY] = "RU";
	p.f[PF_MEDICAL] = "wounded";
	p.f[PF_BRANCH] = "national_guard";
	p.ext[0] = (ext_id){"hq", "HQ-1"};
	p.next = 1;
	fx_add(f, &p);
	assert_int_equal(strlen(p.uid), UID_LEN);
	assert_int_equal(p.uid[0], 'P');

	person got;
	assert_ok(registry_person_get(f->r, p.uid, &f->a, &got, &f->err), &f->err);
	assert_string_equal(got.f[PF_SURNAME], "Шевченко");
	assert_string_equal(got.f[PF_PATRONYMIC], "Петрович");
	assert_string_equal(got.f[PF_MEDICAL], "wounded");
	assert_null(got.f[PF_SERVICE_NUMBER]);
	assert_int_equal(got.status, ST_MISSING);
	assert_int_equal(got.next, 1);
	assert_string_equal(got.ext[0].source, "hq");
	assert_string_equal(got.ext[0].id, "HQ-1");
}

static void test_get_by_unique_prefix(void **state)
{
	fixture *f = *state;
	person a = fx_person("Коваль", NULL, NULL);
	fx_add(f, &a);
	char prefix[8];
	snprintf(prefix, sizeof(prefix), "%.6s", a.uid);
	person got;
	assert_ok(registry_person_get(f->r, prefix, &f->a, &got, &f->err), &f->err);
	assert_string_equal(got.uid, a.uid);
	assert_int_equal(registry_person_get(f->r, "P12", &f->a, &got, &f->err), PL_ENOTFOUND);
	assert_int_equal(registry_person_get(f->r, "PZZZZZZZZZZZZZZZZ", &f->a, &got, &f->err), PL_ENOTFOUND);
	assert_contains(f->err.msg, "no person");
}

static void test_a_person_needs_some_identity(void **state)
{
	fixture *f = *state;
	person p = {0};
	p.f[PF_BIRTH_DATE] = "1990";
	p.f[PF_PARTY] = "UA";
	assert_int_equal(registry_person_add(f->r, &p, &f->err), PL_EINPUT);
	assert_contains(f->err.msg, "at least a name");
	person q = {0};
	q.f[PF_SERVICE_NUMBER] = "АВ123456";
	fx_add(f, &q);
	person e = {0};
	e.ext[0] = (ext_id){"icrc", "X-1"};
	e.next = 1;
	fx_add(f, &e);
}

static void test_values_are_checked_whoever_calls(void **state)
{
	fixture *f = *state;
	person p = fx_person(" Шевченко ", NULL, NULL);
	assert_int_equal(registry_person_add(f->r, &p, &f->err), PL_EINPUT);
	assert_contains(f->err.msg, "surname");
	person q = fx_person("Шевченко", NULL, "12.04.1990");
	assert_int_equal(registry_person_add(f->r, &q, &f->err), PL_EINPUT);
	assert_contains(f->err.msg, "birth_date");
	person r = fx_person("Шевченко", NULL, NULL);
	r.f[PF_MEDICAL] = "badly";
	assert_int_equal(registry_person_add(f->r, &r, &f->err), PL_EINPUT);
	person e = fx_person("Шевченко", NULL, NULL);
	e.ext[0] = (ext_id){"ICRC", "1"};
	e.next = 1;
	assert_int_equal(registry_person_add(f->r, &e, &f->err), PL_EINPUT);
	assert_contains(f->err.msg, "ext.ICRC: a source is made of");
	e.ext[0] = (ext_id){"icrc", " 1"};
	assert_int_equal(registry_person_add(f->r, &e, &f->err), PL_EINPUT);
	person c = fx_person("Шевченко", NULL, NULL);
	c.f[PF_INFORM_COUNTRY] = "ua"; /* stored as field_clean leaves it: UA */
	assert_int_equal(registry_person_add(f->r, &c, &f->err), PL_EINPUT);
	assert_contains(f->err.msg, "inform_country");
	assert_int_equal(fx_scalar(f, "SELECT count(*) FROM person"), 0);
	c.f[PF_INFORM_COUNTRY] = "UA";
	c.f[PF_HOME_ADDRESS] = "вул. Садова 3\nкв. 12";
	c.f[PF_HOME_LOCALITY] = "Ніжин";
	fx_add(f, &c);
	person got;
	assert_ok(registry_person_get(f->r, c.uid, &f->a, &got, &f->err), &f->err);
	assert_string_equal(got.f[PF_HOME_ADDRESS], "вул. Садова 3\nкв. 12");
	assert_string_equal(got.f[PF_HOME_LOCALITY], "Ніжин");
	assert_string_equal(got.f[PF_INFORM_COUNTRY], "UA");
}

static void test_cross_field_checks(void **state)
{
	fixture *f = *state;
	person p = fx_person("Бондар", "Іван", "1995-05-05");
	p.f[PF_CAPTURE_DATE] = "1994";
	assert_int_equal(registry_person_add(f->r, &p, &f->err), PL_EINPUT);
	assert_contains(f->err.msg, "capture_date 1994 is before birth_date 1995-05-05");
	/* A capture in the year of birth is possible when the birth is partial. */
	person q = fx_person("Бондар", "Іван", "1995");
	q.f[PF_CAPTURE_DATE] = "1995-12";
	fx_add(f, &q);
	person r = fx_person("Бондар", "Петро", NULL);
	r.f[PF_CONSENT_DATE] = "2024-01-01";
	assert_int_equal(registry_person_add(f->r, &r, &f->err), PL_EINPUT);
	assert_contains(f->err.msg, "consent_date");
}

static void test_update_changes_only_given_fields(void **state)
{
	fixture *f = *state;
	person p = fx_person("Мельник", "Андрій", "1988");
	p.f[PF_RANK] = "сержант";
	fx_add(f, &p);
	long long audits = fx_scalar(f, "SELECT count(*) FROM audit");

	person change = {0};
	change.f[PF_RANK] = "старший сержант";
	change.ext[0] = (ext_id){"icrc", "UA-77"};
	change.next = 1;
	bool clear[PF_COUNT] = {false};
	clear[PF_BIRTH_DATE] = true;
	assert_ok(registry_person_update(f->r, p.uid, &change, clear, &f->err), &f->err);
	person got;
	assert_ok(registry_person_get(f->r, p.uid, &f->a, &got, &f->err), &f->err);
	assert_string_equal(got.f[PF_RANK], "старший сержант");
	assert_string_equal(got.f[PF_SURNAME], "Мельник");
	assert_null(got.f[PF_BIRTH_DATE]);
	assert_int_equal(got.next, 1);
	assert_int_equal(fx_scalar(f, "SELECT count(*) FROM audit"), audits + 1);

	/* The audit entry holds exactly what changed, before and after. */
	assert_int_equal(fx_scalar(f, "SELECT count(*) FROM audit WHERE action = 'update' AND "
	                              "before = '{\"birth_date\":\"1988\",\"rank\":\"сержант\","
	                              "\"ext.icrc\":null}' AND after = '{\"birth_date\":null,"
	                              "\"rank\":\"старший сержант\",\"ext.icrc\":\"UA-77\"}'"), 1);

	/* The same update again changes nothing and writes nothing. */
	bool none[PF_COUNT] = {false};
	person same = {0};
	same.f[PF_RANK] = "старший сержант";
	assert_ok(registry_person_update(f->r, p.uid, &same, none, &f->err), &f->err);
	assert_int_equal(fx_scalar(f, "SELECT count(*) FROM audit"), audits + 1);
}

static void test_external_ids_are_unique_per_source(void **state)
{
	fixture *f = *state;
	person a = fx_person("Ткаченко", "Олег", NULL);
	a.ext[0] = (ext_id){"hq", "HQ-9"};
	a.next = 1;
	fx_add(f, &a);
	person b = fx_person("Ткаченко", "Ігор", NULL);
	b.ext[0] = (ext_id){"hq", "HQ-9"};
	b.next = 1;
	assert_int_equal(registry_person_add(f->r, &b, &f->err), PL_ECONFLICT);
	assert_contains(f->err.msg, "ext.hq 'HQ-9' already identifies another person");
	assert_int_equal(fx_scalar(f, "SELECT count(*) FROM person WHERE given_names = 'Ігор'"), 0);

	/* A second id from the same source is a conflict, not a silent change. */
	person change = {0};
	change.ext[0] = (ext_id){"hq", "HQ-10"};
	change.next = 1;
	assert_int_equal(registry_person_update(f->r, a.uid, &change, NULL, &f->err), PL_ECONFLICT);
	assert_contains(f->err.msg, "'HQ-9'");
}

static void test_given_uid_is_kept_and_checked(void **state)
{
	fixture *f = *state;
	person p = fx_person("Литвин", NULL, NULL);
	snprintf(p.uid, sizeof(p.uid), "%s", "P0123456789ABCDEF");
	fx_add(f, &p);
	person got;
	assert_ok(registry_person_get(f->r, "P0123456789ABCDEF", &f->a, &got, &f->err), &f->err);
	person bad = fx_person("Литвин", NULL, NULL);
	snprintf(bad.uid, sizeof(bad.uid), "%s", "P0123456789ABCDEI"); /* I is not base 32 */
	assert_int_equal(registry_person_add(f->r, &bad, &f->err), PL_EINPUT);
	person dup = fx_person("Литвин", NULL, NULL);
	snprintf(dup.uid, sizeof(dup.uid), "%s", "P0123456789ABCDEF");
	assert_int_equal(registry_person_add(f->r, &dup, &f->err), PL_ECONFLICT);
}

static void test_every_change_is_chained(void **state)
{
	fixture *f = *state;
	person p = fx_person("Кравчук", "Леонід", "1980");
	fx_add(f, &p);
	assert_ok(fx_event(f, p.uid, "capture", "2022-03-01", NULL), &f->err);
	audit_verify_report rep;
	assert_ok(audit_verify(f->r, &rep, &f->err), &f->err);
	assert_true(rep.entries >= 2);
	assert_int_equal(fx_scalar(f, "SELECT count(*) FROM audit WHERE action = 'create'"
	                              " AND entity_uid IN (SELECT uid FROM person WHERE surname = 'Кравчук')"), 1);
	assert_int_equal(fx_scalar(f, "SELECT count(*) FROM audit WHERE entity = 'event'"
	                              " AND after LIKE '%\"status_after\":\"captured\"%'"), 1);
}

static void test_reads_are_logged(void **state)
{
	fixture *f = *state;
	person p = fx_person("Лисенко", NULL, NULL);
	fx_add(f, &p);
	assert_ok(registry_log_access(f->r, p.uid, "show", &f->err), &f->err);
	char sql[200];
	snprintf(sql, sizeof(sql), "SELECT count(*) FROM access_log WHERE person_uid = '%s'"
	                           " AND actor = 'tester' AND action = 'show'", p.uid);
	assert_int_equal(fx_scalar(f, sql), 1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_field_clean_checks_each_kind, fixture_setup, fixture_teardown),
		cmocka_unit_test_setup_teardown(test_add_and_get_round_trip, fixture_setup, fixture_teardown),
		cmocka_unit_test_setup_teardown(test_get_by_unique_prefix, fixture_setup, fixture_teardown),
		cmocka_unit_test_setup_teardown(test_a_person_needs_some_identity, fixture_setup, fixture_teardown),
		cmocka_unit_test_setup_teardown(test_values_are_checked_whoever_calls, fixture_setup, fixture_teardown),
		cmocka_unit_test_setup_teardown(test_cross_field_checks, fixture_setup, fixture_teardown),
		cmocka_unit_test_setup_teardown(test_update_changes_only_given_fields, fixture_setup, fixture_teardown),
		cmocka_unit_test_setup_teardown(test_external_ids_are_unique_per_source, fixture_setup, fixture_teardown),
		cmocka_unit_test_setup_teardown(test_given_uid_is_kept_and_checked, fixture_setup, fixture_teardown),
		cmocka_unit_test_setup_teardown(test_every_change_is_chained, fixture_setup, fixture_teardown),
		cmocka_unit_test_setup_teardown(test_reads_are_logged, fixture_setup, fixture_teardown),
	};
	return cmocka_run_group_tests_name("person", tests, NULL, NULL);
}
