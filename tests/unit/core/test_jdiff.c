/* The JSON diff: members changed, added and removed by path; arrays
 * aligned so that one entry removed or added is named alone; the earlier
 * version in another form through a view that sees the earlier place; a
 * failure from the caller ends the diff. */
#include "testutil.h"

#include "core/buf.h"
#include "core/jdiff.h"

/* The changes as "path kind" lines. */
static pl_rc collect(void *ctx, const char *path, jdiff_kind kind, pl_err *err)
{
	buf *out = ctx;
	if(buf_printf(out, "%s %s\n", *path ? path : "(all)", jdiff_kind_name(kind)))
		return pl_nomem(err);
	return PL_OK;
}

static void expect_changes(const char *was, const char *now, const char *want)
{
	json_t *a = json_loads(was, JSON_DECODE_ANY, NULL);
	json_t *b = json_loads(now, JSON_DECODE_ANY, NULL);
	assert_non_null(a);
	assert_non_null(b);
	buf out;
	buf_init(&out, 0);
	jdiff_ops ops = {NULL, collect, &out};
	pl_err err = {0};
	assert_ok(jdiff(a, b, &ops, &err), &err);
	assert_string_equal(buf_str(&out), want);
	buf_free(&out);
	json_decref(a);
	json_decref(b);
}

static void test_objects(void **state)
{
	(void)state;
	expect_changes("{\"a\": 1, \"b\": {\"c\": \"x\", \"d\": [1]}}",
	               "{\"a\": 1, \"b\": {\"c\": \"x\", \"d\": [1]}}", "");
	expect_changes("{\"a\": 1, \"b\": {\"c\": \"x\"}, \"gone\": true}",
	               "{\"a\": 2, \"b\": {\"c\": \"y\"}, \"new\": null}",
	               "a changed\nb.c changed\nnew added\ngone removed\n");
	expect_changes("{\"names\": {\"ім'я\": 1}}", "{\"names\": {\"ім'я\": 2}}", "names[\"ім'я\"] changed\n");
	expect_changes("{\"a\": 1}", "[1]", "(all) changed\n");
	expect_changes("{\"a\": {\"b\": 1}}", "{\"a\": [1]}", "a changed\n");
}

static void test_arrays_are_aligned(void **state)
{
	(void)state;
	static const char was[] = "{\"entries\": [{\"n\": \"A\", \"b\": 1}, {\"n\": \"B\", \"b\": 2}, "
	                          "{\"n\": \"C\", \"b\": 3}, {\"n\": \"D\", \"b\": 4}]}";
	/* One removed from the middle: not three changed. */
	expect_changes(was, "{\"entries\": [{\"n\": \"A\", \"b\": 1}, {\"n\": \"C\", \"b\": 3}, "
	                    "{\"n\": \"D\", \"b\": 4}]}",
	               "entries[1] removed\n");
	/* One added: numbered as it is now. */
	expect_changes(was, "{\"entries\": [{\"n\": \"A\", \"b\": 1}, {\"n\": \"B\", \"b\": 2}, "
	                    "{\"n\": \"X\", \"b\": 9}, {\"n\": \"C\", \"b\": 3}, {\"n\": \"D\", \"b\": 4}]}",
	               "entries[2] added\n");
	/* One removed and a later one changed inside: the change is named
	 * where the entry is now. */
	expect_changes(was, "{\"entries\": [{\"n\": \"B\", \"b\": 2}, {\"n\": \"C\", \"b\": 3}, "
	                    "{\"n\": \"D\", \"b\": 5}]}",
	               "entries[0] removed\nentries[2].b changed\n");
	expect_changes("[1, 2, 3]", "[1, 2, 3, 4, 5]", "[3] added\n[4] added\n");
	expect_changes("[1, 2, 3]", "[]", "[0] removed\n[1] removed\n[2] removed\n");
}

/* Beyond the alignment table's size, position by position. */
static void test_large_arrays_by_position(void **state)
{
	(void)state;
	json_t *a = json_array(), *b = json_array();
	for(int i = 0; i < 100; i++) {
		json_array_append_new(a, json_integer(i));
		if(i != 1)
			json_array_append_new(b, json_integer(i));
	}
	json_array_set_new(b, 98, json_integer(-1));
	buf out;
	buf_init(&out, 0);
	jdiff_ops ops = {NULL, collect, &out};
	pl_err err = {0};
	assert_ok(jdiff(a, b, &ops, &err), &err);
	assert_true(strncmp(buf_str(&out), "[1] changed\n[2] changed\n", 24) == 0);
	assert_non_null(strstr(buf_str(&out), "[98] changed\n[99] removed\n"));
	buf_free(&out);
	json_decref(a);
	json_decref(b);
}

/* The earlier version keeps "place:value" for each leaf, as a signed
 * document keeps a digest over the leaf's place. */
static json_t *at_place(void *ctx, const char *was_path, const json_t *now)
{
	(void)ctx;
	if(json_is_array(now)) {
		json_t *out = json_array();
		for(size_t i = 0; i < json_array_size(now); i++) {
			char p[64];
			snprintf(p, sizeof(p), "%s[%zu]", was_path, i);
			json_array_append_new(out, at_place(ctx, p, json_array_get(now, i)));
		}
		return out;
	}
	return json_sprintf("%s:%s", was_path, json_string_value(now));
}

static void test_view_sees_the_earlier_place(void **state)
{
	(void)state;
	json_t *was = json_pack("[s, s, s, s]", "[0]:a", "[1]:b", "[2]:c", "[3]:d");
	json_t *now = json_pack("[s, s, s]", "a", "c", "x");
	buf out;
	buf_init(&out, 0);
	jdiff_ops ops = {at_place, collect, &out};
	pl_err err = {0};
	assert_ok(jdiff(was, now, &ops, &err), &err);
	/* c moved up one place and is the same; d, now x at [2], changed. */
	assert_string_equal(buf_str(&out), "[1] removed\n[2] changed\n");
	buf_free(&out);
	json_decref(was);
	json_decref(now);
}

static pl_rc refuse(void *ctx, const char *path, jdiff_kind kind, pl_err *err)
{
	int *calls = ctx;
	++*calls;
	return pl_fail(err, PL_ELIMIT, "enough at %s (%s)", path, jdiff_kind_name(kind));
}

static void test_caller_failure_ends_the_diff(void **state)
{
	(void)state;
	json_t *a = json_pack("{s:i, s:i}", "x", 1, "y", 2);
	json_t *b = json_pack("{s:i, s:i}", "x", 3, "y", 4);
	int calls = 0;
	jdiff_ops ops = {NULL, refuse, &calls};
	pl_err err = {0};
	assert_int_equal(jdiff(a, b, &ops, &err), PL_ELIMIT);
	assert_int_equal(calls, 1);
	assert_string_equal(err.msg, "enough at x (changed)");
	json_decref(a);
	json_decref(b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_objects),
		cmocka_unit_test(test_arrays_are_aligned),
		cmocka_unit_test(test_large_arrays_by_position),
		cmocka_unit_test(test_view_sees_the_earlier_place),
		cmocka_unit_test(test_caller_failure_ends_the_diff),
	};
	return cmocka_run_group_tests_name("core/jdiff", tests, NULL, NULL);
}
