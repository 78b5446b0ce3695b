/* The demo remains: the same seed gives the same bytes, batches of about
 * 1,200 with tags that name them, and a file that imports as it is (the
 * import test imports 10,000 of them). */
#include "testutil.h"

#include "core/csv.h"
#include "demo/demo.h"

typedef struct text {
	char *data;
	size_t len;
} text;

static void gen(long n, uint64_t seed, text *out)
{
	FILE *f = open_memstream(&out->data, &out->len);
	assert_non_null(f);
	pl_err err = {0};
	assert_ok(remains_demo_generate(f, n, seed, &err), &err);
	assert_int_equal(fclose(f), 0);
}

static void test_the_same_seed_gives_the_same_bytes(void **state)
{
	(void)state;
	text a, b, c;
	gen(3000, 5, &a);
	gen(3000, 5, &b);
	gen(3000, 6, &c);
	assert_int_equal(a.len, b.len);
	assert_memory_equal(a.data, b.data, a.len);
	assert_true(a.len != c.len || memcmp(a.data, c.data, a.len));
	free(a.data);
	free(b.data);
	free(c.data);
	pl_err err = {0};
	assert_int_equal(remains_demo_generate(stdout, 2000000, 1, &err), PL_EINPUT);
}

static void test_batches_of_about_1200_with_their_tags(void **state)
{
	(void)state;
	text t;
	gen(6000, 1, &t);
	FILE *f = fmemopen(t.data, t.len, "rb");
	csv_reader *cr;
	pl_err err = {0};
	assert_ok(csv_reader_open(&cr, f, "demo.csv", &err), &err);
	csv_record rec;
	bool eof;
	assert_ok(csv_read(cr, &rec, &eof, &err), &err);
	assert_string_equal(rec.fields[0], "tag");
	char batch[64] = "", last_date[16] = "";
	long sizes[16] = {0}, rows = 0;
	int nb = -1;
	report rep = {0};
	while(!csv_read(cr, &rec, &eof, &err) && !eof) {
		rows++;
		if(strcmp(batch, rec.fields[1])) {
			snprintf(batch, sizeof(batch), "%s", rec.fields[1]);
			if(strcmp(rec.fields[4], last_date) <= 0)
				report_add(&rep, "batch %s: not after %s\n", batch, last_date);
			snprintf(last_date, sizeof(last_date), "%s", rec.fields[4]);
			nb++;
		}
		if(nb < 16)
			sizes[nb]++;
		char tag[64];
		snprintf(tag, sizeof(tag), "UA-%s-%04ld", rec.fields[4], sizes[nb < 16 ? nb : 15]);
		if(strcmp(tag, rec.fields[0]) || strcmp(rec.fields[2], "RU") || strcmp(rec.fields[3], "UA") ||
		   strcmp(rec.fields[4], "2025-10-30") > 0)
			report_add(&rep, "row %ld: %s %s %s %s\n", rows, rec.fields[0], rec.fields[2],
			           rec.fields[3], rec.fields[4]);
	}
	assert_int_equal(rows, 6000);
	for(int i = 0; i < nb; i++) /* all but the last, which holds the rest */
		if(sizes[i] < 1150 || sizes[i] > 1250)
			report_add(&rep, "batch %d: %ld cases\n", i, sizes[i]);
	assert_string_equal(last_date, "2025-10-30");
	report_check(&rep, (int)rows);
	csv_reader_close(cr);
	fclose(f);
	free(t.data);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_the_same_seed_gives_the_same_bytes),
		cmocka_unit_test(test_batches_of_about_1200_with_their_tags),
	};
	return cmocka_run_group_tests_name("demo/remains", tests, NULL, NULL);
}
