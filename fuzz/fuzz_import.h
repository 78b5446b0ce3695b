/* Shared by the import harnesses: any bytes, imported as FORMAT into a
 * fresh in-memory registry, either import completely or write nothing. */
#include <stdint.h>

#include "fuzz.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "registry/registry.h"

static long long count(store *st, const char *sql)
{
	sqlite3_stmt *s;
	long long n = -1;
	if(sqlite3_prepare_v2(store_db(st), sql, -1, &s, NULL) == SQLITE_OK &&
	   sqlite3_step(s) == SQLITE_ROW)
		n = sqlite3_column_int64(s, 0);
	sqlite3_finalize(s);
	return n;
}

/* One registry for all inputs (opening one per input would be most of
 * the work); started afresh when it has grown. */
static store *shared;

static int fuzz_import(const uint8_t *data, size_t size, registry_format format, const char *ext)
{
	char path[64];
	snprintf(path, sizeof(path), "/tmp/parley-fuzz-%d.%s", (int)getpid(), ext);
	FILE *f = fopen(path, "wb");
	if(!f)
		return 0;
	fwrite(data, 1, size, f);
	fclose(f);
	pl_err err = {0};
	if(shared && count(shared, "SELECT count(*) FROM person") > 5000) {
		store_close(shared);
		shared = NULL;
	}
	if(!shared && store_open(&shared, ":memory:", "fuzz", STORE_CREATE, &err))
		abort();
	long long persons = count(shared, "SELECT count(*) FROM person");
	long long events = count(shared, "SELECT count(*) FROM event");
	long long audit = count(shared, "SELECT count(*) FROM audit");
	import_opts o = {.format = format, .max_errors = 5};
	import_report rep;
	const char *paths[1] = {path};
	pl_rc rc = registry_import(shared, paths, 1, &o, &rep, &err);
	if(rc) {
		/* All or nothing: a refused import leaves no trace, and says why. */
		if(count(shared, "SELECT count(*) FROM person") != persons ||
		   count(shared, "SELECT count(*) FROM event") != events ||
		   count(shared, "SELECT count(*) FROM audit") != audit || !err.msg[0])
			abort();
	} else if(count(shared, "SELECT count(*) FROM person") != persons + rep.persons_created ||
	          count(shared, "SELECT count(*) FROM event") != events + rep.events_added) {
		abort();
	}
	import_report_free(&rep);
	unlink(path);
	return 0;
}
