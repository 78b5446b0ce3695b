/* A backlog of inquiries from CSV, the way persons and remains cases are
 * imported: one transaction, all rows or none; after the first problem
 * nothing more is written, but the rest is still checked, so that one run
 * reports up to max_errors problems, each with its file, line and column.
 * A row with a ref already recorded is skipped, so a file imported again
 * changes nothing. Each row's person is found as an intake finds it
 * (family_inquiry_add): a likely match the engine is not sure of is a
 * problem of the row, naming the person, to be settled in the person
 * column. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "core/csv.h"
#include "core/msg.h"
#include "core/problems.h"
#include "core/text.h"
#include "dna/dna.h"
#include "family/internal.h"

/* The file's columns: inquiry fields, then consent_PURPOSE, then the DNA
 * samples the inquirer gave under consent_dna_reference (the laboratory's
 * ids, separated by spaces or ';'). */
enum { COL_CONSENT = IF_COUNT, COL_SAMPLES = IF_COUNT + CP_COUNT, COL_COUNT = COL_SAMPLES + 1 };
enum { ROW_SAMPLES_MAX = 16 };

typedef struct fimporter {
	store *st;
	const inquiry_import_opts *o;
	inquiry_import_report *rep;
	problems pb;
	pdate today;
	arena keep, row;
	int *cols;
	size_t ncols;
	/* The rows read, checked, then resolved, then written. */
	struct frow {
		inquiry_input in;
		inquiry_result res;
		long line;
		size_t same_as;   /* 1 + the earlier row whose new person this one takes; 0: none */
		const char **samples;
		size_t nsamples;
	} *rows;
	size_t nrows, cap;
} fimporter;

static const char *column_name(int col, char *out, size_t size)
{
	if(col < IF_COUNT)
		return inquiry_fields[col].name;
	if(col == COL_SAMPLES)
		return "dna_samples";
	snprintf(out, size, "consent_%s", consent_purpose_names[col - COL_CONSENT]);
	return out;
}

static int column_find(const char *name)
{
	int f = field_find(inquiry_fields, IF_COUNT, name);
	if(f >= 0)
		return f;
	if(!strncmp(name, "consent_", 8) && consent_purpose_parse(name + 8) >= 0)
		return COL_CONSENT + consent_purpose_parse(name + 8);
	return strcmp(name, "dna_samples") ? -1 : COL_SAMPLES;
}

static pl_rc read_header(fimporter *im, const csv_record *h)
{
	im->ncols = h->nfields;
	im->cols = arena_calloc(&im->keep, h->nfields, sizeof(int));
	if(!im->cols)
		return PL_ENOMEM;
	const char *known[COL_COUNT + 1];
	char names[CP_COUNT + 1][48];
	for(int k = 0; k < COL_COUNT; k++)
		known[k] = column_name(k, k >= COL_CONSENT ? names[k - COL_CONSENT] : NULL, 48);
	known[COL_COUNT] = NULL;
	pl_rc rc = PL_OK;
	for(size_t i = 0; i < h->nfields && !rc; i++) {
		int f = im->cols[i] = column_find(h->fields[i]);
		char q[160];
		text_quote(h->fields[i], q, sizeof(q));
		if(f < 0) {
			const char *near = text_closest(h->fields[i], known);
			rc = near ? problems_atc(&im->pb, h->line, "remains.column_near", "n", PL_N(i + 1), "column", q, "near",
			                         near, NULL)
			          : problems_atc(&im->pb, h->line, "family.column_unknown", "n", PL_N(i + 1), "column", q,
			                         NULL);
			continue;
		}
		for(size_t j = 0; j < i && !rc; j++)
			if(im->cols[j] == f)
				rc = problems_atc(&im->pb, h->line, "import.column_twice", "n", PL_N(i + 1), "column",
				                  h->fields[i], NULL);
	}
	return rc;
}

/* "FORM" or "FORM DATE": a consent column's value, split in place. */
static void consent_of(char *value, int purpose, consent_input *c)
{
	memset(c, 0, sizeof(*c));
	c->purpose = consent_purpose_names[purpose];
	while(*value == ' ')
		value++;
	char *sp = strchr(value, ' ');
	if(sp) {
		*sp = '\0';
		c->date = sp + 1;
	}
	c->form = value;
}

/* A refusal from below as a problem of the row, in the column it is about;
 * database and memory failures end the import instead. */
static pl_rc row_failure(fimporter *im, long line, pl_rc rc, int field, const pl_err *e)
{
	if(rc != PL_EINPUT && rc != PL_ECONFLICT && rc != PL_ENOTFOUND && rc != PL_ELIMIT)
		return rc;
	pl_err in = *e;
	char name[48];
	msg_wrap(&in, "remains.column_said", "column", column_name(field >= 0 ? field : IF_INQUIRER, name, sizeof(name)),
	         NULL);
	return problems_err(&im->pb, line, &in);
}

/* What became of each row, for the page to link to it. */
static pl_rc add_item(inquiry_import_report *rep, const struct frow *r)
{
	inquiry_import_item *grown = realloc(rep->items, (rep->nitems + 1) * sizeof(*grown));
	if(!grown)
		return PL_ENOMEM;
	rep->items = grown;
	inquiry_import_item *it = &rep->items[rep->nitems];
	*it = (inquiry_import_item){.line = r->line, .res = r->res};
	if(r->in.f[IF_REF] && !(it->ref = strdup(r->in.f[IF_REF])))
		return PL_ENOMEM;
	rep->nitems++;
	return PL_OK;
}

static void items_free(inquiry_import_report *rep)
{
	for(size_t i = 0; i < rep->nitems; i++)
		free(rep->items[i].ref);
	free(rep->items);
	rep->items = NULL;
	rep->nitems = 0;
}

static pl_rc count(fimporter *im, const struct frow *r)
{
	inquiry_import_report *rep = im->rep;
	const inquiry_result *res = &r->res;
	pl_rc rc = add_item(rep, r);
	if(rc)
		return rc;
	if(res->skipped) {
		rep->skipped++;
		return PL_OK;
	}
	rep->created++;
	rep->persons_created += res->person_created;
	if(res->linked != LINK_MATCH)
		return PL_OK;
	rep->linked_by_match++;
	return buf_printf(&rep->notes, "%s:%ld: %s -> %s (%.2f)\n", im->pb.file, r->line, res->uid, res->person,
	                  res->prob);
}

/* The samples of a dna_samples value, split in place (spaces or ';'). */
static pl_rc samples_of(fimporter *im, long line, char *value, struct frow *r, bool *bad)
{
	if(!(r->samples = arena_calloc(&im->keep, ROW_SAMPLES_MAX, sizeof(*r->samples))))
		return PL_ENOMEM;
	char *save = NULL;
	for(char *tok = strtok_r(value, " ;", &save); tok; tok = strtok_r(NULL, " ;", &save)) {
		pl_err e = {0};
		if(r->nsamples == ROW_SAMPLES_MAX)
			pl_failc(&e, PL_EINPUT, "family.import_samples_many", "max", PL_N(ROW_SAMPLES_MAX), NULL);
		else if(strlen(tok) > DNA_SAMPLE_MAX)
			pl_failc(&e, PL_EINPUT, "dna.sample_id", "sample", tok, NULL);
		if(e.code) {
			*bad = true;
			return row_failure(im, line, PL_EINPUT, COL_SAMPLES, &e);
		}
		r->samples[r->nsamples++] = tok;
	}
	return PL_OK;
}

/* The row's values into r (cleaned), or its problems reported. */
static pl_rc row_values(fimporter *im, const csv_record *rec, struct frow *r, bool *bad)
{
	inquiry_input *in = &r->in;
	pl_rc rc = PL_OK;
	for(size_t i = 0; i < im->ncols && !rc; i++) {
		int f = im->cols[i];
		const char *why = NULL;
		if(f == COL_SAMPLES) {
			char *v = arena_strdup(&im->keep, rec->fields[i]);
			rc = v ? samples_of(im, rec->line, v, r, bad) : PL_ENOMEM;
			continue;
		}
		if(f >= COL_CONSENT) {
			if(!*rec->fields[i])
				continue;
			consent_input c;
			char *v = arena_strdup(&im->keep, rec->fields[i]);
			if(!v)
				return PL_ENOMEM;
			consent_of(v, f - COL_CONSENT, &c);
			pl_err e = {0};
			if((rc = fam_consent_clean(&c, im->today, &im->keep, &in->consents[in->nconsents], &e))) {
				*bad = true;
				rc = row_failure(im, rec->line, rc, f, &e);
			} else {
				in->nconsents++;
			}
			continue;
		}
		if((in->f[f] = fam_value_clean(f, rec->fields[i], im->today, &im->keep, &why)) || !why)
			continue;
		rc = field_problem(&im->pb, rec->line, &inquiry_fields[f], rec->fields[i], why);
		*bad = true;
	}
	return rc;
}

/* The column of the consent a refusal names (its purpose), else the first. */
static int consent_column(const pl_err *e)
{
	int p = consent_purpose_parse(pl_err_arg_value(e, "purpose"));
	return COL_CONSENT + (p < 0 ? 0 : p);
}

/* A row read and checked by itself, kept for what follows. */
static pl_rc read_row(fimporter *im, const csv_record *rec)
{
	if(rec->nfields != im->ncols)
		return problems_atc(&im->pb, rec->line, "import.fields_count", "fields", PL_N(rec->nfields), "columns",
		                    PL_N(im->ncols), NULL);
	if(im->nrows == im->cap) {
		size_t cap = im->cap ? im->cap * 2 : 64;
		struct frow *grown = realloc(im->rows, cap * sizeof(*grown));
		if(!grown)
			return PL_ENOMEM;
		im->rows = grown;
		im->cap = cap;
	}
	struct frow *r = &im->rows[im->nrows];
	memset(r, 0, sizeof(*r));
	r->line = rec->line;
	r->res.field = -1;
	bool bad = false;
	pl_rc rc = row_values(im, rec, r, &bad);
	if(rc || bad)
		return rc;
	if(r->nsamples && !inquiry_samples_attach(&r->in, r->samples, r->nsamples)) {
		pl_err e = {0};
		pl_failc(&e, PL_EINPUT, "family.import_samples_need_consent", NULL);
		return row_failure(im, rec->line, PL_EINPUT, COL_SAMPLES, &e);
	}
	if(!r->in.f[IF_RECEIVED]) {
		char *d = arena_alloc(&im->keep, DATE_STR_MAX);
		if(!d)
			return PL_ENOMEM;
		date_format(im->today, d);
		r->in.f[IF_RECEIVED] = d;
	}
	for(size_t i = 0; i < r->in.nconsents; i++)
		if(!r->in.consents[i].date)
			r->in.consents[i].date = r->in.f[IF_RECEIVED];
	pl_err e = {0};
	if((rc = fam_check(&r->in, &r->res, &e)) || (rc = fam_ref_taken(im->st, &r->in, &r->res, &e)))
		return row_failure(im, rec->line, rc, r->res.field >= 0 ? r->res.field : consent_column(&e), &e);
	im->nrows++;
	return PL_OK;
}

/* Who each row is about: given (checked), or by the engine, for all the
 * rows at once. A likely person, or a row likely the same as another
 * without being sure, is a problem of the row for someone to settle. */
static pl_rc resolve(fimporter *im, pl_err *err)
{
	inquiry_input **described = calloc(im->nrows + 1, sizeof(*described));
	size_t *which = calloc(im->nrows + 1, sizeof(*which)), n = 0;
	fam_link *links = calloc(im->nrows + 1, sizeof(*links));
	pl_rc rc = described && which && links ? PL_OK : pl_nomem(err);
	for(size_t i = 0; !rc && i < im->nrows; i++) {
		struct frow *r = &im->rows[i];
		if(r->res.skipped)
			continue;
		if(!r->in.f[IF_PERSON]) {
			which[n] = i;
			described[n++] = &r->in;
			continue;
		}
		person p;
		pl_err e = {0};
		pl_rc x = registry_person_get(im->st, r->in.f[IF_PERSON], &im->row, &p, &e);
		if(x)
			rc = row_failure(im, r->line, x, IF_PERSON, &e);
		else
			snprintf(r->res.person, UID_SIZE, "%s", p.uid);
		r->res.linked = LINK_GIVEN;
	}
	rc = rc ? rc : fam_link_rows(im->st, described, n, im->pb.file, im->o->threshold, 0, links, err);
	for(size_t k = 0; !rc && k < n; k++) {
		struct frow *r = &im->rows[which[k]];
		const fam_link *l = &links[k];
		char prob[16];
		snprintf(prob, sizeof(prob), "%.2f", l->prob);
		r->res.linked = l->kind == FAM_LINK_PERSON || l->kind == FAM_SAME_AS_ROW ? LINK_MATCH : LINK_NEW;
		r->res.prob = l->prob;
		if(l->kind == FAM_LINK_PERSON)
			snprintf(r->res.person, UID_SIZE, "%s", l->person);
		else if(l->kind == FAM_LIKELY_PERSON)
			rc = problems_atc(&im->pb, r->line, "family.import_likely", "person", l->person, "prob", prob, NULL);
		else if(l->kind == FAM_LIKELY_ROW)
			rc = problems_atc(&im->pb, r->line, "family.import_likely_row", "line", PL_N(im->rows[which[l->row]].line),
			                  "prob", prob, NULL);
		else if(l->kind == FAM_SAME_AS_ROW)
			r->same_as = which[l->row] + 1;
	}
	free(described);
	free(which);
	free(links);
	return rc;
}

/* A refusal of one of the row's samples (dna_reference_hold's). */
static bool sample_refused(const pl_err *e)
{
	return e->code && (!strcmp(e->code, "dna.sample_held") || !strcmp(e->code, "dna.sample_id"));
}

/* Every row written, in the file's order, in the caller's transaction. */
static pl_rc write_rows(fimporter *im, pl_err *err)
{
	pl_rc rc = PL_OK;
	for(size_t i = 0; !rc && i < im->nrows; i++) {
		struct frow *r = &im->rows[i];
		if(r->res.skipped) {
			rc = count(im, r);
			continue;
		}
		if(r->same_as)
			memmove(r->res.person, im->rows[r->same_as - 1].res.person, UID_SIZE);
		arena_reset(&im->row);
		pl_err e = {0};
		if((rc = fam_inquiry_put(im->st, &r->in, &im->row, &r->res, &e)))
			rc = row_failure(im, r->line, rc, sample_refused(&e) ? COL_SAMPLES : r->res.field, &e);
		rc = rc ? rc : count(im, r);
	}
	(void)err;
	return rc;
}

pl_rc fam_csv_read(problems *pb, FILE *f, fam_csv_fn header, fam_csv_fn row, void *ctx, long *rows)
{
	pl_err e = {0};
	csv_reader *cr;
	pl_rc rc = csv_reader_open(&cr, f, pb->file, &e);
	if(rc)
		return rc;
	csv_record rec;
	bool got = false, eof = false;
	if(!(rc = problems_csv_header(pb, cr, &rec, &got)) && got)
		rc = header(ctx, &rec);
	bool more = got && !rc && !pb->failed;
	while(more && !rc) {
		if((rc = problems_csv_read(pb, cr, &rec, &eof)) || eof)
			break;
		rc = row(ctx, &rec);
		(*rows)++;
	}
	csv_reader_close(cr);
	return rc;
}

static pl_rc header_cb(void *ctx, const csv_record *rec)
{
	return read_header(ctx, rec);
}

static pl_rc row_cb(void *ctx, const csv_record *rec)
{
	fimporter *im = ctx;
	arena_reset(&im->row);
	pl_rc rc = read_row(im, rec);
	return !rc && arena_oom(&im->row) ? PL_ENOMEM : rc;
}

static pl_rc read_file(fimporter *im, FILE *f)
{
	return fam_csv_read(&im->pb, f, header_cb, row_cb, im, &im->rep->rows);
}

static pl_rc record_import(fimporter *im, pl_err *err)
{
	const inquiry_import_report *rep = im->rep;
	return fam_audit(im->st, "import", "inquiry_file", NULL, NULL,
	                 json_pack("{s:s, s:I, s:I, s:I, s:I, s:I}", "file", im->pb.file, "rows", (json_int_t)rep->rows,
	                           "created", (json_int_t)rep->created, "skipped", (json_int_t)rep->skipped,
	                           "persons_created", (json_int_t)rep->persons_created, "linked_by_match",
	                           (json_int_t)rep->linked_by_match),
	                 err);
}

pl_rc family_import(store *st, const char *path, const inquiry_import_opts *o, inquiry_import_report *rep,
                    pl_err *err)
{
	static const inquiry_import_opts none = {0};
	memset(rep, 0, sizeof(*rep));
	buf_init(&rep->errors, 0);
	buf_init(&rep->coded, 0);
	buf_init(&rep->notes, 0);
	o = o ? o : &none;
	fimporter im = {.st = st, .o = o, .rep = rep, .today = store_today(st)};
	problems_init(&im.pb, &rep->errors, o->max_errors);
	im.pb.coded = &rep->coded;
	im.pb.file = o->name ? o->name : strcmp(path, "-") ? path : "<stdin>";
	FILE *f = strcmp(path, "-") ? fopen(path, "rb") : stdin;
	if(!f)
		return pl_failc(err, PL_ENOTFOUND, "remains.cannot_open", "file", im.pb.file, "why", strerror(errno), NULL);
	arena_init(&im.keep, 0);
	arena_init(&im.row, 0);
	/* Read and check every row, find who they are about, then write. */
	pl_rc rc = read_file(&im, f);
	if(!rc && !im.pb.failed)
		rc = resolve(&im, err);
	if(!rc && !im.pb.failed && !(rc = store_begin(st, err))) {
		rc = write_rows(&im, err);
		if(!rc && !im.pb.failed)
			rc = record_import(&im, err);
		rc = store_end(st, problems_result(&im.pb, rc, err), err);
	} else {
		rc = problems_result(&im.pb, rc, err);
	}
	if(rc) { /* nothing was imported: only the problems stay */
		items_free(rep);
		buf_reset(&rep->notes);
		*rep = (inquiry_import_report){.errors = rep->errors, .coded = rep->coded, .notes = rep->notes,
		                               .rows = rep->rows};
	}
	if(f != stdin)
		fclose(f);
	arena_free(&im.keep);
	arena_free(&im.row);
	free(im.rows);
	return rc;
}

void inquiry_import_report_free(inquiry_import_report *rep)
{
	items_free(rep);
	buf_free(&rep->errors);
	buf_free(&rep->coded);
	buf_free(&rep->notes);
}
