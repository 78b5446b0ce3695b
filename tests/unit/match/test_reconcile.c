/* Reconciling a list given in memory: the same outcomes as the same rows
 * read from a file, by the caller's keys; a row without a name refused. */
#include "registry/fixture.h"

#include <jansson.h>

#include "match/reconcile.h"

static const char *const list_csv =
	"surname,given_names,birth_date,service_number\n"
	"Бойко,Тарас,1980-05-01,АБ123456\n"
	"Бойко,Тарас,1980-05-01,АБ123456\n"
	"Шевченко,Александр,1990-03-12,\n"
	"Nobody,Known,1950-01-01,\n";

/* The rows of list_csv, as a caller holds them. */
static void records_of_list(reconcile_record rec[4])
{
	static const char *const keys[] = {"a", "b", "c", "d"};
	static const char *const rows[4][4] = {
		{"Бойко", "Тарас", "1980-05-01", "АБ123456"},
		{"Бойко", "Тарас", "1980-05-01", "АБ123456"},
		{"Шевченко", "Александр", "1990-03-12", NULL},
		{"Nobody", "Known", "1950-01-01", NULL},
	};
	memset(rec, 0, 4 * sizeof(*rec));
	for(int j = 0; j < 4; j++) {
		rec[j].key = keys[j];
		rec[j].who.f[PF_SURNAME] = rows[j][0];
		rec[j].who.f[PF_GIVEN_NAMES] = rows[j][1];
		rec[j].who.f[PF_BIRTH_DATE] = rows[j][2];
		rec[j].who.f[PF_SERVICE_NUMBER] = rows[j][3];
	}
}

static void registry_of_three(fixture *f)
{
	person p = fx_person("Бойко", "Тарас", "1980-05-01");
	p.f[PF_SERVICE_NUMBER] = "АБ-123456";
	fx_add(f, &p);
	p = fx_person("Шевченко", "Олександр", "1990-03-12");
	fx_add(f, &p);
	p = fx_person("Мельник", "Олег", "1970-01-01");
	fx_add(f, &p);
}

static void test_records_link_as_the_file_does(void **state)
{
	fixture *f = *state;
	registry_of_three(f);
	names *nm;
	assert_ok(registry_names(f->r, &nm, &f->err), &f->err);
	reconcile_opts o = {.threads = 1};
	reconcile_result file, mem;
	FILE *in = fmemopen((void *)list_csv, strlen(list_csv), "r");
	assert_non_null(in);
	assert_ok(reconcile_list(f->r, nm, in, "list.csv", &o, &file, &f->err), &f->err);
	fclose(in);
	reconcile_record rec[4];
	records_of_list(rec);
	assert_ok(reconcile_records(f->r, nm, rec, 4, "list", &o, &mem, &f->err), &f->err);
	assert_int_equal(mem.list.side.n, 4);
	assert_int_equal(mem.matched, file.matched);
	assert_int_equal(mem.review, file.review);
	assert_int_equal(mem.unmatched, file.unmatched);
	for(size_t j = 0; j < 4; j++) {
		const reconcile_row *a = &file.rows[j], *b = &mem.rows[j];
		assert_string_equal(mem.list.ids[j], rec[j].key);
		assert_int_equal(mem.list.lines[j], (long)j + 1);
		assert_int_equal(b->outcome, a->outcome);
		assert_int_equal(b->flags, a->flags);
		assert_true(b->prob == a->prob);
		assert_int_equal(!b->pair, !a->pair);
		if(b->pair)
			assert_string_equal(mem.reg.ids[b->person], file.reg.ids[a->person]);
		/* A row hashes as what it says, wherever it came from. */
		assert_string_equal(mem.row_hash[j], file.row_hash[j]);
	}
	/* Bojko is matched once; the second row says he is there twice. */
	assert_int_equal(mem.rows[0].outcome, RECONCILE_MATCHED);
	assert_true(mem.rows[1].flags & FLAG_DUPLICATE);
	assert_int_equal(mem.rows[1].outcome, RECONCILE_DUPLICATE);
	assert_int_equal(mem.rows[3].outcome, RECONCILE_UNMATCHED);
	/* Each row counted once: the outcomes add up to the rows. */
	assert_int_equal(mem.duplicate, 1);
	assert_int_equal(mem.matched + mem.review + mem.duplicate + mem.unmatched, 4);
	assert_int_equal(file.duplicate, mem.duplicate);
	reconcile_free(&file);
	reconcile_free(&mem);
}

static void test_a_record_without_a_name_is_refused(void **state)
{
	fixture *f = *state;
	registry_of_three(f);
	names *nm;
	assert_ok(registry_names(f->r, &nm, &f->err), &f->err);
	reconcile_record rec[2];
	memset(rec, 0, sizeof(rec));
	rec[0].key = "x";
	rec[0].who.f[PF_SURNAME] = "Бойко";
	rec[1].key = "y";
	rec[1].who.f[PF_BIRTH_DATE] = "1980";
	reconcile_opts o = {.threads = 1};
	reconcile_result r;
	assert_int_equal(reconcile_records(f->r, nm, rec, 2, "list", &o, &r, &f->err), PL_EINPUT);
	assert_string_equal(f->err.msg, "list:2: no name");
}

/* A list with its whole names in one column: each split, the report
 * saying how (and that one could not be), every field of their side
 * shown, and our side by name. */
static void test_whole_names_are_split_and_shown(void **state)
{
	fixture *f = *state;
	registry_of_three(f);
	names *nm;
	assert_ok(registry_names(f->r, &nm, &f->err), &f->err);
	static const char csv[] = "name,birth_date,service_number\n"
	                          "Бойко Тарас Іванович,1980-05-01,АБ123456\n"
	                          "Oleksandr Shevchenko,1990-03-12,\n"
	                          "МЕЛЬНИК О.,1970-01-01,\n"
	                          "Nobody,1950-01-01,\n";
	FILE *in = fmemopen((void *)csv, strlen(csv), "r");
	assert_non_null(in);
	reconcile_opts o = {.threads = 1};
	reconcile_result r;
	assert_ok(reconcile_list(f->r, nm, in, "names.csv", &o, &r, &f->err), &f->err);
	fclose(in);
	assert_true(r.whole_names);
	assert_int_equal(r.split[NAMES_SPLIT_KNOWN_NAME], 2);
	assert_int_equal(r.split[NAMES_SPLIT_CAPITALS], 1);
	assert_int_equal(r.split[NAMES_SPLIT_NONE], 1);
	json_t *doc = reconcile_json(&r);
	assert_non_null(doc);
	json_t *split = json_object_get(json_object_get(doc, "summary"), "name_split");
	assert_int_equal(json_integer_value(json_object_get(split, "unsplit")), 1);
	assert_int_equal(json_integer_value(json_object_get(json_object_get(split, "by"), "capitals")), 1);
	json_t *rows = json_object_get(doc, "rows");
	json_t *boiko = json_array_get(rows, 0), *theirs = json_object_get(boiko, "theirs");
	assert_string_equal(json_string_value(json_object_get(theirs, "surname")), "Бойко");
	assert_string_equal(json_string_value(json_object_get(theirs, "given_names")), "Тарас");
	assert_string_equal(json_string_value(json_object_get(theirs, "patronymic")), "Іванович");
	assert_string_equal(json_string_value(json_object_get(theirs, "service_number")), "АБ123456");
	assert_string_equal(json_string_value(json_object_get(boiko, "name_split")), "known_name");
	assert_string_equal(json_string_value(json_object_get(boiko, "person_name")), "Бойко Тарас");
	json_t *shev = json_array_get(rows, 1);
	assert_string_equal(json_string_value(json_object_get(shev, "their_name")), "Shevchenko Oleksandr");
	assert_string_equal(json_string_value(json_object_get(shev, "person_name")), "Шевченко Олександр");
	json_t *mel = json_array_get(rows, 2);
	assert_string_equal(json_string_value(json_object_get(json_object_get(mel, "theirs"), "given_names")),
	                    "О.");
	assert_string_equal(json_string_value(json_object_get(json_array_get(rows, 3), "name_split")), "unsplit");
	json_decref(doc);
	reconcile_free(&r);
}

/* The JSON report, written row by row, is the document reconcile_json
 * makes whole, value for value. */
static void test_json_report_streamed_is_the_document(void **state)
{
	fixture *f = *state;
	registry_of_three(f);
	names *nm;
	assert_ok(registry_names(f->r, &nm, &f->err), &f->err);
	FILE *in = fmemopen((void *)list_csv, strlen(list_csv), "r");
	reconcile_opts o = {.threads = 1};
	reconcile_result r;
	assert_ok(reconcile_list(f->r, nm, in, "list.csv", &o, &r, &f->err), &f->err);
	fclose(in);
	char *text = NULL;
	size_t len = 0;
	FILE *out = open_memstream(&text, &len);
	assert_ok(reconcile_write_json(out, &r, &f->err), &f->err);
	fclose(out);
	json_error_t je;
	json_t *streamed = json_loadb(text, len, 0, &je);
	if(!streamed)
		fail_msg("the report does not parse: %s at %d: %.200s", je.text, je.position, text);
	json_t *whole = reconcile_json(&r);
	/* seconds aside, which both print from the same result anyway */
	assert_true(json_equal(streamed, whole));
	json_t *sum = json_object_get(streamed, "summary");
	assert_int_equal(json_integer_value(json_object_get(sum, "duplicate")), 1);
	assert_int_equal(json_array_size(json_object_get(streamed, "rows")), 4);
	json_decref(streamed);
	json_decref(whole);
	free(text);
	reconcile_free(&r);
}

/* Person i's fields, varied enough that no two key alike. */
static void nth_person(int i, char *sur, char *giv, char *birth, size_t size)
{
	static const char *const s[] = {"Бойко", "Шевченко", "Мельник", "Kovalenko", "Бондаренко", "Ткаченко"};
	static const char *const g[] = {"Тарас", "Олександр", "Olha", "Ірина", "Петро"};
	snprintf(sur, size, "%s%c%c", s[i % 6], 'a' + i / 26 % 26, 'a' + i % 26);
	snprintf(giv, size, "%s", g[i % 5]);
	snprintf(birth, size, "%d-%02d-%02d", 1950 + i % 50, 1 + i % 12, 1 + i % 28);
}

/* Each registry person's columns, as keying them alone makes them. */
static void assert_rows_are_the_persons(names *nm, const match_list *l, int n, int changed)
{
	arena a;
	arena_init(&a, 0);
	for(int i = 0; i < n; i++) {
		char sur[64], giv[64], birth[16];
		nth_person(i, sur, giv, birth, sizeof(sur));
		person p = fx_person(i < changed ? "Інший" : sur, giv, birth);
		const char *row[MP_COLS];
		arena_reset(&a);
		assert_int_equal(match_person_row(nm, &p, &a, row), PL_OK);
		for(int c = 0; c < MP_COLS; c++) {
			const char *v = match_value(&l->side, (size_t)i, c);
			if(!row[c] || !v)
				assert_true(!row[c] && !v);
			else
				assert_string_equal(v, row[c]);
		}
		assert_int_equal(l->lines[i], i + 1); /* in the registry's order (its ids) */
	}
	arena_free(&a);
}

/* The registry is keyed in batches on two threads, and what is keyed is
 * kept: the columns are each person's own, in order, on the first read
 * and on the next (which keys again only the persons changed since). */
static void test_registry_keyed_in_batches_and_kept(void **state)
{
	fixture *f = *state;
	enum { N = 2100 }; /* a full batch on two threads, then one of 52 on one */
	char csv[4096];
	tu_path(csv, sizeof(csv), f->dir, "persons.csv");
	FILE *out = fopen(csv, "w");
	assert_non_null(out);
	fputs("surname,given_names,birth_date\n", out);
	for(int i = 0; i < N; i++) {
		char sur[64], giv[64], birth[16];
		nth_person(i, sur, giv, birth, sizeof(sur));
		fprintf(out, "%s,%s,%s\n", sur, giv, birth);
	}
	assert_int_equal(fclose(out), 0);
	const char *paths[] = {csv};
	import_opts io = {.format = FORMAT_CSV};
	import_report ir;
	assert_ok(registry_import(f->r, paths, 1, &io, &ir, &f->err), &f->err);
	import_report_free(&ir);
	names *nm;
	assert_ok(registry_names(f->r, &nm, &f->err), &f->err);
	match_list l;
	assert_ok(match_registry_read(f->r, nm, NULL, NULL, &l, &f->err), &f->err);
	assert_int_equal(l.side.n, N);
	assert_int_equal(l.keyed, N);
	assert_int_equal(l.reused, 0);
	assert_rows_are_the_persons(nm, &l, N, 0);
	/* Three persons renamed: only they are keyed again. */
	for(int i = 0; i < 3; i++) {
		person ch = {0};
		ch.f[PF_SURNAME] = "Інший";
		assert_ok(registry_person_update(f->r, l.ids[i], &ch, NULL, &f->err), &f->err);
	}
	match_list_free(&l);
	assert_ok(match_registry_read(f->r, nm, NULL, NULL, &l, &f->err), &f->err);
	assert_int_equal(l.side.n, N);
	assert_int_equal(l.keyed, 3);
	assert_int_equal(l.reused, N - 3);
	assert_rows_are_the_persons(nm, &l, N, 3);
	match_list_free(&l);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_records_link_as_the_file_does, fixture_setup, fixture_teardown),
		cmocka_unit_test_setup_teardown(test_registry_keyed_in_batches_and_kept, fixture_setup, fixture_teardown),
		cmocka_unit_test_setup_teardown(test_json_report_streamed_is_the_document, fixture_setup,
		                                fixture_teardown),
		cmocka_unit_test_setup_teardown(test_a_record_without_a_name_is_refused, fixture_setup,
		                                fixture_teardown),
		cmocka_unit_test_setup_teardown(test_whole_names_are_split_and_shown, fixture_setup,
		                                fixture_teardown),
	};
	return cmocka_run_group_tests_name("match/reconcile", tests, NULL, NULL);
}
