/* Cyrillic -> Latin transliteration in the schemes offices meet.
 *
 * ICU ships BGN/PCGN but not the Ukrainian national system, GOST 7.79 or
 * ICAO 9303, and its rule-based transliterators are slow for a registry of
 * a million names; the schemes are small tables with a little context, so
 * they live here. The BGN table is checked against ICU's Russian-Latin/BGN
 * in the unit tests. */
#include <string.h>

#include "core/utf8.h"
#include "names/internal.h"
#include "names/names.h"

/* Lower-case Cyrillic letters, U+0430..U+044F: а..я. */
static const char *const kmu[32] = {
	"a", "b", "v", "h", "d", "e", "zh", "z", "y", "i", "k", "l", "m", "n", "o", "p",
	"r", "s", "t", "u", "f", "kh", "ts", "ch", "sh", "shch", "", "y", "", "e", "iu", "ia",
};
static const char *const icao[32] = {
	"a", "b", "v", "g", "d", "e", "zh", "z", "i", "i", "k", "l", "m", "n", "o", "p",
	"r", "s", "t", "u", "f", "kh", "ts", "ch", "sh", "shch", "ie", "y", "", "e", "iu", "ia",
};
static const char *const gost[32] = {
	"a", "b", "v", "g", "d", "e", "zh", "z", "i", "j", "k", "l", "m", "n", "o", "p",
	"r", "s", "t", "u", "f", "x", "cz", "ch", "sh", "shh", "``", "y`", "`", "e`", "yu", "ya",
};
static const char *const bgn[32] = {
	"a", "b", "v", "g", "d", "e", "zh", "z", "i", "y", "k", "l", "m", "n", "o", "p",
	"r", "s", "t", "u", "f", "kh", "ts", "ch", "sh", "shch", "\xCA\xBA", "y", "\xCA\xB9", "e",
	"yu", "ya",
};

enum {
	C_A = 0x430, C_GHE = 0x433, C_IE = 0x435, C_ZE = 0x437, C_I = 0x438, C_SHORT_I = 0x439,
	C_O = 0x43E, C_ES = 0x441, C_TE = 0x442, C_U = 0x443, C_TSE = 0x446, C_CHE = 0x447,
	C_SHA = 0x448, C_HARD = 0x44A, C_YERU = 0x44B, C_SOFT = 0x44C, C_E = 0x44D, C_YU = 0x44E,
	C_YA = 0x44F, C_IO = 0x451, C_UK_IE = 0x454, C_UK_I = 0x456, C_YI = 0x457, C_GHE_UP = 0x491
};

const char *names_scheme_name(names_scheme s)
{
	switch(s) {
	case NAMES_KMU2010: return "kmu2010";
	case NAMES_GOST779B: return "gost779b";
	case NAMES_ICAO9303: return "icao9303";
	case NAMES_BGN_RU: return "bgn-ru";
	default: return "?";
	}
}

static bool is_vowel(uint32_t c)
{
	return c == C_A || c == C_IE || c == C_IO || c == C_I || c == C_O || c == C_U ||
	       c == C_YERU || c == C_E || c == C_YU || c == C_YA || c == C_UK_IE || c == C_UK_I ||
	       c == C_YI;
}

/* The Latin for one lower-case Cyrillic letter `c` between `prev` and
 * `next` (lower-cased; 0 outside a word). */
static const char *map(names_scheme s, uint32_t prev, uint32_t c, uint32_t next)
{
	bool initial = prev == 0;
	switch(s) {
	case NAMES_KMU2010:
		switch(c) {
		case C_UK_IE: return initial ? "ye" : "ie";
		case C_YI: return initial ? "yi" : "i";
		case C_SHORT_I: return initial ? "y" : "i";
		case C_YU: return initial ? "yu" : "iu";
		case C_YA: return initial ? "ya" : "ia";
		case C_GHE: return prev == C_ZE ? "gh" : "h"; /* зг -> zgh, not zh */
		case C_GHE_UP: return "g";
		case C_UK_I: return "i";
		case C_IO: return initial ? "yo" : "io";
		case C_E: return "e";
		case C_HARD: return "";
		}
		return c >= C_A && c <= C_YA ? kmu[c - C_A] : NULL;
	case NAMES_ICAO9303:
		switch(c) {
		case C_UK_IE: return "ie";
		case C_YI: case C_UK_I: return "i";
		case C_GHE_UP: return "g";
		case C_IO: return "e";
		}
		return c >= C_A && c <= C_YA ? icao[c - C_A] : NULL;
	case NAMES_GOST779B:
		switch(c) {
		case C_TSE: /* c before i, e, y, j; cz elsewhere */
			return next == C_I || next == C_IE || next == C_YERU || next == C_SHORT_I ||
			       next == C_UK_I || next == C_UK_IE || next == C_YI ? "c" : "cz";
		case C_IO: return "yo";
		case C_UK_IE: return "ye";
		case C_YI: return "yi";
		case C_UK_I: return "i";
		case C_GHE_UP: return "g`";
		}
		return c >= C_A && c <= C_YA ? gost[c - C_A] : NULL;
	case NAMES_BGN_RU: {
		/* е and ё are ye, yë at the start, after a vowel, й, ъ or ь. */
		bool y = initial || is_vowel(prev) || prev == C_SHORT_I || prev == C_HARD ||
		         prev == C_SOFT;
		bool before_vowel = next == C_A || next == C_U || next == C_YERU || next == C_E;
		switch(c) {
		case C_IE: return y ? "ye" : "e";
		case C_IO: return y ? "y\xC3\xAB" : "\xC3\xAB";
		/* The middle dot keeps apart what would read as one sound. */
		case C_SHORT_I: return before_vowel ? "y\xC2\xB7" : "y";
		case C_YERU: return before_vowel ? "y\xC2\xB7" : "y";
		case C_TE: return next == C_ES ? "t\xC2\xB7" : "t";
		case C_SHA: return next == C_CHE ? "sh\xC2\xB7" : "sh";
		case C_E: /* after a consonant э is ·e, apart from е */
			return prev && !is_vowel(prev) && prev != C_SHORT_I && prev != C_HARD &&
			       prev != C_SOFT ? "\xC2\xB7" "e" : "e";
		case C_UK_IE: return "ye";
		case C_UK_I: return "i";
		case C_YI: return "yi";
		case C_GHE_UP: return "g";
		}
		return c >= C_A && c <= C_YA ? bgn[c - C_A] : NULL;
	}
	default:
		return NULL;
	}
}

/* Apostrophes Ukrainian writes inside words: dropped by every scheme here. */
static bool is_apostrophe(uint32_t cp)
{
	return cp == '\'' || cp == 0x2019 || cp == 0x02BC;
}

static pl_rc emit(buf *out, const char *lat, bool upper, bool all_caps)
{
	size_t n = strlen(lat);
	for(size_t i = 0; i < n;) {
		uint32_t cp;
		size_t k = utf8_decode(lat + i, n - i, &cp);
		if(upper && (all_caps || i == 0)) /* the scheme's letters: ASCII, and ë */
			cp = cp >= 'a' && cp <= 'z' ? cp - 32 : cp == 0xEB ? 0xCB : cp;
		char enc[4];
		pl_rc rc = buf_add(out, enc, utf8_encode(cp, enc));
		if(rc)
			return rc;
		i += k;
	}
	return PL_OK;
}

pl_rc names_transliterate(const char *s, names_scheme scheme, buf *out)
{
	if(scheme < 0 || scheme >= NAMES_SCHEME_COUNT)
		return PL_EINPUT;
	size_t n = strlen(s), start = out->len;
	if(!utf8_valid(s, n, NULL))
		return PL_EINPUT;
	uint32_t prev = 0, prev_raw = 0;
	for(size_t i = 0; i < n;) {
		uint32_t cp, next = 0, next_raw = 0;
		size_t k = utf8_decode(s + i, n - i, &cp);
		if(!k)
			return PL_EINPUT;
		size_t j = i + k;
		while(j < n) { /* look past apostrophes for the next letter */
			size_t k2 = utf8_decode(s + j, n - j, &next_raw);
			if(!k2)
				return PL_EINPUT;
			if(!is_apostrophe(next_raw))
				break;
			j += k2;
			next_raw = 0;
		}
		next = names_is_cyrillic(next_raw) ? names_cyr_lower(next_raw) : 0;
		pl_rc rc = PL_OK;
		if(names_is_cyrillic(cp)) {
			uint32_t c = names_cyr_lower(cp);
			const char *lat = map(scheme, prev, c, next);
			bool upper = names_cyr_is_upper(cp);
			/* ЩЕРБАК -> SHCHERBAK, Щербак -> Shcherbak */
			bool caps = upper && (names_cyr_is_upper(next_raw) ||
			                      (names_cyr_is_upper(prev_raw) && !next));
			rc = lat ? emit(out, lat, upper, caps) : buf_add(out, s + i, k);
			prev = c;
			prev_raw = cp;
		} else if(is_apostrophe(cp) && names_is_cyrillic(prev_raw) && next) {
			/* inside a Cyrillic word: dropped, the word goes on */
		} else {
			rc = buf_add(out, s + i, k);
			prev = prev_raw = 0;
		}
		if(rc) {
			buf_truncate(out, start);
			return rc;
		}
		i += k;
	}
	return PL_OK;
}
