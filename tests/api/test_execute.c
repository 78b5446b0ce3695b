/* Execution as people cross, over the API against the real server: the
 * substitutes a clause admits (and why the others not), outcomes saved one
 * by one and by group while the stage is in progress, the finish refused
 * while anyone is pending, then an outcome corrected with its reason and
 * the ledger following; who may do it. */
#include "harness.h"

#include "accord/internal.h"  /* stage_mark_agreed: the signatures, as api/accord makes them */

/* Only this test's people are eligible (their unit); 2 a side a stage. */
static const char agreement_doc[] =
	"{\"parley\": \"agreement/1\", \"id\": \"exec-2025\", \"title\": \"Execution test\","
	" \"parties\": [\"UA\", \"RU\"], \"mediator\": \"TR\","
	" \"concluded\": \"2025-01-01\", \"valid_from\": \"2025-01-01\", \"valid_until\": \"2030-12-31\","
	" \"clauses\": [{\"id\": \"all\", \"subject\": \"prisoners\", \"eligible\": \"unit = \\\"x-exec\\\"\","
	" \"basis\": {\"kind\": \"all_for_all\"}, \"capacity\": 2}]}";

/* RU's held by UA (three eligible, one refusing repatriation), UA's held by RU. */
enum { ORLOV, VOLKOV, ZAITSEV, ZUEV, MELNYK, BONDAR, NPEOPLE };
static const struct {
	const char *surname, *party, *held_by, *consent;
} people[NPEOPLE] = {
	[ORLOV] = {"Орлов", "RU", "UA", "yes"},     [VOLKOV] = {"Волков", "RU", "UA", "yes"},
	[ZAITSEV] = {"Зайцев", "RU", "UA", "yes"},  [ZUEV] = {"Зуев", "RU", "UA", "no"},
	[MELNYK] = {"Мельник", "UA", "RU", "yes"},  [BONDAR] = {"Бондар", "UA", "RU", "yes"},
};
static char uid[NPEOPLE][UID_SIZE];
static char stage_id[UID_SIZE];

static void add_people(void)
{
	pl_err err = {0};
	store *st;
	assert_ok(store_open(&st, fx->db, "test:execute", 0, &err), &err);
	for(int i = 0; i < NPEOPLE; i++) {
		person p = {0};
		p.f[PF_SURNAME] = people[i].surname;
		p.f[PF_GIVEN_NAMES] = "Тест";
		p.f[PF_BIRTH_DATE] = "1990-01-01";
		p.f[PF_PARTY] = people[i].party;
		p.f[PF_HELD_BY] = people[i].held_by;
		p.f[PF_UNIT] = "x-exec";
		p.f[PF_BRANCH] = "armed_forces";
		p.f[PF_CAPTURE_DATE] = "2022-02-26";
		p.f[PF_CONSENT] = people[i].consent;
		assert_ok(registry_person_add(st, &p, &err), &err);
		memcpy(uid[i], p.uid, UID_SIZE);
		/* Captured, then confirmed held by a capture card. */
		static const char *const types[] = {"capture", "capture_card"};
		for(int k = 0; k < 2; k++) {
			event e = {0};
			e.f[EF_TYPE] = types[k];
			e.f[EF_DATE] = "2022-04-01";
			e.f[EF_SOURCE] = k ? "icrc_visit" : "counterpart_list";
			assert_ok(registry_event_add(st, p.uid, &e, &err), &err);
		}
	}
	store_close(st);
}

/* As if both parties' signatures had come in (the signing is tested in
 * api/accord): the stage is agreed. */
static void agree_stage(void)
{
	pl_err err = {0};
	store *st;
	arena a;
	arena_init(&a, 0);
	stage s;
	assert_ok(store_open(&st, fx->db, "test:execute", 0, &err), &err);
	assert_ok(stage_get(st, stage_id, &a, &s, &err), &err);
	assert_ok(store_begin(st, &err), &err);
	pl_rc rc = stage_mark_agreed(st, &s, &err);
	assert_ok(store_end(st, rc, &err), &err);
	store_close(st);
	arena_free(&a);
}

static int setup(void **state)
{
	int rc = fx_setup(state);
	if(!rc)
		add_people();
	return rc;
}

static void path_of(char *out, size_t size, const char *what)
{
	snprintf(out, size, "/api/stages/%s%s", stage_id, what);
}

/* The ledger's figure of a side. */
static long long ledger_at(const char *side, const char *what)
{
	resp r;
	assert_status(get(ROLE_NEGOTIATOR, "/api/agreements/exec-2025", &r), 200);
	json_t *c = find(json_object_get(json_object_get(r.json, "ledger"), "clauses"), "clause", "all");
	long long v = int_at(json_object_get(c, side), what);
	resp_free(&r);
	return v;
}

/* The stage's entry of person `who`: its seq, its outcome into *outcome. */
static int entry_of(const char *who, char *outcome, size_t size)
{
	char path[128];
	resp r;
	path_of(path, sizeof(path), "");
	assert_status(get(ROLE_NEGOTIATOR, path, &r), 200);
	json_t *e = find(json_object_get(r.json, "entries"), "person", who);
	int seq = e ? (int)int_at(e, "seq") : 0;
	if(e && outcome)
		snprintf(outcome, size, "%s", str_at(e, "outcome"));
	resp_free(&r);
	return seq;
}

static void outcomes_are_saved_as_people_cross(void **state)
{
	(void)state;
	resp r;
	char path[128], body[512];
	assert_status(post_json(ROLE_NEGOTIATOR, "/api/agreements", agreement_doc, &r), 201);
	resp_free(&r);
	/* Planned for a day to come: outcomes are dated today, before it. */
	assert_status(post_json(ROLE_NEGOTIATOR, "/api/agreements/exec-2025/plan",
	                        "{\"clause\":\"all\",\"stage_date\":\"2030-06-09\",\"save\":true}", &r), 201);
	snprintf(stage_id, sizeof(stage_id), "%s", str_at(r.json, "saved_stage"));
	resp_free(&r);
	agree_stage();
	/* Which of RU's three went on the stage, which waits. */
	const char *on[2] = {NULL, NULL}, *waiting = NULL;
	for(int i = ORLOV; i <= ZAITSEV; i++) {
		if(!entry_of(uid[i], NULL, 0))
			waiting = uid[i];
		else
			on[on[0] ? 1 : 0] = uid[i];
	}
	assert_non_null(waiting);
	assert_non_null(on[1]);
	int seq = entry_of(on[1], NULL, 0);

	/* The substitutes for on[1]: the one waiting, eligible, first; the one
	 * refusing repatriation with the planner's reason. */
	snprintf(path, sizeof(path), "/api/stages/%s/substitutes?entry=%d&q=%s", stage_id, seq, "%D0%97");
	assert_status(get(ROLE_NEGOTIATOR, path, &r), 422); /* one letter is not a search */
	assert_string_equal(str_at(json_object_get(r.json, "error"), "field"), "q");
	resp_free(&r);
	snprintf(path, sizeof(path), "/api/stages/%s/substitutes?entry=%d&q=%s", stage_id, seq, "%D0%97%D0%B0");
	assert_status(get(ROLE_MEDIATOR, path, &r), 403);
	resp_free(&r);
	snprintf(path, sizeof(path), "/api/stages/%s/substitutes?entry=%d&q=x-", stage_id, seq);
	assert_status(get(ROLE_NEGOTIATOR, path, &r), 200);
	resp_free(&r);
	for(int i = ORLOV; i <= ZUEV; i++)
		if(uid[i] == waiting || i == ZUEV) {
			snprintf(path, sizeof(path), "/api/stages/%s/substitutes?entry=%d&q=%s", stage_id, seq,
			         i == ZUEV ? "%D0%97%D1%83%D0%B5%D0%B2" : "%D0%A2%D0%B5%D1%81%D1%82");
			assert_status(get(ROLE_NEGOTIATOR, path, &r), 200);
			json_t *c = json_object_get(r.json, "candidates");
			json_t *w = find(c, "id", uid[i]);
			assert_non_null(w);
			if(i == ZUEV) {
				assert_true(json_is_false(json_object_get(w, "eligible")));
				assert_string_equal(str_at(w, "reason"), "consent");
			} else {
				assert_true(json_is_true(json_object_get(w, "eligible")));
				assert_true(json_is_true(json_object_get(json_array_get(c, 0), "eligible")));
				assert_null(find(c, "id", on[0])); /* on the stage already */
			}
			resp_free(&r);
		}

	/* One crosses: saved at once, the stage in progress, counted. */
	path_of(path, sizeof(path), "/outcomes");
	snprintf(body, sizeof(body), "{\"outcomes\":[{\"person\":\"%s\",\"outcome\":\"handed_over\"}]}", on[0]);
	assert_status(post_json(ROLE_NEGOTIATOR, path, body, &r), 200);
	assert_string_equal(str_at(r.json, "status"), "in_progress");
	resp_free(&r);
	assert_int_equal(ledger_at("UA", "delivered"), 1);
	assert_status(post_json(ROLE_NEGOTIATOR, path, body, &r), 409);
	assert_contains(buf_str(&r.body), "already recorded");
	/* By code too, for the UI to say it in the user's language. */
	assert_string_equal(str_at(json_object_get(r.json, "error"), "message_code"), "stage.already_recorded");
	assert_string_equal(str_at(json_object_get(json_object_get(r.json, "error"), "args"), "person"), on[0]);
	assert_string_equal(str_at(json_object_get(json_object_get(r.json, "error"), "args"), "outcome"),
	                    "handed_over");
	resp_free(&r);
	assert_status(post_json(ROLE_AUDITOR, path, body, &r), 403);
	resp_free(&r);
	assert_status(post_json(ROLE_NEGOTIATOR, path, "{\"outcomes\":[],\"deliveries\":[]}", &r), 422);
	resp_free(&r);
	path_of(path, sizeof(path), "/finish");
	assert_status(post_json(ROLE_NEGOTIATOR, path, "{}", &r), 409);
	assert_contains(buf_str(&r.body), "still pending");
	assert_string_equal(str_at(json_object_get(r.json, "error"), "message_code"), "stage.still_pending");
	resp_free(&r);

	/* A group: one replaced by the one waiting, one refuses. */
	path_of(path, sizeof(path), "/outcomes");
	snprintf(body, sizeof(body), "{\"outcomes\":[{\"person\":\"%s\",\"outcome\":\"substituted\",\"substitute\":\"%s\"},"
	         "{\"person\":\"%s\",\"outcome\":\"refused\",\"note\":\"at the border\"}]}", on[1], waiting,
	         uid[MELNYK]);
	assert_status(post_json(ROLE_NEGOTIATOR, path, body, &r), 200);
	assert_int_equal(int_at(json_object_get(r.json, "substitutes"), "UA"), 1);
	resp_free(&r);
	path_of(path, sizeof(path), "/finish");
	snprintf(body, sizeof(body), "{\"outcomes\":[{\"person\":\"%s\",\"outcome\":\"handed_over\"}]}", uid[BONDAR]);
	assert_status(post_json(ROLE_NEGOTIATOR, path, body, &r), 200);
	assert_string_equal(str_at(r.json, "status"), "executed");
	resp_free(&r);
	assert_int_equal(ledger_at("UA", "delivered"), 2);
	assert_int_equal(ledger_at("UA", "not_delivered"), 1);
	assert_int_equal(ledger_at("RU", "delivered"), 1);
	assert_int_equal(ledger_at("RU", "not_delivered"), 1);
}

static void an_executed_stage_is_corrected(void **state)
{
	(void)state;
	resp r;
	char path[128], body[512], outcome[32];
	path_of(path, sizeof(path), "/corrections");
	snprintf(body, sizeof(body), "{\"person\":\"%s\",\"outcome\":\"handed_over\"}", uid[MELNYK]);
	assert_status(post_json(ROLE_NEGOTIATOR, path, body, &r), 422);
	assert_string_equal(str_at(json_object_get(r.json, "error"), "field"), "reason");
	resp_free(&r);
	snprintf(body, sizeof(body), "{\"person\":\"%s\",\"outcome\":\"handed_over\",\"reason\":\"crossed "
	         "an hour later\"}", uid[MELNYK]);
	assert_status(post_json(ROLE_MEDIATOR, path, body, &r), 403);
	resp_free(&r);
	assert_status(post_json(ROLE_NEGOTIATOR, path, body, &r), 200);
	json_t *e = find(json_object_get(r.json, "entries"), "person", uid[MELNYK]);
	assert_string_equal(str_at(e, "outcome"), "handed_over");
	assert_int_equal(int_at(e, "corrections"), 1);
	resp_free(&r);
	assert_int_equal(entry_of(uid[MELNYK], outcome, sizeof(outcome)) > 0, 1);
	assert_string_equal(outcome, "handed_over");
	assert_int_equal(ledger_at("RU", "delivered"), 2);
	assert_int_equal(ledger_at("RU", "not_delivered"), 0);
	assert_status(get(ROLE_AUDITOR, path, &r), 200);
	json_t *c = json_array_get(json_object_get(r.json, "corrections"), 0);
	assert_string_equal(str_at(c, "before"), "refused");
	assert_string_equal(str_at(c, "reason"), "crossed an hour later");
	resp_free(&r);
	assert_status(get(ROLE_AUDITOR, "/api/audit?limit=0", &r), 200);
	assert_contains(buf_str(&r.body), "crossed an hour later");
	resp_free(&r);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(outcomes_are_saved_as_people_cross),
		cmocka_unit_test(an_executed_stage_is_corrected),
	};
	return cmocka_run_group_tests_name("api/execute", tests, setup, fx_teardown);
}
