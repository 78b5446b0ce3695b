/* The agreement document: reading, checking and explaining it. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "accord/internal.h"
#include "core/text.h"
#include "sign/jcs.h"

static const char *const subject_names[] = {"prisoners", "civilians", "remains", NULL};
static const char *const basis_names[] = {"all_for_all", "quota", "ratio", "points", NULL};
static const char *const priority_names[] = {"severity", "captivity", "age", "points", NULL};

const char *clause_subject_name(clause_subject s)
{
	return s <= SUBJECT_REMAINS ? subject_names[s] : "?";
}

const char *basis_kind_name(basis_kind b)
{
	return b <= BASIS_POINTS ? basis_names[b] : "?";
}

static int name_index(const char *const *names, const char *s)
{
	for(int i = 0; names[i]; i++)
		if(!strcmp(names[i], s))
			return i;
	return -1;
}

/* One of `names`, refused with the list of them. */
static pl_rc jdoc_enum(jdoc *d, json_t *obj, const char *path, const char *key,
                       const char *const *names, int dflt, int *out)
{
	const char *s;
	pl_rc rc = jdoc_string(d, obj, path, key, dflt < 0, &s);
	if(rc)
		return rc;
	if(!s) {
		*out = dflt;
		return PL_OK;
	}
	*out = name_index(names, s);
	if(*out >= 0)
		return PL_OK;
	char where[256], list[256] = "", q[64];
	jdoc_path(where, sizeof(where), path, key);
	for(int i = 0; names[i]; i++)
		snprintf(list + strlen(list), sizeof(list) - strlen(list), "%s%s", i ? ", " : "", names[i]);
	text_quote(s, q, sizeof(q));
	return jdoc_at(d, where, pl_failc(d->err, PL_EINPUT, "doc.one_of", "allowed", list, "value", q,
	                                  NULL));
}

/* ---- titles --------------------------------------------------------------- */

const char *agreement_title_in(const agreement_titles *t, lang_id want, int *got)
{
	/* The order said in agreement.h and docs/agreements.md. */
	const lang_id order[] = {want, LANG_EN, LANG_UK, LANG_RU};
	for(size_t i = 0; i < sizeof(order) / sizeof(order[0]); i++)
		if((unsigned)order[i] < LANG_COUNT && t->in[order[i]]) {
			if(got)
				*got = (int)order[i];
			return t->in[order[i]];
		}
	if(got)
		*got = -1;
	return t->plain;
}

/* "title": "..." or {"en": "...", "uk": "...", "ru": "..."}; *shown gets
 * the English one, or the first by agreement_title_in's order. */
static pl_rc read_title(jdoc *d, json_t *obj, const char *path, bool required, agreement_titles *t,
                        const char **shown)
{
	memset(t, 0, sizeof(*t));
	*shown = NULL;
	json_t *v = json_object_get(obj, "title");
	if(!json_is_object(v)) {
		pl_rc rc = jdoc_string(d, obj, path, "title", required, &t->plain);
		*shown = t->plain;
		return rc;
	}
	char where[256];
	jdoc_path(where, sizeof(where), path, "title");
	static const char *const keys[] = {"en", "uk", "ru", NULL};
	pl_rc rc = jdoc_object(d, v, where, keys);
	for(int l = 0; l < LANG_COUNT && !rc; l++)
		rc = jdoc_string(d, v, where, lang_code((lang_id)l), false, &t->in[l]);
	if(rc)
		return rc;
	*shown = agreement_title_in(t, LANG_EN, NULL);
	if(!*shown)
		return jdoc_at(d, where, pl_failc(d->err, PL_EINPUT, "doc.title", NULL));
	return PL_OK;
}

/* ---- the parts of a clause ------------------------------------------------ */

static pl_rc read_rule(jdoc *d, json_t *obj, const char *path, const char *key, bool required,
                       const char **text, rule **out)
{
	pl_rc rc = jdoc_string(d, obj, path, key, required, text);
	*out = NULL;
	if(rc || !*text)
		return rc;
	pl_err inner = {0};
	if(rule_parse(*text, d->a, out, &inner)) {
		char where[256];
		jdoc_path(where, sizeof(where), path, key);
		if(d->err)
			*d->err = inner; /* coded: the rule's column, then what */
		return jdoc_at(d, where, inner.rc);
	}
	return PL_OK;
}

/* {"UA": n, "RU": m}: one whole number per party. */
static pl_rc read_sides(jdoc *d, json_t *obj, const char *path, const char *key, const agreement *ag,
                        long min, long out[2])
{
	char where[256];
	jdoc_path(where, sizeof(where), path, key);
	json_t *v = json_object_get(obj, key);
	if(!v)
		return jdoc_at(d, where, pl_failc(d->err, PL_EINPUT, "doc.required", NULL));
	const char *const parties[] = {ag->party[0], ag->party[1], NULL};
	pl_rc rc = jdoc_object(d, v, where, parties);
	for(int s = 0; s < 2 && !rc; s++)
		rc = jdoc_long(d, v, where, ag->party[s], true, min, 1000000000L, &out[s]);
	return rc;
}

static pl_rc read_scale(jdoc *d, json_t *basis, const char *path, clause *c)
{
	char where[256];
	jdoc_path(where, sizeof(where), path, "scale");
	json_t *arr = json_object_get(basis, "scale");
	if(!json_is_array(arr) || !json_array_size(arr))
		return jdoc_at(d, where, pl_failc(d->err, PL_EINPUT, "doc.scale", NULL));
	if(json_array_size(arr) > SCALE_MAX)
		return jdoc_at(d, where, pl_failc(d->err, PL_EINPUT, "doc.scale_max", "max",
		                                  PL_N(SCALE_MAX), NULL));
	static const char *const keys[] = {"when", "points", "label", NULL};
	for(size_t i = 0; i < json_array_size(arr); i++) {
		char at[280];
		snprintf(at, sizeof(at), "%s[%zu]", where, i);
		json_t *step = json_array_get(arr, i);
		scale_step *st = &c->scale[c->nscale++];
		pl_rc rc = jdoc_object(d, step, at, keys);
		if(!rc)
			rc = read_rule(d, step, at, "when", i + 1 < json_array_size(arr), &st->text, &st->when);
		if(!rc)
			rc = jdoc_long(d, step, at, "points", true, 1, 1000000, &st->points);
		if(rc)
			return rc;
	}
	return PL_OK;
}

static pl_rc read_basis(jdoc *d, json_t *obj, const char *path, const agreement *ag, clause *c)
{
	char where[256];
	jdoc_path(where, sizeof(where), path, "basis");
	json_t *b = json_object_get(obj, "basis");
	if(!b)
		return jdoc_at(d, where, pl_failc(d->err, PL_EINPUT, "doc.required", NULL));
	static const char *const keys[] = {"kind", "each", "quota", "ratio", "scale", "pool", NULL};
	int kind;
	pl_rc rc = jdoc_object(d, b, where, keys);
	if(!rc)
		rc = jdoc_enum(d, b, where, "kind", basis_names, -1, &kind);
	if(rc)
		return rc;
	c->basis = (basis_kind)kind;
	/* Each kind takes its own fields and no others. */
	static const char *const own[][4] = {
		[BASIS_ALL_FOR_ALL] = {"kind", NULL},
		[BASIS_QUOTA] = {"kind", "each", "quota", NULL},
		[BASIS_RATIO] = {"kind", "ratio", NULL},
		[BASIS_POINTS] = {"kind", "scale", "pool", NULL},
	};
	if((rc = jdoc_object(d, b, where, own[kind])))
		return rc;
	switch(c->basis) {
	case BASIS_ALL_FOR_ALL:
		return PL_OK;
	case BASIS_QUOTA:
		if(json_object_get(b, "each") && json_object_get(b, "quota"))
			return jdoc_at(d, where, pl_failc(d->err, PL_EINPUT, "doc.each_or_quota", NULL));
		if(json_object_get(b, "each")) {
			rc = jdoc_long(d, b, where, "each", true, 1, 1000000000L, &c->quota[0]);
			c->quota[1] = c->quota[0];
			return rc;
		}
		if(!json_object_get(b, "quota"))
			return jdoc_at(d, where, pl_failc(d->err, PL_EINPUT, "doc.quota_needs", "a",
			                                  ag->party[0], "b", ag->party[1], NULL));
		rc = read_sides(d, b, where, "quota", ag, 0, c->quota);
		if(!rc && c->quota[0] + c->quota[1] == 0)
			return jdoc_at(d, where, pl_failc(d->err, PL_EINPUT, "doc.quota_zero", NULL));
		return rc;
	case BASIS_RATIO:
		return read_sides(d, b, where, "ratio", ag, 1, c->ratio);
	case BASIS_POINTS:
		if(c->subject == SUBJECT_REMAINS)
			return jdoc_at(d, where, pl_failc(d->err, PL_EINPUT, "doc.remains_points", NULL));
		rc = read_scale(d, b, where, c);
		return rc ? rc : read_rule(d, b, where, "pool", false, &c->pool_text, &c->pool);
	}
	return PL_OK;
}

static pl_rc read_priority(jdoc *d, json_t *obj, const char *path, clause *c)
{
	char where[256];
	jdoc_path(where, sizeof(where), path, "priority");
	json_t *arr = json_object_get(obj, "priority");
	if(!arr) {
		/* The default: the most severely wounded first, then those held
		 * longest. */
		c->priority[0] = (priority_key){PRIORITY_SEVERITY, false};
		c->priority[1] = (priority_key){PRIORITY_CAPTIVITY, false};
		c->npriority = 2;
		return PL_OK;
	}
	if(!json_is_array(arr) || json_array_size(arr) > PRIORITY_MAX)
		return jdoc_at(d, where, pl_failc(d->err, PL_EINPUT, "doc.priority_list", "max",
		                                  PL_N(PRIORITY_MAX), NULL));
	for(size_t i = 0; i < json_array_size(arr); i++) {
		const char *s = json_string_value(json_array_get(arr, i));
		char word[32] = "";
		bool asc = false;
		if(s) {
			size_t n = strcspn(s, " ");
			snprintf(word, sizeof(word), "%.*s", (int)(n < 31 ? n : 31), s);
			asc = !strcmp(s + n, " asc");
			if(s[n] && !asc && strcmp(s + n, " desc"))
				word[0] = '\0';
		}
		int k = name_index(priority_names, word);
		if(k < 0) {
			char at[280];
			snprintf(at, sizeof(at), "%s[%zu]", where, i);
			return jdoc_at(d, at, pl_failc(d->err, PL_EINPUT, "doc.priority_word", NULL));
		}
		if(k == PRIORITY_POINTS && c->basis != BASIS_POINTS)
			return jdoc_at(d, where, pl_failc(d->err, PL_EINPUT, "doc.points_order", NULL));
		for(int j = 0; j < c->npriority; j++)
			if(c->priority[j].kind == (priority_kind)k) {
				char at[280];
				snprintf(at, sizeof(at), "%s[%zu]", where, i);
				return jdoc_at(d, at, pl_failc(d->err, PL_EINPUT, "doc.priority_twice",
				                               "key", priority_names[k], NULL));
			}
		c->priority[c->npriority++] = (priority_key){(priority_kind)k, asc};
	}
	return PL_OK;
}

static bool id_valid(const char *s)
{
	size_t n = strlen(s);
	if(!n || n > AGREEMENT_NAME_MAX)
		return false;
	for(size_t i = 0; i < n; i++)
		if(!((s[i] >= 'a' && s[i] <= 'z') || (s[i] >= '0' && s[i] <= '9') ||
		     ((s[i] == '-' || s[i] == '_') && i)))
			return false;
	return true;
}

static pl_rc read_clause(jdoc *d, json_t *obj, const char *path, agreement *ag, clause *c)
{
	static const char *const keys[] = {"id", "title", "subject", "eligible", "basis",
	                                   "priority", "capacity", NULL};
	int subject;
	pl_rc rc = jdoc_object(d, obj, path, keys);
	rc = rc ? rc : jdoc_string(d, obj, path, "id", true, &c->id);
	rc = rc ? rc : read_title(d, obj, path, false, &c->titles, &c->title);
	rc = rc ? rc : jdoc_enum(d, obj, path, "subject", subject_names, -1, &subject);
	if(rc)
		return rc;
	char where[256];
	jdoc_path(where, sizeof(where), path, "id");
	if(!id_valid(c->id))
		return jdoc_at(d, where, pl_failc(d->err, PL_EINPUT, "doc.id", "max",
		                                  PL_N(AGREEMENT_NAME_MAX), NULL));
	for(const clause *o = ag->clauses; o < c; o++)
		if(!strcmp(o->id, c->id))
			return jdoc_at(d, where, pl_failc(d->err, PL_EINPUT, "doc.clause_twice", "clause",
			                                  c->id, NULL));
	c->subject = (clause_subject)subject;
	if(c->subject == SUBJECT_REMAINS) {
		if(json_object_get(obj, "eligible") || json_object_get(obj, "priority")) {
			jdoc_path(where, sizeof(where), path,
			          json_object_get(obj, "eligible") ? "eligible" : "priority");
			return jdoc_at(d, where, pl_failc(d->err, PL_EINPUT, "doc.remains_rule", NULL));
		}
	} else {
		rc = read_rule(d, obj, path, "eligible", true, &c->eligible_text, &c->eligible);
	}
	rc = rc ? rc : read_basis(d, obj, path, ag, c);
	rc = rc || c->subject == SUBJECT_REMAINS ? rc : read_priority(d, obj, path, c);
	return rc ? rc : jdoc_long(d, obj, path, "capacity", false, 1, 1000000000L, &c->capacity);
}

/* ---- the document --------------------------------------------------------- */

static pl_rc read_parties(jdoc *d, json_t *doc, agreement *ag)
{
	json_t *p = json_object_get(doc, "parties");
	if(!json_is_array(p) || json_array_size(p) != 2)
		return jdoc_at(d, "parties", pl_failc(d->err, PL_EINPUT, "doc.parties", NULL));
	for(int s = 0; s < 2; s++) {
		const char *code = json_string_value(json_array_get(p, (size_t)s));
		if(!code || !accord_code_valid(code)) {
			char at[32];
			snprintf(at, sizeof(at), "parties[%d]", s);
			return jdoc_at(d, at, pl_failc(d->err, PL_EINPUT, "doc.party_code", "max",
			                               PL_N(PARTY_CODE_MAX), NULL));
		}
		snprintf(ag->party[s], sizeof(ag->party[s]), "%s", code);
	}
	if(!strcmp(ag->party[0], ag->party[1]))
		return jdoc_at(d, "parties", pl_failc(d->err, PL_EINPUT, "doc.same_parties", NULL));
	return PL_OK;
}

static pl_rc read_code(jdoc *d, json_t *doc, const char *key, const char **out)
{
	pl_rc rc = jdoc_string(d, doc, "", key, false, out);
	if(!rc && *out && !accord_code_valid(*out))
		return jdoc_at(d, key, pl_failc(d->err, PL_EINPUT, "doc.code", "max", PL_N(PARTY_CODE_MAX),
		                                NULL));
	return rc;
}

static pl_rc read_embargo(jdoc *d, json_t *doc, agreement *ag)
{
	json_t *e = json_object_get(doc, "embargo");
	if(!e)
		return PL_OK;
	static const char *const keys[] = {"until", "k", NULL};
	pl_rc rc = jdoc_object(d, e, "embargo", keys);
	const char *until;
	rc = rc ? rc : jdoc_string(d, e, "embargo", "until", true, &until);
	long k = AGREEMENT_K_DEFAULT;
	rc = rc ? rc : jdoc_long(d, e, "embargo", "k", false, AGREEMENT_K_MIN, AGREEMENT_K_MAX, &k);
	if(rc)
		return rc;
	ag->embargo_k = (int)k;
	if(!strcmp(until, "done")) {
		ag->embargo_until_done = true;
		return PL_OK;
	}
	const char *why;
	if(!date_parse(until, &ag->embargo_until, &why))
		return jdoc_at(d, "embargo.until", pl_failc(d->err, PL_EINPUT, "doc.embargo_until", NULL));
	return PL_OK;
}

static pl_rc read_clauses(jdoc *d, json_t *doc, agreement *ag)
{
	json_t *arr = json_object_get(doc, "clauses");
	if(!json_is_array(arr) || !json_array_size(arr))
		return jdoc_at(d, "clauses", pl_failc(d->err, PL_EINPUT, "doc.clauses", NULL));
	if(json_array_size(arr) > CLAUSES_MAX)
		return jdoc_at(d, "clauses", pl_failc(d->err, PL_EINPUT, "doc.clauses_max", "max",
		                                      PL_N(CLAUSES_MAX), NULL));
	for(size_t i = 0; i < json_array_size(arr); i++) {
		char path[32];
		snprintf(path, sizeof(path), "clauses[%zu]", i);
		pl_rc rc = read_clause(d, json_array_get(arr, i), path, ag, &ag->clauses[ag->nclauses++]);
		if(rc)
			return rc;
	}
	return PL_OK;
}

static pl_rc check_dates(jdoc *d, const agreement *ag)
{
	if(ag->valid_from.y && ag->valid_until.y && date_lo(ag->valid_until) < date_lo(ag->valid_from))
		return jdoc_at(d, "valid_until", pl_failc(d->err, PL_EINPUT, "doc.before_from", NULL));
	if(ag->valid_from.y && date_lo(ag->valid_from) < date_lo(ag->concluded))
		return jdoc_at(d, "valid_from", pl_failc(d->err, PL_EINPUT, "doc.before_concluded", NULL));
	return PL_OK;
}

static pl_rc read_document(jdoc *d, json_t *doc, agreement *ag)
{
	static const char *const keys[] = {"parley", "id", "title", "parties", "mediator", "transit",
	                                   "concluded", "valid_from", "valid_until", "conflict_start",
	                                   "counting", "embargo", "clauses", NULL};
	pl_rc rc = jdoc_object(d, doc, "", keys);
	const char *kind;
	rc = rc ? rc : jdoc_string(d, doc, "", "parley", true, &kind);
	if(!rc && strcmp(kind, "agreement/1"))
		return jdoc_at(d, "parley", pl_failc(d->err, PL_EINPUT, "doc.not_agreement", NULL));
	rc = rc ? rc : jdoc_string(d, doc, "", "id", true, &ag->name);
	if(!rc && !id_valid(ag->name))
		return jdoc_at(d, "id", pl_failc(d->err, PL_EINPUT, "doc.id", "max",
		                                 PL_N(AGREEMENT_NAME_MAX), NULL));
	rc = rc ? rc : read_title(d, doc, "", true, &ag->titles, &ag->title);
	rc = rc ? rc : read_parties(d, doc, ag);
	rc = rc ? rc : read_code(d, doc, "mediator", &ag->mediator);
	rc = rc ? rc : read_code(d, doc, "transit", &ag->transit);
	rc = rc ? rc : jdoc_date(d, doc, "", "concluded", true, &ag->concluded);
	rc = rc ? rc : jdoc_date(d, doc, "", "valid_from", false, &ag->valid_from);
	rc = rc ? rc : jdoc_date(d, doc, "", "valid_until", false, &ag->valid_until);
	rc = rc ? rc : jdoc_date(d, doc, "", "conflict_start", false, &ag->conflict_start);
	static const char *const counting[] = {"at_delivery", "at_signing", NULL};
	int cnt = 0;
	rc = rc ? rc : jdoc_enum(d, doc, "", "counting", counting, COUNT_AT_DELIVERY, &cnt);
	ag->counting = (accounting)cnt;
	ag->embargo_k = AGREEMENT_K_DEFAULT;
	rc = rc ? rc : read_embargo(d, doc, ag);
	rc = rc ? rc : read_clauses(d, doc, ag);
	return rc ? rc : check_dates(d, ag);
}

pl_rc agreement_parse(const char *text, size_t len, const char *name, arena *a, agreement *out,
                      pl_err *err)
{
	memset(out, 0, sizeof(*out));
	jdoc d = {.name = name, .a = a, .err = err};
	json_t *doc;
	pl_rc rc = jdoc_load(&d, text, len, &doc);
	if(rc)
		return rc;
	rc = read_document(&d, doc, out);
	buf canon;
	buf_init(&canon, BUF_MAX_DEFAULT);
	if(!rc)
		rc = jcs_canonical(doc, &canon, out->sha256, err);
	if(!rc)
		out->canonical = arena_strndup(a, canon.ptr, canon.len);
	buf_free(&canon);
	json_decref(doc);
	if(!rc && arena_oom(a))
		rc = pl_nomem(err);
	return rc;
}

/* ---- questions about it --------------------------------------------------- */

int agreement_side(const agreement *ag, const char *party)
{
	for(int s = 0; s < 2; s++)
		if(party && !strcmp(ag->party[s], party))
			return s;
	return -1;
}

const clause *agreement_clause(const agreement *ag, const char *id)
{
	for(int i = 0; i < ag->nclauses; i++)
		if(!strcmp(ag->clauses[i].id, id))
			return &ag->clauses[i];
	return NULL;
}

/* ---- in words ------------------------------------------------------------- */

pl_rc clause_basis_text(const agreement *ag, const clause *c, buf *out)
{
	char a[32], b[32];
	switch(c->basis) {
	case BASIS_ALL_FOR_ALL:
		return buf_adds(out, "all for all");
	case BASIS_QUOTA:
		text_thousands(c->quota[0], a, sizeof(a));
		text_thousands(c->quota[1], b, sizeof(b));
		if(c->quota[0] == c->quota[1])
			return buf_printf(out, "%s for %s", a, b);
		return buf_printf(out, "%s %s, %s %s", a, ag->party[0], b, ag->party[1]);
	case BASIS_RATIO:
		return buf_printf(out, "%ld from %s for every %ld from %s", c->ratio[0], ag->party[0],
		                  c->ratio[1], ag->party[1]);
	case BASIS_POINTS:
		return buf_printf(out, "equal points on an equivalence scale of %d steps", c->nscale);
	}
	return PL_OK;
}

json_t *clause_terms_json(const clause *c)
{
	static const char *const keys[] = {[PRIORITY_SEVERITY] = "severity",
	                                   [PRIORITY_CAPTIVITY] = "captivity", [PRIORITY_AGE] = "age",
	                                   [PRIORITY_POINTS] = "points"};
	json_t *o = json_object();
	if(c->basis == BASIS_QUOTA)
		json_object_set_new(o, "quota", json_pack("[I,I]", (json_int_t)c->quota[0], (json_int_t)c->quota[1]));
	if(c->basis == BASIS_RATIO)
		json_object_set_new(o, "ratio", json_pack("[I,I]", (json_int_t)c->ratio[0], (json_int_t)c->ratio[1]));
	if(c->eligible)
		json_object_set_new(o, "eligible", rule_json(c->eligible));
	json_t *scale = json_array();
	for(int i = 0; i < c->nscale; i++)
		json_array_append_new(scale, json_pack("{s:I, s:o?}", "points", (json_int_t)c->scale[i].points,
		                                       "when", c->scale[i].when ? rule_json(c->scale[i].when) : NULL));
	json_object_set_new(o, "scale", scale);
	if(c->pool)
		json_object_set_new(o, "pool", rule_json(c->pool));
	json_t *prio = json_array();
	for(int i = 0; i < c->npriority; i++)
		json_array_append_new(prio, json_pack("{s:s, s:b}", "key", keys[c->priority[i].kind], "ascending",
		                                      c->priority[i].ascending));
	json_object_set_new(o, "priority", prio);
	return o;
}

static pl_rc explain_priority(const clause *c, buf *out)
{
	static const char *const words[][2] = {
		[PRIORITY_SEVERITY] = {"the most severely wounded or ill first", "the least severe first"},
		[PRIORITY_CAPTIVITY] = {"those held longest first", "those held shortest first"},
		[PRIORITY_AGE] = {"the oldest first", "the youngest first"},
		[PRIORITY_POINTS] = {"the most points first", "the fewest points first"},
	};
	pl_rc rc = buf_adds(out, "  priority: ");
	for(int i = 0; i < c->npriority && !rc; i++) {
		/* Severity, captivity and points rank downward by default. */
		const priority_key *k = &c->priority[i];
		rc = buf_printf(out, "%s%s", i ? ", then " : "", words[k->kind][k->ascending]);
	}
	return rc ? rc : buf_adds(out, "\n");
}

static pl_rc explain_clause(const agreement *ag, const clause *c, buf *out)
{
	pl_rc rc = buf_printf(out, "\nclause %s (%s)%s%s\n", c->id, clause_subject_name(c->subject),
	                      c->title ? ": " : "", c->title ? c->title : "");
	rc = rc ? rc : buf_adds(out, "  basis: ");
	rc = rc ? rc : clause_basis_text(ag, c, out);
	rc = rc ? rc : buf_adds(out, "\n");
	if(!rc && c->eligible) {
		rc = buf_adds(out, "  eligible: ");
		rc = rc ? rc : rule_explain(c->eligible, out);
		rc = rc ? rc : buf_adds(out, "\n");
	}
	for(int i = 0; i < c->nscale && !rc; i++) {
		rc = buf_printf(out, "  %ld point%s: ", c->scale[i].points, c->scale[i].points == 1 ? "" : "s");
		rc = rc ? rc : c->scale[i].when ? rule_explain(c->scale[i].when, out) : buf_adds(out, "anyone else");
		rc = rc ? rc : buf_adds(out, "\n");
	}
	if(!rc && c->pool) {
		rc = buf_adds(out, "  balanced only among themselves: ");
		rc = rc ? rc : rule_explain(c->pool, out);
		rc = rc ? rc : buf_adds(out, "\n");
	}
	if(!rc && c->npriority)
		rc = explain_priority(c, out);
	if(!rc && c->capacity) {
		char n[32];
		text_thousands(c->capacity, n, sizeof(n));
		rc = buf_printf(out, "  at most %s per side in a stage\n", n);
	}
	return rc;
}

pl_rc agreement_explain(const agreement *ag, buf *out)
{
	char d[DATE_STR_MAX];
	date_format(ag->concluded, d);
	pl_rc rc = buf_printf(out, "%s: %s\n  between %s and %s", ag->name, ag->title, ag->party[0],
	                      ag->party[1]);
	rc = rc ? rc : ag->mediator ? buf_printf(out, ", mediated by %s", ag->mediator) : PL_OK;
	rc = rc ? rc : buf_printf(out, "; concluded %s", d);
	if(!rc && ag->transit)
		rc = buf_printf(out, "; returnees pass through %s", ag->transit);
	if(!rc && ag->valid_from.y) {
		date_format(ag->valid_from, d);
		rc = buf_printf(out, "; valid from %s", d);
	}
	if(!rc && ag->valid_until.y) {
		date_format(ag->valid_until, d);
		rc = buf_printf(out, " until %s", d);
	}
	rc = rc ? rc : buf_printf(out, "\n  a delivery counts %s\n",
	                          ag->counting == COUNT_AT_DELIVERY ? "when the person or body is handed over"
	                                                            : "when the manifest is signed by both");
	if(!rc && ag->embargo_until_done)
		rc = buf_adds(out, "  statements give no numbers until every stage is done\n");
	if(!rc && ag->embargo_until.y) {
		date_format(ag->embargo_until, d);
		rc = buf_printf(out, "  statements give no numbers before %s\n", d);
	}
	if(!rc && (ag->embargo_until_done || ag->embargo_until.y))
		rc = buf_printf(out, "  and meanwhile describe no group of fewer than %d people\n", ag->embargo_k);
	for(int i = 0; i < ag->nclauses && !rc; i++)
		rc = explain_clause(ag, &ag->clauses[i], out);
	return rc;
}
