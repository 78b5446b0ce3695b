# parley testimony: a returnee names three people in mixed scripts (one of
# them only by surname and unit), the sightings are reviewed and accepted,
# nobody's status changes, the family of the one with an inquiry gets a
# task, and the proof-of-captivity report lists the one the other side
# never acknowledged, with the testimony as evidence, and not the two it did.

testimony_db() {
	"$PARLEY" init demo.db >/dev/null
	"$PARLEY" demo-data --persons 1000 --seed 7 -o demo.json
	"$PARLEY" --db demo.db import --quiet demo.json
	export PARLEY_DB=demo.db
	returnee=$("$PARLEY" person add --surname Поплавський --given-names Євген --birth-date 1985-02-02)
	# acknowledged by the other side: on their list, and visited by the ICRC
	held1=$("$PARLEY" person add --surname Кравчук --given-names Назар --birth-date 1994-04-04 --unit "в/ч А7001")
	"$PARLEY" person event "$held1" --type capture_card --date 2025-05-01 --source counterpart_list >/dev/null
	held2=$("$PARLEY" person add --surname Мельничук --given-names Андрій --birth-date 1993-06-06 --unit "в/ч А0501")
	"$PARLEY" person event "$held2" --type mediator_visit --date 2025-06-01 --source icrc_visit >/dev/null
	# never acknowledged: captured by the office's own records only
	lost=$("$PARLEY" person add --surname Шевчук --given-names Тарас --patronymic Іванович --birth-date 1991-01-01 \
		--unit "в/ч А1302")
	"$PARLEY" person event "$lost" --type capture --date 2025-04-10 --source own_records --place Вовчанськ >/dev/null
}

test_testimony_three_in_mixed_scripts_to_the_proof_report() {
	testimony_db
	"$PARLEY" inquiry add --inquirer "Олена Шевчук" --relation mother --person "$lost" --received 2025-06-01 \
		--consent tracing:oral >/dev/null
	# (the capture, recorded within the inquiry's second, may be news too: seen now)
	"$PARLEY" tasks watch >/dev/null
	p testimony add --returnee "$returnee" --taken-on 2025-10-20 --taken-at Чернігів --taken-by "капітан Бойко" \
		--seen 'surname=Кравчук;given_names=Назар;place=Оленівка;date=2025-09;condition=alive' \
		--seen 'surname=Melnychuk;given_names=Andrii;place=Olenivka;date=2025-09;condition=wounded' \
		--seen 'surname=Шевчук;unit=А1302;place=Оленівка;date=2025-09-14;condition=alive' \
		--seen 'nickname=Грізлі;unit=47;condition=alive'
	expect_status 0
	expect_out "4 sightings, 3 with candidates, waiting in the review queue"
	expect_err "no candidates: only a nickname or call sign"
	testimony=$(echo "$out" | sed -n 's/^testimony \(D[0-9A-Z]*\) recorded.*/\1/p')
	[ -n "$testimony" ] || fail "no testimony id"
	p testimony review --testimony "$testimony"
	expect_status 0
	expect_out "Кравчук Назар"
	expect_out "Мельничук Андрій"
	expect_out "Шевчук Тарас Іванович"
	expect_out "1-4 of 4"
	# each sighting's best candidate is the one meant
	best() { sql "SELECT p.uid FROM sighting s JOIN sighting_candidate c ON c.sighting_id = s.id AND c.rank = 1
		JOIN person p ON p.id = c.person_id WHERE s.surname = '$1'"; }
	[ "$(best Кравчук)" = "$held1" ] || fail "Кравчук: $(best Кравчук)"
	[ "$(best Melnychuk)" = "$held2" ] || fail "Melnychuk: $(best Melnychuk)"
	[ "$(best Шевчук)" = "$lost" ] || fail "Шевчук: $(best Шевчук)"
	sighting() { sql "SELECT uid FROM sighting WHERE surname = '$1'"; }
	statuses_before=$(sql "SELECT group_concat(status) FROM person JOIN person_state ON person_state.person_id = person.id WHERE uid IN ('$held1', '$held2', '$lost')")
	p testimony accept "$(sighting Кравчук)" --person "$held1" --confidence high; expect_status 0
	p testimony accept "$(sighting Melnychuk)" --person "$held2" --confidence medium; expect_status 0
	p testimony accept "$(sighting Шевчук)" --person "$lost" --confidence high; expect_status 0
	expect_out "the status is unchanged"
	expect_out "1 task for the family liaison"
	p testimony accept "$(sighting Шевчук)" --person "$lost" --confidence high; expect_status 0
	expect_out "accepted already as this person"
	[ "$(sql "SELECT count(*) FROM event WHERE type = 'sighting' AND source = 'testimony'")" = 3 ] ||
		fail "not three sighting events"
	[ "$(sql "SELECT group_concat(status) FROM person JOIN person_state ON person_state.person_id = person.id WHERE uid IN ('$held1', '$held2', '$lost')")" = "$statuses_before" ] ||
		fail "a status changed"
	p testimony reject "$(sql "SELECT uid FROM sighting WHERE nickname = 'Грізлі'")" --not-in-registry; expect_status 0
	p tasks list --person "$lost"; expect_status 0
	p tasks list --person "$lost" --json; expect_status 0
	expect_out "seen alive in captivity in Оленівка on 2025-09-14 according to the testimony of Поплавський Євген taken 2025-10-20"
	# the report: the unacknowledged one with the testimony, not the two acknowledged
	p testimony report --format json; expect_status 0
	echo "$out" > proof.json
	python3 - "$lost" "$held1" "$held2" "$testimony" "$returnee" <<'EOF' || fail "the JSON report"
import json, sys
lost, held1, held2, testimony, returnee = sys.argv[1:]
r = json.load(open("proof.json"))
rows = {x["person"]["id"]: x for x in r["rows"]}
assert lost in rows and held1 not in rows and held2 not in rows, list(rows)
ev = [e for e in rows[lost]["evidence"] if e["source"] == "testimony"]
assert len(ev) == 1 and ev[0]["testimony"]["id"] == testimony and ev[0]["testimony"]["returnee"] == returnee, ev
assert ev[0]["place"] == "Оленівка" and ev[0]["testimony"]["confidence"] == "high", ev
assert any(e["type"] == "capture" and e["source"] == "own_records" for e in rows[lost]["evidence"])
EOF
	[ "$(sql "SELECT count(*) FROM access_log WHERE person_uid = '$lost' AND detail = 'proof of captivity'")" -ge 1 ] ||
		fail "the report's read is not in the access log"
	[ "$(sql "SELECT count(*) FROM access_log WHERE person_uid = '$held1' AND detail LIKE 'testimony $testimony sighting %'")" -ge 1 ] ||
		fail "the review's read is not in the access log"
	p testimony report --format csv; expect_status 0
	expect_out "$lost"
	expect_out "$testimony"
	expect_no_out "$held1"
	expect_no_out "$held2"
	p testimony report; expect_status 0
	expect_out "testimony $testimony of Поплавський Євген taken 2025-10-20"
	LANG=uk_UA.UTF-8 p testimony report; expect_status 0
	expect_out "не визнала"
	# signed with the office's key, verified offline as the mediator would
	p keys generate --signer UA -o office.key; expect_status 0
	p keys export office.key -o UA.pub; expect_status 0
	p testimony report --format json -o signed.json; expect_status 0
	p manifest sign signed.json --key office.key; expect_status 0
	p manifest verify signed.json --key UA.pub; expect_status 0
	python3 -c "import json; d = json.load(open('signed.json'))['document']; assert d['rows'][0]['evidence']" ||
		fail "the signed document is not the report"
}

test_testimony_bad_input_changes_nothing() {
	testimony_db
	p testimony add --returnee "$returnee" --taken-on 2025-10-20 --seen 'surname=Шевчук;condition=asleep'
	expect_status 1
	expect_err "sightings[1].condition"
	p testimony add --returnee "$returnee" --taken-on 2025-10-20 --seen 'place=Оленівка'
	expect_status 1
	expect_err "who was seen"
	p testimony add --returnee "$returnee" --taken-on 2025-10-20 --seen 'surname=Шевчук;colour=red'
	expect_status 2
	expect_err "unknown field 'colour'"
	p testimony add --returnee PNOBODY0000000000 --taken-on 2025-10-20 --seen 'surname=Шевчук'
	expect_status 1
	p testimony add --returnee "$returnee" --taken-on 2025-11 --seen 'surname=Шевчук'
	expect_status 1
	expect_err "taken_on"
	[ "$(sql "SELECT count(*) FROM testimony")" = 0 ] || fail "a testimony was written"
	[ "$(sql "SELECT count(*) FROM sighting")" = 0 ] || fail "a sighting was written"
	p testimony accept WNOSUCH --person "$lost" --confidence high
	expect_status 1
	p testimony accept WNOSUCH --person "$lost" --confidence sure
	expect_status 2
}

test_testimony_import_all_or_nothing() {
	testimony_db
	printf 'ref,returnee,taken_on,taken_at,surname,given_names,unit,place,date,condition\n%s\n%s\n%s\n' \
		"DEB-17,$returnee,2025-10-20,Чернігів,Кравчук,Назар,,Оленівка,2025-09,alive" \
		"DEB-17,,,,Шевчук,,А1302,Оленівка,2025-09-14,wounded" \
		"DEB-18,$returnee,2025-10-21,,Melnychuk,Andrii,,Olenivka,2025,asleep" > bad.csv
	p testimony import bad.csv
	expect_status 1
	expect_err "bad.csv:4: column 'condition'"
	expect_err "nothing was imported"
	[ "$(sql "SELECT count(*) FROM testimony")" = 0 ] || fail "a testimony was written"
	printf 'ref,returnee,taken_on,surname\nDEB-19,%s,2025-10-20,Шевчук\nDEB-19,%s,2025-10-21,Кравчук\n' \
		"$returnee" "$returnee" > differs.csv
	p testimony import differs.csv
	expect_status 1
	expect_err "differs.csv:3: column 'taken_on': differs from line 2"
	sed -i 's/asleep/alive/' bad.csv
	p testimony import bad.csv
	expect_status 0
	expect_out "2 testimonies imported (3 sightings, 3 with candidates"
	[ "$(sql "SELECT count(*) FROM sighting WHERE status = 'review'")" = 3 ] || fail "not three in review"
	p testimony import bad.csv
	expect_status 0
	expect_out "2 skipped"
	[ "$(sql "SELECT count(*) FROM testimony")" = 2 ] || fail "imported twice"
	# --json names each testimony of the file by its id, as the API does.
	p testimony import bad.csv --json
	expect_status 0
	echo "$out" | python3 -c "import json, sys; r = json.load(sys.stdin)
assert r['skipped'] == 2 and r['created'] == 0, r
assert [t['ref'] for t in r['testimonies']] == ['DEB-17', 'DEB-18'], r
print(' '.join(t['id'] for t in r['testimonies']))" > ids.txt || fail "--json does not list the testimonies: $out"
	[ "$(cat ids.txt)" = "$(sql "SELECT group_concat(uid, ' ') FROM (SELECT uid FROM testimony ORDER BY ref)")" ] ||
		fail "--json's ids are not the testimonies': $(cat ids.txt)"
}

# A sighting is a testimony's: recorded by hand it would skip the review,
# and a file's event of type sighting needs the source testimony (and the
# other way round); each refused, nothing written.
test_testimony_a_sighting_only_from_a_testimony() {
	"$PARLEY" init s.db >/dev/null
	export PARLEY_DB=s.db
	id=$("$PARLEY" person add --surname Шевчук --given-names Тарас --ext hq=HQ-1)
	p person event "$id" --type sighting --date 2025-03-01 --source testimony
	expect_status 1
	expect_err "a sighting is recorded by accepting it in a testimony's review"
	printf 'ext.hq,type,date,source\nHQ-1,sighting,2025-03-01,own_records\n' > ev.csv
	p import ev.csv
	expect_status 1
	expect_err "ev.csv:2: a sighting comes from a testimony and a testimony gives only sightings: type sighting with source own_records"
	[ "$(sql "SELECT count(*) FROM event")" = 0 ] || fail "an event was written"
}
