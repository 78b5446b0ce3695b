/* Remains over the API, against the real server: a cases file with bad
 * rows refused with every problem, then imported; a case by tag and by
 * id; custody in date order; a fragment; identification, preliminary then
 * confirmed, recorded on the person; a case sent back; batches with
 * declared against received. */
#include "harness.h"

#include "remains/remains.h"

static char missing[UID_SIZE];  /* a person missing, whose remains come back */
static char batch_uid[UID_SIZE];

static int setup(void **state)
{
	if(fx_setup(state))
		return -1;
	pl_err err = {0};
	store *st;
	assert_ok(store_open(&st, fx->db, "test:remains", 0, &err), &err);
	person p = {0};
	p.f[PF_SURNAME] = "Мельник";
	p.f[PF_GIVEN_NAMES] = "Василь";
	p.f[PF_BIRTH_DATE] = "1988-01-09";
	p.f[PF_PARTY] = "UA";
	assert_ok(registry_person_add(st, &p, &err), &err);
	memcpy(missing, p.uid, UID_SIZE);
	remains_batch b = {.label = "RU-UA-2025-06-11", .from_party = "RU", .to_party = "UA",
	                   .handover_date = "2025-06-11", .declared = 5};
	assert_ok(remains_batch_add(st, &b, &err), &err);
	memcpy(batch_uid, b.uid, UID_SIZE);
	store_close(st);
	return 0;
}

static long post(const char *path, const char *body, resp *r)
{
	return post_json(ROLE_IDENTIFICATION, path, body, r);
}

static long upload(const char *name, const char *text, resp *r)
{
	char path[4400];
	tu_path(path, sizeof(path), fx->dir, name);
	tu_write(path, text);
	return call(fx, &(rq){.method = "POST", .path = "/api/remains/import",
	                      .bearer = fx_token(fx, ROLE_IDENTIFICATION), .upload = {path, name}}, r);
}

static const char head[] = "tag,batch,condition,recovery_date,holder,custody_since\n";

static void a_cases_file_is_imported_whole_or_not_at_all(void **state)
{
	(void)state;
	resp r;
	char text[1024];
	snprintf(text, sizeof(text), "%s"
	         "UA-2025-06-11-0001,RU-UA-2025-06-11,skeletal,2024-05,Бюро СМЕ,2025-06-12\n"
	         "UA-2025-06-11-0002,RU-UA-2025-06-11,burnt,2024,Бюро СМЕ,2025-06-12\n"
	         "UA-2025-06-11-0003,RU-UA-2025-06-11,complete,2024,Бюро СМЕ,\n", head);
	assert_status(upload("cases.csv", text, &r), 422);
	json_t *problems = json_object_get(json_object_get(r.json, "error"), "problems");
	assert_int_equal(json_array_size(problems), 2);
	assert_contains(json_string_value(json_array_get(problems, 0)), "cases.csv:3: column 'condition'");
	assert_contains(json_string_value(json_array_get(problems, 1)), "cases.csv:4:");
	/* The same problems by code, for the UI to say in the user's language. */
	json_t *codes = json_object_get(json_object_get(r.json, "error"), "problem_codes");
	assert_int_equal(json_array_size(codes), 2);
	json_t *c = json_array_get(codes, 0);
	assert_string_equal(str_at(c, "context"), "cases.csv:3: ");
	assert_string_equal(str_at(c, "message_code"), "import.column_invalid_enum");
	assert_string_equal(str_at(json_object_get(c, "args"), "column"), "condition");
	assert_string_equal(str_at(json_object_get(c, "args"), "value"), "burnt");
	/* A refusal of the row's values together, in the column it is about. */
	c = json_array_get(codes, 1);
	assert_string_equal(str_at(c, "context"), "cases.csv:4: ");
	assert_string_equal(str_at(c, "message_code"), "remains.column_said");
	assert_string_equal(str_at(json_object_get(c, "args"), "column"), "custody_since");
	assert_string_equal(str_at(json_object_get(c, "args"), "said"), "remains.since_with_holder");
	resp_free(&r);
	/* A header the importer does not know. */
	assert_status(upload("cases.csv", "tag,condtion\nUA-1,skeletal\n", &r), 422);
	c = json_array_get(json_object_get(json_object_get(r.json, "error"), "problem_codes"), 0);
	assert_string_equal(str_at(c, "message_code"), "remains.column_near");
	assert_string_equal(str_at(json_object_get(c, "args"), "near"), "condition");
	resp_free(&r);
	assert_status(get(ROLE_AUDITOR, "/api/remains", &r), 200);
	assert_int_equal(int_at(r.json, "total"), 0);
	resp_free(&r);

	snprintf(text, sizeof(text), "%s"
	         "UA-2025-06-11-0001,RU-UA-2025-06-11,skeletal,2024-05,Бюро СМЕ,2025-06-12\n"
	         "UA-2025-06-11-0002,RU-UA-2025-06-11,commingled,2024,Бюро СМЕ,2025-06-12\n"
	         "UA 2025/06/11 №3,RU-UA-2025-06-11,complete,2024,Бюро СМЕ,2025-06-12\n", head);
	assert_status(upload("cases.csv", text, &r), 200);
	assert_int_equal(int_at(r.json, "created"), 3);
	assert_int_equal(int_at(r.json, "custody_added"), 3);
	resp_free(&r);
	/* Again: nothing changes. */
	assert_status(upload("cases.csv", text, &r), 200);
	assert_int_equal(int_at(r.json, "unchanged"), 3);
	resp_free(&r);

	assert_status(get(ROLE_ADMIN, "/api/remains?batch=RU-UA-2025-06-11&condition=skeletal,commingled", &r),
	              200);
	assert_int_equal(int_at(r.json, "total"), 2);
	resp_free(&r);
	assert_status(get(ROLE_ADMIN, "/api/remains?status=lost", &r), 400);
	assert_contains(buf_str(&r.body), "lost");
	assert_string_equal(str_at(json_object_get(r.json, "error"), "message_code"), "remains.no_value");
	resp_free(&r);
	assert_status(get(ROLE_ADMIN, "/api/remains?shape=round", &r), 400);
	resp_free(&r);
}

static void a_case_by_tag_or_by_id(void **state)
{
	(void)state;
	resp r;
	assert_status(get(ROLE_AUDITOR, "/api/remains?tag=%E2%84%963", &r), 200);
	json_t *c = json_array_get(json_object_get(r.json, "cases"), 0);
	char id[UID_SIZE];
	snprintf(id, sizeof(id), "%s", str_at(c, "id"));
	resp_free(&r);
	/* A tag with characters a path cannot hold is reached by its id. */
	char path[128];
	snprintf(path, sizeof(path), "/api/remains/%s", id);
	assert_status(get(ROLE_AUDITOR, path, &r), 200);
	assert_string_equal(str_at(r.json, "tag"), "UA 2025/06/11 №3");
	assert_int_equal(json_array_size(json_object_get(r.json, "custody")), 1);
	resp_free(&r);
	assert_status(get(ROLE_AUDITOR, "/api/remains/UA-2025-06-11-0001", &r), 200);
	assert_string_equal(str_at(r.json, "condition"), "skeletal");
	resp_free(&r);
	assert_status(get(ROLE_AUDITOR, "/api/remains/UA-0000", &r), 404);
	resp_free(&r);
}

static void custody_fragments_and_identification(void **state)
{
	(void)state;
	resp r;
	const char *base = "/api/remains/UA-2025-06-11-0001";
	char path[128], body[256];
	snprintf(path, sizeof(path), "%s/custody", base);
	assert_status(post(path, "{\"holder\":\"Морг\",\"since\":\"2025-06-01\"}", &r), 409);
	/* By code, with the dates the UI writes into its own sentence. */
	assert_string_equal(str_at(json_object_get(r.json, "error"), "message_code"), "remains.custody_order");
	assert_string_equal(str_at(json_object_get(json_object_get(r.json, "error"), "args"), "since"),
	                    "2025-06-01");
	resp_free(&r);
	assert_status(post(path, "{\"holder\":\"Морг\"}", &r), 422);
	assert_contains(buf_str(&r.body), "since");
	resp_free(&r);
	assert_status(post(path, "{\"holder\":\"Київське бюро СМЕ\",\"since\":\"2025-06-20\"}", &r), 201);
	resp_free(&r);

	snprintf(path, sizeof(path), "%s/fragments", base);
	snprintf(body, sizeof(body), "{\"label\":\"A\",\"person\":\"%s\",\"description\":\"left femur\"}", missing);
	assert_status(post(path, body, &r), 200);
	assert_string_equal(str_at(r.json, "result"), "created");
	resp_free(&r);

	snprintf(path, sizeof(path), "%s/identify", base);
	assert_status(post(path, "{\"confirm\":true}", &r), 422);
	assert_string_equal(str_at(json_object_get(r.json, "error"), "field"), "person");
	resp_free(&r);
	/* A living person's remains cannot be identified. */
	snprintf(body, sizeof(body), "{\"person\":\"%s\"}", fx->person);
	long st = post(path, body, &r);
	assert_true(st == 409 || st == 422);
	resp_free(&r);
	snprintf(body, sizeof(body), "{\"person\":\"%s\"}", missing);
	assert_status(post(path, body, &r), 200);
	assert_string_equal(str_at(r.json, "status_after"), "preliminary");
	resp_free(&r);
	snprintf(body, sizeof(body), "{\"person\":\"%s\",\"confirm\":true}", missing);
	assert_status(post(path, body, &r), 200);
	assert_string_equal(str_at(r.json, "status_after"), "confirmed");
	assert_int_equal(int_at(r.json, "events_added"), 2);
	resp_free(&r);
	/* Recorded on the person. */
	snprintf(path, sizeof(path), "/api/persons/%s", missing);
	assert_status(get(ROLE_IDENTIFICATION, path, &r), 200);
	assert_string_equal(str_at(r.json, "status"), "identified");
	resp_free(&r);
	/* Confirmed is final. */
	snprintf(path, sizeof(path), "%s/withdraw", base);
	assert_status(call(fx, &(rq){.method = "POST", .path = path,
	                             .bearer = fx_token(fx, ROLE_IDENTIFICATION)}, &r), 409);
	resp_free(&r);
	/* The case shown: its person read, in the access log. */
	assert_status(get(ROLE_ADMIN, base, &r), 200);
	assert_string_equal(str_at(r.json, "person"), missing);
	assert_int_equal(json_array_size(json_object_get(r.json, "custody")), 2);
	assert_int_equal(json_array_size(json_object_get(r.json, "fragments")), 1);
	resp_free(&r);
	snprintf(path, sizeof(path), "/api/access?person=%s&actor=admin", missing);
	assert_status(get(ROLE_AUDITOR, path, &r), 200);
	assert_true(json_array_size(json_object_get(r.json, "entries")) >= 1);
	resp_free(&r);

	/* Another case belongs to the other side: sent back. */
	assert_status(post("/api/remains/UA-2025-06-11-0002/return", "{\"to\":\"Ruritania\",\"date\":\"2025-07-01\"}", &r),
	              422);
	assert_string_equal(str_at(json_object_get(r.json, "error"), "field"), "to");
	resp_free(&r);
	assert_status(post("/api/remains/UA-2025-06-11-0002/return",
	                   "{\"to\":\"RU\",\"date\":\"2025-07-01\",\"note\":\"a Russian service number\"}", &r), 200);
	assert_string_equal(str_at(r.json, "status_after"), "returned");
	resp_free(&r);
	assert_status(post("/api/remains/UA-2025-06-11-0002/custody",
	                   "{\"holder\":\"Морг\",\"since\":\"2025-07-02\"}", &r), 409);
	assert_string_equal(str_at(json_object_get(r.json, "error"), "message_code"), "remains.custody_closed");
	resp_free(&r);
}

static void batches_declared_against_received(void **state)
{
	(void)state;
	resp r;
	assert_status(get(ROLE_AUDITOR, "/api/remains/batches", &r), 200);
	json_t *b = json_array_get(json_object_get(r.json, "batches"), 0);
	assert_string_equal(str_at(b, "label"), "RU-UA-2025-06-11");
	assert_int_equal(int_at(b, "declared"), 5);
	assert_int_equal(int_at(b, "received"), 3);
	assert_int_equal(int_at(json_object_get(b, "by_status"), "confirmed"), 1);
	assert_int_equal(int_at(json_object_get(b, "by_status"), "returned"), 1);
	resp_free(&r);
	char path[128];
	snprintf(path, sizeof(path), "/api/remains/batches/%s?limit=2", batch_uid);
	assert_status(get(ROLE_AUDITOR, path, &r), 200);
	assert_string_equal(str_at(r.json, "label"), "RU-UA-2025-06-11");
	assert_int_equal(json_array_size(json_object_get(json_object_get(r.json, "cases"), "cases")), 2);
	assert_int_equal(int_at(json_object_get(r.json, "cases"), "total"), 3);
	resp_free(&r);
	assert_status(get(ROLE_AUDITOR, "/api/remains/batches/RU-UA-2025-06-11", &r), 200);
	resp_free(&r);
	assert_status(get(ROLE_AUDITOR, "/api/remains/batches/none", &r), 404);
	resp_free(&r);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(a_cases_file_is_imported_whole_or_not_at_all),
		cmocka_unit_test(a_case_by_tag_or_by_id),
		cmocka_unit_test(custody_fragments_and_identification),
		cmocka_unit_test(batches_declared_against_received),
	};
	return cmocka_run_group_tests_name("api/remains", tests, setup, fx_teardown);
}
