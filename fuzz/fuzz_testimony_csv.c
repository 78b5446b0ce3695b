/* The testimonies' import on any bytes: imported entirely (every count
 * grows by what the report says) or refused with a reason and nothing
 * written. The registry holds persons whose ids inputs can name as the
 * returnee (P0000000000000001 to ...3) and whose names the engine may
 * find; whatever is imported changes no status (a sighting is accepted
 * only by a reviewer). */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "family/family.h"
#include "fuzz.h"
#include "fuzz_store.h"

enum { COUNTS = 6 };

static void counts(store *st, long long out[COUNTS])
{
	static const char *const sql[COUNTS] = {
		"SELECT count(*) FROM testimony", "SELECT count(*) FROM sighting", "SELECT count(*) FROM person",
		"SELECT count(*) FROM event", "SELECT count(*) FROM audit", "SELECT count(*) FROM sighting_candidate",
	};
	fuzz_counts(st, sql, COUNTS, out);
}

static void add_person(store *st, const char *uid, const char *surname, const char *given, const char *birth)
{
	pl_err err = {0};
	person p = {0};
	snprintf(p.uid, sizeof(p.uid), "%s", uid);
	p.f[PF_SURNAME] = surname;
	p.f[PF_GIVEN_NAMES] = given;
	p.f[PF_BIRTH_DATE] = birth;
	p.f[PF_UNIT] = "в/ч А1302";
	if(registry_person_add(st, &p, &err))
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
	add_person(st, "P0000000000000001", "Шевчук", "Тарас", "1991-01-01");
	add_person(st, "P0000000000000002", "Кравчук", "Назар", "1994-04-04");
	add_person(st, "P0000000000000003", "Поплавський", "Євген", "1985");
	return st;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char path[64];
	snprintf(path, sizeof(path), "/tmp/parley-fuzz-testimony-%d.csv", (int)getpid());
	fuzz_write_file(path, (const char *)data, size);
	long long before[COUNTS], after[COUNTS];
	if(shared) {
		counts(shared, before);
		if(before[1] > 2000) {
			store_close(shared);
			shared = NULL;
		}
	}
	if(!shared)
		shared = fresh();
	counts(shared, before);
	testimony_import_opts o = {.max_errors = 5};
	testimony_import_report rep;
	pl_err err = {0};
	pl_rc rc = family_testimony_import(shared, path, &o, &rep, &err);
	counts(shared, after);
	if(rc) {
		/* All or nothing: a refused import leaves no trace, and says why. */
		if(memcmp(before, after, sizeof(before)) || !err.msg[0] || rep.created)
			abort();
	} else if(after[0] != before[0] + rep.created || after[1] != before[1] + rep.sightings ||
	          after[2] != before[2] || after[3] != before[3] || after[4] <= before[4] ||
	          rep.with_candidates > rep.sightings || after[5] < before[5] + rep.with_candidates) {
		abort();
	}
	testimony_import_report_free(&rep);
	unlink(path);
	return 0;
}
