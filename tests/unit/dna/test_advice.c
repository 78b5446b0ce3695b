/* Sampling advice (src/dna/advice.c): the Poisson-binomial tail and the
 * draws; families as pedigrees and the relatives added to them; the
 * inclusion power in known cases (both parents above one sibling, the
 * mother added to a father, the person's own sample); the relatives'
 * joint table against a pass per genotype; the individuals of a pedigree
 * worth typing; the same figures on any number of threads; the exclusion
 * power of a parent on one two-allele locus, exactly and against a
 * simulation. */
#include "fixture.h"

#include "core/rng.h"
#include "dna/advice.h"

enum { LOCI = 12 };

/* A kit of `nloci` loci "L0".. each of alleles a, b, c, d (0.1 to 0.4), or
 * of A, B (pa, 1 - pa) when pa > 0; or (str) of the repeats 10..15 (0.3,
 * 0.25, 0.2, 0.1, 0.1, 0.05) with a stepwise mutation model. */
static void kit_of(dna_kit *k, int nloci, double pa, bool str)
{
	dna_freqs f;
	dna_freqs_init(&f);
	f.loci = arena_calloc(&f.a, (size_t)nloci, sizeof(dna_freq_locus));
	static const char *names[] = {"a", "b", "c", "d"}, *repeats[] = {"10", "11", "12", "13", "14", "15"};
	static const double strp[] = {0.3, 0.25, 0.2, 0.1, 0.1, 0.05};
	for(int l = 0; l < nloci; l++) {
		dna_freq_locus *L = &f.loci[l];
		char name[16];
		snprintf(name, sizeof(name), "L%d", l);
		L->name = arena_strdup(&f.a, name);
		L->alleles = arena_calloc(&f.a, 6, sizeof(dna_freq_allele));
		L->floor = 0.01;
		for(int i = 0; i < (str ? 6 : pa > 0 ? 2 : 4); i++) {
			L->alleles[i].allele = str ? repeats[i] : pa > 0 ? (i ? "B" : "A") : names[i];
			L->alleles[i].freq = str ? strp[i] : pa > 0 ? (i ? 1 - pa : pa) : 0.1 * (i + 1);
			L->alleles[i].count = -1;
			L->n++;
		}
	}
	f.n = nloci;
	pl_err err = {0};
	dna_mutation mut = {DNA_MUT_STEPWISE, 0.01, 0.005, 0.1, 0, 0};
	assert_ok(dna_kit_init(k, &f, &err), &err);
	assert_ok(dna_kit_finish(k, str ? &mut : NULL, &err), &err);
	dna_freqs_free(&f);
}

static void kit_many(dna_kit *k, int nloci, double pa)
{
	kit_of(k, nloci, pa, false);
}

/* A profile with genotype (a, b) at every locus. */
static dna_profile *prof_all(int nloci, int a, int b)
{
	dna_profile *p = calloc(1, sizeof(*p));
	p->id = "ref";
	p->g = calloc((size_t)nloci, sizeof(dna_geno));
	for(int l = 0; l < nloci; l++)
		p->g[l] = (dna_geno){(int16_t)a, (int16_t)b};
	return p;
}

static void prof_free(dna_profile *p)
{
	free(p->g);
	free(p);
}

static dna_advice advise_opts(const dna_kit *k, const dna_family *f, const dna_advice_opts *o)
{
	arena a;
	arena_init(&a, 0);
	dna_kin kin;
	pl_err err = {0};
	assert_ok(dna_advice_kin(f, &kin, &a, &err), &err);
	dna_advice out;
	assert_ok(dna_advise(k, &kin, 0, o, &out, &err), &err);
	arena_free(&a);
	return out;
}

static dna_advice advise_as(const dna_kit *k, const dna_family *f, double needed, bool relatives,
                            bool exact, int simulations)
{
	dna_advice_opts o = {.model = {0, 0, false}, .log10_needed = needed, .max_inconsistent = 0,
	                     .simulations = simulations, .seed = 7, .relatives = relatives,
	                     .exact = exact};
	return advise_opts(k, f, &o);
}

static dna_advice advise(const dna_kit *k, const dna_family *f, double needed, bool relatives)
{
	return advise_as(k, f, needed, relatives, false, 400);
}

static void test_poibin_and_draws(void **state)
{
	(void)state;
	double p[] = {0.5, 0.5, 0.1};
	assert_near(dna_poibin_tail(p, 2, 0), 0.75, 1e-12);
	assert_near(dna_poibin_tail(p, 2, 1), 0.25, 1e-12);
	assert_near(dna_poibin_tail(p, 3, 2), 0.025, 1e-12);
	assert_near(dna_poibin_tail(p, 3, -1), 1, 1e-12);
	double cdf[] = {0, 1, 1, 3};
	assert_int_equal(dna_draw_cdf(cdf, 4, 0), 1);      /* weight 0 is never drawn */
	assert_int_equal(dna_draw_cdf(cdf, 4, 0.3), 1);
	assert_int_equal(dna_draw_cdf(cdf, 4, 0.34), 3);
	assert_int_equal(dna_draw_cdf(cdf, 4, 0.999), 3);
}

/* A father and a grandparent of unknown side: two pedigrees, half each;
 * what the relatives asked for add. */
static void test_family_and_edits(void **state)
{
	(void)state;
	dna_profile *y = prof_all(1, 0, 1);
	dna_ref refs[] = {{y, DNA_FATHER, DNA_SIDE_UNKNOWN}, {y, DNA_GRANDPARENT, DNA_SIDE_UNKNOWN}};
	dna_family f = {"P1", DNA_MALE, refs, 2};
	arena a;
	arena_init(&a, 0);
	dna_kin kin;
	pl_err err = {0};
	assert_ok(dna_advice_kin(&f, &kin, &a, &err), &err);
	assert_int_equal(kin.nalt, 2);
	assert_near(kin.alt[0].weight, 0.5, 0);
	const dna_pedigree *p = &kin.alt[0];
	assert_int_equal(p->ped.father[0], 1);
	assert_int_equal(p->ped.mother[0], 2);
	assert_ptr_equal(p->prof[1], y);
	assert_int_equal(p->ped.father[1], 3); /* paternal: the father's father typed */
	assert_ptr_equal(p->prof[3], y);
	assert_int_equal(kin.alt[1].ped.father[2], 3);  /* maternal */

	dna_pedigree e;
	int r[2], nr;
	assert_ok(dna_ask_edit(p, 0, DNA_ASK_FATHER, &e, r, &nr, &a, &err), &err);
	assert_int_equal(nr, 0);                        /* typed already */
	assert_ok(dna_ask_edit(p, 0, DNA_ASK_MOTHER, &e, r, &nr, &a, &err), &err);
	assert_int_equal(nr, 1);
	assert_int_equal(r[0], 2);
	assert_ok(dna_ask_edit(p, 0, DNA_ASK_GRANDPARENT_PAT, &e, r, &nr, &a, &err), &err);
	assert_int_equal(r[0], 4);                      /* the grandmother, not typed */
	assert_ok(dna_ask_edit(p, 0, DNA_ASK_FULL_SIB, &e, r, &nr, &a, &err), &err);
	assert_int_equal(e.ped.n, p->ped.n + 1);
	assert_int_equal(e.ped.father[r[0]], 1);
	assert_int_equal(e.ped.mother[r[0]], 2);
	assert_ok(dna_ask_edit(p, 0, DNA_ASK_UNCLE_MAT, &e, r, &nr, &a, &err), &err);
	assert_int_equal(e.ped.n, p->ped.n + 3);        /* the mother's parents, and the uncle */
	assert_int_equal(e.ped.father[2], e.ped.father[r[0]]);
	assert_ok(dna_ask_edit(p, 0, DNA_ASK_CHILD_AND_PARENT, &e, r, &nr, &a, &err), &err);
	assert_int_equal(nr, 2);
	assert_int_equal(e.ped.father[r[0]], 0);        /* M is a man: the father */
	assert_int_equal(e.ped.mother[r[0]], r[1]);
	assert_int_equal(e.ped.sex[r[1]], DNA_FEMALE);
	assert_ok(dna_ask_edit(p, 0, DNA_ASK_HALF_SIB_MAT, &e, r, &nr, &a, &err), &err);
	assert_int_equal(e.ped.mother[r[0]], 2);
	assert_int_not_equal(e.ped.father[r[0]], 1);
	/* the original is left alone */
	assert_int_equal(p->ped.n, kin.alt[0].ped.n);

	/* three grandparents on one side do not fit */
	dna_ref three[] = {{y, DNA_GRANDPARENT, DNA_PATERNAL}, {y, DNA_GRANDPARENT, DNA_PATERNAL},
	                   {y, DNA_GRANDPARENT, DNA_PATERNAL}};
	dna_family g = {"P2", DNA_MALE, three, 3};
	assert_int_equal(dna_advice_kin(&g, &kin, &a, &err), PL_EINPUT);
	assert_non_null(strstr(err.msg, "P2"));
	arena_free(&a);
	prof_free(y);
}

/* Both parents say more than one sibling; the mother added to a father
 * raises the inclusion power, and is the best advice; the person's own
 * sample gives about 1. */
static void test_known_cases(void **state)
{
	(void)state;
	dna_kit k;
	kit_many(&k, LOCI, 0);
	dna_profile *ab = prof_all(LOCI, 0, 1), *cd = prof_all(LOCI, 2, 3), *ac = prof_all(LOCI, 0, 2);
	dna_ref both[] = {{ab, DNA_FATHER, DNA_SIDE_UNKNOWN}, {cd, DNA_MOTHER, DNA_SIDE_UNKNOWN}};
	dna_ref sib[] = {{ac, DNA_FULL_SIB, DNA_SIDE_UNKNOWN}};
	dna_ref self[] = {{ac, DNA_SELF, DNA_SIDE_UNKNOWN}};
	dna_family fb = {"P1", DNA_MALE, both, 2}, fs = {"P2", DNA_MALE, sib, 1},
	           fself = {"P3", DNA_MALE, self, 1}, ff = {"P4", DNA_MALE, both, 1};

	dna_advice b = advise(&k, &fb, 3, false), s = advise(&k, &fs, 3, false);
	assert_int_equal(b.loci, LOCI);
	assert_true(b.now.included > s.now.included + 0.3);
	assert_true(b.now.mean_log10_lr > s.now.mean_log10_lr);
	assert_true(b.now.included > 0.9);

	dna_advice me = advise(&k, &fself, 6, false);
	assert_true(me.now.included > 0.999);           /* LR 1/P(genotype) at 12 loci */
	assert_true(me.now.ep > 0.999);
	/* nothing to gain: every relative leaves it as it is, none is advised */
	dna_advice me2 = advise(&k, &fself, 6, true);
	assert_near(me2.after[DNA_ASK_MOTHER], me2.now.included, 0);
	assert_int_equal(me2.best, -1);

	dna_advice fa = advise(&k, &ff, 5, true);
	assert_true(fa.after[DNA_ASK_MOTHER] > fa.now.included + 0.2);
	assert_true(isnan(fa.after[DNA_ASK_FATHER]));    /* typed already */
	/* a child with the child's other parent says as much as the mother */
	assert_true(fa.best == DNA_ASK_MOTHER || fa.best == DNA_ASK_CHILD_AND_PARENT);
	assert_near(fa.gain, fa.after[fa.best] - fa.now.included, 1e-12);
	/* the mother is better than an uncle, a full sibling better than a half one */
	assert_true(fa.after[DNA_ASK_MOTHER] >= fa.after[DNA_ASK_UNCLE_MAT]);
	assert_true(fa.after[DNA_ASK_FULL_SIB] >= fa.after[DNA_ASK_HALF_SIB_MAT]);
	/* the same seed gives the same answer */
	dna_advice again = advise(&k, &ff, 5, true);
	assert_near(again.after[DNA_ASK_MOTHER], fa.after[DNA_ASK_MOTHER], 0);

	/* the alleles no one shows lumped into one (here b and d for the
	 * sibling a/c) give the same exclusion power exactly, the same
	 * inclusion power up to the simulation's error */
	dna_advice lumped = advise_as(&k, &fs, 2, true, false, 2000);
	dna_advice exact = advise_as(&k, &fs, 2, true, true, 2000);
	assert_near(lumped.now.ep, exact.now.ep, 1e-12);
	assert_near(lumped.now.included, exact.now.included, 0.05);
	assert_near(lumped.now.mean_log10_lr, exact.now.mean_log10_lr, 0.05);
	assert_near(lumped.after[DNA_ASK_MOTHER], exact.after[DNA_ASK_MOTHER], 0.05);
	assert_near(lumped.after[DNA_ASK_HALF_SIB_PAT], exact.after[DNA_ASK_HALF_SIB_PAT], 0.05);

	prof_free(ab);
	prof_free(cd);
	prof_free(ac);
	dna_kit_free(&k);
}

/* The relatives' distributions from the joint table of M and each of them
 * (advice_pair.h: the unseen alleles as four classes, Moebius inversion)
 * and by a pass of the engine for each genotype of M: without mutation
 * the very same draws and figures; with mutation the unseen alleles'
 * mutations are approximated, so the figures stay within the simulation's
 * error. On a kit whose loci have alleles no one in the family shows (a
 * sibling a/c of alleles a..d), so that M's unseen alleles matter. */
static void test_joint_table_same(void **state)
{
	(void)state;
	dna_kit k;
	kit_many(&k, LOCI, 0);
	dna_profile *ac = prof_all(LOCI, 0, 2), *bd = prof_all(LOCI, 1, 3);
	dna_ref sib[] = {{ac, DNA_FULL_SIB, DNA_SIDE_UNKNOWN}};
	dna_ref gp[] = {{ac, DNA_GRANDPARENT, DNA_SIDE_UNKNOWN}, {bd, DNA_HALF_SIB, DNA_PATERNAL}};
	dna_family families[] = {{"P1", DNA_MALE, sib, 1}, {"P2", DNA_FEMALE, gp, 2}};
	for(int i = 0; i < 2; i++) {
		dna_advice_opts o = {.model = {0, 0, false}, .log10_needed = 3, .simulations = 300,
		                     .seed = 3, .relatives = true};
		dna_advice a = advise_opts(&k, &families[i], &o);
		o.one_by_one = true;
		dna_advice b = advise_opts(&k, &families[i], &o);
		assert_true(a.engine_calls * 5 < b.engine_calls);
		assert_near(a.now.included, b.now.included, 0);
		int asked = 0;
		for(int c = 0; c < DNA_ASK_COUNT; c++) {
			assert_int_equal(isnan(a.after[c]), isnan(b.after[c]));
			if(!isnan(a.after[c]))
				assert_near(a.after[c], b.after[c], 0);
			asked += !isnan(a.after[c]) && a.after[c] != a.now.included;
		}
		assert_true(asked >= 5); /* the relatives were simulated, not all "the same" */
		assert_int_equal(a.best, b.best);
	}
	/* with mutation (a stepwise model, rates 0.01 and 0.005): within the
	 * simulation's error (0.5/sqrt(2000) is 0.011 a figure), 0.05 apart at
	 * most */
	dna_kit_free(&k);
	kit_of(&k, LOCI, 0, true);
	for(int i = 0; i < 2; i++) {
		dna_advice_opts o = {.model = {0, 0, true}, .log10_needed = 4, .simulations = 2000,
		                     .seed = 5, .relatives = true};
		dna_advice a = advise_opts(&k, &families[i], &o);
		o.one_by_one = true;
		dna_advice b = advise_opts(&k, &families[i], &o);
		assert_near(a.now.included, b.now.included, 0);  /* M's own draws are the same */
		for(int c = 0; c < DNA_ASK_COUNT; c++)
			if(!isnan(a.after[c]))
				assert_true(fabs(a.after[c] - b.after[c]) <= 0.05);
	}
	dna_kit_free(&k);
	prof_free(ac);
	prof_free(bd);
}

/* The individuals of a pedigree worth typing for M: GF and GM behind the
 * typed father F are cut off from M; M's mother MO, M's sister S, MO's
 * parents MGF and MGM and her brother U are not. M's child X is another
 * missing person, never one to type, and X's mother W says nothing of M
 * while X is not typed. Nearest first (parent-child steps), then in
 * order. */
static void test_members(void **state)
{
	(void)state;
	/* individuals:    GF  GM  F  MO  M  S  X  MGF MGM  U  W */
	int fa[] = {-1, -1, 0, 7, 2, 2, 4, -1, -1, 7, -1};
	int mo[] = {-1, -1, 1, 8, 3, 3, 10, -1, -1, 8, -1};
	dna_sex sex[] = {DNA_MALE, DNA_FEMALE, DNA_MALE, DNA_FEMALE, DNA_MALE, DNA_FEMALE, DNA_SEX_UNKNOWN,
	                 DNA_MALE, DNA_FEMALE, DNA_MALE, DNA_FEMALE};
	dna_profile *y = prof_all(1, 0, 1);
	const dna_profile *prof[11] = {[2] = y};
	dna_pedigree p = {{11, fa, mo, sex}, prof, 1};
	int missing[] = {4, 6};
	const char *person[] = {"PM", "PX"};
	dna_kin kin = {"F", &p, 1, 2, missing, person};
	int member[8], left;
	int n = dna_advice_members(&kin, 4, member, 8, &left);
	assert_int_equal(left, 0);
	int want[] = {3, 5, 7, 8, 9}; /* MO; S, MGF, MGM; U */
	assert_int_equal(n, 5);
	for(int i = 0; i < n; i++)
		assert_int_equal(member[i], want[i]);
	/* at most one: the nearest, the others counted */
	assert_int_equal(dna_advice_members(&kin, 4, member, 1, &left), 1);
	assert_int_equal(member[0], 3);
	assert_int_equal(left, 4);
	/* for the child X: W, its mother, now; M is missing, not one */
	n = dna_advice_members(&kin, 6, member, 8, &left);
	bool w = false;
	for(int i = 0; i < n; i++) {
		w |= member[i] == 10;
		assert_true(member[i] != 4 && member[i] != 2);
	}
	assert_true(w);
	prof_free(y);
}

/* Many missing persons on threads: the figures of each are the same on 1
 * thread and on 3 (each has its own seed), in any order of the jobs. */
static void test_threads_same(void **state)
{
	(void)state;
	dna_kit k;
	kit_of(&k, LOCI, 0, true);
	dna_profile *ac = prof_all(LOCI, 0, 2), *bd = prof_all(LOCI, 1, 3);
	dna_ref r1[] = {{ac, DNA_FULL_SIB, DNA_SIDE_UNKNOWN}};
	dna_ref r2[] = {{ac, DNA_GRANDPARENT, DNA_SIDE_UNKNOWN}, {bd, DNA_HALF_SIB, DNA_PATERNAL}};
	dna_ref r3[] = {{bd, DNA_FATHER, DNA_SIDE_UNKNOWN}};
	dna_family fam[] = {{"P1", DNA_MALE, r1, 1}, {"P2", DNA_FEMALE, r2, 2}, {"P3", DNA_MALE, r3, 1}};
	arena a;
	arena_init(&a, 0);
	dna_kin kin[3];
	pl_err err = {0};
	dna_advice_job one[6], three[6];
	for(int i = 0; i < 6; i++) {
		if(i < 3)
			assert_ok(dna_advice_kin(&fam[i], &kin[i], &a, &err), &err);
		one[i] = (dna_advice_job){.kin = &kin[i % 3]};
		three[5 - i] = one[i];
	}
	dna_advice_opts o = {.model = {0, 0.1, true}, .log10_needed = 4, .simulations = 200, .seed = 9,
	                     .relatives = true};
	dna_advise_jobs(&k, one, 6, &o, 1);
	dna_advise_jobs(&k, three, 6, &o, 3);
	for(int i = 0; i < 6; i++) {
		const dna_advice *x = &one[i].out, *y = &three[5 - i].out;
		assert_int_equal(one[i].rc, PL_OK);
		assert_int_equal(three[5 - i].rc, PL_OK);
		assert_near(x->now.included, y->now.included, 0);
		assert_near(x->now.ep, y->now.ep, 0);
		assert_int_equal(x->best, y->best);
		for(int c = 0; c < DNA_ASK_COUNT; c++)
			assert_true(isnan(x->after[c]) ? isnan(y->after[c]) : x->after[c] == y->after[c]);
		/* and the same person twice gives the same figures */
		assert_near(x->gain, one[(i + 3) % 6].out.gain, 0);
	}
	arena_free(&a);
	prof_free(ac);
	prof_free(bd);
	dna_kit_free(&k);
}

/* A father A/A at one locus of alleles A (p) and B (q): an unrelated man
 * is excluded as his child exactly when he is B/B, EP = q^2 (forrel's
 * missingPersonEP gives the same); with max_inconsistent 0 screening's
 * rule says the same. A simulation of unrelated men agrees. */
static void test_exclusion_power(void **state)
{
	(void)state;
	const double pa = 0.3, q = 0.7;
	dna_kit k;
	kit_many(&k, 1, pa);
	dna_profile *aa = prof_all(1, 0, 0);
	dna_ref fa[] = {{aa, DNA_FATHER, DNA_SIDE_UNKNOWN}};
	dna_family f = {"P1", DNA_MALE, fa, 1};
	dna_advice x = advise(&k, &f, 1, false);
	assert_near(x.now.ep, q * q, 1e-12);
	assert_near(x.now.ep_rule, q * q, 1e-12);

	rng r;
	rng_seed(&r, 11);
	int excluded = 0, n = 100000;
	for(int i = 0; i < n; i++)
		excluded += !rng_chance(&r, pa) && !rng_chance(&r, pa);
	assert_near((double)excluded / n, x.now.ep, 0.01);

	/* three such loci: 1 - (1 - q^2)^3, and more than one of them: the tail */
	dna_kit k3;
	kit_many(&k3, 3, pa);
	dna_profile *aa3 = prof_all(3, 0, 0);
	fa[0].prof = aa3;
	x = advise(&k3, &f, 1, false);
	double e = q * q;
	assert_near(x.now.ep, 1 - pow(1 - e, 3), 1e-12);
	arena ar;
	arena_init(&ar, 0);
	dna_kin kin;
	pl_err err = {0};
	assert_ok(dna_advice_kin(&f, &kin, &ar, &err), &err);
	dna_advice_opts o = {.log10_needed = 1, .max_inconsistent = 1, .simulations = 10, .seed = 1};
	assert_ok(dna_advise(&k3, &kin, 0, &o, &x, &err), &err);
	assert_near(x.now.ep_rule, 3 * e * e * (1 - e) + e * e * e, 1e-12);
	arena_free(&ar);
	prof_free(aa);
	prof_free(aa3);
	dna_kit_free(&k);
	dna_kit_free(&k3);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_poibin_and_draws),
		cmocka_unit_test(test_family_and_edits),
		cmocka_unit_test(test_known_cases),
		cmocka_unit_test(test_joint_table_same),
		cmocka_unit_test(test_members),
		cmocka_unit_test(test_threads_same),
		cmocka_unit_test(test_exclusion_power),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
