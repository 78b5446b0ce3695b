/* A locus as the sampling advice sees it (advice_locus.h): lumped, its
 * genotypes as slots, Mendel's law for a child with a new other parent. */
#include "dna/advice_locus.h"

#include <pthread.h>
#include <string.h>

#include "dna/kit.h"

/* Slots decoded once into a table (the draws decode one each): loci of
 * up to 256 alleles, beyond them by counting. */
enum { TABLE_ALLELES = 256 };
static uint8_t slot_a[TABLE_ALLELES * (TABLE_ALLELES + 1) / 2], slot_b[TABLE_ALLELES * (TABLE_ALLELES + 1) / 2];

static void slots_init(void)
{
	for(int b = 0, s = 0; b < TABLE_ALLELES; b++)
		for(int a = 0; a <= b; a++, s++) {
			slot_a[s] = (uint8_t)a;
			slot_b[s] = (uint8_t)b;
		}
}

dna_obs dna_slot_obs(int s)
{
	static pthread_once_t once = PTHREAD_ONCE_INIT;
	pthread_once(&once, slots_init);
	if(s < (int)sizeof(slot_a))
		return (dna_obs){slot_a[s], slot_b[s], false};
	int b = TABLE_ALLELES;
	while(dna_slots(b + 1) <= s)
		b++;
	return (dna_obs){(int16_t)(s - dna_slots(b)), (int16_t)b, false};
}

double dna_own_given(dna_obs own, int s, double dropout)
{
	if(own.a < 0)
		return 1;
	dna_obs g = dna_slot_obs(s);
	if(!own.dropout)
		return g.a == own.a && g.b == own.b;
	if(g.a == own.a && g.b == own.a)
		return 1;
	return g.a == own.a || g.b == own.a ? dropout / (1 + dropout) : 0;
}

/* The rows of the explicit alleles summed into the reduced columns; the
 * lumped allele's row the frequency-weighted mean of its members': to
 * each explicit allele summed over the members, to itself what is left
 * (the rows sum to 1). So the members' rows are read at the k explicit
 * columns only, not whole. */
static pl_rc lump_mutation(const dna_locus *O, dna_alocus *R, arena *a)
{
	int n = R->L.n, k = R->k, N = O->n;
	for(int f = 0; f < 3; f++) {
		if(!O->mut[f])
			continue;
		double *m = arena_calloc(a, (size_t)(n * n), sizeof(double));
		if(!m)
			return PL_ENOMEM;
		for(int i = 0; i < k; i++) {
			const double *row = O->mut[f] + (size_t)R->orig[i] * (size_t)N;
			for(int y = 0; y < N; y++)
				m[i * n + R->red[y]] += row[y];
		}
		if(n > k) {
			double *low = m + (size_t)k * (size_t)n, P = R->L.p[k], out = 0;
			for(int x = 0; x < N; x++)
				if(R->red[x] == k)
					for(int j = 0; j < k; j++)
						low[j] += O->p[x] / P * O->mut[f][(size_t)x * (size_t)N + (size_t)R->orig[j]];
			for(int j = 0; j < k; j++)
				out += low[j];
			low[k] = 1 - out;
		}
		R->L.mut[f] = m;
	}
	return PL_OK;
}

pl_rc dna_alocus_make(const dna_locus *O, const bool *keep, bool mutation, arena *a,
                      dna_alocus **out)
{
	dna_alocus *R = arena_calloc(a, 1, sizeof(*R));
	if(!R || !(R->red = arena_alloc(a, (size_t)O->n * sizeof(int16_t))) ||
	   !(R->orig = arena_alloc(a, (size_t)O->n * sizeof(int16_t))))
		return PL_ENOMEM;
	double rest = 0;
	int nl = 0;
	R->cum = arena_alloc(a, (size_t)O->n * sizeof(double));
	if(!R->cum)
		return PL_ENOMEM;
	for(int x = 0; x < O->n; x++) {
		if(keep[x]) {
			R->orig[R->k++] = (int16_t)x;
		} else {
			rest += O->p[x];
			R->cum[nl++] = rest;
		}
	}
	/* the lumped allele's members after the explicit ones, in order */
	for(int x = 0, j = R->k; x < O->n; x++)
		if(!keep[x])
			R->orig[j++] = (int16_t)x;
	R->nlumped = nl;
	R->L = *O;
	R->L.n = R->k + (rest > 0);
	R->L.p = arena_alloc(a, (size_t)R->L.n * sizeof(double));
	if(!R->L.p)
		return PL_ENOMEM;
	for(int x = 0, i = 0; x < O->n; x++)
		R->red[x] = (int16_t)(keep[x] ? i++ : R->k);
	for(int i = 0; i < R->k; i++)
		R->L.p[i] = O->p[R->orig[i]];
	if(rest > 0)
		R->L.p[R->k] = rest;
	memset(R->L.mut, 0, sizeof(R->L.mut));
	memset(R->L.moment, 0, sizeof(R->L.moment)); /* the original's, not this locus's */
	*out = R;
	return mutation ? lump_mutation(O, R, a) : PL_OK;
}

dna_obs dna_alocus_reduce(const dna_alocus *R, dna_obs o)
{
	if(o.a < 0)
		return o;
	int16_t a = R->red[o.a], b = R->red[o.b];
	return (dna_obs){a < b ? a : b, a < b ? b : a, o.dropout};
}

/* The locus's allele of reduced allele i: the lumped one drawn among its
 * members by frequency. */
static int16_t unreduce(const dna_alocus *R, int i, rng *rg)
{
	if(i < R->k)
		return R->orig[i];
	/* the first member whose running sum passes u (the last if none) */
	double u = rng_unit(rg) * R->L.p[R->k];
	int lo = 0, hi = R->nlumped - 1;
	while(lo < hi) {
		int mid = (lo + hi) / 2;
		if(u < R->cum[mid])
			hi = mid;
		else
			lo = mid + 1;
	}
	return R->orig[R->k + lo];
}

dna_obs dna_alocus_draw(const dna_alocus *R, int s, rng *rg)
{
	dna_obs g = dna_slot_obs(s);
	int16_t a = unreduce(R, g.a, rg), b = unreduce(R, g.b, rg);
	return (dna_obs){a < b ? a : b, a < b ? b : a, false};
}

double dna_alocus_hw(const dna_alocus *R, int g)
{
	dna_obs x = dna_slot_obs(g);
	const double *p = R->L.p;
	return x.a == x.b ? p[x.a] * p[x.a] : 2 * p[x.a] * p[x.b];
}

/* ---- a child of M and a new other parent ----------------------------------------- */

/* P(a parent of genotype (a, b) and sex `sex` passes allele c): either
 * allele, 1/2 each, through the matrix of the parent's sex (kit.h). */
static double passes(const dna_alocus *R, dna_obs g, dna_sex sex, int c)
{
	const double *M = R->L.mut[dna_mutation_from(sex)];
	int n = R->L.n;
	if(!M)
		return 0.5 * ((g.a == c) + (g.b == c));
	return 0.5 * (M[g.a * n + c] + M[g.b * n + c]);
}

void dna_alocus_coparent(const dna_alocus *R, const double *vm, int gm, dna_sex sm, dna_sex sq,
                         int c, double *v, double *den)
{
	int n = R->L.n;
	dna_obs x = dna_slot_obs(c), m = dna_slot_obs(gm);
	/* what M passes, for M's genotype gm and over M's likelihoods: the
	 * child's two alleles x.a and x.b */
	double pa = passes(R, m, sm, x.a), pb = passes(R, m, sm, x.b), ma = 0, mb = 0;
	const double *p = R->L.p;
	/* slots in dna_slot's order: b, then a <= b */
	for(int b = 0, g = 0; b < n; b++)
		for(int a = 0; a <= b; a++, g++) {
			dna_obs y = {(int16_t)a, (int16_t)b, false};
			ma += vm[g] * passes(R, y, sm, x.a);
			mb += vm[g] * passes(R, y, sm, x.b);
		}
	for(int b = 0, q = 0; b < n; b++)
		for(int a = 0; a <= b; a++, q++) {
			dna_obs y = {(int16_t)a, (int16_t)b, false};
			double hw = a == b ? p[a] * p[a] : 2 * p[a] * p[b];
			double qa = passes(R, y, sq, x.a), qb = passes(R, y, sq, x.b);
			/* the child's alleles one from each parent, in either order */
			double child = x.a == x.b ? pa * qa : pa * qb + pb * qa;
			double mean = x.a == x.b ? ma * qa : ma * qb + mb * qa;
			v[q] = vm[gm] * hw * child;
			den[q] = hw * mean;
		}
}
