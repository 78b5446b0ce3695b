/* The CSV reader on any bytes: never crashes, and whatever it reads,
 * written back and read again gives the same fields: exactly with
 * csv_format_record_raw; with csv_format_record, a field a spreadsheet
 * would run (csv_is_formula) comes back with a quote in front and nothing
 * else changed. Read ahead on another thread (csv_read_ahead), the same
 * bytes give the same records, the same refusal and the same end. */
#include <stdint.h>

#include "fuzz.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/csv.h"

/* Field i of `again` is field i of rec as the writer should have left it. */
static bool field_ok(const csv_record *rec, const csv_record *again, size_t i, bool raw)
{
	size_t n = rec->lens[i];
	if(!raw && csv_is_formula(rec->fields[i]))
		return again->lens[i] == n + 1 && again->fields[i][0] == '\'' &&
		       !memcmp(again->fields[i] + 1, rec->fields[i], n);
	return again->lens[i] == n && !memcmp(again->fields[i], rec->fields[i], n);
}

static void check_round_trip(const csv_record *rec, bool raw)
{
	buf out;
	buf_init(&out, 0);
	if(raw ? csv_format_record_raw(&out, rec->fields, rec->nfields)
	       : csv_format_record(&out, rec->fields, rec->nfields)) {
		buf_free(&out);
		return; /* over the size cap: nothing to compare */
	}
	FILE *f = fmemopen(out.ptr, out.len, "r");
	csv_reader *r;
	pl_err err;
	csv_record again;
	bool eof;
	if(!f || csv_reader_open(&r, f, "again", &err))
		abort();
	pl_rc rc = csv_read(r, &again, &eof, &err);
	/* A record of one empty field is a blank line, which readers skip. */
	bool blank = rec->nfields == 1 && rec->lens[0] == 0;
	if(!blank && (rc || eof || again.nfields != rec->nfields))
		abort();
	for(size_t i = 0; !blank && i < rec->nfields; i++)
		if(!field_ok(rec, &again, i, raw))
			abort();
	csv_reader_close(r);
	fclose(f);
	buf_free(&out);
}

/* data read ahead: record by record what `plain` read before (fields
 * separated by NUL, records ended by \n), then the same answer. */
static void check_ahead(const uint8_t *data, size_t size, const buf *plain, pl_rc rc,
                        const char *msg)
{
	FILE *f = fmemopen((void *)data, size, "r");
	csv_reader *r;
	pl_err err;
	if(!f || csv_reader_open(&r, f, "fuzz.csv", &err) || !csv_read_ahead(r))
		abort();
	buf got;
	buf_init(&got, 0);
	pl_rc arc = PL_OK;
	for(int i = 0; i < 100000; i++) {
		csv_record rec;
		bool eof;
		if((arc = csv_read(r, &rec, &eof, &err)) || eof)
			break;
		for(size_t j = 0; j < rec.nfields; j++)
			if(buf_add(&got, rec.fields[j], rec.lens[j] + 1))
				abort();
		if(buf_addc(&got, '\n'))
			abort();
	}
	if(arc != rc || got.len != plain->len || (got.len && memcmp(got.ptr, plain->ptr, got.len)) ||
	   (rc && strcmp(err.msg, msg)))
		abort();
	buf_free(&got);
	csv_reader_close(r);
	fclose(f);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if(size == 0)
		return 0;
	FILE *f = fmemopen((void *)data, size, "r");
	if(!f)
		return 0;
	csv_reader *r;
	pl_err err;
	if(csv_reader_open(&r, f, "fuzz.csv", &err) == PL_OK) {
		buf plain;
		buf_init(&plain, 0);
		pl_rc rc = PL_OK;
		for(int i = 0; i < 100000; i++) {
			csv_record rec;
			bool eof;
			if((rc = csv_read(r, &rec, &eof, &err)) || eof)
				break;
			check_round_trip(&rec, true);
			check_round_trip(&rec, false);
			for(size_t j = 0; j < rec.nfields; j++)
				if(buf_add(&plain, rec.fields[j], rec.lens[j] + 1))
					abort();
			if(buf_addc(&plain, '\n'))
				abort();
		}
		csv_reader_close(r);
		check_ahead(data, size, &plain, rc, err.msg);
		buf_free(&plain);
	}
	fclose(f);
	return 0;
}
