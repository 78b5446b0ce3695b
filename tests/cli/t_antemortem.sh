# Ante-mortem data on the command line (parley antemortem): a record set
# field by field, bad values refused naming the field with nothing written;
# photos checked by content and size, no orphan file; backup and restore
# bring the photos back, and a photo file lost is said, never passed over;
# post-mortem observations and the comparison.

# A 1x1 PNG.
png_file() {
	printf 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=' | base64 -d > "$1"
}

am_person() {
	db_with 'surname,given_names,birth_date\nШевченко,Тарас,1990-03-09\n'
	id=$(sql "SELECT uid FROM person LIMIT 1")
}

test_antemortem_set_and_refusals() {
	am_person
	p antemortem set "$id" --height 175-180 --hair brown --mark "tattoo:arm_left:якір" --tooth 16:filled --tooth 36:missing
	expect_status 0
	expect_out "ante-mortem record of $id recorded"
	# A tooth that does not exist, a mark without its place, a word not on the list.
	p antemortem set "$id" --tooth 19:filled
	expect_status 1
	expect_err "field 'dental.19': there is no tooth 19"
	p antemortem set "$id" --mark "scar::on the chin"
	expect_status 1
	expect_err "field 'marks[1].location': a mark needs its place on the body"
	p antemortem set "$id" --hair purple
	expect_err "field 'hair': 'purple' is not one of black, brown"
	LANG=uk_UA.UTF-8 p antemortem set "$id" --tooth 50:filled
	expect_err "зуба 50 не існує"
	# Nothing of those written: the first record stands, one audit entry.
	[ "$(sql "SELECT count(*) FROM audit WHERE action = 'antemortem'")" = 1 ] || fail "refusals were audited"
	p antemortem show "$id" --json
	[ "$(printf '%s' "$out" | jq -r '.dental["36"] + " " + .hair + " " + (.marks | length | tostring)')" = "missing brown 1" ] ||
		fail "the record changed"
	# Options change their part and keep the rest; a mark is added.
	p antemortem set "$id" --eyes blue --mark "scar:face:a scar on the chin"
	p antemortem show "$id"
	expect_out "hair       brown"
	expect_out "eyes       blue"
	expect_out "scar on face: a scar on the chin"
	[ "$(sql "SELECT count(*) FROM access_log WHERE detail = 'antemortem'")" -ge 1 ] || fail "the show is not in the access log"
}

test_antemortem_photos_checked_no_orphan() {
	am_person
	png_file a.png
	printf 'GIF89a but not really' > fake.png
	p antemortem photo-add "$id" fake.png
	expect_status 1
	expect_err "the photo is not an image: expected JPEG, PNG or WebP"
	[ ! -d demo.db.photos ] || [ -z "$(ls demo.db.photos)" ] || fail "a refused photo left a file"
	p antemortem photo-add "$id" a.png --max-size 10
	expect_status 1
	expect_err "the photo is too large"
	p antemortem photo-add PNOBODY0000000000 a.png
	expect_status 1
	[ ! -d demo.db.photos ] || [ -z "$(ls demo.db.photos)" ] || fail "a photo of nobody left a file"
	p antemortem photo-add "$id" a.png --caption front
	expect_status 0
	sha=$(sha256sum a.png | cut -d' ' -f1)
	expect_out "photo $sha (image/png) added for $id"
	[ -f "demo.db.photos/$sha" ] || fail "no file named by its SHA-256"
	p antemortem photo-add "$id" a.png
	expect_status 1
	expect_err "recorded for the person already"
	p antemortem photo-list "$id"
	expect_out "$sha  image/png"
	p antemortem photo-get "$sha" back.png
	expect_status 0
	cmp a.png back.png || fail "the photo read back differs"
	[ "$(sql "SELECT count(*) FROM access_log WHERE detail = 'photo $sha'")" = 1 ] || fail "the read is not in the access log"
}

test_antemortem_backup_restore_brings_photos_back() {
	am_person
	png_file a.png
	"$PARLEY" antemortem photo-add "$id" a.png >/dev/null
	sha=$(sha256sum a.png | cut -d' ' -f1)
	printf 'correct horse battery staple\n' > pass.txt
	p backup b.enc --passphrase-file pass.txt
	expect_status 0
	p restore b.enc back.db --passphrase-file pass.txt
	expect_status 0
	expect_out "1 photo files restored"
	cmp a.png "back.db.photos/$sha" || fail "the photo did not come back"
	[ "$(sqlite3 back.db "SELECT count(*) FROM sqlite_schema WHERE name = 'antemortem_photo_file'")" = 0 ] ||
		fail "the backup's photo table stayed in the restored database"
	PARLEY_DB=back.db p antemortem photo-get "$sha" again.png
	expect_status 0
	# A photo file lost: the backup refuses, naming it; taken anyway on
	# request, the restore says it is missing and fails.
	rm "demo.db.photos/$sha"
	p backup b2.enc --passphrase-file pass.txt
	expect_status 1
	expect_err "photo $sha: its file demo.db.photos/$sha is missing"
	[ ! -e b2.enc ] || fail "a refused backup left its file"
	p backup b2.enc --passphrase-file pass.txt --missing-photos-ok
	expect_status 0
	expect_err "is missing"
	p restore b2.enc back2.db --passphrase-file pass.txt
	expect_status 1
	expect_err "photo files named above are not in the backup"
	expect_err "photo $sha"
}

test_antemortem_postmortem_comparison() {
	am_person
	printf 'tag,recovery_place\nC-1,Ізюм\n' > cases.csv
	"$PARLEY" remains import cases.csv >/dev/null
	"$PARLEY" antemortem set "$id" --height 175-180 --tooth 36:missing --tooth 16:filled >/dev/null
	p antemortem pm-set C-1 --height 172-178 --tooth 36:present --tooth 16:missing
	expect_status 0
	p antemortem pm-set C-1 --inquiry Q123
	expect_status 1
	expect_err "field 'inquiry'"
	p antemortem compare "$id" C-1
	expect_status 0
	expect_out "tooth 36: ante-mortem missing, post-mortem present: not possible (exclusion)"
	expect_out "the ranges overlap"
	p antemortem compare "$id" C-1 --json
	[ "$(printf '%s' "$out" | jq -r '.dental.verdict + " " + .height.verdict + " " + .eyes.verdict')" = "disagree agree unknown" ] ||
		fail "unexpected verdicts"
	LANG=uk_UA.UTF-8 p antemortem compare "$id" C-1
	expect_out "зуб 36"
}
