/* Import, the formats: CSV and JSON rows read into records. */
#include <string.h>

#include "core/csv.h"
#include "registry/import.h"

/* ---- CSV -------------------------------------------------------------- */

bool import_header_is_events(const char *const *fields, size_t n)
{
	for(size_t i = 0; i < n; i++)
		if(!strcmp(fields[i], "type"))
			return true;
	return false;
}

/* A persons file's column headed in the office's own words (Прізвище,
 * Дата народження: person_field_of_header) is that field, and said in
 * the report (import_report.columns_read). 1 if so, 0 if not, -1 out of
 * memory. */
static int header_alias(importer *im, const char *name, bool events, column *c)
{
	int f = events ? -1 : person_field_of_header(name);
	if(f < 0)
		return 0;
	*c = (column){.kind = COL_PF, .index = f, .name = name, .id_prefix = 'P'};
	char said[256];
	snprintf(said, sizeof(said), "%s: %s", name, person_fields[f].name);
	buf *r = &im->rep->columns_read;
	const char *had = r->len ? buf_str(r) : "";
	for(const char *p = strstr(had, said); p; p = strstr(p + 1, said)) /* each once, over files */
		if((p == had || (p - had >= 2 && p[-2] == ',' && p[-1] == ' ')) &&
		   (p[strlen(said)] == ',' || !p[strlen(said)]))
			return 1;
	return (r->len && buf_adds(r, ", ")) || buf_adds(r, said) ? -1 : 1;
}

pl_rc import_read_csv(importer *im, FILE *f)
{
	pl_err e = {0};
	csv_reader *cr;
	pl_rc rc = csv_reader_open(&cr, f, im->pb.file, &e);
	if(rc)
		return rc;
	csv_record cre;
	bool eof, header;
	column *cols = NULL;
	size_t ncols = 0;
	bool events = false;
	if((rc = problems_csv_header(&im->pb, cr, &cre, &header)) || !header)
		goto done;
	events = import_header_is_events(cre.fields, cre.nfields);
	ncols = cre.nfields;
	cols = arena_calloc(&im->keep, ncols, sizeof(*cols));
	if(!cols) {
		rc = PL_ENOMEM;
		goto done;
	}
	bool has_ref = false;
	for(size_t i = 0; i < ncols; i++) {
		column_bad bad;
		const char *name = arena_strdup(&im->keep, cre.fields[i]);
		if(!name) {
			rc = PL_ENOMEM;
			goto done;
		}
		int alias = 0;
		if(!import_column_parse(name, events, &cols[i], &bad) &&
		   (alias = header_alias(im, name, events, &cols[i])) <= 0) {
			if(alias < 0 || (rc = import_column_problem(im, cre.line, &bad, i + 1, NULL))) {
				rc = rc ? rc : PL_ENOMEM;
				goto done;
			}
			continue;
		}
		/* twice: the same header, or two that name one field (Прізвище, surname) */
		for(size_t j = 0; j < i && !rc; j++)
			if(!strcmp(cre.fields[j], name))
				rc = problems_atc(&im->pb, cre.line, "import.column_twice", "n", PL_N(i + 1), "column", name,
				                  NULL);
			else if(cols[i].kind == COL_PF && cols[j].kind == COL_PF && cols[j].index == cols[i].index)
				rc = problems_atc(&im->pb, cre.line, "import.column_same_field", "n", PL_N(i + 1), "column",
				                  name, "first", cre.fields[j], "first_n", PL_N(j + 1), "field",
				                  person_fields[cols[i].index].name, NULL);
		if(rc)
			goto done;
		has_ref |= cols[i].kind == COL_PERSON || cols[i].kind == COL_EXT;
	}
	if(events && !has_ref &&
	   (rc = problems_atc(&im->pb, cre.line, "import.events_whose", NULL)))
		goto done;
	if(im->pb.failed)
		goto done; /* a bad header: the rows cannot be read right */
	/* The rows are parsed on the second core while the ones before go in
	 * (issue 14); without a thread to spare, here. */
	csv_read_ahead(cr);

	for(;;) {
		arena_reset(&im->row);
		if((rc = problems_csv_read(&im->pb, cr, &cre, &eof)) || eof)
			break;
		record rec = {.line = cre.line};
		if(cre.nfields != ncols) {
			if((rc = problems_atc(&im->pb, cre.line, "import.fields_count", "fields", PL_N(cre.nfields),
			                      "columns", PL_N(ncols), NULL)))
				break;
			continue;
		}
		for(size_t i = 0; i < ncols && !rc; i++)
			rc = import_record_set(im, &rec, &cols[i], cre.fields[i]);
		if(!rc) {
			person p;
			rc = events ? import_event(im, &rec, NULL) : import_person(im, &rec, &p);
		}
		if(rc)
			break;
		if(arena_oom(&im->row)) {
			rc = PL_ENOMEM;
			break;
		}
		import_tick(im, csv_bytes_read(cr));
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
		problems_atc(&im->pb, line, "import.bad_json", "n", PL_N(col), "detail", je.text, NULL);
		*stop = true;
		return NULL;
	}
	d->pos += (size_t)je.position;
	return v;
}

/* c next, or a problem saying what was expected: `what` is a code
 * (registry.json_want_*). */
static bool expect_char(importer *im, json_doc *d, char c, const char *what, bool *stop)
{
	skip_space(d);
	if(d->pos < d->len && d->text[d->pos] == c) {
		d->pos++;
		return true;
	}
	problems_atc(&im->pb, line_at(d, d->pos), "registry.json_expected", "n", PL_N(column_at(d, d->pos)),
	             "what", what, NULL);
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
				return problems_atc(&im->pb, rec->line, "registry.json_events_array", "path", path, NULL);
			*evs = val;
			continue;
		}
		column c;
		column_bad bad;
		if(!import_column_parse(key, events, &c, &bad) || (events && c.kind == COL_PERSON)) {
			if(events && c.kind == COL_PERSON)
				bad.code = "registry.nested_person";
			if((rc = import_column_problem(im, rec->line, &bad, 0, path)))
				return rc;
			continue;
		}
		if(json_is_null(val))
			continue;
		if(!json_is_string(val)) {
			char where[160];
			snprintf(where, sizeof(where), "%s.%s", path, key);
			if((rc = problems_atc(&im->pb, rec->line, "import.string_or_null", "path", where, NULL)))
				return rc;
			continue;
		}
		if((rc = import_record_set(im, rec, &c, json_string_value(val))))
			return rc;
	}
	return PL_OK;
}

static pl_rc json_person(importer *im, json_t *obj, long index, long line)
{
	char path[64];
	snprintf(path, sizeof(path), "persons[%ld]", index);
	if(!json_is_object(obj))
		return problems_atc(&im->pb, line, "import.expected_object", "path", path, NULL);
	record rec = {.line = line};
	json_t *evs = NULL;
	pl_rc rc = json_to_record(im, obj, false, &rec, &evs, path);
	person p = {0};
	if(!rc)
		rc = import_person(im, &rec, &p);
	size_t i;
	json_t *ev;
	json_array_foreach(evs, i, ev) {
		if(rc)
			break;
		char epath[96];
		snprintf(epath, sizeof(epath), "%s.events[%zu]", path, i);
		record er = {.line = line};
		if(!json_is_object(ev)) {
			rc = problems_atc(&im->pb, line, "import.expected_object", "path", epath, NULL);
			continue;
		}
		json_t *none = NULL;
		if(!(rc = json_to_record(im, ev, true, &er, &none, epath)))
			rc = import_event(im, &er, im->pb.failed ? NULL : &p);
	}
	return rc;
}

pl_rc import_read_json(importer *im, const char *text, size_t len)
{
	json_doc d = {text, len, 0, 1, 0};
	bool stop = false;
	pl_rc rc = PL_OK;
	if(len >= 3 && !memcmp(text, "\xEF\xBB\xBF", 3))
		d.pos = d.line_pos = 3;
	if(!expect_char(im, &d, '{', "registry.json_want_document", &stop))
		return stop ? PL_ELIMIT : PL_OK;
	skip_space(&d);
	bool first = true, seen_persons = false;
	while(!rc && !stop) {
		skip_space(&d);
		if(d.pos < d.len && d.text[d.pos] == '}') {
			d.pos++;
			break;
		}
		if(!first && !expect_char(im, &d, ',', "registry.json_want_comma_brace", &stop))
			break;
		first = false;
		long kline = line_at(&d, d.pos);
		json_t *k = next_value(im, &d, &stop);
		if(!k)
			break;
		if(!json_is_string(k)) {
			json_decref(k);
			problems_atc(&im->pb, kline, "registry.json_expected_key", NULL);
			stop = true;
			break;
		}
		char key[64];
		snprintf(key, sizeof(key), "%s", json_string_value(k));
		json_decref(k);
		if(!expect_char(im, &d, ':', "registry.json_want_colon", &stop))
			break;
		if(!strcmp(key, "persons")) {
			seen_persons = true;
			if(!expect_char(im, &d, '[', "registry.json_want_persons", &stop))
				break;
			long index = 0;
			for(;;) {
				arena_reset(&im->row);
				skip_space(&d);
				if(d.pos < d.len && d.text[d.pos] == ']') {
					d.pos++;
					break;
				}
				if(index && !expect_char(im, &d, ',', "registry.json_want_comma_bracket", &stop))
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
				import_tick(im, d.pos);
			}
			continue;
		}
		json_t *v = next_value(im, &d, &stop);
		if(!v)
			break;
		if(!strcmp(key, "format")) {
			if(!json_is_string(v) || strcmp(json_string_value(v), "parley-registry"))
				rc = problems_atc(&im->pb, kline, "registry.json_format", NULL);
		} else if(!strcmp(key, "version")) {
			if(!json_is_integer(v) || json_integer_value(v) != 1)
				rc = problems_atc(&im->pb, kline, "registry.json_version", NULL);
		} else {
			rc = problems_atc(&im->pb, kline, "import.unknown_key", "key", key, NULL);
		}
		json_decref(v);
	}
	if(!rc && !stop) {
		skip_space(&d);
		if(d.pos < d.len)
			rc = problems_atc(&im->pb, line_at(&d, d.pos), "registry.json_trailing", NULL);
		else if(!seen_persons && !im->pb.failed)
			rc = problems_atc(&im->pb, 0, "registry.json_no_persons", NULL);
	}
	return stop && !rc ? PL_ELIMIT : rc;
}
