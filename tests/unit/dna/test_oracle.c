/* The brute-force oracle (oracle.c) against values derived by hand and
 * values published by others (docs/dna.md, "Checked against"): before it
 * judges the engine, it is judged itself. */
#include "fixture.h"
#include "pedcase.h"

static const dna_model plain = {0, 0, false};

/* A father and his child by an untyped mother; the child's index is 2. */
static void father_child(pc_case *c)
{
	pc_init(c);
	int f = pc_man(c), m = pc_woman(c);
	pc_add(c, f, m, DNA_MALE);
}

/* forrel, test-kinshipLR.R: father and child A/A, p(A) = 0.05: LR 20;
 * and father a/b, child a/a: 1/(2 p_a). */
static void test_parent_child(void **state)
{
	(void)state;
	pc_locus x;
	pc_locus_init(&x, 2, (double[]){0.05, 0.95});
	pc_case c;
	father_child(&c);
	pc_type(&c, 0, 0, 0);
	pc_type(&c, 2, 0, 0);
	assert_near(pc_oracle(&x.L, &plain, &c) / pc_unrelated(&x.L, &plain, 0, 0, 0, 0), 20, 1e-12);

	pc_locus_init(&x, 3, (double[]){0.1, 0.3, 0.6});
	pc_type(&c, 0, 0, 1);
	assert_near(pc_oracle(&x.L, &plain, &c) / pc_unrelated(&x.L, &plain, 0, 1, 0, 0), 5, 1e-12);
}

/* A trio (mother, child, alleged father) at one locus: the paternity
 * index, the alleged father against an unrelated man. */
static double paternity(const dna_locus *L, const int *mother, const int *child, const int *af)
{
	pc_case h1, h2;
	pc_init(&h1);
	int f = pc_man(&h1), m = pc_woman(&h1), ch = pc_add(&h1, f, m, DNA_FEMALE);
	pc_type(&h1, f, af[0], af[1]);
	pc_type(&h1, m, mother[0], mother[1]);
	pc_type(&h1, ch, child[0], child[1]);
	pc_init(&h2);
	f = pc_man(&h2), m = pc_woman(&h2), ch = pc_add(&h2, f, m, DNA_FEMALE);
	int a = pc_man(&h2);
	pc_type(&h2, a, af[0], af[1]);
	pc_type(&h2, m, mother[0], mother[1]);
	pc_type(&h2, ch, child[0], child[1]);
	return pc_oracle(L, &plain, &h1) / pc_oracle(L, &plain, &h2);
}

/* NIJ, "Population Genetics and Statistics for Forensic Analysts",
 * Paternity Calculations: the four-locus example, figures given to four
 * decimals (1.0317 for 1.03178). Alleles the LR does not depend on get 0.1
 * each, the last allele the rest. */
static void test_nij_paternity_example(void **state)
{
	(void)state;
	pc_locus x;
	/* D3S1358: 15, 16; mother 16, child 16, alleged father 15/16 */
	pc_locus_init(&x, 3, (double[]){0.1, 0.2315, 1 - 0.1 - 0.2315});
	double d3 = paternity(&x.L, (int[]){1, 1}, (int[]){1, 1}, (int[]){0, 1});
	assert_near(d3, 1 / (2 * 0.2315), 1e-12);
	assert_near(d3, 2.1598, 1e-4);
	/* vWA: 17, 18, 20; mother 17/18, child 17/18, alleged father 18/20 */
	pc_locus_init(&x, 4, (double[]){0.2627, 0.2219, 0.1, 1 - 0.2627 - 0.2219 - 0.1});
	double vwa = paternity(&x.L, (int[]){0, 1}, (int[]){0, 1}, (int[]){1, 2});
	assert_near(vwa, 1 / (2 * (0.2627 + 0.2219)), 1e-12);
	assert_near(vwa, 1.0317, 1e-4);
	/* FGA: 21, 23, 25, 27; mother 25/27, child 23/25, alleged father 21/23 */
	pc_locus_init(&x, 5, (double[]){0.1, 0.1581, 0.1, 0.1, 1 - 0.4581});
	double fga = paternity(&x.L, (int[]){2, 3}, (int[]){1, 2}, (int[]){0, 1});
	assert_near(fga, 3.1625, 1e-4);
	/* D18S51: 14, 18, 20; mother 14/18, child 18, alleged father 18/20 */
	pc_locus_init(&x, 4, (double[]){0.1, 0.0918, 0.1, 1 - 0.2918});
	double d18 = paternity(&x.L, (int[]){0, 1}, (int[]){1, 1}, (int[]){1, 2});
	assert_near(d18, 5.4466, 1e-4);
	/* 38.3815 is the product of the four rounded figures; exact: 38.3858 */
	assert_near(d3 * vwa * fga * d18, 38.3815, 2e-4);
}

/* Two relatives of kind `kind` typed a1/b1 and a2/b2, against two
 * unrelated people: the LR of the IBD formula (docs/dna.md). */
static double pair_lr(const dna_locus *L, const dna_model *m, int kind, int a1, int b1, int a2,
                      int b2)
{
	pc_case c;
	int a, b;
	pc_relatives(&c, kind, &a, &b);
	pc_type(&c, a, a1, b1);
	pc_type(&c, b, a2, b2);
	return pc_oracle(L, m, &c) / pc_unrelated(L, m, a1, b1, a2, b2);
}

/* k0 + k1 P1/P0 + k2 P2/P0 at theta 0 without mutation, p = .1 .2 .3 .4,
 * the same values test_kinship.c derives for the pairwise formula. */
static void test_ibd_formula(void **state)
{
	(void)state;
	pc_locus x;
	pc_locus_init(&x, 4, (double[]){0.1, 0.2, 0.3, 0.4});
	static const struct {
		int kind, a1, b1, a2, b2;
		double lr;
	} cases[] = {
		{PC_SIBS, 0, 1, 0, 1, 8.375},
		{PC_SIBS, 0, 0, 0, 0, 30.25},
		{PC_SIBS, 0, 1, 2, 3, 0.25},
		{PC_HALF_SIBS, 0, 1, 0, 2, 1.75},
		{PC_HALF_SIBS, 0, 1, 2, 3, 0.5},
		{PC_GRANDPARENT, 0, 1, 0, 2, 1.75},
		{PC_UNCLE, 0, 1, 0, 2, 1.75},
		{PC_COUSINS, 0, 1, 0, 2, 1.375},
		{PC_COUSINS, 0, 1, 2, 3, 0.75},
	};
	for(size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
		assert_near(pair_lr(&x.L, &plain, cases[i].kind, cases[i].a1, cases[i].b1, cases[i].a2,
		                   cases[i].b2),
		           cases[i].lr, 1e-12);
}

/* Balding and Nichols (1994), NRC II 4.10, docs/dna.md: father and child
 * A/A give (1 + 2 theta) / (3 theta + (1 - theta) p_A): 12.83 for p_A 0.05
 * and theta 0.01. */
static void test_balding_nichols_father_child(void **state)
{
	(void)state;
	pc_locus x;
	pc_locus_init(&x, 2, (double[]){0.05, 0.95});
	for(double t = 0; t <= 0.1; t += 0.01) {
		dna_model m = {t, 0, false};
		pc_case c;
		father_child(&c);
		pc_type(&c, 0, 0, 0);
		pc_type(&c, 2, 0, 0);
		double lr = pc_oracle(&x.L, &m, &c) / pc_unrelated(&x.L, &m, 0, 0, 0, 0);
		assert_near(lr, (1 + 2 * t) / (3 * t + (1 - t) * 0.05), 1e-12);
	}
	dna_model m = {0.01, 0, false};
	pc_case c;
	father_child(&c);
	pc_type(&c, 0, 0, 0);
	pc_type(&c, 2, 0, 0);
	assert_near(pc_oracle(&x.L, &m, &c) / pc_unrelated(&x.L, &m, 0, 0, 0, 0), 12.83, 5e-4);
}

/* pedprobr, test-theta-correction.R and test-loops.R: linearPed(2) and
 * ancestralPed(2) with the last member A/A, p(A) 0.3, theta 0.01: 0.0921;
 * a founder of a looped pedigree A/A with theta 0.05: p (theta + (1 - theta) p). */
static void test_pedprobr_theta(void **state)
{
	(void)state;
	pc_locus x;
	pc_locus_init(&x, 2, (double[]){0.3, 0.7});
	dna_model m = {0.01, 0, false};
	pc_case c;
	pc_init(&c); /* linearPed(2): 1, 2 -> 3; 3, 4 -> 5 */
	int a = pc_man(&c), b = pc_woman(&c), s = pc_add(&c, a, b, DNA_MALE), w = pc_woman(&c);
	pc_type(&c, pc_add(&c, s, w, DNA_MALE), 0, 0);
	assert_near(pc_oracle(&x.L, &plain, &c), 0.09, 1e-12);
	assert_near(pc_oracle(&x.L, &m, &c), 0.0921, 1e-12);

	pc_init(&c); /* ancestralPed(2): 1, 2 -> 5; 3, 4 -> 6; 5, 6 -> 7 */
	int g1 = pc_man(&c), g2 = pc_woman(&c), g3 = pc_man(&c), g4 = pc_woman(&c);
	int f = pc_add(&c, g1, g2, DNA_MALE), mo = pc_add(&c, g3, g4, DNA_FEMALE);
	pc_type(&c, pc_add(&c, f, mo, DNA_MALE), 0, 0);
	assert_near(pc_oracle(&x.L, &m, &c), 0.0921, 1e-12);

	/* ped(id 1:6, fid 0 0 0 1 1 4, mid 0 0 0 2 3 5), 1 typed 1/1 */
	pc_init(&c);
	int p1 = pc_man(&c), p2 = pc_woman(&c), p3 = pc_woman(&c);
	int p4 = pc_add(&c, p1, p2, DNA_MALE), p5 = pc_add(&c, p1, p3, DNA_FEMALE);
	pc_add(&c, p4, p5, DNA_MALE);
	pc_type(&c, p1, 0, 0);
	m.theta = 0.05;
	assert_near(pc_oracle(&x.L, &plain, &c), 0.09, 1e-12);
	assert_near(pc_oracle(&x.L, &m, &c), 0.3 * (0.05 + 0.95 * 0.3), 1e-12);
}

/* pedprobr, test-likelihood.R: trios, two sibs, three generations and a
 * full-sib mating (lumping alleles changes nothing). */
static void test_pedprobr_likelihoods(void **state)
{
	(void)state;
	double p = 0.1, q = 0.9;
	pc_locus x;
	pc_locus_init(&x, 2, (double[]){p, q});
	pc_case c;
	father_child(&c);
	pc_type(&c, 0, 0, 0);
	pc_type(&c, 1, 1, 1);
	pc_type(&c, 2, 0, 1);
	assert_near(pc_oracle(&x.L, &plain, &c), p * p * q * q, 1e-12);
	pc_type(&c, 1, 0, 0);
	pc_type(&c, 2, 1, 1);
	assert_near(pc_oracle(&x.L, &plain, &c), 0, 0);

	p = 0.2, q = 0.8;
	pc_locus_init(&x, 2, (double[]){p, q});
	int a, b;
	pc_relatives(&c, PC_SIBS, &a, &b); /* nuclearPed(2), both 2/2 */
	pc_type(&c, a, 1, 1);
	pc_type(&c, b, 1, 1);
	assert_near(pc_oracle(&x.L, &plain, &c), q * q * (1 + q) * (1 + q) / 4, 1e-12);

	/* nuclearPed(1) with both sets of grandparents: the paternal
	 * grandfather, the maternal grandmother and the child 1/2 */
	pc_init(&c);
	int gf = pc_man(&c), gm = pc_woman(&c), mgf = pc_man(&c), mgm = pc_woman(&c);
	int f = pc_add(&c, gf, gm, DNA_MALE), m = pc_add(&c, mgf, mgm, DNA_FEMALE);
	int ch = pc_add(&c, f, m, DNA_MALE);
	pc_type(&c, gf, 0, 1);
	pc_type(&c, mgm, 0, 1);
	pc_type(&c, ch, 0, 1);
	assert_near(pc_oracle(&x.L, &plain, &c), 4 * p * q * p * q * (3.0 / 8 + p * q / 2), 1e-12);

	/* fullSibMating(1): 1, 2 -> 3, 4; 3, 4 -> 5, 6 */
	pc_locus y;
	pc_locus_init(&x, 3, (double[]){0.1, 0.2, 0.7});
	pc_locus_init(&y, 4, (double[]){0.1, 0.2, 0.35, 0.35});
	pc_init(&c);
	f = pc_man(&c), m = pc_woman(&c);
	int s = pc_add(&c, f, m, DNA_MALE), d = pc_add(&c, f, m, DNA_FEMALE);
	a = pc_add(&c, s, d, DNA_MALE), b = pc_add(&c, s, d, DNA_FEMALE);
	pc_type(&c, a, 0, 1);
	pc_type(&c, b, 0, 1);
	double l3 = pc_oracle(&x.L, &plain, &c);
	assert_true(l3 > 0);
	assert_near(pc_oracle(&y.L, &plain, &c), l3, 1e-12);
}

/* pedprobr, test-loops.R: a father-daughter child (p^2 + 3/8 p (1 - p) for
 * the grandchild 1/1) and a child of half sibs (p^2 + 1/8 p (1 - p) for 1/1,
 * 2 p (1 - p) 7/8 for 1/2). */
static void test_pedprobr_loops(void **state)
{
	(void)state;
	for(int k = 0; k < 2; k++) {
		double p = k ? 0.3 : 0.2;
		pc_locus x;
		pc_locus_init(&x, 2, (double[]){p, 1 - p});
		pc_case c; /* fid 0 0 1 1 1 5, mid 0 0 2 2 3 3 */
		pc_init(&c);
		int p1 = pc_man(&c), p2 = pc_woman(&c);
		int p3 = pc_add(&c, p1, p2, DNA_FEMALE);
		pc_add(&c, p1, p2, DNA_FEMALE);
		int p5 = pc_add(&c, p1, p3, DNA_MALE);
		pc_type(&c, pc_add(&c, p5, p3, DNA_MALE), 0, 0);
		assert_near(pc_oracle(&x.L, &plain, &c), p * p + 3.0 / 8 * p * (1 - p), 1e-12);

		pc_init(&c); /* fid 0 0 0 1 1 4, mid 0 0 0 2 3 5 */
		p1 = pc_man(&c), p2 = pc_woman(&c), p3 = pc_woman(&c);
		int p4 = pc_add(&c, p1, p2, DNA_MALE);
		p5 = pc_add(&c, p1, p3, DNA_FEMALE);
		int p6 = pc_add(&c, p4, p5, DNA_MALE);
		pc_type(&c, p6, 0, k);
		double want = k ? 2 * p * (1 - p) * 7 / 8 : p * p + p * (1 - p) / 8;
		assert_near(pc_oracle(&x.L, &plain, &c), want, 1e-12);
	}
}

/* pedprobr, test-mutations.R, with pedmut's matrices: a trio 1/1, 1/1,
 * 2/2 under "equal" rate 0.1 (p^4 m12^2); father 1/1 and child 2/2 under
 * "proportional" rate 0.1 (p^2 q m12, m12 = rate q / sum p(1-p)); and a
 * matrix that makes every allele 2 (likelihood 1 for non-founders 2/2). */
static void test_pedprobr_mutation(void **state)
{
	(void)state;
	double p = 0.9, q = 0.1;
	pc_locus x;
	pc_locus_init(&x, 2, (double[]){p, q});
	pc_mutate(&x, (double[]){0.9, 0.1, 0.1, 0.9}, NULL);
	dna_model mut = {0, 0, true};
	pc_case c;
	father_child(&c);
	pc_type(&c, 0, 0, 0);
	pc_type(&c, 1, 0, 0);
	pc_type(&c, 2, 1, 1);
	assert_near(pc_oracle(&x.L, &mut, &c), p * p * p * p * 0.01, 1e-12);
	assert_near(pc_oracle(&x.L, &plain, &c), 0, 0);

	double alpha = 0.1 / (2 * p * q), m12 = alpha * q, m21 = alpha * p;
	pc_mutate(&x, (double[]){1 - m12, m12, m21, 1 - m21}, NULL);
	pc_untype(&c, 1);
	assert_near(pc_oracle(&x.L, &mut, &c), p * p * q * m12, 1e-12);

	/* by hand: the father's matrix for his allele, the mother's for hers */
	pc_mutate(&x, (double[]){0.97, 0.03, 0.02, 0.98}, (double[]){0.995, 0.005, 0.004, 0.996});
	pc_type(&c, 1, 1, 1);
	pc_type(&c, 2, 1, 1);
	assert_near(pc_oracle(&x.L, &mut, &c), p * p * q * q * 0.03 * 0.996, 1e-12);

	pc_locus_init(&x, 2, (double[]){0.5, 0.5});
	pc_mutate(&x, (double[]){0, 1, 0, 1}, NULL);
	pc_init(&c); /* linearPed(2) with the parents of 4 */
	int a = pc_man(&c), b = pc_woman(&c), s = pc_add(&c, a, b, DNA_MALE);
	int gf = pc_man(&c), gm = pc_woman(&c), w = pc_add(&c, gf, gm, DNA_FEMALE);
	int ch = pc_add(&c, s, w, DNA_MALE);
	pc_type(&c, s, 1, 1);
	pc_type(&c, ch, 1, 1);
	assert_near(pc_oracle(&x.L, &mut, &c), 1, 1e-12);
}

/* pedprobr, test-dropout.R, in parley's convention: pedprobr shows A/A as
 * A with 1 - d^2 and A/x with d (1 - d); parley, given that the locus gave
 * a result, 1 and d / (1 + d), so its likelihoods are pedprobr's over
 * (1 - d^2) per degraded member. */
static void test_pedprobr_dropout(void **state)
{
	(void)state;
	double p = 0.2, d = 0.1, f = 0.25;
	double L = (1 - d * d) * p * p + d * (1 - d) * 2 * p * (1 - p);
	double Lf = (1 - d * d) * (f * p + (1 - f) * p * p) + d * (1 - d) * (1 - f) * 2 * p * (1 - p);
	pc_locus x;
	pc_locus_init(&x, 3, (double[]){p, p, 1 - 2 * p});
	dna_model m = {0, d, false};
	pc_case c;
	father_child(&c);
	pc_degraded(&c, 0, 0);
	assert_near(pc_oracle(&x.L, &m, &c), L / (1 - d * d), 1e-12);
	pc_untype(&c, 0);
	pc_degraded(&c, 2, 0);
	assert_near(pc_oracle(&x.L, &m, &c), L / (1 - d * d), 1e-12);
	pc_untype(&c, 2);
	pc_degraded(&c, 0, 0);
	pc_degraded(&c, 1, 1);
	assert_near(pc_oracle(&x.L, &m, &c), L * L / ((1 - d * d) * (1 - d * d)), 1e-12);

	pc_init(&c); /* nuclearPed() |> addSon(2:3): a mother's child by her son */
	int fa = pc_man(&c), mo = pc_woman(&c), son = pc_add(&c, fa, mo, DNA_MALE);
	int inbred = pc_add(&c, son, mo, DNA_MALE);
	pc_degraded(&c, son, 0);
	assert_near(pc_oracle(&x.L, &m, &c), L / (1 - d * d), 1e-12);
	pc_untype(&c, son);
	pc_degraded(&c, inbred, 0);
	assert_near(pc_oracle(&x.L, &m, &c), Lf / (1 - d * d), 1e-12);
}

/* Summed over every genotype of one member, the likelihood is that of the
 * member untyped, with theta and mutation: the oracle loses no way. */
static void test_total_probability(void **state)
{
	(void)state;
	pc_locus x;
	pc_locus_init(&x, 3, (double[]){0.2, 0.3, 0.5});
	pc_mutate(&x, (double[]){0.8, 0.15, 0.05, 0.1, 0.7, 0.2, 0.02, 0.08, 0.9},
	          (double[]){0.95, 0.04, 0.01, 0.03, 0.9, 0.07, 0, 0.1, 0.9});
	dna_model m = {0.05, 0, true};
	pc_case c;
	int a, b;
	pc_relatives(&c, PC_UNCLE, &a, &b);
	pc_type(&c, a, 0, 1);
	double all = pc_oracle(&x.L, &m, &c), sum = 0;
	for(int g = 0; g < 3; g++)
		for(int h = g; h < 3; h++) {
			pc_type(&c, b, g, h);
			sum += pc_oracle(&x.L, &m, &c);
		}
	assert_near(sum, all, 1e-12);
	pc_untype(&c, a);
	pc_untype(&c, b);
	assert_near(pc_oracle(&x.L, &m, &c), 1, 1e-12);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_parent_child),
		cmocka_unit_test(test_nij_paternity_example),
		cmocka_unit_test(test_ibd_formula),
		cmocka_unit_test(test_balding_nichols_father_child),
		cmocka_unit_test(test_pedprobr_theta),
		cmocka_unit_test(test_pedprobr_likelihoods),
		cmocka_unit_test(test_pedprobr_loops),
		cmocka_unit_test(test_pedprobr_mutation),
		cmocka_unit_test(test_pedprobr_dropout),
		cmocka_unit_test(test_total_probability),
	};
	return cmocka_run_group_tests_name("dna/oracle", tests, NULL, NULL);
}
