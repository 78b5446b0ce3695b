/* JSON helpers: writing JSON text directly into a buffer, naming a place
 * in a document, and refusing members a reader does not take.
 *
 * Reading JSON is jansson's job; writing records is done here because a
 * registry of a million persons is written one small object at a time,
 * where building a jansson tree per object costs more than the rest of the
 * work together. Output is compact, UTF-8 as given, keys in call order. */
#ifndef PARLEY_CORE_JSON_H
#define PARLEY_CORE_JSON_H

#include <jansson.h>
#include <stdbool.h>

#include "core/buf.h"
#include "core/err.h"

/* A JSON object being written: json_open, then members, then json_close. */
typedef struct json_writer {
	buf *out;
	bool first;     /* no member written yet */
	pl_rc rc;       /* sticky: the first failure; checked once at the end */
} json_writer;

void json_open(json_writer *w, buf *out);
/* "key":"value", or "key":null when value is NULL. */
void json_member_string(json_writer *w, const char *key, const char *value);
/* "key": followed by raw JSON text the caller vouches for. */
void json_member_raw(json_writer *w, const char *key, const char *json);
/* Writes "}" and returns the first failure, if any. */
pl_rc json_close(json_writer *w);

/* value as a JSON string, quotes included. */
pl_rc json_write_string(buf *out, const char *value) PL_NODISCARD;
/* s[0..n) (valid UTF-8) as RFC 8785 writes a string, quotes included:
 * only the escapes JSON requires, \b \f \n \r \t in their short form
 * (json_write_string writes \b and \f as \u0008 and \u000c). */
pl_rc json_write_canonical_string(buf *out, const char *s, size_t n) PL_NODISCARD;

/* The lines of a buffer (each ended by '\n', the last maybe not) as a
 * JSON array of strings: problems and notes as a reader lists them. */
json_t *json_lines(const buf *lines);

/* Paths name a place in a document the way people read it:
 *   entries[12].person.birth_date    mediator    names["ім'я"]
 * A member whose name is a plain word (ASCII letters, digits, '_' and '-',
 * not starting with a digit or '-') follows a '.'; any other name is
 * written as a canonical JSON string in brackets. A member of the top
 * object has no leading '.'. Signed documents hash these paths
 * (docs/signatures.md): the notation must not change. */
pl_rc json_path_key(buf *path, const char *key, size_t n) PL_NODISCARD;
pl_rc json_path_index(buf *path, size_t i) PL_NODISCARD;

/* The name of the first member of obj that allowed (NULL-terminated) does
 * not list; NULL if there is none. */
const char *json_unknown_key(const json_t *obj, const char *const *allowed);
/* PL_EINPUT if obj has a member that allowed does not list, the error
 * naming it where it is, with the nearest allowed name if one is close:
 *   clauses[0].eligable: unknown field (did you mean 'eligible'?)
 * path: where obj is ("" or NULL for the top). */
pl_rc json_only_keys(const json_t *obj, const char *path, const char *const *allowed,
                     pl_err *err) PL_NODISCARD;

/* The arguments of a coded message (pl_failc) as the text of a JSON
 * object, {"name": "value", ...} with sorted keys, to store beside its
 * code (free it); NULL when e has no code, or out of memory (*nomem). */
char *json_err_args(const pl_err *e, bool *nomem);

#endif
