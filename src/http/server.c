/* The server: requests in, responses out. Authentication and the route's
 * permission are settled when the headers arrive, before any body is read;
 * handlers run only for a caller who may call them. */
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <sodium.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "core/date.h"
#include "core/utf8.h"
#include "http/internal.h"

static const char cookie_name[] = "parley_session";

enum { SERVER_CACHE_KIB = 16 * 1024 };

/* ---- the registry of this worker thread ------------------------------- */

static store *thread_registry(http_server *s, pl_err *err)
{
	pthread_t self = pthread_self();
	store *st = NULL;
	pthread_mutex_lock(&s->mu);
	for(int i = 0; i < s->nconns && !st; i++)
		if(pthread_equal(s->conns[i].tid, self))
			st = s->conns[i].st;
	pthread_mutex_unlock(&s->mu);
	if(st)
		return st;
	/* The first request on this thread: its own connection, kept, with a
	 * smaller page cache than a command's (the OS caches the file too). */
	if(store_open(&st, s->cfg.db_path, "server", 0, err))
		return NULL;
	if(store_cache_limit(st, SERVER_CACHE_KIB, err)) {
		store_close(st);
		return NULL;
	}
	pthread_mutex_lock(&s->mu);
	if(s->nconns < (int)(sizeof(s->conns) / sizeof(s->conns[0]))) {
		s->conns[s->nconns].tid = self;
		s->conns[s->nconns].st = st;
		s->nconns++;
		pthread_mutex_unlock(&s->mu);
		return st;
	}
	pthread_mutex_unlock(&s->mu);
	store_close(st);
	pl_fail(err, PL_ELIMIT, "too many worker threads");
	return NULL;
}

/* ---- responses -------------------------------------------------------- */

void http_json(http_req *q, unsigned status, json_t *v)
{
	char *text = v ? json_dumps(v, JSON_COMPACT | JSON_PRESERVE_ORDER) : NULL;
	json_decref(v);
	buf_reset(&q->out);
	q->answered = true;
	q->content_type = "application/json";
	if(!text || buf_adds(&q->out, text)) {
		free(text);
		q->status = MHD_HTTP_INTERNAL_SERVER_ERROR;
		buf_reset(&q->out);
		if(buf_adds(&q->out, "{\"error\":{\"code\":\"internal\",\"message\":\"out of memory\","
		                     "\"field\":null}}"))
			buf_free(&q->out);
		return;
	}
	free(text);
	q->status = status;
}

void http_error(http_req *q, unsigned status, const char *code, const char *field,
                const char *fmt, ...)
{
	char msg[PL_ERR_MSG_MAX];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	/* Messages and field names may quote bytes a client sent: keep them
	 * valid UTF-8, or JSON cannot carry them. */
	size_t bad;
	if(!utf8_valid(msg, strlen(msg), &bad))
		msg[bad] = '\0';
	if(field && !utf8_valid(field, strlen(field), &bad))
		field = NULL;
	http_json(q, status, json_pack("{s:{s:s, s:s, s:s?}}", "error", "code", code, "message",
	                               msg, "field", field));
}

void http_fail_field(http_req *q, const pl_err *err, const char *field)
{
	switch(err->rc) {
	case PL_EINPUT:
	case PL_EUSAGE:
		http_error(q, MHD_HTTP_UNPROCESSABLE_CONTENT, "bad_input", field, "%s", err->msg);
		break;
	case PL_ENOTFOUND:
		http_error(q, MHD_HTTP_NOT_FOUND, "not_found", field, "%s", err->msg);
		break;
	case PL_ECONFLICT:
		http_error(q, MHD_HTTP_CONFLICT, "conflict", field, "%s", err->msg);
		break;
	case PL_ELIMIT:
		http_error(q, MHD_HTTP_CONTENT_TOO_LARGE, "too_large", field, "%s", err->msg);
		break;
	case PL_EDB:
		http_error(q, MHD_HTTP_SERVICE_UNAVAILABLE, "busy", NULL, "%s", err->msg);
		break;
	default:
		http_error(q, MHD_HTTP_INTERNAL_SERVER_ERROR, "internal", NULL, "%s", err->msg);
	}
}

void http_fail(http_req *q, const pl_err *err)
{
	http_fail_field(q, err, NULL);
}

void http_send(http_req *q, unsigned status, const char *content_type, const char *text, size_t len)
{
	buf_reset(&q->out);
	q->answered = true;
	q->content_type = content_type;
	q->status = status;
	if(buf_add(&q->out, text, len))
		http_error(q, MHD_HTTP_INTERNAL_SERVER_ERROR, "internal", NULL, "out of memory");
}

static void add_security_headers(http_req *q, struct MHD_Response *r)
{
	/* No inline script or style anywhere: the UI is files from 'self'. */
	MHD_add_response_header(r, "Content-Security-Policy",
	                        "default-src 'none'; script-src 'self'; style-src 'self'; "
	                        "img-src 'self' data:; connect-src 'self'; font-src 'self'; "
	                        "form-action 'self'; base-uri 'none'; frame-ancestors 'none'");
	MHD_add_response_header(r, "X-Content-Type-Options", "nosniff");
	MHD_add_response_header(r, "X-Frame-Options", "DENY");
	MHD_add_response_header(r, "Referrer-Policy", "no-referrer");
	MHD_add_response_header(r, "Cross-Origin-Opener-Policy", "same-origin");
	MHD_add_response_header(r, "Cross-Origin-Resource-Policy", "same-origin");
	MHD_add_response_header(r, "Permissions-Policy", "camera=(), microphone=(), geolocation=()");
	if(q->srv->tls)
		MHD_add_response_header(r, "Strict-Transport-Security", "max-age=31536000");
}

static enum MHD_Result respond(http_req *q)
{
	struct MHD_Response *r;
	if(q->fd >= 0) {
		struct stat sb;
		if(fstat(q->fd, &sb)) {
			close(q->fd);
			q->fd = -1;
			http_error(q, MHD_HTTP_INTERNAL_SERVER_ERROR, "internal", NULL, "cannot read the file");
			return respond(q);
		}
		r = MHD_create_response_from_fd((uint64_t)sb.st_size, q->fd);
		q->fd = -1; /* MHD closes it */
	} else {
		r = MHD_create_response_from_buffer(q->out.len, q->out.ptr ? q->out.ptr : "",
		                                    MHD_RESPMEM_MUST_COPY);
	}
	if(!r)
		return MHD_NO;
	add_security_headers(q, r);
	if(q->content_type)
		MHD_add_response_header(r, "Content-Type", q->content_type);
	if(strncmp(q->path, "/api/", 5) == 0)
		MHD_add_response_header(r, "Cache-Control", "no-store");
	if(q->set_cookie[0])
		MHD_add_response_header(r, "Set-Cookie", q->set_cookie);
	if(q->retry_after[0])
		MHD_add_response_header(r, "Retry-After", q->retry_after);
	if(q->filename[0]) {
		char cd[192];
		snprintf(cd, sizeof(cd), "attachment; filename=\"%s\"", q->filename);
		MHD_add_response_header(r, "Content-Disposition", cd);
	}
	if(q->status == MHD_HTTP_UNAUTHORIZED)
		MHD_add_response_header(r, "WWW-Authenticate", "Bearer realm=\"parley\"");
	enum MHD_Result ok = MHD_queue_response(q->conn, q->status, r);
	MHD_destroy_response(r);
	return ok;
}

/* ---- requests --------------------------------------------------------- */

const char *http_query(http_req *q, const char *name)
{
	return MHD_lookup_connection_value(q->conn, MHD_GET_ARGUMENT_KIND, name);
}

bool http_opt_string(http_req *q, json_t *b, const char *key, const char **out)
{
	json_t *v = json_object_get(b, key);
	*out = json_string_value(v);
	if(v && !*out) {
		http_error(q, MHD_HTTP_UNPROCESSABLE_CONTENT, "bad_input", key, "%s: expected a string", key);
		return false;
	}
	return true;
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

bool http_body_is_json(http_req *q)
{
	const char *ct = MHD_lookup_connection_value(q->conn, MHD_HEADER_KIND, "Content-Type");
	/* JSON only: a form posted from another site cannot send it. */
	if(!ct || strncmp(ct, "application/json", 16)) {
		http_error(q, MHD_HTTP_UNSUPPORTED_MEDIA_TYPE, "bad_media_type", NULL,
		           "the body must be JSON (Content-Type: application/json)");
		return false;
	}
	return true;
}

bool http_check_keys(http_req *q, json_t *obj, const char *const *allowed, const char *where)
{
	const char *key;
	json_t *val;
	json_object_foreach(obj, key, val) {
		bool known = false;
		for(size_t i = 0; allowed[i] && !known; i++)
			known = !strcmp(allowed[i], key);
		if(!known) {
			char name[160];
			snprintf(name, sizeof(name), "%s%s%.80s", where ? where : "", where ? "." : "", key);
			http_error(q, MHD_HTTP_UNPROCESSABLE_CONTENT, "unknown_field", name,
			           "unknown field '%s'", name);
			return false;
		}
	}
	return true;
}

json_t *http_body(http_req *q, const char *const *allowed)
{
	if(!http_body_is_json(q))
		return NULL;
	json_error_t je;
	json_t *v = json_loadb(buf_str(&q->body), q->body.len, JSON_REJECT_DUPLICATES, &je);
	if(!v) {
		http_error(q, MHD_HTTP_BAD_REQUEST, "bad_json", NULL, "invalid JSON at line %d, column %d: %s",
		           je.line, je.column, je.text);
		return NULL;
	}
	if(!json_is_object(v)) {
		json_decref(v);
		http_error(q, MHD_HTTP_BAD_REQUEST, "bad_json", NULL, "the body must be a JSON object");
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
		http_error(q, MHD_HTTP_UNPROCESSABLE_CONTENT, "bad_input", key, "%s: expected true or false",
		           key);
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
		http_error(q, MHD_HTTP_UNPROCESSABLE_CONTENT, "bad_input", key,
		           "%s: expected a whole number from %ld to %ld", key, min, max);
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
		http_error(q, MHD_HTTP_BAD_REQUEST, "bad_input", name, "%s: %ld to %ld", name, min, max);
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
		http_error(q, status, "bad_input", name, "%s: a full date YYYY-MM-DD (got '%.40s')", name, v);
		return false;
	}
	*out = d;
	return true;
}

bool http_log_rows(http_req *q, const void *rows, size_t n, size_t size, size_t offset,
                   const char *action, const char *detail)
{
	const char **uids = arena_calloc(&q->a, n + 1, sizeof(char *));
	size_t k = 0;
	for(size_t i = 0; uids && i < n; i++) {
		const char *uid;
		memcpy(&uid, (const char *)rows + i * size + offset, sizeof(uid));
		if(uid)
			uids[k++] = uid;
	}
	if(!uids) {
		http_error(q, MHD_HTTP_INTERNAL_SERVER_ERROR, "internal", NULL, "out of memory");
		return false;
	}
	return http_log_reads(q, uids, k, action, detail);
}

bool http_one_upload(http_req *q, const char *what)
{
	if(q->nuploads == 1)
		return true;
	http_error(q, MHD_HTTP_UNPROCESSABLE_CONTENT, "bad_input", "file", "send %s (multipart/form-data)",
	           what);
	return false;
}

bool http_log_reads(http_req *q, const char *const *uids, size_t n, const char *action,
                    const char *detail)
{
	pl_err err = {0};
	if(access_record(q->srv->access, q->who.name, uids, n, action, detail, &err)) {
		/* A read that cannot be recorded is not answered. */
		http_error(q, MHD_HTTP_SERVICE_UNAVAILABLE, "busy", NULL,
		           "the read could not be recorded in the access log: %s", err.msg);
		return false;
	}
	return true;
}

static http_method method_of(const char *m)
{
	if(!strcmp(m, "GET") || !strcmp(m, "HEAD"))
		return M_GET;
	if(!strcmp(m, "POST"))
		return M_POST;
	if(!strcmp(m, "PATCH"))
		return M_PATCH;
	if(!strcmp(m, "DELETE"))
		return M_DELETE;
	return M_OTHER;
}

static void client_address(http_req *q)
{
	const union MHD_ConnectionInfo *ci =
		MHD_get_connection_info(q->conn, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
	snprintf(q->address, sizeof(q->address), "?");
	if(!ci || !ci->client_addr)
		return;
	if(ci->client_addr->sa_family == AF_INET)
		inet_ntop(AF_INET, &((const struct sockaddr_in *)ci->client_addr)->sin_addr, q->address,
		          sizeof(q->address));
	else if(ci->client_addr->sa_family == AF_INET6)
		inet_ntop(AF_INET6, &((const struct sockaddr_in6 *)ci->client_addr)->sin6_addr, q->address,
		          sizeof(q->address));
}

/* Who is asking: an API token (Authorization: Bearer) or a session cookie. */
static void authenticate(http_req *q)
{
	pl_err err = {0};
	const char *authz = MHD_lookup_connection_value(q->conn, MHD_HEADER_KIND, "Authorization");
	if(authz && !strncmp(authz, "Bearer ", 7)) {
		q->signed_in = auth_token_check(q->st, authz + 7, &q->who, &err) == PL_OK;
		return;
	}
	const char *token = MHD_lookup_connection_value(q->conn, MHD_COOKIE_KIND, cookie_name);
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
		http_error(q, MHD_HTTP_BAD_REQUEST, "bad_input", NULL,
		           "a query parameter's name is not valid UTF-8");
		return MHD_NO;
	}
	if(!router_takes_param(q->route, name)) {
		http_error(q, MHD_HTTP_BAD_REQUEST, "bad_input", name,
		           "unknown query parameter '%.64s' (%s)", name,
		           q->route->params ? "see /api/openapi.json for those this route takes"
		                            : "this route takes none");
		return MHD_NO;
	}
	if(value && !utf8_valid(value, strlen(value), &bad)) {
		http_error(q, MHD_HTTP_BAD_REQUEST, "bad_input", name,
		           "%s: not valid UTF-8 (byte %zu)", name, bad + 1);
		return MHD_NO;
	}
	return MHD_YES;
}

static bool query_refused(http_req *q)
{
	return MHD_get_connection_values(q->conn, MHD_GET_ARGUMENT_KIND, check_param, q) < 0 ||
	       q->answered;
}

/* The answer before any body is read: sign-in, permission, CSRF, the
 * query string. Returns false if the request may go on. */
static bool refuse_early(http_req *q)
{
	bool wrong_method = false;
	q->route = router_match(q, &wrong_method);
	if(!q->route) {
		if(wrong_method)
			http_error(q, MHD_HTTP_METHOD_NOT_ALLOWED, "method_not_allowed", NULL,
			           "%s does not take this method", q->path);
		else
			http_error(q, MHD_HTTP_NOT_FOUND, "not_found", NULL, "no such API route: %s", q->path);
		return true;
	}
	pl_err err = {0};
	if(!(q->st = thread_registry(q->srv, &err))) {
		http_fail(q, &err);
		return true;
	}
	authenticate(q);
	if(store_set_actor(q->st, q->signed_in ? q->who.name : "-")) {
		http_fail(q, &(pl_err){.rc = PL_ENOMEM, .msg = "out of memory"});
		return true;
	}
	if(q->route->flags & ROUTE_PUBLIC)
		return query_refused(q);
	if(!q->signed_in) {
		http_error(q, MHD_HTTP_UNAUTHORIZED, "unauthorized", NULL, "sign in first");
		return true;
	}
	bool allowed = q->route->perms == 0;
	for(int p = 0; p < PERM_COUNT && !allowed; p++)
		allowed = (q->route->perms & PERM(p)) && auth_can(q->who.roles, (perm)p);
	if(!allowed) {
		http_error(q, MHD_HTTP_FORBIDDEN, "forbidden", NULL, "your role may not do this");
		return true;
	}
	/* A cookie is sent by the browser on its own; a change must also carry
	 * the token only our page can read. */
	if(q->by_cookie && q->method != M_GET) {
		const char *csrf = MHD_lookup_connection_value(q->conn, MHD_HEADER_KIND, "X-CSRF-Token");
		if(!csrf || strlen(csrf) != CSRF_LEN || sodium_memcmp(csrf, q->csrf, CSRF_LEN)) {
			http_error(q, MHD_HTTP_FORBIDDEN, "csrf", NULL,
			           "missing or wrong X-CSRF-Token header");
			return true;
		}
	}
	return query_refused(q);
}

/* ---- uploads (multipart/form-data, for imports) ----------------------- */

static enum MHD_Result on_part(void *cls, enum MHD_ValueKind kind, const char *key,
                               const char *filename, const char *content_type,
                               const char *transfer_encoding, const char *data, uint64_t off,
                               size_t size)
{
	http_req *q = cls;
	if(!filename || q->upload_failed)
		return MHD_YES; /* plain form fields are not used */
	if(off == 0) { /* a new file */
		if(q->upload_f) {
			fclose(q->upload_f);
			q->upload_f = NULL;
		}
		if(q->nuploads == UPLOADS_MAX) {
			q->upload_failed = UPLOAD_TOO_MANY;
			return MHD_YES;
		}
		int i = q->nuploads++;
		snprintf(q->upload_path[i], sizeof(q->upload_path[i]), "%s/%d", q->upload_dir, i);
		/* Only the base name is kept, printable: it names the file in messages. */
		const char *base = strrchr(filename, '/');
		char *name = q->upload_name[i];
		snprintf(name, sizeof(q->upload_name[i]), "%s", base ? base + 1 : filename);
		size_t len = strlen(name), bad;
		bool valid = utf8_valid(name, len, &bad);
		for(size_t k = 0; k < len; k++)
			if((unsigned char)name[k] < 0x20 || name[k] == 0x7f || name[k] == '"' ||
			   name[k] == '\\' || (!valid && (unsigned char)name[k] >= 0x80))
				name[k] = '_';
		if(!len)
			snprintf(name, sizeof(q->upload_name[i]), "upload-%d", i + 1);
		q->upload_f = fopen(q->upload_path[i], "wb");
		if(!q->upload_f) {
			q->upload_failed = UPLOAD_IO;
			return MHD_YES;
		}
	}
	q->upload_bytes += size;
	if(q->upload_bytes > q->srv->cfg.max_upload) {
		q->upload_failed = UPLOAD_TOO_LARGE;
		return MHD_YES;
	}
	if(size && q->upload_f && fwrite(data, 1, size, q->upload_f) != size)
		q->upload_failed = UPLOAD_IO;
	return MHD_YES;
}

static void upload_cleanup(http_req *q)
{
	if(q->upload_f)
		fclose(q->upload_f);
	q->upload_f = NULL;
	for(int i = 0; i < q->nuploads; i++)
		unlink(q->upload_path[i]);
	if(q->upload_dir[0])
		rmdir(q->upload_dir);
}

/* The upload is complete: its files are closed before anyone reads them. */
static void upload_finish(http_req *q)
{
	if(q->pp && MHD_destroy_post_processor(q->pp) != MHD_YES && !q->upload_failed)
		q->upload_failed = UPLOAD_MALFORMED;
	q->pp = NULL;
	if(q->upload_f && fclose(q->upload_f) && !q->upload_failed)
		q->upload_failed = UPLOAD_IO;
	q->upload_f = NULL;
}

static void upload_refuse(http_req *q)
{
	switch(q->upload_failed) {
	case UPLOAD_TOO_LARGE:
		http_error(q, MHD_HTTP_CONTENT_TOO_LARGE, "too_large", NULL,
		           "the upload is larger than %zu bytes", q->srv->cfg.max_upload);
		break;
	case UPLOAD_TOO_MANY:
		http_error(q, MHD_HTTP_CONTENT_TOO_LARGE, "too_large", "file",
		           "at most %d files at once", UPLOADS_MAX);
		break;
	case UPLOAD_MALFORMED:
		http_error(q, MHD_HTTP_BAD_REQUEST, "bad_upload", NULL,
		           "the multipart/form-data body is malformed");
		break;
	default:
		http_error(q, MHD_HTTP_INTERNAL_SERVER_ERROR, "internal", NULL,
		           "the upload could not be stored: %s", strerror(errno));
	}
}

static bool upload_begin(http_req *q)
{
	const char *tmp = getenv("TMPDIR");
	snprintf(q->upload_dir, sizeof(q->upload_dir), "%s/parley-upload-XXXXXX",
	         tmp && *tmp && strlen(tmp) < 200 ? tmp : "/tmp");
	if(!mkdtemp(q->upload_dir)) {
		q->upload_dir[0] = '\0';
		http_error(q, MHD_HTTP_INTERNAL_SERVER_ERROR, "internal", NULL,
		           "cannot store the upload: %s", strerror(errno));
		return false;
	}
	q->pp = MHD_create_post_processor(q->conn, 64 * 1024, on_part, q);
	if(!q->pp) {
		http_error(q, MHD_HTTP_UNSUPPORTED_MEDIA_TYPE, "bad_media_type", NULL,
		           "an import is a multipart/form-data upload of one or more files");
		return false;
	}
	return true;
}

/* ---- the MHD callbacks ------------------------------------------------ */

/* Percent-decoding of paths and query values, as MHD's own, except that
 * %00 becomes a byte no route, file or field accepts: a NUL would cut the
 * text short and make "/app.js%00.html" read as "/app.js". */
static int hex_value(char c)
{
	return c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10
	       : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
}

static size_t unescape(void *cls, struct MHD_Connection *conn, char *s)
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

static void log_request(http_req *q)
{
	FILE *f = q->srv->cfg.log;
	if(!f)
		return;
	char ts[TIMESTAMP_STR_MAX];
	date_now_iso(ts);
	/* The path, never the query string: it may hold names. */
	fprintf(f, "%s %s %s %s %u %s\n", ts, q->address,
	        q->method == M_GET ? "GET" : q->method == M_POST ? "POST" : q->method == M_PATCH ? "PATCH"
	        : q->method == M_DELETE ? "DELETE" : "OTHER",
	        q->path, q->status, q->signed_in ? q->who.name : "-");
}

/* A body declared larger than the route takes is refused before a byte
 * of it is read when the client waits for that (Expect: 100-continue), or
 * when reading it would cost real work (16 MiB past the limit). Otherwise
 * it is read to its end and dropped, and the 413 comes then: a client that
 * is still sending when the server closes would see its connection reset
 * instead of the answer. An upload's limit is on its files, so the
 * multipart framing around them is allowed for. */
static bool refuse_declared_size(http_req *q)
{
	const char *cl = MHD_lookup_connection_value(q->conn, MHD_HEADER_KIND,
	                                             MHD_HTTP_HEADER_CONTENT_LENGTH);
	if(!cl)
		return false;
	const http_config *cfg = &q->srv->cfg;
	uint64_t cap = (q->route->flags & ROUTE_UPLOAD) ? (uint64_t)cfg->max_upload + 64 * 1024
	             : (q->route->flags & ROUTE_BODY) ? cfg->max_body : 0;
	const char *expect = MHD_lookup_connection_value(q->conn, MHD_HEADER_KIND, MHD_HTTP_HEADER_EXPECT);
	bool waits = expect && !strcasecmp(expect, "100-continue");
	errno = 0;
	char *end;
	unsigned long long n = strtoull(cl, &end, 10);
	if(errno == 0 && end != cl && (n <= cap || (!waits && n - cap <= (16u << 20))))
		return false;
	if(q->route->flags & ROUTE_UPLOAD)
		http_error(q, MHD_HTTP_CONTENT_TOO_LARGE, "too_large", NULL,
		           "the upload is larger than %zu bytes", cfg->max_upload);
	else
		http_error(q, MHD_HTTP_CONTENT_TOO_LARGE, "too_large", NULL,
		           "the body is larger than %zu bytes, or this route takes none", cfg->max_body);
	return true;
}

static enum MHD_Result on_request(void *cls, struct MHD_Connection *conn, const char *url,
                                  const char *method, const char *version,
                                  const char *upload_data, size_t *upload_size, void **con_cls)
{
	http_server *s = cls;
	http_req *q = *con_cls;
	if(!q) { /* the headers are in */
		q = calloc(1, sizeof(*q));
		if(!q)
			return MHD_NO;
		*con_cls = q;
		atomic_fetch_add(&s->inflight, 1);
		q->srv = s;
		q->conn = conn;
		q->fd = -1;
		q->method = method_of(method);
		buf_init(&q->body, s->cfg.max_body);
		buf_init(&q->out, 0);
		arena_init(&q->a, 0);
		snprintf(q->path, sizeof(q->path), "%s", url);
		client_address(q);
		if(strncmp(q->path, "/api/", 5)) { /* the UI's files */
			if(q->method != M_GET)
				http_error(q, MHD_HTTP_METHOD_NOT_ALLOWED, "method_not_allowed", NULL,
				           "files are only read");
			else
				static_serve(q);
		} else if(!refuse_early(q) && !refuse_declared_size(q) &&
		          (q->route->flags & ROUTE_UPLOAD)) {
			upload_begin(q);
		}
		if(q->answered)
			return respond(q);
		return MHD_YES;
	}
	if(*upload_size) { /* more of the body */
		size_t n = *upload_size;
		*upload_size = 0;
		if(q->answered)
			return MHD_YES;
		if(q->pp) {
			if(MHD_post_process(q->pp, upload_data, n) != MHD_YES && !q->upload_failed)
				q->upload_failed = UPLOAD_MALFORMED;
			return MHD_YES;
		}
		if(!(q->route && (q->route->flags & ROUTE_BODY)) || q->body_too_large ||
		   buf_add(&q->body, upload_data, n))
			q->body_too_large = true;
		return MHD_YES;
	}
	/* the whole request is in */
	if(!q->answered) {
		upload_finish(q);
		if(q->body_too_large)
			http_error(q, MHD_HTTP_CONTENT_TOO_LARGE, "too_large", NULL,
			           "the body is larger than %zu bytes, or this route takes none",
			           s->cfg.max_body);
		else if(q->upload_failed)
			upload_refuse(q);
		else
			q->route->run(q);
		if(!q->answered)
			http_error(q, MHD_HTTP_INTERNAL_SERVER_ERROR, "internal", NULL, "no response");
		return respond(q);
	}
	return MHD_YES;
}

static void on_completed(void *cls, struct MHD_Connection *conn, void **con_cls,
                         enum MHD_RequestTerminationCode toe)
{
	http_req *q = *con_cls;
	if(!q)
		return;
	log_request(q);
	atomic_fetch_sub(&q->srv->inflight, 1);
	if(q->pp)
		MHD_destroy_post_processor(q->pp);
	upload_cleanup(q);
	if(q->fd >= 0)
		close(q->fd);
	buf_free(&q->body);
	buf_free(&q->out);
	arena_free(&q->a);
	free(q);
	*con_cls = NULL;
}

/* ---- starting and stopping ------------------------------------------- */

/* libmicrohttpd's own complaints (a client that hung up, a bad request
 * line) go where the request log goes, or nowhere.  The format string is
 * libmicrohttpd's own, never a client's bytes, hence the pragma. */
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
static void mhd_log(void *cls, const char *fmt, va_list ap)
{
	FILE *f = cls;
	if(!f)
		return;
	char ts[TIMESTAMP_STR_MAX];
	date_now_iso(ts);
	fprintf(f, "%s mhd: ", ts);
	vfprintf(f, fmt, ap);
}
#pragma GCC diagnostic pop

static pl_rc read_pem(const char *path, char **out, pl_err *err)
{
	FILE *f = fopen(path, "rb");
	if(!f)
		return pl_fail(err, PL_ENOTFOUND, "cannot read %s: %s", path, strerror(errno));
	buf b;
	buf_init(&b, 1 << 20);
	char chunk[4096];
	size_t n;
	pl_rc rc = PL_OK;
	while(!rc && (n = fread(chunk, 1, sizeof(chunk), f)) > 0)
		rc = buf_add(&b, chunk, n);
	fclose(f);
	if(rc || !b.len) {
		buf_free(&b);
		return pl_fail(err, PL_EINPUT, "%s is empty or too large for a PEM file", path);
	}
	*out = b.ptr;
	return PL_OK;
}

/* "host:port", "[v6]:port" or ":port" into a bound, listening socket. */
static pl_rc listen_on(const char *spec, int *fd, unsigned short *port, pl_err *err)
{
	char host[128] = "127.0.0.1";
	const char *colon = strrchr(spec, ':');
	if(!colon)
		return pl_fail(err, PL_EUSAGE, "--listen: expected HOST:PORT, got '%s'", spec);
	size_t hl = (size_t)(colon - spec);
	if(hl >= sizeof(host))
		return pl_fail(err, PL_EUSAGE, "--listen: the host is too long");
	if(hl) {
		memcpy(host, spec, hl);
		host[hl] = '\0';
	}
	char *end;
	long p = strtol(colon + 1, &end, 10);
	if(*end || p < 0 || p > 65535 || end == colon + 1)
		return pl_fail(err, PL_EUSAGE, "--listen: expected a port 0-65535, got '%s'", colon + 1);
	struct sockaddr_storage ss = {0};
	socklen_t len;
	if(host[0] == '[') {
		host[strlen(host) - 1] = '\0';
		struct sockaddr_in6 *a = (struct sockaddr_in6 *)&ss;
		a->sin6_family = AF_INET6;
		a->sin6_port = htons((unsigned short)p);
		if(inet_pton(AF_INET6, host + 1, &a->sin6_addr) != 1)
			return pl_fail(err, PL_EUSAGE, "--listen: '%s' is not an IPv6 address", host + 1);
		len = sizeof(*a);
	} else {
		struct sockaddr_in *a = (struct sockaddr_in *)&ss;
		a->sin_family = AF_INET;
		a->sin_port = htons((unsigned short)p);
		if(inet_pton(AF_INET, host, &a->sin_addr) != 1)
			return pl_fail(err, PL_EUSAGE, "--listen: '%s' is not an IPv4 address", host);
		len = sizeof(*a);
	}
	int s = socket(ss.ss_family, SOCK_STREAM | SOCK_CLOEXEC, 0);
	int one = 1;
	if(s < 0 || setsockopt(s, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one)) ||
	   bind(s, (struct sockaddr *)&ss, len) || listen(s, 128)) {
		pl_rc rc = pl_fail(err, PL_EIO, "cannot listen on %s: %s", spec, strerror(errno));
		if(s >= 0)
			close(s);
		return rc;
	}
	struct sockaddr_storage bound;
	socklen_t blen = sizeof(bound);
	getsockname(s, (struct sockaddr *)&bound, &blen);
	*port = ntohs(bound.ss_family == AF_INET ? ((struct sockaddr_in *)&bound)->sin_port
	                                         : ((struct sockaddr_in6 *)&bound)->sin6_port);
	*fd = s;
	return PL_OK;
}

pl_rc http_start(http_server **out, const http_config *cfg, pl_err *err)
{
	*out = NULL;
	http_server *s = calloc(1, sizeof(*s));
	if(!s)
		return pl_nomem(err);
	s->cfg = *cfg;
	if(!s->cfg.threads)
		s->cfg.threads = 8;
	if(s->cfg.threads > 32)
		s->cfg.threads = 32;
	if(!s->cfg.max_body)
		s->cfg.max_body = 1 << 20;
	if(!s->cfg.max_upload)
		s->cfg.max_upload = (size_t)1 << 30;
	if(!s->cfg.sessions.idle)
		s->cfg.sessions.idle = 30 * 60;
	if(!s->cfg.sessions.absolute)
		s->cfg.sessions.absolute = 12 * 3600;
	if(!s->cfg.login_failures)
		s->cfg.login_failures = 5;
	if(!s->cfg.login_window)
		s->cfg.login_window = 900;
	if(!s->cfg.timeout)
		s->cfg.timeout = 60;
	pthread_mutex_init(&s->mu, NULL);
	pl_rc rc = PL_OK;
	if(cfg->web_dir && !realpath(cfg->web_dir, s->web_real))
		rc = pl_fail(err, PL_ENOTFOUND, "the web UI directory %s: %s", cfg->web_dir,
		             strerror(errno));
	if(!rc && (!cfg->tls_cert) != (!cfg->tls_key))
		rc = pl_fail(err, PL_EUSAGE, "TLS needs both --tls-cert and --tls-key");
	if(!rc && cfg->tls_cert && !(rc = read_pem(cfg->tls_cert, &s->tls_cert_pem, err)))
		rc = read_pem(cfg->tls_key, &s->tls_key_pem, err);
	s->tls = cfg->tls_cert != NULL;
	/* The database must open (and migrate) before anyone is let in. */
	store *probe;
	if(!rc && !(rc = store_open(&probe, cfg->db_path, "server", 0, err)))
		store_close(probe);
	if(!rc)
		rc = access_writer_start(&s->access, cfg->db_path, err);
	if(!rc && (rate_limit_new(&s->logins, s->cfg.login_window) || import_watch_new(&s->imports)))
		rc = pl_nomem(err);
	int fd = -1;
	if(!rc)
		rc = listen_on(cfg->listen ? cfg->listen : "127.0.0.1:8080", &fd, &s->port, err);
	if(!rc) {
		unsigned flags = MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_EPOLL | MHD_USE_ITC |
		                 MHD_USE_ERROR_LOG | (s->tls ? MHD_USE_TLS : 0);
		/* The logger first, so that complaints about the options go there too. */
		s->mhd = MHD_start_daemon(flags, 0, NULL, NULL, on_request, s,
		                          MHD_OPTION_EXTERNAL_LOGGER, mhd_log, (void *)s->cfg.log,
		                          MHD_OPTION_LISTEN_SOCKET, fd,
		                          MHD_OPTION_THREAD_POOL_SIZE, (unsigned)s->cfg.threads,
		                          MHD_OPTION_NOTIFY_COMPLETED, on_completed, s,
		                          MHD_OPTION_UNESCAPE_CALLBACK, unescape, NULL,
		                          MHD_OPTION_CONNECTION_TIMEOUT, s->cfg.timeout,
		                          MHD_OPTION_CONNECTION_LIMIT, (unsigned)2000,
		                          MHD_OPTION_CONNECTION_MEMORY_LIMIT, (size_t)(128 * 1024),
		                          /* without TLS the list ends here */
		                          s->tls ? MHD_OPTION_HTTPS_MEM_CERT : MHD_OPTION_END,
		                          s->tls_cert_pem, MHD_OPTION_HTTPS_MEM_KEY, s->tls_key_pem,
		                          MHD_OPTION_END);
		if(!s->mhd) {
			close(fd);
			rc = pl_fail(err, PL_EIO, "the HTTP server did not start%s",
			             s->tls ? " (is the TLS certificate and key valid PEM?)" : "");
		}
	}
	if(rc) {
		http_stop(s, 0);
		return rc;
	}
	*out = s;
	return PL_OK;
}

unsigned short http_port(const http_server *s)
{
	return s->port;
}

bool http_tls(const http_server *s)
{
	return s->tls;
}

void http_stop(http_server *s, int grace)
{
	if(!s)
		return;
	if(s->mhd) {
		/* No new connections; requests in flight get `grace` seconds.
		 * Idle keep-alive connections are not waited for. */
		MHD_socket lfd = MHD_quiesce_daemon(s->mhd);
		if(lfd != MHD_INVALID_SOCKET)
			close(lfd);
		for(int waited = 0; waited < grace * 100 && atomic_load(&s->inflight) > 0; waited++) {
			struct timespec ts = {0, 10 * 1000 * 1000};
			nanosleep(&ts, NULL);
		}
		MHD_stop_daemon(s->mhd);
	}
	access_writer_stop(s->access);
	rate_limit_free(s->logins);
	import_watch_free(s->imports);
	for(int i = 0; i < s->nconns; i++)
		store_close(s->conns[i].st);
	pthread_mutex_destroy(&s->mu);
	free(s->tls_cert_pem);
	free(s->tls_key_pem);
	free(s);
}
