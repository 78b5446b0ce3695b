/* DNA identification over the API, against the real server: the registry
 * holds the simulator's missing persons (some of the other side) and their
 * remains cases; frequencies counted from the NIST genotypes, relatives'
 * and remains' profiles are uploaded (a bad file refused whole, with its
 * line and column), a screening run, its proposals listed and paged, one
 * explained locus by locus, one confirmed (the person's status and events
 * change, the audit chain holds), another rejected, one of the other side
 * flagged for return; the mediator and the negotiator are refused. */
#include "harness.h"

#include "dna/simulated.h"
#include "remains/remains.h"

#define NIST PARLEY_STR_DIR "/nist1036_genotypes.csv"

static char second_token[API_TOKEN_LEN + 1];

/* As officer2, the second identification officer. */
static long post2(const char *path, const char *body, resp *r)
{
	return call(fx, &(rq){.method = "POST", .path = path, .bearer = second_token, .body = body}, r);
}

static int setup(void **state)
{
	if(fx_setup(state))
		return -1;
	kx_sim_files(fx->dir, 30, 5, "parents=2,self=1,two_siblings=1", 0.3, 0, 0.05);
	pl_err err = {0};
	store *st;
	assert_ok(store_open(&st, fx->db, "test:dna", 0, &err), &err);
	char path[4400];
	const char *paths[] = {tu_path(path, sizeof(path), fx->dir, "persons.csv")};
	import_opts io = {.format = FORMAT_CSV};
	import_report ir;
	assert_ok(registry_import(st, paths, 1, &io, &ir, &err), &err);
	import_report_free(&ir);
	remains_import_report rr;
	assert_ok(remains_import(st, tu_path(path, sizeof(path), fx->dir, "cases.csv"), NULL, &rr, &err), &err);
	remains_import_report_free(&rr);
	/* a second identification officer: an identification needs two */
	user u;
	int64_t id;
	assert_ok(auth_user_add(st, "officer2", NULL, 1u << ROLE_IDENTIFICATION, "officer2-password-1", "test",
	                        &err), &err);
	assert_ok(auth_user_get(st, "officer2", &u, &err), &err);
	assert_ok(auth_token_create(st, &u, "tests", "test", second_token, &id, &err), &err);
	store_close(st);
	return 0;
}

static const char *error_field(const resp *r)
{
	return str_at(json_object_get(r->json, "error"), "field");
}

static long post(const char *path, const char *body, resp *r)
{
	return post_json(ROLE_IDENTIFICATION, path, body, r);
}

/* Upload a file (its path, or text written to fx->dir/name) as `kind`. */
static long upload(const char *query, const char *name, const char *text, resp *r)
{
	char path[4400], url[256];
	if(text) {
		tu_path(path, sizeof(path), fx->dir, name);
		tu_write(path, text);
	} else {
		snprintf(path, sizeof(path), "%s", name);
	}
	snprintf(url, sizeof(url), "/api/dna/import?%s", query);
	const char *base = strrchr(name, '/');
	return call(fx, &(rq){.method = "POST", .path = url, .bearer = fx_token(fx, ROLE_IDENTIFICATION),
	                      .upload = {path, base ? base + 1 : name}}, r);
}

static long long audit_entries(void)
{
	resp r;
	assert_status(get(ROLE_AUDITOR, "/api/audit/verify", &r), 200);
	assert_true(json_is_true(json_object_get(r.json, "intact")));
	long long n = int_at(r.json, "entries");
	resp_free(&r);
	return n;
}

/* The first proposal of the list at `query` whose person is (or is not)
 * of party RU, its case and person copied out; false if there is none. */
static bool pick(const char *query, bool other_side, char *tag, char *who)
{
	resp r, pr;
	char path[256];
	snprintf(path, sizeof(path), "/api/dna/proposals?%s&limit=1000", query);
	assert_status(get(ROLE_IDENTIFICATION, path, &r), 200);
	size_t i;
	json_t *p;
	bool found = false;
	json_array_foreach(json_object_get(r.json, "proposals"), i, p) {
		if(strcmp(str_at(p, "kind"), "kinship"))
			continue;
		snprintf(path, sizeof(path), "/api/persons/%s", str_at(p, "person"));
		assert_status(get(ROLE_IDENTIFICATION, path, &pr), 200);
		found = !strcmp(str_at(pr.json, "party"), "RU") == other_side;
		resp_free(&pr);
		if(found) {
			snprintf(tag, 64, "%s", str_at(p, "case"));
			snprintf(who, UID_SIZE, "%s", str_at(p, "person"));
			break;
		}
	}
	resp_free(&r);
	return found;
}

/* ---- imports --------------------------------------------------------------------- */

static void frequencies_are_counted_and_a_bad_table_is_refused(void **state)
{
	(void)state;
	resp r;
	assert_status(get(ROLE_IDENTIFICATION, "/api/dna/frequencies", &r), 404);
	assert_contains(buf_str(&r.body), "no allele frequencies");
	resp_free(&r);
	long long before = audit_entries();
	assert_status(upload("kind=frequencies", "freq.csv", "locus,allele,frequency\nTH01,9.3,0.3\nTH01,A,0.1\n"
	                     "vWA,14,1.5\n", &r), 422);
	json_t *bad = json_object_get(json_object_get(r.json, "error"), "problems");
	assert_int_equal(json_array_size(bad), 2);
	assert_contains(json_string_value(json_array_get(bad, 0)), "freq.csv:3: column 'allele'");
	assert_contains(json_string_value(json_array_get(bad, 1)), "freq.csv:4: column 'frequency'");
	resp_free(&r);
	assert_int_equal(audit_entries(), before);
	assert_status(get(ROLE_IDENTIFICATION, "/api/dna/frequencies", &r), 404);
	resp_free(&r);

	assert_status(upload("kind=genotypes", NIST, NULL, &r), 200);
	assert_int_equal(int_at(r.json, "rows"), 1036);
	assert_int_equal(int_at(r.json, "loci"), 29);
	resp_free(&r);
	assert_status(get(ROLE_AUDITOR, "/api/dna/frequencies", &r), 200);
	json_t *loci = json_object_get(r.json, "loci");
	assert_int_equal(json_array_size(loci), 29);
	json_t *th01 = NULL;
	size_t i;
	json_t *l;
	json_array_foreach(loci, i, l)
		if(!strcmp(str_at(l, "locus"), "TH01"))
			th01 = l;
	assert_non_null(th01);
	assert_int_equal(int_at(th01, "sample_size"), 2072);
	assert_non_null(json_object_get(json_object_get(th01, "alleles"), "9.3"));
	resp_free(&r);

	/* What the route takes, and nothing else. */
	assert_status(upload("kind=genes", "freq.csv", "x\n", &r), 400);
	assert_string_equal(error_field(&r), "kind");
	resp_free(&r);
	assert_status(upload("kind=remains&people=100", "freq.csv", "x\n", &r), 400);
	assert_string_equal(error_field(&r), "people");
	resp_free(&r);
	assert_status(upload("kind=remains&sex=m", "freq.csv", "x\n", &r), 400);
	resp_free(&r);
	assert_status(post("/api/dna/import?kind=remains", "{}", &r), 415);
	resp_free(&r);
}

static void profiles_are_imported_whole_or_not_at_all(void **state)
{
	(void)state;
	resp r;
	char path[4400];
	assert_status(upload("kind=references", tu_path(path, sizeof(path), fx->dir, "references.csv"), NULL, &r),
	              200);
	assert_true(int_at(r.json, "created") >= 30);
	resp_free(&r);
	assert_status(upload("kind=remains", tu_path(path, sizeof(path), fx->dir, "remains.csv"), NULL, &r), 200);
	assert_int_equal(int_at(r.json, "created"), 30);
	resp_free(&r);
	/* Again: nothing changes. */
	assert_status(upload("kind=remains", tu_path(path, sizeof(path), fx->dir, "remains.csv"), NULL, &r), 200);
	assert_int_equal(int_at(r.json, "unchanged"), 30);
	resp_free(&r);
	/* A good row and two bad ones: every problem with its line and column,
	 * and nothing written. */
	long long before = audit_entries();
	assert_status(upload("kind=remains", "lab.csv", "case,TH01.1,TH01.2\nSIM-5-00001,6,7\nNOPE,7,8\n"
	                     "SIM-5-00002,07,8\n", &r), 422);
	json_t *e = json_object_get(r.json, "error");
	assert_contains(str_at(e, "message"), "nothing was imported");
	json_t *bad = json_object_get(e, "problems");
	assert_int_equal(json_array_size(bad), 2);
	assert_contains(buf_str(&r.body), "lab.csv:3: column 'case': no remains case tagged 'NOPE'");
	assert_contains(buf_str(&r.body), "lab.csv:4: column 'TH01.1': write the repeats without a leading zero");
	resp_free(&r);
	assert_int_equal(audit_entries(), before);
	/* A column the format does not have is named by its number. */
	assert_status(upload("kind=references", "col.csv", "sampel,person,relationship,TH01.1,TH01.2\n", &r), 422);
	assert_contains(json_string_value(json_array_get(json_object_get(json_object_get(r.json, "error"),
	                                                                 "problems"), 0)),
	                "col.csv:1: column 1: unknown column 'sampel'");
	resp_free(&r);
	assert_status(call(fx, &(rq){.method = "POST", .path = "/api/dna/import?kind=remains",
	                             .bearer = fx_token(fx, ROLE_IDENTIFICATION),
	                             .upload = {path, "a.csv", path, "b.csv"}}, &r), 422);
	assert_string_equal(error_field(&r), "file");
	resp_free(&r);
}

/* ---- screening ------------------------------------------------------------------- */

/* A kinship proposal whose relatives are not the person's own sample
 * (mutation moves their LR): its case and person. */
static bool pick_related(char *tag, char *who)
{
	resp r;
	assert_status(get(ROLE_IDENTIFICATION, "/api/dna/proposals?status=proposed&limit=1000", &r), 200);
	size_t i;
	json_t *p;
	bool found = false;
	json_array_foreach(json_object_get(r.json, "proposals"), i, p) {
		const char *rel = str_at(p, "relatives");
		if(!found && !strcmp(str_at(p, "kind"), "kinship") && rel && !strstr(rel, "self")) {
			snprintf(tag, 64, "%s", str_at(p, "case"));
			snprintf(who, UID_SIZE, "%s", str_at(p, "person"));
			found = true;
		}
	}
	resp_free(&r);
	return found;
}

/* The explanation's LR at each locus (at most 64), by the loci's order,
 * where TH01 is, and the settings it used; the loci's count. */
static size_t locus_lrs(const char *tag, const char *who, double *lr, size_t *th01, json_t **params)
{
	resp r;
	char path[256];
	snprintf(path, sizeof(path), "/api/dna/explain?case=%s&other=%s", tag, who);
	assert_status(get(ROLE_IDENTIFICATION, path, &r), 200);
	size_t i;
	json_t *l;
	json_array_foreach(json_object_get(r.json, "loci"), i, l) {
		assert_true(i < 64);
		lr[i] = json_number_value(json_object_get(l, "lr"));
		if(!strcmp(str_at(l, "locus"), "TH01"))
			*th01 = i;
	}
	*params = json_incref(json_object_get(r.json, "params"));
	resp_free(&r);
	return i;
}

/* A locus's own model: refused values name the field and keep no run;
 * with the screening's model none, stepwise at TH01 alone moves the LR at
 * TH01 and nowhere else, and explain reads the model back. */
static void a_locus_with_a_model_of_its_own(void **state)
{
	(void)state;
	resp r;
	assert_status(post("/api/dna/screen", "{\"theta\":0,\"mutation\":\"none\"}", &r), 200);
	long long run = int_at(r.json, "run");
	resp_free(&r);
	char tag[64], who[UID_SIZE];
	assert_true(pick_related(tag, who));
	double none[64], step[64];
	json_t *params;
	size_t th01 = 64, at;
	size_t n = locus_lrs(tag, who, none, &th01, &params);
	assert_int_equal(json_array_size(json_object_get(json_object_get(params, "mutation"), "markers")), 0);
	json_decref(params);

	static const struct {
		const char *body, *field, *why;
	} bad[] = {
		{"{\"marker_mutation\":\"TH01=none\"}", "marker_mutation", "marker_mutation: expected an array of strings"},
		{"{\"marker_mutation\":[5]}", "marker_mutation", "marker_mutation: item 1: expected a string"},
		{"{\"marker_mutation\":[\"TH01=sideways\"]}", "marker_mutation",
		 "marker_mutation: 'TH01=sideways': the model: expected none, equal, proportional, stepwise or "
		 "extended-stepwise (got 'sideways')"},
		{"{\"marker_mutation\":[\"TH01=equal:2\"]}", "marker_mutation",
		 "the rate: expected a number from 0 to 0.1 (got 2)"},
		{"{\"marker_mutation\":[\"NOPE=equal\"]}", "marker_mutation", "no locus NOPE in the frequency table"},
		{"{\"marker_mutation\":[\"TH01=none\",\"th01=equal\"]}", "marker_mutation",
		 "the locus TH01 is given twice"},
		{"{\"range\":0}", "range", "range: expected a number above 0, up to 1 (got 0)"},
		{"{\"paternal_rate2\":0.2}", "paternal_rate2", "expected a number from 0 to 0.1 (got 0.2)"},
		{"{\"mutation\":\"onestep\"}", "mutation", "stepwise or extended-stepwise (got 'onestep')"},
	};
	for(size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		assert_status(post("/api/dna/screen", bad[i].body, &r), 422);
		assert_string_equal(error_field(&r), bad[i].field);
		assert_contains(buf_str(&r.body), bad[i].why);
		resp_free(&r);
	}

	assert_status(post("/api/dna/screen", "{\"theta\":0,\"mutation\":\"none\",\"marker_mutation\":"
	                   "[\"TH01=extended-stepwise:0.05/0.01:0.001:0.5\"]}", &r), 200);
	assert_int_equal(int_at(r.json, "run"), run + 1); /* the refused ones kept nothing */
	json_t *mk = json_array_get(json_object_get(json_object_get(json_object_get(r.json, "params"),
	                                                            "mutation"), "markers"), 0);
	assert_string_equal(str_at(mk, "locus"), "TH01");
	assert_string_equal(str_at(mk, "model"), "stepwise");
	assert_true(json_number_value(json_object_get(mk, "maternal")) == 0.01);
	resp_free(&r);
	assert_int_equal(locus_lrs(tag, who, step, &at, &params), n);
	mk = json_array_get(json_object_get(json_object_get(params, "mutation"), "markers"), 0);
	assert_string_equal(str_at(mk, "locus"), "TH01"); /* read back from the run */
	assert_true(json_number_value(json_object_get(mk, "range")) == 0.5);
	json_decref(params);
	assert_true(th01 < n && at == th01);
	for(size_t i = 0; i < n; i++) {
		if(i == th01)
			assert_true(fabs(step[i] / none[i] - 1) > 1e-4); /* the locus's model changed its LR */
		else
			assert_true(step[i] == none[i]);
	}
}

static void a_screening_with_its_settings(void **state)
{
	(void)state;
	resp r;
	assert_status(post("/api/dna/screen", "{\"threshold\":2}", &r), 422);
	assert_string_equal(error_field(&r), "threshold");
	assert_contains(buf_str(&r.body), "threshold: expected a number from 0.5");
	resp_free(&r);
	assert_status(post("/api/dna/screen", "{\"threshold\":0.6,\"keep\":0.9}", &r), 422);
	assert_string_equal(error_field(&r), "keep");
	resp_free(&r);
	assert_status(post("/api/dna/screen", "{\"theta\":\"0.01\"}", &r), 422);
	assert_string_equal(error_field(&r), "theta");
	resp_free(&r);
	assert_status(post("/api/dna/screen", "{\"mutation\":\"sideways\"}", &r), 422);
	assert_string_equal(error_field(&r), "mutation");
	resp_free(&r);
	assert_status(post("/api/dna/screen", "{\"max_inconsistent\":1.5}", &r), 422);
	resp_free(&r);
	assert_status(post("/api/dna/screen", "{\"threads\":64}", &r), 422);
	assert_string_equal(resp_code(&r), "unknown_field");
	resp_free(&r);
	assert_status(post("/api/dna/screen", "{\"batch\":\"no-such-batch\"}", &r), 404);
	resp_free(&r);

	assert_status(post("/api/dna/screen", "{\"theta\":0.01,\"mutation\":\"stepwise\",\"report\":true}", &r), 200);
	assert_true(int_at(r.json, "proposals") >= 10);
	assert_int_equal(int_at(r.json, "remains"), 30);
	assert_int_equal(int_at(r.json, "loci"), 29);
	assert_true(json_number_value(json_object_get(r.json, "missing")) >= 30);
	/* most families are the engine's own tables; none more than there are */
	double exact = json_number_value(json_object_get(r.json, "families_exact"));
	assert_true(exact >= int_at(r.json, "families") / 2 && exact <= int_at(r.json, "families"));
	assert_contains(str_at(r.json, "report"), "with a prior of one over the number of missing persons");
	assert_contains(str_at(r.json, "report"), "| GLR | pairing | none |");
	json_t *pairing = json_object_get(r.json, "pairing");
	assert_true(json_integer_value(json_object_get(pairing, "groups")) >= 10);
	assert_int_equal(json_integer_value(json_object_get(pairing, "capped")), 0);
	resp_free(&r);
}

static void proposals_listed_paged_and_logged(void **state)
{
	(void)state;
	resp r, page2;
	assert_status(get(ROLE_AUDITOR, "/api/dna/proposals?status=proposed&limit=5", &r), 200);
	long long total = int_at(r.json, "total");
	json_t *rows = json_object_get(r.json, "proposals");
	assert_true(total >= 10);
	assert_int_equal(json_array_size(rows), 5);
	double last = 2;
	size_t i;
	json_t *p;
	json_array_foreach(rows, i, p) {
		double post = json_number_value(json_object_get(p, "posterior"));
		assert_true(post <= last && post >= 0.999);
		last = post;
		assert_string_equal(str_at(p, "status"), "proposed");
		assert_true(json_number_value(json_object_get(p, "prior_n")) >= 2);
		assert_non_null(str_at(p, "case_id"));
		if(!strcmp(str_at(p, "kind"), "kinship")) {
			assert_contains(str_at(p, "person_name"), "Simulated");
			assert_non_null(str_at(p, "relatives"));
			/* beside the GLR, the pairing probability and its complements */
			double pairing = json_number_value(json_object_get(p, "pairing")),
			       none = json_number_value(json_object_get(p, "pairing_none_remains"));
			assert_true(json_is_real(json_object_get(p, "pairing")));
			assert_true(pairing > 0 && pairing <= 1 && none >= 0 && pairing + none <= 1 + 1e-12);
			assert_true(json_is_real(json_object_get(p, "pairing_none_person")));
		} else {
			assert_true(json_is_null(json_object_get(p, "pairing")));
		}
	}
	assert_status(get(ROLE_AUDITOR, "/api/dna/proposals?status=proposed&limit=5&offset=5", &page2), 200);
	assert_int_equal(int_at(page2.json, "total"), total);
	assert_true(json_integer_value(json_object_get(json_array_get(json_object_get(page2.json, "proposals"), 0),
	                                               "id")) !=
	            json_integer_value(json_object_get(json_array_get(rows, 0), "id")));
	resp_free(&page2);
	/* By case: its tag or its id. */
	json_t *first = json_array_get(rows, 0);
	char path[256];
	snprintf(path, sizeof(path), "/api/dna/proposals?case=%s", str_at(first, "case"));
	assert_status(get(ROLE_AUDITOR, path, &page2), 200);
	long long by_tag = int_at(page2.json, "total");
	assert_true(by_tag >= 1);
	resp_free(&page2);
	snprintf(path, sizeof(path), "/api/dna/proposals?case=%s", str_at(first, "case_id"));
	assert_status(get(ROLE_AUDITOR, path, &page2), 200);
	assert_int_equal(int_at(page2.json, "total"), by_tag);
	resp_free(&page2);
	/* Names shown are reads of persons: in the access log. */
	const char *who = NULL;
	json_array_foreach(rows, i, p)
		if(!who && str_at(p, "person"))
			who = str_at(p, "person");
	assert_non_null(who);
	snprintf(path, sizeof(path), "/api/access?person=%s&actor=auditor", who);
	assert_status(get(ROLE_AUDITOR, path, &page2), 200);
	assert_true(json_array_size(json_object_get(page2.json, "entries")) >= 1);
	resp_free(&page2);
	resp_free(&r);

	assert_status(get(ROLE_AUDITOR, "/api/dna/proposals?status=maybe", &r), 400);
	assert_string_equal(error_field(&r), "status");
	resp_free(&r);
	assert_status(get(ROLE_AUDITOR, "/api/dna/proposals?stauts=proposed", &r), 400);
	resp_free(&r);
	assert_status(get(ROLE_AUDITOR, "/api/dna/proposals?limit=0", &r), 400);
	resp_free(&r);
}

/* Sampling advice: every family, highest gain first, seeded; one
 * person's; bad settings and unknown persons refused; readers only. */
static void sampling_advice_listed(void **state)
{
	(void)state;
	resp r, again;
	assert_status(get(ROLE_AUDITOR, "/api/dna/advice?simulations=20&seed=3&limit=40", &r), 200);
	json_t *rows = json_object_get(r.json, "advice"), *sum = json_object_get(r.json, "summary");
	assert_true(json_array_size(rows) >= 20);
	assert_int_equal(int_at(sum, "simulations"), 20);
	assert_int_equal(int_at(sum, "threads"), 2);
	assert_int_equal(int_at(sum, "pedigrees"), 0); /* the references files' families only */
	assert_true(json_number_value(json_object_get(sum, "log10_lr_needed")) > 3);
	double last = 2;
	size_t i;
	json_t *x;
	json_array_foreach(rows, i, x) {
		double gain = json_number_value(json_object_get(x, "gain"));
		double p = json_number_value(json_object_get(x, "p_proposed"));
		assert_true(gain <= last && gain >= 0);
		last = gain;
		assert_true(p >= 0 && p <= 1);
		assert_true(json_number_value(json_object_get(x, "exclusion_power")) > 0.99);
		assert_true(json_is_null(json_object_get(x, "family")) && json_is_null(json_object_get(x, "members")));
		if(!strcmp(str_at(x, "relatives"), "self") || !strcmp(str_at(x, "relatives"), "father, mother")) {
			assert_true(p > 0.95);
			assert_true(json_is_null(json_object_get(x, "best")));
		}
	}
	assert_status(get(ROLE_AUDITOR, "/api/dna/advice?simulations=20&seed=3&limit=40", &again), 200);
	assert_true(json_equal(json_object_get(again.json, "advice"), rows)); /* the same seed, the same advice */
	char path[200];
	snprintf(path, sizeof(path), "/api/dna/advice?simulations=20&person=%s",
	         str_at(json_array_get(rows, 0), "person"));
	resp_free(&again);
	assert_status(get(ROLE_IDENTIFICATION, path, &again), 200);
	assert_int_equal(json_array_size(json_object_get(again.json, "advice")), 1);
	resp_free(&again);
	resp_free(&r);
	assert_status(get(ROLE_AUDITOR, "/api/dna/advice?simulations=5", &r), 400);
	resp_free(&r);
	assert_status(get(ROLE_AUDITOR, "/api/dna/advice?person=P0000000000000000", &r), 404);
	resp_free(&r);
	assert_status(get(ROLE_MEDIATOR, "/api/dna/advice", &r), 403);
	resp_free(&r);
}

static void a_pair_explained_locus_by_locus(void **state)
{
	(void)state;
	char tag[64], who[UID_SIZE], path[256];
	assert_true(pick("status=proposed", false, tag, who));
	resp r;
	snprintf(path, sizeof(path), "/api/dna/explain?case=%s&other=%s", tag, who);
	assert_status(get(ROLE_ADMIN, path, &r), 200);
	assert_string_equal(str_at(r.json, "case"), tag);
	assert_string_equal(str_at(r.json, "person"), who);
	assert_string_equal(str_at(r.json, "confirm_action"), "identify");
	size_t nrel = json_array_size(json_object_get(r.json, "relatives"));
	assert_true(nrel >= 1);
	json_t *loci = json_object_get(r.json, "loci");
	assert_int_equal(json_array_size(loci), 29);
	double log10_product = 0;
	int compared = 0;
	size_t i;
	json_t *l;
	json_array_foreach(loci, i, l) {
		assert_non_null(str_at(l, "locus"));
		assert_int_equal(json_array_size(json_object_get(l, "relatives")), nrel);
		double lr = json_number_value(json_object_get(l, "lr"));
		assert_true(lr > 0);
		log10_product += log10(lr);
		compared += json_is_true(json_object_get(l, "compared"));
	}
	/* The product of the loci is the pair's LR. */
	double log10_lr = json_number_value(json_object_get(r.json, "log10_lr"));
	assert_true(fabs(log10_product - log10_lr) < 1e-6 * fabs(log10_lr) + 1e-9);
	assert_int_equal(compared, int_at(r.json, "compared"));
	json_t *stored = json_object_get(r.json, "proposal");
	assert_string_equal(str_at(stored, "status"), "proposed");
	assert_true(fabs(json_number_value(json_object_get(stored, "log10_lr")) - log10_lr) < 1e-3);
	assert_true(json_number_value(json_object_get(r.json, "missing")) >= 30);
	resp_free(&r);
	/* Read: in the access log. */
	snprintf(path, sizeof(path), "/api/access?person=%s&actor=admin", who);
	assert_status(get(ROLE_AUDITOR, path, &r), 200);
	assert_true(json_array_size(json_object_get(r.json, "entries")) >= 1);
	resp_free(&r);

	snprintf(path, sizeof(path), "/api/dna/explain?case=%s", tag);
	assert_status(get(ROLE_ADMIN, path, &r), 400);
	assert_string_equal(error_field(&r), "other");
	resp_free(&r);
	assert_status(get(ROLE_ADMIN, "/api/dna/explain?case=NOPE&other=P0000000000000000", &r), 404);
	assert_contains(buf_str(&r.body), "no remains case tagged 'NOPE'");
	resp_free(&r);
}

/* ---- decisions ------------------------------------------------------------------- */

static void confirm_records_the_person_reject_is_kept(void **state)
{
	(void)state;
	char tag[64], who[UID_SIZE], path[256], body[512];
	assert_true(pick("status=proposed", false, tag, who));
	resp r;
	snprintf(path, sizeof(path), "/api/persons/%s", who);
	assert_status(get(ROLE_IDENTIFICATION, path, &r), 200);
	assert_string_equal(str_at(r.json, "status"), "missing");
	size_t events = json_array_size(json_object_get(r.json, "events"));
	resp_free(&r);

	/* Neither the mediator nor the negotiator may decide, or read. */
	snprintf(body, sizeof(body), "{\"case\":\"%s\",\"other\":\"%s\",\"note\":\"reviewed, EK\"}", tag, who);
	static const role refused[] = {ROLE_NEGOTIATOR, ROLE_MEDIATOR};
	for(size_t i = 0; i < 2; i++) {
		assert_status(post_json(refused[i], "/api/dna/confirm", body, &r), 403);
		resp_free(&r);
		assert_status(get(refused[i], "/api/dna/proposals", &r), 403);
		resp_free(&r);
	}
	assert_status(post_json(ROLE_AUDITOR, "/api/dna/confirm", body, &r), 403);
	resp_free(&r);
	assert_status(post("/api/dna/confirm", "{\"case\":\"SIM-5-00001\"}", &r), 422);
	assert_string_equal(error_field(&r), "other");
	resp_free(&r);
	assert_status(post("/api/dna/reject", "{\"case\":\"SIM-5-00001\",\"other\":\"x\",\"force\":true}", &r), 422);
	assert_string_equal(resp_code(&r), "unknown_field");
	resp_free(&r);

	/* Two people: reviewed by one (with a note), confirmed by another. */
	assert_status(post("/api/dna/confirm", body, &r), 409);
	assert_contains(buf_str(&r.body), "not reviewed: an identification needs two people");
	resp_free(&r);
	char pair[256];
	snprintf(pair, sizeof(pair), "{\"case\":\"%s\",\"other\":\"%s\"}", tag, who);
	assert_status(post("/api/dna/review", pair, &r), 422);
	assert_string_equal(error_field(&r), "note");
	resp_free(&r);
	assert_status(post("/api/dna/review", body, &r), 200);
	assert_string_equal(str_at(r.json, "status"), "reviewed");
	resp_free(&r);
	assert_status(post("/api/dna/confirm", body, &r), 409);
	assert_contains(buf_str(&r.body), "identification reviewed the proposal");
	resp_free(&r);
	long long before = audit_entries();
	assert_status(post2("/api/dna/confirm", body, &r), 200);
	assert_string_equal(str_at(r.json, "action"), "identify");
	assert_string_equal(str_at(r.json, "person"), who);
	assert_string_equal(str_at(r.json, "status_after"), "confirmed");
	assert_int_equal(int_at(r.json, "events_added"), 2);
	resp_free(&r);
	assert_true(audit_entries() > before);
	/* Recorded on the person: status and events. */
	assert_status(get(ROLE_IDENTIFICATION, path, &r), 200);
	assert_string_equal(str_at(r.json, "status"), "identified");
	assert_int_equal(json_array_size(json_object_get(r.json, "events")), events + 2);
	resp_free(&r);
	/* And on the case. */
	snprintf(path, sizeof(path), "/api/remains/%s", tag);
	assert_status(get(ROLE_IDENTIFICATION, path, &r), 200);
	assert_string_equal(str_at(r.json, "status"), "confirmed");
	assert_string_equal(str_at(r.json, "person"), who);
	resp_free(&r);
	/* Decided: not again. */
	assert_status(post("/api/dna/confirm", body, &r), 409);
	assert_contains(buf_str(&r.body), "was confirmed by officer2");
	resp_free(&r);
	snprintf(path, sizeof(path), "/api/dna/proposals?case=%s&status=confirmed", tag);
	assert_status(get(ROLE_AUDITOR, path, &r), 200);
	json_t *p = json_array_get(json_object_get(r.json, "proposals"), 0);
	assert_string_equal(str_at(p, "decided_by"), "officer2");
	assert_string_equal(str_at(p, "reviewed_by"), "identification");
	assert_string_equal(str_at(p, "review_note"), "reviewed, EK");
	resp_free(&r);

	/* Withdrawn by two: the admin requests, an identification officer approves. */
	char why[512];
	snprintf(why, sizeof(why), "{\"case\":\"%s\",\"other\":\"%s\",\"reason\":\"the reference was the "
	         "neighbour's\"}", tag, who);
	assert_status(post_json(ROLE_AUDITOR, "/api/dna/withdraw", why, &r), 403);
	resp_free(&r);
	assert_status(post_json(ROLE_ADMIN, "/api/dna/withdraw/approve", pair, &r), 409);
	assert_contains(buf_str(&r.body), "nobody has requested");
	resp_free(&r);
	assert_status(post_json(ROLE_ADMIN, "/api/dna/withdraw", pair, &r), 422);
	assert_string_equal(error_field(&r), "reason");
	resp_free(&r);
	assert_status(post_json(ROLE_ADMIN, "/api/dna/withdraw", why, &r), 200);
	assert_string_equal(str_at(r.json, "withdrawal"), "requested");
	resp_free(&r);
	assert_status(post_json(ROLE_ADMIN, "/api/dna/withdraw/approve", pair, &r), 409);
	assert_contains(buf_str(&r.body), "another person approves it");
	resp_free(&r);
	assert_status(post2("/api/dna/withdraw/approve", pair, &r), 200);
	assert_string_equal(str_at(r.json, "status"), "withdrawn");
	assert_string_equal(str_at(r.json, "status_after"), "unidentified");
	assert_int_equal(int_at(r.json, "events_voided"), 2);
	resp_free(&r);
	snprintf(path, sizeof(path), "/api/persons/%s", who);
	assert_status(get(ROLE_IDENTIFICATION, path, &r), 200);
	assert_string_equal(str_at(r.json, "status"), "missing");
	assert_int_equal(json_array_size(json_object_get(r.json, "events")), events);
	resp_free(&r);
	snprintf(path, sizeof(path), "/api/dna/proposals?case=%s&status=withdrawn", tag);
	assert_status(get(ROLE_AUDITOR, path, &r), 200);
	p = json_array_get(json_object_get(r.json, "proposals"), 0);
	assert_string_equal(str_at(p, "withdraw_by"), "admin");
	assert_string_equal(str_at(p, "withdrawn_by"), "officer2");
	resp_free(&r);

	/* Another rejected: kept. */
	assert_true(pick("status=proposed", false, tag, who));
	snprintf(body, sizeof(body), "{\"case\":\"%s\",\"other\":\"%s\",\"note\":\"the sample was mislabelled\"}",
	         tag, who);
	assert_status(post("/api/dna/reject", body, &r), 200);
	assert_string_equal(str_at(r.json, "status"), "rejected");
	assert_true(json_is_null(json_object_get(r.json, "action")));
	resp_free(&r);
	assert_status(get(ROLE_AUDITOR, "/api/dna/proposals?status=rejected", &r), 200);
	assert_int_equal(int_at(r.json, "total"), 1);
	resp_free(&r);
	audit_entries(); /* the chain verifies */
}

static void the_other_sides_remains_are_flagged_for_return(void **state)
{
	(void)state;
	char tag[64], who[UID_SIZE], path[256], body[256];
	assert_true(pick("status=proposed", true, tag, who));
	resp r;
	/* The explanation says so before anyone confirms. */
	snprintf(path, sizeof(path), "/api/dna/explain?case=%s&other=%s", tag, who);
	assert_status(get(ROLE_IDENTIFICATION, path, &r), 200);
	assert_string_equal(str_at(r.json, "confirm_action"), "return");
	assert_string_equal(str_at(r.json, "return_to"), "RU");
	resp_free(&r);
	snprintf(body, sizeof(body), "{\"case\":\"%s\",\"other\":\"%s\",\"note\":\"checked\"}", tag, who);
	assert_status(post("/api/dna/review", body, &r), 200);
	resp_free(&r);
	assert_status(post2("/api/dna/confirm", body, &r), 200);
	assert_string_equal(str_at(r.json, "action"), "return");
	assert_string_equal(str_at(r.json, "status_after"), "preliminary");
	assert_contains(str_at(r.json, "note"), "flagged for return");
	resp_free(&r);
	audit_entries();
}

/* ---- pedigrees ------------------------------------------------------------------- */

/* Two men of persons.csv still missing, from its end. */
static void two_missing(char a[UID_SIZE], char b[UID_SIZE])
{
	char path[4400], line[512];
	FILE *f = fopen(tu_path(path, sizeof(path), fx->dir, "persons.csv"), "r");
	assert_non_null(f);
	char uids[64][UID_SIZE];
	int n = 0;
	while(fgets(line, sizeof(line), f) && n < 64)
		if(line[0] == 'P' && strchr(line, ','))
			snprintf(uids[n++], UID_SIZE, "%.*s", (int)(strchr(line, ',') - line), line);
	fclose(f);
	int found = 0;
	for(int i = n - 1; i >= 0 && found < 2; i--) {
		resp r;
		snprintf(path, sizeof(path), "/api/persons/%s", uids[i]);
		assert_status(get(ROLE_IDENTIFICATION, path, &r), 200);
		const char *sex = str_at(r.json, "sex");
		if(!strcmp(str_at(r.json, "status"), "missing") && (!sex || !strcmp(sex, "male")))
			snprintf(found++ ? b : a, UID_SIZE, "%s", uids[i]);
		resp_free(&r);
	}
	assert_int_equal(found, 2);
}

static void pedigrees_imported_listed_and_shown(void **state)
{
	(void)state;
	char fa[UID_SIZE], son[UID_SIZE], text[2048], path[256];
	two_missing(fa, son);
	resp r;
	/* refused whole, each problem at its line and column */
	snprintf(text, sizeof(text), "family,id,father,mother,sex,sample,person,TH01.1,TH01.2\n"
	         "F1,FA,,,F,,%s,,\nF1,SON,FA,MO,M,,%s,,\nF1,MO,,,F,S-MO,,7,8\n", fa, son);
	long long before = audit_entries();
	assert_status(upload("kind=pedigree", "ped.csv", text, &r), 422);
	json_t *bad = json_object_get(json_object_get(r.json, "error"), "problems");
	assert_contains(json_string_value(json_array_get(bad, 0)),
	                "ped.csv:3: column 'father': FA is female (line 2): a father is male");
	resp_free(&r);
	assert_int_equal(audit_entries(), before);
	/* a father and son both missing, the mother and a brother typed */
	snprintf(text, sizeof(text), "family,id,father,mother,sex,sample,person,TH01.1,TH01.2\n"
	         "F1,FA,,,M,,%s,,\nF1,MO,,,F,S-MO,,7,8\nF1,SON,FA,MO,M,,%s,,\n"
	         "F1,BRO,FA,MO,M,S-BRO,,7,9.3\n", fa, son);
	assert_status(upload("kind=pedigree", "ped.csv", text, &r), 200);
	assert_int_equal(int_at(r.json, "created"), 1);
	assert_int_equal(int_at(r.json, "profiles_created"), 2);
	resp_free(&r);
	assert_status(upload("kind=pedigree", "ped.csv", text, &r), 200);
	assert_int_equal(int_at(r.json, "unchanged"), 1);
	resp_free(&r);
	assert_status(get(ROLE_AUDITOR, "/api/dna/pedigrees", &r), 200);
	assert_int_equal(int_at(r.json, "total"), 1);
	json_t *p = json_array_get(json_object_get(r.json, "pedigrees"), 0);
	assert_string_equal(str_at(p, "family"), "F1");
	assert_int_equal(int_at(p, "missing"), 2);
	assert_int_equal(int_at(p, "typed"), 2);
	resp_free(&r);
	assert_status(get(ROLE_IDENTIFICATION, "/api/dna/pedigree?family=F1", &r), 200);
	assert_contains(str_at(r.json, "tree"), "└─ with MO (female) typed: sample S-MO");
	json_t *m = json_array_get(json_object_get(r.json, "members"), 2);
	assert_string_equal(str_at(m, "id"), "SON");
	assert_string_equal(str_at(m, "person"), son);
	resp_free(&r);
	assert_status(get(ROLE_IDENTIFICATION, "/api/dna/pedigree?family=F9", &r), 404);
	resp_free(&r);
	assert_status(get(ROLE_IDENTIFICATION, "/api/dna/pedigree", &r), 400);
	resp_free(&r);
	static const role refused[] = {ROLE_NEGOTIATOR, ROLE_MEDIATOR};
	for(size_t i = 0; i < 2; i++) {
		snprintf(path, sizeof(path), "/api/dna/pedigree?family=F1");
		assert_status(get(refused[i], path, &r), 403);
		resp_free(&r);
	}
	audit_entries();
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(frequencies_are_counted_and_a_bad_table_is_refused),
		cmocka_unit_test(profiles_are_imported_whole_or_not_at_all),
		cmocka_unit_test(a_locus_with_a_model_of_its_own),
		cmocka_unit_test(a_screening_with_its_settings),
		cmocka_unit_test(proposals_listed_paged_and_logged),
		cmocka_unit_test(sampling_advice_listed),
		cmocka_unit_test(a_pair_explained_locus_by_locus),
		cmocka_unit_test(confirm_records_the_person_reject_is_kept),
		cmocka_unit_test(the_other_sides_remains_are_flagged_for_return),
		cmocka_unit_test(pedigrees_imported_listed_and_shown),
	};
	return cmocka_run_group_tests_name("api/dna", tests, setup, fx_teardown);
}
