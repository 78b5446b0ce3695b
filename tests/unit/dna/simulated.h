/* Simulated families and remains for the DNA tests, from the simulator
 * (tools/demo/dna_sim.h): a test that includes this links demo_dep. */
#ifndef PARLEY_TESTS_DNA_SIMULATED_H
#define PARLEY_TESTS_DNA_SIMULATED_H

#include "dna/fixture.h"

#include "demo/dna_sim.h"

/* Simulate o with the NIST population (kx_nist) into s, kit k finished
 * with the default mutation model. */
static inline void kx_simulate(const dna_rows *pool, const dna_freqs *freqs, dna_kit *k,
                               dna_sim *s, const dna_sim_opts *o)
{
	pl_err err = {0};
	dna_mutation mut = DNA_MUTATION_DEFAULT;
	assert_ok(dna_kit_init(k, freqs, &err), &err);
	assert_ok(dna_sim_run(k, pool, o, s, &err), &err);
	assert_ok(dna_kit_finish(k, &mut, &err), &err);
}

/* The simulator's files (persons.csv, cases.csv, remains.csv,
 * references.csv, truth.csv) in dir: n missing persons with families of
 * the kinds given, n remains. */
static inline void kx_sim_files(const char *dir, long n, uint64_t seed, const char *kinds,
                                double other_side, double fragments, double unrelated)
{
	dna_rows pool;
	dna_freqs fq;
	kx_nist(&pool, &fq);
	dna_sim_opts o;
	dna_sim_defaults(&o, n, n, seed);
	assert_null(dna_sim_parse_kinds(&o, kinds));
	o.other_side = other_side;
	o.fragments = fragments;
	o.unrelated = unrelated;
	dna_kit k;
	dna_sim s;
	pl_err err = {0};
	assert_ok(dna_kit_init(&k, &fq, &err), &err);
	assert_ok(dna_sim_run(&k, &pool, &o, &s, &err), &err);
	assert_ok(dna_kit_finish(&k, NULL, &err), &err);
	assert_ok(dna_sim_write(&k, &s, &o, dir, &err), &err);
	dna_sim_free(&s);
	dna_kit_free(&k);
	dna_freqs_free(&fq);
	dna_rows_free(&pool);
}

#endif
