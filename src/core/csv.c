#include "core/csv.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "core/utf8.h"

enum { CHUNK = 64 * 1024 };

typedef struct csv_ahead csv_ahead;

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
	csv_ahead *ahead;   /* records parsed on another thread (csv_read_ahead) */
	char sep;           /* between fields: ',', or what the first line shows (sniff_separator) */
	bool stops[256];    /* the bytes that end a run of unquoted field text */
};

static void ahead_stop(csv_reader *r);

pl_rc csv_reader_open(csv_reader **out, FILE *f, const char *name, pl_err *err)
{
	csv_reader *r = calloc(1, sizeof(*r));
	if(!r)
		return pl_nomem(err);
	r->f = f;
	r->name = name;
	r->line = 1;
	r->sep = ',';
	buf_init(&r->data, CSV_RECORD_MAX + CSV_FIELDS_MAX);
	*out = r;
	return PL_OK;
}

void csv_reader_close(csv_reader *r)
{
	if(r) {
		ahead_stop(r);
		buf_free(&r->data);
		free(r);
	}
}

static uint64_t ahead_bytes_read(const csv_reader *r);

uint64_t csv_bytes_read(const csv_reader *r)
{
	return r->ahead ? ahead_bytes_read(r) : r->consumed;
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

/* Is the field, not UTF-8, Cyrillic in an 8-bit encoding? In
 * Windows-1251 and KOI8 alike the letters are the bytes C0 to FF, and
 * Ukrainian's Є І Ї Ґ (and Ё) a few below: nearly all of a Cyrillic
 * word's bytes, where a broken UTF-8 file has continuation bytes (80 to
 * BF) among them and a Latin-1 name (José, Müller) has mostly ASCII
 * letters. */
static bool looks_cyrillic_8bit(const unsigned char *p, size_t n)
{
	size_t high = 0, letters = 0, ascii = 0;
	for(size_t i = 0; i < n; i++) {
		if(p[i] < 0x80) {
			ascii += (p[i] | 0x20) >= 'a' && (p[i] | 0x20) <= 'z';
			continue;
		}
		high++;
		letters += p[i] >= 0xC0 || strchr("\xA5\xA8\xAA\xAF\xB2\xB3\xB4\xB8\xBA\xBF", p[i]) != NULL;
	}
	return high >= 2 && high > ascii && letters * 10 >= high * 9;
}

static pl_rc field_end(csv_reader *r, size_t *nf, long line, pl_err *err)
{
	size_t i = *nf;
	size_t len = r->data.len - r->starts[i];
	if(len > CSV_FIELD_MAX)
		return fail(r, err, line, i + 1, "csv.field_long", 0);
	size_t bad;
	const char *p = buf_str(&r->data) + r->starts[i];
	if(!utf8_valid(p, len, &bad))
		return fail(r, err, line, i + 1,
		            looks_cyrillic_8bit((const unsigned char *)p, len) ? "csv.bad_utf8_cyrillic" : "csv.bad_utf8",
		            (long)bad + 1);
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

/* The bytes that end a run of quoted field text: NUL so that add() can
 * refuse it, LF to count lines. An unquoted run also ends at the
 * separator, CR and a quote (csv_reader.stops). */
static const bool stops_quoted[256] = {['"'] = true, ['\n'] = true, [0] = true};

/* A spreadsheet saving CSV in a Ukrainian or Russian locale separates
 * fields with semicolons (the comma is the decimal sign there), and some
 * programs with tabs. A first line, the header, with no comma outside
 * quotes and a semicolon or tab there, says which the file uses; a file
 * with a comma in its first line is read as RFC 4180's, whatever else it
 * holds. The first line is what the first read buffered of it. */
static void sniff_separator(csv_reader *r)
{
	size_t commas = 0, semicolons = 0, tabs = 0, i = r->pos;
	bool quoted = false;
	while(i < r->len && (r->in[i] == '\n' || r->in[i] == '\r')) /* blank lines are skipped */
		i++;
	for(; i < r->len && (quoted || (r->in[i] != '\n' && r->in[i] != '\r')); i++) {
		unsigned char c = r->in[i];
		if(c == '"')
			quoted = !quoted;
		else if(!quoted) {
			commas += c == ',';
			semicolons += c == ';';
			tabs += c == '\t';
		}
	}
	if(!commas && (semicolons || tabs))
		r->sep = semicolons >= tabs ? ';' : '\t';
	static const unsigned char plain[] = {'\n', '\r', '"', 0};
	for(size_t k = 0; k < sizeof(plain); k++)
		r->stops[plain[k]] = true;
	r->stops[(unsigned char)r->sep] = true;
}

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

static pl_rc read_record(csv_reader *r, csv_record *rec, bool *eof, pl_err *err)
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
		sniff_separator(r);
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
			if(c >= 0 && c != r->sep && c != '\n' && c != '\r')
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
		if(c == r->sep) {
			if((rc = field_end(r, &nf, line, err)) || (rc = field_begin(r, nf, line, err)))
				return rc;
		} else if(c == '"') {
			return fail(r, err, r->line, nf + 1,
			            "csv.quote_inside", 0);
		} else if((rc = add(r, c, nf, line, err)) ||
		          (rc = take_run(r, r->stops, nf, line, err))) {
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

/* ---- reading ahead on another thread -------------------------------------- */

/* The records of a batch: their fields back to back in text, each
 * NUL-terminated, and where each record's fields start in ptrs and lens.
 * A batch ends with the reader's answer after its records when that was
 * the end of input or a refusal (end). */
enum { AHEAD_RECORDS = 1024, AHEAD_BATCHES = 3 };
/* A batch ends after this many bytes of fields too: 1,024 records of up to
 * 1 MiB each would pass a buffer's cap (64 MiB). */
#define AHEAD_BYTES ((size_t)4 << 20)

typedef struct ahead_rec {
	long line, number;
	uint64_t consumed;  /* csv_bytes_read after this record */
	size_t first, nfields;
} ahead_rec;

typedef struct ahead_batch {
	buf text;
	size_t *offs, *lens;
	const char **ptrs;
	size_t nfields, capfields;
	ahead_rec rec[AHEAD_RECORDS];
	size_t nrec;
	bool end;           /* the reader's last answer: rc, err (eof when PL_OK) */
	pl_rc rc;
	uint64_t consumed;  /* csv_bytes_read at the end */
	pl_err err;
} ahead_batch;

/* The batches are filled and read in turn: the thread fills the one after
 * those ready (ready counts the one being read too), the caller reads the
 * one at `next`. */
struct csv_ahead {
	pthread_t thread;
	pthread_mutex_t lock;
	pthread_cond_t changed;
	int ready, next;
	size_t pos;            /* the next record of batch `next` */
	bool reading;          /* the caller holds batch `next` */
	bool stop;
	uint64_t consumed;     /* csv_bytes_read of the last record handed over */
	ahead_batch batch[AHEAD_BATCHES];
};

/* Copy the record just read into b; false when memory runs out. */
static bool batch_add(ahead_batch *b, const csv_record *rec, uint64_t consumed)
{
	if(b->nfields + rec->nfields > b->capfields) {
		size_t cap = b->capfields ? b->capfields : 4096;
		while(cap < b->nfields + rec->nfields)
			cap *= 2;
		size_t *offs = realloc(b->offs, cap * sizeof(*offs));
		if(offs)
			b->offs = offs;
		size_t *lens = realloc(b->lens, cap * sizeof(*lens));
		if(lens)
			b->lens = lens;
		const char **ptrs = realloc(b->ptrs, cap * sizeof(*ptrs));
		if(ptrs)
			b->ptrs = ptrs;
		if(!offs || !lens || !ptrs)
			return false;
		b->capfields = cap;
	}
	b->rec[b->nrec++] = (ahead_rec){rec->line, rec->number, consumed, b->nfields, rec->nfields};
	for(size_t i = 0; i < rec->nfields; i++) {
		b->offs[b->nfields] = b->text.len;
		b->lens[b->nfields++] = rec->lens[i];
		if(buf_add(&b->text, rec->fields[i], rec->lens[i] + 1)) /* with its NUL */
			return false;
	}
	return true;
}

/* Fill b with the next records, up to the end of input or a refusal. */
static void batch_fill(csv_reader *r, ahead_batch *b)
{
	buf_reset(&b->text);
	b->nrec = b->nfields = 0;
	b->end = false;
	while(b->nrec < AHEAD_RECORDS && b->text.len < AHEAD_BYTES) {
		csv_record rec;
		bool eof;
		pl_rc rc = read_record(r, &rec, &eof, &b->err);
		if(!rc && !eof && !batch_add(b, &rec, r->consumed)) {
			rc = pl_nomem(&b->err);
			b->nrec = b->nfields = 0; /* their text went with the buffer that failed */
		}
		if(rc || eof) {
			b->end = true;
			b->rc = rc;
			b->consumed = r->consumed;
			break;
		}
	}
	/* Pointers only now: text moved while it grew. */
	for(size_t i = 0; i < b->nfields; i++)
		b->ptrs[i] = buf_str(&b->text) + b->offs[i];
}

static void *ahead_run(void *arg)
{
	csv_reader *r = arg;
	csv_ahead *a = r->ahead;
	for(int fill = 0;; fill = (fill + 1) % AHEAD_BATCHES) {
		pthread_mutex_lock(&a->lock);
		while(a->ready == AHEAD_BATCHES && !a->stop)
			pthread_cond_wait(&a->changed, &a->lock);
		bool stop = a->stop;
		pthread_mutex_unlock(&a->lock);
		if(stop)
			break;
		batch_fill(r, &a->batch[fill]); /* free: neither ready nor being read */
		pthread_mutex_lock(&a->lock);
		a->ready++;
		pthread_cond_signal(&a->changed);
		pthread_mutex_unlock(&a->lock);
		if(a->batch[fill].end)
			break;
	}
	return NULL;
}

static void ahead_free(csv_ahead *a)
{
	for(int i = 0; i < AHEAD_BATCHES; i++) {
		ahead_batch *b = &a->batch[i];
		buf_free(&b->text);
		free(b->offs);
		free(b->lens);
		free(b->ptrs);
	}
	pthread_mutex_destroy(&a->lock);
	pthread_cond_destroy(&a->changed);
	free(a);
}

/* The thread told to stop (a caller may stop reading before the end) and
 * waited for. */
static void ahead_stop(csv_reader *r)
{
	csv_ahead *a = r->ahead;
	if(!a)
		return;
	pthread_mutex_lock(&a->lock);
	a->stop = true;
	pthread_cond_signal(&a->changed);
	pthread_mutex_unlock(&a->lock);
	pthread_join(a->thread, NULL);
	ahead_free(a);
	r->ahead = NULL;
}

static uint64_t ahead_bytes_read(const csv_reader *r)
{
	return r->ahead->consumed;
}

/* The next record of the batches the thread filled: a batch read to its
 * end goes back to the thread, and the next is waited for. */
static pl_rc ahead_read(csv_reader *r, csv_record *rec, bool *eof, pl_err *err)
{
	csv_ahead *a = r->ahead;
	ahead_batch *b = &a->batch[a->next];
	if(a->reading && a->pos == b->nrec && !b->end) {
		pthread_mutex_lock(&a->lock);
		a->ready--;
		pthread_cond_signal(&a->changed);
		pthread_mutex_unlock(&a->lock);
		a->next = (a->next + 1) % AHEAD_BATCHES;
		a->reading = false;
	}
	if(!a->reading) {
		pthread_mutex_lock(&a->lock);
		while(!a->ready)
			pthread_cond_wait(&a->changed, &a->lock);
		pthread_mutex_unlock(&a->lock);
		a->reading = true;
		a->pos = 0;
		b = &a->batch[a->next];
	}
	if(a->pos < b->nrec) {
		const ahead_rec *ar = &b->rec[a->pos++];
		rec->nfields = ar->nfields;
		rec->fields = b->ptrs + ar->first;
		rec->lens = b->lens + ar->first;
		rec->line = ar->line;
		rec->number = ar->number;
		a->consumed = ar->consumed;
		*eof = false;
		return PL_OK;
	}
	a->consumed = b->consumed;
	*eof = b->rc == PL_OK;
	if(b->rc)
		*err = b->err;
	return b->rc;
}

pl_rc csv_read(csv_reader *r, csv_record *rec, bool *eof, pl_err *err)
{
	return r->ahead ? ahead_read(r, rec, eof, err) : read_record(r, rec, eof, err);
}

bool csv_read_ahead(csv_reader *r)
{
	if(r->ahead)
		return true;
	csv_ahead *a = calloc(1, sizeof(*a));
	if(!a)
		return false;
	for(int i = 0; i < AHEAD_BATCHES; i++)
		buf_init(&a->batch[i].text, 0);
	pthread_mutex_init(&a->lock, NULL);
	pthread_cond_init(&a->changed, NULL);
	a->consumed = r->consumed;
	r->ahead = a;
	if(!pthread_create(&a->thread, NULL, ahead_run, r))
		return true;
	r->ahead = NULL;
	ahead_free(a);
	return false;
}

static bool needs_quotes(const char *s)
{
	if(!*s)
		return false;
	if(!strncmp(s, "\xEF\xBB\xBF", 3)) /* U+FEFF: at a file's start it would read as a BOM */
		return true;
	if(*s == ' ' || *s == '\t' || s[strlen(s) - 1] == ' ' || s[strlen(s) - 1] == '\t')
		return true;
	/* ; and tab too: a file whose first line has neither a comma nor a
	 * quote would be read as separated by them (sniff_separator). */
	return strpbrk(s, ",\"\r\n;\t") != NULL;
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
