# parley person ...

test_add_show_and_timeline() {
	"$PARLEY" init >/dev/null
	p person add --surname Шевченко --given-names Олександр --patronymic Петрович \
		--birth-date 1990-04-12 --party ua --held-by RU --rank солдат --ext hq=HQ-1
	expect_status 0
	id=$out
	[[ $id =~ ^P[0-9A-Z]{16}$ ]] || fail "not an id: $id"
	p person event "$id" --type capture --date 2022-03-05 --source family_report --place Маріуполь
	expect_status 0
	expect_out "missing -> captured"
	p person event "${id:0:8}" --type capture_card --date 2022-04-01 --source icrc_visit
	expect_status 0
	p person show "${id:0:6}"
	expect_status 0
	expect_out "status: held (confirmed)"
	expect_out "Party                     UA"
	expect_out "ID (hq)                   HQ-1"
	expect_out "2022-03-05  capture       missing → captured"
	expect_out "Маріуполь"
	p person show "$id" --json
	expect_out "\"status\": \"held\""
	expect_out "\"hq\": \"HQ-1\""
	[ "$(sqlite3 parley.db "SELECT count(*) FROM access_log WHERE person_uid = '$id'")" = 2 ] \
		|| fail "reads were not logged"
}

test_lifecycle_refusal_names_status_and_allowed_events() {
	"$PARLEY" init >/dev/null
	id=$("$PARLEY" person add --surname Коваль)
	p person event "$id" --type handed_over --date 2025-05-23 --source media
	expect_status 1
	expect_err "handed_over (2025-05-23) is not possible in status 'missing'"
	expect_err "allowed there: reported_missing, capture"
	[ "$(sqlite3 parley.db 'SELECT count(*) FROM event')" = 0 ] || fail "an event was stored"
}

test_bad_values_are_refused_with_the_field() {
	"$PARLEY" init >/dev/null
	p person add --surname X --birth-date 1990-02-30
	expect_status 1
	expect_err "--birth_date: no such day in that month (got '1990-02-30')"
	p person add --surname X --medical badly
	expect_status 1
	expect_err "expected one of: none, wounded, severely_wounded, seriously_ill"
	p person add --birth-date 1990
	expect_status 1
	expect_err "at least a name"
	# In the language LANG asks for, the same messages by their codes.
	LANG=uk_UA.UTF-8 p person add --surname X --birth-date 1990-02-30
	expect_status 1
	expect_err "--birth_date: такого дня в цьому місяці немає (отримано «1990-02-30»)"
	LANG=ru_RU.UTF-8 p person add --birth-date 1990
	expect_err "для лица нужно хотя бы имя"
	LANG=ru_RU.UTF-8 p person show P00000
	expect_status 1
	expect_err "нет лица, чей идентификатор начинается с P00000"
	p person add --surname X --ext icrc
	expect_status 2
	p person event PXXXXXXXXXXXXXXXX --type capture --date 2022-01-01
	expect_status 2
	expect_err "--source is required"
	p person event PXXXXXXXXXXXXXXXX --type capture --date 2030-01-01 --source media
	expect_status 1
	expect_err "lies in the future"
	[ "$(sqlite3 parley.db 'SELECT count(*) FROM person')" = 0 ] || fail "a person was stored"
}

test_update_and_clear() {
	"$PARLEY" init >/dev/null
	id=$("$PARLEY" person add --surname Мельник --birth-date 1988 --rank сержант)
	p person update "$id" --rank "старший сержант" --clear birth-date
	expect_status 0
	p person show "$id" --json
	expect_out "\"rank\": \"старший сержант\""
	expect_out "\"birth_date\": null"
	p person update "$id"
	expect_status 2
	expect_err "nothing to change"
	p person update "$id" --clear status
	expect_status 2
	p audit log --person "$id" --json
	expect_out "\"action\": \"update\""
}

test_search_across_scripts_and_spellings() {
	db_with 'surname,given_names,surname_latin,given_names_latin,party,held_by,birth_date,ext.hq\nШевченко,Олександр,,,UA,RU,1990,1\nИванов,Александр,,,RU,UA,2000,2\n,,Khmelnytskyi,Mykola,UA,,2003-07-01,3\nЩербак,Юрій,,,UA,RU,,4\n'
	for q in Oleksandr Aleksandr Александр OLEKSANDR; do
		p person search "$q"
		expect_status 0
		expect_out "Шевченко Олександр"
		expect_out "Иванов Александр"
		expect_no_out "Щербак"
	done
	p person search "oleksandr shevch"
	expect_out "Шевченко"; expect_no_out "Иванов"
	p person search Хмельницкий
	expect_out "Khmelnytskyi Mykola"
	p person search Николай
	expect_out "Khmelnytskyi Mykola"
	p person search Yuriy --json
	expect_out "\"surname\": \"Щербак\""
	expect_out "\"total\": 1"
	p person search Коваленко
	expect_status 0
	expect_out "no persons match"
}

test_search_finds_the_ukrainian_person_by_the_russian_form() {
	# Issue 14 item 6: none of these pairs is in the dictionary.
	db_with 'surname,given_names,party,ext.hq\nДьоміна,Ольга,UA,1\nПольовий,Іван,UA,2\nПугачов,Петро,UA,3\nБезсмертний,Юрій,UA,4\nЗавгородня,Олена,UA,5\nШевчук,Іван,UA,6\n'
	for q in "Демина:Дьоміна" "Дёмина:Дьоміна" "Полевой:Польовий" "Пугачев:Пугачов" \
		"Пугачёв:Пугачов" "Бессмертный:Безсмертний" "Завгородняя:Завгородня" \
		"Zavhorodnia:Завгородня" "Завгор:Завгородня"; do
		p person search "${q%%:*}" --json
		expect_status 0
		expect_out "\"surname\": \"${q#*:}\""
		expect_out "\"total\": 1"
	done
}

test_list_filters_and_paging() {
	db_with 'surname,party,held_by,medical,birth_date,capture_date,ext.hq\nА,UA,RU,severely_wounded,2004-01-01,2022-03-01,1\nБ,UA,RU,none,1970,2022-03-01,2\nВ,RU,UA,seriously_ill,2001,2014-08,3\nГ,UA,,,1995,,4\n'
	p person list --party UA --medical severely_wounded,seriously_ill
	expect_out "А "; expect_no_out "В "
	p person list --held-by unknown
	expect_out "Г "; expect_no_out "А "
	p person list --age 18-25 --age-on 2025-05-16
	expect_out "А "; expect_out "В "; expect_no_out "Б "; expect_no_out "Г "
	p person list --captured-since 2022-02-24 --json
	expect_out "\"total\": 2"
	p person list --limit 2
	expect_out "1-2 of 4 (--offset 2 for more)"
	p person list --limit 2 --offset 2
	expect_out "3-4 of 4"
	p person list --status helld
	expect_status 1
	expect_err "--status: 'helld'"
	p person list --age old
	expect_status 2
	p person list --limit 0
	expect_status 2
}

# Addresses: the person's home and the next of kin's (the person to be
# informed), in the options, show, every export and import, --fields; a
# country is an ISO 3166-1 code in any case (or the name of Ukraine,
# Russia or Belarus, kept as its code), and nothing else.
test_addresses_home_and_next_of_kin() {
	"$PARLEY" init >/dev/null
	p person add --surname Мельник --home-country Нарнія
	expect_status 1
	expect_err "--home_country: expected a country's ISO 3166-1 alpha-2 code (UA, RU, PL) (got 'Нарнія')"
	LANG=uk_UA.UTF-8 p person add --surname Мельник --inform-country XX
	expect_err "очікується код країни за ISO 3166-1 alpha-2"
	id=$("$PARLEY" person add --surname Мельник --given-names Остап --home-address "вул. Шевченка 12, кв. 5" \
		--home-locality Ніжин --home-region "Чернігівська область" --home-country ua \
		--inform "мати: Мельник Ганна Петрівна" --inform-address "вул. Миру 3" --inform-locality Прилуки \
		--inform-region "Чернігівська область" --inform-country UA) || fail "person add"
	p person show "$id" --json
	expect_out '"home_address": "вул. Шевченка 12, кв. 5"'
	expect_out '"home_country": "UA"'
	expect_out '"inform_locality": "Прилуки"'
	p person update "$id" --home-address "вул. Шевченка 14" --clear inform_region
	expect_status 0
	p person show "$id"
	expect_out "Home address"
	expect_out "вул. Шевченка 14"
	[ "$(sqlite3 parley.db "SELECT coalesce(inform_region, '-') FROM person")" = "-" ] || fail "not cleared"
	p export --fields surname,home_locality,inform_country -o some.csv
	expect_status 0
	[ "$(head -1 some.csv | tr -d "\r")" = "id,surname,home_locality,inform_country,status" ] || fail "header: $(head -1 some.csv)"
	grep -q ",Мельник,Ніжин,UA," some.csv || fail "row: $(cat some.csv)"
	p export -o all.csv
	p export -o all.json
	grep -q '"inform_address":"вул. Миру 3"' all.json || fail "JSON: $(cat all.json)"
	"$PARLEY" init b.db >/dev/null
	p --db b.db import all.csv
	expect_status 0
	"$PARLEY" --db b.db export -o b.json
	cmp all.json b.json || fail "the CSV round trip differs"
	printf 'surname,home_country\nКоваль,Ukrainia\n' > bad.csv
	p --db b.db import bad.csv
	expect_status 1
	expect_err "bad.csv:2: column 'home_country': expected a country's ISO 3166-1 alpha-2 code"
}
