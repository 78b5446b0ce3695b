/* parley init | import | export | stats */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <jansson.h>
#include <sodium.h>

#include "auth/auth.h"

#include "cli/cli.h"
#include "core/file.h"
#include "demo/demo.h"

/* ---- init --------------------------------------------------------------- */

static const char init_usage[] =
	"usage: parley init [DB] [--admin NAME [--password-stdin | --generate-password]]\n"
	"\n"
	"Create a parley database at DB (or --db, $PARLEY_DB, ./parley.db). On an\n"
	"existing database, apply the schema migrations it lacks; nothing else changes.\n"
	"A database newer than this parley is refused.\n"
	"\n"
	"Options:\n"
	"  --admin NAME          also add the first user, NAME, with the admin role (who\n"
	"                        then adds the others); the password is asked for twice\n"
	"  --password-stdin      read the admin's password as a line from standard input\n"
	"  --generate-password   make up a strong password for the admin and print it\n";

int cmd_init(cli *c, int argc, char **argv)
{
	enum { ADMIN, STDIN, GENERATE, N };
	static const cli_opt opts[] = {
		[ADMIN] = {.name = "admin"}, [STDIN] = {.name = "password-stdin", .kind = CLI_FLAG},
		[GENERATE] = {.name = "generate-password", .kind = CLI_FLAG}, {0}};
	static const cli_spec spec = {.usage = init_usage, .opts = opts, .max_args = 1,
	                              .args_msg = "one database at a time"};
	cli_val v[N];
	int status = cli_parse(c, argc, argv, &spec, v, NULL);
	if(status >= 0)
		return status;
	if(optind < argc)
		c->db = argv[optind];
	const char *admin = v[ADMIN].s;
	bool from_stdin = v[STDIN].s != NULL, generate = v[GENERATE].s != NULL;
	if((from_stdin || generate) && !admin)
		return cli_usage_errorc(c, "cli.password_for_admin", NULL);
	if(from_stdin && generate)
		return cli_usage_errorc(c, "cli.password_one_way", NULL);
	char password[PASSWORD_MAX + 2] = "";
	if(admin && (status = cli_password(c, from_stdin, generate, password, sizeof(password))))
		return status;
	struct stat sb;
	bool existed = stat(c->db, &sb) == 0;
	store *st;
	pl_err err = {0};
	if(store_open(&st, c->db, c->actor, STORE_CREATE, &err))
		return cli_fail(c, &err);
	int before = store_schema_found(st), now = store_schema_latest();
	char steps[256];
	snprintf(steps, sizeof(steps), "%s", store_schema_steps(st));
	pl_rc rc = PL_OK;
	if(admin && auth_user_count(st) > 0)
		rc = pl_failc(&err, PL_ECONFLICT, "cli.has_users", "db", c->db, NULL);
	else if(admin)
		rc = auth_user_add(st, admin, NULL, 1u << ROLE_ADMIN, password, c->actor,
		                   &err);
	store_close(st);
	if(!existed)
		cli_say(stdout, "cli.db_created", "db", c->db, "version", PL_N(now), NULL);
	else if(before < now)
		cli_say(stdout, "cli.db_migrated", "db", c->db, "from", PL_N(before), "version", PL_N(now), NULL);
	else if(*steps)
		cli_say(stdout, "cli.db_modules_migrated", "db", c->db, "modules", steps, NULL);
	else
		cli_say(stdout, "cli.db_up_to_date", "db", c->db, "version", PL_N(now), NULL);
	if(!rc && admin && generate)
		cli_say(stdout, "cli.admin_added_password", "user", admin, "password", password, NULL);
	else if(!rc && admin)
		cli_say(stdout, "cli.admin_added", "user", admin, NULL);
	sodium_memzero(password, sizeof(password));
	return rc ? cli_fail(c, &err) : EXIT_OK;
}

/* ---- import ------------------------------------------------------------- */

static const char import_usage[] =
	"usage: parley import [OPTIONS] FILE...\n"
	"\n"
	"Import persons and events from CSV or JSON files (- reads standard input).\n"
	"All files go in together: everything is imported, or, if any row is wrong,\n"
	"nothing, and each problem is reported with its file, line and column.\n"
	"\n"
	"A row updates the person with the same id or ext.SOURCE identifier, and\n"
	"creates a new person otherwise, so importing a file again changes nothing.\n"
	"Empty cells mean 'not known here' and never erase a known value.\n"
	"CSV files hold persons, or events when they have a 'type' column; give the\n"
	"persons file before its events file. Columns: docs/formats.md.\n"
	"\n"
	"Options:\n"
	"  --format csv|json   the format, when the file name does not say\n"
	"  --max-errors N      report up to N problems before stopping (default 20)\n"
	"  --quiet             no summary, no progress line\n";

static void print_report(const import_report *rep)
{
	char rows[32], c[32], u[32], s[32], e[32], es[32];
	text_thousands(rep->rows, rows, sizeof(rows));
	text_thousands(rep->persons_created, c, sizeof(c));
	text_thousands(rep->persons_updated, u, sizeof(u));
	text_thousands(rep->persons_unchanged, s, sizeof(s));
	text_thousands(rep->events_added, e, sizeof(e));
	text_thousands(rep->events_unchanged, es, sizeof(es));
	cli_say(stdout, "cli.imported_persons", "rows", rows, "created", c, "updated", u, "unchanged", s,
	        "added", e, "there", es, NULL);
	if(rep->files_already_imported)
		cli_say(stdout, "cli.imported_before", "n", PL_N(rep->files_already_imported), NULL);
	if(rep->columns_read.len)
		cli_say(stdout, "match.columns_read", "columns", buf_str(&rep->columns_read), NULL);
}

/* --format: the words, and the formats they name. */
static const char *const format_words[] = {"csv", "json", NULL};
static const registry_format formats[] = {FORMAT_CSV, FORMAT_JSON};

int cmd_import(cli *c, int argc, char **argv)
{
	enum { FORMAT, MAX_ERRORS, QUIET, N };
	static const cli_opt opts[] = {
		[FORMAT] = {.name = "format", .kind = CLI_CHOICE, .choices = format_words},
		[MAX_ERRORS] = CLI_OPT_MAX_ERRORS,
		[QUIET] = {.name = "quiet", .kind = CLI_FLAG}, {0}};
	static const cli_spec spec = {.usage = import_usage, .opts = opts, .min_args = 1, .max_args = -1,
	                              .args_msg = "which files? (give one or more, or - for standard input)"};
	cli_val v[N];
	int status = cli_parse(c, argc, argv, &spec, v, NULL);
	if(status >= 0)
		return status;
	import_opts io = {.format = v[FORMAT].s ? formats[v[FORMAT].n] : FORMAT_AUTO,
	                  .max_errors = (int)v[MAX_ERRORS].n};
	bool quiet = v[QUIET].s != NULL;
	cli_progress_state progress = {0};
	if(!quiet && isatty(STDERR_FILENO)) {
		io.progress = cli_progress;
		io.progress_ctx = &progress;
	}
	store *st;
	pl_err err = {0};
	if(cli_open(c, &st, &err))
		return cli_fail(c, &err);
	import_report rep;
	pl_rc rc = registry_import(st, (const char *const *)argv + optind, (size_t)(argc - optind),
	                           &io, &rep, &err);
	store_close(st);
	status = EXIT_OK;
	if(rc)
		status = cli_import_failed(c, &rep.errors, &rep.coded, &err);
	else if(c->json) {
		json_t *cols = json_string(buf_str(&rep.columns_read));
		char *said = cols ? json_dumps(cols, JSON_ENCODE_ANY) : NULL;
		printf("{\"rows\":%ld,\"persons_created\":%ld,\"persons_updated\":%ld,"
		       "\"persons_unchanged\":%ld,\"events_added\":%ld,\"events_unchanged\":%ld,"
		       "\"columns_read\":%s}\n",
		       rep.rows, rep.persons_created, rep.persons_updated, rep.persons_unchanged,
		       rep.events_added, rep.events_unchanged, said ? said : "\"\"");
		free(said);
		json_decref(cols);
	} else if(!quiet) {
		print_report(&rep);
	}
	import_report_free(&rep);
	return status;
}

/* ---- export ------------------------------------------------------------- */

static const char export_usage[] =
	"usage: parley export [OPTIONS]\n"
	"\n"
	"Export the registry. JSON holds persons with their events in one document;\n"
	"CSV holds persons, or with --events the events, one file each. The columns\n"
	"are the ones import reads (docs/formats.md). A CSV field a spreadsheet would\n"
	"run as a formula (starting with = + - @) is written as text, with a quote in\n"
	"front; --raw writes it as it is, for an export to be imported back byte for\n"
	"byte (never open such a file in a spreadsheet). JSON is always exact.\n"
	"\n"
	"Options:\n"
	"  -o, --output FILE   write to FILE (replaced only once complete), not stdout\n"
	"  --format json|csv   default: from the name of FILE, else json\n"
	"  --events            CSV: the events instead of the persons\n"
	"  --raw               CSV: formulas not neutralised (exact round trips)\n"
	"  --fields LIST       only these person fields (surname,given_names,...); the id\n"
	"                      and status always; JSON then leaves the events out unless\n"
	"                      --with-events\n"
	"  --with-events       JSON with --fields: the events too\n"
	"  --to PUBFILE        encrypt to a recipient's public key file ('parley box-key')\n"
	"  --passphrase-file PFILE  encrypt to the passphrase on PFILE's first line ('-':\n"
	"                      standard input; 12 characters or more). 'parley decrypt'\n"
	"                      reads either back (docs/security.md)\n";

int cmd_export(cli *c, int argc, char **argv)
{
	enum { OUTPUT, FORMAT, EVENTS, RAW, FIELDS, WITH_EVENTS, TO, PASS, N };
	static const cli_opt opts[] = {
		[OUTPUT] = {.name = "output", .letter = 'o'},
		[FORMAT] = {.name = "format", .kind = CLI_CHOICE, .choices = format_words},
		[EVENTS] = {.name = "events", .kind = CLI_FLAG},
		[RAW] = {.name = "raw", .kind = CLI_FLAG},
		[FIELDS] = {.name = "fields"},
		[WITH_EVENTS] = {.name = "with-events", .kind = CLI_FLAG},
		[TO] = {.name = "to"},
		[PASS] = {.name = "passphrase-file"}, {0}};
	static const cli_spec spec = {.usage = export_usage, .opts = opts};
	cli_val v[N];
	int status = cli_parse(c, argc, argv, &spec, v, NULL);
	if(status >= 0)
		return status;
	registry_format fmt = v[FORMAT].s ? formats[v[FORMAT].n] : FORMAT_AUTO;
	export_what what = v[EVENTS].s ? EXPORT_EVENTS : EXPORT_PERSONS;
	const char *path = v[OUTPUT].s;
	if(fmt == FORMAT_AUTO) {
		size_t n = path ? strlen(path) : 0;
		fmt = n > 4 && !strcmp(path + n - 4, ".csv") ? FORMAT_CSV : FORMAT_JSON;
	}
	if(what == EXPORT_EVENTS && fmt == FORMAT_JSON)
		return cli_usage_errorc(c, "cli.events_for_csv", NULL);
	if(v[RAW].s && fmt == FORMAT_JSON)
		return cli_usage_errorc(c, "cli.raw_for_csv", NULL);
	bool fields[PF_COUNT];
	pl_err err = {0};
	if(v[FIELDS].s && what == EXPORT_EVENTS)
		return cli_usage_errorc(c, "cli.fields_for_persons", NULL);
	if(v[FIELDS].s && registry_fields_parse(v[FIELDS].s, fields, &err))
		return cli_usage_fail(c, &err);
	cli_crypt cc;
	if((status = cli_crypt_begin(c, v[TO].s, v[PASS].s, "export", &cc)) >= 0)
		return status;
	store *st;
	if(cli_open(c, &st, &err)) {
		cli_crypt_end(&cc);
		return cli_fail(c, &err);
	}
	/* Into a temporary file beside the target, renamed when complete: an
	 * interrupted export never leaves half a file under the real name. */
	file_out fo = {0};
	crypt_writer *w = NULL;
	pl_rc rc = path ? file_out_open(&fo, path, &err) : PL_OK;
	FILE *dest = path ? fo.f : stdout;
	if(!rc && cc.on && (rc = crypt_writer_open(&w, dest, &cc.to, &err)) && path)
		file_out_abort(&fo);
	cli_crypt_end(&cc);
	if(rc) {
		store_close(st);
		return cli_fail(c, &err);
	}
	rc = registry_export_fields(st, w ? crypt_writer_file(w) : dest, fmt, what, v[RAW].s ? EXPORT_RAW : 0,
	                            v[FIELDS].s ? fields : NULL, !v[FIELDS].s || v[WITH_EVENTS].s, &err);
	store_close(st);
	if(w && rc)
		crypt_writer_abort(w);
	else if(w)
		rc = crypt_writer_finish(w, &err);
	if(path && rc)
		file_out_abort(&fo);
	else if(path)
		rc = file_out_commit(&fo, true, &err);
	return rc ? cli_fail(c, &err) : EXIT_OK;
}

/* ---- stats -------------------------------------------------------------- */

static const char stats_usage[] =
	"usage: parley stats [--json]\n"
	"\n"
	"How many persons the registry holds, by status, party, holder and medical\n"
	"category, and how many events.\n";

static void print_counts(const char *title, const count_row *rows, size_t n)
{
	const char *head[2] = {title, "persons"};
	table *t = table_new(2, head);
	for(size_t i = 0; i < n; i++) {
		char num[32];
		text_thousands(rows[i].count, num, sizeof(num));
		const char *row[2] = {rows[i].value ? rows[i].value : "(unknown)", num};
		table_add(t, row);
	}
	table_print(t, stdout, 40);
	table_free(t);
	putchar('\n');
}

static json_t *counts_json(const count_row *rows, size_t n)
{
	json_t *o = json_object();
	for(size_t i = 0; i < n; i++)
		json_object_set_new(o, rows[i].value ? rows[i].value : "unknown",
		                    json_integer(rows[i].count));
	return o;
}

int cmd_stats(cli *c, int argc, char **argv)
{
	static const cli_spec spec = {.usage = stats_usage};
	store *st;
	int status = cli_start(c, argc, argv, &spec, NULL, NULL, &st);
	if(status >= 0)
		return status;
	pl_err err = {0};
	arena a;
	arena_init(&a, 0);
	registry_stats stats;
	pl_rc rc = registry_stats_get(st, &a, &stats, &err);
	store_close(st);
	if(!rc && c->json) {
		json_t *o = json_pack("{s:I, s:I, s:o, s:o, s:o, s:o}", "persons", (json_int_t)stats.persons,
		                      "events", (json_int_t)stats.events,
		                      "status", counts_json(stats.by_status, stats.n_status),
		                      "party", counts_json(stats.by_party, stats.n_party),
		                      "held_by", counts_json(stats.by_held_by, stats.n_held_by),
		                      "medical", counts_json(stats.by_medical, stats.n_medical));
		json_dumpf(o, stdout, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
		putchar('\n');
		json_decref(o);
	} else if(!rc) {
		char p[32], e[32];
		text_thousands(stats.persons, p, sizeof(p));
		text_thousands(stats.events, e, sizeof(e));
		cli_say(stdout, "cli.stats_head", "db", c->db, "persons", p, "events", e, NULL);
		putchar('\n');
		print_counts("status", stats.by_status, stats.n_status);
		print_counts("party", stats.by_party, stats.n_party);
		print_counts("held by", stats.by_held_by, stats.n_held_by);
		print_counts("medical", stats.by_medical, stats.n_medical);
	}
	arena_free(&a);
	return rc ? cli_fail(c, &err) : EXIT_OK;
}

/* ---- demo-data ---------------------------------------------------------- */

static const char demo_usage[] =
	"usage: parley demo-data [OPTIONS]\n"
	"\n"
	"Write a generated registry of two parties: Ukrainian and Russian names in\n"
	"Cyrillic (some only in Latin, in mixed transliteration schemes), ranks,\n"
	"branches, dates, medical categories and event histories that follow the\n"
	"lifecycle. No real person is in it. The same options give the same bytes.\n"
	"Import it with `parley import`. The identifiers (id, ext.hq HQ-0000001 ...)\n"
	"repeat from one seed to the next: import one demo registry per database.\n"
	"\n"
	"Options:\n"
	"  --persons N          how many persons (default 1000)\n"
	"  --seed S             the random seed (default 1)\n"
	"  --format json|csv    json (default): persons with their events;\n"
	"                       csv: persons, and events with --events-out\n"
	"  -o, --output FILE    write to FILE instead of stdout\n"
	"  --events-out FILE    csv: write the events to FILE\n"
	"  --linkage DIR        instead: a linkage benchmark, DIR/a.csv and DIR/b.csv,\n"
	"                       the same people as two offices list them (Ukrainian;\n"
	"                       Russian forms and schemes with corruptions), the truth\n"
	"                       in column ext.bench (docs/matching.md)\n"
	"  --remains N          instead: N remains cases as CSV for parley remains\n"
	"                       import, handed over by RU to UA in batches of about\n"
	"                       1,200 up to October 2025, all unidentified\n"
	"                       (docs/remains.md); to -o FILE or stdout\n";

/* Two lists of the same people, for linkage benchmarks. */
static int demo_linkage(cli *c, const char *dir, long n, uint64_t seed)
{
	pl_err err = {0};
	char pa[4096], pb[4096];
	snprintf(pa, sizeof(pa), "%s/a.csv", dir);
	snprintf(pb, sizeof(pb), "%s/b.csv", dir);
	FILE *fa = fopen(pa, "wb"), *fb = fa ? fopen(pb, "wb") : NULL;
	if(!fa || !fb) {
		cli_io_fail(&err, PL_EIO, "cli.cannot_write", fa ? pb : pa);
		if(fa)
			fclose(fa);
		return cli_fail(c, &err);
	}
	pl_rc rc = registry_demo_linkage(fa, fb, n, seed, &err);
	if(fclose(fa) && !rc)
		rc = cli_io_fail(&err, PL_EIO, "cli.cannot_write", pa);
	if(fclose(fb) && !rc)
		rc = cli_io_fail(&err, PL_EIO, "cli.cannot_write", pb);
	return rc ? cli_fail(c, &err) : EXIT_OK;
}

/* Remains cases, for parley remains import. */
static int demo_remains(cli *c, const char *path, long n, uint64_t seed)
{
	pl_err err = {0};
	FILE *out = path ? fopen(path, "wb") : stdout;
	if(!out) {
		cli_io_fail(&err, PL_EIO, "cli.cannot_write", path);
		return cli_fail(c, &err);
	}
	pl_rc rc = remains_demo_generate(out, n, seed, &err);
	if(path && fclose(out) && !rc)
		rc = cli_io_fail(&err, PL_EIO, "cli.cannot_write", path);
	return rc ? cli_fail(c, &err) : EXIT_OK;
}

int cmd_demo_data(cli *c, int argc, char **argv)
{
	enum { PERSONS, REMAINS, LINKAGE, SEED, FORMAT, OUTPUT, EVENTS_OUT, N };
	static const cli_opt opts[] = {
		[PERSONS] = {.name = "persons", .kind = CLI_INT, .min = 1, .max = 100000000, .expect = "a number from 1"},
		[REMAINS] = {.name = "remains", .kind = CLI_INT, .min = 1, .max = 1000000, .expect = "a number from 1 to 1000000"},
		[LINKAGE] = {.name = "linkage"},
		[SEED] = {.name = "seed", .kind = CLI_INT, .min = 0, .max = 0x7fffffffffffffffL, .expect = "a number from 0"},
		[FORMAT] = {.name = "format", .kind = CLI_CHOICE, .choices = format_words},
		[OUTPUT] = {.name = "output", .letter = 'o'},
		[EVENTS_OUT] = {.name = "events-out"}, {0}};
	static const cli_spec spec = {.usage = demo_usage, .opts = opts};
	cli_val v[N];
	int status = cli_parse(c, argc, argv, &spec, v, NULL);
	if(status >= 0)
		return status;
	demo_opts o = {.persons = v[PERSONS].s ? v[PERSONS].n : 1000,
	               .seed = v[SEED].s ? (uint64_t)v[SEED].n : 1,
	               .format = v[FORMAT].s ? formats[v[FORMAT].n] : FORMAT_JSON};
	const char *path = v[OUTPUT].s, *events_path = v[EVENTS_OUT].s, *linkage = v[LINKAGE].s;
	long remains = v[REMAINS].s ? v[REMAINS].n : -1;
	if(events_path && o.format != FORMAT_CSV)
		return cli_usage_errorc(c, "cli.events_out_for_csv", NULL);
	if(linkage && (path || events_path))
		return cli_usage_errorc(c, "cli.linkage_alone", NULL);
	if(linkage)
		return demo_linkage(c, linkage, o.persons, o.seed);
	if(remains > 0 && (events_path || o.format != FORMAT_JSON))
		return cli_usage_errorc(c, "cli.remains_alone", NULL);
	if(remains > 0)
		return demo_remains(c, path, remains, o.seed);
	pl_err err = {0};
	FILE *out = path ? fopen(path, "wb") : stdout;
	if(!out) {
		cli_io_fail(&err, PL_EIO, "cli.cannot_write", path);
		return cli_fail(c, &err);
	}
	if(events_path && !(o.events_csv = fopen(events_path, "wb"))) {
		cli_io_fail(&err, PL_EIO, "cli.cannot_write", events_path);
		if(path)
			fclose(out);
		return cli_fail(c, &err);
	}
	pl_rc rc = registry_demo_generate(out, &o, &err);
	if(path && fclose(out) && !rc)
		rc = cli_io_fail(&err, PL_EIO, "cli.cannot_write", path);
	if(o.events_csv && fclose(o.events_csv) && !rc)
		rc = cli_io_fail(&err, PL_EIO, "cli.cannot_write", events_path);
	return rc ? cli_fail(c, &err) : EXIT_OK;
}
