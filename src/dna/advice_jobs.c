/* Sampling advice for many missing persons at once (advice.h): the jobs
 * shared among threads, each taking the next one not taken. */
#include <stdatomic.h>

#include "core/parallel.h"
#include "dna/advice.h"

typedef struct jobs_shared {
	const dna_kit *k;
	dna_advice_job *jobs;
	size_t n;
	const dna_advice_opts *o;
	atomic_size_t next;
} jobs_shared;

/* One of pl_parallel's jobs: a pointer to what they all share. */
static void *jobs_work(void *arg)
{
	jobs_shared *sh = *(jobs_shared **)arg;
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
	jobs_shared sh = {k, jobs, n, o, 0};
	jobs_shared *each[PL_PARALLEL_MAX];
	int nt = threads > 0 ? threads : DNA_ADVICE_THREADS;
	nt = nt > PL_PARALLEL_MAX ? PL_PARALLEL_MAX : (size_t)nt > n ? (int)(n ? n : 1) : nt;
	for(int t = 0; t < nt; t++)
		each[t] = &sh;
	pl_parallel(jobs_work, each, sizeof(each[0]), nt);
}
