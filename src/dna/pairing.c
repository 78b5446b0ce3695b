/* Posterior pairing probabilities (pairing.h): the candidates in groups of
 * linked remains and missing persons, every explanation of a group
 * enumerated and its weight summed into the pairs it makes. */
#include "dna/pairing.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "dna/assign.h"

enum { W = DNA_JOINT_REMAINS };

/* A sub-assignment of a family weighed jointly: its candidates (indices
 * into c) ascending, SIZE_MAX after the last, and its joint log10 LR. */
typedef struct frow {
	size_t c[W];
	double lr;
} frow;

typedef struct ffam {
	frow *rows;
	size_t n;
} ffam;

typedef struct edge {
	int person;               /* within the group */
	int fam;                  /* the family weighed jointly it belongs to, -1: none */
	double w;                 /* log10 LR + prior odds; a family's pair: the prior odds alone */
	size_t cand;              /* the pair's candidate (its unit's best fragment) */
	double acc;               /* weight of the explanations that make it, x 10^-top */
} edge;

typedef struct group {
	const ffam *fams;
	int *gfam, ngfam;         /* the families of the group's edges */
	edge **out;               /* per unit: its pairs */
	int *nout;
	int nu, np;
	bool *used;               /* per person */
	int *pick;                /* per unit: its pair, -1: none */
	double top;               /* the heaviest explanation so far (log10): sums are kept x 10^-top */
	double total, *unone, *pnone;
	long steps, cap;
	double leaves;
	bool over, unknown;
} group;

static int by_row(const void *x, const void *y)
{
	const frow *a = x, *b = y;
	for(int t = 0; t < W; t++)
		if(a->c[t] != b->c[t])
			return a->c[t] < b->c[t] ? -1 : 1;
	return 0;
}

static void sort_key(size_t *k, int n)
{
	for(int i = 1; i < n; i++)
		for(int j = i; j > 0 && k[j - 1] > k[j]; j--) {
			size_t t = k[j];
			k[j] = k[j - 1];
			k[j - 1] = t;
		}
	for(int i = n; i < W; i++)
		k[i] = SIZE_MAX;
}

/* The families' sub-assignments in candidates of c, sorted for lookup. */
static pl_rc fams_of(const dna_pairing_family *fam, size_t nfam, ffam *out)
{
	for(size_t f = 0; f < nfam; f++) {
		out[f].rows = calloc(fam[f].rows + 1, sizeof(frow));
		if(!out[f].rows)
			return PL_ENOMEM;
		out[f].n = fam[f].unknown ? 0 : fam[f].rows;
		for(size_t e = 0; e < out[f].n; e++) {
			int k = 0;
			for(int t = 0; t < W; t++)
				if(fam[f].pairs[e][t] >= 0)
					out[f].rows[e].c[k++] = fam[f].at[fam[f].pairs[e][t]];
			sort_key(out[f].rows[e].c, k);
			out[f].rows[e].lr = fam[f].log10_lr[e];
		}
		qsort(out[f].rows, out[f].n, sizeof(frow), by_row);
	}
	return PL_OK;
}

/* ---- one group: every explanation --------------------------------------------------- */

/* The joint log10 LR of family g->gfam[f]'s pairs in the explanation at hand. */
static bool fam_lr(group *g, int f, double *lr)
{
	frow key;
	int k = 0;
	for(int i = 0; i < g->nu; i++) {
		const edge *x = g->pick[i] >= 0 ? &g->out[i][g->pick[i]] : NULL;
		if(x && x->fam == g->gfam[f]) {
			if(k == W)
				return false;
			key.c[k++] = x->cand;
		}
	}
	*lr = 0;
	if(!k)
		return true;
	sort_key(key.c, k);
	const ffam *F = &g->fams[g->gfam[f]];
	const frow *r = bsearch(&key, F->rows, F->n, sizeof(frow), by_row);
	if(r)
		*lr = r->lr;
	return r != NULL;
}

static void rescale(group *g, double top)
{
	double s = isinf(g->top) ? 0 : pow(10, g->top - top);
	g->total *= s;
	for(int i = 0; i < g->nu; i++) {
		g->unone[i] *= s;
		for(int e = 0; e < g->nout[i]; e++)
			g->out[i][e].acc *= s;
	}
	for(int p = 0; p < g->np; p++)
		g->pnone[p] *= s;
	g->top = top;
}

static void leaf(group *g, double sum)
{
	for(int f = 0; f < g->ngfam; f++) {
		double lr;
		if(!fam_lr(g, f, &lr)) {
			g->unknown = true;
			return;
		}
		sum += lr;
	}
	if(sum > g->top)
		rescale(g, sum);
	double v = pow(10, sum - g->top);
	g->total += v;
	g->leaves++;
	for(int i = 0; i < g->nu; i++) {
		if(g->pick[i] < 0)
			g->unone[i] += v;
		else
			g->out[i][g->pick[i]].acc += v;
	}
	for(int p = 0; p < g->np; p++)
		if(!g->used[p])
			g->pnone[p] += v;
}

/* Every explanation of units i..: none, or a pair whose person is free. */
static void walk(group *g, int i, double sum)
{
	if(g->over || g->unknown)
		return;
	if(++g->steps > g->cap) {
		g->over = true;
		return;
	}
	if(i == g->nu) {
		leaf(g, sum);
		return;
	}
	g->pick[i] = -1;
	walk(g, i + 1, sum);
	for(int e = 0; e < g->nout[i]; e++) {
		edge *x = &g->out[i][e];
		if(g->used[x->person])
			continue;
		g->used[x->person] = true;
		g->pick[i] = e;
		walk(g, i + 1, sum + x->w);
		g->used[x->person] = false;
	}
	g->pick[i] = -1;
}

/* Whether the group surely has more explanations than the cap allows
 * steps: k disjoint pairs (a greedy matching) give 2^k explanations, each
 * a step of its own. Spares the walk of a group of thousands its cap. */
static bool too_many(group *g)
{
	int k = 0;
	for(int i = 0; i < g->nu; i++)
		for(int e = 0; e < g->nout[i]; e++)
			if(!g->used[g->out[i][e].person]) {
				g->used[g->out[i][e].person] = true;
				k++;
				break;
			}
	memset(g->used, 0, (size_t)g->np * sizeof(bool));
	return ldexp(1, k) > (double)g->cap;
}

/* ---- a group too large: bounds ---------------------------------------------------------- */

enum { DEPTH_MAX = 64 };   /* deeper than any budget reaches */

/* The group as a graph: units 0 .. nu - 1, persons nu .. nu + np - 1, each
 * with its neighbours and the pair's posterior odds. */
typedef struct nbr {
	int v;
	double w;
} nbr;

typedef struct bgraph {
	nbr **adj;
	int *deg;
	bool *gone;
	long steps, budget;       /* of one depth */
	long total;               /* of all */
	bool cut, abort;          /* a walk was cut at the depth; the budget ran out */
	int unit, depths;         /* R_u(G) of this unit at depths 0 .. depths - 1: */
	double ulo[DEPTH_MAX], uhi[DEPTH_MAX];
	bool ucut[DEPTH_MAX];
} bgraph;

/* Bounds on R_v(H) = Z(H - v) / Z(H), Z the weight of all explanations of
 * H, the group less the vertices gone. From Z(H) = Z(H - v) + sum over
 * v's pairs (v, x) of w Z(H - v - x): R_v = 1 / (1 + sum w R_x(H - v)),
 * expanded along self-avoiding walks (Godsil's path tree; Bayati et al.
 * 2007) for `depth` levels, below which R_x lies in [1 / (1 + the weights
 * of x in what is left), 1]. R_v falls as each R_x rises, so bounds on
 * the R_x bound R_v: exact bounds, however shallow. */
static void rbound(bgraph *b, int v, int depth, double *lo, double *hi)
{
	*lo = 0;
	*hi = 1;
	if(b->abort || ++b->steps > b->budget) {
		b->abort = true;
		return;
	}
	double slo = 0, shi = 0;
	b->gone[v] = true;
	for(int k = 0; k < b->deg[v] && !b->abort; k++) {
		const nbr *x = &b->adj[v][k];
		if(b->gone[x->v])
			continue;
		double l = 1, h = 1, s = 0;
		if(depth > 0) {
			rbound(b, x->v, depth - 1, &l, &h);
		} else {
			for(int j = 0; j < b->deg[x->v]; j++)
				s += b->gone[b->adj[x->v][j].v] ? 0 : b->adj[x->v][j].w;
			l = 1 / (1 + s);
			b->cut |= s > 0;
		}
		slo += x->w * l;
		shi += x->w * h;
	}
	b->gone[v] = false;
	*lo = 1 / (1 + shi);
	*hi = 1 / (1 + slo);
}

/* R_u(G) at depth d for unit u, kept for u's next pair: *cut whether a
 * walk was cut; false if the budget ran out. */
static bool unit_bound(bgraph *b, int u, int d, double *lo, double *hi, bool *cut)
{
	if(b->unit != u)
		b->depths = 0;
	b->unit = u;
	if(d >= b->depths && d < DEPTH_MAX) {
		b->steps = 0;
		b->cut = b->abort = false;
		rbound(b, u, d, &b->ulo[d], &b->uhi[d]);
		b->total += b->steps;
		if(b->abort)
			return false;
		b->ucut[d] = b->cut;
		b->depths = d + 1;
	}
	*lo = b->ulo[d];
	*hi = b->uhi[d];
	*cut = b->ucut[d];
	return d < b->depths;
}

/* P(u takes p) = w Z(G - u - p) / Z(G) = w R_u(G) R_p(G - u): bounded
 * deeper and deeper until the bounds meet (to DNA_PAIRING_WIDTH), the
 * walks end (exact), or a depth would take more than the budget; each
 * depth's bounds hold, so they are intersected. */
static void bound_pair(bgraph *b, int u, int p, double w, double *lo, double *hi)
{
	*lo = 0;
	*hi = 1;
	for(int d = 0; d < DEPTH_MAX; d++) {
		double a, a1, c, c1;
		bool cut;
		if(!unit_bound(b, u, d, &a, &a1, &cut))
			break;
		b->steps = 0;
		b->cut = b->abort = false;
		b->gone[u] = true;
		rbound(b, p, d, &c, &c1);
		b->gone[u] = false;
		b->total += b->steps;
		if(b->abort)
			break;
		*lo = fmax(*lo, fmin(1, w * a * c));
		*hi = fmin(*hi, fmin(1, w * a1 * c1));
		if(!(cut || b->cut) || *hi - *lo <= DNA_PAIRING_WIDTH)
			break;
	}
}

/* Bounds for every pair of group g (no family weighed jointly in it). */
static pl_rc bound_group(group *g, dna_pairing *o)
{
	int nv = g->nu + g->np, n = 0;
	bgraph b = {.budget = DNA_PAIRING_BOUND_STEPS, .unit = -1};
	b.adj = calloc((size_t)nv + 1, sizeof(nbr *));
	b.deg = calloc((size_t)nv + 1, sizeof(int));
	b.gone = calloc((size_t)nv + 1, sizeof(bool));
	for(int i = 0; i < g->nu; i++)
		n += g->nout[i];
	nbr *all = calloc(2 * (size_t)n + 1, sizeof(nbr));
	pl_rc rc = b.adj && b.deg && b.gone && all ? PL_OK : PL_ENOMEM;
	for(int i = 0; !rc && i < g->nu; i++)
		for(int e = 0; e < g->nout[i]; e++) {
			b.deg[i]++;
			b.deg[g->nu + g->out[i][e].person]++;
		}
	for(int v = 0, at = 0; !rc && v < nv; v++) {
		b.adj[v] = all + at;
		at += b.deg[v];
		b.deg[v] = 0;
	}
	for(int i = 0; !rc && i < g->nu; i++)
		for(int e = 0; e < g->nout[i]; e++) {
			const edge *x = &g->out[i][e];
			double w = pow(10, x->w);
			b.adj[i][b.deg[i]++] = (nbr){g->nu + x->person, w};
			b.adj[g->nu + x->person][b.deg[g->nu + x->person]++] = (nbr){i, w};
		}
	for(int i = 0; !rc && i < g->nu; i++)
		for(int e = 0; e < g->nout[i]; e++) {
			const edge *x = &g->out[i][e];
			bound_pair(&b, i, g->nu + x->person, pow(10, x->w), &o->pairing_lo[x->cand],
			           &o->pairing_hi[x->cand]);
		}
	o->counts.bound_steps += b.total;
	free(all);
	free(b.adj);
	free(b.deg);
	free(b.gone);
	return rc;
}

/* ---- the candidates in groups --------------------------------------------------------- */

typedef struct work {
	const dna_candidate *c;
	size_t n;
	const uint32_t *unit;
	double prior;
	const dna_pairing_family *fam;
	const ffam *ff;
	size_t nfam;
	long cap;
	int *famof;               /* per candidate: its family weighed jointly, -1 */
	bool *covered;            /* per candidate: in some sub-assignment of its family */
	bool *theta0;             /* per leader: its group holds a pair computed with theta 0 */
	dna_pairing *out;
} work;

static uint32_t unit_of(const work *w, size_t i)
{
	return w->unit ? w->unit[w->c[i].remains] : w->c[i].remains;
}

/* The maps from units, persons and families to the group's own numbers
 * (rloc, floc, famloc: -1 outside it). */
typedef struct maps {
	int *rloc, *floc, *famloc;
} maps;

static pl_rc group_alloc(group *g, size_t m)
{
	g->out = calloc(m + 1, sizeof(edge *));
	g->nout = calloc(m + 1, sizeof(int));
	g->gfam = calloc(m + 1, sizeof(int));
	g->used = calloc(m + 1, sizeof(bool));
	g->pick = calloc(m + 1, sizeof(int));
	g->unone = calloc(m + 1, sizeof(double));
	g->pnone = calloc(m + 1, sizeof(double));
	return g->out && g->nout && g->gfam && g->used && g->pick && g->unone && g->pnone ? PL_OK : PL_ENOMEM;
}

static void group_free(group *g)
{
	free(g->out);
	free(g->nout);
	free(g->gfam);
	free(g->used);
	free(g->pick);
	free(g->unone);
	free(g->pnone);
}

/* The group's units, persons and families numbered, its pairs (the
 * leaders lead[0..m)) as each unit's edges; *theta0: one computed with
 * theta 0. */
static void group_fill(const work *w, group *g, edge *edges, const size_t *lead, size_t m, maps *mp,
                       bool *theta0)
{
	for(size_t j = 0; j < m; j++) {
		const dna_candidate *x = &w->c[lead[j]];
		uint32_t u = unit_of(w, lead[j]);
		int f = w->famof[lead[j]];
		if(mp->rloc[u] < 0)
			mp->rloc[u] = g->nu++;
		if(mp->floc[x->other] < 0)
			mp->floc[x->other] = g->np++;
		g->nout[mp->rloc[u]]++;
		if(f >= 0 && mp->famloc[f] < 0) {
			mp->famloc[f] = g->ngfam;
			g->gfam[g->ngfam++] = f;
		}
		g->unknown |= f >= 0 && (w->fam[f].unknown || !w->covered[lead[j]]);
		*theta0 |= x->theta0;
	}
	size_t at = 0;
	for(int i = 0; i < g->nu; i++) {
		g->out[i] = edges + at;
		at += (size_t)g->nout[i];
		g->nout[i] = 0;
		g->pick[i] = -1;
	}
	for(size_t j = 0; j < m; j++) {
		const dna_candidate *x = &w->c[lead[j]];
		int i = mp->rloc[unit_of(w, lead[j])], f = w->famof[lead[j]];
		g->out[i][g->nout[i]++] = (edge){mp->floc[x->other], f,
		                                 f >= 0 ? w->prior : x->log10_lr + w->prior, lead[j], 0};
	}
}

/* The group's results and counts: exact ones from its enumeration. */
static void group_results(work *w, const group *g, bool theta0)
{
	dna_pairing *o = w->out;
	o->counts.steps += g->steps;
	o->counts.explanations += g->over || g->unknown ? 0 : g->leaves;
	o->counts.groups += !g->over && !g->unknown;
	o->counts.capped += g->over;
	o->counts.joint += g->unknown;
	o->counts.bounded += g->over && !g->ngfam;
	uint8_t why = g->unknown ? DNA_PAIRING_JOINT : g->over ? DNA_PAIRING_CAPPED : DNA_PAIRING_EXACT;
	for(int i = 0; i < g->nu; i++)
		for(int e = 0; e < g->nout[i]; e++) {
			const edge *x = &g->out[i][e];
			w->theta0[x->cand] = theta0;
			o->why[x->cand] = why;
			if(why != DNA_PAIRING_EXACT)
				continue;
			o->pairing[x->cand] = o->pairing_lo[x->cand] = o->pairing_hi[x->cand] = x->acc / g->total;
			o->remains_none[x->cand] = g->unone[i] / g->total;
			o->person_none[x->cand] = g->pnone[x->person] / g->total;
		}
}

/* One group (the leaders lead[0..m)): enumerated where it can be, else
 * bounded where it can be, and its results. */
static pl_rc group_solve(work *w, const size_t *lead, size_t m, maps *mp)
{
	group g = {.fams = w->ff, .cap = w->cap, .top = -INFINITY};
	bool theta0 = false;
	edge *edges = calloc(m + 1, sizeof(edge));
	pl_rc rc = edges ? group_alloc(&g, m) : PL_ENOMEM;
	if(!rc) {
		group_fill(w, &g, edges, lead, m, mp, &theta0);
		g.over = !g.unknown && too_many(&g);
		if(!g.unknown && !g.over)
			walk(&g, 0, 0);
		if(g.over && !g.ngfam) /* too large to enumerate: bounds */
			rc = bound_group(&g, w->out);
	}
	if(!rc)
		group_results(w, &g, theta0);
	for(size_t j = 0; j < m; j++) { /* the maps back to -1 for the next group */
		mp->rloc[unit_of(w, lead[j])] = mp->floc[w->c[lead[j]].other] = -1;
		if(w->famof[lead[j]] >= 0)
			mp->famloc[w->famof[lead[j]]] = -1;
	}
	group_free(&g);
	free(edges);
	return rc;
}

static size_t find(size_t *up, size_t x)
{
	while(up[x] != x)
		x = up[x] = up[up[x]];
	return x;
}

typedef struct keyed {
	size_t a, b;              /* sort keys */
	size_t cand;
} keyed;

static int by_key(const void *x, const void *y)
{
	const keyed *p = x, *q = y;
	if(p->a != q->a)
		return p->a < q->a ? -1 : 1;
	return (p->b > q->b) - (p->b < q->b);
}

/* Each unit's best fragment for each person leads (dna_unit_leaders):
 * the leaders, by unit and person, in k[0..*m). */
static pl_rc leaders(const work *w, keyed *k, size_t *m, size_t *leader, pl_err *err)
{
	pl_rc rc = dna_unit_leaders(w->c, w->n, w->unit, leader, err);
	*m = 0;
	for(size_t i = 0; !rc && i < w->n; i++)
		if(leader[i] == i)
			k[(*m)++] = (keyed){unit_of(w, i), w->c[i].other, i};
	return rc;
}

/* The leaders by group (linked units and persons; a family weighed
 * jointly links its persons), each group solved. */
static pl_rc groups(work *w, keyed *k, size_t m)
{
	size_t nr = 1, nf = 1;
	for(size_t j = 0; j < m; j++) {
		nr = k[j].a + 1 > nr ? k[j].a + 1 : nr;
		nf = k[j].b + 1 > nf ? k[j].b + 1 : nf;
	}
	for(size_t f = 0; f < w->nfam; f++)
		for(size_t t = 0; t < w->fam[f].n; t++)
			nf = w->c[w->fam[f].at[t]].other + 1 > nf ? w->c[w->fam[f].at[t]].other + 1 : nf;
	size_t *up = malloc((nr + nf) * sizeof(size_t)), *lead = malloc((m + 1) * sizeof(size_t));
	maps mp = {malloc(nr * sizeof(int)), malloc(nf * sizeof(int)), malloc((w->nfam + 1) * sizeof(int))};
	pl_rc rc = up && lead && mp.rloc && mp.floc && mp.famloc ? PL_OK : PL_ENOMEM;
	for(size_t i = 0; !rc && i < nr + nf; i++)
		up[i] = i;
	for(size_t i = 0; !rc && i < nr; i++)
		mp.rloc[i] = -1;
	for(size_t i = 0; !rc && i < nf; i++)
		mp.floc[i] = -1;
	for(size_t f = 0; !rc && f < w->nfam; f++) {
		mp.famloc[f] = -1;
		for(size_t t = 1; t < w->fam[f].n; t++)
			up[find(up, nr + w->c[w->fam[f].at[t]].other)] = find(up, nr + w->c[w->fam[f].at[0]].other);
	}
	for(size_t j = 0; !rc && j < m; j++)
		up[find(up, k[j].a)] = find(up, nr + k[j].b);
	for(size_t j = 0; !rc && j < m; j++) /* by root now, the leader kept in cand */
		k[j] = (keyed){find(up, k[j].a), k[j].cand, k[j].cand};
	if(!rc)
		qsort(k, m, sizeof(keyed), by_key);
	for(size_t i = 0; !rc && i < m;) {
		size_t j = i;
		for(; j < m && k[j].a == k[i].a; j++)
			lead[j - i] = k[j].cand;
		rc = group_solve(w, lead, j - i, &mp);
		i = j;
	}
	free(up);
	free(lead);
	free(mp.rloc);
	free(mp.floc);
	free(mp.famloc);
	return rc;
}

/* Which family each candidate is of, and which of them its joint LRs cover. */
static void families_of(work *w)
{
	for(size_t i = 0; i < w->n; i++)
		w->famof[i] = -1;
	for(size_t f = 0; f < w->nfam; f++) {
		for(size_t t = 0; t < w->fam[f].n; t++)
			w->famof[w->fam[f].at[t]] = (int)f;
		for(size_t e = 0; !w->fam[f].unknown && e < w->fam[f].rows; e++)
			for(int t = 0; t < W; t++)
				if(w->fam[f].pairs[e][t] >= 0)
					w->covered[w->fam[f].at[w->fam[f].pairs[e][t]]] = true;
	}
}

/* Fragments share their leader's result; the counts. */
static void finish(const work *w, const size_t *leader)
{
	dna_pairing *o = w->out;
	const dna_candidate *c = w->c;
	size_t n = w->n;
	for(size_t i = 0; i < n; i++) {
		if(c[i].identity)
			continue;
		size_t l = leader[i];
		o->why[i] = o->why[l];
		o->pairing[i] = o->pairing[l];
		o->pairing_lo[i] = o->pairing_lo[l];
		o->pairing_hi[i] = o->pairing_hi[l];
		o->counts.bounded_pairs += o->why[i] == DNA_PAIRING_CAPPED && !isnan(o->pairing_lo[i]);
		o->remains_none[i] = o->remains_none[l];
		o->person_none[i] = o->person_none[l];
		o->counts.capped_pairs += o->why[i] == DNA_PAIRING_CAPPED;
		o->counts.joint_pairs += o->why[i] == DNA_PAIRING_JOINT;
		o->counts.theta0_pairs += w->theta0[l];
	}
}

pl_rc dna_pairing_compute(const dna_candidate *c, size_t n, const uint32_t *unit, double missing,
                          const dna_pairing_family *fam, size_t nfam, long cap, dna_pairing *out,
                          pl_err *err)
{
	memset(out, 0, sizeof(*out));
	work w = {.c = c, .n = n, .unit = unit, .prior = dna_prior_log10(missing), .fam = fam,
	          .nfam = nfam, .cap = cap > 0 ? cap : DNA_PAIRING_CAP, .out = out};
	out->pairing = malloc((n + 1) * sizeof(double));
	out->pairing_lo = malloc((n + 1) * sizeof(double));
	out->pairing_hi = malloc((n + 1) * sizeof(double));
	out->remains_none = malloc((n + 1) * sizeof(double));
	out->person_none = malloc((n + 1) * sizeof(double));
	out->why = malloc(n + 1);
	w.famof = malloc((n + 1) * sizeof(int));
	w.covered = calloc(n + 1, sizeof(bool));
	w.theta0 = calloc(n + 1, sizeof(bool));
	ffam *ff = calloc(nfam + 1, sizeof(ffam));
	keyed *k = malloc((n + 1) * sizeof(keyed));
	size_t *leader = malloc((n + 1) * sizeof(size_t)), m = 0;
	pl_rc rc = out->pairing && out->pairing_lo && out->pairing_hi && out->remains_none &&
	           out->person_none && out->why && w.famof && w.covered && w.theta0 && ff && k && leader
	           ? PL_OK : PL_ENOMEM;
	for(size_t i = 0; !rc && i < n; i++) {
		out->pairing[i] = out->pairing_lo[i] = out->pairing_hi[i] = NAN;
		out->remains_none[i] = out->person_none[i] = NAN;
		out->why[i] = c[i].identity ? DNA_PAIRING_NA : DNA_PAIRING_EXACT;
	}
	if(!rc && !(rc = fams_of(fam, nfam, ff))) {
		w.ff = ff;
		families_of(&w);
		if(!(rc = leaders(&w, k, &m, leader, err)))
			rc = groups(&w, k, m);
	}
	if(!rc)
		finish(&w, leader);
	for(size_t f = 0; ff && f < nfam; f++)
		free(ff[f].rows);
	free(ff);
	free(k);
	free(leader);
	free(w.famof);
	free(w.covered);
	free(w.theta0);
	if(rc) {
		dna_pairing_free(out);
		return pl_nomem(err);
	}
	return PL_OK;
}

void dna_pairing_free(dna_pairing *p)
{
	free(p->pairing);
	free(p->pairing_lo);
	free(p->pairing_hi);
	free(p->remains_none);
	free(p->person_none);
	free(p->why);
	memset(p, 0, sizeof(*p));
}
