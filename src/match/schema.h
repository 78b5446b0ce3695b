/* The migrations of src/match/'s tables (reconciliation decisions, linkage
 * keys), in schema.c: applied by the store's runner (store/store.h),
 * listed once in src/schemas.c. */
#ifndef PARLEY_MATCH_SCHEMA_H
#define PARLEY_MATCH_SCHEMA_H

#include "store/store.h"

extern const store_schema match_schema;

#endif
