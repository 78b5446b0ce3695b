/* The family liaison's tasks over the API (docs/families.md, "The watch"),
 * and the server's watcher: a thread of its own, with its own store, that
 * runs the watch (family_watch_run) every WATCH_SECONDS; a run with
 * nothing new since the mark reads two rows and takes no lock. Every task
 * shown is a read of its person's record, in the access log. Tasks name
 * families' news: only those who see the inquirers' contacts (the family
 * liaison, admin) read them; only the liaison changes them. */
#include <errno.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/msg.h"
#include "family/family.h"
#include "http/internal.h"

enum { WATCH_SECONDS = 2 };

typedef struct watcher {
	store *st;
	FILE *log;
	pthread_t thread;
	pthread_mutex_t mu;
	pthread_cond_t wake;
	bool stop;
} watcher;

static void watch_once(watcher *w)
{
	watch_report r;
	pl_err err = {0};
	if(family_watch_run(w->st, &r, &err) && w->log) {
		char ts[TIMESTAMP_STR_MAX];
		date_now_iso(ts);
		msg_wrap(&err, "http.watch_failed", NULL);
		fprintf(w->log, "%s %s\n", ts, err.msg);
		fflush(w->log);
	}
}

static void *watch_run(void *arg)
{
	watcher *w = arg;
	pthread_mutex_lock(&w->mu);
	while(!w->stop) {
		pthread_mutex_unlock(&w->mu);
		watch_once(w);
		pthread_mutex_lock(&w->mu);
		struct timespec until;
		clock_gettime(CLOCK_REALTIME, &until);
		until.tv_sec += WATCH_SECONDS;
		while(!w->stop && pthread_cond_timedwait(&w->wake, &w->mu, &until) != ETIMEDOUT)
			;
	}
	pthread_mutex_unlock(&w->mu);
	return NULL;
}

pl_rc watcher_start(const http_server *s, void **state, pl_err *err)
{
	watcher *w = calloc(1, sizeof(*w));
	if(!w)
		return pl_nomem(err);
	pl_rc rc = store_open(&w->st, s->cfg.db_path, "watch", 0, err);
	if(rc) {
		free(w);
		return rc;
	}
	store_write_wait(w->st, (int)s->cfg.write_wait);
	w->log = s->cfg.log;
	pthread_mutex_init(&w->mu, NULL);
	pthread_cond_init(&w->wake, NULL);
	if(pthread_create(&w->thread, NULL, watch_run, w)) {
		store_close(w->st);
		free(w);
		return pl_failc(err, PL_EIO, "http.watch_thread", NULL);
	}
	*state = w;
	return PL_OK;
}

void watcher_stop(void *state)
{
	watcher *w = state;
	if(!w)
		return;
	pthread_mutex_lock(&w->mu);
	w->stop = true;
	pthread_cond_signal(&w->wake);
	pthread_mutex_unlock(&w->mu);
	pthread_join(w->thread, NULL);
	store_close(w->st);
	pthread_mutex_destroy(&w->mu);
	pthread_cond_destroy(&w->wake);
	free(w);
}

/* ---- reading -------------------------------------------------------------------------- */

static bool log_tasks(http_req *q, const family_task *t, size_t n, const char *action)
{
	for(size_t i = 0; i < n; i++) {
		char detail[300];
		snprintf(detail, sizeof(detail), "task %s", t[i].uid);
		const char *uid = t[i].who.uid;
		if(!http_log_reads(q, &uid, 1, action, detail))
			return false;
	}
	return true;
}

void api_tasks_list(http_req *q)
{
	task_query tq = TASK_QUERY_INIT;
	long limit = 50, offset = 0;
	if(!http_query_long(q, "limit", 1, 200, &limit) || !http_query_long(q, "offset", 0, 100000000, &offset))
		return;
	tq.limit = (size_t)limit;
	tq.offset = (size_t)offset;
	tq.status = http_query(q, "status");
	tq.person = http_query(q, "person");
	tq.assignee = http_query(q, "assignee");
	task_page pg;
	pl_err err = {0};
	pl_rc rc = family_task_list(q->st, &tq, &q->a, &pg, &err);
	if(rc == PL_EUSAGE)
		http_refuse(q, MHD_HTTP_BAD_REQUEST, "bad_input", "status", &err);
	else if(rc)
		http_fail(q, &err);
	else if(log_tasks(q, pg.rows, pg.n, "list"))
		http_json(q, MHD_HTTP_OK, family_task_page_json(&pg, &tq));
}

static void send_task(http_req *q, unsigned status)
{
	family_task t;
	pl_err err = {0};
	if(family_task_get(q->st, q->param[0], &q->a, &t, &err))
		http_fail_field(q, &err, "id");
	else if(log_tasks(q, &t, 1, "show"))
		http_json(q, status, family_task_json(&t));
}

void api_task_get(http_req *q)
{
	send_task(q, MHD_HTTP_OK);
}

/* ---- changes ---------------------------------------------------------------------------- */

static bool has(const pl_err *err, const char *part)
{
	return err->code && strstr(err->code, part);
}

void api_task_assign(http_req *q)
{
	static const char *const keys[] = {"user", NULL};
	const char *to = NULL;
	json_t *b = http_body(q, keys);
	pl_err err = {0};
	if(b && http_opt_string(q, b, "user", &to)) {
		if(family_task_assign(q->st, q->param[0], to, &err))
			http_fail_field(q, &err, "user");
		else
			send_task(q, MHD_HTTP_OK);
	}
	json_decref(b);
}

void api_task_done(http_req *q)
{
	static const char *const keys[] = {"how", "date", "note", NULL};
	const char *how = NULL, *date = NULL, *note = NULL;
	json_t *b = http_body(q, keys);
	pl_err err = {0};
	if(b && http_opt_string(q, b, "how", &how) && http_opt_string(q, b, "date", &date) &&
	   http_opt_string(q, b, "note", &note)) {
		if(family_task_done(q->st, q->param[0], how, date, note, &err))
			http_fail_field(q, &err, has(&err, "told_how") ? "how" : has(&err, "told_on") ? "date" : "note");
		else
			send_task(q, MHD_HTTP_OK);
	}
	json_decref(b);
}

void api_task_dismiss(http_req *q)
{
	static const char *const keys[] = {"reason", NULL};
	const char *reason = NULL;
	json_t *b = http_body(q, keys);
	pl_err err = {0};
	if(b && http_opt_string(q, b, "reason", &reason)) {
		if(family_task_dismiss(q->st, q->param[0], reason, &err))
			http_fail_field(q, &err, "reason");
		else
			send_task(q, MHD_HTTP_OK);
	}
	json_decref(b);
}

void api_tasks_watch(http_req *q)
{
	watch_report r;
	pl_err err = {0};
	if(family_watch_run(q->st, &r, &err))
		http_fail(q, &err);
	else
		http_json(q, MHD_HTTP_OK, watch_report_json(&r));
}
