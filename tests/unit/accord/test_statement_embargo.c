/* Statements under embargo describe no group of fewer than k people.
 *
 * Stages of random people, small and large, some through the database and
 * many more in memory; each statement's English text is read back, every
 * figure in it (an age group, a year of capture, the first days, a
 * category) is checked against the people themselves, and no other number
 * may be left. The Ukrainian and Russian texts must hold the same numbers. */
#include "fixture.h"

#include "accord/statement.h"
#include "core/rng.h"

static const pdate start = {2022, 2, 24};

/* What the test knows of a person: the truth the text is checked against. */
typedef struct truth {
	char birth[DATE_STR_MAX], captured[DATE_STR_MAX];
	const char *branch, *medical;
} truth;

static void random_date(rng *r, int y0, int y1, char out[DATE_STR_MAX])
{
	pdate d = {rng_range(r, y0, y1), rng_range(r, 1, 12), rng_range(r, 1, 28)};
	int shape = rng_range(r, 0, 9);
	if(shape == 0)
		d.m = d.d = 0;   /* the year only */
	else if(shape == 1)
		d.d = 0;         /* the month */
	date_format(d, out);
}

static void random_person(rng *r, truth *t, bool partial)
{
	static const char *const branches[] = {"armed_forces", "armed_forces", "armed_forces", "national_guard",
	                                       "border_guard", "other", "civilian", NULL};
	static const char *const medical[] = {"none", "none", "wounded", "severely_wounded", "seriously_ill", NULL};
	memset(t, 0, sizeof(*t));
	do
		random_date(r, 1950, 2007, t->birth);
	while(!partial && strlen(t->birth) < 10);
	if(rng_chance(r, 0.15))
		snprintf(t->captured, sizeof(t->captured), "2022-%02d-%02d", rng_chance(r, 0.5) ? 2 : 3,
		         rng_range(r, 1, 28));   /* about the first days */
	else
		do
			random_date(r, 2014, 2024, t->captured);
		while(!partial && strlen(t->captured) < 7);
	if(partial && rng_chance(r, 0.1))
		t->birth[0] = '\0';
	if(partial && rng_chance(r, 0.1))
		t->captured[0] = '\0';
	t->branch = branches[rng_below(r, sizeof(branches) / sizeof(branches[0]))];
	t->medical = medical[rng_below(r, sizeof(medical) / sizeof(medical[0]))];
}

static person person_of(const truth *t)
{
	person p = {0};
	p.f[PF_BIRTH_DATE] = t->birth[0] ? t->birth : NULL;
	p.f[PF_CAPTURE_DATE] = t->captured[0] ? t->captured : NULL;
	p.f[PF_BRANCH] = t->branch;
	p.f[PF_MEDICAL] = t->medical;
	return p;
}

/* ---- the truth, counted apart from statement.c -------------------------------- */

typedef struct people {
	const truth *t;
	int n;
	pdate on;
} people;

static bool age_of(const people *g, int i, int *lo, int *hi)
{
	pdate b;
	const char *why;
	if(!g->t[i].birth[0] || !date_parse(g->t[i].birth, &b, &why))
		return false;
	date_age_range(b, g->on, lo, hi);
	return true;
}

/* Those whose age is surely from lo to hi (hi -1: no end). */
static long aged(const people *g, int lo, int hi)
{
	long n = 0;
	for(int i = 0; i < g->n; i++) {
		int a, b;
		n += age_of(g, i, &a, &b) && a >= lo && (hi < 0 || b <= hi);
	}
	return n;
}

static long captured_by_end_of(const people *g, int year)
{
	long n = 0;
	for(int i = 0; i < g->n; i++)
		n += g->t[i].captured[0] && atoi(g->t[i].captured) <= year;
	return n;
}

static long captured_in_first_days(const people *g)
{
	long n = 0;
	for(int i = 0; i < g->n; i++) {
		pdate c;
		const char *why;
		n += g->t[i].captured[0] && date_parse(g->t[i].captured, &c, &why) && date_lo(c) >= date_lo(start) &&
		     date_hi(c) <= date_ymd_add_days(date_lo(start), 14);
	}
	return n;
}

static long with(const people *g, const char *branch, const char *medical)
{
	long n = 0;
	for(int i = 0; i < g->n; i++)
		n += (branch && g->t[i].branch && !strcmp(g->t[i].branch, branch)) ||
		     (medical && g->t[i].medical && !strcmp(g->t[i].medical, medical));
	return n;
}

/* The categories as the English text names them, and who is in each. */
static long in_category(const people *g, const char *name, int k)
{
	static const char *const branches[] = {"armed_forces", "national_guard", "border_guard", "other"};
	if(!strcmp(name, "service members of the armed forces"))
		return with(g, "armed_forces", NULL);
	if(!strcmp(name, "members of the national guard"))
		return with(g, "national_guard", NULL);
	if(!strcmp(name, "members of the border guard"))
		return with(g, "border_guard", NULL);
	if(!strcmp(name, "others in service"))
		return with(g, "other", NULL);
	if(!strcmp(name, "civilians"))
		return with(g, "civilian", NULL);
	if(!strcmp(name, "severely wounded"))
		return with(g, NULL, "severely_wounded");
	if(!strcmp(name, "seriously ill"))
		return with(g, NULL, "seriously_ill");
	if(!strcmp(name, "young people aged 18 to 25"))
		return aged(g, 18, 25);
	long n = 0;
	if(!strcmp(name, "service members of other branches") || !strcmp(name, "service members")) {
		/* The branches too small to be named alone. */
		for(int b = 0; b < 4; b++)
			n += with(g, branches[b], NULL) < k ? with(g, branches[b], NULL) : 0;
		return n;
	}
	if(!strcmp(name, "severely wounded or seriously ill")) {
		long w = with(g, NULL, "severely_wounded"), i = with(g, NULL, "seriously_ill");
		return (w < k ? w : 0) + (i < k ? i : 0);
	}
	fail_msg("a category the test does not know: '%s'", name);
	return 0;
}

/* ---- reading the text back ------------------------------------------------------ */

typedef struct checked {
	long groups, years, first_days, categories, statements;
} checked;

/* Blank what was read: it is checked, and no number of it may count again. */
static void blank(char *from, size_t n)
{
	memset(from, ' ', n);
}

static void check_categories(char *text, const people *g, int k, checked *c)
{
	char *p = strstr(text, "Among them: ");
	if(!p)
		return;
	char *end = strstr(p, ".\n");
	assert_non_null(end);
	char list[4096];
	snprintf(list, sizeof(list), "%.*s", (int)(end - p - 12), p + 12);
	for(char *save, *name = strtok_r(list, ",", &save); name; name = strtok_r(NULL, ",", &save)) {
		while(*name == ' ')
			name++;
		long n = in_category(g, name, k);
		if(n < k)
			fail_msg("'%s' names %ld people, fewer than k = %d", name, n, k);
		c->categories++;
	}
	blank(p, (size_t)(end - p));
}

/* "18–35 years", "17 years and under", "66 years and over": its people. */
static long in_age_group(const people *g, const char *item)
{
	int lo, hi, used = 0;
	if(sscanf(item, "%d–%d years%n", &lo, &hi, &used) == 2 && !item[used])
		return aged(g, lo, hi);
	if(sscanf(item, "%d years and under%n", &hi, &used) == 1 && !item[used])
		return aged(g, 0, hi);
	if(sscanf(item, "%d years and over%n", &lo, &used) == 1 && !item[used])
		return aged(g, lo, -1);
	fail_msg("an age group the test cannot read: '%s'", item);
	return 0;
}

static void check_ages(char *text, const people *g, int k, checked *c)
{
	char *p = strstr(text, "Age groups: ");
	if(!p)
		return;
	char *end = strchr(p, '.');
	char list[1024];
	snprintf(list, sizeof(list), "%.*s", (int)(end - p - 12), p + 12);
	for(char *save, *item = strtok_r(list, ";", &save); item; item = strtok_r(NULL, ";", &save)) {
		while(*item == ' ')
			item++;
		long n = in_age_group(g, item);
		if(n < k)
			fail_msg("the age group '%s' holds %ld people, fewer than k = %d", item, n, k);
		c->groups++;
	}
	blank(p, (size_t)(end - p));
}

static void check_captivity(char *text, const people *g, int k, checked *c)
{
	char *p = strstr(text, "Some had been in captivity since ");
	int year;
	if(p && sscanf(p, "Some had been in captivity since %d or earlier.", &year) == 1) {
		if(captured_by_end_of(g, year) < k)
			fail_msg("'since %d' describes %ld people, fewer than k = %d", year, captured_by_end_of(g, year), k);
		blank(p, strlen("Some had been in captivity since 2022 or earlier."));
		c->years++;
	}
	p = strstr(text, "Some had been held since the first days of the war");
	if(p) {
		assert_int_equal(p[strlen("Some had been held since the first days of the war")], '.');
		if(captured_in_first_days(g) < k)
			fail_msg("'the first days' describes %ld people, fewer than k = %d", captured_in_first_days(g), k);
		c->first_days++;
	}
}

/* The numbers in a text, in order, with the spaces inside them left out. */
static void numbers_of(const char *text, char *out, size_t size)
{
	size_t o = 0;
	for(const char *p = text; *p && o + 2 < size; p++) {
		bool digit = *p >= '0' && *p <= '9';
		if(digit)
			out[o++] = *p;
		else if(!strncmp(p, "\xc2\xa0", 2) && o && out[o - 1] != ' ' && p[2] >= '0' && p[2] <= '9')
			p++;
		else if(o && out[o - 1] != ' ')
			out[o++] = ' ';
	}
	out[o] = '\0';
}

/* s's statement read back; g the people it was made from. */
static void check_statement(const statement *s, const people *g, checked *c)
{
	buf b;
	buf_init(&b, 0);
	assert_int_equal(statement_render(s, LANG_EN, STATEMENT_TEXT, &b), PL_OK);
	char *text = strdup(buf_str(&b));
	/* The heading: the stage's number and date, nobody's. */
	char head[128];
	snprintf(head, sizeof(head), "Exchange of prisoners: stage %d, 9 June 2025\n\n", s->st.number);
	assert_true(!strncmp(text, head, strlen(head)));
	blank(text, strlen(head));
	check_categories(text, g, s->k, c);
	check_ages(text, g, s->k, c);
	check_captivity(text, g, s->k, c);
	char note[128];
	snprintf(note, sizeof(note), "fewer than %d %s", s->k, s->k == 1 ? "person" : "people");
	char *p = strstr(text, note);
	assert_non_null(p);
	blank(p, strlen(note));
	/* Nothing else with a number in it, and no one's own age or date. */
	for(const char *q = text; *q; q++)
		if(*q >= '0' && *q <= '9')
			fail_msg("a figure the test cannot account for: '%.40s' in\n%s", q, buf_str(&b));
	assert_null(strstr(text, "youngest"));
	assert_null(strstr(text, "oldest"));
	assert_null(strstr(text, "longest"));
	free(text);
	/* Ukrainian and Russian: the same numbers, no more. */
	char en[1024], other[1024];
	numbers_of(buf_str(&b), en, sizeof(en));
	for(int l = LANG_UK; l <= LANG_RU; l++) {
		buf_reset(&b);
		assert_int_equal(statement_render(s, (lang_id)l, STATEMENT_TEXT, &b), PL_OK);
		numbers_of(buf_str(&b), other, sizeof(other));
		if(strcmp(en, other))
			fail_msg("numbers in %s: '%s', in English: '%s'\n%s", lang_code((lang_id)l), other, en, buf_str(&b));
	}
	buf_free(&b);
	c->statements++;
}

/* ---- the stages -------------------------------------------------------------- */

#define EMBARGOED(ID, K)                                                                               \
	"{\"parley\": \"agreement/1\", \"id\": \"" ID "\", \"title\": {\"en\": \"the test terms\", \"uk\": \"умови\"},"  \
	" \"parties\": [\"UA\", \"RU\"], \"transit\": \"BY\", \"concluded\": \"2025-01-01\", \"valid_from\":"   \
	" \"2025-01-01\", \"conflict_start\": \"2022-02-24\", \"embargo\": {\"until\": \"2099-01-01\"" K "},"  \
	" \"clauses\": [{\"id\": \"w\", \"subject\": \"prisoners\", \"eligible\": \"status = held\","          \
	" \"basis\": {\"kind\": \"all_for_all\"}}]}"

/* Many stages in memory: sizes from 1 to 600, k from 2 to 50. */
static void test_random_stages_in_memory(void **state)
{
	fixture *f = *state;
	agreement ag;
	fx_agreement(f, EMBARGOED("mem", ""), false, &ag);
	rng r;
	rng_seed(&r, 20250609);
	static const int ks[] = {10, 10, 10, 2, 3, 5, 15, 25, 50};
	checked c = {0};
	truth *t = malloc(600 * sizeof(*t));
	for(int trial = 0; trial < 400; trial++) {
		int n = trial % 2 ? rng_range(&r, 1, 40) : rng_range(&r, 41, 600);
		statement s = {.ag = &ag, .st = {.number = trial + 1, .date = {2025, 6, 9}}, .embargo = true,
		               .k = ks[rng_below(&r, sizeof(ks) / sizeof(ks[0]))], .received = n, .youngest = -1,
		               .oldest = -1};
		for(int i = 0; i < n; i++) {
			random_person(&r, &t[i], true);
			person p = person_of(&t[i]);
			statement_add_person(&s, &p);
		}
		statement_settle(&s);
		people g = {t, n, s.st.date};
		check_statement(&s, &g, &c);
	}
	free(t);
	/* The checks checked something: every kind of figure came up. */
	assert_int_equal(c.statements, 400);
	assert_true(c.groups > 100);
	assert_true(c.years > 50);
	assert_true(c.first_days > 20);
	assert_true(c.categories > 200);
}

/* Stages through the database: registered, planned, executed, and their
 * statements made from what the registry holds. */
static void test_random_stages_through_the_database(void **state)
{
	fixture *f = *state;
	agreement ag;
	fx_agreement(f, EMBARGOED("db", ", \"k\": 5"), true, &ag);
	rng r;
	rng_seed(&r, 7);
	static const int sizes[] = {3, 9, 14, 60, 130};
	checked c = {0};
	truth t[130];
	for(size_t st = 0; st < sizeof(sizes) / sizeof(sizes[0]); st++) {
		for(int i = 0; i < sizes[st]; i++) {
			random_person(&r, &t[i], false);
			char uid[UID_SIZE];
			fx_prisoner(f, &(prisoner){.surname = "Тестовий", .given = "Іван", .birth = t[i].birth, .party = "UA",
			                           .held_by = "RU", .medical = t[i].medical, .captured = t[i].captured,
			                           .branch = t[i].branch}, uid);
			if(!t[i].branch)
				t[i].branch = "armed_forces";  /* fx_prisoner's default */
		}
		char uid[UID_SIZE];
		fx_stage_executed(f, &ag, "w", (pdate){2025, 6, 9}, uid);
		statement_opts so = {.party = "UA", .on = {2025, 6, 10}};
		statement stm;
		assert_ok(statement_make(f->r, uid, &so, &f->a, &stm, &f->err), &f->err);
		assert_true(stm.embargo);
		assert_int_equal(stm.k, 5);
		assert_int_equal(stm.received, sizes[st]);
		people g = {t, sizes[st], stm.st.date};
		check_statement(&stm, &g, &c);
		/* A request may raise k: nothing said then describes fewer than 40. */
		so.k = 40;
		assert_ok(statement_make(f->r, uid, &so, &f->a, &stm, &f->err), &f->err);
		assert_int_equal(stm.k, 40);
		check_statement(&stm, &g, &c);
	}
	assert_int_equal(c.statements, 10);
	assert_true(c.groups > 0 && c.categories > 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_random_stages_in_memory, fixture_setup, fixture_teardown),
		cmocka_unit_test_setup_teardown(test_random_stages_through_the_database, fixture_setup, fixture_teardown),
	};
	return cmocka_run_group_tests_name("accord/statement_embargo", tests, NULL, NULL);
}
