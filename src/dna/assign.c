/* Joint assignment (assign.h): undisputed pairs, then groups searched by
 * branch and bound over posterior odds, bounds where the search is too big. */
#include "dna/assign.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

double dna_prior_log10(double missing)
{
	return missing > 2 ? -log10(missing - 1) : 0;
}

double dna_odds_probability(double log10_odds)
{
	if(isnan(log10_odds))
		return 0;
	if(log10_odds > 300)
		return 1;
	double odds = pow(10, log10_odds);
	return odds / (1 + odds);
}

double dna_posterior(double log10_lr, double missing)
{
	return dna_odds_probability(log10_lr + dna_prior_log10(missing));
}

static size_t find(size_t *up, size_t x)
{
	while(up[x] != x)
		x = up[x] = up[up[x]];
	return x;
}

/* ---- pairs in play ------------------------------------------------------------ */

/* The pairs the assignment works on: one per fragment unit and family,
 * weighted by their log10 posterior odds. */
typedef struct pair {
	uint32_t r, f;            /* unit, family */
	double w;                 /* log10 LR + the prior's log10 odds */
	size_t cand;
} pair;

typedef struct work {
	const dna_candidate *c;
	size_t n;
	double prior;             /* log10 prior odds of a pair */
	pair *p;
	size_t np;
	size_t nr, nf;            /* units and families: bounds of their numbers */
	dna_assignment *out;
	long cap;
} work;

static int by_unit_family(const void *x, const void *y)
{
	const pair *a = x, *b = y;
	if(a->r != b->r)
		return a->r < b->r ? -1 : 1;
	if(a->f != b->f)
		return a->f < b->f ? -1 : 1;
	if(a->w != b->w)
		return (a->w < b->w) - (a->w > b->w);
	return (a->cand > b->cand) - (a->cand < b->cand);
}

pl_rc dna_unit_leaders(const dna_candidate *c, size_t n, const uint32_t *unit, size_t *leader,
                       pl_err *err)
{
	pair *p = malloc((n + 1) * sizeof(pair));
	if(!p)
		return pl_nomem(err);
	size_t m = 0;
	for(size_t i = 0; i < n; i++) {
		leader[i] = SIZE_MAX;
		if(!c[i].identity)
			p[m++] = (pair){unit ? unit[c[i].remains] : c[i].remains, c[i].other, c[i].log10_lr, i};
	}
	qsort(p, m, sizeof(pair), by_unit_family);
	for(size_t i = 0; i < m; i++)
		leader[p[i].cand] = i && p[i - 1].r == p[i].r && p[i - 1].f == p[i].f ? leader[p[i - 1].cand]
		                                                                         : p[i].cand;
	free(p);
	return PL_OK;
}

/* The pairs worth making (odds above 1): each unit's best fragment for
 * each family (dna_unit_leaders). *leader[i]: the candidate whose result
 * i shares, when that one is in play. */
static pl_rc pairs_of(work *w, const uint32_t *unit, long *leader)
{
	size_t *lead = malloc((w->n + 1) * sizeof(size_t));
	w->p = malloc((w->n + 1) * sizeof(pair));
	pl_err e;
	if(!lead || !w->p || dna_unit_leaders(w->c, w->n, unit, lead, &e)) {
		free(lead);
		return PL_ENOMEM;
	}
	for(size_t i = 0; i < w->n; i++) {
		const dna_candidate *x = &w->c[i];
		double v = x->log10_lr + w->prior;
		leader[i] = -1;
		if(lead[i] != i || !(v > 0))
			continue;
		uint32_t r = unit ? unit[x->remains] : x->remains;
		w->p[w->np++] = (pair){r, x->other, v, i};
		w->nr = r + 1 > w->nr ? r + 1 : w->nr;
		w->nf = x->other + 1 > w->nf ? x->other + 1 : w->nf;
	}
	qsort(w->p, w->np, sizeof(pair), by_unit_family);
	/* other fragments share their unit's result, if it is in play */
	for(size_t i = 0; i < w->n; i++)
		if(lead[i] != SIZE_MAX && lead[i] != i && w->c[lead[i]].log10_lr + w->prior > 0)
			leader[i] = (long)lead[i];
	free(lead);
	return PL_OK;
}

/* ---- rivals and bounds --------------------------------------------------------- */

/* The two heaviest pairs of each unit and family among those in play. */
typedef struct tops {
	double first, second;
	long at;                  /* the pair of the first, -1: none */
} tops;

static void tops_note(tops *t, double v, long at)
{
	if(t->at < 0 || v > t->first) {
		t->second = t->at < 0 ? 0 : t->first;
		t->first = v;
		t->at = at;
	} else if(v > t->second) {
		t->second = v;
	}
}

static double rival(const tops *t, long at)
{
	double v = t->at == at ? t->second : t->first;
	return v > 0 ? v : 0;
}

/* Take pair j with the rivals as its alternative: odds w - a_r - a_m, and
 * the LRs of the same: the alternative makes one pair more for each rival. */
static void take_bounded(work *w, const pair *p, double ar, double am)
{
	dna_assignment *o = w->out;
	o->best[p->cand] = true;
	o->log10_odds[p->cand] = p->w - ar - am;
	o->log10_glr[p->cand] = o->log10_odds[p->cand] - w->prior * (1 - (ar > 0) - (am > 0));
}

static pl_rc rivals(const work *w, const bool *gone, tops **tr, tops **tf)
{
	*tr = malloc((w->nr + 1) * sizeof(tops));
	*tf = malloc((w->nf + 1) * sizeof(tops));
	if(!*tr || !*tf)
		return PL_ENOMEM;
	for(size_t i = 0; i < w->nr; i++)
		(*tr)[i] = (tops){0, 0, -1};
	for(size_t i = 0; i < w->nf; i++)
		(*tf)[i] = (tops){0, 0, -1};
	for(size_t j = 0; j < w->np; j++)
		if(!gone || !gone[j]) {
			tops_note(&(*tr)[w->p[j].r], w->p[j].w, (long)j);
			tops_note(&(*tf)[w->p[j].f], w->p[j].w, (long)j);
		}
	return PL_OK;
}

/* dvir's undisputed pairs, out of play (gone[]) until none is left. */
static pl_rc undisputed(work *w, bool *gone)
{
	pl_rc rc = PL_OK;
	for(bool more = true; more && !rc;) {
		more = false;
		tops *tr, *tf;
		if(!(rc = rivals(w, gone, &tr, &tf)))
			for(size_t j = 0; j < w->np; j++) {
				const pair *p = &w->p[j];
				const tops *a = &tr[p->r], *b = &tf[p->f];
				if(gone[j] || a->at != (long)j || b->at != (long)j)
					continue;
				double ar = rival(a, (long)j), am = rival(b, (long)j);
				if(p->w < DNA_UNDISPUTED || p->w - ar < DNA_UNDISPUTED || p->w - am < DNA_UNDISPUTED)
					continue;
				take_bounded(w, p, ar, am);
				w->out->undisputed++;
				more = true;
				for(size_t k = 0; k < w->np; k++) /* its unit and family leave */
					gone[k] |= w->p[k].r == p->r || w->p[k].f == p->f;
			}
		free(tr);
		free(tf);
	}
	return rc;
}

/* ---- a group: branch and bound ---------------------------------------------------- */

typedef struct edge {
	int fam;                  /* within the group */
	double w;
	size_t pair;
} edge;

typedef struct group {
	work *w;
	edge **out;               /* per unit of the group: its pairs, heaviest first */
	int *nout;
	int nr, nf;
	double *rest;             /* per unit: sum of the heaviest pair of it and those after */
	bool *used;
	int *pick, *best_pick;
	double best;
	long steps;
	bool over;
	size_t banned;
} group;

static void search(group *g, int i, double sum)
{
	if(g->over || ++g->steps > g->w->cap) {
		g->over = true;
		return;
	}
	if(i == g->nr) {
		if(sum > g->best) {
			g->best = sum;
			memcpy(g->best_pick, g->pick, sizeof(int) * (size_t)g->nr);
		}
		return;
	}
	if(sum + g->rest[i] <= g->best)
		return;
	for(int e = 0; e < g->nout[i]; e++) {
		const edge *x = &g->out[i][e];
		if(g->used[x->fam] || x->pair == g->banned)
			continue;
		g->used[x->fam] = true;
		g->pick[i] = e;
		search(g, i + 1, sum + x->w);
		g->used[x->fam] = false;
	}
	g->pick[i] = -1;
	search(g, i + 1, sum);
}

/* The best explanation without pair `banned`: its odds, and its pairs in best_pick. */
static double best_without(group *g, size_t banned, int *pairs)
{
	g->banned = banned;
	g->best = 0;
	for(int i = 0; i < g->nr; i++)
		g->pick[i] = g->best_pick[i] = -1;
	search(g, 0, 0);
	*pairs = 0;
	for(int i = 0; i < g->nr; i++)
		*pairs += g->best_pick[i] >= 0;
	return g->best;
}

static int by_weight(const void *x, const void *y)
{
	double a = ((const edge *)x)->w, b = ((const edge *)y)->w;
	return (a < b) - (a > b);
}

typedef struct ranked {
	double w;
	int i;
} ranked;

static int by_rank(const void *x, const void *y)
{
	const ranked *a = x, *b = y;
	if(a->w != b->w)
		return (a->w < b->w) - (a->w > b->w);
	return (a->i > b->i) - (a->i < b->i);
}

/* Units with the heaviest pairs first: the first explanation found is then
 * nearly the best, and the bound cuts the rest short. */
static pl_rc order_units(group *g)
{
	ranked *order = malloc(sizeof(ranked) * (size_t)(g->nr + 1));
	edge **outs = malloc(sizeof(edge *) * (size_t)(g->nr + 1));
	int *nouts = malloc(sizeof(int) * (size_t)(g->nr + 1));
	pl_rc rc = order && outs && nouts ? PL_OK : PL_ENOMEM;
	for(int i = 0; !rc && i < g->nr; i++) {
		qsort(g->out[i], (size_t)g->nout[i], sizeof(edge), by_weight);
		order[i] = (ranked){g->nout[i] ? g->out[i][0].w : 0, i};
	}
	if(!rc) {
		qsort(order, (size_t)g->nr, sizeof(ranked), by_rank);
		for(int i = 0; i < g->nr; i++) {
			outs[i] = g->out[order[i].i];
			nouts[i] = g->nout[order[i].i];
		}
		memcpy(g->out, outs, sizeof(edge *) * (size_t)g->nr);
		memcpy(g->nout, nouts, sizeof(int) * (size_t)g->nr);
		g->rest[g->nr] = 0;
		for(int i = g->nr - 1; i >= 0; i--)
			g->rest[i] = g->rest[i + 1] + (g->nout[i] ? g->out[i][0].w : 0);
	}
	free(order);
	free(outs);
	free(nouts);
	return rc;
}

/* The search stopped at the cap: bounds from each pair's rivals in the group. */
static pl_rc bounded(group *g, const bool *gone_all)
{
	work *w = g->w;
	bool *gone = malloc((w->np + 1) * sizeof(bool));
	if(!gone)
		return PL_ENOMEM;
	memcpy(gone, gone_all, w->np * sizeof(bool));
	tops *tr, *tf;
	pl_rc rc = rivals(w, gone, &tr, &tf);
	for(int i = 0; !rc && i < g->nr; i++)
		for(int e = 0; e < g->nout[i]; e++) {
			const pair *p = &w->p[g->out[i][e].pair];
			double ar = rival(&tr[p->r], (long)g->out[i][e].pair),
			       am = rival(&tf[p->f], (long)g->out[i][e].pair);
			if(p->w - ar - am > 0)
				take_bounded(w, p, ar, am);
		}
	free(tr);
	free(tf);
	free(gone);
	return rc;
}

static pl_rc solve(group *g, const bool *gone)
{
	work *w = g->w;
	pl_rc rc = order_units(g);
	int *keep = malloc(sizeof(int) * (size_t)(g->nr + 1)), k_top, k_without;
	if(rc || !keep) {
		free(keep);
		return PL_ENOMEM;
	}
	double top = best_without(g, (size_t)-1, &k_top);
	memcpy(keep, g->best_pick, sizeof(int) * (size_t)g->nr);
	for(int i = 0; i < g->nr && !g->over; i++) {
		if(keep[i] < 0)
			continue;
		const pair *p = &w->p[g->out[i][keep[i]].pair];
		double without = best_without(g, g->out[i][keep[i]].pair, &k_without);
		w->out->best[p->cand] = true;
		w->out->log10_odds[p->cand] = top - without;
		w->out->log10_glr[p->cand] = top - without - w->prior * (k_top - k_without);
	}
	if(g->over) { /* what the search found is not the best: bounds instead */
		w->out->capped++;
		for(int i = 0; i < g->nr; i++)
			for(int e = 0; e < g->nout[i]; e++) {
				size_t c = w->p[g->out[i][e].pair].cand;
				w->out->best[c] = false;
				w->out->log10_odds[c] = w->out->log10_glr[c] = NAN;
			}
		rc = bounded(g, gone);
	}
	w->out->steps += g->steps;
	free(keep);
	return rc;
}

static pl_rc group_of(work *w, const size_t *members, size_t nm, const bool *gone)
{
	group g = {.w = w};
	int *rloc = malloc(sizeof(int) * (w->nr + 1)), *floc = malloc(sizeof(int) * (w->nf + 1));
	edge *edges = calloc(nm + 1, sizeof(edge));
	g.out = calloc(nm + 1, sizeof(edge *));
	g.nout = calloc(nm + 1, sizeof(int));
	g.rest = calloc(nm + 2, sizeof(double));
	g.used = calloc(nm + 1, sizeof(bool));
	g.pick = calloc(nm + 1, sizeof(int));
	g.best_pick = calloc(nm + 1, sizeof(int));
	pl_rc rc = rloc && floc && edges && g.out && g.nout && g.rest && g.used && g.pick && g.best_pick
	           ? PL_OK : PL_ENOMEM;
	for(size_t i = 0; !rc && i < nm; i++)
		rloc[w->p[members[i]].r] = floc[w->p[members[i]].f] = -1;
	for(size_t i = 0; !rc && i < nm; i++) {
		const pair *p = &w->p[members[i]];
		if(rloc[p->r] < 0)
			rloc[p->r] = g.nr++;
		if(floc[p->f] < 0)
			floc[p->f] = g.nf++;
		g.nout[rloc[p->r]]++;
	}
	size_t at = 0;
	for(int r = 0; !rc && r < g.nr; r++) {
		g.out[r] = edges + at;
		at += (size_t)g.nout[r];
		g.nout[r] = 0;
	}
	for(size_t i = 0; !rc && i < nm; i++) {
		const pair *p = &w->p[members[i]];
		int r = rloc[p->r];
		g.out[r][g.nout[r]++] = (edge){floc[p->f], p->w, members[i]};
	}
	if(!rc)
		rc = solve(&g, gone);
	free(rloc);
	free(floc);
	free(edges);
	free(g.out);
	free(g.nout);
	free(g.rest);
	free(g.used);
	free(g.pick);
	free(g.best_pick);
	return rc;
}

/* ---- all of it ------------------------------------------------------------------ */

typedef struct rooted {
	size_t root, pair;
} rooted;

static int by_root(const void *x, const void *y)
{
	const rooted *a = x, *b = y;
	if(a->root != b->root)
		return a->root < b->root ? -1 : 1;
	return (a->pair > b->pair) - (a->pair < b->pair);
}

/* The pairs still in play, in groups of linked units and families. */
static pl_rc groups(work *w, const bool *gone)
{
	size_t *up = malloc((w->nr + w->nf + 1) * sizeof(size_t)), *members = malloc((w->np + 1) * sizeof(size_t));
	rooted *rt = malloc((w->np + 1) * sizeof(rooted));
	pl_rc rc = up && members && rt ? PL_OK : PL_ENOMEM;
	for(size_t i = 0; !rc && i < w->nr + w->nf; i++)
		up[i] = i;
	size_t m = 0;
	for(size_t j = 0; !rc && j < w->np; j++)
		if(!gone[j])
			up[find(up, w->p[j].r)] = find(up, w->nr + w->p[j].f);
	for(size_t j = 0; !rc && j < w->np; j++)
		if(!gone[j])
			rt[m++] = (rooted){find(up, w->p[j].r), j};
	if(!rc)
		qsort(rt, m, sizeof(rooted), by_root);
	for(size_t i = 0; !rc && i < m;) {
		size_t j = i;
		for(; j < m && rt[j].root == rt[i].root; j++) {
			members[j - i] = rt[j].pair;
			w->out->group[w->p[rt[j].pair].cand] = (int)w->out->groups;
		}
		rc = group_of(w, members, j - i, gone);
		w->out->groups++;
		i = j;
	}
	free(up);
	free(members);
	free(rt);
	return rc;
}

pl_rc dna_assign(const dna_candidate *c, size_t n, const uint32_t *unit, double missing, long cap,
                 dna_assignment *out, pl_err *err)
{
	memset(out, 0, sizeof(*out));
	work w = {.c = c, .n = n, .prior = dna_prior_log10(missing), .out = out,
	          .cap = cap > 0 ? cap : DNA_ASSIGN_CAP};
	out->best = calloc(n + 1, sizeof(bool));
	out->log10_glr = malloc((n + 1) * sizeof(double));
	out->log10_odds = malloc((n + 1) * sizeof(double));
	out->group = malloc((n + 1) * sizeof(int));
	long *leader = malloc((n + 1) * sizeof(long));
	bool *gone = NULL;
	pl_rc rc = out->best && out->log10_glr && out->log10_odds && out->group && leader ? PL_OK : PL_ENOMEM;
	for(size_t i = 0; !rc && i < n; i++) {
		out->log10_glr[i] = out->log10_odds[i] = NAN;
		out->group[i] = -1;
	}
	if(!rc)
		rc = pairs_of(&w, unit, leader);
	if(!rc && !(gone = calloc(w.np + 1, sizeof(bool))))
		rc = PL_ENOMEM;
	if(!rc)
		rc = undisputed(&w, gone);
	if(!rc)
		rc = groups(&w, gone);
	for(size_t i = 0; !rc && i < n; i++)
		if(leader[i] >= 0) {
			out->best[i] = out->best[leader[i]];
			out->log10_glr[i] = out->log10_glr[leader[i]];
			out->log10_odds[i] = out->log10_odds[leader[i]];
			out->group[i] = out->group[leader[i]];
		}
	free(w.p);
	free(leader);
	free(gone);
	if(rc) {
		dna_assignment_free(out);
		return pl_nomem(err);
	}
	return PL_OK;
}

void dna_assignment_free(dna_assignment *a)
{
	free(a->best);
	free(a->log10_glr);
	free(a->log10_odds);
	free(a->group);
	memset(a, 0, sizeof(*a));
}

pl_rc dna_units(const dna_candidate *c, size_t n, size_t nremains, double min_log10,
                uint32_t **unit, pl_err *err)
{
	size_t *up = malloc((nremains + 1) * sizeof(size_t));
	*unit = malloc((nremains + 1) * sizeof(uint32_t));
	if(!up || !*unit) {
		free(up);
		free(*unit);
		*unit = NULL;
		return pl_nomem(err);
	}
	for(size_t r = 0; r < nremains; r++)
		up[r] = r;
	for(size_t i = 0; i < n; i++)
		if(c[i].identity && c[i].log10_lr >= min_log10) {
			size_t a = find(up, c[i].remains), b = find(up, c[i].other);
			if(a < b)
				up[b] = a;
			else
				up[a] = b;
		}
	for(size_t r = 0; r < nremains; r++)
		(*unit)[r] = (uint32_t)find(up, r);
	free(up);
	return PL_OK;
}
