/* parley dna advice: which relative each family should still be asked to
 * give a sample, by how much it would help (docs/dna.md, "Sampling
 * advice"). */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "cli/cmd_dna.h"
#include "dna/dna.h"

static const char advice_usage[] =
	"usage: parley dna advice [--person ID] [--limit N] [--simulations N] [--seed N]\n"
	"                         [--exact] [--threads N]\n"
	"\n"
	"For each missing person with relatives' profiles: the probability that\n"
	"their remains would be proposed (a true match reaching the threshold of\n"
	"the last screening, with the prior 1/N of screening), the exclusion power\n"
	"(the probability that an unrelated person's profile is incompatible with\n"
	"the relatives at a locus: forrel's missingPersonEP), and the relative not\n"
	"yet sampled who would raise the first most, with the probability after.\n"
	"A family imported as a pedigree (parley dna import pedigree) gives a row\n"
	"for each of its missing persons, and its individuals not yet typed are\n"
	"weighed as well as the relatives one could add to it.\n"
	"One list, highest gain first: what the office can ask families for.\n"
	"Probabilities are estimated by simulation (fixed seed, the same answer\n"
	"every time, whatever the threads); the exclusion power is exact.\n"
	"\n"
	"Options:\n"
	"  --person ID        one missing person's family\n"
	"  --limit N          at most N rows (default 50)\n"
	"  --simulations N    profiles simulated per estimate (default 1000; the\n"
	"                     error of a probability is at most 0.5/sqrt(N))\n"
	"  --seed N           the seed of the simulations (default 1)\n"
	"  --exact            do not lump the alleles no one in a family shows into\n"
	"                     one (slower; the same answer without mutation)\n"
	"  --threads N        threads (default 2)\n";

static void percent(double p, char *out, size_t size)
{
	if(isnan(p))
		snprintf(out, size, "-");
	else
		snprintf(out, size, "%.1f%%", 100 * p);
}

static void advice_row(const dna_advice_row *r, table *t)
{
	const dna_advice *x = &r->a;
	const char *who = dna_advice_row_member(r);
	char now[16], ep[16], after[16], gain[16], loci[16], best[96];
	percent(x->now.included, now, sizeof(now));
	percent(x->now.ep, ep, sizeof(ep));
	percent(dna_advice_row_after(r), after, sizeof(after));
	bool any = who || x->best >= 0;
	snprintf(gain, sizeof(gain), any ? "+%.1f" : "-", 100 * x->gain);
	snprintf(loci, sizeof(loci), "%d", r->loci);
	snprintf(best, sizeof(best), "%s%s", who ? "member " : "",
	         who ? who : x->best >= 0 ? dna_ask_names[x->best] : "none helps");
	const char *row[8] = {r->person, r->relatives, loci, now, ep, best, after, gain};
	table_add(t, row);
}

/* dna_ask_phrases by code, in the order of dna_ask_names. */
static const char *const ask_codes[DNA_ASK_COUNT] = {
	"dna.ask_father", "dna.ask_mother", "dna.ask_full_sibling", "dna.ask_child",
	"dna.ask_child_and_other_parent", "dna.ask_paternal_half_sibling", "dna.ask_maternal_half_sibling",
	"dna.ask_paternal_grandparent", "dna.ask_maternal_grandparent", "dna.ask_paternal_uncle_aunt",
	"dna.ask_maternal_uncle_aunt",
};

static void advice_text(const dna_advice_summary *s, const dna_advice_row *r, size_t n)
{
	char seed[32];
	snprintf(seed, sizeof(seed), "%llu", (unsigned long long)s->seed);
	cli_say(stdout, "cli.dna_advice_head", "threshold", DNA_G(s->threshold), "missing",
	        dna_num((char[32]){0}, "%.0f", s->missing), "lr", dna_num((char[32]){0}, "%.2f", s->log10_needed),
	        "simulations", PL_N(s->simulations), "seed", seed, NULL);
	const char *head[8] = {"person", "references", "loci", "P(proposed)", "exclusion",
	                       "best to sample", "P after", "gain (points)"};
	table *t = table_new(8, head);
	for(size_t i = 0; i < n; i++)
		advice_row(&r[i], t);
	if(n)
		table_print(t, stdout, 40);
	table_free(t);
	if(n)
		putchar('\n');
	for(size_t i = 0; i < n && i < 10; i++) {
		const dna_advice *x = &r[i].a;
		const char *who = dna_advice_row_member(&r[i]);
		const char *from = dna_num((char[32]){0}, "%.0f", 100 * x->now.included);
		if(who)
			cli_say(stdout, "cli.dna_ask_member", "id", who, "family", r[i].family, "person", r[i].person,
			        "from", from, "to", dna_num((char[32]){0}, "%.0f", 100 * dna_advice_row_after(&r[i])),
			        NULL);
		else if(x->best >= 0)
			cli_say(stdout, "cli.dna_ask", "who", ask_codes[x->best], "person", r[i].person, "from", from,
			        "to", dna_num((char[32]){0}, "%.0f", 100 * x->after[x->best]), NULL);
	}
	cli_say(stdout, "cli.dna_advice_shown", "n", PL_N(n), "total", PL_N(s->total), "refused",
	        PL_N(s->refused), "pedigrees", PL_N(s->pedigrees), "threads", PL_N(s->threads), "seconds",
	        dna_num((char[32]){0}, "%.1f", s->seconds), NULL);
	if(s->notes.len)
		fprintf(stderr, "%s", buf_str(&s->notes));
}

int cli_dna_advice(cli *c, int argc, char **argv)
{
	enum { PERSON, LIMIT, SIMULATIONS, SEED, EXACT, THREADS, N };
	static const cli_opt opts[] = {
		[PERSON] = {.name = "person"}, [LIMIT] = CLI_OPT_LIMIT,
		[SIMULATIONS] = {.name = "simulations", .kind = CLI_INT, .min = 10, .max = 1000000},
		[SEED] = {.name = "seed", .kind = CLI_INT, .min = 0, .max = 1000000000000000, .expect = "a number from 0"},
		[EXACT] = {.name = "exact", .kind = CLI_FLAG},
		[THREADS] = {.name = "threads", .kind = CLI_INT, .min = 1, .max = 16}, {0}};
	static const cli_spec spec = {.usage = advice_usage, .opts = opts};
	cli_val v[N];
	store *st;
	int status = cli_start(c, argc, argv, &spec, v, NULL, &st);
	if(status >= 0)
		return status;
	dna_advice_query q = {.person = v[PERSON].s, .limit = v[LIMIT].s ? (size_t)v[LIMIT].n : 50,
	                      .simulations = v[SIMULATIONS].s ? (int)v[SIMULATIONS].n : 0,
	                      .seed = v[SEED].s ? (uint64_t)v[SEED].n : 1, .exact = v[EXACT].s != NULL,
	                      .threads = v[THREADS].s ? (int)v[THREADS].n : 0};
	arena a;
	arena_init(&a, 0);
	dna_advice_row *rows;
	size_t n;
	dna_advice_summary sum;
	pl_err err = {0};
	pl_rc rc = dna_advice_run(st, &q, &a, &rows, &n, &sum, &err);
	if(rc) {
		status = cli_fail(c, &err);
	} else if(c->json) {
		json_t *arr = json_array();
		for(size_t i = 0; i < n; i++)
			json_array_append_new(arr, dna_advice_row_json(&rows[i]));
		cli_print_json(json_pack("{s:o, s:o}", "advice", arr, "summary", dna_advice_summary_json(&sum)));
		status = EXIT_OK;
	} else {
		advice_text(&sum, rows, n);
		status = EXIT_OK;
	}
	dna_advice_summary_free(&sum);
	arena_free(&a);
	store_close(st);
	return status;
}
