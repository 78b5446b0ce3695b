/* Demo and benchmark data generators: a registry, linkage benchmark lists
 * and remains cases, made up from a seed (the DNA simulator is dna_sim.h).
 * Not part of the library: linked into `parley demo-data`, the benchmarks
 * and the tests that need generated data. They use the library's public
 * headers only; the same options and seed give the same bytes. */
#ifndef PARLEY_DEMO_DEMO_H
#define PARLEY_DEMO_DEMO_H

#include <stdint.h>
#include <stdbool.h>
#include <stdio.h>

#include "core/err.h"
#include "registry/registry.h"

typedef struct demo_opts {
	long persons;
	uint64_t seed;
	registry_format format;   /* JSON: persons with their events; CSV: persons */
	FILE *events_csv;         /* CSV: where the events go (may be NULL) */
} demo_opts;

/* Write a generated registry to out, as `parley export` writes one:
 * `parley import` reads it. */
pl_rc registry_demo_generate(FILE *out, const demo_opts *o, pl_err *err);
/* A linkage benchmark: n people written by two offices into lists a and b
 * (CSV in the person format), about 80% of them on both, the rest of b
 * other people; b in the Russian forms and schemes, with the corruptions
 * documented in docs/matching.md. Column ext.bench is the truth. */
pl_rc registry_demo_linkage(FILE *a, FILE *b, long n, uint64_t seed, pl_err *err);
/* The same; unknown_surnames: surnames made of syllables, in Russian on
 * side b and in their regular Ukrainian form on side a, that no dictionary
 * knows (Белоконь/Білокінь), to measure linkage on names parley was not
 * given. */
pl_rc registry_demo_linkage_with(FILE *a, FILE *b, long n, uint64_t seed, bool unknown_surnames,
                                 pl_err *err);
/* A cases file of n cases handed over by RU to UA in batches of about
 * 1,200, as remains_import reads it. Nothing in it names a person. */
pl_rc remains_demo_generate(FILE *out, long n, uint64_t seed, pl_err *err);

#endif
