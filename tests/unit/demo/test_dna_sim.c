/* The DNA simulator (tools/demo/dna_sim.c): the same seed gives the same
 * families and remains, another seed others, and unknown kinds of family
 * are refused. */
#include "dna/simulated.h"

static void test_the_simulator_is_seeded(void **state)
{
	(void)state;
	dna_rows pool;
	dna_freqs freqs;
	kx_nist(&pool, &freqs);
	dna_sim_opts o;
	dna_sim_defaults(&o, 30, 30, 5);
	dna_kit k1, k2;
	dna_sim s1, s2;
	kx_simulate(&pool, &freqs, &k1, &s1, &o);
	kx_simulate(&pool, &freqs, &k2, &s2, &o);
	assert_int_equal(s1.nrefs, s2.nrefs);
	for(size_t r = 0; r < s1.nremains; r++) {
		assert_int_equal(s1.truth[r], s2.truth[r]);
		assert_memory_equal(s1.remains[r].g, s2.remains[r].g, sizeof(dna_geno) * (size_t)k1.nloci);
	}
	for(size_t f = 0; f < s1.nfamilies; f++)
		assert_string_equal(s1.families[f].person, s2.families[f].person);
	o.seed = 6;
	dna_sim s3;
	dna_kit k3;
	kx_simulate(&pool, &freqs, &k3, &s3, &o);
	assert_string_not_equal(s1.families[0].person, s3.families[0].person);
	dna_sim_free(&s1);
	dna_sim_free(&s2);
	dna_sim_free(&s3);
	dna_kit_free(&k1);
	dna_kit_free(&k2);
	dna_kit_free(&k3);
	dna_rows_free(&pool);
	dna_freqs_free(&freqs);
	const char *why = dna_sim_parse_kinds(&o, "parents=2,aunt=1");
	assert_non_null(why);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_the_simulator_is_seeded),
	};
	return cmocka_run_group_tests_name("demo/dna_sim", tests, NULL, NULL);
}
