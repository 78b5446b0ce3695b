#include "core/csv.h"

#include <stdlib.h>
#include <string.h>

#include "core/utf8.h"

enum { CHUNK = 64 * 1024 };

struct csv_reader {
	FILE *f;
	const char *name;
	unsigned char in[CHUNK];
	size_t pos, len;
	bool eof, started;
	uint64_t consumed;
	long line;          /* current physical line, from 1 */
	long records;
	buf data;           /* the fields of the current record, NUL-separated */
	size_t starts[CSV_FIELDS_MAX];
	size_t lens[CSV_FIELDS_MAX];
	const char *ptrs[CSV_FIELDS_MAX];
};

pl_rc csv_reader_open(csv_reader **out, FILE *f, const char *name, pl_err *err)
{
	csv_reader *r = calloc(1, sizeof(*r));
	if(!r)
		return pl_nomem(err);
	r->f = f;
	r->name = name;
	r->line = 1;
	buf_init(&r->data, CSV_RECORD_MAX + CSV_FIELDS_MAX);
	*out = r;
	return PL_OK;
}

void csv_reader_close(csv_reader *r)
{
	if(r) {
		buf_free(&r->data);
		free(r);
	}
}

uint64_t csv_bytes_read(const csv_reader *r)
{
	return r->consumed;
}

/* Make sure unread input is buffered; false at the end of input. */
static bool fill(csv_reader *r)
{
	if(r->pos < r->len)
		return true;
	if(r->eof)
		return false;
	r->len = fread(r->in, 1, sizeof(r->in), r->f);
	r->pos = 0;
	if(r->len == 0)
		r->eof = true;
	return r->len > 0;
}

/* Next byte, or -1 at the end of input. */
static int next_byte(csv_reader *r)
{
	if(!fill(r))
		return -1;
	r->consumed++;
	return r->in[r->pos++];
}

static int peek_byte(csv_reader *r)
{
	int c = next_byte(r);
	if(c >= 0) {
		r->pos--;
		r->consumed--;
	}
	return c;
}

/* why: the code of what is wrong (csv.*), n its number if it has one. */
static pl_rc fail(csv_reader *r, pl_err *err, long line, size_t field, const char *why, long n)
{
	return pl_failc(err, PL_EINPUT, "csv.at", "file", r->name, "line", PL_N(line), "field", PL_N(field),
	                "why", why, "n", PL_N(n), NULL);
}

static pl_rc field_end(csv_reader *r, size_t *nf, long line, pl_err *err)
{
	size_t i = *nf;
	size_t len = r->data.len - r->starts[i];
	if(len > CSV_FIELD_MAX)
		return fail(r, err, line, i + 1, "csv.field_long", 0);
	size_t bad;
	const char *p = buf_str(&r->data) + r->starts[i];
	if(!utf8_valid(p, len, &bad)) {
		return fail(r, err, line, i + 1, "csv.bad_utf8", (long)bad + 1);
	}
	r->lens[i] = len;
	if(buf_addc(&r->data, '\0'))
		return fail(r, err, line, i + 1, "csv.record_long", 0);
	*nf = i + 1;
	return PL_OK;
}

static pl_rc field_begin(csv_reader *r, size_t nf, long line, pl_err *err)
{
	if(nf >= CSV_FIELDS_MAX)
		return fail(r, err, line, nf + 1, "csv.many_fields", 0);
	r->starts[nf] = r->data.len;
	return PL_OK;
}

/* The bytes that end a run of field text, unquoted and quoted. NUL ends
 * both so that add() can refuse it; LF ends a quoted run to count lines. */
static const bool stops_plain[256] = {[','] = true, ['\n'] = true, ['\r'] = true, ['"'] = true,
                                      [0] = true};
static const bool stops_quoted[256] = {['"'] = true, ['\n'] = true, [0] = true};

/* Append the input up to the next stop byte (not taken), in runs: most
 * bytes of a file are field text, and one call per byte cost more than the
 * rest of reading it. */
static pl_rc take_run(csv_reader *r, const bool *stops, size_t nf, long line, pl_err *err)
{
	while(fill(r)) {
		size_t start = r->pos;
		while(r->pos < r->len && !stops[r->in[r->pos]])
			r->pos++;
		size_t n = r->pos - start;
		r->consumed += n;
		if(n && buf_add(&r->data, r->in + start, n))
			return fail(r, err, line, nf + 1, "csv.record_long", 0);
		if(r->pos < r->len)
			return PL_OK;
	}
	return PL_OK;
}

static pl_rc add(csv_reader *r, int c, size_t nf, long line, pl_err *err)
{
	if(c == 0)
		return fail(r, err, r->line, nf + 1, "csv.nul", 0);
	if(buf_addc(&r->data, (char)c))
		return fail(r, err, line, nf + 1, "csv.record_long", 0);
	return PL_OK;
}

/* Consume an LF after a CR, if there is one. */
static void eat_crlf(csv_reader *r, int c)
{
	if(c == '\r' && peek_byte(r) == '\n')
		next_byte(r);
}

static pl_rc read_quoted(csv_reader *r, size_t nf, long line, pl_err *err, int *after)
{
	long qline = r->line;
	for(;;) {
		pl_rc rc = take_run(r, stops_quoted, nf, line, err);
		if(rc)
			return rc;
		int c = next_byte(r);
		if(c < 0) {
			return fail(r, err, qline, nf + 1, "csv.unclosed", qline);
		}
		if(c == '"') {
			if(peek_byte(r) == '"') {
				next_byte(r);
			} else {
				*after = next_byte(r);
				return PL_OK;
			}
		} else if(c == '\n') {
			r->line++;
		}
		if((rc = add(r, c, nf, line, err)))
			return rc;
	}
}

pl_rc csv_read(csv_reader *r, csv_record *rec, bool *eof, pl_err *err)
{
	pl_rc rc;
	if(!r->started) {
		r->started = true;
		/* A byte order mark is EF BB BF; text may also start with EF. The
		 * first read fills the buffer, so all three bytes are there to see. */
		if(peek_byte(r) == 0xEF && r->len - r->pos >= 3 && r->in[r->pos + 1] == 0xBB &&
		   r->in[r->pos + 2] == 0xBF)
			for(int i = 0; i < 3; i++)
				next_byte(r);
	}
	int c;
	/* Skip blank lines. */
	while((c = next_byte(r)) == '\n' || c == '\r') {
		eat_crlf(r, c);
		r->line++;
	}
	if(c < 0) {
		*eof = true;
		return PL_OK;
	}
	*eof = false;
	buf_reset(&r->data);
	long line = r->line;
	size_t nf = 0;
	if((rc = field_begin(r, nf, line, err)))
		return rc;
	for(;;) {
		if(c == '"' && r->data.len == r->starts[nf]) {
			if((rc = read_quoted(r, nf, line, err, &c)))
				return rc;
			if(c >= 0 && c != ',' && c != '\n' && c != '\r')
				return fail(r, err, r->line, nf + 1,
				            "csv.after_quote", 0);
			continue; /* c is the separator after the field */
		}
		if(c < 0 || c == '\n' || c == '\r') {
			if((rc = field_end(r, &nf, line, err)))
				return rc;
			if(c >= 0) {
				eat_crlf(r, c);
				r->line++;
			}
			break;
		}
		if(c == ',') {
			if((rc = field_end(r, &nf, line, err)) || (rc = field_begin(r, nf, line, err)))
				return rc;
		} else if(c == '"') {
			return fail(r, err, r->line, nf + 1,
			            "csv.quote_inside", 0);
		} else if((rc = add(r, c, nf, line, err)) ||
		          (rc = take_run(r, stops_plain, nf, line, err))) {
			return rc;
		}
		c = next_byte(r);
	}
	for(size_t i = 0; i < nf; i++)
		r->ptrs[i] = buf_str(&r->data) + r->starts[i];
	rec->nfields = nf;
	rec->fields = r->ptrs;
	rec->lens = r->lens;
	rec->line = line;
	rec->number = ++r->records;
	return PL_OK;
}

static bool needs_quotes(const char *s)
{
	if(!*s)
		return false;
	if(!strncmp(s, "\xEF\xBB\xBF", 3)) /* U+FEFF: at a file's start it would read as a BOM */
		return true;
	if(*s == ' ' || *s == '\t' || s[strlen(s) - 1] == ' ' || s[strlen(s) - 1] == '\t')
		return true;
	return strpbrk(s, ",\"\r\n") != NULL;
}

/* A number as a spreadsheet reads one: a sign, digits with at most one
 * point, an exponent. Such a field is a value, not a formula. */
static bool plain_number(const char *s)
{
	const char *p = s + (*s == '+' || *s == '-');
	size_t digits = strspn(p, "0123456789");
	p += digits;
	if(*p == '.') {
		size_t more = strspn(p + 1, "0123456789");
		digits += more;
		p += 1 + more;
	}
	if(!digits)
		return false;
	if(*p == 'e' || *p == 'E') {
		p += 1 + (p[1] == '+' || p[1] == '-');
		size_t exp = strspn(p, "0123456789");
		if(!exp)
			return false;
		p += exp;
	}
	return !*p;
}

bool csv_is_formula(const char *s)
{
	return s && *s && strchr("=+-@\t\r", *s) && !plain_number(s);
}

static pl_rc format_record(buf *out, const char *const *fields, size_t n, bool raw)
{
	pl_rc rc = PL_OK;
	if(n == 1 && (!fields[0] || !*fields[0])) /* "" keeps it from reading as a blank line */
		return buf_add(out, "\"\"\r\n", 4);
	for(size_t i = 0; i < n && !rc; i++) {
		const char *s = fields[i] ? fields[i] : "";
		bool formula = !raw && csv_is_formula(s);
		if(i)
			rc = buf_addc(out, ',');
		if(rc)
			break;
		if(!formula && !needs_quotes(s)) {
			rc = buf_adds(out, s);
			continue;
		}
		rc = buf_adds(out, formula ? "\"'" : "\"");
		for(const char *p = s; *p && !rc; p++)
			rc = *p == '"' ? buf_add(out, "\"\"", 2) : buf_addc(out, *p);
		if(!rc)
			rc = buf_addc(out, '"');
	}
	if(!rc)
		rc = buf_add(out, "\r\n", 2);
	return rc;
}

pl_rc csv_format_record(buf *out, const char *const *fields, size_t n)
{
	return format_record(out, fields, n, false);
}

pl_rc csv_format_record_raw(buf *out, const char *const *fields, size_t n)
{
	return format_record(out, fields, n, true);
}
