#include "core/buf.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void buf_init(buf *b, size_t max)
{
	b->ptr = NULL;
	b->len = b->alloc = 0;
	b->max = max ? max : BUF_MAX_DEFAULT;
}

void buf_free(buf *b)
{
	free(b->ptr);
	b->ptr = NULL;
	b->len = b->alloc = 0;
}

void buf_reset(buf *b)
{
	b->len = 0;
	if(b->ptr)
		b->ptr[0] = '\0';
}

static pl_rc grow(buf *b, size_t extra)
{
	if(extra > b->max - b->len) {
		buf_free(b);
		return PL_ELIMIT;
	}
	size_t need = b->len + extra + 1;
	if(need <= b->alloc)
		return PL_OK;
	size_t a = b->alloc ? b->alloc : 64;
	while(a < need)
		a = a > ((size_t)-1) / 2 ? need : a * 2;
	char *p = realloc(b->ptr, a);
	if(!p) {
		buf_free(b);
		return PL_ENOMEM;
	}
	b->ptr = p;
	b->alloc = a;
	return PL_OK;
}

pl_rc buf_add(buf *b, const void *p, size_t n)
{
	pl_rc rc = grow(b, n);
	if(rc)
		return rc;
	if(n)
		memcpy(b->ptr + b->len, p, n);
	b->len += n;
	b->ptr[b->len] = '\0';
	return PL_OK;
}

pl_rc buf_adds(buf *b, const char *s)
{
	return buf_add(b, s, strlen(s));
}

pl_rc buf_addc(buf *b, char c)
{
	if(b->len + 1 < b->alloc && b->len < b->max) { /* the common case, kept cheap */
		b->ptr[b->len++] = c;
		b->ptr[b->len] = '\0';
		return PL_OK;
	}
	return buf_add(b, &c, 1);
}

pl_rc buf_add_html(buf *b, const char *s)
{
	pl_rc rc = PL_OK;
	for(; s && *s && !rc; s++) {
		const char *ref = *s == '&' ? "&amp;" : *s == '<' ? "&lt;" : *s == '>' ? "&gt;" :
		                  *s == '"' ? "&quot;" : *s == '\'' ? "&#39;" : NULL;
		rc = ref ? buf_adds(b, ref) : buf_addc(b, *s);
	}
	return rc;
}

pl_rc buf_vprintf(buf *b, const char *fmt, va_list ap)
{
	va_list ap2;
	va_copy(ap2, ap);
	int n = vsnprintf(NULL, 0, fmt, ap2);
	va_end(ap2);
	if(n < 0) {
		buf_free(b);
		return PL_EINPUT;
	}
	pl_rc rc = grow(b, (size_t)n);
	if(rc)
		return rc;
	vsnprintf(b->ptr + b->len, (size_t)n + 1, fmt, ap);
	b->len += (size_t)n;
	return PL_OK;
}

pl_rc buf_printf(buf *b, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	pl_rc rc = buf_vprintf(b, fmt, ap);
	va_end(ap);
	return rc;
}

const char *buf_str(const buf *b)
{
	return b->ptr ? b->ptr : "";
}

void buf_truncate(buf *b, size_t len)
{
	if(len < b->len) {
		b->len = len;
		b->ptr[len] = '\0';
	}
}

