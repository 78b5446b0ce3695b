/* The exact LR of remains for a family, over the whole profile (exact.h). */
#include "dna/exact.h"

#include <math.h>
#include <string.h>

#include "dna/ped.h"

enum { EXACT_ALT_MAX = 8 };       /* placements: 2^UNSURE_MAX (kin.c) */

/* One locus of every alternative for one remains (i) at a time, theta 0
 * where even one at a time is beyond theta (fell[i] set). */
static pl_rc each_locus(const dna_kit *k, int l, const dna_kin *kin, const dna_model *m,
                        const dna_obs *obs, int nobs, double *l1, double *l0, bool *fell, arena *a,
                        pl_err *err)
{
	double o1[EXACT_ALT_MAX], o0[EXACT_ALT_MAX];
	dna_model plain = *m;
	plain.theta = 0;
	for(int i = 0; i < nobs; i++) {
		pl_rc rc = dna_kin_locus(k, l, kin, 0, m, &obs[i], 1, o1, o0, a, err);
		if(rc == PL_ELIMIT) {
			fell[i] = true;
			rc = dna_kin_locus(k, l, kin, 0, &plain, &obs[i], 1, o1, o0, a, err);
		}
		if(rc)
			return rc;
		for(int x = 0; x < kin->nalt; x++) {
			l1[(size_t)x * (size_t)nobs + (size_t)i] = o1[x];
			l0[(size_t)x * (size_t)nobs + (size_t)i] = o0[x];
		}
	}
	return PL_OK;
}

/* One locus of every alternative for all the remains in one pass; where
 * the engine cannot sum theta's partitions for the pass (its joint table
 * leaves a founder free), one remains at a time. */
static pl_rc exact_locus(const dna_kit *k, int l, const dna_kin *kin, const dna_model *m,
                         const dna_obs *obs, int nobs, double *l1, double *l0, bool *fell, arena *a,
                         pl_err *err)
{
	for(int i = 0; i < nobs; i++)
		fell[i] = false;
	pl_rc rc = dna_kin_locus(k, l, kin, 0, m, obs, nobs, l1, l0, a, err);
	if(rc == PL_ELIMIT && m->theta > 0)
		rc = each_locus(k, l, kin, m, obs, nobs, l1, l0, fell, a, err);
	return rc;
}

/* log10 sum_alt w 10^s[alt] without overflow (-HUGE_VAL for 0). */
static double log10_mix(const dna_kin *kin, const double *s, size_t nr, size_t i)
{
	double top = -HUGE_VAL;
	for(int a = 0; a < kin->nalt; a++)
		if(s[(size_t)a * nr + i] > top)
			top = s[(size_t)a * nr + i];
	if(top == -HUGE_VAL)
		return top;
	double sum = 0;
	for(int a = 0; a < kin->nalt; a++)
		sum += kin->alt[a].weight * pow(10, s[(size_t)a * nr + i] - top);
	return top + log10(sum);
}

/* Add the locus's L1 and L0 to each alternative's log10 sums. */
static void accumulate(const dna_kin *kin, const dna_obs *obs, size_t nr, const double *l1,
                       const double *l0, double *s1, double *s0, double *lr, int nloci, int l)
{
	for(size_t i = 0; i < nr; i++) {
		if(obs[i].a < 0)
			continue;
		double den = 0;
		for(int a = 0; a < kin->nalt; a++)
			den += kin->alt[a].weight * l0[(size_t)a * nr + i];
		if(!(den > 0))
			continue; /* the relatives contradict each other here: say nothing */
		for(int a = 0; a < kin->nalt; a++) {
			size_t x = (size_t)a * nr + i;
			s1[x] += l1[x] > 0 ? log10(l1[x]) : -HUGE_VAL;
			s0[x] += l0[x] > 0 ? log10(l0[x]) : -HUGE_VAL;
		}
		if(lr)
			lr[i * (size_t)nloci + (size_t)l] = dna_kin_mix(kin, l1, l0, (int)nr, (int)i);
	}
}

double dna_exact_mix(const dna_kin *kin, const double *s1, const double *s0, size_t nr, size_t i)
{
	double num = log10_mix(kin, s1, nr, i), den = log10_mix(kin, s0, nr, i);
	/* den 0: no placement fits the relatives anywhere; the family says nothing */
	return den == -HUGE_VAL ? 0 : num == -HUGE_VAL ? DNA_LOG_ZERO : num - den;
}

pl_rc dna_exact_family(const dna_kit *k, const dna_family *f, const dna_model *m,
                       const dna_profile *const *rem, size_t nr, double *log10_lr, double *locus_lr,
                       bool *theta0, arena *a, pl_err *err)
{
	arena own;
	arena_init(&own, 0);
	dna_kin kin;
	pl_rc rc = dna_kin_of_family(f, &own, &kin, err);
	size_t cells = (size_t)(kin.nalt ? kin.nalt : 1) * (nr ? nr : 1);
	double *s1 = rc ? NULL : arena_calloc(&own, cells, sizeof(double));
	double *s0 = rc ? NULL : arena_calloc(&own, cells, sizeof(double));
	double *l1 = rc ? NULL : arena_alloc(&own, cells * sizeof(double));
	double *l0 = rc ? NULL : arena_alloc(&own, cells * sizeof(double));
	dna_obs *obs = rc ? NULL : arena_alloc(&own, (nr ? nr : 1) * sizeof(dna_obs));
	bool *fell = rc ? NULL : arena_alloc(&own, (nr ? nr : 1) * sizeof(bool));
	if(!rc && kin.nalt > EXACT_ALT_MAX)
		rc = pl_failc(err, PL_ELIMIT, "dna.too_many_placements", "person", f->person, "n",
		              PL_N(kin.nalt), "max", PL_N(EXACT_ALT_MAX), NULL);
	if(!rc && (!s1 || !s0 || !l1 || !l0 || !obs || !fell))
		rc = pl_nomem(err);
	for(size_t i = 0; locus_lr && i < nr * (size_t)k->nloci; i++)
		locus_lr[i] = 1;
	for(size_t i = 0; theta0 && i < nr; i++)
		theta0[i] = false;
	for(int l = 0; l < k->nloci && !rc; l++) {
		if(!dna_kin_typed(&kin, l))
			continue;
		for(size_t i = 0; i < nr; i++)
			obs[i] = dna_obs_of(rem[i], l, m);
		rc = exact_locus(k, l, &kin, m, obs, (int)nr, l1, l0, fell, a, err);
		if(rc)
			break;
		for(size_t i = 0; theta0 && i < nr; i++)
			theta0[i] |= fell[i] && obs[i].a >= 0;
		accumulate(&kin, obs, nr, l1, l0, s1, s0, locus_lr, k->nloci, l);
	}
	for(size_t i = 0; !rc && i < nr; i++)
		log10_lr[i] = dna_exact_mix(&kin, s1, s0, nr, i);
	arena_free(&own);
	return rc;
}
