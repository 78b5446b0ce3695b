/* Reconciliation over the API: a list uploaded in Russian forms finds the
 * registry's Ukrainian record; a decision on a row is kept and applied to
 * the next upload; duplicates are found; bad input is refused. */
#include "harness.h"

static const char *list_file(const char *name, const char *text)
{
	static char path[4400];
	tu_path(path, sizeof(path), fx->dir, name);
	tu_write(path, text);
	return path;
}

static json_t *row_of(json_t *doc, int line)
{
	size_t i;
	json_t *row;
	json_array_foreach(json_object_get(doc, "rows"), i, row)
		if(json_integer_value(json_object_get(row, "line")) == line)
			return row;
	return NULL;
}

static void a_list_against_the_registry(void **state)
{
	(void)state;
	const char *path = list_file("their.csv",
	                             "surname,given_names,patronymic,birth_date\n"
	                             "Шевченко,Александр,Петрович,1990-05-17\n"
	                             "Неизвестный,Иван,Иванович,1950-01-01\n");
	resp r;
	assert_status(call(fx, &(rq){.method = "POST", .path = "/api/reconcile?threshold=0.9",
	                             .bearer = fx_token(fx, ROLE_NEGOTIATOR), .upload = {path, "their.csv"}},
	                   &r), 200);
	json_t *row = row_of(r.json, 2);
	assert_non_null(row);
	assert_string_equal(json_string_value(json_object_get(row, "outcome")), "matched");
	assert_string_equal(json_string_value(json_object_get(row, "person")), fx->person);
	json_t *given = json_object_get(json_object_get(row, "fields"), "given_names");
	assert_string_equal(json_string_value(json_object_get(given, "level")), "equivalent");
	assert_string_equal(json_string_value(json_object_get(row_of(r.json, 3), "outcome")), "unmatched");
	/* Each row once: the outcomes add up to the rows. */
	json_t *sum = json_object_get(r.json, "summary");
	long long outcomes = 0;
	static const char *const kinds[] = {"matched", "review", "duplicate", "unmatched"};
	for(int k = 0; k < 4; k++) {
		assert_non_null(json_object_get(sum, kinds[k]));
		outcomes += json_integer_value(json_object_get(sum, kinds[k]));
	}
	assert_int_equal(outcomes, json_integer_value(json_object_get(sum, "list_rows")));
	char hash[64];
	snprintf(hash, sizeof(hash), "%s", json_string_value(json_object_get(row_of(r.json, 3), "row")));
	assert_int_equal(strlen(hash), 32);
	resp_free(&r);

	/* Someone who knows better: row 3 is our person after all. */
	char body[256];
	snprintf(body, sizeof(body), "{\"row\":\"%s\",\"person\":\"%s\",\"decision\":\"confirm\"}", hash,
	         fx->person);
	assert_status(call(fx, &(rq){.method = "POST", .path = "/api/reconcile/decisions",
	                             .bearer = fx_token(fx, ROLE_REGISTRAR), .body = body}, &r), 201);
	resp_free(&r);
	assert_status(call(fx, &(rq){.method = "POST", .path = "/api/reconcile",
	                             .bearer = fx_token(fx, ROLE_AUDITOR), .upload = {path, "their.csv"}},
	                   &r), 200);
	row = row_of(r.json, 3);
	assert_string_equal(json_string_value(json_object_get(row, "outcome")), "matched");
	assert_true(json_is_true(json_object_get(row, "decided")));
	/* One to one: row 2 lost the person to the confirmed row. */
	assert_string_not_equal(json_string_value(json_object_get(row_of(r.json, 2), "outcome")), "matched");
	resp_free(&r);
	/* The auditor may look but not decide. */
	assert_status(call(fx, &(rq){.method = "POST", .path = "/api/reconcile/decisions",
	                             .bearer = fx_token(fx, ROLE_AUDITOR), .body = body}, &r), 403);
	resp_free(&r);
	/* The decision is in the audit log. */
	assert_status(call(fx, &(rq){.method = "GET", .path = "/api/audit?actor=registrar&limit=1",
	                             .bearer = fx_token(fx, ROLE_AUDITOR)}, &r), 200);
	json_t *e = json_array_get(json_object_get(r.json, "entries"), 0);
	assert_string_equal(json_string_value(json_object_get(e, "entity")), "match_decision");
	resp_free(&r);
}

static void bad_lists_and_decisions(void **state)
{
	(void)state;
	const char *tok = fx_token(fx, ROLE_REGISTRAR);
	resp r;
	/* no name column: refused at its line; a column that is no field is
	 * left out and said in the warnings, coded for the UI */
	const char *bad = list_file("bad.csv", "shoe_size,birth_date\n44,1990\n");
	assert_status(call(fx, &(rq){.method = "POST", .path = "/api/reconcile", .bearer = tok,
	                             .upload = {bad, "bad.csv"}}, &r), 422);
	assert_contains(buf_str(&r.body), "bad.csv:1: no name column");
	resp_free(&r);
	const char *extra = list_file("extra.csv", "surname,shoe_size\nA,44\n");
	assert_status(call(fx, &(rq){.method = "POST", .path = "/api/reconcile", .bearer = tok,
	                             .upload = {extra, "extra.csv"}}, &r), 200);
	json_t *w = json_array_get(json_object_get(r.json, "warnings"), 0);
	assert_string_equal(str_at(w, "message_code"), "match.columns_left_out");
	assert_string_equal(json_string_value(json_object_get(json_object_get(w, "args"), "columns")), "'shoe_size'");
	resp_free(&r);
	/* A JSON list is said to be one, with what to do, coded for the UI. */
	const char *json = list_file("list.jsonl", "{\"surname\": \"Шевченко\"}\n");
	assert_status(call(fx, &(rq){.method = "POST", .path = "/api/reconcile", .bearer = tok,
	                             .upload = {json, "list.jsonl"}}, &r), 422);
	assert_string_equal(str_at(json_object_get(r.json, "error"), "message_code"), "match.json_list");
	assert_contains(buf_str(&r.body), "Save it as CSV");
	resp_free(&r);
	assert_status(call(fx, &(rq){.method = "POST", .path = "/api/reconcile?threshold=2", .bearer = tok,
	                             .upload = {bad, "bad.csv"}}, &r), 400);
	resp_free(&r);
	static const struct {
		const char *body;
		long status;
		const char *says;
	} cases[] = {
		{"{\"row\":\"nothex\",\"person\":\"P0\",\"decision\":\"confirm\"}", 422, "32 hex"},
		{"{\"row\":\"0123456789abcdef0123456789abcdef\",\"person\":\"P0000000000000000\","
		 "\"decision\":\"confirm\"}", 404, "P0000000000000000"},
		{"{\"row\":\"0123456789abcdef0123456789abcdef\",\"decision\":\"confirm\"}", 422, "person"},
		{"{\"row\":\"0123456789abcdef0123456789abcdef\",\"person\":\"P1\",\"decision\":\"maybe\"}", 422,
		 "confirm or reject"},
		{"{\"row\":1}", 422, "expected a string"},
		{"{\"row\":\"a\",\"colour\":\"red\"}", 422, "colour"},
	};
	report rep = {0};
	for(size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		long st = call(fx, &(rq){.method = "POST", .path = "/api/reconcile/decisions", .bearer = tok,
		                         .body = cases[i].body}, &r);
		if(st != cases[i].status || !strstr(buf_str(&r.body), cases[i].says))
			report_add(&rep, "%s: %ld %s\n", cases[i].body, st, buf_str(&r.body));
		resp_free(&r);
	}
	report_check(&rep, (int)(sizeof(cases) / sizeof(cases[0])));
}

static void duplicates_in_the_registry(void **state)
{
	(void)state;
	const char *tok = fx_token(fx, ROLE_REGISTRAR);
	resp r;
	/* The same man entered again from a Latin capture card. */
	assert_status(call(fx, &(rq){.method = "POST", .path = "/api/persons", .bearer = tok,
	                             .body = "{\"surname_latin\":\"Shevchenko\",\"given_names_latin\":"
	                                     "\"Oleksandr\",\"patronymic_latin\":\"Petrovych\","
	                                     "\"birth_date\":\"1990-05-17\"}"}, &r), 201);
	char again[UID_SIZE];
	snprintf(again, sizeof(again), "%s", json_string_value(json_object_get(r.json, "id")));
	resp_free(&r);
	assert_status(call(fx, &(rq){.method = "GET", .path = "/api/dedupe", .bearer = tok}, &r), 200);
	size_t i;
	json_t *cl;
	bool found = false;
	json_array_foreach(json_object_get(r.json, "clusters"), i, cl) {
		const char *a = json_string_value(json_array_get(json_object_get(cl, "persons"), 0));
		const char *b = json_string_value(json_array_get(json_object_get(cl, "persons"), 1));
		found |= (!strcmp(a, fx->person) && !strcmp(b, again)) || (!strcmp(b, fx->person) && !strcmp(a, again));
	}
	assert_true(found);
	resp_free(&r);
	assert_status(call(fx, &(rq){.method = "GET", .path = "/api/dedupe?review=0", .bearer = tok}, &r), 400);
	resp_free(&r);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(a_list_against_the_registry),
		cmocka_unit_test(bad_lists_and_decisions),
		cmocka_unit_test(duplicates_in_the_registry),
	};
	return cmocka_run_group_tests_name("api/reconcile", tests, fx_setup, fx_teardown);
}
