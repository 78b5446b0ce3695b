/* Writers in turn over the API: while another writer (an import, say)
 * holds the database longer than SQLite's old 10 s busy wait, API writes
 * from several clients wait their turn and all succeed; a server whose
 * writers may wait 1 s only refuses with 503, a coded message and
 * Retry-After. */
#include "harness.h"

#include <time.h>

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

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(api_writes_wait_for_a_long_writer),
		cmocka_unit_test(a_wait_too_long_is_503_with_retry_after),
		cmocka_unit_test(reads_do_not_wait_for_a_writer),
	};
	return cmocka_run_group_tests(tests, fx_setup, fx_teardown);
}
