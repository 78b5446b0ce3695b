/* Encrypted files: exports and backups (docs/security.md). The one place
 * parley encrypts data that leaves the database; `parley export`, the
 * UI's export and `parley backup` all write through it, and `parley
 * decrypt` and `parley restore` read through it.
 *
 * A file is encrypted either to a passphrase (Argon2id, the same key
 * derivation as the office's sealed signing keys: sign_kdf, vault.c) or to
 * a recipient's X25519 public key (a random file key in a libsodium
 * sealed box). Either way the content is libsodium's secretstream
 * (XChaCha20-Poly1305) in chunks of CRYPT_CHUNK bytes, the last one
 * marked final: a file cut short, a chunk altered, reordered or dropped
 * is refused. Nothing is held whole in memory.
 *
 * The header (all integers big-endian):
 *
 *   "PARLEYX1"                 8 bytes, the magic
 *   mode                       1 byte: 1 passphrase, 2 recipient
 *   content length L           1 byte, 1..CRYPT_CONTENT_MAX
 *   content                    L bytes of a-z: "export", "backup"
 *   mode 1: opslimit, memlimit 8 + 8 bytes (Argon2id's limits)
 *           salt               16 bytes
 *   mode 2: recipient id       8 bytes: the first 8 of SHA-256(public key)
 *           sealed file key    80 bytes: crypto_box_seal of 32 bytes
 *   stream header              24 bytes (secretstream)
 *
 * The whole header is the associated data of the first chunk: changing a
 * byte of it makes the file unreadable.
 *
 * Recipient key files, parley's JSON like the signing key files:
 *   {"parley": "box-secret-key/1", "name": "UA archive",
 *    "public_key": B64, "secret_key": B64}
 *   {"parley": "box-public-key/1", "name": "UA archive",
 *    "public_key": B64, "fingerprint": "3f9a 1c2b 77e0 4d15"}
 * The secret one is written readable by its owner only, and refused when
 * others may read it. */
#ifndef PARLEY_SIGN_CRYPT_H
#define PARLEY_SIGN_CRYPT_H

#include <stdbool.h>
#include <stdio.h>

#include "core/err.h"
#include "sign/sign.h"

enum {
	CRYPT_KEY_SIZE = 32,
	CRYPT_NAME_MAX = 64,
	CRYPT_CONTENT_MAX = 15,
	CRYPT_CHUNK = 65536,
	CRYPT_ID_SIZE = 8,
	CRYPT_SEALED_KEY = 80,  /* crypto_box_SEALBYTES + CRYPT_KEY_SIZE */
	CRYPT_STREAM_HEADER = 24,
	CRYPT_HEADER_MAX = 8 + 1 + 1 + CRYPT_CONTENT_MAX + CRYPT_ID_SIZE + CRYPT_SEALED_KEY +
	                   CRYPT_STREAM_HEADER
};

typedef enum crypt_mode { CRYPT_PASSPHRASE = 1, CRYPT_RECIPIENT = 2 } crypt_mode;

/* ---- recipient keys ----------------------------------------------------- */

typedef struct crypt_key {
	char name[CRYPT_NAME_MAX + 1];
	unsigned char pk[CRYPT_KEY_SIZE];
	unsigned char sk[CRYPT_KEY_SIZE];  /* zero unless has_secret */
	bool has_secret;
} crypt_key;

/* A new X25519 key pair named name (1..64 of letters, digits, space . _ -). */
pl_rc crypt_key_generate(const char *name, crypt_key *out, pl_err *err) PL_NODISCARD;
/* Write the key file: the secret one never replaces a file. */
pl_rc crypt_key_save(const crypt_key *k, const char *path, bool with_secret, pl_err *err) PL_NODISCARD;
/* Either kind of key file; has_secret says which. */
pl_rc crypt_key_load(const char *path, crypt_key *out, pl_err *err) PL_NODISCARD;
void crypt_key_wipe(crypt_key *k);
/* A public key file's text, as uploaded (name: in messages); a secret key
 * file's text is refused (crypt.secret_given): it never leaves its holder. */
pl_rc crypt_key_parse_public(const char *text, size_t len, const char *name, crypt_key *out,
                             pl_err *err) PL_NODISCARD;

/* ---- the header ---------------------------------------------------------- */

typedef struct crypt_header {
	crypt_mode mode;
	char content[CRYPT_CONTENT_MAX + 1];
	sign_kdf kdf;                                  /* CRYPT_PASSPHRASE */
	unsigned char salt[SIGN_SALT_SIZE];            /* CRYPT_PASSPHRASE */
	unsigned char recipient[CRYPT_ID_SIZE];        /* CRYPT_RECIPIENT */
	unsigned char sealed[CRYPT_SEALED_KEY];        /* CRYPT_RECIPIENT */
	unsigned char stream[CRYPT_STREAM_HEADER];
	size_t len;                                    /* its bytes in the file */
} crypt_header;

/* Read a header from the first n bytes of a file named `name` (in
 * messages). PL_EINPUT, coded, for anything else: not an encrypted file
 * (crypt.not_encrypted), an unknown mode (crypt.unknown_mode), a bad
 * content word, Argon2id limits outside what parley writes (crypt.kdf_range:
 * a file cannot make the reader spend gigabytes), or too few bytes
 * (crypt.truncated; *need then says how many the header needs, where it
 * is known). Outside input: fuzzed (fuzz/fuzz_crypt_header.c). */
pl_rc crypt_header_parse(const unsigned char *p, size_t n, const char *name, crypt_header *out,
                         size_t *need, pl_err *err) PL_NODISCARD;

/* ---- writing ------------------------------------------------------------ */

/* Whom a file is for: a passphrase, or a recipient's public key. */
typedef struct crypt_to {
	const char *passphrase;      /* SIGN_PASSPHRASE_MIN..MAX bytes; or */
	const crypt_key *recipient;
	const sign_kdf *kdf;         /* NULL: sign_kdf_default */
	const char *content;         /* "export", "backup" */
} crypt_to;

typedef struct crypt_writer crypt_writer;

/* A FILE* (crypt_writer_file) whose bytes go encrypted into dest, chunk
 * by chunk. The header is written at once. */
pl_rc crypt_writer_open(crypt_writer **out, FILE *dest, const crypt_to *to, pl_err *err) PL_NODISCARD;
FILE *crypt_writer_file(crypt_writer *w);
/* Write the last chunk, marked final, flush dest and free w (also on
 * failure). Until then the file is incomplete, and is refused as such. */
pl_rc crypt_writer_finish(crypt_writer *w, pl_err *err) PL_NODISCARD;
/* Give up: free w; what was written stays incomplete. */
void crypt_writer_abort(crypt_writer *w);

/* ---- reading ------------------------------------------------------------ */

/* What opens a file: a passphrase, or the secret key file's key. Either
 * may be NULL; the one the file needs is said if it is missing. */
typedef struct crypt_from {
	const char *passphrase;
	const crypt_key *key;
} crypt_from;

/* Decrypt src (named `name` in messages) into dest, chunk by chunk.
 * content (may be NULL) gets the header's content word; want (may be
 * NULL) refuses a file of another content. Refusals, each coded and
 * PL_EINPUT: the wrong passphrase (crypt.wrong_passphrase), the wrong key
 * (crypt.wrong_key), a file cut short or whose last chunk was altered or
 * lengthened (crypt.truncated: the last chunk is short, and these cannot
 * be told apart), any other chunk altered, reordered or dropped
 * (crypt.tampered). What was
 * written to dest before a refusal must be thrown away by the caller. */
pl_rc crypt_decrypt(FILE *src, const char *name, const crypt_from *from, const char *want,
                    FILE *dest, char content[CRYPT_CONTENT_MAX + 1], pl_err *err) PL_NODISCARD;
/* The header of the file at path, without opening it (for a message of
 * what it needs). */
pl_rc crypt_peek(const char *path, crypt_header *out, pl_err *err) PL_NODISCARD;

#endif
