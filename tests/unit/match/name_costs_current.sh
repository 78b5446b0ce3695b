#!/bin/sh
# src/match/name_costs.c is what tools/gen_name_costs.c makes of the
# dictionary and the list of given names' forms now.
#   name_costs_current.sh GEN DIMINUTIVES.csv name_costs.c
out=$(mktemp) || exit 1
trap 'rm -f "$out"' EXIT
"$1" "$2" "$out" || { echo "not ok 1 - gen_name_costs failed"; exit 1; }
if cmp -s "$out" "$3"; then
	echo "1..1"; echo "ok 1 - src/match/name_costs.c is current"
else
	echo "1..1"; echo "not ok 1 - src/match/name_costs.c is stale: run $1 $2 $3"
	diff "$3" "$out" | head -20
	exit 1
fi
