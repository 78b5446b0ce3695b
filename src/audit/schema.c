/* The audit module's tables: the hash-chained change log and the access
 * log, both append-only. */
#include "audit/schema.h"

#include <stddef.h>

/* Step 1 (legacy schema version 1). */
static const char *const step_1[] = {
	"CREATE TABLE audit (\n"
	"  seq INTEGER PRIMARY KEY,\n"
	"  ts TEXT NOT NULL,\n"
	"  actor TEXT NOT NULL,\n"
	"  action TEXT NOT NULL,\n"
	"  entity TEXT NOT NULL,\n"
	"  entity_uid TEXT,\n"
	"  before TEXT,\n"
	"  after TEXT,\n"
	"  prev_hash BLOB NOT NULL,\n"
	"  hash BLOB NOT NULL\n"
	") STRICT;\n",
	"CREATE INDEX audit_entity ON audit(entity_uid) WHERE entity_uid IS NOT NULL;\n",
	/* The chain is append-only for parley itself; anyone editing the file
	 * by hand must drop these first, and `parley audit verify` sees it. */
	"CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit BEGIN\n"
	"  SELECT RAISE(ABORT, 'the audit log is append-only');\n"
	"END;\n",
	"CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit BEGIN\n"
	"  SELECT RAISE(ABORT, 'the audit log is append-only');\n"
	"END;\n",
	"CREATE TABLE access_log (\n"
	"  id INTEGER PRIMARY KEY,\n"
	"  ts TEXT NOT NULL,\n"
	"  actor TEXT NOT NULL,\n"
	"  person_uid TEXT NOT NULL,\n"
	"  action TEXT NOT NULL\n"
	") STRICT;\n",
	"CREATE INDEX access_person ON access_log(person_uid);\n",
	"CREATE TRIGGER access_no_update BEFORE UPDATE ON access_log BEGIN\n"
	"  SELECT RAISE(ABORT, 'the access log is append-only');\n"
	"END;\n",
	"CREATE TRIGGER access_no_delete BEFORE DELETE ON access_log BEGIN\n"
	"  SELECT RAISE(ABORT, 'the access log is append-only');\n"
	"END;\n",
	NULL,
};

/* Step 2 (legacy 2): what was searched for, in the access log. */
static const char *const step_2[] = {
	"ALTER TABLE access_log ADD COLUMN detail TEXT;\n",
	NULL,
};

static const store_step steps[] = {
	{.legacy = 1, .sql = step_1},
	{.legacy = 2, .sql = step_2},
};

const store_schema audit_schema = {"audit", STORE_STEPS(steps)};
