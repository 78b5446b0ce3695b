/* Requests: what a request says. Its path and query values decoded, query
 * parameters read as numbers, the JSON body parsed and held to the keys a
 * handler takes, its fields read with their types checked. A value that is
 * not what was asked for is answered here (naming its field where there is
 * one), so that the handler only returns. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "core/date.h"
#include "core/json.h"
#include "http/internal.h"

/* Percent-decoding of paths and query values, as MHD's own, except that
 * %00 becomes a byte no route, file or field accepts: a NUL would cut the
 * text short and make "/app.js%00.html" read as "/app.js". */
static int hex_value(char c)
{
	return c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10
	       : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
}

size_t http_unescape(void *cls, struct MHD_Connection *conn, char *s)
{
	char *out = s;
	for(const char *in = s; *in; in++) {
		int hi, lo;
		if(*in == '%' && (hi = hex_value(in[1])) >= 0 && (lo = hex_value(in[2])) >= 0) {
			int c = hi * 16 + lo;
			*out++ = c ? (char)c : '\x7f';
			in += 2;
		} else {
			*out++ = *in;
		}
	}
	*out = '\0';
	return (size_t)(out - s);
}

const char *http_query(http_req *q, const char *name)
{
	return MHD_lookup_connection_value(q->conn, MHD_GET_ARGUMENT_KIND, name);
}

bool http_opt_string(http_req *q, json_t *b, const char *key, const char **out)
{
	json_t *v = json_object_get(b, key);
	*out = json_string_value(v);
	if(v && !*out) {
		http_errorc(q, MHD_HTTP_UNPROCESSABLE_CONTENT, "bad_input", key, "http.expected_string", "field",
		            key, NULL);
		return false;
	}
	return true;
}

bool http_body_is_json(http_req *q)
{
	const char *ct = MHD_lookup_connection_value(q->conn, MHD_HEADER_KIND, "Content-Type");
	/* JSON only: a form posted from another site cannot send it. */
	if(!ct || strncmp(ct, "application/json", 16)) {
		http_errorc(q, MHD_HTTP_UNSUPPORTED_MEDIA_TYPE, "bad_media_type", NULL, "http.not_json", NULL);
		return false;
	}
	return true;
}

bool http_check_keys(http_req *q, json_t *obj, const char *const *allowed, const char *where)
{
	const char *key = json_unknown_key(obj, allowed);
	if(!key)
		return true;
	char name[160];
	snprintf(name, sizeof(name), "%s%s%.80s", where ? where : "", where ? "." : "", key);
	http_errorc(q, MHD_HTTP_UNPROCESSABLE_CONTENT, "unknown_field", name, "http.unknown_field", "field",
	            name, NULL);
	return false;
}

json_t *http_body(http_req *q, const char *const *allowed)
{
	if(!http_body_is_json(q))
		return NULL;
	json_error_t je;
	json_t *v = json_loadb(buf_str(&q->body), q->body.len, JSON_REJECT_DUPLICATES, &je);
	if(!v) {
		http_errorc(q, MHD_HTTP_BAD_REQUEST, "bad_json", NULL, "http.bad_json", "line", PL_N(je.line),
		            "column", PL_N(je.column), "detail", je.text, NULL);
		return NULL;
	}
	if(!json_is_object(v)) {
		json_decref(v);
		http_errorc(q, MHD_HTTP_BAD_REQUEST, "bad_json", NULL, "http.not_object", NULL);
		return NULL;
	}
	if(!http_check_keys(q, v, allowed, NULL)) {
		json_decref(v);
		return NULL;
	}
	return v;
}

bool http_opt_bool(http_req *q, json_t *b, const char *key, bool *out)
{
	json_t *v = json_object_get(b, key);
	if(v && !json_is_boolean(v)) {
		http_errorc(q, MHD_HTTP_UNPROCESSABLE_CONTENT, "bad_input", key, "http.expected_bool", "field", key,
		            NULL);
		return false;
	}
	if(v)
		*out = json_is_true(v);
	return true;
}

bool http_opt_long(http_req *q, json_t *b, const char *key, long min, long max, long *out)
{
	json_t *v = json_object_get(b, key);
	if(v && (!json_is_integer(v) || json_integer_value(v) < min || json_integer_value(v) > max)) {
		http_errorc(q, MHD_HTTP_UNPROCESSABLE_CONTENT, "bad_input", key, "http.expected_int", "field", key,
		            "min", PL_N(min), "max", PL_N(max), NULL);
		return false;
	}
	if(v)
		*out = (long)json_integer_value(v);
	return true;
}

bool http_query_long(http_req *q, const char *name, long min, long max, long *out)
{
	const char *v = http_query(q, name);
	if(!v)
		return true;
	char *end;
	errno = 0;
	long n = strtol(v, &end, 10);
	if(errno || end == v || *end || n < min || n > max) {
		http_errorc(q, MHD_HTTP_BAD_REQUEST, "bad_input", name, "http.range", "field", name, "min",
		            PL_N(min), "max", PL_N(max), NULL);
		return false;
	}
	*out = n;
	return true;
}

bool http_full_date(http_req *q, unsigned status, const char *name, const char *v, pdate *out)
{
	const char *why;
	pdate d;
	if(!v)
		return true;
	if(!date_parse(v, &d, &why) || !d.d) {
		http_errorc(q, status, "bad_input", name, "http.full_date", "field", name, "value", v, NULL);
		return false;
	}
	*out = d;
	return true;
}
