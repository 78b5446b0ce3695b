/* A growable byte buffer with a size cap (curl's dynbuf).
 *
 * Always NUL-terminated once anything was added. On failure (out of memory
 * or over the cap) the buffer frees itself and the failing call returns
 * PL_ENOMEM or PL_ELIMIT, so a caller can chain appends and check once. */
#ifndef PARLEY_CORE_BUF_H
#define PARLEY_CORE_BUF_H

#include <stdarg.h>
#include <stddef.h>

#include "core/err.h"

typedef struct buf {
	char *ptr;
	size_t len;
	size_t alloc;
	size_t max;     /* the cap: len never exceeds it */
} buf;

#define BUF_MAX_DEFAULT ((size_t)64 << 20)

void buf_init(buf *b, size_t max);
void buf_free(buf *b);
/* Empty it, keeping the allocation. */
void buf_reset(buf *b);

pl_rc buf_add(buf *b, const void *p, size_t n) PL_NODISCARD;
pl_rc buf_adds(buf *b, const char *s) PL_NODISCARD;
pl_rc buf_addc(buf *b, char c) PL_NODISCARD;
pl_rc buf_printf(buf *b, const char *fmt, ...) PL_PRINTF(2, 3) PL_NODISCARD;
pl_rc buf_vprintf(buf *b, const char *fmt, va_list ap) PL_PRINTF(2, 0) PL_NODISCARD;

/* s with & < > " ' written as HTML's character references: for the text
 * of an element or an attribute's value in quotes. */
pl_rc buf_add_html(buf *b, const char *s) PL_NODISCARD;

/* The contents as a C string; "" when empty. */
const char *buf_str(const buf *b);
/* Cut the contents to their first len bytes (no-op if already shorter). */
void buf_truncate(buf *b, size_t len);

#endif
