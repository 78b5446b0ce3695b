/* parley backup | restore | decrypt | box-key, and the encryption options
 * that export shares (sign/crypt.h, docs/security.md). */
#include <errno.h>
#include <fcntl.h>
#include <sodium.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "audit/audit.h"
#include "cli/cli.h"
#include "family/antemortem.h"
#include "core/file.h"
#include "sign/crypt.h"
#include "store/store.h"

enum { BACKUP_STEP_PAGES = 1024, COPY_BUF = 1 << 16 };

/* ---- the passphrase or the key ------------------------------------------ */

/* The first line of path ("-": standard input), without its newline. */
static pl_rc read_passphrase(const char *path, char *out, size_t size, pl_err *err)
{
	buf b;
	buf_init(&b, 0);
	pl_rc rc = file_read(path, size - 1, &b, err);
	if(!rc) {
		size_t n = strcspn(buf_str(&b), "\r\n");
		snprintf(out, size, "%.*s", (int)n, buf_str(&b));
	}
	if(b.ptr)
		sodium_memzero(b.ptr, b.len);
	buf_free(&b);
	return rc;
}

int cli_crypt_begin(cli *c, const char *to, const char *passfile, const char *content, cli_crypt *cc)
{
	memset(cc, 0, sizeof(*cc));
	if(to && passfile)
		return cli_usage_errorc(c, "cli.crypt_one_way", NULL);
	if(!to && !passfile)
		return -1;
	pl_err err = {0};
	pl_rc rc = to ? crypt_key_load(to, &cc->key, &err)
	              : read_passphrase(passfile, cc->pass, sizeof(cc->pass), &err);
	if(rc) {
		cli_crypt_end(cc);
		return cli_fail(c, &err);
	}
	cc->on = true;
	cc->to = (crypt_to){.passphrase = to ? NULL : cc->pass, .recipient = to ? &cc->key : NULL,
	                    .content = content};
	return -1;
}

void cli_crypt_end(cli_crypt *cc)
{
	sodium_memzero(cc, sizeof(*cc));
}

/* What opens a file: --key or --passphrase-file. -1 to go on. */
static int crypt_from_begin(cli *c, const char *keyfile, const char *passfile, cli_crypt *cc,
                            crypt_from *from)
{
	memset(cc, 0, sizeof(*cc));
	*from = (crypt_from){0};
	pl_err err = {0};
	pl_rc rc = PL_OK;
	if(keyfile && !(rc = crypt_key_load(keyfile, &cc->key, &err)))
		from->key = &cc->key;
	if(!rc && passfile && !(rc = read_passphrase(passfile, cc->pass, sizeof(cc->pass), &err)))
		from->passphrase = cc->pass;
	if(!rc && keyfile && !cc->key.has_secret)
		rc = pl_failc(&err, PL_EINPUT, "crypt.key_public", "file", keyfile, NULL);
	if(rc) {
		cli_crypt_end(cc);
		return cli_fail(c, &err);
	}
	return -1;
}

/* ---- box-key ------------------------------------------------------------ */

static const char box_key_usage[] =
	"usage: parley box-key NAME -o FILE\n"
	"\n"
	"Make a key pair to receive encrypted exports and backups: the secret key\n"
	"file FILE, readable by you only (an existing file is never replaced), and\n"
	"its public key file FILE.pub, to give to whoever encrypts for you\n"
	"('parley export --to FILE.pub', 'parley backup --to FILE.pub'). Keep FILE\n"
	"safe and away from the database: whoever has it reads what was encrypted\n"
	"to it, and without it nobody can.\n"
	"\n"
	"Options:\n"
	"  -o, --output FILE    the secret key file\n";

int cmd_box_key(cli *c, int argc, char **argv)
{
	enum { OUTPUT, N };
	static const cli_opt opts[] = {[OUTPUT] = {.name = "output", .letter = 'o', .required = true}, {0}};
	static const cli_spec spec = {.usage = box_key_usage, .opts = opts, .min_args = 1, .max_args = 1};
	cli_val v[N];
	int status = cli_parse(c, argc, argv, &spec, v, NULL);
	if(status >= 0)
		return status;
	crypt_key k;
	pl_err err = {0};
	char pub[4200];
	snprintf(pub, sizeof(pub), "%s.pub", v[OUTPUT].s);
	pl_rc rc = crypt_key_generate(argv[optind], &k, &err);
	rc = rc ? rc : crypt_key_save(&k, v[OUTPUT].s, true, &err);
	rc = rc ? rc : crypt_key_save(&k, pub, false, &err);
	crypt_key_wipe(&k);
	if(rc)
		return cli_fail(c, &err);
	cli_say(stdout, "cli.box_key_made", "secret", v[OUTPUT].s, "public", pub, NULL);
	return EXIT_OK;
}

/* ---- decrypt ------------------------------------------------------------ */

static const char decrypt_usage[] =
	"usage: parley decrypt FILE [-o OUT] (--key KEYFILE | --passphrase-file PFILE)\n"
	"\n"
	"Read back an encrypted export or backup: with the secret key file it was\n"
	"encrypted to, or the passphrase (the first line of PFILE; '-' for standard\n"
	"input). A wrong key or passphrase, a file cut short or altered by a single\n"
	"byte is refused. With -o, OUT is written only when the whole file was read\n"
	"and checked; to standard output, what came before a refusal was already\n"
	"written: throw it away.\n"
	"\n"
	"Options:\n"
	"  -o, --output OUT         write here (replaced only once complete)\n"
	"  --key KEYFILE            the secret key file ('parley box-key')\n"
	"  --passphrase-file PFILE  the passphrase, on its first line\n";

int cmd_decrypt(cli *c, int argc, char **argv)
{
	enum { OUTPUT, KEY, PASS, N };
	static const cli_opt opts[] = {[OUTPUT] = {.name = "output", .letter = 'o'},
	                               [KEY] = {.name = "key"},
	                               [PASS] = {.name = "passphrase-file"}, {0}};
	static const cli_spec spec = {.usage = decrypt_usage, .opts = opts, .min_args = 1, .max_args = 1};
	cli_val v[N];
	int status = cli_parse(c, argc, argv, &spec, v, NULL);
	if(status >= 0)
		return status;
	const char *path = argv[optind];
	cli_crypt cc;
	crypt_from from;
	if((status = crypt_from_begin(c, v[KEY].s, v[PASS].s, &cc, &from)) >= 0)
		return status;
	pl_err err = {0};
	pl_rc rc = PL_OK;
	FILE *src = fopen(path, "rb");
	if(!src)
		rc = pl_failc(&err, PL_EIO, "crypt.cannot_read", "file", path, "why", strerror(errno), NULL);
	file_out fo = {0};
	if(!rc && v[OUTPUT].s)
		rc = file_out_open(&fo, v[OUTPUT].s, &err);
	if(!rc)
		rc = crypt_decrypt(src, path, &from, NULL, v[OUTPUT].s ? fo.f : stdout, NULL, &err);
	if(v[OUTPUT].s && fo.f && rc)
		file_out_abort(&fo);
	else if(v[OUTPUT].s && fo.f)
		rc = file_out_commit(&fo, true, &err);
	if(src)
		fclose(src);
	cli_crypt_end(&cc);
	return rc ? cli_fail(c, &err) : EXIT_OK;
}

/* ---- backup ------------------------------------------------------------- */

/* A new empty file beside path, readable by its owner only: "path.TAG-XXXXXX". */
static pl_rc temp_beside(const char *path, const char *tag, char *out, size_t size, pl_err *err)
{
	int n = snprintf(out, size, "%s.%s-XXXXXX", path, tag);
	int fd = n > 0 && (size_t)n < size ? mkstemp(out) : -1;
	if(fd < 0)
		return pl_failc(err, PL_EIO, "file.cannot_write", "file", path, "detail", strerror(errno), NULL);
	close(fd);
	return PL_OK;
}

/* The file and its SQLite companions gone. */
static void remove_db(const char *path)
{
	char side[4200];
	unlink(path);
	snprintf(side, sizeof(side), "%s-wal", path);
	unlink(side);
	snprintf(side, sizeof(side), "%s-shm", path);
	unlink(side);
	snprintf(side, sizeof(side), "%s-journal", path);
	unlink(side);
}

static pl_rc copy_into(const char *path, FILE *out, pl_err *err)
{
	FILE *in = fopen(path, "rb");
	if(!in)
		return pl_failc(err, PL_EIO, "crypt.cannot_read", "file", path, "why", strerror(errno), NULL);
	char *b = malloc(COPY_BUF);
	size_t n;
	pl_rc rc = b ? PL_OK : pl_nomem(err);
	while(!rc && (n = fread(b, 1, COPY_BUF, in)) > 0)
		if(fwrite(b, 1, n, out) != n)
			rc = pl_failc(err, PL_EIO, "crypt.cannot_write", "why", strerror(errno), NULL);
	if(!rc && ferror(in))
		rc = pl_failc(err, PL_EIO, "crypt.cannot_read", "file", path, "why", strerror(errno), NULL);
	free(b);
	fclose(in);
	return rc;
}

static const char backup_usage[] =
	"usage: parley backup FILE (--to PUBFILE | --passphrase-file PFILE)\n"
	"\n"
	"Take a consistent copy of the database while it is in use (the server and\n"
	"other commands go on writing: the copy is of one moment) with SQLite's\n"
	"backup API, and write it encrypted to FILE: to a recipient's public key\n"
	"file ('parley box-key'), or to a passphrase (the first line of PFILE; '-'\n"
	"for standard input; 12 characters or more). FILE is written whole or not at\n"
	"all, and never replaces an existing file. The plain copy is made beside the\n"
	"database and removed once encrypted. 'parley restore' brings it back.\n"
	"\n"
	"The photos of sought persons (the files in DB.photos/) go into the backup\n"
	"with the database, each checked against its SHA-256; a photo file missing\n"
	"or changed refuses the backup, naming each, unless --missing-photos-ok.\n"
	"\n"
	"Options:\n"
	"  --to PUBFILE             encrypt to this public key file\n"
	"  --passphrase-file PFILE  encrypt to the passphrase on its first line\n"
	"  --missing-photos-ok      back up although photo files are missing (each said)\n";

int cmd_backup(cli *c, int argc, char **argv)
{
	enum { TO, PASS, MISSING_OK, N };
	static const cli_opt opts[] = {[TO] = {.name = "to"}, [PASS] = {.name = "passphrase-file"},
	                               [MISSING_OK] = {.name = "missing-photos-ok", .kind = CLI_FLAG}, {0}};
	static const cli_spec spec = {.usage = backup_usage, .opts = opts, .min_args = 1, .max_args = 1};
	cli_val v[N];
	int status = cli_parse(c, argc, argv, &spec, v, NULL);
	if(status >= 0)
		return status;
	if(!v[TO].s && !v[PASS].s)
		return cli_usage_errorc(c, "cli.crypt_need_way", NULL);
	cli_crypt cc;
	if((status = cli_crypt_begin(c, v[TO].s, v[PASS].s, "backup", &cc)) >= 0)
		return status;
	const char *out = argv[optind];
	store *st = NULL;
	pl_err err = {0};
	char tmp[4200] = "";
	pl_rc rc = cli_open(c, &st, &err);
	/* A backup reads every record: recorded first, as an export is. */
	rc = rc ? rc : audit_access(st, NULL, "*", "backup", NULL, &err);
	rc = rc ? rc : temp_beside(store_path(st), "backup", tmp, sizeof(tmp), &err);
	rc = rc ? rc : store_backup(st, tmp, BACKUP_STEP_PAGES, NULL, NULL, &err);
	buf missing;
	buf_init(&missing, 0);
	long photos = 0;
	rc = rc ? rc : family_photo_pack(tmp, store_path(st), v[MISSING_OK].s != NULL, &missing, &photos, &err);
	fputs(buf_str(&missing), stderr); /* each photo file lost, said whether refused or not */
	buf_free(&missing);
	if(st)
		store_close(st);
	file_out fo = {0};
	crypt_writer *w = NULL;
	rc = rc ? rc : file_out_open(&fo, out, &err);
	if(!rc && (rc = crypt_writer_open(&w, fo.f, &cc.to, &err)))
		file_out_abort(&fo);
	if(!rc) {
		rc = copy_into(tmp, crypt_writer_file(w), &err);
		if(rc)
			crypt_writer_abort(w);
		else
			rc = crypt_writer_finish(w, &err);
		if(rc)
			file_out_abort(&fo);
		else
			rc = file_out_commit(&fo, false, &err);
	}
	if(tmp[0])
		remove_db(tmp);
	cli_crypt_end(&cc);
	if(rc)
		return cli_fail(c, &err);
	cli_say(stdout, "cli.backup_done", "file", out, NULL);
	return EXIT_OK;
}

/* ---- restore ------------------------------------------------------------ */

/* Whether the restored file is a whole SQLite database, a parley one (its
 * schema this binary's or older: brought forward), with its audit chain
 * intact. */
static pl_rc check_restored(const char *path, const char *actor, long long *entries, pl_err *err)
{
	sqlite3 *db = NULL;
	pl_rc rc = PL_OK;
	char verdict[64] = "";
	if(sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL) == SQLITE_OK) {
		sqlite3_stmt *s = NULL;
		if(sqlite3_prepare_v2(db, "PRAGMA integrity_check", -1, &s, NULL) == SQLITE_OK &&
		   sqlite3_step(s) == SQLITE_ROW)
			snprintf(verdict, sizeof(verdict), "%s", (const char *)sqlite3_column_text(s, 0));
		sqlite3_finalize(s);
	}
	sqlite3_close(db);
	if(strcmp(verdict, "ok"))
		return pl_failc(err, PL_EINTEGRITY, "backup.not_whole", "file", path, NULL);
	store *st;
	rc = store_open(&st, path, actor, 0, err);
	if(rc)
		return rc;
	audit_verify_report rep;
	rc = audit_verify(st, &rep, err);
	*entries = rep.entries;
	store_close(st);
	return rc;
}

static const char restore_usage[] =
	"usage: parley restore FILE DB [--force] (--key KEYFILE | --passphrase-file PFILE)\n"
	"\n"
	"Bring back a backup ('parley backup') as the database DB: decrypted into a\n"
	"temporary file beside DB, checked (SQLite's integrity check, parley's\n"
	"schema, the audit chain), and only then given the name DB: all or nothing.\n"
	"An existing DB is never replaced without --force; stop the server first.\n"
	"\n"
	"Options:\n"
	"  --key KEYFILE            the secret key file the backup was encrypted to\n"
	"  --passphrase-file PFILE  the passphrase, on its first line\n"
	"  --force                  replace an existing DB\n";

int cmd_restore(cli *c, int argc, char **argv)
{
	enum { KEY, PASS, FORCE, N };
	static const cli_opt opts[] = {[KEY] = {.name = "key"}, [PASS] = {.name = "passphrase-file"},
	                               [FORCE] = {.name = "force", .kind = CLI_FLAG}, {0}};
	static const cli_spec spec = {.usage = restore_usage, .opts = opts, .min_args = 2, .max_args = 2};
	cli_val v[N];
	int status = cli_parse(c, argc, argv, &spec, v, NULL);
	if(status >= 0)
		return status;
	const char *in = argv[optind], *db = argv[optind + 1];
	struct stat sb;
	pl_err err = {0};
	if(!v[FORCE].s && stat(db, &sb) == 0) {
		pl_failc(&err, PL_ECONFLICT, "backup.exists", "db", db, NULL);
		return cli_fail(c, &err);
	}
	if(store_file_in_use(db)) {
		pl_failc(&err, PL_ECONFLICT, "backup.in_use", "db", db, NULL);
		return cli_fail(c, &err);
	}
	cli_crypt cc;
	crypt_from from;
	if((status = crypt_from_begin(c, v[KEY].s, v[PASS].s, &cc, &from)) >= 0)
		return status;
	char tmp[4200] = "";
	long long entries = 0;
	FILE *src = fopen(in, "rb"), *t = NULL;
	pl_rc rc = src ? PL_OK
	               : pl_failc(&err, PL_EIO, "crypt.cannot_read", "file", in, "why", strerror(errno), NULL);
	rc = rc ? rc : temp_beside(db, "restore", tmp, sizeof(tmp), &err);
	if(!rc && !(t = fopen(tmp, "wb")))
		rc = pl_failc(&err, PL_EIO, "file.cannot_write", "file", tmp, "detail", strerror(errno), NULL);
	rc = rc ? rc : crypt_decrypt(src, in, &from, "backup", t, NULL, &err);
	if(t && (fflush(t) || fsync(fileno(t))) && !rc)
		rc = pl_failc(&err, PL_EIO, "file.cannot_write", "file", tmp, "detail", strerror(errno), NULL);
	if(t)
		fclose(t);
	if(src)
		fclose(src);
	cli_crypt_end(&cc);
	rc = rc ? rc : check_restored(tmp, c->actor, &entries, &err);
	/* The photos beside DB once the rest is known whole; a photo the
	 * database names and the backup lacks is said, never passed over. */
	buf missing;
	buf_init(&missing, 0);
	long photos = 0;
	rc = rc ? rc : family_photo_unpack(tmp, db, &missing, &photos, &err);
	fputs(buf_str(&missing), stderr);
	if(!rc && !v[FORCE].s && stat(db, &sb) == 0)
		rc = pl_failc(&err, PL_ECONFLICT, "backup.exists", "db", db, NULL);
	if(!rc && store_file_in_use(db)) /* opened while the backup was decrypted */
		rc = pl_failc(&err, PL_ECONFLICT, "backup.in_use", "db", db, NULL);
	if(!rc) {
		/* The old file's journal must not be played into the new one. */
		char side[4200];
		snprintf(side, sizeof(side), "%s-wal", db);
		unlink(side);
		snprintf(side, sizeof(side), "%s-shm", db);
		unlink(side);
		if(rename(tmp, db))
			rc = pl_failc(&err, PL_EIO, "file.cannot_write", "file", db, "detail", strerror(errno), NULL);
	}
	if(tmp[0])
		remove_db(tmp); /* after the rename: only its leftovers */
	if(rc)
		return cli_fail(c, &err);
	cli_say(stdout, "cli.restored", "db", db, "n", PL_N(entries), NULL);
	if(photos)
		cli_say(stdout, "cli.photos_restored", "n", PL_N(photos), NULL);
	bool lost = missing.len > 0;
	buf_free(&missing);
	if(lost) {
		pl_failc(&err, PL_EINTEGRITY, "antemortem.restore_lost", NULL);
		return cli_fail(c, &err);
	}
	return EXIT_OK;
}
