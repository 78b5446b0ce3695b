/* The authorisation matrix: every route, called by every role and by
 * nobody, asserted cell by cell against a table written out by hand. A
 * route added to the server without a row here fails the test. */
#include "harness.h"

#include "http/internal.h"

/* Roles in enum order: admin, registrar, medical, negotiator,
 * identification, auditor, mediator, family_liaison. 'y': let through (any answer but
 * 401 or 403); '.': refused with 403. Nobody signed in gets 401, except on
 * public routes. */
static const struct cell_row {
	const char *method, *pattern, *path, *body;
	bool public_;
	const char *roles;
} rows[] = {
	{"POST", "/api/login", "/api/login", "{}", true, "yyyyyyyy"},
	{"POST", "/api/login/second-factor", "/api/login/second-factor", "{}", true, "yyyyyyyy"},
	{"POST", "/api/logout", "/api/logout", NULL, false, "yyyyyyyy"},
	/* One's second factor is read by anyone signed in and changed only in
	 * a session (test_totp): never by a token. */
	{"GET", "/api/account/totp", "/api/account/totp", NULL, false, "yyyyyyyy"},
	{"POST", "/api/account/totp", "/api/account/totp", NULL, false, "........"},
	{"POST", "/api/account/totp/confirm", "/api/account/totp/confirm", "{}", false, "........"},
	{"DELETE", "/api/account/totp", "/api/account/totp", "{}", false, "........"},
	{"POST", "/api/account/totp/recovery-codes", "/api/account/totp/recovery-codes", "{}", false,
	 "........"},
	{"GET", "/api/me", "/api/me", NULL, false, "yyyyyyyy"},
	{"GET", "/api/fields", "/api/fields", NULL, false, "yyyyyyyy"},
	{"GET", "/api/persons", "/api/persons?q=oleksandr", NULL, false, "yyyyyy.y"},
	{"POST", "/api/persons", "/api/persons", "{\"surname\":\"Matrix\"}", false, ".y......"},
	{"GET", "/api/persons/{id}", "/api/persons/$P", NULL, false, "yyyyyy.y"},
	{"PATCH", "/api/persons/{id}", "/api/persons/$P", "{}", false, ".yy....."},
	{"POST", "/api/persons/{id}/events", "/api/persons/$P/events", "{}", false, ".yy....."},
	{"POST", "/api/import", "/api/import", "{}", false, ".yy....."},
	{"GET", "/api/imports/{id}", "/api/imports/none", NULL, false, ".yy....."},
	{"GET", "/api/export", "/api/export?format=csv", NULL, false, ".y...y.."},
	{"POST", "/api/export", "/api/export", "{}", false, ".y...y.."},
	{"GET", "/api/stats", "/api/stats", NULL, false, "yyyyyy.."},
	{"GET", "/api/audit", "/api/audit?limit=5", NULL, false, ".....y.."},
	{"GET", "/api/audit/verify", "/api/audit/verify", NULL, false, ".....y.."},
	{"GET", "/api/access", "/api/access?limit=5", NULL, false, ".....y.."},
	{"GET", "/api/audit/export", "/api/audit/export?limit=5", NULL, false, ".....y.."},
	{"GET", "/api/access/export", "/api/access/export?limit=5", NULL, false, ".....y.."},
	{"GET", "/api/users", "/api/users", NULL, false, "y......."},
	{"POST", "/api/users", "/api/users", "{}", false, "y......."},
	{"PATCH", "/api/users/{name}", "/api/users/nobody", "{}", false, "y......."},
	{"DELETE", "/api/users/{name}/totp", "/api/users/nobody/totp", NULL, false, "y......."},
	{"GET", "/api/settings/second-factor", "/api/settings/second-factor", NULL, false, "y......."},
	{"PATCH", "/api/settings/second-factor", "/api/settings/second-factor", "{}", false, "y......."},
	{"GET", "/api/retention", "/api/retention", NULL, false, "y......."},
	{"PATCH", "/api/retention/{kind}", "/api/retention/medical", "{}", false, "y......."},
	{"DELETE", "/api/retention/{kind}", "/api/retention/nothing", NULL, false, "y......."},
	{"POST", "/api/retention/run", "/api/retention/run", "{}", false, "y......."},
	{"GET", "/api/tokens", "/api/tokens", NULL, false, "yyyyyyyy"},
	/* Tokens are made only in a session, with the password (test_tokens):
	 * never by a token, whoever's it is. */
	{"POST", "/api/tokens", "/api/tokens", "{}", false, "........"},
	{"DELETE", "/api/tokens/{id}", "/api/tokens/999999", NULL, false, "yyyyyyyy"},
	{"POST", "/api/reconcile", "/api/reconcile", "{}", false, ".y.y.y.."},
	{"POST", "/api/reconcile/decisions", "/api/reconcile/decisions", "{}", false, ".y.y...."},
	{"GET", "/api/dedupe", "/api/dedupe", NULL, false, ".y.y.y.."},
	{"GET", "/api/agreements", "/api/agreements", NULL, false, "yy.y.y.."},
	{"POST", "/api/agreements", "/api/agreements", "{}", false, "...y...."},
	{"GET", "/api/agreements/{id}", "/api/agreements/none", NULL, false, "yy.y.y.."},
	{"POST", "/api/agreements/{id}/plan", "/api/agreements/none/plan", "{}", false, "yy.y.y.."},
	{"GET", "/api/stages", "/api/stages", NULL, false, "yy.y.yy."},
	{"GET", "/api/stages/{id}", "/api/stages/S0000000000000000", NULL, false, "yy.y.yy."},
	{"GET", "/api/stages/{id}/diff", "/api/stages/S0000000000000000/diff", NULL, false, "yy.y.yy."},
	{"POST", "/api/stages/{id}/entries", "/api/stages/S0000000000000000/entries", "{}", false,
	 "...y...."},
	{"POST", "/api/stages/{id}/propose", "/api/stages/S0000000000000000/propose", NULL, false,
	 "...y...."},
	{"POST", "/api/stages/{id}/cancel", "/api/stages/S0000000000000000/cancel", "{}", false,
	 "...y...."},
	{"POST", "/api/stages/{id}/close", "/api/stages/S0000000000000000/close", NULL, false, "...y...."},
	{"POST", "/api/stages/{id}/execute", "/api/stages/S0000000000000000/execute", "{}", false,
	 "...y...."},
	{"POST", "/api/stages/{id}/outcomes", "/api/stages/S0000000000000000/outcomes", "{}", false,
	 "...y...."},
	{"POST", "/api/stages/{id}/finish", "/api/stages/S0000000000000000/finish", "{}", false, "...y...."},
	{"POST", "/api/stages/{id}/corrections", "/api/stages/S0000000000000000/corrections", "{}", false,
	 "...y...."},
	{"GET", "/api/stages/{id}/corrections", "/api/stages/S0000000000000000/corrections", NULL, false,
	 "yy.y.yy."},
	{"GET", "/api/stages/{id}/substitutes", "/api/stages/S0000000000000000/substitutes?entry=1&q=ab",
	 NULL, false, "...y...."},
	{"GET", "/api/stages/{id}/manifest", "/api/stages/S0000000000000000/manifest", NULL, false,
	 "yy.y.yy."},
	{"GET", "/api/stages/{id}/verify", "/api/stages/S0000000000000000/verify", NULL, false,
	 "yy.y.yy."},
	{"GET", "/api/stages/{id}/statement", "/api/stages/S0000000000000000/statement", NULL, false,
	 "yy.y.y.."},
	{"POST", "/api/stages/{id}/sign", "/api/stages/S0000000000000000/sign", "{}", false, "...y..y."},
	{"POST", "/api/manifests", "/api/manifests", "{}", false, "...y..y."},
	{"GET", "/api/keys", "/api/keys", NULL, false, "yy.y.yy."},
	{"POST", "/api/keys", "/api/keys", "{}", false, "y......."},
	{"POST", "/api/keys/import", "/api/keys/import", "{}", false, "y......."},
	{"GET", "/api/keys/{fingerprint}/public", "/api/keys/0000000000000000/public", NULL, false,
	 "yy.y.yy."},
	{"POST", "/api/keys/{fingerprint}/revoke", "/api/keys/0000000000000000/revoke", "{}", false,
	 "y......."},
	{"GET", "/api/aftercare", "/api/aftercare", NULL, false, "yyyy.y.."},
	{"POST", "/api/aftercare/events", "/api/aftercare/events", "{}", false, ".yy....."},
	{"GET", "/api/inquiries", "/api/inquiries", NULL, false, "yy...y.y"},
	{"POST", "/api/inquiries", "/api/inquiries", "{}", false, ".......y"},
	{"GET", "/api/inquiries/match", "/api/inquiries/match?surname=Kovalenko", NULL, false, ".......y"},
	{"POST", "/api/inquiries/import", "/api/inquiries/import", "{}", false, ".......y"},
	{"GET", "/api/inquiries/{id}", "/api/inquiries/QNONE0000000000000", NULL, false, "yy...y.y"},
	{"POST", "/api/inquiries/{id}/consents", "/api/inquiries/QNONE0000000000000/consents", "{}", false,
	 ".......y"},
	{"POST", "/api/inquiries/{id}/withdrawals", "/api/inquiries/QNONE0000000000000/withdrawals", "{}", false,
	 ".......y"},
	{"POST", "/api/inquiries/{id}/samples", "/api/inquiries/QNONE0000000000000/samples", "{}", false, ".......y"},
	{"POST", "/api/inquiries/{id}/status", "/api/inquiries/QNONE0000000000000/status", "{}", false,
	 ".......y"},
	{"GET", "/api/persons/{id}/antemortem", "/api/persons/$P/antemortem", NULL, false, "y...y..y"},
	{"POST", "/api/persons/{id}/antemortem", "/api/persons/$P/antemortem", "{}", false, ".......y"},
	{"POST", "/api/persons/{id}/photos", "/api/persons/$P/photos", "{}", false, ".......y"},
	{"GET", "/api/photos/{sha256}", "/api/photos/none", NULL, false, "y...y..y"},
	{"GET", "/api/tasks", "/api/tasks", NULL, false, "y......y"},
	{"POST", "/api/tasks/watch", "/api/tasks/watch", NULL, false, ".......y"},
	{"GET", "/api/tasks/{id}", "/api/tasks/TNONE0000000000000", NULL, false, "y......y"},
	{"POST", "/api/tasks/{id}/assign", "/api/tasks/TNONE0000000000000/assign", "{}", false, ".......y"},
	{"POST", "/api/tasks/{id}/done", "/api/tasks/TNONE0000000000000/done", "{}", false, ".......y"},
	{"POST", "/api/tasks/{id}/dismiss", "/api/tasks/TNONE0000000000000/dismiss", "{}", false, ".......y"},
	/* Letters hold the inquirer's address: read as the tasks are, written by the liaison. */
	{"GET", "/api/letters/templates", "/api/letters/templates", NULL, false, "y......y"},
	{"GET", "/api/letters/templates/{kind}/{lang}", "/api/letters/templates/none/en", NULL, false, "y......y"},
	/* The templates and the letterhead's name are the office's wording: the admin sets them up. */
	{"POST", "/api/letters/templates/{kind}/{lang}", "/api/letters/templates/none/en", "{}", false, "y......y"},
	{"POST", "/api/letters/templates/{kind}/{lang}/reset", "/api/letters/templates/none/en/reset", NULL, false,
	 "y......y"},
	{"GET", "/api/letters/office", "/api/letters/office", NULL, false, "y......y"},
	{"POST", "/api/letters/office", "/api/letters/office", "{}", false, "y......."},
	{"POST", "/api/letters/render", "/api/letters/render", "{}", false, "y......y"},
	{"POST", "/api/letters", "/api/letters", "{}", false, ".......y"},
	{"GET", "/api/letters", "/api/letters", NULL, false, "y......y"},
	{"GET", "/api/letters/{id}", "/api/letters/LNONE0000000000000", NULL, false, "y......y"},
	{"GET", "/api/testimonies", "/api/testimonies", NULL, false, "yy.y.y.y"},
	{"POST", "/api/testimonies", "/api/testimonies", "{}", false, ".y.....y"},
	{"POST", "/api/testimonies/import", "/api/testimonies/import", "{}", false, ".y.....y"},
	{"GET", "/api/testimonies/{id}", "/api/testimonies/DNONE0000000000000", NULL, false, "yy.y.y.y"},
	{"GET", "/api/sightings", "/api/sightings", NULL, false, "yy.y.y.y"},
	{"POST", "/api/sightings/{id}/accept", "/api/sightings/WNONE0000000000000/accept", "{}", false, ".y.....y"},
	{"POST", "/api/sightings/{id}/reject", "/api/sightings/WNONE0000000000000/reject", "{}", false, ".y.....y"},
	{"GET", "/api/proof-of-captivity", "/api/proof-of-captivity", NULL, false, "yy.y.y.y"},
	{"GET", "/api/remains", "/api/remains", NULL, false, "y...yy.."},
	{"GET", "/api/remains/batches", "/api/remains/batches", NULL, false, "y...yy.."},
	{"GET", "/api/remains/batches/{label}", "/api/remains/batches/none", NULL, false, "y...yy.."},
	{"GET", "/api/remains/ties", "/api/remains/ties", NULL, false, "....y..."},
	{"POST", "/api/remains/batches", "/api/remains/batches", "{}", false, "....y..."},
	{"POST", "/api/remains/batches/{label}/tie", "/api/remains/batches/none/tie", "{}", false, "....y..."},
	{"POST", "/api/remains/import", "/api/remains/import", "{}", false, "....y..."},
	{"GET", "/api/remains/{tag}", "/api/remains/none", NULL, false, "y...yy.."},
	{"GET", "/api/remains/{tag}/postmortem", "/api/remains/none/postmortem", NULL, false, "y...yy.."},
	{"POST", "/api/remains/{tag}/postmortem", "/api/remains/none/postmortem", "{}", false, "....y..."},
	/* both sides: the remains' readers who may also read ante-mortem data */
	{"GET", "/api/remains/{tag}/comparison", "/api/remains/none/comparison?person=$P", NULL, false, "y...y..."},
	{"POST", "/api/remains/{tag}/custody", "/api/remains/none/custody", "{}", false, "....y..."},
	{"POST", "/api/remains/{tag}/fragments", "/api/remains/none/fragments", "{}", false, "....y..."},
	{"POST", "/api/remains/{tag}/identify", "/api/remains/none/identify", "{}", false, "....y..."},
	{"POST", "/api/remains/{tag}/withdraw", "/api/remains/none/withdraw", NULL, false, "....y..."},
	{"POST", "/api/remains/{tag}/return", "/api/remains/none/return", "{}", false, "....y..."},
	{"POST", "/api/dna/import", "/api/dna/import?kind=remains", "{}", false, "....y..."},
	{"POST", "/api/dna/screen", "/api/dna/screen", "{}", false, "....y..."},
	{"GET", "/api/dna/proposals", "/api/dna/proposals", NULL, false, "y...yy.."},
	{"GET", "/api/dna/references", "/api/dna/references", NULL, false, "y...yy.."},
	{"GET", "/api/dna/advice", "/api/dna/advice", NULL, false, "y...yy.."},
	{"GET", "/api/dna/explain", "/api/dna/explain?case=none&other=none", NULL, false, "y...yy.."},
	{"POST", "/api/dna/review", "/api/dna/review", "{}", false, "....y..."},
	{"POST", "/api/dna/confirm", "/api/dna/confirm", "{}", false, "....y..."},
	{"POST", "/api/dna/reject", "/api/dna/reject", "{}", false, "....y..."},
	{"POST", "/api/dna/withdraw", "/api/dna/withdraw", "{}", false, "y...y..."},
	{"POST", "/api/dna/withdraw/approve", "/api/dna/withdraw/approve", "{}", false, "y...y..."},
	{"POST", "/api/dna/withdraw/cancel", "/api/dna/withdraw/cancel", "{}", false, "y...y..."},
	{"GET", "/api/dna/frequencies", "/api/dna/frequencies", NULL, false, "y...yy.."},
	{"GET", "/api/dna/pedigrees", "/api/dna/pedigrees", NULL, false, "y...yy.."},
	{"GET", "/api/dna/pedigree", "/api/dna/pedigree?family=F1", NULL, false, "y...yy.."},
	{"GET", "/api/manifests/received", "/api/manifests/received", NULL, false, "...y...."},
	{"GET", "/api/openapi.json", "/api/openapi.json", NULL, true, "yyyyyyyy"},
	{"GET", "/api/messages", "/api/messages?lang=uk", NULL, true, "yyyyyyyy"},
};
enum { NROWS = sizeof(rows) / sizeof(rows[0]) };

static const char *method_text(http_method m)
{
	return m == M_GET ? "GET" : m == M_POST ? "POST" : m == M_PATCH ? "PATCH" : "DELETE";
}

static void every_route_has_a_row(void **state)
{
	(void)state;
	report rep = {0};
	for(size_t i = 0; i < http_nroutes; i++) {
		bool found = false;
		for(size_t k = 0; k < NROWS && !found; k++)
			found = !strcmp(rows[k].pattern, http_routes[i].pattern) &&
			        !strcmp(rows[k].method, method_text(http_routes[i].method));
		if(!found)
			report_add(&rep, "%s %s has no row in the matrix\n", method_text(http_routes[i].method),
			           http_routes[i].pattern);
	}
	assert_int_equal(NROWS, http_nroutes);
	report_check(&rep, (int)http_nroutes);
}

static void path_for(const api_fx *f, const char *tmpl, char *out, size_t size)
{
	const char *p = strstr(tmpl, "$P");
	if(!p) {
		snprintf(out, size, "%s", tmpl);
		return;
	}
	snprintf(out, size, "%.*s%s%s", (int)(p - tmpl), tmpl, f->person, p + 2);
}

static void matrix_cell_by_cell(void **state)
{
	(void)state;
	report rep = {0};
	int cells = 0;
	for(size_t i = 0; i < NROWS; i++) {
		char path[256];
		path_for(fx, rows[i].path, path, sizeof(path));
		/* nobody */
		resp r;
		long st = call(fx, &(rq){.method = rows[i].method, .path = path, .body = rows[i].body}, &r);
		cells++;
		if(rows[i].public_ ? (st == 401 || st == 403) : st != 401)
			report_add(&rep, "nobody %s %s: %ld\n", rows[i].method, rows[i].pattern, st);
		resp_free(&r);
		for(int ro = 0; ro < ROLE_COUNT; ro++, cells++) {
			bool allowed = rows[i].roles[ro] == 'y';
			st = call(fx, &(rq){.method = rows[i].method, .path = path, .body = rows[i].body,
			                    .bearer = fx_token(fx, (role)ro)}, &r);
			bool refused = st == 403 && !strcmp(resp_code(&r), "forbidden");
			if(allowed ? (st == 401 || st == 403) : !refused)
				report_add(&rep, "%s %s %s: %ld %s (expected %s)\n", role_names[ro], rows[i].method,
				           rows[i].pattern, st, buf_str(&r.body), allowed ? "allowed" : "403");
			resp_free(&r);
		}
	}
	report_check(&rep, cells);
}

static void unknown_routes_and_methods(void **state)
{
	(void)state;
	resp r;
	const char *tok = fx_token(fx, ROLE_AUDITOR);
	assert_status(call(fx, &(rq){.method = "GET", .path = "/api/nothing", .bearer = tok}, &r), 404);
	assert_string_equal(resp_code(&r), "not_found");
	resp_free(&r);
	assert_status(call(fx, &(rq){.method = "PUT", .path = "/api/persons", .bearer = tok}, &r), 405);
	resp_free(&r);
	assert_status(call(fx, &(rq){.method = "DELETE", .path = "/api/persons", .bearer = tok}, &r), 405);
	assert_string_equal(resp_code(&r), "method_not_allowed");
	resp_free(&r);
	/* A path parameter with characters no id has. */
	assert_status(call(fx, &(rq){.method = "GET", .path = "/api/persons/P%27%20OR%201=1", .bearer = tok},
	                   &r), 404);
	resp_free(&r);
}

/* A revoked or made-up token is nobody. */
static void bad_tokens(void **state)
{
	(void)state;
	resp r;
	char fake[API_TOKEN_LEN + 1];
	snprintf(fake, sizeof(fake), "%s", fx_token(fx, ROLE_ADMIN));
	fake[10] = fake[10] == 'x' ? 'y' : 'x';
	assert_status(call(fx, &(rq){.method = "GET", .path = "/api/me", .bearer = fake}, &r), 401);
	char auth[64];
	assert_non_null(resp_header(&r, "WWW-Authenticate", auth, sizeof(auth)));
	resp_free(&r);
	assert_status(call(fx, &(rq){.method = "GET", .path = "/api/me", .header = "Authorization: Basic eDp5"},
	                   &r), 401);
	resp_free(&r);
	/* A new token, used, revoked, refused. */
	char cookie[128], csrf[64];
	assert_status(fx_login(fx, "negotiator", "negotiator-password-1", cookie, sizeof(cookie), csrf,
	                       sizeof(csrf)), 200);
	assert_status(call(fx, &(rq){.method = "POST", .path = "/api/tokens", .cookie = cookie, .csrf = csrf,
	                             .body = "{\"name\":\"script\",\"password\":\"negotiator-password-1\"}"},
	                   &r), 201);
	char fresh[API_TOKEN_LEN + 1];
	snprintf(fresh, sizeof(fresh), "%s", json_string_value(json_object_get(r.json, "token")));
	long long id = json_integer_value(json_object_get(r.json, "id"));
	resp_free(&r);
	assert_status(call(fx, &(rq){.method = "GET", .path = "/api/me", .bearer = fresh}, &r), 200);
	assert_string_equal(json_string_value(json_object_get(r.json, "user")), "negotiator");
	resp_free(&r);
	char path[64];
	snprintf(path, sizeof(path), "/api/tokens/%lld", id);
	/* Someone else's token is not theirs to revoke. */
	assert_status(call(fx, &(rq){.method = "DELETE", .path = path, .bearer = fx_token(fx, ROLE_AUDITOR)},
	                   &r), 404);
	resp_free(&r);
	assert_status(call(fx, &(rq){.method = "DELETE", .path = path, .bearer = fresh}, &r), 200);
	resp_free(&r);
	assert_status(call(fx, &(rq){.method = "GET", .path = "/api/me", .bearer = fresh}, &r), 401);
	resp_free(&r);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(every_route_has_a_row),
		cmocka_unit_test(matrix_cell_by_cell),
		cmocka_unit_test(unknown_routes_and_methods),
		cmocka_unit_test(bad_tokens),
	};
	return cmocka_run_group_tests_name("api/matrix", tests, fx_setup, fx_teardown);
}
