/* A writer that holds a database's write lock for a while, as a long
 * import does, on a thread of its own: for the tests of writers in turn
 * (unit/store/test_writers.c, api/test_writers.c). */
#ifndef PARLEY_TESTS_TU_HOLDER_H
#define PARLEY_TESTS_TU_HOLDER_H

#include <pthread.h>
#include <time.h>

#include "store/store.h"

static inline void tu_sleep_ms(long ms)
{
	struct timespec ts = {ms / 1000, (ms % 1000) * 1000000};
	nanosleep(&ts, NULL);
}

typedef struct tu_holder {
	const char *db;
	long hold_ms;
	pl_rc rc;
	volatile int holding;  /* 1 once it holds; -1 if it could not */
	pthread_t thread;
} tu_holder;

static inline void *tu_hold(void *arg)
{
	tu_holder *h = arg;
	store *st;
	pl_err err = {0};
	if((h->rc = store_open(&st, h->db, "cli:import", 0, &err))) {
		h->holding = -1;
		return NULL;
	}
	h->rc = store_begin(st, &err);
	if(!h->rc)
		h->rc = store_meta_set(st, "order", "", &err);
	h->holding = h->rc ? -1 : 1;
	tu_sleep_ms(h->hold_ms);
	h->rc = store_end(st, h->rc, &err);
	store_close(st);
	return NULL;
}

/* Start holding; returns once it holds. */
static inline void tu_holder_start(tu_holder *h)
{
	assert_int_equal(pthread_create(&h->thread, NULL, tu_hold, h), 0);
	while(!h->holding)
		tu_sleep_ms(5);
	assert_int_equal(h->holding, 1);
}

/* Wait for it to commit; it must have. */
static inline void tu_holder_join(tu_holder *h)
{
	pthread_join(h->thread, NULL);
	assert_int_equal(h->rc, PL_OK);
}

#endif
