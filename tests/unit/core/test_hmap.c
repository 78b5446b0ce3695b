/* The string-keyed hash map: insert, replace, look up, grow; keys copied. */
#include "testutil.h"

#include "core/hmap.h"

#define VAL(i) ((void *)(uintptr_t)(i))

static void test_hmap_get_on_empty_map_is_null(void **state)
{
	(void)state;
	hmap m;
	hmap_init(&m);
	assert_null(hmap_get(&m, "absent", 6));
	assert_null(hmap_get(&m, "", 0));
	hmap_free(&m);
}

static void test_hmap_put_then_get(void **state)
{
	(void)state;
	hmap m;
	hmap_init(&m);
	assert_int_equal(hmap_put(&m, "surname", 7, VAL(1)), PL_OK);
	assert_int_equal(hmap_put(&m, "birth_date", 10, VAL(2)), PL_OK);
	assert_ptr_equal(hmap_get(&m, "surname", 7), VAL(1));
	assert_ptr_equal(hmap_get(&m, "birth_date", 10), VAL(2));
	assert_int_equal(m.count, 2);
	hmap_free(&m);
}

static void test_hmap_put_replaces_value_of_existing_key(void **state)
{
	(void)state;
	hmap m;
	hmap_init(&m);
	assert_int_equal(hmap_put(&m, "rank", 4, VAL(1)), PL_OK);
	assert_int_equal(hmap_put(&m, "rank", 4, VAL(2)), PL_OK);
	assert_ptr_equal(hmap_get(&m, "rank", 4), VAL(2));
	assert_int_equal(m.count, 1);
	hmap_free(&m);
}

static void test_hmap_missing_keys_are_null(void **state)
{
	(void)state;
	hmap m;
	hmap_init(&m);
	assert_int_equal(hmap_put(&m, "unit", 4, VAL(1)), PL_OK);
	assert_null(hmap_get(&m, "units", 5));
	assert_null(hmap_get(&m, "uni", 3));
	assert_null(hmap_get(&m, "Unit", 4));
	assert_null(hmap_get(&m, "unit", 3)); /* klen decides, not the NUL */
	hmap_free(&m);
}

static void test_hmap_klen_counts_not_the_terminator(void **state)
{
	(void)state;
	hmap m;
	hmap_init(&m);
	assert_int_equal(hmap_put(&m, "surname_latin", 7, VAL(1)), PL_OK); /* "surname" */
	assert_ptr_equal(hmap_get(&m, "surname", 7), VAL(1));
	assert_null(hmap_get(&m, "surname_latin", 13));
	hmap_free(&m);
}

static void test_hmap_keys_with_embedded_nul_bytes_are_distinct(void **state)
{
	(void)state;
	hmap m;
	hmap_init(&m);
	assert_int_equal(hmap_put(&m, "a", 1, VAL(1)), PL_OK);
	assert_int_equal(hmap_put(&m, "a\0", 2, VAL(2)), PL_OK);
	assert_int_equal(hmap_put(&m, "a\0b", 3, VAL(3)), PL_OK);
	assert_int_equal(hmap_put(&m, "a\0c", 3, VAL(4)), PL_OK);
	assert_int_equal(hmap_put(&m, "", 0, VAL(5)), PL_OK);
	assert_int_equal(m.count, 5);
	assert_ptr_equal(hmap_get(&m, "a", 1), VAL(1));
	assert_ptr_equal(hmap_get(&m, "a\0", 2), VAL(2));
	assert_ptr_equal(hmap_get(&m, "a\0b", 3), VAL(3));
	assert_ptr_equal(hmap_get(&m, "a\0c", 3), VAL(4));
	assert_ptr_equal(hmap_get(&m, "", 0), VAL(5));
	assert_null(hmap_get(&m, "a\0d", 3));
	hmap_free(&m);
}

static void test_hmap_keys_with_a_long_common_prefix(void **state)
{
	(void)state;
	enum { PREFIX = 5000 };
	char *key = malloc(PREFIX + 1);
	assert_non_null(key);
	memset(key, 'k', PREFIX);
	hmap m;
	hmap_init(&m);
	for(int c = 0; c < 256; c++) {
		key[PREFIX] = (char)c;
		assert_int_equal(hmap_put(&m, key, PREFIX + 1, VAL(c + 1)), PL_OK);
	}
	assert_int_equal(m.count, 256);
	for(int c = 0; c < 256; c++) {
		key[PREFIX] = (char)c;
		assert_ptr_equal(hmap_get(&m, key, PREFIX + 1), VAL(c + 1));
	}
	assert_null(hmap_get(&m, key, PREFIX));
	free(key);
	hmap_free(&m);
}

static void test_hmap_keys_in_the_same_slot_wrap_around_the_table(void **state)
{
	(void)state;
	/* 40 keys whose hashes all start probing at the last of the first
	 * table's 64 slots, so the probe sequence wraps to slot 0. */
	enum { N = 40 };
	char keys[N][16];
	int found = 0;
	for(int i = 0; found < N; i++) {
		int n = snprintf(keys[found], sizeof(keys[found]), "c%d", i);
		if((hmap_hash(keys[found], (size_t)n) & 63) == 63)
			found++;
	}
	hmap m;
	hmap_init(&m);
	for(int i = 0; i < N; i++)
		assert_int_equal(hmap_put(&m, keys[i], strlen(keys[i]), VAL(i + 1)), PL_OK);
	assert_int_equal(m.cap, 64);
	assert_int_equal(m.count, N);
	for(int i = 0; i < N; i++)
		assert_ptr_equal(hmap_get(&m, keys[i], strlen(keys[i])), VAL(i + 1));
	assert_null(hmap_get(&m, "c-absent", 8));
	hmap_free(&m);
}

static void test_hmap_keys_are_copied(void **state)
{
	(void)state;
	hmap m;
	hmap_init(&m);
	char key[] = "Shevchenko";
	assert_int_equal(hmap_put(&m, key, strlen(key), VAL(7)), PL_OK);
	memcpy(key, "Petrenko!!", 10);
	assert_ptr_equal(hmap_get(&m, "Shevchenko", 10), VAL(7));
	assert_null(hmap_get(&m, key, 10));
	hmap_free(&m);
}

static void test_hmap_hundred_thousand_keys_survive_resizes(void **state)
{
	(void)state;
	enum { N = 100000 };
	hmap m;
	hmap_init(&m);
	char key[32];
	for(int i = 0; i < N; i++) {
		int n = snprintf(key, sizeof(key), "person-%d", i);
		assert_int_equal(hmap_put(&m, key, (size_t)n, VAL(i + 1)), PL_OK);
	}
	assert_int_equal(m.count, N);
	assert_true(m.cap >= N);
	assert_int_equal(m.cap & (m.cap - 1), 0);  /* a power of two */
	assert_true(m.count * 4 <= m.cap * 3);     /* load under 3/4 */
	for(int i = 0; i < N; i++) {
		int n = snprintf(key, sizeof(key), "person-%d", i);
		assert_ptr_equal(hmap_get(&m, key, (size_t)n), VAL(i + 1));
	}
	for(int i = N; i < N + 1000; i++) {
		int n = snprintf(key, sizeof(key), "person-%d", i);
		assert_null(hmap_get(&m, key, (size_t)n));
	}
	/* replacing every value keeps the count */
	for(int i = 0; i < N; i += 7) {
		int n = snprintf(key, sizeof(key), "person-%d", i);
		assert_int_equal(hmap_put(&m, key, (size_t)n, VAL(i + 2)), PL_OK);
	}
	assert_int_equal(m.count, N);
	for(int i = 0; i < N; i++) {
		int n = snprintf(key, sizeof(key), "person-%d", i);
		assert_ptr_equal(hmap_get(&m, key, (size_t)n), VAL(i % 7 ? i + 1 : i + 2));
	}
	hmap_free(&m);
	assert_null(hmap_get(&m, "person-1", 8)); /* usable (empty) after free */
}

static void test_hmap_hash_depends_on_every_byte_and_length(void **state)
{
	(void)state;
	assert_int_equal(hmap_hash("abc", 3), hmap_hash("abc", 3));
	assert_int_not_equal(hmap_hash("abc", 3), hmap_hash("abd", 3));
	assert_int_not_equal(hmap_hash("abc", 3), hmap_hash("abc\0", 4));
	assert_int_not_equal(hmap_hash("", 0), hmap_hash("\0", 1));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_hmap_get_on_empty_map_is_null),
		cmocka_unit_test(test_hmap_put_then_get),
		cmocka_unit_test(test_hmap_put_replaces_value_of_existing_key),
		cmocka_unit_test(test_hmap_missing_keys_are_null),
		cmocka_unit_test(test_hmap_klen_counts_not_the_terminator),
		cmocka_unit_test(test_hmap_keys_with_embedded_nul_bytes_are_distinct),
		cmocka_unit_test(test_hmap_keys_with_a_long_common_prefix),
		cmocka_unit_test(test_hmap_keys_in_the_same_slot_wrap_around_the_table),
		cmocka_unit_test(test_hmap_keys_are_copied),
		cmocka_unit_test(test_hmap_hundred_thousand_keys_survive_resizes),
		cmocka_unit_test(test_hmap_hash_depends_on_every_byte_and_length),
	};
	return cmocka_run_group_tests_name("core/hmap", tests, NULL, NULL);
}
