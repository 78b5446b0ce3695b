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
	enum { CLAUSE, DATE, CAPACITY, DAYS, EXPLAIN, SAVE, POINT, N };
	static const cli_opt opts[] = {
		[CLAUSE] = {.name = "clause"}, [DATE] = {.name = "stage-date", .kind = CLI_DAY},
		[CAPACITY] = {.name = "capacity", .kind = CLI_INT, .min = 1, .max = 1000000000L, .expect = "a number from 1"},
		[DAYS] = {.name = "days", .kind = CLI_INT, .min = 1, .max = 366},
		[EXPLAIN] = {.name = "explain", .kind = CLI_FLAG},
		[SAVE] = {.name = "save", .kind = CLI_FLAG}, [POINT] = {.name = "handover-point"},
		{0}};
	static const cli_spec spec = {.usage = plan_usage, .opts = opts, .min_args = 1, .max_args = 1,
	                              .args_msg = "expected one agreement id"};
	cli_val val[N];
	int status = cli_parse(c, argc, argv, &spec, val, NULL);
	if(status >= 0)
		return status;
	bool explain = val[EXPLAIN].s != NULL, save = val[SAVE].s != NULL;
	const char *point = val[POINT].s;
	if(point && !save)
		return cli_usage_errorc(c, "cli.handover_point_with_save", NULL);
	plan_opts o = {.clause = val[CLAUSE].s, .date = val[DATE].day, .capacity = val[CAPACITY].n,
	               .max_days = (int)val[DAYS].n};
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
		if(uid[0]) {
			putchar('\n');
			cli_say(stdout, "cli.plan_saved", "stage", uid, NULL);
		}
	}
	arena_free(&a);
	store_close(st);
	return rc ? cli_fail(c, &err) : EXIT_OK;
}
