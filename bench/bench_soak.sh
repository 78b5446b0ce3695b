#!/bin/sh
# The soak (issue 13): `parley serve` under a mixed load for SECONDS while
# the command line imports into the same database, the server's memory
# sampled every 10 s. Prints a table.
#   bench/bench_soak.sh PARLEY DB [SECONDS] [IMPORT_EVERY] [IMPORT_ROWS]
#
# - wrk -t2 -c16 with bench/wrk_mixed.lua: of every 20 requests 12 person
#   reads (each an access log entry, fsynced), 5 name searches, 3 writes
#   (PATCH of a person: a transaction with its audit entry);
# - every IMPORT_EVERY seconds (default 60) `parley import` of a new CSV
#   of IMPORT_ROWS persons (default 5,000) into the same database, as an
#   office's second desk would, waiting in the writers' queue;
# - errors: any response that is not 2xx, any socket error, any import
#   that failed. Target: 0 errors and memory flat (growth after the first
#   minute under 10%).
set -eu
parley=$1
db=$2
secs=${3:-600}
every=${4:-60}
rows=${5:-5000}
here=$(cd "$(dirname "$0")" && pwd)
dir=$(mktemp -d "${TMPDIR:-/tmp}/parley-soak-XXXXXX")
conns=${BENCH_SOAK_CONNECTIONS:-16}

export PARLEY_DB="$db"
"$parley" user add soak --roles registrar --generate-password >/dev/null 2>&1 || true
token=$("$parley" --json token create --user soak --name soak |
	sed -n 's/.*"token": "\(pt_[^"]*\)".*/\1/p')
[ -n "$token" ] || { echo "bench_soak: no API token made" >&2; exit 1; }
persons=$(sqlite3 "$db" "SELECT count(*) FROM person")
sqlite3 "$db" "SELECT '/api/persons/' || uid FROM person WHERE surname IS NOT NULL
	ORDER BY random() LIMIT 20000" >"$dir/person.paths"
sqlite3 "$db" "SELECT coalesce(surname_latin, surname) FROM person WHERE surname IS NOT NULL
	ORDER BY random() LIMIT 3000; SELECT given_names || ' ' || surname FROM person
	WHERE given_names IS NOT NULL ORDER BY random() LIMIT 3000" |
	python3 -c 'import sys, urllib.parse
for l in sys.stdin:
    print("/api/persons?limit=20&q=" + urllib.parse.quote(l.strip()))' |
	shuf >"$dir/search.paths"
[ -s "$dir/person.paths" ] && [ -s "$dir/search.paths" ] ||
	{ echo "bench_soak: the database $db has no named persons to read" >&2; exit 1; }

on_exit="rm -rf $dir"
. "$here/serve.sh"
serve_start "$parley" "$dir"
rss() { awk '/VmRSS/ { print $2 }' "/proc/$pid/status"; }

# A list another office sends: new persons, each with its own identifier.
import_file() {
	awk -v n="$rows" -v round="$1" 'BEGIN {
		split("Коваленко Бондаренко Шевченко Ткаченко Кравченко Олійник Мельник Поліщук", s, " ")
		split("Олександр Петро Андрій Сергій Юрій Василь Іван Максим", g, " ")
		print "ext.soak,surname,given_names,birth_date,party"
		for (i = 1; i <= n; i++)
			printf "soak-%d-%d,%s,%s,19%02d-%02d-%02d,UA\n", round, i, s[1 + i % 8], g[1 + int(i / 8) % 8],
				60 + i % 40, 1 + i % 12, 1 + i % 28
	}' >"$dir/import-$1.csv"
}

wrk -t2 -c"$conns" -d"${secs}s" --latency -s "$here/wrk_mixed.lua" "$url" -- \
	"$dir/person.paths" "$dir/search.paths" "$token" >"$dir/wrk.out" 2>"$dir/wrk.err" &
wpid=$!
start=$(date +%s)
samples=""
imports=0
import_fail=0
import_secs=""
next_import=$((start + every / 2))
while kill -0 $wpid 2>/dev/null; do
	now=$(date +%s)
	if [ "$now" -ge "$next_import" ] && [ $((now - start + 30)) -lt "$secs" ]; then
		imports=$((imports + 1))
		import_file "$imports"
		t0=$(date +%s%N)
		if "$parley" import --quiet "$dir/import-$imports.csv" >"$dir/import.out" 2>"$dir/import.err"; then
			import_secs="$import_secs $(awk -v a="$t0" -v b="$(date +%s%N)" 'BEGIN { printf "%.2f", (b - a) / 1e9 }')"
		else
			import_fail=$((import_fail + 1))
			sed 's/^/import: /' "$dir/import.err" >&2
		fi
		next_import=$((next_import + every))
	fi
	# A sample every 10 s of the run.
	if [ $(( (now - start) / 10 )) -gt "$(echo "$samples" | wc -w)" ]; then
		samples="$samples $(rss)"
	fi
	sleep 1
done
wait $wpid || { cat "$dir/wrk.out" "$dir/wrk.err"; exit 1; }

reqs=$(awk '/requests in/ { print $1 }' "$dir/wrk.out")
rps=$(awk '/Requests\/sec/ { printf "%.0f", $2 }' "$dir/wrk.out")
p50=$(awk '/^ +50%/ { print $2 }' "$dir/wrk.out")
p99=$(awk '/^ +99%/ { print $2 }' "$dir/wrk.out")
sock=$(awk '/Socket errors/ { gsub(/,/, ""); e += $4 + $6 + $8 + $10 } END { print e + 0 }' "$dir/wrk.out")
non2xx=$(awk '/^non2xx/ { print $2 }' "$dir/wrk.out")
written=$(sqlite3 "$db" "SELECT count(*) FROM audit WHERE actor = 'soak'")
imported=$(sqlite3 "$db" "SELECT count(*) FROM person_ext WHERE source = 'soak'")

printf '\nSoak: %s s of mixed load on %s persons (wrk -t2 -c%s: 60%% person reads, 25%% searches, 15%% writes)\n' \
	"$secs" "$persons" "$conns"
printf 'and a %s-person CLI import every %s s, on %s cores\n' "$rows" "$every" "$(nproc)"
printf '%-26s %10s %10s %8s %8s %8s %8s\n' "" "requests" "req/s" "p50" "p99" "non-2xx" "socket"
printf '%-26s %10s %10s %8s %8s %8s %8s\n' "HTTP (all kinds)" "$reqs" "$rps" "$p50" "$p99" "$non2xx" "$sock"
echo "$import_secs" | awk -v n="$imports" -v f="$import_fail" -v rows="$rows" '{
	max = 0; s = 0; for (i = 1; i <= NF; i++) { s += $i; if ($i > max) max = $i }
	printf "%-26s %10s %10s %8s %8s %8s\n", "CLI imports", n, "", NF ? sprintf("%.1fs", s / NF) : "-",
		NF ? sprintf("%.1fs", max) : "-", f " failed"
}'
echo "writes by the load (audit entries): $written; persons imported: $imported"
echo "$samples" | awk '{
	printf "server memory (RSS, MiB) every 10 s:"; for (i = 1; i <= NF; i++) printf " %.0f", $i / 1024; printf "\n"
	base = (NF >= 6) ? $6 : $1; max = 0; for (i = 1; i <= NF; i++) if ($i > max) max = $i
	printf "after the first minute: %.0f MiB; at the end: %.0f MiB; highest: %.0f MiB; growth %.1f%%\n",
		base / 1024, $NF / 1024, max / 1024, 100 * ($NF - base) / base
}'
errors=$((non2xx + sock + import_fail))
growth_ok=$(echo "$samples" | awk '{ base = (NF >= 6) ? $6 : $1; print ($NF - base) / base < 0.10 ? 1 : 0 }')
if [ "$errors" -eq 0 ] && [ "$growth_ok" = 1 ]; then
	echo "target 0 errors and memory flat: met"
else
	echo "target 0 errors and memory flat: NOT MET ($errors errors)"
	sed 's/^/wrk: /' "$dir/wrk.err" | head -5
fi
