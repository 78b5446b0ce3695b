# The command line itself: help, versions, exit codes.

test_no_arguments_is_usage() {
	p
	expect_status 2
	expect_err "usage: parley COMMAND"
}

test_help_lists_every_command() {
	p --help
	expect_status 0
	for c in init import export person stats audit demo-data; do
		expect_out "  $c "
	done
	expect_out "Exit status: 0"
}

test_every_command_has_help() {
	for c in init import export stats demo-data "person add" "person update" "person show" \
	         "person list" "person search" "person event" "audit verify" "audit log" "audit access"; do
		p $c --help
		expect_status 0
		expect_out "usage: parley $c"
	done
}

test_version() {
	p --version
	expect_status 0
	expect_out "parley 0."
	expect_out "(database schema version "
}

test_unknown_command_and_option() {
	p frobnicate
	expect_status 2
	expect_err "unknown command 'frobnicate'"
	p person frobnicate
	expect_status 2
	p stats --frobnicate
	expect_status 2
	expect_err "Try 'parley stats --help'"
	# The same mistakes of usage in the language LANG asks for, by their codes.
	LANG=uk_UA.UTF-8 p frobnicate
	expect_status 2
	expect_err "parley: невідома команда «frobnicate»"
	expect_err "Спробуйте «parley --help»."
	LANG=uk_UA.UTF-8 p stats --frobnicate
	expect_status 2
	expect_err "parley stats: невідомий параметр"
	expect_err "Спробуйте «parley stats --help»."
	LANG=ru_RU.UTF-8 p person search Коваль --limit many
	expect_status 2
	expect_err "--limit: ожидается число от 1 до"
	LANG=uk_UA.UTF-8 p stats extra words
	expect_status 2
	expect_err "зайвий аргумент «extra»"
}

test_missing_database_says_how_to_create_one() {
	p stats
	expect_status 1
	expect_err "no database at parley.db"
	expect_err "parley init"
	[ ! -e parley.db ] || fail "a database was created"
}

test_db_from_option_environment_and_default() {
	"$PARLEY" init a.db >/dev/null
	"$PARLEY" init b.db >/dev/null
	"$PARLEY" init >/dev/null           # ./parley.db
	"$PARLEY" --db a.db person add --surname Альфа >/dev/null
	PARLEY_DB=b.db "$PARLEY" person add --surname Бета >/dev/null
	"$PARLEY" person add --surname Гамма >/dev/null
	p person list --db a.db; expect_out "Альфа"; expect_no_out "Бета"
	PARLEY_DB=b.db p person list; expect_out "Бета"; expect_no_out "Альфа"
	p person list; expect_out "Гамма"; expect_no_out "Бета"
	# --db wins over the environment
	PARLEY_DB=b.db p person list --db a.db; expect_out "Альфа"
}

test_docs_name_every_column_and_event_type() {
	"$PARLEY" init >/dev/null
	"$PARLEY" person add --surname X --ext icrc=1 >/dev/null
	"$PARLEY" export -o p.csv
	"$PARLEY" export --events -o e.csv
	for col in $(head -1 p.csv | tr -d '\r' | tr ',' ' ') $(head -1 e.csv | tr -d '\r' | tr ',' ' '); do
		case "$col" in ext.*) col=ext.SOURCE ;; esac
		grep -q "\`$col\`" "$HERE/../../docs/formats.md" || fail "docs/formats.md does not describe column $col"
	done
	p person event --help
	for t in $(echo "$out" | sed -n 's/^  \([a-z_]*\)  .*/\1/p'); do
		grep -q "\`$t\`" "$HERE/../../docs/registry.md" || fail "docs/registry.md does not describe event $t"
	done
	[ "$(echo "$out" | sed -n 's/^  \([a-z_]*\)  .*/\1/p' | wc -l)" -ge 20 ] || fail "too few event types in --help"
}
