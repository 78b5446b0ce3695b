/* Small text helpers for messages. */
#ifndef PARLEY_CORE_TEXT_H
#define PARLEY_CORE_TEXT_H

#include <stddef.h>

/* Optimal string alignment distance (Damerau-Levenshtein with adjacent
 * transpositions) between two byte strings of at most 64 bytes; larger
 * inputs give a distance larger than either length. */
int text_distance(const char *a, const char *b);

/* The closest of the NULL-terminated candidates to `word`, if it is near
 * enough to be a typo of it (one edit per three letters, at least one);
 * NULL otherwise. For "did you mean ...?" */
const char *text_closest(const char *word, const char *const *candidates);

/* `value` fit for an error message: at most 40 characters, control
 * characters shown as \n, \t or \xNN, cut with "..." when longer. */
void text_quote(const char *value, char *out, size_t size);

/* n with thousands separated by commas: "1,234,567". */
void text_thousands(long n, char *out, size_t size);

#endif
