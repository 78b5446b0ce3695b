#include "core/hmap.h"

#include <stdlib.h>
#include <string.h>

uint64_t hmap_hash(const char *key, size_t klen)
{
	uint64_t h = 0xcbf29ce484222325ull; /* FNV-1a, then a final mix */
	for(size_t i = 0; i < klen; i++) {
		h ^= (unsigned char)key[i];
		h *= 0x100000001b3ull;
	}
	h ^= h >> 33;
	h *= 0xff51afd7ed558ccdull;
	h ^= h >> 33;
	return h;
}

void hmap_init(hmap *m)
{
	m->tab = NULL;
	m->cap = m->count = 0;
	arena_init(&m->keys, 16384);
}

void hmap_free(hmap *m)
{
	free(m->tab);
	m->tab = NULL;
	m->cap = m->count = 0;
	arena_free(&m->keys);
}

static hmap_entry *find(const hmap *m, const char *key, size_t klen, uint64_t h)
{
	size_t mask = m->cap - 1;
	for(size_t i = h & mask;; i = (i + 1) & mask) {
		hmap_entry *e = &m->tab[i];
		if(!e->key || (e->hash == h && e->klen == klen && !memcmp(e->key, key, klen)))
			return e;
	}
}

static pl_rc resize(hmap *m)
{
	size_t cap = m->cap ? m->cap * 2 : 64;
	hmap_entry *old = m->tab;
	size_t oldcap = m->cap;
	m->tab = calloc(cap, sizeof(*m->tab));
	if(!m->tab) {
		m->tab = old;
		return PL_ENOMEM;
	}
	m->cap = cap;
	for(size_t i = 0; i < oldcap; i++)
		if(old[i].key)
			*find(m, old[i].key, old[i].klen, old[i].hash) = old[i];
	free(old);
	return PL_OK;
}

pl_rc hmap_put(hmap *m, const char *key, size_t klen, void *val)
{
	if((m->count + 1) * 4 > m->cap * 3) { /* keep load under 3/4 */
		pl_rc rc = resize(m);
		if(rc)
			return rc;
	}
	uint64_t h = hmap_hash(key, klen);
	hmap_entry *e = find(m, key, klen, h);
	if(!e->key) {
		char *k = arena_strndup(&m->keys, key, klen);
		if(!k)
			return PL_ENOMEM;
		e->key = k;
		e->klen = klen;
		e->hash = h;
		m->count++;
	}
	e->val = val;
	return PL_OK;
}

void *hmap_get(const hmap *m, const char *key, size_t klen)
{
	if(!m->cap)
		return NULL;
	hmap_entry *e = find(m, key, klen, hmap_hash(key, klen));
	return e->key ? e->val : NULL;
}
