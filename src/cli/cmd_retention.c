/* parley retention rules | set | drop | run */
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "cli/cli.h"
#include "family/family.h"
#include "registry/registry.h"

static const char rules_usage[] =
	"usage: parley retention rules [--json]\n"
	"\n"
	"The retention rules: each kind of data, what is done with it, and after how\n"
	"many years from the close of a case.\n";

static const char set_usage[] =
	"usage: parley retention set KIND YEARS [--action erase|pseudonymise]\n"
	"\n"
	"Set the rule of a kind of data (changing it if there is one), for persons\n"
	"whose case closed (returned, released, or known dead and returned or\n"
	"identified) more than YEARS years ago. Kinds, and what their rule does:\n"
	"  medical   erase the medical category, health events' place and note,\n"
	"            causes of death\n"
	"  notes     erase events' free-text notes\n"
	"  contacts  erase the person to be informed (name and address)\n"
	"  identity  pseudonymise: remove the names (both scripts), the mother's\n"
	"            maiden name, birth place and service number, cut the birth date\n"
	"            to its year; the record stays, known by its id\n"
	"--action may be left out: each kind has one. Nothing changes until `parley\n"
	"retention run`; the rule is in the audit log.\n";

static const char drop_usage[] =
	"usage: parley retention drop KIND\n"
	"\n"
	"Remove the rule of a kind of data (audited).\n";

static const char run_usage[] =
	"usage: parley retention run [--dry-run] [--json]\n"
	"\n"
	"Apply every rule, all in one transaction: each change is an entry of the\n"
	"audit log naming the fields (never their values). --dry-run lists\n"
	"what a run would change, and changes nothing: run it first.\n";

static int rules_cmd(cli *c, int argc, char **argv)
{
	static const cli_spec spec = {.usage = rules_usage};
	store *st;
	int status = cli_start(c, argc, argv, &spec, NULL, NULL, &st);
	if(status >= 0)
		return status;
	static const char *const head[5] = {"kind", "action", "years", "set by", "set at"};
	cli_rows o;
	cli_rows_init(&o, c, 5, head, 40);
	arena a;
	arena_init(&a, 0);
	retention_rule *r;
	size_t n;
	pl_err err = {0};
	pl_rc rc = registry_retention_rules(st, &a, &r, &n, &err);
	for(size_t i = 0; !rc && i < n; i++) {
		if(o.arr) {
			json_array_append_new(o.arr, json_pack("{s:s, s:s, s:i, s:s, s:s}", "kind", r[i].kind, "action",
			                                       r[i].action, "years", r[i].years, "set_by", r[i].set_by,
			                                       "set_at", r[i].set_at));
		} else {
			const char *row[5] = {r[i].kind, r[i].action, PL_N(r[i].years), r[i].set_by, r[i].set_at};
			table_add(o.t, row);
		}
	}
	status = cli_rows_finish(&o, c, rc, &err);
	arena_free(&a);
	store_close(st);
	return status;
}

static int set_cmd(cli *c, int argc, char **argv)
{
	static const char *const actions[] = {"erase", "pseudonymise", NULL};
	static const cli_opt opts[] = {{.name = "action", .kind = CLI_CHOICE, .choices = actions}, {0}};
	static const cli_spec spec = {.usage = set_usage, .opts = opts, .min_args = 2, .max_args = 2};
	cli_val v[1];
	store *st;
	int status = cli_start(c, argc, argv, &spec, v, NULL, &st);
	if(status >= 0)
		return status;
	const char *kind = argv[optind], *years = argv[optind + 1];
	long y;
	pl_err err = {0};
	pl_rc rc = cli_parse_long(years, 1, 100, &y)
	               ? registry_retention_set(st, kind, v[0].s, (int)y, &err)
	               : pl_failc(&err, PL_EINPUT, "retention.years", "years", years, NULL);
	store_close(st);
	if(rc)
		return cli_fail(c, &err);
	cli_say(stdout, strcmp(kind, "identity") ? "cli.retention_set" : "cli.retention_set_identity", "kind", kind,
	        "years", PL_N(y), NULL);
	return EXIT_OK;
}

static int drop_cmd(cli *c, int argc, char **argv)
{
	static const cli_spec spec = {.usage = drop_usage, .min_args = 1, .max_args = 1};
	store *st;
	int status = cli_start(c, argc, argv, &spec, NULL, NULL, &st);
	if(status >= 0)
		return status;
	pl_err err = {0};
	pl_rc rc = registry_retention_drop(st, argv[optind], &err);
	store_close(st);
	if(rc)
		return cli_fail(c, &err);
	cli_say(stdout, "cli.retention_dropped", "kind", argv[optind], NULL);
	return EXIT_OK;
}

static pl_rc print_change(void *ctx, const retention_change *ch)
{
	cli_rows *o = ctx;
	if(o->arr) {
		json_array_append_new(o->arr, json_pack("{s:s, s:s, s:s, s:s?, s:s}", "rule", ch->kind, "action",
		                                        ch->action, "person", ch->person, "event", ch->event, "fields",
		                                        ch->fields));
	} else {
		const char *row[5] = {ch->kind, ch->action, ch->person, ch->event ? ch->event : "", ch->fields};
		table_add(o->t, row);
	}
	return PL_OK;
}

static int run_cmd(cli *c, int argc, char **argv)
{
	static const cli_opt opts[] = {{.name = "dry-run", .kind = CLI_FLAG}, {0}};
	static const cli_spec spec = {.usage = run_usage, .opts = opts};
	cli_val v[1];
	store *st;
	int status = cli_start(c, argc, argv, &spec, v, NULL, &st);
	if(status >= 0)
		return status;
	bool dry = v[0].s != NULL;
	static const char *const head[5] = {"rule", "action", "person", "event", "fields"};
	cli_rows o;
	cli_rows_init(&o, c, 5, head, 40);
	size_t n;
	long swept;
	pl_err err = {0};
	pl_rc rc = family_retention_run(st, dry, print_change, &o, &n, &swept, &err);
	store_close(st);
	bool json = o.arr != NULL;
	status = cli_rows_finish(&o, c, rc, &err);
	if(!rc && !json)
		cli_say(stdout, dry ? "cli.retention_would" : "cli.retention_done", "n", PL_N(n), NULL);
	if(!rc && !json && swept)
		cli_say(stdout, "antemortem.photos_swept", "n", PL_N(swept), NULL);
	return status;
}

static const char retention_usage[] =
	"usage: parley retention COMMAND ...\n"
	"\n"
	"  rules     list the retention rules\n"
	"  set       set the rule of a kind of data: erase or pseudonymise after N years\n"
	"  drop      remove a rule\n"
	"  run       apply the rules (--dry-run first: what would change)\n";

int cmd_retention(cli *c, int argc, char **argv)
{
	static const cli_command subs[] = {
		{"rules", rules_cmd, NULL}, {"set", set_cmd, NULL}, {"drop", drop_cmd, NULL}, {"run", run_cmd, NULL},
	};
	return cli_dispatch(c, "retention", subs, sizeof(subs) / sizeof(subs[0]), retention_usage, argc, argv);
}
