/* A family's exact table at one locus, and the cache of tables shared by
 * families of one shape and genotypes (ftable.h). */
#include "dna/ftable.h"

#include <math.h>
#include <string.h>

#include "dna/exact.h"

void dna_ftable_cache_init(dna_ftable_cache *c, size_t max_bytes)
{
	memset(c, 0, sizeof(*c));
	hmap_init(&c->map);
	arena_init(&c->a, 1 << 20);
	buf_init(&c->key, BUF_MAX_DEFAULT);
	c->max_bytes = max_bytes;
}

void dna_ftable_cache_free(dna_ftable_cache *c)
{
	hmap_free(&c->map);
	arena_free(&c->a);
	buf_free(&c->key);
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
 * model and the observations are the cache's, fixed). Into c->key; false
 * when it could not be built (the table is then computed, not cached). */
static bool key_make(dna_ftable_cache *c, int l, const dna_kin *kin, const dna_model *m)
{
	buf *k = &c->key;
	buf_reset(k);
	int head[3] = {l, kin->nalt, kin->missing[0]};
	pl_rc rc = buf_add(k, head, sizeof(head));
	for(int a = 0; !rc && a < kin->nalt; a++) {
		const dna_pedigree *p = &kin->alt[a];
		int n = p->ped.n;
		rc = buf_add(k, &n, sizeof(n));
		rc = rc ? rc : buf_add(k, p->ped.father, (size_t)n * sizeof(int));
		rc = rc ? rc : buf_add(k, p->ped.mother, (size_t)n * sizeof(int));
		for(int i = 0; !rc && i < n; i++) {
			dna_obs o = p->prof[i] ? dna_obs_of(p->prof[i], l, m) : (dna_obs){-1, -1, false};
			/* a sex counts only for a parent (the mutation matrix of the
			 * transmissions): a missing man and a missing woman with the same
			 * relatives and no children share a table */
			int v[4] = {o.a, o.b, o.dropout, is_parent(&p->ped, i) ? (int)p->ped.sex[i] : -1};
			rc = buf_add(k, v, sizeof(v));
		}
	}
	return !rc;
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
	bool keyed = c && key_make(c, l, kin, m);
	size_t len = keyed ? c->key.len : 0;
	const double *hit = keyed ? hmap_get(&c->map, c->key.ptr, len) : NULL;
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
		if(hmap_put(&c->map, c->key.ptr, len, keep) == PL_OK)
			c->bytes += bytes;
	}
	return PL_OK; /* a table not kept is only recomputed next time */
}
