/* Schema migrations. */
#include "store/schema.h"

#include <stddef.h>

/* Migration 1: the registry, its events, imports, the audit chain and the
 * access log. */
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
	"  branch TEXT CHECK (branch IN ('armed_forces','national_guard','border_guard','other','civilian')),\n"
	"  unit TEXT,\n"
	"  party TEXT, depends_on TEXT, held_by TEXT,\n"
	"  inform TEXT,\n"
	"  capture_date TEXT, capture_place TEXT, detention_place TEXT,\n"
	"  medical TEXT CHECK (medical IN ('none','wounded','severely_wounded','seriously_ill')),\n"
	"  consent TEXT CHECK (consent IN ('yes','no','unknown')),\n"
	"  consent_date TEXT,\n"
	"  status TEXT NOT NULL DEFAULT 'missing' CHECK (status IN ('missing','captured','held','listed','handed_over','in_transit','repatriated','declined_repatriation','released_otherwise','died_in_captivity','remains_returned','identified')),\n"
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
	"CREATE VIRTUAL TABLE person_fts USING fts5(name_keys, content='person', content_rowid='id', tokenize='ascii', prefix='2 3 4');\n",
	"CREATE TRIGGER person_fts_ai AFTER INSERT ON person BEGIN\n"
	"  INSERT INTO person_fts(rowid, name_keys) VALUES (new.id, new.name_keys);\n"
	"END;\n",
	"CREATE TRIGGER person_fts_ad AFTER DELETE ON person BEGIN\n"
	"  INSERT INTO person_fts(person_fts, rowid, name_keys) VALUES ('delete', old.id, old.name_keys);\n"
	"END;\n",
	"CREATE TRIGGER person_fts_au AFTER UPDATE OF name_keys ON person BEGIN\n"
	"  INSERT INTO person_fts(person_fts, rowid, name_keys) VALUES ('delete', old.id, old.name_keys);\n"
	"  INSERT INTO person_fts(rowid, name_keys) VALUES (new.id, new.name_keys);\n"
	"END;\n",
	"CREATE TABLE event (\n"
	"  id INTEGER PRIMARY KEY,\n"
	"  uid TEXT NOT NULL UNIQUE,\n"
	"  person_id INTEGER NOT NULL REFERENCES person(id),\n"
	"  type TEXT NOT NULL,\n"
	"  date TEXT NOT NULL,\n"
	"  source TEXT NOT NULL CHECK (source IN ('family_report','counterpart_list','mediator','icrc_visit','media','own_records')),\n"
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

/* Each entry moves the database from version i to i+1 and is never edited
 * after release: a change is a new migration. */
static const char *const *const migrations[] = {
	migration_1,
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
