/* Search: names across scripts and spellings, and the filters. */
#include "fixture.h"

typedef struct who {
	const char *surname, *given, *surname_latin, *given_latin;
	const char *birth, *party, *held_by, *medical, *capture;
} who;

/* A small registry with its ids in uids[]. */
static const who people[] = {
	{"Шевченко", "Олександр", NULL, NULL, "1990-04-12", "UA", "RU", "wounded", "2022-03-05"},
	{NULL, NULL, "Shevchenko", "Oleksandr", "2001", "UA", "RU", "severely_wounded", "2022"},
	{"Иванов", "Александр", NULL, NULL, "1999-01-01", "RU", "UA", "none", "2023-06-01"},
	{"Хмельницький", "Микола", NULL, NULL, "2003-07-01", "UA", NULL, NULL, "2014-08"},
	{"Щербак", "Юрій", NULL, NULL, NULL, "UA", "RU", "seriously_ill", NULL},
	{"Петров", "Николай", NULL, NULL, "1970-02-02", "RU", "UA", "none", "2024-01-10"},
};
enum { NPEOPLE = sizeof(people) / sizeof(people[0]) };

static char uids[NPEOPLE][UID_SIZE];

static int setup(void **state)
{
	if(fixture_setup(state))
		return -1;
	fixture *f = *state;
	for(int i = 0; i < NPEOPLE; i++) {
		person p = {0};
		p.f[PF_SURNAME] = people[i].surname;
		p.f[PF_GIVEN_NAMES] = people[i].given;
		p.f[PF_SURNAME_LATIN] = people[i].surname_latin;
		p.f[PF_GIVEN_NAMES_LATIN] = people[i].given_latin;
		p.f[PF_BIRTH_DATE] = people[i].birth;
		p.f[PF_PARTY] = people[i].party;
		p.f[PF_HELD_BY] = people[i].held_by;
		p.f[PF_MEDICAL] = people[i].medical;
		p.f[PF_CAPTURE_DATE] = people[i].capture;
		if(registry_person_add(f->r, &p, &f->err))
			return -1;
		memcpy(uids[i], p.uid, UID_SIZE);
	}
	return 0;
}

/* The indexes into people[] that a query finds, as a bit set. */
static unsigned found(fixture *f, const person_query *q)
{
	person_page pg;
	assert_ok(registry_search(f->r, q, &f->a, &pg, &f->err), &f->err);
	unsigned set = 0;
	for(size_t i = 0; i < pg.n; i++)
		for(int k = 0; k < NPEOPLE; k++)
			if(!strcmp(pg.rows[i].uid, uids[k]))
				set |= 1u << k;
	assert_int_equal(pg.total, pg.n);
	return set;
}

static unsigned by_name(fixture *f, const char *name)
{
	person_query q = PERSON_QUERY_INIT;
	q.name = name;
	return found(f, &q);
}

#define P(i) (1u << (i))

static void test_a_name_in_any_script_or_spelling(void **state)
{
	fixture *f = *state;
	static const struct { const char *query; unsigned expect; } cases[] = {
		/* Олександр, Oleksandr and the Russian Александр are one name */
		{"Олександр", P(0) | P(1) | P(2)},
		{"Александр", P(0) | P(1) | P(2)},
		{"Oleksandr", P(0) | P(1) | P(2)},
		{"Aleksandr", P(0) | P(1) | P(2)},
		{"OLEKSANDR", P(0) | P(1) | P(2)},
		{"oleksandr shevchenko", P(0) | P(1)},
		{"Шевченко Олександр", P(0) | P(1)},
		{"shevchenko", P(0) | P(1)},
		{"Schewtschenko", P(0) | P(1)},
		{"Khmelnytskyi", P(3)},
		{"Khmelnitsky", P(3)},
		{"Хмельницкий", P(3)},
		{"Mykola", P(3) | P(5)},
		{"Nikolay", P(3) | P(5)},
		{"Shcherbak", P(4)},
		{"Yurii", P(4)},
		{"Yuriy", P(4)},
		{"Iurii", P(4)},
		{"Юрий", P(4)},
		{"Ivanov", P(2)},
		{"Іванов", P(2)},
		/* prefixes of a word */
		{"Shevch", P(0) | P(1)},
		{"Хмель", P(3)},
		{"petr", P(5)},
		/* a word that matches nobody */
		{"Коваленко", 0},
		{"Oleksandr Petrov", 0},
	};
	for(size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		unsigned got = by_name(f, cases[i].query);
		if(got != cases[i].expect)
			fail_msg("search '%s': found %#x, expected %#x", cases[i].query, got, cases[i].expect);
	}
}

static void test_complete_words_match_exactly_partial_ones_as_prefixes(void **state)
{
	fixture *f = *state;
	static const char *const names[][3] = {
		{"Іванова", "Олена", NULL}, {"Іванов", "Петро", NULL}, {"Іваненко", "Іван", NULL},
		{"Ковальчук", "Сергій", "Олександрович"},
	};
	char ids[4][UID_SIZE];
	for(int i = 0; i < 4; i++) {
		person p = fx_person(names[i][0], names[i][1], NULL);
		p.f[PF_PATRONYMIC] = names[i][2];
		fx_add(f, &p);
		memcpy(ids[i], p.uid, UID_SIZE);
	}
	static const struct { const char *query; const char *expect; } cases[] = {
		{"Іван", "2"},          /* a complete name: Іван, not Іванов or Іваненко */
		{"Ivano", "01"},        /* the start of a name */
		{"Іванов", "01"},       /* and his wife Іванова: the same family name */
		{"Ivanova", "01"},
		{"Олександрович", "3"}, /* a patronymic is a complete word too */
	};
	for(size_t c = 0; c < sizeof(cases) / sizeof(cases[0]); c++) {
		person_query q = PERSON_QUERY_INIT;
		q.name = cases[c].query;
		person_page pg;
		assert_ok(registry_search(f->r, &q, &f->a, &pg, &f->err), &f->err);
		char got[8] = "";
		for(int i = 0; i < 4; i++)
			for(size_t k = 0; k < pg.n; k++)
				if(!strcmp(pg.rows[k].uid, ids[i]))
					got[strlen(got)] = (char)('0' + i);
		if(strcmp(got, cases[c].expect))
			fail_msg("search '%s': found persons [%s], expected [%s]", cases[c].query, got,
			         cases[c].expect);
	}
}

/* person_key against what the persons' name_keys say: rows missing or
 * left over (0: in step). */
#define KEYS_DRIFT                                                                          \
	"SELECT (SELECT count(*) FROM (SELECT j.value, p.sort_key, p.id FROM person p,"           \
	" json_each('[\"' || replace(p.name_keys, ' ', '\",\"') || '\"]') j WHERE p.name_keys != ''" \
	" EXCEPT SELECT key, sort_key, person_id FROM person_key))"                              \
	" + (SELECT count(*) FROM (SELECT key, sort_key, person_id FROM person_key EXCEPT"        \
	" SELECT j.value, p.sort_key, p.id FROM person p,"                                        \
	" json_each('[\"' || replace(p.name_keys, ' ', '\",\"') || '\"]') j WHERE p.name_keys != ''))"

/* A CSV file of persons in the fixture's folder, its header written. */
static FILE *csv_open(fixture *f, char path[4096])
{
	tu_path(path, 4096, f->dir, "persons.csv");
	FILE *out = fopen(path, "wb");
	assert_non_null(out);
	fputs("surname,given_names,ext.hq\n", out);
	return out;
}

static void csv_import(fixture *f, FILE *out, const char *path)
{
	fclose(out);
	import_opts o = {0};
	import_report rep;
	assert_ok(registry_import(f->r, &path, 1, &o, &rep, &f->err), &f->err);
	import_report_free(&rep);
}

/* SEARCH_SORT_MAX + 50 Андрій, Антоненко and Яковенко in turn, imported. */
static void import_many(fixture *f)
{
	char path[4096];
	FILE *out = csv_open(f, path);
	for(int i = 0; i < SEARCH_SORT_MAX + 50; i++)
		fprintf(out, "%s,Андрій,H%d\n", i % 2 ? "Яковенко" : "Антоненко", i);
	csv_import(f, out, path);
}

/* A name held by more than SEARCH_SORT_MAX persons still comes in name
 * order (the index's), its count capped: "more than 2,000". */
static void test_a_broad_name_comes_in_name_order_counted_to_the_cap(void **state)
{
	fixture *f = *state;
	import_many(f);
	person_query q = PERSON_QUERY_INIT;
	q.name = "Andrii";
	person_page pg;
	assert_ok(registry_search(f->r, &q, &f->a, &pg, &f->err), &f->err);
	assert_true(pg.name_order);
	assert_int_equal(pg.total, SEARCH_SORT_MAX);
	assert_true(pg.total_capped);
	assert_int_equal(pg.n, 50);
	/* name order: every Антоненко (1,025 of them) before any Яковенко */
	assert_string_equal(pg.rows[0].f[PF_SURNAME], "Антоненко");
	assert_string_equal(pg.rows[49].f[PF_SURNAME], "Антоненко");
	q.offset = (SEARCH_SORT_MAX + 50) / 2 - 1;
	q.limit = 2;
	assert_ok(registry_search(f->r, &q, &f->a, &pg, &f->err), &f->err);
	assert_int_equal(pg.n, 2);
	assert_string_equal(pg.rows[0].f[PF_SURNAME], "Антоненко");
	assert_string_equal(pg.rows[1].f[PF_SURNAME], "Яковенко");
	/* the last page, past the count's cap */
	q.offset = SEARCH_SORT_MAX + 48;
	q.limit = 20;
	assert_ok(registry_search(f->r, &q, &f->a, &pg, &f->err), &f->err);
	assert_int_equal(pg.n, 2);
	assert_true(pg.total_capped);
	/* a second word narrows it, counted exactly */
	q = (person_query)PERSON_QUERY_INIT;
	q.name = "Andrii Yakovenko";
	assert_ok(registry_search(f->r, &q, &f->a, &pg, &f->err), &f->err);
	assert_true(pg.name_order);
	assert_false(pg.total_capped);
	assert_int_equal(pg.total, (SEARCH_SORT_MAX + 50) / 2);
	assert_string_equal(pg.rows[0].f[PF_SURNAME], "Яковенко");
	/* with a filter no one passes: nobody, counted exactly */
	q.name = "Andrii";
	q.party = "UA";
	assert_ok(registry_search(f->r, &q, &f->a, &pg, &f->err), &f->err);
	assert_int_equal(pg.n, 0);
	assert_int_equal(pg.total, 0);
	assert_false(pg.total_capped);
}

/* Several words: every word must match, in any order, each through any of
 * its forms; the page is in name order whichever word is rarer. */
static void test_several_words_each_match_in_name_order(void **state)
{
	fixture *f = *state;
	import_many(f);
	static const char *const extra[][3] = {
		{"Антоненко", "Олександр", "Андрійович"}, {"Антоненко", "Андрій", "Петрович"},
		{"Абрамович", "Андрій", NULL}, {"Яковенко", "Петро", "Андрійович"},
	};
	for(int i = 0; i < 4; i++) {
		person p = fx_person(extra[i][0], extra[i][1], NULL);
		p.f[PF_PATRONYMIC] = extra[i][2];
		fx_add(f, &p);
	}
	person_query q = PERSON_QUERY_INIT;
	person_page pg;
	q.name = "Petrovych Andrii";
	assert_ok(registry_search(f->r, &q, &f->a, &pg, &f->err), &f->err);
	assert_int_equal(pg.total, 1);
	assert_string_equal(pg.rows[0].f[PF_PATRONYMIC], "Петрович");
	/* Russian forms of both words */
	q.name = "Андрей Петрович";
	assert_ok(registry_search(f->r, &q, &f->a, &pg, &f->err), &f->err);
	assert_int_equal(pg.total, 1);
	/* three words, one of them being typed (Петр and Петро are complete
	 * names: Яковенко's, in Russian and in Ukrainian) */
	q.name = "Антоненко Андрій Петрови";
	assert_ok(registry_search(f->r, &q, &f->a, &pg, &f->err), &f->err);
	assert_int_equal(pg.total, 1);
	/* a rare word first, a common one after: Абрамович before the rest */
	q.name = "Андрій Абрамович";
	assert_ok(registry_search(f->r, &q, &f->a, &pg, &f->err), &f->err);
	assert_int_equal(pg.total, 1);
	assert_string_equal(pg.rows[0].f[PF_SURNAME], "Абрамович");
	/* the rows of the page in name order: sort keys never decrease */
	q.name = "Andrii";
	q.limit = 100;
	assert_ok(registry_search(f->r, &q, &f->a, &pg, &f->err), &f->err);
	assert_string_equal(pg.rows[0].f[PF_SURNAME], "Абрамович");
	assert_string_equal(pg.rows[1].f[PF_SURNAME], "Антоненко");
	/* nobody is both */
	q.name = "Абрамович Яковенко";
	assert_ok(registry_search(f->r, &q, &f->a, &pg, &f->err), &f->err);
	assert_int_equal(pg.n, 0);
	assert_int_equal(pg.total, 0);
}

/* Every pair of a given name and a surname, among persons holding them
 * in every combination and count: each pair's total is what was
 * imported, whichever word is rarer and however far apart in name order
 * their persons lie (the walk seeks each word to the others' place). */
static void test_two_words_count_exactly_every_pair(void **state)
{
	fixture *f = *state;
	static const char *const surnames[] = {"Бондар", "Гнатюк", "Дорошенко", "Євтушенко", "Кравець",
	                                       "Мельник", "Олійник", "Руденко", "Ткачук", "Шаповал"};
	static const char *const given[] = {"Андрій", "Богдан", "Василь", "Дмитро", "Іван", "Микола",
	                                    "Петро"};
	enum { NS = 10, NG = 7 };
	char path[4096];
	FILE *out = csv_open(f, path);
	int n = 0;
	for(int s = 0; s < NS; s++)
		for(int g = 0; g < NG; g++)
			for(int k = 0; k < (s * 7 + g * 3) % 11; k++)
				fprintf(out, "%s,%s,X%d\n", surnames[s], given[g], n++);
	csv_import(f, out, path);
	for(int s = 0; s < NS; s++)
		for(int g = 0; g < NG; g++) {
			char name[128];
			person_query q = PERSON_QUERY_INIT;
			person_page pg;
			snprintf(name, sizeof(name), "%s %s", g % 2 ? surnames[s] : given[g], g % 2 ? given[g] : surnames[s]);
			q.name = name;
			q.limit = 3;
			assert_ok(registry_search(f->r, &q, &f->a, &pg, &f->err), &f->err);
			if(pg.total != (size_t)((s * 7 + g * 3) % 11))
				fail_msg("search '%s': %zu, expected %d", name, pg.total, (s * 7 + g * 3) % 11);
			for(size_t i = 0; i < pg.n; i++) {
				assert_string_equal(pg.rows[i].f[PF_SURNAME], surnames[s]);
				assert_string_equal(pg.rows[i].f[PF_GIVEN_NAMES], given[g]);
			}
		}
}

/* A search that stops part-way through its ranges leaves no statement
 * open: another connection writes, then this one writes (a statement left
 * stepping would hold the old snapshot, and this write would be busy). */
static void test_a_search_leaves_no_read_open(void **state)
{
	fixture *f = *state;
	import_many(f);
	person_query q = PERSON_QUERY_INIT;
	person_page pg;
	q.name = "Andrii";
	q.limit = 2;
	assert_ok(registry_search(f->r, &q, &f->a, &pg, &f->err), &f->err);
	assert_int_equal(pg.n, 2);
	store *other;
	assert_ok(store_open(&other, f->path, "other", 0, &f->err), &f->err);
	person p = fx_person("Інший", "Андрій", NULL);
	assert_ok(registry_person_add(other, &p, &f->err), &f->err);
	store_close(other);
	person mine = fx_person("Мій", "Андрій", NULL);
	assert_ok(registry_person_add(f->r, &mine, &f->err), &f->err);
}

/* A word being typed is every key it starts, merged into name order. */
static void test_a_word_being_typed_matches_the_names_it_starts(void **state)
{
	fixture *f = *state;
	static const char *const names[][2] = {
		{"Ковальчук", "Ярема"}, {"Коваленко", "Ярема"}, {"Коваль", "Ярема"}, {"Ковалевська", "Ярина"},
		{"Кобзар", "Ярема"},
	};
	for(int i = 0; i < 5; i++) {
		person p = fx_person(names[i][0], names[i][1], NULL);
		fx_add(f, &p);
	}
	person_query q = PERSON_QUERY_INIT;
	person_page pg;
	q.name = "Кова";
	assert_ok(registry_search(f->r, &q, &f->a, &pg, &f->err), &f->err);
	assert_true(pg.name_order);
	assert_int_equal(pg.total, 4);
	/* in name order (Ukrainian: в before н, ь last), though the keys
	 * (kovalcuk, kovalenko, kovalevska, koval) are in another */
	assert_string_equal(pg.rows[0].f[PF_SURNAME], "Ковалевська");
	assert_string_equal(pg.rows[1].f[PF_SURNAME], "Коваленко");
	assert_string_equal(pg.rows[2].f[PF_SURNAME], "Коваль");
	assert_string_equal(pg.rows[3].f[PF_SURNAME], "Ковальчук");
	/* with a second, complete word */
	q.name = "Ярема Kovalch";
	assert_ok(registry_search(f->r, &q, &f->a, &pg, &f->err), &f->err);
	assert_int_equal(pg.total, 1);
	assert_string_equal(pg.rows[0].f[PF_SURNAME], "Ковальчук");
	/* two words being typed */
	q.name = "Яре Ко";
	assert_ok(registry_search(f->r, &q, &f->a, &pg, &f->err), &f->err);
	assert_int_equal(pg.total, 4);
	/* a complete name is matched exactly (Коваль), not as a start */
	q.name = "Коваль";
	assert_ok(registry_search(f->r, &q, &f->a, &pg, &f->err), &f->err);
	assert_int_equal(pg.total, 1);
	/* a start no name has */
	q.name = "Ковалж";
	assert_ok(registry_search(f->r, &q, &f->a, &pg, &f->err), &f->err);
	assert_int_equal(pg.total, 0);
}

/* The name index follows each change: an update's old name is gone and
 * its new one found, a pseudonymised person is not found by name, and the
 * table holds exactly what the persons' keys say after each. */
static void test_the_index_follows_updates_and_pseudonymisation(void **state)
{
	fixture *f = *state;
	assert_int_equal(fx_scalar(f, KEYS_DRIFT), 0);
	assert_true(fx_scalar(f, "SELECT count(*) FROM person_key") > NPEOPLE);
	person change = {0};
	change.f[PF_SURNAME] = "Давній";
	assert_ok(registry_person_update(f->r, uids[2], &change, NULL, &f->err), &f->err);
	assert_int_equal(fx_scalar(f, KEYS_DRIFT), 0);
	assert_int_equal(by_name(f, "Ivanov"), 0);
	assert_int_equal(by_name(f, "Davnii Aleksandr"), P(2));
	/* Closed in 2012, and a rule of 5 years on the identity. */
	static const char *const ev[][2] = {{"capture", "2010-01-01"}, {"released_otherwise", "2012-05-01"}};
	for(int i = 0; i < 2; i++)
		assert_ok(fx_event(f, uids[2], ev[i][0], ev[i][1], NULL), &f->err);
	assert_ok(registry_retention_set(f->r, "identity", NULL, 5, &f->err), &f->err);
	size_t changes = 0;
	assert_ok(registry_retention_run(f->r, false, &(retention_hooks){0}, &changes, &f->err), &f->err);
	assert_int_equal(changes, 1);
	assert_int_equal(fx_scalar(f, KEYS_DRIFT), 0);
	assert_int_equal(fx_scalar(f, "SELECT count(*) FROM person_key k JOIN person p ON p.id = k.person_id"
	                              " WHERE p.pseudonymised_at IS NOT NULL"), 0);
	assert_int_equal(by_name(f, "Давній"), 0);
	assert_int_equal(by_name(f, "Олександр"), P(0) | P(1));
}

static void test_a_name_without_letters_is_refused(void **state)
{
	fixture *f = *state;
	person_query q = PERSON_QUERY_INIT;
	q.name = " -- ";
	person_page pg;
	assert_int_equal(registry_search(f->r, &q, &f->a, &pg, &f->err), PL_EUSAGE);
}

static void test_filters(void **state)
{
	fixture *f = *state;
	person_query q = PERSON_QUERY_INIT;
	q.party = "UA";
	assert_int_equal(found(f, &q), P(0) | P(1) | P(3) | P(4));
	q.held_by = "unknown";
	assert_int_equal(found(f, &q), P(3));
	q = (person_query)PERSON_QUERY_INIT;
	q.medical = "severely_wounded,seriously_ill";
	assert_int_equal(found(f, &q), P(1) | P(4));
	q.medical = "unknown";
	assert_int_equal(found(f, &q), P(3));
	q = (person_query)PERSON_QUERY_INIT;
	q.held_by = "ru";
	q.name = "oleksandr";
	assert_int_equal(found(f, &q), P(0) | P(1));
	q = (person_query)PERSON_QUERY_INIT;
	q.status = "missing";
	assert_int_equal(found(f, &q), (1u << NPEOPLE) - 1);
	q.status = "held";
	assert_int_equal(found(f, &q), 0);
}

/* Counts the statements that find the persons through the statuses'
 * index. */
static int trace_index(unsigned type, void *ctx, void *stmt, void *sql)
{
	(void)type;
	(void)sql;
	char *text = sqlite3_expanded_sql(stmt);
	if(text && strstr(text, "p.id IN (SELECT person_id FROM person_state"))
		++*(int *)ctx;
	sqlite3_free(text);
	return 0;
}

/* The uids of a status's page, in order, as one string; *total its count. */
static void status_page(fixture *f, const char *status, size_t offset, char *out, size_t *total)
{
	person_query q = PERSON_QUERY_INIT;
	q.status = status;
	q.limit = 7;
	q.offset = offset;
	person_page pg;
	assert_ok(registry_search(f->r, &q, &f->a, &pg, &f->err), &f->err);
	*out = '\0';
	for(size_t i = 0; i < pg.n; i++)
		strcat(out, pg.rows[i].uid);
	*total = pg.total;
}

/* Write `text` to the file `name` in the fixture's directory and import
 * it. */
static void import_text(fixture *f, const char *name, const char *text)
{
	char path[4096];
	tu_path(path, sizeof(path), f->dir, name);
	FILE *out = fopen(path, "wb");
	assert_non_null(out);
	fputs(text, out);
	fclose(out);
	import_opts o = {0};
	const char *paths[1] = {path};
	import_report rep;
	assert_ok(registry_import(f->r, paths, 1, &o, &rep, &f->err), &f->err);
	import_report_free(&rep);
}

/* Captures for the persons Статус{from..to} whose number is a multiple of
 * `every`, as an events file; marks them in captured[]. */
static void capture(fixture *f, int from, int to, int every, bool *captured)
{
	buf b;
	buf_init(&b, 0);
	assert_int_equal(buf_adds(&b, "person,type,date,source\n"), PL_OK);
	sqlite3_stmt *s;
	assert_int_equal(sqlite3_prepare_v2(store_db(f->r), "SELECT uid, CAST(substr(surname, 7) AS INTEGER)"
	                                    " FROM person WHERE surname LIKE 'Статус%'", -1, &s, NULL),
	                 SQLITE_OK);
	while(sqlite3_step(s) == SQLITE_ROW) {
		int k = sqlite3_column_int(s, 1);
		if(k < from || k > to || k % every || captured[k])
			continue;
		captured[k] = true;
		assert_int_equal(buf_printf(&b, "%s,capture,2024-01-01,media\n", sqlite3_column_text(s, 0)), PL_OK);
	}
	sqlite3_finalize(s);
	import_text(f, "e.csv", buf_str(&b));
	buf_free(&b);
}

/* The uids of Статус{k} for the captured k, from the first-th to the
 * last-th of them, in order. */
static void captured_uids(fixture *f, const bool *captured, int first, int last, char *out)
{
	*out = '\0';
	sqlite3_stmt *s;
	assert_int_equal(sqlite3_prepare_v2(store_db(f->r), "SELECT uid FROM person WHERE surname = ?",
	                                    -1, &s, NULL), SQLITE_OK);
	for(int k = 0, seen = 0; k < 4000; k++) {
		if(!captured[k] || seen++ < first || seen > last + 1)
			continue;
		char surname[32];
		snprintf(surname, sizeof(surname), "Статус%04d", k);
		sqlite3_bind_text(s, 1, surname, -1, SQLITE_STATIC);
		assert_int_equal(sqlite3_step(s), SQLITE_ROW);
		strcat(out, (const char *)sqlite3_column_text(s, 0));
		sqlite3_reset(s);
	}
	sqlite3_finalize(s);
}

/* The second and third pages of 7 of the captured are those persons in
 * name order; their total, and *indexed counted afresh. */
static size_t pages_2_and_3_captured(fixture *f, const bool *captured, int *indexed)
{
	char want[16 * UID_SIZE + 1], got[16 * UID_SIZE + 1], two[8 * UID_SIZE + 1];
	size_t total;
	*indexed = 0;
	status_page(f, "captured", 7, got, &total);
	status_page(f, "captured", 14, two, &total);
	strcat(got, two);
	captured_uids(f, captured, 7, 20, want);
	assert_string_equal(got, want);
	return total;
}

/* Without a name a status is listed through its index when few have it
 * and by testing each person in name order when many do; either way the
 * page is the same: those persons, in name order. */
static void test_a_rare_and_a_common_status_list_alike(void **state)
{
	fixture *f = *state;
	enum { MORE = 4000 };
	buf b;
	buf_init(&b, 0);
	assert_int_equal(buf_adds(&b, "surname,given_names\n"), PL_OK);
	/* Added out of name order, so that ids do not give it. */
	for(int i = 0; i < MORE; i++)
		assert_int_equal(buf_printf(&b, "Статус%04d,Іван\n", (i * 37) % MORE), PL_OK);
	import_text(f, "p.csv", buf_str(&b));
	buf_free(&b);
	static bool captured[MORE];
	memset(captured, 0, sizeof(captured));
	char got[8 * UID_SIZE + 1];
	size_t total;
	int indexed = 0;
	sqlite3_trace_v2(store_db(f->r), SQLITE_TRACE_STMT, trace_index, &indexed);
	/* 40 of 4,005 captured: few. */
	capture(f, 0, MORE - 1, 100, captured);
	assert_int_equal(pages_2_and_3_captured(f, captured, &indexed), 40);
	assert_int_equal(indexed, 4); /* each page's count and rows */
	/* 3,604 (those of 0 to 3,599 and the 4 multiples of 100 above): many,
	 * more than the square root of 2,667 times 4,005. */
	capture(f, 0, 3599, 1, captured);
	assert_int_equal(pages_2_and_3_captured(f, captured, &indexed), 3604);
	assert_int_equal(indexed, 0);
	/* A status nobody has is an empty list, through the index. */
	indexed = 0;
	status_page(f, "identified", 0, got, &total);
	assert_int_equal(total, 0);
	assert_string_equal(got, "");
	assert_int_equal(indexed, 2);
	sqlite3_trace_v2(store_db(f->r), 0, NULL, NULL);
}

static void test_bad_filter_values_are_errors_not_empty_lists(void **state)
{
	fixture *f = *state;
	person_page pg;
	person_query q = PERSON_QUERY_INIT;
	q.status = "helld";
	assert_int_equal(registry_search(f->r, &q, &f->a, &pg, &f->err), PL_EINPUT);
	assert_contains(f->err.msg, "--status: 'helld'");
	assert_contains(f->err.msg, "held");
	q = (person_query)PERSON_QUERY_INIT;
	q.party = "Ukrainia"; /* "Ukraine" is UA */
	assert_int_equal(registry_search(f->r, &q, &f->a, &pg, &f->err), PL_EINPUT);
	q = (person_query)PERSON_QUERY_INIT;
	q.captured_since = "2022-13";
	assert_int_equal(registry_search(f->r, &q, &f->a, &pg, &f->err), PL_EINPUT);
}

static void test_age_on_a_date_with_partial_birth_dates(void **state)
{
	fixture *f = *state;
	person_query q = PERSON_QUERY_INIT;
	q.age_on = (pdate){2025, 6, 1};
	q.age_min = 18;
	q.age_max = 25;
	/* 2001 (year only): 23 or 24; 2003-07-01: 21; 1999-01-01: 26 */
	assert_int_equal(found(f, &q), P(1) | P(3));
	q.age_max = 26;
	assert_int_equal(found(f, &q), P(1) | P(2) | P(3));
	/* born 1999-01-01 is 26 on 2025-06-01 but 25 on 2024-12-31 */
	q.age_on = (pdate){2024, 12, 31};
	q.age_max = 25;
	assert_int_equal(found(f, &q) & P(2), P(2));
	/* no birth date: never matches an age */
	q.age_min = 0;
	q.age_max = 150;
	assert_int_equal(found(f, &q) & P(4), 0);
}

static void test_captured_since_and_before(void **state)
{
	fixture *f = *state;
	person_query q = PERSON_QUERY_INIT;
	q.captured_since = "2022-02-24";
	/* "2022" may be after 24 February, so it matches */
	assert_int_equal(found(f, &q), P(0) | P(1) | P(2) | P(5));
	q.captured_before = "2023";
	assert_int_equal(found(f, &q), P(0) | P(1));
	q = (person_query)PERSON_QUERY_INIT;
	q.captured_before = "2015";
	assert_int_equal(found(f, &q), P(3));
}

static void test_paging_and_order(void **state)
{
	fixture *f = *state;
	person_query q = PERSON_QUERY_INIT;
	q.limit = 2;
	person_page pg;
	assert_ok(registry_search(f->r, &q, &f->a, &pg, &f->err), &f->err);
	assert_int_equal(pg.n, 2);
	assert_int_equal(pg.total, NPEOPLE);
	/* Ukrainian alphabetical order, by the name in its original script:
	 * Иванов (И) < Петров < Хмельницький < Шевченко < Щербак; the
	 * Latin-only record sorts by its Latin name. */
	char seen[NPEOPLE][UID_SIZE];
	size_t n = 0;
	for(q.offset = 0; q.offset < NPEOPLE; q.offset += 2) {
		assert_ok(registry_search(f->r, &q, &f->a, &pg, &f->err), &f->err);
		for(size_t i = 0; i < pg.n; i++)
			memcpy(seen[n++], pg.rows[i].uid, UID_SIZE);
	}
	assert_int_equal(n, NPEOPLE);
	int ivanov = -1, shevchenko = -1, shcherbak = -1;
	for(size_t i = 0; i < n; i++) {
		if(!strcmp(seen[i], uids[2]))
			ivanov = (int)i;
		if(!strcmp(seen[i], uids[0]))
			shevchenko = (int)i;
		if(!strcmp(seen[i], uids[4]))
			shcherbak = (int)i;
	}
	assert_true(ivanov < shevchenko);
	assert_true(shevchenko < shcherbak);
}

static void test_changed_names_are_found_by_the_new_name(void **state)
{
	fixture *f = *state;
	person change = {0};
	change.f[PF_SURNAME] = "Коваленко";
	assert_ok(registry_person_update(f->r, uids[5], &change, NULL, &f->err), &f->err);
	assert_int_equal(by_name(f, "Kovalenko"), P(5));
	assert_int_equal(by_name(f, "Петров"), 0);
}

static void test_keys_are_rebuilt_when_the_rules_change(void **state)
{
	fixture *f = *state;
	/* As if the database had been written by a parley with other rules. */
	assert_int_equal(sqlite3_exec(store_db(f->r),
	                              "UPDATE meta SET value = 'old' WHERE key = 'names_key_version';"
	                              "DELETE FROM person_key;"
	                              "UPDATE person SET name_keys = '';",
	                              NULL, NULL, NULL), SQLITE_OK);
	store_close(f->r);
	assert_ok(store_open(&f->r, f->path, "tester", 0, &f->err), &f->err);
	assert_int_equal(by_name(f, "Oleksandr"), P(0) | P(1) | P(2));
	assert_int_not_equal(fx_scalar(f, "SELECT count(*) FROM meta WHERE key = 'names_key_version'"
	                                  " AND value = 'old'"), 1);
	assert_int_equal(fx_scalar(f, KEYS_DRIFT), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_a_name_in_any_script_or_spelling, setup, fixture_teardown),
		cmocka_unit_test_setup_teardown(test_complete_words_match_exactly_partial_ones_as_prefixes, setup, fixture_teardown),
		cmocka_unit_test_setup_teardown(test_a_broad_name_comes_in_name_order_counted_to_the_cap, setup, fixture_teardown),
		cmocka_unit_test_setup_teardown(test_several_words_each_match_in_name_order, setup, fixture_teardown),
		cmocka_unit_test_setup_teardown(test_two_words_count_exactly_every_pair, setup, fixture_teardown),
		cmocka_unit_test_setup_teardown(test_a_search_leaves_no_read_open, setup, fixture_teardown),
		cmocka_unit_test_setup_teardown(test_a_word_being_typed_matches_the_names_it_starts, setup, fixture_teardown),
		cmocka_unit_test_setup_teardown(test_the_index_follows_updates_and_pseudonymisation, setup, fixture_teardown),
		cmocka_unit_test_setup_teardown(test_a_name_without_letters_is_refused, setup, fixture_teardown),
		cmocka_unit_test_setup_teardown(test_filters, setup, fixture_teardown),
		cmocka_unit_test_setup_teardown(test_bad_filter_values_are_errors_not_empty_lists, setup, fixture_teardown),
		cmocka_unit_test_setup_teardown(test_age_on_a_date_with_partial_birth_dates, setup, fixture_teardown),
		cmocka_unit_test_setup_teardown(test_captured_since_and_before, setup, fixture_teardown),
		cmocka_unit_test_setup_teardown(test_paging_and_order, setup, fixture_teardown),
		cmocka_unit_test_setup_teardown(test_a_rare_and_a_common_status_list_alike, setup, fixture_teardown),
		cmocka_unit_test_setup_teardown(test_changed_names_are_found_by_the_new_name, setup, fixture_teardown),
		cmocka_unit_test_setup_teardown(test_keys_are_rebuilt_when_the_rules_change, setup, fixture_teardown),
	};
	return cmocka_run_group_tests_name("search", tests, NULL, NULL);
}
