# Agreements and stages end to end: two offices (UA and RU), one database
# each, and the mediator's key, through the pattern of June 2025: all for
# all of the severely wounded, the seriously ill and the young, in stages
# on consecutive days, with a refusal at the handover and a substitution;
# 6,000 bodies for 6,000 in batches of about 1,200; the ledger and the
# statements checked at each step.

JUNE="$HERE/../../examples/istanbul-2025-06-02.json"

# The people both offices hold, each registry in its own language: UA's in
# Ukrainian, RU's in Russian forms; the ICRC's identifiers on most.
# icrc,uk surname,uk given,ru surname,ru given,birth,party,held_by,medical
PEOPLE='UA1,Коваленко,Олександр,Коваленко,Александр,1975-03-02,UA,RU,severely_wounded
UA2,Шевчук,Микола,Шевчук,Николай,2002-08-14,UA,RU,none
UA3,Бондар,Юрій,Бондарь,Юрий,1980-11-30,UA,RU,seriously_ill
UA4,Мельник,Василь,Мельник,Василий,2001-01-09,UA,RU,wounded
UA5,Кравець,Іван,Кравец,Иван,1985-06-01,UA,RU,none
UA6,Гнатюк,Петро,Гнатюк,Пётр,2003-04-04,UA,RU,none
-,Ткачук,Андрій,Ткачук,Андрей,2000-02-20,UA,RU,none
RU1,Иванов,Сергей,Иванов,Сергей,1979-05-05,RU,UA,severely_wounded
RU2,Петров,Алексей,Петров,Алексей,2002-07-07,RU,UA,none
RU3,Сидоров,Павел,Сидоров,Павел,2001-12-12,RU,UA,none
RU4,Орлов,Дмитрий,Орлов,Дмитрий,1983-03-03,RU,UA,none
RU5,Волков,Игорь,Волков,Игорь,2004-01-15,RU,UA,seriously_ill'

# ua.db and ru.db with the people, the June agreement, and every key.
two_offices() {
	for side in ua ru; do
		{
			echo "ext.$side,ext.icrc,surname,given_names,birth_date,party,held_by,medical,branch,capture_date,consent"
			i=0
			echo "$PEOPLE" | while IFS=, read -r icrc uks ukg rus rug birth party held med; do
				i=$((i + 1))
				if [ "$side" = ua ]; then s=$uks g=$ukg; else s=$rus g=$rug; fi
				[ "$icrc" = - ] && icrc=
				echo "$side-$i,$icrc,$s,$g,$birth,$party,$held,$med,armed_forces,2022-02-26,yes"
			done
		} > $side-persons.csv
		{
			echo "ext.$side,type,date,source"
			for i in $(seq 12); do
				echo "$side-$i,capture,2022-02-26,counterpart_list"
				echo "$side-$i,capture_card,2022-04-01,icrc_visit"
			done
		} > $side-events.csv
		"$PARLEY" init $side.db >/dev/null
		"$PARLEY" --db $side.db import $side-persons.csv $side-events.csv >/dev/null || fail "import $side"
		"$PARLEY" --db $side.db agreement add "$JUNE" >/dev/null || fail "agreement $side"
	done
	"$PARLEY" keys generate --signer UA -o ua.key >/dev/null
	"$PARLEY" keys generate --signer RU -o ru.key >/dev/null
	"$PARLEY" keys generate --signer TR --role mediator -o tr.key >/dev/null
	for k in ua ru tr; do
		"$PARLEY" keys export $k.key -o $k.pub 2>/dev/null
		"$PARLEY" --db ua.db keys import $k.pub >/dev/null
		"$PARLEY" --db ru.db keys import $k.pub >/dev/null
	done
}

# The uid of the person with ICRC id $2 in database $1.
icrc() {
	sqlite3 "$1" "SELECT p.uid FROM person p JOIN person_ext e ON e.person_id = p.id
		WHERE e.source = 'icrc' AND e.ext_id = '$2'"
}

status_of() {
	sqlite3 "$1" "SELECT s.status FROM person p JOIN person_state s ON s.person_id = p.id JOIN person_ext e ON e.person_id = p.id
		WHERE e.source = 'icrc' AND e.ext_id = '$2'"
}

# A stage UA saved, through both offices and the mediator to agreed: $1 is
# the stage id; leaves the signed manifest in $1.json.
agree_stage() {
	"$PARLEY" --db ua.db stage propose "$1" >/dev/null || fail "propose $1"
	"$PARLEY" --db ua.db manifest export "$1" -o "$1.json" 2>/dev/null || fail "export $1"
	"$PARLEY" manifest sign "$1.json" --key ua.key >/dev/null || fail "sign UA"
	"$PARLEY" --db ru.db manifest import "$1.json" >ru-import.txt 2>&1 || fail "RU import: $(cat ru-import.txt)"
	"$PARLEY" manifest sign "$1.json" --key ru.key >/dev/null || fail "sign RU"
	"$PARLEY" manifest sign "$1.json" --key tr.key >/dev/null || fail "sign TR"
	"$PARLEY" manifest verify "$1.json" --key ua.pub --key ru.pub --key tr.pub >/dev/null 2>&1 ||
		fail "verify $1"
	for side in ua ru; do
		p --db $side.db manifest import "$1.json"
		expect_status 0
		expect_out "agreed: both parties have signed, witnessed by the mediator"
	done
}

ledger() { # db clause side field
	"$PARLEY" --db "$1" --json agreement show istanbul-2025-06-02 |
		python3 -c "import json, sys; l = json.load(sys.stdin)['ledger']
print([c for c in l['clauses'] if c['clause'] == '$2'][0]['$3']['$4'])"
}

test_exchange_june_2025_two_offices() {
	two_offices
	export PARLEY_TODAY=2025-06-08
	# Day 1: three a side at most; UA plans, both offices and the mediator sign.
	p --db ua.db plan istanbul-2025-06-02 --clause wounded-ill-young --stage-date 2025-06-09 \
		--capacity 3 --explain --save --handover-point "Belarus-Ukraine border"
	expect_status 0
	expect_out "stage 1, 2025-06-09: UA hands over 3 persons, RU hands over 3"
	expect_out "stage 2, 2025-06-10: UA hands over 1 person, RU hands over 3"
	expect_out "not eligible under the clause"
	expect_out "Кравець Іван (held by RU): not eligible under the clause"
	s1=$(echo "$out" | sed -n 's/^saved the next stage as \(S[0-9A-Z]*\).*/\1/p')
	[ -n "$s1" ] || fail "no stage saved"
	agree_stage "$s1"
	grep -q "6 entries found in this registry, 0 not found" ru-import.txt || fail "RU resolution: $(cat ru-import.txt)"
	[ "$(status_of ua.db UA1)" = listed ] || fail "UA1 not listed at UA"
	[ "$(status_of ru.db UA1)" = listed ] || fail "UA1 not listed at RU"
	[ "$(ledger ua.db wounded-ill-young UA in_stages)" = 3 ] || fail "ledger before day 1"

	# Day 2 is planned before day 1's statement: the phase is not over.
	p --db ua.db plan istanbul-2025-06-02 --clause wounded-ill-young --stage-date 2025-06-10 --capacity 2 --save
	expect_status 0
	s2=$(echo "$out" | sed -n 's/^saved the next stage as \(S[0-9A-Z]*\).*/\1/p')
	expect_out "UA hands over 1 person, RU hands over 2"

	# Day 1 at the border: RU1 (held by UA) refuses to go; both offices record it.
	export PARLEY_TODAY=2025-06-09
	for side in ua ru; do
		p --db $side.db stage execute "$s1" --outcome "$(icrc $side.db RU1)=refused"
		expect_status 0
		expect_out "2 and 3 handed over"
		expect_out "1 discrepancies logged"
	done
	[ "$(status_of ua.db RU1)" = declined_repatriation ] || fail "RU1 at UA: $(status_of ua.db RU1)"
	[ "$(status_of ru.db UA1)" = handed_over ] || fail "UA1 at RU"
	[ "$(ledger ua.db wounded-ill-young UA delivered)" = 2 ] || fail "UA delivered after day 1"
	[ "$(ledger ua.db wounded-ill-young RU delivered)" = 3 ] || fail "RU delivered after day 1"
	[ "$(ledger ua.db wounded-ill-young UA not_delivered)" = 1 ] || fail "UA not delivered"
	p --db ua.db statement "$s1" --lang en
	expect_status 0
	expect_out "# Exchange of prisoners: stage 1, 9 June 2025"
	expect_out "People have come home. Their number will be given when this phase"
	# Three people, fewer than k = 10: no category, age or date of theirs.
	expect_out "Nothing here describes a group of fewer than 10 people"
	expect_no_out "Among them"
	expect_no_out "February 2022"
	expect_no_out "first days"
	expect_no_out "youngest"
	expect_no_out "Коваленко"
	expect_no_out "(1)"
	expect_no_out "istanbul-2025-06-02"
	expect_out "Under the agreement: Istanbul, 2 June 2025: all for all"
	p --db ua.db statement "$s1" --lang uk
	expect_out "# Обмін полоненими: етап 1, 9 червня 2025"
	expect_out "через Білорусь"
	expect_out "Відповідно до домовленості: Стамбул, 2 червня 2025 року"
	expect_out "Посередник: Туреччина."
	expect_out "меншої ніж 10 осіб"
	expect_no_out "istanbul-2025-06-02"
	# Rendered beside the Markdown: a page of its own, and plain text.
	p --db ua.db statement "$s1" --lang uk --format html
	expect_status 0
	expect_out '<html lang="uk">'
	expect_out "<h1>Обмін полоненими: етап 1, 9 червня 2025</h1>"
	expect_out "<p><em>Кількісні дані не розголошуються"
	p --db ua.db statement "$s1" --lang ru --format text
	expect_status 0
	expect_out "Обмен пленными: этап 1, 9 июня 2025"
	expect_out "Посредник: Турция."
	expect_no_out "# "
	# k: raised by the request, never lowered below the agreement's 10.
	p --db ua.db statement "$s1" --k 3
	expect_status 1
	expect_err "k: expected a whole number from 10 (agreement istanbul-2025-06-02's embargo.k"
	p --db ua.db statement "$s1" --k 20 --format json
	expect_status 0
	[ "$(echo "$out" | python3 -c 'import json,sys; d=json.load(sys.stdin); print(d["k"], d["youngest"], d["held_since"])')" = "20 None None" ] ||
		fail "k 20 under embargo: $out"

	# Day 2: the manifest changes first (a new version, fresh signatures);
	# at the border one man is replaced by an agreed substitute.
	agree_stage "$s2"
	export PARLEY_TODAY=2025-06-10
	on2=$(sqlite3 ru.db "SELECT ref FROM stage_entry e JOIN stage s ON s.id = e.stage_id
		WHERE s.uid = '$s2' AND e.side = 'RU' LIMIT 1")
	[ -n "$on2" ] || fail "nobody RU hands over on day 2"
	sub_ua=$(icrc ua.db UA5)
	sub_ru=$(icrc ru.db UA5)
	# UA5 is not eligible (35, not wounded): refused as a substitute, nothing recorded.
	p --db ua.db stage execute "$s2" --outcome "$on2=substituted:$sub_ua"
	expect_status 1
	expect_err "not eligible under the clause"
	[ "$(sqlite3 ua.db "SELECT status FROM stage WHERE uid = '$s2'")" = agreed ] || fail "day 2 changed"
	# Ткачук, 25, still held and on no stage (and without an ICRC number), is.
	sub='birth_date = '"'"'2000-02-20'"'"''
	for side in ua ru; do
		p --db $side.db stage execute "$s2" --outcome "$on2=substituted:$(sqlite3 $side.db "SELECT uid FROM person JOIN person_state ON person_state.person_id = person.id WHERE $sub")"
		expect_status 0
		expect_out "(0 and 1 substitutes)"
		[ "$(sqlite3 $side.db "SELECT status FROM person JOIN person_state ON person_state.person_id = person.id WHERE $sub")" = handed_over ] || fail "substitute at $side"
	done
	[ "$(ledger ua.db wounded-ill-young RU delivered)" = 5 ] || fail "RU delivered after day 2"
	[ "$(sqlite3 ua.db "SELECT count(*) FROM stage_discrepancy")" = 2 ] || fail "discrepancies"
	p --db ua.db stage show "$s2"
	expect_out "substitute for"

	# 6,000 bodies for 6,000, 1,212 a day: five stages, one batch short.
	export PARLEY_TODAY=2025-06-11
	p --db ua.db plan istanbul-2025-06-02 --clause bodies --stage-date 2025-06-11
	expect_out "stage 5, 2025-06-15: UA hands over 1,152 bodies, RU hands over 1,152"
	for day in 11 12 13 14 15; do
		export PARLEY_TODAY=2025-06-$day
		p --db ua.db plan istanbul-2025-06-02 --clause bodies --stage-date 2025-06-$day --save
		expect_status 0
		sb=$(echo "$out" | sed -n 's/^saved the next stage as \(S[0-9A-Z]*\).*/\1/p')
		agree_stage "$sb"
		short=
		[ $day = 13 ] && short="--delivered $sb-RU-2=1198"
		for side in ua ru; do
			p --db $side.db stage execute "$sb" $short
			expect_status 0
		done
	done
	[ "$(ledger ua.db bodies UA delivered)" = 6000 ] || fail "UA bodies"
	[ "$(ledger ua.db bodies RU delivered)" = 5986 ] || fail "RU bodies: $(ledger ua.db bodies RU delivered)"
	[ "$(ledger ua.db bodies RU owed)" = 14 ] || fail "RU owes 14 bodies"
	[ "$(ledger ua.db bodies UA owed)" = 0 ] || fail "UA owes none"

	# Every stage is done: the statements give numbers.
	for s in $s1 $s2; do "$PARLEY" --db ua.db stage close "$s" >/dev/null || fail "close $s"; done
	p --db ua.db statement "$s1" --format json
	expect_status 0
	[ "$(echo "$out" | python3 -c 'import json,sys; print(json.load(sys.stdin)["returned"])')" = 3 ] ||
		fail "day 1 returned: $out"
	p --db ua.db statement "$s1"
	expect_out "3 people have come home."
	expect_out "since the first days of the war (26 February 2022)"
	p --db ua.db statement "$s1" --lang uk --format text
	expect_out "Додому повернулися 3 людини."
	expect_out "Наймолодшому 24 роки, найстаршому 50 років."
	p --db ua.db aftercare --party UA
	expect_out "handed over in stages"
	for side in ua ru; do
		p --db $side.db audit verify
		expect_status 0
	done
}

test_exchange_a_tampered_manifest_is_not_agreed() {
	two_offices
	export PARLEY_TODAY=2025-06-08
	"$PARLEY" --db ua.db plan istanbul-2025-06-02 --clause wounded-ill-young --stage-date 2025-06-09 \
		--capacity 2 --save >plan.txt || fail "plan"
	s=$(sed -n 's/^saved the next stage as \(S[0-9A-Z]*\).*/\1/p' plan.txt)
	"$PARLEY" --db ua.db stage propose "$s" >/dev/null
	"$PARLEY" --db ua.db manifest export "$s" -o m.json 2>/dev/null
	"$PARLEY" manifest sign m.json --key ua.key >/dev/null
	"$PARLEY" manifest sign m.json --key ru.key >/dev/null
	# Someone changes a birth date after both signed.
	python3 - <<'EOF'
import json
m = json.load(open("m.json"))
m["document"]["entries"][1]["person"]["birth_date"] = "1999-01-01"
json.dump(m, open("m.json", "w"), ensure_ascii=False, indent=2)
EOF
	p manifest verify m.json --key ua.pub --key ru.pub --key tr.pub --require UA,RU
	expect_status 1
	expect_err "entries[1].person.birth_date changed"
	# No signature covers the document RU received: not applied, kept.
	p --db ru.db manifest import m.json
	expect_status 0
	expect_out "kept to review, not applied"
	expect_err "entries[1].person.birth_date changed"
	[ "$(sqlite3 ru.db "SELECT count(*) FROM stage WHERE uid = '$s'")" = 0 ] || fail "a tampered manifest made a stage at RU"
	[ "$(sqlite3 ru.db "SELECT count(*) FROM person JOIN person_state ON person_state.person_id = person.id WHERE status = 'listed'")" = 0 ] || fail "someone listed"
	# The agreement must be the same terms in both offices.
	sed 's/"each": 6000/"each": 6001/' "$JUNE" > other.json
	"$PARLEY" init x.db >/dev/null
	"$PARLEY" --db x.db agreement add other.json >/dev/null
	p --db x.db manifest import m.json
	expect_status 1
	expect_err "under other terms of agreement istanbul-2025-06-02"
	# An older version after a newer one is refused.
	"$PARLEY" --db ua.db stage remove "$s" "$(sqlite3 ua.db "SELECT p.uid FROM stage_entry e JOIN person p
		ON p.id = e.person_id LIMIT 1")" >/dev/null || fail "remove"
	"$PARLEY" --db ua.db manifest export "$s" -o m2.json 2>/dev/null
	# Unsigned, or signed by a key RU does not trust (one calling itself
	# UA), the new version is kept to review and not applied.
	p --db ru.db manifest import m2.json
	expect_status 0
	expect_out "kept to review, not applied"
	"$PARLEY" keys generate --signer UA -o fake.key >/dev/null
	cp m2.json fake.json
	"$PARLEY" manifest sign fake.json --key fake.key >/dev/null
	p --db ru.db manifest import fake.json
	expect_status 0
	expect_out "kept to review, not applied"
	[ "$(sqlite3 ru.db "SELECT count(*) FROM stage WHERE uid = '$s'")" = 0 ] || fail "an untrusted manifest was applied"
	p --db ru.db manifest received
	expect_status 0
	expect_out "version 2, 3 entries, from fake.json"
	expect_out "from m2.json"
	LANG=uk p --db ru.db manifest received
	expect_out "версія 2, 3 записи, з fake.json"
	# Signed by UA's key, which RU trusts: taken.
	"$PARLEY" manifest sign m2.json --key ua.key >/dev/null
	p --db ru.db manifest import m2.json
	expect_status 0
	expect_out "manifest version 2: new here"
	p --db ru.db manifest import m.json
	expect_status 1
	expect_err "at version 2 here; this manifest is the older version 1"
	p --db ua.db stage diff "$s"
	expect_out "1 change"
}

# docs/signatures.md: a revoked key's signatures stop counting whenever they
# were made. Revoking RU's key takes the agreed stage back to proposed (its
# persons no longer listed) and says so; a key revoked behind parley's back
# (in the table itself) is caught when the execution starts.
test_exchange_a_revoked_key_unagrees_the_stage() {
	two_offices
	export PARLEY_TODAY=2025-06-08
	for d in 09 10; do
		"$PARLEY" --db ua.db plan istanbul-2025-06-02 --clause wounded-ill-young --stage-date 2025-06-$d \
			--capacity 2 --save >plan.txt || fail "plan"
		sed -n 's/^saved the next stage as \(S[0-9A-Z]*\).*/\1/p' plan.txt >> stages.txt
	done
	s1=$(sed -n 1p stages.txt) s2=$(sed -n 2p stages.txt)
	agree_stage "$s1"
	agree_stage "$s2"
	[ "$(sqlite3 ua.db "SELECT count(*) FROM person JOIN person_state ON person_state.person_id = person.id WHERE status = 'listed'")" -gt 0 ] || fail "nobody listed"
	p --db ua.db keys revoke "$(jq -r .fingerprint ru.pub)" --reason "the laptop was lost"
	expect_status 0
	expect_out "2 stages are no longer agreed"
	[ "$(sqlite3 ua.db "SELECT count(*) FROM stage WHERE status = 'proposed'")" = 2 ] || fail "not back to proposed"
	[ "$(sqlite3 ua.db "SELECT count(*) FROM person JOIN person_state ON person_state.person_id = person.id WHERE status = 'listed'")" = 0 ] || fail "still listed"
	sqlite3 ua.db "SELECT after FROM audit WHERE action = 'stage.status' ORDER BY seq DESC LIMIT 1" |
		grep -q 'RU (party), key .*revoked' || fail "the audit does not say which signature fell"
	p --db ua.db stage execute "$s1"
	expect_status 1
	expect_err "is proposed"
	# At RU, the key is revoked in the table, not through parley.
	sqlite3 ru.db "UPDATE signing_key SET revoked_at = '2025-06-08T00:00:00Z' WHERE signer = 'UA'"
	p --db ru.db stage execute "$s2"
	expect_status 1
	expect_err "is no longer agreed: a party's signature on it no longer counts"
	[ "$(sqlite3 ru.db "SELECT status FROM stage WHERE uid = '$s2'")" = proposed ] || fail "RU's stage still agreed"
}

# Matching the other side's list flags who is already on an open stage and,
# against a clause, who is not eligible under it.
test_exchange_reconcile_flags_stages_and_clauses() {
	two_offices
	export PARLEY_TODAY=2025-06-08
	"$PARLEY" --db ua.db plan istanbul-2025-06-02 --clause wounded-ill-young --stage-date 2025-06-09 \
		--capacity 1 --save >/dev/null || fail "plan"
	# RU's list of the Ukrainians it holds, as RU writes them.
	{
		echo "ext.icrc,surname,given_names,birth_date"
		echo "$PEOPLE" | while IFS=, read -r icrc uks ukg rus rug birth party held med; do
			if [ "$party" = UA ] && [ "$icrc" != - ]; then echo "$icrc,$rus,$rug,$birth"; fi
		done
	} > list.csv
	p --db ua.db reconcile list.csv --id-column ext.icrc --clause istanbul-2025-06-02:wounded-ill-young \
		--stage-date 2025-06-09 --report r.json
	expect_status 0
	expect_out "1 on open stages, 1 not eligible"
	python3 - <<'PY' || fail "report flags"
import json
rows = {r["list_id"]: r for r in json.load(open("r.json"))["rows"]}
assert "booked" in rows["UA1"]["flags"], rows["UA1"]
assert "not_eligible" in rows["UA5"]["flags"], rows["UA5"]
assert rows["UA2"]["flags"] == [], rows["UA2"]
PY
	p --db ua.db reconcile list.csv --clause istanbul-2025-06-02:nothing
	expect_status 1
	expect_err "has no clause 'nothing'"
}

# The mediator's own instance holds no registry of these people: it takes
# the manifest in, finds nobody, and still sees who signed.
test_exchange_the_mediators_instance() {
	two_offices
	export PARLEY_TODAY=2025-06-08
	"$PARLEY" --db ua.db plan istanbul-2025-06-02 --clause wounded-ill-young --stage-date 2025-06-09 \
		--capacity 1 --save >plan.txt || fail "plan"
	s=$(sed -n 's/^saved the next stage as \(S[0-9A-Z]*\).*/\1/p' plan.txt)
	"$PARLEY" --db ua.db manifest export "$s" -o m.json 2>/dev/null
	for k in ua ru tr; do "$PARLEY" manifest sign m.json --key $k.key >/dev/null; done
	"$PARLEY" init tr.db >/dev/null
	"$PARLEY" --db tr.db agreement add "$JUNE" >/dev/null
	for k in ua ru tr; do "$PARLEY" --db tr.db keys import $k.pub >/dev/null; done
	p --db tr.db manifest import m.json
	expect_status 0
	expect_out "0 entries found in this registry, 2 not found"
	expect_out "3 signatures kept"
	expect_out "agreed: both parties have signed, witnessed by the mediator"
	p --db tr.db stage show "$s"
	expect_out "(not in this registry)"
	expect_out "TR (mediator)"
}

# Bodies received in batches the remains office recorded, outside any
# manifest: tied to the stage they came with and the clause "6,000 bodies
# for 6,000", they count in the ledger and the stage's statement; bad ties
# are refused by field and change nothing.
test_exchange_bodies_in_batches_count_in_the_ledger() {
	two_offices
	export PARLEY_TODAY=2025-06-08
	"$PARLEY" --db ua.db plan istanbul-2025-06-02 --clause wounded-ill-young --stage-date 2025-06-09 \
		--capacity 3 --save >plan.txt || fail "plan"
	s=$(sed -n 's/^saved the next stage as \(S[0-9A-Z]*\).*/\1/p' plan.txt)
	agree_stage "$s"
	export PARLEY_TODAY=2025-06-09
	"$PARLEY" --db ua.db stage execute "$s" >/dev/null || fail "execute"
	p --db ua.db remains batch add RU-700 --from RU --to UA --date 2025-06-09 --declared 700
	expect_status 0
	p --db ua.db remains batch add RU-560 --from RU --to UA --date 2025-06-09 --declared 0
	expect_status 2
	expect_err "--declared: expected a whole number of bodies from 1"
	p --db ua.db remains batch add RU-560 --from RU --to UA --date 2025-06-09
	expect_status 0
	[ "$(ledger ua.db bodies RU delivered)" = 0 ] || fail "bodies before the tie"
	audit=$(sqlite3 ua.db "SELECT count(*) FROM audit")
	p --db ua.db remains batch tie RU-700 --stage "$s" --clause wounded-ill-young
	expect_status 1
	expect_err "clause: clause 'wounded-ill-young' is about prisoners, not bodies"
	p --db ua.db remains batch tie RU-560 --stage "$s" --clause bodies
	expect_status 1
	expect_err "declared: batch 'RU-560' has no declared count"
	p --db ua.db remains batch tie RU-700 --stage "$s" --clause bodies --agreement nope
	expect_status 1
	expect_err "agreement: "
	[ "$(sqlite3 ua.db "SELECT count(*) FROM audit")" = "$audit" ] || fail "a refused tie was audited"
	[ "$(sqlite3 ua.db "SELECT count(*) FROM remains_batch WHERE stage_id IS NOT NULL")" = 0 ] || fail "tied"
	p --db ua.db remains batch tie RU-700 --stage "$s" --clause bodies --agreement istanbul-2025-06-02
	expect_status 0
	expect_out "RU-700: 700 bodies counted under clause bodies, stage $s"
	p --db ua.db remains batch tie RU-560 --stage "$s" --clause bodies --declared 560
	expect_status 0
	[ "$(ledger ua.db bodies RU delivered)" = 1260 ] || fail "RU bodies: $(ledger ua.db bodies RU delivered)"
	[ "$(ledger ua.db bodies RU owed)" = 4740 ] || fail "RU owes"
	[ "$(ledger ua.db bodies UA delivered)" = 0 ] || fail "UA bodies"
	p --db ua.db agreement show istanbul-2025-06-02
	expect_out "1,260"
	p --db ua.db statement "$s" --party UA
	expect_out "The bodies of 1,260 of the fallen have been returned."
	p --db ua.db statement "$s" --party UA --lang uk --format text
	expect_out "Повернуто тіла 1"
	expect_out "260 загиблих."
	p --db ua.db remains batch show RU-700
	expect_out "counted under clause bodies"
	[ "$(sqlite3 ua.db "SELECT count(*) FROM audit WHERE action = 'tie'")" = 2 ] || fail "ties audited"
	p --db ua.db remains batch tie RU-560 --untie
	expect_status 0
	[ "$(ledger ua.db bodies RU delivered)" = 700 ] || fail "untied"
	p --db ua.db audit verify
	expect_status 0
}
