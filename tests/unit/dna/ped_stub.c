/* TEMPORARY: a brute-force stand-in for the likelihood engine (ped.h),
 * for the advice tests until the engine lands on its branch. theta 0,
 * no drop-out; every untyped individual's genotype enumerated. */
#include <string.h>

#include "dna/ped.h"

const char *dna_ped_invalid(const dna_ped *p, int *who)
{
	(void)p;
	*who = -1;
	return NULL;
}

static double trans(const dna_locus *L, const dna_model *m, int from, int a, int b, int x)
{
	if(!m->mutation || !L->mut[from])
		return 0.5 * (a == x) + 0.5 * (b == x);
	return 0.5 * L->mut[from][a * L->n + x] + 0.5 * L->mut[from][b * L->n + x];
}

static double term(const dna_locus *L, const dna_model *m, const dna_ped *p, const int *ga,
                   const int *gb, int i)
{
	int f = p->father[i], mo = p->mother[i];
	if(f < 0)
		return ga[i] == gb[i] ? L->p[ga[i]] * L->p[ga[i]] : 2 * L->p[ga[i]] * L->p[gb[i]];
	double tf_a = trans(L, m, DNA_FROM_FATHER, ga[f], gb[f], ga[i]);
	double tm_b = trans(L, m, DNA_FROM_MOTHER, ga[mo], gb[mo], gb[i]);
	if(ga[i] == gb[i])
		return tf_a * tm_b;
	return tf_a * tm_b + trans(L, m, DNA_FROM_FATHER, ga[f], gb[f], gb[i]) *
	                         trans(L, m, DNA_FROM_MOTHER, ga[mo], gb[mo], ga[i]);
}

pl_rc dna_ped_likelihood(const dna_locus *L, const dna_model *m, const dna_ped *p,
                         const dna_obs *obs, double *lik, arena *a, pl_err *err)
{
	(void)a;
	(void)err;
	int ga[32], gb[32], n = p->n;
	for(int i = 0; i < n; i++) {
		ga[i] = obs[i].a >= 0 ? obs[i].a : 0;
		gb[i] = obs[i].a >= 0 ? obs[i].b : 0;
	}
	double total = 0;
	for(;;) {
		double q = 1;
		for(int i = 0; q > 0 && i < n; i++)
			q *= term(L, m, p, ga, gb, i);
		total += q;
		int i = 0; /* the next assignment of the untyped: (a, b) with a <= b */
		for(; i < n; i++) {
			if(obs[i].a >= 0)
				continue;
			if(ga[i] < gb[i]) {
				ga[i]++;
				break;
			}
			if(gb[i] + 1 < L->n) {
				gb[i]++;
				ga[i] = 0;
				break;
			}
			ga[i] = gb[i] = 0;
		}
		if(i == n)
			break;
	}
	*lik = total;
	return PL_OK;
}
