/* The auth module's tables: accounts, sessions, API tokens and second factors. */
#include "auth/schema.h"

#include <stddef.h>

/* Step 1 (legacy schema version 2). Roles are a comma-separated list
 * (checked in C: the set of roles grows with later issues). */
static const char *const step_1[] = {
	"CREATE TABLE user (\n"
	"  id INTEGER PRIMARY KEY,\n"
	"  name TEXT NOT NULL UNIQUE,\n"
	"  display_name TEXT,\n"
	"  roles TEXT NOT NULL,\n"
	"  password_hash TEXT NOT NULL,\n"
	"  disabled INTEGER NOT NULL DEFAULT 0 CHECK (disabled = 0 OR disabled = 1),\n"
	"  created_at TEXT NOT NULL,\n"
	"  updated_at TEXT NOT NULL\n"
	") STRICT;\n",
	/* Tokens are kept only as their BLAKE2b hash: a stolen database file
	 * opens no session. */
	"CREATE TABLE session (\n"
	"  token_hash BLOB PRIMARY KEY,\n"
	"  user_id INTEGER NOT NULL REFERENCES user(id) ON DELETE CASCADE,\n"
	"  csrf TEXT NOT NULL,\n"
	"  address TEXT,\n"
	"  created INTEGER NOT NULL,\n"
	"  last_seen INTEGER NOT NULL\n"
	") STRICT, WITHOUT ROWID;\n",
	"CREATE INDEX session_user ON session(user_id);\n",
	"CREATE TABLE api_token (\n"
	"  id INTEGER PRIMARY KEY,\n"
	"  token_hash BLOB NOT NULL UNIQUE,\n"
	"  user_id INTEGER NOT NULL REFERENCES user(id) ON DELETE CASCADE,\n"
	"  name TEXT NOT NULL,\n"
	"  created_at TEXT NOT NULL,\n"
	"  revoked_at TEXT,\n"
	"  last_used TEXT\n"
	") STRICT;\n",
	NULL,
};

/* Step 2 (issue 13): tokens expire and may be limited to reading. A token
 * made before expires 90 days after it was made; one without an expiry
 * counts as expired. */
static const char *const step_2[] = {
	"ALTER TABLE api_token ADD COLUMN expires_at TEXT;\n",
	"ALTER TABLE api_token ADD COLUMN read_only INTEGER NOT NULL DEFAULT 0"
	" CHECK (read_only = 0 OR read_only = 1);\n",
	"UPDATE api_token SET expires_at ="
	" strftime('%Y-%m-%dT%H:%M:%fZ', created_at, '+90 days');\n",
	NULL,
};

/* Step 3 (issue 13): a second factor. A user's TOTP secret (RFC 6238) is
 * kept in clear: the server must compute the codes, so a hash would not do
 * (docs/security.md says why that is accepted). It is pending until
 * confirmed with a code, and in force from then. last_step is the time
 * step of the last code accepted: no code of it or before is taken again.
 * Recovery codes are kept only as their BLAKE2b hash, like tokens. A
 * sign-in between its password and its second factor holds a pending
 * token (hashed), good for five minutes and one session. auth_setting
 * holds the roles that must use a second factor (none in a new database). */
static const char *const step_3[] = {
	"CREATE TABLE user_totp (\n"
	"  user_id INTEGER PRIMARY KEY REFERENCES user(id) ON DELETE CASCADE,\n"
	"  secret BLOB NOT NULL CHECK (length(secret) = 20),\n"
	"  created_at TEXT NOT NULL,\n"
	"  confirmed_at TEXT,\n"
	"  last_step INTEGER NOT NULL DEFAULT 0\n"
	") STRICT;\n",
	"CREATE TABLE recovery_code (\n"
	"  id INTEGER PRIMARY KEY,\n"
	"  user_id INTEGER NOT NULL REFERENCES user(id) ON DELETE CASCADE,\n"
	"  code_hash BLOB NOT NULL,\n"
	"  created_at TEXT NOT NULL,\n"
	"  used_at TEXT\n"
	") STRICT;\n",
	"CREATE INDEX recovery_code_user ON recovery_code(user_id);\n",
	"CREATE TABLE login_pending (\n"
	"  token_hash BLOB PRIMARY KEY,\n"
	"  user_id INTEGER NOT NULL REFERENCES user(id) ON DELETE CASCADE,\n"
	"  created INTEGER NOT NULL\n"
	") STRICT, WITHOUT ROWID;\n",
	"CREATE TABLE auth_setting (\n"
	"  key TEXT PRIMARY KEY,\n"
	"  value TEXT NOT NULL\n"
	") STRICT;\n",
	NULL,
};

static const store_step steps[] = {
	{.legacy = 2, .sql = step_1},
	{.legacy = 0, .sql = step_2},
	{.legacy = 0, .sql = step_3},
};

const store_schema auth_schema = {"auth", STORE_STEPS(steps)};
