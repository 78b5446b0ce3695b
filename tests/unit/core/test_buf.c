/* The growable byte buffer: appends, printf, the size cap, reset, truncate. */
#include "testutil.h"

#include "core/buf.h"

static void test_buf_str_of_empty_buffer_is_empty_string(void **state)
{
	(void)state;
	buf b;
	buf_init(&b, 0);
	assert_non_null(buf_str(&b));
	assert_string_equal(buf_str(&b), "");
	assert_int_equal(b.len, 0);
	buf_free(&b);
	assert_string_equal(buf_str(&b), ""); /* and after free */
}

static void test_buf_zero_max_means_default_cap(void **state)
{
	(void)state;
	buf b;
	buf_init(&b, 0);
	assert_int_equal(b.max, BUF_MAX_DEFAULT);
	buf_free(&b);
}

static void test_buf_appends_bytes_strings_and_chars(void **state)
{
	(void)state;
	buf b;
	buf_init(&b, 0);
	assert_int_equal(buf_add(&b, "ab", 2), PL_OK);
	assert_int_equal(buf_adds(&b, "cd"), PL_OK);
	assert_int_equal(buf_addc(&b, 'e'), PL_OK);
	assert_int_equal(buf_adds(&b, "Жук"), PL_OK);
	assert_string_equal(buf_str(&b), "abcdeЖук");
	assert_int_equal(b.len, strlen("abcdeЖук"));
	buf_free(&b);
}

static void test_buf_add_keeps_embedded_nul_bytes(void **state)
{
	(void)state;
	buf b;
	buf_init(&b, 0);
	assert_int_equal(buf_add(&b, "a\0b", 3), PL_OK);
	assert_int_equal(b.len, 3);
	assert_memory_equal(b.ptr, "a\0b", 4); /* plus the terminator */
	buf_free(&b);
}

static void test_buf_grows_across_many_appends(void **state)
{
	(void)state;
	buf b;
	buf_init(&b, 0);
	for(int i = 0; i < 100000; i++)
		assert_int_equal(buf_addc(&b, (char)('a' + i % 26)), PL_OK);
	assert_int_equal(b.len, 100000);
	assert_true(b.alloc > b.len);
	for(int i = 0; i < 100000; i++)
		assert_int_equal(b.ptr[i], 'a' + i % 26);
	assert_int_equal(b.ptr[100000], '\0');
	buf_free(&b);
}

static void test_buf_printf_appends_formatted_text(void **state)
{
	(void)state;
	buf b;
	buf_init(&b, 0);
	assert_int_equal(buf_adds(&b, "x="), PL_OK);
	assert_int_equal(buf_printf(&b, "%d, name=%s", 42, "Іван"), PL_OK);
	assert_string_equal(buf_str(&b), "x=42, name=Іван");
	assert_int_equal(b.len, strlen("x=42, name=Іван"));
	buf_free(&b);
}

static void test_buf_printf_longer_than_first_allocation(void **state)
{
	(void)state;
	buf b;
	buf_init(&b, 0);
	assert_int_equal(buf_printf(&b, "%0500d|", 7), PL_OK);
	assert_int_equal(b.len, 501);
	assert_int_equal(b.ptr[499], '7');
	assert_int_equal(b.ptr[500], '|');
	assert_int_equal(b.ptr[501], '\0');
	buf_free(&b);
}

static void test_buf_printf_of_empty_string_gives_empty_c_string(void **state)
{
	(void)state;
	buf b;
	buf_init(&b, 0);
	assert_int_equal(buf_printf(&b, "%s", ""), PL_OK);
	assert_string_equal(buf_str(&b), "");
	buf_free(&b);
}

static void test_buf_add_up_to_cap_succeeds(void **state)
{
	(void)state;
	buf b;
	buf_init(&b, 8);
	assert_int_equal(buf_add(&b, "12345678", 8), PL_OK);
	assert_int_equal(b.len, 8);
	assert_string_equal(buf_str(&b), "12345678");
	buf_free(&b);
}

static void test_buf_add_over_cap_fails_and_frees(void **state)
{
	(void)state;
	buf b;
	buf_init(&b, 8);
	assert_int_equal(buf_add(&b, "12345", 5), PL_OK);
	assert_int_equal(buf_add(&b, "6789", 4), PL_ELIMIT);
	assert_null(b.ptr);
	assert_int_equal(b.len, 0);
	assert_int_equal(b.alloc, 0);
	assert_string_equal(buf_str(&b), "");
	buf_free(&b); /* freeing again is harmless */
}

static void test_buf_printf_over_cap_fails_and_frees(void **state)
{
	(void)state;
	buf b;
	buf_init(&b, 10);
	assert_int_equal(buf_printf(&b, "%s", "0123456789A"), PL_ELIMIT);
	assert_null(b.ptr);
	assert_int_equal(b.len, 0);
	buf_free(&b);
}

/* Regression (fixed): buf_addc's fast path (b->len + 1 < b->alloc) skips the cap check.
 * The first allocation is 64 bytes, so with a cap of 8 the 9th, 10th, ...
 * character is accepted and len exceeds max ("len never exceeds it").
 * Once len > max, grow()'s `b->max - b->len` wraps around and the cap is
 * never enforced again. */
static void test_buf_addc_over_cap_fails_and_frees(void **state)
{
	(void)state;
	buf b;
	buf_init(&b, 8);
	for(int i = 0; i < 8; i++)
		assert_int_equal(buf_addc(&b, 'x'), PL_OK);
	pl_rc rc = buf_addc(&b, 'y');
	size_t len = b.len;
	buf_free(&b);
	assert_int_equal(len, 0);
	assert_int_equal(rc, PL_ELIMIT);
}

static void test_buf_reset_empties_and_keeps_working(void **state)
{
	(void)state;
	buf b;
	buf_init(&b, 0);
	assert_int_equal(buf_adds(&b, "first contents"), PL_OK);
	size_t alloc = b.alloc;
	buf_reset(&b);
	assert_int_equal(b.len, 0);
	assert_string_equal(buf_str(&b), "");
	assert_int_equal(b.alloc, alloc); /* the allocation is kept */
	assert_int_equal(buf_adds(&b, "second"), PL_OK);
	assert_string_equal(buf_str(&b), "second");
	buf_free(&b);
}

static void test_buf_reset_of_never_used_buffer(void **state)
{
	(void)state;
	buf b;
	buf_init(&b, 0);
	buf_reset(&b);
	assert_string_equal(buf_str(&b), "");
	assert_int_equal(buf_addc(&b, 'z'), PL_OK);
	assert_string_equal(buf_str(&b), "z");
	buf_free(&b);
}

static void test_buf_reuse_after_limit_failure(void **state)
{
	(void)state;
	buf b;
	buf_init(&b, 4);
	assert_int_equal(buf_adds(&b, "too long"), PL_ELIMIT);
	assert_int_equal(buf_adds(&b, "ok"), PL_OK); /* the cap is kept */
	assert_string_equal(buf_str(&b), "ok");
	assert_int_equal(b.max, 4);
	buf_free(&b);
}

/* buf_truncate(b, len) cuts the contents to len bytes (as names_fold uses it),
 * although the header comment says "Drop the last n bytes". */
static void test_buf_truncate_cuts_to_length(void **state)
{
	(void)state;
	buf b;
	buf_init(&b, 0);
	assert_int_equal(buf_adds(&b, "hello world"), PL_OK);
	buf_truncate(&b, 5);
	assert_int_equal(b.len, 5);
	assert_string_equal(buf_str(&b), "hello");
	buf_truncate(&b, 50); /* longer than the contents: no change */
	assert_string_equal(buf_str(&b), "hello");
	buf_truncate(&b, 0);
	assert_string_equal(buf_str(&b), "");
	assert_int_equal(buf_adds(&b, "again"), PL_OK);
	assert_string_equal(buf_str(&b), "again");
	buf_free(&b);
}

static void test_buf_add_html_escapes_markup(void **state)
{
	(void)state;
	buf b;
	buf_init(&b, 0);
	assert_int_equal(buf_add_html(&b, "<script>alert('x')</script> & \"Ганна\""), PL_OK);
	assert_string_equal(buf_str(&b), "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;Ганна&quot;");
	buf_free(&b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_buf_str_of_empty_buffer_is_empty_string),
		cmocka_unit_test(test_buf_zero_max_means_default_cap),
		cmocka_unit_test(test_buf_appends_bytes_strings_and_chars),
		cmocka_unit_test(test_buf_add_keeps_embedded_nul_bytes),
		cmocka_unit_test(test_buf_grows_across_many_appends),
		cmocka_unit_test(test_buf_printf_appends_formatted_text),
		cmocka_unit_test(test_buf_printf_longer_than_first_allocation),
		cmocka_unit_test(test_buf_printf_of_empty_string_gives_empty_c_string),
		cmocka_unit_test(test_buf_add_up_to_cap_succeeds),
		cmocka_unit_test(test_buf_add_over_cap_fails_and_frees),
		cmocka_unit_test(test_buf_printf_over_cap_fails_and_frees),
		cmocka_unit_test(test_buf_addc_over_cap_fails_and_frees),
		cmocka_unit_test(test_buf_reset_empties_and_keeps_working),
		cmocka_unit_test(test_buf_reset_of_never_used_buffer),
		cmocka_unit_test(test_buf_reuse_after_limit_failure),
		cmocka_unit_test(test_buf_truncate_cuts_to_length),
		cmocka_unit_test(test_buf_add_html_escapes_markup),
	};
	return cmocka_run_group_tests_name("core/buf", tests, NULL, NULL);
}
