# parley keys, parley manifest sign and verify.

# Keys for UA, RU (parties) and TR (mediator), their public key files, and
# a sample manifest signed by all three: signed.json.
three_signers() {
	"$PARLEY" keys generate --signer UA -o ua.key >/dev/null
	"$PARLEY" keys generate --signer RU -o ru.key >/dev/null
	"$PARLEY" keys generate --signer TR --role mediator -o tr.key >/dev/null
	for k in ua ru tr; do
		"$PARLEY" keys export $k.key -o $k.pub 2>/dev/null
	done
	python3 - <<'EOF'
import json
entries = [{"person": {"surname": "Person %02d" % i, "given_names": "Test",
                       "birth_date": "19%02d-0%d-1%d" % (70 + i, 1 + i % 9, i % 10)},
            "rank": "private", "from": "RU" if i % 2 else "UA"} for i in range(20)]
doc = {"parley": "manifest/1", "stage": "2025-06-09/1", "parties": ["UA", "RU"],
       "mediator": "TR", "entries": entries, "remains": [{"batch": "B-1", "count": 12}]}
json.dump(doc, open("manifest.json", "w"), ensure_ascii=False, indent=2)
EOF
	"$PARLEY" manifest sign manifest.json --key ua.key -o signed.json >/dev/null
	"$PARLEY" manifest sign signed.json --key ru.key >/dev/null
	"$PARLEY" manifest sign signed.json --key tr.key >/dev/null
}

ALL_KEYS="--key ua.pub --key ru.pub --key tr.pub"

test_sign_keys_generate_and_export() {
	p keys generate --signer UA -o ua.key
	expect_status 0
	expect_out "secret key of UA (party) written to ua.key"
	expect_out "Keep ua.key safe"
	fp=$(echo "$out" | sed -n 's/^fingerprint //p')
	echo "$fp" | grep -Eq '^[0-9a-f]{4} [0-9a-f]{4} [0-9a-f]{4} [0-9a-f]{4}$' || fail "fingerprint '$fp'"
	[ "$(stat -c %a ua.key)" = 600 ] || fail "ua.key is not private"
	# In Ukrainian: the sentences, not the fingerprint line scripts read.
	LANG=uk_UA.UTF-8 p keys generate --signer RU -o ru-uk.key
	expect_status 0
	expect_out "таємний ключ RU (party) записано до ru-uk.key"
	expect_out "Бережіть ru-uk.key"
	echo "$out" | grep -Eq '^fingerprint [0-9a-f]{4} ' || fail "no fingerprint line: $out"
	# Never replaced: a lost secret key cannot be made again.
	cp ua.key before.key
	p keys generate --signer UA -o ua.key
	expect_status 1
	expect_err "ua.key already exists"
	cmp -s ua.key before.key || fail "ua.key was changed"
	p keys generate --signer Ukraine -o x.key
	expect_status 1
	expect_err "2 or 3 capital letters"
	p keys generate --signer ICRC -o icrc.key
	expect_status 1
	p keys generate --signer ICRC --role mediator -o icrc.key
	expect_status 0
	p keys generate --signer UA
	expect_status 2
	p keys generate --signer UA --role observer -o y.key
	expect_status 2
	expect_err "--role: expected party or mediator"
	# The public key file: to standard output, or to a file.
	p keys export ua.key
	expect_status 0
	expect_out '"parley": "public-key/1"'
	expect_out "\"fingerprint\": \"$fp\""
	expect_no_out "secret"
	p keys export ua.key -o ua.pub
	expect_status 0
	expect_err "fingerprint $fp, written to ua.pub"
	grep -q secret ua.pub && fail "ua.pub holds a secret"
	# Secret key files others can read are refused.
	chmod 644 ua.key
	p keys export ua.key
	expect_status 1
	expect_err "readable by its owner only"
	LANG=uk_UA.UTF-8 p keys export ua.key -o ua2.pub
	expect_status 1
	expect_err "файл таємного ключа має бути доступний для читання лише власникові"
	p keys --help
	expect_status 0
	expect_out "generate"
	p keys generate --help
	expect_status 0
	expect_out "usage: parley keys generate"
}

test_sign_by_three_and_verify() {
	three_signers
	p manifest verify signed.json $ALL_KEYS
	expect_status 0
	expect_out "signature of UA (party, key "
	expect_out "signature of TR (mediator, key "
	expect_out "valid, trusted, and over this document"
	expect_out "verified: document sha256 "
	[ -z "$err" ] || fail "unexpected stderr"
	# What sign says: whose key, the document's hash, the entries.
	p manifest sign signed.json --key ua.key -o again.json
	expect_status 0
	expect_out "signed by UA (party, key "
	expect_out ", replacing the earlier signature"
	expect_out ", 20 entries"
	sha=$(jq -r '.signatures[0].document_sha256' signed.json)
	expect_out "document sha256 $sha"
	# The envelope's shape.
	[ "$(jq -r '.signatures | map(.signer) | join(",")' signed.json)" = UA,RU,TR ] || fail "signers"
	[ "$(jq -r '.digests.entries[12].person.birth_date | length' signed.json)" = 8 ] || fail "digests"
	# Without TR's signature, TR (the document's mediator) is missing.
	jq 'del(.signatures[2])' signed.json > two.json
	p manifest verify two.json $ALL_KEYS
	expect_status 1
	expect_err "mediator TR has not signed"
	p manifest verify two.json $ALL_KEYS --require UA,RU
	expect_status 0
	p manifest verify two.json $ALL_KEYS --require UA,ru
	expect_status 2
	p manifest --help
	expect_status 0
	expect_out "sign "
	expect_out "verify "
}

test_sign_altered_birth_date_is_named() {
	three_signers
	jq '.document.entries[12].person.birth_date = "1983-04-12"' signed.json > altered.json
	p manifest verify altered.json $ALL_KEYS
	expect_status 1
	expect_err "valid, but the document was changed after signing: entries[12].person.birth_date changed"
	expect_err "party RU has no good signature"
	# Removing an entry names it, not everything after it.
	jq 'del(.document.entries[3]) | .document.mediator_note = "x"' signed.json > removed.json
	p manifest verify removed.json $ALL_KEYS
	expect_status 1
	expect_err "after signing: entries[3] removed, mediator_note added"
	# The forger recomputes the digests too: the change is still caught.
	python3 - <<'EOF'
import json
e = json.load(open("signed.json"))
e["document"]["entries"][12]["person"]["birth_date"] = "1983-04-12"
e["digests"]["entries"][12]["person"]["birth_date"] = "00000000"
json.dump(e, open("hidden.json", "w"))
EOF
	p manifest verify hidden.json $ALL_KEYS
	expect_status 1
	expect_err "(and so were the digests, so the changed fields cannot be named)"
	# --json: the report for programs.
	p --json manifest verify altered.json $ALL_KEYS
	expect_status 1
	[ "$(echo "$out" | jq -r '.signatures[1].changes[0].path')" = entries[12].person.birth_date ] \
		|| fail "JSON changes"
	[ "$(echo "$out" | jq -r '.ok')" = false ] || fail "JSON ok"
}

test_sign_forged_signature_and_swapped_signer() {
	three_signers
	python3 - <<'EOF'
import base64, json
e = json.load(open("signed.json"))
s = bytearray(base64.b64decode(e["signatures"][0]["signature"]))
s[10] ^= 1
e["signatures"][0]["signature"] = base64.b64encode(bytes(s)).decode()
json.dump(e, open("forged.json", "w"))
e = json.load(open("signed.json"))
e["signatures"][1]["signer"] = "UA"    # RU's signature relabelled
json.dump(e, open("swapped.json", "w"))
EOF
	p manifest verify forged.json $ALL_KEYS
	expect_status 1
	expect_err "signature of UA (party, key "
	expect_err "): not valid (made with another key, or the signature bytes"
	expect_out "signature of RU (party, key "   # the others stand
	p manifest verify swapped.json $ALL_KEYS --require UA,RU,TR
	expect_status 1
	expect_err "not valid"
	# Not a signed document; a JSON text that means two things.
	echo '[1, 2]' > list.json
	p manifest verify list.json $ALL_KEYS
	expect_status 1
	expect_err "not a signed document"
	echo '{"document": {}, "document": {}}' > dup.json
	p manifest verify dup.json $ALL_KEYS
	expect_status 1
	expect_err "duplicate object key"
}

test_sign_untrusted_keys() {
	three_signers
	# Only the parties' keys given: TR's signature is not trusted.
	p manifest verify signed.json --key ua.pub --key ru.pub
	expect_status 1
	expect_err "signature of TR (mediator, key "
	expect_err "valid, but key not trusted (no public key for mediator TR was imported)"
	# Someone else signs as TR.
	mkdir other
	"$PARLEY" keys generate --signer TR --role mediator -o other/tr.key >/dev/null
	p manifest sign signed.json --key other/tr.key -o impostor.json
	expect_status 0
	p manifest verify impostor.json $ALL_KEYS
	expect_status 1
	expect_err "key not trusted (it is not one of the imported keys of mediator TR)"
	# No keys and no database: nothing can be trusted.
	p manifest verify signed.json
	expect_status 1
	expect_err "no trusted keys (no --key, and no database at parley.db)"
	# A public key cannot sign.
	p manifest sign signed.json --key ua.pub
	expect_status 1
	expect_err "ua.pub is a public key file"
}

test_sign_again_after_a_change_drops_the_others() {
	three_signers
	jq '.document.entries[0].rank = "sergeant"' signed.json > changed.json
	p manifest sign changed.json --key ua.key
	expect_status 0
	expect_err "removed 2 signatures made over another version of the document: RU (party), TR (mediator) (they must sign again)"
	[ "$(jq '.signatures | length' changed.json)" = 1 ] || fail "signatures kept"
	p manifest verify changed.json $ALL_KEYS
	expect_status 1
	expect_err "party RU has not signed"
	"$PARLEY" manifest sign changed.json --key ru.key >/dev/null
	"$PARLEY" manifest sign changed.json --key tr.key >/dev/null
	p manifest verify changed.json $ALL_KEYS
	expect_status 0
	# Standard input needs -o.
	p manifest sign - --key ua.key < manifest.json
	expect_status 2
	p manifest sign - --key ua.key -o from-stdin.json < manifest.json
	expect_status 0
}

test_sign_keys_import_list_revoke() {
	three_signers
	"$PARLEY" init keys.db >/dev/null
	export PARLEY_DB=keys.db
	p keys import ua.pub ru.pub tr.pub
	expect_status 0
	fp=$(jq -r .fingerprint ua.pub)
	expect_out "trusted key of party UA, fingerprint $fp"
	expect_out "trusted key of mediator TR"
	p keys import ua.pub
	expect_status 0
	expect_out "already trusted: key of party UA"
	p keys import ua.key
	expect_status 1
	expect_err "ua.key is a secret key file"
	p keys list
	expect_status 0
	expect_out "$fp"
	expect_out "mediator"
	p --json keys list
	[ "$(echo "$out" | jq length)" = 3 ] || fail "three keys"
	# Verify against the database's keys.
	p manifest verify signed.json
	expect_status 0
	# Key rotation: a second key for UA, then the old one revoked.
	"$PARLEY" keys generate --signer UA -o ua2.key >/dev/null
	"$PARLEY" keys export ua2.key -o ua2.pub 2>/dev/null
	p keys import ua2.pub
	expect_status 0
	p keys revoke $fp     # unquoted: four words
	expect_status 0
	expect_out "revoked key $fp of party UA"
	p keys revoke "$fp"
	expect_status 1
	expect_err "already revoked"
	p manifest verify signed.json
	expect_status 1
	expect_err "key not trusted (this key of party UA was revoked)"
	"$PARLEY" manifest sign signed.json --key ua2.key >/dev/null
	p manifest verify signed.json
	expect_status 0
	p keys import ua.pub
	expect_status 1
	expect_err "a revoked key is never trusted again"
	p keys revoke 0000000000000000
	expect_status 1
	expect_err "no signing key has the fingerprint"
	[ "$(sql "SELECT count(*) FROM audit WHERE entity = 'signing_key'")" = 5 ] || fail "audited"
	p audit verify
	expect_status 0
}
