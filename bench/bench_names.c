/* Name search across Ukrainian and Russian forms, on pairs held out of
 * the dictionary. Prints a table.
 *
 *   bench_names [--misses dev|held] [--show N]
 *
 * The rows of the shipped dictionary (data/names/uk_ru_names.csv: a
 * Ukrainian form, its Russian form) are split in two by the key of the
 * Ukrainian word: the development half, whose misses the key rules may be
 * written from (--misses dev lists them), and the held-out half, which
 * they must not see. The names module is opened on the development half
 * only (and for the development pairs, on the held-out half), so a held-out pair is found by the key's rules, the dictionary's
 * other words (Дьомін/Демин for Дьоміна/Демина) and nothing it was told
 * about that pair.
 *
 * A pair is found when searching one form finds a person stored under the
 * other: every term of the query (names_query) has a key among the
 * stored name's keys (names_keys). That is the exact match the search
 * makes of a word the index holds; a query word the index lacks is also
 * matched as a prefix there, which this does not count. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unicode/uclean.h>

#include "core/buf.h"
#include "core/csv.h"
#include "core/hmap.h"
#include "names/names.h"

typedef struct pair {
	char *uk, *ru;
	bool held;      /* in the held-out half */
	bool same_key;  /* the two forms' own readings already agree */
} pair;

static void die(const char *what, const pl_err *err)
{
	fprintf(stderr, "bench_names: %s%s%s\n", what, err ? ": " : "", err ? err->msg : "");
	exit(1);
}

/* The reading of a single word, or "" when it is not one word. */
static void word_key(const char *w, buf *out)
{
	buf_reset(out);
	if(names_word_key(w, out) || strchr(buf_str(out), ' '))
		buf_reset(out);
}

/* Is the space-separated word w[0..n) one of list's? */
static bool has_key(const char *list, const char *w, size_t n)
{
	for(const char *s = list; *s;) {
		size_t l = strcspn(s, " ");
		if(l == n && !memcmp(s, w, n))
			return true;
		s += l;
		s += *s == ' ';
	}
	return false;
}

/* Does searching `query` find a person whose name is `stored`? */
static bool finds(names *nm, const char *query, const char *stored)
{
	buf keys;
	buf_init(&keys, 0);
	arena a;
	arena_init(&a, 0);
	names_term *terms;
	size_t n = 0;
	pl_err err = {0};
	bool ok = !names_keys(nm, stored, &keys) && !names_query(nm, query, &a, &terms, &n, &err) && n;
	for(size_t i = 0; ok && i < n; i++) {
		bool any = false;
		for(int k = 0; k < terms[i].nkeys && !any; k++)
			any = has_key(buf_str(&keys), terms[i].keys[k], strlen(terms[i].keys[k]));
		ok = any;
	}
	arena_free(&a);
	buf_free(&keys);
	return ok;
}

/* ---- what else a search finds ------------------------------------------ */

/* The distinct readings of the dictionary's words, and which of them each
 * key leads to: a search for one word finds every word sharing a key. */
typedef struct spread {
	hmap reading;        /* reading -> id + 1 */
	hmap posting;        /* key -> index into lists + 1 */
	long **lists;        /* per key: the ids of the readings it leads to */
	size_t *nlist, *caplist, nkeys, capkeys;
	size_t nreadings;
} spread;

static long reading_id(spread *sp, const char *r, size_t n)
{
	intptr_t id = (intptr_t)hmap_get(&sp->reading, r, n);
	if(!id) {
		id = (intptr_t)++sp->nreadings;
		if(hmap_put(&sp->reading, r, n, (void *)id))
			die("out of memory", NULL);
	}
	return (long)id - 1;
}

static void post(spread *sp, const char *key, size_t n, long id)
{
	intptr_t at = (intptr_t)hmap_get(&sp->posting, key, n);
	if(!at) {
		if(sp->nkeys == sp->capkeys) {
			sp->capkeys = sp->capkeys ? 2 * sp->capkeys : 4096;
			sp->lists = realloc(sp->lists, sp->capkeys * sizeof(*sp->lists));
			sp->nlist = realloc(sp->nlist, sp->capkeys * sizeof(*sp->nlist));
			sp->caplist = realloc(sp->caplist, sp->capkeys * sizeof(*sp->caplist));
			if(!sp->lists || !sp->nlist || !sp->caplist)
				die("out of memory", NULL);
		}
		sp->lists[sp->nkeys] = NULL;
		sp->nlist[sp->nkeys] = sp->caplist[sp->nkeys] = 0;
		at = (intptr_t)++sp->nkeys;
		if(hmap_put(&sp->posting, key, n, (void *)at))
			die("out of memory", NULL);
	}
	size_t k = (size_t)at - 1;
	for(size_t i = 0; i < sp->nlist[k]; i++)
		if(sp->lists[k][i] == id)
			return;
	if(sp->nlist[k] == sp->caplist[k]) {
		sp->caplist[k] = sp->caplist[k] ? 2 * sp->caplist[k] : 4;
		if(!(sp->lists[k] = realloc(sp->lists[k], sp->caplist[k] * sizeof(long))))
			die("out of memory", NULL);
	}
	sp->lists[k][sp->nlist[k]++] = id;
}

/* Each key of each word, as words; calls fn(key, len) for each. */
static void each_key(const char *keys, void (*fn)(void *, const char *, size_t), void *ctx)
{
	for(const char *s = keys; *s;) {
		size_t l = strcspn(s, " ");
		if(l)
			fn(ctx, s, l);
		s += l;
		s += *s == ' ';
	}
}

struct post_ctx {
	spread *sp;
	long id, stamp;      /* the word's reading; the word's number */
	long *seen, *found;  /* per reading: the last word that counted it */
};

static void post_key(void *vctx, const char *k, size_t n)
{
	struct post_ctx *c = vctx;
	post(c->sp, k, n, c->id);
}

static void find_key(void *vctx, const char *k, size_t n)
{
	struct post_ctx *c = vctx;
	intptr_t at = (intptr_t)hmap_get(&c->sp->posting, k, n);
	if(!at)
		return;
	for(size_t i = 0; i < c->sp->nlist[at - 1]; i++) {
		long r = c->sp->lists[at - 1][i];
		if(r != c->id && c->seen[r] != c->stamp) {
			c->seen[r] = c->stamp;
			(*c->found)++;
		}
	}
}

/* The mean number of other readings a one-word search for a dictionary
 * word finds among the dictionary's words (its other-language form
 * among them). */
static double mean_spread(names *nm, char **words, size_t nwords)
{
	spread sp = {0};
	hmap_init(&sp.reading);
	hmap_init(&sp.posting);
	buf r, k;
	buf_init(&r, 0);
	buf_init(&k, 0);
	long *ids = malloc(nwords * sizeof(long));
	char **keys = calloc(nwords, sizeof(char *));
	if(!ids || !keys)
		die("out of memory", NULL);
	for(size_t i = 0; i < nwords; i++) {
		word_key(words[i], &r);
		buf_reset(&k);
		if(names_keys(nm, words[i], &k))
			die("keying", NULL);
		ids[i] = reading_id(&sp, buf_str(&r), r.len);
		keys[i] = strdup(buf_str(&k));
		struct post_ctx c = {&sp, ids[i], 0, NULL, NULL};
		each_key(keys[i], post_key, &c);
	}
	long *seen = malloc(sp.nreadings * sizeof(long)), found = 0;
	if(!seen)
		die("out of memory", NULL);
	for(size_t i = 0; i < sp.nreadings; i++)
		seen[i] = -1;
	for(size_t i = 0; i < nwords; i++) {
		struct post_ctx c = {&sp, ids[i], (long)i, seen, &found};
		each_key(keys[i], find_key, &c);
		free(keys[i]);
	}
	for(size_t i = 0; i < sp.nkeys; i++)
		free(sp.lists[i]);
	free(sp.lists);
	free(sp.nlist);
	free(sp.caplist);
	free(seen);
	free(ids);
	free(keys);
	hmap_free(&sp.reading);
	hmap_free(&sp.posting);
	buf_free(&r);
	buf_free(&k);
	return nwords ? (double)found / (double)nwords : 0;
}

typedef struct tally {
	long n, found;
} tally;

static void count(names *nm, const pair *p, tally *t)
{
	t->n++;
	t->found += finds(nm, p->ru, p->uk);
}

static void row(const char *what, const tally *t)
{
	printf("| %s | %ld | %.2f%% |\n", what, t->n,
	       t->n ? 100.0 * (double)t->found / (double)t->n : 0.0);
}

int main(int argc, char **argv)
{
	const char *misses = NULL;
	long show = 40;
	static const struct option opts[] = {
		{"misses", required_argument, NULL, 'm'}, {"show", required_argument, NULL, 's'}, {0}};
	int opt;
	while((opt = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		if(opt == 'm')
			misses = optarg;
		else if(opt == 's')
			show = atol(optarg);
		else
			return 2;
	}
	if(misses && strcmp(misses, "dev") && strcmp(misses, "held"))
		return 2;

	/* Read the dictionary's pairs and write the development half as a
	 * dictionary of its own. */
	size_t len;
	const char *text = names_dict_text(&len);
	FILE *f = fmemopen((void *)text, len, "r");
	csv_reader *cr = NULL;
	pl_err err = {0};
	if(!f || csv_reader_open(&cr, f, "uk_ru_names.csv", &err))
		die("reading the dictionary", &err);
	buf dev, other, ku, kr;
	buf_init(&dev, 0);
	buf_init(&other, 0);
	buf_init(&ku, 0);
	buf_init(&kr, 0);
	pair *pairs = NULL;
	size_t npairs = 0, cap = 0;
	hmap seen_word;  /* the distinct words of both columns */
	hmap_init(&seen_word);
	char **words = NULL;
	size_t nwords = 0, capwords = 0;
	long rows = 0, held_rows = 0;
	for(;;) {
		csv_record rec;
		bool eof;
		if(csv_read(cr, &rec, &eof, &err))
			die("reading the dictionary", &err);
		if(eof)
			break;
		if(rec.number == 1 || rec.nfields != 3) {
			if(rec.number == 1 && (csv_format_record(&dev, rec.fields, rec.nfields) ||
			                       csv_format_record(&other, rec.fields, rec.nfields)))
				die("out of memory", NULL);
			continue;
		}
		word_key(rec.fields[0], &ku);
		word_key(rec.fields[1], &kr);
		if(!ku.len || !kr.len)
			continue; /* not a word on each side: the names module skips it too */
		rows++;
		for(int c = 0; c < 2; c++) {
			const char *w = rec.fields[c];
			if(hmap_get(&seen_word, w, strlen(w)))
				continue;
			if(nwords == capwords) {
				capwords = capwords ? 2 * capwords : 8192;
				if(!(words = realloc(words, capwords * sizeof(*words))))
					die("out of memory", NULL);
			}
			if(!(words[nwords] = strdup(w)) || hmap_put(&seen_word, w, strlen(w), (void *)1))
				die("out of memory", NULL);
			nwords++;
		}
		bool out = hmap_hash(buf_str(&ku), ku.len) & 1;
		held_rows += out;
		if(csv_format_record(out ? &other : &dev, rec.fields, rec.nfields))
			die("out of memory", NULL);
		if(!strcmp(rec.fields[0], rec.fields[1]))
			continue; /* the same spelling: nothing to find */
		if(npairs == cap) {
			cap = cap ? 2 * cap : 4096;
			if(!(pairs = realloc(pairs, cap * sizeof(*pairs))))
				die("out of memory", NULL);
		}
		pairs[npairs++] = (pair){strdup(rec.fields[0]), strdup(rec.fields[1]), out,
		                         !strcmp(buf_str(&ku), buf_str(&kr))};
	}
	csv_reader_close(cr);
	fclose(f);

	/* part: the development half, for the held-out pairs; rest: the
	 * held-out half, for the development pairs (a rule written from those
	 * is then seen working without the dictionary's help). */
	names *whole, *part, *rest;
	if(names_open(&whole, &err) || names_open_text(&part, buf_str(&dev), dev.len, &err) ||
	   names_open_text(&rest, buf_str(&other), other.len, &err))
		die("opening the names", &err);
	tally held = {0}, held_differ = {0}, dev_differ = {0}, whole_held = {0};
	long shown = 0;
	for(size_t i = 0; i < npairs; i++) {
		const pair *p = &pairs[i];
		if(p->held) {
			count(part, p, &held);
			count(whole, p, &whole_held);
			if(!p->same_key)
				count(part, p, &held_differ);
		} else if(!p->same_key) {
			count(rest, p, &dev_differ);
		}
		bool wanted = misses && (!strcmp(misses, "held") ? p->held : !p->held);
		names *nm = p->held ? part : rest;
		if(wanted && shown < show && !finds(nm, p->ru, p->uk)) {
			if(!shown++)
				printf("pairs where searching the Russian form misses the Ukrainian person:\n");
			buf_reset(&ku);
			buf_reset(&kr);
			if(names_keys(nm, p->uk, &ku) || names_keys(nm, p->ru, &kr))
				die("keying", NULL);
			printf("  %s [%s]  %s [%s]\n", p->uk, buf_str(&ku), p->ru, buf_str(&kr));
		}
	}

	printf("\nname search across Ukrainian and Russian forms: the dictionary's %ld one-word rows,\n"
	       "%ld held out by the key of the Ukrainian word; the names module opened without them\n\n",
	       rows, held_rows);
	printf("| pairs (Ukrainian form, Russian form) | n | the Russian form finds the Ukrainian person "
	       "|\n|---|---|---|\n");
	row("held out", &held);
	row("held out, readings differ (a rule or another word must bridge them)", &held_differ);
	row("development half, readings differ (the held-out half as the dictionary)", &dev_differ);
	row("held out, whole dictionary (the pair itself known)", &whole_held);
	printf("\n| what else a search finds | words | other readings found, mean |\n|---|---|---|\n");
	printf("| a one-word search for each of the dictionary's words, among them (whole dictionary) "
	       "| %zu | %.2f |\n", nwords, mean_spread(whole, words, nwords));
	printf("\n(\"finds\": every word of the query has a key among the stored name's keys, the\n"
	       "exact match the search makes; for one word either way round, as the keys are the\n"
	       "same sets. \"readings differ\": the two forms' own keys are not the same, so the\n"
	       "plain reading alone cannot find one from the other. \"other readings found\": the\n"
	       "distinct readings of the dictionary's other words that share a key with it, its\n"
	       "other-language form among them: what the folds add to a search's answers.)\n");
	for(size_t i = 0; i < npairs; i++) {
		free(pairs[i].uk);
		free(pairs[i].ru);
	}
	free(pairs);
	for(size_t i = 0; i < nwords; i++)
		free(words[i]);
	free(words);
	hmap_free(&seen_word);
	names_close(whole);
	names_close(part);
	names_close(rest);
	buf_free(&dev);
	buf_free(&other);
	buf_free(&ku);
	buf_free(&kr);
	u_cleanup();
	return 0;
}
