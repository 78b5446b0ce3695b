/* The signing module's tables: the public keys this office trusts, and
 * the office's own secret keys, sealed with a passphrase. */
#include "sign/schema.h"

#include <stddef.h>

/* Step 1 (legacy schema version 5). */
static const char *const step_1[] = {
	/* Public keys this office trusts to sign manifests, by signer (a party
	 * code, or the mediator's). Secret keys are never in the database. */
	"CREATE TABLE signing_key (\n"
	"  id INTEGER PRIMARY KEY,\n"
	"  signer TEXT NOT NULL,\n"
	"  role TEXT NOT NULL CHECK (role = 'party' OR role = 'mediator'),\n"
	"  public_key TEXT NOT NULL UNIQUE,\n"
	"  added_at TEXT NOT NULL,\n"
	"  revoked_at TEXT\n"
	") STRICT;\n",
	NULL,
};

/* Step 2: the office's own keys, kept by the server for signing in the
 * browser. Only the 32-byte seed is kept, sealed with XChaCha20-Poly1305
 * under a key derived from a passphrase with Argon2id (the limits are
 * kept beside it, so that they can be raised for new keys); the signer,
 * role and public key are the sealing's associated data, so a box moved
 * to another key's row does not open. Deleted when the key is revoked. */
static const char *const step_2[] = {
	"CREATE TABLE signing_secret (\n"
	"  key_id INTEGER PRIMARY KEY REFERENCES signing_key(id),\n"
	"  kdf TEXT NOT NULL CHECK (kdf = 'argon2id13'),\n"
	"  opslimit INTEGER NOT NULL CHECK (opslimit > 0),\n"
	"  memlimit INTEGER NOT NULL CHECK (memlimit > 0),\n"
	"  salt BLOB NOT NULL CHECK (length(salt) = 16),\n"
	"  nonce BLOB NOT NULL CHECK (length(nonce) = 24),\n"
	"  sealed BLOB NOT NULL CHECK (length(sealed) = 48),\n"
	"  created_at TEXT NOT NULL\n"
	") STRICT;\n",
	NULL,
};

static const store_step steps[] = {
	{.legacy = 5, .sql = step_1},
	{.legacy = 0, .sql = step_2},
};

const store_schema sign_schema = {"sign", STORE_STEPS(steps)};
