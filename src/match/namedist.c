/* The Ukrainian-Russian name comparator: a weighted edit distance whose
 * costs were learned from the name dictionary's pairs (name_costs.c,
 * written by tools/gen_name_costs.c; nothing is learned at run time), and
 * the given names' everyday forms (Сашко, Саша, Олександр).
 *
 * It works on name keys (names_word_key: a-z and spaces), the strings the
 * comparison sees: every script and transliteration scheme lands on them,
 * and the other side's lists are often in Latin alone, so there is no
 * Cyrillic to compare. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/hmap.h"
#include "match/match.h"

enum { DIST_MAX = 64 }; /* longer keys are compared on their first 64 bytes */

static int sym(char c)
{
	return c >= 'a' && c <= 'z' ? c - 'a' + 1 : 0;
}

int match_name_sub_cost(char x, char y)
{
	return x == y ? 0 : match_name_costs.sub[sym(x)][sym(y)];
}

int match_name_indel_cost(char x)
{
	return match_name_costs.indel[sym(x)];
}

/* Optimal string alignment with the learned costs: substitution and
 * insertion or deletion of each letter, two neighbouring letters
 * exchanged at a whole edit. Three rows of the table, and of each row only
 * the band that can stay within max: a cell k off the diagonal has cost
 * at least k cheapest insertions or deletions. */
int match_name_distance(const char *a, size_t alen, const char *b, size_t blen, int max)
{
	enum { INF = 1 << 20 };
	if(alen > DIST_MAX)
		alen = DIST_MAX;
	if(blen > DIST_MAX)
		blen = DIST_MAX;
	int cheapest = MATCH_EDIT;
	for(int s = 0; s < MATCH_SYMS; s++)
		if(match_name_costs.indel[s] < cheapest)
			cheapest = match_name_costs.indel[s];
	size_t band = (size_t)(max / (cheapest ? cheapest : 1));
	if((alen > blen ? alen - blen : blen - alen) > band)
		return max + 1;
	unsigned char sa[DIST_MAX], sb[DIST_MAX];
	for(size_t i = 0; i < alen; i++)
		sa[i] = (unsigned char)sym(a[i]);
	for(size_t j = 0; j < blen; j++)
		sb[j] = (unsigned char)sym(b[j]);
	const unsigned char *indel = match_name_costs.indel;
	int rows[3][DIST_MAX + 1];
	int *prev2 = rows[0], *prev = rows[1], *cur = rows[2];
	prev[0] = 0;
	for(size_t j = 1; j <= blen; j++)
		prev[j] = j <= band ? prev[j - 1] + indel[sb[j - 1]] : INF;
	for(size_t i = 1; i <= alen; i++) {
		size_t lo = i > band ? i - band : 1, hi = i + band < blen ? i + band : blen;
		const unsigned char *sub = match_name_costs.sub[sa[i - 1]];
		int del = indel[sa[i - 1]];
		cur[0] = i <= band ? prev[0] + del : INF;
		if(lo > 1)
			cur[lo - 1] = INF;
		int best = cur[0];
		for(size_t j = lo; j <= hi; j++) {
			int d = prev[j] + del;
			int ins = cur[j - 1] + indel[sb[j - 1]];
			if(ins < d)
				d = ins;
			int change = prev[j - 1] + sub[sb[j - 1]];
			if(change < d)
				d = change;
			if(i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] && a[i - 1] != a[i - 2] &&
			   prev2[j - 2] + MATCH_EDIT < d)
				d = prev2[j - 2] + MATCH_EDIT;
			cur[j] = d;
			if(d < best)
				best = d;
		}
		if(hi < blen)
			cur[hi + 1] = INF;
		if(best > max)
			return max + 1;
		int *t = prev2;
		prev2 = prev;
		prev = cur;
		cur = t;
	}
	return prev[blen] > max ? max + 1 : prev[blen];
}

/* The first of key's entries in the sorted table, or NULL. */
static const match_diminutive *first_entry(const char *key)
{
	size_t h = hmap_hash(key, strlen(key)) & (MATCH_DIMINUTIVE_SLOTS - 1);
	for(; match_diminutive_slot[h] >= 0; h = (h + 1) & (MATCH_DIMINUTIVE_SLOTS - 1))
		if(!strcmp(match_diminutives[match_diminutive_slot[h]].key, key))
			return &match_diminutives[match_diminutive_slot[h]];
	return NULL;
}

bool match_diminutive_of(const char *x, const char *y)
{
	if(!x || !y || !strcmp(x, y))
		return false;
	const match_diminutive *ex = first_entry(x), *ey = ex ? first_entry(y) : NULL;
	const match_diminutive *end = match_diminutives + match_ndiminutives;
	for(; ex && ex < end && !strcmp(ex->key, x); ex++)
		for(const match_diminutive *e = ey; e && e < end && !strcmp(e->key, y); e++)
			if(e->group == ex->group)
				return true;
	return false;
}

bool match_name_held_out(const char *uk_key, size_t len)
{
	/* bench_names splits the dictionary the same way */
	return hmap_hash(uk_key, len) & 1;
}

void match_name_costs_write(FILE *f, const match_name_cost_table *t, bool json)
{
	if(json)
		fprintf(f, "{\"edit\": %d, \"sub\": [", MATCH_EDIT);
	else
		fprintf(f, "\t.sub = {\n");
	for(int x = 0; x < MATCH_SYMS; x++) {
		if(json)
			fprintf(f, "%s[", x ? ", " : "");
		else
			fprintf(f, "\t\t/* %c */ {", x ? 'a' + x - 1 : '_');
		for(int y = 0; y < MATCH_SYMS; y++)
			fprintf(f, "%s%d", y ? ", " : "", t->sub[x][y]);
		fprintf(f, json ? "]" : "},\n");
	}
	fprintf(f, json ? "], \"indel\": [" : "\t},\n\t.indel = {");
	for(int x = 0; x < MATCH_SYMS; x++)
		fprintf(f, "%s%d", x ? ", " : "", t->indel[x]);
	fprintf(f, json ? "]}\n" : "},\n");
}
