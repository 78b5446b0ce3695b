#!/bin/sh
# Our linker against the DuckDB peer (bench/duckdb/peer.mjs: the same
# blocking rules, comparison levels and EM as SQL, as Splink does it), on
# the same prepared columns of the cross-script benchmark. Prints a table
# with wall time, peak memory and the ratios.
#   bench/bench_peer.sh BENCH_LINKAGE PERSONS [DIR]
set -eu
bench=$1
n=$2
here=$(cd "$(dirname "$0")" && pwd)
dir=${3:-$(mktemp -d "${TMPDIR:-/tmp}/parley-peer-XXXXXX")}
"$bench" --persons "$n" --dir "$dir" >/dev/null
# One run: its result line, then "wall_s peak_kib" from time(1).
measure() {
	/usr/bin/time -f 'measured %e %M' "$@" >"$dir/run.out" 2>"$dir/run.err" ||
		{ cat "$dir/run.out" "$dir/run.err" >&2; exit 1; }
	cat "$dir/run.out"
	sed -n 's/^measured //p' "$dir/run.err"
}
ours=$(measure "$bench" --columns-in "$dir")
peer=$(measure node "$here/duckdb/peer.mjs" "$dir")
printf '\nlinkage peer: %s a side (prepared columns of the cross-script benchmark), 2 threads each\n' "$n"
printf '%-8s %10s %10s %10s %8s %8s %8s\n' engine candidates links F1 "link s" "wall s" "peak MiB"
for who in ours peer; do
	eval "out=\$$who"
	echo "$out" | awk -v who="$who" '
		NR == 1 { for (i = 1; i <= NF; i++) { if ($i == "candidates") c = $(i+1); if ($i == "links") l = $(i+1);
		          if ($i == "F1") f = $(i+1); if ($i == "time") t = $(i+1) } }
		NR == 2 { printf "%-8s %10s %10s %10s %8s %8s %8.0f\n", (who == "ours" ? "parley" : "duckdb"), c, l, f, t, $1, $2 / 1024 }'
done
ot=$(echo "$ours" | sed -n 2p | cut -d' ' -f1); om=$(echo "$ours" | sed -n 2p | cut -d' ' -f2)
pt=$(echo "$peer" | sed -n 2p | cut -d' ' -f1); pm=$(echo "$peer" | sed -n 2p | cut -d' ' -f2)
awk -v ot="$ot" -v pt="$pt" -v om="$om" -v pm="$pm" \
	'BEGIN { printf "duckdb / parley: %.1fx the wall time, %.1fx the peak memory\n", pt / ot, pm / om }'
# Issue 14's figures at this scale, each beside its target; candidates per
# true pair against the same lists' generator at 100,000 a side.
small=$(mktemp -d "${TMPDIR:-/tmp}/parley-peer-small-XXXXXX")
"$bench" --persons 100000 --dir "$small" >/dev/null
ref=$("$bench" --columns-in "$small" 2>/dev/null | sed -n 's/.*per_true_pair \([0-9.]*\).*/\1/p')
rm -rf "$small"
echo "$ours" | awk -v n="$n" -v pt="$pt" -v ot="$ot" -v om="$om" -v ref="$ref" '
	NR == 1 { for (i = 1; i <= NF; i++) { if ($i == "time") t = $(i+1); if ($i == "per_true_pair") q = $(i+1) } }
	END {
		printf "\nissue 14 at %d a side          measured      target\n", n
		printf "  link time                  %8.1f s    < 15 s        %s\n", t, (t < 15 ? "met" : "NOT met")
		printf "  duckdb / parley wall time  %8.1fx     >= 4x         %s\n", pt / ot, (pt / ot >= 4 ? "met" : "NOT met")
		printf "  parley peak memory         %8.0f MiB  < 1024 MiB    %s\n", om / 1024, (om / 1024 < 1024 ? "met" : "NOT met")
		printf "  candidates per true pair   %8.2f      <= %s (100,000)  %s\n", q, ref, (q + 0 <= ref + 0 ? "met" : "NOT met")
	}'
[ -n "${3:-}" ] || rm -rf "$dir"
