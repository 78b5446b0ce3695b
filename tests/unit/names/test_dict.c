/* The names object and its dictionary (src/names/dict.c): the key version,
 * the equivalences loaded, the shipped text. */
#include "fixture.h"

#include <unicode/uclean.h>

static void test_key_version_is_stable_and_dictionary_is_loaded(void **state)
{
	names *other;
	pl_err err = {0};
	assert_ok(names_open(&other, &err), &err);
	char v1[128], v2[128];
	snprintf(v1, sizeof(v1), "%s", names_key_version(*state));
	snprintf(v2, sizeof(v2), "%s", names_key_version(other));
	size_t size1 = names_dict_size(*state), size2 = names_dict_size(other);
	names_close(other);
	assert_string_equal(v1, v2);
	assert_true(strlen(v1) > 0);
	assert_int_equal(size1, size2);
	/* in the thousands, and no more equivalences than dictionary rows */
	size_t len;
	const char *text = names_dict_text(&len);
	size_t rows = 0;
	for(size_t i = 0; i < len; i++)
		rows += text[i] == '\n';
	if(size1 < 1000 || size1 >= rows)
		fail_msg("%zu equivalences loaded from %zu dictionary lines", size1, rows);
	assert_true(len > 0 && !memcmp(text, "uk,ru,count", 11));
}

static void test_open_text_uses_only_that_dictionary(void **state)
{
	/* For evaluations that hold pairs out (bench/bench_names): the
	 * equivalences are the given text's, and its version differs. */
	static const char text[] = "uk,ru,count\r\nОлександр,Александр,2\r\n";
	names *one;
	pl_err err = {0};
	assert_ok(names_open_text(&one, text, sizeof(text) - 1, &err), &err);
	assert_int_equal(names_dict_size(one), 1);
	assert_string_equal(names_equivalent(one, "oleksandr", 9), "aleksandr");
	assert_null(names_equivalent(one, "mikola", 6));
	assert_non_null(names_equivalent(*state, "mikola", 6));
	bool same = !strcmp(names_key_version(one), names_key_version(*state));
	names_close(one);
	assert_false(same);
	/* no text: refused, by its code */
	assert_int_equal(names_open_text(&one, "", 0, &err), PL_EIO);
	assert_string_equal(err.code, "names.no_dictionary");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_key_version_is_stable_and_dictionary_is_loaded),
		cmocka_unit_test(test_open_text_uses_only_that_dictionary),
	};
	int failed = cmocka_run_group_tests_name("names/dict", tests, names_setup, names_teardown);
	u_cleanup();
	return failed;
}
