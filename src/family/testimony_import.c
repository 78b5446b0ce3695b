/* Testimonies from a CSV file (debriefings typed elsewhere, or a backlog):
 * a row per person seen, the rows of one testimony sharing its `ref` and
 * its returnee, date and place. One transaction, all testimonies or none;
 * every row is still checked after the first problem, so that one run
 * reports up to max_errors problems, each with its file, line and column.
 * A testimony whose ref is recorded already is skipped: a file imported
 * again changes nothing. Each testimony is then checked and matched as
 * 'parley testimony add' does (fam_testimony_prepare). */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "core/csv.h"
#include "core/msg.h"
#include "core/problems.h"
#include "core/text.h"
#include "family/internal.h"

/* The file's columns: the testimony's (its note as testimony_note), then
 * the sighting's. */
enum { COL_SIGHTING = TF_COUNT, COL_COUNT = TF_COUNT + SF_COUNT };

typedef struct tgroup {
	testimony_input in;
	long *lines;              /* each sighting's line */
	long line;                /* the first row's */
	size_t cap;
	fam_testimony *t;
	testimony_result res;
} tgroup;

typedef struct timporter {
	store *st;
	testimony_import_report *rep;
	problems pb;
	pdate today;
	arena keep;
	int *cols;
	size_t ncols;
	tgroup *g;
	size_t ng, gcap;
} timporter;

static const char *column_name(int col)
{
	if(col == TF_NOTE)
		return "testimony_note";
	return col < TF_COUNT ? testimony_fields[col].name : sighting_fields[col - COL_SIGHTING].name;
}

static const field_def *column_def(int col)
{
	return col < TF_COUNT ? &testimony_fields[col] : &sighting_fields[col - COL_SIGHTING];
}

static pl_rc read_header(timporter *im, const csv_record *h)
{
	im->ncols = h->nfields;
	im->cols = arena_calloc(&im->keep, h->nfields ? h->nfields : 1, sizeof(int));
	if(!im->cols)
		return PL_ENOMEM;
	const char *known[COL_COUNT + 1];
	for(int k = 0; k < COL_COUNT; k++)
		known[k] = column_name(k);
	known[COL_COUNT] = NULL;
	pl_rc rc = PL_OK;
	bool have[COL_COUNT] = {false};
	for(size_t i = 0; i < h->nfields && !rc; i++) {
		int f = im->cols[i] = fam_word(known, h->fields[i]);
		char q[160];
		text_quote(h->fields[i], q, sizeof(q));
		if(f < 0) {
			const char *near = text_closest(h->fields[i], known);
			rc = near ? problems_atc(&im->pb, h->line, "remains.column_near", "n", PL_N(i + 1), "column", q, "near",
			                         near, NULL)
			          : problems_atc(&im->pb, h->line, "testimony.column_unknown", "n", PL_N(i + 1), "column", q, NULL);
		} else if(have[f]) {
			rc = problems_atc(&im->pb, h->line, "import.column_twice", "n", PL_N(i + 1), "column", h->fields[i], NULL);
		}
		if(f >= 0)
			have[f] = true;
	}
	static const int needed[] = {TF_REF, TF_RETURNEE, TF_TAKEN_ON};
	for(size_t k = 0; !rc && k < sizeof(needed) / sizeof(needed[0]); k++)
		if(!have[needed[k]])
			rc = problems_atc(&im->pb, h->line, "testimony.column_missing", "column", column_name(needed[k]), NULL);
	return rc;
}

/* The testimony of this ref, or a new one. */
static tgroup *group_of(timporter *im, const char *ref, long line)
{
	for(size_t i = 0; i < im->ng; i++)
		if(!strcmp(im->g[i].in.f[TF_REF], ref))
			return &im->g[i];
	if(im->ng == im->gcap) {
		size_t cap = im->gcap ? im->gcap * 2 : 16;
		tgroup *grown = realloc(im->g, cap * sizeof(*grown));
		if(!grown)
			return NULL;
		im->g = grown;
		im->gcap = cap;
	}
	tgroup *g = &im->g[im->ng++];
	memset(g, 0, sizeof(*g));
	g->line = line;
	return g;
}

static pl_rc add_sighting(timporter *im, tgroup *g, const char *const *s, long line)
{
	if(g->in.ns == SIGHTINGS_MAX)
		return problems_atc(&im->pb, line, "testimony.too_many", "max", PL_N(SIGHTINGS_MAX), NULL);
	if(g->in.ns == g->cap) {
		size_t cap = g->cap ? g->cap * 2 : 8;
		const char *(*grown)[SF_COUNT] = arena_calloc(&im->keep, cap, sizeof(*grown));
		long *lines = arena_calloc(&im->keep, cap, sizeof(*lines));
		if(!grown || !lines)
			return PL_ENOMEM;
		if(g->in.ns) {
			memcpy(grown, g->in.s, g->in.ns * sizeof(*grown));
			memcpy(lines, g->lines, g->in.ns * sizeof(*lines));
		}
		g->in.s = grown;
		g->lines = lines;
		g->cap = cap;
	}
	memcpy((void *)g->in.s[g->in.ns], s, SF_COUNT * sizeof(*s));
	g->lines[g->in.ns++] = line;
	return PL_OK;
}

/* A row: its values cleaned (each bad one a problem in its column), its
 * testimony's columns the same as the testimony's first row says. */
static pl_rc read_row(timporter *im, const csv_record *rec)
{
	if(rec->nfields != im->ncols)
		return problems_atc(&im->pb, rec->line, "import.fields_count", "fields", PL_N(rec->nfields), "columns",
		                    PL_N(im->ncols), NULL);
	const char *v[COL_COUNT] = {NULL};
	pl_rc rc = PL_OK;
	bool bad = false;
	for(size_t i = 0; i < im->ncols && !rc; i++) {
		int f = im->cols[i];
		const char *why = NULL;
		if((v[f] = field_clean(column_def(f), rec->fields[i], im->today, &im->keep, &why)) || !why)
			continue;
		field_def named = *column_def(f);
		named.name = column_name(f);
		rc = field_problem(&im->pb, rec->line, &named, rec->fields[i], why);
		bad = true;
	}
	if(rc || bad)
		return rc;
	if(!v[TF_REF])
		return problems_atc(&im->pb, rec->line, "testimony.import_no_ref", NULL);
	tgroup *g = group_of(im, v[TF_REF], rec->line);
	if(!g)
		return PL_ENOMEM;
	for(int f = 0; f < TF_COUNT; f++) {
		if(!g->in.f[f])
			g->in.f[f] = v[f];
		else if(v[f] && strcmp(v[f], g->in.f[f]))
			return problems_atc(&im->pb, rec->line, "testimony.import_differs", "column", column_name(f), "ref",
			                    v[TF_REF], "first", PL_N(g->line), NULL);
	}
	return add_sighting(im, g, v + COL_SIGHTING, rec->line);
}

static pl_rc header_cb(void *ctx, const csv_record *rec)
{
	return read_header(ctx, rec);
}

static pl_rc row_cb(void *ctx, const csv_record *rec)
{
	timporter *im = ctx;
	pl_rc rc = read_row(im, rec);
	return !rc && arena_oom(&im->keep) ? PL_ENOMEM : rc;
}

/* A refusal of a testimony as a problem of the row and column it is about;
 * database and memory failures end the import instead. */
static pl_rc group_failure(timporter *im, const tgroup *g, pl_rc rc, const pl_err *e)
{
	if(rc != PL_EINPUT && rc != PL_ECONFLICT && rc != PL_ENOTFOUND && rc != PL_ELIMIT)
		return rc;
	const testimony_result *r = &g->res;
	long line = r->sighting >= 0 && (size_t)r->sighting < g->in.ns ? g->lines[r->sighting] : g->line;
	int col = r->sighting >= 0 ? COL_SIGHTING + (r->field >= 0 ? r->field : SF_SURNAME)
	                           : r->field >= 0 ? r->field : TF_REF;
	pl_err in = *e;
	msg_wrap(&in, "remains.column_said", "column", column_name(col), NULL);
	return problems_err(&im->pb, line, &in);
}

/* Each testimony checked and matched (outside the transaction). */
static pl_rc prepare(timporter *im)
{
	pl_rc rc = PL_OK;
	for(size_t i = 0; !rc && i < im->ng; i++) {
		tgroup *g = &im->g[i];
		pl_err e = {0};
		pl_rc x = fam_testimony_prepare(im->st, &g->in, &im->keep, &g->t, &g->res, &e);
		rc = x ? group_failure(im, g, x, &e) : PL_OK;
	}
	return rc;
}

/* What became of each testimony, for the page to link to it. */
static pl_rc add_item(testimony_import_report *rep, const tgroup *g)
{
	testimony_import_item *grown = realloc(rep->items, (rep->nitems + 1) * sizeof(*grown));
	if(!grown)
		return PL_ENOMEM;
	rep->items = grown;
	testimony_import_item *it = &rep->items[rep->nitems];
	if(!(it->ref = strdup(g->in.f[TF_REF])))
		return PL_ENOMEM;
	it->res = g->res;
	rep->nitems++;
	return PL_OK;
}

static void items_free(testimony_import_report *rep)
{
	for(size_t i = 0; i < rep->nitems; i++)
		free(rep->items[i].ref);
	free(rep->items);
	rep->items = NULL;
	rep->nitems = 0;
}

static pl_rc write_all(timporter *im, pl_err *err)
{
	pl_rc rc = PL_OK;
	testimony_import_report *rep = im->rep;
	for(size_t i = 0; !rc && i < im->ng; i++) {
		tgroup *g = &im->g[i];
		if(g->res.skipped) {
			rep->skipped++;
			rc = add_item(rep, g);
			continue;
		}
		pl_err e = {0};
		if((rc = fam_testimony_put(im->st, g->t, &g->res, &e)))
			rc = group_failure(im, g, rc, &e);
		else
			rc = add_item(rep, g);
		rep->created++;
		rep->sightings += (long)g->res.nsightings;
		rep->with_candidates += (long)g->res.with_candidates;
	}
	if(!rc && !im->pb.failed)
		rc = fam_audit(im->st, "import", "testimony_file", NULL, NULL,
		               json_pack("{s:s, s:I, s:I, s:I, s:I}", "file", im->pb.file, "rows", (json_int_t)rep->rows,
		                         "created", (json_int_t)rep->created, "skipped", (json_int_t)rep->skipped,
		                         "sightings", (json_int_t)rep->sightings),
		               err);
	return rc;
}

pl_rc family_testimony_import(store *st, const char *path, const testimony_import_opts *o,
                              testimony_import_report *rep, pl_err *err)
{
	static const testimony_import_opts none = {0};
	memset(rep, 0, sizeof(*rep));
	buf_init(&rep->errors, 0);
	buf_init(&rep->coded, 0);
	o = o ? o : &none;
	timporter im = {.st = st, .rep = rep, .today = store_today(st)};
	problems_init(&im.pb, &rep->errors, o->max_errors);
	im.pb.coded = &rep->coded;
	im.pb.file = o->name ? o->name : strcmp(path, "-") ? path : "<stdin>";
	FILE *f = strcmp(path, "-") ? fopen(path, "rb") : stdin;
	if(!f)
		return pl_failc(err, PL_ENOTFOUND, "remains.cannot_open", "file", im.pb.file, "why", strerror(errno), NULL);
	arena_init(&im.keep, 0);
	pl_rc rc = fam_csv_read(&im.pb, f, header_cb, row_cb, &im, &rep->rows);
	if(!rc && !im.pb.failed && !im.ng)
		rc = problems_atc(&im.pb, 1, "testimony.import_empty", NULL);
	if(!rc && !im.pb.failed)
		rc = prepare(&im);
	if(!rc && !im.pb.failed && !(rc = store_begin(st, err)))
		rc = store_end(st, problems_result(&im.pb, write_all(&im, err), err), err);
	else
		rc = problems_result(&im.pb, rc, err);
	if(rc) { /* nothing was imported: only the problems stay */
		items_free(rep);
		*rep = (testimony_import_report){.errors = rep->errors, .coded = rep->coded, .rows = rep->rows};
	}
	if(f != stdin)
		fclose(f);
	arena_free(&im.keep);
	free(im.g);
	return rc;
}

void testimony_import_report_free(testimony_import_report *rep)
{
	items_free(rep);
	buf_free(&rep->errors);
	buf_free(&rep->coded);
}
