/* Remains cases: batches, the moves of the identification status allowed
 * and refused, what confirming records on the person, custody order,
 * fragments across cases, listings, and an audit entry for every change. */
#include "fixture.h"

#include <jansson.h>

#include "core/msg.h"

/* ---- batches and cases ------------------------------------------------- */

static void test_batches_count_declared_and_received(void **state)
{
	fixture *f = *state;
	rx_batch(f, "RU-UA-2025-06-11", "2025-06-11", 3);
	remains_batch dup = {.label = "RU-UA-2025-06-11", .from_party = "RU", .to_party = "UA",
	                     .declared = -1};
	assert_int_equal(remains_batch_add(f->r, &dup, &f->err), PL_ECONFLICT);
	assert_contains(f->err.msg, "a batch labelled 'RU-UA-2025-06-11' exists already");
	remains_batch same = {.label = "X", .from_party = "ua", .to_party = "UA", .declared = -1};
	assert_int_equal(remains_batch_add(f->r, &same, &f->err), PL_EINPUT);
	assert_contains(f->err.msg, "a batch goes from one party to the other");
	remains_batch bad = {.label = "Y", .from_party = "Ruritania", .to_party = "UA", .declared = -1};
	assert_int_equal(remains_batch_add(f->r, &bad, &f->err), PL_EINPUT);
	assert_contains(f->err.msg, "from: expected a party code of 2 or 3 letters (UA, RU) (got 'Ruritania')");
	rx_case(f, "UA-2025-06-11-0001", "RU-UA-2025-06-11");
	rx_case(f, "UA-2025-06-11-0002", "RU-UA-2025-06-11");
	rx_case(f, "LOCAL-1", NULL);
	remains_batch b;
	assert_ok(remains_batch_get(f->r, "RU-UA-2025-06-11", stage_uid_by_id, &f->a, &b, &f->err),
	          &f->err);
	assert_int_equal(b.declared, 3);
	assert_int_equal(b.received, 2);
	assert_int_equal(b.by_status[RS_UNIDENTIFIED], 2);
	assert_string_equal(b.from_party, "RU");
	assert_string_equal(b.handover_date, "2025-06-11");
	assert_true(registry_uid_valid('B', b.uid));
	assert_null(b.stage);
	assert_int_equal(remains_batch_get(f->r, "nope", stage_uid_by_id, &f->a, &b, &f->err),
	                 PL_ENOTFOUND);
	remains_batch *all;
	size_t n;
	assert_ok(remains_batch_list(f->r, stage_uid_by_id, &f->a, &all, &n, &f->err), &f->err);
	assert_int_equal(n, 1);
	assert_int_equal(rx_scalar(f, "SELECT count(*) FROM audit WHERE entity = 'remains_batch'"), 1);
	assert_int_equal(rx_scalar(f, "SELECT count(*) FROM audit WHERE entity = 'remains_case'"), 3);
}

static void test_a_new_batch_needs_its_parties(void **state)
{
	fixture *f = *state;
	remains_result res;
	assert_int_equal(rx_put(f, &res, "tag=T1", "batch=B1", NULL), PL_EINPUT);
	assert_contains(f->err.msg, "batch 'B1' is new: give the party that handed it over");
	assert_int_equal(res.field, RF_BATCH);
	assert_int_equal(rx_scalar(f, "SELECT count(*) FROM remains_case"), 0);
	assert_ok(rx_put(f, &res, "tag=T1", "batch=B1", "from_party=ru", "to_party=UA",
	                 "handover_date=2025-06", NULL), &f->err);
	assert_true(res.batch_created);
	/* What a row says of a batch there already must agree with it. */
	assert_int_equal(rx_put(f, &res, "tag=T2", "batch=B1", "from_party=UA", NULL), PL_ECONFLICT);
	assert_contains(f->err.msg, "batch 'B1' was handed over by RU, not UA");
	assert_int_equal(res.field, RF_FROM_PARTY);
	assert_ok(rx_put(f, &res, "tag=T2", "batch=B1", "from_party=RU", NULL), &f->err);
	assert_false(res.batch_created);
}

static void test_put_checks_values_and_keeps_what_is_known(void **state)
{
	fixture *f = *state;
	remains_result res;
	assert_int_equal(rx_put(f, &res, "tag=T", "condition=burnt", NULL), PL_EINPUT);
	assert_contains(f->err.msg, "condition: not one of the allowed values (got 'burnt'); expected one "
	                            "of: complete, incomplete, fragmented, skeletal, commingled");
	assert_int_equal(rx_put(f, &res, "condition=skeletal", NULL), PL_EINPUT);
	assert_contains(f->err.msg, "tag: required");
	assert_int_equal(rx_put(f, &res, "tag=T", "holder=Морг", NULL), PL_EINPUT);
	assert_contains(f->err.msg, "custody_since: required with a holder");
	assert_int_equal(rx_put(f, &res, "tag=T", "recovery_date=2999", NULL), PL_EINPUT);
	assert_contains(f->err.msg, "recovery_date: ");
	assert_ok(rx_put(f, &res, "tag=T", "condition=skeletal", "recovery_place=Бахмут",
	                 "recovery_date=2024-05", NULL), &f->err);
	assert_int_equal(res.saved, REMAINS_CREATED);
	/* Empty values leave what is known; a new value changes it. */
	assert_ok(rx_put(f, &res, "tag=T", "condition=", "recovery_place=Бахмут", NULL), &f->err);
	assert_int_equal(res.saved, REMAINS_UNCHANGED);
	assert_ok(rx_put(f, &res, "tag=T", "condition=commingled", NULL), &f->err);
	assert_int_equal(res.saved, REMAINS_UPDATED);
	remains_case_detail d;
	assert_ok(remains_case_get(f->r, "T", &f->a, &d, &f->err), &f->err);
	assert_string_equal(d.c.condition, "commingled");
	/* Found by its id as well, for addresses a tag cannot be part of. */
	const char *tag = NULL;
	assert_ok(remains_case_tag(f->r, d.c.uid, &f->a, &tag, &f->err), &f->err);
	assert_string_equal(tag, "T");
	assert_int_equal(remains_case_tag(f->r, "R0000000000000000", &f->a, &tag, &f->err), PL_ENOTFOUND);
	assert_string_equal(d.c.recovery_place, "Бахмут");
	assert_string_equal(d.c.recovery_date, "2024-05");
	assert_int_equal(rx_scalar(f, "SELECT count(*) FROM audit WHERE entity = 'remains_case' AND"
	                              " action = 'update' AND before = '{\"condition\":\"skeletal\","
	                              "\"tag\":\"T\"}' AND after = '{\"condition\":\"commingled\"}'"), 1);
}

/* ---- transitions -------------------------------------------------------- */

/* A case in each status: T-unidentified, T-preliminary, T-confirmed,
 * T-returned; p gets the person of the identified ones. */
static void cases_in_every_status(fixture *f, char p[UID_SIZE])
{
	char q[UID_SIZE];
	rx_batch(f, "B", "2025-06-11", -1);
	rx_person(f, "missing", p);
	rx_person(f, "missing", q);
	remains_result res;
	for(int s = 0; s < RS_COUNT; s++) {
		char tag[40];
		snprintf(tag, sizeof(tag), "T-%s", remains_status_name((remains_status)s));
		rx_case(f, tag, "B");
		if(s == RS_PRELIMINARY)
			assert_ok(remains_identify(f->r, tag, q, false, &res, &f->err), &f->err);
		if(s == RS_CONFIRMED)
			assert_ok(remains_identify(f->r, tag, p, true, &res, &f->err), &f->err);
		if(s == RS_RETURNED)
			assert_ok(remains_return(f->r, tag, "RU", "2025-06-20", NULL, &res, &f->err), &f->err);
		assert_string_equal(rx_status(f, tag), remains_status_name((remains_status)s));
	}
}

static void test_the_moves_allowed_and_refused(void **state)
{
	fixture *f = *state;
	static const bool allowed[RS_COUNT][RS_COUNT] = {
		[RS_UNIDENTIFIED] = {[RS_PRELIMINARY] = true, [RS_RETURNED] = true},
		[RS_PRELIMINARY] = {[RS_UNIDENTIFIED] = true, [RS_CONFIRMED] = true, [RS_RETURNED] = true},
	};
	report rep = {0};
	for(int from = 0; from < RS_COUNT; from++)
		for(int to = 0; to < RS_COUNT; to++) {
			bool ok = !remains_transition_refused((remains_status)from, (remains_status)to);
			if(ok != allowed[from][to])
				report_add(&rep, "%s -> %s: %s\n", remains_status_names[from], remains_status_names[to],
				           ok ? "allowed" : "refused");
		}
	report_check(&rep, RS_COUNT * RS_COUNT);
	char p[UID_SIZE];
	cases_in_every_status(f, p);
	remains_result res;
	/* Final statuses refuse everything, with the reason. */
	assert_int_equal(remains_withdraw(f->r, "T-confirmed", &res, &f->err), PL_ECONFLICT);
	assert_contains(f->err.msg, "case T-confirmed is confirmed and cannot become unidentified: a "
	                            "confirmed identification is final");
	/* By code, and so in Ukrainian, the reason too. */
	assert_string_equal(f->err.code, "remains.cannot_become");
	char uk[PL_ERR_MSG_MAX];
	msg_err_text(&f->err, LANG_UK, uk, sizeof(uk));
	assert_string_equal(uk, "справа T-confirmed має статус «confirmed» і не може отримати статус "
	                        "«unidentified»: підтверджена ідентифікація остаточна (подію особи identified "
	                        "записано)");
	assert_int_equal(remains_return(f->r, "T-confirmed", "RU", "2025-07-01", NULL, &res, &f->err),
	                 PL_ECONFLICT);
	assert_int_equal(remains_identify(f->r, "T-returned", p, false, &res, &f->err), PL_ECONFLICT);
	assert_contains(f->err.msg, "the remains were returned to the other side");
	assert_int_equal(remains_withdraw(f->r, "T-unidentified", &res, &f->err), PL_ECONFLICT);
	assert_contains(f->err.msg, "case T-unidentified is unidentified: there is no identification to withdraw");
	/* A preliminary case is not re-identified as someone else in one step. */
	assert_int_equal(remains_identify(f->r, "T-preliminary", p, false, &res, &f->err), PL_ECONFLICT);
	assert_contains(f->err.msg, "withdraw that identification first");
	assert_int_equal(remains_identify(f->r, "T-preliminary", p, true, &res, &f->err), PL_ECONFLICT);
	assert_contains(f->err.msg, "withdraw that identification first (parley remains withdraw T-preliminary)");
	/* Withdrawn, it is unidentified and has no person. */
	assert_ok(remains_withdraw(f->r, "T-preliminary", &res, &f->err), &f->err);
	assert_int_equal(res.before, RS_PRELIMINARY);
	assert_int_equal(res.after, RS_UNIDENTIFIED);
	assert_int_equal(rx_scalar(f, "SELECT count(*) FROM remains_case WHERE tag = 'T-preliminary'"
	                              " AND person_id IS NULL AND status = 'unidentified'"), 1);
	/* A preliminary identification is returned too, and loses its person. */
	char q[UID_SIZE];
	rx_person(f, "missing", q);
	assert_ok(remains_identify(f->r, "T-preliminary", q, false, &res, &f->err), &f->err);
	assert_ok(remains_return(f->r, "T-preliminary", "ru", "2025-07-01", "форма РФ", &res, &f->err),
	          &f->err);
	assert_int_equal(rx_scalar(f, "SELECT count(*) FROM remains_case WHERE tag = 'T-preliminary'"
	                              " AND person_id IS NULL AND status = 'returned'"), 1);
	assert_int_equal(remains_identify(f->r, "nope", q, false, &res, &f->err), PL_ENOTFOUND);
	assert_contains(f->err.msg, "no remains case tagged 'nope'");
	rx_chain_intact(f);
}

static void test_a_refused_move_writes_nothing(void **state)
{
	fixture *f = *state;
	char p[UID_SIZE];
	rx_person(f, "missing", p);
	rx_case(f, "NOBATCH", NULL);
	remains_result res;
	long long audit = fx_scalar(f, "SELECT count(*) FROM audit");
	/* Confirming a missing person needs the handover date of the batch. */
	assert_int_equal(remains_identify(f->r, "NOBATCH", p, true, &res, &f->err), PL_ECONFLICT);
	assert_contains(f->err.msg, "case NOBATCH is in no batch with a handover date");
	assert_int_equal(res.field, RF_STATUS);
	assert_string_equal(rx_status(f, "NOBATCH"), "unidentified");
	assert_string_equal(fx_status(f, p), "missing");
	assert_int_equal(fx_scalar(f, "SELECT count(*) FROM audit"), audit);
	assert_int_equal(fx_scalar(f, "SELECT count(*) FROM event"), 0);
}

static void test_only_the_dead_and_missing_are_identified(void **state)
{
	fixture *f = *state;
	char held[UID_SIZE];
	rx_person(f, "held", held);
	rx_case(f, "T", NULL);
	remains_result res;
	assert_int_equal(remains_identify(f->r, "T", held, false, &res, &f->err), PL_ECONFLICT);
	assert_contains(f->err.msg, "is held (confirmed): remains can be identified only as a person who "
	                            "is missing, died in captivity or whose remains were returned");
	assert_int_equal(remains_identify(f->r, "T", "P0000000000000000", false, &res, &f->err),
	                 PL_ENOTFOUND);
	assert_int_equal(remains_identify(f->r, "T", "", false, &res, &f->err), PL_EINPUT);
	assert_string_equal(rx_status(f, "T"), "unidentified");
}

/* ---- confirming: the person's events ------------------------------------- */

static void test_confirming_records_the_persons_events(void **state)
{
	fixture *f = *state;
	rx_batch(f, "B", "2025-06-11", -1);
	static const struct {
		const char *status;
		int events;        /* recorded by confirming */
		const char *first; /* the first of them */
	} cases[] = {
		{"missing", 2, "remains_returned"},
		{"died_in_captivity", 2, "remains_returned"},
		{"remains_returned", 1, "identified"},
	};
	for(size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		char p[UID_SIZE], tag[40];
		rx_person(f, cases[i].status, p);
		snprintf(tag, sizeof(tag), "T%zu", i);
		rx_case(f, tag, "B");
		remains_result res;
		long long before = rx_scalar(f, "SELECT count(*) FROM event e JOIN person p ON p.id = e.person_id"
		                                " WHERE p.uid = '%s'", p);
		assert_ok(remains_identify(f->r, tag, p, true, &res, &f->err), &f->err);
		assert_int_equal(res.events_added, cases[i].events);
		assert_int_equal(res.before, RS_UNIDENTIFIED);
		assert_int_equal(res.after, RS_CONFIRMED);
		assert_string_equal(fx_status(f, p), "identified");
		assert_int_equal(rx_scalar(f, "SELECT count(*) FROM event e JOIN person p ON p.id = e.person_id"
		                              " WHERE p.uid = '%s'", p), before + cases[i].events);
		assert_int_equal(rx_scalar(f, "SELECT count(*) FROM event e JOIN person p ON p.id = e.person_id"
		                              " WHERE p.uid = '%s' AND e.type = '%s' AND e.note LIKE"
		                              " 'remains case %s, batch B'", p, cases[i].first, tag), 1);
		if(cases[i].events == 2) /* dated the batch's handover */
			assert_int_equal(rx_scalar(f, "SELECT count(*) FROM event e JOIN person p ON"
			                              " p.id = e.person_id WHERE p.uid = '%s' AND"
			                              " e.type = 'remains_returned' AND e.date = '2025-06-11'", p), 1);
		assert_int_equal(rx_scalar(f, "SELECT count(*) FROM remains_case c JOIN person p ON"
		                              " p.id = c.person_id WHERE c.tag = '%s' AND p.uid = '%s'", tag, p), 1);

		/* Confirming an unidentified case passes through preliminary: the
		 * confirm entry starts from that identification, with its person. */
		assert_int_equal(rx_scalar(f, "SELECT count(*) FROM audit a JOIN remains_case c ON"
		                              " c.uid = a.entity_uid WHERE a.action = 'confirm' AND c.tag = '%s'"
		                              " AND json_extract(a.before, '$.person') = '%s'", tag, p), 1);
	}
	/* Every change audited: identify and confirm per case, the events. */
	assert_int_equal(fx_scalar(f, "SELECT count(*) FROM audit WHERE action = 'identify'"), 3);
	assert_int_equal(fx_scalar(f, "SELECT count(*) FROM audit WHERE action = 'confirm'"), 3);
	rx_chain_intact(f);
}

/* ---- one person in several cases; fragments --------------------------------- */

static void test_a_person_spread_over_cases(void **state)
{
	fixture *f = *state;
	char p[UID_SIZE], other[UID_SIZE];
	rx_person(f, "missing", p);
	rx_person(f, "died_in_captivity", other);
	rx_batch(f, "B1", "2025-06-11", -1);
	rx_batch(f, "B2", "2025-07-02", -1);
	rx_case(f, "A", "B1");
	rx_case(f, "B", "B2");
	rx_case(f, "C", "B2");
	remains_result res;
	assert_ok(remains_identify(f->r, "A", p, true, &res, &f->err), &f->err);
	/* Another case as the same person: refused until it holds a fragment of them. */
	assert_int_equal(remains_identify(f->r, "B", p, true, &res, &f->err), PL_ECONFLICT);
	assert_contains(f->err.msg, "already has a confirmed case (A): if case B holds another part of them,"
	                            " record it as a fragment linked to them first");
	assert_string_equal(rx_status(f, "B"), "unidentified");
	/* Case B holds parts of two people. */
	assert_ok(remains_fragment_set(f->r, "B", "1", p, "ліва рука", &res, &f->err), &f->err);
	assert_int_equal(res.saved, REMAINS_CREATED);
	assert_contains(res.note, "is also in case A");
	assert_ok(remains_fragment_set(f->r, "B", "2", other, NULL, &res, &f->err), &f->err);
	assert_ok(remains_identify(f->r, "B", p, true, &res, &f->err), &f->err);
	assert_contains(res.note, "remains are spread over 2 cases: A and B");
	assert_contains(res.note, "was identified already: no event recorded");
	assert_int_equal(res.events_added, 0);
	/* The same fragment again changes nothing; a description changes it. */
	assert_ok(remains_fragment_set(f->r, "B", "1", p, "ліва рука", &res, &f->err), &f->err);
	assert_int_equal(res.saved, REMAINS_UNCHANGED);
	assert_ok(remains_fragment_set(f->r, "B", "1", NULL, "ліве передпліччя", &res, &f->err), &f->err);
	assert_int_equal(res.saved, REMAINS_UPDATED);
	assert_int_equal(rx_scalar(f, "SELECT count(*) FROM remains_fragment f JOIN person p ON"
	                              " p.id = f.person_id WHERE label = '1' AND p.uid = '%s'"
	                              " AND description = 'ліве передпліччя'", p), 1);
	/* The other person's part is in case C too (another batch). */
	assert_ok(remains_fragment_set(f->r, "C", "X", other, NULL, &res, &f->err), &f->err);
	assert_contains(res.note, "is also in case B");
	remains_case_detail d;
	assert_ok(remains_case_get(f->r, "B", &f->a, &d, &f->err), &f->err);
	assert_int_equal(d.nfragments, 2);
	assert_string_equal(d.fragments[0].label, "1");
	assert_string_equal(d.fragments[0].person, p);
	assert_null(d.fragments[1].description);
	assert_int_equal(d.nrelated, 2); /* A as p (the case), C as other (a fragment) */
	bool seen_a = false, seen_c = false;
	for(size_t i = 0; i < d.nrelated; i++) {
		seen_a |= !strcmp(d.related[i].tag, "A") && !d.related[i].fragment &&
		          d.related[i].status == RS_CONFIRMED && !strcmp(d.related[i].batch, "B1");
		seen_c |= !strcmp(d.related[i].tag, "C") && d.related[i].fragment &&
		          !strcmp(d.related[i].person, other);
	}
	assert_true(seen_a && seen_c);
	assert_int_equal(remains_fragment_set(f->r, "B", " ", NULL, NULL, &res, &f->err), PL_EINPUT);
	assert_int_equal(fx_scalar(f, "SELECT count(*) FROM audit WHERE entity = 'remains_fragment'"), 4);
	rx_chain_intact(f);
}

/* ---- custody --------------------------------------------------------------- */

static void test_custody_grows_in_date_order(void **state)
{
	fixture *f = *state;
	rx_case(f, "T", NULL);
	assert_ok(remains_custody_add(f->r, "T", "Київське міське бюро СМЕ", "2025-06-12", NULL, &f->err),
	          &f->err);
	assert_ok(remains_custody_add(f->r, "T", "Морг, Черкаси", "2025-06-12", "перевезено", &f->err),
	          &f->err);
	assert_int_equal(remains_custody_add(f->r, "T", "Родина", "2025-06-01", NULL, &f->err), PL_ECONFLICT);
	assert_contains(f->err.msg, "custody since 2025-06-01 would come before the last entry (Морг, "
	                            "Черкаси since 2025-06-12)");
	/* A date less precise than the last one could lie before it. */
	assert_int_equal(remains_custody_add(f->r, "T", "Родина", "2025-06", NULL, &f->err), PL_ECONFLICT);
	assert_int_equal(remains_custody_add(f->r, "T", "Родина", "2999-01-01", NULL, &f->err), PL_EINPUT);
	assert_int_equal(remains_custody_add(f->r, "T", "", "2025-07-01", NULL, &f->err), PL_EINPUT);
	assert_contains(f->err.msg, "holder: required");
	assert_ok(remains_custody_add(f->r, "T", "Родина", "2025-07-01", NULL, &f->err), &f->err);
	remains_case_detail d;
	assert_ok(remains_case_get(f->r, "T", &f->a, &d, &f->err), &f->err);
	assert_int_equal(d.ncustody, 3);
	assert_string_equal(d.custody[1].note, "перевезено");
	assert_string_equal(d.custody[2].holder, "Родина");
	assert_string_equal(d.custody[2].actor, "tester");
	/* Returned, the chain ends with the handover to the other side. */
	remains_result res;
	assert_ok(remains_return(f->r, "T", "RU", "2025-07-05", NULL, &res, &f->err), &f->err);
	assert_int_equal(remains_custody_add(f->r, "T", "Морг", "2025-08-01", NULL, &f->err), PL_ECONFLICT);
	assert_contains(f->err.msg, "its chain of custody is closed");
	assert_ok(remains_case_get(f->r, "T", &f->a, &d, &f->err), &f->err);
	assert_int_equal(d.ncustody, 4);
	assert_string_equal(d.custody[3].holder, "RU");
	assert_string_equal(d.custody[3].since, "2025-07-05");
	assert_contains(d.custody[3].note, "returned to RU");
	/* A return dated before the last custody entry is refused. */
	rx_case(f, "U", NULL);
	assert_ok(remains_custody_add(f->r, "U", "Морг", "2025-08-01", NULL, &f->err), &f->err);
	assert_int_equal(remains_return(f->r, "U", "RU", "2025-07-01", NULL, &res, &f->err), PL_ECONFLICT);
	assert_string_equal(rx_status(f, "U"), "unidentified");
	assert_int_equal(fx_scalar(f, "SELECT count(*) FROM audit WHERE entity = 'remains_custody'"), 5);
}

/* ---- listing and JSON -------------------------------------------------------- */

static void test_lists_filter_by_batch_status_condition_and_tag(void **state)
{
	fixture *f = *state;
	rx_batch(f, "B1", "2025-06-11", -1);
	rx_batch(f, "B2", "2025-07-02", -1);
	remains_result res;
	assert_ok(rx_put(f, &res, "tag=UA-2025-06-11-0001", "batch=B1", "condition=skeletal", NULL), &f->err);
	assert_ok(rx_put(f, &res, "tag=UA-2025-06-11-0002", "batch=B1", "condition=commingled", NULL), &f->err);
	assert_ok(rx_put(f, &res, "tag=UA-2025-07-02-0001", "batch=B2", NULL), &f->err);
	assert_ok(remains_return(f->r, "UA-2025-07-02-0001", "RU", "2025-07-03", NULL, &res, &f->err), &f->err);
	static const struct {
		remains_query q;
		size_t total;
		const char *first;
	} cases[] = {
		{{.limit = 50}, 3, "UA-2025-06-11-0001"},
		{{.batch = "B2", .limit = 50}, 1, "UA-2025-07-02-0001"},
		{{.status = "returned", .limit = 50}, 1, "UA-2025-07-02-0001"},
		{{.status = "unidentified,preliminary", .limit = 50}, 2, "UA-2025-06-11-0001"},
		{{.condition = "commingled,unknown", .limit = 50}, 2, "UA-2025-06-11-0002"},
		{{.text = "ua-2025-06", .limit = 50}, 2, "UA-2025-06-11-0001"},
		{{.text = "0002", .batch = "B1", .limit = 50}, 1, "UA-2025-06-11-0002"},
		{{.limit = 1, .offset = 2}, 3, "UA-2025-07-02-0001"},
		{{.status = "confirmed", .limit = 50}, 0, NULL},
	};
	report rep = {0};
	for(size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		remains_page pg;
		pl_rc rc = remains_list(f->r, &cases[i].q, &f->a, &pg, &f->err);
		if(rc || pg.total != cases[i].total ||
		   (cases[i].first ? !pg.n || strcmp(pg.rows[0].tag, cases[i].first) : pg.n != 0))
			report_add(&rep, "case %zu: rc %d, total %zu, first %s\n", i, rc, pg.total,
			           pg.n ? pg.rows[0].tag : "-");
	}
	report_check(&rep, (int)(sizeof(cases) / sizeof(cases[0])));
	remains_query bad = {.status = "lost", .limit = 5};
	remains_page pg;
	assert_int_equal(remains_list(f->r, &bad, &f->a, &pg, &f->err), PL_EUSAGE);
	assert_contains(f->err.msg, "status: no status 'lost' (expected unidentified, preliminary");
	assert_string_equal(f->err.code, "remains.no_value");
	remains_query nobatch = {.batch = "B9", .limit = 5};
	assert_int_equal(remains_list(f->r, &nobatch, &f->a, &pg, &f->err), PL_ENOTFOUND);
}

static void test_json_writers(void **state)
{
	fixture *f = *state;
	rx_batch(f, "B1", "2025-06-11", 1200);
	char p[UID_SIZE];
	rx_person(f, "missing", p);
	remains_result res;
	assert_int_equal(rx_put(f, &res, "tag=T", "batch=B1", "status=preliminary", NULL), PL_EINPUT);
	assert_contains(f->err.msg, "a preliminary identification needs the person");
	assert_int_equal(rx_scalar(f, "SELECT count(*) FROM remains_case"), 0);
	char pv[40];
	snprintf(pv, sizeof(pv), "person=%s", p);
	assert_ok(rx_put(f, &res, "tag=T", "batch=B1", "holder=Морг", "custody_since=2025-06-12",
	                 "status=preliminary", pv, NULL), &f->err);
	assert_ok(remains_fragment_set(f->r, "T", "A", p, NULL, &res, &f->err), &f->err);
	remains_case_detail d;
	assert_ok(remains_case_get(f->r, "T", &f->a, &d, &f->err), &f->err);
	json_t *j = remains_case_detail_json(&d);
	assert_string_equal(json_string_value(json_object_get(j, "tag")), "T");
	assert_string_equal(json_string_value(json_object_get(j, "status")), "preliminary");
	assert_string_equal(json_string_value(json_object_get(j, "person")), p);
	assert_true(json_is_null(json_object_get(j, "condition")));
	assert_string_equal(json_string_value(json_object_get(json_array_get(json_object_get(j, "custody"), 0),
	                                                      "holder")), "Морг");
	assert_int_equal(json_array_size(json_object_get(j, "fragments")), 1);
	assert_int_equal(json_array_size(json_object_get(j, "related")), 0);
	json_decref(j);
	remains_batch b;
	assert_ok(remains_batch_get(f->r, "B1", stage_uid_by_id, &f->a, &b, &f->err), &f->err);
	j = remains_batch_json(&b);
	assert_int_equal(json_integer_value(json_object_get(j, "declared")), 1200);
	assert_int_equal(json_integer_value(json_object_get(j, "received")), 1);
	assert_int_equal(json_integer_value(json_object_get(json_object_get(j, "by_status"), "preliminary")), 1);
	json_decref(j);
	remains_query q = REMAINS_QUERY_INIT;
	remains_page pg;
	assert_ok(remains_list(f->r, &q, &f->a, &pg, &f->err), &f->err);
	j = remains_page_json(&pg, &q);
	assert_int_equal(json_integer_value(json_object_get(j, "total")), 1);
	assert_int_equal(json_array_size(json_object_get(j, "cases")), 1);
	json_decref(j);
	j = remains_result_json(&res);
	assert_string_equal(json_string_value(json_object_get(j, "result")), "created");
	json_decref(j);
}

static void test_a_batch_is_tied_to_a_stage(void **state)
{
	fixture *f = *state;
	rx_batch(f, "B1", "2025-06-11", -1);
	assert_int_equal(remains_batch_set_stage(f->r, "B1", 42, stage_uid_by_id, &f->err),
	                 PL_ENOTFOUND);
	assert_contains(f->err.msg, "no stage with row id 42");
	sqlite3 *db = store_db(f->r);
	assert_int_equal(sqlite3_exec(db, "INSERT INTO agreement(id, name, title, doc, sha256, party_a,"
	                                  " party_b, concluded, created_at, actor) VALUES (1, 'a', 'A', '{}',"
	                                  " 'x', 'UA', 'RU', '2025-06-02', 'now', 't');"
	                                  "INSERT INTO stage(id, uid, agreement_id, number, date, status,"
	                                  " created_at, updated_at) VALUES (7, 'S0000000000000007', 1, 1,"
	                                  " '2025-06-11', 'executed', 'now', 'now')", NULL, NULL, NULL),
	                 SQLITE_OK);
	assert_ok(remains_batch_set_stage(f->r, "B1", 7, stage_uid_by_id, &f->err), &f->err);
	remains_batch b;
	assert_ok(remains_batch_get(f->r, "B1", stage_uid_by_id, &f->a, &b, &f->err), &f->err);
	assert_string_equal(b.stage, "S0000000000000007");
	/* Unchanged: no entry. */
	assert_ok(remains_batch_set_stage(f->r, "B1", 7, stage_uid_by_id, &f->err), &f->err);
	assert_ok(remains_batch_set_stage(f->r, "B1", 0, stage_uid_by_id, &f->err), &f->err);
	assert_ok(remains_batch_get(f->r, "B1", stage_uid_by_id, &f->a, &b, &f->err), &f->err);
	assert_null(b.stage);
	assert_int_equal(fx_scalar(f, "SELECT count(*) FROM audit WHERE entity = 'remains_batch' AND"
	                              " action = 'update'"), 2);
	rx_chain_intact(f);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_batches_count_declared_and_received, fixture_setup, fixture_teardown),
		cmocka_unit_test_setup_teardown(test_a_new_batch_needs_its_parties, fixture_setup, fixture_teardown),
		cmocka_unit_test_setup_teardown(test_put_checks_values_and_keeps_what_is_known, fixture_setup, fixture_teardown),
		cmocka_unit_test_setup_teardown(test_the_moves_allowed_and_refused, fixture_setup, fixture_teardown),
		cmocka_unit_test_setup_teardown(test_a_refused_move_writes_nothing, fixture_setup, fixture_teardown),
		cmocka_unit_test_setup_teardown(test_only_the_dead_and_missing_are_identified, fixture_setup, fixture_teardown),
		cmocka_unit_test_setup_teardown(test_confirming_records_the_persons_events, fixture_setup, fixture_teardown),
		cmocka_unit_test_setup_teardown(test_a_person_spread_over_cases, fixture_setup, fixture_teardown),
		cmocka_unit_test_setup_teardown(test_custody_grows_in_date_order, fixture_setup, fixture_teardown),
		cmocka_unit_test_setup_teardown(test_lists_filter_by_batch_status_condition_and_tag, fixture_setup, fixture_teardown),
		cmocka_unit_test_setup_teardown(test_json_writers, fixture_setup, fixture_teardown),
		cmocka_unit_test_setup_teardown(test_a_batch_is_tied_to_a_stage, fixture_setup, fixture_teardown),
	};
	return cmocka_run_group_tests_name("remains", tests, NULL, NULL);
}
