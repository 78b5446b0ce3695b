/* The remains import on any bytes: imported entirely (every count grows by
 * what the report says) or refused with a reason and nothing written. The
 * registry holds persons whose ids inputs can name (P0000000000000001
 * missing, ...2 died in captivity, ...3 held) and a batch "B". */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "fuzz.h"
#include "fuzz_store.h"
#include "remains/remains.h"

enum { COUNTS = 6 };

static void counts(store *st, long long out[COUNTS])
{
	static const char *const sql[COUNTS] = {
		"SELECT count(*) FROM remains_case", "SELECT count(*) FROM remains_batch",
		"SELECT count(*) FROM remains_custody", "SELECT count(*) FROM event",
		"SELECT count(*) FROM audit", "SELECT count(*) FROM remains_fragment",
	};
	fuzz_counts(st, sql, COUNTS, out);
}

static void add_person(store *st, const char *uid)
{
	pl_err err = {0};
	person p = {0};
	snprintf(p.uid, sizeof(p.uid), "%s", uid);
	p.f[PF_SURNAME] = "Особа";
	if(registry_person_add(st, &p, &err))
		abort();
}

static void add_event(store *st, const char *uid, const char *type, const char *date)
{
	pl_err err = {0};
	event e = {0};
	e.f[EF_TYPE] = type;
	e.f[EF_DATE] = date;
	e.f[EF_SOURCE] = "own_records";
	if(registry_event_add(st, uid, &e, &err))
		abort();
}

/* One registry for all inputs, started afresh when it has grown. */
static store *shared;

static store *fresh(void)
{
	pl_err err = {0};
	store *st;
	if(store_open(&st, ":memory:", "fuzz", STORE_CREATE, &err))
		abort();
	add_person(st, "P0000000000000001");
	add_person(st, "P0000000000000002");
	add_event(st, "P0000000000000002", "capture_card", "2023-01-01");
	add_event(st, "P0000000000000002", "died_in_captivity", "2024-01-01");
	add_person(st, "P0000000000000003");
	add_event(st, "P0000000000000003", "capture_card", "2023-01-01");
	remains_batch b = {.label = "B", .from_party = "RU", .to_party = "UA",
	                   .handover_date = "2025-06-11", .declared = 1200};
	if(remains_batch_add(st, &b, &err))
		abort();
	return st;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char path[64];
	snprintf(path, sizeof(path), "/tmp/parley-fuzz-remains-%d.csv", (int)getpid());
	FILE *f = fopen(path, "wb");
	if(!f)
		return 0;
	fwrite(data, 1, size, f);
	fclose(f);
	long long before[COUNTS], after[COUNTS];
	if(shared) {
		counts(shared, before);
		if(before[0] > 5000) {
			store_close(shared);
			shared = NULL;
		}
	}
	if(!shared)
		shared = fresh();
	counts(shared, before);
	remains_import_opts o = {.max_errors = 5, .defaults = {"RU", "UA", "2025-06-11"}};
	remains_import_report rep;
	pl_err err = {0};
	pl_rc rc = remains_import(shared, path, &o, &rep, &err);
	counts(shared, after);
	if(rc) {
		/* All or nothing: a refused import leaves no trace, and says why. */
		if(memcmp(before, after, sizeof(before)) || !err.msg[0] || rep.created || rep.notes.len)
			abort();
	} else if(after[0] != before[0] + rep.created || after[1] != before[1] + rep.batches_created ||
	          after[2] != before[2] + rep.custody_added || after[3] != before[3] + rep.events_added ||
	          after[4] <= before[4] || after[5] != before[5] ||
	          rep.rows != rep.created + rep.updated + rep.unchanged) {
		abort();
	}
	remains_import_report_free(&rep);
	unlink(path);
	return 0;
}
