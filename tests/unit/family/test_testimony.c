/* Testimonies: a sighting in any script or partial goes to review with
 * candidates (or says why none); accepting makes one event that never
 * changes a status, twice makes still one; a rejected sighting makes none;
 * the watch makes one task for a person with an open inquiry; bad input
 * is refused by field with nothing written; the proof-of-captivity report
 * lists the unacknowledged with their testimony, not the acknowledged. */
#include "fixture.h"

#include "core/msg.h"

typedef struct tfx {
	char returnee[UID_SIZE];
	person held, missing;     /* acknowledged by the other side; not */
} tfx;

/* A returnee, a person the other side listed (held) and one they never
 * acknowledged (captured by the office's own records). */
static void people(fixture *f, tfx *t)
{
	person r = fx_person("Поплавський", "Євген", "1985-02-02");
	fx_add(f, &r);
	snprintf(t->returnee, UID_SIZE, "%s", r.uid);
	t->held = fx_person("Кравчук", "Назар", "1994-04-04");
	t->held.f[PF_UNIT] = "в/ч А7001";
	fx_add(f, &t->held);
	event e = {0};
	e.f[EF_TYPE] = "capture_card";
	e.f[EF_DATE] = "2025-05-01";
	e.f[EF_SOURCE] = "counterpart_list";
	assert_ok(registry_event_add(f->r, t->held.uid, &e, &f->err), &f->err);
	t->missing = fx_person("Шевчук", "Тарас", "1991-01-01");
	t->missing.f[PF_UNIT] = "в/ч А1302";
	fx_add(f, &t->missing);
	assert_ok(fx_event(f, t->missing.uid, "capture", "2025-04-10", NULL), &f->err);
}

static void add(fixture *f, const tfx *t, const char *(*s)[SF_COUNT], size_t n, testimony_result *res)
{
	testimony_input in = {.s = s, .ns = n};
	in.f[TF_RETURNEE] = t->returnee;
	in.f[TF_TAKEN_ON] = "2025-11-20";
	in.f[TF_TAKEN_AT] = "Чернігів";
	assert_ok(family_testimony_add(f->r, &in, res, &f->err), &f->err);
}

static void get(fixture *f, const char *uid, testimony *t)
{
	assert_ok(family_testimony_get(f->r, uid, &f->a, t, &f->err), &f->err);
}

static void accept(fixture *f, const char *sighting_uid, const char *person_uid, sighting_result *r)
{
	sighting_decision d = {.person = person_uid, .confidence = "high"};
	assert_ok(family_sighting_accept(f->r, sighting_uid, &d, r, &f->err), &f->err);
}

static long long sightings_events(fixture *f)
{
	return fx_scalar(f, "SELECT count(*) FROM event WHERE type = 'sighting'");
}

static void test_mixed_scripts_and_a_partial_name_get_candidates(void **state)
{
	fixture *f = *state;
	tfx t;
	people(f, &t);
	const char *s[4][SF_COUNT] = {
		{[SF_SURNAME] = "Shevchuk", [SF_GIVEN_NAMES] = "Taras", [SF_PLACE] = "Оленівка", [SF_DATE] = "2025-09",
		 [SF_CONDITION] = "alive"},
		{[SF_SURNAME] = "Кравчук", [SF_GIVEN_NAMES] = "Назар", [SF_CONDITION] = "wounded"},
		{[SF_GIVEN_NAMES] = "Тарас", [SF_UNIT] = "А1302"},   /* a given name and the unit */
		{[SF_NICKNAME] = "Грізлі", [SF_UNIT] = "47"},
	};
	testimony_result res;
	add(f, &t, s, 4, &res);
	assert_int_equal(res.nsightings, 4);
	assert_int_equal(res.with_candidates, 3);
	testimony v;
	get(f, res.uid, &v);
	assert_int_equal(v.nsightings, 4);
	assert_int_equal(v.in_review, 4);
	assert_true(v.s[0].ncand >= 1);
	assert_string_equal(v.s[0].cand[0].who.uid, t.missing.uid);
	assert_true(v.s[0].cand[0].prob > 0.5);
	assert_string_equal(v.s[1].cand[0].who.uid, t.held.uid);
	assert_string_equal(v.s[2].cand[0].who.uid, t.missing.uid);
	assert_int_equal(v.s[3].ncand, 0);
	assert_string_equal(v.s[3].why_none, "testimony.why_nickname");
	assert_string_equal(v.s[3].f[SF_CONDITION], "unknown");
	assert_string_equal(v.returnee.uid, t.returnee);
	fam_chain_intact(f);
}

static void test_accepting_never_changes_a_status_and_twice_is_once(void **state)
{
	fixture *f = *state;
	tfx t;
	people(f, &t);
	const char *s[1][SF_COUNT] = {{[SF_SURNAME] = "Шевчук", [SF_GIVEN_NAMES] = "Тарас", [SF_PLACE] = "Оленівка",
	                               [SF_DATE] = "2025-09", [SF_CONDITION] = "alive"}};
	testimony_result res;
	add(f, &t, s, 1, &res);
	testimony v;
	get(f, res.uid, &v);
	char before[32];
	snprintf(before, sizeof(before), "%s", lifecycle_status_name(v.s[0].cand[0].who.status));
	assert_string_equal(before, "captured");
	sighting_result r1, r2;
	accept(f, v.s[0].uid, t.missing.uid, &r1);
	assert_false(r1.already);
	assert_int_equal(sightings_events(f), 1);
	assert_int_equal(fx_scalar(f, "SELECT count(*) FROM event WHERE type = 'sighting' AND source = 'testimony'"
	                              " AND status_before = 'captured' AND status_after = 'captured'"
	                              " AND date = '2025-09' AND place = 'Оленівка'"),
	                 1);
	assert_int_equal(fx_scalar(f, "SELECT count(*) FROM person p JOIN person_state s ON s.person_id = p.id WHERE s.status = 'captured' AND p.surname = 'Шевчук'"), 1);
	accept(f, v.s[0].uid, t.missing.uid, &r2);
	assert_true(r2.already);
	assert_string_equal(r2.event, r1.event);
	assert_int_equal(sightings_events(f), 1);
	/* as someone else: refused, nothing changed */
	sighting_decision d = {.person = t.held.uid, .confidence = "low"};
	assert_int_equal(family_sighting_accept(f->r, v.s[0].uid, &d, &r2, &f->err), PL_ECONFLICT);
	assert_int_equal(sightings_events(f), 1);
	/* dated before other events: the replay keeps every status */
	const char *early[1][SF_COUNT] = {{[SF_SURNAME] = "Кравчук", [SF_GIVEN_NAMES] = "Назар", [SF_DATE] = "2025-01",
	                                   [SF_CONDITION] = "ill"}};
	add(f, &t, early, 1, &res);
	get(f, res.uid, &v);
	accept(f, v.s[0].uid, t.held.uid, &r1);
	assert_int_equal(fx_scalar(f, "SELECT count(*) FROM person p JOIN person_state s ON s.person_id = p.id WHERE s.status = 'held' AND p.surname = 'Кравчук'"), 1);
	assert_int_equal(fx_scalar(f, "SELECT count(*) FROM event WHERE type = 'sighting' AND date = '2025-01'"
	                              " AND status_before = 'missing' AND status_after = 'missing'"),
	                 1);
	fam_chain_intact(f);
}

static void test_a_rejected_sighting_makes_no_event(void **state)
{
	fixture *f = *state;
	tfx t;
	people(f, &t);
	const char *s[2][SF_COUNT] = {{[SF_SURNAME] = "Шевчук", [SF_CONDITION] = "dead"},
	                              {[SF_NICKNAME] = "Бандит"}};
	testimony_result res;
	add(f, &t, s, 2, &res);
	testimony v;
	get(f, res.uid, &v);
	sighting_decision no_reason = {0};
	assert_int_equal(family_sighting_reject(f->r, v.s[0].uid, &no_reason, &f->err), PL_EINPUT);
	sighting_decision why = {.note = "the returnee meant another Шевчук, a civilian"};
	assert_ok(family_sighting_reject(f->r, v.s[0].uid, &why, &f->err), &f->err);
	sighting_decision none = {.not_in_registry = true};
	assert_ok(family_sighting_reject(f->r, v.s[1].uid, &none, &f->err), &f->err);
	assert_int_equal(sightings_events(f), 0);
	sighting_result r;
	sighting_decision d = {.person = t.missing.uid, .confidence = "high"};
	assert_int_equal(family_sighting_accept(f->r, v.s[0].uid, &d, &r, &f->err), PL_ECONFLICT);
	assert_int_equal(sightings_events(f), 0);
	get(f, res.uid, &v);
	assert_int_equal(v.in_review, 0);
	assert_int_equal(v.s[0].status, SS_REJECTED);
	assert_int_equal(v.s[1].status, SS_NOT_IN_REGISTRY);
}

static void test_the_watch_makes_one_task_with_the_testimony(void **state)
{
	fixture *f = *state;
	tfx t;
	people(f, &t);
	inquiry_input in;
	fam_input(&in, "inquirer=Олена Шевчук", "relation=mother", "language=uk", "person=", "received=2025-06-01",
	          "consent_tracing=oral 2025-06-01", NULL);
	in.f[IF_PERSON] = t.missing.uid;
	inquiry_result q;
	assert_ok(family_inquiry_add(f->r, &in, &q, &f->err), &f->err);
	watch_report w;
	/* (the capture, recorded within the inquiry's second, may be news too) */
	assert_ok(family_watch_run(f->r, &w, &f->err), &f->err);
	long long before = fx_scalar(f, "SELECT count(*) FROM family_task");
	const char *s[1][SF_COUNT] = {{[SF_SURNAME] = "Шевчук", [SF_GIVEN_NAMES] = "Тарас", [SF_PLACE] = "Оленівка",
	                               [SF_DATE] = "2025-09-14", [SF_CONDITION] = "alive"}};
	testimony_result res;
	add(f, &t, s, 1, &res);
	testimony v;
	get(f, res.uid, &v);
	sighting_result r;
	accept(f, v.s[0].uid, t.missing.uid, &r);
	assert_int_equal(r.tasks, 1);
	accept(f, v.s[0].uid, t.missing.uid, &r);
	assert_ok(family_watch_run(f->r, &w, &f->err), &f->err);
	assert_int_equal(w.created, 0);
	assert_int_equal(fx_scalar(f, "SELECT count(*) FROM family_task"), before + 1);
	assert_int_equal(fx_scalar(f, "SELECT count(*) FROM family_task WHERE evidence_code = 'watch.ev_sighting_alive'"), 1);
	task_query tq = TASK_QUERY_INIT;
	task_page pg;
	assert_ok(family_task_list(f->r, &tq, &f->a, &pg, &f->err), &f->err);
	assert_int_equal(pg.n, (size_t)before + 1);
	size_t k = 0;
	while(k < pg.n && strcmp(pg.rows[k].evidence_code, "watch.ev_sighting_alive"))
		k++;
	assert_true(k < pg.n);
	pg.rows[0] = pg.rows[k];
	char text[512];
	family_task_evidence(&pg.rows[0], LANG_EN, text, sizeof(text));
	assert_string_equal(text, "seen alive in captivity in Оленівка on 2025-09-14 according to the testimony of "
	                          "Поплавський Євген taken 2025-11-20");
	family_task_evidence(&pg.rows[0], LANG_UK, text, sizeof(text));
	assert_contains(text, "бачили живим у полоні");
}

static void test_bad_input_is_refused_by_field_and_nothing_written(void **state)
{
	fixture *f = *state;
	tfx t;
	people(f, &t);
	long long before = fx_scalar(f, "SELECT count(*) FROM testimony");
	const char *ok[2][SF_COUNT] = {{[SF_SURNAME] = "Шевчук"}, {[SF_SURNAME] = "Кравчук", [SF_CONDITION] = "asleep"}};
	testimony_input in = {.s = ok, .ns = 2};
	in.f[TF_RETURNEE] = t.returnee;
	in.f[TF_TAKEN_ON] = "2025-11-20";
	testimony_result res;
	assert_int_equal(family_testimony_add(f->r, &in, &res, &f->err), PL_EINPUT);
	assert_int_equal(res.sighting, 1);
	assert_int_equal(res.field, SF_CONDITION);
	assert_contains(f->err.msg, "sightings[2].condition");
	ok[1][SF_CONDITION] = NULL;
	ok[1][SF_SURNAME] = NULL; /* nobody named */
	assert_int_equal(family_testimony_add(f->r, &in, &res, &f->err), PL_EINPUT);
	assert_int_equal(res.sighting, 1);
	assert_contains(f->err.msg, "sightings[2]");
	ok[1][SF_SURNAME] = "Кравчук";
	ok[1][SF_DATE] = "2025-12";  /* after the debriefing */
	assert_int_equal(family_testimony_add(f->r, &in, &res, &f->err), PL_EINPUT);
	assert_int_equal(res.field, SF_DATE);
	ok[1][SF_DATE] = NULL;
	in.f[TF_TAKEN_ON] = "2025-11";  /* not a whole day */
	assert_int_equal(family_testimony_add(f->r, &in, &res, &f->err), PL_EINPUT);
	assert_int_equal(res.field, TF_TAKEN_ON);
	in.f[TF_TAKEN_ON] = "2025-11-20";
	in.f[TF_RETURNEE] = "PAAAAAAAAAAAAAAAA";
	assert_int_not_equal(family_testimony_add(f->r, &in, &res, &f->err), PL_OK);
	assert_int_equal(res.field, TF_RETURNEE);
	in.f[TF_RETURNEE] = t.returnee;
	in.ns = 0;
	assert_int_equal(family_testimony_add(f->r, &in, &res, &f->err), PL_EINPUT);
	assert_int_equal(fx_scalar(f, "SELECT count(*) FROM testimony"), before);
	assert_int_equal(fx_scalar(f, "SELECT count(*) FROM sighting"), 0);
}

static void test_the_proof_report_lists_the_unacknowledged_with_the_testimony(void **state)
{
	fixture *f = *state;
	tfx t;
	people(f, &t);
	const char *s[2][SF_COUNT] = {{[SF_SURNAME] = "Шевчук", [SF_GIVEN_NAMES] = "Тарас", [SF_PLACE] = "Оленівка",
	                               [SF_DATE] = "2025-09", [SF_CONDITION] = "wounded", [SF_NOTE] = "лікар казав: осколок"},
	                              {[SF_SURNAME] = "Кравчук", [SF_GIVEN_NAMES] = "Назар", [SF_PLACE] = "Оленівка"}};
	testimony_result res;
	add(f, &t, s, 2, &res);
	testimony v;
	get(f, res.uid, &v);
	sighting_result r;
	accept(f, v.s[0].uid, t.missing.uid, &r);
	accept(f, v.s[1].uid, t.held.uid, &r);
	proof_report p;
	assert_ok(family_proof(f->r, &f->a, &p, &f->err), &f->err);
	bool found = false;
	for(size_t i = 0; i < p.n; i++) {
		assert_string_not_equal(p.p[i].who.uid, t.held.uid);
		assert_string_not_equal(p.p[i].who.uid, t.returnee);
		if(strcmp(p.p[i].who.uid, t.missing.uid))
			continue;
		found = true;
		assert_int_equal(p.p[i].nev, 2);
		assert_string_equal(p.p[i].ev[0].type, "capture");
		assert_string_equal(p.p[i].ev[1].source, "testimony");
		assert_string_equal(p.p[i].ev[1].testimony, res.uid);
		assert_string_equal(p.p[i].ev[1].returnee, t.returnee);
		assert_string_equal(p.p[i].ev[1].condition, "wounded");
		assert_string_equal(p.p[i].ev[1].confidence, "high");
		assert_string_equal(p.p[i].ev[1].place, "Оленівка");
	}
	assert_true(found);
	buf csv;
	buf_init(&csv, 0);
	assert_int_equal(proof_write_csv(&csv, &p), PL_OK);
	assert_contains(buf_str(&csv), res.uid);
	assert_null(strstr(buf_str(&csv), "осколок")); /* the returnee's words are not handed over */
	assert_null(strstr(buf_str(&csv), t.held.uid));
	buf_free(&csv);
	json_t *o = proof_json(&p);
	char *text = json_dumps(o, 0);
	assert_null(strstr(text, "осколок"));
	assert_contains(text, "\"confidence\": \"high\"");
	free(text);
	json_decref(o);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_mixed_scripts_and_a_partial_name_get_candidates, fam_setup,
		                                fixture_teardown),
		cmocka_unit_test_setup_teardown(test_accepting_never_changes_a_status_and_twice_is_once, fam_setup,
		                                fixture_teardown),
		cmocka_unit_test_setup_teardown(test_a_rejected_sighting_makes_no_event, fam_setup, fixture_teardown),
		cmocka_unit_test_setup_teardown(test_the_watch_makes_one_task_with_the_testimony, fam_setup,
		                                fixture_teardown),
		cmocka_unit_test_setup_teardown(test_bad_input_is_refused_by_field_and_nothing_written, fam_setup,
		                                fixture_teardown),
		cmocka_unit_test_setup_teardown(test_the_proof_report_lists_the_unacknowledged_with_the_testimony,
		                                fam_setup, fixture_teardown),
	};
	return cmocka_run_group_tests_name("testimony", tests, NULL, NULL);
}
