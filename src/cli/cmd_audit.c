/* parley audit verify | log | access */
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "audit/audit.h"
#include "cli/cli.h"
#include "core/msg.h"

static const char verify_usage[] =
	"usage: parley audit verify [--json]\n"
	"\n"
	"Check the whole audit chain: every entry's hash, and that each links to the\n"
	"one before. Names the first broken entry. Prints the number of entries and\n"
	"the head hash: keep it somewhere else (a signed statement, a letter) and\n"
	"compare later, since a chain alone cannot show that its newest entries\n"
	"were removed.\n";

static int audit_verify_cmd(cli *c, int argc, char **argv)
{
	static const cli_spec spec = {.usage = verify_usage};
	store *st;
	int status = cli_start(c, argc, argv, &spec, NULL, NULL, &st);
	if(status >= 0)
		return status;
	pl_err err = {0};
	audit_verify_report rep;
	pl_rc rc = audit_verify(st, &rep, &err);
	store_close(st);
	char head[2 * AUDIT_HASH_SIZE + 1], n[32];
	audit_hex(rep.head, head);
	text_thousands((long)rep.entries, n, sizeof(n));
	if(c->json) {
		json_t *o = json_pack("{s:b, s:I, s:s, s:I, s:s?}", "intact", rc == PL_OK, "entries",
		                      (json_int_t)rep.entries, "head", head, "first_bad",
		                      (json_int_t)rep.first_bad, "error", rc ? err.msg : NULL);
		json_dumpf(o, stdout, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
		putchar('\n');
		json_decref(o);
		return rc ? EXIT_REFUSED : EXIT_OK;
	}
	if(rc) {
		char text[PL_ERR_MSG_MAX];
		msg_err_text(&err, msg_env_lang(), text, sizeof(text));
		fprintf(stderr, "%s: BROKEN: %s\n", c->prog, text); /* BROKEN: a mark for scripts */
		cli_say(stderr, "cli.audit_intact_before", "prog", c->prog, "count", n, "n",
		        PL_N(rep.entries), NULL);
		return EXIT_REFUSED;
	}
	cli_say(stdout, "cli.audit_intact", "count", n, "n", PL_N(rep.entries), NULL);
	printf("head %s\n", head);
	return EXIT_OK;
}

static const char log_usage[] =
	"usage: parley audit log [OPTIONS]\n"
	"\n"
	"Changes to the registry, newest first: who, when, what, before and after.\n"
	"\n"
	"Options:\n"
	"  --person ID     only changes to this person and their events\n"
	"  --actor NAME    only changes by NAME\n"
	"  --since DATE    only changes on or after DATE (YYYY-MM-DD)\n"
	"  --limit N       at most N entries (default 50; 0 for all)\n";

static const char access_usage[] =
	"usage: parley audit access [OPTIONS]\n"
	"\n"
	"Reads of person records, newest first: who read which record, when. An\n"
	"export reads them all and is logged as a read of '*'.\n"
	"\n"
	"Options:\n"
	"  --person ID     only reads of this person's record (* for exports)\n"
	"  --actor NAME    only reads by NAME\n"
	"  --since DATE    only reads on or after DATE (YYYY-MM-DD)\n"
	"  --limit N       at most N entries (default 50; 0 for all)\n";

static pl_rc print_entry(void *ctx, const audit_entry *e)
{
	cli_rows *o = ctx;
	if(o->arr) {
		json_array_append_new(o->arr, audit_entry_json(e));
		return PL_OK;
	}
	char seq[32];
	snprintf(seq, sizeof(seq), "%lld", (long long)e->seq);
	const char *change = e->after ? e->after : "";
	char both[1024];
	if(e->before) {
		snprintf(both, sizeof(both), "%s -> %s", e->before, e->after ? e->after : "null");
		change = both;
	}
	const char *row[6] = {seq, e->ts, e->actor, e->action, e->entity_uid ? e->entity_uid : e->entity,
	                      change};
	table_add(o->t, row);
	return PL_OK;
}

static pl_rc print_access(void *ctx, const access_entry *e)
{
	cli_rows *o = ctx;
	if(o->arr) {
		json_array_append_new(o->arr, access_entry_json(e));
		return PL_OK;
	}
	const char *row[5] = {e->ts, e->actor, e->person_uid, e->action, e->detail ? e->detail : ""};
	table_add(o->t, row);
	return PL_OK;
}

/* --since: a date, whole or partial, said as date_parse says why not. */
static int take_since(cli *c, const cli_opt *o, char *value, void *ctx)
{
	pdate d;
	const char *why;
	return date_parse(value, &d, &why) ? -1 : cli_usage_errorc(c, "cli.since_form", "why", field_why_arg(why), "value", value, NULL);
}

static int audit_list_cmd(cli *c, int argc, char **argv, bool access)
{
	enum { PERSON, ACTOR, SINCE, LIMIT, N };
	static const cli_opt opts[] = {
		[PERSON] = {.name = "person"}, [ACTOR] = {.name = "actor"},
		[SINCE] = {.name = "since", .take = take_since},
		[LIMIT] = {.name = "limit", .kind = CLI_INT, .min = 0, .max = 100000000, .expect = "a number from 0"},
		{0}};
	const cli_spec spec = {.usage = access ? access_usage : log_usage, .opts = opts};
	cli_val v[N];
	store *st;
	int status = cli_start(c, argc, argv, &spec, v, NULL, &st);
	if(status >= 0)
		return status;
	audit_filter f = {.entity_uid = v[PERSON].s, .actor = v[ACTOR].s, .since = v[SINCE].s,
	                  .limit = v[LIMIT].s ? v[LIMIT].n : 50};
	pl_err err = {0};
	static const char *const log_head[6] = {"seq", "when", "who", "action", "what", "change"};
	static const char *const access_head[5] = {"when", "who", "person", "action", "detail"};
	cli_rows o;
	if(access)
		cli_rows_init(&o, c, 5, access_head, 100);
	else
		cli_rows_init(&o, c, 6, log_head, 100);
	pl_rc rc = access ? audit_access_list(st, &f, print_access, &o, &err)
	                  : audit_list(st, &f, print_entry, &o, &err);
	store_close(st);
	return cli_rows_finish(&o, c, rc, &err);
}

static int audit_log_cmd(cli *c, int argc, char **argv) { return audit_list_cmd(c, argc, argv, false); }
static int audit_access_cmd(cli *c, int argc, char **argv) { return audit_list_cmd(c, argc, argv, true); }

static const char audit_usage[] =
	"usage: parley audit COMMAND ...\n"
	"\n"
	"  verify    check the hash chain of the change log\n"
	"  log       show changes: who, when, what, before and after\n"
	"  access    show who read which person record\n";

int cmd_audit(cli *c, int argc, char **argv)
{
	static const cli_command subs[] = {
		{"verify", audit_verify_cmd, NULL}, {"log", audit_log_cmd, NULL},
		{"access", audit_access_cmd, NULL},
	};
	return cli_dispatch(c, "audit", subs, sizeof(subs) / sizeof(subs[0]), audit_usage, argc, argv);
}
