/* Ed25519 signing keys and signed documents (docs/signatures.md).
 *
 * A signer is a party (a code of 2 or 3 capital letters: UA, RU) or a
 * mediator (2 to 8 capital letters or digits: ICRC, TR). Each holds a
 * secret key file and gives others its public key file; an office trusts
 * the public keys it imported (the signing_key table), or those given on
 * the command line when checking a document offline.
 *
 * A signed document is an envelope:
 *
 *   {"document": {...}, "digests": {...}, "signatures": [...]}
 *
 * `digests` has the document's shape with every scalar replaced by the
 * first 8 hex digits of BLAKE2b-256(path "\0" canonical-text): enough to
 * name the fields that changed after a signature was made. A signature
 *
 *   {"signer": "UA", "role": "party", "public_key": B64, "signed_at": TS,
 *    "document_sha256": HEX, "digests_sha256": HEX, "signature": B64}
 *
 * is Ed25519 over "parley signed document v1\n" document_sha256 "\n"
 * digests_sha256 "\n" signer "\n" role "\n" signed_at, the hashes being
 * SHA-256 of the RFC 8785 canonical JSON of the document and of the
 * digests (sign/jcs.h).
 *
 * Secret key bytes live in a sign_key only while needed: sign_key_wipe()
 * clears them. They are never logged, printed or put in an error. */
#ifndef PARLEY_SIGN_SIGN_H
#define PARLEY_SIGN_SIGN_H

#include <jansson.h>
#include <stdbool.h>
#include <stdint.h>

#include "core/arena.h"
#include "core/buf.h"
#include "core/date.h"
#include "core/err.h"
#include "core/jdiff.h"
#include "store/store.h"

enum {
	SIGN_PK_SIZE = 32,
	SIGN_SK_SIZE = 64,
	SIGN_SIGNER_MAX = 8,
	SIGN_FINGERPRINT_MAX = 20,  /* "3f9a 1c2b 77e0 4d15" and its NUL */
	SIGN_SHA256_HEX = 65        /* a SHA-256 in lower-case hex and its NUL */
};

typedef enum sign_role { SIGN_PARTY, SIGN_MEDIATOR } sign_role;

typedef struct sign_key {
	char signer[SIGN_SIGNER_MAX + 1];
	sign_role role;
	unsigned char pk[SIGN_PK_SIZE];
	unsigned char sk[SIGN_SK_SIZE];  /* zero unless has_secret */
	bool has_secret;
	bool revoked;                    /* from the database: no longer trusted */
} sign_key;

/* "party" or "mediator". */
const char *sign_role_name(sign_role r);
bool sign_role_parse(const char *s, sign_role *out);
/* NULL if signer is a valid code for the role, else the catalogue's code
 * of why not (why.party_code, why.mediator_code: core/msg.h). */
const char *sign_signer_invalid(const char *signer, sign_role role);

/* Exactly `want` bytes from standard base64 (with padding, as key files
 * and signatures write it); false for anything else. */
bool sign_b64_decode(const char *s, unsigned char *out, size_t want);

/* A new key pair for signer. */
pl_rc sign_key_generate(const char *signer, sign_role role, sign_key *out, pl_err *err) PL_NODISCARD;
/* Clear the secret (and everything else). */
void sign_key_wipe(sign_key *k);

/* The first 16 hex digits of SHA-256(public key), in groups of four:
 * "3f9a 1c2b 77e0 4d15". Read aloud over a telephone to check a key. */
void sign_fingerprint(const unsigned char pk[SIGN_PK_SIZE], char out[SIGN_FINGERPRINT_MAX]);
/* "3f9a1c2b77e04d15", any case, spaces anywhere -> the grouped form. */
bool sign_fingerprint_parse(const char *text, char out[SIGN_FINGERPRINT_MAX]);

/* Key files:
 *   {"parley": "secret-key/1", "signer": "UA", "role": "party",
 *    "public_key": B64, "secret_key": B64}
 *   {"parley": "public-key/1", "signer": "UA", "role": "party",
 *    "public_key": B64, "fingerprint": "3f9a 1c2b 77e0 4d15"}
 * Written whole or not at all (core/file.h), readable by the owner only.
 * A secret key file never replaces an existing file (PL_ECONFLICT): a
 * lost secret key cannot be made again. A public one does. */
pl_rc sign_key_save(const sign_key *k, const char *path, bool with_secret, pl_err *err) PL_NODISCARD;
/* The public key file's text, for standard output. */
pl_rc sign_key_public_text(const sign_key *k, buf *out, pl_err *err) PL_NODISCARD;
/* Either kind of file; has_secret says which it was. A secret key file
 * that others may read is refused, as ssh does. Errors name the file and
 * the field. */
pl_rc sign_key_load(const char *path, sign_key *out, pl_err *err) PL_NODISCARD;

/* ---- trusted keys (the signing_key table) ---------------------------- */

typedef struct sign_trusted {
	int64_t id;
	sign_key key;                          /* public part only */
	char fingerprint[SIGN_FINGERPRINT_MAX];
	char added_at[TIMESTAMP_STR_MAX];
	char revoked_at[TIMESTAMP_STR_MAX];    /* "" while trusted */
	bool held;                             /* its secret is sealed here (vault.c) */
} sign_trusted;

/* Trust a public key, audited in the same transaction. *added (may be
 * NULL) says whether it was new: trusting a key again changes nothing.
 * A signer may have several live keys (a new one before the old is
 * revoked). Refused: a key once revoked, or one trusted under another
 * signer or role. */
pl_rc sign_key_trust(store *st, const sign_key *k, const char *actor, bool *added,
                     pl_err *err) PL_NODISCARD;
/* Trust the public key in a key file (sign_key_load): a secret key file
 * is refused (what travels is the public part). `name` is the file's
 * name in messages (an upload's, not its temporary path); out (may be
 * NULL) gets the key. */
pl_rc sign_key_import(store *st, const char *path, const char *name, const char *actor,
                      sign_key *out, bool *added, pl_err *err) PL_NODISCARD;
/* The key with this fingerprint (any form sign_fingerprint_parse reads);
 * a live one before a revoked one. PL_ENOTFOUND if none, PL_EINPUT if it
 * is not a fingerprint. */
pl_rc sign_key_find(store *st, const char *fingerprint, sign_trusted *out, pl_err *err) PL_NODISCARD;
/* Stop trusting the key with this fingerprint (any form that
 * sign_fingerprint_parse reads); out (may be NULL) gets it. reason (may
 * be NULL) goes into the audit entry. A sealed secret of the key held
 * here is erased in the same transaction: a revoked key never signs. */
pl_rc sign_key_revoke(store *st, const char *fingerprint, const char *reason, const char *actor,
                      sign_trusted *out, pl_err *err) PL_NODISCARD;
typedef pl_rc (*sign_trusted_fn)(void *ctx, const sign_trusted *t);
/* Every key in the table, oldest first; revoked ones only if asked. */
pl_rc sign_keys_each(store *st, bool with_revoked, sign_trusted_fn fn, void *ctx, pl_err *err);
/* The live keys as an array in a (what signed_doc_verify takes); with
 * with_revoked, the revoked ones too, marked, so that verify can say a
 * signature's key was revoked rather than never imported. */
pl_rc sign_keys_trusted(store *st, arena *a, bool with_revoked, sign_key **out, size_t *n,
                        pl_err *err) PL_NODISCARD;

/* ---- the office's own keys, sealed (vault.c, the signing_secret table) -- *
 *
 * For signing in the browser the server keeps the office's secret key,
 * sealed: a key is derived from a passphrase with Argon2id (libsodium's
 * crypto_pwhash) and seals the 32-byte seed with XChaCha20-Poly1305, the
 * signer, role and public key as associated data. The passphrase is
 * typed for each signature; the opened key lives only until that
 * signature is made (sign_key_wipe). Passphrases are never logged, stored
 * or put in an error. */

enum {
	SIGN_PASSPHRASE_MIN = 12,    /* bytes */
	SIGN_PASSPHRASE_MAX = 1024,
	SIGN_SALT_SIZE = 16,
	SIGN_NONCE_SIZE = 24,
	SIGN_SEALED_SIZE = 32 + 16   /* the seed and the tag */
};

typedef struct sign_kdf {
	unsigned long long opslimit;
	size_t memlimit;
} sign_kdf;

/* Argon2id at libsodium's moderate limits (3 passes over 256 MiB, about
 * a second): what sign_office_generate uses when given NULL. */
extern const sign_kdf sign_kdf_default;

typedef struct sign_sealed {
	sign_kdf kdf;
	unsigned char salt[SIGN_SALT_SIZE];
	unsigned char nonce[SIGN_NONCE_SIZE];
	unsigned char box[SIGN_SEALED_SIZE];
} sign_sealed;

/* Seal k's secret under passphrase (SIGN_PASSPHRASE_MIN..MAX bytes). */
pl_rc sign_seal(const sign_key *k, const char *passphrase, const sign_kdf *kdf, sign_sealed *out,
                pl_err *err) PL_NODISCARD;
/* Open a sealed key whose public part is pub: out gets the whole key.
 * PL_EINPUT, saying "wrong passphrase", when the passphrase is not the
 * one it was sealed with, or the box or its associated data were altered
 * (the two cannot be told apart, by design). */
pl_rc sign_unseal(const sign_sealed *s, const sign_key *pub, const char *passphrase, sign_key *out,
                  pl_err *err) PL_NODISCARD;

/* A new key for the office: generated, its public part trusted, its
 * secret sealed under passphrase and kept (kdf NULL: sign_kdf_default),
 * audited, in one transaction. out (may be NULL) gets the trusted key. */
pl_rc sign_office_generate(store *st, const char *signer, sign_role role, const char *passphrase,
                           const sign_kdf *kdf, const char *actor, sign_trusted *out,
                           pl_err *err) PL_NODISCARD;
/* The key the office would sign with: the one with this fingerprint (if
 * live and held here), or (NULL) the newest live key held here of one of
 * roles (a mask of 1 << sign_role; 0 for any): a mediator's officer is not
 * handed the party's key because it is newer. PL_ECONFLICT, saying why, if
 * there is none. */
pl_rc sign_office_key(store *st, const char *fingerprint, unsigned roles, sign_trusted *out,
                      pl_err *err) PL_NODISCARD;
/* Open the office's key for one signature: the key with this fingerprint,
 * or (NULL) the newest live key held here. A wrong passphrase is PL_EINPUT
 * and is recorded in the audit chain (in a transaction of its own: call
 * this outside one). Wipe out with sign_key_wipe once the signature is
 * made. */
pl_rc sign_office_unlock(store *st, const char *fingerprint, const char *passphrase,
                         const char *actor, sign_key *out, pl_err *err) PL_NODISCARD;

/* ---- signed documents ------------------------------------------------- */

/* The digests tree of a document (a JSON object). */
pl_rc signed_doc_digests(const json_t *document, json_t **out, pl_err *err) PL_NODISCARD;

/* A new envelope around a document (taking its reference): digests
 * computed, no signatures. */
pl_rc signed_doc_wrap(json_t *document, json_t **out, pl_err *err) PL_NODISCARD;
/* Whether v has the shape of an envelope: an object with "document" and
 * no members but document, digests and signatures. */
bool signed_doc_is_envelope(const json_t *v);

/* What signed_doc_sign did, for the signer to read. */
typedef struct signed_doc_signing {
	char document_sha256[SIGN_SHA256_HEX];
	bool replaced;          /* the signer's earlier signature was replaced */
	bool digests_renewed;   /* the digests were missing or not the document's */
	int dropped;            /* signatures over another version, removed */
	char dropped_text[512]; /* who they were: "RU (party), TR (mediator)" */
} signed_doc_signing;

/* Sign what the document says now: the digests are always computed again
 * from the document (a signer signs what they see, never digests someone
 * else supplied); signatures over any other version of the document are
 * removed (and counted in info: tell the signer), and so are entries of
 * `signatures` that are not signatures at all; an earlier signature by
 * the same signer is replaced in place. k must have its secret. */
pl_rc signed_doc_sign(json_t *envelope, const sign_key *k, signed_doc_signing *info,
                      pl_err *err) PL_NODISCARD;

/* One place altered after a signature: "entries[3] removed" (core/jdiff.h).
 * Removed elements are numbered as they were when signed, the others as now. */
typedef struct signed_doc_change {
	const char *path;
	jdiff_kind kind;
} signed_doc_change;

enum { SIGN_CHANGES_MAX = 1000 };  /* kept per signature; nchanges counts all */

/* What verify found about one signature. */
typedef struct signed_doc_sig {
	size_t index;                 /* in signatures[] */
	const char *signer, *role;    /* as the signature claims ("?" if unreadable) */
	const char *problem;          /* not a well-formed signature: why; else NULL */
	const char *signed_at;
	char fingerprint[SIGN_FINGERPRINT_MAX];
	bool valid;                   /* Ed25519 holds over its own claimed fields */
	bool trusted;                 /* its key is trusted for that signer and role */
	const char *untrusted_why;    /* when not trusted */
	bool covers;                  /* valid, and over the present document */
	/* valid but not covering: the stored digests are the ones it signed,
	 * so the changes below can be named. */
	bool digests_signed;
	signed_doc_change *changes;
	size_t nchanges;              /* all of them; at most SIGN_CHANGES_MAX kept */
} signed_doc_sig;

typedef struct signed_doc_report {
	arena a;                      /* owns everything below */
	char document_sha256[SIGN_SHA256_HEX];
	bool digests_current;         /* the stored digests are the document's */
	signed_doc_sig *sigs;
	size_t nsigs;
} signed_doc_report;

/* Check every signature against the present document and the trusted
 * keys (revoked ones only explain why a key is not trusted). PL_EINPUT
 * only when the envelope itself is unreadable; bad signatures are in the
 * report. Free the report with signed_doc_report_free, also on failure. */
pl_rc signed_doc_verify(const json_t *envelope, const sign_key *trusted, size_t ntrusted,
                        signed_doc_report *rep, pl_err *err) PL_NODISCARD;
void signed_doc_report_free(signed_doc_report *rep);

/* Valid, trusted and over the present document. */
bool signed_doc_sig_ok(const signed_doc_sig *s);
/* The verdict on one signature in a sentence:
 *   signature of RU (party, key 3f9a 1c2b 77e0 4d15): valid, but the
 *   document was changed after signing: entries[12].person.birth_date changed */
pl_rc signed_doc_sig_text(const signed_doc_sig *s, buf *out) PL_NODISCARD;
/* The report for programs (verify --json). */
json_t *signed_doc_report_json(const signed_doc_report *rep);

/* A signer that must have signed; any_role when only the code is known.
 * invalid: the document names something that is not a signer code (kept,
 * so that it is reported, never quietly left out). */
typedef struct sign_required {
	char signer[SIGN_SIGNER_MAX + 1];
	sign_role role;
	bool any_role;
	bool invalid;
} sign_required;

enum { SIGN_REQUIRED_MAX = 16 };

/* "UA,RU,TR" -> the list (any role). */
pl_rc sign_required_parse(const char *list, sign_required *out, size_t max, size_t *n,
                          pl_err *err) PL_NODISCARD;
/* The signers a document names: each of its "parties" (as party) and its
 * "mediator" (as mediator). 0 if it names none. */
size_t signed_doc_required_from(const json_t *document, sign_required *out, size_t max);
/* Whether every required signer has a signature that is ok; if not, a
 * line for each one missing is added to problems (may be NULL). */
bool signed_doc_complete(const signed_doc_report *rep, const sign_required *req, size_t n,
                         buf *problems);

#endif
