/* A family's exact table at one locus, and the cache of tables shared by
 * families of one shape and genotypes (ftable.h). */
#include "dna/ftable.h"

#include <math.h>
#include <string.h>

#include "dna/exact.h"

enum { CANON_MAX = 64 };           /* members of a pedigree whose tables are kept */

pl_rc dna_ftable_cache_init(dna_ftable_cache *c, size_t max_bytes)
{
	memset(c, 0, sizeof(*c));
	if(pthread_mutex_init(&c->lock, NULL))
		return PL_ENOMEM;
	hmap_init(&c->map);
	arena_init(&c->a, 1 << 20);
	c->max_bytes = max_bytes;
	return PL_OK;
}

void dna_ftable_cache_free(dna_ftable_cache *c)
{
	hmap_free(&c->map);
	arena_free(&c->a);
	pthread_mutex_destroy(&c->lock);
}

void dna_ftable_user_init(dna_ftable_user *u, dna_ftable_cache *c)
{
	memset(u, 0, sizeof(*u));
	u->cache = c;
	buf_init(&u->key, BUF_MAX_DEFAULT);
}

void dna_ftable_user_free(dna_ftable_user *u)
{
	buf_free(&u->key);
}

static int obs_cmp(dna_obs x, dna_obs y)
{
	if(x.a != y.a)
		return x.a < y.a ? -1 : 1;
	if(x.b != y.b)
		return x.b < y.b ? -1 : 1;
	return (int)x.dropout - (int)y.dropout;
}

/* Children of the same two parents who have no children and are not the
 * missing person can trade places without changing the likelihood: their
 * genotypes are put in order among them, each group keeping its places. */
static void canonical(const dna_ped *p, int missing, const bool *parent, dna_obs *o)
{
	bool done[CANON_MAX] = {false};
	for(int i = 0; i < p->n; i++) {
		if(done[i] || i == missing || parent[i] || p->father[i] < 0)
			continue;
		int at[CANON_MAX], n = 0;
		for(int j = i; j < p->n; j++)
			if(!done[j] && j != missing && !parent[j] && p->father[j] == p->father[i] &&
			   p->mother[j] == p->mother[i]) {
				done[j] = true;
				at[n++] = j;
			}
		for(int x = 1; x < n; x++) /* insertion sort over the group's places */
			for(int y = x; y > 0 && obs_cmp(o[at[y - 1]], o[at[y]]) > 0; y--) {
				dna_obs t = o[at[y]];
				o[at[y]] = o[at[y - 1]];
				o[at[y - 1]] = t;
			}
	}
}

/* One alternative's part of the key: its pedigree and what each member
 * shows at l, in the canonical order; a sex only for a parent (the
 * mutation matrix of the transmissions): a missing man and a missing woman
 * with the same relatives and no children share a table. */
static pl_rc key_alt(buf *k, const dna_pedigree *p, int missing, int l, const dna_model *m)
{
	int n = p->ped.n;
	if(n > CANON_MAX)
		return PL_ELIMIT; /* not kept: computed each time */
	bool parent[CANON_MAX] = {false};
	dna_obs o[CANON_MAX];
	for(int i = 0; i < n; i++) {
		o[i] = p->prof[i] ? dna_obs_of(p->prof[i], l, m) : (dna_obs){-1, -1, false};
		if(p->ped.father[i] >= 0)
			parent[p->ped.father[i]] = parent[p->ped.mother[i]] = true;
	}
	canonical(&p->ped, missing, parent, o);
	pl_rc rc = buf_add(k, &n, sizeof(n));
	rc = rc ? rc : buf_add(k, p->ped.father, (size_t)n * sizeof(int));
	rc = rc ? rc : buf_add(k, p->ped.mother, (size_t)n * sizeof(int));
	for(int i = 0; !rc && i < n; i++) {
		int v[4] = {o[i].a, o[i].b, o[i].dropout, parent[i] ? (int)p->ped.sex[i] : -1};
		rc = buf_add(k, v, sizeof(v));
	}
	return rc;
}

/* What the table depends on: the locus, the missing person, and each
 * alternative's pedigree with what its members show at the locus (the
 * model and the observations are the cache's, fixed). Into u->key; false
 * when it could not be built (the table is then computed, not cached). */
static bool key_make(dna_ftable_user *u, int l, const dna_kin *kin, const dna_model *m)
{
	buf *k = &u->key;
	buf_reset(k);
	int head[3] = {l, kin->nalt, kin->missing[0]};
	pl_rc rc = buf_add(k, head, sizeof(head));
	for(int a = 0; !rc && a < kin->nalt; a++)
		rc = key_alt(k, &kin->alt[a], kin->missing[0], l, m);
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

/* A kept entry: the table, then with several alternatives their L1 and L0. */
static size_t entry_doubles(const dna_kin *kin, int nobs)
{
	return (size_t)nobs * (kin->nalt > 1 ? 1 + 2 * (size_t)kin->nalt : 1);
}

static const double *cache_get(dna_ftable_user *u)
{
	dna_ftable_cache *c = u->cache;
	pthread_mutex_lock(&c->lock);
	const double *hit = hmap_get(&c->map, u->key.ptr, u->key.len);
	pthread_mutex_unlock(&c->lock);
	return hit;
}

/* Kept unless the cache is full (or memory ran out): a table not kept is
 * only computed again the next time. Two threads that computed the same
 * table keep one. */
static void cache_put(dna_ftable_user *u, const dna_kin *kin, int nobs, const double *t,
                      const double *l1, const double *l0)
{
	dna_ftable_cache *c = u->cache;
	size_t nd = entry_doubles(kin, nobs), half = (size_t)kin->nalt * (size_t)nobs;
	size_t bytes = nd * sizeof(double) + u->key.len + 64;
	pthread_mutex_lock(&c->lock);
	double *keep = c->bytes + bytes <= c->max_bytes && !hmap_get(&c->map, u->key.ptr, u->key.len)
	                   ? arena_alloc(&c->a, nd * sizeof(double))
	                   : NULL;
	if(keep) {
		memcpy(keep, t, (size_t)nobs * sizeof(double));
		if(kin->nalt > 1) {
			memcpy(keep + nobs, l1, half * sizeof(double));
			memcpy(keep + nobs + half, l0, half * sizeof(double));
		}
		if(hmap_put(&c->map, u->key.ptr, u->key.len, keep) == PL_OK)
			c->bytes += bytes;
	}
	pthread_mutex_unlock(&c->lock);
}

pl_rc dna_ftable_locus(const dna_kit *k, int l, const dna_kin *kin, const dna_model *m,
                       const dna_obs *obs, int nobs, double *t, double *l1, double *l0,
                       dna_ftable_user *u, arena *scratch, pl_err *err)
{
	bool keyed = u && key_make(u, l, kin, m);
	const double *hit = keyed ? cache_get(u) : NULL;
	if(hit) {
		u->hits++;
		size_t half = (size_t)kin->nalt * (size_t)nobs;
		memcpy(t, hit, (size_t)nobs * sizeof(double));
		if(kin->nalt > 1) {
			memcpy(l1, hit + nobs, half * sizeof(double));
			memcpy(l0, hit + nobs + half, half * sizeof(double));
		}
		return PL_OK;
	}
	pl_rc rc = dna_kin_locus(k, l, kin, 0, m, obs, nobs, l1, l0, scratch, err);
	if(rc)
		return rc;
	fill(kin, obs, nobs, l1, l0, t);
	if(!keyed)
		return PL_OK;
	u->misses++;
	cache_put(u, kin, nobs, t, l1, l0);
	return PL_OK;
}
