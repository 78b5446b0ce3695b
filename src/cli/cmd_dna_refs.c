/* parley dna references: the reference samples and whether their givers'
 * consent stands (docs/dna.md, "Consent to a reference"); and what a
 * withdrawal or a new grant of that consent did, as the inquiry commands
 * say it. */
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "cli/cmd_dna.h"
#include "core/msg.h"
#include "dna/dna.h"

static const char references_usage[] =
	"usage: parley dna references [--withheld] [--state STATE] [--limit N] [--offset N]\n"
	"\n"
	"The reference samples: each with whether its profile is imported (and its\n"
	"loci), the missing persons it is a reference of, and its consent: the\n"
	"laboratory's (a sample no inquiry named: its collection form), given\n"
	"(under an inquiry's DNA consent), or withdrawn: withheld, left out of\n"
	"screening, explanations and advice until the consent is given again.\n"
	"\n"
	"  --withheld   only the withheld samples\n"
	"  --state S    only those in one state: laboratory, given or withdrawn\n";

int cli_dna_references(cli *c, int argc, char **argv)
{
	enum { WITHHELD, STATE, LIMIT, OFFSET, N };
	static const char *const states[] = {"laboratory", "given", "withdrawn", NULL};
	static const cli_opt opts[] = {[WITHHELD] = {.name = "withheld", .kind = CLI_FLAG},
	                               [STATE] = {.name = "state", .kind = CLI_CHOICE, .choices = states},
	                               [LIMIT] = CLI_OPT_LIMIT, [OFFSET] = CLI_OPT_OFFSET, {0}};
	static const cli_spec spec = {.usage = references_usage, .opts = opts};
	cli_val v[N];
	store *st;
	int status = cli_start(c, argc, argv, &spec, v, NULL, &st);
	if(status >= 0)
		return status;
	dna_reference_query q = {.withheld = v[WITHHELD].s != NULL, .state = v[STATE].s ? states[v[STATE].n] : NULL};
	cli_page(&v[LIMIT], &v[OFFSET], &q.limit, &q.offset);
	arena a;
	arena_init(&a, 0);
	dna_reference_row *r = NULL;
	size_t n = 0, total = 0;
	pl_err err = {0};
	pl_rc rc = dna_references_list(st, &q, &a, &r, &n, &total, &err);
	store_close(st);
	const char *head[6] = {"sample", "loci", "missing persons", "consent", "since", "why withheld"};
	cli_rows out;
	cli_rows_init(&out, c, 6, head, 60);
	for(size_t i = 0; !rc && i < n; i++) {
		if(out.arr) {
			json_array_append_new(out.arr, dna_reference_row_json(&r[i]));
			continue;
		}
		char loci[16], consent[160];
		snprintf(loci, sizeof(loci), r[i].profile ? "%d" : "-", r[i].loci);
		snprintf(consent, sizeof(consent), "%s%s%s%s", !strcmp(r[i].state, "withdrawn") ? "WITHHELD: " : "",
		         r[i].state, r[i].holder ? ", " : "", r[i].holder ? r[i].holder : "");
		const char *row[6] = {r[i].sample, loci, r[i].persons ? r[i].persons : "-", consent,
		                      r[i].at ? r[i].at : "", r[i].reason ? r[i].reason : ""};
		table_add(out.t, row);
	}
	if(!rc && !n && !c->json)
		cli_say(stdout, q.withheld ? "cli.dna_no_withheld" : "cli.dna_no_references", NULL);
	status = cli_rows_finish(&out, c, rc, &err);
	arena_free(&a);
	return status;
}

static void proposal_line(FILE *f, const char *code, const dna_proposal *p)
{
	char lr[32];
	cli_dna_lr_text(p->log10_lr, lr, sizeof(lr));
	cli_say(f, code, "case", p->case_tag ? p->case_tag : "?", "person", p->person ? p->person : "?", "name",
	        p->person_name ? p->person_name : "", "status", p->fallen_from ? p->fallen_from : p->status, "lr", lr,
	        "sample", p->fallen_sample ? p->fallen_sample : "", NULL);
}

void cli_dna_consent_change_print(FILE *f, const dna_consent_change *d, bool withheld)
{
	if(!d->nsamples)
		return;
	buf b;
	buf_init(&b, 0);
	pl_rc rc = PL_OK;
	for(size_t i = 0; !rc && i < d->nsamples; i++)
		rc = buf_printf(&b, "%s%s", i ? ", " : "", d->samples[i]);
	cli_say(f, withheld ? "cli.dna_withheld" : "cli.dna_released", "samples", buf_str(&b), "n",
	        PL_N((long)d->nsamples), "profiles", PL_N((long)d->profiles), NULL);
	buf_free(&b);
	if(!withheld)
		return;
	if(!d->nfallen)
		cli_say(f, "cli.dna_none_fell", NULL);
	for(size_t i = 0; i < d->nfallen; i++)
		proposal_line(f, "cli.dna_fell", &d->fallen[i]);
	for(size_t i = 0; i < d->nresting; i++)
		proposal_line(f, "cli.dna_resting", &d->resting[i]);
	if(d->nresting)
		cli_say(f, "cli.dna_resting_todo", NULL);
}
