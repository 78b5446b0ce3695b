/* The display order of names: an ICU collation key by the Ukrainian rules. */
#include <string.h>
#include <unicode/ucol.h>
#include <unicode/ustring.h>

#include "core/utf8.h"
#include "names/internal.h"
#include "names/names.h"

pl_rc names_sort_key(names *nm, const char *text, buf *out)
{
	UErrorCode ec = U_ZERO_ERROR;
	if(!nm->coll) {
		nm->coll = ucol_open("uk", &ec);
		if(U_FAILURE(ec))
			return PL_EINPUT;
		ucol_setStrength(nm->coll, UCOL_SECONDARY); /* ignore case */
	}
	/* Ukrainian dictionaries order Мар'яна as Маряна, whichever apostrophe
	 * was typed: leave them out of the key. */
	buf plain;
	buf_init(&plain, 4096);
	size_t tn = strlen(text);
	for(size_t i = 0; i < tn;) {
		uint32_t cp;
		size_t k = utf8_decode(text + i, tn - i, &cp);
		if(!k) {
			buf_free(&plain);
			return PL_EINPUT;
		}
		if(!names_is_word_mark(cp) && buf_add(&plain, text + i, k)) {
			buf_free(&plain);
			return PL_ENOMEM;
		}
		i += k;
	}
	UChar u16[512];
	int32_t len16 = 0;
	u_strFromUTF8(u16, 512, &len16, buf_str(&plain), -1, &ec);
	buf_free(&plain);
	if(ec == U_BUFFER_OVERFLOW_ERROR || ec == U_STRING_NOT_TERMINATED_WARNING) {
		len16 = 512;
		ec = U_ZERO_ERROR;
	}
	if(U_FAILURE(ec))
		return PL_EINPUT;
	/* The first SORT_KEY_MAX bytes order by surname and given name (the
	 * primary weights come first); the registry breaks remaining ties by
	 * id. Longer keys only made the index bigger and slower to build. */
	enum { SORT_KEY_MAX = 40 };
	uint8_t key[1024];
	int32_t n = ucol_getSortKey(nm->coll, u16, len16, key, sizeof(key));
	if(n > (int32_t)sizeof(key))
		n = sizeof(key);
	n = n > 0 ? n - 1 : 0; /* the terminating zero: keys are stored as blobs */
	return buf_add(out, key, n > SORT_KEY_MAX ? SORT_KEY_MAX : (size_t)n);
}
