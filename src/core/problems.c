#include "core/problems.h"

#include <stdio.h>
#include <string.h>

#include "core/msg.h"

void problems_init(problems *p, buf *out, int max)
{
	*p = (problems){.out = out, .max = max > 0 ? max : PROBLEMS_DEFAULT_MAX};
}

/* e's context (where, then what err put before the coded part), code and
 * arguments as one line of p->coded; values lose the separators. */
static pl_rc coded_line(problems *p, const char *where, const pl_err *e)
{
	if(!e || !e->code)
		return buf_adds(p->coded, "\n");
	size_t body = e->body <= strlen(e->msg) ? e->body : 0;
	if(buf_printf(p->coded, "%s%.*s%c%s%c", where, (int)body, e->msg, PROBLEMS_SEP, e->code,
	              PROBLEMS_SEP))
		return PL_ENOMEM;
	for(int i = 0; i < e->nargs; i++) {
		char v[PL_ERR_ARG_MAX];
		snprintf(v, sizeof(v), "%s", e->arg[i].value);
		for(char *c = v; *c; c++)
			if(*c == '\n' || *c == PROBLEMS_SEP)
				*c = ' ';
		if(buf_printf(p->coded, "%s%c%s%c", e->arg[i].name, PROBLEMS_SEP, v, PROBLEMS_SEP))
			return PL_ENOMEM;
	}
	return buf_adds(p->coded, "\n");
}

static pl_rc add(problems *p, const char *msg, const char *where, const pl_err *e)
{
	if(p->n == 0 && e && e->code && e->nargs + 2 <= PL_ERR_ARGS) {
		/* Kept with its code (room for two more arguments: the result's). */
		p->first = *e;
		p->first.rc = PL_EINPUT;
		pl_err_prefix(&p->first, "%s", where);
	} else if(p->n == 0) {
		pl_fail(&p->first, PL_EINPUT, "%s", msg);
	}
	if(buf_printf(p->out, "%s\n", msg) != PL_OK)
		return PL_ENOMEM;
	if(p->coded && coded_line(p, where, e))
		return PL_ENOMEM;
	p->n++;
	p->failed = true;
	return p->n >= p->max ? PL_ELIMIT : PL_OK;
}

pl_rc problems_add(problems *p, const char *msg)
{
	return add(p, msg, "", NULL);
}

pl_rc problems_add_err(problems *p, const pl_err *e)
{
	return add(p, e->msg, "", e);
}

pl_rc problems_err(problems *p, long line, const pl_err *e)
{
	char where[300], full[PL_ERR_MSG_MAX + 300];
	const char *file = p->file ? p->file : "<input>";
	if(line > 0)
		snprintf(where, sizeof(where), "%s:%ld: ", file, line);
	else
		snprintf(where, sizeof(where), "%s: ", file);
	snprintf(full, sizeof(full), "%s%s", where, e->msg);
	return add(p, full, where, e);
}

pl_rc problems_atc(problems *p, long line, const char *code, ...)
{
	pl_err e = {0};
	va_list ap;
	va_start(ap, code);
	pl_vfailc(&e, PL_EINPUT, code, ap);
	va_end(ap);
	return problems_err(p, line, &e);
}

pl_rc problems_vat(problems *p, long line, const char *fmt, va_list ap)
{
	char msg[PL_ERR_MSG_MAX], full[PL_ERR_MSG_MAX + 256];
	vsnprintf(msg, sizeof(msg), fmt, ap);
	const char *file = p->file ? p->file : "<input>";
	if(line > 0)
		snprintf(full, sizeof(full), "%s:%ld: %s", file, line, msg);
	else
		snprintf(full, sizeof(full), "%s: %s", file, msg);
	return problems_add(p, full);
}

pl_rc problems_at(problems *p, long line, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	pl_rc rc = problems_vat(p, line, fmt, ap);
	va_end(ap);
	return rc;
}

/* The first problem by its code, said within the result's own code
 * ({@first}: the problem's text, its arguments beside the result's). */
static pl_rc coded_result(const problems *p, pl_err *err)
{
	if(!err)
		return PL_EINPUT;
	pl_err r = p->first;
	r.code = p->n > 1 ? "problems.more" : "problems.nothing";
	r.arg[r.nargs].name = "first";
	snprintf(r.arg[r.nargs++].value, PL_ERR_ARG_MAX, "%s", p->first.code);
	r.arg[r.nargs].name = "more";
	snprintf(r.arg[r.nargs++].value, PL_ERR_ARG_MAX, "%d", p->n - 1);
	size_t body = r.body <= strlen(r.msg) ? r.body : 0;
	msg_fill(LANG_EN, msg_template(LANG_EN, r.code), r.arg, r.nargs, r.msg + body,
	         sizeof(r.msg) - body);
	*err = r;
	return PL_EINPUT;
}

pl_rc problems_result(const problems *p, pl_rc rc, pl_err *err)
{
	if(rc == PL_ELIMIT)
		rc = PL_OK; /* enough problems collected: report them */
	if(rc == PL_ENOMEM)
		return pl_nomem(err);
	if(rc || !p->failed)
		return rc;
	if(p->first.code)
		return coded_result(p, err);
	if(p->n > 1)
		return pl_fail(err, PL_EINPUT, "%s (and %d more problem%s; nothing was imported)",
		               p->first.msg, p->n - 1, p->n > 2 ? "s" : "");
	return pl_fail(err, PL_EINPUT, "%s (nothing was imported)", p->first.msg);
}

pl_rc problems_csv_read(problems *p, csv_reader *cr, csv_record *rec, bool *eof)
{
	pl_err e = {0};
	pl_rc rc = csv_read(cr, rec, eof, &e);
	if(rc != PL_EINPUT)
		return rc;
	*eof = true;
	return problems_add(p, e.msg);
}

pl_rc problems_csv_header(problems *p, csv_reader *cr, csv_record *rec, bool *got)
{
	bool eof;
	int before = p->n;
	pl_rc rc = problems_csv_read(p, cr, rec, &eof);
	*got = !rc && !eof;
	if(!rc && eof && p->n == before)
		rc = problems_at(p, 0, "the file is empty (expected a header line of column names)");
	return rc;
}
