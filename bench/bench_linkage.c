/* The cross-script linkage benchmark: two generated lists of the same
 * people (registry_demo_linkage: side a in Ukrainian, side b in the
 * Russian forms and schemes, with corruptions), linked by the person spec
 * and scored against the truth in column ext.bench.
 *   bench_linkage [--persons N] [--seed S] [--threads T] [--dir DIR] [--unknown-surnames]
 *                 [--window W] [--ties T] [--prune D]   (match_opts.window, .window_ties,
 *                 .prune; -1: no pruning)
 *   bench_linkage --skeleton-accuracy
 *   bench_linkage --comparator-accuracy   (the skeleton's figure too)
 *   bench_linkage --columns-in DIR [--threads T]
 * It prints where the true pairs it missed were lost (never a candidate,
 * scored below the review threshold, sent to review, outranked); with
 * --misses K (or BENCH_MISSES=K) also the first K of them, both records'
 * names and dates and the pair's levels.
 * BENCH_MISSED=FILE (with --columns-in) writes the a-side ids of the true
 * pairs that no rule made a candidate or that scored below review.
 * With --dir, the two lists are also left there as a.csv and b.csv, and
 * their linkage columns (names already keyed) as a_cols.csv and
 * b_cols.csv: the input of the DuckDB peer (bench/duckdb). --columns-in
 * links those columns alone, the same work the peer does. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

#include "core/csv.h"
#include "core/rng.h"
#include "demo/demo.h"
#include "match/person.h"

static double now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static long peak_rss_mib(void)
{
	struct rusage ru;
	getrusage(RUSAGE_SELF, &ru);
	return ru.ru_maxrss / 1024;
}

static const char *const col_names[] = {
	"surname", "surname_eq", "given", "given_eq", "patr", "patr_eq", "birth", "birth_year",
	"service", "unit", "place", "sex", "name_pair", "surname_skel", "skel_pair", "skel_head", "given_skel", "address", "locality", "region", "house"};
_Static_assert(sizeof(col_names) / sizeof(col_names[0]) == MP_COLS, "a name for every linkage column");

/* The linkage columns of a list, with its ids, as CSV. */
static void dump_columns(const match_list *l, const char *path)
{
	FILE *f = fopen(path, "w");
	if(!f)
		return;
	buf b;
	buf_init(&b, 0);
	const char *head[MP_COLS + 1] = {"id"};
	memcpy(head + 1, col_names, sizeof(col_names));
	if(csv_format_record(&b, head, MP_COLS + 1))
		abort();
	for(size_t i = 0; i < l->side.n; i++) {
		const char *v[MP_COLS + 1] = {l->ids[i]};
		for(int c = 0; c < MP_COLS; c++)
			v[c + 1] = match_value(&l->side, i, c);
		if(csv_format_record(&b, v, MP_COLS + 1))
			abort();
		if(b.len > (1 << 20)) {
			fwrite(b.ptr, 1, b.len, f);
			buf_reset(&b);
		}
	}
	fwrite(b.ptr, 1, b.len, f);
	fclose(f);
	buf_free(&b);
}

/* Read what dump_columns wrote. */
static pl_rc read_columns(const char *path, match_list *l, pl_err *err)
{
	FILE *f = fopen(path, "r");
	if(!f)
		return pl_fail(err, PL_ENOTFOUND, "cannot read %s", path);
	match_list_init(l);
	csv_reader *cr = NULL;
	pl_rc rc = csv_reader_open(&cr, f, path, err);
	bool eof = false;
	long line = 0;
	while(!rc) {
		csv_record rec;
		if((rc = csv_read(cr, &rec, &eof, err)) || eof)
			break;
		if(line++ == 0)
			continue;
		if(rec.nfields != MP_COLS + 1) {
			rc = pl_fail(err, PL_EINPUT, "%s:%ld: expected %d fields", path, rec.line, MP_COLS + 1);
			break;
		}
		rc = match_list_add(l, rec.fields + 1, rec.fields[0], rec.line);
	}
	if(cr)
		csv_reader_close(cr);
	fclose(f);
	return rc;
}

static int fail(const pl_err *err)
{
	fprintf(stderr, "bench_linkage: %s\n", err->msg);
	return 1;
}

/* Link prepared columns and score: the work the DuckDB peer does. Prints
 * one line: "c: candidates C links L precision P recall R F1 F time T s
 * read S s per_true_pair Q", T the linkage alone, S reading the columns. */
/* --window and --ties: the windows' reach, to measure what it trades. */
static long opt_window = -1, opt_ties = -1, opt_prune = -2;

static void set_windows(match_opts *o)
{
	if(opt_window >= 0)
		o->window = (size_t)opt_window;
	if(opt_ties >= 0)
		o->window_ties = (size_t)opt_ties;
	if(opt_prune >= -1)
		o->prune = (int)opt_prune;
}

static int link_columns(const char *dir, int threads)
{
	pl_err err = {0};
	char pa[4096], pb[4096];
	snprintf(pa, sizeof(pa), "%s/a_cols.csv", dir);
	snprintf(pb, sizeof(pb), "%s/b_cols.csv", dir);
	double t0 = now();
	match_list la, lb;
	if(read_columns(pa, &la, &err) || read_columns(pb, &lb, &err))
		return fail(&err);
	match_opts o = MATCH_OPTS_DEFAULT;
	o.threads = threads;
	set_windows(&o);
	match_result r;
	double tl = now();
	if(match_link(&match_person_spec, &la.side, &lb.side, &o, &r, &err))
		return fail(&err);
	double t1 = now();
	size_t tp = 0, fp = 0, truth = 0;
	for(size_t k = 0; k < r.npairs; k++)
		if(r.pairs[k].status == MATCH_LINK)
			strcmp(la.ids[r.pairs[k].a], lb.ids[r.pairs[k].b]) ? fp++ : tp++;
	for(size_t j = 0; j < lb.side.n; j++)
		truth += atol(lb.ids[j] + 1) < (long)la.side.n;
	double p = tp + fp ? (double)tp / (double)(tp + fp) : 0, rc = truth ? (double)tp / (double)truth : 0;
	size_t kept_true = 0;
	for(size_t k = 0; k < r.npairs; k++)
		kept_true += !strcmp(la.ids[r.pairs[k].a], lb.ids[r.pairs[k].b]);
	fprintf(stderr, "  true pairs kept (any status) %zu of %zu\n", kept_true, truth);
	if(getenv("BENCH_MISSED")) { /* the a-side ids of true pairs not kept */
		FILE *mf = fopen(getenv("BENCH_MISSED"), "w");
		char *seen = calloc(la.side.n, 1);
		for(size_t k = 0; k < r.npairs; k++)
			if(!strcmp(la.ids[r.pairs[k].a], lb.ids[r.pairs[k].b]))
				seen[r.pairs[k].a] = 1;
		for(size_t j = 0; mf && j < lb.side.n; j++) {
			long id = atol(lb.ids[j] + 1);
			if(id < (long)la.side.n && !seen[id])
				fprintf(mf, "%ld\n", id);
		}
		if(mf)
			fclose(mf);
		free(seen);
	}
	for(int k = 0; k < match_person_spec.nrules; k++)
		fprintf(stderr, "  rule %-50s %10zu pairs\n", match_person_spec.rules[k].name, r.rule_pairs[k]);
	fprintf(stderr, "  %.2f per true pair; largest block %zu, %zu in windows, %zu skipped, %zu pruned\n",
	        truth ? (double)r.candidates / (double)truth : 0, r.largest_block, r.windowed_blocks,
	        r.skipped_blocks, r.pruned);
	printf("c: candidates %zu links %zu precision %.4f recall %.4f F1 %.4f time %.3f s read %.3f s "
	       "per_true_pair %.2f\n", r.candidates, r.links, p, rc, p + rc > 0 ? 2 * p * rc / (p + rc) : 0,
	       t1 - tl, tl - t0, truth ? (double)r.candidates / (double)truth : 0);
	match_result_free(&r);
	match_list_free(&la);
	match_list_free(&lb);
	return 0;
}

/* The shipped name dictionary (uk,ru,count), as CSV. */
static pl_rc open_dictionary(FILE **f, csv_reader **r, pl_err *err)
{
	size_t len;
	const char *text = names_dict_text(&len);
	if(!(*f = fmemopen((void *)text, len, "r")))
		return pl_nomem(err);
	pl_rc rc = csv_reader_open(r, *f, "uk_ru_names.csv", err);
	if(rc)
		fclose(*f);
	return rc;
}

/* The skeleton's "variant" against the shipped dictionary, which it was
 * not made from: of the Ukrainian/Russian pairs whose keys differ, the
 * share with one skeleton (found), and of random pairs of different rows,
 * the share with one skeleton (chance). */
static int skeleton_accuracy(void)
{
	FILE *f;
	csv_reader *r;
	pl_err err = {0};
	if(open_dictionary(&f, &r, &err))
		return fail(&err);
	char (*sk)[2][64] = calloc(200000, sizeof(*sk));
	size_t rows = 0, differ = 0, same = 0;
	csv_record rec;
	bool eof;
	buf k;
	buf_init(&k, 0);
	while(sk && rows < 200000 && !csv_read(r, &rec, &eof, &err) && !eof) {
		if(rec.line == 1 || rec.nfields < 2)
			continue;
		char key[2][64];
		for(int side = 0; side < 2; side++) {
			buf_reset(&k);
			if(names_word_key(rec.fields[side], &k))
				return 1;
			snprintf(key[side], sizeof(key[side]), "%s", buf_str(&k));
			match_skeleton(key[side], sk[rows][side], sizeof(sk[rows][side]));
		}
		if(strcmp(key[0], key[1])) {
			differ++;
			same += !strcmp(sk[rows][0], sk[rows][1]);
		}
		rows++;
	}
	rng g;
	rng_seed(&g, 1);
	size_t chance = 0, tries = 200000;
	for(size_t t = 0; t < tries && rows > 1; t++) {
		size_t i = rng_below(&g, (uint32_t)rows), j = rng_below(&g, (uint32_t)rows);
		chance += i != j && !strcmp(sk[i][0], sk[j][1]);
	}
	printf("skeleton on the name dictionary (%zu pairs, %zu whose keys differ):\n", rows, differ);
	printf("  same skeleton, Ukrainian and Russian forms whose keys differ  %6.2f%%\n",
	       differ ? 100.0 * (double)same / (double)differ : 0);
	printf("  same skeleton, random pairs of different names                %6.2f%%\n",
	       100.0 * (double)chance / (double)tries);
	buf_free(&k);
	free(sk);
	csv_reader_close(r);
	fclose(f);
	return 0;
}

/* Whether a rule would propose the pair, its caps aside. */
static bool some_rule_agrees(const match_side *a, size_t i, const match_side *b, size_t j)
{
	for(int k = 0; k < match_person_spec.nrules; k++) {
		const match_rule *ru = &match_person_spec.rules[k];
		bool all = true;
		for(int c = 0; c < ru->ncols && all; c++) {
			const char *x = match_value(a, i, ru->cols[c]), *y = match_value(b, j, ru->cols[c]);
			all = x && y && !strcmp(x, y);
		}
		if(all)
			return true;
	}
	return false;
}

/* Where the true pairs not linked were lost: no rule proposes them; a rule
 * does but its block was over the cap (they would have scored at review
 * or better); scored below the review threshold; sent to review; outranked
 * by another pair. show: print the first so many. */
static void misses(const match_list *la, const match_list *lb, const match_result *r, double review,
                   long show)
{
	enum { LINKED, REVIEW, OUTRANKED, NO_RULE, CAPPED, BELOW, NWHERE };
	static const char *const where_name[] = {"linked", "sent to review", "outranked by another pair",
	                                         "no rule proposes it", "over a rule's cap, not in its windows",
	                                         "scored below review"};
	size_t na = la->side.n, nb = lb->side.n;
	signed char *where = malloc(nb);
	size_t *mate = malloc(nb * sizeof(*mate));
	if(!where || !mate)
		abort();
	for(size_t j = 0; j < nb; j++) {
		long id = atol(lb->ids[j] + 1);
		where[j] = -1;
		mate[j] = id >= 0 && (size_t)id < na && !strcmp(la->ids[id], lb->ids[j]) ? (size_t)id : SIZE_MAX;
	}
	for(size_t k = 0; k < r->npairs; k++) {
		const match_pair *p = &r->pairs[k];
		if(mate[p->b] != p->a)
			continue;
		where[p->b] = p->status == MATCH_LINK ? LINKED : p->status == MATCH_REVIEW ? REVIEW : OUTRANKED;
	}
	size_t count[NWHERE] = {0}, shown = 0;
	for(size_t j = 0; j < nb; j++) {
		if(mate[j] == SIZE_MAX)
			continue;
		size_t i = mate[j];
		match_pair p = {.a = (uint32_t)i, .b = (uint32_t)j};
		match_compare(&match_person_spec, &la->side, i, &lb->side, j, p.level);
		double part[MATCH_CMPS_MAX];
		double prob = match_probability(match_explain(&match_person_spec, r, &la->side, &lb->side, &p, part));
		if(where[j] < 0)
			where[j] = !some_rule_agrees(&la->side, i, &lb->side, j) ? NO_RULE : prob >= review ? CAPPED : BELOW;
		count[where[j]]++;
		if(where[j] == LINKED || (long)shown >= show)
			continue;
		shown++;
		printf("    missed (%s, p %.3f):", where_name[where[j]], prob);
		static const int cols[] = {MP_SURNAME, MP_GIVEN, MP_PATR, MP_BIRTH, MP_SERVICE};
		for(size_t c = 0; c < sizeof(cols) / sizeof(cols[0]); c++) {
			const char *x = match_value(&la->side, i, cols[c]), *y = match_value(&lb->side, j, cols[c]);
			printf(" %s/%s", x ? x : "-", y ? y : "-");
		}
		const char *const *lvl;
		printf("  [");
		for(int c = 0; c < match_person_spec.ncmps; c++) {
			match_levels(match_person_spec.cmps[c].kind, &lvl);
			if(p.level[c] != MATCH_NULL)
				printf("%s%s %s", c ? ", " : "", match_person_spec.cmps[c].name, lvl[p.level[c]]);
		}
		printf("]\n");
	}
	size_t missed = 0;
	for(int w = REVIEW; w < NWHERE; w++)
		missed += count[w];
	printf("  missed true pairs %zu:", missed);
	for(int w = REVIEW; w < NWHERE; w++)
		printf("%s %s %zu", w == REVIEW ? "" : ";", where_name[w], count[w]);
	printf("\n");
	free(where);
	free(mate);
}

/* The learned comparator on the dictionary's held-out half (pairs whose
 * Ukrainian key match_name_held_out picks: tools/gen_name_costs.c never
 * read them): of the held-out pairs whose keys differ, the share at each
 * name level, and of random pairs of a held-out Ukrainian and a held-out
 * Russian word of different rows, the same (false agreement). The
 * comparison is the real one (match_compare on a name column with its
 * skeleton) without the dictionary's "equivalent", which knows the
 * held-out pairs. */
static bool jw88(const char *x, const char *y)
{
	return match_jaro_winkler(x, strlen(x), y, strlen(y)) >= 0.88;
}

static int comparator_accuracy(void)
{
	FILE *f;
	csv_reader *r;
	pl_err err = {0};
	if(open_dictionary(&f, &r, &err))
		return fail(&err);
	static const match_comparison cmp = {"name", MATCH_NAME, 0, -1, -1, false, -1, 1};
	static const match_spec spec = {&cmp, 1, NULL, 0};
	match_side uk, ru;
	match_side_init(&uk, 2);
	match_side_init(&ru, 2);
	size_t held = 0, train = 0;
	csv_record rec;
	bool eof;
	buf k;
	buf_init(&k, 0);
	while(!csv_read(r, &rec, &eof, &err) && !eof) {
		if(rec.line == 1 || rec.nfields < 2)
			continue;
		char key[2][64], sk[2][64];
		for(int side = 0; side < 2; side++) {
			buf_reset(&k);
			if(names_word_key(rec.fields[side], &k))
				return 1;
			snprintf(key[side], sizeof(key[side]), "%s", k.len < 64 ? buf_str(&k) : "");
			match_skeleton(key[side], sk[side], sizeof(sk[side]));
		}
		if(!*key[0] || !*key[1])
			continue;
		if(!match_name_held_out(key[0], strlen(key[0]))) {
			train++;
			continue;
		}
		held++;
		if(!strcmp(key[0], key[1]))
			continue;
		const char *vu[2] = {key[0], sk[0]}, *vr[2] = {key[1], sk[1]};
		if(match_side_add(&uk, vu) || match_side_add(&ru, vr))
			return 1;
	}
	const char *const *lvl;
	int nl = match_levels(MATCH_NAME, &lvl);
	size_t found[MATCH_LEVELS_MAX] = {0}, chance[MATCH_LEVELS_MAX] = {0}, tries = 0, jw_found = 0,
	       jw_chance = 0;
	uint8_t level;
	for(size_t i = 0; i < uk.n; i++) {
		match_compare(&spec, &uk, i, &ru, i, &level);
		found[level]++;
		jw_found += jw88(match_value(&uk, i, 0), match_value(&ru, i, 0));
	}
	rng g;
	rng_seed(&g, 1);
	for(size_t t = 0; t < 200000 && uk.n > 1; t++) {
		size_t i = rng_below(&g, (uint32_t)uk.n), j = rng_below(&g, (uint32_t)uk.n);
		if(i == j || !strcmp(match_value(&uk, i, 0), match_value(&ru, j, 0)))
			continue;
		match_compare(&spec, &uk, i, &ru, j, &level);
		chance[level]++;
		jw_chance += jw88(match_value(&uk, i, 0), match_value(&ru, j, 0));
		tries++;
	}
	printf("name comparator on the dictionary's held-out half (%zu pairs; %zu trained on, never these):\n"
	       "%zu held-out Ukrainian/Russian pairs whose keys differ, %zu random pairs of different names\n\n",
	       held, train, uk.n, tries);
	printf("| level | held-out pairs at it | at it or better | random pairs at it | at it or better |\n");
	printf("|---|---|---|---|---|\n");
	size_t cf = 0, cc = 0;
	for(int l = 0; l < nl; l++) {
		if(!match_level_possible(&cmp, l) || (l == 0))
			continue;
		cf += found[l];
		cc += chance[l];
		printf("| %s | %.2f%% | %.2f%% | %.3f%% | %.3f%% |\n", lvl[l], 100.0 * (double)found[l] / (double)uk.n,
		       100.0 * (double)cf / (double)uk.n, 100.0 * (double)chance[l] / (double)tries,
		       100.0 * (double)cc / (double)tries);
	}
	printf("| (before: Jaro-Winkler >= 0.88) | | %.2f%% | | %.3f%% |\n\n", 100.0 * (double)jw_found / (double)uk.n,
	       100.0 * (double)jw_chance / (double)tries);
	buf_free(&k);
	match_side_free(&uk);
	match_side_free(&ru);
	csv_reader_close(r);
	fclose(f);
	return 0;
}

int main(int argc, char **argv)
{
	long n = 10000;
	uint64_t seed = 1;
	int threads = 2;
	const char *dir = NULL, *columns_in = NULL;
	static const struct option opts[] = {{"persons", required_argument, NULL, 'n'},
	                                     {"columns-in", required_argument, NULL, 'c'},
	                                     {"seed", required_argument, NULL, 's'},
	                                     {"threads", required_argument, NULL, 't'},
	                                     {"window", required_argument, NULL, 'w'},
	                                     {"ties", required_argument, NULL, 'e'},
	                                     {"prune", required_argument, NULL, 'p'},
	                                     {"dir", required_argument, NULL, 'd'},
	                                     {"unknown-surnames", no_argument, NULL, 'u'},
	                                     {"skeleton-accuracy", no_argument, NULL, 'k'},
	                                     {"misses", required_argument, NULL, 'm'},
	                                     {"comparator-accuracy", no_argument, NULL, 'C'},
	                                     {0}};
	bool unknown = false;
	long show = getenv("BENCH_MISSES") ? atol(getenv("BENCH_MISSES")) : 0;
	int c;
	while((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		if(c == 'n')
			n = atol(optarg);
		else if(c == 's')
			seed = strtoull(optarg, NULL, 10);
		else if(c == 't')
			threads = atoi(optarg);
		else if(c == 'w')
			opt_window = atol(optarg);
		else if(c == 'e')
			opt_ties = atol(optarg);
		else if(c == 'p')
			opt_prune = atol(optarg);
		else if(c == 'd')
			dir = optarg;
		else if(c == 'c')
			columns_in = optarg;
		else if(c == 'u')
			unknown = true;
		else if(c == 'm')
			show = atol(optarg);
		else if(c == 'C')
			return comparator_accuracy() || skeleton_accuracy();
		else if(c == 'k')
			return skeleton_accuracy();
		else
			return 2;
	}
	pl_err err = {0};
	if(columns_in)
		return link_columns(columns_in, threads);
	char *abuf = NULL, *bbuf = NULL;
	size_t alen = 0, blen = 0;
	FILE *fa = open_memstream(&abuf, &alen), *fb = open_memstream(&bbuf, &blen);
	double t0 = now();
	if(!fa || !fb || registry_demo_linkage_with(fa, fb, n, seed, unknown, &err))
		return fail(&err);
	fclose(fa);
	fclose(fb);
	if(dir) {
		char path[4096];
		snprintf(path, sizeof(path), "%s/a.csv", dir);
		FILE *f = fopen(path, "w");
		if(f) {
			fwrite(abuf, 1, alen, f);
			fclose(f);
		}
		snprintf(path, sizeof(path), "%s/b.csv", dir);
		if((f = fopen(path, "w"))) {
			fwrite(bbuf, 1, blen, f);
			fclose(f);
		}
	}
	double t1 = now();
	names *nm;
	if(names_open(&nm, &err))
		return fail(&err);
	match_list la, lb;
	fa = fmemopen(abuf, alen, "r");
	fb = fmemopen(bbuf, blen, "r");
	if(match_list_read(nm, fa, "a.csv", "ext.bench", &la, &err) ||
	   match_list_read(nm, fb, "b.csv", "ext.bench", &lb, &err))
		return fail(&err);
	fclose(fa);
	fclose(fb);
	if(dir) {
		char path[4096];
		snprintf(path, sizeof(path), "%s/a_cols.csv", dir);
		dump_columns(&la, path);
		snprintf(path, sizeof(path), "%s/b_cols.csv", dir);
		dump_columns(&lb, path);
		/* the learned costs, for the peer's weighted edit distance */
		snprintf(path, sizeof(path), "%s/name_costs.json", dir);
		FILE *fc = fopen(path, "w");
		if(fc) {
			match_name_costs_write(fc, &match_name_costs, true);
			fclose(fc);
		}
		/* the given names' groups, for the peer's "diminutive" */
		snprintf(path, sizeof(path), "%s/diminutives.csv", dir);
		FILE *f = fopen(path, "w");
		if(f) {
			fprintf(f, "key,grp\n");
			for(size_t k = 0; k < match_ndiminutives; k++)
				fprintf(f, "%s,%d\n", match_diminutives[k].key, match_diminutives[k].group);
			fclose(f);
		}
	}
	double t2 = now();
	match_opts o = MATCH_OPTS_DEFAULT;
	o.threads = threads;
	set_windows(&o);
	match_result r;
	if(match_link(&match_person_spec, &la.side, &lb.side, &o, &r, &err))
		return fail(&err);
	double t3 = now();

	/* The truth: the same ext.bench on both sides. */
	size_t tp = 0, fp = 0, truth = 0;
	for(size_t k = 0; k < r.npairs; k++) {
		const match_pair *p = &r.pairs[k];
		if(p->status == MATCH_LINK)
			strcmp(la.ids[p->a], lb.ids[p->b]) ? fp++ : tp++;
	}
	/* Side a's ids are L0000000..L(n-1); side b's below n are shared. */
	for(size_t j = 0; j < lb.side.n; j++)
		truth += atol(lb.ids[j] + 1) < n;
	double precision = tp + fp ? (double)tp / (double)(tp + fp) : 0;
	double recall = truth ? (double)tp / (double)truth : 0;
	double f1 = precision + recall > 0 ? 2 * precision * recall / (precision + recall) : 0;

	if(getenv("BENCH_MODEL"))
		match_model_print(stdout, &match_person_spec, &r);
	printf("cross-script linkage%s: %zu x %zu records, %zu of them the same people (seed %llu)\n",
	       unknown ? ", surnames no dictionary knows" : "", la.side.n, lb.side.n, truth,
	       (unsigned long long)seed);
	for(int k = 0; k < match_person_spec.nrules; k++)
		printf("  rule %-40s %10zu pairs\n", match_person_spec.rules[k].name, r.rule_pairs[k]);
	printf("  candidate pairs (union) %27zu  (%.2f per true pair; largest block %zu, %zu in windows, %zu skipped, %zu pruned)\n",
	       r.candidates, truth ? (double)r.candidates / (double)truth : 0, r.largest_block,
	       r.windowed_blocks, r.skipped_blocks, r.pruned);
	printf("  EM: %d iterations%s, lambda %.5f, %zu patterns\n", r.model.iterations,
	       r.model.converged ? "" : " (not converged)", r.model.lambda, r.patterns);
	printf("  links %zu, review %zu; true %zu, false %zu, missed %zu\n", r.links, r.reviews, tp, fp,
	       truth - tp);
	misses(&la, &lb, &r, o.review, show);
	printf("  generate %.2f s, read and key %.2f s, link %.2f s (%.0f pairs/s), peak RSS %ld MiB\n",
	       t1 - t0, t2 - t1, t3 - t2, (double)r.candidates / (t3 - t2), peak_rss_mib());
	printf("precision %.4f recall %.4f F1 %.4f  time %.3f s\n", precision, recall, f1, t3 - t2);
	match_result_free(&r);
	match_list_free(&la);
	match_list_free(&lb);
	names_close(nm);
	free(abuf);
	free(bbuf);
	return 0;
}
