/* The watch's benchmark (issue 15, item 3): open inquiries watched against
 * a registry; an incoming list reconciled, then its tasks made. Prints the
 * reconciliation (src/match, the lead's) and the task creation (the watch)
 * apart, beside the target.
 *
 *   bench_watch --db PATH [--inquiries N] [--list N] [--watched N] [--threads N]
 *
 * PATH is a registry (bench_registry's database, or a copy of one: the
 * inquiries are added to it). If it has fewer than N inquiries, N are
 * imported with the families' own backlog import (family_import), about N
 * persons spread over the registry. The list: `--list` rows named as the
 * registry has them, `--watched` of them (default half) about persons with
 * an inquiry.
 *
 * Target (issue 15): 50,000 open inquiries watched against a 1,000,000-person
 * registry; reconciling a 10,000-row incoming list creates its tasks in
 * under 10 s on 2 cores. */
#include <getopt.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>
#include <unicode/uclean.h>

#include "family/family.h"
#include "match/reconcile.h"
#include "names/names.h"

static void die(const char *what, const pl_err *err)
{
	fprintf(stderr, "bench_watch: %s: %s\n", what, err ? err->msg : "failed");
	exit(1);
}

static double now(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

static double cpu(void)
{
	struct rusage u;
	getrusage(RUSAGE_SELF, &u);
	return (double)u.ru_utime.tv_sec + (double)u.ru_utime.tv_usec / 1e6 + (double)u.ru_stime.tv_sec +
	       (double)u.ru_stime.tv_usec / 1e6;
}

static long scalar(store *st, const char *sql)
{
	sqlite3_stmt *s;
	pl_err err = {0};
	long v = 0;
	if(store_stmt(st, sql, &s, &err))
		die(sql, &err);
	if(sqlite3_step(s) == SQLITE_ROW)
		v = sqlite3_column_int64(s, 0);
	sqlite3_reset(s);
	return v;
}

static void csv_field(FILE *f, const char *v, bool last)
{
	fputc('"', f);
	for(const char *p = v ? v : ""; *p; p++) {
		if(*p == '"')
			fputc('"', f);
		fputc(*p, f);
	}
	fputs(last ? "\"\n" : "\",", f);
}

/* N inquiries about persons spread over the registry (every k-th), by the
 * families' backlog import. */
static void add_inquiries(store *st, const char *dir, long n, long persons)
{
	char path[4200];
	snprintf(path, sizeof(path), "%s/bench-inquiries.csv", dir);
	FILE *f = fopen(path, "wb");
	if(!f)
		die(path, NULL);
	fputs("ref,person,inquirer,relation,language,received,consent_tracing\n", f);
	long step = persons / n > 1 ? persons / n : 1;
	sqlite3_stmt *s;
	pl_err err = {0};
	if(store_stmt(st, "SELECT uid FROM person WHERE id % ?1 = 0 ORDER BY id LIMIT ?2", &s, &err))
		die("persons", &err);
	sqlite3_bind_int64(s, 1, step);
	sqlite3_bind_int64(s, 2, n);
	long i = 0;
	while(sqlite3_step(s) == SQLITE_ROW) {
		i++;
		fprintf(f, "bench-%ld,%s,Bench Inquirer %ld,mother,uk,2025-01-02,oral 2025-01-02\n", i,
		        store_column_text(s, 0), i);
	}
	sqlite3_reset(s);
	fclose(f);
	inquiry_import_report rep;
	inquiry_import_opts o = {.max_errors = 5};
	double t0 = now();
	if(family_import(st, path, &o, &rep, &err)) {
		fprintf(stderr, "%s", buf_str(&rep.errors));
		die("import of the inquiries", &err);
	}
	printf("imported %ld inquiries (family_import, one transaction) in %.1f s\n", rep.created, now() - t0);
	inquiry_import_report_free(&rep);
	remove(path);
}

/* The incoming list: `watched` rows about persons with an open inquiry,
 * the rest about others, each as the registry names them (persons whose
 * surname is not known are left out: a list names its people). */
static void write_list(store *st, const char *path, long rows, long watched)
{
	FILE *f = fopen(path, "wb");
	if(!f)
		die(path, NULL);
	fputs("surname,given_names,patronymic,birth_date,sex\n", f);
	static const char *const sql[2] = {
		"SELECT p.surname, p.given_names, p.patronymic, p.birth_date, p.sex FROM person p"
		" WHERE p.surname <> '' AND p.id IN (SELECT person_id FROM inquiry WHERE status = 'open')"
		" ORDER BY p.id LIMIT ?1",
		"SELECT p.surname, p.given_names, p.patronymic, p.birth_date, p.sex FROM person p"
		" WHERE p.id % 7 = 3 AND p.surname <> '' AND p.id NOT IN (SELECT person_id FROM inquiry) ORDER BY p.id LIMIT ?1"};
	long want[2] = {watched, rows - watched};
	for(int k = 0; k < 2; k++) {
		sqlite3_stmt *s;
		pl_err err = {0};
		if(store_stmt(st, sql[k], &s, &err))
			die("the list", &err);
		sqlite3_bind_int64(s, 1, want[k]);
		while(sqlite3_step(s) == SQLITE_ROW)
			for(int c = 0; c < 5; c++)
				csv_field(f, store_column_text(s, c), c == 4);
		sqlite3_reset(s);
	}
	fclose(f);
}

int main(int argc, char **argv)
{
	static const struct option opts[] = {{"db", required_argument, NULL, 'd'},
	                                     {"inquiries", required_argument, NULL, 'i'},
	                                     {"list", required_argument, NULL, 'l'},
	                                     {"watched", required_argument, NULL, 'w'},
	                                     {"threads", required_argument, NULL, 't'}, {0}};
	const char *db = NULL;
	long inquiries = 50000, rows = 10000, watched = -1;
	int threads = 2, opt;
	while((opt = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		if(opt == 'd')
			db = optarg;
		else if(opt == 'i')
			inquiries = atol(optarg);
		else if(opt == 'l')
			rows = atol(optarg);
		else if(opt == 'w')
			watched = atol(optarg);
		else if(opt == 't')
			threads = atoi(optarg);
		else
			return 2;
	}
	if(watched < 0)
		watched = rows / 2 < inquiries ? rows / 2 : inquiries;
	if(!db || inquiries < 1 || rows < 1 || watched > rows || watched > inquiries) {
		fprintf(stderr, "usage: bench_watch --db PATH [--inquiries N] [--list N] [--watched N] [--threads N]\n");
		return 2;
	}
	if(sodium_init() < 0)
		return 1;
	store *st;
	pl_err err = {0};
	if(store_open(&st, db, "bench", 0, &err))
		die(db, &err);
	char dir[4096];
	snprintf(dir, sizeof(dir), "%s", db);
	char *slash = strrchr(dir, '/');
	snprintf(slash ? slash + 1 : dir, sizeof(dir) - (size_t)(slash ? slash + 1 - dir : 0), "%s", "");
	if(!dir[0])
		snprintf(dir, sizeof(dir), ".");
	long persons = scalar(st, "SELECT count(*) FROM person");
	long have = scalar(st, "SELECT count(*) FROM inquiry WHERE status = 'open'");
	if(have < inquiries)
		add_inquiries(st, dir, inquiries - have, persons);
	have = scalar(st, "SELECT count(*) FROM inquiry WHERE status = 'open'");
	/* The watch's mark at the log's end: what is measured is the list. */
	watch_report wr;
	if(family_watch_run(st, &wr, &err))
		die("the watch", &err);
	char list[4200];
	snprintf(list, sizeof(list), "%s/bench-list-%ld.csv", dir, rows);
	write_list(st, list, rows, watched);
	names *nm;
	if(names_open(&nm, &err))
		die("names", &err);
	long before = scalar(st, "SELECT count(*) FROM family_task");

	printf("\nthe watch: %ld open inquiries against a registry of %ld persons; an incoming list of %ld rows,\n"
	       "%ld of them about persons with an inquiry; %d threads for the reconciliation\n\n",
	       have, persons, rows, watched, threads);
	FILE *f = fopen(list, "rb");
	if(!f)
		die(list, NULL);
	reconcile_opts o = {.threads = threads};
	reconcile_result res;
	double t0 = now(), c0 = cpu();
	if(reconcile_list(st, nm, f, "bench-list.csv", &o, &res, &err))
		die("reconcile", &err);
	double t_rec = now() - t0, c_rec = cpu() - c0;
	fclose(f);
	/* Once more: the registry's linkage keys are kept in the database, so
	 * a first reconciliation may key persons the second does not. */
	reconcile_result res2;
	if(!(f = fopen(list, "rb")))
		die(list, NULL);
	t0 = now();
	c0 = cpu();
	if(reconcile_list(st, nm, f, "bench-list.csv", &o, &res2, &err))
		die("reconcile", &err);
	double t_rec2 = now() - t0, c_rec2 = cpu() - c0;
	fclose(f);
	reconcile_free(&res2);
	watch_list wl = {.name = "bench-list.csv", .held = list};
	t0 = now();
	c0 = cpu();
	if(family_watch_reconciled(st, &wl, &res, &wr, &err))
		die("the watch's tasks", &err);
	double t_task = now() - t0, c_task = cpu() - c0;
	long created = wr.created, concerned = wr.concerned;
	t0 = now();
	if(family_watch_reconciled(st, &wl, &res, &wr, &err))
		die("the watch's tasks again", &err);
	double t_again = now() - t0;
	long again = wr.created;
	t0 = now();
	if(family_watch_run(st, &wr, &err))
		die("the watch", &err);
	double t_idle = now() - t0;
	long after = scalar(st, "SELECT count(*) FROM family_task");

	printf("| step | rows | tasks | wall s | CPU s | target |\n|---|---|---|---|---|---|\n");
	printf("| reconcile the list against the registry, first time (src/match: keys the persons not keyed yet, %zu) "
	       "| %ld (%zu matched, %zu review) | | %.2f | %.2f | |\n",
	       res.reg.keyed, rows, res.matched, res.review, t_rec, c_rec);
	printf("| the same reconciliation again (the keys kept) | %ld | | %.2f | %.2f | |\n", rows, t_rec2, c_rec2);
	printf("| the watch: tasks from the reconciled rows | %ld about an inquiry | %ld new | %.2f | %.2f | |\n",
	       concerned, created, t_task, c_task);
	printf("| **reconcile + tasks, the registry's first list** | %ld | %ld | **%.2f** | %.2f | < 10 s: %s |\n", rows,
	       created, t_rec + t_task, c_rec + c_task, t_rec + t_task < 10 ? "met" : "NOT met");
	printf("| **reconcile + tasks, a later list** | %ld | %ld | **%.2f** | %.2f | < 10 s: %s |\n", rows, created,
	       t_rec2 + t_task, c_rec2 + c_task, t_rec2 + t_task < 10 ? "met" : "NOT met");
	printf("| the same list again (no task twice) | %ld | %ld new | %.2f | | |\n", rows, again, t_again);
	printf("| the watch's run after (the audit log from its mark) | | %ld new | %.3f | | |\n", wr.created, t_idle);
	printf("\ntasks in the database: %ld before, %ld after\n", before, after);
	if(again || after - before != created)
		printf("WRONG: a task was made twice\n");
	reconcile_free(&res);
	names_close(nm);
	remove(list);
	store_close(st);
	u_cleanup();
	return 0;
}
