# parley remains: import, lists, identification, custody, fragments, batches.

remains_db() {
	"$PARLEY" init demo.db >/dev/null
	export PARLEY_DB=demo.db
}

test_remains_demo_imports_and_lists() {
	remains_db
	p demo-data --remains 2500 --seed 3 -o cases.csv; expect_status 0
	"$PARLEY" demo-data --remains 2500 --seed 3 -o again.csv
	cmp cases.csv again.csv || fail "the same seed gave other bytes"
	head -1 cases.csv | grep -q '^tag,batch,from_party,to_party,handover_date,' || fail "header"
	p remains import cases.csv; expect_status 0
	expect_out "imported 2,500 rows: 2,500 cases created, 0 updated, 0 unchanged; 3 batches created"
	p remains import cases.csv; expect_status 0
	expect_out "0 cases created, 0 updated, 2,500 unchanged"
	# The summary and a file's problems in the language LANG asks for.
	LANG=uk_UA.UTF-8 p remains import cases.csv; expect_status 0
	expect_out "імпортовано рядків: 2,500; справ створено: 0, оновлено: 0, без змін: 2,500"
	printf 'tag,condtion\nUA-1,skeletal\n' > bad.csv
	LANG=uk_UA.UTF-8 p remains import bad.csv; expect_status 1
	expect_err "bad.csv:1: стовпець 2: невідомий стовпець «condtion» (можливо, «condition»?)"
	expect_err "нічого не імпортовано"
	p remains batch list; expect_status 0
	expect_out "RU-UA-2025-10-30"
	label=$("$PARLEY" remains batch list --json | sed -n 's/.*"label": "\(RU-UA-[0-9-]*\)".*/\1/p' | head -1)
	[ -n "$label" ] || fail "no label in the JSON"
	p remains list --batch "$label" --condition commingled --limit 2; expect_status 0
	expect_out "commingled"
	expect_out "1-2 of"
	p remains list --batch "$label" --json --limit 1; expect_status 0
	expect_out '"total":'
	expect_out "\"batch\": \"$label\""
	tag=$("$PARLEY" remains list --batch "$label" --json --limit 1 | sed -n 's/.*"tag": "\(UA-[0-9-]*\)".*/\1/p')
	p remains show "$tag"; expect_status 0
	expect_out "Chain of custody"
	expect_out "бюро СМЕ"
	p remains show "$tag" --json; expect_status 0
	expect_out '"custody": ['
	p remains batch show "$label" --limit 3; expect_status 0
	expect_out "received"
	expect_out "1-3 of"
	p remains list --status lost; expect_status 2
	expect_err "no status 'lost'"
	p remains show NOPE; expect_status 1
	expect_err "no remains case tagged 'NOPE'"
}

test_remains_import_refuses_bad_files_whole() {
	remains_db
	printf 'tag,batch,from_party,to_party,conditon\nA,B,RU,UA,skeletal\n' > col.csv
	p remains import col.csv; expect_status 1
	expect_err "col.csv:1: column 5: unknown column 'conditon' (did you mean 'condition'?)"
	printf 'tag,batch,condition,recovery_date\nA,B,skeletal,2024\nB,B,burnt,2024\nC,B,,2024-13\n' > bad.csv
	p remains import bad.csv --from RU --to UA --date 2025-06-11; expect_status 1
	expect_err "bad.csv:3: column 'condition': not one of the allowed values (got 'burnt')"
	expect_err "bad.csv:4: column 'recovery_date': month out of range (01-12) (got '2024-13')"
	expect_err "nothing was imported"
	[ "$(sql 'SELECT count(*) FROM remains_case')" = 0 ] || fail "rows were written"
	[ "$(sql 'SELECT count(*) FROM remains_batch')" = 0 ] || fail "a batch was written"
	printf 'tag,batch\nA,B\n' > nobatch.csv
	p remains import nobatch.csv; expect_status 1
	expect_err "nobatch.csv:2: column 'batch': batch 'B' is new"
	p remains import nobatch.csv --from RU --to UA --date 2025-06-11; expect_status 0
	expect_out "1 batches created"
	p remains import missing.csv; expect_status 1
	expect_err "cannot open missing.csv"
	p remains import; expect_status 2
}

test_remains_identification_moves_the_person() {
	remains_db
	"$PARLEY" remains batch add RU-UA-2025-06-11 --from RU --to UA --date 2025-06-11 --declared 3 >/dev/null
	printf 'tag,batch\nT1,RU-UA-2025-06-11\nT2,RU-UA-2025-06-11\nT3,RU-UA-2025-06-11\n' > c.csv
	"$PARLEY" remains import --quiet c.csv
	pid=$("$PARLEY" person add --surname Коваль --given-names Іван)
	held=$("$PARLEY" person add --surname Мороз)
	"$PARLEY" person event "$held" --type capture_card --date 2023-01-01 --source media >/dev/null
	p remains identify T1 --person "$pid"; expect_status 0
	expect_out "T1: unidentified -> preliminary"
	p remains identify T1 --person "$pid" --confirm; expect_status 0
	expect_out "T1: preliminary -> confirmed; 2 events recorded on the person"
	p person show "$pid"; expect_status 0
	expect_out "status: remains identified"
	expect_out "remains case T1, batch RU-UA-2025-06-11"
	p remains withdraw T1; expect_status 1
	expect_err "a confirmed identification is final"
	p remains identify T2 --person "$pid" --confirm; expect_status 1
	expect_err "already has a confirmed case (T1)"
	p remains fragment T2 --label A --person "$pid" --description "ліва рука"; expect_status 0
	expect_out "T2: fragment A added"
	expect_out "is also in case T1"
	p remains identify T2 --person "$pid" --confirm --json; expect_status 0
	expect_out '"status_after": "confirmed"'
	expect_out "spread over 2 cases"
	p remains identify T3 --person "$held"; expect_status 1
	expect_err "is held (confirmed)"
	p remains return T3 --to RU --date 2025-06-20 --note "форма іншої сторони"; expect_status 0
	expect_out "T3: unidentified -> returned"
	p remains custody T3 --holder Морг --since 2025-07-01; expect_status 1
	expect_err "its chain of custody is closed"
	p remains batch show RU-UA-2025-06-11 --json; expect_status 0
	expect_out '"confirmed": 2'
	expect_out '"returned": 1'
	p remains identify T3; expect_status 2
	expect_err "--person is required"
	p audit verify; expect_status 0
}

test_remains_custody_and_batches() {
	remains_db
	p remains batch add B1 --from ru --to UA --declared 2; expect_status 0
	p remains batch add B1 --from RU --to UA; expect_status 1
	expect_err "exists already"
	p remains batch add B2 --from RU --to RU; expect_status 1
	expect_err "a batch goes from one party to the other"
	p remains batch add B3 --from RU --to UA --declared many; expect_status 2
	printf 'tag,batch,holder,custody_since\nT1,B1,Київське бюро СМЕ,2025-06-12\n' > c.csv
	"$PARLEY" remains import --quiet c.csv
	p remains custody T1 --holder "Морг, Черкаси" --since 2025-06-20 --note перевезено; expect_status 0
	p remains custody T1 --holder Родина --since 2025-06-01; expect_status 1
	expect_err "would come before the last entry"
	p remains show T1; expect_status 0
	expect_out "перевезено"
	p remains batch list; expect_status 0
	expect_out "B1"
	p remains batch show B1; expect_status 0
	expect_out "1 fewer cases received than declared"
	p remains batch list --json; expect_status 0
	expect_out '"declared": 2'
	expect_out '"received": 1'
}

test_remains_help_for_every_command() {
	for cmd in import list show custody fragment identify withdraw return; do
		p remains "$cmd" --help; expect_status 0
		expect_out "usage: parley remains $cmd"
	done
	for cmd in add list show; do
		p remains batch "$cmd" --help; expect_status 0
		expect_out "usage: parley remains batch $cmd"
	done
	p remains --help; expect_status 0
	expect_out "parley demo-data --remains N"
	p remains frobnicate; expect_status 2
	p demo-data --help; expect_status 0
	expect_out "--remains N"
}
