/* A person's whole name in one field, in any order: which word is the
 * surname, the given name, the patronymic. Lists write "ШЕВЧЕНКО Олександр
 * Іванович", "Shevchenko, Oleksandr", "Oleksandr Ivanovych Shevchenko".
 *
 * A patronymic is known by its ending (on the key, so in any script); a
 * given name by the dictionary: the stems of its patronymics (Іванович ->
 * ivan, Николаевич -> nikola for Николай). Then, in order: a comma puts
 * the surname first; a word in capitals is the surname; the word before a
 * patronymic is the given name; failing all, the official order of the
 * lists, surname first. */
#include <ctype.h>
#include <string.h>

#include "core/utf8.h"
#include "names/internal.h"
#include "names/names.h"

enum { WORDS_MAX = 8 };

typedef struct word {
	const char *text; /* in the arena */
	char key[64];
	bool caps, patronymic, given;
} word;

/* Written in capitals, as lists often write the surname. */
static bool all_capitals(const char *s)
{
	size_t n = strlen(s), letters = 0;
	for(size_t i = 0; i < n;) {
		uint32_t cp;
		size_t k = utf8_decode(s + i, n - i, &cp);
		if(!k)
			return false;
		i += k;
		bool cyr = names_is_cyrillic(cp);
		if((cp < 0x80 && islower((int)cp)) || (cyr && !names_cyr_is_upper(cp)))
			return false;
		letters += (cp < 0x80 && isalpha((int)cp)) || cyr;
	}
	return letters >= 2;
}

/* The words of text, with their keys and what they look like. */
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
		word *x = &w[*nw];
		memset(x, 0, sizeof(*x));
		x->text = arena_strndup(a, p, n);
		if(!x->text)
			return PL_ENOMEM;
		buf k;
		buf_init(&k, 256);
		pl_rc rc = names_word_key(x->text, &k);
		if(!rc && k.len && k.len < sizeof(x->key))
			memcpy(x->key, k.ptr, k.len + 1);
		buf_free(&k);
		if(rc == PL_ENOMEM)
			return rc;
		p += n;
		if(!x->key[0] || strchr(x->key, ' '))
			continue; /* not a name word (digits, signs) */
		x->caps = all_capitals(x->text);
		x->patronymic = names_patronymic_stem(x->key, strlen(x->key)) > 0;
		x->given = !x->patronymic && names_is_given_key(nm, x->key, strlen(x->key));
		(*nw)++;
	}
	return PL_OK;
}

pl_rc names_parse_person(const names *nm, const char *text, arena *a, names_person *out)
{
	memset(out, 0, sizeof(*out));
	word w[WORDS_MAX];
	int nw, comma;
	pl_rc rc = split(nm, text, a, w, &nw, &comma);
	if(rc || nw == 0)
		return rc;
	int sur = -1, giv = -1, pat = -1;
	for(int i = 0; i < nw && pat < 0; i++)
		if(w[i].patronymic && nw > 1)
			pat = i;
	/* A comma ends the surname; else one word alone in capitals is it. */
	int caps = 0, caps_at = -1;
	for(int i = 0; i < nw; i++)
		if(w[i].caps && i != pat) {
			caps++;
			caps_at = i;
		}
	for(int i = 0; i < comma && sur < 0; i++)
		if(i != pat)
			sur = i;
	if(sur < 0 && caps == 1 && nw > 1)
		sur = caps_at;
	/* The given name: the one the dictionary knows, else the word just
	 * before the patronymic. */
	for(int i = 0; i < nw && giv < 0; i++)
		if(i != sur && i != pat && w[i].given)
			giv = i;
	if(giv < 0 && pat > 0 && pat - 1 != sur)
		giv = pat - 1;
	/* The surname: what is left, the first word by the lists' order. */
	for(int i = 0; i < nw && sur < 0; i++)
		if(i != giv && i != pat)
			sur = i;
	for(int i = 0; i < nw && giv < 0 && nw > 1; i++)
		if(i != sur && i != pat)
			giv = i;
	out->surname = sur >= 0 ? w[sur].text : NULL;
	out->given = giv >= 0 ? w[giv].text : NULL;
	out->patronymic = pat >= 0 ? w[pat].text : NULL;
	return PL_OK;
}
