/* A string-keyed hash map (open addressing, linear probing).
 * Keys are copied into the map's own arena; values are opaque pointers. */
#ifndef PARLEY_CORE_HMAP_H
#define PARLEY_CORE_HMAP_H

#include <stddef.h>
#include <stdint.h>

#include "core/arena.h"
#include "core/err.h"

typedef struct hmap_entry {
	const char *key;
	size_t klen;
	uint64_t hash;
	void *val;
} hmap_entry;

typedef struct hmap {
	hmap_entry *tab;
	size_t cap;   /* a power of two, or 0 */
	size_t count;
	arena keys;
} hmap;

void hmap_init(hmap *m);
void hmap_free(hmap *m);
/* Insert or replace. */
pl_rc hmap_put(hmap *m, const char *key, size_t klen, void *val) PL_NODISCARD;
/* NULL if absent. */
void *hmap_get(const hmap *m, const char *key, size_t klen);
uint64_t hmap_hash(const char *key, size_t klen);

#endif
