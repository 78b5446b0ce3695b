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

/* Step 3: the access log's index by person out of the reads' path. Every
 * read appends entries for random persons; an index on person_uid took each
 * into a random page of a large tree, and every commit wrote a page per
 * entry. Now the log is appended in id order with no index by person on its
 * newest entries (its tail), and a batch at a time (audit_access_index) goes
 * into access_by_person sorted by (bucket, person, id), where the bucket is
 * id >> 14: a batch lands in the pages of one or two buckets (16,384 entries
 * each, a hundred pages) however large the log. access_indexed holds the
 * last id indexed, only ever raised. Both are derived from access_log alone
 * and, like it, append-only. */
static const char *const step_3[] = {
	"CREATE TABLE access_by_person (\n"
	"  bucket INTEGER NOT NULL,\n"
	"  person TEXT NOT NULL,\n"
	"  id INTEGER NOT NULL,\n"
	"  PRIMARY KEY (bucket, person, id)\n"
	") STRICT, WITHOUT ROWID;\n",
	"CREATE TABLE access_indexed (\n"
	"  upto INTEGER NOT NULL\n"
	") STRICT;\n",
	"INSERT INTO access_by_person(bucket, person, id)\n"
	"  SELECT id >> 14, person_uid, id FROM access_log ORDER BY 1, 2, 3;\n",
	"INSERT INTO access_indexed(upto) SELECT coalesce(max(id), 0) FROM access_log;\n",
	"DROP INDEX access_person;\n",
	"CREATE TRIGGER access_by_person_no_update BEFORE UPDATE ON access_by_person BEGIN\n"
	"  SELECT RAISE(ABORT, 'the access log is append-only');\n"
	"END;\n",
	"CREATE TRIGGER access_by_person_no_delete BEFORE DELETE ON access_by_person BEGIN\n"
	"  SELECT RAISE(ABORT, 'the access log is append-only');\n"
	"END;\n",
	"CREATE TRIGGER access_indexed_no_delete BEFORE DELETE ON access_indexed BEGIN\n"
	"  SELECT RAISE(ABORT, 'the access log is append-only');\n"
	"END;\n",
	"CREATE TRIGGER access_indexed_no_insert BEFORE INSERT ON access_indexed BEGIN\n"
	"  SELECT RAISE(ABORT, 'the access log is append-only');\n"
	"END;\n",
	"CREATE TRIGGER access_indexed_up BEFORE UPDATE ON access_indexed\n"
	"  WHEN NEW.upto < OLD.upto BEGIN\n"
	"  SELECT RAISE(ABORT, 'the access log is append-only');\n"
	"END;\n",
	NULL,
};

static const store_step steps[] = {
	{.legacy = 1, .sql = step_1},
	{.legacy = 2, .sql = step_2},
	{.sql = step_3},
};

const store_schema audit_schema = {"audit", STORE_STEPS(steps)};
