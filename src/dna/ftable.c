/* A family's exact table at one locus, and the cache of tables shared by
 * families of one shape and genotypes (ftable.h). */
#include "dna/ftable.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "dna/exact.h"

void dna_ftable_cache_init(dna_ftable_cache *c, size_t max_bytes)
{
	memset(c, 0, sizeof(*c));
	hmap_init(&c->map);
	arena_init(&c->a, 1 << 20);
	c->max_bytes = max_bytes;
}

void dna_ftable_cache_free(dna_ftable_cache *c)
{
	hmap_free(&c->map);
	arena_free(&c->a);
	free(c->key);
	c->key = NULL;
}

/* Append n bytes to the key; false when out of memory. */
static bool key_put(dna_ftable_cache *c, size_t *len, const void *x, size_t n)
{
	if(*len + n > c->key_cap) {
		size_t cap = c->key_cap ? c->key_cap : 256;
		while(cap < *len + n)
			cap *= 2;
		char *k = realloc(c->key, cap);
		if(!k)
			return false;
		c->key = k;
		c->key_cap = cap;
	}
	memcpy(c->key + *len, x, n);
	*len += n;
	return true;
}

static bool is_parent(const dna_ped *p, int i)
{
	for(int j = 0; j < p->n; j++)
		if(p->father[j] == i || p->mother[j] == i)
			return true;
	return false;
}

/* What the table depends on: the locus, the missing person, and each
 * alternative's pedigree with what its members show at the locus (the
 * model and the observations are the cache's, fixed). */
static bool key_make(dna_ftable_cache *c, int l, const dna_kin *kin, const dna_model *m, size_t *len)
{
	*len = 0;
	int head[3] = {l, kin->nalt, kin->missing[0]};
	bool ok = key_put(c, len, head, sizeof(head));
	for(int a = 0; ok && a < kin->nalt; a++) {
		const dna_pedigree *p = &kin->alt[a];
		int n = p->ped.n;
		ok = key_put(c, len, &n, sizeof(n)) && key_put(c, len, p->ped.father, (size_t)n * sizeof(int)) &&
		     key_put(c, len, p->ped.mother, (size_t)n * sizeof(int));
		for(int i = 0; ok && i < n; i++) {
			dna_obs o = p->prof[i] ? dna_obs_of(p->prof[i], l, m) : (dna_obs){-1, -1, false};
			/* a sex counts only for a parent (the mutation matrix of the
			 * transmissions): a missing man and a missing woman with the same
			 * relatives and no children share a table */
			int v[4] = {o.a, o.b, o.dropout, is_parent(&p->ped, i) ? (int)p->ped.sex[i] : -1};
			ok = key_put(c, len, v, sizeof(v));
		}
	}
	return ok;
}

/* The table from the engine's L1 and L0 (ftable.h). */
static void fill(const dna_kin *kin, const dna_obs *obs, int nobs, const double *l1,
                 const double *l0, double *t)
{
	for(int i = 0; i < nobs; i++) {
		double best = -HUGE_VAL;
		bool any = false;
		for(int a = 0; a < kin->nalt; a++) {
			size_t x = (size_t)a * (size_t)nobs + (size_t)i;
			if(!(l0[x] > 0))
				continue; /* this placement is impossible for the relatives */
			any = true;
			double r = l1[x] > 0 ? log10(l1[x]) - log10(l0[x]) : DNA_LOG_ZERO;
			best = r > best ? r : best;
		}
		t[i] = obs[i].a < 0 || !any ? 0 : best;
	}
}

pl_rc dna_ftable_locus(const dna_kit *k, int l, const dna_kin *kin, const dna_model *m,
                       const dna_obs *obs, int nobs, double *t, double *l1, double *l0,
                       dna_ftable_cache *c, arena *scratch, pl_err *err)
{
	size_t len = 0;
	bool keyed = c && key_make(c, l, kin, m, &len);
	const double *hit = keyed ? hmap_get(&c->map, c->key, len) : NULL;
	if(hit) {
		c->hits++;
		memcpy(t, hit, (size_t)nobs * sizeof(double));
		return PL_OK;
	}
	pl_rc rc = dna_kin_locus(k, l, kin, 0, m, obs, nobs, l1, l0, scratch, err);
	if(rc)
		return rc;
	fill(kin, obs, nobs, l1, l0, t);
	if(!keyed)
		return PL_OK;
	c->misses++;
	size_t bytes = (size_t)nobs * sizeof(double) + len + 64;
	if(c->bytes + bytes > c->max_bytes)
		return PL_OK; /* full: computed, not kept */
	double *keep = arena_alloc(&c->a, (size_t)nobs * sizeof(double));
	if(keep) {
		memcpy(keep, t, (size_t)nobs * sizeof(double));
		if(hmap_put(&c->map, c->key, len, keep) == PL_OK)
			c->bytes += bytes;
	}
	return PL_OK; /* a table not kept is only recomputed next time */
}
