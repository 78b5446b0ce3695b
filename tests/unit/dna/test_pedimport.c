/* Pedigree files in the registry (src/dna/pedimport.c, pedshow.c, db.c,
 * run.c): imported all or nothing, again unchanged, a changed family
 * replaced; the persons checked against the registry; a father and son
 * both missing found by screening, their remains weighed jointly; the
 * sampling advice for both (advice_run.c), and typing the individual it
 * advises raising the chance it foretold. */
#include "dna/simulated.h"
#include "remains/fixture.h"

#include <math.h>

#include "auth/auth.h"
#include "dna/dna.h"

static const char *write_file(fixture *f, const char *name, const char *text)
{
	static char p[4][4096];
	static int i;
	i = (i + 1) % 4;
	tu_path(p[i], sizeof(p[i]), f->dir, name);
	FILE *out = fopen(p[i], "wb");
	assert_non_null(out);
	fputs(text, out);
	fclose(out);
	return p[i];
}

static pl_rc import(fixture *f, dna_import_kind kind, const char *file, dna_import_report *rep)
{
	dna_import_opts o = {.name = "ped.csv", .max_errors = 50};
	return dna_import(f->r, kind, file, &o, rep, &f->err);
}

/* Loci of the NIST table, and at each the alleles by index, for
 * genotypes a test chooses: allele i of locus l is the (3 + 2 l + i)-th
 * of its list, modulo its size. */
typedef struct loci {
	dna_freqs fq;
	size_t typed;             /* rows give alleles at the first `typed` loci, the others blank */
} loci;

static const char *allele(loci *L, size_t l, int i)
{
	const dna_freq_locus *x = &L->fq.loci[l];
	return x->alleles[(size_t)(3 + 2 * l + (size_t)i * 5) % x->n].allele;
}

/* A row's loci: pairs of allele numbers, -1 for none. */
static void row(buf *b, loci *L, const char *head, int a1, int a2)
{
	assert_int_equal(buf_adds(b, head), PL_OK);
	for(size_t l = 0; l < L->fq.n; l++) {
		bool blank = a1 < 0 || l >= L->typed;
		assert_int_equal(buf_printf(b, ",%s,%s", blank ? "" : allele(L, l, a1), blank ? "" : allele(L, l, a2)),
		                 PL_OK);
	}
	assert_int_equal(buf_addc(b, '\n'), PL_OK);
}

static void header(buf *b, loci *L, const char *named)
{
	assert_int_equal(buf_adds(b, named), PL_OK);
	for(size_t l = 0; l < L->fq.n; l++)
		assert_int_equal(buf_printf(b, ",%s.1,%s.2", L->fq.loci[l].name, L->fq.loci[l].name), PL_OK);
	assert_int_equal(buf_addc(b, '\n'), PL_OK);
}

/* GF 0/1 and GM 2/3 have FA 0/2 (missing) and GU 1/3 (typed); FA and MO
 * 4/5 (typed) have SON 0/4 (missing) and BRO 2/5 (typed). GF and GM typed
 * too if `grand` names them ("GF", "GM", "GF GM"); `sparse`: MO not typed
 * and no BRO (GU the only one typed, but the grandparents named). */
static void pedigree_text_typed(buf *b, loci *L, const char *fa, const char *son, bool with_gu,
                                const char *grand, bool sparse)
{
	char h[160];
	bool gf = grand && strstr(grand, "GF"), gm = grand && strstr(grand, "GM");
	header(b, L, "family,id,father,mother,sex,sample,person,note");
	row(b, L, gf ? "F1,GF,,,M,S-GF,," : "F1,GF,,,M,,,", gf ? 0 : -1, gf ? 1 : -1);
	row(b, L, gm ? "F1,GM,,,F,S-GM,," : "F1,GM,,,F,,,", gm ? 2 : -1, gm ? 3 : -1);
	if(with_gu)
		row(b, L, "F1,GU,GF,GM,M,S-GU,,a great-uncle of SON", 1, 3);
	snprintf(h, sizeof(h), "F1,FA,GF,GM,M,,%s,", fa);
	row(b, L, h, -1, -1);
	row(b, L, sparse ? "F1,MO,,,F,,," : "F1,MO,,,F,S-MO,,", sparse ? -1 : 4, sparse ? -1 : 5);
	snprintf(h, sizeof(h), "F1,SON,FA,MO,M,,%s,", son);
	row(b, L, h, -1, -1);
	if(!sparse)
		row(b, L, "F1,BRO,FA,MO,M,S-BRO,,", 2, 5);
}

static void pedigree_text(buf *b, loci *L, const char *fa, const char *son, bool with_gu)
{
	pedigree_text_typed(b, L, fa, son, with_gu, NULL, false);
}

static void setup(fixture *f, loci *L, char fa[UID_SIZE], char son[UID_SIZE])
{
	dna_import_report rep;
	assert_ok(dna_import(f->r, DNA_IMPORT_GENOTYPES, PARLEY_STR_DIR "/nist1036_genotypes.csv", NULL,
	                     &rep, &f->err), &f->err);
	dna_import_report_free(&rep);
	dna_freqs_init(&L->fq);
	assert_ok(dna_frequencies_load(f->r, &L->fq, &f->err), &f->err);
	L->typed = L->fq.n;
	rx_person(f, "missing", fa);
	rx_person(f, "died_in_captivity", son);
}

static void test_import_round_trip(void **state)
{
	fixture *f = *state;
	loci L;
	char fa[UID_SIZE], son[UID_SIZE], held[UID_SIZE];
	setup(f, &L, fa, son);
	buf b;
	buf_init(&b, 0);
	pedigree_text(&b, &L, fa, son, true);
	const char *file = write_file(f, "ped.csv", buf_str(&b));
	dna_import_report rep;
	assert_ok(import(f, DNA_IMPORT_PEDIGREE, file, &rep), &f->err);
	assert_int_equal(rep.created, 1);
	assert_int_equal(rep.profiles_created, 3);
	dna_import_report_free(&rep);
	assert_int_equal(rx_scalar(f, "SELECT count(*) FROM dna_ped_member"), 7);
	assert_int_equal(rx_scalar(f, "SELECT count(*) FROM audit WHERE entity = 'dna_pedigree'"), 1);
	/* again: nothing changes */
	assert_ok(import(f, DNA_IMPORT_PEDIGREE, file, &rep), &f->err);
	assert_true(rep.unchanged == 1 && rep.created == 0 && rep.updated == 0);
	assert_int_equal(rep.profiles_created + rep.profiles_updated, 0);
	dna_import_report_free(&rep);
	assert_int_equal(rx_scalar(f, "SELECT count(*) FROM audit WHERE entity = 'dna_pedigree'"), 1);
	/* shown as stored, with the tree */
	dna_pedigree_info p;
	assert_ok(dna_pedigree_show(f->r, "F1", &f->a, &p, &f->err), &f->err);
	assert_int_equal(p.n, 7);
	assert_int_equal(p.missing, 2);
	assert_int_equal(p.typed, 3);
	assert_string_equal(p.ind[3].person, fa);
	assert_int_equal(p.ind[2].loci, (int)L.fq.n);
	assert_contains(p.tree, "GU (male) typed: sample S-GU");
	assert_contains(p.tree, "MISSING: ");
	assert_int_equal(dna_pedigree_show(f->r, "F9", &f->a, &p, &f->err), PL_ENOTFOUND);
	/* changed: the great-uncle is gone, the family replaced */
	buf_reset(&b);
	pedigree_text(&b, &L, fa, son, false);
	file = write_file(f, "ped2.csv", buf_str(&b));
	assert_ok(import(f, DNA_IMPORT_PEDIGREE, file, &rep), &f->err);
	assert_int_equal(rep.updated, 1);
	dna_import_report_free(&rep);
	assert_int_equal(rx_scalar(f, "SELECT count(*) FROM dna_ped_member"), 6);
	assert_int_equal(rx_scalar(f, "SELECT count(*) FROM audit WHERE entity = 'dna_pedigree'"
	                              " AND action = 'update'"), 1);
	/* a person held is not looked for; one in another family is refused; nothing is written */
	rx_person(f, "held", held);
	buf_reset(&b);
	header(&b, &L, "family,id,father,mother,sex,sample,person,note");
	char h[160];
	snprintf(h, sizeof(h), "F2,X,,,M,,%s,", held);
	row(&b, &L, h, -1, -1);
	snprintf(h, sizeof(h), "F2,Y,,,M,,%s,", fa);
	row(&b, &L, h, -1, -1);
	row(&b, &L, "F2,Z,,,F,S-UNKNOWN,,", -1, -1);
	row(&b, &L, "F2,W,,,F,S-NEW,,", 6, 7);
	file = write_file(f, "ped3.csv", buf_str(&b));
	assert_int_equal(import(f, DNA_IMPORT_PEDIGREE, file, &rep), PL_EINPUT);
	const char *e = buf_str(&rep.errors);
	assert_contains(e, "ped.csv:2: column 'person': ");
	assert_contains(e, "is held (confirmed): only a person missing, died in captivity or whose remains were returned");
	assert_contains(e, "ped.csv:3: column 'person': ");
	assert_contains(e, "is in family F1 already");
	assert_contains(e, "ped.csv:4: column 'sample': no reference profile with sample id S-UNKNOWN");
	dna_import_report_free(&rep);
	assert_int_equal(rx_scalar(f, "SELECT count(*) FROM dna_pedigree"), 1);
	assert_int_equal(rx_scalar(f, "SELECT count(*) FROM dna_profile WHERE sample = 'S-NEW'"), 0);
	buf_free(&b);
	dna_freqs_free(&L.fq);
}

/* Remains of the father and the son, and of someone else: screening
 * proposes the two, weighing them jointly in their family. */
static void test_a_father_and_son_found(void **state)
{
	fixture *f = *state;
	loci L;
	char fa[UID_SIZE], son[UID_SIZE], other[UID_SIZE];
	setup(f, &L, fa, son);
	rx_person(f, "missing", other);
	buf b;
	buf_init(&b, 0);
	pedigree_text(&b, &L, fa, son, true);
	dna_import_report rep;
	assert_ok(import(f, DNA_IMPORT_PEDIGREE, write_file(f, "ped.csv", buf_str(&b)), &rep), &f->err);
	dna_import_report_free(&rep);
	rx_batch(f, "B1", "2025-06-11", 3);
	rx_case(f, "T-FA", "B1");
	rx_case(f, "T-SON", "B1");
	rx_case(f, "T-X", "B1");
	buf_reset(&b);
	header(&b, &L, "case");
	row(&b, &L, "T-FA", 0, 2);
	row(&b, &L, "T-SON", 0, 4);
	row(&b, &L, "T-X", 8, 9);
	assert_ok(import(f, DNA_IMPORT_REMAINS, write_file(f, "remains.csv", buf_str(&b)), &rep), &f->err);
	dna_import_report_free(&rep);
	dna_params p = DNA_PARAMS_INIT;
	p.threads = 1;
	/* a model whose matrices lump the alleles not seen: stepwise keeps every
	 * allele of the 29 loci, minutes here (the engine's cost, measured) */
	p.mutation.model = DNA_MUT_PROPORTIONAL;
	p.theta = 0; /* theta sums over the partitions of the founder alleles: Bell(10) with two remains */
	dna_screen_summary s;
	assert_ok(dna_screen_run(f->r, NULL, &p, NULL, &s, &f->err), &f->err);
	assert_contains(buf_str(&s.notes), "family F1: its candidate remains weighed jointly for its 2 "
	                                   "missing persons");
	assert_int_equal(s.families, 1);
	assert_true(!strstr(buf_str(&s.notes), "left out of family F1"));
	dna_screen_summary_free(&s);
	dna_proposal_query q = DNA_PROPOSAL_QUERY_INIT;
	q.status = "proposed";
	dna_proposal *pr;
	size_t n, total;
	assert_ok(dna_proposals_list(f->r, &q, &f->a, &pr, &n, &total, &f->err), &f->err);
	int found = 0;
	for(size_t i = 0; i < n; i++) {
		if(strcmp(pr[i].kind, "kinship"))
			continue;
		assert_string_equal(pr[i].person, !strcmp(pr[i].case_tag, "T-FA") ? fa : son);
		assert_true(strcmp(pr[i].case_tag, "T-X") != 0);
		assert_contains(pr[i].relatives, "pedigree F1");
		found++;
	}
	assert_int_equal(found, 2);
	/* explained locus by locus against the typed members */
	dna_explanation e;
	assert_ok(dna_explain(f->r, "T-SON", son, &f->a, &e, &f->err), &f->err);
	assert_int_equal(e.nrel, 3);
	assert_string_equal(e.rel_sample[1], "S-MO");
	assert_string_equal(e.rel_relationship[1], "MO in pedigree F1");
	assert_int_equal(e.compared, (int)L.fq.n);
	assert_true(e.log10_lr > 6);
	/* The father confirmed by two people: his remains are a reference for
	 * the son from then on, and the son's evidence changes. */
	double before = e.log10_lr;
	static const char *const who[] = {"alice", "bob"};
	for(int i = 0; i < 2; i++)
		assert_ok(auth_user_add(f->r, who[i], NULL, 1u << ROLE_IDENTIFICATION, "a long password 1",
		                        "tester", &f->err), &f->err);
	dna_decision d;
	assert_int_equal(store_set_actor(f->r, "alice"), PL_OK);
	assert_ok(dna_review(f->r, "T-FA", fa, "read again", &d, &f->err), &f->err);
	assert_int_equal(store_set_actor(f->r, "bob"), PL_OK);
	assert_ok(dna_confirm(f->r, "T-FA", fa, NULL, false, &d, &f->err), &f->err);
	assert_contains(d.note, "the identified remains are a reference for 1 other missing person of "
	                        "the family: screened again at once");
	assert_ok(dna_explain(f->r, "T-SON", son, &f->a, &e, &f->err), &f->err);
	assert_int_equal(e.nrel, 4);
	bool typed = false;
	for(int i = 0; i < e.nrel; i++)
		typed |= strstr(e.rel_sample[i], "remains identified as") && strstr(e.rel_sample[i], fa);
	assert_true(typed);
	assert_true(fabs(e.log10_lr - before) > 1e-6);
	buf_free(&b);
	dna_freqs_free(&L.fq);
}

/* The advice's rows of the pedigree's two missing persons (by person). */
static void advice_of(fixture *f, const char *fa, const char *son, dna_advice_row *rows[2])
{
	dna_advice_query q = {.simulations = 300, .seed = 1, .threads = 2};
	dna_advice_row *r;
	size_t n;
	dna_advice_summary s;
	assert_ok(dna_advice_run(f->r, &q, &f->a, &r, &n, &s, &f->err), &f->err);
	assert_int_equal(n, 2);
	assert_int_equal(s.pedigrees, 2);
	assert_int_equal(s.refused, 0);
	dna_advice_summary_free(&s);
	for(size_t i = 0; i < n; i++) {
		assert_string_equal(r[i].family, "F1");
		assert_true(!strcmp(r[i].person, fa) || !strcmp(r[i].person, son));
		rows[strcmp(r[i].person, fa) ? 1 : 0] = &r[i];
	}
	assert_string_equal(rows[0]->as, "FA");
	assert_string_equal(rows[1]->as, "SON");
}

/* The figures of one row in range; the individuals weighed are neither
 * typed nor missing (GF, GM, and MO for the son); the parents (in the
 * pedigree) are not asked for as relatives new to it. */
static void advice_in_range(const dna_advice_row *r)
{
	const dna_advice *x = &r->a;
	assert_true(x->now.included >= 0 && x->now.included <= 1);
	assert_true(x->now.ep >= 0 && x->now.ep <= 1 && x->now.ep_rule >= 0 && x->now.ep_rule <= x->now.ep);
	assert_int_equal(x->loci, 5);
	assert_true(isnan(x->after[DNA_ASK_FATHER]) && isnan(x->after[DNA_ASK_MOTHER]));
	for(int c = 0; c < DNA_ASK_COUNT; c++)
		assert_true(isnan(x->after[c]) || (x->after[c] >= 0 && x->after[c] <= 1));
	for(int c = 0; c < x->nmember; c++) {
		const char *id = r->individual[x->member[c]];
		assert_true(!strcmp(id, "GF") || !strcmp(id, "GM") || (!strcmp(id, "MO") && !strcmp(r->as, "SON")));
		assert_true(x->member_after[c] >= 0 && x->member_after[c] <= 1);
	}
	const char *who = dna_advice_row_member(r);
	assert_true(!who || x->gain > 0);
	if(who)
		assert_near(dna_advice_row_after(r), x->now.included + x->gain, 1e-12);
}

/* FA and his son both missing, FA's brother GU the only one typed, at 5
 * loci (little power: a prior of 1 in 2 needs an LR of 999): FA's parents
 * GF and GM are the individuals to weigh for him (MO says nothing of him
 * with the son missing), GF, GM and MO for the son. One of FA's parents is
 * advised, and once typed (with the genotype the pedigree gives them) the
 * chance that FA's remains are proposed rises. */
static void test_advice_for_the_pedigree(void **state)
{
	fixture *f = *state;
	loci L;
	char fa[UID_SIZE], son[UID_SIZE];
	setup(f, &L, fa, son);
	L.typed = 5;
	buf b;
	buf_init(&b, 0);
	pedigree_text_typed(&b, &L, fa, son, true, NULL, true);
	dna_import_report rep;
	assert_ok(import(f, DNA_IMPORT_PEDIGREE, write_file(f, "ped.csv", buf_str(&b)), &rep), &f->err);
	dna_import_report_free(&rep);
	dna_advice_row *rows[2];
	advice_of(f, fa, son, rows);
	advice_in_range(rows[0]);
	advice_in_range(rows[1]);
	const dna_advice *x = &rows[0]->a;
	assert_int_equal(x->nmember, 2);
	assert_int_equal(rows[1]->a.nmember, 3);
	const char *who = dna_advice_row_member(rows[0]);
	assert_non_null(who);
	double before = x->now.included, foretold = dna_advice_row_after(rows[0]);
	assert_true(foretold > before);
	/* typed as the file's genotypes say */
	buf_reset(&b);
	pedigree_text_typed(&b, &L, fa, son, true, who, true);
	assert_ok(import(f, DNA_IMPORT_PEDIGREE, write_file(f, "ped2.csv", buf_str(&b)), &rep), &f->err);
	assert_int_equal(rep.updated, 1);
	dna_import_report_free(&rep);
	advice_of(f, fa, son, rows);
	advice_in_range(rows[0]);
	assert_int_equal(rows[0]->a.nmember, 1);     /* the other grandparent only */
	assert_string_not_equal(rows[0]->individual[rows[0]->a.member[0]], who);
	assert_true(rows[0]->a.now.included > before);
	printf("# advice for FA: P(proposed) %.3f; %s advised, foretold %.3f; %.3f once typed\n", before,
	       who, foretold, rows[0]->a.now.included);
	buf_free(&b);
	dna_freqs_free(&L.fq);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_import_round_trip, fixture_setup, fixture_teardown),
		cmocka_unit_test_setup_teardown(test_a_father_and_son_found, fixture_setup, fixture_teardown),
		cmocka_unit_test_setup_teardown(test_advice_for_the_pedigree, fixture_setup, fixture_teardown),
	};
	return cmocka_run_group_tests_name("dna/pedimport", tests, NULL, NULL);
}
