/* The server: libmicrohttpd's daemon started (options, TLS certificate,
 * the listening socket) and stopped, and the life of a request on it:
 * begun when its headers arrive, its body taken in, its handler run, its
 * answer sent, its line logged, and everything it held released. The
 * handlers' state is made and freed by the handlers' own code, through
 * http_groups (internal.h). */
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include "core/date.h"
#include "http/internal.h"

/* ---- a request's life ------------------------------------------------- */

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
		http_errorc(q, MHD_HTTP_CONTENT_TOO_LARGE, "too_large", NULL, "http.upload_large", "max",
		            PL_N(cfg->max_upload), NULL);
	else
		http_errorc(q, MHD_HTTP_CONTENT_TOO_LARGE, "too_large", NULL, "http.body_large", "max",
		            PL_N(cfg->max_body), NULL);
	return true;
}

/* The headers are in: a new request, answered at once if it may not go
 * on (a file of the UI, or a refusal). */
static enum MHD_Result request_begin(http_server *s, struct MHD_Connection *conn,
                                     const char *url, const char *method, void **con_cls)
{
	http_req *q = calloc(1, sizeof(*q));
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
	guard_head_done(q);
	if(guard_refuse(q)) {
		/* a Host not ours, or a body whose end is in doubt: nothing else */
	} else if(strncmp(q->path, "/api/", 5)) { /* the UI's files */
		if(q->method != M_GET)
			http_errorc(q, MHD_HTTP_METHOD_NOT_ALLOWED, "method_not_allowed", NULL, "http.read_only",
			            NULL);
		else
			static_serve(q);
	} else if(!http_refuse_early(q) && !refuse_declared_size(q) &&
	          (q->route->flags & ROUTE_UPLOAD)) {
		upload_begin(q);
	}
	/* Not while the body comes in, however slowly. */
	http_store_give(q);
	if(q->answered)
		return http_respond(q);
	return MHD_YES;
}

/* More of the body: into the upload's files, or the JSON body while it is
 * within the route's limit. */
static void request_take(http_req *q, const char *data, size_t n)
{
	if(q->pp) {
		upload_add(q, data, n);
		return;
	}
	if(!(q->route && (q->route->flags & ROUTE_BODY)) || q->body_too_large ||
	   buf_add(&q->body, data, n))
		q->body_too_large = true;
}

/* The whole request is in: the handler runs, and its answer goes out. */
static enum MHD_Result request_end(http_req *q)
{
	upload_finish(q);
	if(q->body_too_large)
		http_errorc(q, MHD_HTTP_CONTENT_TOO_LARGE, "too_large", NULL, "http.body_large", "max",
		            PL_N(q->srv->cfg.max_body), NULL);
	else if(q->upload_failed)
		upload_refuse(q);
	else if(http_store_take(q))
		q->route->run(q);
	http_store_give(q);
	if(!q->answered)
		http_errorc(q, MHD_HTTP_INTERNAL_SERVER_ERROR, "internal", NULL, "http.no_response", NULL);
	return http_respond(q);
}

static enum MHD_Result on_request(void *cls, struct MHD_Connection *conn, const char *url,
                                  const char *method, const char *version,
                                  const char *upload_data, size_t *upload_size, void **con_cls)
{
	http_req *q = *con_cls;
	if(!q)
		return request_begin(cls, conn, url, method, con_cls);
	if(*upload_size) {
		size_t n = *upload_size;
		*upload_size = 0;
		if(!q->answered)
			request_take(q, upload_data, n);
		return MHD_YES;
	}
	return q->answered ? MHD_YES : request_end(q);
}

static void on_completed(void *cls, struct MHD_Connection *conn, void **con_cls,
                         enum MHD_RequestTerminationCode toe)
{
	http_req *q = *con_cls;
	if(!q)
		return;
	http_store_give(q); /* a request cut short while it worked */
	log_request(q);
	guard_answer_done(q);
	atomic_fetch_sub(&q->srv->inflight, 1);
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
		return pl_failc(err, PL_ENOTFOUND, "file.cannot_read", "file", path, "detail", strerror(errno),
		                NULL);
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
		return pl_failc(err, PL_EINPUT, "http.pem", "file", path, NULL);
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
		return pl_failc(err, PL_EUSAGE, "http.listen_form", "value", spec, NULL);
	size_t hl = (size_t)(colon - spec);
	if(hl >= sizeof(host))
		return pl_failc(err, PL_EUSAGE, "http.listen_host_long", NULL);
	if(hl) {
		memcpy(host, spec, hl);
		host[hl] = '\0';
	}
	char *end;
	long p = strtol(colon + 1, &end, 10);
	if(*end || p < 0 || p > 65535 || end == colon + 1)
		return pl_failc(err, PL_EUSAGE, "http.listen_port", "value", colon + 1, NULL);
	struct sockaddr_storage ss = {0};
	socklen_t len;
	if(host[0] == '[') {
		host[strlen(host) - 1] = '\0';
		struct sockaddr_in6 *a = (struct sockaddr_in6 *)&ss;
		a->sin6_family = AF_INET6;
		a->sin6_port = htons((unsigned short)p);
		if(inet_pton(AF_INET6, host + 1, &a->sin6_addr) != 1)
			return pl_failc(err, PL_EUSAGE, "http.listen_ipv6", "value", host + 1, NULL);
		len = sizeof(*a);
	} else {
		struct sockaddr_in *a = (struct sockaddr_in *)&ss;
		a->sin_family = AF_INET;
		a->sin_port = htons((unsigned short)p);
		if(inet_pton(AF_INET, host, &a->sin_addr) != 1)
			return pl_failc(err, PL_EUSAGE, "http.listen_ipv4", "value", host, NULL);
		len = sizeof(*a);
	}
	int s = socket(ss.ss_family, SOCK_STREAM | SOCK_CLOEXEC, 0);
	int one = 1;
	if(s < 0 || setsockopt(s, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one)) ||
	   bind(s, (struct sockaddr *)&ss, len) || listen(s, 128)) {
		pl_rc rc = pl_failc(err, PL_EIO, "http.listen_failed", "address", spec, "detail",
		                    strerror(errno), NULL);
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

static void apply_defaults(http_config *c)
{
	if(!c->threads)
		c->threads = 8;
	if(c->threads > 32)
		c->threads = 32;
	if(!c->max_body)
		c->max_body = 1 << 20;
	if(!c->max_upload)
		c->max_upload = (size_t)1 << 30;
	if(!c->sessions.idle)
		c->sessions.idle = 30 * 60;
	if(!c->sessions.absolute)
		c->sessions.absolute = 12 * 3600;
	if(!c->login_failures)
		c->login_failures = 5;
	if(!c->login_window)
		c->login_window = 900;
	if(!c->timeout)
		c->timeout = 60;
	if(!c->head_timeout)
		c->head_timeout = 15;
	if(!c->per_address)
		c->per_address = 64;
	if(!c->connections)
		c->connections = 2000;
	if(!c->write_wait)
		c->write_wait = 120;
}

/* The handlers' state, made in the order of http_groups and freed in the
 * reverse (freeing only what was made). */
static pl_rc groups_start(http_server *s, pl_err *err)
{
	for(int g = 0; g < GROUP_COUNT; g++)
		if(http_groups[g].init) {
			pl_rc rc = http_groups[g].init(s, &s->state[g], err);
			if(rc)
				return rc;
		}
	return PL_OK;
}

static void groups_stop(http_server *s)
{
	for(int g = GROUP_COUNT - 1; g >= 0; g--)
		if(http_groups[g].free && s->state[g])
			http_groups[g].free(s->state[g]);
}

/* Files the server needs besides its connections: the database and its
 * journals per worker, the UI's files, the logs, the listening socket. */
enum { FILES_BESIDE = 64 };

/* Each connection is an open file: the usual soft limit (1,024) would
 * refuse connections long before the limit the server means, and
 * libmicrohttpd then fails accept() in a loop. Raise the soft limit as far
 * as needed (up to the hard one), or take fewer connections. */
static void fit_open_files(http_config *c)
{
	struct rlimit rl;
	if(getrlimit(RLIMIT_NOFILE, &rl))
		return;
	rlim_t need = (rlim_t)c->connections + FILES_BESIDE;
	if(rl.rlim_cur != RLIM_INFINITY && rl.rlim_cur < need) {
		rl.rlim_cur = rl.rlim_max == RLIM_INFINITY || rl.rlim_max >= need ? need : rl.rlim_max;
		setrlimit(RLIMIT_NOFILE, &rl);
		getrlimit(RLIMIT_NOFILE, &rl);
	}
	if(rl.rlim_cur != RLIM_INFINITY && rl.rlim_cur < need)
		c->connections = rl.rlim_cur > 2 * FILES_BESIDE ? (unsigned)(rl.rlim_cur - FILES_BESIDE) : FILES_BESIDE;
}

unsigned http_connections(const http_server *s)
{
	return s->cfg.connections;
}

/* Each connection's thread: 2 MiB of stack (the deepest request uses far
 * less; the default 8 MiB times 2,000 connections is a lot to map). */
enum { CONNECTION_STACK = 2 << 20 };

static pl_rc daemon_start(http_server *s, int fd, pl_err *err)
{
	/* A thread per connection (handle.c says why); the database
	 * connections are the pool of cfg.threads. */
	unsigned flags = MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_THREAD_PER_CONNECTION | MHD_USE_POLL |
	                 MHD_USE_ITC | MHD_USE_ERROR_LOG | (s->tls ? MHD_USE_TLS : 0);
	/* The logger first, so that complaints about the options go there too. */
	s->mhd = MHD_start_daemon(flags, 0, NULL, NULL, on_request, s,
	                          MHD_OPTION_EXTERNAL_LOGGER, mhd_log, (void *)s->cfg.log,
	                          MHD_OPTION_LISTEN_SOCKET, fd,
	                          MHD_OPTION_THREAD_STACK_SIZE, (size_t)CONNECTION_STACK,
	                          MHD_OPTION_NOTIFY_COMPLETED, on_completed, s,
	                          MHD_OPTION_UNESCAPE_CALLBACK, http_unescape, NULL,
	                          MHD_OPTION_CONNECTION_TIMEOUT, s->cfg.timeout,
	                          MHD_OPTION_CONNECTION_LIMIT, s->cfg.connections,
	                          MHD_OPTION_PER_IP_CONNECTION_LIMIT, s->cfg.per_address,
	                          MHD_OPTION_NOTIFY_CONNECTION, guard_notify, s,
	                          MHD_OPTION_CONNECTION_MEMORY_LIMIT, (size_t)(128 * 1024),
	                          /* without TLS the list ends here */
	                          s->tls ? MHD_OPTION_HTTPS_MEM_CERT : MHD_OPTION_END,
	                          s->tls_cert_pem, MHD_OPTION_HTTPS_MEM_KEY, s->tls_key_pem,
	                          MHD_OPTION_END);
	if(s->mhd)
		return PL_OK;
	close(fd);
	return pl_failc(err, PL_EIO, s->tls ? "http.not_started_tls" : "http.not_started", NULL);
}

pl_rc http_start(http_server **out, const http_config *cfg, pl_err *err)
{
	*out = NULL;
	http_server *s = calloc(1, sizeof(*s));
	if(!s)
		return pl_nomem(err);
	s->cfg = *cfg;
	sem_init(&s->kdf, 0, HTTP_KDF_AT_ONCE);
	apply_defaults(&s->cfg);
	fit_open_files(&s->cfg);
	store_pool_init(&s->stores, (int)s->cfg.threads);
	pl_rc rc = PL_OK;
	if((!cfg->tls_cert) != (!cfg->tls_key))
		rc = pl_failc(err, PL_EUSAGE, "http.tls_pair", NULL);
	if(!rc && cfg->tls_cert && !(rc = read_pem(cfg->tls_cert, &s->tls_cert_pem, err)))
		rc = read_pem(cfg->tls_key, &s->tls_key_pem, err);
	s->tls = cfg->tls_cert != NULL;
	if(!rc)
		rc = guard_check_host_allow(cfg->host_allow, err);
	/* The database must open (and migrate) before anyone is let in. */
	store *probe;
	if(!rc && !(rc = store_open(&probe, cfg->db_path, "server", 0, err)))
		store_close(probe);
	if(!rc)
		rc = groups_start(s, err);
	if(!rc)
		rc = guard_start(s, err);
	int fd = -1;
	if(!rc)
		rc = listen_on(cfg->listen ? cfg->listen : "127.0.0.1:8080", &fd, &s->port, err);
	if(!rc)
		rc = daemon_start(s, fd, err);
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
	guard_stop(s);
	groups_stop(s);
	store_pool_close(&s->stores);
	free(s->tls_cert_pem);
	free(s->tls_key_pem);
	sem_destroy(&s->kdf);
	free(s);
}

bool http_kdf_enter(http_req *q)
{
	struct timespec until;
	clock_gettime(CLOCK_REALTIME, &until);
	until.tv_sec += HTTP_KDF_WAIT;
	int r;
	while((r = sem_timedwait(&q->srv->kdf, &until)) < 0 && errno == EINTR)
		;
	if(r == 0)
		return true;
	snprintf(q->retry_after, sizeof(q->retry_after), "%d", 10);
	http_errorc(q, MHD_HTTP_SERVICE_UNAVAILABLE, "busy", NULL, "http.kdf_busy", "retry", "10", NULL);
	return false;
}

void http_kdf_leave(http_req *q)
{
	sem_post(&q->srv->kdf);
}
