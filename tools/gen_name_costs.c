/* Writes src/match/name_costs.c: the Ukrainian-Russian name comparator's
 * edit costs, learned from the name dictionary, and its groups of given
 * names' everyday forms.
 *   gen_name_costs DIMINUTIVES.csv OUT.c
 * Run by hand when the dictionary, the list or the method changes; the
 * unit test match/name_costs_current says when the checked-in file is
 * stale. Deterministic: the same inputs give the same bytes.
 *
 * How the costs are learned. The strings are name keys (names_word_key),
 * which the comparison sees. The dictionary's pairs are split by a hash of
 * the Ukrainian word's key (match_name_held_out): the held-out half is
 * never read here. Of the training half, the pairs whose keys differ are
 * aligned (edit distance, the path of least cost), and so are random
 * pairs of a Ukrainian and a Russian word of different rows. Each edit
 * operation (a letter for another, either way; a letter inserted or
 * deleted) has its share of all operations among the dictionary's pairs,
 * f_m, and among the random ones, f_r; its cost is
 *     1 - log2(f_m / f_r) / SCALE   edits, within [FLOOR, 1],
 * so an operation the two languages make all the time (и for і: i/e in
 * the keys) costs a fraction of an edit and a typo's one edit. An
 * operation seen fewer than MIN_SEEN times keeps a whole edit. The pairs
 * are aligned again with the learned costs, and the costs learned again,
 * ROUNDS times. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "core/csv.h"
#include "core/hmap.h"
#include "core/rng.h"
#include "match/match.h"
#include "names/names.h"

enum { ROUNDS = 3, RANDOM_PAIRS = 40000, MIN_SEEN = 3, FLOOR = 20, KEY = 64 };
static const double SCALE = 4.0;

typedef struct pair {
	char uk[KEY], ru[KEY];
} pair;

typedef struct counts {
	double sub[MATCH_SYMS][MATCH_SYMS], indel[MATCH_SYMS], total;
} counts;

static match_name_cost_table cost;

static int sym(char c)
{
	return c >= 'a' && c <= 'z' ? c - 'a' + 1 : 0;
}

static int sub_cost(char x, char y)
{
	return x == y ? 0 : cost.sub[sym(x)][sym(y)];
}

/* Align x with y at least cost and count the operations of the path. */
static void align(const char *x, const char *y, counts *c)
{
	size_t lx = strlen(x), ly = strlen(y);
	static int d[KEY + 1][KEY + 1];
	for(size_t i = 0; i <= lx; i++)
		for(size_t j = 0; j <= ly; j++) {
			if(!i && !j)
				d[i][j] = 0;
			else if(!i)
				d[i][j] = d[i][j - 1] + cost.indel[sym(y[j - 1])];
			else if(!j)
				d[i][j] = d[i - 1][j] + cost.indel[sym(x[i - 1])];
			else {
				int best = d[i - 1][j - 1] + sub_cost(x[i - 1], y[j - 1]);
				int del = d[i - 1][j] + cost.indel[sym(x[i - 1])];
				int ins = d[i][j - 1] + cost.indel[sym(y[j - 1])];
				best = del < best ? del : best;
				d[i][j] = ins < best ? ins : best;
			}
		}
	/* back from the end: a substitution first, then a deletion */
	for(size_t i = lx, j = ly; i || j;) {
		if(i && j && d[i][j] == d[i - 1][j - 1] + sub_cost(x[i - 1], y[j - 1])) {
			if(x[i - 1] != y[j - 1]) {
				int p = sym(x[i - 1]), q = sym(y[j - 1]);
				c->sub[p][q]++;
				c->sub[q][p]++;
				c->total++;
			}
			i--, j--;
		} else if(i && d[i][j] == d[i - 1][j] + cost.indel[sym(x[i - 1])]) {
			c->indel[sym(x[--i])]++;
			c->total++;
		} else {
			c->indel[sym(y[--j])]++;
			c->total++;
		}
	}
}

static unsigned char learned(double seen_m, double total_m, double seen_r, double total_r)
{
	if(seen_m < MIN_SEEN)
		return MATCH_EDIT;
	double ratio = ((seen_m + 0.5) / total_m) / ((seen_r + 0.5) / total_r);
	double c = MATCH_EDIT * (1.0 - log2(ratio) / SCALE);
	return (unsigned char)(c < FLOOR ? FLOOR : c > MATCH_EDIT ? MATCH_EDIT : lround(c));
}

static void die(const char *what)
{
	fprintf(stderr, "gen_name_costs: %s\n", what);
	exit(1);
}

static void key_of(const char *word, char *out)
{
	buf k;
	buf_init(&k, 0);
	if(names_word_key(word, &k))
		die("out of memory");
	snprintf(out, KEY, "%s", k.len < KEY ? buf_str(&k) : "");
	buf_free(&k);
}

/* The training half's pairs whose keys differ. */
static pair *training(size_t *n)
{
	size_t len;
	const char *text = names_dict_text(&len);
	FILE *f = fmemopen((void *)text, len, "r");
	csv_reader *r = NULL;
	pl_err err = {0};
	if(!f || csv_reader_open(&r, f, "uk_ru_names.csv", &err))
		die("cannot read the dictionary");
	pair *p = NULL;
	size_t cap = 0;
	*n = 0;
	csv_record rec;
	bool eof;
	while(!csv_read(r, &rec, &eof, &err) && !eof) {
		if(rec.line == 1 || rec.nfields < 2)
			continue;
		pair q;
		key_of(rec.fields[0], q.uk);
		key_of(rec.fields[1], q.ru);
		if(!*q.uk || !*q.ru || match_name_held_out(q.uk, strlen(q.uk)) || !strcmp(q.uk, q.ru))
			continue;
		if(*n == cap && !(p = realloc(p, (cap = cap ? 2 * cap : 1024) * sizeof(*p))))
			die("out of memory");
		p[(*n)++] = q;
	}
	csv_reader_close(r);
	fclose(f);
	return p;
}

static void learn(const pair *p, size_t n)
{
	counts *m = calloc(1, sizeof(*m)), *r = calloc(1, sizeof(*r));
	if(!m || !r)
		die("out of memory");
	for(size_t k = 0; k < n; k++)
		align(p[k].uk, p[k].ru, m);
	rng g;
	rng_seed(&g, 1);
	for(size_t t = 0; t < RANDOM_PAIRS; t++) {
		size_t i = rng_below(&g, (uint32_t)n), j = rng_below(&g, (uint32_t)n);
		if(i != j)
			align(p[i].uk, p[j].ru, r);
	}
	for(int a = 0; a < MATCH_SYMS; a++) {
		cost.indel[a] = learned(m->indel[a], m->total, r->indel[a], r->total);
		for(int b = 0; b < MATCH_SYMS; b++)
			cost.sub[a][b] = a == b ? 0 : learned(m->sub[a][b], m->total, r->sub[a][b], r->total);
	}
	free(m);
	free(r);
}

/* The given names' groups, keyed: (key, group) for each form's key and
 * its dictionary form's. */
typedef struct entry {
	char key[KEY];
	int group;
} entry;

static int entry_order(const void *x, const void *y)
{
	const entry *a = x, *b = y;
	int c = strcmp(a->key, b->key);
	return c ? c : a->group - b->group;
}

static entry *groups(const char *path, names *nm, size_t *n)
{
	FILE *f = fopen(path, "r");
	if(!f)
		die("cannot read the list of given names' forms");
	entry *e = NULL;
	size_t cap = 0;
	int group = 0;
	char line[4096];
	*n = 0;
	while(fgets(line, sizeof(line), f)) {
		line[strcspn(line, "\r\n")] = '\0';
		if(*line == '#' || !*line)
			continue;
		for(char *w = strtok(line, ","); w; w = strtok(NULL, ",")) {
			char k[KEY];
			key_of(w, k);
			if(!*k)
				continue;
			const char *eq = names_equivalent(nm, k, strlen(k));
			for(int v = 0; v < (eq && strcmp(eq, k) ? 2 : 1); v++) {
				if(*n == cap && !(e = realloc(e, (cap = cap ? 2 * cap : 256) * sizeof(*e))))
					die("out of memory");
				snprintf(e[*n].key, KEY, "%s", v ? eq : k);
				e[(*n)++].group = group;
			}
		}
		group++;
	}
	fclose(f);
	qsort(e, *n, sizeof(*e), entry_order);
	size_t w = 0;
	for(size_t k = 0; k < *n; k++)
		if(!w || entry_order(&e[w - 1], &e[k]))
			e[w++] = e[k];
	*n = w;
	return e;
}

int main(int argc, char **argv)
{
	if(argc != 3)
		die("usage: gen_name_costs DIMINUTIVES.csv OUT.c");
	size_t n;
	pair *p = training(&n);
	for(int a = 0; a < MATCH_SYMS; a++) {
		cost.indel[a] = MATCH_EDIT;
		for(int b = 0; b < MATCH_SYMS; b++)
			cost.sub[a][b] = a == b ? 0 : MATCH_EDIT;
	}
	for(int round = 0; round < ROUNDS; round++)
		learn(p, n);
	names *nm;
	pl_err err = {0};
	if(names_open(&nm, &err))
		die(err.msg);
	size_t ne;
	entry *e = groups(argv[1], nm, &ne);
	FILE *out = fopen(argv[2], "w");
	if(!out)
		die("cannot write the output");
	fprintf(out, "/* Generated by tools/gen_name_costs.c from data/names/uk_ru_names.csv\n"
	             " * (%zu training pairs whose keys differ) and data/names/diminutives.csv.\n"
	             " * Do not edit: run gen_name_costs again. */\n"
	             "#include \"match/match.h\"\n\n"
	             "const match_name_cost_table match_name_costs = {\n",
	        n);
	match_name_costs_write(out, &cost, false);
	fprintf(out, "};\n\nconst match_diminutive match_diminutives[] = {\n");
	for(size_t k = 0; k < ne; k++)
		fprintf(out, "\t{\"%s\", %d},\n", e[k].key, e[k].group);
	fprintf(out, "};\n\nconst size_t match_ndiminutives = %zu;\n", ne);
	/* Each key's first entry by its hash (open addressing, the next slot
	 * on a collision), so that a name in no group is told at once. */
	static short slot[MATCH_DIMINUTIVE_SLOTS];
	memset(slot, 0xff, sizeof(slot));
	if(ne > MATCH_DIMINUTIVE_SLOTS / 2)
		die("too many given names' forms for MATCH_DIMINUTIVE_SLOTS");
	for(size_t k = 0; k < ne; k++) {
		if(k && !strcmp(e[k - 1].key, e[k].key))
			continue;
		size_t h = hmap_hash(e[k].key, strlen(e[k].key)) & (MATCH_DIMINUTIVE_SLOTS - 1);
		while(slot[h] >= 0)
			h = (h + 1) & (MATCH_DIMINUTIVE_SLOTS - 1);
		slot[h] = (short)k;
	}
	fprintf(out, "\nconst short match_diminutive_slot[MATCH_DIMINUTIVE_SLOTS] = {");
	for(size_t h = 0; h < MATCH_DIMINUTIVE_SLOTS; h++)
		fprintf(out, "%s%d", h % 16 ? ", " : h ? ",\n\t" : "\n\t", slot[h]);
	fprintf(out, "\n};\n");
	fclose(out);
	names_close(nm);
	free(e);
	free(p);
	return 0;
}
