/* Import of persons and events from CSV and JSON.
 *
 * All files of one import go in one transaction: everything, or nothing.
 * After the first bad row nothing more is written, but the rest is still
 * checked so that one run reports up to max_errors problems, each with its
 * file, line and column. CSV and JSON rows become the same records and go
 * through the same code; only the reading differs.
 *
 * A row finds the person it describes by `id` (parley's identifier) or by
 * one of its `ext.SOURCE` identifiers; otherwise it creates a new person.
 * Importing the same file again therefore changes nothing, except for rows
 * with no identifier at all: those would be created twice, so a file that
 * was imported before and has such rows is refused. */
#include <errno.h>
#include <pthread.h>
#include <sodium.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>

#include "audit/audit.h"
#include "core/csv.h"
#include "core/text.h"
#include "registry/internal.h"

enum { ROWS_PER_PROGRESS = 2000, SOURCE_MAX = 32 };

typedef struct status_check {
	int64_t person_id;
	person_status expect;
	long line;
	const char *file;
} status_check;

typedef struct importer {
	registry *r;
	import_report *rep;
	import_progress_fn progress;
	void *progress_ctx;
	int max_errors, nerrors;
	pl_err first;             /* the first problem, for the caller's err */
	bool failed;              /* since the first problem: check, never write */
	const char *file;         /* the name shown in messages */
	uint64_t file_size;
	long unidentified;        /* rows of this file without any identifier */
	arena row;                /* released after each row */
	arena keep;               /* lives for the whole import */
	status_check *checks;
	size_t nchecks, cap_checks;
	/* The person of the last event row: events come grouped by person, so
	 * the next row is most often theirs again. Only id, uid and status are
	 * kept; the status is stored when the rows move on to someone else. */
	struct {
		char ref[UID_SIZE + 140];   /* "P..." or "ext.SOURCE=ID"; "" if none */
		person p;
		person_status stored;
		char birth[DATE_STR_MAX];   /* events may not come before it */
	} last;
} importer;

/* ---- problems --------------------------------------------------------- */

/* Record a problem whose message already says where. Returns PL_ELIMIT
 * once there are enough problems to stop, PL_OK otherwise: the caller goes
 * on checking. */
static pl_rc add_problem(importer *im, const char *msg)
{
	if(im->nerrors == 0)
		pl_fail(&im->first, PL_EINPUT, "%s", msg);
	if(buf_printf(&im->rep->errors, "%s\n", msg) != PL_OK)
		return PL_ENOMEM;
	im->nerrors++;
	im->failed = true;
	return im->nerrors >= im->max_errors ? PL_ELIMIT : PL_OK;
}

/* A problem at file:line (line 0: the file as a whole). */
static pl_rc problem(importer *im, long line, const char *fmt, ...) PL_PRINTF(3, 4);

static pl_rc problem(importer *im, long line, const char *fmt, ...)
{
	char msg[PL_ERR_MSG_MAX], full[PL_ERR_MSG_MAX + 256];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	if(line > 0)
		snprintf(full, sizeof(full), "%s:%ld: %s", im->file, line, msg);
	else
		snprintf(full, sizeof(full), "%s: %s", im->file, msg);
	return add_problem(im, full);
}

/* A failure from lower layers (lifecycle, conflicts) as a row problem;
 * database and memory failures end the import at once. */
static pl_rc row_failure(importer *im, long line, pl_rc rc, const pl_err *e)
{
	if(rc == PL_EINPUT || rc == PL_ECONFLICT || rc == PL_ENOTFOUND || rc == PL_ELIMIT)
		return problem(im, line, "%s", e->msg);
	return rc;
}

/* ---- records ---------------------------------------------------------- */

/* What a row says, whichever format it came in. */
typedef struct record {
	long line;
	const char *uid;              /* the `id` column */
	const char *person_ref;       /* events: the `person` column */
	const char *status;           /* persons: the `status` column */
	const char *pf[PF_COUNT];
	const char *ef[EF_COUNT];
	ext_id ext[EXT_MAX];
	int next;
} record;

typedef enum col_kind { COL_ID, COL_PERSON, COL_STATUS, COL_EXT, COL_PF, COL_EF } col_kind;

typedef struct column {
	col_kind kind;
	int index;                    /* COL_PF, COL_EF: the field */
	const char *name;             /* as in the header; COL_EXT: the source */
	char id_prefix;               /* COL_ID, COL_PERSON: 'P' or 'E' */
} column;

static bool valid_source(const char *s)
{
	size_t n = strlen(s);
	if(n == 0 || n > SOURCE_MAX)
		return false;
	for(size_t i = 0; i < n; i++) {
		char c = s[i];
		if(!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || ((c == '-' || c == '_') && i)))
			return false;
	}
	return true;
}

/* The candidates for "did you mean": every column name of that kind of file. */
static void column_names(bool events, const char **out, size_t size)
{
	size_t n = 0;
	out[n++] = "id";
	if(events) {
		out[n++] = "person";
		for(int i = 0; i < EF_COUNT && n + 1 < size; i++)
			out[n++] = event_fields[i].name;
	} else {
		out[n++] = "status";
		for(int i = 0; i < PF_COUNT && n + 1 < size; i++)
			out[n++] = person_fields[i].name;
	}
	out[n] = NULL;
}

/* Resolve one column name. On a bad name, *why says what is wrong. */
static bool column_parse(const char *name, bool events, column *c, char *why, size_t size)
{
	c->name = name;
	c->id_prefix = 'P';
	if(!strcmp(name, "id")) {
		c->kind = COL_ID;
		c->id_prefix = events ? 'E' : 'P';
		return true;
	}
	if(!strncmp(name, "ext.", 4)) {
		c->kind = COL_EXT;
		c->name = name + 4;
		if(valid_source(c->name))
			return true;
		snprintf(why, size, "'%s': a source after ext. is 1 to 32 of a-z, 0-9, - and _", name);
		return false;
	}
	if(events && !strcmp(name, "person")) {
		c->kind = COL_PERSON;
		return true;
	}
	if(!events && !strcmp(name, "status")) {
		c->kind = COL_STATUS;
		return true;
	}
	int i = events ? field_find(event_fields, EF_COUNT, name)
	               : field_find(person_fields, PF_COUNT, name);
	if(i >= 0) {
		c->kind = events ? COL_EF : COL_PF;
		c->index = i;
		return true;
	}
	const char *known[64];
	column_names(events, known, 64);
	const char *near = text_closest(name, known);
	char q[128];
	text_quote(name, q, sizeof(q));
	if(near)
		snprintf(why, size, "unknown column '%s' (did you mean '%s'?)", q, near);
	else
		snprintf(why, size, "unknown column '%s' (see docs/formats.md for the %s columns)", q,
		         events ? "event" : "person");
	return false;
}

/* Put one value into the record, checked and cleaned. */
static pl_rc record_set(importer *im, record *rec, const column *c, const char *value)
{
	const field_def *fd = NULL;
	const char *why = NULL, *clean = NULL;
	char q[160];
	switch(c->kind) {
	case COL_ID:
	case COL_PERSON:
		while(*value == ' ')
			value++;
		if(!*value)
			return PL_OK;
		if(!registry_uid_valid(c->id_prefix, value)) {
			text_quote(value, q, sizeof(q));
			return problem(im, rec->line, "column '%s': expected an id as parley writes them "
			               "(%c and 16 characters of 0-9 and A-Z), got '%s'",
			               c->kind == COL_ID ? "id" : "person", c->id_prefix, q);
		}
		if(c->kind == COL_ID)
			rec->uid = arena_strdup(&im->row, value);
		else
			rec->person_ref = arena_strdup(&im->row, value);
		return PL_OK;
	case COL_STATUS:
		clean = field_clean(&person_status_field, value, im->r->today, &im->row, &why);
		fd = &person_status_field;
		if(clean || !why)
			rec->status = clean;
		break;
	case COL_EXT: {
		static const field_def ext_field = {"ext", FK_TEXT, NULL, 0, "", ""};
		clean = field_clean(&ext_field, value, im->r->today, &im->row, &why);
		if(clean && strlen(clean) > 100)
			why = "longer than 100 bytes", clean = NULL;
		if(clean) {
			if(rec->next == EXT_MAX)
				return problem(im, rec->line, "more than %d ext.* columns", EXT_MAX);
			rec->ext[rec->next].source = c->name;
			rec->ext[rec->next].id = clean;
			rec->next++;
		}
		if(why) {
			text_quote(value, q, sizeof(q));
			return problem(im, rec->line, "column 'ext.%s': %s (got '%s')", c->name, why, q);
		}
		return PL_OK;
	}
	case COL_PF:
		fd = &person_fields[c->index];
		clean = field_clean(fd, value, im->r->today, &im->row, &why);
		rec->pf[c->index] = clean;
		break;
	case COL_EF:
		fd = &event_fields[c->index];
		clean = field_clean(fd, value, im->r->today, &im->row, &why);
		rec->ef[c->index] = clean;
		break;
	}
	if(!why)
		return PL_OK;
	char allowed[600] = "";
	if(fd && fd->kind == FK_ENUM) {
		char list[512];
		field_values_text(fd, list, sizeof(list));
		snprintf(allowed, sizeof(allowed), "; expected one of: %s", list);
	}
	text_quote(value, q, sizeof(q));
	return problem(im, rec->line, "column '%s': %s (got '%s')%s", fd ? fd->name : c->name, why,
	               q, allowed);
}

/* ---- applying records ------------------------------------------------- */

static pl_rc load_id(importer *im, int64_t id, person *p, pl_err *e)
{
	sqlite3_stmt *s;
	pl_rc rc = store_stmt(im->r->st, "SELECT uid FROM person WHERE id = ?", &s, e);
	if(rc)
		return rc;
	sqlite3_bind_int64(s, 1, id);
	int x = sqlite3_step(s);
	char uid[UID_SIZE] = "";
	if(x == SQLITE_ROW)
		snprintf(uid, sizeof(uid), "%s", store_column_text(s, 0));
	sqlite3_reset(s);
	if(x != SQLITE_ROW)
		return store_fail(im->r->st, e, x, "reading a person");
	return person_load_uid(im->r, uid, &im->row, p, e);
}

/* Find the stored person a record speaks of: by id, then by external ids,
 * which must all agree. *found false: a new person. */
static pl_rc resolve(importer *im, const record *rec, const char *uid, person *p, bool *found,
                     pl_err *e)
{
	int64_t id = 0;
	const char *by = NULL;
	*found = false;
	if(uid) {
		pl_rc rc = person_load_uid(im->r, uid, &im->row, p, e);
		if(rc == PL_ENOTFOUND)
			pl_err_clear(e);
		else if(rc)
			return rc;
		else {
			id = p->id;
			by = "id";
		}
	}
	for(int k = 0; k < rec->next; k++) {
		int64_t other;
		pl_rc rc = person_id_by_ext(im->r, rec->ext[k].source, rec->ext[k].id, &other, e);
		if(rc)
			return rc;
		if(other && id && other != id)
			return pl_fail(e, PL_ECONFLICT, "ext.%s '%s' belongs to another person than %s",
			               rec->ext[k].source, rec->ext[k].id, by);
		if(other && !id) {
			id = other;
			by = "an ext column";
		}
	}
	if(!id)
		return PL_OK;
	*found = true;
	return p->id == id ? PL_OK : load_id(im, id, p, e);
}

static pl_rc want_status(importer *im, int64_t person_id, const char *status, long line)
{
	if(!status)
		return PL_OK;
	if(im->nchecks == im->cap_checks) {
		size_t cap = im->cap_checks ? im->cap_checks * 2 : 1024;
		status_check *c = realloc(im->checks, cap * sizeof(*c));
		if(!c)
			return PL_ENOMEM;
		im->checks = c;
		im->cap_checks = cap;
	}
	im->checks[im->nchecks++] = (status_check){person_id, (person_status)lifecycle_status_parse(status),
	                                           line, im->file};
	return PL_OK;
}

/* A person row. *out gets the stored person (for nested events). */
static pl_rc apply_person(importer *im, const record *rec, person *out)
{
	person in = {0};
	memcpy(in.f, rec->pf, sizeof(in.f));
	memcpy(in.ext, rec->ext, sizeof(in.ext));
	in.next = rec->next;
	pl_err e = {0};
	pl_rc rc = person_check(&in, im->r->today, &e);
	if(rc)
		return row_failure(im, rec->line, rc, &e);
	if(!rec->uid && rec->next == 0)
		im->unidentified++;
	if(im->failed)
		return PL_OK;

	person old;
	bool found;
	if((rc = resolve(im, rec, rec->uid, &old, &found, &e)))
		return row_failure(im, rec->line, rc, &e);
	save_result res;
	if(found) {
		person merged = old;
		if(!(rc = person_merge(&merged, &in, NULL, &e)))
			rc = person_save(im->r, &old, &merged, &res, &e);
		*out = merged;
	} else {
		if(rec->uid)
			memcpy(in.uid, rec->uid, UID_SIZE);
		rc = person_save(im->r, NULL, &in, &res, &e);
		*out = in;
	}
	if(rc)
		return row_failure(im, rec->line, rc, &e);
	if(res == SAVE_CREATED)
		im->rep->persons_created++;
	else if(res == SAVE_UPDATED)
		im->rep->persons_updated++;
	else
		im->rep->persons_unchanged++;
	return want_status(im, out->id, rec->status, rec->line) ? PL_ENOMEM : PL_OK;
}

/* Store the status of the remembered person, if events changed it. */
static pl_rc flush_status(importer *im, pl_err *e)
{
	if(!im->last.ref[0] || im->last.p.status == im->last.stored)
		return PL_OK;
	pl_rc rc = person_status_store(im->r, &im->last.p, e);
	if(!rc)
		im->last.stored = im->last.p.status;
	return rc;
}

/* Remember p as the person of the rows that name it by `ref`. */
static pl_rc remember(importer *im, const char *ref, const person *p, pl_err *e)
{
	pl_rc rc = flush_status(im, e);
	if(rc)
		return rc;
	snprintf(im->last.ref, sizeof(im->last.ref), "%s", ref);
	memset(&im->last.p, 0, sizeof(im->last.p));
	im->last.p.id = p->id;
	im->last.p.status = im->last.stored = p->status;
	memcpy(im->last.p.uid, p->uid, UID_SIZE);
	if(p->f[PF_BIRTH_DATE]) {
		snprintf(im->last.birth, sizeof(im->last.birth), "%s", p->f[PF_BIRTH_DATE]);
		im->last.p.f[PF_BIRTH_DATE] = im->last.birth;
	}
	return PL_OK;
}

/* How an event row names its person, as a key for remember(). */
static void person_ref(const record *rec, char *out, size_t size)
{
	if(rec->person_ref)
		snprintf(out, size, "%s", rec->person_ref);
	else if(rec->next)
		snprintf(out, size, "ext.%s=%s", rec->ext[0].source, rec->ext[0].id);
	else
		out[0] = '\0';
}

/* An event row, for person p (NULL: the record names its person). */
static pl_rc apply_event(importer *im, const record *rec, person *p)
{
	pl_err e = {0};
	for(int i = 0; i < EF_COUNT; i++)
		if((event_fields[i].flags & FIELD_REQUIRED) && !rec->ef[i])
			return problem(im, rec->line, "column '%s': required", event_fields[i].name);
	int type = lifecycle_event_parse(rec->ef[EF_TYPE]);
	if(!lifecycle_event_has_death_fields((event_type)type) &&
	   (rec->ef[EF_CAUSE] || rec->ef[EF_BURIAL_PLACE] || rec->ef[EF_GRAVE]))
		return problem(im, rec->line, "cause, burial_place and grave belong to "
		               "died_in_captivity and remains_returned events, not %s", rec->ef[EF_TYPE]);
	if(im->failed)
		return PL_OK;
	bool store_status = p != NULL; /* a nested event: its person is stored per event */
	if(!p) {
		char ref[sizeof(im->last.ref)];
		person_ref(rec, ref, sizeof(ref));
		if(!ref[0] || strcmp(ref, im->last.ref)) {
			person found_p;
			bool found;
			pl_rc rc = resolve(im, rec, rec->person_ref, &found_p, &found, &e);
			if(rc)
				return row_failure(im, rec->line, rc, &e);
			if(!found)
				return rec->person_ref
				       ? problem(im, rec->line, "column 'person': no person with id %s (import "
				                 "the persons first, or in the same command before this file)",
				                 rec->person_ref)
				       : problem(im, rec->line, "no person has the ext.%s '%s' of this row",
				                 rec->ext[0].source, rec->ext[0].id);
			if((rc = remember(im, ref, &found_p, &e)))
				return row_failure(im, rec->line, rc, &e);
		}
		p = &im->last.p;
	}
	event ev = {0};
	memcpy(ev.f, rec->ef, sizeof(ev.f));
	if(rec->uid)
		memcpy(ev.uid, rec->uid, UID_SIZE);
	bool same;
	pl_rc rc = event_find_same(im->r, p, &ev, &same, &e);
	if(!rc && same) {
		im->rep->events_unchanged++;
		return PL_OK;
	}
	if(!rc)
		rc = event_apply_to(im->r, p, &ev, store_status, &e);
	if(rc)
		return row_failure(im, rec->line, rc, &e);
	im->rep->events_added++;
	return PL_OK;
}

static void tick(importer *im, uint64_t done)
{
	im->rep->rows++;
	if(im->progress && im->rep->rows % ROWS_PER_PROGRESS == 0)
		im->progress(im->progress_ctx, im->file, done, im->file_size, im->rep->rows);
}

/* ---- CSV -------------------------------------------------------------- */

static pl_rc read_csv(importer *im, FILE *f)
{
	pl_err e = {0};
	csv_reader *cr;
	pl_rc rc = csv_reader_open(&cr, f, im->file, &e);
	if(rc)
		return rc;
	csv_record cre;
	bool eof;
	column *cols = NULL;
	size_t ncols = 0;
	bool events = false;
	if((rc = csv_read(cr, &cre, &eof, &e))) {
		rc = rc == PL_EINPUT ? add_problem(im, e.msg) : rc;
		goto done;
	}
	if(eof) {
		rc = problem(im, 0, "the file is empty (expected a header line of column names)");
		goto done;
	}
	/* The header says what kind of file this is. */
	for(size_t i = 0; i < cre.nfields; i++)
		if(!strcmp(cre.fields[i], "type"))
			events = true;
	ncols = cre.nfields;
	cols = arena_calloc(&im->keep, ncols, sizeof(*cols));
	if(!cols) {
		rc = PL_ENOMEM;
		goto done;
	}
	bool has_ref = false;
	for(size_t i = 0; i < ncols; i++) {
		char why[256];
		const char *name = arena_strdup(&im->keep, cre.fields[i]);
		if(!name) {
			rc = PL_ENOMEM;
			goto done;
		}
		if(!column_parse(name, events, &cols[i], why, sizeof(why))) {
			if((rc = problem(im, cre.line, "column %zu: %s", i + 1, why)))
				goto done;
			continue;
		}
		for(size_t j = 0; j < i; j++)
			if(!strcmp(cre.fields[j], name) && (rc = problem(im, cre.line, "column %zu: '%s' "
			                                                 "appears twice", i + 1, name)))
				goto done;
		has_ref |= cols[i].kind == COL_PERSON || cols[i].kind == COL_EXT;
	}
	if(events && !has_ref &&
	   (rc = problem(im, cre.line, "an events file needs a 'person' column or an ext.SOURCE "
	                 "column to say whose events they are")))
		goto done;
	if(im->failed)
		goto done; /* a bad header: the rows cannot be read right */

	for(;;) {
		arena_reset(&im->row);
		if((rc = csv_read(cr, &cre, &eof, &e))) {
			rc = rc == PL_EINPUT ? add_problem(im, e.msg) : rc;
			break;
		}
		if(eof)
			break;
		record rec = {.line = cre.line};
		if(cre.nfields != ncols) {
			if((rc = problem(im, cre.line, "%zu fields, but the header has %zu columns",
			                 cre.nfields, ncols)))
				break;
			continue;
		}
		for(size_t i = 0; i < ncols && !rc; i++)
			rc = record_set(im, &rec, &cols[i], cre.fields[i]);
		if(!rc) {
			person p;
			rc = events ? apply_event(im, &rec, NULL) : apply_person(im, &rec, &p);
		}
		if(rc)
			break;
		if(arena_oom(&im->row)) {
			rc = PL_ENOMEM;
			break;
		}
		tick(im, csv_bytes_read(cr));
	}
done:
	csv_reader_close(cr);
	return rc;
}

/* ---- JSON ------------------------------------------------------------- */

/* The JSON document is read whole (mapped, not copied) but parsed one
 * person at a time, so memory stays small for a million persons. */
typedef struct json_doc {
	const char *text;
	size_t len, pos;
	long line;         /* the line at `pos` */
	size_t line_pos;   /* up to where lines were counted */
} json_doc;

static long line_at(json_doc *d, size_t pos)
{
	for(; d->line_pos < pos && d->line_pos < d->len; d->line_pos++)
		if(d->text[d->line_pos] == '\n')
			d->line++;
	return d->line;
}

/* The column (from 1) of position pos on its line. */
static long column_at(const json_doc *d, size_t pos)
{
	size_t start = pos;
	while(start > 0 && d->text[start - 1] != '\n')
		start--;
	return (long)(pos - start) + 1;
}

static void skip_space(json_doc *d)
{
	while(d->pos < d->len && strchr(" \t\r\n", d->text[d->pos]))
		d->pos++;
}

/* Decode the JSON value at d->pos. NULL on invalid JSON, with the problem
 * recorded and *stop set: the rest of the document cannot be read. */
static json_t *next_value(importer *im, json_doc *d, bool *stop)
{
	json_error_t je;
	skip_space(d);
	json_t *v = json_loadb(d->text + d->pos, d->len - d->pos,
	                       JSON_DECODE_ANY | JSON_DISABLE_EOF_CHECK | JSON_REJECT_DUPLICATES, &je);
	if(!v) {
		long line = line_at(d, d->pos) + je.line - 1;
		long col = je.line == 1 ? column_at(d, d->pos) + je.column - 1 : je.column;
		problem(im, line, "column %ld: invalid JSON: %s", col, je.text);
		*stop = true;
		return NULL;
	}
	d->pos += (size_t)je.position;
	return v;
}

static bool expect_char(importer *im, json_doc *d, char c, const char *what, bool *stop)
{
	skip_space(d);
	if(d->pos < d->len && d->text[d->pos] == c) {
		d->pos++;
		return true;
	}
	problem(im, line_at(d, d->pos), "column %ld: invalid JSON: expected %s",
	        column_at(d, d->pos), what);
	*stop = true;
	return false;
}

static pl_rc json_to_record(importer *im, json_t *obj, bool events, record *rec, json_t **evs,
                            const char *path)
{
	const char *key;
	json_t *val;
	pl_rc rc = PL_OK;
	json_object_foreach(obj, key, val) {
		if(!events && !strcmp(key, "events")) {
			if(!json_is_array(val))
				return problem(im, rec->line, "%s.events: expected an array of events", path);
			*evs = val;
			continue;
		}
		column c;
		char why[256];
		if(!column_parse(key, events, &c, why, sizeof(why)) ||
		   (events && c.kind == COL_PERSON)) {
			if(events && c.kind == COL_PERSON)
				snprintf(why, sizeof(why), "'person': events inside a person belong to it");
			if((rc = problem(im, rec->line, "%s: %s", path, why)))
				return rc;
			continue;
		}
		if(json_is_null(val))
			continue;
		if(!json_is_string(val)) {
			if((rc = problem(im, rec->line, "%s.%s: expected a string or null", path, key)))
				return rc;
			continue;
		}
		if((rc = record_set(im, rec, &c, json_string_value(val))))
			return rc;
	}
	return PL_OK;
}

static pl_rc json_person(importer *im, json_t *obj, long index, long line)
{
	char path[64];
	snprintf(path, sizeof(path), "persons[%ld]", index);
	if(!json_is_object(obj))
		return problem(im, line, "%s: expected an object", path);
	record rec = {.line = line};
	json_t *evs = NULL;
	pl_rc rc = json_to_record(im, obj, false, &rec, &evs, path);
	person p = {0};
	if(!rc)
		rc = apply_person(im, &rec, &p);
	size_t i;
	json_t *ev;
	json_array_foreach(evs, i, ev) {
		if(rc)
			break;
		char epath[96];
		snprintf(epath, sizeof(epath), "%s.events[%zu]", path, i);
		record er = {.line = line};
		if(!json_is_object(ev)) {
			rc = problem(im, line, "%s: expected an object", epath);
			continue;
		}
		json_t *none = NULL;
		if(!(rc = json_to_record(im, ev, true, &er, &none, epath)))
			rc = apply_event(im, &er, im->failed ? NULL : &p);
	}
	return rc;
}

static pl_rc read_json(importer *im, const char *text, size_t len)
{
	json_doc d = {text, len, 0, 1, 0};
	bool stop = false;
	pl_rc rc = PL_OK;
	if(len >= 3 && !memcmp(text, "\xEF\xBB\xBF", 3))
		d.pos = d.line_pos = 3;
	if(!expect_char(im, &d, '{', "'{' (a document: {\"persons\": [...]})", &stop))
		return stop ? PL_ELIMIT : PL_OK;
	skip_space(&d);
	bool first = true, seen_persons = false;
	while(!rc && !stop) {
		skip_space(&d);
		if(d.pos < d.len && d.text[d.pos] == '}') {
			d.pos++;
			break;
		}
		if(!first && !expect_char(im, &d, ',', "',' or '}'", &stop))
			break;
		first = false;
		long kline = line_at(&d, d.pos);
		json_t *k = next_value(im, &d, &stop);
		if(!k)
			break;
		if(!json_is_string(k)) {
			json_decref(k);
			problem(im, kline, "invalid JSON: expected a key");
			stop = true;
			break;
		}
		char key[64];
		snprintf(key, sizeof(key), "%s", json_string_value(k));
		json_decref(k);
		if(!expect_char(im, &d, ':', "':'", &stop))
			break;
		if(!strcmp(key, "persons")) {
			seen_persons = true;
			if(!expect_char(im, &d, '[', "'[' (persons is an array)", &stop))
				break;
			long index = 0;
			for(;;) {
				arena_reset(&im->row);
				skip_space(&d);
				if(d.pos < d.len && d.text[d.pos] == ']') {
					d.pos++;
					break;
				}
				if(index && !expect_char(im, &d, ',', "',' or ']'", &stop))
					break;
				skip_space(&d);
				long line = line_at(&d, d.pos);
				json_t *obj = next_value(im, &d, &stop);
				if(!obj)
					break;
				rc = json_person(im, obj, index++, line);
				json_decref(obj);
				if(rc)
					break;
				if(arena_oom(&im->row)) {
					rc = PL_ENOMEM;
					break;
				}
				tick(im, d.pos);
			}
			continue;
		}
		json_t *v = next_value(im, &d, &stop);
		if(!v)
			break;
		if(!strcmp(key, "format")) {
			if(!json_is_string(v) || strcmp(json_string_value(v), "parley-registry"))
				rc = problem(im, kline, "format: expected \"parley-registry\"");
		} else if(!strcmp(key, "version")) {
			if(!json_is_integer(v) || json_integer_value(v) != 1)
				rc = problem(im, kline, "version: this parley reads version 1 of the format");
		} else {
			rc = problem(im, kline, "unknown key '%s' (expected format, version, persons)", key);
		}
		json_decref(v);
	}
	if(!rc && !stop) {
		skip_space(&d);
		if(d.pos < d.len)
			rc = problem(im, line_at(&d, d.pos), "text after the end of the document");
		else if(!seen_persons && !im->failed)
			rc = problem(im, 0, "no \"persons\" array in the document");
	}
	return stop && !rc ? PL_ELIMIT : rc;
}

/* ---- files ------------------------------------------------------------ */

/* Read `path` ("-": standard input) into a temporary or mapped buffer and
 * hash it: a stream cannot be read twice, and the hash names the file in
 * the import history. */
typedef struct input {
	FILE *f;
	const char *data;
	size_t len;
	bool mapped;
	pthread_t hasher;   /* hashes the file on the other core while rows go in */
	bool hashing;
	char sha[crypto_hash_sha256_BYTES * 2 + 1];
} input;

static void *hash_input(void *arg)
{
	input *in = arg;
	unsigned char h[crypto_hash_sha256_BYTES];
	crypto_hash_sha256(h, (const unsigned char *)in->data, in->len);
	sodium_bin2hex(in->sha, sizeof(in->sha), h, sizeof(h));
	return NULL;
}

/* The file's SHA-256, once the hasher is done. */
static const char *input_sha(input *in)
{
	if(in->hashing) {
		pthread_join(in->hasher, NULL);
		in->hashing = false;
	}
	return in->sha;
}

static pl_rc input_open(const char *path, input *in, pl_err *err)
{
	memset(in, 0, sizeof(*in));
	FILE *src = strcmp(path, "-") ? fopen(path, "rb") : stdin;
	if(!src)
		return pl_fail(err, PL_ENOTFOUND, "cannot open %s: %s", path, strerror(errno));
	FILE *f = src;
	struct stat sb;
	if(src == stdin || fstat(fileno(src), &sb) || !S_ISREG(sb.st_mode)) {
		/* Spool a stream to a temporary file, so it can be mapped. */
		f = tmpfile();
		char chunk[65536];
		size_t n;
		while(f && (n = fread(chunk, 1, sizeof(chunk), src)) > 0)
			if(fwrite(chunk, 1, n, f) != n) {
				fclose(f);
				f = NULL;
			}
		if(src != stdin)
			fclose(src);
		if(!f || fflush(f) || fstat(fileno(f), &sb)) {
			if(f)
				fclose(f);
			return pl_fail(err, PL_EIO, "cannot buffer %s: %s", path, strerror(errno));
		}
	}
	in->f = f;
	in->len = (size_t)sb.st_size;
	if(in->len) {
		void *m = mmap(NULL, in->len, PROT_READ, MAP_PRIVATE, fileno(f), 0);
		if(m == MAP_FAILED) {
			fclose(f);
			return pl_fail(err, PL_EIO, "cannot read %s: %s", path, strerror(errno));
		}
		in->data = m;
		in->mapped = true;
	} else {
		in->data = "";
	}
	in->hashing = !pthread_create(&in->hasher, NULL, hash_input, in);
	if(!in->hashing) /* no thread to spare: hash it here */
		hash_input(in);
	rewind(f);
	return PL_OK;
}

static void input_close(input *in)
{
	input_sha(in);
	if(in->mapped)
		munmap((void *)in->data, in->len);
	if(in->f)
		fclose(in->f);
}

static registry_format sniff(const char *path, const input *in, registry_format want)
{
	if(want != FORMAT_AUTO)
		return want;
	size_t n = strlen(path);
	if(n > 4 && !strcmp(path + n - 4, ".csv"))
		return FORMAT_CSV;
	if(n > 5 && !strcmp(path + n - 5, ".json"))
		return FORMAT_JSON;
	size_t i = in->len >= 3 && !memcmp(in->data, "\xEF\xBB\xBF", 3) ? 3 : 0;
	while(i < in->len && strchr(" \t\r\n", in->data[i]))
		i++;
	return i < in->len && in->data[i] == '{' ? FORMAT_JSON : FORMAT_CSV;
}

/* When was a file with this hash imported before? (empty: never) */
static pl_rc imported_before(registry *r, const char *sha, char *when, size_t size, pl_err *err)
{
	sqlite3_stmt *s;
	pl_rc rc = store_stmt(r->st, "SELECT ts FROM import WHERE sha256 = ? ORDER BY id LIMIT 1",
	                      &s, err);
	if(rc)
		return rc;
	sqlite3_bind_text(s, 1, sha, -1, SQLITE_STATIC);
	int x = sqlite3_step(s);
	when[0] = '\0';
	if(x == SQLITE_ROW)
		snprintf(when, size, "%s", store_column_text(s, 0));
	sqlite3_reset(s);
	return x == SQLITE_ROW || x == SQLITE_DONE ? PL_OK : store_fail(r->st, err, x, "reading imports");
}

static pl_rc record_import(importer *im, input *in, const import_report *before,
                           pl_err *err)
{
	import_report *now = im->rep;
	long created = now->persons_created - before->persons_created;
	long updated = now->persons_updated - before->persons_updated;
	long events = now->events_added - before->events_added;
	sqlite3_stmt *s;
	pl_rc rc = store_stmt(im->r->st, "INSERT INTO import(ts, actor, name, sha256, persons_created,"
	                                 " persons_updated, events_added) VALUES (?,?,?,?,?,?,?)",
	                      &s, err);
	if(rc)
		return rc;
	char ts[TIMESTAMP_STR_MAX];
	date_now_iso(ts);
	sqlite3_bind_text(s, 1, ts, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 2, registry_actor(im->r), -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 3, im->file, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 4, input_sha(in), -1, SQLITE_STATIC);
	sqlite3_bind_int64(s, 5, created);
	sqlite3_bind_int64(s, 6, updated);
	sqlite3_bind_int64(s, 7, events);
	int x = sqlite3_step(s);
	sqlite3_reset(s);
	if(x != SQLITE_DONE)
		return store_fail(im->r->st, err, x, "recording the import");
	json_t *j = json_pack("{s:s, s:s, s:I, s:I, s:I}", "file", im->file, "sha256", input_sha(in),
	                      "persons_created", (json_int_t)created, "persons_updated",
	                      (json_int_t)updated, "events_added", (json_int_t)events);
	char *after = registry_json_text(j);
	json_decref(j);
	if(!after)
		return pl_nomem(err);
	rc = audit_append(im->r->st, &im->r->tip, registry_actor(im->r), "import", "file", NULL, NULL, after, err);
	free(after);
	return rc;
}

static pl_rc import_file(importer *im, const char *path, const import_opts *o, bool *again,
                         pl_err *err)
{
	input in;
	im->file = strcmp(path, "-") ? path : "<stdin>";
	pl_rc rc = input_open(path, &in, err);
	if(rc)
		return add_problem(im, err->msg);
	im->file_size = in.len;
	im->unidentified = 0;
	char when[TIMESTAMP_STR_MAX] = "";
	import_report before = *im->rep;
	if(sniff(path, &in, o->format) == FORMAT_JSON)
		rc = read_json(im, in.data, in.len);
	else
		rc = read_csv(im, in.f);
	if(!rc && !im->failed && (rc = flush_status(im, err)))
		rc = row_failure(im, 0, rc, err);
	im->last.ref[0] = '\0'; /* the next file starts afresh */
	/* Asked after reading, so that hashing and reading run side by side. */
	if(!rc)
		rc = imported_before(im->r, input_sha(&in), when, sizeof(when), err);
	*again = when[0] != '\0';
	if(!rc && when[0] && im->unidentified && !im->failed)
		rc = problem(im, 0, "this file was imported before (%s) and %ld of its rows have no "
		             "id or ext.* column: importing it again would create those persons twice",
		             when, im->unidentified);
	if(!rc && !im->failed)
		rc = record_import(im, &in, &before, err);
	if(*again)
		im->rep->files_already_imported++;
	if(im->progress && !rc)
		im->progress(im->progress_ctx, im->file, in.len, in.len, im->rep->rows);
	input_close(&in);
	return rc;
}

/* Statuses given in the files must be what the events made them. The
 * first few disagreements are shown each; the rest are counted, since a
 * persons file imported without its events disagrees on every row. */
static pl_rc check_statuses(importer *im, pl_err *err)
{
	enum { SHOWN = 3 };
	sqlite3_stmt *s;
	pl_rc rc = store_stmt(im->r->st, "SELECT status FROM person WHERE id = ?", &s, err);
	long wrong = 0;
	for(size_t i = 0; i < im->nchecks && !rc; i++) {
		status_check *c = &im->checks[i];
		sqlite3_bind_int64(s, 1, c->person_id);
		int x = sqlite3_step(s);
		const char *got = x == SQLITE_ROW ? store_column_text(s, 0) : "?";
		if(x == SQLITE_ROW && strcmp(got, lifecycle_status_name(c->expect)) && wrong++ < SHOWN) {
			im->file = c->file;
			rc = problem(im, c->line, "column 'status': the file says '%s', but the person's "
			             "events make it '%s'", lifecycle_status_name(c->expect), got);
		}
		sqlite3_reset(s);
	}
	if(!rc && wrong)
		rc = problem(im, 0, "the status column disagrees with the events for %ld person%s: a "
		             "status comes from the events, so import the events file in the same "
		             "command (parley import persons.csv events.csv), or leave the status "
		             "column out", wrong, wrong == 1 ? "" : "s");
	return rc;
}

/* Imports of more than this many bytes are bulk loads (store_bulk_begin). */
#define BULK_BYTES ((uint64_t)32 << 20)

/* The size of the files; standard input, of unknown size, counts 0. */
static uint64_t input_bytes(const char *const *paths, size_t npaths)
{
	uint64_t total = 0;
	for(size_t i = 0; i < npaths; i++) {
		struct stat sb;
		if(strcmp(paths[i], "-") && !stat(paths[i], &sb))
			total += (uint64_t)sb.st_size;
	}
	return total;
}

static pl_rc count_persons(registry *r, long *out, pl_err *err)
{
	sqlite3_stmt *s;
	pl_rc rc = store_stmt(r->st, "SELECT count(*) FROM person", &s, err);
	if(rc)
		return rc;
	int x = sqlite3_step(s);
	*out = x == SQLITE_ROW ? (long)sqlite3_column_int64(s, 0) : 0;
	sqlite3_reset(s);
	return x == SQLITE_ROW ? PL_OK : store_fail(r->st, err, x, "counting persons");
}

pl_rc registry_import(registry *r, const char *const *paths, size_t npaths,
                      const import_opts *o, import_report *rep, pl_err *err)
{
	memset(rep, 0, sizeof(*rep));
	buf_init(&rep->errors, 0);
	importer im = {
		.r = r, .rep = rep, .progress = o->progress, .progress_ctx = o->progress_ctx,
		.max_errors = o->max_errors > 0 ? o->max_errors : 20,
	};
	arena_init(&im.row, 0);
	arena_init(&im.keep, 0);
	uint64_t bytes = input_bytes(paths, npaths);
	bool bulk = bytes > BULK_BYTES && store_bulk_begin(r->st);
	pl_rc rc = store_begin(r->st, err);
	if(rc) {
		if(bulk)
			store_bulk_end(r->st);
		return rc;
	}
	/* When the files hold more persons than the registry (roughly: a person
	 * takes 250 bytes or more of CSV or JSON), the indexes nothing reads
	 * during an import are dropped and built again at the end. */
	store_deferred deferred = {.n = 0};
	static const char *const defer_tables[] = {"person", "audit", NULL};
	long persons = 0;
	if(bulk && !(rc = count_persons(r, &persons, err)) && (uint64_t)persons < bytes / 250)
		rc = store_indexes_defer(r->st, defer_tables, &deferred, err);
	for(size_t i = 0; i < npaths && !rc; i++) {
		bool again = false;
		rc = import_file(&im, paths[i], o, &again, err);
	}
	if(!rc && !im.failed)
		rc = check_statuses(&im, err);
	if(!rc && !im.failed && deferred.n)
		rc = store_indexes_restore(r->st, &deferred, err);
	if(rc == PL_ELIMIT)
		rc = PL_OK; /* enough problems collected: report them */
	if(!rc && im.failed) {
		rc = PL_EINPUT;
		if(im.nerrors > 1)
			pl_fail(err, PL_EINPUT, "%s (and %d more problem%s; nothing was imported)",
			        im.first.msg, im.nerrors - 1, im.nerrors > 2 ? "s" : "");
		else
			pl_fail(err, PL_EINPUT, "%s (nothing was imported)", im.first.msg);
	} else if(rc == PL_ENOMEM) {
		pl_nomem(err);
	}
	if(rc)
		store_rollback(r->st);
	else
		rc = store_commit(r->st, err);
	for(int i = 0; i < deferred.n; i++) /* not restored: rolled back with the rest */
		sqlite3_free(deferred.sql[i]);
	if(bulk)
		store_bulk_end(r->st);
	if(rc)
		*rep = (import_report){.errors = rep->errors, .rows = rep->rows};
	free(im.checks);
	arena_free(&im.row);
	arena_free(&im.keep);
	return rc;
}

void import_report_free(import_report *rep)
{
	buf_free(&rep->errors);
}
