/* The migrations of src/sign/'s tables (the trusted signing keys), in
 * schema.c: applied by the store's runner (store/store.h), listed once in
 * src/schemas.c. */
#ifndef PARLEY_SIGN_SCHEMA_H
#define PARLEY_SIGN_SCHEMA_H

#include "store/store.h"

extern const store_schema sign_schema;

#endif
