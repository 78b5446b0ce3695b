/* The `parley` command: shared plumbing for the command groups. */
#ifndef PARLEY_CLI_CLI_H
#define PARLEY_CLI_CLI_H

#include <getopt.h>
#include <stdbool.h>
#include <stdio.h>

#include <jansson.h>

#include "core/date.h"
#include "core/err.h"
#include "core/text.h"
#include "registry/registry.h"
#include "sign/crypt.h"

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

/* ---- options -------------------------------------------------------------
 * Each command describes its options in a table, a row an option, and
 * cli_parse reads the command line by it (as curl's tool_getparam.c does):
 * values are checked as their kind says, each kind of mistake is said in
 * one wording, and the options every command takes (--db, --json, --help)
 * are understood everywhere. The --help texts stay hand-written prose. */

typedef enum cli_kind {
	CLI_TEXT,    /* any value */
	CLI_FLAG,    /* no value; given: s is "" */
	CLI_INT,     /* a whole number from min to max, in n */
	CLI_NUMBER,  /* a decimal number from min to max, in x */
	CLI_DAY,     /* a whole day, YYYY-MM-DD, in day */
	CLI_CHOICE   /* one of the words in choices (n: its index), or what parse takes (n: its result) */
} cli_kind;

typedef struct cli_opt cli_opt;
/* Called for each occurrence of an option, once its kind's check passed:
 * for options that may be repeated, or whose value is checked by the
 * command. value is in argv, and may be cut up in place. -1 to go on,
 * else the exit status (the message said). */
typedef int (*cli_take_fn)(cli *c, const cli_opt *o, char *value, void *ctx);

struct cli_opt {
	const char *name;            /* the long name, without the dashes */
	cli_kind kind;
	char letter;                 /* also -letter, or 0 */
	bool required;
	long min, max;               /* CLI_INT, CLI_NUMBER */
	const char *const *choices;  /* CLI_CHOICE: the words, NULL-terminated; or */
	int (*parse)(const char *s); /* CLI_CHOICE: the value's number, -1 if it is none */
	/* A bad value is said as "--NAME: expected EXPECT, got 'VALUE'";
	 * without expect: "MIN to MAX", "YYYY-MM-DD" or "a, b or c". */
	const char *expect;
	cli_take_fn take;
};

/* What cli_parse found for one row of the table. */
typedef struct cli_val {
	const char *s;  /* the value as given ("" for a flag); NULL: not given */
	long n;         /* CLI_INT; CLI_CHOICE: the index of the word */
	double x;       /* CLI_NUMBER */
	pdate day;      /* CLI_DAY */
} cli_val;

/* A command's command line. */
typedef struct cli_spec {
	const char *usage;       /* what --help prints */
	const cli_opt *opts;     /* up to a row without a name; NULL: only the common ones */
	int min_args, max_args;  /* the arguments after the options; max_args -1: no limit */
	/* When the count is off; default "expected N arguments, got M", or
	 * "unexpected argument 'X'" for a command that takes none, followed
	 * by args_hint if there is one. */
	const char *args_msg, *args_hint;
	const char *need_msg;    /* a required option missing; default "--NAME is required" */
} cli_spec;

/* Rows that several commands share. */
#define CLI_OPT_LIMIT {.name = "limit", .kind = CLI_INT, .min = 1, .max = 10000}
#define CLI_OPT_OFFSET {.name = "offset", .kind = CLI_INT, .min = 0, .max = 100000000, .expect = "a number from 0"}
#define CLI_OPT_MAX_ERRORS {.name = "max-errors", .kind = CLI_INT, .min = 1, .max = 100000, .expect = "a number from 1"}

/* The values of CLI_OPT_LIMIT and CLI_OPT_OFFSET into a listing's query,
 * where they were given. */
void cli_page(const cli_val *limit, const cli_val *offset, size_t *to_limit, size_t *to_offset);

/* Read the options of argv by spec into v (a cli_val a row of spec->opts;
 * NULL when it has none), passing ctx to the rows' take functions, then
 * check the count of arguments and the required options, in that order.
 * Returns -1 to go on, the arguments at argv[optind..argc); else the exit
 * status (EXIT_OK after --help; after a mistake, its message said). */
int cli_parse(cli *c, int argc, char **argv, const cli_spec *spec, cli_val *v, void *ctx);

/* Run the sub-command argv[1] of group `group` ("person"), or print usage. */
int cli_dispatch(cli *c, const char *group, const cli_command *subs, size_t n,
                 const char *usage, int argc, char **argv);
/* Print "prog: message" and "try --help" to stderr; returns EXIT_USAGE.
 * English only: for a message already made elsewhere; prefer the coded
 * forms below. */
int cli_usage_error(const cli *c, const char *fmt, ...) PL_PRINTF(2, 3);
/* The same with a code of the catalogue and its name, value pairs ended
 * by NULL (as cli_say), in the user's language:
 *   return cli_usage_errorc(c, "cli.required", "option", o->name, NULL); */
int cli_usage_errorc(const cli *c, const char *code, ...)
#if defined(__GNUC__)
	__attribute__((sentinel))
#endif
	;
/* The same for err's message (coded or not): a usage mistake a lower layer
 * found. */
int cli_usage_fail(const cli *c, const pl_err *err);
/* A file could not be read or written: the message of code
 * ("cli.cannot_write": "cannot write {path}: {why}") with errno's text. */
pl_rc cli_io_fail(pl_err *err, pl_rc rc, const char *code, const char *path);
/* Print an error and return the exit code for it. */
int cli_fail(const cli *c, const pl_err *err);

/* A line for the user (a summary, a notice, a hint) from the message
 * catalogue, in English unless LANG asks for Ukrainian or Russian, and a
 * newline; the arguments are name, value pairs ended by NULL, numbers as
 * PL_N(n), and a count's word as {n#one|other} (core/msg.h):
 *   cli_say(stdout, "cli.imported", "n", PL_N(n), "file", path, NULL);
 * What programs read (tables, CSV, JSON, ids) is printed as it is. */
/* A coded warning (w's code and arguments, match_warnings) on stderr as
 * "prog: warning: text", in the user's language. */
void cli_warn(const cli *c, const pl_err *w);
void cli_say(FILE *out, const char *code, ...)
#if defined(__GNUC__)
	__attribute__((sentinel))
#endif
	;
/* An importer's problems, a line each: `lines` as they are, or in the
 * language LANG asks for where `coded` (problems.coded, NULL if none) says
 * a line by its code. */
void cli_problems(FILE *out, const buf *lines, const buf *coded);
/* An import that failed: its problems (if the file had any) and "nothing
 * was imported" on stderr, EXIT_REFUSED; else the error, as cli_fail. */
int cli_import_failed(cli *c, const buf *lines, const buf *coded, const pl_err *err);
/* The same without the newline: a line printed in pieces. */
void cli_put(FILE *out, const char *code, ...)
#if defined(__GNUC__)
	__attribute__((sentinel))
#endif
	;
/* The same text into out (cut to size), without the newline: a word inside
 * a line, "(no name)". */
void cli_text(char *out, size_t size, const char *code, ...)
#if defined(__GNUC__)
	__attribute__((sentinel))
#endif
	;

/* Open the database at c->db (migrating it forward): the one way every
 * command opens it. */
pl_rc cli_open(cli *c, store **st, pl_err *err);
/* The start of most commands: cli_parse, then cli_open. -1 with *st open
 * (else NULL), or the exit status, the reason said. */
int cli_start(cli *c, int argc, char **argv, const cli_spec *spec, cli_val *v, void *ctx,
              store **st);

/* A whole number from min to max; false if s is not one. */
bool cli_parse_long(const char *s, long min, long max, long *out);
/* A decimal number from lo to hi (1.5, 1e3); false if s is not one. */
bool cli_parse_number(const char *s, double lo, double hi, double *out);

/* Aligned columns for people. */
typedef struct table table;
table *table_new(size_t ncols, const char *const *headers);
/* Add a row (values are copied; NULL shows as empty). */
void table_add(table *t, const char *const *values);
/* The width of a record shown field by field: no value is cut. */
#define TABLE_WHOLE ((size_t)-1)
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
 * the line of code `none` ("cli.no_persons": "no persons match{@at}");
 * capped: the total is a lower bound. */
void cli_print_range(const char *none, size_t offset, size_t n, size_t total, bool capped);


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
int cmd_retention(cli *c, int argc, char **argv);
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
int cmd_inquiry(cli *c, int argc, char **argv);
int cmd_antemortem(cli *c, int argc, char **argv);
int cmd_tasks(cli *c, int argc, char **argv);
int cmd_letters(cli *c, int argc, char **argv);
int cmd_testimony(cli *c, int argc, char **argv);
int cmd_dna(cli *c, int argc, char **argv);
/* Encrypted files (cmd_crypt.c): backup, restore, decrypt, box-key. */
int cmd_backup(cli *c, int argc, char **argv);
int cmd_restore(cli *c, int argc, char **argv);
int cmd_decrypt(cli *c, int argc, char **argv);
int cmd_box_key(cli *c, int argc, char **argv);

/* Whom an encrypted file is for, from --to PUBFILE or --passphrase-file
 * PFILE (the first line; "-": standard input): export and backup alike. */
typedef struct cli_crypt {
	bool on;                            /* one of them was given */
	crypt_key key;
	char pass[SIGN_PASSPHRASE_MAX + 2];
	crypt_to to;                        /* for crypt_writer_open */
} cli_crypt;
/* -1 to go on (cc->on says whether to encrypt), else the exit status, the
 * reason said. Both given is a usage mistake. */
int cli_crypt_begin(cli *c, const char *to, const char *passfile, const char *content, cli_crypt *cc);
/* Wipe the passphrase and key. */
void cli_crypt_end(cli_crypt *cc);

/* A password: generated (120 random bits), one line of standard input, or
 * typed twice unechoed at a terminal. EXIT_OK or the exit status. */
int cli_password(cli *c, bool from_stdin, bool generate, char *out, size_t size);

#endif
