/* The planner: every exclusion explained, each basis balanced exactly,
 * priority, schedules within a capacity, and bookings. */
#include "fixture.h"

#include "accord/plan.h"
#include "accord/stage.h"

static const pdate june9 = {2025, 6, 9};

static plan make(fixture *f, const agreement *ag, const char *clause_id, long capacity)
{
	plan p;
	plan_opts o = {.clause = clause_id, .date = june9, .capacity = capacity};
	assert_ok(plan_make(f->r, ag, &o, &f->a, &p, &f->err), &f->err);
	return p;
}

static const plan_exclusion *excluded(const plan *p, const char *uid)
{
	for(size_t i = 0; i < p->nexcl; i++)
		if(!strcmp(p->excl[i].who.uid, uid))
			return &p->excl[i];
	return NULL;
}

/* What decided an exclusion, in words. */
static const char *why_of(fixture *f, const plan_exclusion *x)
{
	buf b;
	buf_init(&b, 0);
	assert_ok(clause_verdict_detail(x->why, &b), &f->err);
	const char *s = arena_strdup(&f->a, buf_str(&b));
	buf_free(&b);
	return s;
}

/* What bounds the plan's next stage, in words. */
static const char *limit_of(fixture *f, const plan *p)
{
	buf b;
	buf_init(&b, 0);
	assert_ok(plan_limit_text(p, &b), &f->err);
	const char *s = arena_strdup(&f->a, buf_str(&b));
	buf_free(&b);
	return s;
}

static int day_of(const plan *p, const char *uid)
{
	for(int s = 0; s < 2; s++)
		for(size_t i = 0; i < p->ncand[s]; i++)
			if(!strcmp(p->cand[s][i].who.uid, uid))
				return p->cand[s][i].day;
	return -1;
}

static void test_every_exclusion_is_explained(void **state)
{
	fixture *f = *state;
	agreement ag;
	fx_agreement(f, FX_AGREEMENT("june", "{\"id\": \"wy\", \"subject\": \"prisoners\", \"eligible\":"
	                             " \"branch != civilian and (medical in (severely_wounded, seriously_ill)"
	                             " or age(stage_date) between 18 and 25)\", \"basis\": {\"kind\": \"all_for_all\"}}"),
	             true, &ag);
	char ok1[UID_SIZE], ok2[UID_SIZE], young[UID_SIZE], old[UID_SIZE], nobirth[UID_SIZE], civ[UID_SIZE],
		refuses[UID_SIZE], third[UID_SIZE], reported[UID_SIZE];
	fx_prisoner(f, &(prisoner){.surname = "Бойко", .given = "Тарас", .birth = "1980", .party = "UA", .held_by = "RU", .medical = "severely_wounded"}, ok1);
	fx_prisoner(f, &(prisoner){.surname = "Иванов", .given = "Пётр", .birth = "1975", .party = "RU", .held_by = "UA", .medical = "seriously_ill"}, ok2);
	fx_prisoner(f, &(prisoner){.surname = "Кравець", .given = "Іван", .birth = "2003-02-01", .party = "UA", .held_by = "RU", .medical = "none"}, young);
	fx_prisoner(f, &(prisoner){.surname = "Мельник", .given = "Олег", .birth = "1970-01-01", .party = "UA", .held_by = "RU", .medical = "none"}, old);
	fx_prisoner(f, &(prisoner){.surname = "Шевчук", .given = "Юрій", .birth = NULL, .party = "UA", .held_by = "RU", .medical = "none"}, nobirth);
	fx_prisoner(f, &(prisoner){.surname = "Коваль", .given = "Анна", .birth = "2000", .party = "UA", .held_by = "RU", .medical = "severely_wounded", .branch = "civilian"},
	            civ);
	fx_prisoner(f, &(prisoner){.surname = "Петров", .given = "Сергей", .birth = "2002", .party = "RU", .held_by = "UA", .medical = "none", .consent = "no"}, refuses);
	fx_prisoner(f, &(prisoner){.surname = "Smith", .given = "John", .birth = "2001", .party = "GB", .held_by = "RU", .medical = "severely_wounded"}, third);
	/* Held now, but captured after the stage's day (9 June 2025): the
	 * whole month after is after; the same month is not surely after. */
	char later[UID_SIZE], same_month[UID_SIZE];
	fx_prisoner(f, &(prisoner){.surname = "Гнатюк", .given = "Павло", .birth = "1980", .party = "UA", .held_by = "RU", .medical = "severely_wounded",
	                           .captured = "2025-06-10"}, later);
	fx_prisoner(f, &(prisoner){.surname = "Гнатюк", .given = "Петро", .birth = "1981", .party = "UA", .held_by = "RU", .medical = "severely_wounded",
	                           .captured = "2025-06"}, same_month);
	person p = fx_person("Лисенко", "Микола", "2001");
	p.f[PF_PARTY] = "UA";
	p.f[PF_HELD_BY] = "RU";
	fx_add(f, &p);
	assert_ok(fx_event(f, p.uid, "capture", "2024-01-01", NULL), &f->err);
	memcpy(reported, p.uid, UID_SIZE);

	plan pl = make(f, &ag, NULL, 0);
	/* RU holds the Ukrainians, UA the Russians: side 1 hands over ok1. */
	assert_int_equal(pl.ncand[0], 1);
	assert_int_equal(pl.ncand[1], 3);
	assert_int_equal(day_of(&pl, same_month), 1);
	assert_int_equal(day_of(&pl, ok1), 1);
	assert_int_equal(day_of(&pl, ok2), 1);
	assert_int_equal(day_of(&pl, young), 1);
	static const struct {
		const char *uid;
		clause_exclusion reason;
		const char *why;
	} want[] = {
		{NULL, EXCLUDE_NOT_ELIGIBLE, "age on the stage date is from 18 to 25"},
		{NULL, EXCLUDE_UNKNOWN, "age on the stage date is from 18 to 25"},
		{NULL, EXCLUDE_NOT_ELIGIBLE, "branch is not civilian"},
		{NULL, EXCLUDE_CONSENT, NULL},
		{NULL, EXCLUDE_PARTY, "GB"},
		{NULL, EXCLUDE_NOT_CONFIRMED, NULL},
		{NULL, EXCLUDE_NOT_YET_CAPTURED, "2025-06-10"},
	};
	const char *who[] = {old, nobirth, civ, refuses, third, reported, later};
	for(size_t i = 0; i < 7; i++) {
		const plan_exclusion *x = excluded(&pl, who[i]);
		if(!x)
			fail_msg("case %zu not excluded", i);
		assert_int_equal(x->why->reason, want[i].reason);
		if(want[i].why)
			assert_string_equal(why_of(f, x), want[i].why);
	}
	assert_int_equal(pl.nexcl, 7);
	assert_int_equal(pl.by_reason[EXCLUDE_NOT_ELIGIBLE], 2);
	assert_int_equal(pl.by_reason[EXCLUDE_NOT_YET_CAPTURED], 1);
	buf b;
	buf_init(&b, 0);
	assert_ok(plan_text(&pl, true, &b), &f->err);
	assert_contains(buf_str(&b), "does not consent to repatriation (Art. 109)");
	assert_contains(buf_str(&b), "Мельник Олег (held by RU): not eligible under the clause: age on the "
	                             "stage date is from 18 to 25");
	buf_free(&b);
}

/* 1,000 for 1,000 in small: a quota of 4 each, 2 a day; the side with 3
 * runs out first, and nobody gives more than the other. */
static void test_a_quota_in_stages(void **state)
{
	fixture *f = *state;
	agreement ag;
	fx_agreement(f, FX_AGREEMENT("q", "{\"id\": \"q\", \"subject\": \"prisoners\", \"eligible\": \"status = held\","
	                             " \"basis\": {\"kind\": \"quota\", \"each\": 4}, \"capacity\": 2}"),
	             true, &ag);
	fx_prisoners(f, "RU", "UA", 6, "none", "1990");
	fx_prisoners(f, "UA", "RU", 3, "none", "1990");
	plan p = make(f, &ag, NULL, 0);
	assert_int_equal(p.ndays, 2);
	assert_int_equal(p.days[0].persons[0], 2);
	assert_int_equal(p.days[0].persons[1], 2);
	assert_int_equal(p.days[1].persons[0], 1);
	assert_int_equal(p.days[1].persons[1], 1);
	assert_int_equal(p.days[1].date.d, 10);
	assert_int_equal(p.left[0], 1);
	assert_int_equal(p.left[1], 1);
	assert_contains(limit_of(f, &p), "the capacity of 2 per side");
	/* Without a capacity: as many as the side with fewer has, in one day. */
	p = make(f, &ag, NULL, 100);
	assert_int_equal(p.ndays, 1);
	assert_int_equal(p.days[0].persons[0], 3);
	assert_contains(limit_of(f, &p), "RU has no more eligible people waiting (3)");
}

/* Unequal quotas keep their proportion: 10 for 8 is 5:4. */
static void test_unequal_quotas_and_ratios(void **state)
{
	fixture *f = *state;
	agreement q, r;
	fx_agreement(f, FX_AGREEMENT("q", "{\"id\": \"q\", \"subject\": \"prisoners\", \"eligible\": \"status = held\","
	                             " \"basis\": {\"kind\": \"quota\", \"quota\": {\"UA\": 10, \"RU\": 8}}}"),
	             true, &q);
	fx_agreement(f, FX_AGREEMENT("r", "{\"id\": \"h\", \"subject\": \"civilians\", \"eligible\": \"status = held\","
	                             " \"basis\": {\"kind\": \"ratio\", \"ratio\": {\"UA\": 1, \"RU\": 3}}}"),
	             true, &r);
	fx_prisoners(f, "RU", "UA", 7, "none", "1990");
	fx_prisoners(f, "UA", "RU", 20, "none", "1990");
	plan p = make(f, &q, NULL, 0);
	/* 7 on UA's side allow one unit of 5:4 only. */
	assert_int_equal(p.days[0].persons[0], 5);
	assert_int_equal(p.days[0].persons[1], 4);
	assert_int_equal(p.ndays, 1);
	p = make(f, &r, NULL, 0);
	/* 1 for 3: UA's 7 need 21 from RU, who has 20: 6 units. */
	assert_int_equal(p.days[0].persons[0], 6);
	assert_int_equal(p.days[0].persons[1], 18);
	assert_int_equal(p.days[0].persons[0] * 3, p.days[0].persons[1]);
}

/* The Dix-Hill scale: equal points on both sides, civilians only for
 * civilians. */
static void test_points_balance_exactly(void **state)
{
	fixture *f = *state;
	agreement ag;
	fx_agreement(f, FX_AGREEMENT("dh", "{\"id\": \"p\", \"subject\": \"prisoners\", \"eligible\": \"status = held\","
	                             " \"basis\": {\"kind\": \"points\", \"scale\": [{\"when\": \"rank = colonel\", \"points\": 15},"
	                             " {\"when\": \"rank = captain\", \"points\": 6}, {\"points\": 1}], \"pool\": \"branch = civilian\"},"
	                             " \"priority\": [\"points\"]}"),
	             true, &ag);
	char uid[UID_SIZE];
	fx_prisoner(f, &(prisoner){.surname = "Colonel", .given = "A", .birth = "1970", .party = "RU", .held_by = "UA", .rank = "colonel"}, uid);
	fx_prisoner(f, &(prisoner){.surname = "Captain", .given = "B", .birth = "1980", .party = "RU", .held_by = "UA", .rank = "captain"}, uid);
	fx_prisoners(f, "RU", "UA", 2, "none", "1990");     /* 2 privates */
	fx_prisoners(f, "UA", "RU", 30, "none", "1990");    /* 30 privates */
	fx_prisoner(f, &(prisoner){.surname = "Civ", .given = "C", .birth = "1960", .party = "RU", .held_by = "UA", .branch = "civilian"}, uid);
	fx_prisoner(f, &(prisoner){.surname = "Civ", .given = "D", .birth = "1961", .party = "UA", .held_by = "RU", .branch = "civilian"}, uid);
	fx_prisoner(f, &(prisoner){.surname = "Civ", .given = "E", .birth = "1962", .party = "UA", .held_by = "RU", .branch = "civilian"}, uid);
	plan p = make(f, &ag, NULL, 0);
	/* Soldiers: 15 + 6 + 1 + 1 = 23 against 23 privates; civilians 1 for 1. */
	assert_int_equal(p.days[0].points[0], 24);
	assert_int_equal(p.days[0].points[1], 24);
	assert_int_equal(p.days[0].persons[0], 5);
	assert_int_equal(p.days[0].persons[1], 24);
	long civ[2] = {0, 0};
	for(int s = 0; s < 2; s++)
		for(size_t i = 0; i < p.ncand[s]; i++)
			civ[s] += p.cand[s][i].pooled && p.cand[s][i].day == 1;
	assert_int_equal(civ[0], 1);
	assert_int_equal(civ[1], 1);
	/* With a capacity of 10 a stage, RU can give at most 10 points: the
	 * colonel comes first in order but waits; the captain and two
	 * privates go for 8 privates, and a civilian for a civilian. */
	p = make(f, &ag, NULL, 10);
	assert_int_equal(p.days[0].points[0], 9);
	assert_int_equal(p.days[0].points[1], 9);
	assert_int_equal(p.days[0].persons[0], 4);
	assert_int_equal(p.days[0].persons[1], 9);
	assert_int_equal(p.cand[0][0].points, 15);
	assert_int_equal(p.cand[0][0].day, 0);
}

/* Severity first, then those held longest, then the youngest. */
static void test_priority(void **state)
{
	fixture *f = *state;
	agreement ag;
	fx_agreement(f, FX_AGREEMENT("pr", "{\"id\": \"c\", \"subject\": \"prisoners\", \"eligible\": \"status = held\","
	                             " \"basis\": {\"kind\": \"all_for_all\"}, \"priority\": [\"severity\", \"captivity\","
	                             " \"age asc\"], \"capacity\": 10}"),
	             true, &ag);
	char a[UID_SIZE], b[UID_SIZE], c[UID_SIZE], d[UID_SIZE], e[UID_SIZE];
	fx_prisoner(f, &(prisoner){.surname = "A", .given = "a", .birth = "1990", .party = "UA", .held_by = "RU", .medical = "none", .captured = "2023-05-01"}, a);
	fx_prisoner(f, &(prisoner){.surname = "B", .given = "b", .birth = "1990", .party = "UA", .held_by = "RU", .medical = "none", .captured = "2022-02-27"}, b);
	fx_prisoner(f, &(prisoner){.surname = "C", .given = "c", .birth = "1990", .party = "UA", .held_by = "RU", .medical = "seriously_ill", .captured = "2024-01-01"}, c);
	fx_prisoner(f, &(prisoner){.surname = "D", .given = "d", .birth = "1990", .party = "UA", .held_by = "RU", .medical = "severely_wounded", .captured = "2024-01-01"}, d);
	fx_prisoner(f, &(prisoner){.surname = "E", .given = "e", .birth = "2001", .party = "UA", .held_by = "RU", .medical = "none", .captured = "2023-05-01"}, e);
	plan p = make(f, &ag, NULL, 0);
	const char *order[] = {d, c, b, e, a};
	assert_int_equal(p.ncand[1], 5);
	for(int i = 0; i < 5; i++)
		assert_string_equal(p.cand[1][i].who.uid, order[i]);
}

/* A quota orders only as far as it reaches: the first of many by priority,
 * the same as a full sort would pick. */
static void test_a_quota_takes_the_first_by_priority(void **state)
{
	fixture *f = *state;
	agreement ag;
	fx_agreement(f, FX_AGREEMENT("few", "{\"id\": \"c\", \"subject\": \"prisoners\", \"eligible\": \"status = held\","
	                             " \"basis\": {\"kind\": \"quota\", \"each\": 3}, \"priority\": [\"age\"]}"),
	             true, &ag);
	fx_prisoners(f, "RU", "UA", 3, "none", "1990");
	/* Forty held by RU, born 1960 to 1999 in a scrambled order. */
	for(int i = 0; i < 40; i++) {
		char uid[UID_SIZE], born[8], name[16];
		snprintf(born, sizeof(born), "%d", 1960 + (i * 17) % 40);
		snprintf(name, sizeof(name), "Old%02d", i);
		fx_prisoner(f, &(prisoner){.surname = name, .given = "X", .birth = born, .party = "UA", .held_by = "RU"},
		            uid);
	}
	plan p = make(f, &ag, NULL, 0);
	assert_int_equal(p.days[0].persons[1], 3);
	/* The oldest three: born 1960, 1961, 1962. */
	const char *want[] = {"1960", "1961", "1962"};
	for(int i = 0; i < 3; i++) {
		assert_int_equal(p.cand[1][i].day, 1);
		person pe;
		assert_ok(registry_person_get(f->r, p.cand[1][i].who.uid, &f->a, &pe, &f->err), &f->err);
		assert_string_equal(pe.f[PF_BIRTH_DATE], want[i]);
	}
}

/* Someone on an open stage is not planned again; through another
 * mediator it says so. The stage's date must lie within the agreement. */
static void test_bookings_and_the_window(void **state)
{
	fixture *f = *state;
	agreement one, two;
	fx_agreement(f, FX_AGREEMENT("one", "{\"id\": \"c\", \"subject\": \"prisoners\", \"eligible\": \"status = held\","
	                             " \"basis\": {\"kind\": \"quota\", \"each\": 2}}"),
	             true, &one);
	const char *other = "{\"parley\": \"agreement/1\", \"id\": \"two\", \"title\": \"t\", \"parties\": [\"RU\", \"UA\"],"
	                    " \"mediator\": \"ICRC\", \"concluded\": \"2025-01-01\", \"clauses\": [{\"id\": \"c\","
	                    " \"subject\": \"prisoners\", \"eligible\": \"status = held\", \"basis\": {\"kind\": \"all_for_all\"}}]}";
	fx_agreement(f, other, true, &two);
	fx_prisoners(f, "RU", "UA", 3, "none", "1990");
	fx_prisoners(f, "UA", "RU", 3, "none", "1990");
	plan p = make(f, &one, NULL, 0);
	char uid[UID_SIZE];
	assert_ok(stage_create_planned(f->r, &p, 1, "the border", uid, &f->err), &f->err);
	assert_int_equal(fx_scalar(f, "SELECT count(*) FROM stage_entry"), 4);
	plan q = make(f, &one, NULL, 0);
	assert_int_equal(q.by_reason[EXCLUDE_BOOKED], 4);
	assert_int_equal(q.committed[0], 2);
	assert_int_equal(q.ndays, 0); /* the quota of 2 is on the stage already */
	plan r = make(f, &two, NULL, 0);
	assert_int_equal(r.by_reason[EXCLUDE_OTHER_MEDIATOR], 4);
	assert_int_equal(r.ncand[0] + r.ncand[1], 2);
	assert_string_equal(why_of(f, &r.excl[0]), uid);

	plan_opts o = {.date = {2024, 12, 31}};
	assert_int_equal(plan_make(f->r, &one, &o, &f->a, &p, &f->err), PL_EINPUT);
	assert_contains(f->err.msg, "a stage on 2024-12-31 is before agreement one holds (from 2025-01-01)");
	o.date = (pdate){2027, 1, 1};
	assert_int_equal(plan_make(f->r, &one, &o, &f->a, &p, &f->err), PL_EINPUT);
	assert_contains(f->err.msg, "after agreement one ends");
}

static void test_remains_are_planned_by_count(void **state)
{
	fixture *f = *state;
	agreement ag;
	fx_agreement(f, FX_AGREEMENT("bodies", "{\"id\": \"b\", \"subject\": \"remains\","
	                             " \"basis\": {\"kind\": \"quota\", \"each\": 6000}, \"capacity\": 1212}"),
	             true, &ag);
	plan p = make(f, &ag, "b", 0);
	assert_int_equal(p.ndays, 5);
	long total = 0;
	for(size_t i = 0; i < p.ndays; i++) {
		assert_int_equal(p.days[i].bodies[0], p.days[i].bodies[1]);
		total += p.days[i].bodies[0];
	}
	assert_int_equal(total, 6000);
	assert_int_equal(p.days[4].bodies[0], 6000 - 4 * 1212);
	char uid[UID_SIZE];
	assert_ok(stage_create_planned(f->r, &p, 1, NULL, uid, &f->err), &f->err);
	p = make(f, &ag, "b", 0);
	assert_int_equal(p.committed_bodies[1], 1212);
	assert_int_equal(p.ndays, 4);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_every_exclusion_is_explained, fixture_setup, fixture_teardown),
		cmocka_unit_test_setup_teardown(test_a_quota_in_stages, fixture_setup, fixture_teardown),
		cmocka_unit_test_setup_teardown(test_unequal_quotas_and_ratios, fixture_setup, fixture_teardown),
		cmocka_unit_test_setup_teardown(test_points_balance_exactly, fixture_setup, fixture_teardown),
		cmocka_unit_test_setup_teardown(test_priority, fixture_setup, fixture_teardown),
		cmocka_unit_test_setup_teardown(test_a_quota_takes_the_first_by_priority, fixture_setup, fixture_teardown),
		cmocka_unit_test_setup_teardown(test_bookings_and_the_window, fixture_setup, fixture_teardown),
		cmocka_unit_test_setup_teardown(test_remains_are_planned_by_count, fixture_setup, fixture_teardown),
	};
	return cmocka_run_group_tests_name("accord/plan", tests, NULL, NULL);
}
