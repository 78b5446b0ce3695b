/* Families as pedigrees (src/dna/pedigree.c): the issue's trio, the engine
 * against the IBD formula for every relationship, probabilities summing to
 * one, the joint LR against the product where they must agree, theta and
 * mutation in a trio, relatives of unknown side, identity. */
#include "fixture.h"

static const dna_model plain = {0, 0, false};

/* The issue: parents 1/2 and 1/2 with p(1) = 0.1, child 1/1: (1/4)/p^2 = 25. */
static void test_trio_issue_check(void **state)
{
	(void)state;
	dna_kit k;
	kx_kit(&k, NULL, "1=0.1", "2=0.2", "3=0.7", NULL);
	kx_family x;
	kx_family_init(&x, DNA_MALE);
	kx_add(&x, DNA_FATHER, DNA_SIDE_UNKNOWN, kx_geno(&k, "1", "2"));
	kx_add(&x, DNA_MOTHER, DNA_SIDE_UNKNOWN, kx_geno(&k, "1", "2"));
	assert_near(kx_lr(&k, &x, &plain, kx_obs(&k, "1", "1", false)), 25, 1e-12);
	/* 1/2: (1/2) / (2 p1 p2) */
	assert_near(kx_lr(&k, &x, &plain, kx_obs(&k, "1", "2", false)), 0.5 / 0.04, 1e-12);
	assert_true(kx_lr(&k, &x, &plain, kx_obs(&k, "1", "3", false)) == 0);
	dna_kit_free(&k);
}

/* The genotype a <= b of slot s (kit.h's numbering). */
static void kx_unslot(int s, int *a, int *b)
{
	for(*b = 0; dna_slots(*b + 1) <= s; (*b)++) {}
	*a = s - dna_slots(*b);
}

/* The engine with one relative (a typed partner, unrelated to the missing
 * person without children, makes it run) gives the IBD formula, for every
 * relationship, side and pair of genotypes of a four-allele locus. */
static void test_engine_agrees_with_the_ibd_formula(void **state)
{
	(void)state;
	dna_kit k;
	kx_kit(&k, NULL, "a=0.1", "b=0.2", "c=0.3", "d=0.4", NULL);
	/* (a child is left out: the partner would be its other parent) */
	static const dna_rel rels[] = {DNA_FATHER, DNA_MOTHER, DNA_FULL_SIB, DNA_HALF_SIB,
	                               DNA_GRANDPARENT, DNA_UNCLE, DNA_COUSIN};
	report rep = {0};
	int total = 0;
	for(size_t r = 0; r < sizeof(rels) / sizeof(rels[0]); r++)
		for(int side = 0; side < 3; side++) {
			if(side && !dna_rel_has_side(rels[r]))
				continue;
			for(int y = 0; y < 10; y++)
				for(int g = 0; g < 10; g++) {
					int ya, yb, ga, gb;
					kx_unslot(y, &ya, &yb);
					kx_unslot(g, &ga, &gb);
					dna_geno yg = {(int16_t)ya, (int16_t)yb};
					dna_obs o = {(int16_t)ga, (int16_t)gb, false};
					kx_family x;
					kx_family_init(&x, DNA_MALE);
					kx_add(&x, rels[r], (dna_side)side, yg);
					kx_add(&x, DNA_PARTNER, DNA_SIDE_UNKNOWN, (dna_geno){3, 3});
					double want = dna_pair_lr(&k.loci[0], &plain, rels[r], DNA_MALE, yg, o);
					double got = kx_lr(&k, &x, &plain, o);
					total++;
					if(fabs(got - want) > 1e-9 * (1 + want))
						report_add(&rep, "%s side %d: %d/%d vs %d/%d: engine %.12g, formula %.12g\n",
						           dna_rel_names[rels[r]], side, ya, yb, ga, gb, got, want);
				}
		}
	dna_kit_free(&k);
	report_check(&rep, total);
}

/* sum over genotypes g of P(g) LR(g) = 1: the LR is P(g | relatives)/P(g).
 * The LR the screening reports (the engine's, kx_exact_lr): the fast
 * table is the largest over the placements of relatives of unknown side
 * (a filter, pedigree.h), which sums to more than 1 when there are some. */
static double expected_lr(const dna_kit *k, const kx_family *x, const dna_model *m)
{
	const dna_locus *L = &k->loci[0];
	int n = L->n, ng = n * (n + 1) / 2, i = 0;
	dna_obs *obs = calloc((size_t)ng, sizeof(dna_obs));
	double *lr = calloc((size_t)ng, sizeof(double)), s = 0;
	for(int b = 0; b < n; b++)
		for(int a = 0; a <= b; a++)
			obs[i++] = (dna_obs){(int16_t)a, (int16_t)b, false};
	for(i = 0; i < ng; i++)
		lr[i] = kx_exact_lr(k, x, m, obs[i]);
	for(i = 0; i < ng; i++)
		s += lr[i] * (obs[i].a == obs[i].b ? L->p[obs[i].a] * L->p[obs[i].a]
		                                   : 2 * L->p[obs[i].a] * L->p[obs[i].b]);
	free(obs);
	free(lr);
	return s;
}

static void test_pedigrees_are_probabilities(void **state)
{
	(void)state;
	dna_mutation mut = {DNA_MUT_STEPWISE, 0.01, 0.003, 0.1, 0, 0};
	dna_kit k;
	kx_kit(&k, &mut, "9=0.1", "10=0.2", "11=0.3", "12=0.25", "13=0.15", NULL);
	dna_model m = {0, 0, true};
	kx_family x;
	kx_family_init(&x, DNA_FEMALE);
	kx_add(&x, DNA_FATHER, 0, kx_geno(&k, "10", "11"));
	kx_add(&x, DNA_FULL_SIB, 0, kx_geno(&k, "11", "12"));
	kx_add(&x, DNA_FULL_SIB, 0, kx_geno(&k, "9", "12"));
	kx_add(&x, DNA_HALF_SIB, DNA_MATERNAL, kx_geno(&k, "12", "13"));
	kx_add(&x, DNA_GRANDPARENT, DNA_PATERNAL, kx_geno(&k, "10", "10"));
	kx_add(&x, DNA_UNCLE, DNA_MATERNAL, kx_geno(&k, "9", "13"));
	kx_add(&x, DNA_COUSIN, DNA_PATERNAL, kx_geno(&k, "11", "13"));
	kx_add(&x, DNA_CHILD, 0, kx_geno(&k, "12", "13"));
	assert_near(expected_lr(&k, &x, &m), 1, 1e-9);
	kx_family_init(&x, DNA_MALE);
	kx_add(&x, DNA_CHILD, 0, kx_geno(&k, "10", "11"));
	kx_add(&x, DNA_CHILD, 0, kx_geno(&k, "10", "12"));
	kx_add(&x, DNA_PARTNER, 0, kx_geno(&k, "11", "12"));
	kx_add(&x, DNA_GRANDPARENT, DNA_SIDE_UNKNOWN, kx_geno(&k, "10", "13"));
	kx_add(&x, DNA_COUSIN, DNA_SIDE_UNKNOWN, kx_geno(&k, "9", "10"));
	assert_near(expected_lr(&k, &x, &m), 1, 1e-9);
	/* and on the whole genotype space the relatives favour the true kind */
	dna_kit_free(&k);
}

/* The joint LR equals the product of single LRs where the relatives are
 * unrelated to each other and the missing person's genotype is homozygous
 * (each tells about a different allele of a known pair); not otherwise. */
static void test_joint_lr_and_the_product(void **state)
{
	(void)state;
	dna_kit k;
	kx_kit(&k, NULL, "a=0.1", "b=0.2", "c=0.3", "d=0.4", NULL);
	const dna_locus *L = &k.loci[0];
	dna_obs aa = kx_obs(&k, "a", "a", false), ab = kx_obs(&k, "a", "b", false);
	kx_family x;
	kx_family_init(&x, DNA_MALE);
	kx_add(&x, DNA_FATHER, 0, kx_geno(&k, "a", "c"));
	kx_add(&x, DNA_MOTHER, 0, kx_geno(&k, "a", "d"));
	double single = dna_pair_lr(L, &plain, DNA_FATHER, DNA_MALE, kx_geno(&k, "a", "c"), aa) *
	                dna_pair_lr(L, &plain, DNA_MOTHER, DNA_MALE, kx_geno(&k, "a", "d"), aa);
	assert_near(kx_lr(&k, &x, &plain, aa), single, 1e-12);
	/* a paternal grandparent and a maternal uncle */
	kx_family_init(&x, DNA_MALE);
	kx_add(&x, DNA_GRANDPARENT, DNA_PATERNAL, kx_geno(&k, "a", "b"));
	kx_add(&x, DNA_UNCLE, DNA_MATERNAL, kx_geno(&k, "a", "c"));
	single = dna_pair_lr(L, &plain, DNA_GRANDPARENT, DNA_MALE, kx_geno(&k, "a", "b"), aa) *
	         dna_pair_lr(L, &plain, DNA_UNCLE, DNA_MALE, kx_geno(&k, "a", "c"), aa);
	assert_near(kx_lr(&k, &x, &plain, aa), single, 1e-12);
	/* heterozygous: the trio knows the phase, 1/(8 p_a p_b), twice the
	 * product 1/(4 p_a) 1/(4 p_b) */
	kx_family_init(&x, DNA_MALE);
	kx_add(&x, DNA_FATHER, 0, kx_geno(&k, "a", "c"));
	kx_add(&x, DNA_MOTHER, 0, kx_geno(&k, "b", "d"));
	assert_near(kx_lr(&k, &x, &plain, ab), 1 / (8 * 0.1 * 0.2), 1e-12);
	assert_near(kx_lr(&k, &x, &plain, ab),
	            2 * dna_pair_lr(L, &plain, DNA_FATHER, DNA_MALE, kx_geno(&k, "a", "c"), ab) *
	                dna_pair_lr(L, &plain, DNA_MOTHER, DNA_MALE, kx_geno(&k, "b", "d"), ab), 1e-12);
	/* a child a/b whose other parent is b/b got a from the missing person:
	 * LR(g) = t_g(a) / p_a */
	kx_family_init(&x, DNA_MALE);
	kx_add(&x, DNA_CHILD, 0, kx_geno(&k, "a", "b"));
	kx_add(&x, DNA_PARTNER, 0, kx_geno(&k, "b", "b"));
	assert_near(kx_lr(&k, &x, &plain, kx_obs(&k, "a", "c", false)), 0.5 / 0.1, 1e-12);
	assert_near(kx_lr(&k, &x, &plain, aa), 1 / 0.1, 1e-12);
	assert_true(kx_lr(&k, &x, &plain, kx_obs(&k, "c", "d", false)) == 0);
	/* two full siblings say more together than either alone, less than both as if independent */
	kx_family_init(&x, DNA_MALE);
	kx_add(&x, DNA_FULL_SIB, 0, kx_geno(&k, "a", "b"));
	kx_add(&x, DNA_FULL_SIB, 0, kx_geno(&k, "a", "b"));
	double one = dna_pair_lr(L, &plain, DNA_FULL_SIB, DNA_MALE, kx_geno(&k, "a", "b"), ab);
	double two = kx_lr(&k, &x, &plain, ab);
	assert_true(two > one && two < one * one);
	dna_kit_free(&k);
}

/* Both parents typed: the child's genotype needs no draw, the denominator
 * draws after the parents' four alleles: with theta,
 * LR(1/1) = (1/4) / [(2t + (1-t)p)/(1+3t) (3t + (1-t)p)/(1+4t)]. */
static void test_theta_in_a_trio(void **state)
{
	(void)state;
	dna_kit k;
	kx_kit(&k, NULL, "1=0.1", "2=0.2", "3=0.7", NULL);
	kx_family x;
	kx_family_init(&x, DNA_MALE);
	kx_add(&x, DNA_FATHER, 0, kx_geno(&k, "1", "2"));
	kx_add(&x, DNA_MOTHER, 0, kx_geno(&k, "1", "2"));
	double t = 0.02;
	dna_model m = {t, 0, false};
	double z = (2 * t + (1 - t) * 0.1) / (1 + 3 * t) * (3 * t + (1 - t) * 0.1) / (1 + 4 * t);
	assert_near(kx_lr(&k, &x, &m, kx_obs(&k, "1", "1", false)), 0.25 / z, 1e-12);
	dna_kit_free(&k);
}

/* Father 10/10, mother 11/11, child 10/12: the mother's 11 -> 12 (one step,
 * weight 1 of 2.1) or the father's 10 -> 12 (two steps, 0.1 of 2.1). */
static void test_mutation_in_a_trio(void **state)
{
	(void)state;
	double rp = 0.002, rm = 0.0005;
	dna_mutation mut = {DNA_MUT_STEPWISE, rp, rm, 0.1, 0, 0};
	dna_kit k;
	kx_kit(&k, &mut, "9=0.1", "10=0.2", "11=0.3", "12=0.4", NULL);
	kx_family x;
	kx_family_init(&x, DNA_MALE);
	kx_add(&x, DNA_FATHER, 0, kx_geno(&k, "10", "10"));
	kx_add(&x, DNA_MOTHER, 0, kx_geno(&k, "11", "11"));
	dna_model m = {0, 0, true};
	double p = (1 - rp) * rm / 2.1 + rp * 0.1 / 2.1 * rm / 2.1;
	assert_near(kx_lr(&k, &x, &m, kx_obs(&k, "10", "12", false)), p / (2 * 0.2 * 0.4), 1e-9);
	assert_true(kx_lr(&k, &x, &plain, kx_obs(&k, "10", "12", false)) == 0);
	dna_kit_free(&k);
}

/* A relative whose side is unknown weighs both sides: with the father
 * typed, the LR reported (the engine's) lies between the two placements';
 * the screening's filter table takes the larger (pedigree.h: an upper
 * bound of the exact LR, never below it). */
static void test_side_unknown_weighs_both(void **state)
{
	(void)state;
	dna_kit k;
	kx_kit(&k, NULL, "a=0.1", "b=0.2", "c=0.3", "d=0.4", NULL);
	dna_obs o = kx_obs(&k, "a", "b", false);
	double lr[3], fast[3];
	for(int side = 0; side < 3; side++) {
		kx_family x;
		kx_family_init(&x, DNA_MALE);
		kx_add(&x, DNA_FATHER, 0, kx_geno(&k, "a", "c"));
		kx_add(&x, DNA_GRANDPARENT, (dna_side)side, kx_geno(&k, "a", "b"));
		lr[side] = kx_exact_lr(&k, &x, &plain, o);
		fast[side] = kx_lr(&k, &x, &plain, o);
	}
	assert_near(fast[1], lr[1], 1e-12);
	assert_near(fast[2], lr[2], 1e-12);
	assert_near(fast[0], fmax(lr[1], lr[2]), 1e-12);
	assert_true(lr[DNA_PATERNAL] != lr[DNA_MATERNAL]);
	assert_true(lr[0] > fmin(lr[1], lr[2]) && lr[0] < fmax(lr[1], lr[2]));
	/* a grandparent b/d cannot be the father a/c's parent: the mother's side it is */
	kx_family x;
	kx_family_init(&x, DNA_MALE);
	kx_add(&x, DNA_FATHER, 0, kx_geno(&k, "a", "c"));
	kx_add(&x, DNA_GRANDPARENT, DNA_SIDE_UNKNOWN, kx_geno(&k, "b", "d"));
	double unknown = kx_lr(&k, &x, &plain, o);
	x.refs[1].side = DNA_MATERNAL;
	assert_near(unknown, kx_lr(&k, &x, &plain, o), 1e-12);
	dna_kit_free(&k);
}

static void test_relatives_that_contradict_say_nothing(void **state)
{
	(void)state;
	dna_kit k;
	kx_kit(&k, NULL, "a=0.1", "b=0.2", "c=0.3", "d=0.4", NULL);
	kx_family x;
	kx_family_init(&x, DNA_MALE);
	kx_add(&x, DNA_FATHER, 0, kx_geno(&k, "a", "a"));
	kx_add(&x, DNA_MOTHER, 0, kx_geno(&k, "b", "b"));
	kx_add(&x, DNA_FULL_SIB, 0, kx_geno(&k, "c", "d"));
	assert_true(kx_lr(&k, &x, &plain, kx_obs(&k, "a", "b", false)) == 1);
	dna_kit_free(&k);
}

/* Two remains of one person; a degraded one showing c alone may be c/x. */
static void test_identity_of_two_remains(void **state)
{
	(void)state;
	dna_kit k;
	kx_kit(&k, NULL, "a=0.1", "b=0.2", "c=0.7", NULL);
	const dna_locus *L = &k.loci[0];
	dna_model m = {0, 0.1, false};
	double d = 0.1 / 1.1;
	assert_near(dna_identity_lr(L, &m, kx_obs(&k, "a", "b", false), kx_obs(&k, "a", "b", false)), 25, 1e-12);
	assert_true(dna_identity_lr(L, &m, kx_obs(&k, "a", "b", false), kx_obs(&k, "a", "c", false)) == 0);
	/* reference a? (degraded), remains a/b: P(a/b | a?) / P(a/b) */
	double total = 0.01 + 2 * 0.1 * 0.9 * d;
	assert_near(dna_identity_lr(L, &m, kx_obs(&k, "a", "a", true), kx_obs(&k, "a", "b", false)),
	            (2 * d * 0.1 * 0.2 / total) / (2 * 0.1 * 0.2), 1e-12);
	/* the same the other way round */
	assert_near(dna_identity_lr(L, &m, kx_obs(&k, "a", "b", false), kx_obs(&k, "a", "a", true)),
	            d / (0.01 + 2 * d * 0.1 * 0.9), 1e-12);
	dna_kit_free(&k);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_trio_issue_check),
		cmocka_unit_test(test_engine_agrees_with_the_ibd_formula),
		cmocka_unit_test(test_pedigrees_are_probabilities),
		cmocka_unit_test(test_joint_lr_and_the_product),
		cmocka_unit_test(test_theta_in_a_trio),
		cmocka_unit_test(test_mutation_in_a_trio),
		cmocka_unit_test(test_side_unknown_weighs_both),
		cmocka_unit_test(test_relatives_that_contradict_say_nothing),
		cmocka_unit_test(test_identity_of_two_remains),
	};
	return cmocka_run_group_tests_name("dna/pedigree", tests, NULL, NULL);
}
