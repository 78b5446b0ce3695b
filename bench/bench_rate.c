/* Requests at a fixed rate (an open loop), and their latencies: what
 * "p99 under 30 ms at 3,000 requests a second" asks.
 *
 *   bench_rate --port P --paths FILE --token T [--rate R] [--seconds S]
 *              [--connections C] [--host H]
 *
 * wrk (bench_http.sh) keeps each connection busy, so its latencies are
 * those of a server run flat out: each request waits for those queued
 * before it, and its p99 measures the queue, not the rate asked for. Here
 * request i is due at i/R seconds from the start, whatever the server
 * does; it goes out on the first idle keep-alive connection, and its
 * latency counts from when it was due, so a slow answer that holds up the
 * ones behind it is counted in theirs (no "coordinated omission", as
 * wrk2 measures). The paths are taken in turn from FILE, each with the
 * API token. Prints one line:
 *
 *   rate R sent N ok K errors E p50 A p90 B p99 C p999 D max M (ms)
 *
 * An answer other than 200, or a connection closed, counts as an error;
 * the exit status is 1 if any was seen. "behind" is how late the latest
 * request went out (all connections busy: the server had fallen behind). */
#define _GNU_SOURCE /* memmem */
#include <arpa/inet.h>
#include <errno.h>
#include <getopt.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

enum { MAX_CONN = 256, RESP_MAX = 1 << 20 };

typedef struct conn {
	int fd;
	bool busy;
	double due;       /* when its request was due */
	char *in;         /* the answer so far */
	size_t n;
} conn;

static double now_s(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static int dial(const char *host, int port)
{
	struct sockaddr_in a = {.sin_family = AF_INET, .sin_port = htons((unsigned short)port)};
	if(inet_pton(AF_INET, host, &a.sin_addr) != 1)
		return -1;
	int fd = socket(AF_INET, SOCK_STREAM, 0);
	int one = 1;
	if(fd < 0 || connect(fd, (struct sockaddr *)&a, sizeof(a))) {
		if(fd >= 0)
			close(fd);
		return -1;
	}
	setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one));
	return fd;
}

/* 1: a whole answer is in (its status in *status); 0: not yet; -1: one
 * this client does not read (no Content-Length, or too large). */
static int answer_whole(const conn *c, int *status)
{
	const char *end = memmem(c->in, c->n, "\r\n\r\n", 4);
	if(!end)
		return c->n >= RESP_MAX ? -1 : 0;
	size_t head = (size_t)(end - c->in) + 4;
	const char *cl = memmem(c->in, head, "Content-Length:", 15);
	if(!cl)
		cl = memmem(c->in, head, "content-length:", 15);
	if(!cl)
		return -1;
	size_t body = strtoul(cl + 15, NULL, 10);
	if(head + body > RESP_MAX)
		return -1;
	if(c->n < head + body)
		return 0;
	*status = atoi(c->in + 9);
	return 1;
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return (x > y) - (x < y);
}

static double pct(const double *v, size_t n, double p)
{
	if(!n)
		return 0;
	size_t i = (size_t)(p * (double)n);
	return v[i < n ? i : n - 1] * 1000;
}

static char **read_paths(const char *file, size_t *n)
{
	FILE *f = fopen(file, "r");
	if(!f)
		return NULL;
	char **v = NULL, line[4096];
	size_t cap = 0;
	*n = 0;
	while(fgets(line, sizeof(line), f)) {
		line[strcspn(line, "\r\n")] = '\0';
		if(!*line)
			continue;
		if(*n == cap) {
			cap = cap ? 2 * cap : 1024;
			char **w = realloc(v, cap * sizeof(*v));
			if(!w)
				break;
			v = w;
		}
		v[(*n)++] = strdup(line);
	}
	fclose(f);
	return v;
}

int main(int argc, char **argv)
{
	const char *host = "127.0.0.1", *paths_file = NULL, *token = NULL;
	int port = 0, nconn = 64;
	double rate = 3000, seconds = 20;
	static const struct option opts[] = {
		{"host", required_argument, NULL, 'h'},        {"port", required_argument, NULL, 'p'},
		{"paths", required_argument, NULL, 'f'},       {"token", required_argument, NULL, 't'},
		{"rate", required_argument, NULL, 'r'},        {"seconds", required_argument, NULL, 's'},
		{"connections", required_argument, NULL, 'c'}, {NULL, 0, NULL, 0}};
	for(int c; (c = getopt_long(argc, argv, "", opts, NULL)) != -1;) {
		switch(c) {
		case 'h': host = optarg; break;
		case 'p': port = atoi(optarg); break;
		case 'f': paths_file = optarg; break;
		case 't': token = optarg; break;
		case 'r': rate = atof(optarg); break;
		case 's': seconds = atof(optarg); break;
		case 'c': nconn = atoi(optarg); break;
		default: return 2;
		}
	}
	if(!port || !paths_file || !token || rate <= 0 || seconds <= 0 || nconn < 1 || nconn > MAX_CONN) {
		fprintf(stderr, "usage: bench_rate --port P --paths FILE --token T [--rate R] [--seconds S] "
		                "[--connections 1-%d] [--host H]\n", MAX_CONN);
		return 2;
	}
	size_t npaths;
	char **paths = read_paths(paths_file, &npaths);
	if(!paths || !npaths) {
		fprintf(stderr, "bench_rate: %s: no paths to request\n", paths_file);
		return 2;
	}
	static conn cs[MAX_CONN];
	static struct pollfd pf[MAX_CONN];
	for(int i = 0; i < nconn; i++) {
		cs[i] = (conn){.fd = dial(host, port), .in = malloc(RESP_MAX)};
		if(cs[i].fd < 0 || !cs[i].in) {
			fprintf(stderr, "bench_rate: cannot connect to %s:%d: %s\n", host, port, strerror(errno));
			return 2;
		}
	}
	size_t total = (size_t)(rate * seconds);
	double *lat = malloc((total + 1) * sizeof(*lat));
	if(!lat)
		return 2;
	size_t sent = 0, done = 0, ok = 0, errors = 0, rr = 0;
	double t0 = now_s(), behind = 0;
	char req[8192];
	while(done < total) {
		double t = now_s() - t0;
		/* Every request due goes out on an idle connection, if there is
		 * one, taken in turn (the server's workers each hold a run of the
		 * connections, as they accepted them: the first idle would load
		 * one worker's). */
		size_t base = rr;
		for(int k = 0; k < nconn && sent < total && (double)sent / rate <= t; k++) {
			int i = (int)((base + (size_t)k) % (size_t)nconn);
			if(cs[i].busy)
				continue;
			rr = (size_t)i + 1;
			const char *p = paths[sent % npaths];
			int len = snprintf(req, sizeof(req), "GET %s HTTP/1.1\r\nHost: %s:%d\r\nAuthorization: Bearer %s\r\n\r\n",
			                   p, host, port, token);
			if(len <= 0 || (size_t)len >= sizeof(req) || write(cs[i].fd, req, (size_t)len) != len) {
				fprintf(stderr, "bench_rate: cannot send on connection %d: %s\n", i, strerror(errno));
				return 2;
			}
			cs[i].busy = true;
			cs[i].due = (double)sent / rate;
			cs[i].n = 0;
			if(t - cs[i].due > behind)
				behind = t - cs[i].due;
			sent++;
		}
		int np = 0;
		for(int i = 0; i < nconn; i++)
			pf[np++] = (struct pollfd){.fd = cs[i].fd, .events = cs[i].busy ? POLLIN : 0};
		/* Until the next is due, to the microsecond (poll's milliseconds
		 * would spin at a request every third of one, taking a core from
		 * the server). */
		int idle = 0;
		for(int i = 0; i < nconn; i++)
			idle += !cs[i].busy;
		double next = sent < total ? (double)sent / rate - (now_s() - t0) : 0.1;
		if(next < 0)
			next = 0;
		struct timespec wait = {(time_t)next, (long)((next - (double)(time_t)next) * 1e9)};
		/* Every connection busy: nothing to send until an answer comes. */
		if(ppoll(pf, (nfds_t)np, idle ? &wait : NULL, NULL) < 0 && errno != EINTR)
			return 2;
		for(int i = 0; i < nconn; i++) {
			if(!(pf[i].revents & (POLLIN | POLLHUP | POLLERR)))
				continue;
			conn *c = &cs[i];
			ssize_t r = read(c->fd, c->in + c->n, RESP_MAX - c->n);
			int status = 0, w = r > 0 ? (c->n += (size_t)r, answer_whole(c, &status)) : -1;
			if(!w)
				continue;
			double at = now_s() - t0;
			lat[done++] = at - c->due;
			if(w == 1 && status == 200)
				ok++;
			else
				errors++;
			c->busy = false;
			if(w < 0) { /* closed or unreadable: a fresh connection */
				close(c->fd);
				if((c->fd = dial(host, port)) < 0) {
					fprintf(stderr, "bench_rate: cannot connect again: %s\n", strerror(errno));
					return 2;
				}
			}
		}
	}
	double took = now_s() - t0;
	qsort(lat, done, sizeof(*lat), cmp_double);
	printf("rate %.0f sent %zu ok %zu errors %zu p50 %.2f p90 %.2f p99 %.2f p999 %.2f max %.2f (ms) "
	       "achieved %.0f/s behind %.3f s\n",
	       rate, sent, ok, errors, pct(lat, done, 0.5), pct(lat, done, 0.9), pct(lat, done, 0.99),
	       pct(lat, done, 0.999), lat[done ? done - 1 : 0] * 1000, (double)done / took, behind);
	return errors ? 1 : 0;
}
