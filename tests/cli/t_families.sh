# Issue 15 end to end, across the two offices' databases (two_offices and
# agree_stage of t_exchange.sh): a mother asks UA's office about her son
# in Ukrainian; he appears on RU's list in a Russian transliteration; the
# watch gives the family liaison a task with the evidence; a letter tells
# her his status; the exchange, signed by both offices and the mediator,
# brings him home; a notice of return answers her inquiry. (The DNA half
# of the issue's end to end is t_dnaconsent.sh.)

# The son RU holds, in its own registry, in Russian.
ru_holds_the_son() {
	printf '%s\n' "ext.ru,surname,given_names,patronymic,birth_date,sex,party,held_by,medical,branch,capture_date,consent" \
		"ru-son,Бойко,Денис,Олегович,2003-09-17,male,UA,RU,none,armed_forces,2025-03-14,yes" > ru-son.csv
	printf '%s\n' "ext.ru,type,date,source" "ru-son,capture,2025-03-14,own_records" \
		"ru-son,capture_card,2025-04-20,icrc_visit" > ru-son-events.csv
	"$PARLEY" --db ru.db import ru-son.csv ru-son-events.csv >/dev/null || fail "RU's import of the son"
}

# The task of kind $1 about person $2 in ua.db.
task_of() {
	sqlite3 ua.db "SELECT t.uid FROM family_task t JOIN person p ON p.id = t.person_id
		WHERE t.kind = '$1' AND p.uid = '$2' ORDER BY t.id DESC LIMIT 1"
}

test_families_a_mothers_inquiry_to_her_sons_return() {
	two_offices
	export PARLEY_TODAY=2025-04-02
	# The mother calls UA's office; nobody like her son is in the registry.
	p --db ua.db inquiry add --inquirer "Галина Бойко" --relation mother --phone "+380 67 123 4567" \
		--address "вул. Садова 12, Краматорськ" --language uk --surname Бойко --given-names Денис \
		--patronymic Олегович --birth-date 2003-09-17 --sex male --party UA --unit "93 ОМБр" \
		--last-seen-date 2025-03-14 --last-seen-place "Торецьк" --received 2025-04-02 \
		--consent tracing:written --consent dna_reference:written
	expect_status 0
	expect_out "is new in the registry: reported missing by the family"
	inq=$(echo "$out" | sed -n 's/^inquiry \(Q[0-9A-Z]*\) recorded about \(P[0-9A-Z]*\)$/\1/p')
	son=$(echo "$out" | sed -n 's/^inquiry \(Q[0-9A-Z]*\) recorded about \(P[0-9A-Z]*\)$/\2/p')
	[ -n "$inq" ] && [ -n "$son" ] || fail "no ids in the output"
	[ "$(sqlite3 ua.db "SELECT s.status FROM person p JOIN person_state s ON s.person_id = p.id WHERE p.uid = '$son'")" = missing ] || fail "not missing"

	# RU holds him; its list of the Ukrainians it holds, in Latin letters
	# from the Russian forms, reaches UA in June.
	export PARLEY_TODAY=2025-06-05
	ru_holds_the_son
	printf '%s\n' "surname_latin,given_names_latin,patronymic_latin,birth_date" \
		"Kovalenko,Aleksandr,,1975-03-02" "Shevchuk,Nikolay,,2002-08-14" \
		"Boyko,Denis,Olegovich,2003-09-17" > ru-2025-06-05.csv
	p --db ua.db reconcile ru-2025-06-05.csv
	expect_status 0
	expect_out "the watch: 1 new tasks for the family liaison from this list (0 there already)"
	p --db ua.db tasks list --person "$son"
	expect_status 0
	expect_out "on the list ru-2025-06-05.csv, row 4"
	list_task=$(task_of list "$son")
	[ -n "$list_task" ] || fail "no task from the list"
	p --db ua.db tasks show "$list_task"
	expect_out "(the file $PWD/ru-2025-06-05.csv): matched to this person"

	# The registrar records what the list says: RU holds him.
	p --db ua.db person update "$son" --held-by RU --medical none --branch armed_forces
	expect_status 0
	p --db ua.db person event "$son" --type capture_card --date 2025-06-05 --source counterpart_list \
		--note "RU's list of 5 June 2025"
	expect_status 0
	p --db ua.db tasks watch
	expect_status 0
	expect_out "1 new tasks"
	# The family is told by letter, in Ukrainian, her language: his status
	# now. A notice of return is refused until he is home.
	p --db ua.db letters render "$inq" --kind return
	expect_status 1
	expect_err "a notice of return needs the person repatriated or released; $son is held"
	p --db ua.db letters send "$inq" --kind status_update --how post --date 2025-06-05 --task "$list_task"
	expect_status 0
	expect_out "task $list_task closed: told by letter L"
	update=$(sqlite3 ua.db "SELECT uid FROM letter WHERE kind = 'status_update'")
	p --db ua.db letters show "$update"
	expect_status 0
	expect_out "Шановна Галина Бойко!"
	expect_out "вул. Садова 12, Краматорськ"
	expect_out "Бойко Денис Олегович"
	[ "$(sqlite3 ua.db "SELECT status || ' ' || told_how FROM family_task WHERE uid = '$list_task'")" = \
		"done letter" ] || fail "the list's task is not closed by the letter"

	# The exchange: planned by UA, signed by both offices and the mediator.
	p --db ua.db plan istanbul-2025-06-02 --clause wounded-ill-young --stage-date 2025-06-09 \
		--capacity 10 --save --handover-point "Belarus-Ukraine border"
	expect_status 0
	s=$(echo "$out" | sed -n 's/^saved the next stage as \(S[0-9A-Z]*\).*/\1/p')
	[ -n "$s" ] || fail "no stage saved"
	agree_stage "$s"
	[ "$(sqlite3 ua.db "SELECT s.status FROM person p JOIN person_state s ON s.person_id = p.id WHERE p.uid = '$son'")" = listed ] || fail "not listed at UA"
	[ "$(sqlite3 ru.db "SELECT s.status FROM person p JOIN person_state s ON s.person_id = p.id JOIN person_ext e ON e.person_id = p.id
		WHERE e.ext_id = 'ru-son'")" = listed ] || fail "not listed at RU"
	export PARLEY_TODAY=2025-06-09
	for side in ua ru; do
		p --db $side.db stage execute "$s"
		expect_status 0
	done
	p --db ua.db person event "$son" --type repatriated --date 2025-06-09 --source own_records
	expect_status 0
	p --db ua.db tasks watch
	expect_status 0
	p --db ua.db tasks list --person "$son"
	expect_status 0
	expect_out "status changed to repatriated on 2025-06-09"
	expect_out "on the signed manifest of stage 1 of istanbul-2025-06-02 ($s, version 1)"
	expect_out "status changed to held on 2025-06-05 (capture_card, source counterpart_list)"
	# The notice of return closes the task of his return and answers her inquiry.
	back=$(sqlite3 ua.db "SELECT t.uid FROM family_task t WHERE t.kind = 'status' AND t.evidence_args LIKE '%repatriated%'")
	[ -n "$back" ] || fail "no task of the return"
	p --db ua.db letters send "$inq" --kind return --how post --date 2025-06-09 --task "$back"
	expect_status 0
	notice=$(sqlite3 ua.db "SELECT uid FROM letter WHERE kind = 'return'")
	p --db ua.db letters show "$notice"
	expect_out "9 червня 2025 р. повернулася додому"
	[ "$(sqlite3 ua.db "SELECT status FROM inquiry WHERE uid = '$inq'")" = answered ] || fail "the inquiry is not answered"
	[ "$(sqlite3 ua.db "SELECT status FROM family_task WHERE uid = '$back'")" = done ] || fail "the return's task is open"
	for side in ua ru; do
		p --db $side.db audit verify
		expect_status 0
	done
}
