#include "core/err.h"
#include "core/msg.h"

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
	err->code = NULL;
	err->nargs = 0;
	err->body = 0;
	return rc;
}

pl_rc pl_failc(pl_err *err, pl_rc rc, const char *code, ...)
{
	va_list ap;
	va_start(ap, code);
	pl_vfailc(err, rc, code, ap);
	va_end(ap);
	return rc;
}

pl_rc pl_vfailc(pl_err *err, pl_rc rc, const char *code, va_list ap)
{
	if(!err)
		return rc;
	err->rc = rc;
	err->code = code;
	err->nargs = 0;
	err->body = 0;
	for(const char *name; (name = va_arg(ap, const char *));) {
		const char *value = va_arg(ap, const char *);
		if(err->nargs == PL_ERR_ARGS)
			pl_panic("message %s: more than %d arguments", code, PL_ERR_ARGS);
		pl_err_arg *a = &err->arg[err->nargs++];
		a->name = name;
		snprintf(a->value, sizeof(a->value), "%s", value ? value : "");
	}
	/* A code the catalogue lacks is a bug the i18n check finds; the
	 * message still says what it can. */
	const char *tmpl = msg_template(LANG_EN, code);
	msg_fill(LANG_EN, tmpl ? tmpl : code, err->arg, err->nargs, err->msg, sizeof(err->msg));
	return rc;
}

const char *pl_num(char *out, long n)
{
	snprintf(out, 24, "%ld", n);
	return out;
}

const char *pl_err_arg_value(const pl_err *err, const char *name)
{
	for(int i = 0; err && err->code && i < err->nargs; i++)
		if(!strcmp(err->arg[i].name, name))
			return err->arg[i].value;
	return NULL;
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
	if(err->code)
		err->body += h;
}

void pl_err_clear(pl_err *err)
{
	if(err) {
		err->rc = PL_OK;
		err->msg[0] = '\0';
		err->code = NULL;
		err->nargs = 0;
		err->body = 0;
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
