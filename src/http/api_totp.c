/* The second factor over HTTP: the sign-in's second step (a code, or
 * enrolment when a role requires one and none is in force), one's own
 * factor (begin, confirm, turn off, new recovery codes), an admin's reset
 * and the roles that must use one. Wrong codes count against the same
 * limit as wrong passwords (GROUP_LOGINS). Secrets and codes are answered
 * once and never logged. */
#include <qrencode.h>
#include <sodium.h>
#include <string.h>
#include <time.h>

#include "core/buf.h"
#include "http/internal.h"

/* The URI as a QR code, in SVG: one path of dark modules, four modules of
 * quiet zone around, for the phone's camera. NULL if it could not be made
 * (the secret and URI are answered all the same). */
static json_t *qr_svg(const char *uri)
{
	QRcode *qr = QRcode_encodeString(uri, 0, QR_ECLEVEL_M, QR_MODE_8, 1);
	if(!qr)
		return NULL;
	int w = qr->width, side = w + 8;
	buf b;
	buf_init(&b, 0);
	pl_rc rc = buf_printf(&b, "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 %d %d\" "
	                          "shape-rendering=\"crispEdges\"><rect width=\"%d\" height=\"%d\" fill=\"#fff\"/>"
	                          "<path fill=\"#000\" d=\"", side, side, side, side);
	for(int y = 0; !rc && y < w; y++)
		for(int x = 0; !rc && x < w; x++)
			if(qr->data[y * w + x] & 1)
				rc = buf_printf(&b, "M%d %dh1v1h-1z", x + 4, y + 4);
	if(!rc)
		rc = buf_adds(&b, "\"/></svg>");
	QRcode_free(qr);
	json_t *v = rc ? NULL : json_string(buf_str(&b));
	buf_free(&b);
	return v;
}

/* A new secret as the user's app takes it: base32, URI, QR code. */
static json_t *secret_json(const totp_secret *t)
{
	json_t *o = json_pack("{s:s, s:s, s:i, s:i}", "secret", t->base32, "uri", t->uri, "digits", TOTP_DIGITS,
	                      "period", TOTP_PERIOD);
	json_t *svg = qr_svg(t->uri);
	if(svg)
		json_object_set_new(o, "qr_svg", svg);
	return o;
}

static json_t *codes_json(recovery_codes codes)
{
	json_t *a = json_array();
	for(int i = 0; i < RECOVERY_CODES; i++)
		json_array_append_new(a, json_string(codes[i]));
	sodium_memzero(codes, sizeof(recovery_codes));
	return a;
}

/* The password was right and a second factor is due: no session yet, a
 * pending token for the second step; and, when the role requires one and
 * none is in force, a new secret to enrol with. */
void login_second_step(http_req *q, const user *u, int64_t now)
{
	char pending[TOKEN_LEN + 1];
	totp_secret t;
	pl_err err = {0};
	if((!u->totp && auth_totp_begin(q->st, u, &t, &err)) ||
	   auth_pending_create(q->st, u, now, pending, &err)) {
		http_fail(q, &err);
		return;
	}
	json_t *o = u->totp ? json_object() : secret_json(&t);
	json_object_set_new(o, "second_factor", json_string(u->totp ? "totp" : "enrol"));
	json_object_set_new(o, "user", json_string(u->name));
	json_object_set_new(o, "pending", json_string(pending));
	json_object_set_new(o, "expires_in", json_integer(PENDING_LIFE));
	sodium_memzero(pending, sizeof(pending));
	sodium_memzero(&t, sizeof(t));
	http_json(q, MHD_HTTP_OK, o);
}

/* The body's "code" (and the other strings of `keys`, into vals);
 * NULL, answered, if one is missing. */
static json_t *code_body(http_req *q, const char *const *keys, const char **vals)
{
	json_t *b = http_body(q, keys);
	if(!b)
		return NULL;
	for(int i = 0; keys[i]; i++)
		if(!(vals[i] = json_string_value(json_object_get(b, keys[i])))) {
			json_decref(b);
			http_errorc(q, MHD_HTTP_UNPROCESSABLE_CONTENT, "bad_input", keys[i], "http.totp_field", "field",
			            keys[i], NULL);
			return NULL;
		}
	return b;
}

/* A wrong code counted as a failed sign-in; any other failure answered. */
static void code_refused(http_req *q, const login_keys *k, int64_t now, const pl_err *err, unsigned status)
{
	if(err->rc == PL_EINPUT) {
		login_failed(q, k, now);
		bool password = err->code && !strcmp(err->code, "auth.wrong_password");
		http_refuse(q, status, status == MHD_HTTP_UNAUTHORIZED ? "unauthorized" : "forbidden",
		            password ? "password" : "code", err);
	} else {
		http_fail(q, err);
	}
}

void api_login_second_factor(http_req *q)
{
	static const char *const keys[] = {"pending", "code", NULL};
	const char *v[2];
	json_t *b = code_body(q, keys, v);
	if(!b)
		return;
	int64_t now = time(NULL);
	user u;
	pl_err err = {0};
	if(auth_pending_user(q->st, v[0], now, &u, &err)) {
		json_decref(b);
		http_refuse(q, MHD_HTTP_UNAUTHORIZED, "unauthorized", "pending", &err);
		return;
	}
	login_keys k;
	if(login_limited(q, u.name, true, &k, now)) {
		json_decref(b);
		return;
	}
	recovery_codes codes;
	bool enrolling = !u.totp;
	pl_rc rc = enrolling ? auth_totp_confirm(q->st, &u, v[1], now, codes, &err)
	                     : auth_totp_check(q->st, &u, v[1], now, &err);
	/* Used once: a second request with the same token finds it gone. */
	if(!rc)
		rc = auth_pending_take(q->st, v[0], &err);
	json_decref(b);
	if(rc) {
		code_refused(q, &k, now, &err, MHD_HTTP_UNAUTHORIZED);
		return;
	}
	u.totp = true;
	login_open_session(q, &u, &k, now,
	                   enrolling ? json_pack("{s:o}", "recovery_codes", codes_json(codes)) : NULL);
}

/* ---- one's own factor -------------------------------------------------- */

/* Changes to one's factor are made in a session (a token must not turn it
 * off); false, 403 answered, otherwise. */
static bool in_session(http_req *q)
{
	if(q->by_cookie)
		return true;
	http_errorc(q, MHD_HTTP_FORBIDDEN, "forbidden", NULL, "http.totp_session", NULL);
	return false;
}

void api_totp_status(http_req *q)
{
	totp_status t;
	pl_err err = {0};
	if(auth_totp_status(q->st, &q->who, &t, &err)) {
		http_fail(q, &err);
		return;
	}
	http_json(q, MHD_HTTP_OK, json_pack("{s:b, s:b, s:b, s:s?, s:i}", "enrolled", t.enrolled, "pending",
	                                    t.pending, "required", t.required, "confirmed_at",
	                                    t.confirmed_at[0] ? t.confirmed_at : NULL, "recovery_left",
	                                    t.recovery_left));
}

void api_totp_begin(http_req *q)
{
	if(!in_session(q))
		return;
	totp_secret t;
	pl_err err = {0};
	if(auth_totp_begin(q->st, &q->who, &t, &err)) {
		http_fail(q, &err);
		return;
	}
	http_json(q, MHD_HTTP_OK, secret_json(&t));
	sodium_memzero(&t, sizeof(t));
}

/* Confirm, turn off, renew: a code typed in one's session, counted as a
 * sign-in's. */
typedef enum { CONFIRM, DISABLE, RENEW } code_action;

static void with_code(http_req *q, code_action what)
{
	static const char *const code_only[] = {"code", NULL}, *const with_password[] = {"code", "password",
	                                                                                NULL};
	if(!in_session(q))
		return;
	const char *v[2];
	json_t *b = code_body(q, what == DISABLE ? with_password : code_only, v);
	if(!b)
		return;
	int64_t now = time(NULL);
	login_keys k;
	if(login_limited(q, q->who.name, false, &k, now)) {
		json_decref(b);
		return;
	}
	recovery_codes codes;
	pl_err err = {0};
	pl_rc rc = what == CONFIRM ? auth_totp_confirm(q->st, &q->who, v[0], now, codes, &err)
	           : what == RENEW ? auth_recovery_renew(q->st, &q->who, v[0], now, codes, &err)
	                           : auth_totp_disable(q->st, &q->who, v[1], v[0], now, &err);
	json_decref(b);
	if(rc) {
		code_refused(q, &k, now, &err, MHD_HTTP_FORBIDDEN);
		return;
	}
	http_json(q, MHD_HTTP_OK, what == DISABLE ? json_pack("{s:b}", "enrolled", 0)
	                                          : json_pack("{s:b, s:o}", "enrolled", 1, "recovery_codes",
	                                                      codes_json(codes)));
}

void api_totp_confirm(http_req *q) { with_code(q, CONFIRM); }
void api_totp_disable(http_req *q) { with_code(q, DISABLE); }
void api_totp_recovery(http_req *q) { with_code(q, RENEW); }

/* ---- the admin's -------------------------------------------------------- */

void api_totp_reset(http_req *q)
{
	pl_err err = {0};
	if(auth_totp_reset(q->st, q->param[0], q->who.name, &err)) {
		http_fail(q, &err);
		return;
	}
	http_json(q, MHD_HTTP_OK, json_pack("{s:s, s:b}", "user", q->param[0], "reset", 1));
}

static json_t *roles_json(role_set set)
{
	json_t *a = json_array();
	for(int r = 0; r < ROLE_COUNT; r++)
		if(set & (1u << r))
			json_array_append_new(a, json_string(role_names[r]));
	return a;
}

/* The roles docs/security.md suggests: those that read medical details or
 * DNA, as the permission matrix says today. */
static role_set suggested(void)
{
	role_set s = 0;
	for(int r = 0; r < ROLE_COUNT; r++)
		if(auth_can(1u << r, PERM_MEDICAL_READ) || auth_can(1u << r, PERM_DNA_READ))
			s |= 1u << r;
	return s;
}

void api_second_factor_get(http_req *q)
{
	role_set need;
	pl_err err = {0};
	if(auth_second_factor_roles(q->st, &need, &err)) {
		http_fail(q, &err);
		return;
	}
	http_json(q, MHD_HTTP_OK, json_pack("{s:o, s:o}", "roles", roles_json(need), "suggested",
	                                    roles_json(suggested())));
}

void api_second_factor_set(http_req *q)
{
	static const char *const keys[] = {"roles", NULL};
	json_t *b = http_body(q, keys);
	if(!b)
		return;
	json_t *a = json_object_get(b, "roles"), *e;
	role_set need = 0;
	size_t i;
	bool ok = json_is_array(a);
	json_array_foreach(a, i, e) {
		role_set one;
		const char *bad;
		size_t badlen;
		const char *name = json_string_value(e);
		if(!name || !*name || strchr(name, ',') || !auth_roles_parse(name, &one, &bad, &badlen))
			ok = false;
		else
			need |= one;
	}
	json_decref(b);
	if(!ok) {
		http_errorc(q, MHD_HTTP_UNPROCESSABLE_CONTENT, "bad_input", "roles", "http.totp_roles", NULL);
		return;
	}
	long ended = 0;
	pl_err err = {0};
	if(auth_second_factor_require(q->st, need, q->who.name, &ended, &err)) {
		http_fail(q, &err);
		return;
	}
	http_json(q, MHD_HTTP_OK, json_pack("{s:o, s:I}", "roles", roles_json(need), "sessions_ended",
	                                    (json_int_t)ended));
}
