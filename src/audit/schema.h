/* The migrations of src/audit/'s tables (the audit chain and the access
 * log), in schema.c: applied by the store's runner (store/store.h), listed
 * once in src/schemas.c. */
#ifndef PARLEY_AUDIT_SCHEMA_H
#define PARLEY_AUDIT_SCHEMA_H

#include "store/store.h"

extern const store_schema audit_schema;

#endif
