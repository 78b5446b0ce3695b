/* Letters to families: the template language (each placeholder, an unknown
 * one or a brace not closed refused with its line and column), dates in the
 * letter's language, the catalogue's defaults in uk/en/ru, what consent and
 * the person's status allow, the office's templates with their history,
 * and a letter sent keeping its text, closing a task, answering the
 * inquiry. */
#include "fixture.h"

#include "core/msg.h"
#include "family/letter.h"

/* ---- the template language, no database ------------------------------------ */

static pl_rc tmpl(const char *text, const char *const *v, buf *out, pl_err *err)
{
	return letter_tmpl_render(text, strlen(text), v, LANG_EN, out, err);
}

static void test_each_placeholder_is_replaced(void **state)
{
	(void)state;
	const char *v[LP_COUNT] = {"Maria", "Oleksandr Shevchenko", "12 March 1990", "REF-7", "1 March 2025",
	                           "held in captivity", "2 April 2025", "3 May 2025", "The Office", "7 June 2025"};
	buf out;
	buf_init(&out, 0);
	pl_err err = {0};
	assert_ok(tmpl("{inquirer}|{person}|{birth_date}|{inquiry_ref}|{inquiry_date}|{status}|{status_date}|"
	               "{return_date}|{office}|{today}|{{braces}}",
	               v, &out, &err),
	          &err);
	assert_string_equal(buf_str(&out), "Maria|Oleksandr Shevchenko|12 March 1990|REF-7|1 March 2025|held in captivity|"
	                                   "2 April 2025|3 May 2025|The Office|7 June 2025|{braces}");
	/* a value not known reads as such, never as an empty gap */
	buf_free(&out);
	buf_init(&out, 0);
	const char *none[LP_COUNT] = {0};
	assert_ok(letter_tmpl_render("returned on {return_date}", 25, none, LANG_UK, &out, &err), &err);
	assert_string_equal(buf_str(&out), "returned on (невідомо)");
	buf_free(&out);
}

static void refused_at(const char *text, const char *code, const char *line, const char *col)
{
	pl_err err = {0};
	buf out;
	buf_init(&out, 0);
	assert_int_equal(tmpl(text, NULL, &out, &err), PL_EINPUT);
	assert_string_equal(err.code, code);
	assert_string_equal(pl_err_arg_value(&err, "line"), line);
	assert_string_equal(pl_err_arg_value(&err, "column"), col);
	assert_int_equal(out.len, 0);
	buf_free(&out);
}

static void test_a_bad_template_is_refused_at_its_line_and_column(void **state)
{
	(void)state;
	refused_at("Dear {inquirer},\nabout {persn} now", "letters.tmpl_unknown", "2", "7");
	pl_err err = {0};
	assert_int_equal(tmpl("x\n\n  {Inquirer}", NULL, NULL, &err), PL_EINPUT);
	assert_string_equal(pl_err_arg_value(&err, "name"), "Inquirer");
	assert_contains(err.msg, "line 3, column 3: there is no placeholder {Inquirer}");
	/* columns count characters, not bytes */
	refused_at("Шановна {пані}", "letters.tmpl_unknown", "1", "9");
	refused_at("ok {person}\nа тут {person", "letters.tmpl_unclosed", "2", "7");
	refused_at("{inquirer {person}", "letters.tmpl_unclosed", "1", "1");
	refused_at("a } b", "letters.tmpl_stray", "1", "3");
	refused_at("ok\xff", "letters.tmpl_utf8", "1", "3");
	assert_ok(tmpl("{{ and }} and {{person}}", NULL, NULL, &err), &err);
}

static void test_dates_are_written_in_the_letters_language(void **state)
{
	(void)state;
	char out[96];
	letter_date_words("1990-03-12", LANG_EN, out, sizeof(out));
	assert_string_equal(out, "12 March 1990");
	letter_date_words("1990-03-12", LANG_UK, out, sizeof(out));
	assert_string_equal(out, "12 березня 1990 р.");
	letter_date_words("1990-03-12", LANG_RU, out, sizeof(out));
	assert_string_equal(out, "12 марта 1990 г.");
	letter_date_words("2022-02", LANG_UK, out, sizeof(out));
	assert_string_equal(out, "лютий 2022 р.");
	letter_date_words("1990", LANG_RU, out, sizeof(out));
	assert_string_equal(out, "1990 г.");
}

static void test_every_default_template_is_good(void **state)
{
	(void)state;
	for(int k = 0; k < LK_COUNT; k++)
		for(int l = 0; l < LANG_COUNT; l++) {
			char code[64];
			snprintf(code, sizeof(code), "letters.body_%s", letter_kind_names[k]);
			const char *t = msg_template((lang_id)l, code);
			assert_non_null(t);
			pl_err err = {0};
			assert_ok(letter_tmpl_render(t, strlen(t), NULL, l, NULL, &err), &err);
			assert_non_null(strstr(t, "{inquiry_ref}"));
		}
}

/* ---- with the database ------------------------------------------------------------ */

static void render_ok(fixture *f, const char *q, const char *kind, const char *lang, letter *l)
{
	letter_input in = {.inquiry = q, .kind = kind, .lang = lang};
	assert_ok(letter_render(f->r, &in, &f->a, l, &f->err), &f->err);
}

static pl_rc send(fixture *f, const char *q, const char *kind, const char *task, letter *l)
{
	letter_send s = {.in = {.inquiry = q, .kind = kind}, .how = "handed_over", .date = "2025-07-01", .task = task};
	return letter_send_record(f->r, &s, &f->a, l, &f->err);
}

static void repatriate(fixture *f, const char *who)
{
	static const char *const steps[][2] = {{"capture", "2025-04-01"},     {"capture_card", "2025-04-20"},
	                                       {"listed", "2025-05-01"},      {"handed_over", "2025-06-02"},
	                                       {"repatriated", "2025-06-03"}};
	for(size_t i = 0; i < sizeof(steps) / sizeof(steps[0]); i++)
		assert_ok(fx_event(f, who, steps[i][0], steps[i][1], NULL), &f->err);
}

static void test_the_default_acknowledgement_in_the_inquirers_language(void **state)
{
	fixture *f = *state;
	inquiry_result res;
	fam_first(f, &res);
	pl_err err = {0};
	assert_ok(store_meta_set(f->r, "office_name", "Координаційний штаб", &err), &err);
	letter l;
	render_ok(f, res.uid, "acknowledgement", NULL, &l);
	assert_int_equal(l.lang, LANG_UK);
	assert_string_equal(l.uid, "");
	assert_string_equal(l.office, "Координаційний штаб");
	assert_string_equal(l.recipient, "Марія Шевченко");
	assert_contains(l.body, "Шановна Марія Шевченко!"); /* a mother */
	assert_contains(l.body, "від 1 березня 2025 р.");
	assert_contains(l.body, "Шевченко Олександр Іванович, дата народження: 12 березня 1990 р.");
	assert_contains(l.body, res.uid);
	render_ok(f, res.uid, "status_update", "ru", &l);
	assert_contains(l.body, "статус этого лица: «пропавший без вести»");
	assert_contains(l.body, "по состоянию на 10 февраля 2025 г.");
	/* audited, and in the access log under the person */
	assert_true(fx_scalar(f, "SELECT count(*) FROM audit WHERE entity = 'letter' AND action = 'render'") == 2);
	assert_true(fx_scalar(f, "SELECT count(*) FROM access_log WHERE detail LIKE 'letter Q%'") == 2);
	fam_chain_intact(f);
}

/* The greeting follows the relation where it tells: a father is
 * Шановний, a spouse (or an organisation) the form that reads for anyone. */
static void test_the_greeting_follows_the_relation(void **state)
{
	fixture *f = *state;
	inquiry_result first;
	fam_first(f, &first);
	static const struct {
		const char *relation, *uk, *ru;
	} cases[] = {{"relation=father", "Шановний Іван Шевченко!", "Уважаемый Іван Шевченко!"},
	             {"relation=spouse", "Шановний(-а) Іван Шевченко!", "Уважаемый(-ая) Іван Шевченко!"}};
	for(size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		inquiry_input in;
		fam_input(&in, "inquirer=Іван Шевченко", cases[i].relation, "received=2025-03-02",
		          "consent_tracing=oral 2025-03-02", NULL);
		in.f[IF_PERSON] = first.person;
		inquiry_result res;
		assert_ok(family_inquiry_add(f->r, &in, &res, &f->err), &f->err);
		letter l;
		render_ok(f, res.uid, "acknowledgement", "uk", &l);
		assert_contains(l.body, cases[i].uk);
		render_ok(f, res.uid, "acknowledgement", "ru", &l);
		assert_contains(l.body, cases[i].ru);
		render_ok(f, res.uid, "acknowledgement", "en", &l);
		assert_contains(l.body, "Dear Іван Шевченко,");
	}
}

static void test_a_letter_needs_tracing_consent(void **state)
{
	fixture *f = *state;
	inquiry_result res;
	fam_first(f, &res);
	assert_ok(family_consent_withdraw(f->r, res.uid, "share_icrc", "2025-06-01", NULL, &f->err), &f->err);
	assert_ok(family_consent_withdraw(f->r, res.uid, "tracing", "2025-06-01", NULL, &f->err), &f->err);
	letter l;
	letter_input in = {.inquiry = res.uid, .kind = "acknowledgement"};
	assert_int_equal(letter_render(f->r, &in, &f->a, &l, &f->err), PL_ECONFLICT);
	assert_string_equal(f->err.code, "letters.no_consent");
	assert_int_equal(send(f, res.uid, "acknowledgement", NULL, &l), PL_ECONFLICT);
	assert_true(fx_scalar(f, "SELECT count(*) FROM letter") == 0);
}

static void test_a_notice_of_return_waits_for_the_return(void **state)
{
	fixture *f = *state;
	inquiry_result res;
	fam_first(f, &res);
	letter l;
	letter_input in = {.inquiry = res.uid, .kind = "return"};
	assert_int_equal(letter_render(f->r, &in, &f->a, &l, &f->err), PL_ECONFLICT);
	assert_string_equal(f->err.code, "letters.not_returned");
	assert_string_equal(pl_err_arg_value(&f->err, "status"), "missing");
	in.kind = "identification";
	assert_int_equal(letter_render(f->r, &in, &f->a, &l, &f->err), PL_ECONFLICT);
	assert_string_equal(f->err.code, "letters.not_identified");
	repatriate(f, res.person);
	render_ok(f, res.uid, "return", "en", &l);
	assert_contains(l.body, "returned home on 3 June 2025");
	/* sending it marks the inquiry answered; an acknowledgement does not */
	assert_ok(send(f, res.uid, "acknowledgement", NULL, &l), &f->err);
	inquiry_detail d;
	assert_ok(family_inquiry_get(f->r, res.uid, &f->a, &d, &f->err), &f->err);
	assert_int_equal(d.q.status, IQ_OPEN);
	assert_ok(send(f, res.uid, "return", NULL, &l), &f->err);
	assert_ok(family_inquiry_get(f->r, res.uid, &f->a, &d, &f->err), &f->err);
	assert_int_equal(d.q.status, IQ_ANSWERED);
	fam_chain_intact(f);
}

static void test_an_identification_notice_once_the_remains_are_identified(void **state)
{
	fixture *f = *state;
	inquiry_result res;
	fam_first(f, &res);
	assert_ok(fx_event(f, res.person, "remains_returned", "2025-05-01", NULL), &f->err);
	assert_ok(fx_event(f, res.person, "identified", "2025-05-20", NULL), &f->err);
	letter l;
	render_ok(f, res.uid, "identification", "uk", &l);
	assert_contains(l.body, "ідентифіковано. Ідентифікацію зареєстровано 20 травня 2025 р.");
}

static void test_a_template_edit_keeps_its_history(void **state)
{
	fixture *f = *state;
	letter_template t;
	letter_template_version *h;
	size_t nh;
	/* refused, nothing written */
	assert_int_equal(letter_template_set(f->r, "acknowledgement", "en", "Dear {inquirer}\n{nope}", &f->err),
	                 PL_EINPUT);
	assert_contains(f->err.msg, "line 2, column 1");
	assert_int_equal(letter_template_set(f->r, "acknowledgement", "en", NULL, &f->err), PL_ECONFLICT);
	assert_true(fx_scalar(f, "SELECT count(*) FROM letter_template") == 0);
	assert_ok(letter_template_set(f->r, "acknowledgement", "en", "First {inquirer}", &f->err), &f->err);
	assert_ok(letter_template_set(f->r, "acknowledgement", "en", "Second {inquirer}", &f->err), &f->err);
	assert_ok(letter_template_get(f->r, "acknowledgement", "en", &f->a, &t, &h, &nh, &f->err), &f->err);
	assert_true(t.custom);
	assert_string_equal(t.body, "Second {inquirer}");
	assert_string_equal(t.actor, "tester");
	assert_int_equal(nh, 2);
	assert_string_equal(h[1].body, "First {inquirer}");
	/* the other languages keep their defaults */
	assert_ok(letter_template_get(f->r, "acknowledgement", "uk", &f->a, &t, NULL, NULL, &f->err), &f->err);
	assert_false(t.custom);
	assert_contains(t.body, "{dear} {inquirer}!");
	/* a reset: the default again, the versions kept */
	assert_ok(letter_template_set(f->r, "acknowledgement", "en", NULL, &f->err), &f->err);
	assert_ok(letter_template_get(f->r, "acknowledgement", "en", &f->a, &t, &h, &nh, &f->err), &f->err);
	assert_false(t.custom);
	assert_contains(t.body, "{dear} {inquirer},");
	assert_int_equal(nh, 3);
	assert_null(h[0].body);
	/* a version is never changed in place */
	assert_int_not_equal(sqlite3_exec(store_db(f->r), "UPDATE letter_template SET body = 'x'", NULL, NULL, NULL),
	                     SQLITE_OK);
	assert_true(fx_scalar(f, "SELECT count(*) FROM audit WHERE entity = 'letter_template'") == 3);
	assert_int_equal(letter_template_set(f->r, "apology", "en", "x", &f->err), PL_EINPUT);
	assert_string_equal(f->err.code, "letters.kind");
}

static void test_a_sent_letter_keeps_its_text_and_closes_its_task(void **state)
{
	fixture *f = *state;
	inquiry_result res;
	fam_first(f, &res);
	assert_ok(letter_template_set(f->r, "status_update", "uk", "Стан: {status}, {status_date}.", &f->err),
	          &f->err);
	assert_ok(fx_event(f, res.person, "capture", "2025-04-02", NULL), &f->err);
	watch_report r;
	assert_ok(family_watch_run(f->r, &r, &f->err), &f->err);
	assert_int_equal(r.created, 1);
	task_query tq = TASK_QUERY_INIT;
	task_page pg;
	assert_ok(family_task_list(f->r, &tq, &f->a, &pg, &f->err), &f->err);
	assert_int_equal(pg.n, 1);
	letter l;
	assert_ok(send(f, res.uid, "status_update", pg.rows[0].uid, &l), &f->err);
	assert_string_equal(l.body, "Стан: потрапив у полон, 2 квітня 2025 р..");
	assert_true(l.uid[0] == 'L');
	assert_string_equal(l.task, pg.rows[0].uid);
	family_task t;
	assert_ok(family_task_get(f->r, pg.rows[0].uid, &f->a, &t, &f->err), &f->err);
	assert_int_equal(t.status, TS_DONE);
	assert_string_equal(t.told_how, "letter");
	assert_string_equal(t.told_on, "2025-07-01");
	assert_contains(t.note, l.uid);
	/* the template changes; the letter as sent does not */
	assert_ok(letter_template_set(f->r, "status_update", "uk", "Інший текст {person}", &f->err), &f->err);
	letter again;
	assert_ok(letter_get(f->r, l.uid, &f->a, &again, &f->err), &f->err);
	assert_string_equal(again.body, "Стан: потрапив у полон, 2 квітня 2025 р..");
	assert_string_equal(again.how, "handed_over");
	assert_string_equal(again.sent_by, "tester");
	assert_string_equal(again.person, res.person);
	letter_query lq = {.inquiry = res.uid};
	letter_page pg2;
	assert_ok(letter_list(f->r, &lq, &f->a, &pg2, &f->err), &f->err);
	assert_int_equal(pg2.n, 1);
	assert_int_equal(pg2.total, 1);
	/* a closed task is not closed twice, and nothing is recorded */
	assert_int_equal(send(f, res.uid, "status_update", pg.rows[0].uid, &l), PL_ECONFLICT);
	assert_true(fx_scalar(f, "SELECT count(*) FROM letter") == 1);
	/* by post or e-mail without the address it needs: refused, saying so */
	letter_send by = {.in = {.inquiry = res.uid, .kind = "acknowledgement"}, .how = "post"};
	assert_int_equal(letter_send_record(f->r, &by, &f->a, &l, &f->err), PL_ECONFLICT);
	assert_string_equal(f->err.code, "letters.no_address");
	by.how = "email";
	assert_int_equal(letter_send_record(f->r, &by, &f->a, &l, &f->err), PL_ECONFLICT);
	assert_string_equal(f->err.code, "letters.no_email");
	by.how = "phone";
	assert_ok(letter_send_record(f->r, &by, &f->a, &l, &f->err), &f->err);
	assert_true(fx_scalar(f, "SELECT count(*) FROM letter") == 2);
	/* bad how, a day in the future: refused */
	letter_send s = {.in = {.inquiry = res.uid, .kind = "acknowledgement"}, .how = "pigeon"};
	assert_int_equal(letter_send_record(f->r, &s, &f->a, &l, &f->err), PL_EINPUT);
	assert_string_equal(f->err.code, "letters.how");
	s.how = "email";
	s.date = "2999-01-01";
	assert_int_equal(letter_send_record(f->r, &s, &f->a, &l, &f->err), PL_EINPUT);
	assert_string_equal(f->err.code, "letters.sent_on");
	assert_true(fx_scalar(f, "SELECT count(*) FROM letter") == 2);
	fam_chain_intact(f);
}

static void test_a_task_of_another_person_is_not_closed(void **state)
{
	fixture *f = *state;
	inquiry_result res, other;
	fam_first(f, &res);
	inquiry_input in;
	fam_input(&in, "inquirer=Олена Коваль", "surname=Коваль", "given_names=Петро", "birth_date=1985-01-01", "received=2025-03-01", "last_seen_date=2025-02-01",
	          "consent_tracing=oral", NULL);
	assert_ok(family_inquiry_add(f->r, &in, &other, &f->err), &f->err);
	assert_ok(fx_event(f, other.person, "capture", "2025-04-02", NULL), &f->err);
	watch_report r;
	assert_ok(family_watch_run(f->r, &r, &f->err), &f->err);
	task_query tq = TASK_QUERY_INIT;
	task_page pg;
	assert_ok(family_task_list(f->r, &tq, &f->a, &pg, &f->err), &f->err);
	assert_int_equal(pg.n, 1);
	letter l;
	assert_int_equal(send(f, res.uid, "acknowledgement", pg.rows[0].uid, &l), PL_ECONFLICT);
	assert_string_equal(f->err.code, "letters.task_other_person");
	assert_true(fx_scalar(f, "SELECT count(*) FROM letter") == 0);
	assert_true(fx_scalar(f, "SELECT count(*) FROM family_task WHERE status = 'open'") == 1);
}

/* The letterhead's name: one line of at most 200 characters, refused
 * otherwise with nothing written; set and taken away, each audited with
 * the name before and after. */
static void test_the_office_name_is_one_line_and_audited(void **state)
{
	fixture *f = *state;
	static const struct {
		const char *name, *code;
	} bad[] = {{"Штаб\nдругий рядок", "letters.office_control"},
	           {"Штаб\tтаб", "letters.office_control"},
	           {"\xd0\x28", "letters.office_utf8"}};
	for(size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		pl_err err = {0};
		assert_int_equal(letter_office_set(f->r, bad[i].name, &err), PL_EINPUT);
		assert_string_equal(err.code, bad[i].code);
	}
	char longer[LETTER_OFFICE_MAX * 2 + 3] = "";
	for(int i = 0; i <= LETTER_OFFICE_MAX; i++)
		strcat(longer, "ш"); /* 201 characters, 402 bytes */
	pl_err err = {0};
	assert_int_equal(letter_office_set(f->r, longer, &err), PL_EINPUT);
	assert_string_equal(err.code, "letters.office_long");
	longer[LETTER_OFFICE_MAX * 2] = '\0'; /* 200: taken */
	assert_ok(letter_office_set(f->r, longer, &f->err), &f->err);
	assert_true(fx_scalar(f, "SELECT count(*) FROM audit WHERE action = 'office_set'") == 1);
	const char *name = NULL;
	assert_ok(letter_office_set(f->r, "Координаційний штаб", &f->err), &f->err);
	assert_ok(letter_office_get(f->r, &f->a, &name, &f->err), &f->err);
	assert_string_equal(name, "Координаційний штаб");
	assert_ok(letter_office_set(f->r, "", &f->err), &f->err);
	assert_ok(letter_office_get(f->r, &f->a, &name, &f->err), &f->err);
	assert_null(name);
	assert_true(fx_scalar(f, "SELECT count(*) FROM audit WHERE action = 'office_set'") == 3);
	assert_true(fx_scalar(f, "SELECT count(*) FROM audit WHERE action = 'office_set' AND before LIKE "
	                         "'%Координаційний штаб%' AND after = '{\"office\":null}'") == 1);
	fam_chain_intact(f);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_each_placeholder_is_replaced),
		cmocka_unit_test(test_a_bad_template_is_refused_at_its_line_and_column),
		cmocka_unit_test(test_dates_are_written_in_the_letters_language),
		cmocka_unit_test(test_every_default_template_is_good),
		cmocka_unit_test_setup_teardown(test_the_default_acknowledgement_in_the_inquirers_language, fixture_setup,
		                                fixture_teardown),
		cmocka_unit_test_setup_teardown(test_the_greeting_follows_the_relation, fixture_setup, fixture_teardown),
		cmocka_unit_test_setup_teardown(test_a_letter_needs_tracing_consent, fixture_setup, fixture_teardown),
		cmocka_unit_test_setup_teardown(test_a_notice_of_return_waits_for_the_return, fixture_setup,
		                                fixture_teardown),
		cmocka_unit_test_setup_teardown(test_an_identification_notice_once_the_remains_are_identified,
		                                fixture_setup, fixture_teardown),
		cmocka_unit_test_setup_teardown(test_a_template_edit_keeps_its_history, fixture_setup, fixture_teardown),
		cmocka_unit_test_setup_teardown(test_a_sent_letter_keeps_its_text_and_closes_its_task, fixture_setup,
		                                fixture_teardown),
		cmocka_unit_test_setup_teardown(test_a_task_of_another_person_is_not_closed, fixture_setup,
		                                fixture_teardown),
		cmocka_unit_test_setup_teardown(test_the_office_name_is_one_line_and_audited, fixture_setup,
		                                fixture_teardown),
	};
	return cmocka_run_group_tests_name("family letters", tests, NULL, NULL);
}
