/* The store's own table: key/value settings (store_meta_get, _set). */
#include "store/schema.h"

#include <stddef.h>

/* Step 1 (legacy schema version 1). */
static const char *const step_1[] = {
	"CREATE TABLE meta (\n"
	"  key TEXT PRIMARY KEY,\n"
	"  value TEXT NOT NULL\n"
	") STRICT;\n",
	NULL,
};

static const store_step steps[] = {
	{.legacy = 1, .sql = step_1},
};

const store_schema store_own_schema = {"store", STORE_STEPS(steps)};
