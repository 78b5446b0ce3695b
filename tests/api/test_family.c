/* Families over the API, against the real server: an intake by the family
 * liaison, the same son asked about again in Russian linked to the same
 * person, the contacts seen only by the liaison and admin, a mediator and
 * a medical officer refused, every read in the access log, bad input
 * refused with the field and nothing written, consent withdrawn and kept,
 * a backlog file with a bad row in the middle refused whole. */
#include "harness.h"

#include "demo/demo.h"

/* 1,000 generated persons more, for the engine to learn from. */
static int setup(void **state)
{
	if(fx_setup(state))
		return -1;
	pl_err err = {0};
	store *st;
	assert_ok(store_open(&st, fx->db, "test:family", 0, &err), &err);
	char path[4300];
	snprintf(path, sizeof(path), "%s/family-demo.json", fx->dir);
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

static const char mother[] =
	"{\"inquirer\":\"Оксана Коваленко\",\"relation\":\"mother\",\"phone\":\"+380 67 555 0101\","
	"\"email\":\"oksana@example.org\",\"language\":\"uk\",\"surname\":\"Коваленко\","
	"\"given_names\":\"Андрій\",\"patronymic\":\"Миколайович\",\"birth_date\":\"1995-08-20\","
	"\"last_seen_date\":\"2025-01-15\",\"last_seen_place\":\"Курахове\",\"received\":\"2025-02-01\","
	"\"consents\":[{\"purpose\":\"tracing\",\"form\":\"oral\",\"date\":\"2025-02-01\"},"
	"{\"purpose\":\"share_icrc\",\"form\":\"oral\",\"date\":\"2025-02-01\"}]}";

static char first[UID_SIZE], son[UID_SIZE];

static long total(role ro, const char *query)
{
	char path[160];
	snprintf(path, sizeof(path), "/api/inquiries%s", query);
	resp r;
	assert_status(get(ro, path, &r), 200);
	long n = (long)int_at(r.json, "total");
	resp_free(&r);
	return n;
}

static void an_intake_then_the_same_son_in_russian(void **state)
{
	(void)state;
	resp r;
	assert_status(post_json(ROLE_FAMILY_LIAISON, "/api/inquiries", mother, &r), 201);
	snprintf(first, sizeof(first), "%s", str_at(r.json, "id"));
	snprintf(son, sizeof(son), "%s", str_at(r.json, "person"));
	assert_string_equal(str_at(r.json, "linked"), "new");
	assert_true(json_is_true(json_object_get(r.json, "person_created")));
	resp_free(&r);
	/* The intake's look-up as she is typed in again, in Russian. */
	assert_status(get(ROLE_FAMILY_LIAISON, "/api/inquiries/match?surname=%D0%9A%D0%BE%D0%B2%D0%B0%D0%BB%D0%B5%D0%BD%D0%BA%D0%BE"
	                  "&given_names=%D0%90%D0%BD%D0%B4%D1%80%D0%B5%D0%B9&birth_date=1995-08-20", &r), 200);
	assert_string_equal(str_at(json_object_get(r.json, "person"), "id"), son);
	resp_free(&r);
	/* A year later, in Russian: the same person, linked by the engine. */
	assert_status(post_json(ROLE_FAMILY_LIAISON, "/api/inquiries",
	                        "{\"inquirer\":\"Оксана Коваленко\",\"relation\":\"mother\",\"language\":\"ru\","
	                        "\"surname\":\"Коваленко\",\"given_names\":\"Андрей\",\"patronymic\":\"Николаевич\","
	                        "\"birth_date\":\"1995-08-20\",\"received\":\"2026-02-03\","
	                        "\"consents\":[{\"purpose\":\"tracing\",\"form\":\"written\"}]}", &r), 201);
	assert_string_equal(str_at(r.json, "linked"), "match");
	assert_string_equal(str_at(r.json, "person"), son);
	assert_true(json_real_value(json_object_get(r.json, "link_prob")) >= 0.9);
	resp_free(&r);
	char query[64];
	snprintf(query, sizeof(query), "?person=%s", son);
	assert_int_equal(total(ROLE_FAMILY_LIAISON, query), 2);
}

static void contacts_only_for_the_liaison_and_admin(void **state)
{
	(void)state;
	resp r;
	char path[80], detail[64];
	snprintf(path, sizeof(path), "/api/inquiries/%s", first);
	snprintf(detail, sizeof(detail), "inquiry %s", first);
	assert_status(get(ROLE_REGISTRAR, path, &r), 200);
	assert_null(json_object_get(r.json, "phone"));
	assert_null(json_object_get(r.json, "email"));
	assert_true(json_is_true(json_object_get(r.json, "contacts_withheld")));
	assert_string_equal(str_at(r.json, "inquirer"), "Оксана Коваленко");
	assert_int_equal(json_array_size(json_object_get(r.json, "consents")), 2);
	assert_int_equal(json_array_size(json_object_get(r.json, "other_inquiries")), 1);
	resp_free(&r);
	assert_true(fx_read_logged(son, "registrar", detail));
	assert_status(get(ROLE_AUDITOR, "/api/inquiries", &r), 200);
	assert_null(json_object_get(json_array_get(json_object_get(r.json, "inquiries"), 0), "phone"));
	resp_free(&r);
	assert_status(get(ROLE_FAMILY_LIAISON, path, &r), 200);
	assert_string_equal(str_at(r.json, "phone"), "+380 67 555 0101");
	resp_free(&r);
	assert_true(fx_read_logged(son, "family_liaison", detail));
	assert_status(get(ROLE_ADMIN, path, &r), 200);
	assert_string_equal(str_at(r.json, "email"), "oksana@example.org");
	resp_free(&r);
	/* Deny by default: the mediator and the medical officer read no inquiry. */
	assert_status(get(ROLE_MEDIATOR, path, &r), 403);
	resp_free(&r);
	assert_status(get(ROLE_MEDICAL, "/api/inquiries", &r), 403);
	resp_free(&r);
	/* A registrar reads, never writes. */
	assert_status(post_json(ROLE_REGISTRAR, "/api/inquiries", mother, &r), 403);
	resp_free(&r);
	/* The liaison reads persons, never their medical details. */
	snprintf(path, sizeof(path), "/api/persons/%s", fx->person);
	assert_status(get(ROLE_FAMILY_LIAISON, path, &r), 200);
	assert_true(json_is_null(json_object_get(r.json, "medical")) || !json_object_get(r.json, "medical"));
	resp_free(&r);
}

static void bad_input_is_refused_with_its_field(void **state)
{
	(void)state;
	resp r;
	long before = total(ROLE_FAMILY_LIAISON, "");
	assert_status(post_json(ROLE_FAMILY_LIAISON, "/api/inquiries", "{\"surname\":\"Бондар\"}", &r), 422);
	assert_string_equal(str_at(json_object_get(r.json, "error"), "field"), "inquirer");
	assert_string_equal(str_at(json_object_get(r.json, "error"), "message_code"), "family.no_inquirer");
	resp_free(&r);
	assert_status(post_json(ROLE_FAMILY_LIAISON, "/api/inquiries", "{\"inquirer\":\"Ірина\"}", &r), 422);
	assert_string_equal(str_at(json_object_get(r.json, "error"), "field"), "surname");
	resp_free(&r);
	assert_status(post_json(ROLE_FAMILY_LIAISON, "/api/inquiries",
	                        "{\"inquirer\":\"Ірина\",\"surname\":\"Бондар\",\"email\":\"nope\"}", &r), 422);
	assert_string_equal(str_at(json_object_get(r.json, "error"), "field"), "email");
	resp_free(&r);
	assert_status(post_json(ROLE_FAMILY_LIAISON, "/api/inquiries",
	                        "{\"inquirer\":\"Ірина\",\"surname\":\"Бондар\",\"consents\":"
	                        "[{\"purpose\":\"share_other_party\",\"form\":\"oral\"}]}", &r), 422);
	assert_string_equal(str_at(json_object_get(r.json, "error"), "message_code"), "family.share_without_tracing");
	resp_free(&r);
	assert_status(post_json(ROLE_FAMILY_LIAISON, "/api/inquiries", "{\"inquirer\":\"Ірина\",\"nickname\":\"x\"}", &r),
	              422);
	resp_free(&r);
	/* Likely the son, not surely: 409 naming him; given, linked. */
	assert_status(post_json(ROLE_FAMILY_LIAISON, "/api/inquiries",
	                        "{\"inquirer\":\"Ірина\",\"surname\":\"Коваленко\",\"given_names\":\"Андрій\","
	                        "\"birth_date\":\"1996\"}", &r), 409);
	assert_string_equal(str_at(json_object_get(r.json, "error"), "message_code"), "family.likely_match");
	assert_string_equal(str_at(json_object_get(json_object_get(r.json, "error"), "args"), "person"), son);
	resp_free(&r);
	assert_int_equal(total(ROLE_FAMILY_LIAISON, ""), before);
}

static void consent_is_withdrawn_and_kept(void **state)
{
	(void)state;
	resp r;
	char path[96];
	snprintf(path, sizeof(path), "/api/inquiries/%s/withdrawals", first);
	assert_status(post_json(ROLE_FAMILY_LIAISON, path, "{\"purpose\":\"share_icrc\",\"date\":\"2024-12-01\"}", &r),
	              422);
	assert_string_equal(str_at(json_object_get(r.json, "error"), "message_code"), "family.withdraw_before");
	assert_string_equal(str_at(json_object_get(r.json, "error"), "field"), "date");
	resp_free(&r);
	assert_status(post_json(ROLE_FAMILY_LIAISON, path, "{\"purpose\":\"share_icrc\",\"date\":\"2025-05-01\"}", &r),
	              200);
	json_t *c = find(json_object_get(r.json, "consents"), "purpose", "share_icrc");
	assert_non_null(c);
	assert_string_equal(str_at(c, "withdrawn"), "2025-05-01");
	assert_string_equal(str_at(c, "given"), "2025-02-01");
	assert_int_equal(json_array_size(json_object_get(r.json, "consents_in_force")), 1);
	resp_free(&r);
	snprintf(path, sizeof(path), "/api/inquiries/%s/status", first);
	assert_status(post_json(ROLE_FAMILY_LIAISON, path, "{\"status\":\"closed\"}", &r), 422);
	assert_string_equal(str_at(json_object_get(r.json, "error"), "field"), "reason");
	resp_free(&r);
	assert_status(post_json(ROLE_FAMILY_LIAISON, path, "{\"status\":\"answered\"}", &r), 200);
	assert_string_equal(str_at(r.json, "status"), "answered");
	resp_free(&r);
}

static void a_backlog_with_a_bad_row_is_refused_whole(void **state)
{
	(void)state;
	char file[4400];
	tu_path(file, sizeof(file), fx->dir, "backlog.csv");
	tu_write(file, "ref,inquirer,surname,given_names,birth_date,consent_tracing\n"
	               "B-1,Тетяна Лисенко,Лисенко,Роман,1993-04-04,written 2025-03-01\n"
	               "B-2,Галина Бойко,Бойко,Ігор,1991-13-01,oral\n"
	               "B-3,Петро Гнатюк,Гнатюк,Василь,1989,written\n");
	long before = total(ROLE_FAMILY_LIAISON, "");
	resp r;
	assert_status(call(fx, &(rq){.method = "POST", .path = "/api/inquiries/import",
	                             .bearer = fx_token(fx, ROLE_FAMILY_LIAISON), .upload = {file, "backlog.csv"}},
	                   &r), 422);
	json_t *problems = json_object_get(json_object_get(r.json, "error"), "problems");
	assert_int_equal(json_array_size(problems), 1);
	assert_contains(json_string_value(json_array_get(problems, 0)), "backlog.csv:3: column 'birth_date'");
	resp_free(&r);
	assert_int_equal(total(ROLE_FAMILY_LIAISON, ""), before);
	tu_write(file, "ref,inquirer,surname,given_names,birth_date,consent_tracing\n"
	               "B-1,Тетяна Лисенко,Лисенко,Роман,1993-04-04,written 2025-03-01\n"
	               "B-3,Петро Гнатюк,Гнатюк,Василь,1989,written\n");
	assert_status(call(fx, &(rq){.method = "POST", .path = "/api/inquiries/import",
	                             .bearer = fx_token(fx, ROLE_FAMILY_LIAISON), .upload = {file, "backlog.csv"}},
	                   &r), 200);
	assert_int_equal(int_at(r.json, "created"), 2);
	/* each row answered, in the file's order, for the page to link to */
	json_t *rows = json_object_get(r.json, "inquiries");
	assert_int_equal(json_array_size(rows), 2);
	json_t *row1 = json_array_get(rows, 0);
	assert_string_equal(str_at(row1, "ref"), "B-1");
	assert_int_equal(int_at(row1, "line"), 2);
	assert_true(str_at(row1, "id")[0] == 'Q');
	assert_true(str_at(row1, "person")[0] == 'P');
	assert_true(json_is_false(json_object_get(row1, "skipped")));
	assert_string_equal(str_at(json_array_get(rows, 1), "ref"), "B-3");
	char one[64];
	snprintf(one, sizeof(one), "/api/inquiries/%s", str_at(row1, "id"));
	resp_free(&r);
	assert_status(get(ROLE_FAMILY_LIAISON, one, &r), 200);
	assert_string_equal(str_at(r.json, "ref"), "B-1");
	resp_free(&r);
	assert_int_equal(total(ROLE_FAMILY_LIAISON, ""), before + 2);
	/* the same file again: nothing new, each row named as recorded before */
	assert_status(call(fx, &(rq){.method = "POST", .path = "/api/inquiries/import",
	                             .bearer = fx_token(fx, ROLE_FAMILY_LIAISON), .upload = {file, "backlog.csv"}},
	                   &r), 200);
	assert_int_equal(int_at(r.json, "created"), 0);
	assert_int_equal(int_at(r.json, "skipped"), 2);
	row1 = json_array_get(json_object_get(r.json, "inquiries"), 0);
	assert_true(json_is_true(json_object_get(row1, "skipped")));
	assert_string_equal(str_at(row1, "id"), one + strlen("/api/inquiries/"));
	assert_true(json_is_null(json_object_get(row1, "person")));
	resp_free(&r);
	assert_int_equal(total(ROLE_FAMILY_LIAISON, ""), before + 2);
	/* deny by default: a registrar may not import a backlog */
	assert_status(call(fx, &(rq){.method = "POST", .path = "/api/inquiries/import",
	                             .bearer = fx_token(fx, ROLE_REGISTRAR), .upload = {file, "backlog.csv"}},
	                   &r), 403);
	resp_free(&r);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(an_intake_then_the_same_son_in_russian),
		cmocka_unit_test(contacts_only_for_the_liaison_and_admin),
		cmocka_unit_test(bad_input_is_refused_with_its_field),
		cmocka_unit_test(consent_is_withdrawn_and_kept),
		cmocka_unit_test(a_backlog_with_a_bad_row_is_refused_whole),
	};
	return cmocka_run_group_tests_name("api/family", tests, setup, fx_teardown);
}
