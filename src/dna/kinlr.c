/* Remains placed in families entered as pedigrees (kinlr.h): the LR of
 * one or several placements from the engine, the screening of every
 * remains at every missing individual, and the joint evaluation of a
 * family's candidates. */
#include "dna/kinlr.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/hmap.h"

enum { KIN_MAX = 160 };   /* individuals of a pedigree with its remains beside it */

static const dna_obs untyped = {-1, -1, false};

/* Whether a typed member of some alternative has a genotype at l. */
static bool family_typed(const dna_kin *K, int l)
{
	for(int a = 0; a < K->nalt; a++)
		for(int i = 0; i < K->alt[a].ped.n; i++)
			if(K->alt[a].prof[i] && dna_typed(K->alt[a].prof[i]->g[l]))
				return true;
	return false;
}

/* One alternative: P(typed, x at their places) and P(typed, x unrelated). */
static pl_rc alt_two(const dna_locus *L, const dna_model *m, const dna_pedigree *A, int l,
                     const dna_kin *K, const int *at, const dna_obs *xo, int k, double *num,
                     double *den, arena *a, pl_err *err)
{
	int n = A->ped.n;
	if(n + k > KIN_MAX)
		return pl_failc(err, PL_ELIMIT, "dna.family_too_big", "family", K->id, "max", PL_N(KIN_MAX), NULL);
	int father[KIN_MAX], mother[KIN_MAX];
	dna_sex sex[KIN_MAX];
	dna_obs obs[KIN_MAX];
	for(int i = 0; i < n; i++) {
		father[i] = A->ped.father[i];
		mother[i] = A->ped.mother[i];
		sex[i] = A->ped.sex[i];
		obs[i] = A->prof[i] ? dna_obs_of(A->prof[i], l, m) : untyped;
	}
	for(int i = 0; i < k; i++)
		obs[K->missing[at[i]]] = xo[i];
	pl_rc rc = dna_ped_likelihood(L, m, &A->ped, obs, num, a, err);
	if(rc)
		return rc;
	/* the remains unrelated: founders of their own, the missing untyped */
	for(int i = 0; i < k; i++) {
		obs[K->missing[at[i]]] = untyped;
		father[n + i] = mother[n + i] = -1;
		sex[n + i] = DNA_SEX_UNKNOWN;
		obs[n + i] = xo[i];
	}
	dna_ped two = {n + k, father, mother, sex};
	return dna_ped_likelihood(L, m, &two, obs, den, a, err);
}

/* Observations xo[0..n) at missing individual j, each alone, by
 * dna_kin_locus (kin.c, the LR as the engine's branch defines it): lr[i],
 * informative[i] (the family's probability under H0 not 0); *beyond set
 * and every lr 1 when the engine refuses the computation as beyond its
 * bound. */
static pl_rc single(const dna_kit *kit, int l, const dna_model *m, const dna_kin *K, int j,
                    const dna_obs *xo, int n, double *lr, bool *informative, bool *beyond,
                    pl_err *err)
{
	size_t cells = (size_t)K->nalt * (size_t)n;
	double *l1 = malloc((cells + 1) * sizeof(double)), *l0 = malloc((cells + 1) * sizeof(double));
	arena a;
	arena_init(&a, 0);
	pl_rc rc = l1 && l0 ? dna_kin_locus(kit, l, K, j, m, xo, n, l1, l0, &a, err) : pl_nomem(err);
	if(rc == PL_ELIMIT && beyond) /* left out, never a wrong number: the caller says so */
		*beyond = true;
	for(int i = 0; i < n; i++) {
		double den = 0;
		for(int alt = 0; !rc && alt < K->nalt; alt++)
			den += K->alt[alt].weight * l0[(size_t)alt * (size_t)n + (size_t)i];
		/* relatives that contradict each other say nothing, as in pedigree.h */
		informative[i] = !rc && den > 0;
		lr[i] = informative[i] ? dna_kin_mix(K, l1, l0, n, i) : 1;
	}
	free(l1);
	free(l0);
	arena_free(&a);
	return rc == PL_ELIMIT ? PL_OK : rc;
}

pl_rc dna_kin_locus_lr(const dna_kit *kit, int l, const dna_model *m, const dna_kin *K,
                       const int *at, const dna_profile *const *x, int k, double *lr,
                       bool *informative, bool *beyond, arena *a, pl_err *err)
{
	dna_obs xo[DNA_JOINT_REMAINS + 1];
	*lr = 1;
	*informative = false;
	if(beyond)
		*beyond = false;
	if(k > DNA_JOINT_REMAINS)
		return pl_failc(err, PL_ELIMIT, "dna.too_many_remains", "max", PL_N(DNA_JOINT_REMAINS), NULL);
	for(int i = 0; i < k; i++) {
		xo[i] = dna_obs_of(x[i], l, m);
		if(xo[i].a < 0)
			return PL_OK;
	}
	if(!family_typed(K, l))
		return PL_OK;
	if(k == 1) /* one remains: the engine branch's own (kin.c) */
		return single(kit, l, m, K, at[0], xo, 1, lr, informative, beyond, err);
	double num = 0, den = 0;
	for(int j = 0; j < K->nalt; j++) {
		double n1, d1;
		pl_rc rc = alt_two(&kit->loci[l], m, &K->alt[j], l, K, at, xo, k, &n1, &d1, a, err);
		if(rc == PL_ELIMIT) { /* left out, never a wrong number: the caller says so */
			if(beyond)
				*beyond = true;
			return PL_OK;
		}
		if(rc)
			return rc;
		num += K->alt[j].weight * n1;
		den += K->alt[j].weight * d1;
	}
	/* relatives that contradict each other say nothing, as in pedigree.h */
	if(den > 0) {
		*lr = num / den;
		*informative = true;
	}
	return PL_OK;
}

pl_rc dna_kin_lr(const dna_kit *kit, const dna_model *m, const dna_kin *K, const int *at,
                 const dna_profile *const *x, int k, double *log10_lr, int *loci,
                 int *inconsistent, int *beyond, arena *a, pl_err *err)
{
	dna_model strict = *m;
	strict.mutation = false;
	*log10_lr = 0;
	*loci = 0;
	if(inconsistent)
		*inconsistent = 0;
	if(beyond)
		*beyond = 0;
	for(int l = 0; l < kit->nloci; l++) {
		double lr, lr0;
		bool inf, over;
		pl_rc rc = dna_kin_locus_lr(kit, l, m, K, at, x, k, &lr, &inf, &over, a, err);
		if(rc)
			return rc;
		if(beyond)
			*beyond += over;
		if(!inf)
			continue;
		(*loci)++;
		*log10_lr += lr > 0 ? log10(lr) : -INFINITY;
		if(inconsistent && m->mutation &&
		   !(rc = dna_kin_locus_lr(kit, l, &strict, K, at, x, k, &lr0, &inf, NULL, a, err)))
			*inconsistent += inf && lr0 == 0;
		if(rc)
			return rc;
	}
	return PL_OK;
}

/* ---- screening ---------------------------------------------------------------------- */

/* At locus l, the log10 LR of each remains at missing individual j:
 * each distinct genotype the remains show computed once, all in one call. */
static pl_rc locus_table(const dna_kit *kit, int l, const dna_model *m, const dna_kin *K, int j,
                         const dna_profile *remains, size_t nr, double *out, bool *beyond,
                         pl_err *err)
{
	hmap seen;
	hmap_init(&seen);
	dna_obs *xo = malloc((nr + 1) * sizeof(*xo));
	size_t *slot = malloc((nr + 1) * sizeof(*slot)), n = 0;
	pl_rc rc = xo && slot ? PL_OK : pl_nomem(err);
	for(size_t r = 0; !rc && r < nr; r++) {
		dna_obs o = dna_obs_of(&remains[r], l, m);
		char key[32];
		int len = snprintf(key, sizeof(key), "%d/%d/%d", o.a, o.b, o.dropout);
		size_t at = (size_t)(uintptr_t)hmap_get(&seen, key, (size_t)len);
		if(!at && o.a >= 0) {
			xo[n] = o;
			at = ++n;
			if(hmap_put(&seen, key, (size_t)len, (void *)(uintptr_t)at))
				rc = pl_nomem(err);
		}
		slot[r] = at; /* 0: not typed there */
	}
	double *lr = calloc(n + 1, sizeof(double));
	bool *inf = calloc(n + 1, sizeof(bool));
	if(!rc && (!lr || !inf))
		rc = pl_nomem(err);
	if(!rc && n && family_typed(K, l))
		rc = single(kit, l, m, K, j, xo, (int)n, lr, inf, beyond, err);
	for(size_t r = 0; !rc && r < nr; r++) {
		size_t at = slot[r];
		out[r] = !at || !inf[at - 1] ? 0 : lr[at - 1] > 0 ? log10(lr[at - 1]) : -INFINITY;
	}
	free(xo);
	free(slot);
	free(lr);
	free(inf);
	hmap_free(&seen);
	return rc;
}

static pl_rc push(dna_candidate **cand, size_t *n, size_t *cap, dna_candidate c)
{
	if(*n == *cap) {
		size_t nc = *cap ? 2 * *cap : 256;
		dna_candidate *v = realloc(*cand, nc * sizeof(*v));
		if(!v)
			return PL_ENOMEM;
		*cand = v;
		*cap = nc;
	}
	(*cand)[(*n)++] = c;
	return PL_OK;
}

/* Every remains at missing individual j of K: the sum of the loci's
 * tables, then a close look at the pairs kept. */
static pl_rc screen_one(const dna_kit *kit, const dna_profile *remains, size_t nr, const dna_kin *K,
                        int j, const dna_screen_opts *o, uint32_t other, dna_candidate **cand,
                        size_t *n, size_t *cap, size_t *excluded, bool *beyond, arena *a, pl_err *err)
{
	double *sum = calloc(nr + 1, sizeof(double)), *t = calloc(nr + 1, sizeof(double));
	pl_rc rc = sum && t ? PL_OK : pl_nomem(err);
	for(int l = 0; !rc && l < kit->nloci; l++)
		if(!(rc = locus_table(kit, l, &o->model, K, j, remains, nr, t, &beyond[l], err)))
			for(size_t r = 0; r < nr; r++)
				sum[r] += t[r];
	for(size_t r = 0; !rc && r < nr; r++) {
		if(!(sum[r] >= o->keep))
			continue;
		const dna_profile *x = &remains[r];
		double log10_lr;
		int loci, bad;
		if((rc = dna_kin_lr(kit, &o->model, K, &j, &x, 1, &log10_lr, &loci, &bad, NULL, a, err)))
			break;
		if(bad > o->max_inconsistent) {
			(*excluded)++;
			continue;
		}
		dna_candidate cd = {.remains = (uint32_t)r, .other = other, .log10_lr = log10_lr,
		                    .loci = (uint8_t)(loci > 255 ? 255 : loci),
		                    .inconsistent = (uint8_t)(bad > 255 ? 255 : bad)};
		if(push(cand, n, cap, cd))
			rc = pl_nomem(err);
	}
	free(sum);
	free(t);
	return rc;
}

/* The loci a family's computation left out, in the notes. */
static pl_rc note_beyond(const dna_kit *kit, const dna_kin *K, const bool *beyond, buf *notes)
{
	pl_rc rc = PL_OK;
	int n = 0;
	for(int l = 0; !rc && l < kit->nloci; l++)
		if(beyond[l])
			rc = buf_printf(notes, "%s%s", n++ ? ", " : "", kit->loci[l].name);
	if(!rc && n)
		rc = buf_printf(notes, ": left out of family %s's likelihood ratios (LR 1), beyond the "
		                "engine's bound with this mutation model\n", K->id);
	return rc;
}

pl_rc dna_kins_screen(const dna_kit *kit, const dna_profile *remains, size_t nr,
                      const dna_kin *kins, size_t nk, const dna_screen_opts *o, uint32_t first_other,
                      dna_candidate **cand, size_t *n, size_t *cap, size_t *excluded, buf *notes,
                      pl_err *err)
{
	arena a;
	arena_init(&a, 0);
	bool *beyond = calloc((size_t)kit->nloci + 1, sizeof(bool));
	pl_rc rc = beyond ? PL_OK : pl_nomem(err);
	uint32_t other = first_other;
	for(size_t k = 0; !rc && k < nk; k++) {
		memset(beyond, 0, (size_t)kit->nloci * sizeof(bool));
		for(int j = 0; !rc && j < kins[k].nmissing; j++, other++)
			rc = screen_one(kit, remains, nr, &kins[k], j, o, other, cand, n, cap, excluded, beyond,
			                &a, err);
		if(!rc && note_beyond(kit, &kins[k], beyond, notes))
			rc = pl_nomem(err);
	}
	free(beyond);
	arena_free(&a);
	return rc;
}

/* ---- joint evaluation ----------------------------------------------------------------- */

typedef struct joint {
	const dna_kit *kit;
	const dna_model *m;
	const dna_kin *K;
	const dna_profile *remains;
	uint32_t first;
	const dna_candidate *c;
	size_t nc;
	int nr;                       /* remains weighed */
	uint32_t r[DNA_JOINT_REMAINS];
	double prior;
	int assign[DNA_JOINT_REMAINS];   /* per remains weighed: its candidate, or -1 */
	bool *used;                   /* per missing individual */
	double *score;                /* per assignment evaluated: log10 LR + the prior per pair */
	double *lr;                   /* and its log10 LR alone */
	int (*pairs)[DNA_JOINT_REMAINS];
	size_t n, cap;
	arena *a;
	pl_err *err;
} joint;

static pl_rc evaluate(joint *J)
{
	int at[DNA_JOINT_REMAINS];
	const dna_profile *x[DNA_JOINT_REMAINS];
	int k = 0;
	for(int t = 0; t < J->nr; t++)
		if(J->assign[t] >= 0) {
			at[k] = (int)(J->c[J->assign[t]].other - J->first);
			x[k++] = &J->remains[J->r[t]];
		}
	double log10_lr = 0;
	int loci;
	pl_rc rc = k ? dna_kin_lr(J->kit, J->m, J->K, at, x, k, &log10_lr, &loci, NULL, NULL, J->a, J->err)
	             : PL_OK;
	if(rc)
		return rc;
	if(J->n == J->cap) {
		size_t cap = J->cap ? 2 * J->cap : 64;
		double *s = realloc(J->score, cap * sizeof(double));
		if(s)
			J->score = s;
		double *l = realloc(J->lr, cap * sizeof(double));
		if(l)
			J->lr = l;
		int (*p)[DNA_JOINT_REMAINS] = realloc(J->pairs, cap * sizeof(*p));
		if(p)
			J->pairs = p;
		if(!s || !l || !p)
			return pl_nomem(J->err);
		J->cap = cap;
	}
	J->lr[J->n] = log10_lr;
	J->score[J->n] = log10_lr + k * J->prior;
	memcpy(J->pairs[J->n++], J->assign, sizeof(J->assign));
	return PL_OK;
}

/* Every assignment of remains t.. : none, or one of its candidates whose
 * missing individual is free. */
static pl_rc enumerate(joint *J, int t)
{
	/* nr <= DNA_JOINT_REMAINS (pick_remains); said again for -O3's bounds check */
	if(t >= J->nr || t >= DNA_JOINT_REMAINS)
		return evaluate(J);
	J->assign[t] = -1;
	pl_rc rc = enumerate(J, t + 1);
	for(size_t i = 0; !rc && i < J->nc; i++) {
		int j = (int)(J->c[i].other - J->first);
		if(J->c[i].remains != J->r[t] || J->used[j])
			continue;
		J->used[j] = true;
		J->assign[t] = (int)i;
		rc = enumerate(J, t + 1);
		J->used[j] = false;
		J->assign[t] = -1;
	}
	return rc;
}

/* The remains with the best single LRs, up to DNA_JOINT_REMAINS. */
static int pick_remains(joint *J, int *left)
{
	uint32_t r[DNA_JOINT_REMAINS + 1];
	double best[DNA_JOINT_REMAINS + 1];
	int n = 0, all = 0;
	for(size_t i = 0; i < J->nc; i++) {
		int k = 0;
		while(k < n && r[k] != J->c[i].remains)
			k++;
		if(k < n) {
			best[k] = fmax(best[k], J->c[i].log10_lr);
			continue;
		}
		bool seen = false;
		for(size_t p = 0; p < i; p++)
			seen |= J->c[p].remains == J->c[i].remains;
		all += !seen;
		/* insert, keep the best DNA_JOINT_REMAINS */
		int at = n;
		while(at > 0 && best[at - 1] < J->c[i].log10_lr)
			at--;
		if(at == DNA_JOINT_REMAINS)
			continue;
		memmove(&r[at + 1], &r[at], (size_t)(n - at) * sizeof(r[0]));
		memmove(&best[at + 1], &best[at], (size_t)(n - at) * sizeof(best[0]));
		r[at] = J->c[i].remains;
		best[at] = J->c[i].log10_lr;
		n += n < DNA_JOINT_REMAINS;
	}
	memcpy(J->r, r, (size_t)n * sizeof(r[0]));
	*left = all - n;
	return n;
}

void dna_kin_table_free(dna_kin_table *t)
{
	free(t->pairs);
	free(t->log10_lr);
	memset(t, 0, sizeof(*t));
}

/* The sub-assignments weighed, handed over. */
static void table_of(joint *J, dna_kin_table *t)
{
	*t = (dna_kin_table){J->n, J->pairs, J->lr};
	J->pairs = NULL;
	J->lr = NULL;
	for(size_t e = 0; e < t->n; e++) /* the remains not weighed take no one */
		for(int r = J->nr; r < DNA_JOINT_REMAINS; r++)
			t->pairs[e][r] = -1;
}

pl_rc dna_kin_joint(const dna_kit *kit, const dna_model *m, const dna_kin *K, uint32_t first,
                    const dna_profile *remains, const dna_candidate *c, size_t nc,
                    double prior_log10, double *odds, double *best, int *left, dna_kin_table *table,
                    pl_err *err)
{
	arena a;
	arena_init(&a, 0);
	joint J = {kit, m, K, remains, first, c, nc, 0, {0}, prior_log10, {0},
	           calloc((size_t)K->nmissing + 1, sizeof(bool)), NULL, NULL, NULL, 0, 0, &a, err};
	for(size_t i = 0; i < nc; i++)
		odds[i] = NAN;
	J.nr = pick_remains(&J, left);
	pl_rc rc = J.used ? enumerate(&J, 0) : pl_nomem(err);
	size_t top = 0;
	for(size_t e = 1; !rc && e < J.n; e++)
		top = J.score[e] > J.score[top] ? e : top;
	*best = rc || !J.n ? 0 : J.score[top];
	/* each pair of the best against the best explanation without it */
	for(int t = 0; !rc && t < J.nr; t++) {
		int i = J.pairs[top][t];
		if(i < 0)
			continue;
		double without = -INFINITY;
		for(size_t e = 0; e < J.n; e++)
			if(J.pairs[e][t] != i)
				without = fmax(without, J.score[e]);
		odds[i] = J.score[top] - without;
	}
	if(!rc && table)
		table_of(&J, table);
	free(J.used);
	free(J.lr);
	free(J.score);
	free(J.pairs);
	arena_free(&a);
	return rc;
}
