#include "core/rng.h"

static uint64_t splitmix64(uint64_t *x)
{
	uint64_t z = (*x += 0x9e3779b97f4a7c15ull);
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
	return z ^ (z >> 31);
}

void rng_seed(rng *r, uint64_t seed)
{
	for(int i = 0; i < 4; i++)
		r->s[i] = splitmix64(&seed);
}

static uint64_t rotl(uint64_t x, int k)
{
	return (x << k) | (x >> (64 - k));
}

uint64_t rng_next(rng *r)
{
	uint64_t *s = r->s;
	uint64_t result = rotl(s[1] * 5, 7) * 9;
	uint64_t t = s[1] << 17;
	s[2] ^= s[0];
	s[3] ^= s[1];
	s[1] ^= s[2];
	s[0] ^= s[3];
	s[2] ^= t;
	s[3] = rotl(s[3], 45);
	return result;
}

uint32_t rng_below(rng *r, uint32_t n)
{
	/* Lemire's multiply-and-reject. */
	uint64_t m = (uint64_t)(uint32_t)(rng_next(r) >> 32) * n;
	uint32_t low = (uint32_t)m;
	if(low < n) {
		uint32_t threshold = -n % n;
		while(low < threshold) {
			m = (uint64_t)(uint32_t)(rng_next(r) >> 32) * n;
			low = (uint32_t)m;
		}
	}
	return (uint32_t)(m >> 32);
}

int rng_range(rng *r, int lo, int hi)
{
	/* In 64 bits: hi - lo + 1 overflows int for wide ranges, and is 2^32
	 * for the whole of int, which no uint32_t holds. */
	uint64_t span = (uint64_t)((int64_t)hi - (int64_t)lo) + 1;
	uint64_t off = span > UINT32_MAX ? rng_next(r) >> 32 : rng_below(r, (uint32_t)span);
	return (int)((int64_t)lo + (int64_t)off);
}

double rng_unit(rng *r)
{
	return (double)(rng_next(r) >> 11) * 0x1.0p-53;
}

bool rng_chance(rng *r, double p)
{
	return rng_unit(r) < p;
}
