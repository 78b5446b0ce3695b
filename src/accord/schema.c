/* accord's tables: agreements, stages, their manifests and signatures,
 * entries, batches and discrepancies. */
#include "accord/schema.h"

#include <stddef.h>

/* Step 1 (legacy schema version 5). An agreement is kept as the
 * canonical text of its document (RFC 8785) with its hash: terms are never
 * edited, a change is a new agreement. A stage's manifest is kept in every
 * version; the current one's entries are also rows (stage_entry), so that
 * "is this person on another open stage" is one indexed lookup. Outcomes
 * of the execution are on the entries; the ledger is computed from them. */
static const char *const step_1[] = {
	"CREATE TABLE agreement (\n"
	"  id INTEGER PRIMARY KEY,\n"
	"  name TEXT NOT NULL UNIQUE,\n"        /* the document's "id": istanbul-2025-06 */
	"  title TEXT NOT NULL,\n"
	"  doc TEXT NOT NULL,\n"                /* canonical JSON */
	"  sha256 TEXT NOT NULL,\n"
	"  party_a TEXT NOT NULL,\n"
	"  party_b TEXT NOT NULL,\n"
	"  mediator TEXT,\n"
	"  transit TEXT,\n"
	"  concluded TEXT NOT NULL,\n"
	"  valid_from TEXT,\n"
	"  valid_until TEXT,\n"
	"  created_at TEXT NOT NULL,\n"
	"  actor TEXT NOT NULL\n"
	") STRICT;\n",
	"CREATE TABLE stage (\n"
	"  id INTEGER PRIMARY KEY,\n"
	"  uid TEXT NOT NULL UNIQUE,\n"
	"  agreement_id INTEGER NOT NULL REFERENCES agreement(id),\n"
	"  number INTEGER NOT NULL,\n"
	"  date TEXT NOT NULL,\n"
	"  handover_point TEXT,\n"
	"  transit TEXT,\n"
	"  status TEXT NOT NULL CHECK ("
	"    status = 'draft' OR status = 'proposed' OR status = 'agreed' OR"
	"    status = 'executed' OR status = 'closed' OR status = 'cancelled'"
	"  ),\n"
	"  version INTEGER NOT NULL DEFAULT 1,\n"  /* the current manifest's */
	"  executed_at TEXT,\n"
	"  created_at TEXT NOT NULL,\n"
	"  updated_at TEXT NOT NULL,\n"
	"  UNIQUE (agreement_id, number)\n"
	") STRICT;\n",
	"CREATE INDEX stage_status ON stage(status);\n",
	/* Every version of every manifest: the canonical body and its hash. */
	"CREATE TABLE manifest (\n"
	"  id INTEGER PRIMARY KEY,\n"
	"  stage_id INTEGER NOT NULL REFERENCES stage(id),\n"
	"  version INTEGER NOT NULL,\n"
	"  doc TEXT NOT NULL,\n"
	"  sha256 TEXT NOT NULL,\n"
	"  created_at TEXT NOT NULL,\n"
	"  actor TEXT NOT NULL,\n"
	"  UNIQUE (stage_id, version)\n"
	") STRICT;\n",
	"CREATE TABLE manifest_signature (\n"
	"  manifest_id INTEGER NOT NULL REFERENCES manifest(id),\n"
	"  signer TEXT NOT NULL,\n"
	"  role TEXT NOT NULL CHECK (role = 'party' OR role = 'mediator'),\n"
	"  public_key TEXT NOT NULL,\n"
	"  signed_at TEXT NOT NULL,\n"
	"  signature TEXT NOT NULL,\n"
	"  PRIMARY KEY (manifest_id, signer)\n"
	") STRICT, WITHOUT ROWID;\n",
	/* The current version's people: who each side hands over. person_id
	 * is this registry's record of them (NULL: not found here). */
	"CREATE TABLE stage_entry (\n"
	"  id INTEGER PRIMARY KEY,\n"
	"  stage_id INTEGER NOT NULL REFERENCES stage(id),\n"
	"  seq INTEGER NOT NULL,\n"
	"  side TEXT NOT NULL,\n"
	"  clause TEXT NOT NULL,\n"
	"  ref TEXT NOT NULL,\n"
	"  person_id INTEGER REFERENCES person(id),\n"
	"  points INTEGER NOT NULL DEFAULT 1 CHECK (points > 0),\n"
	"  outcome TEXT CHECK ("
	"    outcome = 'handed_over' OR outcome = 'not_presented' OR outcome = 'refused' OR"
	"    outcome = 'substituted' OR outcome = 'died'"
	"  ),\n"
	"  substitute_for INTEGER REFERENCES stage_entry(id),\n"
	"  art117 INTEGER NOT NULL DEFAULT 0 CHECK (art117 = 0 OR art117 = 1),\n"
	"  note TEXT,\n"
	"  UNIQUE (stage_id, seq)\n"
	") STRICT;\n",
	"CREATE INDEX stage_entry_person ON stage_entry(person_id) WHERE person_id IS NOT NULL;\n",
	/* The remains batches a stage's manifest hands over. */
	"CREATE TABLE stage_batch (\n"
	"  stage_id INTEGER NOT NULL REFERENCES stage(id),\n"
	"  seq INTEGER NOT NULL,\n"
	"  side TEXT NOT NULL,\n"
	"  clause TEXT NOT NULL,\n"
	"  batch TEXT NOT NULL,\n"
	"  declared INTEGER NOT NULL CHECK (declared >= 0),\n"
	"  delivered INTEGER CHECK (delivered >= 0),\n"
	"  PRIMARY KEY (stage_id, seq)\n"
	") STRICT, WITHOUT ROWID;\n",
	/* What execution found different from the manifest. */
	"CREATE TABLE stage_discrepancy (\n"
	"  id INTEGER PRIMARY KEY,\n"
	"  stage_id INTEGER NOT NULL REFERENCES stage(id),\n"
	"  ts TEXT NOT NULL,\n"
	"  actor TEXT NOT NULL,\n"
	"  what TEXT NOT NULL\n"
	") STRICT;\n",
	NULL,
};

/* Step 2: execution as people cross. A stage is in_progress from its
 * first recorded outcome until its execution is finished; SQLite changes
 * a CHECK only by making the table again (a rebuild step, foreign keys
 * off while it runs, checked whole before the commit). Each outcome keeps
 * the day it happened. A correction of an outcome is a row of its own,
 * with its reason: the outcome recorded at the handover is never edited,
 * and an entry's outcome now is its latest correction's, else its own. */
static const char *const step_2[] = {
	"CREATE TABLE stage_rebuilt (\n"
	"  id INTEGER PRIMARY KEY,\n"
	"  uid TEXT NOT NULL UNIQUE,\n"
	"  agreement_id INTEGER NOT NULL REFERENCES agreement(id),\n"
	"  number INTEGER NOT NULL,\n"
	"  date TEXT NOT NULL,\n"
	"  handover_point TEXT,\n"
	"  transit TEXT,\n"
	"  status TEXT NOT NULL CHECK ("
	"    status = 'draft' OR status = 'proposed' OR status = 'agreed' OR status = 'in_progress' OR"
	"    status = 'executed' OR status = 'closed' OR status = 'cancelled'"
	"  ),\n"
	"  version INTEGER NOT NULL DEFAULT 1,\n"
	"  executed_at TEXT,\n"
	"  created_at TEXT NOT NULL,\n"
	"  updated_at TEXT NOT NULL,\n"
	"  UNIQUE (agreement_id, number)\n"
	") STRICT;\n",
	"INSERT INTO stage_rebuilt (id, uid, agreement_id, number, date, handover_point, transit, status,"
	" version, executed_at, created_at, updated_at)"
	" SELECT id, uid, agreement_id, number, date, handover_point, transit, status,"
	" version, executed_at, created_at, updated_at FROM stage;\n",
	"DROP TABLE stage;\n",
	"ALTER TABLE stage_rebuilt RENAME TO stage;\n",
	"CREATE INDEX stage_status ON stage(status);\n",
	"ALTER TABLE stage_entry ADD COLUMN outcome_date TEXT;\n",
	"CREATE TABLE stage_correction (\n"
	"  id INTEGER PRIMARY KEY,\n"
	"  stage_id INTEGER NOT NULL REFERENCES stage(id),\n"
	"  seq INTEGER NOT NULL,\n"                 /* the entry's */
	"  before TEXT NOT NULL,\n"                 /* its outcome until now */
	"  outcome TEXT NOT NULL CHECK ("
	"    outcome = 'handed_over' OR outcome = 'not_presented' OR outcome = 'refused' OR"
	"    outcome = 'died'"
	"  ),\n"
	"  outcome_date TEXT NOT NULL,\n"
	"  art117 INTEGER NOT NULL DEFAULT 0 CHECK (art117 = 0 OR art117 = 1),\n"
	"  reason TEXT NOT NULL CHECK (length(reason) > 0),\n"
	"  ts TEXT NOT NULL,\n"
	"  actor TEXT NOT NULL,\n"
	"  FOREIGN KEY (stage_id, seq) REFERENCES stage_entry(stage_id, seq)\n"
	") STRICT;\n",
	"CREATE INDEX stage_correction_entry ON stage_correction(stage_id, seq);\n",
	NULL,
};

/* Step 3: a discrepancy's message by code and arguments (core/msg.h),
 * beside its English text, for the UI to say in the user's language.
 * Older rows have none and are shown in English. */
static const char *const step_3[] = {
	"ALTER TABLE stage_discrepancy ADD COLUMN code TEXT;\n",
	"ALTER TABLE stage_discrepancy ADD COLUMN args TEXT;\n",
	NULL,
};

/* Step 4: manifests received but not applied, to review: a new stage or
 * a new version that no key this office trusts has signed (anyone can
 * write a file calling itself UA). Kept as received, never applied. */
static const char *const step_4[] = {
	"CREATE TABLE manifest_received (\n"
	"  id INTEGER PRIMARY KEY,\n"
	"  stage_uid TEXT NOT NULL,\n"
	"  version INTEGER NOT NULL,\n"
	"  entries INTEGER NOT NULL,\n"
	"  envelope TEXT NOT NULL,\n"
	"  sha256 TEXT NOT NULL UNIQUE,\n"   /* of the envelope: the same file kept once */
	"  file TEXT NOT NULL,\n"
	"  why TEXT NOT NULL,\n"             /* a message code (core/msg.h) */
	"  received_at TEXT NOT NULL,\n"
	"  actor TEXT NOT NULL\n"
	") STRICT;\n",
	NULL,
};

static const store_step steps[] = {
	{.legacy = 5, .sql = step_1},
	{.legacy = 0, .sql = step_2, .rebuild = true},
	{.legacy = 0, .sql = step_3},
	{.legacy = 0, .sql = step_4},
};

const store_schema accord_schema = {"accord", STORE_STEPS(steps)};
