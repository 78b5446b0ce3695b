/* Sampling advice for many missing persons at once (advice.h): the jobs
 * shared among threads, each taking the next one not taken. */
#include <pthread.h>
#include <stdatomic.h>

#include "dna/advice.h"

typedef struct jobs_shared {
	const dna_kit *k;
	dna_advice_job *jobs;
	size_t n;
	const dna_advice_opts *o;
	atomic_size_t next;
} jobs_shared;

static void *jobs_work(void *arg)
{
	jobs_shared *sh = arg;
	for(size_t i; (i = atomic_fetch_add(&sh->next, 1)) < sh->n;) {
		dna_advice_job *j = &sh->jobs[i];
		dna_advice_opts o = *sh->o;
		o.members = j->pedigree;
		j->rc = dna_advise(sh->k, j->kin, j->which, &o, &j->out, &j->err);
	}
	return NULL;
}

void dna_advise_jobs(const dna_kit *k, dna_advice_job *jobs, size_t n, const dna_advice_opts *o,
                     int threads)
{
	enum { MOST = 64 };
	jobs_shared sh = {k, jobs, n, o, 0};
	int nt = threads > 0 ? threads : DNA_ADVICE_THREADS;
	nt = nt > MOST ? MOST : (size_t)nt > n ? (int)(n ? n : 1) : nt;
	pthread_t t[MOST];
	int started = 0;
	/* this thread works too: nt - 1 more */
	while(started < nt - 1 && !pthread_create(&t[started], NULL, jobs_work, &sh))
		started++;
	jobs_work(&sh);
	for(int i = 0; i < started; i++)
		pthread_join(t[i], NULL);
}
