/* Founder kernels (ped_eng.h): at theta 0 an untyped founder with two or
 * three children that matter has each allele summed out at once from the
 * locus's moments (kit.h), where the general elimination would pay K^3 or
 * K^4 per call. docs/dna.md, "Founder kernels". */
#include "dna/ped_eng.h"

/* Founder i's allele `which` (0 from its father, 1 from its mother) as
 * it reaches its nc children (2 or 3): one factor over (c1, g1, c2, g2,
 * ...), each c the child's allele from i and g its segregation variable,
 * summed over the founder's allele at once by the locus's moments
 * (kit.h): sum_a p[a] prod_j S(cj | a, gj), where S(c | a, g) is h M[a][c]
 * when g picks this allele and h otherwise (h 1/2 for the father's
 * allele, which carries the segregation's 1/2, 1 for the mother's, as
 * seg_fill), so each cell is h^nc times the moment of the children whose
 * g picks it. */
static pl_rc add_kernel(dna_peng *e, int i, int which, const int *c, int nc)
{
	static const int zero[1] = {0};
	int s = dna_mutation_from(e->ped->sex[i]), n = e->ped->n, nd[3] = {1, 1, 1};
	const int *d[3] = {zero, zero, zero};
	size_t K = (size_t)e->K, cells = 1, st[3] = {0, 0, 0}, gs[3] = {0, 0, 0};
	double h = which == 0 ? 0.5 : 1, hn = nc == 3 ? h * h * h : h * h, psum = 0;
	for(int a = 0; a < e->K; a++)
		psum += e->p[a];
	dna_pfac F = {.nv = 2 * nc};
	for(int j = 0; j < nc; j++) { /* cells: c1 fastest, then g1, c2, g2, ... */
		F.v[2 * j] = c[j];
		F.v[2 * j + 1] = 2 * n + c[j];
		d[j] = e->cdom[c[j]];
		nd[j] = e->cnd[c[j]];
		st[j] = cells;
		gs[j] = cells * (size_t)nd[j];
		cells *= 2 * (size_t)nd[j];
	}
	if(!(F.t = dna_peng_talloc(e, cells * sizeof(double))))
		return PL_ENOMEM;
	for(int pat = 0; pat < 1 << nc; pat++) { /* bit j: child j's g picks this allele */
		size_t base = 0, w[3] = {0, 0, 0};
		int k = 0;
		for(int j = nc - 1; j >= 0; j--) {
			bool on = pat >> j & 1;
			base += gs[j] * (size_t)(on ? which : 1 - which);
			w[j] = on ? (k ? (k == 1 ? K : K * K) : 1) : 0;
			k += on;
		}
		const double *M = k ? e->L->moment[s][k - 1] : &psum;
		for(int k2 = 0; k2 < nd[2]; k2++)
			for(int k1 = 0; k1 < nd[1]; k1++) {
				double *t = F.t + base + st[1] * (size_t)k1 + st[2] * (size_t)k2;
				size_t at = w[1] * (size_t)d[1][k1] + w[2] * (size_t)d[2][k2];
				for(int k0 = 0; k0 < nd[0]; k0++)
					t[k0] = hn * M[at + w[0] * (size_t)d[0][k0]];
			}
	}
	return dna_peng_push(e, F);
}

/* The founder kernels apply at theta 0 with the locus's own matrices
 * (no class lumped) to an untyped founder with two or three children
 * that matter; c[] their alleles from it, *nc how many. */
static bool kernel_children(const dna_peng *e, int i, int *c, int *nc)
{
	const dna_ped *p = e->ped;
	int k = 0;
	for(int j = 0; j < p->n; j++) {
		if(!e->keep[j] || (p->father[j] != i && p->mother[j] != i))
			continue;
		if(k == 3)
			return false;
		c[k++] = 2 * j + (p->father[j] == i ? 0 : 1);
	}
	*nc = k;
	return k >= 2;
}

/* Which untyped founders' alleles the locus's kernels sum (build). */
pl_rc dna_peng_kernels(dna_peng *e, double theta)
{
	const dna_ped *p = e->ped;
	e->kern = arena_calloc(e->a, (size_t)(p->n ? p->n : 1), sizeof(bool));
	if(!e->kern)
		return PL_ENOMEM;
	if(theta > 0)
		return PL_OK;
	for(int i = 0; i < p->n; i++) {
		int s = dna_mutation_from(p->sex[i]), c[3], nc;
		e->kern[i] = e->keep[i] && p->father[i] < 0 && e->obs[i].a < 0 && !e->single[i] &&
		             i != e->free_ind && i != e->free2 && e->mut[s] && e->mut[s] == e->L->mut[s] && e->L->moment[s][2] &&
		             e->L->moment_of[s] == e->L->mut[s] &&
		             kernel_children(e, i, c, &nc);
	}
	return PL_OK;
}

pl_rc dna_peng_kernel_factors(dna_peng *e, int i)
{
	int c[3], nc;
	if(!kernel_children(e, i, c, &nc))
		return pl_fail(e->err, PL_EUSAGE, "founder %d has no kernel", i + 1); /* not for users: a bug */
	pl_rc rc = add_kernel(e, i, 0, c, nc);
	return rc ? rc : add_kernel(e, i, 1, c, nc);
}
