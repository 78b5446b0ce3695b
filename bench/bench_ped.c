/* The likelihood engine's speed per family and locus (src/dna/ped.c).
 *
 *   bench_ped [--alleles N] [--theta T] [--seconds S] [FAMILY...]
 *
 * Families: sib1 sib2 halfsib uncle cousin grandparents (all by default),
 * each the missing person M, their relatives typed as the family kind
 * says, at one locus of N equally frequent alleles (20) with a stepwise
 * mutation model (rate 0.005, range 0.5; the matrices of kit.c's shape).
 * For each family: "one" is one genotype g of the remains, both
 * likelihoods of the LR (H1: M shows g; H0: M untyped, g an unrelated extra
 * founder); "joint" is both tables of dna_ped_joint (H1: M free; H0: the
 * extra founder free), from which every genotype's LR follows. Each is
 * repeated for about S seconds of CPU time (0.3; CPU, not wall, as the
 * machine is shared) and the mean printed in ms, with a
 * checksum of the values so that two versions of the engine can be
 * compared number for number. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "dna/ped.h"

enum { NMAX = 12 };

typedef struct fam {
	const char *name;
	int n;                      /* individuals before the extra founder */
	int M;                      /* the missing person */
	int father[NMAX], mother[NMAX];
	dna_sex sex[NMAX];
	int typed[NMAX], ntyped;    /* relatives typed */
} fam;

#define U_ DNA_SEX_UNKNOWN
#define M_ DNA_MALE
#define F_ DNA_FEMALE

/* 0-based; -1 founder. */
static const fam families[] = {
	{"sib1", 4, 2, {-1, -1, 0, 0}, {-1, -1, 1, 1}, {M_, F_, U_, U_}, {3}, 1},
	{"sib2", 5, 2, {-1, -1, 0, 0, 0}, {-1, -1, 1, 1, 1}, {M_, F_, U_, U_, U_}, {3, 4}, 2},
	{"halfsib", 5, 2, {-1, -1, 0, -1, 0}, {-1, -1, 1, -1, 3}, {M_, F_, U_, F_, U_}, {4}, 1},
	/* GP1 GP2 F Mo M Uncle */
	{"uncle", 6, 4, {-1, -1, 0, -1, 2, 0}, {-1, -1, 1, -1, 3, 1}, {U_, U_, M_, F_, U_, U_}, {5}, 1},
	/* GP1 GP2 F Mo M Uncle(M) Partner(F) Cousin */
	{"cousin", 8, 4, {-1, -1, 0, -1, 2, 0, -1, 5}, {-1, -1, 1, -1, 3, 1, -1, 6},
	 {U_, U_, M_, F_, U_, M_, F_, U_}, {7}, 1},
	{"grandparents", 5, 4, {-1, -1, 0, -1, 2}, {-1, -1, 1, -1, 3}, {U_, U_, M_, F_, U_}, {0, 1}, 2},
};

static double now(void)
{
	struct timespec t;
	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
	return (double)t.tv_sec + t.tv_nsec * 1e-9;
}

static void die(const char *what, const pl_err *err)
{
	fprintf(stderr, "bench_ped: %s: %s\n", what, err->msg);
	exit(1);
}

/* Stepwise: a step of d costs range^(d-1), the rows normalised to rate. */
static double *stepwise(int n, double rate, double range)
{
	double *M = calloc((size_t)n * (size_t)n, sizeof(double));
	for(int i = 0; i < n; i++) {
		double s = 0;
		for(int j = 0; j < n; j++)
			if(j != i)
				s += pow(range, abs(i - j) - 1);
		for(int j = 0; j < n; j++)
			M[i * n + j] = j == i ? 1 - rate : rate * pow(range, abs(i - j) - 1) / s;
	}
	return M;
}

static unsigned rnd_state = 20261206;
static int rnd(int n)
{
	rnd_state = rnd_state * 1103515245u + 12345u;
	return (int)((rnd_state >> 8) % (unsigned)n);
}

static dna_obs geno(int n)
{
	int a = rnd(n), b = rnd(n);
	return (dna_obs){(int16_t)(a < b ? a : b), (int16_t)(a < b ? b : a), false};
}

typedef struct run {
	const fam *f;
	const dna_locus *L;
	dna_model m;
	dna_obs obs[NMAX + 1];
	dna_obs g;
	double *J;
	double sum;
	arena a;
} run;

static void one(run *r)
{
	pl_err err = {0};
	double l1, l0;
	dna_ped h1 = {r->f->n, r->f->father, r->f->mother, r->f->sex};
	dna_ped h0 = {r->f->n + 1, r->f->father, r->f->mother, r->f->sex};
	r->obs[r->f->M] = r->g;
	if(dna_ped_likelihood(r->L, &r->m, &h1, r->obs, &l1, &r->a, &err))
		die(r->f->name, &err);
	r->obs[r->f->M] = (dna_obs){-1, -1, false};
	r->obs[r->f->n] = r->g;
	if(dna_ped_likelihood(r->L, &r->m, &h0, r->obs, &l0, &r->a, &err))
		die(r->f->name, &err);
	r->obs[r->f->n] = (dna_obs){-1, -1, false};
	r->sum = l1 / l0;
}

static void joint(run *r)
{
	pl_err err = {0};
	dna_ped h1 = {r->f->n, r->f->father, r->f->mother, r->f->sex};
	dna_ped h0 = {r->f->n + 1, r->f->father, r->f->mother, r->f->sex};
	int n = r->L->n;
	if(dna_ped_joint(r->L, &r->m, &h1, r->obs, r->f->M, r->J, &r->a, &err))
		die(r->f->name, &err);
	double s1 = 0;
	for(int i = 0; i < n * n; i++)
		s1 += r->J[i] * (i % 7 + 1);
	if(dna_ped_joint(r->L, &r->m, &h0, r->obs, r->f->n, r->J, &r->a, &err))
		die(r->f->name, &err);
	double s0 = 0;
	for(int i = 0; i < n * n; i++)
		s0 += r->J[i] * (i % 7 + 1);
	r->sum = s1 / s0;
}

static double timed(void (*fn)(run *), run *r, double seconds)
{
	int reps = 0;
	double t0 = now(), t;
	do {
		fn(r);
		reps++;
		t = now();
	} while(t - t0 < seconds);
	return (t - t0) / reps * 1e3;
}

int main(int argc, char **argv)
{
	int n = 20;
	double theta = 0.01, seconds = 0.3;
	int first = 1;
	for(; first < argc && argv[first][0] == '-'; first += 2) {
		if(first + 1 >= argc)
			break;
		if(!strcmp(argv[first], "--alleles"))
			n = atoi(argv[first + 1]);
		else if(!strcmp(argv[first], "--theta"))
			theta = atof(argv[first + 1]);
		else if(!strcmp(argv[first], "--seconds"))
			seconds = atof(argv[first + 1]);
	}
	double *p = malloc((size_t)n * sizeof(double));
	for(int i = 0; i < n; i++)
		p[i] = 1.0 / n;
	dna_locus L = {.name = "bench", .n = n, .p = p};
	double *Mp = stepwise(n, 0.005, 0.5), *Mm = stepwise(n, 0.002, 0.5), *Mu = stepwise(n, 0.0035, 0.5);
	L.mut[DNA_FROM_FATHER] = Mp;
	L.mut[DNA_FROM_MOTHER] = Mm;
	L.mut[DNA_FROM_PARENT] = Mu;
	if(getenv("BENCH_PED_NO_KERNELS") == NULL && dna_locus_kernels(&L)) {
		fprintf(stderr, "bench_ped: out of memory\n");
		return 1;
	}
	printf("# bench_ped: %d alleles, stepwise, theta %g (ms per family and locus)\n", n, theta);
	printf("%-14s %12s %12s %14s %14s\n", "family", "one (ms)", "joint (ms)", "one LR", "joint check");
	for(size_t k = 0; k < sizeof(families) / sizeof(families[0]); k++) {
		fam fc = families[k];
		const fam *f = &fc;
		fc.father[fc.n] = fc.mother[fc.n] = -1; /* the extra founder of H0 */
		fc.sex[fc.n] = DNA_SEX_UNKNOWN;
		bool want = first >= argc;
		for(int i = first; i < argc; i++)
			want |= !strcmp(argv[i], f->name);
		if(!want)
			continue;
		run r = {.f = f, .L = &L, .m = {.theta = theta, .dropout = 0, .mutation = true}};
		r.J = malloc((size_t)n * (size_t)n * sizeof(double));
		arena_init(&r.a, 0);
		rnd_state = 20261206u + (unsigned)k;
		for(int i = 0; i <= NMAX; i++)
			r.obs[i] = (dna_obs){-1, -1, false};
		for(int i = 0; i < f->ntyped; i++)
			r.obs[f->typed[i]] = geno(n);
		r.g = r.obs[f->typed[0]];
		r.g.b = (int16_t)((r.g.b + 1) % n); /* shares an allele, mostly */
		if(r.g.a > r.g.b) {
			int16_t t = r.g.a;
			r.g.a = r.g.b;
			r.g.b = t;
		}
		double t1 = timed(one, &r, seconds);
		double lr = r.sum;
		double t2 = timed(joint, &r, seconds);
		printf("%-14s %12.4f %12.4f %14.10g %14.10g\n", f->name, t1, t2, lr, r.sum);
		fflush(stdout);
		arena_free(&r.a);
		free(r.J);
	}
	dna_locus_kernels_free(&L);
	free(Mp);
	free(Mm);
	free(Mu);
	free(p);
	return 0;
}
