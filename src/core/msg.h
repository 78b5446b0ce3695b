/* The message catalogue (msgtab.c, msgtab_io.c): every coded message in English,
 * Ukrainian and Russian, and the writing of a message from its code and
 * arguments.
 *
 * A template names its arguments in braces: "stage {stage} is {status}";
 * "{status:stage_statuses}" tells the web UI to write the value as a
 * label of that kind; "{@why}" stands for the text of the code the
 * argument holds.
 * The web UI has the same codes under `errors` in web/js/lang/ (en.js, uk.js, ru.js); the
 * check tests/i18n/check.mjs fails when a code used in src/ lacks a text
 * in any language, here or there. */
#ifndef PARLEY_CORE_MSG_H
#define PARLEY_CORE_MSG_H

#include <stddef.h>

#include "core/err.h"
#include "core/lang.h"

typedef struct msg_entry {
	const char *code;
	const char *text[LANG_COUNT];
} msg_entry;

/* The catalogue in parts, one per file (msgtab.c, msgtab_io.c for the
 * HTTP layer and the importers, msgtab_<module>.c for the rest), so that
 * each module's texts are written in one place. Each part ends in an entry
 * whose code is NULL; the list of parts ends in NULL. */
extern const msg_entry *const msg_parts[];

/* Call fn for every entry of the catalogue, in order. */
void msg_each(void (*fn)(const msg_entry *e, void *arg), void *arg);

/* The template of code in l; NULL if the catalogue lacks the code. */
const char *msg_template(lang_id l, const char *code);

/* The template (of language l) with its {name}s replaced by the
 * arguments, into out (cut to size); {@name} writes the text of the code
 * the argument holds. A name without an argument stays as written, so
 * gaps show. */
void msg_fill(lang_id l, const char *tmpl, const pl_err_arg *arg, int nargs, char *out,
              size_t size);

/* The code whose English text is exactly english (a validator's "why"),
 * or NULL. */
const char *msg_code_of(const char *english);

/* err's message in l: the context in front as it is, then the coded part
 * in l; the English msg when err has no code or l has no text for it. */
void msg_err_text(const pl_err *err, lang_id l, char *out, size_t size);

/* Put err's message inside another, as context in front of it: code's
 * template ends in {@said}, which stands for the message err had, and its
 * other arguments are the name, value pairs after code (ended by NULL):
 *   msg_wrap(err, "stage.substitute_for", "person", p, NULL);
 * gives "substitute for P...: <err's message>" in any language when err's
 * message is coded (its arguments kept, with these and "said"); else the
 * English context is put in front as pl_err_prefix does. */
void msg_wrap(pl_err *err, const char *code, ...)
#if defined(__GNUC__)
	__attribute__((sentinel))
#endif
	;

/* The language LANGUAGE, LC_ALL, LC_MESSAGES or LANG ask for (the first
 * set of them, as gettext reads them): uk or ru by their prefix, English
 * otherwise. */
lang_id msg_env_lang(void);

#endif
