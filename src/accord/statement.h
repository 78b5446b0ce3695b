/* Statements: what a ministry publishes about an executed stage.
 *
 * For the people a party received in the stage: the categories (service
 * branches, civilians, the severely wounded and the seriously ill, the
 * young), the youngest and oldest ages, how long the longest held had
 * been held ("since the first days"), the transit country, and the
 * bodies returned. Never a name, an identifier or the agreement's id: the
 * agreement is named by its title in the statement's language
 * (agreement_title_in).
 *
 * While the agreement's embargo holds (until a date, or until every stage
 * is done), every number is withheld, and no figure describes fewer than
 * k people (k: the agreement's embargo.k, 10 unless it says; a request
 * may raise it): no youngest or oldest age and no date of capture; ages
 * only in groups (fixed bands merged until each holds at least k), the
 * captivity only as the earliest year by which at least k had been
 * captured, a category only when at least k are in it (the smaller
 * service branches merged into "others in service", the severely wounded
 * and the seriously ill into one group, when that reaches k); the rest is
 * left out, and the statement says so.
 *
 * A statement is built in two steps: its figures (statement_make, or
 * statement_add_person and statement_settle for persons in hand), then its
 * words (statement_render) in English, Ukrainian or Russian, as Markdown,
 * HTML or plain text, every count in the plural form its number takes
 * (lang_plural_of). */
#ifndef PARLEY_ACCORD_STATEMENT_H
#define PARLEY_ACCORD_STATEMENT_H

#include <jansson.h>

#include "accord/stage.h"
#include "core/lang.h"

/* The categories a statement names. The last two are the merged groups
 * said only under embargo. */
typedef enum statement_cat {
	CAT_ARMED_FORCES, CAT_NATIONAL_GUARD, CAT_BORDER_GUARD, CAT_OTHER_BRANCH, CAT_CIVILIAN,
	CAT_SEVERELY_WOUNDED, CAT_SERIOUSLY_ILL, CAT_YOUNG,
	CAT_OTHER_SERVICE,   /* branches of fewer than k each, together at least k */
	CAT_WOUNDED_OR_ILL,  /* severely wounded and seriously ill, fewer than k each */
	CAT_COUNT
} statement_cat;

/* Age bands: 0-17, 18-25, 26-35, 36-45, 46-55, 56-65, 66 and over. */
enum { STATEMENT_BANDS = 7, STATEMENT_YEAR0 = 1900, STATEMENT_YEARS = 256 };

/* A group of ages said under embargo: from lo to hi years (lo 0: "hi and
 * under"; hi -1: "lo and over"), holding n people, n >= k. */
typedef struct statement_group {
	int lo, hi;
	long n;
} statement_group;

typedef struct statement {
	const agreement *ag;
	stage st;
	const char *party;        /* whose people came home */
	pdate on;                 /* the day of the statement */
	bool embargo;             /* numbers withheld */
	int k;                    /* under embargo: the smallest group a figure describes */
	long received, bodies;
	long cat[CAT_COUNT];      /* how many are in each category (the merged: 0) */
	int youngest, oldest;     /* ages on the stage's day; -1: unknown */
	pdate held_since;         /* the earliest capture among them; y == 0: unknown */
	bool first_days;          /* captured within two weeks of the conflict's start */
	/* What the figures under embargo are made of: */
	long band[STATEMENT_BANDS];      /* by age, those whose age is known to a band */
	long captured[STATEMENT_YEARS];  /* by year of capture, from STATEMENT_YEAR0 */
	long first_days_n;               /* captured within two weeks of the start */
	/* What the statement says (statement_settle): */
	long named[CAT_COUNT];           /* each category it names, with its count; 0: not named */
	statement_group groups[STATEMENT_BANDS]; /* under embargo */
	int ngroups;
	int since_year;                  /* under embargo: at least k captured by its end; 0: none */
	bool says_first_days;
	bool left_out;                   /* under embargo: a smaller group merged or left out */
} statement;

/* What to say and for whom. */
typedef struct statement_opts {
	const char *party;        /* whose people came home; NULL: the party that received
	                             (the first of the agreement's if both did) */
	pdate on;                 /* y == 0: today */
	int k;                    /* 0: the agreement's; else at least the agreement's */
} statement_opts;

pl_rc statement_make(store *st, const char *stage_uid, const statement_opts *o, arena *a,
                     statement *out, pl_err *err) PL_NODISCARD;

/* For persons in hand: s zeroed, with ag, st.date, embargo and k set;
 * then each person received; then settle. */
void statement_add_person(statement *s, const person *p);
void statement_settle(statement *s);

/* The category's name in data ("armed_forces"). */
const char *statement_cat_name(statement_cat c);

typedef enum statement_format {
	STATEMENT_MD,        /* Markdown */
	STATEMENT_HTML,      /* a whole HTML document, everything from the database escaped */
	STATEMENT_HTML_BODY, /* only its body's content */
	STATEMENT_TEXT       /* plain text, paragraphs between blank lines */
} statement_format;

/* "md", "html", "text"; -1 otherwise. */
int statement_format_parse(const char *s);

pl_rc statement_render(const statement *s, lang_id lang, statement_format f, buf *out) PL_NODISCARD;
/* The figures, the agreement's title and in which language it is
 * (title_lang; title_fallback when not in lang), and the text in each
 * format (text: Markdown, html: the body, plain) and as blocks. */
json_t *statement_json(const statement *s, lang_id lang);

#endif
