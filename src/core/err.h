/* Result codes and error messages.
 *
 * Every fallible function returns a pl_rc and, on failure, fills a pl_err
 * with a message that says where and what: "persons.csv:12: column
 * 'birth_date': expected YYYY, YYYY-MM or YYYY-MM-DD, got '1985-13-01'".
 * Callers add context on the way up with pl_err_prefix(). */
#ifndef PARLEY_CORE_ERR_H
#define PARLEY_CORE_ERR_H

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

typedef struct pl_err {
	pl_rc rc;
	char msg[PL_ERR_MSG_MAX];
} pl_err;

/* Record a failure and return rc, so callers can write
 * `return pl_fail(err, PL_EINPUT, "...")`. err may be NULL. */
pl_rc pl_fail(pl_err *err, pl_rc rc, const char *fmt, ...) PL_PRINTF(3, 4);

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
