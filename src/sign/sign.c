/* Signing keys: generation, key files, fingerprints, and the table of
 * trusted public keys. Signed documents are in sign_doc.c. */
#include "sign/sign.h"

#include <errno.h>
#include <sodium.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include "audit/audit.h"
#include "core/file.h"
#include "core/json.h"
#include "core/text.h"

enum {
	PK_B64 = sodium_base64_ENCODED_LEN(SIGN_PK_SIZE, sodium_base64_VARIANT_ORIGINAL),
	SK_B64 = sodium_base64_ENCODED_LEN(SIGN_SK_SIZE, sodium_base64_VARIANT_ORIGINAL),
	KEY_FILE_MAX = 65536
};

const char *sign_role_name(sign_role r)
{
	return r == SIGN_MEDIATOR ? "mediator" : "party";
}

bool sign_role_parse(const char *s, sign_role *out)
{
	if(!strcmp(s, "party"))
		*out = SIGN_PARTY;
	else if(!strcmp(s, "mediator"))
		*out = SIGN_MEDIATOR;
	else
		return false;
	return true;
}

const char *sign_signer_invalid(const char *signer, sign_role role)
{
	size_t n = strlen(signer);
	bool digits = role == SIGN_MEDIATOR;
	for(size_t i = 0; i < n; i++)
		if(!((signer[i] >= 'A' && signer[i] <= 'Z') || (digits && signer[i] >= '0' && signer[i] <= '9')))
			n = 0;
	if(role == SIGN_PARTY && (n < 2 || n > 3))
		return "a party's code is 2 or 3 capital letters (UA, RU)";
	if(role == SIGN_MEDIATOR && (n < 2 || n > SIGN_SIGNER_MAX))
		return "a mediator's code is 2 to 8 capital letters or digits (ICRC, TR)";
	return NULL;
}

pl_rc sign_key_generate(const char *signer, sign_role role, sign_key *out, pl_err *err)
{
	memset(out, 0, sizeof(*out));
	const char *why = sign_signer_invalid(signer, role);
	if(why)
		return pl_fail(err, PL_EINPUT, "'%s': %s", signer, why);
	snprintf(out->signer, sizeof(out->signer), "%s", signer);
	out->role = role;
	crypto_sign_keypair(out->pk, out->sk);
	out->has_secret = true;
	return PL_OK;
}

void sign_key_wipe(sign_key *k)
{
	sodium_memzero(k, sizeof(*k));
}

void sign_fingerprint(const unsigned char pk[SIGN_PK_SIZE], char out[SIGN_FINGERPRINT_MAX])
{
	unsigned char h[crypto_hash_sha256_BYTES];
	crypto_hash_sha256(h, pk, SIGN_PK_SIZE);
	char hex[17];
	sodium_bin2hex(hex, sizeof(hex), h, 8);
	snprintf(out, SIGN_FINGERPRINT_MAX, "%.4s %.4s %.4s %.4s", hex, hex + 4, hex + 8, hex + 12);
}

bool sign_fingerprint_parse(const char *text, char out[SIGN_FINGERPRINT_MAX])
{
	char hex[17];
	size_t n = 0;
	for(const char *p = text; *p; p++) {
		char c = *p >= 'A' && *p <= 'F' ? (char)(*p - 'A' + 'a') : *p;
		if(c == ' ')
			continue;
		if(!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f')) || n == 16)
			return false;
		hex[n++] = c;
	}
	if(n != 16)
		return false;
	snprintf(out, SIGN_FINGERPRINT_MAX, "%.4s %.4s %.4s %.4s", hex, hex + 4, hex + 8, hex + 12);
	return true;
}

/* ---- key files -------------------------------------------------------- */

/* A key file's text into a fixed buffer (no copies left behind by a
 * growing one; wiped by the caller): the signer is checked, nothing needs
 * escaping. Returns its length. */
static size_t key_text(const sign_key *k, bool with_secret, char text[512])
{
	char pk[PK_B64], sk[SK_B64], fp[SIGN_FINGERPRINT_MAX];
	sodium_bin2base64(pk, sizeof(pk), k->pk, SIGN_PK_SIZE, sodium_base64_VARIANT_ORIGINAL);
	int n;
	if(with_secret) {
		sodium_bin2base64(sk, sizeof(sk), k->sk, SIGN_SK_SIZE, sodium_base64_VARIANT_ORIGINAL);
		n = snprintf(text, 512,
		             "{\n  \"parley\": \"secret-key/1\",\n  \"signer\": \"%s\",\n  \"role\": \"%s\",\n"
		             "  \"public_key\": \"%s\",\n  \"secret_key\": \"%s\"\n}\n",
		             k->signer, sign_role_name(k->role), pk, sk);
		sodium_memzero(sk, sizeof(sk));
	} else {
		sign_fingerprint(k->pk, fp);
		n = snprintf(text, 512,
		             "{\n  \"parley\": \"public-key/1\",\n  \"signer\": \"%s\",\n  \"role\": \"%s\",\n"
		             "  \"public_key\": \"%s\",\n  \"fingerprint\": \"%s\"\n}\n",
		             k->signer, sign_role_name(k->role), pk, fp);
	}
	return n > 0 && n < 512 ? (size_t)n : 0;
}

static pl_rc savable(const sign_key *k, bool with_secret, pl_err *err)
{
	const char *why = sign_signer_invalid(k->signer, k->role);
	if(why)
		return pl_fail(err, PL_EINPUT, "cannot save the key of '%s': %s", k->signer, why);
	if(with_secret && !k->has_secret)
		return pl_fail(err, PL_EINPUT, "cannot save the key of %s: it has no secret part", k->signer);
	return PL_OK;
}

pl_rc sign_key_save(const sign_key *k, const char *path, bool with_secret, pl_err *err)
{
	pl_rc rc = savable(k, with_secret, err);
	if(rc)
		return rc;
	char text[512];
	rc = file_write(path, text, key_text(k, with_secret, text), !with_secret, err);
	sodium_memzero(text, sizeof(text));
	return rc;
}

pl_rc sign_key_public_text(const sign_key *k, buf *out, pl_err *err)
{
	pl_rc rc = savable(k, false, err);
	char text[512];
	size_t n = rc ? 0 : key_text(k, false, text);
	return rc ? rc : buf_add(out, text, n) ? pl_nomem(err) : PL_OK;
}

bool sign_b64_decode(const char *s, unsigned char *out, size_t want)
{
	size_t n = 0;
	return !sodium_base642bin(out, want, s, strlen(s), NULL, &n, NULL, sodium_base64_VARIANT_ORIGINAL) &&
	       n == want;
}

/* A string member of a key file; NULL after an error naming it. */
static const char *field(const json_t *o, const char *path, const char *name, pl_err *err)
{
	const json_t *v = json_object_get(o, name);
	if(!json_is_string(v)) {
		pl_fail(err, PL_EINPUT, "%s: field '%s' %s", path, name, v ? "is not a string" : "is missing");
		return NULL;
	}
	return json_string_value(v);
}

static pl_rc only_fields(const json_t *o, const char *path, const char *const *allowed, pl_err *err)
{
	const char *key = json_unknown_key(o, allowed);
	if(!key)
		return PL_OK;
	char q[64];
	text_quote(key, q, sizeof(q));
	return pl_fail(err, PL_EINPUT, "%s: unknown field '%s' in a key file", path, q);
}

/* The secret part: it must be the one of the public key beside it. */
static pl_rc load_secret(const json_t *o, const char *path, sign_key *k, pl_err *err)
{
	const char *sk = field(o, path, "secret_key", err);
	if(!sk)
		return PL_EINPUT;
	if(!sign_b64_decode(sk, k->sk, SIGN_SK_SIZE))
		return pl_fail(err, PL_EINPUT, "%s: field 'secret_key' is not base64 of %d bytes", path,
		               SIGN_SK_SIZE);
	unsigned char pk[SIGN_PK_SIZE], again[SIGN_SK_SIZE];
	crypto_sign_seed_keypair(pk, again, k->sk); /* the first 32 bytes are the seed */
	bool same = !sodium_memcmp(pk, k->pk, SIGN_PK_SIZE) && !sodium_memcmp(again, k->sk, SIGN_SK_SIZE);
	sodium_memzero(again, sizeof(again));
	if(!same)
		return pl_fail(err, PL_EINPUT, "%s: field 'secret_key' does not belong to 'public_key'", path);
	k->has_secret = true;
	return PL_OK;
}

static pl_rc load_fingerprint(const json_t *o, const char *path, const sign_key *k, pl_err *err)
{
	const char *given = field(o, path, "fingerprint", err);
	if(!given)
		return PL_EINPUT;
	char fp[SIGN_FINGERPRINT_MAX], read[SIGN_FINGERPRINT_MAX];
	sign_fingerprint(k->pk, fp);
	if(!sign_fingerprint_parse(given, read) || strcmp(read, fp))
		return pl_fail(err, PL_EINPUT, "%s: field 'fingerprint' is '%.40s', but the public key's "
		               "fingerprint is '%s'", path, given, fp);
	return PL_OK;
}

static pl_rc load_key(const json_t *o, const char *path, sign_key *k, pl_err *err)
{
	static const char *const secret_fields[] = {"parley", "signer", "role", "public_key",
	                                            "secret_key", NULL};
	static const char *const public_fields[] = {"parley", "signer", "role", "public_key",
	                                            "fingerprint", NULL};
	const char *kind = field(o, path, "parley", err);
	if(!kind)
		return pl_fail(err, PL_EINPUT, "%s: not a parley key file (no \"parley\": \"secret-key/1\" "
		               "or \"public-key/1\")", path);
	bool secret = !strcmp(kind, "secret-key/1");
	if(!secret && strcmp(kind, "public-key/1"))
		return pl_fail(err, PL_EINPUT, "%s: field 'parley' is '%.40s': expected 'secret-key/1' or "
		               "'public-key/1'", path, kind);
	pl_rc rc = only_fields(o, path, secret ? secret_fields : public_fields, err);
	const char *signer = rc ? NULL : field(o, path, "signer", err);
	const char *role = signer ? field(o, path, "role", err) : NULL;
	const char *pk = role ? field(o, path, "public_key", err) : NULL;
	if(!pk)
		return PL_EINPUT;
	if(!sign_role_parse(role, &k->role))
		return pl_fail(err, PL_EINPUT, "%s: field 'role' is '%.40s': expected party or mediator", path,
		               role);
	const char *why = sign_signer_invalid(signer, k->role);
	if(why)
		return pl_fail(err, PL_EINPUT, "%s: field 'signer' is '%.40s': %s", path, signer, why);
	snprintf(k->signer, sizeof(k->signer), "%s", signer);
	if(!sign_b64_decode(pk, k->pk, SIGN_PK_SIZE))
		return pl_fail(err, PL_EINPUT, "%s: field 'public_key' is not base64 of %d bytes", path,
		               SIGN_PK_SIZE);
	return secret ? load_secret(o, path, k, err) : load_fingerprint(o, path, k, err);
}

/* Others may read a secret key file: refuse it, as ssh does. */
static pl_rc private_enough(const char *path, const char *text, pl_err *err)
{
	struct stat sb;
	if(!strstr(text, "secret-key/") || !strcmp(path, "-") || stat(path, &sb) || !(sb.st_mode & 077))
		return PL_OK;
	return pl_fail(err, PL_EINPUT, "%s: a secret key file must be readable by its owner only, "
	               "this one has mode %04o (chmod 600 %s)", path, (unsigned)(sb.st_mode & 07777), path);
}

pl_rc sign_key_load(const char *path, sign_key *out, pl_err *err)
{
	memset(out, 0, sizeof(*out));
	buf b;
	buf_init(&b, 0);
	pl_rc rc = file_read(path, KEY_FILE_MAX, &b, err);
	if(!rc)
		rc = private_enough(path, buf_str(&b), err);
	json_t *o = NULL;
	json_error_t je;
	if(!rc && !(o = json_loadb(buf_str(&b), b.len, JSON_REJECT_DUPLICATES, &je)))
		rc = pl_fail(err, PL_EINPUT, "%s: not a key file: line %d, column %d: %s", path, je.line,
		             je.column, je.text);
	if(b.ptr)
		sodium_memzero(b.ptr, b.len);
	buf_free(&b);
	if(!rc && !json_is_object(o))
		rc = pl_fail(err, PL_EINPUT, "%s: not a key file (expected a JSON object)", path);
	if(!rc)
		rc = load_key(o, path, out, err);
	/* jansson keeps the secret's text until the value is freed. */
	json_t *sk = json_object_get(o, "secret_key");
	if(json_is_string(sk))
		sodium_memzero((char *)json_string_value(sk), json_string_length(sk));
	json_decref(o);
	if(rc)
		sign_key_wipe(out);
	return rc;
}

/* ---- trusted keys ----------------------------------------------------- */

static pl_rc key_json(buf *out, const sign_key *k, const char *revoked_at)
{
	char pk[PK_B64], fp[SIGN_FINGERPRINT_MAX];
	sodium_bin2base64(pk, sizeof(pk), k->pk, SIGN_PK_SIZE, sodium_base64_VARIANT_ORIGINAL);
	sign_fingerprint(k->pk, fp);
	json_writer w;
	json_open(&w, out);
	json_member_string(&w, "signer", k->signer);
	json_member_string(&w, "role", sign_role_name(k->role));
	json_member_string(&w, "public_key", pk);
	json_member_string(&w, "fingerprint", fp);
	if(revoked_at)
		json_member_string(&w, "revoked_at", revoked_at);
	return json_close(&w);
}

static pl_rc audited(store *st, const char *actor, const char *action, const sign_key *k,
                     const char *before_revoked, const char *after_revoked, pl_err *err)
{
	char fp[SIGN_FINGERPRINT_MAX];
	sign_fingerprint(k->pk, fp);
	buf b, a;
	buf_init(&b, 0);
	buf_init(&a, 0);
	bool before = !strcmp(action, "revoke");
	pl_rc rc = (before && key_json(&b, k, before_revoked)) || key_json(&a, k, after_revoked)
	           ? pl_nomem(err)
	           : audit_append(st, actor, action, "signing_key", fp, before ? buf_str(&b) : NULL,
	                          buf_str(&a), err);
	buf_free(&b);
	buf_free(&a);
	return rc;
}

static pl_rc row_to_trusted(sqlite3_stmt *s, sign_trusted *t, pl_err *err)
{
	memset(t, 0, sizeof(*t));
	t->id = sqlite3_column_int64(s, 0);
	const char *signer = store_column_text(s, 1), *role = store_column_text(s, 2);
	const char *pk = store_column_text(s, 3), *added = store_column_text(s, 4);
	const char *revoked = store_column_text(s, 5);
	snprintf(t->key.signer, sizeof(t->key.signer), "%s", signer ? signer : "");
	if(!role || !sign_role_parse(role, &t->key.role) || !pk ||
	   !sign_b64_decode(pk, t->key.pk, SIGN_PK_SIZE))
		return pl_fail(err, PL_EINTEGRITY, "signing_key %lld: not a valid key", (long long)t->id);
	sign_fingerprint(t->key.pk, t->fingerprint);
	snprintf(t->added_at, sizeof(t->added_at), "%s", added ? added : "");
	snprintf(t->revoked_at, sizeof(t->revoked_at), "%s", revoked ? revoked : "");
	t->key.revoked = revoked != NULL;
	return PL_OK;
}

#define KEY_COLUMNS "id, signer, role, public_key, added_at, revoked_at"

pl_rc sign_keys_each(store *st, bool with_revoked, sign_trusted_fn fn, void *ctx, pl_err *err)
{
	static const char all[] = "SELECT " KEY_COLUMNS " FROM signing_key ORDER BY id";
	static const char live[] = "SELECT " KEY_COLUMNS " FROM signing_key WHERE revoked_at IS NULL"
	                           " ORDER BY id";
	sqlite3_stmt *s = NULL;
	pl_rc rc = store_stmt(st, with_revoked ? all : live, &s, err);
	int x = SQLITE_DONE;
	while(!rc && (x = sqlite3_step(s)) == SQLITE_ROW) {
		sign_trusted t;
		rc = row_to_trusted(s, &t, err);
		if(!rc)
			rc = fn(ctx, &t);
	}
	if(!rc && x != SQLITE_DONE)
		rc = store_fail(st, err, x, "reading the signing keys");
	if(s)
		sqlite3_reset(s);
	return rc;
}

typedef struct key_list {
	arena *a;
	sign_key *keys;
	size_t n, cap;
} key_list;

static pl_rc collect_key(void *ctx, const sign_trusted *t)
{
	key_list *l = ctx;
	if(l->n == l->cap) {
		size_t cap = l->cap ? l->cap * 2 : 8;
		sign_key *keys = arena_alloc(l->a, cap * sizeof(sign_key));
		if(!keys)
			return PL_ENOMEM;
		if(l->n)
			memcpy(keys, l->keys, l->n * sizeof(sign_key));
		l->keys = keys;
		l->cap = cap;
	}
	l->keys[l->n++] = t->key;
	return PL_OK;
}

pl_rc sign_keys_trusted(store *st, arena *a, bool with_revoked, sign_key **out, size_t *n, pl_err *err)
{
	key_list l = {a, NULL, 0, 0};
	pl_rc rc = sign_keys_each(st, with_revoked, collect_key, &l, err);
	if(rc == PL_ENOMEM)
		return pl_nomem(err);
	*out = l.keys;
	*n = l.n;
	return rc;
}

/* The row holding this public key, if any: PL_ENOTFOUND when none. */
static pl_rc find_key(store *st, const unsigned char pk[SIGN_PK_SIZE], sign_trusted *t, pl_err *err)
{
	char b64[PK_B64];
	sodium_bin2base64(b64, sizeof(b64), pk, SIGN_PK_SIZE, sodium_base64_VARIANT_ORIGINAL);
	sqlite3_stmt *s;
	pl_rc rc = store_stmt(st, "SELECT " KEY_COLUMNS " FROM signing_key WHERE public_key = ?", &s, err);
	if(rc)
		return rc;
	sqlite3_bind_text(s, 1, b64, -1, SQLITE_TRANSIENT);
	int x = sqlite3_step(s);
	if(x == SQLITE_ROW)
		rc = row_to_trusted(s, t, err);
	else
		rc = x == SQLITE_DONE ? PL_ENOTFOUND : store_fail(st, err, x, "reading the signing keys");
	sqlite3_reset(s);
	return rc;
}

static pl_rc insert_key(store *st, const sign_key *k, pl_err *err)
{
	char b64[PK_B64], now[TIMESTAMP_STR_MAX];
	sodium_bin2base64(b64, sizeof(b64), k->pk, SIGN_PK_SIZE, sodium_base64_VARIANT_ORIGINAL);
	date_now_iso(now);
	sqlite3_stmt *s;
	pl_rc rc = store_stmt(st, "INSERT INTO signing_key(signer, role, public_key, added_at)"
	                          " VALUES (?,?,?,?)", &s, err);
	if(rc)
		return rc;
	sqlite3_bind_text(s, 1, k->signer, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(s, 2, sign_role_name(k->role), -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 3, b64, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(s, 4, now, -1, SQLITE_TRANSIENT);
	int x = sqlite3_step(s);
	sqlite3_reset(s);
	return x == SQLITE_DONE ? PL_OK : store_fail(st, err, x, "adding a signing key");
}

/* What trusting k again would mean, given the row that has its key. */
static pl_rc already_there(const sign_trusted *t, const sign_key *k, pl_err *err)
{
	if(t->revoked_at[0])
		return pl_fail(err, PL_ECONFLICT, "key %s of %s %s was revoked on %s: a revoked key is "
		               "never trusted again (make a new one)", t->fingerprint,
		               sign_role_name(t->key.role), t->key.signer, t->revoked_at);
	if(strcmp(t->key.signer, k->signer) || t->key.role != k->role)
		return pl_fail(err, PL_ECONFLICT, "key %s is already trusted as the key of %s %s, not of %s %s",
		               t->fingerprint, sign_role_name(t->key.role), t->key.signer,
		               sign_role_name(k->role), k->signer);
	return PL_OK;
}

pl_rc sign_key_trust(store *st, const sign_key *k, const char *actor, bool *added, pl_err *err)
{
	if(added)
		*added = false;
	const char *why = sign_signer_invalid(k->signer, k->role);
	if(why)
		return pl_fail(err, PL_EINPUT, "'%s': %s", k->signer, why);
	pl_rc rc = store_begin(st, err);
	if(rc)
		return rc;
	sign_trusted t;
	rc = find_key(st, k->pk, &t, err);
	if(!rc) {
		rc = already_there(&t, k, err);
	} else if(rc == PL_ENOTFOUND) {
		rc = insert_key(st, k, err);
		if(!rc)
			rc = audited(st, actor, "trust", k, NULL, NULL, err);
		if(!rc && added)
			*added = true;
	}
	if(rc) {
		store_rollback(st);
		return rc;
	}
	return store_commit(st, err);
}

typedef struct fp_search {
	char fp[SIGN_FINGERPRINT_MAX];
	sign_trusted found;
	int n;
} fp_search;

static pl_rc match_fingerprint(void *ctx, const sign_trusted *t)
{
	fp_search *f = ctx;
	if(strcmp(t->fingerprint, f->fp))
		return PL_OK;
	/* A live key wins over a revoked one of the same fingerprint. */
	if(!f->n++ || !t->revoked_at[0])
		f->found = *t;
	return PL_OK;
}

static pl_rc mark_revoked(store *st, sign_trusted *t, pl_err *err)
{
	date_now_iso(t->revoked_at);
	sqlite3_stmt *s;
	pl_rc rc = store_stmt(st, "UPDATE signing_key SET revoked_at = ? WHERE id = ?", &s, err);
	if(rc)
		return rc;
	sqlite3_bind_text(s, 1, t->revoked_at, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(s, 2, t->id);
	int x = sqlite3_step(s);
	sqlite3_reset(s);
	return x == SQLITE_DONE ? PL_OK : store_fail(st, err, x, "revoking a signing key");
}

pl_rc sign_key_revoke(store *st, const char *fingerprint, const char *actor, sign_trusted *out,
                      pl_err *err)
{
	fp_search f = {0};
	if(!sign_fingerprint_parse(fingerprint, f.fp))
		return pl_fail(err, PL_EINPUT, "'%.40s' is not a key fingerprint (16 hex digits, as "
		               "'parley keys list' shows them)", fingerprint);
	pl_rc rc = store_begin(st, err);
	if(rc)
		return rc;
	rc = sign_keys_each(st, true, match_fingerprint, &f, err);
	if(!rc && !f.n)
		rc = pl_fail(err, PL_ENOTFOUND, "no signing key has the fingerprint %s", f.fp);
	else if(!rc && f.found.revoked_at[0])
		rc = pl_fail(err, PL_ECONFLICT, "key %s of %s %s was already revoked on %s", f.fp,
		             sign_role_name(f.found.key.role), f.found.key.signer, f.found.revoked_at);
	if(!rc)
		rc = mark_revoked(st, &f.found, err);
	if(!rc)
		rc = audited(st, actor, "revoke", &f.found.key, NULL, f.found.revoked_at, err);
	if(rc) {
		store_rollback(st);
		return rc;
	}
	if(out)
		*out = f.found;
	return store_commit(st, err);
}
