#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "cli/cli.h"
#include "core/date.h"
#include "core/utf8.h"

int cli_common_option(cli *c, int opt, const char *usage, bool *exit_now)
{
	switch(opt) {
	case OPT_DB:
		c->db = optarg;
		return 1;
	case OPT_JSON:
		c->json = true;
		return 1;
	case OPT_HELP:
		fputs(usage, stdout);
		*exit_now = true;
		return 1;
	}
	return 0;
}

int cli_common_only(cli *c, int argc, char **argv, const char *usage)
{
	static const struct option opts[] = {CLI_COMMON_OPTIONS, {0}};
	bool done = false;
	int opt;
	while((opt = getopt_long(argc, argv, "", opts, NULL)) != -1)
		if(!cli_common_option(c, opt, usage, &done))
			return cli_usage_error(c, "unknown option");
	return done ? EXIT_OK : -1;
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
	fprintf(stderr, "parley %s: unknown command '%s'\n%s", group, argv[1], usage);
	return EXIT_USAGE;
}

int cli_usage_error(const cli *c, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	fprintf(stderr, "%s: ", c->prog);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fprintf(stderr, "\nTry '%s --help'.\n", c->prog);
	return EXIT_USAGE;
}

int cli_fail(const cli *c, const pl_err *err)
{
	fprintf(stderr, "%s: %s\n", c->prog, err->msg[0] ? err->msg : pl_rc_str(err->rc));
	return err->rc == PL_EUSAGE ? EXIT_USAGE : EXIT_REFUSED;
}

pl_rc cli_open(cli *c, store **r, pl_err *err)
{
	return store_open(r, c->db, c->actor, 0, err);
}

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

void cli_print_range(const char *things, size_t offset, size_t n, size_t total, bool capped)
{
	char t[32];
	text_thousands((long)total, t, sizeof(t));
	if(n == 0)
		printf("no %s match%s\n", things, offset ? " at this offset" : "");
	else if(offset + n < total || capped)
		printf("\n%zu-%zu of %s%s (--offset %zu for more)\n", offset + 1, offset + n,
		       capped ? "more than " : "", t, offset + n);
	else
		printf("\n%zu-%zu of %s\n", offset + 1, offset + n, t);
}

int cli_open_bare(cli *c, int argc, char **argv, store **r)
{
	if(optind < argc)
		return cli_usage_error(c, "unexpected argument '%s'", argv[optind]);
	pl_err err = {0};
	if(cli_open(c, r, &err))
		return cli_fail(c, &err);
	return -1;
}

bool cli_parse_day(const char *s, pdate *out)
{
	const char *why;
	return date_parse(s, out, &why) && out->d;
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
