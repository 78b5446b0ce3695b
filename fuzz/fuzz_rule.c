/* Eligibility rules on any bytes: never crash; a refused rule says which
 * column; an accepted one explains itself, answers yes, no or unknown,
 * and "not (RULE)" answers the opposite (unknown stays unknown). */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "accord/rule.h"
#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s = malloc(size + 1);
	if(!s)
		return 0;
	memcpy(s, data, size);
	s[size] = '\0';
	arena a;
	arena_init(&a, 0);
	rule *r;
	pl_err err = {0};
	pl_rc rc = rule_parse(s, &a, &r, &err);
	if(rc) {
		if(rc != PL_ENOMEM && strncmp(err.msg, "column ", 7))
			abort();
	} else {
		buf b;
		buf_init(&b, 0);
		if(rule_explain(r, &b) && b.len < (1u << 20))
			abort();
		buf_free(&b);
		person full = {0}, empty = {0};
		full.f[PF_MEDICAL] = "severely_wounded";
		full.f[PF_BIRTH_DATE] = "1999-06";
		full.f[PF_BRANCH] = "armed_forces";
		full.f[PF_CAPTURE_DATE] = "2022-03-01";
		full.f[PF_CONSENT] = "yes";
		full.status = ST_HELD;
		pdate stage = {2025, 6, 1};
		const rule *why = NULL;
		rule_answer x = rule_eval(r, &full, stage, &why);
		rule_answer y = rule_eval(r, &empty, stage, NULL);
		if(!why)
			abort(); /* some test always decides */
		if(x > RULE_UNKNOWN || y > RULE_UNKNOWN)
			abort();
		/* Negated, where the rule's parentheses balance on their own. */
		int depth = 0;
		bool balanced = true;
		for(const char *p = s; *p && balanced; p++)
			if((depth += *p == '(' ? 1 : *p == ')' ? -1 : 0) < 0)
				balanced = false;
		size_t n = strlen(s) + 8;
		char *neg = malloc(n);
		rule *nr;
		if(neg && balanced && depth == 0) {
			snprintf(neg, n, "not (%s)", s);
			if(!rule_parse(neg, &a, &nr, &err)) {
				rule_answer nx = rule_eval(nr, &full, stage, NULL);
				rule_answer ny = rule_eval(nr, &empty, stage, NULL);
				if(nx != (x == RULE_UNKNOWN ? RULE_UNKNOWN : x == RULE_YES ? RULE_NO : RULE_YES) ||
				   ny != (y == RULE_UNKNOWN ? RULE_UNKNOWN : y == RULE_YES ? RULE_NO : RULE_YES))
					abort();
			}
		}
		free(neg);
	}
	arena_free(&a);
	free(s);
	return 0;
}
