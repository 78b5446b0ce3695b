/* The JSON Canonicalization Scheme (RFC 8785) over jansson values.
 *
 * Two programs that hold the same JSON value write the same bytes, so a
 * hash or a signature over them means the value, not its spelling:
 * object members sorted by their names as UTF-16 code units, no
 * whitespace, strings with only the escapes JSON requires, numbers as
 * ECMAScript prints them (shortest digits that read back to the same
 * double; "1e+21", "1e-7", "0.000001", "-0" as "0").
 *
 * JSON numbers are IEEE doubles there, so an integer is written only when
 * a double holds it exactly (|n| <= 2^53); a larger one is refused rather
 * than silently rounded: write it as a string. NaN and infinities have no
 * JSON form and are refused too. Such an error says where the value is, as
 * a path (core/json.h). */
#ifndef PARLEY_SIGN_JCS_H
#define PARLEY_SIGN_JCS_H

#include <jansson.h>
#include <stdbool.h>

#include "core/buf.h"
#include "core/err.h"

enum {
	JCS_NUMBER_MAX = 32,    /* the longest number text and its NUL */
	JCS_SHA256_HEX = 65,    /* a SHA-256 as lower-case hex and its NUL */
	JCS_DEPTH_MAX = 2048    /* nesting, as jansson's parser allows */
};

/* Append the canonical form of v to out. */
pl_rc jcs_write(const json_t *v, buf *out, pl_err *err) PL_NODISCARD;

/* The same value for people to read (and for files that are signed: what
 * is signed is the canonical form, whatever the file's spacing): members
 * in their given order, two spaces a level, strings and numbers as in
 * the canonical form (0.1, not 0.10000000000000001), a final newline. */
pl_rc jcs_write_indented(const json_t *v, buf *out, pl_err *err) PL_NODISCARD;

/* Append the canonical form of v to out, and its SHA-256 (lower-case hex)
 * to sha: what is stored and what identifies it, made once. */
pl_rc jcs_canonical(const json_t *v, buf *out, char sha[JCS_SHA256_HEX], pl_err *err) PL_NODISCARD;

/* SHA-256 of the canonical form of v, as lower-case hex. */
pl_rc jcs_sha256_hex(const json_t *v, char out[JCS_SHA256_HEX], pl_err *err) PL_NODISCARD;

/* A double as ECMAScript's Number.prototype.toString writes it; false
 * (and out empty) for NaN and the infinities. */
bool jcs_number(double d, char out[JCS_NUMBER_MAX]);

#endif
