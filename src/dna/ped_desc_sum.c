/* Theta's partitions at each leaf of the descent trees' choices
 * (ped_desc.h): the untyped founders' trees by subset recursion, and for
 * dna_ped_joint the free trees' vectors and matrices. docs/dna.md,
 * "Theta in a pedigree". */
#include "dna/ped_desc.h"

#include <string.h>

/* out(x) = sum_a q(a) g(a) Mp(a, x) for a root's matrix. */
static void root_vec(const dna_droot *r, const double *q, double *out, int K)
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

/* For the U untyped roots g[0..U): R[S] = prod_{i in S} g_i (K each),
 * h[S] = sum_a w_a R[S](a), and P[S] the sum over the partitions of S of
 * prod_B c(|B|) h(B) (P[0] = 1). */
static void subsets(dna_desc *d, const double *const *g, int U)
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
static void psi_of(const dna_desc *d, int C, int extra, double *psi)
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

static double denom(const dna_desc *d, int U)
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

/* Q += sum_j f_j u_j (x) v_j (f NULL: 1), four terms a pass over Q (one
 * load and store of Q per four products). */
static void rank_update(double *Q, int K, const double *u, const double *v, int nr, const double *f)
{
	size_t KK = (size_t)K;
	int j = 0;
	for(; j + 4 <= nr; j += 4) {
		const double *u0 = u + (size_t)j * KK, *v0 = v + (size_t)j * KK;
		const double *v1 = v0 + KK, *v2 = v1 + KK, *v3 = v2 + KK;
		double f0 = f ? f[j] : 1, f1 = f ? f[j + 1] : 1, f2 = f ? f[j + 2] : 1, f3 = f ? f[j + 3] : 1;
		if(f0 == 0 && f1 == 0 && f2 == 0 && f3 == 0)
			continue;
		for(int x = 0; x < K; x++) {
			double a0 = f0 * u0[x], a1 = f1 * u0[KK + (size_t)x], a2 = f2 * u0[2 * KK + (size_t)x],
			       a3 = f3 * u0[3 * KK + (size_t)x];
			if(a0 == 0 && a1 == 0 && a2 == 0 && a3 == 0)
				continue;
			double *row = Q + (size_t)x * KK;
			for(int y = 0; y < K; y++)
				row[y] += a0 * v0[y] + a1 * v1[y] + a2 * v2[y] + a3 * v3[y];
		}
	}
	for(; j < nr; j++)
		outer(Q, K, f ? f[j] : 1, u + (size_t)j * KK, v + (size_t)j * KK);
}

/* Both free trees untyped: in separate blocks, and in one. */
static void joint_both(dna_desc *d, const dna_droot *f0, const dna_droot *f1, int U, double W)
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
		const dna_droot *dg = d0 ? f0 : f1, *o = d0 ? f1 : f0;
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
	for(int a = 0; a < K; a++)
		psi[a] *= W;
	rank_update(d->J, K, f0->Mp, f1->Mp, K, psi); /* sum_a s(a) Mp0(a, .) (x) Mp1(a, .) */
}

/* The accumulator of the leaves whose free trees end in these stable
 * matrices; NULL when DESC_ACCS are taken (the leaf adds to J itself). */
static double *qacc_of(dna_desc *d, const dna_droot *f0, const dna_droot *f1)
{
	const dna_droot *f[2] = {f0, f1};
	for(int k = 0; k < d->nqacc; k++) {
		dna_dacc *q = &d->qacc[k];
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
	dna_dacc *q = &d->qacc[d->nqacc++];
	for(int s = 0; s < 2; s++) {
		q->T[s] = f[s]->Mp;
		q->kind[s] = f[s]->kind;
	}
	q->Q = Q;
	return Q;
}

/* A leaf's J in the free trees' founders' alleles (a, b), added to Q:
 * the same sums as leaf's, before the matrices. */
static void leaf_q(dna_desc *d, const dna_droot *const *fr, int U, double W, double *Q)
{
	int K = d->K, N = (1 << U) - 1;
	const double *g0 = fr[0]->g, *g1 = fr[1]->g, *w = d->e->w;
	double *psi = d->psi;
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
	int nr = 0;
	for(int A = N;; A = (A - 1) & N) { /* the rank-one terms first, then Q at once */
		const double *r = d->R + (size_t)A * (size_t)K;
		double *u = d->us + (size_t)nr * (size_t)K, *v = d->vs + (size_t)nr * (size_t)K;
		double f = W * d->c[__builtin_popcount((unsigned)A) + 1];
		for(int a = 0; a < K; a++)
			u[a] = f * w[a] * r[a] * g0[a];
		psi_of(d, N ^ A, 1, v);
		for(int a = 0; a < K; a++)
			v[a] *= g1[a];
		nr++;
		if(!A)
			break;
	}
	rank_update(Q, K, d->us, d->vs, nr, NULL);
	psi_of(d, N, 2, psi); /* one block holds both */
	for(int a = 0; a < K; a++)
		Q[(size_t)a * (size_t)K + (size_t)a] += W * psi[a] * g0[a] * g1[a];
}

/* J += T0^T Q T1 for each accumulator. */
bool dna_desc_flush(dna_desc *d)
{
	int K = d->K;
	size_t KK = (size_t)K;
	double *t = d->nqacc ? dna_peng_talloc(d->e, KK * KK * sizeof(double)) : NULL;
	if(d->nqacc && !t)
		return false;
	for(int k = 0; k < d->nqacc; k++) {
		const dna_dacc *q = &d->qacc[k];
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

void dna_desc_leaf(dna_desc *d, double wt)
{
	const double *g[DNA_PED_UNTYPED_MAX];
	const dna_droot *fr[2] = {NULL, NULL};
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

