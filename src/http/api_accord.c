/* Agreements over the API: the stored agreements, one in words with its
 * ledger, a new one from its document; the planner; aftercare; and the
 * statements about a stage (docs/agreements.md).
 *
 * A plan and aftercare list persons: what they show is written to the
 * access log first, as every read of a person is. */
#include <string.h>

#include "accord/aftercare.h"
#include "accord/ledger.h"
#include "accord/plan.h"
#include "accord/statement.h"
#include "http/internal.h"

/* The exclusions a plan lists at most; all are counted by reason. */
enum { PLAN_EXCLUSIONS_LISTED = 1000 };

/* ---- agreements ------------------------------------------------------- */

void api_agreements_list(http_req *q)
{
	agreement_row *rows;
	size_t n;
	pl_err err = {0};
	if(agreement_list(q->st, &q->a, &rows, &n, &err)) {
		http_fail(q, &err);
		return;
	}
	json_t *a = json_array();
	for(size_t i = 0; i < n; i++) {
		const agreement_row *x = &rows[i];
		json_array_append_new(a, json_pack("{s:s, s:s, s:o, s:s, s:[s,s], s:s?, s:I, s:I}", "id", x->name,
		                                   "title", x->title, "titles", http_titles_json(&x->titles),
		                                   "concluded", x->concluded, "parties", x->party_a, x->party_b,
		                                   "mediator", x->mediator, "stages", (json_int_t)x->stages,
		                                   "open_stages", (json_int_t)x->open_stages));
	}
	http_json(q, MHD_HTTP_OK, json_pack("{s:o}", "agreements", a));
}

/* The path of a document's error: "agreement: clauses[0].eligable: unknown
 * field" names clauses[0].eligable; "agreement:3:14: ..." is JSON syntax. */
static void agreement_refused(http_req *q, const pl_err *err, const char *name)
{
	size_t n = strlen(name);
	const char *rest = err->msg + n;
	if(!strncmp(err->msg, name, n) && rest[0] == ':' && rest[1] >= '0' && rest[1] <= '9') {
		http_refuse(q, MHD_HTTP_BAD_REQUEST, "bad_json", NULL, err);
		return;
	}
	char path[200] = "";
	if(!strncmp(err->msg, name, n) && !strncmp(rest, ": ", 2)) {
		size_t len = strcspn(rest + 2, " ");
		if(len > 1 && len < sizeof(path) && rest[2 + len - 1] == ':')
			snprintf(path, sizeof(path), "%.*s", (int)(len - 1), rest + 2);
	}
	http_fail_field(q, err, path[0] ? path : NULL);
}

void api_agreement_add(http_req *q)
{
	static const char name[] = "agreement";
	if(!http_body_is_json(q))
		return;
	agreement ag;
	bool added = false;
	pl_err err = {0};
	if(agreement_parse(buf_str(&q->body), q->body.len, name, &q->a, &ag, &err)) {
		agreement_refused(q, &err, name);
		return;
	}
	if(agreement_add(q->st, &ag, &added, &err)) {
		http_fail(q, &err);
		return;
	}
	http_json(q, added ? MHD_HTTP_CREATED : MHD_HTTP_OK,
	          json_pack("{s:s, s:s, s:b, s:i}", "id", ag.name, "sha256", ag.sha256, "added", added,
	                    "clauses", ag.nclauses));
}

static bool load_agreement(http_req *q, agreement *ag)
{
	pl_err err = {0};
	if(agreement_get(q->st, q->param[0], &q->a, ag, &err)) {
		http_fail_field(q, &err, "id");
		return false;
	}
	return true;
}

static json_t *date_or_null(pdate d)
{
	char s[DATE_STR_MAX];
	date_format(d, s);
	return d.y ? json_string(s) : json_null();
}

/* {"en": ..., "uk": ...}: the languages the document gives a title in;
 * empty when it gives one text without saying its language. */
json_t *http_titles_json(const agreement_titles *t)
{
	json_t *o = json_object();
	for(int l = 0; l < LANG_COUNT; l++)
		if(t->in[l])
			json_object_set_new(o, lang_code((lang_id)l), json_string(t->in[l]));
	return o;
}

static json_t *clauses_json(const agreement *ag)
{
	json_t *a = json_array();
	buf basis;
	buf_init(&basis, 0);
	for(int i = 0; i < ag->nclauses; i++) {
		const clause *c = &ag->clauses[i];
		buf_reset(&basis);
		json_t *o = json_pack("{s:s, s:s?, s:s, s:s, s:s, s:s?, s:I}", "id", c->id, "title", c->title,
		                      "subject", clause_subject_name(c->subject), "basis",
		                      basis_kind_name(c->basis), "basis_text",
		                      clause_basis_text(ag, c, &basis) ? "" : buf_str(&basis), "eligible",
		                      c->eligible_text, "capacity", (json_int_t)c->capacity);
		json_object_set_new(o, "titles", http_titles_json(&c->titles));
		json_object_set_new(o, "terms", clause_terms_json(c));
		json_array_append_new(a, o);
	}
	buf_free(&basis);
	return a;
}

void api_agreement_get(http_req *q)
{
	agreement ag;
	if(!load_agreement(q, &ag))
		return;
	ledger lg;
	stage_row *rows;
	size_t n;
	buf words;
	buf_init(&words, 0);
	pl_err err = {0};
	stage_filter f = {.agreement = ag.name, .status = -1};
	pl_rc rc = ledger_compute(q->st, &ag, &q->a, &lg, &err);
	rc = rc ? rc : stage_list(q->st, &f, &q->a, &rows, &n, &err);
	if(!rc && agreement_explain(&ag, &words))
		rc = pl_nomem(&err);
	if(rc) {
		buf_free(&words);
		http_fail(q, &err);
		return;
	}
	json_t *stages = json_array();
	for(size_t i = 0; i < n; i++)
		json_array_append_new(stages, stage_row_json(&rows[i]));
	json_t *embargo = ag.embargo_until_done ? json_string("done") : date_or_null(ag.embargo_until);
	json_t *o = json_pack("{s:s, s:s?, s:s, s:[s,s], s:s?, s:s?, s:o, s:o, s:o, s:s, s:o, s:s, s:o, "
	                      "s:o, s:o, s:o}",
	                      "id", ag.name, "title", ag.title, "sha256", ag.sha256, "parties",
	                      ag.party[0], ag.party[1], "mediator", ag.mediator, "transit", ag.transit,
	                      "concluded", date_or_null(ag.concluded), "valid_from",
	                      date_or_null(ag.valid_from), "valid_until", date_or_null(ag.valid_until),
	                      "counting", ag.counting == COUNT_AT_SIGNING ? "at_signing" : "at_delivery",
	                      "embargo_until", embargo, "explanation", buf_str(&words), "clauses",
	                      clauses_json(&ag), "ledger", ledger_json(&ag, &lg), "stages", stages,
	                      "document", json_loads(ag.canonical, 0, NULL));
	json_object_set_new(o, "titles", http_titles_json(&ag.titles));
	json_object_set_new(o, "embargo_k", json_integer(ag.embargo_k));
	buf_free(&words);
	http_json(q, MHD_HTTP_OK, o);
}

/* ---- the planner -------------------------------------------------------- */

/* Who a plan shows: the next stage's persons and the exclusions listed. */
static bool log_plan_reads(http_req *q, const plan *p, size_t listed)
{
	size_t n = 0, max = p->ncand[0] + p->ncand[1] + listed;
	const char **uids = arena_calloc(&q->a, max ? max : 1, sizeof(char *));
	if(!uids) {
		http_errorc(q, MHD_HTTP_INTERNAL_SERVER_ERROR, "internal", NULL, "http.nomem", NULL);
		return false;
	}
	for(int s = 0; s < 2; s++)
		for(size_t i = 0; i < p->ncand[s]; i++)
			if(p->cand[s][i].day == 1)
				uids[n++] = p->cand[s][i].who.uid;
	for(size_t i = 0; i < listed; i++)
		uids[n++] = p->excl[i].who.uid;
	char detail[200];
	snprintf(detail, sizeof(detail), "plan %s, clause %s", p->ag->name, p->cl->id);
	return http_log_reads(q, uids, n, "plan", detail);
}

/* The first exclusions, person by person, as plan_json lists them all. */
static void add_exclusions(json_t *v, const plan *p, size_t listed)
{
	json_t *a = json_array();
	for(size_t i = 0; i < listed; i++)
		json_array_append_new(a, plan_exclusion_json(p, &p->excl[i]));
	json_object_set_new(v, "exclusions", a);
	json_object_set_new(v, "exclusions_total", json_integer((json_int_t)p->nexcl));
}

typedef struct plan_args {
	plan_opts o;
	bool explain, save;
	const char *date, *point;
} plan_args;

static bool plan_body(http_req *q, json_t *b, plan_args *pa)
{
	long capacity = 0, days = 0;
	if(!http_opt_string(q, b, "clause", &pa->o.clause) || !http_opt_string(q, b, "stage_date", &pa->date) ||
	   !http_full_date(q, MHD_HTTP_UNPROCESSABLE_CONTENT, "stage_date", pa->date, &pa->o.date) ||
	   !http_opt_long(q, b, "capacity", 1, 1000000000L, &capacity) ||
	   !http_opt_long(q, b, "days", 1, 366, &days) || !http_opt_bool(q, b, "explain", &pa->explain) ||
	   !http_opt_bool(q, b, "save", &pa->save) || !http_opt_string(q, b, "handover_point", &pa->point))
		return false;
	pa->o.capacity = capacity;
	pa->o.max_days = (int)days;
	if(pa->save && !http_can(q, PERM_AGREEMENT_WRITE)) {
		http_errorc(q, MHD_HTTP_FORBIDDEN, "forbidden", "save", "http.may_not_save", NULL);
		return false;
	}
	if(pa->point && !pa->save) {
		http_errorc(q, MHD_HTTP_UNPROCESSABLE_CONTENT, "bad_input", "handover_point", "http.handover_save",
		            NULL);
		return false;
	}
	return true;
}

void api_plan(http_req *q)
{
	static const char *const keys[] = {"clause", "stage_date", "capacity", "days", "explain", "save",
	                                   "handover_point", NULL};
	json_t *b = http_body(q, keys);
	if(!b)
		return;
	plan_args pa = {0};
	agreement ag;
	plan p;
	char uid[UID_SIZE] = "";
	pl_err err = {0};
	if(!plan_body(q, b, &pa) || !load_agreement(q, &ag)) {
		json_decref(b);
		return;
	}
	pl_rc rc = plan_make(q->st, &ag, &pa.o, &q->a, &p, &err);
	if(!rc && pa.save)
		rc = stage_create_planned(q->st, &p, 1, pa.point, uid, &err);
	json_decref(b);
	if(rc) {
		http_fail(q, &err);
		return;
	}
	size_t listed = !pa.explain ? 0 : p.nexcl < PLAN_EXCLUSIONS_LISTED ? p.nexcl : PLAN_EXCLUSIONS_LISTED;
	if(!log_plan_reads(q, &p, listed))
		return;
	json_t *v = plan_json(&p, false);
	if(pa.explain)
		add_exclusions(v, &p, listed);
	if(uid[0])
		json_object_set_new(v, "saved_stage", json_string(uid));
	http_json(q, uid[0] ? MHD_HTTP_CREATED : MHD_HTTP_OK, v);
}

/* ---- aftercare ----------------------------------------------------------- */

static bool aftercare_filter_of(http_req *q, aftercare_filter *f)
{
	long limit = 100, offset = 0;
	const char *step = http_query(q, "step");
	*f = (aftercare_filter){.agreement = http_query(q, "agreement"), .stage = http_query(q, "stage"),
	                        .party = http_query(q, "party"), .other_than = http_query(q, "other_than"),
	                        .step = -1,
	                        .withhold_medical = !http_can(q, PERM_MEDICAL_READ)};
	if(!http_query_long(q, "limit", 1, 1000, &limit) ||
	   !http_query_long(q, "offset", 0, 100000000, &offset))
		return false;
	f->limit = (size_t)limit;
	f->offset = (size_t)offset;
	if(step && (f->step = aftercare_step_parse(step)) < 0) {
		http_errorc(q, MHD_HTTP_BAD_REQUEST, "bad_input", "step", "http.one_of", "field", "step", "allowed",
		            "handed_over, transit, assistance, home, hospital, rehabilitation", NULL);
		return false;
	}
	/* The health steps are medical details: no filtering by them either. */
	if(f->withhold_medical && (f->step == STEP_ASSISTANCE || f->step == STEP_HOSPITAL ||
	                           f->step == STEP_REHABILITATION)) {
		http_errorc(q, MHD_HTTP_FORBIDDEN, "forbidden", "step", "http.may_not_filter_step", NULL);
		return false;
	}
	return true;
}

void api_aftercare(http_req *q)
{
	aftercare_filter f;
	if(!aftercare_filter_of(q, &f))
		return;
	aftercare_view v;
	pl_err err = {0};
	if(aftercare_get(q->st, &f, &q->a, &v, &err)) {
		http_fail(q, &err);
		return;
	}
	const char **uids = arena_calloc(&q->a, v.n ? v.n : 1, sizeof(char *));
	for(size_t i = 0; uids && i < v.n; i++)
		uids[i] = v.rows[i].person;
	if(!uids) {
		http_errorc(q, MHD_HTTP_INTERNAL_SERVER_ERROR, "internal", NULL, "http.nomem", NULL);
		return;
	}
	if(http_log_reads(q, uids, v.n, "aftercare", f.stage ? f.stage : f.agreement))
		http_json(q, MHD_HTTP_OK, aftercare_json(&v, f.withhold_medical));
}

/* ---- statements ---------------------------------------------------------- */

/* The text formats as downloads: "statement-S...-uk.html". */
static const char *const statement_types[] = {
	[STATEMENT_MD] = "text/markdown; charset=utf-8", [STATEMENT_HTML] = "text/html; charset=utf-8",
	[STATEMENT_TEXT] = "text/plain; charset=utf-8"};
static const char *const statement_exts[] = {[STATEMENT_MD] = "md", [STATEMENT_HTML] = "html",
                                             [STATEMENT_TEXT] = "txt"};

void api_statement(http_req *q)
{
	const char *lang = http_query(q, "lang"), *format = http_query(q, "format");
	int l = lang ? lang_parse(lang) : LANG_EN;
	if(l < 0) {
		http_errorc(q, MHD_HTTP_BAD_REQUEST, "bad_input", "lang", "http.one_of", "field", "lang", "allowed",
		            "en, uk, ru", NULL);
		return;
	}
	int f = format && strcmp(format, "json") ? statement_format_parse(format) : -1;
	if(format && strcmp(format, "json") && f < 0) {
		http_errorc(q, MHD_HTTP_BAD_REQUEST, "bad_input", "format", "http.one_of", "field", "format",
		            "allowed", "json, md, html, text", NULL);
		return;
	}
	long k = 0;
	pdate on = {0};
	if(!http_query_long(q, "k", AGREEMENT_K_MIN, AGREEMENT_K_MAX, &k) ||
	   !http_full_date(q, MHD_HTTP_BAD_REQUEST, "date", http_query(q, "date"), &on))
		return;
	statement s;
	statement_opts o = {.party = http_query(q, "party"), .on = on, .k = (int)k};
	pl_err err = {0};
	if(statement_make(q->st, q->param[0], &o, &q->a, &s, &err)) {
		http_fail(q, &err);
		return;
	}
	if(f < 0) {
		http_json(q, MHD_HTTP_OK, statement_json(&s, (lang_id)l));
		return;
	}
	buf text;
	buf_init(&text, 0);
	if(statement_render(&s, (lang_id)l, (statement_format)f, &text)) {
		http_errorc(q, MHD_HTTP_INTERNAL_SERVER_ERROR, "internal", NULL, "http.nomem", NULL);
	} else {
		http_send(q, MHD_HTTP_OK, statement_types[f], buf_str(&text), text.len);
		snprintf(q->filename, sizeof(q->filename), "statement-%s-%s.%s", s.st.uid, lang_code((lang_id)l),
		         statement_exts[f]);
	}
	buf_free(&text);
}
