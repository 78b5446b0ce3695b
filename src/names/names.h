/* Names: folding, transliteration and the cross-script search key.
 *
 * The same person is written Олександр, Александр, Oleksandr and Aleksandr
 * by different offices. The search key folds all of these to one form:
 *
 *   1. NFKC and case folding (ICU), Latin look-alikes inside Cyrillic words
 *      read as Cyrillic ("Cергій" typed with a Latin C);
 *   2. a reading in a reduced Latin alphabet that the common schemes land
 *      on (KMU 2010, BGN/PCGN, ISO 9, ICAO 9303 except its "ie" for ъ, GOST
 *      7.79 B except its x for х inside a word, and the German spellings of
 *      ш, ч, щ): kh/h/g -> h, y/j/i -> i, ye/ie/e -> e, double letters
 *      single, apostrophes, soft signs and combining marks dropped. Polish
 *      cz reads as GOST's ц, not as ч;
 *   3. the Ukrainian -> Russian equivalences of given names, patronymics and
 *      surnames (data/names/uk_ru_names.csv): Олександр also keys as
 *      Александр, Mykola as Nikolai.
 *
 * A word gets up to seven keys: its own reading, its equivalent's, for a
 * feminine surname (Іванова, Ковальська) the masculine form's, so that a
 * family is found under either form, and its Ukrainian-Russian common
 * form (key.c): the regular differences of the two languages' spellings
 * folded, ьо/ё/е (Дьомін ~ Дёмин ~ Демин), о/е after ж ч ш щ (Пугачов ~
 * Пугачев), зс/сс (Безсмертний ~ Бессмертный), -а/-ая and -я/-яя
 * (Завгородня ~ Завгородняя), -ий/-ой, -ів/-ов/-ев, -івна/-овна,
 * -ович/-евич, під-/под-, and і after a consonant as е (Білецький ~
 * Белецкий), with that form's masculine. Those are search keys only:
 * names_word_key, which linkage compares, is the reading alone. Keys
 * only ever contain the letters a-z; digits and other characters separate
 * words. */
#ifndef PARLEY_NAMES_NAMES_H
#define PARLEY_NAMES_NAMES_H

#include <stdbool.h>
#include <stddef.h>

#include "core/arena.h"
#include "core/buf.h"
#include "core/err.h"

typedef struct names names;

/* Loads the built-in equivalence dictionary. */
pl_rc names_open(names **out, pl_err *err);
/* The same with another dictionary's CSV text (uk,ru,count; copied): for
 * evaluations that hold part of the shipped one out. */
pl_rc names_open_text(names **out, const char *csv, size_t len, pl_err *err);
void names_close(names *nm);

/* Identifies the key algorithm and dictionary. Keys stored under another
 * version must be recomputed. */
const char *names_key_version(const names *nm);
/* The shipped dictionary as CSV text (uk,ru,count): for generators. */
const char *names_dict_text(size_t *len);
/* Number of Ukrainian -> Russian key equivalences loaded. */
size_t names_dict_size(const names *nm);

/* NFKC + case folding of UTF-8 text, appended to out. */
pl_rc names_fold(const char *s, buf *out) PL_NODISCARD;
/* The same of s[0..n), which need not end there. */
pl_rc names_fold_n(const char *s, size_t n, buf *out) PL_NODISCARD;

typedef enum names_scheme {
	NAMES_KMU2010,   /* Ukrainian national system (CMU resolution 55, 2010) */
	NAMES_GOST779B,  /* GOST 7.79-2000 system B */
	NAMES_ICAO9303,  /* ICAO Doc 9303, machine-readable travel documents */
	NAMES_BGN_RU,    /* BGN/PCGN 1947, Russian */
	NAMES_SCHEME_COUNT
} names_scheme;

const char *names_scheme_name(names_scheme s);
/* Cyrillic -> Latin in the given scheme, case kept ("ЩЕРБАК" -> "SHCHERBAK",
 * "Щербак" -> "Shcherbak"); other characters pass through. */
pl_rc names_transliterate(const char *s, names_scheme scheme, buf *out) PL_NODISCARD;

/* The keys of the words of `word`, without equivalences, space-separated,
 * appended to out. */
pl_rc names_word_key(const char *word, buf *out) PL_NODISCARD;
/* The keys of every word in `name`, space-separated, appended to out;
 * duplicates already in out are not repeated. */
pl_rc names_keys(names *nm, const char *name, buf *out) PL_NODISCARD;

/* The key of the dictionary's Russian form of the word whose key is
 * key[0..len) (oleksandr -> aleksandr), or NULL if it has none. */
const char *names_equivalent(const names *nm, const char *key, size_t len);

/* Cyrillic forms a Latin word may have been written from, into
 * out[0..max): the dictionary's words with its key and their Ukrainian or
 * Russian counterparts (Oleksandr, Aleksandr -> Олександр, Александр);
 * for a word the dictionary lacks, a reading by the Ukrainian and the
 * Russian systems run backwards (Khmelnytskyi -> Хмельницкий is not found
 * that way: a guess to show, not a spelling to store). Returns how many;
 * strings live in the names module or in a. */
int names_cyrillic_candidates(const names *nm, const char *word, arena *a, const char **out, int max);

/* A whole name in one field, in any order, split into its parts (words
 * of text, copied into a; NULL where there is none): "Шевченко Олександр
 * Іванович", "Oleksandr Shevchenko", "SHEVCHENKO O.I.", "Коваль-Петренко,
 * Ганна". Other words (a second given name, a title) are left out, and
 * counted. `how` says what decided the surname; NAMES_SPLIT_NONE when the
 * text could not be split (one word, taken as the surname; or initials
 * only, no surname). */
typedef enum names_split {
	NAMES_SPLIT_NONE,          /* not split */
	NAMES_SPLIT_COMMA,         /* "Surname, Given" */
	NAMES_SPLIT_CAPITALS,      /* the one word in capitals */
	NAMES_SPLIT_INITIALS,      /* the full word beside the initials */
	NAMES_SPLIT_KNOWN_NAME,    /* a known given name or a patronymic placed the rest */
	NAMES_SPLIT_SURNAME_FIRST, /* no clue: the lists' order, surname first (Cyrillic) */
	NAMES_SPLIT_GIVEN_FIRST,   /* no clue: given name first (Latin) */
	NAMES_SPLIT_LIST_ORDER,    /* no clue: the order the rest of the list shows (order given) */
	NAMES_SPLIT_COUNT
} names_split;

typedef struct names_person {
	const char *surname, *given, *patronymic;
	names_split how;
	int left_out;              /* words of the name not placed */
	/* Where the surname was written: NAMES_SURNAME_FIRST before the given
	 * name, NAMES_SURNAME_LAST after it, 0 when not both were placed. */
	int order;
} names_person;

enum { NAMES_SURNAME_FIRST = 1, NAMES_SURNAME_LAST = 2 };
/* A short English word for `how` ("comma", "initials", ...): a code, not
 * a sentence; the UI translates it. */
const char *names_split_name(names_split how);
pl_rc names_parse_person(const names *nm, const char *text, arena *a, names_person *out) PL_NODISCARD;
/* The same, with the order a whole list writes its names in
 * (NAMES_SURNAME_FIRST or _LAST; 0: none known) taking the place of the
 * lists' usual order where the text itself gives no clue (how is then
 * NAMES_SPLIT_LIST_ORDER). */
pl_rc names_parse_person_in(const names *nm, const char *text, int list_order, arena *a,
                            names_person *out) PL_NODISCARD;

/* A search query: one term per word, each with its alternative keys: the
 * word's own first, then its dictionary equivalent's, for a feminine
 * surname the masculine form's, and its common forms (see above). */
enum { NAMES_KEYS_MAX = 7 };

typedef struct names_term {
	const char *keys[NAMES_KEYS_MAX];
	int nkeys;
} names_term;

pl_rc names_query(const names *nm, const char *query, arena *a,
                  names_term **terms, size_t *nterms, pl_err *err) PL_NODISCARD;

/* A binary sort key for display order (ICU collation, Ukrainian rules,
 * case and apostrophes ignored), appended to out: at most 40 bytes, enough
 * to order by the first words. Compare keys with memcmp. */
pl_rc names_sort_key(names *nm, const char *text, buf *out) PL_NODISCARD;

#endif
