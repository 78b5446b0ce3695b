#ifndef PL_PARALLEL_H
#define PL_PARALLEL_H

#include <stddef.h>

/* At most this many jobs run at once. */
enum { PL_PARALLEL_MAX = 16 };

/* Run fn on each of n jobs (`size` bytes apart in jobs): job 0 on this
 * thread, the others on threads of their own, or here, one after another,
 * if a thread cannot start. Returns when all are done. n is at most
 * PL_PARALLEL_MAX. */
void pl_parallel(void *(*fn)(void *), void *jobs, size_t size, int n);

#endif
