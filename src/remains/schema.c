/* The remains module's tables: batches, cases, custody and fragments. */
#include "remains/schema.h"

#include <stddef.h>

/* Step 1 (legacy schema version 5). */
static const char *const step_1[] = {
	/* Remains: batches handed over together, cases (one bag or set of
	 * remains), their chain of custody, and fragments (one case may hold
	 * parts of several people; one person may be in several cases). */
	"CREATE TABLE remains_batch (\n"
	"  id INTEGER PRIMARY KEY,\n"
	"  uid TEXT NOT NULL UNIQUE,\n"
	"  label TEXT NOT NULL UNIQUE,\n"
	"  from_party TEXT,\n"
	"  to_party TEXT,\n"
	"  stage_id INTEGER REFERENCES stage(id),\n"
	"  handover_date TEXT,\n"
	"  declared INTEGER CHECK (declared >= 0),\n"
	"  note TEXT,\n"
	"  created_at TEXT NOT NULL\n"
	") STRICT;\n",
	"CREATE TABLE remains_case (\n"
	"  id INTEGER PRIMARY KEY,\n"
	"  uid TEXT NOT NULL UNIQUE,\n"
	"  tag TEXT NOT NULL UNIQUE,\n"
	"  batch_id INTEGER REFERENCES remains_batch(id),\n"
	"  recovery_place TEXT,\n"
	"  recovery_date TEXT,\n"
	"  condition TEXT CHECK ("
	"    condition = 'complete' OR condition = 'incomplete' OR condition = 'fragmented' OR"
	"    condition = 'skeletal' OR condition = 'commingled'"
	"  ),\n"
	"  status TEXT NOT NULL DEFAULT 'unidentified' CHECK ("
	"    status = 'unidentified' OR status = 'preliminary' OR status = 'confirmed' OR"
	"    status = 'returned'"
	"  ),\n"
	"  person_id INTEGER REFERENCES person(id),\n"
	"  note TEXT,\n"
	"  created_at TEXT NOT NULL,\n"
	"  updated_at TEXT NOT NULL\n"
	") STRICT;\n",
	"CREATE INDEX remains_case_batch ON remains_case(batch_id);\n",
	"CREATE INDEX remains_case_person ON remains_case(person_id) WHERE person_id IS NOT NULL;\n",
	"CREATE TABLE remains_custody (\n"
	"  id INTEGER PRIMARY KEY,\n"
	"  case_id INTEGER NOT NULL REFERENCES remains_case(id),\n"
	"  holder TEXT NOT NULL,\n"
	"  since TEXT NOT NULL,\n"
	"  note TEXT,\n"
	"  actor TEXT NOT NULL,\n"
	"  created_at TEXT NOT NULL\n"
	") STRICT;\n",
	"CREATE INDEX remains_custody_case ON remains_custody(case_id, since, id);\n",
	"CREATE TABLE remains_fragment (\n"
	"  id INTEGER PRIMARY KEY,\n"
	"  case_id INTEGER NOT NULL REFERENCES remains_case(id),\n"
	"  label TEXT NOT NULL,\n"
	"  description TEXT,\n"
	"  person_id INTEGER REFERENCES person(id),\n"
	"  UNIQUE (case_id, label)\n"
	") STRICT;\n",
	"CREATE INDEX remains_fragment_person ON remains_fragment(person_id) WHERE person_id IS NOT NULL;\n",
	NULL,
};

/* Step 2: the clause of an agreement a batch's bodies count under (a
 * body-exchange clause's id, beside stage_id), for the ledger. */
static const char *const step_2[] = {
	"ALTER TABLE remains_batch ADD COLUMN clause TEXT;\n",
	NULL,
};

/* Step 3: post-mortem observations of a case, of the kinds a family's
 * ante-mortem record has (issue 15), for the comparison of the two: one
 * JSON document a case, checked by pm.c's callers. */
static const char *const step_3[] = {
	"CREATE TABLE remains_pm (\n"
	"  case_id INTEGER PRIMARY KEY REFERENCES remains_case(id),\n"
	"  doc TEXT NOT NULL,\n"
	"  actor TEXT NOT NULL,\n"
	"  updated_at TEXT NOT NULL\n"
	") STRICT;\n",
	NULL,
};

static const store_step steps[] = {
	{.legacy = 5, .sql = step_1},
	{.sql = step_2},
	{.sql = step_3},
};

const store_schema remains_schema = {"remains", STORE_STEPS(steps)};
