#include "core/text.h"

#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "core/utf8.h"

enum { DIST_MAX = 64 };

int text_distance(const char *a, const char *b)
{
	size_t n = strlen(a), m = strlen(b);
	if(n > DIST_MAX || m > DIST_MAX)
		return (int)(n > m ? n : m) + 1;
	int d[DIST_MAX + 1][DIST_MAX + 1];
	for(size_t i = 0; i <= n; i++)
		d[i][0] = (int)i;
	for(size_t j = 0; j <= m; j++)
		d[0][j] = (int)j;
	for(size_t i = 1; i <= n; i++) {
		for(size_t j = 1; j <= m; j++) {
			int cost = a[i - 1] != b[j - 1];
			int v = d[i - 1][j] + 1;
			if(d[i][j - 1] + 1 < v)
				v = d[i][j - 1] + 1;
			if(d[i - 1][j - 1] + cost < v)
				v = d[i - 1][j - 1] + cost;
			if(i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] &&
			   d[i - 2][j - 2] + 1 < v)
				v = d[i - 2][j - 2] + 1;
			d[i][j] = v;
		}
	}
	return d[n][m];
}

const char *text_closest(const char *word, const char *const *candidates)
{
	int max = ((int)strlen(word) + 2) / 3;
	const char *best = NULL;
	int best_d = max + 1;
	for(size_t i = 0; candidates[i]; i++) {
		int d = text_distance(word, candidates[i]);
		if(d < best_d) {
			best_d = d;
			best = candidates[i];
		}
	}
	return best;
}

void text_quote(const char *value, char *out, size_t size)
{
	if(size == 0)
		return;
	size_t o = 0, n = strlen(value), shown = 0;
	for(size_t i = 0; i < n;) {
		char piece[8];
		size_t plen, used;
		unsigned char c = (unsigned char)value[i];
		uint32_t cp;
		if(c < 0x20 || c == 0x7F) {
			plen = (size_t)snprintf(piece, sizeof(piece), "%s", c == '\n' ? "\\n" : c == '\t' ? "\\t" : "");
			if(!plen)
				plen = (size_t)snprintf(piece, sizeof(piece), "\\x%02X", c);
			used = 1;
		} else if(!(used = utf8_decode(value + i, n - i, &cp))) {
			plen = (size_t)snprintf(piece, sizeof(piece), "\\x%02X", c);
			used = 1;
		} else {
			memcpy(piece, value + i, used);
			plen = used;
		}
		/* Room for this piece and, if more follows, the "..." that says so. */
		bool last = i + used == n;
		if(shown == 40 || o + plen + (last ? 0 : 3) + 1 > size) {
			if(o + 4 <= size) {
				memcpy(out + o, "...", 3);
				o += 3;
			}
			break;
		}
		memcpy(out + o, piece, plen);
		o += plen;
		i += used;
		shown++;
	}
	out[o] = '\0';
}

void text_thousands(long n, char *out, size_t size)
{
	char digits[32];
	int len = snprintf(digits, sizeof(digits), "%ld", n);
	size_t o = 0;
	for(int i = 0; i < len && o + 1 < size; i++) {
		int left = len - i; /* digits from here to the end, the sign aside */
		if(i && digits[i - 1] != '-' && left % 3 == 0) {
			if(o + 2 >= size)
				break;
			out[o++] = ',';
		}
		out[o++] = digits[i];
	}
	if(size)
		out[o] = '\0';
}
