/* String similarity for the comparisons: Jaro-Winkler, and whether two
 * strings are one edit apart (the optimal string alignment form of
 * Damerau-Levenshtein, within one). Both work on bytes: the
 * values compared are name keys (a-z), digits, or folded text, and a
 * multi-byte letter counted as two is a small price against the speed of
 * comparing millions of pairs. */
#include <stdbool.h>
#include <stdint.h>
#include <string.h>

#include "match/match.h"

enum { JW_MAX = 64 }; /* longer strings are compared on their first 64 bytes */

double match_jaro_winkler(const char *a, size_t alen, const char *b, size_t blen)
{
	if(alen > JW_MAX)
		alen = JW_MAX;
	if(blen > JW_MAX)
		blen = JW_MAX;
	if(alen == 0 || blen == 0)
		return alen == blen ? 1.0 : 0.0;
	size_t window = (alen > blen ? alen : blen) / 2;
	window = window ? window - 1 : 0;
	/* Which characters found a partner: bit i of amatch, bit j of bmatch. */
	uint64_t amatch = 0, bmatch = 0;
	size_t m = 0;
	for(size_t i = 0; i < alen; i++) {
		size_t lo = i > window ? i - window : 0;
		size_t hi = i + window + 1 < blen ? i + window + 1 : blen;
		for(size_t j = lo; j < hi; j++) {
			if(!(bmatch >> j & 1) && a[i] == b[j]) {
				amatch |= 1ull << i;
				bmatch |= 1ull << j;
				m++;
				break;
			}
		}
	}
	if(m == 0)
		return 0.0;
	/* Half the partners that come in a different order. */
	size_t t = 0;
	uint64_t bm = bmatch;
	for(uint64_t am = amatch; am; am &= am - 1) {
		int i = __builtin_ctzll(am), j = __builtin_ctzll(bm);
		bm &= bm - 1;
		t += a[i] != b[j];
	}
	double md = (double)m;
	double jaro = (md / (double)alen + md / (double)blen + (md - (double)t / 2.0) / md) / 3.0;
	size_t prefix = 0;
	while(prefix < 4 && prefix < alen && prefix < blen && a[prefix] == b[prefix])
		prefix++;
	return jaro + (double)prefix * 0.1 * (1.0 - jaro);
}

bool match_one_transposition(const char *a, size_t alen, const char *b, size_t blen)
{
	if(alen != blen || alen < 2)
		return false;
	size_t i = 0;
	while(i < alen && a[i] == b[i])
		i++;
	return i + 1 < alen && a[i] == b[i + 1] && a[i + 1] == b[i] &&
	       !memcmp(a + i + 2, b + i + 2, alen - i - 2);
}

bool match_one_edit(const char *a, size_t alen, const char *b, size_t blen)
{
	if(alen < blen) {
		const char *t = a;
		a = b;
		b = t;
		size_t n = alen;
		alen = blen;
		blen = n;
	}
	if(alen - blen > 1)
		return false;
	size_t i = 0;
	while(i < blen && a[i] == b[i])
		i++;
	if(alen != blen) /* one left out of b at i */
		return !memcmp(a + i + 1, b + i, blen - i);
	if(i == alen)
		return true;
	return !memcmp(a + i + 1, b + i + 1, alen - i - 1) || match_one_transposition(a, alen, b, blen);
}

/* Blocking asks this of every neighbour in a window and of the screen's
 * columns, so it is cheap: one pass for the edit, one for the prefix. */
bool match_near(const char *a, const char *b)
{
	if(!a || !b)
		return false;
	size_t alen = strlen(a), blen = strlen(b), k = 0;
	if(match_one_edit(a, alen, b, blen))
		return true;
	while(a[k] && a[k] == b[k])
		k++;
	size_t shorter = alen < blen ? alen : blen;
	if(shorter >= 4 && 4 * k >= 3 * shorter)
		return true;
	/* One known only to a prefix of the other: 1984 padded with zeros. */
	if(k >= 4 && (strspn(a + k, "0") == alen - k || strspn(b + k, "0") == blen - k))
		return true;
	return alen == 8 && blen == 8 && k >= 4 && !memcmp(a + 4, b + 6, 2) && !memcmp(a + 6, b + 4, 2);
}
