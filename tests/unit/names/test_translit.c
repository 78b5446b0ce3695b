/* names_transliterate: KMU 2010, BGN/PCGN Russian (checked against ICU),
 * GOST 7.79-2000 system B and ICAO Doc 9303. */
#include "testutil.h"

#include <unicode/uclean.h>
#include <unicode/ustring.h>
#include <unicode/utrans.h>

#include "core/buf.h"
#include "core/csv.h"
#include "core/utf8.h"
#include "names/names.h"

struct tr_case {
	const char *in;
	const char *want;
};

static void check_scheme(names_scheme scheme, const struct tr_case *cases, size_t n)
{
	report r = {0};
	buf out;
	buf_init(&out, 0);
	for(size_t i = 0; i < n; i++) {
		buf_reset(&out);
		pl_rc rc = names_transliterate(cases[i].in, scheme, &out);
		if(rc != PL_OK)
			report_add(&r, "  %s \"%s\": error %d\n", names_scheme_name(scheme), cases[i].in,
			           (int)rc);
		else if(strcmp(buf_str(&out), cases[i].want))
			report_add(&r, "  %s \"%s\": expected \"%s\", got \"%s\"\n",
			           names_scheme_name(scheme), cases[i].in, cases[i].want, buf_str(&out));
	}
	buf_free(&out);
	report_check(&r, (int)n);
}

#define CHECK_SCHEME(scheme, cases) check_scheme(scheme, cases, sizeof(cases) / sizeof(*cases))

/* ---- KMU 2010 ---------------------------------------------------------- */

/* The examples column of the table in Cabinet of Ministers resolution No. 55
 * of 27 January 2010. */
static void test_kmu2010_official_table_examples(void **state)
{
	(void)state;
	static const struct tr_case cases[] = {
		{"Алушта", "Alushta"},       {"Андрій", "Andrii"},
		{"Борщагівка", "Borshchahivka"}, {"Вінниця", "Vinnytsia"},
		{"Гадяч", "Hadiach"},        {"Згурський", "Zghurskyi"},
		{"Ґалаґан", "Galagan"},      {"Дон", "Don"},
		{"Рівне", "Rivne"},          {"Єнакієве", "Yenakiieve"},
		{"Гайок", "Haiok"},          {"Житомир", "Zhytomyr"},
		{"Закарпаття", "Zakarpattia"}, {"Медвин", "Medvyn"},
		{"Іршава", "Irshava"},       {"Їжакевич", "Yizhakevych"},
		{"Кадиївка", "Kadyivka"},    {"Йосипівка", "Yosypivka"},
		{"Стрий", "Stryi"},          {"Олексій", "Oleksii"},
		{"Київ", "Kyiv"},            {"Лебедин", "Lebedyn"},
		{"Миколаїв", "Mykolaiv"},    {"Ніжин", "Nizhyn"},
		{"Одеса", "Odesa"},          {"Полтава", "Poltava"},
		{"Ромни", "Romny"},          {"Суми", "Sumy"},
		{"Тетерів", "Teteriv"},      {"Ужгород", "Uzhhorod"},
		{"Фастів", "Fastiv"},        {"Харків", "Kharkiv"},
		{"Біла Церква", "Bila Tserkva"}, {"Чернівці", "Chernivtsi"},
		{"Шостка", "Shostka"},       {"Гоща", "Hoshcha"},
		{"Юрій", "Yurii"},           {"Юрківка", "Yurkivka"},
		{"Яготин", "Yahotyn"},       {"Ічня", "Ichnia"},
		{"Знам'янка", "Znamianka"},  {"Козятин", "Koziatyn"},
		{"Русь", "Rus"},             {"Розгон", "Rozghon"},
	};
	CHECK_SCHEME(NAMES_KMU2010, cases);
}

/* The resolution drops the apostrophe; offices type it as ', ’ or ʼ. */
static void test_kmu2010_drops_every_apostrophe(void **state)
{
	(void)state;
	static const struct tr_case cases[] = {
		{"Знам'янка", "Znamianka"},
		{"Знам\u2019янка", "Znamianka"},  /* typographic apostrophe ’ */
		{"Знам\u02BCянка", "Znamianka"},  /* modifier letter apostrophe ʼ */
		{"В'ячеслав", "Viacheslav"},
		{"Мар’яна", "Mariana"},
		{"Об'єднання", "Obiednannia"},    /* є after an apostrophe is not initial */
		{"'Яна'", "'Yana'"},              /* quotes around a word stay */
	};
	CHECK_SCHEME(NAMES_KMU2010, cases);
}

static void test_kmu2010_all_caps_stay_all_caps(void **state)
{
	(void)state;
	static const struct tr_case cases[] = {
		{"ЩЕРБАК", "SHCHERBAK"},
		{"ШЕВЧЕНКО", "SHEVCHENKO"},
		{"ЮРІЙ", "YURII"},
		{"ЄВГЕН", "YEVHEN"},
		{"ЇЖАКЕВИЧ", "YIZHAKEVYCH"},
		{"ЗГУРСЬКИЙ", "ZGHURSKYI"},
		{"ЗНАМ'ЯНКА", "ZNAMIANKA"},
		{"ХАРКІВ", "KHARKIV"},
		{"ЖУЖ", "ZHUZH"},                      /* last letter after capitals */
		{"ШЕВЧЕНКО Тарас Григорович", "SHEVCHENKO Taras Hryhorovych"},
		{"Щербак", "Shcherbak"},               /* title case: only the first */
		{"Ю. Щ. Жук", "Yu. Shch. Zhuk"},       /* initials read as title case */
		{"Я", "Ya"},
	};
	CHECK_SCHEME(NAMES_KMU2010, cases);
}

static void test_kmu2010_other_characters_pass_through(void **state)
{
	(void)state;
	static const struct tr_case cases[] = {
		{"", ""},
		{"вул. Шевченка, 12-Б", "vul. Shevchenka, 12-B"},
		{"Іван (1985 р.н.) — «Київ»", "Ivan (1985 r.n.) — «Kyiv»"},
		{"Петренко-Шевчук", "Petrenko-Shevchuk"},
		{"John Smith / Іван", "John Smith / Ivan"},
		{"Ωμέγα 山田 \U0001F600", "Ωμέγα 山田 \U0001F600"},
		{"  Оля\tОлена\n", "  Olia\tOlena\n"},
	};
	CHECK_SCHEME(NAMES_KMU2010, cases);
}

/* ---- BGN/PCGN Russian -------------------------------------------------- */

/* ICU's Russian-Latin/BGN applied to UTF-8 s; false on error. */
static bool icu_translit(UTransliterator *t, const char *s, char *out, size_t size)
{
	UErrorCode ec = U_ZERO_ERROR;
	UChar u[1024];
	int32_t len = 0;
	u_strFromUTF8(u, 256, &len, s, -1, &ec);
	int32_t limit = len;
	if(U_SUCCESS(ec))
		utrans_transUChars(t, u, &len, 1024, 0, &limit, &ec);
	if(U_SUCCESS(ec))
		u_strToUTF8(out, (int32_t)size, NULL, u, len, &ec);
	return U_SUCCESS(ec) && ec != U_STRING_NOT_TERMINATED_WARNING;
}

static UTransliterator *icu_open(const char *id)
{
	UChar uid[64];
	u_uastrcpy(uid, id);
	UErrorCode ec = U_ZERO_ERROR;
	UTransliterator *t = utrans_openU(uid, -1, UTRANS_FORWARD, NULL, 0, NULL, &ec);
	if(U_FAILURE(ec))
		fail_msg("ICU cannot open %s: %s", id, u_errorName(ec));
	return t;
}

/* Russian letters а-я, ё, А-Я, Ё and the hyphen, nothing else. */
static bool russian_only(const char *s)
{
	size_t n = strlen(s);
	if(!n)
		return false;
	for(size_t i = 0; i < n;) {
		uint32_t cp;
		size_t k = utf8_decode(s + i, n - i, &cp);
		if(!k || !((cp >= 0x410 && cp <= 0x44F) || cp == 0x401 || cp == 0x451 || cp == '-'))
			return false;
		i += k;
	}
	return true;
}

/* Where ICU's capitalisation is wrong: before э it reads Х and Ш in a
 * title-case word as all caps ("KH·enk"). BGN/PCGN keeps a title-case word
 * title case, as in Khabarovsk: ours is right. */
static const struct {
	const char *ru, *ours, *icu;
} bgn_icu_exceptions[] = {
	{"Хэнк", "Kh·enk", "KH·enk"},
	{"Хэпберн", "Kh·epbern", "KH·epbern"},
	{"Шэр-Алиева", "Sh·er-Aliyeva", "SH·er-Aliyeva"},
};

/* Every Russian form in the dictionary (column 2) written only in Russian
 * letters: names_transliterate(NAMES_BGN_RU) must give ICU's result. Words
 * with Ukrainian letters (і, ї, є, ґ), which ICU leaves alone, are outside
 * the Russian-only filter. */
static void test_bgn_ru_agrees_with_icu_on_every_dictionary_word(void **state)
{
	(void)state;
	UTransliterator *t = icu_open("Russian-Latin/BGN");
	size_t len;
	const char *text = names_dict_text(&len);
	FILE *f = fmemopen((void *)text, len, "r");
	assert_non_null(f);
	csv_reader *rd;
	pl_err err = {0};
	pl_rc rc = csv_reader_open(&rd, f, "uk_ru_names.csv", &err);
	report r = {0};
	int compared = 0;
	bool seen[sizeof(bgn_icu_exceptions) / sizeof(*bgn_icu_exceptions)] = {false};
	buf out;
	buf_init(&out, 0);
	while(!rc) {
		csv_record rec;
		bool eof;
		if((rc = csv_read(rd, &rec, &eof, &err)) || eof)
			break;
		if(rec.number == 1 || rec.nfields < 2 || !russian_only(rec.fields[1]))
			continue;
		const char *ru = rec.fields[1];
		char icu[1024];
		buf_reset(&out);
		compared++;
		if(names_transliterate(ru, NAMES_BGN_RU, &out) || !icu_translit(t, ru, icu, sizeof(icu))) {
			report_add(&r, "  \"%s\": transliteration failed\n", ru);
			continue;
		}
		const char *want = icu;
		for(size_t e = 0; e < sizeof(bgn_icu_exceptions) / sizeof(*bgn_icu_exceptions); e++) {
			if(strcmp(ru, bgn_icu_exceptions[e].ru))
				continue;
			seen[e] = true;
			if(strcmp(icu, bgn_icu_exceptions[e].icu))
				report_add(&r, "  \"%s\": listed as an ICU quirk \"%s\", but ICU now gives \"%s\"\n",
				           ru, bgn_icu_exceptions[e].icu, icu);
			want = bgn_icu_exceptions[e].ours;
		}
		if(strcmp(buf_str(&out), want))
			report_add(&r, "  \"%s\": ICU \"%s\", ours \"%s\"\n", ru, want, buf_str(&out));
	}
	buf_free(&out);
	csv_reader_close(rd);
	fclose(f);
	utrans_close(t);
	if(rc)
		fail_msg("reading the dictionary: %s", err.msg);
	for(size_t e = 0; e < sizeof(seen) / sizeof(*seen); e++)
		if(!seen[e])
			report_add(&r, "  exception \"%s\" is no longer in the dictionary\n",
			           bgn_icu_exceptions[e].ru);
	if(compared < 10000)
		report_add(&r, "  only %d Russian words compared; the filter or the dictionary is wrong\n",
		           compared);
	report_check(&r, compared);
}

static void test_bgn_ru_reference_cases(void **state)
{
	(void)state;
	static const struct tr_case cases[] = {
		{"Объезд", "Ob\u02BAyezd"},                 /* ъ = ʺ, е after ъ = ye */
		{"Соловьёв", "Solov\u02B9y\u00EBv"},        /* ь = ʹ, ё after ь = yë */
		{"Ильич", "Il\u02B9ich"},
		{"Тсой", "T\u00B7soy"},                     /* т·с is not ц */
		{"Шчедрин", "Sh\u00B7chedrin"},             /* ш·ч is not щ */
		{"Андреев", "Andreyev"},                    /* е after a vowel = ye */
		{"Хмельницкий", "Khmel\u02B9nitskiy"},
		{"Ёлкин", "Y\u00EBlkin"},
		{"Щербак", "Shcherbak"},
		{"Съел", "S\u02BAyel"},
		{"Эхо", "Ekho"},
		{"Хэнк", "Kh\u00B7enk"},                    /* э after a consonant = ·e */
		{"Йаков", "Y\u00B7akov"},                   /* й before а = y· */
		{"Ежов Юрий Яковлевич", "Yezhov Yuriy Yakovlevich"},
	};
	CHECK_SCHEME(NAMES_BGN_RU, cases);
}

/* Values checked against ICU, except ЛУРЬЕ: ICU gives "LURʹYe", losing the
 * capital after the soft sign; an all-caps word stays all caps. */
static void test_bgn_ru_all_caps_stay_all_caps(void **state)
{
	(void)state;
	static const struct tr_case cases[] = {
		{"ЩЕРБАК", "SHCHERBAK"},
		{"ХМЕЛЬНИЦКИЙ", "KHMEL\u02B9NITSKIY"},
		{"ТСОЙ", "T\u00B7SOY"},
		{"ОБЪЕЗД", "OB\u02BAYEZD"},
		{"ХЭНК", "KH\u00B7ENK"},
		{"ЮРИЙ", "YURIY"},
		{"ЛУРЬЕ", "LUR\u02B9YE"},
	};
	CHECK_SCHEME(NAMES_BGN_RU, cases);
}

static void test_bgn_ru_all_caps_keeps_e_with_diaeresis_upper_case(void **state)
{
	(void)state;
	/* Regression (fixed): in an all-caps word ё comes out lower case: "ЁЛКИН" gives
	 * "YëLKIN", "СОЛОВЬЁВ" gives "SOLOVʹYëV". names.h promises case is kept
	 * ("ЩЕРБАК" -> "SHCHERBAK"), and ICU's Russian-Latin/BGN gives "YËLKIN"
	 * and "SOLOVʹYËV". emit() in translit.c upper-cases only ASCII a-z,
	 * and ë is the one non-ASCII letter in the BGN table. Upper-casing
	 * every Russian form of the dictionary and comparing with ICU shows
	 * only this difference (ВИШНЁВ, ДЕРГИЛЁВ) and ICU's own -ЬЕ quirk
	 * (ЛУРЬЕ, above). */
	static const struct tr_case cases[] = {
		{"ЁЛКИН", "Y\u00CBLKIN"},
		{"СОЛОВЬЁВ", "SOLOV\u02B9Y\u00CBV"},
		{"ВИШНЁВ", "VISHN\u00CBV"},
		{"ОБЪЁМ", "OB\u02BAY\u00CBM"},
	};
	CHECK_SCHEME(NAMES_BGN_RU, cases);
}

/* ---- GOST 7.79-2000 system B ------------------------------------------ */

/* Table B of the standard: щ shh, ц c before i, e, y, j and cz elsewhere,
 * ы y`, э e`, ъ ``, ь `, х x, й j, ё yo, ю yu, я ya; for Ukrainian є ye,
 * ї yi, ґ g`. Not asserted: ц before я, ю, ё, э. translit.c reads the
 * rule's i, e, y, j as the Cyrillic и, е, ы, й (і, є, ї) that follow and
 * writes Цюрупа "Czyurupa"; read as the Latin letters that follow (ю = yu
 * starts with y) it would be "Cyurupa". */
static void test_gost779b_examples(void **state)
{
	(void)state;
	static const struct tr_case cases[] = {
		{"Щербак", "Shherbak"},
		{"Цой", "Czoj"},
		{"Цыганов", "Cy`ganov"},
		{"Цимбал", "Cimbal"},
		{"Хрущёв", "Xrushhyov"},
		{"Юрий", "Yurij"},
		{"Мягкий", "Myagkij"},
		{"Эрмитаж", "E`rmitazh"},
		{"Объезд", "Ob``ezd"},
		{"Ильич", "Il`ich"},
		{"Ёлкин", "Yolkin"},
		{"Євген", "Yevgen"},
		{"Їжак", "Yizhak"},
		{"Ґалаґан", "G`alag`an"},
		{"ЩЕРБАК", "SHHERBAK"},
		{"ЦОЙ", "CZOJ"},
		{"ЭРМИТАЖ", "E`RMITAZH"},
	};
	CHECK_SCHEME(NAMES_GOST779B, cases);
}

/* ---- ICAO Doc 9303 ----------------------------------------------------- */

/* Doc 9303 part 3, transliteration of Cyrillic: ё e, й i, ъ ie, ы y, ь -,
 * э e, ю iu, я ia, х kh, ц ts, щ shch; є ie, ї i, ґ g. */
static void test_icao9303_examples(void **state)
{
	(void)state;
	static const struct tr_case cases[] = {
		{"Щербак", "Shcherbak"},
		{"ЩЕРБАК", "SHCHERBAK"},
		{"Юрий", "Iurii"},
		{"Александр", "Aleksandr"},
		{"Ёлкин", "Elkin"},
		{"Подъячев", "Podieiachev"},
		{"Объезд", "Obieezd"},
		{"Эрмитаж", "Ermitazh"},
		{"Хрущёв", "Khrushchev"},
		{"Цой", "Tsoi"},
		{"Мягкий", "Miagkii"},
		{"Ильич", "Ilich"},
		{"Рыбаков", "Rybakov"},
		{"Євген", "Ievgen"},
		{"Їжак", "Izhak"},
		{"Ґалаґан", "Galagan"},
		{"ЮРИЙ ЁЛКИН", "IURII ELKIN"},
	};
	CHECK_SCHEME(NAMES_ICAO9303, cases);
}

/* ---- every scheme ------------------------------------------------------ */

static void test_translit_refuses_invalid_utf8_and_unknown_schemes(void **state)
{
	(void)state;
	static const char *const bad[] = {
		"\xFF", "Іван\xD0", "\xC0\xAF", "\xED\xA0\x80", "Щ\xF4\x90\x80\x80",
		"Мар'\xFF", /* invalid byte where an apostrophe's next letter is sought */
	};
	report r = {0};
	int total = 0;
	buf out;
	buf_init(&out, 0);
	for(int s = 0; s < NAMES_SCHEME_COUNT; s++) {
		for(size_t i = 0; i < sizeof(bad) / sizeof(*bad); i++) {
			buf_reset(&out);
			total++;
			pl_rc rc = names_transliterate(bad[i], (names_scheme)s, &out);
			if(rc != PL_EINPUT)
				report_add(&r, "  %s, invalid input #%zu: expected PL_EINPUT, got %d\n",
				           names_scheme_name((names_scheme)s), i, (int)rc);
		}
	}
	static const int unknown[] = {NAMES_SCHEME_COUNT, NAMES_SCHEME_COUNT + 1, -1};
	for(size_t i = 0; i < sizeof(unknown) / sizeof(*unknown); i++) {
		buf_reset(&out);
		total++;
		pl_rc rc = names_transliterate("Іван", (names_scheme)unknown[i], &out);
		if(rc != PL_EINPUT || out.len)
			report_add(&r, "  scheme %d: expected PL_EINPUT and no output, got %d \"%s\"\n",
			           unknown[i], (int)rc, buf_str(&out));
	}
	buf_free(&out);
	report_check(&r, total);
}

static void test_translit_scheme_names(void **state)
{
	(void)state;
	static const char *const want[NAMES_SCHEME_COUNT] = {
		[NAMES_KMU2010] = "kmu2010",
		[NAMES_GOST779B] = "gost779b",
		[NAMES_ICAO9303] = "icao9303",
		[NAMES_BGN_RU] = "bgn-ru",
	};
	for(int s = 0; s < NAMES_SCHEME_COUNT; s++)
		assert_string_equal(names_scheme_name((names_scheme)s), want[s]);
	assert_string_equal(names_scheme_name(NAMES_SCHEME_COUNT), "?");
}

static void test_translit_appends_to_what_is_in_out(void **state)
{
	(void)state;
	buf out;
	buf_init(&out, 0);
	pl_rc rc = buf_adds(&out, "name: ");
	if(!rc)
		rc = names_transliterate("Щербак", NAMES_KMU2010, &out);
	if(!rc)
		rc = buf_adds(&out, " / ");
	if(!rc)
		rc = names_transliterate("Щербак", NAMES_GOST779B, &out);
	char got[128];
	snprintf(got, sizeof(got), "%s", buf_str(&out));
	buf_free(&out);
	assert_int_equal(rc, PL_OK);
	assert_string_equal(got, "name: Shcherbak / Shherbak");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_kmu2010_official_table_examples),
		cmocka_unit_test(test_kmu2010_drops_every_apostrophe),
		cmocka_unit_test(test_kmu2010_all_caps_stay_all_caps),
		cmocka_unit_test(test_kmu2010_other_characters_pass_through),
		cmocka_unit_test(test_bgn_ru_agrees_with_icu_on_every_dictionary_word),
		cmocka_unit_test(test_bgn_ru_reference_cases),
		cmocka_unit_test(test_bgn_ru_all_caps_stay_all_caps),
		cmocka_unit_test(test_bgn_ru_all_caps_keeps_e_with_diaeresis_upper_case),
		cmocka_unit_test(test_gost779b_examples),
		cmocka_unit_test(test_icao9303_examples),
		cmocka_unit_test(test_translit_refuses_invalid_utf8_and_unknown_schemes),
		cmocka_unit_test(test_translit_scheme_names),
		cmocka_unit_test(test_translit_appends_to_what_is_in_out),
	};
	int failed = cmocka_run_group_tests_name("names/translit", tests, NULL, NULL);
	u_cleanup();
	return failed;
}
