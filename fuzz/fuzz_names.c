/* Names on any bytes: keys are words of a-z only, transliteration and
 * queries never crash, a whole name parses into words of the input, no
 * word taken twice, and Cyrillic candidates are valid UTF-8. */
#include <stdint.h>

#include "fuzz.h"
#include <stdlib.h>
#include <string.h>

#include "core/utf8.h"
#include "names/names.h"

static names *nm;

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	pl_err err;
	if(!nm && names_open(&nm, &err))
		abort();
	char *s = malloc(size + 1);
	if(!s)
		return 0;
	memcpy(s, data, size);
	s[size] = '\0';
	buf b;
	buf_init(&b, 0);
	if(names_keys(nm, s, &b) == PL_OK)
		for(size_t i = 0; i < b.len; i++)
			if(!((b.ptr[i] >= 'a' && b.ptr[i] <= 'z') || b.ptr[i] == ' '))
				abort();
	for(int sch = 0; sch < NAMES_SCHEME_COUNT; sch++) {
		buf_reset(&b);
		pl_rc rc = names_transliterate(s, (names_scheme)sch, &b);
		if(rc != PL_OK && rc != PL_EINPUT && rc != PL_ELIMIT)
			abort();
	}
	buf_free(&b);
	arena a;
	arena_init(&a, 0);
	names_term *terms;
	size_t n;
	if(names_query(nm, s, &a, &terms, &n, &err) == PL_OK)
		for(size_t i = 0; i < n; i++)
			if(terms[i].nkeys < 1 || terms[i].nkeys > NAMES_KEYS_MAX || !*terms[i].keys[0])
				abort();
	names_person p;
	if(names_parse_person(nm, s, &a, &p) == PL_OK) {
		const char *parts[3] = {p.surname, p.given, p.patronymic};
		for(int i = 0; i < 3; i++) {
			if(parts[i] && (!*parts[i] || !strstr(s, parts[i])))
				abort();
			for(int j = 0; j < i; j++)
				if(parts[i] && parts[i] == parts[j])
					abort();
		}
	}
	const char *cand[4];
	int nc = names_cyrillic_candidates(nm, s, &a, cand, 4);
	if(nc < 0 || nc > 4)
		abort();
	for(int i = 0; i < nc; i++) {
		size_t bad;
		if(!cand[i] || !*cand[i] || !utf8_valid(cand[i], strlen(cand[i]), &bad))
			abort();
	}
	arena_free(&a);
	free(s);
	return 0;
}
