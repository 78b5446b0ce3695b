/* The learned Ukrainian-Russian name comparator (namedist.c): the costs
 * learned from the dictionary (known pairs cheap, typos a whole edit), the
 * weighted distance, the given names' groups, the levels they give, and
 * the split that keeps half the dictionary out of training. */
#include "testutil.h"

#include <stdio.h>

#include "core/buf.h"
#include "core/csv.h"
#include "match/match.h"
#include "match/person.h"
#include "names/names.h"

static int dist(const char *a, const char *b)
{
	return match_name_distance(a, strlen(a), b, strlen(b), 10 * MATCH_EDIT);
}

static void test_costs_learned(void **state)
{
	(void)state;
	/* What Ukrainian and Russian change (і/е/о, ф/п in Пилип/Филипп, ч/щ,
	 * г/х) costs less than an edit; what they never change costs one. */
	assert_true(match_name_sub_cost('i', 'e') < MATCH_EDIT);
	assert_true(match_name_sub_cost('i', 'o') < MATCH_EDIT);
	assert_true(match_name_sub_cost('f', 'p') < MATCH_EDIT / 2);
	assert_true(match_name_sub_cost('h', 'f') < MATCH_EDIT);
	assert_true(match_name_indel_cost('i') < MATCH_EDIT);
	assert_int_equal(match_name_sub_cost('b', 'k'), MATCH_EDIT);
	assert_int_equal(match_name_sub_cost('m', 'r'), MATCH_EDIT);
	assert_int_equal(match_name_indel_cost('t'), MATCH_EDIT);
	/* a table of costs: none below the floor, symmetric, 0 for a letter itself */
	for(char x = 'a'; x <= 'z'; x++) {
		assert_int_equal(match_name_sub_cost(x, x), 0);
		assert_true(match_name_indel_cost(x) >= 20 && match_name_indel_cost(x) <= MATCH_EDIT);
		for(char y = 'a'; y <= 'z'; y++) {
			assert_int_equal(match_name_sub_cost(x, y), match_name_sub_cost(y, x));
			if(x != y)
				assert_true(match_name_sub_cost(x, y) >= 20 && match_name_sub_cost(x, y) <= MATCH_EDIT);
		}
	}
}

static void test_distance(void **state)
{
	(void)state;
	assert_int_equal(dist("shevcenko", "shevcenko"), 0);
	/* Білокінь/Белоконь: і for е, і for о */
	assert_int_equal(dist("bilokin", "belokon"), match_name_sub_cost('i', 'e') + match_name_sub_cost('i', 'o'));
	assert_int_equal(dist("pilip", "filip"), match_name_sub_cost('p', 'f'));
	/* a typo: one letter for another, dropped, two exchanged: one edit */
	assert_int_equal(dist("tkacenko", "tkbcenko"), MATCH_EDIT);
	assert_int_equal(dist("tkacenko", "tacenko"), MATCH_EDIT);
	assert_int_equal(dist("tkacenko", "ktacenko"), MATCH_EDIT);
	assert_int_equal(dist("", "tkb"), 3 * MATCH_EDIT);
	/* beyond max: max + 1, whatever the rest */
	assert_int_equal(match_name_distance("shevcenko", 9, "bondarenko", 10, 2 * MATCH_EDIT), 2 * MATCH_EDIT + 1);
	assert_true(dist("kovalenko", "kovalcuk") > 2 * MATCH_EDIT);
	/* symmetric, like its costs */
	assert_int_equal(dist("pidhorska", "podhorskaia"), dist("podhorskaia", "pidhorska"));
}

/* The whole table, no band, no early stop: what the distance must equal. */
static int reference(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b);
	static int d[40][40];
	for(size_t i = 0; i <= la; i++)
		for(size_t j = 0; j <= lb; j++) {
			int v = i || j ? 1 << 20 : 0;
			if(i && d[i - 1][j] + match_name_indel_cost(a[i - 1]) < v)
				v = d[i - 1][j] + match_name_indel_cost(a[i - 1]);
			if(j && d[i][j - 1] + match_name_indel_cost(b[j - 1]) < v)
				v = d[i][j - 1] + match_name_indel_cost(b[j - 1]);
			if(i && j && d[i - 1][j - 1] + match_name_sub_cost(a[i - 1], b[j - 1]) < v)
				v = d[i - 1][j - 1] + match_name_sub_cost(a[i - 1], b[j - 1]);
			if(i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] && a[i - 1] != a[i - 2] &&
			   d[i - 2][j - 2] + MATCH_EDIT < v)
				v = d[i - 2][j - 2] + MATCH_EDIT;
			d[i][j] = v;
		}
	return d[la][lb];
}

/* The banded, early-stopping distance against the whole table, on random
 * strings of the letters whose costs were learned and others, each bound. */
static void test_distance_against_whole_table(void **state)
{
	(void)state;
	static const char letters[] = "aeiokcqhfps nbt";
	static const int bounds[] = {0, 50, 100, 150, 200, 300, 1000};
	uint64_t x = 7;
	char a[16], b[16];
	for(int t = 0; t < 20000; t++) {
		char *s[2] = {a, b};
		for(int k = 0; k < 2; k++) {
			x = x * 6364136223846793005ull + 1442695040888963407ull;
			size_t n = (x >> 33) % 12;
			for(size_t i = 0; i < n; i++) {
				x = x * 6364136223846793005ull + 1442695040888963407ull;
				s[k][i] = letters[(x >> 33) % (sizeof(letters) - 1)];
			}
			s[k][n] = '\0';
		}
		if(t % 2) /* half of them close: b is a with one letter changed */
			memcpy(b, a, sizeof(a)), b[0] = b[0] ? 'e' : '\0';
		int want = reference(a, b);
		for(size_t m = 0; m < sizeof(bounds) / sizeof(bounds[0]); m++) {
			int got = match_name_distance(a, strlen(a), b, strlen(b), bounds[m]);
			if(got != (want > bounds[m] ? bounds[m] + 1 : want))
				fail_msg("'%s' '%s' within %d: %d, the whole table %d", a, b, bounds[m], got, want);
		}
	}
}

static const char *key(const char *word, char *out)
{
	buf k;
	buf_init(&k, 0);
	assert_int_equal(names_word_key(word, &k), PL_OK);
	snprintf(out, 64, "%s", buf_str(&k));
	buf_free(&k);
	return out;
}

static void test_diminutives(void **state)
{
	(void)state;
	char a[64], b[64];
	assert_true(match_ndiminutives > 100);
	assert_true(match_diminutive_of(key("Сашко", a), key("Олександр", b)));
	assert_true(match_diminutive_of(key("Саша", a), key("Александр", b)));
	assert_true(match_diminutive_of(key("Сашко", a), key("Шура", b)));
	assert_true(match_diminutive_of(key("Alyosha", a), key("Олексій", b)));
	assert_true(match_diminutive_of(key("Ваня", a), key("Іван", b)));
	assert_true(match_diminutive_of(key("Митя", a), key("Дмитро", b)));
	/* Слава is in more than one group */
	assert_true(match_diminutive_of(key("Слава", a), key("Ярослав", b)));
	assert_true(match_diminutive_of(key("Слава", a), key("Вячеслав", b)));
	assert_false(match_diminutive_of(key("Ярослав", a), key("Вячеслав", b)));
	assert_false(match_diminutive_of(key("Сашко", a), key("Іван", b)));
	assert_false(match_diminutive_of(key("Іван", a), key("Іван", b))); /* the same: "exact" */
	assert_false(match_diminutive_of(NULL, key("Іван", b)));
	/* every key is found through the hash slots, with each of its group */
	size_t found = 0;
	for(size_t i = 0; i < match_ndiminutives; i++)
		for(size_t j = 0; j < match_ndiminutives; j++)
			if(match_diminutives[j].group == match_diminutives[i].group &&
			   strcmp(match_diminutives[j].key, match_diminutives[i].key)) {
				assert_true(match_diminutive_of(match_diminutives[i].key, match_diminutives[j].key));
				found++;
			}
	assert_true(found > match_ndiminutives);
	/* sorted, as the lookup needs */
	for(size_t i = 1; i < match_ndiminutives; i++)
		assert_true(strcmp(match_diminutives[i - 1].key, match_diminutives[i].key) <= 0);
}

enum { K, EQ, SK, OTHER, NCOLS };
static const match_comparison name_cmp = {"given", MATCH_NAME, K, EQ, OTHER, false, -1, SK};
static const match_spec name_spec = {&name_cmp, 1, NULL, 0};

static const char *level(const char *x, const char *y)
{
	const char *vx[NCOLS] = {x, x, NULL, "aaa"}, *vy[NCOLS] = {y, y, NULL, "bbb"};
	char sx[64], sy[64];
	match_skeleton(x, sx, sizeof(sx));
	match_skeleton(y, sy, sizeof(sy));
	vx[SK] = sx;
	vy[SK] = sy;
	match_side a, b;
	match_side_init(&a, NCOLS);
	match_side_init(&b, NCOLS);
	assert_int_equal(match_side_add(&a, vx), PL_OK);
	assert_int_equal(match_side_add(&b, vy), PL_OK);
	uint8_t l;
	match_compare(&name_spec, &a, 0, &b, 0, &l);
	match_side_free(&a);
	match_side_free(&b);
	const char *const *lvl;
	match_levels(MATCH_NAME, &lvl);
	return lvl[l];
}

static void test_levels(void **state)
{
	(void)state;
	char a[64], b[64];
	assert_int_equal(match_levels(MATCH_NAME, NULL), 8);
	assert_string_equal(level("ivan", "ivan"), "exact");
	assert_string_equal(level(key("Сашко", a), key("Олександр", b)), "diminutive");
	assert_string_equal(level("bilokin", "belokon"), "learned<=2");
	assert_string_equal(level("pilip", "filip"), "learned<=1");
	assert_string_equal(level("shevcenko", "shevcenka"), "learned<=1");
	assert_string_equal(level("hrebeniuk", "hrebeniak"), "learned<=1");
	/* Chornovus/Chernous: more than two edits, the same skeleton */
	assert_string_equal(level(key("Чорновус", a), key("Черноус", b)), "learned<=2");
	assert_string_equal(level("kovalenko", "kovalcuk"), "else");
	assert_string_equal(level("shevcenko", "bondarenko"), "else");
	/* the prior m of each level: all known, adding to 1 */
	double sum = 0;
	for(int k = 0; k < 8; k++) {
		assert_true(match_prior_m(MATCH_NAME, k) > 0);
		sum += match_prior_m(MATCH_NAME, k);
	}
	assert_true(sum > 0.999 && sum < 1.001);
}

/* The held-out half: half the pairs, by the Ukrainian key's hash; the
 * training pairs the costs were learned from are exactly the rest. */
static void test_split(void **state)
{
	(void)state;
	size_t len;
	const char *text = names_dict_text(&len);
	FILE *f = fmemopen((void *)text, len, "r");
	assert_non_null(f);
	csv_reader *r;
	pl_err err = {0};
	assert_int_equal(csv_reader_open(&r, f, "uk_ru_names.csv", &err), PL_OK);
	size_t held = 0, all = 0, train_differ = 0;
	csv_record rec;
	bool eof;
	while(!csv_read(r, &rec, &eof, &err) && !eof) {
		if(rec.line == 1 || rec.nfields < 2)
			continue;
		char ku[64], kr[64];
		key(rec.fields[0], ku);
		key(rec.fields[1], kr);
		if(!*ku || !*kr || strlen(ku) >= 63 || strlen(kr) >= 63)
			continue;
		all++;
		bool out = match_name_held_out(ku, strlen(ku));
		assert_true(out == match_name_held_out(ku, strlen(ku))); /* fixed */
		held += out;
		train_differ += !out && strcmp(ku, kr);
	}
	csv_reader_close(r);
	fclose(f);
	assert_true(held > all * 4 / 10 && held < all * 6 / 10);
	/* the generator says how many training pairs it read: the same */
	const char *tests = getenv("PARLEY_TEST_DATA");
	assert_non_null(tests);
	char src[4096];
	snprintf(src, sizeof(src), "%s/../src/match/name_costs.c", tests);
	{
		FILE *g = fopen(src, "r");
		assert_non_null(g);
		char line[256];
		size_t said = 0;
		while(fgets(line, sizeof(line), g) && !said)
			if(strstr(line, "training pairs"))
				sscanf(strchr(line, '(') + 1, "%zu", &said);
		fclose(g);
		assert_int_equal(said, train_differ);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_costs_learned), cmocka_unit_test(test_distance),
		cmocka_unit_test(test_distance_against_whole_table),
		cmocka_unit_test(test_diminutives),  cmocka_unit_test(test_levels),
		cmocka_unit_test(test_split),
	};
	return cmocka_run_group_tests_name("match/namedist", tests, NULL, NULL);
}
