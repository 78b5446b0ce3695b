# parley init and the schema.

test_init_creates_then_reports_up_to_date() {
	p init x.db
	expect_status 0
	expect_out "created x.db (schema version 1)"
	p init x.db
	expect_status 0
	expect_out "x.db is up to date"
	[ "$(sqlite3 x.db 'PRAGMA journal_mode')" = wal ] || fail "not in WAL mode"
}

test_newer_schema_is_refused() {
	"$PARLEY" init x.db >/dev/null
	sqlite3 x.db 'PRAGMA user_version = 7'
	p --db x.db stats
	expect_status 1
	expect_err "schema version 7"
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
	sqlite3 old.db 'PRAGMA application_id = 1347570777'
	p init old.db
	expect_status 0
	expect_out "migrated old.db from schema version 0 to 1"
}
