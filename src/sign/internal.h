/* Shared by the files of the sign module; not part of its contract. */
#ifndef PARLEY_SIGN_INTERNAL_H
#define PARLEY_SIGN_INTERNAL_H

#include <jansson.h>
#include <sodium.h>

#include "core/buf.h"
#include "core/err.h"
#include "sign/sign.h"

/* A public key in standard base64 and its NUL, as key files and
 * signatures write it. */
enum { SIGN_PK_B64 = sodium_base64_ENCODED_LEN(SIGN_PK_SIZE, sodium_base64_VARIANT_ORIGINAL) };

/* ---- document.c: the signed document's format ----------------------------- */

/* A string member's text; NULL if it is not a string, or holds a NUL
 * (it would be read as shorter than it is: "UA\u0000X" as "UA"). */
const char *sign_text_of(const json_t *v);

/* Room for making digests trees, reused from one to the next. */
typedef struct sign_digests {
	buf path;    /* of the value at hand */
	buf text;    /* a leaf's canonical text */
} sign_digests;

/* The digests tree of v at the place c->path names (left as it was);
 * NULL when memory runs out, or when a leaf has no canonical form (never
 * in a document whose hash was made: sign_document_hashes). */
json_t *sign_digest_tree(sign_digests *c, const json_t *v);
/* The document's SHA-256 (its canonical form, which also checks that it
 * has one, naming the place that has not) and its digests tree. */
pl_rc sign_document_hashes(const json_t *doc, char sha[SIGN_SHA256_HEX], json_t **digests,
                           pl_err *err) PL_NODISCARD;
/* The document and the signatures (NULL if absent) of an envelope. */
pl_rc sign_envelope_parts(const json_t *env, json_t **doc, json_t **sigs, pl_err *err) PL_NODISCARD;
/* What the Ed25519 signature is over, into m. */
pl_rc sign_message_text(buf *m, const char *doc_sha, const char *digests_sha, const char *signer,
                        const char *role, const char *signed_at) PL_NODISCARD;

/* ---- key.c: key files, shared with the recipient keys (crypt.c) --------- */

/* The key file at path as a JSON object: a secret key file ("...secret-key/")
 * that others may read is refused. Free with sign_key_file_free, which
 * wipes the secret's text. */
pl_rc sign_key_file_read(const char *path, json_t **out, pl_err *err) PL_NODISCARD;
void sign_key_file_free(json_t *o);
/* A string member of a key file; NULL after an error naming it. */
const char *sign_key_field(const json_t *o, const char *path, const char *name, pl_err *err);
/* Refuse a member not in allowed (NULL-terminated), naming it. */
pl_rc sign_key_only_fields(const json_t *o, const char *path, const char *const *allowed, pl_err *err);

/* ---- vault.c: the passphrase and its key, shared with crypt.c ------------- */

/* A passphrase of SIGN_PASSPHRASE_MIN..MAX bytes, else sign.passphrase_len. */
pl_rc sign_passphrase_ok(const char *p, pl_err *err) PL_NODISCARD;
/* Argon2id of passphrase and salt at kdf's limits (checked) into key[0..n). */
pl_rc sign_kdf_derive(unsigned char *key, size_t n, const char *passphrase, const sign_kdf *kdf,
                      const unsigned char salt[SIGN_SALT_SIZE], pl_err *err) PL_NODISCARD;

#endif
