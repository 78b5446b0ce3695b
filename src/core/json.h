/* Writing JSON text directly into a buffer.
 *
 * Reading JSON is jansson's job; writing records is done here because a
 * registry of a million persons is written one small object at a time,
 * where building a jansson tree per object costs more than the rest of the
 * work together. Output is compact, UTF-8 as given, keys in call order. */
#ifndef PARLEY_CORE_JSON_H
#define PARLEY_CORE_JSON_H

#include <stdbool.h>

#include "core/buf.h"

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

#endif
