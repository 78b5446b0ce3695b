/* The signing module's table: the public keys this office trusts. */
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

static const store_step steps[] = {
	{.legacy = 5, .sql = step_1},
};

const store_schema sign_schema = {"sign", STORE_STEPS(steps)};
