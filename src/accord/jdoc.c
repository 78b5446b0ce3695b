/* Reading the JSON documents of agreements and manifests: each value
 * checked where it is, each error naming the file and the path. */
#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "accord/internal.h"
#include "core/json.h"
#include "core/msg.h"
#include "core/text.h"

void jdoc_path(char *out, size_t size, const char *path, const char *key)
{
	if(path && *path)
		snprintf(out, size, "%s.%s", path, key);
	else
		snprintf(out, size, "%s", key);
}

pl_rc jdoc_at(jdoc *d, const char *path, pl_rc rc)
{
	if(path && *path)
		pl_err_prefix(d->err, "%s: %s: ", d->name, path);
	else
		pl_err_prefix(d->err, "%s: ", d->name);
	return rc;
}

pl_rc jdoc_load(jdoc *d, const char *text, size_t len, json_t **out)
{
	json_error_t je;
	*out = json_loadb(text, len, JSON_REJECT_DUPLICATES, &je);
	if(!*out)
		/* jansson's words */
		return pl_fail(d->err, PL_EINPUT, "%s:%d:%d: %s", d->name, je.line, je.column, je.text);
	return PL_OK;
}

pl_rc jdoc_object(jdoc *d, json_t *obj, const char *path, const char *const *allowed)
{
	if(!json_is_object(obj))
		return jdoc_at(d, path, pl_failc(d->err, PL_EINPUT, "doc.object", NULL));
	pl_rc rc = json_only_keys(obj, path, allowed, d->err);
	if(rc)
		pl_err_prefix(d->err, "%s: ", d->name);
	return rc;
}

pl_rc jdoc_string(jdoc *d, json_t *obj, const char *path, const char *key, bool required,
                  const char **out)
{
	char where[256];
	jdoc_path(where, sizeof(where), path, key);
	json_t *v = json_object_get(obj, key);
	*out = NULL;
	if(!v || json_is_null(v)) {
		if(required)
			return jdoc_at(d, where, pl_failc(d->err, PL_EINPUT, "doc.required", NULL));
		return PL_OK;
	}
	if(!json_is_string(v))
		return jdoc_at(d, where, pl_failc(d->err, PL_EINPUT, "doc.text", NULL));
	const char *s = json_string_value(v);
	size_t n = json_string_length(v);
	if(!n)
		return jdoc_at(d, where, pl_failc(d->err, PL_EINPUT, "doc.text_empty", NULL));
	if(strlen(s) != n || strchr(s, '\n') || strchr(s, '\r'))
		return jdoc_at(d, where, pl_failc(d->err, PL_EINPUT, "doc.one_line", NULL));
	*out = arena_strdup(d->a, s);
	return *out ? PL_OK : pl_nomem(d->err);
}

pl_rc jdoc_date(jdoc *d, json_t *obj, const char *path, const char *key, bool required,
                pdate *out)
{
	const char *s;
	pl_rc rc = jdoc_string(d, obj, path, key, required, &s);
	if(rc)
		return rc;
	*out = (pdate){0};
	if(!s)
		return PL_OK;
	const char *why;
	if(!date_parse(s, out, &why)) {
		char where[256], q[64];
		jdoc_path(where, sizeof(where), path, key);
		text_quote(s, q, sizeof(q));
		return jdoc_at(d, where, pl_failc(d->err, PL_EINPUT, "doc.bad_value", "why",
		                                  msg_code_of(why) ? msg_code_of(why) : why, "value", q,
		                                  NULL));
	}
	return PL_OK;
}

pl_rc jdoc_long(jdoc *d, json_t *obj, const char *path, const char *key, bool required, long min,
                long max, long *out)
{
	char where[256];
	jdoc_path(where, sizeof(where), path, key);
	json_t *v = json_object_get(obj, key);
	if(!v) {
		if(required)
			return jdoc_at(d, where, pl_failc(d->err, PL_EINPUT, "doc.required", NULL));
		return PL_OK;
	}
	json_int_t n = json_integer_value(v);
	if(!json_is_integer(v) || n < min || n > max)
		return jdoc_at(d, where, pl_failc(d->err, PL_EINPUT, "doc.whole_number", "min", PL_N(min),
		                                  "max", PL_N(max), NULL));
	*out = (long)n;
	return PL_OK;
}

bool accord_code_valid(const char *s)
{
	size_t n = strlen(s);
	if(n < 2 || n > PARTY_CODE_MAX || !isupper((unsigned char)s[0]))
		return false;
	for(size_t i = 0; i < n; i++)
		if(!isupper((unsigned char)s[i]) && !isdigit((unsigned char)s[i]))
			return false;
	return true;
}

