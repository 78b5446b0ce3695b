/* parley manifest sign | verify: signed documents (docs/signatures.md).
 *
 * The manifest group's sub-commands are rows of manifest_subs below; each
 * is its own function. Signing and verifying work on any signed document,
 * and verify runs offline: it needs the file and public keys only. */
#include <string.h>
#include <unistd.h>

#include <jansson.h>
#include <sodium.h>

#include "accord/manifest.h"
#include "cli/cli.h"
#include "core/file.h"
#include "sign/jcs.h"
#include "sign/sign.h"

enum {
	DOC_MAX = 64 << 20,  /* bytes of a signed document */
	KEYS_MAX = 64        /* --key files */
};

/* A JSON file (or standard input for "-"); errors name the file, line
 * and column. Duplicate member names are refused: the signed form must
 * mean one thing. */
static pl_rc read_json(const char *path, json_t **out, pl_err *err)
{
	buf b;
	buf_init(&b, DOC_MAX + 1);
	pl_rc rc = file_read(path, DOC_MAX, &b, err);
	json_error_t je;
	*out = rc ? NULL : json_loadb(buf_str(&b), b.len, JSON_REJECT_DUPLICATES, &je);
	if(!rc && !*out)
		rc = pl_failc(err, PL_EINPUT, "cli.json_at", "path", path, "line", PL_N(je.line), "column",
		              PL_N(je.column), "detail", je.text, NULL);
	buf_free(&b);
	return rc;
}

/* ---- sign ---------------------------------------------------------------- */

static const char sign_usage[] =
	"usage: parley manifest sign FILE --key KEYFILE [-o OUT]\n"
	"\n"
	"Sign a manifest (or any JSON document) with your secret key file. FILE is a\n"
	"signed document ({\"document\", \"digests\", \"signatures\"}), or a bare JSON\n"
	"object, which becomes the document of a new one. Your signature is added,\n"
	"or replaces your earlier one. You sign what the document says now: its\n"
	"digests are computed again, and signatures made over another version of it\n"
	"are removed (you are told whose: they must sign again).\n"
	"\n"
	"Without -o, FILE is replaced (atomically: never half written).\n"
	"\n"
	"Options:\n"
	"  --key KEYFILE        your secret key file ('parley keys generate')\n"
	"  -o, --output OUT     write the signed document here instead\n";

static void tell_signed(const cli *c, const json_t *env, const sign_key *k,
                        const signed_doc_signing *info, const char *out)
{
	char fp[SIGN_FINGERPRINT_MAX];
	sign_fingerprint(k->pk, fp);
	const json_t *entries = json_object_get(json_object_get(env, "document"), "entries");
	if(info->dropped)
		cli_say(stderr, "cli.sign_dropped", "prog", c->prog, "n", PL_N(info->dropped), "who",
		        info->dropped_text, NULL);
	if(c->json) {
		json_t *o = json_pack("{s:s, s:s, s:s, s:s, s:b, s:i, s:s}", "signer", k->signer, "role",
		                      sign_role_name(k->role), "fingerprint", fp, "document_sha256",
		                      info->document_sha256, "replaced", info->replaced, "dropped",
		                      info->dropped, "file", out);
		if(json_is_array(entries))
			json_object_set_new(o, "entries", json_integer((json_int_t)json_array_size(entries)));
		cli_print_json(o);
		return;
	}
	cli_say(stdout, info->replaced ? "cli.signed_replacing" : "cli.signed", "signer", k->signer, "role",
	        sign_role_name(k->role), "key", fp, NULL);
	if(json_is_array(entries))
		cli_say(stdout, "cli.signed_entries", "sha", info->document_sha256, "n",
		        PL_N(json_array_size(entries)), NULL);
	else
		cli_say(stdout, "cli.signed_sha", "sha", info->document_sha256, NULL);
	cli_say(stdout, "cli.written", "file", out, NULL);
}

/* The envelope in FILE, or a new one around the bare document in it. */
static pl_rc load_envelope(const char *path, json_t **env, pl_err *err)
{
	json_t *v;
	pl_rc rc = read_json(path, &v, err);
	if(rc)
		return rc;
	if(signed_doc_is_envelope(v)) {
		*env = v;
		return PL_OK;
	}
	if(!json_is_object(v)) {
		json_decref(v);
		return pl_failc(err, PL_EINPUT, "cli.not_a_document", "path", path, NULL);
	}
	rc = signed_doc_wrap(v, env, err);
	if(rc)
		pl_err_prefix(err, "%s: ", path);
	return rc;
}

static pl_rc write_envelope(const json_t *env, const char *path, pl_err *err)
{
	buf text;
	buf_init(&text, DOC_MAX * 4);
	pl_rc rc = jcs_write_indented(env, &text, err);
	if(!rc)
		rc = file_write(path, buf_str(&text), text.len, true, err);
	buf_free(&text);
	return rc;
}

static int manifest_sign(cli *c, int argc, char **argv)
{
	enum { KEY, OUTPUT, N };
	static const cli_opt opts[] = {[KEY] = {.name = "key", .required = true}, [OUTPUT] = {.name = "output", .letter = 'o'}, {0}};
	static const char expected[] = "expected one FILE and --key KEYFILE";
	static const cli_spec spec = {.usage = sign_usage, .opts = opts, .min_args = 1, .max_args = 1,
	                              .args_msg = expected, .need_msg = expected};
	cli_val v[N];
	int status = cli_parse(c, argc, argv, &spec, v, NULL);
	if(status >= 0)
		return status;
	const char *path = argv[optind], *keyfile = v[KEY].s, *out = v[OUTPUT].s;
	if(!out && !strcmp(path, "-"))
		return cli_usage_errorc(c, "cli.sign_stdin_needs_out", NULL);
	sign_key k;
	json_t *env = NULL;
	signed_doc_signing info;
	pl_err err = {0};
	pl_rc rc = sign_key_load(keyfile, &k, &err);
	if(!rc && !k.has_secret)
		rc = pl_failc(&err, PL_EINPUT, "cli.public_key_file", "path", keyfile, NULL);
	if(!rc)
		rc = load_envelope(path, &env, &err);
	if(!rc)
		rc = signed_doc_sign(env, &k, &info, &err);
	if(!rc)
		rc = write_envelope(env, out ? out : path, &err);
	if(!rc)
		tell_signed(c, env, &k, &info, out ? out : path);
	sign_key_wipe(&k);
	json_decref(env);
	return rc ? cli_fail(c, &err) : EXIT_OK;
}

/* ---- verify -------------------------------------------------------------- */

static const char verify_usage[] =
	"usage: parley manifest verify FILE [--key PUBFILE]... [--require LIST]\n"
	"\n"
	"Check a signed manifest (or any signed document), offline. For every\n"
	"signature: is it valid, is its key trusted for its signer, and is it over\n"
	"the document as it is now; if the document was changed after signing, the\n"
	"fields that changed are named.\n"
	"\n"
	"Trusted keys: those of the --key files only; without --key, those imported\n"
	"into the database (--db, $PARLEY_DB, else ./parley.db) if there is one.\n"
	"\n"
	"Exit status 0 only when every required signer signed the present document\n"
	"validly with a trusted key; otherwise 1, with each problem on stderr. The\n"
	"required signers are --require's, else the document's \"parties\" and\n"
	"\"mediator\", else every signature present (at least one).\n"
	"\n"
	"Options:\n"
	"  --key PUBFILE      trust this public key file (repeat for several)\n"
	"  --require LIST     signers that must have signed, e.g. UA,RU,TR\n"
	"  --json             the report as JSON on standard output\n";

typedef struct verify_args {
	const char *path, *require;
	const char *keyfiles[KEYS_MAX];
	size_t nkeyfiles;
} verify_args;

/* --key, repeatable. */
static int take_keyfile(cli *c, const cli_opt *o, char *value, void *ctx)
{
	verify_args *va = ctx;
	if(va->nkeyfiles == KEYS_MAX)
		return cli_usage_errorc(c, "cli.keys_max", "max", PL_N(KEYS_MAX), NULL);
	va->keyfiles[va->nkeyfiles++] = value;
	return -1;
}

static int verify_options(cli *c, int argc, char **argv, verify_args *va)
{
	enum { KEY, REQUIRE, N };
	static const cli_opt opts[] = {[KEY] = {.name = "key", .take = take_keyfile}, [REQUIRE] = {.name = "require"}, {0}};
	static const cli_spec spec = {.usage = verify_usage, .opts = opts, .min_args = 1, .max_args = 1,
	                              .args_msg = "expected one FILE"};
	cli_val v[N];
	int status = cli_parse(c, argc, argv, &spec, v, va);
	if(status < 0) {
		va->require = v[REQUIRE].s;
		va->path = argv[optind];
	}
	return status;
}

/* The trusted keys: from --key files, else the database if there is one
 * (read only: verifying changes nothing). */
static pl_rc trusted_keys(const cli *c, const verify_args *va, arena *a, sign_key **keys, size_t *n,
                          bool *none_given, pl_err *err)
{
	*n = 0;
	*keys = NULL;
	*none_given = false;
	if(va->nkeyfiles) {
		*keys = arena_calloc(a, va->nkeyfiles, sizeof(sign_key));
		if(!*keys)
			return pl_nomem(err);
		for(size_t i = 0; i < va->nkeyfiles; i++) {
			pl_rc rc = sign_key_load(va->keyfiles[i], &(*keys)[i], err);
			sodium_memzero((*keys)[i].sk, SIGN_SK_SIZE); /* only the public part counts */
			(*keys)[i].has_secret = false;
			if(rc)
				return rc;
			(*n)++;
		}
		return PL_OK;
	}
	if(access(c->db, F_OK)) {
		*none_given = true;
		return PL_OK;
	}
	store *st;
	pl_rc rc = store_open(&st, c->db, NULL, STORE_READONLY, err);
	if(!rc) {
		rc = sign_keys_trusted(st, a, true, keys, n, err);
		store_close(st);
	}
	if(rc)
		pl_err_prefix(err, "the trusted keys of %s: ", c->db);
	return rc;
}

/* Who must have signed; 0 when nobody in particular (then every
 * signature present must be good). */
static pl_rc required_signers(const verify_args *va, const json_t *env, sign_required *req,
                              size_t *n, pl_err *err)
{
	if(va->require) {
		pl_rc rc = sign_required_parse(va->require, req, SIGN_REQUIRED_MAX, n, err);
		if(rc)
			pl_err_prefix(err, "--require: ");
		return rc;
	}
	*n = signed_doc_required_from(json_object_get(env, "document"), req, SIGN_REQUIRED_MAX);
	return PL_OK;
}

/* The verdict: each signature's sentence (good ones on stdout, the rest
 * on stderr, or all into the JSON), then what is missing. */
static bool report_verdict(const cli *c, const signed_doc_report *rep, const sign_required *req,
                           size_t nreq, buf *problems)
{
	bool all_good = rep->nsigs > 0;
	for(size_t i = 0; i < rep->nsigs; i++) {
		bool ok = signed_doc_sig_ok(&rep->sigs[i]);
		all_good &= ok;
		buf line;
		buf_init(&line, 0);
		if(!signed_doc_sig_text(&rep->sigs[i], &line) && !c->json)
			fprintf(ok ? stdout : stderr, "%s\n", buf_str(&line));
		buf_free(&line);
	}
	if(nreq)
		return signed_doc_complete(rep, req, nreq, problems);
	if(!rep->nsigs && buf_adds(problems, "the document has no signatures\n"))
		return false;
	return all_good;
}

static void print_json_report(const signed_doc_report *rep, bool ok, const sign_required *req,
                              size_t nreq, const buf *problems)
{
	json_t *o = signed_doc_report_json(rep);
	json_t *required = json_array(), *lines = json_array();
	for(size_t i = 0; i < nreq; i++)
		json_array_append_new(required, json_string(req[i].signer));
	const char *p = buf_str(problems);
	while(*p) {
		size_t n = strcspn(p, "\n");
		json_array_append_new(lines, json_stringn(p, n));
		p += n + (p[n] == '\n');
	}
	json_object_set_new(o, "ok", json_boolean(ok));
	json_object_set_new(o, "required", required);
	json_object_set_new(o, "problems", lines);
	cli_print_json(o);
}

static int manifest_verify(cli *c, int argc, char **argv)
{
	verify_args va = {0};
	int status = verify_options(c, argc, argv, &va);
	if(status >= 0)
		return status;
	arena a;
	arena_init(&a, 0);
	json_t *env = NULL;
	sign_key *keys = NULL;
	size_t nkeys = 0, nreq = 0;
	sign_required req[SIGN_REQUIRED_MAX];
	bool no_keys = false;
	signed_doc_report rep = {0};
	pl_err err = {0};
	pl_rc rc = trusted_keys(c, &va, &a, &keys, &nkeys, &no_keys, &err);
	if(!rc)
		rc = read_json(va.path, &env, &err);
	if(!rc)
		rc = required_signers(&va, env, req, &nreq, &err);
	if(!rc && (rc = signed_doc_verify(env, keys, nkeys, &rep, &err)))
		pl_err_prefix(&err, "%s: ", va.path);
	bool ok = false;
	if(!rc) {
		buf problems;
		buf_init(&problems, 0);
		if(no_keys && !c->json)
			cli_say(stderr, "cli.verify_no_keys", "prog", c->prog, "db", c->db, NULL);
		ok = report_verdict(c, &rep, req, nreq, &problems);
		if(c->json)
			print_json_report(&rep, ok, req, nreq, &problems);
		else
			fputs(buf_str(&problems), stderr);
		if(!c->json && !rep.digests_current)
			cli_say(stderr, "cli.verify_digests", "file", va.path, NULL);
		if(!c->json && ok)
			cli_say(stdout, "cli.verified", "sha", rep.document_sha256, NULL);
		buf_free(&problems);
	}
	signed_doc_report_free(&rep);
	json_decref(env);
	arena_free(&a);
	if(rc)
		return cli_fail(c, &err);
	return ok ? EXIT_OK : EXIT_REFUSED;
}

/* ---- the group ----------------------------------------------------------- */

/* One row per sub-command; the usage text is made from the rows. */
/* ---- export, import ------------------------------------------------------- */

static const char export_usage[] =
	"usage: parley manifest export STAGE [-o FILE]\n"
	"\n"
	"Write a stage's current manifest version as a signed document, with the\n"
	"signatures this office holds for that version, to FILE (default: standard\n"
	"output). Sign it with parley manifest sign and send it to the other party\n"
	"and the mediator.\n";

static int manifest_export_cmd(cli *c, int argc, char **argv)
{
	static const cli_opt opts[] = {{.name = "output", .letter = 'o'}, {0}};
	static const cli_spec spec = {.usage = export_usage, .opts = opts, .min_args = 1, .max_args = 1,
	                              .args_msg = "expected one stage id"};
	cli_val v[1];
	int status = cli_parse(c, argc, argv, &spec, v, NULL);
	if(status >= 0)
		return status;
	const char *out = v[0].s;
	store *st = NULL;
	json_t *env = NULL;
	pl_err err = {0};
	pl_rc rc = cli_open(c, &st, &err);
	rc = rc ? rc : manifest_export(st, argv[optind], &env, &err);
	if(!rc && out) {
		rc = write_envelope(env, out, &err);
		if(!rc)
			cli_say(stderr, "cli.wrote", "prog", c->prog, "file", out, NULL);
	} else if(!rc) {
		buf text;
		buf_init(&text, DOC_MAX * 4);
		rc = jcs_write_indented(env, &text, &err);
		if(!rc)
			fputs(buf_str(&text), stdout);
		buf_free(&text);
	}
	json_decref(env);
	store_close(st);
	return rc ? cli_fail(c, &err) : EXIT_OK;
}

static const char import_usage[] =
	"usage: parley manifest import FILE\n"
	"\n"
	"Take in a signed manifest from the other party or the mediator (or your\n"
	"own, once signed). Its agreement must be stored here with the same terms.\n"
	"The stage is created, or given the new version, or the version held here\n"
	"gets the new signatures: those valid, over this very document, and made\n"
	"with keys this office trusts (parley keys import); the others are named\n"
	"and not kept. Each entry is found in this registry (by identifier, by the\n"
	"ICRC's or another's identifier, or by matching the person across scripts);\n"
	"those not found are listed. When both parties have signed the version, the\n"
	"stage is agreed and those on it are listed. A new stage or version that no\n"
	"key this office trusts has signed is kept to review and not applied (parley\n"
	"manifest received lists those).\n";

static const char received_usage[] =
	"usage: parley manifest received\n"
	"\n"
	"The manifests kept to review, newest first: new stages or versions that no\n"
	"key this office trusts has signed, so they were not applied.\n";

static int manifest_received_cmd(cli *c, int argc, char **argv)
{
	static const cli_spec spec = {.usage = received_usage};
	int status = cli_parse(c, argc, argv, &spec, NULL, NULL);
	if(status >= 0)
		return status;
	store *st = NULL;
	arena a;
	arena_init(&a, 0);
	manifest_received_row *rows = NULL;
	size_t n = 0;
	pl_err err = {0};
	pl_rc rc = cli_open(c, &st, &err);
	rc = rc ? rc : manifest_received_list(st, &a, &rows, &n, &err);
	json_t *list = c->json && !rc ? json_array() : NULL;
	for(size_t i = 0; !rc && i < n; i++) {
		const manifest_received_row *r = &rows[i];
		if(list)
			json_array_append_new(list, json_pack("{s:s, s:i, s:I, s:s, s:s, s:s, s:s}", "stage", r->stage,
			                                      "version", r->version, "entries", (json_int_t)r->entries,
			                                      "file", r->file, "why", r->why, "received_at",
			                                      r->received_at, "actor", r->actor));
		else
			cli_say(stdout, "cli.manifest_received_row", "when", r->received_at, "stage", r->stage, "version",
			        PL_N(r->version), "n", PL_N(r->entries), "file", r->file, "actor", r->actor, NULL);
	}
	if(list)
		cli_print_json(list);
	else if(!rc && !n)
		cli_say(stdout, "cli.manifest_received_none", NULL);
	arena_free(&a);
	store_close(st);
	return rc ? cli_fail(c, &err) : EXIT_OK;
}

static int manifest_import_cmd(cli *c, int argc, char **argv)
{
	static const cli_spec spec = {.usage = import_usage, .min_args = 1, .max_args = 1,
	                              .args_msg = "expected one manifest file"};
	int status = cli_parse(c, argc, argv, &spec, NULL, NULL);
	if(status >= 0)
		return status;
	const char *path = argv[optind];
	store *st = NULL;
	json_t *env = NULL;
	manifest_import_report rep = {0};
	pl_err err = {0};
	pl_rc rc = read_json(path, &env, &err);
	rc = rc ? rc : cli_open(c, &st, &err);
	rc = rc ? rc : manifest_import(st, env, path, &rep, &err);
	if(!rc && rep.problems.len)
		fprintf(stderr, "%s", buf_str(&rep.problems));
	if(!rc && c->json) {
		cli_print_json(json_pack("{s:s, s:i, s:b, s:b, s:I, s:I, s:I, s:I, s:b, s:b, s:b}", "stage", rep.stage,
		                         "version", rep.version, "created", rep.created, "new_version",
		                         rep.new_version, "signatures_added", (json_int_t)rep.signatures_added,
		                         "signatures_refused", (json_int_t)rep.signatures_refused, "resolved",
		                         (json_int_t)rep.resolved, "unresolved", (json_int_t)rep.unresolved,
		                         "agreed", rep.agreed, "witnessed", rep.witnessed, "held", rep.held));
	} else if(!rc && rep.held) {
		cli_say(stdout, "cli.manifest_kept_for_review", "stage", rep.stage, "version", PL_N(rep.version),
		        NULL);
	} else if(!rc) {
		const char *v = PL_N(rep.version);
		if(rep.created)
			cli_say(stdout, "cli.manifest_new", "stage", rep.stage, "version", v, NULL);
		else
			cli_say(stdout, rep.new_version ? "cli.manifest_new_version" : "cli.manifest_held", "stage",
			        rep.stage, "version", v, NULL);
		if(rep.created || rep.new_version)
			cli_say(stdout, "cli.manifest_found", "n", PL_N(rep.resolved), "missing", PL_N(rep.unresolved),
			        NULL);
		cli_say(stdout, "cli.manifest_kept", "n", PL_N(rep.signatures_added), "refused",
		        PL_N(rep.signatures_refused), NULL);
		if(!rep.agreed)
			cli_say(stdout, "cli.manifest_not_agreed", NULL);
		else
			cli_say(stdout, rep.witnessed ? "cli.manifest_witnessed" : "cli.manifest_unwitnessed", NULL);
	}
	manifest_import_report_free(&rep);
	json_decref(env);
	store_close(st);
	return rc ? cli_fail(c, &err) : EXIT_OK;
}

static const cli_command manifest_subs[] = {
	{"export", manifest_export_cmd, "write a stage's manifest as a signed document"},
	{"import", manifest_import_cmd, "take in a signed manifest: a new stage, version or signatures"},
	{"received", manifest_received_cmd, "the manifests kept to review: not signed by a trusted key"},
	{"sign", manifest_sign, "add your signature to a manifest (with your secret key)"},
	{"verify", manifest_verify, "check a manifest's signatures, offline; name what changed"},
};

int cmd_manifest(cli *c, int argc, char **argv)
{
	size_t n = sizeof(manifest_subs) / sizeof(manifest_subs[0]);
	char usage[2048];
	int len = snprintf(usage, sizeof(usage), "usage: parley manifest COMMAND ...\n\n");
	for(size_t i = 0; i < n && len > 0 && (size_t)len < sizeof(usage); i++)
		len += snprintf(usage + len, sizeof(usage) - (size_t)len, "  %-9s %s\n", manifest_subs[i].name,
		                manifest_subs[i].summary);
	if(len > 0 && (size_t)len < sizeof(usage))
		snprintf(usage + len, sizeof(usage) - (size_t)len, "\nSee docs/signatures.md.\n");
	return cli_dispatch(c, "manifest", manifest_subs, n, usage, argc, argv);
}
