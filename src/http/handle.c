/* The server's database connections: a pool of at most cfg->threads,
 * each opened on first need and kept until the server stops (WAL lets
 * them read side by side).
 *
 * A connection to a client is a thread of its own (server.c), so that one
 * client's long request (an import, a reconciliation) or its wait for the
 * access log's commit holds up nobody else's, as it did when a worker of a
 * pool served all the clients it had accepted, one request at a time. A
 * request holds a database connection only while it works: from its
 * headers to its refusal or acceptance (http_refuse_early), then while
 * its handler runs; never while its body comes in, however slowly. */
#include <errno.h>
#include <semaphore.h>
#include <time.h>

#include "http/internal.h"

enum { SERVER_CACHE_KIB = 16 * 1024 };

void store_pool_init(store_pool *p, int most)
{
	pthread_mutex_init(&p->mu, NULL);
	p->first = p->last = NULL;
	p->nidle = p->made = 0;
	p->most = most < 1 ? 1 : most > STORE_POOL_MAX ? STORE_POOL_MAX : most;
}

static store *store_make(const http_config *cfg, pl_err *err)
{
	/* With a smaller page cache than a command's (the OS caches the file
	 * too). */
	store *st;
	if(store_open(&st, cfg->db_path, "server", 0, err))
		return NULL;
	store_write_wait(st, (int)cfg->write_wait);
	if(store_cache_limit(st, SERVER_CACHE_KIB, err)) {
		store_close(st);
		return NULL;
	}
	return st;
}

/* A request waiting for a connection: on its stack, served in turn. A
 * connection given back goes straight to the first (a condition variable
 * would let a thread that just gave one back take it again, and the tail
 * of the latencies grew to seconds). */
struct pool_waiter {
	sem_t sem;
	store *st;
	struct pool_waiter *next;
};

/* Waits in turn while every connection is at work, up to STORE_POOL_WAIT
 * seconds (then "busy": the client tries again). */
store *store_pool_take(store_pool *p, const http_config *cfg, pl_err *err)
{
	pthread_mutex_lock(&p->mu);
	if(p->nidle && !p->first) {
		store *st = p->idle[--p->nidle];
		pthread_mutex_unlock(&p->mu);
		return st;
	}
	if(p->made < p->most) {
		p->made++;
		pthread_mutex_unlock(&p->mu);
		store *st = store_make(cfg, err);
		if(!st) {
			pthread_mutex_lock(&p->mu);
			p->made--;
			pthread_mutex_unlock(&p->mu);
		}
		return st;
	}
	pool_waiter w = {.st = NULL};
	sem_init(&w.sem, 0, 0);
	*(p->first ? &p->last->next : &p->first) = &w;
	p->last = &w;
	pthread_mutex_unlock(&p->mu);
	struct timespec until;
	clock_gettime(CLOCK_REALTIME, &until);
	until.tv_sec += STORE_POOL_WAIT;
	while(sem_timedwait(&w.sem, &until) && errno == EINTR)
		;
	pthread_mutex_lock(&p->mu);
	if(!w.st) { /* out of time: out of the queue */
		pool_waiter **at = &p->first, *prev = NULL;
		while(*at != &w) {
			prev = *at;
			at = &(*at)->next;
		}
		*at = w.next;
		if(p->last == &w)
			p->last = prev;
	}
	pthread_mutex_unlock(&p->mu);
	sem_destroy(&w.sem);
	if(!w.st)
		pl_failc(err, PL_EDB, "http.db_busy", "waited", PL_N(STORE_POOL_WAIT), "retry", "1", NULL);
	return w.st;
}

void store_pool_give(store_pool *p, store *st)
{
	if(!st)
		return;
	pthread_mutex_lock(&p->mu);
	pool_waiter *w = p->first;
	if(w) {
		p->first = w->next;
		if(!p->first)
			p->last = NULL;
		w->st = st;
		sem_post(&w->sem);
	} else {
		p->idle[p->nidle++] = st;
	}
	pthread_mutex_unlock(&p->mu);
}

/* After the daemon stopped: every connection is idle again. */
void store_pool_close(store_pool *p)
{
	for(int i = 0; i < p->nidle; i++)
		store_close(p->idle[i]);
	p->nidle = p->made = 0;
	pthread_mutex_destroy(&p->mu);
}
