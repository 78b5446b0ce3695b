/* String similarity: Jaro-Winkler against the published examples of
 * Winkler (1990) and the values every implementation agrees on; optimal
 * string alignment distance; single transpositions. */
#include "testutil.h"

#include <math.h>

#include "match/match.h"

static double jw(const char *a, const char *b)
{
	return match_jaro_winkler(a, strlen(a), b, strlen(b));
}

enum { REF_MAX = 64 };

/* The optimal string alignment distance, or max + 1 if it is more than
 * max, by the whole table: the reference match_one_edit is held to. */
static int damerau(const char *a, size_t alen, const char *b, size_t blen, int max)
{
	if(alen > blen ? alen - blen > (size_t)max : blen - alen > (size_t)max)
		return max + 1;
	if(alen > REF_MAX || blen > REF_MAX)
		return alen == blen && !memcmp(a, b, alen) ? 0 : max + 1;
	/* Three rows of the optimal string alignment table. */
	int rows[3][REF_MAX + 1];
	int *prev2 = rows[0], *prev = rows[1], *cur = rows[2];
	for(size_t j = 0; j <= blen; j++)
		prev[j] = (int)j;
	for(size_t i = 1; i <= alen; i++) {
		cur[0] = (int)i;
		int best = cur[0];
		for(size_t j = 1; j <= blen; j++) {
			int cost = a[i - 1] != b[j - 1];
			int d = prev[j] + 1;
			if(cur[j - 1] + 1 < d)
				d = cur[j - 1] + 1;
			if(prev[j - 1] + cost < d)
				d = prev[j - 1] + cost;
			if(i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] &&
			   prev2[j - 2] + 1 < d)
				d = prev2[j - 2] + 1;
			cur[j] = d;
			if(d < best)
				best = d;
		}
		if(best > max)
			return max + 1;
		int *t = prev2;
		prev2 = prev;
		prev = cur;
		cur = t;
	}
	return prev[blen] > max ? max + 1 : prev[blen];
}

static int osa(const char *a, const char *b, int max)
{
	return damerau(a, strlen(a), b, strlen(b), max);
}

static void test_jaro_winkler_published_values(void **state)
{
	(void)state;
	static const struct {
		const char *a, *b;
		double want;
	} cases[] = {
		{"martha", "marhta", 0.961}, {"dwayne", "duane", 0.840}, {"dixon", "dicksonx", 0.813},
		{"jones", "johnson", 0.832}, {"abcvwxyz", "cabvwxyz", 0.9375} /* transpositions halved, not floored */, {"shackleford", "shackelford", 0.982},
		{"dunningham", "cunnigham", 0.896}, {"nichleson", "nichulson", 0.956},
		{"massey", "massie", 0.933}, {"hardin", "martinez", 0.722}, {"itman", "smith", 0.467},
	};
	report rep = {0};
	for(size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		double got = jw(cases[i].a, cases[i].b);
		if(fabs(got - cases[i].want) > 0.0015)
			report_add(&rep, "%s/%s: %.4f, expected %.3f\n", cases[i].a, cases[i].b, got, cases[i].want);
		if(fabs(got - jw(cases[i].b, cases[i].a)) > 1e-12)
			report_add(&rep, "%s/%s: not symmetric\n", cases[i].a, cases[i].b);
	}
	report_check(&rep, (int)(sizeof(cases) / sizeof(cases[0])));
}

static void test_jaro_winkler_edges(void **state)
{
	(void)state;
	assert_true(jw("same", "same") == 1.0);
	assert_true(jw("", "") == 1.0);
	assert_true(jw("a", "") == 0.0);
	assert_true(jw("abc", "xyz") == 0.0);
	/* Longer than 64 bytes: compared on the first 64, no overflow. */
	char a[200], b[200];
	memset(a, 'k', sizeof(a) - 1);
	a[199] = '\0';
	memcpy(b, a, sizeof(b));
	b[150] = 'z';
	assert_true(jw(a, b) == 1.0);
}

static void test_osa_distance(void **state)
{
	(void)state;
	assert_int_equal(osa("kitten", "sitting", 5), 3);
	assert_int_equal(osa("ca", "ac", 3), 1);     /* one transposition */
	assert_int_equal(osa("ca", "abc", 5), 3);    /* OSA, not full Damerau (2) */
	assert_int_equal(osa("4066625", "4066652", 3), 1);
	assert_int_equal(osa("", "abc", 5), 3);
	assert_int_equal(osa("abc", "abc", 0), 0);
	/* Past max: max + 1, early. */
	assert_int_equal(osa("abcdef", "uvwxyz", 2), 3);
	assert_int_equal(osa("a", "abcdef", 2), 3);
}

/* match_near: what blocking takes for close enough. */
static void test_near(void **state)
{
	(void)state;
	assert_true(match_near("19800101", "19800102"));  /* one edit */
	assert_true(match_near("19800101", "19800130"));  /* the same month */
	assert_true(match_near("19840000", "19840825"));  /* known to the year */
	assert_true(match_near("19840825", "19840000"));
	assert_true(match_near("19851008", "19850810"));  /* day and month exchanged */
	assert_true(match_near("kovalenko", "kovalenok")); /* exchanged letters */
	assert_true(match_near("oleksandrovic", "oleksandrovna")); /* the stem */
	assert_false(match_near("19800101", "19811231"));
	assert_true(match_near("19850101", "19860101"));
	assert_false(match_near("19851231", "19860101"));
	assert_false(match_near("blkn", "hmc"));
	assert_false(match_near("vsl", "vktr"));
	assert_false(match_near("abcd", "abxy")); /* half the stem is not enough */
	assert_false(match_near(NULL, "x"));
	assert_false(match_near("x", NULL));
	assert_true(match_near("1984", "19840825")); /* the year alone */
}

/* match_one_edit is damerau(.., 1) <= 1, on every pair of short
 * strings over a small alphabet (where edits are most likely). */
static void test_one_edit_is_osa_within_one(void **state)
{
	(void)state;
	char a[8], b[8];
	unsigned seed = 12345;
	size_t yes = 0;
	for(int n = 0; n < 200000; n++) {
		size_t la = (seed = seed * 1103515245u + 12345u) >> 16 & 3, lb = la;
		for(size_t k = 0; k < 7; k++)
			a[k] = (char)('0' + ((seed = seed * 1103515245u + 12345u) >> 16) % 3);
		memcpy(b, a, sizeof(a));
		int op = (int)((seed = seed * 1103515245u + 12345u) >> 16) % 4;
		size_t at = ((seed = seed * 1103515245u + 12345u) >> 16) % 4;
		if(op == 0)
			b[at] = (char)('0' + ((seed = seed * 1103515245u + 12345u) >> 16) % 3);
		else if(op == 1 && la < 4)
			lb = la + 1;
		else if(op == 2 && la > 0)
			lb = la - 1;
		else
			b[(at + 1) % 4] = a[at], b[at] = a[(at + 1) % 4];
		la += 2, lb += 1; /* lengths 1-6 and 2-6 */
		if(la > 6)
			la = 6;
		a[la] = b[lb] = '\0';
		bool osa = damerau(a, la, b, lb, 1) <= 1;
		assert_int_equal(match_one_edit(a, la, b, lb), osa);
		assert_int_equal(match_one_edit(b, lb, a, la), osa);
		yes += osa;
	}
	assert_true(yes > 1000 && yes < 199000); /* both answers were asked for */
	assert_true(match_one_edit("19900312", 8, "19900313", 8));
	assert_true(match_one_edit("19900312", 8, "19903012", 8));
	assert_false(match_one_edit("19900312", 8, "19901203", 8));
	assert_true(match_one_edit("1234567", 7, "123567", 6));
	assert_false(match_one_edit("1234567", 7, "12567", 5));
}

static void test_one_transposition(void **state)
{
	(void)state;
	assert_true(match_one_transposition("1234", 4, "1324", 4));
	assert_true(match_one_transposition("1234", 4, "2134", 4));
	assert_true(match_one_transposition("1234", 4, "1243", 4));
	assert_false(match_one_transposition("1234", 4, "1234", 4));
	assert_false(match_one_transposition("1234", 4, "4231", 4));
	assert_false(match_one_transposition("1234", 4, "2143", 4));
	assert_false(match_one_transposition("1234", 4, "123", 3));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_jaro_winkler_published_values),
		cmocka_unit_test(test_jaro_winkler_edges),
		cmocka_unit_test(test_osa_distance),
		cmocka_unit_test(test_one_transposition),
		cmocka_unit_test(test_one_edit_is_osa_within_one),
		cmocka_unit_test(test_near),
	};
	return cmocka_run_group_tests_name("match/strcmp", tests, NULL, NULL);
}
