/* UTF-8: strict decoding (no overlongs, surrogates or code points past
 * U+10FFFF), validation with the offset of the first bad byte, encoding. */
#ifndef PARLEY_CORE_UTF8_H
#define PARLEY_CORE_UTF8_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Decode one code point from s[0..n). Returns bytes used, 0 if invalid.
 * Inline: names and fields are decoded a code point at a time, and ASCII
 * and two-byte (Latin, Cyrillic) letters are nearly all of them. */
size_t utf8_decode_long(const char *s, size_t n, uint32_t *cp);

static inline size_t utf8_decode(const char *str, size_t n, uint32_t *cp)
{
	const unsigned char *s = (const unsigned char *)str;
	if(n && s[0] < 0x80) {
		*cp = s[0];
		return 1;
	}
	if(n >= 2 && s[0] >= 0xC2 && s[0] < 0xE0 && (s[1] & 0xC0) == 0x80) {
		*cp = (uint32_t)(s[0] & 0x1F) << 6 | (s[1] & 0x3F);
		return 2;
	}
	return utf8_decode_long(str, n, cp);
}
/* Encode cp into out (4 bytes room). Returns bytes written, 0 if invalid. */
size_t utf8_encode(uint32_t cp, char out[4]);
/* True if s[0..n) is valid UTF-8; otherwise *bad gets the offset of the
 * first invalid byte (if bad is not NULL). */
bool utf8_valid(const char *s, size_t n, size_t *bad);
/* Terminal columns of a valid UTF-8 string: one per code point, none for
 * combining marks. Good for the Latin and Cyrillic scripts we display. */
size_t utf8_width(const char *s);
/* Byte length of the longest prefix of s that fits in `cols` columns. */
size_t utf8_prefix_for_width(const char *s, size_t cols);
/* Bytes of the longest prefix of the valid UTF-8 string s that is at most
 * max bytes long and does not split a character. */
size_t utf8_prefix_bytes(const char *s, size_t max);

#endif
