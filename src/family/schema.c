/* The families module's tables: inquiries and the consent given with them. */
#include "family/schema.h"

#include <stddef.h>

/* Step 1: inquiries about persons of the registry, and consent per
 * purpose, each grant a row that keeps its withdrawal (never deleted). */
static const char *const step_1[] = {
	"CREATE TABLE inquiry (\n"
	"  id INTEGER PRIMARY KEY,\n"
	"  uid TEXT NOT NULL UNIQUE,\n"
	"  ref TEXT UNIQUE,\n"
	"  person_id INTEGER NOT NULL REFERENCES person(id),\n"
	"  linked TEXT NOT NULL CHECK (linked = 'given' OR linked = 'match' OR linked = 'new'),\n"
	"  link_prob REAL,\n"
	"  status TEXT NOT NULL DEFAULT 'open' CHECK ("
	"    status = 'open' OR status = 'answered' OR status = 'closed'),\n"
	"  close_reason TEXT,\n"
	"  surname TEXT,\n"
	"  given_names TEXT,\n"
	"  patronymic TEXT,\n"
	"  birth_date TEXT,\n"
	"  sex TEXT,\n"
	"  party TEXT,\n"
	"  inquirer TEXT,\n"
	"  organisation TEXT,\n"
	"  relation TEXT,\n"
	"  phone TEXT,\n"
	"  email TEXT,\n"
	"  address TEXT,\n"
	"  language TEXT CHECK (language = 'uk' OR language = 'en' OR language = 'ru'),\n"
	"  received TEXT NOT NULL,\n"
	"  last_seen_date TEXT,\n"
	"  last_seen_place TEXT,\n"
	"  unit TEXT,\n"
	"  circumstances TEXT,\n"
	"  note TEXT,\n"
	"  actor TEXT NOT NULL,\n"
	"  created_at TEXT NOT NULL,\n"
	"  updated_at TEXT NOT NULL,\n"
	"  CHECK (inquirer IS NOT NULL OR organisation IS NOT NULL)\n"
	") STRICT;\n",
	"CREATE INDEX inquiry_person ON inquiry(person_id);\n",
	"CREATE INDEX inquiry_status ON inquiry(status, id);\n",
	"CREATE TABLE inquiry_consent (\n"
	"  id INTEGER PRIMARY KEY,\n"
	"  inquiry_id INTEGER NOT NULL REFERENCES inquiry(id),\n"
	"  purpose TEXT NOT NULL CHECK (purpose = 'tracing' OR purpose = 'dna_reference' OR"
	"    purpose = 'share_icrc' OR purpose = 'share_other_party' OR purpose = 'court'),\n"
	"  given TEXT NOT NULL,\n"
	"  form TEXT NOT NULL CHECK (form = 'written' OR form = 'oral' OR form = 'online'),\n"
	"  withdrawn TEXT,\n"
	"  withdrawn_form TEXT CHECK (withdrawn_form = 'written' OR withdrawn_form = 'oral' OR"
	"    withdrawn_form = 'online'),\n"
	"  note TEXT,\n"
	"  actor TEXT NOT NULL,\n"
	"  created_at TEXT NOT NULL,\n"
	"  CHECK (withdrawn IS NULL OR withdrawn >= given)\n"
	") STRICT;\n",
	"CREATE INDEX inquiry_consent_inquiry ON inquiry_consent(inquiry_id, id);\n",
	"CREATE TRIGGER inquiry_consent_no_delete BEFORE DELETE ON inquiry_consent BEGIN\n"
	"  SELECT RAISE(ABORT, 'consent is withdrawn, never deleted');\n"
	"END;\n",
	NULL,
};

/* Step 2: the watch (issue 15, item 3): the family liaison's tasks, one
 * per thing and person, and the watch's mark in the audit log. */
static const char *const step_2[] = {
	"CREATE TABLE family_task (\n"
	"  id INTEGER PRIMARY KEY,\n"
	"  uid TEXT NOT NULL UNIQUE,\n"
	"  person_id INTEGER NOT NULL REFERENCES person(id),\n"
	"  inquiry_id INTEGER NOT NULL REFERENCES inquiry(id),\n"
	"  kind TEXT NOT NULL CHECK (kind = 'list' OR kind = 'manifest' OR kind = 'status' OR"
	"    kind = 'remains' OR kind = 'dna'),\n"
	"  source TEXT NOT NULL,\n"
	"  evidence_code TEXT NOT NULL,\n"
	"  evidence_args TEXT NOT NULL,\n"
	"  status TEXT NOT NULL DEFAULT 'open' CHECK ("
	"    status = 'open' OR status = 'done' OR status = 'dismissed'),\n"
	"  assignee TEXT,\n"
	"  told_how TEXT CHECK (told_how = 'phone' OR told_how = 'letter' OR told_how = 'in_person'),\n"
	"  told_on TEXT,\n"
	"  note TEXT,\n"
	"  closed_by TEXT,\n"
	"  closed_at TEXT,\n"
	"  created_at TEXT NOT NULL,\n"
	"  UNIQUE (kind, source, person_id),\n"
	"  CHECK (status <> 'done' OR (told_how IS NOT NULL AND told_on IS NOT NULL)),\n"
	"  CHECK (status <> 'dismissed' OR note IS NOT NULL)\n"
	") STRICT;\n",
	"CREATE INDEX family_task_status ON family_task(status, person_id, id);\n",
	"CREATE INDEX family_task_person ON family_task(person_id, id);\n",
	"CREATE TABLE family_watch (\n"
	"  id INTEGER PRIMARY KEY CHECK (id = 1),\n"
	"  audit_seq INTEGER NOT NULL\n"
	") STRICT;\n",
	NULL,
};

/* Step 3: the ante-mortem record of a sought person (one JSON document a
 * person, checked by family/antemortem.c) and their photos, files beside
 * the database named by their SHA-256. */
static const char *const step_3[] = {
	"CREATE TABLE antemortem (\n"
	"  person_id INTEGER PRIMARY KEY REFERENCES person(id),\n"
	"  doc TEXT NOT NULL,\n"
	"  actor TEXT NOT NULL,\n"
	"  updated_at TEXT NOT NULL\n"
	") STRICT;\n",
	"CREATE TABLE antemortem_photo (\n"
	"  id INTEGER PRIMARY KEY,\n"
	"  person_id INTEGER NOT NULL REFERENCES person(id),\n"
	"  sha256 TEXT NOT NULL CHECK (length(sha256) = 64),\n"
	"  type TEXT NOT NULL CHECK (type = 'image/jpeg' OR type = 'image/png' OR type = 'image/webp'),\n"
	"  size INTEGER NOT NULL CHECK (size > 0),\n"
	"  caption TEXT,\n"
	"  actor TEXT NOT NULL,\n"
	"  created_at TEXT NOT NULL,\n"
	"  UNIQUE (person_id, sha256)\n"
	") STRICT;\n",
	"CREATE INDEX antemortem_photo_sha ON antemortem_photo(sha256);\n",
	NULL,
};

/* Step 4: letters to families (issue 15, item 4): the office's own
 * templates, every version a row never changed (a reset is a row without
 * a body), and the letters sent with their text as it went. */
static const char *const step_4[] = {
	"CREATE TABLE letter_template (\n"
	"  id INTEGER PRIMARY KEY,\n"
	"  kind TEXT NOT NULL CHECK (kind = 'acknowledgement' OR kind = 'status_update' OR kind = 'return' OR"
	"    kind = 'identification'),\n"
	"  lang TEXT NOT NULL CHECK (lang = 'uk' OR lang = 'en' OR lang = 'ru'),\n"
	"  body TEXT,\n"
	"  actor TEXT NOT NULL,\n"
	"  created_at TEXT NOT NULL\n"
	") STRICT;\n",
	"CREATE INDEX letter_template_kind ON letter_template(kind, lang, id);\n",
	"CREATE TRIGGER letter_template_kept BEFORE UPDATE ON letter_template BEGIN\n"
	"  SELECT RAISE(ABORT, 'a template version is kept as it was saved');\n"
	"END;\n",
	"CREATE TABLE letter (\n"
	"  id INTEGER PRIMARY KEY,\n"
	"  uid TEXT NOT NULL UNIQUE,\n"
	"  inquiry_id INTEGER NOT NULL REFERENCES inquiry(id),\n"
	"  kind TEXT NOT NULL CHECK (kind = 'acknowledgement' OR kind = 'status_update' OR kind = 'return' OR"
	"    kind = 'identification'),\n"
	"  lang TEXT NOT NULL CHECK (lang = 'uk' OR lang = 'en' OR lang = 'ru'),\n"
	"  template_version INTEGER REFERENCES letter_template(id),\n"
	"  body TEXT NOT NULL,\n"
	"  recipient TEXT,\n"
	"  address TEXT,\n"
	"  email TEXT,\n"
	"  office TEXT,\n"
	"  how TEXT NOT NULL CHECK (how = 'post' OR how = 'email' OR how = 'in_person' OR how = 'phone' OR"
	"    how = 'handed_over'),\n"
	"  sent_on TEXT NOT NULL,\n"
	"  task_id INTEGER REFERENCES family_task(id),\n"
	"  actor TEXT NOT NULL,\n"
	"  created_at TEXT NOT NULL\n"
	") STRICT;\n",
	"CREATE INDEX letter_inquiry ON letter(inquiry_id, id);\n",
	NULL,
};

/* Step 5: returnees' testimonies (issue 15, item 5): a debriefing of a
 * registry person, the people they saw in captivity each as said, the
 * engine's candidates for each, and the reviewer's decision. An accepted
 * sighting is an event of the registry (source testimony) named here by
 * its uid. */
static const char *const step_5[] = {
	"CREATE TABLE testimony (\n"
	"  id INTEGER PRIMARY KEY,\n"
	"  uid TEXT NOT NULL UNIQUE,\n"
	"  ref TEXT UNIQUE,\n"
	"  returnee_id INTEGER NOT NULL REFERENCES person(id),\n"
	"  taken_on TEXT NOT NULL,\n"
	"  taken_by TEXT NOT NULL,\n"
	"  taken_at TEXT,\n"
	"  note TEXT,\n"
	"  actor TEXT NOT NULL,\n"
	"  created_at TEXT NOT NULL\n"
	") STRICT;\n",
	"CREATE INDEX testimony_returnee ON testimony(returnee_id);\n",
	"CREATE TABLE sighting (\n"
	"  id INTEGER PRIMARY KEY,\n"
	"  uid TEXT NOT NULL UNIQUE,\n"
	"  testimony_id INTEGER NOT NULL REFERENCES testimony(id),\n"
	"  surname TEXT,\n"
	"  given_names TEXT,\n"
	"  patronymic TEXT,\n"
	"  nickname TEXT,\n"
	"  rank TEXT,\n"
	"  unit TEXT,\n"
	"  place TEXT,\n"
	"  date TEXT,\n"
	"  condition TEXT NOT NULL CHECK (condition = 'alive' OR condition = 'wounded' OR"
	"    condition = 'ill' OR condition = 'dead' OR condition = 'unknown'),\n"
	"  note TEXT,\n"
	"  why_none TEXT,\n"
	"  status TEXT NOT NULL DEFAULT 'review' CHECK (status = 'review' OR status = 'accepted' OR"
	"    status = 'rejected' OR status = 'not_in_registry'),\n"
	"  person_id INTEGER REFERENCES person(id),\n"
	"  prob REAL,\n"
	"  confidence TEXT CHECK (confidence = 'high' OR confidence = 'medium' OR confidence = 'low'),\n"
	"  event_uid TEXT UNIQUE,\n"
	"  decided_by TEXT,\n"
	"  decided_at TEXT,\n"
	"  decision_note TEXT,\n"
	"  CHECK (status <> 'accepted' OR (person_id IS NOT NULL AND confidence IS NOT NULL AND"
	"    event_uid IS NOT NULL))\n"
	") STRICT;\n",
	"CREATE INDEX sighting_testimony ON sighting(testimony_id, id);\n",
	"CREATE INDEX sighting_status ON sighting(status, id);\n",
	"CREATE INDEX sighting_person ON sighting(person_id) WHERE person_id IS NOT NULL;\n",
	"CREATE TABLE sighting_candidate (\n"
	"  sighting_id INTEGER NOT NULL REFERENCES sighting(id),\n"
	"  rank INTEGER NOT NULL,\n"
	"  person_id INTEGER NOT NULL REFERENCES person(id),\n"
	"  prob REAL NOT NULL,\n"
	"  PRIMARY KEY (sighting_id, rank)\n"
	") STRICT, WITHOUT ROWID;\n",
	NULL,
};

static const store_step steps[] = {
	{.sql = step_1},
	{.sql = step_2},
	{.sql = step_3},
	{.sql = step_4},
	{.sql = step_5},
};

const store_schema family_schema = {"family", STORE_STEPS(steps)};
