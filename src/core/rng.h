/* A seeded pseudo-random generator (xoshiro256**, seeded by splitmix64).
 * Used where output must be reproducible: same seed, same bytes. Never for
 * secrets: those come from libsodium's randombytes. */
#ifndef PARLEY_CORE_RNG_H
#define PARLEY_CORE_RNG_H

#include <stdbool.h>
#include <stdint.h>

typedef struct rng {
	uint64_t s[4];
} rng;

void rng_seed(rng *r, uint64_t seed);
uint64_t rng_next(rng *r);
/* Uniform in [0, n), without modulo bias. n > 0. */
uint32_t rng_below(rng *r, uint32_t n);
/* Uniform in [lo, hi]. */
int rng_range(rng *r, int lo, int hi);
/* Uniform in [0, 1). */
double rng_unit(rng *r);
bool rng_chance(rng *r, double p);

#endif
