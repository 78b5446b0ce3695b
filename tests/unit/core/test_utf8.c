/* UTF-8: strict decoding, encoding, validation offsets, display width. */
#include "testutil.h"

#include "core/utf8.h"

static size_t decode(const char *s, size_t n, uint32_t *cp)
{
	*cp = 0xDEADBEEF;
	return utf8_decode(s, n, cp);
}

static void assert_refused(const char *s, size_t n)
{
	uint32_t cp;
	size_t k = decode(s, n, &cp);
	if(k != 0)
		fail_msg("decoded %zu bytes as U+%04X, expected refusal", k, (unsigned)cp);
	size_t bad = 99;
	assert_false(utf8_valid(s, n, &bad));
	assert_int_equal(bad, 0);
}

static void test_utf8_boundaries_round_trip(void **state)
{
	(void)state;
	static const struct {
		uint32_t cp;
		size_t len;
		const char *bytes;
	} cases[] = {
		{0x00, 1, "\x00"},
		{0x7F, 1, "\x7F"},
		{0x80, 2, "\xC2\x80"},
		{0x7FF, 2, "\xDF\xBF"},
		{0x800, 3, "\xE0\xA0\x80"},
		{0xD7FF, 3, "\xED\x9F\xBF"},
		{0xE000, 3, "\xEE\x80\x80"},
		{0xFFFD, 3, "\xEF\xBF\xBD"},
		{0xFFFF, 3, "\xEF\xBF\xBF"},
		{0x10000, 4, "\xF0\x90\x80\x80"},
		{0x10FFFF, 4, "\xF4\x8F\xBF\xBF"},
		{0x0416, 2, "\xD0\x96"}, /* Ж */
	};
	for(size_t i = 0; i < sizeof(cases) / sizeof(*cases); i++) {
		char out[4];
		assert_int_equal(utf8_encode(cases[i].cp, out), cases[i].len);
		assert_memory_equal(out, cases[i].bytes, cases[i].len);
		uint32_t cp;
		assert_int_equal(decode(cases[i].bytes, cases[i].len, &cp), cases[i].len);
		assert_int_equal(cp, cases[i].cp);
	}
}

static void test_utf8_every_scalar_value_round_trips(void **state)
{
	(void)state;
	for(uint32_t cp = 0; cp <= 0x10FFFF; cp++) {
		if(cp >= 0xD800 && cp <= 0xDFFF)
			continue;
		char out[4];
		size_t k = utf8_encode(cp, out);
		assert_int_equal(k, cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4);
		uint32_t back;
		assert_int_equal(decode(out, k, &back), k);
		assert_int_equal(back, cp);
		assert_true(utf8_valid(out, k, NULL));
	}
}

static void test_utf8_encode_refuses_surrogates_and_out_of_range(void **state)
{
	(void)state;
	char out[4];
	assert_int_equal(utf8_encode(0xD800, out), 0);
	assert_int_equal(utf8_encode(0xDFFF, out), 0);
	assert_int_equal(utf8_encode(0x110000, out), 0);
	assert_int_equal(utf8_encode(0xFFFFFFFF, out), 0);
}

static void test_utf8_decode_stops_after_one_code_point(void **state)
{
	(void)state;
	uint32_t cp;
	assert_int_equal(decode("\xD0\x96x", 3, &cp), 2);
	assert_int_equal(cp, 0x416);
	assert_int_equal(decode("ab", 2, &cp), 1);
	assert_int_equal(cp, 'a');
	assert_int_equal(decode("a", 0, &cp), 0); /* nothing to decode */
}

static void test_utf8_refuses_overlong_encodings(void **state)
{
	(void)state;
	assert_refused("\xC0\x80", 2);         /* U+0000 */
	assert_refused("\xC1\xBF", 2);         /* U+007F */
	assert_refused("\xE0\x80\x80", 3);     /* U+0000 */
	assert_refused("\xE0\x9F\xBF", 3);     /* U+07FF */
	assert_refused("\xF0\x80\x80\x80", 4); /* U+0000 */
	assert_refused("\xF0\x8F\xBF\xBF", 4); /* U+FFFF */
}

static void test_utf8_refuses_surrogates(void **state)
{
	(void)state;
	assert_refused("\xED\xA0\x80", 3); /* U+D800 */
	assert_refused("\xED\xBF\xBF", 3); /* U+DFFF */
}

static void test_utf8_refuses_past_10ffff(void **state)
{
	(void)state;
	assert_refused("\xF4\x90\x80\x80", 4);     /* U+110000 */
	assert_refused("\xF5\x80\x80\x80", 4);
	assert_refused("\xF7\xBF\xBF\xBF", 4);
	assert_refused("\xF8\x88\x80\x80\x80", 5); /* old 5-byte form */
	assert_refused("\xFC\x84\x80\x80\x80\x80", 6);
	assert_refused("\xFE", 1);
	assert_refused("\xFF", 1);
}

static void test_utf8_refuses_truncated_sequences(void **state)
{
	(void)state;
	assert_refused("\xD0", 1);
	assert_refused("\xE2\x82", 2);
	assert_refused("\xF0\x9F\x98", 3);
	/* the bytes are there, but n says they are not ours to read */
	assert_refused("\xD0\x96", 1);
	assert_refused("\xF0\x9F\x98\x80", 3);
}

static void test_utf8_refuses_bad_continuation_bytes(void **state)
{
	(void)state;
	assert_refused("\xD0" "A", 2);
	assert_refused("\xE2\x82" "A", 3);
	assert_refused("\xE2" "A" "\x82", 3);
	assert_refused("\xD0\xD0\x96", 3);
}

static void test_utf8_refuses_lone_continuation_bytes(void **state)
{
	(void)state;
	assert_refused("\x80", 1);
	assert_refused("\xBF", 1);
	assert_refused("\x96\xD0", 2);
}

static void test_utf8_valid_reports_first_bad_offset(void **state)
{
	(void)state;
	size_t bad = 99;
	assert_false(utf8_valid("abc\xE9" "def", 7, &bad));
	assert_int_equal(bad, 3);
	assert_false(utf8_valid("\xD0\x96x\xC0\x80", 5, &bad));
	assert_int_equal(bad, 3);
	assert_false(utf8_valid("ok\xE2\x82", 4, &bad)); /* truncated at the end */
	assert_int_equal(bad, 2);
	assert_false(utf8_valid("Шев\x80" "ченко", strlen("Шев\x80" "ченко"), &bad));
	assert_int_equal(bad, 6);
	assert_false(utf8_valid("a\xE9\xFF", 3, NULL)); /* bad may be NULL */
}

static void test_utf8_valid_accepts_valid_text(void **state)
{
	(void)state;
	size_t bad = 99;
	const char *s = "Шевченко Тарас, Kyiv 🇺🇦 e\xCC\x81";
	assert_true(utf8_valid(s, strlen(s), &bad));
	assert_int_equal(bad, 99); /* untouched */
	assert_true(utf8_valid("", 0, &bad));
	assert_true(utf8_valid("a\0b", 3, &bad)); /* NUL is a valid code point */
}

static void test_utf8_width_counts_code_points(void **state)
{
	(void)state;
	assert_int_equal(utf8_width(""), 0);
	assert_int_equal(utf8_width("abc"), 3);
	assert_int_equal(utf8_width("Шевченко"), 8);
	assert_int_equal(utf8_width("Тарас Григорович"), 16);
	assert_int_equal(utf8_width("ЇїЄєҐґ"), 6);
}

static void test_utf8_width_gives_combining_marks_no_column(void **state)
{
	(void)state;
	assert_int_equal(utf8_width("e\xCC\x81"), 1);          /* e + U+0301 */
	assert_int_equal(utf8_width("\xD0\xB8\xCC\x86"), 1);  /* и + U+0306 = й */
	assert_int_equal(utf8_width("a\xCC\x81\xCC\x82" "b"), 2);
}

static void test_utf8_prefix_for_width_counts_columns(void **state)
{
	(void)state;
	assert_int_equal(utf8_prefix_for_width("Шевченко", 3), strlen("Шев"));
	assert_int_equal(utf8_prefix_for_width("Шевченко", 0), 0);
	assert_int_equal(utf8_prefix_for_width("Шевченко", 8), strlen("Шевченко"));
	assert_int_equal(utf8_prefix_for_width("Шевченко", 100), strlen("Шевченко"));
	assert_int_equal(utf8_prefix_for_width("abc", 2), 2);
	assert_int_equal(utf8_prefix_for_width("", 5), 0);
}

static void test_utf8_prefix_keeps_combining_mark_with_its_letter(void **state)
{
	(void)state;
	assert_int_equal(utf8_prefix_for_width("e\xCC\x81x", 1), 3);
	assert_int_equal(utf8_prefix_for_width("xe\xCC\x81", 2), 4);
}

static void test_utf8_prefix_never_cuts_inside_a_character(void **state)
{
	(void)state;
	const char *s = "aЖ😀e\xCC\x81ї€b";
	size_t n = strlen(s);
	size_t prev = 0;
	for(size_t cols = 0; cols <= 10; cols++) {
		size_t k = utf8_prefix_for_width(s, cols);
		assert_true(k <= n);
		assert_true(k >= prev);
		assert_true(utf8_valid(s, k, NULL));
		char head[64];
		memcpy(head, s, k);
		head[k] = '\0';
		assert_true(utf8_width(head) <= cols);
		prev = k;
	}
	assert_int_equal(prev, n);
}

/* Cutting to a byte budget (for logs) backs off to a character start, and
 * takes everything when the budget allows. */
static void test_utf8_prefix_bytes_cuts_between_characters(void **state)
{
	(void)state;
	const char *s = "aЖ😀€b"; /* 1 + 2 + 4 + 3 + 1 bytes */
	static const size_t want[] = {0, 1, 1, 3, 3, 3, 3, 7, 7, 7, 10, 11, 11};
	for(size_t max = 0; max < sizeof(want) / sizeof(want[0]); max++) {
		size_t k = utf8_prefix_bytes(s, max);
		assert_int_equal(k, want[max]);
		assert_true(utf8_valid(s, k, NULL));
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_utf8_boundaries_round_trip),
		cmocka_unit_test(test_utf8_every_scalar_value_round_trips),
		cmocka_unit_test(test_utf8_encode_refuses_surrogates_and_out_of_range),
		cmocka_unit_test(test_utf8_decode_stops_after_one_code_point),
		cmocka_unit_test(test_utf8_refuses_overlong_encodings),
		cmocka_unit_test(test_utf8_refuses_surrogates),
		cmocka_unit_test(test_utf8_refuses_past_10ffff),
		cmocka_unit_test(test_utf8_refuses_truncated_sequences),
		cmocka_unit_test(test_utf8_refuses_bad_continuation_bytes),
		cmocka_unit_test(test_utf8_refuses_lone_continuation_bytes),
		cmocka_unit_test(test_utf8_valid_reports_first_bad_offset),
		cmocka_unit_test(test_utf8_valid_accepts_valid_text),
		cmocka_unit_test(test_utf8_width_counts_code_points),
		cmocka_unit_test(test_utf8_width_gives_combining_marks_no_column),
		cmocka_unit_test(test_utf8_prefix_for_width_counts_columns),
		cmocka_unit_test(test_utf8_prefix_keeps_combining_mark_with_its_letter),
		cmocka_unit_test(test_utf8_prefix_never_cuts_inside_a_character),
		cmocka_unit_test(test_utf8_prefix_bytes_cuts_between_characters),
	};
	return cmocka_run_group_tests_name("core/utf8", tests, NULL, NULL);
}
