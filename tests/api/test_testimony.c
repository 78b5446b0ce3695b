/* Testimonies over the API, against the real server: a returnee names
 * three people in mixed scripts (one by surname and unit only), the
 * registrar reviews and accepts, no status changes, and the
 * proof-of-captivity report lists the one the other side never
 * acknowledged with the testimony as evidence, and not the two it did;
 * bad input refused by field with nothing written; a medical officer and
 * a mediator refused. */
#include "harness.h"

#include "demo/demo.h"

static int setup(void **state)
{
	if(fx_setup(state))
		return -1;
	pl_err err = {0};
	store *st;
	assert_ok(store_open(&st, fx->db, "test:testimony", 0, &err), &err);
	char path[4300];
	snprintf(path, sizeof(path), "%s/testimony-demo.json", fx->dir);
	FILE *f = fopen(path, "wb");
	assert_non_null(f);
	demo_opts o = {.persons = 1000, .seed = 7, .format = FORMAT_JSON}; /* the harness has its first 60 */
	assert_ok(registry_demo_generate(f, &o, &err), &err);
	assert_int_equal(fclose(f), 0);
	const char *paths[] = {path};
	import_opts io = {0};
	import_report rep;
	assert_ok(registry_import(st, paths, 1, &io, &rep, &err), &err);
	import_report_free(&rep);
	store_close(st);
	return 0;
}

static void add_person(const char *body, const char *ev, char uid[UID_SIZE])
{
	resp r;
	assert_status(post_json(ROLE_REGISTRAR, "/api/persons", body, &r), 201);
	snprintf(uid, UID_SIZE, "%s", str_at(r.json, "id"));
	resp_free(&r);
	if(!ev)
		return;
	char path[128];
	snprintf(path, sizeof(path), "/api/persons/%s/events", uid);
	assert_status(post_json(ROLE_REGISTRAR, path, ev, &r), 201);
	resp_free(&r);
}

static const char *status_of(const char *uid, char *out, size_t size)
{
	char path[128];
	snprintf(path, sizeof(path), "/api/persons/%s", uid);
	resp r;
	assert_status(get(ROLE_REGISTRAR, path, &r), 200);
	snprintf(out, size, "%s", str_at(r.json, "status") ? str_at(r.json, "status") : "?");
	resp_free(&r);
	return out;
}

static long long count(const char *path)
{
	resp r;
	assert_status(get(ROLE_REGISTRAR, path, &r), 200);
	long long n = int_at(r.json, "total");
	resp_free(&r);
	return n;
}

/* The sighting said with this surname, from a testimony's JSON. */
static json_t *said(json_t *t, const char *surname)
{
	return find(json_object_get(t, "sightings"), "surname", surname);
}

static void accept_as(const char *sighting_uid, const char *who, const char *confidence)
{
	char path[128], body[200];
	snprintf(path, sizeof(path), "/api/sightings/%s/accept", sighting_uid);
	snprintf(body, sizeof(body), "{\"person\":\"%s\",\"confidence\":\"%s\"}", who, confidence);
	resp r;
	assert_status(post_json(ROLE_REGISTRAR, path, body, &r), 200);
	assert_string_equal(str_at(r.json, "status"), "accepted");
	resp_free(&r);
}

static void three_in_mixed_scripts_to_the_proof_report(void **state)
{
	(void)state;
	char returnee[UID_SIZE], held1[UID_SIZE], held2[UID_SIZE], lost[UID_SIZE], st[3][32], now[32];
	add_person("{\"surname\":\"Поплавський\",\"given_names\":\"Євген\",\"birth_date\":\"1985-02-02\"}", NULL, returnee);
	add_person("{\"surname\":\"Кравчук\",\"given_names\":\"Назар\",\"birth_date\":\"1994-04-04\"}",
	       "{\"type\":\"capture_card\",\"date\":\"2025-05-01\",\"source\":\"counterpart_list\"}", held1);
	add_person("{\"surname\":\"Мельничук\",\"given_names\":\"Андрій\",\"birth_date\":\"1993-06-06\"}",
	       "{\"type\":\"mediator_visit\",\"date\":\"2025-06-01\",\"source\":\"icrc_visit\"}", held2);
	add_person("{\"surname\":\"Шевчук\",\"given_names\":\"Тарас\",\"birth_date\":\"1991-01-01\",\"unit\":\"в/ч А1302\"}",
	       "{\"type\":\"capture\",\"date\":\"2025-04-10\",\"source\":\"own_records\"}", lost);
	status_of(held1, st[0], sizeof(st[0]));
	status_of(held2, st[1], sizeof(st[1]));
	status_of(lost, st[2], sizeof(st[2]));
	char body[1500];
	snprintf(body, sizeof(body),
	         "{\"returnee\":\"%s\",\"taken_on\":\"2025-10-20\",\"taken_at\":\"Чернігів\",\"sightings\":["
	         "{\"surname\":\"Кравчук\",\"given_names\":\"Назар\",\"place\":\"Оленівка\",\"date\":\"2025-09\","
	         "\"condition\":\"alive\"},"
	         "{\"surname\":\"Melnychuk\",\"given_names\":\"Andrii\",\"place\":\"Olenivka\",\"condition\":\"wounded\"},"
	         "{\"surname\":\"Шевчук\",\"unit\":\"А1302\",\"place\":\"Оленівка\",\"date\":\"2025-09-14\","
	         "\"condition\":\"alive\"},"
	         "{\"nickname\":\"Грізлі\"}]}",
	         returnee);
	/* deny by default: a medical officer may not take one */
	resp r;
	assert_status(post_json(ROLE_MEDICAL, "/api/testimonies", body, &r), 403);
	resp_free(&r);
	assert_status(post_json(ROLE_REGISTRAR, "/api/testimonies", body, &r), 201);
	char testimony[UID_SIZE];
	snprintf(testimony, sizeof(testimony), "%s", str_at(r.json, "id"));
	json_t *t = json_incref(r.json);
	resp_free(&r);
	assert_int_equal(int_at(t, "in_review"), 4);
	json_t *k = said(t, "Кравчук"), *m = said(t, "Melnychuk"), *s = said(t, "Шевчук");
	assert_non_null(k);
	assert_non_null(m);
	assert_non_null(s);
	assert_string_equal(str_at(json_array_get(json_object_get(k, "candidates"), 0), "id"), held1);
	assert_string_equal(str_at(json_array_get(json_object_get(m, "candidates"), 0), "id"), held2);
	assert_string_equal(str_at(json_array_get(json_object_get(s, "candidates"), 0), "id"), lost);
	json_t *g = find(json_object_get(t, "sightings"), "nickname", "Грізлі");
	assert_int_equal(json_array_size(json_object_get(g, "candidates")), 0);
	assert_string_equal(str_at(g, "why_none"), "testimony.why_nickname");
	/* the review queue shows them, with the returnee */
	assert_int_equal(count("/api/sightings"), 4);
	accept_as(str_at(k, "id"), held1, "high");
	accept_as(str_at(m, "id"), held2, "medium");
	accept_as(str_at(s, "id"), lost, "high");
	accept_as(str_at(s, "id"), lost, "high"); /* again: nothing doubled */
	char path[160];
	snprintf(path, sizeof(path), "/api/sightings/%s/reject", str_at(g, "id"));
	assert_status(post_json(ROLE_REGISTRAR, path, "{\"not_in_registry\":true}", &r), 200);
	resp_free(&r);
	assert_int_equal(count("/api/sightings"), 0);
	assert_int_equal(count("/api/sightings?status=accepted"), 3);
	assert_string_equal(status_of(held1, now, sizeof(now)), st[0]);
	assert_string_equal(status_of(held2, now, sizeof(now)), st[1]);
	assert_string_equal(status_of(lost, now, sizeof(now)), st[2]);
	json_decref(t);
	/* the report */
	assert_status(get(ROLE_MEDIATOR, "/api/proof-of-captivity", &r), 403);
	resp_free(&r);
	assert_status(get(ROLE_NEGOTIATOR, "/api/proof-of-captivity", &r), 200);
	json_t *rows = json_object_get(r.json, "rows");
	json_t *found = NULL;
	size_t i;
	json_t *row;
	json_array_foreach(rows, i, row) {
		const char *id = str_at(json_object_get(row, "person"), "id");
		assert_string_not_equal(id, held1);
		assert_string_not_equal(id, held2);
		if(!strcmp(id, lost))
			found = row;
	}
	assert_non_null(found);
	json_t *ev = find(json_object_get(found, "evidence"), "source", "testimony");
	assert_non_null(ev);
	assert_string_equal(str_at(json_object_get(ev, "testimony"), "id"), testimony);
	assert_string_equal(str_at(json_object_get(ev, "testimony"), "returnee"), returnee);
	assert_string_equal(str_at(json_object_get(ev, "testimony"), "confidence"), "high");
	assert_string_equal(str_at(ev, "date"), "2025-09-14");
	resp_free(&r);
	assert_true(fx_read_logged(lost, "negotiator", "proof of captivity"));
	assert_status(get(ROLE_AUDITOR, "/api/proof-of-captivity?format=csv", &r), 200);
	char type[80];
	assert_non_null(resp_header(&r, "Content-Type", type, sizeof(type)));
	assert_contains(type, "text/csv");
	resp_free(&r);
	assert_status(get(ROLE_AUDITOR, "/api/proof-of-captivity?format=pdf", &r), 400);
	resp_free(&r);
}

static void bad_input_is_refused_by_field(void **state)
{
	(void)state;
	char returnee[UID_SIZE];
	add_person("{\"surname\":\"Бойко\",\"given_names\":\"Роман\"}", NULL, returnee);
	long long before = count("/api/testimonies");
	char body[600];
	snprintf(body, sizeof(body),
	         "{\"returnee\":\"%s\",\"taken_on\":\"2025-10-20\",\"sightings\":[{\"surname\":\"Шевчук\"},"
	         "{\"surname\":\"Кравчук\",\"condition\":\"asleep\"}]}", returnee);
	resp r;
	assert_status(post_json(ROLE_FAMILY_LIAISON, "/api/testimonies", body, &r), 422);
	assert_string_equal(str_at(json_object_get(r.json, "error"), "field"), "sightings[2].condition");
	resp_free(&r);
	snprintf(body, sizeof(body), "{\"returnee\":\"%s\",\"taken_on\":\"2025-10-20\",\"sightings\":[]}", returnee);
	assert_status(post_json(ROLE_FAMILY_LIAISON, "/api/testimonies", body, &r), 422);
	assert_string_equal(str_at(json_object_get(r.json, "error"), "field"), "sightings");
	resp_free(&r);
	snprintf(body, sizeof(body), "{\"returnee\":\"%s\",\"sightings\":[{\"surname\":\"Шевчук\"}]}", returnee);
	assert_status(post_json(ROLE_FAMILY_LIAISON, "/api/testimonies", body, &r), 422);
	assert_string_equal(str_at(json_object_get(r.json, "error"), "field"), "taken_on");
	resp_free(&r);
	snprintf(body, sizeof(body),
	         "{\"returnee\":\"%s\",\"taken_on\":\"2025-10-20\",\"sightings\":[{\"surname\":\"Шевчук\",\"eyes\":\"1\"}]}",
	         returnee);
	assert_status(post_json(ROLE_FAMILY_LIAISON, "/api/testimonies", body, &r), 422);
	resp_free(&r);
	assert_int_equal(count("/api/testimonies"), before);
	assert_status(post_json(ROLE_REGISTRAR, "/api/sightings/WNONE0000000000000/accept",
	                        "{\"person\":\"PNONE\",\"confidence\":\"high\"}", &r), 404);
	resp_free(&r);
}

static void a_file_all_or_nothing(void **state)
{
	(void)state;
	char returnee[UID_SIZE], file[4300], text[600];
	add_person("{\"surname\":\"Ткачук\",\"given_names\":\"Олег\"}", NULL, returnee);
	snprintf(file, sizeof(file), "%s/testimonies.csv", fx->dir);
	snprintf(text, sizeof(text),
	         "ref,returnee,taken_on,surname,given_names,place,condition\n"
	         "DEB-1,%s,2025-10-20,Шевчук,Тарас,Оленівка,alive\n"
	         "DEB-1,,,Кравчук,,Оленівка,asleep\n", returnee);
	tu_write(file, text);
	long long before = count("/api/testimonies");
	resp r;
	assert_status(call(fx, &(rq){.method = "POST", .path = "/api/testimonies/import",
	                             .bearer = fx_token(fx, ROLE_REGISTRAR), .upload = {file, "testimonies.csv"}},
	                   &r), 422);
	json_t *problems = json_object_get(json_object_get(r.json, "error"), "problems");
	assert_int_equal(json_array_size(problems), 1);
	assert_contains(json_string_value(json_array_get(problems, 0)), "testimonies.csv:3: column 'condition'");
	/* coded, so that the page says it in the user's language */
	json_t *coded = json_array_get(json_object_get(json_object_get(r.json, "error"), "problem_codes"), 0);
	assert_non_null(json_string_value(json_object_get(coded, "message_code")));
	assert_contains(str_at(coded, "context"), "testimonies.csv:3");
	resp_free(&r);
	assert_int_equal(count("/api/testimonies"), before);
	snprintf(text, sizeof(text),
	         "ref,returnee,taken_on,surname,given_names,place,condition\n"
	         "DEB-1,%s,2025-10-20,Шевчук,Тарас,Оленівка,alive\n"
	         "DEB-1,,,Кравчук,,Оленівка,ill\n", returnee);
	tu_write(file, text);
	assert_status(call(fx, &(rq){.method = "POST", .path = "/api/testimonies/import",
	                             .bearer = fx_token(fx, ROLE_FAMILY_LIAISON), .upload = {file, "testimonies.csv"}},
	                   &r), 200);
	assert_int_equal(int_at(r.json, "created"), 1);
	assert_int_equal(int_at(r.json, "sightings"), 2);
	/* each testimony of the file, for the page to link to it and its review */
	json_t *made = json_array_get(json_object_get(r.json, "testimonies"), 0);
	assert_int_equal(json_array_size(json_object_get(r.json, "testimonies")), 1);
	assert_string_equal(str_at(made, "ref"), "DEB-1");
	assert_int_equal(int_at(made, "sightings"), 2);
	assert_false(json_is_true(json_object_get(made, "skipped")));
	char id[UID_SIZE];
	snprintf(id, sizeof(id), "%s", str_at(made, "id"));
	assert_true(id[0] == 'D');
	resp_free(&r);
	assert_int_equal(count("/api/testimonies"), before + 1);
	/* the same file again: skipped, naming the testimony recorded before */
	assert_status(call(fx, &(rq){.method = "POST", .path = "/api/testimonies/import",
	                             .bearer = fx_token(fx, ROLE_FAMILY_LIAISON), .upload = {file, "testimonies.csv"}},
	                   &r), 200);
	assert_int_equal(int_at(r.json, "created"), 0);
	assert_int_equal(int_at(r.json, "skipped"), 1);
	made = json_array_get(json_object_get(r.json, "testimonies"), 0);
	assert_true(json_is_true(json_object_get(made, "skipped")));
	assert_string_equal(str_at(made, "id"), id);
	resp_free(&r);
	assert_int_equal(count("/api/testimonies"), before + 1);
	assert_status(call(fx, &(rq){.method = "POST", .path = "/api/testimonies/import",
	                             .bearer = fx_token(fx, ROLE_MEDICAL), .upload = {file, "testimonies.csv"}},
	                   &r), 403);
	resp_free(&r);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(three_in_mixed_scripts_to_the_proof_report),
		cmocka_unit_test(bad_input_is_refused_by_field),
		cmocka_unit_test(a_file_all_or_nothing),
	};
	return cmocka_run_group_tests_name("api testimony", tests, setup, fx_teardown);
}
