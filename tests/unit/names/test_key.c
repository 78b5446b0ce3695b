/* The cross-script search key: names_keys, names_word_key, names_query. */
#include "fixture.h"

#include <unicode/uclean.h>
#include <unicode/ustring.h>
#include <unicode/utrans.h>

#include "core/arena.h"
#include "core/buf.h"
#include "core/csv.h"
#include "core/msg.h"
#include "core/utf8.h"
#include "names/names.h"

enum { KEYS_MAX = 1024 };

/* names_keys(name) into out[KEYS_MAX]; "<error N>" on failure. */
static const char *keys_of(names *nm, const char *name, char *out)
{
	buf b;
	buf_init(&b, 0);
	pl_rc rc = names_keys(nm, name, &b);
	if(rc)
		snprintf(out, KEYS_MAX, "<error %d>", (int)rc);
	else
		snprintf(out, KEYS_MAX, "%s", buf_str(&b));
	buf_free(&b);
	return out;
}

/* A table of names and the keys they must give. */
typedef struct key_case {
	const char *in, *want;
} key_case;

static void check_key_cases(names *nm, const key_case *cases, size_t n)
{
	report r = {0};
	for(size_t i = 0; i < n; i++) {
		char k[KEYS_MAX];
		if(strcmp(keys_of(nm, cases[i].in, k), cases[i].want))
			report_add(&r, "  \"%s\": expected [%s], got [%s]\n", cases[i].in, cases[i].want, k);
	}
	report_check(&r, (int)n);
}

static const char *word_key_of(const char *word, char *out)
{
	buf b;
	buf_init(&b, 0);
	pl_rc rc = names_word_key(word, &b);
	if(rc)
		snprintf(out, KEYS_MAX, "<error %d>", (int)rc);
	else
		snprintf(out, KEYS_MAX, "%s", buf_str(&b));
	buf_free(&b);
	return out;
}

/* A word's reading (names_word_key) and all its keys (names_keys). */
typedef struct word_keys_case {
	const char *in, *word_key, *keys;
} word_keys_case;

static void check_word_keys(names *nm, const word_keys_case *cases, size_t n)
{
	report r = {0};
	for(size_t i = 0; i < n; i++) {
		char wk[KEYS_MAX], ks[KEYS_MAX];
		word_key_of(cases[i].in, wk);
		keys_of(nm, cases[i].in, ks);
		if(strcmp(wk, cases[i].word_key) || strcmp(ks, cases[i].keys))
			report_add(&r, "  \"%s\": expected word key [%s] and keys [%s], got [%s] and [%s]\n",
			           cases[i].in, cases[i].word_key, cases[i].keys, wk, ks);
	}
	report_check(&r, (int)n);
}

/* Is the space-separated word w one of the words of list? */
static bool has_word(const char *list, const char *w, size_t wlen)
{
	for(const char *s = list; *s;) {
		size_t l = strcspn(s, " ");
		if(l == wlen && !memcmp(s, w, l))
			return true;
		s += l;
		s += *s == ' ';
	}
	return false;
}

/* Do two key lists share a key? */
static bool share_key(const char *a, const char *b)
{
	for(const char *s = a; *s;) {
		size_t l = strcspn(s, " ");
		if(l && has_word(b, s, l))
			return true;
		s += l;
		s += *s == ' ';
	}
	return false;
}

static bool only_a_to_z_and_spaces(const char *s)
{
	for(; *s; s++)
		if(!((*s >= 'a' && *s <= 'z') || *s == ' '))
			return false;
	return true;
}

/* ---- names that must, or must not, meet ------------------------------- */

enum { GROUP_MAX = 8 };

/* Every two spellings in a group share at least one key. */
static void check_groups(names *nm, const char *const (*groups)[GROUP_MAX], size_t n)
{
	report r = {0};
	int pairs = 0;
	for(size_t g = 0; g < n; g++) {
		for(int i = 0; i < GROUP_MAX && groups[g][i]; i++) {
			for(int j = i + 1; j < GROUP_MAX && groups[g][j]; j++) {
				char ka[KEYS_MAX], kb[KEYS_MAX];
				keys_of(nm, groups[g][i], ka);
				keys_of(nm, groups[g][j], kb);
				pairs++;
				if(!share_key(ka, kb))
					report_add(&r, "  %s [%s] and %s [%s] share no key\n", groups[g][i], ka,
					           groups[g][j], kb);
			}
		}
	}
	report_check(&r, pairs);
}

static void test_key_spellings_of_one_name_share_a_key(void **state)
{
	static const char *const groups[][GROUP_MAX] = {
		{"Олександр", "Александр", "Oleksandr", "Aleksandr"},
		{"Микола", "Николай", "Mykola", "Nikolai", "Nikolay"},
		{"Юрій", "Юрий", "Yurii", "Iurii", "Yuriy", "Yury", "Jurij"},
		{"Щербак", "Shcherbak", "Shherbak", "Szczerbak"},
		{"Хмельницький", "Хмельницкий", "Khmelnytskyi", "Khmelnitsky", "Khmelnitskiy"},
		{"Шевченко", "Shevchenko", "Schewtschenko"},
		{"Сергій", "Сергей", "Serhii", "Sergey", "Sergei", "Serhiy"},
		{"Володимир", "Владимир", "Volodymyr", "Vladimir"},
		{"Олена", "Елена", "Olena", "Yelena", "Elena"},
		{"Євген", "Евгений", "Yevhen", "Yevgeniy"},
		{"Андрієнко", "Андриенко", "Andriienko", "Andriyenko"},
		{"Ольга", "Olga", "Olha"},
		{"Фёдор", "Fyodor", "Fedor"},
		{"Мар'яна", "Mariana", "Maryana"},
		{"Дарья", "Darya", "Dariia", "Daria"},
		/* the schemes' own spellings of one name */
		{"Хрущёв", "Khrushchov", "Xrushhyov", "Khrushchev", "Khrushchëv"},
		{"Цой", "Tsoi", "Tsoy", "Czoj"},
		{"Цыганов", "Tsyganov", "Cy`ganov"},
		{"Подъячев", "Pod\u02BAyachev", "Pod``yachev", "Podyachev"},
		{"Соловьёв", "Solov\u02B9y\u00EBv", "Solovyov", "Solov`yov", "Solovev"},
		{"Знам'янка", "Znamianka", "Znamyanka", "Znam'yanka"},
		{"Ґалаґан", "Galagan", "G`alag`an", "Halahan"},
		{"Їжакевич", "Yizhakevych", "Izhakevich", "Yizhakevich"},
	};
	check_groups(*state, groups, sizeof(groups) / sizeof(*groups));
}

static void test_key_different_names_do_not_share_a_key(void **state)
{
	static const char *const pairs[][2] = {
		{"Іванов", "Петров"},
		{"Олександр", "Олексій"},
		{"Шевченко", "Шевчук"},
		{"Олена", "Ольга"},
		{"Микола", "Михайло"},
		{"Юрій", "Юрченко"},
		{"Oleksandr", "Oleksii"},
		{"Shevchenko", "Shevchuk"},
		{"Щербак", "Шербак"},          /* щ and ш stay apart */
		{"Цой", "Чой"},                /* ц and ч stay apart */
		{"Жук", "Зук"},                /* ж and з stay apart */
		/* what the Ukrainian-Russian common forms must not merge */
		{"Петрів", "Петрик"},
		{"Польовий", "Поляков"},
		{"Чорний", "Чернов"},
		{"Безсмертний", "Безпалий"},
		{"Завгородня", "Загородний"},
		{"Білецький", "Балицький"},
	};
	report r = {0};
	for(size_t i = 0; i < sizeof(pairs) / sizeof(*pairs); i++) {
		char ka[KEYS_MAX], kb[KEYS_MAX];
		keys_of(*state, pairs[i][0], ka);
		keys_of(*state, pairs[i][1], kb);
		if(share_key(ka, kb) || !*ka || !*kb)
			report_add(&r, "  %s [%s] and %s [%s] should have distinct, non-empty keys\n",
			           pairs[i][0], ka, pairs[i][1], kb);
	}
	report_check(&r, (int)(sizeof(pairs) / sizeof(*pairs)));
}

/* The same word: keys must be identical, not only overlap. */
struct same_case {
	const char *a, *b;
};

static void check_same_keys(names *nm, const struct same_case *cases, size_t n)
{
	report r = {0};
	for(size_t i = 0; i < n; i++) {
		char ka[KEYS_MAX], kb[KEYS_MAX];
		keys_of(nm, cases[i].a, ka);
		keys_of(nm, cases[i].b, kb);
		if(strcmp(ka, kb) || !*ka)
			report_add(&r, "  \"%s\" [%s] and \"%s\" [%s] should key alike\n", cases[i].a, ka,
			           cases[i].b, kb);
	}
	report_check(&r, (int)n);
}

#define CHECK_SAME(nm, cases) check_same_keys(nm, cases, sizeof(cases) / sizeof(*cases))

static void test_key_latin_lookalikes_inside_cyrillic_read_as_cyrillic(void **state)
{
	/* The first word of each pair has Latin letters that look Cyrillic. */
	static const struct same_case cases[] = {
		{"Cергій", "Сергій"},          /* Latin C */
		{"Iван", "Іван"},              /* Latin I */
		{"Oлена", "Олена"},            /* Latin O */
		{"ШEВЧEНКO", "ШЕВЧЕНКО"},      /* Latin E, O */
		{"Pоман", "Роман"},            /* Latin P */
		{"Tарас", "Тарас"},            /* Latin T */
		{"Hаталія", "Наталія"},        /* Latin H */
		{"Kатерина", "Катерина"},      /* Latin K */
		{"Mикола", "Микола"},          /* Latin M */
		{"Bасиль", "Василь"},          /* Latin B */
		{"Xарків", "Харків"},          /* Latin X */
		{"Aнна", "Анна"},              /* Latin A */
		{"Yляна", "Уляна"},            /* Latin Y */
		{"Iвaн Cергійович", "Іван Сергійович"},
	};
	CHECK_SAME(*state, cases);
}

static void test_key_case_and_punctuation_do_not_matter(void **state)
{
	static const struct same_case cases[] = {
		{"ШЕВЧЕНКО", "Шевченко"},
		{"шевченко", "Шевченко"},
		{"(Шевченко),", "Шевченко"},
		{"«Шевченко»", "Шевченко"},
		{"  Шевченко.  ", "Шевченко"},
		{"\"Shevchenko\";", "SHEVCHENKO"},
		{"ОЛЕКСАНДР ШЕВЧЕНКО", "Олександр, Шевченко"},
		{"Ｓｈｅｖｃｈｅｎｋｏ", "shevchenko"},
	};
	CHECK_SAME(*state, cases);
}

static void test_key_apostrophes_keep_a_word_whole(void **state)
{
	static const struct same_case cases[] = {
		{"Мар'яна", "Марьяна"},
		{"Мар\u2019яна", "Марьяна"},    /* ’ */
		{"Мар\u02BCяна", "Марьяна"},    /* ʼ */
		{"Мар`яна", "Марьяна"},
		{"Мар\u00B4яна", "Марьяна"},    /* ´ */
		{"Mar'iana", "Mariana"},
		{"Solov\u02B9yov", "Solovyov"}, /* BGN soft sign ʹ */
		{"Ob\u02BAyezd", "Obyezd"},     /* BGN hard sign ʺ */
	};
	CHECK_SAME(*state, cases);
	char k[KEYS_MAX];
	assert_string_equal(keys_of(*state, "Мар'яна", k), "mariana");
}

static void test_key_feminine_surnames_also_key_as_masculine(void **state)
{
	/* A family is searched for under either form of its name. */
	static const char *const groups[][GROUP_MAX] = {
		{"Іванова", "Іванов", "Ivanova", "Иванов"},
		{"Ковальська", "Ковальський", "Kovalska", "Kovalskyi"},
		{"Вишневская", "Вишневский", "Vishnevskaya", "Vyshnevskyi"},
		{"Петрова", "Petrov"},
		{"Лисицька", "Лисицький"},
		{"Ільїна", "Ильин", "Ilyina"},
	};
	check_groups(*state, groups, sizeof(groups) / sizeof(groups[0]));
	/* The rule wants a stem: short words are left alone. */
	char k[KEYS_MAX];
	keys_of(*state, "Ова", k);
	assert_string_equal(k, "ova");
}

static void test_key_ukrainian_and_russian_forms_share_a_key(void **state)
{
	/* Issue 14 item 6: the misses of a search by the Russian form for the
	 * Ukrainian person, none of them a dictionary row. */
	static const char *const groups[][GROUP_MAX] = {
		{"Дьоміна", "Демина", "Дёмина"},                   /* ьо ~ ё ~ е */
		{"Дьомін", "Demin", "Дёмин"},
		{"Польовий", "Полевой", "Полевий"},                /* ьо ~ е, -ий ~ -ой */
		{"Пугачов", "Пугачев", "Пугачёв", "Pugachov", "Puhachov"}, /* о after ч ~ е */
		{"Чорний", "Черный", "Chornyi"},
		{"Корольов", "Королёв", "Королев"},
		{"Безсмертний", "Бессмертный", "Bezsmertnyi"},     /* зс ~ сс */
		{"Безсмертна", "Бессмертная"},                     /* -а ~ -ая */
		{"Завгородня", "Завгородняя", "Zavhorodnia", "Zavgorodnyaya"}, /* -я ~ -яя */
		{"Підгорська", "Подгорская", "Подгорский"},        /* під- ~ под- */
		{"Петрівський", "Петровский"},                     /* -івськ- ~ -овск- */
		{"Вишнівський", "Вишневский"},
		{"Петрів", "Петров"},                              /* -ів ~ -ов ~ -ев */
		{"Пономарів", "Пономарев"},
		{"Іванівна", "Ивановна"},                          /* patronymics */
		{"Ігорович", "Игоревич"},
		{"Андріївна", "Андреевна"},
		{"Білецький", "Белецкий"},                         /* і ~ е */
		{"Олійник", "Олейник"},
		{"Біляєв", "Беляев"},
		{"Кислиця", "Кислица"},                            /* -иця ~ -ица */
	};
	check_groups(*state, groups, sizeof(groups) / sizeof(groups[0]));
}

static void test_key_common_forms_leave_the_reading_alone(void **state)
{
	/* Linkage compares names_word_key, the reading: the common forms are
	 * search keys only, and add none to a word that has none to fold. */
	static const word_keys_case cases[] = {
		{"Дьоміна", "domina", "domina domin demina demin demena"}, /* і as е last */
		{"Безсмертний", "bezsmertni", "bezsmertni besmertni"},
		{"Завгородняя", "zavhorodniaia", "zavhorodniaia zavhorodnia zavhorodni"},
		{"Пугачов", "puhacov", "puhacov"},          /* already the common form */
		{"Пугачев", "puhacev", "puhacev puhacov"},
		{"Шевченко", "wevcenko", "wevcenko"},
		{"Иванов", "ivanov", "ivanov"},
	};
	check_word_keys(*state, cases, sizeof(cases) / sizeof(*cases));
}

static void test_key_hyphenated_surname_gives_two_words(void **state)
{
	static const key_case cases[] = {
		{"Петренко-Шевчук", "petrenko wevcuk"},
		{"Петренко\u2013Шевчук", "petrenko wevcuk"},  /* en dash */
		{"Petrenko-Shevchuk", "petrenko wevcuk"},
		{"Іванова-Петрова", "ivanova ivanov petrova petrov"},
	};
	check_key_cases(*state, cases, sizeof(cases) / sizeof(*cases));
}

static void test_key_keys_are_deduplicated(void **state)
{
	static const struct {
		const char *before, *in, *want;
	} cases[] = {
		{"", "Іван Іван", "ivan"},
		{"", "Олександр Александр", "oleksandr aleksandr"},
		{"", "Oleksandr OLEKSANDR Олександр", "oleksandr aleksandr"},
		{"ivan", "Іван Петро", "ivan petro petr"},   /* Петро = Пётр */
		{"aleksandr", "Олександр", "aleksandr oleksandr"},
		{"petro", "Петро", "petro petr"},            /* a prefix is not a match */
		{"petrovic", "Петро", "petrovic petro petr"},
	};
	report r = {0};
	for(size_t i = 0; i < sizeof(cases) / sizeof(*cases); i++) {
		buf b;
		buf_init(&b, 0);
		pl_rc rc = buf_adds(&b, cases[i].before);
		if(!rc)
			rc = names_keys(*state, cases[i].in, &b);
		if(rc || strcmp(buf_str(&b), cases[i].want))
			report_add(&r, "  \"%s\" after [%s]: expected [%s], got [%s] (rc %d)\n", cases[i].in,
			           cases[i].before, cases[i].want, buf_str(&b), (int)rc);
		buf_free(&b);
	}
	report_check(&r, (int)(sizeof(cases) / sizeof(*cases)));
}

static void test_key_word_key_has_no_equivalences(void **state)
{
	static const word_keys_case cases[] = {
		{"Олександр", "oleksandr", "oleksandr aleksandr"},
		{"Mykola", "mikola", "mikola nikolai"},
		{"Александр", "aleksandr", "aleksandr"},
		{"Щербак", "qerbak", "qerbak"},
	};
	check_word_keys(*state, cases, sizeof(cases) / sizeof(*cases));
}

static void test_key_empty_and_punctuation_only_give_no_key(void **state)
{
	static const char *const inputs[] = {"", " ", "  -  ", "«»", "'", "...", "—", "Ωμέγα"};
	report r = {0};
	for(size_t i = 0; i < sizeof(inputs) / sizeof(*inputs); i++) {
		char k[KEYS_MAX], w[KEYS_MAX];
		keys_of(*state, inputs[i], k);
		word_key_of(inputs[i], w);
		if(*k || *w)
			report_add(&r, "  \"%s\": expected no key, got [%s] / word key [%s]\n", inputs[i], k, w);
	}
	report_check(&r, (int)(sizeof(inputs) / sizeof(*inputs)));
}

static void test_key_invalid_utf8_is_an_input_error(void **state)
{
	static const char *const inputs[] = {"\xFF", "Іван \xD0", "Ω\xC0\xAF"};
	report r = {0};
	for(size_t i = 0; i < sizeof(inputs) / sizeof(*inputs); i++) {
		buf b;
		buf_init(&b, 0);
		pl_rc rk = names_keys(*state, inputs[i], &b);
		pl_rc rw = names_word_key(inputs[i], &b);
		buf_free(&b);
		if(rk != PL_EINPUT || rw != PL_EINPUT)
			report_add(&r, "  invalid input #%zu: names_keys %d, names_word_key %d\n", i, (int)rk,
			           (int)rw);
	}
	report_check(&r, (int)(sizeof(inputs) / sizeof(*inputs)));
}

/* Words are cut at 128 code points; the key stays short and a-z. */
static void test_key_long_words_give_short_keys(void **state)
{
	char word[2048] = "";
	for(int i = 0; i < 150; i++)
		strcat(word, i % 2 ? "щ" : "ю");   /* shch/iu: the longest readings */
	char latin[2048] = "";
	for(int i = 0; i < 150; i++)
		strcat(latin, "shchx");
	const char *inputs[] = {word, latin};
	report r = {0};
	for(size_t i = 0; i < 2; i++) {
		char k[KEYS_MAX], w[KEYS_MAX];
		keys_of(*state, inputs[i], k);
		word_key_of(inputs[i], w);
		if(!*k || strlen(k) >= 128 || !only_a_to_z_and_spaces(k) || strchr(k, ' ') ||
		   strcmp(k, w))
			report_add(&r, "  long word #%zu: key [%s] (%zu chars), word key [%s]\n", i, k,
			           strlen(k), w);
	}
	report_check(&r, 2);
}

/* ---- the a-z promise -------------------------------------------------- */

/* Every cell of the dictionary, and odd text. Digits are left to
 * test_key_digits_are_not_in_keys (fixed); two dictionary rows have them
 * ("Андрійович - 2,Андреевич - 2,2", "Олегівна - 2,Олеговна - 2,2"). */
static void test_key_keys_contain_only_a_to_z(void **state)
{
	static const char *const odd[] = {
		"O'Brien", "Müller", "Straße", "Łukasz Żółć", "Ⅻ", "Ωμέγα Іван", "山田 Іван",
		"Ǆuro", "Ѣвгеній", "Ђорђе Јовановић", "\U0001F600Іван", "Mœller",
	};
	report r = {0};
	int total = 0;
	for(size_t i = 0; i < sizeof(odd) / sizeof(*odd); i++) {
		char k[KEYS_MAX];
		total++;
		if(!only_a_to_z_and_spaces(keys_of(*state, odd[i], k)))
			report_add(&r, "  \"%s\": [%s]\n", odd[i], k);
	}
	size_t len;
	const char *text = names_dict_text(&len);
	FILE *f = fmemopen((void *)text, len, "r");
	assert_non_null(f);
	csv_reader *rd;
	pl_err err = {0};
	pl_rc rc = csv_reader_open(&rd, f, "uk_ru_names.csv", &err);
	while(!rc) {
		csv_record rec;
		bool eof;
		if((rc = csv_read(rd, &rec, &eof, &err)) || eof)
			break;
		for(size_t c = 0; c < rec.nfields && c < 2; c++) {
			char k[KEYS_MAX];
			if(strpbrk(rec.fields[c], "0123456789"))
				continue;
			total++;
			if(!only_a_to_z_and_spaces(keys_of(*state, rec.fields[c], k)))
				report_add(&r, "  dictionary line %ld: \"%s\": [%s]\n", rec.line, rec.fields[c], k);
		}
	}
	csv_reader_close(rd);
	fclose(f);
	if(rc)
		fail_msg("reading the dictionary: %s", err.msg);
	report_check(&r, total);
}

static void test_key_digits_are_not_in_keys(void **state)
{
	/* Regression (fixed): digits go into keys. names.h: "Keys only ever contain the
	 * letters a-z", but each_word() in key.c takes digits as word
	 * characters and read_latin() copies them: "Іван 2" keys as "ivan 2",
	 * "Ivan2" as "ivan2", "½" (NFKC "1⁄2") as "1 2". Expected: the letters
	 * only ("ivan"), and no key for a word without letters. */
	static const key_case cases[] = {
		{"Іван 2", "ivan"},
		{"Ivan2", "ivan"},
		{"Іван2", "ivan"},
		{"Іван 12", "ivan"},
		{"½", ""},
	};
	check_key_cases(*state, cases, sizeof(cases) / sizeof(*cases));
}

/* ---- folding seen through the key ------------------------------------- */

static void test_key_combining_marks_do_not_split_words(void **state)
{
	/* Regression (fixed): a combining mark that NFKC cannot compose into its letter splits
	 * the word: "Ива́н" (stress mark U+0301 on а, as in dictionaries and
	 * encyclopedias) keys as "iva n", "Оле́на" as "ole na". each_word() in
	 * key.c ends a word at anything that is not a letter, digit or word
	 * mark, and U+0301 is none of these. Combining marks belong to the
	 * letter before them (Unicode UAX #29, rule WB4: Extend characters
	 * never break a word); expected: the keys of the unaccented word. */
	static const struct same_case cases[] = {
		{"Ива\u0301н", "Иван"},
		{"Оле\u0301на", "Олена"},
		{"Мико\u0301ла", "Микола"},
		{"I\u0307van", "Ivan"},   /* what NFKC_Casefold makes of Turkish İ */
	};
	CHECK_SAME(*state, cases);
}

static void test_key_word_keys_do_not_depend_on_other_words(void **state)
{
	/* Regression (fixed): "Мар´яна" (U+00B4 as the apostrophe) keys as "mariana", but
	 * "Мар´яна Ｋ" keys as "mar iana k": any character that sends
	 * names_fold() down the ICU path (fullwidth, Greek, combining marks)
	 * anywhere in the text makes NFKC turn ´ into a space and U+0301, which
	 * splits the word. internal.h counts U+00B4 as a word mark, so the
	 * expected keys are "mariana k", as with the other apostrophes. */
	static const struct same_case cases[] = {
		{"Мар\u00B4яна Ｋ", "Мар'яна К"},
		{"Мар\u00B4яна Ωμέγα", "Мар'яна"},
		{"Mar\u00B4iana Ｋ", "Mariana K"},
	};
	CHECK_SAME(*state, cases);
}

/* ---- every scheme lands on the key ------------------------------------ */

/* A single Cyrillic word, Ukrainian letters and apostrophes allowed. */
static bool cyrillic_word(const char *s)
{
	size_t n = strlen(s);
	if(!n)
		return false;
	for(size_t i = 0; i < n;) {
		uint32_t cp;
		size_t k = utf8_decode(s + i, n - i, &cp);
		if(!k)
			return false;
		bool ok = (cp >= 0x410 && cp <= 0x44F) || cp == 0x401 || cp == 0x451 || cp == 0x404 ||
		          cp == 0x454 || cp == 0x406 || cp == 0x456 || cp == 0x407 || cp == 0x457 ||
		          cp == 0x490 || cp == 0x491 || cp == '\'' || cp == 0x2019 || cp == 0x02BC;
		if(!ok)
			return false;
		i += k;
	}
	return true;
}

static bool contains_any(const char *lower, const char *const *seqs)
{
	for(; *seqs; seqs++)
		if(strstr(lower, *seqs))
			return true;
	return false;
}

/* х after the first letter: GOST B writes it x, which the key reads as ks
 * (see test_key_known_limitations_of_conflicting_spellings). */
static bool gost_mid_word_kha(const char *lower)
{
	const char *p = strstr(lower, "х");
	return p && (p != lower || strstr(p + 1, "х"));
}

/* Every Cyrillic word of the dictionary, transliterated by names_transliterate
 * in the schemes that apply to its language, keys like the Cyrillic word:
 * names.h promises every common scheme lands on the key. */
static void test_key_every_scheme_lands_on_the_key_of_the_dictionary_words(void **state)
{
	(void)state;
	/* Letter pairs whose Latin spelling is itself a digraph of another
	 * letter, so no key can read them back: тш "tsh" (ts = ц), сч "sch"
	 * (German ш), and in KMU сг "sh" (ш) and кг "kh" (х). Ахматшин,
	 * Ротшильд, Песчанская, Домусчі, Сгара, Вікгор... */
	static const char *const ambiguous_all[] = {"тш", "сч", NULL};
	static const char *const ambiguous_kmu[] = {"тш", "сч", "сг", "кг", NULL};
	/* ICAO writes ъ "ie": see test_key_icao_hard_sign_is_a_known_limitation. */
	static const char *const ambiguous_icao[] = {"тш", "сч", "ъ", NULL};
	static const struct {
		names_scheme scheme;
		int column;  /* 0: Ukrainian form, 1: Russian form */
		const char *const *skip;
	} runs[] = {
		{NAMES_KMU2010, 0, ambiguous_kmu},
		{NAMES_ICAO9303, 0, ambiguous_icao},
		{NAMES_ICAO9303, 1, ambiguous_icao},
		{NAMES_BGN_RU, 1, ambiguous_all},
		{NAMES_GOST779B, 0, ambiguous_all},
		{NAMES_GOST779B, 1, ambiguous_all},
	};
	enum { RUNS = sizeof(runs) / sizeof(*runs) };
	int compared[RUNS] = {0}, skipped[RUNS] = {0};
	report r = {0};
	size_t len;
	const char *text = names_dict_text(&len);
	FILE *f = fmemopen((void *)text, len, "r");
	assert_non_null(f);
	csv_reader *rd;
	pl_err err = {0};
	pl_rc rc = csv_reader_open(&rd, f, "uk_ru_names.csv", &err);
	buf lower, latin;
	buf_init(&lower, 0);
	buf_init(&latin, 0);
	while(!rc) {
		csv_record rec;
		bool eof;
		if((rc = csv_read(rd, &rec, &eof, &err)) || eof)
			break;
		if(rec.number == 1 || rec.nfields < 2)
			continue;
		for(int u = 0; u < RUNS; u++) {
			const char *word = rec.fields[runs[u].column];
			if(!cyrillic_word(word))
				continue;
			buf_reset(&lower);
			if(names_fold(word, &lower))
				continue;
			if(contains_any(buf_str(&lower), runs[u].skip) ||
			   (runs[u].scheme == NAMES_GOST779B && gost_mid_word_kha(buf_str(&lower)))) {
				skipped[u]++;
				continue;
			}
			compared[u]++;
			buf_reset(&latin);
			char kc[KEYS_MAX], kl[KEYS_MAX];
			if(names_transliterate(word, runs[u].scheme, &latin)) {
				report_add(&r, "  %s \"%s\": transliteration failed\n",
				           names_scheme_name(runs[u].scheme), word);
				continue;
			}
			word_key_of(word, kc);
			word_key_of(buf_str(&latin), kl);
			if(strcmp(kc, kl))
				report_add(&r, "  %s \"%s\" [%s] -> \"%s\" [%s]\n", names_scheme_name(runs[u].scheme),
				           word, kc, buf_str(&latin), kl);
		}
	}
	buf_free(&lower);
	buf_free(&latin);
	csv_reader_close(rd);
	fclose(f);
	if(rc)
		fail_msg("reading the dictionary: %s", err.msg);
	int total = 0;
	for(int u = 0; u < RUNS; u++) {
		total += compared[u];
		/* the exclusions must stay exceptions (GOST: х is common) */
		int limit = runs[u].scheme == NAMES_GOST779B ? compared[u] / 10 : compared[u] / 200;
		if(compared[u] < 10000 || skipped[u] > limit)
			report_add(&r, "  %s column %d: %d words compared, %d skipped\n",
			           names_scheme_name(runs[u].scheme), runs[u].column + 1, compared[u],
			           skipped[u]);
	}
	report_check(&r, total);
}

static void test_key_icao_hard_sign_is_a_known_limitation(void **state)
{
	/* Limitation, kept on purpose: ICAO 9303 alone writes ъ as "ie"
	 * (Подъячев -> Podieiachev); every other scheme drops it or writes a
	 * mark, and reading "ie" as ъ would break them. ъ is rare in names
	 * (Подъячев, Безъязычный, Грабъянка in the dictionary; before е, as in
	 * Объедков, the "ie" happens to fold away), so such an ICAO spelling is
	 * left to fuzzy matching. names.h says so. The BGN spellings of the
	 * same words do meet the Cyrillic. */
	static const char *const words[] = {"Подъячев", "Безъязычный", "Грабъянка"};
	report r = {0};
	for(size_t i = 0; i < sizeof(words) / sizeof(*words); i++) {
		char kc[KEYS_MAX], kicao[KEYS_MAX], kbgn[KEYS_MAX];
		buf icao, bgn;
		buf_init(&icao, 0);
		buf_init(&bgn, 0);
		pl_rc rc = names_transliterate(words[i], NAMES_ICAO9303, &icao);
		if(!rc)
			rc = names_transliterate(words[i], NAMES_BGN_RU, &bgn);
		keys_of(*state, words[i], kc);
		keys_of(*state, buf_str(&icao), kicao);
		keys_of(*state, buf_str(&bgn), kbgn);
		if(rc || share_key(kc, kicao) || !share_key(kc, kbgn))
			report_add(&r, "  %s [%s]: ICAO %s [%s] should not meet it, BGN %s [%s] should\n",
			           words[i], kc, buf_str(&icao), kicao, buf_str(&bgn), kbgn);
		buf_free(&icao);
		buf_free(&bgn);
	}
	report_check(&r, (int)(sizeof(words) / sizeof(*words)));
}

static UTransliterator *icu_open(const char *id)
{
	UChar uid[64];
	u_uastrcpy(uid, id);
	UErrorCode ec = U_ZERO_ERROR;
	UTransliterator *t = utrans_openU(uid, -1, UTRANS_FORWARD, NULL, 0, NULL, &ec);
	return U_FAILURE(ec) ? NULL : t;
}

static void icu_translit(UTransliterator *t, const char *s, char *out, size_t size)
{
	UErrorCode ec = U_ZERO_ERROR;
	UChar u[512];
	int32_t len = 0;
	u_strFromUTF8(u, 128, &len, s, -1, &ec);
	int32_t limit = len;
	utrans_transUChars(t, u, &len, 512, 0, &limit, &ec);
	u_strToUTF8(out, (int32_t)size, NULL, u, len, &ec);
	if(U_FAILURE(ec))
		snprintf(out, size, "<ICU error %s>", u_errorName(ec));
}

static void test_key_bgn_middle_dot_keeps_letters_apart(void **state)
{
	/* Regression (fixed): BGN/PCGN writes a middle dot exactly where two letters would
	 * otherwise read as a digraph (ш·ч is not щ, з·г is not ж), but
	 * each_word() drops U+00B7 as a word mark before the Latin is read, so
	 * "Sh·chedrin" (our own NAMES_BGN_RU for Шчедрин) reads shch = щ and
	 * keys "qedrin", not "wcedrin"; ICU's Ukrainian-Latin/BGN gives
	 * "Z·hursʹkyy" for Згурський (key "jurski", not "zhurski") and
	 * "Roz·hon" for Розгон ("rojon", not "rozhon"). Expected: the dot ends
	 * one Latin reading and starts the next, so each keys like its
	 * Cyrillic. */
	static const struct {
		const char *cyr, *latin, *icu_id;
	} cases[] = {
		{"Шчедрин", "Sh\u00B7chedrin", NULL},
		{"Згурський", "Z\u00B7hurs\u02B9kyy", "Ukrainian-Latin/BGN"},
		{"Розгон", "Roz\u00B7hon", "Ukrainian-Latin/BGN"},
		{"Безгінова", "Bez\u00B7hinova", "Ukrainian-Latin/BGN"},
		{"Тсой", "T\u00B7soy", NULL},   /* passes: т+с and ц share the key x */
	};
	report r = {0};
	for(size_t i = 0; i < sizeof(cases) / sizeof(*cases); i++) {
		/* the Latin is what the scheme really writes */
		char made[KEYS_MAX];
		if(cases[i].icu_id) {
			UTransliterator *t = icu_open(cases[i].icu_id);
			if(!t) {
				report_add(&r, "  ICU has no %s\n", cases[i].icu_id);
				continue;
			}
			icu_translit(t, cases[i].cyr, made, sizeof(made));
			utrans_close(t);
		} else {
			buf b;
			buf_init(&b, 0);
			pl_rc rc = names_transliterate(cases[i].cyr, NAMES_BGN_RU, &b);
			snprintf(made, sizeof(made), "%s", rc ? "<error>" : buf_str(&b));
			buf_free(&b);
		}
		if(strcmp(made, cases[i].latin)) {
			report_add(&r, "  %s: BGN gives \"%s\", the test expects \"%s\"\n", cases[i].cyr, made,
			           cases[i].latin);
			continue;
		}
		char kc[KEYS_MAX], kl[KEYS_MAX];
		keys_of(*state, cases[i].cyr, kc);
		keys_of(*state, cases[i].latin, kl);
		if(!share_key(kc, kl))
			report_add(&r, "  %s [%s] and %s [%s] share no key\n", cases[i].cyr, kc,
			           cases[i].latin, kl);
	}
	report_check(&r, (int)(sizeof(cases) / sizeof(*cases)));
}

static void test_key_german_schtsch_reads_as_shcha(void **state)
{
	/* Regression (fixed): German (Duden) spelling writes щ as "schtsch" (Juschtschenko,
	 * Chruschtschow, Schtschors); names.h lists German spellings among
	 * those that land on the key, but read_latin() has no "schtsch" rule
	 * and reads sch = ш then tsch = ч: Juschtschenko keys "iuwcenko",
	 * Ющенко "iuqenko". A "schtsch" -> q rule, longest first, conflicts
	 * with no other scheme. */
	static const char *const pairs[][2] = {
		{"Ющенко", "Juschtschenko"},
		{"Щорс", "Schtschors"},
		{"Борщ", "Borschtsch"},
	};
	report r = {0};
	for(size_t i = 0; i < sizeof(pairs) / sizeof(*pairs); i++) {
		char ka[KEYS_MAX], kb[KEYS_MAX];
		keys_of(*state, pairs[i][0], ka);
		keys_of(*state, pairs[i][1], kb);
		if(!share_key(ka, kb))
			report_add(&r, "  %s [%s] and %s [%s] share no key\n", pairs[i][0], ka, pairs[i][1], kb);
	}
	report_check(&r, (int)(sizeof(pairs) / sizeof(*pairs)));
}

/* ---- known limitations: current behaviour, asserted -------------------- */

static void test_key_known_limitation_english_alexander(void **state)
{
	/* English "x" for кс is read as ks, so Alexander keys "aleksander";
	 * but the English form also has -er for -р, which no rule undoes:
	 * Alexander and Aleksandr (Олександр) do not share a key. Matching
	 * them is left to the fuzzy comparison of a later issue. If a change
	 * makes them meet, this test fails: then turn it into a group of
	 * test_key_spellings_of_one_name_share_a_key. */
	char a[KEYS_MAX], b[KEYS_MAX], c[KEYS_MAX];
	keys_of(*state, "Alexander", a);
	keys_of(*state, "Aleksandr", b);
	keys_of(*state, "Олександр", c);
	if(share_key(a, b) || share_key(a, c) || strcmp(a, "aleksander"))
		fail_msg("Alexander [%s], Aleksandr [%s], Олександр [%s]: the limitation changed", a, b, c);
	/* the x rule itself works: Maxim and Alexei do meet their Cyrillic */
	static const char *const x_pairs[][2] = {{"Maxim", "Максим"}, {"Alexei", "Олексій"}};
	for(size_t i = 0; i < sizeof(x_pairs) / sizeof(*x_pairs); i++) {
		keys_of(*state, x_pairs[i][0], a);
		keys_of(*state, x_pairs[i][1], b);
		if(!share_key(a, b))
			fail_msg("%s [%s] and %s [%s] share no key", x_pairs[i][0], a, x_pairs[i][1], b);
	}
}

static void test_key_known_limitations_of_conflicting_spellings(void **state)
{
	/* Pairs that do not share a key because two spelling systems use the
	 * same Latin letters for different Cyrillic ones; the key picks one
	 * reading. names.h says German, Polish and GOST 7.79 B spellings land
	 * on the key: these are the places where they do not. If a change
	 * makes a pair meet, move it to the groups above. */
	static const struct {
		const char *a, *b, *why;
	} cases[] = {
		/* Polish ch = х, ie = е after a consonant; the key reads ch = ч
		 * (English) and keeps ie: "cmelnixki" vs "hmelnixki". */
		{"Хмельницький", "Chmielnicki", "Polish ch/ie"},
		/* Polish cz = ч; the key reads cz = ц (GOST B "Czoj" = Цой):
		 * Szewczenko "wevxenko" vs "wevcenko". Every Polish -cz- (-czuk,
		 * -czenko, -icz) is affected. */
		{"Шевченко", "Szewczenko", "Polish cz"},
		{"Кличко", "Kliczko", "Polish cz"},
		/* German ch = х and z = ц; the key reads ch = ч and z = з. */
		{"Хмельницький", "Chmelnyzkyj", "German ch/z"},
		/* GOST B writes х as x everywhere; the key reads x as х only at the
		 * start of a word (Xrushhyov) and as ks elsewhere (English Maxim,
		 * Alexei). About 5% of the dictionary words have a х after the first
		 * letter: Михайло, Тихонов... */
		{"Михайло", "Mixajlo", "GOST B x inside a word"},
		{"Тихонов", "Tixonov", "GOST B x inside a word"},
		/* English initial X is ks (Xenia = Ксенія); the key reads an initial
		 * x as х (GOST B). */
		{"Ксенія", "Xenia", "English initial x"},
	};
	report r = {0};
	for(size_t i = 0; i < sizeof(cases) / sizeof(*cases); i++) {
		char ka[KEYS_MAX], kb[KEYS_MAX];
		keys_of(*state, cases[i].a, ka);
		keys_of(*state, cases[i].b, kb);
		if(share_key(ka, kb))
			report_add(&r, "  %s [%s] and %s [%s] (%s) now share a key: update this test\n",
			           cases[i].a, ka, cases[i].b, kb, cases[i].why);
	}
	report_check(&r, (int)(sizeof(cases) / sizeof(*cases)));
}

/* ---- names_query ------------------------------------------------------- */

static void test_query_terms_carry_the_equivalent_key(void **state)
{
	static const struct {
		const char *word, *key0, *key1;  /* key1 NULL: no equivalent */
	} want[] = {
		{"Олександр", "oleksandr", "aleksandr"},
		{"Іванович", "ivanovic", NULL},
		{"Шевченко", "wevcenko", NULL},
		{"Mykola", "mikola", "nikolai"},
		{"Николай", "nikolai", NULL},
	};
	arena a;
	arena_init(&a, 0);
	pl_err err = {0};
	names_term *terms = NULL;
	size_t n = 0;
	pl_rc rc = names_query(*state, "Олександр Іванович ШЕВЧЕНКО, Mykola (Николай)", &a, &terms, &n,
	                       &err);
	report r = {0};
	if(rc != PL_OK)
		report_add(&r, "  names_query failed: %s\n", err.msg);
	else if(n != sizeof(want) / sizeof(*want))
		report_add(&r, "  expected %zu terms, got %zu\n", sizeof(want) / sizeof(*want), n);
	else {
		for(size_t i = 0; i < n; i++) {
			int nk = want[i].key1 ? 2 : 1;
			if(terms[i].nkeys != nk || strcmp(terms[i].keys[0], want[i].key0) ||
			   (nk == 2 && strcmp(terms[i].keys[1], want[i].key1)))
				report_add(&r, "  term %zu (%s): expected [%s %s], got %d keys [%s %s]\n", i,
				           want[i].word, want[i].key0, want[i].key1 ? want[i].key1 : "",
				           terms[i].nkeys, terms[i].keys[0],
				           terms[i].nkeys > 1 ? terms[i].keys[1] : "");
		}
	}
	arena_free(&a);
	report_check(&r, (int)(sizeof(want) / sizeof(*want)));
}

static void test_query_takes_at_most_eight_words(void **state)
{
	static const struct {
		const char *query;
		pl_rc rc;
		size_t nterms;
	} cases[] = {
		{"", PL_OK, 0},
		{" , — «» ", PL_OK, 0},   /* no words */
		{"Іван", PL_OK, 1},
		{"a b c d e f g h", PL_OK, 8},
		{"a b c d e f g h , — . «»", PL_OK, 8},   /* punctuation is not a word */
		{"Іван Петро Марія Олена Юрій Андрій Ольга Сергій", PL_OK, 8},
		{"a b c d e f g h i", PL_EINPUT, 0},
		{"Іван Петро Марія Олена Юрій Андрій Ольга Сергій Микола", PL_EINPUT, 0},
	};
	report r = {0};
	for(size_t i = 0; i < sizeof(cases) / sizeof(*cases); i++) {
		arena a;
		arena_init(&a, 0);
		pl_err err = {0};
		names_term *terms = NULL;
		size_t n = 0;
		pl_rc rc = names_query(*state, cases[i].query, &a, &terms, &n, &err);
		if(rc != cases[i].rc || (rc == PL_OK && n != cases[i].nterms))
			report_add(&r, "  \"%s\": expected rc %d with %zu terms, got rc %d with %zu (%s)\n",
			           cases[i].query, (int)cases[i].rc, cases[i].nterms, (int)rc, n, err.msg);
		else if(rc != PL_OK && !strstr(err.msg, "at most 8"))
			report_add(&r, "  \"%s\": message \"%s\" does not say \"at most 8\"\n", cases[i].query,
			           err.msg);
		arena_free(&a);
	}
	report_check(&r, (int)(sizeof(cases) / sizeof(*cases)));
}

static void test_query_refuses_invalid_utf8(void **state)
{
	arena a;
	arena_init(&a, 0);
	pl_err err = {0};
	names_term *terms = NULL;
	size_t n = 0;
	pl_rc rc = names_query(*state, "Іван \xFF", &a, &terms, &n, &err);
	char msg[PL_ERR_MSG_MAX], uk[PL_ERR_MSG_MAX];
	snprintf(msg, sizeof(msg), "%s", err.msg);
	msg_err_text(&err, LANG_UK, uk, sizeof(uk));
	arena_free(&a);
	assert_int_equal(rc, PL_EINPUT);
	assert_contains(msg, "UTF-8");
	/* By its code, in the user's language. */
	assert_string_equal(err.code, "names.query_utf8");
	assert_string_equal(uk, "запит — некоректний UTF-8");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_key_spellings_of_one_name_share_a_key),
		cmocka_unit_test(test_key_different_names_do_not_share_a_key),
		cmocka_unit_test(test_key_latin_lookalikes_inside_cyrillic_read_as_cyrillic),
		cmocka_unit_test(test_key_case_and_punctuation_do_not_matter),
		cmocka_unit_test(test_key_apostrophes_keep_a_word_whole),
		cmocka_unit_test(test_key_feminine_surnames_also_key_as_masculine),
		cmocka_unit_test(test_key_ukrainian_and_russian_forms_share_a_key),
		cmocka_unit_test(test_key_common_forms_leave_the_reading_alone),
		cmocka_unit_test(test_key_hyphenated_surname_gives_two_words),
		cmocka_unit_test(test_key_keys_are_deduplicated),
		cmocka_unit_test(test_key_word_key_has_no_equivalences),
		cmocka_unit_test(test_key_empty_and_punctuation_only_give_no_key),
		cmocka_unit_test(test_key_invalid_utf8_is_an_input_error),
		cmocka_unit_test(test_key_long_words_give_short_keys),
		cmocka_unit_test(test_key_keys_contain_only_a_to_z),
		cmocka_unit_test(test_key_digits_are_not_in_keys),
		cmocka_unit_test(test_key_combining_marks_do_not_split_words),
		cmocka_unit_test(test_key_word_keys_do_not_depend_on_other_words),
		cmocka_unit_test(test_key_every_scheme_lands_on_the_key_of_the_dictionary_words),
		cmocka_unit_test(test_key_icao_hard_sign_is_a_known_limitation),
		cmocka_unit_test(test_key_bgn_middle_dot_keeps_letters_apart),
		cmocka_unit_test(test_key_german_schtsch_reads_as_shcha),
		cmocka_unit_test(test_key_known_limitation_english_alexander),
		cmocka_unit_test(test_key_known_limitations_of_conflicting_spellings),
		cmocka_unit_test(test_query_terms_carry_the_equivalent_key),
		cmocka_unit_test(test_query_takes_at_most_eight_words),
		cmocka_unit_test(test_query_refuses_invalid_utf8),
	};
	int failed = cmocka_run_group_tests_name("names/key", tests, names_setup, names_teardown);
	u_cleanup();
	return failed;
}
