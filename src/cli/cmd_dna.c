/* parley dna import | frequencies | screen | proposals | explain | confirm |
 * reject | simulate: identification of remains by DNA kinship (docs/dna.md).
 * This file holds the group, the imports and the frequency table; the
 * other sub-commands are in cmd_dna_*.c. */
#include <math.h>
#include <stdarg.h>
#include <stdbool.h>
#include <string.h>

#include <jansson.h>

#include "cli/cmd_dna.h"
#include "core/msg.h"
#include "core/problems.h"
#include "dna/dna.h"

void cli_dna_lr_text(double log10_lr, char *out, size_t size)
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
	"usage: parley dna import remains|references|pedigree|frequencies FILE.csv\n"
	"                         [--max-errors N] [--people N] [--quiet]\n"
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
	"  pedigree      families of any shape in the ped layout: family, id, father,\n"
	"                mother (ids in the family; empty or 0: a founder), sex\n"
	"                (male/female/unknown, M/F/1/2/0), sample (a typed individual's\n"
	"                profile: its alleles on the row, or a sample imported before),\n"
	"                person (the parley id of a missing individual), note, and the\n"
	"                loci. A family in the file replaces the one of that id.\n"
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
		cli_print_json(json_pack("{s:I, s:I, s:I, s:I, s:I, s:I, s:I}", "withheld", (json_int_t)rep->withheld, "rows", (json_int_t)rep->rows,
		                         "created", (json_int_t)rep->created, "updated", (json_int_t)rep->updated,
		                         "unchanged", (json_int_t)rep->unchanged, "loci", (json_int_t)rep->loci,
		                         "alleles", (json_int_t)rep->alleles));
		return;
	}
	char rows[32];
	text_thousands(rep->rows, rows, sizeof(rows));
	if(kind == DNA_IMPORT_FREQUENCIES || kind == DNA_IMPORT_GENOTYPES)
		cli_say(stdout, rep->unchanged ? "cli.dna_read_frequencies_same" : "cli.dna_read_frequencies",
		        "rows", rows, "loci", PL_N(rep->loci), "alleles", PL_N(rep->alleles), NULL);
	else
		cli_say(stdout, kind == DNA_IMPORT_PEDIGREE ? "cli.dna_imported_families" : "cli.dna_imported_profiles",
		        "rows", rows, "created", PL_N(rep->created), "updated", PL_N(rep->updated), "unchanged",
		        PL_N(rep->unchanged), NULL);
	if(rep->withheld)
		cli_say(stdout, "cli.dna_imported_withheld", "n", PL_N(rep->withheld), NULL);
	if(rep->notes.len) {
		cli_say(stdout, "cli.dna_notes", NULL);
		fputs(buf_str(&rep->notes), stdout);
	}
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
	if(rc)
		status = cli_import_failed(c, &rep.errors, &rep.coded, &err);
	else if(!quiet) {
		print_import(c, kind, &rep);
	}
	dna_import_report_free(&rep);
	return status;
}

int cli_dna_import(cli *c, int argc, char **argv)
{
	enum { MAX_ERRORS, PEOPLE, QUIET, N };
	static const cli_opt opts[] = {
		[MAX_ERRORS] = CLI_OPT_MAX_ERRORS,
		[PEOPLE] = {.name = "people", .kind = CLI_INT, .min = 1, .max = 1000000000, .expect = "a number from 1"},
		[QUIET] = {.name = "quiet", .kind = CLI_FLAG}, {0}};
	static const cli_spec spec = {.usage = import_usage, .opts = opts, .min_args = 2, .max_args = 2};
	cli_val v[N];
	int status = cli_parse(c, argc, argv, &spec, v, NULL);
	if(status >= 0)
		return status;
	/* in the order of dna_import_kind; genotypes go through dna frequencies --from */
	static const char *const kinds[] = {"remains", "references", "frequencies", "", "pedigree"};
	int kind = 0;
	while(kind < 5 && (!kinds[kind][0] || strcmp(argv[optind], kinds[kind])))
		kind++;
	if(kind == 5)
		return cli_usage_errorc(c, "cli.dna_import_what", "value", argv[optind], NULL);
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

int cli_dna_frequencies(cli *c, int argc, char **argv)
{
	enum { FROM, MIN_COUNT, MAX_ERRORS, QUIET, N };
	static const cli_opt opts[] = {
		[FROM] = {.name = "from"},
		[MIN_COUNT] = {.name = "min-count", .kind = CLI_INT, .min = 1, .max = 1000},
		[MAX_ERRORS] = CLI_OPT_MAX_ERRORS, [QUIET] = {.name = "quiet", .kind = CLI_FLAG},
		{0}};
	static const cli_spec spec = {.usage = frequencies_usage, .opts = opts};
	cli_val v[N];
	int status = cli_parse(c, argc, argv, &spec, v, NULL);
	if(status >= 0)
		return status;
	if(!v[FROM].s)
		return v[MIN_COUNT].s ? cli_usage_errorc(c, "cli.min_count_with_from", NULL) : show_frequencies(c);
	dna_import_opts o = {.max_errors = v[MAX_ERRORS].s ? (int)v[MAX_ERRORS].n : 20,
	                     .min_count = v[MIN_COUNT].s ? (int)v[MIN_COUNT].n : 5};
	return run_import(c, DNA_IMPORT_GENOTYPES, v[FROM].s, &o, v[QUIET].s != NULL);
}

/* ---- dispatch -------------------------------------------------------------------------- */

static const char dna_usage[] =
	"usage: parley dna COMMAND ...\n"
	"\n"
	"Identification of returned remains by DNA kinship (docs/dna.md): the\n"
	"laboratory's profiles of remains and of missing persons' relatives are\n"
	"screened against each other, and proposals are reviewed and decided.\n"
	"\n"
	"  import        import remains or reference profiles, pedigrees, or frequencies\n"
	"  pedigree      the families entered as pedigrees: list, show\n"
	"  frequencies   count allele frequencies from genotypes, or show the table\n"
	"  screen        every remains against every family and every other remains\n"
	"  proposals     the pairs kept for review\n"
	"  explain       a case against a person (or a case), locus by locus\n"
	"  review        the first person: record a proposal as reviewed, with a note\n"
	"  confirm       the second person: identify, flag for return, or join\n"
	"  reject        reject a proposal\n"
	"  withdraw      withdraw a wrong identification (requested, then approved)\n"
	"  advice        which relative each family should still give a sample\n"
	"  references    the reference samples and their givers' consent (--withheld)\n"
	"  simulate      write simulated families and remains, to measure accuracy\n"
	"\n"
	"'parley dna COMMAND --help' for each.\n";

int cmd_dna(cli *c, int argc, char **argv)
{
	static const cli_command subs[] = {
		{"import", cli_dna_import, NULL}, {"frequencies", cli_dna_frequencies, NULL},
		{"screen", cli_dna_screen, NULL}, {"proposals", cli_dna_proposals, NULL},
		{"explain", cli_dna_explain, NULL}, {"review", cli_dna_review, NULL},
		{"confirm", cli_dna_confirm, NULL}, {"reject", cli_dna_reject, NULL},
		{"withdraw", cli_dna_withdraw, NULL}, {"advice", cli_dna_advice, NULL},
		{"simulate", cli_dna_simulate, NULL},
		{"pedigree", cli_dna_pedigree, NULL}, {"references", cli_dna_references, NULL},
	};
	return cli_dispatch(c, "dna", subs, sizeof(subs) / sizeof(subs[0]), dna_usage, argc, argv);
}
