/* parley reconcile: a list against the registry. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "accord/stage.h"
#include "cli/cli.h"
#include "core/msg.h"
#include "family/family.h"
#include "match/dedupe.h"
#include "match/reconcile.h"

static const char reconcile_usage[] =
	"usage: parley reconcile LIST.csv [OPTIONS]\n"
	"\n"
	"Match a list (the other side's, the mediator's; in the person CSV format of\n"
	"docs/formats.md, names in any script and spelling) against every person in\n"
	"the registry. Each row is matched, sent to review, or left unmatched; matched\n"
	"rows are flagged when the person was already returned, died, is a civilian,\n"
	"appears twice in the list, is already on an open stage, or (with --clause)\n"
	"is not eligible under the clause. How the matching works: docs/matching.md.\n"
	"\n"
	"Options:\n"
	"  --thresholds M[,R]   link at probability M or more (default 0.9); review\n"
	"                       from R (default 0.3)\n"
	"  --id-column NAME     the list's own identifier column (e.g. ext.icrc);\n"
	"                       default: line numbers\n"
	"  --report FILE        write every row with its outcome, person, probability,\n"
	"                       flags and per-field weights; .json, .csv or .html\n"
	"  --threads N          threads for linking (default 2)\n"
	"  --clause AGR:CLAUSE  flag matched persons not eligible under this clause of\n"
	"                       a stored agreement (e.g. istanbul-2025-06-02:wounded)\n"
	"  --stage-date DATE    the day eligibility is judged on (default today)\n"
	"  --confirm LINE:ID    record that the row on LINE is registry person ID: a\n"
	"                       match from now on, on every run of a list with that\n"
	"                       row (repeatable; audited)\n"
	"  --reject LINE:ID     record that it is not: never matched again\n"
	"  --json               print the summary as JSON\n";

static bool parse_thresholds(const char *s, reconcile_opts *o)
{
	char *end;
	errno = 0;
	o->threshold = strtod(s, &end);
	if(errno || end == s || o->threshold <= 0 || o->threshold >= 1)
		return false;
	if(*end == ',') {
		const char *r = end + 1;
		o->review = strtod(r, &end);
		if(end == r || o->review <= 0 || o->review > o->threshold)
			return false;
	}
	return *end == '\0';
}

static const char *report_kind(const char *path)
{
	const char *dot = strrchr(path, '.');
	if(dot && (!strcmp(dot, ".json") || !strcmp(dot, ".csv") || !strcmp(dot, ".html")))
		return dot + 1;
	return NULL;
}

static pl_rc write_report(const char *path, const reconcile_result *r, const char *list,
                          pl_err *err)
{
	const char *kind = report_kind(path);
	FILE *f = fopen(path, "wb");
	if(!f)
		return cli_io_fail(err, PL_EIO, "cli.cannot_write", path);
	pl_rc rc = !strcmp(kind, "json") ? reconcile_write_json(f, r, err)
	         : !strcmp(kind, "csv")  ? reconcile_write_csv(f, r, err)
	                                 : reconcile_write_html(f, r, list, msg_env_lang(), err);
	if(fclose(f) && !rc)
		rc = cli_io_fail(err, PL_EIO, "cli.cannot_write", path);
	return rc;
}

/* What to be wary of in the list and the links, on stderr whatever the
 * output. */
static void print_warnings(const cli *c, const pl_err *w, int n)
{
	for(int k = 0; k < n; k++)
		cli_warn(c, &w[k]);
}

static void print_summary(const cli *c, const reconcile_result *r)
{
	pl_err warn[RECONCILE_WARNINGS_MAX] = {{0}};
	print_warnings(c, warn, reconcile_warnings(r, warn));
	if(c->json) {
		printf("{\"list_rows\": %zu, \"registry_persons\": %zu, \"matched\": %zu, \"review\": %zu, "
		       "\"duplicate\": %zu, \"unmatched\": %zu, \"already_returned\": %zu, \"civilian\": %zu, "
		       "\"died\": %zu, \"booked\": %zu, \"not_eligible\": %zu, "
		       "\"candidate_pairs\": %zu, \"registry_keyed\": %zu, "
		       "\"registry_reused\": %zu, \"seconds\": %.3f}\n",
		       r->list.side.n, r->reg.side.n, r->matched, r->review, r->duplicate, r->unmatched,
		       r->flagged[0], r->flagged[1], r->flagged[2], r->flagged[4], r->flagged[5],
		       r->links.candidates, r->reg.keyed,
		       r->reg.reused, r->seconds);
		return;
	}
	char secs[32];
	snprintf(secs, sizeof(secs), "%.2f", r->seconds);
	cli_say(stdout, "cli.reconciled", "n", PL_N(r->list.side.n), "registry", PL_N(r->reg.side.n),
	        "pairs", PL_N(r->links.candidates), "seconds", secs, NULL);
	cli_say(stdout, "cli.registry_keys", "made", PL_N(r->reg.keyed), "kept", PL_N(r->reg.reused), NULL);
	/* Each row once: the outcomes add up to the rows. */
	cli_say(stdout, "cli.reconcile_outcomes", "matched", PL_N(r->matched), "review", PL_N(r->review),
	        "twice", PL_N(r->duplicate), "unmatched", PL_N(r->unmatched), NULL);
	cli_say(stdout, "cli.reconcile_matched_flags", "returned", PL_N(r->flagged[0]), "died", PL_N(r->flagged[2]),
	        "civilians", PL_N(r->flagged[1]), "booked", PL_N(r->flagged[4]), "not_eligible",
	        PL_N(r->flagged[5]), NULL);
	char columns[1024];
	if(reconcile_columns_read(r, columns, sizeof(columns)))
		cli_say(stdout, "match.columns_read", "columns", columns, NULL);
	if(!r->whole_names)
		return;
	/* The "name" column was split: say by what rule (the rules' names are
	 * words of the format, docs/formats.md), and which were not. */
	char rules[512] = "";
	size_t used = 0;
	for(int k = 1; k < NAMES_SPLIT_COUNT && used < sizeof(rules); k++)
		if(r->split[k]) {
			char by[128];
			cli_text(by, sizeof(by), "cli.split_by", "n", PL_N(r->split[k]), "rule",
			         names_split_name((names_split)k), NULL);
			int w = snprintf(rules + used, sizeof(rules) - used, " %s,", by);
			used += w > 0 ? (size_t)w : 0;
		}
	cli_say(stdout, "cli.names_split", "rules", rules, "none", PL_N(r->split[NAMES_SPLIT_NONE]), "left_out",
	        PL_N(r->split_left_out), NULL);
	/* The list's own order, as its rows showed it, or that they did not. */
	const match_list *l = &r->list;
	cli_say(stdout, l->name_order == NAMES_SURNAME_FIRST ? "cli.names_order_first"
	        : l->name_order == NAMES_SURNAME_LAST ? "cli.names_order_last" : "cli.names_order_unknown",
	        "first", PL_N(l->order_votes[NAMES_SURNAME_FIRST]), "last",
	        PL_N(l->order_votes[NAMES_SURNAME_LAST]), "rule", names_split_name(NAMES_SPLIT_LIST_ORDER), NULL);
}

static bool parse_decision(const char *s, bool confirm, reconcile_decision *d)
{
	char *end;
	errno = 0;
	long line = strtol(s, &end, 10);
	if(errno || end == s || *end != ':' || line < 2 || !registry_uid_valid('P', end + 1))
		return false;
	*d = (reconcile_decision){line, end + 1, confirm};
	return true;
}

enum { DECISIONS_MAX = 1000 };

/* What the options of reconcile fill in, besides their values. */
typedef struct reconcile_args {
	reconcile_opts o;
	reconcile_decision decide[DECISIONS_MAX];
} reconcile_args;

static int take_thresholds(cli *c, const cli_opt *o, char *value, void *ctx)
{
	reconcile_args *ra = ctx;
	if(parse_thresholds(value, &ra->o))
		return -1;
	return cli_usage_errorc(c, "cli.thresholds_form", "value", value, NULL);
}

/* --confirm and --reject, repeatable. */
static int take_decision(cli *c, const cli_opt *o, char *value, void *ctx)
{
	reconcile_args *ra = ctx;
	if(ra->o.ndecide == DECISIONS_MAX)
		return cli_usage_errorc(c, "cli.decisions_max", "max", PL_N(DECISIONS_MAX), NULL);
	if(!parse_decision(value, !strcmp(o->name, "confirm"), &ra->decide[ra->o.ndecide]))
		return cli_usage_errorc(c, "cli.decision_form", "option", o->name, "value", value, NULL);
	ra->o.ndecide++;
	return -1;
}

static int take_report(cli *c, const cli_opt *o, char *value, void *ctx)
{
	if(report_kind(value))
		return -1;
	return cli_usage_errorc(c, "cli.report_kind_reconcile", "value", value, NULL);
}

static int take_clause(cli *c, const cli_opt *o, char *value, void *ctx)
{
	return strchr(value, ':') ? -1 : cli_usage_errorc(c, "cli.clause_form", "value", value, NULL);
}

int cmd_reconcile(cli *c, int argc, char **argv)
{
	enum { THRESHOLDS, ID_COLUMN, REPORT, THREADS, CONFIRM, REJECT, CLAUSE, STAGE_DATE, N };
	static const cli_opt opts[] = {
		[THRESHOLDS] = {.name = "thresholds", .take = take_thresholds},
		[ID_COLUMN] = {.name = "id-column"},
		[REPORT] = {.name = "report", .take = take_report},
		[THREADS] = {.name = "threads", .kind = CLI_INT, .min = 1, .max = 16},
		[CONFIRM] = {.name = "confirm", .take = take_decision},
		[REJECT] = {.name = "reject", .take = take_decision},
		[CLAUSE] = {.name = "clause", .take = take_clause},
		[STAGE_DATE] = {.name = "stage-date", .kind = CLI_DAY}, {0}};
	static const cli_spec spec = {.usage = reconcile_usage, .opts = opts, .min_args = 1, .max_args = 1,
	                              .args_msg = "expected one LIST.csv"};
	cli_val v[N];
	reconcile_args ra = {0};
	int status = cli_parse(c, argc, argv, &spec, v, &ra);
	if(status >= 0)
		return status;
	reconcile_opts o = ra.o;
	o.decide = ra.decide;
	o.id_column = v[ID_COLUMN].s;
	o.threads = (int)v[THREADS].n;
	const char *clause_arg = v[CLAUSE].s, *report = v[REPORT].s;
	stage_list_check check = {.date = v[STAGE_DATE].day};
	const char *list = argv[optind];
	pl_err err = {0};
	FILE *f = strcmp(list, "-") ? fopen(list, "rb") : stdin;
	if(!f) {
		cli_io_fail(&err, PL_ENOTFOUND, "cli.cannot_read", list);
		return cli_fail(c, &err);
	}
	store *st = NULL;
	names *nm = NULL;
	arena a;
	arena_init(&a, 0);
	agreement ag;
	pl_rc rc = cli_open(c, &st, &err);
	if(!rc)
		rc = names_open(&nm, &err);
	if(!rc && clause_arg) {
		char name[AGREEMENT_NAME_MAX + 1];
		snprintf(name, sizeof(name), "%.*s", (int)(strchr(clause_arg, ':') - clause_arg), clause_arg);
		rc = agreement_get(st, name, &a, &ag, &err);
		if(!rc && !(check.cl = agreement_clause(&ag, strchr(clause_arg, ':') + 1)))
			rc = pl_failc(&err, PL_EINPUT, "cli.no_clause", "agreement", name, "clause",
			              strchr(clause_arg, ':') + 1, NULL);
		check.ag = &ag;
	}
	check.st = st;
	if(!check.date.y)
		check.date = date_today();
	o.flag = stage_list_flags;
	o.flag_ctx = &check;
	reconcile_result res;
	if(!rc)
		rc = reconcile_list(st, nm, f, list, &o, &res, &err);
	if(f != stdin)
		fclose(f);
	if(!rc) {
		if(report)
			rc = write_report(report, &res, list, &err);
		if(!rc)
			print_summary(c, &res);
		/* The list is not stored: the watch takes its rows now. */
		watch_report wr;
		/* Named by the file's name, held where it is (an absolute path:
		 * the task is read later, from anywhere); from stdin: not kept. */
		char *held = f != stdin ? realpath(list, NULL) : NULL;
		const char *base = strrchr(list, '/');
		watch_list wl = {.name = base && base[1] ? base + 1 : list, .held = held};
		if(!rc && !(rc = family_watch_reconciled(st, &wl, &res, &wr, &err)) && !c->json)
			cli_say(stdout, "cli.watch_list", "created", PL_N(wr.created), "existed", PL_N(wr.existed), NULL);
		free(held);
		reconcile_free(&res);
	}
	names_close(nm);
	arena_free(&a);
	if(st)
		store_close(st);
	return rc ? cli_fail(c, &err) : EXIT_OK;
}

/* ---- dedupe ---------------------------------------------------------------- */

static const char dedupe_usage[] =
	"usage: parley dedupe [OPTIONS]\n"
	"\n"
	"Find persons entered more than once in the registry (in other scripts,\n"
	"spellings or with other mistakes), with the same matching as reconcile.\n"
	"Records that match each other at the review threshold or above form a\n"
	"cluster for a person to review. Nothing is merged.\n"
	"\n"
	"Options:\n"
	"  --review P           pairs from probability P (default 0.3)\n"
	"  --report FILE        every cluster: .csv (a row per person) or .json (with\n"
	"                       the pairs inside, explained field by field)\n"
	"  --threads N          threads for linking (default 2)\n"
	"  --clause AGR:CLAUSE  flag matched persons not eligible under this clause of\n"
	"                       a stored agreement (e.g. istanbul-2025-06-02:wounded)\n"
	"  --stage-date DATE    the day eligibility is judged on (default today)\n"
	"  --json               print the summary as JSON\n";

static int take_review(cli *c, const cli_opt *o, char *value, void *ctx)
{
	char *end;
	double review = strtod(value, &end);
	if(end == value || *end || review <= 0 || review >= 1)
		return cli_usage_errorc(c, "cli.review_form", "value", value, NULL);
	*(double *)ctx = review;
	return -1;
}

static int take_dedupe_report(cli *c, const cli_opt *o, char *value, void *ctx)
{
	const char *kind = report_kind(value);
	if(kind && strcmp(kind, "html"))
		return -1;
	return cli_usage_errorc(c, "cli.report_kind_dedupe", "value", value, NULL);
}

int cmd_dedupe(cli *c, int argc, char **argv)
{
	enum { REVIEW, REPORT, THREADS, N };
	static const cli_opt opts[] = {
		[REVIEW] = {.name = "review", .take = take_review},
		[REPORT] = {.name = "report", .take = take_dedupe_report},
		[THREADS] = {.name = "threads", .kind = CLI_INT, .min = 1, .max = 16}, {0}};
	static const cli_spec spec = {.usage = dedupe_usage, .opts = opts};
	cli_val v[N];
	double review = 0;
	int status = cli_parse(c, argc, argv, &spec, v, &review);
	if(status >= 0)
		return status;
	const char *report = v[REPORT].s;
	store *st = NULL;
	pl_err err = {0};
	if(cli_open(c, &st, &err))
		return cli_fail(c, &err);
	names *nm = NULL;
	dedupe_result res;
	pl_rc rc = names_open(&nm, &err);
	if(!rc)
		rc = dedupe_registry(st, nm, review, (int)v[THREADS].n, &res, &err);
	if(!rc && report) {
		FILE *f = fopen(report, "wb");
		if(!f)
			rc = cli_io_fail(&err, PL_EIO, "cli.cannot_write", report);
		else {
			rc = !strcmp(report_kind(report), "json") ? dedupe_write_json(f, &res, &err)
			                                          : dedupe_write_csv(f, &res, &err);
			if(fclose(f) && !rc)
				rc = cli_io_fail(&err, PL_EIO, "cli.cannot_write", report);
		}
	}
	pl_err w[MATCH_WARNINGS_MAX] = {{0}};
	if(!rc)
		print_warnings(c, w, match_warnings(&match_person_spec, &res.links, 0, 0, w));
	if(!rc && c->json) {
		printf("{\"registry_persons\": %zu, \"clusters\": %zu, \"in_clusters\": %zu, "
		       "\"candidate_pairs\": %zu, \"seconds\": %.3f}\n", res.reg.side.n, res.nclusters,
		       res.in_clusters, res.links.candidates, res.seconds);
	} else if(!rc) {
		char secs[32];
		snprintf(secs, sizeof(secs), "%.2f", res.seconds);
		cli_say(stdout, "cli.deduped", "n", PL_N(res.reg.side.n), "clusters", PL_N(res.nclusters),
		        "records", PL_N(res.in_clusters), "pairs", PL_N(res.links.candidates), "seconds", secs,
		        NULL);
		for(size_t k = 0; k < res.nclusters && k < 20; k++) {
			const dedupe_cluster *cl = &res.clusters[k];
			printf("  %3zu  %.4f ", k + 1, cl->best);
			for(uint32_t m = 0; m < cl->n; m++)
				printf(" %s", res.reg.ids[res.members[cl->first + m]]);
			putchar('\n');
		}
		if(res.nclusters > 20)
			cli_say(stdout, "cli.more_clusters", "n", PL_N(res.nclusters - 20), NULL);
	}
	if(!rc)
		dedupe_free(&res);
	names_close(nm);
	store_close(st);
	return rc ? cli_fail(c, &err) : EXIT_OK;
}
