/* Sampling advice (advice.h): the inclusion and exclusion power of a
 * family's references for their missing person, and the relatives who
 * would raise the inclusion power, by simulation through the likelihood
 * engine (ped.h).
 *
 * Every distribution of a genotype to draw (M's given the references, a
 * relative's given them and M's) is one pass of the engine per pedigree
 * alternative that leaves that individual free (dna_ped_joint), not one
 * call per genotype. At theta 0 an unrelated person U is independent of
 * the family, so the LR's denominator L(family, U typed g) is the
 * family's likelihood times U's Hardy-Weinberg probability: one more pass
 * per locus and relatives typed, whatever M's genotype. */
#include <math.h>
#include <string.h>

#include "core/hmap.h"
#include "core/rng.h"
#include "dna/advice.h"
#include "dna/advice_locus.h"
#include "dna/advice_pair.h"

/* One alternative pedigree of a scenario: the family with the relative
 * asked for, r[] the relatives to type. */
typedef struct adv_alt {
	dna_ped p1;
	const dna_profile **prof;
	dna_obs *o1;              /* at the locus, in its numbering: the references */
	dna_obs *tmp;             /* those in the reduced numbering, for one call */
	double w;
	int r[2];
} adv_alt;

/* The family as it is (nr 0), or with a relative asked for; pair: the
 * first relative's distributions from the joint table of M and them
 * (advice_pair.h, pt at the locus), else each by a pass of its own. */
typedef struct adv_scen {
	adv_alt *alt;
	int nalt, nr;
	bool pair, newco;         /* at this locus (below: wanted, beyond the engine's bound not) */
	bool pair_wanted, newco_wanted;
	dna_pairtab pt;
	dna_sex sex[2];           /* then M's and the other parent's */
	hmap cache;               /* per locus: distributions and denominators by key */
	double *sum;              /* per simulation: the log10 LR so far */
} adv_scen;

/* A genotype distribution on locus R: likelihoods v per slot and their
 * running sums; den, once needed, the denominators' family part per slot
 * of the last individual drawn (with M as sampled). */
typedef struct adv_dist {
	dna_alocus *R;
	double *v, *cdf;
	const double *den;
	int G;
} adv_dist;

typedef struct adv {
	const dna_kit *k;
	const dna_advice_opts *o;
	int m, l;
	dna_obs own;              /* M's own sample at the locus, if any */
	bool *seen;               /* per allele of the locus: typed in the family (or all: no lumping) */
	double *J, *Jalt;         /* most x most: a joint table, summed over the alternatives */
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

/* ---- the engine over a scenario's alternatives ----------------------------------- */

/* v[g] for every slot g = (a, b) of an n-allele locus: the joint table's
 * two phases (one for a homozygote), times f. */
static void slot_sums(const double *J, int n, double f, double *v)
{
	for(int b = 0, g = 0; b < n; b++)
		for(int a = 0; a <= b; a++, g++)
			v[g] = f * (a == b ? J[a * n + a] : J[a * n + b] + J[b * n + a]);
}

/* The joint table of individual `who` of alternative x by a call for each
 * of their genotypes, when one pass leaving them free is beyond the
 * engine's bound (a table of many alleles, --exact): the genotype's
 * likelihood in J's cell (a, b), a <= b, the other phase 0 (the advice
 * reads J summed over the phases only). */
static pl_rc joint_by_genotype(adv *v, adv_alt *x, const dna_alocus *R, int who, const dna_model *mod)
{
	int n = R->L.n;
	memset(v->Jalt, 0, (size_t)n * (size_t)n * sizeof(double));
	for(int b = 0; b < n; b++)
		for(int a = 0; a <= b; a++) {
			x->tmp[who] = (dna_obs){(int16_t)a, (int16_t)b, false};
			pl_rc rc = dna_ped_likelihood(&R->L, mod, &x->p1, x->tmp, &v->Jalt[a * n + b], &v->scratch,
			                              v->err);
			v->calls++;
			if(rc)
				return rc;
		}
	return PL_OK;
}

/* sum over alternatives of w J at locus R, J the joint table of the
 * individual at `depth` (0: M, j: the j-th relative asked for), left free;
 * M typed gm (a reduced slot), or as sampled when gm < 0; the relatives
 * before depth typed r[] (reduced slots), those after it untyped. */
static pl_rc joint(adv *v, adv_scen *s, const dna_alocus *R, int depth, int gm, const int *r,
                   const dna_model *mod)
{
	int n = R->L.n;
	memset(v->J, 0, (size_t)n * (size_t)n * sizeof(double));
	for(int i = 0; i < s->nalt; i++) {
		adv_alt *x = &s->alt[i];
		for(int j = 0; j < x->p1.n; j++)
			x->tmp[j] = dna_alocus_reduce(R, x->o1[j]);
		if(gm >= 0)
			x->tmp[v->m] = dna_slot_obs(gm);
		for(int j = 0; j < s->nr; j++)
			x->tmp[x->r[j]] = j + 1 < depth ? dna_slot_obs(r[j]) : (dna_obs){-1, -1, false};
		int who = depth ? x->r[depth - 1] : v->m;
		pl_rc rc = dna_ped_joint(&R->L, mod, &x->p1, x->tmp, who, v->Jalt, &v->scratch, v->err);
		v->calls++;
		if(rc == PL_ELIMIT) {
			pl_err_clear(v->err);
			rc = joint_by_genotype(v, x, R, who, mod);
		}
		if(rc)
			return rc;
		for(int c = 0; c < n * n; c++)
			v->J[c] += x->w * v->Jalt[c];
	}
	return PL_OK;
}

static pl_rc dist_alloc(adv *v, adv_dist *d)
{
	d->G = dna_slots(d->R->L.n);
	d->v = arena_alloc(&v->cache, (size_t)d->G * sizeof(double));
	d->cdf = arena_alloc(&v->cache, (size_t)d->G * sizeof(double));
	return d->v && d->cdf ? PL_OK : pl_nomem(v->err);
}

/* The likelihoods of every genotype of the next individual to draw at
 * locus R: M (depth 0; M's own sample, if any, is in the table) or the
 * relatives asked for (depth 1, 2: M and the earlier ones typed red[],
 * reduced slots, times P(M's own sample | M's genotype)). */
static pl_rc enumerate(adv *v, adv_scen *s, const int *red, int depth, const dna_obs *drawn,
                       adv_dist *d)
{
	pl_rc rc = dist_alloc(v, d);
	dna_pair_classes c = {d->R->orig, d->R->k, d->R->L.n > d->R->k};
	if(rc) {
		return rc;
	} else if(s->pair && depth == 1) { /* from the joint table of M and the relative */
		dna_pairtab_given(&s->pt, drawn[0], &c, d->v);
	} else if(s->newco && depth == 2) { /* the child's other parent, by Mendel's law */
		double *vm = arena_alloc(&v->cache, (size_t)d->G * sizeof(double));
		double *den = arena_alloc(&v->cache, (size_t)d->G * sizeof(double));
		if(!vm || !den)
			return pl_nomem(v->err);
		dna_pairtab_missing(&s->pt, &c, vm);
		dna_alocus_coparent(d->R, vm, red[0], s->sex[0], s->sex[1], red[1], d->v, den);
		d->den = den;
	} else {
		if((rc = joint(v, s, d->R, depth, depth ? red[0] : -1, red + 1, &v->o->model)))
			return rc;
		double f = depth ? dna_own_given(dna_alocus_reduce(d->R, v->own), red[0], v->o->model.dropout)
		                 : 1;
		slot_sums(v->J, d->R->L.n, f, d->v);
	}
	double run = 0;
	for(int g = 0; g < d->G; g++)
		d->cdf[g] = run += d->v[g];
	return PL_OK;
}

/* The distribution of the individual at `depth` given the earlier draws
 * (genotypes of the locus): on a locus where the family's alleles and
 * theirs are explicit. Cached by the draws. */
static pl_rc dist_of(adv *v, adv_scen *s, int depth, const dna_obs *drawn, adv_dist **out)
{
	int key[4] = {depth, -1, -1, -1};
	for(int j = 0; j < depth; j++)
		key[1 + j] = dna_slot(drawn[j].a, drawn[j].b);
	if((*out = hmap_get(&s->cache, (const char *)key, sizeof(key))))
		return PL_OK;
	const dna_locus *O = &v->k->loci[v->l];
	adv_dist *d = arena_calloc(&v->cache, 1, sizeof(*d));
	bool *keep = arena_alloc(&v->cache, (size_t)O->n);
	if(!d || !keep)
		return pl_nomem(v->err);
	memcpy(keep, v->seen, (size_t)O->n);
	for(int j = 0; j < depth; j++)
		keep[drawn[j].a] = keep[drawn[j].b] = true;
	/* the joint table needs the classes only */
	bool mats = v->o->model.mutation && !(s->pair && depth == 1);
	pl_rc rc = dna_alocus_make(O, keep, mats, &v->cache, &d->R);
	if(rc)
		return pl_nomem(v->err);
	int red[2];
	for(int j = 0; j < depth; j++) {
		dna_obs x = dna_alocus_reduce(d->R, drawn[j]);
		red[j] = dna_slot(x.a, x.b);
	}
	if(!(rc = enumerate(v, s, red, depth, drawn, d)) &&
	   hmap_put(&s->cache, (const char *)key, sizeof(key), d))
		rc = pl_nomem(v->err);
	*out = d;
	return rc;
}

/* The family part of the LR's denominators on d's locus, per slot of the
 * last relative drawn (depth): L(references, M as sampled, the earlier
 * relatives typed drawn[1..], the last free). It depends on d's locus
 * (which alleles are explicit) and the earlier relatives, not on M's
 * genotype: cached by those. */
static pl_rc den_of(adv *v, adv_scen *s, adv_dist *d, int depth, const dna_obs *drawn)
{
	if(d->den)
		return PL_OK;
	const dna_locus *O = &v->k->loci[v->l];
	size_t len = 2 * sizeof(int) + (size_t)O->n;
	char *key = arena_alloc(&v->cache, len);
	if(!key)
		return pl_nomem(v->err);
	int head[2] = {-2 - depth, depth > 1 ? dna_slot(drawn[1].a, drawn[1].b) : -1};
	memcpy(key, head, sizeof(head));
	for(int x = 0; x < O->n; x++)
		key[sizeof(head) + (size_t)x] = (char)(d->R->red[x] < d->R->k);
	if((d->den = hmap_get(&s->cache, key, len)))
		return PL_OK;
	double *den = arena_alloc(&v->cache, (size_t)d->G * sizeof(double));
	int r[1] = {-1};
	if(!den)
		return pl_nomem(v->err);
	if(s->pair && depth == 1) {
		dna_pair_classes c = {d->R->orig, d->R->k, d->R->L.n > d->R->k};
		dna_pairtab_marginal(&s->pt, &c, den);
		d->den = den;
		return hmap_put(&s->cache, key, len, den) ? pl_nomem(v->err) : PL_OK;
	}
	if(depth > 1) {
		dna_obs x = dna_alocus_reduce(d->R, drawn[1]);
		r[0] = dna_slot(x.a, x.b);
	}
	pl_rc rc = joint(v, s, d->R, depth, -1, r, &v->o->model);
	if(rc)
		return rc;
	slot_sums(v->J, d->R->L.n, 1, den);
	d->den = den;
	return hmap_put(&s->cache, key, len, den) ? pl_nomem(v->err) : PL_OK;
}

/* ---- scenarios ------------------------------------------------------------------- */

/* Whether the two relatives asked for are a child of M and the child's
 * other parent, both new: a founder untyped, the parent of that child
 * only, who has no children. Then given M's genotype they say nothing of
 * the references. sex[]: M's and the other parent's. */
static bool new_coparent(const adv_alt *x, int m, dna_sex sex[2])
{
	const dna_ped *p = &x->p1;
	int child = x->r[0], co = x->r[1], kids = 0;
	if(p->father[co] >= 0 || x->prof[co] || x->prof[child] ||
	   !((p->father[child] == m && p->mother[child] == co) ||
	     (p->father[child] == co && p->mother[child] == m)))
		return false;
	for(int i = 0; i < p->n; i++)
		kids += (p->father[i] == co || p->mother[i] == co) + 2 * (p->father[i] == child || p->mother[i] == child);
	sex[0] = p->sex[m];
	sex[1] = p->sex[co];
	return kids == 1;
}

/* Scenario s from kin's alternatives with `ask` (or as they are, ask < 0;
 * or with their individual `member` typed, member >= 0). *asked false
 * when the relative is typed already in some alternative, and with
 * members when they are in the pedigree already (their member's scenario
 * says it, or they are typed or missing). */
static pl_rc scen_make(adv *v, const dna_kin *kin, int ask, int member, adv_scen *s, bool *asked,
                       arena *a)
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
		if(member >= 0) {
			x->r[0] = member;
			s->nr = 1;
		} else if(ask >= 0) {
			pl_rc rc = dna_ask_edit(&kin->alt[i], v->m, (dna_ask)ask, &e, x->r, &nr, a, v->err);
			if(rc)
				return rc;
			*asked &= nr > 0;
			for(int j = 0; v->o->members && j < nr; j++)
				*asked &= x->r[j] >= kin->alt[i].ped.n;
			s->nr = nr;
		}
		size_t n = (size_t)e.ped.n;
		x->o1 = arena_calloc(a, n, sizeof(dna_obs));
		x->tmp = arena_calloc(a, n, sizeof(dna_obs));
		if(!x->o1 || !x->tmp)
			return pl_nomem(v->err);
		x->p1 = e.ped;
		x->prof = e.prof;
		x->w = e.weight;
	}
	s->pair = s->nr > 0 && !v->o->exact && !v->o->one_by_one;
	s->newco = s->pair && s->nr == 2;
	for(int i = 0; s->newco && i < s->nalt; i++)
		s->newco = new_coparent(&s->alt[i], v->m, s->sex);
	s->pair_wanted = s->pair;
	s->newco_wanted = s->newco;
	return PL_OK;
}

/* The joint table of M and the first relative at locus v->l (advice_pair.h). */
static pl_rc scen_pair(adv *v, adv_scen *s)
{
	dna_pair_alt *pa = arena_alloc(&v->cache, (size_t)s->nalt * sizeof(*pa));
	if(!pa)
		return pl_nomem(v->err);
	for(int i = 0; i < s->nalt; i++)
		pa[i] = (dna_pair_alt){&s->alt[i].p1, s->alt[i].o1, s->alt[i].w, v->m, s->alt[i].r[0]};
	v->calls += s->nalt; /* one pass each (dna_ped_joint2) */
	return dna_pairtab_build(&v->k->loci[v->l], v->seen, &v->o->model, pa, s->nalt, &s->pt,
	                         &v->cache, &v->scratch, v->err);
}

/* The observations of every alternative at locus v->l; M's and the
 * relatives' are set per call. */
static void scen_locus(adv *v, adv_scen *s)
{
	for(int i = 0; i < s->nalt; i++) {
		adv_alt *x = &s->alt[i];
		for(int j = 0; j < x->p1.n; j++)
			x->o1[j] = x->prof[j] ? dna_obs_of(x->prof[j], v->l, &v->o->model)
			                      : (dna_obs){-1, -1, false};
	}
	hmap_free(&s->cache);
	hmap_init(&s->cache);
}

/* Which alleles of locus l anyone of the family shows (all, without lumping). */
static void locus_seen(adv *v, const dna_kin *kin)
{
	const dna_locus *O = &v->k->loci[v->l];
	memset(v->seen, !v->o->exact ? 0 : 1, (size_t)O->n);
	for(int i = 0; i < kin->nalt; i++)
		for(int j = 0; j < kin->alt[i].ped.n; j++) {
			const dna_profile *pr = kin->alt[i].prof[j];
			if(pr && dna_typed(pr->g[v->l]))
				v->seen[pr->g[v->l].a] = v->seen[pr->g[v->l].b] = true;
		}
}

/* ---- a locus ---------------------------------------------------------------------- */

/* EP_l: the population probability of the genotypes that the references
 * rule out without mutation (d: M's likelihoods with the model's own). */
static pl_rc locus_ep(adv *v, adv_scen *base, const adv_dist *d, double *ep)
{
	const double *q = d->v;
	if(v->o->model.mutation) {
		dna_model plain = v->o->model;
		plain.mutation = false;
		double *t = arena_alloc(&v->cache, (size_t)d->G * sizeof(double));
		pl_rc rc = t ? joint(v, base, d->R, 0, -1, NULL, &plain) : pl_nomem(v->err);
		if(rc)
			return rc;
		slot_sums(v->J, d->R->L.n, 1, t);
		q = t;
	}
	*ep = 0;
	for(int g = 0; g < d->G; g++)
		if(q[g] == 0)
			*ep += dna_alocus_hw(d->R, g);
	return PL_OK;
}

/* The relatives of scenario s drawn after M's genotype drawn[0] (of the
 * locus), into drawn[1..]; *lr the LR of M's genotype with them typed. */
static pl_rc draw_relatives(adv *v, adv_scen *s, rng *rg, dna_obs drawn[3], double *lr)
{
	adv_dist *d = NULL;
	int last = 0;
	for(int depth = 1; depth <= s->nr; depth++) {
		pl_rc rc = dist_of(v, s, depth, drawn, &d);
		if(rc)
			return rc;
		if(d->cdf[d->G - 1] <= 0) { /* cannot happen when M's draw fits */
			*lr = 1;
			return PL_OK;
		}
		last = dna_draw_cdf(d->cdf, d->G, rng_unit(rg));
		drawn[depth] = dna_alocus_draw(d->R, last, rg);
	}
	/* the last relative's lumped allele stays lumped: d's locus and slots */
	pl_rc rc = den_of(v, s, d, s->nr, drawn);
	if(rc)
		return rc;
	dna_obs m = dna_alocus_reduce(d->R, drawn[0]);
	double h0 = dna_alocus_hw(d->R, dna_slot(m.a, m.b)) * d->den[last];
	*lr = h0 > 0 ? d->v[last] / h0 : 1;
	return PL_OK;
}

/* Locus v->l for the family as it is: M's draws (gdraw: genotypes of the
 * locus, reused by the relatives' scenarios). *said false when the
 * references contradict each other there (no genotype of M has a
 * likelihood). */
static pl_rc locus_base(adv *v, adv_scen *base, dna_obs *gdraw, rng *rg, double *ep, bool *said)
{
	scen_locus(v, base);
	arena_reset(&v->cache);
	adv_dist *d;
	pl_rc rc = dist_of(v, base, 0, NULL, &d);
	if(rc)
		return rc;
	/* the family's likelihood with M as sampled: every genotype's summed */
	double fam = d->cdf[d->G - 1];
	if(!(*said = fam > 0))
		return PL_OK;
	if((rc = locus_ep(v, base, d, ep)))
		return rc;
	for(int s = 0; s < v->o->simulations; s++) {
		int g = dna_draw_cdf(d->cdf, d->G, rng_unit(rg));
		gdraw[s] = dna_alocus_draw(d->R, g, rg);
		double h0 = fam * dna_alocus_hw(d->R, g);
		if(h0 > 0)
			base->sum[s] += log10(d->v[g] / h0);
	}
	return PL_OK;
}

/* Locus v->l for the relatives asked for, after M's draws gdraw. */
static pl_rc locus_relatives(adv *v, adv_scen *sc, const bool *ask, int nsc, const dna_obs *gdraw,
                             rng *rg)
{
	pl_rc rc = PL_OK;
	arena_reset(&v->cache);
	for(int c = 1; !rc && c < nsc; c++) {
		if(!ask[c])
			continue;
		scen_locus(v, &sc[c]);
		sc[c].pair = sc[c].pair_wanted;
		sc[c].newco = sc[c].newco_wanted;
		if(sc[c].pair && (rc = scen_pair(v, &sc[c])) == PL_ELIMIT) {
			/* a pass a genotype of M here, as --exact does */
			pl_err_clear(v->err);
			sc[c].pair = sc[c].newco = false;
			rc = PL_OK;
		}
		if(rc)
			break;
		for(int s = 0; !rc && s < v->o->simulations; s++) {
			dna_obs drawn[3] = {gdraw[s]};
			double lr;
			if(!(rc = draw_relatives(v, &sc[c], &rg[c], drawn, &lr)))
				sc[c].sum[s] += log10(lr);
		}
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

/* Whether the parent of M on that side (0 father, 1 mother) is typed in
 * every pedigree: then the relatives on that side say nothing more of M
 * (their genotypes and M's are independent given the parent's). */
static bool parent_typed(const dna_kin *kin, int m, int side)
{
	for(int i = 0; i < kin->nalt; i++) {
		const dna_pedigree *p = &kin->alt[i];
		int x = side ? p->ped.mother[m] : p->ped.father[m];
		if(x < 0 || !p->prof[x])
			return false;
	}
	return true;
}

/* The relatives worth simulating: not typed already, not behind a typed
 * parent (theirs is then M's power as it is: *same). */
static void relatives_to_ask(const adv *v, const dna_kin *kin, bool *asked, bool *same, int nsc)
{
	static const signed char side[DNA_ASK_COUNT] = { /* the members: not behind a typed one */
		[DNA_ASK_FATHER] = -1, [DNA_ASK_MOTHER] = -1, [DNA_ASK_FULL_SIB] = -1,
		[DNA_ASK_CHILD] = -1, [DNA_ASK_CHILD_AND_PARENT] = -1, [DNA_ASK_HALF_SIB_PAT] = 0,
		[DNA_ASK_HALF_SIB_MAT] = 1, [DNA_ASK_GRANDPARENT_PAT] = 0, [DNA_ASK_GRANDPARENT_MAT] = 1,
		[DNA_ASK_UNCLE_PAT] = 0, [DNA_ASK_UNCLE_MAT] = 1};
	bool typed[2] = {parent_typed(kin, v->m, 0), parent_typed(kin, v->m, 1)};
	for(int c = 1; c <= DNA_ASK_COUNT && c < nsc; c++) {
		same[c] = asked[c] && side[c - 1] >= 0 && typed[side[c - 1]];
		asked[c] &= !same[c];
	}
}

/* Over the family's loci: M's draws and the powers as they are, then,
 * unless every draw reaches the threshold already, the relatives'. */
static pl_rc advise_loci(adv *v, const dna_kin *kin, adv_scen *sc, bool *asked, bool *same,
                         int nsc, rng *rg, dna_advice *out, double *ep, arena *a)
{
	int S = v->o->simulations, most = 0, nl = v->k->nloci;
	dna_obs *gdraw = arena_alloc(a, (size_t)S * (size_t)nl * sizeof(dna_obs));
	bool *said = arena_calloc(a, (size_t)nl, sizeof(bool));
	for(int l = 0; l < nl; l++)
		most = v->k->loci[l].n > most ? v->k->loci[l].n : most;
	v->seen = arena_alloc(a, (size_t)most + 1);
	v->J = arena_alloc(a, (size_t)(most * most + 1) * sizeof(double));
	v->Jalt = arena_alloc(a, (size_t)(most * most + 1) * sizeof(double));
	if(!gdraw || !said || !v->seen || !v->J || !v->Jalt)
		return pl_nomem(v->err);
	const dna_profile *own = kin->alt[0].prof[v->m];
	int nep = 0;
	for(int pass = 0; pass < 2; pass++) {
		if(pass && share_reaching(sc[0].sum, S, v->o->log10_needed, NULL) >= 1) {
			for(int c = 1; c < nsc; c++)
				asked[c] = false; /* nothing to gain: same[] says who could be asked */
			break;
		}
		if(pass)
			relatives_to_ask(v, kin, asked, same, nsc);
		for(int l = 0; l < nl; l++) {
			if(!family_typed(kin, l) || (pass && !said[l]))
				continue;
			v->l = l;
			locus_seen(v, kin);
			v->own = own ? dna_obs_of(own, l, &v->o->model) : (dna_obs){-1, -1, false};
			pl_rc rc = pass ? locus_relatives(v, sc, asked, nsc, gdraw + (size_t)l * S, rg)
			                : locus_base(v, &sc[0], gdraw + (size_t)l * S, &rg[0], &ep[nep], &said[l]);
			if(rc) {
				pl_err_prefix(v->err, "locus %s: ", v->k->loci[l].name);
				return rc;
			}
			out->loci += !pass;
			nep += !pass && said[l];
		}
		if(!pass)
			for(int c = 1; c < nsc; c++)
				same[c] = asked[c]; /* until asked: all reach already */
	}
	double none = 1;
	for(int i = 0; i < nep; i++)
		none *= 1 - ep[i];
	out->now.ep = 1 - none;
	out->now.ep_rule = dna_poibin_tail(ep, nep, v->o->max_inconsistent);
	return PL_OK;
}

static void advise_results(const adv *v, adv_scen *sc, const bool *asked, const bool *same, int nsc,
                           dna_advice *out)
{
	int S = v->o->simulations;
	double ga = 0, gm = 0;      /* the best gains of the relatives asked for, of the members */
	out->now.included = share_reaching(sc[0].sum, S, v->o->log10_needed, &out->now.mean_log10_lr);
	for(int c = 1; c < nsc; c++) {
		/* the relatives asked for, then the pedigree's members */
		double *after = c <= DNA_ASK_COUNT ? &out->after[c - 1]
		                                   : &out->member_after[c - 1 - DNA_ASK_COUNT];
		if(same[c])
			*after = out->now.included;
		if(!asked[c])
			continue;
		*after = share_reaching(sc[c].sum, S, v->o->log10_needed, NULL);
		double gain = *after - out->now.included;
		int *best = c > DNA_ASK_COUNT ? &out->best_member : &out->best;
		int at = c > DNA_ASK_COUNT ? c - 1 - DNA_ASK_COUNT : c - 1;
		double *top = c > DNA_ASK_COUNT ? &gm : &ga;
		if(gain > *top) {
			*top = gain;
			*best = at;
		}
	}
	/* in a pedigree the individuals not typed are the ones to ask; a
	 * relative new to it only when none of them helps */
	out->gain = out->best_member >= 0 ? gm : ga;
}

pl_rc dna_advise(const dna_kit *k, const dna_kin *kin, int which, const dna_advice_opts *o,
                 dna_advice *out, pl_err *err)
{
	memset(out, 0, sizeof(*out));
	out->best = out->best_member = -1;
	for(int c = 0; c < DNA_ASK_COUNT; c++)
		out->after[c] = NAN;
	for(int c = 0; c < DNA_ADVICE_MEMBERS; c++)
		out->member_after[c] = NAN;
	if(o->simulations < 1 || kin->nalt < 1 || which < 0 || which >= kin->nmissing)
		return pl_failc(err, PL_EINPUT, "dna.nothing_to_simulate", "simulations", PL_N(o->simulations),
		                "pedigrees", PL_N(kin->nalt), NULL);
	/* the LR's denominator is the family's likelihood times an unrelated
	 * person's Hardy-Weinberg probability: theta 0 (docs/dna.md) */
	if(o->model.theta != 0)
		return pl_fail(err, PL_EUSAGE, "advice: computed at theta 0, not %g", /* not for users: the callers set theta 0 */
		               o->model.theta);
	adv v = {.k = k, .o = o, .m = kin->missing[which], .err = err};
	arena a;
	arena_init(&a, 1 << 16);
	arena_init(&v.scratch, 1 << 16);
	/* a locus's distributions and tables in one block kept across loci
	 * (a reset keeps the first block only: no allocation churn) */
	arena_init(&v.cache, 8 << 20);
	enum { NSC = 1 + DNA_ASK_COUNT + DNA_ADVICE_MEMBERS };
	adv_scen sc[NSC];
	bool asked[NSC], same[NSC] = {false};
	rng rg[NSC];
	pl_rc rc = PL_OK;
	if(o->relatives && o->members &&
	   (out->nmember = dna_advice_members(kin, v.m, out->member, DNA_ADVICE_MEMBERS,
	                                      &out->members_left)) < 0)
		rc = pl_nomem(err);
	int nsc = !o->relatives ? 1 : o->members ? 1 + DNA_ASK_COUNT + out->nmember : 1 + DNA_ASK_COUNT;
	uint64_t seed = o->seed ^ hmap_hash(kin->person[which], strlen(kin->person[which]));
	int made = 0;
	for(; !rc && made < nsc; made++) {
		int member = made > DNA_ASK_COUNT ? out->member[made - 1 - DNA_ASK_COUNT] : -1;
		rng_seed(&rg[made], seed + (uint64_t)made);
		rc = scen_make(&v, kin, made - 1, member, &sc[made], &asked[made], &a);
	}
	double *ep = arena_alloc(&a, (size_t)(k->nloci + 1) * sizeof(double));
	if(!rc && !ep)
		rc = pl_nomem(err);
	if(!rc)
		rc = advise_loci(&v, kin, sc, asked, same, nsc, rg, out, ep, &a);
	if(!rc)
		advise_results(&v, sc, asked, same, nsc, out);
	out->engine_calls = v.calls;
	for(int c = 0; c < made; c++)
		hmap_free(&sc[c].cache);
	arena_free(&v.cache);
	arena_free(&v.scratch);
	arena_free(&a);
	return rc;
}
