/* Statements in words (statement.h): first the blocks of plain text (a
 * heading, paragraphs, a note), then each format writes them, escaping
 * everything: the agreement's title comes from a document, outside input. */
#include <stdio.h>
#include <string.h>

#include "accord/statement_internal.h"

enum { BLOCKS_MAX = 10 };

typedef enum block_kind { BLOCK_HEADING, BLOCK_PARAGRAPH, BLOCK_NOTE } block_kind;

static const char *const block_names[] = {"heading", "paragraph", "note"};

typedef struct blocks {
	block_kind kind[BLOCKS_MAX];
	buf text[BLOCKS_MAX];
	int n;
} blocks;

/* What the words are filled with. */
typedef struct say {
	const statement *s;
	lang_id lang;
	const statement_words *w;
	blocks *b;
} say;

/* ---- pieces ------------------------------------------------------------------ */

/* The template with {1}, {2} and {3} replaced. */
static pl_rc fill(buf *out, const char *tmpl, const char *a1, const char *a2, const char *a3)
{
	pl_rc rc = PL_OK;
	for(const char *p = tmpl; *p && !rc; p++) {
		if(p[0] == '{' && p[1] >= '1' && p[1] <= '3' && p[2] == '}') {
			const char *arg = p[1] == '1' ? a1 : p[1] == '2' ? a2 : a3;
			rc = buf_adds(out, arg ? arg : "");
			p += 2;
		} else {
			rc = buf_addc(out, *p);
		}
	}
	return rc;
}

/* "26 February 2022", "March 2022", "2022": in Ukrainian and Russian the
 * months are in the genitive, as "з березня 2022" and "26 лютого" need. */
static void date_words(pdate d, const statement_words *w, char *out, size_t size)
{
	if(!d.m)
		snprintf(out, size, "%d", d.y);
	else if(!d.d)
		snprintf(out, size, "%s %d", w->months[d.m - 1], d.y);
	else
		snprintf(out, size, "%d %s %d", d.d, w->months[d.m - 1], d.y);
}

/* A new block; NULL when there is no room (never: BLOCKS_MAX holds every
 * block a statement has). */
static buf *block(say *x, block_kind kind)
{
	blocks *b = x->b;
	if(b->n == BLOCKS_MAX)
		return NULL;
	b->kind[b->n] = kind;
	buf_init(&b->text[b->n], 0);
	return &b->text[b->n++];
}

/* A count in a sentence of forms: "21 людина". */
static pl_rc count_sentence(say *x, buf *out, const statement_forms *f, long n)
{
	char num[48];
	lang_number(x->lang, n, num, sizeof(num));
	return fill(out, statement_form(f, x->lang, n), num, NULL, NULL);
}

/* "21 years", "21 рік". */
static void years(say *x, long n, char *out, size_t size)
{
	char num[48];
	lang_number(x->lang, n, num, sizeof(num));
	snprintf(out, size, "%s %s", num, statement_form(&x->w->years, x->lang, n));
}

/* ---- the paragraphs ---------------------------------------------------------- */

static pl_rc heading(say *x)
{
	const statement *s = x->s;
	char date[64], no[16];
	date_words(s->st.date, x->w, date, sizeof(date));
	snprintf(no, sizeof(no), "%d", s->st.number);
	buf *out = block(x, BLOCK_HEADING);
	const char *what = !s->received && s->bodies ? x->w->head_bodies : x->w->head_people;
	return out ? fill(out, x->w->head, what, no, date) : PL_ELIMIT;
}

static pl_rc returned(say *x)
{
	const statement *s = x->s;
	buf *out = block(x, BLOCK_PARAGRAPH);
	if(!out)
		return PL_ELIMIT;
	if(!s->received)
		return buf_adds(out, x->w->none_returned);
	if(s->embargo)
		return buf_adds(out, x->w->returned_withheld);
	return count_sentence(x, out, &x->w->returned, s->received);
}

/* "Among them: service members of the armed forces (250), ...; severely
 * wounded (12)." Under embargo without the numbers, and only the
 * categories settled (statement_settle). */
static pl_rc categories(say *x)
{
	const statement *s = x->s;
	int n = 0;
	for(int c = 0; c < CAT_COUNT; c++)
		n += s->named[c] > 0;
	if(!n)
		return PL_OK;
	buf *out = block(x, BLOCK_PARAGRAPH);
	if(!out)
		return PL_ELIMIT;
	bool branch_named = false;
	for(int c = CAT_ARMED_FORCES; c <= CAT_OTHER_BRANCH; c++)
		branch_named |= s->named[c] > 0;
	/* The merged groups read after the categories they are the rest of. */
	static const statement_cat order[] = {CAT_ARMED_FORCES, CAT_NATIONAL_GUARD, CAT_BORDER_GUARD,
	                                      CAT_OTHER_BRANCH, CAT_OTHER_SERVICE, CAT_CIVILIAN,
	                                      CAT_SEVERELY_WOUNDED, CAT_SERIOUSLY_ILL, CAT_WOUNDED_OR_ILL,
	                                      CAT_YOUNG};
	pl_rc rc = buf_printf(out, "%s: ", x->w->among);
	int said = 0;
	for(size_t i = 0; i < sizeof(order) / sizeof(order[0]) && !rc; i++) {
		statement_cat c = order[i];
		if(!s->named[c])
			continue;
		const char *name = c == CAT_OTHER_SERVICE && !branch_named ? x->w->service_all : x->w->cats[c];
		rc = buf_printf(out, "%s%s", said++ ? ", " : "", name);
		if(!rc && !s->embargo) {
			char num[48];
			lang_number(x->lang, s->named[c], num, sizeof(num));
			rc = buf_printf(out, " (%s)", num);
		}
	}
	return rc ? rc : buf_adds(out, ".");
}

/* Under embargo: "Age groups: 18–35 years; 36 years and over." */
static pl_rc age_groups(say *x, buf *out)
{
	pl_rc rc = PL_OK;
	buf list;
	buf_init(&list, 0);
	for(int i = 0; i < x->s->ngroups && !rc; i++) {
		const statement_group *g = &x->s->groups[i];
		char lo[48], hi[48], noun[48];
		lang_number(x->lang, g->lo, lo, sizeof(lo));
		lang_number(x->lang, g->hi, hi, sizeof(hi));
		/* The noun agrees with the number next to it. */
		const int by = g->hi >= 0 ? g->hi : g->lo;
		snprintf(noun, sizeof(noun), "%s", statement_form(&x->w->years, x->lang, by));
		const char *tmpl = g->hi < 0 ? x->w->group_over : !g->lo ? x->w->group_under : x->w->group_range;
		rc = i ? buf_adds(&list, "; ") : PL_OK;
		rc = rc ? rc : fill(&list, tmpl, g->lo || g->hi < 0 ? lo : hi, hi, noun);
	}
	rc = rc ? rc : fill(out, x->w->age_groups, buf_str(&list), NULL, NULL);
	buf_free(&list);
	return rc;
}

static pl_rc ages_and_captivity(say *x)
{
	const statement *s = x->s;
	bool ages = s->embargo ? s->ngroups > 0 : s->youngest >= 0;
	bool held = s->embargo ? s->says_first_days || s->since_year : s->held_since.y;
	if(!ages && !held)
		return PL_OK;
	buf *out = block(x, BLOCK_PARAGRAPH);
	if(!out)
		return PL_ELIMIT;
	pl_rc rc = PL_OK;
	if(ages && s->embargo) {
		rc = age_groups(x, out);
	} else if(ages) {
		char a1[64], a2[64];
		years(x, s->youngest, a1, sizeof(a1));
		years(x, s->oldest, a2, sizeof(a2));
		rc = fill(out, x->w->ages, a1, a2, NULL);
	}
	rc = rc || !ages || !held ? rc : buf_adds(out, " ");
	if(!held || rc)
		return rc;
	char since[64];
	if(s->embargo && s->says_first_days)
		return buf_adds(out, x->w->first_days);
	if(s->embargo) {
		snprintf(since, sizeof(since), "%d", s->since_year);
		return fill(out, x->w->since_year, since, NULL, NULL);
	}
	date_words(s->held_since, x->w, since, sizeof(since));
	return fill(out, s->first_days ? x->w->since_first_days : x->w->since, since, NULL, NULL);
}

static pl_rc transit_and_bodies(say *x)
{
	const statement *s = x->s;
	const char *transit = s->st.transit ? s->st.transit : s->ag->transit;
	pl_rc rc = PL_OK;
	if(s->received) {
		buf *out = block(x, BLOCK_PARAGRAPH);
		rc = !out ? PL_ELIMIT
		          : fill(out, transit ? x->w->transit : x->w->transit_none,
		                 statement_place(transit, x->lang, true), NULL, NULL);
	}
	if(!rc && s->bodies) {
		buf *out = block(x, BLOCK_PARAGRAPH);
		rc = !out ? PL_ELIMIT
		     : s->embargo ? buf_adds(out, x->w->bodies_withheld)
		                  : count_sentence(x, out, &x->w->bodies, s->bodies);
	}
	return rc;
}

/* The agreement by its title, never its id; the mediator in the
 * nominative ("Посередник: Туреччина"). */
static pl_rc agreement_line(say *x)
{
	const agreement *ag = x->s->ag;
	buf *out = block(x, BLOCK_PARAGRAPH);
	if(!out)
		return PL_ELIMIT;
	pl_rc rc = fill(out, x->w->agreement, agreement_title_in(&ag->titles, x->lang, NULL), NULL, NULL);
	if(!rc && ag->mediator) {
		rc = buf_adds(out, " ");
		rc = rc ? rc : fill(out, x->w->mediated, statement_place(ag->mediator, x->lang, false), NULL, NULL);
	}
	return rc;
}

static pl_rc embargo_note(say *x)
{
	if(!x->s->embargo)
		return PL_OK;
	buf *out = block(x, BLOCK_NOTE);
	if(!out)
		return PL_ELIMIT;
	char k[48];
	lang_number(x->lang, x->s->k, k, sizeof(k));
	pl_rc rc = buf_printf(out, "%s ", x->w->withheld_note);
	return rc ? rc : fill(out, x->w->k_note, k, statement_form(&x->w->people, x->lang, x->s->k), NULL);
}

static void blocks_free(blocks *b)
{
	for(int i = 0; i < b->n; i++)
		buf_free(&b->text[i]);
	b->n = 0;
}

static pl_rc statement_blocks(const statement *s, lang_id lang, blocks *b)
{
	memset(b, 0, sizeof(*b));
	say x = {.s = s, .lang = lang, .w = statement_words_of(lang), .b = b};
	pl_rc rc = heading(&x);
	rc = rc ? rc : returned(&x);
	rc = rc ? rc : categories(&x);
	rc = rc ? rc : ages_and_captivity(&x);
	rc = rc ? rc : transit_and_bodies(&x);
	rc = rc ? rc : agreement_line(&x);
	rc = rc ? rc : embargo_note(&x);
	if(rc)
		blocks_free(b);
	return rc;
}

/* ---- the formats ------------------------------------------------------------- */

int statement_format_parse(const char *s)
{
	return !s ? -1 : !strcmp(s, "md") ? STATEMENT_MD : !strcmp(s, "html") ? STATEMENT_HTML
	                                                   : !strcmp(s, "text") ? STATEMENT_TEXT : -1;
}

/* Text as Markdown shows it: the characters that would start markup
 * escaped, and at the start of a block what would make it a list, a
 * heading or a rule. */
static pl_rc md_text(buf *out, const char *s)
{
	pl_rc rc = PL_OK;
	size_t digits = strspn(s, "0123456789");
	if(digits && (s[digits] == '.' || s[digits] == ')')) {
		rc = buf_add(out, s, digits);
		s += digits;
		rc = rc ? rc : buf_addc(out, '\\');
	} else if(s[0] && strchr("-+=", s[0])) {
		rc = buf_addc(out, '\\');
	}
	for(; *s && !rc; s++) {
		if(strchr("\\`*_[]<>#|~&!{}", *s))
			rc = buf_addc(out, '\\');
		rc = rc ? rc : buf_addc(out, *s);
	}
	return rc;
}

static pl_rc write_md(const blocks *b, buf *out)
{
	pl_rc rc = PL_OK;
	for(int i = 0; i < b->n && !rc; i++) {
		const char *t = buf_str(&b->text[i]);
		rc = i ? buf_adds(out, "\n\n") : PL_OK;
		rc = rc ? rc : buf_adds(out, b->kind[i] == BLOCK_HEADING ? "# " : b->kind[i] == BLOCK_NOTE ? "_" : "");
		rc = rc ? rc : md_text(out, t);
		rc = rc || b->kind[i] != BLOCK_NOTE ? rc : buf_adds(out, "_");
	}
	return rc ? rc : buf_adds(out, "\n");
}

static pl_rc write_html_body(const blocks *b, buf *out)
{
	static const char *const open[] = {"<h1>", "<p>", "<p><em>"}, *const close[] = {"</h1>", "</p>", "</em></p>"};
	pl_rc rc = PL_OK;
	for(int i = 0; i < b->n && !rc; i++) {
		rc = buf_adds(out, open[b->kind[i]]);
		rc = rc ? rc : buf_add_html(out, buf_str(&b->text[i]));
		rc = rc ? rc : buf_adds(out, close[b->kind[i]]);
		rc = rc ? rc : buf_addc(out, '\n');
	}
	return rc;
}

/* A page of its own, to publish or open from a file: no script, no style. */
static pl_rc write_html(const blocks *b, lang_id lang, buf *out)
{
	pl_rc rc = buf_printf(out, "<!DOCTYPE html>\n<html lang=\"%s\">\n<head>\n<meta charset=\"utf-8\">\n"
	                           "<title>", lang_code(lang));
	rc = rc || !b->n ? rc : buf_add_html(out, buf_str(&b->text[0]));
	rc = rc ? rc : buf_adds(out, "</title>\n</head>\n<body>\n<article>\n");
	rc = rc ? rc : write_html_body(b, out);
	return rc ? rc : buf_adds(out, "</article>\n</body>\n</html>\n");
}

static pl_rc write_text(const blocks *b, buf *out)
{
	pl_rc rc = PL_OK;
	for(int i = 0; i < b->n && !rc; i++) {
		rc = i ? buf_adds(out, "\n\n") : PL_OK;
		rc = rc ? rc : buf_adds(out, buf_str(&b->text[i]));
	}
	return rc ? rc : buf_adds(out, "\n");
}

static pl_rc write_blocks(const blocks *b, lang_id lang, statement_format f, buf *out)
{
	switch(f) {
	case STATEMENT_MD: return write_md(b, out);
	case STATEMENT_HTML: return write_html(b, lang, out);
	case STATEMENT_HTML_BODY: return write_html_body(b, out);
	case STATEMENT_TEXT: return write_text(b, out);
	}
	return PL_EINPUT;
}

pl_rc statement_render(const statement *s, lang_id lang, statement_format f, buf *out)
{
	blocks b;
	pl_rc rc = statement_blocks(s, lang, &b);
	rc = rc ? rc : write_blocks(&b, lang, f, out);
	blocks_free(&b);
	return rc;
}

/* ---- JSON ------------------------------------------------------------------ */

static json_t *count_or_null(bool embargo, long n)
{
	return embargo ? json_null() : json_integer(n);
}

static json_t *figures_json(const statement *s)
{
	json_t *cats = json_object();
	for(int c = 0; c < CAT_COUNT; c++)
		if(s->named[c])
			json_object_set_new(cats, statement_cat_name((statement_cat)c), count_or_null(s->embargo, s->named[c]));
	char since[DATE_STR_MAX];
	date_format(s->held_since, since);
	bool exact = !s->embargo;
	json_t *v = json_pack("{s:o, s:o, s:o, s:o, s:o, s:o, s:b}", "returned", count_or_null(s->embargo, s->received),
	                      "bodies", count_or_null(s->embargo, s->bodies), "categories", cats, "youngest",
	                      exact && s->youngest >= 0 ? json_integer(s->youngest) : json_null(), "oldest",
	                      exact && s->oldest >= 0 ? json_integer(s->oldest) : json_null(), "held_since",
	                      exact && s->held_since.y ? json_string(since) : json_null(), "first_days",
	                      s->says_first_days);
	if(!s->embargo)
		return v;
	json_t *groups = json_array();
	for(int i = 0; i < s->ngroups; i++)
		json_array_append_new(groups, json_pack("{s:i, s:o}", "from", s->groups[i].lo, "to",
		                                        s->groups[i].hi < 0 ? json_null() : json_integer(s->groups[i].hi)));
	json_object_set_new(v, "age_groups", groups);
	json_object_set_new(v, "held_since_year", s->since_year ? json_integer(s->since_year) : json_null());
	json_object_set_new(v, "merged_or_left_out", json_boolean(s->left_out));
	return v;
}

/* The text in each format and as blocks; false when out of memory. */
static bool texts_json(const statement *s, lang_id lang, json_t *v)
{
	blocks b;
	if(statement_blocks(s, lang, &b))
		return false;
	static const char *const keys[] = {"text", "html", "plain"};
	static const statement_format fmts[] = {STATEMENT_MD, STATEMENT_HTML_BODY, STATEMENT_TEXT};
	bool ok = true;
	for(int i = 0; i < 3 && ok; i++) {
		buf t;
		buf_init(&t, 0);
		ok = !write_blocks(&b, lang, fmts[i], &t) && !json_object_set_new(v, keys[i], json_string(buf_str(&t)));
		buf_free(&t);
	}
	json_t *arr = json_array();
	for(int i = 0; i < b.n; i++)
		json_array_append_new(arr, json_pack("{s:s, s:s}", "kind", block_names[b.kind[i]], "text",
		                                     buf_str(&b.text[i])));
	json_object_set_new(v, "blocks", arr);
	blocks_free(&b);
	return ok;
}

json_t *statement_json(const statement *s, lang_id lang)
{
	char date[DATE_STR_MAX];
	date_format(s->st.date, date);
	int got;
	const char *title = agreement_title_in(&s->ag->titles, lang, &got);
	json_t *v = json_pack("{s:s, s:s?, s:o, s:b, s:s, s:s, s:i, s:s, s:s, s:b, s:i, s:s?}", "agreement",
	                      s->ag->name, "agreement_title", title, "title_lang",
	                      got >= 0 ? json_string(lang_code((lang_id)got)) : json_null(), "title_fallback",
	                      got != (int)lang, "lang", lang_code(lang), "stage", s->st.uid, "number",
	                      s->st.number, "date", date, "party", s->party, "embargo", s->embargo, "k", s->k,
	                      "transit", s->st.transit ? s->st.transit : s->ag->transit);
	json_t *figures = figures_json(s);
	json_object_update(v, figures);
	json_decref(figures);
	if(!texts_json(s, lang, v))
		json_object_set_new(v, "text", json_null());
	return v;
}
