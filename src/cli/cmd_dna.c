/* parley dna import | frequencies | screen | proposals | explain | confirm |
 * reject | simulate: identification of remains by DNA kinship (docs/dna.md). */
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <jansson.h>

#include "cli/cli.h"
#include "core/file.h"
#include "core/problems.h"
#include "demo/dna_sim.h"
#include "dna/dna.h"

#ifndef PARLEY_STR_DIR
#define PARLEY_STR_DIR "data/str"
#endif

/* ---- helpers ---------------------------------------------------------------- */

/* "20", "1.3e+04", "10^12.4": an LR for people. */
static void lr_text(double log10_lr, char *out, size_t size)
{
	if(isnan(log10_lr))
		snprintf(out, size, "-");
	else if(log10_lr < -300)
		snprintf(out, size, "0");
	else if(log10_lr < 6 && log10_lr > -4)
		snprintf(out, size, "%.4g", pow(10, log10_lr));
	else
		snprintf(out, size, "10^%.1f", log10_lr);
}

/* ---- import ------------------------------------------------------------------ */

static const char import_usage[] =
	"usage: parley dna import remains|references|frequencies FILE.csv [--max-errors N]\n"
	"                         [--people N] [--quiet]\n"
	"\n"
	"Import the laboratory's STR profiles, or an allele frequency table, from CSV\n"
	"(- reads standard input), all or nothing: if anything is wrong nothing is\n"
	"imported, and each problem is reported with its file, line and column.\n"
	"Allele designations (9, 9.3, 2.2) are kept exactly as written.\n"
	"\n"
	"  remains       case (the remains case's tag), sample, degraded (yes/no),\n"
	"                failed (loci that gave no result, separated by ;), note, and\n"
	"                two columns a locus: D8S1179.1, D8S1179.2. A case's profile is\n"
	"                replaced by a new one.\n"
	"  references    sample, person (the missing person's id), relationship\n"
	"                (self, father, mother, child, full_sibling, half_sibling,\n"
	"                grandparent, uncle_aunt, cousin, partner), side (paternal or\n"
	"                maternal), failed, note, and the loci. A sample related to two\n"
	"                missing persons is given twice, with the same alleles.\n"
	"  frequencies   locus, allele, frequency: replaces the frequency table.\n"
	"\n"
	"Options:\n"
	"  --max-errors N   report up to N problems before stopping (default 20)\n"
	"  --people N       frequencies: how many people were typed, for the frequency\n"
	"                   of alleles the table lacks (5/2N; default: each locus's\n"
	"                   smallest)\n"
	"  --quiet          no summary\n";

static void print_import(const cli *c, dna_import_kind kind, const dna_import_report *rep)
{
	if(c->json) {
		cli_print_json(json_pack("{s:I, s:I, s:I, s:I, s:I, s:I}", "rows", (json_int_t)rep->rows,
		                         "created", (json_int_t)rep->created, "updated", (json_int_t)rep->updated,
		                         "unchanged", (json_int_t)rep->unchanged, "loci", (json_int_t)rep->loci,
		                         "alleles", (json_int_t)rep->alleles));
		return;
	}
	char rows[32];
	text_thousands(rep->rows, rows, sizeof(rows));
	if(kind == DNA_IMPORT_FREQUENCIES || kind == DNA_IMPORT_GENOTYPES)
		printf("read %s rows: %ld loci, %ld alleles%s\n", rows, rep->loci, rep->alleles,
		       rep->unchanged ? " (the table is unchanged)" : "");
	else
		printf("imported %s rows: %ld profiles created, %ld updated, %ld unchanged\n", rows,
		       rep->created, rep->updated, rep->unchanged);
	if(rep->notes.len)
		printf("notes:\n%s", buf_str(&rep->notes));
}

static int run_import(cli *c, dna_import_kind kind, const char *path, const dna_import_opts *o,
                      bool quiet)
{
	store *st;
	pl_err err = {0};
	if(cli_open(c, &st, &err))
		return cli_fail(c, &err);
	dna_import_report rep;
	int status = EXIT_OK;
	pl_rc rc = dna_import(st, kind, path, o, &rep, &err);
	store_close(st);
	if(rc && rep.errors.len) {
		fputs(buf_str(&rep.errors), stderr);
		fprintf(stderr, "%s: nothing was imported\n", c->prog);
		status = EXIT_REFUSED;
	} else if(rc) {
		status = cli_fail(c, &err);
	} else if(!quiet) {
		print_import(c, kind, &rep);
	}
	dna_import_report_free(&rep);
	return status;
}

static int dna_import_cmd(cli *c, int argc, char **argv)
{
	enum { MAX_ERRORS, PEOPLE, QUIET, N };
	static const cli_opt opts[] = {
		[MAX_ERRORS] = CLI_OPT_MAX_ERRORS,
		[PEOPLE] = {"people", CLI_INT, .min = 1, .max = 1000000000, .expect = "a number from 1"},
		[QUIET] = {"quiet", CLI_FLAG}, {0}};
	static const cli_spec spec = {.usage = import_usage, .opts = opts, .min_args = 2, .max_args = 2};
	cli_val v[N];
	int status = cli_parse(c, argc, argv, &spec, v, NULL);
	if(status >= 0)
		return status;
	static const char *const kinds[] = {"remains", "references", "frequencies"};
	int kind = 0;
	while(kind < 3 && strcmp(argv[optind], kinds[kind]))
		kind++;
	if(kind == 3)
		return cli_usage_error(c, "import what? remains, references or frequencies (got '%s')", argv[optind]);
	dna_import_opts o = {.max_errors = v[MAX_ERRORS].s ? (int)v[MAX_ERRORS].n : 20, .people = v[PEOPLE].n};
	return run_import(c, (dna_import_kind)kind, argv[optind + 1], &o, v[QUIET].s != NULL);
}

/* ---- frequencies -------------------------------------------------------------- */

static const char frequencies_usage[] =
	"usage: parley dna frequencies [--from GENOTYPES.csv [--min-count N]]\n"
	"\n"
	"With --from: count allele frequencies from a reference population's\n"
	"genotypes (a profiles file of unrelated people, such as the NIST 1,036 in\n"
	"data/str/nist1036_genotypes.csv) and make them the registry's table. An\n"
	"allele seen c times among the 2N typed at its locus gets max(c, 5)/2N (the\n"
	"minimum of NRC II); one never seen gets 5/2N. Without it: the table, locus\n"
	"by locus.\n"
	"\n"
	"Options:\n"
	"  --from FILE       the genotypes to count (- reads standard input)\n"
	"  --min-count N     the minimum count instead of 5\n";

static int show_frequencies(cli *c)
{
	store *st;
	pl_err err = {0};
	if(cli_open(c, &st, &err))
		return cli_fail(c, &err);
	dna_freqs f;
	dna_freqs_init(&f);
	pl_rc rc = dna_frequencies_load(st, &f, &err);
	store_close(st);
	const char *head[5] = {"locus", "alleles", "typed (2N)", "floor", "commonest"};
	cli_rows out;
	cli_rows_init(&out, c, 5, head, 40);
	for(size_t l = 0; !rc && l < f.n; l++) {
		const dna_freq_locus *L = &f.loci[l];
		size_t top = 0;
		for(size_t i = 1; i < L->n; i++)
			top = L->alleles[i].freq > L->alleles[top].freq ? i : top;
		if(out.arr) {
			json_array_append_new(out.arr, dna_freq_locus_json(L));
			continue;
		}
		char n[16], typed[32], floor_[32], commonest[48];
		snprintf(n, sizeof(n), "%zu", L->n);
		snprintf(typed, sizeof(typed), "%ld", L->sample_size);
		snprintf(floor_, sizeof(floor_), "%.5f", L->floor);
		snprintf(commonest, sizeof(commonest), "%s (%.3f)", L->n ? L->alleles[top].allele : "-",
		         L->n ? L->alleles[top].freq : 0);
		const char *row[5] = {L->name, n, L->sample_size ? typed : "-", floor_, commonest};
		table_add(out.t, row);
	}
	int status = cli_rows_finish(&out, c, rc, &err);
	dna_freqs_free(&f);
	return status;
}

static int dna_frequencies_cmd(cli *c, int argc, char **argv)
{
	enum { FROM, MIN_COUNT, MAX_ERRORS, QUIET, N };
	static const cli_opt opts[] = {
		[FROM] = {"from"}, [MIN_COUNT] = {"min-count", CLI_INT, .min = 1, .max = 1000},
		[MAX_ERRORS] = CLI_OPT_MAX_ERRORS, [QUIET] = {"quiet", CLI_FLAG}, {0}};
	static const cli_spec spec = {.usage = frequencies_usage, .opts = opts};
	cli_val v[N];
	int status = cli_parse(c, argc, argv, &spec, v, NULL);
	if(status >= 0)
		return status;
	if(!v[FROM].s)
		return v[MIN_COUNT].s ? cli_usage_error(c, "--min-count goes with --from") : show_frequencies(c);
	dna_import_opts o = {.max_errors = v[MAX_ERRORS].s ? (int)v[MAX_ERRORS].n : 20,
	                     .min_count = v[MIN_COUNT].s ? (int)v[MIN_COUNT].n : 5};
	return run_import(c, DNA_IMPORT_GENOTYPES, v[FROM].s, &o, v[QUIET].s != NULL);
}

/* ---- screen ------------------------------------------------------------------- */

static const char screen_usage[] =
	"usage: parley dna screen [--batch LABEL] [--report FILE] [MODEL OPTIONS]\n"
	"\n"
	"Compare every remains profile (of one batch, or all that were not returned)\n"
	"with the relatives of every missing person, jointly for each family, and\n"
	"with every other remains profile (two parts of one person); assign remains to\n"
	"missing persons jointly where they compete; keep the pairs for review. A pair\n"
	"is proposed when its posterior probability, with a prior of one over the\n"
	"number of missing persons, reaches the threshold: the report says what LR\n"
	"that takes. The undecided proposals of the remains screened are replaced;\n"
	"decided ones stay.\n"
	"\n"
	"Options:\n"
	"  --batch LABEL          only the remains of this batch\n"
	"  --report FILE          write a report (Markdown) of the run to FILE\n"
	"  --threshold P          posterior for a proposal (default 0.999)\n"
	"  --keep P               posterior from which a pair is kept for review (0.01)\n"
	"  --missing N            how many persons are missing, for the prior 1/N\n"
	"                         (default: the persons the registry holds as missing,\n"
	"                         died in captivity or remains returned)\n"
	"  --theta T              subpopulation correction, NRC II 4.10 (default 0.01)\n"
	"  --dropout D            drop-out probability of an allele in degraded remains\n"
	"                         (default 0.1)\n"
	"  --mutation MODEL       none, equal, proportional or stepwise (default)\n"
	"  --paternal R           mutation rate from fathers (default 0.002)\n"
	"  --maternal R           mutation rate from mothers (default 0.0005)\n"
	"  --range R              stepwise: each step more is R times as likely (0.1)\n"
	"  --max-inconsistent N   loci without a Mendelian explanation allowed (2)\n"
	"  --threads N            threads (default: one per core)\n";

/* The model's options are the parameters of dna_params_set, by name. */
enum {
	S_BATCH, S_REPORT, S_THRESHOLD, S_KEEP, S_MISSING, S_THETA, S_DROPOUT, S_MUTATION, S_PATERNAL,
	S_MATERNAL, S_RANGE, S_MAX_INCONSISTENT, S_THREADS, S_COUNT
};

static const cli_opt screen_opts[] = {
	[S_BATCH] = {"batch"}, [S_REPORT] = {"report"}, [S_THRESHOLD] = {"threshold"}, [S_KEEP] = {"keep"},
	[S_MISSING] = {"missing"}, [S_THETA] = {"theta"}, [S_DROPOUT] = {"dropout"},
	[S_MUTATION] = {"mutation"}, [S_PATERNAL] = {"paternal"}, [S_MATERNAL] = {"maternal"},
	[S_RANGE] = {"range"}, [S_MAX_INCONSISTENT] = {"max-inconsistent"}, [S_THREADS] = {"threads"},
	{0}};

static int screen_params(cli *c, const cli_val *v, dna_params *p)
{
	pl_err err = {0};
	for(int o = S_THRESHOLD; o <= S_THREADS; o++) {
		const char *name = screen_opts[o].name;
		char param[32];
		double x;
		if(o == S_MUTATION || !v[o].s)
			continue;
		snprintf(param, sizeof(param), "%s", name);
		for(char *u = param; *u; u++)
			*u = *u == '-' ? '_' : *u;
		if(!cli_parse_number(v[o].s, -HUGE_VAL, HUGE_VAL, &x))
			return cli_usage_error(c, "--%s: expected a number, got '%s'", name, v[o].s);
		if(dna_params_set(p, param, x, &err)) {
			const char *why = strchr(err.msg, ':');
			return cli_usage_error(c, "--%s:%s", name, why ? why + 1 : err.msg);
		}
	}
	if(v[S_MUTATION].s && dna_params_set_mutation(p, v[S_MUTATION].s, &err))
		return cli_usage_error(c, "--%s", err.msg);
	if(dna_params_check(p, &err))
		return cli_usage_error(c, "--%s", err.msg);
	return -1;
}

static void print_summary(const dna_screen_summary *s, const dna_params *p, const char *report)
{
	char pairs[32], lr[32], keep[32], n[32];
	text_thousands((long)s->pairs, pairs, sizeof(pairs));
	text_thousands((long)s->missing, n, sizeof(n));
	lr_text(log10(s->lr_proposal), lr, sizeof(lr));
	lr_text(log10(s->lr_candidate), keep, sizeof(keep));
	printf("run %lld: %ld remains against %ld families (%ld reference profiles), %ld loci: %s pairs "
	       "in %.1f s\n", (long long)s->run, s->remains, s->families, s->references, s->loci, pairs,
	       s->seconds);
	printf("prior 1/%s (the missing persons): a proposal needs posterior >= %g, an LR of %s for a "
	       "pair with no rival; candidates from posterior %g (LR %s)\n", n, p->threshold, lr, p->keep,
	       keep);
	printf("%ld proposals, %ld candidates in all, %ld pairs of remains of one person; %ld excluded "
	       "for inconsistent loci; %ld decided before\n", s->proposals, s->candidates, s->same_person,
	       s->excluded, s->decided);
	if(s->notes.len)
		printf("notes:\n%s", buf_str(&s->notes));
	if(report)
		printf("report: %s\n", report);
	printf("review: parley dna proposals --status proposed; parley dna explain CASE PERSON\n");
}

static int dna_screen_cmd(cli *c, int argc, char **argv)
{
	static const cli_spec spec = {.usage = screen_usage, .opts = screen_opts};
	cli_val v[S_COUNT];
	dna_params p = DNA_PARAMS_INIT;
	int status = cli_parse(c, argc, argv, &spec, v, NULL);
	if(status < 0)
		status = screen_params(c, v, &p);
	if(status >= 0)
		return status;
	store *st;
	pl_err err = {0};
	if(cli_open(c, &st, &err))
		return cli_fail(c, &err);
	const char *report_path = v[S_REPORT].s;
	FILE *report = NULL;
	file_out fo;
	pl_rc rc = report_path ? file_out_open(&fo, report_path, &err) : PL_OK;
	if(!rc && report_path)
		report = fo.f;
	dna_screen_summary s;
	if(!rc)
		rc = dna_screen_run(st, v[S_BATCH].s, &p, report, &s, &err);
	store_close(st);
	if(report && rc)
		file_out_abort(&fo);
	else if(report)
		rc = file_out_commit(&fo, true, &err);
	if(!rc && c->json)
		cli_print_json(dna_screen_summary_json(&s));
	else if(!rc)
		print_summary(&s, &p, report_path);
	if(!rc || s.notes.ptr)
		dna_screen_summary_free(&s);
	return rc ? cli_fail(c, &err) : EXIT_OK;
}

/* ---- proposals ------------------------------------------------------------------- */

static const char proposals_usage[] =
	"usage: parley dna proposals [--status S] [--case TAG] [--person ID] [--limit N]\n"
	"                            [--offset N]\n"
	"\n"
	"The pairs the last screenings kept, highest posterior first: proposed ones\n"
	"(at or over the threshold), candidates below it, and those decided\n"
	"(confirmed, rejected), with the LR, the generalised LR of the joint\n"
	"assignment, the posterior, the loci compared and how many of them no\n"
	"genotype explains without mutation.\n"
	"\n"
	"Options:\n"
	"  --status S     candidate, proposed, confirmed, rejected (comma-separated)\n"
	"  --case TAG     the pairs of one case\n"
	"  --person ID    the pairs of one missing person\n"
	"  --limit N      at most N rows (default 50)\n"
	"  --offset N     skip the first N\n";

static void proposal_row(const dna_proposal *p, table *t)
{
	char lr[32], glr[32], post[32], loci[32];
	lr_text(p->log10_lr, lr, sizeof(lr));
	lr_text(p->log10_glr, glr, sizeof(glr));
	snprintf(post, sizeof(post), "%.6f", p->posterior);
	snprintf(loci, sizeof(loci), "%d (%d)", p->loci, p->inconsistent);
	const char *row[8] = {p->case_tag, p->person ? p->person : p->other_case,
	                      p->person ? p->relatives : "same person", lr, glr, post, loci,
	                      p->action ? p->action : p->status};
	if(p->action && !strcmp(p->status, "rejected"))
		row[7] = p->status;
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
		status = cli_usage_error(c, "%s", err.msg);
	} else if(rc) {
		status = cli_fail(c, &err);
	} else if(c->json) {
		json_t *arr = json_array();
		for(size_t i = 0; i < n; i++)
			json_array_append_new(arr, dna_proposal_json(&p[i]));
		cli_print_json(json_pack("{s:o, s:I}", "proposals", arr, "total", (json_int_t)total));
	} else {
		const char *head[8] = {"case", "person / case", "relatives", "LR", "GLR", "posterior",
		                       "loci (inconsistent)", "status"};
		table *t = table_new(8, head);
		for(size_t i = 0; i < n; i++)
			proposal_row(&p[i], t);
		if(n)
			table_print(t, stdout, 40);
		table_free(t);
		cli_print_range("proposals", q->offset, n, total, false);
	}
	arena_free(&a);
	return status;
}

static int dna_proposals_cmd(cli *c, int argc, char **argv)
{
	enum { STATUS, CASE, PERSON, LIMIT, OFFSET, N };
	static const cli_opt opts[] = {
		[STATUS] = {"status"}, [CASE] = {"case"}, [PERSON] = {"person"}, [LIMIT] = CLI_OPT_LIMIT,
		[OFFSET] = CLI_OPT_OFFSET, {0}};
	static const cli_spec spec = {.usage = proposals_usage, .opts = opts};
	cli_val v[N];
	store *st;
	int status = cli_start(c, argc, argv, &spec, v, NULL, &st);
	if(status >= 0)
		return status;
	dna_proposal_query q = DNA_PROPOSAL_QUERY_INIT;
	if(v[LIMIT].s)
		q.limit = (size_t)v[LIMIT].n;
	if(v[OFFSET].s)
		q.offset = (size_t)v[OFFSET].n;
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

static void explain_text(const dna_explanation *e)
{
	printf("case %s against %s%s\n", e->case_tag, e->person ? "the relatives of " : "case ",
	       e->person ? e->person : e->other_case);
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
		lr_text(x->lr > 0 ? log10(x->lr) : -1000, lr, sizeof(lr));
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
	lr_text(e->log10_lr, lr, sizeof(lr));
	printf("\nLR %s over %d loci (%d inconsistent); posterior %.6f with a prior of 1/%.0f\n", lr,
	       e->compared, e->inconsistent, e->posterior, e->missing);
	printf("model: theta %g, %s mutation (%g, %g), drop-out %g\n", e->params.theta,
	       dna_mutation_names[e->params.mutation.model], e->params.mutation.rate_pat,
	       e->params.mutation.rate_mat, e->params.dropout);
	if(e->proposal) {
		char glr[32];
		lr_text(e->proposal->log10_glr, glr, sizeof(glr));
		printf("stored: %s (run %lld), generalised LR %s, posterior %.6f%s%s%s%s\n", e->proposal->status,
		       (long long)e->proposal->run, glr, e->proposal->posterior,
		       e->proposal->decided_by ? ", by " : "", e->proposal->decided_by ? e->proposal->decided_by : "",
		       e->proposal->action ? " to " : "", e->proposal->action ? e->proposal->action : "");
	} else {
		printf("no proposal stored for this pair\n");
	}
}

static int dna_explain_cmd(cli *c, int argc, char **argv)
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

/* ---- decisions ---------------------------------------------------------------------- */

static const char confirm_usage[] =
	"usage: parley dna confirm CASE PERSON|CASE [--note TEXT] [--force]\n"
	"\n"
	"Confirm a proposal after review. A case and a person: the case is\n"
	"identified as the person (confirmed), which records the person's events; if\n"
	"the person belongs to the party that handed the remains over, the case is\n"
	"identified preliminarily and flagged for return instead (parley remains\n"
	"return). Two cases: they are one person, joined by fragments; a case not\n"
	"identified takes the other's confirmed identification. Audited, with who\n"
	"decided.\n"
	"\n"
	"Options:\n"
	"  --note TEXT    why, for the record\n"
	"  --force        confirm a candidate below the threshold (on other evidence)\n";

static const char reject_usage[] =
	"usage: parley dna reject CASE PERSON|CASE [--note TEXT]\n"
	"\n"
	"Reject a proposal after review: it stays recorded as rejected, with who\n"
	"decided, and later screenings do not propose the pair again.\n"
	"\n"
	"Options:\n"
	"  --note TEXT    why, for the record\n";

static int decide(cli *c, int argc, char **argv, bool confirm)
{
	enum { NOTE, FORCE, N };
	static const cli_opt opts[] = {[NOTE] = {"note"}, [FORCE] = {"force", CLI_FLAG}, {0}};
	const cli_spec spec = {.usage = confirm ? confirm_usage : reject_usage, .opts = opts, .min_args = 2,
	                       .max_args = 2};
	cli_val v[N];
	int status = cli_parse(c, argc, argv, &spec, v, NULL);
	if(status >= 0)
		return status;
	if(!confirm && v[FORCE].s)
		return cli_usage_error(c, "--force goes with confirm");
	const char *tag = argv[optind], *other = argv[optind + 1];
	store *st;
	pl_err err = {0};
	if(cli_open(c, &st, &err))
		return cli_fail(c, &err);
	dna_decision d;
	pl_rc rc = confirm ? dna_confirm(st, tag, other, v[NOTE].s, v[FORCE].s != NULL, &d, &err)
	                   : dna_reject(st, tag, other, v[NOTE].s, &d, &err);
	store_close(st);
	if(rc)
		return cli_fail(c, &err);
	if(c->json) {
		json_t *o = dna_decision_json(&d);
		json_object_set_new(o, "case", json_string(tag));
		json_object_set_new(o, "other", json_string(other));
		cli_print_json(o);
		return EXIT_OK;
	}
	if(!confirm)
		printf("%s and %s: rejected\n", tag, other);
	else if(d.remains.before != d.remains.after)
		printf("%s and %s: confirmed (%s); case %s -> %s", tag, other, d.action,
		       remains_status_name(d.remains.before), remains_status_name(d.remains.after));
	else
		printf("%s and %s: confirmed (%s)", tag, other, d.action);
	if(confirm && d.remains.events_added)
		printf("; %d event%s recorded on the person", d.remains.events_added,
		       d.remains.events_added == 1 ? "" : "s");
	if(confirm)
		putchar('\n');
	if(d.note[0] || d.remains.note[0])
		printf("note: %s\n", d.note[0] ? d.note : d.remains.note);
	return EXIT_OK;
}

static int dna_confirm_cmd(cli *c, int argc, char **argv)
{
	return decide(c, argc, argv, true);
}

static int dna_reject_cmd(cli *c, int argc, char **argv)
{
	return decide(c, argc, argv, false);
}

/* ---- simulate ------------------------------------------------------------------------ */

static const char simulate_usage[] =
	"usage: parley dna simulate --missing N --remains N --dir DIR [--seed S]\n"
	"                           [--genotypes FILE] [--kinds KIND=W,...] [--unrelated F]\n"
	"                           [--fragments F] [--other-side F] [--degraded F]\n"
	"                           [--dropout D]\n"
	"\n"
	"Simulate missing persons with families of relatives, and remains, from a\n"
	"reference population's genotypes (default: the NIST 1,036 in data/str/) by\n"
	"Mendelian inheritance with one-step mutations, to measure how well\n"
	"screening identifies. Writes to DIR: persons.csv (parley import),\n"
	"cases.csv (parley remains import), remains.csv and references.csv (parley\n"
	"dna import), truth.csv (who each case is). The same options give the same\n"
	"files. Nothing in them is a real person's.\n"
	"\n"
	"Options:\n"
	"  --missing N        missing persons, one family each\n"
	"  --remains N        remains profiles\n"
	"  --dir DIR          where to write (created if missing)\n"
	"  --seed S           the seed (default 1)\n"
	"  --genotypes FILE   the population whose alleles founders draw\n"
	"  --kinds LIST       pedigrees and their weights, e.g. parents=2,sibling=1\n"
	"                     (parents, father, mother, sibling, two_siblings,\n"
	"                     father_sibling, child, child_partner, two_children,\n"
	"                     half_sibling, grandparents, uncle, cousin, self;\n"
	"                     default: a mix of all)\n"
	"  --unrelated F      share of remains of nobody missing (0.1)\n"
	"  --fragments F      share that are a second part of someone (0.02)\n"
	"  --other-side F     share of missing persons of the other party, RU (0.03)\n"
	"  --degraded F       share of remains degraded (0.3)\n"
	"  --dropout D        drop-out of an allele in degraded remains (0.1)\n";

enum {
	M_MISSING, M_REMAINS, M_DIR, M_SEED, M_GENOTYPES, M_KINDS, M_UNRELATED, M_FRAGMENTS, M_OTHER_SIDE,
	M_DEGRADED, M_DROPOUT, M_COUNT
};

#define SHARE(name) {name, CLI_NUMBER, .min = 0, .max = 1, .expect = "a share from 0 to 1"}

static const cli_opt simulate_opts[] = {
	[M_MISSING] = {"missing", CLI_INT, .required = true, .min = 1, .max = 10000000},
	[M_REMAINS] = {"remains", CLI_INT, .required = true, .min = 0, .max = 10000000},
	[M_DIR] = {"dir", .required = true},
	[M_SEED] = {"seed", CLI_INT, .min = 0, .max = 1000000000000000, .expect = "a number from 0"},
	[M_GENOTYPES] = {"genotypes"}, [M_KINDS] = {"kinds"}, [M_UNRELATED] = SHARE("unrelated"),
	[M_FRAGMENTS] = SHARE("fragments"), [M_OTHER_SIDE] = SHARE("other-side"),
	[M_DEGRADED] = SHARE("degraded"), [M_DROPOUT] = SHARE("dropout"), {0}};

static int read_pool(cli *c, const char *path, dna_rows *pool, dna_freqs *f)
{
	buf errors;
	buf_init(&errors, 0);
	problems pb;
	problems_init(&pb, &errors, 20);
	pb.file = path;
	pl_err err = {0};
	pl_rc rc = dna_read_profiles_file(path, DNA_FILE_GENOTYPES, &pb, pool, &err);
	if(!rc && pb.failed)
		fputs(buf_str(&errors), stderr);
	buf_free(&errors);
	if(rc || pb.failed)
		return rc ? cli_fail(c, &err) : EXIT_REFUSED;
	return dna_freqs_count(pool, DNA_MIN_COUNT, f, &err) ? cli_fail(c, &err) : -1;
}

static int sim_options(cli *c, const cli_val *v, dna_sim_opts *o)
{
	dna_sim_defaults(o, v[M_MISSING].n, v[M_REMAINS].n, v[M_SEED].s ? (uint64_t)v[M_SEED].n : 1);
	struct {
		int opt;
		double *to;
	} shares[] = {{M_UNRELATED, &o->unrelated}, {M_FRAGMENTS, &o->fragments},
	              {M_OTHER_SIDE, &o->other_side}, {M_DEGRADED, &o->degraded}, {M_DROPOUT, &o->dropout}};
	for(size_t i = 0; i < sizeof(shares) / sizeof(shares[0]); i++)
		if(v[shares[i].opt].s)
			*shares[i].to = v[shares[i].opt].x;
	if(o->unrelated + o->fragments > 1)
		return cli_usage_error(c, "--unrelated and --fragments together are more than all the remains");
	const char *why = v[M_KINDS].s ? dna_sim_parse_kinds(o, v[M_KINDS].s) : NULL;
	return why ? cli_usage_error(c, "--kinds: %s", why) : -1;
}

static int dna_simulate_cmd(cli *c, int argc, char **argv)
{
	static const cli_spec spec = {.usage = simulate_usage, .opts = simulate_opts,
	                              .need_msg = "expected --missing N, --remains N and --dir DIR"};
	cli_val v[M_COUNT];
	dna_sim_opts o;
	int status = cli_parse(c, argc, argv, &spec, v, NULL);
	if(status < 0)
		status = sim_options(c, v, &o);
	if(status >= 0)
		return status;
	const char *dir = v[M_DIR].s;
	if(mkdir(dir, 0777) && errno != EEXIST) {
		fprintf(stderr, "%s: cannot create %s: %s\n", c->prog, dir, strerror(errno));
		return EXIT_REFUSED;
	}
	dna_rows pool;
	dna_freqs f;
	dna_rows_init(&pool);
	dna_freqs_init(&f);
	status = read_pool(c, v[M_GENOTYPES].s ? v[M_GENOTYPES].s : PARLEY_STR_DIR "/nist1036_genotypes.csv",
	                   &pool, &f);
	dna_kit k = {0};
	dna_sim s = {0};
	pl_err err = {0};
	if(status < 0 && (dna_kit_init(&k, &f, &err) || dna_sim_run(&k, &pool, &o, &s, &err) ||
	                  dna_kit_finish(&k, NULL, &err) || dna_sim_write(&k, &s, &o, dir, &err)))
		status = cli_fail(c, &err);
	if(status < 0 && c->json)
		cli_print_json(json_pack("{s:I, s:I, s:I, s:s}", "missing", (json_int_t)s.nfamilies,
		                         "references", (json_int_t)s.nrefs, "remains", (json_int_t)s.nremains,
		                         "dir", dir));
	else if(status < 0)
		printf("%zu missing persons with %zu reference profiles, %zu remains written to %s/ "
		       "(persons.csv, cases.csv, remains.csv, references.csv, truth.csv)\n", s.nfamilies,
		       s.nrefs, s.nremains, dir);
	dna_sim_free(&s);
	dna_kit_free(&k);
	dna_freqs_free(&f);
	dna_rows_free(&pool);
	return status < 0 ? EXIT_OK : status;
}

/* ---- dispatch -------------------------------------------------------------------------- */

static const char dna_usage[] =
	"usage: parley dna COMMAND ...\n"
	"\n"
	"Identification of returned remains by DNA kinship (docs/dna.md): the\n"
	"laboratory's profiles of remains and of missing persons' relatives are\n"
	"screened against each other, and proposals are reviewed and decided.\n"
	"\n"
	"  import        import remains or reference profiles, or frequencies (CSV)\n"
	"  frequencies   count allele frequencies from genotypes, or show the table\n"
	"  screen        every remains against every family and every other remains\n"
	"  proposals     the pairs kept for review\n"
	"  explain       a case against a person (or a case), locus by locus\n"
	"  confirm       confirm a proposal: identify, flag for return, or join\n"
	"  reject        reject a proposal\n"
	"  simulate      write simulated families and remains, to measure accuracy\n"
	"\n"
	"'parley dna COMMAND --help' for each.\n";

int cmd_dna(cli *c, int argc, char **argv)
{
	static const cli_command subs[] = {
		{"import", dna_import_cmd, NULL}, {"frequencies", dna_frequencies_cmd, NULL},
		{"screen", dna_screen_cmd, NULL}, {"proposals", dna_proposals_cmd, NULL},
		{"explain", dna_explain_cmd, NULL}, {"confirm", dna_confirm_cmd, NULL},
		{"reject", dna_reject_cmd, NULL}, {"simulate", dna_simulate_cmd, NULL},
	};
	return cli_dispatch(c, "dna", subs, sizeof(subs) / sizeof(subs[0]), dna_usage, argc, argv);
}
