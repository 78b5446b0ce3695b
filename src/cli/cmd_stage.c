/* parley stage: list, show and change stages (execution: cmd_stage_exec.c). */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include <jansson.h>

#include "accord/stage.h"
#include "cli/cmd_stage.h"
#include "core/msg.h"

const char cli_one_stage[] = "expected one stage id";

/* For the stage commands that take a stage id and nothing else. */
static int stage_args(cli *c, int argc, char **argv, const char *usage, const char **uid)
{
	const cli_spec spec = {.usage = usage, .min_args = 1, .max_args = 1, .args_msg = cli_one_stage};
	int status = cli_parse(c, argc, argv, &spec, NULL, NULL);
	*uid = argv[optind];
	return status;
}

/* ---- list ------------------------------------------------------------------- */

static const char list_usage[] =
	"usage: parley stage list [--agreement ID] [--status STATUS]\n"
	"\n"
	"The stages, with their status (draft, proposed, agreed, in_progress, executed,\n"
	"closed, cancelled), manifest version, and how many persons and bodies each side\n"
	"hands over.\n";

static int stage_list_cmd(cli *c, int argc, char **argv)
{
	enum { AGREEMENT, STATUS, N };
	static const cli_opt opts[] = {
		[AGREEMENT] = {.name = "agreement"},
		[STATUS] = {.name = "status", .kind = CLI_CHOICE, .parse = stage_status_parse,
		            .expect = "draft, proposed, agreed, in_progress, executed, closed or cancelled"}, {0}};
	static const cli_spec spec = {.usage = list_usage, .opts = opts};
	cli_val v[N];
	store *st;
	int status = cli_start(c, argc, argv, &spec, v, NULL, &st);
	if(status >= 0)
		return status;
	stage_filter f = {.agreement = v[AGREEMENT].s, .status = v[STATUS].s ? (int)v[STATUS].n : -1};
	pl_err err = {0};
	static const char *const head[7] = {"stage", "agreement", "no.", "date", "status", "version", "hands over"};
	cli_rows o;
	cli_rows_init(&o, c, 7, head, 60);
	arena a;
	arena_init(&a, 0);
	stage_row *rows;
	size_t n;
	pl_rc rc = stage_list(st, &f, &a, &rows, &n, &err);
	for(size_t i = 0; !rc && i < n; i++) {
		const stage_row *x = &rows[i];
		if(o.arr) {
			json_array_append_new(o.arr, stage_row_json(x));
			continue;
		}
		char num[16], ver[16], what[160];
		snprintf(num, sizeof(num), "%d", x->number);
		snprintf(ver, sizeof(ver), "%d", x->version);
		snprintf(what, sizeof(what), "%s %ld%s, %s %ld%s", x->party[0], x->persons[0] + x->remains[0],
		         x->remains[0] ? " (bodies)" : "", x->party[1], x->persons[1] + x->remains[1],
		         x->remains[1] ? " (bodies)" : "");
		const char *row[7] = {x->uid, x->agreement, num, x->date, stage_status_name(x->status), ver, what};
		table_add(o.t, row);
	}
	store_close(st);
	status = cli_rows_finish(&o, c, rc, &err);
	arena_free(&a);
	return status;
}

/* ---- show ------------------------------------------------------------------- */

static const char show_usage[] =
	"usage: parley stage show STAGE\n"
	"\n"
	"A stage: its agreement, date, handover point and transit country, status,\n"
	"manifest version and hash, the signatures on that version, who each side\n"
	"hands over (with the outcome once executed, and the Art. 117 flag for\n"
	"those repatriated as seriously wounded or sick), the remains batches, and\n"
	"the discrepancies found at execution.\n";

/* A line whose head is a coded message and whose tail is a text as it is,
 * whole (a reason, a message already written): "head tail". */
static void say_then(const char *tail, const char *code, ...)
{
	pl_err e;
	va_list ap;
	va_start(ap, code);
	pl_vfailc(&e, PL_OK, code, ap);
	va_end(ap);
	char head[PL_ERR_MSG_MAX];
	msg_err_text(&e, msg_env_lang(), head, sizeof(head));
	printf("%s %s\n", head, tail);
}

/* A stored message (a discrepancy's) in the user's language from its code
 * and arguments (JSON), else its English. */
static void coded_text(const char *code, const char *args, const char *english, char *out, size_t size)
{
	lang_id l = msg_env_lang();
	const char *tmpl = code && l != LANG_EN ? msg_template(l, code) : NULL;
	json_t *o = tmpl && args ? json_loads(args, 0, NULL) : NULL;
	if(!json_is_object(o) || json_object_size(o) > PL_ERR_ARGS) {
		json_decref(o);
		snprintf(out, size, "%s", english);
		return;
	}
	pl_err_arg arg[PL_ERR_ARGS];
	int n = 0;
	const char *k;
	json_t *v;
	json_object_foreach(o, k, v) {
		arg[n].name = k;
		snprintf(arg[n++].value, sizeof(arg[0].value), "%s", json_is_string(v) ? json_string_value(v) : "");
	}
	msg_fill(l, tmpl, arg, n, out, size);
	json_decref(o);
}

static pl_rc show_text(store *st, const agreement *ag, const stage *s, arena *a, pl_err *err)
{
	char date[DATE_STR_MAX], sha[17];
	date_format(s->date, date);
	snprintf(sha, sizeof(sha), "%.16s", s->manifest_sha256);
	cli_say(stdout, "cli.stage_show", "stage", s->uid, "n", PL_N(s->number), "agreement", s->agreement, "date",
	        date, NULL);
	cli_say(stdout, "cli.stage_show_status", "status", stage_status_name(s->status), "version",
	        PL_N(s->version), "sha", sha, NULL);
	const char *point = s->handover_point ? s->handover_point : "cli.stage_not_set";
	if(s->transit)
		cli_say(stdout, "cli.stage_show_transit", "point", point, "transit", s->transit, NULL);
	else if(s->handover_point)
		cli_say(stdout, "cli.stage_show_handover", "point", point, NULL);
	cli_say(stdout, s->nsignatures ? "cli.stage_show_signatures" : "cli.stage_show_unsigned", NULL);
	for(size_t i = 0; i < s->nsignatures; i++)
		printf("    %s (%s), %s\n", s->signatures[i].signer, s->signatures[i].role, s->signatures[i].signed_at);
	table *t = table_new(8, (const char *const[]){"seq", "side", "person", "name", "born", "clause",
	                                              "outcome", ""});
	for(size_t i = 0; i < s->nentries; i++) {
		const stage_entry *e = &s->entries[i];
		char seq[16], name[256], flags[64] = "";
		snprintf(seq, sizeof(seq), "%d", e->seq);
		snprintf(name, sizeof(name), "%s %s", stage_entry_name(e),
		         e->who.given_names ? e->who.given_names : e->who.given_names_latin ? e->who.given_names_latin : "");
		if(e->corrections)
			snprintf(flags, sizeof(flags), "corrected%s", e->substitute_for || e->art117 ? ", " : "");
		if(e->substitute_for)
			snprintf(flags + strlen(flags), sizeof(flags) - strlen(flags), "substitute for %d", e->substitute_for);
		if(e->art117)
			snprintf(flags + strlen(flags), sizeof(flags) - strlen(flags), "%sArt. 117", flags[0] ? ", " : "");
		const char *row[8] = {seq, ag->party[e->side], e->person[0] ? e->person : "(not in this registry)",
		                      name, e->who.birth_date, e->clause, entry_outcome_name(e->outcome), flags};
		table_add(t, row);
	}
	printf("\n");
	if(s->nentries)
		table_print(t, stdout, 40);
	table_free(t);
	for(size_t i = 0; i < s->nbatches; i++) {
		const stage_batch *b = &s->batches[i];
		if(b->delivered >= 0)
			cli_say(stdout, "cli.stage_show_delivered", "party", ag->party[b->side], "batch", b->batch, "n",
			        PL_N(b->declared), "delivered", PL_N(b->delivered), "clause", b->clause, NULL);
		else
			cli_say(stdout, "cli.stage_show_batch", "party", ag->party[b->side], "batch", b->batch, "n",
			        PL_N(b->declared), "clause", b->clause, NULL);
	}
	stage_discrepancy *d;
	size_t nd;
	pl_rc rc = stage_discrepancies(st, s, a, &d, &nd, err);
	for(size_t i = 0; !rc && i < nd; i++) {
		char what[PL_ERR_MSG_MAX];
		coded_text(d[i].code, d[i].args, d[i].what, what, sizeof(what));
		if(!i)
			putchar('\n');
		say_then(what, "cli.stage_show_discrepancy", NULL);
	}
	stage_correction *k;
	size_t nk = 0;
	rc = rc ? rc : stage_corrections(st, s, a, &k, &nk, err);
	for(size_t i = 0; !rc && i < nk; i++) {
		if(!i)
			putchar('\n');
		say_then(k[i].reason, "cli.stage_show_correction", "seq", PL_N(k[i].seq), "before", k[i].before, "outcome",
		         k[i].outcome, "date", k[i].date, "actor", k[i].actor, "ts", k[i].ts, NULL);
	}
	return rc;
}

static int stage_show(cli *c, int argc, char **argv)
{
	const char *uid = NULL;
	int status = stage_args(c, argc, argv, show_usage, &uid);
	if(status >= 0)
		return status;
	store *st = NULL;
	arena a;
	arena_init(&a, 0);
	stage s;
	agreement ag;
	pl_err err = {0};
	pl_rc rc = cli_open(c, &st, &err);
	rc = rc ? rc : stage_get(st, uid, &a, &s, &err);
	rc = rc ? rc : agreement_get_id(st, s.agreement_id, &a, &ag, &err);
	if(!rc)
		rc = c->json ? (cli_print_json(stage_json(&ag, &s)) ? PL_OK : pl_nomem(&err)) : show_text(st, &ag, &s, &a, &err);
	arena_free(&a);
	store_close(st);
	return rc ? cli_fail(c, &err) : EXIT_OK;
}

/* ---- diff ------------------------------------------------------------------- */

static const char diff_usage[] =
	"usage: parley stage diff STAGE [--from N] [--to M]\n"
	"\n"
	"What changed in a stage's manifest between two versions (default: the one\n"
	"before the current, and the current): persons and batches added, removed or\n"
	"changed, and the stage's own fields.\n";

static int stage_diff_cmd(cli *c, int argc, char **argv)
{
	enum { FROM, TO, N };
	static const cli_opt opts[] = {
		[FROM] = {.name = "from", .kind = CLI_INT, .min = 1, .max = 100000, .expect = "a version number"},
		[TO] = {.name = "to", .kind = CLI_INT, .min = 1, .max = 100000, .expect = "a version number"},
		{0}};
	static const cli_spec spec = {.usage = diff_usage, .opts = opts, .min_args = 1, .max_args = 1,
	                              .args_msg = cli_one_stage};
	cli_val v[N];
	int status = cli_parse(c, argc, argv, &spec, v, NULL);
	if(status >= 0)
		return status;
	long from = v[FROM].n, to = v[TO].n;
	store *st = NULL;
	arena a;
	arena_init(&a, 0);
	stage s;
	manifest_change *ch;
	size_t n;
	pl_err err = {0};
	pl_rc rc = cli_open(c, &st, &err);
	rc = rc ? rc : stage_get(st, argv[optind], &a, &s, &err);
	if(!rc) {
		to = to ? to : s.version;
		from = from ? from : to - 1;
	}
	rc = rc ? rc : stage_diff(st, &s, (int)from, (int)to, &a, &ch, &n, &err);
	if(!rc && c->json) {
		json_t *arr = json_array();
		for(size_t i = 0; i < n; i++)
			json_array_append_new(arr, json_pack("{s:s#, s:s}", "op", &ch[i].op, (size_t)1, "what", ch[i].what));
		if(!cli_print_json(json_pack("{s:s, s:i, s:i, s:o}", "stage", s.uid, "from", (int)from, "to", (int)to,
		                             "changes", arr)))
			rc = pl_nomem(&err);
	} else if(!rc) {
		cli_say(stdout, "cli.stage_diff", "stage", s.uid, "from", PL_N(from), "to", PL_N(to), NULL);
		for(size_t i = 0; i < n; i++)
			printf("%c %s\n", ch[i].op, ch[i].what);
		cli_say(stdout, "cli.stage_changes", "n", PL_N(n), NULL);
	}
	arena_free(&a);
	store_close(st);
	return rc ? cli_fail(c, &err) : EXIT_OK;
}

/* ---- add, remove ---------------------------------------------------------- */

static const char add_usage[] =
	"usage: parley stage add STAGE PERSON... --side PARTY --clause ID\n"
	"\n"
	"Put persons on a stage: each is checked as the planner checks (held by the\n"
	"side, the other party's, consenting, eligible, on no other open stage). The\n"
	"manifest gets a new version, back in draft: it needs fresh signatures.\n";

static const char remove_usage[] =
	"usage: parley stage remove STAGE PERSON...\n"
	"\n"
	"Take persons off a stage (by their id here, or the manifest's ref). The\n"
	"manifest gets a new version, back in draft; if the stage was agreed, those\n"
	"listed on it go back to held until the new version is agreed.\n";

static int stage_add(cli *c, int argc, char **argv)
{
	enum { SIDE, CLAUSE, N };
	static const cli_opt opts[] = {
		[SIDE] = {.name = "side", .required = true},
		[CLAUSE] = {.name = "clause", .required = true}, {0}};
	static const char expected[] = "expected a stage id, persons, --side and --clause";
	static const cli_spec spec = {.usage = add_usage, .opts = opts, .min_args = 2, .max_args = -1,
	                              .args_msg = expected, .need_msg = expected};
	cli_val v[N];
	int status = cli_parse(c, argc, argv, &spec, v, NULL);
	if(status >= 0)
		return status;
	const char *side = v[SIDE].s, *clause_id = v[CLAUSE].s;
	store *st = NULL;
	arena a;
	arena_init(&a, 0);
	stage s;
	agreement ag;
	pl_err err = {0};
	pl_rc rc = cli_open(c, &st, &err);
	rc = rc ? rc : stage_get(st, argv[optind], &a, &s, &err);
	rc = rc ? rc : agreement_get_id(st, s.agreement_id, &a, &ag, &err);
	int k = rc ? 0 : agreement_side(&ag, side);
	if(!rc && k < 0)
		rc = pl_failc(&err, PL_EUSAGE, "cli.side_form", "a", ag.party[0], "b", ag.party[1], "value", side,
		              NULL);
	size_t n = (size_t)(argc - optind - 1);
	stage_entry *add = rc ? NULL : arena_calloc(&a, n, sizeof(*add));
	for(size_t i = 0; add && i < n; i++) {
		add[i].side = k;
		add[i].clause = clause_id;
		snprintf(add[i].person, sizeof(add[i].person), "%s", argv[optind + 1 + (int)i]);
	}
	if(!rc && !add)
		rc = pl_nomem(&err);
	rc = rc ? rc : stage_edit(st, s.uid, add, n, NULL, 0, &err);
	if(!rc)
		cli_say(stdout, "cli.stage_added", "stage", s.uid, "n", PL_N(n), "version", PL_N(s.version + 1), NULL);
	arena_free(&a);
	store_close(st);
	return rc ? cli_fail(c, &err) : EXIT_OK;
}

static int stage_remove(cli *c, int argc, char **argv)
{
	static const cli_spec spec = {.usage = remove_usage, .min_args = 2, .max_args = -1,
	                              .args_msg = "expected a stage id and persons"};
	int status = cli_parse(c, argc, argv, &spec, NULL, NULL);
	if(status >= 0)
		return status;
	store *st = NULL;
	pl_err err = {0};
	size_t n = (size_t)(argc - optind - 1);
	pl_rc rc = cli_open(c, &st, &err);
	rc = rc ? rc : stage_edit(st, argv[optind], NULL, 0, (const char *const *)argv + optind + 1, n, &err);
	if(!rc)
		cli_say(stdout, "cli.stage_removed", "stage", argv[optind], "n", PL_N(n), NULL);
	store_close(st);
	return rc ? cli_fail(c, &err) : EXIT_OK;
}

/* ---- status ----------------------------------------------------------------- */

static const char propose_usage[] =
	"usage: parley stage propose STAGE\n"
	"\n"
	"A draft's manifest version is final: export it (parley manifest export) for\n"
	"the parties and the mediator to sign.\n";

static const char cancel_usage[] =
	"usage: parley stage cancel STAGE --reason TEXT\n"
	"\n"
	"Cancel a stage before it is executed; those listed on it go back to held.\n"
	"The reason is required: the audit log records it.\n";

static const char close_usage[] =
	"usage: parley stage close STAGE\n"
	"\n"
	"Close an executed stage: nothing more will change.\n";

typedef pl_rc (*stage_op)(store *st, const char *uid, pl_err *err);

/* done: the code of what the user is told, "stage {stage} proposed". */
static int run_op(cli *c, const char *uid, stage_op op, const char *done)
{
	store *st = NULL;
	pl_err err = {0};
	pl_rc rc = cli_open(c, &st, &err);
	rc = rc ? rc : op(st, uid, &err);
	if(!rc)
		cli_say(stdout, done, "stage", uid, NULL);
	store_close(st);
	return rc ? cli_fail(c, &err) : EXIT_OK;
}

static int stage_propose_cmd(cli *c, int argc, char **argv)
{
	const char *uid = NULL;
	int status = stage_args(c, argc, argv, propose_usage, &uid);
	return status >= 0 ? status : run_op(c, uid, stage_propose, "cli.stage_proposed");
}

static int stage_close_cmd(cli *c, int argc, char **argv)
{
	const char *uid = NULL;
	int status = stage_args(c, argc, argv, close_usage, &uid);
	return status >= 0 ? status : run_op(c, uid, stage_close, "cli.stage_closed");
}

static int stage_cancel_cmd(cli *c, int argc, char **argv)
{
	static const cli_opt opts[] = {{.name = "reason", .required = true}, {0}};
	static const cli_spec spec = {.usage = cancel_usage, .opts = opts, .min_args = 1, .max_args = 1,
	                              .args_msg = cli_one_stage};
	cli_val v[1];
	int status = cli_parse(c, argc, argv, &spec, v, NULL);
	if(status >= 0)
		return status;
	store *st = NULL;
	pl_err err = {0};
	pl_rc rc = cli_open(c, &st, &err);
	rc = rc ? rc : stage_cancel(st, argv[optind], v[0].s, &err);
	if(!rc)
		cli_say(stdout, "cli.stage_cancelled", "stage", argv[optind], NULL);
	store_close(st);
	return rc ? cli_fail(c, &err) : EXIT_OK;
}

static const char stage_usage[] =
	"usage: parley stage COMMAND ...\n"
	"\n"
	"  list      the stages and their status\n"
	"  show      a stage: its manifest, signatures, outcomes, discrepancies\n"
	"  diff      what changed between two versions of a stage's manifest\n"
	"  add       put persons on a stage (a new version)\n"
	"  remove    take persons off a stage (a new version)\n"
	"  propose   a draft is final and ready for signatures\n"
	"  execute   record the handover at once: outcomes per person, bodies per batch\n"
	"  record    as people cross: the outcomes of a person or a group, saved at once\n"
	"  finish    the execution of a stage in progress is done: bodies per batch\n"
	"  correct   correct an outcome recorded, with its reason\n"
	"  close     an executed stage is done\n"
	"  cancel    cancel a stage before it is executed\n"
	"\n"
	"Stages are planned with parley plan, signed with parley manifest.\n";

int cmd_stage(cli *c, int argc, char **argv)
{
	static const cli_command subs[] = {
		{"list", stage_list_cmd, NULL},       {"show", stage_show, NULL},
		{"diff", stage_diff_cmd, NULL},           {"add", stage_add, NULL},
		{"remove", stage_remove, NULL},       {"propose", stage_propose_cmd, NULL},
		{"execute", cli_stage_execute, NULL}, {"close", stage_close_cmd, NULL},
		{"cancel", stage_cancel_cmd, NULL},   {"record", cli_stage_record, NULL},
		{"finish", cli_stage_finish, NULL},   {"correct", cli_stage_correct, NULL},
	};
	return cli_dispatch(c, "stage", subs, sizeof(subs) / sizeof(subs[0]), stage_usage, argc, argv);
}
