/* JSON helpers: strings as the compact writer and as RFC 8785 write
 * them, paths to a place in a document, and refusing unknown members by
 * name and place. */
#include "testutil.h"

#include "core/json.h"

static void test_paths(void **state)
{
	(void)state;
	buf p;
	buf_init(&p, 0);
	assert_int_equal(json_path_key(&p, "entries", 7), PL_OK);
	assert_int_equal(json_path_index(&p, 12), PL_OK);
	assert_int_equal(json_path_key(&p, "person", 6), PL_OK);
	assert_int_equal(json_path_key(&p, "birth_date", 10), PL_OK);
	assert_string_equal(buf_str(&p), "entries[12].person.birth_date");
	buf_reset(&p);
	assert_int_equal(json_path_key(&p, "a.b", 3), PL_OK);
	assert_int_equal(json_path_key(&p, "ім'я", strlen("ім'я")), PL_OK);
	assert_int_equal(json_path_key(&p, "1st", 3), PL_OK);
	assert_int_equal(json_path_key(&p, "", 0), PL_OK);
	assert_int_equal(json_path_key(&p, "x\"\n", 3), PL_OK);
	assert_int_equal(json_path_key(&p, "held-by", 7), PL_OK);
	assert_string_equal(buf_str(&p), "[\"a.b\"][\"ім'я\"][\"1st\"][\"\"][\"x\\\"\\n\"].held-by");
	buf_free(&p);
}

static void test_strings(void **state)
{
	(void)state;
	buf b;
	buf_init(&b, 0);
	assert_int_equal(json_write_string(&b, "a\"\\\b\f\n\r\t\x01\xc3\xa9"), PL_OK);
	assert_string_equal(buf_str(&b), "\"a\\\"\\\\\\u0008\\u000c\\n\\r\\t\\u0001\xc3\xa9\"");
	buf_reset(&b);
	assert_int_equal(json_write_canonical_string(&b, "a\"\\\b\f\n\r\t\x01\0z", 11), PL_OK);
	assert_string_equal(buf_str(&b), "\"a\\\"\\\\\\b\\f\\n\\r\\t\\u0001\\u0000z\"");
	buf_free(&b);
}

static void test_only_these_keys(void **state)
{
	(void)state;
	static const char *const allowed[] = {"title", "eligible", "basis", NULL};
	json_t *ok = json_pack("{s:s, s:s}", "title", "t", "basis", "b");
	json_t *typo = json_pack("{s:s, s:s}", "title", "t", "eligable", "x");
	json_t *far = json_pack("{s:s}", "shoe\nsize", "44");
	pl_err err = {0};
	assert_null(json_unknown_key(ok, allowed));
	assert_string_equal(json_unknown_key(typo, allowed), "eligable");
	assert_int_equal(json_only_keys(ok, "clauses[0]", allowed, &err), PL_OK);
	assert_int_equal(json_only_keys(typo, "clauses[0]", allowed, &err), PL_EINPUT);
	assert_string_equal(err.msg, "clauses[0].eligable: unknown field (did you mean 'eligible'?)");
	assert_int_equal(json_only_keys(typo, NULL, allowed, &err), PL_EINPUT);
	assert_string_equal(err.msg, "eligable: unknown field (did you mean 'eligible'?)");
	assert_int_equal(json_only_keys(far, "", allowed, &err), PL_EINPUT);
	assert_string_equal(err.msg, "shoe\\nsize: unknown field");
	json_decref(ok);
	json_decref(typo);
	json_decref(far);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_strings),
		cmocka_unit_test(test_paths),
		cmocka_unit_test(test_only_these_keys),
	};
	return cmocka_run_group_tests_name("core/json", tests, NULL, NULL);
}
