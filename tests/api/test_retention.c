/* Retention over the API: the admin sets a rule, a dry run lists what
 * would change and changes nothing, a run erases or pseudonymises with
 * audit entries. */
#include "harness.h"

#include "store/store.h"

static char closed[UID_SIZE];

/* A case closed in 2012, with medical details and a hospital's note, a
 * home address and the next of kin's. */
static void make_closed_case(void)
{
	store *st;
	pl_err err = {0};
	assert_ok(store_open(&st, fx->db, "test", 0, &err), &err);
	person p = {0};
	p.f[PF_SURNAME] = "Давній";
	p.f[PF_GIVEN_NAMES] = "Остап";
	p.f[PF_BIRTH_DATE] = "1979-11-02";
	p.f[PF_MEDICAL] = "wounded";
	p.f[PF_HOME_ADDRESS] = "вул. Садова 3";
	p.f[PF_HOME_LOCALITY] = "Ніжин";
	p.f[PF_HOME_REGION] = "Чернігівська область";
	p.f[PF_HOME_COUNTRY] = "UA";
	p.f[PF_INFORM] = "Давня Олена";
	p.f[PF_INFORM_LOCALITY] = "Ніжин";
	assert_ok(registry_person_add(st, &p, &err), &err);
	memcpy(closed, p.uid, UID_SIZE);
	static const char *const ev[][4] = {{"capture", "2010-01-01", NULL, NULL},
	                                    {"hospital_admission", "2011-01-01", "Hospital No. 9", "burns"},
	                                    {"released_otherwise", "2012-05-01", NULL, NULL}};
	for(int i = 0; i < 3; i++) {
		event e = {0};
		e.f[EF_TYPE] = ev[i][0];
		e.f[EF_DATE] = ev[i][1];
		e.f[EF_SOURCE] = "own_records";
		e.f[EF_PLACE] = ev[i][2];
		e.f[EF_NOTE] = ev[i][3];
		assert_ok(registry_event_add(st, p.uid, &e, &err), &err);
	}
	store_close(st);
}

static const char *medical_of(resp *r)
{
	char path[64];
	snprintf(path, sizeof(path), "/api/persons/%s", closed);
	assert_status(get(ROLE_MEDICAL, path, r), 200);
	return str_at(r->json, "medical");
}

static void dry_run_then_run(void **state)
{
	(void)state;
	make_closed_case();
	resp r;
	assert_status(call(fx, &(rq){.method = "PATCH", .path = "/api/retention/medical",
	                             .bearer = fx_token(fx, ROLE_ADMIN), .body = "{\"years\":5}"}, &r), 200);
	assert_int_equal(int_at(json_array_get(json_object_get(r.json, "rules"), 0), "years"), 5);
	resp_free(&r);
	assert_status(call(fx, &(rq){.method = "PATCH", .path = "/api/retention/contact",
	                             .bearer = fx_token(fx, ROLE_ADMIN), .body = "{\"years\":5}"}, &r), 422);
	assert_string_equal(str_at(json_object_get(r.json, "error"), "message_code"), "retention.kind");
	resp_free(&r);
	/* The dry run (the default) lists her two changes and changes nothing. */
	assert_status(post_json(ROLE_ADMIN, "/api/retention/run", "{}", &r), 200);
	assert_true(json_is_true(json_object_get(r.json, "dry_run")));
	long long would = int_at(r.json, "changes");
	json_t *shown = json_object_get(r.json, "shown"), *c;
	size_t i;
	int hers = 0;
	json_array_foreach(shown, i, c)
		hers += !strcmp(str_at(c, "person"), closed);
	assert_int_equal(hers, 2);
	resp_free(&r);
	resp pr;
	assert_string_equal(medical_of(&pr), "wounded");
	resp_free(&pr);
	/* The run: the same changes, made. */
	assert_status(post_json(ROLE_ADMIN, "/api/retention/run", "{\"dry_run\":false}", &r), 200);
	assert_false(json_is_true(json_object_get(r.json, "dry_run")));
	assert_int_equal(int_at(r.json, "changes"), would);
	resp_free(&r);
	assert_null(medical_of(&pr));
	resp_free(&pr);
	char path[96];
	snprintf(path, sizeof(path), "/api/audit?person=%s&action=retention", closed);
	assert_status(get(ROLE_AUDITOR, path, &r), 200);
	assert_int_equal(json_array_size(json_object_get(r.json, "entries")), 2);
	resp_free(&r);
	assert_status(post_json(ROLE_ADMIN, "/api/retention/run", "{}", &r), 200);
	assert_int_equal(int_at(r.json, "changes"), 0);
	resp_free(&r);
}

/* The identity rule: its action comes with the kind (erase refused), the
 * run pseudonymises, the person's answer says when and has no names, the
 * search by the old name finds nobody, and an edit cannot give it back. */
static void identity_pseudonymised(void **state)
{
	(void)state;
	make_closed_case();
	resp r;
	/* Only the identity rule this time. */
	assert_status(call(fx, &(rq){.method = "DELETE", .path = "/api/retention/medical",
	                             .bearer = fx_token(fx, ROLE_ADMIN)}, &r), 200);
	resp_free(&r);
	assert_status(call(fx, &(rq){.method = "PATCH", .path = "/api/retention/identity",
	                             .bearer = fx_token(fx, ROLE_ADMIN), .body = "{\"years\":5,\"action\":\"erase\"}"},
	                   &r), 422);
	assert_string_equal(str_at(json_object_get(r.json, "error"), "message_code"), "retention.action");
	resp_free(&r);
	assert_status(call(fx, &(rq){.method = "PATCH", .path = "/api/retention/identity",
	                             .bearer = fx_token(fx, ROLE_ADMIN), .body = "{\"years\":5}"}, &r), 200);
	assert_string_equal(str_at(json_object_get(r.json, "actions"), "identity"), "pseudonymise");
	assert_string_equal(str_at(json_array_get(json_object_get(r.json, "rules"), 0), "action"), "pseudonymise");
	resp_free(&r);
	assert_status(post_json(ROLE_ADMIN, "/api/retention/run", "{\"dry_run\":false}", &r), 200);
	/* Hers among the closed cases of the fixture and the first test. */
	json_t *shown = json_object_get(r.json, "shown"), *c;
	assert_int_equal(int_at(r.json, "changes"), (long long)json_array_size(shown));
	size_t i;
	int hers = 0;
	json_array_foreach(shown, i, c) {
		assert_string_equal(str_at(c, "action"), "pseudonymise");
		assert_non_null(strstr(str_at(c, "fields"), "surname"));
		hers += !strcmp(str_at(c, "person"), closed);
	}
	assert_int_equal(hers, 1);
	resp_free(&r);
	char path[96];
	snprintf(path, sizeof(path), "/api/persons/%s", closed);
	assert_status(get(ROLE_REGISTRAR, path, &r), 200);
	assert_null(str_at(r.json, "surname"));
	assert_null(str_at(r.json, "given_names"));
	assert_string_equal(str_at(r.json, "birth_date"), "1979");
	/* The home address goes to its country; the next of kin is the
	 * contacts rule's, which is not set. */
	assert_null(str_at(r.json, "home_address"));
	assert_null(str_at(r.json, "home_locality"));
	assert_null(str_at(r.json, "home_region"));
	assert_string_equal(str_at(r.json, "home_country"), "UA");
	assert_string_equal(str_at(r.json, "inform_locality"), "Ніжин");
	assert_string_equal(str_at(r.json, "status"), "released_otherwise");
	assert_non_null(str_at(r.json, "pseudonymised_at"));
	resp_free(&r);
	assert_status(get(ROLE_REGISTRAR, "/api/persons?q=%D0%94%D0%B0%D0%B2%D0%BD%D1%96%D0%B9", &r), 200);
	assert_int_equal(json_array_size(json_object_get(r.json, "persons")), 0);
	resp_free(&r);
	assert_status(call(fx, &(rq){.method = "PATCH", .path = path, .bearer = fx_token(fx, ROLE_REGISTRAR),
	                             .body = "{\"surname\":\"Давній\"}"}, &r), 409);
	assert_string_equal(str_at(json_object_get(r.json, "error"), "message_code"), "person.pseudonymised");
	resp_free(&r);
	assert_status(call(fx, &(rq){.method = "PATCH", .path = path, .bearer = fx_token(fx, ROLE_REGISTRAR),
	                             .body = "{\"home_locality\":\"Ніжин\"}"}, &r), 409);
	assert_string_equal(str_at(json_object_get(r.json, "error"), "message_code"), "person.pseudonymised");
	resp_free(&r);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(dry_run_then_run),
		cmocka_unit_test(identity_pseudonymised),
	};
	return cmocka_run_group_tests(tests, fx_setup, fx_teardown);
}
