/* Whole names in one field, in the orders lists write them. */
#include "fixture.h"

#include "names/names.h"

typedef struct parse_case {
	const char *text, *surname, *given, *patronymic;
	names_split how;
	int left_out;
} parse_case;

#define SAME(x, y) ((!(x) && !(y)) || ((x) && (y) && !strcmp((x), (y))))

/* Every case parsed; with `how`, what decided the split checked too. */
static void check_cases(names *nm, const parse_case *cases, size_t n, bool how)
{
	report rep = {0};
	arena a;
	arena_init(&a, 0);
	for(size_t i = 0; i < n; i++) {
		names_person p;
		assert_int_equal(names_parse_person(nm, cases[i].text, &a, &p), PL_OK);
		if(!SAME(p.surname, cases[i].surname) || !SAME(p.given, cases[i].given) ||
		   !SAME(p.patronymic, cases[i].patronymic) ||
		   (how && (p.how != cases[i].how || p.left_out != cases[i].left_out)))
			report_add(&rep, "'%s': surname %s, given %s, patronymic %s, %s, %d left out\n",
			           cases[i].text, p.surname ? p.surname : "-", p.given ? p.given : "-",
			           p.patronymic ? p.patronymic : "-", names_split_name(p.how), p.left_out);
	}
	arena_free(&a);
	report_check(&rep, (int)n);
}

static void test_parts_in_any_order(void **state)
{
	static const parse_case cases[] = {
		{"Шевченко Олександр Іванович", "Шевченко", "Олександр", "Іванович", NAMES_SPLIT_NONE, 0},
		{"Олександр Іванович Шевченко", "Шевченко", "Олександр", "Іванович", NAMES_SPLIT_NONE, 0},
		{"ШЕВЧЕНКО Олександр", "ШЕВЧЕНКО", "Олександр", NULL, NAMES_SPLIT_NONE, 0},
		{"Oleksandr SHEVCHENKO", "SHEVCHENKO", "Oleksandr", NULL, NAMES_SPLIT_NONE, 0},
		{"Shevchenko, Oleksandr", "Shevchenko", "Oleksandr", NULL, NAMES_SPLIT_NONE, 0},
		{"Oleksandr Ivanovych Shevchenko", "Shevchenko", "Oleksandr", "Ivanovych", NAMES_SPLIT_NONE, 0},
		{"Иванов Николай Сергеевич", "Иванов", "Николай", "Сергеевич", NAMES_SPLIT_NONE, 0},
		{"Николай Иванов", "Иванов", "Николай", NULL, NAMES_SPLIT_NONE, 0},
		{"Ivanov Nikolai Sergeevich", "Ivanov", "Nikolai", "Sergeevich", NAMES_SPLIT_NONE, 0},
		{"Андрій Мельник", "Мельник", "Андрій", NULL, NAMES_SPLIT_NONE, 0},
		{"Мельник Андрій", "Мельник", "Андрій", NULL, NAMES_SPLIT_NONE, 0},
		{"Петренко Марія Іванівна", "Петренко", "Марія", "Іванівна", NAMES_SPLIT_NONE, 0},
		{"Марія Петренко", "Петренко", "Марія", NULL, NAMES_SPLIT_NONE, 0},
		{"Olena Kovalchuk", "Kovalchuk", "Olena", NULL, NAMES_SPLIT_NONE, 0},
		{"Шевченко Тарас Григорович", "Шевченко", "Тарас", "Григорович", NAMES_SPLIT_NONE, 0},
		{"Yurii Mykolaiovych Shcherbak", "Shcherbak", "Yurii", "Mykolaiovych", NAMES_SPLIT_NONE, 0},
		{"Kovalenko", "Kovalenko", NULL, NULL, NAMES_SPLIT_NONE, 0},
		/* Unknown words, by the lists' order: surname first. */
		{"Зюзюкін Оскар", "Зюзюкін", "Оскар", NULL, NAMES_SPLIT_NONE, 0},
		{"  Бондар ,  Іван  ", "Бондар", "Іван", NULL, NAMES_SPLIT_NONE, 0},
		/* A patronymic before the comma is not the surname (found by fuzzing). */
		{"Іванович Шевченко, Олександр", "Шевченко", "Олександр", "Іванович", NAMES_SPLIT_NONE, 0},
	};
	check_cases(*state, cases, sizeof(cases) / sizeof(cases[0]), false);
}

/* Initials, hyphenated surnames, Latin order, single words: and what
 * decided the split, which reconcile reports. */
static void test_forms_and_how(void **state)
{
	static const parse_case cases[] = {
		{"Шевченко О. І.", "Шевченко", "О.", "І.", NAMES_SPLIT_INITIALS, 0},
		{"Шевченко О.І.", "Шевченко", "О.", "І.", NAMES_SPLIT_INITIALS, 0},
		{"О.І. Шевченко", "Шевченко", "О.", "І.", NAMES_SPLIT_INITIALS, 0},
		{"Т.Г.Шевченко", "Шевченко", "Т.", "Г.", NAMES_SPLIT_INITIALS, 0},
		{"Shevchenko O.", "Shevchenko", "O.", NULL, NAMES_SPLIT_INITIALS, 0},
		{"O. Shevchenko", "Shevchenko", "O.", NULL, NAMES_SPLIT_INITIALS, 0},
		{"SHEVCHENKO O.I.", "SHEVCHENKO", "O.", "I.", NAMES_SPLIT_CAPITALS, 0},
		{"Олександр І. Шевченко", "Шевченко", "Олександр", "І.", NAMES_SPLIT_INITIALS, 0},
		{"Петренко-Ковальчук Ганна Іванівна", "Петренко-Ковальчук", "Ганна", "Іванівна",
		 NAMES_SPLIT_KNOWN_NAME, 0},
		{"Ганна Петренко-Ковальчук", "Петренко-Ковальчук", "Ганна", NULL, NAMES_SPLIT_KNOWN_NAME, 0},
		{"Petrenko-Kovalchuk, Hanna", "Petrenko-Kovalchuk", "Hanna", NULL, NAMES_SPLIT_COMMA, 0},
		{"Римский-Корсаков Николай Андреевич", "Римский-Корсаков", "Николай", "Андреевич",
		 NAMES_SPLIT_KNOWN_NAME, 0},
		{"John Smith", "Smith", "John", NULL, NAMES_SPLIT_GIVEN_FIRST, 0},
		{"Quentin Blackwood", "Blackwood", "Quentin", NULL, NAMES_SPLIT_GIVEN_FIRST, 0},
		{"Зюзюкін Гвідо", "Зюзюкін", "Гвідо", NULL, NAMES_SPLIT_SURNAME_FIRST, 0},
		{"Коваль Олена", "Коваль", "Олена", NULL, NAMES_SPLIT_KNOWN_NAME, 0},
		{"Oleksandr Shevchenko", "Shevchenko", "Oleksandr", NULL, NAMES_SPLIT_KNOWN_NAME, 0},
		{"Shevchenko Oleksandr", "Shevchenko", "Oleksandr", NULL, NAMES_SPLIT_KNOWN_NAME, 0},
		{"Shevchenko, Oleksandr Ivanovych", "Shevchenko", "Oleksandr", "Ivanovych",
		 NAMES_SPLIT_COMMA, 0},
		{"ІВАНОВА Марія Петрівна", "ІВАНОВА", "Марія", "Петрівна", NAMES_SPLIT_CAPITALS, 0},
		{"Шевченко Олександр Іванович молодший", "Шевченко", "Олександр", "Іванович",
		 NAMES_SPLIT_KNOWN_NAME, 1},
		/* One word is not split: it is taken as the surname. */
		{"Kovalenko", "Kovalenko", NULL, NULL, NAMES_SPLIT_NONE, 0},
		{"Коваленко", "Коваленко", NULL, NULL, NAMES_SPLIT_NONE, 0},
		/* Initials alone give no surname. */
		{"О. І.", NULL, "О.", "І.", NAMES_SPLIT_NONE, 0},
	};
	check_cases(*state, cases, sizeof(cases) / sizeof(cases[0]), true);
	assert_string_equal(names_split_name(NAMES_SPLIT_INITIALS), "initials");
	assert_string_equal(names_split_name(NAMES_SPLIT_COUNT), "unsplit");
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
	assert_int_equal(p.how, NAMES_SPLIT_NONE);
	arena_free(&a);
}

/* Where the surname stood, and a list's order where the words give no
 * clue; a clue still wins over the list's order. */
static void test_order_and_the_lists_order(void **state)
{
	names *nm = *state;
	arena a;
	arena_init(&a, 0);
	names_person p;
	assert_int_equal(names_parse_person(nm, "Олександр Іванович Шевченко", &a, &p), PL_OK);
	assert_int_equal(p.order, NAMES_SURNAME_LAST);
	assert_int_equal(names_parse_person(nm, "Шевченко, Олександр", &a, &p), PL_OK);
	assert_int_equal(p.order, NAMES_SURNAME_FIRST);
	assert_int_equal(names_parse_person(nm, "Гвідо Зюзюкін", &a, &p), PL_OK);
	assert_string_equal(p.surname, "Гвідо"); /* Cyrillic lists: surname first */
	assert_int_equal(p.how, NAMES_SPLIT_SURNAME_FIRST);
	assert_int_equal(names_parse_person_in(nm, "Гвідо Зюзюкін", NAMES_SURNAME_LAST, &a, &p), PL_OK);
	assert_string_equal(p.surname, "Зюзюкін");
	assert_string_equal(p.given, "Гвідо");
	assert_int_equal(p.how, NAMES_SPLIT_LIST_ORDER);
	assert_string_equal(names_split_name(p.how), "list_order");
	assert_int_equal(names_parse_person_in(nm, "Шевченко Олександр", NAMES_SURNAME_LAST, &a, &p), PL_OK);
	assert_string_equal(p.surname, "Шевченко");
	assert_int_equal(p.how, NAMES_SPLIT_KNOWN_NAME);
	assert_int_equal(names_parse_person(nm, "Шевченко", &a, &p), PL_OK);
	assert_int_equal(p.order, 0);
	arena_free(&a);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_parts_in_any_order),
		cmocka_unit_test(test_forms_and_how),
		cmocka_unit_test(test_nothing_to_parse),
		cmocka_unit_test(test_order_and_the_lists_order),
	};
	return cmocka_run_group_tests_name("names/parse", tests, names_setup, names_teardown);
}
