/* Import, export and the dashboard's counts. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <sodium.h>

#include "http/internal.h"
#include "sign/crypt.h"

/* ---- import progress, for the UI's progress bar ----------------------- */

/* The client names its import (X-Import-Id) and asks GET /api/imports/{id}
 * while it runs; a slot is keyed by user and name, so nobody sees another
 * user's imports. The import handlers' state (GROUP_IMPORTS). */
typedef struct import_watch {
	pthread_mutex_t mu;
	struct {
		int64_t user_id;
		char id[PARAM_MAX];
		char file[128];
		uint64_t done, total;
		long rows;
		bool running;
		int64_t touched;
	} slot[32];
} import_watch;

pl_rc import_watch_init(const http_server *s, void **state, pl_err *err)
{
	import_watch *w = calloc(1, sizeof(*w));
	if(!w)
		return pl_nomem(err);
	pthread_mutex_init(&w->mu, NULL);
	*state = w;
	return PL_OK;
}

void import_watch_free(void *state)
{
	import_watch *w = state;
	if(!w)
		return;
	pthread_mutex_destroy(&w->mu);
	free(w);
}

typedef struct watched {
	import_watch *w;
	int slot;                 /* -1: not watched */
} watched;

static void on_progress(void *ctx, const char *file, uint64_t done, uint64_t total, long rows)
{
	watched *wd = ctx;
	if(wd->slot < 0)
		return;
	pthread_mutex_lock(&wd->w->mu);
	snprintf(wd->w->slot[wd->slot].file, sizeof(wd->w->slot[0].file), "%s", file);
	wd->w->slot[wd->slot].done = done;
	wd->w->slot[wd->slot].total = total;
	wd->w->slot[wd->slot].rows = rows;
	wd->w->slot[wd->slot].touched = time(NULL);
	pthread_mutex_unlock(&wd->w->mu);
}

/* Take a slot for (user, id): a free one, or the oldest finished one. */
static int watch_begin(import_watch *w, int64_t user_id, const char *id)
{
	int best = -1;
	pthread_mutex_lock(&w->mu);
	for(int i = 0; i < (int)(sizeof(w->slot) / sizeof(w->slot[0])); i++) {
		if(w->slot[i].running)
			continue;
		if(best < 0 || w->slot[i].touched < w->slot[best].touched)
			best = i;
	}
	if(best >= 0) {
		memset(&w->slot[best], 0, sizeof(w->slot[best]));
		w->slot[best].user_id = user_id;
		snprintf(w->slot[best].id, sizeof(w->slot[best].id), "%s", id);
		w->slot[best].running = true;
		w->slot[best].touched = time(NULL);
	}
	pthread_mutex_unlock(&w->mu);
	return best;
}

static void watch_end(import_watch *w, int slot)
{
	if(slot < 0)
		return;
	pthread_mutex_lock(&w->mu);
	w->slot[slot].running = false;
	w->slot[slot].touched = time(NULL);
	pthread_mutex_unlock(&w->mu);
}

void api_import_progress(http_req *q)
{
	import_watch *w = q->srv->state[GROUP_IMPORTS];
	json_t *o = NULL;
	pthread_mutex_lock(&w->mu);
	for(size_t i = 0; i < sizeof(w->slot) / sizeof(w->slot[0]) && !o; i++)
		if(w->slot[i].user_id == q->who.id && !strcmp(w->slot[i].id, q->param[0]))
			o = json_pack("{s:s, s:s, s:I, s:I, s:I, s:b}", "id", w->slot[i].id, "file",
			              w->slot[i].file, "bytes_done", (json_int_t)w->slot[i].done,
			              "bytes_total", (json_int_t)w->slot[i].total, "rows",
			              (json_int_t)w->slot[i].rows, "running", w->slot[i].running);
	pthread_mutex_unlock(&w->mu);
	if(o)
		http_json(q, MHD_HTTP_OK, o);
	else
		http_errorc(q, MHD_HTTP_NOT_FOUND, "not_found", "id", "http.no_import", "import", q->param[0], NULL);
}

/* ---- import ----------------------------------------------------------- */

void api_import(http_req *q)
{
	if(q->nuploads == 0) {
		http_errorc(q, MHD_HTTP_UNPROCESSABLE_CONTENT, "bad_input", "file", "http.no_upload", NULL);
		return;
	}
	const char *paths[UPLOADS_MAX], *names[UPLOADS_MAX];
	for(int i = 0; i < q->nuploads; i++) {
		paths[i] = q->upload_path[i];
		names[i] = q->upload_name[i];
	}
	const char *id = MHD_lookup_connection_value(q->conn, MHD_HEADER_KIND, "X-Import-Id");
	watched wd = {q->srv->state[GROUP_IMPORTS], -1};
	if(id && strlen(id) < PARAM_MAX && strspn(id, "abcdefghijklmnopqrstuvwxyz0123456789-_") ==
	                                           strlen(id))
		wd.slot = watch_begin(wd.w, q->who.id, id);
	const char *format = http_query(q, "format");
	import_opts o = {
		.format = !format ? FORMAT_AUTO : !strcmp(format, "csv") ? FORMAT_CSV : FORMAT_JSON,
		.names = names,
		.rights = http_write_rights(q),
		.progress = on_progress,
		.progress_ctx = &wd,
		/* Other connections are open: a bulk load would need the database
		 * to itself. */
		.bulk_bytes = UINT64_MAX,
	};
	if(format && strcmp(format, "csv") && strcmp(format, "json")) {
		watch_end(wd.w, wd.slot);
		http_errorc(q, MHD_HTTP_BAD_REQUEST, "bad_input", "format", "http.one_of", "field", "format",
		            "allowed", "csv, json", NULL);
		return;
	}
	import_report rep;
	pl_err err = {0};
	pl_rc rc = registry_import(q->st, paths, (size_t)q->nuploads, &o, &rep, &err);
	watch_end(wd.w, wd.slot);
	if(rc == PL_EINPUT) {
		/* The same problems, file:line: column, as the CLI prints. */
		http_refuse_problems(q, &err, &rep.errors, &rep.coded, rep.rows);
	} else if(rc) {
		http_fail(q, &err);
	} else {
		http_json(q, MHD_HTTP_OK,
		          json_pack("{s:I, s:I, s:I, s:I, s:I, s:I, s:i, s:s}", "rows", (json_int_t)rep.rows,
		                    "persons_created", (json_int_t)rep.persons_created, "persons_updated",
		                    (json_int_t)rep.persons_updated, "persons_unchanged",
		                    (json_int_t)rep.persons_unchanged, "events_added",
		                    (json_int_t)rep.events_added, "events_unchanged",
		                    (json_int_t)rep.events_unchanged, "files_already_imported",
		                    rep.files_already_imported, "columns_read", buf_str(&rep.columns_read)));
	}
	import_report_free(&rep); /* whatever registry_import returned */
}

/* ---- export ----------------------------------------------------------- */

/* What an export is asked for: from the query (GET) or the body (POST). */
typedef struct export_ask {
	const char *format, *what, *raw, *fields, *passphrase;
	const crypt_key *recipient;
} export_ask;

static void export_run(http_req *q, const export_ask *a)
{
	bool csv = a->format && !strcmp(a->format, "csv");
	bool events = a->what && !strcmp(a->what, "events");
	if(a->raw && strcmp(a->raw, "true") && strcmp(a->raw, "false")) {
		http_errorc(q, MHD_HTTP_BAD_REQUEST, "bad_input", "raw", "http.one_of", "field", "raw",
		            "allowed", "true, false", NULL);
		return;
	}
	if(a->format && !csv && strcmp(a->format, "json")) {
		http_errorc(q, MHD_HTTP_BAD_REQUEST, "bad_input", "format", "http.one_of", "field", "format",
		            "allowed", "json, csv", NULL);
		return;
	}
	if(a->what && !events && strcmp(a->what, "persons")) {
		http_errorc(q, MHD_HTTP_BAD_REQUEST, "bad_input", "what", "http.one_of", "field", "what", "allowed",
		            "persons, events", NULL);
		return;
	}
	if(events && !csv) {
		http_errorc(q, MHD_HTTP_BAD_REQUEST, "bad_input", "what", "http.export_events_json", NULL);
		return;
	}
	pl_err err = {0};
	bool fields[PF_COUNT];
	if(a->fields && (events || registry_fields_parse(a->fields, fields, &err))) {
		if(events)
			pl_failc(&err, PL_EINPUT, "cli.fields_for_persons", NULL);
		http_refuse(q, MHD_HTTP_BAD_REQUEST, "bad_input", "fields", &err);
		return;
	}
	crypt_writer *w = NULL;
	crypt_to to = {.passphrase = a->passphrase, .recipient = a->recipient, .content = "export"};
	if(a->passphrase && !http_kdf_enter(q))
		return;
	int fd;
	FILE *f = http_download_open(q, &fd, &err);
	pl_rc rc = !f ? PL_EIO : a->passphrase || a->recipient ? crypt_writer_open(&w, f, &to, &err) : PL_OK;
	if(a->passphrase)
		http_kdf_leave(q);
	if(rc == PL_EINPUT) {
		fclose(f);
		close(fd);
		http_refuse(q, MHD_HTTP_UNPROCESSABLE_CONTENT, "bad_input", "passphrase", &err);
		return;
	}
	if(!rc)
		rc = registry_export_fields(q->st, w ? crypt_writer_file(w) : f, csv ? FORMAT_CSV : FORMAT_JSON,
		                           events ? EXPORT_EVENTS : EXPORT_PERSONS,
		                           (http_can(q, PERM_MEDICAL_READ) ? 0 : EXPORT_WITHHOLD_MEDICAL) |
		                               (a->raw && !strcmp(a->raw, "true") ? EXPORT_RAW : 0),
		                           a->fields ? fields : NULL, !a->fields, &err);
	if(w && rc)
		crypt_writer_abort(w);
	else if(w)
		rc = crypt_writer_finish(w, &err);
	char day[DATE_STR_MAX], name[64];
	date_format(date_today(), day);
	snprintf(name, sizeof(name), "parley-%s-%s.%s%s", events ? "events" : "persons", day,
	         csv ? "csv" : "json", w ? ".enc" : "");
	http_download_send(q, f, f ? fd : -1, rc, &err, name,
	                   w ? "application/octet-stream" : csv ? "text/csv; charset=utf-8" : "application/json");
}

void api_export(http_req *q)
{
	export_ask a = {http_query(q, "format"), http_query(q, "what"), http_query(q, "raw"),
	                http_query(q, "fields"), NULL, NULL};
	export_run(q, &a);
}

void api_export_encrypted(http_req *q)
{
	static const char *const keys[] = {"format", "what", "raw", "fields", "passphrase", "public_key", NULL};
	json_t *b = http_body(q, keys);
	export_ask a = {0};
	bool raw = false;
	const char *pub = NULL;
	crypt_key k;
	pl_err err = {0};
	if(b && http_opt_string(q, b, "format", &a.format) && http_opt_string(q, b, "what", &a.what) &&
	   http_opt_bool(q, b, "raw", &raw) && http_opt_string(q, b, "fields", &a.fields) &&
	   http_opt_string(q, b, "passphrase", &a.passphrase) && http_opt_string(q, b, "public_key", &pub)) {
		a.raw = raw ? "true" : "false";
		if(!a.passphrase == !pub)
			http_errorc(q, MHD_HTTP_UNPROCESSABLE_CONTENT, "bad_input", "passphrase",
			            "http.export_passphrase", "field", "passphrase", NULL);
		else if(pub && crypt_key_parse_public(pub, strlen(pub), "public_key", &k, &err))
			http_refuse(q, MHD_HTTP_UNPROCESSABLE_CONTENT, "bad_input", "public_key", &err);
		else {
			a.recipient = pub ? &k : NULL;
			export_run(q, &a);
		}
	}
	/* The passphrase, cleared from the body and its copy. */
	json_t *v = json_object_get(b, "passphrase");
	if(json_is_string(v))
		sodium_memzero((char *)json_string_value(v), json_string_length(v));
	json_decref(b);
	if(q->body.ptr)
		sodium_memzero(q->body.ptr, q->body.len);
}

/* ---- the dashboard's counts ------------------------------------------- */

static json_t *counts_json(const count_row *rows, size_t n)
{
	json_t *a = json_array();
	for(size_t i = 0; i < n; i++)
		json_array_append_new(a, json_pack("{s:s?, s:I}", "value", rows[i].value, "count",
		                                   (json_int_t)rows[i].count));
	return a;
}

static json_t *bands_json(const long *bands)
{
	json_t *a = json_array();
	for(int i = 0; i < CAPTIVITY_BANDS; i++)
		json_array_append_new(a, json_pack("{s:s, s:I}", "band", captivity_band_names[i], "count",
		                                   (json_int_t)bands[i]));
	return a;
}

void api_stats(http_req *q)
{
	registry_stats st;
	pl_err err = {0};
	if(registry_stats_get(q->st, &q->a, &st, &err)) {
		http_fail(q, &err);
		return;
	}
	json_t *o = json_pack("{s:I, s:I, s:o, s:o, s:o, s:o, s:o, s:o, s:I}", "persons",
	                      (json_int_t)st.persons, "events", (json_int_t)st.events, "by_status",
	                      counts_json(st.by_status, st.n_status), "by_party",
	                      counts_json(st.by_party, st.n_party), "by_held_by",
	                      counts_json(st.by_held_by, st.n_held_by), "returns_by_month",
	                      counts_json(st.returns_by_month, st.n_returns), "held_for",
	                      bands_json(st.held_for), "returned_after", bands_json(st.returned_after),
	                      "captivity_unknown", (json_int_t)st.captivity_unknown);
	/* Even counted, the medical categories are for the medical roles. */
	if(http_can(q, PERM_MEDICAL_READ))
		json_object_set_new(o, "by_medical", counts_json(st.by_medical, st.n_medical));
	http_json(q, MHD_HTTP_OK, o);
}
