/* The DNA module's tables: frequencies, profiles, relatives, screening
 * runs and their proposals, families entered as pedigrees. */
#include "dna/schema.h"

#include <stddef.h>

/* Step 1 (legacy schema version 6). Allele frequencies per locus (one
 * table at a time, as counted or imported, with the floor for alleles it
 * lacks); STR profiles of remains (one per case) and of relatives (by the
 * laboratory's sample id), their alleles per locus kept as the laboratory
 * writes them ("9.3"), a locus that failed as two NULLs; which missing
 * person each relative is related to and how (a family); each screening
 * run with its model and thresholds; and the proposals it made, with who
 * decided what. */
static const char *const step_1[] = {
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

/* Step 2: an identification by two people, and its withdrawal. A
 * proposal is first reviewed (who, when, the note, and whether it was a
 * candidate or proposed), then confirmed by someone else; a confirmed one
 * keeps what its confirmation did (effect, JSON) so that a withdrawal can
 * undo exactly that, and a withdrawal is requested (reason, who, when, in
 * which roles: 1 admin, 2 identification) and approved by another person
 * of the other role. SQLite cannot change a CHECK: the table is made
 * again, its rows copied (confirmed ones stay confirmed), and its indexes
 * made again. */
static const char *const step_2[] = {
	"CREATE TABLE dna_proposal_new (\n"
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
	"    status = 'candidate' OR status = 'proposed' OR status = 'reviewed' OR"
	"    status = 'confirmed' OR status = 'rejected' OR status = 'withdrawn'"
	"  ),\n"
	"  action TEXT CHECK (action = 'identify' OR action = 'return' OR action = 'join'),\n"
	"  decided_by TEXT,\n"
	"  decided_at TEXT,\n"
	"  note TEXT,\n"
	"  created_at TEXT NOT NULL,\n"
	"  reviewed_by TEXT,\n"
	"  reviewed_at TEXT,\n"
	"  review_note TEXT,\n"
	"  reviewed_from TEXT CHECK (reviewed_from = 'candidate' OR reviewed_from = 'proposed'),\n"
	"  effect TEXT,\n"
	"  withdraw_reason TEXT,\n"
	"  withdraw_by TEXT,\n"
	"  withdraw_at TEXT,\n"
	"  withdraw_roles INTEGER CHECK (withdraw_roles BETWEEN 1 AND 3),\n"
	"  withdrawn_by TEXT,\n"
	"  withdrawn_at TEXT,\n"
	"  CHECK ((kind = 'kinship') = (person_id IS NOT NULL AND other_case_id IS NULL)),\n"
	"  CHECK (kind = 'kinship' OR (other_case_id IS NOT NULL AND person_id IS NULL)),\n"
	"  CHECK (status != 'reviewed' OR (reviewed_by IS NOT NULL AND reviewed_from IS NOT NULL)),\n"
	"  CHECK (status != 'withdrawn' OR (withdraw_reason IS NOT NULL AND withdrawn_by IS NOT NULL))\n"
	") STRICT;\n",
	"INSERT INTO dna_proposal_new (id, run_id, kind, case_id, person_id, other_case_id, log10_lr,"
	" log10_glr, posterior, loci, inconsistent, status, action, decided_by, decided_at, note,"
	" created_at) SELECT id, run_id, kind, case_id, person_id, other_case_id, log10_lr, log10_glr,"
	" posterior, loci, inconsistent, status, action, decided_by, decided_at, note, created_at"
	" FROM dna_proposal;\n",
	"DROP TABLE dna_proposal;\n",
	"ALTER TABLE dna_proposal_new RENAME TO dna_proposal;\n",
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

/* Step 3: the sex of a profile's person, from the laboratory's file (its
 * sex column, else its amelogenin), NULL when unknown; and the amelogenin
 * as typed ("X,Y", "X,X", "X" for one allele seen). A remains profile's
 * sex rules out missing persons of the other sex; a reference's is checked
 * against its relationship when imported. */
static const char *const step_3[] = {
	"ALTER TABLE dna_profile ADD COLUMN sex TEXT CHECK (sex = 'male' OR sex = 'female');\n",
	"ALTER TABLE dna_profile ADD COLUMN amelogenin TEXT CHECK (amelogenin IN"
	" ('X', 'Y', 'X,X', 'X,Y', 'Y,Y'));\n",
	NULL,
};

/* Step 4. Families entered as pedigrees (a pedigree file, pedfile.h): each
 * family by its id with the file it came from, and its individuals in the
 * ped layout: the id in the family, father and mother (ids in it, both or
 * neither), sex, the reference profile of a typed one, the missing person
 * a missing one is (one family a person). The individuals of a family are
 * replaced together when a changed family is imported. */
static const char *const step_4[] = {
	"CREATE TABLE dna_pedigree (\n"
	"  id INTEGER PRIMARY KEY,\n"
	"  family TEXT NOT NULL UNIQUE,\n"
	"  source TEXT NOT NULL,\n"
	"  created_at TEXT NOT NULL,\n"
	"  updated_at TEXT NOT NULL\n"
	") STRICT;\n",
	"CREATE TABLE dna_ped_member (\n"
	"  pedigree_id INTEGER NOT NULL REFERENCES dna_pedigree(id) ON DELETE CASCADE,\n"
	"  seq INTEGER NOT NULL,\n"                /* the order of the file's rows */
	"  individual TEXT NOT NULL,\n"
	"  father TEXT,\n"
	"  mother TEXT,\n"
	"  sex TEXT NOT NULL CHECK (sex = 'male' OR sex = 'female' OR sex = 'unknown'),\n"
	"  profile_id INTEGER REFERENCES dna_profile(id),\n"
	"  person_id INTEGER REFERENCES person(id),\n"
	"  note TEXT,\n"
	"  PRIMARY KEY (pedigree_id, individual),\n"
	"  CHECK ((father IS NULL) = (mother IS NULL)),\n"
	"  CHECK (profile_id IS NULL OR person_id IS NULL)\n"
	") STRICT, WITHOUT ROWID;\n",
	"CREATE UNIQUE INDEX dna_ped_member_person ON dna_ped_member(person_id)"
	" WHERE person_id IS NOT NULL;\n",
	"CREATE INDEX dna_ped_member_profile ON dna_ped_member(profile_id)"
	" WHERE profile_id IS NOT NULL;\n",
	NULL,
};

/* Step 5: the posterior pairing probabilities of a screening's joint
 * assignment (src/dna/pairing.h): of the pair, bounds on it (equal to it
 * where exact; only bounds for a group too large to enumerate), that its
 * remains are none of their candidates, that its person is none of the
 * remains. NULL where not computed: identity pairs, families whose joint
 * LRs are not known, and every proposal made before. */
static const char *const step_5[] = {
	"ALTER TABLE dna_proposal ADD COLUMN pairing REAL CHECK (pairing >= 0 AND pairing <= 1);\n",
	"ALTER TABLE dna_proposal ADD COLUMN pairing_lo REAL CHECK (pairing_lo >= 0 AND pairing_lo <= 1);\n",
	"ALTER TABLE dna_proposal ADD COLUMN pairing_hi REAL"
	" CHECK (pairing_hi >= pairing_lo AND pairing_hi <= 1);\n",
	"ALTER TABLE dna_proposal ADD COLUMN pairing_none_remains REAL"
	" CHECK (pairing_none_remains >= 0 AND pairing_none_remains <= 1);\n",
	"ALTER TABLE dna_proposal ADD COLUMN pairing_none_person REAL"
	" CHECK (pairing_none_person >= 0 AND pairing_none_person <= 1);\n",
	NULL,
};

/* Step 6 (issue 15, item 8): a relative's consent to the use of their
 * reference sample, and the proposals that fell when it was withdrawn.
 * dna_reference_consent holds, by the laboratory's sample id, whose consent
 * the sample was given under (`holder`, a label the caller gives: "inquiry
 * Q…" from the families module, which sits above and calls in; the DNA
 * module reads no table of theirs) and whether it stands: a withdrawn
 * sample is withheld, left out of every computation, imported withheld if
 * its profile comes later. A sample with no row is a laboratory's reference
 * (its collection form is its consent) and is used. dna_proposal gains the
 * status `fallen` (an unconfirmed proposal that rested on a withheld
 * reference: kept for the record, with the day, the reason and the
 * sample); SQLite cannot change a CHECK, so the table is made again, every
 * row copied as it was. */
static const char *const step_6[] = {
	"CREATE TABLE dna_reference_consent (\n"
	"  sample TEXT PRIMARY KEY,\n"
	"  holder TEXT NOT NULL,\n"
	"  state TEXT NOT NULL CHECK (state = 'given' OR state = 'withdrawn'),\n"
	"  at TEXT NOT NULL,\n"                  /* the day it was given, or withdrawn */
	"  reason TEXT,\n"
	"  actor TEXT NOT NULL,\n"
	"  updated_at TEXT NOT NULL,\n"
	"  CHECK (state = 'given' OR reason IS NOT NULL)\n"
	") STRICT, WITHOUT ROWID;\n",
	"CREATE INDEX dna_reference_consent_holder ON dna_reference_consent(holder);\n",
	"CREATE TABLE dna_proposal_new (\n"
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
	"    status = 'candidate' OR status = 'proposed' OR status = 'reviewed' OR"
	"    status = 'confirmed' OR status = 'rejected' OR status = 'withdrawn' OR status = 'fallen'"
	"  ),\n"
	"  action TEXT CHECK (action = 'identify' OR action = 'return' OR action = 'join'),\n"
	"  decided_by TEXT,\n"
	"  decided_at TEXT,\n"
	"  note TEXT,\n"
	"  created_at TEXT NOT NULL,\n"
	"  reviewed_by TEXT,\n"
	"  reviewed_at TEXT,\n"
	"  review_note TEXT,\n"
	"  reviewed_from TEXT CHECK (reviewed_from = 'candidate' OR reviewed_from = 'proposed'),\n"
	"  effect TEXT,\n"
	"  withdraw_reason TEXT,\n"
	"  withdraw_by TEXT,\n"
	"  withdraw_at TEXT,\n"
	"  withdraw_roles INTEGER CHECK (withdraw_roles BETWEEN 1 AND 3),\n"
	"  withdrawn_by TEXT,\n"
	"  withdrawn_at TEXT,\n"
	"  pairing REAL CHECK (pairing >= 0 AND pairing <= 1),\n"
	"  pairing_lo REAL CHECK (pairing_lo >= 0 AND pairing_lo <= 1),\n"
	"  pairing_hi REAL CHECK (pairing_hi >= pairing_lo AND pairing_hi <= 1),\n"
	"  pairing_none_remains REAL CHECK (pairing_none_remains >= 0 AND pairing_none_remains <= 1),\n"
	"  pairing_none_person REAL CHECK (pairing_none_person >= 0 AND pairing_none_person <= 1),\n"
	"  fallen_at TEXT,\n"
	"  fallen_from TEXT CHECK (fallen_from = 'candidate' OR fallen_from = 'proposed' OR"
	"    fallen_from = 'reviewed'),\n"
	"  fallen_reason TEXT,\n"
	"  fallen_sample TEXT,\n"
	"  CHECK ((kind = 'kinship') = (person_id IS NOT NULL AND other_case_id IS NULL)),\n"
	"  CHECK (kind = 'kinship' OR (other_case_id IS NOT NULL AND person_id IS NULL)),\n"
	"  CHECK (status != 'reviewed' OR (reviewed_by IS NOT NULL AND reviewed_from IS NOT NULL)),\n"
	"  CHECK (status != 'withdrawn' OR (withdraw_reason IS NOT NULL AND withdrawn_by IS NOT NULL)),\n"
	"  CHECK (status != 'fallen' OR (fallen_at IS NOT NULL AND fallen_reason IS NOT NULL))\n"
	") STRICT;\n",
	"INSERT INTO dna_proposal_new (id, run_id, kind, case_id, person_id, other_case_id, log10_lr,"
	" log10_glr, posterior, loci, inconsistent, status, action, decided_by, decided_at, note,"
	" created_at, reviewed_by, reviewed_at, review_note, reviewed_from, effect, withdraw_reason,"
	" withdraw_by, withdraw_at, withdraw_roles, withdrawn_by, withdrawn_at, pairing, pairing_lo,"
	" pairing_hi, pairing_none_remains, pairing_none_person) SELECT id, run_id, kind, case_id,"
	" person_id, other_case_id, log10_lr, log10_glr, posterior, loci, inconsistent, status, action,"
	" decided_by, decided_at, note, created_at, reviewed_by, reviewed_at, review_note, reviewed_from,"
	" effect, withdraw_reason, withdraw_by, withdraw_at, withdraw_roles, withdrawn_by, withdrawn_at,"
	" pairing, pairing_lo, pairing_hi, pairing_none_remains, pairing_none_person FROM dna_proposal;\n",
	"DROP TABLE dna_proposal;\n",
	"ALTER TABLE dna_proposal_new RENAME TO dna_proposal;\n",
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

static const store_step steps[] = {
	{.legacy = 6, .sql = step_1},
	{.legacy = 0, .sql = step_2},
	{.legacy = 0, .sql = step_3},
	{.legacy = 0, .sql = step_4},
	{.legacy = 0, .sql = step_5},
	{.legacy = 0, .sql = step_6, .rebuild = true},
};

const store_schema dna_schema = {"dna", STORE_STEPS(steps)};
