/* Text helpers for messages: edit distance, "did you mean", quoting values. */
#include "testutil.h"

#include "core/text.h"
#include "core/utf8.h"

/* The person columns of an import file (src/registry/fields.c). */
static const char *const person_columns[] = {
	"surname", "given_names", "patronymic", "surname_latin", "given_names_latin",
	"patronymic_latin", "mother_maiden_name", "sex", "birth_date", "birth_place",
	"rank", "service_number", "branch", "unit", "party", "depends_on", "held_by",
	"inform", "capture_date", "capture_place", "detention_place", "medical",
	"consent", "consent_date", "status", NULL,
};

/* --- text_distance ------------------------------------------------------ */

static void test_text_distance_known_values(void **state)
{
	(void)state;
	assert_int_equal(text_distance("kitten", "sitting"), 3);
	assert_int_equal(text_distance("sitting", "kitten"), 3);
	assert_int_equal(text_distance("flaw", "lawn"), 2);
	assert_int_equal(text_distance("same", "same"), 0);
	assert_int_equal(text_distance("birthdate", "birth_date"), 1);
}

static void test_text_distance_adjacent_transposition_is_one_edit(void **state)
{
	(void)state;
	assert_int_equal(text_distance("ab", "ba"), 1);
	assert_int_equal(text_distance("surnmae", "surname"), 1);
	/* optimal string alignment: no edits of a transposed pair, so 3, not 2 */
	assert_int_equal(text_distance("ca", "abc"), 3);
}

static void test_text_distance_with_empty_strings(void **state)
{
	(void)state;
	assert_int_equal(text_distance("", ""), 0);
	assert_int_equal(text_distance("", "abc"), 3);
	assert_int_equal(text_distance("abcd", ""), 4);
}

static void test_text_distance_counts_bytes(void **state)
{
	(void)state;
	/* Ж (D0 96) and Ш (D0 A8) share their first byte */
	assert_int_equal(text_distance("Ж", "Ш"), 1);
	assert_int_equal(text_distance("Ж", ""), 2);
}

static void test_text_distance_of_long_strings_exceeds_both_lengths(void **state)
{
	(void)state;
	char a[101], b[66];
	memset(a, 'a', 100);
	a[100] = '\0';
	memset(b, 'a', 65);
	b[65] = '\0';
	assert_true(text_distance(a, "a") > 100);
	assert_true(text_distance(b, a) > 100);
	assert_true(text_distance("", b) > 65);
	b[64] = '\0'; /* 64 bytes is still computed exactly */
	assert_int_equal(text_distance(b, ""), 64);
	assert_int_equal(text_distance(b, "a"), 63);
}

/* --- text_closest ------------------------------------------------------- */

static void test_text_closest_suggests_column_for_typo(void **state)
{
	(void)state;
	assert_string_equal(text_closest("birthdate", person_columns), "birth_date");
	assert_string_equal(text_closest("Surname", person_columns), "surname");
	assert_string_equal(text_closest("held_bye", person_columns), "held_by");
	assert_string_equal(text_closest("servcie_number", person_columns), "service_number");
	assert_string_equal(text_closest("sx", person_columns), "sex");
}

static void test_text_closest_exact_match_is_itself(void **state)
{
	(void)state;
	assert_string_equal(text_closest("rank", person_columns), "rank");
}

static void test_text_closest_suggests_nothing_for_unrelated_word(void **state)
{
	(void)state;
	assert_null(text_closest("foo", person_columns));
	assert_null(text_closest("nationality", person_columns));
	assert_null(text_closest("x", person_columns));
}

static void test_text_closest_allows_one_edit_per_three_letters(void **state)
{
	(void)state;
	static const char *const words[] = {"abcdef", NULL};
	assert_string_equal(text_closest("abcxyf", words), "abcdef"); /* 6 letters, 2 edits */
	assert_null(text_closest("axcxyf", words));                  /* 3 edits */
	static const char *const shorter[] = {"abc", NULL};
	assert_string_equal(text_closest("abd", shorter), "abc");     /* at least one */
}

static void test_text_closest_of_no_candidates_is_null(void **state)
{
	(void)state;
	static const char *const none[] = {NULL};
	assert_null(text_closest("surname", none));
}

/* --- text_quote --------------------------------------------------------- */

static void test_text_quote_leaves_plain_text_alone(void **state)
{
	(void)state;
	char out[128];
	text_quote("1985-13-01", out, sizeof(out));
	assert_string_equal(out, "1985-13-01");
	text_quote("Шевченко Тарас", out, sizeof(out));
	assert_string_equal(out, "Шевченко Тарас");
	text_quote("", out, sizeof(out));
	assert_string_equal(out, "");
}

static void test_text_quote_escapes_control_characters(void **state)
{
	(void)state;
	char out[128];
	text_quote("a\nb\tc\rd\x01" "e\x1B\x7F", out, sizeof(out));
	assert_string_equal(out, "a\\nb\\tc\\x0Dd\\x01e\\x1B\\x7F");
}

static void test_text_quote_escapes_invalid_utf8_bytes(void **state)
{
	(void)state;
	char out[128];
	text_quote("Ren\xE9", out, sizeof(out));
	assert_string_equal(out, "Ren\\xE9");
	text_quote("\xC0\x80", out, sizeof(out));
	assert_string_equal(out, "\\xC0\\x80");
}

static void test_text_quote_keeps_40_characters(void **state)
{
	(void)state;
	char in[41], out[128];
	memset(in, 'x', 40);
	in[40] = '\0';
	text_quote(in, out, sizeof(out));
	assert_string_equal(out, in); /* exactly 40: not cut */
}

static void test_text_quote_cuts_longer_values_with_dots(void **state)
{
	(void)state;
	char in[101], out[128];
	memset(in, 'x', 100);
	in[100] = '\0';
	text_quote(in, out, sizeof(out));
	assert_int_equal(strlen(out), 43);
	assert_memory_equal(out, in, 40);
	assert_string_equal(out + 40, "...");
}

static void test_text_quote_cuts_cyrillic_by_characters(void **state)
{
	(void)state;
	char in[256] = "", out[128];
	for(int i = 0; i < 50; i++)
		strcat(in, "Ж");
	text_quote(in, out, sizeof(out));
	assert_int_equal(strlen(out), 40 * 2 + 3);
	assert_true(utf8_valid(out, strlen(out), NULL));
	assert_int_equal(utf8_width(out), 43);
	assert_string_equal(out + 80, "...");
}

static void test_text_quote_never_cuts_a_multibyte_character(void **state)
{
	(void)state;
	const char *in = "Жё😀€Шевченко😀😀😀 Тарас Григорович, 1814-03-09 😀";
	for(size_t size = 1; size <= 200; size++) {
		char out[200];
		memset(out, '#', sizeof(out));
		text_quote(in, out, size);
		size_t n = strlen(out);
		assert_true(n < size);
		assert_true(utf8_valid(out, n, NULL));
	}
}

/* Regression (fixed): text_quote stops when fewer than 9 bytes of `out` remain, without
 * writing "...". Forty escaped control characters take 160 bytes, more than
 * the 128-byte buffers import.c passes, so a long value of control
 * characters is cut after 30 of them with no sign that it was cut.
 * Expected: the output ends with "..." whenever the value is not shown
 * whole. The same happens with 4-byte characters (40 emoji = 160 bytes). */
static void test_text_quote_cut_by_small_buffer_still_ends_with_dots(void **state)
{
	(void)state;
	char in[46], out[128];
	memset(in, '\x01', 45);
	in[45] = '\0';
	text_quote(in, out, sizeof(out));
	size_t n = strlen(out);
	assert_true(n >= 3);
	assert_string_equal(out + n - 3, "...");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_text_distance_known_values),
		cmocka_unit_test(test_text_distance_adjacent_transposition_is_one_edit),
		cmocka_unit_test(test_text_distance_with_empty_strings),
		cmocka_unit_test(test_text_distance_counts_bytes),
		cmocka_unit_test(test_text_distance_of_long_strings_exceeds_both_lengths),
		cmocka_unit_test(test_text_closest_suggests_column_for_typo),
		cmocka_unit_test(test_text_closest_exact_match_is_itself),
		cmocka_unit_test(test_text_closest_suggests_nothing_for_unrelated_word),
		cmocka_unit_test(test_text_closest_allows_one_edit_per_three_letters),
		cmocka_unit_test(test_text_closest_of_no_candidates_is_null),
		cmocka_unit_test(test_text_quote_leaves_plain_text_alone),
		cmocka_unit_test(test_text_quote_escapes_control_characters),
		cmocka_unit_test(test_text_quote_escapes_invalid_utf8_bytes),
		cmocka_unit_test(test_text_quote_keeps_40_characters),
		cmocka_unit_test(test_text_quote_cuts_longer_values_with_dots),
		cmocka_unit_test(test_text_quote_cuts_cyrillic_by_characters),
		cmocka_unit_test(test_text_quote_never_cuts_a_multibyte_character),
		cmocka_unit_test(test_text_quote_cut_by_small_buffer_still_ends_with_dots),
	};
	return cmocka_run_group_tests_name("core/text", tests, NULL, NULL);
}
