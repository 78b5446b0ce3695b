/* Remains over the API: cases with filters, one case with its custody
 * chain and fragments, the cases file imported (all or nothing), the
 * changes an identification officer makes, and the batches with declared
 * against received (docs/remains.md).
 *
 * A path names a case by its tag, or by its id (R...) when the tag has
 * characters a path parameter cannot hold; a batch by its label or id
 * (B...). The persons a case is identified as are written to the access
 * log when it is shown. */
#include <stddef.h>
#include <string.h>

#include "accord/ledger.h"
#include "accord/stage.h"
#include "http/internal.h"
#include "remains/remains.h"

/* ---- addressing --------------------------------------------------------- */

const char *http_case_tag(http_req *q, const char *p)
{
	const char *tag = p;
	pl_err err = {0};
	if(registry_uid_valid('R', p)) {
		pl_rc rc = remains_case_tag(q->st, p, &q->a, &tag, &err);
		if(rc == PL_ENOTFOUND)
			tag = p; /* a tag that looks like an id */
		else if(rc) {
			http_fail(q, &err);
			return NULL;
		}
	}
	return tag;
}

/* The tag of the case the path names; NULL, answered, if none. */
static const char *case_tag(http_req *q)
{
	return http_case_tag(q, q->param[0]);
}

/* The label of the batch the path names (its label, or its id). */
static const char *batch_label(http_req *q)
{
	const char *p = q->param[0];
	if(!registry_uid_valid('B', p))
		return p;
	remains_batch *b;
	size_t n;
	pl_err err = {0};
	if(remains_batch_list(q->st, NULL, &q->a, &b, &n, &err)) {
		http_fail(q, &err);
		return NULL;
	}
	for(size_t i = 0; i < n; i++)
		if(!strcmp(b[i].uid, p))
			return b[i].label;
	return p;
}

/* ---- reading ------------------------------------------------------------ */

/* The persons the cases are identified as, into the access log. */
static bool log_cases(http_req *q, const remains_case *c, size_t n, const char *action)
{
	return http_log_rows(q, c, n, sizeof(*c), offsetof(remains_case, person), action, "remains");
}

static bool page_of(http_req *q, remains_query *rq)
{
	long limit = 50, offset = 0;
	if(!http_query_long(q, "limit", 1, 1000, &limit) ||
	   !http_query_long(q, "offset", 0, 100000000, &offset))
		return false;
	rq->limit = (size_t)limit;
	rq->offset = (size_t)offset;
	return true;
}

/* remains_list, its filters' errors as the query's. */
static bool list_cases(http_req *q, const remains_query *rq, remains_page *pg)
{
	pl_err err = {0};
	pl_rc rc = remains_list(q->st, rq, &q->a, pg, &err);
	if(rc == PL_EUSAGE)
		http_refuse(q, MHD_HTTP_BAD_REQUEST, "bad_input", NULL, &err);
	else if(rc)
		http_fail(q, &err);
	return !rc && log_cases(q, pg->rows, pg->n, "list");
}

void api_remains_list(http_req *q)
{
	remains_query rq = REMAINS_QUERY_INIT;
	rq.batch = http_query(q, "batch");
	rq.status = http_query(q, "status");
	rq.condition = http_query(q, "condition");
	rq.text = http_query(q, "tag");
	remains_page pg;
	if(page_of(q, &rq) && list_cases(q, &rq, &pg))
		http_json(q, MHD_HTTP_OK, remains_page_json(&pg, &rq));
}

void api_remains_get(http_req *q)
{
	const char *tag = case_tag(q);
	if(!tag)
		return;
	remains_case_detail d;
	pl_err err = {0};
	if(remains_case_get(q->st, tag, &q->a, &d, &err)) {
		http_fail_field(q, &err, "tag");
		return;
	}
	const char **uids = arena_calloc(&q->a, 1 + d.nfragments + d.nrelated, sizeof(char *));
	size_t n = 0;
	if(uids && d.c.person)
		uids[n++] = d.c.person;
	for(size_t i = 0; uids && i < d.nfragments; i++)
		if(d.fragments[i].person)
			uids[n++] = d.fragments[i].person;
	for(size_t i = 0; uids && i < d.nrelated; i++)
		if(d.related[i].person)
			uids[n++] = d.related[i].person;
	if(!uids)
		http_errorc(q, MHD_HTTP_INTERNAL_SERVER_ERROR, "internal", NULL, "http.nomem", NULL);
	else if(http_log_reads(q, uids, n, "show", "remains"))
		http_json(q, MHD_HTTP_OK, remains_case_detail_json(&d));
}

void api_remains_batches(http_req *q)
{
	remains_batch *b;
	size_t n;
	pl_err err = {0};
	if(remains_batch_list(q->st, stage_uid_by_id, &q->a, &b, &n, &err)) {
		http_fail(q, &err);
		return;
	}
	json_t *a = json_array();
	for(size_t i = 0; i < n; i++)
		json_array_append_new(a, remains_batch_json(&b[i]));
	http_json(q, MHD_HTTP_OK, json_pack("{s:o}", "batches", a));
}

void api_remains_batch_get(http_req *q)
{
	remains_query rq = REMAINS_QUERY_INIT;
	remains_batch b;
	remains_page pg;
	pl_err err = {0};
	if(!page_of(q, &rq) || !(rq.batch = batch_label(q)))
		return;
	if(remains_batch_get(q->st, rq.batch, stage_uid_by_id, &q->a, &b, &err)) {
		http_fail_field(q, &err, "label");
		return;
	}
	if(!list_cases(q, &rq, &pg))
		return;
	json_t *o = remains_batch_json(&b);
	json_object_set_new(o, "cases", remains_page_json(&pg, &rq));
	http_json(q, MHD_HTTP_OK, o);
}

/* ---- a batch recorded, and tied to its stage and clause ------------------- */

/* The body's field a refusal of remains_batch_add is about, from the name
 * its message starts with ("from: expected a party code ..."). */
static const char *batch_field(const pl_err *err)
{
	static const char *const map[][2] = {{"label:", "label"}, {"from:", "from_party"}, {"to:", "to_party"},
	                                     {"date:", "handover_date"}, {"note:", "note"},
	                                     {"declared:", "declared"}, {"a batch labelled", "label"}};
	for(size_t i = 0; i < sizeof(map) / sizeof(map[0]); i++)
		if(!strncmp(err->msg, map[i][0], strlen(map[i][0])))
			return map[i][1];
	return strstr(err->msg, "a batch goes from one party") ? "to_party" : NULL;
}

void api_remains_batch_add(http_req *q)
{
	static const char *const keys[] = {"label", "from_party", "to_party", "handover_date", "declared",
	                                   "note", NULL};
	remains_batch b = {.declared = 0};
	json_t *body = http_body(q, keys);
	bool ok = body && http_opt_string(q, body, "label", &b.label) &&
	          http_opt_string(q, body, "from_party", &b.from_party) &&
	          http_opt_string(q, body, "to_party", &b.to_party) &&
	          http_opt_string(q, body, "handover_date", &b.handover_date) &&
	          http_opt_string(q, body, "note", &b.note);
	/* The count the sender declared is what the ledger counts: required. */
	if(ok && !json_object_get(body, "declared")) {
		http_errorc(q, MHD_HTTP_UNPROCESSABLE_CONTENT, "bad_input", "declared", "http.declared", NULL);
		ok = false;
	}
	ok = ok && http_opt_long(q, body, "declared", 1, 100000000, &b.declared);
	pl_err err = {0};
	remains_batch got;
	if(ok && remains_batch_add(q->st, &b, &err))
		http_fail_field(q, &err, batch_field(&err));
	else if(ok && remains_batch_get(q->st, b.label, stage_uid_by_id, &q->a, &got, &err))
		http_fail(q, &err);
	else if(ok)
		http_json(q, MHD_HTTP_CREATED, remains_batch_json(&got));
	json_decref(body);
}

/* What a batch may be tied to: each agreement with a clause about
 * remains, those clauses, and its stages that are not cancelled. No
 * person is named: identification officers, who record batches, do not
 * read agreements otherwise. */
static json_t *tie_options(http_req *q, const char *name, pl_err *err)
{
	agreement ag;
	stage_row *rows;
	size_t n;
	if(agreement_get(q->st, name, &q->a, &ag, err))
		return NULL;
	json_t *clauses = json_array(), *stages = json_array();
	for(int i = 0; i < ag.nclauses; i++)
		if(ag.clauses[i].subject == SUBJECT_REMAINS)
			json_array_append_new(clauses, json_pack("{s:s, s:s?, s:o}", "id", ag.clauses[i].id, "title",
			                                         ag.clauses[i].title, "titles",
			                                         http_titles_json(&ag.clauses[i].titles)));
	stage_filter f = {.agreement = name, .status = -1};
	if(!json_array_size(clauses) || stage_list(q->st, &f, &q->a, &rows, &n, err))
		n = 0;
	for(size_t i = 0; i < n; i++)
		if(rows[i].status != STAGE_CANCELLED)
			json_array_append_new(stages, json_pack("{s:s, s:i, s:s?, s:s}", "id", rows[i].uid, "number",
			                                        rows[i].number, "date", rows[i].date, "status",
			                                        stage_status_name(rows[i].status)));
	return json_pack("{s:s, s:[s,s], s:o, s:o}", "id", ag.name, "parties", ag.party[0], ag.party[1], "clauses",
	                 clauses, "stages", stages);
}

void api_remains_ties(http_req *q)
{
	agreement_row *rows;
	size_t n;
	pl_err err = {0};
	if(agreement_list(q->st, &q->a, &rows, &n, &err)) {
		http_fail(q, &err);
		return;
	}
	json_t *out = json_array();
	for(size_t i = 0; i < n; i++) {
		json_t *o = tie_options(q, rows[i].name, &err);
		if(!o) {
			json_decref(out);
			http_fail(q, &err);
			return;
		}
		if(json_array_size(json_object_get(o, "clauses")))
			json_array_append(out, o);
		json_decref(o);
	}
	http_json(q, MHD_HTTP_OK, json_pack("{s:o}", "agreements", out));
}

void api_remains_batch_tie(http_req *q)
{
	static const char *const keys[] = {"agreement", "stage", "clause", "declared", NULL};
	ledger_tie t = {.declared = -1};
	json_t *b = http_body(q, keys);
	bool ok = b && (t.batch = batch_label(q)) && http_opt_string(q, b, "agreement", &t.agreement) &&
	          http_opt_string(q, b, "clause", &t.clause) &&
	          (json_is_null(json_object_get(b, "stage")) || http_opt_string(q, b, "stage", &t.stage)) &&
	          http_opt_long(q, b, "declared", 1, 100000000, &t.declared);
	pl_err err = {0};
	const char *field = NULL;
	remains_batch got;
	if(ok && ledger_batch_tie(q->st, &t, &field, &err))
		http_fail_field(q, &err, field);
	else if(ok && remains_batch_get(q->st, t.batch, stage_uid_by_id, &q->a, &got, &err))
		http_fail(q, &err);
	else if(ok)
		http_json(q, MHD_HTTP_OK, remains_batch_json(&got));
	json_decref(b);
}

/* ---- import --------------------------------------------------------------- */

void api_remains_import(http_req *q)
{
	long max_errors = 20;
	if(!http_one_upload(q, "http.send_cases") ||
	   !http_query_long(q, "max_errors", 1, 1000, &max_errors))
		return;
	remains_import_opts o = {.name = q->upload_name[0], .max_errors = (int)max_errors,
	                         .defaults = {http_query(q, "from"), http_query(q, "to"),
	                                      http_query(q, "date")}};
	remains_import_report rep;
	pl_err err = {0};
	pl_rc rc = remains_import(q->st, q->upload_path[0], &o, &rep, &err);
	if(!http_import_refused(q, rc, &err, &rep.errors, &rep.coded, rep.rows))
		http_json(q, MHD_HTTP_OK,
		          json_pack("{s:I, s:I, s:I, s:I, s:I, s:I, s:I, s:o}", "rows", (json_int_t)rep.rows,
		                    "created", (json_int_t)rep.created, "updated", (json_int_t)rep.updated,
		                    "unchanged", (json_int_t)rep.unchanged, "batches_created",
		                    (json_int_t)rep.batches_created, "custody_added",
		                    (json_int_t)rep.custody_added, "events_added", (json_int_t)rep.events_added,
		                    "notes", json_lines(&rep.notes)));
	remains_import_report_free(&rep);
}

/* ---- changes -------------------------------------------------------------- */

/* The body's name of the field a refusal is about. */
static const char *field_name(int f)
{
	switch(f) {
	case RF_TO_PARTY: return "to";
	case RF_HANDOVER_DATE: return "date";
	case RF_CUSTODY_SINCE: return "since";
	default: return f >= 0 && f < RF_COUNT ? remains_fields[f].name : NULL;
	}
}

/* What a change did, or why it was refused (naming the field if it is
 * about one). */
static void send_result(http_req *q, unsigned status, const char *tag, pl_rc rc,
                        const remains_result *res, const pl_err *err)
{
	if(rc) {
		http_fail_field(q, err, field_name(res->field));
		return;
	}
	json_t *o = remains_result_json(res);
	json_object_set_new(o, "tag", json_string(tag));
	http_json(q, status, o);
}

/* The body (keys allowed) and the case's tag; NULL, answered, if either
 * is wrong. */
static json_t *change_body(http_req *q, const char *const *keys, const char **tag)
{
	json_t *b = http_body(q, keys);
	if(b && !(*tag = case_tag(q))) {
		json_decref(b);
		return NULL;
	}
	return b;
}

void api_remains_custody(http_req *q)
{
	static const char *const keys[] = {"holder", "since", "note", NULL};
	const char *tag, *holder = NULL, *since = NULL, *note = NULL;
	json_t *b = change_body(q, keys, &tag);
	if(!b || !http_opt_string(q, b, "holder", &holder) || !http_opt_string(q, b, "since", &since) ||
	   !http_opt_string(q, b, "note", &note)) {
		json_decref(b);
		return;
	}
	pl_err err = {0};
	pl_rc rc = remains_custody_add(q->st, tag, holder, since, note, &err);
	if(rc)
		http_fail(q, &err);
	else
		http_json(q, MHD_HTTP_CREATED, json_pack("{s:s, s:i, s:s, s:s}", "tag", tag, "custody_added", 1,
		                                         "holder", holder, "since", since));
	json_decref(b);
}

void api_remains_fragment(http_req *q)
{
	static const char *const keys[] = {"label", "person", "description", NULL};
	const char *tag, *label = NULL, *who = NULL, *description = NULL;
	json_t *b = change_body(q, keys, &tag);
	if(!b || !http_opt_string(q, b, "label", &label) || !http_opt_string(q, b, "person", &who) ||
	   !http_opt_string(q, b, "description", &description)) {
		json_decref(b);
		return;
	}
	remains_result res;
	pl_err err = {0};
	pl_rc rc = remains_fragment_set(q->st, tag, label, who, description, &res, &err);
	send_result(q, MHD_HTTP_OK, tag, rc, &res, &err);
	json_decref(b);
}

void api_remains_identify(http_req *q)
{
	static const char *const keys[] = {"person", "confirm", NULL};
	const char *tag, *who = NULL;
	bool confirm = false;
	json_t *b = change_body(q, keys, &tag);
	if(!b || !http_opt_string(q, b, "person", &who) || !http_opt_bool(q, b, "confirm", &confirm)) {
		json_decref(b);
		return;
	}
	remains_result res;
	pl_err err = {0};
	pl_rc rc = remains_identify(q->st, tag, who, confirm, &res, &err);
	send_result(q, MHD_HTTP_OK, tag, rc, &res, &err);
	json_decref(b);
}

void api_remains_withdraw(http_req *q)
{
	const char *tag = case_tag(q);
	if(!tag)
		return;
	remains_result res;
	pl_err err = {0};
	pl_rc rc = remains_withdraw(q->st, tag, &res, &err);
	send_result(q, MHD_HTTP_OK, tag, rc, &res, &err);
}

void api_remains_return(http_req *q)
{
	static const char *const keys[] = {"to", "date", "note", NULL};
	const char *tag, *to = NULL, *date = NULL, *note = NULL;
	json_t *b = change_body(q, keys, &tag);
	if(!b || !http_opt_string(q, b, "to", &to) || !http_opt_string(q, b, "date", &date) ||
	   !http_opt_string(q, b, "note", &note)) {
		json_decref(b);
		return;
	}
	remains_result res;
	pl_err err = {0};
	pl_rc rc = remains_return(q->st, tag, to, date, note, &res, &err);
	send_result(q, MHD_HTTP_OK, tag, rc, &res, &err);
	json_decref(b);
}
