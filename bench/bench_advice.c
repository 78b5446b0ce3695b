/* Sampling advice benchmark (docs/dna.md, "Sampling advice"): the advice
 * for the families of the simulator, timed.
 *
 *   bench_advice [--genotypes FILE] [--seed N] [--families N[,N...]]
 *                [--simulations N] [--threads N] [--exact] [--kinds K]
 *                [--no-mutation] [--one-by-one]
 *
 * The simulator (tools/demo/dna_sim.h) makes the largest number of
 * --families (default 50,1000) of the default mix (or --kinds, as
 * `parley dna simulate --kinds`; pedigree kinds give families entered as
 * pedigrees, each of their missing persons advised) from the NIST 1,036
 * genotypes (the pedigree kinds: each untyped individual of the pedigree
 * weighed too); the advice (advice.h) is computed for the first N of them at
 * each N, with the model `parley dna advice` uses by default (theta 0,
 * drop-out 0.1, stepwise mutation, threshold 0.999, at most 2
 * inconsistent loci) and the prior of N missing persons. One row per N:
 * the families, the missing persons advised, the simulations, the threads,
 * the seconds (wall clock, and CPU over all threads), the engine calls,
 * the mean P(proposed), how many get a relative (or an individual of their
 * pedigree) advised, the mean gain,
 * and a checksum of every figure (the same for a fixed seed whatever the
 * thread count). --no-mutation switches mutation off; --one-by-one
 * computes each relative's distribution by a pass of its own (the way
 * before their joint table: the same checksum without mutation). */
#include <getopt.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/date.h"
#include "demo/dna_sim.h"
#include "dna/advice.h"
#include "dna/assign.h"
#include "dna/freq.h"
#include "strpool.h"

#ifndef PARLEY_STR_DIR
#define PARLEY_STR_DIR "data/str"
#endif

static void die(const char *what, const pl_err *err)
{
	fprintf(stderr, "bench_advice: %s: %s\n", what, err ? err->msg : "failed");
	exit(1);
}

static double cpu_now(void)
{
	struct timespec t;
	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
	return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

static void read_pool(const char *path, dna_rows *pool, dna_freqs *f)
{
	pl_err err = {0};
	if(bench_str_pool(path, pool, f, &err))
		die(path, &err);
}

/* Every missing person of the first nf families as a job: a family of the
 * relationship columns as advice_ped.c puts it together, a pedigree
 * family as it is. */
static size_t make_jobs(const dna_sim *s, size_t nf, dna_advice_job *jobs, arena *a)
{
	size_t n = 0;
	for(size_t i = 0; i < nf; i++) {
		dna_kin *kin = s->kin[i];
		if(!kin) {
			pl_err err = {0};
			if(!(kin = arena_calloc(a, 1, sizeof(*kin))) ||
			   dna_advice_kin(&s->families[i], kin, a, &err))
				die("a family as a pedigree", &err);
		}
		for(int j = 0; j < kin->nmissing; j++)
			jobs[n++] = (dna_advice_job){.kin = kin, .which = j, .pedigree = s->kin[i] != NULL};
	}
	return n;
}

static void row(const dna_kit *k, const dna_sim *s, size_t nf, const dna_advice_opts *o, int threads)
{
	arena a;
	arena_init(&a, 0);
	dna_advice_job *jobs = calloc(s->npersons + 1, sizeof(*jobs));
	if(!jobs)
		die("jobs", NULL);
	size_t n = make_jobs(s, nf, jobs, &a);
	dna_advice_opts oo = *o;
	oo.log10_needed = log10(0.999 / 0.001) - dna_prior_log10((double)(nf > 2 ? nf : 2));
	double t0 = date_monotonic(), c0 = cpu_now();
	dna_advise_jobs(k, jobs, n, &oo, threads);
	double wall = date_monotonic() - t0, cpu = cpu_now() - c0;
	long calls = 0, advised = 0, refused = 0;
	double now = 0, gain = 0, check = 0;
	for(size_t i = 0; i < n; i++) {
		const dna_advice *x = &jobs[i].out;
		if(jobs[i].rc) { /* said, not counted */
			fprintf(stderr, "bench_advice: %s refused: %s\n", jobs[i].kin->person[jobs[i].which],
			        jobs[i].err.msg);
			refused++;
			continue;
		}
		calls += x->engine_calls;
		now += x->now.included;
		gain += x->gain;
		advised += x->best >= 0 || x->best_member >= 0;
		check += x->now.included + x->now.mean_log10_lr + x->now.ep + x->now.ep_rule;
		for(int c = 0; c < DNA_ASK_COUNT; c++)
			check += isnan(x->after[c]) ? 0 : (c + 2) * x->after[c];
		for(int c = 0; c < x->nmember; c++)
			check += (c + 2) * x->member_after[c];
	}
	double m = (double)(n - (size_t)refused ? n - (size_t)refused : 1);
	printf("%9zu %8zu %11d %7d %9.2f %9.2f %12ld %8.1f%% %8ld %7.1f %18.12f%s\n", nf, n,
	       o->simulations, threads, wall, cpu, calls, 100 * now / m, advised, 100 * gain / m, check,
	       refused ? " (some refused)" : "");
	fflush(stdout);
	free(jobs);
	arena_free(&a);
}

int main(int argc, char **argv)
{
	const char *genotypes = PARLEY_STR_DIR "/nist1036_genotypes.csv", *sizes = "50,1000";
	const char *kinds = NULL;
	unsigned long long seed = 1;
	int threads = 2;
	dna_advice_opts o = {.model = {0, 0.1, true}, .max_inconsistent = 2,
	                     .simulations = DNA_ADVICE_SIMULATIONS, .seed = 1, .relatives = true};
	static const struct option lo[] = {
		{"genotypes", required_argument, NULL, 'g'}, {"seed", required_argument, NULL, 's'},
		{"families", required_argument, NULL, 'f'}, {"simulations", required_argument, NULL, 'S'},
		{"threads", required_argument, NULL, 't'}, {"exact", no_argument, NULL, 'x'},
		{"kinds", required_argument, NULL, 'k'}, {"no-mutation", no_argument, NULL, 'M'},
		{"one-by-one", no_argument, NULL, '1'}, {0},
	};
	int c;
	while((c = getopt_long(argc, argv, "", lo, NULL)) != -1) {
		switch(c) {
		case 'g': genotypes = optarg; break;
		case 's': seed = strtoull(optarg, NULL, 10); break;
		case 'f': sizes = optarg; break;
		case 'S': o.simulations = atoi(optarg); break;
		case 't': threads = atoi(optarg); break;
		case 'x': o.exact = true; break;
		case 'k': kinds = optarg; break;
		case 'M': o.model.mutation = false; break;
		case '1': o.one_by_one = true; break;
		default: return 2;
		}
	}
	long most = 0;
	for(const char *p = sizes; *p; p += strspn(p, ","))
		most = fmax(most, strtol(p, (char **)&p, 10));
	if(most < 1)
		die("--families", NULL);
	dna_rows pool;
	dna_freqs f;
	read_pool(genotypes, &pool, &f);
	dna_kit k;
	dna_sim s;
	dna_sim_opts so;
	dna_sim_defaults(&so, most, 0, seed);
	if(kinds && dna_sim_parse_kinds(&so, kinds))
		die("--kinds", NULL);
	dna_mutation mut = DNA_MUTATION_DEFAULT;
	pl_err err = {0};
	if(dna_kit_init(&k, &f, &err) || dna_sim_run(&k, &pool, &so, &s, &err) ||
	   dna_kit_finish(&k, &mut, &err))
		die("simulating", &err);
	printf("sampling advice: families of the simulator (seed %llu, %s), %d loci; theta 0, drop-out "
	       "0.1, %s, threshold 0.999, prior 1/families; %s%s\n", seed,
	       kinds ? kinds : "the default mix", k.nloci, o.model.mutation ? "stepwise mutation" : "no mutation",
	       o.exact ? "every allele kept (--exact)" : "the alleles no one in a family shows lumped",
	       o.one_by_one ? "; each distribution by a pass of its own (--one-by-one)" : "");
	printf("%9s %8s %11s %7s %9s %9s %12s %9s %8s %7s %18s\n", "families", "persons", "simulations",
	       "threads", "seconds", "cpu s", "engine calls", "P(prop)", "advised", "gain", "checksum");
	for(const char *p = sizes; *p; p += strspn(p, ",")) {
		long nf = strtol(p, (char **)&p, 10);
		if(nf > 0)
			row(&k, &s, (size_t)(nf < (long)s.nfamilies ? nf : (long)s.nfamilies), &o, threads);
	}
	dna_sim_free(&s);
	dna_kit_free(&k);
	dna_freqs_free(&f);
	dna_rows_free(&pool);
	return 0;
}
