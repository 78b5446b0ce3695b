/* The match module's tables: reconciliation decisions and the registry's
 * linkage keys. */
#include "match/schema.h"

#include <stddef.h>

/* Step 1 (legacy schema version 3): reconciliation decisions. A person's
 * confirm or reject of a list row against a registry person, found again
 * on the next run of a list with the same row: the row is known by a hash
 * of what it says (its linkage columns), so reordered or resent lists keep
 * their decisions, and a row that changed asks for a fresh look. */
static const char *const step_1[] = {
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

/* Step 2 (legacy 4): the linkage columns of each person, kept so that a
 * reconciliation keys only the persons that are new or changed since the
 * last. src_hash is a hash of the fields the columns are made from (and
 * the key rules' version): a stale row is simply made again. */
static const char *const step_2[] = {
	"CREATE TABLE match_key (\n"
	"  person_id INTEGER PRIMARY KEY REFERENCES person(id) ON DELETE CASCADE,\n"
	"  src_hash BLOB NOT NULL,\n"
	"  cols TEXT NOT NULL\n"
	") STRICT;\n",
	NULL,
};

static const store_step steps[] = {
	{.legacy = 3, .sql = step_1},
	{.legacy = 4, .sql = step_2},
};

const store_schema match_schema = {"match", STORE_STEPS(steps)};
