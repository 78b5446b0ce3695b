# Execution as people cross (uses two_offices and agree_stage of
# t_exchange.sh): outcomes recorded one by one or by group, each saved at
# once; the stage in progress until its execution is finished; an outcome
# corrected afterwards with its reason, the ledger following.

# The persons on stage $2 in database $1, in the manifest's order.
on_stage() {
	sqlite3 "$1" "SELECT p.uid FROM stage_entry e JOIN stage s ON s.id = e.stage_id
		JOIN person p ON p.id = e.person_id WHERE s.uid = '$2' ORDER BY e.seq"
}

test_execute_as_people_cross_then_correct() {
	two_offices
	export PARLEY_TODAY=2025-06-07
	"$PARLEY" --db ua.db plan istanbul-2025-06-02 --clause wounded-ill-young --stage-date 2025-06-09 \
		--capacity 2 --save >plan.txt || fail "plan"
	s=$(sed -n 's/^saved the next stage as \(S[0-9A-Z]*\).*/\1/p' plan.txt)
	agree_stage "$s"
	mapfile -t who < <(on_stage ua.db "$s")
	[ "${#who[@]}" = 4 ] || fail "4 on the stage, got ${#who[@]}"
	# A day before the planned date: today is not in the future.
	export PARLEY_TODAY=2025-06-08
	p --db ua.db stage record "$s" --outcome "${who[0]}=handed_over" --date 2025-06-09
	expect_status 1
	expect_err "lies in the future"
	[ "$(sqlite3 ua.db "SELECT count(*) FROM stage_entry WHERE outcome IS NOT NULL")" = 0 ] ||
		fail "a refused record changed something"
	p --db ua.db stage record "$s" --outcome "${who[0]}=handed_over"
	expect_status 0
	expect_out "stage $s recorded: 1 and 0 handed over"
	p --db ua.db stage show "$s"
	expect_out "status in_progress"
	[ "$(sqlite3 ua.db "SELECT outcome_date FROM stage_entry WHERE outcome IS NOT NULL")" = 2025-06-08 ] ||
		fail "the outcome's day"
	[ "$(sqlite3 ua.db "SELECT count(*) FROM stage_entry WHERE outcome IS NULL")" = 3 ] ||
		fail "the others are pending"
	[ "$(ledger ua.db wounded-ill-young UA delivered)" = 1 ] || fail "counted as they cross"
	p --db ua.db stage record "$s" --outcome "${who[0]}=refused"
	expect_status 1
	expect_err "already recorded as handed_over"
	p --db ua.db stage finish "$s"
	expect_status 1
	expect_err "3 still pending"
	# A group at once: one refuses at the handover.
	p --db ua.db stage record "$s" --outcome "${who[1]}=refused" --outcome "${who[2]}=handed_over"
	expect_status 0
	p --db ua.db stage finish "$s" --outcome "${who[3]}=handed_over"
	expect_status 0
	expect_out "stage $s finished (executed)"
	# Entries 1 and 2 are UA's to hand over, 3 and 4 RU's.
	[ "$(ledger ua.db wounded-ill-young UA delivered)" = 1 ] || fail "UA delivered"
	[ "$(ledger ua.db wounded-ill-young UA not_delivered)" = 1 ] || fail "UA not delivered"
	[ "$(ledger ua.db wounded-ill-young RU delivered)" = 2 ] || fail "RU delivered"
	# A correction needs its reason and an outcome one may correct to.
	p --db ua.db stage correct "$s" "${who[1]}" --outcome handed_over
	expect_status 2
	expect_err "--reason"
	p --db ua.db stage correct "$s" "${who[1]}" --outcome substituted --reason x
	expect_status 2
	p --db ua.db stage correct "$s" "${who[1]}" --outcome refused --reason "same"
	expect_status 1
	expect_err "is recorded as refused already"
	returned() { # to party $1, as the statement of the stage says
		"$PARLEY" --db ua.db statement "$s" --party "$1" --format json |
			python3 -c 'import json, sys; print(json.load(sys.stdin)["returned"])'
	}
	[ "$(returned RU)" = 1 ] || fail "the statement before the correction: $(returned RU)"
	audit=$(sqlite3 ua.db "SELECT count(*) FROM audit")
	p --db ua.db stage correct "$s" "${who[1]}" --outcome handed_over --reason "crossed after all: the refusal was a misunderstanding"
	expect_status 0
	[ "$(sqlite3 ua.db "SELECT count(*) FROM audit")" -gt "$audit" ] || fail "not audited"
	[ "$(sqlite3 ua.db "SELECT count(*) FROM audit WHERE action = 'stage.outcome' AND after LIKE '%misunderstanding%'")" = 1 ] ||
		fail "the correction's audit entry"
	# History is kept: the outcome recorded stays, the correction beside it.
	[ "$(sqlite3 ua.db "SELECT outcome FROM stage_entry e JOIN person p ON p.id = e.person_id WHERE p.uid = '${who[1]}'")" = refused ] ||
		fail "the recorded outcome was edited"
	[ "$(sqlite3 ua.db "SELECT status FROM person JOIN person_state ON person_state.person_id = person.id WHERE uid = '${who[1]}'")" = handed_over ] || fail "person's status"
	[ "$(ledger ua.db wounded-ill-young UA delivered)" = 2 ] || fail "ledger after the correction"
	[ "$(returned RU)" = 2 ] || fail "the statement after the correction: $(returned RU)"
	[ "$(ledger ua.db wounded-ill-young UA not_delivered)" = 0 ] || fail "not delivered after the correction"
	p --db ua.db stage show "$s"
	expect_out "correction of entry"
	expect_out "misunderstanding"
	p --db ua.db stage close "$s"
	expect_status 0
	# A closed stage is still corrected.
	p --db ua.db stage correct "$s" "${who[1]}" --outcome refused --reason "the ICRC delegate's report"
	expect_status 0
	[ "$(ledger ua.db wounded-ill-young UA delivered)" = 1 ] || fail "ledger after the second correction"
	[ "$(sqlite3 ua.db "SELECT status FROM person JOIN person_state ON person_state.person_id = person.id WHERE uid = '${who[1]}'")" = declined_repatriation ] ||
		fail "status after the second correction"
	p --db ua.db audit verify
	expect_status 0
}

test_execute_commands_explain_themselves() {
	for cmd in record finish correct; do
		p stage $cmd --help
		expect_status 0
		expect_out "usage: parley stage $cmd"
	done
	p stage correct S1234567890 --reason x
	expect_status 2
}
