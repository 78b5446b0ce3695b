/* Eligibility rules: the small language in which an agreement's clause
 * says who it covers, over the fields of a person.
 *
 *   medical in (severely_wounded, seriously_ill) or age(stage_date) between 18 and 25
 *   branch != civilian and captured_before(2022-03-01)
 *   consent != no
 *
 * Grammar (keywords in any case):
 *   rule    := or
 *   or      := and ("or" and)*
 *   and     := not ("and" not)*
 *   not     := "not" not | "(" rule ")" | test
 *   test    := call
 *            | value ("=" | "!=" | "<" | "<=" | ">" | ">=") value
 *            | value ["not"] "in" "(" value ("," value)* ")"
 *            | value "between" value "and" value
 *            | value "is" ["not"] "unknown"
 *   value   := FIELD | NUMBER | DATE | WORD | "stage_date" | age "(" date ")"
 *   call    := captured_before "(" date ")" | captured_since "(" date ")"
 *
 * Fields are the person fields of docs/formats.md and `status`; a value
 * compared with an enumerated field must be one of its values. Dates may
 * be partial. Rules are checked when parsed: an error names the column
 * and what was expected there.
 *
 * A person's record is often incomplete, so a rule answers yes, no, or
 * unknown (Kleene's three-valued logic): age between 18 and 25 is unknown
 * for someone born in "1999" on a stage in 2025. Planning treats unknown
 * as not eligible and says why. */
#ifndef PARLEY_ACCORD_RULE_H
#define PARLEY_ACCORD_RULE_H

#include <jansson.h>

#include "core/arena.h"
#include "core/buf.h"
#include "core/date.h"
#include "core/err.h"
#include "registry/registry.h"

typedef struct rule rule;

typedef enum rule_answer { RULE_NO = 0, RULE_YES = 1, RULE_UNKNOWN = 2 } rule_answer;

/* Parse text into *out (in a). On error: PL_EINPUT, and err says
 * "column N: expected ..., got ...". */
pl_rc rule_parse(const char *text, arena *a, rule **out, pl_err *err) PL_NODISCARD;

/* The answer for a person on a stage's date. *decided (if not NULL) gets
 * the test that decided it, part of r, for explanations: rule_explain()
 * says it in words. Allocates nothing: the planner asks it of every
 * person held. */
rule_answer rule_eval(const rule *r, const person *p, pdate stage_date, const rule **decided);

/* Mark in used[PF_COUNT] the person fields the rule reads (an age reads
 * the birth date, captured_before the capture date). */
void rule_fields(const rule *r, bool used[PF_COUNT]);

/* The rule (or one of its tests) in words, fully parenthesised. */
pl_rc rule_explain(const rule *r, buf *out) PL_NODISCARD;
/* The same as data: {"op": "between", "v": {"age_on": "stage"}, "lo":
 * {"number": 18}, "hi": {"number": 25}}, for the web UI to say in the
 * user's language (docs/api.md, "Rules as data"). */
json_t *rule_json(const rule *r);

#endif
