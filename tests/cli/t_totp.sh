# parley user second-factor, parley user totp-reset, the second factor in
# parley user list.

test_second_factor_roles_and_reset() {
	"$PARLEY" init x.db >/dev/null
	export PARLEY_DB=x.db
	p user add olena --roles admin --password-stdin <<< "olena-password-1"
	p user add petro --roles medical --password-stdin <<< "petro-password-1"
	p user second-factor
	expect_status 0
	expect_out "no role must use a second factor"
	p user second-factor --require medical,identification
	expect_status 0
	expect_out "a second factor is required of: medical,identification"
	[ "$(sqlite3 x.db "SELECT value FROM auth_setting WHERE key = 'second_factor_roles'")" = \
		"medical,identification" ] || fail "not stored"
	p --json user second-factor
	echo "$out" | grep -q '"roles": "medical,identification"' || fail "JSON: $out"
	LANG=uk_UA.UTF-8 p user second-factor
	expect_out "другий фактор обов’язковий для ролей: medical,identification"
	p user second-factor --require king
	expect_status 2
	expect_err "'king' is not a role"
	p user second-factor --require medical --none
	expect_status 2
	expect_err "do not go together"
	# A session of petro without a factor ends when his role is required.
	p user second-factor --none
	sqlite3 x.db "INSERT INTO session(token_hash, user_id, csrf, created, last_seen)
		SELECT x'00', id, 'c', 0, 0 FROM user WHERE name = 'petro'"
	p user second-factor --require medical
	expect_out "1 session of users without one ended"
	[ "$(sqlite3 x.db "SELECT count(*) FROM session")" = 0 ] || fail "the session stayed"
	# petro has none: nothing to reset; with one (made here as if
	# enrolled), reset, and list shows it no more.
	p user totp-reset petro
	expect_status 1
	expect_err "petro has no second factor"
	sqlite3 x.db "INSERT INTO user_totp(user_id, secret, created_at, confirmed_at)
		SELECT id, randomblob(20), 'now', 'now' FROM user WHERE name = 'petro'"
	p user list
	expect_out "totp"
	p --json user list
	echo "$out" | grep -q '"second_factor": true' || fail "JSON list: $out"
	p user totp-reset petro
	expect_status 0
	expect_out "reset the second factor of petro: their sessions ended"
	p user list
	echo "$out" | grep -q "totp" && fail "still listed with a factor"
	p user totp-reset nobody
	expect_status 1
	# Both audited.
	p audit log
	expect_out "totp_reset"
	expect_out "second_factor_roles"
	p user --help
	expect_out "totp-reset"
}
