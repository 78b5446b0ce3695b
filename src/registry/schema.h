/* The migrations of src/registry/'s tables (persons, events, the name
 * index, the import log), in schema.c: applied by the store's runner
 * (store/store.h), listed once in src/schemas.c. */
#ifndef PARLEY_REGISTRY_SCHEMA_H
#define PARLEY_REGISTRY_SCHEMA_H

#include "store/store.h"

extern const store_schema registry_schema;

#endif
