/* The second factor over the real server (issue 13): enrolment in one's
 * account, sign-in in two steps (a code, or a recovery code, each taken
 * once), wrong codes limited as wrong passwords are, a role that must use
 * one enrolled at sign-in before any session, an admin's reset, turning it
 * off, and no token that changes it. */
#include "harness.h"

#include <time.h>

#include "http/http.h"

static const char *admin_tok(void) { return fx_token(fx, ROLE_ADMIN); }

/* RFC 4648 base32 (no padding) into out; its length. */
static size_t base32_decode(const char *in, unsigned char *out)
{
	static const char abc[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
	unsigned acc = 0;
	int bits = 0;
	size_t n = 0;
	for(; *in; in++) {
		const char *p = strchr(abc, *in);
		assert_non_null(p);
		acc = (acc << 5 | (unsigned)(p - abc)) & 0xfff;
		if((bits += 5) >= 8) {
			out[n++] = (unsigned char)(acc >> (bits - 8));
			bits -= 8;
		}
	}
	return n;
}

/* The code of a base32 secret `steps` time steps from now. */
static void code_of(const char *b32, int steps, char out[8])
{
	unsigned char key[TOTP_SECRET_LEN];
	assert_int_equal(base32_decode(b32, key), TOTP_SECRET_LEN);
	snprintf(out, 8, "%06u", (unsigned)auth_hotp(key, TOTP_SECRET_LEN, (uint64_t)(time(NULL) / 30 + steps), 6));
}

/* The session an answer set: cookie and CSRF token. */
static void session_of(resp *r, char *cookie, size_t cs, char *csrf, size_t fs)
{
	char set[512];
	assert_non_null(resp_header(r, "Set-Cookie", set, sizeof(set)));
	snprintf(cookie, cs, "%.*s", (int)strcspn(set, ";"), set);
	snprintf(csrf, fs, "%s", str_at(r->json, "csrf"));
}

static long login(const char *name, const char *password, resp *r)
{
	char body[256];
	snprintf(body, sizeof(body), "{\"user\":\"%s\",\"password\":\"%s\"}", name, password);
	return call(fx, &(rq){.method = "POST", .path = "/api/login", .body = body}, r);
}

static long second(const char *pending, const char *code, resp *r)
{
	char body[256];
	snprintf(body, sizeof(body), "{\"pending\":\"%s\",\"code\":\"%s\"}", pending, code);
	return call(fx, &(rq){.method = "POST", .path = "/api/login/second-factor", .body = body}, r);
}

static long in_session(const char *method, const char *path, const char *cookie, const char *csrf,
                       const char *body, resp *r)
{
	return call(fx, &(rq){.method = method, .path = path, .cookie = cookie, .csrf = csrf, .body = body}, r);
}

static void add_user(const char *name, const char *roles, const char *password)
{
	char body[256];
	snprintf(body, sizeof(body), "{\"name\":\"%s\",\"roles\":[\"%s\"],\"password\":\"%s\"}", name, roles, password);
	resp r;
	assert_status(call(fx, &(rq){.method = "POST", .path = "/api/users", .bearer = admin_tok(), .body = body}, &r),
	              201);
	resp_free(&r);
}

/* The pending token of a sign-in that asks for `kind` (totp, enrol). */
static void pending_of(const char *name, const char *password, const char *kind, char *pending, resp *r)
{
	char set[512];
	assert_status(login(name, password, r), 200);
	assert_string_equal(str_at(r->json, "second_factor"), kind);
	assert_null(resp_header(r, "Set-Cookie", set, sizeof(set)));
	assert_null(str_at(r->json, "csrf"));
	assert_int_equal(int_at(r->json, "expires_in"), PENDING_LIFE);
	snprintf(pending, TOKEN_LEN + 1, "%s", str_at(r->json, "pending"));
}

/* Turn a second factor on in the session: its secret into b32, the code
 * that confirmed it into first; the answer (recovery codes) in r. */
static void turn_on(const char *cookie, const char *csrf, char *b32, char first[8], resp *r)
{
	assert_status(in_session("POST", "/api/account/totp", cookie, csrf, NULL, r), 200);
	snprintf(b32, TOTP_SECRET_B32 + 1, "%s", str_at(r->json, "secret"));
	assert_non_null(strstr(str_at(r->json, "uri"), "otpauth://totp/parley:"));
	assert_true(!strncmp(str_at(r->json, "qr_svg"), "<svg", 4));
	resp_free(r);
	code_of(b32, 0, first);
	char body[64];
	snprintf(body, sizeof(body), "{\"code\":\"%s\"}", first);
	assert_status(in_session("POST", "/api/account/totp/confirm", cookie, csrf, body, r), 200);
}

static char vira_b32[TOTP_SECRET_B32 + 1], vira_first[8];
static char vira_rc[RECOVERY_CODES][RECOVERY_LEN + 1];

/* vira enrols in her account; her secret into b32, codes into rc[0..9]. */
static void enrol_vira(char *b32, char rc[RECOVERY_CODES][RECOVERY_LEN + 1])
{
	char cookie[128], csrf[64];
	resp r;
	add_user("vira", "registrar", "vira-password-12");
	assert_status(fx_login(fx, "vira", "vira-password-12", cookie, sizeof(cookie), csrf, sizeof(csrf)), 200);
	/* A wrong code confirms nothing. */
	assert_status(in_session("POST", "/api/account/totp", cookie, csrf, NULL, &r), 200);
	resp_free(&r);
	assert_status(in_session("POST", "/api/account/totp/confirm", cookie, csrf, "{\"code\":\"12345\"}", &r), 403);
	assert_string_equal(str_at(json_object_get(r.json, "error"), "message_code"), "auth.wrong_code");
	resp_free(&r);
	/* Pending: a sign-in still needs the password only. */
	assert_status(in_session("GET", "/api/account/totp", cookie, NULL, NULL, &r), 200);
	assert_true(json_is_true(json_object_get(r.json, "pending")));
	assert_true(json_is_false(json_object_get(r.json, "enrolled")));
	resp_free(&r);
	turn_on(cookie, csrf, b32, vira_first, &r);
	json_t *a = json_object_get(r.json, "recovery_codes");
	assert_int_equal(json_array_size(a), RECOVERY_CODES);
	for(int i = 0; i < RECOVERY_CODES; i++)
		snprintf(rc[i], RECOVERY_LEN + 1, "%s", json_string_value(json_array_get(a, (size_t)i)));
	resp_free(&r);
	assert_status(get(ROLE_ADMIN, "/api/users", &r), 200);
	assert_true(json_is_true(json_object_get(find(json_object_get(r.json, "users"), "name", "vira"),
	                                         "second_factor")));
	resp_free(&r);
}

static void sign_in_in_two_steps(void **state)
{
	(void)state;
	char pending[TOKEN_LEN + 1], code[8], cookie[128], csrf[64];
	resp r;
	enrol_vira(vira_b32, vira_rc);
	/* The wrong password: no second step. */
	assert_status(login("vira", "not-her-password", &r), 401);
	resp_free(&r);
	pending_of("vira", "vira-password-12", "totp", pending, &r);
	resp_free(&r);
	/* The pending token alone opens nothing. */
	assert_status(call(fx, &(rq){.method = "GET", .path = "/api/me", .cookie = "parley_session=x"}, &r), 401);
	resp_free(&r);
	/* The code that confirmed is not taken again; the next step's is. */
	assert_status(second(pending, vira_first, &r), 401);
	assert_string_equal(str_at(json_object_get(r.json, "error"), "message_code"), "auth.wrong_code");
	resp_free(&r);
	code_of(vira_b32, 1, code);
	assert_status(second(pending, code, &r), 200);
	assert_string_equal(str_at(r.json, "user"), "vira");
	session_of(&r, cookie, sizeof(cookie), csrf, sizeof(csrf));
	resp_free(&r);
	assert_status(in_session("GET", "/api/me", cookie, NULL, NULL, &r), 200);
	resp_free(&r);
	/* The pending token was used. */
	assert_status(second(pending, vira_rc[0], &r), 401);
	assert_string_equal(str_at(json_object_get(r.json, "error"), "message_code"), "auth.no_pending");
	resp_free(&r);
	/* A recovery code, as typed in lower case; once. */
	char typed[RECOVERY_LEN + 1];
	for(int i = 0; i <= RECOVERY_LEN; i++)
		typed[i] = (char)(vira_rc[1][i] >= 'A' && vira_rc[1][i] <= 'Z' ? vira_rc[1][i] + 32 : vira_rc[1][i]);
	pending_of("vira", "vira-password-12", "totp", pending, &r);
	resp_free(&r);
	assert_status(second(pending, typed, &r), 200);
	resp_free(&r);
	pending_of("vira", "vira-password-12", "totp", pending, &r);
	resp_free(&r);
	assert_status(second(pending, vira_rc[1], &r), 401);
	resp_free(&r);
	assert_status(get(ROLE_AUDITOR, "/api/audit?action=recovery_code_used", &r), 200);
	assert_int_equal(json_array_size(json_object_get(r.json, "entries")), 1);
	assert_null(strstr(buf_str(&r.body), vira_rc[1]));
	resp_free(&r);
}

static void a_token_does_not_change_the_factor(void **state)
{
	(void)state;
	resp r;
	assert_status(post_json(ROLE_REGISTRAR, "/api/account/totp", NULL, &r), 403);
	assert_string_equal(str_at(json_object_get(r.json, "error"), "message_code"), "http.totp_session");
	resp_free(&r);
	assert_status(get(ROLE_REGISTRAR, "/api/account/totp", &r), 200);
	assert_true(json_is_false(json_object_get(r.json, "enrolled")));
	resp_free(&r);
	/* Only admins reset, and set the roles. */
	assert_status(call(fx, &(rq){.method = "DELETE", .path = "/api/users/vira/totp",
	                             .bearer = fx_token(fx, ROLE_REGISTRAR)}, &r), 403);
	resp_free(&r);
	assert_status(call(fx, &(rq){.method = "PATCH", .path = "/api/settings/second-factor",
	                             .bearer = fx_token(fx, ROLE_AUDITOR), .body = "{\"roles\":[]}"}, &r), 403);
	resp_free(&r);
}

static void wrong_codes_are_limited(void **state)
{
	(void)state;
	char b32[TOTP_SECRET_B32 + 1], cookie[128], csrf[64], code[8], pending[TOKEN_LEN + 1];
	resp r;
	add_user("yarema", "auditor", "yarema-password-1");
	assert_status(fx_login(fx, "yarema", "yarema-password-1", cookie, sizeof(cookie), csrf, sizeof(csrf)), 200);
	turn_on(cookie, csrf, b32, code, &r);
	resp_free(&r);
	pending_of("yarema", "yarema-password-1", "totp", pending, &r);
	resp_free(&r);
	/* login_failures (5) wrong codes; then even a right one waits. */
	for(int i = 0; i < 5; i++) {
		assert_status(second(pending, "000000", &r), 401);
		resp_free(&r);
	}
	code_of(b32, 1, code);
	assert_status(second(pending, code, &r), 429);
	char ra[16];
	assert_non_null(resp_header(&r, "Retry-After", ra, sizeof(ra)));
	resp_free(&r);
	/* And the password step with it: a right password does not clear it. */
	assert_status(login("yarema", "yarema-password-1", &r), 429);
	resp_free(&r);
}

static void a_required_role_enrols_at_sign_in(void **state)
{
	(void)state;
	char cookie[128], csrf[64], pending[TOKEN_LEN + 1], code[8], b32[TOTP_SECRET_B32 + 1];
	resp r;
	add_user("maksym", "medical", "maksym-password-1");
	assert_status(fx_login(fx, "maksym", "maksym-password-1", cookie, sizeof(cookie), csrf, sizeof(csrf)), 200);
	assert_status(get(ROLE_ADMIN, "/api/settings/second-factor", &r), 200);
	assert_int_equal(json_array_size(json_object_get(r.json, "roles")), 0);
	/* Suggested: the roles that read medical details or DNA. */
	json_t *sug = json_object_get(r.json, "suggested");
	assert_int_equal(json_array_size(sug), 4);
	assert_string_equal(json_string_value(json_array_get(sug, 1)), "medical");
	resp_free(&r);
	assert_status(call(fx, &(rq){.method = "PATCH", .path = "/api/settings/second-factor", .bearer = admin_tok(),
	                             .body = "{\"roles\":[\"king\"]}"}, &r), 422);
	resp_free(&r);
	assert_status(call(fx, &(rq){.method = "PATCH", .path = "/api/settings/second-factor", .bearer = admin_tok(),
	                             .body = "{\"roles\":[\"medical\",\"identification\"]}"}, &r), 200);
	assert_true(int_at(r.json, "sessions_ended") >= 1);
	resp_free(&r);
	/* The session open without a factor ended. */
	assert_status(in_session("GET", "/api/me", cookie, NULL, NULL, &r), 401);
	resp_free(&r);
	/* The password leads to enrolment, with no session before it. */
	pending_of("maksym", "maksym-password-1", "enrol", pending, &r);
	snprintf(b32, sizeof(b32), "%s", str_at(r.json, "secret"));
	assert_true(!strncmp(str_at(r.json, "qr_svg"), "<svg", 4));
	resp_free(&r);
	assert_status(second(pending, "000000", &r), 401);
	resp_free(&r);
	code_of(b32, 0, code);
	assert_status(second(pending, code, &r), 200);
	assert_int_equal(json_array_size(json_object_get(r.json, "recovery_codes")), RECOVERY_CODES);
	session_of(&r, cookie, sizeof(cookie), csrf, sizeof(csrf));
	resp_free(&r);
	assert_status(in_session("GET", "/api/account/totp", cookie, NULL, NULL, &r), 200);
	assert_true(json_is_true(json_object_get(r.json, "enrolled")));
	assert_true(json_is_true(json_object_get(r.json, "required")));
	resp_free(&r);
	/* Required: not turned off by its user. */
	code_of(b32, 1, code);
	char body[128];
	snprintf(body, sizeof(body), "{\"code\":\"%s\",\"password\":\"maksym-password-1\"}", code);
	assert_status(in_session("DELETE", "/api/account/totp", cookie, csrf, body, &r), 409);
	resp_free(&r);
	/* The next sign-in asks for a code. */
	pending_of("maksym", "maksym-password-1", "totp", pending, &r);
	resp_free(&r);
	assert_status(call(fx, &(rq){.method = "PATCH", .path = "/api/settings/second-factor", .bearer = admin_tok(),
	                             .body = "{\"roles\":[]}"}, &r), 200);
	resp_free(&r);
}

static void reset_and_turning_off(void **state)
{
	(void)state;
	char cookie[128], csrf[64], pending[TOKEN_LEN + 1], code[8];
	resp r;
	/* vira turns hers off with the password and a recovery code ... */
	pending_of("vira", "vira-password-12", "totp", pending, &r);
	resp_free(&r);
	assert_status(second(pending, vira_rc[2], &r), 200);
	session_of(&r, cookie, sizeof(cookie), csrf, sizeof(csrf));
	resp_free(&r);
	char body[128];
	snprintf(body, sizeof(body), "{\"code\":\"%s\",\"password\":\"wrong-password\"}", vira_rc[3]);
	assert_status(in_session("DELETE", "/api/account/totp", cookie, csrf, body, &r), 403);
	resp_free(&r);
	/* New recovery codes replace the old. */
	snprintf(body, sizeof(body), "{\"code\":\"%s\"}", vira_rc[3]);
	assert_status(in_session("POST", "/api/account/totp/recovery-codes", cookie, csrf, body, &r), 200);
	char fresh[RECOVERY_LEN + 1];
	snprintf(fresh, sizeof(fresh), "%s", json_string_value(json_array_get(json_object_get(r.json, "recovery_codes"), 0)));
	resp_free(&r);
	snprintf(body, sizeof(body), "{\"code\":\"%s\",\"password\":\"vira-password-12\"}", vira_rc[4]);
	assert_status(in_session("DELETE", "/api/account/totp", cookie, csrf, body, &r), 403);
	resp_free(&r);
	snprintf(body, sizeof(body), "{\"code\":\"%s\",\"password\":\"vira-password-12\"}", fresh);
	assert_status(in_session("DELETE", "/api/account/totp", cookie, csrf, body, &r), 200);
	resp_free(&r);
	assert_status(fx_login(fx, "vira", "vira-password-12", cookie, sizeof(cookie), csrf, sizeof(csrf)), 200);
	/* ... and enrols again; an admin resets it (a lost phone): her
	 * sessions end, and she signs in with the password alone. */
	char b32[TOTP_SECRET_B32 + 1];
	turn_on(cookie, csrf, b32, code, &r);
	resp_free(&r);
	assert_status(call(fx, &(rq){.method = "DELETE", .path = "/api/users/vira/totp", .bearer = admin_tok()}, &r),
	              200);
	resp_free(&r);
	assert_status(in_session("GET", "/api/me", cookie, NULL, NULL, &r), 401);
	resp_free(&r);
	assert_status(call(fx, &(rq){.method = "DELETE", .path = "/api/users/vira/totp", .bearer = admin_tok()}, &r),
	              404);
	resp_free(&r);
	assert_status(fx_login(fx, "vira", "vira-password-12", cookie, sizeof(cookie), csrf, sizeof(csrf)), 200);
	assert_status(get(ROLE_AUDITOR, "/api/audit?action=totp_reset", &r), 200);
	json_t *e = json_array_get(json_object_get(r.json, "entries"), 0);
	assert_string_equal(str_at(e, "actor"), "admin");
	resp_free(&r);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(sign_in_in_two_steps),
		cmocka_unit_test(a_token_does_not_change_the_factor),
		cmocka_unit_test(wrong_codes_are_limited),
		cmocka_unit_test(a_required_role_enrols_at_sign_in),
		cmocka_unit_test(reset_and_turning_off),
	};
	return cmocka_run_group_tests_name("api/totp", tests, fx_setup, fx_teardown);
}
