/* The family liaison's tasks over the API, against the real server: a
 * mother's inquiry, then her son captured and on the other side's list
 * (an upload to /api/reconcile) make tasks with their evidence; the liaison
 * reads and closes one with how the family was told; the registrar and the
 * mediator are refused; every task read is in the access log; bad input
 * names its field and changes nothing. */
#include "harness.h"

#include "demo/demo.h"

static char son[UID_SIZE];

static const char mother[] =
	"{\"inquirer\":\"Оксана Коваленко\",\"relation\":\"mother\",\"phone\":\"+380 67 555 0101\","
	"\"language\":\"uk\",\"surname\":\"Коваленко\",\"given_names\":\"Андрій\",\"patronymic\":\"Миколайович\","
	"\"birth_date\":\"1995-08-20\",\"last_seen_date\":\"2025-01-15\",\"received\":\"2025-02-01\","
	"\"new_person\":true,"
	"\"consents\":[{\"purpose\":\"tracing\",\"form\":\"oral\",\"date\":\"2025-02-01\"}]}";

static json_t *tasks_of(role ro, const char *query, long want)
{
	char path[200];
	snprintf(path, sizeof(path), "/api/tasks%s", query);
	resp r;
	assert_status(get(ro, path, &r), want);
	json_t *out = json_incref(json_object_get(r.json, "tasks"));
	resp_free(&r);
	return out;
}

static void a_capture_and_a_list_make_tasks(void **state)
{
	(void)state;
	resp r;
	assert_status(post_json(ROLE_FAMILY_LIAISON, "/api/inquiries", mother, &r), 201);
	snprintf(son, sizeof(son), "%s", str_at(r.json, "person"));
	resp_free(&r);
	/* The registrar records the capture; the watch finds it. */
	char path[200], body[300];
	snprintf(path, sizeof(path), "/api/persons/%s/events", son);
	snprintf(body, sizeof(body), "{\"type\":\"capture\",\"date\":\"2025-03-01\",\"source\":\"counterpart_list\"}");
	assert_status(post_json(ROLE_REGISTRAR, path, body, &r), 201);
	resp_free(&r);
	assert_status(post_json(ROLE_FAMILY_LIAISON, "/api/tasks/watch", NULL, &r), 200);
	resp_free(&r);
	json_t *t = tasks_of(ROLE_FAMILY_LIAISON, "?status=open", 200);
	assert_int_equal(json_array_size(t), 1);
	json_t *one = json_array_get(t, 0);
	assert_string_equal(str_at(one, "kind"), "status");
	assert_string_equal(str_at(one, "evidence_code"), "watch.ev_status");
	assert_string_equal(str_at(json_object_get(one, "person"), "id"), son);
	assert_true(json_is_true(json_object_get(one, "may_contact")));
	json_decref(t);
	/* Her son on the other side's list, in Russian. */
	snprintf(path, sizeof(path), "%s/ru-2026-06-12.csv", fx->dir);
	FILE *f = fopen(path, "wb");
	assert_non_null(f);
	fputs("surname,given_names,patronymic,birth_date\nКоваленко,Андрей,Николаевич,1995-08-20\n", f);
	assert_int_equal(fclose(f), 0);
	assert_status(call(fx, &(rq){.method = "POST", .path = "/api/reconcile",
	                             .bearer = fx_token(fx, ROLE_NEGOTIATOR), .upload = {path, "ru-2026-06-12.csv"}},
	                   &r), 200);
	assert_int_equal(int_at(json_object_get(r.json, "watch"), "created"), 1);
	resp_free(&r);
	/* The same list again: no second task. */
	assert_status(call(fx, &(rq){.method = "POST", .path = "/api/reconcile",
	                             .bearer = fx_token(fx, ROLE_NEGOTIATOR), .upload = {path, "ru-2026-06-12.csv"}},
	                   &r), 200);
	assert_int_equal(int_at(json_object_get(r.json, "watch"), "created"), 0);
	resp_free(&r);
	snprintf(path, sizeof(path), "?person=%s", son);
	t = tasks_of(ROLE_FAMILY_LIAISON, path, 200);
	assert_int_equal(json_array_size(t), 2);
	json_t *list = find(t, "kind", "list");
	assert_non_null(list);
	assert_non_null(strstr(str_at(list, "evidence"), "on the list ru-2026-06-12.csv (uploaded by negotiator), row 2: matched to this person"));
	json_decref(t);
}

static void others_are_refused(void **state)
{
	(void)state;
	json_t *t = tasks_of(ROLE_REGISTRAR, "", 403);
	json_decref(t);
	t = tasks_of(ROLE_MEDIATOR, "", 403);
	json_decref(t);
	json_t *mine = tasks_of(ROLE_FAMILY_LIAISON, "?status=open", 200);
	json_t *list = find(mine, "kind", "list");
	assert_non_null(list);
	char path[200];
	snprintf(path, sizeof(path), "/api/tasks/%s/done", str_at(list, "id"));
	resp r;
	assert_status(post_json(ROLE_REGISTRAR, path, "{\"how\":\"phone\",\"note\":\"x\"}", &r), 403);
	resp_free(&r);
	json_decref(mine);
}

static void the_liaison_closes_a_task_with_how_the_family_was_told(void **state)
{
	(void)state;
	json_t *t = tasks_of(ROLE_FAMILY_LIAISON, "?status=open", 200);
	json_t *list = find(t, "kind", "list");
	assert_non_null(list);
	char id[UID_SIZE], path[200];
	snprintf(id, sizeof(id), "%s", str_at(list, "id"));
	json_decref(t);
	resp r;
	snprintf(path, sizeof(path), "/api/tasks/%s/done", id);
	assert_status(post_json(ROLE_FAMILY_LIAISON, path, "{\"how\":\"pigeon\",\"note\":\"told her\"}", &r), 422);
	assert_string_equal(str_at(json_object_get(r.json, "error"), "field"), "how");
	resp_free(&r);
	assert_status(post_json(ROLE_FAMILY_LIAISON, path,
	                        "{\"how\":\"phone\",\"date\":\"2025-06-13\",\"note\":\"told her he is on RU's list\"}",
	                        &r), 200);
	assert_string_equal(str_at(r.json, "status"), "done");
	assert_string_equal(str_at(r.json, "told_how"), "phone");
	assert_string_equal(str_at(r.json, "told_on"), "2025-06-13");
	resp_free(&r);
	/* Closed: not again. */
	snprintf(path, sizeof(path), "/api/tasks/%s/dismiss", id);
	assert_status(post_json(ROLE_FAMILY_LIAISON, path, "{\"reason\":\"x\"}", &r), 409);
	resp_free(&r);
	/* Every read of a task is a read of its person. */
	snprintf(path, sizeof(path), "/api/access?person=%s&actor=family_liaison&limit=0", son);
	assert_status(get(ROLE_AUDITOR, path, &r), 200);
	char detail[64];
	snprintf(detail, sizeof(detail), "task %s", id);
	assert_non_null(find(json_object_get(r.json, "entries"), "detail", detail));
	resp_free(&r);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(a_capture_and_a_list_make_tasks),
		cmocka_unit_test(others_are_refused),
		cmocka_unit_test(the_liaison_closes_a_task_with_how_the_family_was_told),
	};
	return cmocka_run_group_tests_name("api tasks", tests, fx_setup, fx_teardown);
}
