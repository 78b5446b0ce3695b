/* The demo generator: reproducible bytes, files that import cleanly in
 * both formats and read back as they were written, and the mix of records
 * a UA office would hold. */
#include "testutil.h"

#include <jansson.h>

#include "demo/demo.h"

enum { IMPORT_PERSONS = 2000 };

/* ---- helpers ------------------------------------------------------------ */

typedef struct text {
	char *data;
	size_t len;
} text;

static void text_free(text *t)
{
	free(t->data);
	t->data = NULL;
	t->len = 0;
}

/* Generate into memory: the persons (or JSON document) and, for CSV, the
 * events. */
static void gen_text(long persons, uint64_t seed, registry_format format, text *out,
                     text *events)
{
	FILE *f = open_memstream(&out->data, &out->len);
	FILE *ef = events ? open_memstream(&events->data, &events->len) : NULL;
	assert_non_null(f);
	demo_opts o = {.persons = persons, .seed = seed, .format = format, .events_csv = ef};
	pl_err err = {0};
	assert_ok(registry_demo_generate(f, &o, &err), &err);
	assert_int_equal(fclose(f), 0);
	if(ef)
		assert_int_equal(fclose(ef), 0);
}

static void gen_file(const char *path, const char *events_path, long persons, uint64_t seed,
                     registry_format format)
{
	FILE *f = fopen(path, "wb");
	FILE *ef = events_path ? fopen(events_path, "wb") : NULL;
	assert_non_null(f);
	demo_opts o = {.persons = persons, .seed = seed, .format = format, .events_csv = ef};
	pl_err err = {0};
	assert_ok(registry_demo_generate(f, &o, &err), &err);
	assert_int_equal(fclose(f), 0);
	if(ef)
		assert_int_equal(fclose(ef), 0);
}

static bool same_text(const text *a, const text *b)
{
	return a->len == b->len && !memcmp(a->data, b->data, a->len);
}

static char *read_all(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	assert_non_null(f);
	char *data = NULL;
	size_t cap = 0;
	*len = 0;
	for(;;) {
		if(*len + 65536 > cap) {
			cap = cap ? cap * 2 : 1 << 20;
			data = realloc(data, cap);
			assert_non_null(data);
		}
		size_t n = fread(data + *len, 1, cap - *len, f);
		*len += n;
		if(n == 0)
			break;
	}
	fclose(f);
	return data;
}

static long count_lines(const char *path)
{
	size_t len;
	char *data = read_all(path, &len);
	long n = 0;
	for(size_t i = 0; i < len; i++)
		n += data[i] == '\n';
	free(data);
	return n;
}

/* Export the registry to a file and compare it with the file imported. */
static void assert_exports_as(store *st, const char *dir, registry_format format,
                                 export_what what, const char *expected_path)
{
	char path[4200];
	tu_path(path, sizeof(path), dir, what == EXPORT_EVENTS ? "export-events" : "export");
	FILE *f = fopen(path, "wb");
	assert_non_null(f);
	pl_err err = {0};
	assert_ok(registry_export(st, f, format, what, 0, &err), &err);
	assert_int_equal(fclose(f), 0);
	size_t na, nb;
	char *a = read_all(path, &na), *b = read_all(expected_path, &nb);
	if(na != nb || memcmp(a, b, na)) {
		size_t i = 0;
		while(i < na && i < nb && a[i] == b[i])
			i++;
		fail_msg("the export of %s differs from it at byte %zu of %zu", expected_path, i, nb);
	}
	free(a);
	free(b);
}

static void import_files(const char *db, const char *const *paths, size_t n,
                         import_report *rep)
{
	store *st;
	pl_err err = {0};
	assert_ok(store_open(&st, db, "test", STORE_CREATE, &err), &err);
	import_opts o = {0};
	o.format = FORMAT_AUTO;
	pl_rc rc = registry_import(st, paths, n, &o, rep, &err);
	if(rc)
		fail_msg("import failed (%d): %s\n%s", (int)rc, err.msg, buf_str(&rep->errors));
	assert_int_equal(rep->errors.len, 0);
	store_close(st);
}

/* ---- reproducibility ---------------------------------------------------- */

static void test_same_seed_same_bytes(void **state)
{
	(void)state;
	text a = {0}, b = {0}, c = {0};
	gen_text(300, 42, FORMAT_JSON, &a, NULL);
	gen_text(300, 42, FORMAT_JSON, &b, NULL);
	gen_text(300, 43, FORMAT_JSON, &c, NULL);
	assert_true(a.len > 1000);
	assert_true(same_text(&a, &b));
	assert_false(same_text(&a, &c));
	text_free(&a);
	text_free(&b);
	text_free(&c);

	text p1 = {0}, e1 = {0}, p2 = {0}, e2 = {0}, p3 = {0}, e3 = {0};
	gen_text(300, 42, FORMAT_CSV, &p1, &e1);
	gen_text(300, 42, FORMAT_CSV, &p2, &e2);
	gen_text(300, 43, FORMAT_CSV, &p3, &e3);
	assert_true(same_text(&p1, &p2));
	assert_true(same_text(&e1, &e2));
	assert_false(same_text(&p1, &p3));
	assert_false(same_text(&e1, &e3));
	text_free(&p1);
	text_free(&e1);
	text_free(&p2);
	text_free(&e2);
	text_free(&p3);
	text_free(&e3);
}

/* Person i does not depend on how many come after it: the records of a
 * small file start a larger one. 1500 persons span several batches. */
static void test_prefix_stable(void **state)
{
	(void)state;
	text small = {0}, large = {0};
	gen_text(1500, 9, FORMAT_CSV, &small, NULL);
	gen_text(2600, 9, FORMAT_CSV, &large, NULL);
	assert_true(small.len < large.len);
	assert_memory_equal(small.data, large.data, small.len);
	text_free(&small);
	text_free(&large);
}

/* ---- importing ---------------------------------------------------------- */

static long json_events(const char *path)
{
	json_error_t je;
	json_t *doc = json_load_file(path, 0, &je);
	assert_non_null(doc);
	long n = 0;
	size_t i;
	json_t *p;
	json_array_foreach(json_object_get(doc, "persons"), i, p)
		n += (long)json_array_size(json_object_get(p, "events"));
	json_decref(doc);
	return n;
}

static void test_json_imports(void **state)
{
	(void)state;
	char *dir = tu_tmpdir();
	char path[4200], db[4200];
	tu_path(path, sizeof(path), dir, "demo.json");
	tu_path(db, sizeof(db), dir, "registry.db");
	gen_file(path, NULL, IMPORT_PERSONS, 1, FORMAT_JSON);
	long events = json_events(path);
	assert_true(events > IMPORT_PERSONS * 2);

	import_report rep;
	const char *paths[] = {path};
	import_files(db, paths, 1, &rep);
	assert_int_equal(rep.persons_created, IMPORT_PERSONS);
	assert_int_equal(rep.persons_updated, 0);
	assert_int_equal(rep.events_added, events);
	import_report_free(&rep);

	/* Read back, the registry writes the very same bytes. */
	store *st;
	pl_err err = {0};
	assert_ok(store_open(&st, db, "test", 0, &err), &err);
	assert_exports_as(st, dir, FORMAT_JSON, EXPORT_PERSONS, path);
	store_close(st);
	tu_rmdir(dir);
}

static void test_csv_imports(void **state)
{
	(void)state;
	char *dir = tu_tmpdir();
	char persons[4200], events[4200], db[4200], json[4200];
	tu_path(persons, sizeof(persons), dir, "persons.csv");
	tu_path(events, sizeof(events), dir, "events.csv");
	tu_path(db, sizeof(db), dir, "registry.db");
	tu_path(json, sizeof(json), dir, "demo.json");
	gen_file(persons, events, IMPORT_PERSONS, 1, FORMAT_CSV);
	gen_file(json, NULL, IMPORT_PERSONS, 1, FORMAT_JSON);
	assert_int_equal(count_lines(persons), IMPORT_PERSONS + 1);
	long nevents = count_lines(events) - 1;
	/* The same seed makes the same records in either format. */
	assert_int_equal(nevents, json_events(json));

	import_report rep;
	const char *paths[] = {persons, events};
	import_files(db, paths, 2, &rep);
	assert_int_equal(rep.persons_created, IMPORT_PERSONS);
	assert_int_equal(rep.events_added, nevents);
	import_report_free(&rep);

	store *st;
	pl_err err = {0};
	assert_ok(store_open(&st, db, "test", 0, &err), &err);
	assert_exports_as(st, dir, FORMAT_CSV, EXPORT_PERSONS, persons);
	assert_exports_as(st, dir, FORMAT_CSV, EXPORT_EVENTS, events);
	store_close(st);
	tu_rmdir(dir);
}

/* ---- what the records look like ----------------------------------------- */

typedef struct tally {
	long persons, latin_only, with_latin, women, partial_birth, no_birth, icrc;
	long years[2030];
	long status[ST_COUNT];
	long parties[2];
} tally;

static const char *get(json_t *o, const char *key)
{
	return json_string_value(json_object_get(o, key));
}

/* Letters that only Ukrainian (і ї є ґ) or only Russian (ы э ё ъ) writes. */
static bool has_any(const char *s, const char *const *letters)
{
	for(int i = 0; s && letters[i]; i++)
		if(strstr(s, letters[i]))
			return true;
	return false;
}

static void check_names(json_t *p, bool ua)
{
	static const char *const uk_only[] = {"і", "ї", "є", "ґ", "І", "Ї", "Є", "Ґ", NULL};
	static const char *const ru_only[] = {"ы", "э", "ё", "ъ", "Э", "Ё", NULL};
	static const char *const keys[] = {"surname", "given_names", "patronymic", NULL};
	for(int i = 0; keys[i]; i++) {
		const char *v = get(p, keys[i]);
		if(has_any(v, ua ? ru_only : uk_only))
			fail_msg("%s '%s' of a %s person is not in %s", keys[i], v, ua ? "UA" : "RU",
			         ua ? "Ukrainian" : "Russian");
	}
	const char *patr = get(p, "patronymic"), *sex = get(p, "sex");
	if(patr && sex) {
		size_t n = strlen(patr);
		bool female = n > 4 && !strcmp(patr + n - 4, "на");
		assert_int_equal(female, !strcmp(sex, "female"));
	}
}

/* Who holds a person must agree with the status. */
static void check_custody(json_t *p, person_status st, bool ua)
{
	const char *held = get(p, "held_by");
	switch(st) {
	case ST_CAPTURED:
	case ST_HELD:
	case ST_LISTED:
	case ST_DECLINED_REPATRIATION:
	case ST_DIED_IN_CAPTIVITY:
		assert_non_null(held);
		assert_string_equal(held, ua ? "RU" : "UA");
		break;
	default:
		if(held)
			fail_msg("a person in status %s is held by %s", lifecycle_status_name(st), held);
	}
	if(!ua)
		assert_true(st != ST_MISSING);
}

static void check_events(json_t *p, const char *capture)
{
	json_t *evs = json_object_get(p, "events");
	assert_true(json_array_size(evs) > 0);
	const char *prev = capture ? capture : "";
	size_t i;
	json_t *e;
	json_array_foreach(evs, i, e) {
		const char *date = get(e, "date");
		assert_non_null(date);
		if(strcmp(date, prev) < 0)
			fail_msg("person %s: event %s on %s comes after %s", get(p, "id"), get(e, "type"),
			         date, prev);
		assert_true(strcmp(date, "2025-10-31") <= 0);
		assert_true(strlen(get(e, "id")) == UID_LEN && get(e, "id")[0] == 'E');
		prev = date;
	}
}

static void tally_person(tally *t, json_t *p)
{
	bool ua = !strcmp(get(p, "party"), "UA");
	int st = lifecycle_status_parse(get(p, "status"));
	assert_true(st >= 0);
	t->persons++;
	t->status[st]++;
	t->parties[ua ? 0 : 1]++;
	bool cyr = get(p, "surname") || get(p, "given_names");
	bool lat = get(p, "surname_latin") || get(p, "given_names_latin");
	assert_true(cyr || lat);
	t->latin_only += lat && !cyr;
	t->with_latin += lat;
	t->women += get(p, "sex") && !strcmp(get(p, "sex"), "female");
	const char *birth = get(p, "birth_date");
	t->no_birth += !birth;
	t->partial_birth += birth && strlen(birth) < 10;
	const char *capture = get(p, "capture_date");
	if(capture)
		t->years[atoi(capture)]++;
	assert_non_null(get(p, "ext.hq"));
	t->icrc += get(p, "ext.icrc") != NULL;
	assert_true(strlen(get(p, "id")) == UID_LEN && get(p, "id")[0] == 'P');
	check_names(p, ua);
	check_custody(p, (person_status)st, ua);
	check_events(p, capture);
}

static void test_distributions(void **state)
{
	(void)state;
	text doc = {0};
	gen_text(5000, 2024, FORMAT_JSON, &doc, NULL);
	json_error_t je;
	json_t *root = json_loadb(doc.data, doc.len, 0, &je);
	if(!root)
		fail_msg("the demo JSON does not parse: %s at line %d", je.text, je.line);
	tally *t = calloc(1, sizeof(*t));
	assert_non_null(t);
	size_t i;
	json_t *p;
	json_array_foreach(json_object_get(root, "persons"), i, p)
		tally_person(t, p);
	assert_int_equal(t->persons, 5000);

	/* About 8% only in Latin, about 48% with Latin at all. */
	assert_in_range(t->latin_only, 250, 550);
	assert_in_range(t->with_latin, 2000, 2800);
	/* About 6% women. */
	assert_in_range(t->women, 150, 500);
	/* About two thirds our people, a third theirs. */
	assert_in_range(t->parties[0], 2900, 3600);
	/* Some birth dates unknown, some partial. */
	assert_true(t->no_birth > 50);
	assert_true(t->partial_birth > 100);
	/* About a third have an ICRC id. */
	assert_in_range(t->icrc, 1300, 2000);

	int distinct = 0;
	for(int s = 0; s < ST_COUNT; s++)
		distinct += t->status[s] > 0;
	assert_true(distinct >= 8);
	assert_true(t->status[ST_REPATRIATED] > 500);
	assert_true(t->status[ST_MISSING] > 300);

	/* Captures from 2014 to 2025, 2022 the most common year. */
	long all = 0;
	for(int y = 0; y < 2030; y++) {
		if(t->years[y])
			assert_in_range(y, 2014, 2025);
		if(y != 2022)
			assert_true(t->years[y] < t->years[2022]);
		all += t->years[y];
	}
	assert_true(t->years[2014] + t->years[2015] > 0);
	assert_in_range(t->years[2022] * 100 / all, 35, 55);

	free(t);
	json_decref(root);
	text_free(&doc);
}

/* ---- failures ----------------------------------------------------------- */

static void test_write_error(void **state)
{
	(void)state;
	FILE *f = fopen("/dev/full", "wb");
	if(!f)
		skip();
	demo_opts o = {.persons = 3000, .seed = 1, .format = FORMAT_JSON};
	pl_err err = {0};
	assert_int_equal(registry_demo_generate(f, &o, &err), PL_EIO);
	assert_contains(err.msg, "cannot write the demo data");
	fclose(f);
}

static void test_counts(void **state)
{
	(void)state;
	demo_opts o = {.persons = -1, .seed = 1, .format = FORMAT_JSON};
	pl_err err = {0};
	assert_int_equal(registry_demo_generate(stdout, &o, &err), PL_EUSAGE);
	assert_contains(err.msg, "0 or more");

	text empty = {0};
	gen_text(0, 1, FORMAT_JSON, &empty, NULL);
	json_error_t je;
	json_t *root = json_loadb(empty.data, empty.len, 0, &je);
	assert_non_null(root);
	assert_int_equal(json_array_size(json_object_get(root, "persons")), 0);
	json_decref(root);
	text_free(&empty);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_same_seed_same_bytes),
		cmocka_unit_test(test_prefix_stable),
		cmocka_unit_test(test_json_imports),
		cmocka_unit_test(test_csv_imports),
		cmocka_unit_test(test_distributions),
		cmocka_unit_test(test_write_error),
		cmocka_unit_test(test_counts),
	};
	return cmocka_run_group_tests_name("demo/registry", tests, NULL, NULL);
}
