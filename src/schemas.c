/* Every module's schema, for the store's migration runner: the one place
 * above all modules that names them all (the store knows none of them;
 * store/store.h, "Schemas").
 *
 * In dependency order: a module comes after every module whose tables its
 * DDL names (foreign keys, fts5 content tables). accord comes before
 * remains although its code is above: remains_batch.stage_id references
 * accord's stage. A module added later goes after those it references; a
 * file that lacks it gets its tables on the next open. */
#include "accord/schema.h"
#include "audit/schema.h"
#include "auth/schema.h"
#include "dna/schema.h"
#include "family/schema.h"
#include "match/schema.h"
#include "registry/schema.h"
#include "remains/schema.h"
#include "sign/schema.h"

#include <stddef.h>

const store_schema *const store_schemas[] = {
	&audit_schema,
	&registry_schema,
	&auth_schema,
	&match_schema,
	&sign_schema,
	&accord_schema,
	&remains_schema,
	&dna_schema,
	&family_schema,
	NULL,
};
