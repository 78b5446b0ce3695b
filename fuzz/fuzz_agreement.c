/* Agreement documents on any bytes: never crash; a refused document says
 * where (the file, and the line and column or the path of the field); an
 * accepted one explains itself, every clause's basis in words, and its
 * canonical text read again is the same agreement (the same SHA-256). */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "accord/agreement.h"
#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	arena a;
	arena_init(&a, 0);
	agreement ag, again;
	pl_err err = {0};
	pl_rc rc = agreement_parse((const char *)data, size, "fuzz.json", &a, &ag, &err);
	if(rc) {
		if(rc != PL_ENOMEM && strncmp(err.msg, "fuzz.json", 9))
			abort();
		arena_free(&a);
		return 0;
	}
	buf b;
	buf_init(&b, 0);
	if(agreement_explain(&ag, &b) || !b.len)
		abort();
	for(int i = 0; i < ag.nclauses; i++) {
		buf_reset(&b);
		if(clause_basis_text(&ag, &ag.clauses[i], &b) || !b.len)
			abort();
		if(agreement_clause(&ag, ag.clauses[i].id) != &ag.clauses[i])
			abort();
	}
	buf_free(&b);
	if(agreement_parse(ag.canonical, strlen(ag.canonical), "canonical", &a, &again, &err) ||
	   strcmp(again.sha256, ag.sha256) || again.nclauses != ag.nclauses)
		abort();
	arena_free(&a);
	return 0;
}
