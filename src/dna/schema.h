/* The migrations of src/dna/'s tables (frequencies, profiles, relatives,
 * screening runs, proposals), in schema.c: applied by the store's runner
 * (store/store.h), listed once in src/schemas.c. */
#ifndef PARLEY_DNA_SCHEMA_H
#define PARLEY_DNA_SCHEMA_H

#include "store/store.h"

extern const store_schema dna_schema;

#endif
