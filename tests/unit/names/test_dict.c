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

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_key_version_is_stable_and_dictionary_is_loaded),
	};
	int failed = cmocka_run_group_tests_name("names/dict", tests, names_setup, names_teardown);
	u_cleanup();
	return failed;
}
