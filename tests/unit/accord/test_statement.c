/* After the handover: statements (categories, ages, the first days, the
 * embargo, never a name) and aftercare steps with the Art. 117 flag. */
#include "fixture.h"

#include "accord/aftercare.h"
#include "accord/internal.h"
#include "accord/plan.h"
#include "accord/statement.h"

static const pdate june9 = {2025, 6, 9};

#define JUNE FX_AGREEMENT("june", "{\"id\": \"w\", \"subject\": \"prisoners\", \"eligible\": \"status = held\"," \
	" \"basis\": {\"kind\": \"all_for_all\"}}, {\"id\": \"b\", \"subject\": \"remains\"," \
	" \"basis\": {\"kind\": \"quota\", \"each\": 100}, \"capacity\": 50}")

static void execute_planned(fixture *f, const agreement *ag, const char *clause_id, char uid[UID_SIZE])
{
	plan p;
	plan_opts o = {.clause = clause_id, .date = june9};
	assert_ok(plan_make(f->r, ag, &o, &f->a, &p, &f->err), &f->err);
	assert_ok(stage_create_planned(f->r, &p, 1, "border", uid, &f->err), &f->err);
	stage s;
	assert_ok(stage_get(f->r, uid, &f->a, &s, &f->err), &f->err);
	assert_ok(store_begin(f->r, &f->err), &f->err);
	assert_ok(stage_mark_agreed(f->r, &s, &f->err), &f->err);
	assert_ok(store_commit(f->r, &f->err), &f->err);
	stage_exec x = {0};
	stage_exec_report rep;
	assert_ok(stage_execute(f->r, uid, &x, &rep, &f->err), &f->err);
}

static void people(fixture *f, char uids[4][UID_SIZE])
{
	fx_prisoner(f, &(prisoner){.surname = "Гнатюк", .given = "Роман", .birth = "2004-03-01", .party = "UA",
	                           .held_by = "RU", .captured = "2022-02-26"}, uids[0]);
	fx_prisoner(f, &(prisoner){.surname = "Семенко", .given = "Ігор", .birth = "1966-01-10", .party = "UA",
	                           .held_by = "RU", .medical = "severely_wounded", .captured = "2023-08",
	                           .branch = "national_guard"}, uids[1]);
	fx_prisoner(f, &(prisoner){.surname = "Дорош", .given = "Ганна", .birth = "1980-05-05", .party = "UA",
	                           .held_by = "RU", .medical = "seriously_ill", .captured = "2024-01-02",
	                           .branch = "civilian"}, uids[2]);
	fx_prisoner(f, &(prisoner){.surname = "Орлов", .given = "Павел", .birth = "1990", .party = "RU",
	                           .held_by = "UA"}, uids[3]);
}

static void test_a_statement_never_names_anyone(void **state)
{
	fixture *f = *state;
	agreement ag;
	fx_agreement(f, JUNE, true, &ag);
	char uids[4][UID_SIZE], st[UID_SIZE], bodies[UID_SIZE];
	people(f, uids);
	execute_planned(f, &ag, "w", st);
	statement s;
	/* The embargo: none here, so numbers are said. */
	assert_ok(statement_make(f->r, st, "UA", (pdate){2025, 6, 10}, &f->a, &s, &f->err), &f->err);
	assert_false(s.embargo);
	assert_int_equal(s.received, 3);
	assert_int_equal(s.youngest, 21);
	assert_int_equal(s.oldest, 59);
	assert_int_equal(s.severely_wounded, 1);
	assert_int_equal(s.seriously_ill, 1);
	assert_int_equal(s.young, 1);
	assert_int_equal(s.branch[4], 1); /* a civilian */
	assert_true(s.held_since.y == 2022 && s.held_since.m == 2 && s.held_since.d == 26);
	assert_false(s.first_days); /* no conflict_start in this agreement */
	buf b;
	buf_init(&b, 0);
	assert_ok(statement_markdown(&s, STATEMENT_EN, &b), &f->err);
	assert_contains(buf_str(&b), "3 people have come home.");
	assert_contains(buf_str(&b), "civilians (1), severely wounded (1), seriously ill (1), young people aged 18 to 25 (1)");
	assert_contains(buf_str(&b), "The youngest is 21 years old, the oldest 59.");
	assert_contains(buf_str(&b), "in captivity since 26 February 2022");
	assert_contains(buf_str(&b), "pass through Belarus");
	for(int i = 0; i < 4; i++) {
		person p;
		assert_ok(registry_person_get(f->r, uids[i], &f->a, &p, &f->err), &f->err);
		assert_null(strstr(buf_str(&b), p.f[PF_SURNAME]));
		assert_null(strstr(buf_str(&b), p.uid));
	}
	buf_reset(&b);
	assert_ok(statement_markdown(&s, STATEMENT_UK, &b), &f->err);
	assert_contains(buf_str(&b), "Повернулися додому: 3.");
	assert_contains(buf_str(&b), "з 26 лютого 2022");
	assert_contains(buf_str(&b), "через Білорусь");
	/* The other side's statement: one man came home to RU. */
	assert_ok(statement_make(f->r, st, "RU", (pdate){2025, 6, 10}, &f->a, &s, &f->err), &f->err);
	assert_int_equal(s.received, 1);
	assert_int_equal(statement_make(f->r, st, "PL", (pdate){2025, 6, 10}, &f->a, &s, &f->err), PL_EINPUT);
	assert_contains(f->err.msg, "PL is not a party to june");
	buf_free(&b);
	/* Remains: a statement of bodies. */
	execute_planned(f, &ag, "b", bodies);
	assert_ok(statement_make(f->r, bodies, "UA", (pdate){2025, 6, 10}, &f->a, &s, &f->err), &f->err);
	assert_int_equal(s.bodies, 50);
}

static void test_the_embargo_withholds_every_number(void **state)
{
	fixture *f = *state;
	agreement ag;
	const char *doc = "{\"parley\": \"agreement/1\", \"id\": \"emb\", \"title\": \"t\", \"parties\": [\"UA\", \"RU\"],"
	                  " \"transit\": \"BY\", \"concluded\": \"2025-01-01\", \"conflict_start\": \"2022-02-24\","
	                  " \"embargo\": {\"until\": \"done\"}, \"clauses\": [{\"id\": \"w\", \"subject\": \"prisoners\","
	                  " \"eligible\": \"status = held\", \"basis\": {\"kind\": \"all_for_all\"}, \"capacity\": 3}]}";
	fx_agreement(f, doc, true, &ag);
	char uids[4][UID_SIZE], st[UID_SIZE], next[UID_SIZE];
	people(f, uids);
	fx_prisoners(f, "UA", "RU", 1, "none", "1985"); /* captured later: waits */
	execute_planned(f, &ag, "w", st);
	/* Someone waits for the next stage: the phase is not over. */
	plan p;
	plan_opts o = {.clause = "w", .date = {2025, 6, 10}};
	assert_ok(plan_make(f->r, &ag, &o, &f->a, &p, &f->err), &f->err);
	assert_ok(stage_create_planned(f->r, &p, 1, NULL, next, &f->err), &f->err);
	statement s;
	assert_ok(statement_make(f->r, st, "UA", (pdate){2025, 6, 10}, &f->a, &s, &f->err), &f->err);
	assert_true(s.embargo);
	assert_true(s.first_days);
	buf b;
	buf_init(&b, 0);
	assert_ok(statement_markdown(&s, STATEMENT_EN, &b), &f->err);
	assert_contains(buf_str(&b), "Their number will be given when this phase of the exchange is over.");
	assert_contains(buf_str(&b), "since the first days of the war");
	assert_null(strstr(buf_str(&b), "(1)"));
	assert_null(strstr(buf_str(&b), "(2)"));
	json_t *v = statement_json(&s, STATEMENT_EN);
	assert_true(json_is_null(json_object_get(v, "returned")));
	json_t *cats = json_object_get(v, "categories");
	assert_true(json_object_size(cats) > 0);
	const char *k;
	json_t *x;
	json_object_foreach(cats, k, x) assert_true(json_is_null(x));
	json_decref(v);
	/* The last stage is cancelled: the phase is over, numbers are said. */
	assert_ok(stage_cancel(f->r, next, NULL, &f->err), &f->err);
	assert_ok(statement_make(f->r, st, "UA", (pdate){2025, 6, 12}, &f->a, &s, &f->err), &f->err);
	assert_false(s.embargo);
	buf_free(&b);
	/* Not before the handover. */
	assert_ok(plan_make(f->r, &ag, &o, &f->a, &p, &f->err), &f->err);
	assert_ok(stage_create_planned(f->r, &p, 1, NULL, next, &f->err), &f->err);
	assert_int_equal(statement_make(f->r, next, NULL, (pdate){0}, &f->a, &s, &f->err), PL_ECONFLICT);
	assert_contains(f->err.msg, "a statement follows the handover");
}

static void test_aftercare_steps(void **state)
{
	fixture *f = *state;
	agreement ag;
	fx_agreement(f, JUNE, true, &ag);
	char uids[4][UID_SIZE], st[UID_SIZE];
	people(f, uids);
	execute_planned(f, &ag, "w", st);
	assert_ok(fx_event(f, uids[0], "arrived_transit", "2025-06-09", NULL), &f->err);
	assert_ok(fx_event(f, uids[1], "arrived_transit", "2025-06-09", NULL), &f->err);
	assert_ok(fx_event(f, uids[1], "assistance", "2025-06-10", NULL), &f->err);
	assert_ok(fx_event(f, uids[2], "arrived_transit", "2025-06-09", NULL), &f->err);
	assert_ok(fx_event(f, uids[2], "repatriated", "2025-06-11", NULL), &f->err);
	assert_ok(fx_event(f, uids[2], "hospital_admission", "2025-06-12", NULL), &f->err);
	aftercare_filter flt = {.party = "UA", .step = -1};
	aftercare_view v;
	assert_ok(aftercare_get(f->r, &flt, &f->a, &v, &f->err), &f->err);
	assert_int_equal(v.total, 3);
	assert_int_equal(v.count[STEP_TRANSIT], 1);
	assert_int_equal(v.count[STEP_ASSISTANCE], 1);
	assert_int_equal(v.count[STEP_HOSPITAL], 1);
	assert_int_equal(v.art117, 2);
	assert_int_equal(v.n, 3);
	assert_int_equal(v.rows[2].step, STEP_HOSPITAL);
	assert_string_equal(v.rows[2].since, "2025-06-12");
	/* Without the medical details: the steps before them, and no Art. 117. */
	flt.withhold_medical = true;
	assert_ok(aftercare_get(f->r, &flt, &f->a, &v, &f->err), &f->err);
	assert_int_equal(v.count[STEP_TRANSIT], 2);
	assert_int_equal(v.count[STEP_HOME], 1);
	assert_int_equal(v.count[STEP_HOSPITAL], 0);
	assert_int_equal(v.art117, 0);
	/* One step, one page. */
	flt = (aftercare_filter){.stage = st, .step = STEP_HANDED_OVER};
	assert_ok(aftercare_get(f->r, &flt, &f->a, &v, &f->err), &f->err);
	assert_int_equal(v.total, 4);
	assert_int_equal(v.n, 1);
	assert_string_equal(v.rows[0].person, uids[3]);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_a_statement_never_names_anyone, fixture_setup, fixture_teardown),
		cmocka_unit_test_setup_teardown(test_the_embargo_withholds_every_number, fixture_setup, fixture_teardown),
		cmocka_unit_test_setup_teardown(test_aftercare_steps, fixture_setup, fixture_teardown),
	};
	return cmocka_run_group_tests_name("accord/statement", tests, NULL, NULL);
}
