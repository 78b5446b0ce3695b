# parley init and the schema.

test_init_creates_then_reports_up_to_date() {
	latest=$("$PARLEY" --version | sed 's/.*schema version \([0-9]*\).*/\1/')
	p init x.db
	expect_status 0
	expect_out "created x.db (schema version $latest)"
	p init x.db
	expect_status 0
	expect_out "x.db is up to date"
	[ "$(sqlite3 x.db 'PRAGMA journal_mode')" = wal ] || fail "not in WAL mode"
}

# A file of the latest format whose module lacks a step (a newer parley
# added it) says which module it migrated, not "up to date".
test_init_says_which_modules_it_migrated() {
	"$PARLEY" init x.db >/dev/null
	sqlite3 x.db "DROP TABLE match_key; UPDATE schema_version SET version = 1 WHERE module = 'match'"
	p init x.db
	expect_status 0
	expect_out "migrated x.db: match 1→2"
	[ "$(sqlite3 x.db "SELECT count(*) FROM sqlite_schema WHERE name = 'match_key'")" = 1 ] ||
		fail "match_key not made again"
	p init x.db
	expect_out "x.db is up to date"
}

test_newer_schema_is_refused() {
	"$PARLEY" init x.db >/dev/null
	sqlite3 x.db 'PRAGMA user_version = 99'
	p --db x.db stats
	expect_status 1
	expect_err "schema version 99"
	expect_err "upgrade parley"
	p init x.db
	expect_status 1
}

test_other_files_are_refused() {
	sqlite3 other.db 'CREATE TABLE t(x)'
	p --db other.db stats
	expect_status 1
	expect_err "not a parley database"
	printf 'surname\nШевченко\n' > list.csv
	p --db list.csv stats
	expect_status 1
	[ "$(cat list.csv)" = "$(printf 'surname\nШевченко')" ] || fail "the file was changed"
}

test_old_schema_is_migrated() {
	latest=$("$PARLEY" --version | sed 's/.*schema version \([0-9]*\).*/\1/')
	sqlite3 old.db 'PRAGMA application_id = 1347570777'
	p init old.db
	expect_status 0
	expect_out "migrated old.db from schema version 0 to $latest"
	# A version 1 database, as the first release wrote it, with a person.
	"$PARLEY" init v1.db >/dev/null
	"$PARLEY" --db v1.db person add --surname Першин >/dev/null
	sqlite3 v1.db "DROP TABLE sighting_candidate; DROP TABLE sighting; DROP TABLE testimony; DROP TABLE remains_pm; DROP TABLE letter; DROP TABLE letter_template; DROP TABLE antemortem_photo; DROP TABLE antemortem; DROP TABLE family_task; DROP TABLE family_watch; DROP TABLE inquiry_consent; DROP TABLE inquiry; DROP TABLE retention_rule; DROP TABLE dna_ped_member; DROP TABLE dna_pedigree;
		DROP TABLE dna_reference_consent; DROP TABLE dna_proposal; DROP TABLE dna_run; DROP TABLE dna_relative;
		DROP TABLE dna_allele; DROP TABLE dna_profile; DROP TABLE dna_frequency; DROP TABLE dna_locus;
		DROP TABLE auth_setting; DROP TABLE login_pending; DROP TABLE recovery_code; DROP TABLE user_totp;
		DROP TABLE api_token; DROP TABLE session; DROP TABLE user;
		ALTER TABLE access_log DROP COLUMN detail;
		DROP TABLE access_by_person; DROP TABLE access_indexed; CREATE INDEX access_person ON access_log(person_uid);
		DROP TABLE event; CREATE TABLE event (id INTEGER PRIMARY KEY, uid TEXT NOT NULL UNIQUE,
		person_id INTEGER NOT NULL REFERENCES person(id), type TEXT NOT NULL, date TEXT NOT NULL,
		source TEXT NOT NULL CHECK (source = 'family_report' OR source = 'counterpart_list' OR
		source = 'mediator' OR source = 'icrc_visit' OR source = 'media' OR source = 'own_records'),
		place TEXT, note TEXT, cause TEXT, burial_place TEXT, grave TEXT, status_before TEXT NOT NULL,
		status_after TEXT NOT NULL, created_at TEXT NOT NULL) STRICT;
		CREATE INDEX event_person ON event(person_id, date, id);
		ALTER TABLE person DROP COLUMN pseudonymised_at; ALTER TABLE person DROP COLUMN home_address;
		ALTER TABLE person DROP COLUMN home_locality; ALTER TABLE person DROP COLUMN home_region;
		ALTER TABLE person DROP COLUMN home_country; ALTER TABLE person DROP COLUMN inform_address;
		ALTER TABLE person DROP COLUMN inform_locality; ALTER TABLE person DROP COLUMN inform_region;
		ALTER TABLE person DROP COLUMN inform_country;
		DROP TABLE person_state; ALTER TABLE person ADD COLUMN status TEXT NOT NULL DEFAULT 'captured';
		CREATE INDEX person_status ON person(status);
		DROP TABLE person_key; CREATE VIRTUAL TABLE person_fts USING fts5(name_keys, content='person',
		content_rowid='id', tokenize='ascii', detail=none, columnsize=0);
		INSERT INTO person_fts(person_fts) VALUES ('rebuild');
		CREATE VIRTUAL TABLE person_fts_vocab USING fts5vocab(person_fts, 'row');
		DROP TABLE match_decision; DROP TABLE match_key;
		DROP TABLE remains_fragment; DROP TABLE remains_custody; DROP TABLE remains_case;
		DROP TABLE remains_batch; DROP TABLE signing_secret; DROP TABLE signing_key; DROP TABLE stage_discrepancy;
		DROP TABLE stage_batch; DROP TABLE stage_correction; DROP TABLE stage_entry; DROP TABLE manifest_signature;
		DROP TABLE manifest_received; DROP TABLE manifest; DROP TABLE stage; DROP TABLE agreement; PRAGMA user_version = 1"
	p --db v1.db person list
	expect_status 0
	expect_out "Першин"
	p --db v1.db person search Перш
	expect_out "Першин"
	[ "$(sqlite3 v1.db 'PRAGMA user_version')" = "$latest" ] || fail "not migrated"
	[ "$(sqlite3 v1.db "SELECT count(*) FROM sqlite_schema WHERE name = 'user'")" = 1 ] || fail "no user table"
	[ "$(sqlite3 v1.db "SELECT count(*) FROM sqlite_schema WHERE name = 'match_decision'")" = 1 ] ||
		fail "no match_decision table"
	[ "$(sqlite3 v1.db "SELECT \"unique\" FROM pragma_index_list('event') WHERE name = 'event_uid'")" = 1 ] ||
		fail "no unique index event_uid"
	[ "$(sqlite3 v1.db "SELECT s.status FROM person p JOIN person_state s ON s.person_id = p.id")" = captured ] ||
		fail "the status did not move to person_state"
	p --db v1.db person list --status captured
	expect_out "Першин"
}
