/* Who the inquiries of a backlog are about (src/family/link.c), in an
 * office whose registry is still empty: the engine has no registry to
 * learn from, and the rows still find each other, one new person for the
 * same son written in Ukrainian and in Russian. */
#include "fixture.h"

static void test_rows_about_one_new_person_share_it(void **state)
{
	fixture *f = *state;
	char path[4200];
	tu_path(path, sizeof(path), f->dir, "backlog.csv");
	tu_write(path, "ref,inquirer,surname,given_names,patronymic,birth_date\n"
	               "A,Марія,Шевченко,Олександр,Іванович,1990-03-12\n"
	               "B,Мария,Шевченко,Александр,Иванович,1990-03-12\n"
	               "C,Ганна,Бойко,Тарас,,1980-05-01\n");
	inquiry_import_opts o = {.name = "backlog.csv"};
	inquiry_import_report rep;
	assert_ok(family_import(f->r, path, &o, &rep, &f->err), &f->err);
	assert_int_equal(rep.created, 3);
	assert_int_equal(rep.persons_created, 2);
	assert_int_equal(rep.linked_by_match, 1);
	assert_contains(buf_str(&rep.notes), "backlog.csv:3:");
	inquiry_import_report_free(&rep);
	assert_int_equal(fx_scalar(f, "SELECT count(*) FROM person"), 2);
	assert_int_equal(fx_scalar(f, "SELECT count(DISTINCT person_id) FROM inquiry WHERE ref IN ('A', 'B')"), 1);
	assert_int_equal(fx_scalar(f, "SELECT count(*) FROM inquiry WHERE ref = 'B' AND linked = 'match'"), 1);
	/* Each new person once reported missing by the family. */
	assert_int_equal(fx_scalar(f, "SELECT count(*) FROM event WHERE source = 'family_report'"), 2);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_rows_about_one_new_person_share_it, fixture_setup, fixture_teardown),
	};
	return cmocka_run_group_tests_name("family link", tests, NULL, NULL);
}
