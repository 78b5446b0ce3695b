/* API tokens and passwords over the real server (issue 13, items 5 and 6):
 * tokens are made only in a session with the password, expire, may be
 * limited to reading, note when they were used, and die for good with a
 * new password or disabling; weak passwords are refused with their reason. */
#include "harness.h"

static const char *admin_tok(void) { return fx_token(fx, ROLE_ADMIN); }

static long send_as(const char *method, const char *path, const char *bearer, const char *body, resp *r)
{
	return call(fx, &(rq){.method = method, .path = path, .bearer = bearer, .body = body}, r);
}

/* A token of the user signed in as cookie/csrf; its id in *id. */
static void make_token(const char *cookie, const char *csrf, const char *body, char *token, long long *id,
                       resp *r)
{
	assert_status(call(fx, &(rq){.method = "POST", .path = "/api/tokens", .cookie = cookie, .csrf = csrf,
	                             .body = body}, r), 201);
	snprintf(token, API_TOKEN_LEN + 1, "%s", str_at(r->json, "token"));
	*id = int_at(r->json, "id");
}

static void a_token_cannot_make_tokens(void **state)
{
	(void)state;
	resp r;
	assert_status(send_as("POST", "/api/tokens", fx_token(fx, ROLE_REGISTRAR),
	                      "{\"name\":\"child\",\"password\":\"registrar-password-1\"}", &r), 403);
	assert_string_equal(resp_code(&r), "forbidden");
	assert_string_equal(str_at(json_object_get(r.json, "error"), "message_code"), "http.token_by_token");
	resp_free(&r);
}

static void a_session_makes_tokens_with_the_password(void **state)
{
	(void)state;
	char cookie[128], csrf[64], token[API_TOKEN_LEN + 1];
	long long id;
	resp r;
	assert_status(fx_login(fx, "auditor", "auditor-password-1", cookie, sizeof(cookie), csrf, sizeof(csrf)),
	              200);
	/* No password, a wrong one: refused. */
	assert_status(call(fx, &(rq){.method = "POST", .path = "/api/tokens", .cookie = cookie, .csrf = csrf,
	                             .body = "{\"name\":\"x\"}"}, &r), 422);
	assert_string_equal(str_at(json_object_get(r.json, "error"), "field"), "password");
	resp_free(&r);
	assert_status(call(fx, &(rq){.method = "POST", .path = "/api/tokens", .cookie = cookie, .csrf = csrf,
	                             .body = "{\"name\":\"x\",\"password\":\"not-the-password\"}"}, &r), 403);
	resp_free(&r);
	/* Too long a life: refused. */
	assert_status(call(fx, &(rq){.method = "POST", .path = "/api/tokens", .cookie = cookie, .csrf = csrf,
	                             .body = "{\"name\":\"x\",\"password\":\"auditor-password-1\","
	                                     "\"expires_days\":366}"}, &r), 422);
	assert_string_equal(str_at(json_object_get(r.json, "error"), "field"), "expires_days");
	resp_free(&r);
	/* The default: 90 days, not limited. */
	make_token(cookie, csrf, "{\"name\":\"reports\",\"password\":\"auditor-password-1\"}", token, &id, &r);
	assert_false(json_is_true(json_object_get(r.json, "read_only")));
	assert_int_equal(strlen(str_at(r.json, "expires_at")), 24);
	resp_free(&r);
	assert_status(send_as("GET", "/api/me", token, NULL, &r), 200);
	resp_free(&r);
	/* Listed with its expiry, access and when it was last used. */
	assert_status(send_as("GET", "/api/tokens", token, NULL, &r), 200);
	json_t *t = NULL, *e;
	size_t i;
	json_array_foreach(json_object_get(r.json, "tokens"), i, e)
		if(int_at(e, "id") == id)
			t = e;
	assert_non_null(t);
	assert_non_null(str_at(t, "expires_at"));
	assert_non_null(str_at(t, "last_used"));
	assert_true(json_is_false(json_object_get(t, "read_only")));
	resp_free(&r);
}

static void a_read_only_token_only_reads(void **state)
{
	(void)state;
	char cookie[128], csrf[64], token[API_TOKEN_LEN + 1];
	long long id;
	resp r;
	assert_status(fx_login(fx, "registrar", "registrar-password-1", cookie, sizeof(cookie), csrf,
	                       sizeof(csrf)), 200);
	make_token(cookie, csrf, "{\"name\":\"reader\",\"password\":\"registrar-password-1\","
	                         "\"expires_days\":7,\"read_only\":true}", token, &id, &r);
	assert_true(json_is_true(json_object_get(r.json, "read_only")));
	resp_free(&r);
	assert_status(send_as("GET", "/api/persons?q=oleksandr", token, NULL, &r), 200);
	resp_free(&r);
	/* A registrar may add persons; this token of the registrar may not. */
	assert_status(send_as("POST", "/api/persons", token, "{\"surname\":\"Readonly\"}", &r), 403);
	assert_string_equal(resp_code(&r), "read_only");
	resp_free(&r);
	assert_status(send_as("POST", "/api/persons", fx_token(fx, ROLE_REGISTRAR), "{\"surname\":\"Readonly\"}",
	                      &r), 201);
	resp_free(&r);
	char path[64];
	snprintf(path, sizeof(path), "/api/tokens/%lld", id);
	assert_status(send_as("DELETE", path, token, NULL, &r), 403);
	assert_string_equal(resp_code(&r), "read_only");
	resp_free(&r);
}

/* A new password and disabling revoke the user's tokens and end their
 * sessions; enabling again revives nothing. */
static void locking_an_account_kills_its_tokens(void **state)
{
	(void)state;
	resp r;
	assert_status(send_as("POST", "/api/users", admin_tok(),
	                      "{\"name\":\"carol\",\"roles\":[\"auditor\"],\"password\":\"brisk-otter-lamp-9\"}",
	                      &r), 201);
	resp_free(&r);
	char cookie[128], csrf[64], token[API_TOKEN_LEN + 1];
	long long id;
	assert_status(fx_login(fx, "carol", "brisk-otter-lamp-9", cookie, sizeof(cookie), csrf, sizeof(csrf)),
	              200);
	make_token(cookie, csrf, "{\"name\":\"t\",\"password\":\"brisk-otter-lamp-9\"}", token, &id, &r);
	resp_free(&r);
	assert_status(send_as("GET", "/api/me", token, NULL, &r), 200);
	resp_free(&r);
	assert_status(send_as("PATCH", "/api/users/carol", admin_tok(), "{\"password\":\"quiet-heron-mill-4\"}",
	                      &r), 200);
	resp_free(&r);
	assert_status(send_as("GET", "/api/me", token, NULL, &r), 401);
	resp_free(&r);
	assert_status(call(fx, &(rq){.method = "GET", .path = "/api/me", .cookie = cookie}, &r), 401);
	resp_free(&r);
	/* Disabled and enabled again: the token made in between stays dead. */
	assert_status(fx_login(fx, "carol", "quiet-heron-mill-4", cookie, sizeof(cookie), csrf, sizeof(csrf)),
	              200);
	make_token(cookie, csrf, "{\"name\":\"t2\",\"password\":\"quiet-heron-mill-4\"}", token, &id, &r);
	resp_free(&r);
	assert_status(send_as("PATCH", "/api/users/carol", admin_tok(), "{\"disabled\":true}", &r), 200);
	resp_free(&r);
	assert_status(send_as("PATCH", "/api/users/carol", admin_tok(), "{\"disabled\":false}", &r), 200);
	resp_free(&r);
	assert_status(send_as("GET", "/api/me", token, NULL, &r), 401);
	resp_free(&r);
	assert_status(send_as("GET", "/api/tokens?all=1", admin_tok(), NULL, &r), 200);
	size_t i;
	json_t *e;
	int carols = 0, revoked = 0;
	json_array_foreach(json_object_get(r.json, "tokens"), i, e)
		if(!strcmp(str_at(e, "user"), "carol")) {
			carols++;
			revoked += str_at(e, "revoked_at") != NULL;
		}
	assert_int_equal(carols, 2);
	assert_int_equal(revoked, 2);
	resp_free(&r);
}

static void weak_passwords_are_refused_with_the_reason(void **state)
{
	(void)state;
	static const struct {
		const char *method, *path, *body, *why;
	} cases[] = {
		{"POST", "/api/users", "{\"name\":\"dan\",\"roles\":[\"medical\"],\"password\":\"password12\"}",
		 "auth.password_common"},
		{"POST", "/api/users", "{\"name\":\"dan\",\"roles\":[\"medical\"],\"password\":\"          \"}",
		 "auth.password_blank"},
		{"POST", "/api/users", "{\"name\":\"dan\",\"roles\":[\"medical\"],\"password\":\"aaaaaaaaaa\"}",
		 "auth.password_repeated"},
		{"POST", "/api/users", "{\"name\":\"dan\",\"roles\":[\"medical\"],\"password\":\"dan-2024!\"}",
		 "auth.password_short"},
		{"POST", "/api/users", "{\"name\":\"danylo\",\"roles\":[\"medical\"],\"password\":\"Danylo-1999\"}",
		 "auth.password_name"},
		{"PATCH", "/api/users/registrar", "{\"password\":\"1234567890\"}", "auth.password_sequence"},
		{"PATCH", "/api/users/registrar", "{\"password\":\"registrar!!\"}", "auth.password_name"},
		{"PATCH", "/api/users/registrar", "{\"display_name\":\"Ivan Sirko\",\"password\":\"Sirko-1648\"}",
		 "auth.password_name"},
	};
	report rep = {0};
	for(size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		resp r;
		long st = send_as(cases[i].method, cases[i].path, admin_tok(), cases[i].body, &r);
		json_t *err = json_object_get(r.json, "error");
		const char *why = str_at(json_object_get(err, "args"), "why");
		if(st != 422 || !why || strcmp(why, cases[i].why))
			report_add(&rep, "%s %s: %ld %s (expected %s)\n", cases[i].method, cases[i].body, st,
			           buf_str(&r.body), cases[i].why);
		resp_free(&r);
	}
	report_check(&rep, (int)(sizeof(cases) / sizeof(cases[0])));
	/* Nothing was changed by the refused PATCH: the display name stays. */
	resp r;
	assert_status(send_as("GET", "/api/users", admin_tok(), NULL, &r), 200);
	json_t *u = find(json_object_get(r.json, "users"), "name", "registrar");
	assert_non_null(u);
	assert_null(str_at(u, "display_name"));
	assert_null(find(json_object_get(r.json, "users"), "name", "dan"));
	resp_free(&r);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(a_token_cannot_make_tokens),
		cmocka_unit_test(a_session_makes_tokens_with_the_password),
		cmocka_unit_test(a_read_only_token_only_reads),
		cmocka_unit_test(locking_an_account_kills_its_tokens),
		cmocka_unit_test(weak_passwords_are_refused_with_the_reason),
	};
	return cmocka_run_group_tests_name("api/tokens", tests, fx_setup, fx_teardown);
}
