/* The joint table of M and a relative with the unseen alleles as four
 * exchangeable classes, and the probabilities of given alleles from it by
 * Moebius inversion over the partitions of their copies (advice_pair.h). */
#include "dna/advice_pair.h"

#include <pthread.h>
#include <string.h>

#include "dna/kit.h"

enum { DUMMIES = 4, REST = -2 };

/* The set partitions of n = 1..4 copies as restricted growth strings
 * (copy i in block rgs[i]; blocks numbered in order of first copy). */
typedef struct part {
	int n, nb;
	int8_t rgs[4];
} part;

static part parts[5][15];
static int nparts[5];

/* Copies i.. of p given the blocks nb used by copies 0..i-1. */
static void parts_fill(int n, int i, part *p, int nb)
{
	if(i >= n || i >= 4) {
		p->nb = nb;
		parts[n][nparts[n]++] = *p;
		return;
	}
	for(int b = 0; b <= nb; b++) {
		p->rgs[i] = (int8_t)b;
		parts_fill(n, i + 1, p, b == nb ? nb + 1 : nb);
	}
}

/* Filled once (pthread_once in dna_pairtab_build, which every use goes
 * through first). */
static void parts_init(void)
{
	for(int n = 1; n <= 4; n++) {
		part p = {.n = n};
		nparts[n] = 0;
		parts_fill(n, 0, &p, 0);
	}
}

/* mu(sigma, pi) when sigma refines pi, else 0. */
static double mobius(const part *sigma, const part *pi)
{
	int inside[4] = {0}, first[4];
	memset(first, -1, sizeof(first));
	for(int i = 0; i < pi->n; i++)
		for(int j = 0; j < pi->n; j++)
			if(sigma->rgs[i] == sigma->rgs[j] && pi->rgs[i] != pi->rgs[j])
				return 0;
	for(int i = 0; i < sigma->n; i++)
		if(first[sigma->rgs[i]] < 0) {
			first[sigma->rgs[i]] = i;
			inside[pi->rgs[i]]++;
		}
	double mu = 1;
	for(int b = 0; b < pi->nb; b++)
		for(int k = 1; k < inside[b]; k++)
			mu *= -k;
	return mu;
}

/* ---- the locus with four classes for the unseen alleles ------------------------- */

static pl_rc dummy_mutation(const dna_locus *O, const dna_pairtab *t, dna_locus *L, arena *a)
{
	int K = t->K, s = t->s, n = O->n;
	for(int f = 0; f < 3; f++) {
		if(!O->mut[f])
			continue;
		double *M = arena_calloc(a, (size_t)(K * K), sizeof(double));
		if(!M)
			return PL_ENOMEM;
		for(int x = 0; x < n; x++) {
			const double *row = O->mut[f] + (size_t)x * (size_t)n;
			int i = t->cls[x];
			for(int y = 0; y < n; y++) {
				int j = t->cls[y];
				if(i >= 0 && j >= 0)
					M[i * K + j] += row[y];
				else if(i >= 0) /* to an unseen allele: one of the four, equally */
					for(int d = 0; d < DUMMIES; d++)
						M[i * K + s + d] += row[y] / DUMMIES;
				else if(j >= 0) /* from one: the frequency-weighted mean */
					for(int d = 0; d < DUMMIES; d++)
						M[(s + d) * K + j] += O->p[x] / t->P * row[y];
			}
		}
		for(int d = 0; d < DUMMIES && K > s; d++) { /* an unseen allele stays as it is */
			double out = 0;
			for(int j = 0; j < s; j++)
				out += M[(s + d) * K + j];
			M[(s + d) * K + s + d] = 1 - out;
		}
		L->mut[f] = M;
	}
	return PL_OK;
}

static pl_rc dummy_locus(const dna_locus *O, const bool *seen, const dna_model *mod, dna_pairtab *t,
                         dna_locus *L, arena *a)
{
	t->cls = arena_alloc(a, (size_t)O->n * sizeof(int16_t));
	if(!t->cls)
		return PL_ENOMEM;
	t->s = 0;
	t->P = 0;
	for(int x = 0; x < O->n; x++) {
		t->cls[x] = (int16_t)(seen[x] ? t->s++ : -1);
		t->P += seen[x] ? 0 : O->p[x];
	}
	t->K = t->P > 0 ? t->s + DUMMIES : t->s;
	*L = *O;
	L->n = t->K;
	double *p = arena_alloc(a, (size_t)t->K * sizeof(double));
	if(!p)
		return PL_ENOMEM;
	for(int x = 0; x < O->n; x++)
		if(seen[x])
			p[t->cls[x]] = O->p[x];
	for(int d = t->s; d < t->K; d++)
		p[d] = t->P / DUMMIES;
	L->p = p;
	memset(L->mut, 0, sizeof(L->mut));
	memset(L->moment, 0, sizeof(L->moment)); /* the original's, not this locus's */
	return mod->mutation ? dummy_mutation(O, t, L, a) : PL_OK;
}

/* ---- Moebius inversion ----------------------------------------------------------- */

/* b at every canonical labelling of the np positions of table T (K^np):
 * the unseen positions (class >= s) labelled in order of first use. */
static void invert(const double *T, double *b, int K, int s, int np)
{
	size_t cells = 1;
	for(int i = 0; i < np; i++)
		cells *= (size_t)K;
	for(size_t c = 0; c < cells; c++) {
		int x[4], u[4], nu = 0;
		size_t r = c;
		for(int i = np - 1; i >= 0; i--) {
			x[i] = (int)(r % (size_t)K);
			r /= (size_t)K;
		}
		part pi = {0};
		bool canonical = true;
		for(int i = 0; i < np; i++)
			if(x[i] >= s) {
				u[nu] = i;
				pi.rgs[nu] = (int8_t)(x[i] - s);
				canonical &= pi.rgs[nu] <= pi.nb;
				pi.nb = pi.rgs[nu] + 1 > pi.nb ? pi.rgs[nu] + 1 : pi.nb;
				nu++;
			}
		b[c] = 0;
		if(!canonical)
			continue;
		if(!nu) {
			b[c] = T[c];
			continue;
		}
		pi.n = nu;
		for(int k = 0; k < nparts[nu]; k++) {
			double mu = mobius(&parts[nu][k], &pi);
			if(mu == 0)
				continue;
			for(int j = 0; j < nu; j++)
				x[u[j]] = s + parts[nu][k].rgs[j];
			size_t at = 0;
			for(int i = 0; i < np; i++)
				at = at * (size_t)K + (size_t)x[i];
			b[c] += mu * T[at];
		}
	}
}

pl_rc dna_pairtab_build(const dna_locus *O, const bool *seen, const dna_model *mod,
                        const dna_pair_alt *alt, int nalt, dna_pairtab *t, arena *a,
                        arena *scratch, pl_err *err)
{
	static pthread_once_t once = PTHREAD_ONCE_INIT;
	pthread_once(&once, parts_init);
	memset(t, 0, sizeof(*t));
	t->O = O;
	dna_locus L;
	if(dummy_locus(O, seen, mod, t, &L, a))
		return pl_nomem(err);
	size_t K = (size_t)t->K, K2 = K * K, K4 = K2 * K2;
	double *T = arena_calloc(a, K4, sizeof(double)), *one = arena_alloc(a, K4 * sizeof(double));
	t->b = arena_alloc(a, K4 * sizeof(double));
	t->bR = arena_alloc(a, K2 * sizeof(double));
	t->bM = arena_alloc(a, K2 * sizeof(double));
	double *TR = arena_calloc(a, K2, sizeof(double)), *TM = arena_calloc(a, K2, sizeof(double));
	int most = 0;
	for(int i = 0; i < nalt; i++)
		most = alt[i].ped->n > most ? alt[i].ped->n : most;
	dna_obs *o = arena_alloc(a, (size_t)(most + 1) * sizeof(dna_obs));
	if(!T || !one || !t->b || !t->bR || !t->bM || !TR || !TM || !o)
		return pl_nomem(err);
	pl_rc rc = PL_OK;
	for(int i = 0; !rc && i < nalt; i++) {
		for(int j = 0; !rc && j < alt[i].ped->n; j++) {
			dna_obs x = alt[i].obs[j];
			o[j] = x.a < 0 ? x : (dna_obs){t->cls[x.a], t->cls[x.b], x.dropout};
			if(x.a >= 0 && (o[j].a < 0 || o[j].b < 0))
				rc = pl_fail(err, PL_EUSAGE, /* not for users: the classes hold every typed allele */
				             "advice: individual %d typed with an allele not seen", j + 1);
		}
		if(!rc)
			rc = dna_ped_joint2(&L, mod, alt[i].ped, o, alt[i].m, alt[i].r, one, scratch, err);
		for(size_t c = 0; !rc && c < K4; c++)
			T[c] += alt[i].w * one[c];
	}
	if(rc)
		return rc;
	for(size_t c = 0; c < K4; c++) {
		TR[c % K2] += T[c];
		TM[c / K2] += T[c];
	}
	invert(T, t->b, t->K, t->s, 4);
	invert(TR, t->bR, t->K, t->s, 2);
	invert(TM, t->bM, t->K, t->s, 2);
	return PL_OK;
}

/* ---- probabilities of given alleles ------------------------------------------------ */

/* A copy's allele: a seen class, or an unseen allele (its locus number),
 * or REST (any unseen allele the classes do not name). */
typedef struct lab {
	int cls, id;
} lab;

static lab label_of(const dna_pairtab *t, int allele)
{
	int c = allele >= 0 ? t->cls[allele] : -1;
	return (lab){c, c >= 0 ? -1 : allele};
}

/* P(the np copies carry the alleles x[]): the inversion's coefficients of
 * the partitions of the unseen copies into groups of one allele each,
 * times the groups' frequencies over P/4. */
static double config(const dna_pairtab *t, const double *b, const lab *x, int np, double rest)
{
	int u[4], nu = 0, cls[4];
	for(int i = 0; i < np; i++) {
		cls[i] = x[i].cls;
		if(x[i].cls < 0)
			u[nu++] = i;
	}
	double q = t->P / DUMMIES, sum = 0;
	if(!nu) {
		size_t at = 0;
		for(int i = 0; i < np; i++)
			at = at * (size_t)t->K + (size_t)cls[i];
		return b[at];
	}
	for(int k = 0; k < nparts[nu]; k++) {
		const part *pi = &parts[nu][k];
		double w = 1;
		int id[4];
		bool fits = true;
		for(int j = 0; fits && j < nu; j++) {
			int blk = pi->rgs[j], lj = x[u[j]].id;
			bool first = true;
			for(int i = 0; i < j; i++)
				if(pi->rgs[i] == blk) {
					first = false;
					fits = id[blk] == lj;
					break;
				}
			if(first) {
				id[blk] = lj;
				w *= (lj == REST ? rest : t->O->p[lj]) / q;
			}
			cls[u[j]] = t->s + blk;
		}
		if(!fits)
			continue;
		size_t at = 0;
		for(int i = 0; i < np; i++)
			at = at * (size_t)t->K + (size_t)cls[i];
		sum += w * b[at];
	}
	return sum > 0 ? sum : 0; /* rounding below an impossible 0 */
}

/* The unseen frequency the classes c do not name. */
static double rest_of(const dna_pairtab *t, const dna_pair_classes *c)
{
	double rest = t->P;
	for(int i = 0; i < c->k; i++)
		if(t->cls[c->orig[i]] < 0)
			rest -= t->O->p[c->orig[i]];
	return rest > 0 ? rest : 0;
}

static lab class_label(const dna_pairtab *t, const dna_pair_classes *c, int i)
{
	return i < c->k ? label_of(t, c->orig[i]) : (lab){-1, REST};
}

void dna_pairtab_given(const dna_pairtab *t, dna_obs g, const dna_pair_classes *c, double *v)
{
	enum { MOST = 128 };
	int n = c->k + c->lumped;
	double rest = rest_of(t, c);
	memset(v, 0, (size_t)dna_slots(n) * sizeof(double));
	lab x[4], cl[MOST];
	for(int i = 0; i < n && i < MOST; i++)
		cl[i] = class_label(t, c, i);
	size_t K = (size_t)t->K;
	for(int ph = 0; ph < (g.a == g.b ? 1 : 2); ph++) {
		x[0] = label_of(t, ph ? g.b : g.a);
		x[1] = label_of(t, ph ? g.a : g.b);
		bool seen = x[0].cls >= 0 && x[1].cls >= 0;
		const double *row = t->b + ((size_t)x[0].cls * K + (size_t)x[1].cls) * K * K;
		for(int i = 0; i < n; i++)
			for(int j = 0; j < n; j++) {
				x[2] = i < MOST ? cl[i] : class_label(t, c, i);
				x[3] = j < MOST ? cl[j] : class_label(t, c, j);
				/* all four alleles seen: the table itself (config's first case) */
				if(seen && x[2].cls >= 0 && x[3].cls >= 0)
					v[dna_slot(i, j)] += row[(size_t)x[2].cls * K + (size_t)x[3].cls];
				else
					v[dna_slot(i, j)] += config(t, t->b, x, 4, rest);
			}
	}
}

/* One individual's genotypes over the classes c from b (K^2). */
static void one_of(const dna_pairtab *t, const double *b, const dna_pair_classes *c, double *v)
{
	int n = c->k + c->lumped;
	double rest = rest_of(t, c);
	memset(v, 0, (size_t)dna_slots(n) * sizeof(double));
	for(int i = 0; i < n; i++)
		for(int j = 0; j < n; j++) {
			lab x[2] = {class_label(t, c, i), class_label(t, c, j)};
			v[dna_slot(i, j)] += config(t, b, x, 2, rest);
		}
}

void dna_pairtab_marginal(const dna_pairtab *t, const dna_pair_classes *c, double *v)
{
	one_of(t, t->bR, c, v);
}

void dna_pairtab_missing(const dna_pairtab *t, const dna_pair_classes *c, double *v)
{
	one_of(t, t->bM, c, v);
}
