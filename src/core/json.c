#include "core/json.h"

#include <stdio.h>
#include <string.h>

#include "core/text.h"

/* The escapes JSON requires; canonical: \b and \f short, as RFC 8785 has them. */
static pl_rc write_string(buf *out, const char *s, size_t n, bool canonical)
{
	pl_rc rc = buf_addc(out, '"');
	size_t run = 0;
	for(size_t i = 0; i < n && !rc; i++) {
		unsigned char c = (unsigned char)s[i];
		if(c >= 0x20 && c != '"' && c != '\\')
			continue;
		rc = buf_add(out, s + run, i - run);
		run = i + 1;
		const char *esc = NULL;
		switch(c) {
		case '"': esc = "\\\""; break;
		case '\\': esc = "\\\\"; break;
		case '\b': esc = canonical ? "\\b" : NULL; break;
		case '\f': esc = canonical ? "\\f" : NULL; break;
		case '\n': esc = "\\n"; break;
		case '\r': esc = "\\r"; break;
		case '\t': esc = "\\t"; break;
		}
		if(!rc)
			rc = esc ? buf_adds(out, esc) : buf_printf(out, "\\u%04x", c);
	}
	if(!rc)
		rc = buf_add(out, s + run, n - run);
	return rc ? rc : buf_addc(out, '"');
}

pl_rc json_write_string(buf *out, const char *s)
{
	return write_string(out, s, strlen(s), false);
}

pl_rc json_write_canonical_string(buf *out, const char *s, size_t n)
{
	return write_string(out, s, n, true);
}

static bool plain_word(const char *key, size_t n)
{
	if(!n || (key[0] >= '0' && key[0] <= '9') || key[0] == '-')
		return false;
	for(size_t i = 0; i < n; i++) {
		char c = key[i];
		if(!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
		     c == '_' || c == '-'))
			return false;
	}
	return true;
}

pl_rc json_path_key(buf *path, const char *key, size_t n)
{
	pl_rc rc = PL_OK;
	if(!plain_word(key, n)) {
		rc = buf_addc(path, '[');
		if(!rc)
			rc = json_write_canonical_string(path, key, n);
		return rc ? rc : buf_addc(path, ']');
	}
	if(path->len)
		rc = buf_addc(path, '.');
	return rc ? rc : buf_add(path, key, n);
}

pl_rc json_path_index(buf *path, size_t i)
{
	return buf_printf(path, "[%zu]", i);
}

const char *json_unknown_key(const json_t *obj, const char *const *allowed)
{
	const char *key;
	json_t *v;
	json_object_foreach((json_t *)obj, key, v) {
		size_t i = 0;
		while(allowed[i] && strcmp(allowed[i], key))
			i++;
		if(!allowed[i])
			return key;
	}
	return NULL;
}

pl_rc json_only_keys(const json_t *obj, const char *path, const char *const *allowed, pl_err *err)
{
	const char *key = json_unknown_key(obj, allowed);
	if(!key)
		return PL_OK;
	char q[64];
	text_quote(key, q, sizeof(q));
	const char *near = text_closest(key, allowed);
	char where[PL_ERR_ARG_MAX];
	snprintf(where, sizeof(where), "%s%s%s", path && *path ? path : "", path && *path ? "." : "", q);
	return pl_failc(err, PL_EINPUT, near ? "json.unknown_near" : "json.unknown", "field", where, "near",
	                near, NULL);
}

void json_open(json_writer *w, buf *out)
{
	w->out = out;
	w->first = true;
	w->rc = buf_addc(out, '{');
}

static void key(json_writer *w, const char *k)
{
	if(!w->rc && !w->first)
		w->rc = buf_addc(w->out, ',');
	w->first = false;
	if(!w->rc)
		w->rc = json_write_string(w->out, k);
	if(!w->rc)
		w->rc = buf_addc(w->out, ':');
}

void json_member_string(json_writer *w, const char *k, const char *value)
{
	key(w, k);
	if(!w->rc)
		w->rc = value ? json_write_string(w->out, value) : buf_add(w->out, "null", 4);
}

void json_member_raw(json_writer *w, const char *k, const char *json)
{
	key(w, k);
	if(!w->rc)
		w->rc = buf_adds(w->out, json);
}

pl_rc json_close(json_writer *w)
{
	if(!w->rc)
		w->rc = buf_addc(w->out, '}');
	return w->rc;
}

char *json_err_args(const pl_err *e, bool *nomem)
{
	*nomem = false;
	if(!e || !e->code)
		return NULL;
	json_t *o = json_object();
	for(int i = 0; o && i < e->nargs; i++)
		json_object_set_new(o, e->arg[i].name, json_string(e->arg[i].value));
	char *text = o ? json_dumps(o, JSON_COMPACT | JSON_SORT_KEYS) : NULL;
	json_decref(o);
	*nomem = !text;
	return text;
}

json_t *json_lines(const buf *lines)
{
	json_t *a = json_array();
	const char *p = lines->ptr, *end = p ? p + lines->len : NULL;
	while(p && p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		size_t n = nl ? (size_t)(nl - p) : (size_t)(end - p);
		json_array_append_new(a, json_stringn(p, n));
		p += n + 1;
	}
	return a;
}
