/* Statements: what a ministry publishes about an executed stage.
 *
 * For the people a party received in the stage: the categories (service
 * branches, civilians, the severely wounded and the seriously ill, the
 * young), the youngest and oldest ages, how long the longest held had
 * been held ("since the first days"), the transit country, and the
 * bodies returned. Never a name or an identifier. While the agreement's
 * embargo holds (until a date, or until every stage is done), every
 * number is withheld and only the categories are said. */
#ifndef PARLEY_ACCORD_STATEMENT_H
#define PARLEY_ACCORD_STATEMENT_H

#include <jansson.h>

#include "accord/stage.h"

typedef enum statement_lang { STATEMENT_EN, STATEMENT_UK } statement_lang;

enum { BRANCHES = 5 };

typedef struct statement {
	const agreement *ag;
	stage st;
	const char *party;        /* whose people came home */
	pdate on;                 /* the day of the statement */
	bool embargo;             /* numbers withheld */
	long received, bodies;
	long branch[BRANCHES];    /* armed forces, national guard, border guard, other, civilian */
	long severely_wounded, seriously_ill, young;
	int youngest, oldest;     /* ages on the stage's day; -1: unknown */
	pdate held_since;         /* the earliest capture among them; y == 0: unknown */
	bool first_days;          /* within two weeks of the conflict's start */
} statement;

/* party NULL: the party that received people in the stage (the first of
 * the agreement's if both did). on.y == 0: today. */
pl_rc statement_make(store *st, const char *stage_uid, const char *party, pdate on, arena *a,
                        statement *out, pl_err *err) PL_NODISCARD;
pl_rc statement_markdown(const statement *s, statement_lang lang, buf *out) PL_NODISCARD;
json_t *statement_json(const statement *s, statement_lang lang);
int statement_lang_parse(const char *s);   /* "uk", "en"; -1 otherwise */

#endif
