/* Execution over the API: all at once (execute), or as people cross:
 * outcomes per person or group saved as they happen (outcomes), the
 * execution finished with the bodies delivered (finish); corrections of
 * outcomes recorded, with their reason; and who may go instead of a person,
 * judged by the clause as the planner judges (docs/agreements.md). */
#include <string.h>

#include "http/internal.h"

static bool outcome_of(http_req *q, json_t *o, size_t i, stage_outcome *out)
{
	static const char *const keys[] = {"person", "outcome", "substitute", "note", NULL};
	char where[32];
	snprintf(where, sizeof(where), "outcomes[%zu]", i);
	if(!json_is_object(o) || !http_check_keys(q, o, keys, where)) {
		if(!q->answered)
			http_errorc(q, MHD_HTTP_UNPROCESSABLE_CONTENT, "bad_input", where, "http.execute_entry", "field",
			            where, NULL);
		return false;
	}
	const char *outcome = json_string_value(json_object_get(o, "outcome"));
	int k = outcome ? entry_outcome_parse(outcome) : -1;
	*out = (stage_outcome){.person = json_string_value(json_object_get(o, "person")),
	                       .substitute = json_string_value(json_object_get(o, "substitute")),
	                       .note = json_string_value(json_object_get(o, "note")),
	                       .outcome = k > 0 ? (entry_outcome)k : OUTCOME_PENDING};
	const char *bad = !out->person ? "person" : k <= OUTCOME_PENDING ? "outcome"
	                : (k == OUTCOME_SUBSTITUTED) != (out->substitute != NULL) ? "substitute" : NULL;
	if(bad) {
		char field[48];
		snprintf(field, sizeof(field), "%s.%s", where, bad);
		if(!strcmp(bad, "outcome"))
			http_errorc(q, MHD_HTTP_UNPROCESSABLE_CONTENT, "bad_input", field, "http.one_of", "field", field,
			            "allowed", "handed_over, not_presented, refused, died, substituted", NULL);
		else
			http_errorc(q, MHD_HTTP_UNPROCESSABLE_CONTENT, "bad_input", field,
			            bad[0] == 'p' ? "http.outcome_person" : "http.substitute_with", "field", field, NULL);
		return false;
	}
	return true;
}

static bool delivery_of(http_req *q, json_t *o, size_t i, stage_delivery *out)
{
	static const char *const keys[] = {"batch", "delivered", NULL};
	char where[32];
	snprintf(where, sizeof(where), "deliveries[%zu]", i);
	json_t *n = json_object_get(o, "delivered");
	if(!json_is_object(o) || !http_check_keys(q, o, keys, where)) {
		if(!q->answered)
			http_errorc(q, MHD_HTTP_UNPROCESSABLE_CONTENT, "bad_input", where, "http.delivery", "field", where,
			            NULL);
		return false;
	}
	out->batch = json_string_value(json_object_get(o, "batch"));
	if(!out->batch || !json_is_integer(n) || json_integer_value(n) < 0 ||
	   json_integer_value(n) > 100000000) {
		http_errorc(q, MHD_HTTP_UNPROCESSABLE_CONTENT, "bad_input", where, "http.delivery_values", "field",
		            where, NULL);
		return false;
	}
	out->delivered = (long)json_integer_value(n);
	return true;
}

static json_t *by_side(const agreement *ag, const long v[2])
{
	return json_pack("{s:I, s:I}", ag->party[0], (json_int_t)v[0], ag->party[1], (json_int_t)v[1]);
}

/* The body's date, outcomes and deliveries into x (arrays in q->a);
 * false, answered, if anything is wrong. */
static bool exec_of(http_req *q, json_t *b, stage_exec *x)
{
	json_t *outcomes = json_object_get(b, "outcomes"), *deliveries = json_object_get(b, "deliveries");
	const char *date = NULL;
	size_t no = json_array_size(outcomes), nd = json_array_size(deliveries);
	stage_outcome *o = arena_calloc(&q->a, no + 1, sizeof(*o));
	stage_delivery *d = arena_calloc(&q->a, nd + 1, sizeof(*d));
	*x = (stage_exec){0};
	bool ok = o && d && http_opt_string(q, b, "date", &date) &&
	          http_full_date(q, MHD_HTTP_UNPROCESSABLE_CONTENT, "date", date, &x->date);
	if(ok && ((outcomes && !json_is_array(outcomes)) || (deliveries && !json_is_array(deliveries)))) {
		http_errorc(q, MHD_HTTP_UNPROCESSABLE_CONTENT, "bad_input", outcomes && !json_is_array(outcomes)
		            ? "outcomes" : "deliveries", "http.outcome_arrays", NULL);
		ok = false;
	}
	for(size_t i = 0; ok && i < no; i++)
		ok = outcome_of(q, json_array_get(outcomes, i), i, &o[i]);
	for(size_t i = 0; ok && i < nd; i++)
		ok = delivery_of(q, json_array_get(deliveries, i), i, &d[i]);
	x->outcomes = o;
	x->noutcomes = no;
	x->deliveries = d;
	x->ndeliveries = nd;
	return ok;
}

typedef pl_rc (*exec_fn)(store *st, const char *uid, const stage_exec *x, stage_exec_report *rep,
                         pl_err *err);

/* Run fn on the body; the report, with the stage's status after. */
static void exec_run(http_req *q, const char *const *keys, exec_fn fn)
{
	stage s;
	agreement ag;
	json_t *b = api_stage_body(q, keys, &s, &ag);
	if(!b)
		return;
	stage_exec x;
	stage_exec_report rep;
	pl_err err = {0};
	bool ok = exec_of(q, b, &x);
	if(ok && fn(q->st, s.uid, &x, &rep, &err)) {
		http_fail(q, &err);
		ok = false;
	}
	ok = ok && !stage_get(q->st, s.uid, &q->a, &s, &err);
	json_decref(b);
	if(!ok) {
		if(!q->answered)
			http_fail(q, &err);
		return;
	}
	json_t *v = json_pack("{s:s, s:s, s:o, s:o, s:o, s:o, s:I}", "stage", s.uid, "status",
	                      stage_status_name(s.status), "handed_over", by_side(&ag, rep.handed_over),
	                      "not_delivered", by_side(&ag, rep.not_delivered), "substitutes",
	                      by_side(&ag, rep.substitutes), "bodies", by_side(&ag, rep.bodies),
	                      "discrepancies", (json_int_t)rep.discrepancies);
	if(http_can(q, PERM_MEDICAL_READ))
		json_object_set_new(v, "art117", json_integer(rep.art117));
	http_json(q, MHD_HTTP_OK, v);
}

void api_stage_execute(http_req *q)
{
	static const char *const keys[] = {"date", "outcomes", "deliveries", NULL};
	exec_run(q, keys, stage_execute);
}

void api_stage_outcomes(http_req *q)
{
	static const char *const keys[] = {"date", "outcomes", NULL};
	exec_run(q, keys, stage_record);
}

void api_stage_finish(http_req *q)
{
	static const char *const keys[] = {"date", "outcomes", "deliveries", NULL};
	exec_run(q, keys, stage_finish);
}

/* ---- corrections ---------------------------------------------------------- */

void api_stage_correct(http_req *q)
{
	static const char *const keys[] = {"person", "outcome", "reason", "date", NULL};
	stage s;
	agreement ag;
	json_t *b = api_stage_body(q, keys, &s, &ag);
	if(!b)
		return;
	stage_fix f = {0};
	const char *outcome = NULL, *date = NULL;
	bool ok = http_opt_string(q, b, "person", &f.person) && http_opt_string(q, b, "outcome", &outcome) &&
	          http_opt_string(q, b, "reason", &f.reason) && http_opt_string(q, b, "date", &date) &&
	          http_full_date(q, MHD_HTTP_UNPROCESSABLE_CONTENT, "date", date, &f.date);
	int k = outcome ? entry_outcome_parse(outcome) : -1;
	const char *bad = !ok ? NULL : !f.person ? "person" : k <= OUTCOME_PENDING ? "outcome"
	                : !f.reason || !*f.reason ? "reason" : NULL;
	if(bad) {
		if(bad[0] == 'o')
			http_errorc(q, MHD_HTTP_UNPROCESSABLE_CONTENT, "bad_input", bad, "http.one_of", "field", bad,
			            "allowed", "handed_over, not_presented, refused, died", NULL);
		else
			http_errorc(q, MHD_HTTP_UNPROCESSABLE_CONTENT, "bad_input", bad,
			            bad[0] == 'p' ? "http.outcome_person" : "http.correct_reason", "field", bad, NULL);
		ok = false;
	}
	f.outcome = k > 0 ? (entry_outcome)k : OUTCOME_PENDING;
	pl_err err = {0};
	if(ok && stage_correct(q->st, s.uid, &f, &err)) {
		http_fail(q, &err);
		ok = false;
	}
	json_decref(b);
	if(ok)
		api_stage_send(q, MHD_HTTP_OK, "show");
}

void api_stage_corrections(http_req *q)
{
	stage s;
	agreement ag;
	if(!api_stage_load(q, &s, &ag))
		return;
	stage_correction *c;
	size_t n;
	pl_err err = {0};
	if(stage_corrections(q->st, &s, &q->a, &c, &n, &err)) {
		http_fail(q, &err);
		return;
	}
	json_t *a = json_array();
	for(size_t i = 0; i < n; i++)
		json_array_append_new(a, json_pack("{s:i, s:s, s:s, s:s, s:s, s:s, s:s}", "seq", c[i].seq, "before",
		                                   c[i].before, "outcome", c[i].outcome, "date", c[i].date, "reason",
		                                   c[i].reason, "ts", c[i].ts, "actor", c[i].actor));
	http_json(q, MHD_HTTP_OK, json_pack("{s:s, s:o}", "stage", s.uid, "corrections", a));
}

/* ---- substitutes ---------------------------------------------------------- */

static json_t *candidate_json(const stage_candidate *c)
{
	buf why;
	buf_init(&why, 0);
	bool detail = !c->eligible && clause_verdict_has_detail(&c->why);
	json_t *v = NULL;
	if(!detail || !clause_verdict_detail(&c->why, &why))
		v = json_pack("{s:s, s:s?, s:s?, s:s?, s:b}", "id", c->uid, "surname", c->surname, "given_names",
		              c->given_names, "birth_date", c->birth_date, "eligible", c->eligible);
	if(v && !c->eligible)
		json_object_set_new(v, "reason", json_string(clause_exclusion_name(c->why.reason)));
	if(v && detail)
		json_object_set_new(v, "why", json_string(buf_str(&why)));
	buf_free(&why);
	return v;
}

void api_stage_substitutes(http_req *q)
{
	long seq = 0, limit = 0;
	const char *name = http_query(q, "q");
	if(!http_query_long(q, "entry", 1, 1000000, &seq) || !http_query_long(q, "limit", 1, 100, &limit))
		return;
	if(!seq) {
		http_errorc(q, MHD_HTTP_BAD_REQUEST, "bad_input", "entry", "http.entry_number", NULL);
		return;
	}
	stage_candidate *c;
	size_t n;
	pl_err err = {0};
	if(stage_substitutes(q->st, q->param[0], (int)seq, name, (size_t)limit, &q->a, &c, &n, &err)) {
		http_fail_field(q, &err, err.rc == PL_EINPUT ? "q" : "entry");
		return;
	}
	const char **uids = arena_calloc(&q->a, n + 1, sizeof(char *));
	for(size_t i = 0; uids && i < n; i++)
		uids[i] = c[i].uid;
	char detail[200];
	snprintf(detail, sizeof(detail), "substitutes for entry %ld of stage %s", seq, q->param[0]);
	if(!uids || !http_log_reads(q, uids, n, "search", detail)) {
		if(!q->answered)
			http_errorc(q, MHD_HTTP_INTERNAL_SERVER_ERROR, "internal", NULL, "http.nomem", NULL);
		return;
	}
	json_t *a = json_array();
	for(size_t i = 0; i < n; i++)
		json_array_append_new(a, candidate_json(&c[i]));
	http_json(q, MHD_HTTP_OK, json_pack("{s:i, s:o}", "entry", (int)seq, "candidates", a));
}
