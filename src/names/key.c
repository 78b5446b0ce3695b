/* The cross-script search key (see names.h for the idea).
 *
 * A word is read letter by letter into a reduced alphabet: Cyrillic letters
 * by a table, Latin text by longest-match spellings (shch, sh, zh, kh, ts,
 * ...). The reduced alphabet uses a-z, with single letters standing for
 * digraphs: c = ч, w = ш, q = щ, j = ж, x = ц. Then double letters become
 * single and ie/io read as e, so Andriienko, Andriyenko and Андрієнко meet.
 * Both scripts go through the same final rules, which keeps them consistent:
 * a rule may merge two names, but never splits one name's spellings. */
#include <stdlib.h>
#include <string.h>
#include <unicode/uchar.h>

#include "core/utf8.h"
#include "names/internal.h"
#include "names/names.h"

/* а..я */
static const char *const cyr_key[32] = {
	"a", "b", "v", "h", "d", "e", "j", "z", "i", "i", "k", "l", "m", "n", "o", "p",
	"r", "s", "t", "u", "f", "h", "x", "c", "w", "q", "", "i", "", "e", "iu", "ia",
};

static const char *cyr_reading(uint32_t c)
{
	if(c >= 0x430 && c <= 0x44F)
		return cyr_key[c - 0x430];
	switch(c) {
	case 0x451: return "e";  /* ё */
	case 0x454: return "e";  /* є */
	case 0x456: return "i";  /* і */
	case 0x457: return "i";  /* ї */
	case 0x491: return "h";  /* ґ */
	case 0x45E: return "u";  /* ў */
	case 0x452: return "dj"; /* ђ */
	case 0x458: return "i";  /* ј */
	}
	return "";
}

/* Latin letters with diacritics, as the schemes that use them mean them
 * (ISO 9, Czech, Polish, German, BGN): š = ш, č = ч, ŝ = щ, û = ю ... */
static const char *latin_plain(uint32_t cp)
{
	switch(cp) {
	case 0xE0: case 0xE1: case 0xE4: case 0xE3: case 0xE5: case 0x101: case 0x103: case 0x105:
		return "a";
	case 0xE2: return "ia";
	case 0xE7: return "c";
	case 0x10D: case 0x107: return "ch";
	case 0x10F: return "d";
	case 0xE8: case 0xE9: case 0xEA: case 0xEB: case 0x113: case 0x117: case 0x119: case 0x11B:
		return "e";
	case 0x11F: case 0x1F5: case 0x123: return "g";
	case 0xEC: case 0xED: case 0xEE: case 0xEF: case 0x12B: case 0x12F: case 0x131:
		return "i";
	case 0x137: return "k";
	case 0x13A: case 0x13C: case 0x13E: case 0x142: return "l";
	case 0xF1: case 0x144: case 0x146: case 0x148: return "n";
	case 0xF2: case 0xF3: case 0xF4: case 0xF5: case 0xF6: case 0xF8: case 0x14D: case 0x151:
		return "o";
	case 0x155: case 0x159: return "r";
	case 0x15B: return "s";
	case 0x161: case 0x15F: return "sh";
	case 0x15D: return "shch";
	case 0x163: case 0x165: return "t";
	case 0xF9: case 0xFA: case 0xFC: case 0x16B: case 0x16F: case 0x171: case 0x173: case 0x16D:
		return "u";
	case 0xFB: return "iu";
	case 0xFD: case 0xFF: return "y";
	case 0x17A: return "z";
	case 0x17C: case 0x17E: return "zh";
	case 0xDF: return "ss";
	}
	return NULL;
}

/* Letters that look alike in Latin and Cyrillic (after case folding, so B
 * and H stand for the capitals В and Н). A word typed with a few of the
 * wrong script's letters reads in the script of most of its letters. */
static const uint32_t lookalikes[][2] = {
	{'a', 0x430}, {'b', 0x432}, {'c', 0x441}, {'e', 0x435}, {'h', 0x43D}, {'i', 0x456},
	{'k', 0x43A}, {'m', 0x43C}, {'o', 0x43E}, {'p', 0x440}, {'t', 0x442}, {'x', 0x445},
	{'y', 0x443},
};

static uint32_t lookalike(uint32_t cp, bool to_cyrillic)
{
	for(size_t i = 0; i < sizeof(lookalikes) / sizeof(lookalikes[0]); i++)
		if(cp == lookalikes[i][!to_cyrillic])
			return lookalikes[i][to_cyrillic];
	return cp;
}

#define RULE(s, r) {s, sizeof(s) - 1, r}
static const struct { const char *spelling; size_t len; char reading; } latin_rules[] = {
	/* longest first */
	RULE("schtsch", 'q'), /* German */
	RULE("shch", 'q'), RULE("szcz", 'q'), RULE("tsch", 'c'),
	RULE("shh", 'q'), RULE("sch", 'w'),
	RULE("sh", 'w'), RULE("sz", 'w'), RULE("zh", 'j'), RULE("ch", 'c'), RULE("kh", 'h'), RULE("gh", 'h'),
	RULE("ph", 'f'), RULE("ts", 'x'), RULE("tz", 'x'), RULE("cz", 'x'),
	RULE("c", 'x'), RULE("w", 'v'), RULE("q", 'k'), RULE("y", 'i'), RULE("j", 'i'), RULE("g", 'h'),
};

/* Read ASCII Latin text s[0..n) into out; `initial` if it starts the word. */
static void read_latin(const char *s, size_t n, bool initial, char *out, size_t *len)
{
	for(size_t i = 0; i < n;) {
		if(*len >= KEY_MAX - 4)
			return;
		if(s[i] == 'x') { /* GOST B writes х as x; English x is ks */
			const char *r = initial && i == 0 ? "h" : "ks";
			for(; *r; r++)
				out[(*len)++] = *r;
			i++;
			continue;
		}
		size_t r;
		for(r = 0; r < sizeof(latin_rules) / sizeof(latin_rules[0]); r++) {
			size_t l = latin_rules[r].len;
			if(latin_rules[r].spelling[0] == s[i] && l <= n - i &&
			   !memcmp(s + i, latin_rules[r].spelling, l)) {
				out[(*len)++] = latin_rules[r].reading;
				i += l;
				break;
			}
		}
		if(r == sizeof(latin_rules) / sizeof(latin_rules[0])) {
			if((s[i] >= 'a' && s[i] <= 'z') || (s[i] >= '0' && s[i] <= '9'))
				out[(*len)++] = s[i];
			i++;
		}
	}
}

static size_t squeeze(char *s, size_t n)
{
	size_t o = 0;
	for(size_t i = 0; i < n; i++)
		if(o == 0 || s[o - 1] != s[i])
			s[o++] = s[i];
	return o;
}

/* The final rules, the same for every script. */
static size_t finish(char *s, size_t n)
{
	n = squeeze(s, n);
	size_t o = 0;
	for(size_t i = 0; i < n; i++) {
		if(s[i] == 'i' && i + 1 < n && (s[i + 1] == 'e' || s[i + 1] == 'o')) {
			s[o++] = 'e';
			i++;
		} else if(s[i] == 't' && i + 1 < n && s[i + 1] == 's') {
			s[o++] = 'x';
			i++;
		} else {
			s[o++] = s[i];
		}
	}
	return squeeze(s, o);
}

/* The key of one folded word (code points cp[0..n)) into out[KEY_MAX]. */
static size_t word_key(const uint32_t *cp, size_t n, char *out)
{
	size_t ncyr = 0, nlat = 0;
	for(size_t i = 0; i < n; i++) {
		ncyr += names_is_cyrillic(cp[i]);
		nlat += cp[i] < 0x80;
	}
	bool cyr = ncyr > 0 && ncyr >= nlat;
	size_t len = 0;
	char latin[KEY_MAX];
	size_t nl = 0;
	bool latin_initial = true;
	for(size_t i = 0; i <= n; i++) {
		uint32_t c = i < n ? cp[i] : 0;
		if(c && (cyr ? c < 0x80 : names_is_cyrillic(c)))
			c = lookalike(c, cyr);
		const char *plain = c >= 0x80 && !names_is_cyrillic(c) && c != 0xB7 ? latin_plain(c) : NULL;
		bool is_latin = (c && c < 0x80) || plain;
		if(is_latin) {
			const char *p = plain ? plain : (const char[]){(char)c, 0};
			for(; *p && nl < sizeof(latin) - 1; p++)
				latin[nl++] = *p;
			continue;
		}
		if(nl) { /* a Latin run ends; BGN's middle dot ends one on purpose */
			read_latin(latin, nl, latin_initial, out, &len);
			nl = 0;
		}
		if(c && names_is_cyrillic(c)) {
			for(const char *r = cyr_reading(c); *r && len < KEY_MAX - 1; r++)
				out[len++] = *r;
		}
		latin_initial = false;
	}
	len = finish(out, len);
	out[len] = '\0';
	return len;
}

/* Split folded text into words and call fn(word code points) for each. */
typedef pl_rc (*word_fn)(const uint32_t *cp, size_t n, void *ctx);

/* Apostrophes of every kind become ASCII ones before folding: NFKC would
 * turn some (the acute accent ´ typed as an apostrophe) into a space. */
static pl_rc unify_marks(const char *name, buf *out)
{
	size_t n = strlen(name);
	for(size_t i = 0; i < n;) {
		uint32_t cp;
		size_t k = utf8_decode(name + i, n - i, &cp);
		if(!k)
			return PL_EINPUT;
		pl_rc rc = names_is_word_mark(cp) && cp != 0xB7 ? buf_addc(out, '\'')
		                                                 : buf_add(out, name + i, k);
		if(rc)
			return rc;
		i += k;
	}
	return PL_OK;
}

/* Combining marks (a stress mark on a vowel, the dot of a folded İ) belong
 * to the letter before them: they neither split a word nor count in it. */
static bool is_combining(uint32_t cp)
{
	int8_t t = u_charType((UChar32)cp);
	return t == U_NON_SPACING_MARK || t == U_ENCLOSING_MARK || t == U_COMBINING_SPACING_MARK;
}

/* Call fn for each word of folded code points cp[0..n). */
static pl_rc split_words(const uint32_t *cp, size_t n, word_fn fn, void *ctx)
{
	uint32_t word[KEY_MAX];
	size_t wn = 0;
	pl_rc rc = PL_OK;
	for(size_t i = 0; i <= n && !rc; i++) {
		uint32_t c = i < n ? cp[i] : 0;
		if(i < n && (names_is_letter(c) || c == 0xB7)) {
			if(wn < KEY_MAX)
				word[wn++] = c;
		} else if(i < n && (names_is_word_mark(c) || is_combining(c))) {
			/* inside a word: Мар'яна, Ива́н are one word */
		} else if(wn) {
			rc = fn(word, wn, ctx);
			wn = 0;
		}
	}
	return rc;
}

/* The common case in one pass: a name of ASCII and Cyrillic letters and
 * apostrophes folds letter by letter. Returns false, having done nothing,
 * for anything else. */
static bool each_word_plain(const char *name, word_fn fn, void *ctx, pl_rc *rc)
{
	enum { PLAIN_MAX = 256 };
	uint32_t cp[PLAIN_MAX];
	size_t n = 0, len = strlen(name);
	for(size_t i = 0; i < len; n++) {
		uint32_t c;
		size_t k = (unsigned char)name[i] < 0x80 ? (c = (unsigned char)name[i], 1)
		                                          : utf8_decode(name + i, len - i, &c);
		if(!k || n == PLAIN_MAX)
			return false;
		if(c < 0x80)
			c = c >= 'A' && c <= 'Z' ? c + 32 : c;
		else if(names_is_cyrillic(c))
			c = names_cyr_lower(c);
		else if(names_is_word_mark(c))
			c = c == 0xB7 ? c : '\'';
		else
			return false;
		cp[n] = c;
		i += k;
	}
	*rc = split_words(cp, n, fn, ctx);
	return true;
}

/* scratch: two buffers reused across calls, or NULL to use fresh ones. */
static pl_rc each_word(const char *name, word_fn fn, void *ctx, buf *scratch)
{
	pl_rc rc;
	if(each_word_plain(name, fn, ctx, &rc))
		return rc;
	buf own[2];
	buf *marks = scratch ? &scratch[0] : &own[0], *folded = scratch ? &scratch[1] : &own[1];
	if(scratch) {
		buf_reset(marks);
		buf_reset(folded);
	} else {
		buf_init(marks, 0);
		buf_init(folded, 0);
	}
	rc = unify_marks(name, marks);
	if(!rc)
		rc = names_fold(buf_str(marks), folded);
	/* Decoded into a buffer of code points, then split as the plain path does. */
	const char *s = buf_str(folded);
	size_t n = rc ? 0 : folded->len, m = 0;
	uint32_t *cps = n ? malloc(n * sizeof(uint32_t)) : NULL;
	if(n && !cps)
		rc = PL_ENOMEM;
	for(size_t i = 0; i < n && !rc; m++) {
		size_t k = utf8_decode(s + i, n - i, &cps[m]);
		if(!k)
			rc = PL_EINPUT;
		i += k;
	}
	if(!rc)
		rc = split_words(cps, m, fn, ctx);
	free(cps);
	if(!scratch) {
		buf_free(marks);
		buf_free(folded);
	}
	return rc;
}

static pl_rc add_word_key(const uint32_t *cp, size_t n, void *ctx)
{
	char key[KEY_MAX];
	buf *out = ctx;
	size_t len = word_key(cp, n, key);
	pl_rc rc = len && out->len ? buf_addc(out, ' ') : PL_OK;
	return len && !rc ? buf_add(out, key, len) : rc;
}

pl_rc names_word_key(const char *word, buf *out)
{
	return each_word(word, add_word_key, out, NULL);
}

/* Is `key` already one of the space-separated words of out? */
static bool has_key(const buf *out, const char *key, size_t len)
{
	const char *s = buf_str(out), *end = s + out->len;
	while(s < end) {
		const char *sp = memchr(s, ' ', (size_t)(end - s));
		size_t l = (size_t)((sp ? sp : end) - s);
		if(l == len && !memcmp(s, key, len))
			return true;
		s += l + 1;
	}
	return false;
}

static pl_rc append_key(buf *out, const char *key, size_t len)
{
	if(!len || has_key(out, key, len))
		return PL_OK;
	pl_rc rc = PL_OK;
	if(out->len)
		rc = buf_addc(out, ' ');
	return rc ? rc : buf_add(out, key, len);
}

/* The masculine form of a feminine surname's key, into out[KEY_MAX]; 0 if
 * the key does not look like one. Іванова keys as ivanova and ivanov,
 * Ковальська as kovalska and kovalski, Вишневская as visnevskaia and
 * visnevski: a family is searched for under either form. */
static size_t masculine(const char *k, size_t n, char *out)
{
	static const struct { const char *fem, *masc; } endings[] = {
		{"skaia", "ski"}, {"xkaia", "xki"}, {"zkaia", "zki"}, /* Russian -ская, -цкая, -зкая */
		{"ska", "ski"}, {"xka", "xki"}, {"zka", "zki"},       /* Ukrainian -ська, -цька, -зька */
		{"ova", "ov"}, {"eva", "ev"}, {"ina", "in"},           /* -ова, -єва/-ева, -іна/-ина */
	};
	for(size_t i = 0; i < sizeof(endings) / sizeof(endings[0]); i++) {
		size_t f = strlen(endings[i].fem), m = strlen(endings[i].masc);
		if(n >= f + 2 && !memcmp(k + n - f, endings[i].fem, f)) { /* a stem of 2 or more */
			memcpy(out, k, n - f);
			memcpy(out + n - f, endings[i].masc, m);
			out[n - f + m] = '\0';
			return n - f + m;
		}
	}
	return 0;
}

/* ---- the Ukrainian-Russian form ----------------------------------------
 *
 * The same surname is written by the two languages with regular
 * differences the reading keeps apart: Дьомін and Дёмин (Демин), Пугачов
 * and Пугачёв (Пугачев), Безсмертний and Бессмертный, Завгородня and
 * Завгородняя, Польовий and Полевой, Петрівський and Петровский, Іванівна
 * and Ивановна. A word's common form folds them, for search only (the
 * linkage keys are the readings): both languages' spellings of such a
 * name land on it, and a search for one finds the other. */

static bool sibilant(char c)
{
	return c == 'j' || c == 'c' || c == 'w' || c == 'q'; /* ж ч ш щ */
}

static bool ends_with(const char *s, size_t n, const char *end, size_t stem)
{
	size_t e = strlen(end);
	return n >= e + stem && !memcmp(s + n - e, end, e);
}

/* Replace the last `cut` letters of s[0..*n) with `with`. */
static void reend(char *s, size_t *n, size_t cut, const char *with)
{
	size_t w = strlen(with);
	memcpy(s + *n - cut, with, w);
	*n = *n - cut + w;
	s[*n] = '\0';
}

static bool is_vowel(char c)
{
	return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u';
}

static bool cyr_consonant(uint32_t c)
{
	return (c >= 0x431 && c <= 0x449 && c != 0x435 && c != 0x438 && c != 0x43E && c != 0x443 &&
	        c != 0x439) || c == 0x491;
}

/* The common form of a word (code points cp[0..n), key `key`) into
 * out[KEY_MAX]; its length, 0 if it is the key itself. With i_as_e, the
 * form with Ukrainian і after a consonant read as е, as Russian often
 * has it (Білецький ~ Белецкий, Олійник ~ Олейник, Кисіль ~ Кисель), or 0
 * if the word has no such і; the form without keeps і, which as often is
 * Russian и (Вітальович ~ Витальевич). */
static size_t common_form(const uint32_t *cp, size_t n, const char *key, size_t klen, char *out,
                          bool i_as_e)
{
	/* ьо (and ъо) is the Russian ё, written е: Дьомін ~ Дёмин ~ Демин. */
	uint32_t w[KEY_MAX];
	size_t m = 0;
	bool changed = false;
	for(size_t i = 0; i < n && m < KEY_MAX; i++) {
		if((cp[i] == 0x44C || cp[i] == 0x44A) && i + 1 < n && cp[i + 1] == 0x43E) {
			w[m++] = 0x435;
			i++;
			changed = true;
		} else if(i_as_e && cp[i] == 0x456 && i > 0 && cyr_consonant(cp[i - 1])) {
			w[m++] = 0x435;
			changed = true;
		} else {
			w[m++] = cp[i];
		}
	}
	if(i_as_e && !changed)
		return 0;
	size_t len = changed ? word_key(w, m, out) : (memcpy(out, key, klen + 1), klen);
	if(!len)
		return 0;
	/* After ж ч ш щ Ukrainian writes о where Russian has ё, written е:
	 * Пугачов ~ Пугачев, Чорний ~ Черный. */
	for(size_t i = 1; i < len; i++)
		if(out[i] == 'o' && sibilant(out[i - 1]))
			out[i] = 'e';
	/* з before с is the Russian с: Безсмертний ~ Бессмертный. */
	size_t o = 0;
	for(size_t i = 0; i < len; i++)
		if(!(out[i] == 'z' && i + 1 < len && out[i + 1] == 's'))
			out[o++] = out[i];
	len = squeeze(out, o);
	out[len] = '\0';
	/* Ukrainian під- is Russian под-: Підгорський ~ Подгорский. */
	if(len >= 6 && !memcmp(out, "pid", 3))
		out[1] = 'o';
	/* Adjectival endings: Russian -ая, -яя, -ой are Ukrainian -а, -я, -ий
	 * (Бессмертная ~ Безсмертна, Завгородняя ~ Завгородня, Полевой ~
	 * Польовий); -иця is -ица. */
	if(ends_with(out, len, "iaia", 3))
		reend(out, &len, 4, "ia");
	else if(ends_with(out, len, "aia", 3))
		reend(out, &len, 3, "a");
	else if(ends_with(out, len, "oi", 3))
		reend(out, &len, 2, "i");
	else if(ends_with(out, len, "xia", 2))
		reend(out, &len, 3, "xa");
	/* The vowel before в of -ов/-ев/-ів, -ова/-ева, -овна/-евна/-івна,
	 * -ович/-евич, -овский/-евский/-івський, as о: Ukrainian і or о where
	 * Russian has о or е (Петрів ~ Петров, Пономарів ~ Пономарев, Іванівна ~
	 * Ивановна, Ігорович ~ Игоревич, Вишнівський ~ Вишневский). о, not
	 * none, so that the most common Russian forms (-ов, -ович) are their own
	 * common form and need no key of their own. */
	static const char *const after_v[] = {"vna", "vic", "va", "v"};
	for(size_t e = 0; e < sizeof(after_v) / sizeof(*after_v); e++) {
		size_t l = strlen(after_v[e]);
		if(ends_with(out, len, after_v[e], 4)) {
			if(out[len - l - 1] == 'i' || out[len - l - 1] == 'e')
				out[len - l - 1] = 'o';
			break;
		}
	}
	char *sk = len >= 7 ? strstr(out + 3, "vsk") : NULL;
	if(sk && (sk[-1] == 'i' || sk[-1] == 'e') && !is_vowel(sk[-2]))
		sk[-1] = 'o';
	out[len] = '\0';
	return len == klen && !memcmp(out, key, klen) ? 0 : len;
}

/* The masculine of a common form (Дьоміна's demina -> demin, Петрівська's
 * petrovska -> petrovski, Завгородня's zavhorodnia -> zavhorodni), into
 * out[KEY_MAX]; 0 if it has none. */
static size_t common_masculine(const char *k, size_t n, char *out)
{
	static const struct { const char *fem, *masc; } endings[] = {
		{"ska", "ski"}, {"xka", "xki"}, {"zka", "zki"}, {"ova", "ov"}, {"ina", "in"}, {"nia", "ni"},
	};
	for(size_t i = 0; i < sizeof(endings) / sizeof(endings[0]); i++) {
		size_t f = strlen(endings[i].fem), m = strlen(endings[i].masc);
		if(n >= f + 3 && !memcmp(k + n - f, endings[i].fem, f)) {
			memcpy(out, k, n - f);
			memcpy(out + n - f, endings[i].masc, m);
			out[n - f + m] = '\0';
			return n - f + m;
		}
	}
	return 0;
}

/* Add key[0..len) to keys[0..*nk) unless it is there (or empty). */
static void add_distinct(char keys[NAMES_KEYS_MAX][KEY_MAX], size_t len[NAMES_KEYS_MAX], int *nk,
                         const char *key, size_t klen)
{
	if(!klen || *nk == NAMES_KEYS_MAX)
		return;
	for(int i = 0; i < *nk; i++)
		if(len[i] == klen && !memcmp(keys[i], key, klen))
			return;
	memcpy(keys[*nk], key, klen);
	keys[*nk][klen] = '\0';
	len[(*nk)++] = klen;
}

/* A word's keys: its own, its dictionary equivalent's, for a feminine
 * surname the masculine form's, and its Ukrainian-Russian common form and
 * that form's masculine. At most NAMES_KEYS_MAX, the word's own first. */
static int word_keys(const names *nm, const uint32_t *cp, size_t n,
                     char keys[NAMES_KEYS_MAX][KEY_MAX], size_t len[NAMES_KEYS_MAX])
{
	int nk = 0;
	if(!(len[0] = word_key(cp, n, keys[0])))
		return 0;
	nk = 1;
	const char *eq = hmap_get(&nm->equiv, keys[0], len[0]);
	if(eq)
		add_distinct(keys, len, &nk, eq, strlen(eq));
	char k[KEY_MAX], c[KEY_MAX];
	add_distinct(keys, len, &nk, k, masculine(keys[0], len[0], k));
	size_t cl = common_form(cp, n, keys[0], len[0], c, false);
	add_distinct(keys, len, &nk, c, cl);
	add_distinct(keys, len, &nk, k, common_masculine(cl ? c : keys[0], cl ? cl : len[0], k));
	cl = common_form(cp, n, keys[0], len[0], c, true);
	add_distinct(keys, len, &nk, c, cl);
	add_distinct(keys, len, &nk, k, common_masculine(c, cl, k));
	return nk;
}

const char *names_equivalent(const names *nm, const char *key, size_t len)
{
	const char *eq = hmap_get(&nm->equiv, key, len);
	return eq && (strlen(eq) != len || memcmp(eq, key, len)) ? eq : NULL;
}

struct keys_ctx {
	const names *nm;
	buf *out;
};

static pl_rc add_keys(const uint32_t *cp, size_t n, void *vctx)
{
	struct keys_ctx *ctx = vctx;
	char keys[NAMES_KEYS_MAX][KEY_MAX];
	size_t len[NAMES_KEYS_MAX];
	int nk = word_keys(ctx->nm, cp, n, keys, len);
	pl_rc rc = PL_OK;
	for(int i = 0; i < nk && !rc; i++)
		rc = append_key(ctx->out, keys[i], len[i]);
	return rc;
}

pl_rc names_keys(names *nm, const char *name, buf *out)
{
	struct keys_ctx ctx = {nm, out};
	return each_word(name, add_keys, &ctx, nm->scratch);
}

struct query_ctx {
	const names *nm;
	arena *a;
	names_term *terms;
	size_t n, cap;
};

static pl_rc add_term(const uint32_t *cp, size_t n, void *vctx)
{
	struct query_ctx *q = vctx;
	char keys[NAMES_KEYS_MAX][KEY_MAX];
	size_t len[NAMES_KEYS_MAX];
	int nk = word_keys(q->nm, cp, n, keys, len);
	if(!nk)
		return PL_OK;
	if(q->n == q->cap)
		return PL_ELIMIT;
	names_term *t = &q->terms[q->n++];
	for(int i = 0; i < nk; i++)
		t->keys[i] = arena_strndup(q->a, keys[i], len[i]);
	t->nkeys = nk;
	return arena_oom(q->a) ? PL_ENOMEM : PL_OK;
}

pl_rc names_query(const names *nm, const char *query, arena *a, names_term **terms,
                  size_t *nterms, pl_err *err)
{
	enum { MAX_TERMS = 8 };
	struct query_ctx q = {nm, a, arena_calloc(a, MAX_TERMS, sizeof(names_term)), 0, MAX_TERMS};
	if(!q.terms)
		return pl_nomem(err);
	pl_rc rc = each_word(query, add_term, &q, NULL);
	if(rc == PL_ELIMIT)
		return pl_failc(err, PL_EINPUT, "names.too_many_words", "max", PL_N(MAX_TERMS), NULL);
	if(rc == PL_EINPUT)
		return pl_failc(err, PL_EINPUT, "names.query_utf8", NULL);
	if(rc)
		return pl_nomem(err);
	*terms = q.terms;
	*nterms = q.n;
	return PL_OK;
}
