/* Pedigree files (src/dna/pedfile.c, read.c), their trees (pedshow.c),
 * and remains placed in a pedigree (kinlr.c): every refusal at its line
 * and column, and likelihood ratios derived by hand, one remains and two
 * (a father and son both missing). */
#include "fixture.h"

#include "dna/dna.h"
#include "dna/kinlr.h"
#include "dna/pairing.h"
#include "dna/pedfile.h"

typedef struct pf {
	buf errors;
	problems pb;
	dna_rows rows;
	arena a;
	dna_pedfile file;
} pf;

static void pf_read(pf *x, const char *text)
{
	buf_init(&x->errors, 0);
	problems_init(&x->pb, &x->errors, 50);
	x->pb.file = "ped.csv";
	dna_rows_init(&x->rows);
	arena_init(&x->a, 0);
	FILE *f = fmemopen((void *)text, strlen(text), "rb");
	assert_non_null(f);
	assert_int_equal(dna_read_profiles(f, DNA_FILE_PEDIGREE, &x->pb, &x->rows), PL_OK);
	fclose(f);
	if(!x->pb.failed)
		assert_int_equal(dna_pedfile_check(&x->rows, &x->pb, &x->a, &x->file), PL_OK);
}

static void pf_free(pf *x)
{
	buf_free(&x->errors);
	dna_rows_free(&x->rows);
	arena_free(&x->a);
}

#define P1 "P0000000000000001"
#define P2 "P0000000000000002"

/* A father and son both missing, the mother and a brother typed, and a
 * great-uncle: the grandfather's brother. */
static const char family_text[] =
	"family,id,father,mother,sex,sample,person,note,TH01.1,TH01.2\n"
	"F1,GGF,,,M,,,,,\n"
	"F1,GGM,0,0,F,,,,,\n"
	"F1,GF,GGF,GGM,1,,,,,\n"
	"F1,GU,GGF,GGM,male,S-GU,,great-uncle,6,9.3\n"
	"F1,GM,,,2,,,,,\n"
	"F1,FA,GF,GM,,,\"" P1 "\",,,\n"
	"F1,MO,,,female,S-MO,,,7,8\n"
	"F1,SON,FA,MO,M,,\"" P2 "\",,,\n"
	"F1,BRO,FA,MO,m,S-BRO,,,7,9.3\n";

static void test_a_family_of_any_shape(void **state)
{
	(void)state;
	pf x;
	pf_read(&x, family_text);
	assert_false(x.pb.failed);
	assert_int_equal(x.file.n, 1);
	const dna_pedfile_family *F = &x.file.fam[0];
	assert_string_equal(F->id, "F1");
	assert_int_equal(F->n, 9);
	assert_int_equal(F->nmissing, 2);
	assert_int_equal(F->ntyped, 3);
	/* FA's sex is not given: a father is male */
	assert_int_equal(F->m[5].sex, DNA_MALE);
	assert_int_equal(F->m[5].father, 2);
	assert_int_equal(F->m[5].mother, 4);
	assert_int_equal(F->m[1].father, -1);   /* "0": a founder */
	assert_string_equal(F->m[7].person, P2);
	assert_true(F->m[8].alleles && F->m[8].sample && !strcmp(F->m[8].sample, "S-BRO"));
	pf_free(&x);
}

/* Each refusal names the file, the line and the column. */
static void test_every_refusal_has_its_place(void **state)
{
	(void)state;
	pf x;
	pf_read(&x, "family,id,father,mother,sex,sample,person,TH01.1,TH01.2\n"
	            "F2,A,,,F,,,,\n"                        /* 2 */
	            "F2,B,A,C,male,,\"" P1 "\",,\n"         /* 3: a female father */
	            "F2,C,,,female,,,,\n"                   /* 4 */
	            "F2,D,X,C,male,S1,,6,7\n"               /* 5: no X */
	            "F2,E,B,,male,,,,\n"                    /* 6: one parent */
	            "F2,B,,,male,,,,\n"                     /* 7: B twice */
	            "F3,A,B,C,male,,,,\n"                   /* 8: a loop; no missing person */
	            "F3,B,A,C,male,,,,\n"                   /* 9 */
	            "F3,C,,,female,,,,\n"                   /* 10 */
	            "F4,A,,,male,,,,\n"                     /* 11 */
	            "F4,Z,A,A,male,,\"" P2 "\",,\n"         /* 12: both parents one */
	            "F5,K,,,male,,\"" P1 "\",,\n"           /* 13: P1 in two families */
	            "F5,L,,,male,S9,\"P0000000000000003\",,\n" /* 14: missing and typed */
	            "F5,M,,,male,,,6,6\n"                   /* 15: alleles, no sample */
	            "F5,N,,,male,S-X,,6,7\n"                /* 16 */
	            "F5,O,,,male,S-X,,,\n"                  /* 17: one sample twice in a family */
	            "F6,Q,,,male,S-X,,6,8\n"                /* 18: S-X with other alleles */
	            "F6,R,Q,S,male,,\"P0000000000000004\",,\n" /* 19: S is a son, then a mother */
	            "F6,S,,,male,,,,\n"                     /* 20 */
	            "F6,T,Q,S,female,,,,\n");               /* 21 */
	assert_true(x.pb.failed);
	const char *e = buf_str(&x.errors);
	assert_contains(e, "ped.csv:7: column 'id': B of family F2 is further up (line 3): one row an individual");
	assert_contains(e, "ped.csv:3: column 'father': A is female (line 2): a father is male");
	assert_contains(e, "ped.csv:5: column 'father': no individual 'X' in family F2");
	assert_contains(e, "ped.csv:6: column 'mother': empty, but the father is given");
	assert_contains(e, "ped.csv:8: column 'father': A of family F3 is their own ancestor");
	assert_contains(e, "ped.csv:8: column 'person': family F3 has no missing person");
	assert_contains(e, "ped.csv:12: column 'mother': Z is the father too");
	assert_contains(e, "ped.csv:13: column 'person': " P1 " is individual B further up (line 3)");
	assert_contains(e, "ped.csv:14: column 'person': L is missing, so not typed (sample S9)");
	assert_contains(e, "ped.csv:15: column 'sample': required on a row with alleles");
	assert_contains(e, "ped.csv:17: column 'sample': S-X is individual N further up (line 16)");
	assert_contains(e, "ped.csv:18: column 'sample': sample S-X is further up (line 16) with other alleles");
	assert_contains(e, "ped.csv:19: column 'mother': S is male (line 20): a mother is female");
	pf_free(&x);
	/* the row's own values, and the header */
	pf_read(&x, "family,id,father,mother,sex,person,TH01.1,TH01.2\n"
	            "F1,A,,,X,,,\n"
	            "F1,0,,,M,,,\n"
	            "F1,B,,,M,nobody,09,6\n");
	e = buf_str(&x.errors);
	assert_contains(e, "ped.csv:2: column 'sex': expected male, female or unknown (M, F, 1, 2 or 0) (got 'X')");
	assert_contains(e, "ped.csv:3: column 'id': 0 means no parent");
	assert_contains(e, "ped.csv:4: column 'person': expected a person's id");
	assert_contains(e, "ped.csv:4: column 'TH01.1': write the repeats without a leading zero");
	pf_free(&x);
	pf_read(&x, "family,id,sex\nF1,A,M\n");
	assert_contains(buf_str(&x.errors), "ped.csv:1: no 'father' column: a pedigree says who is whose child");
	pf_free(&x);
	pf_read(&x, "family,id,father,mother,relationship\nF1,A,,,father\n");
	assert_contains(buf_str(&x.errors), "ped.csv:1: column 5: unknown column 'relationship'");
	pf_free(&x);
}

static void test_the_tree(void **state)
{
	(void)state;
	dna_ped_individual ind[] = {
		{"GF", NULL, NULL, "male", NULL, 0, NULL, NULL, NULL},
		{"GM", NULL, NULL, "female", NULL, 0, NULL, NULL, NULL},
		{"GU", "GF", "GM", "male", "S-GU", 23, NULL, NULL, NULL},
		{"FA", "GF", "GM", "male", NULL, 0, P1, "Шевчук Петро", NULL},
		{"MO", NULL, NULL, "female", "S-MO", 22, NULL, NULL, NULL},
		{"SON", "FA", "MO", "male", NULL, 0, P2, NULL, NULL},
		{"BRO", "FA", "MO", "male", "S-BRO", 23, NULL, NULL, NULL},
	};
	dna_pedigree_info p = {.family = "F1", .ind = ind, .n = 7};
	buf t;
	buf_init(&t, 0);
	assert_int_equal(dna_pedigree_tree(&p, &t), PL_OK);
	assert_string_equal(buf_str(&t),
	                    "family F1\n"
	                    "GF (male)\n"
	                    "└─ with GM (female)\n"
	                    "   ├─ GU (male) typed: sample S-GU, 23 loci\n"
	                    "   └─ FA (male) MISSING: " P1 " Шевчук Петро\n"
	                    "      └─ with MO (female) typed: sample S-MO, 22 loci\n"
	                    "         ├─ SON (male) MISSING: " P2 "\n"
	                    "         └─ BRO (male) typed: sample S-BRO, 23 loci\n");
	buf_free(&t);
}

/* ---- remains placed in a pedigree -------------------------------------------------- */

/* FA and SON missing; MO B/B and BRO A/B typed. With theta 0 and no
 * mutation, by hand:
 *   remains A/A at FA:               1 / pA
 *   remains A/B at SON:              (1 + pA) / (4 pA pB)
 *   both (A/A at FA, A/B at SON):    1 / (2 pA^2 pB)
 * the joint not the product of the two alone. */
typedef struct kin_fx {
	dna_kit kit;
	int father[4], mother[4];
	dna_sex sex[4];
	const dna_profile *prof[4];
	dna_profile mo, bro, r1, r2, r3;
	dna_geno g[5];
	dna_pedigree alt;
	int missing[2];
	const char *person[2];
	dna_kin K;
} kin_fx;

static void kin_setup(kin_fx *x)
{
	memset(x, 0, sizeof(*x));
	kx_kit(&x->kit, NULL, "A=0.1", "B=0.2", "C=0.7", NULL);
	/* 0 FA, 1 MO, 2 SON, 3 BRO */
	int father[4] = {-1, -1, 0, 0}, mother[4] = {-1, -1, 1, 1};
	dna_sex sex[4] = {DNA_MALE, DNA_FEMALE, DNA_MALE, DNA_MALE};
	memcpy(x->father, father, sizeof(father));
	memcpy(x->mother, mother, sizeof(mother));
	memcpy(x->sex, sex, sizeof(sex));
	x->g[0] = kx_geno(&x->kit, "B", "B");
	x->g[1] = kx_geno(&x->kit, "A", "B");
	x->g[2] = kx_geno(&x->kit, "A", "A");
	x->g[3] = kx_geno(&x->kit, "A", "B");
	x->g[4] = kx_geno(&x->kit, "C", "C");
	x->mo = (dna_profile){"S-MO", &x->g[0], false};
	x->bro = (dna_profile){"S-BRO", &x->g[1], false};
	x->r1 = (dna_profile){"R1", &x->g[2], false};
	x->r2 = (dna_profile){"R2", &x->g[3], false};
	x->r3 = (dna_profile){"R3", &x->g[4], false};
	x->prof[1] = &x->mo;
	x->prof[3] = &x->bro;
	x->alt = (dna_pedigree){{4, x->father, x->mother, x->sex}, x->prof, 1.0};
	x->missing[0] = 0;
	x->missing[1] = 2;
	x->person[0] = P1;
	x->person[1] = P2;
	x->K = (dna_kin){"F1", &x->alt, 1, 2, x->missing, x->person};
}

static void test_remains_in_a_pedigree_by_hand(void **state)
{
	(void)state;
	kin_fx x;
	kin_setup(&x);
	double pa = 0.1, pb = 0.2;
	dna_model m = {0, 0, false};
	arena a;
	arena_init(&a, 0);
	pl_err err = {0};
	double lr;
	bool inf;
	int fa = 0, son = 1, both[2] = {0, 1};
	const dna_profile *r1 = &x.r1, *r2 = &x.r2, *r12[2] = {&x.r1, &x.r2};
	assert_ok(dna_kin_locus_lr(&x.kit, 0, &m, &x.K, &fa, &r1, 1, &lr, &inf, NULL, &a, &err), &err);
	assert_true(inf);
	assert_near(lr, 1 / pa, 1e-9);
	assert_ok(dna_kin_locus_lr(&x.kit, 0, &m, &x.K, &son, &r2, 1, &lr, &inf, NULL, &a, &err), &err);
	assert_near(lr, (1 + pa) / (4 * pa * pb), 1e-9);
	assert_ok(dna_kin_locus_lr(&x.kit, 0, &m, &x.K, both, r12, 2, &lr, &inf, NULL, &a, &err), &err);
	assert_near(lr, 1 / (2 * pa * pa * pb), 1e-9);
	/* A/A at SON: MO is B/B, so impossible without mutation; with it, small and counted */
	double log10_lr;
	int loci, bad;
	assert_ok(dna_kin_lr(&x.kit, &m, &x.K, &son, &r1, 1, &log10_lr, &loci, &bad, NULL, &a, &err), &err);
	assert_true(isinf(log10_lr) && log10_lr < 0);
	assert_int_equal(loci, 1);
	dna_kit_free(&x.kit);
	arena_free(&a);
}

/* The joint evaluation: the best explanation places R1 at FA and R2 at
 * SON; each pair's odds are the best over the best without it. */
static void test_joint_evaluation_of_a_family(void **state)
{
	(void)state;
	kin_fx x;
	kin_setup(&x);
	dna_model m = {0, 0, false};
	dna_profile remains[3] = {x.r1, x.r2, x.r3};
	/* candidates: other 10 + j (the kin's first missing person is other 10) */
	dna_candidate c[] = {{.remains = 0, .other = 10, .log10_lr = 1, .loci = 1},
	                     {.remains = 1, .other = 10, .log10_lr = 0.5, .loci = 1},
	                     {.remains = 1, .other = 11, .log10_lr = 0.7, .loci = 1}};
	double odds[3], best;
	int left;
	pl_err err = {0};
	double prior = -1; /* prior odds 1/10 a pair */
	dna_kin_table t;
	assert_ok(dna_kin_joint(&x.kit, &m, &x.K, 10, remains, c, 3, prior, odds, &best, &left, &t, &err),
	          &err);
	double pa = 0.1, pb = 0.2;
	double both = log10(1 / (2 * pa * pa * pb)) + 2 * prior;
	double r2_son = log10((1 + pa) / (4 * pa * pb)) + prior, r1_fa = log10(1 / pa) + prior;
	/* R2 at FA alone: FA A/B with MO B/B and BRO A/B */
	arena a;
	arena_init(&a, 0);
	double lr;
	bool inf;
	int fa = 0;
	const dna_profile *r2 = &x.r2;
	assert_ok(dna_kin_locus_lr(&x.kit, 0, &m, &x.K, &fa, &r2, 1, &lr, &inf, NULL, &a, &err), &err);
	double r2_fa = log10(lr) + prior;
	assert_near(best, both, 1e-9);
	assert_int_equal(left, 0);
	assert_near(odds[0], both - fmax(r2_son, fmax(r2_fa, 0)), 1e-9);
	assert_near(odds[2], both - fmax(r1_fa, fmax(r2_fa, 0)), 1e-9);
	assert_true(isnan(odds[1]));  /* R2 at FA: not in the best explanation */
	assert_true(odds[0] > r1_fa); /* the son's remains are a reference for the father */

	/* Pairing probabilities (pairing.h) from the family's joint LRs, with
	 * the same prior (N = 11: odds 1/10 a pair). The explanations: none
	 * (weight 1), R1 at FA, R2 at FA, R2 at SON, and R1 at FA with R2 at
	 * SON, whose weight is the joint LR (not the product of the two). */
	assert_int_equal(t.n, 5);
	double w0 = 1, w1 = pow(10, r1_fa), w2 = pow(10, r2_fa), w3 = pow(10, r2_son), w4 = pow(10, both);
	double z = w0 + w1 + w2 + w3 + w4;
	assert_true(fabs(w4 - w1 * w3) > 0.1 * w4); /* the joint LR is not the product here */
	size_t at[3] = {0, 1, 2};
	dna_pairing_family fam = {at, 3, false, t.n, t.pairs, t.log10_lr};
	dna_pairing pg;
	assert_ok(dna_pairing_compute(c, 3, NULL, 11, &fam, 1, 0, &pg, &err), &err);
	assert_int_equal(pg.counts.groups, 1);
	assert_near(pg.pairing[0], (w1 + w4) / z, 1e-12);    /* R1 at FA */
	assert_near(pg.pairing[1], w2 / z, 1e-12);           /* R2 at FA */
	assert_near(pg.pairing[2], (w3 + w4) / z, 1e-12);    /* R2 at SON */
	assert_near(pg.remains_none[0], (w0 + w2 + w3) / z, 1e-12);
	assert_near(pg.remains_none[1], (w0 + w1) / z, 1e-12);
	assert_near(pg.person_none[0], (w0 + w3) / z, 1e-12); /* FA: none of the remains */
	assert_near(pg.person_none[2], (w0 + w1 + w2) / z, 1e-12);
	dna_pairing_free(&pg);
	/* the same pairs as if the family were not weighed jointly: another answer */
	assert_ok(dna_pairing_compute(c, 3, NULL, 11, NULL, 0, 0, &pg, &err), &err);
	assert_true(fabs(pg.pairing[0] - (w1 + w4) / z) > 1e-3);
	dna_pairing_free(&pg);
	/* too large to enumerate (a cap of 2 steps), with a family weighed jointly:
	 * no number and no bounds (those are for pairs weighed one by one), said */
	assert_ok(dna_pairing_compute(c, 3, NULL, 11, &fam, 1, 2, &pg, &err), &err);
	assert_int_equal(pg.counts.capped, 1);
	assert_int_equal(pg.counts.bounded, 0);
	for(int i = 0; i < 3; i++)
		assert_true(isnan(pg.pairing[i]) && isnan(pg.pairing_lo[i]) && pg.why[i] == DNA_PAIRING_CAPPED);
	dna_pairing_free(&pg);
	/* the family's joint LRs unknown (the engine refused them): no number, said */
	fam.unknown = true;
	assert_ok(dna_pairing_compute(c, 3, NULL, 11, &fam, 1, 0, &pg, &err), &err);
	assert_int_equal(pg.counts.joint, 1);
	assert_int_equal(pg.counts.joint_pairs, 3);
	for(int i = 0; i < 3; i++) {
		assert_true(isnan(pg.pairing[i]));
		assert_int_equal(pg.why[i], DNA_PAIRING_JOINT);
	}
	dna_pairing_free(&pg);
	dna_kin_table_free(&t);
	dna_kit_free(&x.kit);
	arena_free(&a);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_a_family_of_any_shape),
		cmocka_unit_test(test_every_refusal_has_its_place),
		cmocka_unit_test(test_the_tree),
		cmocka_unit_test(test_remains_in_a_pedigree_by_hand),
		cmocka_unit_test(test_joint_evaluation_of_a_family),
	};
	return cmocka_run_group_tests_name("dna/pedfile", tests, NULL, NULL);
}
