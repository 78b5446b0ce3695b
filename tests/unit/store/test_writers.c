/* Writers in turn (src/store/gate.h): threads and processes writing to one
 * database while another holds it longer than SQLite's old 10 s busy wait
 * all get their turn, in the order they came; a wait longer than the
 * writer allows is refused with how long it waited and when to retry. */
#include "testutil.h"

#include <errno.h>
#include <sys/wait.h>
#include <time.h>

#include "tu_holder.h"

#include "core/msg.h"
#include "store/store.h"

static char dbpath[4096];


static int group_setup(void **state)
{
	if(tu_dir_setup(state))
		return -1;
	tu_path(dbpath, sizeof(dbpath), tu_dir, "w.db");
	store *st;
	pl_err err = {0};
	if(store_open(&st, dbpath, NULL, STORE_CREATE, &err))
		return -1;
	store_close(st);
	return 0;
}

/* One write: its index appended to meta "order", in one transaction,
 * begun at `at` (CLOCK_MONOTONIC; NULL: at once) with the database open
 * already: opening takes its own time, long under the sanitizers on a busy
 * machine, and writers meant to arrive in turn did not always, timed from
 * before their open (0,1,2,4,3,5). */
static pl_rc append_at(int i, int wait_s, const struct timespec *at, pl_err *err)
{
	store *st;
	pl_rc rc = store_open(&st, dbpath, NULL, 0, err);
	if(rc)
		return rc;
	store_write_wait(st, wait_s);
	while(at && clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, at, NULL) == EINTR)
		;
	rc = store_begin(st, err);
	char *old = NULL;
	if(!rc)
		rc = store_meta_get(st, "order", &old, err);
	char v[512];
	snprintf(v, sizeof(v), "%s%s%d", old ? old : "", old && *old ? "," : "", i);
	sqlite3_free(old);
	if(!rc)
		rc = store_end(st, store_meta_set(st, "order", v, err), err);
	store_close(st);
	return rc;
}

static pl_rc append(int i, int wait_s, pl_err *err)
{
	return append_at(i, wait_s, NULL, err);
}

/* Writer i of the first test arrives (i + 1) * ARRIVAL_MS after t0. */
#define ARRIVAL_MS 300

static struct timespec arrival(struct timespec t0, int i)
{
	long long ns = t0.tv_nsec + (long long)(i + 1) * ARRIVAL_MS * 1000000;
	return (struct timespec){t0.tv_sec + (time_t)(ns / 1000000000), (long)(ns % 1000000000)};
}

typedef struct writer {
	int i;
	struct timespec at;
	pl_rc rc;
	pl_err err;
} writer;

static void *write_one(void *arg)
{
	writer *w = arg;
	w->rc = append_at(w->i, 0, &w->at, &w->err);
	return NULL;
}

static char *order(void)
{
	store *st;
	pl_err err = {0};
	assert_ok(store_open(&st, dbpath, NULL, 0, &err), &err);
	char *v = NULL;
	assert_ok(store_meta_get(st, "order", &v, &err), &err);
	char *out = strdup(v ? v : "");
	sqlite3_free(v);
	store_close(st);
	return out;
}

/* A writer holds the database for 11.5 s; four threads and two processes
 * write meanwhile, and all of them get their turn, in the order they came.
 * (Before the queue, SQLite gave up after 10 s: "database is busy".) */
static void test_writers_wait_their_turn_longer_than_ten_seconds(void **state)
{
	(void)state;
	/* The processes are forked before this one has a database open: a
	 * child must not inherit SQLite's state of open files. They start
	 * when the holder holds, each at its time. */
	int go[2];
	assert_int_equal(pipe(go), 0);
	pid_t kid[2];
	for(int k = 0; k < 2; k++) {
		int i = 2 + 2 * k;
		kid[k] = fork();
		assert_true(kid[k] >= 0);
		if(kid[k] == 0) {
			struct timespec t0;
			close(go[1]);
			if(read(go[0], &t0, sizeof(t0)) != (ssize_t)sizeof(t0))
				_exit(2);
			struct timespec at = arrival(t0, i);
			pl_err err = {0};
			pl_rc rc = append_at(i, 0, &at, &err);
			if(rc)
				fprintf(stderr, "process %d: %s\n", i, err.msg);
			_exit(rc ? 1 : 0);
		}
	}
	close(go[0]);
	tu_holder h = {.db = dbpath, .hold_ms = 11500};
	tu_holder_start(&h);
	struct timespec t0;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	for(int k = 0; k < 2; k++) /* each child its own read: less than PIPE_BUF, whole */
		assert_int_equal(write(go[1], &t0, sizeof(t0)), (ssize_t)sizeof(t0));
	close(go[1]);
	pthread_t t[4];
	writer w[4];
	for(int i = 0; i < 6; i++) { /* arrive one after another, each at its time */
		if(i != 2 && i != 4) {
			int k = i < 2 ? i : i == 3 ? 2 : 3;
			w[k] = (writer){.i = i, .at = arrival(t0, i)};
			assert_int_equal(pthread_create(&t[k], NULL, write_one, &w[k]), 0);
		}
	}
	int failed = 0;
	for(int k = 0; k < 4; k++) {
		pthread_join(t[k], NULL);
		if(w[k].rc) {
			print_message("writer %d: %s\n", w[k].i, w[k].err.msg);
			failed++;
		}
	}
	for(int k = 0; k < 2; k++) {
		int status;
		assert_int_equal(waitpid(kid[k], &status, 0), kid[k]);
		failed += !(WIFEXITED(status) && WEXITSTATUS(status) == 0);
	}
	tu_holder_join(&h);
	assert_int_equal(failed, 0);
	char *o = order();
	assert_string_equal(o, "0,1,2,3,4,5");
	free(o);
}

/* A writer that may wait 1 s only, while another holds the database for
 * 3 s: refused, with how long it waited and when to try again; it gets
 * its turn once the other is done. */
static void test_a_wait_too_long_says_when_to_retry(void **state)
{
	(void)state;
	tu_holder h = {.db = dbpath, .hold_ms = 3000};
	tu_holder_start(&h);
	pl_err err = {0};
	assert_int_equal(append(7, 1, &err), PL_EDB);
	assert_string_equal(err.code, "store.writers_busy");
	const char *retry = NULL, *waited = NULL;
	for(int i = 0; i < err.nargs; i++) {
		if(!strcmp(err.arg[i].name, "retry"))
			retry = err.arg[i].value;
		if(!strcmp(err.arg[i].name, "waited"))
			waited = err.arg[i].value;
	}
	assert_non_null(retry);
	assert_non_null(waited);
	assert_true(atoi(retry) >= 1);
	assert_contains(err.msg, "try again in");
	tu_holder_join(&h);
	err = (pl_err){0};
	assert_ok(append(8, 1, &err), &err);
	char *o = order();
	assert_string_equal(o, "8");
	free(o);
}

/* A writer who gave up waiting does not let the next one pass the one
 * still writing: the next waits in the queue too, and is told so (it used
 * to pass the queue and meet SQLite's lock instead: "store.busy"). */
static void test_the_queue_holds_after_one_gave_up(void **state)
{
	(void)state;
	tu_holder h = {.db = dbpath, .hold_ms = 4000};
	tu_holder_start(&h);
	for(int i = 0; i < 2; i++) {
		pl_err err = {0};
		assert_int_equal(append(20 + i, 1, &err), PL_EDB);
		assert_string_equal(err.code, "store.writers_busy");
	}
	tu_holder_join(&h);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_writers_wait_their_turn_longer_than_ten_seconds),
		cmocka_unit_test(test_the_queue_holds_after_one_gave_up),
		cmocka_unit_test(test_a_wait_too_long_says_when_to_retry),
	};
	return cmocka_run_group_tests(tests, group_setup, tu_dir_teardown);
}
