#include "core/arena.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

struct arena_block {
	arena_block *prev;
	size_t size, used;
	bool dedicated;     /* holds one large allocation; never kept by reset */
	max_align_t data[]; /* aligned for anything */
};

enum { ALIGN = _Alignof(max_align_t) };

void arena_init(arena *a, size_t block_size)
{
	a->head = NULL;
	a->block_size = block_size ? block_size : 8192;
	a->oom = false;
}

void arena_free(arena *a)
{
	arena_block *b = a->head;
	while(b) {
		arena_block *prev = b->prev;
		free(b);
		b = prev;
	}
	a->head = NULL;
	a->oom = false;
}

void arena_reset(arena *a)
{
	/* Keep the oldest ordinary block: a dedicated block for one large
	 * allocation may sit behind it in the chain, and must go. */
	arena_block *keep = NULL;
	for(arena_block *b = a->head; b; b = b->prev)
		if(!b->dedicated)
			keep = b;
	arena_block *b = a->head;
	while(b) {
		arena_block *prev = b->prev;
		if(b != keep)
			free(b);
		b = prev;
	}
	if(keep) {
		keep->prev = NULL;
		keep->used = 0;
	}
	a->head = keep;
	a->oom = false;
}

static arena_block *block_new(size_t size, arena_block *prev, bool dedicated)
{
	if(size > SIZE_MAX - sizeof(arena_block))
		return NULL;
	arena_block *b = malloc(sizeof(*b) + size);
	if(!b)
		return NULL;
	b->prev = prev;
	b->size = size;
	b->used = 0;
	b->dedicated = dedicated;
	return b;
}

void *arena_alloc(arena *a, size_t n)
{
	if(n > SIZE_MAX - ALIGN) {
		a->oom = true;
		return NULL;
	}
	size_t need = (n + ALIGN - 1) & ~(size_t)(ALIGN - 1);
	arena_block *b = a->head;
	if(!b || b->size - b->used < need) {
		/* A request bigger than a block gets a block of its own, pushed
		 * behind the current one so the current one keeps filling up. */
		if(b && need > a->block_size / 4) {
			arena_block *big = block_new(need, b->prev, true);
			if(!big) {
				a->oom = true;
				return NULL;
			}
			b->prev = big;
			big->used = need;
			return big->data;
		}
		size_t size = need > a->block_size ? need : a->block_size;
		b = block_new(size, a->head, false);
		if(!b) {
			a->oom = true;
			return NULL;
		}
		a->head = b;
	}
	void *p = (char *)b->data + b->used;
	b->used += need;
	return p;
}

void *arena_calloc(arena *a, size_t count, size_t size)
{
	if(size && count > SIZE_MAX / size) {
		a->oom = true;
		return NULL;
	}
	void *p = arena_alloc(a, count * size);
	if(p)
		memset(p, 0, count * size);
	return p;
}

char *arena_strndup(arena *a, const char *s, size_t n)
{
	char *p = arena_alloc(a, n + 1);
	if(!p)
		return NULL;
	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

char *arena_strdup(arena *a, const char *s)
{
	return s ? arena_strndup(a, s, strlen(s)) : NULL;
}

void *arena_push(arena *a, void **items, size_t *n, size_t *cap, size_t size)
{
	if(*n == *cap) {
		size_t more = *cap ? *cap * 2 : 16;
		char *bigger = arena_alloc(a, more * size);
		if(!bigger)
			return NULL;
		if(*n)
			memcpy(bigger, *items, *n * size);
		*items = bigger;
		*cap = more;
	}
	char *slot = (char *)*items + (*n)++ * size;
	memset(slot, 0, size);
	return slot;
}
