/* parley dna pedigree list | show: the families entered as pedigrees
 * (parley dna import pedigree FILE; docs/dna.md, "Pedigree files"). */
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "cli/cmd_dna.h"
#include "dna/dna.h"

static const char list_usage[] =
	"usage: parley dna pedigree list\n"
	"\n"
	"The families entered as pedigrees: each with its individuals, how many are\n"
	"typed, and its missing persons.\n";

static const char show_usage[] =
	"usage: parley dna pedigree show FAMILY\n"
	"\n"
	"One family entered as a pedigree: its individuals as a table (id, father,\n"
	"mother, sex, the sample of a typed one with its loci, the missing person a\n"
	"missing one is) and as a tree, each founder's line downwards with each\n"
	"couple's children under the couple.\n";

static int list(cli *c, int argc, char **argv)
{
	static const cli_spec spec = {.usage = list_usage};
	store *st;
	int status = cli_start(c, argc, argv, &spec, NULL, NULL, &st);
	if(status >= 0)
		return status;
	arena a;
	arena_init(&a, 0);
	dna_pedigree_info *p = NULL;
	size_t n = 0;
	pl_err err = {0};
	pl_rc rc = dna_pedigrees_list(st, &a, &p, &n, &err);
	store_close(st);
	const char *head[5] = {"family", "individuals", "typed", "missing persons", "source"};
	cli_rows out;
	cli_rows_init(&out, c, 5, head, 60);
	for(size_t i = 0; !rc && i < n; i++) {
		if(out.arr) {
			json_array_append_new(out.arr, dna_pedigree_json(&p[i]));
			continue;
		}
		char ind[16], typed[16], who[512] = "";
		snprintf(ind, sizeof(ind), "%d", p[i].n);
		snprintf(typed, sizeof(typed), "%d", p[i].typed);
		for(int k = 0; k < p[i].n; k++)
			if(p[i].ind[k].person)
				snprintf(who + strlen(who), sizeof(who) - strlen(who), "%s%s (%s)", who[0] ? ", " : "",
				         p[i].ind[k].person, p[i].ind[k].id);
		const char *row[5] = {p[i].family, ind, typed, who, p[i].source};
		table_add(out.t, row);
	}
	if(!rc && !n && !c->json)
		cli_say(stdout, "cli.dna_no_pedigrees", NULL);
	status = cli_rows_finish(&out, c, rc, &err);
	arena_free(&a);
	return status;
}

static void show_table(const dna_pedigree_info *p)
{
	const char *head[7] = {"id", "father", "mother", "sex", "typed (loci)", "missing person", "note"};
	table *t = table_new(7, head);
	for(int i = 0; i < p->n; i++) {
		const dna_ped_individual *x = &p->ind[i];
		char typed[96] = "", who[256] = "";
		if(x->sample)
			snprintf(typed, sizeof(typed), "%s (%d)", x->sample, x->loci);
		if(x->person)
			snprintf(who, sizeof(who), "%s%s%s", x->person, x->person_name ? " " : "",
			         x->person_name ? x->person_name : "");
		const char *row[7] = {x->id, x->father ? x->father : "-", x->mother ? x->mother : "-", x->sex,
		                      typed, who, x->note};
		table_add(t, row);
	}
	table_print(t, stdout, 48);
	table_free(t);
}

static int show(cli *c, int argc, char **argv)
{
	static const cli_spec spec = {.usage = show_usage, .min_args = 1, .max_args = 1};
	store *st;
	int status = cli_start(c, argc, argv, &spec, NULL, NULL, &st);
	if(status >= 0)
		return status;
	arena a;
	arena_init(&a, 0);
	dna_pedigree_info p;
	pl_err err = {0};
	pl_rc rc = dna_pedigree_show(st, argv[optind], &a, &p, &err);
	store_close(st);
	status = EXIT_OK;
	if(rc) {
		status = cli_fail(c, &err);
	} else if(c->json) {
		status = cli_print_json(dna_pedigree_json(&p)) ? EXIT_OK : EXIT_REFUSED;
	} else {
		cli_say(stdout, "cli.dna_family", "family", p.family, "n", PL_N(p.n), "typed", PL_N(p.typed),
		        "missing", PL_N(p.missing), "source", p.source, "at", p.updated_at, NULL);
		show_table(&p);
		printf("\n%s", p.tree);
	}
	arena_free(&a);
	return status;
}

static const char pedigree_usage[] =
	"usage: parley dna pedigree list|show ...\n"
	"\n"
	"  list    the families entered as pedigrees\n"
	"  show    one family: its individuals, and its tree\n"
	"\n"
	"Families are entered with 'parley dna import pedigree FILE' (docs/dna.md).\n";

int cli_dna_pedigree(cli *c, int argc, char **argv)
{
	static const cli_command subs[] = {{"list", list, NULL}, {"show", show, NULL}};
	return cli_dispatch(c, "dna pedigree", subs, sizeof(subs) / sizeof(subs[0]), pedigree_usage, argc,
	                    argv);
}
