/* Agreements and stages over the API, against the real server: an
 * agreement added (and a bad one refused with the field's path), a plan
 * with its exclusions explained, a stage saved, changed and proposed, its
 * manifest signed by both parties' keys and uploaded so that the stage is
 * agreed, executed with a refusal and a substitution; the ledger, the
 * statement under the embargo and after it, aftercare with and without
 * medical rights; the mediator reads the manifest but no person. */
#include "harness.h"

#include "sign/sign.h"

/* The test's own agreement: its rule picks the persons below (unit
 * "test-unit") and none of the harness's generated ones. */
static const char agreement_doc[] =
	"{\"parley\": \"agreement/1\", \"id\": \"test-2025\", \"title\": {\"en\": \"A test <script>alert(1)</script>\","
	" \"uk\": \"Тестова домовленість\"},"
	" \"parties\": [\"UA\", \"RU\"], \"mediator\": \"TR\", \"transit\": \"BY\","
	" \"concluded\": \"2025-06-02\", \"valid_from\": \"2025-06-02\", \"valid_until\": \"2025-12-31\","
	" \"conflict_start\": \"2022-02-24\", \"embargo\": {\"until\": \"done\"},"
	" \"clauses\": [{\"id\": \"young\", \"title\": \"The wounded and the young\","
	" \"subject\": \"prisoners\", \"eligible\": \"unit = \\\"test-unit\\\" and (medical in"
	" (severely_wounded, seriously_ill) or age(stage_date) between 18 and 25)\","
	" \"basis\": {\"kind\": \"all_for_all\"}, \"priority\": [\"severity\", \"captivity\", \"age asc\"],"
	" \"capacity\": 1000},"
	" {\"id\": \"bodies\", \"subject\": \"remains\", \"basis\": {\"kind\": \"quota\", \"each\": 100},"
	" \"capacity\": 50}]}";

/* Who the office holds and who the other side holds: the uids once added. */
enum { KOVALENKO, SHEVCHUK, KRAVETS, IVANOV, PETROV, TKACHUK, NPEOPLE };
static const struct {
	const char *surname, *given, *birth, *party, *held_by, *medical;
} people[NPEOPLE] = {
	[KOVALENKO] = {"Коваленко", "Олександр", "1975-03-02", "UA", "RU", "severely_wounded"},
	[SHEVCHUK] = {"Шевчук", "Микола", "2002-08-14", "UA", "RU", "none"},
	[KRAVETS] = {"Кравець", "Іван", "1985-06-01", "UA", "RU", "none"},
	[IVANOV] = {"Иванов", "Сергей", "1979-05-05", "RU", "UA", "severely_wounded"},
	[PETROV] = {"Петров", "Алексей", "2002-07-07", "RU", "UA", "none"},
	[TKACHUK] = {"Ткачук", "Андрій", "2000-02-20", "UA", "RU", "none"},
};
static char uid[NPEOPLE][UID_SIZE];
static char stage_id[UID_SIZE];
static sign_key keys[3]; /* UA, RU (parties), TR (mediator) */

static void add_people(void)
{
	pl_err err = {0};
	store *st;
	assert_ok(store_open(&st, fx->db, "test:accord", 0, &err), &err);
	for(int i = 0; i < NPEOPLE; i++) {
		person p = {0};
		char icrc[16];
		snprintf(icrc, sizeof(icrc), "T-%d", i + 1);
		p.f[PF_SURNAME] = people[i].surname;
		p.f[PF_GIVEN_NAMES] = people[i].given;
		p.f[PF_BIRTH_DATE] = people[i].birth;
		p.f[PF_PARTY] = people[i].party;
		p.f[PF_HELD_BY] = people[i].held_by;
		p.f[PF_MEDICAL] = people[i].medical;
		p.f[PF_BRANCH] = "armed_forces";
		p.f[PF_UNIT] = "test-unit";
		p.f[PF_CAPTURE_DATE] = "2022-02-26";
		p.f[PF_CONSENT] = "yes";
		p.ext[0] = (ext_id){.source = "icrc", .id = icrc};
		p.next = 1;
		assert_ok(registry_person_add(st, &p, &err), &err);
		memcpy(uid[i], p.uid, UID_SIZE);
		static const char *const types[] = {"capture", "capture_card"};
		static const char *const dates[] = {"2022-02-26", "2022-04-01"};
		for(int k = 0; k < 2; k++) {
			event e = {0};
			e.f[EF_TYPE] = types[k];
			e.f[EF_DATE] = dates[k];
			e.f[EF_SOURCE] = k ? "icrc_visit" : "counterpart_list";
			assert_ok(registry_event_add(st, p.uid, &e, &err), &err);
		}
	}
	/* The parties' and the mediator's keys, trusted by this office. */
	static const char *const signers[] = {"UA", "RU", "TR"};
	for(int i = 0; i < 3; i++) {
		assert_ok(sign_key_generate(signers[i], i == 2 ? SIGN_MEDIATOR : SIGN_PARTY, &keys[i], &err), &err);
		assert_ok(sign_key_trust(st, &keys[i], "test", NULL, &err), &err);
	}
	store_close(st);
}

static int setup(void **state)
{
	int rc = fx_setup(state);
	if(!rc)
		add_people();
	return rc;
}

static int teardown(void **state)
{
	for(int i = 0; i < 3; i++)
		sign_key_wipe(&keys[i]);
	return fx_teardown(state);
}

/* ---- helpers --------------------------------------------------------------- */

/* Whether the access log has a read of person p by actor with action. */
static bool read_logged(const char *p, const char *actor, const char *action)
{
	char path[128];
	snprintf(path, sizeof(path), "/api/access?person=%s&actor=%s&limit=0", p, actor);
	resp r;
	assert_status(get(ROLE_AUDITOR, path, &r), 200);
	bool found = find(json_object_get(r.json, "entries"), "action", action) != NULL;
	resp_free(&r);
	return found;
}

/* ---- agreements -------------------------------------------------------------- */

static void an_agreement_is_added_and_shown(void **state)
{
	(void)state;
	resp r;
	/* A field misspelt: refused with its path. */
	char bad[sizeof(agreement_doc) + 8];
	snprintf(bad, sizeof(bad), "%s", agreement_doc);
	memcpy(strstr(bad, "\"eligible\""), "\"eligable\"", 10);
	assert_status(post_json(ROLE_NEGOTIATOR, "/api/agreements", bad, &r), 422);
	assert_string_equal(resp_code(&r), "bad_input");
	json_t *e = json_object_get(r.json, "error");
	assert_string_equal(str_at(e, "field"), "clauses[0].eligable");
	assert_contains(str_at(e, "message"), "did you mean 'eligible'");
	resp_free(&r);
	/* A rule that cannot be read: the path and the column. */
	snprintf(bad, sizeof(bad), "%s", agreement_doc);
	memcpy(strstr(bad, "seriously_ill"), "seriusly_ill,", 13);
	assert_status(post_json(ROLE_NEGOTIATOR, "/api/agreements", bad, &r), 422);
	assert_string_equal(str_at(json_object_get(r.json, "error"), "field"), "clauses[0].eligible");
	assert_contains(str_at(json_object_get(r.json, "error"), "message"), "column");
	resp_free(&r);
	assert_status(post_json(ROLE_NEGOTIATOR, "/api/agreements", "{\"parley\": ", &r), 400);
	assert_string_equal(resp_code(&r), "bad_json");
	resp_free(&r);
	assert_status(post_json(ROLE_REGISTRAR, "/api/agreements", agreement_doc, &r), 403);
	resp_free(&r);
	assert_status(post_json(ROLE_NEGOTIATOR, "/api/agreements", agreement_doc, &r), 201);
	assert_true(json_is_true(json_object_get(r.json, "added")));
	assert_int_equal(strlen(str_at(r.json, "sha256")), 64);
	resp_free(&r);
	/* The same terms again change nothing. */
	assert_status(post_json(ROLE_NEGOTIATOR, "/api/agreements", agreement_doc, &r), 200);
	assert_true(json_is_false(json_object_get(r.json, "added")));
	resp_free(&r);

	assert_status(get(ROLE_AUDITOR, "/api/agreements", &r), 200);
	json_t *listed = find(json_object_get(r.json, "agreements"), "id", "test-2025");
	assert_non_null(listed);
	/* the list gives each language's title, for the UI to show its own */
	assert_string_equal(str_at(json_object_get(listed, "titles"), "uk"), "Тестова домовленість");
	assert_contains(str_at(json_object_get(listed, "titles"), "en"), "A test");
	assert_null(json_object_get(json_object_get(listed, "titles"), "ru"));
	resp_free(&r);
	assert_status(get(ROLE_REGISTRAR, "/api/agreements/test-2025", &r), 200);
	assert_contains(str_at(r.json, "explanation"), "all for all");
	json_t *bodies = find(json_object_get(r.json, "clauses"), "id", "bodies");
	assert_string_equal(str_at(bodies, "basis_text"), "100 for 100");
	assert_string_equal(str_at(r.json, "embargo_until"), "done");
	json_t *ledger = find(json_object_get(json_object_get(r.json, "ledger"), "clauses"), "clause", "bodies");
	assert_int_equal(int_at(json_object_get(ledger, "RU"), "owed"), 100);
	resp_free(&r);
	assert_status(get(ROLE_REGISTRAR, "/api/agreements/nothing-here", &r), 404);
	resp_free(&r);
}

/* ---- planning ------------------------------------------------------------------ */

static void a_plan_explains_its_exclusions(void **state)
{
	(void)state;
	resp r;
	const char *body = "{\"clause\":\"young\",\"stage_date\":\"2025-06-09\",\"capacity\":2,\"explain\":true}";
	assert_status(post_json(ROLE_REGISTRAR, "/api/agreements/test-2025/plan", body, &r), 200);
	json_t *next = json_object_get(r.json, "next_stage");
	/* UA hands over those it holds; the severely wounded first, then the youngest. */
	assert_int_equal(json_array_size(json_object_get(next, "UA")), 2);
	assert_non_null(find(json_object_get(next, "UA"), "id", uid[IVANOV]));
	assert_non_null(find(json_object_get(next, "UA"), "id", uid[PETROV]));
	assert_non_null(find(json_object_get(next, "RU"), "id", uid[KOVALENKO]));
	assert_non_null(find(json_object_get(next, "RU"), "id", uid[SHEVCHUK]));
	assert_null(find(json_object_get(next, "RU"), "id", uid[TKACHUK])); /* the next day */
	json_t *x = find(json_object_get(r.json, "exclusions"), "id", uid[KRAVETS]);
	assert_non_null(x);
	assert_string_equal(str_at(x, "reason"), "not_eligible");
	assert_string_equal(str_at(x, "held_by"), "RU");
	assert_non_null(str_at(x, "why"));
	assert_true(int_at(json_object_get(r.json, "excluded"), "not_eligible") >= 1);
	assert_int_equal(int_at(r.json, "exclusions_total"), json_array_size(json_object_get(r.json, "exclusions")));
	assert_true(json_array_size(json_object_get(r.json, "schedule")) >= 2);
	resp_free(&r);
	/* What the plan showed is in the access log. */
	assert_true(read_logged(uid[KRAVETS], "registrar", "plan"));
	assert_true(read_logged(uid[IVANOV], "registrar", "plan"));

	/* Saving takes a negotiator; bad input is named. */
	assert_status(post_json(ROLE_REGISTRAR, "/api/agreements/test-2025/plan", "{\"save\":true}", &r), 403);
	assert_string_equal(str_at(json_object_get(r.json, "error"), "field"), "save");
	resp_free(&r);
	static const struct {
		const char *body, *field;
	} bad[] = {
		{"{\"stage_date\":\"2025-06\"}", "stage_date"},
		{"{\"capacity\":0}", "capacity"},
		{"{\"explain\":\"yes\"}", "explain"},
		{"{\"handover_point\":\"x\"}", "handover_point"},
		{"{\"clause\":\"young\",\"colour\":1}", "colour"},
	};
	report rep = {0};
	for(size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		long st = post_json(ROLE_NEGOTIATOR, "/api/agreements/test-2025/plan", bad[i].body, &r);
		const char *field = str_at(json_object_get(r.json, "error"), "field");
		if(st != 422 || !field || strcmp(field, bad[i].field))
			report_add(&rep, "%s: %ld %s\n", bad[i].body, st, buf_str(&r.body));
		resp_free(&r);
	}
	report_check(&rep, (int)(sizeof(bad) / sizeof(bad[0])));
	/* Two clauses: which one must be said. The refusal names the
	 * agreement by its id for the CLI and gives its titles, for the UI to
	 * name it in the user's language. */
	assert_status(post_json(ROLE_NEGOTIATOR, "/api/agreements/test-2025/plan", "{}", &r), 422);
	json_t *e = json_object_get(r.json, "error");
	assert_string_equal(str_at(e, "message_code"), "plan.which_clause");
	assert_string_equal(str_at(json_object_get(e, "args"), "agreement"), "test-2025");
	assert_string_equal(str_at(json_object_get(e, "args"), "title_uk"), "Тестова домовленість");
	assert_contains(str_at(json_object_get(e, "args"), "title_en"), "A test");
	resp_free(&r);

	assert_status(post_json(ROLE_NEGOTIATOR, "/api/agreements/test-2025/plan",
	                        "{\"clause\":\"young\",\"stage_date\":\"2025-06-09\",\"capacity\":2,"
	                        "\"save\":true,\"handover_point\":\"Belarus-Ukraine border\"}", &r), 201);
	snprintf(stage_id, sizeof(stage_id), "%s", str_at(r.json, "saved_stage"));
	assert_int_equal(strlen(stage_id), UID_SIZE - 1);
	resp_free(&r);
}

/* ---- stages ---------------------------------------------------------------- */

static void path_of(char *out, size_t size, const char *what)
{
	snprintf(out, size, "/api/stages/%s%s", stage_id, what);
}

static void a_stage_is_changed_and_proposed(void **state)
{
	(void)state;
	resp r;
	char path[128], body[256];
	path_of(path, sizeof(path), "");
	assert_status(get(ROLE_NEGOTIATOR, path, &r), 200);
	assert_string_equal(str_at(r.json, "status"), "draft");
	assert_int_equal(json_array_size(json_object_get(r.json, "entries")), 4);
	assert_string_equal(str_at(r.json, "handover_point"), "Belarus-Ukraine border");
	assert_string_equal(str_at(json_object_get(r.json, "agreement_titles"), "uk"), "Тестова домовленість");
	resp_free(&r);
	assert_true(read_logged(uid[PETROV], "negotiator", "show"));
	assert_status(get(ROLE_AUDITOR, "/api/stages?status=draft", &r), 200);
	assert_non_null(find(json_object_get(r.json, "stages"), "id", stage_id));
	resp_free(&r);
	assert_status(get(ROLE_AUDITOR, "/api/stages?status=drafty", &r), 400);
	resp_free(&r);
	/* The mediator is not shown a draft never proposed to it: not in the
	 * list, and not by its id, its manifest or its check (issue 13 item 8). */
	assert_status(get(ROLE_MEDIATOR, "/api/stages", &r), 200);
	assert_null(find(json_object_get(r.json, "stages"), "id", stage_id));
	resp_free(&r);
	static const char *const hidden[] = {"", "/manifest", "/verify", "/diff", "/corrections"};
	for(size_t i = 0; i < sizeof(hidden) / sizeof(hidden[0]); i++) {
		path_of(path, sizeof(path), hidden[i]);
		assert_status(get(ROLE_MEDIATOR, path, &r), 404);
		assert_null(strstr(buf_str(&r.body), "Petrov"));
		resp_free(&r);
	}

	/* Petrov off and on again: two new versions, compared. */
	path_of(path, sizeof(path), "/entries");
	snprintf(body, sizeof(body), "{\"remove\":[\"%s\"]}", uid[PETROV]);
	assert_status(post_json(ROLE_NEGOTIATOR, path, body, &r), 200);
	assert_int_equal(int_at(r.json, "version"), 2);
	resp_free(&r);
	snprintf(body, sizeof(body), "{\"add\":[{\"person\":\"%s\",\"side\":\"RU\",\"clause\":\"young\"}]}",
	         uid[PETROV]);
	assert_status(post_json(ROLE_NEGOTIATOR, path, body, &r), 409); /* held by UA, not RU */
	assert_contains(buf_str(&r.body), "is held by UA, not RU");
	resp_free(&r);
	snprintf(body, sizeof(body), "{\"add\":[{\"person\":\"%s\",\"side\":\"XX\",\"clause\":\"young\"}]}",
	         uid[PETROV]);
	assert_status(post_json(ROLE_NEGOTIATOR, path, body, &r), 422);
	assert_string_equal(str_at(json_object_get(r.json, "error"), "field"), "add[0].side");
	resp_free(&r);
	snprintf(body, sizeof(body), "{\"add\":[{\"person\":\"%s\",\"side\":\"UA\",\"clause\":\"young\"}]}",
	         uid[PETROV]);
	assert_status(post_json(ROLE_NEGOTIATOR, path, body, &r), 200);
	assert_int_equal(int_at(r.json, "version"), 3);
	resp_free(&r);
	path_of(path, sizeof(path), "/diff?from=1&to=2");
	assert_status(get(ROLE_AUDITOR, path, &r), 200);
	json_t *ch = json_array_get(json_object_get(r.json, "changes"), 0);
	assert_int_equal(json_array_size(json_object_get(r.json, "changes")), 1);
	assert_string_equal(str_at(ch, "op"), "-");
	assert_contains(str_at(ch, "what"), "Петров");
	resp_free(&r);
	assert_true(read_logged(uid[PETROV], "auditor", "diff"));

	path_of(path, sizeof(path), "/propose");
	assert_status(call(fx, &(rq){.method = "POST", .path = path, .bearer = fx_token(fx, ROLE_NEGOTIATOR)},
	                   &r), 200);
	assert_string_equal(str_at(r.json, "status"), "proposed");
	resp_free(&r);
	/* Only an agreed stage is executed. */
	path_of(path, sizeof(path), "/execute");
	assert_status(post_json(ROLE_NEGOTIATOR, path, "{}", &r), 409);
	resp_free(&r);
}

/* The stage's manifest as this office exports it, signed by `n` of the keys. */
static json_t *signed_manifest(int n)
{
	char path[128];
	path_of(path, sizeof(path), "/manifest");
	resp r;
	assert_status(get(ROLE_MEDIATOR, path, &r), 200);
	char cd[256];
	assert_non_null(resp_header(&r, "Content-Disposition", cd, sizeof(cd)));
	assert_contains(cd, stage_id);
	json_t *env = json_incref(r.json);
	resp_free(&r);
	assert_non_null(env);
	pl_err err = {0};
	for(int i = 0; i < n; i++) {
		signed_doc_signing info;
		assert_ok(signed_doc_sign(env, &keys[i], &info, &err), &err);
	}
	return env;
}

static long upload_manifest(json_t *env, resp *r)
{
	char path[4400];
	tu_path(path, sizeof(path), fx->dir, "manifest.json");
	assert_int_equal(json_dump_file(env, path, JSON_INDENT(2)), 0);
	return call(fx, &(rq){.method = "POST", .path = "/api/manifests", .bearer = fx_token(fx, ROLE_NEGOTIATOR),
	                      .upload = {path, "manifest.json"}}, r);
}

static void a_manifest_signed_by_both_parties_agrees_the_stage(void **state)
{
	(void)state;
	resp r;
	char path[128];
	/* Unsigned so far. */
	path_of(path, sizeof(path), "/verify");
	assert_status(get(ROLE_MEDIATOR, path, &r), 200);
	assert_int_equal(json_array_size(json_object_get(r.json, "signatures")), 0);
	assert_true(json_is_false(json_object_get(r.json, "complete")));
	resp_free(&r);

	/* Changed after signing: the version held here is another document. */
	json_t *env = signed_manifest(2);
	json_t *entry = json_array_get(json_object_get(json_object_get(env, "document"), "entries"), 0);
	json_object_set_new(json_object_get(entry, "person"), "birth_date", json_string("1999-01-01"));
	long st = upload_manifest(env, &r);
	assert_true(st == 409 || st == 422);
	resp_free(&r);
	json_decref(env);
	/* Not a manifest at all. */
	char bad[4400];
	tu_path(bad, sizeof(bad), fx->dir, "bad.json");
	tu_write(bad, "{\"document\": {}, \"document\": {}}");
	assert_status(call(fx, &(rq){.method = "POST", .path = "/api/manifests",
	                             .bearer = fx_token(fx, ROLE_NEGOTIATOR), .upload = {bad, "bad.json"}}, &r), 422);
	assert_contains(buf_str(&r.body), "bad.json");
	resp_free(&r);

	/* Коваленко's mother asks about him: the signed manifest naming him
	 * makes a task for the family liaison (the watch, families.md). */
	char inquiry[400];
	snprintf(inquiry, sizeof(inquiry), "{\"inquirer\":\"Ганна Коваленко\",\"relation\":\"mother\",\"person\":\"%s\","
	         "\"consents\":[{\"purpose\":\"tracing\",\"form\":\"oral\"}]}", uid[KOVALENKO]);
	assert_status(post_json(ROLE_FAMILY_LIAISON, "/api/inquiries", inquiry, &r), 201);
	resp_free(&r);

	env = signed_manifest(2);
	assert_status(upload_manifest(env, &r), 200);
	assert_true(json_is_true(json_object_get(r.json, "agreed")));
	assert_true(json_is_false(json_object_get(r.json, "witnessed")));
	assert_int_equal(int_at(r.json, "signatures_added"), 2);
	resp_free(&r);
	json_decref(env);
	assert_status(post_json(ROLE_FAMILY_LIAISON, "/api/tasks/watch", NULL, &r), 200);
	resp_free(&r);
	snprintf(path, sizeof(path), "/api/tasks?person=%s", uid[KOVALENKO]);
	assert_status(get(ROLE_FAMILY_LIAISON, path, &r), 200);
	json_t *task = find(json_object_get(r.json, "tasks"), "kind", "manifest");
	assert_non_null(task);
	assert_contains(str_at(task, "evidence"), "manifest of stage 1 of test-2025");
	assert_contains(str_at(task, "source"), stage_id);
	resp_free(&r);

	/* Both parties' signatures valid, trusted and over this document; the
	 * mediator has not witnessed it. */
	path_of(path, sizeof(path), "/verify");
	assert_status(get(ROLE_MEDIATOR, path, &r), 200);
	json_t *sigs = json_object_get(r.json, "signatures");
	assert_int_equal(json_array_size(sigs), 2);
	for(size_t i = 0; i < 2; i++) {
		assert_true(json_is_true(json_object_get(json_array_get(sigs, i), "ok")));
		assert_contains(str_at(json_array_get(sigs, i), "text"), "valid, trusted, and over this document");
	}
	json_t *req = json_object_get(r.json, "required");
	assert_true(json_is_true(json_object_get(find(req, "signer", "UA"), "signed")));
	assert_true(json_is_true(json_object_get(find(req, "signer", "RU"), "signed")));
	assert_true(json_is_false(json_object_get(find(req, "signer", "TR"), "signed")));
	assert_string_equal(str_at(r.json, "status"), "agreed");
	resp_free(&r);

	/* The mediator reads the stage and its manifest, and no person. */
	path_of(path, sizeof(path), "");
	assert_status(get(ROLE_MEDIATOR, path, &r), 200);
	assert_string_equal(str_at(r.json, "status"), "agreed");
	resp_free(&r);
	assert_true(read_logged(uid[KOVALENKO], "mediator", "manifest"));
	snprintf(path, sizeof(path), "/api/persons/%s", uid[KOVALENKO]);
	assert_status(get(ROLE_MEDIATOR, path, &r), 403);
	resp_free(&r);
	assert_status(get(ROLE_MEDIATOR, "/api/agreements/test-2025", &r), 403);
	resp_free(&r);
}

/* ---- signing in the browser (src/http/api_keys.c) ----------------------- */

static const char office_pass[] = "a long office passphrase";

static long sign_stage(role ro, const char *pass, resp *r)
{
	char path[128], body[160];
	path_of(path, sizeof(path), "/sign");
	snprintf(body, sizeof(body), "{\"passphrase\":\"%s\"}", pass);
	return post_json(ro, path, body, r);
}

/* The admin makes the office's key on the server; the negotiator signs the
 * agreed stage with it (UA's signature replaced), after a wrong
 * passphrase refused and audited; the mediator may not sign as a party,
 * the admin not at all; the public key downloads; others' keys import;
 * too many wrong passphrases wait; a revoked key signs nothing. */
static void the_office_signs_with_its_sealed_key(void **state)
{
	(void)state;
	resp r;
	char path[160];
	static const char gen[] = "{\"signer\":\"UA\",\"role\":\"party\",\"passphrase\":\"a long office "
	                          "passphrase\",\"confirm\":\"%s\"}";
	char body[200];
	snprintf(body, sizeof(body), gen, "a long office passphrasX");
	assert_status(post_json(ROLE_ADMIN, "/api/keys", body, &r), 422);
	assert_string_equal(json_string_value(json_object_get(json_object_get(r.json, "error"), "field")), "confirm");
	resp_free(&r);
	snprintf(body, sizeof(body), gen, office_pass);
	assert_status(post_json(ROLE_NEGOTIATOR, "/api/keys", body, &r), 403);
	resp_free(&r);
	/* Nothing to sign with yet. */
	assert_status(sign_stage(ROLE_NEGOTIATOR, office_pass, &r), 409);
	assert_contains(buf_str(&r.body), "holds no signing key");
	resp_free(&r);
	assert_status(post_json(ROLE_ADMIN, "/api/keys", body, &r), 201);
	assert_true(json_is_true(json_object_get(r.json, "held")));
	char fp[SIGN_FINGERPRINT_MAX], bare[17];
	snprintf(fp, sizeof(fp), "%s", str_at(r.json, "fingerprint"));
	snprintf(bare, sizeof(bare), "%.4s%.4s%.4s%.4s", fp, fp + 5, fp + 10, fp + 15);
	resp_free(&r);

	/* The public part, to give to the others. */
	snprintf(path, sizeof(path), "/api/keys/%s/public", bare);
	assert_status(get(ROLE_NEGOTIATOR, path, &r), 200);
	assert_string_equal(str_at(r.json, "parley"), "public-key/1");
	assert_string_equal(str_at(r.json, "fingerprint"), fp);
	assert_null(json_object_get(r.json, "secret_key"));
	char cd[256];
	assert_contains(resp_header(&r, "Content-Disposition", cd, sizeof(cd)), "UA-");
	resp_free(&r);

	/* Refused: the admin (no sign), the mediator (a party's key), a wrong
	 * passphrase (audited, the passphrase nowhere in the chain). */
	assert_status(sign_stage(ROLE_ADMIN, office_pass, &r), 403);
	resp_free(&r);
	assert_status(sign_stage(ROLE_MEDIATOR, office_pass, &r), 409);
	assert_string_equal(str_at(json_object_get(r.json, "error"), "message_code"), "sign.no_office_key_role");
	assert_string_equal(str_at(json_object_get(json_object_get(r.json, "error"), "args"), "role"), "mediator");
	resp_free(&r);
	assert_status(sign_stage(ROLE_NEGOTIATOR, "a wrong guess at it", &r), 403);
	assert_string_equal(resp_code(&r), "wrong_passphrase");
	assert_contains(buf_str(&r.body), "wrong passphrase for key");
	assert_string_equal(str_at(json_object_get(r.json, "error"), "message_code"), "sign.wrong_passphrase");
	assert_string_equal(str_at(json_object_get(json_object_get(r.json, "error"), "args"), "role"), "party");
	resp_free(&r);
	assert_status(get(ROLE_AUDITOR, "/api/audit?limit=0", &r), 200);
	assert_contains(buf_str(&r.body), "unlock.refused");
	assert_null(strstr(buf_str(&r.body), "wrong guess"));
	assert_null(strstr(buf_str(&r.body), "office passphrase"));
	resp_free(&r);

	/* Signed: UA's signature is now the office key's. */
	assert_status(sign_stage(ROLE_NEGOTIATOR, office_pass, &r), 200);
	assert_true(json_is_true(json_object_get(r.json, "replaced")));
	assert_true(json_is_true(json_object_get(r.json, "agreed")));
	assert_int_equal(int_at(r.json, "signatures_added"), 2);
	resp_free(&r);
	path_of(path, sizeof(path), "/verify");
	assert_status(get(ROLE_NEGOTIATOR, path, &r), 200);
	json_t *ua = find(json_object_get(r.json, "signatures"), "signer", "UA");
	assert_string_equal(str_at(ua, "fingerprint"), fp);
	assert_true(json_is_true(json_object_get(ua, "ok")));
	resp_free(&r);

	/* Others' public keys: a new one trusted, one trusted already, and a
	 * secret key file refused. */
	sign_key icrc;
	pl_err err = {0};
	char pub[4400], sec[4400];
	assert_ok(sign_key_generate("ICRC", SIGN_MEDIATOR, &icrc, &err), &err);
	assert_ok(sign_key_save(&icrc, tu_path(pub, sizeof(pub), fx->dir, "ICRC.pub"), false, &err), &err);
	assert_ok(sign_key_save(&icrc, tu_path(sec, sizeof(sec), fx->dir, "ICRC.key"), true, &err), &err);
	sign_key_wipe(&icrc);
	rq up = {.method = "POST", .path = "/api/keys/import", .bearer = fx_token(fx, ROLE_ADMIN),
	         .upload = {pub, "ICRC.pub"}};
	assert_status(call(fx, &up, &r), 201);
	assert_string_equal(str_at(r.json, "signer"), "ICRC");
	assert_false(json_is_true(json_object_get(r.json, "held")));
	resp_free(&r);
	assert_status(call(fx, &up, &r), 200);
	assert_true(json_is_false(json_object_get(r.json, "added")));
	resp_free(&r);
	up.upload[0] = sec;
	up.upload[1] = "ICRC.key";
	assert_status(call(fx, &up, &r), 422);
	/* Refused as a secret key file (here: one others could read), named
	 * as sent, never by the server's temporary path. */
	assert_contains(buf_str(&r.body), "ICRC.key");
	assert_contains(buf_str(&r.body), "secret key file");
	assert_null(strstr(buf_str(&r.body), "parley-upload"));
	resp_free(&r);
	up.bearer = fx_token(fx, ROLE_NEGOTIATOR);
	assert_status(call(fx, &up, &r), 403);
	resp_free(&r);

	/* Guessing waits, as failed sign-ins do: then even the right one. */
	for(int i = 0; i < 5; i++) { /* the default limit */
		assert_status(sign_stage(ROLE_NEGOTIATOR, "another wrong guess", &r), 403);
		resp_free(&r);
	}
	assert_status(sign_stage(ROLE_NEGOTIATOR, office_pass, &r), 429);
	assert_non_null(resp_header(&r, "Retry-After", cd, sizeof(cd)));
	resp_free(&r);

	/* Revoked, with a reason: the sealed key is gone. */
	snprintf(path, sizeof(path), "/api/keys/%s/revoke", bare);
	assert_status(post_json(ROLE_ADMIN, path, "{\"reason\":\" \"}", &r), 422);
	resp_free(&r);
	assert_status(post_json(ROLE_ADMIN, path, "{\"reason\":\"test: replaced\"}", &r), 200);
	assert_true(json_is_false(json_object_get(r.json, "held")));
	assert_non_null(str_at(r.json, "revoked_at"));
	/* UA's signature on the agreed stage was made with it: it no longer
	 * counts, and the stage is no longer agreed (issue 13, item 1). */
	assert_int_equal(json_integer_value(json_object_get(r.json, "stages_no_longer_agreed")), 1);
	resp_free(&r);
	assert_status(get(ROLE_ADMIN, "/api/keys", &r), 200);
	json_t *k = find(json_object_get(r.json, "keys"), "fingerprint", fp);
	assert_non_null(str_at(k, "revoked_at"));
	assert_true(json_is_false(json_object_get(k, "held")));
	resp_free(&r);
	path_of(path, sizeof(path), "");
	assert_status(get(ROLE_NEGOTIATOR, path, &r), 200);
	assert_string_equal(str_at(r.json, "status"), "proposed");
	resp_free(&r);
	path_of(path, sizeof(path), "/execute");
	assert_status(post_json(ROLE_NEGOTIATOR, path, "{}", &r), 409);
	assert_string_equal(str_at(json_object_get(r.json, "error"), "message_code"), "stage.not_agreed");
	resp_free(&r);
	/* UA signs again with its own key: agreed again. */
	json_t *env = signed_manifest(1);
	assert_status(upload_manifest(env, &r), 200);
	assert_true(json_is_true(json_object_get(r.json, "agreed")));
	resp_free(&r);
	json_decref(env);
}


static void execution_with_a_refusal_and_a_substitution(void **state)
{
	(void)state;
	resp r;
	char path[128], body[512];
	path_of(path, sizeof(path), "/execute");
	/* Kravets is not eligible: refused as a substitute, nothing recorded. */
	snprintf(body, sizeof(body), "{\"outcomes\":[{\"person\":\"%s\",\"outcome\":\"substituted\","
	         "\"substitute\":\"%s\"}]}", uid[SHEVCHUK], uid[KRAVETS]);
	assert_status(post_json(ROLE_NEGOTIATOR, path, body, &r), 409);
	assert_contains(buf_str(&r.body), "not eligible");
	resp_free(&r);
	snprintf(body, sizeof(body), "{\"outcomes\":[{\"person\":\"%s\",\"outcome\":\"lost\"}]}", uid[PETROV]);
	assert_status(post_json(ROLE_NEGOTIATOR, path, body, &r), 422);
	assert_string_equal(str_at(json_object_get(r.json, "error"), "field"), "outcomes[0].outcome");
	resp_free(&r);
	snprintf(body, sizeof(body),
	         "{\"date\":\"2025-06-09\",\"outcomes\":[{\"person\":\"%s\",\"outcome\":\"refused\","
	         "\"note\":\"at the border\"},{\"person\":\"%s\",\"outcome\":\"substituted\","
	         "\"substitute\":\"%s\"}]}", uid[PETROV], uid[SHEVCHUK], uid[TKACHUK]);
	assert_status(post_json(ROLE_NEGOTIATOR, path, body, &r), 200);
	assert_int_equal(int_at(json_object_get(r.json, "handed_over"), "UA"), 1);
	assert_int_equal(int_at(json_object_get(r.json, "handed_over"), "RU"), 2);
	assert_int_equal(int_at(json_object_get(r.json, "substitutes"), "RU"), 1);
	assert_int_equal(int_at(r.json, "discrepancies"), 2);
	assert_null(json_object_get(r.json, "art117")); /* a medical detail */
	resp_free(&r);

	/* The ledger counts what was delivered. */
	assert_status(get(ROLE_NEGOTIATOR, "/api/agreements/test-2025", &r), 200);
	json_t *young = find(json_object_get(json_object_get(r.json, "ledger"), "clauses"), "clause", "young");
	assert_int_equal(int_at(json_object_get(young, "UA"), "delivered"), 1);
	assert_int_equal(int_at(json_object_get(young, "RU"), "delivered"), 2);
	assert_int_equal(int_at(json_object_get(young, "UA"), "not_delivered"), 1);
	resp_free(&r);

	/* The Art. 117 flag of the severely wounded man handed over: for the
	 * medical roles only. */
	path_of(path, sizeof(path), "");
	assert_status(get(ROLE_NEGOTIATOR, path, &r), 200);
	json_t *e = find(json_object_get(r.json, "entries"), "person", uid[KOVALENKO]);
	assert_string_equal(str_at(e, "outcome"), "handed_over");
	assert_null(json_object_get(e, "art117"));
	assert_int_equal(json_array_size(json_object_get(r.json, "discrepancies")), 2);
	resp_free(&r);
	assert_status(get(ROLE_AUDITOR, path, &r), 200);
	e = find(json_object_get(r.json, "entries"), "person", uid[KOVALENKO]);
	assert_true(json_is_true(json_object_get(e, "art117")));
	e = find(json_object_get(r.json, "entries"), "person", uid[TKACHUK]);
	assert_string_equal(str_at(e, "outcome"), "handed_over");
	assert_non_null(json_object_get(e, "substitute_for"));
	resp_free(&r);

	/* Petrov's timeline: the note of his refusal by code, beside the English. */
	snprintf(path, sizeof(path), "/api/persons/%s", uid[PETROV]);
	assert_status(get(ROLE_NEGOTIATOR, path, &r), 200);
	json_t *evs = json_object_get(r.json, "events");
	json_t *last = json_array_get(evs, json_array_size(evs) - 1);
	assert_string_equal(str_at(last, "note"), "refused repatriation at the handover: at the border");
	assert_string_equal(str_at(last, "note_code"), "stage.note_outcome");
	assert_string_equal(str_at(json_object_get(last, "note_args"), "outcome"), "discrepancy.refused");
	assert_string_equal(str_at(json_object_get(last, "note_args"), "note"), ": at the border");
	resp_free(&r);
}

static void the_statement_waits_for_the_embargo(void **state)
{
	(void)state;
	resp r;
	char path[128];
	/* A second stage is open: the phase is not over, no numbers. */
	assert_status(post_json(ROLE_NEGOTIATOR, "/api/agreements/test-2025/plan",
	                        "{\"clause\":\"young\",\"stage_date\":\"2025-06-10\",\"save\":true}", &r), 201);
	char second[UID_SIZE];
	snprintf(second, sizeof(second), "%s", str_at(r.json, "saved_stage"));
	resp_free(&r);
	path_of(path, sizeof(path), "/statement?lang=en");
	assert_status(get(ROLE_AUDITOR, path, &r), 200);
	assert_true(json_is_true(json_object_get(r.json, "embargo")));
	assert_true(json_is_null(json_object_get(r.json, "returned")));
	assert_contains(str_at(r.json, "text"), "Their number will be given when this phase");
	assert_null(strstr(str_at(r.json, "text"), "Коваленко"));
	resp_free(&r);
	path_of(path, sizeof(path), "/statement?lang=uk&format=md");
	assert_status(get(ROLE_AUDITOR, path, &r), 200);
	char ct[128], cd[160], want[160];
	assert_contains(resp_header(&r, "Content-Type", ct, sizeof(ct)), "text/markdown");
	assert_contains(buf_str(&r.body), "Білорусь");
	/* The agreement by its Ukrainian title, never its id. */
	assert_contains(buf_str(&r.body), "Відповідно до домовленості: Тестова домовленість.");
	assert_null(strstr(buf_str(&r.body), "test-2025"));
	resp_free(&r);
	/* HTML to download: the title from the document escaped. */
	path_of(path, sizeof(path), "/statement?lang=en&format=html");
	assert_status(get(ROLE_AUDITOR, path, &r), 200);
	assert_contains(resp_header(&r, "Content-Type", ct, sizeof(ct)), "text/html");
	snprintf(want, sizeof(want), "attachment; filename=\"statement-%s-en.html\"", stage_id);
	assert_string_equal(resp_header(&r, "Content-Disposition", cd, sizeof(cd)), want);
	assert_contains(buf_str(&r.body), "A test &lt;script&gt;alert(1)&lt;/script&gt;");
	assert_null(strstr(buf_str(&r.body), "<script>"));
	resp_free(&r);
	path_of(path, sizeof(path), "/statement?lang=ru&format=text");
	assert_status(get(ROLE_AUDITOR, path, &r), 200);
	assert_contains(resp_header(&r, "Content-Type", ct, sizeof(ct)), "text/plain");
	assert_contains(buf_str(&r.body), "Посредник: Турция.");
	resp_free(&r);
	/* No Russian title: the English one, and the answer says so. */
	path_of(path, sizeof(path), "/statement?lang=ru");
	assert_status(get(ROLE_AUDITOR, path, &r), 200);
	assert_string_equal(str_at(r.json, "title_lang"), "en");
	assert_true(json_is_true(json_object_get(r.json, "title_fallback")));
	assert_contains(str_at(r.json, "html"), "&lt;script&gt;");
	assert_true(json_is_null(json_object_get(r.json, "youngest")));
	assert_int_equal(int_at(r.json, "k"), 10);
	resp_free(&r);
	path_of(path, sizeof(path), "/statement?lang=fr");
	assert_status(get(ROLE_AUDITOR, path, &r), 400);
	resp_free(&r);
	path_of(path, sizeof(path), "/statement?format=pdf");
	assert_status(get(ROLE_AUDITOR, path, &r), 400);
	resp_free(&r);
	/* k: raised, never lowered below the agreement's. */
	path_of(path, sizeof(path), "/statement?k=4");
	assert_status(get(ROLE_AUDITOR, path, &r), 422);
	assert_contains(str_at(json_object_get(r.json, "error"), "message"), "k: expected a whole number from 10");
	resp_free(&r);
	path_of(path, sizeof(path), "/statement?k=30");
	assert_status(get(ROLE_AUDITOR, path, &r), 200);
	assert_int_equal(int_at(r.json, "k"), 30);
	resp_free(&r);
	/* The second stage cancelled: without a reason refused, naming the
	 * field (the audit records why); then the numbers are given. */
	snprintf(path, sizeof(path), "/api/stages/%s/cancel", second);
	assert_status(post_json(ROLE_NEGOTIATOR, path, "{}", &r), 422);
	assert_string_equal(str_at(json_object_get(r.json, "error"), "field"), "reason");
	assert_contains(str_at(json_object_get(r.json, "error"), "message"), "reason: expected why");
	resp_free(&r);
	assert_status(post_json(ROLE_NEGOTIATOR, path, "{\"reason\":\" \"}", &r), 422);
	assert_string_equal(str_at(json_object_get(r.json, "error"), "field"), "reason");
	resp_free(&r);
	assert_status(post_json(ROLE_NEGOTIATOR, path, "{\"reason\":\"postponed\"}", &r), 200);
	assert_string_equal(str_at(r.json, "status"), "cancelled");
	resp_free(&r);
	path_of(path, sizeof(path), "/statement?lang=en");
	assert_status(get(ROLE_AUDITOR, path, &r), 200);
	assert_true(json_is_false(json_object_get(r.json, "embargo")));
	assert_int_equal(int_at(r.json, "returned"), 2);
	assert_string_equal(str_at(r.json, "party"), "UA");
	resp_free(&r);
	/* Closed, nothing more changes. */
	path_of(path, sizeof(path), "/close");
	assert_status(call(fx, &(rq){.method = "POST", .path = path, .bearer = fx_token(fx, ROLE_NEGOTIATOR)},
	                   &r), 200);
	assert_string_equal(str_at(r.json, "status"), "closed");
	resp_free(&r);
}

static void aftercare_with_and_without_medical_rights(void **state)
{
	(void)state;
	resp r;
	char path[128];
	snprintf(path, sizeof(path), "/api/persons/%s/events", uid[KOVALENKO]);
	assert_status(post_json(ROLE_REGISTRAR, path, "{\"type\":\"arrived_transit\",\"date\":\"2025-06-09\","
	                        "\"source\":\"own_records\"}", &r), 201);
	resp_free(&r);
	assert_status(post_json(ROLE_MEDICAL, path, "{\"type\":\"hospital_admission\",\"date\":\"2025-06-10\","
	                        "\"source\":\"own_records\",\"place\":\"Hospital No. 1\"}", &r), 201);
	resp_free(&r);
	snprintf(path, sizeof(path), "/api/aftercare?stage=%s", stage_id);
	assert_status(get(ROLE_MEDICAL, path, &r), 200);
	json_t *k = find(json_object_get(r.json, "persons"), "id", uid[KOVALENKO]);
	assert_string_equal(str_at(k, "step"), "hospital");
	assert_true(json_is_true(json_object_get(k, "art117")));
	assert_int_equal(int_at(r.json, "art117"), 2); /* and Ivanov, handed over to RU */
	assert_int_equal(int_at(json_object_get(r.json, "steps"), "hospital"), 1);
	assert_int_equal(int_at(r.json, "total"), 3);
	resp_free(&r);
	assert_true(read_logged(uid[KOVALENKO], "medical", "aftercare"));
	/* Without medical rights: the step before the health event, no flag. */
	assert_status(get(ROLE_NEGOTIATOR, path, &r), 200);
	k = find(json_object_get(r.json, "persons"), "id", uid[KOVALENKO]);
	assert_string_equal(str_at(k, "step"), "transit");
	assert_null(json_object_get(k, "art117"));
	assert_null(json_object_get(r.json, "art117"));
	assert_null(json_object_get(json_object_get(r.json, "steps"), "hospital"));
	resp_free(&r);
	assert_status(get(ROLE_NEGOTIATOR, "/api/aftercare?step=hospital", &r), 403);
	resp_free(&r);
	assert_status(get(ROLE_NEGOTIATOR, "/api/aftercare?step=moon", &r), 400);
	resp_free(&r);
}

/* A refusal's field, as the error names it. */
static const char *error_field(const resp *r)
{
	return str_at(json_object_get(r->json, "error"), "field");
}

/* The step of person p in the aftercare list of the stage. */
static const char *step_of(const char *p, char *out, size_t size)
{
	char path[128];
	snprintf(path, sizeof(path), "/api/aftercare?stage=%s", stage_id);
	resp r;
	assert_status(get(ROLE_MEDICAL, path, &r), 200);
	json_t *e = find(json_object_get(r.json, "persons"), "id", p);
	snprintf(out, size, "%s", e ? str_at(e, "step") : "(not listed)");
	resp_free(&r);
	return out;
}

/* Audited event additions for person p. */
static int events_audited(const char *p)
{
	char path[128];
	snprintf(path, sizeof(path), "/api/audit?person=%s&limit=0", p);
	resp r;
	assert_status(get(ROLE_AUDITOR, path, &r), 200);
	int n = 0;
	size_t i;
	json_t *e;
	json_array_foreach(json_object_get(r.json, "entries"), i, e)
		n += !strcmp(str_at(e, "action"), "add") && !strcmp(str_at(e, "entity"), "event");
	resp_free(&r);
	return n;
}

/* A group's aftercare refused by the registrar's request: the status, the
 * field named and what the message says (says and also; NULL: anything). */
static void group_refused(const char *body, unsigned status, const char *field, const char *says,
                          const char *also)
{
	resp r;
	assert_status(post_json(ROLE_REGISTRAR, "/api/aftercare/events", body, &r), status);
	assert_string_equal(error_field(&r), field);
	if(says)
		assert_contains(str_at(json_object_get(r.json, "error"), "message"), says);
	if(also)
		assert_contains(str_at(json_object_get(r.json, "error"), "message"), also);
	resp_free(&r);
}

/* Aftercare for a group: one call, one transaction, an audited event for
 * each person; one bad person in the list changes nothing and is named. */
static void aftercare_is_recorded_for_a_group_all_or_nothing(void **state)
{
	(void)state;
	resp r;
	char body[512], step[32];
	static const struct {
		const char *head; /* the body before the persons: Tkachuk, then the other */
		int other;
		unsigned status;
		const char *field, *says;
	} bad[] = {
		/* Kravets was never handed over. */
		{"{\"event\":\"arrived_transit\",\"date\":\"2025-06-10\",", KRAVETS, 409,
		 "persons[1]", "was not handed over in any stage"},
		/* Kovalenko is already in the transit country. */
		{"{\"event\":\"arrived_transit\",\"date\":\"2025-06-10\",", KOVALENKO,
		 409, "persons[1]", "persons[1] ("},
		{"{\"event\":\"arrived_transit\",\"date\":\"2025-06-10\",", TKACHUK, 422,
		 "persons[1]", "listed twice"},
		{"{\"event\":\"arrived_transit\",\"date\":\"2199-01-01\",", IVANOV, 422,
		 "date", "lies in the future"},
		{"{\"event\":\"capture\",\"date\":\"2025-06-10\",", IVANOV, 422, "event",
		 "event: expected arrived_transit"},
		{"{\"event\":\"arrived_transit\",", IVANOV, 422, "date", "date:"},
		{"{\"event\":\"hospital_admission\",\"date\":\"2025-06-10\",", IVANOV, 403,
		 "event", "may not record"},
	};
	int before = events_audited(uid[TKACHUK]);
	for(size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		snprintf(body, sizeof(body), "%s\"persons\":[\"%s\",\"%s\"]}", bad[i].head, uid[TKACHUK],
		         uid[bad[i].other]);
		/* The person refused is named by id. */
		group_refused(body, bad[i].status, bad[i].field, bad[i].says,
		              bad[i].field[0] == 'p' ? uid[bad[i].other] : NULL);
		/* Nothing recorded for the good one either. */
		assert_string_equal(step_of(uid[TKACHUK], step, sizeof(step)), "handed_over");
	}
	assert_int_equal(events_audited(uid[TKACHUK]), before);
	/* An id nobody has, and not a string. */
	snprintf(body, sizeof(body), "{\"event\":\"repatriated\",\"date\":\"2025-06-10\",\"persons\":[\"%s\","
	         "\"P0000000000000000\"]}", uid[TKACHUK]);
	group_refused(body, 422, "persons[1]", "no person P0000000000000000", NULL);
	group_refused("{\"event\":\"repatriated\",\"date\":\"2025-06-10\",\"persons\":[7]}", 422, "persons[0]",
	              "expected a person's id", NULL);
	group_refused("{\"event\":\"repatriated\",\"date\":\"2025-06-10\",\"persons\":[]}", 422, "persons", NULL, NULL);
	/* Not of another stage. */
	snprintf(body, sizeof(body), "{\"event\":\"arrived_transit\",\"date\":\"2025-06-10\",\"stage\":"
	         "\"S0000000000000000\",\"persons\":[\"%s\"]}", uid[TKACHUK]);
	group_refused(body, 409, "persons[0]", "not handed over in stage S0000000000000000", NULL);
	/* The negotiator does not record events. */
	snprintf(body, sizeof(body), "{\"event\":\"arrived_transit\",\"date\":\"2025-06-10\",\"persons\":[\"%s\"]}",
	         uid[TKACHUK]);
	assert_status(post_json(ROLE_NEGOTIATOR, "/api/aftercare/events", body, &r), 403);
	resp_free(&r);

	/* Both in one action: an event each, audited each. */
	int ivanov = events_audited(uid[IVANOV]);
	snprintf(body, sizeof(body), "{\"event\":\"arrived_transit\",\"date\":\"2025-06-10\",\"place\":\"Gomel\","
	         "\"stage\":\"%s\",\"persons\":[\"%s\",\"%s\"]}", stage_id, uid[TKACHUK], uid[IVANOV]);
	assert_status(post_json(ROLE_REGISTRAR, "/api/aftercare/events", body, &r), 201);
	assert_int_equal(int_at(r.json, "recorded"), 2);
	assert_string_equal(str_at(json_array_get(json_object_get(r.json, "events"), 1), "person"), uid[IVANOV]);
	assert_int_equal(str_at(json_array_get(json_object_get(r.json, "events"), 0), "event")[0], 'E');
	resp_free(&r);
	assert_string_equal(step_of(uid[TKACHUK], step, sizeof(step)), "transit");
	assert_string_equal(step_of(uid[IVANOV], step, sizeof(step)), "transit");
	assert_int_equal(events_audited(uid[TKACHUK]), before + 1);
	assert_int_equal(events_audited(uid[IVANOV]), ivanov + 1);
	/* Home for both; the medical officer records the hospital. */
	snprintf(body, sizeof(body), "{\"event\":\"repatriated\",\"date\":\"2025-06-11\",\"persons\":[\"%s\",\"%s\"]}",
	         uid[TKACHUK], uid[IVANOV]);
	assert_status(post_json(ROLE_REGISTRAR, "/api/aftercare/events", body, &r), 201);
	resp_free(&r);
	snprintf(body, sizeof(body), "{\"event\":\"hospital_admission\",\"date\":\"2025-06-12\",\"persons\":[\"%s\"]}",
	         uid[TKACHUK]);
	assert_status(post_json(ROLE_MEDICAL, "/api/aftercare/events", body, &r), 201);
	resp_free(&r);
	assert_string_equal(step_of(uid[TKACHUK], step, sizeof(step)), "hospital");
	assert_string_equal(step_of(uid[IVANOV], step, sizeof(step)), "home");
	/* The other side's returnees only. */
	char path[128];
	snprintf(path, sizeof(path), "/api/aftercare?stage=%s&other_than=UA", stage_id);
	assert_status(get(ROLE_NEGOTIATOR, path, &r), 200);
	assert_int_equal(int_at(r.json, "total"), 1);
	assert_non_null(find(json_object_get(r.json, "persons"), "id", uid[IVANOV]));
	resp_free(&r);
}

/* Bodies received in batches the remains office recorded: created with
 * their declared count, tied to the executed stage and the clause about
 * bodies, counted in the ledger; bad input refused by field. */
static void bodies_in_batches_count_in_the_ledger(void **state)
{
	(void)state;
	resp r;
	static const struct {
		const char *body, *field;
	} bad[] = {
		{"{\"label\":\"RU-0\",\"from_party\":\"RU\",\"to_party\":\"UA\",\"declared\":0}", "declared"},
		{"{\"label\":\"RU-0\",\"from_party\":\"RU\",\"to_party\":\"UA\",\"declared\":\"many\"}", "declared"},
		{"{\"label\":\"RU-0\",\"from_party\":\"RU\",\"to_party\":\"UA\",\"declared\":1.5}", "declared"},
		{"{\"label\":\"RU-0\",\"from_party\":\"RU\",\"to_party\":\"UA\"}", "declared"},
		{"{\"label\":\"RU-0\",\"from_party\":\"Ruritania\",\"to_party\":\"UA\",\"declared\":3}", "from_party"},
	};
	for(size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		assert_status(post_json(ROLE_IDENTIFICATION, "/api/remains/batches", bad[i].body, &r), 422);
		assert_string_equal(error_field(&r), bad[i].field);
		resp_free(&r);
	}
	assert_status(get(ROLE_IDENTIFICATION, "/api/remains/batches/RU-0", &r), 404);
	resp_free(&r);
	assert_status(post_json(ROLE_IDENTIFICATION, "/api/remains/batches",
	                        "{\"label\":\"RU-700\",\"from_party\":\"RU\",\"to_party\":\"UA\","
	                        "\"handover_date\":\"2025-06-09\",\"declared\":700}", &r), 201);
	assert_int_equal(int_at(r.json, "declared"), 700);
	resp_free(&r);
	assert_status(post_json(ROLE_IDENTIFICATION, "/api/remains/batches",
	                        "{\"label\":\"RU-560\",\"from_party\":\"RU\",\"to_party\":\"UA\","
	                        "\"handover_date\":\"2025-06-09\",\"declared\":560}", &r), 201);
	resp_free(&r);
	/* What the identification officer may tie it to: the clause about bodies and the stages. */
	assert_status(get(ROLE_IDENTIFICATION, "/api/remains/ties", &r), 200);
	json_t *opt = find(json_object_get(r.json, "agreements"), "id", "test-2025");
	assert_non_null(opt);
	assert_int_equal(json_array_size(json_object_get(opt, "clauses")), 1);
	assert_string_equal(str_at(json_array_get(json_object_get(opt, "clauses"), 0), "id"), "bodies");
	assert_non_null(find(json_object_get(opt, "stages"), "id", stage_id));
	resp_free(&r);
	char body[256];
	static const struct {
		const char *clause, *agreement, *field;
		long status;
	} refused[] = {
		{"young", "test-2025", "clause", 422},
		{"none", "test-2025", "clause", 422},
		{"bodies", "nope", "agreement", 404},
	};
	for(size_t i = 0; i < sizeof(refused) / sizeof(refused[0]); i++) {
		snprintf(body, sizeof(body), "{\"agreement\":\"%s\",\"stage\":\"%s\",\"clause\":\"%s\"}",
		         refused[i].agreement, stage_id, refused[i].clause);
		assert_status(post_json(ROLE_IDENTIFICATION, "/api/remains/batches/RU-700/tie", body, &r),
		              refused[i].status);
		assert_string_equal(error_field(&r), refused[i].field);
		resp_free(&r);
	}
	snprintf(body, sizeof(body), "{\"stage\":\"%s\",\"clause\":\"bodies\",\"declared\":0}", stage_id);
	assert_status(post_json(ROLE_IDENTIFICATION, "/api/remains/batches/RU-700/tie", body, &r), 422);
	assert_string_equal(error_field(&r), "declared");
	resp_free(&r);
	assert_status(post_json(ROLE_NEGOTIATOR, "/api/remains/batches/RU-700/tie", body, &r), 403);
	resp_free(&r);
	snprintf(body, sizeof(body), "{\"agreement\":\"test-2025\",\"stage\":\"%s\",\"clause\":\"bodies\"}",
	         stage_id);
	assert_status(post_json(ROLE_IDENTIFICATION, "/api/remains/batches/RU-700/tie", body, &r), 200);
	assert_string_equal(str_at(r.json, "clause"), "bodies");
	assert_string_equal(str_at(r.json, "stage"), stage_id);
	resp_free(&r);
	assert_status(post_json(ROLE_IDENTIFICATION, "/api/remains/batches/RU-560/tie", body, &r), 200);
	resp_free(&r);
	assert_status(get(ROLE_NEGOTIATOR, "/api/agreements/test-2025", &r), 200);
	json_t *bodies = find(json_object_get(json_object_get(r.json, "ledger"), "clauses"), "clause", "bodies");
	assert_int_equal(int_at(json_object_get(bodies, "RU"), "delivered"), 1260);
	assert_int_equal(int_at(json_object_get(bodies, "RU"), "owed"), 100 - 1260 > 0 ? 100 - 1260 : 0);
	assert_int_equal(int_at(json_object_get(bodies, "UA"), "delivered"), 0);
	resp_free(&r);
	/* Untied: out of the ledger again. */
	assert_status(post_json(ROLE_IDENTIFICATION, "/api/remains/batches/RU-560/tie", "{\"stage\":null}", &r), 200);
	assert_true(json_is_null(json_object_get(r.json, "stage")));
	resp_free(&r);
	assert_status(get(ROLE_NEGOTIATOR, "/api/agreements/test-2025", &r), 200);
	bodies = find(json_object_get(json_object_get(r.json, "ledger"), "clauses"), "clause", "bodies");
	assert_int_equal(int_at(json_object_get(bodies, "RU"), "delivered"), 700);
	resp_free(&r);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(an_agreement_is_added_and_shown),
		cmocka_unit_test(a_plan_explains_its_exclusions),
		cmocka_unit_test(a_stage_is_changed_and_proposed),
		cmocka_unit_test(a_manifest_signed_by_both_parties_agrees_the_stage),
		cmocka_unit_test(the_office_signs_with_its_sealed_key),
		cmocka_unit_test(execution_with_a_refusal_and_a_substitution),
		cmocka_unit_test(the_statement_waits_for_the_embargo),
		cmocka_unit_test(aftercare_with_and_without_medical_rights),
		cmocka_unit_test(bodies_in_batches_count_in_the_ledger),
		cmocka_unit_test(aftercare_is_recorded_for_a_group_all_or_nothing),
	};
	return cmocka_run_group_tests_name("api/accord", tests, setup, teardown);
}
