/* The API tests' harness: a real server (http_start) on a loopback port
 * over a real database in a temporary directory, one user and one API
 * token per role, and libcurl to talk to it. */
#ifndef PARLEY_TESTS_API_HARNESS_H
#define PARLEY_TESTS_API_HARNESS_H

#include "testutil.h"

#include <jansson.h>
#include <string.h>

#include "auth/auth.h"
#include "core/buf.h"
#include "http/http.h"
#include "registry/registry.h"

typedef struct api_fx {
	char *dir;
	char db[4200];
	char web[4200];
	http_server *srv;
	unsigned short port;
	http_config cfg;
	/* user "ROLE" with password "ROLE-password-1" and this Bearer token */
	char token[ROLE_COUNT][API_TOKEN_LEN + 1];
	char person[UID_SIZE];      /* a person with medical details and a health event */
	char health_event[UID_SIZE];
} api_fx;

/* A request. Everything but method and path may be left out. */
typedef struct rq {
	const char *method, *path;
	const char *bearer;          /* an API token */
	const char *cookie;          /* "parley_session=..." */
	const char *csrf;            /* X-CSRF-Token */
	const char *ctype;           /* Content-Type; default application/json with a body */
	const char *body;
	size_t len;                  /* 0: strlen(body) */
	const char *header;          /* one more header line, "Name: value" */
	const char *upload[4];       /* multipart files: path, name, path, name */
} rq;

typedef struct resp {
	long status;
	buf body;
	json_t *json;                /* the body, if it was JSON */
	char headers[16384];
} resp;

/* Start a server over a fresh database; cfg may change limits (NULL: the
 * defaults). The web directory holds index.html and js/app.js. */
api_fx *fx_start(const http_config *cfg);
void fx_stop(api_fx *fx);

/* Send a request; fills r (free with resp_free) and returns the status. */
long call(api_fx *fx, const rq *q, resp *r);
void resp_free(resp *r);
/* A response header's value (copied into out), or NULL. */
const char *resp_header(const resp *r, const char *name, char *out, size_t size);
/* The error code of an error body, or "". */
const char *resp_code(const resp *r);

/* A raw TCP connection to the server from the loopback address `from`
 * ("127.0.0.2": another client than curl's 127.0.0.1; NULL: the kernel's
 * choice); -1 if it could not be made. Reads on it time out after 5 s. */
int raw_connect(api_fx *fx, const char *from);
/* Send the raw request `req` (its Host and framing exactly as given) from
 * `from`, read the answer to its end (the connection's close, or 5 s) and
 * fill r as call() does; returns the status, or -1 if none came. */
long raw_call(api_fx *fx, const char *from, const char *req, resp *r);

/* Sign in by password; fills cookie ("parley_session=...") and csrf. */
long fx_login(api_fx *fx, const char *name, const char *password, char *cookie, size_t cookie_size,
              char *csrf, size_t csrf_size);

/* The role's token, by name: fx_token(fx, ROLE_REGISTRAR). */
static inline const char *fx_token(api_fx *fx, role r) { return fx->token[r]; }

#ifndef PARLEY_API_HARNESS_IMPL
/* The server the tests of one file share, and the cmocka group fixtures
 * that start it with the defaults (fx_setup) or with a file's own limits
 * (fx_setup_with) and stop it. */
static api_fx *fx;

static inline int fx_setup_with(const http_config *cfg)
{
	fx = fx_start(cfg);
	return fx ? 0 : -1;
}

static inline int fx_setup(void **state)
{
	(void)state;
	return fx_setup_with(NULL);
}

static inline int fx_teardown(void **state)
{
	(void)state;
	fx_stop(fx);
	fx = NULL;
	return 0;
}

/* A GET, and a POST with a JSON body, as a role (its API token). */
static inline long get(role ro, const char *path, resp *r)
{
	return call(fx, &(rq){.method = "GET", .path = path, .bearer = fx_token(fx, ro)}, r);
}

static inline long post_json(role ro, const char *path, const char *body, resp *r)
{
	return call(fx, &(rq){.method = "POST", .path = path, .bearer = fx_token(fx, ro), .body = body}, r);
}
#endif

/* A member of a JSON object, as a string (NULL if it is not one) or a
 * whole number (0). */
static inline const char *str_at(json_t *o, const char *key)
{
	return json_string_value(json_object_get(o, key));
}

static inline long long int_at(json_t *o, const char *key)
{
	return json_integer_value(json_object_get(o, key));
}

/* The element of array a whose member key is the string value; NULL if none. */
static inline json_t *find(json_t *a, const char *key, const char *value)
{
	size_t i;
	json_t *e;
	json_array_foreach(a, i, e)
		if(str_at(e, key) && !strcmp(str_at(e, key), value))
			return e;
	return NULL;
}

#ifndef PARLEY_API_HARNESS_IMPL
/* Whether the access log has a read of person `who` by `actor` (a role's
 * user) with this detail, as the auditor reads it. */
static inline bool fx_read_logged(const char *who, const char *actor, const char *detail)
{
	char path[200];
	snprintf(path, sizeof(path), "/api/access?person=%s&actor=%s&limit=0", who, actor);
	resp r;
	if(get(ROLE_AUDITOR, path, &r) != 200) {
		resp_free(&r);
		return false;
	}
	bool found = find(json_object_get(r.json, "entries"), "detail", detail) != NULL;
	resp_free(&r);
	return found;
}
#endif

#define assert_status(call_, want)                                                      \
	do {                                                                                \
		long got_ = (call_);                                                            \
		if(got_ != (long)(want))                                                        \
			fail_msg("%s: status %ld, expected %ld", #call_, got_, (long)(want));       \
	} while(0)

#endif
