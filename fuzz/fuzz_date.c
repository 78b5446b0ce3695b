/* Partial dates: what parses formats back to the same text, and its range
 * is ordered; what date_read takes (dates as offices write them, read
 * from the bytes given, not past them) formats to text that parses
 * strictly to the same date, and everything strict is read the same. */
#include <stdint.h>

#include "fuzz.h"
#include <stdlib.h>
#include <string.h>

#include "core/date.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char s[32];
	if(size >= sizeof(s))
		return 0;
	memcpy(s, data, size);
	s[size] = '\0';
	pdate d, r;
	const char *why = NULL;
	/* a copy of exactly size bytes, so that reading past them is caught */
	char *exact = malloc(size ? size : 1);
	if(!exact)
		return 0;
	memcpy(exact, data, size);
	bool read = date_read(exact, size, &r, &why);
	free(exact);
	if(read) {
		char text[DATE_STR_MAX];
		pdate again;
		date_format(r, text);
		if(!date_parse(text, &again, &why) || again.y != r.y || again.m != r.m || again.d != r.d)
			abort();
	} else if(!why) {
		abort();
	}
	why = NULL;
	if(!date_parse(s, &d, &why)) {
		if(!why)
			abort();
		return 0;
	}
	char back[DATE_STR_MAX];
	date_format(d, back);
	if(strcmp(back, s) || date_lo(d) > date_hi(d))
		abort();
	if(strlen(s) == size && (!read || r.y != d.y || r.m != d.m || r.d != d.d))
		abort();
	return 0;
}
