/* parley agreement: check, store, list and show agreements. */
#include <string.h>

#include "accord/agreement.h"
#include "accord/ledger.h"
#include "cli/cli.h"
#include "core/file.h"

/* Read and check the agreement file at path into ag (in a). */
static pl_rc read_agreement(const char *path, arena *a, agreement *ag, pl_err *err)
{
	buf text;
	buf_init(&text, 0);
	pl_rc rc = file_read(path, 16u << 20, &text, err);
	if(!rc)
		rc = agreement_parse(text.ptr, text.len, !strcmp(path, "-") ? "<stdin>" : path, a, ag, err);
	buf_free(&text);
	return rc;
}

static const char check_usage[] =
	"usage: parley agreement check FILE...\n"
	"\n"
	"Check agreement documents (JSON, docs/agreements.md) and explain each in\n"
	"words: the parties, when deliveries count, what statements withhold, and\n"
	"every clause with its eligibility rule, basis, priority and capacity. A\n"
	"problem is reported with the file, the field's path and, in a rule, the\n"
	"column. Needs no database.\n";

static int agreement_check(cli *c, int argc, char **argv)
{
	static const cli_spec spec = {.usage = check_usage, .min_args = 1, .max_args = -1,
	                              .args_msg = "expected an agreement file"};
	int status = cli_parse(c, argc, argv, &spec, NULL, NULL);
	if(status >= 0)
		return status;
	status = EXIT_OK;
	json_t *all = json_array();
	for(int i = optind; i < argc; i++) {
		arena a;
		arena_init(&a, 0);
		agreement ag;
		pl_err err = {0};
		buf out;
		buf_init(&out, 0);
		pl_rc rc = read_agreement(argv[i], &a, &ag, &err);
		if(!rc)
			rc = agreement_explain(&ag, &out) ? pl_nomem(&err) : PL_OK;
		if(rc) {
			status = cli_fail(c, &err);
		} else if(c->json) {
			json_array_append_new(all, json_pack("{s:s, s:s, s:s, s:s}", "file", argv[i], "id", ag.name,
			                                     "sha256", ag.sha256, "explanation", buf_str(&out)));
		} else {
			cli_say(stdout, "cli.agreement_ok", "file", argv[i], NULL);
			printf("%s%s", buf_str(&out), i + 1 < argc ? "\n" : "");
		}
		buf_free(&out);
		arena_free(&a);
	}
	if(c->json)
		cli_print_json(all);
	else
		json_decref(all);
	return status;
}

static const char add_usage[] =
	"usage: parley agreement add FILE\n"
	"\n"
	"Check an agreement document and store it (audited). Terms are never edited:\n"
	"the same document again changes nothing; other terms under a stored id are\n"
	"refused; give them a new id.\n";

static int agreement_add_cmd(cli *c, int argc, char **argv)
{
	static const cli_spec spec = {.usage = add_usage, .min_args = 1, .max_args = 1,
	                              .args_msg = "expected one agreement file"};
	int status = cli_parse(c, argc, argv, &spec, NULL, NULL);
	if(status >= 0)
		return status;
	arena a;
	arena_init(&a, 0);
	agreement ag;
	pl_err err = {0};
	store *st = NULL;
	bool added = false;
	pl_rc rc = read_agreement(argv[optind], &a, &ag, &err);
	rc = rc ? rc : cli_open(c, &st, &err);
	rc = rc ? rc : agreement_add(st, &ag, &added, &err);
	if(!rc) {
		char sha[17];
		snprintf(sha, sizeof(sha), "%.16s", ag.sha256);
		cli_say(stdout, added ? "cli.agreement_stored" : "cli.agreement_had", "agreement", ag.name, "n",
		        PL_N(ag.nclauses), "sha", sha, NULL);
	}
	store_close(st);
	arena_free(&a);
	return rc ? cli_fail(c, &err) : EXIT_OK;
}

static const char list_usage[] =
	"usage: parley agreement list\n"
	"\n"
	"The stored agreements with their parties, mediator and stages.\n";

static int agreement_list_cmd(cli *c, int argc, char **argv)
{
	static const cli_spec spec = {.usage = list_usage};
	store *st;
	int status = cli_start(c, argc, argv, &spec, NULL, NULL, &st);
	if(status >= 0)
		return status;
	pl_err err = {0};
	static const char *const head[6] = {"id", "concluded", "parties", "mediator", "stages", "title"};
	cli_rows o;
	cli_rows_init(&o, c, 6, head, 60);
	arena a;
	arena_init(&a, 0);
	agreement_row *rows;
	size_t n;
	pl_rc rc = agreement_list(st, &a, &rows, &n, &err);
	for(size_t i = 0; !rc && i < n; i++) {
		const agreement_row *x = &rows[i];
		if(o.arr) {
			json_array_append_new(o.arr, json_pack("{s:s, s:s, s:s, s:[s,s], s:s?, s:i, s:i}", "id",
			                                       x->name, "title", x->title, "concluded", x->concluded,
			                                       "parties", x->party_a, x->party_b, "mediator",
			                                       x->mediator, "stages", (int)x->stages, "open_stages",
			                                       (int)x->open_stages));
			continue;
		}
		char parties[32], stages[48];
		snprintf(parties, sizeof(parties), "%s, %s", x->party_a, x->party_b);
		snprintf(stages, sizeof(stages), "%ld (%ld open)", x->stages, x->open_stages);
		const char *row[6] = {x->name, x->concluded, parties, x->mediator, stages, x->title};
		table_add(o.t, row);
	}
	store_close(st);
	status = cli_rows_finish(&o, c, rc, &err);
	arena_free(&a);
	return status;
}

static const char show_usage[] =
	"usage: parley agreement show ID\n"
	"\n"
	"A stored agreement in words, and its ledger: per clause and side, what was\n"
	"delivered (as the agreement counts it), what is on open stages, what the\n"
	"basis still asks of each side, and what is outstanding.\n";

static int agreement_show(cli *c, int argc, char **argv)
{
	static const cli_spec spec = {.usage = show_usage, .min_args = 1, .max_args = 1,
	                              .args_msg = "expected one agreement id"};
	int status = cli_parse(c, argc, argv, &spec, NULL, NULL);
	if(status >= 0)
		return status;
	store *st = NULL;
	arena a;
	arena_init(&a, 0);
	agreement ag;
	ledger lg = {0};
	pl_err err = {0};
	buf out;
	buf_init(&out, 0);
	pl_rc rc = cli_open(c, &st, &err);
	rc = rc ? rc : agreement_get(st, argv[optind], &a, &ag, &err);
	rc = rc ? rc : ledger_compute(st, &ag, &a, &lg, &err);
	if(!rc && c->json) {
		if(!cli_print_json(json_pack("{s:s, s:s, s:s, s:o}", "id", ag.name, "sha256", ag.sha256, "document",
		                             ag.canonical, "ledger", ledger_json(&ag, &lg))))
			rc = pl_nomem(&err);
	} else if(!rc) {
		rc = agreement_explain(&ag, &out);
		rc = rc ? rc : buf_adds(&out, "\n");
		rc = rc ? rc : ledger_text(&ag, &lg, &out);
		if(rc)
			rc = pl_nomem(&err);
		else
			fputs(buf_str(&out), stdout);
	}
	buf_free(&out);
	arena_free(&a);
	store_close(st);
	return rc ? cli_fail(c, &err) : EXIT_OK;
}

static const char agreement_usage[] =
	"usage: parley agreement COMMAND ...\n"
	"\n"
	"  check     check agreement documents and explain them (no database needed)\n"
	"  add       store an agreement\n"
	"  list      the stored agreements\n"
	"  show      an agreement in words, with its ledger\n"
	"\n"
	"The document format: docs/agreements.md; examples in examples/.\n";

int cmd_agreement(cli *c, int argc, char **argv)
{
	static const cli_command subs[] = {
		{"check", agreement_check, NULL},
		{"add", agreement_add_cmd, NULL},
		{"list", agreement_list_cmd, NULL},
		{"show", agreement_show, NULL},
	};
	return cli_dispatch(c, "agreement", subs, sizeof(subs) / sizeof(subs[0]), agreement_usage, argc,
	                    argv);
}
