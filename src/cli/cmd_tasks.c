/* parley tasks list | show | assign | done | dismiss | watch
 *
 * The family liaison's tasks (docs/families.md, "The watch"): one for each
 * thing that concerns a person with an open inquiry, with its evidence;
 * closed with how and when the family was told, or dismissed. */
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "cli/cli.h"
#include "core/msg.h"
#include "family/family.h"

static const char one_id[] = "give the task's id, once";

static void evidence(const family_task *t, char *out, size_t size)
{
	family_task_evidence(t, msg_env_lang(), out, size);
	if(!t->may_contact) {
		const char *w = msg_template(msg_env_lang(), "cli.task_no_contact");
		size_t used = strlen(out);
		snprintf(out + used, size - used, " [%s]", w ? w : "consent withdrawn: do not contact");
	}
}

/* ---- list ---------------------------------------------------------------------- */

static const char list_usage[] =
	"usage: parley tasks list [--status STATUSES] [--person ID] [--assignee USER] [--limit N] [--offset N]\n"
	"\n"
	"The family liaison's tasks: open first, then by person, with the evidence.\n"
	"\n"
	"  --status STATUSES    open, done, dismissed (comma-separated)\n"
	"  --person ID          one person's tasks\n"
	"  --assignee USER      the tasks given to one user\n"
	"  --limit N            at most N rows (default 50)\n"
	"  --offset N           skip the first N rows\n";

static int tasks_list_cmd(cli *c, int argc, char **argv)
{
	enum { LIMIT, OFFSET, STATUS, PERSON, ASSIGNEE, N };
	static const cli_opt opts[] = {[LIMIT] = CLI_OPT_LIMIT, [OFFSET] = CLI_OPT_OFFSET, [STATUS] = {.name = "status"},
	                               [PERSON] = {.name = "person"}, [ASSIGNEE] = {.name = "assignee"}, {0}};
	static const cli_spec spec = {.usage = list_usage, .opts = opts};
	cli_val v[N];
	store *st;
	int status = cli_start(c, argc, argv, &spec, v, NULL, &st);
	if(status >= 0)
		return status;
	task_query q = TASK_QUERY_INIT;
	cli_page(&v[LIMIT], &v[OFFSET], &q.limit, &q.offset);
	q.status = v[STATUS].s;
	q.person = v[PERSON].s;
	q.assignee = v[ASSIGNEE].s;
	arena a;
	arena_init(&a, 0);
	task_page pg;
	pl_err err = {0};
	pl_rc rc = family_task_list(st, &q, &a, &pg, &err);
	store_close(st);
	if(rc == PL_EUSAGE)
		status = cli_usage_fail(c, &err);
	else if(rc)
		status = cli_fail(c, &err);
	else if(c->json)
		cli_print_json(family_task_page_json(&pg, &q));
	else {
		const char *head[6] = {"id", "status", "person", "kind", "assignee", "evidence"};
		table *t = table_new(6, head);
		for(size_t i = 0; i < pg.n; i++) {
			const family_task *k = &pg.rows[i];
			char ev[1200];
			evidence(k, ev, sizeof(ev));
			const char *row[6] = {k->uid, task_status_names[k->status], k->who.uid, task_kind_names[k->kind],
			                      k->assignee, ev};
			table_add(t, row);
		}
		if(pg.n)
			table_print(t, stdout, 100);
		table_free(t);
		cli_print_range("cli.no_tasks", q.offset, pg.n, pg.total, false);
	}
	arena_free(&a);
	return status < 0 ? EXIT_OK : status;
}

/* ---- show ------------------------------------------------------------------------ */

static const char show_usage[] =
	"usage: parley tasks show ID [--json]\n"
	"\n"
	"A task: the person, their inquiry, the evidence and where it comes from,\n"
	"whether the family may be contacted (the inquiry's tracing consent), and\n"
	"how it was closed.\n";

static void show(const family_task *t)
{
	char ev[1200], pers[300];
	evidence(t, ev, sizeof(ev));
	snprintf(pers, sizeof(pers), "%s  %s %s %s", t->who.uid, t->who.surname ? t->who.surname : "",
	         t->who.given_names ? t->who.given_names : "", t->who.birth_date ? t->who.birth_date : "");
	const char *head[2] = {"field", "value"};
	table *tb = table_new(2, head);
	const char *rows[][2] = {{"Task", t->uid},          {"Status", task_status_names[t->status]},
	                         {"Person", pers},        {"Inquiry", t->inquiry},
	                         {"Kind", task_kind_names[t->kind]}, {"Source", t->source},
	                         {"Evidence", ev},          {"Created", t->created_at},
	                         {"Assignee", t->assignee}, {"Told how", t->told_how},
	                         {"Told on", t->told_on},   {"Note", t->note},
	                         {"Closed by", t->closed_by}, {"Closed at", t->closed_at}};
	for(size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++)
		if(rows[i][1])
			table_add(tb, rows[i]);
	table_print(tb, stdout, TABLE_WHOLE);
	table_free(tb);
}

static int print_task(cli *c, store *st, const char *id)
{
	arena a;
	arena_init(&a, 0);
	family_task t;
	pl_err err = {0};
	pl_rc rc = family_task_get(st, id, &a, &t, &err);
	if(!rc && c->json)
		cli_print_json(family_task_json(&t));
	else if(!rc)
		show(&t);
	arena_free(&a);
	return rc ? cli_fail(c, &err) : EXIT_OK;
}

static int tasks_show_cmd(cli *c, int argc, char **argv)
{
	static const cli_spec spec = {.usage = show_usage, .min_args = 1, .max_args = 1, .args_msg = one_id};
	store *st;
	int status = cli_start(c, argc, argv, &spec, NULL, NULL, &st);
	if(status >= 0)
		return status;
	status = print_task(c, st, argv[optind]);
	store_close(st);
	return status;
}

/* ---- assign, done, dismiss ---------------------------------------------------------- */

static const char assign_usage[] =
	"usage: parley tasks assign ID --to USER\n"
	"\n"
	"Give an open task to a user (--to '' takes it back).\n";

static const char done_usage[] =
	"usage: parley tasks done ID --how phone|letter|in_person [--date DATE] --note TEXT\n"
	"\n"
	"Close a task: how the family was told (phone, letter, in_person), on which\n"
	"day (default today), and what they were told. Refused when the inquiry's\n"
	"tracing consent was withdrawn (do not contact): dismiss it instead.\n";

static const char dismiss_usage[] =
	"usage: parley tasks dismiss ID --reason TEXT\n"
	"\n"
	"Dismiss an open task, with the reason (not this person, told already...).\n";

/* A change to one task: its options' values v (in the order of the
 * spec's options), then the task as it is now. */
typedef pl_rc (*change_fn)(store *st, const char *id, const cli_val *v, pl_err *err);

static int change_cmd(cli *c, int argc, char **argv, const cli_spec *spec, change_fn fn)
{
	cli_val v[4];
	store *st;
	int status = cli_start(c, argc, argv, spec, v, NULL, &st);
	if(status >= 0)
		return status;
	pl_err err = {0};
	status = fn(st, argv[optind], v, &err) ? cli_fail(c, &err) : print_task(c, st, argv[optind]);
	store_close(st);
	return status;
}

static pl_rc assign(store *st, const char *id, const cli_val *v, pl_err *err)
{
	return family_task_assign(st, id, v[0].s, err);
}

static pl_rc done(store *st, const char *id, const cli_val *v, pl_err *err)
{
	return family_task_done(st, id, v[0].s, v[1].s, v[2].s, err);
}

static pl_rc dismiss(store *st, const char *id, const cli_val *v, pl_err *err)
{
	return family_task_dismiss(st, id, v[0].s, err);
}

static int tasks_assign_cmd(cli *c, int argc, char **argv)
{
	static const cli_opt opts[] = {{.name = "to", .required = true}, {0}};
	static const cli_spec spec = {.usage = assign_usage, .opts = opts, .min_args = 1, .max_args = 1,
	                              .args_msg = one_id};
	return change_cmd(c, argc, argv, &spec, assign);
}

static int tasks_done_cmd(cli *c, int argc, char **argv)
{
	static const cli_opt opts[] = {{.name = "how", .required = true}, {.name = "date"},
	                               {.name = "note", .required = true}, {0}};
	static const cli_spec spec = {.usage = done_usage, .opts = opts, .min_args = 1, .max_args = 1,
	                              .args_msg = one_id};
	return change_cmd(c, argc, argv, &spec, done);
}

static int tasks_dismiss_cmd(cli *c, int argc, char **argv)
{
	static const cli_opt opts[] = {{.name = "reason", .required = true}, {0}};
	static const cli_spec spec = {.usage = dismiss_usage, .opts = opts, .min_args = 1, .max_args = 1,
	                              .args_msg = one_id};
	return change_cmd(c, argc, argv, &spec, dismiss);
}

/* ---- watch ------------------------------------------------------------------------- */

static const char watch_usage[] =
	"usage: parley tasks watch [--json]\n"
	"\n"
	"Run the watch now: read the audit log from the watch's mark (status changes,\n"
	"signed manifests, remains cases, DNA proposals) and make a task for each\n"
	"that concerns a person with an inquiry not closed. The server runs it when\n"
	"idle; 'parley reconcile' gives it its list's rows itself.\n";

static void cli_say_watch(const watch_report *r)
{
	cli_say(stdout, "cli.watch_report", "seen", PL_N(r->seen), "concerned", PL_N(r->concerned), "created",
	        PL_N(r->created), "existed", PL_N(r->existed), NULL);
}

static int tasks_watch_cmd(cli *c, int argc, char **argv)
{
	static const cli_spec spec = {.usage = watch_usage};
	store *st;
	int status = cli_start(c, argc, argv, &spec, NULL, NULL, &st);
	if(status >= 0)
		return status;
	watch_report r;
	pl_err err = {0};
	pl_rc rc = family_watch_run(st, &r, &err);
	store_close(st);
	if(rc)
		return cli_fail(c, &err);
	if(c->json)
		cli_print_json(watch_report_json(&r));
	else
		cli_say_watch(&r);
	return EXIT_OK;
}

/* ---- dispatch --------------------------------------------------------------------- */

static const char tasks_usage[] =
	"usage: parley tasks COMMAND ...\n"
	"\n"
	"The family liaison's tasks: news about persons with an open inquiry\n"
	"(docs/families.md, 'The watch').\n"
	"\n"
	"  list       the tasks, open first, by person\n"
	"  show       a task with its evidence\n"
	"  assign     give a task to a user\n"
	"  done       close a task with how and when the family was told\n"
	"  dismiss    dismiss a task with a reason\n"
	"  watch      run the watch now\n"
	"\n"
	"'parley tasks COMMAND --help' for each.\n";

int cmd_tasks(cli *c, int argc, char **argv)
{
	static const cli_command subs[] = {
		{"list", tasks_list_cmd, NULL},     {"show", tasks_show_cmd, NULL},
		{"assign", tasks_assign_cmd, NULL}, {"done", tasks_done_cmd, NULL},
		{"dismiss", tasks_dismiss_cmd, NULL}, {"watch", tasks_watch_cmd, NULL},
	};
	return cli_dispatch(c, "tasks", subs, sizeof(subs) / sizeof(subs[0]), tasks_usage, argc, argv);
}
