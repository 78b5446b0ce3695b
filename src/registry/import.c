/* Import of persons and events from CSV and JSON.
 *
 * All files of one import go in one transaction: everything, or nothing.
 * After the first bad row nothing more is written, but the rest is still
 * checked so that one run reports up to max_errors problems, each with its
 * file, line and column. CSV and JSON rows become the same records and go
 * through the same code; only the reading differs.
 *
 * A row finds the person it describes by `id` (parley's identifier) or by
 * one of its `ext.SOURCE` identifiers; otherwise it creates a new person.
 * Importing the same file again therefore changes nothing, except for rows
 * with no identifier at all: those would be created twice, so a file that
 * was imported before and has such rows is refused. */
#include <errno.h>
#include <pthread.h>
#include <sodium.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>

#include "audit/audit.h"
#include "core/csv.h"
#include "registry/import.h"

/* ---- files ------------------------------------------------------------ */

/* Read `path` ("-": standard input) into a temporary or mapped buffer and
 * hash it: a stream cannot be read twice, and the hash names the file in
 * the import history. */
typedef struct input {
	FILE *f;
	const char *data;
	size_t len;
	bool mapped;
	pthread_t hasher;   /* hashes the file on the other core while rows go in */
	bool hashing;
	char sha[crypto_hash_sha256_BYTES * 2 + 1];
} input;

static void *hash_input(void *arg)
{
	input *in = arg;
	unsigned char h[crypto_hash_sha256_BYTES];
	crypto_hash_sha256(h, (const unsigned char *)in->data, in->len);
	sodium_bin2hex(in->sha, sizeof(in->sha), h, sizeof(h));
	return NULL;
}

/* The file's SHA-256, once the hasher is done. */
static const char *input_sha(input *in)
{
	if(in->hashing) {
		pthread_join(in->hasher, NULL);
		in->hashing = false;
	}
	return in->sha;
}

static pl_rc input_open(const char *path, input *in, pl_err *err)
{
	memset(in, 0, sizeof(*in));
	FILE *src = strcmp(path, "-") ? fopen(path, "rb") : stdin;
	if(!src)
		return pl_failc(err, PL_ENOTFOUND, "registry.cannot_open", "path", path, "why", strerror(errno),
		                NULL);
	FILE *f = src;
	struct stat sb;
	if(src == stdin || fstat(fileno(src), &sb) || !S_ISREG(sb.st_mode)) {
		/* Spool a stream to a temporary file, so it can be mapped. */
		f = tmpfile();
		char chunk[65536];
		size_t n;
		while(f && (n = fread(chunk, 1, sizeof(chunk), src)) > 0)
			if(fwrite(chunk, 1, n, f) != n) {
				fclose(f);
				f = NULL;
			}
		if(src != stdin)
			fclose(src);
		if(!f || fflush(f) || fstat(fileno(f), &sb)) {
			if(f)
				fclose(f);
			return pl_failc(err, PL_EIO, "registry.cannot_buffer", "path", path, "why", strerror(errno),
			                NULL);
		}
	}
	in->f = f;
	in->len = (size_t)sb.st_size;
	if(in->len) {
		void *m = mmap(NULL, in->len, PROT_READ, MAP_PRIVATE, fileno(f), 0);
		if(m == MAP_FAILED) {
			fclose(f);
			return pl_failc(err, PL_EIO, "registry.cannot_read", "path", path, "why", strerror(errno),
			                NULL);
		}
		in->data = m;
		in->mapped = true;
	} else {
		in->data = "";
	}
	in->hashing = !pthread_create(&in->hasher, NULL, hash_input, in);
	if(!in->hashing) /* no thread to spare: hash it here */
		hash_input(in);
	rewind(f);
	return PL_OK;
}

static void input_close(input *in)
{
	input_sha(in);
	if(in->mapped)
		munmap((void *)in->data, in->len);
	if(in->f)
		fclose(in->f);
}

static registry_format sniff(const char *path, const input *in, registry_format want)
{
	if(want != FORMAT_AUTO)
		return want;
	size_t n = strlen(path);
	if(n > 4 && !strcmp(path + n - 4, ".csv"))
		return FORMAT_CSV;
	if(n > 5 && !strcmp(path + n - 5, ".json"))
		return FORMAT_JSON;
	size_t i = in->len >= 3 && !memcmp(in->data, "\xEF\xBB\xBF", 3) ? 3 : 0;
	while(i < in->len && strchr(" \t\r\n", in->data[i]))
		i++;
	return i < in->len && in->data[i] == '{' ? FORMAT_JSON : FORMAT_CSV;
}

/* When was a file with this hash imported before? (empty: never) */
static pl_rc imported_before(registry *r, const char *sha, char *when, size_t size, pl_err *err)
{
	sqlite3_stmt *s;
	pl_rc rc = store_stmt(r->st, "SELECT ts FROM import WHERE sha256 = ? ORDER BY id LIMIT 1",
	                      &s, err);
	if(rc)
		return rc;
	sqlite3_bind_text(s, 1, sha, -1, SQLITE_STATIC);
	int x = sqlite3_step(s);
	when[0] = '\0';
	if(x == SQLITE_ROW)
		snprintf(when, size, "%s", store_column_text(s, 0));
	sqlite3_reset(s);
	return x == SQLITE_ROW || x == SQLITE_DONE ? PL_OK : store_fail(r->st, err, x, "reading imports");
}

static pl_rc record_import(importer *im, input *in, const import_report *before,
                           pl_err *err)
{
	import_report *now = im->rep;
	long created = now->persons_created - before->persons_created;
	long updated = now->persons_updated - before->persons_updated;
	long events = now->events_added - before->events_added;
	sqlite3_stmt *s;
	pl_rc rc = store_stmt(im->r->st, "INSERT INTO import(ts, actor, name, sha256, persons_created,"
	                                 " persons_updated, events_added) VALUES (?,?,?,?,?,?,?)",
	                      &s, err);
	if(rc)
		return rc;
	char ts[TIMESTAMP_STR_MAX];
	date_now_iso(ts);
	sqlite3_bind_text(s, 1, ts, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 2, store_actor(im->r->st), -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 3, im->pb.file, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 4, input_sha(in), -1, SQLITE_STATIC);
	sqlite3_bind_int64(s, 5, created);
	sqlite3_bind_int64(s, 6, updated);
	sqlite3_bind_int64(s, 7, events);
	int x = sqlite3_step(s);
	sqlite3_reset(s);
	if(x != SQLITE_DONE)
		return store_fail(im->r->st, err, x, "recording the import");
	json_t *j = json_pack("{s:s, s:s, s:I, s:I, s:I}", "file", im->pb.file, "sha256", input_sha(in),
	                      "persons_created", (json_int_t)created, "persons_updated",
	                      (json_int_t)updated, "events_added", (json_int_t)events);
	char *after = registry_json_text(j);
	json_decref(j);
	if(!after)
		return pl_nomem(err);
	rc = audit_append(im->r->st, NULL, "import", "file", NULL, NULL, after, err);
	free(after);
	return rc;
}

static pl_rc import_file(importer *im, const char *path, const char *name,
                         const import_opts *o, bool *again, pl_err *err)
{
	input in;
	im->pb.file = name ? name : strcmp(path, "-") ? path : "<stdin>";
	pl_rc rc = input_open(path, &in, err);
	if(rc && name)
		pl_failc(err, rc, "registry.cannot_open_name", "path", name, NULL);
	if(rc)
		return problems_add_err(&im->pb, err);
	im->file_size = in.len;
	im->unidentified = 0;
	char when[TIMESTAMP_STR_MAX] = "";
	import_report before = *im->rep;
	if(sniff(im->pb.file, &in, o->format) == FORMAT_JSON)
		rc = import_read_json(im, in.data, in.len);
	else
		rc = import_read_csv(im, in.f);
	if(!rc && !im->pb.failed && (rc = import_flush_status(im, err)))
		rc = import_row_failure(im, 0, rc, err);
	im->last.ref[0] = '\0'; /* the next file starts afresh */
	/* Asked after reading, so that hashing and reading run side by side. */
	if(!rc)
		rc = imported_before(im->r, input_sha(&in), when, sizeof(when), err);
	*again = when[0] != '\0';
	if(!rc && when[0] && im->unidentified && !im->pb.failed)
		rc = problems_atc(&im->pb, 0, "registry.imported_before", "when", when, "n",
		                  PL_N(im->unidentified), NULL);
	if(!rc && !im->pb.failed)
		rc = record_import(im, &in, &before, err);
	if(*again)
		im->rep->files_already_imported++;
	if(im->progress && !rc)
		im->progress(im->progress_ctx, im->pb.file, in.len, in.len, im->rep->rows);
	input_close(&in);
	return rc;
}

/* Statuses given in the files must be what the events made them. The
 * first few disagreements are shown each; the rest are counted, since a
 * persons file imported without its events disagrees on every row. */
static pl_rc check_statuses(importer *im, pl_err *err)
{
	enum { SHOWN = 3 };
	sqlite3_stmt *s;
	pl_rc rc = store_stmt(im->r->st, "SELECT status FROM person_state WHERE person_id = ?", &s, err);
	long wrong = 0;
	for(size_t i = 0; i < im->nchecks && !rc; i++) {
		status_check *c = &im->checks[i];
		sqlite3_bind_int64(s, 1, c->person_id);
		int x = sqlite3_step(s);
		const char *got = x == SQLITE_ROW ? store_column_text(s, 0) : "?";
		if(x == SQLITE_ROW && strcmp(got, lifecycle_status_name(c->expect)) && wrong++ < SHOWN) {
			im->pb.file = c->file;
			rc = problems_atc(&im->pb, c->line, "registry.status_differs", "status",
			                  lifecycle_status_name(c->expect), "got", got, NULL);
		}
		sqlite3_reset(s);
	}
	if(!rc && wrong)
		rc = problems_atc(&im->pb, 0, "registry.status_column", "n", PL_N(wrong), NULL);
	return rc;
}

/* Imports of more than this many bytes are bulk loads (store_bulk_begin),
 * unless import_opts says otherwise. */
#define BULK_BYTES ((uint64_t)32 << 20)

/* An events file: CSV whose header says so (import_header_is_events).
 * Anything else may hold persons. */
static bool events_file(const char *path)
{
	FILE *f = strcmp(path, "-") ? fopen(path, "rb") : NULL;
	if(!f)
		return false;
	csv_reader *cr;
	pl_err ignore = {0};
	bool events = false;
	if(!csv_reader_open(&cr, f, path, &ignore)) {
		csv_record rec;
		bool eof;
		if(!csv_read(cr, &rec, &eof, &ignore) && !eof)
			events = import_header_is_events(rec.fields, rec.nfields);
		csv_reader_close(cr);
	}
	fclose(f);
	return events;
}

/* The size of the files, and of those that may hold persons; standard
 * input, of unknown size, counts 0. */
static uint64_t input_bytes(const char *const *paths, size_t npaths, uint64_t *person_bytes)
{
	uint64_t total = 0;
	*person_bytes = 0;
	for(size_t i = 0; i < npaths; i++) {
		struct stat sb;
		if(strcmp(paths[i], "-") && !stat(paths[i], &sb)) {
			total += (uint64_t)sb.st_size;
			if(!events_file(paths[i]))
				*person_bytes += (uint64_t)sb.st_size;
		}
	}
	return total;
}

/* One number SQL answers: how many persons there are (count(*)), about
 * how many events (the largest rowid, at once), the page cache's size. */
static pl_rc how_many(registry *r, const char *sql, int64_t *out, pl_err *err)
{
	sqlite3_stmt *s;
	pl_rc rc = store_stmt(r->st, sql, &s, err);
	if(rc)
		return rc;
	int x = sqlite3_step(s);
	*out = x == SQLITE_ROW ? sqlite3_column_int64(s, 0) : 0;
	sqlite3_reset(s);
	return x == SQLITE_ROW ? PL_OK : store_fail(r->st, err, x, "counting rows");
}

pl_rc registry_import(store *st, const char *const *paths, size_t npaths,
                         const import_opts *o, import_report *rep, pl_err *err)
{
	/* The report first: the caller frees it whatever this returns. */
	memset(rep, 0, sizeof(*rep));
	buf_init(&rep->errors, 0);
	buf_init(&rep->coded, 0);
	buf_init(&rep->columns_read, 0);
	registry *r;
	pl_rc rc = registry_get(st, &r, err);
	if(rc)
		return rc;
	importer im = {
		.r = r, .rep = rep, .progress = o->progress, .progress_ctx = o->progress_ctx,
		.rights = o->rights ? o->rights : WRITE_ALL,
	};
	problems_init(&im.pb, &rep->errors, o->max_errors);
	im.pb.coded = &rep->coded;
	arena_init(&im.row, 0);
	arena_init(&im.keep, 0);
	buf_init(&im.last.audit, 0);
	im.last.dated.audit = &im.last.audit;
	uint64_t person_bytes, bytes = input_bytes(paths, npaths, &person_bytes);
	bool bulk = bytes > (o->bulk_bytes ? o->bulk_bytes : BULK_BYTES) && store_bulk_begin(r->st);
	rc = store_begin(r->st, err);
	if(rc) {
		if(bulk)
			store_bulk_end(r->st);
		return rc;
	}
	/* When the files hold more persons than the registry (roughly: a person
	 * takes 250 bytes or more of CSV or JSON), the indexes nothing reads
	 * during an import are dropped and built again at the end: the
	 * audit's and the persons' (only the one by status when the files are
	 * all events: rebuilding all of them after a million persons' events
	 * took 8% of that import). The events' are read while importing (a
	 * person's events, a uid's), but for the returns by date, a twentieth
	 * of them: kept up as they go in, they cost less than a pass over
	 * every event at the end would. */
	store_deferred deferred = {.n = 0};
	static const char *const defer_all[] = {"person", "person_state", NULL};
	static const char *const defer_events[] = {"person_state_status", NULL};
	int64_t persons = 0;
	if(bulk && !(rc = how_many(r, "SELECT count(*) FROM person", &persons, err)) &&
	   (uint64_t)persons < bytes / 250) {
		rc = store_indexes_defer(r->st, (uint64_t)persons < person_bytes / 250 ? defer_all : defer_events,
		                         &deferred, err);
		if(!rc)
			rc = audit_indexes_defer(r->st, &deferred, err);
	}
	/* When the events files hold more events than the registry (an event
	 * takes about 100 bytes of CSV), their ids are checked in memory and
	 * the index of them is built at the end: reading the ids there and
	 * sorting them all once is cheaper than a random insert into that
	 * index per event. Their table is made for rows of 150 bytes: too
	 * small, it grows; too large, it holds memory it does not use. */
	int64_t events = 0;
	if(!rc && bulk && bytes > person_bytes &&
	   !(rc = how_many(r, "SELECT max(id) FROM event", &events, err)) &&
	   (uint64_t)events < (bytes - person_bytes) / 100)
		rc = event_ids_defer(r, &im.ids, (size_t)events + (bytes - person_bytes) / 150, err);
	/* When the events files hold about as many events as there are
	 * persons or more, the persons' ids are read once into memory
	 * (person_ids_load): a scan of their index costs less than that many
	 * probes into it. */
	if(!rc && bulk && bytes > person_bytes && persons &&
	   (bytes - person_bytes) / 100 >= (uint64_t)persons)
		rc = person_ids_load(r, &im.persons, (size_t)persons, err);
	for(size_t i = 0; i < npaths && !rc; i++) {
		bool again = false;
		rc = import_file(&im, paths[i], o->names ? o->names[i] : NULL, o, &again, err);
	}
	if(!rc && !im.pb.failed)
		rc = check_statuses(&im, err);
	/* The indexes are built with a small page cache: it is the memory of
	 * SQLite's sorter (with temporary files on disk, store_bulk_begin),
	 * which with the bulk load's 512 MiB sorted millions of rows as one
	 * list, mostly in cache misses; in pieces of 16 MiB, merged, the
	 * events' index by type and date took half as long at a million
	 * persons (5.0 s of CPU instead of 10.2, `sqlite3`). Then the cache is
	 * as it was, for the name index's keys. */
	int64_t cache = 0;
	bool small = !rc && !im.pb.failed && bulk && (im.ids.cap || deferred.n) &&
	             !(rc = how_many(r, "PRAGMA cache_size", &cache, err)) &&
	             !(rc = store_exec(r->st, "PRAGMA cache_size = -16384", err));
	if(!rc && !im.pb.failed && (rc = event_ids_restore(r, &im.ids, err)))
		rc = import_row_failure(&im, 0, rc, err);
	if(!rc && !im.pb.failed && deferred.n)
		rc = store_indexes_restore(r->st, &deferred, err);
	if(small) {
		char sql[64];
		snprintf(sql, sizeof(sql), "PRAGMA cache_size = %lld", (long long)cache);
		sqlite3_exec(store_db(r->st), sql, NULL, NULL, NULL); /* a smaller cache only costs time */
	}
	if(!rc && !im.pb.failed && bulk && rep->persons_created + rep->persons_updated > 0)
		rc = person_fts_optimize(r, err);
	rc = problems_result(&im.pb, rc, err);
	rc = store_end(r->st, rc, err);
	for(int i = 0; i < deferred.n; i++) /* not restored: rolled back with the rest */
		sqlite3_free(deferred.sql[i]);
	if(bulk)
		store_bulk_end(r->st);
	if(rc)
		*rep = (import_report){.errors = rep->errors, .coded = rep->coded, .rows = rep->rows,
		                       .columns_read = rep->columns_read};
	free(im.checks);
	event_ids_free(&im.ids);
	event_ids_free(&im.persons);
	arena_free(&im.row);
	arena_free(&im.keep);
	buf_free(&im.last.audit);
	return rc;
}

void import_report_free(import_report *rep)
{
	buf_free(&rep->errors);
	buf_free(&rep->coded);
	buf_free(&rep->columns_read);
}
