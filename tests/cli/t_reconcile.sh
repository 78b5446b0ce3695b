# parley reconcile and parley demo-data --linkage.

test_reconcile_a_generated_list() {
	p demo-data --linkage . --persons 500 --seed 3
	expect_status 0
	[ -s a.csv ] && [ -s b.csv ] || fail "no lists written"
	head -1 a.csv | grep -q '^ext.bench,surname,given_names' || fail "header: $(head -1 a.csv)"
	"$PARLEY" init x.db >/dev/null
	"$PARLEY" --db x.db import a.csv >/dev/null || fail "import failed"
	p --db x.db reconcile b.csv --id-column ext.bench --report r.csv
	expect_status 0
	expect_out "500 list rows against 500 registry persons"
	expect_out "matched"
	# The report: one row per list row, each matched row to the person with
	# the same ext.bench in the registry.
	[ "$(wc -l < r.csv)" = 501 ] || fail "report rows: $(wc -l < r.csv)"
	sqlite3 x.db "SELECT e.ext_id || ',' || p.uid FROM person p JOIN person_ext e ON e.person_id = p.id
		WHERE e.source = 'bench'" | sort > truth.txt
	awk -F, 'NR > 1 && $3 == "matched" { print $2 "," $4 }' r.csv | tr -d '\r' | sort > got.txt
	[ "$(wc -l < got.txt)" -gt 350 ] || fail "too few matched: $(wc -l < got.txt)"
	wrong=$(comm -23 got.txt truth.txt | wc -l)
	[ "$wrong" -le 2 ] || fail "$wrong matched to the wrong person"
	# A read of every record, in the access log.
	[ "$(sqlite3 x.db "SELECT count(*) FROM access_log WHERE action = 'reconcile' AND person_uid = '*'")" = 1 ] ||
		fail "not in the access log"
}

test_reconcile_reports_and_flags() {
	"$PARLEY" init x.db >/dev/null
	cat > reg.csv <<'CSV'
surname,given_names,patronymic,birth_date,service_number,branch
Шевченко,Олександр,Іванович,1990-03-12,1234567,armed_forces
Коваленко,Петро,Миколайович,1985-07-01,7654321,civilian
CSV
	"$PARLEY" --db x.db import reg.csv >/dev/null || fail "import failed"
	cat > list.csv <<'CSV'
ext.icrc,surname,given_names,patronymic,birth_date,service_number
R1,Шевченко,Александр,Иванович,1990-12-03,1234576
R2,Коваленко,Петр,Николаевич,1985-07-01,7654321
R3,Бондаренко,Иван,Петрович,1970-01-01,
CSV
	p --db x.db reconcile list.csv --id-column ext.icrc --report r.json --json
	expect_status 0
	expect_out '"matched": 2'
	expect_out '"unmatched": 1'
	expect_out '"civilian": 1'
	grep -q '"list_id": "R1"' r.json || fail "no R1 in the report"
	grep -q '"level": "day/month swapped"' r.json || fail "the swapped date is not explained"
	grep -q '"level": "transposition"' r.json || fail "the transposed number is not explained"
	p --db x.db reconcile list.csv --report r.html
	expect_status 0
	grep -q '<table>' r.html || fail "no table in the HTML report"
	grep -q '<script' r.html && fail "script in the HTML report"
	grep -q '<td class="flags">civilian</td>' r.html || fail "no civilian flag in the HTML report"
	# in the language LANG asks for, every word of it but the fields' names
	LANG=uk_UA.UTF-8 p --db x.db reconcile list.csv --report r.html
	expect_status 0
	for want in '<html lang="uk">' '<title>Звірка списку list.csv</title>' '<th>рядок</th>' \
		'<td>зіставлено</td>' '<td class="flags">цивільна особа</td>' '3 рядки: зіставлено 2' ' с.</p>'; do
		grep -qF "$want" r.html || fail "not in the Ukrainian report: $want: $(head -c 900 r.html)"
	done
	grep -qE 'пар-кандидатів: [0-9]+; [0-9]+,[0-9]{2} с\.' r.html || fail "the seconds not with a decimal comma: $(grep -o '<p>.*</p>' r.html | head -1)"
	true
}

# A column that is no field is left out and said (the other side's lists
# carry notes and columns of their own); a list with no name column is
# refused.
test_reconcile_refuses_bad_input() {
	"$PARLEY" init x.db >/dev/null
	printf 'surname,shoe_size\nA,44\n' > extra.csv
	p --db x.db reconcile extra.csv
	expect_status 0
	expect_err "warning: 1 column is not a person field and was left out: 'shoe_size'"
	printf 'shoe_size,birth_date\n44,1990\n' > bad.csv
	p --db x.db reconcile bad.csv
	expect_status 1
	expect_err "bad.csv:1: no name column (name, surname, given_names or their _latin forms, or a header such as ПІБ"
	p --db x.db reconcile missing.csv
	expect_status 1
	expect_err "cannot read missing.csv"
	p --db x.db reconcile bad.csv --thresholds 1.5
	expect_status 2
	expect_err "--thresholds"
	p --db x.db reconcile bad.csv --report out.pdf
	expect_status 2
	expect_err ".json, .csv or .html"
	p --db x.db reconcile
	expect_status 2
}

test_reconcile_decisions_are_kept_and_audited() {
	"$PARLEY" init x.db >/dev/null
	cat > reg.csv <<'CSV'
surname,given_names,patronymic,birth_date
Шевченко,Олександр,Іванович,1990-03-12
Мельник,Андрій,Петрович,1979-05-05
CSV
	"$PARLEY" --db x.db import reg.csv >/dev/null || fail "import failed"
	shev=$(sqlite3 x.db "SELECT uid FROM person WHERE surname = 'Шевченко'")
	mel=$(sqlite3 x.db "SELECT uid FROM person WHERE surname = 'Мельник'")
	# Row 2 is Shevchenko; row 3 is too little to tell.
	cat > list.csv <<'CSV'
surname,given_names,patronymic,birth_date
Шевченко,Александр,Иванович,1990-03-12
Мельников,Андрей,,1979
CSV
	p --db x.db reconcile list.csv --report r1.csv
	expect_status 0
	grep -q "^2,2,matched,$shev," r1.csv || fail "row 2 not matched: $(cat r1.csv)"
	grep -q "^3,3,matched," r1.csv && fail "row 3 matched on too little"
	# A person says row 3 is Melnyk, and row 2 is not Shevchenko.
	p --db x.db reconcile list.csv --confirm "3:$mel" --reject "2:$shev" --report r2.csv
	expect_status 0
	grep -q "^3,3,matched,$mel,1.0000,,0,confirmed" r2.csv || fail "confirm not applied: $(cat r2.csv)"
	grep -q "^2,2,matched,$shev" r2.csv && fail "reject not applied"
	# Kept for the next run of the same rows, even reordered, and audited.
	{ head -1 list.csv; tail -1 list.csv; sed -n 2p list.csv; } > again.csv
	p --db x.db reconcile again.csv --report r3.csv
	expect_status 0
	grep -q "^2,2,matched,$mel,1.0000,,0,confirmed" r3.csv || fail "not kept: $(cat r3.csv)"
	[ "$(sqlite3 x.db "SELECT count(*) FROM audit WHERE entity = 'match_decision'")" = 2 ] || fail "not audited"
	"$PARLEY" --db x.db audit verify >/dev/null || fail "audit chain broken"
	# Lines and persons that do not exist are refused, and nothing is kept.
	p --db x.db reconcile list.csv --confirm "9:$mel"
	expect_status 1
	expect_err "no row on line 9"
	p --db x.db reconcile list.csv --confirm "2:P0000000000000000"
	expect_status 1
	expect_err "no person P0000000000000000"
	p --db x.db reconcile list.csv --confirm "two:$mel"
	expect_status 2
	[ "$(sqlite3 x.db "SELECT count(*) FROM match_decision")" = 2 ] || fail "a refused decision was kept"
}

test_dedupe_finds_persons_entered_twice() {
	"$PARLEY" demo-data --linkage . --persons 400 --seed 5 >/dev/null
	"$PARLEY" init x.db >/dev/null
	"$PARLEY" --db x.db import a.csv >/dev/null || fail "import a failed"
	# The other list's rows entered again, under another source: the same
	# people twice, in Russian forms and with mistakes.
	sed '1s/^ext.bench,/ext.listb,/' b.csv > b2.csv
	"$PARLEY" --db x.db import b2.csv >/dev/null || fail "import b failed"
	p --db x.db dedupe --report d.csv
	expect_status 0
	expect_out "800 persons:"
	# Each cluster's persons, by their list ids: a true cluster has one
	# record from each list with the same id.
	sqlite3 x.db "SELECT p.uid || ',' || e.ext_id FROM person p JOIN person_ext e ON e.person_id = p.id" |
		sort > ids.txt
	tail -n +2 d.csv | tr -d '\r' | cut -d, -f1,2 | sort -t, -k2 > members.txt
	join -t, -1 2 -2 1 members.txt ids.txt | awk -F, '{ print $2 "," $3 }' | sort -u |
		awk -F, '{ n[$1]++; id[$1] = id[$1] " " $2 } END { for (c in n) print c, n[c] }' > clusters.txt
	total=$(wc -l < clusters.txt)
	true_clusters=$(awk '$2 == 1' clusters.txt | wc -l)
	shared=$(tail -n +2 b.csv | cut -d, -f1 | awk '{ if (substr($1, 2) + 0 < 400) n++ } END { print n }')
	[ "$total" -gt 0 ] || fail "no clusters"
	[ "$true_clusters" -ge $((total * 97 / 100)) ] || fail "$true_clusters of $total clusters are one person"
	[ "$true_clusters" -ge $((shared * 90 / 100)) ] || fail "found $true_clusters of $shared persons entered twice"
	# Nothing merged, and the read is in the access log.
	[ "$(sqlite3 x.db 'SELECT count(*) FROM person')" = 800 ] || fail "persons changed"
	[ "$(sqlite3 x.db "SELECT count(*) FROM access_log WHERE action = 'dedupe'")" = 1 ] || fail "not logged"
	p --db x.db dedupe --review 2
	expect_status 2
	p --db x.db dedupe --report d.html
	expect_status 2
}

test_reconcile_keys_only_new_or_changed_persons() {
	"$PARLEY" demo-data --linkage . --persons 300 --seed 9 >/dev/null
	"$PARLEY" init x.db >/dev/null
	"$PARLEY" --db x.db import a.csv >/dev/null || fail "import failed"
	head -51 b.csv > list.csv
	p --db x.db reconcile list.csv --report r1.csv
	expect_status 0
	expect_out "registry keys: 300 made now, 0 kept"
	p --db x.db reconcile list.csv --report r2.csv
	expect_status 0
	expect_out "registry keys: 0 made now, 300 kept"
	cmp -s r1.csv r2.csv || fail "the kept keys gave another result"
	# One person changed and one added: only those two are keyed again.
	uid=$(sqlite3 x.db "SELECT uid FROM person ORDER BY id LIMIT 1")
	"$PARLEY" --db x.db person update "$uid" --birth-place Полтава >/dev/null || fail "update failed"
	"$PARLEY" --db x.db person add --surname Новенький >/dev/null || fail "add failed"
	p --db x.db reconcile list.csv
	expect_status 0
	expect_out "registry keys: 2 made now, 299 kept"
	# Keys made under other rules, or damaged, are made again.
	sqlite3 x.db "UPDATE match_key SET cols = 'x' WHERE person_id = 5; UPDATE match_key SET src_hash = zeroblob(16) WHERE person_id = 6"
	p --db x.db reconcile list.csv
	expect_status 0
	expect_out "registry keys: 2 made now, 299 kept"
}

# A new office's registry is empty: every row is unmatched, nothing crashes.
test_reconcile_against_an_empty_registry() {
	"$PARLEY" init x.db >/dev/null
	printf 'surname,given_names,birth_date\nШевченко,Олександр,1990-03-12\nКоваленко,Петро,1985\n' > list.csv
	p --db x.db reconcile list.csv
	expect_status 0
	expect_out "2 list rows against 0 registry persons"
	expect_out "unmatched     2"
}

# A list in JSON is said to be the wrong kind of file, not a CSV mistake;
# the summary and the refusal in the language LANG asks for.
test_reconcile_says_it_reads_csv_in_the_users_language() {
	"$PARLEY" init x.db >/dev/null
	printf '{"surname": "Шевченко"}\n' > b.jsonl
	p --db x.db reconcile b.jsonl
	expect_status 1
	expect_err "b.jsonl: a list to reconcile is CSV, and this is JSON. Save it as CSV: a header line"
	# JSON by its first byte after a byte order mark, or by its name.
	printf '\xEF\xBB\xBF[{"surname": "Шевченко"}]' > list.txt
	p --db x.db reconcile list.txt
	expect_err "list.txt: a list to reconcile is CSV, and this is JSON"
	printf 'surname\nШевченко\n' > named.json
	p --db x.db reconcile named.json
	expect_err "named.json: a list to reconcile is CSV, and this is JSON"
	case "$err" in *"quote inside"*) fail "read as a broken CSV: $err" ;; esac
	LANG=uk_UA.UTF-8 p --db x.db reconcile b.jsonl
	expect_status 1
	expect_err "b.jsonl: список для звірки має бути у CSV"
	printf 'surname,given_names\nШевченко,Олександр\n' > list.csv
	LANG=uk_UA.UTF-8 p --db x.db reconcile list.csv
	expect_status 0
	expect_out "1 рядок списку проти 0 осіб реєстру"
	expect_out "без відповідника 1"
	LANG=ru_RU.UTF-8 p --db x.db reconcile list.csv --confirm 5:P0000000000000000
	expect_status 1
	expect_err "list.csv: в строке 5 нет записи"
}

# Each row is counted once, by its outcome: the same person twice in the
# list is one match and one row listed twice, never also one in review;
# the outcomes add up to the rows in the summary, the JSON and the report.
test_reconcile_counts_each_row_once() {
	"$PARLEY" init x.db >/dev/null
	printf 'surname,given_names,patronymic,birth_date,service_number\nШевченко,Олександр,Іванович,1990-03-12,1234567\nКоваль,Петро,Миколайович,1985-07-01,7654321\n' > reg.csv
	"$PARLEY" --db x.db import reg.csv >/dev/null || fail "import failed"
	printf 'surname,given_names,patronymic,birth_date,service_number\nШевченко,Олександр,Іванович,1990-03-12,1234567\nШевченко,Александр,Иванович,1990-03-12,1234567\nБондар,Іван,Петрович,1970-01-01,\n' > list.csv
	p --db x.db reconcile list.csv --report r.json
	expect_status 0
	expect_out "matched       1"
	expect_out "review        0"
	expect_out "listed twice  1"
	expect_out "unmatched     1"
	python3 - r.json <<'PY' || fail "the report: $(head -c 600 r.json)"
import json, sys
d = json.load(open(sys.argv[1]))
s = d["summary"]
assert s["matched"] + s["review"] + s["duplicate"] + s["unmatched"] == s["list_rows"] == len(d["rows"]) == 3, s
assert [r["outcome"] for r in d["rows"]].count("duplicate") == 1, d["rows"]
assert all("duplicate" in r["flags"] for r in d["rows"] if r["outcome"] == "duplicate")
PY
	p --db x.db reconcile list.csv --json
	expect_out '"review": 0, "duplicate": 1, "unmatched": 1'
}

# A list whose only name column is a whole name under a header of its own
# language (ПІБ, Ф.И.О.): split into surname, given name and patronymic in
# the order the list shows (the rows with a patronymic or a known given
# name), a row without a clue split the same way, and the order said.
test_reconcile_splits_a_whole_name_in_the_lists_order() {
	"$PARLEY" init x.db >/dev/null
	printf 'surname,given_names,patronymic,birth_date\nШевченко,Олександр,Іванович,1990-03-12\nЗюзюкін,Гвідо,,1980-01-01\nКоваль,Петро,Миколайович,1985-07-01\n' > reg.csv
	"$PARLEY" --db x.db import reg.csv >/dev/null || fail "import failed"
	printf 'Ф.И.О.,birth_date\nОлександр Іванович Шевченко,1990-03-12\nПетро Миколайович Коваль,1985-07-01\nГвідо Зюзюкін,1980-01-01\n' > list.csv
	p --db x.db reconcile list.csv --report r.json
	expect_status 0
	expect_out "matched       3"
	expect_out "2 by known_name, 1 by list_order"
	expect_out "the list writes the surname last (2 rows showed it, 0 the other way)"
	python3 - r.json <<'PY' || fail "the report: $(head -c 900 r.json)"
import json, sys
d = json.load(open(sys.argv[1]))
o = d["summary"]["name_split"]
assert o["order"] == "surname_last" and o["order_shown_by"] == {"surname_first": 0, "surname_last": 2}, o
row = d["rows"][2]
assert row["theirs"]["surname"] == "Зюзюкін" and row["theirs"]["given_names"] == "Гвідо", row
assert row["name_split"] == "list_order" and row["outcome"] == "matched", row
PY
	# The same names surname first under ПІБ: the list's order is the other.
	printf 'ПІБ\nШевченко Олександр Іванович\nКоваль Петро Миколайович\nЗюзюкін Гвідо\n' > first.csv
	LANG=uk_UA.UTF-8 p --db x.db reconcile first.csv
	expect_status 0
	expect_out "список пише прізвище першим (так показали 2 рядків, навпаки 0)"
	# Without a row that shows the order, each row is split as its script's lists are.
	printf 'name\nГвідо Зюзюкін\n' > none.csv
	p --db x.db reconcile none.csv
	expect_out "the list's order of names is not clear (0 rows showed the surname first, 0 last)"
}

# A list as an office's spreadsheet writes it: dates day first
# (12.03.1990), sex as ч and ж, headers in its own language, semicolons. They are read as the registry keeps them
# (the birth date compared, not unknown); what cannot be read, a two-digit
# year, is compared as unknown and said on stderr and in every report,
# with its column, line and why. The registry's own import takes the
# same dates and keeps them as 1990-03-12, and refuses the two-digit year
# at its line and column, importing nothing.
test_reconcile_reads_dates_and_sex_as_offices_write_them() {
	"$PARLEY" init x.db >/dev/null
	printf 'surname,given_names,patronymic,birth_date,sex\nШевченко,Олександр,Іванович,12.03.1990,ч\nКоваль,Петро,Миколайович,01.07.1985 р.,Male\n' > reg.csv
	"$PARLEY" --db x.db import reg.csv >/dev/null || fail "import failed"
	[ "$(PARLEY_DB=x.db sql "SELECT group_concat(birth_date || ' ' || sex, '; ') FROM person")" = "1990-03-12 male; 1985-07-01 male" ] ||
		fail "dates and sex as stored: $(PARLEY_DB=x.db sql "SELECT group_concat(birth_date || ' ' || sex, '; ') FROM person")"
	printf 'surname,birth_date\nБондар,02.01.85\n' > bad.csv
	p --db x.db import bad.csv
	expect_status 1
	expect_err "bad.csv:2: column 'birth_date': a two-digit year: write the year in four digits (got '02.01.85')"
	[ "$(PARLEY_DB=x.db sql "SELECT count(*) FROM person")" = 2 ] || fail "a refused import changed the registry"
	printf 'surname,given_names,patronymic,birth_date,sex\nШевченко,Олександр,Іванович,12.03.1990,М\nКоваль,Петро,Миколайович,01.07.85,чоловіча\n' > list.csv
	p --db x.db reconcile list.csv --report r.json
	expect_status 0
	expect_err "warning: column 'birth_date': 1 value of the list could not be read and was compared as unknown; the first, on line 3: '01.07.85': a two-digit year"
	python3 - r.json <<'PY' || fail "the report: $(head -c 900 r.json)"
import json, sys
d = json.load(open(sys.argv[1]))
rows = d["rows"]
assert rows[0]["fields"]["birth_date"]["level"] == "exact", rows[0]["fields"]
assert rows[0]["fields"]["sex"]["level"] != "unknown", rows[0]["fields"]
assert rows[1]["fields"]["birth_date"]["level"] == "unknown", rows[1]
w = [x for x in d["warnings"] if x["message_code"] == "match.list_unread"]
assert len(w) == 1 and w[0]["args"]["line"] == "3" and w[0]["args"]["why"] == "why.two_digit_year", d["warnings"]
PY
	p --db x.db reconcile list.csv --report r.html
	grep -q "<li>column 'birth_date': 1 value of the list could not be read" r.html || fail "no warning in the HTML report"
	LANG=ru_RU.UTF-8 p --db x.db reconcile list.csv --report r.html
	grep -q "<li>столбец «birth_date»: 1 значение списка не удалось прочитать, его сравнивали как неизвестное" r.html ||
		fail "no Russian warning in the HTML report: $(grep -o '<ul.*</ul>' r.html)"
	# headed in its own language, separated by semicolons as Excel saves
	# it there: read, matched on the birth date, and the columns said
	printf 'Прізвище;Ім’я;По батькові;Дата народження;Стать\nШевченко;Олександр;Іванович;12.03.1990;ч\n' > ua.csv
	p --db x.db reconcile ua.csv --report ua.json
	expect_status 0
	expect_out "columns read by their headers: Прізвище: surname, Ім’я: given_names, По батькові: patronymic, Дата народження: birth_date, Стать: sex"
	python3 - ua.json <<'PY' || fail "the report: $(head -c 900 ua.json)"
import json, sys
d = json.load(open(sys.argv[1]))
assert d["summary"]["columns_read"]["Дата народження"] == "birth_date", d["summary"]
assert d["rows"][0]["fields"]["birth_date"]["level"] == "exact", d["rows"][0]
PY
	printf 'Фамилия,surname\nA,B\n' > twice.csv
	p --db x.db reconcile twice.csv
	expect_status 1
	expect_err "twice.csv: columns 'Фамилия' and 'surname' both give surname: keep one of them"
	LANG=uk_UA.UTF-8 p --db x.db reconcile list.csv
	expect_err "стовпець «birth_date»: 1 значення списку не вдалося прочитати"
	expect_err "рік двома цифрами"
}
