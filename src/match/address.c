/* Addresses as linkage columns, and how two address lines compare.
 *
 * Lists write the same address in many ways: "вул. Шевченка, 12, кв. 5",
 * "ул. Шевченко д.12 кв.5", "12 Shevchenka St, apt 5". The lines become
 * two sets: the keys of their words (names_word_key: one reading for
 * every script and transliteration), leaving out the words that only say
 * what kind of thing follows (street, house, flat, city, region) and
 * single letters, and their numbers (a house's letter kept: 12а and 12a
 * are 12a). Compared, the numbers must agree as sets; the words need not:
 * each word of the shorter side is looked for among the other's by
 * Jaro-Winkler (Шевченка, Шевченко), and the share found decides. */
#include <stdlib.h>
#include <string.h>

#include "core/utf8.h"
#include "match/person.h"

enum { WORD_MAX = 48, TOKENS_MAX = 24 };

/* Words that name a kind of street, building, flat or place, lower case
 * as written (Ukrainian, Russian, English and their usual short forms),
 * compared before keying so that a change of the key rules cannot move
 * them. */
static const char *const kind_words[] = {
	"вул", "вулиця", "вулиці", "просп", "проспект", "пр", "пров", "провулок", "пл", "площа",
	"бул", "бульв", "бульвар", "шосе", "наб", "набережна", "узвіз", "буд", "будинок", "кв",
	"квартира", "корп", "корпус", "гурт", "гуртожиток", "місто", "смт", "село", "сел", "селище",
	"обл", "область", "район", "мкр", "мікрорайон", "тупик", "ул", "улица", "пер", "переулок",
	"площадь", "б-р", "шоссе", "набережная", "дом", "стр", "строение", "город", "гор", "пгт",
	"пос", "посёлок", "поселок", "микрорайон", "проезд", "республика", "республіка", "край",
	"street", "st", "str", "road", "rd", "avenue", "ave", "av", "lane", "ln", "drive", "dr",
	"boulevard", "blvd", "square", "sq", "apartment", "apt", "flat", "house", "building",
	"bldg", "city", "town", "village", "oblast", "obl", "region", "province", "district",
	"raion", "krai", "vul", "vulytsia", "ulitsa", "ul", "prospekt", "prosp", "provulok",
	"pereulok", "kvartyra", "kv", "budynok", "bud", "dom", "korpus", "misto", "gorod", "selo",
	NULL,
};

/* Folded (names_fold: case, NFKC), a word of kind_words? */
static bool is_kind_word(const char *w, size_t n)
{
	if(n >= WORD_MAX * 4) /* longer than any kind word */
		return false;
	buf f;
	buf_init(&f, 0);
	bool kind = false;
	if(!names_fold_n(w, n, &f))
		for(int i = 0; kind_words[i] && !kind; i++)
			kind = !strcmp(buf_str(&f), kind_words[i]);
	buf_free(&f);
	return kind;
}

/* Letters and apostrophes make words; digits numbers; the rest divides. */
typedef enum { CH_SEP, CH_DIGIT, CH_LETTER } ch_class;

static ch_class class_of(uint32_t cp)
{
	if(cp >= '0' && cp <= '9')
		return CH_DIGIT;
	if((cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z') || cp == '\'' || cp == 0x2019 || cp == 0x2BC)
		return CH_LETTER;
	if(cp < 0x80 || (cp >= 0x2000 && cp <= 0x206F) || cp == 0xAB || cp == 0xBB || cp == 0x2116 ||
	   cp == 0xA0 || cp == 0xB7)
		return CH_SEP;
	return CH_LETTER;
}

typedef struct tokens {
	char *word[TOKENS_MAX], *num[TOKENS_MAX];
	int nword, nnum;
} tokens;

static int cmp_str(const void *x, const void *y)
{
	return strcmp(*(char *const *)x, *(char *const *)y);
}

/* Sorted, each once, joined by spaces. */
static size_t join(char **v, int n, char *out)
{
	qsort(v, (size_t)n, sizeof(*v), cmp_str);
	size_t at = 0;
	for(int i = 0; i < n; i++) {
		if(i && !strcmp(v[i], v[i - 1]))
			continue;
		if(at)
			out[at++] = ' ';
		size_t len = strlen(v[i]);
		memcpy(out + at, v[i], len);
		at += len;
	}
	out[at] = '\0';
	return at;
}

/* One run of letters: its key, unless it only says what kind of place. */
static pl_rc add_word(tokens *t, const char *w, size_t n, arena *a)
{
	if(t->nword == TOKENS_MAX || is_kind_word(w, n))
		return PL_OK;
	char text[WORD_MAX * 4];
	if(n >= sizeof(text))
		n = sizeof(text) - 1;
	memcpy(text, w, n);
	text[n] = '\0';
	buf k;
	buf_init(&k, 0);
	pl_rc rc = names_word_key(text, &k);
	/* A single letter is a short form (д., м., к.), not a name. */
	if(!rc && k.len > 1 && !strchr(buf_str(&k), ' '))
		t->word[t->nword++] = arena_strdup(a, buf_str(&k));
	buf_free(&k);
	return rc;
}

/* A run of digits, with the one letter after it that ends its token (12а). */
static pl_rc add_number(tokens *t, const char *d, size_t n, const char *letter, size_t ln, arena *a)
{
	if(t->nnum == TOKENS_MAX)
		return PL_OK;
	while(n > 1 && *d == '0') { /* 012 is 12 */
		d++;
		n--;
	}
	buf k;
	buf_init(&k, 0);
	pl_rc rc = buf_add(&k, d, n < 16 ? n : 16);
	if(!rc && letter) { /* keyed on its own: names_word_key puts a space between */
		char l[8];
		memcpy(l, letter, ln);
		l[ln] = '\0';
		buf lk;
		buf_init(&lk, 0);
		rc = names_word_key(l, &lk);
		if(!rc && lk.len)
			rc = buf_add(&k, lk.ptr, lk.len);
		buf_free(&lk);
	}
	if(!rc)
		t->num[t->nnum++] = arena_strdup(a, buf_str(&k));
	buf_free(&k);
	return rc;
}

static pl_rc tokenise(const char *text, tokens *t, arena *a)
{
	size_t n = strlen(text);
	pl_rc rc = PL_OK;
	for(size_t i = 0; i < n && !rc;) {
		uint32_t cp;
		size_t k = utf8_decode(text + i, n - i, &cp);
		if(!k)
			return PL_EINPUT;
		ch_class c = class_of(cp);
		if(c == CH_SEP) {
			i += k;
			continue;
		}
		/* The run of this class. */
		size_t start = i;
		while(i < n) {
			size_t kk = utf8_decode(text + i, n - i, &cp);
			if(!kk || class_of(cp) != c)
				break;
			i += kk;
		}
		if(c == CH_LETTER) {
			rc = add_word(t, text + start, i - start, a);
			continue;
		}
		/* A letter right after the number that ends the token is the house's. */
		size_t j = i, kl = 0;
		if(j < n && (kl = utf8_decode(text + j, n - j, &cp)) && class_of(cp) == CH_LETTER) {
			uint32_t next;
			size_t after = j + kl, kn = after < n ? utf8_decode(text + after, n - after, &next) : 0;
			if(after == n || (kn && class_of(next) != CH_LETTER)) {
				rc = add_number(t, text + start, i - start, text + j, kl, a);
				i = after;
				continue;
			}
		}
		rc = add_number(t, text + start, i - start, NULL, 0, a);
	}
	return rc ? rc : arena_oom(a) ? PL_ENOMEM : PL_OK;
}

void match_address_columns(const char *text, arena *a, const char **key, const char **house)
{
	*key = *house = NULL;
	tokens t = {0};
	if(!text || tokenise(text, &t, a) || (!t.nword && !t.nnum))
		return;
	if(t.nnum)
		*house = t.num[0]; /* the first written, before join sorts them */
	char *out = arena_alloc(a, strlen(text) * 2 + 64);
	if(!out)
		return;
	size_t at = join(t.word, t.nword, out);
	out[at++] = '|';
	join(t.num, t.nnum, out + at);
	*key = out;
}

const char *match_address_key(const char *text, arena *a)
{
	const char *key, *house;
	match_address_columns(text, a, &key, &house);
	return key;
}

const char *match_address_house(const char *text, arena *a)
{
	const char *key, *house;
	match_address_columns(text, a, &key, &house);
	return house;
}

const char *match_place_key(const char *text, arena *a)
{
	if(!text)
		return NULL;
	tokens t = {0};
	if(tokenise(text, &t, a) || !t.nword)
		return NULL;
	/* In the order written: "Біла Церква" is bilacerkva's two words. */
	size_t len = 0;
	for(int i = 0; i < t.nword; i++)
		len += strlen(t.word[i]) + 1;
	char *out = arena_alloc(a, len + 1);
	if(!out)
		return NULL;
	size_t at = 0;
	for(int i = 0; i < t.nword; i++)
		at += (size_t)sprintf(out + at, "%s%s", i ? " " : "", t.word[i]);
	return out;
}

/* ---- comparing ------------------------------------------------------- */

enum { ADDR_EXACT, ADDR_SAME_NO_CLOSE, ADDR_CLOSE, ADDR_SAME_NO, ADDR_PARTLY, ADDR_ELSE };

/* The words of a column part, in place: pointers and lengths. */
static int words_of(const char *s, size_t n, const char **w, size_t *len)
{
	int k = 0;
	for(size_t i = 0; i < n && k < TOKENS_MAX;) {
		size_t e = i;
		while(e < n && s[e] != ' ')
			e++;
		if(e > i) {
			w[k] = s + i;
			len[k++] = e - i;
		}
		i = e + 1;
	}
	return k;
}

/* Each word of the side with fewer, looked for among the other's: the
 * mean of the best Jaro-Winkler (below 0.8: not found, 0). */
static double cover(const char *x, size_t xn, const char *y, size_t yn)
{
	const char *wx[TOKENS_MAX], *wy[TOKENS_MAX];
	size_t lx[TOKENS_MAX], ly[TOKENS_MAX];
	int nx = words_of(x, xn, wx, lx), ny = words_of(y, yn, wy, ly);
	if(!nx || !ny)
		return nx == ny ? 1.0 : 0.0;
	if(nx > ny)
		return cover(y, yn, x, xn);
	double sum = 0;
	for(int i = 0; i < nx; i++) {
		double best = 0;
		for(int j = 0; j < ny && best < 1.0; j++) {
			double s = lx[i] == ly[j] && !memcmp(wx[i], wy[j], lx[i])
			           ? 1.0 : match_jaro_winkler(wx[i], lx[i], wy[j], ly[j]);
			if(s > best)
				best = s;
		}
		sum += best >= 0.8 ? best : 0;
	}
	return sum / nx;
}

/* Any number in both (space-separated sorted lists). */
static bool share_number(const char *x, const char *y)
{
	const char *wx[TOKENS_MAX], *wy[TOKENS_MAX];
	size_t lx[TOKENS_MAX], ly[TOKENS_MAX];
	int nx = words_of(x, strlen(x), wx, lx), ny = words_of(y, strlen(y), wy, ly);
	for(int i = 0; i < nx; i++)
		for(int j = 0; j < ny; j++)
			if(lx[i] == ly[j] && !memcmp(wx[i], wy[j], lx[i]))
				return true;
	return false;
}

uint8_t match_address_level(const char *x, const char *y)
{
	if(!strcmp(x, y))
		return ADDR_EXACT;
	const char *bx = strchr(x, '|'), *by = strchr(y, '|');
	if(!bx || !by)
		return ADDR_ELSE;
	bool same_no = bx[1] && !strcmp(bx + 1, by + 1);
	double c = cover(x, (size_t)(bx - x), y, (size_t)(by - y));
	bool words = bx > x && by > y;
	if(same_no && words && c >= 0.9)
		return ADDR_SAME_NO_CLOSE;
	if(words && c >= 0.9)
		return ADDR_CLOSE;
	if(same_no)
		return ADDR_SAME_NO;
	if((words && c >= 0.6) || share_number(bx + 1, by + 1))
		return ADDR_PARTLY;
	return ADDR_ELSE;
}
