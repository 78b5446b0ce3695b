/* Languages (lang.h). */
#include "core/lang.h"

#include <stdio.h>
#include <string.h>

#include "core/text.h"

static const char *const codes[LANG_COUNT] = {"en", "uk", "ru"};

int lang_parse(const char *code)
{
	for(int l = 0; code && l < LANG_COUNT; l++)
		if(!strcmp(code, codes[l]))
			return l;
	return -1;
}

const char *lang_code(lang_id l)
{
	return (unsigned)l < LANG_COUNT ? codes[l] : "?";
}

lang_plural lang_plural_of(lang_id l, long n)
{
	unsigned long v = n < 0 ? 0UL - (unsigned long)n : (unsigned long)n;
	if(l == LANG_EN)
		return v == 1 ? PLURAL_ONE : PLURAL_OTHER;
	unsigned long i10 = v % 10, i100 = v % 100;
	if(i10 == 1 && i100 != 11)
		return PLURAL_ONE;
	if(i10 >= 2 && i10 <= 4 && (i100 < 12 || i100 > 14))
		return PLURAL_FEW;
	return PLURAL_MANY;
}

void lang_number(lang_id l, long n, char *out, size_t size)
{
	char en[40];
	text_thousands(n, en, sizeof(en));
	if(l == LANG_EN) {
		snprintf(out, size, "%s", en);
		return;
	}
	/* The commas become no-break spaces (two bytes in UTF-8). */
	size_t o = 0;
	for(const char *p = en; *p && o + 3 < size; p++) {
		if(*p == ',') {
			out[o++] = '\xc2';
			out[o++] = '\xa0';
		} else {
			out[o++] = *p;
		}
	}
	if(size)
		out[o < size ? o : size - 1] = '\0';
}
