#include "accord/rule.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { RULE_DEPTH_MAX = 64, IN_MAX = 32 };

/* ---- the tree ------------------------------------------------------------ */

typedef enum vkind { V_FIELD, V_NUMBER, V_DATE, V_WORD, V_STAGE_DATE, V_AGE } vkind;

typedef struct value {
	vkind kind;
	int field;              /* V_FIELD: index in person_fields, or PF_COUNT for status */
	long number;
	pdate date;             /* V_DATE; V_AGE: its argument unless `on_stage` */
	bool on_stage;          /* V_AGE: age on the stage date */
	const char *word;
} value;

typedef enum nkind { N_OR, N_AND, N_NOT, N_CMP, N_IN, N_BETWEEN, N_UNKNOWN, N_CAPTURED } nkind;
typedef enum cmp_op { OP_EQ, OP_NE, OP_LT, OP_LE, OP_GT, OP_GE } cmp_op;

struct rule {
	nkind kind;
	rule *l, *r;            /* N_OR, N_AND; N_NOT: l */
	cmp_op op;
	bool negated;           /* N_IN: not in; N_UNKNOWN: is not unknown; N_CAPTURED: since */
	value v, lo, hi;        /* N_CMP: v op lo; N_BETWEEN: v between lo and hi */
	value set[IN_MAX];
	int nset;
};

/* ---- lexing -------------------------------------------------------------- */

typedef struct parser {
	const char *s;
	size_t at;              /* byte offset of the current token */
	size_t len;             /* its length */
	char tok[64];           /* its text, lower case */
	arena *a;
	pl_err *err;
	int depth;
} parser;

static bool word_char(char c)
{
	return isalnum((unsigned char)c) || c == '_' || c == '-';
}

static void next(parser *ps)
{
	const char *s = ps->s;
	size_t i = ps->at + ps->len;
	while(s[i] == ' ' || s[i] == '\t' || s[i] == '\n' || s[i] == '\r')
		i++;
	ps->at = i;
	size_t n = 0;
	if(!s[i])
		n = 0;
	else if(word_char(s[i]))
		while(word_char(s[i + n]))
			n++;
	else if(s[i] == '"' || s[i] == '\'') {
		/* A quoted word, kept as written: ranks and places in any script
		 * ("полковник", 'colonel'). Unterminated, it runs to the end and
		 * parse_value says so. */
		n = 1;
		while(s[i + n] && s[i + n] != s[i])
			n++;
		if(s[i + n])
			n++;
	}
	else if((s[i] == '!' || s[i] == '<' || s[i] == '>') && s[i + 1] == '=')
		n = 2;
	else
		n = 1;
	ps->len = n;
	size_t k = n < sizeof(ps->tok) - 1 ? n : sizeof(ps->tok) - 1;
	for(size_t j = 0; j < k; j++)
		ps->tok[j] = (char)tolower((unsigned char)s[i + j]);
	ps->tok[k] = '\0';
}

static bool is(const parser *ps, const char *t)
{
	return ps->len && !strcmp(ps->tok, t);
}

/* An error at the current token: "column N: expected X, got 'Y'", what
 * expected as a code of the catalogue (rule.w_...). */
static pl_rc expected(parser *ps, const char *what)
{
	if(!ps->len)
		return pl_failc(ps->err, PL_EINPUT, "rule.expected_end", "column", PL_N(ps->at + 1), "what", what,
		                NULL);
	char got[48];
	snprintf(got, sizeof(got), "%.*s", (int)(ps->len > 40 ? 40 : ps->len), ps->s + ps->at);
	return pl_failc(ps->err, PL_EINPUT, "rule.expected", "column", PL_N(ps->at + 1), "what", what, "got",
	                got, NULL);
}

static pl_rc take(parser *ps, const char *t, const char *what)
{
	if(!is(ps, t))
		return expected(ps, what);
	next(ps);
	return PL_OK;
}

/* ---- parsing ------------------------------------------------------------- */

static const field_def *field_of(int f)
{
	return f == PF_COUNT ? &person_status_field : &person_fields[f];
}

static bool is_date_field(int f)
{
	return f < PF_COUNT && person_fields[f].kind == FK_DATE;
}

static pl_rc parse_rule(parser *ps, rule **out);

static pl_rc parse_date_arg(parser *ps, value *v)
{
	if(is(ps, "stage_date")) {
		v->on_stage = true;
		next(ps);
		return PL_OK;
	}
	char text[64];
	snprintf(text, sizeof(text), "%.*s", (int)ps->len, ps->s + ps->at);
	const char *why;
	if(!ps->len || !date_parse(text, &v->date, &why))
		return expected(ps, "rule.w_date");
	next(ps);
	return PL_OK;
}

/* Words of the language, never values. */
static bool reserved(const parser *ps)
{
	static const char *const words[] = {"and", "or", "not", "in", "between", "is", "unknown"};
	for(size_t i = 0; i < sizeof(words) / sizeof(words[0]); i++)
		if(is(ps, words[i]))
			return true;
	return false;
}

static bool quoted(const parser *ps)
{
	return ps->len && (ps->s[ps->at] == '"' || ps->s[ps->at] == '\'');
}

static pl_rc parse_quoted(parser *ps, value *v)
{
	const char *t = ps->s + ps->at;
	if(ps->len < 2 || t[ps->len - 1] != t[0])
		return pl_failc(ps->err, PL_EINPUT, "rule.closing", "column", PL_N(ps->at + 1), "quote",
		                t[0] == '"' ? "\"" : "'", NULL);
	if(ps->len == 2)
		return pl_failc(ps->err, PL_EINPUT, "rule.empty_quotes", "column", PL_N(ps->at + 1), NULL);
	v->kind = V_WORD;
	v->word = arena_strndup(ps->a, t + 1, ps->len - 2);
	if(!v->word)
		return pl_nomem(ps->err);
	next(ps);
	return PL_OK;
}

static pl_rc parse_value(parser *ps, value *v)
{
	memset(v, 0, sizeof(*v));
	if(quoted(ps))
		return parse_quoted(ps, v);
	if(!ps->len || !word_char(ps->s[ps->at]) || reserved(ps))
		return expected(ps, "rule.w_value");
	if(is(ps, "age")) {
		next(ps);
		v->kind = V_AGE;
		pl_rc rc = take(ps, "(", "rule.w_open_age");
		if(!rc)
			rc = parse_date_arg(ps, v);
		return rc ? rc : take(ps, ")", "rule.w_close");
	}
	if(is(ps, "stage_date")) {
		v->kind = V_STAGE_DATE;
		next(ps);
		return PL_OK;
	}
	int f = field_find(person_fields, PF_COUNT, ps->tok);
	if(f >= 0 || is(ps, "status")) {
		v->kind = V_FIELD;
		v->field = f >= 0 ? f : PF_COUNT;
		next(ps);
		return PL_OK;
	}
	char text[64];
	snprintf(text, sizeof(text), "%.*s", (int)ps->len, ps->s + ps->at);
	const char *why;
	char *end;
	long n = strtol(text, &end, 10);
	if(isdigit((unsigned char)text[0]) && !*end && ps->len < 10) {
		v->kind = V_NUMBER;
		v->number = n;
	} else if(isdigit((unsigned char)text[0]) && date_parse(text, &v->date, &why)) {
		v->kind = V_DATE;
	} else {
		v->kind = V_WORD;
		v->word = arena_strdup(ps->a, ps->tok);
		if(!v->word)
			return pl_nomem(ps->err);
	}
	next(ps);
	return PL_OK;
}

/* A word compared with an enumerated field must be one of its values. */
static pl_rc check_word(parser *ps, const value *field, const value *w, size_t column)
{
	if(field->kind != V_FIELD || w->kind != V_WORD)
		return PL_OK;
	const field_def *fd = field_of(field->field);
	if(fd->kind != FK_ENUM)
		return PL_OK;
	for(const char *const *v = fd->values; *v; v++)
		if(!strcmp(*v, w->word))
			return PL_OK;
	char allowed[512];
	field_values_text(fd, allowed, sizeof(allowed));
	return pl_failc(ps->err, PL_EINPUT, "rule.not_value", "column", PL_N(column), "value", w->word, "field",
	                fd->name, "allowed", allowed, NULL);
}

/* Numbers only with ages and numbers; dates only with dates. */
static bool numeric(const value *v)
{
	return v->kind == V_NUMBER || v->kind == V_AGE;
}

static bool datelike(const value *v)
{
	return v->kind == V_DATE || v->kind == V_STAGE_DATE || (v->kind == V_FIELD && is_date_field(v->field));
}

/* 2022 beside a date is the year 2022, not a number. */
static void year_as_date(value *x, value *y)
{
	if(x->kind == V_NUMBER && datelike(y) && x->number >= 1000 && x->number <= 9999)
		*x = (value){.kind = V_DATE, .date = {(int)x->number, 0, 0}};
	else if(y->kind == V_NUMBER && datelike(x) && y->number >= 1000 && y->number <= 9999)
		*y = (value){.kind = V_DATE, .date = {(int)y->number, 0, 0}};
}

/* What a value is, as a code of the catalogue: a number, a date, text. */
static const char *kind_of(const value *v)
{
	return numeric(v) ? "rule.k_number" : datelike(v) ? "rule.k_date" : "rule.k_text";
}

static pl_rc check_types(parser *ps, value *x, value *y, size_t column)
{
	year_as_date(x, y);
	if(numeric(x) != numeric(y) || datelike(x) != datelike(y))
		return pl_failc(ps->err, PL_EINPUT, "rule.incomparable", "column", PL_N(column), "x", kind_of(x), "y",
		                kind_of(y), NULL);
	return PL_OK;
}

static pl_rc parse_test(parser *ps, rule *n)
{
	if(is(ps, "captured_before") || is(ps, "captured_since")) {
		n->kind = N_CAPTURED;
		n->negated = is(ps, "captured_since");
		next(ps);
		pl_rc rc = take(ps, "(", "rule.w_open");
		if(!rc)
			rc = parse_date_arg(ps, &n->lo);
		n->lo.kind = n->lo.on_stage ? V_STAGE_DATE : V_DATE;
		return rc ? rc : take(ps, ")", "rule.w_close");
	}
	size_t col = ps->at + 1;
	pl_rc rc = parse_value(ps, &n->v);
	if(rc)
		return rc;
	static const char *const ops[] = {"=", "!=", "<", "<=", ">", ">="};
	for(int k = 0; k < 6; k++)
		if(is(ps, ops[k])) {
			n->kind = N_CMP;
			n->op = (cmp_op)k;
			next(ps);
			size_t c2 = ps->at + 1;
			if((rc = parse_value(ps, &n->lo)))
				return rc;
			if((rc = check_types(ps, &n->v, &n->lo, col)) || (rc = check_word(ps, &n->v, &n->lo, c2)))
				return rc;
			if(n->op > OP_NE && !numeric(&n->v) && !datelike(&n->v))
				return pl_failc(ps->err, PL_EINPUT, "rule.order_text", "column", PL_N(col), "op", ops[k],
				                NULL);
			return check_word(ps, &n->lo, &n->v, col);
		}
	if(is(ps, "is")) {
		next(ps);
		n->kind = N_UNKNOWN;
		if(is(ps, "not")) {
			n->negated = true;
			next(ps);
		}
		return take(ps, "unknown", "rule.w_unknown");
	}
	if(is(ps, "between")) {
		n->kind = N_BETWEEN;
		next(ps);
		if((rc = parse_value(ps, &n->lo)) || (rc = take(ps, "and", "rule.w_and")) ||
		   (rc = parse_value(ps, &n->hi)))
			return rc;
		if((rc = check_types(ps, &n->v, &n->lo, col)) || (rc = check_types(ps, &n->v, &n->hi, col)))
			return rc;
		if(!numeric(&n->v) && !datelike(&n->v))
			return pl_failc(ps->err, PL_EINPUT, "rule.between_text", "column", PL_N(col), NULL);
		return PL_OK;
	}
	if(is(ps, "not")) {
		n->negated = true;
		next(ps);
		if(!is(ps, "in"))
			return expected(ps, "rule.w_in");
	}
	if(is(ps, "in")) {
		n->kind = N_IN;
		next(ps);
		if((rc = take(ps, "(", "rule.w_open_in")))
			return rc;
		do {
			if(n->nset == IN_MAX)
				return pl_failc(ps->err, PL_EINPUT, "rule.list_max", "column", PL_N(ps->at + 1), "max",
				                PL_N(IN_MAX), NULL);
			size_t c2 = ps->at + 1;
			if((rc = parse_value(ps, &n->set[n->nset])) ||
			   (rc = check_types(ps, &n->v, &n->set[n->nset], c2)) ||
			   (rc = check_word(ps, &n->v, &n->set[n->nset], c2)))
				return rc;
			n->nset++;
		} while(is(ps, ",") && (next(ps), true));
		return take(ps, ")", "rule.w_list");
	}
	return expected(ps, "rule.w_comparison");
}

static pl_rc parse_not(parser *ps, rule **out)
{
	if(++ps->depth > RULE_DEPTH_MAX)
		return pl_failc(ps->err, PL_EINPUT, "rule.too_deep", "column", PL_N(ps->at + 1), NULL);
	rule *n = arena_calloc(ps->a, 1, sizeof(rule));
	if(!n)
		return pl_nomem(ps->err);
	pl_rc rc;
	if(is(ps, "not")) {
		next(ps);
		n->kind = N_NOT;
		rc = parse_not(ps, &n->l);
	} else if(is(ps, "(")) {
		next(ps);
		rc = parse_rule(ps, &n);
		if(!rc)
			rc = take(ps, ")", "rule.w_close");
	} else {
		rc = parse_test(ps, n);
	}
	ps->depth--;
	*out = n;
	return rc;
}

static pl_rc parse_chain(parser *ps, rule **out, const char *word, nkind kind,
                         pl_rc (*sub)(parser *, rule **))
{
	pl_rc rc = sub(ps, out);
	while(!rc && is(ps, word)) {
		next(ps);
		rule *n = arena_calloc(ps->a, 1, sizeof(rule));
		if(!n)
			return pl_nomem(ps->err);
		n->kind = kind;
		n->l = *out;
		rc = sub(ps, &n->r);
		*out = n;
	}
	return rc;
}

static pl_rc parse_and(parser *ps, rule **out)
{
	return parse_chain(ps, out, "and", N_AND, parse_not);
}

static pl_rc parse_rule(parser *ps, rule **out)
{
	return parse_chain(ps, out, "or", N_OR, parse_and);
}

pl_rc rule_parse(const char *text, arena *a, rule **out, pl_err *err)
{
	parser ps = {.s = text, .a = a, .err = err};
	next(&ps);
	if(!ps.len)
		return pl_failc(err, PL_EINPUT, "rule.nothing", NULL);
	pl_rc rc = parse_rule(&ps, out);
	if(!rc && ps.len)
		rc = expected(&ps, "rule.w_end");
	return rc;
}

/* ---- evaluation ---------------------------------------------------------- */

/* A value as a range: numbers and dates as [lo, hi] (a partial date or an
 * age from one is a range), text as a word. known false: unknown. */
typedef struct range {
	bool known, text;
	long lo, hi;
	const char *word;
} range;

static range resolve(const value *v, const person *p, pdate stage)
{
	range r = {.known = true};
	pdate d;
	const char *why;
	switch(v->kind) {
	case V_NUMBER: r.lo = r.hi = v->number; break;
	case V_DATE: r.lo = date_lo(v->date); r.hi = date_hi(v->date); break;
	case V_STAGE_DATE: r.lo = date_lo(stage); r.hi = date_hi(stage); break;
	case V_WORD: r.text = true; r.word = v->word; break;
	case V_AGE: {
		const char *b = p->f[PF_BIRTH_DATE];
		if(!b || !date_parse(b, &d, &why)) {
			r.known = false;
			break;
		}
		int lo, hi;
		date_age_range(d, v->on_stage ? stage : v->date, &lo, &hi);
		r.lo = lo;
		r.hi = hi;
		break;
	}
	case V_FIELD: {
		const char *f = v->field == PF_COUNT ? lifecycle_status_name(p->status) : p->f[v->field];
		if(!f || !*f) {
			r.known = false;
		} else if(is_date_field(v->field)) {
			if(!date_parse(f, &d, &why))
				r.known = false;
			r.lo = date_lo(d);
			r.hi = date_hi(d);
		} else {
			r.text = true;
			r.word = f;
		}
		break;
	}
	}
	return r;
}

static rule_answer compare(const range *x, const range *y, cmp_op op)
{
	if(!x->known || !y->known)
		return RULE_UNKNOWN;
	if(x->text || y->text) {
		bool eq = x->word && y->word && !strcasecmp(x->word, y->word);
		return op == OP_EQ ? (rule_answer)eq : op == OP_NE ? (rule_answer)!eq : RULE_UNKNOWN;
	}
	/* Ranges: certain only when every value in them agrees. A partial
	 * date on the right is a period: "< 2023" is before it begins,
	 * ">= 2022" from its first day, "> 2022" after its last, "<= 2022" by
	 * its last. */
	bool always, never;
	switch(op) {
	case OP_EQ: always = x->lo == x->hi && y->lo == y->hi && x->lo == y->lo;
	            never = x->hi < y->lo || y->hi < x->lo; break;
	case OP_NE: never = x->lo == x->hi && y->lo == y->hi && x->lo == y->lo;
	            always = x->hi < y->lo || y->hi < x->lo; break;
	case OP_LT: always = x->hi < y->lo; never = x->lo >= y->lo; break;
	case OP_GE: always = x->lo >= y->lo; never = x->hi < y->lo; break;
	case OP_GT: always = x->lo > y->hi; never = x->hi <= y->hi; break;
	default: always = x->hi <= y->hi; never = x->lo > y->hi; break; /* OP_LE */
	}
	return always ? RULE_YES : never ? RULE_NO : RULE_UNKNOWN;
}

static rule_answer not3(rule_answer a)
{
	return a == RULE_UNKNOWN ? RULE_UNKNOWN : a == RULE_YES ? RULE_NO : RULE_YES;
}

static rule_answer test(const rule *n, const person *p, pdate stage)
{
	range x = resolve(&n->v, p, stage);
	switch(n->kind) {
	case N_CMP: {
		range y = resolve(&n->lo, p, stage);
		return compare(&x, &y, n->op);
	}
	case N_BETWEEN: {
		range lo = resolve(&n->lo, p, stage), hi = resolve(&n->hi, p, stage);
		rule_answer a = compare(&x, &lo, OP_GE), b = compare(&x, &hi, OP_LE);
		return a == RULE_NO || b == RULE_NO ? RULE_NO : a == RULE_YES && b == RULE_YES ? RULE_YES
		                                                                              : RULE_UNKNOWN;
	}
	case N_IN: {
		rule_answer any = RULE_NO;
		for(int i = 0; i < n->nset && any != RULE_YES; i++) {
			range y = resolve(&n->set[i], p, stage);
			rule_answer e = compare(&x, &y, OP_EQ);
			if(e == RULE_YES || (e == RULE_UNKNOWN && any == RULE_NO))
				any = e;
		}
		return n->negated ? not3(any) : any;
	}
	case N_UNKNOWN: return (rule_answer)(x.known == n->negated);
	case N_CAPTURED: {
		value cap = {.kind = V_FIELD, .field = PF_CAPTURE_DATE};
		range c = resolve(&cap, p, stage), d = resolve(&n->lo, p, stage);
		return compare(&c, &d, n->negated ? OP_GE : OP_LT);
	}
	default: return RULE_UNKNOWN;
	}
}

rule_answer rule_eval(const rule *r, const person *p, pdate stage_date, const rule **decided)
{
	rule_answer x, y;
	switch(r->kind) {
	case N_OR:
		x = rule_eval(r->l, p, stage_date, decided);
		if(x == RULE_YES)
			return x;
		y = rule_eval(r->r, p, stage_date, decided);
		return y == RULE_YES ? y : x == RULE_UNKNOWN || y == RULE_UNKNOWN ? RULE_UNKNOWN : RULE_NO;
	case N_AND:
		x = rule_eval(r->l, p, stage_date, decided);
		if(x == RULE_NO)
			return x;
		y = rule_eval(r->r, p, stage_date, decided);
		return y == RULE_NO ? y : x == RULE_UNKNOWN || y == RULE_UNKNOWN ? RULE_UNKNOWN : RULE_YES;
	case N_NOT:
		return not3(rule_eval(r->l, p, stage_date, decided));
	default:
		if(decided)
			*decided = r;
		return test(r, p, stage_date);
	}
}

/* ---- what it reads --------------------------------------------------------- */

static void value_fields(const value *v, bool used[PF_COUNT])
{
	if(v->kind == V_FIELD && v->field < PF_COUNT)
		used[v->field] = true;
	else if(v->kind == V_AGE)
		used[PF_BIRTH_DATE] = true;
}

void rule_fields(const rule *r, bool used[PF_COUNT])
{
	if(!r)
		return;
	switch(r->kind) {
	case N_OR:
	case N_AND:
		rule_fields(r->l, used);
		rule_fields(r->r, used);
		return;
	case N_NOT:
		rule_fields(r->l, used);
		return;
	case N_CAPTURED:
		used[PF_CAPTURE_DATE] = true;
		return;
	default:
		value_fields(&r->v, used);
		value_fields(&r->lo, used);
		value_fields(&r->hi, used);
		for(int i = 0; i < r->nset; i++)
			value_fields(&r->set[i], used);
	}
}

/* ---- explanation --------------------------------------------------------- */

/* A word as the rule would have to write it: quoted unless it reads back
 * as the same bare word. */
static pl_rc explain_word(const char *w, buf *out)
{
	bool bare = true;
	for(const char *c = w; *c && bare; c++)
		bare = word_char(*c) && !isupper((unsigned char)*c);
	return bare ? buf_adds(out, w) : buf_printf(out, "\"%s\"", w);
}

static pl_rc explain_value(const value *v, buf *out)
{
	char d[DATE_STR_MAX];
	switch(v->kind) {
	case V_FIELD: return buf_adds(out, field_of(v->field)->name);
	case V_NUMBER: return buf_printf(out, "%ld", v->number);
	case V_DATE: date_format(v->date, d); return buf_adds(out, d);
	case V_WORD: return explain_word(v->word, out);
	case V_STAGE_DATE: return buf_adds(out, "the stage date");
	case V_AGE:
		if(v->on_stage)
			return buf_adds(out, "age on the stage date");
		date_format(v->date, d);
		return buf_printf(out, "age on %s", d);
	}
	return PL_OK;
}

static pl_rc explain_node(const rule *n, buf *out)
{
	static const char *const ops[] = {"is", "is not", "is before", "is on or before", "is after",
	                                  "is on or after"};
	static const char *const num_ops[] = {"=", "≠", "<", "≤", ">", "≥"};
	pl_rc rc = PL_OK;
	char d[DATE_STR_MAX];
	switch(n->kind) {
	case N_OR:
	case N_AND:
		rc = buf_adds(out, "(");
		rc = rc ? rc : explain_node(n->l, out);
		rc = rc ? rc : buf_adds(out, n->kind == N_OR ? ") or (" : ") and (");
		rc = rc ? rc : explain_node(n->r, out);
		return rc ? rc : buf_adds(out, ")");
	case N_NOT:
		rc = buf_adds(out, "not (");
		rc = rc ? rc : explain_node(n->l, out);
		return rc ? rc : buf_adds(out, ")");
	case N_CMP:
		rc = explain_value(&n->v, out);
		rc = rc ? rc : buf_printf(out, " %s ", numeric(&n->v) ? num_ops[n->op] : ops[n->op]);
		return rc ? rc : explain_value(&n->lo, out);
	case N_BETWEEN:
		rc = explain_value(&n->v, out);
		rc = rc ? rc : buf_adds(out, " is from ");
		rc = rc ? rc : explain_value(&n->lo, out);
		rc = rc ? rc : buf_adds(out, " to ");
		return rc ? rc : explain_value(&n->hi, out);
	case N_IN:
		rc = explain_value(&n->v, out);
		rc = rc ? rc : buf_adds(out, n->negated ? " is none of " : " is one of ");
		for(int i = 0; i < n->nset && !rc; i++) {
			rc = i ? buf_adds(out, ", ") : PL_OK;
			rc = rc ? rc : explain_value(&n->set[i], out);
		}
		return rc;
	case N_UNKNOWN:
		rc = explain_value(&n->v, out);
		return rc ? rc : buf_adds(out, n->negated ? " is known" : " is not known");
	case N_CAPTURED:
		if(n->lo.on_stage)
			return buf_adds(out, n->negated ? "captured on or after the stage date"
			                                : "captured before the stage date");
		date_format(n->lo.date, d);
		return buf_printf(out, "captured %s %s", n->negated ? "on or after" : "before", d);
	}
	return rc;
}

pl_rc rule_explain(const rule *r, buf *out)
{
	return explain_node(r, out);
}

/* ---- as data ------------------------------------------------------------- */

/* The explanation as data, for the web UI to say in the user's language
 * (web/js/rules.js): the same tree explain_node walks. */
static json_t *value_json(const value *v)
{
	char d[DATE_STR_MAX];
	switch(v->kind) {
	case V_FIELD: return json_pack("{s:s}", "field", field_of(v->field)->name);
	case V_NUMBER: return json_pack("{s:I}", "number", (json_int_t)v->number);
	case V_DATE: date_format(v->date, d); return json_pack("{s:s}", "date", d);
	case V_WORD: return json_pack("{s:s}", "word", v->word);
	case V_STAGE_DATE: return json_pack("{s:b}", "stage_date", 1);
	case V_AGE:
		if(v->on_stage)
			return json_pack("{s:s}", "age_on", "stage");
		date_format(v->date, d);
		return json_pack("{s:s}", "age_on", d);
	}
	return json_null();
}

json_t *rule_json(const rule *n)
{
	static const char *const ops[] = {"eq", "ne", "lt", "le", "gt", "ge"};
	static const char *const kinds[] = {[N_OR] = "or", [N_AND] = "and", [N_NOT] = "not",
	                                    [N_CMP] = "cmp", [N_IN] = "in", [N_BETWEEN] = "between",
	                                    [N_UNKNOWN] = "unknown", [N_CAPTURED] = "captured"};
	json_t *o = json_pack("{s:s}", "op", kinds[n->kind]);
	switch(n->kind) {
	case N_OR:
	case N_AND:
		json_object_set_new(o, "l", rule_json(n->l));
		json_object_set_new(o, "r", rule_json(n->r));
		break;
	case N_NOT: json_object_set_new(o, "l", rule_json(n->l)); break;
	case N_CMP:
		json_object_set_new(o, "cmp", json_string(ops[n->op]));
		json_object_set_new(o, "numeric", json_boolean(numeric(&n->v)));
		json_object_set_new(o, "v", value_json(&n->v));
		json_object_set_new(o, "lo", value_json(&n->lo));
		break;
	case N_BETWEEN:
		json_object_set_new(o, "v", value_json(&n->v));
		json_object_set_new(o, "lo", value_json(&n->lo));
		json_object_set_new(o, "hi", value_json(&n->hi));
		break;
	case N_IN: {
		json_t *set = json_array();
		for(int i = 0; i < n->nset; i++)
			json_array_append_new(set, value_json(&n->set[i]));
		json_object_set_new(o, "v", value_json(&n->v));
		json_object_set_new(o, "set", set);
		json_object_set_new(o, "negated", json_boolean(n->negated));
		break;
	}
	case N_UNKNOWN:
		json_object_set_new(o, "v", value_json(&n->v));
		json_object_set_new(o, "negated", json_boolean(n->negated));
		break;
	case N_CAPTURED:
		json_object_set_new(o, "lo", value_json(&n->lo));
		json_object_set_new(o, "negated", json_boolean(n->negated));
		break;
	}
	return o;
}
