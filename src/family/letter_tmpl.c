/* The letters' template language: text with {placeholders}, "{{" and "}}"
 * for a brace. One pass checks and writes, so that what is checked is
 * what is written; a problem is named with its line and column (in
 * characters, as an editor counts them), and nothing is written. */
#include <stdio.h>
#include <string.h>

#include "core/date.h"
#include "core/msg.h"
#include "core/utf8.h"
#include "family/letter.h"

const char *const letter_placeholder_names[LP_COUNT + 1] = {
	"inquirer", "person", "birth_date", "inquiry_ref", "inquiry_date", "status", "status_date",
	"return_date", "office", "today", "dear", NULL};

static int placeholder(const char *name, size_t n)
{
	for(int p = 0; p < LP_COUNT; p++)
		if(strlen(letter_placeholder_names[p]) == n && !memcmp(letter_placeholder_names[p], name, n))
			return p;
	return -1;
}

static pl_rc at(pl_err *err, const char *code, long line, long col, const char *name)
{
	return pl_failc(err, PL_EINPUT, code, "line", PL_N(line), "column", PL_N(col), name ? "name" : NULL, name,
	                NULL);
}

/* Where the brace at text[i] is closed on its line: the index of its '}',
 * or 0 if it is not (a newline or another '{' first). */
static size_t closing(const char *text, size_t len, size_t i)
{
	for(size_t j = i + 1; j < len; j++) {
		if(text[j] == '}')
			return j;
		if(text[j] == '\n' || text[j] == '{')
			return 0;
	}
	return 0;
}

static pl_rc put(buf *out, const void *p, size_t n)
{
	return out ? buf_add(out, p, n) : PL_OK;
}

static pl_rc walk(const char *text, size_t len, const char *const *values, int lang, buf *out, pl_err *err)
{
	if(len > LETTER_TMPL_MAX)
		return pl_failc(err, PL_EINPUT, "letters.tmpl_too_long", "max", PL_N(LETTER_TMPL_MAX), NULL);
	const char *unknown = msg_template((lang_id)lang, "letters.unknown");
	long line = 1, col = 1;
	pl_rc rc = PL_OK;
	for(size_t i = 0; i < len && !rc;) {
		uint32_t cp;
		size_t n = utf8_decode(text + i, len - i, &cp);
		if(!n || !cp)
			return at(err, "letters.tmpl_utf8", line, col, NULL);
		if(cp == '{' && i + 1 < len && text[i + 1] == '{') {
			rc = put(out, "{", 1);
			n = 2;
		} else if(cp == '}' && i + 1 < len && text[i + 1] == '}') {
			rc = put(out, "}", 1);
			n = 2;
		} else if(cp == '}') {
			return at(err, "letters.tmpl_stray", line, col, NULL);
		} else if(cp == '{') {
			size_t j = closing(text, len, i);
			if(!j)
				return at(err, "letters.tmpl_unclosed", line, col, NULL);
			int p = placeholder(text + i + 1, j - i - 1);
			if(p < 0) {
				char name[64];
				size_t k = utf8_prefix_bytes(text + i + 1, j - i - 1 < 48 ? j - i - 1 : 48);
				snprintf(name, sizeof(name), "%.*s", (int)k, text + i + 1);
				if(!utf8_valid(name, strlen(name), NULL))
					name[0] = '\0';
				return at(err, "letters.tmpl_unknown", line, col, name);
			}
			if(out) {
				const char *v = values && values[p] && *values[p] ? values[p] : unknown ? unknown : "";
				rc = buf_adds(out, v);
			}
			col += (long)(j - i); /* the name's characters are ASCII or refused above */
			n = j - i + 1;
		} else {
			rc = put(out, text + i, n);
		}
		i += n;
		if(cp == '\n') {
			line++;
			col = 1;
		} else {
			col++;
		}
	}
	return rc;
}

pl_rc letter_tmpl_render(const char *text, size_t len, const char *const *values, int lang, buf *out,
                         pl_err *err)
{
	size_t was = out ? out->len : 0;
	pl_rc rc = walk(text, len, values, lang, out, err);
	if(rc && out) /* a refusal writes nothing */
		buf_truncate(out, was);
	return rc;
}

void letter_date_words(const char *day, int lang, char *out, size_t size)
{
	pdate d;
	const char *why = NULL;
	if(!day || !date_parse(day, &d, &why)) {
		snprintf(out, size, "%s", day ? day : "");
		return;
	}
	/* the month in the genitive in Ukrainian and Russian ("12 березня"),
	 * in the nominative alone ("березень 2022") */
	char code[32];
	snprintf(code, sizeof(code), d.d ? "letters.month_of_%d" : "letters.month_%d", d.m ? d.m : 1);
	const char *month = msg_template((lang_id)lang, code);
	pl_err_arg args[3] = {{.name = "day"}, {.name = "month"}, {.name = "year"}};
	snprintf(args[0].value, sizeof(args[0].value), "%d", d.d);
	snprintf(args[1].value, sizeof(args[1].value), "%s", month ? month : "");
	snprintf(args[2].value, sizeof(args[2].value), "%d", d.y);
	const char *form = !d.m ? "letters.date_year" : !d.d ? "letters.date_month" : "letters.date_day";
	const char *tmpl = msg_template((lang_id)lang, form);
	msg_fill((lang_id)lang, tmpl ? tmpl : "{day} {month} {year}", args, 3, out, size);
}
