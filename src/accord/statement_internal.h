/* The words of statements (statement_words.c), for statement_text.c; not
 * part of the module's contract. */
#ifndef PARLEY_ACCORD_STATEMENT_INTERNAL_H
#define PARLEY_ACCORD_STATEMENT_INTERNAL_H

#include "accord/statement.h"

/* A sentence (or a word) for each plural category of its count, and for
 * exactly one where the language says "one" in words. Templates take
 * {1}, {2}, {3}: they are data, never a format string. */
typedef struct statement_forms {
	const char *exactly_one;        /* NULL: as its category says */
	const char *by[PLURAL_COUNT];   /* NULL: the one for PLURAL_MANY, else PLURAL_OTHER */
} statement_forms;

typedef struct statement_words {
	const char *head, *head_people, *head_bodies;
	statement_forms returned;
	const char *returned_withheld, *none_returned, *among;
	const char *cats[CAT_COUNT];
	const char *service_all;        /* CAT_OTHER_SERVICE when no branch is named alone */
	statement_forms years;          /* "year", "years": after a number, in the nominative */
	const char *ages;               /* {1} the youngest's, {2} the oldest's: "21 years" */
	const char *age_groups;         /* {1} the groups, "; " between them */
	const char *group_range, *group_under, *group_over; /* {1}, {2}: ages; {3}: years */
	const char *since_first_days, *first_days, *since, *since_year;
	const char *transit, *transit_none;
	statement_forms bodies;
	const char *bodies_withheld, *agreement, *mediated, *months[12];
	const char *withheld_note;
	const char *k_note;             /* {1} k, {2} the word for people after it */
	statement_forms people;
} statement_words;

const statement_words *statement_words_of(lang_id lang);
/* The form of f for n in lang. */
const char *statement_form(const statement_forms *f, lang_id lang, long n);
/* A country or mediator by code, in the nominative or (after "through")
 * the accusative; the code itself when it is none known. */
const char *statement_place(const char *code, lang_id lang, bool accusative);

#endif
