/* Writing a coded message (msg.h); the texts are in msgtab.c and msgtab_io.c. */
#include "core/msg.h"

#include <stdlib.h>
#include <string.h>

/* The catalogue's entry whose text in l is s (l == LANG_COUNT: whose code
 * is s), in either part; NULL if none. */
static const msg_entry *msg_find(lang_id l, const char *s)
{
	const msg_entry *part[] = {msg_table, msg_table_io};
	const size_t len[] = {msg_table_len, msg_table_io_len};
	for(size_t p = 0; s && p < 2; p++)
		for(size_t i = 0; i < len[p]; i++)
			if(!strcmp(l == LANG_COUNT ? part[p][i].code : part[p][i].text[l], s))
				return &part[p][i];
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

/* {name} is the argument's value; {name:kind} the same (the web UI writes
 * the value as a label of kind, a status in words; here it stays as is);
 * {@name} is the text of the code the argument holds, in the same
 * language. Anything else is copied. */
static void fill(lang_id l, const char *tmpl, const pl_err_arg *arg, int nargs, char *out,
                 size_t size, size_t *at, int depth)
{
	for(const char *p = tmpl; *p;) {
		const char *close = *p == '{' ? strchr(p, '}') : NULL;
		if(close) {
			const char *name = p + 1 + (p[1] == '@');
			const char *colon = memchr(name, ':', (size_t)(close - name));
			const char *v = arg_of(arg, nargs, name, (size_t)((colon ? colon : close) - name));
			const char *sub = v && p[1] == '@' && depth < 2 ? msg_template(l, v) : NULL;
			if(sub)
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
