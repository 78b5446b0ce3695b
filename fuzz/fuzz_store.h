/* Shared by the harnesses that import files into a store: the row counts
 * that must not move when an import is refused, and writing an input to
 * the file the importer reads. */
#ifndef PARLEY_FUZZ_STORE_H
#define PARLEY_FUZZ_STORE_H

#include <stdio.h>
#include <stdlib.h>

#include "store/store.h"

/* out[i]: the single number sql[i] answers, or -1. */
static inline void fuzz_counts(store *st, const char *const *sql, int n, long long *out)
{
	for(int i = 0; i < n; i++) {
		sqlite3_stmt *s;
		out[i] = -1;
		if(sqlite3_prepare_v2(store_db(st), sql[i], -1, &s, NULL) == SQLITE_OK &&
		   sqlite3_step(s) == SQLITE_ROW)
			out[i] = sqlite3_column_int64(s, 0);
		sqlite3_finalize(s);
	}
}

/* A harness that cannot write its own input is broken, not the code under test. */
static inline void fuzz_write_file(const char *path, const char *text, size_t n)
{
	FILE *f = fopen(path, "wb");
	if(!f || fwrite(text, 1, n, f) != n || fclose(f))
		abort();
}

#endif
