/* parley statement and parley aftercare: after the handover. */
#include <string.h>

#include "accord/aftercare.h"
#include "accord/statement.h"
#include "cli/cli.h"

static const char statement_usage[] =
	"usage: parley statement STAGE [--lang en|uk|ru] [--format md|html|text|json] [--party P]\n"
	"                              [--date D] [--k N]\n"
	"\n"
	"What a ministry would publish about an executed stage: the people its party\n"
	"received by category (service branches, civilians, the severely wounded,\n"
	"the seriously ill, those aged 18 to 25), the youngest and oldest ages, how\n"
	"long the longest held had been held, the transit country, the bodies\n"
	"returned, under the agreement's title. Never a name or an id. While the\n"
	"agreement's embargo holds, every number is withheld and nothing describes\n"
	"fewer than k people: ages only in groups, captivity only by year, smaller\n"
	"categories merged or left out.\n"
	"\n"
	"Options:\n"
	"  --lang en|uk|ru    the statement's language (default en)\n"
	"  --format F         md (Markdown, default), html (a page of its own), text\n"
	"                     (plain) or json (the figures, with the text in each)\n"
	"  --party P          whose people came home (default: the party that received)\n"
	"  --date D           the day of the statement, for the embargo (default today)\n"
	"  --k N              under embargo, the smallest group described (default the\n"
	"                     agreement's embargo.k, 10 unless it says; never less)\n";

/* The title in another language than asked is said, not silently used. */
static void note_title(const statement *s, lang_id lang)
{
	int got;
	agreement_title_in(&s->ag->titles, lang, &got);
	if(got == (int)lang)
		return;
	if(got < 0)
		cli_say(stderr, "cli.statement_title_plain", "agreement", s->ag->name, NULL);
	else
		cli_say(stderr, "cli.statement_title_other", "agreement", s->ag->name, "lang", lang_code(lang),
		        "got", lang_code((lang_id)got), NULL);
}

int cmd_statement(cli *c, int argc, char **argv)
{
	enum { LANG, FORMAT, PARTY, DATE, K, N };
	static const char *const formats[] = {"md", "html", "text", "json", NULL};
	static const cli_opt opts[] = {
		[LANG] = {.name = "lang", .kind = CLI_CHOICE, .parse = lang_parse, .expect = "en, uk or ru"},
		[FORMAT] = {.name = "format", .kind = CLI_CHOICE, .choices = formats},
		[PARTY] = {.name = "party"},
		[DATE] = {.name = "date", .kind = CLI_DAY},
		[K] = {.name = "k", .kind = CLI_INT, .min = AGREEMENT_K_MIN, .max = AGREEMENT_K_MAX}, {0}};
	static const cli_spec spec = {.usage = statement_usage, .opts = opts, .min_args = 1, .max_args = 1,
	                              .args_msg = "expected one stage id"};
	cli_val v[N];
	int status = cli_parse(c, argc, argv, &spec, v, NULL);
	if(status >= 0)
		return status;
	lang_id lang = v[LANG].s ? (lang_id)v[LANG].n : LANG_EN;
	int format = v[FORMAT].s ? statement_format_parse(formats[v[FORMAT].n]) : STATEMENT_MD;
	bool json = c->json || (v[FORMAT].s && format < 0);
	statement_opts o = {.party = v[PARTY].s, .on = v[DATE].day, .k = v[K].s ? (int)v[K].n : 0};
	store *st = NULL;
	arena a;
	arena_init(&a, 0);
	statement s;
	pl_err err = {0};
	pl_rc rc = cli_open(c, &st, &err);
	rc = rc ? rc : statement_make(st, argv[optind], &o, &a, &s, &err);
	if(!rc && json) {
		if(!cli_print_json(statement_json(&s, lang)))
			rc = pl_nomem(&err);
	} else if(!rc) {
		buf out;
		buf_init(&out, 0);
		note_title(&s, lang);
		if(statement_render(&s, lang, (statement_format)format, &out))
			rc = pl_nomem(&err);
		else
			fputs(buf_str(&out), stdout);
		buf_free(&out);
	}
	arena_free(&a);
	store_close(st);
	return rc ? cli_fail(c, &err) : EXIT_OK;
}

static const char aftercare_usage[] =
	"usage: parley aftercare [OPTIONS]\n"
	"\n"
	"Where everyone handed over in a stage is now: handed over, in the transit\n"
	"country, receiving assistance, home, in hospital, in rehabilitation (the\n"
	"latest of their events since the handover), with the Art. 117 flag for\n"
	"those repatriated as seriously wounded or sick. Record the steps with\n"
	"parley person event (arrived_transit, assistance, repatriated,\n"
	"hospital_admission, treatment).\n"
	"\n"
	"Options:\n"
	"  --agreement ID   only this agreement's stages\n"
	"  --stage ID       only this stage\n"
	"  --party P        only this party's people (those who came home to P)\n"
	"  --step STEP      only those at this step: handed_over, transit, assistance,\n"
	"                   home, hospital, rehabilitation\n"
	"  --limit N        list at most N persons (default all)\n";

int cmd_aftercare(cli *c, int argc, char **argv)
{
	enum { AGREEMENT, STAGE, PARTY, STEP, LIMIT, N };
	static const cli_opt opts[] = {
		[AGREEMENT] = {.name = "agreement"}, [STAGE] = {.name = "stage"},
		[PARTY] = {.name = "party"},
		[STEP] = {.name = "step", .kind = CLI_CHOICE, .parse = aftercare_step_parse,
		          .expect = "handed_over, transit, assistance, home, hospital or rehabilitation"},
		[LIMIT] = {.name = "limit", .kind = CLI_INT, .min = 1, .max = 10000000, .expect = "a number from 1"},
		{0}};
	static const cli_spec spec = {.usage = aftercare_usage, .opts = opts};
	cli_val v[N];
	store *st;
	int status = cli_start(c, argc, argv, &spec, v, NULL, &st);
	if(status >= 0)
		return status;
	aftercare_filter f = {.agreement = v[AGREEMENT].s, .stage = v[STAGE].s, .party = v[PARTY].s,
	                      .step = v[STEP].s ? (int)v[STEP].n : -1, .limit = (size_t)v[LIMIT].n};
	pl_err err = {0};
	arena a;
	arena_init(&a, 0);
	aftercare_view view;
	pl_rc rc = aftercare_get(st, &f, &a, &view, &err);
	if(!rc && c->json) {
		if(!cli_print_json(aftercare_json(&view, false)))
			rc = pl_nomem(&err);
	} else if(!rc) {
		char steps[PL_ERR_ARG_MAX] = "";
		for(int k = 0; k < STEP_COUNT; k++)
			snprintf(steps + strlen(steps), sizeof(steps) - strlen(steps), "%s%s %ld", k ? ", " : "",
			         aftercare_step_name((aftercare_step)k), view.count[k]);
		cli_say(stdout, "cli.aftercare_summary", "n", PL_N(view.total), "steps", steps, "art117",
		        PL_N(view.art117), NULL);
		table *t = table_new(6, (const char *const[]){"person", "name", "party", "step", "since", ""});
		for(size_t i = 0; i < view.n; i++) {
			const aftercare_row *x = &view.rows[i];
			const char *row[6] = {x->person, x->name, x->party, aftercare_step_name(x->step), x->since,
			                      x->art117 ? "Art. 117" : ""};
			table_add(t, row);
		}
		if(view.n) {
			putchar('\n');
			table_print(t, stdout, 40);
		}
		table_free(t);
	}
	arena_free(&a);
	store_close(st);
	return rc ? cli_fail(c, &err) : EXIT_OK;
}
