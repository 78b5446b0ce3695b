/* RFC 8785 canonical JSON: the RFC's own examples (its number table, the
 * sorting of names by UTF-16 code units, the escapes), idempotence, the
 * values it refuses with their place, the SHA-256 helper and the form
 * for people. Paths are core/json.h's (tests/unit/core/test_json.c). */
#include "testutil.h"

#include <math.h>

#include "sign/jcs.h"

static double from_bits(uint64_t u)
{
	double d;
	memcpy(&d, &u, sizeof(d));
	return d;
}

/* RFC 8785, Appendix B: IEEE 754 bit patterns and their ECMAScript text. */
static void test_rfc8785_number_table(void **state)
{
	(void)state;
	static const struct {
		uint64_t bits;
		const char *text; /* NULL: refused */
	} table[] = {
		{0x0000000000000000, "0"},
		{0x8000000000000000, "0"},
		{0x0000000000000001, "5e-324"},
		{0x8000000000000001, "-5e-324"},
		{0x7fefffffffffffff, "1.7976931348623157e+308"},
		{0xffefffffffffffff, "-1.7976931348623157e+308"},
		{0x4340000000000000, "9007199254740992"},
		{0xc340000000000000, "-9007199254740992"},
		{0x4430000000000000, "295147905179352830000"},
		{0x7fffffffffffffff, NULL},
		{0x7ff0000000000000, NULL},
		{0x44b52d02c7e14af5, "9.999999999999997e+22"},
		{0x44b52d02c7e14af6, "1e+23"},
		{0x44b52d02c7e14af7, "1.0000000000000001e+23"},
		{0x444b1ae4d6e2ef4e, "999999999999999700000"},
		{0x444b1ae4d6e2ef4f, "999999999999999900000"},
		{0x444b1ae4d6e2ef50, "1e+21"},
		{0x3eb0c6f7a0b5ed8c, "9.999999999999997e-7"},
		{0x3eb0c6f7a0b5ed8d, "0.000001"},
		{0x41b3de4355555553, "333333333.3333332"},
		{0x41b3de4355555554, "333333333.33333325"},
		{0x41b3de4355555555, "333333333.3333333"},
		{0x41b3de4355555556, "333333333.3333334"},
		{0x41b3de4355555557, "333333333.33333343"},
		{0xbecbf647612f3696, "-0.0000033333333333333333"},
		{0x43143ff3c1cb0959, "1424953923781206.2"},
	};
	size_t n = sizeof(table) / sizeof(table[0]);
	report rep = {0};
	for(size_t i = 0; i < n; i++) {
		char out[JCS_NUMBER_MAX];
		bool ok = jcs_number(from_bits(table[i].bits), out);
		if(ok != (table[i].text != NULL) || (ok && strcmp(out, table[i].text)))
			report_add(&rep, "%016llx: got '%s', expected '%s'\n", (unsigned long long)table[i].bits,
			           ok ? out : "(refused)", table[i].text ? table[i].text : "(refused)");
	}
	report_check(&rep, (int)n);
}

static void test_numbers_around_the_notation_switches(void **state)
{
	(void)state;
	static const struct {
		double d;
		const char *text;
	} table[] = {
		{1e21, "1e+21"},     {1e20, "100000000000000000000"},
		{1e-6, "0.000001"},  {1e-7, "1e-7"},
		{1.5e-7, "1.5e-7"},  {123e-20, "1.23e-18"},
		{0.1, "0.1"},        {0.3, "0.3"},
		{0.1 + 0.2, "0.30000000000000004"},
		{-1.5, "-1.5"},      {100, "100"},
		{4.5, "4.5"},        {2e-3, "0.002"},
		{1e30, "1e+30"},     {5e-324, "5e-324"},
	};
	size_t n = sizeof(table) / sizeof(table[0]);
	report rep = {0};
	for(size_t i = 0; i < n; i++) {
		char out[JCS_NUMBER_MAX];
		if(!jcs_number(table[i].d, out) || strcmp(out, table[i].text))
			report_add(&rep, "%.17g: got '%s', expected '%s'\n", table[i].d, out, table[i].text);
	}
	report_check(&rep, (int)n);
	char out[JCS_NUMBER_MAX];
	assert_false(jcs_number(NAN, out));
	assert_false(jcs_number(-INFINITY, out));
}

/* Every printed number reads back to the same double. (That the digits
 * are also the fewest was checked against Python's repr on 1.7 million
 * doubles when this was written.) */
static void test_numbers_read_back(void **state)
{
	(void)state;
	uint64_t x = 0x9e3779b97f4a7c15u;
	report rep = {0};
	int n = 20000;
	for(int i = 0; i < n; i++) {
		x ^= x << 13;
		x ^= x >> 7;
		x ^= x << 17;
		double d = from_bits(x);
		char out[JCS_NUMBER_MAX];
		if(!isfinite(d))
			continue;
		if(!jcs_number(d, out) || strtod(out, NULL) != d)
			report_add(&rep, "%016llx: '%s' does not read back\n", (unsigned long long)x, out);
	}
	report_check(&rep, n);
}

static char *canon(const char *json, pl_rc *rc, pl_err *err)
{
	json_error_t je;
	json_t *v = json_loads(json, JSON_DECODE_ANY | JSON_ALLOW_NUL, &je);
	if(!v)
		fail_msg("test input does not parse: %s: %s", json, je.text);
	buf b;
	buf_init(&b, 0);
	*rc = jcs_write(v, &b, err);
	json_decref(v);
	char *s = strdup(buf_str(&b));
	buf_free(&b);
	return s;
}

static void expect_canon(const char *json, const char *want)
{
	pl_err err = {0};
	pl_rc rc;
	char *got = canon(json, &rc, &err);
	if(rc || strcmp(got, want)) {
		char msg[2048];
		snprintf(msg, sizeof(msg), "%s\n  got  %s\n  want %s\n  (%s)", json, got, want, err.msg);
		free(got);
		fail_msg("%s", msg);
	}
	free(got);
}

/* RFC 8785, section 3.2.3: names sorted by UTF-16 code units, where
 * U+1F600 (a surrogate pair, D83D DE00) sorts before U+FB33. */
static void test_rfc8785_sorting(void **state)
{
	(void)state;
	expect_canon("{\"\\u20ac\": \"Euro Sign\", \"\\r\": \"Carriage Return\","
	             " \"\\ufb33\": \"Hebrew Letter Dalet With Dagesh\", \"1\": \"One\","
	             " \"\\ud83d\\ude00\": \"Emoji: Grinning Face\", \"\\u0080\": \"Control\","
	             " \"\\u00f6\": \"Latin Small Letter O With Diaeresis\"}",
	             "{\"\\r\":\"Carriage Return\",\"1\":\"One\",\"\xc2\x80\":\"Control\","
	             "\"\xc3\xb6\":\"Latin Small Letter O With Diaeresis\",\"\xe2\x82\xac\":\"Euro Sign\","
	             "\"\xf0\x9f\x98\x80\":\"Emoji: Grinning Face\","
	             "\"\xef\xac\xb3\":\"Hebrew Letter Dalet With Dagesh\"}");
	/* Byte order would put U+FB33 (EF AC B3) before U+1F600 (F0 ...). */
	expect_canon("{\"\\ud83d\\ude00\": 1, \"\\uffff\": 2, \"\\ue000\": 3}",
	             "{\"\xf0\x9f\x98\x80\":1,\"\xee\x80\x80\":3,\"\xef\xbf\xbf\":2}");
	/* A prefix sorts first; nested objects are sorted too. */
	expect_canon("{\"ab\": {\"z\": 1, \"a\": [3, {\"y\": 0, \"x\": 0}]}, \"a\": null}",
	             "{\"a\":null,\"ab\":{\"a\":[3,{\"x\":0,\"y\":0}],\"z\":1}}");
}

/* RFC 8785, section 3.2.2: the example of whitespace, numbers, strings. */
static void test_rfc8785_example(void **state)
{
	(void)state;
	expect_canon("{\n  \"numbers\": [333333333.33333329, 1E30, 4.50,\n"
	             "              2e-3, 0.000000000000000000000000001],\n"
	             "  \"string\": \"\\u20ac$\\u000F\\u000aA'\\u0042\\u0022\\u005c\\\\\\\"\\/\",\n"
	             "  \"literals\": [null, true, false]\n}",
	             "{\"literals\":[null,true,false],\"numbers\":[333333333.3333333,1e+30,4.5,0.002,"
	             "1e-27],\"string\":\"\xe2\x82\xac$\\u000f\\nA'B\\\"\\\\\\\\\\\"/\"}");
}

static void test_string_escapes(void **state)
{
	(void)state;
	expect_canon("\"\\b\\f\\n\\r\\t\\u0001\\u001f\\u007f \\u2028 /\"",
	             "\"\\b\\f\\n\\r\\t\\u0001\\u001f\x7f \xe2\x80\xa8 /\"");
	expect_canon("\"a\\u0000b\"", "\"a\\u0000b\"");
	expect_canon("\"\\u00e9\\u0416\"", "\"\xc3\xa9\xd0\x96\"");
	expect_canon("[1, -0, 1.0, -2.50, 1e2, 12345678901234]", "[1,0,1,-2.5,100,12345678901234]");
}

static void test_canonical_form_is_idempotent(void **state)
{
	(void)state;
	static const char *const docs[] = {
		"{\"b\": [1.5, \"x\", {\"\\u00f6\": true, \"o\": false}], \"a\": {}, \"\": []}",
		"{\"entries\": [{\"person\": {\"surname\": \"Шевченко\", \"birth_date\": \"1999-04\"}}],"
		" \"remains\": [{\"count\": 12}], \"ratio\": 0.1}",
		"[1e21, 1e-7, 123456789012, -0.0, \"\\ud83d\\ude00\"]",
	};
	for(size_t i = 0; i < sizeof(docs) / sizeof(docs[0]); i++) {
		pl_err err = {0};
		pl_rc rc;
		char *once = canon(docs[i], &rc, &err);
		assert_int_equal(rc, PL_OK);
		char *twice = canon(once, &rc, &err);
		assert_int_equal(rc, PL_OK);
		assert_string_equal(once, twice);
		free(once);
		free(twice);
	}
}

static void test_refusals_say_where(void **state)
{
	(void)state;
	pl_err err = {0};
	pl_rc rc;
	char *s = canon("{\"entries\": [{}, {\"count\": 9007199254740993}]}", &rc, &err);
	free(s);
	assert_int_equal(rc, PL_EINPUT);
	assert_contains(err.msg, "at entries[1].count: the integer 9007199254740993 is beyond 2^53");
	s = canon("[9007199254740992, -9007199254740992]", &rc, &err);
	assert_int_equal(rc, PL_OK);
	assert_string_equal(s, "[9007199254740992,-9007199254740992]");
	free(s);

	json_t *v = json_pack("{s:[s]}", "names", "ok");
	json_array_append_new(json_object_get(v, "names"), json_stringn_nocheck("\xff", 1));
	buf b;
	buf_init(&b, 0);
	assert_int_equal(jcs_write(v, &b, &err), PL_EINPUT);
	assert_contains(err.msg, "at names[1]: a string is not valid UTF-8");
	json_decref(v);

	/* Deeper than jansson would ever parse. */
	json_t *top = json_array(), *cur = top;
	for(int i = 0; i < JCS_DEPTH_MAX + 5; i++) {
		json_t *next = json_array();
		json_array_append_new(cur, next);
		cur = next;
	}
	buf_reset(&b);
	assert_int_equal(jcs_write(top, &b, &err), PL_ELIMIT);
	assert_contains(err.msg, "nested deeper than 2048 levels");
	json_decref(top);
	buf_free(&b);
}

static void test_sha256_of_canonical_bytes(void **state)
{
	(void)state;
	json_t *v = json_loads("{ \"b\" : 2, \"a\" : 1 }", 0, NULL);
	char hex[JCS_SHA256_HEX];
	pl_err err = {0};
	assert_ok(jcs_sha256_hex(v, hex, &err), &err);
	unsigned char h[32];
	crypto_hash_sha256(h, (const unsigned char *)"{\"a\":1,\"b\":2}", 13);
	char want[65];
	sodium_bin2hex(want, sizeof(want), h, sizeof(h));
	assert_string_equal(hex, want);
	json_decref(v);
	v = json_object();
	assert_ok(jcs_sha256_hex(v, hex, &err), &err);
	assert_string_equal(hex, "44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a");
	json_decref(v);
}

/* The form for people: given order, indented, canonical numbers; large
 * integral doubles in exponent form, so that jansson reads them back as
 * the same doubles rather than as integers (or not at all). */
static void test_indented_form(void **state)
{
	(void)state;
	json_t *v = json_loads("{\"z\": [1, 0.1, {}, []], \"a\": {\"k\": \"\\u00e9\\n\"}}", 0, NULL);
	buf b;
	buf_init(&b, 0);
	pl_err err = {0};
	assert_ok(jcs_write_indented(v, &b, &err), &err);
	assert_string_equal(buf_str(&b), "{\n  \"z\": [\n    1,\n    0.1,\n    {},\n    []\n  ],\n"
	                                 "  \"a\": {\n    \"k\": \"\xc3\xa9\\n\"\n  }\n}\n");
	json_decref(v);
	v = json_pack("[f, f, f, f, f]", 1e20, -1.5e300, 9007199254740992.0, 12345678901234567e10, 1e16 + 2);
	buf_reset(&b);
	assert_ok(jcs_write_indented(v, &b, &err), &err);
	assert_string_equal(buf_str(&b), "[\n  1e+20,\n  -1.5e+300,\n  9007199254740992,\n"
	                                 "  1.2345678901234568e+26,\n  1.0000000000000002e+16\n]\n");
	json_t *back = json_loads(buf_str(&b), 0, NULL);
	assert_non_null(back);
	char h1[JCS_SHA256_HEX], h2[JCS_SHA256_HEX];
	assert_ok(jcs_sha256_hex(v, h1, &err), &err);
	assert_ok(jcs_sha256_hex(back, h2, &err), &err);
	assert_string_equal(h1, h2);
	json_decref(back);
	json_decref(v);
	buf_free(&b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_rfc8785_number_table),
		cmocka_unit_test(test_numbers_around_the_notation_switches),
		cmocka_unit_test(test_numbers_read_back),
		cmocka_unit_test(test_rfc8785_sorting),
		cmocka_unit_test(test_rfc8785_example),
		cmocka_unit_test(test_string_escapes),
		cmocka_unit_test(test_canonical_form_is_idempotent),
		cmocka_unit_test(test_refusals_say_where),
		cmocka_unit_test(test_sha256_of_canonical_bytes),
		cmocka_unit_test(test_indented_form),
	};
	return cmocka_run_group_tests_name("sign/jcs", tests, NULL, NULL);
}
