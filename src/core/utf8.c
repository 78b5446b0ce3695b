#include "core/utf8.h"

#include <string.h>

size_t utf8_decode_long(const char *str, size_t n, uint32_t *cp)
{
	const unsigned char *s = (const unsigned char *)str;
	if(n == 0)
		return 0;
	unsigned c = s[0];
	if(c < 0x80) {
		*cp = c;
		return 1;
	}
	size_t len;
	uint32_t v, min;
	if((c & 0xE0) == 0xC0) {
		len = 2; v = c & 0x1F; min = 0x80;
	} else if((c & 0xF0) == 0xE0) {
		len = 3; v = c & 0x0F; min = 0x800;
	} else if((c & 0xF8) == 0xF0) {
		len = 4; v = c & 0x07; min = 0x10000;
	} else {
		return 0;
	}
	if(n < len)
		return 0;
	for(size_t i = 1; i < len; i++) {
		if((s[i] & 0xC0) != 0x80)
			return 0;
		v = (v << 6) | (s[i] & 0x3F);
	}
	if(v < min || v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF))
		return 0;
	*cp = v;
	return len;
}

size_t utf8_encode(uint32_t cp, char out[4])
{
	unsigned char *o = (unsigned char *)out;
	if(cp < 0x80) {
		o[0] = (unsigned char)cp;
		return 1;
	}
	if(cp < 0x800) {
		o[0] = (unsigned char)(0xC0 | (cp >> 6));
		o[1] = (unsigned char)(0x80 | (cp & 0x3F));
		return 2;
	}
	if(cp >= 0xD800 && cp <= 0xDFFF)
		return 0;
	if(cp < 0x10000) {
		o[0] = (unsigned char)(0xE0 | (cp >> 12));
		o[1] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
		o[2] = (unsigned char)(0x80 | (cp & 0x3F));
		return 3;
	}
	if(cp <= 0x10FFFF) {
		o[0] = (unsigned char)(0xF0 | (cp >> 18));
		o[1] = (unsigned char)(0x80 | ((cp >> 12) & 0x3F));
		o[2] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
		o[3] = (unsigned char)(0x80 | (cp & 0x3F));
		return 4;
	}
	return 0;
}

bool utf8_valid(const char *s, size_t n, size_t *bad)
{
	size_t i = 0;
	while(i < n) {
		/* ASCII runs are the common case: eight bytes at a time. */
		uint64_t w;
		if(i + 8 <= n && (memcpy(&w, s + i, 8), !(w & 0x8080808080808080ull))) {
			i += 8;
			continue;
		}
		if((unsigned char)s[i] < 0x80) {
			i++;
			continue;
		}
		uint32_t cp;
		size_t k = utf8_decode(s + i, n - i, &cp);
		if(!k) {
			if(bad)
				*bad = i;
			return false;
		}
		i += k;
	}
	return true;
}

static bool is_combining(uint32_t cp)
{
	return (cp >= 0x0300 && cp <= 0x036F) || (cp >= 0x0483 && cp <= 0x0489) ||
	       (cp >= 0x1AB0 && cp <= 0x1AFF) || (cp >= 0x20D0 && cp <= 0x20FF) ||
	       (cp >= 0xFE20 && cp <= 0xFE2F) || cp == 0x200B || cp == 0x200D;
}

static size_t walk(const char *s, size_t cols, size_t *width)
{
	size_t i = 0, w = 0, n = strlen(s);
	while(i < n) {
		uint32_t cp;
		size_t k = utf8_decode(s + i, n - i, &cp);
		if(!k) {
			k = 1;
			cp = '?';
		}
		size_t cw = is_combining(cp) ? 0 : 1;
		if(w + cw > cols)
			break;
		w += cw;
		i += k;
	}
	*width = w;
	return i;
}

size_t utf8_width(const char *s)
{
	size_t w;
	walk(s, (size_t)-1, &w);
	return w;
}

size_t utf8_prefix_bytes(const char *s, size_t max)
{
	size_t n = strnlen(s, max);
	if(n == max) /* s goes on: back off to the start of the character at n */
		while(n > 0 && ((unsigned char)s[n] & 0xC0) == 0x80)
			n--;
	return n;
}

size_t utf8_prefix_for_width(const char *s, size_t cols)
{
	size_t w;
	return walk(s, cols, &w);
}
