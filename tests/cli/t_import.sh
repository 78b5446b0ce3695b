# parley import and export.

test_import_export_round_trip_json_and_csv() {
	db_with 'surname,given_names,birth_date,party,held_by,ext.hq\nШевченко,"Олександр, мол.",1990,UA,RU,HQ-1\nИванов,Сергей,2001-02,RU,UA,HQ-2\n'
	id=$("$PARLEY" person list --json | sed -n 's/.*"id": "\(P[0-9A-Z]*\)".*/\1/p' | head -1)
	"$PARLEY" person event "$id" --type capture --date 2022-03-05 --source media --note "line one
line two" >/dev/null
	p export -o a.json; expect_status 0
	p export -o a.csv; expect_status 0
	p export --events -o ae.csv; expect_status 0
	head -1 a.csv | grep -q '^id,surname,given_names,patronymic,' || fail "persons header"
	head -1 ae.csv | grep -q '^id,person,type,date,source,place,note,cause,burial_place,grave' || fail "events header"
	"$PARLEY" init b.db >/dev/null
	p --db b.db import a.json; expect_status 0
	expect_out "2 persons created"
	"$PARLEY" --db b.db export -o b.json
	cmp a.json b.json || fail "JSON round trip differs"
	"$PARLEY" init c.db >/dev/null
	p --db c.db import a.csv ae.csv; expect_status 0
	"$PARLEY" --db c.db export -o c.json
	cmp a.json c.json || fail "CSV round trip differs"
	p --db c.db import a.csv ae.csv; expect_status 0
	expect_out "0 persons created, 0 updated, 2 unchanged; 0 events added, 1 already there"
}

# The other side's list may hold a formula: the CSV export writes it as
# text for a spreadsheet; --raw writes it as it is, and imports back exactly.
test_export_neutralises_formulas_and_raw_round_trips() {
	db_with 'surname,given_names,party,held_by,ext.hq\nБойко,Тарас,UA,RU,"=HYPERLINK(""http://x"")"\nКоваль,Іван,UA,RU,-12\n'
	id=$("$PARLEY" person list --json | sed -n 's/.*"id": "\(P[0-9A-Z]*\)".*/\1/p' | head -1)
	"$PARLEY" person event "$id" --type capture --date 2022-03-05 --source media --place '@SUM(A1:A2)' >/dev/null
	p export -o safe.csv; expect_status 0
	grep -q "\"'=HYPERLINK(\"\"http://x\"\")\"" safe.csv || fail "formula not neutralised: $(cat safe.csv)"
	grep -q ',-12,' safe.csv || fail "a number was changed: $(cat safe.csv)"
	p export --events -o safe-e.csv; expect_status 0
	grep -q "\"'@SUM(A1:A2)\"" safe-e.csv || fail "event formula not neutralised: $(cat safe-e.csv)"
	p export --raw -o raw.csv; expect_status 0
	p export --raw --events -o raw-e.csv; expect_status 0
	grep -q ',"=HYPERLINK(' raw.csv || fail "raw changed the field: $(cat raw.csv)"
	"$PARLEY" init b.db >/dev/null
	p --db b.db import raw.csv raw-e.csv; expect_status 0
	"$PARLEY" --db b.db export --raw -o raw2.csv
	cmp raw.csv raw2.csv || fail "the raw CSV round trip differs"
	p export --raw -o x.json
	expect_status 2
	expect_err "--raw is for CSV"
}

test_import_from_standard_input() {
	"$PARLEY" init >/dev/null
	printf 'surname,ext.hq\nКоваль,1\n' | "$PARLEY" import --format csv - > out.txt
	grep -q "1 persons created" out.txt || fail "$(cat out.txt)"
	printf '{"persons":[{"surname":"Бойко","ext.hq":"2"}]}' | "$PARLEY" import - > out.txt
	grep -q "1 persons created" out.txt || fail "$(cat out.txt)"
}

test_bad_rows_write_nothing_and_say_where() {
	"$PARLEY" init >/dev/null
	printf 'surname,birth_date,medical\nА,1990,none\nБ,1990-13-01,none\nВ,1990,badly\n' > bad.csv
	p import bad.csv
	expect_status 1
	expect_err "bad.csv:3: column 'birth_date': month out of range (01-12) (got '1990-13-01')"
	expect_err "bad.csv:4: column 'medical': not one of the allowed values (got 'badly')"
	expect_err "nothing was imported"
	[ "$(sqlite3 parley.db 'SELECT count(*) FROM person')" = 0 ] || fail "rows were written"
	printf 'surname,birth_dat\nА,1990\n' > col.csv
	p import col.csv
	expect_status 1
	expect_err "unknown column 'birth_dat' (did you mean 'birth_date'?)"
	[ "$(sqlite3 parley.db 'SELECT count(*) FROM person')" = 0 ] || fail "rows were written"
	printf '{"persons": [\n{"surname": "А",\n "sex": "x"}]}' > bad.json
	p import bad.json
	expect_status 1
	expect_err "bad.json:2: column 'sex': not one of the allowed values (got 'x')"
	p import missing.csv
	expect_status 1
	expect_err "cannot open missing.csv"
	p import
	expect_status 2
	# The file-level and header problems in the language LANG asks for.
	LANG=uk_UA.UTF-8 p import col.csv
	expect_status 1
	expect_err "col.csv:1: стовпець 2: невідомий стовпець «birth_dat» (можливо, «birth_date»?)"
	expect_err "parley import: нічого не імпортовано"
	printf '{"format": "other", "persons": []}' > other.json
	LANG=ru_RU.UTF-8 p import other.json
	expect_status 1
	expect_err "other.json:1: format: ожидается \"parley-registry\""
	LANG=uk_UA.UTF-8 p import missing.csv
	expect_err "не вдається відкрити missing.csv"
}

test_export_refuses_bad_combinations_and_leaves_no_partial_file() {
	"$PARLEY" init >/dev/null
	p export --events
	expect_status 2
	p export --format xml
	expect_status 2
	p export -o /nonexistent-dir/x.json
	expect_status 1
	expect_err "cannot write"
	ls | grep -q partial && fail "a partial file was left"
	true
}

# A persons file headed in the office's own words (Прізвище, Дата
# народження; Birthdate for birth_date), separated by semicolons as a
# spreadsheet saves it, dates day first, sex as Чоловіча: imported as the fields, and the
# columns so read said with the counts (CLI, --json); a field given by two
# columns is refused, nothing imported.
test_import_reads_headers_in_the_offices_words() {
	"$PARLEY" init >/dev/null
	printf 'Прізвище;Ім’я;По батькові;Birthdate;Стать;В/Ч\nШевченко;Олександр;Іванович;12.03.1990;Чоловіча;А1234\n' > ua.csv
	p import ua.csv
	expect_status 0
	expect_out "1 persons created"
	expect_out "columns read by their headers: Прізвище: surname, Ім’я: given_names, По батькові: patronymic, Birthdate: birth_date, Стать: sex, В/Ч: unit"
	[ "$(sqlite3 parley.db "SELECT surname || ' ' || given_names || ' ' || patronymic || ' ' || birth_date || ' ' || sex || ' ' || unit FROM person")" = "Шевченко Олександр Іванович 1990-03-12 male А1234" ] ||
		fail "stored: $(sqlite3 parley.db 'SELECT * FROM person')"
	printf 'Фамилия,Имя\nКоваль,Петро\n' > ru.csv
	p --json import ru.csv
	expect_status 0
	expect_out '"columns_read":"Фамилия: surname, Имя: given_names"'
	printf 'Прізвище,surname\nA,B\n' > twice.csv
	p import twice.csv
	expect_status 1
	expect_err "twice.csv:1: column 2: 'surname' gives surname, as column 1 'Прізвище' does: keep one of them"
	[ "$(sqlite3 parley.db 'SELECT count(*) FROM person')" = 2 ] || fail "rows were written"
}
