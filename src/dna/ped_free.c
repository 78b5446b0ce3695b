/* The engine's joint tables (ped_eng.h; ped.h, dna_ped_joint and
 * dna_ped_joint2): once every other variable is summed out, the factors
 * left are over the free individuals' alleles only, and their product is
 * added to J at every value of those alleles. */
#include "dna/ped_eng.h"

#include <string.h>

/* What is left once all but the free variables are summed out: factors
 * over them only, added to J times w at every value of the free alleles
 * (x, y of free_ind; u, v of free2 too). The alleles are variables u[]
 * (two may be one, a theta block): an odometer over their domains, each
 * factor's offset kept by its strides. */
pl_rc dna_peng_add_table(dna_peng *e, double w)
{
	int slot[4] = {e->rep[2 * e->free_ind], e->rep[2 * e->free_ind + 1], -1, -1}, ns = 2;
	if(e->free2 >= 0) {
		slot[2] = e->rep[2 * e->free2];
		slot[3] = e->rep[2 * e->free2 + 1];
		ns = 4;
	}
	int u[4], nu = 0, at[4], idx[4] = {0}, n = e->nJ;
	for(int s = 0; s < ns; s++) {
		int j = 0;
		while(j < nu && u[j] != slot[s])
			j++;
		if(j == nu)
			u[nu++] = slot[s];
		at[s] = j;
	}
	size_t stride[64][4], off[64] = {0};
	const dna_pfac *F[64];
	int nk = 0;
	for(int k = 0; k < e->nf; k++) {
		if(e->f[k].gone)
			continue;
		if(nk == 64)
			return pl_failc(e->err, PL_ELIMIT, "dna.ped_free_tables", NULL);
		F[nk] = &e->f[k];
		size_t st = 1;
		memset(stride[nk], 0, sizeof(stride[nk]));
		for(int q = 0; q < F[nk]->nv; q++) {
			for(int j = 0; j < nu; j++)
				if(F[nk]->v[q] == u[j])
					stride[nk][j] = st;
			st *= (size_t)e->cnd[F[nk]->v[q]];
		}
		nk++;
	}
	for(;;) {
		double prod = w;
		for(int k = 0; k < nk && prod != 0; k++)
			prod *= F[k]->t[off[k]];
		size_t c = 0;
		for(int s = 0; s < ns; s++)
			c = c * (size_t)n + (size_t)e->cdom[u[at[s]]][idx[at[s]]];
		e->J[c] += prod;
		int j = 0;
		for(; j < nu; j++) {
			for(int k = 0; k < nk; k++)
				off[k] += stride[k][j];
			if(++idx[j] < e->cnd[u[j]])
				break;
			for(int k = 0; k < nk; k++)
				off[k] -= stride[k][j] * (size_t)idx[j];
			idx[j] = 0;
		}
		if(j == nu)
			return PL_OK;
	}
}
