/* parley: coordinate exchanges of prisoners of war and the return of the
 * fallen. This file finds the command and hands over; each command group
 * lives in its own file. */
#include <pwd.h>
#include <sys/stat.h>
#include <sodium.h>
#include <stdlib.h>
#include <string.h>
#include <unicode/uclean.h>
#include <unistd.h>

#include "cli/cli.h"
#include "store/store.h"

#ifndef PARLEY_VERSION
#define PARLEY_VERSION "unknown"
#endif

static const cli_command commands[] = {
	{"init", cmd_init, "create a database, or bring an old one up to date"},
	{"import", cmd_import, "import persons and events from CSV or JSON (all or nothing)"},
	{"export", cmd_export, "export persons and events as JSON or CSV"},
	{"person", cmd_person, "add, update, show, list and search persons; add events"},
	{"stats", cmd_stats, "counts by status, party, holder and medical category"},
	{"reconcile", cmd_reconcile, "match a list against the registry, across scripts"},
	{"dedupe", cmd_dedupe, "find persons entered twice, as clusters to review"},
	{"agreement", cmd_agreement, "check, store and show agreements, with their ledgers"},
	{"plan", cmd_plan, "propose the next stage of an agreement, explaining every exclusion"},
	{"stage", cmd_stage, "stages: show, change, propose, execute, close"},
	{"aftercare", cmd_aftercare, "where everyone handed over is now: transit, home, hospital"},
	{"statement", cmd_statement, "what to publish about a stage, numbers withheld under embargo"},
	{"keys", cmd_keys, "signing keys: generate, export, import, list, revoke"},
	{"manifest", cmd_manifest, "export, sign, verify (offline) and import signed manifests"},
	{"remains", cmd_remains, "remains cases, batches, custody, fragments and identification"},
	{"antemortem", cmd_antemortem, "ante-mortem data of sought persons: marks, teeth, photos"},
	{"inquiry", cmd_inquiry, "families' inquiries: intake, consent per purpose, import of a backlog"},
	{"letters", cmd_letters, "letters to families: acknowledgement, status, return, identification"},
	{"tasks", cmd_tasks, "the family liaison's tasks: what concerns a person with an open inquiry"},
	{"testimony", cmd_testimony, "returnees' testimonies: sightings reviewed, the proof-of-captivity report"},
	{"dna", cmd_dna, "DNA kinship: profiles, screening, proposals, explanations, decisions"},
	{"backup", cmd_backup, "an encrypted, consistent copy of the database, taken while in use"},
	{"restore", cmd_restore, "bring back a backup as a database, checked, all or nothing"},
	{"decrypt", cmd_decrypt, "read back an encrypted export or backup"},
	{"box-key", cmd_box_key, "a key pair to receive encrypted exports and backups"},
	{"audit", cmd_audit, "verify the audit chain; show changes and record reads"},
	{"retention", cmd_retention, "rules that erase what closed cases no longer need, after N years"},
	{"serve", cmd_serve, "serve the JSON API and the web UI"},
	{"user", cmd_user, "add users, set passwords and roles, disable users"},
	{"token", cmd_token, "API tokens for programs: create, list, revoke"},
	{"demo-data", cmd_demo_data, "generate a synthetic registry for demonstrations and tests"},
};

static void usage(FILE *f)
{
	fprintf(f,
	        "parley %s: coordinate exchanges of prisoners of war and the return of the fallen\n"
	        "\n"
	        "usage: parley COMMAND [OPTIONS] [ARGS]\n"
	        "\n"
	        "Commands:\n", PARLEY_VERSION);
	for(size_t i = 0; i < sizeof(commands) / sizeof(commands[0]); i++)
		fprintf(f, "  %-10s  %s\n", commands[i].name, commands[i].summary);
	fprintf(f,
	        "\n"
	        "Every command takes:\n"
	        "  --db PATH   the database (default: $PARLEY_DB, else ./parley.db)\n"
	        "  --json      output for programs instead of people\n"
	        "  --help      what the command does and its options\n"
	        "\n"
	        "Exit status: 0 done; 1 refused or failed (the reason is on stderr); 2 bad usage.\n"
	        "Changes are recorded in the audit log under $PARLEY_ACTOR (default cli:USER).\n"
	        "Documentation: docs/registry.md, docs/formats.md, docs/agreements.md,\n"
	        "docs/signatures.md, docs/remains.md, docs/dna.md, docs/server.md, docs/api.md.\n");
}

static void set_actor(cli *c)
{
	const char *a = getenv("PARLEY_ACTOR");
	if(a && *a) {
		snprintf(c->actor, sizeof(c->actor), "%s", a);
		return;
	}
	const char *user = getenv("USER");
	if(!user || !*user) {
		struct passwd *pw = getpwuid(getuid());
		user = pw ? pw->pw_name : "unknown";
	}
	snprintf(c->actor, sizeof(c->actor), "cli:%s", user);
}

int main(int argc, char **argv)
{
	/* Everything parley writes (the database, its journals, exports) holds
	 * personal data: readable by its owner only, unless the owner says so. */
	umask(077);
	if(sodium_init() < 0) {
		fputs("parley: ", stderr);
		cli_say(stderr, "cli.no_sodium", NULL);
		return EXIT_REFUSED;
	}
	cli c = {.prog = "parley"};
	const char *env = getenv("PARLEY_DB");
	c.db = env && *env ? env : "parley.db";
	set_actor(&c);

	/* The common options may also come before the command. */
	int first = 1;
	while(first < argc) {
		if(!strcmp(argv[first], "--db") && first + 1 < argc) {
			c.db = argv[first + 1];
			first += 2;
		} else if(!strncmp(argv[first], "--db=", 5)) {
			c.db = argv[first++] + 5;
		} else if(!strcmp(argv[first], "--json")) {
			c.json = true;
			first++;
		} else {
			break;
		}
	}
	const char *name = first < argc ? argv[first] : NULL;
	int rc = EXIT_USAGE;
	if(!name) {
		usage(stderr);
	} else if(!strcmp(name, "--help") || !strcmp(name, "-h") || !strcmp(name, "help")) {
		usage(stdout);
		rc = EXIT_OK;
	} else if(!strcmp(name, "--version")) {
		printf("parley %s (database schema version %d)\n", PARLEY_VERSION, store_schema_latest());
		rc = EXIT_OK;
	} else {
		size_t i;
		for(i = 0; i < sizeof(commands) / sizeof(commands[0]); i++)
			if(!strcmp(name, commands[i].name))
				break;
		if(i == sizeof(commands) / sizeof(commands[0])) {
			cli_usage_errorc(&c, "cli.unknown_command", "command", name, NULL);
		} else {
			char prog[64];
			snprintf(prog, sizeof(prog), "parley %s", commands[i].name);
			c.prog = prog;
			optind = 1; /* each command parses its own options */
			rc = commands[i].run(&c, argc - first, argv + first);
		}
	}
	if(fflush(stdout) != 0 || ferror(stdout)) {
		fputs("parley: ", stderr);
		cli_say(stderr, "cli.cannot_write_output", NULL);
		rc = EXIT_REFUSED;
	}
	u_cleanup(); /* ICU's caches, so leak checkers see only our own leaks */
	return rc;
}
