/* Partial dates: what parses formats back to the same text, and its range
 * is ordered. */
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
	pdate d;
	const char *why = NULL;
	if(!date_parse(s, &d, &why)) {
		if(!why)
			abort();
		return 0;
	}
	char back[DATE_STR_MAX];
	date_format(d, back);
	if(strcmp(back, s) || date_lo(d) > date_hi(d))
		abort();
	return 0;
}
