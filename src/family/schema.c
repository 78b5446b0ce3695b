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

static const store_step steps[] = {
	{.sql = step_1},
};

const store_schema family_schema = {"family", STORE_STEPS(steps)};
