/* The office's own keys, sealed: a passphrase, Argon2id, XChaCha20-
 * Poly1305 (the signing_secret table). Opened for one signature and wiped
 * after; a wrong passphrase is recorded in the audit chain. */
#include <sodium.h>
#include <stdio.h>
#include <string.h>

#include "audit/audit.h"
#include "sign/internal.h"

const sign_kdf sign_kdf_default = {crypto_pwhash_OPSLIMIT_MODERATE, crypto_pwhash_MEMLIMIT_MODERATE};

enum { SEED_SIZE = 32, KEY_SIZE = crypto_aead_xchacha20poly1305_ietf_KEYBYTES, AD_MAX = 96 };

/* What the box is bound to: it opens only for the key it was made for. */
static size_t sealed_ad(const sign_key *k, unsigned char ad[AD_MAX])
{
	int n = snprintf((char *)ad, AD_MAX - SIGN_PK_SIZE, "parley sealed key v1\n%s\n%s\n", k->signer,
	                 sign_role_name(k->role));
	size_t len = n > 0 && n < AD_MAX - SIGN_PK_SIZE ? (size_t)n : 0;
	memcpy(ad + len, k->pk, SIGN_PK_SIZE);
	return len + SIGN_PK_SIZE;
}

pl_rc sign_passphrase_ok(const char *p, pl_err *err)
{
	size_t n = p ? strlen(p) : 0;
	if(n < SIGN_PASSPHRASE_MIN || n > SIGN_PASSPHRASE_MAX)
		return pl_failc(err, PL_EINPUT, "sign.passphrase_len", "min", PL_N(SIGN_PASSPHRASE_MIN), "max",
		                PL_N(SIGN_PASSPHRASE_MAX), NULL);
	return PL_OK;
}

pl_rc sign_kdf_derive(unsigned char *key, size_t n, const char *passphrase, const sign_kdf *kdf,
                      const unsigned char salt[SIGN_SALT_SIZE], pl_err *err)
{
	if(kdf->opslimit < crypto_pwhash_OPSLIMIT_MIN || kdf->memlimit < crypto_pwhash_MEMLIMIT_MIN ||
	   kdf->opslimit > crypto_pwhash_OPSLIMIT_MAX || kdf->memlimit > crypto_pwhash_MEMLIMIT_MAX)
		return pl_failc(err, PL_EINPUT, "vault.kdf_range", NULL);
	if(crypto_pwhash(key, n, passphrase, strlen(passphrase), salt, kdf->opslimit,
	                 kdf->memlimit, crypto_pwhash_ALG_ARGON2ID13))
		return pl_failc(err, PL_ENOMEM, "vault.kdf_memory", NULL);
	return PL_OK;
}

pl_rc sign_seal(const sign_key *k, const char *passphrase, const sign_kdf *kdf, sign_sealed *out,
                pl_err *err)
{
	memset(out, 0, sizeof(*out));
	if(!k->has_secret)
		return pl_failc(err, PL_EINPUT, "vault.no_secret", "signer", k->signer, NULL);
	pl_rc rc = sign_passphrase_ok(passphrase, err);
	if(rc)
		return rc;
	out->kdf = kdf ? *kdf : sign_kdf_default;
	randombytes_buf(out->salt, sizeof(out->salt));
	randombytes_buf(out->nonce, sizeof(out->nonce));
	unsigned char key[KEY_SIZE], ad[AD_MAX];
	size_t adlen = sealed_ad(k, ad);
	rc = sign_kdf_derive(key, KEY_SIZE, passphrase, &out->kdf, out->salt, err);
	if(!rc)
		crypto_aead_xchacha20poly1305_ietf_encrypt(out->box, NULL, k->sk, SEED_SIZE, ad, adlen, NULL,
		                                           out->nonce, key);
	sodium_memzero(key, sizeof(key));
	return rc;
}

pl_rc sign_unseal(const sign_sealed *s, const sign_key *pub, const char *passphrase, sign_key *out,
                  pl_err *err)
{
	memset(out, 0, sizeof(*out));
	char fp[SIGN_FINGERPRINT_MAX];
	sign_fingerprint(pub->pk, fp);
	if(!passphrase || !*passphrase || strlen(passphrase) > SIGN_PASSPHRASE_MAX)
		return pl_failc(err, PL_EINPUT, "sign.wrong_passphrase", "key", fp, "role",
		                sign_role_name(pub->role), "signer", pub->signer, NULL);
	unsigned char key[KEY_SIZE], ad[AD_MAX], seed[SEED_SIZE];
	size_t adlen = sealed_ad(pub, ad);
	pl_rc rc = sign_kdf_derive(key, KEY_SIZE, passphrase, &s->kdf, s->salt, err);
	if(!rc && crypto_aead_xchacha20poly1305_ietf_decrypt(seed, NULL, NULL, s->box, sizeof(s->box), ad,
	                                                     adlen, s->nonce, key))
		rc = pl_failc(err, PL_EINPUT, "sign.wrong_passphrase", "key", fp, "role",
		              sign_role_name(pub->role), "signer", pub->signer, NULL);
	sodium_memzero(key, sizeof(key));
	if(!rc) {
		*out = *pub;
		crypto_sign_seed_keypair(out->pk, out->sk, seed);
		out->has_secret = true;
		out->revoked = false;
		/* The box was made for this public key: anything else is a bug or
		 * a database put together by hand. */
		if(sodium_memcmp(out->pk, pub->pk, SIGN_PK_SIZE)) {
			sign_key_wipe(out);
			rc = pl_failc(err, PL_EINTEGRITY, "vault.other_key", "signer", pub->signer, "key", fp, NULL);
		}
	}
	sodium_memzero(seed, sizeof(seed));
	return rc;
}

/* ---- in the database ---------------------------------------------------- */

static pl_rc insert_sealed(store *st, int64_t key_id, const sign_sealed *s, pl_err *err)
{
	char now[TIMESTAMP_STR_MAX];
	date_now_iso(now);
	sqlite3_stmt *q;
	pl_rc rc = store_stmt(st, "INSERT INTO signing_secret(key_id, kdf, opslimit, memlimit, salt, nonce,"
	                          " sealed, created_at) VALUES (?, 'argon2id13', ?, ?, ?, ?, ?, ?)", &q, err);
	if(rc)
		return rc;
	sqlite3_bind_int64(q, 1, key_id);
	sqlite3_bind_int64(q, 2, (sqlite3_int64)s->kdf.opslimit);
	sqlite3_bind_int64(q, 3, (sqlite3_int64)s->kdf.memlimit);
	sqlite3_bind_blob(q, 4, s->salt, sizeof(s->salt), SQLITE_STATIC);
	sqlite3_bind_blob(q, 5, s->nonce, sizeof(s->nonce), SQLITE_STATIC);
	sqlite3_bind_blob(q, 6, s->box, sizeof(s->box), SQLITE_STATIC);
	sqlite3_bind_text(q, 7, now, -1, SQLITE_TRANSIENT);
	int x = sqlite3_step(q);
	sqlite3_reset(q);
	return x == SQLITE_DONE ? PL_OK : store_fail(st, err, x, "keeping the sealed key");
}

static pl_rc read_sealed(store *st, int64_t key_id, sign_sealed *out, pl_err *err)
{
	sqlite3_stmt *q;
	pl_rc rc = store_stmt(st, "SELECT opslimit, memlimit, salt, nonce, sealed FROM signing_secret"
	                          " WHERE key_id = ?", &q, err);
	if(rc)
		return rc;
	sqlite3_bind_int64(q, 1, key_id);
	int x = sqlite3_step(q);
	if(x == SQLITE_ROW && sqlite3_column_bytes(q, 2) == SIGN_SALT_SIZE &&
	   sqlite3_column_bytes(q, 3) == SIGN_NONCE_SIZE && sqlite3_column_bytes(q, 4) == SIGN_SEALED_SIZE) {
		out->kdf.opslimit = (unsigned long long)sqlite3_column_int64(q, 0);
		out->kdf.memlimit = (size_t)sqlite3_column_int64(q, 1);
		memcpy(out->salt, sqlite3_column_blob(q, 2), SIGN_SALT_SIZE);
		memcpy(out->nonce, sqlite3_column_blob(q, 3), SIGN_NONCE_SIZE);
		memcpy(out->box, sqlite3_column_blob(q, 4), SIGN_SEALED_SIZE);
	} else if(x == SQLITE_ROW) {
		rc = pl_failc(err, PL_EINTEGRITY, "vault.bad_row", "id", PL_N(key_id), NULL);
	} else {
		rc = x == SQLITE_DONE ? PL_ENOTFOUND : store_fail(st, err, x, "reading the sealed key");
	}
	sqlite3_reset(q);
	return rc;
}

static pl_rc audit_kdf(store *st, const char *actor, const char *action, const char *fp,
                       const sign_kdf *kdf, const char *why, pl_err *err)
{
	char after[160];
	if(why)
		snprintf(after, sizeof(after), "{\"refused\":\"%s\"}", why);
	else
		snprintf(after, sizeof(after), "{\"kdf\":\"argon2id13\",\"opslimit\":%llu,\"memlimit\":%zu,"
		         "\"aead\":\"xchacha20poly1305\"}", kdf->opslimit, kdf->memlimit);
	return audit_append(st, actor, action, "signing_key", fp, NULL, after, err);
}

pl_rc sign_office_generate(store *st, const char *signer, sign_role role, const char *passphrase,
                           const sign_kdf *kdf, const char *actor, sign_trusted *out, pl_err *err)
{
	sign_key k;
	sign_sealed box;
	pl_rc rc = sign_key_generate(signer, role, &k, err);
	rc = rc ? rc : sign_seal(&k, passphrase, kdf, &box, err);
	sign_key pub = k;
	sign_key_wipe(&k);
	sodium_memzero(pub.sk, sizeof(pub.sk));
	pub.has_secret = false;
	if(rc)
		return rc;
	char fp[SIGN_FINGERPRINT_MAX];
	sign_fingerprint(pub.pk, fp);
	sign_trusted t;
	rc = store_begin(st, err);
	if(rc)
		return rc;
	rc = sign_key_trust(st, &pub, actor, NULL, err);
	rc = rc ? rc : sign_key_find(st, fp, &t, err);
	rc = rc ? rc : insert_sealed(st, t.id, &box, err);
	rc = rc ? rc : audit_kdf(st, actor, "seal", fp, &box.kdf, NULL, err);
	t.held = true;
	if(!rc && out)
		*out = t;
	return store_end(st, rc, err);
}

typedef struct newest_held {
	sign_trusted t;
	unsigned roles;
	int n, other; /* held of the roles asked; held of another */
} newest_held;

static pl_rc take_held(void *ctx, const sign_trusted *t)
{
	newest_held *h = ctx;
	if(t->held && h->roles && !(h->roles & (1u << t->key.role)))
		h->other++;
	else if(t->held) {
		h->t = *t; /* oldest first: the last one is the newest */
		h->n++;
	}
	return PL_OK;
}

pl_rc sign_office_key(store *st, const char *fingerprint, unsigned roles, sign_trusted *t,
                      pl_err *err)
{
	if(fingerprint) {
		pl_rc rc = sign_key_find(st, fingerprint, t, err);
		if(rc)
			return rc;
		if(t->revoked_at[0])
			return pl_failc(err, PL_ECONFLICT, "sign.revoked", "key", t->fingerprint, "role",
			                sign_role_name(t->key.role), "signer", t->key.signer, "date", t->revoked_at,
			                NULL);
		if(!t->held)
			return pl_failc(err, PL_ECONFLICT, "sign.not_ours", "key", t->fingerprint, "role",
			                sign_role_name(t->key.role), "signer", t->key.signer, NULL);
		return PL_OK;
	}
	newest_held h = {.roles = roles};
	pl_rc rc = sign_keys_each(st, false, take_held, &h, err);
	if(!rc && !h.n && h.other)
		rc = pl_failc(err, PL_ECONFLICT, "sign.no_office_key_role", "role",
		              roles & (1u << SIGN_PARTY) ? sign_role_name(SIGN_PARTY)
		                                         : sign_role_name(SIGN_MEDIATOR),
		              NULL);
	else if(!rc && !h.n)
		rc = pl_failc(err, PL_ECONFLICT, "sign.no_office_key", NULL);
	if(!rc)
		*t = h.t;
	return rc;
}

pl_rc sign_office_unlock(store *st, const char *fingerprint, const char *passphrase,
                         const char *actor, sign_key *out, pl_err *err)
{
	memset(out, 0, sizeof(*out));
	sign_trusted t;
	sign_sealed box;
	pl_rc rc = sign_office_key(st, fingerprint, 0, &t, err);
	if(!rc && (rc = read_sealed(st, t.id, &box, err)) == PL_ENOTFOUND)
		rc = pl_failc(err, PL_ECONFLICT, "sign.not_held", "key", t.fingerprint, NULL);
	if(rc)
		return rc;
	rc = sign_unseal(&box, &t.key, passphrase, out, err);
	if(rc != PL_EINPUT)
		return rc;
	/* Refused: said in the chain, in a transaction of its own (the
	 * caller's, if any, would take it back with its failure). */
	pl_err e2 = {0};
	pl_rc arc = store_begin(st, &e2);
	arc = arc ? arc : store_end(st, audit_kdf(st, actor, "unlock.refused", t.fingerprint, NULL,
	                                          "wrong passphrase", &e2), &e2);
	if(arc && err)
		*err = e2; /* the chain's failure, as it was said (with its code) */
	return arc ? arc : rc;
}
