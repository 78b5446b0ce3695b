/* Connections before their requests are admitted: how long a request's
 * head may take to arrive, the Host it names, and the headers that say
 * where its body ends. (How many connections one address may hold is
 * libmicrohttpd's own MHD_OPTION_PER_IP_CONNECTION_LIMIT, set in server.c.)
 *
 * The head's deadline: libmicrohttpd's connection timeout restarts on
 * every byte, so a client sending a header line every few seconds would
 * hold its connection for ever. Each connection is therefore watched from
 * its accept (and again from the end of each answer, for the next request
 * on a kept-alive connection) to the end of its request's headers; a
 * watcher thread shuts down, every quarter of a second, the sockets that
 * are past the deadline. shutdown() only: the socket stays libmicrohttpd's
 * to close, which it does on reading the end, and the entry leaves the list
 * (under the same lock) before the socket is closed, so a socket number is
 * never touched after it was given back. A body, once the head is in, has
 * its own limits (sizes, and the idle timeout). */
#include <arpa/inet.h>
#include <netinet/in.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>
#include <time.h>

#include "http/internal.h"

struct conn_watch {
	conn_watch *prev, *next;
	int fd;
	int64_t since_ms;   /* accept, or the end of the last answer */
	bool in_request;    /* the head is in; the answer is not finished */
	bool cut;           /* shut down for being late */
	bool loopback;      /* the address the client reached is loopback */
	char local[64];     /* that address as a Host names it: 127.0.0.1, [::1] */
};

static int64_t now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* The address this connection reached, as a Host header would name it
 * (an IPv4-mapped IPv6 address as the IPv4 one). */
static void local_address(conn_watch *w)
{
	struct sockaddr_storage ss;
	socklen_t len = sizeof(ss);
	w->local[0] = '\0';
	if(getsockname(w->fd, (struct sockaddr *)&ss, &len))
		return;
	if(ss.ss_family == AF_INET) {
		const struct in_addr *a = &((const struct sockaddr_in *)&ss)->sin_addr;
		inet_ntop(AF_INET, a, w->local, sizeof(w->local));
		w->loopback = (ntohl(a->s_addr) >> 24) == 127;
	} else if(ss.ss_family == AF_INET6) {
		const struct in6_addr *a = &((const struct sockaddr_in6 *)&ss)->sin6_addr;
		if(IN6_IS_ADDR_V4MAPPED(a)) {
			inet_ntop(AF_INET, &a->s6_addr[12], w->local, sizeof(w->local));
			w->loopback = a->s6_addr[12] == 127;
			return;
		}
		char text[INET6_ADDRSTRLEN];
		inet_ntop(AF_INET6, a, text, sizeof(text));
		snprintf(w->local, sizeof(w->local), "[%s]", text);
		w->loopback = IN6_IS_ADDR_LOOPBACK(a);
	}
}

/* ---- the head's deadline ---------------------------------------------- */

void guard_notify(void *cls, struct MHD_Connection *conn, void **socket_context,
                  enum MHD_ConnectionNotificationCode code)
{
	head_watch *hw = &((http_server *)cls)->watch;
	if(code == MHD_CONNECTION_NOTIFY_STARTED) {
		const union MHD_ConnectionInfo *ci =
			MHD_get_connection_info(conn, MHD_CONNECTION_INFO_CONNECTION_FD);
		conn_watch *w = calloc(1, sizeof(*w));
		if(!w || !ci) { /* unwatched: only the idle timeout then */
			free(w);
			return;
		}
		w->fd = ci->connect_fd;
		w->since_ms = now_ms();
		local_address(w);
		pthread_mutex_lock(&hw->mu);
		w->next = hw->list;
		if(hw->list)
			hw->list->prev = w;
		hw->list = w;
		pthread_mutex_unlock(&hw->mu);
		*socket_context = w;
		return;
	}
	conn_watch *w = *socket_context;
	if(!w)
		return;
	pthread_mutex_lock(&hw->mu);
	if(w->prev)
		w->prev->next = w->next;
	else
		hw->list = w->next;
	if(w->next)
		w->next->prev = w->prev;
	pthread_mutex_unlock(&hw->mu);
	free(w);
	*socket_context = NULL;
}

static conn_watch *watch_of(struct MHD_Connection *conn)
{
	const union MHD_ConnectionInfo *ci =
		MHD_get_connection_info(conn, MHD_CONNECTION_INFO_SOCKET_CONTEXT);
	return ci ? ci->socket_context : NULL;
}

static void mark(http_server *s, struct MHD_Connection *conn, bool in_request)
{
	conn_watch *w = watch_of(conn);
	if(!w)
		return;
	pthread_mutex_lock(&s->watch.mu);
	w->in_request = in_request;
	w->since_ms = now_ms();
	pthread_mutex_unlock(&s->watch.mu);
}

void guard_head_done(http_req *q)
{
	mark(q->srv, q->conn, true);
}

void guard_answer_done(http_req *q)
{
	mark(q->srv, q->conn, false);
}

static void *watcher(void *arg)
{
	head_watch *hw = arg;
	pthread_mutex_lock(&hw->mu);
	while(!hw->stop) {
		int64_t now = now_ms();
		for(conn_watch *w = hw->list; w; w = w->next)
			if(!w->in_request && !w->cut && now - w->since_ms >= hw->deadline_ms) {
				shutdown(w->fd, SHUT_RDWR);
				w->cut = true;
			}
		struct timespec until;
		clock_gettime(CLOCK_MONOTONIC, &until);
		until.tv_nsec += 250 * 1000000L;
		if(until.tv_nsec >= 1000000000L) {
			until.tv_sec++;
			until.tv_nsec -= 1000000000L;
		}
		pthread_cond_timedwait(&hw->cv, &hw->mu, &until);
	}
	pthread_mutex_unlock(&hw->mu);
	return NULL;
}

pl_rc guard_start(http_server *s, pl_err *err)
{
	head_watch *hw = &s->watch;
	pthread_condattr_t ca;
	pthread_condattr_init(&ca);
	pthread_condattr_setclock(&ca, CLOCK_MONOTONIC);
	pthread_mutex_init(&hw->mu, NULL);
	pthread_cond_init(&hw->cv, &ca);
	pthread_condattr_destroy(&ca);
	hw->inited = true;
	hw->deadline_ms = (int64_t)s->cfg.head_timeout * 1000;
	if(pthread_create(&hw->thread, NULL, watcher, hw))
		return pl_nomem(err);
	hw->running = true;
	return PL_OK;
}

void guard_stop(http_server *s)
{
	head_watch *hw = &s->watch;
	if(!hw->inited)
		return;
	if(hw->running) {
		pthread_mutex_lock(&hw->mu);
		hw->stop = true;
		pthread_cond_signal(&hw->cv);
		pthread_mutex_unlock(&hw->mu);
		pthread_join(hw->thread, NULL);
	}
	pthread_cond_destroy(&hw->cv);
	pthread_mutex_destroy(&hw->mu);
}

/* ---- the Host header ---------------------------------------------------- */

/* Does "name" or "name:port" (as allowed) match the Host's name and port
 * (port NULL: none given)? An allowed name without a port matches the Host
 * without one or with the port the server listens on. */
static bool host_matches(const char *allowed, size_t alen, const char *name, size_t nlen,
                         const char *port, unsigned short listening)
{
	const char *colon = NULL;
	for(size_t i = alen; i > 0; i--)
		if(allowed[i - 1] == ':' || allowed[i - 1] == ']') {
			colon = allowed[i - 1] == ':' ? allowed + i - 1 : NULL;
			break;
		}
	size_t anlen = colon ? (size_t)(colon - allowed) : alen;
	if(anlen != nlen || strncasecmp(allowed, name, nlen))
		return false;
	if(colon)
		return port && strlen(port) == alen - anlen - 1 && !strncmp(port, colon + 1, strlen(port));
	return !port || strtoul(port, NULL, 10) == listening;
}

/* The Host header split into name and port; false if it is not one. */
static bool host_split(const char *host, size_t *nlen, const char **port)
{
	const char *end = host + strlen(host);
	const char *colon = NULL;
	if(host[0] == '[') {
		const char *close = strchr(host, ']');
		if(!close)
			return false;
		colon = close[1] == ':' ? close + 1 : NULL;
		if(!colon && close[1])
			return false;
	} else {
		colon = strchr(host, ':');
	}
	*nlen = colon ? (size_t)(colon - host) : (size_t)(end - host);
	*port = colon ? colon + 1 : NULL;
	if(!*nlen || (*port && (!**port || strspn(*port, "0123456789") != strlen(*port))))
		return false;
	return strcspn(host, " \t,/@") == (size_t)(end - host);
}

static bool host_allowed(http_req *q, const char *host)
{
	size_t nlen;
	const char *port;
	if(!host_split(host, &nlen, &port))
		return false;
	unsigned short listening = q->srv->port;
	/* The address the client reached, and loopback's names on loopback. */
	conn_watch *w = watch_of(q->conn);
	if(w && w->local[0] && host_matches(w->local, strlen(w->local), host, nlen, port, listening))
		return true;
	static const char *const loopback[] = {"localhost", "127.0.0.1", "[::1]"};
	for(size_t i = 0; w && w->loopback && i < sizeof(loopback) / sizeof(loopback[0]); i++)
		if(host_matches(loopback[i], strlen(loopback[i]), host, nlen, port, listening))
			return true;
	/* The names the office added. */
	const char *list = q->srv->cfg.host_allow;
	while(list && *list) {
		size_t n = strcspn(list, ",");
		if(n && host_matches(list, n, host, nlen, port, listening))
			return true;
		list += n + (list[n] == ',');
	}
	return false;
}

pl_rc guard_check_host_allow(const char *list, pl_err *err)
{
	while(list && *list) {
		size_t n = strcspn(list, ",");
		char item[300];
		snprintf(item, sizeof(item), "%.*s", (int)(n < 299 ? n : 299), list);
		size_t nlen;
		const char *port;
		if(!n || n > 260 || !host_split(item, &nlen, &port))
			return pl_failc(err, PL_EUSAGE, "http.host_allow_form", "value", item, NULL);
		list += n + (list[n] == ',');
	}
	return PL_OK;
}

/* ---- the headers that say where the body ends ------------------------- */

typedef struct framing {
	int lengths, encodings;
} framing;

static enum MHD_Result count_framing(void *cls, enum MHD_ValueKind kind, const char *name,
                                     const char *value)
{
	(void)kind;
	(void)value;
	framing *f = cls;
	if(!strcasecmp(name, MHD_HTTP_HEADER_CONTENT_LENGTH))
		f->lengths++;
	else if(!strcasecmp(name, MHD_HTTP_HEADER_TRANSFER_ENCODING))
		f->encodings++;
	return MHD_YES;
}

bool guard_refuse(http_req *q)
{
	const char *host = MHD_lookup_connection_value(q->conn, MHD_HEADER_KIND, MHD_HTTP_HEADER_HOST);
	if(!host) {
		http_errorc(q, MHD_HTTP_BAD_REQUEST, "bad_request", NULL, "http.host_missing", NULL);
		return true;
	}
	if(!host_allowed(q, host)) {
		http_errorc(q, MHD_HTTP_MISDIRECTED_REQUEST, "misdirected", NULL, "http.host_refused", "host",
		            host, NULL);
		return true;
	}
	framing f = {0};
	MHD_get_connection_values(q->conn, MHD_HEADER_KIND, count_framing, &f);
	const char *code = f.lengths > 1 ? "http.length_repeated"
	                 : f.encodings > 1 ? "http.encoding_repeated"
	                 : f.lengths && f.encodings ? "http.length_and_encoding" : NULL;
	if(code) {
		http_errorc(q, MHD_HTTP_BAD_REQUEST, "bad_request", NULL, code, NULL);
		return true;
	}
	return false;
}
