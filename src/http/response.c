/* Responses: what a handler answers (JSON, the error body every failure
 * has, text or a file to download), and how the answer goes out with the
 * headers every response carries. */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/msg.h"
#include "core/problems.h"
#include "core/utf8.h"
#include "http/internal.h"

/* ---- what a handler answers ------------------------------------------ */

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

/* The body of every failure: code, message and field; a coded message
 * (pl_failc) adds its message_code, args and the context put in front, so
 * that the UI writes it in the user's language (docs/api.md, "Errors"). */
static void send_error(http_req *q, unsigned status, const char *code, const char *field,
                       char *msg, const pl_err *err)
{
	/* Messages and field names may quote bytes a client sent: keep them
	 * valid UTF-8, or JSON cannot carry them. */
	size_t bad;
	if(!utf8_valid(msg, strlen(msg), &bad))
		msg[bad] = '\0';
	if(field && !utf8_valid(field, strlen(field), &bad))
		field = NULL;
	json_t *e = json_pack("{s:s, s:s, s:s?}", "code", code, "message", msg, "field", field);
	if(e && err && err->code) {
		json_t *args = json_object();
		for(int i = 0; i < err->nargs; i++) {
			const char *v = err->arg[i].value;
			json_object_set_new(args, err->arg[i].name,
			                    utf8_valid(v, strlen(v), &bad) ? json_string(v) : json_stringn(v, bad));
		}
		size_t body = err->body <= strlen(err->msg) ? err->body : 0;
		json_object_set_new(e, "message_code", json_string(err->code));
		json_object_set_new(e, "args", args);
		if(body && utf8_valid(err->msg, body, &bad))
			json_object_set_new(e, "context", json_stringn(err->msg, body));
	}
	http_json(q, status, e ? json_pack("{s:o}", "error", e) : NULL);
}

void http_error(http_req *q, unsigned status, const char *code, const char *field,
                const char *fmt, ...)
{
	char msg[PL_ERR_MSG_MAX];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	send_error(q, status, code, field, msg, NULL);
}

void http_errorc(http_req *q, unsigned status, const char *code, const char *field,
                 const char *msg_code, ...)
{
	pl_err err = {0};
	va_list ap;
	va_start(ap, msg_code);
	pl_vfailc(&err, PL_EINPUT, msg_code, ap);
	va_end(ap);
	send_error(q, status, code, field, err.msg, &err);
}

void http_error_why(http_req *q, unsigned status, const char *field, const char *why)
{
	const char *code = msg_code_of(why);
	if(code)
		http_errorc(q, status, "bad_input", field, "http.field_why", "field", field, "why", code, NULL);
	else
		http_error(q, status, "bad_input", field, "%s: %s", field, why);
}

void http_refuse(http_req *q, unsigned status, const char *code, const char *field,
                 const pl_err *err)
{
	char msg[PL_ERR_MSG_MAX];
	snprintf(msg, sizeof(msg), "%s", err->msg);
	send_error(q, status, code, field, msg, err);
}

void http_fail_field(http_req *q, const pl_err *err, const char *field)
{
	switch(err->rc) {
	case PL_EINPUT:
	case PL_EUSAGE:
		http_refuse(q, MHD_HTTP_UNPROCESSABLE_CONTENT, "bad_input", field, err);
		break;
	case PL_ENOTFOUND:
		http_refuse(q, MHD_HTTP_NOT_FOUND, "not_found", field, err);
		break;
	case PL_ECONFLICT:
		http_refuse(q, MHD_HTTP_CONFLICT, "conflict", field, err);
		break;
	case PL_ELIMIT:
		http_refuse(q, MHD_HTTP_CONTENT_TOO_LARGE, "too_large", field, err);
		break;
	case PL_EDB:
		/* When to try again: as the store said (store.writers_busy), else
		 * in a second (a database busy under another process's lock). */
		snprintf(q->retry_after, sizeof(q->retry_after), "%ld",
		         pl_err_arg_value(err, "retry") ? strtol(pl_err_arg_value(err, "retry"), NULL, 10) : 1L);
		http_refuse(q, MHD_HTTP_SERVICE_UNAVAILABLE, "busy", NULL, err);
		break;
	default:
		http_refuse(q, MHD_HTTP_INTERNAL_SERVER_ERROR, "internal", NULL, err);
	}
}

void http_fail(http_req *q, const pl_err *err)
{
	http_fail_field(q, err, NULL);
}

pl_rc http_export_failed(pl_err *err)
{
	return pl_failc(err, PL_EIO, "http.export_write", "detail", strerror(errno), NULL);
}

FILE *http_download_open(http_req *q, int *fd, pl_err *err)
{
	const char *tmp = getenv("TMPDIR");
	char path[256];
	snprintf(path, sizeof(path), "%s/parley-export-XXXXXX",
	         tmp && *tmp && strlen(tmp) < 200 ? tmp : "/tmp");
	*fd = mkstemp(path);
	if(*fd < 0) {
		http_export_failed(err);
		return NULL;
	}
	unlink(path);
	FILE *f = fdopen(dup(*fd), "w");
	if(!f) {
		http_export_failed(err);
		close(*fd);
		*fd = -1;
	}
	return f;
}

void http_download_send(http_req *q, FILE *f, int fd, pl_rc rc, pl_err *err, const char *filename,
                        const char *content_type)
{
	if(f && fclose(f) && !rc)
		rc = http_export_failed(err);
	if(rc || fd < 0 || lseek(fd, 0, SEEK_SET) != 0) {
		if(fd >= 0)
			close(fd);
		http_fail(q, err);
		return;
	}
	snprintf(q->filename, sizeof(q->filename), "%s", filename);
	q->fd = fd;
	q->status = MHD_HTTP_OK;
	q->answered = true;
	q->content_type = content_type;
}

void http_send(http_req *q, unsigned status, const char *content_type, const char *text, size_t len)
{
	buf_reset(&q->out);
	q->answered = true;
	q->content_type = content_type;
	q->status = status;
	if(buf_add(&q->out, text, len))
		http_errorc(q, MHD_HTTP_INTERNAL_SERVER_ERROR, "internal", NULL, "http.nomem", NULL);
}

/* ---- the answer sent ------------------------------------------------- */

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

enum MHD_Result http_respond(http_req *q)
{
	struct MHD_Response *r;
	if(q->fd >= 0) {
		struct stat sb;
		if(fstat(q->fd, &sb)) {
			close(q->fd);
			q->fd = -1;
			http_errorc(q, MHD_HTTP_INTERNAL_SERVER_ERROR, "internal", NULL, "http.read_file", NULL);
			return http_respond(q);
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

/* ---- an import's problems, as importers write them ------------------ */

/* One line of problems.coded as {context, message_code, args}; null for
 * an empty line (a problem without a code). */
static json_t *coded_json(const char *p, size_t n)
{
	const char *end = p + n, *sep;
	char *parts[2 + 2 * PL_ERR_ARGS];
	int k = 0;
	json_t *args = json_object(), *o = NULL;
	int max = (int)(sizeof(parts) / sizeof(parts[0]));
	for(; k < max && (sep = memchr(p, PROBLEMS_SEP, (size_t)(end - p))); p = sep + 1)
		parts[k++] = strndup(p, (size_t)(sep - p));
	for(int i = 2; i + 1 < k; i += 2)
		if(parts[i] && parts[i + 1])
			json_object_set_new(args, parts[i], json_string(parts[i + 1]));
	if(k >= 2 && parts[0] && parts[1])
		o = json_pack("{s:s, s:s, s:O}", "context", parts[0], "message_code", parts[1], "args", args);
	for(int i = 0; i < k; i++)
		free(parts[i]);
	json_decref(args);
	return o ? o : json_null();
}

void http_refuse_problems(http_req *q, const pl_err *err, const buf *lines, const buf *coded,
                          long rows)
{
	json_t *codes = json_array();
	const char *p = coded && coded->len ? coded->ptr : NULL, *end = p ? p + coded->len : NULL;
	while(p && p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		size_t n = nl ? (size_t)(nl - p) : (size_t)(end - p);
		json_array_append_new(codes, coded_json(p, n));
		p += n + 1;
	}
	json_t *e = json_pack("{s:s, s:s, s:n, s:o, s:I}", "code", "bad_input", "message", err->msg, "field",
	                      "problems", json_lines(lines), "rows_read", (json_int_t)rows);
	/* problem_codes[i] says problems[i] by code (null: not coded), when the
	 * importer codes its problems. */
	if(e && json_array_size(codes))
		json_object_set(e, "problem_codes", codes);
	json_decref(codes);
	http_json(q, MHD_HTTP_UNPROCESSABLE_CONTENT, e ? json_pack("{s:o}", "error", e) : NULL);
}

bool http_import_refused(http_req *q, pl_rc rc, const pl_err *err, const buf *lines,
                         const buf *coded, long rows)
{
	if(rc && lines->len)
		http_refuse_problems(q, err, lines, coded, rows);
	else if(rc)
		http_fail(q, err);
	return rc != PL_OK;
}
