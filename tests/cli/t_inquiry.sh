# parley inquiry: an intake, the same son asked about again in Russian,
# consent given and withdrawn, contradictory consent, a backlog import
# refused whole at a bad row in the middle, then imported.

inquiry_db() {
	"$PARLEY" init demo.db >/dev/null
	"$PARLEY" demo-data --persons 1000 --seed 7 -o demo.json
	"$PARLEY" --db demo.db import --quiet demo.json
	export PARLEY_DB=demo.db
}

test_inquiry_intake_then_the_same_son_in_russian() {
	inquiry_db
	p inquiry add --inquirer "Марія Шевченко" --relation mother --phone "+380 50 123 4567" --language uk \
		--surname Шевченко --given-names Олександр --patronymic Іванович --birth-date 1990-03-12 \
		--last-seen-date 2025-02-10 --received 2025-03-01 --consent tracing:oral --consent share_icrc:written:2025-03-02
	expect_status 0
	expect_out "is new in the registry: reported missing by the family"
	first=$(echo "$out" | sed -n 's/^inquiry \(Q[0-9A-Z]*\) recorded about \(P[0-9A-Z]*\)$/\1/p')
	son=$(echo "$out" | sed -n 's/^inquiry \(Q[0-9A-Z]*\) recorded about \(P[0-9A-Z]*\)$/\2/p')
	[ -n "$first" ] && [ -n "$son" ] || fail "no ids in the output"
	[ "$(sql "SELECT source FROM event WHERE person_id = (SELECT id FROM person WHERE uid = '$son')")" = family_report ] \
		|| fail "the event is not the family's report"
	p inquiry add --inquirer "Мария Шевченко" --relation mother --language ru --surname Шевченко \
		--given-names Александр --patronymic Иванович --birth-date 1990-03-12 --consent tracing:written
	expect_status 0
	expect_out "recorded about $son"
	expect_out "linked by the matching engine to $son, already in the registry"
	[ "$(sql "SELECT count(*) FROM person WHERE surname = 'Шевченко' AND birth_date = '1990-03-12'")" = 1 ] \
		|| fail "a second person"
	p inquiry list --person "$son"; expect_status 0
	expect_out "1-2 of 2"
	p inquiry show "$first"; expect_status 0
	expect_out "+380 50 123 4567"
	expect_out "another inquiry about the same person"
	expect_out "share_icrc  2025-03-02  written"
	[ "$(sql "SELECT count(*) FROM access_log WHERE person_uid = '$son' AND detail = 'inquiry $first'")" -ge 1 ] \
		|| fail "the read is not in the access log"
	LANG=uk_UA.UTF-8 p inquiry list --status closed; expect_status 0
	expect_out "жоден запит не відповідає"
}

test_inquiry_consent_and_status() {
	inquiry_db
	p inquiry add --inquirer "Ганна Бойко" --organisation "" --surname Бойко --given-names Тарас \
		--birth-date 1980-05-01 --received 2025-03-01 --consent tracing:oral:2025-03-01 --json
	expect_status 0
	id=$(echo "$out" | sed -n 's/.*"id": "\(Q[0-9A-Z]*\)".*/\1/p')
	[ -n "$id" ] || fail "no id"
	p inquiry consent "$id" --purpose share_other_party --form written --date 2025-02-01; expect_status 1
	expect_err "contradictory consent: share_other_party on 2025-02-01 without consent to tracing in force"
	p inquiry consent "$id" --purpose share_icrc --form online --date 2025-04-01; expect_status 0
	expect_out "consent recorded on $id"
	p inquiry withdraw "$id" --purpose tracing --date 2025-05-01; expect_status 1
	expect_err "tracing cannot be withdrawn while share_icrc stands"
	p inquiry withdraw "$id" --purpose share_icrc --date 2025-03-01; expect_status 1
	expect_err "the withdrawal of share_icrc dated 2025-03-01 is before its grant of 2025-04-01"
	p inquiry withdraw "$id" --purpose share_icrc --date 2025-06-01 --form oral; expect_status 0
	[ "$(sql "SELECT withdrawn || ' ' || withdrawn_form FROM inquiry_consent WHERE purpose = 'share_icrc'")" = "2025-06-01 oral" ] \
		|| fail "the withdrawal is not kept"
	p inquiry consent "$id" --purpose court --form pigeon; expect_status 1
	expect_err "unknown form 'pigeon'"
	p inquiry close "$id"; expect_status 1
	expect_err "closing an inquiry needs a reason"
	p inquiry close "$id" --answered; expect_status 0
	expect_out "is answered"
	p inquiry close "$id" --reason "returned home"; expect_status 0
	p inquiry close "$id" --answered; expect_status 1
	expect_err "cannot go from closed to answered"
	p inquiry add --surname Бойко; expect_status 1
	expect_err "who asks?"
	p inquiry add --inquirer X --surname Y --consent tracing; expect_status 2
	expect_err "expected PURPOSE:FORM[:DATE]"
	p inquiry show QNOPE0000; expect_status 1
	expect_err "no inquiry QNOPE0000"
}

test_inquiry_import_whole_or_nothing() {
	inquiry_db
	cat > backlog.csv <<'CSV'
ref,inquirer,relation,surname,given_names,patronymic,birth_date,email,consent_tracing,consent_share_icrc
HQ-1,Марія Шевченко,mother,Шевченко,Олександр,Іванович,1990-03-12,,written 2025-03-01,written 2025-03-01
HQ-2,Ганна Бойко,spouse,Бойко,Тарас,,1980-05-01,hanna.example.org,oral,
HQ-3,Мария Шевченко,mother,Шевченко,Александр,Иванович,1990-03-12,,,oral
CSV
	p inquiry import backlog.csv; expect_status 1
	expect_err "backlog.csv:3: column 'email': expected an e-mail address, name@domain (got 'hanna.example.org')"
	expect_err "backlog.csv:4: column 'consent_share_icrc': contradictory consent: share_icrc"
	expect_err "nothing was imported"
	[ "$(sql 'SELECT count(*) FROM inquiry')" = 0 ] || fail "rows were written"
	sed -i 's/hanna.example.org/hanna@example.org/; s/,,,oral$/,,oral,/' backlog.csv
	p inquiry import backlog.csv; expect_status 0
	expect_out "imported 3 rows: 3 inquiries recorded, 0 skipped (recorded already); 2 persons new in the registry, 1 linked"
	[ "$(sql 'SELECT count(DISTINCT person_id) FROM inquiry')" = 2 ] || fail "HQ-3 is not HQ-1's son"
	p inquiry import backlog.csv; expect_status 0
	expect_out "0 inquiries recorded, 3 skipped"
	# --json names each row's inquiry by its id, as the API does.
	p inquiry import backlog.csv --json; expect_status 0
	echo "$out" | python3 -c "import json, sys; r = json.load(sys.stdin)
assert r['skipped'] == 3 and [i['ref'] for i in r['inquiries']] == ['HQ-1', 'HQ-2', 'HQ-3'], r
assert [i['line'] for i in r['inquiries']] == [2, 3, 4], r
print(' '.join(i['id'] for i in r['inquiries']))" > ids.txt || fail "--json does not list the inquiries: $out"
	[ "$(cat ids.txt)" = "$(sql "SELECT group_concat(uid, ' ') FROM (SELECT uid FROM inquiry ORDER BY ref)")" ] ||
		fail "--json's ids are not the inquiries': $(cat ids.txt)"
	printf 'inquirer,surnme\nX,Y\n' > col.csv
	p inquiry import col.csv; expect_status 1
	expect_err "col.csv:1: column 2: unknown column 'surnme' (did you mean 'surname'?)"
}

# A backlog row's DNA samples go with its DNA consent: without it the row is
# refused at the column, a sample named on two rows at the second; then
# each sample is held by its row's inquiry, as an intake's are.
test_inquiry_import_dna_samples() {
	inquiry_db
	cat > samples.csv <<'CSV'
ref,inquirer,relation,surname,given_names,birth_date,consent_tracing,consent_dna_reference,dna_samples
DS-1,Олена Ткач,mother,Ткач,Андрій,1994-06-01,oral,written,S-7001;S-7002
DS-2,Ірина Лисенко,mother,Лисенко,Богдан,1992-02-02,oral,,S-7003
CSV
	p inquiry import samples.csv; expect_status 1
	expect_err "samples.csv:3: column 'dna_samples': DNA samples go with the DNA consent"
	[ "$(sql 'SELECT count(*) FROM inquiry')" = 0 ] || fail "rows were written"
	sed -i 's/,oral,,S-7003$/,oral,oral,S-7002 S-7003/' samples.csv
	p inquiry import samples.csv; expect_status 1
	expect_err "samples.csv:3: column 'dna_samples': sample S-7002 was given under another consent"
	[ "$(sql 'SELECT count(*) FROM dna_reference_consent')" = 0 ] || fail "a sample was held"
	sed -i 's/S-7002 S-7003$/S-7003/' samples.csv
	p inquiry import samples.csv; expect_status 0
	expect_out "2 inquiries recorded"
	held=$(sql "SELECT group_concat(d.sample || '=' || i.ref, ' ') FROM (SELECT * FROM dna_reference_consent ORDER BY sample) d
		JOIN inquiry i ON d.holder = 'inquiry ' || i.uid WHERE d.state = 'given'")
	[ "$held" = "S-7001=DS-1 S-7002=DS-1 S-7003=DS-2" ] || fail "the samples are not held by their rows' inquiries: $held"
	printf 'ref,inquirer,consent_dna_reference,dna_samples,surname\nDS-3,X,oral,%s,Y\n' "$(printf 'S%.0s ' $(seq 17))" > many.csv
	p inquiry import many.csv; expect_status 1
	expect_err "many.csv:2: column 'dna_samples': more than 16 samples in one row"
}
