/* The HTTP server, fuzzed through its socket: query strings, JSON bodies,
 * multipart uploads and whole raw requests go to the real server (one,
 * started on the first input) over loopback.
 *
 * Input: a first byte 'R' sends the rest as it is. Otherwise the first
 * byte picks a route of the route table; the bytes up to the first newline
 * are appended to its path (percent-encoded where a request line could not
 * hold them), the rest is the body. Requests carry the token of a user
 * with every role, so every handler is reachable.
 *
 * What must hold: every request gets an HTTP answer; none is a 500 (a
 * handler that failed to answer, or an error we did not map); every JSON
 * answer parses. Sanitizers catch the rest. */
#include <arpa/inet.h>
#include <jansson.h>
#include <netinet/in.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

#include "fuzz.h"
#include "http/internal.h"

static http_server *server;
static char token[API_TOKEN_LEN + 1];
static char person_uid[UID_SIZE];

static char dir[] = "/tmp/parley-fuzz-http-XXXXXX";
static char db[64];

/* The database goes with the process: every run of the corpus in `make
 * check` left one behind. The server's threads may still hold the files;
 * on POSIX they go once closed. */
static void remove_dir(void)
{
	static const char *const suffixes[] = {"", "-wal", "-shm", "-journal", "-writers"};
	for(size_t i = 0; i < sizeof(suffixes) / sizeof(*suffixes); i++) {
		char path[96];
		snprintf(path, sizeof(path), "%s%s", db, suffixes[i]);
		unlink(path);
	}
	rmdir(dir);
}

static void start(void)
{
	if(sodium_init() < 0)
		abort();
	if(!mkdtemp(dir))
		abort();
	snprintf(db, sizeof(db), "%s/f.db", dir);
	atexit(remove_dir);
	pl_err err = {0};
	store *st;
	if(store_open(&st, db, "fuzz", STORE_CREATE, &err))
		abort();
	user u;
	int64_t id;
	person p = {0};
	p.f[PF_SURNAME] = "Шевченко";
	p.f[PF_GIVEN_NAMES] = "Олександр";
	if(auth_user_add(st, "fuzzer", NULL, (1u << ROLE_COUNT) - 1, "fuzzer-password", "fuzz", &err) ||
	   auth_user_get(st, "fuzzer", &u, &err) ||
	   auth_token_create(st, &u, "fuzz", "fuzz", token, &id, &err) ||
	   registry_person_add(st, &p, &err))
		abort();
	memcpy(person_uid, p.uid, UID_SIZE);
	store_close(st);
	/* Small limits, so that the fuzzer reaches them. */
	http_config cfg = {.db_path = db, .listen = "127.0.0.1:0", .threads = 2, .max_body = 16384,
	                   .max_upload = 65536, .login_failures = 1000000, .timeout = 2};
	if(http_start(&server, &cfg, &err)) {
		fprintf(stderr, "fuzz_http: %s\n", err.msg);
		abort();
	}
}

/* Send a request, read the answer until the server closes. A raw
 * request may be incomplete, and the server waits for the rest: those are
 * given up on after a moment (the server times them out on its own). */
static size_t exchange(const char *req, size_t len, char *out, size_t cap, bool raw)
{
	int s = socket(AF_INET, SOCK_STREAM, 0);
	struct sockaddr_in a = {.sin_family = AF_INET, .sin_port = htons(http_port(server))};
	a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	if(s < 0 || connect(s, (struct sockaddr *)&a, sizeof(a)))
		abort();
	struct timeval tv = {raw ? 0 : 30, raw ? 200000 : 0};
	setsockopt(s, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv));
	for(size_t sent = 0; sent < len;) {
		ssize_t n = send(s, req + sent, len - sent, MSG_NOSIGNAL);
		if(n <= 0)
			break; /* the server may close on a bad request: fine */
		sent += (size_t)n;
	}
	shutdown(s, SHUT_WR);
	size_t got = 0;
	ssize_t n;
	while(got < cap - 1 && (n = recv(s, out + got, cap - 1 - got, 0)) > 0)
		got += (size_t)n;
	out[got] = '\0';
	close(s);
	return got;
}

/* A finding: show the answer that broke the rule, then stop. */
static void found(const char *why, const char *resp, size_t len)
{
	fprintf(stderr, "fuzz_http: %s; the answer (%zu bytes):\n%.*s\n", why, len,
	        (int)(len < 4096 ? len : 4096), resp);
	abort();
}

static void check_answer(const char *resp, size_t len, size_t cap, bool raw)
{
	if(len == 0) {
		if(!raw)
			found("no answer to a well-formed request", resp, len);
		return;
	}
	int status = 0;
	if(sscanf(resp, "HTTP/1.%*d %d", &status) != 1)
		found("not an HTTP answer", resp, len);
	if(status == 500)
		found("status 500", resp, len);
	/* Only the first answer is checked: a raw input may pipeline more. */
	const char *body = strstr(resp, "\r\n\r\n");
	const char *ct = strstr(resp, "Content-Type: application/json");
	if(!body || body >= resp + len || !ct || ct > body)
		return;
	body += 4;
	const char *cl = strstr(resp, "Content-Length: ");
	size_t blen = (size_t)(resp + len - body);
	if(cl && cl < body) {
		size_t n = strtoul(cl + 16, NULL, 10);
		if(n < blen)
			blen = n;
	}
	json_error_t je;
	json_t *v = json_loadb(body, blen, 0, &je);
	/* A body cut short by the answer buffer is not a broken answer. */
	if(!v && len < cap - 1)
		found("a JSON answer that does not parse", resp, len);
	json_decref(v);
}

/* The harness's own out-of-memory is not a finding: stop. */
#define MUST(call) do { if(call) abort(); } while(0)

static void append_path(buf *b, const uint8_t *p, size_t n)
{
	for(size_t i = 0; i < n; i++) {
		uint8_t c = p[i];
		if(c > 0x20 && c < 0x7f)
			MUST(buf_add(b, (const char *)&c, 1));
		else
			MUST(buf_printf(b, "%%%02X", c));
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if(!server)
		start();
	static char resp[1 << 20];
	if(size && data[0] == 'R') {
		size_t n = exchange((const char *)data + 1, size - 1, resp, sizeof(resp), true);
		check_answer(resp, n, sizeof(resp), true);
		return 0;
	}
	const route *rt = &http_routes[size ? data[0] % http_nroutes : 0];
	const uint8_t *rest = size ? data + 1 : data;
	size_t left = size ? size - 1 : 0;
	const uint8_t *nl = memchr(rest, '\n', left);
	size_t plen = nl ? (size_t)(nl - rest) : left;
	const uint8_t *body = nl ? nl + 1 : rest + left;
	size_t blen = (size_t)(rest + left - body);
	buf req;
	buf_init(&req, 0);
	static const char *const methods[] = {"GET", "POST", "PATCH", "DELETE", "PUT"};
	MUST(buf_printf(&req, "%s ", methods[rt->method]));
	for(const char *p = rt->pattern; *p; p++) {
		if(*p == '{') {
			MUST(buf_adds(&req, strstr(rt->pattern, "persons/{") ? person_uid : "fuzzer"));
			p = strchr(p, '}');
		} else {
			MUST(buf_add(&req, p, 1));
		}
	}
	append_path(&req, rest, plen);
	MUST(buf_printf(&req, " HTTP/1.1\r\nHost: fuzz\r\nAuthorization: Bearer %s\r\n"
	                      "Connection: close\r\nContent-Type: %s\r\nContent-Length: %zu\r\n\r\n",
	                token, (rt->flags & ROUTE_UPLOAD) ? "multipart/form-data; boundary=fuzzb0undary"
	                                                  : "application/json", blen));
	if(blen)
		MUST(buf_add(&req, (const char *)body, blen));
	size_t n = exchange(req.ptr, req.len, resp, sizeof(resp), false);
	check_answer(resp, n, sizeof(resp), false);
	buf_free(&req);
	return 0;
}
