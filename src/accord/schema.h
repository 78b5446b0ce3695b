/* The migrations of src/accord/'s tables (agreements, stages, manifests,
 * signatures kept), in schema.c: applied by the store's runner
 * (store/store.h), listed once in src/schemas.c. */
#ifndef PARLEY_ACCORD_SCHEMA_H
#define PARLEY_ACCORD_SCHEMA_H

#include "store/store.h"

extern const store_schema accord_schema;

#endif
