/* Screening (src/dna/screen.c) and the joint assignment (src/dna/assign.c),
 * on data from the simulator (tools/demo/dna_sim.c): the true family found
 * in a small simulated set, the fast tables agreeing with the pair looked
 * at locus by locus, fragments found, the right permutation, rivals, the
 * search cap. */
#include "simulated.h"

#include "core/problems.h"
#include "dna/assign.h"
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

static void simulate(dna_kit *k, dna_sim *s, dna_sim_opts *o)
{
	kx_simulate(&pool, &freqs, k, s, o);
}

static const dna_model model = {0.01, 0.1, true};

/* Families whose relatives identify (parents, two siblings, a father and a
 * sibling): every remains of a missing person has its family as the best
 * candidate, far ahead, and nothing unrelated reaches the threshold. */
static void test_screening_finds_the_true_family(void **state)
{
	(void)state;
	dna_sim_opts o;
	dna_sim_defaults(&o, 60, 60, 42);
	assert_null(dna_sim_parse_kinds(&o, "parents=1,two_siblings=1,father_sibling=1"));
	o.fragments = 0;
	dna_kit k;
	dna_sim s;
	simulate(&k, &s, &o);
	dna_screen_opts so = {.model = model, .keep = 1, .max_inconsistent = 2, .threads = 2, .kinship = true};
	dna_screen_result res;
	pl_err err = {0};
	assert_ok(dna_screen(&k, s.remains, s.nremains, s.families, s.nfamilies, &so, &res, &err), &err);
	dna_assignment as;
	assert_ok(dna_assign(res.cand, res.n, NULL, 60, 0, &as, &err), &err);
	report rep = {0};
	long found = 0, identifiable = 0;
	for(size_t r = 0; r < s.nremains; r++) {
		long t = s.truth[r];
		identifiable += t >= 0;
		for(size_t i = 0; i < res.n; i++) {
			const dna_candidate *c = &res.cand[i];
			if(c->remains != r || !as.best[i] || dna_odds_probability(as.log10_odds[i]) < 0.999)
				continue;
			if((long)c->other == t)
				found++;
			else
				report_add(&rep, "remains %zu (of family %ld) proposed as family %u, log10 LR %.1f\n", r,
				           t, c->other, c->log10_lr);
		}
	}
	if(found < identifiable * 9 / 10)
		report_add(&rep, "only %ld of %ld remains found\n", found, identifiable);
	assert_int_equal(res.pairs, (uint64_t)s.nrefs * s.nremains);
	dna_assignment_free(&as);
	dna_screen_result_free(&res);
	dna_sim_free(&s);
	dna_kit_free(&k);
	report_check(&rep, (int)identifiable);
}

/* The screening stores what explain shows: both the engine's exact LR
 * (exact.h), so to rounding only. theta 0 here: the engine with theta is
 * slow on 2,000 pairs, and test_exact checks theta 0.01. */
static void test_tables_agree_with_the_pair(void **state)
{
	(void)state;
	dna_sim_opts o;
	dna_sim_defaults(&o, 40, 50, 7);
	o.fragments = 0.1;
	dna_kit k;
	dna_sim s;
	simulate(&k, &s, &o);
	const dna_model m0 = {0, 0.1, true};
	dna_screen_opts so = {.model = m0, .keep = -2, .max_inconsistent = 29, .threads = 2,
	                      .kinship = true, .identity = true};
	dna_screen_result res;
	pl_err err = {0};
	assert_ok(dna_screen(&k, s.remains, s.nremains, s.families, s.nfamilies, &so, &res, &err), &err);
	assert_true(res.n > 40);
	report rep = {0};
	long fragments = 0;
	for(size_t i = 0; i < res.n; i++) {
		const dna_candidate *c = &res.cand[i];
		arena a;
		arena_init(&a, 0);
		dna_pair_detail d;
		assert_ok(dna_pair_explain(&k, &s.remains[c->remains], c->identity ? NULL : &s.families[c->other],
		                           c->identity ? &s.remains[c->other] : NULL, &m0, &a, &d, &err), &err);
		if(fabs(d.log10_lr - c->log10_lr) > 1e-9 * (1 + fabs(d.log10_lr)) || d.loci != c->loci ||
		   (!c->identity && d.inconsistent != c->inconsistent))
			report_add(&rep, "%s %u-%u: table %.4f (%d loci, %d inconsistent), pair %.4f (%d, %d)\n",
			           c->identity ? "identity" : "kinship", c->remains, c->other, c->log10_lr, c->loci,
			           c->inconsistent, d.log10_lr, d.loci, d.inconsistent);
		fragments += c->identity && c->log10_lr > 10 && s.truth[c->remains] >= 0 &&
		             s.truth[c->remains] == s.truth[c->other];
		arena_free(&a);
	}
	assert_true(fragments >= 3); /* 10% of 50 are second fragments */
	dna_screen_result_free(&res);
	dna_sim_free(&s);
	dna_kit_free(&k);
	report_check(&rep, 0);
}

static dna_candidate pair(uint32_t r, uint32_t f, double log10_lr)
{
	return (dna_candidate){r, f, log10_lr, 20, 0, false, false};
}

/* r0 fits f0 best alone, but r1 fits only f0 well: the best explanation is
 * r0 = f1, r1 = f0 (14.5 against 11), not the greedy r0 = f0. */
static void test_joint_assignment_picks_the_permutation(void **state)
{
	(void)state;
	dna_candidate c[] = {pair(0, 0, 8), pair(0, 1, 7), pair(1, 0, 7.5), pair(1, 1, 3)};
	dna_assignment as;
	pl_err err = {0};
	assert_ok(dna_assign(c, 4, NULL, 100, 0, &as, &err), &err);
	assert_false(as.best[0]);
	assert_true(as.best[1]);
	assert_true(as.best[2]);
	assert_false(as.best[3]);
	/* without r0 = f1 the best is r0 = f0, r1 = f1: 11; GLR 10^3.5 */
	assert_near(as.log10_glr[1], 3.5, 1e-12);
	assert_near(as.log10_odds[1], 3.5, 1e-12);
	/* without r1 = f0: r0 = f0 and r1 = f1, 11 again */
	assert_near(as.log10_glr[2], 3.5, 1e-12);
	assert_int_equal(as.groups, 1);
	dna_assignment_free(&as);
	/* capped: bounds, which never overstate */
	assert_ok(dna_assign(c, 4, NULL, 100, 2, &as, &err), &err);
	assert_int_equal(as.capped, 1);
	for(int i = 0; i < 4; i++)
		assert_true(!as.best[i] || as.log10_odds[i] <= 3.5 + 1e-12);
	dna_assignment_free(&as);
}

/* Remains matching two missing brothers alike: one is taken, with a
 * generalised LR of 1; a lone strong pair is undisputed; a pair whose LR
 * does not beat the prior odds is never made. */
static void test_rivals_and_the_prior(void **state)
{
	(void)state;
	double prior = log10(999);
	dna_candidate c[] = {pair(0, 0, 10), pair(0, 1, 10), pair(1, 2, 12), pair(2, 3, 2.5)};
	dna_assignment as;
	pl_err err = {0};
	assert_ok(dna_assign(c, 4, NULL, 1000, 0, &as, &err), &err);
	assert_true(as.best[0] != as.best[1]);
	int b = as.best[0] ? 0 : 1;
	assert_near(as.log10_glr[b], 0, 1e-12);
	assert_true(dna_odds_probability(as.log10_odds[b]) < 0.999);
	assert_true(as.best[2]);
	assert_int_equal(as.undisputed, 1);
	assert_near(as.log10_glr[2], 12, 1e-12);
	assert_near(as.log10_odds[2], 12 - prior, 1e-12);
	assert_false(as.best[3]); /* LR 10^2.5 < 999 */
	dna_assignment_free(&as);
	/* two fragments of one person: one unit, both take the family */
	dna_candidate f[] = {pair(0, 0, 20), pair(1, 0, 15)};
	uint32_t unit[] = {0, 0};
	assert_ok(dna_assign(f, 2, unit, 1000, 0, &as, &err), &err);
	assert_true(as.best[0] && as.best[1]);
	assert_near(as.log10_glr[1], 20, 1e-12);
	dna_assignment_free(&as);
	assert_near(dna_posterior(log10(999), 1000), 0.5, 1e-12);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_screening_finds_the_true_family),
		cmocka_unit_test(test_tables_agree_with_the_pair),
		cmocka_unit_test(test_joint_assignment_picks_the_permutation),
		cmocka_unit_test(test_rivals_and_the_prior),
	};
	return cmocka_run_group_tests_name("dna/screen", tests, setup, teardown);
}
