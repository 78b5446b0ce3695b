/* Every LR the screening keeps is the engine's (issue 11, item 1): on
 * random simulated families of every kind (relatives of unknown side,
 * degraded remains), for each mutation model, with theta 0 and 0.01, the
 * stored LR of every kept pair equals the engine's computed here on its
 * own (dna_kin_locus one remains at a time, the whole profile mixed over
 * the placements) to 1e-9 relative; the filter with its default margin
 * keeps exactly the pairs whose exact LR reaches the threshold; and a lone
 * sibling's LR moves with the mutation model. */
#include "simulated.h"

#include "dna/exact.h"
#include "dna/ped.h"
#include "dna/screen.h"

static dna_rows pool;
static dna_freqs freqs;

static int setup(void **state)
{
	(void)state;
	kx_nist(&pool, &freqs);
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	dna_rows_free(&pool);
	dna_freqs_free(&freqs);
	return 0;
}

/* The engine's LR of remains x for family f, written out on its own:
 * each locus by dna_kin_locus for x alone, the products per placement,
 * then sum w prod L1 / sum w prod L0. *fell: a locus was beyond theta. */
static double reference_log10(const dna_kit *k, const dna_family *f, const dna_model *m,
                              const dna_profile *x, bool *fell)
{
	arena a, b;
	arena_init(&a, 0);
	arena_init(&b, 0);
	dna_kin kin;
	pl_err err = {0};
	assert_ok(dna_kin_of_family(f, &b, &kin, &err), &err);
	double p1[8] = {0}, p0[8] = {0}; /* natural logs per placement */
	assert_true(kin.nalt <= 8);
	*fell = false;
	for(int l = 0; l < k->nloci; l++) {
		if(!dna_kin_typed(&kin, l))
			continue;
		dna_obs o = dna_obs_of(x, l, m);
		double l1[8], l0[8];
		pl_rc rc = dna_kin_locus(k, l, &kin, 0, m, &o, 1, l1, l0, &a, &err);
		if(rc == PL_ELIMIT && m->theta > 0) {
			dna_model z = *m;
			z.theta = 0;
			*fell |= o.a >= 0;
			rc = dna_kin_locus(k, l, &kin, 0, &z, &o, 1, l1, l0, &a, &err);
		}
		assert_ok(rc, &err);
		double den = 0;
		for(int i = 0; i < kin.nalt; i++)
			den += kin.alt[i].weight * l0[i];
		if(!(den > 0))
			continue;
		for(int i = 0; i < kin.nalt; i++) {
			p1[i] += log(l1[i]);
			p0[i] += log(l0[i]);
		}
	}
	double top = -HUGE_VAL, n = 0, d = 0;
	for(int i = 0; i < kin.nalt; i++)
		top = fmax(top, fmax(p1[i], p0[i]));
	for(int i = 0; i < kin.nalt; i++) {
		n += kin.alt[i].weight * exp(p1[i] - top);
		d += kin.alt[i].weight * exp(p0[i] - top);
	}
	arena_free(&a);
	arena_free(&b);
	return d > 0 ? (n > 0 ? log10(n / d) : DNA_LOG_ZERO) : 0;
}

static void simulate(dna_kit *k, dna_sim *s, long n, uint64_t seed, dna_mutation_model mm)
{
	dna_sim_opts o;
	dna_sim_defaults(&o, n, n, seed);
	o.fragments = 0;
	pl_err err = {0};
	dna_mutation mut = DNA_MUTATION_DEFAULT;
	mut.model = mm;
	assert_ok(dna_kit_init(k, &freqs, &err), &err);
	assert_ok(dna_sim_run(k, &pool, &o, s, &err), &err);
	assert_ok(dna_kit_finish(k, &mut, &err), &err);
}

/* Screen with the filter open (every pair examined, every pair kept),
 * and compare each with the reference; then screen with the default
 * margin at threshold `at` and check it keeps exactly the pairs whose
 * reference reaches it (those without too many inconsistent loci). */
static void check_model(long n, uint64_t seed, dna_mutation_model mm, double theta, report *rep)
{
	dna_kit k;
	dna_sim s;
	simulate(&k, &s, n, seed, mm);
	dna_model m = {theta, 0.1, mm != DNA_MUT_NONE};
	dna_screen_opts so = {.model = m, .keep = -1e6, .max_inconsistent = 29, .threads = 2,
	                      .kinship = true, .widen = 1e3};
	dna_screen_result all;
	pl_err err = {0};
	assert_ok(dna_screen(&k, s.remains, s.nremains, s.families, s.nfamilies, &so, &all, &err), &err);
	assert_int_equal(all.n, s.nremains * s.nfamilies);
	double *want = calloc(all.n, sizeof(double));
	for(size_t i = 0; i < all.n; i++) {
		const dna_candidate *c = &all.cand[i];
		bool fell;
		want[i] = reference_log10(&k, &s.families[c->other], &m, &s.remains[c->remains], &fell);
		double off = fabs(want[i] - c->log10_lr) * log(10);
		if(off > 1e-9 || fell != c->theta0)
			report_add(rep, "%s theta %g: remains %u family %u: stored %.12f, engine %.12f (theta0 %d/%d)\n",
			           dna_mutation_names[mm], theta, c->remains, c->other, c->log10_lr, want[i],
			           c->theta0, fell);
	}
	double at = 1.0; /* low enough that unrelated pairs come near it */
	so = (dna_screen_opts){.model = m, .keep = at, .max_inconsistent = 2, .threads = 2, .kinship = true};
	dna_screen_result kept;
	assert_ok(dna_screen(&k, s.remains, s.nremains, s.families, s.nfamilies, &so, &kept, &err), &err);
	size_t j = 0, reach = 0;
	for(size_t i = 0; i < all.n; i++) {
		const dna_candidate *c = &all.cand[i];
		if(want[i] < at || c->inconsistent > 2)
			continue;
		reach++;
		while(j < kept.n && (kept.cand[j].remains < c->remains ||
		                     (kept.cand[j].remains == c->remains && kept.cand[j].other < c->other)))
			j++;
		if(j == kept.n || kept.cand[j].remains != c->remains || kept.cand[j].other != c->other)
			report_add(rep, "%s theta %g: remains %u family %u, exact log10 LR %.3f, missed by the filter\n",
			           dna_mutation_names[mm], theta, c->remains, c->other, want[i]);
	}
	if(kept.n != reach)
		report_add(rep, "%s theta %g: kept %zu pairs, %zu reach %.1f\n", dna_mutation_names[mm], theta,
		           kept.n, reach, at);
	assert_true(reach > (size_t)n / 2); /* the threshold is not vacuous */
	/* every family has the engine's own tables, exact for one pedigree and
	 * per placement for relatives of unknown side (some of each here):
	 * nothing is recomputed unless theta is beyond the engine's sum */
	uint64_t one = 0;
	for(size_t f = 0; f < s.nfamilies; f++) {
		arena ka;
		arena_init(&ka, 0);
		dna_kin kin;
		assert_ok(dna_kin_of_family(&s.families[f], &ka, &kin, &err), &err);
		one += kin.nalt == 1;
		arena_free(&ka);
	}
	assert_true(one > 0);
	assert_true(all.families_exact <= s.nfamilies);
	/* tables shared by families of one shape and genotypes were compared too */
	if(theta == 0)
		assert_true(all.table_hits > 0);
	if(theta == 0) { /* these seeds give families of several placements */
		assert_true(one < s.nfamilies);
		assert_int_equal(all.families_exact, s.nfamilies);
		assert_int_equal(all.examined, 0);
	}
	assert_true(kept.examined <= all.examined);
	free(want);
	dna_screen_result_free(&kept);
	dna_screen_result_free(&all);
	dna_sim_free(&s);
	dna_kit_free(&k);
}

static void test_kept_pairs_are_the_engines_at_theta_0(void **state)
{
	(void)state;
	report rep = {0};
	for(int mm = 0; mm < DNA_MUT_COUNT; mm++)
		check_model(14, 11 + (uint64_t)mm, (dna_mutation_model)mm, 0, &rep);
	report_check(&rep, 0);
}

static void test_kept_pairs_are_the_engines_with_theta(void **state)
{
	(void)state;
	report rep = {0};
	check_model(7, 21, DNA_MUT_NONE, 0.01, &rep);
	check_model(7, 22, DNA_MUT_STEPWISE, 0.01, &rep);
	report_check(&rep, 0);
}

/* issue 11's finding: a lone sibling gave the same LR whatever the
 * mutation model. Now the screening's number is the engine's, which has
 * mutation on every path: a sibling A/B and remains C/D (no allele in
 * common) differ between none and stepwise, and both equal the engine. */
static void test_lone_sibling_mutation_counts(void **state)
{
	(void)state;
	dna_mutation mut = DNA_MUTATION_DEFAULT;
	mut.rate_pat = mut.rate_mat = 0.05;
	dna_kit k;
	kx_kit(&k, &mut, "10=0.2", "11=0.2", "12=0.2", "13=0.2", "14=0.2", NULL);
	kx_family x;
	kx_family_init(&x, DNA_MALE);
	kx_add(&x, DNA_FULL_SIB, DNA_SIDE_UNKNOWN, kx_geno(&k, "10", "12"));
	dna_geno rg = kx_geno(&k, "11", "13");
	dna_profile rem = {.id = "R", .g = &rg};
	const dna_profile *rp = &rem;
	double lr[2], one[2];
	pl_err err = {0};
	arena a;
	arena_init(&a, 0);
	for(int i = 0; i < 2; i++) {
		dna_model m = {0, 0, i == 1};
		assert_ok(dna_exact_family(&k, &x.f, &m, &rp, 1, &lr[i], &one[i], NULL, &a, &err), &err);
		bool fell;
		assert_near(lr[i], reference_log10(&k, &x.f, &m, &rem, &fell), 1e-12);
		/* the screening's filter table is the engine's too at theta 0 */
		assert_near(log10(kx_lr(&k, &x, &m, (dna_obs){rg.a, rg.b, false})), lr[i], 1e-9);
	}
	assert_near(pow(10, lr[0]), 0.25, 1e-12); /* k0 only, without mutation */
	assert_true(lr[1] > lr[0] + 0.01);         /* one mutation explains a shared allele */
	arena_free(&a);
	dna_kit_free(&k);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_lone_sibling_mutation_counts),
		cmocka_unit_test(test_kept_pairs_are_the_engines_at_theta_0),
		cmocka_unit_test(test_kept_pairs_are_the_engines_with_theta),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
