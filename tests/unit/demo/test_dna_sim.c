/* The DNA simulator (tools/demo/dna_sim.c): the same seed gives the same
 * families and remains, another seed others, and unknown kinds of family
 * are refused; the pedigree kinds are pedigrees with their missing persons
 * (a father and son both missing) and typed relatives in the right places. */
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

/* Whether individual x of p descends from y (or is y). */
static bool descends(const dna_ped *p, int x, int y)
{
	return x == y || (x >= 0 && p->father[x] >= 0 &&
	                  (descends(p, p->father[x], y) || descends(p, p->mother[x], y)));
}

static void test_the_pedigree_kinds_are_pedigrees(void **state)
{
	(void)state;
	dna_rows pool;
	dna_freqs freqs;
	kx_nist(&pool, &freqs);
	dna_sim_opts o;
	dna_sim_defaults(&o, 40, 40, 7);
	assert_null(dna_sim_parse_kinds(&o, "grandchild=1,nephew=1,cousin_spouse=1,father_son=1"));
	dna_kit k;
	dna_sim s;
	kx_simulate(&pool, &freqs, &k, &s, &o);
	size_t persons = 0;
	int seen[SIM_KIND_COUNT] = {0};
	for(size_t f = 0; f < s.nfamilies; f++) {
		const dna_kin *kin = s.kin[f];
		assert_non_null(kin);
		assert_true(dna_sim_kind_is_pedigree(s.kind[f]));
		seen[s.kind[f]]++;
		const dna_ped *p = &kin->alt[0].ped;
		int typed = 0;
		for(int x = 0; x < p->n; x++) {
			assert_true((p->father[x] < 0) == (p->mother[x] < 0));
			assert_true(p->father[x] < x && p->mother[x] < x); /* parents come first */
			if(p->father[x] >= 0) {
				assert_int_equal(p->sex[p->father[x]], DNA_MALE);
				assert_int_equal(p->sex[p->mother[x]], DNA_FEMALE);
			}
			typed += kin->alt[0].prof[x] != NULL;
		}
		assert_int_equal(kin->nmissing, s.kind[f] == SIM_FATHER_SON ? 2 : 1);
		assert_int_equal(typed, s.kind[f] == SIM_GRANDCHILD || s.kind[f] == SIM_NEPHEW ? 1 : 2);
		for(int m = 0; m < kin->nmissing; m++)
			assert_null(kin->alt[0].prof[kin->missing[m]]);
		if(s.kind[f] == SIM_FATHER_SON) /* the son descends from the father */
			assert_true(descends(p, kin->missing[1], kin->missing[0]));
		if(s.kind[f] == SIM_GRANDCHILD) /* the typed one descends from the missing person */
			for(int x = 0; x < p->n; x++)
				if(kin->alt[0].prof[x])
					assert_true(descends(p, x, kin->missing[0]) && x != kin->missing[0]);
		persons += (size_t)kin->nmissing;
	}
	for(int kd = SIM_GRANDCHILD; kd < SIM_KIND_COUNT; kd++)
		assert_true(seen[kd] > 0);
	assert_int_equal(s.npersons, persons);
	for(size_t r = 0; r < s.nremains; r++) /* each remains is its person's, of its family */
		if(s.truth_person[r] >= 0)
			assert_int_equal(s.persons[s.truth_person[r]].family, (size_t)s.truth[r]);
	dna_sim_free(&s);
	dna_kit_free(&k);
	dna_rows_free(&pool);
	dna_freqs_free(&freqs);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_the_simulator_is_seeded),
		cmocka_unit_test(test_the_pedigree_kinds_are_pedigrees),
	};
	return cmocka_run_group_tests_name("demo/dna_sim", tests, NULL, NULL);
}
