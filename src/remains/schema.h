/* The migrations of src/remains/'s tables (remains batches, cases,
 * custody, fragments), in schema.c: applied by the store's runner
 * (store/store.h), listed once in src/schemas.c. */
#ifndef PARLEY_REMAINS_SCHEMA_H
#define PARLEY_REMAINS_SCHEMA_H

#include "store/store.h"

extern const store_schema remains_schema;

#endif
