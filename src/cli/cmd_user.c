/* parley user add | passwd | disable | enable | set | list | totp-reset |
 * second-factor, and
 * parley token create | list | revoke.
 *
 * Passwords never come from the command line (other users can read it in
 * the process list): they are typed, twice and unechoed, at a terminal, or
 * read as one line from standard input (--password-stdin), or made up and
 * shown once (--generate-password). */
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#include <jansson.h>
#include <sodium.h>

#include "auth/auth.h"
#include "cli/cli.h"

/* One line from f, without its newline; false at end of input. */
static bool read_line(FILE *f, char *out, size_t size)
{
	if(!fgets(out, (int)size, f))
		return false;
	size_t n = strcspn(out, "\r\n");
	out[n] = '\0';
	return true;
}

static bool prompt_hidden(const char *prompt, char *out, size_t size)
{
	struct termios old, quiet;
	if(tcgetattr(STDIN_FILENO, &old))
		return false;
	quiet = old;
	quiet.c_lflag &= ~(tcflag_t)ECHO;
	fputs(prompt, stderr);
	tcsetattr(STDIN_FILENO, TCSAFLUSH, &quiet);
	bool ok = read_line(stdin, out, size);
	tcsetattr(STDIN_FILENO, TCSAFLUSH, &old);
	fputc('\n', stderr);
	return ok;
}

/* The password, by the means chosen; EXIT_OK or an exit status. */
int cli_password(cli *c, bool from_stdin, bool generate, char *out, size_t size)
{
	if(generate) {
		/* 20 characters of base64url: 120 bits. */
		char token[TOKEN_LEN + 1];
		auth_random_token(token);
		snprintf(out, size, "%.20s", token);
		sodium_memzero(token, sizeof(token));
		return EXIT_OK;
	}
	if(from_stdin || !isatty(STDIN_FILENO)) {
		if(!read_line(stdin, out, size)) {
			cli_say(stderr, "cli.password_stdin", "prog", c->prog, NULL);
			return EXIT_REFUSED;
		}
		return EXIT_OK;
	}
	char again[PASSWORD_MAX + 2];
	bool ok = prompt_hidden("Password: ", out, size) &&
	          prompt_hidden("The same password again: ", again, sizeof(again));
	bool same = ok && !strcmp(out, again);
	sodium_memzero(again, sizeof(again));
	if(!same) {
		cli_say(stderr, ok ? "cli.passwords_differ" : "cli.no_password", "prog", c->prog, NULL);
		return EXIT_REFUSED;
	}
	return EXIT_OK;
}

static int parse_roles(cli *c, const char *text, role_set *out)
{
	const char *bad;
	size_t badlen;
	if(auth_roles_parse(text, out, &bad, &badlen))
		return EXIT_OK;
	char all[160];
	auth_roles_text((1u << ROLE_COUNT) - 1, all, sizeof(all));
	if(!badlen)
		return cli_usage_errorc(c, "cli.roles_form", "roles", all, NULL);
	char word[64];
	snprintf(word, sizeof(word), "%.*s", (int)(badlen < sizeof(word) ? badlen : sizeof(word) - 1), bad);
	return cli_usage_errorc(c, "cli.not_a_role", "role", word, "roles", all, NULL);
}

/* ---- add, passwd, set ------------------------------------------------- */

static const char add_usage[] =
	"usage: parley user add NAME --roles ROLE[,ROLE...] [OPTIONS]\n"
	"\n"
	"Add a user who signs in to the web UI and the API as NAME (a-z, 0-9, '.',\n"
	"'-', '_'). The password is asked for twice at a terminal, or read from\n"
	"standard input.\n"
	"\n"
	"Roles: admin (users), registrar (persons and events), medical (medical\n"
	"details and health events), negotiator, identification, auditor (reads\n"
	"everything and the logs, changes nothing), mediator (the lists it is given).\n"
	"\n"
	"Options:\n"
	"  --roles LIST          the user's roles, comma-separated\n"
	"  --display TEXT        the name shown in the UI\n"
	"  --password-stdin      read the password as one line from standard input\n"
	"  --generate-password   make up a strong password and print it, once\n";

static const char passwd_usage[] =
	"usage: parley user passwd NAME [--password-stdin | --generate-password]\n"
	"\n"
	"Set a user's password. Their sessions in the web UI end and their API\n"
	"tokens are revoked for good. Common passwords, blanks, one character\n"
	"repeated, sequences (abcdef, 987654, qwerty) and the user's own names\n"
	"are refused.\n";

static const char set_usage[] =
	"usage: parley user set NAME [--roles LIST] [--display TEXT]\n"
	"\n"
	"Change a user's roles or display name. The last enabled admin keeps the\n"
	"admin role.\n";

typedef struct user_args {
	const char *name, *roles, *display;
	bool from_stdin, generate;
} user_args;

static const char one_user[] = "expected one user NAME";

/* NAME and the options of add, passwd and set (each refuses those of the
 * others in words of its own). -1 to go on, or an exit status. */
static int user_options(cli *c, int argc, char **argv, const char *usage, user_args *ua)
{
	enum { ROLES, DISPLAY, STDIN, GENERATE, N };
	static const cli_opt opts[] = {
		[ROLES] = {.name = "roles"}, [DISPLAY] = {.name = "display"},
		[STDIN] = {.name = "password-stdin", .kind = CLI_FLAG},
		[GENERATE] = {.name = "generate-password", .kind = CLI_FLAG}, {0}};
	const cli_spec spec = {.usage = usage, .opts = opts, .min_args = 1, .max_args = 1, .args_msg = one_user};
	cli_val v[N];
	int status = cli_parse(c, argc, argv, &spec, v, NULL);
	if(status >= 0)
		return status;
	*ua = (user_args){argv[optind], v[ROLES].s, v[DISPLAY].s, v[STDIN].s != NULL, v[GENERATE].s != NULL};
	if(ua->from_stdin && ua->generate)
		return cli_usage_errorc(c, "cli.password_one_way", NULL);
	return -1;
}

static int show_password(cli *c, const char *name, const char *password)
{
	if(c->json) {
		json_t *o = json_pack("{s:s, s:s}", "user", name, "password", password);
		json_dumpf(o, stdout, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
		putchar('\n');
		json_decref(o);
	} else {
		printf("user %s\npassword %s\n", name, password);
	}
	return EXIT_OK;
}

/* add and passwd both read a password, store it, and show it if it was
 * generated; `roles` is set for add. */
static int user_store_password(cli *c, const user_args *ua, const role_set *roles)
{
	char password[PASSWORD_MAX + 2];
	int status = cli_password(c, ua->from_stdin, ua->generate, password, sizeof(password));
	if(status)
		return status;
	store *st;
	pl_err err = {0};
	pl_rc rc = cli_open(c, &st, &err);
	if(!rc) {
		rc = roles ? auth_user_add(st, ua->name, ua->display, *roles, password, c->actor, &err)
		           : auth_user_passwd(st, ua->name, password, c->actor, &err);
		store_close(st);
	}
	if(!rc && ua->generate)
		show_password(c, ua->name, password);
	else if(!rc && !c->json && roles)
		cli_say(stdout, "cli.user_added", "user", ua->name, "roles", ua->roles, NULL);
	else if(!rc && !c->json)
		cli_say(stdout, "cli.user_password_revoked", "user", ua->name, NULL);
	sodium_memzero(password, sizeof(password));
	return rc ? cli_fail(c, &err) : EXIT_OK;
}

static int user_add(cli *c, int argc, char **argv)
{
	user_args ua = {0};
	int status = user_options(c, argc, argv, add_usage, &ua);
	if(status >= 0)
		return status;
	role_set roles;
	if(!ua.roles)
		return cli_usage_errorc(c, "cli.required", "option", "roles", NULL);
	if((status = parse_roles(c, ua.roles, &roles)))
		return status;
	return user_store_password(c, &ua, &roles);
}

static int user_passwd(cli *c, int argc, char **argv)
{
	user_args ua = {0};
	int status = user_options(c, argc, argv, passwd_usage, &ua);
	if(status >= 0)
		return status;
	if(ua.roles || ua.display)
		return cli_usage_errorc(c, "cli.roles_in_set", NULL);
	return user_store_password(c, &ua, NULL);
}

/* Change roles, display name or the disabled flag. */
static int user_change(cli *c, const char *name, const role_set *roles, const char *display,
                       const bool *disabled, const char *done)
{
	store *st;
	pl_err err = {0};
	pl_rc rc = cli_open(c, &st, &err);
	if(!rc) {
		rc = auth_user_set(st, name, roles, display, disabled, c->actor, &err);
		store_close(st);
	}
	if(rc)
		return cli_fail(c, &err);
	if(!c->json)
		cli_say(stdout, done, "user", name, NULL);
	return EXIT_OK;
}

static int user_set(cli *c, int argc, char **argv)
{
	user_args ua = {0};
	int status = user_options(c, argc, argv, set_usage, &ua);
	if(status >= 0)
		return status;
	if(ua.from_stdin || ua.generate)
		return cli_usage_errorc(c, "cli.passwords_in_passwd", NULL);
	if(!ua.roles && !ua.display)
		return cli_usage_errorc(c, "cli.user_nothing_to_change", NULL);
	role_set roles;
	if(ua.roles && (status = parse_roles(c, ua.roles, &roles)))
		return status;
	return user_change(c, ua.name, ua.roles ? &roles : NULL, ua.display, NULL, "cli.user_changed");
}

static const char disable_usage[] =
	"usage: parley user disable NAME\n"
	"\n"
	"Stop NAME from signing in: their sessions end and their API tokens are\n"
	"revoked for good. Nothing they did is removed. 'parley user enable NAME'\n"
	"lets them sign in again (with new tokens).\n";

static const char enable_usage[] =
	"usage: parley user enable NAME\n"
	"\n"
	"Let a disabled user sign in again (their old sessions stay ended).\n";

static int user_disable_or_enable(cli *c, int argc, char **argv, bool disable)
{
	const cli_spec spec = {.usage = disable ? disable_usage : enable_usage, .min_args = 1, .max_args = 1,
	                       .args_msg = one_user};
	int status = cli_parse(c, argc, argv, &spec, NULL, NULL);
	if(status >= 0)
		return status;
	return user_change(c, argv[optind], NULL, NULL, &disable,
	                   disable ? "cli.user_disabled_revoked" : "cli.user_enabled");
}

static int user_disable(cli *c, int argc, char **argv) { return user_disable_or_enable(c, argc, argv, true); }
static int user_enable(cli *c, int argc, char **argv) { return user_disable_or_enable(c, argc, argv, false); }

/* ---- list ------------------------------------------------------------- */

static const char list_usage[] =
	"usage: parley user list\n"
	"\n"
	"The users, their roles, whether they have a second factor (totp) and\n"
	"whether they are disabled.\n";

static pl_rc list_row(void *ctx, const user *u)
{
	cli_rows *o = ctx;
	char roles[160];
	auth_roles_text(u->roles, roles, sizeof(roles));
	if(o->arr) {
		json_array_append_new(o->arr, auth_user_json(u));
		return PL_OK;
	}
	const char *row[5] = {u->name, u->display, roles, u->totp ? "totp" : "", u->disabled ? "disabled" : ""};
	table_add(o->t, row);
	return PL_OK;
}

static int user_list(cli *c, int argc, char **argv)
{
	static const cli_spec spec = {.usage = list_usage};
	store *st;
	int status = cli_start(c, argc, argv, &spec, NULL, NULL, &st);
	if(status >= 0)
		return status;
	pl_err err = {0};
	static const char *const head[5] = {"name", "display name", "roles", "2nd factor", ""};
	cli_rows o;
	cli_rows_init(&o, c, 5, head, 60);
	pl_rc rc = auth_user_list(st, list_row, &o, &err);
	store_close(st);
	return cli_rows_finish(&o, c, rc, &err);
}

/* ---- the second factor -------------------------------------------------- */

static const char totp_reset_usage[] =
	"usage: parley user totp-reset NAME\n"
	"\n"
	"Remove NAME's second factor and recovery codes (a lost phone) and end\n"
	"their sessions. They sign in with the password alone again, or enrol\n"
	"anew at sign-in when one of their roles must use a second factor.\n";

static int user_totp_reset(cli *c, int argc, char **argv)
{
	const cli_spec spec = {.usage = totp_reset_usage, .min_args = 1, .max_args = 1, .args_msg = one_user};
	int status = cli_parse(c, argc, argv, &spec, NULL, NULL);
	if(status >= 0)
		return status;
	store *st;
	pl_err err = {0};
	pl_rc rc = cli_open(c, &st, &err);
	if(!rc) {
		rc = auth_totp_reset(st, argv[optind], c->actor, &err);
		store_close(st);
	}
	if(rc)
		return cli_fail(c, &err);
	if(!c->json)
		cli_say(stdout, "cli.totp_reset", "user", argv[optind], NULL);
	return EXIT_OK;
}

static const char second_factor_usage[] =
	"usage: parley user second-factor [--require ROLE[,ROLE...] | --none]\n"
	"\n"
	"The roles whose users must use a second factor (TOTP, an authenticator\n"
	"app's codes) to sign in, or set them. Their users without one enrol at\n"
	"their next sign-in; their sessions open now end. docs/security.md\n"
	"suggests the roles that read medical details or DNA: admin, medical,\n"
	"identification, auditor.\n"
	"\n"
	"Options:\n"
	"  --require LIST   these roles, comma-separated, and no others\n"
	"  --none           no role\n";

static int user_second_factor(cli *c, int argc, char **argv)
{
	enum { REQUIRE, NONE, N };
	static const cli_opt opts[] = {[REQUIRE] = {.name = "require"},
	                               [NONE] = {.name = "none", .kind = CLI_FLAG}, {0}};
	static const cli_spec spec = {.usage = second_factor_usage, .opts = opts};
	cli_val v[N];
	int status = cli_parse(c, argc, argv, &spec, v, NULL);
	if(status >= 0)
		return status;
	if(v[REQUIRE].s && v[NONE].s)
		return cli_usage_errorc(c, "cli.second_factor_one_way", NULL);
	role_set need = 0;
	if(v[REQUIRE].s && (status = parse_roles(c, v[REQUIRE].s, &need)))
		return status;
	bool change = v[REQUIRE].s || v[NONE].s;
	store *st;
	pl_err err = {0};
	long ended = 0;
	pl_rc rc = cli_open(c, &st, &err);
	if(!rc) {
		rc = change ? auth_second_factor_require(st, need, c->actor, &ended, &err)
		            : auth_second_factor_roles(st, &need, &err);
		store_close(st);
	}
	if(rc)
		return cli_fail(c, &err);
	char roles[160];
	auth_roles_text(need, roles, sizeof(roles));
	if(c->json) {
		json_t *o = json_pack("{s:s, s:I}", "roles", roles, "sessions_ended", (json_int_t)ended);
		json_dumpf(o, stdout, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
		putchar('\n');
		json_decref(o);
	} else if(need) {
		cli_say(stdout, "cli.second_factor_roles", "roles", roles, NULL);
	} else {
		cli_say(stdout, "cli.second_factor_none", NULL);
	}
	if(!c->json && ended)
		cli_say(stdout, "cli.second_factor_ended", "n", PL_N(ended), NULL);
	return EXIT_OK;
}

static const char user_usage[] =
	"usage: parley user COMMAND ...\n"
	"\n"
	"  add       add a user with roles and a password\n"
	"  passwd    set a user's password\n"
	"  set       change a user's roles or display name\n"
	"  disable   stop a user from signing in\n"
	"  enable    let a disabled user sign in again\n"
	"  list      the users and their roles\n"
	"  totp-reset     remove a user's second factor (a lost phone)\n"
	"  second-factor  the roles that must use a second factor, or set them\n";

int cmd_user(cli *c, int argc, char **argv)
{
	static const cli_command subs[] = {
		{"add", user_add, NULL},         {"passwd", user_passwd, NULL},
		{"set", user_set, NULL},         {"disable", user_disable, NULL},
		{"enable", user_enable, NULL},   {"list", user_list, NULL},
		{"totp-reset", user_totp_reset, NULL}, {"second-factor", user_second_factor, NULL},
	};
	return cli_dispatch(c, "user", subs, sizeof(subs) / sizeof(subs[0]), user_usage, argc, argv);
}

/* ---- API tokens ------------------------------------------------------- */

static const char token_create_usage[] =
	"usage: parley token create --user NAME --name LABEL [--days N] [--read-only]\n"
	"\n"
	"A new API token for a program acting as user NAME, sent as\n"
	"'Authorization: Bearer TOKEN'. It is printed once: only its hash is kept.\n"
	"\n"
	"Options:\n"
	"  --days N      it expires after N days (1 to 365; default 90)\n"
	"  --read-only   it may only read: every request but GET is refused\n";

static const char token_list_usage[] =
	"usage: parley token list [--user NAME]\n"
	"\n"
	"API tokens: their ids, labels, users, when made, when they expire, whether\n"
	"they may only read, when last used (to the minute) and revoked.\n";

static const char token_revoke_usage[] =
	"usage: parley token revoke ID\n"
	"\n"
	"Revoke an API token (its id from 'parley token list'): it stops working at once.\n";

static int token_create(cli *c, int argc, char **argv)
{
	enum { USER, NAME, DAYS, RO, N };
	static const cli_opt opts[] = {
		[USER] = {.name = "user", .required = true},
		[NAME] = {.name = "name", .required = true},
		[DAYS] = {.name = "days"}, [RO] = {.name = "read-only", .kind = CLI_FLAG}, {0}};
	static const char expected[] = "expected --user NAME and --name LABEL";
	static const cli_spec spec = {.usage = token_create_usage, .opts = opts, .args_msg = expected,
	                              .need_msg = expected};
	cli_val v[N];
	store *st;
	int status = cli_start(c, argc, argv, &spec, v, NULL, &st);
	if(status >= 0)
		return status;
	const char *name = v[USER].s, *label = v[NAME].s;
	long days = 0;
	if(v[DAYS].s && !cli_parse_long(v[DAYS].s, 1, TOKEN_DAYS_MAX, &days)) {
		store_close(st);
		return cli_usage_errorc(c, "auth.token_days", "max", PL_N(TOKEN_DAYS_MAX), NULL);
	}
	token_spec ts = {.name = label, .days = (int)days, .read_only = v[RO].s != NULL};
	pl_err err = {0};
	user u;
	char token[API_TOKEN_LEN + 1], expires[32] = "";
	int64_t id = 0;
	pl_rc rc = auth_user_get(st, name, &u, &err);
	if(!rc)
		rc = auth_token_make(st, &u, &ts, c->actor, token, &id, expires, &err);
	store_close(st);
	if(rc)
		return cli_fail(c, &err);
	if(c->json) {
		json_t *o = json_pack("{s:I, s:s, s:s, s:s, s:b}", "id", (json_int_t)id, "user", name, "token",
		                      token, "expires_at", expires, "read_only", ts.read_only);
		json_dumpf(o, stdout, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
		putchar('\n');
		json_decref(o);
	} else {
		cli_say(stdout, "cli.token_made", "id", PL_N(id), "user", name, "token", token, NULL);
		cli_say(stdout, ts.read_only ? "cli.token_expires_ro" : "cli.token_expires", "when", expires,
		        NULL);
	}
	sodium_memzero(token, sizeof(token));
	return EXIT_OK;
}

static pl_rc token_row(void *ctx, const api_token *t)
{
	cli_rows *o = ctx;
	if(o->arr) {
		json_array_append_new(o->arr, auth_token_json(t));
		return PL_OK;
	}
	char id[32];
	snprintf(id, sizeof(id), "%lld", (long long)t->id);
	const char *row[8] = {id, t->name, t->user, t->created_at, t->expires_at, t->read_only ? "read only" : "",
	                      t->last_used, t->revoked_at};
	table_add(o->t, row);
	return PL_OK;
}

static int token_list(cli *c, int argc, char **argv)
{
	static const cli_opt opts[] = {{.name = "user"}, {0}};
	static const cli_spec spec = {.usage = token_list_usage, .opts = opts};
	cli_val v[1];
	store *st;
	int status = cli_start(c, argc, argv, &spec, v, NULL, &st);
	if(status >= 0)
		return status;
	const char *name = v[0].s;
	pl_err err = {0};
	user u = {0};
	pl_rc rc = name ? auth_user_get(st, name, &u, &err) : PL_OK;
	static const char *const head[8] = {"id", "name", "user", "created", "expires", "access", "last used",
	                                    "revoked"};
	cli_rows o;
	cli_rows_init(&o, c, 8, head, 40);
	if(!rc)
		rc = auth_token_list(st, u.id, token_row, &o, &err);
	store_close(st);
	return cli_rows_finish(&o, c, rc, &err);
}

static int token_revoke(cli *c, int argc, char **argv)
{
	static const char one_id[] = "expected one token ID (a number)";
	static const cli_spec spec = {.usage = token_revoke_usage, .min_args = 1, .max_args = 1,
	                              .args_msg = one_id};
	int status = cli_parse(c, argc, argv, &spec, NULL, NULL);
	if(status >= 0)
		return status;
	long id;
	if(!cli_parse_long(argv[optind], 1, 0x7fffffffL, &id))
		return cli_usage_error(c, "%s", one_id);
	store *st;
	pl_err err = {0};
	if(cli_open(c, &st, &err))
		return cli_fail(c, &err);
	pl_rc rc = auth_token_revoke(st, id, 0, c->actor, &err);
	store_close(st);
	if(rc)
		return cli_fail(c, &err);
	if(!c->json)
		cli_say(stdout, "cli.token_revoked", "id", PL_N(id), NULL);
	return EXIT_OK;
}

static const char token_usage[] =
	"usage: parley token COMMAND ...\n"
	"\n"
	"  create    a new API token for a program acting as a user\n"
	"  list      the API tokens\n"
	"  revoke    stop a token from working\n";

int cmd_token(cli *c, int argc, char **argv)
{
	static const cli_command subs[] = {
		{"create", token_create, NULL},
		{"list", token_list, NULL},
		{"revoke", token_revoke, NULL},
	};
	return cli_dispatch(c, "token", subs, sizeof(subs) / sizeof(subs[0]), token_usage, argc, argv);
}
