# parley retention ...

# A case closed 14 years ago and one closed last year, both with medical
# details and notes.
make_cases() {
	export PARLEY_DB=parley.db
	"$PARLEY" init >/dev/null
	old=$("$PARLEY" person add --surname Старий --medical wounded)
	"$PARLEY" person event "$old" --type capture --date 2010-01-01 --source media --note "взятий біля Х" >/dev/null
	"$PARLEY" person event "$old" --type health_report --date 2011-01-01 --source icrc_visit --note "рана ноги" --place "лікарня" >/dev/null
	"$PARLEY" person event "$old" --type released_otherwise --date 2012-05 --source own_records --note "обмін" >/dev/null
	new=$("$PARLEY" person add --surname Новий --medical wounded)
	"$PARLEY" person event "$new" --type capture --date 2024-01-01 --source media --note "свіжа нотатка" >/dev/null
	"$PARLEY" person event "$new" --type released_otherwise --date 2025-05-01 --source own_records >/dev/null
	held=$("$PARLEY" person add --surname Утримуваний --medical wounded)
	"$PARLEY" person event "$held" --type capture --date 2010-01-01 --source media --note "досі в полоні" >/dev/null
}

test_dry_run_first_then_one_transaction_audited() {
	make_cases
	p retention set medical 5
	expect_status 0
	expect_out "medical erased 5 years after a case closes"
	p retention set notes 10
	p retention rules
	expect_out "medical  erase   5"
	expect_out "notes    erase   10"
	# The dry run lists the four changes, and changes nothing.
	before=$(sql "SELECT count(*) FROM audit")
	p retention run --dry-run
	expect_status 0
	expect_out "dry run: 4 changes would be made; nothing was changed"
	expect_out "medical  $old                     medical"
	expect_out "place, note"
	[ "$(sql "SELECT count(*) FROM audit")" = "$before" ] || fail "the dry run wrote to the audit log"
	[ "$(sql "SELECT count(*) FROM event WHERE note IS NOT NULL")" = 5 ] || fail "the dry run erased notes"
	# The run: the old case's medical details and notes are gone, the
	# recent and the open case's are kept; an audit entry per change,
	# naming the fields and never the values.
	p retention run
	expect_out "retention: 4 changes made, each in the audit log"
	[ "$(sql "SELECT count(*) FROM person WHERE medical IS NOT NULL")" = 2 ] || fail "medical kept"
	[ "$(sql "SELECT medical FROM person WHERE uid = '$old'")" = "" ] || fail "old medical kept"
	[ "$(sql "SELECT group_concat(note, '|') FROM event WHERE note IS NOT NULL")" = "свіжа нотатка|досі в полоні" ] ||
		fail "notes: $(sql "SELECT group_concat(note, '|') FROM event WHERE note IS NOT NULL")"
	[ "$(sql "SELECT count(*) FROM audit WHERE action = 'retention'")" = 4 ] || fail "audit entries"
	[ "$(sql "SELECT count(*) FROM audit WHERE action = 'retention' AND after LIKE '%рана%'")" = 0 ] ||
		fail "an erased value in the audit log"
	p audit verify
	expect_status 0
	# Nothing left to do.
	p retention run --dry-run
	expect_out "dry run: 0 changes would be made"
	LANG=uk_UA.UTF-8 p retention run --dry-run
	expect_out "пробний запуск: буде 0 змін; нічого не змінено"
}

test_rules_refused_and_dropped() {
	export PARLEY_DB=parley.db
	"$PARLEY" init >/dev/null
	p retention set contacts 5
	expect_status 1
	expect_err "no kind of data called 'contacts' (the kinds: medical, notes)"
	p retention set medical 0
	expect_status 1
	expect_err "years must be 1 to 100, got 0"
	p retention drop medical
	expect_status 1
	expect_err "there is no retention rule for medical"
	p retention set medical 7
	p retention drop medical
	expect_status 0
	[ "$(sql "SELECT count(*) FROM retention_rule")" = 0 ] || fail "rule kept"
	[ "$(sql "SELECT count(*) FROM audit WHERE entity = 'retention_rule'")" = 2 ] || fail "rule changes not audited"
}
