/* Theta in a pedigree (ped_eng.h; docs/dna.md, "Theta in a pedigree"):
 * the typed founders' alleles drawn first as a constant, the untyped
 * founders' after them as a sum over their set partitions, each partition
 * a term of the peeling (ped.c), those that a symmetry of the pedigree maps
 * onto each other summed once. */
#include "dna/ped_eng.h"

#include <string.h>

/* The founders whose genotype is known (typed, no drop-out, not left
 * free) are drawn first: their probability is a constant, whatever the
 * phase (which changes no count), and what follows only needs t[c], how
 * many of their alleles are c. Returns that constant; sets *T (their
 * alleles) and the base weights w[c] = t[c] theta + (1 - theta) p[c]. */
static double theta_known(dna_peng *e, double theta, int *T)
{
	int *t = arena_calloc(e->a, (size_t)e->K, sizeof(int));
	if(!t)
		return -1;
	*T = 0;
	for(int i = 0; i < e->ped->n; i++)
		if(e->known[i]) {
			t[e->cls[e->obs[i].a]]++;
			t[e->cls[e->obs[i].b]]++;
			*T += 2;
		}
	double c = 1;
	for(int x = 0; x < e->K; x++) {
		for(int k = 0; k < t[x]; k++)
			c *= k * theta + (1 - theta) * e->p[x];
		e->w[x] = t[x] * theta + (1 - theta) * e->p[x];
	}
	for(int j = 1; j <= *T; j++)
		c /= 1 + (j - 2) * theta;
	return c;
}

/* How many partitions the symmetries of the pedigree make of rgs, or 0
 * when rgs is not the least of them. Two kinds, neither changing the
 * likelihood: swapping a founder's two alleles (their children take either
 * with 1/2), for the founders' pairs 2q, 2q + 1 (q < nsw) of ua; and
 * swapping two founders who are each other's only partner, of the same
 * transmission matrix (mate[q] = r, mate[r] = q; -1: none). So only the
 * least is summed, times this. */
static int orbit(const int *rgs, int U, int nsw, const int *mate)
{
	int mates[DNA_PED_UNTYPED_MAX / 2], nm = 0, stab = 0;
	for(int q = 0; q < nsw; q++)
		if(mate[q] > q)
			mates[nm++] = q;
	for(int ms = 0; ms < 1 << nm; ms++)
		for(int mask = 0; mask < 1 << nsw; mask++) {
			int img[DNA_PED_UNTYPED_MAX], label[DNA_PED_UNTYPED_MAX], next = 0, cmp = 0;
			for(int i = 0; i < U; i++)
				label[i] = -1;
			for(int i = 0; i < U; i++) {
				int src = i;
				if(i < 2 * nsw) {
					int q = i / 2;
					for(int j = 0; j < nm; j++)
						if(ms >> j & 1 && (q == mates[j] || q == mate[mates[j]]))
							q = mate[q];
					src = 2 * q + ((i & 1) ^ (mask >> (i / 2) & 1));
				}
				int b = rgs[src];
				if(label[b] < 0)
					label[b] = next++;
				img[i] = label[b];
				if(!cmp && img[i] != rgs[i])
					cmp = img[i] < rgs[i] ? -1 : 1;
			}
			if(cmp < 0)
				return 0;
			stab += cmp == 0;
		}
	return (1 << (nsw + nm)) / stab;
}

/* The next restricted growth string (rgs[i] <= 1 + max(rgs[0..i))), with
 * max_[i] the max of rgs[0..i]; false after the last. */
static bool rgs_next(int *rgs, int *max_, int U)
{
	for(int i = U - 1; i > 0; i--) {
		if(rgs[i] <= max_[i - 1]) {
			rgs[i]++;
			max_[i] = rgs[i] > max_[i - 1] ? rgs[i] : max_[i - 1];
			for(int j = i + 1; j < U; j++) {
				rgs[j] = 0;
				max_[j] = max_[i];
			}
			return true;
		}
	}
	return false;
}

/* Sum over the partitions of the untyped founders' alleles ua[0..U)
 * (docs/dna.md, "Theta in a pedigree"): a partition with k blocks of sizes
 * s_b weighs theta^(U - k) prod_b (s_b - 1)! / prod_{i=1..U} (1 + (T + i -
 * 2) theta), each block one allele of prior w. The first 2 nsw of ua are
 * founders' pairs that may be swapped. */
pl_rc dna_peng_theta_sum(dna_peng *e, const int *ua, int U, int nsw, const int *mate, int T, double theta,
                       double scale, double *lik)
{
	int rgs[DNA_PED_UNTYPED_MAX] = {0}, max_[DNA_PED_UNTYPED_MAX] = {0}, size[DNA_PED_UNTYPED_MAX];
	int first[DNA_PED_UNTYPED_MAX];
	double denom = 1, fact[DNA_PED_UNTYPED_MAX + 1] = {1};
	for(int i = 1; i <= U; i++)
		denom *= 1 + (T + i - 2) * theta;
	for(int i = 1; i <= DNA_PED_UNTYPED_MAX; i++)
		fact[i] = fact[i - 1] * i;
	*lik = 0;
	do {
		int mult = orbit(rgs, U, nsw, mate);
		if(!mult)
			continue;
		int k = U ? max_[U - 1] + 1 : 0;
		memset(size, 0, sizeof(size));
		for(int i = 0; i < U; i++) {
			if(!size[rgs[i]]++)
				first[rgs[i]] = ua[i];
			e->rep[ua[i]] = first[rgs[i]];
		}
		double w = mult * scale / denom;
		for(int b = 0; b < k; b++)
			w *= fact[size[b] - 1];
		for(int i = 0; i < U - k; i++)
			w *= theta;
		double t = w;
		dna_peng_next_term(e);
		pl_rc rc = dna_peng_term(e, &t);
		if(rc)
			return rc;
		if(e->free_ind < 0)
			*lik += w * t;
	} while(rgs_next(rgs, max_, U));
	return PL_OK;
}

/* Whether swapping founders i and j (and the two alleles of each of their
 * children) changes nothing: each the other's only partner, the same
 * transmission matrix, the same observation, and no child's genotype left free (its table would
 * be transposed). */
static bool mates(const dna_peng *e, int i, int j)
{
	const dna_ped *p = e->ped;
	int si = dna_mutation_from(p->sex[i]), sj = dna_mutation_from(p->sex[j]);
	bool kids = false;
	dna_obs oi = e->obs[i], oj = e->obs[j];
	if(oi.a != oj.a || oi.b != oj.b || oi.dropout != oj.dropout)
		return false;
	if(e->mut[si] != e->mut[sj] && (!e->mut[si] || !e->mut[sj] ||
	                                 memcmp(e->mut[si], e->mut[sj], (size_t)e->K * (size_t)e->K * sizeof(double))))
		return false;
	for(int c = 0; c < p->n; c++) {
		int f = p->father[c], m = p->mother[c];
		if(!e->keep[c] || (f != i && m != i && f != j && m != j))
			continue;
		if(!((f == i && m == j) || (f == j && m == i)) || c == e->free_ind || c == e->free2)
			return false;
		kids = true;
	}
	return kids;
}

/* Pairs of the swappable founders (ua's first nsw) that mates() allows. */
static pl_rc find_mates(dna_peng *e)
{
	e->mate = arena_alloc(e->a, (size_t)(e->nsw ? e->nsw : 1) * sizeof(int));
	if(!e->mate)
		return PL_ENOMEM;
	for(int q = 0; q < e->nsw; q++)
		e->mate[q] = -1;
	for(int q = 0; q < e->nsw; q++)
		for(int r = q + 1; r < e->nsw && e->mate[q] < 0; r++)
			if(e->mate[r] < 0 && mates(e, e->ua[2 * q] / 2, e->ua[2 * r] / 2)) {
				e->mate[q] = r;
				e->mate[r] = q;
			}
	return PL_OK;
}

/* Blocks all of one allele, the priors, and with theta the founders
 * split: those whose genotype is known out of the partitions (known, T,
 * scale), the others' alleles listed in ua (the swappable pairs first, the
 * free founder's last). */
pl_rc dna_peng_prepare(dna_peng *e, double theta)
{
	const dna_ped *p = e->ped;
	size_t nv = (size_t)(e->nvar ? e->nvar : 1);
	e->rep = arena_alloc(e->a, nv * sizeof(int));
	e->ua = arena_alloc(e->a, nv * sizeof(int));
	e->w = arena_alloc(e->a, (size_t)e->K * sizeof(double));
	e->known = arena_calloc(e->a, (size_t)(p->n ? p->n : 1), sizeof(bool));
	if(!e->rep || !e->ua || !e->w || !e->known)
		return PL_ENOMEM;
	for(int v = 0; v < e->nvar; v++)
		e->rep[v] = v;
	memcpy(e->w, e->p, (size_t)e->K * sizeof(double));
	e->scale = 1;
	e->nua = e->nsw = e->T = 0;
	if(theta <= 0)
		return PL_OK;
	for(int i = 0; i < p->n; i++)
		e->known[i] = e->keep[i] && p->father[i] < 0 && i != e->free_ind && i != e->free2 &&
		              e->obs[i].a >= 0 &&
		              !e->obs[i].dropout;
	e->scale = theta_known(e, theta, &e->T);
	if(e->scale < 0)
		return PL_ENOMEM;
	/* the founders' pairs that may be swapped, then single founders' one
	 * allele, then the free founder's two */
	for(int pass = 0; pass < 3; pass++)
		for(int i = 0; i < p->n; i++) {
			int kind = i == e->free_ind || i == e->free2 ? 2 : e->single[i] ? 1 : 0;
			int na = kind == 1 ? 1 : 2;
			if(!e->keep[i] || p->father[i] >= 0 || e->known[i] || kind != pass)
				continue;
			if(e->nua + na <= DNA_PED_UNTYPED_MAX) {
				e->ua[e->nua] = 2 * i;
				if(na == 2)
					e->ua[e->nua + 1] = 2 * i + 1;
				e->nsw += pass == 0;
			}
			e->nua += na;
		}
	return find_mates(e);
}

