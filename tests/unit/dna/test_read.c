/* Reading profiles and frequency files (src/dna/read.c) and counting
 * frequencies (src/dna/freq.c): designations kept exactly, problems with
 * their line and column, the floor for rare and unseen alleles. */
#include "fixture.h"

#include "core/msg.h"
#include "dna/allele.h"
#include "dna/dna.h"
#include "dna/read.h"

typedef struct rd {
	buf errors;
	problems pb;
	dna_rows rows;
} rd;

static pl_rc read_text(rd *x, dna_file_kind kind, const char *text)
{
	buf_init(&x->errors, 0);
	problems_init(&x->pb, &x->errors, 10);
	x->pb.file = "p.csv";
	dna_rows_init(&x->rows);
	FILE *f = fmemopen((void *)text, strlen(text), "rb");
	assert_non_null(f);
	pl_rc rc = dna_read_profiles(f, kind, &x->pb, &x->rows);
	fclose(f);
	return rc;
}

static void rd_free(rd *x)
{
	buf_free(&x->errors);
	dna_rows_free(&x->rows);
}

static void test_allele_designations(void **state)
{
	(void)state;
	static const char *const good[] = {"9", "9.3", "2.2", "13.4", "43.2", "999.9", "10"};
	static const char *const bad[] = {"", "09", "0", "9.", "9.0", "9.33", "1000", "X", "9,3", " 9"};
	for(size_t i = 0; i < sizeof(good) / sizeof(good[0]); i++)
		assert_null(dna_allele_invalid(good[i]));
	for(size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		assert_non_null(dna_allele_invalid(bad[i]));
	int r, b;
	dna_allele_parse("9.3", &r, &b);
	assert_true(r == 9 && b == 3);
	dna_allele_parse("12", &r, &b);
	assert_true(r == 12 && b == 0);
}

static void test_remains_file(void **state)
{
	(void)state;
	rd x;
	assert_ok(read_text(&x, DNA_FILE_REMAINS,
	                    "\xEF\xBB\xBF" "case,TH01.1,TH01.2,Penta_D.1,Penta_D.2,AMEL.1,AMEL.2,degraded,failed\r\n"
	                    "T1,9.3,6,2.2,,X,Y,yes,\r\n"
	                    "T2,,,,,X,X,no,TH01; Penta D\r\n"), &x.pb.first);
	assert_false(x.pb.failed);
	assert_int_equal(x.rows.nloci, 2);
	assert_string_equal(x.rows.locus[0], "TH01");
	assert_int_equal(x.rows.n, 2);
	const dna_row *r = &x.rows.rows[0];
	assert_string_equal(r->allele[0], "9.3");
	assert_string_equal(r->allele[1], "6");
	assert_string_equal(r->allele[2], "2.2");
	assert_null(r->allele[3]);
	assert_true(r->degraded);
	assert_true(x.rows.rows[1].failed[0] && x.rows.rows[1].failed[1]);
	rd_free(&x);
}

static void test_problems_have_line_and_column(void **state)
{
	(void)state;
	rd x;
	assert_ok(read_text(&x, DNA_FILE_REFERENCES,
	                    "sample,person,relationship,side,TH01.1,TH01.2,vWA.1,vWA.2,failed\n"
	                    "S1,P0000000000000001,father,,9.3,6,14,,\n"
	                    "S2,P0000000000000001,brother,paternal,09,6,14,15,\n"
	                    "S3,nobody,neighbour,,9,6,,,vWA\n"
	                    "S4,P0000000000000001,uncle,left,9,6,14,16,vWA\n"
	                    ",P0000000000000001,cousin,,9,6,14,16,FGA\n"), &x.pb.first);
	assert_true(x.pb.failed);
	assert_int_equal(x.rows.n, 1); /* line 2, to be checked further */
	const char *e = buf_str(&x.errors);
	assert_contains(e, "p.csv:3: column 'TH01.1': write the repeats without a leading zero (9, not 09) (got '09')");
	assert_contains(e, "p.csv:4: column 'person': expected a person's id");
	assert_contains(e, "p.csv:4: column 'relationship': expected one of: self, father");
	assert_contains(e, "p.csv:5: column 'side': expected paternal or maternal (got 'left')");
	assert_contains(e, "p.csv:6: column 'sample': required");
	rd_free(&x);
	/* a side where there is none; a failed locus with alleles; a side on a brother */
	assert_ok(read_text(&x, DNA_FILE_REFERENCES,
	                    "sample,person,relationship,side,TH01.1,TH01.2,failed\n"
	                    "S1,P0000000000000001,father,paternal,9.3,6,\n"
	                    "S2,P0000000000000001,cousin,,9.3,6,TH01\n"
	                    "S3,P0000000000000001,cousin,,9.3,6,FGA\n"), &x.pb.first);
	e = buf_str(&x.errors);
	assert_contains(e, "p.csv:2: column 'side': a father has no side");
	assert_contains(e, "p.csv:3: column 'failed': locus TH01 failed, but the row gives alleles for it");
	assert_contains(e, "p.csv:4: column 'failed': not a locus of this file (got 'FGA')");
	rd_free(&x);
}

static void test_header_problems(void **state)
{
	(void)state;
	rd x;
	assert_ok(read_text(&x, DNA_FILE_REMAINS, "cse,TH01.1,TH01.2,vWA.1,degradd\nT1,9,6,14,no\n"), &x.pb.first);
	const char *e = buf_str(&x.errors);
	assert_contains(e, "p.csv:1: column 1: unknown column 'cse' (did you mean 'case'?)");
	assert_contains(e, "p.csv:1: column 5: unknown column 'degradd' (did you mean 'degraded'?)");
	rd_free(&x);
	assert_ok(read_text(&x, DNA_FILE_REMAINS, "case,TH01.1,TH01.2,vWA.1\nT1,9,6,14\n"), &x.pb.first);
	assert_contains(buf_str(&x.errors), "locus vWA has no column vWA.2");
	rd_free(&x);
	assert_ok(read_text(&x, DNA_FILE_REMAINS, "case,note\nT1,x\n"), &x.pb.first);
	assert_contains(buf_str(&x.errors), "no locus columns");
	rd_free(&x);
	assert_ok(read_text(&x, DNA_FILE_REMAINS, "case,TH01.1,TH01.2\n"), &x.pb.first);
	assert_contains(buf_str(&x.errors), "no profiles");
	rd_free(&x);
	assert_ok(read_text(&x, DNA_FILE_REMAINS, "case,TH01.1,TH01.2\nT1,9\n"), &x.pb.first);
	assert_contains(buf_str(&x.errors), "p.csv:2: 2 fields, but the header has 3 columns");
	rd_free(&x);
}

static void test_frequency_file(void **state)
{
	(void)state;
	const char *text = "locus,allele,frequency\nTH01,9.3,0.3\nTH01,6,0.25\nTH01,7,0.5\nvWA,14,0.2\n"
	                   "vWA,14,0.1\nFGA,x,0.1\nFGA,20,1.5\n";
	buf errors;
	buf_init(&errors, 0);
	problems pb;
	problems_init(&pb, &errors, 10);
	pb.file = "f.csv";
	dna_freq_rows rows;
	dna_freq_rows_init(&rows);
	FILE *f = fmemopen((void *)text, strlen(text), "rb");
	assert_int_equal(dna_read_frequencies(f, &pb, &rows), PL_OK);
	fclose(f);
	const char *e = buf_str(&errors);
	assert_contains(e, "f.csv:7: column 'allele': expected a number of repeats");
	assert_contains(e, "f.csv:8: column 'frequency': expected a number above 0 and at most 1 (got '1.5')");
	dna_freq_rows_free(&rows);
	buf_reset(&errors);
	problems_init(&pb, &errors, 10);
	pb.file = "f.csv";
	dna_freq_rows_init(&rows);
	text = "locus,allele,frequency\nTH01,9.3,0.6\nTH01,6,0.5\nvWA,14,0.2\nvWA,14,0.1\n";
	f = fmemopen((void *)text, strlen(text), "rb");
	assert_int_equal(dna_read_frequencies(f, &pb, &rows), PL_OK);
	fclose(f);
	e = buf_str(&errors);
	assert_contains(e, "the frequencies of TH01 sum to 1.1000: more than 1");
	assert_contains(e, "f.csv:5: allele 14 of vWA is given twice (also line 4)");
	dna_freq_rows_free(&rows);
	buf_free(&errors);
}

/* Counting: max(c, 5)/2N; an allele the table lacks gets 5/2N; a kit
 * scales them to sum to 1. */
static void test_counting_with_the_floor(void **state)
{
	(void)state;
	buf text;
	buf_init(&text, 0);
	assert_int_equal(buf_adds(&text, "sample,L.1,L.2\n"), PL_OK);
	/* 50 people: allele 10 100 - 6 times, 11 5 times, 12 once */
	for(int i = 0; i < 50; i++)
		assert_int_equal(buf_printf(&text, "s%d,10,%s\n", i, i < 5 ? "11" : i == 5 ? "12" : "10"), PL_OK);
	rd x;
	assert_ok(read_text(&x, DNA_FILE_GENOTYPES, buf_str(&text)), &x.pb.first);
	dna_freqs f;
	dna_freqs_init(&f);
	pl_err err = {0};
	assert_ok(dna_freqs_count(&x.rows, 5, &f, &err), &err);
	assert_int_equal(f.n, 1);
	const dna_freq_locus *L = dna_freqs_locus(&f, "l");
	assert_non_null(L);
	assert_int_equal(L->sample_size, 100);
	assert_near(L->floor, 0.05, 1e-15);
	assert_string_equal(L->alleles[0].allele, "10");
	assert_near(L->alleles[0].freq, 0.94, 1e-15);
	assert_near(L->alleles[1].freq, 0.05, 1e-15);
	assert_near(L->alleles[2].freq, 0.05, 1e-15); /* seen once: the floor */
	dna_kit k;
	assert_ok(dna_kit_init(&k, &f, &err), &err);
	int unseen = dna_kit_allele(&k, 0, "13");
	assert_int_equal(unseen, 3);
	assert_ok(dna_kit_finish(&k, NULL, &err), &err);
	double sum = 0;
	for(int i = 0; i < k.loci[0].n; i++)
		sum += k.loci[0].p[i];
	assert_near(sum, 1, 1e-12);
	assert_near(k.loci[0].p[unseen], 0.05 / 1.09, 1e-12);
	assert_false(k.loci[0].rest);
	dna_kit_free(&k);
	dna_freqs_free(&f);
	rd_free(&x);
	buf_free(&text);
}

/* The NIST file reads whole: 1,036 people at 29 loci. */
static void test_the_nist_file(void **state)
{
	(void)state;
	dna_rows rows;
	dna_freqs fq;
	kx_nist(&rows, &fq);
	assert_int_equal(rows.n, 1036);
	assert_int_equal(rows.nloci, 29);
	const dna_freq_locus *th01 = dna_freqs_locus(&fq, "TH01");
	assert_int_equal(th01->sample_size, 2072);
	bool microvariant = false;
	for(size_t i = 0; i < th01->n; i++)
		microvariant |= !strcmp(th01->alleles[i].allele, "9.3");
	assert_true(microvariant);
	assert_int_equal(dna_freqs_locus(&fq, "TPOX")->sample_size, 2070); /* one person not typed */
	dna_freqs_free(&fq);
	dna_rows_free(&rows);
	pl_err err = {0};
	buf errors;
	buf_init(&errors, 0);
	problems pb;
	problems_init(&pb, &errors, 10);
	assert_int_equal(dna_read_profiles_file("/nonexistent/x.csv", DNA_FILE_GENOTYPES, &pb, &rows, &err),
	                 PL_ENOTFOUND);
	assert_contains(err.msg, "cannot open /nonexistent/x.csv");
	buf_free(&errors);
}

/* Sex from the sex column and the amelogenin, which must agree with each
 * other and with the relationship's word. */
static void test_sex_and_amelogenin(void **state)
{
	(void)state;
	rd x;
	assert_ok(read_text(&x, DNA_FILE_REMAINS,
	                    "case,sex,degraded,TH01.1,TH01.2,AMEL.1,AMEL.2\n"
	                    "T1,,no,9.3,6,X,Y\n"        /* male */
	                    "T2,,yes,9.3,6,X,\n"        /* degraded: the Y may have dropped out */
	                    "T3,F,no,9.3,6,x,x\n"       /* female, both ways */
	                    "T4,unknown,no,9.3,6,Y,X\n" /* the laboratory doubts the amelogenin */
	                    "T5,,no,9.3,6,X,\n"         /* one X, not degraded: female */
	                    "T6,M,no,9.3,6,,\n"),       /* the column alone */
	          &x.pb.first);
	assert_false(x.pb.failed);
	assert_int_equal(x.rows.n, 6);
	static const dna_sex want[] = {DNA_MALE, DNA_SEX_UNKNOWN, DNA_FEMALE, DNA_SEX_UNKNOWN, DNA_FEMALE,
	                               DNA_MALE};
	static const char *const amel[] = {"X,Y", "X", "X,X", "X,Y", "X", ""};
	for(int i = 0; i < 6; i++) {
		assert_int_equal(x.rows.rows[i].sex, want[i]);
		assert_string_equal(x.rows.rows[i].amel, amel[i]);
	}
	assert_int_equal(x.rows.nloci, 1); /* amelogenin is no locus of the computation */
	rd_free(&x);
	assert_ok(read_text(&x, DNA_FILE_REMAINS,
	                    "case,sex,TH01.1,TH01.2,AMEL.1,AMEL.2\n"
	                    "T1,male,9.3,6,X,X\n"
	                    "T2,woman,9.3,6,X,X\n"
	                    "T3,,9.3,6,Z,X\n"), &x.pb.first);
	const char *e = buf_str(&x.errors);
	assert_contains(e, "p.csv:2: column 'sex': male, but the amelogenin X,X says female");
	assert_contains(e, "p.csv:3: column 'sex': expected male, female or unknown (M, F, 1, 2 or 0) (got 'woman')");
	assert_contains(e, "p.csv:4: column 'AMEL.1': expected X or Y (got 'Z')");
	assert_int_equal(x.rows.n, 0);
	rd_free(&x);
	assert_ok(read_text(&x, DNA_FILE_REFERENCES,
	                    "sample,person,relationship,sex,TH01.1,TH01.2,Amelogenin.1,Amelogenin.2\n"
	                    "S1,P0000000000000001,sister,,9.3,6,X,Y\n"
	                    "S2,P0000000000000001,father,f,9.3,6,,\n"
	                    "S3,P0000000000000001,grandmother,,9.3,6,X,X\n"
	                    "S4,P0000000000000001,cousin,,9.3,6,X,Y\n"), &x.pb.first);
	e = buf_str(&x.errors);
	assert_contains(e, "p.csv:2: column 'relationship': a sister, but the sample is male (amelogenin X,Y)");
	assert_contains(e, "p.csv:3: column 'relationship': a father, but the sample is female (column 'sex')");
	assert_int_equal(x.rows.n, 2);
	assert_int_equal(x.rows.rows[0].sex, DNA_FEMALE);
	assert_int_equal(x.rows.rows[1].sex, DNA_MALE);
	rd_free(&x);
	assert_ok(read_text(&x, DNA_FILE_REMAINS, "case,TH01.1,TH01.2,AMEL.1\nT1,9,6,X\n"), &x.pb.first);
	assert_contains(buf_str(&x.errors), "p.csv:1: amelogenin has no column AMEL.2");
	rd_free(&x);
}

/* The refusals and problems carry their codes and arguments, and read in
 * Ukrainian and Russian from them (issue 12 item 7). */
static void test_messages_by_code(void **state)
{
	(void)state;
	char text[PL_ERR_MSG_MAX];
	dna_rows rows;
	dna_rows_init(&rows);
	pl_err err = {0};
	buf errors, coded;
	buf_init(&errors, 0);
	buf_init(&coded, 0);
	problems pb;
	problems_init(&pb, &errors, 10);
	assert_int_equal(dna_read_profiles_file("/nonexistent/x.csv", DNA_FILE_GENOTYPES, &pb, &rows, &err),
	                 PL_ENOTFOUND);
	assert_string_equal(err.code, "dna.cannot_open");
	assert_string_equal(pl_err_arg_value(&err, "file"), "/nonexistent/x.csv");
	msg_err_text(&err, LANG_UK, text, sizeof(text));
	assert_contains(text, "не вдається відкрити /nonexistent/x.csv: ");
	/* a problem's code, its arguments and the reason's own code ({@why}),
	 * in problems.coded as the CLI and the HTTP answer read them */
	const char *csv[] = {"case,TH01.1,TH01.2\nT1,09,6\n", "locus,allele,frequency\nTH01,9.3,0.7\nTH01,7,0.5\n"};
	const char *want[] = {"p.csv:2: \x1fimport.column_invalid\x1f" "column\x1fTH01.1\x1fwhy\x1f"
	                      "dna.why_allele_leading_zero\x1fvalue\x1f" "09\x1f\n",
	                      "p.csv: \x1f" "dna.freq_sum\x1flocus\x1fTH01\x1fsum\x1f" "1.2000\x1f\n"};
	for(int i = 0; i < 2; i++) {
		buf_reset(&errors);
		buf_reset(&coded);
		problems_init(&pb, &errors, 10);
		pb.file = "p.csv";
		pb.coded = &coded;
		FILE *f = fmemopen((void *)csv[i], strlen(csv[i]), "rb");
		assert_non_null(f);
		dna_freq_rows fq;
		dna_freq_rows_init(&fq);
		if(i)
			assert_int_equal(dna_read_frequencies(f, &pb, &fq), PL_OK);
		else
			assert_int_equal(dna_read_profiles(f, DNA_FILE_REMAINS, &pb, &rows), PL_OK);
		fclose(f);
		assert_string_equal(buf_str(&coded), want[i]);
		dna_freq_rows_free(&fq);
	}
	assert_int_equal(pl_failc(&err, PL_EINPUT, "import.column_invalid", "column", "TH01.1", "why",
	                          "dna.why_allele_leading_zero", "value", "09", NULL), PL_EINPUT);
	msg_err_text(&err, LANG_UK, text, sizeof(text));
	assert_string_equal(text, "стовпець «TH01.1»: пишіть повтори без нуля попереду (9, а не 09) (отримано «09»)");
	assert_int_equal(pl_failc(&err, PL_EINPUT, "dna.freq_sum", "locus", "TH01", "sum", "1.2000", NULL), PL_EINPUT);
	msg_err_text(&err, LANG_RU, text, sizeof(text));
	assert_string_equal(text, "частоты TH01 в сумме дают 1.2000: больше 1");
	/* a screening's setting out of range */
	dna_params p = DNA_PARAMS_INIT;
	assert_int_equal(dna_params_set(&p, "theta", 2, &err), PL_EINPUT);
	assert_string_equal(err.msg, "theta: expected a number from 0 to 0.25 (got 2)");
	assert_string_equal(err.code, "dna.param_range");
	msg_err_text(&err, LANG_UK, text, sizeof(text));
	assert_string_equal(text, "theta: очікується число від 0 до 0.25 (отримано 2)");
	assert_int_equal(dna_params_add_marker(&p, "TH01=stepwise:0.1:0.01:2", &err), PL_EINPUT);
	assert_string_equal(err.msg, "marker_mutation: 'TH01=stepwise:0.1:0.01:2': the range: expected a number "
	                             "above 0, up to 1 (got 2)");
	msg_err_text(&err, LANG_RU, text, sizeof(text));
	assert_contains(text, "убывание: ожидается число больше 0, до 1 (получено 2)");
	buf_free(&errors);
	buf_free(&coded);
	dna_rows_free(&rows);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_allele_designations),
		cmocka_unit_test(test_remains_file),
		cmocka_unit_test(test_problems_have_line_and_column),
		cmocka_unit_test(test_header_problems),
		cmocka_unit_test(test_frequency_file),
		cmocka_unit_test(test_counting_with_the_floor),
		cmocka_unit_test(test_the_nist_file),
		cmocka_unit_test(test_sex_and_amelogenin),
		cmocka_unit_test(test_messages_by_code),
	};
	return cmocka_run_group_tests_name("dna/read", tests, NULL, NULL);
}
