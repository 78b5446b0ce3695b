/* parley dna proposals | explain: the review of what screening proposed
 * (docs/dna.md); the decisions are cmd_dna_decide.c's. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "cli/cmd_dna.h"
#include "dna/dna.h"

/* ---- proposals ------------------------------------------------------------------- */

static const char proposals_usage[] =
	"usage: parley dna proposals [--status S] [--case TAG] [--person ID] [--limit N]\n"
	"                            [--offset N]\n"
	"\n"
	"The pairs the last screenings kept, highest posterior first: proposed ones\n"
	"(at or over the threshold), candidates below it, and those decided\n"
	"(confirmed, rejected), with the LR, the generalised LR of the joint\n"
	"assignment, the posterior pairing probability (every explanation of the\n"
	"pair's group summed; bounds on it, LO-HI, where the group is too large to\n"
	"enumerate; '-' where not computed), the posterior, the loci compared and\n"
	"how many of them no genotype explains without mutation.\n"
	"\n"
	"Options:\n"
	"  --status S     candidate, proposed, reviewed, confirmed, rejected, withdrawn\n"
	"  --case TAG     the pairs of one case\n"
	"  --person ID    the pairs of one missing person\n"
	"  --limit N      at most N rows (default 50)\n"
	"  --offset N     skip the first N\n";

/* A probability, or "-" where there is none. */
static void probability_text(double v, char *out, size_t size)
{
	if(isnan(v))
		snprintf(out, size, "-");
	else /* a small one as small as it is, not 0.000000 */
		snprintf(out, size, v > 0 && v < 1e-6 ? "%.2e" : "%.6f", v);
}

/* The pairing probability, or the bounds on it ("0.999912-0.999998"). */
static void pairing_text(const dna_proposal *p, char *out, size_t size)
{
	char lo[24], hi[24];
	probability_text(p->pairing_lo, lo, sizeof(lo));
	probability_text(p->pairing_hi, hi, sizeof(hi));
	if(!isnan(p->pairing) || isnan(p->pairing_lo))
		probability_text(p->pairing, out, size);
	else
		snprintf(out, size, strcmp(lo, hi) ? "%s-%s" : "%s (bounds)", lo, hi);
}

static void proposal_row(const dna_proposal *p, table *t)
{
	char lr[32], glr[32], pairing[64], post[32], loci[32];
	cli_dna_lr_text(p->log10_lr, lr, sizeof(lr));
	cli_dna_lr_text(p->log10_glr, glr, sizeof(glr));
	pairing_text(p, pairing, sizeof(pairing));
	snprintf(post, sizeof(post), "%.6f", p->posterior);
	snprintf(loci, sizeof(loci), "%d (%d)", p->loci, p->inconsistent);
	const char *row[9] = {p->case_tag, p->person ? p->person : p->other_case,
	                      p->person ? p->relatives : "same person", lr, glr, pairing, post, loci,
	                      p->action ? p->action : p->status};
	if(p->action && !strcmp(p->status, "rejected"))
		row[8] = p->status;
	table_add(t, row);
}

static int list_proposals(cli *c, store *st, const dna_proposal_query *q)
{
	arena a;
	arena_init(&a, 0);
	dna_proposal *p;
	size_t n, total;
	pl_err err = {0};
	pl_rc rc = dna_proposals_list(st, q, &a, &p, &n, &total, &err);
	int status = EXIT_OK;
	if(rc == PL_EUSAGE) {
		status = cli_usage_fail(c, &err);
	} else if(rc) {
		status = cli_fail(c, &err);
	} else if(c->json) {
		json_t *arr = json_array();
		for(size_t i = 0; i < n; i++)
			json_array_append_new(arr, dna_proposal_json(&p[i]));
		cli_print_json(json_pack("{s:o, s:I}", "proposals", arr, "total", (json_int_t)total));
	} else {
		const char *head[9] = {"case", "person / case", "relatives", "LR", "GLR", "pairing",
		                       "posterior", "loci (inconsistent)", "status"};
		table *t = table_new(9, head);
		for(size_t i = 0; i < n; i++)
			proposal_row(&p[i], t);
		if(n)
			table_print(t, stdout, 40);
		table_free(t);
		cli_print_range("cli.no_proposals", q->offset, n, total, false);
	}
	arena_free(&a);
	return status;
}

int cli_dna_proposals(cli *c, int argc, char **argv)
{
	enum { STATUS, CASE, PERSON, LIMIT, OFFSET, N };
	static const cli_opt opts[] = {
		[STATUS] = {.name = "status"}, [CASE] = {.name = "case"},
		[PERSON] = {.name = "person"}, [LIMIT] = CLI_OPT_LIMIT,
		[OFFSET] = CLI_OPT_OFFSET, {0}};
	static const cli_spec spec = {.usage = proposals_usage, .opts = opts};
	cli_val v[N];
	store *st;
	int status = cli_start(c, argc, argv, &spec, v, NULL, &st);
	if(status >= 0)
		return status;
	dna_proposal_query q = DNA_PROPOSAL_QUERY_INIT;
	cli_page(&v[LIMIT], &v[OFFSET], &q.limit, &q.offset);
	q.status = v[STATUS].s;
	q.case_tag = v[CASE].s;
	q.person = v[PERSON].s;
	status = list_proposals(c, st, &q);
	store_close(st);
	return status;
}

/* ---- explain ---------------------------------------------------------------------- */

static const char explain_usage[] =
	"usage: parley dna explain CASE [PERSON | CASE]\n"
	"\n"
	"With a person (their id): the remains of the case against the person's\n"
	"relatives, locus by locus: the genotypes, the LR at each locus (1 where\n"
	"either side is not typed), whether a genotype explains it without\n"
	"mutation, and the product, with the posterior and the stored proposal.\n"
	"With another case: the two as remains of one person. With neither: the\n"
	"case's proposals and candidates. The model is that of the last screening.\n";

/* "male (amelogenin X,Y)", "female", "unknown". */
static void sex_text(const char *sex, const char *amel, char *out, size_t size)
{
	snprintf(out, size, "%s%s%s%s", sex ? sex : "unknown", amel ? " (amelogenin " : "", amel ? amel : "",
	         amel ? ")" : "");
}

/* The sexes of the pair, and plainly when they exclude it. */
static void explain_sexes(const dna_explanation *e)
{
	char a[64], b[64];
	sex_text(e->remains_sex, e->amelogenin, a, sizeof(a));
	sex_text(e->other_sex, e->other_amelogenin, b, sizeof(b));
	if(e->person)
		cli_say(stdout, e->other_sex ? "cli.dna_sex_person_registry" : "cli.dna_sex_person", "remains", a,
		        "person", b, NULL);
	else
		cli_say(stdout, "cli.dna_sex_case", "remains", a, "case", e->other_case, "other", b, NULL);
	if(e->sex_conflict)
		cli_say(stdout, e->person ? "cli.dna_excluded_person" : "cli.dna_excluded_case", "remains",
		        e->remains_sex, "other", e->other_sex, NULL);
	if(e->theta0)
		cli_say(stdout, "cli.dna_not_exact_theta", NULL);
}

static void explain_text(const dna_explanation *e)
{
	if(e->person)
		cli_say(stdout, "cli.dna_against_relatives", "case", e->case_tag, "person", e->person, NULL);
	else
		cli_say(stdout, "cli.dna_against_case", "case", e->case_tag, "other", e->other_case, NULL);
	explain_sexes(e);
	for(int i = 0; i < e->nrel; i++)
		printf("  %s: %s\n", e->rel_sample[i], e->rel_relationship[i]);
	putchar('\n');
	int ncols = 4 + e->nrel;
	const char **head = calloc((size_t)ncols, sizeof(char *)), **row = calloc((size_t)ncols, sizeof(char *));
	if(!head || !row) {
		free(head);
		free(row);
		return;
	}
	head[0] = "locus";
	head[1] = "remains";
	for(int i = 0; i < e->nrel; i++)
		head[2 + i] = e->rel_sample[i];
	head[2 + e->nrel] = "LR";
	head[3 + e->nrel] = "";
	table *t = table_new((size_t)ncols, head);
	for(int l = 0; l < e->nloci; l++) {
		const dna_explain_locus *x = &e->loci[l];
		char lr[32];
		cli_dna_lr_text(x->lr > 0 ? log10(x->lr) : -1000, lr, sizeof(lr));
		row[0] = x->locus;
		row[1] = x->remains ? x->remains : "-";
		for(int i = 0; i < e->nrel; i++)
			row[2 + i] = x->relatives[i] ? x->relatives[i] : "-";
		row[2 + e->nrel] = x->compared ? lr : "1";
		row[3 + e->nrel] = !x->compared ? "not compared" : x->consistent ? "" : "inconsistent";
		table_add(t, row);
	}
	table_print(t, stdout, 30);
	table_free(t);
	free(head);
	free(row);
	char lr[32];
	cli_dna_lr_text(e->log10_lr, lr, sizeof(lr));
	cli_say(stdout, "cli.dna_lr_over", "lr", lr, "n", PL_N(e->compared), "inconsistent",
	        PL_N(e->inconsistent), "posterior", dna_num((char[32]){0}, "%.6f", e->posterior), "missing",
	        dna_num((char[32]){0}, "%.0f", e->missing), NULL);
	cli_say(stdout, "cli.dna_model", "theta", DNA_G(e->params.theta), "mutation",
	        dna_mutation_names[e->params.mutation.model], "paternal", DNA_G(e->params.mutation.rate_pat),
	        "maternal", DNA_G(e->params.mutation.rate_mat), "dropout", DNA_G(e->params.dropout), NULL);
	buf own;
	buf_init(&own, 0);
	if(e->params.nmarkers && !dna_params_markers_text(&e->params, &own))
		cli_say(stdout, "cli.dna_own_models", "loci", buf_str(&own), NULL);
	buf_free(&own);
	if(e->proposal) {
		char glr[32], pairing[64], none[32], absent[32];
		const dna_proposal *pr = e->proposal;
		cli_dna_lr_text(pr->log10_glr, glr, sizeof(glr));
		pairing_text(pr, pairing, sizeof(pairing));
		probability_text(pr->pairing_none_remains, none, sizeof(none));
		probability_text(pr->pairing_none_person, absent, sizeof(absent));
		cli_put(stdout, "cli.dna_stored", "status", pr->status, "run", PL_N(pr->run), "glr", glr,
		            "pairing", pairing, "none", none, "absent", absent, "posterior",
		            dna_num((char[32]){0}, "%.6f", pr->posterior), NULL);
		if(pr->decided_by)
			cli_put(stdout, "cli.dna_stored_by", "by", pr->decided_by, NULL);
		if(pr->action)
			cli_put(stdout, "cli.dna_stored_to", "action", pr->action, NULL);
		putchar('\n');
	} else {
		cli_say(stdout, "cli.dna_no_stored", NULL);
	}
}

int cli_dna_explain(cli *c, int argc, char **argv)
{
	static const cli_spec spec = {.usage = explain_usage, .min_args = 1, .max_args = 2};
	store *st;
	int status = cli_start(c, argc, argv, &spec, NULL, NULL, &st);
	if(status >= 0)
		return status;
	const char *tag = argv[optind], *other = optind + 1 < argc ? argv[optind + 1] : NULL;
	pl_err err = {0};
	if(!other) {
		dna_proposal_query q = DNA_PROPOSAL_QUERY_INIT;
		q.case_tag = tag;
		status = list_proposals(c, st, &q);
		store_close(st);
		return status;
	}
	arena a;
	arena_init(&a, 0);
	dna_explanation e;
	pl_rc rc = dna_explain(st, tag, other, &a, &e, &err);
	store_close(st);
	if(!rc && c->json)
		cli_print_json(dna_explanation_json(&e));
	else if(!rc)
		explain_text(&e);
	arena_free(&a);
	return rc ? cli_fail(c, &err) : EXIT_OK;
}
