#include "core/err.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

pl_rc pl_fail(pl_err *err, pl_rc rc, const char *fmt, ...)
{
	if(!err)
		return rc;
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(err->msg, sizeof(err->msg), fmt, ap);
	va_end(ap);
	err->rc = rc;
	return rc;
}

void pl_err_prefix(pl_err *err, const char *fmt, ...)
{
	if(!err)
		return;
	char head[PL_ERR_MSG_MAX];
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(head, sizeof(head), fmt, ap);
	va_end(ap);
	if(n < 0)
		return;
	/* Long messages are cut at the end, never at the context in front. */
	size_t h = (size_t)n < sizeof(head) ? (size_t)n : sizeof(head) - 1;
	size_t t = strlen(err->msg);
	if(h + t >= sizeof(err->msg))
		t = sizeof(err->msg) - 1 - h;
	memmove(err->msg + h, err->msg, t);
	memcpy(err->msg, head, h);
	err->msg[h + t] = '\0';
}

void pl_err_clear(pl_err *err)
{
	if(err) {
		err->rc = PL_OK;
		err->msg[0] = '\0';
	}
}

const char *pl_rc_str(pl_rc rc)
{
	switch(rc) {
	case PL_OK: return "ok";
	case PL_EINPUT: return "bad input";
	case PL_EUSAGE: return "bad usage";
	case PL_ENOTFOUND: return "not found";
	case PL_ECONFLICT: return "conflict";
	case PL_ELIMIT: return "size limit reached";
	case PL_ENOMEM: return "out of memory";
	case PL_EIO: return "input/output error";
	case PL_EDB: return "database error";
	case PL_ESCHEMA: return "database schema mismatch";
	case PL_EINTEGRITY: return "integrity check failed";
	}
	return "unknown error";
}

pl_rc pl_nomem(pl_err *err)
{
	return pl_fail(err, PL_ENOMEM, "out of memory");
}

void pl_panic(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	fputs("parley: internal error: ", stderr);
	vfprintf(stderr, fmt, ap);
	fputs("\n", stderr);
	va_end(ap);
	abort();
}
