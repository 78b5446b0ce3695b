/* Sessions, CSRF, the login rate limit, static files without traversal,
 * the security headers, and bodies too large or malformed. */
#include "harness.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>

static int setup(void **state)
{
	(void)state;
	/* Short limits, so that expiry and the rate limit can be watched. */
	http_config cfg = {.sessions = {.idle = 2, .absolute = 4}, .login_failures = 3,
	                   .login_window = 60, .max_body = 64 * 1024, .max_upload = 256 * 1024};
	return fx_setup_with(&cfg);
}

static void sleep_ms(long ms)
{
	struct timespec ts = {ms / 1000, (ms % 1000) * 1000000L};
	nanosleep(&ts, NULL);
}

static void login_sets_a_strict_cookie(void **state)
{
	(void)state;
	resp r;
	assert_status(call(fx, &(rq){.method = "POST", .path = "/api/login",
	                             .body = "{\"user\":\"registrar\",\"password\":\"registrar-password-1\"}"},
	                   &r), 200);
	char set[512];
	assert_non_null(resp_header(&r, "Set-Cookie", set, sizeof(set)));
	assert_contains(set, "parley_session=");
	assert_contains(set, "HttpOnly");
	assert_contains(set, "SameSite=Strict");
	assert_contains(set, "Path=/");
	assert_null(strstr(set, "Secure")); /* plain HTTP here; TLS adds it */
	/* The token: 43 characters of base64url (256 bits). */
	const char *tok = strchr(set, '=') + 1;
	assert_int_equal(strcspn(tok, ";"), 43);
	assert_int_equal(strlen(json_string_value(json_object_get(r.json, "csrf"))), 43);
	assert_string_equal(json_string_value(json_object_get(r.json, "user")), "registrar");
	resp_free(&r);
	/* Unknown fields in the login body are refused like anywhere else. */
	assert_status(call(fx, &(rq){.method = "POST", .path = "/api/login",
	                             .body = "{\"user\":\"x\",\"password\":\"y\",\"remember\":true}"},
	                   &r), 422);
	assert_string_equal(resp_code(&r), "unknown_field");
	resp_free(&r);
}

static void csrf_is_required_for_changes(void **state)
{
	(void)state;
	char cookie[128], csrf[64];
	assert_status(fx_login(fx, "registrar", "registrar-password-1", cookie, sizeof(cookie), csrf,
	                       sizeof(csrf)), 200);
	resp r;
	const char *body = "{\"surname\":\"Csrf\"}";
	/* No token, a wrong one, another session's: refused, nothing made. */
	assert_status(call(fx, &(rq){.method = "POST", .path = "/api/persons", .cookie = cookie, .body = body},
	                   &r), 403);
	assert_string_equal(resp_code(&r), "csrf");
	resp_free(&r);
	char wrong[64];
	snprintf(wrong, sizeof(wrong), "%s", csrf);
	wrong[0] = wrong[0] == 'a' ? 'b' : 'a';
	assert_status(call(fx, &(rq){.method = "POST", .path = "/api/persons", .cookie = cookie,
	                             .csrf = wrong, .body = body}, &r), 403);
	resp_free(&r);
	char cookie2[128], csrf2[64];
	assert_status(fx_login(fx, "registrar", "registrar-password-1", cookie2, sizeof(cookie2), csrf2,
	                       sizeof(csrf2)), 200);
	assert_status(call(fx, &(rq){.method = "POST", .path = "/api/persons", .cookie = cookie,
	                             .csrf = csrf2, .body = body}, &r), 403);
	resp_free(&r);
	assert_status(call(fx, &(rq){.method = "GET", .path = "/api/persons?q=csrf", .cookie = cookie}, &r),
	              200);
	assert_int_equal(json_integer_value(json_object_get(r.json, "total")), 0);
	resp_free(&r);
	/* The right one: done. GETs never need it. */
	assert_status(call(fx, &(rq){.method = "POST", .path = "/api/persons", .cookie = cookie,
	                             .csrf = csrf, .body = body}, &r), 201);
	resp_free(&r);
	assert_status(call(fx, &(rq){.method = "GET", .path = "/api/persons?q=csrf", .cookie = cookie}, &r),
	              200);
	assert_int_equal(json_integer_value(json_object_get(r.json, "total")), 1);
	resp_free(&r);
	/* A form post from another site cannot send JSON. */
	assert_status(call(fx, &(rq){.method = "POST", .path = "/api/persons", .cookie = cookie, .csrf = csrf,
	                             .ctype = "application/x-www-form-urlencoded", .body = "surname=X"},
	                   &r), 415);
	resp_free(&r);
	/* Logout ends it. */
	assert_status(call(fx, &(rq){.method = "POST", .path = "/api/logout", .cookie = cookie, .csrf = csrf},
	                   &r), 200);
	resp_free(&r);
	assert_status(call(fx, &(rq){.method = "GET", .path = "/api/me", .cookie = cookie}, &r), 401);
	resp_free(&r);
	assert_status(call(fx, &(rq){.method = "GET", .path = "/api/me", .cookie = cookie2}, &r), 200);
	resp_free(&r);
}

static void sessions_expire(void **state)
{
	(void)state;
	char cookie[128], csrf[64];
	resp r;
	/* Idle limit 2 s. */
	assert_status(fx_login(fx, "auditor", "auditor-password-1", cookie, sizeof(cookie), csrf,
	                       sizeof(csrf)), 200);
	assert_status(call(fx, &(rq){.method = "GET", .path = "/api/me", .cookie = cookie}, &r), 200);
	resp_free(&r);
	sleep_ms(3100);
	assert_status(call(fx, &(rq){.method = "GET", .path = "/api/me", .cookie = cookie}, &r), 401);
	resp_free(&r);
	/* Absolute limit 4 s: kept busy, it still ends. What each call must
	 * answer follows from when it was sent and answered, so that a slow
	 * machine cannot fail the test: answered within 4 s of the login's
	 * start and within 2 s of the last success's sending, alive; sent more
	 * than 5 s after the login's answer, gone (the server counts whole
	 * seconds: 4 s and a part may still be 4). */
	double t0 = date_monotonic();
	assert_status(fx_login(fx, "auditor", "auditor-password-1", cookie, sizeof(cookie), csrf,
	                       sizeof(csrf)), 200);
	double t1 = date_monotonic(), last = t0;
	int alive = 0, gone = 0;
	while(date_monotonic() - t1 < 6.5) {
		sleep_ms(400);
		double sent = date_monotonic();
		long st = call(fx, &(rq){.method = "GET", .path = "/api/me", .cookie = cookie}, &r);
		double answered = date_monotonic();
		resp_free(&r);
		if(answered - t0 < 4 && answered - last < 2) {
			assert_int_equal(st, 200);
			alive++;
		} else if(sent - t1 > 5) {
			assert_int_equal(st, 401);
			gone++;
		} else {
			assert_true(st == 200 || st == 401);
		}
		if(st == 200)
			last = sent;
	}
	/* the calls 2 to 4 s in, each within 2 s of the last, are what show
	 * that being busy outlives the idle limit; the last ones, the end */
	assert_true(alive >= 1 && gone >= 1);
	assert_status(call(fx, &(rq){.method = "GET", .path = "/api/me", .cookie = cookie}, &r), 401);
	resp_free(&r);
}

static void login_rate_limit(void **state)
{
	(void)state;
	char cookie[128], csrf[64];
	/* Three failures for one user, then even the right password waits. */
	for(int i = 0; i < 3; i++)
		assert_status(fx_login(fx, "medical", "wrong-password", cookie, sizeof(cookie), csrf,
		                       sizeof(csrf)), 401);
	resp r;
	assert_status(call(fx, &(rq){.method = "POST", .path = "/api/login",
	                             .body = "{\"user\":\"medical\",\"password\":\"medical-password-1\"}"},
	                   &r), 429);
	assert_string_equal(resp_code(&r), "rate_limited");
	char after[16];
	assert_non_null(resp_header(&r, "Retry-After", after, sizeof(after)));
	assert_in_range(atoi(after), 1, 60);
	resp_free(&r);
	/* Other users are not locked out by it... */
	assert_status(fx_login(fx, "negotiator", "negotiator-password-1", cookie, sizeof(cookie), csrf,
	                       sizeof(csrf)), 200);
	/* ...until this address has failed for many (4 x 3 = 12 here). */
	char name[32];
	long st = 0;
	int tries = 0;
	for(tries = 0; tries < 20; tries++) {
		snprintf(name, sizeof(name), "guess%d", tries);
		st = fx_login(fx, name, "wrong-password", cookie, sizeof(cookie), csrf, sizeof(csrf));
		if(st == 429)
			break;
		assert_int_equal(st, 401);
	}
	assert_int_equal(st, 429);
	assert_in_range(tries, 8, 12);
	assert_status(fx_login(fx, "identification", "identification-password-1", cookie, sizeof(cookie),
	                       csrf, sizeof(csrf)), 429);
}

static void static_files_and_traversal(void **state)
{
	(void)state;
	resp r;
	char ct[128];
	assert_status(call(fx, &(rq){.method = "GET", .path = "/"}, &r), 200);
	assert_contains(buf_str(&r.body), "<!doctype html>");
	assert_contains(resp_header(&r, "Content-Type", ct, sizeof(ct)), "text/html");
	resp_free(&r);
	assert_status(call(fx, &(rq){.method = "GET", .path = "/persons/P0000000000000001"}, &r), 200);
	assert_contains(buf_str(&r.body), "<!doctype html>");
	resp_free(&r);
	assert_status(call(fx, &(rq){.method = "GET", .path = "/js/app.js"}, &r), 200);
	assert_contains(resp_header(&r, "Content-Type", ct, sizeof(ct)), "text/javascript");
	resp_free(&r);
	static const char *const attacks[] = {
		"/../secret.txt", "/js/../../secret.txt", "/%2e%2e/secret.txt", "/js/%2e%2e/%2e%2e/secret.txt",
		"/..%2fsecret.txt", "/%2e%2e%2fsecret.txt", "/.hidden.txt", "/link.txt", "/js/../index.html",
		"//etc/passwd", "/..\\secret.txt", "/js/app.js%00.html", "/api.db", "/../api.db",
		"/index.html/", "/%c0%ae%c0%ae/secret.txt", "/js/./app.js",
	};
	report rep = {0};
	for(size_t i = 0; i < sizeof(attacks) / sizeof(attacks[0]); i++) {
		long st = call(fx, &(rq){.method = "GET", .path = attacks[i]}, &r);
		if(strstr(buf_str(&r.body), "SECRET") || strstr(buf_str(&r.body), "SQLite") ||
		   strstr(buf_str(&r.body), "hidden") || (st != 404 && st != 400))
			report_add(&rep, "%s: %ld %.60s\n", attacks[i], st, buf_str(&r.body));
		resp_free(&r);
	}
	report_check(&rep, (int)(sizeof(attacks) / sizeof(attacks[0])));
	assert_status(call(fx, &(rq){.method = "POST", .path = "/index.html", .body = "x"}, &r), 405);
	resp_free(&r);
}

static void security_headers_everywhere(void **state)
{
	(void)state;
	static const char *const paths[] = {"/", "/js/app.js", "/nothing.png", "/api/me", "/api/openapi.json",
	                                    "/api/nothing"};
	report rep = {0};
	for(size_t i = 0; i < sizeof(paths) / sizeof(paths[0]); i++) {
		resp r;
		call(fx, &(rq){.method = "GET", .path = paths[i]}, &r);
		char v[512];
		const char *csp = resp_header(&r, "Content-Security-Policy", v, sizeof(v));
		if(!csp || !strstr(csp, "frame-ancestors 'none'") || !strstr(csp, "script-src 'self'") ||
		   strstr(csp, "unsafe-inline"))
			report_add(&rep, "%s: CSP %s\n", paths[i], csp ? csp : "missing");
		const char *nosniff = resp_header(&r, "X-Content-Type-Options", v, sizeof(v));
		if(!nosniff || strcmp(nosniff, "nosniff"))
			report_add(&rep, "%s: no nosniff\n", paths[i]);
		const char *ref = resp_header(&r, "Referrer-Policy", v, sizeof(v));
		if(!ref || strcmp(ref, "no-referrer"))
			report_add(&rep, "%s: Referrer-Policy %s\n", paths[i], ref ? ref : "missing");
		if(!strncmp(paths[i], "/api/", 5) && !resp_header(&r, "Cache-Control", v, sizeof(v)))
			report_add(&rep, "%s: API answers must not be cached\n", paths[i]);
		resp_free(&r);
	}
	report_check(&rep, 4 * (int)(sizeof(paths) / sizeof(paths[0])));
}

static void bodies_too_large_or_malformed(void **state)
{
	(void)state;
	const char *tok = fx_token(fx, ROLE_REGISTRAR);
	resp r;
	/* Over the 64 KiB limit of this server. */
	size_t n = 200 * 1024;
	char *big = malloc(n + 64);
	assert_non_null(big);
	strcpy(big, "{\"surname\":\"");
	memset(big + 12, 'a', n);
	strcpy(big + 12 + n, "\"}");
	assert_status(call(fx, &(rq){.method = "POST", .path = "/api/persons", .bearer = tok, .body = big},
	                   &r), 413);
	assert_string_equal(resp_code(&r), "too_large");
	resp_free(&r);
	free(big);
	static const struct {
		const char *body, *code, *says;
		long status;
	} bad[] = {
		{"{\"surname\": ", "bad_json", "line 1", 400},
		{"[1,2]", "bad_json", "JSON object", 400},
		{"{\"surname\":\"A\",\"surname\":\"B\"}", "bad_json", "duplicate", 400},
		{"{\"surname\":\"A\",\"shoe_size\":\"44\"}", "unknown_field", "shoe_size", 422},
		{"{\"surname\":17}", "bad_input", "expected a string", 422},
		{"{\"birth_date\":\"1990-13-01\"}", "bad_input", "birth_date", 422},
		{"{\"branch\":\"navy\"}", "bad_input", "expected one of", 422},
		{"{\"surname\":\"\\u0000\"}", "bad_json", "u0000", 400},
		{"{\"ext.BAD SOURCE\":\"1\"}", "bad_input", "ext.", 422},
		{"\xff\xfe{}", "bad_json", "", 400},
	};
	report rep = {0};
	for(size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		long st = call(fx, &(rq){.method = "POST", .path = "/api/persons", .bearer = tok, .body = bad[i].body},
		               &r);
		const char *msg = json_string_value(json_object_get(json_object_get(r.json, "error"), "message"));
		if(st != bad[i].status || strcmp(resp_code(&r), bad[i].code) || !msg || !strstr(msg, bad[i].says))
			report_add(&rep, "%s: %ld %s\n", bad[i].body, st, buf_str(&r.body));
		resp_free(&r);
	}
	/* A body where none is taken. */
	assert_status(call(fx, &(rq){.method = "GET", .path = "/api/me", .bearer = tok, .body = "{}"}, &r),
	              413);
	resp_free(&r);
	/* The field that was wrong is named. */
	call(fx, &(rq){.method = "POST", .path = "/api/persons", .bearer = tok,
	               .body = "{\"capture_date\":\"soon\"}"}, &r);
	assert_string_equal(json_string_value(json_object_get(json_object_get(r.json, "error"), "field")),
	                    "capture_date");
	resp_free(&r);
	report_check(&rep, (int)(sizeof(bad) / sizeof(bad[0])));
}

/* A body declared larger than the limit is refused from its headers, at
 * once: the server does not wait for (or read) a byte of it. */
static void declared_size_refused_at_once(void **state)
{
	(void)state;
	static const char *const routes[][2] = {
		{"/api/persons", "application/json"},
		{"/api/import", "multipart/form-data; boundary=b0undary"},
		{"/api/logout", "application/json"},
	};
	for(size_t i = 0; i < sizeof(routes) / sizeof(routes[0]); i++) {
		char req[1024];
		snprintf(req, sizeof(req), "POST %s HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer %s\r\n"
		         "Content-Type: %s\r\nContent-Length: 10737418240\r\n\r\n", routes[i][0],
		         fx_token(fx, ROLE_REGISTRAR), routes[i][1]);
		resp r;
		assert_status(raw_call(fx, NULL, req, &r), 413);
		resp_free(&r);
	}
	/* Just over the limit: at once for a client that waits to be told to
	 * go on; a client that sends anyway is read and then answered. */
	char req[1024];
	snprintf(req, sizeof(req), "POST /api/persons HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer %s\r\n"
	         "Content-Type: application/json\r\nContent-Length: 100000\r\nExpect: 100-continue\r\n\r\n",
	         fx_token(fx, ROLE_REGISTRAR));
	resp r;
	assert_status(raw_call(fx, NULL, req, &r), 413);
	resp_free(&r);
}

static void bad_query_parameters(void **state)
{
	(void)state;
	const char *tok = fx_token(fx, ROLE_AUDITOR);
	static const char *const paths[] = {
		"/api/persons?limit=0", "/api/persons?limit=201", "/api/persons?limit=x", "/api/persons?offset=-1",
		"/api/persons?age=30-20", "/api/persons?age=abc", "/api/persons?age_on=2024-02",
		"/api/persons?status=flying", "/api/audit?limit=-3", "/api/audit?since=yesterday",
		"/api/export?format=xml", "/api/export?format=json&what=events",
		/* unknown parameters are refused, not ignored; values are UTF-8 */
		"/api/persons?stauts=held", "/api/stats?x=1", "/api/persons?q=%FF%FE",
		"/api/access?actor=%C3", "/api/me?limit=5", "/api/persons?age%9E%00=1",
	};
	report rep = {0};
	for(size_t i = 0; i < sizeof(paths) / sizeof(paths[0]); i++) {
		resp r;
		long st = call(fx, &(rq){.method = "GET", .path = paths[i], .bearer = tok}, &r);
		const char *field = json_string_value(json_object_get(json_object_get(r.json, "error"), "field"));
		if(st != 400 && st != 422)
			report_add(&rep, "%s: %ld\n", paths[i], st);
		else if(!strstr(paths[i], "status=") && !strstr(paths[i], "%9E") && !field)
			report_add(&rep, "%s: no field named: %s\n", paths[i], buf_str(&r.body));
		resp_free(&r);
	}
	report_check(&rep, (int)(sizeof(paths) / sizeof(paths[0])));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(login_sets_a_strict_cookie),
		cmocka_unit_test(csrf_is_required_for_changes),
		cmocka_unit_test(sessions_expire),
		cmocka_unit_test(static_files_and_traversal),
		cmocka_unit_test(security_headers_everywhere),
		cmocka_unit_test(bodies_too_large_or_malformed),
		cmocka_unit_test(bad_query_parameters),
		cmocka_unit_test(declared_size_refused_at_once),
		cmocka_unit_test(login_rate_limit), /* last: it locks this address out */
	};
	return cmocka_run_group_tests_name("api/security", tests, setup, fx_teardown);
}
