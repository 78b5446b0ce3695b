/* parley plan: propose the next stage of an agreement. */
#include <string.h>

#include "accord/plan.h"
#include "accord/stage.h"
#include "cli/cli.h"

static const char plan_usage[] =
	"usage: parley plan AGREEMENT [OPTIONS]\n"
	"\n"
	"Propose the next stage of an agreement's clause: the eligible people each\n"
	"side holds who are confirmed held, belong to the other party, do not refuse\n"
	"repatriation (GCIII Art. 109) and are on no other open stage, in the\n"
	"clause's priority order, balanced exactly by its basis; and, when not\n"
	"everyone fits in a stage's capacity, a schedule of stages on consecutive\n"
	"days. Every person left out is counted by reason; --explain lists each one\n"
	"with the rule that excluded them. Nothing is stored unless --save is given.\n"
	"\n"
	"Options:\n"
	"  --clause ID          the clause to plan (needed when there are several)\n"
	"  --stage-date DATE    the next stage's date, YYYY-MM-DD (default today)\n"
	"  --capacity N         at most N per side in a stage (default: the clause's)\n"
	"  --days N             a schedule of at most N stages (default 60)\n"
	"  --explain            list every person left out, and why\n"
	"  --save               store the next stage as a draft (prints its id)\n"
	"  --handover-point P   with --save: where the handover takes place\n"
	"  --json               the plan as JSON\n";

int cmd_plan(cli *c, int argc, char **argv)
{
	enum { OPT_CLAUSE = 1, OPT_DATE, OPT_CAPACITY, OPT_DAYS, OPT_EXPLAIN, OPT_SAVE, OPT_POINT };
	static const struct option opts[] = {
		{"clause", required_argument, NULL, OPT_CLAUSE},
		{"stage-date", required_argument, NULL, OPT_DATE},
		{"capacity", required_argument, NULL, OPT_CAPACITY},
		{"days", required_argument, NULL, OPT_DAYS},
		{"explain", no_argument, NULL, OPT_EXPLAIN},
		{"save", no_argument, NULL, OPT_SAVE},
		{"handover-point", required_argument, NULL, OPT_POINT},
		CLI_COMMON_OPTIONS, {0}};
	plan_opts o = {0};
	bool explain = false, save = false, done = false;
	const char *point = NULL;
	long n;
	int opt;
	while((opt = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch(opt) {
		case OPT_CLAUSE: o.clause = optarg; break;
		case OPT_DATE:
			if(!cli_parse_day(optarg, &o.date))
				return cli_usage_error(c, "--stage-date: expected YYYY-MM-DD, got '%s'", optarg);
			break;
		case OPT_CAPACITY:
			if(!cli_parse_long(optarg, 1, 1000000000L, &n))
				return cli_usage_error(c, "--capacity: expected a number from 1, got '%s'", optarg);
			o.capacity = n;
			break;
		case OPT_DAYS:
			if(!cli_parse_long(optarg, 1, 366, &n))
				return cli_usage_error(c, "--days: expected 1 to 366, got '%s'", optarg);
			o.max_days = (int)n;
			break;
		case OPT_EXPLAIN: explain = true; break;
		case OPT_SAVE: save = true; break;
		case OPT_POINT: point = optarg; break;
		default:
			if(!cli_common_option(c, opt, plan_usage, &done))
				return cli_usage_error(c, "unknown option");
			if(done)
				return EXIT_OK;
		}
	}
	if(optind + 1 != argc)
		return cli_usage_error(c, "expected one agreement id");
	if(point && !save)
		return cli_usage_error(c, "--handover-point goes with --save");
	store *st = NULL;
	arena a;
	arena_init(&a, 0);
	agreement ag;
	plan p;
	pl_err err = {0};
	char uid[UID_SIZE] = "";
	pl_rc rc = cli_open(c, &st, &err);
	rc = rc ? rc : agreement_get(st, argv[optind], &a, &ag, &err);
	rc = rc ? rc : plan_make(st, &ag, &o, &a, &p, &err);
	if(!rc && save)
		rc = stage_create_planned(st, &p, 1, point, uid, &err);
	if(!rc && c->json) {
		json_t *v = plan_json(&p, explain);
		if(v && uid[0])
			json_object_set_new(v, "saved_stage", json_string(uid));
		if(!cli_print_json(v))
			rc = pl_nomem(&err);
	} else if(!rc) {
		buf out;
		buf_init(&out, 0);
		if(plan_text(&p, explain, &out))
			rc = pl_nomem(&err);
		else
			fputs(buf_str(&out), stdout);
		buf_free(&out);
		if(uid[0])
			printf("\nsaved the next stage as %s (draft)\n", uid);
	}
	arena_free(&a);
	store_close(st);
	return rc ? cli_fail(c, &err) : EXIT_OK;
}
