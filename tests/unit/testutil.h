/* Helpers shared by the unit tests. Include after cmocka's prerequisites. */
#ifndef PARLEY_TESTS_TESTUTIL_H
#define PARLEY_TESTS_TESTUTIL_H

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <dirent.h>

#include <sodium.h>
#include <sqlite3.h>

#include "core/err.h"

/* The one value a query gives (a count, a version), asserted to be there. */
static inline long long tu_scalar(sqlite3 *db, const char *sql)
{
	sqlite3_stmt *s;
	assert_int_equal(sqlite3_prepare_v2(db, sql, -1, &s, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_step(s), SQLITE_ROW);
	long long v = sqlite3_column_int64(s, 0);
	sqlite3_finalize(s);
	return v;
}

/* A fresh directory under $TMPDIR (or /tmp), removed by tu_rmdir. */
static inline char *tu_tmpdir(void)
{
	const char *base = getenv("TMPDIR");
	char *path = malloc(4096);
	snprintf(path, 4096, "%s/parley-test-XXXXXX", base && *base ? base : "/tmp");
	if(!mkdtemp(path)) {
		free(path);
		return NULL;
	}
	return path;
}

static inline void tu_rmdir(char *path)
{
	if(!path)
		return;
	char cmd[4200];
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", path);
	if(system(cmd) != 0)
		fprintf(stderr, "could not remove %s\n", path);
	free(path);
}

/* The group fixture of tests that share one scratch directory, tu_dir,
 * and need libsodium ready. */
static char *tu_dir;

static inline int tu_dir_setup(void **state)
{
	(void)state;
	tu_dir = tu_tmpdir();
	return tu_dir && sodium_init() >= 0 ? 0 : -1;
}

static inline int tu_dir_teardown(void **state)
{
	(void)state;
	tu_rmdir(tu_dir);
	tu_dir = NULL;
	return 0;
}

/* path/name into out. */
static inline const char *tu_path(char *out, size_t size, const char *dir, const char *name)
{
	snprintf(out, size, "%s/%s", dir, name);
	return out;
}

/* Write text to a file. */
static inline void tu_write(const char *path, const char *text)
{
	FILE *f = fopen(path, "wb");
	assert_non_null(f);
	assert_int_equal(fwrite(text, 1, strlen(text), f), strlen(text));
	assert_int_equal(fclose(f), 0);
}

/* How many files (not starting with '.') the directory holds; 0 if there is none. */
static inline int tu_count_files(const char *dir)
{
	DIR *d = opendir(dir);
	int n = 0;
	for(struct dirent *e; d && (e = readdir(d));)
		n += e->d_name[0] != '.';
	if(d)
		closedir(d);
	return n;
}

/* Assert that a call succeeded, printing its message if not. */
#define assert_ok(call, err)                                                  \
	do {                                                                      \
		pl_rc rc_ = (call);                                                   \
		if(rc_ != PL_OK)                                                      \
			fail_msg("%s failed (%d): %s", #call, (int)rc_, (err)->msg);      \
	} while(0)

/* Assert that the message contains a piece of text. */
#define assert_contains(haystack, needle)                                     \
	do {                                                                      \
		const char *h_ = (haystack), *n_ = (needle);                          \
		if(!h_ || !strstr(h_, n_))                                            \
			fail_msg("expected \"%s\" in \"%s\"", n_, h_ ? h_ : "(null)");    \
	} while(0)

/* Table-driven tests collect their failures and report them once, after
 * everything is freed: a failing test shows every bad case, and cmocka's
 * longjmp leaks nothing. */
typedef struct report {
	char text[12000];
	size_t len;
	int n;
} report;

static inline void PL_PRINTF(2, 3) report_add(report *r, const char *fmt, ...)
{
	r->n++;
	if(r->len >= sizeof(r->text) - 1)
		return;
	va_list ap;
	va_start(ap, fmt);
	int k = vsnprintf(r->text + r->len, sizeof(r->text) - r->len, fmt, ap);
	va_end(ap);
	if(k > 0)
		r->len += (size_t)k;
	if(r->len > sizeof(r->text) - 1)
		r->len = sizeof(r->text) - 1;
}

static inline void report_check(const report *r, int total)
{
	if(r->n)
		fail_msg("%d of %d cases failed:\n%s", r->n, total, r->text);
}

#endif
