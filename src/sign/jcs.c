#include "sign/jcs.h"

#include <inttypes.h>
#include <math.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/arena.h"
#include "core/json.h"
#include "core/utf8.h"

/* ---- numbers ---------------------------------------------------------- */

/* value = s × 10^x as digits without trailing zeros and the position of
 * the decimal point after the first *k digits: ECMAScript's n. */
static int digits_of(uint64_t s, int x, char digits[24], int *point)
{
	int k = snprintf(digits, 24, "%" PRIu64, s);
	*point = k + x;
	while(k > 1 && digits[k - 1] == '0')
		digits[--k] = '\0';
	return k;
}

/* "d.ddde±X" (what %.*e writes) -> the digits as an integer and the
 * exponent of the last one. */
static uint64_t parse_sci(const char *text, int *x)
{
	uint64_t s = 0;
	int frac = 0;
	bool after = false;
	const char *p = text;
	for(; *p && *p != 'e'; p++) {
		if(*p == '.') {
			after = true;
			continue;
		}
		s = s * 10 + (uint64_t)(*p - '0');
		frac += after;
	}
	*x = atoi(p + 1) - frac;
	return s;
}

static double value_of(uint64_t s, int x)
{
	char text[48];
	snprintf(text, sizeof(text), "%" PRIu64 "e%d", s, x);
	return strtod(text, NULL);
}

/* The fewest digits that read back as d (d > 0, finite), and of those the
 * nearest to d: ECMAScript's s, k and n. With p digits the correctly
 * rounded candidate is the nearest; when it misses, its neighbour on the
 * other side of d may still hit (next to a power of two, where the doubles
 * below are twice as dense as above). */
static int shortest(double d, char digits[24], int *point)
{
	char text[40];
	for(int p = 1; p < 17; p++) {
		snprintf(text, sizeof(text), "%.*e", p - 1, d);
		int x;
		uint64_t s = parse_sci(text, &x);
		double back = strtod(text, NULL);
		if(back == d)
			return digits_of(s, x, digits, point);
		uint64_t t = back < d ? s + 1 : s - 1;
		if(t && value_of(t, x) == d)
			return digits_of(t, x, digits, point);
	}
	snprintf(text, sizeof(text), "%.16e", d); /* 17 digits always read back */
	int x;
	uint64_t s = parse_sci(text, &x);
	return digits_of(s, x, digits, point);
}

/* Appends to a number's text; never more than JCS_NUMBER_MAX - 1 bytes
 * (17 digits, 21 places before the point or 6 after "0.", "e-324"). */
static char *put(char *o, const char *s, size_t n)
{
	memcpy(o, s, n);
	return o + n;
}

bool jcs_number(double d, char out[JCS_NUMBER_MAX])
{
	out[0] = '\0';
	if(!isfinite(d))
		return false;
	char *o = out;
	if(d < 0) {
		*o++ = '-';
		d = -d;
	}
	if(d == 0) { /* and -0 */
		strcpy(out, "0");
		return true;
	}
	char digits[24];
	int n;
	int k = shortest(d, digits, &n);
	static const char zeros[] = "000000000000000000000";
	if(k <= n && n <= 21) {
		o = put(o, digits, (size_t)k);
		o = put(o, zeros, (size_t)(n - k));
	} else if(0 < n && n <= 21) {
		o = put(o, digits, (size_t)n);
		*o++ = '.';
		o = put(o, digits + n, (size_t)(k - n));
	} else if(-6 < n && n <= 0) {
		o = put(o, "0.", 2);
		o = put(o, zeros, (size_t)-n);
		o = put(o, digits, (size_t)k);
	} else { /* ECMAScript writes the exponent's sign: 1e+21, 1e-7 */
		*o++ = digits[0];
		if(k > 1) {
			*o++ = '.';
			o = put(o, digits + 1, (size_t)(k - 1));
		}
		char e[8];
		int len = snprintf(e, sizeof(e), "e%s%d", n - 1 >= 0 ? "+" : "", n - 1);
		o = put(o, e, (size_t)len);
	}
	*o = '\0';
	return true;
}

/* ---- values ----------------------------------------------------------- */

typedef struct jcs_ctx {
	buf *out;
	buf path;      /* where we are, for error messages */
	arena a;       /* the sorted member lists */
	int depth;
	bool indent;   /* for people: given order, two spaces a level */
	pl_err *err;
} jcs_ctx;

/* why: the code of what is wrong (jcs.*), n its number if it has one. */
static pl_rc fail_here(jcs_ctx *c, pl_rc rc, const char *why, const char *n)
{
	if(!why) /* the output buffer failed: out of memory or over its cap */
		return pl_failc(c->err, rc, rc == PL_ELIMIT ? "jcs.limit" : "jcs.nomem", NULL);
	if(!c->path.len)
		return pl_failc(c->err, PL_EINPUT, "jcs.at_top", "why", why, "n", n, NULL);
	/* A very long path is cut at its start: the end says where. */
	char where[PL_ERR_ARG_MAX];
	const char *path = buf_str(&c->path);
	size_t len = strlen(path), cut = len > 150 ? len - 150 : 0;
	while(cut && cut < len && (path[cut] & 0xC0) == 0x80)
		cut++;
	snprintf(where, sizeof(where), "%s%s", cut ? "..." : "", path + cut);
	return pl_failc(c->err, PL_EINPUT, "jcs.at", "where", where, "why", why, "n", n, NULL);
}

typedef struct member {
	const char *key;
	size_t n;
	const json_t *v;
} member;

/* The UTF-16 code units of a code point as one number that sorts as they
 * do: a BMP character is one unit, anything above U+FFFF a surrogate pair
 * (0xD800..0xDBFF first), which sorts below U+E000..U+FFFF. */
static uint32_t utf16_order(uint32_t cp)
{
	if(cp < 0x10000)
		return cp << 16;
	cp -= 0x10000;
	return (0xD800 + (cp >> 10)) << 16 | (0xDC00 + (cp & 0x3FF));
}

static int member_cmp(const void *pa, const void *pb)
{
	const member *a = pa, *b = pb;
	size_t i = 0, j = 0;
	while(i < a->n && j < b->n) {
		uint32_t ca, cb;
		size_t la = utf8_decode(a->key + i, a->n - i, &ca);
		size_t lb = utf8_decode(b->key + j, b->n - j, &cb);
		if(!la || !lb) /* not reached: names are checked first */
			return la ? 1 : lb ? -1 : 0;
		uint32_t oa = utf16_order(ca), ob = utf16_order(cb);
		if(oa != ob)
			return oa < ob ? -1 : 1;
		i += la;
		j += lb;
	}
	return (i < a->n) - (j < b->n);
}

static pl_rc write_value(jcs_ctx *c, const json_t *v);

static pl_rc write_string(jcs_ctx *c, const char *s, size_t n)
{
	if(!utf8_valid(s, n, NULL))
		return fail_here(c, PL_EINPUT, "jcs.string_utf8", NULL);
	pl_rc rc = json_write_canonical_string(c->out, s, n);
	return rc ? fail_here(c, rc, NULL, NULL) : PL_OK;
}

static pl_rc newline(jcs_ctx *c, int level)
{
	pl_rc rc = buf_addc(c->out, '\n');
	for(int i = 0; i < level && !rc; i++)
		rc = buf_add(c->out, "  ", 2);
	return rc;
}

/* Before member or element k: the comma, and when indenting a new line. */
static pl_rc separator(jcs_ctx *c, size_t k)
{
	pl_rc rc = k ? buf_addc(c->out, ',') : PL_OK;
	return rc || !c->indent ? rc : newline(c, c->depth);
}

static pl_rc closing(jcs_ctx *c, size_t count, char close)
{
	pl_rc rc = c->indent && count ? newline(c, c->depth - 1) : PL_OK;
	return rc ? rc : buf_addc(c->out, close);
}

static pl_rc write_object(jcs_ctx *c, const json_t *v)
{
	size_t count = json_object_size(v), i = 0, n;
	member *m = arena_alloc(&c->a, (count ? count : 1) * sizeof(member));
	if(!m)
		return fail_here(c, PL_ENOMEM, NULL, NULL);
	const char *key;
	json_t *value;
	json_object_keylen_foreach((json_t *)v, key, n, value) {
		if(!utf8_valid(key, n, NULL))
			return fail_here(c, PL_EINPUT, "jcs.name_utf8", NULL);
		m[i++] = (member){key, n, value};
	}
	if(!c->indent)
		qsort(m, i, sizeof(member), member_cmp);
	pl_rc rc = buf_addc(c->out, '{');
	size_t here = c->path.len;
	for(size_t k = 0; k < i && !rc; k++) {
		rc = separator(c, k);
		if(!rc)
			rc = json_write_canonical_string(c->out, m[k].key, m[k].n);
		if(!rc)
			rc = c->indent ? buf_add(c->out, ": ", 2) : buf_addc(c->out, ':');
		if(!rc)
			rc = json_path_key(&c->path, m[k].key, m[k].n);
		if(rc)
			return fail_here(c, rc, NULL, NULL);
		if((rc = write_value(c, m[k].v)))
			return rc;
		buf_truncate(&c->path, here);
	}
	rc = rc ? rc : closing(c, i, '}');
	return rc ? fail_here(c, rc, NULL, NULL) : PL_OK;
}

static pl_rc write_array(jcs_ctx *c, const json_t *v)
{
	pl_rc rc = buf_addc(c->out, '[');
	size_t here = c->path.len, n = json_array_size(v);
	for(size_t i = 0; i < n && !rc; i++) {
		rc = separator(c, i);
		if(!rc)
			rc = json_path_index(&c->path, i);
		if(rc)
			return fail_here(c, rc, NULL, NULL);
		if((rc = write_value(c, json_array_get(v, i))))
			return rc;
		buf_truncate(&c->path, here);
	}
	rc = rc ? rc : closing(c, n, ']');
	return rc ? fail_here(c, rc, NULL, NULL) : PL_OK;
}

static pl_rc write_integer(jcs_ctx *c, json_int_t i)
{
	/* Beyond 2^53 a double (what JSON numbers are) no longer holds every
	 * integer: canonicalising would change the value. */
	const json_int_t limit = (json_int_t)1 << 53;
	if(i > limit || i < -limit) {
		char n[32];
		snprintf(n, sizeof(n), "%" JSON_INTEGER_FORMAT, i);
		return fail_here(c, PL_EINPUT, "jcs.big_integer", n);
	}
	pl_rc rc = buf_printf(c->out, "%" JSON_INTEGER_FORMAT, i);
	return rc ? fail_here(c, rc, NULL, NULL) : PL_OK;
}

/* "100000000000000000000" -> "1e+20": an integral number past 2^53 in
 * digits alone reads back as an integer, which then could not be written
 * (see write_integer), or not at all past 2^63. */
static void exponent_form(char text[JCS_NUMBER_MAX])
{
	char out[JCS_NUMBER_MAX], *o = out;
	const char *digits = text;
	if(*digits == '-')
		*o++ = *digits++;
	size_t len = strlen(digits), k = len;
	while(k > 1 && digits[k - 1] == '0')
		k--;
	*o++ = digits[0];
	if(k > 1) {
		*o++ = '.';
		memcpy(o, digits + 1, k - 1);
		o += k - 1;
	}
	snprintf(o, sizeof(out) - (size_t)(o - out), "e+%zu", len - 1);
	memcpy(text, out, sizeof(out));
}

static pl_rc write_real(jcs_ctx *c, double d)
{
	char text[JCS_NUMBER_MAX];
	if(!jcs_number(d, text))
		return fail_here(c, PL_EINPUT, "jcs.not_finite", NULL);
	if(c->indent && fabs(d) > 9007199254740992.0 && !strpbrk(text, ".e"))
		exponent_form(text);
	pl_rc rc = buf_adds(c->out, text);
	return rc ? fail_here(c, rc, NULL, NULL) : PL_OK;
}

static pl_rc write_value(jcs_ctx *c, const json_t *v)
{
	if(!v)
		return fail_here(c, PL_EINPUT, "jcs.no_value", NULL);
	if(++c->depth > JCS_DEPTH_MAX)
		return pl_failc(c->err, PL_ELIMIT, "jcs.too_deep", "max", PL_N(JCS_DEPTH_MAX), NULL);
	pl_rc rc = PL_OK;
	switch(json_typeof(v)) {
	case JSON_OBJECT: rc = write_object(c, v); break;
	case JSON_ARRAY: rc = write_array(c, v); break;
	case JSON_STRING: rc = write_string(c, json_string_value(v), json_string_length(v)); break;
	case JSON_INTEGER: rc = write_integer(c, json_integer_value(v)); break;
	case JSON_REAL: rc = write_real(c, json_real_value(v)); break;
	case JSON_TRUE:
	case JSON_FALSE:
	case JSON_NULL:
		rc = buf_adds(c->out, json_is_true(v) ? "true" : json_is_false(v) ? "false" : "null");
		if(rc)
			return fail_here(c, rc, NULL, NULL);
		break;
	}
	c->depth--;
	return rc;
}

static pl_rc run(const json_t *v, buf *out, bool indent, pl_err *err)
{
	jcs_ctx c = {.out = out, .indent = indent, .err = err};
	buf_init(&c.path, 0);
	arena_init(&c.a, 0);
	pl_rc rc = write_value(&c, v);
	buf_free(&c.path);
	arena_free(&c.a);
	return rc;
}

pl_rc jcs_write(const json_t *v, buf *out, pl_err *err)
{
	return run(v, out, false, err);
}

pl_rc jcs_write_indented(const json_t *v, buf *out, pl_err *err)
{
	pl_rc rc = run(v, out, true, err);
	return rc ? rc : buf_addc(out, '\n') ? pl_nomem(err) : PL_OK;
}

pl_rc jcs_canonical(const json_t *v, buf *out, char sha[JCS_SHA256_HEX], pl_err *err)
{
	size_t from = out->len;
	pl_rc rc = jcs_write(v, out, err);
	if(!rc) {
		unsigned char h[crypto_hash_sha256_BYTES];
		crypto_hash_sha256(h, (const unsigned char *)buf_str(out) + from, out->len - from);
		sodium_bin2hex(sha, JCS_SHA256_HEX, h, sizeof(h));
	}
	return rc;
}

pl_rc jcs_sha256_hex(const json_t *v, char out[JCS_SHA256_HEX], pl_err *err)
{
	buf b;
	buf_init(&b, 0);
	pl_rc rc = jcs_canonical(v, &b, out, err);
	buf_free(&b);
	return rc;
}
