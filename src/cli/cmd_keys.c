/* parley keys generate | export | import | list | revoke: the Ed25519 keys
 * that sign manifests (docs/signatures.md).
 *
 * A secret key file stays with its holder; what travels is the public key
 * file, and the fingerprint that the two sides compare by another channel
 * (a telephone call, a meeting) before trusting it. */
#include <string.h>

#include <jansson.h>

#include "accord/manifest.h"
#include "cli/cli.h"
#include "sign/sign.h"

/* ---- generate ---------------------------------------------------------- */

static const char generate_usage[] =
	"usage: parley keys generate --signer CODE [--role party|mediator] -o FILE\n"
	"\n"
	"Make a new signing key for CODE and write its secret key file, readable by\n"
	"you only; an existing file is never replaced. Prints the key's fingerprint.\n"
	"Keep the file safe: whoever has it can sign as CODE. Give the others its\n"
	"public key ('parley keys export FILE -o CODE.pub') and read them the\n"
	"fingerprint by another channel.\n"
	"\n"
	"Options:\n"
	"  --signer CODE        a party (2 or 3 capital letters: UA, RU) or a mediator\n"
	"                       (2 to 8 capital letters or digits: ICRC, TR)\n"
	"  --role ROLE          party (the default) or mediator\n"
	"  -o, --output FILE    the secret key file to write\n";

static int keys_generate(cli *c, int argc, char **argv)
{
	enum { SIGNER, ROLE, OUTPUT, N };
	static const char *const roles[] = {"party", "mediator", NULL};
	static const cli_opt opts[] = {
		[SIGNER] = {.name = "signer", .required = true},
		[ROLE] = {.name = "role", .kind = CLI_CHOICE, .choices = roles},
		[OUTPUT] = {.name = "output", .letter = 'o', .required = true}, {0}};
	static const char expected[] = "expected --signer CODE and -o FILE";
	static const cli_spec spec = {.usage = generate_usage, .opts = opts, .args_msg = expected,
	                              .need_msg = expected};
	cli_val v[N];
	int status = cli_parse(c, argc, argv, &spec, v, NULL);
	if(status >= 0)
		return status;
	const char *signer = v[SIGNER].s, *path = v[OUTPUT].s;
	sign_role role = v[ROLE].n == 1 ? SIGN_MEDIATOR : SIGN_PARTY;
	sign_key k;
	pl_err err = {0};
	pl_rc rc = sign_key_generate(signer, role, &k, &err);
	if(!rc)
		rc = sign_key_save(&k, path, true, &err);
	char fp[SIGN_FINGERPRINT_MAX];
	sign_fingerprint(k.pk, fp);
	sign_key_wipe(&k);
	if(rc)
		return cli_fail(c, &err);
	if(c->json)
		cli_print_json(json_pack("{s:s, s:s, s:s, s:s}", "signer", signer, "role", sign_role_name(role),
		                     "fingerprint", fp, "file", path));
	else {
		cli_say(stdout, "cli.key_generated", "signer", signer, "role", sign_role_name(role), "file", path,
		        NULL);
		printf("fingerprint %s\n", fp); /* read by scripts: the same in every language */
		cli_say(stdout, "cli.key_keep", "file", path, "signer", signer, NULL);
	}
	return EXIT_OK;
}

/* ---- export ------------------------------------------------------------ */

static const char export_usage[] =
	"usage: parley keys export KEYFILE [-o FILE]\n"
	"\n"
	"Write the public key file of a key (from its secret key file, or another\n"
	"public one) to FILE, or to standard output. The public key file holds the\n"
	"signer, role, public key and fingerprint, nothing secret: send it to\n"
	"whoever checks your signatures ('parley keys import').\n"
	"\n"
	"Options:\n"
	"  -o, --output FILE    write here (replacing it) instead of standard output\n";

static int keys_export(cli *c, int argc, char **argv)
{
	static const cli_opt opts[] = {{.name = "output", .letter = 'o'}, {0}};
	static const cli_spec spec = {.usage = export_usage, .opts = opts, .min_args = 1, .max_args = 1,
	                              .args_msg = "expected one KEYFILE"};
	cli_val v[1];
	int status = cli_parse(c, argc, argv, &spec, v, NULL);
	if(status >= 0)
		return status;
	const char *path = v[0].s;
	sign_key k;
	pl_err err = {0};
	buf text;
	buf_init(&text, 0);
	pl_rc rc = sign_key_load(argv[optind], &k, &err);
	if(!rc && path)
		rc = sign_key_save(&k, path, false, &err);
	else if(!rc)
		rc = sign_key_public_text(&k, &text, &err);
	char fp[SIGN_FINGERPRINT_MAX];
	sign_fingerprint(k.pk, fp);
	if(!rc && !path)
		fputs(buf_str(&text), stdout);
	else if(!rc)
		cli_say(stderr, "cli.key_exported", "signer", k.signer, "role", sign_role_name(k.role), "key", fp,
		        "file", path, NULL);
	sign_key_wipe(&k);
	buf_free(&text);
	return rc ? cli_fail(c, &err) : EXIT_OK;
}

/* ---- import ------------------------------------------------------------ */

static const char import_usage[] =
	"usage: parley keys import PUBFILE...\n"
	"\n"
	"Trust the public keys in these files ('parley keys export' writes them):\n"
	"signatures made with them count when this office verifies a manifest.\n"
	"Before importing, compare the fingerprint printed here with the one the\n"
	"key's holder reads you by another channel. Importing a key again changes\n"
	"nothing; a signer may have several keys (a new one before the old one is\n"
	"revoked). Recorded in the audit log.\n";

static int import_one(cli *c, store *st, const char *path, json_t *arr)
{
	sign_key k;
	pl_err err = {0};
	bool added = false;
	pl_rc rc = sign_key_import(st, path, path, c->actor, &k, &added, &err);
	if(rc)
		return cli_fail(c, &err);
	char fp[SIGN_FINGERPRINT_MAX];
	sign_fingerprint(k.pk, fp);
	if(arr)
		json_array_append_new(arr, json_pack("{s:s, s:s, s:s, s:b}", "signer", k.signer, "role",
		                                     sign_role_name(k.role), "fingerprint", fp, "added",
		                                     added));
	else
		cli_say(stdout, added ? "cli.key_trusted" : "cli.key_already_trusted", "role",
		        sign_role_name(k.role), "signer", k.signer, "key", fp, NULL);
	return EXIT_OK;
}

static int keys_import(cli *c, int argc, char **argv)
{
	static const cli_spec spec = {.usage = import_usage, .min_args = 1, .max_args = -1,
	                              .args_msg = "expected one or more PUBFILEs"};
	store *st;
	int status = cli_start(c, argc, argv, &spec, NULL, NULL, &st);
	if(status >= 0)
		return status;
	json_t *arr = c->json ? json_array() : NULL;
	status = EXIT_OK;
	for(int i = optind; i < argc && !status; i++)
		status = import_one(c, st, argv[i], arr);
	store_close(st);
	if(arr && !status)
		cli_print_json(arr);
	else
		json_decref(arr);
	return status;
}

/* ---- list -------------------------------------------------------------- */

static const char list_usage[] =
	"usage: parley keys list\n"
	"\n"
	"The public keys this office trusts, and those it revoked: signer, role,\n"
	"fingerprint, when imported and when revoked.\n";

static pl_rc list_row(void *ctx, const sign_trusted *t)
{
	cli_rows *o = ctx;
	const char *role = sign_role_name(t->key.role);
	if(o->arr) {
		json_array_append_new(o->arr, json_pack("{s:s, s:s, s:s, s:s, s:s?}", "signer", t->key.signer,
		                                        "role", role, "fingerprint", t->fingerprint,
		                                        "added_at", t->added_at, "revoked_at",
		                                        t->revoked_at[0] ? t->revoked_at : NULL));
		return PL_OK;
	}
	const char *row[5] = {t->key.signer, role, t->fingerprint, t->added_at, t->revoked_at};
	table_add(o->t, row);
	return PL_OK;
}

static int keys_list(cli *c, int argc, char **argv)
{
	static const cli_spec spec = {.usage = list_usage};
	store *st;
	int status = cli_start(c, argc, argv, &spec, NULL, NULL, &st);
	if(status >= 0)
		return status;
	pl_err err = {0};
	static const char *const head[5] = {"signer", "role", "fingerprint", "imported", "revoked"};
	cli_rows o;
	cli_rows_init(&o, c, 5, head, 40);
	pl_rc rc = sign_keys_each(st, true, list_row, &o, &err);
	store_close(st);
	return cli_rows_finish(&o, c, rc, &err);
}

/* ---- revoke ------------------------------------------------------------ */

static const char revoke_usage[] =
	"usage: parley keys revoke FINGERPRINT [--reason TEXT]\n"
	"\n"
	"Stop trusting a key (its fingerprint from 'parley keys list', with or\n"
	"without the spaces): signatures made with it no longer count, whenever\n"
	"they were made. A revoked key is never trusted again; if the office's\n"
	"own key was kept sealed here (for signing in the browser), its secret is\n"
	"erased. Recorded in the audit log, with the reason.\n"
	"\n"
	"      --reason TEXT    why (lost, copied, replaced), for the audit log\n";

static int keys_revoke(cli *c, int argc, char **argv)
{
	static const cli_opt opts[] = {{.name = "reason"}, {0}};
	static const cli_spec spec = {.usage = revoke_usage, .opts = opts, .max_args = -1};
	cli_val v[1];
	int status = cli_parse(c, argc, argv, &spec, v, NULL);
	if(status >= 0)
		return status;
	/* "3f9a 1c2b 77e0 4d15" typed without quotes is four arguments. */
	char fp[64] = "";
	for(int i = optind; i < argc; i++) {
		size_t len = strlen(fp);
		snprintf(fp + len, sizeof(fp) - len, "%s", argv[i]);
	}
	if(!fp[0])
		return cli_usage_errorc(c, "cli.fingerprint_expected", NULL);
	store *st;
	pl_err err = {0};
	if(cli_open(c, &st, &err))
		return cli_fail(c, &err);
	sign_trusted t;
	size_t dropped;
	pl_rc rc = manifest_revoke_key(st, fp, v[0].s, c->actor, &t, &dropped, &err);
	store_close(st);
	if(rc)
		return cli_fail(c, &err);
	if(c->json) {
		cli_print_json(json_pack("{s:s, s:s, s:s, s:s, s:I}", "signer", t.key.signer, "role",
		                         sign_role_name(t.key.role), "fingerprint", t.fingerprint, "revoked_at",
		                         t.revoked_at, "stages_no_longer_agreed", (json_int_t)dropped));
		return EXIT_OK;
	}
	cli_say(stdout, "cli.key_revoked", "key", t.fingerprint, "role", sign_role_name(t.key.role),
	        "signer", t.key.signer, NULL);
	if(dropped)
		cli_say(stdout, "cli.stages_no_longer_agreed", "n", PL_N(dropped), NULL);
	return EXIT_OK;
}

static const char keys_usage[] =
	"usage: parley keys COMMAND ...\n"
	"\n"
	"  generate   a new signing key for a party or a mediator (secret key file)\n"
	"  export     the public key file of a key, to give to others\n"
	"  import     trust public keys (into the database)\n"
	"  list       the trusted and revoked keys\n"
	"  revoke     stop trusting a key\n"
	"\n"
	"See docs/signatures.md.\n";

int cmd_keys(cli *c, int argc, char **argv)
{
	static const cli_command subs[] = {
		{"generate", keys_generate, NULL}, {"export", keys_export, NULL},
		{"import", keys_import, NULL},     {"list", keys_list, NULL},
		{"revoke", keys_revoke, NULL},
	};
	return cli_dispatch(c, "keys", subs, sizeof(subs) / sizeof(subs[0]), keys_usage, argc, argv);
}
