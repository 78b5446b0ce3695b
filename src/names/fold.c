/* NFKC + case folding.
 *
 * ICU does the real work, but names are nearly always plain Latin or plain
 * Cyrillic, for which folding is one table step per letter; only text with
 * anything else (combining marks, compatibility forms, other scripts) goes
 * through ICU's NFKC_Casefold normaliser. Both paths give ICU's result. */
#include <stdlib.h>
#include <string.h>
#include <unicode/uchar.h>
#include <unicode/unorm2.h>
#include <unicode/ustring.h>

#include "core/utf8.h"
#include "names/internal.h"
#include "names/names.h"

uint32_t names_cyr_lower(uint32_t cp)
{
	if(cp >= 0x0410 && cp <= 0x042F)
		return cp + 0x20;
	if(cp >= 0x0400 && cp <= 0x040F)
		return cp + 0x50;
	if(cp == 0x0490)
		return 0x0491;
	return cp;
}

bool names_cyr_is_upper(uint32_t cp)
{
	return (cp >= 0x0400 && cp <= 0x042F) || cp == 0x0490;
}

bool names_is_letter(uint32_t cp)
{
	if(cp < 0x80)
		return (cp | 0x20) >= 'a' && (cp | 0x20) <= 'z';
	return names_is_cyrillic(cp) || u_isalpha((UChar32)cp);
}

/* True when folding cp alone gives what NFKC_Casefold gives: it has no
 * compatibility decomposition and its case folding is one code point.
 * Everything else goes to ICU. */
static bool simple_cp(uint32_t cp)
{
	if(cp < 0x80 || names_is_cyrillic(cp))
		return true;
	switch(cp) {
	case 0x2019: case 0x02BC: case 0x02B9: case 0x02BA: case 0x00B7: case 0x2032: case 0x02C8:
		return true; /* apostrophes and the BGN dot: NFKC leaves them */
	case 0x00DF: case 0x0130: case 0x0132: case 0x0133: case 0x013F: case 0x0140:
	case 0x0149: case 0x017F:
		return false; /* ß, İ, Ĳ, ĳ, Ŀ, ŀ, ŉ, ſ fold to more than one, or change */
	}
	return cp >= 0x00C0 && cp <= 0x017F && cp != 0x00D7 && cp != 0x00F7;
}

static pl_rc fold_icu(const char *s, size_t n, buf *out)
{
	UErrorCode ec = U_ZERO_ERROR;
	const UNormalizer2 *n2 = unorm2_getNFKCCasefoldInstance(&ec);
	if(U_FAILURE(ec))
		return PL_EINPUT;
	int32_t len16 = 0;
	u_strFromUTF8(NULL, 0, &len16, s, (int32_t)n, &ec);
	if(ec != U_BUFFER_OVERFLOW_ERROR && U_FAILURE(ec))
		return PL_EINPUT;
	ec = U_ZERO_ERROR;
	pl_rc rc = PL_ENOMEM;
	int32_t cap = len16 * 3 + 16; /* folding can grow text (ß -> ss) */
	UChar *in = malloc(sizeof(UChar) * ((size_t)len16 + 1));
	UChar *norm = malloc(sizeof(UChar) * (size_t)cap);
	char *u8 = NULL;
	if(!in || !norm)
		goto done;
	u_strFromUTF8(in, len16 + 1, NULL, s, (int32_t)n, &ec);
	int32_t nlen = unorm2_normalize(n2, in, len16, norm, cap, &ec);
	if(U_FAILURE(ec)) {
		rc = PL_EINPUT;
		goto done;
	}
	int32_t len8 = 0;
	u_strToUTF8(NULL, 0, &len8, norm, nlen, &ec);
	ec = U_ZERO_ERROR;
	if(!(u8 = malloc((size_t)len8 + 1)))
		goto done;
	u_strToUTF8(u8, len8 + 1, NULL, norm, nlen, &ec);
	rc = U_FAILURE(ec) ? PL_EINPUT : buf_add(out, u8, (size_t)len8);
done:
	free(in);
	free(norm);
	free(u8);
	return rc;
}

pl_rc names_fold(const char *s, buf *out)
{
	return names_fold_n(s, strlen(s), out);
}

pl_rc names_fold_n(const char *s, size_t n, buf *out)
{
	size_t start = out->len;
	for(size_t i = 0; i < n;) {
		uint32_t cp;
		size_t k = utf8_decode(s + i, n - i, &cp);
		if(!k) {
			buf_truncate(out, start);
			return PL_EINPUT;
		}
		if(!simple_cp(cp)) {
			buf_truncate(out, start);
			return fold_icu(s, n, out);
		}
		uint32_t f = cp < 0x80 ? ((cp >= 'A' && cp <= 'Z') ? cp + 32 : cp)
		             : names_is_cyrillic(cp) ? names_cyr_lower(cp)
		                                     : (uint32_t)u_foldCase((UChar32)cp, U_FOLD_CASE_DEFAULT);
		char enc[4];
		size_t e = utf8_encode(f, enc);
		pl_rc rc = buf_add(out, enc, e);
		if(rc) {
			buf_truncate(out, start);
			return rc;
		}
		i += k;
	}
	return PL_OK;
}
