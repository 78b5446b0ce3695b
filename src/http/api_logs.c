/* The auditor's logs: the audit chain and the access log, searched by
 * person (id or name), user, action and time, a page at a time (keyset:
 * "next" names the page after), each person named, and exported whole as
 * CSV (the export is itself audited). */
#include <stdlib.h>
#include <string.h>

#include "audit/audit.h"
#include "core/csv.h"
#include "http/internal.h"

enum {
	LOG_PAGE = 100,        /* entries a page holds unless asked */
	LOG_PAGE_MAX = 1000,   /* and at most */
	NAME_PERSONS_MAX = 500 /* persons a name may stand for in a search */
};

/* ---- the filter ------------------------------------------------------- */

/* A date, or a UTC timestamp as the browser sends one
 * (2026-12-06T09:30:00.000Z, seconds and fraction optional). */
static bool time_valid(const char *v, const char **why)
{
	pdate d;
	char day[11];
	snprintf(day, sizeof(day), "%s", v);
	if(!date_parse(day, &d, why) || strlen(day) != 10)
		return *why = *why ? *why : "expected YYYY-MM-DD", false;
	const char *t = v + 10;
	if(!*t)
		return true;
	size_t n = strlen(t);
	bool ok = n >= 7 && t[0] == 'T' && t[n - 1] == 'Z' && strspn(t + 1, "0123456789:.") == n - 2 &&
	          t[3] == ':';
	*why = "expected YYYY-MM-DD or YYYY-MM-DDTHH:MM[:SS[.sss]]Z (UTC)";
	return ok;
}

static bool query_time(http_req *q, const char *name, const char **out)
{
	const char *why = NULL;
	*out = http_query(q, name);
	if(*out && !time_valid(*out, &why)) {
		http_error_why(q, MHD_HTTP_BAD_REQUEST, name, why);
		return false;
	}
	return true;
}

static bool query_count(http_req *q, const char *name, int64_t max, int64_t *out)
{
	const char *v = http_query(q, name);
	if(!v)
		return true;
	char *end;
	long long n = strtoll(v, &end, 10);
	if(*end || end == v || n < 0 || n > max) {
		http_errorc(q, MHD_HTTP_BAD_REQUEST, "bad_input", name, "http.expected_int", "field", name, "min",
		            "0", "max", PL_N(max), NULL);
		return false;
	}
	*out = n;
	return true;
}

/* The persons a name stands for, as a JSON array of uids in the arena;
 * too many is refused (a page of Олександр helps nobody). *none: nobody
 * has the name. */
static bool name_persons(http_req *q, const char *name, const char **uids, bool *none)
{
	person_query pq = PERSON_QUERY_INIT;
	pq.name = name;
	pq.limit = NAME_PERSONS_MAX;
	person_page page;
	pl_err err = {0};
	if(registry_search(q->st, &pq, &q->a, &page, &err)) {
		http_fail_field(q, &err, "name");
		return false;
	}
	if(page.total > NAME_PERSONS_MAX || page.total_capped) {
		http_errorc(q, MHD_HTTP_UNPROCESSABLE_CONTENT, "bad_input", "name", "http.name_many", "name", name,
		            "max", PL_N(NAME_PERSONS_MAX), NULL);
		return false;
	}
	json_t *a = json_array();
	for(size_t i = 0; a && i < page.n; i++)
		json_array_append_new(a, json_string(page.rows[i].uid));
	char *text = a ? json_dumps(a, JSON_COMPACT) : NULL;
	json_decref(a);
	*uids = text ? arena_strdup(&q->a, text) : NULL;
	free(text);
	*none = page.n == 0;
	if(!*uids) {
		http_errorc(q, MHD_HTTP_INTERNAL_SERVER_ERROR, "internal", NULL, "http.nomem", NULL);
		return false;
	}
	return true;
}

/* The filter of the query string; false, answered, if it is bad. */
static bool log_filter(http_req *q, audit_filter *f, int64_t page, bool *nobody)
{
	*f = (audit_filter){.limit = page};
	*nobody = false;
	f->entity_uid = http_query(q, "person");
	f->actor = http_query(q, "actor");
	f->action = http_query(q, "action");
	const char *name = http_query(q, "name");
	if(!query_time(q, "since", &f->since) || !query_time(q, "until", &f->until) ||
	   !query_count(q, "before", INT64_MAX, &f->before) ||
	   !query_count(q, "limit", page ? LOG_PAGE_MAX : INT64_MAX, &f->limit))
		return false;
	if(page && !f->limit)
		f->limit = page;
	return !name || !*name || name_persons(q, name, &f->entity_uids, nobody);
}

/* ---- persons named ------------------------------------------------------ */

/* Each entry that names a person (by `key`) gets "person_name", read for
 * the whole batch at once. */
static pl_rc add_names(http_req *q, json_t *rows, const char *key, arena *a, pl_err *err)
{
	size_t n = json_array_size(rows);
	if(!n)
		return PL_OK;
	const char **uids = arena_alloc(a, n * sizeof(*uids));
	int64_t *ids = arena_alloc(a, n * sizeof(*ids));
	person_brief *b = arena_alloc(a, n * sizeof(*b));
	if(!uids || !ids || !b)
		return pl_nomem(err);
	for(size_t i = 0; i < n; i++) {
		const char *u = json_string_value(json_object_get(json_array_get(rows, i), key));
		uids[i] = u && registry_uid_valid('P', u) ? u : NULL;
	}
	pl_rc rc = registry_person_ids(q->st, uids, n, ids, err);
	if(!rc)
		rc = registry_person_briefs(q->st, ids, n, a, b, err);
	for(size_t i = 0; !rc && i < n; i++) {
		if(!b[i].id)
			continue;
		const char *sur = b[i].surname ? b[i].surname : b[i].surname_latin;
		const char *giv = b[i].surname ? b[i].given_names : b[i].given_names_latin;
		const char *pat = b[i].surname ? b[i].patronymic : b[i].patronymic_latin;
		char text[384];
		snprintf(text, sizeof(text), "%s%s%s%s%s", sur ? sur : "", giv ? " " : "", giv ? giv : "",
		         pat ? " " : "", pat ? pat : "");
		json_object_set_new(json_array_get(rows, i), "person_name", json_string(text));
	}
	return rc;
}

/* ---- a page ------------------------------------------------------------- */

typedef struct log_page {
	json_t *rows;
	int64_t limit, last;  /* the last entry kept: the next page is before it */
	bool more;
} log_page;

static pl_rc page_add(log_page *p, json_t *row, int64_t key)
{
	if(!row)
		return PL_ENOMEM;
	if((int64_t)json_array_size(p->rows) == p->limit) {
		p->more = true; /* the one asked beyond the page */
		json_decref(row);
		return PL_OK;
	}
	p->last = key;
	return json_array_append_new(p->rows, row) ? PL_ENOMEM : PL_OK;
}

static pl_rc audit_row(void *ctx, const audit_entry *e)
{
	return page_add(ctx, audit_entry_json(e), e->seq);
}

static pl_rc access_row(void *ctx, const access_entry *e)
{
	return page_add(ctx, access_entry_json(e), e->id);
}

/* The persons the rows of a log show (by their uid in the audit log's
 * entity_id or the access log's person), each once, into *out (from a). */
static size_t shown_persons(json_t *rows, bool access, arena *a, const char ***out)
{
	size_t n = json_array_size(rows), k = 0;
	const char **uids = *out = arena_calloc(a, n + 1, sizeof(char *));
	for(size_t i = 0; uids && i < n; i++) {
		const char *u = json_string_value(json_object_get(json_array_get(rows, i), access ? "person" : "entity_id"));
		if(!u || !registry_uid_valid('P', u))
			continue;
		size_t j = 0;
		while(j < k && strcmp(uids[j], u))
			j++;
		if(j == k)
			uids[k++] = u;
	}
	return k;
}

/* The persons a view of the logs shows (the audit log's values before and
 * after, either log's names), each once, in the access log: reading the
 * logs is reading them. False, answered, if they could not be recorded. */
static bool log_shown(http_req *q, json_t *rows, bool access)
{
	const char **uids;
	size_t k = shown_persons(rows, access, &q->a, &uids);
	if(!uids) {
		http_errorc(q, MHD_HTTP_INTERNAL_SERVER_ERROR, "internal", NULL, "http.nomem", NULL);
		return false;
	}
	return http_log_reads(q, uids, k, access ? "access" : "audit", access ? "access view" : "audit view");
}

static void send_log(http_req *q, bool access)
{
	audit_filter f;
	bool nobody;
	if(!log_filter(q, &f, LOG_PAGE, &nobody))
		return;
	log_page p = {json_array(), f.limit, 0, false};
	f.limit++; /* one more, to know whether a next page is there */
	pl_err err = {0};
	pl_rc rc = access ? audit_access_list(q->st, &f, access_row, &p, &err)
	                  : audit_list(q->st, &f, audit_row, &p, &err);
	if(!rc)
		rc = add_names(q, p.rows, access ? "person" : "entity_id", &q->a, &err);
	if(rc) {
		json_decref(p.rows);
		if(rc == PL_ENOMEM)
			pl_nomem(&err);
		http_fail(q, &err);
		return;
	}
	if(!log_shown(q, p.rows, access)) {
		json_decref(p.rows);
		return;
	}
	json_t *doc = json_pack("{s:o, s:I}", "entries", p.rows, "limit", (json_int_t)p.limit);
	if(p.more)
		json_object_set_new(doc, "next", json_integer(p.last));
	/* An empty answer says why when a name found nobody. */
	if(nobody)
		json_object_set_new(doc, "note", json_string("no person has this name"));
	http_json(q, MHD_HTTP_OK, doc);
}

void api_audit(http_req *q)
{
	send_log(q, false);
}

void api_access(http_req *q)
{
	send_log(q, true);
}

/* ---- export -------------------------------------------------------------- */

enum { EXPORT_BATCH = 1000 }; /* entries named and written at a time */

static const char *const audit_cols[] = {"seq", "ts", "actor", "action", "entity", "entity_id",
                                         "person_name", "before", "after", "hash", NULL};
static const char *const access_cols[] = {"id", "ts", "actor", "person", "person_name", "action",
                                          "detail", NULL};

typedef struct export_ctx {
	http_req *q;
	bool access;
	json_t *batch;
	FILE *f;
	buf line;
	int64_t rows;
	pl_err *err;
} export_ctx;

/* One entry's columns as text (objects as compact JSON), into line. */
static pl_rc csv_row(export_ctx *x, json_t *row, const char *const *cols)
{
	const char *v[12];
	char *dumped[12] = {0};
	size_t n = 0;
	for(; cols[n]; n++) {
		json_t *j = json_object_get(row, cols[n]);
		if(json_is_string(j))
			v[n] = json_string_value(j);
		else if(json_is_integer(j) || json_is_object(j) || json_is_array(j))
			v[n] = dumped[n] = json_dumps(j, JSON_COMPACT | JSON_ENCODE_ANY | JSON_PRESERVE_ORDER);
		else
			v[n] = NULL;
	}
	pl_rc rc = csv_format_record(&x->line, v, n);
	for(size_t k = 0; k < n; k++)
		free(dumped[k]);
	return rc;
}

/* The batch named and written; then emptied. */
static pl_rc flush_batch(export_ctx *x)
{
	arena a;
	arena_init(&a, 0);
	pl_rc rc = add_names(x->q, x->batch, x->access ? "person" : "entity_id", &a, x->err);
	/* The persons of the batch in the access log before they are written. */
	const char **uids;
	size_t k = rc ? 0 : shown_persons(x->batch, x->access, &a, &uids);
	if(!rc && !uids)
		rc = pl_nomem(x->err);
	if(!rc)
		rc = http_log_reads_rc(x->q, uids, k, x->access ? "access" : "audit",
		                       x->access ? "access log export" : "audit log export", x->err);
	buf_reset(&x->line);
	for(size_t i = 0; !rc && i < json_array_size(x->batch); i++)
		if(csv_row(x, json_array_get(x->batch, i), x->access ? access_cols : audit_cols))
			rc = pl_nomem(x->err);
	if(!rc && x->line.len && fwrite(x->line.ptr, 1, x->line.len, x->f) != x->line.len)
		rc = http_export_failed(x->err);
	json_array_clear(x->batch);
	arena_free(&a);
	return rc;
}

static pl_rc export_add(export_ctx *x, json_t *row)
{
	if(!row || json_array_append_new(x->batch, row))
		return pl_nomem(x->err);
	x->rows++;
	return json_array_size(x->batch) == EXPORT_BATCH ? flush_batch(x) : PL_OK;
}

static pl_rc export_audit_row(void *ctx, const audit_entry *e)
{
	return export_add(ctx, audit_entry_json(e));
}

static pl_rc export_access_row(void *ctx, const access_entry *e)
{
	return export_add(ctx, access_entry_json(e));
}

/* The export in the audit chain: which log, the filter, how many rows. */
static pl_rc audit_export(http_req *q, bool access, const audit_filter *f, int64_t rows, pl_err *err)
{
	json_t *after = json_pack("{s:s, s:I, s:s?, s:s?, s:s?, s:s?, s:s?, s:s?}", "log",
	                          access ? "access" : "audit", "rows", (json_int_t)rows, "person",
	                          f->entity_uid, "name", http_query(q, "name"), "actor", f->actor,
	                          "action", f->action, "since", f->since, "until", f->until);
	char *text = after ? json_dumps(after, JSON_COMPACT | JSON_PRESERVE_ORDER) : NULL;
	json_decref(after);
	if(!text)
		return pl_nomem(err);
	pl_rc rc = store_begin(q->st, err);
	if(!rc)
		rc = store_end(q->st, audit_append(q->st, NULL, "export", access ? "access_log" : "audit_log",
		                                   NULL, NULL, text, err), err);
	free(text);
	return rc;
}

static void export_log(http_req *q, bool access)
{
	audit_filter f;
	bool nobody;
	if(!log_filter(q, &f, 0, &nobody))
		return;
	pl_err err = {0};
	int fd;
	export_ctx x = {q, access, json_array(), NULL, {0}, 0, &err};
	buf_init(&x.line, 0);
	x.f = http_download_open(q, &fd, &err);
	pl_rc rc = !x.f ? PL_EIO : !x.batch ? pl_nomem(&err) : PL_OK;
	if(!rc) {
		buf_reset(&x.line);
		if(csv_format_record(&x.line, access ? access_cols : audit_cols,
		                     access ? 7 : 10) ||
		   fwrite(x.line.ptr, 1, x.line.len, x.f) != x.line.len)
			rc = http_export_failed(&err);
	}
	if(!rc)
		rc = access ? audit_access_list(q->st, &f, export_access_row, &x, &err)
		            : audit_list(q->st, &f, export_audit_row, &x, &err);
	if(!rc)
		rc = flush_batch(&x);
	if(!rc)
		rc = audit_export(q, access, &f, x.rows, &err);
	json_decref(x.batch);
	buf_free(&x.line);
	char day[DATE_STR_MAX], name[64];
	date_format(date_today(), day);
	snprintf(name, sizeof(name), "parley-%s-log-%s.csv", access ? "access" : "audit", day);
	http_download_send(q, x.f, x.f ? fd : -1, rc, &err, name, "text/csv; charset=utf-8");
}

void api_audit_export(http_req *q)
{
	export_log(q, false);
}

void api_access_export(http_req *q)
{
	export_log(q, true);
}

void api_audit_verify(http_req *q)
{
	audit_verify_report rep;
	pl_err err = {0};
	pl_rc rc = audit_verify(q->st, &rep, &err);
	if(rc && rc != PL_EINTEGRITY) {
		http_fail(q, &err);
		return;
	}
	char head[2 * AUDIT_HASH_SIZE + 1];
	audit_hex(rep.head, head);
	http_json(q, MHD_HTTP_OK,
	          json_pack("{s:b, s:I, s:s, s:I, s:s?}", "intact", rc == PL_OK, "entries",
	                    (json_int_t)rep.entries, "head", head, "first_bad",
	                    (json_int_t)rep.first_bad, "error", rc ? err.msg : NULL));
}
