/* The pedigree of a family at one locus, summed as products of vectors
 * over the alleles (pedigree.h). A "lowrank" is a function of an ordered
 * genotype (first allele from the father, second from the mother) written
 * as a sum of terms w u(x1) v(x2). */
#include "dna/pedigree.h"

#include <math.h>
#include <string.h>

enum {
	KIDS_MAX = 10,        /* children of one couple in a sibship */
	TERMS_MAX = 2,        /* terms of one child's observation */
	UNSURE_MAX = 3        /* relatives of unknown side put on both sides */
};

typedef struct term {
	double w;
	const double *u, *v;
} term;

typedef struct lowrank {
	term *t;
	int n, cap;
} lowrank;

typedef struct ctx {
	int n;
	arena *a;
	const double *q;           /* allele frequencies of people not typed */
	const double *one;
	const double *mut[3];      /* kit.h's matrices; NULL: no mutation */
	double *junk;              /* handed out when memory runs out (arena_oom says so) */
} ctx;

/* ---- vectors ---------------------------------------------------------------- */

static double *vnew(ctx *c)
{
	double *v = arena_calloc(c->a, (size_t)c->n, sizeof(double));
	return v ? v : c->junk;
}

static const double *unit(ctx *c, int a)
{
	double *v = vnew(c);
	v[a] = 1;
	return v;
}

static double dot(const ctx *c, const double *x, const double *y)
{
	double s = 0;
	for(int i = 0; i < c->n; i++)
		s += x[i] * y[i];
	return s;
}

/* y(u) = sum_x M[u][x] v(x): a function of a child's allele as one of the
 * parent's allele before the transmission. */
static const double *pull(ctx *c, const double *M, const double *v)
{
	if(!M)
		return v;
	int n = c->n;
	double *y = vnew(c);
	for(int x = 0; x < n; x++)
		if(v[x] != 0)
			for(int u = 0; u < n; u++)
				y[u] += M[u * n + x] * v[x];
	return y;
}

/* h(a) = sum_x w(x) M[x][a]: weights of the parent's alleles as weights of
 * the allele the child receives. */
static const double *push(ctx *c, const double *M, const double *w)
{
	if(!M)
		return w;
	int n = c->n;
	double *h = vnew(c);
	for(int x = 0; x < n; x++)
		if(w[x] != 0)
			for(int a = 0; a < n; a++)
				h[a] += w[x] * M[x * n + a];
	return h;
}

static void lr_add(ctx *c, lowrank *L, double w, const double *u, const double *v)
{
	if(w == 0)
		return;
	if(L->n == L->cap) {
		int cap = L->cap ? 2 * L->cap : 8;
		term *t = arena_alloc(c->a, (size_t)cap * sizeof(term));
		if(!t)
			return;
		if(L->n)
			memcpy(t, L->t, (size_t)L->n * sizeof(term));
		L->t = t;
		L->cap = cap;
	}
	L->t[L->n++] = (term){w, u, v};
}

static double lr_at(const lowrank *L, int a, int b)
{
	double s = 0;
	for(int i = 0; i < L->n; i++)
		s += L->t[i].w * L->t[i].u[a] * L->t[i].v[b];
	return s;
}

/* ---- people ------------------------------------------------------------------ */

/* A typed genotype as a function of the ordered genotype: 1 where it fits. */
static lowrank typed_obs(ctx *c, dna_geno g)
{
	lowrank L = {0};
	const double *a = unit(c, g.a), *b = g.b == g.a ? a : unit(c, g.b);
	lr_add(c, &L, 1, a, b);
	if(g.a != g.b)
		lr_add(c, &L, 1, b, a);
	return L;
}

/* A founder: typed (one order of the alleles carries both orders' weight:
 * their children cannot tell them apart), or anyone. */
static lowrank founder(ctx *c, const dna_geno *g)
{
	lowrank L = {0};
	if(!g || !dna_typed(*g)) {
		lr_add(c, &L, 1, c->q, c->q);
		return L;
	}
	double w = g->a == g->b ? c->q[g->a] * c->q[g->a] : 2 * c->q[g->a] * c->q[g->b];
	const double *a = unit(c, g->a);
	lr_add(c, &L, w, a, g->b == g->a ? a : unit(c, g->b));
	return L;
}

/* W where the ordered genotype is g, nothing elsewhere. */
static lowrank restrict_to(ctx *c, const lowrank *W, dna_geno g)
{
	lowrank L = {0};
	const double *a = unit(c, g.a), *b = g.b == g.a ? a : unit(c, g.b);
	lr_add(c, &L, lr_at(W, g.a, g.b), a, b);
	if(g.a != g.b)
		lr_add(c, &L, lr_at(W, g.b, g.a), b, a);
	return L;
}

/* h(x) = P(genotype g | one allele is x, the other from someone random). */
static const double *one_parent(ctx *c, dna_geno g)
{
	double *h = vnew(c);
	if(g.a == g.b) {
		h[g.a] = c->q[g.a];
	} else {
		h[g.a] = c->q[g.b];
		h[g.b] = c->q[g.a];
	}
	return h;
}

/* ---- sibships ---------------------------------------------------------------- */

typedef struct kid {
	bool full;                 /* a child of both X and Y */
	bool of_x;                 /* else: of X (true) or of Y only */
	lowrank obs;               /* full: over (from X, from Y), as the child has them */
	const double *chi;         /* of one: over that parent's allele, before transmission */
} kid;

/* One way of taking one term of each full child's observation: what each
 * side's alleles must explain, and the weight. */
typedef struct choice {
	double w;
	const double *xs[KIDS_MAX], *ys[KIDS_MAX];
	int nx, ny;
} choice;

static int choices(ctx *c, const kid *k, int nk, const double *MX, const double *MY, choice **out)
{
	const double *px[KIDS_MAX][TERMS_MAX], *py[KIDS_MAX][TERMS_MAX];
	int nt[KIDS_MAX], total = 1;
	for(int i = 0; i < nk; i++) {
		nt[i] = k[i].full ? k[i].obs.n : 1;
		for(int t = 0; k[i].full && t < nt[i]; t++) {
			px[i][t] = pull(c, MX, k[i].obs.t[t].u);
			py[i][t] = pull(c, MY, k[i].obs.t[t].v);
		}
		total *= nt[i] ? nt[i] : 1;
	}
	choice *ch = arena_calloc(c->a, (size_t)total, sizeof(choice));
	if(!ch)
		return 0;
	for(int idx = 0; idx < total; idx++) {
		choice *h = &ch[idx];
		h->w = 1;
		for(int i = 0, rest = idx; i < nk; i++) {
			if(!k[i].full) {
				if(k[i].of_x)
					h->xs[h->nx++] = k[i].chi;
				else
					h->ys[h->ny++] = k[i].chi;
				continue;
			}
			int t = nt[i] ? rest % nt[i] : 0;
			rest /= nt[i] ? nt[i] : 1;
			if(!nt[i]) { /* an observation nothing fits */
				h->w = 0;
				continue;
			}
			h->w *= k[i].obs.t[t].w;
			h->xs[h->nx++] = px[i][t];
			h->ys[h->ny++] = py[i][t];
		}
	}
	*out = ch;
	return total;
}

/* prod[S] = base times the vectors of subset S, and its sum. */
static void subsets(ctx *c, const double *base, const double *const *vecs, int m,
                    const double **prod, double *sums)
{
	prod[0] = base;
	for(int S = 1; S < (1 << m); S++) {
		const double *prev = prod[S & (S - 1)], *v = vecs[__builtin_ctz((unsigned)S)];
		double *p = vnew(c);
		for(int x = 0; x < c->n; x++)
			p[x] = prev[x] * v[x];
		prod[S] = p;
	}
	for(int S = 0; S < (1 << m); S++)
		sums[S] = dot(c, prod[S], c->one);
}

/* One parent's side with an open child: the weight of each allele the open
 * child receives, having summed over the parent's genotype (prior) and over
 * which of the parent's alleles each other child got. */
static const double *side_open(ctx *c, const lowrank *prior, const double *const *vecs, int m,
                               const double *M)
{
	int full = (1 << m) - 1;
	double *W = vnew(c), *su = arena_alloc(c->a, sizeof(double) << m),
	       *sv = arena_alloc(c->a, sizeof(double) << m);
	const double **pu = arena_alloc(c->a, sizeof(double *) << m),
	             **pv = arena_alloc(c->a, sizeof(double *) << m);
	if(!su || !sv || !pu || !pv)
		return W;
	double half = ldexp(1.0, -(m + 1));
	for(int k = 0; k < prior->n; k++) {
		const term *t = &prior->t[k];
		subsets(c, t->u, vecs, m, pu, su);
		subsets(c, t->v, vecs, m, pv, sv);
		for(int S = 0; S <= full; S++) {
			int C = full ^ S;
			double a1 = t->w * half * sv[C], a2 = t->w * half * su[S];
			for(int x = 0; x < c->n; x++)
				W[x] += a1 * pu[S][x] + a2 * pv[C][x];
		}
	}
	return push(c, M, W);
}

/* One parent's side with no open child: a number. */
static double side_closed(ctx *c, const lowrank *prior, const double *const *vecs, int m)
{
	int full = (1 << m) - 1;
	double *su = arena_alloc(c->a, sizeof(double) << m), *sv = arena_alloc(c->a, sizeof(double) << m);
	const double **pu = arena_alloc(c->a, sizeof(double *) << m),
	             **pv = arena_alloc(c->a, sizeof(double *) << m);
	if(!su || !sv || !pu || !pv)
		return 0;
	double s = 0;
	for(int k = 0; k < prior->n; k++) {
		subsets(c, prior->t[k].u, vecs, m, pu, su);
		subsets(c, prior->t[k].v, vecs, m, pv, sv);
		double t = 0;
		for(int S = 0; S <= full; S++)
			t += su[S] * sv[full ^ S];
		s += prior->t[k].w * t;
	}
	return ldexp(s, -m);
}

/* X and Y with children, one of them open: the function of the open
 * child's ordered genotype (from X, from Y). */
static lowrank sib_open_child(ctx *c, const lowrank *px, const lowrank *py, const double *MX,
                              const double *MY, const kid *k, int nk)
{
	lowrank out = {0};
	choice *ch;
	int nc = choices(c, k, nk, MX, MY, &ch);
	for(int i = 0; i < nc; i++)
		if(ch[i].w != 0)
			lr_add(c, &out, ch[i].w, side_open(c, px, ch[i].xs, ch[i].nx, MX),
			       side_open(c, py, ch[i].ys, ch[i].ny, MY));
	return out;
}

/* X open, with Y and their children: the function of X's ordered genotype. */
static lowrank sib_open_parent(ctx *c, const lowrank *py, const double *MX, const double *MY,
                               const kid *k, int nk)
{
	lowrank out = {0};
	choice *ch;
	int nc = choices(c, k, nk, MX, MY, &ch);
	for(int i = 0; i < nc; i++) {
		int m = ch[i].nx, full = (1 << m) - 1;
		double sy = ch[i].w != 0 ? side_closed(c, py, ch[i].ys, ch[i].ny) : 0;
		const double **prod = arena_alloc(c->a, sizeof(double *) << m);
		double *sums = arena_alloc(c->a, sizeof(double) << m);
		if(sy == 0 || !prod || !sums)
			continue;
		subsets(c, c->one, ch[i].xs, m, prod, sums);
		for(int S = 0; S <= full; S++)
			lr_add(c, &out, ldexp(ch[i].w * sy, -m), prod[S], prod[full ^ S]);
	}
	return out;
}

/* ---- the family's pedigree --------------------------------------------------- */

/* The typed relatives in their places. */
typedef struct roles {
	dna_geno father, mother, partner;
	dna_geno sib[5], child[5], half[2][3], gp[2][2], uncle[2][4], cousin[2][4];
	int nsib, nchild, nhalf[2], ngp[2], nuncle[2], ncousin[2];
} roles;

static bool place(roles *R, dna_rel rel, int side, dna_geno g)
{
#define PUT(arr, n) ((n) < (int)(sizeof(arr) / sizeof((arr)[0])) ? ((arr)[(n)++] = g, true) : false)
	switch(rel) {
	case DNA_FATHER: R->father = g; return true;
	case DNA_MOTHER: R->mother = g; return true;
	case DNA_PARTNER: R->partner = g; return true;
	case DNA_FULL_SIB: return PUT(R->sib, R->nsib);
	case DNA_CHILD: return PUT(R->child, R->nchild);
	case DNA_HALF_SIB: return PUT(R->half[side], R->nhalf[side]);
	case DNA_GRANDPARENT: return PUT(R->gp[side], R->ngp[side]);
	case DNA_UNCLE: return PUT(R->uncle[side], R->nuncle[side]);
	case DNA_COUSIN: return PUT(R->cousin[side], R->ncousin[side]);
	default: return true;
	}
#undef PUT
}

/* A parent's ordered genotype with what their own parents, siblings and
 * nephews and nieces say (side 0: the father's, 1: the mother's). */
static lowrank side_parent(ctx *c, const roles *R, int s)
{
	dna_geno P = s ? R->mother : R->father;
	if(!R->ngp[s] && !R->nuncle[s] && !R->ncousin[s])
		return founder(c, &P);
	lowrank gx = founder(c, R->ngp[s] > 0 ? &R->gp[s][0] : NULL);
	lowrank gy = founder(c, R->ngp[s] > 1 ? &R->gp[s][1] : NULL);
	const double *M = c->mut[DNA_FROM_PARENT];
	kid k[KIDS_MAX];
	int nk = 0;
	for(int i = 0; i < R->nuncle[s]; i++)
		k[nk++] = (kid){.full = true, .obs = typed_obs(c, R->uncle[s][i])};
	for(int i = 0; i < R->ncousin[s]; i++) { /* through an uncle or aunt not typed */
		const double *psi = pull(c, M, one_parent(c, R->cousin[s][i]));
		lowrank o = {0};
		lr_add(c, &o, 0.5, psi, c->one);
		lr_add(c, &o, 0.5, c->one, psi);
		k[nk++] = (kid){.full = true, .obs = o};
	}
	lowrank W = sib_open_child(c, &gx, &gy, M, M, k, nk);
	return dna_typed(P) ? restrict_to(c, &W, P) : W;
}

/* The ancestors' side A and the descendants' side D of J. */
static void family_sides(ctx *c, const roles *R, dna_sex sex, lowrank *A, lowrank *D)
{
	*A = *D = (lowrank){0};
	bool above = dna_typed(R->father) || dna_typed(R->mother) || R->nsib;
	for(int s = 0; s < 2; s++)
		above |= R->nhalf[s] || R->ngp[s] || R->nuncle[s] || R->ncousin[s];
	if(!above) {
		lr_add(c, A, 1, c->q, c->q);
	} else {
		lowrank wf = side_parent(c, R, 0), wm = side_parent(c, R, 1);
		kid k[KIDS_MAX];
		int nk = 0;
		for(int i = 0; i < R->nsib; i++)
			k[nk++] = (kid){.full = true, .obs = typed_obs(c, R->sib[i])};
		for(int s = 0; s < 2; s++)
			for(int i = 0; i < R->nhalf[s]; i++)
				k[nk++] = (kid){.of_x = s == 0, .chi = pull(c, c->mut[s ? DNA_FROM_MOTHER : DNA_FROM_FATHER],
				                                            one_parent(c, R->half[s][i]))};
		*A = sib_open_child(c, &wf, &wm, c->mut[DNA_FROM_FATHER], c->mut[DNA_FROM_MOTHER], k, nk);
	}
	if(!R->nchild) {
		lr_add(c, D, 1, c->one, c->one);
		return;
	}
	lowrank py = founder(c, &R->partner);
	dna_sex other = sex == DNA_MALE ? DNA_FEMALE : sex == DNA_FEMALE ? DNA_MALE : DNA_SEX_UNKNOWN;
	kid k[KIDS_MAX];
	int nk = 0;
	for(int i = 0; i < R->nchild; i++)
		k[nk++] = (kid){.full = true, .obs = typed_obs(c, R->child[i])};
	*D = sib_open_parent(c, &py, c->mut[dna_mutation_from(sex)], c->mut[dna_mutation_from(other)], k, nk);
}

/* J at the genotype {a, b}. */
static double j_at(const lowrank *A, const lowrank *D, int a, int b)
{
	double d = lr_at(D, a, b);
	return a == b ? d * lr_at(A, a, a) : d * (lr_at(A, a, b) + lr_at(A, b, a));
}

/* Sum of J over all genotypes, and V(a) = sum over b of J's ordered terms
 * with a on either side (for apparent homozygotes), if v is not NULL. */
static double j_sums(ctx *c, const lowrank *A, const lowrank *D, double *v)
{
	double s = 0;
	for(int r = 0; r < A->n; r++)
		for(int t = 0; t < D->n; t++) {
			const term *x = &A->t[r], *y = &D->t[t];
			double uf = dot(c, x->u, y->u), vg = dot(c, x->v, y->v), w = x->w * y->w;
			s += w * uf * vg;
			for(int a = 0; v && a < c->n; a++)
				v[a] += w * (x->u[a] * y->u[a] * vg + x->v[a] * y->v[a] * uf);
		}
	return s;
}

/* ---- the locus ---------------------------------------------------------------- */

typedef struct typed_ref {
	dna_rel rel;
	dna_side side;
	dna_geno g;
} typed_ref;

/* Which relatives are typed at locus l. */
static int typed_refs(const dna_family *f, int l, typed_ref *out)
{
	int n = 0;
	for(int i = 0; i < f->nrefs && n < 16; i++) {
		dna_geno g = f->refs[i].prof->g[l];
		if(dna_typed(g))
			out[n++] = (typed_ref){f->refs[i].rel, f->refs[i].side, g};
	}
	return n;
}

/* P(the remains show o) after the relatives' alleles, by the sampling formula. */
static double z_of(const dna_locus *L, double theta, const int *count, int seen, dna_obs o,
                   double delta)
{
	double fa = dna_draw(L->p[o.a], theta, count[o.a], seen);
	double faa = dna_draw(L->p[o.a], theta, count[o.a] + 1, seen + 1);
	if(o.a != o.b)
		return 2 * fa * dna_draw(L->p[o.b], theta, count[o.b], seen + 1);
	return fa * faa + (o.dropout ? delta * 2 * fa * (1 - faa) : 0);
}

/* A lone relative by the IBD formula (kinship.c), exact with theta, when
 * it has the mutation the model asks for: always without mutation, and for
 * a parent or a child with it. Siblings, grandparents, uncles and cousins
 * have no mutation term there, so with mutation they take the pedigree,
 * as the engine does (issue 11: the two used to disagree). */
static bool lone_closed(dna_rel rel, const dna_model *m)
{
	return !m->mutation || rel == DNA_FATHER || rel == DNA_MOTHER || rel == DNA_CHILD;
}

/* The LR of every observation, the largest over the placements of the
 * relatives whose side is not known (z: each observation's probability in
 * the population). The largest, not the mean: a placement is one
 * hypothesis for the whole profile, and the exact LR over the profile,
 * sum_alt w prod L1 / sum_alt w prod L0, is at most the product over the
 * loci of each locus's largest (exact.h); so this table, a filter for the
 * exact recompute, cannot put a true match below it. Returns false when
 * no placement fits the relatives (they contradict each other here). */
static bool family_lr(ctx *c, const typed_ref *t, int nt, dna_sex sex, const dna_obs *obs,
                      int nobs, double delta, const double *z, double *lr)
{
	int unsure[16], nu = 0;
	roles base = {.father = DNA_UNTYPED, .mother = DNA_UNTYPED, .partner = DNA_UNTYPED};
	bool father = false, mother = false;
	for(int i = 0; i < nt; i++) {
		father |= t[i].rel == DNA_FATHER;
		mother |= t[i].rel == DNA_MOTHER;
	}
	int fallback = father && !mother ? 1 : 0; /* the side of the parent not typed */
	for(int i = 0; i < nt; i++) {
		if(dna_rel_has_side(t[i].rel) && t[i].side == DNA_SIDE_UNKNOWN && nu < UNSURE_MAX)
			unsure[nu++] = i;
		else
			place(&base, t[i].rel, t[i].side == DNA_MATERNAL ? 1 : t[i].side == DNA_PATERNAL ? 0
			                                                                          : fallback, t[i].g);
	}
	bool any = false;
	double *v = vnew(c);
	for(int i = 0; i < nobs; i++)
		lr[i] = 0;
	for(int mask = 0; mask < (1 << nu); mask++) {
		roles R = base;
		bool ok = true;
		for(int i = 0; i < nu; i++)
			ok &= place(&R, t[unsure[i]].rel, (mask >> i) & 1, t[unsure[i]].g);
		if(!ok)
			continue; /* more of one kind on a side than there can be */
		lowrank A, D;
		family_sides(c, &R, sex, &A, &D);
		memset(v, 0, (size_t)c->n * sizeof(double));
		double total = j_sums(c, &A, &D, v);
		if(!(total > 0))
			continue; /* this placement does not fit the relatives */
		any = true;
		for(int i = 0; i < nobs; i++) {
			if(obs[i].a < 0)
				continue;
			double x = j_at(&A, &D, obs[i].a, obs[i].b);
			x = (obs[i].dropout ? x + delta * (v[obs[i].a] - 2 * x) : x) / total / z[i];
			lr[i] = x > lr[i] ? x : lr[i];
		}
	}
	return any;
}

/* Relatives typed at locus l, partners left out (they are no kin). */
static int kin_typed(const typed_ref *t, int nt)
{
	int kin = 0;
	for(int i = 0; i < nt; i++)
		kin += t[i].rel != DNA_PARTNER;
	return kin;
}

bool dna_family_informative(const dna_family *f, int l)
{
	typed_ref t[16];
	return kin_typed(t, typed_refs(f, l, t)) > 0;
}

pl_rc dna_family_locus(const dna_kit *k, int l, const dna_family *f, const dna_model *m,
                       const dna_obs *obs, int nobs, double *lr, bool *informative, arena *a)
{
	const dna_locus *L = &k->loci[l];
	typed_ref t[16];
	int nt = typed_refs(f, l, t);
	for(int i = 0; i < nobs; i++)
		lr[i] = 1;
	*informative = kin_typed(t, nt) > 0;
	if(!*informative)
		return PL_OK;
	for(int i = 0; i < nt; i++)
		if(t[i].rel == DNA_SELF || (nt == 1 && lone_closed(t[i].rel, m))) { /* exact with theta */
			for(int o = 0; o < nobs; o++)
				lr[o] = dna_pair_lr(L, m, t[i].rel, f->sex, t[i].g, obs[o]);
			return PL_OK;
		}
	arena_reset(a);
	int n = L->n, *count = arena_calloc(a, (size_t)n, sizeof(int));
	double *q = arena_alloc(a, (size_t)n * sizeof(double)), *one = arena_alloc(a, (size_t)n * sizeof(double));
	double *z = arena_alloc(a, (size_t)(nobs ? nobs : 1) * sizeof(double));
	ctx c = {.n = n, .a = a, .q = q, .one = one, .junk = arena_alloc(a, (size_t)n * sizeof(double))};
	if(!count || !q || !one || !z || !c.junk)
		return PL_ENOMEM;
	for(int i = 0; i < nt; i++) {
		count[t[i].g.a]++;
		count[t[i].g.b]++;
	}
	for(int x = 0; x < n; x++) {
		q[x] = dna_draw(L->p[x], m->theta, count[x], 2 * nt);
		one[x] = 1;
	}
	for(int i = 0; i < 3; i++)
		c.mut[i] = m->mutation ? L->mut[i] : NULL;
	double delta = m->dropout / (1 + m->dropout);
	for(int i = 0; i < nobs; i++)
		z[i] = obs[i].a >= 0 ? z_of(L, m->theta, count, 2 * nt, obs[i], delta) : 1;
	bool fits = family_lr(&c, t, nt, f->sex, obs, nobs, delta, z, lr);
	if(arena_oom(a))
		return PL_ENOMEM;
	for(int i = 0; i < nobs; i++) /* no placement fits the relatives here: say nothing */
		if(!fits || obs[i].a < 0)
			lr[i] = 1;
	return PL_OK;
}

/* How remains showing o weigh true genotype {a, b}: 1 if they show it; for
 * an apparent homozygote a that may hide a drop-out, 1 for a/a and d/(1+d)
 * for a/b. */
static double shows(dna_obs o, int a, int b, double delta)
{
	if(!o.dropout)
		return (o.a == a && o.b == b) || (o.a == b && o.b == a);
	return a == o.a && b == o.a ? 1 : a == o.a || b == o.a ? delta : 0;
}

double dna_identity_lr(const dna_locus *L, const dna_model *m, dna_obs ref, dna_obs x)
{
	if(ref.a < 0 || x.a < 0)
		return 1;
	/* Symmetric in the two remains: over the genotypes g either may be,
	 * sum P(g) w1(g) w2(g) (one person) over the sum of P(g1, g2) w1 w2 (two
	 * people, the second drawn after the first). */
	double delta = m->dropout / (1 + m->dropout), num = 0, den = 0;
	for(int b = 0; b < L->n; b++) {
		int a = ref.a;
		double w = shows(ref, a, b, delta);
		if(w == 0)
			continue;
		double pg = L->p[a] * dna_draw(L->p[b], m->theta, a == b, 1) * (a == b ? 1 : 2), n, z;
		dna_geno g = a <= b ? (dna_geno){(int16_t)a, (int16_t)b} : (dna_geno){(int16_t)b, (int16_t)a};
		dna_pair_nz(L, m, DNA_PARTNER, DNA_SEX_UNKNOWN, g, x, &n, &z);
		num += w * pg * shows(x, a, b, delta);
		den += w * pg * z;
	}
	return den > 0 ? num / den : 1;
}
