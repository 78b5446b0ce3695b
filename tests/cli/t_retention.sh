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
	expect_out "medical  erase   $old                     medical"
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
	p retention set contact 5
	expect_status 1
	expect_err "no kind of data called 'contact' (the kinds: medical, notes, contacts, identity)"
	p retention set identity 5 --action erase
	expect_status 1
	expect_err "'erase' is not what a rule for identity can do (it can: pseudonymise)"
	p retention set notes 5 --action pseudonymise
	expect_status 1
	expect_err "'pseudonymise' is not what a rule for notes can do (it can: erase)"
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

# The identity of a case closed long ago: the names, mother's maiden
# name, birth place, home address and service number go, the birth date
# keeps its year and the address its country, the person to be informed
# (name and address) is erased; the record stays under its uid and
# nothing gives the names back.
test_identity_pseudonymised_and_contacts_erased() {
	export PARLEY_DB=parley.db
	"$PARLEY" init >/dev/null
	old=$("$PARLEY" person add --surname Коваленко --given-names Петро --surname-latin Kovalenko \
		--birth-date 1985-03-14 --birth-place Полтава --service-number АА123456 --mother-maiden-name Іваненко \
		--inform "Марія Коваленко" --inform-address "вул. Миру 1" --inform-locality Полтава \
		--inform-region "Полтавська область" --inform-country ua --home-address "вул. Соборна 5, кв. 2" \
		--home-locality Полтава --home-region "Полтавська область" --home-country UA --ext icrc=ICRC-77)
	"$PARLEY" person event "$old" --type capture --date 2010-01-01 --source media >/dev/null
	"$PARLEY" person event "$old" --type released_otherwise --date 2012-05-01 --source own_records >/dev/null
	new=$("$PARLEY" person add --surname Коваль --inform "Олена Коваль" --inform-locality Суми \
		--home-locality Суми)
	"$PARLEY" person event "$new" --type capture --date 2024-01-01 --source media >/dev/null
	"$PARLEY" person event "$new" --type released_otherwise --date 2025-05-01 --source own_records >/dev/null
	# His mother's inquiry, with her contacts.
	q=$("$PARLEY" inquiry add --inquirer "Марія Коваленко" --relation mother --phone "+380 50 000 0000" \
		--person "$old" --received 2010-02-01 --consent tracing:written | sed -n 's/^inquiry \(Q[0-9A-Z]*\) .*/\1/p')
	[ -n "$q" ] || fail "no inquiry"
	# A reconciliation keeps the registry's linkage keys (match_key).
	printf 'surname,given_names\nКоваленко,Петро\n' > list.csv
	"$PARLEY" reconcile list.csv >/dev/null || fail "reconcile"
	[ "$(sql "SELECT count(*) FROM match_key")" = 2 ] || fail "no linkage keys kept"
	p retention set identity 10
	expect_status 0
	expect_out "retention: identity pseudonymised 10 years after a case closes"
	p retention set contacts 10
	p retention run --dry-run
	expect_out "dry run: 4 changes would be made"
	expect_out "inquiry $q: phone"
	expect_out "identity  pseudonymise  $old"
	expect_out "contacts  erase         $old"
	expect_out "contacts  erase         $old         inform_address, inform_locality"
	[ "$(sql "SELECT surname FROM person WHERE uid = '$old'")" = "Коваленко" ] || fail "the dry run changed the name"
	p retention run
	expect_out "retention: 4 changes made, each in the audit log"
	[ "$(sql "SELECT coalesce(phone, '-') || ' ' || inquirer FROM inquiry WHERE uid = '$q'")" = "- Марія Коваленко" ] ||
		fail "the inquirer's phone was kept"
	[ "$(sql "SELECT coalesce(surname, '-') || coalesce(given_names, '-') || coalesce(surname_latin, '-')
		|| coalesce(birth_place, '-') || coalesce(service_number, '-') || coalesce(mother_maiden_name, '-')
		|| coalesce(inform, '-') || coalesce(home_address, '-') || coalesce(home_locality, '-')
		|| coalesce(home_region, '-') || coalesce(inform_address, '-') || coalesce(inform_locality, '-')
		|| coalesce(inform_region, '-') || coalesce(inform_country, '-') || ' ' || birth_date || ' '
		|| home_country || ' ' || status FROM person JOIN person_state ON person_state.person_id = person.id WHERE uid = '$old'")" = \
		"-------------- 1985 UA released_otherwise" ] || fail "not pseudonymised: $(sql "SELECT * FROM person WHERE uid = '$old'")"
	[ "$(sql "SELECT surname || ' ' || inform || ' ' || inform_locality || ' ' || home_locality FROM person
		WHERE uid = '$new'")" = "Коваль Олена Коваль Суми Суми" ] || fail "the recent case was changed"
	[ "$(sql "SELECT count(*) FROM person_ext WHERE ext_id = 'ICRC-77'")" = 1 ] || fail "the ICRC id went"
	[ "$(sql "SELECT count(*) FROM match_key")" = 1 ] || fail "the linkage keys of the names were kept"
	[ "$(sql "SELECT count(*) FROM audit WHERE action = 'retention' AND (after LIKE '%Коваленко%' OR after LIKE '%Полтава%'
		OR after LIKE '%Соборна%' OR after LIKE '%Миру%')")" = 0 ] ||
		fail "a removed value in the audit log"
	[ "$(sql "SELECT count(*) FROM audit WHERE action = 'retention' AND after LIKE '%pseudonymised%'")" = 1 ] ||
		fail "no audit entry of the pseudonymisation"
	# Search by the old name finds nobody; the record says what happened.
	p person search Коваленко
	expect_no_out "$old"
	p person show "$old"
	expect_status 0
	expect_out "pseudonymised by a retention rule on"
	expect_out "released"
	# Nothing gives the names back: not an edit, not an import by the ICRC id.
	p person update "$old" --surname Коваленко
	expect_status 1
	expect_err "was pseudonymised on"
	expect_err "surname is not given back to the record"
	printf 'ext.icrc,surname,birth_date\nICRC-77,Коваленко,1985-03-14\n' > back.csv
	p import back.csv
	expect_status 1
	expect_err "surname is not given back"
	printf 'ext.icrc,home_locality\nICRC-77,Полтава\n' > home.csv
	p import home.csv
	expect_status 1
	expect_err "home_locality is not given back"
	[ "$(sql "SELECT count(*) FROM person WHERE surname = 'Коваленко'")" = 0 ] || fail "the import gave the name back"
	# Run again: nothing more to do; the chain verifies.
	p retention run --dry-run
	expect_out "dry run: 0 changes would be made"
	p audit verify
	expect_status 0
}
