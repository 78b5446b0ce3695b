# Databases made by released binaries (tests/data/legacy-v*.sql, made by
# tests/data/make-legacy-db) open, upgrade in place, keep every row and
# their audit chain, and take new writes.

FIXTURES="$HERE/../data"

# Each table's rows, one "table count" a line (the store's own schema
# versions aside, and the name index's tables, which registry step 7
# builds again with prefix indexes and step 8 replaces with person_key,
# and the access log's index by person, which audit step 3 builds).
table_rows() {
	for t in $(sqlite3 "$1" "SELECT name FROM sqlite_schema WHERE type = 'table'
		AND sql NOT LIKE 'CREATE VIRTUAL%' AND name NOT LIKE 'sqlite%'
		AND name NOT LIKE 'person_fts_%' AND name != 'person_key' AND name != 'schema_version'
		AND name NOT IN ('access_by_person', 'access_indexed')
		ORDER BY name"); do
		echo "$t $(sqlite3 "$1" "SELECT count(*) FROM \"$t\"")"
	done
}

# Every event, column by column (those of the first release), in id order,
# as one checksum.
event_rows() {
	sqlite3 "$1" "SELECT id, uid, person_id, type, date, source, place, note, cause, burial_place,
		grave, status_before, status_after, created_at FROM event ORDER BY id" | md5sum
}

# 1234567 as parley writes it: 1,234,567.
thousands() {
	echo "$1" | sed ':a;s/\B[0-9]\{3\}\>/,&/;ta'
}

# Load fixture $1 (schema version $2, $3 persons) into old.db, upgrade it
# with parley init, and check it.
upgrade_fixture() {
	sqlite3 old.db < "$FIXTURES/$1"
	[ "$(sqlite3 old.db 'PRAGMA user_version')" = "$2" ] || fail "the fixture is not version $2"
	table_rows old.db > before.txt
	entries=$(sqlite3 old.db 'SELECT count(*) FROM audit')
	events_before=$(event_rows old.db)
	statuses_before=$(sqlite3 old.db "SELECT group_concat(id || ':' || status) FROM (SELECT * FROM person ORDER BY id)")
	[ "$(sqlite3 old.db 'SELECT count(*) FROM event')" -gt 0 ] || fail "the fixture has no events"
	p init old.db
	expect_status 0
	expect_out "migrated old.db from schema version $2 to 7"
	[ "$(sqlite3 old.db 'PRAGMA user_version')" = 7 ] || fail "not stamped version 7"
	versions=$(sqlite3 old.db "SELECT group_concat(module || '=' || version, ' ')
		FROM (SELECT * FROM schema_version ORDER BY module)")
	[ "$versions" = "accord=4 audit=3 auth=3 dna=6 family=5 match=2 registry=11 remains=3 sign=2 store=1" ] ||
		fail "module versions: $versions"
	# Every row is still there; the tables the file lacked are there, empty,
	# but person_state, which registry step 11 fills from the persons.
	table_rows old.db > after.txt
	join -a 2 before.txt after.txt | awk 'NF == 3 && $2 != $3 || NF == 2 && $2 != 0 && $1 != "person_state"' > lost.txt
	[ ! -s lost.txt ] || fail "rows changed: $(cat lost.txt)"
	[ "$(sqlite3 old.db "SELECT group_concat(person_id || ':' || status) FROM (SELECT * FROM person_state ORDER BY person_id)")" = \
		"$statuses_before" ] || fail "the statuses did not move to person_state whole"
	# Registry step 9 made the event table again: every event as it was,
	# its id's uniqueness now the index event_uid, which refuses a repeat.
	[ "$(event_rows old.db)" = "$events_before" ] || fail "the events changed"
	[ "$(sqlite3 old.db "SELECT \"unique\" FROM pragma_index_list('event') WHERE name = 'event_uid'")" = 1 ] ||
		fail "no unique index event_uid"
	sqlite3 old.db "INSERT INTO event(uid, person_id, type, date, source, status_before, status_after,
		created_at) SELECT uid, person_id, type, date, source, status_before, status_after, created_at
		FROM event LIMIT 1" 2>/dev/null && fail "a repeated event id was taken"
	# The access log's index by person (audit step 3) holds every entry.
	[ "$(sqlite3 old.db "SELECT count(*) FROM access_by_person")" = \
		"$(sqlite3 old.db "SELECT count(*) FROM access_log")" ] || fail "access log not indexed"
	[ "$(sqlite3 old.db "SELECT upto = (SELECT max(id) FROM access_log) FROM access_indexed")" = 1 ] ||
		fail "access log's mark"
	p --db old.db stats
	expect_out "old.db: $3 persons"
	# The name index, built again, finds them.
	surname=$(sqlite3 old.db "SELECT surname FROM person WHERE surname IS NOT NULL ORDER BY id LIMIT 1")
	p --db old.db person search "$surname"
	expect_status 0
	expect_out "$surname"
	p --db old.db audit verify
	expect_status 0
	expect_out "audit chain intact: $(thousands "$entries") entries"
	# New writes, audited on the same chain.
	id=$("$PARLEY" --db old.db person add --surname Оновлений --given-names Петро) || fail "person add"
	p --db old.db person event "$id" --type capture --date 2024-05-01 --source family_report
	expect_status 0
	p --db old.db stats
	expect_out "old.db: $(($3 + 1)) persons"
	p --db old.db audit verify
	expect_status 0
	expect_out "audit chain intact: $(thousands $((entries + 2))) entries"
	# Opened again, it is up to date.
	p init old.db
	expect_out "old.db is up to date (schema version 7)"
}

test_upgrade_release_v6() {
	upgrade_fixture legacy-v6.sql 6 170
	# What each module shows of the others' records is there as before.
	p --db old.db stage list
	expect_out "istanbul-2025-06-02  2    2025-12-02  executed  1        UA 30 (bodies), RU 30 (bodies)"
	batch=$(sqlite3 old.db "SELECT label FROM remains_batch WHERE stage_id IS NOT NULL LIMIT 1")
	stage=$(sqlite3 old.db "SELECT uid FROM stage WHERE number = 2")
	p --db old.db remains batch show "$batch"
	expect_out "handed over in stage $stage"
	case=$(sqlite3 old.db "SELECT c.tag FROM dna_proposal x JOIN remains_case c ON c.id = x.case_id
		WHERE x.status = 'confirmed'")
	person=$(sqlite3 old.db "SELECT p.uid FROM dna_proposal x JOIN person p ON p.id = x.person_id
		WHERE x.status = 'confirmed'")
	p --db old.db dna proposals --status confirmed
	expect_status 0
	expect_out "$case  $person  self"
}

test_upgrade_release_v2() {
	upgrade_fixture legacy-v2.sql 2 60
	p --db old.db user list
	expect_out "reg"
}

# A fresh database and an upgraded one have the same schema.
test_upgrade_gives_the_schema_of_a_new_database() {
	"$PARLEY" init new.db >/dev/null
	sqlite3 old.db < "$FIXTURES/legacy-v6.sql"
	"$PARLEY" init old.db >/dev/null
	q="SELECT type, name, tbl_name, sql FROM sqlite_schema ORDER BY type, name"
	sqlite3 new.db "$q" > new.txt
	sqlite3 old.db "$q" > old.txt
	diff new.txt old.txt > schema.diff || fail "schemas differ: $(head -20 schema.diff)"
}
