/* parley dna screen: every remains profile against every family and every
 * other remains profile, with a report (docs/dna.md). */
#include <math.h>
#include <string.h>

#include <jansson.h>

#include "cli/cmd_dna.h"
#include "core/msg.h"
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
	char text[PL_ERR_MSG_MAX];
	msg_err_text(err, msg_env_lang(), text, sizeof(text));
	const char *why = strchr(text, ':');
	return cli_usage_error(c, "--%s:%s", option, why ? why + 1 : text);
}

/* A refusal that names its setting first ("mutation: ..."), as it is. */
static int refused_whole(cli *c, const pl_err *err)
{
	char text[PL_ERR_MSG_MAX];
	msg_err_text(err, msg_env_lang(), text, sizeof(text));
	return cli_usage_error(c, "--%s", text);
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
		return refused_whole(c, &err);
	if(dna_params_check(p, &err))
		return refused_whole(c, &err);
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
	cli_say(stdout, "cli.dna_run", "run", PL_N(s->run), "remains", PL_N(s->remains), "families",
	        PL_N(s->families), "references", PL_N(s->references), "loci", PL_N(s->loci), "pairs", pairs,
	        "seconds", dna_num((char[32]){0}, "%.1f", s->seconds), NULL);
	cli_say(stdout, "cli.dna_prior", "n", n, "threshold", DNA_G(p->threshold), "lr", lr, "keep",
	        DNA_G(p->keep), "keep_lr", keep, NULL);
	cli_say(stdout, "cli.dna_counts", "proposals", PL_N(s->proposals), "candidates", PL_N(s->candidates),
	        "same", PL_N(s->same_person), "excluded", PL_N(s->excluded), "sex", PL_N(s->sex_excluded),
	        "decided", PL_N(s->decided), NULL);
	cli_say(stdout, "cli.dna_engine", "exact", dna_num((char[32]){0}, "%.0f", (double)s->families_exact),
	        "families", PL_N(s->families), "examined", dna_num((char[32]){0}, "%.0f", (double)s->examined),
	        NULL);
	buf own;
	buf_init(&own, 0);
	if(p->nmarkers && !dna_params_markers_text(p, &own))
		cli_say(stdout, "cli.dna_mutation_own", "mutation", dna_mutation_names[p->mutation.model], "loci",
		        buf_str(&own), NULL);
	buf_free(&own);
	cli_put(stdout, "cli.dna_pairing", "groups", PL_N(s->pairing.groups), "explanations",
	            dna_num((char[32]){0}, "%.0f", s->pairing.explanations), "seconds",
	            dna_num((char[32]){0}, "%.2f", s->pairing.seconds), NULL);
	if(s->pairing.capped)
		cli_put(stdout, "cli.dna_pairing_capped", "groups", PL_N(s->pairing.capped), "pairs",
		            PL_N(s->pairing.capped_pairs), "bounded", PL_N(s->pairing.bounded_pairs), NULL);
	if(s->pairing.joint)
		cli_put(stdout, "cli.dna_pairing_joint", "groups", PL_N(s->pairing.joint), "pairs",
		            PL_N(s->pairing.joint_pairs), NULL);
	printf("\n");
	if(s->theta0)
		cli_say(stdout, "cli.dna_theta0", "n", PL_N(s->theta0), NULL);
	if(s->notes.len) {
		cli_say(stdout, "cli.dna_notes", NULL);
		fputs(buf_str(&s->notes), stdout);
	}
	if(report)
		cli_say(stdout, "cli.dna_report", "file", report, NULL);
	cli_say(stdout, "cli.dna_review_hint", NULL);
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

