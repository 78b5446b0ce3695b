/* The display order of names (src/names/sort.c): names_sort_key. */
#include "fixture.h"

#include <unicode/uclean.h>

#include "core/buf.h"

/* memcmp order of the sort keys of a and b: <0, 0, >0; 99 on error. */
static int sort_cmp(names *nm, const char *a, const char *b)
{
	buf ka, kb;
	buf_init(&ka, 0);
	buf_init(&kb, 0);
	int c = 99;
	if(!names_sort_key(nm, a, &ka) && !names_sort_key(nm, b, &kb)) {
		size_t n = ka.len < kb.len ? ka.len : kb.len;
		c = memcmp(ka.ptr, kb.ptr, n);
		if(!c)
			c = (ka.len > kb.len) - (ka.len < kb.len);
		c = c < 0 ? -1 : c > 0;
		if(!ka.len || !kb.len)
			c = 99;
	}
	buf_free(&ka);
	buf_free(&kb);
	return c;
}

static void test_sort_key_follows_the_ukrainian_alphabet(void **state)
{
	/* а б в г ґ д е є ж з и і ї й к ... ш щ ь ю я; case ignored */
	static const char *const sorted[] = {
		"Андрієнко", "Бойко", "Гаврилюк", "ґалаґан", "Ґудзь", "Дмитренко", "Ежов",
		"Євген", "Жук", "Зінченко", "Иванишин", "Іван", "ІВАНЕНКО", "Їжак", "Йосип",
		"Коваленко", "Ковальчук", "Шевченко", "Шевчук", "Щербак", "Юрченко", "Яковенко",
	};
	report r = {0};
	size_t n = sizeof(sorted) / sizeof(*sorted);
	for(size_t i = 0; i + 1 < n; i++) {
		int c = sort_cmp(*state, sorted[i], sorted[i + 1]);
		if(c != -1)
			report_add(&r, "  \"%s\" should sort before \"%s\" (compare gave %d)\n", sorted[i],
			           sorted[i + 1], c);
	}
	report_check(&r, (int)n - 1);
}

static void test_sort_key_ignores_case(void **state)
{
	static const char *const same[][2] = {
		{"Іван", "ІВАН"}, {"Іван", "іван"}, {"Ґалаґан", "ҐАЛАҐАН"}, {"Shevchenko", "SHEVCHENKO"},
	};
	report r = {0};
	for(size_t i = 0; i < sizeof(same) / sizeof(*same); i++) {
		int c = sort_cmp(*state, same[i][0], same[i][1]);
		if(c != 0)
			report_add(&r, "  \"%s\" and \"%s\" should have equal sort keys (compare gave %d)\n",
			           same[i][0], same[i][1], c);
	}
	/* ... but not accents: ё is not е at secondary strength */
	if(sort_cmp(*state, "Ёлкин", "Елкин") == 0)
		report_add(&r, "  Ёлкин and Елкин sort equal\n");
	report_check(&r, (int)(sizeof(same) / sizeof(*same)) + 1);
}

static void test_sort_key_long_and_invalid_text(void **state)
{
	/* Longer than the 512 UTF-16 units the key is made from: still a key,
	 * and still ordered by the start of the text. */
	char a[4096] = "", b[4096] = "";
	for(int i = 0; i < 700; i++) {
		strcat(a, "а");
		strcat(b, "б");
	}
	assert_int_equal(sort_cmp(*state, a, b), -1);
	assert_int_equal(sort_cmp(*state, b, a), 1);
	buf k;
	buf_init(&k, 0);
	pl_rc rc = names_sort_key(*state, "Іван\xFF", &k);
	buf_free(&k);
	assert_int_equal(rc, PL_EINPUT);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_sort_key_follows_the_ukrainian_alphabet),
		cmocka_unit_test(test_sort_key_ignores_case),
		cmocka_unit_test(test_sort_key_long_and_invalid_text),
	};
	int failed = cmocka_run_group_tests_name("names/sort", tests, names_setup, names_teardown);
	u_cleanup();
	return failed;
}
