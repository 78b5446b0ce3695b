/* parley dna simulate: families and remains drawn from a reference
 * population, to measure how well screening identifies (docs/dna.md). */
#include <errno.h>
#include <string.h>
#include <sys/stat.h>

#include <jansson.h>

#include "cli/cmd_dna.h"
#include "core/problems.h"
#include "demo/dna_sim.h"
#include "dna/dna.h"

#ifndef PARLEY_STR_DIR
#define PARLEY_STR_DIR "data/str"
#endif

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
	[M_MISSING] = {.name = "missing", .kind = CLI_INT, .required = true, .min = 1, .max = 10000000},
	[M_REMAINS] = {.name = "remains", .kind = CLI_INT, .required = true, .min = 0, .max = 10000000},
	[M_DIR] = {.name = "dir", .required = true},
	[M_SEED] = {.name = "seed", .kind = CLI_INT, .min = 0, .max = 1000000000000000, .expect = "a number from 0"},
	[M_GENOTYPES] = {.name = "genotypes"}, [M_KINDS] = {.name = "kinds"},
	[M_UNRELATED] = SHARE("unrelated"),
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
		return cli_usage_errorc(c, "cli.simulate_too_many", NULL);
	const char *why = v[M_KINDS].s ? dna_sim_parse_kinds(o, v[M_KINDS].s) : NULL;
	return why ? cli_usage_error(c, "--kinds: %s", why) : -1;
}

int cli_dna_simulate(cli *c, int argc, char **argv)
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
		cli_print_json(json_pack("{s:I, s:I, s:I, s:s}", "missing", (json_int_t)s.npersons,
		                         "references", (json_int_t)s.nrefs, "remains", (json_int_t)s.nremains,
		                         "dir", dir));
	else if(status < 0)
		printf("%zu missing persons with %zu reference profiles, %zu remains written to %s/ "
		       "(persons.csv, cases.csv, remains.csv, references.csv, truth.csv%s)\n", s.npersons,
		       s.nrefs, s.nremains, dir, dna_sim_has_pedigrees(&s) ? ", pedigree.csv" : "");
	dna_sim_free(&s);
	dna_kit_free(&k);
	dna_freqs_free(&f);
	dna_rows_free(&pool);
	return status < 0 ? EXIT_OK : status;
}

