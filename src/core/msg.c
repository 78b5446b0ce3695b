/* Writing a coded message (msg.h); the texts are in msgtab.c and msgtab_io.c. */
#include "core/msg.h"

#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

extern const msg_entry msg_table[], msg_table_io[], msg_table_accord[], msg_table_cli[],
	msg_table_dna[], msg_table_registry[], msg_table_sign[], msg_table_sys[],
	msg_table_http13[], msg_table_auth13[], msg_table_crypt13[], msg_table_store13[],
	msg_table_match14[], msg_table_totp[], msg_table_addr[], msg_table_qsearch[],
	msg_table_alog[], msg_table_family[],
	msg_table_watch[], msg_table_antemortem[], msg_table_dnaconsent[],
	msg_table_letters[], msg_table_testimony[], msg_table_webparity[];

const msg_entry *const msg_parts[] = {msg_table,         msg_table_io,      msg_table_accord,
                                      msg_table_cli,     msg_table_dna,     msg_table_registry,
                                      msg_table_sign,    msg_table_sys,     msg_table_http13,
                                      msg_table_auth13,  msg_table_crypt13, msg_table_store13,
                                      msg_table_match14, msg_table_totp,    msg_table_addr,
                                      msg_table_qsearch, msg_table_alog,    msg_table_family,  msg_table_watch,
                                      msg_table_antemortem, msg_table_dnaconsent, msg_table_letters, msg_table_testimony,
                                      msg_table_webparity, NULL};

void msg_each(void (*fn)(const msg_entry *e, void *arg), void *arg)
{
	for(size_t p = 0; msg_parts[p]; p++)
		for(const msg_entry *e = msg_parts[p]; e->code; e++)
			fn(e, arg);
}

/* The catalogue's entry whose text in l is s (l == LANG_COUNT: whose code
 * is s), in any part; NULL if none. */
static const msg_entry *msg_find(lang_id l, const char *s)
{
	for(size_t p = 0; s && msg_parts[p]; p++)
		for(const msg_entry *e = msg_parts[p]; e->code; e++)
			if(!strcmp(l == LANG_COUNT ? e->code : e->text[l], s))
				return e;
	return NULL;
}

const char *msg_template(lang_id l, const char *code)
{
	const msg_entry *e = (unsigned)l < LANG_COUNT ? msg_find(LANG_COUNT, code) : NULL;
	return e ? e->text[l] : NULL;
}

static const char *arg_of(const pl_err_arg *arg, int nargs, const char *name, size_t len)
{
	for(int i = 0; i < nargs; i++)
		if(strlen(arg[i].name) == len && !strncmp(arg[i].name, name, len))
			return arg[i].value;
	return NULL;
}

static void put(char *out, size_t size, size_t *at, const char *s, size_t n)
{
	if(*at + 1 >= size)
		return;
	if(n > size - 1 - *at)
		n = size - 1 - *at;
	memcpy(out + *at, s, n);
	*at += n;
}

/* The form of "{n#form|form|form}" (from '#' to the brace) that the number
 * v takes in l: English has one|other, Ukrainian and Russian one|few|many
 * (lang.h); a missing form is the last one given. */
static void put_plural(lang_id l, const char *forms, const char *close, const char *v, char *out,
                       size_t size, size_t *at)
{
	int want = (int)lang_plural_of(l, strtol(v, NULL, 10));
	if(l == LANG_EN)
		want = want == PLURAL_ONE ? 0 : 1;
	const char *p = forms;
	for(int i = 0; i < want; i++) {
		const char *bar = memchr(p, '|', (size_t)(close - p));
		if(!bar)
			break;
		p = bar + 1;
	}
	const char *end = memchr(p, '|', (size_t)(close - p));
	put(out, size, at, p, (size_t)((end ? end : close) - p));
}

/* {name} is the argument's value; {name:kind} the same (the web UI writes
 * the value as a label of kind, a status in words; here it stays as is);
 * {@name} is the text of the code the argument holds, in the same
 * language (three levels deep at most: an import's result, its first
 * problem, the problem's reason); {name#one|few|many} the word's form for the number the
 * argument holds. Anything else is copied. */
static void fill(lang_id l, const char *tmpl, const pl_err_arg *arg, int nargs, char *out,
                 size_t size, size_t *at, int depth)
{
	for(const char *p = tmpl; *p;) {
		const char *close = *p == '{' ? strchr(p, '}') : NULL;
		if(close) {
			const char *name = p + 1 + (p[1] == '@');
			const char *colon = memchr(name, ':', (size_t)(close - name));
			const char *hash = memchr(name, '#', (size_t)(close - name));
			const char *end = hash ? hash : colon ? colon : close;
			const char *v = arg_of(arg, nargs, name, (size_t)(end - name));
			const char *sub = v && p[1] == '@' && depth < 3 ? msg_template(l, v) : NULL;
			if(v && hash)
				put_plural(l, hash + 1, close, v, out, size, at);
			else if(sub)
				fill(l, sub, arg, nargs, out, size, at, depth + 1);
			else if(v)
				put(out, size, at, v, strlen(v));
			if(v) {
				p = close + 1;
				continue;
			}
		}
		const char *next = strchr(p + 1, '{');
		size_t n = next ? (size_t)(next - p) : strlen(p);
		put(out, size, at, p, n);
		p += n;
	}
}

void msg_fill(lang_id l, const char *tmpl, const pl_err_arg *arg, int nargs, char *out, size_t size)
{
	size_t at = 0;
	if(!size)
		return;
	fill(l, tmpl, arg, nargs, out, size, &at, 0);
	out[at] = '\0';
}

const char *msg_code_of(const char *english)
{
	const msg_entry *e = msg_find(LANG_EN, english);
	return e ? e->code : NULL;
}

void msg_err_text(const pl_err *err, lang_id l, char *out, size_t size)
{
	const char *tmpl = err->code ? msg_template(l, err->code) : NULL;
	if(!tmpl || l == LANG_EN || err->body > strlen(err->msg)) {
		size_t n = strlen(err->msg);
		size_t at = 0;
		put(out, size, &at, err->msg, n);
		if(size)
			out[at] = '\0';
		return;
	}
	size_t at = 0;
	put(out, size, &at, err->msg, err->body);
	if(size)
		out[at] = '\0';
	msg_fill(l, tmpl, err->arg, err->nargs, out + at, size - at);
}

lang_id msg_env_lang(void)
{
	static const char *const vars[] = {"LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"};
	for(size_t i = 0; i < sizeof(vars) / sizeof(vars[0]); i++) {
		const char *v = getenv(vars[i]);
		if(!v || !*v)
			continue;
		if(!strncmp(v, "uk", 2))
			return LANG_UK;
		if(!strncmp(v, "ru", 2))
			return LANG_RU;
		return LANG_EN;
	}
	return LANG_EN;
}

void msg_wrap(pl_err *err, const char *code, ...)
{
	if(!err)
		return;
	const char *tmpl = msg_template(LANG_EN, code);
	pl_err_arg extra[PL_ERR_ARGS];
	int n = 0;
	va_list ap;
	va_start(ap, code);
	for(const char *name; (name = va_arg(ap, const char *));) {
		const char *value = va_arg(ap, const char *);
		if(n == PL_ERR_ARGS - 1)
			pl_panic("message %s: more than %d arguments", code, PL_ERR_ARGS - 1);
		extra[n].name = name;
		snprintf(extra[n++].value, sizeof(extra[0].value), "%s", value ? value : "");
	}
	va_end(ap);
	if(!tmpl)
		pl_panic("message %s: not in the catalogue", code);
	/* The context: the template with {@said} (its end) left empty, put in
	 * front of the English as it is. */
	extra[n].name = "said";
	extra[n].value[0] = '\0';
	char head[PL_ERR_MSG_MAX];
	msg_fill(LANG_EN, tmpl, extra, n + 1, head, sizeof(head));
	const char *inner = err->code;
	bool coded = inner && !err->body && err->nargs + n + 1 <= PL_ERR_ARGS;
	for(int i = 0; coded && i <= n; i++)
		for(int k = 0; coded && k < err->nargs; k++)
			coded = strcmp(extra[i].name, err->arg[k].name) != 0; /* one value a name */
	pl_err_prefix(err, "%s", head);
	if(!coded)
		return;
	memcpy(err->arg + err->nargs, extra, (size_t)n * sizeof(extra[0]));
	err->nargs += n;
	err->arg[err->nargs].name = "said";
	snprintf(err->arg[err->nargs++].value, PL_ERR_ARG_MAX, "%s", inner);
	err->code = code;
	err->body = 0;
}
