/* Letters to families (issue 15, item 4; docs/families.md, "Letters").
 *
 * Four kinds: the acknowledgement of an inquiry, a status update, the
 * notice of return, the notice of identification of remains. Each is
 * written to the inquirer in their language (the inquiry's uk/en/ru, or
 * another chosen at render time) from a template: the catalogue's text
 * (letters.body_KIND) unless the office saved its own. A saved template
 * is a row that is never changed: an edit adds a row, a reset adds a row
 * without a body (the default again), so every earlier version is kept
 * with who saved it and when.
 *
 * A template is text with {placeholders} (letter_placeholder_names);
 * "{{" and "}}" write a brace. One with an unknown placeholder or a brace
 * not closed is refused, naming it with its line and column.
 *
 * What a letter may say depends on consent and facts: the inquiry's
 * tracing consent must be in force, a notice of return needs the person
 * repatriated or released, a notice of identification their remains
 * identified. A letter sent is recorded with its exact text (a later
 * template edit does not change it), how and when it went, and who sent
 * it; it may close a watch task ("told by letter L..."). */
#ifndef PARLEY_FAMILY_LETTER_H
#define PARLEY_FAMILY_LETTER_H

#include <stdbool.h>
#include <stdint.h>

#include "core/arena.h"
#include "core/buf.h"
#include "core/err.h"
#include "family/family.h"

typedef enum letter_kind { LK_ACKNOWLEDGEMENT, LK_STATUS_UPDATE, LK_RETURN, LK_IDENTIFICATION, LK_COUNT } letter_kind;
extern const char *const letter_kind_names[LK_COUNT + 1];

typedef enum letter_placeholder {
	LP_INQUIRER,      /* who asked: their name, or the organisation */
	LP_PERSON,        /* the sought person's full name */
	LP_BIRTH_DATE,    /* in words, in the letter's language */
	LP_INQUIRY_REF,   /* the office's reference, else the inquiry's id */
	LP_INQUIRY_DATE,  /* the day the inquiry came */
	LP_STATUS,        /* the person's status, in words */
	LP_STATUS_DATE,   /* the day of the person's latest event */
	LP_RETURN_DATE,   /* the day of their return (repatriation or release) */
	LP_OFFICE,        /* the office's name (the setting office_name) */
	LP_TODAY,
	LP_DEAR,          /* the greeting's word for the inquirer: by the relation
	                     where it tells (mother, father), else for anyone */
	LP_COUNT
} letter_placeholder;
extern const char *const letter_placeholder_names[LP_COUNT + 1];

/* How a letter went: by post, by e-mail, given in person, read out on the
 * phone, handed over (to a representative). */
extern const char *const letter_how_names[];

enum { LETTER_TMPL_MAX = 32768 }; /* bytes of a template */

/* ---- letter_tmpl.c: the template language, no database ---------------------- */

/* Check text[0..len) (UTF-8, at most LETTER_TMPL_MAX bytes, no NUL) and,
 * given values (NULL: check only), write it with each placeholder
 * replaced by values[p] (NULL: the text of letters.unknown in lang) to
 * out. PL_EINPUT naming the first problem with its line and column
 * (1-based, in characters). */
pl_rc letter_tmpl_render(const char *text, size_t len, const char *const *values, int lang, buf *out,
                         pl_err *err);
/* A day (YYYY, YYYY-MM or YYYY-MM-DD) in words in language lang:
 * "12 March 1990", "12 березня 1990 р.", "12 марта 1990 г."; a text that is
 * not a date is written as it is. */
void letter_date_words(const char *day, int lang, char *out, size_t size);

/* ---- letter.c: templates, rendering, letters sent ------------------------------ */

typedef struct letter_template {
	letter_kind kind;
	int lang;
	const char *body;                   /* the text in use */
	bool custom;                        /* the office's own; false: the catalogue's */
	int64_t version;                    /* the row in use, 0: the catalogue's */
	const char *actor, *saved_at;       /* who saved the version in use, when */
} letter_template;

typedef struct letter_template_version {
	int64_t version;
	const char *body;                   /* NULL: a reset to the catalogue's */
	const char *actor, *saved_at;
} letter_template_version;

/* The template in use for kind and lang (words: "acknowledgement", "uk"),
 * with every earlier version (newest first) if hist is not NULL. */
pl_rc letter_template_get(store *st, const char *kind, const char *lang, arena *a, letter_template *out,
                          letter_template_version **hist, size_t *nhist, pl_err *err);
/* Save the office's own text (checked first: refused, nothing written,
 * naming the line and column), or reset (body NULL) to the catalogue's.
 * Audited. */
pl_rc letter_template_set(store *st, const char *kind, const char *lang, const char *body, pl_err *err);

/* The office's name at the head of its letters (the setting office_name):
 * *out NULL when none is set. */
pl_rc letter_office_get(store *st, arena *a, const char **out, pl_err *err);
enum { LETTER_OFFICE_MAX = 200 }; /* characters of the office's name */
/* Set it ("" or NULL: none), one transaction with its audit entry (the name
 * before and after: it is printed on every letter, never a secret). Refused,
 * nothing written, when it is not UTF-8, holds a control character (a line
 * break: the letterhead is one line) or is longer than LETTER_OFFICE_MAX. */
pl_rc letter_office_set(store *st, const char *name, pl_err *err);

typedef struct letter_input {
	const char *inquiry;                /* uid or unique prefix */
	const char *kind;
	const char *lang;                   /* NULL: the inquiry's, else uk */
	const char *body;                   /* NULL: the template in use; else a draft to preview */
} letter_input;

typedef struct letter {
	char uid[UID_SIZE];                 /* "L" and 16; "" for a render not sent */
	char inquiry[UID_SIZE];
	char person[UID_SIZE];
	letter_kind kind;
	int lang;
	const char *body;                   /* the text, as rendered (sent: as sent) */
	const char *office;                 /* the letterhead: the office's name, or NULL */
	const char *recipient;              /* the inquirer or organisation */
	const char *address, *email;        /* contacts (address block): NULL for readers without them */
	const char *date;                   /* the letter's date (today, or the day sent) */
	const char *how, *sent_on, *sent_by, *created_at;  /* sent */
	const char *task;                   /* the task it closed, or NULL */
	int64_t template_version;           /* 0: the catalogue's */
} letter;

/* Render a letter for an inquiry: refused when the tracing consent is not
 * in force, when the person's status does not allow the kind (naming it),
 * or when the template is bad. Writes nothing but the audit entry
 * ("render"). */
pl_rc letter_render(store *st, const letter_input *in, arena *a, letter *out, pl_err *err);

typedef struct letter_send {
	letter_input in;
	const char *how;                    /* letter_how_names */
	const char *date;                   /* sent on (NULL: today; not in the future) */
	const char *task;                   /* a watch task it closes, or NULL */
} letter_send;

/* Render and record it as sent (one transaction, audited): its text kept
 * as sent, the task closed "told by letter L...". A notice of return or
 * identification marks an open inquiry answered. */
pl_rc letter_send_record(store *st, const letter_send *s, arena *a, letter *out, pl_err *err);

/* The letters sent, newest first: of one inquiry (NULL: all), a page of
 * them, and how many there are in all. */
typedef struct letter_query {
	const char *inquiry;
	size_t limit, offset;               /* limit 0: 50 */
} letter_query;

typedef struct letter_page {
	letter *rows;
	size_t n, total;
} letter_page;

pl_rc letter_list(store *st, const letter_query *q, arena *a, letter_page *out, pl_err *err);
/* One by its uid (or a unique prefix of 5 characters or more). */
pl_rc letter_get(store *st, const char *uid, arena *a, letter *out, pl_err *err);
/* Each letter's reading in the access log (the person, detail "letter L..."). */
pl_rc letter_log_reads(store *st, const letter *l, size_t n, const char *action, pl_err *err);

struct json_t;
struct json_t *letter_json(const letter *l, bool contacts);
/* with_history: "history", every version in h[0..nh) (maybe none). */
struct json_t *letter_template_json(const letter_template *t, bool with_history, const letter_template_version *h,
                                    size_t nh);

#endif
