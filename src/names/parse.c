/* A person's whole name in one field, in any order: which word is the
 * surname, the given name, the patronymic. Lists write "ШЕВЧЕНКО Олександр
 * Іванович", "Shevchenko, Oleksandr", "Oleksandr Ivanovych Shevchenko",
 * "Шевченко О. І.", "T.H. Shevchenko", "Петренко-Ковальчук Ганна".
 *
 * A patronymic is known by its ending (on the key, so in any script); a
 * given name by the dictionary: the stems of its patronymics (Іванович ->
 * ivan, Николаевич -> nikola for Николай); an initial by being one letter.
 * Then, in order: a comma puts the surname first; a word in capitals is
 * the surname; initials stand for the given name and the patronymic, in
 * that order, and the full word is the surname; the word before a
 * patronymic is the given name; failing all, the order of the lists:
 * surname first in Cyrillic, given name first in Latin ("John Smith"). */
#include <ctype.h>
#include <string.h>

#include "core/utf8.h"
#include "names/internal.h"
#include "names/names.h"

enum { WORDS_MAX = 8 };

typedef struct word {
	const char *text; /* in the arena */
	char key[64];
	bool caps, patronymic, given, initial, cyrillic;
} word;

static const char *const split_names[NAMES_SPLIT_COUNT] = {
	"unsplit", "comma", "capitals", "initials", "known_name", "surname_first", "given_first", "list_order",
};

const char *names_split_name(names_split how)
{
	return how >= 0 && how < NAMES_SPLIT_COUNT ? split_names[how] : "unsplit";
}

/* Letters in s, how many are Cyrillic, and whether all are capitals. */
static void letters_of(const char *s, size_t *letters, size_t *cyr, bool *caps)
{
	size_t n = strlen(s);
	*letters = *cyr = 0;
	*caps = true;
	for(size_t i = 0; i < n;) {
		uint32_t cp;
		size_t k = utf8_decode(s + i, n - i, &cp);
		if(!k) {
			*caps = false;
			return;
		}
		i += k;
		bool c = names_is_cyrillic(cp);
		if((cp < 0x80 && islower((int)cp)) || (c && !names_cyr_is_upper(cp)))
			*caps = false;
		*letters += (cp < 0x80 && isalpha((int)cp)) || c;
		*cyr += c;
	}
}

/* Is every part of a key (hyphenated words key as several) a given name's? */
static bool all_given(const names *nm, const char *key)
{
	while(*key) {
		size_t n = strcspn(key, " ");
		if(!names_is_given_key(nm, key, n))
			return false;
		key += n + (key[n] == ' ');
	}
	return true;
}

/* One word of text, classified; false when it is not a name's word. */
static pl_rc classify(const names *nm, word *x, bool *keep)
{
	*keep = false;
	buf k;
	buf_init(&k, 256);
	pl_rc rc = names_word_key(x->text, &k);
	if(!rc && k.len && k.len < sizeof(x->key))
		memcpy(x->key, k.ptr, k.len + 1);
	buf_free(&k);
	if(rc == PL_ENOMEM)
		return rc;
	/* Digits and signs key as nothing; a hyphenated surname keys as its
	 * parts, which is still one word of the name. */
	bool compound = strchr(x->key, ' ') && strchr(x->text, '-');
	if(!x->key[0] || (strchr(x->key, ' ') && !compound))
		return PL_OK;
	size_t letters, cyr;
	letters_of(x->text, &letters, &cyr, &x->caps);
	x->initial = letters == 1;
	x->caps = x->caps && letters >= 2;
	x->cyrillic = cyr > 0;
	x->patronymic = !compound && !x->initial && names_patronymic_stem(x->key, strlen(x->key)) > 0;
	x->given = !x->patronymic && !x->initial && all_given(nm, x->key);
	*keep = true;
	return PL_OK;
}

/* The words of text, with their keys and what they look like. A dot ends
 * a word ("Т.Г.Шевченко" is three). */
static pl_rc split(const names *nm, const char *text, arena *a, word *w, int *nw, int *comma_at)
{
	*nw = 0;
	*comma_at = -1;
	for(const char *p = text; *p && *nw < WORDS_MAX;) {
		size_t skip = strspn(p, " \t,;");
		if(memchr(p, ',', skip) && *comma_at < 0 && *nw > 0)
			*comma_at = *nw;
		p += skip;
		size_t n = strcspn(p, " \t,;");
		if(!n)
			break;
		const char *dot = memchr(p, '.', n);
		if(dot && (size_t)(dot - p) + 1 < n)
			n = (size_t)(dot - p) + 1;
		word *x = &w[*nw];
		memset(x, 0, sizeof(*x));
		x->text = arena_strndup(a, p, n);
		if(!x->text)
			return PL_ENOMEM;
		p += n;
		bool keep;
		pl_rc rc = classify(nm, x, &keep);
		if(rc)
			return rc;
		*nw += keep;
	}
	return PL_OK;
}

typedef struct parts {
	int sur, giv, pat;
	names_split how;
} parts;

static bool taken(const parts *r, int i)
{
	return i == r->sur || i == r->giv || i == r->pat;
}

/* The surname by a comma or by capitals, if the text says. */
static void surname_marked(const word *w, int nw, int comma, parts *r)
{
	for(int i = 0; i < comma && r->sur < 0; i++)
		if(i != r->pat && !w[i].initial)
			r->sur = i;
	if(r->sur >= 0) {
		r->how = NAMES_SPLIT_COMMA;
		return;
	}
	int caps = 0, caps_at = -1;
	for(int i = 0; i < nw; i++)
		if(w[i].caps && i != r->pat) {
			caps++;
			caps_at = i;
		}
	if(caps == 1 && nw > 1) {
		r->sur = caps_at;
		r->how = NAMES_SPLIT_CAPITALS;
	}
}

/* The given name and patronymic from initials, where no full word is. */
static bool from_initials(const word *w, int nw, parts *r)
{
	bool used = false;
	for(int i = 0; i < nw; i++) {
		if(!w[i].initial || taken(r, i))
			continue;
		if(r->giv < 0)
			r->giv = i;
		else if(r->pat < 0)
			r->pat = i;
		else
			continue;
		used = true;
	}
	return used;
}

/* The given name the dictionary knows: the one before the patronymic;
 * of two (Коваль is a given name too), the later in Cyrillic, where the
 * surname comes first, the earlier in Latin. */
static void given_known(const word *w, int nw, bool latin, parts *r)
{
	if(r->pat > 0 && !taken(r, r->pat - 1) && w[r->pat - 1].given) {
		r->giv = r->pat - 1;
		return;
	}
	for(int i = 0; i < nw; i++)
		if(!taken(r, i) && w[i].given && (r->giv < 0 || !latin))
			r->giv = i;
}

pl_rc names_parse_person(const names *nm, const char *text, arena *a, names_person *out)
{
	return names_parse_person_in(nm, text, 0, a, out);
}

pl_rc names_parse_person_in(const names *nm, const char *text, int list_order, arena *a,
                            names_person *out)
{
	memset(out, 0, sizeof(*out));
	word w[WORDS_MAX];
	int nw, comma;
	pl_rc rc = split(nm, text, a, w, &nw, &comma);
	if(rc || nw == 0)
		return rc;
	parts r = {-1, -1, -1, NAMES_SPLIT_NONE};
	for(int i = 0; i < nw && r.pat < 0; i++)
		if(w[i].patronymic && nw > 1)
			r.pat = i;
	surname_marked(w, nw, comma, &r);
	/* The given name: the one the dictionary knows, else the word just
	 * before the patronymic. */
	bool known = r.pat >= 0, latin = true;
	for(int i = 0; i < nw; i++)
		latin &= !w[i].cyrillic;
	given_known(w, nw, latin, &r);
	known |= r.giv >= 0;
	if(r.giv < 0 && r.pat > 0 && !taken(&r, r.pat - 1) && !w[r.pat - 1].initial)
		r.giv = r.pat - 1;
	bool initials = from_initials(w, nw, &r);
	/* The surname: a full word left; without any clue, the last in Latin
	 * ("John Smith"), the first in Cyrillic. */
	bool clue = known || initials || r.sur >= 0;
	bool last = !clue && (list_order ? list_order == NAMES_SURNAME_LAST : latin);
	for(int k = 0; k < nw && r.sur < 0; k++) {
		int i = last ? nw - 1 - k : k;
		if(!taken(&r, i) && !w[i].initial)
			r.sur = i;
	}
	for(int i = 0; i < nw && r.giv < 0 && nw > 1; i++)
		if(!taken(&r, i))
			r.giv = i;
	if(r.how == NAMES_SPLIT_NONE && r.sur >= 0 && nw > 1)
		r.how = initials ? NAMES_SPLIT_INITIALS : known ? NAMES_SPLIT_KNOWN_NAME
		      : list_order ? NAMES_SPLIT_LIST_ORDER
		      : last ? NAMES_SPLIT_GIVEN_FIRST : NAMES_SPLIT_SURNAME_FIRST;
	out->surname = r.sur >= 0 ? w[r.sur].text : NULL;
	out->given = r.giv >= 0 ? w[r.giv].text : NULL;
	out->patronymic = r.pat >= 0 ? w[r.pat].text : NULL;
	out->how = r.sur >= 0 ? r.how : NAMES_SPLIT_NONE;
	out->left_out = nw - (r.sur >= 0) - (r.giv >= 0) - (r.pat >= 0);
	if(r.sur >= 0 && r.giv >= 0)
		out->order = r.sur < r.giv ? NAMES_SURNAME_FIRST : NAMES_SURNAME_LAST;
	return PL_OK;
}
