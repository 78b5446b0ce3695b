/* CSV as RFC 4180 describes it, read as a stream.
 *
 * Accepts UTF-8 with or without a byte order mark, CRLF or LF line ends,
 * quoted fields with doubled quotes and embedded line breaks. Refuses, with
 * the line and field: a quote inside an unquoted field, text after a closing
 * quote, an unterminated quoted field, invalid UTF-8, NUL bytes, fields or
 * records over the size limits. Blank lines are skipped. */
#ifndef PARLEY_CORE_CSV_H
#define PARLEY_CORE_CSV_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "core/buf.h"
#include "core/err.h"

enum {
	CSV_FIELD_MAX = 64 * 1024,
	CSV_RECORD_MAX = 1024 * 1024,
	CSV_FIELDS_MAX = 1024
};

typedef struct csv_reader csv_reader;

typedef struct csv_record {
	size_t nfields;
	const char *const *fields; /* NUL-terminated; valid until the next read */
	const size_t *lens;
	long line;                 /* the line the record starts on, from 1 */
	long number;               /* records read so far, this one included */
} csv_record;

/* `name` is used in messages ("persons.csv"). The reader does not close f. */
pl_rc csv_reader_open(csv_reader **out, FILE *f, const char *name, pl_err *err);
void csv_reader_close(csv_reader *r);
/* Next record; *eof set (and PL_OK returned) when there are no more. */
pl_rc csv_read(csv_reader *r, csv_record *rec, bool *eof, pl_err *err);
/* From now on read ahead on another thread: records are parsed there in
 * batches while the caller works on those before, on the second core;
 * csv_read returns the same records, refusals and end as it would have.
 * The stream belongs to that thread until csv_reader_close, which stops
 * it (a caller may stop before the end). false: no thread, csv_read goes
 * on reading here. Records stay valid until the next csv_read, as ever. */
bool csv_read_ahead(csv_reader *r);
/* Bytes consumed from the stream, for progress (read ahead: up to the end
 * of the record csv_read returned last). */
uint64_t csv_bytes_read(const csv_reader *r);

/* Append one record to out: fields quoted where RFC 4180 needs it, or where
 * a reader might strip leading or trailing blanks; CRLF at the end. NULL
 * fields are written empty; a record of one empty field as "" so that it
 * does not read back as a blank line, and a field starting with U+FEFF is
 * quoted so that it does not read back as a byte order mark.
 *
 * A field a spreadsheet would run as a formula (csv_is_formula) is
 * neutralised as OWASP's "CSV Injection" page recommends: a single quote
 * in front, and the field quoted. The other side's lists are imported, so
 * "=HYPERLINK(...)" can arrive in any field. */
pl_rc csv_format_record(buf *out, const char *const *fields, size_t n) PL_NODISCARD;
/* The same, every field as it is: for exact round trips (an export to be
 * imported again), never for a file a person opens in a spreadsheet. */
pl_rc csv_format_record_raw(buf *out, const char *const *fields, size_t n) PL_NODISCARD;
/* Does s start as a formula would (=, +, -, @, a tab or a carriage return)
 * without being a plain number ("-12", "+3.5", "-1e3")? */
bool csv_is_formula(const char *s);

#endif
