/* DNA identification over the API: the laboratory's profiles and the
 * frequency table imported (all or nothing), a screening run, the
 * proposals it keeps, a pair explained locus by locus, and the
 * identification officer's decisions (docs/dna.md).
 *
 * A case is named by its tag or by its id (R...), in the query or the
 * body, never in the path: tags are free text. Whatever names persons (a
 * list of proposals, an explanation, a decision) is written to the access
 * log first. */
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dna/dna.h"
#include "http/internal.h"

/* ---- import and screening --------------------------------------------------- */

static const char *const import_kinds[] = {"remains", "references", "frequencies", "genotypes",
                                           "pedigree", NULL};

/* The kind of file (the order of dna_import_kind); -1, answered, if none. */
static int import_kind(http_req *q)
{
	const char *kind = http_query(q, "kind");
	int k = 0;
	while(kind && import_kinds[k] && strcmp(import_kinds[k], kind))
		k++;
	if(!kind || !import_kinds[k]) {
		http_errorc(q, MHD_HTTP_BAD_REQUEST, "bad_input", "kind", "http.one_of", "field", "kind", "allowed",
		            "remains, references, pedigree, frequencies, genotypes", NULL);
		return -1;
	}
	return k;
}

/* The import's options from the query; false, answered, if one is wrong. */
static bool import_options(http_req *q, int kind, dna_import_opts *o)
{
	long max_errors = 20, people = 0, min_count = DNA_MIN_COUNT;
	if(!http_query_long(q, "max_errors", 1, 1000, &max_errors) ||
	   !http_query_long(q, "people", 1, 1000000000, &people) ||
	   !http_query_long(q, "min_count", 1, 1000, &min_count))
		return false;
	const char *stray = http_query(q, "people") && kind != DNA_IMPORT_FREQUENCIES ? "people"
	                  : http_query(q, "min_count") && kind != DNA_IMPORT_GENOTYPES ? "min_count" : NULL;
	if(stray) {
		http_errorc(q, MHD_HTTP_BAD_REQUEST, "bad_input", stray, "http.goes_with", "field", stray, "kind",
		            stray[0] == 'p' ? "frequencies" : "genotypes", NULL);
		return false;
	}
	*o = (dna_import_opts){.name = q->upload_name[0], .max_errors = (int)max_errors, .people = people,
	                       .min_count = (int)min_count};
	return true;
}

void api_dna_import(http_req *q)
{
	int kind = import_kind(q);
	dna_import_opts o;
	if(kind < 0 || !import_options(q, kind, &o) ||
	   !http_one_upload(q, "http.send_profiles"))
		return;
	dna_import_report rep;
	pl_err err = {0};
	pl_rc rc = dna_import(q->st, (dna_import_kind)kind, q->upload_path[0], &o, &rep, &err);
	if(!http_import_refused(q, rc, &err, &rep.errors, &rep.coded, rep.rows))
		http_json(q, MHD_HTTP_OK,
		          json_pack("{s:s, s:I, s:I, s:I, s:I, s:I, s:I, s:I, s:I, s:I, s:o}", "kind",
		                    import_kinds[kind], "rows", (json_int_t)rep.rows, "created",
		                    (json_int_t)rep.created, "updated", (json_int_t)rep.updated, "unchanged",
		                    (json_int_t)rep.unchanged, "loci", (json_int_t)rep.loci, "alleles",
		                    (json_int_t)rep.alleles, "profiles_created", (json_int_t)rep.profiles_created,
		                    "profiles_updated", (json_int_t)rep.profiles_updated, "withheld", (json_int_t)rep.withheld, "notes",
		                    json_lines(&rep.notes)));
	dna_import_report_free(&rep);
}

/* The loci's own models ("marker_mutation": ["TH01=none", ...]), on top
 * of the other settings; false, answered, if one is wrong. */
static bool screen_markers(http_req *q, json_t *list, dna_params *p)
{
	static const char form[] = "LOCUS=MODEL[:RATE[:RATE2[:RANGE]]]";
	pl_err err = {0};
	pl_rc rc = PL_OK;
	size_t i;
	json_t *v;
	if(list && !json_is_null(list) && !json_is_array(list))
		rc = pl_failc(&err, PL_EINPUT, "http.markers_array", "form", form, NULL);
	json_array_foreach(list, i, v) {
		if(rc)
			break;
		rc = json_is_string(v) ? dna_params_add_marker(p, json_string_value(v), &err)
		                       : pl_failc(&err, PL_EINPUT, "http.markers_item", "n", PL_N(i + 1), "form",
		                                  form, NULL);
	}
	if(!rc)
		rc = dna_params_check_markers(q->st, p, &err);
	if(rc == PL_EINPUT)
		http_fail_field(q, &err, "marker_mutation");
	else if(rc)
		http_fail(q, &err);
	return !rc;
}

/* A screening's settings from the body (dna_param_defs by name, the
 * mutation model, the loci's own models, the batch); false, answered, if
 * one is wrong. */
static bool screen_settings(http_req *q, json_t *b, dna_params *p, const char **batch, bool *report)
{
	const char *key;
	json_t *v;
	pl_err err = {0};
	json_object_foreach(b, key, v) {
		const char *text = NULL;
		bool ok = true;
		if(!strcmp(key, "batch"))
			ok = http_opt_string(q, b, key, batch);
		else if(!strcmp(key, "report"))
			ok = http_opt_bool(q, b, key, report);
		else if(!strcmp(key, "marker_mutation"))
			continue; /* once the rest is known */
		else if(!strcmp(key, "mutation"))
			ok = http_opt_string(q, b, key, &text) && !dna_params_set_mutation(p, text, &err);
		else if(!json_is_number(v))
			ok = !pl_failc(&err, PL_EINPUT, "http.expected_number", "field", key, NULL);
		else
			ok = !dna_params_set(p, key, json_number_value(v), &err);
		if(!ok && !q->answered)
			http_fail_field(q, &err, key);
		if(!ok)
			return false;
	}
	if(dna_params_check(p, &err)) {
		http_fail_field(q, &err, "keep");
		return false;
	}
	return screen_markers(q, json_object_get(b, "marker_mutation"), p);
}

void api_dna_screen(http_req *q)
{
	static const char *const keys[] = {"batch", "threshold", "keep", "missing", "theta", "dropout",
	                                   "mutation", "paternal", "maternal", "paternal_rate2",
	                                   "maternal_rate2", "range", "marker_mutation",
	                                   "max_inconsistent", "report", NULL};
	json_t *b = http_body(q, keys);
	dna_params p = DNA_PARAMS_INIT;
	const char *batch = NULL;
	bool want_report = false;
	if(!b || !screen_settings(q, b, &p, &batch, &want_report)) {
		json_decref(b);
		return;
	}
	char *report = NULL;
	size_t len = 0;
	FILE *f = want_report ? open_memstream(&report, &len) : NULL;
	if(want_report && !f) {
		http_errorc(q, MHD_HTTP_INTERNAL_SERVER_ERROR, "internal", NULL, "http.nomem", NULL);
		json_decref(b);
		return;
	}
	dna_screen_summary s;
	pl_err err = {0};
	pl_rc rc = dna_screen_run(q->st, batch, &p, f, &s, &err);
	if(f)
		fclose(f);
	if(rc) {
		http_fail(q, &err);
	} else {
		json_t *v = dna_screen_summary_json(&s);
		p.missing = s.missing; /* the N used, as the run keeps it */
		json_object_set_new(v, "params", dna_params_json(&p));
		if(want_report)
			json_object_set_new(v, "report", json_stringn(report ? report : "", len));
		http_json(q, MHD_HTTP_OK, v);
	}
	dna_screen_summary_free(&s);
	free(report);
	json_decref(b);
}

/* ---- proposals and explanations -------------------------------------------------- */

void api_dna_proposals(http_req *q)
{
	dna_proposal_query pq = DNA_PROPOSAL_QUERY_INIT;
	long limit = 50, offset = 0;
	const char *c = http_query(q, "case");
	if(!http_query_long(q, "limit", 1, 1000, &limit) || !http_query_long(q, "offset", 0, 100000000, &offset) ||
	   (c && !(pq.case_tag = http_case_tag(q, c))))
		return;
	pq.limit = (size_t)limit;
	pq.offset = (size_t)offset;
	pq.status = http_query(q, "status");
	pq.person = http_query(q, "person");
	dna_proposal *p;
	size_t n, total;
	pl_err err = {0};
	pl_rc rc = dna_proposals_list(q->st, &pq, &q->a, &p, &n, &total, &err);
	if(rc == PL_EUSAGE)
		http_refuse(q, MHD_HTTP_BAD_REQUEST, "bad_input", "status", &err);
	else if(rc)
		http_fail(q, &err);
	if(rc || !http_log_rows(q, p, n, sizeof(*p), offsetof(dna_proposal, person), "list", "dna proposals"))
		return;
	json_t *a = json_array();
	for(size_t i = 0; i < n; i++)
		json_array_append_new(a, dna_proposal_json(&p[i]));
	http_json(q, MHD_HTTP_OK, json_pack("{s:I, s:I, s:I, s:o}", "total", (json_int_t)total, "offset",
	                                    (json_int_t)offset, "limit", (json_int_t)limit, "proposals", a));
}

/* ---- references and their consent ----------------------------------------------- */

void api_dna_references(http_req *q)
{
	dna_reference_query rq = {0};
	long limit = 200, offset = 0;
	const char *w = http_query(q, "withheld");
	if(!http_query_long(q, "limit", 1, 1000, &limit) || !http_query_long(q, "offset", 0, 100000000, &offset))
		return;
	rq.withheld = w && (!strcmp(w, "true") || !strcmp(w, "1"));
	rq.state = http_query(q, "state");
	if(rq.state && strcmp(rq.state, "laboratory") && strcmp(rq.state, "given") && strcmp(rq.state, "withdrawn")) {
		http_errorc(q, MHD_HTTP_BAD_REQUEST, "bad_input", "state", "http.one_of", "field", "state", "allowed",
		            "laboratory, given, withdrawn", NULL);
		return;
	}
	rq.limit = (size_t)limit;
	rq.offset = (size_t)offset;
	dna_reference_row *r;
	size_t n, total;
	pl_err err = {0};
	if(dna_references_list(q->st, &rq, &q->a, &r, &n, &total, &err)) {
		http_fail(q, &err);
		return;
	}
	for(size_t i = 0; i < n; i++)
		if(r[i].npersons && !http_log_reads(q, r[i].person, r[i].npersons, "list", "dna references"))
			return;
	json_t *a = json_array();
	for(size_t i = 0; i < n; i++)
		json_array_append_new(a, dna_reference_row_json(&r[i]));
	http_json(q, MHD_HTTP_OK, json_pack("{s:I, s:I, s:I, s:o}", "total", (json_int_t)total, "offset",
	                                    (json_int_t)offset, "limit", (json_int_t)limit, "references", a));
}

/* ---- sampling advice ------------------------------------------------------------ */

void api_dna_advice(http_req *q)
{
	long limit = 50, sims = DNA_ADVICE_SIMULATIONS, seed = 1;
	if(!http_query_long(q, "limit", 1, 1000, &limit) ||
	   !http_query_long(q, "simulations", 10, 100000, &sims) ||
	   !http_query_long(q, "seed", 0, 1000000000, &seed))
		return;
	dna_advice_query aq = {.person = http_query(q, "person"), .limit = (size_t)limit,
	                       .simulations = (int)sims, .seed = (uint64_t)seed};
	dna_advice_row *r;
	size_t n;
	dna_advice_summary s;
	pl_err err = {0};
	pl_rc rc = dna_advice_run(q->st, &aq, &q->a, &r, &n, &s, &err);
	if(rc)
		http_fail(q, &err);
	if(!rc && http_log_rows(q, r, n, sizeof(*r), offsetof(dna_advice_row, person), "list",
	                        "dna advice")) {
		json_t *a = json_array();
		for(size_t i = 0; i < n; i++)
			json_array_append_new(a, dna_advice_row_json(&r[i]));
		http_json(q, MHD_HTTP_OK, json_pack("{s:o, s:o}", "advice", a, "summary",
		                                    dna_advice_summary_json(&s)));
	}
	dna_advice_summary_free(&s);
}

/* A pair as the request names it: a case (tag or id) and a person's id or
 * another case; false, answered, if either is missing or unreadable. */
static bool pair_of(http_req *q, unsigned status, const char **tag, const char **other)
{
	const char *missing = !*tag ? "case" : !*other ? "other" : NULL;
	if(missing) {
		http_errorc(q, status, "bad_input", missing,
		            missing[0] == 'c' ? "http.dna_required_case" : "http.dna_required_ref", "field", missing,
		            NULL);
		return false;
	}
	return (*tag = http_case_tag(q, *tag)) && (*other = http_case_tag(q, *other));
}

void api_dna_explain(http_req *q)
{
	const char *tag = http_query(q, "case"), *other = http_query(q, "other");
	if(!pair_of(q, MHD_HTTP_BAD_REQUEST, &tag, &other))
		return;
	dna_explanation e;
	pl_err err = {0};
	if(dna_explain(q->st, tag, other, &q->a, &e, &err)) {
		http_fail(q, &err);
		return;
	}
	const char *uids[] = {e.person};
	if(http_log_reads(q, uids, e.person ? 1 : 0, "show", "dna explanation"))
		http_json(q, MHD_HTTP_OK, dna_explanation_json(&e));
}

/* ---- decisions ------------------------------------------------------------------ */

typedef enum api_decision { AD_REVIEW, AD_CONFIRM, AD_REJECT, AD_WITHDRAW, AD_APPROVE, AD_CANCEL } api_decision;

/* The roles of the asker that count in a withdrawal (DNA_AS_...). The
 * route admits admins and dna_write; the DNA module checks the pair. */
static unsigned withdraw_roles(const http_req *q)
{
	return (http_can(q, PERM_DNA_WRITE) ? DNA_AS_IDENTIFICATION : 0) |
	       (q->who.roles & (1u << ROLE_ADMIN) ? DNA_AS_ADMIN : 0);
}

static pl_rc decision_run(http_req *q, api_decision kind, const char *tag, const char *other,
                          const char *text, bool force, dna_decision *d, pl_err *err)
{
	switch(kind) {
	case AD_REVIEW: return dna_review(q->st, tag, other, text, d, err);
	case AD_CONFIRM: return dna_confirm(q->st, tag, other, text, force, d, err);
	case AD_REJECT: return dna_reject(q->st, tag, other, text, d, err);
	case AD_WITHDRAW: return dna_withdraw_request(q->st, tag, other, text, withdraw_roles(q), d, err);
	case AD_APPROVE: return dna_withdraw_approve(q->st, tag, other, withdraw_roles(q), d, err);
	default: return dna_withdraw_cancel(q->st, tag, other, withdraw_roles(q), d, err);
	}
}

static void decide(http_req *q, api_decision kind)
{
	static const char *const confirm_keys[] = {"case", "other", "note", "force", NULL},
	                         *const note_keys[] = {"case", "other", "note", NULL},
	                         *const reason_keys[] = {"case", "other", "reason", NULL},
	                         *const pair_keys[] = {"case", "other", NULL};
	static const char *const *const keys[] = {note_keys, confirm_keys, note_keys, reason_keys, pair_keys,
	                                          pair_keys};
	static const char *const words[] = {"review", "confirm", "reject", "withdraw_request", "withdraw",
	                                    "withdraw_cancel"};
	json_t *b = http_body(q, keys[kind]);
	const char *tag = NULL, *other = NULL, *text = NULL;
	bool force = false;
	if(!b || !http_opt_string(q, b, "case", &tag) || !http_opt_string(q, b, "other", &other) ||
	   !http_opt_string(q, b, kind == AD_WITHDRAW ? "reason" : "note", &text) ||
	   !http_opt_bool(q, b, "force", &force) || !pair_of(q, MHD_HTTP_UNPROCESSABLE_CONTENT, &tag, &other)) {
		json_decref(b);
		return;
	}
	dna_decision d;
	pl_err err = {0};
	pl_rc rc = decision_run(q, kind, tag, other, text, force, &d, &err);
	const char *uids[] = {d.person};
	if(rc == PL_EINPUT) {
		http_fail_field(q, &err, kind == AD_WITHDRAW ? "reason" : "note");
	} else if(rc) {
		http_fail(q, &err);
	} else if(http_log_reads(q, uids, d.person[0] ? 1 : 0, words[kind], "dna decision")) {
		json_t *v = dna_decision_json(&d);
		json_object_set_new(v, "case", json_string(tag));
		json_object_set_new(v, "other", json_string(other));
		if(kind >= AD_WITHDRAW)
			json_object_set_new(v, "withdrawal", json_string(kind == AD_WITHDRAW ? "requested"
			                                                 : kind == AD_APPROVE ? "approved" : "cancelled"));
		http_json(q, MHD_HTTP_OK, v);
	}
	json_decref(b);
}

void api_dna_review(http_req *q)
{
	decide(q, AD_REVIEW);
}

void api_dna_confirm(http_req *q)
{
	decide(q, AD_CONFIRM);
}

void api_dna_reject(http_req *q)
{
	decide(q, AD_REJECT);
}

void api_dna_withdraw(http_req *q)
{
	decide(q, AD_WITHDRAW);
}

void api_dna_withdraw_approve(http_req *q)
{
	decide(q, AD_APPROVE);
}

void api_dna_withdraw_cancel(http_req *q)
{
	decide(q, AD_CANCEL);
}

/* ---- the frequency table ---------------------------------------------------------- */

void api_dna_frequencies(http_req *q)
{
	dna_freqs f;
	dna_freqs_init(&f);
	pl_err err = {0};
	if(dna_frequencies_load(q->st, &f, &err))
		http_fail(q, &err);
	else
		http_json(q, MHD_HTTP_OK, dna_freqs_json(&f));
	dna_freqs_free(&f);
}

/* ---- families entered as pedigrees ------------------------------------------------- */

/* The missing persons of pedigrees p[0..n), for the access log. */
static bool log_pedigrees(http_req *q, const dna_pedigree_info *p, size_t n, const char *action)
{
	size_t m = 0;
	for(size_t i = 0; i < n; i++)
		m += (size_t)p[i].missing;
	const char **uids = arena_calloc(&q->a, m + 1, sizeof(char *));
	if(!uids) {
		http_errorc(q, MHD_HTTP_INTERNAL_SERVER_ERROR, "internal", NULL, "http.nomem", NULL);
		return false;
	}
	m = 0;
	for(size_t i = 0; i < n; i++)
		for(int k = 0; k < p[i].n; k++)
			if(p[i].ind[k].person)
				uids[m++] = p[i].ind[k].person;
	return http_log_reads(q, uids, m, action, "dna pedigree");
}

void api_dna_pedigrees(http_req *q)
{
	dna_pedigree_info *p;
	size_t n;
	pl_err err = {0};
	if(dna_pedigrees_list(q->st, &q->a, &p, &n, &err)) {
		http_fail(q, &err);
		return;
	}
	if(!log_pedigrees(q, p, n, "list"))
		return;
	json_t *a = json_array();
	for(size_t i = 0; i < n; i++)
		json_array_append_new(a, dna_pedigree_json(&p[i]));
	http_json(q, MHD_HTTP_OK, json_pack("{s:I, s:o}", "total", (json_int_t)n, "pedigrees", a));
}

void api_dna_pedigree(http_req *q)
{
	const char *family = http_query(q, "family");
	if(!family || !*family) {
		http_errorc(q, MHD_HTTP_BAD_REQUEST, "bad_input", "family", "http.dna_family", NULL);
		return;
	}
	dna_pedigree_info p;
	pl_err err = {0};
	if(dna_pedigree_show(q->st, family, &q->a, &p, &err))
		http_fail(q, &err);
	else if(log_pedigrees(q, &p, 1, "show"))
		http_json(q, MHD_HTTP_OK, dna_pedigree_json(&p));
}
