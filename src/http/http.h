/* The HTTP server: the JSON API over the registry, accounts and sessions,
 * and the web UI's files (docs/api.md).
 *
 * libmicrohttpd with a thread per connection; the requests share a pool of
 * SQLite connections (WAL lets them read side by side). Every response
 * carries the security headers; every request is authenticated by session
 * cookie or API token, then checked against the route's permission before
 * anything else runs. Reads of person records go to the access log before
 * they are answered. */
#ifndef PARLEY_HTTP_HTTP_H
#define PARLEY_HTTP_HTTP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "auth/auth.h"
#include "core/err.h"

typedef struct http_config {
	const char *db_path;
	const char *listen;          /* "127.0.0.1:8080"; port 0 picks a free one */
	const char *tls_cert;        /* PEM files; both or neither */
	const char *tls_key;
	const char *web_dir;         /* the UI's files; NULL: no UI */
	unsigned threads;            /* database connections (default 8) */
	size_t max_body;             /* JSON request bodies (default 1 MiB) */
	size_t max_upload;           /* imports (default 1 GiB) */
	size_t photo_max;            /* a photo of a sought person (default 10 MiB: family/antemortem.h) */
	session_limits sessions;     /* default: idle 30 min, absolute 12 h */
	int login_failures;          /* per user and per address in login_window (default 5, 20) */
	int login_window;            /* seconds (default 900) */
	unsigned timeout;            /* seconds a connection may sit idle or half-sent (default 60) */
	unsigned head_timeout;       /* seconds from accept (or the last answer) to the end of a
	                              * request's headers, however they trickle in (default 15) */
	unsigned per_address;        /* connections one client address may hold (default 64) */
	unsigned connections;        /* connections in all (default 2000; fewer if the open-file
	                              * limit cannot be raised to hold them: http_connections) */
	const char *host_allow;      /* Host names allowed besides the address reached and, on
	                              * loopback, localhost: "name[:port],..." (NULL: none) */
	unsigned write_wait;         /* seconds a write waits for the writers before it, in the order
	                              * they came, before 503 with Retry-After (default 120) */
	FILE *log;                   /* one line per request; NULL: none */
	const char *office_party;    /* the party this office is of ("UA"), or NULL: not said */
} http_config;

typedef struct http_server http_server;

/* Start serving; returns once the port is bound. */
pl_rc http_start(http_server **out, const http_config *cfg, pl_err *err);
/* The port actually bound (for port 0). */
unsigned short http_port(const http_server *s);
bool http_tls(const http_server *s);
/* The connections the server takes in all: as configured, or fewer when
 * the process may not open that many files (RLIMIT_NOFILE's hard limit). */
unsigned http_connections(const http_server *s);
/* Stop accepting, let requests in flight finish (up to `grace` seconds),
 * then close everything. Nothing committed is lost either way. */
void http_stop(http_server *s, int grace);

#endif
