/* Weighted choices from the generators' tables. */
#include "demo/internal.h"

size_t demo_pick_index(rng *r, const unsigned *w, size_t stride, size_t n)
{
	const char *p = (const char *)w;
	unsigned total = 0;
	for(size_t i = 0; i < n; i++)
		total += *(const unsigned *)(p + i * stride);
	unsigned x = rng_below(r, total);
	for(size_t i = 0; i < n; i++) {
		unsigned wi = *(const unsigned *)(p + i * stride);
		if(x < wi)
			return i;
		x -= wi;
	}
	return n - 1;
}

const char *demo_pick_text(rng *r, const wtext *t, size_t n)
{
	return t[PICK_INDEX(r, t, n)].text;
}

int demo_pick_span(rng *r, const wspan *t, size_t n)
{
	const wspan *s = &t[PICK_INDEX(r, t, n)];
	return rng_range(r, s->lo, s->hi);
}

const char *demo_pick_any(rng *r, const char *const *list)
{
	size_t n = 0;
	while(list[n])
		n++;
	return list[rng_below(r, (uint32_t)n)];
}
