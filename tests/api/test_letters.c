/* Letters to families over the API, against the real server: the liaison
 * renders a mother's acknowledgement in Ukrainian and sends it; a notice of
 * return is refused before the return, then sent and closes the watch's
 * task; a template edit with a bad placeholder is refused at its line and
 * column, a good one kept with its history, and the sent letter keeps its
 * text; the registrar is refused; every letter read is in the access log;
 * the office's name for the letterhead is the admin's (set, audited, on
 * the letters; refused to others and when it is not one line), and the
 * admin may edit the templates as the liaison does. */
#include "harness.h"

static char son[UID_SIZE], inquiry[UID_SIZE], first_letter[UID_SIZE];

static const char mother[] =
	"{\"inquirer\":\"Оксана Коваленко\",\"relation\":\"mother\",\"phone\":\"+380 67 555 0101\","
	"\"address\":\"вул. Садова 5, Полтава\",\"email\":\"oksana.k@example.org\",\"language\":\"uk\",\"surname\":\"Коваленко\","
	"\"given_names\":\"Андрій\",\"patronymic\":\"Миколайович\",\"birth_date\":\"1995-08-20\","
	"\"last_seen_date\":\"2025-01-15\",\"received\":\"2025-02-01\",\"new_person\":true,"
	"\"consents\":[{\"purpose\":\"tracing\",\"form\":\"oral\",\"date\":\"2025-02-01\"}]}";

static void body_of(char *out, size_t size, const char *kind, const char *extra)
{
	snprintf(out, size, "{\"inquiry\":\"%s\",\"kind\":\"%s\"%s}", inquiry, kind, extra);
}

static void the_liaison_renders_and_sends_an_acknowledgement(void **state)
{
	(void)state;
	resp r;
	assert_status(post_json(ROLE_FAMILY_LIAISON, "/api/inquiries", mother, &r), 201);
	snprintf(son, sizeof(son), "%s", str_at(r.json, "person"));
	snprintf(inquiry, sizeof(inquiry), "%s", str_at(r.json, "id"));
	resp_free(&r);
	char body[400];
	body_of(body, sizeof(body), "acknowledgement", "");
	assert_status(post_json(ROLE_FAMILY_LIAISON, "/api/letters/render", body, &r), 200);
	assert_string_equal(str_at(r.json, "lang"), "uk");
	assert_string_equal(str_at(r.json, "address"), "вул. Садова 5, Полтава");
	assert_non_null(strstr(str_at(r.json, "body"), "Шановна Оксана Коваленко!"));
	assert_non_null(strstr(str_at(r.json, "body"), "від 1 лютого 2025 р."));
	assert_true(json_is_null(json_object_get(r.json, "id"))); /* not sent */
	resp_free(&r);
	/* in English, on request */
	body_of(body, sizeof(body), "acknowledgement", ",\"lang\":\"en\"");
	assert_status(post_json(ROLE_FAMILY_LIAISON, "/api/letters/render", body, &r), 200);
	assert_non_null(strstr(str_at(r.json, "body"), "your inquiry of 1 February 2025"));
	resp_free(&r);
	body_of(body, sizeof(body), "acknowledgement", ",\"how\":\"post\"");
	assert_status(post_json(ROLE_FAMILY_LIAISON, "/api/letters", body, &r), 201);
	snprintf(first_letter, sizeof(first_letter), "%s", str_at(r.json, "id"));
	assert_true(first_letter[0] == 'L');
	assert_string_equal(str_at(r.json, "how"), "post");
	assert_string_equal(str_at(r.json, "sent_by"), "family_liaison");
	resp_free(&r);
	/* an acknowledgement leaves the inquiry open */
	char path[200];
	snprintf(path, sizeof(path), "/api/inquiries/%s", inquiry);
	assert_status(get(ROLE_FAMILY_LIAISON, path, &r), 200);
	assert_string_equal(str_at(r.json, "status"), "open");
	resp_free(&r);
	char detail[64];
	snprintf(detail, sizeof(detail), "letter %s", first_letter);
	assert_true(fx_read_logged(son, "family_liaison", detail));
}

static void the_registrar_is_refused(void **state)
{
	(void)state;
	resp r;
	char body[400], path[200];
	body_of(body, sizeof(body), "acknowledgement", "");
	assert_status(post_json(ROLE_REGISTRAR, "/api/letters/render", body, &r), 403);
	resp_free(&r);
	body_of(body, sizeof(body), "acknowledgement", ",\"how\":\"post\"");
	assert_status(post_json(ROLE_REGISTRAR, "/api/letters", body, &r), 403);
	resp_free(&r);
	snprintf(path, sizeof(path), "/api/letters/%s", first_letter);
	assert_status(get(ROLE_REGISTRAR, path, &r), 403);
	resp_free(&r);
	assert_status(post_json(ROLE_REGISTRAR, "/api/letters/templates/acknowledgement/uk", "{\"body\":\"x\"}", &r),
	              403);
	resp_free(&r);
	/* admin reads; only the liaison writes */
	assert_status(get(ROLE_ADMIN, path, &r), 200);
	resp_free(&r);
	assert_status(post_json(ROLE_ADMIN, "/api/letters", body, &r), 403);
	resp_free(&r);
}

static void a_notice_of_return_after_the_return_closes_the_task(void **state)
{
	(void)state;
	resp r;
	char body[400], path[200];
	body_of(body, sizeof(body), "return", "");
	assert_status(post_json(ROLE_FAMILY_LIAISON, "/api/letters/render", body, &r), 409);
	assert_string_equal(str_at(json_object_get(r.json, "error"), "code"), "conflict");
	assert_non_null(strstr(str_at(json_object_get(r.json, "error"), "message"), "is missing"));
	resp_free(&r);
	static const char *const steps[][2] = {{"capture", "2025-03-01"}, {"capture_card", "2025-03-10"},
	                                       {"listed", "2025-05-01"},  {"handed_over", "2025-06-02"},
	                                       {"repatriated", "2025-06-03"}};
	snprintf(path, sizeof(path), "/api/persons/%s/events", son);
	for(size_t i = 0; i < sizeof(steps) / sizeof(steps[0]); i++) {
		char ev[200];
		snprintf(ev, sizeof(ev), "{\"type\":\"%s\",\"date\":\"%s\",\"source\":\"own_records\"}", steps[i][0],
		         steps[i][1]);
		assert_status(post_json(ROLE_REGISTRAR, path, ev, &r), 201);
		resp_free(&r);
	}
	assert_status(post_json(ROLE_FAMILY_LIAISON, "/api/tasks/watch", NULL, &r), 200);
	resp_free(&r);
	snprintf(path, sizeof(path), "/api/tasks?status=open&person=%s", son);
	assert_status(get(ROLE_FAMILY_LIAISON, path, &r), 200);
	json_t *tasks = json_object_get(r.json, "tasks");
	assert_true(json_array_size(tasks) >= 1);
	char task[UID_SIZE];
	snprintf(task, sizeof(task), "%s", str_at(json_array_get(tasks, 0), "id"));
	resp_free(&r);
	char extra[200];
	snprintf(extra, sizeof(extra), ",\"how\":\"email\",\"date\":\"2025-06-05\",\"task\":\"%s\"", task);
	body_of(body, sizeof(body), "return", extra);
	assert_status(post_json(ROLE_FAMILY_LIAISON, "/api/letters", body, &r), 201);
	assert_non_null(strstr(str_at(r.json, "body"), "3 червня 2025 р. повернулася додому"));
	assert_string_equal(str_at(r.json, "task"), task);
	resp_free(&r);
	snprintf(path, sizeof(path), "/api/tasks/%s", task);
	assert_status(get(ROLE_FAMILY_LIAISON, path, &r), 200);
	assert_string_equal(str_at(r.json, "status"), "done");
	assert_string_equal(str_at(r.json, "told_how"), "letter");
	resp_free(&r);
	snprintf(path, sizeof(path), "/api/inquiries/%s", inquiry);
	assert_status(get(ROLE_FAMILY_LIAISON, path, &r), 200);
	assert_string_equal(str_at(r.json, "status"), "answered");
	resp_free(&r);
	snprintf(path, sizeof(path), "/api/letters?inquiry=%s", inquiry);
	assert_status(get(ROLE_FAMILY_LIAISON, path, &r), 200);
	assert_int_equal(json_array_size(json_object_get(r.json, "letters")), 2);
	resp_free(&r);
}

static void templates_are_checked_and_kept(void **state)
{
	(void)state;
	resp r;
	const char *p = "/api/letters/templates/acknowledgement/uk";
	assert_status(post_json(ROLE_FAMILY_LIAISON, p, "{\"body\":\"Шановна {inquirer}!\\n\\nЩодо {persn}.\"}", &r),
	              422);
	json_t *e = json_object_get(r.json, "error");
	assert_string_equal(str_at(e, "field"), "body");
	assert_non_null(strstr(str_at(e, "message"), "line 3, column 6"));
	resp_free(&r);
	assert_status(post_json(ROLE_FAMILY_LIAISON, p, "{\"body\":\"Шановна {inquirer}! Нова версія.\"}", &r), 200);
	assert_true(json_is_true(json_object_get(r.json, "custom")));
	assert_int_equal(json_array_size(json_object_get(r.json, "history")), 1);
	resp_free(&r);
	/* the letter sent before keeps its text */
	char path[200];
	snprintf(path, sizeof(path), "/api/letters/%s", first_letter);
	assert_status(get(ROLE_FAMILY_LIAISON, path, &r), 200);
	assert_non_null(strstr(str_at(r.json, "body"), "Шановна Оксана Коваленко!"));
	resp_free(&r);
	/* a draft previews without being saved */
	char body[400];
	body_of(body, sizeof(body), "acknowledgement", ",\"body\":\"Чернетка для {inquirer}\"");
	assert_status(post_json(ROLE_FAMILY_LIAISON, "/api/letters/render", body, &r), 200);
	assert_string_equal(str_at(r.json, "body"), "Чернетка для Оксана Коваленко");
	resp_free(&r);
	snprintf(path, sizeof(path), "%s/reset", p);
	assert_status(post_json(ROLE_FAMILY_LIAISON, path, NULL, &r), 200);
	assert_false(json_is_true(json_object_get(r.json, "custom")));
	assert_int_equal(json_array_size(json_object_get(r.json, "history")), 2);
	resp_free(&r);
	assert_status(get(ROLE_ADMIN, "/api/letters/templates", &r), 200);
	assert_int_equal(json_array_size(json_object_get(r.json, "templates")), 12);
	resp_free(&r);
}

static void the_office_name_is_the_admins(void **state)
{
	(void)state;
	resp r;
	const char *p = "/api/letters/office";
	assert_status(get(ROLE_ADMIN, p, &r), 200);
	assert_true(json_is_null(json_object_get(r.json, "office")));
	resp_free(&r);
	/* deny by default: the liaison reads it, nobody but the admin sets it */
	static const role others[] = {ROLE_FAMILY_LIAISON, ROLE_REGISTRAR, ROLE_AUDITOR, ROLE_MEDIATOR};
	for(size_t i = 0; i < sizeof(others) / sizeof(others[0]); i++) {
		assert_status(post_json(others[i], p, "{\"office\":\"Чужий штаб\"}", &r), 403);
		resp_free(&r);
	}
	assert_status(get(ROLE_REGISTRAR, p, &r), 403);
	resp_free(&r);
	/* two lines, too long, or not a string: refused naming the field, nothing written */
	assert_status(post_json(ROLE_ADMIN, p, "{\"office\":\"Штаб\\nдругий рядок\"}", &r), 422);
	json_t *e = json_object_get(r.json, "error");
	assert_string_equal(str_at(e, "field"), "office");
	assert_string_equal(str_at(e, "message_code"), "letters.office_control");
	assert_contains(str_at(e, "message"), "character 5");
	resp_free(&r);
	char body[1200];
	snprintf(body, sizeof(body), "{\"office\":\"%0201d\"}", 0);
	assert_status(post_json(ROLE_ADMIN, p, body, &r), 422);
	assert_contains(str_at(json_object_get(r.json, "error"), "message"), "201 characters long; at most 200");
	resp_free(&r);
	assert_status(post_json(ROLE_ADMIN, p, "{}", &r), 422);
	assert_string_equal(str_at(json_object_get(r.json, "error"), "field"), "office");
	resp_free(&r);
	assert_status(post_json(ROLE_ADMIN, p, "{\"office\":7}", &r), 422);
	resp_free(&r);
	assert_status(get(ROLE_FAMILY_LIAISON, p, &r), 200);
	assert_true(json_is_null(json_object_get(r.json, "office")));
	resp_free(&r);
	/* set: on the next letter's letterhead, and in the audit log with the name before and after */
	const char *name = "Координаційний штаб з питань поводження з військовополоненими";
	snprintf(body, sizeof(body), "{\"office\":\"%s\"}", name);
	assert_status(post_json(ROLE_ADMIN, p, body, &r), 200);
	assert_string_equal(str_at(r.json, "office"), name);
	resp_free(&r);
	body_of(body, sizeof(body), "acknowledgement", "");
	assert_status(post_json(ROLE_FAMILY_LIAISON, "/api/letters/render", body, &r), 200);
	assert_string_equal(str_at(r.json, "office"), name);
	resp_free(&r);
	assert_status(get(ROLE_AUDITOR, "/api/audit?action=office_set&limit=10", &r), 200);
	assert_contains(buf_str(&r.body), "\"actor\":\"admin\"");
	assert_contains(buf_str(&r.body), name);
	resp_free(&r);
	/* "" takes it away */
	assert_status(post_json(ROLE_ADMIN, p, "{\"office\":\"\"}", &r), 200);
	assert_true(json_is_null(json_object_get(r.json, "office")));
	resp_free(&r);
	body_of(body, sizeof(body), "acknowledgement", "");
	assert_status(post_json(ROLE_FAMILY_LIAISON, "/api/letters/render", body, &r), 200);
	assert_true(json_is_null(json_object_get(r.json, "office")) || !*str_at(r.json, "office"));
	resp_free(&r);
}

/* The templates are the office's wording: the admin who sets the office up
 * saves and resets them too (PERM_OFFICE), audited under the admin's name. */
static void the_admin_edits_a_template(void **state)
{
	(void)state;
	resp r;
	const char *p = "/api/letters/templates/status_update/en";
	assert_status(post_json(ROLE_ADMIN, p, "{\"body\":\"{dear} {inquirer}, about {person}: {status}.\"}", &r), 200);
	assert_true(json_is_true(json_object_get(r.json, "custom")));
	assert_string_equal(str_at(r.json, "saved_by"), "admin");
	resp_free(&r);
	assert_status(post_json(ROLE_ADMIN, "/api/letters/templates/status_update/en/reset", NULL, &r), 200);
	assert_false(json_is_true(json_object_get(r.json, "custom")));
	resp_free(&r);
	/* still refused to a registrar and an auditor */
	assert_status(post_json(ROLE_AUDITOR, p, "{\"body\":\"x\"}", &r), 403);
	resp_free(&r);
	assert_status(post_json(ROLE_REGISTRAR, "/api/letters/templates/status_update/en/reset", NULL, &r), 403);
	resp_free(&r);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(the_liaison_renders_and_sends_an_acknowledgement),
		cmocka_unit_test(the_registrar_is_refused),
		cmocka_unit_test(a_notice_of_return_after_the_return_closes_the_task),
		cmocka_unit_test(templates_are_checked_and_kept),
		cmocka_unit_test(the_office_name_is_the_admins),
		cmocka_unit_test(the_admin_edits_a_template),
	};
	return cmocka_run_group_tests_name("api letters", tests, fx_setup, fx_teardown);
}
