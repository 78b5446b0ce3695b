/* Whole names in one field, in the orders lists write them. */
#include "fixture.h"

#include "names/names.h"

static void test_parts_in_any_order(void **state)
{
	names *nm = *state;
	static const struct {
		const char *text, *surname, *given, *patronymic;
	} cases[] = {
		{"Шевченко Олександр Іванович", "Шевченко", "Олександр", "Іванович"},
		{"Олександр Іванович Шевченко", "Шевченко", "Олександр", "Іванович"},
		{"ШЕВЧЕНКО Олександр", "ШЕВЧЕНКО", "Олександр", NULL},
		{"Oleksandr SHEVCHENKO", "SHEVCHENKO", "Oleksandr", NULL},
		{"Shevchenko, Oleksandr", "Shevchenko", "Oleksandr", NULL},
		{"Oleksandr Ivanovych Shevchenko", "Shevchenko", "Oleksandr", "Ivanovych"},
		{"Иванов Николай Сергеевич", "Иванов", "Николай", "Сергеевич"},
		{"Николай Иванов", "Иванов", "Николай", NULL},
		{"Ivanov Nikolai Sergeevich", "Ivanov", "Nikolai", "Sergeevich"},
		{"Андрій Мельник", "Мельник", "Андрій", NULL},
		{"Мельник Андрій", "Мельник", "Андрій", NULL},
		{"Петренко Марія Іванівна", "Петренко", "Марія", "Іванівна"},
		{"Марія Петренко", "Петренко", "Марія", NULL},
		{"Olena Kovalchuk", "Kovalchuk", "Olena", NULL},
		{"Шевченко Тарас Григорович", "Шевченко", "Тарас", "Григорович"},
		{"Yurii Mykolaiovych Shcherbak", "Shcherbak", "Yurii", "Mykolaiovych"},
		{"Kovalenko", "Kovalenko", NULL, NULL},
		/* Unknown words, by the lists' order: surname first. */
		{"Зюзюкін Оскар", "Зюзюкін", "Оскар", NULL},
		{"  Бондар ,  Іван  ", "Бондар", "Іван", NULL},
		/* A patronymic before the comma is not the surname (found by fuzzing). */
		{"Іванович Шевченко, Олександр", "Шевченко", "Олександр", "Іванович"},
	};
	report rep = {0};
	arena a;
	arena_init(&a, 0);
	for(size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		names_person p;
		assert_int_equal(names_parse_person(nm, cases[i].text, &a, &p), PL_OK);
#define SAME(x, y) ((!(x) && !(y)) || ((x) && (y) && !strcmp((x), (y))))
		if(!SAME(p.surname, cases[i].surname) || !SAME(p.given, cases[i].given) ||
		   !SAME(p.patronymic, cases[i].patronymic))
			report_add(&rep, "'%s': surname %s, given %s, patronymic %s\n", cases[i].text,
			           p.surname ? p.surname : "-", p.given ? p.given : "-",
			           p.patronymic ? p.patronymic : "-");
	}
	arena_free(&a);
	report_check(&rep, (int)(sizeof(cases) / sizeof(cases[0])));
}

static void test_nothing_to_parse(void **state)
{
	names *nm = *state;
	arena a;
	arena_init(&a, 0);
	names_person p;
	assert_int_equal(names_parse_person(nm, "", &a, &p), PL_OK);
	assert_null(p.surname);
	assert_int_equal(names_parse_person(nm, " , 123 ;", &a, &p), PL_OK);
	assert_null(p.surname);
	assert_null(p.given);
	arena_free(&a);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_parts_in_any_order),
		cmocka_unit_test(test_nothing_to_parse),
	};
	return cmocka_run_group_tests_name("names/parse", tests, names_setup, names_teardown);
}
