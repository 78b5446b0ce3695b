/* Persons across scripts: the columns a person becomes, the list reader's
 * errors, and a generated Ukrainian/Russian linkage benchmark scored
 * against its truth. */
#include "testutil.h"

#include "demo/demo.h"
#include "core/msg.h"
#include "match/person.h"

static names *nm;

static int setup(void **state)
{
	(void)state;
	pl_err err = {0};
	return names_open(&nm, &err) ? -1 : 0;
}

static int teardown(void **state)
{
	(void)state;
	names_close(nm);
	return 0;
}

static void read_text(const char *text, match_list *l, pl_rc want, pl_err *err)
{
	FILE *f = fmemopen((void *)text, strlen(text), "r");
	assert_non_null(f);
	pl_rc rc = match_list_read(nm, f, "list.csv", NULL, l, err);
	fclose(f);
	if(rc != want)
		fail_msg("rc %d, expected %d: %s", rc, want, err->msg);
}

/* Олександр in Ukrainian, Александр in Russian and Oleksandr in a
 * passport share one canonical key; the service number loses its dash
 * and its Cyrillic letters. */
static void test_columns_across_scripts(void **state)
{
	(void)state;
	match_list l;
	pl_err err = {0};
	read_text("surname,given_names,patronymic,given_names_latin,birth_date,service_number,unit\n"
	          "Шевченко,Олександр,Іванович,,1990-03-12,АБ-123456,в/ч А1234\n"
	          "Шевченко,Александр,Иванович,,1990-03,,\n"
	          "Shevchenko,,,Oleksandr,1990,ab123456,military unit A1234\n",
	          &l, PL_OK, &err);
	assert_int_equal(l.side.n, 3);
	const char *eq0 = match_value(&l.side, 0, MP_GIVEN_EQ);
	assert_non_null(eq0);
	assert_string_equal(match_value(&l.side, 1, MP_GIVEN_EQ), eq0);
	assert_string_equal(match_value(&l.side, 2, MP_GIVEN_EQ), eq0);
	assert_string_not_equal(match_value(&l.side, 0, MP_GIVEN), match_value(&l.side, 1, MP_GIVEN));
	assert_string_equal(match_value(&l.side, 1, MP_PATR_EQ), match_value(&l.side, 0, MP_PATR_EQ));
	assert_string_equal(match_value(&l.side, 0, MP_BIRTH), "19900312");
	assert_string_equal(match_value(&l.side, 1, MP_BIRTH), "19900300");
	assert_string_equal(match_value(&l.side, 2, MP_BIRTH_YEAR), "1990");
	assert_string_equal(match_value(&l.side, 0, MP_SERVICE), "AB123456");
	assert_string_equal(match_value(&l.side, 2, MP_SERVICE), "AB123456");
	assert_string_equal(match_value(&l.side, 0, MP_UNIT), "1234");
	assert_string_equal(match_value(&l.side, 2, MP_UNIT), "1234");
	assert_null(match_value(&l.side, 1, MP_SERVICE));
	/* Either order of surname and given name blocks together. */
	assert_non_null(match_value(&l.side, 0, MP_NAME_PAIR));
	assert_string_equal(l.ids[0], "2"); /* the line, without an id column */
	match_list_free(&l);
}

/* Lists write dates and sex as offices do: 12.03.1990 and ч are read as
 * the registry keeps them; what cannot be read (a two-digit year, an
 * impossible day, an unknown word) is compared as unknown and said, per
 * column, with the first value's line and why. */
static void test_list_values_as_offices_write_them(void **state)
{
	(void)state;
	match_list l;
	pl_err err = {0};
	read_text("surname,given_names,birth_date,sex\n"
	          "Шевченко,Олександр,12.03.1990,ч\n"
	          "Коваленко,Марія,03.1985,Ж.\n"
	          "Бондар,Іван,1990-03-12 00:00:00,M\n"
	          "Ткаченко,Петро,02.01.85,чоловіча\n"
	          "Мельник,Ольга,31.02.1990,жін\n"
	          "Бойко,Іван,1990,x\n",
	          &l, PL_OK, &err);
	assert_int_equal(l.side.n, 6);
	assert_string_equal(match_value(&l.side, 0, MP_BIRTH), "19900312");
	assert_string_equal(match_value(&l.side, 1, MP_BIRTH), "19850300");
	assert_string_equal(match_value(&l.side, 2, MP_BIRTH), "19900312");
	assert_null(match_value(&l.side, 3, MP_BIRTH));
	assert_null(match_value(&l.side, 4, MP_BIRTH));
	static const char *const sex[] = {"male", "female", "male", "male", "female", NULL};
	for(int j = 0; j < 6; j++)
		if(sex[j])
			assert_string_equal(match_value(&l.side, (size_t)j, MP_SEX), sex[j]);
		else
			assert_null(match_value(&l.side, (size_t)j, MP_SEX));
	pl_err w[MATCH_LIST_WARNINGS_MAX] = {{0}};
	assert_int_equal(match_list_warnings(&l, w), 2);
	assert_string_equal(w[0].code, "match.list_unread");
	assert_string_equal(pl_err_arg_value(&w[0], "column"), "birth_date");
	assert_string_equal(pl_err_arg_value(&w[0], "n"), "2");
	assert_string_equal(pl_err_arg_value(&w[0], "line"), "5");
	assert_string_equal(pl_err_arg_value(&w[0], "value"), "02.01.85");
	assert_string_equal(pl_err_arg_value(&w[0], "why"), "why.two_digit_year");
	assert_contains(w[0].msg, "line 5");
	assert_string_equal(pl_err_arg_value(&w[1], "column"), "sex");
	assert_string_equal(pl_err_arg_value(&w[1], "n"), "1");
	assert_string_equal(pl_err_arg_value(&w[1], "line"), "7");
	match_list_free(&l);
	/* a clean list warns of nothing */
	read_text("surname,birth_date,sex\nШевченко,1990-03-12,male\n", &l, PL_OK, &err);
	assert_int_equal(match_list_warnings(&l, w), 0);
	match_list_free(&l);
}

/* The other side's lists head their columns in their own language:
 * Прізвище, Дата рождения, Date of birth, a field's name in any case are
 * read as the fields, and each such column is kept to be said; a field
 * given by two columns is refused naming both; a column that is none of
 * them is left out and said by name. */
static void test_list_headers_in_their_own_language(void **state)
{
	(void)state;
	match_list l;
	pl_err err = {0};
	read_text("Прізвище,Ім\xE2\x80\x99я,По батькові,Дата народження,Стать,Birth Place,В/Ч,ext.icrc\n"
	          "Шевченко,Олександр,Іванович,12.03.1990,ч,Київ,А1234,R-1\n",
	          &l, PL_OK, &err);
	assert_int_equal(l.side.n, 1);
	assert_non_null(match_value(&l.side, 0, MP_SURNAME));
	assert_non_null(match_value(&l.side, 0, MP_GIVEN));
	assert_non_null(match_value(&l.side, 0, MP_PATR));
	assert_string_equal(match_value(&l.side, 0, MP_BIRTH), "19900312");
	assert_string_equal(match_value(&l.side, 0, MP_SEX), "male");
	assert_non_null(match_value(&l.side, 0, MP_PLACE));
	assert_string_equal(match_value(&l.side, 0, MP_UNIT), "1234");
	static const int fields[] = {PF_SURNAME, PF_GIVEN_NAMES, PF_PATRONYMIC, PF_BIRTH_DATE, PF_SEX,
	                             PF_BIRTH_PLACE, PF_UNIT};
	assert_int_equal(l.naliases, 7);
	for(int k = 0; k < 7; k++)
		assert_int_equal(l.aliases[k].field, fields[k]);
	assert_string_equal(l.aliases[0].header, "Прізвище");
	match_list_free(&l);
	read_text("Фамилия,Имя,Отчество,Дата рождения\nШевченко,Александр,Иванович,1990\n", &l, PL_OK, &err);
	assert_int_equal(l.naliases, 4);
	assert_string_equal(match_value(&l.side, 0, MP_BIRTH_YEAR), "1990");
	match_list_free(&l);
	/* the registry's own names are not "read by their headers" */
	read_text("surname,birth_date\nA,1990\n", &l, PL_OK, &err);
	assert_int_equal(l.naliases, 0);
	match_list_free(&l);
	read_text("Фамилия,surname\nA,B\n", &l, PL_EINPUT, &err);
	assert_string_equal(err.code, "match.column_twice");
	assert_non_null(strstr(err.msg, "columns 'Фамилия' and 'surname' both give surname"));
	/* a column that is no field is left out and said, not refused */
	read_text("Прізвище,Зріст,Примітка\nA,180,x\n", &l, PL_OK, &err);
	pl_err w[MATCH_LIST_WARNINGS_MAX] = {{0}};
	assert_int_equal(match_list_warnings(&l, w), 1);
	assert_string_equal(w[0].code, "match.columns_left_out");
	assert_string_equal(pl_err_arg_value(&w[0], "n"), "2");
	assert_string_equal(pl_err_arg_value(&w[0], "columns"), "'Зріст', 'Примітка'");
	match_list_free(&l);
}

/* A list with the whole name in one column, in any order, keys as one
 * with the parts in their own columns. */
static void test_whole_names_in_any_order(void **state)
{
	(void)state;
	match_list l;
	pl_err err = {0};
	read_text("name,patronymic,birth_date\n"
	          "Олександр Іванович Шевченко,,1990-03-12\n"
	          "SHEVCHENKO Oleksandr,,1990\n"
	          "\"Шевченко, Александр\",Иванович,\n",
	          &l, PL_OK, &err);
	assert_int_equal(l.side.n, 3);
	for(size_t i = 1; i < 3; i++) {
		assert_string_equal(match_value(&l.side, i, MP_SURNAME), match_value(&l.side, 0, MP_SURNAME));
		assert_string_equal(match_value(&l.side, i, MP_GIVEN_EQ), match_value(&l.side, 0, MP_GIVEN_EQ));
	}
	assert_string_equal(match_value(&l.side, 2, MP_PATR_EQ), match_value(&l.side, 0, MP_PATR_EQ));
	assert_null(match_value(&l.side, 1, MP_PATR));
	match_list_free(&l);
}

static void test_list_errors_say_where(void **state)
{
	(void)state;
	match_list l;
	pl_err err = {0};
	read_text("shoe_size,birth_date\n44,1990-01-01\n", &l, PL_EINPUT, &err);
	assert_non_null(strstr(err.msg, "no name column"));
	read_text("birth_date\n1990-01-01\n", &l, PL_EINPUT, &err);
	assert_non_null(strstr(err.msg, "no name column"));
	read_text("surname,given_names\nA,B\nC\n", &l, PL_EINPUT, &err);
	assert_non_null(strstr(err.msg, "list.csv:3"));
	read_text("surname,given_names\nA,B\n,,\n", &l, PL_EINPUT, &err);
	assert_non_null(strstr(err.msg, "list.csv:3"));
	read_text("surname,given_names\n\xff,B\n", &l, PL_EINPUT, &err);
	assert_non_null(strstr(err.msg, "UTF-8"));
	read_text("", &l, PL_EINPUT, &err);
	assert_non_null(strstr(err.msg, "empty"));
	FILE *f = fmemopen((void *)"surname\nA\n", 10, "r");
	assert_int_equal(match_list_read(nm, f, "list.csv", "ext.hq", &l, &err), PL_EINPUT);
	assert_non_null(strstr(err.msg, "ext.hq"));
	fclose(f);
	/* JSON is not read as a broken CSV: the message says what a list is,
	 * by its code, in the user's language. */
	read_text("{\"surname\": \"A\"}\n", &l, PL_EINPUT, &err);
	assert_string_equal(err.code, "match.json_list");
	assert_non_null(strstr(err.msg, "list.csv: a list to reconcile is CSV, and this is JSON. Save it as CSV"));
	char ru[PL_ERR_MSG_MAX];
	msg_err_text(&err, LANG_RU, ru, sizeof(ru));
	assert_non_null(strstr(ru, "list.csv: список для сверки должен быть в CSV"));
	/* after a byte order mark too, and by the file's name */
	read_text("\xEF\xBB\xBF[{\"surname\": \"A\"}]", &l, PL_EINPUT, &err);
	assert_string_equal(err.code, "match.json_list");
	FILE *j = fmemopen((void *)"surname\nA\n", 10, "r");
	assert_int_equal(match_list_read(nm, j, "b.jsonl", NULL, &l, &err), PL_EINPUT);
	assert_string_equal(err.code, "match.json_list");
	fclose(j);
	/* a byte order mark before a CSV header is still read */
	read_text("\xEF\xBB\xBFsurname\nA\n", &l, PL_OK, &err);
	assert_int_equal(l.side.n, 1);
	match_list_free(&l);
	read_text("surname,given_names\nA,B\nC\n", &l, PL_EINPUT, &err);
	assert_string_equal(err.code, "match.fields_count");
	msg_err_text(&err, LANG_UK, ru, sizeof(ru));
	assert_string_equal(ru, "list.csv:3: полів: 1, а в заголовку: 2");
}

/* 2,000 people on two lists, in Ukrainian and in the Russian forms and
 * schemes with the documented corruptions: F1 at least 0.98. */
static void test_cross_script_linkage(void **state)
{
	(void)state;
	char *abuf = NULL, *bbuf = NULL;
	size_t alen = 0, blen = 0;
	FILE *fa = open_memstream(&abuf, &alen), *fb = open_memstream(&bbuf, &blen);
	pl_err err = {0};
	assert_ok(registry_demo_linkage(fa, fb, 2000, 7, &err), &err);
	fclose(fa);
	fclose(fb);
	match_list la, lb;
	fa = fmemopen(abuf, alen, "r");
	fb = fmemopen(bbuf, blen, "r");
	assert_ok(match_list_read(nm, fa, "a.csv", "ext.bench", &la, &err), &err);
	assert_ok(match_list_read(nm, fb, "b.csv", "ext.bench", &lb, &err), &err);
	fclose(fa);
	fclose(fb);
	match_opts o = MATCH_OPTS_DEFAULT;
	match_result r;
	assert_ok(match_link(&match_person_spec, &la.side, &lb.side, &o, &r, &err), &err);
	size_t tp = 0, fp = 0, truth = 0;
	for(size_t k = 0; k < r.npairs; k++)
		if(r.pairs[k].status == MATCH_LINK)
			strcmp(la.ids[r.pairs[k].a], lb.ids[r.pairs[k].b]) ? fp++ : tp++;
	for(size_t j = 0; j < lb.side.n; j++)
		truth += atol(lb.ids[j] + 1) < 2000;
	double p = (double)tp / (double)(tp + fp), rc = (double)tp / (double)truth;
	double f1 = 2 * p * rc / (p + rc);
	print_message("# cross-script 2000 x 2000: precision %.4f recall %.4f F1 %.4f\n", p, rc, f1);
	assert_true(truth > 1500 && truth < 1700); /* about 80% on both */
	assert_true(f1 >= 0.98);
	match_result_free(&r);
	match_list_free(&la);
	match_list_free(&lb);
	free(abuf);
	free(bbuf);
}

/* A whole name under the headers lists give it (ПІБ, Ф.И.О., full name),
 * split in the order the list shows: the rows with a patronymic vote, a
 * row without a clue follows them; with no vote, each row its own way. */
static void test_whole_names_in_the_lists_order(void **state)
{
	(void)state;
	match_list l;
	pl_err err = {0};
	read_text("Ф.И.О.,birth_date\nОлександр Іванович Шевченко,1990\nПетро Миколайович Коваль,1985\n"
	          "Гвідо Зюзюкін,1980\n", &l, PL_OK, &err);
	assert_int_equal(l.name_order, NAMES_SURNAME_LAST);
	assert_int_equal(l.order_votes[NAMES_SURNAME_LAST], 2);
	assert_int_equal(l.split[2], NAMES_SPLIT_LIST_ORDER);
	assert_string_equal(l.shown[2 * MATCH_SHOWN + 0], "Зюзюкін");
	assert_string_equal(l.shown[2 * MATCH_SHOWN + 1], "Гвідо");
	/* the columns were keyed again from the new parts */
	const char *row[MP_COLS];
	arena a;
	arena_init(&a, 0);
	person p = {0};
	p.f[PF_SURNAME] = "Зюзюкін";
	p.f[PF_GIVEN_NAMES] = "Гвідо";
	p.f[PF_BIRTH_DATE] = "1980";
	assert_int_equal(match_person_row(nm, &p, &a, row), PL_OK);
	assert_string_equal(match_value(&l.side, 2, MP_SURNAME), row[MP_SURNAME]);
	assert_string_equal(match_value(&l.side, 2, MP_NAME_PAIR), row[MP_NAME_PAIR]);
	arena_free(&a);
	match_list_free(&l);
	read_text("ПІБ\nШевченко Олександр Іванович\nЗюзюкін Гвідо\n", &l, PL_OK, &err);
	assert_int_equal(l.name_order, NAMES_SURNAME_FIRST);
	assert_string_equal(l.shown[1 * MATCH_SHOWN + 0], "Зюзюкін");
	match_list_free(&l);
	read_text("full_name\nГвідо Зюзюкін\n", &l, PL_OK, &err);
	assert_int_equal(l.name_order, 0);
	assert_int_equal(l.split[0], NAMES_SPLIT_SURNAME_FIRST);
	match_list_free(&l);
	/* an empty header is no whole name (fuzz_list found it folding to
	 * nothing): its column is left out */
	read_text(",surname\nx,A\n", &l, PL_OK, &err);
	assert_int_equal(l.ncols_left_out, 1);
	assert_string_equal(l.cols_left_out, "''");
	assert_null(match_value(&l.side, 0, MP_GIVEN));
	match_list_free(&l);
	/* a spreadsheet's empty columns after the last, empty in every row: nothing to say */
	read_text("surname;given_names;;\nA;B;;\nC;D; ;\n", &l, PL_OK, &err);
	assert_int_equal(l.side.n, 2);
	assert_int_equal(l.ncols_left_out, 0);
	match_list_free(&l);
	/* a header that is neither a whole name nor a field gives no name
	 * (Фамилия alone is the surname: test_list_headers_...) */
	read_text("Прізвисько\nШевченко\n", &l, PL_EINPUT, &err);
	assert_non_null(strstr(err.msg, "no name column"));
}

/* Surnames no dictionary knows meet by their skeletons (the consonants:
 * Білокінь/Белоконь, Хомич/Фомич, Підгорська/Подгорская) and compare by
 * the learned distance (і/е and і/о cost less than an edit: "learned<=2",
 * where Jaro-Winkler saw nothing); given name and surname exchanged and
 * spelt differently too compare as "swapped". */
static void test_unknown_surnames_meet_by_skeleton(void **state)
{
	(void)state;
	static const char *const same[][2] = {{"bilokin", "belokon"}, {"homic", "fomic"},
	                                      {"pidhorska", "podhorskaia"}, {"biliaiev", "beliaev"}};
	for(size_t k = 0; k < sizeof(same) / sizeof(same[0]); k++) {
		char x[64], y[64];
		match_skeleton(same[k][0], x, sizeof(x));
		match_skeleton(same[k][1], y, sizeof(y));
		assert_string_equal(x, y);
	}
	char sk[64];
	match_skeleton("kovalenko", sk, sizeof(sk));
	assert_string_equal(sk, "kvlnk");
	match_list a, b;
	pl_err err = {0};
	read_text("surname,given_names,patronymic,birth_date\n"
	          "Білокінь,Петро,Іванович,1980-02-03\nГорошгорець,Володимир,Вікторович,1989-07-10\n",
	          &a, PL_OK, &err);
	read_text("surname,given_names,patronymic,birth_date\n"
	          "Белоконь,Пётр,Иванович,1980-02-03\nВладимир,Горошгорец,Викторович,1989-07-10\n",
	          &b, PL_OK, &err);
	assert_string_equal(match_value(&a.side, 0, MP_SURNAME_SKEL), match_value(&b.side, 0, MP_SURNAME_SKEL));
	assert_string_equal(match_value(&a.side, 1, MP_SKEL_PAIR), match_value(&b.side, 1, MP_SKEL_PAIR));
	const char *const *lvl;
	match_levels(MATCH_NAME, &lvl);
	uint8_t level[MATCH_CMPS_MAX];
	match_compare(&match_person_spec, &a.side, 0, &b.side, 0, level);
	assert_string_equal(lvl[level[0]], "learned<=2");
	match_compare(&match_person_spec, &a.side, 1, &b.side, 1, level);
	assert_string_equal(lvl[level[0]], "swapped");
	assert_string_equal(lvl[level[1]], "swapped");
	match_list_free(&a);
	match_list_free(&b);
}

/* Everyone with the same given name, patronymic and birth date: those
 * fields tell nobody apart (weighed 0, said), no blocking rule leaves two
 * that vary, so EM cannot learn: prior values, said, and the lists link on
 * the surname (before the guard: 0 links, 0 reviews, no word why). */
static void test_degenerate_lists_fall_back_and_say_so(void **state)
{
	(void)state;
	static const char *const stem[] = {"Кова", "Бонда", "Шев", "Ткач", "Крав", "Олій", "Мель", "Полі", "Лис", "Руд"};
	static const char *const end[] = {"енко", "ук", "ич", "ишин", "ець", "ак", "ченко", "ський", "ар", "ан"};
	buf text;
	buf_init(&text, 0);
	assert_int_equal(buf_adds(&text, "ext.hq,surname,given_names,patronymic,birth_date\n"), PL_OK);
	enum { N = 100 };
	for(int i = 0; i < N; i++)
		assert_int_equal(buf_printf(&text, "HQ%d,%s%s,Іван,Петрович,1990-01-01\n", i, stem[i % 10], end[i / 10]),
		                 PL_OK);
	match_list la, lb;
	pl_err err = {0};
	FILE *fa = fmemopen(text.ptr, text.len, "r"), *fb = fmemopen(text.ptr, text.len, "r");
	assert_ok(match_list_read(nm, fa, "a.csv", "ext.hq", &la, &err), &err);
	assert_ok(match_list_read(nm, fb, "b.csv", "ext.hq", &lb, &err), &err);
	fclose(fa);
	fclose(fb);
	match_opts o = MATCH_OPTS_DEFAULT;
	match_result r;
	assert_ok(match_link(&match_person_spec, &la.side, &lb.side, &o, &r, &err), &err);
	assert_int_equal(r.fallback, MATCH_NO_VARIATION);
	assert_true(r.constant & (1u << 1)); /* given_names */
	assert_false(r.constant & 1u);       /* surname varies */
	size_t right = 0;
	for(size_t k = 0; k < r.npairs; k++)
		right += r.pairs[k].status == MATCH_LINK && !strcmp(la.ids[r.pairs[k].a], lb.ids[r.pairs[k].b]);
	assert_true(right >= N * 95 / 100);
	assert_int_equal(r.links, right);
	pl_err w[MATCH_WARNINGS_MAX];
	int n = match_warnings(&match_person_spec, &r, la.side.n, lb.side.n, w);
	assert_int_equal(n, 3);
	assert_string_equal(w[0].code, "match.constant");
	assert_string_equal(pl_err_arg_value(&w[0], "fields"), "given_names, patronymic, birth_date");
	assert_string_equal(w[1].code, "match.fallback_no_variation");
	/* All 100 share a birth date and patronymic: that rule's block is
	 * over its cap, and it is said to be skipped. */
	assert_string_equal(w[2].code, "match.blocks_skipped");
	assert_string_equal(pl_err_arg_value(&w[2], "n"), "1");
	match_result_free(&r);
	match_list_free(&la);
	match_list_free(&lb);
	buf_free(&text);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_columns_across_scripts),
		cmocka_unit_test(test_list_values_as_offices_write_them),
		cmocka_unit_test(test_list_headers_in_their_own_language),
		cmocka_unit_test(test_whole_names_in_any_order),
		cmocka_unit_test(test_whole_names_in_the_lists_order),
		cmocka_unit_test(test_list_errors_say_where),
		cmocka_unit_test(test_cross_script_linkage),
		cmocka_unit_test(test_degenerate_lists_fall_back_and_say_so),
		cmocka_unit_test(test_unknown_surnames_meet_by_skeleton),
	};
	return cmocka_run_group_tests_name("match/person", tests, setup, teardown);
}
