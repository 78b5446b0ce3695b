/* parley stage execute, record, finish and correct: what happened at the
 * handover, all at once or as people cross, and corrections afterwards. */
#include <errno.h>
#include <string.h>

#include "accord/stage.h"
#include "cli/cmd_stage.h"
#include "core/csv.h"
#include "core/msg.h"

static const char execute_usage[] =
	"usage: parley stage execute STAGE [OPTIONS]\n"
	"\n"
	"Record what happened at the handover of an agreed stage, in one transaction:\n"
	"everyone not named otherwise was handed over; each batch delivered as\n"
	"declared unless a count is given. Statuses, events, the ledger and the\n"
	"discrepancy log are updated together, and audited.\n"
	"\n"
	"Options:\n"
	"  --outcome PERSON=OUTCOME    not_presented, refused (at the handover), died\n"
	"                              (before delivery), or substituted:OTHER (OTHER\n"
	"                              went instead, by agreement); repeatable\n"
	"  --outcomes FILE.csv         the same from a file: person,outcome,substitute,note\n"
	"  --delivered BATCH=N         N bodies of remains batch BATCH were delivered\n"
	"  --date DATE                 the day of the handover (default: the stage's,\n"
	"                              or today when the stage's day is still to come)\n"
	"\n"
	"A stage in progress (parley stage record) is executed the same way: those\n"
	"recorded keep their outcome, the rest as above.\n";

enum { OUTCOMES_MAX = 10000, DELIVERIES_MAX = 256 };

static bool parse_outcome(char *arg, stage_outcome *o)
{
	char *eq = strchr(arg, '=');
	if(!eq)
		return false;
	*eq = '\0';
	char *sub = strchr(eq + 1, ':');
	if(sub)
		*sub++ = '\0';
	int k = entry_outcome_parse(eq + 1);
	if(k <= OUTCOME_PENDING)
		return false;
	*o = (stage_outcome){.person = arg, .outcome = (entry_outcome)k, .substitute = sub};
	return true;
}

/* person,outcome,substitute,note: strings kept in a. */
static pl_rc read_outcomes(const char *path, arena *a, stage_outcome *out, size_t *n, pl_err *err)
{
	FILE *f = fopen(path, "rb");
	if(!f)
		return cli_io_fail(err, PL_EIO, "cli.cannot_read", path);
	csv_reader *cr;
	pl_rc rc = csv_reader_open(&cr, f, path, err);
	bool eof = false, header = true;
	csv_record rec;
	while(!rc && !(rc = csv_read(cr, &rec, &eof, err)) && !eof) {
		if(header) {
			header = false;
			if(rec.nfields < 2 || strcmp(rec.fields[0], "person") || strcmp(rec.fields[1], "outcome"))
				rc = pl_failc(err, PL_EINPUT, "cli.outcomes_header", "path", path, "line", PL_N(rec.line),
				              NULL);
			continue;
		}
		int k = entry_outcome_parse(rec.fields[1]);
		if(k <= OUTCOME_PENDING) {
			rc = pl_failc(err, PL_EINPUT, "cli.outcome_value", "path", path, "line", PL_N(rec.line), "value",
			              rec.fields[1], NULL);
			break;
		}
		if(*n == OUTCOMES_MAX) {
			rc = pl_failc(err, PL_ELIMIT, "cli.outcomes_max", "path", path, "max", PL_N(OUTCOMES_MAX), NULL);
			break;
		}
		stage_outcome *o = &out[(*n)++];
		o->person = arena_strdup(a, rec.fields[0]);
		o->outcome = (entry_outcome)k;
		o->substitute = rec.nfields > 2 && rec.fields[2][0] ? arena_strdup(a, rec.fields[2]) : NULL;
		o->note = rec.nfields > 3 && rec.fields[3][0] ? arena_strdup(a, rec.fields[3]) : NULL;
	}
	if(cr)
		csv_reader_close(cr);
	fclose(f);
	return rc ? rc : arena_oom(a) ? pl_nomem(err) : PL_OK;
}

/* done: the code of what was done, "executed". */
static void print_report(const cli *c, const char *uid, const char *done, const stage_exec_report *x)
{
	if(c->json) {
		printf("{\"stage\": \"%s\", \"handed_over\": [%ld, %ld], \"not_delivered\": [%ld, %ld], "
		       "\"substitutes\": [%ld, %ld], \"bodies\": [%ld, %ld], \"art117\": %ld, \"discrepancies\": %ld}\n",
		       uid, x->handed_over[0], x->handed_over[1], x->not_delivered[0], x->not_delivered[1],
		       x->substitutes[0], x->substitutes[1], x->bodies[0], x->bodies[1], x->art117, x->discrepancies);
		return;
	}
	/* Two messages on one line: more counts than a message has arguments. */
	pl_err head, tail;
	pl_failc(&head, PL_OK, "cli.stage_report", "stage", uid, "done", done, "h0", PL_N(x->handed_over[0]), "h1",
	         PL_N(x->handed_over[1]), "s0", PL_N(x->substitutes[0]), "s1", PL_N(x->substitutes[1]), "m0",
	         PL_N(x->not_delivered[0]), "m1", PL_N(x->not_delivered[1]), NULL);
	pl_failc(&tail, PL_OK, "cli.stage_report_tail", "b0", PL_N(x->bodies[0]), "b1", PL_N(x->bodies[1]),
	         "art117", PL_N(x->art117), "n", PL_N(x->discrepancies), NULL);
	char a[PL_ERR_MSG_MAX], b[PL_ERR_MSG_MAX];
	msg_err_text(&head, msg_env_lang(), a, sizeof(a));
	msg_err_text(&tail, msg_env_lang(), b, sizeof(b));
	printf("%s %s\n", a, b);
}

/* What --outcome and --delivered collect. */
typedef struct exec_args {
	stage_outcome *outcomes;  /* OUTCOMES_MAX of them, NULL if out of memory */
	size_t noutcomes;
	stage_delivery deliveries[DELIVERIES_MAX];
	size_t ndeliveries;
} exec_args;

static int take_outcome(cli *c, const cli_opt *o, char *value, void *ctx)
{
	exec_args *ea = ctx;
	if(!ea->outcomes || ea->noutcomes == OUTCOMES_MAX || !parse_outcome(value, &ea->outcomes[ea->noutcomes]))
		return cli_usage_errorc(c, "cli.outcome_form", "value", value, NULL);
	ea->noutcomes++;
	return -1;
}

static int take_delivered(cli *c, const cli_opt *o, char *value, void *ctx)
{
	exec_args *ea = ctx;
	char *eq = strchr(value, '=');
	long n;
	if(!eq || ea->ndeliveries == DELIVERIES_MAX || !cli_parse_long(eq + 1, 0, 1000000, &n))
		return cli_usage_errorc(c, "cli.delivered_form", "value", value, NULL);
	*eq = '\0';
	ea->deliveries[ea->ndeliveries++] = (stage_delivery){value, n};
	return -1;
}

typedef pl_rc (*exec_fn)(store *st, const char *uid, const stage_exec *x, stage_exec_report *rep,
                         pl_err *err);

/* The options of execute, record and finish, and the call. */
static int exec_cmd(cli *c, int argc, char **argv, const char *usage, bool deliveries, exec_fn fn,
                    const char *done)
{
	enum { OUTCOME, OUTCOMES, DELIVERED, DATE, N };
	static const cli_opt all[] = {
		[OUTCOME] = {.name = "outcome", .take = take_outcome},
		[OUTCOMES] = {.name = "outcomes"},
		[DELIVERED] = {.name = "delivered", .take = take_delivered},
		[DATE] = {.name = "date", .kind = CLI_DAY}, {0}};
	/* record counts no bodies: its options are the first two and --date,
	 * the third (R_DATE). */
	enum { R_DATE = DELIVERED };
	static const cli_opt some[] = {
		[OUTCOME] = {.name = "outcome", .take = take_outcome},
		[OUTCOMES] = {.name = "outcomes"},
		[R_DATE] = {.name = "date", .kind = CLI_DAY}, {0}};
	const cli_spec spec = {.usage = usage, .opts = deliveries ? all : some, .min_args = 1, .max_args = 1,
	                       .args_msg = cli_one_stage};
	arena a;
	arena_init(&a, 0);
	exec_args ea = {.outcomes = arena_calloc(&a, OUTCOMES_MAX, sizeof(stage_outcome))};
	cli_val v[N] = {0};
	int status = cli_parse(c, argc, argv, &spec, v, &ea);
	if(status >= 0) {
		arena_free(&a);
		return status;
	}
	stage_outcome *outcomes = ea.outcomes;
	stage_exec x = {.date = deliveries ? v[DATE].day : v[R_DATE].day, .outcomes = outcomes,
	                .noutcomes = ea.noutcomes, .deliveries = ea.deliveries, .ndeliveries = ea.ndeliveries};
	const char *file = v[OUTCOMES].s;
	store *st = NULL;
	pl_err err = {0};
	size_t nfile = 0;
	stage_exec_report rep;
	pl_rc rc = outcomes ? PL_OK : pl_nomem(&err);
	if(!rc && file)
		rc = read_outcomes(file, &a, outcomes + x.noutcomes, &nfile, &err);
	x.noutcomes += nfile;
	rc = rc ? rc : cli_open(c, &st, &err);
	rc = rc ? rc : fn(st, argv[optind], &x, &rep, &err);
	if(!rc)
		print_report(c, argv[optind], done, &rep);
	arena_free(&a);
	store_close(st);
	return rc ? cli_fail(c, &err) : EXIT_OK;
}

int cli_stage_execute(cli *c, int argc, char **argv)
{
	return exec_cmd(c, argc, argv, execute_usage, true, stage_execute, "cli.stage_done_executed");
}

static const char record_usage[] =
	"usage: parley stage record STAGE --outcome PERSON=OUTCOME ... [--outcomes FILE.csv] [--date DATE]\n"
	"\n"
	"As people cross: the outcomes of the persons named (one, or a group), saved\n"
	"at once with their events, in one transaction, audited. The stage is\n"
	"in_progress from the first until the execution is finished (parley stage\n"
	"finish). Nobody is taken as handed over without being named; an outcome\n"
	"recorded is changed only by a correction (parley stage correct).\n"
	"\n"
	"Options:\n"
	"  --outcome PERSON=OUTCOME    handed_over, not_presented, refused (at the\n"
	"                              handover), died (before delivery), or\n"
	"                              substituted:OTHER (OTHER went instead, if the\n"
	"                              clause admits them); repeatable\n"
	"  --outcomes FILE.csv         the same from a file: person,outcome,substitute,note\n"
	"  --date DATE                 the day they crossed (default: today)\n";

int cli_stage_record(cli *c, int argc, char **argv)
{
	return exec_cmd(c, argc, argv, record_usage, false, stage_record, "cli.stage_done_recorded");
}

static const char finish_usage[] =
	"usage: parley stage finish STAGE [--delivered BATCH=N] [--outcome PERSON=OUTCOME] [--date DATE]\n"
	"\n"
	"The execution of a stage in progress is done: refused while anyone is still\n"
	"pending (named); each batch delivered as declared unless a count is given.\n"
	"The stage is then executed; parley stage close closes it.\n"
	"\n"
	"Options:\n"
	"  --delivered BATCH=N         N bodies of remains batch BATCH were delivered\n"
	"  --outcome PERSON=OUTCOME    the last outcomes, as parley stage record takes them\n"
	"  --outcomes FILE.csv         the same from a file: person,outcome,substitute,note\n"
	"  --date DATE                 the day of those outcomes (default: today)\n";

int cli_stage_finish(cli *c, int argc, char **argv)
{
	return exec_cmd(c, argc, argv, finish_usage, true, stage_finish, "cli.stage_done_finished");
}

static const char correct_usage[] =
	"usage: parley stage correct STAGE PERSON --outcome OUTCOME --reason TEXT [--date DATE]\n"
	"\n"
	"Correct the outcome recorded for PERSON (their id, or the manifest's ref) on a\n"
	"stage in progress, executed or closed. The correction is a record of its own\n"
	"with its reason, audited; the outcome recorded at the handover stays in the\n"
	"history. The person's events of the old outcome are voided (refused, saying\n"
	"which, when later events such as aftercare depend on them) and those of the\n"
	"new one recorded; the ledger and the statements follow.\n"
	"\n"
	"Options:\n"
	"  --outcome OUTCOME           handed_over, not_presented, refused or died\n"
	"  --reason TEXT               why (required)\n"
	"  --date DATE                 the day of the outcome (default: the day recorded)\n";

int cli_stage_correct(cli *c, int argc, char **argv)
{
	enum { OUTCOME, REASON, DATE, N };
	static const cli_opt opts[] = {
		[OUTCOME] = {.name = "outcome", .required = true},
		[REASON] = {.name = "reason", .required = true},
		[DATE] = {.name = "date", .kind = CLI_DAY}, {0}};
	static const cli_spec spec = {.usage = correct_usage, .opts = opts, .min_args = 2, .max_args = 2,
	                              .args_msg = "expected a stage id and a person"};
	cli_val v[N] = {0};
	int status = cli_parse(c, argc, argv, &spec, v, NULL);
	if(status >= 0)
		return status;
	int k = entry_outcome_parse(v[OUTCOME].s);
	if(k <= OUTCOME_PENDING || k == OUTCOME_SUBSTITUTED)
		return cli_usage_errorc(c, "cli.fix_outcome_form", "value", v[OUTCOME].s, NULL);
	stage_fix f = {.person = argv[optind + 1], .outcome = (entry_outcome)k, .reason = v[REASON].s,
	               .date = v[DATE].day};
	store *st = NULL;
	pl_err err = {0};
	pl_rc rc = cli_open(c, &st, &err);
	rc = rc ? rc : stage_correct(st, argv[optind], &f, &err);
	if(!rc)
		cli_say(stdout, "cli.stage_corrected", "stage", argv[optind], "person", f.person, "outcome",
		        v[OUTCOME].s, NULL);
	store_close(st);
	return rc ? cli_fail(c, &err) : EXIT_OK;
}
