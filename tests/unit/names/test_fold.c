/* names_fold: NFKC + case folding, with a fast path for plain Latin and
 * Cyrillic that must give ICU's NFKC_Casefold result. */
#include "testutil.h"

#include <unicode/uclean.h>
#include <unicode/unorm2.h>
#include <unicode/ustring.h>

#include "core/buf.h"
#include "core/utf8.h"
#include "names/names.h"

/* Failures are collected and reported once, after everything is freed: a
 * failing test then shows every bad case, and cmocka's longjmp leaks
 * nothing for the sanitizer build to report. */
/* names_fold(s) into out (cleared first); its result code. */
static pl_rc fold(const char *s, buf *out)
{
	buf_reset(out);
	return names_fold(s, out);
}

/* ICU's NFKC_Casefold of valid UTF-8 s, as UTF-8 in out; false on error. */
static bool icu_fold(const char *s, char *out, size_t size)
{
	UErrorCode ec = U_ZERO_ERROR;
	const UNormalizer2 *n2 = unorm2_getNFKCCasefoldInstance(&ec);
	UChar in[256], norm[1024];
	int32_t len16 = 0, len8 = 0;
	u_strFromUTF8(in, 256, &len16, s, -1, &ec);
	int32_t nlen = U_SUCCESS(ec) ? unorm2_normalize(n2, in, len16, norm, 1024, &ec) : 0;
	if(U_SUCCESS(ec))
		u_strToUTF8(out, (int32_t)size, &len8, norm, nlen, &ec);
	return U_SUCCESS(ec) && ec != U_STRING_NOT_TERMINATED_WARNING;
}

struct fold_case {
	const char *in;
	const char *want;
};

/* Each case folds to its expected text, and that is ICU's result too. */
static void check_folds(const struct fold_case *cases, size_t n)
{
	report r = {0};
	buf out;
	buf_init(&out, 0);
	for(size_t i = 0; i < n; i++) {
		char icu[1024];
		pl_rc rc = fold(cases[i].in, &out);
		if(rc != PL_OK)
			report_add(&r, "  \"%s\": error %d\n", cases[i].in, (int)rc);
		else if(strcmp(buf_str(&out), cases[i].want))
			report_add(&r, "  \"%s\": expected \"%s\", got \"%s\"\n", cases[i].in,
			           cases[i].want, buf_str(&out));
		else if(!icu_fold(cases[i].in, icu, sizeof(icu)) || strcmp(icu, buf_str(&out)))
			report_add(&r, "  \"%s\": got \"%s\", ICU NFKC_Casefold gives \"%s\"\n",
			           cases[i].in, buf_str(&out), icu);
	}
	buf_free(&out);
	report_check(&r, (int)n);
}

static void test_fold_ascii_and_cyrillic_upper_case_to_lower(void **state)
{
	(void)state;
	static const struct fold_case cases[] = {
		{"", ""},
		{"OLEKSANDR", "oleksandr"},
		{"Oleksandr Shevchenko", "oleksandr shevchenko"},
		{"ОЛЕКСАНДР", "олександр"},
		{"Олександр Іванович ШЕВЧЕНКО", "олександр іванович шевченко"},
		{"ЄВГЕН ЇЖАК ҐАЛАҐАН ІВАН", "євген їжак ґалаґан іван"},
		{"ЁЛКИН ЭРМИТАЖ ЪЫЬ ЩЮЯ", "ёлкин эрмитаж ъыь щюя"},
		/* U+0400..U+040F fold by +0x50, not +0x20 */
		{"ЀЁЂЃЄЅІЇЈЉЊЋЌЍЎЏ", "ѐёђѓєѕіїјљњћќѝўџ"},
		{"абвгґдеєжзиіїйклмнопрстуфхцчшщьюя", "абвгґдеєжзиіїйклмнопрстуфхцчшщьюя"},
		{"MÜLLER ÉTIENNE ŁUKASZ ŠKODA", "müller étienne łukasz škoda"},
		{"O'Brien-Smith, 12 (Jr.)", "o'brien-smith, 12 (jr.)"},
		{"Мар'яна Мар’яна Марʼяна", "мар'яна мар’яна марʼяна"},
		{"Solovʹyëv Obʺyezd T·soy", "solovʹyëv obʺyezd t·soy"},
	};
	check_folds(cases, sizeof(cases) / sizeof(*cases));
}

static void test_fold_compatibility_forms_by_nfkc(void **state)
{
	(void)state;
	static const struct fold_case cases[] = {
		{"Ｏｌｅｋｓａｎｄｒ", "oleksandr"},         /* fullwidth Latin */
		{"ＯＬＥＫＳＡＮＤＲ ＳＨＥＶＣＨＥＮＫＯ", "oleksandr shevchenko"},
		{"ﬁlip ﬂorin", "filip florin"},             /* ligatures ﬁ ﬂ */
		{"Koﬀ", "koff"},                             /* ﬀ */
		{"Straße", "strasse"},                       /* ß folds to ss */
		{"ǅuro", "džuro"},                           /* titlecase digraph */
		{"Ⅻ", "xii"},                                /* Roman numeral */
		{"Ivan\u00A0Petrenko", "ivan petrenko"},     /* no-break space */
		{"Іван Ｐｅｔｒｅｎｋｏ", "іван petrenko"},  /* Cyrillic + fullwidth */
	};
	check_folds(cases, sizeof(cases) / sizeof(*cases));
}

static void test_fold_composes_decomposed_letters(void **state)
{
	(void)state;
	static const struct fold_case cases[] = {
		{"\u0438\u0306", "\u0439"},                  /* и + breve -> й */
		{"\u0418\u0306", "\u0439"},                  /* И + breve -> й */
		{"Андрі\u0438\u0306", "андрій"},
		{"\u0406\u0308жак", "їжак"},                 /* І + diaeresis -> ї */
		{"Соловье\u0308в", "соловьёв"},              /* е + diaeresis -> ё */
		{"Jose\u0301", "josé"},
	};
	check_folds(cases, sizeof(cases) / sizeof(*cases));
}

static void test_fold_other_scripts_go_through_icu(void **state)
{
	(void)state;
	static const struct fold_case cases[] = {
		{"ΣΊΣΥΦΟΣ", "σίσυφοσ"},    /* final sigma folds to σ */
		{"Ωμέγα Петро", "ωμέγα петро"},
		{"ԱՐԱՄ", "արամ"},          /* Armenian */
		{"ႠႡ", "ⴀⴁ"},              /* Georgian Asomtavruli */
		{"山田 太郎", "山田 太郎"},
		{"محمد", "محمد"},
		{"İvan", "i\u0307van"},    /* Turkish dotted I */
		{"ŉ ſ", "ʼn s"},
		{"\U0001F600 Іван", "\U0001F600 іван"},
	};
	check_folds(cases, sizeof(cases) / sizeof(*cases));
}

/* fold.c promises that its one-step table path gives ICU's result. Check
 * every code point that takes that path, one at a time. */
static void test_fold_fast_path_agrees_with_icu_for_every_code_point(void **state)
{
	(void)state;
	/* The code points fold.c's simple_cp() sends down the fast path. */
	static const uint32_t ranges[][2] = {
		{0x01, 0x7F}, {0xC0, 0x17F}, {0x400, 0x45F}, {0x490, 0x491},
		{0xB4, 0xB4}, {0xB7, 0xB7}, {0x2B9, 0x2BA}, {0x2BC, 0x2BC},
		{0x2C8, 0x2C8}, {0x2019, 0x2019}, {0x2032, 0x2032},
	};
	static const uint32_t not_simple[] = {0xDF, 0x130, 0x149, 0x17F};
	report r = {0};
	int total = 0;
	buf out;
	buf_init(&out, 0);
	for(size_t g = 0; g < sizeof(ranges) / sizeof(*ranges); g++) {
		for(uint32_t cp = ranges[g][0]; cp <= ranges[g][1]; cp++) {
			bool skip = false;
			for(size_t j = 0; j < sizeof(not_simple) / sizeof(*not_simple); j++)
				skip |= cp == not_simple[j];
			if(skip)
				continue;
			char s[5] = {0}, icu[64];
			utf8_encode(cp, s);
			total++;
			pl_rc rc = fold(s, &out);
			if(rc != PL_OK || !icu_fold(s, icu, sizeof(icu)))
				report_add(&r, "  U+%04X: error %d\n", (unsigned)cp, (int)rc);
			else if(strcmp(buf_str(&out), icu))
				report_add(&r, "  U+%04X \"%s\": names_fold gives \"%s\", ICU gives \"%s\"\n",
				           (unsigned)cp, s, buf_str(&out), icu);
		}
	}
	buf_free(&out);
	/* Regression (fixed): five code points fold differently on the fast path:
	 *   U+00B4 ´ (acute accent, treated as an apostrophe-like word mark):
	 *          fast path keeps "´", NFKC gives " \u0301" (space + combining
	 *          acute), so the same word folds (and keys) differently
	 *          depending on whether anything else in the string forces the
	 *          ICU path (see test_key: "Мар´яна" vs "Мар´яна Ｋ");
	 *   U+0132 Ĳ, U+0133 ĳ: fast path "ĳ", NFKC "ij";
	 *   U+013F Ŀ, U+0140 ŀ: fast path "ŀ", NFKC "l·".
	 * simple_cp() must leave these to ICU (or the key must treat ´ as a
	 * word mark after folding). */
	report_check(&r, total);
}

static void test_fold_invalid_utf8_is_an_input_error(void **state)
{
	(void)state;
	static const struct {
		const char *in;
		const char *what;
	} cases[] = {
		{"\xFF", "0xFF"},
		{"abc\xFF", "0xFF after ASCII"},
		{"Іван\xD0", "truncated Cyrillic letter"},
		{"\xC3", "truncated 2-byte sequence"},
		{"\xC0\xAF", "overlong /"},
		{"\xED\xA0\x80", "UTF-16 surrogate"},
		{"\xF4\x90\x80\x80", "past U+10FFFF"},
		{"\x80", "lone continuation byte"},
		{"Ωμέγα\xFF", "0xFF after Greek (ICU path)"},
		{"Ｏ\xC0\xAF", "overlong after fullwidth (ICU path)"},
		{"Ω\xED\xA0\x80", "surrogate after Greek (ICU path)"},
	};
	report r = {0};
	buf out;
	buf_init(&out, 0);
	for(size_t i = 0; i < sizeof(cases) / sizeof(*cases); i++) {
		pl_rc rc = fold(cases[i].in, &out);
		if(rc != PL_EINPUT)
			report_add(&r, "  %s: expected PL_EINPUT (%d), got %d with \"%s\"\n", cases[i].what,
			           (int)PL_EINPUT, (int)rc, buf_str(&out));
	}
	buf_free(&out);
	report_check(&r, (int)(sizeof(cases) / sizeof(*cases)));
}

static void test_fold_appends_to_what_is_in_out(void **state)
{
	(void)state;
	static const struct fold_case cases[] = {
		{"ІВАН", "key: іван"},       /* fast path */
		{"ΩΜΕΓΑ", "key: ωμεγα"},     /* ICU path, after the fast path started */
		{"Іван Ω", "key: іван ω"},
	};
	report r = {0};
	buf out;
	buf_init(&out, 0);
	for(size_t i = 0; i < sizeof(cases) / sizeof(*cases); i++) {
		buf_reset(&out);
		pl_rc rc = buf_adds(&out, "key: ");
		if(!rc)
			rc = names_fold(cases[i].in, &out);
		if(rc || strcmp(buf_str(&out), cases[i].want))
			report_add(&r, "  \"%s\" after \"key: \": expected \"%s\", got \"%s\" (rc %d)\n",
			           cases[i].in, cases[i].want, buf_str(&out), (int)rc);
	}
	buf_free(&out);
	report_check(&r, (int)(sizeof(cases) / sizeof(*cases)));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_fold_ascii_and_cyrillic_upper_case_to_lower),
		cmocka_unit_test(test_fold_compatibility_forms_by_nfkc),
		cmocka_unit_test(test_fold_composes_decomposed_letters),
		cmocka_unit_test(test_fold_other_scripts_go_through_icu),
		cmocka_unit_test(test_fold_fast_path_agrees_with_icu_for_every_code_point),
		cmocka_unit_test(test_fold_invalid_utf8_is_an_input_error),
		cmocka_unit_test(test_fold_appends_to_what_is_in_out),
	};
	int failed = cmocka_run_group_tests_name("names/fold", tests, NULL, NULL);
	u_cleanup();
	return failed;
}
