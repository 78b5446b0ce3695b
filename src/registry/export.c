/* Export of persons and events to CSV and JSON, in the columns import
 * reads: export, then import into an empty registry, then export again
 * gives the same bytes. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "core/csv.h"
#include "registry/internal.h"

static const char json_head[] = "{\"format\":\"parley-registry\",\"version\":1,\"persons\":[\n";
static const char json_tail[] = "\n]}\n";

enum { MAX_SOURCES = 256, FLUSH_AT = 1 << 20 };

/* ---- the formats -------------------------------------------------------- */

/* A record as the writer writes CSV: formulas neutralised unless raw. */
static pl_rc record(const export_writer *w, buf *out, const char *const *cols, size_t n)
{
	return w->raw ? csv_format_record_raw(out, cols, n) : csv_format_record(out, cols, n);
}

static pl_rc persons_header(const export_writer *w, buf *out)
{
	const char *const *sources = w->sources;
	size_t nsources = w->nsources;
	const char *cols[1 + PF_COUNT + MAX_SOURCES + 1];
	char heads[MAX_SOURCES][40];
	size_t n = 0;
	cols[n++] = "id";
	for(int i = 0; i < PF_COUNT; i++)
		if(!w->fields || w->fields[i])
			cols[n++] = person_fields[i].name;
	for(size_t k = 0; k < nsources && k < MAX_SOURCES; k++) {
		snprintf(heads[k], sizeof(heads[k]), "ext.%s", sources[k]);
		cols[n++] = heads[k];
	}
	cols[n++] = "status";
	return csv_format_record(out, cols, n);
}

static pl_rc person_row(const export_writer *w, buf *out, const person *p)
{
	const char *const *sources = w->sources;
	size_t nsources = w->nsources;
	const char *cols[1 + PF_COUNT + MAX_SOURCES + 1];
	size_t n = 0;
	cols[n++] = p->uid;
	for(int i = 0; i < PF_COUNT; i++)
		if(!w->fields || w->fields[i])
			cols[n++] = p->f[i];
	for(size_t k = 0; k < nsources && k < MAX_SOURCES; k++) {
		cols[n] = NULL;
		for(int j = 0; j < p->next; j++)
			if(!strcmp(p->ext[j].source, sources[k]))
				cols[n] = p->ext[j].id;
		n++;
	}
	cols[n++] = lifecycle_status_name(p->status);
	return record(w, out, cols, n);
}

static pl_rc events_header(buf *out)
{
	const char *cols[2 + EF_COUNT] = {"id", "person"};
	for(int i = 0; i < EF_COUNT; i++)
		cols[2 + i] = event_fields[i].name;
	return csv_format_record(out, cols, 2 + EF_COUNT);
}

static pl_rc event_row(const export_writer *w, buf *out, const event *e)
{
	const char *cols[2 + EF_COUNT] = {e->uid, e->person_uid};
	for(int i = 0; i < EF_COUNT; i++)
		cols[2 + i] = e->f[i];
	return record(w, out, cols, 2 + EF_COUNT);
}

pl_rc registry_export_head(const export_writer *w, buf *out)
{
	if(w->format != FORMAT_CSV)
		return buf_adds(out, json_head);
	return w->what == EXPORT_PERSONS ? persons_header(w, out)
	                                 : events_header(out);
}

pl_rc registry_export_person(export_writer *w, buf *out, const person *p, const event *ev,
                             size_t nev)
{
	pl_rc rc = PL_OK;
	if(w->format != FORMAT_CSV) {
		rc = w->written ? buf_add(out, ",\n", 2) : PL_OK;
		person some;
		if(w->fields) {
			some = *p;
			for(int i = 0; i < PF_COUNT; i++)
				if(!w->fields[i])
					some.f[i] = NULL;
			p = &some;
		}
		if(!rc)
			rc = person_write_json(out, p, true, ev, nev);
	} else if(w->what == EXPORT_PERSONS) {
		rc = person_row(w, out, p);
	} else {
		for(size_t i = 0; i < nev && !rc; i++)
			rc = event_row(w, out, &ev[i]);
	}
	w->written += !rc;
	return rc;
}

pl_rc registry_export_tail(const export_writer *w, buf *out)
{
	return w->format != FORMAT_CSV ? buf_adds(out, json_tail) : PL_OK;
}

/* ---- reading the registry in order ------------------------------------ */

typedef struct cursor {
	sqlite3_stmt *s;
	int step;                /* the last sqlite3_step() result */
} cursor;

static pl_rc cursor_open(registry *r, cursor *c, const char *sql, pl_err *err)
{
	int x = sqlite3_prepare_v2(store_db(r->st), sql, -1, &c->s, NULL);
	if(x)
		return store_fail(r->st, err, x, "exporting");
	c->step = sqlite3_step(c->s);
	return PL_OK;
}

static bool cursor_at(const cursor *c, int64_t person_id)
{
	return c->step == SQLITE_ROW && sqlite3_column_int64(c->s, 0) == person_id;
}

static pl_rc flush(buf *b, FILE *out, bool force, pl_err *err)
{
	if(b->len < FLUSH_AT && !force)
		return PL_OK;
	if(b->len && fwrite(b->ptr, 1, b->len, out) != b->len)
		return pl_failc(err, PL_EIO, "registry.cannot_write_export", "why", strerror(errno), NULL);
	buf_reset(b);
	return PL_OK;
}

/* The sources of all external ids, sorted: the ext.* columns. */
static pl_rc load_sources(registry *r, arena *a, const char *const **out, size_t *n, pl_err *err)
{
	sqlite3_stmt *s;
	int x = sqlite3_prepare_v2(store_db(r->st), "SELECT DISTINCT source FROM person_ext"
	                           " ORDER BY source", -1, &s, NULL);
	if(x)
		return store_fail(r->st, err, x, "exporting");
	const char **src = arena_alloc(a, sizeof(*src) * MAX_SOURCES);
	*n = 0;
	while(src && (x = sqlite3_step(s)) == SQLITE_ROW && *n < MAX_SOURCES)
		src[(*n)++] = arena_strdup(a, store_column_text(s, 0));
	sqlite3_finalize(s);
	*out = src;
	return !src || arena_oom(a) ? pl_nomem(err) : PL_OK;
}

typedef struct exporter {
	registry *r;
	FILE *out;
	buf b;
	arena row;
	cursor persons, ext, events;
	export_writer w;
	bool withhold;               /* the reader may not see medical details */
	bool with_events;            /* JSON: the events inside each person */
} exporter;

/* The external ids of person p, from the ext cursor (ordered by person). */
static pl_rc take_ext(exporter *x, person *p, pl_err *err)
{
	while(x->ext.step == SQLITE_ROW && sqlite3_column_int64(x->ext.s, 0) < p->id)
		x->ext.step = sqlite3_step(x->ext.s);
	while(cursor_at(&x->ext, p->id) && p->next < EXT_MAX) {
		p->ext[p->next].source = arena_strdup(&x->row, store_column_text(x->ext.s, 1));
		p->ext[p->next].id = arena_strdup(&x->row, store_column_text(x->ext.s, 2));
		p->next++;
		x->ext.step = sqlite3_step(x->ext.s);
	}
	return arena_oom(&x->row) ? pl_nomem(err) : PL_OK;
}

static pl_rc take_events(exporter *x, const person *p, event **out, size_t *n, pl_err *err)
{
	size_t cap = 0;
	*out = NULL;
	*n = 0;
	while(x->events.step == SQLITE_ROW && sqlite3_column_int64(x->events.s, 0) < p->id)
		x->events.step = sqlite3_step(x->events.s);
	while(cursor_at(&x->events, p->id)) {
		if(*n == cap) {
			size_t ncap = cap ? cap * 2 : 8;
			event *bigger = arena_alloc(&x->row, ncap * sizeof(event));
			if(!bigger)
				return pl_nomem(err);
			if(*n)
				memcpy(bigger, *out, *n * sizeof(event));
			*out = bigger;
			cap = ncap;
		}
		event *e = &(*out)[(*n)++];
		memset(e, 0, sizeof(*e));
		snprintf(e->uid, sizeof(e->uid), "%s", store_column_text(x->events.s, 1));
		memcpy(e->person_uid, p->uid, sizeof(e->person_uid));
		for(int i = 0; i < EF_COUNT; i++)
			e->f[i] = arena_strdup(&x->row, store_column_text(x->events.s, 2 + i));
		x->events.step = sqlite3_step(x->events.s);
	}
	return arena_oom(&x->row) ? pl_nomem(err) : PL_OK;
}

static pl_rc export_rows(exporter *x, pl_err *err)
{
	pl_rc rc = PL_OK;
	for(; !rc && x->persons.step == SQLITE_ROW; x->persons.step = sqlite3_step(x->persons.s)) {
		arena_reset(&x->row);
		person p;
		event *ev = NULL;
		size_t nev = 0;
		person_from_row(x->persons.s, 0, &x->row, &p);
		if((rc = take_ext(x, &p, err)))
			break;
		if((x->w.format == FORMAT_JSON && x->with_events) || x->w.what == EXPORT_EVENTS)
			if((rc = take_events(x, &p, &ev, &nev, err)))
				break;
		if(x->withhold) {
			person_withhold_medical(&p);
			for(size_t i = 0; i < nev; i++)
				event_withhold_medical(&ev[i]);
		}
		if(registry_export_person(&x->w, &x->b, &p, ev, nev))
			rc = pl_nomem(err);
		else
			rc = flush(&x->b, x->out, false, err);
	}
	if(!rc && x->persons.step != SQLITE_DONE)
		rc = store_fail(x->r->st, err, x->persons.step, "exporting");
	return rc;
}

pl_rc registry_export(store *st, FILE *out, registry_format format, export_what what,
                         unsigned flags, pl_err *err)
{
	return registry_export_fields(st, out, format, what, flags, NULL, true, err);
}

pl_rc registry_fields_parse(const char *list, bool fields[PF_COUNT], pl_err *err)
{
	memset(fields, 0, PF_COUNT * sizeof(bool));
	const char *p = list;
	bool any = false;
	while(p && *p) {
		size_t n = strcspn(p, ",");
		char word[64];
		snprintf(word, sizeof(word), "%.*s", (int)(n < sizeof(word) - 1 ? n : sizeof(word) - 1), p);
		int i = field_find(person_fields, PF_COUNT, word);
		if(i < 0)
			return pl_failc(err, PL_EINPUT, "registry.no_field", "field", word, NULL);
		fields[i] = any = true;
		p += n + (p[n] == ',');
	}
	return any ? PL_OK : pl_failc(err, PL_EINPUT, "registry.no_field", "field", "", NULL);
}

pl_rc registry_export_fields(store *st, FILE *out, registry_format format, export_what what,
                             unsigned flags, const bool *fields, bool with_events, pl_err *err)
{
	registry *r;
	pl_rc rc = registry_get(st, &r, err);
	if(rc)
		return rc;
	exporter x = {.r = r, .out = out, .withhold = (flags & EXPORT_WITHHOLD_MEDICAL) != 0,
	              .with_events = with_events,
	              .w = {.format = format == FORMAT_AUTO ? FORMAT_JSON : format, .what = what,
	                    .raw = (flags & EXPORT_RAW) != 0, .fields = fields}};
	/* An export reads every record: it goes in the access log first, so
	 * no export happens unrecorded. */
	rc = registry_log_access(r->st, "*", x.w.format == FORMAT_JSON ? "export json"
	                   : what == EXPORT_PERSONS ? "export csv persons"
	                                          : "export csv events", err);
	if(rc)
		return rc;
	buf_init(&x.b, 0);
	arena_init(&x.row, 0);
	arena keep;
	arena_init(&keep, 0);
	rc = store_read_begin(r->st, err);
	if(rc)
		return rc;
	char *psql = sqlite3_mprintf("SELECT %s FROM person p ORDER BY p.id", person_select_columns(r));
	if(!psql)
		rc = pl_nomem(err);
	if(!rc)
		rc = cursor_open(r, &x.persons, psql, err);
	sqlite3_free(psql);
	if(!rc)
		rc = cursor_open(r, &x.ext, "SELECT person_id, source, ext_id FROM person_ext"
		                            " ORDER BY person_id, source", err);
	if(!rc)
		rc = cursor_open(r, &x.events, "SELECT person_id, uid, type, date, source, place, note,"
		                               " cause, burial_place, grave FROM event"
		                               " ORDER BY person_id, date, id", err);
	if(!rc)
		rc = load_sources(r, &keep, &x.w.sources, &x.w.nsources, err);
	if(!rc && registry_export_head(&x.w, &x.b))
		rc = pl_nomem(err);
	if(!rc)
		rc = export_rows(&x, err);
	if(!rc && registry_export_tail(&x.w, &x.b))
		rc = pl_nomem(err);
	if(!rc)
		rc = flush(&x.b, out, true, err);
	if(!rc && fflush(out))
		rc = pl_failc(err, PL_EIO, "registry.cannot_write_export", "why", strerror(errno), NULL);
	sqlite3_finalize(x.persons.s);
	sqlite3_finalize(x.ext.s);
	sqlite3_finalize(x.events.s);
	store_read_end(r->st);
	buf_free(&x.b);
	arena_free(&x.row);
	arena_free(&keep);
	return rc;
}

/* Every person the SQL selects (its columns first: id, uid, status and
 * the fields marked, or all; then up to two bound texts), from one
 * snapshot. The text is SQLite's own, valid while fn runs: nothing is
 * copied for a million rows. */
static pl_rc each_person(registry *r, const char *sql, const char *arg1, const char *arg2,
                         const bool *fields, person_fn fn, void *ctx, pl_err *err)
{
	pl_rc rc = store_read_begin(r->st, err);
	if(rc)
		return rc;
	cursor c = {0};
	int x = sqlite3_prepare_v2(store_db(r->st), sql, -1, &c.s, NULL);
	if(x)
		rc = store_fail(r->st, err, x, "reading persons");
	if(!rc) {
		store_bind_text(c.s, 1, arg1);
		store_bind_text(c.s, 2, arg2);
		c.step = sqlite3_step(c.s);
	}
	for(; !rc && c.step == SQLITE_ROW; c.step = sqlite3_step(c.s)) {
		person p;
		person_from_row_fields(c.s, 0, NULL, &p, fields);
		rc = fn(ctx, &p);
	}
	if(!rc && c.step != SQLITE_DONE)
		rc = store_fail(r->st, err, c.step, "reading persons");
	sqlite3_finalize(c.s);
	store_read_end(r->st);
	return rc;
}

/* id, uid, status and the fields marked (NULL: all), as each_person reads
 * them: only the columns asked for, for each costs SQLite a call per row. */
static pl_rc marked_columns(buf *cols, const bool *fields)
{
	pl_rc rc = buf_adds(cols, "p.id, p.uid, " PERSON_STATUS_OF_P);
	for(int i = 0; i < PF_COUNT && !rc; i++)
		if(!fields || fields[i])
			rc = buf_printf(cols, ", p.%s", person_fields[i].name);
	return rc;
}

pl_rc registry_each_person(store *st, const bool *fields, person_fn fn, void *ctx, pl_err *err)
{
	registry *r;
	pl_rc rc = registry_get(st, &r, err);
	if(rc)
		return rc;
	buf cols;
	buf_init(&cols, 0);
	char *sql = marked_columns(&cols, fields)
	                ? NULL
	                : sqlite3_mprintf("SELECT %s FROM person p ORDER BY p.id", buf_str(&cols));
	rc = sql ? each_person(r, sql, NULL, NULL, fields, fn, ctx, err) : pl_nomem(err);
	sqlite3_free(sql);
	buf_free(&cols);
	return rc;
}

pl_rc registry_custody_count(store *st, long *in_custody, long *all, pl_err *err)
{
	registry *r;
	pl_rc rc = registry_get(st, &r, err);
	if(rc)
		return rc;
	sqlite3_stmt *s;
	rc = store_stmt(r->st, "SELECT (SELECT count(*) FROM person_state WHERE status IN"
	                       " ('captured', 'held', 'listed')), (SELECT count(*) FROM person)", &s, err);
	if(rc)
		return rc;
	*in_custody = *all = 0;
	if(sqlite3_step(s) == SQLITE_ROW) {
		*in_custody = (long)sqlite3_column_int64(s, 0);
		*all = (long)sqlite3_column_int64(s, 1);
	}
	sqlite3_reset(s);
	return PL_OK;
}

pl_rc registry_each_in_custody(store *st, const custody_scan *q, person_fn fn, void *ctx, pl_err *err)
{
	registry *r;
	pl_rc rc = registry_get(st, &r, err);
	if(rc)
		return rc;
	/* Through the status index each row costs a random lookup; the whole
	 * table is read in order. Custody is often half of a registry. The
	 * statuses are read in the persons' order either way. */
	long n = q->in_custody, all = q->all;
	rc = all > 0 ? PL_OK : registry_custody_count(r->st, &n, &all, err);
	if(rc)
		return rc;
	bool whole = n * 5 > all;
	buf cols;
	buf_init(&cols, 0);
	rc = marked_columns(&cols, q->fields);
	char *sql = rc ? NULL
	               : sqlite3_mprintf("SELECT %s FROM person_state s %s JOIN person p ON p.id = s.person_id"
	                                 " WHERE s.status IN ('captured', 'held', 'listed')"
	                                 " AND p.held_by IN (?1, ?2) ORDER BY s.person_id", buf_str(&cols),
	                                 whole ? "NOT INDEXED" : "");
	rc = rc ? rc : sql ? each_person(r, sql, q->holder_a, q->holder_b, q->fields, fn, ctx, err) : pl_nomem(err);
	sqlite3_free(sql);
	buf_free(&cols);
	return rc;
}

