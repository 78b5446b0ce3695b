/* The access log: every read of a person is recorded before it is shown
 * (http_log_reads). The writer is the state of the access logging: the
 * server starts and stops it with the handlers' (GROUP_ACCESS_LOG).
 *
 * It commits in groups. A read of a person is answered only after the
 * access log holds it, on disk. One fsync per read would cap the server at
 * a few thousand reads a second; instead requests queue their entries and
 * wait, and the writer's thread commits everything queued in one
 * transaction, then wakes them. Under load the batches grow, and the cost
 * per read shrinks.
 *
 * Its commits append to the log only; the log's index by person is brought
 * up to date apart, between commits (audit_access_index): every
 * INDEX_BATCH entries, and after a second with nothing to write. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "audit/audit.h"
#include "core/msg.h"
#include "http/internal.h"

/* A request waiting for its entries: on its stack, told by the writer.
 * Each has its own semaphore: a commit wakes the requests it holds, not
 * every request waiting (those that came during it would only go back to
 * sleep, queueing on the lock first). */
typedef struct waiter {
	sem_t sem;
	pl_rc rc;
	pl_err err;
} waiter;

/* The request's own strings, not copies: it waits until they are written.
 * A request's entries are one array of its own, freed by it. */
typedef struct entry {
	const char *actor, *uid, *action, *detail;
	waiter *w;
	struct entry *next;
} entry;

typedef struct access_writer {
	store *st;
	pthread_t thread;
	pthread_mutex_t mu;
	pthread_cond_t work;
	entry *head, **tail;
	bool stop;
	int64_t unindexed;      /* entries written since the last indexing (the
	                         * writer's own; at start, 1: whatever is left) */
	FILE *log;              /* the server's request log, for its failures */
} access_writer;

/* A batch this large goes into one or two buckets of the index (16,384
 * entries each): its pages are written once for thousands of entries. */
enum { INDEX_BATCH = 8192 };

static pl_rc commit_batch(access_writer *w, entry *batch, pl_err *err)
{
	pl_rc rc = store_begin(w->st, err);
	for(entry *e = batch; e && !rc; e = e->next)
		rc = audit_access(w->st, e->actor, e->uid, e->action, e->detail, err);
	return store_end(w->st, rc, err);
}

/* With the lock released: the reads queue meanwhile. A failure leaves the
 * entries where they are, found by person all the same, and is said in
 * the request log; the indexing after the next entries takes them (not
 * each idle second: the log would fill with the same failure). */
static void index_tail(access_writer *w)
{
	pthread_mutex_unlock(&w->mu);
	pl_err err = {0};
	pl_rc rc = audit_access_index(w->st, 1, NULL, &err);
	if(rc && w->log) {
		char ts[TIMESTAMP_STR_MAX];
		date_now_iso(ts);
		msg_wrap(&err, "http.access_index", NULL);
		fprintf(w->log, "%s %s\n", ts, err.msg);
		fflush(w->log);
	}
	pthread_mutex_lock(&w->mu);
	w->unindexed = 0;
}

/* Until there is work; false after a second of none, with entries to index. */
static bool wait_work(access_writer *w)
{
	if(!w->unindexed) {
		pthread_cond_wait(&w->work, &w->mu);
		return true;
	}
	struct timespec until;
	clock_gettime(CLOCK_REALTIME, &until);
	until.tv_sec += 1;
	return pthread_cond_timedwait(&w->work, &w->mu, &until) != ETIMEDOUT;
}

static void *run(void *arg)
{
	access_writer *w = arg;
	pthread_mutex_lock(&w->mu);
	for(;;) {
		while(!w->head && !w->stop)
			if(!wait_work(w) && !w->head && !w->stop)
				index_tail(w);
		if(!w->head && w->stop)
			break;
		entry *batch = w->head;
		w->head = NULL;
		w->tail = &w->head;
		pthread_mutex_unlock(&w->mu);
		pl_err err = {0};
		pl_rc rc = commit_batch(w, batch, &err);
		/* A request's entries are together in the queue: its waiter is
		 * posted after its last, and neither is touched after (the
		 * request goes on, and frees them). */
		int64_t n = 0;
		for(entry *e = batch, *next; e; e = next, n++) {
			next = e->next;
			waiter *wt = e->w;
			wt->rc = rc;
			wt->err = err;
			if(!next || next->w != wt)
				sem_post(&wt->sem);
		}
		pthread_mutex_lock(&w->mu);
		if(!rc)
			w->unindexed += n;
		if(w->unindexed >= INDEX_BATCH)
			index_tail(w);
	}
	pthread_mutex_unlock(&w->mu);
	return NULL;
}

pl_rc access_writer_start(const http_server *s, void **state, pl_err *err)
{
	access_writer *w = calloc(1, sizeof(*w));
	if(!w)
		return pl_nomem(err);
	pl_rc rc = store_open(&w->st, s->cfg.db_path, NULL, 0, err);
	/* It only appends: the pages it needs are the last few. */
	if(!rc && (rc = store_cache_limit(w->st, 2048, err)))
		store_close(w->st);
	if(!rc)
		store_write_wait(w->st, (int)s->cfg.write_wait);
	if(rc) {
		free(w);
		return rc;
	}
	w->tail = &w->head;
	w->unindexed = 1;
	w->log = s->cfg.log;
	pthread_mutex_init(&w->mu, NULL);
	pthread_cond_init(&w->work, NULL);
	if(pthread_create(&w->thread, NULL, run, w)) {
		store_close(w->st);
		free(w);
		return pl_failc(err, PL_EIO, "http.log_writer", NULL);
	}
	*state = w;
	return PL_OK;
}

void access_writer_stop(void *state)
{
	access_writer *w = state;
	if(!w)
		return;
	pthread_mutex_lock(&w->mu);
	w->stop = true;
	pthread_cond_signal(&w->work);
	pthread_mutex_unlock(&w->mu);
	pthread_join(w->thread, NULL); /* what is queued is committed first */
	store_close(w->st);
	pthread_mutex_destroy(&w->mu);
	pthread_cond_destroy(&w->work);
	free(w);
}

/* Record the reads (uids[0..n), each with action and detail) and wait
 * until they are committed. */
static pl_rc access_record(access_writer *w, const char *actor, const char *const *uids,
                           size_t n, const char *action, const char *detail, pl_err *err)
{
	if(!n)
		return PL_OK;
	entry *es = calloc(n, sizeof(*es));
	if(!es)
		return pl_nomem(err);
	waiter wt = {.rc = PL_OK};
	for(size_t i = 0; i < n; i++)
		es[i] = (entry){actor, uids[i], action, detail, &wt, i + 1 < n ? &es[i + 1] : NULL};
	sem_init(&wt.sem, 0, 0);
	pthread_mutex_lock(&w->mu);
	if(w->stop) {
		pthread_mutex_unlock(&w->mu);
		sem_destroy(&wt.sem);
		free(es);
		return pl_failc(err, PL_EDB, "http.stopping", NULL);
	}
	*w->tail = es;
	w->tail = &es[n - 1].next;
	pthread_cond_signal(&w->work);
	pthread_mutex_unlock(&w->mu);
	while(sem_wait(&wt.sem))
		; /* EINTR: a signal came first */
	sem_destroy(&wt.sem);
	free(es);
	if(wt.rc && err)
		*err = wt.err; /* the writer's failure as it said it (with its code) */
	return wt.rc;
}

/* ---- for the handlers ------------------------------------------------ */

pl_rc http_log_reads_rc(http_req *q, const char *const *uids, size_t n, const char *action,
                        const char *detail, pl_err *err)
{
	return access_record(q->srv->state[GROUP_ACCESS_LOG], q->who.name, uids, n, action, detail, err);
}

bool http_log_reads(http_req *q, const char *const *uids, size_t n, const char *action,
                    const char *detail)
{
	pl_err err = {0};
	if(http_log_reads_rc(q, uids, n, action, detail, &err)) {
		/* A read that cannot be recorded is not answered. */
		snprintf(q->retry_after, sizeof(q->retry_after), "1");
		http_errorc(q, MHD_HTTP_SERVICE_UNAVAILABLE, "busy", NULL, "http.access_log", "detail", err.msg,
		            NULL);
		return false;
	}
	return true;
}

bool http_log_rows(http_req *q, const void *rows, size_t n, size_t size, size_t offset,
                   const char *action, const char *detail)
{
	const char **uids = arena_calloc(&q->a, n + 1, sizeof(char *));
	size_t k = 0;
	for(size_t i = 0; uids && i < n; i++) {
		const char *uid;
		memcpy(&uid, (const char *)rows + i * size + offset, sizeof(uid));
		if(uid)
			uids[k++] = uid;
	}
	if(!uids) {
		http_errorc(q, MHD_HTTP_INTERNAL_SERVER_ERROR, "internal", NULL, "http.nomem", NULL);
		return false;
	}
	return http_log_reads(q, uids, k, action, detail);
}
