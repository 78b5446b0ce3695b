# parley audit ...

test_verify_intact_then_tampered() {
	"$PARLEY" init >/dev/null
	id=$("$PARLEY" person add --surname Ткаченко --rank солдат)
	"$PARLEY" person update "$id" --rank сержант >/dev/null
	"$PARLEY" person event "$id" --type capture --date 2022-01-01 --source media >/dev/null
	p audit verify
	expect_status 0
	expect_out "audit chain intact: 3 entries"
	expect_out "head "
	# The summary in the language LANG asks for; the hash as it is.
	LANG=uk_UA.UTF-8 p audit verify
	expect_out "ланцюжок аудиту цілий: 3 записи"
	expect_out "head "
	# Someone edits the file directly, as they could with the sqlite3 shell.
	sqlite3 parley.db "DROP TRIGGER audit_no_update; UPDATE audit SET after = replace(after, 'сержант', 'капітан') WHERE seq = 2"
	p audit verify
	expect_status 1
	expect_err "BROKEN: audit entry 2"
	expect_err "changed after it was written"
	LANG=ru_RU.UTF-8 p audit verify
	expect_status 1
	expect_err "BROKEN: запись аудита 2 ("
	expect_err "её содержимое изменено после записи"
	expect_err "1 запись перед ней целы"
	p audit verify --json
	expect_status 1
	expect_out "\"first_bad\": 2"
}

test_removed_entry_is_found() {
	"$PARLEY" init >/dev/null
	for n in 1 2 3 4; do "$PARLEY" person add --surname "Особа$n" >/dev/null; done
	sqlite3 parley.db "DROP TRIGGER audit_no_delete; DELETE FROM audit WHERE seq = 2"
	p audit verify
	expect_status 1
	expect_err "audit entry 3: entries 2 to 2 before it are missing"
}

test_log_and_access() {
	"$PARLEY" init >/dev/null
	id=$("$PARLEY" person add --surname Левченко)
	PARLEY_ACTOR=alice "$PARLEY" person update "$id" --rank солдат >/dev/null
	PARLEY_ACTOR=bob "$PARLEY" person show "$id" >/dev/null
	p audit log
	expect_status 0
	expect_out "alice"
	expect_out "update"
	p audit log --actor alice --json
	expect_out "\"after\": {"
	expect_out "\"rank\": \"солдат\""
	p audit access --person "$id"
	expect_out "bob"
	expect_out "show"
	p audit log --since 2020-13-01
	expect_status 2
}

test_exports_are_logged_and_files_are_private() {
	"$PARLEY" init >/dev/null
	"$PARLEY" person add --surname Гнатюк >/dev/null
	PARLEY_ACTOR=carol "$PARLEY" export -o all.json
	p audit access --actor carol
	expect_out "*"
	expect_out "export json"
	[ "$(stat -c %a parley.db)" = 600 ] || fail "the database is readable by others"
	[ "$(stat -c %a all.json)" = 600 ] || fail "the export is readable by others"
}
