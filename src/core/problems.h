/* Problems found in input that is checked whole before any of it is kept.
 *
 * An import reads on after its first bad row, so that one run reports up
 * to `max` problems, each saying where ("cases.csv:12: column 'condition':
 * ..."); then it refuses everything. The problems go one per line into a
 * buffer the caller shows; the first one becomes the error message. */
#ifndef PARLEY_CORE_PROBLEMS_H
#define PARLEY_CORE_PROBLEMS_H

#include <stdarg.h>
#include <stdbool.h>

#include "core/buf.h"
#include "core/csv.h"
#include "core/err.h"

enum { PROBLEMS_DEFAULT_MAX = 20 };

typedef struct problems {
	buf *out;           /* one problem per line */
	const char *file;   /* the name shown in messages */
	int max, n;
	bool failed;        /* since the first problem: check, never write */
	pl_err first;
	/* NULL, or one line a problem, in step with out: empty when the
	 * problem has no code, else its context ("list.csv:3: "), its code
	 * and its arguments' names and values, each ended by PROBLEMS_SEP,
	 * for a client to say the problem in its user's language. */
	buf *coded;
} problems;

#define PROBLEMS_SEP '\x1f'


/* max <= 0: PROBLEMS_DEFAULT_MAX. */
void problems_init(problems *p, buf *out, int max);
/* Record a problem whose message already says where. PL_ELIMIT once there
 * are enough to stop, PL_OK otherwise: the caller goes on checking. */
pl_rc problems_add(problems *p, const char *msg);
/* A problem at file:line (line 0: the file as a whole). */
pl_rc problems_at(problems *p, long line, const char *fmt, ...) PL_PRINTF(3, 4);
pl_rc problems_vat(problems *p, long line, const char *fmt, va_list ap) PL_PRINTF(3, 0);
/* A problem whose message (e's, coded or not) already says where. */
pl_rc problems_add_err(problems *p, const pl_err *e);
/* A problem at file:line whose message is e's (coded by pl_failc or not). */
pl_rc problems_err(problems *p, long line, const pl_err *e);
/* A coded problem at file:line: pl_failc's code and name, value pairs. */
pl_rc problems_atc(problems *p, long line, const char *code, ...)
#if defined(__GNUC__)
	__attribute__((sentinel))
#endif
	;
/* How the checking ended: rc as it came (PL_ELIMIT means enough problems
 * were found), or PL_EINPUT with the first problem, how many more there
 * were, and that nothing was imported. */
pl_rc problems_result(const problems *p, pl_rc rc, pl_err *err);

/* Read the next record of a CSV file being checked. A malformed record is
 * a problem, and the reader cannot go past it: *eof is set then too. */
pl_rc problems_csv_read(problems *p, csv_reader *cr, csv_record *rec, bool *eof);
/* The header line: *got false, with a problem, when there is none. */
pl_rc problems_csv_header(problems *p, csv_reader *cr, csv_record *rec, bool *got);

#endif
