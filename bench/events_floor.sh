#!/bin/sh
# What SQLite alone takes to write an events file's rows, as the events
# import writes them, without any of parley's own work: the floor under
# `parley import EVENTS.csv` on this machine (issue 14's 150,000 events/s).
#   bench/events_floor.sh REGISTRY.db EVENTS.csv [PARLEY]
# The registry (persons only, as `bench_registry --queries 1` leaves it)
# is copied; the sqlite3 shell reads the CSV into a temporary table first
# (not timed as the import's), then, in one transaction with the bulk
# load's settings (store_bulk_begin: rollback journal, synchronous FULL,
# a 512 MiB page cache, temporary files on disk), timed step by step:
#   rows     the events' rows, their person found by uid, with the indexes
#            by person and date and of the returns by date kept up as they
#            go in (the uid's dropped, as a bulk load drops it)
#   status   each person's status (its row of person_state) rewritten, once
#   audit    one audit entry per person, the events as JSON (the hash a
#            random blob: SQLite has no BLAKE2b), and its index kept up
#   indexes  the events' index by uid and the statuses' built
#   commit   the journal and the pages written and synced
# With PARLEY given, parley's own import of the same file on another copy
# is timed after it, for the comparison (CPU: user + system).
set -eu
db=$1
csv=$2
parley=${3:-}
command -v sqlite3 >/dev/null || { echo "events_floor: needs the sqlite3 shell (apt-get install sqlite3)" >&2; exit 1; }
dir=$(mktemp -d "${TMPDIR:-/var/tmp}/parley-floor-XXXXXX")
trap 'rm -rf "$dir"' EXIT
cp "$db" "$dir/floor.db"
events=$(($(wc -l <"$csv") - 1))
export SQLITE_TMPDIR="$dir"
cat >"$dir/floor.sql" <<EOF
PRAGMA journal_mode = delete;
PRAGMA synchronous = FULL;
PRAGMA foreign_keys = ON;
PRAGMA cache_size = -524288;
PRAGMA temp_store = FILE;
.import --csv --schema temp '$csv' ev_in
CREATE TEMP TABLE ev_person AS SELECT e.rowid AS r, p.id AS pid FROM temp.ev_in e JOIN person p ON p.uid = e.person;
.timer on
BEGIN;
DROP INDEX event_uid;
DROP INDEX person_state_status;
DROP INDEX audit_entity;
SELECT 'step rows';
INSERT INTO event (uid, person_id, type, date, source, place, note, cause, burial_place, grave,
                   status_before, status_after, created_at)
 SELECT e.id, x.pid, e.type, e.date, e.source, nullif(e.place, ''), nullif(e.note, ''), nullif(e.cause, ''),
        nullif(e.burial_place, ''), nullif(e.grave, ''), 'missing', 'captured', '2026-12-07T12:00:00.000Z'
 FROM temp.ev_in e JOIN temp.ev_person x ON x.r = e.rowid ORDER BY e.rowid;
SELECT 'step status';
UPDATE person_state SET status = 'captured' WHERE person_id IN (SELECT pid FROM temp.ev_person);
SELECT 'step audit';
INSERT INTO audit (ts, actor, action, entity, entity_uid, before, after, prev_hash, hash)
 SELECT '2026-12-07T12:00:00.000Z', 'cli:root', 'add', 'event', p.uid, NULL,
        json_object('events', json_group_array(json_object('id', e.id, 'type', e.type, 'date', e.date,
          'source', e.source, 'place', nullif(e.place, ''), 'note', nullif(e.note, ''),
          'status_before', 'missing', 'status_after', 'captured'))),
        randomblob(32), randomblob(32)
 FROM temp.ev_in e JOIN person p ON p.uid = e.person GROUP BY e.person ORDER BY min(e.rowid);
SELECT 'step indexes';
CREATE UNIQUE INDEX event_uid ON event(uid);
CREATE INDEX person_state_status ON person_state(status);
CREATE INDEX audit_entity ON audit(entity_uid) WHERE entity_uid IS NOT NULL;
SELECT 'step commit';
COMMIT;
EOF
sqlite3 "$dir/floor.db" <"$dir/floor.sql" >"$dir/out.txt" 2>&1 || { cat "$dir/out.txt" >&2; exit 1; }
# The timer's lines after each step's marker, summed per step.
awk -v events="$events" '
	/^step / { step = $2; order[++n] = step; next }
	/^Run Time:/ && step != "" { wall[step] += $4; cpu[step] += $6 + $8 }
	END {
		printf "| step (%d events, sqlite3 alone) | wall s | CPU s | µs an event (CPU) |\n|---|---|---|---|\n", events
		for(i = 1; i <= n; i++) {
			s = order[i]; tw += wall[s]; tc += cpu[s]
			printf "| %s | %.1f | %.1f | %.1f |\n", s, wall[s], cpu[s], 1e6 * cpu[s] / events
		}
		printf "| all: the floor | %.1f (%d events/s) | %.1f | %.1f |\n", tw, events / tw, tc, 1e6 * tc / events
	}' "$dir/out.txt"
if [ -n "$parley" ]; then
	cp "$db" "$dir/parley.db"
	rm -f "$dir/floor.db"
	/usr/bin/time -f '%e %U %S %M' -o "$dir/time.txt" "$parley" --db "$dir/parley.db" import --quiet "$csv"
	read -r wall user sys peak <"$dir/time.txt"
	awk -v w="$wall" -v u="$user" -v s="$sys" -v e="$events" 'BEGIN {
		printf "| parley import, the same file | %.1f (%d events/s) | %.1f | %.1f |\n", w, e / w, u + s, 1e6 * (u + s) / e }'
fi
