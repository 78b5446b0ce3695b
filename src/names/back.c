/* Latin back to Cyrillic: the forms a name written from a passport or a
 * foreign list may have had. The dictionary's own words first (Oleksandr
 * and Aleksandr both lead to Олександр and Александр); for a name it does
 * not have, a reading by the rules of the Ukrainian and the Russian
 * national systems run backwards, which is a guess to show a person, not
 * a spelling to store. */
#include <ctype.h>
#include <string.h>

#include "names/internal.h"
#include "names/names.h"

typedef struct rule {
	const char *lat, *cyr;
} rule;

/* Longest first within each table; word endings are tried first. */
static const rule uk_end[] = {
	{"tskyi", "цький"}, {"skyi", "ський"}, {"zkyi", "зький"}, {"yi", "ий"}, {"ii", "ій"}, {NULL, NULL}};
static const rule uk_rules[] = {
	{"shch", "щ"}, {"zgh", "зг"}, {"kh", "х"}, {"ts", "ц"}, {"ch", "ч"}, {"sh", "ш"}, {"zh", "ж"},
	{"yu", "ю"}, {"iu", "ю"}, {"ya", "я"}, {"ia", "я"}, {"ye", "є"}, {"ie", "є"}, {"yi", "ї"},
	{"a", "а"}, {"b", "б"}, {"v", "в"}, {"h", "г"}, {"g", "ґ"}, {"d", "д"}, {"e", "е"}, {"z", "з"},
	{"y", "и"}, {"i", "і"}, {"k", "к"}, {"l", "л"}, {"m", "м"}, {"n", "н"}, {"o", "о"}, {"p", "п"},
	{"r", "р"}, {"s", "с"}, {"t", "т"}, {"u", "у"}, {"f", "ф"}, {"j", "й"}, {"w", "в"}, {"x", "кс"},
	{"c", "ц"}, {"q", "к"}, {"'", "'"}, {NULL, NULL}};
static const rule ru_end[] = {
	{"tskiy", "цкий"}, {"skiy", "ский"}, {"tskii", "цкий"}, {"skii", "ский"}, {"skij", "ский"},
	{"iy", "ий"}, {"yy", "ый"}, {"ij", "ий"}, {NULL, NULL}};
static const rule ru_rules[] = {
	{"shch", "щ"}, {"kh", "х"}, {"ts", "ц"}, {"ch", "ч"}, {"sh", "ш"}, {"zh", "ж"}, {"yu", "ю"},
	{"iu", "ю"}, {"ya", "я"}, {"ia", "я"}, {"yo", "ё"}, {"ye", "е"}, {"ie", "ье"}, {"a", "а"},
	{"b", "б"}, {"v", "в"}, {"g", "г"}, {"h", "х"}, {"d", "д"}, {"e", "е"}, {"z", "з"}, {"y", "ы"},
	{"i", "и"}, {"k", "к"}, {"l", "л"}, {"m", "м"}, {"n", "н"}, {"o", "о"}, {"p", "п"}, {"r", "р"},
	{"s", "с"}, {"t", "т"}, {"u", "у"}, {"f", "ф"}, {"j", "й"}, {"w", "в"}, {"x", "кс"}, {"c", "ц"},
	{"q", "к"}, {"'", "ь"}, {NULL, NULL}};

/* The first Cyrillic letter of s upper-cased, for a word that began with
 * a capital (Cyrillic lower case is U+0430..U+045F, two bytes each). */
static void capitalise(char *s)
{
	unsigned char a = (unsigned char)s[0], b = (unsigned char)s[1];
	if(a == 0xD0 && b >= 0xB0 && b <= 0xBF) /* а..п */
		s[1] = (char)(b - 0x20);
	else if(a == 0xD1 && b >= 0x80 && b <= 0x8F) { /* р..я */
		s[0] = (char)0xD0;
		s[1] = (char)(b + 0x20);
	} else if(a == 0xD1 && b >= 0x90 && b <= 0x9F) { /* ѐ..џ: і, ї, є */
		s[0] = (char)0xD0;
		s[1] = (char)(b - 0x10);
	} else if(a == 0xD2 && b == 0x91) { /* ґ */
		s[1] = (char)0x90;
	}
}

/* A reading of a Latin word by the rules, or NULL if it has other
 * characters. */
static const char *read_back(const char *word, const rule *end, const rule *rules, arena *a)
{
	char low[64], out[256];
	size_t n = strlen(word), o = 0;
	if(n == 0 || n >= sizeof(low))
		return NULL;
	for(size_t i = 0; i < n; i++) {
		if(!isalpha((unsigned char)word[i]) && word[i] != '\'')
			return NULL;
		low[i] = (char)tolower((unsigned char)word[i]);
	}
	low[n] = '\0';
	size_t stop = n; /* where the ending starts */
	const char *tail = "";
	for(const rule *r = end; r->lat; r++) {
		size_t k = strlen(r->lat);
		if(n > k + 1 && !strcmp(low + n - k, r->lat)) {
			stop = n - k;
			tail = r->cyr;
			break;
		}
	}
	for(size_t i = 0; i < stop;) {
		const rule *hit = NULL;
		for(const rule *r = rules; r->lat && !hit; r++) {
			size_t k = strlen(r->lat);
			if(i + k <= stop && !strncmp(low + i, r->lat, k))
				hit = r;
		}
		if(!hit)
			return NULL;
		size_t c = strlen(hit->cyr);
		if(o + c >= sizeof(out))
			return NULL;
		memcpy(out + o, hit->cyr, c);
		o += c;
		i += strlen(hit->lat);
	}
	if(o + strlen(tail) >= sizeof(out))
		return NULL;
	strcpy(out + o, tail);
	if(isupper((unsigned char)word[0]))
		capitalise(out);
	return arena_strdup(a, out);
}

static int add(const char **out, int n, int max, const char *w)
{
	if(!w || n >= max)
		return n;
	for(int i = 0; i < n; i++)
		if(!strcmp(out[i], w))
			return n;
	out[n] = w;
	return n + 1;
}

int names_cyrillic_candidates(const names *nm, const char *word, arena *a, const char **out, int max)
{
	buf k;
	buf_init(&k, 256);
	int n = 0;
	if(!names_word_key(word, &k) && k.len && !memchr(k.ptr, ' ', k.len)) {
		const char *eq = hmap_get(&nm->equiv, k.ptr, k.len);
		n = add(out, n, max, hmap_get(&nm->uk_forms, k.ptr, k.len));
		n = add(out, n, max, hmap_get(&nm->uk_of, k.ptr, k.len));
		n = add(out, n, max, hmap_get(&nm->ru_forms, k.ptr, k.len));
		if(eq)
			n = add(out, n, max, hmap_get(&nm->ru_forms, eq, strlen(eq)));
	}
	buf_free(&k);
	if(n == 0) {
		n = add(out, n, max, read_back(word, uk_end, uk_rules, a));
		n = add(out, n, max, read_back(word, ru_end, ru_rules, a));
	}
	return n;
}
