# parley tasks: the watch makes a task for the family liaison when a person
# with an open inquiry is captured and when they appear on a reconciled
# list; once each; the liaison closes one with how the family was told.

tasks_db() {
	"$PARLEY" init demo.db >/dev/null
	"$PARLEY" demo-data --persons 1000 --seed 7 -o demo.json
	"$PARLEY" --db demo.db import --quiet demo.json
	export PARLEY_DB=demo.db
}

test_tasks_from_a_capture_and_a_list() {
	tasks_db
	p person add --surname Коваленко --given-names Андрій --patronymic Миколайович --birth-date 1995-08-20 \
		--sex male --party UA
	expect_status 0
	son=$(echo "$out" | grep -o 'P[0-9A-Z]\{16\}' | head -1)
	[ -n "$son" ] || fail "no person id"
	p inquiry add --inquirer "Оксана Коваленко" --relation mother --person "$son" --received 2025-02-01 \
		--consent tracing:oral
	expect_status 0
	p tasks watch; expect_status 0
	expect_out "0 new tasks"
	p person event "$son" --type capture --date 2025-04-01 --source counterpart_list
	expect_status 0
	p tasks watch; expect_status 0
	expect_out "1 new tasks"
	p tasks watch; expect_status 0
	expect_out "0 new tasks"
	printf 'surname,given_names,patronymic,birth_date\nКоваленко,Андрей,Николаевич,1995-08-20\n' > ru-2026-06-12.csv
	p reconcile ru-2026-06-12.csv; expect_status 0
	expect_out "the watch: 1 new tasks for the family liaison from this list (0 there already)"
	p reconcile ru-2026-06-12.csv; expect_status 0
	expect_out "the watch: 0 new tasks for the family liaison from this list (1 there already)"
	p tasks list --person "$son"; expect_status 0
	expect_out "on the list ru-2026-06-12.csv, row 2 (the file "
	expect_out "status changed to captured on 2025-04-01"
	expect_out "1-2 of 2"
	task=$(sql "SELECT uid FROM family_task WHERE kind = 'list'")
	p tasks show "$task"; expect_status 0
	expect_out "on the list ru-2026-06-12.csv, row 2 (the file $PWD/ru-2026-06-12.csv): matched to this person"
	p tasks done "$task" --how pigeon --note told; expect_status 1
	expect_err "expected phone, letter or in_person"
	p tasks done "$task" --how phone --date 2025-10-30 --note "told her he is on RU's list"; expect_status 0
	expect_out "told her he is on RU's list"
	[ "$(sql "SELECT status || ' ' || told_how || ' ' || told_on FROM family_task WHERE uid = '$task'")" = \
		"done phone 2025-10-30" ] || fail "not closed"
	p tasks list --status open; expect_status 0
	expect_out "1-1 of 1"
	LANG=uk_UA.UTF-8 p tasks list --status dismissed; expect_status 0
	expect_out "жодне завдання не відповідає"
}

test_tasks_help() {
	p tasks --help; expect_status 0
	expect_out "done       close a task with how and when the family was told"
	p tasks done --help; expect_status 0
	expect_out "phone|letter|in_person"
}
