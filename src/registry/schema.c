/* The registry's tables: persons, their identifiers in other systems, the
 * name index, events and the log of imports. */
#include "registry/schema.h"

#include <stddef.h>

/* Step 1 (legacy schema version 1). Enumerations are checked with OR
 * chains, not IN lists: SQLite builds a temporary index for every IN list
 * of more than two values on every insert, which made an import of a
 * million persons twice as slow. */
static const char *const step_1[] = {
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
	NULL,
};

/* Step 2 (legacy 2): events by type and date, for the dashboard. */
static const char *const step_2[] = {
	"CREATE INDEX event_type_date ON event(type, date);\n",
	NULL,
};

/* Step 3: an event's note by code and arguments (core/msg.h), beside its
 * English text, for the UI to say in the user's language: the notes
 * stages write ("stage 2 of ..."). Older rows and notes people typed have
 * none and are shown as written. */
static const char *const step_3[] = {
	"ALTER TABLE event ADD COLUMN note_code TEXT;\n",
	"ALTER TABLE event ADD COLUMN note_args TEXT;\n",
	NULL,
};

/* Step 4: retention rules, one per kind of data (registry.h, "retention"). */
static const char *const step_4[] = {
	"CREATE TABLE retention_rule (\n"
	"  kind TEXT PRIMARY KEY,\n"
	"  action TEXT NOT NULL CHECK (action = 'erase' OR action = 'pseudonymise'),\n"
	"  years INTEGER NOT NULL CHECK (years BETWEEN 1 AND 100),\n"
	"  set_by TEXT NOT NULL,\n"
	"  set_at TEXT NOT NULL\n"
	") STRICT;\n",
	NULL,
};

/* Step 5: when retention pseudonymised a person's identity (registry.h,
 * "retention"), for the record to say why its names are gone. */
static const char *const step_5[] = {
	"ALTER TABLE person ADD COLUMN pseudonymised_at TEXT;\n",
	NULL,
};

/* Step 6: addresses (issue 14): the person's home address, and that of
 * the person to be informed, the next of kin (Art. 70, 122), whose name
 * stays in `inform`. Lines, locality and region are text; a country is an
 * ISO 3166-1 alpha-2 code (registry/fields.c checks it). */
static const char *const step_6[] = {
	"ALTER TABLE person ADD COLUMN home_address TEXT;\n",
	"ALTER TABLE person ADD COLUMN home_locality TEXT;\n",
	"ALTER TABLE person ADD COLUMN home_region TEXT;\n",
	"ALTER TABLE person ADD COLUMN home_country TEXT;\n",
	"ALTER TABLE person ADD COLUMN inform_address TEXT;\n",
	"ALTER TABLE person ADD COLUMN inform_locality TEXT;\n",
	"ALTER TABLE person ADD COLUMN inform_region TEXT;\n",
	"ALTER TABLE person ADD COLUMN inform_country TEXT;\n",
	NULL,
};

/* Step 7: the name index with indexes of the first 1 to 10 letters of
 * each key, so that a word being typed (Алекс: aleks*) is matched from
 * them at once instead of by merging the lists of every key it starts
 * (aleksandr, aleksandrovic, alekseev...: 50 ms at a million persons);
 * and without the vocabulary table, which search no longer reads. The
 * index is about seven times larger (44 MB at a million persons); built
 * as one segment, which a lookup reads once instead of once per segment. */
static const char *const step_7[] = {
	"DROP TABLE person_fts_vocab;\n",
	"DROP TABLE person_fts;\n",
	"CREATE VIRTUAL TABLE person_fts USING fts5(name_keys, content='person', content_rowid='id',"
	" tokenize='ascii', detail=none, columnsize=0, prefix='1 2 3 4 5 6 7 8 9 10');\n",
	"INSERT INTO person_fts(person_fts) VALUES ('rebuild');\n",
	"INSERT INTO person_fts(person_fts) VALUES ('optimize');\n",
	NULL,
};

/* Step 8: the name index as a table in name order (issue 14): a row per
 * key of a person's name, (key, sort_key, person_id), so that the persons
 * of a name are one range of it already sorted by name. A search reads the
 * first 20 of a range and stops, and counts ("more than 2,000") over the
 * same contiguous rows; FTS5 gave the ids in registry order, and sorting
 * them by name read every match's row (a surname held by 230 persons: 230
 * page reads). A word being typed is the range of keys it starts. The
 * FTS5 index and its prefix indexes go: nothing else read them. No
 * REFERENCES: with foreign keys on, each insert would look the person up,
 * and the registry keeps the rows in step itself (registry/person.c). */
static const char *const step_8[] = {
	"CREATE TABLE person_key (\n"
	"  key TEXT NOT NULL,\n"
	"  sort_key BLOB NOT NULL,\n"
	"  person_id INTEGER NOT NULL,\n"
	"  PRIMARY KEY (key, sort_key, person_id)\n"
	") STRICT, WITHOUT ROWID;\n",
	"INSERT OR IGNORE INTO person_key SELECT j.value, p.sort_key, p.id FROM person p,"
	" json_each('[\"' || replace(p.name_keys, ' ', '\",\"') || '\"]') j"
	" WHERE p.name_keys != '' ORDER BY 1, 2, 3;\n",
	"DROP TABLE person_fts;\n",
	NULL,
};

/* Step 9: the event table made again with its uid's uniqueness as a
 * named index, event_uid, instead of the column's own UNIQUE constraint
 * (issue 14). Half of an event's insert was the random insert into that
 * index; a constraint cannot be dropped, a named index can: a bulk load of
 * events drops it, checks the ids in memory and builds it at the end in
 * one sorted pass (registry/import.c). The rows, their ids and their
 * order are kept. */
static const char *const step_9[] = {
	"CREATE TABLE event_rebuilt (\n"
	"  id INTEGER PRIMARY KEY,\n"
	"  uid TEXT NOT NULL,\n"
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
	"  created_at TEXT NOT NULL,\n"
	"  note_code TEXT,\n"
	"  note_args TEXT\n"
	") STRICT;\n",
	"INSERT INTO event_rebuilt (id, uid, person_id, type, date, source, place, note, cause,"
	" burial_place, grave, status_before, status_after, created_at, note_code, note_args)"
	" SELECT id, uid, person_id, type, date, source, place, note, cause, burial_place, grave,"
	" status_before, status_after, created_at, note_code, note_args FROM event ORDER BY id;\n",
	"DROP TABLE event;\n",
	"ALTER TABLE event_rebuilt RENAME TO event;\n",
	"CREATE UNIQUE INDEX event_uid ON event(uid);\n",
	"CREATE INDEX event_person ON event(person_id, date, id);\n",
	"CREATE INDEX event_type_date ON event(type, date);\n",
	NULL,
};

/* Step 10: an event's source may be a returnee's testimony (issue 15,
 * item 5: a sighting in captivity, docs/families.md). The source's CHECK
 * is part of the table, so the table is made again as step 9 made it,
 * rows, ids and order kept, with 'testimony' among the sources. */
static const char *const step_10[] = {
	"CREATE TABLE event_rebuilt (\n"
	"  id INTEGER PRIMARY KEY,\n"
	"  uid TEXT NOT NULL,\n"
	"  person_id INTEGER NOT NULL REFERENCES person(id),\n"
	"  type TEXT NOT NULL,\n"
	"  date TEXT NOT NULL,\n"
	"  source TEXT NOT NULL CHECK ("
	"    source = 'family_report' OR source = 'counterpart_list' OR source = 'mediator' OR"
	"    source = 'icrc_visit' OR source = 'media' OR source = 'own_records' OR source = 'testimony'"
	"  ),\n"
	"  place TEXT, note TEXT, cause TEXT, burial_place TEXT, grave TEXT,\n"
	"  status_before TEXT NOT NULL,\n"
	"  status_after TEXT NOT NULL,\n"
	"  created_at TEXT NOT NULL,\n"
	"  note_code TEXT,\n"
	"  note_args TEXT\n"
	") STRICT;\n",
	"INSERT INTO event_rebuilt (id, uid, person_id, type, date, source, place, note, cause,"
	" burial_place, grave, status_before, status_after, created_at, note_code, note_args)"
	" SELECT id, uid, person_id, type, date, source, place, note, cause, burial_place, grave,"
	" status_before, status_after, created_at, note_code, note_args FROM event ORDER BY id;\n",
	"DROP TABLE event;\n",
	"ALTER TABLE event_rebuilt RENAME TO event;\n",
	"CREATE UNIQUE INDEX event_uid ON event(uid);\n",
	"CREATE INDEX event_person ON event(person_id, date, id);\n",
	"CREATE INDEX event_type_date ON event(type, date);\n",
	NULL,
};

/* Step 11: the events import writes less (issue 14).
 *
 * A person's status lives in a narrow table of its own, person_state, a
 * row of a few bytes a person, instead of a column of the person's row of
 * about 500 bytes. Every event that moves a person rewrote that row, and
 * an import of events rewrote nearly every page of the person table
 * through the journal: at a million persons a fifth of the import. Now it
 * rewrites a table a hundredth of that size.
 *
 * The events' index by type and date served one thing, the dashboard's
 * returns by month (registry/stats.c), and an events import built it over
 * every event; the returns are a twentieth of the events, so the index now
 * holds theirs alone. */
static const char *const step_11[] = {
	"CREATE TABLE person_state (\n"
	"  person_id INTEGER PRIMARY KEY REFERENCES person(id),\n"
	"  status TEXT NOT NULL DEFAULT 'missing' CHECK ("
	"    status = 'missing' OR status = 'captured' OR status = 'held' OR"
	"    status = 'listed' OR status = 'handed_over' OR status = 'in_transit' OR"
	"    status = 'repatriated' OR status = 'declined_repatriation' OR status = 'released_otherwise' OR"
	"    status = 'died_in_captivity' OR status = 'remains_returned' OR status = 'identified'"
	"  )\n"
	") STRICT;\n",
	"INSERT INTO person_state(person_id, status) SELECT id, status FROM person ORDER BY id;\n",
	"DROP INDEX person_status;\n",
	"ALTER TABLE person DROP COLUMN status;\n",
	"CREATE INDEX person_state_status ON person_state(status);\n",
	"DROP INDEX event_type_date;\n",
	"CREATE INDEX event_repatriated ON event(date) WHERE type = 'repatriated';\n",
	NULL,
};

static const store_step steps[] = {
	{.legacy = 1, .sql = step_1},
	{.legacy = 2, .sql = step_2},
	{.legacy = 0, .sql = step_3},
	{.legacy = 0, .sql = step_4},
	{.legacy = 0, .sql = step_5},
	{.legacy = 0, .sql = step_6},
	{.legacy = 0, .sql = step_7},
	{.legacy = 0, .sql = step_8},
	{.legacy = 0, .sql = step_9, .rebuild = true},
	{.legacy = 0, .sql = step_10, .rebuild = true},
	{.legacy = 0, .sql = step_11},
};

const store_schema registry_schema = {"registry", STORE_STEPS(steps)};
