/* Theta in a pedigree by descent trees (ped_eng.h; docs/dna.md, "Theta in
 * a pedigree"): the same exact number as the partitions' peelings
 * (ped_theta.c), summed in another order.
 *
 * Condition on who got which allele copy: each needed allele slot of a
 * non-founder picks one of its parent's two slots (1/2 each), and each
 * typed person's observation is written as a sum of rank-one terms over
 * their (paternal, maternal) slots (a/b: [a][b] + [b][a]; a/a: [a][a];
 * a degraded apparent homozygote: [a][d 1 + (1 - 2d) a] + d [1][a]).
 * Given those choices every founder allele's copies form a tree, and its
 * likelihood as a function of the founder's allele a is a vector g(a),
 * peeled from the leaves up through the mutation matrices. A tree nobody
 * sees is 1 and drops out (its allele is a draw nobody sees, put last).
 * Theta then only couples the trees: typed founders' trees are summed at
 * their known alleles (prior 1, the constant C of theta_known), the
 * untyped founders' trees by the sampling formula's partitions, block B
 * weighing c(|B|) = theta^(|B| - 1) (|B| - 1)! and valued h(B) = sum_a w_a
 * prod_{i in B} g_i(a), the sum over partitions by subset recursion.
 *
 * The choices are enumerated depth first, children before parents, a
 * slot choosing only when something below it or its own term sees it.
 * A founder's two alleles are exchangeable (untyped: two draws; typed:
 * both phases), so the first choice of one of them picks the first with
 * weight 1 instead of each with 1/2.
 *
 * dna_ped_joint's free individual: its two slots are leaves e_x and e_y
 * for every x, y; the tree holding one carries a matrix G(a, x) (a its
 * founder's allele) on the path from the free slot up, and the sum over
 * partitions is of vectors over x (and y) and, when one block holds both
 * free trees, of sum_a s(a) G1(a, x) G2(a, y). The two paths must not
 * meet (the free person's parents not related), else the partitions'
 * engine does it; so does dna_ped_joint2, and a count of choices beyond
 * DESC_LEAVES_MAX. */
#include "dna/ped_eng.h"

#include <stdatomic.h>
#include <string.h>

enum { DESC_LEAVES_MAX = 1 << 16 };

static _Atomic long desc_calls;
static _Atomic int desc_mode;
static _Atomic bool desc_broken;

long dna_peng_desc_calls(void)
{
	return atomic_load(&desc_calls);
}

void dna_peng_desc_force(int mode)
{
	atomic_store(&desc_mode, mode);
}

void dna_peng_desc_break(bool on)
{
	atomic_store(&desc_broken, on);
}

/* An observation term: coef times v[0](x_P) v[1](x_M), a NULL vector 1. */
typedef struct dterm {
	double coef;
	const double *v[2];
} dterm;

/* A tree's root: g(a), and with a free leaf in it times Mp(a, x)
 * (kind 0: the identity, 1: diagonal Mp[a], 2: dense K x K); stable when
 * Mp is the same for the whole call (the identity, a mutation matrix or
 * a cached product of them), so that leaves may sum before it. */
typedef struct droot {
	const double *g, *Mp;
	int kind, freek;               /* freek: -1, or the free slot below (0: x, 1: y) */
	bool known;                    /* a typed founder's: prior 1 */
	bool stable;
} droot;

enum { DESC_PRODS = 16, DESC_ACCS = 8 };

/* Products of mutation matrices along a free path nobody else sees. */
typedef struct dprod {
	const double *M, *Mp, *out;
} dprod;

/* What the leaves add to J for one pair of stable matrices, in the
 * founders' alleles: J += T0^T Q T1 once, at the end. */
typedef struct dacc {
	const double *T[2];
	int kind[2];
	double *Q;
} dacc;

typedef struct desc {
	dna_peng *e;
	int K, n;
	int *order, nord;              /* individuals that matter, children first */
	dterm (*term)[2];
	int *nterm;
	double *acc;                   /* per slot, K: the product of what its children sent */
	bool *seen;                    /* per slot: something below it is seen */
	const double **mat;            /* per slot: the free leaf's matrix below it, or NULL */
	int *mkind, *mfree;
	bool *mstable;
	dprod prod[DESC_PRODS];
	int nprod;
	dacc qacc[DESC_ACCS];
	int nqacc;
	bool oom;
	bool *touched;                 /* founders one of whose alleles a child has picked */
	double *lv;                    /* per level: g[2], save[2], mg[2] (K each), two K x K */
	size_t lvsize;
	droot *root;
	int nroot;
	double *R, *h, *P, *psi, *tmp; /* subset work */
	const double *eye, *ones;
	double c[DNA_PED_UNTYPED_MAX + 3], theta, scale;
	int T, Umax;
	long leaves;
	double lik;
	double *J;
} desc;

/* ---- vectors ---------------------------------------------------------------- */

/* out(a) = sum_b M[a][b] g(b); M NULL: no mutation. */
static void mut_vec(const double *M, const double *g, double *out, int K)
{
	if(!M) {
		memcpy(out, g, (size_t)K * sizeof(double));
		return;
	}
	for(int a = 0; a < K; a++) {
		const double *row = M + (size_t)a * (size_t)K;
		double s = 0;
		for(int b = 0; b < K; b++)
			s += row[b] * g[b];
		out[a] = s;
	}
}

/* out(x) = sum_a q(a) g(a) Mp(a, x) for a root's matrix. */
static void root_vec(const droot *r, const double *q, double *out, int K)
{
	if(r->kind < 2) {
		for(int x = 0; x < K; x++)
			out[x] = q[x] * r->g[x] * (r->kind ? r->Mp[x] : 1);
		return;
	}
	memset(out, 0, (size_t)K * sizeof(double));
	for(int a = 0; a < K; a++) {
		double s = q[a] * r->g[a];
		if(s == 0)
			continue;
		const double *row = r->Mp + (size_t)a * (size_t)K;
		for(int x = 0; x < K; x++)
			out[x] += s * row[x];
	}
}

/* The matrix a free path carries up one transmission: from the slot's
 * value g(a) Mp(a, x) (kind) to out(a', x) = sum_a M[a'][a] g(a) Mp(a, x),
 * or for no mutation the slot's own (g folded in). Returns out's kind. */
static int mut_mat(const double *M, const double *g, const double *Mp, int kind, double *out, int K)
{
	size_t KK = (size_t)K;
	if(!M) {
		if(kind < 2) {
			for(int a = 0; a < K; a++)
				out[a] = g[a] * (kind ? Mp[a] : 1);
			return 1;
		}
		for(int a = 0; a < K; a++)
			for(int x = 0; x < K; x++)
				out[a * KK + x] = g[a] * Mp[a * KK + x];
		return 2;
	}
	if(kind < 2) {
		for(int a = 0; a < K; a++)
			for(int x = 0; x < K; x++)
				out[a * KK + x] = M[a * KK + x] * g[x] * (kind ? Mp[x] : 1);
		return 2;
	}
	memset(out, 0, KK * KK * sizeof(double));
	for(int a = 0; a < K; a++)
		for(int b = 0; b < K; b++) {
			double s = M[a * KK + b] * g[b];
			if(s == 0)
				continue;
			const double *row = Mp + b * KK;
			for(int x = 0; x < K; x++)
				out[a * KK + x] += s * row[x];
		}
	return 2;
}

/* ---- the sum over partitions ------------------------------------------------- */

/* For the U untyped roots g[0..U): R[S] = prod_{i in S} g_i (K each),
 * h[S] = sum_a w_a R[S](a), and P[S] the sum over the partitions of S of
 * prod_B c(|B|) h(B) (P[0] = 1). */
static void subsets(desc *d, const double *const *g, int U)
{
	int K = d->K;
	const double *w = d->e->w;
	size_t KK = (size_t)K;
	for(int a = 0; a < K; a++)
		d->R[a] = 1;
	d->h[0] = 1;
	d->P[0] = 1;
	for(int S = 1; S < 1 << U; S++) {
		int top = 31 - __builtin_clz((unsigned)S);
		const double *r0 = d->R + (size_t)(S ^ 1 << top) * KK, *gt = g[top];
		double *r = d->R + (size_t)S * KK, s = 0;
		for(int a = 0; a < K; a++) {
			r[a] = r0[a] * gt[a];
			s += w[a] * r[a];
		}
		d->h[S] = s;
	}
	for(int S = 1; S < 1 << U; S++) {
		int low = S & -S, rest = S ^ low;
		double s = 0;
		for(int sub = rest;; sub = (sub - 1) & rest) { /* B = sub + low */
			int B = sub | low;
			s += d->c[__builtin_popcount((unsigned)B)] * d->h[B] * d->P[S ^ B];
			if(!sub)
				break;
		}
		d->P[S] = s;
	}
}

/* psi(a) = w_a sum_{B subset of C} c(|B| + extra) P(C \ B) R_B(a): what
 * the free tree(s) joining a block of C's see of it, the rest of C
 * partitioned. */
static void psi_of(const desc *d, int C, int extra, double *psi)
{
	int K = d->K;
	memset(psi, 0, (size_t)K * sizeof(double));
	for(int B = C;; B = (B - 1) & C) {
		double f = d->c[__builtin_popcount((unsigned)B) + extra] * d->P[C ^ B];
		const double *r = d->R + (size_t)B * (size_t)K;
		for(int a = 0; a < K; a++)
			psi[a] += f * r[a];
		if(!B)
			break;
	}
	for(int a = 0; a < K; a++)
		psi[a] *= d->e->w[a];
}

static double denom(const desc *d, int U)
{
	double s = 1;
	for(int i = 1; i <= U; i++)
		s *= 1 + (d->T + i - 2) * d->theta;
	return s;
}

/* J += f u (x) v. */
static void outer(double *J, int K, double f, const double *u, const double *v)
{
	for(int x = 0; x < K; x++) {
		double s = f * u[x];
		if(s == 0)
			continue;
		for(int y = 0; y < K; y++)
			J[x * K + y] += s * v[y];
	}
}

/* Both free trees untyped: in separate blocks, and in one. */
static void joint_both(desc *d, const droot *f0, const droot *f1, int U, double W)
{
	int K = d->K, N = (1 << U) - 1;
	double *psi = d->psi, *v0 = d->tmp, *v1 = d->tmp + K, *q = d->tmp + 2 * K;
	for(int A = N;; A = (A - 1) & N) {
		const double *r = d->R + (size_t)A * (size_t)K;
		for(int a = 0; a < K; a++)
			q[a] = d->e->w[a] * r[a];
		root_vec(f0, q, v0, K);
		psi_of(d, N ^ A, 1, psi);
		root_vec(f1, psi, v1, K);
		outer(d->J, K, W * d->c[__builtin_popcount((unsigned)A) + 1], v0, v1);
		if(!A)
			break;
	}
	psi_of(d, N, 2, psi); /* sigma(a): one block holds both */
	for(int a = 0; a < K; a++)
		psi[a] *= f0->g[a] * f1->g[a];
	size_t KK = (size_t)K;
	if(f0->kind < 2 || f1->kind < 2) { /* a diagonal side: x = a (or y = a) */
		bool d0 = f0->kind < 2;
		const droot *dg = d0 ? f0 : f1, *o = d0 ? f1 : f0;
		for(int a = 0; a < K; a++) {
			double s = W * psi[a] * (dg->kind ? dg->Mp[a] : 1);
			if(s == 0)
				continue;
			for(int z = 0; z < K; z++) {
				double m = o->kind == 2 ? o->Mp[a * KK + z] : (z == a) * (o->kind ? o->Mp[a] : 1);
				d->J[d0 ? a * KK + z : z * KK + a] += s * m;
			}
		}
		return;
	}
	for(int a = 0; a < K; a++) {
		double s = W * psi[a];
		if(s == 0)
			continue;
		outer(d->J, K, s, f0->Mp + a * KK, f1->Mp + a * KK);
	}
}

/* The accumulator of the leaves whose free trees end in these stable
 * matrices; NULL when DESC_ACCS are taken (the leaf adds to J itself). */
static double *qacc_of(desc *d, const droot *f0, const droot *f1)
{
	const droot *f[2] = {f0, f1};
	for(int k = 0; k < d->nqacc; k++) {
		dacc *q = &d->qacc[k];
		if(q->kind[0] == f0->kind && q->kind[1] == f1->kind && (!f0->kind || q->T[0] == f0->Mp) &&
		   (!f1->kind || q->T[1] == f1->Mp))
			return q->Q;
	}
	if(d->nqacc == DESC_ACCS)
		return NULL;
	size_t KK = (size_t)d->K;
	double *Q = dna_peng_talloc(d->e, KK * KK * sizeof(double));
	if(!Q) {
		d->oom = true;
		return NULL;
	}
	memset(Q, 0, KK * KK * sizeof(double));
	dacc *q = &d->qacc[d->nqacc++];
	for(int s = 0; s < 2; s++) {
		q->T[s] = f[s]->Mp;
		q->kind[s] = f[s]->kind;
	}
	q->Q = Q;
	return Q;
}

/* A leaf's J in the free trees' founders' alleles (a, b), added to Q:
 * the same sums as leaf's, before the matrices. */
static void leaf_q(desc *d, const droot *const *fr, int U, double W, double *Q)
{
	int K = d->K, N = (1 << U) - 1;
	const double *g0 = fr[0]->g, *g1 = fr[1]->g, *w = d->e->w;
	double *q = d->tmp, *psi = d->psi;
	int uf = !fr[0]->known + !fr[1]->known;
	if(!uf) {
		outer(Q, K, W * d->P[N], g0, g1);
		return;
	}
	if(uf == 1) {
		int k = fr[0]->known;
		psi_of(d, N, 1, psi);
		for(int a = 0; a < K; a++)
			psi[a] *= fr[k]->g[a];
		outer(Q, K, W, k ? g0 : psi, k ? psi : g1);
		return;
	}
	for(int A = N;; A = (A - 1) & N) {
		const double *r = d->R + (size_t)A * (size_t)K;
		for(int a = 0; a < K; a++)
			q[a] = w[a] * r[a] * g0[a];
		psi_of(d, N ^ A, 1, psi);
		for(int a = 0; a < K; a++)
			psi[a] *= g1[a];
		outer(Q, K, W * d->c[__builtin_popcount((unsigned)A) + 1], q, psi);
		if(!A)
			break;
	}
	psi_of(d, N, 2, psi); /* one block holds both */
	for(int a = 0; a < K; a++)
		Q[(size_t)a * (size_t)K + (size_t)a] += W * psi[a] * g0[a] * g1[a];
}

/* J += T0^T Q T1 for each accumulator. */
static bool flush(desc *d)
{
	int K = d->K;
	size_t KK = (size_t)K;
	double *t = d->nqacc ? dna_peng_talloc(d->e, KK * KK * sizeof(double)) : NULL;
	if(d->nqacc && !t)
		return false;
	for(int k = 0; k < d->nqacc; k++) {
		const dacc *q = &d->qacc[k];
		for(int a = 0; a < K; a++) { /* t = Q T1 */
			double *row = t + (size_t)a * KK;
			const double *qa = q->Q + (size_t)a * KK;
			if(q->kind[1] < 2) {
				for(int y = 0; y < K; y++)
					row[y] = qa[y] * (q->kind[1] ? q->T[1][y] : 1);
				continue;
			}
			memset(row, 0, KK * sizeof(double));
			for(int b = 0; b < K; b++)
				if(qa[b] != 0)
					for(int y = 0; y < K; y++)
						row[y] += qa[b] * q->T[1][(size_t)b * KK + (size_t)y];
		}
		for(int a = 0; a < K; a++) { /* J += T0^T t */
			const double *row = t + (size_t)a * KK;
			if(q->kind[0] < 2) {
				double f = q->kind[0] ? q->T[0][a] : 1;
				for(int y = 0; y < K; y++)
					d->J[(size_t)a * KK + (size_t)y] += f * row[y];
				continue;
			}
			for(int x = 0; x < K; x++) {
				double f = q->T[0][(size_t)a * KK + (size_t)x];
				if(f != 0)
					for(int y = 0; y < K; y++)
						d->J[(size_t)x * KK + (size_t)y] += f * row[y];
			}
		}
	}
	return true;
}

static void leaf(desc *d, double wt)
{
	const double *g[DNA_PED_UNTYPED_MAX];
	const droot *fr[2] = {NULL, NULL};
	int U = 0, K = d->K;
	d->leaves++;
	for(int i = 0; i < d->nroot; i++) {
		if(d->root[i].freek >= 0)
			fr[d->root[i].freek] = &d->root[i];
		else
			g[U++] = d->root[i].g;
	}
	subsets(d, g, U);
	int N = (1 << U) - 1;
	if(!d->J) {
		d->lik += wt * d->scale * d->P[N] / denom(d, U);
		return;
	}
	double *v0 = d->tmp, *v1 = d->tmp + K, *one = d->tmp + 3 * K;
	int uf = !fr[0]->known + !fr[1]->known;
	double W = wt * d->scale / denom(d, U + uf), *Q;
	if(fr[0]->stable && fr[1]->stable && (Q = qacc_of(d, fr[0], fr[1]))) {
		leaf_q(d, fr, U, W, Q);
		return;
	}
	if(!uf) {
		root_vec(fr[0], one, v0, K);
		root_vec(fr[1], one, v1, K);
		outer(d->J, K, W * d->P[N], v0, v1);
	} else if(uf == 1) {
		int k = fr[0]->known; /* the untyped one */
		psi_of(d, N, 1, d->psi);
		root_vec(fr[k], d->psi, k ? v1 : v0, K);
		root_vec(fr[!k], one, k ? v0 : v1, K);
		outer(d->J, K, W, v0, v1);
	} else {
		joint_both(d, fr[0], fr[1], U, W);
	}
}

/* ---- the choices ---------------------------------------------------------------- */

static void visit(desc *d, int li, double wt);

static double *level(const desc *d, int li)
{
	return d->lv + (size_t)li * d->lvsize;
}

static bool founder(const desc *d, int i)
{
	return d->e->ped->father[i] < 0;
}

/* A free path's matrix one transmission up when the slot's own vector is
 * all 1 (nobody else below it, nothing seen of it) and its matrix stable:
 * M times it, the same for the whole call, a product cached. NULL when
 * that does not hold (the caller computes it into a level buffer). */
static const double *stable_up(desc *d, const double *M, const double *Mp, int kind, int *okind)
{
	int K = d->K;
	size_t KK = (size_t)K;
	if(!M) {
		*okind = kind;
		return kind ? Mp : d->eye;
	}
	if(kind == 0) {
		*okind = 2;
		return M;
	}
	if(kind != 2)
		return NULL;
	for(int k = 0; k < d->nprod; k++)
		if(d->prod[k].M == M && d->prod[k].Mp == Mp) {
			*okind = 2;
			return d->prod[k].out;
		}
	if(d->nprod == DESC_PRODS)
		return NULL;
	double *out = dna_peng_talloc(d->e, KK * KK * sizeof(double));
	if(!out) {
		d->oom = true;
		return NULL;
	}
	mut_mat(M, d->ones, Mp, 2, out, K);
	d->prod[d->nprod++] = (dprod){M, Mp, out};
	*okind = 2;
	return out;
}

/* Slot s of non-founder i (and those after it) picks its parent's slot. */
static void pick(desc *d, int li, int i, int s, double wt, const double *const *g, const bool *sn,
                 const bool *one)
{
	if(s == 2) {
		visit(d, li + 1, wt);
		return;
	}
	int slot = 2 * i + s;
	bool isfree = i == d->e->free_ind;
	if(!sn[s] && !isfree) {
		pick(d, li, i, s + 1, wt, g, sn, one);
		return;
	}
	const dna_ped *p = d->e->ped;
	int q = s ? p->mother[i] : p->father[i], K = d->K;
	const double *M = d->e->mut[dna_mutation_from(p->sex[q])];
	double *L = level(d, li), *save = L + (size_t)(2 + s) * (size_t)K, *mg = L + (size_t)(4 + s) * (size_t)K;
	double *mbuf = L + 6 * (size_t)K + (size_t)s * (size_t)K * (size_t)K;
	int mk = -1, mf = -1;
	const double *mp = NULL;
	bool stable = false;
	if(isfree || d->mat[slot]) { /* a free leaf: g(b) [b = x], or a path up from one */
		const double *in = isfree ? NULL : d->mat[slot];
		int ik = isfree ? 0 : d->mkind[slot];
		mf = isfree ? s : d->mfree[slot];
		if(one[s] && (isfree || d->mstable[slot]))
			mp = stable_up(d, M, in, ik, &mk);
		stable = mp != NULL;
		if(!mp) {
			mp = mbuf;
			mk = mut_mat(M, g[s], in, ik, mbuf, K);
		}
	} else {
		mut_vec(M, g[s], mg, K);
	}
	int first = 2 * q, nsrc = 2;
	double pr = 0.5;
	bool touch = false;
	if(d->e->single[q]) {
		nsrc = 1;
		pr = 1;
	} else if(founder(d, q) && q != d->e->free_ind && !d->touched[q]) {
		nsrc = 1;
		pr = 1;
		touch = d->touched[q] = true;
	}
	for(int src = first; src < first + nsrc; src++) {
		double *acc = d->acc + (size_t)src * (size_t)K;
		bool was = d->seen[src];
		if(mk >= 0) {
			d->mat[src] = mp;
			d->mkind[src] = mk;
			d->mfree[src] = mf;
			d->mstable[src] = stable;
		} else {
			memcpy(save, acc, (size_t)K * sizeof(double));
			for(int a = 0; a < K; a++)
				acc[a] *= mg[a];
		}
		d->seen[src] = true;
		pick(d, li, i, s + 1, wt * pr, g, sn, one);
		d->seen[src] = was;
		if(mk >= 0)
			d->mat[src] = NULL;
		else
			memcpy(acc, save, (size_t)K * sizeof(double));
	}
	if(touch)
		d->touched[q] = false;
}

/* Founder i's slots become roots: a typed founder's tree summed at once
 * (prior 1) unless a free leaf is in it. */
static void roots(desc *d, int li, int i, double wt, const double *const *g, const bool *sn)
{
	dna_peng *e = d->e;
	int K = d->K, n0 = d->nroot;
	for(int s = 0; s < 2; s++) {
		int slot = 2 * i + s;
		bool isfree = i == e->free_ind;
		if(!sn[s] && !isfree)
			continue;
		droot r = {.g = g[s], .freek = -1, .known = e->known[i]};
		if(isfree) {
			r.kind = 0;
			r.freek = s;
			r.stable = true;
		} else if(d->mat[slot]) {
			r.Mp = d->mat[slot];
			r.kind = d->mkind[slot];
			r.freek = d->mfree[slot];
			r.stable = d->mstable[slot];
		}
		if(r.known && r.freek < 0) {
			double t = 0;
			for(int a = 0; a < K; a++)
				t += g[s][a];
			wt *= t;
			continue;
		}
		d->root[d->nroot++] = r;
	}
	if(wt != 0)
		visit(d, li + 1, wt);
	d->nroot = n0;
}

static void visit(desc *d, int li, double wt)
{
	if(li == d->nord) {
		leaf(d, wt);
		return;
	}
	int i = d->order[li], K = d->K;
	double *L = level(d, li);
	for(int k = 0; k < d->nterm[i]; k++) {
		const dterm *t = &d->term[i][k];
		const double *g[2];
		bool sn[2], one[2];
		for(int s = 0; s < 2; s++) {
			int slot = 2 * i + s;
			const double *acc = d->acc + (size_t)slot * (size_t)K;
			sn[s] = d->seen[slot] || d->mat[slot] || t->v[s];
			one[s] = !d->seen[slot] && !t->v[s];
			g[s] = acc;
			if(t->v[s]) {
				double *gs = L + (size_t)s * (size_t)K;
				for(int a = 0; a < K; a++)
					gs[a] = acc[a] * t->v[s][a];
				g[s] = gs;
			}
		}
		if(founder(d, i))
			roots(d, li, i, wt * t->coef, g, sn);
		else
			pick(d, li, i, 0, wt * t->coef, g, sn, one);
	}
}

/* ---- setting up ---------------------------------------------------------------- */

/* Person i's observation terms (untyped, or the free person's own, which
 * J is multiplied by at the end: one term of 1). */
static pl_rc terms_of(desc *d, int i, const double *eye, double *vb, size_t *used)
{
	dna_obs o = d->e->obs[i];
	dterm *t = d->term[i];
	int K = d->K;
	if(o.a < 0 || i == d->e->free_ind) {
		t[0] = (dterm){1, {NULL, NULL}};
		d->nterm[i] = 1;
		return PL_OK;
	}
	int a = d->e->cls[o.a], b = d->e->cls[o.b];
	const double *ea = eye + (size_t)a * (size_t)K, *eb = eye + (size_t)b * (size_t)K;
	if(o.dropout) { /* [x=a][y=a] + delta ([x=a][y!=a] + [x!=a][y=a]) */
		double *v = vb + *used, dl = d->e->delta;
		*used += (size_t)K;
		for(int x = 0; x < K; x++)
			v[x] = dl + (x == a ? 1 - 2 * dl : 0);
		t[0] = (dterm){1, {ea, v}};
		t[1] = (dterm){dl, {NULL, ea}};
		d->nterm[i] = 2;
	} else if(a == b) {
		t[0] = (dterm){1, {ea, ea}};
		d->nterm[i] = 1;
	} else {
		t[0] = (dterm){1, {ea, eb}};
		t[1] = (dterm){1, {eb, ea}};
		d->nterm[i] = 2;
	}
	return PL_OK;
}

/* Whether a and b share an ancestor (each their own): then the free
 * person's two trees may meet. */
static bool related(const dna_ped *p, int a, int b)
{
	bool anc[2][256];
	if(p->n > 256)
		return true;
	int who[2] = {a, b};
	for(int k = 0; k < 2; k++) {
		memset(anc[k], 0, sizeof(anc[k]));
		anc[k][who[k]] = true;
		for(bool ch = true; ch;) {
			ch = false;
			for(int i = 0; i < p->n; i++)
				if(anc[k][i] && p->father[i] >= 0 && (!anc[k][p->father[i]] || !anc[k][p->mother[i]]))
					ch = anc[k][p->father[i]] = anc[k][p->mother[i]] = true;
		}
	}
	for(int i = 0; i < p->n; i++)
		if(anc[0][i] && anc[1][i])
			return true;
	return false;
}

static int depth_of(const dna_ped *p, int i, int *dep)
{
	if(dep[i] >= 0)
		return dep[i];
	if(p->father[i] < 0)
		return dep[i] = 0;
	int f = depth_of(p, p->father[i], dep), m = depth_of(p, p->mother[i], dep);
	return dep[i] = 1 + (f > m ? f : m);
}

/* An upper bound on the choices' leaves (before what the enumeration
 * prunes): each person's terms, 2 per slot that picks, a founder's first
 * pick free. */
static double leaves_bound(const desc *d)
{
	const dna_peng *e = d->e;
	const dna_ped *p = e->ped;
	double b = 1;
	for(int k = 0; k < d->nord; k++) {
		int i = d->order[k];
		b *= d->nterm[i];
		if(p->father[i] < 0) {
			bool kids = false;
			for(int c = 0; c < p->n; c++)
				kids |= e->keep[c] && (p->father[c] == i || p->mother[c] == i);
			if(kids && !e->single[i] && i != e->free_ind)
				b /= 2;
			continue;
		}
		b *= (e->single[p->father[i]] ? 1 : 2) * (e->single[p->mother[i]] ? 1 : 2);
	}
	return b < 1 ? 1 : b;
}

/* Whether this engine takes the computation (the caller runs the
 * partitions' otherwise): *lik, or e->J, filled when it does. */
pl_rc dna_peng_desc(dna_peng *e, double theta, double *lik, bool *done)
{
	const dna_ped *p = e->ped;
	int n = p->n, K = e->K;
	*done = false;
	if(theta <= 0 || atomic_load(&desc_mode) == 1 || e->free2 >= 0 || e->nua > DNA_PED_UNTYPED_MAX)
		return PL_OK;
	if(e->free_ind >= 0 && p->father[e->free_ind] >= 0 &&
	   related(p, p->father[e->free_ind], p->mother[e->free_ind]))
		return PL_OK;
	desc d = {.e = e, .K = K, .n = n, .theta = theta, .scale = e->scale, .T = e->T, .J = e->free_ind >= 0 ? e->J : NULL};
	size_t KK = (size_t)K, N2 = (size_t)(n ? 2 * n : 1);
	int *dep = dna_peng_talloc(e, (size_t)(n ? n : 1) * sizeof(int));
	d.order = dna_peng_talloc(e, (size_t)(n ? n : 1) * sizeof(int));
	d.term = dna_peng_talloc(e, (size_t)(n ? n : 1) * sizeof(*d.term));
	d.nterm = dna_peng_talloc(e, (size_t)(n ? n : 1) * sizeof(int));
	double *eye = dna_peng_talloc(e, KK * KK * sizeof(double));
	double *vbuf = dna_peng_talloc(e, (size_t)(n ? n : 1) * KK * sizeof(double));
	d.acc = dna_peng_talloc(e, N2 * KK * sizeof(double));
	d.seen = dna_peng_talloc(e, N2 * sizeof(bool));
	d.mat = dna_peng_talloc(e, N2 * sizeof(double *));
	d.mkind = dna_peng_talloc(e, N2 * sizeof(int));
	d.mfree = dna_peng_talloc(e, N2 * sizeof(int));
	d.mstable = dna_peng_talloc(e, N2 * sizeof(bool));
	d.touched = dna_peng_talloc(e, (size_t)(n ? n : 1) * sizeof(bool));
	if(!dep || !d.order || !d.term || !d.nterm || !eye || !vbuf || !d.acc || !d.seen || !d.mat || !d.mkind ||
	   !d.mfree || !d.mstable || !d.touched)
		return PL_ENOMEM;
	memset(eye, 0, KK * KK * sizeof(double));
	for(int a = 0; a < K; a++)
		eye[(size_t)a * KK + (size_t)a] = 1;
	d.eye = eye;
	for(size_t v = 0; v < N2 * KK; v++)
		d.acc[v] = 1;
	memset(d.seen, 0, N2 * sizeof(bool));
	memset(d.mat, 0, N2 * sizeof(double *));
	memset(d.touched, 0, (size_t)(n ? n : 1) * sizeof(bool));
	size_t used = 0;
	int maxdep = 0;
	for(int i = 0; i < n; i++) {
		dep[i] = -1;
		if(e->keep[i])
			terms_of(&d, i, eye, vbuf, &used);
	}
	for(int i = 0; i < n; i++)
		if(e->keep[i] && depth_of(p, i, dep) > maxdep)
			maxdep = dep[i];
	for(int k = maxdep; k >= 0; k--) /* children before their parents */
		for(int i = 0; i < n; i++)
			if(e->keep[i] && dep[i] == k)
				d.order[d.nord++] = i;
	if(leaves_bound(&d) > DESC_LEAVES_MAX)
		return PL_OK;
	/* Roots: at most the untyped founders' alleles that matter (nua),
	 * and the typed founders' trees holding a free leaf (two). */
	d.Umax = e->nua;
	size_t sub = (size_t)1 << d.Umax;
	d.lvsize = 6 * KK + 2 * KK * KK;
	d.lv = dna_peng_talloc(e, (size_t)(d.nord ? d.nord : 1) * d.lvsize * sizeof(double));
	d.root = dna_peng_talloc(e, (size_t)(2 * n + 2) * sizeof(droot));
	d.R = dna_peng_talloc(e, sub * KK * sizeof(double));
	d.h = dna_peng_talloc(e, sub * sizeof(double));
	d.P = dna_peng_talloc(e, sub * sizeof(double));
	d.psi = dna_peng_talloc(e, KK * sizeof(double));
	d.tmp = dna_peng_talloc(e, 4 * KK * sizeof(double));
	if(!d.lv || !d.root || !d.R || !d.h || !d.P || !d.psi || !d.tmp)
		return PL_ENOMEM;
	for(int a = 0; a < K; a++)
		d.tmp[3 * K + a] = 1;
	d.ones = d.tmp + 3 * K;
	d.c[1] = 1;
	for(int s = 2; s < DNA_PED_UNTYPED_MAX + 3; s++)
		d.c[s] = d.c[s - 1] * (s - 1) * theta;
	if(atomic_load(&desc_broken)) /* the tests' deliberate error */
		d.c[2] *= 1.01;
	visit(&d, 0, 1);
	if(d.J && !flush(&d))
		return PL_ENOMEM;
	if(d.oom)
		return PL_ENOMEM;
	if(d.J && e->obs[e->free_ind].a >= 0) /* the free person's own observation */
		for(int x = 0; x < K; x++)
			for(int y = 0; y < K; y++) {
				dna_obs o = e->obs[e->free_ind];
				int a = e->cls[o.a], b = e->cls[o.b];
				double v = !o.dropout ? ((x == a && y == b) || (x == b && y == a))
				                      : x == a && y == a ? 1 : x == a || y == a ? e->delta : 0;
				d.J[x * K + y] *= v;
			}
	*lik = d.lik;
	*done = true;
	atomic_fetch_add(&desc_calls, 1);
	return PL_OK;
}
