/* Import of remains cases: all or nothing, problems with file, line and
 * column, idempotent re-imports, updates and refused moves, and a 10,000
 * case file. */
#include "fixture.h"

#include "core/date.h"
#include "demo/demo.h"

static char file[4096];

static const char *write_file(fixture *f, const char *name, const char *text)
{
	tu_path(file, sizeof(file), f->dir, name);
	tu_write(file, text);
	return file;
}

static pl_rc import(fixture *f, const char *path, const remains_import_opts *o,
                    remains_import_report *rep)
{
	return remains_import(f->r, path, o, rep, &f->err);
}

/* Every row the remains tables hold, and the audit entries. */
static long long rows_everywhere(fixture *f)
{
	return fx_scalar(f, "SELECT (SELECT count(*) FROM remains_case) + (SELECT count(*) FROM"
	                    " remains_batch) + (SELECT count(*) FROM remains_custody) + (SELECT count(*)"
	                    " FROM remains_fragment) + (SELECT count(*) FROM event) + (SELECT count(*)"
	                    " FROM audit)");
}

static const char cases_csv[] =
	"tag,batch,from_party,to_party,handover_date,recovery_place,recovery_date,condition,holder,custody_since,note\r\n"
	"UA-2025-06-11-0001,RU-UA-2025-06-11,RU,UA,2025-06-11,\"Бахмутський район, Донецька область\",2024-05,skeletal,Київське бюро СМЕ,2025-06-12,\r\n"
	"UA-2025-06-11-0002,RU-UA-2025-06-11,RU,UA,2025-06-11,,2024,commingled,Київське бюро СМЕ,2025-06-12,\"у мішку частини\n кількох осіб\"\r\n"
	"UA-2025-06-11-0003,RU-UA-2025-06-11,,,,,,,,,\r\n";

static void test_a_file_creates_cases_batches_and_custody(void **state)
{
	fixture *f = *state;
	remains_import_report rep;
	assert_ok(import(f, write_file(f, "cases.csv", cases_csv), NULL, &rep), &f->err);
	assert_int_equal(rep.rows, 3);
	assert_int_equal(rep.created, 3);
	assert_int_equal(rep.batches_created, 1);
	assert_int_equal(rep.custody_added, 2);
	assert_int_equal(fx_scalar(f, "SELECT count(*) FROM remains_case c JOIN remains_batch b ON"
	                              " b.id = c.batch_id WHERE b.label = 'RU-UA-2025-06-11'"), 3);
	assert_int_equal(fx_scalar(f, "SELECT count(*) FROM remains_case WHERE note ="
	                              " 'у мішку частини\n кількох осіб'"), 1);
	assert_int_equal(fx_scalar(f, "SELECT count(*) FROM audit WHERE action = 'import' AND"
	                              " entity = 'remains_file'"), 1);
	remains_import_report_free(&rep);
	rx_chain_intact(f);
}

static void test_importing_again_changes_nothing(void **state)
{
	fixture *f = *state;
	const char *path = write_file(f, "cases.csv", cases_csv);
	remains_import_report rep;
	assert_ok(import(f, path, NULL, &rep), &f->err);
	remains_import_report_free(&rep);
	long long changes = fx_scalar(f, "SELECT count(*) FROM audit WHERE action != 'import'");
	long long before = rows_everywhere(f);
	assert_ok(import(f, path, NULL, &rep), &f->err);
	assert_int_equal(rep.unchanged, 3);
	assert_int_equal(rep.created + rep.updated + rep.batches_created + rep.custody_added, 0);
	assert_int_equal(fx_scalar(f, "SELECT count(*) FROM audit WHERE action != 'import'"), changes);
	assert_int_equal(rows_everywhere(f), before + 1); /* the import's own entry */
	remains_import_report_free(&rep);
}

static void test_a_changed_row_updates_its_case_with_an_audit_entry(void **state)
{
	fixture *f = *state;
	remains_import_report rep;
	assert_ok(import(f, write_file(f, "a.csv", cases_csv), NULL, &rep), &f->err);
	remains_import_report_free(&rep);
	assert_ok(import(f, write_file(f, "b.csv", "tag,condition,holder,custody_since\n"
	                                           "UA-2025-06-11-0001,fragmented,Морг,2025-07-01\n"
	                                           "UA-2025-06-11-0002,,,\n"),
	                 NULL, &rep), &f->err);
	assert_int_equal(rep.updated, 1);
	assert_int_equal(rep.unchanged, 1);
	assert_int_equal(rep.custody_added, 1);
	assert_int_equal(fx_scalar(f, "SELECT count(*) FROM audit WHERE entity = 'remains_case' AND"
	                              " action = 'update' AND before LIKE '%\"condition\":\"skeletal\"%'"
	                              " AND after = '{\"condition\":\"fragmented\"}'"), 1);
	/* The empty condition of the second row erased nothing. */
	assert_int_equal(fx_scalar(f, "SELECT count(*) FROM remains_case WHERE tag = 'UA-2025-06-11-0002'"
	                              " AND condition = 'commingled'"), 1);
	remains_import_report_free(&rep);
}

static void test_statuses_in_a_file_move_along_the_allowed_lines(void **state)
{
	fixture *f = *state;
	char p[UID_SIZE];
	rx_person(f, "missing", p);
	char csv[1024];
	snprintf(csv, sizeof(csv), "tag,batch,from_party,to_party,handover_date,status,person\n"
	                           "T1,B,RU,UA,2025-06-11,preliminary,%s\nT2,B,,,,unidentified,\n", p);
	remains_import_report rep;
	assert_ok(import(f, write_file(f, "ident.csv", csv), NULL, &rep), &f->err);
	assert_string_equal(rx_status(f, "T1"), "preliminary");
	remains_import_report_free(&rep);
	/* Confirmed in a file: the person's events are recorded too. */
	snprintf(csv, sizeof(csv), "tag,status,person\nT1,confirmed,%s\n", p);
	assert_ok(import(f, write_file(f, "confirm.csv", csv), NULL, &rep), &f->err);
	assert_int_equal(rep.events_added, 2);
	assert_string_equal(fx_status(f, p), "identified");
	remains_import_report_free(&rep);
	/* The first file again would move a confirmed case back: refused, where it says so. */
	snprintf(csv, sizeof(csv), "tag,batch,from_party,to_party,handover_date,status,person\n"
	                           "T1,B,RU,UA,2025-06-11,preliminary,%s\nT2,B,,,,unidentified,\n", p);
	long long before = rows_everywhere(f);
	assert_int_equal(import(f, write_file(f, "ident.csv", csv), NULL, &rep), PL_EINPUT);
	assert_contains(buf_str(&rep.errors), "ident.csv:2: column 'status': case T1 is confirmed and cannot"
	                                      " become preliminary: a confirmed identification is final");
	assert_int_equal(rows_everywhere(f), before);
	remains_import_report_free(&rep);
	/* Returned needs a party and a date: not from a file. */
	assert_int_equal(import(f, write_file(f, "ret.csv", "tag,status\nT2,returned\n"), NULL, &rep),
	                 PL_EINPUT);
	assert_contains(f->err.msg, "ret.csv:2: column 'status': returned remains are recorded with parley"
	                            " remains return T2");
	remains_import_report_free(&rep);
	/* A person without a status that names one. */
	snprintf(csv, sizeof(csv), "tag,person\nT2,%s\n", p);
	assert_int_equal(import(f, write_file(f, "who.csv", csv), NULL, &rep), PL_EINPUT);
	assert_contains(f->err.msg, "who.csv:2: column 'person': a person goes with status preliminary or"
	                            " confirmed, and the case is unidentified (give its status)");
	remains_import_report_free(&rep);
}

static void test_problems_say_file_line_and_column(void **state)
{
	fixture *f = *state;
	const char *path = write_file(f, "bad.csv",
	                              "tag,batch,from_party,to_party,condition,recovery_date,person,holder,custody_since\n"
	                              "A,B,RU,UA,burnt,2024,,,\n"
	                              "B,B,RU,UA,skeletal,2024-13,,,\n"
	                              ",B,RU,UA,,,,,\n"
	                              "D,B,RU,UA,,,P123,,\n"
	                              "E,B,RU,UA,,,,Морг,\n"
	                              "F,B,RU\n"
	                              "G,C,RU,RU,,,,,\n");
	remains_import_report rep;
	assert_int_equal(import(f, path, NULL, &rep), PL_EINPUT);
	const char *all = buf_str(&rep.errors);
	assert_contains(all, "bad.csv:2: column 'condition': not one of the allowed values (got 'burnt');"
	                     " expected one of: complete, incomplete, fragmented, skeletal, commingled\n");
	assert_contains(all, "bad.csv:3: column 'recovery_date': month out of range (01-12) (got '2024-13')\n");
	assert_contains(all, "bad.csv:4: column 'tag': required\n");
	assert_contains(all, "bad.csv:5: column 'person': expected a person's id as parley writes them");
	assert_contains(all, "bad.csv:6: column 'custody_since': required with a holder");
	assert_contains(all, "bad.csv:7: 3 fields, but the header has 9 columns\n");
	assert_contains(f->err.msg, "bad.csv:2: column 'condition'");
	assert_contains(f->err.msg, "(and 5 more problems; nothing was imported)");
	assert_int_equal(rows_everywhere(f), 0);
	remains_import_report_free(&rep);
	/* Once the rows are fine, the last one's batch goes from RU to RU. */
	path = write_file(f, "bad2.csv", "tag,batch,from_party,to_party\nA,B,RU,UA\nG,C,RU,RU\n");
	assert_int_equal(import(f, path, NULL, &rep), PL_EINPUT);
	assert_contains(f->err.msg, "bad2.csv:3: column 'to_party': batch 'C' goes from RU to RU: a batch goes"
	                            " from one party to the other (nothing was imported)");
	remains_import_report_free(&rep);
}

static void test_unknown_and_repeated_columns_are_refused_by_name(void **state)
{
	fixture *f = *state;
	remains_import_report rep;
	assert_int_equal(import(f, write_file(f, "h.csv", "tag,conditon,recovery_plce,weight,tag\nA,,,,A\n"),
	                        NULL, &rep), PL_EINPUT);
	const char *all = buf_str(&rep.errors);
	assert_contains(all, "h.csv:1: column 2: unknown column 'conditon' (did you mean 'condition'?)");
	assert_contains(all, "h.csv:1: column 3: unknown column 'recovery_plce' (did you mean 'recovery_place'?)");
	assert_contains(all, "h.csv:1: column 4: unknown column 'weight' (see docs/remains.md");
	assert_contains(all, "h.csv:1: column 5: 'tag' appears twice");
	remains_import_report_free(&rep);
	assert_int_equal(import(f, write_file(f, "n.csv", "batch,note\nB,x\n"), NULL, &rep), PL_EINPUT);
	assert_contains(f->err.msg, "n.csv:1: no 'tag' column");
	remains_import_report_free(&rep);
	assert_int_equal(import(f, write_file(f, "e.csv", ""), NULL, &rep), PL_EINPUT);
	assert_contains(f->err.msg, "e.csv: the file is empty");
	remains_import_report_free(&rep);
	assert_int_equal(import(f, write_file(f, "u.csv", "tag\n\xff\n"), NULL, &rep), PL_EINPUT);
	assert_contains(f->err.msg, "u.csv:2: field 1:");
	remains_import_report_free(&rep);
	tu_path(file, sizeof(file), f->dir, "missing.csv");
	assert_int_equal(import(f, file, NULL, &rep), PL_ENOTFOUND);
	assert_contains(f->err.msg, "cannot open");
	remains_import_report_free(&rep);
}

static void test_a_bad_last_row_writes_nothing(void **state)
{
	fixture *f = *state;
	char p[UID_SIZE];
	rx_person(f, "missing", p);
	char path[4096];
	tu_path(path, sizeof(path), f->dir, "big.csv");
	FILE *out = fopen(path, "wb");
	assert_non_null(out);
	fputs("tag,batch,from_party,to_party,handover_date,holder,custody_since,status,person\n", out);
	for(int i = 1; i <= 2000; i++)
		fprintf(out, "UA-%04d,B%d,RU,UA,2025-06-11,Морг,2025-06-12,%s,%s\n", i, i / 1000,
		        i == 7 ? "confirmed" : "", i == 7 ? p : "");
	fputs("UA-LAST,B1,RU,UA,2025-06-11,Морг,2025-06-01x,,\n", out);
	assert_int_equal(fclose(out), 0);
	long long before = rows_everywhere(f);
	remains_import_report rep;
	assert_int_equal(import(f, path, NULL, &rep), PL_EINPUT);
	assert_contains(f->err.msg, "big.csv:2002: column 'custody_since': expected a date as YYYY-MM-DD or "
	                            "DD.MM.YYYY, a month as YYYY-MM or MM.YYYY, or a year (got '2025-06-01x') "
	                            "(nothing was imported)");
	assert_int_equal(rows_everywhere(f), before);
	assert_string_equal(fx_status(f, p), "missing"); /* the confirmation's events went too */
	assert_int_equal(rep.created, 0);
	assert_int_equal(rep.notes.len, 0);
	remains_import_report_free(&rep);
}

static void test_at_most_max_errors_are_reported(void **state)
{
	fixture *f = *state;
	buf b;
	buf_init(&b, 0);
	assert_int_equal(buf_adds(&b, "tag,condition\n"), PL_OK);
	for(int i = 0; i < 100; i++)
		assert_int_equal(buf_printf(&b, "T%d,bad\n", i), PL_OK);
	const char *path = write_file(f, "many.csv", buf_str(&b));
	buf_free(&b);
	remains_import_report rep;
	assert_int_equal(import(f, path, NULL, &rep), PL_EINPUT);
	int lines = 0;
	for(const char *s = buf_str(&rep.errors); *s; s++)
		lines += *s == '\n';
	assert_int_equal(lines, 20);
	assert_contains(f->err.msg, "(and 19 more problems; nothing was imported)");
	remains_import_report_free(&rep);
	remains_import_opts o = {.max_errors = 3};
	assert_int_equal(import(f, path, &o, &rep), PL_EINPUT);
	assert_contains(f->err.msg, "(and 2 more problems; nothing was imported)");
	remains_import_report_free(&rep);
}

static void test_options_fill_what_new_batches_lack(void **state)
{
	fixture *f = *state;
	remains_import_opts o = {.name = "returns.csv", .defaults = {"RU", "UA", "2025-06-11"}};
	remains_import_report rep;
	const char *path = write_file(f, "x.csv", "tag,batch\nA,B1\nB,B1\n");
	assert_ok(import(f, path, &o, &rep), &f->err);
	remains_import_report_free(&rep);
	remains_batch b;
	assert_ok(remains_batch_get(f->r, "B1", stage_uid_by_id, &f->a, &b, &f->err), &f->err);
	assert_string_equal(b.from_party, "RU");
	assert_string_equal(b.handover_date, "2025-06-11");
	assert_int_equal(b.received, 2);
	/* Without them a new batch is refused, under the name given for the file. */
	remains_import_opts bare = {.name = "returns.csv"};
	assert_int_equal(import(f, write_file(f, "y.csv", "tag,batch\nC,B2\n"), &bare, &rep), PL_EINPUT);
	assert_contains(f->err.msg, "returns.csv:2: column 'batch': batch 'B2' is new");
	remains_import_report_free(&rep);
}

/* A file as big as a few returns together: the import has to keep up with
 * the offices that receive them. Only correctness is asserted; the time is
 * printed for people. */
static void test_ten_thousand_cases(void **state)
{
	fixture *f = *state;
	char path[4096];
	tu_path(path, sizeof(path), f->dir, "demo.csv");
	FILE *out = fopen(path, "wb");
	assert_non_null(out);
	assert_ok(remains_demo_generate(out, 10000, 1, &f->err), &f->err);
	assert_int_equal(fclose(out), 0);
	remains_import_report rep;
	double t0 = date_monotonic();
	assert_ok(import(f, path, NULL, &rep), &f->err);
	double took = date_monotonic() - t0;
	fprintf(stderr, "# 10,000 remains cases imported in %.3f s\n", took);
	assert_int_equal(rep.created, 10000);
	assert_int_equal(rep.custody_added, 10000);
	assert_int_equal(fx_scalar(f, "SELECT count(*) FROM remains_case"), 10000);
	assert_int_equal(fx_scalar(f, "SELECT count(*) FROM remains_batch"), rep.batches_created);
	assert_true(rep.batches_created >= 8 && rep.batches_created <= 9);
	remains_import_report_free(&rep);
	t0 = date_monotonic();
	assert_ok(import(f, path, NULL, &rep), &f->err);
	fprintf(stderr, "# imported again (unchanged) in %.3f s\n", date_monotonic() - t0);
	assert_int_equal(rep.unchanged, 10000);
	remains_import_report_free(&rep);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_a_file_creates_cases_batches_and_custody, fixture_setup, fixture_teardown),
		cmocka_unit_test_setup_teardown(test_importing_again_changes_nothing, fixture_setup, fixture_teardown),
		cmocka_unit_test_setup_teardown(test_a_changed_row_updates_its_case_with_an_audit_entry, fixture_setup, fixture_teardown),
		cmocka_unit_test_setup_teardown(test_statuses_in_a_file_move_along_the_allowed_lines, fixture_setup, fixture_teardown),
		cmocka_unit_test_setup_teardown(test_problems_say_file_line_and_column, fixture_setup, fixture_teardown),
		cmocka_unit_test_setup_teardown(test_unknown_and_repeated_columns_are_refused_by_name, fixture_setup, fixture_teardown),
		cmocka_unit_test_setup_teardown(test_a_bad_last_row_writes_nothing, fixture_setup, fixture_teardown),
		cmocka_unit_test_setup_teardown(test_at_most_max_errors_are_reported, fixture_setup, fixture_teardown),
		cmocka_unit_test_setup_teardown(test_options_fill_what_new_batches_lack, fixture_setup, fixture_teardown),
		cmocka_unit_test_setup_teardown(test_ten_thousand_cases, fixture_setup, fixture_teardown),
	};
	return cmocka_run_group_tests_name("remains import", tests, NULL, NULL);
}
