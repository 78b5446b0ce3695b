/* Photos of sought persons: files beside the database, named by the
 * SHA-256 of their content, their type told by their first bytes.
 *
 * The file is written (whole or not at all: core/file.h) before its row;
 * when the row cannot be written the file is removed again, unless another
 * row names the same content. So a refused photo leaves no orphan file,
 * and a row never names a file that was not written. */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <dirent.h>
#include <sys/stat.h>

#include <sodium.h>

#include "core/file.h"
#include "family/antemortem.h"
#include "family/internal.h"

const char *am_sniff(const unsigned char *d, size_t n)
{
	if(n >= 3 && d[0] == 0xFF && d[1] == 0xD8 && d[2] == 0xFF)
		return "image/jpeg";
	if(n >= 8 && !memcmp(d, "\x89PNG\r\n\x1a\n", 8))
		return "image/png";
	if(n >= 12 && !memcmp(d, "RIFF", 4) && !memcmp(d + 8, "WEBP", 4))
		return "image/webp";
	return NULL;
}

void am_photo_dir(const char *db_path, char *out, size_t size)
{
	snprintf(out, size, "%s.photos", db_path);
}

static void photo_path(store *st, const char *sha, char *out, size_t size)
{
	char dir[4096];
	am_photo_dir(store_path(st), dir, sizeof(dir));
	snprintf(out, size, "%s/%s", dir, sha);
}

static void sha_hex(const void *data, size_t n, char out[65])
{
	unsigned char h[crypto_hash_sha256_BYTES];
	crypto_hash_sha256(h, data, n);
	sodium_bin2hex(out, 65, h, sizeof(h));
}

/* Write the file; *created says whether this call made it (and must
 * remove it if the row fails). */
static pl_rc write_file(store *st, const char *sha, const void *data, size_t n, bool *created, pl_err *err)
{
	char dir[4096], path[4200];
	am_photo_dir(store_path(st), dir, sizeof(dir));
	if(mkdir(dir, 0700) && errno != EEXIST)
		return pl_failc(err, PL_EIO, "antemortem.photo_dir", "dir", dir, "why", strerror(errno), NULL);
	photo_path(st, sha, path, sizeof(path));
	/* Written even when there (another person's photo of the same
	 * content): a damaged file is made whole again. Removed on failure
	 * only if this call made it. */
	struct stat sb;
	bool existed = !stat(path, &sb);
	pl_rc rc = file_write(path, data, n, true, err);
	*created = !rc && !existed;
	return rc;
}

static pl_rc insert(store *st, int64_t person_id, const am_photo *p, pl_err *err)
{
	sqlite3_stmt *s;
	pl_rc rc = store_stmt(st, "INSERT INTO antemortem_photo(person_id, sha256, type, size, caption, actor,"
	                          " created_at) VALUES (?, ?, ?, ?, ?, ?, ?)", &s, err);
	if(rc)
		return rc;
	sqlite3_bind_int64(s, 1, person_id);
	sqlite3_bind_text(s, 2, p->sha256, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 3, p->type, -1, SQLITE_STATIC);
	sqlite3_bind_int64(s, 4, p->size);
	store_bind_text(s, 5, p->caption);
	sqlite3_bind_text(s, 6, store_actor(st), -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 7, p->created_at, -1, SQLITE_STATIC);
	int x = sqlite3_step(s);
	sqlite3_reset(s);
	if((x & 0xff) == SQLITE_CONSTRAINT)
		return pl_failc(err, PL_ECONFLICT, "antemortem.photo_twice", "sha256", p->sha256, NULL);
	return x == SQLITE_DONE ? PL_OK : store_fail(st, err, x, "writing a photo");
}

static pl_rc add(store *st, const char *who_id, am_photo *p, int64_t *person_id, pl_err *err)
{
	arena a;
	arena_init(&a, 0);
	struct person w;
	pl_rc rc = registry_person_get(st, who_id, &a, &w, err);
	if(!rc)
		snprintf(p->person, sizeof(p->person), "%s", w.uid);
	arena_free(&a);
	rc = rc ? rc : registry_person_id(st, p->person, person_id, err);
	rc = rc ? rc : insert(st, *person_id, p, err);
	return rc ? rc
	          : fam_audit(st, "photo", "person", p->person, NULL,
	                      /* the caption is ante-mortem data: only whether there is one */
	                      json_pack("{s:s, s:s, s:I, s:b}", "sha256", p->sha256, "type", p->type, "size",
	                                (json_int_t)p->size, "captioned", p->caption != NULL),
	                      err);
}

pl_rc family_photo_add(store *st, const char *who_id, const void *data, size_t n, size_t max,
                       const char *caption, am_photo *out, pl_err *err)
{
	char lim[24], got[24];
	if(!max)
		max = AM_PHOTO_MAX_DEFAULT;
	if(n > max) {
		snprintf(lim, sizeof(lim), "%zu", max);
		snprintf(got, sizeof(got), "%zu", n);
		return pl_failc(err, PL_ELIMIT, "antemortem.photo_large", "size", got, "max", lim, NULL);
	}
	am_photo p = {.type = am_sniff(data, n), .size = (int64_t)n, .caption = caption};
	if(!p.type)
		return pl_failc(err, PL_EINPUT, "antemortem.photo_type", NULL);
	char now[TIMESTAMP_STR_MAX];
	date_now_iso(now);
	p.created_at = now;
	p.actor = store_actor(st);
	sha_hex(data, n, p.sha256);
	bool created = false;
	int64_t person_id = 0;
	pl_rc rc = store_begin(st, err);
	rc = rc ? rc : write_file(st, p.sha256, data, n, &created, err);
	if(!rc)
		rc = add(st, who_id, &p, &person_id, err);
	rc = store_end(st, rc, err);
	if(rc && created) {
		char path[4200];
		photo_path(st, p.sha256, path, sizeof(path));
		remove(path);  /* no orphan file: its row was not written */
	}
	if(!rc && out) {
		*out = p;
		out->created_at = NULL;
		out->actor = NULL;
	}
	return rc;
}

static void row(sqlite3_stmt *s, arena *a, am_photo *p)
{
	memset(p, 0, sizeof(*p));
	snprintf(p->sha256, sizeof(p->sha256), "%s", store_column_text(s, 0));
	p->type = arena_strdup(a, store_column_text(s, 1));
	p->size = sqlite3_column_int64(s, 2);
	p->caption = sqlite3_column_type(s, 3) == SQLITE_NULL ? NULL : arena_strdup(a, store_column_text(s, 3));
	p->actor = arena_strdup(a, store_column_text(s, 4));
	p->created_at = arena_strdup(a, store_column_text(s, 5));
}

#define PHOTO_COLUMNS "sha256, type, size, caption, actor, created_at, person_id"

pl_rc family_photo_list(store *st, const char *who_id, arena *a, am_photo **out, size_t *n, pl_err *err)
{
	sqlite3_stmt *s;
	*out = NULL;
	*n = 0;
	int64_t person_id = 0;
	pl_rc rc = registry_person_id(st, who_id, &person_id, err);
	rc = rc ? rc : store_stmt(st, "SELECT " PHOTO_COLUMNS " FROM antemortem_photo WHERE person_id = ? ORDER BY id", &s, err);
	if(rc)
		return rc;
	sqlite3_bind_int64(s, 1, person_id);
	size_t cap = 0;
	int x;
	while((x = sqlite3_step(s)) == SQLITE_ROW) {
		am_photo *p = arena_push(a, (void **)out, n, &cap, sizeof(**out));
		if(!p)
			break;
		row(s, a, p);
		snprintf(p->person, sizeof(p->person), "%s", who_id);
	}
	sqlite3_reset(s);
	if(arena_oom(a))
		return pl_nomem(err);
	return x == SQLITE_DONE ? PL_OK : store_fail(st, err, x, "reading photos");
}

/* The file of a photo, whole and unchanged, into out. */
static pl_rc read_checked(store *st, const char *sha, size_t size, buf *out, pl_err *err)
{
	char path[4200], got[65];
	photo_path(st, sha, path, sizeof(path));
	size_t at = out->len;
	pl_err e = {0};
	if(file_read(path, size + 1, out, &e))
		return pl_failc(err, PL_EINTEGRITY, "antemortem.photo_missing", "sha256", sha, "file", path, NULL);
	sha_hex(out->ptr + at, out->len - at, got);
	if(strcmp(got, sha))
		return pl_failc(err, PL_EINTEGRITY, "antemortem.photo_changed", "sha256", sha, "file", path, NULL);
	return PL_OK;
}

pl_rc family_photo_read(store *st, const char *sha256, am_photo *meta, arena *a, buf *out, pl_err *err)
{
	sqlite3_stmt *s;
	pl_rc rc = store_stmt(st, "SELECT " PHOTO_COLUMNS " FROM antemortem_photo WHERE sha256 = ? ORDER BY id LIMIT 1",
	                      &s, err);
	if(rc)
		return rc;
	sqlite3_bind_text(s, 1, sha256, -1, SQLITE_STATIC);
	int x = sqlite3_step(s);
	int64_t person_id = 0;
	if(x == SQLITE_ROW) {
		row(s, a, meta);
		person_id = sqlite3_column_int64(s, 6);
	}
	sqlite3_reset(s);
	if(x == SQLITE_ROW && (rc = registry_person_uid(st, person_id, meta->person, err)))
		return rc;
	if(x == SQLITE_DONE)
		return pl_failc(err, PL_ENOTFOUND, "antemortem.photo_unknown", "sha256", sha256, NULL);
	if(x != SQLITE_ROW)
		return store_fail(st, err, x, "reading a photo");
	return read_checked(st, meta->sha256, (size_t)meta->size, out, err);
}

pl_rc family_photo_check(store *st, buf *problems, size_t *count, pl_err *err)
{
	sqlite3_stmt *s;
	*count = 0;
	pl_rc rc = store_stmt(st, "SELECT DISTINCT sha256, size FROM antemortem_photo ORDER BY sha256", &s, err);
	if(rc)
		return rc;
	int x;
	buf b;
	buf_init(&b, 0);
	while(!rc && (x = sqlite3_step(s)) == SQLITE_ROW) {
		pl_err e = {0};
		buf_reset(&b);
		if(read_checked(st, store_column_text(s, 0), (size_t)sqlite3_column_int64(s, 1), &b, &e)) {
			++*count;
			rc = buf_printf(problems, "%s\n", e.msg);
		}
	}
	sqlite3_reset(s);
	buf_free(&b);
	if(rc)
		return pl_nomem(err);
	if(x != SQLITE_DONE)
		return store_fail(st, err, x, "checking photos");
	if(*count) {
		return pl_failc(err, PL_EINTEGRITY, "antemortem.photos_lost", "n", PL_N((long)*count), NULL);
	}
	return PL_OK;
}

/* ---- backups ------------------------------------------------------------------ */

/* The photos travel inside the backup's copy of the database, in a table of
 * their own (antemortem_photo_file: sha256, data) that only a backup's copy
 * has: one file to encrypt, and a restore that checks them with the rest. */

static int exec(sqlite3 *db, const char *sql)
{
	return sqlite3_exec(db, sql, NULL, NULL, NULL);
}

pl_rc family_photo_pack(const char *copy, const char *db_path, bool missing_ok, buf *missing, long *packed,
                        pl_err *err)
{
	sqlite3 *db = NULL;
	sqlite3_stmt *sel = NULL, *ins = NULL;
	char dir[4096];
	am_photo_dir(db_path, dir, sizeof(dir));
	*packed = 0;
	long lost = 0;
	int x = sqlite3_open_v2(copy, &db, SQLITE_OPEN_READWRITE, NULL);
	if(x == SQLITE_OK)
		x = exec(db, "BEGIN; CREATE TABLE antemortem_photo_file (sha256 TEXT PRIMARY KEY, data BLOB NOT NULL)");
	if(x == SQLITE_OK)
		x = sqlite3_prepare_v2(db, "SELECT DISTINCT sha256, size FROM antemortem_photo", -1, &sel, NULL);
	if(x == SQLITE_OK)
		x = sqlite3_prepare_v2(db, "INSERT INTO antemortem_photo_file VALUES (?, ?)", -1, &ins, NULL);
	pl_rc rc = x == SQLITE_OK ? PL_OK
	                          : pl_failc(err, PL_EIO, "antemortem.backup", "file", copy, "why", sqlite3_errmsg(db), NULL);
	buf b;
	buf_init(&b, 0);
	while(!rc && sqlite3_step(sel) == SQLITE_ROW) {
		char path[4200], got[65];
		const char *sha = (const char *)sqlite3_column_text(sel, 0);
		snprintf(path, sizeof(path), "%s/%s", dir, sha);
		buf_reset(&b);
		pl_err e = {0};
		if(file_read(path, (size_t)sqlite3_column_int64(sel, 1) + 1, &b, &e) ||
		   (sha_hex(b.ptr, b.len, got), strcmp(got, sha))) {
			lost++;
			pl_failc(&e, PL_EINTEGRITY, "antemortem.photo_missing", "sha256", sha, "file", path, NULL);
			if(buf_printf(missing, "%s\n", e.msg))
				rc = pl_nomem(err);
			continue;
		}
		sqlite3_bind_text(ins, 1, sha, -1, SQLITE_TRANSIENT);
		sqlite3_bind_blob(ins, 2, b.ptr, (int)b.len, SQLITE_STATIC);
		if(sqlite3_step(ins) != SQLITE_DONE)
			rc = pl_failc(err, PL_EIO, "antemortem.backup", "file", copy, "why", sqlite3_errmsg(db), NULL);
		sqlite3_reset(ins);
		++*packed;
	}
	buf_free(&b);
	if(!rc && lost && !missing_ok)
		rc = pl_failc(err, PL_EINTEGRITY, "antemortem.photos_lost", "n", PL_N(lost), NULL);
	sqlite3_finalize(sel);
	sqlite3_finalize(ins);
	if(!rc && exec(db, "COMMIT"))
		rc = pl_failc(err, PL_EIO, "antemortem.backup", "file", copy, "why", sqlite3_errmsg(db), NULL);
	sqlite3_close(db);
	return rc;
}

pl_rc family_photo_unpack(const char *copy, const char *db_path, buf *missing, long *restored, pl_err *err)
{
	sqlite3 *db = NULL;
	sqlite3_stmt *s = NULL;
	char dir[4096];
	am_photo_dir(db_path, dir, sizeof(dir));
	*restored = 0;
	int x = sqlite3_open_v2(copy, &db, SQLITE_OPEN_READWRITE, NULL);
	bool has = false;
	if(x == SQLITE_OK &&
	   (x = sqlite3_prepare_v2(db, "SELECT 1 FROM sqlite_schema WHERE name = 'antemortem_photo_file'", -1, &s, NULL)) ==
	       SQLITE_OK) {
		has = sqlite3_step(s) == SQLITE_ROW;
		sqlite3_finalize(s);
		s = NULL;
	}
	/* What every photo row needs, and whether the backup brought it. */
	if(x == SQLITE_OK && has)
		x = sqlite3_prepare_v2(db, "SELECT DISTINCT p.sha256, f.data FROM antemortem_photo p LEFT JOIN"
		                           " antemortem_photo_file f ON f.sha256 = p.sha256", -1, &s, NULL);
	else if(x == SQLITE_OK)  /* a backup from before photos, or none recorded */
		x = sqlite3_prepare_v2(db, "SELECT DISTINCT sha256, NULL FROM antemortem_photo", -1, &s, NULL);
	if(x != SQLITE_OK) {
		/* a database from before the photos' table: nothing to bring back */
		sqlite3_close(db);
		return PL_OK;
	}
	pl_rc rc = PL_OK;
	if(mkdir(dir, 0700) && errno != EEXIST)
		rc = pl_failc(err, PL_EIO, "antemortem.photo_dir", "dir", dir, "why", strerror(errno), NULL);
	while(!rc && sqlite3_step(s) == SQLITE_ROW) {
		char path[4200], got[65];
		const char *sha = (const char *)sqlite3_column_text(s, 0);
		const void *data = sqlite3_column_blob(s, 1);
		size_t n = (size_t)sqlite3_column_bytes(s, 1);
		snprintf(path, sizeof(path), "%s/%s", dir, sha);
		if(data)
			sha_hex(data, n, got);
		if(!data || strcmp(got, sha)) {
			pl_err e = {0};
			pl_failc(&e, PL_EINTEGRITY, "antemortem.photo_missing", "sha256", sha, "file", path, NULL);
			if(buf_printf(missing, "%s\n", e.msg))
				rc = pl_nomem(err);
			continue;
		}
		rc = file_write(path, data, n, true, err);
		if(!rc)
			++*restored;
	}
	sqlite3_finalize(s);
	if(!rc && has && exec(db, "DROP TABLE antemortem_photo_file; VACUUM"))
		rc = pl_failc(err, PL_EIO, "antemortem.backup", "file", copy, "why", sqlite3_errmsg(db), NULL);
	sqlite3_close(db);
	return rc;
}

/* ---- files no row names ---------------------------------------------------------- */

static bool is_sha_name(const char *name)
{
	size_t n = strlen(name);
	return n == 64 && strspn(name, "0123456789abcdef") == n;
}

pl_rc family_photo_sweep(store *st, long *removed, pl_err *err)
{
	*removed = 0;
	char dir[4096];
	am_photo_dir(store_path(st), dir, sizeof(dir));
	DIR *d = opendir(dir);
	if(!d)
		return errno == ENOENT ? PL_OK : pl_failc(err, PL_EIO, "antemortem.photo_dir_read", "dir", dir, "why",
		                                           strerror(errno), NULL);
	sqlite3_stmt *s;
	pl_rc rc = store_stmt(st, "SELECT 1 FROM antemortem_photo WHERE sha256 = ?1 LIMIT 1", &s, err);
	struct dirent *e;
	while(!rc && (e = readdir(d))) {
		if(!is_sha_name(e->d_name))
			continue; /* not a photo's: left alone */
		sqlite3_bind_text(s, 1, e->d_name, -1, SQLITE_TRANSIENT);
		int x = sqlite3_step(s);
		sqlite3_reset(s);
		if(x != SQLITE_ROW && x != SQLITE_DONE) {
			rc = store_fail(st, err, x, "finding photos no record names");
		} else if(x == SQLITE_DONE) {
			char path[sizeof(dir) + sizeof(e->d_name) + 1];
			snprintf(path, sizeof(path), "%s/%s", dir, e->d_name);
			if(remove(path) && errno != ENOENT)
				rc = pl_failc(err, PL_EIO, "antemortem.photo_remove", "path", path, "why", strerror(errno), NULL);
			else
				++*removed;
		}
	}
	closedir(d);
	return rc;
}
