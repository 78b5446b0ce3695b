/* The migrations of src/auth/'s tables (users, sessions, API tokens), in
 * schema.c: applied by the store's runner (store/store.h), listed once in
 * src/schemas.c. */
#ifndef PARLEY_AUTH_SCHEMA_H
#define PARLEY_AUTH_SCHEMA_H

#include "store/store.h"

extern const store_schema auth_schema;

#endif
