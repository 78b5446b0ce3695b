#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "cli/cli.h"
#include "core/date.h"
#include "core/msg.h"
#include "core/problems.h"
#include "core/utf8.h"

/* ---- options ---------------------------------------------------------- */

enum {
	OPT_ROW = 256,             /* getopt's code for row i of a table: OPT_ROW + i */
	OPT_DB = 1000, OPT_JSON, OPT_HELP,
	OPTS_MAX = 64              /* rows in a table */
};

bool cli_parse_long(const char *s, long min, long max, long *out)
{
	char *end;
	errno = 0;
	long v = strtol(s, &end, 10);
	if(errno || end == s || *end || v < min || v > max)
		return false;
	*out = v;
	return true;
}

bool cli_parse_number(const char *s, double lo, double hi, double *out)
{
	char *end;
	errno = 0;
	double v = strtod(s, &end);
	if(!*s || *end || errno || !(v >= lo && v <= hi))
		return false;
	*out = v;
	return true;
}

/* A whole day, YYYY-MM-DD. */
static bool parse_day(const char *s, pdate *out)
{
	const char *why;
	return date_parse(s, out, &why) && out->d;
}

/* "a, b or c" */
static void choices_text(const char *const *w, char *out, size_t size)
{
	size_t len = 0;
	out[0] = '\0';
	for(size_t i = 0; w[i] && len < size; i++)
		len += (size_t)snprintf(out + len, size - len, "%s%s", i == 0 ? "" : w[i + 1] ? ", " : " or ",
		                        w[i]);
}

static bool choice_find(const char *const *w, const char *s, long *out)
{
	for(long i = 0; w[i]; i++)
		if(!strcmp(w[i], s)) {
			*out = i;
			return true;
		}
	return false;
}

/* Check one occurrence of option o by its kind into v, and hand it to
 * its take function. -1 to go on, else the exit status. */
static int take_value(cli *c, const cli_opt *o, char *s, cli_val *v, void *ctx)
{
	bool ok = true;
	switch(o->kind) {
	case CLI_TEXT:
	case CLI_FLAG: break;
	case CLI_INT: ok = cli_parse_long(s, o->min, o->max, &v->n); break;
	case CLI_NUMBER: ok = cli_parse_number(s, (double)o->min, (double)o->max, &v->x); break;
	case CLI_DAY: ok = parse_day(s, &v->day); break;
	case CLI_CHOICE:
		ok = o->choices ? choice_find(o->choices, s, &v->n) : (v->n = o->parse(s)) >= 0;
		break;
	}
	if(!ok) {
		char expect[256];
		if(o->expect)
			snprintf(expect, sizeof(expect), "%s", o->expect);
		else if(o->kind == CLI_CHOICE && o->choices)
			choices_text(o->choices, expect, sizeof(expect));
		else if(o->kind == CLI_DAY)
			snprintf(expect, sizeof(expect), "YYYY-MM-DD");
		else
			return cli_usage_errorc(c, "cli.expected_range", "option", o->name, "min", PL_N(o->min),
			                        "max", PL_N(o->max), "value", s, NULL);
		return cli_usage_errorc(c, "cli.expected_value", "option", o->name, "expect", expect, "value", s,
		                        NULL);
	}
	v->s = s ? s : "";
	return o->take ? o->take(c, o, s, ctx) : -1;
}

/* The row of opts[0..n) that getopt's code opt stands for; n if none. */
static size_t row_of(const cli_opt *opts, size_t n, int opt)
{
	if(opt >= OPT_ROW && opt < OPT_ROW + (int)n)
		return (size_t)(opt - OPT_ROW);
	for(size_t i = 0; i < n; i++)
		if(opts[i].letter && opts[i].letter == opt)
			return i;
	return n;
}

/* After the options: the count of arguments, then the required options. */
static int check_rest(cli *c, int argc, char **argv, const cli_spec *spec, const cli_val *v)
{
	int n = argc - optind, min = spec->min_args, max = spec->max_args;
	if(n < min || (max >= 0 && n > max)) {
		if(spec->args_msg)
			return cli_usage_error(c, "%s", spec->args_msg);
		if(max == 0)
			return cli_usage_errorc(c, "cli.unexpected_argument", "arg", argv[optind], "hint",
			                        spec->args_hint ? spec->args_hint : "", NULL);
		if(min == max)
			return cli_usage_errorc(c, "cli.args_count", "n", PL_N(min), "got", PL_N(n), NULL);
		if(max < 0)
			return cli_usage_errorc(c, "cli.args_at_least", "n", PL_N(min), "got", PL_N(n), NULL);
		return cli_usage_errorc(c, "cli.args_between", "min", PL_N(min), "max", PL_N(max), "got",
		                        PL_N(n), NULL);
	}
	for(size_t i = 0; spec->opts && spec->opts[i].name; i++) {
		if(!spec->opts[i].required || v[i].s)
			continue;
		if(spec->need_msg)
			return cli_usage_error(c, "%s", spec->need_msg);
		return cli_usage_errorc(c, "cli.required", "option", spec->opts[i].name, NULL);
	}
	return -1;
}

int cli_parse(cli *c, int argc, char **argv, const cli_spec *spec, cli_val *v, void *ctx)
{
	struct option lo[OPTS_MAX + 4];
	char letters[2 * OPTS_MAX + 1];
	size_t n = 0, nl = 0;
	for(; spec->opts && spec->opts[n].name; n++) {
		const cli_opt *o = &spec->opts[n];
		if(n == OPTS_MAX || !v)
			pl_panic("cli_parse: %s: more than %d options, or nowhere to put them", c->prog, OPTS_MAX);
		int has = o->kind == CLI_FLAG ? no_argument : required_argument;
		lo[n] = (struct option){o->name, has, NULL, OPT_ROW + (int)n};
		if(o->letter) {
			letters[nl++] = o->letter;
			if(has == required_argument)
				letters[nl++] = ':';
		}
		v[n] = (cli_val){0};
	}
	letters[nl] = '\0';
	lo[n] = (struct option){"db", required_argument, NULL, OPT_DB};
	lo[n + 1] = (struct option){"json", no_argument, NULL, OPT_JSON};
	lo[n + 2] = (struct option){"help", no_argument, NULL, OPT_HELP};
	lo[n + 3] = (struct option){0};
	bool help = false;
	int opt;
	while((opt = getopt_long(argc, argv, letters, lo, NULL)) != -1) {
		size_t i = row_of(spec->opts, n, opt);
		int status = -1;
		if(i < n) {
			status = take_value(c, &spec->opts[i], optarg, &v[i], ctx);
		} else if(opt == OPT_DB) {
			c->db = optarg;
		} else if(opt == OPT_JSON) {
			c->json = true;
		} else if(opt == OPT_HELP) { /* at once: a mistake after it is still said */
			fputs(spec->usage, stdout);
			help = true;
		} else {
			status = cli_usage_errorc(c, "cli.unknown_option", NULL);
		}
		if(status >= 0)
			return status;
	}
	return help ? EXIT_OK : check_rest(c, argc, argv, spec, v);
}

void cli_page(const cli_val *limit, const cli_val *offset, size_t *to_limit, size_t *to_offset)
{
	if(limit->s)
		*to_limit = (size_t)limit->n;
	if(offset->s)
		*to_offset = (size_t)offset->n;
}

int cli_dispatch(cli *c, const char *group, const cli_command *subs, size_t n,
                 const char *usage, int argc, char **argv)
{
	if(argc < 2 || !strcmp(argv[1], "--help") || !strcmp(argv[1], "-h")) {
		fputs(usage, argc < 2 ? stderr : stdout);
		return argc < 2 ? EXIT_USAGE : EXIT_OK;
	}
	for(size_t i = 0; i < n; i++) {
		if(strcmp(argv[1], subs[i].name))
			continue;
		char prog[64];
		snprintf(prog, sizeof(prog), "parley %s %s", group, subs[i].name);
		c->prog = prog;
		optind = 1;
		return subs[i].run(c, argc - 1, argv + 1);
	}
	fprintf(stderr, "parley %s: ", group);
	cli_say(stderr, "cli.unknown_command", "command", argv[1], NULL);
	fputs(usage, stderr);
	return EXIT_USAGE;
}

int cli_usage_error(const cli *c, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	fprintf(stderr, "%s: ", c->prog);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	cli_say(stderr, "cli.try_help", "prog", c->prog, NULL);
	return EXIT_USAGE;
}

pl_rc cli_io_fail(pl_err *err, pl_rc rc, const char *code, const char *path)
{
	return pl_failc(err, rc, code, "path", path, "why", strerror(errno), NULL);
}

int cli_usage_fail(const cli *c, const pl_err *err)
{
	char text[PL_ERR_MSG_MAX];
	msg_err_text(err, msg_env_lang(), text, sizeof(text));
	fprintf(stderr, "%s: %s\n", c->prog, text[0] ? text : pl_rc_str(err->rc));
	cli_say(stderr, "cli.try_help", "prog", c->prog, NULL);
	return EXIT_USAGE;
}

int cli_usage_errorc(const cli *c, const char *code, ...)
{
	pl_err e;
	va_list ap;
	va_start(ap, code);
	pl_vfailc(&e, PL_EUSAGE, code, ap);
	va_end(ap);
	return cli_usage_fail(c, &e);
}

/* In English, unless LANG (or LANGUAGE, LC_ALL, LC_MESSAGES) asks for
 * Ukrainian or Russian and the message is coded (core/msg.h). */
int cli_fail(const cli *c, const pl_err *err)
{
	char text[PL_ERR_MSG_MAX];
	msg_err_text(err, msg_env_lang(), text, sizeof(text));
	fprintf(stderr, "%s: %s\n", c->prog, text[0] ? text : pl_rc_str(err->rc));
	return err->rc == PL_EUSAGE ? EXIT_USAGE : EXIT_REFUSED;
}

static void vtext(char *out, size_t size, const char *code, va_list ap)
{
	pl_err e;
	pl_vfailc(&e, PL_OK, code, ap);
	msg_err_text(&e, msg_env_lang(), out, size);
}

void cli_text(char *out, size_t size, const char *code, ...)
{
	va_list ap;
	va_start(ap, code);
	vtext(out, size, code, ap);
	va_end(ap);
}

/* One line of problems.coded ("context SEP code SEP name SEP value SEP
 * ...") in l into out; false if it holds no code the catalogue knows. */
static bool coded_line(lang_id l, const char *p, size_t n, char *out, size_t size)
{
	enum { PARTS = 2 + 2 * PL_ERR_ARGS };
	const char *end = p + n, *part[PARTS];
	int len[PARTS], k = 0;
	for(const char *sep; k < PARTS && (sep = memchr(p, PROBLEMS_SEP, (size_t)(end - p))); p = sep + 1) {
		part[k] = p;
		len[k++] = (int)(sep - p);
	}
	char code[64], names[PL_ERR_ARGS][32];
	snprintf(code, sizeof(code), "%.*s", k >= 2 ? len[1] : 0, k >= 2 ? part[1] : "");
	const char *tmpl = msg_template(l, code);
	if(!tmpl)
		return false;
	pl_err_arg arg[PL_ERR_ARGS];
	int nargs = 0;
	for(int i = 2; i + 1 < k; i += 2, nargs++) {
		snprintf(names[nargs], sizeof(names[nargs]), "%.*s", len[i], part[i]);
		arg[nargs].name = names[nargs];
		snprintf(arg[nargs].value, sizeof(arg[nargs].value), "%.*s", len[i + 1], part[i + 1]);
	}
	int w = snprintf(out, size, "%.*s", len[0], part[0]);
	size_t at = w > 0 && (size_t)w < size ? (size_t)w : 0;
	msg_fill(l, tmpl, arg, nargs, out + at, size - at);
	return true;
}

void cli_problems(FILE *out, const buf *lines, const buf *coded)
{
	lang_id l = msg_env_lang();
	const char *p = buf_str(lines), *q = coded && coded->len ? buf_str(coded) : NULL;
	while(*p) {
		const char *nl = strchr(p, '\n'), *qn = q ? strchr(q, '\n') : NULL;
		size_t n = nl ? (size_t)(nl - p) : strlen(p);
		char text[PL_ERR_MSG_MAX + 300];
		if(l != LANG_EN && q && coded_line(l, q, qn ? (size_t)(qn - q) : strlen(q), text, sizeof(text)))
			fprintf(out, "%s\n", text);
		else
			fprintf(out, "%.*s\n", (int)n, p);
		p += n + (nl != NULL);
		q = qn ? qn + 1 : NULL;
	}
}

int cli_import_failed(cli *c, const buf *lines, const buf *coded, const pl_err *err)
{
	if(!lines->len)
		return cli_fail(c, err);
	cli_problems(stderr, lines, coded);
	cli_say(stderr, "cli.nothing_imported", "prog", c->prog, NULL);
	return EXIT_REFUSED;
}

void cli_put(FILE *out, const char *code, ...)
{
	char text[PL_ERR_MSG_MAX];
	va_list ap;
	va_start(ap, code);
	vtext(text, sizeof(text), code, ap);
	va_end(ap);
	fputs(text, out);
}

void cli_say(FILE *out, const char *code, ...)
{
	char text[PL_ERR_MSG_MAX];
	va_list ap;
	va_start(ap, code);
	vtext(text, sizeof(text), code, ap);
	va_end(ap);
	fprintf(out, "%s\n", text);
}

void cli_warn(const cli *c, const pl_err *w)
{
	/* The text is not an argument: those are cut at PL_ERR_ARG_MAX. */
	char text[PL_ERR_MSG_MAX], head[256];
	msg_err_text(w, msg_env_lang(), text, sizeof(text));
	cli_text(head, sizeof(head), "cli.warning", "prog", c->prog, NULL);
	fprintf(stderr, "%s %s\n", head, text);
}

pl_rc cli_open(cli *c, store **st, pl_err *err)
{
	return store_open(st, c->db, c->actor, 0, err);
}

int cli_start(cli *c, int argc, char **argv, const cli_spec *spec, cli_val *v, void *ctx,
              store **st)
{
	*st = NULL;
	int status = cli_parse(c, argc, argv, spec, v, ctx);
	pl_err err = {0};
	if(status < 0 && cli_open(c, st, &err))
		status = cli_fail(c, &err);
	return status;
}

void cli_print_range(const char *none, size_t offset, size_t n, size_t total, bool capped)
{
	char t[32];
	text_thousands((long)total, t, sizeof(t));
	if(n == 0) {
		cli_say(stdout, none, "at", offset ? "cli.at_this_offset" : "", NULL);
		return;
	}
	putchar('\n');
	if(offset + n < total || capped)
		cli_say(stdout, capped ? "cli.range_more_than" : "cli.range_more", "first", PL_N(offset + 1),
		        "last", PL_N(offset + n), "total", t, NULL);
	else
		cli_say(stdout, "cli.range", "first", PL_N(offset + 1), "last", PL_N(offset + n), "total", t,
		        NULL);
}

bool cli_print_json(json_t *o)
{
	bool ok = o && !json_dumpf(o, stdout, JSON_INDENT(2) | JSON_PRESERVE_ORDER) && putchar('\n') != EOF;
	json_decref(o);
	return ok;
}

void cli_rows_init(cli_rows *o, const cli *c, size_t ncols, const char *const *head, size_t width)
{
	*o = (cli_rows){NULL, NULL, width};
	if(c->json)
		o->arr = json_array();
	else
		o->t = table_new(ncols, head);
}

int cli_rows_finish(cli_rows *o, const cli *c, pl_rc rc, const pl_err *err)
{
	if(!rc && o->arr) {
		json_dumpf(o->arr, stdout, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
		putchar('\n');
	} else if(!rc) {
		table_print(o->t, stdout, o->width);
	}
	json_decref(o->arr);
	table_free(o->t);
	*o = (cli_rows){0};
	return rc ? cli_fail(c, err) : EXIT_OK;
}

/* ---- tables ----------------------------------------------------------- */

struct table {
	size_t ncols, nrows, cap;
	char **cells; /* row-major, headers first */
};

table *table_new(size_t ncols, const char *const *headers)
{
	table *t = calloc(1, sizeof(*t));
	if(!t)
		return NULL;
	t->ncols = ncols;
	table_add(t, headers);
	return t;
}

void table_add(table *t, const char *const *values)
{
	if(!t)
		return;
	if(t->nrows == t->cap) {
		size_t cap = t->cap ? t->cap * 2 : 16;
		char **cells = realloc(t->cells, cap * t->ncols * sizeof(char *));
		if(!cells)
			return; /* out of memory: the row is dropped, the table still prints */
		t->cells = cells;
		t->cap = cap;
	}
	for(size_t i = 0; i < t->ncols; i++)
		t->cells[t->nrows * t->ncols + i] = strdup(values[i] ? values[i] : "");
	t->nrows++;
}

void table_print(table *t, FILE *f, size_t max_width)
{
	if(!t)
		return;
	size_t width[64] = {0};
	size_t ncols = t->ncols < 64 ? t->ncols : 64;
	for(size_t r = 0; r < t->nrows; r++)
		for(size_t i = 0; i < ncols; i++) {
			const char *s = t->cells[r * t->ncols + i];
			size_t w = s ? utf8_width(s) : 0;
			if(w > max_width)
				w = max_width;
			if(w > width[i])
				width[i] = w;
		}
	for(size_t r = 0; r < t->nrows; r++) {
		for(size_t i = 0; i < ncols; i++) {
			const char *s = t->cells[r * t->ncols + i];
			if(!s)
				s = "";
			size_t w = utf8_width(s);
			if(w > max_width) { /* cut, leaving room for the ellipsis */
				size_t keep = utf8_prefix_for_width(s, max_width - 1);
				fprintf(f, "%.*s\xE2\x80\xA6", (int)keep, s);
				w = max_width;
			} else {
				fputs(s, f);
			}
			if(i + 1 < ncols)
				fprintf(f, "%*s", (int)(width[i] - w + 2), "");
		}
		fputc('\n', f);
	}
}

void table_free(table *t)
{
	if(!t)
		return;
	for(size_t i = 0; i < t->nrows * t->ncols; i++)
		free(t->cells[i]);
	free(t->cells);
	free(t);
}

/* ---- progress --------------------------------------------------------- */

void cli_progress(void *ctx, const char *file, uint64_t done, uint64_t total, long rows)
{
	cli_progress_state *p = ctx;
	double t = date_monotonic();
	if(p->start == 0)
		p->start = t;
	bool final = done >= total;
	if(!final && t - p->last < 0.2)
		return;
	p->last = t;
	double elapsed = t - p->start, rate = elapsed > 0 ? (double)rows / elapsed : 0;
	char n[32];
	text_thousands(rows, n, sizeof(n));
	fprintf(stderr, "\r%s: %s rows", file, n);
	if(elapsed > 0.2) /* a rate over no time says nothing */
		fprintf(stderr, "  %.0f rows/s", rate);
	if(total && done < total && done > 0 && elapsed > 0.5) {
		double eta = elapsed * (double)(total - done) / (double)done;
		fprintf(stderr, "  %3.0f%%  ETA %.0fs   ", 100.0 * (double)done / (double)total, eta);
	} else {
		fputs("                  ", stderr);
	}
	if(final)
		fputc('\n', stderr);
	fflush(stderr);
}
