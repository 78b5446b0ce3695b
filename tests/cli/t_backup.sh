# Encrypted exports (parley export --to / --passphrase-file, parley decrypt),
# recipient keys (parley box-key), backups and restores (parley backup,
# parley restore): docs/security.md.

# A file's bytes with one of them changed (offset from the end if negative).
flip_byte() {
	python3 - "$1" "$2" <<'PY'
import sys
p, at = sys.argv[1], int(sys.argv[2])
b = bytearray(open(p, 'rb').read())
b[at] ^= 0x20
open(p, 'wb').write(b)
PY
}

test_export_to_a_passphrase_and_back() {
	db_with 'surname,given_names,birth_date,medical\nШевченко,Тарас,1990-03-09,wounded\nКоваленко,Іван,,\n'
	printf 'correct horse battery staple\n' > pass.txt
	printf 'correct horse battery stapler\n' > wrong.txt
	"$PARLEY" export -o plain.json
	p export -o secret.enc --format json --passphrase-file pass.txt
	expect_status 0
	# Not in the clear.
	! grep -q "Шевченко" secret.enc || fail "the surname is in the clear"
	head -c 8 secret.enc | grep -q PARLEYX1 || fail "no header"
	p decrypt secret.enc -o back.json --passphrase-file pass.txt
	expect_status 0
	cmp plain.json back.json || fail "not the same export"
	# The passphrase from standard input.
	p decrypt secret.enc --passphrase-file - < pass.txt
	expect_out "Шевченко"
	p decrypt secret.enc -o wrong.json --passphrase-file wrong.txt
	expect_status 1
	expect_err "wrong passphrase for secret.enc"
	[ ! -e wrong.json ] || fail "a refused decrypt left its output"
	p decrypt secret.enc
	expect_status 1
	expect_err "encrypted with a passphrase: give --passphrase-file"
	LANG=uk_UA.UTF-8 p decrypt secret.enc --passphrase-file wrong.txt
	expect_err "неправильна парольна фраза"
	# A short passphrase is refused before anything is written.
	printf 'short\n' > short.txt
	p export -o short.enc --passphrase-file short.txt
	expect_status 1
	[ ! -e short.enc ] || fail "a refused export left a file"
	p export -o both.enc --passphrase-file pass.txt --to pass.txt
	expect_status 2
	expect_err "either --to or --passphrase-file"
}

test_export_to_a_recipient_key_refuses_the_wrong_key_and_damage() {
	db_with 'surname,given_names\nШевченко,Тарас\nКоваленко,Іван\n'
	p box-key "UA archive" -o ua.key
	expect_status 0
	expect_out "ua.key.pub"
	[ "$(stat -c %a ua.key)" = 600 ] || fail "the secret key file is readable by others"
	grep -q '"box-public-key/1"' ua.key.pub || fail "no public key file"
	! grep -q secret_key ua.key.pub || fail "the public file holds the secret"
	"$PARLEY" box-key RU -o ru.key >/dev/null
	p box-key "UA archive" -o ua.key
	expect_status 1
	expect_err "already exists"
	"$PARLEY" export --format csv -o plain.csv
	p export --format csv -o x.enc --to ua.key.pub
	expect_status 0
	p decrypt x.enc -o back.csv --key ua.key
	expect_status 0
	cmp plain.csv back.csv || fail "not the same export"
	p decrypt x.enc --key ru.key
	expect_status 1
	expect_err "is encrypted to the key"
	expect_err "not to yours"
	p decrypt x.enc --key ua.key.pub
	expect_status 1
	expect_err "is a public key"
	p decrypt plain.csv --key ua.key
	expect_status 1
	expect_err "plain.csv is not a parley encrypted file"
	# Cut short.
	head -c $(( $(stat -c %s x.enc) - 5 )) x.enc > cut.enc
	p decrypt cut.enc -o out.csv --key ua.key
	expect_status 1
	expect_err "cut.enc is cut short"
	[ ! -e out.csv ] || fail "a refused decrypt left its output"
	# One byte altered in the sealed file key.
	cp x.enc bad.enc
	flip_byte bad.enc 40
	p decrypt bad.enc --key ua.key
	expect_status 1
	expect_err "bad.enc was altered after it was encrypted"
	# A byte added.
	cp x.enc long.enc
	printf 'x' >> long.enc
	p decrypt long.enc --key ua.key
	expect_status 1
	expect_err "long.enc is cut short, or its end was altered"
}

test_export_limited_to_chosen_fields() {
	db_with 'surname,given_names,birth_date,rank\nШевченко,Тарас,1990-03-09,солдат\n'
	p export --format csv --fields surname,given_names
	expect_status 0
	expect_out "id,surname,given_names,status"
	expect_out "Шевченко,Тарас"
	expect_no_out "1990-03-09"
	expect_no_out "солдат"
	p export --format json --fields surname
	expect_out "\"surname\":\"Шевченко\""
	expect_no_out "Тарас"
	expect_no_out "1990-03-09"
	p export --format csv --fields surname,shoe_size
	expect_status 2
	expect_err "'shoe_size' is not a person field"
	# Encrypted and limited together.
	printf 'correct horse battery staple\n' > pass.txt
	"$PARLEY" export --format csv --fields surname --passphrase-file pass.txt -o few.enc
	p decrypt few.enc --passphrase-file pass.txt
	expect_out "id,surname,status"
	expect_no_out "Тарас"
}

test_backup_while_writing_then_restore_verifies() {
	"$PARLEY" init parley.db >/dev/null
	export PARLEY_DB=parley.db
	"$PARLEY" demo-data --persons 3000 --seed 7 -o demo.json
	"$PARLEY" import --quiet demo.json
	for i in 1 2 3; do "$PARLEY" person add --surname "Before$i" >/dev/null; done
	before=$(sqlite3 parley.db "SELECT count(*) FROM person")
	"$PARLEY" box-key office -o office.key >/dev/null
	# Another process writes all through the backup.
	( for i in $(seq 1 40); do "$PARLEY" person add --surname "During$i" >/dev/null || echo "write $i failed"; done ) > writer.log 2>&1 &
	writer=$!
	p backup office.enc --to office.key.pub
	expect_status 0
	expect_out "encrypted backup written to office.enc"
	wait $writer
	[ ! -s writer.log ] || fail "a write failed during the backup: $(cat writer.log)"
	after=$(sqlite3 parley.db "SELECT count(*) FROM person")
	[ "$after" -eq $((before + 40)) ] || fail "the writes did not all land: $after"
	! grep -q "Before1" office.enc || fail "the backup is in the clear"
	ls parley.db.backup-* 2>/dev/null && fail "the plain copy was left behind"
	# The backup is in the access log.
	[ "$(sqlite3 parley.db "SELECT count(*) FROM access_log WHERE action = 'backup'")" = 1 ] || fail "not in the access log"

	p restore office.enc restored.db --key office.key
	expect_status 0
	expect_out "restored restored.db"
	expect_out "audit chain intact"
	PARLEY_DB=restored.db p audit verify
	expect_status 0
	expect_out "audit chain intact"
	n=$(sqlite3 restored.db "SELECT count(*) FROM person")
	[ "$n" -ge "$before" ] && [ "$n" -le "$after" ] || fail "restored $n persons, expected $before to $after"
	# As many audit entries as the persons it holds were written with.
	audit=$(sqlite3 restored.db "SELECT count(*) FROM audit WHERE entity = 'person'")
	[ "$audit" -ge $((n - 3000)) ] || fail "audit $audit for $n persons"
	[ "$(sqlite3 restored.db "SELECT count(*) FROM event")" = "$(sqlite3 parley.db "SELECT count(*) FROM event")" ] \
		|| fail "events differ"

	# Never over an existing database without --force.
	p restore office.enc restored.db --key office.key
	expect_status 1
	expect_err "restored.db already exists"
	# Not under a server that has it open: its later writes would go to
	# the replaced file, unseen.
	"$PARLEY" --db parley.db serve --listen 127.0.0.1:0 >serve.out 2>serve.err &
	spid=$!
	for _ in $(seq 100); do grep -q 'serving' serve.out && break; sleep 0.1; done
	grep -q 'serving' serve.out || fail "the server did not start: $(cat serve.err)"
	p restore office.enc parley.db --key office.key --force
	expect_status 1
	expect_err "parley.db is open in another process"
	kill -TERM "$spid"
	wait "$spid" || fail "serve exited with $?"
	[ "$(sqlite3 parley.db "SELECT count(*) FROM person")" = "$after" ] || fail "a refused restore changed the database"
	p restore office.enc parley.db --key office.key --force
	expect_status 0
	[ "$(sqlite3 parley.db "SELECT count(*) FROM person")" = "$n" ] || fail "--force did not restore"
	[ ! -e parley.db-wal ] || [ ! -s parley.db-wal ] || fail "the old journal is left"
}

test_restore_refuses_damage_and_other_files_and_leaves_nothing() {
	"$PARLEY" init parley.db >/dev/null
	export PARLEY_DB=parley.db
	"$PARLEY" person add --surname Шевченко >/dev/null
	printf 'correct horse battery staple\n' > pass.txt
	p backup b.enc
	expect_status 2
	expect_err "a backup is always encrypted"
	"$PARLEY" backup b.enc --passphrase-file pass.txt >/dev/null
	p backup b.enc --passphrase-file pass.txt
	expect_status 1
	expect_err "already exists"
	cp b.enc bad.enc
	flip_byte bad.enc -5
	p restore bad.enc new.db --passphrase-file pass.txt
	expect_status 1
	expect_err "bad.enc is cut short, or its end was altered"
	[ ! -e new.db ] || fail "a refused restore made the database"
	ls new.db.restore-* 2>/dev/null && fail "a refused restore left its temporary file"
	# An export is not a backup.
	"$PARLEY" export -o e.enc --passphrase-file pass.txt
	p restore e.enc new.db --passphrase-file pass.txt
	expect_status 1
	expect_err "holds an encrypted export, not a backup"
	p restore b.enc new.db --passphrase-file pass.txt
	expect_status 0
	[ "$(sqlite3 new.db "SELECT surname FROM person")" = Шевченко ] || fail "not restored"
}
