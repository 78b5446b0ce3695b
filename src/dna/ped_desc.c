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
 * free trees, of sum_a s(a) G1(a, x) G2(a, y). Where a free path's
 * matrices are the same for the whole call (stable_up), the leaves sum in
 * the founders' alleles and the matrices are applied once
 * (ped_desc_sum.c). The two paths must not meet (the free person's
 * parents not related), else the partitions' engine does it; so does
 * dna_ped_joint2, a count of choices beyond DESC_LEAVES_MAX, and a
 * computation with one untyped founder allele at most (one partition:
 * one peeling, as cheap). */
#include "dna/ped_desc.h"

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

/* ---- the choices ---------------------------------------------------------------- */

static void visit(dna_desc *d, int li, double wt);

static double *level(const dna_desc *d, int li)
{
	return d->lv + (size_t)li * d->lvsize;
}

static bool founder(const dna_desc *d, int i)
{
	return d->e->ped->father[i] < 0;
}

/* A free path's matrix one transmission up when the slot's own vector is
 * all 1 (nobody else below it, nothing seen of it) and its matrix stable:
 * M times it, the same for the whole call, a product cached. NULL when
 * that does not hold (the caller computes it into a level buffer). */
static const double *stable_up(dna_desc *d, const double *M, const double *Mp, int kind, int *okind)
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
	d->prod[d->nprod++] = (dna_dprod){M, Mp, out};
	*okind = 2;
	return out;
}

/* Slot s of non-founder i (and those after it) picks its parent's slot. */
static void pick(dna_desc *d, int li, int i, int s, double wt, const double *const *g, const bool *sn,
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
static void roots(dna_desc *d, int li, int i, double wt, const double *const *g, const bool *sn)
{
	dna_peng *e = d->e;
	int K = d->K, n0 = d->nroot;
	for(int s = 0; s < 2; s++) {
		int slot = 2 * i + s;
		bool isfree = i == e->free_ind;
		if(!sn[s] && !isfree)
			continue;
		dna_droot r = {.g = g[s], .freek = -1, .known = e->known[i]};
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

static void visit(dna_desc *d, int li, double wt)
{
	if(li == d->nord) {
		dna_desc_leaf(d, wt);
		return;
	}
	int i = d->order[li], K = d->K;
	double *L = level(d, li);
	for(int k = 0; k < d->nterm[i]; k++) {
		const dna_dterm *t = &d->term[i][k];
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
static pl_rc terms_of(dna_desc *d, int i, const double *eye, double *vb, size_t *used)
{
	dna_obs o = d->e->obs[i];
	dna_dterm *t = d->term[i];
	int K = d->K;
	if(o.a < 0 || i == d->e->free_ind) {
		t[0] = (dna_dterm){1, {NULL, NULL}};
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
		t[0] = (dna_dterm){1, {ea, v}};
		t[1] = (dna_dterm){dl, {NULL, ea}};
		d->nterm[i] = 2;
	} else if(a == b) {
		t[0] = (dna_dterm){1, {ea, ea}};
		d->nterm[i] = 1;
	} else {
		t[0] = (dna_dterm){1, {ea, eb}};
		t[1] = (dna_dterm){1, {eb, ea}};
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
static double leaves_bound(const dna_desc *d)
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

/* The call's state that does not depend on the choices: each person's
 * observation terms, the slots all 1, the order children first. */
static pl_rc desc_setup(dna_desc *d)
{
	dna_peng *e = d->e;
	const dna_ped *p = e->ped;
	int n = p->n, K = d->K, maxdep = 0;
	size_t KK = (size_t)K, N2 = (size_t)(n ? 2 * n : 1), N1 = (size_t)(n ? n : 1), used = 0;
	int *dep = dna_peng_talloc(e, N1 * sizeof(int));
	double *eye = dna_peng_talloc(e, KK * KK * sizeof(double));
	double *vbuf = dna_peng_talloc(e, N1 * KK * sizeof(double));
	d->order = dna_peng_talloc(e, N1 * sizeof(int));
	d->term = dna_peng_talloc(e, N1 * sizeof(*d->term));
	d->nterm = dna_peng_talloc(e, N1 * sizeof(int));
	d->acc = dna_peng_talloc(e, N2 * KK * sizeof(double));
	d->seen = dna_peng_talloc(e, N2 * sizeof(bool));
	d->mat = dna_peng_talloc(e, N2 * sizeof(double *));
	d->mkind = dna_peng_talloc(e, N2 * sizeof(int));
	d->mfree = dna_peng_talloc(e, N2 * sizeof(int));
	d->mstable = dna_peng_talloc(e, N2 * sizeof(bool));
	d->touched = dna_peng_talloc(e, N1 * sizeof(bool));
	if(!dep || !d->order || !d->term || !d->nterm || !eye || !vbuf || !d->acc || !d->seen || !d->mat ||
	   !d->mkind || !d->mfree || !d->mstable || !d->touched)
		return PL_ENOMEM;
	memset(eye, 0, KK * KK * sizeof(double));
	for(int a = 0; a < K; a++)
		eye[(size_t)a * KK + (size_t)a] = 1;
	d->eye = eye;
	for(size_t v = 0; v < N2 * KK; v++)
		d->acc[v] = 1;
	memset(d->seen, 0, N2 * sizeof(bool));
	memset(d->mat, 0, N2 * sizeof(double *));
	memset(d->touched, 0, N1 * sizeof(bool));
	for(int i = 0; i < n; i++) {
		dep[i] = -1;
		if(e->keep[i])
			terms_of(d, i, eye, vbuf, &used);
	}
	for(int i = 0; i < n; i++)
		if(e->keep[i] && depth_of(p, i, dep) > maxdep)
			maxdep = dep[i];
	for(int k = maxdep; k >= 0; k--) /* children before their parents */
		for(int i = 0; i < n; i++)
			if(e->keep[i] && dep[i] == k)
				d->order[d->nord++] = i;
	return PL_OK;
}

/* The leaves' work space: per level of the choices, the roots, the
 * subsets of the untyped founders' alleles that matter (nua), and the
 * block weights c(s). */
static pl_rc desc_work(dna_desc *d)
{
	dna_peng *e = d->e;
	size_t KK = (size_t)d->K, sub = (size_t)1 << e->nua;
	d->Umax = e->nua;
	d->lvsize = 6 * KK + 2 * KK * KK;
	d->lv = dna_peng_talloc(e, (size_t)(d->nord ? d->nord : 1) * d->lvsize * sizeof(double));
	d->root = dna_peng_talloc(e, (size_t)(2 * d->n + 2) * sizeof(dna_droot));
	d->R = dna_peng_talloc(e, sub * KK * sizeof(double));
	d->h = dna_peng_talloc(e, sub * sizeof(double));
	d->P = dna_peng_talloc(e, sub * sizeof(double));
	d->psi = dna_peng_talloc(e, KK * sizeof(double));
	d->us = d->J ? dna_peng_talloc(e, sub * KK * sizeof(double)) : d->psi;
	d->vs = d->J ? dna_peng_talloc(e, sub * KK * sizeof(double)) : d->psi;
	d->tmp = dna_peng_talloc(e, 4 * KK * sizeof(double));
	if(!d->lv || !d->root || !d->R || !d->h || !d->P || !d->psi || !d->tmp || !d->us || !d->vs)
		return PL_ENOMEM;
	for(size_t a = 0; a < KK; a++)
		d->tmp[3 * KK + a] = 1;
	d->ones = d->tmp + 3 * KK;
	d->c[1] = 1;
	for(int s = 2; s < DNA_PED_UNTYPED_MAX + 3; s++)
		d->c[s] = d->c[s - 1] * (s - 1) * d->theta;
	if(atomic_load(&desc_broken)) /* the tests' deliberate error */
		d->c[2] *= 1.01;
	return PL_OK;
}

/* Whether this engine takes the computation (the caller runs the
 * partitions' otherwise): *lik, or e->J, filled when it does. */
pl_rc dna_peng_desc(dna_peng *e, double theta, double *lik, bool *done)
{
	const dna_ped *p = e->ped;
	int f = e->free_ind, mode = atomic_load(&desc_mode);
	*done = false;
	/* one partition at most (nua <= 1): the partitions' engine is one
	 * peeling, as cheap */
	if(theta <= 0 || mode == 1 || e->free2 >= 0 || e->nua > DNA_PED_UNTYPED_MAX || (e->nua <= 1 && mode != 2))
		return PL_OK;
	if(f >= 0 && p->father[f] >= 0 && related(p, p->father[f], p->mother[f]))
		return PL_OK;
	dna_desc d = {.e = e, .K = e->K, .n = p->n, .theta = theta, .scale = e->scale, .T = e->T,
	              .J = f >= 0 ? e->J : NULL};
	pl_rc rc = desc_setup(&d);
	if(rc || leaves_bound(&d) > DESC_LEAVES_MAX)
		return rc;
	if((rc = desc_work(&d)))
		return rc;
	visit(&d, 0, 1);
	if(d.oom || (d.J && !dna_desc_flush(&d)))
		return PL_ENOMEM;
	if(d.J && e->obs[f].a >= 0) /* the free person's own observation */
		for(int x = 0; x < d.K; x++)
			for(int y = 0; y < d.K; y++)
				d.J[x * d.K + y] *= dna_peng_obs_val(e, e->obs[f], x, y);
	*lik = d.lik;
	*done = true;
	atomic_fetch_add(&desc_calls, 1);
	return PL_OK;
}
