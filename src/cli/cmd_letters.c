/* parley letters templates | template-show | template-set | template-reset |
 *                render | send | list | show | office
 *
 * Letters to families (docs/families.md, "Letters"): the templates an
 * office keeps, a letter rendered for an inquiry, and the letters sent.
 * The command line is the office's operator with the database file: it
 * shows the addresses, and writes its reads to the access log. */
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "cli/cli.h"
#include "core/file.h"
#include "core/msg.h"
#include "family/letter.h"

static const char kind_lang_args[] = "give the letter's kind and language: KIND LANG";

/* ---- templates ---------------------------------------------------------------- */

static const char templates_usage[] =
	"usage: parley letters templates [--json]\n"
	"\n"
	"The letter templates in use, a kind and language a row: the catalogue's\n"
	"default, or the office's own version (who saved it, when).\n"
	"\n"
	"  kinds: acknowledgement, status_update, return, identification\n"
	"  languages: uk, en, ru\n"
	"\n"
	"example:\n"
	"  parley letters templates\n";

static int templates_cmd(cli *c, int argc, char **argv)
{
	static const cli_spec spec = {.usage = templates_usage};
	store *st;
	int status = cli_start(c, argc, argv, &spec, NULL, NULL, &st);
	if(status >= 0)
		return status;
	static const char *const head[5] = {"kind", "lang", "version", "saved by", "saved at"};
	cli_rows o;
	cli_rows_init(&o, c, 5, head, 40);
	arena a;
	arena_init(&a, 0);
	pl_err err = {0};
	pl_rc rc = PL_OK;
	for(int k = 0; k < LK_COUNT && !rc; k++)
		for(int l = 0; l < LANG_COUNT && !rc; l++) {
			letter_template t;
			if((rc = letter_template_get(st, letter_kind_names[k], lang_code((lang_id)l), &a, &t, NULL, NULL, &err)))
				break;
			if(o.arr) {
				json_t *j = letter_template_json(&t, false, NULL, 0);
				json_object_del(j, "body");
				json_array_append_new(o.arr, j);
				continue;
			}
			char ver[24];
			snprintf(ver, sizeof(ver), "%lld", (long long)t.version);
			const char *row[5] = {letter_kind_names[k], lang_code((lang_id)l), t.custom ? ver : "default",
			                      t.actor, t.saved_at};
			table_add(o.t, row);
		}
	store_close(st);
	arena_free(&a);
	return cli_rows_finish(&o, c, rc, &err);
}

static const char show_tmpl_usage[] =
	"usage: parley letters template-show KIND LANG [--history] [--json]\n"
	"\n"
	"The text of a template in use (the office's own, else the default), and\n"
	"with --history every version saved, newest first (a reset shows as\n"
	"'default').\n"
	"\n"
	"example:\n"
	"  parley letters template-show acknowledgement uk\n";

static int template_show_cmd(cli *c, int argc, char **argv)
{
	enum { HISTORY, N };
	static const cli_opt opts[] = {[HISTORY] = {.name = "history", .kind = CLI_FLAG}, {0}};
	static const cli_spec spec = {.usage = show_tmpl_usage, .opts = opts, .min_args = 2, .max_args = 2,
	                              .args_msg = kind_lang_args};
	cli_val v[N];
	store *st;
	int status = cli_start(c, argc, argv, &spec, v, NULL, &st);
	if(status >= 0)
		return status;
	arena a;
	arena_init(&a, 0);
	letter_template t;
	letter_template_version *h = NULL;
	size_t nh = 0;
	pl_err err = {0};
	pl_rc rc = letter_template_get(st, argv[optind], argv[optind + 1], &a, &t, &h, &nh, &err);
	store_close(st);
	if(!rc && c->json)
		cli_print_json(letter_template_json(&t, v[HISTORY].s != NULL, h, nh));
	else if(!rc) {
		fputs(t.body ? t.body : "", stdout);
		fputs("\n", stdout);
		for(size_t i = 0; v[HISTORY].s && i < nh; i++)
			printf("\n--- version %lld, %s, %s%s\n%s\n", (long long)h[i].version, h[i].actor ? h[i].actor : "",
			       h[i].saved_at ? h[i].saved_at : "", h[i].body ? "" : " (default)", h[i].body ? h[i].body : "");
	}
	arena_free(&a);
	return rc ? cli_fail(c, &err) : EXIT_OK;
}

static const char set_usage[] =
	"usage: parley letters template-set KIND LANG --file FILE\n"
	"\n"
	"Save the office's own text of a kind of letter in a language (FILE '-':\n"
	"standard input). The earlier version is kept. A template with an unknown\n"
	"placeholder or a brace not closed is refused, naming its line and column.\n"
	"Placeholders: {inquirer} {person} {birth_date} {inquiry_ref} {inquiry_date}\n"
	"{status} {status_date} {return_date} {office} {today}; '{{' and '}}' write\n"
	"a brace.\n"
	"\n"
	"example:\n"
	"  parley letters template-show acknowledgement uk > ack-uk.txt\n"
	"  (edit ack-uk.txt)\n"
	"  parley letters template-set acknowledgement uk --file ack-uk.txt\n";

static const char reset_usage[] =
	"usage: parley letters template-reset KIND LANG\n"
	"\n"
	"Go back to the default text of a kind and language (the office's\n"
	"versions are kept in the history).\n"
	"\n"
	"example:\n"
	"  parley letters template-reset acknowledgement uk\n";

static int template_put_cmd(cli *c, int argc, char **argv, bool reset)
{
	enum { FILE_, N };
	static const cli_opt opts[] = {[FILE_] = {.name = "file", .required = true}, {0}};
	static const cli_spec set_spec = {.usage = set_usage, .opts = opts, .min_args = 2, .max_args = 2,
	                                  .args_msg = kind_lang_args};
	static const cli_spec reset_spec = {.usage = reset_usage, .min_args = 2, .max_args = 2,
	                                    .args_msg = kind_lang_args};
	cli_val v[N];
	store *st;
	int status = cli_start(c, argc, argv, reset ? &reset_spec : &set_spec, reset ? NULL : v, NULL, &st);
	if(status >= 0)
		return status;
	const char *kind = argv[optind], *lang = argv[optind + 1];
	buf text;
	buf_init(&text, 0);
	pl_err err = {0};
	pl_rc rc = reset ? PL_OK : file_read(v[FILE_].s, LETTER_TMPL_MAX + 1, &text, &err);
	if(!rc && !reset && memchr(buf_str(&text), '\0', text.len))
		rc = pl_failc(&err, PL_EINPUT, "letters.tmpl_utf8", "line", "1", "column", "1", NULL);
	if(!rc)
		rc = letter_template_set(st, kind, lang, reset ? NULL : buf_str(&text), &err);
	if(rc && !reset && err.code && !strncmp(err.code, "letters.tmpl_", 13))
		pl_err_prefix(&err, "%s: ", v[FILE_].s);
	buf_free(&text);
	arena a;
	arena_init(&a, 0);
	letter_template t;
	if(!rc)
		rc = letter_template_get(st, kind, lang, &a, &t, NULL, NULL, &err);
	store_close(st);
	if(!rc && c->json)
		cli_print_json(letter_template_json(&t, false, NULL, 0));
	else if(!rc && reset)
		cli_say(stdout, "letters.template_reset", "kind", kind, "lang", lang, NULL);
	else if(!rc)
		cli_say(stdout, "letters.template_saved", "kind", kind, "lang", lang, "version", PL_N(t.version), NULL);
	arena_free(&a);
	return rc ? cli_fail(c, &err) : EXIT_OK;
}

static int template_set_cmd(cli *c, int argc, char **argv)
{
	return template_put_cmd(c, argc, argv, false);
}

static int template_reset_cmd(cli *c, int argc, char **argv)
{
	return template_put_cmd(c, argc, argv, true);
}

/* ---- render, send ------------------------------------------------------------------- */

static void print_letter(const letter *l)
{
	if(l->office)
		printf("%s\n", l->office);
	char day[96];
	letter_date_words(l->date, l->lang, day, sizeof(day));
	printf("%s\n\n", day);
	if(l->recipient)
		printf("%s\n", l->recipient);
	if(l->address)
		printf("%s\n", l->address);
	if(l->email)
		printf("%s\n", l->email);
	printf("\n%s\n", l->body ? l->body : "");
}

static const char render_usage[] =
	"usage: parley letters render INQUIRY --kind KIND [--lang uk|en|ru] [--template-file FILE] [--json]\n"
	"\n"
	"Write a letter to the inquirer, not sending it: the letterhead (the\n"
	"office's name, 'parley letters office'), the date, the address block and\n"
	"the text, in the inquiry's language unless --lang says another.\n"
	"--template-file renders a draft template instead of the one in use.\n"
	"Refused without the inquiry's tracing consent in force, and for a notice\n"
	"of return (identification) before the person is repatriated or released\n"
	"(their remains identified).\n"
	"\n"
	"  --kind KIND   acknowledgement, status_update, return, identification\n"
	"\n"
	"example:\n"
	"  parley letters render Q6Y1 --kind acknowledgement\n"
	"  parley letters render Q6Y1 --kind status_update --lang en\n";

static const char send_usage[] =
	"usage: parley letters send INQUIRY --kind KIND --how HOW [--lang uk|en|ru] [--date DATE]\n"
	"                           [--task TASK] [--json]\n"
	"\n"
	"Render a letter and record it as sent: how (post, email, in_person,\n"
	"phone, handed_over), on which day (default today), by whom, and its text\n"
	"as it went (a later template edit does not change it). --task closes\n"
	"that watch task as told by this letter. A notice of return or of\n"
	"identification marks an open inquiry answered.\n"
	"\n"
	"example:\n"
	"  parley letters send Q6Y1 --kind return --how post --task T2K9\n";

/* The two commands' options share their first rows. */
enum { R_KIND, R_LANG, R_TFILE = 2, R_HOW = 2, R_DATE, R_TASK, R_N };

static const cli_opt render_opts[] = {[R_KIND] = {.name = "kind", .kind = CLI_CHOICE, .required = true,
                                                  .choices = letter_kind_names},
                                      [R_LANG] = {.name = "lang", .kind = CLI_CHOICE,
                                                  .choices = (const char *const[]){"uk", "en", "ru", NULL}},
                                      [R_TFILE] = {.name = "template-file"},
                                      {0}};
static const cli_opt send_opts[] = {[R_KIND] = {.name = "kind", .kind = CLI_CHOICE, .required = true,
                                                .choices = letter_kind_names},
                                    [R_LANG] = {.name = "lang", .kind = CLI_CHOICE,
                                                .choices = (const char *const[]){"uk", "en", "ru", NULL}},
                                    [R_HOW] = {.name = "how", .kind = CLI_CHOICE, .required = true,
                                               .choices = letter_how_names},
                                    [R_DATE] = {.name = "date", .kind = CLI_DAY},
                                    [R_TASK] = {.name = "task"},
                                    {0}};

static int render_send(cli *c, int argc, char **argv, bool send)
{
	static const cli_spec render_spec = {.usage = render_usage, .opts = render_opts, .min_args = 1,
	                                     .max_args = 1, .args_msg = "give the inquiry's id, once"};
	static const cli_spec send_spec = {.usage = send_usage, .opts = send_opts, .min_args = 1, .max_args = 1,
	                                   .args_msg = "give the inquiry's id, once"};
	cli_val v[R_N] = {{0}};
	store *st;
	int status = cli_start(c, argc, argv, send ? &send_spec : &render_spec, v, NULL, &st);
	if(status >= 0)
		return status;
	letter_input in = {.inquiry = argv[optind], .kind = v[R_KIND].s, .lang = v[R_LANG].s};
	buf draft;
	buf_init(&draft, 0);
	pl_err err = {0};
	pl_rc rc = PL_OK;
	if(!send && v[R_TFILE].s && !(rc = file_read(v[R_TFILE].s, LETTER_TMPL_MAX + 1, &draft, &err)))
		in.body = buf_str(&draft);
	arena a;
	arena_init(&a, 0);
	letter l;
	if(!rc && send) {
		letter_send s = {.in = in, .how = v[R_HOW].s, .date = v[R_DATE].s, .task = v[R_TASK].s};
		rc = letter_send_record(st, &s, &a, &l, &err);
	} else if(!rc) {
		rc = letter_render(st, &in, &a, &l, &err);
	}
	store_close(st);
	if(!rc && c->json)
		cli_print_json(letter_json(&l, true));
	else if(!rc && !send)
		print_letter(&l);
	else if(!rc) {
		cli_say(stdout, "letters.sent", "letter", l.uid, "how", l.how, "date", l.sent_on, NULL);
		if(l.task)
			cli_say(stdout, "letters.task_closed", "task", l.task, "letter", l.uid, NULL);
	}
	buf_free(&draft);
	arena_free(&a);
	return rc ? cli_fail(c, &err) : EXIT_OK;
}

static int render_cmd(cli *c, int argc, char **argv)
{
	return render_send(c, argc, argv, false);
}

static int send_cmd(cli *c, int argc, char **argv)
{
	return render_send(c, argc, argv, true);
}

/* ---- list, show --------------------------------------------------------------------- */

static const char list_usage[] =
	"usage: parley letters list [--inquiry ID] [--limit N] [--offset N] [--json]\n"
	"\n"
	"The letters sent, newest first: to one inquiry's family, or all.\n"
	"\n"
	"example:\n"
	"  parley letters list --inquiry Q6Y1\n";

static int list_cmd(cli *c, int argc, char **argv)
{
	enum { INQUIRY, LIMIT, OFFSET, N };
	static const cli_opt opts[] = {[INQUIRY] = {.name = "inquiry"}, [LIMIT] = CLI_OPT_LIMIT, [OFFSET] = CLI_OPT_OFFSET,
	                               {0}};
	static const cli_spec spec = {.usage = list_usage, .opts = opts};
	cli_val v[N];
	store *st;
	int status = cli_start(c, argc, argv, &spec, v, NULL, &st);
	if(status >= 0)
		return status;
	arena a;
	arena_init(&a, 0);
	letter_query lq = {.inquiry = v[INQUIRY].s};
	cli_page(&v[LIMIT], &v[OFFSET], &lq.limit, &lq.offset);
	letter_page pg;
	pl_err err = {0};
	pl_rc rc = letter_list(st, &lq, &a, &pg, &err);
	letter *ls = pg.rows;
	size_t n = pg.n;
	rc = rc ? rc : letter_log_reads(st, ls, n, "letter_list", &err);
	store_close(st);
	if(!rc && c->json) {
		json_t *arr = json_array();
		for(size_t i = 0; i < n; i++)
			json_array_append_new(arr, letter_json(&ls[i], true));
		cli_print_json(json_pack("{s:o, s:I}", "letters", arr, "total", (json_int_t)pg.total));
	} else if(!rc) {
		static const char *const head[7] = {"id", "inquiry", "kind", "lang", "how", "sent on", "task"};
		table *t = table_new(7, head);
		for(size_t i = 0; i < n; i++) {
			const char *row[7] = {ls[i].uid, ls[i].inquiry, letter_kind_names[ls[i].kind],
			                      lang_code((lang_id)ls[i].lang), ls[i].how, ls[i].sent_on, ls[i].task};
			table_add(t, row);
		}
		if(n)
			table_print(t, stdout, 40);
		table_free(t);
		cli_print_range("letters.no_letters", lq.offset, n, pg.total, false);
	}
	arena_free(&a);
	return rc ? cli_fail(c, &err) : EXIT_OK;
}

static const char show_usage[] =
	"usage: parley letters show LETTER [--json]\n"
	"\n"
	"A letter as it was sent: its text, to whom, how and when, by whom.\n"
	"\n"
	"example:\n"
	"  parley letters show L3F8\n";

static int show_cmd(cli *c, int argc, char **argv)
{
	static const cli_spec spec = {.usage = show_usage, .min_args = 1, .max_args = 1,
	                              .args_msg = "give the letter's id, once"};
	store *st;
	int status = cli_start(c, argc, argv, &spec, NULL, NULL, &st);
	if(status >= 0)
		return status;
	arena a;
	arena_init(&a, 0);
	letter l;
	pl_err err = {0};
	pl_rc rc = letter_get(st, argv[optind], &a, &l, &err);
	rc = rc ? rc : letter_log_reads(st, &l, 1, "letter_show", &err);
	store_close(st);
	if(!rc && c->json)
		cli_print_json(letter_json(&l, true));
	else if(!rc) {
		printf("%s  %s  %s  %s %s  %s\n", l.uid, letter_kind_names[l.kind], lang_code((lang_id)l.lang), l.how,
		       l.sent_on, l.sent_by ? l.sent_by : "");
		print_letter(&l);
	}
	arena_free(&a);
	return rc ? cli_fail(c, &err) : EXIT_OK;
}

/* ---- the office's name ---------------------------------------------------------------- */

static const char office_usage[] =
	"usage: parley letters office [NAME]\n"
	"\n"
	"The office's name at the head of its letters (and their {office}):\n"
	"shown, or set to NAME ('' takes it away; one line, at most 200\n"
	"characters; audited). On the web: the letter templates page (admin).\n"
	"\n"
	"example:\n"
	"  parley letters office \"Координаційний штаб з питань поводження з військовополоненими\"\n";

static int office_cmd(cli *c, int argc, char **argv)
{
	static const cli_spec spec = {.usage = office_usage, .max_args = 1};
	store *st;
	int status = cli_start(c, argc, argv, &spec, NULL, NULL, &st);
	if(status >= 0)
		return status;
	pl_err err = {0};
	arena a;
	arena_init(&a, 0);
	const char *name = NULL;
	pl_rc rc = optind < argc ? letter_office_set(st, argv[optind], &err) : PL_OK;
	rc = rc ? rc : letter_office_get(st, &a, &name, &err);
	store_close(st);
	if(!rc && c->json)
		cli_print_json(json_pack("{s:s?}", "office", name));
	else if(!rc)
		printf("%s\n", name ? name : "");
	arena_free(&a);
	return rc ? cli_fail(c, &err) : EXIT_OK;
}

/* ---- dispatch ----------------------------------------------------------------------- */

static const char letters_usage[] =
	"usage: parley letters COMMAND ...\n"
	"\n"
	"Letters to families (docs/families.md, 'Letters'): an acknowledgement of\n"
	"an inquiry, a status update, a notice of return, a notice of\n"
	"identification, in Ukrainian, English or Russian.\n"
	"\n"
	"  templates        the templates in use\n"
	"  template-show    a template's text (and its history)\n"
	"  template-set     save the office's own text of a template\n"
	"  template-reset   go back to the default text\n"
	"  render           write a letter for an inquiry (not sent)\n"
	"  send             write a letter and record it as sent\n"
	"  list             the letters sent\n"
	"  show             a letter as sent\n"
	"  office           the office's name at the head of its letters\n"
	"\n"
	"'parley letters COMMAND --help' for each.\n";

int cmd_letters(cli *c, int argc, char **argv)
{
	static const cli_command subs[] = {
		{"templates", templates_cmd, NULL},           {"template-show", template_show_cmd, NULL},
		{"template-set", template_set_cmd, NULL},     {"template-reset", template_reset_cmd, NULL},
		{"render", render_cmd, NULL},                 {"send", send_cmd, NULL},
		{"list", list_cmd, NULL},                     {"show", show_cmd, NULL},
		{"office", office_cmd, NULL},
	};
	return cli_dispatch(c, "letters", subs, sizeof(subs) / sizeof(subs[0]), letters_usage, argc, argv);
}
