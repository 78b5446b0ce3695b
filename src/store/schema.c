/* Schema migrations. */
#include "store/schema.h"

#include <stddef.h>

/* Migration 1: the registry, its events, imports, the audit chain and the
 * access log. Enumerations are checked with OR chains, not IN lists: SQLite
 * builds a temporary index for every IN list of more than two values on
 * every insert, which made an import of a million persons twice as slow. */
static const char *const migration_1[] = {
	"CREATE TABLE meta (\n"
	"  key TEXT PRIMARY KEY,\n"
	"  value TEXT NOT NULL\n"
	") STRICT;\n",
	"CREATE TABLE person (\n"
	"  id INTEGER PRIMARY KEY,\n"
	"  uid TEXT NOT NULL UNIQUE,\n"
	"  surname TEXT, given_names TEXT, patronymic TEXT,\n"
	"  surname_latin TEXT, given_names_latin TEXT, patronymic_latin TEXT,\n"
	"  mother_maiden_name TEXT,\n"
	"  sex TEXT CHECK (sex IN ('male','female')),\n"
	"  birth_date TEXT, birth_place TEXT,\n"
	"  rank TEXT, service_number TEXT,\n"
	"  branch TEXT CHECK ("
	"    branch = 'armed_forces' OR branch = 'national_guard' OR branch = 'border_guard' OR"
	"    branch = 'other' OR branch = 'civilian'"
	"  ),\n"
	"  unit TEXT,\n"
	"  party TEXT, depends_on TEXT, held_by TEXT,\n"
	"  inform TEXT,\n"
	"  capture_date TEXT, capture_place TEXT, detention_place TEXT,\n"
	"  medical TEXT CHECK ("
	"    medical = 'none' OR medical = 'wounded' OR medical = 'severely_wounded' OR"
	"    medical = 'seriously_ill'"
	"  ),\n"
	"  consent TEXT CHECK ("
	"    consent = 'yes' OR consent = 'no' OR consent = 'unknown'"
	"  ),\n"
	"  consent_date TEXT,\n"
	"  status TEXT NOT NULL DEFAULT 'missing' CHECK ("
	"    status = 'missing' OR status = 'captured' OR status = 'held' OR"
	"    status = 'listed' OR status = 'handed_over' OR status = 'in_transit' OR"
	"    status = 'repatriated' OR status = 'declined_repatriation' OR status = 'released_otherwise' OR"
	"    status = 'died_in_captivity' OR status = 'remains_returned' OR status = 'identified'"
	"  ),\n"
	"  birth_lo INTEGER, birth_hi INTEGER,\n"
	"  capture_lo INTEGER, capture_hi INTEGER,\n"
	"  name_keys TEXT NOT NULL DEFAULT '',\n"
	"  sort_key BLOB NOT NULL DEFAULT x'',\n"
	"  created_at TEXT NOT NULL,\n"
	"  updated_at TEXT NOT NULL\n"
	") STRICT;\n",
	"CREATE INDEX person_status ON person(status);\n",
	"CREATE INDEX person_medical ON person(medical) WHERE medical IS NOT NULL;\n",
	"CREATE INDEX person_sort ON person(sort_key, id);\n",
	"CREATE TABLE person_ext (\n"
	"  source TEXT NOT NULL,\n"
	"  ext_id TEXT NOT NULL,\n"
	"  person_id INTEGER NOT NULL REFERENCES person(id),\n"
	"  PRIMARY KEY (source, ext_id),\n"
	"  UNIQUE (person_id, source)\n"
	") STRICT, WITHOUT ROWID;\n",
	/* The name index, kept in step by the registry's code, not by triggers:
	 * with trusted_schema off, SQLite rightly refuses triggers that write to
	 * virtual tables. */
	"CREATE VIRTUAL TABLE person_fts USING fts5(name_keys, content='person', content_rowid='id',"
	" tokenize='ascii', detail=none, columnsize=0);\n",
	/* Which words the index holds: search matches a complete word exactly
	 * and only a partial one as a prefix. */
	"CREATE VIRTUAL TABLE person_fts_vocab USING fts5vocab(person_fts, 'row');\n",
	"CREATE TABLE event (\n"
	"  id INTEGER PRIMARY KEY,\n"
	"  uid TEXT NOT NULL UNIQUE,\n"
	"  person_id INTEGER NOT NULL REFERENCES person(id),\n"
	"  type TEXT NOT NULL,\n"
	"  date TEXT NOT NULL,\n"
	"  source TEXT NOT NULL CHECK ("
	"    source = 'family_report' OR source = 'counterpart_list' OR source = 'mediator' OR"
	"    source = 'icrc_visit' OR source = 'media' OR source = 'own_records'"
	"  ),\n"
	"  place TEXT, note TEXT, cause TEXT, burial_place TEXT, grave TEXT,\n"
	"  status_before TEXT NOT NULL,\n"
	"  status_after TEXT NOT NULL,\n"
	"  created_at TEXT NOT NULL\n"
	") STRICT;\n",
	"CREATE INDEX event_person ON event(person_id, date, id);\n",
	"CREATE TABLE import (\n"
	"  id INTEGER PRIMARY KEY,\n"
	"  ts TEXT NOT NULL,\n"
	"  actor TEXT NOT NULL,\n"
	"  name TEXT NOT NULL,\n"
	"  sha256 TEXT NOT NULL,\n"
	"  persons_created INTEGER NOT NULL,\n"
	"  persons_updated INTEGER NOT NULL,\n"
	"  events_added INTEGER NOT NULL\n"
	") STRICT;\n",
	"CREATE INDEX import_sha ON import(sha256);\n",
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

/* Migration 2: accounts, sessions and API tokens for the server; what was
 * searched for, in the access log; events by type and date, for the
 * dashboard. Roles are a comma-separated list (checked in C: the set of
 * roles grows with later issues). */
static const char *const migration_2[] = {
	"CREATE TABLE user (\n"
	"  id INTEGER PRIMARY KEY,\n"
	"  name TEXT NOT NULL UNIQUE,\n"
	"  display_name TEXT,\n"
	"  roles TEXT NOT NULL,\n"
	"  password_hash TEXT NOT NULL,\n"
	"  disabled INTEGER NOT NULL DEFAULT 0 CHECK (disabled = 0 OR disabled = 1),\n"
	"  created_at TEXT NOT NULL,\n"
	"  updated_at TEXT NOT NULL\n"
	") STRICT;\n",
	/* Tokens are kept only as their BLAKE2b hash: a stolen database file
	 * opens no session. */
	"CREATE TABLE session (\n"
	"  token_hash BLOB PRIMARY KEY,\n"
	"  user_id INTEGER NOT NULL REFERENCES user(id) ON DELETE CASCADE,\n"
	"  csrf TEXT NOT NULL,\n"
	"  address TEXT,\n"
	"  created INTEGER NOT NULL,\n"
	"  last_seen INTEGER NOT NULL\n"
	") STRICT, WITHOUT ROWID;\n",
	"CREATE INDEX session_user ON session(user_id);\n",
	"CREATE TABLE api_token (\n"
	"  id INTEGER PRIMARY KEY,\n"
	"  token_hash BLOB NOT NULL UNIQUE,\n"
	"  user_id INTEGER NOT NULL REFERENCES user(id) ON DELETE CASCADE,\n"
	"  name TEXT NOT NULL,\n"
	"  created_at TEXT NOT NULL,\n"
	"  revoked_at TEXT,\n"
	"  last_used TEXT\n"
	") STRICT;\n",
	"ALTER TABLE access_log ADD COLUMN detail TEXT;\n",
	"CREATE INDEX event_type_date ON event(type, date);\n",
	NULL,
};

/* Migration 3: reconciliation decisions. A person's confirm or reject of
 * a list row against a registry person, found again on the next run of
 * a list with the same row: the row is known by a hash of what it says
 * (its linkage columns), so reordered or resent lists keep their
 * decisions, and a row that changed asks for a fresh look. */
static const char *const migration_3[] = {
	"CREATE TABLE match_decision (\n"
	"  id INTEGER PRIMARY KEY,\n"
	"  row_hash TEXT NOT NULL,\n"
	"  person_uid TEXT NOT NULL,\n"
	"  decision TEXT NOT NULL CHECK (decision = 'confirm' OR decision = 'reject'),\n"
	"  list TEXT,\n"
	"  list_row TEXT,\n"
	"  actor TEXT NOT NULL,\n"
	"  ts TEXT NOT NULL,\n"
	"  UNIQUE (row_hash, person_uid)\n"
	") STRICT;\n",
	NULL,
};

/* Migration 4: the linkage columns of each person, kept so that a
 * reconciliation keys only the persons that are new or changed since the
 * last. src_hash is a hash of the fields the columns are made from (and
 * the key rules' version): a stale row is simply made again. */
static const char *const migration_4[] = {
	"CREATE TABLE match_key (\n"
	"  person_id INTEGER PRIMARY KEY REFERENCES person(id) ON DELETE CASCADE,\n"
	"  src_hash BLOB NOT NULL,\n"
	"  cols TEXT NOT NULL\n"
	") STRICT;\n",
	NULL,
};

/* Migration 5: agreements, stages and their manifests, signatures, and
 * the remains. An agreement is kept as the canonical text of its
 * document (RFC 8785) with its hash: terms are never edited, a change is
 * a new agreement. A stage's manifest is kept in every version; the
 * current one's entries are also rows (stage_entry), so that "is this
 * person on another open stage" is one indexed lookup. Outcomes of the
 * execution are on the entries; the ledger is computed from them. */
static const char *const migration_5[] = {
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
	/* Public keys this office trusts to sign manifests, by signer (a party
	 * code, or the mediator's). Secret keys are never in the database. */
	"CREATE TABLE signing_key (\n"
	"  id INTEGER PRIMARY KEY,\n"
	"  signer TEXT NOT NULL,\n"
	"  role TEXT NOT NULL CHECK (role = 'party' OR role = 'mediator'),\n"
	"  public_key TEXT NOT NULL UNIQUE,\n"
	"  added_at TEXT NOT NULL,\n"
	"  revoked_at TEXT\n"
	") STRICT;\n",
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

/* Migration 6: DNA identification. Allele frequencies per locus (one table
 * at a time, as counted or imported, with the floor for alleles it lacks);
 * STR profiles of remains (one per case) and of relatives (by the
 * laboratory's sample id), their alleles per locus kept as the laboratory
 * writes them ("9.3"), a locus that failed as two NULLs; which missing
 * person each relative is related to and how (a family); each screening
 * run with its model and thresholds; and the proposals it made, with who
 * decided what. */
static const char *const migration_6[] = {
	"CREATE TABLE dna_locus (\n"
	"  name TEXT PRIMARY KEY,\n"
	"  sample_size INTEGER CHECK (sample_size > 0),\n"   /* alleles counted (2N) */
	"  floor REAL NOT NULL CHECK (floor > 0 AND floor <= 1),\n"
	"  source TEXT NOT NULL,\n"
	"  created_at TEXT NOT NULL\n"
	") STRICT, WITHOUT ROWID;\n",
	"CREATE TABLE dna_frequency (\n"
	"  locus TEXT NOT NULL REFERENCES dna_locus(name) ON DELETE CASCADE,\n"
	"  allele TEXT NOT NULL,\n"
	"  frequency REAL NOT NULL CHECK (frequency > 0 AND frequency <= 1),\n"
	"  count INTEGER CHECK (count >= 0),\n"
	"  PRIMARY KEY (locus, allele)\n"
	") STRICT, WITHOUT ROWID;\n",
	"CREATE TABLE dna_profile (\n"
	"  id INTEGER PRIMARY KEY,\n"
	"  kind TEXT NOT NULL CHECK (kind = 'remains' OR kind = 'reference'),\n"
	"  sample TEXT,\n"
	"  case_id INTEGER UNIQUE REFERENCES remains_case(id),\n"
	"  degraded INTEGER NOT NULL DEFAULT 0 CHECK (degraded = 0 OR degraded = 1),\n"
	"  note TEXT,\n"
	"  created_at TEXT NOT NULL,\n"
	"  updated_at TEXT NOT NULL,\n"
	"  CHECK ((kind = 'remains') = (case_id IS NOT NULL)),\n"
	"  CHECK (kind = 'remains' OR sample IS NOT NULL)\n"
	") STRICT;\n",
	"CREATE UNIQUE INDEX dna_profile_sample ON dna_profile(sample) WHERE kind = 'reference';\n",
	"CREATE TABLE dna_allele (\n"
	"  profile_id INTEGER NOT NULL REFERENCES dna_profile(id) ON DELETE CASCADE,\n"
	"  locus TEXT NOT NULL,\n"
	"  allele1 TEXT,\n"
	"  allele2 TEXT,\n"
	"  PRIMARY KEY (profile_id, locus),\n"
	"  CHECK (allele1 IS NOT NULL OR allele2 IS NULL)\n"
	") STRICT, WITHOUT ROWID;\n",
	"CREATE TABLE dna_relative (\n"
	"  person_id INTEGER NOT NULL REFERENCES person(id),\n"
	"  profile_id INTEGER NOT NULL REFERENCES dna_profile(id),\n"
	"  relationship TEXT NOT NULL CHECK ("
	"    relationship = 'self' OR relationship = 'father' OR relationship = 'mother' OR"
	"    relationship = 'child' OR relationship = 'full_sibling' OR relationship = 'half_sibling' OR"
	"    relationship = 'grandparent' OR relationship = 'uncle_aunt' OR relationship = 'cousin' OR"
	"    relationship = 'partner'"
	"  ),\n"
	"  side TEXT CHECK (side = 'paternal' OR side = 'maternal'),\n"
	"  PRIMARY KEY (person_id, profile_id)\n"
	") STRICT, WITHOUT ROWID;\n",
	"CREATE INDEX dna_relative_profile ON dna_relative(profile_id);\n",
	"CREATE TABLE dna_run (\n"
	"  id INTEGER PRIMARY KEY,\n"
	"  ts TEXT NOT NULL,\n"
	"  actor TEXT NOT NULL,\n"
	"  params TEXT NOT NULL,\n"              /* JSON: the model and the thresholds */
	"  remains INTEGER NOT NULL,\n"
	"  families INTEGER NOT NULL,\n"
	"  pairs INTEGER NOT NULL,\n"
	"  candidates INTEGER NOT NULL,\n"
	"  proposals INTEGER NOT NULL,\n"
	"  seconds REAL NOT NULL\n"
	") STRICT;\n",
	"CREATE TABLE dna_proposal (\n"
	"  id INTEGER PRIMARY KEY,\n"
	"  run_id INTEGER NOT NULL REFERENCES dna_run(id),\n"
	"  kind TEXT NOT NULL CHECK (kind = 'kinship' OR kind = 'identity'),\n"
	"  case_id INTEGER NOT NULL REFERENCES remains_case(id),\n"
	"  person_id INTEGER REFERENCES person(id),\n"
	"  other_case_id INTEGER REFERENCES remains_case(id),\n"
	"  log10_lr REAL NOT NULL,\n"
	"  log10_glr REAL,\n"
	"  posterior REAL NOT NULL CHECK (posterior >= 0 AND posterior <= 1),\n"
	"  loci INTEGER NOT NULL,\n"
	"  inconsistent INTEGER NOT NULL,\n"
	"  status TEXT NOT NULL CHECK ("
	"    status = 'candidate' OR status = 'proposed' OR status = 'confirmed' OR status = 'rejected'"
	"  ),\n"
	"  action TEXT CHECK (action = 'identify' OR action = 'return' OR action = 'join'),\n"
	"  decided_by TEXT,\n"
	"  decided_at TEXT,\n"
	"  note TEXT,\n"
	"  created_at TEXT NOT NULL,\n"
	"  CHECK ((kind = 'kinship') = (person_id IS NOT NULL AND other_case_id IS NULL)),\n"
	"  CHECK (kind = 'kinship' OR (other_case_id IS NOT NULL AND person_id IS NULL))\n"
	") STRICT;\n",
	"CREATE UNIQUE INDEX dna_proposal_kinship ON dna_proposal(case_id, person_id)"
	" WHERE kind = 'kinship';\n",
	"CREATE UNIQUE INDEX dna_proposal_identity ON dna_proposal(case_id, other_case_id)"
	" WHERE kind = 'identity';\n",
	"CREATE INDEX dna_proposal_case ON dna_proposal(case_id);\n",
	"CREATE INDEX dna_proposal_status ON dna_proposal(status, id);\n",
	"CREATE INDEX dna_proposal_person ON dna_proposal(person_id) WHERE person_id IS NOT NULL;\n",
	"CREATE INDEX dna_proposal_other ON dna_proposal(other_case_id) WHERE other_case_id IS NOT NULL;\n",
	NULL,
};

/* Each entry moves the database from version i to i+1 and is never edited
 * after release: a change is a new migration. */
static const char *const *const migrations[] = {
	migration_1,
	migration_2,
	migration_3,
	migration_4,
	migration_5,
	migration_6,
};

int schema_latest(void)
{
	return (int)(sizeof(migrations) / sizeof(migrations[0]));
}

const char *const *schema_migration(int version)
{
	if(version < 1 || version > schema_latest())
		return NULL;
	return migrations[version - 1];
}
