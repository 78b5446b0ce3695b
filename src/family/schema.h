/* The migrations of src/family/'s tables (inquiries and their consent), in
 * schema.c: applied by the store's runner (store/store.h), listed once in
 * src/schemas.c. */
#ifndef PARLEY_FAMILY_SCHEMA_H
#define PARLEY_FAMILY_SCHEMA_H

#include "store/store.h"

extern const store_schema family_schema;

#endif
