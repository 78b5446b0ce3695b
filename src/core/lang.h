/* The languages texts are written in: their codes, the plural category a
 * number takes, and numbers written as each language writes them.
 *
 * Plural categories are CLDR's (unicode.org, "Language Plural Rules") for
 * whole numbers. English: one (1) and other. Ukrainian and Russian, alike:
 *   one   n % 10 = 1, but not n % 100 = 11          1, 21, 31, 101, 121
 *   few   n % 10 = 2..4, but not n % 100 = 12..14   2-4, 22-24, 102-104
 *   many  the rest                                  0, 5-20, 25-30, 111-114
 * ("other" is for fractions, which no count here is). A sentence with a
 * count is written once per category and picked by lang_plural_of. */
#ifndef PARLEY_CORE_LANG_H
#define PARLEY_CORE_LANG_H

#include <stddef.h>

typedef enum lang_id { LANG_EN, LANG_UK, LANG_RU, LANG_COUNT } lang_id;

typedef enum lang_plural { PLURAL_ONE, PLURAL_FEW, PLURAL_MANY, PLURAL_OTHER, PLURAL_COUNT } lang_plural;

/* "en", "uk", "ru"; -1 for anything else. */
int lang_parse(const char *code);
const char *lang_code(lang_id l);
/* The category of the whole number n (its absolute value) in l. */
lang_plural lang_plural_of(lang_id l, long n);
/* n with its thousands grouped as l groups them: "1,234" in English,
 * "1 234" (a no-break space, U+00A0) in Ukrainian and Russian, where a
 * comma is the decimal sign. */
void lang_number(lang_id l, long n, char *out, size_t size);

#endif
