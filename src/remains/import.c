/* Import of cases from CSV, the way persons are imported: one transaction,
 * all rows or none; after the first problem nothing more is written, but
 * the rest is still checked so that one run reports up to max_errors
 * problems, each with its file, line and column. A row finds its case by
 * tag, so importing a file again changes nothing. */
#include <errno.h>
#include <string.h>

#include "core/csv.h"
#include "core/msg.h"
#include "core/problems.h"
#include "core/text.h"
#include "remains/internal.h"

typedef struct rimporter {
	store *st;
	const remains_import_opts *o;
	remains_import_report *rep;
	problems pb;
	pdate today;
	arena keep;         /* for the whole import */
	arena row;          /* released after each row */
	int *cols;          /* the field of each column of the file */
	size_t ncols;
} rimporter;

/* A refusal from the layers below as a problem of the row, in the column
 * it is about; database and memory failures end the import instead. */
static pl_rc row_failure(rimporter *im, long line, pl_rc rc, const remains_result *res,
                         const pl_err *e)
{
	if(rc != PL_EINPUT && rc != PL_ECONFLICT && rc != PL_ENOTFOUND && rc != PL_ELIMIT)
		return rc;
	pl_err in = *e;
	msg_wrap(&in, "remains.column_said", "column", remains_fields[res->field >= 0 ? res->field : RF_TAG].name,
	         NULL);
	return problems_err(&im->pb, line, &in);
}

/* ---- the header ------------------------------------------------------------ */

static pl_rc column_unknown(rimporter *im, long line, size_t i, const char *name)
{
	const char *known[RF_COUNT + 1];
	for(int k = 0; k < RF_COUNT; k++)
		known[k] = remains_fields[k].name;
	known[RF_COUNT] = NULL;
	const char *near = text_closest(name, known);
	char q[160];
	text_quote(name, q, sizeof(q));
	if(near)
		return problems_atc(&im->pb, line, "remains.column_near", "n", PL_N(i + 1), "column", q, "near",
		                    near, NULL);
	return problems_atc(&im->pb, line, "remains.column_unknown", "n", PL_N(i + 1), "column", q, NULL);
}

static pl_rc read_header(rimporter *im, const csv_record *h)
{
	im->ncols = h->nfields;
	im->cols = arena_calloc(&im->keep, h->nfields, sizeof(int));
	if(!im->cols)
		return PL_ENOMEM;
	bool tag = false;
	pl_rc rc = PL_OK;
	for(size_t i = 0; i < h->nfields && !rc; i++) {
		int f = field_find(remains_fields, RF_COUNT, h->fields[i]);
		im->cols[i] = f;
		if(f < 0) {
			rc = column_unknown(im, h->line, i, h->fields[i]);
			continue;
		}
		for(size_t j = 0; j < i && !rc; j++)
			if(im->cols[j] == f)
				rc = problems_atc(&im->pb, h->line, "import.column_twice", "n", PL_N(i + 1), "column",
				                  h->fields[i], NULL);
		tag |= f == RF_TAG;
	}
	if(!rc && !tag)
		rc = problems_atc(&im->pb, h->line, "remains.no_tag_column", NULL);
	return rc;
}

/* ---- rows ------------------------------------------------------------------- */

static pl_rc count(rimporter *im, long line, const remains_result *res)
{
	remains_import_report *rep = im->rep;
	if(res->saved == REMAINS_CREATED)
		rep->created++;
	else if(res->saved == REMAINS_UPDATED)
		rep->updated++;
	else
		rep->unchanged++;
	rep->batches_created += res->batch_created;
	rep->custody_added += res->custody_added;
	rep->events_added += res->events_added;
	if(res->note[0])
		return buf_printf(&rep->notes, "%s:%ld: %s\n", im->pb.file, line, res->note);
	return PL_OK;
}

static pl_rc read_row(rimporter *im, const csv_record *rec)
{
	if(rec->nfields != im->ncols)
		return problems_atc(&im->pb, rec->line, "import.fields_count", "fields", PL_N(rec->nfields),
		                    "columns", PL_N(im->ncols), NULL);
	const char *v[RF_COUNT] = {0};
	bool bad = false;
	pl_rc rc = PL_OK;
	for(size_t i = 0; i < im->ncols && !rc; i++) {
		const char *why;
		int f = im->cols[i];
		if((v[f] = remains_value_clean(f, rec->fields[i], im->today, &im->row, &why)) || !why)
			continue;
		rc = field_problem(&im->pb, rec->line, &remains_fields[f], rec->fields[i], why);
		bad = true;
	}
	if(rc || bad)
		return rc;
	remains_result res;
	remains_result_init(&res);
	pl_err e = {0};
	if((rc = remains_row_check(v, &res, &e)) || im->pb.failed) /* after a problem: check only */
		return rc ? row_failure(im, rec->line, rc, &res, &e) : PL_OK;
	if((rc = rcase_put(im->st, v, &im->o->defaults, &im->row, &res, &e)))
		return row_failure(im, rec->line, rc, &res, &e);
	return count(im, rec->line, &res);
}

static pl_rc read_file(rimporter *im, FILE *f)
{
	pl_err e = {0};
	csv_reader *cr;
	pl_rc rc = csv_reader_open(&cr, f, im->pb.file, &e);
	if(rc)
		return rc;
	csv_record rec;
	bool header = false, eof = false;
	if(!(rc = problems_csv_header(&im->pb, cr, &rec, &header)) && header)
		rc = read_header(im, &rec);
	bool rows = header && !rc && !im->pb.failed; /* else the rows cannot be read right */
	while(rows && !rc) {
		arena_reset(&im->row);
		if((rc = problems_csv_read(&im->pb, cr, &rec, &eof)) || eof)
			break;
		rc = read_row(im, &rec);
		im->rep->rows++;
		if(!rc && arena_oom(&im->row))
			rc = PL_ENOMEM;
	}
	csv_reader_close(cr);
	return rc;
}

/* The import in the audit chain: which file, and what it did. */
static pl_rc record_import(rimporter *im, pl_err *err)
{
	const remains_import_report *rep = im->rep;
	return remains_audit(im->st, "import", "remains_file", NULL, NULL,
	                     json_pack("{s:s, s:I, s:I, s:I, s:I, s:I, s:I, s:I}", "file", im->pb.file,
	                                "rows", (json_int_t)rep->rows, "created", (json_int_t)rep->created,
	                                "updated", (json_int_t)rep->updated, "unchanged",
	                                (json_int_t)rep->unchanged, "batches_created",
	                                (json_int_t)rep->batches_created, "custody_added",
	                                (json_int_t)rep->custody_added, "events_added",
	                                (json_int_t)rep->events_added), err);
}

pl_rc remains_import(store *st, const char *path, const remains_import_opts *o,
                        remains_import_report *rep, pl_err *err)
{
	static const remains_import_opts none = {0};
	memset(rep, 0, sizeof(*rep));
	buf_init(&rep->errors, 0);
	buf_init(&rep->coded, 0);
	buf_init(&rep->notes, 0);
	o = o ? o : &none;
	rimporter im = {.st = st, .o = o, .rep = rep, .today = date_today()};
	problems_init(&im.pb, &rep->errors, o->max_errors);
	im.pb.coded = &rep->coded;
	im.pb.file = o->name ? o->name : strcmp(path, "-") ? path : "<stdin>";
	FILE *f = strcmp(path, "-") ? fopen(path, "rb") : stdin;
	if(!f)
		return pl_failc(err, PL_ENOTFOUND, "remains.cannot_open", "file", im.pb.file, "why",
		                strerror(errno), NULL);
	arena_init(&im.keep, 0);
	arena_init(&im.row, 0);
	pl_rc rc = store_begin(st, err);
	if(!rc) {
		rc = read_file(&im, f);
		if(!rc && !im.pb.failed)
			rc = record_import(&im, err);
		rc = store_end(st, problems_result(&im.pb, rc, err), err);
	}
	if(rc) { /* nothing was imported: only the problems stay */
		buf_reset(&rep->notes);
		*rep = (remains_import_report){.errors = rep->errors, .coded = rep->coded, .notes = rep->notes,
		                               .rows = rep->rows};
	}
	if(f != stdin)
		fclose(f);
	arena_free(&im.keep);
	arena_free(&im.row);
	return rc;
}

void remains_import_report_free(remains_import_report *rep)
{
	buf_free(&rep->errors);
	buf_free(&rep->coded);
	buf_free(&rep->notes);
}
