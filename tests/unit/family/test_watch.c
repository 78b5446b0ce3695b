/* The watch: a task for the family liaison when something concerns a
 * person with an open inquiry (a list row, a status change), once, with its
 * evidence; none for a closed inquiry; consent withdrawn shown on the task;
 * the mark kept across a restart; closing a task with how the family was
 * told, or dismissing it. */
#include "fixture.h"

#include "core/msg.h"
#include "remains/remains.h"

static void watch(fixture *f, watch_report *r)
{
	assert_ok(family_watch_run(f->r, r, &f->err), &f->err);
}

static long long tasks(fixture *f)
{
	return fx_scalar(f, "SELECT count(*) FROM family_task");
}

static void one_task(fixture *f, const char *who, family_task *t)
{
	task_query q = TASK_QUERY_INIT;
	q.person = who;
	task_page pg;
	assert_ok(family_task_list(f->r, &q, &f->a, &pg, &f->err), &f->err);
	assert_int_equal(pg.n, 1);
	*t = pg.rows[0];
}

static void test_a_status_change_makes_one_task_with_its_evidence(void **state)
{
	fixture *f = *state;
	inquiry_result res;
	fam_first(f, &res);
	person other = fx_person("Мельник", "Олег", "1970-01-01");
	fx_add(f, &other);
	watch_report r;
	watch(f, &r);
	/* The family's own report (the reported_missing event) is not news to them. */
	assert_int_equal(r.created, 0);
	assert_true(r.mark > 0);
	assert_ok(fx_event(f, res.person, "capture", "2025-04-02", NULL), &f->err);
	assert_ok(fx_event(f, other.uid, "capture", "2025-04-02", NULL), &f->err);
	watch(f, &r);
	assert_int_equal(r.created, 1);
	assert_int_equal(tasks(f), 1);
	family_task t;
	one_task(f, res.person, &t);
	assert_int_equal(t.kind, TK_STATUS);
	assert_int_equal(t.status, TS_OPEN);
	assert_string_equal(t.inquiry, res.uid);
	assert_string_equal(t.evidence_code, "watch.ev_status");
	assert_true(t.may_contact);
	char text[512];
	family_task_evidence(&t, LANG_EN, text, sizeof(text));
	assert_string_equal(text, "status changed to captured on 2025-04-02 (capture, source own_records)");
	family_task_evidence(&t, LANG_UK, text, sizeof(text));
	assert_contains(text, "статус змінено на captured");
	/* Run again: nothing new (its own tasks' entries are behind the mark), nothing doubled. */
	watch(f, &r);
	assert_int_equal(r.created, 0);
	assert_int_equal(r.seen, 0);
	assert_int_equal(tasks(f), 1);
	fam_chain_intact(f);
}

static void test_a_list_row_makes_one_task_not_two_on_a_rerun(void **state)
{
	fixture *f = *state;
	inquiry_result res;
	fam_first(f, &res);
	person other = fx_person("Мельник", "Олег", "1970-01-01");
	fx_add(f, &other);
	watch_list l = {.name = "ru-2026-06-12.csv", .held = "/office/lists/ru-2026-06-12.csv"};
	watch_row rows[] = {{.person = other.uid, .line = 3, .matched = true, .prob = 0.99},
	                    {.person = res.person, .line = 17, .matched = true, .prob = 0.97},
	                    {.person = res.person, .line = 18, .matched = false, .prob = 0.55}};
	watch_report r;
	watch(f, &r);
	assert_ok(family_watch_list(f->r, &l, rows, 3, &r, &f->err), &f->err);
	assert_int_equal(r.seen, 3);
	assert_int_equal(r.concerned, 2);
	assert_int_equal(r.created, 2);
	assert_ok(family_watch_list(f->r, &l, rows, 3, &r, &f->err), &f->err);
	assert_int_equal(r.created, 0);
	assert_int_equal(r.existed, 2);
	assert_int_equal(tasks(f), 2);
	/* The watch was up to date: the list's own entries are behind its mark. */
	watch(f, &r);
	assert_int_equal(r.seen, 0);
	assert_int_equal(r.mark, fx_scalar(f, "SELECT max(seq) FROM audit"));
	task_query q = TASK_QUERY_INIT;
	task_page pg;
	assert_ok(family_task_list(f->r, &q, &f->a, &pg, &f->err), &f->err);
	assert_int_equal(pg.n, 2);
	char text[512];
	bool matched = false, review = false;
	for(size_t i = 0; i < pg.n; i++) {
		assert_int_equal(pg.rows[i].kind, TK_LIST);
		family_task_evidence(&pg.rows[i], LANG_EN, text, sizeof(text));
		if(!strcmp(pg.rows[i].source, "ru-2026-06-12.csv#17")) {
			matched = true;
			assert_string_equal(text, "on the list ru-2026-06-12.csv, row 17 (the file "
			                          "/office/lists/ru-2026-06-12.csv): matched to this person (probability 0.97)");
		} else {
			review = true;
			assert_contains(text, "candidate in review (probability 0.55)");
		}
	}
	assert_true(matched && review);
}

static void test_no_task_once_the_inquiry_is_closed(void **state)
{
	fixture *f = *state;
	inquiry_result res;
	fam_first(f, &res);
	watch_report r;
	watch(f, &r);
	assert_ok(family_inquiry_set_status(f->r, res.uid, "closed", "the family moved abroad", &f->err), &f->err);
	assert_ok(fx_event(f, res.person, "capture", "2025-04-02", NULL), &f->err);
	watch(f, &r);
	assert_int_equal(r.created, 0);
	watch_row row = {.person = res.person, .line = 1, .matched = true, .prob = 1};
	watch_list l = {.name = "list.csv"};
	assert_ok(family_watch_list(f->r, &l, &row, 1, &r, &f->err), &f->err);
	assert_int_equal(r.concerned, 0);
	assert_int_equal(tasks(f), 0);
}

static void test_withdrawn_consent_says_do_not_contact(void **state)
{
	fixture *f = *state;
	inquiry_result res;
	fam_first(f, &res);
	watch_row row = {.person = res.person, .line = 4, .matched = true, .prob = 0.95};
	watch_list l = {.name = "list.csv"};
	watch_report r;
	assert_ok(family_watch_list(f->r, &l, &row, 1, &r, &f->err), &f->err);
	assert_ok(family_consent_withdraw(f->r, res.uid, "share_icrc", "2025-06-01", NULL, &f->err), &f->err);
	assert_ok(family_consent_withdraw(f->r, res.uid, "tracing", "2025-06-01", NULL, &f->err), &f->err);
	family_task t;
	one_task(f, res.person, &t);
	assert_false(t.may_contact);
	json_t *j = family_task_json(&t);
	assert_false(json_is_true(json_object_get(j, "may_contact")));
	json_decref(j);
	assert_int_equal(family_task_done(f->r, t.uid, "phone", NULL, "told him", &f->err), PL_ECONFLICT);
	assert_string_equal(f->err.code, "watch.no_contact");
	assert_int_equal(family_task_dismiss(f->r, t.uid, "", &f->err), PL_EINPUT);
	assert_ok(family_task_dismiss(f->r, t.uid, "consent withdrawn", &f->err), &f->err);
	one_task(f, res.person, &t);
	assert_int_equal(t.status, TS_DISMISSED);
	assert_string_equal(t.note, "consent withdrawn");
}

static void test_a_task_is_assigned_and_closed_with_how_the_family_was_told(void **state)
{
	fixture *f = *state;
	inquiry_result res;
	fam_first(f, &res);
	watch_row row = {.person = res.person, .line = 4, .matched = true, .prob = 0.95};
	watch_list l = {.name = "list.csv"};
	watch_report r;
	assert_ok(family_watch_list(f->r, &l, &row, 1, &r, &f->err), &f->err);
	family_task t;
	one_task(f, res.person, &t);
	assert_ok(family_task_assign(f->r, t.uid, "liaison1", &f->err), &f->err);
	assert_int_equal(family_task_done(f->r, t.uid, "pigeon", NULL, "told", &f->err), PL_EINPUT);
	assert_string_equal(f->err.code, "watch.told_how");
	assert_int_equal(family_task_done(f->r, t.uid, "phone", "2999-01-01", "told", &f->err), PL_EINPUT);
	assert_int_equal(family_task_done(f->r, t.uid, "phone", NULL, NULL, &f->err), PL_EINPUT);
	assert_ok(family_task_done(f->r, t.uid, "phone", "2025-04-03", "told the mother he is on RU's list", &f->err),
	          &f->err);
	one_task(f, res.person, &t);
	assert_int_equal(t.status, TS_DONE);
	assert_string_equal(t.assignee, "liaison1");
	assert_string_equal(t.told_how, "phone");
	assert_string_equal(t.told_on, "2025-04-03");
	assert_int_equal(family_task_dismiss(f->r, t.uid, "again", &f->err), PL_ECONFLICT);
	assert_int_equal(fx_scalar(f, "SELECT count(*) FROM audit WHERE entity = 'family_task'"), 3);
	fam_chain_intact(f);
}

/* What happened while nothing ran the watch is found by the next run,
 * after the database was closed and opened again; nothing is made twice. */
static void test_the_mark_survives_a_restart(void **state)
{
	fixture *f = *state;
	inquiry_result res;
	fam_first(f, &res);
	watch_report r;
	watch(f, &r);
	int64_t mark = r.mark;
	assert_ok(fx_event(f, res.person, "capture", "2025-04-02", NULL), &f->err);
	store_close(f->r);
	assert_ok(store_open(&f->r, f->path, "tester", 0, &f->err), &f->err);
	assert_int_equal(fx_scalar(f, "SELECT audit_seq FROM family_watch"), mark);
	watch(f, &r);
	assert_int_equal(r.created, 1);
	store_close(f->r);
	assert_ok(store_open(&f->r, f->path, "tester", 0, &f->err), &f->err);
	watch(f, &r);
	assert_int_equal(r.created, 0);
	assert_int_equal(tasks(f), 1);
}

/* A remains case proposed as the person, then confirmed: a task each. */
static void test_a_remains_case_makes_a_task_per_step(void **state)
{
	fixture *f = *state;
	inquiry_result res;
	fam_first(f, &res);
	watch_report r;
	watch(f, &r);
	remains_batch b = {.label = "B-2025-06", .from_party = "RU", .to_party = "UA", .handover_date = "2025-06-11",
	                   .declared = -1};
	assert_ok(remains_batch_add(f->r, &b, &f->err), &f->err);
	const char *v[RF_COUNT] = {0};
	v[field_find(remains_fields, RF_COUNT, "tag")] = "B-2025-06-017";
	v[field_find(remains_fields, RF_COUNT, "batch")] = "B-2025-06";
	remains_result rr;
	assert_ok(remains_case_put(f->r, v, NULL, &rr, &f->err), &f->err);
	assert_ok(remains_identify(f->r, "B-2025-06-017", res.person, false, &rr, &f->err), &f->err);
	watch(f, &r);
	assert_int_equal(r.created, 1);
	family_task t;
	one_task(f, res.person, &t);
	assert_int_equal(t.kind, TK_REMAINS);
	char text[512];
	family_task_evidence(&t, LANG_EN, text, sizeof(text));
	assert_string_equal(text, "remains batch B-2025-06, case B-2025-06-017, proposed as this person (preliminary)");
	/* Confirmed: a task of the case, and of the events it records about the person. */
	assert_ok(remains_identify(f->r, "B-2025-06-017", res.person, true, &rr, &f->err), &f->err);
	watch(f, &r);
	assert_int_equal(fx_scalar(f, "SELECT count(*) FROM family_task WHERE kind = 'remains'"), 2);
	assert_int_equal(fx_scalar(f, "SELECT count(*) FROM family_task WHERE kind = 'remains' AND source LIKE '% confirmed'"), 1);
	assert_int_equal(r.created, tasks(f) - 1);
	assert_true(fx_scalar(f, "SELECT count(*) FROM family_task WHERE kind = 'status'") >= 1);
	watch(f, &r);
	assert_int_equal(r.created, 0);
}

/* A DNA decision about the person, as the DNA module audits it
 * (dna/decide.c: entity dna_proposal, the pair in "after"). The entry is
 * written here as that module writes it: setting up profiles and a
 * screening is the DNA tests' work. */
static void test_a_dna_proposal_makes_a_task(void **state)
{
	fixture *f = *state;
	inquiry_result res;
	fam_first(f, &res);
	watch_report r;
	watch(f, &r);
	char after[400];
	snprintf(after, sizeof(after),
	         "{\"case\":\"B-2025-06-017\",\"person\":\"%s\",\"log10_lr\":12.4,\"posterior\":0.9999,"
	         "\"loci\":20,\"inconsistent\":0}", res.person);
	assert_ok(store_begin(f->r, &f->err), &f->err);
	assert_ok(store_end(f->r, audit_append(f->r, NULL, "confirm", "dna_proposal", "RAAAAAAAAAAAAAAAA",
	                                       "{\"status\":\"reviewed\"}", after, &f->err), &f->err), &f->err);
	watch(f, &r);
	assert_int_equal(r.created, 1);
	family_task t;
	one_task(f, res.person, &t);
	assert_int_equal(t.kind, TK_DNA);
	char text[512];
	family_task_evidence(&t, LANG_EN, text, sizeof(text));
	assert_string_equal(text, "DNA proposal: remains case B-2025-06-017 and this person, LR 10^12.4 (confirm)");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_a_status_change_makes_one_task_with_its_evidence, fixture_setup,
		                                fixture_teardown),
		cmocka_unit_test_setup_teardown(test_a_list_row_makes_one_task_not_two_on_a_rerun, fixture_setup,
		                                fixture_teardown),
		cmocka_unit_test_setup_teardown(test_no_task_once_the_inquiry_is_closed, fixture_setup, fixture_teardown),
		cmocka_unit_test_setup_teardown(test_withdrawn_consent_says_do_not_contact, fixture_setup, fixture_teardown),
		cmocka_unit_test_setup_teardown(test_a_task_is_assigned_and_closed_with_how_the_family_was_told,
		                                fixture_setup, fixture_teardown),
		cmocka_unit_test_setup_teardown(test_the_mark_survives_a_restart, fixture_setup, fixture_teardown),
		cmocka_unit_test_setup_teardown(test_a_remains_case_makes_a_task_per_step, fixture_setup, fixture_teardown),
		cmocka_unit_test_setup_teardown(test_a_dna_proposal_makes_a_task, fixture_setup, fixture_teardown),
	};
	return cmocka_run_group_tests_name("family watch", tests, NULL, NULL);
}
