# Assertions for the CLI tests. Each prints what went wrong and fails.

# Run parley, keeping its output and status: $out, $err, $status.
p() {
	set +e
	out=$("$PARLEY" "$@" 2>stderr.txt)
	status=$?
	err=$(cat stderr.txt)
	set -e
	return 0
}

fail() {
	echo "FAIL: $*"
	echo "  status: ${status:-}"
	echo "  stdout: ${out:-}"
	echo "  stderr: ${err:-}"
	return 1
}

expect_status() {
	[ "$status" -eq "$1" ] || fail "expected exit status $1"
}

expect_out() {
	case "$out" in *"$1"*) ;; *) fail "expected stdout to contain: $1" ;; esac
}

expect_err() {
	case "$err" in *"$1"*) ;; *) fail "expected stderr to contain: $1" ;; esac
}

expect_no_out() {
	case "$out" in *"$1"*) fail "expected stdout not to contain: $1" ;; esac
}

# A database with the given persons CSV imported: demo.db.
db_with() {
	"$PARLEY" init demo.db >/dev/null
	printf '%b' "$1" > seed.csv
	"$PARLEY" --db demo.db import --quiet seed.csv
	export PARLEY_DB=demo.db
}

sql() {
	sqlite3 "$PARLEY_DB" "$@"
}
