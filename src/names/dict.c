/* The names object: the shipped Ukrainian-Russian dictionary
 * (data/names/uk_ru_names.csv, embedded at build time) read into the
 * equivalences of keys, the stems of given names, the Cyrillic forms of
 * keys, and the Ukrainian word of a Russian key.
 *
 * Rows are `uk,ru,count` with count 2 for the main form and 1 for a
 * variant. Rows that are not a single word on each side (notes, two names
 * in one cell, other scripts) are skipped. */
#include <stdlib.h>
#include <string.h>
#include <unicode/ucol.h>

#include "core/csv.h"
#include "core/utf8.h"
#include "names/internal.h"
#include "names/names.h"

static bool one_cyrillic_word(const char *s)
{
	size_t n = strlen(s);
	bool any = false;
	for(size_t i = 0; i < n;) {
		uint32_t cp;
		size_t k = utf8_decode(s + i, n - i, &cp);
		if(!k)
			return false;
		if(names_is_cyrillic(cp))
			any = true;
		else if(!names_is_word_mark(cp) && !(cp < 0x80 && names_is_letter(cp)))
			return false; /* spaces, commas, brackets, Greek... */
		i += k;
	}
	return any;
}

static pl_rc single_key(const char *word, char *out, size_t *len)
{
	buf b;
	buf_init(&b, KEY_MAX * 4);
	pl_rc rc = names_word_key(word, &b);
	*len = rc || b.len >= KEY_MAX ? 0 : b.len;
	if(*len)
		memcpy(out, b.ptr, *len + 1);
	buf_free(&b);
	return rc == PL_ELIMIT ? PL_OK : rc;
}

/* Women's given names make no patronymics, so the dictionary cannot tell
 * them from surnames: the common ones, in both languages. */
static const char *const womens_names[] = {
	"Олена", "Елена", "Ольга", "Наталія", "Наталья", "Тетяна", "Татьяна", "Ірина", "Ирина",
	"Юлія", "Юлия", "Оксана", "Світлана", "Светлана", "Анна", "Ганна", "Марія", "Мария",
	"Катерина", "Екатерина", "Вікторія", "Виктория", "Людмила", "Галина", "Валентина", "Яна",
	"Інна", "Инна", "Надія", "Надежда", "Любов", "Любовь", "Алла", "Лариса", "Дарина", "Дарья",
	"Софія", "София", "Анастасія", "Анастасия", "Віра", "Вера", "Лілія", "Лилия", "Марина",
	"Тамара", "Раїса", "Раиса", "Зоя", "Христина", "Кристина", "Олександра", "Александра",
};

static pl_rc add_womens_names(names *nm, pl_err *err)
{
	for(size_t i = 0; i < sizeof(womens_names) / sizeof(womens_names[0]); i++) {
		char k[KEY_MAX];
		size_t n;
		if(single_key(womens_names[i], k, &n) || (n && hmap_put(&nm->given, k, n, (void *)1)))
			return pl_nomem(err);
	}
	return PL_OK;
}

size_t names_patronymic_stem(const char *key, size_t len)
{
	static const char *const suffixes[] = {"ovic", "evic", "ivna", "ovna", "evna"};
	for(size_t i = 0; i < sizeof(suffixes) / sizeof(suffixes[0]); i++)
		if(len >= 4 + 3 && !memcmp(key + len - 4, suffixes[i], 4))
			return len - 4;
	return 0;
}

/* Edit distance of two keys (at most KEY_MAX long). */
static size_t key_distance(const char *a, size_t la, const char *b, size_t lb)
{
	size_t row[KEY_MAX + 1];
	for(size_t j = 0; j <= lb; j++)
		row[j] = j;
	for(size_t i = 1; i <= la; i++) {
		size_t diag = row[0];
		row[0] = i;
		for(size_t j = 1; j <= lb; j++) {
			size_t up = row[j], best = diag + (a[i - 1] != b[j - 1]);
			if(up + 1 < best)
				best = up + 1;
			if(row[j - 1] + 1 < best)
				best = row[j - 1] + 1;
			diag = up;
			row[j] = best;
		}
	}
	return row[lb];
}

/* Letters all Cyrillic: the dictionary has rows typed with a Latin i. */
static bool all_cyrillic(const char *s)
{
	for(; *s; s++)
		if((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z'))
			return false;
	return true;
}

/* A Russian key and a Ukrainian word that may be its counterpart. */
typedef struct uk_pair {
	const char *kr, *uk;
} uk_pair;

static pl_rc push_pair(buf *pairs, names *nm, const char *kr, size_t lr, const char *uk)
{
	uk_pair p = {arena_strndup(&nm->words, kr, lr), arena_strdup(&nm->words, uk)};
	return p.kr && p.uk ? buf_add(pairs, (const char *)&p, sizeof(p)) : PL_ENOMEM;
}

bool names_is_given_key(const struct names *nm, const char *key, size_t n)
{
	char plus[KEY_MAX + 2];
	snprintf(plus, sizeof(plus), "%.*si", (int)n, key);
	return hmap_get(&nm->given, key, n) || (n > 3 && hmap_get(&nm->given, key, n - 1)) ||
	       hmap_get(&nm->given, plus, n + 1);
}

/* Lower is better: a given name the dictionary makes patronymics of,
 * then the closest key. A misspelt row (Одександр for Александр) loses. */
static size_t uk_score(const names *nm, const char *uk, const char *kr)
{
	char k[KEY_MAX];
	size_t n;
	if(single_key(uk, k, &n) || !n)
		return (size_t)-1;
	return (names_is_given_key(nm, k, n) ? 0 : 1000) + key_distance(k, n, kr, strlen(kr));
}

static pl_rc choose_uk_words(names *nm, const buf *pairs)
{
	const uk_pair *p = (const uk_pair *)pairs->ptr;
	size_t n = pairs->len / sizeof(uk_pair);
	for(size_t i = 0; i < n; i++) {
		size_t lr = strlen(p[i].kr);
		const char *had = hmap_get(&nm->uk_of, p[i].kr, lr);
		if((!had || uk_score(nm, p[i].uk, p[i].kr) < uk_score(nm, had, p[i].kr)) &&
		   hmap_put(&nm->uk_of, p[i].kr, lr, (void *)p[i].uk))
			return PL_ENOMEM;
	}
	return PL_OK;
}

/* Put word (copied) under key in m; false when out of memory. */
static bool keep_word(names *nm, hmap *m, const char *key, size_t len, const char *word)
{
	char *w = arena_strdup(&nm->words, word);
	return w && !hmap_put(m, key, len, w);
}

static pl_rc load_dict(names *nm, const char *csv, size_t len, pl_err *err)
{
	FILE *f = len ? fmemopen((void *)csv, len, "r") : NULL;
	if(!f)
		return pl_failc(err, PL_EIO, "names.no_dictionary", NULL);
	csv_reader *r;
	pl_rc rc = csv_reader_open(&r, f, "uk_ru_names.csv", err);
	hmap weight; /* key -> count of the row that set it */
	hmap_init(&weight);
	buf pairs;
	buf_init(&pairs, 0);
	while(!rc) {
		csv_record rec;
		bool eof;
		if((rc = csv_read(r, &rec, &eof, err)) || eof)
			break;
		if(rec.number == 1 || rec.nfields != 3)
			continue; /* the header, or a malformed row */
		const char *uk = rec.fields[0], *ru = rec.fields[1];
		intptr_t count = atoi(rec.fields[2]);
		if(!one_cyrillic_word(uk) || !one_cyrillic_word(ru) || count < 1)
			continue;
		char ku[KEY_MAX], kr[KEY_MAX];
		size_t lu, lr;
		if((rc = single_key(uk, ku, &lu)) || (rc = single_key(ru, kr, &lr)))
			break;
		size_t su = lu ? names_patronymic_stem(ku, lu) : 0, sr = lr ? names_patronymic_stem(kr, lr) : 0;
		if((su && hmap_put(&nm->given, ku, su, (void *)1)) ||
		   (sr && hmap_put(&nm->given, kr, sr, (void *)1))) {
			rc = pl_nomem(err);
			break;
		}
		/* Cyrillic forms for Latin input: the first row wins. */
		if((lu && all_cyrillic(uk) && !hmap_get(&nm->uk_forms, ku, lu) &&
		    !keep_word(nm, &nm->uk_forms, ku, lu, uk)) ||
		   (lr && all_cyrillic(ru) && !hmap_get(&nm->ru_forms, kr, lr) &&
		    !keep_word(nm, &nm->ru_forms, kr, lr, ru))) {
			rc = pl_nomem(err);
			break;
		}
		if(!lu || !lr || (lu == lr && !memcmp(ku, kr, lu)))
			continue;
		/* Candidates for the Ukrainian word of a Russian key; chosen once
		 * the whole dictionary is read (choose_uk_words). */
		if(count == 2 && all_cyrillic(uk) && push_pair(&pairs, nm, kr, lr, uk)) {
			rc = pl_nomem(err);
			break;
		}
		intptr_t had = (intptr_t)hmap_get(&weight, ku, lu);
		if(had >= count)
			continue; /* a main form wins over a variant; first wins a tie */
		char *val = arena_strndup(&nm->equiv.keys, kr, lr);
		if(!val || hmap_put(&nm->equiv, ku, lu, val) || hmap_put(&weight, ku, lu, (void *)count))
			rc = pl_nomem(err);
	}
	csv_reader_close(r);
	fclose(f);
	hmap_free(&weight);
	if(!rc && choose_uk_words(nm, &pairs))
		rc = pl_nomem(err);
	buf_free(&pairs);
	return rc;
}

/* Bump when the key rules change: stored keys then get recomputed. */
#define KEY_ALGORITHM 3

pl_rc names_open_text(names **out, const char *csv, size_t len, pl_err *err)
{
	names *nm = calloc(1, sizeof(*nm));
	if(!nm)
		return pl_nomem(err);
	hmap_init(&nm->equiv);
	hmap_init(&nm->given);
	hmap_init(&nm->uk_forms);
	hmap_init(&nm->ru_forms);
	hmap_init(&nm->uk_of);
	arena_init(&nm->words, 0);
	buf_init(&nm->scratch[0], 0);
	buf_init(&nm->scratch[1], 0);
	pl_rc rc = load_dict(nm, csv, len, err);
	if(!rc)
		rc = add_womens_names(nm, err);
	if(rc) {
		names_close(nm);
		return rc;
	}
	snprintf(nm->version, sizeof(nm->version), "%d-%016llx", KEY_ALGORITHM,
	         (unsigned long long)hmap_hash(csv, len));
	*out = nm;
	return PL_OK;
}

pl_rc names_open(names **out, pl_err *err)
{
	return names_open_text(out, (const char *)names_dict_csv, names_dict_csv_len, err);
}

void names_close(names *nm)
{
	if(!nm)
		return;
	hmap_free(&nm->given);
	hmap_free(&nm->uk_forms);
	hmap_free(&nm->ru_forms);
	hmap_free(&nm->uk_of);
	hmap_free(&nm->equiv);
	arena_free(&nm->words);
	buf_free(&nm->scratch[0]);
	buf_free(&nm->scratch[1]);
	if(nm->coll)
		ucol_close(nm->coll);
	free(nm);
}

const char *names_key_version(const names *nm)
{
	return nm->version;
}

const char *names_dict_text(size_t *len)
{
	*len = names_dict_csv_len;
	return (const char *)names_dict_csv;
}

size_t names_dict_size(const names *nm)
{
	return nm->equiv.count;
}
