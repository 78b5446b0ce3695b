/* A region allocator: many small allocations, one release.
 *
 * An import row, a request or a query owns an arena; everything allocated
 * for it goes there and is released at once with arena_reset() or
 * arena_free(). Allocation failure is sticky (SQLite's mallocFailed): check
 * arena_oom() once at the end of a unit of work instead of after every call. */
#ifndef PARLEY_CORE_ARENA_H
#define PARLEY_CORE_ARENA_H

#include <stdbool.h>
#include <stddef.h>

typedef struct arena_block arena_block;

typedef struct arena {
	arena_block *head;  /* current block; older ones chained behind it */
	size_t block_size;  /* default size of a new block */
	bool oom;           /* sticky: some allocation failed */
} arena;

void arena_init(arena *a, size_t block_size);
void arena_free(arena *a);
/* Release everything but keep the first block for reuse. */
void arena_reset(arena *a);

/* NULL (and the sticky flag set) when memory runs out. Aligned for any type. */
void *arena_alloc(arena *a, size_t n);
void *arena_calloc(arena *a, size_t count, size_t size);
char *arena_strdup(arena *a, const char *s);
char *arena_strndup(arena *a, const char *s, size_t n);
/* Room for one more item (of `size` bytes, zeroed) at the end of the array
 * *items of *n items, grown in a (doubled, the old copy left to the
 * arena) when *cap is reached; *n counts it. NULL when memory runs out. */
void *arena_push(arena *a, void **items, size_t *n, size_t *cap, size_t size);

static inline bool arena_oom(const arena *a) { return a->oom; }

#endif
