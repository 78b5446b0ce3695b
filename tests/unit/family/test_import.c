/* A backlog of inquiries from CSV: all or nothing, problems with file, line
 * and column, a file imported again changing nothing, repeated inquiries in
 * the same file linked to one person. */
#include "fixture.h"

static const char good[] =
	"ref,inquirer,relation,phone,language,surname,given_names,patronymic,birth_date,last_seen_date,"
	"consent_tracing,consent_share_icrc\n"
	"HQ-1,Марія Шевченко,mother,+380501234567,uk,Шевченко,Олександр,Іванович,1990-03-12,2025-02-10,"
	"written 2025-03-01,written 2025-03-01\n"
	"HQ-2,Ганна Бойко,spouse,,uk,Бойко,Тарас,,1980-05-01,,oral,\n"
	"HQ-3,Мария Шевченко,mother,,ru,Шевченко,Александр,Иванович,1990-03-12,,online 2026-01-05,\n";

static pl_rc import_text(fixture *f, const char *text, inquiry_import_report *rep)
{
	char path[4200];
	tu_path(path, sizeof(path), f->dir, "inquiries.csv");
	tu_write(path, text);
	inquiry_import_opts o = {.name = "inquiries.csv"};
	return family_import(f->r, path, &o, rep, &f->err);
}

static void test_a_backlog_is_imported_and_again_changes_nothing(void **state)
{
	fixture *f = *state;
	long long persons = fx_scalar(f, "SELECT count(*) FROM person");
	inquiry_import_report rep;
	assert_ok(import_text(f, good, &rep), &f->err);
	assert_int_equal(rep.rows, 3);
	assert_int_equal(rep.created, 3);
	assert_int_equal(rep.persons_created, 2);
	assert_int_equal(rep.linked_by_match, 1); /* HQ-3 is HQ-1's son, in Russian */
	assert_contains(buf_str(&rep.notes), "inquiries.csv:4:");
	/* each row, in the file's order: HQ-3 linked by the engine to HQ-1's new son */
	assert_int_equal(rep.nitems, 3);
	assert_string_equal(rep.items[0].ref, "HQ-1");
	assert_int_equal(rep.items[0].line, 2);
	assert_true(rep.items[0].res.person_created);
	assert_int_equal(rep.items[2].res.linked, LINK_MATCH);
	assert_string_equal(rep.items[2].res.person, rep.items[0].res.person);
	char first[UID_SIZE];
	snprintf(first, sizeof(first), "%s", rep.items[0].res.uid);
	inquiry_import_report_free(&rep);
	assert_int_equal(fx_scalar(f, "SELECT count(*) FROM person"), persons + 2);
	assert_int_equal(fx_scalar(f, "SELECT count(DISTINCT person_id) FROM inquiry"), 2);
	assert_int_equal(fx_scalar(f, "SELECT count(*) FROM inquiry_consent"), 4);
	assert_ok(import_text(f, good, &rep), &f->err);
	assert_int_equal(rep.created, 0);
	assert_int_equal(rep.skipped, 3);
	assert_int_equal(rep.nitems, 3);
	assert_true(rep.items[0].res.skipped);
	assert_string_equal(rep.items[0].res.uid, first);
	inquiry_import_report_free(&rep);
	assert_int_equal(fx_scalar(f, "SELECT count(*) FROM inquiry"), 3);
	fam_chain_intact(f);
}

/* A bad row in the middle: nothing written, its line and column named,
 * and the rows after it still checked. */
static void test_a_bad_row_in_the_middle_writes_nothing(void **state)
{
	fixture *f = *state;
	long long persons = fx_scalar(f, "SELECT count(*) FROM person"), entries = fx_scalar(f, "SELECT count(*) FROM audit");
	static const char bad[] =
		"ref,inquirer,surname,given_names,email,consent_tracing,consent_share_other_party\n"
		"A-1,Марія,Шевченко,Олександр,,written 2025-03-01,\n"
		"A-2,Ганна,Бойко,Тарас,hanna-at-example,oral,\n"
		"A-3,Олег,Мельник,Іван,,,written 2025-03-01\n"
		"A-4,,Ткаченко,Петро,,,\n";
	inquiry_import_report rep;
	assert_int_equal(import_text(f, bad, &rep), PL_EINPUT);
	const char *e = buf_str(&rep.errors);
	assert_contains(e, "inquiries.csv:3: column 'email'");
	assert_contains(e, "inquiries.csv:4: column 'consent_share_other_party': contradictory consent");
	assert_contains(e, "inquiries.csv:5: column 'inquirer': who asks?");
	assert_int_equal(rep.created, 0);
	assert_int_equal(rep.nitems, 0); /* refused: no row is answered */
	inquiry_import_report_free(&rep);
	assert_int_equal(fx_scalar(f, "SELECT count(*) FROM inquiry"), 0);
	assert_int_equal(fx_scalar(f, "SELECT count(*) FROM person"), persons);
	assert_int_equal(fx_scalar(f, "SELECT count(*) FROM audit"), entries);
}

static void test_header_problems(void **state)
{
	fixture *f = *state;
	inquiry_import_report rep;
	assert_int_equal(import_text(f, "inquirer,surnam,consent_tracing\nМарія,Шевченко,written\n", &rep), PL_EINPUT);
	assert_contains(buf_str(&rep.errors), "inquiries.csv:1: column 2: unknown column 'surnam' (did you mean 'surname'?)");
	inquiry_import_report_free(&rep);
	assert_int_equal(import_text(f, "inquirer,surname\nМарія,Шевченко,extra\n", &rep), PL_EINPUT);
	assert_contains(buf_str(&rep.errors), "inquiries.csv:2:");
	inquiry_import_report_free(&rep);
	assert_int_equal(import_text(f, "inquirer,surname,consent_tracing\nМарія,Шевченко,by pigeon\n", &rep), PL_EINPUT);
	assert_contains(buf_str(&rep.errors), "inquiries.csv:2: column 'consent_tracing': consent for tracing: unknown form 'by'");
	inquiry_import_report_free(&rep);
	assert_int_equal(fx_scalar(f, "SELECT count(*) FROM inquiry"), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_a_backlog_is_imported_and_again_changes_nothing, fam_setup, fixture_teardown),
		cmocka_unit_test_setup_teardown(test_a_bad_row_in_the_middle_writes_nothing, fam_setup, fixture_teardown),
		cmocka_unit_test_setup_teardown(test_header_problems, fam_setup, fixture_teardown),
	};
	return cmocka_run_group_tests_name("family import", tests, NULL, NULL);
}
