/* Reconciliation over the API: a list uploaded and matched against the
 * registry, decisions on its rows, and duplicates in the registry. */
#include <stdlib.h>
#include <string.h>

#include "accord/stage.h"
#include "family/family.h"
#include "http/internal.h"
#include "match/dedupe.h"
#include "match/reconcile.h"

/* A probability parameter in (0, 1), or the default 0; false, answered,
 * if it is not one. */
static bool query_probability(http_req *q, const char *name, double *out)
{
	const char *v = http_query(q, name);
	*out = 0;
	if(!v)
		return true;
	char *end;
	*out = strtod(v, &end);
	if(end == v || *end || *out <= 0 || *out >= 1) {
		http_errorc(q, MHD_HTTP_BAD_REQUEST, "bad_input", name, "http.probability", "field", name, NULL);
		return false;
	}
	return true;
}

void api_reconcile(http_req *q)
{
	if(!http_one_upload(q, "http.send_list"))
		return;
	reconcile_opts o = {.id_column = http_query(q, "id_column")};
	if(!query_probability(q, "threshold", &o.threshold) || !query_probability(q, "review", &o.review))
		return;
	if(o.threshold > 0 && o.review > o.threshold) {
		http_errorc(q, MHD_HTTP_BAD_REQUEST, "bad_input", "review", "http.review_threshold", NULL);
		return;
	}
	pl_err err = {0};
	/* Bookings always; with clause=AGREEMENT:CLAUSE, eligibility too. */
	stage_list_check check = {.st = q->st, .date = date_today()};
	agreement *ag = arena_alloc(&q->a, sizeof(*ag));
	const char *clause_arg = http_query(q, "clause"), *colon = clause_arg ? strchr(clause_arg, ':') : NULL;
	if(clause_arg) {
		char name[AGREEMENT_NAME_MAX + 1];
		snprintf(name, sizeof(name), "%.*s", colon ? (int)(colon - clause_arg) : 0, clause_arg);
		if(!colon || !ag || agreement_get(q->st, name, &q->a, ag, &err) ||
		   !(check.cl = agreement_clause(ag, colon + 1))) {
			http_errorc(q, MHD_HTTP_UNPROCESSABLE_CONTENT, "bad_input", "clause", "http.reconcile_clause",
			            "value", clause_arg, NULL);
			return;
		}
		check.ag = ag;
	}
	o.flag = stage_list_flags;
	o.flag_ctx = &check;
	struct names *nm;
	FILE *f = fopen(q->upload_path[0], "rb");
	if(!f) {
		http_errorc(q, MHD_HTTP_INTERNAL_SERVER_ERROR, "internal", NULL, "http.read_upload", NULL);
		return;
	}
	reconcile_result res;
	pl_rc rc = registry_names(q->st, &nm, &err);
	if(!rc)
		rc = reconcile_list(q->st, nm, f, q->upload_name[0], &o, &res, &err);
	fclose(f);
	if(rc) {
		http_fail(q, &err);
		return;
	}
	/* The list is not stored: the watch takes its rows now. */
	watch_report wr;
	watch_list wl = {.name = q->upload_name[0]}; /* an upload: not kept */
	if(family_watch_reconciled(q->st, &wl, &res, &wr, &err)) {
		http_fail(q, &err);
		reconcile_free(&res);
		return;
	}
	json_t *out = reconcile_json(&res);
	if(out)
		json_object_set_new(out, "watch", watch_report_json(&wr));
	http_json(q, MHD_HTTP_OK, out);
	reconcile_free(&res);
}

void api_reconcile_decide(http_req *q)
{
	static const char *const keys[] = {"row", "person", "decision", "list", "list_row", NULL};
	json_t *b = http_body(q, keys);
	if(!b)
		return;
	const char *row = NULL, *uid = NULL, *decision = NULL, *list = NULL, *list_row = NULL;
	bool ok = http_opt_string(q, b, "row", &row) && http_opt_string(q, b, "person", &uid) &&
	          http_opt_string(q, b, "decision", &decision) && http_opt_string(q, b, "list", &list) &&
	          http_opt_string(q, b, "list_row", &list_row);
	const char *missing = !row ? "row" : !uid ? "person" : !decision ? "decision" : NULL;
	if(ok && missing) {
		http_errorc(q, MHD_HTTP_UNPROCESSABLE_CONTENT, "bad_input", missing, "http.required", "field",
		            missing, NULL);
		ok = false;
	}
	if(ok && strcmp(decision, "confirm") && strcmp(decision, "reject")) {
		http_errorc(q, MHD_HTTP_UNPROCESSABLE_CONTENT, "bad_input", "decision", "http.decision", NULL);
		ok = false;
	}
	pl_err err = {0};
	if(ok && reconcile_decide(q->st, row, uid, !strcmp(decision, "confirm"), list, list_row, &err)) {
		http_fail(q, &err);
		ok = false;
	}
	if(ok)
		http_json(q, MHD_HTTP_CREATED, json_pack("{s:s, s:s, s:s}", "row", row, "person", uid,
		                                         "decision", decision));
	json_decref(b);
}

void api_dedupe(http_req *q)
{
	double review;
	if(!query_probability(q, "review", &review))
		return;
	pl_err err = {0};
	struct names *nm;
	dedupe_result res;
	pl_rc rc = registry_names(q->st, &nm, &err);
	if(!rc)
		rc = dedupe_registry(q->st, nm, review, 0, &res, &err);
	if(rc) {
		http_fail(q, &err);
		return;
	}
	http_json(q, MHD_HTTP_OK, dedupe_json(&res));
	dedupe_free(&res);
}
