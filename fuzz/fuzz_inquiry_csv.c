/* The families' backlog import on any bytes: imported entirely (every count
 * grows by what the report says) or refused with a reason and nothing
 * written. The registry holds persons whose ids inputs can name
 * (P0000000000000001 to ...3) and whose names the engine may find. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "family/family.h"
#include "fuzz.h"
#include "fuzz_store.h"

enum { COUNTS = 5 };

static void counts(store *st, long long out[COUNTS])
{
	static const char *const sql[COUNTS] = {
		"SELECT count(*) FROM inquiry", "SELECT count(*) FROM inquiry_consent", "SELECT count(*) FROM person",
		"SELECT count(*) FROM event", "SELECT count(*) FROM audit",
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
	add_person(st, "P0000000000000001", "Шевченко", "Олександр", "1990-03-12");
	add_person(st, "P0000000000000002", "Бойко", "Тарас", "1980-05-01");
	add_person(st, "P0000000000000003", "Мельник", "Олег", "1970");
	return st;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char path[64];
	snprintf(path, sizeof(path), "/tmp/parley-fuzz-inquiry-%d.csv", (int)getpid());
	FILE *f = fopen(path, "wb");
	if(!f)
		return 0;
	fwrite(data, 1, size, f);
	fclose(f);
	long long before[COUNTS], after[COUNTS];
	if(shared) {
		counts(shared, before);
		if(before[2] > 500) {
			store_close(shared);
			shared = NULL;
		}
	}
	if(!shared)
		shared = fresh();
	counts(shared, before);
	inquiry_import_opts o = {.max_errors = 5};
	inquiry_import_report rep;
	pl_err err = {0};
	pl_rc rc = family_import(shared, path, &o, &rep, &err);
	counts(shared, after);
	if(rc) {
		/* All or nothing: a refused import leaves no trace, and says why. */
		if(memcmp(before, after, sizeof(before)) || !err.msg[0] || rep.created || rep.notes.len)
			abort();
	} else if(after[0] != before[0] + rep.created || after[2] != before[2] + rep.persons_created ||
	          after[3] != before[3] + rep.persons_created || after[1] < before[1] || after[4] <= before[4] ||
	          rep.rows != rep.created + rep.skipped || rep.linked_by_match > rep.created) {
		abort();
	}
	inquiry_import_report_free(&rep);
	unlink(path);
	return 0;
}
