# parley letters: a mother's acknowledgement in Ukrainian with the office's
# letterhead; a notice of return refused before the return, then sent, closing
# the watch's task and answering the inquiry; a template with an unknown
# placeholder refused at its file, line and column; a template edit kept with
# its history while the letter sent keeps its text; consent withdrawn refuses.

letters_db() {
	"$PARLEY" init letters.db >/dev/null
	export PARLEY_DB=letters.db
	p person add --surname Коваленко --given-names Андрій --patronymic Миколайович --birth-date 1995-08-20 \
		--sex male --party UA
	expect_status 0
	son=$(echo "$out" | grep -o 'P[0-9A-Z]\{16\}' | head -1)
	[ -n "$son" ] || fail "no person id"
	p inquiry add --inquirer "Оксана Коваленко" --relation mother --person "$son" --received 2025-02-01 \
		--address "вул. Садова 5, Полтава" --language uk --consent tracing:oral --consent share_icrc:oral --json
	expect_status 0
	q=$(echo "$out" | jq -r .id)
	[ -n "$q" ] || fail "no inquiry id"
}

test_letters_acknowledgement_and_notice_of_return() {
	letters_db
	p letters office "Координаційний штаб"; expect_status 0
	# audited; a name of two lines refused, the one set kept
	[ "$(sql "SELECT count(*) FROM audit WHERE action = 'office_set' AND entity_uid = 'office_name'")" = 1 ] ||
		fail "setting the office's name is not audited"
	p letters office "$(printf 'Штаб\nдругий рядок')"; expect_status 1
	expect_err "character 5 of the office's name is a line break"
	p letters office; expect_status 0
	expect_out "Координаційний штаб"
	p letters render "$q" --kind acknowledgement; expect_status 0
	expect_out "Координаційний штаб"
	expect_out "вул. Садова 5, Полтава"
	expect_out "Шановна Оксана Коваленко!"
	expect_out "від 1 лютого 2025 р. (номер $q)"
	expect_out "Коваленко Андрій Миколайович, дата народження: 20 серпня 1995 р."
	p letters render "$q" --kind acknowledgement --lang ru; expect_status 0
	expect_out "Уважаемая Оксана Коваленко!"
	p letters send "$q" --kind acknowledgement --how post; expect_status 0
	expect_out "recorded as sent (post,"
	[ "$(sql "SELECT status FROM inquiry WHERE uid = '$q'")" = open ] || fail "an acknowledgement answered it"
	p letters render "$q" --kind return; expect_status 1
	expect_err "a notice of return needs the person repatriated or released; $son is missing"
	for ev in "capture 2025-03-01" "capture_card 2025-03-10" "listed 2025-05-01" "handed_over 2025-06-02" \
		"repatriated 2025-06-03"; do
		set -- $ev
		p person event "$son" --type "$1" --date "$2" --source own_records; expect_status 0
	done
	p tasks watch; expect_status 0
	task=$(sql "SELECT uid FROM family_task WHERE status = 'open' ORDER BY id DESC LIMIT 1")
	[ -n "$task" ] || fail "no task"
	p letters send "$q" --kind return --how in_person --date 2025-06-05 --task "$task"; expect_status 0
	expect_out "task $task closed: told by letter L"
	[ "$(sql "SELECT status || ' ' || told_how FROM family_task WHERE uid = '$task'")" = "done in_person" ] ||
		fail "the task is not closed"
	[ "$(sql "SELECT status FROM inquiry WHERE uid = '$q'")" = answered ] || fail "not answered"
	p letters list --inquiry "$q"; expect_status 0
	expect_out "return"
	expect_out "acknowledgement"
	letter=$(sql "SELECT uid FROM letter WHERE kind = 'return'")
	p letters show "$letter"; expect_status 0
	expect_out "3 червня 2025 р. повернулася додому"
	[ "$(sql "SELECT count(*) FROM access_log WHERE detail = 'letter $letter'")" -ge 2 ] ||
		fail "the reads are not in the access log"
}

test_letters_templates() {
	letters_db
	printf 'Шановна {inquirer}!\n\nМи пишемо про {persn}.\n' > bad.txt
	p letters template-set acknowledgement uk --file bad.txt; expect_status 1
	expect_err "bad.txt: line 3, column 15: there is no placeholder {persn}"
	LANG=uk_UA.UTF-8 p letters template-set acknowledgement uk --file bad.txt; expect_status 1
	expect_err "рядок 3, стовпець 15: підстановки {persn} немає"
	printf 'Шановна {inquirer}!\n\nМи пишемо про {person} ({birth_date}).\n' > good.txt
	p letters send "$q" --kind acknowledgement --how email; expect_status 1
	expect_err "a letter by e-mail needs the inquirer's e-mail address"
	p letters send "$q" --kind acknowledgement --how post; expect_status 0
	p letters template-set acknowledgement uk --file good.txt; expect_status 0
	expect_out "saved as version 1"
	p letters render "$q" --kind acknowledgement; expect_status 0
	expect_out "Ми пишемо про Коваленко Андрій Миколайович (20 серпня 1995 р.)."
	# the letter sent before keeps its text
	[ "$(sql "SELECT count(*) FROM letter WHERE body LIKE '%Шановна Оксана Коваленко!%'")" = 1 ] ||
		fail "the sent letter changed"
	p letters templates; expect_status 0
	expect_out "acknowledgement  uk    1"
	p letters template-reset acknowledgement uk; expect_status 0
	p letters template-reset acknowledgement uk; expect_status 1
	expect_err "is the default already"
	p letters template-show acknowledgement uk --history; expect_status 0
	expect_out "{dear} {inquirer}!"
	expect_out "Ми пишемо про {person} ({birth_date})."
}

test_letters_refused_without_consent() {
	letters_db
	p inquiry withdraw "$q" --purpose share_icrc --date 2025-03-01; expect_status 0
	p inquiry withdraw "$q" --purpose tracing --date 2025-03-01; expect_status 0
	p letters send "$q" --kind acknowledgement --how post; expect_status 1
	expect_err "has no tracing consent in force today"
	[ "$(sql "SELECT count(*) FROM letter")" = 0 ] || fail "a letter was recorded"
}

test_letters_help() {
	p letters --help; expect_status 0
	expect_out "template-set     save the office's own text of a template"
	p letters send --help; expect_status 0
	expect_out "example:"
	expect_out "post, email, in_person"
}
