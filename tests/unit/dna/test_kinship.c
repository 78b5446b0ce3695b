/* The pairwise kinship LR (src/dna/kinship.c): the checks, hand-
 * derived values for each relationship, theta, each mutation model, drop-
 * out and a locus not typed. */
#include "fixture.h"

static const dna_model plain = {0, 0, false};

static double pair(dna_kit *k, const dna_model *m, dna_rel r, dna_sex sex, const char *y1,
                   const char *y2, const char *x1, const char *x2)
{
	return dna_pair_lr(&k->loci[0], m, r, sex, kx_geno(k, y1, y2), kx_obs(k, x1, x2, false));
}

/* The issue: father and child both A/A give 1/p(A). */
static void test_father_child_aa_is_one_over_p(void **state)
{
	(void)state;
	dna_kit k;
	kx_kit(&k, NULL, "A=0.05", "B=0.95", NULL);
	assert_near(pair(&k, &plain, DNA_FATHER, DNA_MALE, "A", "A", "A", "A"), 20, 1e-12);
	assert_near(pair(&k, &plain, DNA_CHILD, DNA_MALE, "A", "A", "A", "A"), 20, 1e-12);
	dna_kit_free(&k);
	kx_kit(&k, NULL, "A=0.1", NULL); /* the rest allele takes 0.9 */
	assert_true(k.loci[0].rest);
	assert_near(k.loci[0].p[1], 0.9, 1e-12);
	assert_near(pair(&k, &plain, DNA_FATHER, DNA_MALE, "A", "A", "A", "A"), 10, 1e-12);
	dna_kit_free(&k);
}

/* p = a 0.1, b 0.2, c 0.3, d 0.4. Each value derived by hand from
 * LR = k0 + k1 P1/P0 + k2 P2/P0. */
static void test_each_relationship_by_hand(void **state)
{
	(void)state;
	dna_kit k;
	kx_kit(&k, NULL, "a=0.1", "b=0.2", "c=0.3", "d=0.4", NULL);
	static const struct {
		dna_rel r;
		const char *y1, *y2, *x1, *x2;
		double lr;
	} cases[] = {
		/* P1/P0 = (p_c/2)/(2 p_a p_c) = 1/(4 p_a) = 2.5 */
		{DNA_FATHER, "a", "b", "a", "c", 2.5},
		{DNA_MOTHER, "a", "b", "a", "c", 2.5},
		{DNA_CHILD, "a", "b", "a", "c", 2.5},
		{DNA_FATHER, "a", "b", "c", "d", 0},
		/* 1/4 + 1/2 (p_b/2 + p_a/2)/(2 p_a p_b) + 1/4 / (2 p_a p_b) = 0.25 + 1.875 + 6.25 */
		{DNA_FULL_SIB, "a", "b", "a", "b", 8.375},
		/* 1/4 + 1/2 (p_a)/p_a^2 + 1/4 / p_a^2 = 0.25 + 5 + 25 */
		{DNA_FULL_SIB, "a", "a", "a", "a", 30.25},
		{DNA_FULL_SIB, "a", "b", "c", "d", 0.25},
		/* 1/2 + 1/2 * 2.5 */
		{DNA_HALF_SIB, "a", "b", "a", "c", 1.75},
		{DNA_GRANDPARENT, "a", "b", "a", "c", 1.75},
		{DNA_UNCLE, "a", "b", "a", "c", 1.75},
		{DNA_HALF_SIB, "a", "b", "c", "d", 0.5},
		/* 3/4 + 1/4 * 2.5 */
		{DNA_COUSIN, "a", "b", "a", "c", 1.375},
		{DNA_COUSIN, "a", "b", "c", "d", 0.75},
		/* 1/(2 p_a p_b) */
		{DNA_SELF, "a", "b", "a", "b", 25},
		{DNA_IDENTITY, "a", "b", "a", "c", 0},
		{DNA_PARTNER, "a", "b", "a", "b", 1},
	};
	report rep = {0};
	for(size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		double got = pair(&k, &plain, cases[i].r, DNA_MALE, cases[i].y1, cases[i].y2, cases[i].x1,
		                  cases[i].x2);
		if(fabs(got - cases[i].lr) > 1e-12 * (1 + cases[i].lr))
			report_add(&rep, "%s %s/%s vs %s/%s: got %.12g, expected %.12g\n",
			           dna_rel_names[cases[i].r], cases[i].y1, cases[i].y2, cases[i].x1, cases[i].x2,
			           got, cases[i].lr);
	}
	dna_kit_free(&k);
	report_check(&rep, (int)(sizeof(cases) / sizeof(cases[0])));
}

/* NRC II 4.10: father and child A/A, p = 0.05, theta = 0.01:
 * (1 + 2 theta) / (3 theta + (1 - theta) p); a match a/b with theta 0.03:
 * (1 + theta)(1 + 2 theta) / (2 (theta + (1 - theta) p_a)(theta + (1 - theta) p_b)). */
static void test_theta_by_hand(void **state)
{
	(void)state;
	dna_kit k;
	kx_kit(&k, NULL, "A=0.05", "B=0.95", NULL);
	dna_model m = {0.01, 0, false};
	assert_near(pair(&k, &m, DNA_FATHER, DNA_MALE, "A", "A", "A", "A"), 1.02 / (0.03 + 0.99 * 0.05), 1e-12);
	/* Full siblings A/A and A/A: 1/4 + 1/2 P1/P0 + 1/4 / P0, with the third
	 * allele (2t + (1-t)p)/(1+t) and the fourth (3t + (1-t)p)/(1+2t). */
	double f3 = (0.02 + 0.99 * 0.05) / 1.01, f4 = (0.03 + 0.99 * 0.05) / 1.02;
	assert_near(pair(&k, &m, DNA_FULL_SIB, DNA_MALE, "A", "A", "A", "A"),
	            0.25 + 0.5 * f3 / (f3 * f4) + 0.25 / (f3 * f4), 1e-12);
	dna_kit_free(&k);
	kx_kit(&k, NULL, "a=0.1", "b=0.2", "c=0.7", NULL);
	m.theta = 0.03;
	assert_near(pair(&k, &m, DNA_SELF, DNA_MALE, "a", "b", "a", "b"),
	            1.03 * 1.06 / (2 * (0.03 + 0.97 * 0.1) * (0.03 + 0.97 * 0.2)), 1e-12);
	/* theta makes a shared allele less telling */
	m.theta = 0;
	double lr0 = pair(&k, &m, DNA_FATHER, DNA_MALE, "a", "c", "a", "b");
	m.theta = 0.03;
	assert_true(pair(&k, &m, DNA_FATHER, DNA_MALE, "a", "c", "a", "b") < lr0);
	dna_kit_free(&k);
}

/* Alleles 9, 10, 11, 12 with p 0.1, 0.2, 0.3, 0.4; father 10/10 and child
 * 11/12: a one-step mutation 10 -> 11 (or two steps 10 -> 12). */
static void test_each_mutation_model_by_hand(void **state)
{
	(void)state;
	double rp = 0.002, rm = 0.0005, p0 = 2 * 0.3 * 0.4;
	struct {
		dna_mutation mut;
		double father, mother;
	} cases[] = {
		/* from 10: to 9 and 11 weight 1, to 12 weight 0.1 */
		{{DNA_MUT_STEPWISE, rp, rm, 0.1, 0, 0}, rp / 2.1 * (0.4 + 0.1 * 0.3) / p0, rm / 2.1 * 0.43 / p0},
		{{DNA_MUT_EQUAL, rp, rm, 0.1, 0, 0}, rp / 3 * 0.7 / p0, rm / 3 * 0.7 / p0},
		/* to j: alpha p_j, alpha = R / sum p (1 - p) = R / 0.7 (pedmut's
		 * definition; this was R p_j / (1 - p_10) before issue 11, the
		 * issue's "not the common definition") */
		{{DNA_MUT_PROPORTIONAL, rp, rm, 0.1, 0, 0}, rp / 0.7 * (0.3 * 0.4 + 0.4 * 0.3) / p0,
		 rm / 0.7 * (0.3 * 0.4 + 0.4 * 0.3) / p0},
	};
	dna_model m = {0, 0, true};
	for(size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		dna_kit k;
		kx_kit(&k, &cases[i].mut, "9=0.1", "10=0.2", "11=0.3", "12=0.4", NULL);
		assert_near(pair(&k, &m, DNA_FATHER, DNA_MALE, "10", "10", "11", "12"), cases[i].father, 1e-9);
		assert_near(pair(&k, &m, DNA_MOTHER, DNA_MALE, "10", "10", "11", "12"), cases[i].mother, 1e-9);
		/* the missing person as the parent: their sex gives the rate */
		assert_near(pair(&k, &m, DNA_CHILD, DNA_MALE, "11", "12", "10", "10"), cases[i].father, 1e-9);
		assert_near(pair(&k, &m, DNA_CHILD, DNA_FEMALE, "11", "12", "10", "10"), cases[i].mother, 1e-9);
		/* without mutation the same pair is an exclusion */
		assert_true(pair(&k, &plain, DNA_FATHER, DNA_MALE, "10", "10", "11", "12") == 0);
		/* and mutation hardly moves a consistent pair */
		assert_near(pair(&k, &m, DNA_FATHER, DNA_MALE, "10", "11", "11", "12"),
		            pair(&k, &plain, DNA_FATHER, DNA_MALE, "10", "11", "11", "12"), 0.01);
		dna_kit_free(&k);
	}
	/* microvariants: 9.3 -> 10.3 is a step, 9.3 -> 10 is not a whole one */
	/* pedmut's stepwise (issue 11): within the group R, to each allele of
	 * the other group R2 / 2; before, microvariants took a 0.05 weight of R */
	double rp2 = rp / 20;
	dna_mutation sw = {DNA_MUT_STEPWISE, rp, rm, 0.1, rp2, rm / 20};
	dna_kit k;
	kx_kit(&k, &sw, "9.3=0.25", "10.3=0.25", "10=0.25", "11=0.25", NULL);
	const double *M = k.loci[0].mut[DNA_FROM_FATHER];
	int a = dna_kit_allele(&k, 0, "9.3"), b = dna_kit_allele(&k, 0, "10.3"), c = dna_kit_allele(&k, 0, "10");
	int d = dna_kit_allele(&k, 0, "11");
	assert_near(M[a * 4 + b], rp, 1e-15);
	assert_near(M[a * 4 + c], rp2 / 2, 1e-15);
	assert_near(M[a * 4 + a], 1 - rp - rp2, 1e-15);
	/* from 10: 11 one step (range^1 of range^1 + 0 others in its group) */
	assert_near(M[c * 4 + d], rp, 1e-15);
	assert_near(M[c * 4 + a], rp2 / 2, 1e-15);
	dna_kit_free(&k);
}

/* A degraded profile showing A alone may be A/x with x lost: with d = 0.1,
 * delta = d/(1+d) = 1/11, father A/B, p(A) = 0.1:
 * (p_A/2 + delta/2) / (p_A^2 + 2 delta p_A (1 - p_A)). */
static void test_dropout_by_hand(void **state)
{
	(void)state;
	dna_kit k;
	kx_kit(&k, NULL, "A=0.1", "B=0.2", "C=0.7", NULL);
	dna_model m = {0, 0.1, false};
	double delta = 0.1 / 1.1;
	const dna_locus *L = &k.loci[0];
	assert_near(dna_pair_lr(L, &m, DNA_FATHER, DNA_MALE, kx_geno(&k, "A", "B"), kx_obs(&k, "A", "A", true)),
	            (0.05 + delta / 2) / (0.01 + 2 * delta * 0.1 * 0.9), 1e-12);
	/* not degraded: 1/(2 p_A) */
	assert_near(dna_pair_lr(L, &m, DNA_FATHER, DNA_MALE, kx_geno(&k, "A", "B"), kx_obs(&k, "A", "A", false)),
	            5, 1e-12);
	/* father B/C and remains showing A: an exclusion, unless A/x lost x */
	assert_true(dna_pair_lr(L, &m, DNA_FATHER, DNA_MALE, kx_geno(&k, "B", "C"), kx_obs(&k, "A", "A", false)) == 0);
	assert_near(dna_pair_lr(L, &m, DNA_FATHER, DNA_MALE, kx_geno(&k, "B", "C"), kx_obs(&k, "A", "A", true)),
	            delta / (0.1 + 2 * delta * 0.9), 1e-12);
	/* dna_obs_of marks only degraded apparent homozygotes */
	dna_geno g = kx_geno(&k, "A", "A");
	dna_profile p = {.id = "x", .g = &g, .degraded = true};
	assert_true(dna_obs_of(&p, 0, &m).dropout);
	p.degraded = false;
	assert_false(dna_obs_of(&p, 0, &m).dropout);
	dna_kit_free(&k);
}

static void test_a_locus_not_typed_counts_one(void **state)
{
	(void)state;
	dna_kit k;
	kx_kit(&k, NULL, "A=0.1", "B=0.9", NULL);
	const dna_locus *L = &k.loci[0];
	dna_obs none = {-1, -1, false};
	assert_true(dna_pair_lr(L, &plain, DNA_FATHER, DNA_MALE, kx_geno(&k, "A", "A"), none) == 1);
	assert_true(dna_pair_lr(L, &plain, DNA_FATHER, DNA_MALE, DNA_UNTYPED, kx_obs(&k, "A", "B", false)) == 1);
	kx_family x;
	kx_family_init(&x, DNA_MALE);
	kx_add(&x, DNA_FATHER, DNA_SIDE_UNKNOWN, DNA_UNTYPED);
	assert_true(kx_lr(&k, &x, &plain, kx_obs(&k, "A", "B", false)) == 1);
	assert_true(kx_lr(&k, &x, &plain, none) == 1);
	dna_kit_free(&k);
}

static void test_relationship_names(void **state)
{
	(void)state;
	assert_int_equal(dna_rel_parse("uncle"), DNA_UNCLE);
	assert_int_equal(dna_rel_parse("aunt"), DNA_UNCLE);
	assert_int_equal(dna_rel_parse("sister"), DNA_FULL_SIB);
	assert_int_equal(dna_rel_parse("half_sibling"), DNA_HALF_SIB);
	assert_int_equal(dna_rel_parse("identity"), -1);
	assert_int_equal(dna_rel_parse("neighbour"), -1);
	double k[3];
	dna_rel_ibd(DNA_COUSIN, k);
	assert_true(k[0] == 0.75 && k[1] == 0.25 && k[2] == 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_father_child_aa_is_one_over_p),
		cmocka_unit_test(test_each_relationship_by_hand),
		cmocka_unit_test(test_theta_by_hand),
		cmocka_unit_test(test_each_mutation_model_by_hand),
		cmocka_unit_test(test_dropout_by_hand),
		cmocka_unit_test(test_a_locus_not_typed_counts_one),
		cmocka_unit_test(test_relationship_names),
	};
	return cmocka_run_group_tests_name("dna/kinship", tests, NULL, NULL);
}
