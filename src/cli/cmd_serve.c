/* parley serve: the HTTP API and the web UI. */
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "cli/cli.h"
#include "http/http.h"

#ifndef PARLEY_WEB_DIR
#define PARLEY_WEB_DIR "web"
#endif

static const char serve_usage[] =
	"usage: parley serve [OPTIONS]\n"
	"\n"
	"Serve the registry's JSON API (docs/api.md) and the web UI until SIGINT or\n"
	"SIGTERM; then stop taking requests, let those in flight finish, and exit.\n"
	"Users sign in with the accounts of 'parley user'.\n"
	"\n"
	"Options:\n"
	"  --listen HOST:PORT   where to listen (default 127.0.0.1:8080; port 0: any free\n"
	"                       one). Anything but loopback should use TLS.\n"
	"  --tls-cert FILE      serve HTTPS with this PEM certificate chain\n"
	"  --tls-key FILE       and this PEM private key\n"
	"  --web DIR            the web UI's files (default $PARLEY_WEB, else the\n"
	"                       web/ of the source tree parley was built from)\n"
	"  --threads N          database connections: requests at work at once (default\n"
	"                       8); each client connection is a thread of its own\n"
	"  --session-idle MIN   minutes without a request before a session ends (30)\n"
	"  --session-max HOURS  hours after sign-in before a session ends (12)\n"
	"  --grace SECONDS      how long requests in flight may take to finish on\n"
	"                       shutdown (default 30)\n"
	"  --host-allow NAME[,NAME]\n"
	"                       Host names (NAME or NAME:PORT) to answer for besides\n"
	"                       the address reached and, on loopback, localhost;\n"
	"                       other Host headers get 421 (against DNS rebinding)\n"
	"  --per-address N      connections one client address may hold (default 64);\n"
	"                       raise it behind a proxy or NAT that shows one address\n"
	"  --head-timeout SECONDS\n"
	"                       from a connection's accept (or its last answer) to\n"
	"                       the end of a request's headers, however slowly they\n"
	"                       come (default 15)\n"
	"  --photo-max MIB      the largest photo of a sought person taken (default 10)\n"
	"  --party CODE         the party this office is of (UA): the UI shows its\n"
	"                       returnees first\n"
	"  --quiet              no line per request on standard error\n"
	"\n"
	"The first line on standard output is the address, e.g.\n"
	"  parley: serving http://127.0.0.1:8080/ (database parley.db)\n";

static bool is_loopback(const char *listen)
{
	return !strncmp(listen, "127.", 4) || !strncmp(listen, "[::1]:", 6) ||
	       !strncmp(listen, "localhost:", 10);
}

static bool is_party_code(const char *s)
{
	size_t n = strlen(s);
	return n >= 2 && n <= 3 && strspn(s, "ABCDEFGHIJKLMNOPQRSTUVWXYZ") == n;
}

static const char *default_web_dir(void)
{
	const char *env = getenv("PARLEY_WEB");
	if(env && *env)
		return env;
	struct stat sb;
	return stat(PARLEY_WEB_DIR "/index.html", &sb) == 0 ? PARLEY_WEB_DIR : NULL;
}

int cmd_serve(cli *c, int argc, char **argv)
{
	enum { LISTEN, CERT, KEY, WEB, THREADS, IDLE, MAX, GRACE, HOSTS, PER_ADDRESS, HEAD, PARTY, QUIET,
	       PHOTO_MAX, N };
	static const cli_opt opts[] = {
		[LISTEN] = {.name = "listen"}, [CERT] = {.name = "tls-cert"},
		[KEY] = {.name = "tls-key"}, [WEB] = {.name = "web"},
		[THREADS] = {.name = "threads", .kind = CLI_INT, .min = 1, .max = 32},
		[IDLE] = {.name = "session-idle", .kind = CLI_INT, .min = 1, .max = 24 * 60, .expect = "1 to 1440 minutes"},
		[MAX] = {.name = "session-max", .kind = CLI_INT, .min = 1, .max = 24 * 7, .expect = "1 to 168 hours"},
		[GRACE] = {.name = "grace", .kind = CLI_INT, .min = 0, .max = 3600, .expect = "0 to 3600 seconds"},
		[HOSTS] = {.name = "host-allow"},
		[PER_ADDRESS] = {.name = "per-address", .kind = CLI_INT, .min = 1, .max = 2000, .expect = "1 to 2000 connections"},
		[HEAD] = {.name = "head-timeout", .kind = CLI_INT, .min = 1, .max = 600, .expect = "1 to 600 seconds"},
		[PARTY] = {.name = "party"}, [QUIET] = {.name = "quiet", .kind = CLI_FLAG},
		[PHOTO_MAX] = {.name = "photo-max", .kind = CLI_INT, .min = 1, .max = 100, .expect = "1 to 100 MiB"}, {0}};
	static const cli_spec spec = {.usage = serve_usage, .opts = opts};
	cli_val v[N];
	int status = cli_parse(c, argc, argv, &spec, v, NULL);
	if(status >= 0)
		return status;
	http_config cfg = {.listen = v[LISTEN].s ? v[LISTEN].s : "127.0.0.1:8080",
	                   .tls_cert = v[CERT].s, .tls_key = v[KEY].s,
	                   .web_dir = v[WEB].s ? v[WEB].s : default_web_dir(),
	                   .threads = (unsigned)v[THREADS].n, .log = v[QUIET].s ? NULL : stderr};
	cfg.host_allow = v[HOSTS].s;
	cfg.per_address = (unsigned)v[PER_ADDRESS].n;
	cfg.head_timeout = (unsigned)v[HEAD].n;
	cfg.photo_max = (size_t)v[PHOTO_MAX].n << 20;
	cfg.sessions.idle = v[IDLE].n * 60;
	cfg.sessions.absolute = v[MAX].n * 3600;
	long grace = v[GRACE].s ? v[GRACE].n : 30;
	if(!cfg.tls_cert != !cfg.tls_key)
		return cli_usage_errorc(c, "cli.tls_both", NULL);
	if((cfg.office_party = v[PARTY].s) && !is_party_code(cfg.office_party))
		return cli_usage_errorc(c, "cli.party_form", "value", cfg.office_party, NULL);
	cfg.db_path = c->db;

	/* Signals are taken by this thread alone (sigwait): the server's
	 * threads, started below, inherit the blocked mask. */
	sigset_t stop;
	sigemptyset(&stop);
	sigaddset(&stop, SIGINT);
	sigaddset(&stop, SIGTERM);
	pthread_sigmask(SIG_BLOCK, &stop, NULL);
	signal(SIGPIPE, SIG_IGN);

	http_server *s;
	pl_err err = {0};
	if(http_start(&s, &cfg, &err))
		return cli_fail(c, &err);
	if(!cfg.tls_cert && !is_loopback(cfg.listen))
		cli_say(stderr, "cli.serve_no_tls", "prog", c->prog, "address", cfg.listen, NULL);
	if(!cfg.web_dir)
		cli_say(stderr, "cli.serve_no_web", "prog", c->prog, "dir", PARLEY_WEB_DIR, NULL);
	if(http_connections(s) < 2000)
		cli_say(stderr, "cli.serve_few_files", "prog", c->prog, "n", PL_N(http_connections(s)), NULL);
	char host[128];
	snprintf(host, sizeof(host), "%s", cfg.listen);
	char *colon = strrchr(host, ':');
	if(colon)
		*colon = '\0';
	if(!host[0] || !strcmp(host, "0.0.0.0"))
		snprintf(host, sizeof(host), "127.0.0.1");
	/* Read by scripts and tests: the same in every language. */
	printf("parley: serving %s://%s:%u/ (database %s)\n", http_tls(s) ? "https" : "http", host,
	       http_port(s), c->db);
	fflush(stdout);

	int sig = 0;
	sigwait(&stop, &sig);
	cli_say(stderr, sig == SIGINT ? "cli.serve_interrupted" : "cli.serve_terminated", "prog", c->prog,
	        NULL);
	http_stop(s, (int)grace);
	cli_say(stderr, "cli.serve_stopped", "prog", c->prog, NULL);
	return EXIT_OK;
}
