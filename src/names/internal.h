/* Shared by the files of the names module; not part of its contract. */
#ifndef PARLEY_NAMES_INTERNAL_H
#define PARLEY_NAMES_INTERNAL_H

#include <stdbool.h>
#include <stdint.h>

#include "core/arena.h"
#include "core/buf.h"
#include "core/hmap.h"

struct UCollator;

enum { KEY_MAX = 128 }; /* a word's key at most: longer words are cut (a key, not a copy) */

struct names {
	hmap equiv;               /* key of a Ukrainian form -> key of its Russian form */
	hmap given;               /* stems of given names, from the dictionary's patronymics */
	hmap uk_forms, ru_forms;  /* key -> the dictionary's Ukrainian / Russian word */
	hmap uk_of;               /* key of a Russian form -> its (different) Ukrainian word */
	arena words;              /* the words of the three */
	char version[64];
	struct UCollator *coll;   /* opened on first use */
	buf scratch[2];           /* for one name at a time: marks unified, then folded */
};

/* The shipped dictionary, embedded at build time. */
extern const unsigned char names_dict_csv[];
extern const unsigned long names_dict_csv_len;

static inline bool names_is_cyrillic(uint32_t cp)
{
	return (cp >= 0x0400 && cp <= 0x045F) || cp == 0x0490 || cp == 0x0491 ||
	       cp == 0x040E || cp == 0x045E;
}

/* Marks that sit inside a word and are dropped: apostrophes, soft-sign
 * letters of the Latin schemes, the BGN middle dot. */
static inline bool names_is_word_mark(uint32_t cp)
{
	return cp == '\'' || cp == '`' || cp == 0x2019 || cp == 0x02BC || cp == 0x02B9 ||
	       cp == 0x02BA || cp == 0x00B4 || cp == 0x00B7 || cp == 0x2032 || cp == 0x02C8;
}

/* The length of the given-name stem of a patronymic's key (ivanovic ->
 * ivan), or 0 if the key is not a patronymic's. */
size_t names_patronymic_stem(const char *key, size_t len);
/* Whether a key is a given name's: the stem of a patronymic of the
 * dictionary (petr, mikolai), that stem less or plus its last letter
 * (petro, nikolai for nikola), or a common woman's name. */
bool names_is_given_key(const struct names *nm, const char *key, size_t n);

/* Lower-case a Cyrillic letter; other code points unchanged. */
uint32_t names_cyr_lower(uint32_t cp);
bool names_cyr_is_upper(uint32_t cp);
/* Letters of any script we read (Cyrillic, Latin with diacritics). */
bool names_is_letter(uint32_t cp);

#endif
