/* The likelihood engine (ped.h): variable elimination over the alleles of
 * a pedigree at one locus.
 *
 * Each individual i has two allele variables, the one from the father
 * (2i) and the one from the mother (2i + 1). The likelihood is the sum over
 * all of them of a product of factors: a founder's alleles drawn from the
 * frequencies, a child's allele one of its parent's two (each with 1/2)
 * passed through the parent's mutation matrix, and what is seen of each
 * individual. Variables are summed out one at a time, the cheapest first
 * (the size of the table it makes), which is exact for any shape, loops
 * included; a table beyond DNA_PED_CELLS_MAX cells is refused (PL_ELIMIT).
 *
 * Alleles are lumped when the mutation matrices allow it: the alleles seen
 * anywhere in the pedigree keep their own values and all others become one
 * allele with their summed frequency. That is exact when every column of
 * the matrices is the same off its diagonal (no mutation, "equal",
 * "proportional"): the lumped alleles then behave as one in every
 * transmission (strong lumpability), and the sampling formula of theta
 * sums over them in the same way. Stepwise models keep every allele.
 *
 * At theta 0 an untyped founder with two or three children that matter
 * has each allele summed out at once from the locus's moments (kit.h,
 * add_kernel): what the general elimination would pay K^3 or K^4 for per
 * call, the kit paid once per locus.
 *
 * Theta (docs/dna.md, "Theta in a pedigree"): the founder alleles are
 * drawn one after the other by the sampling formula, whose joint
 * probability is the same in any order. The typed founders' alleles
 * (known up to phase, which changes no count) come first: a constant
 * (theta_known), with t[a] of them a. Each untyped founder allele after
 * them is new with weight w[a] = t[a] theta + (1 - theta) p[a], or a copy
 * of one particular earlier untyped allele with weight theta; summed over
 * which one was copied, the untyped alleles split into blocks, a partition
 * with k blocks of sizes s_b weighing
 *
 *   theta^(U - k) prod_b (s_b - 1)! / prod_{i=1..U} (1 + (T + i - 2) theta)
 *
 * and each block is one allele variable of prior w. The likelihood is the
 * constant times the sum over the partitions of that times the theta = 0
 * likelihood with each block one variable; Bell(U) partitions, U bounded
 * by DNA_PED_UNTYPED_MAX, and those that a symmetry of the pedigree maps
 * onto each other summed once (orbit). An untyped founder with one child
 * that matters counts one allele (single_founders). */
#include "dna/ped_eng.h"

#include <stdlib.h>
#include <string.h>

/* A term's memory: counted, so that the next term's arena has one block
 * large enough (see next_term), and a reset frees nothing. */
void *dna_peng_talloc(dna_peng *e, size_t n)
{
	e->bytes += n + 16;
	e->largest = n > e->largest ? n : e->largest;
	return arena_alloc(e->a, n);
}

/* Before a term: the arena emptied, its block kept; a larger one when the
 * last term overflowed it. */
void dna_peng_next_term(dna_peng *e)
{
	size_t want = 2 * e->bytes > 4 * e->largest ? 2 * e->bytes : 4 * e->largest;
	e->oom |= arena_oom(e->a);
	if(e->bytes > e->a->block_size / 2 || e->largest > e->a->block_size / 4) {
		arena_free(e->a);
		arena_init(e->a, want);
	} else {
		arena_reset(e->a);
	}
	e->bytes = e->largest = 0;
}

/* ---- the pedigree ------------------------------------------------------------ */

const char *dna_ped_invalid(const dna_ped *p, int *who)
{
	*who = -1;
	if(p->n < 0)
		return "a pedigree has no negative size";
	for(int i = 0; i < p->n; i++) {
		int f = p->father[i], m = p->mother[i];
		*who = i;
		if((f < 0) != (m < 0))
			return "has one parent only (a founder has none, anyone else both)";
		if(f >= p->n || m >= p->n || f < -1 || m < -1)
			return "has a parent who is not in the pedigree";
		if(f >= 0 && f == m)
			return "has the same individual as father and mother";
		if(f >= 0 && p->sex[f] == DNA_FEMALE)
			return "has a father who is female";
		if(m >= 0 && p->sex[m] == DNA_MALE)
			return "has a mother who is male";
	}
	/* Someone their own ancestor: peel founders off, then children whose
	 * parents are both peeled; whoever is left has a cycle above them, and
	 * walking up n steps through those left lands on it. */
	int *done = calloc((size_t)p->n + 1, sizeof(int)), left = p->n;
	if(!done)
		return NULL; /* the engine's own allocation will say so */
	for(bool changed = true; changed;) {
		changed = false;
		for(int i = 0; i < p->n; i++)
			if(!done[i] && (p->father[i] < 0 || (done[p->father[i]] && done[p->mother[i]]))) {
				done[i] = 1;
				left--;
				changed = true;
			}
	}
	if(left) {
		int x = 0;
		while(done[x])
			x++;
		for(int step = 0; step < p->n; step++)
			x = !done[p->father[x]] ? p->father[x] : p->mother[x];
		free(done);
		*who = x;
		return "is their own ancestor";
	}
	free(done);
	*who = -1;
	return NULL;
}

/* ---- classes of alleles ------------------------------------------------------- */

static bool columns_constant(const double *M, int n)
{
	for(int j = 0; j < n; j++) {
		double c = -1;
		for(int i = 0; i < n; i++) {
			if(i == j)
				continue;
			if(c < 0)
				c = M[i * n + j];
			else if(M[i * n + j] != c && !(M[i * n + j] > c * (1 - 1e-12) && M[i * n + j] < c * (1 + 1e-12)))
				return false;
		}
	}
	return true;
}

static void mark_seen(bool *seen, dna_obs o)
{
	if(o.a < 0)
		return;
	seen[o.a] = true;
	seen[o.b] = true;
}

/* Classes: the alleles seen, and the others as one when lumping is exact. */
static pl_rc make_classes(dna_peng *e, const dna_locus *L, const dna_model *m)
{
	int n = L->n;
	const double *M[3] = {NULL, NULL, NULL};
	if(m->mutation && L->mut[0])
		for(int s = 0; s < 3; s++)
			M[s] = L->mut[s];
	bool lump = e->free_ind < 0 && (!M[0] || (columns_constant(M[0], n) && columns_constant(M[1], n) &&
	                                          columns_constant(M[2], n)));
	bool *seen = arena_calloc(e->a, (size_t)n, sizeof(bool));
	e->cls = arena_alloc(e->a, (size_t)n * sizeof(int));
	if(!seen || !e->cls)
		return PL_ENOMEM;
	for(int i = 0; i < e->ped->n; i++)
		if(e->keep[i])
			mark_seen(seen, e->obs[i]);
	int K = 0, other = -1, rep_other = -1;
	for(int x = 0; x < n; x++) {
		if(!lump || seen[x]) {
			e->cls[x] = K++;
		} else {
			if(other < 0) {
				other = K++;
				rep_other = x;
			}
			e->cls[x] = other;
		}
	}
	e->K = K;
	e->p = arena_calloc(e->a, (size_t)K, sizeof(double));
	if(!e->p)
		return PL_ENOMEM;
	for(int x = 0; x < n; x++)
		e->p[e->cls[x]] += L->p[x];
	bool identity = K == n;        /* no class holds two alleles: the kit's own matrices */
	for(int s = 0; s < 3; s++) {
		if(!M[s])
			continue;
		if(identity) {
			e->mut[s] = M[s];
			continue;
		}
		/* Row of a class: that of any of its alleles (the same for all when
		 * lumping is exact); columns summed over the class. */
		double *T = arena_calloc(e->a, (size_t)K * (size_t)K, sizeof(double));
		if(!T)
			return PL_ENOMEM;
		e->mut[s] = T;
		for(int x = 0; x < n; x++) {
			if(e->cls[x] == other && x != rep_other)
				continue;
			for(int y = 0; y < n; y++)
				T[e->cls[x] * K + e->cls[y]] += M[s][x * n + y];
		}
	}
	return PL_OK;
}

/* ---- factors ---------------------------------------------------------------- */

double dna_peng_obs_val(const dna_peng *e, dna_obs o, int x, int y)
{
	int a = e->cls[o.a], b = e->cls[o.b];
	if(!o.dropout)
		return (x == a && y == b) || (x == b && y == a);
	return x == a && y == a ? 1 : x == a || y == a ? e->delta : 0;
}

/* A transmission kept factored: with its segregation variable g (0: the
 * parent's allele from their father went on, 1: from their mother), the
 * child's allele c is x's copy when g is 0 and y's when 1, so one factor
 * holds (c, x, g) and one (c, y, g), and a parent's two alleles never
 * share a table with the child's. The 1/2 of g's two values is in the
 * first. Filled straight from the mutation matrix (row x, column c), at
 * the current domains: dc (nc classes) for c, dx (nx) for x. */
static void seg_fill(const dna_peng *e, int s, int which, int gs, const int *dc, int nc,
                     const int *dx, int nx, double *t)
{
	const double *M = e->mut[s];
	double half = which == 0 ? 0.5 : 1;
	for(int g = 0; g < gs; g++)
		for(int j = 0; j < nx; j++) {
			if(g != which && gs == 2) {
				for(int i = 0; i < nc; i++)
					*t++ = half;
				continue;
			}
			if(!M) {
				for(int i = 0; i < nc; i++)
					*t++ = dc[i] == dx[j] ? half : 0;
				continue;
			}
			const double *row = M + (size_t)dx[j] * (size_t)e->K;
			for(int i = 0; i < nc; i++)
				*t++ = half * row[dc[i]];
		}
}

enum fkind { F_PRIOR, F_OBS, F_SEG_X, F_SEG_Y, F_TRANS };

pl_rc dna_peng_push(dna_peng *e, dna_pfac F)
{
	if(e->nf == e->capf) {
		int cap = e->capf ? 2 * e->capf : 64;
		dna_pfac *nf = dna_peng_talloc(e, (size_t)cap * sizeof(dna_pfac));
		if(!nf)
			return PL_ENOMEM;
		if(e->nf)
			memcpy(nf, e->f, (size_t)e->nf * sizeof(dna_pfac));
		e->f = nf;
		e->capf = cap;
	}
	e->f[e->nf++] = F;
	return PL_OK;
}

/* A table over the blocks of the given variables (a variable may appear
 * twice when theta made two alleles one). */
static pl_rc add_factor(dna_peng *e, enum fkind kind, int who, int s, const int *vars, int nvars)
{
	dna_pfac F = {0};
	int pos[3];
	for(int i = 0; i < nvars; i++) {
		int r = e->rep[vars[i]], j = 0;
		while(j < F.nv && F.v[j] != r)
			j++;
		if(j == F.nv)
			F.v[F.nv++] = r;
		pos[i] = j;
	}
	size_t cells = 1;
	for(int j = 0; j < F.nv; j++)
		cells *= (size_t)e->cnd[F.v[j]];
	F.t = dna_peng_talloc(e, cells * sizeof(double));
	if(!F.t)
		return PL_ENOMEM;
	if(kind == F_SEG_X || kind == F_SEG_Y || kind == F_TRANS) {
		/* different variables (a child's allele is never a founder's):
		 * gather the precomputed table at the current domains; F_TRANS, a
		 * transmission without its segregation variable, is M[x][c], the
		 * slice g = 1 of F_SEG_Y's */
		if(kind == F_TRANS)
			seg_fill(e, s, 1, 1, e->cdom[F.v[0]], e->cnd[F.v[0]], e->cdom[F.v[1]], e->cnd[F.v[1]], F.t);
		else
			seg_fill(e, s, kind == F_SEG_Y, 2, e->cdom[F.v[0]], e->cnd[F.v[0]], e->cdom[F.v[1]],
			         e->cnd[F.v[1]], F.t);
	} else {
		int idx[3] = {0, 0, 0};
		for(size_t c = 0; c < cells; c++) {
			int val[3];
			for(int i = 0; i < nvars; i++)
				val[i] = e->cdom[F.v[pos[i]]][idx[pos[i]]];
			F.t[c] = kind == F_PRIOR ? e->w[val[0]] : dna_peng_obs_val(e, e->obs[who], val[0], val[1]);
			for(int j = 0; j < F.nv && ++idx[j] == e->cnd[F.v[j]]; j++)
				idx[j] = 0;
		}
	}
	return dna_peng_push(e, F);
}

/* Child i's allele c from parent q: by a segregation variable, or from a
 * founder with this one child that matters straight from their one allele
 * that counts (see single_founders). */
static pl_rc transmit(dna_peng *e, int i, int q, int c)
{
	int s = dna_mutation_from(e->ped->sex[q]), g = 2 * e->ped->n + c;
	if(e->kern[q])
		return PL_OK; /* the founder's kernel holds it */
	if(e->single[q]) {
		int v[2] = {c, 2 * q};
		return add_factor(e, F_TRANS, i, s, v, 2);
	}
	int x[3] = {c, 2 * q, g}, y[3] = {c, 2 * q + 1, g};
	pl_rc rc = add_factor(e, F_SEG_X, i, s, x, 3);
	return rc ? rc : add_factor(e, F_SEG_Y, i, s, y, 3);
}

static pl_rc build(dna_peng *e)
{
	const dna_ped *p = e->ped;
	pl_rc rc = PL_OK;
	for(int i = 0; i < p->n && !rc; i++) {
		if(!e->keep[i])
			continue;
		int P = 2 * i, M = 2 * i + 1;
		if(e->obs[i].a >= 0) {
			int v[2] = {P, M};
			rc = add_factor(e, F_OBS, i, 0, v, 2);
		}
		if(p->father[i] < 0) {
			if(e->known[i])
				continue; /* its alleles' probability is theta_known's constant */
			if(e->kern[i]) {
				rc = dna_peng_kernel_factors(e, i);
				continue;
			}
			if(!rc && e->rep[P] == P)
				rc = add_factor(e, F_PRIOR, i, 0, &P, 1);
			if(!rc && e->rep[M] == M && !e->single[i])
				rc = add_factor(e, F_PRIOR, i, 0, &M, 1);
			continue;
		}
		if(!rc)
			rc = transmit(e, i, p->father[i], P);
		if(!rc)
			rc = transmit(e, i, p->mother[i], M);
	}
	return rc;
}

/* ---- elimination --------------------------------------------------------------- */

/* The variables of the table that summing out x would make, and its work
 * (its cells times x's values); SIZE_MAX past the bounds. */
static size_t scope(const dna_peng *e, int x, int *u, int *nu, size_t *table)
{
	*nu = 0;
	size_t cells = 1;
	*table = SIZE_MAX;
	for(int k = 0; k < e->nf; k++) {
		const dna_pfac *F = &e->f[k];
		bool has = false;
		for(int j = 0; j < F->nv && !has; j++)
			has = F->v[j] == x;
		if(F->gone || !has)
			continue;
		for(int j = 0; j < F->nv; j++) {
			int v = F->v[j], i = 0;
			if(v == x)
				continue;
			while(i < *nu && u[i] != v)
				i++;
			if(i < *nu)
				continue;
			if(*nu == DNA_PED_FAC_VARS)
				return SIZE_MAX;
			u[(*nu)++] = v;
			cells *= (size_t)e->cnd[v];
			if(cells > DNA_PED_CELLS_MAX)
				return SIZE_MAX;
		}
	}
	*table = cells;
	return cells * (size_t)e->cnd[x] > DNA_PED_WORK_MAX ? SIZE_MAX : cells * (size_t)e->cnd[x];
}

static pl_rc eliminate(dna_peng *e, int x, const int *u, int nu)
{
	dna_pfac *in[64];
	int nin = 0;
	size_t stride[64][DNA_PED_FAC_VARS + 1];
	for(int k = 0; k < e->nf; k++) {
		dna_pfac *F = &e->f[k];
		int jx = -1;
		for(int j = 0; j < F->nv; j++)
			jx = F->v[j] == x ? j : jx;
		if(F->gone || jx < 0)
			continue;
		if(nin == 64)
			return pl_failc(e->err, PL_ELIMIT, "dna.ped_shared_allele", NULL);
		/* Where each variable of the new table (and x, last) moves F's index. */
		size_t s = 1, st[DNA_PED_FAC_VARS];
		for(int j = 0; j < F->nv; j++) {
			st[j] = s;
			s *= (size_t)e->cnd[F->v[j]];
		}
		for(int i = 0; i <= nu; i++) {
			int v = i < nu ? u[i] : x;
			stride[nin][i] = 0;
			for(int j = 0; j < F->nv; j++)
				if(F->v[j] == v)
					stride[nin][i] = st[j];
		}
		F->gone = true;
		in[nin++] = F;
	}
	dna_pfac G = {.nv = nu};
	size_t cells = 1;
	for(int i = 0; i < nu; i++) {
		G.v[i] = u[i];
		cells *= (size_t)e->cnd[u[i]];
	}
	G.t = dna_peng_talloc(e, cells * sizeof(double));
	if(!G.t)
		return PL_ENOMEM;
	int idx[DNA_PED_FAC_VARS] = {0}, dx = e->cnd[x];
	size_t off[64] = {0}, sx[64];
	double tmp[256];
	for(int k = 0; k < nin; k++)
		sx[k] = stride[k][nu];
	for(size_t c = 0; c < cells; c++) {
		/* x's values along the first factor, times each other factor's */
		const double *t0 = in[0]->t + off[0];
		double sum = 0;
		if(nin == 1) {
			for(int xv = 0; xv < dx; xv++)
				sum += t0[(size_t)xv * sx[0]];
		} else if(nin == 2) {
			const double *t1 = in[1]->t + off[1];
			for(int xv = 0; xv < dx; xv++)
				sum += t0[(size_t)xv * sx[0]] * t1[(size_t)xv * sx[1]];
		} else if(nin == 3) { /* the common joins, fused: no pass through tmp */
			const double *t1 = in[1]->t + off[1], *t2 = in[2]->t + off[2];
			for(int xv = 0; xv < dx; xv++)
				sum += t0[(size_t)xv * sx[0]] * t1[(size_t)xv * sx[1]] * t2[(size_t)xv * sx[2]];
		} else if(nin == 4) {
			const double *t1 = in[1]->t + off[1], *t2 = in[2]->t + off[2], *t3 = in[3]->t + off[3];
			for(int xv = 0; xv < dx; xv++)
				sum += t0[(size_t)xv * sx[0]] * t1[(size_t)xv * sx[1]] * t2[(size_t)xv * sx[2]] *
				       t3[(size_t)xv * sx[3]];
		} else if(dx > 256) { /* more alleles than tmp holds: one product at a time */
			for(int xv = 0; xv < dx; xv++) {
				double prod = 1;
				for(int k = 0; k < nin; k++)
					prod *= in[k]->t[off[k] + (size_t)xv * sx[k]];
				sum += prod;
			}
		} else {
			for(int xv = 0; xv < dx; xv++)
				tmp[xv] = t0[(size_t)xv * sx[0]];
			for(int k = 1; k < nin; k++) {
				const double *tk = in[k]->t + off[k];
				for(int xv = 0; xv < dx; xv++)
					tmp[xv] *= tk[(size_t)xv * sx[k]];
			}
			for(int xv = 0; xv < dx; xv++)
				sum += tmp[xv];
		}
		G.t[c] = sum;
		for(int i = 0; i < nu; i++) {
			for(int k = 0; k < nin; k++)
				off[k] += stride[k][i];
			if(++idx[i] < e->cnd[u[i]])
				break;
			for(int k = 0; k < nin; k++)
				off[k] -= stride[k][i] * (size_t)idx[i];
			idx[i] = 0;
		}
	}
	dna_pfac *slot = in[0]; /* reuse a spent slot */
	*slot = G;
	return PL_OK;
}

/* The theta = 0 likelihood of the current blocks: every variable summed
 * out, the cheapest first. */
/* Variables: 2i and 2i + 1 the alleles of i, 2n + 2i and 2n + 2i + 1
 * their segregation variables. */
static int ind_of(const dna_peng *e, int v)
{
	return v < 2 * e->ped->n ? v / 2 : (v - 2 * e->ped->n) / 2;
}

/* Whether v is a variable of the sum: of someone who matters, and a
 * segregation variable only for someone with parents. */
static bool in_sum(const dna_peng *e, int v)
{
	int i = ind_of(e, v), n = e->ped->n;
	if(!e->keep[i])
		return false;
	if(v < 2 * n) /* a single founder's second allele is no variable, nor a kernel's */
		return !(e->single[i] && v == 2 * i + 1) && !e->kern[i];
	int q = v % 2 ? e->ped->mother[i] : e->ped->father[i];
	return q >= 0 && !e->single[q];
}

static bool is_free(const dna_peng *e, int v)
{
	return (e->free_ind >= 0 && (v == e->rep[2 * e->free_ind] || v == e->rep[2 * e->free_ind + 1])) ||
	       (e->free2 >= 0 && (v == e->rep[2 * e->free2] || v == e->rep[2 * e->free2 + 1]));
}

/* Whether individual i's genotype is left free. */
static bool freed(const dna_peng *e, int i)
{
	return i == e->free_ind || i == e->free2;
}

static pl_rc sum_all(dna_peng *e, double *out)
{
	/* each candidate's table and work, recomputed only for the variables
	 * of the table just made (no other's factors changed) */
	int *cand = dna_peng_talloc(e, (size_t)e->nvar * sizeof(int)), ncand = 0;
	size_t *work = dna_peng_talloc(e, (size_t)e->nvar * sizeof(size_t));
	size_t *tab = dna_peng_talloc(e, (size_t)e->nvar * sizeof(size_t));
	bool *stale = dna_peng_talloc(e, (size_t)e->nvar * sizeof(bool));
	if(!cand || !work || !tab || !stale)
		return PL_ENOMEM;
	for(int v = 0; v < e->nvar; v++) {
		stale[v] = true;
		if(e->rep[v] == v && in_sum(e, v) && !is_free(e, v))
			cand[ncand++] = v;
	}
	int u[DNA_PED_FAC_VARS], nu;
	while(ncand) {
		/* the smallest table next (then the least work): summing out a
		 * segregation variable early would join a parent's two alleles */
		int bi = -1;
		for(int i = 0; i < ncand; i++) {
			int v = cand[i];
			if(stale[v]) {
				work[v] = scope(e, v, u, &nu, &tab[v]);
				stale[v] = false;
			}
			if(bi < 0 || (work[v] != SIZE_MAX &&
			              (work[cand[bi]] == SIZE_MAX || tab[v] < tab[cand[bi]] ||
			               (tab[v] == tab[cand[bi]] && work[v] < work[cand[bi]]))))
				bi = i;
		}
		int best = cand[bi];
		if(work[best] == SIZE_MAX)
			return pl_failc(e->err, PL_ELIMIT, "dna.ped_entangled", "cells", PL_N(DNA_PED_CELLS_MAX),
			                "work", PL_N(DNA_PED_WORK_MAX), "alleles", PL_N(DNA_PED_FAC_VARS), NULL);
		size_t table;
		scope(e, best, u, &nu, &table);
		pl_rc rc = eliminate(e, best, u, nu);
		if(rc)
			return rc;
		for(int i = 0; i < nu; i++)
			stale[u[i]] = true;
		cand[bi] = cand[--ncand];
	}
	if(e->free_ind >= 0)
		return dna_peng_add_table(e, *out);
	double l = 1;
	for(int k = 0; k < e->nf; k++)
		if(!e->f[k].gone)
			l *= e->f[k].t[0];
	*out = l;
	return PL_OK;
}

/* ---- domains and terms ------------------------------------------------------------ */

/* Each variable's classes: a typed genotype (no drop-out) fixes both
 * alleles to its two; anything else may be any class. */
static pl_rc domains(dna_peng *e)
{
	e->dom = arena_alloc(e->a, (size_t)e->nvar * sizeof(int *));
	e->nd = arena_alloc(e->a, (size_t)e->nvar * sizeof(int));
	int *all = arena_alloc(e->a, (size_t)e->K * sizeof(int));
	if(!e->dom || !e->nd || !all)
		return PL_ENOMEM;
	static int seg[2] = {0, 1};
	for(int c = 0; c < e->K; c++)
		all[c] = c;
	for(int v = 2 * e->ped->n; v < e->nvar; v++) {
		e->dom[v] = seg;
		e->nd[v] = 2;
	}
	for(int i = 0; i < e->ped->n; i++) {
		dna_obs o = e->obs[i];
		for(int s = 0; s < 2; s++) {
			int v = 2 * i + s;
			if(o.a < 0 || o.dropout) {
				e->dom[v] = all;
				e->nd[v] = e->K;
				continue;
			}
			int *d = arena_alloc(e->a, 2 * sizeof(int)), a = e->cls[o.a], b = e->cls[o.b];
			if(!d)
				return PL_ENOMEM;
			d[0] = a < b ? a : b;
			d[1] = a < b ? b : a;
			e->dom[v] = d;
			e->nd[v] = a == b ? 1 : 2;
		}
	}
	return PL_OK;
}

/* The theta = 0 likelihood with the blocks of rep; 0 when a block's
 * alleles can have no class in common. With a free individual, *out comes
 * in as the term's weight and its table is added to J instead. */
pl_rc dna_peng_term(dna_peng *e, double *out)
{
	e->nf = e->capf = 0;
	e->f = NULL;
	e->cdom = dna_peng_talloc(e, (size_t)e->nvar * sizeof(int *));
	e->cnd = dna_peng_talloc(e, (size_t)e->nvar * sizeof(int));
	if(!e->cdom || !e->cnd)
		return PL_ENOMEM;
	for(int v = 0; v < e->nvar; v++) {
		e->cdom[v] = e->dom[v];
		e->cnd[v] = e->nd[v];
	}
	for(int v = 0; v < e->nvar; v++) {
		int r = e->rep[v];
		if(r == v || !e->keep[ind_of(e, v)])
			continue;
		/* intersect the block's domain with v's (both sorted) */
		int *d = dna_peng_talloc(e, (size_t)(e->cnd[r] ? e->cnd[r] : 1) * sizeof(int)), n = 0;
		if(!d)
			return PL_ENOMEM;
		for(int i = 0, j = 0; i < e->cnd[r] && j < e->nd[v];) {
			if(e->cdom[r][i] == e->dom[v][j]) {
				d[n++] = e->cdom[r][i];
				i++;
				j++;
			} else if(e->cdom[r][i] < e->dom[v][j]) {
				i++;
			} else {
				j++;
			}
		}
		if(!n) {
			if(e->free_ind < 0)
				*out = 0;
			return PL_OK;
		}
		e->cdom[r] = d;
		e->cnd[r] = n;
	}
	pl_rc rc = build(e);
	return rc ? rc : sum_all(e, out);
}

/* An untyped founder with one child that matters passes that child one of
 * their two alleles, 1/2 each; both alleles are draws of one exchangeable
 * sequence (from p, or by the sampling formula with theta), so which one
 * changes nothing: say the first. The second is then seen by nobody and,
 * put last in the sequence, sums to 1: the founder counts as one allele
 * variable, the child's allele a mutation of it, without segregation. */
static pl_rc single_founders(dna_peng *e)
{
	const dna_ped *p = e->ped;
	int *kids = arena_calloc(e->a, (size_t)(p->n ? p->n : 1), sizeof(int));
	e->single = arena_calloc(e->a, (size_t)(p->n ? p->n : 1), sizeof(bool));
	if(!kids || !e->single)
		return PL_ENOMEM;
	for(int i = 0; i < p->n; i++)
		if(e->keep[i] && p->father[i] >= 0) {
			kids[p->father[i]]++;
			kids[p->mother[i]]++;
		}
	for(int i = 0; i < p->n; i++)
		e->single[i] = e->keep[i] && p->father[i] < 0 && e->obs[i].a < 0 && !freed(e, i) &&
		               kids[i] == 1;
	return PL_OK;
}

/* Individuals that matter: typed, or with a typed descendant. The others
 * sum to 1 and, with theta, their founders' alleles are draws that nothing
 * sees (the sampling formula is the same for the draws that remain). */
static pl_rc relevant(dna_peng *e)
{
	const dna_ped *p = e->ped;
	e->keep = arena_calloc(e->a, (size_t)(p->n ? p->n : 1), sizeof(bool));
	if(!e->keep)
		return PL_ENOMEM;
	for(int i = 0; i < p->n; i++)
		e->keep[i] = e->obs[i].a >= 0 || freed(e, i);
	for(bool changed = true; changed;) { /* up to the founders */
		changed = false;
		for(int i = 0; i < p->n; i++)
			if(e->keep[i] && p->father[i] >= 0 && (!e->keep[p->father[i]] || !e->keep[p->mother[i]])) {
				e->keep[p->father[i]] = e->keep[p->mother[i]] = true;
				changed = true;
			}
	}
	return single_founders(e);
}

/* The likelihood, or with free_ind >= 0 the joint table J (of free2 too
 * when >= 0). */
static pl_rc run(const dna_locus *L, const dna_model *m, const dna_ped *p, const dna_obs *obs,
                 int free_ind, int free2, double *J, double *lik, arena *a, pl_err *err)
{
	int who;
	const char *why = dna_ped_invalid(p, &who);
	if(why)
		return pl_failc(err, PL_EINPUT, "dna.not_pedigree", "n", PL_N(who + 1), "why", dna_why(why), NULL);
	for(int i = 0; i < p->n; i++)
		if(obs[i].a >= L->n || obs[i].b >= L->n || (obs[i].a >= 0 && obs[i].b < 0))
			return pl_failc(err, PL_EINPUT, "dna.ped_unknown_allele", "n", PL_N(i + 1), "locus",
			                L->name ? L->name : "", NULL);
	/* Long-lived parts go in a private arena; the terms in `a`, whose one
	 * block next_term sizes to a term and keeps (for this call's next
	 * terms, and the caller's next calls). */
	arena keep;
	arena_init(&keep, 0);
	arena_reset(a);
	dna_peng e = {.ped = p, .L = L, .obs = obs, .nvar = 4 * p->n, .a = &keep, .err = err, .free_ind = free_ind,
	         .free2 = free2, .J = J, .nJ = L->n, .delta = m->dropout / (1 + m->dropout)};
	pl_rc rc = relevant(&e);
	if(!rc)
		rc = make_classes(&e, L, m);
	if(!rc)
		rc = domains(&e);
	rc = rc ? rc : dna_peng_prepare(&e, m->theta);
	rc = rc ? rc : dna_peng_kernels(&e, m->theta);
	e.a = a;
	*lik = 0;
	if(J) {
		size_t cells = (size_t)L->n * (size_t)L->n;
		memset(J, 0, (free2 >= 0 ? cells * cells : cells) * sizeof(double));
	}
	if(!rc && e.nua > DNA_PED_UNTYPED_MAX)
		rc = pl_failc(err, PL_ELIMIT, "dna.ped_theta_founders", "n", PL_N(e.nua), "max",
		              PL_N(DNA_PED_UNTYPED_MAX), NULL);
	else if(!rc) {
		bool done = false;
		rc = dna_peng_desc(&e, m->theta, lik, &done);
		if(!rc && !done)
			rc = dna_peng_theta_sum(&e, e.ua, e.nua, e.nsw, e.mate, e.T, m->theta, e.scale, lik);
	}
	dna_peng_next_term(&e); /* the block for the caller's next call */
	bool oom = arena_oom(&keep) || e.oom;
	arena_free(&keep);
	if(rc == PL_ENOMEM || (!rc && oom))
		return pl_nomem(err);
	return rc;
}

pl_rc dna_ped_likelihood(const dna_locus *L, const dna_model *m, const dna_ped *p,
                         const dna_obs *obs, double *lik, arena *a, pl_err *err)
{
	return run(L, m, p, obs, -1, -1, NULL, lik, a, err);
}

pl_rc dna_ped_joint(const dna_locus *L, const dna_model *m, const dna_ped *p, const dna_obs *obs,
                    int who, double *J, arena *a, pl_err *err)
{
	double unused;
	if(who < 0 || who >= p->n)
		return pl_fail(err, PL_EUSAGE, "dna_ped_joint: no individual %d", who + 1); /* not for users: a caller's bug */
	return run(L, m, p, obs, who, -1, J, &unused, a, err);
}

pl_rc dna_ped_joint2(const dna_locus *L, const dna_model *m, const dna_ped *p, const dna_obs *obs,
                     int who, int other, double *J, arena *a, pl_err *err)
{
	double unused;
	if(who < 0 || who >= p->n || other < 0 || other >= p->n || who == other)
		return pl_fail(err, PL_EUSAGE, /* not for users: a caller's bug */
		               "dna_ped_joint2: no individuals %d and %d", who + 1, other + 1);
	return run(L, m, p, obs, who, other, J, &unused, a, err);
}
