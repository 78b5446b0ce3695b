#include "core/parallel.h"

#include <pthread.h>

void pl_parallel(void *(*fn)(void *), void *jobs, size_t size, int n)
{
	pthread_t th[PL_PARALLEL_MAX];
	int started = 0;
	if(n > PL_PARALLEL_MAX)
		n = PL_PARALLEL_MAX;
	for(int t = 1; t < n && !pthread_create(&th[t], NULL, fn, (char *)jobs + (size_t)t * size); t++)
		started = t;
	for(int t = started + 1; t < n; t++)
		fn((char *)jobs + (size_t)t * size);
	fn(jobs);
	for(int t = 1; t <= started; t++)
		pthread_join(th[t], NULL);
}
