/* Addresses as linkage columns (match/address.c): the same address as
 * the two sides write it keys alike; the levels of address lines; and a
 * person's home address in the person columns. */
#include "testutil.h"

#include "febrl_person.h"
#include "match/person.h"

static const char *key(arena *a, const char *text)
{
	return match_address_key(text, a);
}

static const char *level(arena *a, const char *x, const char *y)
{
	const char *const *lv;
	match_levels(MATCH_ADDRESS, &lv);
	return lv[match_address_level(key(a, x), key(a, y))];
}

static void test_address_keys(void **state)
{
	(void)state;
	arena a;
	arena_init(&a, 0);
	/* Kind words and single letters go, numbers are sorted, 012 is 12,
	 * a house's letter stays with it whatever its script. */
	const char *k = key(&a, "вул. Шевченка, буд. 12а, кв. 05");
	assert_non_null(k);
	assert_non_null(strchr(k, '|'));
	assert_string_equal(strchr(k, '|') + 1, "12a 5");
	assert_string_equal(key(&a, "Shevchenka St 12a apt 5"), k);
	assert_string_equal(strchr(key(&a, "ул. Шевченка, д. 12а, кв. 5"), '|') + 1, "12a 5");
	/* Nothing but kind words and signs: no column. */
	assert_null(key(&a, "вул., кв."));
	assert_null(key(&a, NULL));
	assert_string_equal(match_address_house("вул. Шевченка 12, кв. 5", &a), "12");
	assert_null(match_address_house("вул. Шевченка", &a));
	/* Places: the words that say what kind of place go. */
	assert_string_equal(match_place_key("Полтавська обл.", &a), match_place_key("Poltavska oblast", &a));
	assert_string_equal(match_place_key("м. Біла Церква", &a), match_place_key("Bila Tserkva", &a));
	assert_null(match_place_key("область", &a));
	arena_free(&a);
}

static void test_address_levels(void **state)
{
	(void)state;
	arena a;
	arena_init(&a, 0);
	assert_string_equal(level(&a, "вул. Шевченка 12, кв. 5", "Shevchenka street 12 apt 5"), "exact");
	/* Ukrainian and Russian forms of the street, the same numbers. */
	assert_string_equal(level(&a, "вул. Шевченка 12, кв. 5", "ул. Шевченко, д. 12, кв. 5"),
	                    "same number, words close");
	/* A line missing on one side is not a disagreement of the words. */
	assert_string_equal(level(&a, "8 stanley street\nmiami\n4223", "8 stanley street\n\n4223"),
	                    "same number, words close");
	assert_string_equal(level(&a, "вул. Шевченка 12", "вул. Шевченка 14"), "words close");
	assert_string_equal(level(&a, "вул. Шевченка 12", "вул. Франка 12"), "same number");
	assert_string_equal(level(&a, "вул. Шевченка 12, кв. 5", "просп. Перемоги 3, кв. 5"), "partly");
	assert_string_equal(level(&a, "вул. Шевченка 12", "просп. Перемоги 3"), "else");
	arena_free(&a);
}

/* The home address is three columns of a person and three comparisons,
 * whose levels explain a pair like the others. */
static void test_person_columns(void **state)
{
	(void)state;
	names *nm;
	pl_err err = {0};
	assert_ok(names_open(&nm, &err), &err);
	arena a;
	arena_init(&a, 0);
	person p = {0};
	p.f[PF_SURNAME] = "Мельник";
	p.f[PF_HOME_ADDRESS] = "вул. Шевченка 12, кв. 5";
	p.f[PF_HOME_LOCALITY] = "м. Ніжин";
	p.f[PF_HOME_REGION] = "Чернігівська область";
	const char *row[MP_COLS];
	assert_int_equal(match_person_row(nm, &p, &a, row), PL_OK);
	assert_string_equal(row[MP_ADDRESS], match_address_key(p.f[PF_HOME_ADDRESS], &a));
	assert_string_equal(row[MP_LOCALITY], match_place_key("Nizhyn", &a));
	assert_string_equal(row[MP_REGION], match_place_key("Chernihivska", &a));
	assert_string_equal(row[MP_HOUSE], "12");
	int found = 0;
	for(int c = 0; c < match_person_spec.ncmps; c++)
		found += !strncmp(match_person_spec.cmps[c].name, "home_", 5);
	assert_int_equal(found, 3);
	/* Without an address, the columns are unknown. */
	person q = {0};
	q.f[PF_SURNAME] = "Мельник";
	assert_int_equal(match_person_row(nm, &q, &a, row), PL_OK);
	assert_null(row[MP_ADDRESS]);
	assert_null(row[MP_LOCALITY]);
	assert_null(row[MP_HOUSE]);
	arena_free(&a);
	names_close(nm);
}

/* FEBRL 4 as person records (bench_febrl_person): the address lifts F1
 * above the 0.998, as linkage and as deduplication, with no false
 * link; without it, below. */
static void test_febrl_as_persons(void **state)
{
	(void)state;
	names *nm;
	pl_err err = {0};
	assert_ok(names_open(&nm, &err), &err);
	febrl_persons d;
	assert_int_equal(febrl_persons_load(nm, PARLEY_FEBRL_DIR, &d), 0);
	assert_int_equal(d.nb, 5000);
	match_comparison cmps[MATCH_CMPS_MAX];
	match_rule rules[MATCH_RULES_MAX];
	match_spec before = febrl_persons_no_address(cmps, rules);
	assert_int_equal(before.ncmps, match_person_spec.ncmps - 3);
	for(int dedupe = 0; dedupe < 2; dedupe++) {
		febrl_persons_score no = febrl_persons_run(&d, &before, dedupe);
		febrl_persons_score with = febrl_persons_run(&d, &match_person_spec, dedupe);
		print_message("# FEBRL 4 as persons, %s: F1 %.4f without the address, %.4f with it\n",
		              dedupe ? "dedupe" : "linkage", no.f1, with.f1);
		assert_true(with.f1 >= 0.998);
		assert_int_equal(with.fp, 0);
		assert_true(no.f1 < with.f1);
	}
	febrl_persons_free(&d);
	names_close(nm);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_address_keys),
		cmocka_unit_test(test_address_levels),
		cmocka_unit_test(test_person_columns),
		cmocka_unit_test(test_febrl_as_persons),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
