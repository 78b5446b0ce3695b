/* Registry benchmark: import of generated persons, name search latency,
 * database size per person. Prints a table.
 *
 *   bench_registry [--persons N] [--queries Q] [--dir DIR] [--events]
 *
 * With --events, the registry of persons alone is kept as DIR/persons.db
 * before their events go in (for bench/events_floor.sh).
 *
 * The persons come from the demo generator (seed 1) as CSV; the queries are
 * built from persons drawn at random from that registry, in the scripts and
 * spellings offices search with. */
#include <errno.h>
#include <getopt.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unicode/uclean.h>

#include "core/buf.h"
#include "core/csv.h"
#include "core/rng.h"
#include "demo/demo.h"
#include "names/names.h"
#include "registry/registry.h"

static double clock_s(clockid_t c)
{
	struct timespec ts;
	clock_gettime(c, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static double now(void) { return clock_s(CLOCK_MONOTONIC); }

/* The process's CPU time, both threads: on a shared machine the wall time
 * follows the load, this much less. */
static double cpu(void) { return clock_s(CLOCK_PROCESS_CPUTIME_ID); }

/* The load average over the last minute, said beside the times. */
static double load1(void)
{
	double l = -1;
	FILE *f = fopen("/proc/loadavg", "r");
	if(f && fscanf(f, "%lf", &l) != 1)
		l = -1;
	if(f)
		fclose(f);
	return l;
}

static void die(const char *what, const pl_err *err)
{
	fprintf(stderr, "bench_registry: %s: %s\n", what, err ? err->msg : strerror(errno));
	exit(1);
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return x < y ? -1 : x > y;
}

static double percentile(double *v, size_t n, double p)
{
	qsort(v, n, sizeof(*v), cmp_double);
	size_t i = (size_t)(p * (double)(n - 1) + 0.5);
	return v[i < n ? i : n - 1];
}

static long long file_size(const char *path)
{
	struct stat sb;
	return stat(path, &sb) ? 0 : (long long)sb.st_size;
}

/* A byte-for-byte copy: the registry as it stands, its WAL folded in. */
static void copy_file(const char *from, const char *to)
{
	FILE *in = fopen(from, "rb"), *out = fopen(to, "wb");
	if(!in || !out)
		die(in ? to : from, NULL);
	char b[1 << 16];
	size_t n;
	while((n = fread(b, 1, sizeof(b), in)) > 0)
		if(fwrite(b, 1, n, out) != n)
			die(to, NULL);
	if(ferror(in) || fclose(out))
		die(to, NULL);
	fclose(in);
}

/* Copy a CSV file without its last column (the status, which a persons
 * file imported on its own cannot carry: it comes from the events). */
static void drop_last_column(const char *from, const char *to)
{
	FILE *in = fopen(from, "rb"), *out = fopen(to, "wb");
	if(!in || !out)
		die(from, NULL);
	csv_reader *cr;
	pl_err err;
	if(csv_reader_open(&cr, in, from, &err))
		die(from, &err);
	buf b;
	buf_init(&b, 0);
	for(;;) {
		csv_record rec;
		bool eof;
		if(csv_read(cr, &rec, &eof, &err))
			die(from, &err);
		if(eof)
			break;
		if(csv_format_record(&b, rec.fields, rec.nfields - 1))
			die("formatting", NULL);
		if(b.len > (1 << 20)) {
			fwrite(b.ptr, 1, b.len, out);
			buf_reset(&b);
		}
	}
	fwrite(b.ptr ? b.ptr : "", 1, b.len, out);
	buf_free(&b);
	csv_reader_close(cr);
	fclose(in);
	if(fclose(out))
		die(to, NULL);
}

/* The person stored in row `id`. */
static pl_rc pick(store *st, long id, arena *a, person *p, pl_err *err)
{
	sqlite3_stmt *s;
	char uid[UID_SIZE] = "";
	sqlite3_prepare_v2(store_db(st), "SELECT uid FROM person WHERE id = ?", -1, &s, NULL);
	sqlite3_bind_int64(s, 1, id);
	if(sqlite3_step(s) == SQLITE_ROW)
		snprintf(uid, sizeof(uid), "%s", (const char *)sqlite3_column_text(s, 0));
	sqlite3_finalize(s);
	return registry_person_get(st, uid, a, p, err);
}

enum { KIND_SURNAME, KIND_FULL, KIND_LATIN, KIND_PREFIX, KIND_GIVEN, KIND_FILTERED, NKINDS };
static const char *const kind_name[NKINDS] = {
	"surname (original script)", "surname + given name", "Latin spelling of surname + given",
	"surname prefix (5 letters)", "given name only (broad)", "surname + filters (party, status)",
};

/* A query of the given kind for person p; false if p lacks what it needs. */
static bool make_query(int kind, const person *p, buf *out, person_query *q)
{
	const char *s = p->f[PF_SURNAME] ? p->f[PF_SURNAME] : p->f[PF_SURNAME_LATIN];
	const char *g = p->f[PF_GIVEN_NAMES] ? p->f[PF_GIVEN_NAMES] : p->f[PF_GIVEN_NAMES_LATIN];
	buf_reset(out);
	if(!s || !g)
		return false;
	pl_rc rc = PL_OK;
	switch(kind) {
	case KIND_SURNAME:
	case KIND_FILTERED:
		rc = buf_adds(out, s);
		if(kind == KIND_FILTERED) {
			q->party = p->f[PF_PARTY] ? p->f[PF_PARTY] : "UA";
			q->status = "held,captured,missing,repatriated";
		}
		break;
	case KIND_FULL:
		rc = buf_printf(out, "%s %s", g, s);
		break;
	case KIND_LATIN: {
		/* The other office's spelling: Ukrainian names in the national
		 * system, Russian ones as in a passport. */
		names_scheme sch = p->f[PF_PARTY] && !strcmp(p->f[PF_PARTY], "RU") ? NAMES_ICAO9303
		                                                                    : NAMES_KMU2010;
		rc = names_transliterate(s, sch, out);
		if(!rc)
			rc = buf_addc(out, ' ');
		if(!rc)
			rc = names_transliterate(g, sch, out);
		break;
	}
	case KIND_PREFIX: {
		size_t cut = 0, letters = 0;
		while(s[cut] && letters < 5) {
			cut++;
			while((s[cut] & 0xC0) == 0x80)
				cut++;
			letters++;
		}
		rc = buf_add(out, s, cut);
		break;
	}
	case KIND_GIVEN:
		rc = buf_adds(out, g);
		break;
	}
	q->name = buf_str(out);
	return rc == PL_OK;
}

int main(int argc, char **argv)
{
	long persons = 1000000, queries = 1000;
	const char *dir = NULL;
	bool with_events = false;
	static const struct option opts[] = {
		{"persons", required_argument, NULL, 'n'}, {"queries", required_argument, NULL, 'q'},
		{"dir", required_argument, NULL, 'd'}, {"events", no_argument, NULL, 'e'}, {0}};
	int opt;
	while((opt = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		if(opt == 'n')
			persons = atol(optarg);
		else if(opt == 'q')
			queries = atol(optarg);
		else if(opt == 'd')
			dir = optarg;
		else if(opt == 'e')
			with_events = true;
		else
			return 2;
	}
	if(persons < 1 || queries < 1 || sodium_init() < 0)
		return 2;
	char tmpl[4096], csv[4096], evcsv[4096], db[4096], plain[4096];
	if(!dir) {
		snprintf(tmpl, sizeof(tmpl), "%s/parley-bench-XXXXXX", getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp");
		if(!(dir = mkdtemp(tmpl)))
			die("mkdtemp", NULL);
	}
	snprintf(csv, sizeof(csv), "%s/persons.csv", dir);
	snprintf(evcsv, sizeof(evcsv), "%s/events.csv", dir);
	snprintf(db, sizeof(db), "%s/bench.db", dir);
	snprintf(plain, sizeof(plain), "%s/persons-nostatus.csv", dir);
	remove(db);
	pl_err err = {0};

	/* 1. generate */
	double t0 = now();
	FILE *out = fopen(csv, "wb"), *evout = fopen(evcsv, "wb");
	if(!out || !evout)
		die(csv, NULL);
	demo_opts dopt = {.persons = persons, .seed = 1, .format = FORMAT_CSV, .events_csv = evout};
	if(registry_demo_generate(out, &dopt, &err))
		die("generating", &err);
	fclose(out);
	fclose(evout);
	double t_gen = now() - t0;
	drop_last_column(csv, plain);

	/* 2. import */
	store *st;
	if(store_open(&st, db, "bench", STORE_CREATE, &err))
		die("opening", &err);
	import_opts io = {.format = FORMAT_CSV};
	import_report rep;
	const char *paths[2] = {plain, evcsv};
	t0 = now();
	double cpu_import = cpu();
	if(registry_import(st, paths, 1, &io, &rep, &err))
		die("importing persons", &err);
	double t_import = now() - t0;
	cpu_import = cpu() - cpu_import;
	double load_import = load1();
	import_report_free(&rep);
	sqlite3_wal_checkpoint_v2(store_db(st), NULL, SQLITE_CHECKPOINT_TRUNCATE, NULL, NULL);
	long long bytes_persons = file_size(db);
	double t_events = 0, cpu_events = 0, load_events = 0;
	long events = 0;
	if(with_events) {
		char kept[4096];
		snprintf(kept, sizeof(kept), "%s/persons.db", dir);
		copy_file(db, kept);
		t0 = now();
		cpu_events = cpu();
		if(registry_import(st, paths + 1, 1, &io, &rep, &err))
			die("importing events", &err);
		t_events = now() - t0;
		cpu_events = cpu() - cpu_events;
		load_events = load1();
		events = rep.events_added;
		import_report_free(&rep);
	}
	/* Fold the WAL into the file so its size is the registry's. */
	sqlite3_wal_checkpoint_v2(store_db(st), NULL, SQLITE_CHECKPOINT_TRUNCATE, NULL, NULL);
	long long bytes = file_size(db);

	/* 3. search: persons drawn at random, each query kind in turn */
	rng g;
	rng_seed(&g, 42);
	double *lat[NKINDS];
	size_t nlat[NKINDS] = {0};
	long hits[NKINDS] = {0}, found_self[NKINDS] = {0}, sorted[NKINDS] = {0};
	for(int k = 0; k < NKINDS; k++)
		lat[k] = calloc((size_t)queries, sizeof(double));
	arena a;
	arena_init(&a, 0);
	buf qb;
	buf_init(&qb, 0);
	for(long i = 0; i < queries * NKINDS; i++) {
		int kind = (int)(i % NKINDS);
		arena_reset(&a);
		person p;
		if(pick(st, 1 + rng_below(&g, (uint32_t)persons), &a, &p, &err))
			die("picking a person", &err);
		person_page pg;
		person_query q = PERSON_QUERY_INIT;
		if(!make_query(kind, &p, &qb, &q))
			continue;
		t0 = now();
		if(registry_search(st, &q, &a, &pg, &err))
			die("searching", &err);
		lat[kind][nlat[kind]++] = (now() - t0) * 1000.0;
		hits[kind] += (long)pg.total;
		sorted[kind] += pg.name_order;
		for(size_t j = 0; j < pg.n; j++)
			if(!strcmp(pg.rows[j].uid, p.uid))
				found_self[kind]++;
	}

	printf("\nparley registry benchmark: %ld persons (seed 1), %ld queries of each kind\n\n",
	       persons, queries);
	printf("| measure | value |\n|---|---|\n");
	printf("| generate %ld persons (CSV) | %.1f s |\n", persons, t_gen);
	printf("| import %ld persons, CSV, into an empty registry (one transaction) | %.1f s (%.0f persons/s;"
	       " CPU %.1f s, load %.1f at the end) |\n", persons, t_import, (double)persons / t_import,
	       cpu_import, load_import);
	if(with_events)
		printf("| then import their %ld events, CSV (one transaction) | %.1f s (%.0f events/s;"
		       " target, issue 14: 150,000, %s; CPU %.1f s, %.1f µs an event (target 6.7),"
		       " load %.1f at the end) |\n", events, t_events, (double)events / t_events,
		       (double)events / t_events >= 150000 ? "met" : "NOT MET", cpu_events,
		       events ? cpu_events * 1e6 / (double)events : 0.0, load_events);
	printf("| database size, persons | %.1f MiB, %.0f bytes per person |\n",
	       (double)bytes_persons / 1048576.0, (double)bytes_persons / (double)persons);
	if(with_events)
		printf("| database size, persons and events | %.1f MiB, %.0f bytes per person |\n",
		       (double)bytes / 1048576.0, (double)bytes / (double)persons);
	printf("\n| name query | n | p50 ms | p99 ms | max ms | mean matches | name order | finds the person |\n");
	printf("|---|---|---|---|---|---|---|---|\n");
	for(int k = 0; k < NKINDS; k++) {
		size_t n = nlat[k];
		if(!n)
			continue;
		double max = percentile(lat[k], n, 1.0);
		double p50 = percentile(lat[k], n, 0.5), p99 = percentile(lat[k], n, 0.99);
		printf("| %s | %zu | %.2f | %.2f | %.2f | %.1f | %.0f%% | %.1f%% |\n", kind_name[k], n,
		       p50, p99, max, (double)hits[k] / (double)n, 100.0 * (double)sorted[k] / (double)n,
		       100.0 * (double)found_self[k] / (double)n);
		free(lat[k]);
	}
	printf("\n(\"mean matches\": a name is counted up to %d (beyond, the total says more\n"
	       "than that); with filters, once the page is full, over its first 10,000 matches.\n"
	       "\"name order\": the share of queries whose page came sorted by name (not: a word being\n"
	       "typed that starts more than %d names, read for those only).\n"
	       "\"finds the person\": the person the query was made from is on the first page of 50.)\n",
	       SEARCH_SORT_MAX, SEARCH_PREFIX_KEYS);
	buf_free(&qb);
	arena_free(&a);
	store_close(st);
	u_cleanup();
	return 0;
}
