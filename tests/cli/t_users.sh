# parley init --admin, parley user, parley token, parley serve.

test_init_with_admin() {
	p init x.db --admin olena --password-stdin <<< "olena-password-1"
	expect_status 0
	expect_out "added admin olena"
	[ "$(sqlite3 x.db "SELECT roles FROM user WHERE name = 'olena'")" = admin ] || fail "not an admin"
	# The hash, never the password.
	sqlite3 x.db "SELECT password_hash FROM user" | grep -q '^\$argon2id\$' || fail "not Argon2id"
	sqlite3 x.db .dump | grep -q "olena-password-1" && fail "the password is stored"
	# A second first admin is refused.
	p init x.db --admin petro --password-stdin <<< "petro-password-1"
	expect_status 1
	expect_err "already has users"
	p init y.db --admin olena --generate-password
	expect_status 0
	expect_out "with password "
	p init z.db --admin olena --password-stdin <<< "short"
	expect_status 1
	expect_err "at least 10"
	p init w.db --generate-password
	expect_status 2
}

test_user_add_list_passwd_disable() {
	"$PARLEY" init x.db >/dev/null
	export PARLEY_DB=x.db
	p user add petro --roles registrar,medical --display "Петро К." --password-stdin <<< "petro-password-1"
	expect_status 0
	expect_out "added user petro (registrar,medical)"
	LANG=uk_UA.UTF-8 p user add oksana --roles auditor --password-stdin <<< "short"
	expect_status 1
	expect_err "пароль має щонайменше 10 символів"
	LANG=uk_UA.UTF-8 p user add oksana --roles auditor --password-stdin <<< "oksana-password-1"
	expect_status 0
	expect_out "додано користувача oksana (auditor)"
	p user add petro --roles auditor --password-stdin <<< "petro-password-2"
	expect_status 1
	expect_err "already exists"
	p user add ivan --roles king --password-stdin <<< "ivan-password-1"
	expect_status 2
	expect_err "'king' is not a role"
	p user add ivan --password-stdin <<< "ivan-password-1"
	expect_status 2
	expect_err "--roles is required"
	p user add Ivan --roles auditor --password-stdin <<< "ivan-password-1"
	expect_status 1
	expect_err "a-z, 0-9"
	p user add ivan --roles auditor --generate-password
	expect_status 0
	pw=$(echo "$out" | sed -n 's/^password //p')
	[ ${#pw} -eq 20 ] || fail "generated password '$pw'"
	p user list
	expect_status 0
	expect_out "petro"
	expect_out "registrar,medical"
	expect_out "Петро К."
	p --json user list
	echo "$out" | grep -q '"roles": \[' || fail "no JSON roles"
	p user passwd petro --password-stdin <<< "petro-password-9"
	expect_status 0
	p user set petro --roles auditor
	expect_status 0
	[ "$(sql "SELECT roles FROM user WHERE name = 'petro'")" = auditor ] || fail "roles not set"
	p user disable petro
	expect_status 0
	expect_out "disabled user petro"
	[ "$(sql "SELECT disabled FROM user WHERE name = 'petro'")" = 1 ] || fail "not disabled"
	p user enable petro
	expect_status 0
	p user disable nobody
	expect_status 1
	expect_err "no user nobody"
	# Every change is in the audit chain.
	p audit log --actor cli:$(id -un)
	expect_out "passwd"
	p audit verify
	expect_status 0
}

test_last_admin_stays() {
	"$PARLEY" init x.db --admin root --password-stdin <<< "root-password-1" >/dev/null
	export PARLEY_DB=x.db
	p user disable root
	expect_status 1
	expect_err "last enabled admin"
	p user set root --roles auditor
	expect_status 1
}

test_tokens() {
	"$PARLEY" init x.db --admin root --password-stdin <<< "root-password-1" >/dev/null
	export PARLEY_DB=x.db
	p token create --user root --name "nightly"
	expect_status 0
	expect_out "pt_"
	tok=$(echo "$out" | grep -o 'pt_[A-Za-z0-9_-]*')
	[ ${#tok} -eq 46 ] || fail "token '$tok'"
	sqlite3 x.db .dump | grep -q "${tok#pt_}" && fail "the token is stored"
	p token list
	expect_out "nightly"
	p token revoke 1
	expect_status 0
	p --json token list
	echo "$out" | grep -q '"revoked_at": "20' || fail "not revoked"
	p token create --user nobody --name x
	expect_status 1
	p token revoke abc
	expect_status 2
}

# Weak passwords are refused with the reason (issue 13, item 6), in the
# user's language too.
test_weak_passwords() {
	"$PARLEY" init x.db >/dev/null
	export PARLEY_DB=x.db
	p user add dana --roles medical --password-stdin <<< "password12"
	expect_status 1
	expect_err "10,000 most common"
	p user add dana --roles medical --password-stdin <<< "aaaaaaaaaa"
	expect_status 1
	expect_err "one character repeated"
	p user add dana --roles medical --password-stdin <<< "          "
	expect_status 1
	expect_err "only blanks"
	p user add dana --roles medical --password-stdin <<< "0123456789"
	expect_status 1
	expect_err "sequence"
	p user add dana --roles medical --display "Dana Hnatiuk" --password-stdin <<< "Hnatiuk-1990"
	expect_status 1
	expect_err "own name"
	LANG=uk_UA.UTF-8 p user add dana --roles medical --password-stdin <<< "iloveyou2024"
	expect_status 1
	expect_err "найпоширеніших"
	[ "$(sql "SELECT count(*) FROM user")" = 0 ] || fail "a user was added"
	p user add dana --roles medical --display "Dana Hnatiuk" --password-stdin <<< "violet-harbour-71"
	expect_status 0
	p user passwd dana --password-stdin <<< "dana!!2024!"
	expect_status 1
	expect_err "own name"
}

# A new password and disabling revoke a user's tokens for good; tokens
# expire and may be limited to reading (issue 13, item 5).
test_tokens_die_with_the_password() {
	"$PARLEY" init x.db --admin root --password-stdin <<< "root-password-1" >/dev/null
	export PARLEY_DB=x.db
	p token create --user root --name one --days 7 --read-only
	expect_status 0
	expect_out "may only read"
	[ "$(sql "SELECT read_only, julianday(expires_at) - julianday(created_at) FROM api_token")" = "1|7.0" ] ||
		fail "not 7 days, read only: $(sql "SELECT * FROM api_token")"
	p token create --user root --name two
	expect_status 0
	[ "$(sql "SELECT julianday(expires_at) - julianday(created_at) FROM api_token WHERE name = 'two'")" = 90.0 ] ||
		fail "not 90 days"
	p token create --user root --name three --days 366
	expect_status 2
	p token list
	expect_out "read only"
	p user add ines --roles auditor --password-stdin <<< "violet-harbour-71"
	p token create --user ines --name x
	p user passwd ines --password-stdin <<< "amber-meadow-lantern"
	expect_status 0
	expect_out "API tokens are revoked"
	[ "$(sql "SELECT count(*) FROM api_token WHERE name = 'x' AND revoked_at IS NOT NULL")" = 1 ] ||
		fail "the token outlived the password"
	p token create --user ines --name y
	p user disable ines
	expect_out "API tokens are revoked"
	p user enable ines
	[ "$(sql "SELECT count(*) FROM api_token WHERE name = 'y' AND revoked_at IS NOT NULL")" = 1 ] ||
		fail "the token outlived disabling"
}

# Start `parley serve` on a free port; sets $url and $pid. The arguments
# are parley's (--db x.db), then serve's after a "serve".
serve() {
	"$PARLEY" "$@" --listen 127.0.0.1:0 >serve.out 2>serve.err &
	pid=$!
	# Up to 60 s: a loaded machine (make check runs suites side by side).
	for _ in $(seq 600); do
		url=$(sed -n 's/^parley: serving \(http[^ ]*\) .*/\1/p' serve.out)
		[ -n "$url" ] && return 0
		sleep 0.1
	done
	fail "the server did not start within 60 s: $(cat serve.err)"
}

test_serve_answers_and_stops_on_sigterm() {
	"$PARLEY" init x.db --admin root --password-stdin <<< "root-password-1" >/dev/null
	serve --db x.db serve
	code=$(curl -s -o body.json -w '%{http_code}' -H 'Content-Type: application/json' \
		-d '{"user":"root","password":"root-password-1"}' "${url}api/login")
	[ "$code" = 200 ] || fail "login: $code $(cat body.json)"
	grep -q '"csrf"' body.json || fail "no csrf in $(cat body.json)"
	code=$(curl -s -o /dev/null -w '%{http_code}' "${url}api/persons")
	[ "$code" = 401 ] || fail "anonymous: $code"
	kill -TERM "$pid"
	wait "$pid" || fail "serve exited with $?"
	grep -q "stopped" serve.err || fail "no clean stop: $(cat serve.err)"
	# Requests are logged without query strings.
	curl -s "${url}api/persons?q=secret" >/dev/null 2>&1 || true
	grep -q "secret" serve.err && fail "a query string was logged"
	grep -q "POST /api/login 200" serve.err || fail "request not logged: $(cat serve.err)"
}

test_serve_refuses_bad_options() {
	"$PARLEY" init x.db >/dev/null
	p --db x.db serve --listen nowhere
	expect_status 2
	expect_err "HOST:PORT"
	p --db x.db serve --tls-cert a.pem
	expect_status 2
	expect_err "both --tls-cert and --tls-key"
	p --db x.db serve --listen 127.0.0.1:0 --tls-cert missing.pem --tls-key missing.pem
	expect_status 1
	expect_err "missing.pem"
	p --db nothing.db serve --listen 127.0.0.1:0
	expect_status 1
	p --db x.db serve --listen 127.0.0.1:0 --web /nonexistent
	expect_status 1
	expect_err "/nonexistent"
	p --db x.db serve --listen 127.0.0.1:0 --host-allow "office.example,,x"
	expect_status 2
	expect_err "--host-allow: '' is not a host name"
	p --db x.db serve --listen 127.0.0.1:0 --host-allow "evil.example/x"
	expect_status 2
	expect_err "evil.example/x"
	p --db x.db serve --per-address 0
	expect_status 2
	expect_err "1 to 2000 connections"
	p --db x.db serve --head-timeout 0
	expect_status 2
	expect_err "1 to 600 seconds"
}

# The Host allow-list from the command line: the office's name is
# answered, another name gets 421 before sign-in.
test_serve_host_allow() {
	"$PARLEY" init x.db >/dev/null
	serve --db x.db serve --host-allow registry.office.example --per-address 16 --head-timeout 5 ||
		fail "not started"
	code=$(curl -s -o /dev/null -w '%{http_code}' "${url}api/messages?lang=en")
	[ "$code" = 200 ] || fail "own address: $code"
	code=$(curl -s -o /dev/null -w '%{http_code}' -H 'Host: registry.office.example' "${url}api/messages?lang=en")
	[ "$code" = 200 ] || fail "allowed name: $code"
	code=$(curl -s -o body.json -w '%{http_code}' -H 'Host: rebound.evil.example' "${url}api/persons")
	[ "$code" = 421 ] || fail "other name: $code"
	grep -q '"http.host_refused"' body.json || fail "not coded: $(cat body.json)"
	kill -TERM "$pid"
	wait "$pid" || fail "serve exited with $?"
}

test_serve_warns_without_tls_off_loopback() {
	"$PARLEY" init x.db >/dev/null
	"$PARLEY" --db x.db serve --listen 0.0.0.0:0 >serve.out 2>serve.err &
	pid=$!
	for _ in $(seq 100); do grep -q serving serve.out && break; sleep 0.1; done
	kill -TERM "$pid"
	wait "$pid" || true
	grep -q "WARNING: listening on 0.0.0.0:0 without TLS" serve.err || fail "no warning: $(cat serve.err)"
}

test_serve_with_tls() {
	"$PARLEY" init x.db --admin root --password-stdin <<< "root-password-1" >/dev/null
	openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -days 1 \
		-subj /CN=localhost -keyout key.pem -out cert.pem 2>/dev/null
	"$PARLEY" --db x.db serve --listen 127.0.0.1:0 --tls-cert cert.pem --tls-key key.pem >serve.out 2>serve.err &
	pid=$!
	url=
	for _ in $(seq 100); do
		url=$(sed -n 's/^parley: serving \(https[^ ]*\) .*/\1/p' serve.out)
		[ -n "$url" ] && break
		sleep 0.1
	done
	[ -n "$url" ] || fail "no https address: $(cat serve.out serve.err)"
	headers=$(curl -s -k -D - -o /dev/null -H 'Content-Type: application/json' \
		-d '{"user":"root","password":"root-password-1"}' "${url}api/login")
	kill -TERM "$pid"
	wait "$pid" || true
	echo "$headers" | grep -qi "strict-transport-security" || fail "no HSTS: $headers"
	echo "$headers" | grep -q " 200" || fail "not signed in: $headers"
	echo "$headers" | grep -i "set-cookie" | grep -q "; Secure" || fail "cookie not Secure: $headers"
}

# Each connection is an open file: the server raises its soft limit to
# hold its 2,000 connections, and says so when the hard limit is too low.
# Wait for the server started as $pid to say it is serving (a loaded
# machine once took over 10 s to start it), or fail saying so.
serving_or_fail() {
	for _ in $(seq 600); do
		grep -qs serving serve.out && return 0
		sleep 0.1
	done
	kill -TERM "$pid" 2>/dev/null
	fail "the server did not start within 60 s: $(cat serve.err 2>/dev/null)"
}

test_serve_fits_its_connections_to_the_open_file_limit() {
	"$PARLEY" init x.db >/dev/null
	hard=$(ulimit -Hn)
	if [ "$hard" = unlimited ] || [ "$hard" -ge 2064 ]; then
		( ulimit -Sn 256; exec "$PARLEY" --db x.db serve --listen 127.0.0.1:0 >serve.out 2>serve.err ) &
		pid=$!
		serving_or_fail
		soft=$(awk '/Max open files/ { print $4 }' "/proc/$pid/limits")
		kill -TERM "$pid"; wait "$pid" || true
		[ "$soft" -ge 2064 ] || fail "the soft limit stayed at $soft"
		! grep -q 'open-file limit' serve.err || fail "a warning with room enough: $(cat serve.err)"
	fi
	# The first server's "serving" must not be taken for the second's.
	rm -f serve.out serve.err
	( ulimit -n 600; exec "$PARLEY" --db x.db serve --listen 127.0.0.1:0 >serve.out 2>serve.err ) &
	pid=$!
	serving_or_fail
	kill -TERM "$pid"; wait "$pid" || true
	grep -q 'the open-file limit (ulimit -n) holds 536 connections, not 2000' serve.err ||
		fail "no warning: $(cat serve.err)"
}
