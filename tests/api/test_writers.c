/* Writers in turn over the API: while another writer (an import, say)
 * holds the database longer than SQLite's old 10 s busy wait, API writes
 * from several clients wait their turn and all succeed; a server whose
 * writers may wait 1 s only refuses with 503, a coded message and
 * Retry-After. */
#include "harness.h"

#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include "tu_holder.h"

#include "store/store.h"



typedef struct client {
	int i;
	long status;
	char body[256];
} client;

static void *add_person(void *arg)
{
	client *c = arg;
	char body[96];
	snprintf(body, sizeof(body), "{\"surname\":\"Черга\",\"given_names\":\"Writer %d\"}", c->i);
	resp r;
	c->status = post_json(ROLE_REGISTRAR, "/api/persons", body, &r);
	snprintf(c->body, sizeof(c->body), "%s", buf_str(&r.body));
	resp_free(&r);
	return NULL;
}

static void api_writes_wait_for_a_long_writer(void **state)
{
	(void)state;
	tu_holder h = {.db = fx->db, .hold_ms = 11500};
	tu_holder_start(&h);
	enum { N = 4 };
	pthread_t t[N];
	client c[N];
	for(int i = 0; i < N; i++) {
		c[i] = (client){.i = i};
		assert_int_equal(pthread_create(&t[i], NULL, add_person, &c[i]), 0);
		tu_sleep_ms(100);
	}
	int failed = 0;
	for(int i = 0; i < N; i++) {
		pthread_join(t[i], NULL);
		if(c[i].status != 201) {
			print_message("client %d: %ld %s\n", i, c[i].status, c[i].body);
			failed++;
		}
	}
	tu_holder_join(&h);
	assert_int_equal(failed, 0);
	/* All four are there. */
	resp r;
	assert_status(get(ROLE_REGISTRAR, "/api/persons?q=%D0%A7%D0%B5%D1%80%D0%B3%D0%B0", &r), 200);
	assert_int_equal(int_at(r.json, "total"), N);
	resp_free(&r);
}

static void a_wait_too_long_is_503_with_retry_after(void **state)
{
	(void)state;
	fx_stop(fx);
	fx = fx_start(&(http_config){.write_wait = 1});
	assert_non_null(fx);
	tu_holder h = {.db = fx->db, .hold_ms = 3000};
	tu_holder_start(&h);
	resp r;
	assert_status(post_json(ROLE_REGISTRAR, "/api/persons", "{\"surname\":\"Пізно\"}", &r), 503);
	char ra[32];
	if(!resp_header(&r, "Retry-After", ra, sizeof(ra)))
		fail_msg("a 503 without Retry-After: %s", buf_str(&r.body));
	assert_true(atoi(ra) >= 1);
	json_t *e = json_object_get(r.json, "error");
	assert_string_equal(str_at(e, "code"), "busy");
	assert_string_equal(str_at(e, "message_code"), "store.writers_busy");
	assert_non_null(str_at(json_object_get(e, "args"), "retry"));
	resp_free(&r);
	tu_holder_join(&h);
	/* Its turn comes once the other is done. */
	assert_status(post_json(ROLE_REGISTRAR, "/api/persons", "{\"surname\":\"Пізно\"}", &r), 201);
	resp_free(&r);
}

static double now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

/* A request does not wait behind a long writer for the note of its
 * token's last use: that note is skipped while another writes. A fresh
 * server's tokens are unused, so their first use would be noted. (A read
 * of persons does wait: it is in the access log before it is answered.) */
static void reads_do_not_wait_for_a_writer(void **state)
{
	(void)state;
	fx_stop(fx);
	fx = fx_start(&(http_config){0});
	assert_non_null(fx);
	tu_holder h = {.db = fx->db, .hold_ms = 6000};
	tu_holder_start(&h);
	resp r;
	double t0 = now_ms();
	assert_status(get(ROLE_REGISTRAR, "/api/me", &r), 200);
	double took = now_ms() - t0;
	resp_free(&r);
	tu_holder_join(&h);
	if(took > 3000)
		fail_msg("a request waited %.0f ms behind a writer", took);
}

/* Send a request on an open connection and read its answer's status (-1:
 * none within the socket's 5 s). */
static long status_on(int s, const char *req)
{
	if(send(s, req, strlen(req), MSG_NOSIGNAL) != (ssize_t)strlen(req))
		return -1;
	char in[8192];
	size_t n = 0;
	ssize_t got;
	while(n < sizeof(in) - 1 && (got = recv(s, in + n, sizeof(in) - 1 - n, 0)) > 0) {
		n += (size_t)got;
		in[n] = '\0';
		const char *end = strstr(in, "\r\n\r\n"), *cl = strstr(in, "Content-Length:");
		if(end && cl && n >= (size_t)(end + 4 - in) + strtoul(cl + 15, NULL, 10))
			return strtol(in + 9, NULL, 10);
	}
	return -1;
}

/* One client's request that waits (a write behind another writer, as
 * behind a long import) holds up no other connection's. Six connections
 * opened together, as a browser opens them: each is a thread of its own.
 * When a pool of workers each served the connections it had accepted,
 * several landed on one worker, and their reads waited for the write. */
static void a_waiting_request_holds_up_no_other_connection(void **state)
{
	(void)state;
	enum { N = 6 };
	int s[N];
	for(int i = 0; i < N; i++)
		assert_true((s[i] = raw_connect(fx, NULL)) >= 0);
	tu_holder h = {.db = fx->db, .hold_ms = 6000};
	tu_holder_start(&h);
	char req[1024];
	const char *body = "{\"surname\":\"Чекає\"}";
	snprintf(req, sizeof(req), "POST /api/persons HTTP/1.1\r\nHost: 127.0.0.1:%u\r\nAuthorization: Bearer %s\r\n"
	         "Content-Type: application/json\r\nContent-Length: %zu\r\n\r\n%s",
	         fx->port, fx_token(fx, ROLE_REGISTRAR), strlen(body), body);
	assert_int_equal(send(s[0], req, strlen(req), MSG_NOSIGNAL), (ssize_t)strlen(req));
	tu_sleep_ms(300);
	snprintf(req, sizeof(req), "GET /api/me HTTP/1.1\r\nHost: 127.0.0.1:%u\r\nAuthorization: Bearer %s\r\n\r\n",
	         fx->port, fx_token(fx, ROLE_AUDITOR));
	double t0 = now_ms();
	for(int i = 1; i < N; i++)
		if(status_on(s[i], req) != 200)
			fail_msg("connection %d: no answer while another waited to write", i);
	double took = now_ms() - t0;
	tu_holder_join(&h);
	/* Held up, they would have waited the hold's 6 s with the write. */
	if(took > 3000)
		fail_msg("the other connections' reads took %.0f ms behind a write", took);
	struct timeval tv = {30, 0};
	setsockopt(s[0], SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv));
	char in[4096];
	ssize_t got = recv(s[0], in, sizeof(in) - 1, 0);
	assert_true(got > 12);
	in[got] = '\0';
	assert_int_equal(strtol(in + 9, NULL, 10), 201);
	for(int i = 0; i < N; i++)
		close(s[i]);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(api_writes_wait_for_a_long_writer),
		cmocka_unit_test(a_wait_too_long_is_503_with_retry_after),
		cmocka_unit_test(reads_do_not_wait_for_a_writer),
		cmocka_unit_test(a_waiting_request_holds_up_no_other_connection),
	};
	return cmocka_run_group_tests(tests, fx_setup, fx_teardown);
}
