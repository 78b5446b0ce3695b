/* Admission: who is asking, and whether they may. The route, the sign-in
 * (API token or session cookie), the route's permission, the CSRF token and
 * the query string's names are all settled when the headers arrive, before
 * any body is read: handlers run only for a caller who may call them. */
#include <sodium.h>
#include <string.h>
#include <time.h>

#include "core/utf8.h"
#include "http/internal.h"

/* Who is asking: an API token (Authorization: Bearer) or a session cookie. */
static void authenticate(http_req *q)
{
	pl_err err = {0};
	const char *authz = MHD_lookup_connection_value(q->conn, MHD_HEADER_KIND, "Authorization");
	if(authz && !strncmp(authz, "Bearer ", 7)) {
		q->signed_in = auth_token_check(q->st, authz + 7, time(NULL), &q->who, &q->read_only,
		                                &err) == PL_OK;
		return;
	}
	const char *token = MHD_lookup_connection_value(q->conn, MHD_COOKIE_KIND, SESSION_COOKIE);
	if(!token)
		return;
	session s;
	if(auth_session_check(q->st, token, time(NULL), &q->srv->cfg.sessions, &s,
	                      &err) == PL_OK) {
		q->signed_in = q->by_cookie = true;
		q->who = s.u;
		memcpy(q->csrf, s.csrf, sizeof(q->csrf));
	}
}

/* A query string the route does not take is refused rather than ignored:
 * `?stauts=held` answering with everyone would be a quiet lie. */
static enum MHD_Result check_param(void *cls, enum MHD_ValueKind kind, const char *name,
                                   const char *value)
{
	(void)kind;
	http_req *q = cls;
	size_t bad;
	if(!utf8_valid(name, strlen(name), &bad)) {
		http_errorc(q, MHD_HTTP_BAD_REQUEST, "bad_input", NULL, "http.param_name_utf8", NULL);
		return MHD_NO;
	}
	if(!router_takes_param(q->route, name)) {
		http_errorc(q, MHD_HTTP_BAD_REQUEST, "bad_input", name,
		            q->route->params ? "http.unknown_param" : "http.no_params", "param", name, NULL);
		return MHD_NO;
	}
	if(value && !utf8_valid(value, strlen(value), &bad)) {
		http_errorc(q, MHD_HTTP_BAD_REQUEST, "bad_input", name, "http.param_utf8", "param", name,
		            "byte", PL_N(bad + 1), NULL);
		return MHD_NO;
	}
	return MHD_YES;
}

static bool query_refused(http_req *q)
{
	return MHD_get_connection_values(q->conn, MHD_GET_ARGUMENT_KIND, check_param, q) < 0 ||
	       q->answered;
}

bool http_store_take(http_req *q)
{
	if(q->st)
		return true;
	pl_err err = {0};
	if(!(q->st = store_pool_take(&q->srv->stores, &q->srv->cfg, &err))) {
		http_fail(q, &err);
		return false;
	}
	/* Who it is, for the audit ("-" until authenticated, and for public
	 * routes): never the last request's, which had this connection. */
	if(store_set_actor(q->st, q->signed_in ? q->who.name : "-")) {
		http_fail(q, &(pl_err){.rc = PL_ENOMEM, .msg = "out of memory"});
		return false;
	}
	return true;
}

void http_store_give(http_req *q)
{
	store_pool_give(&q->srv->stores, q->st);
	q->st = NULL;
}

/* The answer before any body is read: sign-in, permission, CSRF, the
 * query string. Returns false if the request may go on. */
bool http_refuse_early(http_req *q)
{
	bool wrong_method = false;
	q->route = router_match(q, &wrong_method);
	if(!q->route) {
		if(wrong_method)
			http_errorc(q, MHD_HTTP_METHOD_NOT_ALLOWED, "method_not_allowed", NULL, "http.method",
			            "path", q->path, NULL);
		else
			http_errorc(q, MHD_HTTP_NOT_FOUND, "not_found", NULL, "http.no_route", "path", q->path, NULL);
		return true;
	}
	if(!http_store_take(q))
		return true;
	authenticate(q);
	if(store_set_actor(q->st, q->signed_in ? q->who.name : "-")) {
		http_fail(q, &(pl_err){.rc = PL_ENOMEM, .msg = "out of memory"});
		return true;
	}
	if(q->route->flags & ROUTE_PUBLIC)
		return query_refused(q);
	if(!q->signed_in) {
		http_errorc(q, MHD_HTTP_UNAUTHORIZED, "unauthorized", NULL, "http.sign_in", NULL);
		return true;
	}
	/* A token limited to reading changes nothing, whatever its user may. */
	if(q->read_only && q->method != M_GET) {
		http_errorc(q, MHD_HTTP_FORBIDDEN, "read_only", NULL, "http.token_read_only", NULL);
		return true;
	}
	bool allowed = q->route->perms == 0;
	for(int p = 0; p < PERM_COUNT && !allowed; p++)
		allowed = (q->route->perms & PERM(p)) && auth_can(q->who.roles, (perm)p);
	if(!allowed) {
		http_errorc(q, MHD_HTTP_FORBIDDEN, "forbidden", NULL, "http.forbidden", NULL);
		return true;
	}
	/* A cookie is sent by the browser on its own; a change must also carry
	 * the token only our page can read. */
	if(q->by_cookie && q->method != M_GET) {
		const char *csrf = MHD_lookup_connection_value(q->conn, MHD_HEADER_KIND, "X-CSRF-Token");
		if(!csrf || strlen(csrf) != CSRF_LEN || sodium_memcmp(csrf, q->csrf, CSRF_LEN)) {
			http_errorc(q, MHD_HTTP_FORBIDDEN, "csrf", NULL, "http.csrf", NULL);
			return true;
		}
	}
	return query_refused(q);
}

bool http_can(const http_req *q, perm p)
{
	return q->signed_in && auth_can(q->who.roles, p);
}

unsigned http_write_rights(const http_req *q)
{
	return (http_can(q, PERM_PERSON_WRITE) ? WRITE_GENERAL : 0) |
	       (http_can(q, PERM_MEDICAL_WRITE) ? WRITE_MEDICAL : 0);
}
