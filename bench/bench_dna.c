/* DNA identification benchmark: accuracy and speed of screening.
 *
 *   bench_dna [--genotypes FILE] [--seed N] [--missing N] [--remains N]
 *             [--speed-remains N] [--speed-references N] [--naive-remains N]
 *             [--threads N] [--no-speed] [--pedigree-missing N] [--pedigree-remains N]
 *             [--theta X]
 *
 * Accuracy: the simulator (tools/demo/dna_sim.h) makes --missing families (the
 * default mix of pedigrees) and --remains remains from the NIST 1,036
 * genotypes; screening with the default model (theta 0.01, stepwise
 * mutation, drop-out 0.1), the joint assignment and the default threshold
 * (posterior 0.999 with a prior of one over the missing) propose
 * identifications, which are scored against the truth: the true
 * identification rate (remains of a missing person correctly proposed,
 * over all such remains) and the false one (wrong proposals over all
 * proposals), by pedigree kind. Then the same for the pedigree kinds a
 * relationship list cannot say (--pedigree-missing families, 100, and
 * --pedigree-remains, 100, scored with the prior of the first table).
 *
 * Speed (issue 6, issue 11): --speed-remains (6,000) against
 * --speed-references (50,000) reference profiles in families of the
 * default mix, all loci of the NIST file, theta, mutation and drop-out on,
 * with exact family likelihoods: the fast tables filter, the engine
 * recomputes every pair that passes (screen.h); the seconds split into
 * the filter's tables and the exact recompute, and how many pairs were
 * recomputed; and, in the same run, the naive way (the pairwise formula
 * for each remains and each reference, no tables) on --naive-remains of
 * them, extrapolated. */
#include <getopt.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/date.h"
#include "dna/assign.h"
#include "dna/freq.h"
#include "strpool.h"
#include "dna/kinlr.h"
#include "dna/pairing.h"
#include "demo/dna_sim.h"
#include "dna/screen.h"

#ifndef PARLEY_STR_DIR
#define PARLEY_STR_DIR "data/str"
#endif

static void die(const char *what, const pl_err *err)
{
	fprintf(stderr, "bench_dna: %s: %s\n", what, err ? err->msg : "failed");
	exit(1);
}

typedef struct opts {
	const char *genotypes;
	unsigned long long seed;
	long missing, remains, speed_remains, speed_refs, naive_remains;
	long ped_missing, ped_remains;       /* the pedigree kinds' table */
	int threads;
	bool speed;
} opts;

static void read_pool(const char *path, dna_rows *pool, dna_freqs *f)
{
	pl_err err = {0};
	if(bench_str_pool(path, pool, f, &err))
		die(path, &err);
}

/* The default model; --theta changes its theta (the exact engine at
 * theta > 0 is slow: docs/dna.md). Set once, in main, before any use. */
static dna_model model = {0.01, 0.1, true};

static void simulate_kinds(const dna_freqs *f, const dna_rows *pool, long missing, long remains,
                           unsigned long long seed, const char *kinds, dna_kit *k, dna_sim *s)
{
	pl_err err = {0};
	dna_sim_opts o;
	dna_sim_defaults(&o, missing, remains, seed);
	if(kinds && dna_sim_parse_kinds(&o, kinds))
		die("kinds", NULL);
	dna_mutation mut = DNA_MUTATION_DEFAULT;
	if(dna_kit_init(k, f, &err) || dna_sim_run(k, pool, &o, s, &err) || dna_kit_finish(k, &mut, &err))
		die("simulating", &err);
}

static void simulate(const dna_freqs *f, const dna_rows *pool, long missing, long remains,
                     unsigned long long seed, dna_kit *k, dna_sim *s)
{
	simulate_kinds(f, pool, missing, remains, seed, NULL, k, s);
}

/* ---- accuracy ----------------------------------------------------------------- */

/* The posterior pairing probabilities (pairing.h) of the candidates: how
 * long; how many exact, how many bounded and how wide; and how the pairs
 * whose probability (or its lower bound) reaches the threshold score
 * against the truth. */
static void pairing_table(const dna_sim *s, const dna_screen_result *res, const uint32_t *unit,
                          double n, double threshold)
{
	dna_pairing pg;
	pl_err err = {0};
	double t0 = date_monotonic();
	if(dna_pairing_compute(res->cand, res->n, unit, n, NULL, 0, 0, &pg, &err))
		die("pairing probabilities", &err);
	double seconds = date_monotonic() - t0, widest = 0;
	long right = 0, wrong = 0, exact = 0, narrow = 0;
	for(size_t i = 0; i < res->n; i++) {
		const dna_candidate *c = &res->cand[i];
		if(c->identity)
			continue;
		exact += !isnan(pg.pairing[i]);
		if(isnan(pg.pairing[i]) && !isnan(pg.pairing_lo[i])) {
			widest = fmax(widest, pg.pairing_hi[i] - pg.pairing_lo[i]);
			narrow += pg.pairing_hi[i] - pg.pairing_lo[i] <= 1e-6;
		}
		if(pg.pairing_lo[i] >= threshold) /* NAN: never */
			*(s->truth[c->remains] == (long)c->other ? &right : &wrong) += 1;
	}
	printf("pairing probabilities in %.2f s: %ld candidates exact (%zu groups, %.0f explanations), "
	       "%zu bounded (%zu groups, %ld steps; %ld within 1e-6, the widest %.3g); at >= %g (its lower "
	       "bound where bounded): %ld true, %ld false\n", seconds, exact, pg.counts.groups, pg.counts.explanations,
	       pg.counts.bounded_pairs, pg.counts.bounded, pg.counts.bound_steps, narrow, widest, threshold, right, wrong);
	dna_pairing_free(&pg);
}

static void accuracy(const opts *op, const dna_freqs *f, const dna_rows *pool)
{
	dna_kit k;
	dna_sim s;
	simulate(f, pool, op->missing, op->remains, op->seed, &k, &s);
	double n = (double)s.nfamilies, threshold = 0.999;
	dna_screen_opts so = {.model = model, .keep = log10(n - 1) + log10(0.01 / 0.99),
	                      .max_inconsistent = 2, .threads = op->threads, .kinship = true,
	                      .identity = true};
	dna_screen_result res;
	dna_assignment as;
	pl_err err = {0};
	if(dna_screen(&k, s.remains, s.nremains, s.families, s.nfamilies, &so, &res, &err))
		die("screening", &err);
	uint32_t *unit;
	double joined = log10((double)s.nremains - 1) + log10(threshold / (1 - threshold));
	if(dna_units(res.cand, res.n, s.nremains, joined, &unit, &err) ||
	   dna_assign(res.cand, res.n, unit, n, 0, &as, &err))
		die("assigning", &err);
	pairing_table(&s, &res, unit, n, threshold);
	free(unit);
	long by_kind[SIM_KIND_COUNT][3] = {{0}}; /* remains, true proposals, false proposals */
	long identifiable = 0, proposed = 0, right = 0, wrong = 0, wrong_noise = 0, cands = 0;
	long ident_true = 0, ident_false = 0;
	for(size_t i = 0; i < s.nremains; i++)
		if(s.truth[i] >= 0) {
			identifiable++;
			by_kind[s.kind[s.truth[i]]][0]++;
		}
	for(size_t i = 0; i < res.n; i++) {
		const dna_candidate *c = &res.cand[i];
		if(c->identity) {
			bool same = s.truth[c->remains] >= 0 && s.truth[c->remains] == s.truth[c->other];
			if(dna_posterior(c->log10_lr, (double)s.nremains) >= threshold)
				*(same ? &ident_true : &ident_false) += 1;
			continue;
		}
		cands++;
		if(!as.best[i] || dna_odds_probability(as.log10_odds[i]) < threshold)
			continue;
		proposed++;
		long t = s.truth[c->remains];
		if(t == (long)c->other) {
			right++;
			by_kind[s.kind[t]][1]++;
		} else {
			wrong++;
			wrong_noise += t < 0;
			by_kind[s.kind[c->other]][2]++;
		}
	}
	printf("accuracy: %ld missing persons (%zu reference profiles), %zu remains (%ld of missing "
	       "persons, seed %llu)\n", op->missing, s.nrefs, s.nremains, identifiable, op->seed);
	printf("model: theta %g, stepwise mutation (0.002 paternal, 0.0005 maternal), drop-out "
	       "0.1, at most 2 inconsistent loci; proposal at posterior >= 0.999 with prior 1/%ld "
	       "(posterior odds >= 999 against the best other explanation)\n", model.theta, op->missing);
	printf("%-16s %8s %9s %7s %8s\n", "pedigree", "remains", "proposed", "false", "TIR");
	for(int kd = 0; kd < SIM_GRANDCHILD; kd++)
		printf("%-16s %8ld %9ld %7ld %7.1f%%\n", dna_sim_kind_names[kd], by_kind[kd][0],
		       by_kind[kd][1] + by_kind[kd][2], by_kind[kd][2],
		       by_kind[kd][0] ? 100.0 * (double)by_kind[kd][1] / (double)by_kind[kd][0] : 0);
	printf("%-16s %8ld %9ld %7ld %7.1f%%\n", "all", identifiable, proposed, wrong,
	       100.0 * (double)right / (double)(identifiable ? identifiable : 1));
	printf("true identification rate %.1f%% (%ld of %ld); false identification rate %.2f%% of "
	       "proposals (%ld of %ld; %ld of them unrelated remains)\n",
	       100.0 * (double)right / (double)(identifiable ? identifiable : 1), right, identifiable,
	       100.0 * (double)wrong / (double)(proposed ? proposed : 1), wrong, proposed, wrong_noise);
	printf("candidates kept %ld (%zu excluded for inconsistent loci); %zu undisputed, %zu groups "
	       "searched, %zu over the search cap; same-person remains proposed %ld true, %ld false\n",
	       cands, res.excluded, as.undisputed, as.groups, as.capped, ident_true, ident_false);
	dna_assignment_free(&as);
	dna_screen_result_free(&res);
	dna_sim_free(&s);
	dna_kit_free(&k);
}

/* The candidates of family k's missing persons (others first .. first +
 * nmissing) weighed jointly (kinlr.h), as the screening run does: a pair
 * of the family's best explanation counts with its generalised LR. */
static void weigh_family(const dna_kit *k, const dna_sim *s, const dna_kin *kin, uint32_t first,
                         const dna_candidate *cand, size_t n, double prior, dna_candidate *weighed)
{
	dna_candidate *c = calloc(n + 1, sizeof(*c));
	size_t *at = calloc(n + 1, sizeof(*at)), nc = 0;
	double *odds = calloc(n + 1, sizeof(double)), best;
	if(!c || !at || !odds)
		die("weighing", NULL);
	for(size_t i = 0; i < n; i++)
		if(cand[i].other >= first && cand[i].other < first + (uint32_t)kin->nmissing) {
			c[nc] = cand[i];
			at[nc++] = i;
		}
	int left;
	pl_err err = {0};
	pl_rc rc = nc < 2 ? PL_OK : dna_kin_joint(k, &model, kin, first, s->remains, c, nc, prior, odds,
	                                          &best, &left, NULL, &err);
	if(rc && rc != PL_ELIMIT)
		die("weighing jointly", &err);
	for(size_t i = 0; nc >= 2 && !rc && i < nc; i++)
		if(!isnan(odds[i]))
			weighed[at[i]].log10_lr = odds[i] - prior;
	free(c);
	free(at);
	free(odds);
}

/* The pedigree kinds: families only a pedigree file can say (a grandchild,
 * a nephew, a cousin with the cousin's other parent, a father and son both
 * missing), each remains at each missing individual by the engine, related
 * missing persons weighed jointly within their family, then the joint
 * assignment with the prior of the main table (1/--missing). */
static void accuracy_pedigrees(const opts *op, const dna_freqs *f, const dna_rows *pool)
{
	dna_kit k;
	dna_sim s;
	double t0 = date_monotonic();
	simulate_kinds(f, pool, op->ped_missing, op->ped_remains, op->seed,
	               "grandchild=1,nephew=1,cousin_spouse=1,father_son=1", &k, &s);
	dna_kin *kins = calloc(s.nfamilies + 1, sizeof(*kins));
	for(size_t i = 0; kins && i < s.nfamilies; i++)
		kins[i] = *s.kin[i];
	double n = (double)op->missing, threshold = 0.999, prior = dna_prior_log10(n);
	dna_screen_opts so = {.model = model, .keep = log10(n - 1) + log10(0.01 / 0.99),
	                      .max_inconsistent = 2, .threads = op->threads, .kinship = true};
	dna_candidate *cand = NULL;
	size_t nc = 0, cap = 0, excluded = 0;
	buf notes;
	buf_init(&notes, 0);
	pl_err err = {0};
	if(!kins || dna_kins_screen(&k, s.remains, s.nremains, kins, s.nfamilies, &so, 0, &cand, &nc,
	                            &cap, &excluded, &notes, &err))
		die("screening the pedigrees", &err);
	dna_candidate *weighed = calloc(nc + 1, sizeof(*weighed));
	if(!weighed)
		die("weighing", NULL);
	memcpy(weighed, cand, nc * sizeof(*weighed));
	for(size_t fi = 0, first = 0; fi < s.nfamilies; first += (size_t)kins[fi++].nmissing)
		if(kins[fi].nmissing > 1)
			weigh_family(&k, &s, &kins[fi], (uint32_t)first, cand, nc, prior, weighed);
	dna_assignment as;
	if(dna_assign(weighed, nc, NULL, n, 0, &as, &err))
		die("assigning", &err);
	long by_kind[SIM_KIND_COUNT][3] = {{0}}, identifiable = 0, right = 0, wrong = 0;
	for(size_t i = 0; i < s.nremains; i++)
		if(s.truth_person[i] >= 0) {
			identifiable++;
			by_kind[s.kind[s.truth[i]]][0]++;
		}
	for(size_t i = 0; i < nc; i++) {
		if(!as.best[i] || dna_odds_probability(as.log10_odds[i]) < threshold)
			continue;
		long t = s.truth_person[cand[i].remains];
		size_t fam = s.persons[cand[i].other].family;
		*(t == (long)cand[i].other ? &right : &wrong) += 1;
		by_kind[s.kind[fam]][t == (long)cand[i].other ? 1 : 2]++;
	}
	printf("pedigree kinds (pedigree files): %zu families, %zu missing persons, %zu remains (%ld of "
	       "missing persons), same model and threshold, prior 1/%ld; %.1f s\n", s.nfamilies,
	       s.npersons, s.nremains, identifiable, op->missing, date_monotonic() - t0);
	printf("%-16s %8s %9s %7s %8s\n", "pedigree", "remains", "proposed", "false", "TIR");
	for(int kd = SIM_GRANDCHILD; kd < SIM_KIND_COUNT; kd++)
		printf("%-16s %8ld %9ld %7ld %7.1f%%\n", dna_sim_kind_names[kd], by_kind[kd][0],
		       by_kind[kd][1] + by_kind[kd][2], by_kind[kd][2],
		       by_kind[kd][0] ? 100.0 * (double)by_kind[kd][1] / (double)by_kind[kd][0] : 0);
	printf("%-16s %8ld %9ld %7ld %7.1f%%\n", "all", identifiable, right + wrong, wrong,
	       100.0 * (double)right / (double)(identifiable ? identifiable : 1));
	if(notes.len)
		printf("notes: %zu bytes of notes (loci beyond the engine's bound, joint evaluation); first: "
		       "%.*s", notes.len, (int)strcspn(buf_str(&notes), "\n") + 1, buf_str(&notes));
	dna_assignment_free(&as);
	free(weighed);
	free(cand);
	free(kins);
	buf_free(&notes);
	dna_sim_free(&s);
	dna_kit_free(&k);
}

/* ---- speed ----------------------------------------------------------------------- */

/* The pairwise formula for each remains and each reference profile. */
static double naive(const dna_kit *k, const dna_sim *s, size_t nremains, size_t nfam, size_t *pairs)
{
	double t0 = date_monotonic(), keep = 0;
	*pairs = 0;
	for(size_t r = 0; r < nremains; r++)
		for(size_t f = 0; f < nfam; f++)
			for(int i = 0; i < s->families[f].nrefs; i++) {
				const dna_ref *x = &s->families[f].refs[i];
				double lr = 1;
				for(int l = 0; l < k->nloci; l++)
					lr *= dna_pair_lr(&k->loci[l], &model, x->rel, s->families[f].sex, x->prof->g[l],
					                  dna_obs_of(&s->remains[r], l, &model));
				keep += lr > 1e6;
				(*pairs)++;
			}
	if(keep < 0)
		printf("?");
	return date_monotonic() - t0;
}

static void speed(const opts *op, const dna_freqs *f, const dna_rows *pool)
{
	dna_kit k;
	dna_sim s;
	/* enough families for the references wanted, then cut at that many */
	simulate(f, pool, op->speed_refs * 3 / 4 + 1000, op->speed_remains, op->seed + 1, &k, &s);
	size_t nfam = 0, refs = 0;
	while(nfam < s.nfamilies && refs + (size_t)s.families[nfam].nrefs <= (size_t)op->speed_refs)
		refs += (size_t)s.families[nfam++].nrefs;
	dna_screen_opts so = {.model = model, .keep = log10((double)nfam) - 2, .max_inconsistent = 2,
	                      .threads = op->threads, .kinship = true};
	dna_screen_result res;
	pl_err err = {0};
	if(dna_screen(&k, s.remains, s.nremains, s.families, nfam, &so, &res, &err))
		die("screening", &err);
	size_t npairs;
	size_t nr = (size_t)op->naive_remains < s.nremains ? (size_t)op->naive_remains : s.nremains;
	double tn = naive(&k, &s, nr, nfam, &npairs);
	double rate = (double)res.pairs / res.seconds, nrate = (double)npairs / tn;
	printf("speed: %zu remains x %zu reference profiles (%zu families) = %.3g pairs, %d loci, %d "
	       "threads, theta %g, stepwise mutation, drop-out 0.1\n", s.nremains, refs, nfam,
	       (double)res.pairs, k.nloci, res.threads, model.theta);
	printf("%-30s %10s %14s %12s\n", "method", "seconds", "pairs/s", "candidates");
	printf("%-30s %10.2f %14.3g %12zu\n", "filter + exact (parley)", res.seconds, rate, res.n);
	printf("%-30s %10.1f %14.3g %12s\n", "naive pairwise (extrapolated)",
	       tn * (double)res.pairs / (double)npairs, nrate, "-");
	printf("tables: %.2f s of thread time for %zu families over %zu distinct genotypes; %.0f "
	       "families exact by the engine's tables (%.0f tables computed, %.0f found in the cache); "
	       "exact recompute by the engine: %.2f s of thread time for %.0f pairs (remains x family) "
	       "that passed a filter, %zu kept, %zu with a locus computed with theta 0\n",
	       res.seconds_tables, nfam, res.slots, (double)res.families_exact, (double)res.table_misses,
	       (double)res.table_hits, res.seconds_exact, (double)res.examined, res.n, res.theta0);
	printf("naive measured on %zu remains (%zu pairs, %.2f s); speed-up %.0fx\n", nr, npairs, tn,
	       rate / nrate);
	dna_screen_result_free(&res);
	dna_sim_free(&s);
	dna_kit_free(&k);
}

int main(int argc, char **argv)
{
	opts op = {.genotypes = PARLEY_STR_DIR "/nist1036_genotypes.csv", .seed = 1, .missing = 1000,
	           .remains = 1000, .speed_remains = 6000, .speed_refs = 50000, .naive_remains = 20,
	           .ped_missing = 100, .ped_remains = 100, .speed = true};
	static const struct option lo[] = {
		{"genotypes", required_argument, NULL, 'g'}, {"seed", required_argument, NULL, 's'},
		{"missing", required_argument, NULL, 'm'}, {"remains", required_argument, NULL, 'r'},
		{"speed-remains", required_argument, NULL, 'R'}, {"speed-references", required_argument, NULL, 'F'},
		{"naive-remains", required_argument, NULL, 'n'}, {"threads", required_argument, NULL, 't'},
		{"no-speed", no_argument, NULL, 'x'}, {"pedigree-missing", required_argument, NULL, 'P'},
		{"pedigree-remains", required_argument, NULL, 'Q'}, {"theta", required_argument, NULL, 'T'},
		{0},
	};
	int c;
	while((c = getopt_long(argc, argv, "", lo, NULL)) != -1) {
		switch(c) {
		case 'g': op.genotypes = optarg; break;
		case 's': op.seed = strtoull(optarg, NULL, 10); break;
		case 'm': op.missing = atol(optarg); break;
		case 'r': op.remains = atol(optarg); break;
		case 'R': op.speed_remains = atol(optarg); break;
		case 'F': op.speed_refs = atol(optarg); break;
		case 'n': op.naive_remains = atol(optarg); break;
		case 't': op.threads = atoi(optarg); break;
		case 'x': op.speed = false; break;
		case 'P': op.ped_missing = atol(optarg); break;
		case 'Q': op.ped_remains = atol(optarg); break;
		case 'T': model.theta = atof(optarg); break;
		default: return 2;
		}
	}
	dna_rows pool;
	dna_freqs f;
	read_pool(op.genotypes, &pool, &f);
	accuracy(&op, &f, &pool);
	if(op.ped_missing > 0) {
		putchar('\n');
		accuracy_pedigrees(&op, &f, &pool);
	}
	if(op.speed) {
		putchar('\n');
		speed(&op, &f, &pool);
	}
	dna_freqs_free(&f);
	dna_rows_free(&pool);
	return 0;
}
