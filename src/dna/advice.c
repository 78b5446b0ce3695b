/* Sampling advice (advice.h): the inclusion and exclusion power of a
 * family's references for their missing person, and the relatives who
 * would raise the inclusion power, by simulation through the likelihood
 * engine (ped.h). */
#include <math.h>
#include <string.h>

#include "core/hmap.h"
#include "core/rng.h"
#include "dna/advice.h"

/* One alternative pedigree of a scenario: p1 the family (with the relative
 * asked for), p0 the same and an unrelated founder U as its last
 * individual, for the LR's denominator. */
typedef struct adv_alt {
	dna_ped p1, p0;
	const dna_profile **prof;
	dna_obs *o1, *o0;
	double w;
	int r[2];
} adv_alt;

/* The family as it is (nr 0), or with a relative asked for. */
typedef struct adv_scen {
	adv_alt *alt;
	int nalt, nr;
	hmap cache;               /* per locus: enumerations and denominators by key */
	double *sum;              /* per simulation: the log10 LR so far */
} adv_scen;

/* A genotype distribution: likelihoods v per slot and their running sums. */
typedef struct adv_dist {
	double *v, *cdf;
} adv_dist;

typedef struct adv {
	const dna_kit *k;
	const dna_advice_opts *o;
	int m, l, G;
	dna_obs own;              /* M's own sample at the locus, if any */
	arena scratch, cache;
	long calls;
	pl_err *err;
} adv;

/* ---- small pure helpers ------------------------------------------------------------ */

double dna_poibin_tail(const double *p, int n, int t)
{
	/* P(exactly j) for j = 0..t, event by event; the tail is what is left */
	double d[64] = {1};
	if(t < 0)
		return 1;
	if(t > 62)
		return 0;
	for(int i = 0; i < n; i++)
		for(int j = t; j >= 0; j--)
			d[j] = d[j] * (1 - p[i]) + (j ? d[j - 1] * p[i] : 0);
	double le = 0;
	for(int j = 0; j <= t; j++)
		le += d[j];
	return le >= 1 ? 0 : 1 - le;
}

int dna_draw_cdf(const double *cdf, int n, double u)
{
	double x = u * cdf[n - 1];
	int lo = 0, hi = n - 1;
	while(lo < hi) {
		int mid = (lo + hi) / 2;
		if(x < cdf[mid])
			hi = mid;
		else
			lo = mid + 1;
	}
	return lo;
}

static void unslot(int s, int *a, int *b)
{
	for(*b = 0; dna_slots(*b + 1) <= s; (*b)++) {}
	*a = s - dna_slots(*b);
}

static dna_obs slot_obs(int s)
{
	int a, b;
	unslot(s, &a, &b);
	return (dna_obs){(int16_t)a, (int16_t)b, false};
}

/* P(M's own sample shows `own` | M has genotype s). */
static double own_given(dna_obs own, int s, double dropout)
{
	if(own.a < 0)
		return 1;
	dna_obs g = slot_obs(s);
	if(!own.dropout)
		return g.a == own.a && g.b == own.b;
	if(g.a == own.a && g.b == own.a)
		return 1;
	return g.a == own.a || g.b == own.a ? dropout / (1 + dropout) : 0;
}

/* ---- the engine over a scenario's alternatives ----------------------------------- */

/* sum over alternatives of w L, h0 false: M typed gm (times P(own | gm)),
 * h0 true: M as sampled and U typed gm; the relatives asked for typed
 * r[0..nr) (slots, -1 untyped). */
static pl_rc lik(adv *v, adv_scen *s, int gm, const int *r, bool h0, const dna_model *mod,
                 double *out)
{
	const dna_locus *L = &v->k->loci[v->l];
	double f = h0 ? 1 : own_given(v->own, gm, mod->dropout);
	*out = 0;
	for(int i = 0; f > 0 && i < s->nalt; i++) {
		adv_alt *x = &s->alt[i];
		dna_obs *o = h0 ? x->o0 : x->o1;
		dna_obs keep = o[v->m];
		if(h0)
			o[x->p1.n] = slot_obs(gm);
		else
			o[v->m] = slot_obs(gm);
		for(int j = 0; j < s->nr; j++)
			o[x->r[j]] = r[j] >= 0 ? slot_obs(r[j]) : (dna_obs){-1, -1, false};
		double q;
		pl_rc rc = dna_ped_likelihood(L, mod, h0 ? &x->p0 : &x->p1, o, &q, &v->scratch, v->err);
		v->calls++;
		o[v->m] = keep;
		if(rc)
			return rc;
		*out += x->w * q;
	}
	*out *= f;
	return PL_OK;
}

/* The likelihoods of every genotype of the next individual to draw: M
 * (depth 0) or the relatives asked for (depth 1, 2), the earlier ones
 * typed as in key[]. */
static pl_rc enumerate(adv *v, adv_scen *s, const int *key, int depth, const dna_model *mod,
                       adv_dist *d)
{
	d->v = arena_alloc(&v->cache, (size_t)v->G * sizeof(double));
	d->cdf = arena_alloc(&v->cache, (size_t)v->G * sizeof(double));
	if(!d->v || !d->cdf)
		return pl_nomem(v->err);
	int r[2] = {-1, -1};
	double run = 0;
	for(int g = 0; g < v->G; g++) {
		int gm = depth ? key[0] : g;
		for(int j = 0; j + 1 < depth; j++)
			r[j] = key[j + 1];
		if(depth)
			r[depth - 1] = g;
		pl_rc rc = lik(v, s, gm, r, false, mod, &d->v[g]);
		if(rc)
			return rc;
		run += d->v[g];
		d->cdf[g] = run;
	}
	return PL_OK;
}

/* The cached entry of key[0..3) (a depth or -1 for a denominator, then slots). */
static void *cached(adv_scen *s, const int key[4])
{
	return hmap_get(&s->cache, (const char *)key, 4 * sizeof(int));
}

static pl_rc cache_put(adv *v, adv_scen *s, const int key[4], void *val)
{
	if(hmap_put(&s->cache, (const char *)key, 4 * sizeof(int), val))
		return pl_nomem(v->err);
	return PL_OK;
}

static pl_rc dist_of(adv *v, adv_scen *s, int depth, const int *draws, adv_dist **out)
{
	int key[4] = {depth, depth > 0 ? draws[0] : -1, depth > 1 ? draws[1] : -1, -1};
	if((*out = cached(s, key)))
		return PL_OK;
	adv_dist *d = arena_alloc(&v->cache, sizeof(*d));
	if(!d)
		return pl_nomem(v->err);
	pl_rc rc = enumerate(v, s, draws, depth, &v->o->model, d);
	if(!rc)
		rc = cache_put(v, s, key, d);
	*out = d;
	return rc;
}

/* The LR's denominator for M's genotype draws[0], relatives draws[1..]. */
static pl_rc denominator(adv *v, adv_scen *s, const int *draws, double *out)
{
	int key[4] = {-1, draws[0], s->nr > 0 ? draws[1] : -1, s->nr > 1 ? draws[2] : -1};
	double *c = cached(s, key);
	if(c) {
		*out = *c;
		return PL_OK;
	}
	if(!(c = arena_alloc(&v->cache, sizeof(double))))
		return pl_nomem(v->err);
	pl_rc rc = lik(v, s, draws[0], draws + 1, true, &v->o->model, c);
	if(!rc)
		rc = cache_put(v, s, key, c);
	*out = *c;
	return rc;
}

/* ---- scenarios ------------------------------------------------------------------- */

/* Scenario s from kin's alternatives with `ask` (or as they are, ask < 0).
 * *asked false when the relative is typed already in some alternative. */
static pl_rc scen_make(adv *v, const dna_kin *kin, int ask, adv_scen *s, bool *asked, arena *a)
{
	memset(s, 0, sizeof(*s));
	hmap_init(&s->cache);
	s->alt = arena_calloc(a, (size_t)kin->nalt, sizeof(adv_alt));
	s->sum = arena_calloc(a, (size_t)v->o->simulations, sizeof(double));
	if(!s->alt || !s->sum)
		return pl_nomem(v->err);
	s->nalt = kin->nalt;
	*asked = true;
	for(int i = 0; i < kin->nalt; i++) {
		adv_alt *x = &s->alt[i];
		dna_pedigree e = kin->alt[i];
		int nr = 0;
		if(ask >= 0) {
			pl_rc rc = dna_ask_edit(&kin->alt[i], v->m, (dna_ask)ask, &e, x->r, &nr, a, v->err);
			if(rc)
				return rc;
			*asked &= nr > 0;
			s->nr = nr;
		}
		int n = e.ped.n;
		int *fa = arena_alloc(a, (size_t)(n + 1) * sizeof(int));
		int *mo = arena_alloc(a, (size_t)(n + 1) * sizeof(int));
		dna_sex *sex = arena_alloc(a, (size_t)(n + 1) * sizeof(dna_sex));
		x->o1 = arena_calloc(a, (size_t)n, sizeof(dna_obs));
		x->o0 = arena_calloc(a, (size_t)n + 1, sizeof(dna_obs));
		if(!fa || !mo || !sex || !x->o1 || !x->o0)
			return pl_nomem(v->err);
		memcpy(fa, e.ped.father, (size_t)n * sizeof(int));
		memcpy(mo, e.ped.mother, (size_t)n * sizeof(int));
		memcpy(sex, e.ped.sex, (size_t)n * sizeof(dna_sex));
		fa[n] = mo[n] = -1;
		sex[n] = e.ped.sex[v->m];
		x->p1 = e.ped;
		x->p0 = (dna_ped){n + 1, fa, mo, sex};
		x->prof = e.prof;
		x->w = e.weight;
	}
	return PL_OK;
}

/* The observations of every alternative at locus l. */
static void scen_locus(adv *v, adv_scen *s)
{
	for(int i = 0; i < s->nalt; i++) {
		adv_alt *x = &s->alt[i];
		for(int j = 0; j < x->p1.n; j++) {
			x->o1[j] = x->prof[j] ? dna_obs_of(x->prof[j], v->l, &v->o->model)
			                      : (dna_obs){-1, -1, false};
			x->o0[j] = x->o1[j];
		}
		x->o0[x->p1.n] = (dna_obs){-1, -1, false};
	}
	hmap_free(&s->cache);
	hmap_init(&s->cache);
}

/* ---- a locus ---------------------------------------------------------------------- */

/* EP_l: the population probability of the genotypes that the references
 * rule out without mutation (d: the likelihoods with the model's own). */
static pl_rc locus_ep(adv *v, adv_scen *base, const adv_dist *d, double *ep)
{
	const double *p = v->k->loci[v->l].p;
	dna_model plain = v->o->model;
	plain.mutation = false;
	*ep = 0;
	for(int g = 0; g < v->G; g++) {
		double q = d->v[g];
		if(v->o->model.mutation) {
			pl_rc rc = lik(v, base, g, NULL, false, &plain, &q);
			if(rc)
				return rc;
		}
		if(q == 0) {
			dna_obs x = slot_obs(g);
			*ep += x.a == x.b ? p[x.a] * p[x.a] : 2 * p[x.a] * p[x.b];
		}
	}
	return PL_OK;
}

/* The relatives of scenario s drawn after M's genotype draws[0], into
 * draws[1..]; *lr the LR of M's genotype with them typed. */
static pl_rc draw_relatives(adv *v, adv_scen *s, rng *rg, int draws[3], double *lr)
{
	double h1 = 0, h0;
	for(int depth = 1; depth <= s->nr; depth++) {
		adv_dist *d;
		pl_rc rc = dist_of(v, s, depth, draws, &d);
		if(rc)
			return rc;
		if(d->cdf[v->G - 1] <= 0) { /* cannot happen when M's draw fits */
			*lr = 1;
			return PL_OK;
		}
		draws[depth] = dna_draw_cdf(d->cdf, v->G, rng_unit(rg));
		h1 = d->v[draws[depth]];
	}
	pl_rc rc = denominator(v, s, draws, &h0);
	*lr = h0 > 0 ? h1 / h0 : 1;
	return rc;
}

/* Locus v->l for every scenario: M's draws from the family as it is
 * (gdraw), reused by the others. *said false when the references
 * contradict each other there (no genotype of M has a likelihood). */
static pl_rc locus_run(adv *v, adv_scen *sc, const bool *asked, int nsc, int *gdraw, rng *rg,
                       double *ep, bool *said)
{
	for(int c = 0; c < nsc; c++)
		if(asked[c])
			scen_locus(v, &sc[c]);
	arena_reset(&v->cache);
	adv_dist *d;
	pl_rc rc = dist_of(v, &sc[0], 0, NULL, &d);
	if(rc)
		return rc;
	if(!(*said = d->cdf[v->G - 1] > 0))
		return PL_OK;
	if((rc = locus_ep(v, &sc[0], d, ep)))
		return rc;
	int S = v->o->simulations;
	for(int s = 0; !rc && s < S; s++) {
		double h0;
		int g = gdraw[s] = dna_draw_cdf(d->cdf, v->G, rng_unit(&rg[0]));
		if(!(rc = denominator(v, &sc[0], &g, &h0)) && h0 > 0)
			sc[0].sum[s] += log10(d->v[g] / h0);
	}
	for(int c = 1; !rc && c < nsc; c++)
		for(int s = 0; asked[c] && !rc && s < S; s++) {
			int draws[3] = {gdraw[s], -1, -1};
			double lr;
			if(!(rc = draw_relatives(v, &sc[c], &rg[c], draws, &lr)))
				sc[c].sum[s] += log10(lr);
		}
	return rc;
}

/* ---- the advice ------------------------------------------------------------------- */

/* Whether any reference of the family is typed at locus l. */
static bool family_typed(const dna_kin *kin, int l)
{
	for(int i = 0; i < kin->nalt; i++)
		for(int j = 0; j < kin->alt[i].ped.n; j++)
			if(kin->alt[i].prof[j] && dna_typed(kin->alt[i].prof[j]->g[l]))
				return true;
	return false;
}

static double share_reaching(const double *sum, int S, double needed, double *mean)
{
	int hit = 0;
	double total = 0;
	for(int s = 0; s < S; s++) {
		hit += sum[s] >= needed - 1e-9;
		total += sum[s];
	}
	if(mean)
		*mean = total / S;
	return (double)hit / S;
}

static pl_rc advise_loci(adv *v, const dna_kin *kin, adv_scen *sc, const bool *asked, int nsc,
                         rng *rg, dna_advice *out, double *ep, arena *a)
{
	int *gdraw = arena_alloc(a, (size_t)v->o->simulations * sizeof(int));
	if(!gdraw)
		return pl_nomem(v->err);
	const dna_profile *own = kin->alt[0].prof[v->m];
	int nep = 0;
	for(int l = 0; l < v->k->nloci; l++) {
		if(!family_typed(kin, l))
			continue;
		v->l = l;
		v->G = dna_slots(v->k->loci[l].n);
		v->own = own ? dna_obs_of(own, l, &v->o->model) : (dna_obs){-1, -1, false};
		bool said;
		pl_rc rc = locus_run(v, sc, asked, nsc, gdraw, rg, &ep[nep], &said);
		if(rc) {
			pl_err_prefix(v->err, "locus %s: ", v->k->loci[l].name);
			return rc;
		}
		out->loci++;
		nep += said;
	}
	double none = 1;
	for(int i = 0; i < nep; i++)
		none *= 1 - ep[i];
	out->now.ep = 1 - none;
	out->now.ep_rule = dna_poibin_tail(ep, nep, v->o->max_inconsistent);
	return PL_OK;
}

static void advise_results(const adv *v, adv_scen *sc, const bool *asked, int nsc, dna_advice *out)
{
	int S = v->o->simulations;
	out->now.included = share_reaching(sc[0].sum, S, v->o->log10_needed, &out->now.mean_log10_lr);
	for(int c = 1; c < nsc; c++) {
		if(!asked[c])
			continue;
		out->after[c - 1] = share_reaching(sc[c].sum, S, v->o->log10_needed, NULL);
		double gain = out->after[c - 1] - out->now.included;
		if(gain > out->gain) {
			out->gain = gain;
			out->best = c - 1;
		}
	}
}

pl_rc dna_advise(const dna_kit *k, const dna_kin *kin, int which, const dna_advice_opts *o,
                 dna_advice *out, pl_err *err)
{
	memset(out, 0, sizeof(*out));
	out->best = -1;
	for(int c = 0; c < DNA_ASK_COUNT; c++)
		out->after[c] = NAN;
	if(o->simulations < 1 || kin->nalt < 1 || which < 0 || which >= kin->nmissing)
		return pl_fail(err, PL_EINPUT, "advice: nothing to simulate (simulations %d, %d pedigrees)",
		               o->simulations, kin->nalt);
	adv v = {.k = k, .o = o, .m = kin->missing[which], .err = err};
	arena a;
	arena_init(&a, 1 << 16);
	arena_init(&v.scratch, 1 << 16);
	arena_init(&v.cache, 1 << 16);
	enum { NSC = 1 + DNA_ASK_COUNT };
	adv_scen sc[NSC];
	bool asked[NSC];
	rng rg[NSC];
	int nsc = o->relatives ? NSC : 1;
	uint64_t seed = o->seed ^ hmap_hash(kin->person[which], strlen(kin->person[which]));
	pl_rc rc = PL_OK;
	int made = 0;
	for(; !rc && made < nsc; made++) {
		rng_seed(&rg[made], seed + (uint64_t)made);
		rc = scen_make(&v, kin, made - 1, &sc[made], &asked[made], &a);
	}
	double *ep = arena_alloc(&a, (size_t)(k->nloci + 1) * sizeof(double));
	if(!rc && !ep)
		rc = pl_nomem(err);
	if(!rc)
		rc = advise_loci(&v, kin, sc, asked, nsc, rg, out, ep, &a);
	if(!rc)
		advise_results(&v, sc, asked, nsc, out);
	out->engine_calls = v.calls;
	for(int c = 0; c < made; c++)
		hmap_free(&sc[c].cache);
	arena_free(&v.cache);
	arena_free(&v.scratch);
	arena_free(&a);
	return rc;
}
