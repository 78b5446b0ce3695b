/* The server against a client that holds connections open or trickles its
 * headers, a Host that is not ours (DNS rebinding), and a body whose end
 * is in doubt: raw sockets on the real server. Limits are small here
 * (8 connections per address, a 2 s deadline for the head) so that they
 * can be watched; the defaults are 64 and 15 s. */
#include "harness.h"

#include <errno.h>
#include <poll.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

enum { PER_ADDRESS = 8, HEAD_TIMEOUT = 2 };

static int setup(void **state)
{
	(void)state;
	http_config cfg = {.per_address = PER_ADDRESS, .head_timeout = HEAD_TIMEOUT,
	                   .host_allow = "parley.office.example,alt.example:9999"};
	return fx_setup_with(&cfg);
}

static double now_s(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void sleep_ms(long ms)
{
	struct timespec ts = {ms / 1000, (ms % 1000) * 1000000L};
	nanosleep(&ts, NULL);
}

/* Has the server closed (or reset) this connection? Waits up to ms. */
static bool closed_within(int s, int ms)
{
	struct pollfd p = {.fd = s, .events = POLLIN};
	if(poll(&p, 1, ms) <= 0)
		return false;
	char c;
	ssize_t n = recv(s, &c, 1, MSG_DONTWAIT | MSG_PEEK);
	return n == 0 || (n < 0 && errno != EAGAIN && errno != EWOULDBLOCK);
}

/* A GET of /api/me from another address, with its time in seconds. */
static long other_client_get(double *seconds)
{
	char req[512];
	snprintf(req, sizeof(req), "GET /api/me HTTP/1.1\r\nHost: 127.0.0.1:%u\r\n"
	         "Authorization: Bearer %s\r\nConnection: close\r\n\r\n", fx->port,
	         fx_token(fx, ROLE_REGISTRAR));
	resp r;
	double t0 = now_s();
	long st = raw_call(fx, "127.0.0.2", req, &r);
	*seconds = now_s() - t0;
	resp_free(&r);
	return st;
}

/* More slow connections from one address than it may hold: those beyond
 * the limit are closed at once, the others stay open (until their head's
 * deadline), and another client is answered quickly all the while. */
static void connections_per_address_are_limited(void **state)
{
	(void)state;
	enum { TRIED = PER_ADDRESS + 6 };
	int s[TRIED];
	const char *part = "GET /api/me HTTP/1.1\r\nX-Slow: 1\r\n";
	for(int i = 0; i < TRIED; i++) {
		s[i] = raw_connect(fx, "127.0.0.1");
		assert_true(s[i] >= 0);
		send(s[i], part, strlen(part), MSG_NOSIGNAL);
	}
	sleep_ms(500);
	int closed = 0;
	for(int i = 0; i < TRIED; i++)
		closed += closed_within(s[i], 0);
	if(closed != TRIED - PER_ADDRESS)
		fail_msg("%d of %d connections from one address closed at once; expected %d", closed, TRIED,
		         TRIED - PER_ADDRESS);
	/* Another address is not held back by them. */
	double worst = 0;
	for(int i = 0; i < 10; i++) {
		double t;
		assert_status(other_client_get(&t), 200);
		worst = t > worst ? t : worst;
	}
	if(worst > 0.5)
		fail_msg("another client's request took %.3f s", worst);
	for(int i = 0; i < TRIED; i++)
		close(s[i]);
	/* Once they are gone, the address may connect again. */
	sleep_ms(300);
	resp r;
	assert_status(get(ROLE_REGISTRAR, "/api/me", &r), 200);
	resp_free(&r);
}

/* A header byte every second keeps libmicrohttpd's idle timeout (60 s)
 * from ever running out; the head's own deadline closes it all the same. */
static void a_trickled_head_is_cut_at_its_deadline(void **state)
{
	(void)state;
	int s = raw_connect(fx, "127.0.0.1");
	assert_true(s >= 0);
	double t0 = now_s();
	const char *start = "GET /api/me HTTP/1.1\r\nX-Slow: ";
	send(s, start, strlen(start), MSG_NOSIGNAL);
	double cut = 0;
	for(int i = 0; i < 10 && !cut; i++) {
		if(closed_within(s, 1000) || send(s, "a", 1, MSG_NOSIGNAL) < 0)
			cut = now_s() - t0;
	}
	close(s);
	if(!cut)
		fail_msg("a connection trickling its headers was still open after 10 s");
	if(cut < HEAD_TIMEOUT - 0.5 || cut > HEAD_TIMEOUT + 2.0)
		fail_msg("cut after %.2f s; the deadline is %d s", cut, HEAD_TIMEOUT);
	/* A head sent at once is answered, and the connection kept alive is
	 * closed when no next request has come by the deadline. */
	s = raw_connect(fx, "127.0.0.1");
	char req[512], got[4096];
	snprintf(req, sizeof(req), "GET /api/me HTTP/1.1\r\nHost: 127.0.0.1:%u\r\n"
	         "Authorization: Bearer %s\r\n\r\n", fx->port, fx_token(fx, ROLE_AUDITOR));
	t0 = now_s();
	assert_int_equal(send(s, req, strlen(req), MSG_NOSIGNAL), (ssize_t)strlen(req));
	ssize_t n = recv(s, got, sizeof(got) - 1, 0);
	assert_true(n > 12);
	got[n] = '\0';
	assert_true(!strncmp(got, "HTTP/1.1 200 ", 13));
	assert_false(closed_within(s, (HEAD_TIMEOUT - 1) * 1000));
	assert_true(closed_within(s, 3000));
	close(s);
}

/* The Host is checked before anything else, sign-in included. */
static void only_our_host_names_are_answered(void **state)
{
	(void)state;
	char good[6][64], bad[5][64];
	unsigned port = fx->port;
	snprintf(good[0], 64, "127.0.0.1:%u", port);
	snprintf(good[1], 64, "LocalHost:%u", port);
	snprintf(good[2], 64, "[::1]:%u", port);
	snprintf(good[3], 64, "127.0.0.1");
	snprintf(good[4], 64, "parley.office.example:%u", port);
	snprintf(good[5], 64, "alt.example:9999");
	snprintf(bad[0], 64, "evil.example:%u", port);
	snprintf(bad[1], 64, "localhost:%u", port + 1);
	snprintf(bad[2], 64, "alt.example:%u", port);
	snprintf(bad[3], 64, "localhost.evil.example:%u", port);
	snprintf(bad[4], 64, "127.0.0.1:%u@evil.example", port);
	char req[768];
	resp r;
	for(int i = 0; i < 6; i++) {
		snprintf(req, sizeof(req), "GET /api/me HTTP/1.1\r\nHost: %s\r\nAuthorization: Bearer %s\r\n"
		         "Connection: close\r\n\r\n", good[i], fx_token(fx, ROLE_AUDITOR));
		if(raw_call(fx, NULL, req, &r) != 200)
			fail_msg("Host %s: %ld %s", good[i], r.status, buf_str(&r.body));
		resp_free(&r);
	}
	const char *const paths[] = {"/api/me", "/api/persons", "/", "/api/login"};
	for(int i = 0; i < 5; i++)
		for(size_t p = 0; p < sizeof(paths) / sizeof(paths[0]); p++) {
			/* a valid token, a wrong one, none: 421 every time, before sign-in */
			const char *authz = p == 0 ? fx_token(fx, ROLE_ADMIN) : p == 1 ? "pt_wrong" : NULL;
			snprintf(req, sizeof(req), "GET %s HTTP/1.1\r\nHost: %s\r\n%s%s%sConnection: close\r\n\r\n",
			         paths[p], bad[i], authz ? "Authorization: Bearer " : "", authz ? authz : "",
			         authz ? "\r\n" : "");
			if(raw_call(fx, NULL, req, &r) != 421 || strcmp(resp_code(&r), "misdirected"))
				fail_msg("Host %s, %s: %ld %s", bad[i], paths[p], r.status, buf_str(&r.body));
			assert_string_equal(str_at(json_object_get(r.json, "error"), "message_code"),
			                    "http.host_refused");
			resp_free(&r);
		}
	/* HTTP/1.0 may leave the Host out; it is refused all the same. */
	assert_status(raw_call(fx, NULL, "GET /api/messages?lang=en HTTP/1.0\r\n\r\n", &r), 400);
	assert_string_equal(str_at(json_object_get(r.json, "error"), "message_code"), "http.host_missing");
	resp_free(&r);
}

/* Two Content-Lengths, or one with Transfer-Encoding: where the body ends
 * is in doubt (request smuggling through a proxy), so nothing is done. */
static void ambiguous_framing_is_refused(void **state)
{
	(void)state;
	static const char *const framings[][2] = {
		{"Content-Length: 23\r\nContent-Length: 40\r\n", "http.length_repeated"},
		{"Content-Length: 23\r\nContent-Length: 23\r\n", "http.length_repeated"},
		{"Content-Length: 23\r\nTransfer-Encoding: chunked\r\n", "http.length_and_encoding"},
		{"Transfer-Encoding: chunked\r\nContent-Length: 23\r\n", "http.length_and_encoding"},
		{"Transfer-Encoding: chunked\r\nTransfer-Encoding: chunked\r\n", "http.encoding_repeated"},
	};
	const char *body = "{\"surname\":\"Smuggled\"}";
	assert_int_equal(strlen(body), 22);
	for(size_t i = 0; i < sizeof(framings) / sizeof(framings[0]); i++) {
		char req[1024];
		bool chunked = strstr(framings[i][0], "chunked") != NULL;
		snprintf(req, sizeof(req), "POST /api/persons HTTP/1.1\r\nHost: 127.0.0.1:%u\r\n"
		         "Authorization: Bearer %s\r\nContent-Type: application/json\r\n%s\r\n%s%s%s",
		         fx->port, fx_token(fx, ROLE_REGISTRAR), framings[i][0], chunked ? "16\r\n" : "",
		         body, chunked ? "\r\n0\r\n\r\n" : "\n");
		resp r;
		if(raw_call(fx, NULL, req, &r) != 400)
			fail_msg("%s: %ld %s", framings[i][0], r.status, buf_str(&r.body));
		assert_string_equal(resp_code(&r), "bad_request");
		assert_string_equal(str_at(json_object_get(r.json, "error"), "message_code"), framings[i][1]);
		resp_free(&r);
	}
	/* Nobody was made by any of them; one plain Content-Length still works. */
	resp r;
	assert_status(get(ROLE_REGISTRAR, "/api/persons?q=Smuggled", &r), 200);
	assert_int_equal(int_at(r.json, "total"), 0);
	resp_free(&r);
	char req[1024];
	snprintf(req, sizeof(req), "POST /api/persons HTTP/1.1\r\nHost: 127.0.0.1:%u\r\n"
	         "Authorization: Bearer %s\r\nContent-Type: application/json\r\nContent-Length: 22\r\n"
	         "Connection: close\r\n\r\n%s", fx->port, fx_token(fx, ROLE_REGISTRAR), body);
	assert_status(raw_call(fx, NULL, req, &r), 201);
	resp_free(&r);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(connections_per_address_are_limited),
		cmocka_unit_test(a_trickled_head_is_cut_at_its_deadline),
		cmocka_unit_test(only_our_host_names_are_answered),
		cmocka_unit_test(ambiguous_framing_is_refused),
	};
	return cmocka_run_group_tests(tests, setup, fx_teardown);
}
