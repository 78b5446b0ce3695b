/* The store handle of each worker thread. libmicrohttpd runs a request on
 * whichever thread of its pool took the connection; each thread gets its
 * own SQLite connection on its first request and keeps it until the server
 * stops (WAL lets them read side by side). */
#include "http/internal.h"

enum { SERVER_CACHE_KIB = 16 * 1024 };

void thread_stores_init(thread_stores *ts)
{
	pthread_mutex_init(&ts->mu, NULL);
	ts->n = 0;
}

store *thread_store(thread_stores *ts, const http_config *cfg, pl_err *err)
{
	pthread_t self = pthread_self();
	store *st = NULL;
	pthread_mutex_lock(&ts->mu);
	for(int i = 0; i < ts->n && !st; i++)
		if(pthread_equal(ts->conns[i].tid, self))
			st = ts->conns[i].st;
	pthread_mutex_unlock(&ts->mu);
	if(st)
		return st;
	/* The first request on this thread: its own connection, kept, with a
	 * smaller page cache than a command's (the OS caches the file too). */
	if(store_open(&st, cfg->db_path, "server", 0, err))
		return NULL;
	store_write_wait(st, (int)cfg->write_wait);
	if(store_cache_limit(st, SERVER_CACHE_KIB, err)) {
		store_close(st);
		return NULL;
	}
	pthread_mutex_lock(&ts->mu);
	if(ts->n < (int)(sizeof(ts->conns) / sizeof(ts->conns[0]))) {
		ts->conns[ts->n].tid = self;
		ts->conns[ts->n].st = st;
		ts->n++;
		pthread_mutex_unlock(&ts->mu);
		return st;
	}
	pthread_mutex_unlock(&ts->mu);
	store_close(st);
	pl_failc(err, PL_ELIMIT, "http.threads", NULL);
	return NULL;
}

void thread_stores_close(thread_stores *ts)
{
	for(int i = 0; i < ts->n; i++)
		store_close(ts->conns[i].st);
	ts->n = 0;
	pthread_mutex_destroy(&ts->mu);
}
