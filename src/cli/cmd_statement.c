/* parley statement and parley aftercare: after the handover. */
#include <string.h>

#include "accord/aftercare.h"
#include "accord/statement.h"
#include "cli/cli.h"

static const char statement_usage[] =
	"usage: parley statement STAGE [--lang uk|en] [--format md|json] [--party P] [--date D]\n"
	"\n"
	"What a ministry would publish about an executed stage: the people its party\n"
	"received by category (service branches, civilians, the severely wounded,\n"
	"the seriously ill, those aged 18 to 25), the youngest and oldest ages, how\n"
	"long the longest held had been held, the transit country, the bodies\n"
	"returned. Never a name. While the agreement's embargo holds, every number\n"
	"is withheld and only the categories are said.\n"
	"\n"
	"Options:\n"
	"  --lang uk|en       the language (default en)\n"
	"  --format md|json   Markdown (default) or JSON\n"
	"  --party P          whose people came home (default: the party that received)\n"
	"  --date D           the day of the statement, for the embargo (default today)\n";

int cmd_statement(cli *c, int argc, char **argv)
{
	enum { OPT_LANG = 1, OPT_FORMAT, OPT_PARTY, OPT_DATE };
	static const struct option opts[] = {
		{"lang", required_argument, NULL, OPT_LANG},
		{"format", required_argument, NULL, OPT_FORMAT},
		{"party", required_argument, NULL, OPT_PARTY},
		{"date", required_argument, NULL, OPT_DATE},
		CLI_COMMON_OPTIONS, {0}};
	int lang = STATEMENT_EN, opt;
	bool json = false, done = false;
	const char *party = NULL;
	pdate on = {0};
	while((opt = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		if(opt == OPT_LANG) {
			if((lang = statement_lang_parse(optarg)) < 0)
				return cli_usage_error(c, "--lang: expected uk or en, got '%s'", optarg);
		} else if(opt == OPT_FORMAT) {
			if(strcmp(optarg, "md") && strcmp(optarg, "json"))
				return cli_usage_error(c, "--format: expected md or json, got '%s'", optarg);
			json = !strcmp(optarg, "json");
		} else if(opt == OPT_PARTY) {
			party = optarg;
		} else if(opt == OPT_DATE) {
			if(!cli_parse_day(optarg, &on))
				return cli_usage_error(c, "--date: expected YYYY-MM-DD, got '%s'", optarg);
		} else if(!cli_common_option(c, opt, statement_usage, &done)) {
			return cli_usage_error(c, "unknown option");
		}
		if(done)
			return EXIT_OK;
	}
	if(optind + 1 != argc)
		return cli_usage_error(c, "expected one stage id");
	store *st = NULL;
	arena a;
	arena_init(&a, 0);
	statement s;
	pl_err err = {0};
	pl_rc rc = cli_open(c, &st, &err);
	rc = rc ? rc : statement_make(st, argv[optind], party, on, &a, &s, &err);
	if(!rc && (json || c->json)) {
		if(!cli_print_json(statement_json(&s, (statement_lang)lang)))
			rc = pl_nomem(&err);
	} else if(!rc) {
		buf out;
		buf_init(&out, 0);
		if(statement_markdown(&s, (statement_lang)lang, &out))
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
	enum { OPT_AGREEMENT = 1, OPT_STAGE, OPT_PARTY, OPT_STEP, OPT_LIMIT };
	static const struct option opts[] = {
		{"agreement", required_argument, NULL, OPT_AGREEMENT},
		{"stage", required_argument, NULL, OPT_STAGE},
		{"party", required_argument, NULL, OPT_PARTY},
		{"step", required_argument, NULL, OPT_STEP},
		{"limit", required_argument, NULL, OPT_LIMIT},
		CLI_COMMON_OPTIONS, {0}};
	aftercare_filter f = {.step = -1};
	bool done = false;
	long n;
	int opt;
	while((opt = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		if(opt == OPT_AGREEMENT)
			f.agreement = optarg;
		else if(opt == OPT_STAGE)
			f.stage = optarg;
		else if(opt == OPT_PARTY)
			f.party = optarg;
		else if(opt == OPT_STEP) {
			if((f.step = aftercare_step_parse(optarg)) < 0)
				return cli_usage_error(c, "--step: expected handed_over, transit, assistance, home, hospital "
				                       "or rehabilitation, got '%s'", optarg);
		} else if(opt == OPT_LIMIT) {
			if(!cli_parse_long(optarg, 1, 10000000, &n))
				return cli_usage_error(c, "--limit: expected a number from 1, got '%s'", optarg);
			f.limit = (size_t)n;
		} else if(!cli_common_option(c, opt, aftercare_usage, &done)) {
			return cli_usage_error(c, "unknown option");
		}
		if(done)
			return EXIT_OK;
	}
	store *st;
	int status = cli_open_bare(c, argc, argv, &st);
	if(status >= 0)
		return status;
	arena a;
	arena_init(&a, 0);
	aftercare_view v;
	pl_err err = {0};
	pl_rc rc = aftercare_get(st, &f, &a, &v, &err);
	if(!rc && c->json) {
		if(!cli_print_json(aftercare_json(&v, false)))
			rc = pl_nomem(&err);
	} else if(!rc) {
		printf("%ld handed over in stages", v.total);
		for(int k = 0; k < STEP_COUNT; k++)
			printf("%s%s %ld", k ? ", " : ": ", aftercare_step_name((aftercare_step)k), v.count[k]);
		printf("; %ld under Art. 117 (no active duty)\n", v.art117);
		table *t = table_new(6, (const char *const[]){"person", "name", "party", "step", "since", ""});
		for(size_t i = 0; i < v.n; i++) {
			const aftercare_row *x = &v.rows[i];
			const char *row[6] = {x->person, x->name, x->party, aftercare_step_name(x->step), x->since,
			                      x->art117 ? "Art. 117" : ""};
			table_add(t, row);
		}
		if(v.n) {
			putchar('\n');
			table_print(t, stdout, 40);
		}
		table_free(t);
	}
	arena_free(&a);
	store_close(st);
	return rc ? cli_fail(c, &err) : EXIT_OK;
}
