/* The records, and how two of them compare, column by column, into
 * levels. */
#include <stdlib.h>
#include <string.h>

#include "match/match.h"

/* ---- sides ------------------------------------------------------------ */

void match_side_init(match_side *s, size_t ncols)
{
	memset(s, 0, sizeof(*s));
	s->ncols = ncols;
	arena_init(&s->a, 0);
}

/* One record's values in one piece (see match_side). */
static const char *record_of(match_side *s, const char *const *values)
{
	size_t len = 2 * s->ncols;
	for(size_t c = 0; c < s->ncols; c++)
		if(values[c] && *values[c])
			len += strlen(values[c]) + 1;
	if(len > MATCH_RECORD_MAX)
		return NULL;
	char *r = arena_alloc(&s->a, len);
	if(!r)
		return NULL;
	size_t at = 2 * s->ncols;
	for(size_t c = 0; c < s->ncols; c++) {
		uint16_t off = 0;
		if(values[c] && *values[c]) {
			size_t n = strlen(values[c]) + 1;
			memcpy(r + at, values[c], n);
			off = (uint16_t)at;
			at += n;
		}
		memcpy(r + 2 * c, &off, sizeof(off));
	}
	return r;
}

pl_rc match_side_add(match_side *s, const char *const *values)
{
	if(s->n == s->cap) {
		size_t cap = s->cap ? s->cap * 2 : 1024;
		const char **rec = realloc(s->rec, cap * sizeof(*rec));
		if(!rec)
			return PL_ENOMEM;
		s->rec = rec;
		s->cap = cap;
	}
	const char *r = record_of(s, values);
	if(!r)
		return arena_oom(&s->a) ? PL_ENOMEM : PL_ELIMIT;
	s->rec[s->n++] = r;
	return PL_OK;
}

pl_rc match_side_set(match_side *s, size_t i, const char *const *values)
{
	const char *r = record_of(s, values);
	if(!r)
		return arena_oom(&s->a) ? PL_ENOMEM : PL_ELIMIT;
	s->rec[i] = r;
	return PL_OK;
}

void match_side_free(match_side *s)
{
	free(s->rec);
	arena_free(&s->a);
	memset(s, 0, sizeof(*s));
}

/* ---- levels ----------------------------------------------------------- */

enum { NAME_EXACT, NAME_EQUIV, NAME_DIMINUTIVE, NAME_SWAPPED, NAME_LEARNED1, NAME_LEARNED2, NAME_VARIANT,
       NAME_ELSE };
enum { DATE_EXACT, DATE_DM_SWAPPED, DATE_ONE_DIGIT, DATE_YEAR_ONLY, DATE_YEAR_PM1, DATE_ELSE };
enum { ID_EXACT, ID_TRANSPOSED, ID_ONE_EDIT, ID_ELSE };
enum { TEXT_EXACT, TEXT_JW94, TEXT_JW85, TEXT_ELSE };
enum { EXACT_EXACT, EXACT_ELSE };

static const char *const name_levels[] = {"exact",      "equivalent", "diminutive", "swapped",
                                          "learned<=1", "learned<=2", "variant",    "else"};
static const char *const date_levels[] = {"exact", "day/month swapped", "one digit off", "year only, same",
                                          "year +-1", "else"};
static const char *const id_levels[] = {"exact", "transposition", "one edit", "else"};
static const char *const text_levels[] = {"exact", "jw>=0.94", "jw>=0.85", "else"};
static const char *const exact_levels[] = {"exact", "else"};
static const char *const address_levels[] = {"exact", "same number, words close", "words close",
                                             "same number", "partly", "else"};

int match_levels(match_kind k, const char *const **names)
{
	static const struct {
		const char *const *names;
		int n;
	} kinds[MATCH_KIND_COUNT] = {
		[MATCH_NAME] = {name_levels, NAME_ELSE + 1},
		[MATCH_DATE] = {date_levels, DATE_ELSE + 1},
		[MATCH_ID] = {id_levels, ID_ELSE + 1},
		[MATCH_TEXT] = {text_levels, TEXT_ELSE + 1},
		[MATCH_EXACT] = {exact_levels, EXACT_ELSE + 1},
		[MATCH_ADDRESS] = {address_levels, 6},
	};
	if(names)
		*names = kinds[k].names;
	return kinds[k].n;
}

double match_prior_m(match_kind kind, int level)
{
	/* How often the same person's two records fall at each level, from
	 * lists of the kind parley links (the other side's, in another script,
	 * with typos): most agree exactly, a few at each lesser level. */
	static const double prior[MATCH_KIND_COUNT][MATCH_LEVELS_MAX] = {
		[MATCH_NAME] = {0.90, 0.04, 0.005, 0.02, 0.02, 0.005, 0.005, 0.005},
		[MATCH_DATE] = {0.90, 0.02, 0.03, 0.02, 0.01, 0.02},
		[MATCH_ID] = {0.92, 0.03, 0.03, 0.02},
		[MATCH_TEXT] = {0.90, 0.05, 0.03, 0.02},
		[MATCH_EXACT] = {0.95, 0.05},
		[MATCH_ADDRESS] = {0.80, 0.08, 0.04, 0.03, 0.03, 0.02},
	};
	return level >= 0 && level < match_levels(kind, NULL) ? prior[kind][level] : 0;
}

bool match_level_possible(const match_comparison *c, int k)
{
	if(c->kind != MATCH_NAME)
		return true;
	return !(k == NAME_EQUIV && c->alt < 0) && !(k == NAME_SWAPPED && c->swap < 0) &&
	       !(k == NAME_VARIANT && c->skel < 0) && !(k == NAME_DIMINUTIVE && c->skel < 0);
}

/* Most values compared differ at their first letter: no call then. */
static inline bool equal(const char *x, const char *y)
{
	return x[0] == y[0] && !strcmp(x, y);
}

static bool same(const char *x, const char *y)
{
	return x && y && equal(x, y);
}

static double jw_of(const char *x, const char *y)
{
	return match_jaro_winkler(x, strlen(x), y, strlen(y));
}

/* Two names near enough to be one written differently: Jaro-Winkler at
 * 0.88, or the learned distance within two edits (Павло/Павел, Олексій/
 * Алексей, where the letters the languages change are cheap). */
static bool near(const char *x, const char *y)
{
	return jw_of(x, y) >= 0.88 || match_name_distance(x, strlen(x), y, strlen(y), 2 * MATCH_EDIT) <= 2 * MATCH_EDIT;
}

/* Given name and surname exchanged: x (of a) is b's other name, or y (of
 * b) is a's (xs, ys: a's and b's other names), or both cross pairs are
 * near, when the names are written differently as well. */
static bool swapped(const char *x, const char *y, const char *xs, const char *ys)
{
	if(same(x, ys) || same(xs, y))
		return true;
	return xs && ys && near(x, ys) && near(xs, y);
}

/* The levels of two names, best first: the same key; the same through
 * the dictionary; one group of given names (Сашко, Саша, Олександр); given
 * name and surname exchanged; the learned distance (namedist.c) within one
 * edit, within two; the same skeleton; else. */
static uint8_t name_level(const match_comparison *c, const match_side *a, size_t i,
                          const match_side *b, size_t j, const char *x, const char *y)
{
	if(equal(x, y))
		return NAME_EXACT;
	const char *xa = NULL, *ya = NULL;
	if(c->alt >= 0) {
		xa = match_value(a, i, c->alt);
		ya = match_value(b, j, c->alt);
		if(same(xa, y) || same(x, ya) || same(xa, ya))
			return NAME_EQUIV;
	}
	if(c->skel >= 0 && (match_diminutive_of(x, y) || match_diminutive_of(xa, ya)))
		return NAME_DIMINUTIVE;
	if(c->swap >= 0 && swapped(x, y, match_value(a, i, c->swap), match_value(b, j, c->swap)))
		return NAME_SWAPPED;
	int d = match_name_distance(x, strlen(x), y, strlen(y), 2 * MATCH_EDIT);
	if(d <= MATCH_EDIT)
		return NAME_LEARNED1;
	if(d <= 2 * MATCH_EDIT)
		return NAME_LEARNED2;
	return c->skel >= 0 && same(match_value(a, i, c->skel), match_value(b, j, c->skel)) ? NAME_VARIANT
	                                                                                   : NAME_ELSE;
}

static int digits(const char *s, int n)
{
	int v = 0;
	for(int k = 0; k < n; k++)
		v = v * 10 + (s[k] - '0');
	return v;
}

static bool date_shape(const char *s)
{
	for(int k = 0; k < 8; k++)
		if(s[k] < '0' || s[k] > '9')
			return false;
	return s[8] == '\0';
}

static uint8_t date_level(const char *x, const char *y)
{
	if(!date_shape(x) || !date_shape(y))
		return strcmp(x, y) ? DATE_ELSE : DATE_EXACT;
	if(equal(x, y))
		return DATE_EXACT;
	int yx = digits(x, 4), yy = digits(y, 4);
	int mx = digits(x + 4, 2), my = digits(y + 4, 2);
	int dx = digits(x + 6, 2), dy = digits(y + 6, 2);
	bool fullx = mx && dx, fully = my && dy;
	if(fullx && fully) {
		if(yx == yy && mx == dy && dx == my)
			return DATE_DM_SWAPPED;
		if(match_one_edit(x, 8, y, 8))
			return DATE_ONE_DIGIT;
	} else if(yx == yy) {
		return DATE_YEAR_ONLY;
	}
	return abs(yx - yy) <= 1 ? DATE_YEAR_PM1 : DATE_ELSE;
}

static uint8_t id_level(const char *x, const char *y)
{
	size_t lx = strlen(x), ly = strlen(y);
	if(lx == ly && !memcmp(x, y, lx))
		return ID_EXACT;
	if(match_one_transposition(x, lx, y, ly))
		return ID_TRANSPOSED;
	return match_one_edit(x, lx, y, ly) ? ID_ONE_EDIT : ID_ELSE;
}

static uint8_t text_level(const char *x, const char *y)
{
	if(equal(x, y))
		return TEXT_EXACT;
	double jw = match_jaro_winkler(x, strlen(x), y, strlen(y));
	return jw >= 0.94 ? TEXT_JW94 : jw >= 0.85 ? TEXT_JW85 : TEXT_ELSE;
}

void match_compare(const match_spec *spec, const match_side *a, size_t i, const match_side *b,
                   size_t j, uint8_t *level)
{
	for(int k = 0; k < spec->ncmps; k++) {
		const match_comparison *c = &spec->cmps[k];
		const char *x = match_value(a, i, c->col), *y = match_value(b, j, c->col);
		if(!x || !y) {
			level[k] = MATCH_NULL;
			continue;
		}
		switch(c->kind) {
		case MATCH_NAME: level[k] = name_level(c, a, i, b, j, x, y); break;
		case MATCH_DATE: level[k] = date_level(x, y); break;
		case MATCH_ID: level[k] = id_level(x, y); break;
		case MATCH_TEXT: level[k] = text_level(x, y); break;
		case MATCH_ADDRESS: level[k] = match_address_level(x, y); break;
		default: level[k] = equal(x, y) ? EXACT_EXACT : EXACT_ELSE; break;
		}
	}
}
