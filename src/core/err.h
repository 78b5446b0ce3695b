/* Result codes and error messages.
 *
 * Every fallible function returns a pl_rc and, on failure, fills a pl_err
 * with a message that says where and what: "persons.csv:12: column
 * 'birth_date': expected YYYY, YYYY-MM or YYYY-MM-DD, got '1985-13-01'".
 * Callers add context on the way up with pl_err_prefix().
 *
 * A message may also carry a stable code ("stage.not_on") and named
 * arguments (pl_failc): the English text is then written from the message
 * catalogue (core/msg.h), and the web UI and the CLI under another LANG
 * write the same message in their own language from the code and the
 * arguments, never from the English text. */
#ifndef PARLEY_CORE_ERR_H
#define PARLEY_CORE_ERR_H

#include <stdarg.h>
#include <stddef.h>

#if defined(__GNUC__)
#define PL_PRINTF(f, a) __attribute__((format(printf, f, a)))
#define PL_NODISCARD __attribute__((warn_unused_result))
#else
#define PL_PRINTF(f, a)
#define PL_NODISCARD
#endif

typedef enum pl_rc {
	PL_OK = 0,
	PL_EINPUT,     /* bad input: a file, a field, a value */
	PL_EUSAGE,     /* bad command line */
	PL_ENOTFOUND,  /* no such person, event, file */
	PL_ECONFLICT,  /* refused by the current state: lifecycle, duplicates */
	PL_ELIMIT,     /* a size limit was reached */
	PL_ENOMEM,
	PL_EIO,
	PL_EDB,        /* SQLite said no */
	PL_ESCHEMA,    /* not a parley database, or a newer one */
	PL_EINTEGRITY  /* the audit chain or the data is inconsistent */
} pl_rc;

#define PL_ERR_MSG_MAX 1024
#define PL_ERR_ARGS 8
#define PL_ERR_ARG_MAX 160

typedef struct pl_err_arg {
	const char *name;          /* a string literal: "date" */
	char value[PL_ERR_ARG_MAX];
} pl_err_arg;

typedef struct pl_err {
	pl_rc rc;
	char msg[PL_ERR_MSG_MAX];
	/* Set by pl_failc, NULL after pl_fail: the message's code (a string
	 * literal), its arguments, and where in msg the coded text begins
	 * (after the context pl_err_prefix put in front). */
	const char *code;
	int nargs;
	size_t body;
	pl_err_arg arg[PL_ERR_ARGS];
} pl_err;

/* Record a failure and return rc, so callers can write
 * `return pl_fail(err, PL_EINPUT, "...")`. err may be NULL. */
pl_rc pl_fail(pl_err *err, pl_rc rc, const char *fmt, ...) PL_PRINTF(3, 4);

/* A failure with a code from the message catalogue and its arguments,
 * given as name, value pairs of strings ended by NULL:
 *   return pl_failc(err, PL_EINPUT, "stage.not_on", "person", p, "stage", s, NULL);
 * msg gets the English text; a value too long is cut (a NULL one is "").
 * Numbers go in as PL_N(n). */
pl_rc pl_failc(pl_err *err, pl_rc rc, const char *code, ...)
#if defined(__GNUC__)
	__attribute__((sentinel))
#endif
	;

/* The same with the pairs in ap (for wrappers such as http_errorc). */
pl_rc pl_vfailc(pl_err *err, pl_rc rc, const char *code, va_list ap);

/* n in decimal, in a buffer that lives as long as the enclosing call. */
#define PL_N(n) pl_num((char[24]){0}, (long)(n))
const char *pl_num(char *out, long n);

/* The value of the argument named name, or NULL. */
const char *pl_err_arg_value(const pl_err *err, const char *name);

/* Prepend context ("import persons.csv: ") to the message already there. */
void pl_err_prefix(pl_err *err, const char *fmt, ...) PL_PRINTF(2, 3);

void pl_err_clear(pl_err *err);

/* "bad input", "out of memory", ...: for messages without detail. */
const char *pl_rc_str(pl_rc rc);

pl_rc pl_nomem(pl_err *err);

/* A broken invariant: a bug in parley, never bad input. Says so on stderr
 * and aborts, so that the bug is found where it happened. */
_Noreturn void pl_panic(const char *fmt, ...) PL_PRINTF(1, 2);

#endif
