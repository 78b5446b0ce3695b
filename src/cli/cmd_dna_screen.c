/* parley dna screen: every remains profile against every family and every
 * other remains profile, with a report (docs/dna.md). */
#include <math.h>
#include <string.h>

#include <jansson.h>

#include "cli/cmd_dna.h"
#include "core/file.h"
#include "dna/dna.h"

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
	"  --mutation MODEL       none, equal, proportional or stepwise (default);\n"
	"                         extended-stepwise is Familias's name for stepwise\n"
	"  --paternal R           mutation rate from fathers (default 0.002)\n"
	"  --maternal R           mutation rate from mothers (default 0.0005)\n"
	"  --paternal-rate2 R2    stepwise: rate from fathers to the alleles a\n"
	"                         fraction of a repeat away, 10 -> 10.3 (0.0001)\n"
	"  --maternal-rate2 R2    the same from mothers (0.000025)\n"
	"  --range R              stepwise: each step more is R times as likely\n"
	"                         (above 0, up to 1; default 0.1)\n"
	"  --marker-mutation LOCUS=MODEL[:RATE[:RATE2[:RANGE]]]\n"
	"                         a locus's own model, as pedmut and Familias allow per\n"
	"                         marker; RATE and RATE2 one number or FATHERS/MOTHERS;\n"
	"                         a part left out or empty is the screening's. Again\n"
	"                         for each locus: --marker-mutation TH01=none\n"
	"                         --marker-mutation SE33=stepwise:0.004/0.001:0.0002:0.2\n"
	"  --max-inconsistent N   loci without a Mendelian explanation allowed (2)\n"
	"  --threads N            threads (default: one per core)\n";

/* The model's options are the parameters of dna_params_set, by name. */
enum {
	S_BATCH, S_REPORT, S_THRESHOLD, S_KEEP, S_MISSING, S_THETA, S_DROPOUT, S_MUTATION, S_PATERNAL,
	S_MATERNAL, S_PATERNAL_RATE2, S_MATERNAL_RATE2, S_RANGE, S_MAX_INCONSISTENT, S_THREADS, S_MARKER,
	S_COUNT
};

/* The --marker-mutation values, in order: read once the screening's own
 * settings are known, whatever their order on the command line. */
typedef struct screen_markers {
	const char *text[DNA_MARKERS_MAX + 1];
	int n;
} screen_markers;

static int take_marker(cli *c, const cli_opt *o, char *value, void *ctx)
{
	screen_markers *m = ctx;
	if(m->n == DNA_MARKERS_MAX + 1)
		return cli_usage_errorc(c, "cli.loci_max", "option", o->name, "max", PL_N(DNA_MARKERS_MAX), NULL);
	m->text[m->n++] = value;
	return -1;
}

static const cli_opt screen_opts[] = {
	[S_BATCH] = {.name = "batch"}, [S_REPORT] = {.name = "report"},
	[S_THRESHOLD] = {.name = "threshold"}, [S_KEEP] = {.name = "keep"},
	[S_MISSING] = {.name = "missing"}, [S_THETA] = {.name = "theta"},
	[S_DROPOUT] = {.name = "dropout"},
	[S_MUTATION] = {.name = "mutation"}, [S_PATERNAL] = {.name = "paternal"},
	[S_MATERNAL] = {.name = "maternal"}, [S_PATERNAL_RATE2] = {.name = "paternal-rate2"},
	[S_MATERNAL_RATE2] = {.name = "maternal-rate2"},
	[S_RANGE] = {.name = "range"}, [S_MAX_INCONSISTENT] = {.name = "max-inconsistent"},
	[S_THREADS] = {.name = "threads"}, [S_MARKER] = {.name = "marker-mutation", .take = take_marker},
	{0}};

/* A refusal of the DNA module ("name: why") as this command's option. */
static int refused(cli *c, const char *option, const pl_err *err)
{
	const char *why = strchr(err->msg, ':');
	return cli_usage_error(c, "--%s:%s", option, why ? why + 1 : err->msg);
}

static int screen_params(cli *c, const cli_val *v, const screen_markers *mk, dna_params *p)
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
			return cli_usage_errorc(c, "cli.expected_number", "option", name, "value", v[o].s, NULL);
		if(dna_params_set(p, param, x, &err))
			return refused(c, name, &err);
	}
	if(v[S_MUTATION].s && dna_params_set_mutation(p, v[S_MUTATION].s, &err))
		return cli_usage_error(c, "--%s", err.msg);
	if(dna_params_check(p, &err))
		return cli_usage_error(c, "--%s", err.msg);
	for(int i = 0; i < mk->n; i++) /* on top of the settings above */
		if(dna_params_add_marker(p, mk->text[i], &err))
			return refused(c, "marker-mutation", &err);
	return -1;
}

static void print_summary(const dna_screen_summary *s, const dna_params *p, const char *report)
{
	char pairs[32], lr[32], keep[32], n[32];
	text_thousands((long)s->pairs, pairs, sizeof(pairs));
	text_thousands((long)s->missing, n, sizeof(n));
	cli_dna_lr_text(log10(s->lr_proposal), lr, sizeof(lr));
	cli_dna_lr_text(log10(s->lr_candidate), keep, sizeof(keep));
	printf("run %lld: %ld remains against %ld families (%ld reference profiles), %ld loci: %s pairs "
	       "in %.1f s\n", (long long)s->run, s->remains, s->families, s->references, s->loci, pairs,
	       s->seconds);
	printf("prior 1/%s (the missing persons): a proposal needs posterior >= %g, an LR of %s for a "
	       "pair with no rival; candidates from posterior %g (LR %s)\n", n, p->threshold, lr, p->keep,
	       keep);
	printf("%ld proposals, %ld candidates in all, %ld pairs of remains of one person; %ld excluded "
	       "for inconsistent loci; %ld pairs excluded for a sex conflict; %ld decided before\n",
	       s->proposals, s->candidates, s->same_person, s->excluded, s->sex_excluded, s->decided);
	printf("%.0f of %ld families scored by the likelihood engine directly (every LR exact); %.0f "
	       "pairs of the others passed a filter and were recomputed exactly by the engine\n",
	       (double)s->families_exact, s->families, (double)s->examined);
	buf own;
	buf_init(&own, 0);
	if(p->nmarkers && !dna_params_markers_text(p, &own))
		printf("mutation: %s; loci with a model of their own: %s\n",
		       dna_mutation_names[p->mutation.model], buf_str(&own));
	buf_free(&own);
	printf("pairing probabilities: %zu groups enumerated exactly (%.0f explanations, %.2f s)",
	       s->pairing.groups, s->pairing.explanations, s->pairing.seconds);
	if(s->pairing.capped)
		printf("; %zu groups too large to enumerate, their %zu candidates without one (%zu of them with "
		       "bounds on it)", s->pairing.capped, s->pairing.capped_pairs, s->pairing.bounded_pairs);
	if(s->pairing.joint)
		printf("; %zu groups with a family's joint LRs unknown, their %zu candidates without one",
		       s->pairing.joint, s->pairing.joint_pairs);
	printf("\n");
	if(s->theta0)
		printf("%ld pairs not computed exactly with theta: too many founders for theta at some loci, "
		       "computed with theta 0 there; kept as candidates, never proposed\n", s->theta0);
	if(s->notes.len)
		printf("notes:\n%s", buf_str(&s->notes));
	if(report)
		printf("report: %s\n", report);
	printf("review: parley dna proposals --status proposed; parley dna explain CASE PERSON\n");
}

int cli_dna_screen(cli *c, int argc, char **argv)
{
	static const cli_spec spec = {.usage = screen_usage, .opts = screen_opts};
	cli_val v[S_COUNT];
	dna_params p = DNA_PARAMS_INIT;
	screen_markers mk = {0};
	int status = cli_parse(c, argc, argv, &spec, v, &mk);
	if(status < 0)
		status = screen_params(c, v, &mk, &p);
	if(status >= 0)
		return status;
	store *st;
	pl_err err = {0};
	if(cli_open(c, &st, &err))
		return cli_fail(c, &err);
	if(dna_params_check_markers(st, &p, &err)) {
		store_close(st);
		return err.rc == PL_EINPUT ? refused(c, "marker-mutation", &err) : cli_fail(c, &err);
	}
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
	if(!rc && c->json) {
		json_t *j = dna_screen_summary_json(&s);
		p.missing = s.missing; /* the N used, as the run keeps it */
		json_object_set_new(j, "params", dna_params_json(&p));
		cli_print_json(j);
	}
	else if(!rc)
		print_summary(&s, &p, report_path);
	if(!rc || s.notes.ptr)
		dna_screen_summary_free(&s);
	return rc ? cli_fail(c, &err) : EXIT_OK;
}

