/* The store's own table and the migration runner (internal to the store). */
#ifndef PARLEY_STORE_SCHEMA_H
#define PARLEY_STORE_SCHEMA_H

#include "store/store.h"

/* Identifies a parley database: "PRLY" in PRAGMA application_id. */
#define SCHEMA_APPLICATION_ID 0x50524C59

/* The store's own table, meta: migrated before every module's. */
extern const store_schema store_own_schema;

/* Refuse a file that is not a parley database or is newer than this
 * binary, then bring the store's and every module's tables (store_schemas)
 * to their latest version. *found: the file's user_version before;
 * steps (size bytes): the modules whose steps were applied, "audit 2→3,
 * registry 8→9" ("" when none were). */
pl_rc schema_migrate(store *st, int *found, char *steps, size_t size, pl_err *err);

#endif
