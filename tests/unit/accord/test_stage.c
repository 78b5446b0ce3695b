/* Stages: versions of the manifest, agreement and listing, cancellation,
 * execution with every outcome, discrepancies, and the ledger. */
#include "fixture.h"

#include "accord/internal.h"
#include "accord/ledger.h"
#include "accord/plan.h"
#include "core/msg.h"

static const pdate june9 = {2025, 6, 9};

/* A stage of `ag` on june9 with everyone the planner proposes. */
static void planned_stage(fixture *f, const agreement *ag, const char *clause_id, char uid[UID_SIZE])
{
	plan p;
	plan_opts o = {.clause = clause_id, .date = june9};
	assert_ok(plan_make(f->r, ag, &o, &f->a, &p, &f->err), &f->err);
	assert_ok(stage_create_planned(f->r, &p, 1, "Belarus-Ukraine border", uid, &f->err), &f->err);
}

static stage get(fixture *f, const char *uid)
{
	stage s;
	assert_ok(stage_get(f->r, uid, &f->a, &s, &f->err), &f->err);
	return s;
}

/* What the signatures would do: the stage is agreed (manifest.c). */
static void agree(fixture *f, const char *uid)
{
	stage s = get(f, uid);
	assert_ok(store_begin(f->r, &f->err), &f->err);
	assert_ok(stage_mark_agreed(f->r, &s, &f->err), &f->err);
	assert_ok(store_commit(f->r, &f->err), &f->err);
}

static const char *entry_person(const stage *s, int side, int k)
{
	for(size_t i = 0; i < s->nentries; i++)
		if(s->entries[i].side == side && !s->entries[i].substitute_for && k-- == 0)
			return s->entries[i].person;
	fail_msg("no entry %d on side %d", k, side);
	return NULL;
}

#define QUOTA4 FX_AGREEMENT("q4", "{\"id\": \"q\", \"subject\": \"prisoners\", \"eligible\": \"status = held\"," \
	" \"basis\": {\"kind\": \"quota\", \"each\": 4}}, {\"id\": \"b\", \"subject\": \"remains\"," \
	" \"basis\": {\"kind\": \"quota\", \"each\": 100}, \"capacity\": 60}")

static void test_versions_and_the_diff(void **state)
{
	fixture *f = *state;
	agreement ag;
	fx_agreement(f, QUOTA4, true, &ag);
	fx_prisoners(f, "RU", "UA", 3, "none", "1990");
	fx_prisoners(f, "UA", "RU", 5, "none", "1990");
	char uid[UID_SIZE], extra[UID_SIZE], ineligible[UID_SIZE];
	fx_prisoner(f, &(prisoner){.surname = "Нестеренко", .given = "Олег", .birth = "1991", .party = "UA",
	                           .held_by = "RU", .consent = "no"}, ineligible);
	planned_stage(f, &ag, "q", uid);
	stage s = get(f, uid);
	assert_int_equal(s.version, 1);
	assert_int_equal(s.status, STAGE_DRAFT);
	assert_int_equal(s.nentries, 6);
	assert_int_equal(s.number, 1);
	assert_string_equal(s.handover_point, "Belarus-Ukraine border");
	assert_string_equal(s.transit, "BY");
	assert_non_null(s.entries[0].who.surname);
	assert_string_equal(s.entries[0].ref, s.entries[0].person);

	/* Put a waiting person on and take one off: version 2, in draft. */
	const char *off = entry_person(&s, 1, 0);
	plan p;
	plan_opts o = {.clause = "q", .date = june9, .capacity = 100};
	assert_ok(plan_make(f->r, &ag, &o, &f->a, &p, &f->err), &f->err);
	assert_int_equal(p.ncand[1], 2);  /* RU holds 5, 3 are on the stage */
	memcpy(extra, p.cand[1][0].who.uid, UID_SIZE);
	stage_entry add = {.side = 1, .clause = "q"};
	memcpy(add.person, extra, UID_SIZE);
	const char *remove[] = {off};
	assert_ok(stage_edit(f->r, uid, &add, 1, remove, 1, &f->err), &f->err);
	s = get(f, uid);
	assert_int_equal(s.version, 2);
	assert_int_equal(s.nentries, 6);
	assert_int_equal(s.entries[5].seq, 7); /* numbers are never reused */
	manifest_change *ch;
	size_t n;
	assert_ok(stage_diff(f->r, &s, 1, 2, &f->a, &ch, &n, &f->err), &f->err);
	assert_int_equal(n, 2);
	assert_int_equal(ch[0].op, '-');
	assert_int_equal(ch[1].op, '+');
	assert_contains(ch[1].what, "entry 7:");
	assert_contains(ch[1].what, extra);

	/* Someone refusing repatriation cannot be put on, with the reason. */
	memcpy(add.person, ineligible, UID_SIZE);
	assert_int_equal(stage_edit(f->r, uid, &add, 1, NULL, 0, &f->err), PL_ECONFLICT);
	assert_contains(f->err.msg, "cannot go in this stage: does not consent to repatriation (Art. 109)");
	/* Nor someone twice, nor someone held by the other side, for this one. */
	memcpy(add.person, extra, UID_SIZE);
	assert_int_equal(stage_edit(f->r, uid, &add, 1, NULL, 0, &f->err), PL_EINPUT);
	assert_contains(f->err.msg, "is already on stage");
	memcpy(add.person, p.cand[1][1].who.uid, UID_SIZE);
	add.side = 0;
	assert_int_equal(stage_edit(f->r, uid, &add, 1, NULL, 0, &f->err), PL_ECONFLICT);
	assert_contains(f->err.msg, "is held by RU, not UA");
	assert_int_equal(get(f, uid).version, 2);
	/* Both versions are kept. */
	assert_int_equal(fx_scalar(f, "SELECT count(*) FROM manifest"), 2);
}

static void test_agreement_lists_and_cancellation_delists(void **state)
{
	fixture *f = *state;
	agreement ag;
	fx_agreement(f, QUOTA4, true, &ag);
	fx_prisoners(f, "RU", "UA", 2, "none", "1990");
	fx_prisoners(f, "UA", "RU", 2, "none", "1990");
	char uid[UID_SIZE];
	planned_stage(f, &ag, "q", uid);
	assert_ok(stage_propose(f->r, uid, &f->err), &f->err);
	assert_int_equal(stage_propose(f->r, uid, &f->err), PL_ECONFLICT);
	agree(f, uid);
	stage s = get(f, uid);
	assert_int_equal(s.status, STAGE_AGREED);
	for(size_t i = 0; i < s.nentries; i++)
		assert_string_equal(fx_status(f, s.entries[i].person), "listed");
	/* A change after agreement: a new version, and the list no longer stands. */
	const char *off = entry_person(&s, 0, 0);
	const char *remove[] = {off};
	assert_ok(stage_edit(f->r, uid, NULL, 0, remove, 1, &f->err), &f->err);
	assert_string_equal(fx_status(f, off), "held");
	assert_string_equal(fx_status(f, entry_person(&s, 1, 0)), "held");
	assert_int_equal(get(f, uid).status, STAGE_DRAFT);
	agree(f, uid);
	assert_string_equal(fx_status(f, entry_person(&s, 1, 0)), "listed");
	/* Without a reason nothing changes: the audit needs one. */
	assert_int_equal(stage_cancel(f->r, uid, NULL, &f->err), PL_EINPUT);
	assert_int_equal(stage_cancel(f->r, uid, " \t", &f->err), PL_EINPUT);
	assert_contains(f->err.msg, "reason: expected why stage");
	assert_int_equal(get(f, uid).status, STAGE_AGREED);
	assert_string_equal(fx_status(f, entry_person(&s, 1, 0)), "listed");
	assert_ok(stage_cancel(f->r, uid, "the other side postponed", &f->err), &f->err);
	assert_string_equal(fx_status(f, entry_person(&s, 1, 0)), "held");
	assert_int_equal(get(f, uid).status, STAGE_CANCELLED);
	assert_int_equal(stage_cancel(f->r, uid, "again", &f->err), PL_ECONFLICT);
	assert_int_equal(fx_scalar(f, "SELECT count(*) FROM audit WHERE action = 'stage.status' AND"
	                              " after LIKE '%the other side postponed%'"), 1);
	/* The notes of those delisted say why, by code or in the words given. */
	assert_int_equal(fx_scalar(f, "SELECT count(*) FROM event WHERE type = 'delisted' AND"
	                              " note_code = 'stage.note_delisted' AND note LIKE '%: its manifest changed'"
	                              " AND note_args LIKE '%\"why\":\"stage.why_changed\"%'"), 4);
	assert_int_equal(fx_scalar(f, "SELECT count(*) FROM event WHERE type = 'delisted' AND"
	                              " note_code = 'stage.note_delisted' AND note LIKE '%: the other side postponed'"
	                              " AND note_args LIKE '%\"why\":\"the other side postponed\"%'"), 3);
	assert_int_equal(fx_scalar(f, "SELECT count(*) FROM event WHERE type = 'listed' AND"
	                              " note_code = 'stage.note_agreed' AND note LIKE '%, manifest version 1'"), 4);
	/* Nobody is booked on a cancelled stage. */
	plan p;
	plan_opts o = {.clause = "q", .date = june9};
	assert_ok(plan_make(f->r, &ag, &o, &f->a, &p, &f->err), &f->err);
	assert_int_equal(p.by_reason[EXCLUDE_BOOKED], 0);
	assert_int_equal(p.ncand[0] + p.ncand[1], 4);
}

static void test_execution(void **state)
{
	fixture *f = *state;
	agreement ag;
	fx_agreement(f, QUOTA4, true, &ag);
	char wounded[UID_SIZE], sub[UID_SIZE], uid[UID_SIZE], bodies[UID_SIZE];
	fx_prisoner(f, &(prisoner){.surname = "Ткаченко", .given = "Андрій", .birth = "1988", .party = "UA",
	                           .held_by = "RU", .medical = "severely_wounded", .captured = "2022-02-26"}, wounded);
	fx_prisoners(f, "UA", "RU", 3, "none", "1990");
	fx_prisoners(f, "RU", "UA", 4, "none", "1990");
	planned_stage(f, &ag, "q", uid);
	planned_stage(f, &ag, "b", bodies);
	stage s = get(f, uid);
	assert_int_equal(s.nentries, 8);
	/* Someone still waiting stands in for someone who refused. */
	fx_prisoner(f, &(prisoner){.surname = "Заміна", .given = "Петро", .birth = "1992", .party = "UA",
	                           .held_by = "RU"}, sub);
	stage_exec x = {0};
	assert_int_equal(stage_execute(f->r, uid, &x, &(stage_exec_report){0}, &f->err), PL_ECONFLICT);
	assert_contains(f->err.msg, "only an agreed stage");
	agree(f, uid);
	const char *refuses = entry_person(&s, 1, 1), *absent = entry_person(&s, 1, 2),
	           *dies = entry_person(&s, 0, 0);
	stage_outcome outs[] = {
		{.person = refuses, .outcome = OUTCOME_SUBSTITUTED, .substitute = sub, .note = "declined on the day"},
		{.person = absent, .outcome = OUTCOME_NOT_PRESENTED},
		{.person = dies, .outcome = OUTCOME_DIED},
	};
	x.outcomes = outs;
	x.noutcomes = 3;
	/* A substitute already on the stage is refused, and nothing changes. */
	outs[0].substitute = entry_person(&s, 1, 3);
	stage_exec_report rep;
	assert_int_equal(stage_execute(f->r, uid, &x, &rep, &f->err), PL_EINPUT);
	assert_contains(f->err.msg, "already on stage");
	/* Said in any language: the context by code, the refusal inside it. */
	assert_string_equal(f->err.code, "stage.substitute_for");
	char uk[PL_ERR_MSG_MAX];
	msg_err_text(&f->err, LANG_UK, uk, sizeof(uk));
	char want[300];
	snprintf(want, sizeof(want), "заміна для %s: ", refuses);
	assert_true(!strncmp(uk, want, strlen(want)));
	assert_null(strstr(uk, "substitute"));
	assert_int_equal(get(f, uid).status, STAGE_AGREED);
	assert_string_equal(fx_status(f, dies), "listed");
	outs[0].substitute = sub;
	assert_ok(stage_execute(f->r, uid, &x, &rep, &f->err), &f->err);
	assert_int_equal(rep.handed_over[0], 3);
	assert_int_equal(rep.handed_over[1], 3); /* 4 - 2 + the substitute */
	assert_int_equal(rep.substitutes[1], 1);
	assert_int_equal(rep.not_delivered[0], 1);
	assert_int_equal(rep.not_delivered[1], 2);
	assert_int_equal(rep.art117, 1);
	assert_int_equal(rep.discrepancies, 3);
	assert_string_equal(fx_status(f, wounded), "handed_over");
	assert_string_equal(fx_status(f, sub), "handed_over");
	assert_string_equal(fx_status(f, refuses), "held");
	assert_string_equal(fx_status(f, absent), "held");
	assert_string_equal(fx_status(f, dies), "died_in_captivity");
	s = get(f, uid);
	assert_int_equal(s.status, STAGE_EXECUTED);
	assert_int_equal(s.nentries, 9);
	const stage_entry *last = &s.entries[8];
	assert_string_equal(last->person, sub);
	assert_int_equal(last->outcome, OUTCOME_HANDED_OVER);
	assert_true(last->substitute_for > 0);
	stage_discrepancy *d;
	size_t nd;
	assert_ok(stage_discrepancies(f->r, &s, &f->a, &d, &nd, &f->err), &f->err);
	assert_int_equal(nd, 3);
	int said = 0;
	for(size_t i = 0; i < nd; i++)
		said += strstr(d[i].what, "replaced at the handover by an agreed substitute: declined on the day") != NULL;
	assert_int_equal(said, 1);
	/* The events' notes are coded, for the UI to say in the user's
	 * language; the English stays beside them. */
	person p;
	event *ev;
	size_t nev;
	assert_ok(registry_person_get(f->r, refuses, &f->a, &p, &f->err), &f->err);
	assert_ok(registry_person_events(f->r, p.id, &f->a, &ev, &nev, &f->err), &f->err);
	assert_string_equal(ev[nev - 1].f[EF_NOTE], "replaced at the handover by an agreed substitute: declined on the day");
	assert_string_equal(ev[nev - 1].note_code, "stage.note_outcome");
	assert_string_equal(ev[nev - 1].note_args,
	                    "{\"note\":\": declined on the day\",\"outcome\":\"discrepancy.substituted\"}");
	assert_ok(registry_person_get(f->r, sub, &f->a, &p, &f->err), &f->err);
	assert_ok(registry_person_events(f->r, p.id, &f->a, &ev, &nev, &f->err), &f->err);
	char note[200], args[200];
	snprintf(note, sizeof(note), "stage %d of %s (%s)", s.number, s.agreement, uid);
	snprintf(args, sizeof(args), "{\"agreement\":\"%s\",\"n\":\"%d\",\"stage\":\"%s\"}", s.agreement,
	         s.number, uid);
	assert_string_equal(ev[nev - 1].f[EF_TYPE], "handed_over");
	assert_string_equal(ev[nev - 1].f[EF_NOTE], note);
	assert_string_equal(ev[nev - 1].note_code, "stage.note");
	assert_string_equal(ev[nev - 1].note_args, args);
	/* Executed once only; then closed. */
	assert_int_equal(stage_execute(f->r, uid, &x, &rep, &f->err), PL_ECONFLICT);
	assert_ok(stage_close(f->r, uid, &f->err), &f->err);

	/* Bodies: 60 declared each side, 57 arrived from RU. */
	agree(f, bodies);
	s = get(f, bodies);
	stage_delivery del = {s.batches[1].batch, 57};
	stage_exec y = {.deliveries = &del, .ndeliveries = 1};
	assert_ok(stage_execute(f->r, bodies, &y, &rep, &f->err), &f->err);
	assert_int_equal(rep.bodies[0], 60);
	assert_int_equal(rep.bodies[1], 57);
	assert_int_equal(rep.discrepancies, 1);
	/* The remains office has the batches, tied to the stage. */
	char sql[200];
	snprintf(sql, sizeof(sql), "SELECT count(*) FROM remains_batch b JOIN stage s ON s.id = b.stage_id"
	                           " WHERE s.uid = '%s' AND b.from_party = 'RU' AND b.to_party = 'UA'", bodies);
	assert_int_equal(fx_scalar(f, sql), 1);

	ledger l;
	assert_ok(agreement_get(f->r, "q4", &f->a, &ag, &f->err), &f->err);
	assert_ok(ledger_compute(f->r, &ag, &f->a, &l, &f->err), &f->err);
	const ledger_side *u = l.clauses[0].side, *b = l.clauses[1].side;
	assert_int_equal(u[0].delivered, 3);
	assert_int_equal(u[1].delivered, 3);
	assert_int_equal(u[0].failed, 1);
	assert_int_equal(u[1].failed, 2);
	assert_int_equal(u[0].owed, 1);
	assert_int_equal(u[0].outstanding, 1);
	assert_int_equal(b[0].delivered, 60);
	assert_int_equal(b[1].delivered, 57);
	assert_int_equal(b[1].owed, 43);
	assert_int_equal(l.stages[STAGE_CLOSED], 1);
	assert_int_equal(l.stages[STAGE_EXECUTED], 1);
	buf t;
	buf_init(&t, 0);
	assert_ok(ledger_text(&ag, &l, &t), &f->err);
	assert_contains(buf_str(&t), "clause b (quota, in bodies)");
	buf_free(&t);
	/* The stage's entries and the persons' events are one unbroken chain. */
	audit_verify_report vr;
	assert_ok(audit_verify(f->r, &vr, &f->err), &f->err);
	assert_int_equal(vr.first_bad, 0);
	assert_true(fx_scalar(f, "SELECT count(*) FROM audit WHERE action LIKE 'stage.%'") >= 6);
}

/* Counted at signing: an agreed stage counts before anyone is handed over. */
static void test_counting_at_signing(void **state)
{
	fixture *f = *state;
	agreement ag;
	const char *doc = "{\"parley\": \"agreement/1\", \"id\": \"sig\", \"title\": \"t\", \"parties\": [\"UA\", \"RU\"],"
	                  " \"concluded\": \"2025-01-01\", \"counting\": \"at_signing\", \"clauses\": [{\"id\": \"c\","
	                  " \"subject\": \"prisoners\", \"eligible\": \"status = held\", \"basis\": {\"kind\": \"ratio\","
	                  " \"ratio\": {\"UA\": 1, \"RU\": 2}}}]}";
	fx_agreement(f, doc, true, &ag);
	fx_prisoners(f, "RU", "UA", 1, "none", "1990");
	fx_prisoners(f, "UA", "RU", 2, "none", "1990");
	char uid[UID_SIZE];
	planned_stage(f, &ag, "c", uid);
	ledger l;
	assert_ok(ledger_compute(f->r, &ag, &f->a, &l, &f->err), &f->err);
	assert_int_equal(l.clauses[0].side[0].delivered, 0);
	assert_int_equal(l.clauses[0].side[0].in_stages, 1);
	agree(f, uid);
	assert_ok(ledger_compute(f->r, &ag, &f->a, &l, &f->err), &f->err);
	assert_int_equal(l.clauses[0].side[0].delivered, 1);
	assert_int_equal(l.clauses[0].side[1].delivered, 2);
	assert_int_equal(l.clauses[0].side[0].owed, 0);
	assert_int_equal(l.clauses[0].side[1].owed, 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_versions_and_the_diff, fixture_setup, fixture_teardown),
		cmocka_unit_test_setup_teardown(test_agreement_lists_and_cancellation_delists, fixture_setup,
		                                fixture_teardown),
		cmocka_unit_test_setup_teardown(test_execution, fixture_setup, fixture_teardown),
		cmocka_unit_test_setup_teardown(test_counting_at_signing, fixture_setup, fixture_teardown),
	};
	return cmocka_run_group_tests_name("accord/stage", tests, NULL, NULL);
}
