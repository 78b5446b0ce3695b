/* After the handover: statements (categories, ages, the first days, the
 * embargo, never a name nor the agreement's id; titles per language;
 * counts that agree with their numbers; Markdown, HTML and plain text)
 * and aftercare steps with the Art. 117 flag. */
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
	fx_stage_executed(f, ag, clause_id, june9, uid);
}

/* The statement in a language and format, as a string of f's arena. */
static const char *render(fixture *f, const statement *s, lang_id lang, statement_format fmt)
{
	buf b;
	buf_init(&b, 0);
	assert_int_equal(statement_render(s, lang, fmt, &b), PL_OK);
	const char *out = arena_strdup(&f->a, buf_str(&b));
	buf_free(&b);
	return out;
}

static void make(fixture *f, const char *stage_uid, const char *party, pdate on, statement *s)
{
	statement_opts o = {.party = party, .on = on};
	assert_ok(statement_make(f->r, stage_uid, &o, &f->a, s, &f->err), &f->err);
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
	make(f, st, "UA", (pdate){2025, 6, 10}, &s);
	assert_false(s.embargo);
	assert_int_equal(s.received, 3);
	assert_int_equal(s.youngest, 21);
	assert_int_equal(s.oldest, 59);
	assert_int_equal(s.cat[CAT_SEVERELY_WOUNDED], 1);
	assert_int_equal(s.cat[CAT_SERIOUSLY_ILL], 1);
	assert_int_equal(s.cat[CAT_YOUNG], 1);
	assert_int_equal(s.cat[CAT_CIVILIAN], 1);
	assert_true(s.held_since.y == 2022 && s.held_since.m == 2 && s.held_since.d == 26);
	assert_false(s.first_days); /* no conflict_start in this agreement */
	const char *en = render(f, &s, LANG_EN, STATEMENT_MD);
	assert_contains(en, "# Exchange of prisoners: stage 1, 9 June 2025\n");
	assert_contains(en, "3 people have come home.");
	assert_contains(en, "civilians (1), severely wounded (1), seriously ill (1), young people aged 18 to 25 (1)");
	assert_contains(en, "The youngest is 21 years old, the oldest 59 years old.");
	assert_contains(en, "in captivity since 26 February 2022");
	assert_contains(en, "pass through Belarus");
	assert_contains(en, "Under the agreement: test. Mediated by Türkiye.");
	const char *uk = render(f, &s, LANG_UK, STATEMENT_MD);
	assert_contains(uk, "# Обмін полоненими: етап 1, 9 червня 2025\n");
	assert_contains(uk, "Додому повернулися 3 людини.");
	assert_contains(uk, "Наймолодшому 21 рік, найстаршому 59 років.");
	assert_contains(uk, "з 26 лютого 2022");
	assert_contains(uk, "через Білорусь");
	/* The mediator in the nominative. */
	assert_contains(uk, "Посередник: Туреччина.");
	assert_null(strstr(uk, "Туреччину"));
	const char *ru = render(f, &s, LANG_RU, STATEMENT_TEXT);
	assert_contains(ru, "Домой вернулись 3 человека.");
	assert_contains(ru, "Самому младшему 21 год, самому старшему 59 лет.");
	assert_contains(ru, "Посредник: Турция.");
	assert_contains(ru, "через Беларусь");
	for(int i = 0; i < 4; i++) {
		person p;
		assert_ok(registry_person_get(f->r, uids[i], &f->a, &p, &f->err), &f->err);
		assert_null(strstr(en, p.f[PF_SURNAME]));
		assert_null(strstr(en, p.uid));
		assert_null(strstr(uk, p.f[PF_SURNAME]));
	}
	/* The other side's statement: one man came home to RU. */
	make(f, st, "RU", (pdate){2025, 6, 10}, &s);
	assert_int_equal(s.received, 1);
	assert_contains(render(f, &s, LANG_EN, STATEMENT_TEXT), "One person has come home.");
	assert_contains(render(f, &s, LANG_UK, STATEMENT_TEXT), "Додому повернулася одна людина.");
	statement_opts o = {.party = "PL", .on = {2025, 6, 10}};
	assert_int_equal(statement_make(f->r, st, &o, &f->a, &s, &f->err), PL_EINPUT);
	assert_contains(f->err.msg, "PL is not a party to june");
	/* Remains: a statement of bodies. */
	execute_planned(f, &ag, "b", bodies);
	make(f, bodies, "UA", (pdate){2025, 6, 10}, &s);
	assert_int_equal(s.bodies, 50);
	assert_contains(render(f, &s, LANG_EN, STATEMENT_TEXT), "Return of the fallen: stage 2, 9 June 2025");
	assert_contains(render(f, &s, LANG_EN, STATEMENT_TEXT), "The bodies of 50 of the fallen have been returned.");
	assert_contains(render(f, &s, LANG_UK, STATEMENT_TEXT), "Повернуто тіла 50 загиблих.");
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
	make(f, st, "UA", (pdate){2025, 6, 10}, &s);
	assert_true(s.embargo);
	assert_true(s.first_days);        /* the earliest was captured then ... */
	assert_false(s.says_first_days);  /* ... but one is fewer than k */
	assert_int_equal(s.k, 10);
	const char *en = render(f, &s, LANG_EN, STATEMENT_MD);
	assert_contains(en, "Their number will be given when this phase of the exchange is over.");
	assert_contains(en, "Nothing here describes a group of fewer than 10 people");
	/* Three people: no category, age, date or year of capture is said. */
	assert_null(strstr(en, "first days"));
	assert_null(strstr(en, "February"));
	assert_null(strstr(en, "youngest"));
	assert_null(strstr(en, "Among them"));
	assert_null(strstr(en, "2022"));
	assert_null(strstr(en, "(1)"));
	json_t *v = statement_json(&s, LANG_EN);
	assert_true(json_is_null(json_object_get(v, "returned")));
	assert_true(json_is_null(json_object_get(v, "youngest")));
	assert_true(json_is_null(json_object_get(v, "oldest")));
	assert_true(json_is_null(json_object_get(v, "held_since")));
	assert_int_equal(json_object_size(json_object_get(v, "categories")), 0);
	assert_int_equal(json_array_size(json_object_get(v, "age_groups")), 0);
	assert_true(json_is_true(json_object_get(v, "merged_or_left_out")));
	json_decref(v);
	/* With k = 2 asked for: refused, the agreement says 10. */
	statement_opts lower = {.party = "UA", .on = {2025, 6, 10}, .k = 2};
	assert_int_equal(statement_make(f->r, st, &lower, &f->a, &s, &f->err), PL_EINPUT);
	assert_contains(f->err.msg, "k: expected a whole number from 10");
	/* The last stage is cancelled: the phase is over, numbers are said. */
	assert_ok(stage_cancel(f->r, next, "postponed", &f->err), &f->err);
	make(f, st, "UA", (pdate){2025, 6, 12}, &s);
	assert_false(s.embargo);
	en = render(f, &s, LANG_EN, STATEMENT_MD);
	assert_contains(en, "since the first days of the war (1 March 2022)");
	assert_null(strstr(en, "fewer than"));
	/* Not before the handover. */
	assert_ok(plan_make(f->r, &ag, &o, &f->a, &p, &f->err), &f->err);
	assert_ok(stage_create_planned(f->r, &p, 1, NULL, next, &f->err), &f->err);
	statement_opts any = {0};
	assert_int_equal(statement_make(f->r, next, &any, &f->a, &s, &f->err), PL_ECONFLICT);
	assert_contains(f->err.msg, "a statement follows the handover");
}

/* The agreement by its title in the statement's language, never its id;
 * the title with markup in it comes out escaped in HTML and Markdown. */
static void test_titles_and_formats(void **state)
{
	fixture *f = *state;
	agreement ag;
	const char *doc = "{\"parley\": \"agreement/1\", \"id\": \"demo-exchange\", \"title\": {\"en\": \"Istanbul <script>"
	                  "alert(1)</script> & *all*\", \"uk\": \"Стамбул, 2 червня 2025\"}, \"parties\": [\"UA\", \"RU\"],"
	                  " \"mediator\": \"ICRC\", \"concluded\": \"2025-01-01\", \"clauses\": [{\"id\": \"w\","
	                  " \"subject\": \"prisoners\", \"eligible\": \"status = held\", \"basis\": {\"kind\": \"all_for_all\"}}]}";
	fx_agreement(f, doc, true, &ag);
	char uids[4][UID_SIZE], st[UID_SIZE];
	people(f, uids);
	execute_planned(f, &ag, "w", st);
	statement s;
	make(f, st, "UA", (pdate){2025, 6, 10}, &s);
	static const statement_format fmts[] = {STATEMENT_MD, STATEMENT_HTML, STATEMENT_HTML_BODY, STATEMENT_TEXT};
	for(int l = 0; l < LANG_COUNT; l++)
		for(size_t i = 0; i < sizeof(fmts) / sizeof(fmts[0]); i++)
			assert_null(strstr(render(f, &s, (lang_id)l, fmts[i]), "demo-exchange"));
	assert_contains(render(f, &s, LANG_UK, STATEMENT_TEXT), "Відповідно до домовленості: Стамбул, 2 червня 2025.");
	assert_contains(render(f, &s, LANG_UK, STATEMENT_TEXT),
	                "Посередник: Міжнародний комітет Червоного Хреста.");
	/* No Russian title: English, the first in the order, and said so. */
	json_t *v = statement_json(&s, LANG_RU);
	assert_string_equal(json_string_value(json_object_get(v, "title_lang")), "en");
	assert_true(json_is_true(json_object_get(v, "title_fallback")));
	assert_string_equal(json_string_value(json_object_get(v, "lang")), "ru");
	assert_contains(json_string_value(json_object_get(v, "html")), "&lt;script&gt;");
	assert_null(strstr(json_string_value(json_object_get(v, "html")), "<script>"));
	assert_int_equal(json_array_size(json_object_get(v, "blocks")), 6);
	json_decref(v);
	v = statement_json(&s, LANG_UK);
	assert_true(json_is_false(json_object_get(v, "title_fallback")));
	json_decref(v);
	const char *html = render(f, &s, LANG_EN, STATEMENT_HTML);
	assert_contains(html, "<!DOCTYPE html>\n<html lang=\"en\">");
	assert_contains(html, "<title>Exchange of prisoners: stage 1, 9 June 2025</title>");
	assert_contains(html, "<p>Under the agreement: Istanbul &lt;script&gt;alert(1)&lt;/script&gt; &amp; *all*.");
	assert_null(strstr(html, "<script>"));
	assert_contains(render(f, &s, LANG_RU, STATEMENT_HTML), "<html lang=\"ru\">");
	const char *md = render(f, &s, LANG_EN, STATEMENT_MD);
	assert_contains(md, "Istanbul \\<script\\>alert(1)\\</script\\> \\& \\*all\\*.");
	const char *text = render(f, &s, LANG_EN, STATEMENT_TEXT);
	assert_contains(text, "Exchange of prisoners: stage 1, 9 June 2025\n\n3 people have come home.\n\n");
	assert_contains(text, "Istanbul <script>alert(1)</script> & *all*.");
	assert_null(strstr(text, "# "));
	assert_int_equal(statement_format_parse("html"), STATEMENT_HTML);
	assert_int_equal(statement_format_parse("pdf"), -1);
}

/* Every count agrees with its number: people, bodies, years of age, and k. */
static void test_counts_agree_with_their_numbers(void **state)
{
	fixture *f = *state;
	agreement ag;
	fx_agreement(f, JUNE, false, &ag);
	for(long n = 1; n <= 1000; n++) {
		statement s = {.ag = &ag, .st = {.number = 1, .date = june9}, .received = n, .bodies = n,
		               .youngest = (int)n % 100, .oldest = (int)n};
		statement_settle(&s);
		/* The CLDR categories, written apart from lang.c. */
		long d = n % 10, t = n % 100;
		int cat = t >= 11 && t <= 19 ? 2 : d == 1 ? 0 : d >= 2 && d <= 4 ? 1 : 2;
		static const char *const people_uk[] = {"людина.", "людини.", "людей."};
		static const char *const people_ru[] = {"человек.", "человека.", "человек."};
		static const char *const bodies_uk[] = {"загиблого.", "загиблих.", "загиблих."};
		static const char *const years_uk[] = {"рік.", "роки.", "років."};
		static const char *const years_ru[] = {"год.", "года.", "лет."};
		char want[128], num[32];
		lang_number(LANG_UK, n, num, sizeof(num));
		const char *uk = render(f, &s, LANG_UK, STATEMENT_TEXT);
		const char *ru = render(f, &s, LANG_RU, STATEMENT_TEXT);
		const char *en = render(f, &s, LANG_EN, STATEMENT_TEXT);
		if(n == 1) {
			assert_contains(uk, "Додому повернулася одна людина.");
			assert_contains(uk, "Повернуто тіло одного загиблого.");
			assert_contains(ru, "Домой вернулся один человек.");
			assert_contains(en, "One person has come home.");
			assert_contains(en, "The body of one of the fallen has been returned.");
		} else {
			snprintf(want, sizeof(want), "Додому %s %s %s", cat == 0 ? "повернулася" : "повернулися", num,
			         people_uk[cat]);
			assert_contains(uk, want);
			snprintf(want, sizeof(want), "Повернуто тіла %s %s", num, bodies_uk[cat]);
			assert_contains(uk, want);
			snprintf(want, sizeof(want), "Домой %s %s %s", cat == 0 ? "вернулся" : "вернулись", num, people_ru[cat]);
			assert_contains(ru, want);
			lang_number(LANG_EN, n, num, sizeof(num));
			snprintf(want, sizeof(want), "%s people have come home.", num);
			assert_contains(en, want);
		}
		lang_number(LANG_UK, n, num, sizeof(num));
		snprintf(want, sizeof(want), "найстаршому %s %s", num, years_uk[cat]);
		assert_contains(uk, want);
		snprintf(want, sizeof(want), "самому старшему %s %s", num, years_ru[cat]);
		assert_contains(ru, want);
		lang_number(LANG_EN, n, num, sizeof(num));
		snprintf(want, sizeof(want), "the oldest %s %s old.", num, n == 1 ? "year" : "years");
		assert_contains(en, want);
	}
	/* k in the note under embargo. */
	static const struct {
		int k;
		const char *uk, *ru, *en;
	} ks[] = {
		{10, "меншої ніж 10 осіб", "меньше 10 человек", "fewer than 10 people"},
		{21, "меншої ніж 21 особа", "меньше 21 человека", "fewer than 21 people"},
		{22, "меншої ніж 22 особи", "меньше 22 человек", "fewer than 22 people"},
		{112, "меншої ніж 112 осіб", "меньше 112 человек", "fewer than 112 people"},
	};
	for(size_t i = 0; i < sizeof(ks) / sizeof(ks[0]); i++) {
		statement s = {.ag = &ag, .st = {.number = 1, .date = june9}, .embargo = true, .k = ks[i].k,
		               .youngest = -1, .oldest = -1};
		statement_settle(&s);
		assert_contains(render(f, &s, LANG_UK, STATEMENT_TEXT), ks[i].uk);
		assert_contains(render(f, &s, LANG_RU, STATEMENT_TEXT), ks[i].ru);
		assert_contains(render(f, &s, LANG_EN, STATEMENT_TEXT), ks[i].en);
	}
	/* Thousands as Ukrainian writes them: "1 212", never "1,212". */
	statement s = {.ag = &ag, .st = {.number = 1, .date = june9}, .bodies = 1212, .youngest = -1, .oldest = -1};
	statement_settle(&s);
	assert_contains(render(f, &s, LANG_UK, STATEMENT_TEXT), "Повернуто тіла 1\xc2\xa0" "212 загиблих.");
	assert_contains(render(f, &s, LANG_EN, STATEMENT_TEXT), "The bodies of 1,212 of the fallen");
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
		cmocka_unit_test_setup_teardown(test_titles_and_formats, fixture_setup, fixture_teardown),
		cmocka_unit_test_setup_teardown(test_counts_agree_with_their_numbers, fixture_setup, fixture_teardown),
		cmocka_unit_test_setup_teardown(test_aftercare_steps, fixture_setup, fixture_teardown),
	};
	return cmocka_run_group_tests_name("accord/statement", tests, NULL, NULL);
}
