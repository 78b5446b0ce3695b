/* The `parley` command: shared plumbing for the command groups. */
#ifndef PARLEY_CLI_CLI_H
#define PARLEY_CLI_CLI_H

#include <getopt.h>
#include <stdbool.h>
#include <stdio.h>

#include <jansson.h>

#include "core/err.h"
#include "core/text.h"
#include "registry/registry.h"

enum {
	EXIT_OK = 0,
	EXIT_REFUSED = 1,  /* bad input, refused change, failure: message on stderr */
	EXIT_USAGE = 2     /* bad command line */
};

/* Options every command takes. */
typedef struct cli {
	const char *prog;      /* "parley person add", for messages */
	const char *db;        /* --db, else $PARLEY_DB, else ./parley.db */
	bool json;             /* --json: output for programs */
	char actor[128];       /* who the changes are recorded under */
} cli;

typedef int (*cli_cmd_fn)(cli *c, int argc, char **argv);

typedef struct cli_command {
	const char *name;
	cli_cmd_fn run;
	const char *summary;
} cli_command;

/* The long options all commands accept, to be appended to their own. */
enum { OPT_DB = 1000, OPT_JSON, OPT_HELP };
#define CLI_COMMON_OPTIONS                                              \
	{"db", required_argument, NULL, OPT_DB},                            \
	{"json", no_argument, NULL, OPT_JSON},                              \
	{"help", no_argument, NULL, OPT_HELP}

/* Handle a common option. Returns 1 if it was one (and --help printed
 * `usage` to stdout and set *exit_now), 0 if not. */
int cli_common_option(cli *c, int opt, const char *usage, bool *exit_now);
/* For commands that take only the common options: parse them. Returns -1
 * to go on, or the exit status (after --help, or a bad option). Leaves
 * optind at the first argument. */
int cli_common_only(cli *c, int argc, char **argv, const char *usage);
/* Run the sub-command argv[1] of group `group` ("person"), or print usage. */
int cli_dispatch(cli *c, const char *group, const cli_command *subs, size_t n,
                 const char *usage, int argc, char **argv);
/* Print "prog: message" and "try --help" to stderr; returns EXIT_USAGE. */
int cli_usage_error(const cli *c, const char *fmt, ...) PL_PRINTF(2, 3);
/* Print an error and return the exit code for it. */
int cli_fail(const cli *c, const pl_err *err);

/* Open the registry at c->db (migrating it forward). */
pl_rc cli_open(cli *c, store **r, pl_err *err);
/* After option parsing, for a command that takes no arguments: refuse any
 * left at optind, then open the registry. Returns -1 with *r open, or the
 * exit status. */
int cli_open_bare(cli *c, int argc, char **argv, store **r);

/* A whole day, YYYY-MM-DD (a stage's, a statement's); false otherwise. */
bool cli_parse_day(const char *s, pdate *out);

/* Parse a non-negative integer option value; false if it is not one. */
bool cli_parse_long(const char *s, long min, long max, long *out);

/* Aligned columns for people. */
typedef struct table table;
table *table_new(size_t ncols, const char *const *headers);
/* Add a row (values are copied; NULL shows as empty). */
void table_add(table *t, const char *const *values);
/* Print to f, each column at most `max_width` wide (longer values are cut
 * with an ellipsis), two spaces apart. */
void table_print(table *t, FILE *f, size_t max_width);
void table_free(table *t);

/* The rows a listing command prints: a JSON array under --json, else an
 * aligned table. Row callbacks test `arr` to know which to fill. */
typedef struct cli_rows {
	table *t;
	json_t *arr;
	size_t width; /* widest column in the table */
} cli_rows;
void cli_rows_init(cli_rows *o, const cli *c, size_t ncols, const char *const *head, size_t width);
/* Print the rows if rc is PL_OK, free them, and return the exit status. */
int cli_rows_finish(cli_rows *o, const cli *c, pl_rc rc, const pl_err *err);

/* o on stdout, indented, for --json; then freed. false if o is NULL (out
 * of memory) or it could not be written. */
bool cli_print_json(json_t *o);
/* After a page of a listing: "21-40 of 1,234 (--offset 40 for more)", or
 * "no THINGS match"; capped: the total is a lower bound. */
void cli_print_range(const char *things, size_t offset, size_t n, size_t total, bool capped);


/* The import progress line on stderr (rows, rows/s, ETA); ctx is a
 * zeroed cli_progress_state. Only used when stderr is a terminal. */
typedef struct cli_progress_state {
	double start, last;
} cli_progress_state;
void cli_progress(void *ctx, const char *file, uint64_t done, uint64_t total, long rows);

/* The command groups. */
int cmd_init(cli *c, int argc, char **argv);
int cmd_import(cli *c, int argc, char **argv);
int cmd_export(cli *c, int argc, char **argv);
int cmd_person(cli *c, int argc, char **argv);
int cmd_stats(cli *c, int argc, char **argv);
int cmd_audit(cli *c, int argc, char **argv);
int cmd_demo_data(cli *c, int argc, char **argv);
int cmd_serve(cli *c, int argc, char **argv);
int cmd_user(cli *c, int argc, char **argv);
int cmd_token(cli *c, int argc, char **argv);
int cmd_reconcile(cli *c, int argc, char **argv);
int cmd_dedupe(cli *c, int argc, char **argv);
int cmd_agreement(cli *c, int argc, char **argv);
int cmd_plan(cli *c, int argc, char **argv);
int cmd_stage(cli *c, int argc, char **argv);
int cmd_aftercare(cli *c, int argc, char **argv);
int cmd_statement(cli *c, int argc, char **argv);
int cmd_keys(cli *c, int argc, char **argv);
/* The manifest group (cmd_sign.c): sign, verify. */
int cmd_manifest(cli *c, int argc, char **argv);
int cmd_remains(cli *c, int argc, char **argv);
int cmd_dna(cli *c, int argc, char **argv);

/* A password: generated (120 random bits), one line of standard input, or
 * typed twice unechoed at a terminal. EXIT_OK or the exit status. */
int cli_password(cli *c, bool from_stdin, bool generate, char *out, size_t size);

#endif
