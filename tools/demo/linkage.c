/* Linkage benchmarks.
 *
 * Two lists of the same people, as two offices write them: side a as our
 * registry does (Ukrainian Cyrillic, 30% only in the Ukrainian passport
 * Latin of KMU 2010), side b as the other side's list does (the Russian
 * forms of the names: Олександр -> Александр; 40% only in Latin, in ICAO
 * 9303, BGN/PCGN or GOST 7.79 B), with the corruptions of LINKAGE_RATES.
 * Each side has people the other does not. Column ext.bench names the
 * person on both sides: the truth. */
#include <string.h>

#include "core/csv.h"
#include "core/date.h"
#include "core/utf8.h"
#include "demo/demo.h"
#include "demo/internal.h"

/* The corruption rates of side b, documented in docs/matching.md. */
static const struct {
	double in_both;        /* of side a's people, also on side b */
	double only_latin_a, only_latin_b;
	double swapped_names;  /* given name and surname exchanged */
	double surname_typo;   /* one letter changed, dropped or doubled */
	double given_typo;
	double no_patronymic;
	double dm_swapped;     /* birth day and month exchanged (day <= 12) */
	double date_digit;     /* one digit of the birth date wrong */
	double year_only;      /* only the year of birth */
	double no_birth;       /* no birth date */
	double sn_transposed;  /* two neighbouring digits of the service number exchanged */
	double sn_digit;       /* one digit wrong */
	double no_service;     /* no service number (on either side) */
} LINKAGE_RATES = {0.8, 0.3, 0.4, 0.05, 0.08, 0.04, 0.2, 0.05, 0.05, 0.05, 0.05, 0.05, 0.03, 0.3};

typedef struct link_person {
	pair surname, given, patr;
	int32_t born;
	const char *service, *unit, *place;
	int sex;
} link_person;

/* Code points as UTF-8 text in the person's arena. */
static const char *utf8_of(gen *g, const uint32_t *cp, size_t n)
{
	buf_reset(&g->scratch);
	for(size_t i = 0; i < n; i++) {
		char e[4];
		size_t k = utf8_encode(cp[i], e);
		if(buf_add(&g->scratch, e, k))
			g->nomem = true;
	}
	return arena_strdup(&g->a, buf_str(&g->scratch));
}

/* ---- surnames no dictionary knows -------------------------------------
 *
 * A Russian stem made of syllables, and its Ukrainian form by the regular
 * correspondences, so that the pairs look like Белоконь/Білокінь,
 * Подгорский/Підгорський, Беляев/Біляєв, Фомич/Хомич, Черноус/Чорноус:
 * none of them is in data/names, so only the spelling can tell they are
 * one name (bench_linkage --unknown-surnames; issue 14). */
static const char *const syl_onset[] = {"Бел", "Бор", "Вол", "Гор", "Дер", "Жур", "Зел", "Кол", "Кос",
                                        "Лоб", "Мор", "Нес", "Пол", "Роз", "Сел", "Сер", "Тер", "Хол",
                                        "Чер", "Шир", "Гол", "Мед", "Пет", "Рыб", "Сыр", "Лис", "Мир",
                                        "Вер", "Дуб", "Фом", "Под", "Кар", "Лыс", "Гриб", "Тих", "Мел"};
static const char *const syl_middle[] = {"", "о", "е", "ов", "ен", "ик", "ош", "ач"};
static const char *const syl_coda[] = {"кон", "лен", "рев", "мец", "рух", "дин", "лит", "сок",
                                       "ног", "гор", "вод", "пас", "бок", "ков", "лоп", "мах"};
/* Suffixes: Russian, Ukrainian masculine, Russian and Ukrainian feminine. */
static const char *const syl_suffix[][4] = {
	{"ь", "ь", "ь", "ь"},         {"ов", "ов", "ова", "ова"},   {"ев", "єв", "ева", "єва"},
	{"ин", "ін", "ина", "іна"},   {"ский", "ський", "ская", "ська"}, {"енко", "енко", "енко", "енко"},
	{"ук", "ук", "ук", "ук"},     {"ич", "ич", "ич", "ич"},     {"ец", "ець", "ец", "ець"},
	{"ой", "ий", "ая", "а"},
};

/* The Ukrainian spelling of a Russian word: ы -> и, и -> і, э -> е, ё ->
 * ьо, Под- -> Під-, Ф- -> Х- (half the time), the o or e of the word's
 * last closed syllable -> і (half the time: Белоконь -> Белокінь). */
static const char *ukrainian_of(gen *g, const char *ru, bool word_end)
{
	uint32_t cp[64], out[80];
	size_t n = 0, m = 0;
	for(size_t i = 0; ru[i] && n < 64;) {
		size_t k = utf8_decode(ru + i, strlen(ru + i), &cp[n]);
		if(!k)
			return ru;
		i += k;
		n++;
	}
	/* The last vowel before a final consonant (a closed syllable), when
	 * the stem ends the word. */
	size_t last_closed = n;
	if(n >= 3 && word_end) {
		for(size_t i = n - 1; i > 0; i--)
			if(cp[i] == 0x43E || cp[i] == 0x435) { /* о, е */
				if(i + 2 == n || (i + 3 == n && cp[n - 1] == 0x44C))
					last_closed = i;
				break;
			}
	}
	bool ikavism = rng_chance(&g->r, 0.5), fom = rng_chance(&g->r, 0.5);
	for(size_t i = 0; i < n && m < 78; i++) {
		uint32_t c = cp[i];
		if(i == 0 && c == 0x424 && fom) /* Ф */
			c = 0x425;                   /* Х */
		else if(i == 1 && cp[0] == 0x41F && c == 0x43E && n > 2 && cp[2] == 0x434) /* Под */
			c = 0x456;
		else if(i == last_closed && ikavism)
			c = 0x456;                   /* і */
		else if(c == 0x44B)              /* ы */
			c = 0x438;                   /* и */
		else if(c == 0x438)              /* и */
			c = 0x456;                   /* і */
		else if(c == 0x44D)              /* э */
			c = 0x435;
		else if(c == 0x451) {            /* ё */
			out[m++] = 0x44C;
			c = 0x43E;
		}
		out[m++] = c;
	}
	return utf8_of(g, out, m);
}

static pair unknown_surname(gen *g, int sex)
{
	const char *onset = syl_onset[rng_below(&g->r, sizeof(syl_onset) / sizeof(*syl_onset))];
	const char *mid = syl_middle[rng_below(&g->r, sizeof(syl_middle) / sizeof(*syl_middle))];
	const char *coda = syl_coda[rng_below(&g->r, sizeof(syl_coda) / sizeof(*syl_coda))];
	const char *const *suf = syl_suffix[rng_below(&g->r, sizeof(syl_suffix) / sizeof(*syl_suffix))];
	const char *stem = demo_textf(g, "%s%s%s", onset, mid, coda);
	const char *ru = demo_textf(g, "%s%s", stem, suf[sex == FEMALE ? 2 : 0]);
	const char *uk = demo_textf(g, "%s%s", ukrainian_of(g, stem, suf == syl_suffix[0]), suf[sex == FEMALE ? 3 : 1]);
	return (pair){uk, ru};
}

static void link_person_make(gen *g, long index, link_person *lp, bool unknown)
{
	demo_gen_start(g, index);
	g->side = OURS;
	lp->sex = g->sex = rng_chance(&g->r, 0.06) ? FEMALE : MALE;
	g->sn = demo_surname(g);
	lp->surname = unknown ? unknown_surname(g, lp->sex) : g->sn->form[lp->sex];
	lp->given = demo_given(g, lp->sex);
	lp->patr = demo_patronymic(g, lp->sex);
	lp->born = date_days_from_ymd(19650101) + (int32_t)rng_below(&g->r, 40 * 365);
	lp->service = rng_chance(&g->r, 1 - LINKAGE_RATES.no_service)
	              ? demo_textf(g, "%d%05d", rng_range(&g->r, 10000, 99999), rng_range(&g->r, 0, 99999))
	              : NULL;
	lp->unit = rng_chance(&g->r, 0.7) ? demo_textf(g, "в/ч А%04d", rng_range(&g->r, 100, 7999)) : NULL;
	lp->place = rng_chance(&g->r, 0.8) ? demo_pick_any(&g->r, demo_birth_places[OURS]) : NULL;
}

/* One letter of a Cyrillic word changed, dropped or doubled. */
static const char *typo(gen *g, const char *s)
{
	uint32_t cp[64];
	size_t n = 0;
	for(size_t i = 0; s[i] && n < 64;) {
		size_t k = utf8_decode(s + i, strlen(s + i), &cp[n]);
		if(!k)
			return s;
		i += k;
		n++;
	}
	if(n < 3)
		return s;
	size_t at = 1 + rng_below(&g->r, (uint32_t)(n - 1));
	int what = (int)rng_below(&g->r, 3);
	static const uint32_t letters[] = {0x430, 0x435, 0x438, 0x43E, 0x43D, 0x440, 0x43A, 0x432};
	if(what == 0)
		cp[at] = letters[rng_below(&g->r, 8)];
	else if(what == 1)
		memmove(cp + at, cp + at + 1, (--n - at) * sizeof(uint32_t));
	else if(n < 63) {
		memmove(cp + at + 1, cp + at, (n++ - at) * sizeof(uint32_t));
	}
	return utf8_of(g, cp, n);
}

static const char *digit_changed(gen *g, const char *s)
{
	char *t = arena_strdup(&g->a, s);
	size_t n = t ? strlen(t) : 0;
	if(!n)
		return s;
	size_t at = rng_below(&g->r, (uint32_t)n);
	if(t[at] >= '0' && t[at] <= '9')
		t[at] = (char)('0' + (t[at] - '0' + 1 + (int)rng_below(&g->r, 9)) % 10);
	return t;
}

static const char *digits_transposed(gen *g, const char *s)
{
	char *t = arena_strdup(&g->a, s);
	size_t n = t ? strlen(t) : 0;
	for(int tries = 0; n >= 2 && tries < 8; tries++) {
		size_t at = rng_below(&g->r, (uint32_t)(n - 1));
		if(t[at] != t[at + 1]) {
			char c = t[at];
			t[at] = t[at + 1];
			t[at + 1] = c;
			break;
		}
	}
	return t ? t : s;
}

static const char *birth_text(gen *g, int32_t born, bool corrupt)
{
	pdate d = date_from_days(born);
	double x = corrupt ? rng_unit(&g->r) : 1;
	double at = LINKAGE_RATES.no_birth;
	if(x < at)
		return NULL;
	if(x < (at += LINKAGE_RATES.year_only))
		d.m = d.d = 0;
	else if(x < (at += LINKAGE_RATES.dm_swapped) && d.d <= 12 && d.d != d.m) {
		int m = d.m;
		d.m = d.d;
		d.d = m;
	}
	char *s = arena_alloc(&g->a, DATE_STR_MAX);
	if(!s)
		return NULL;
	date_format(d, s);
	if(corrupt && x >= at && x < at + LINKAGE_RATES.date_digit) {
		/* A digit of the day or the year's last two, so that it stays a date. */
		static const int pos[] = {2, 3, 9};
		int p = pos[rng_below(&g->r, 3)];
		s[p] = (char)('0' + (s[p] - '0' + 1 + (int)rng_below(&g->r, (p == 9 ? 8 : 9))) % 10);
		pdate chk;
		const char *why;
		if(!date_parse(s, &chk, &why))
			date_format(d, s);
	}
	return s;
}

enum { LINK_COLS = 12 };
static const char *const link_header[LINK_COLS] = {
	"ext.bench", "surname", "given_names", "patronymic", "surname_latin", "given_names_latin",
	"patronymic_latin", "sex", "birth_date", "birth_place", "service_number", "unit"};

static pl_rc link_row(gen *g, buf *out, long index, const link_person *lp, bool side_b)
{
	const char *v[LINK_COLS] = {0};
	v[0] = demo_textf(g, "L%07ld", index);
	const char *nm3[3] = {side_b ? lp->surname.ru : lp->surname.uk,
	                        side_b ? lp->given.ru : lp->given.uk, side_b ? lp->patr.ru : lp->patr.uk};
	if(side_b) {
		if(rng_chance(&g->r, LINKAGE_RATES.surname_typo))
			nm3[0] = typo(g, nm3[0]);
		if(rng_chance(&g->r, LINKAGE_RATES.given_typo))
			nm3[1] = typo(g, nm3[1]);
		if(rng_chance(&g->r, LINKAGE_RATES.no_patronymic))
			nm3[2] = NULL;
		if(rng_chance(&g->r, LINKAGE_RATES.swapped_names)) {
			const char *t = nm3[0];
			nm3[0] = nm3[1];
			nm3[1] = t;
		}
	}
	static const names_scheme ru_schemes[] = {NAMES_ICAO9303, NAMES_BGN_RU, NAMES_GOST779B};
	if(rng_chance(&g->r, side_b ? LINKAGE_RATES.only_latin_b : LINKAGE_RATES.only_latin_a)) {
		names_scheme s = side_b ? ru_schemes[rng_below(&g->r, 3)] : NAMES_KMU2010;
		for(int k = 0; k < 3; k++)
			v[4 + k] = nm3[k] ? demo_latin(g, nm3[k], s) : NULL;
	} else {
		for(int k = 0; k < 3; k++)
			v[1 + k] = nm3[k];
	}
	v[7] = lp->sex == MALE ? "male" : "female";
	v[8] = birth_text(g, lp->born, side_b);
	v[9] = lp->place;
	v[10] = lp->service;
	if(side_b && lp->service) {
		double x = rng_unit(&g->r);
		if(x < LINKAGE_RATES.sn_transposed)
			v[10] = digits_transposed(g, lp->service);
		else if(x < LINKAGE_RATES.sn_transposed + LINKAGE_RATES.sn_digit)
			v[10] = digit_changed(g, lp->service);
	}
	v[11] = lp->unit;
	if(arena_oom(&g->a) || g->nomem)
		return PL_ENOMEM;
	return csv_format_record(out, v, LINK_COLS);
}

pl_rc registry_demo_linkage(FILE *a, FILE *b, long n, uint64_t seed, pl_err *err)
{
	return registry_demo_linkage_with(a, b, n, seed, false, err);
}

pl_rc registry_demo_linkage_with(FILE *a, FILE *b, long n, uint64_t seed, bool unknown_surnames, pl_err *err)
{
	if(n < 0)
		return pl_fail(err, PL_EUSAGE, "demo: the number of persons must be 0 or more, not %ld", n);
	gen g;
	pl_rc rc = demo_gen_open(&g, seed, err);
	if(rc)
		return rc;
	buf ba, bb;
	buf_init(&ba, 0);
	buf_init(&bb, 0);
	rc = csv_format_record(&ba, link_header, LINK_COLS);
	if(!rc)
		rc = csv_format_record(&bb, link_header, LINK_COLS);
	/* Person i is on side a; on side b too with probability in_both; side
	 * b is filled up to n with people of its own (indexes n, n+1, ...). */
	long own = n;
	for(long i = 0; i < n && !rc; i++) {
		link_person lp;
		link_person_make(&g, i, &lp, unknown_surnames);
		bool both = rng_chance(&g.r, LINKAGE_RATES.in_both);
		rc = link_row(&g, &ba, i, &lp, false);
		if(!rc && both)
			rc = link_row(&g, &bb, i, &lp, true);
		if(!rc && !both) {
			link_person_make(&g, own, &lp, unknown_surnames);
			rc = link_row(&g, &bb, own++, &lp, true);
		}
		if(!rc && ba.len >= FLUSH_AT)
			rc = demo_put(a, &ba, "side a", err);
		if(!rc && bb.len >= FLUSH_AT)
			rc = demo_put(b, &bb, "side b", err);
	}
	if(rc == PL_ENOMEM)
		pl_nomem(err);
	if(!rc)
		rc = demo_put(a, &ba, "side a", err);
	if(!rc)
		rc = demo_put(b, &bb, "side b", err);
	if(!rc)
		rc = demo_put_end(a, "side a", err);
	if(!rc)
		rc = demo_put_end(b, "side b", err);
	buf_free(&ba);
	buf_free(&bb);
	demo_gen_close(&g);
	return rc;
}

