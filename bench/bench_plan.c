/* Planning benchmark: the next stage of the Istanbul agreements over a
 * registry (the database bench_registry built, with its events). Prints a
 * table: for each clause, the persons in custody read, the eligible on
 * each side, the stage proposed, and the time of a plan (median and
 * slowest of the runs).
 *
 *   bench_plan --db PATH [--runs N]
 *
 * Target (issue 5): a 1,000-per-side stage from a registry of 1,000,000
 * persons in under 1 s. */
#include <getopt.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unicode/uclean.h>

#include "accord/plan.h"
#include "core/buf.h"
#include "core/file.h"

#ifndef PARLEY_EXAMPLES_DIR
#define PARLEY_EXAMPLES_DIR "examples"
#endif

static void die(const char *what, const pl_err *err)
{
	fprintf(stderr, "bench_plan: %s: %s\n", what, err ? err->msg : "failed");
	exit(1);
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return x < y ? -1 : x > y;
}

static void add_agreement(store *st, const char *file, arena *a, agreement *ag)
{
	char path[4096];
	snprintf(path, sizeof(path), "%s/%s", PARLEY_EXAMPLES_DIR, file);
	buf text;
	buf_init(&text, 0);
	pl_err err = {0};
	bool added;
	if(file_read(path, 16u << 20, &text, &err) || agreement_parse(text.ptr, text.len, file, a, ag, &err) ||
	   agreement_add(st, ag, &added, &err))
		die(file, &err);
	buf_free(&text);
}

static void run(store *st, const agreement *ag, const char *clause_id, long capacity, int runs)
{
	double *t = calloc((size_t)runs, sizeof(double));
	size_t custody = 0, eligible[2] = {0, 0};
	long stage[2] = {0, 0};
	for(int i = 0; i < runs; i++) {
		arena a;
		arena_init(&a, 0);
		pl_err err = {0};
		plan p;
		plan_opts o = {.clause = clause_id, .date = {2025, 6, 9}, .capacity = capacity};
		if(plan_make(st, ag, &o, &a, &p, &err))
			die("plan", &err);
		t[i] = p.seconds;
		custody = p.ncand[0] + p.ncand[1] + p.nexcl;
		for(int k = 0; k < 2; k++) {
			eligible[k] = p.ncand[k];
			stage[k] = !p.ndays ? 0 : p.cl->subject == SUBJECT_REMAINS ? p.days[0].bodies[k] : p.days[0].persons[k];
		}
		arena_free(&a);
	}
	qsort(t, (size_t)runs, sizeof(double), cmp_double);
	printf("%-22s %-18s %9zu %9zu %9zu %7ld %7ld %9.3f %9.3f\n", ag->name, clause_id, custody, eligible[0],
	       eligible[1], stage[0], stage[1], t[runs / 2], t[runs - 1]);
	free(t);
}

int main(int argc, char **argv)
{
	static const struct option opts[] = {{"db", required_argument, NULL, 'd'},
	                                     {"runs", required_argument, NULL, 'r'}, {0}};
	const char *db = NULL;
	int runs = 5, opt;
	while((opt = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		if(opt == 'd')
			db = optarg;
		else if(opt == 'r')
			runs = atoi(optarg);
		else
			return 2;
	}
	if(!db || runs < 1) {
		fprintf(stderr, "usage: bench_plan --db PATH [--runs N]\n");
		return 2;
	}
	if(sodium_init() < 0)
		return 1;
	store *st;
	pl_err err = {0};
	if(store_open(&st, db, "bench", 0, &err))
		die(db, &err);
	arena a;
	arena_init(&a, 0);
	agreement may, june;
	add_agreement(st, "istanbul-2025-05-16.json", &a, &may);
	add_agreement(st, "istanbul-2025-06-02.json", &a, &june);
	long persons = 0;
	sqlite3_stmt *s;
	if(!store_stmt(st, "SELECT count(*) FROM person", &s, &err) && sqlite3_step(s) == SQLITE_ROW)
		persons = sqlite3_column_int64(s, 0);
	sqlite3_reset(s);
	printf("planning the next stage over a registry of %ld persons, %d runs each\n\n", persons, runs);
	printf("%-22s %-18s %9s %9s %9s %7s %7s %9s %9s\n", "agreement", "clause", "custody", "UA side",
	       "RU side", "UA", "RU", "median s", "max s");
	run(st, &may, "thousand", 1000, runs);
	run(st, &june, "wounded-ill-young", 0, runs);
	run(st, &june, "bodies", 0, runs);
	arena_free(&a);
	store_close(st);
	u_cleanup();
	return 0;
}
