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

/* Each entry moves the database from version i to i+1 and is never edited
 * after release: a change is a new migration. */
static const char *const *const migrations[] = {
	migration_1,
	migration_2,
	migration_3,
	migration_4,
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
