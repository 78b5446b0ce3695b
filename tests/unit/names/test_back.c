/* Latin back to Cyrillic: the forms a passport or a foreign list's Latin
 * spelling may have come from. */
#include "fixture.h"

#include "names/names.h"

/* Whether want is among the candidates of word. */
static bool has(names *nm, arena *a, const char *word, const char *want)
{
	const char *c[6];
	int n = names_cyrillic_candidates(nm, word, a, c, 6);
	for(int i = 0; i < n; i++)
		if(!strcmp(c[i], want))
			return true;
	return false;
}

static void test_dictionary_forms_in_both_languages(void **state)
{
	names *nm = *state;
	arena a;
	arena_init(&a, 0);
	static const struct {
		const char *latin, *uk, *ru;
	} cases[] = {
		{"Oleksandr", "Олександр", "Александр"}, {"Aleksandr", "Олександр", "Александр"},
		{"Mykola", "Микола", "Николай"},         {"Nikolay", NULL, "Николай"},
		{"Yurii", "Юрій", "Юрий"},               {"Iurii", "Юрій", "Юрий"},
		{"Yury", "Юрій", "Юрий"},                {"Sergei", "Сергій", "Сергей"},
		{"Andrei", "Андрій", "Андрей"},          {"Olena", "Олена", "Елена"},
		{"Khmelnytskyi", "Хмельницький", NULL},  {"Khmelnitsky", NULL, "Хмельницкий"},
		{"Shcherbak", "Щербак", NULL},           {"SHEVCHENKO", "Шевченко", NULL},
	};
	report rep = {0};
	for(size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		if(cases[i].uk && !has(nm, &a, cases[i].latin, cases[i].uk))
			report_add(&rep, "%s: no %s\n", cases[i].latin, cases[i].uk);
		if(cases[i].ru && !has(nm, &a, cases[i].latin, cases[i].ru))
			report_add(&rep, "%s: no %s\n", cases[i].latin, cases[i].ru);
	}
	arena_free(&a);
	report_check(&rep, (int)(sizeof(cases) / sizeof(cases[0])));
}

/* A word the dictionary lacks: the two national systems read backwards. */
static void test_rules_for_unknown_words(void **state)
{
	names *nm = *state;
	arena a;
	arena_init(&a, 0);
	const char *c[4];
	int n = names_cyrillic_candidates(nm, "Zyuzyukin", &a, c, 4);
	assert_int_equal(n, 2);
	assert_string_equal(c[0], "Зюзюкін");
	assert_string_equal(c[1], "Зюзюкин");
	assert_true(has(nm, &a, "Bzhezytskyi", "Бжезицький"));
	assert_true(has(nm, &a, "Bzhezitskiy", "Бжезицкий"));
	/* Not a Latin word: nothing to guess. */
	assert_int_equal(names_cyrillic_candidates(nm, "Щ-12", &a, c, 4), 0);
	assert_int_equal(names_cyrillic_candidates(nm, "", &a, c, 4), 0);
	/* max is kept. */
	assert_int_equal(names_cyrillic_candidates(nm, "Oleksandr", &a, c, 1), 1);
	arena_free(&a);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_dictionary_forms_in_both_languages),
		cmocka_unit_test(test_rules_for_unknown_words),
	};
	return cmocka_run_group_tests_name("names/back", tests, names_setup, names_teardown);
}
