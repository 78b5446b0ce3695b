/* The second factor: RFC 6238's own vectors, RFC 4648's base32, the window
 * of one step either side, no code taken twice, recovery codes used once
 * and replaced as a set, turning off, an admin's reset, the roles that
 * must use one, and sign-ins waiting for their code. */
#include "testutil.h"

#include <ctype.h>
#include <sqlite3.h>

#include "auth/auth.h"

static int counter;

/* A store with alice (registrar) and her record in *u. */
static store *fresh(user *u)
{
	char path[4200], name[64];
	snprintf(name, sizeof(name), "totp-%d.db", counter++);
	store *st;
	pl_err err = {0};
	assert_ok(store_open(&st, tu_path(path, sizeof(path), tu_dir, name), NULL, STORE_CREATE, &err), &err);
	assert_ok(auth_user_add(st, "alice", NULL, 1u << ROLE_REGISTRAR, "long-enough-1", "t", &err), &err);
	assert_ok(auth_user_get(st, "alice", u, &err), &err);
	return st;
}

/* The code of alice's secret (as stored) at time step `step`. */
static void code_at(store *st, int64_t step, char out[8])
{
	sqlite3_stmt *s;
	assert_int_equal(sqlite3_prepare_v2(store_db(st), "SELECT secret FROM user_totp", -1, &s, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_step(s), SQLITE_ROW);
	assert_int_equal(sqlite3_column_bytes(s, 0), TOTP_SECRET_LEN);
	snprintf(out, 8, "%06u", (unsigned)auth_hotp(sqlite3_column_blob(s, 0), TOTP_SECRET_LEN, (uint64_t)step, 6));
	sqlite3_finalize(s);
}

static const int64_t T0 = 1765000000; /* a time; its step is T0 / 30 */
#define STEP (T0 / TOTP_PERIOD)

/* alice enrolled at T0; her recovery codes in codes. */
static store *enrolled(user *u, recovery_codes codes)
{
	store *st = fresh(u);
	pl_err err = {0};
	totp_secret t;
	char code[8];
	assert_ok(auth_totp_begin(st, u, &t, &err), &err);
	code_at(st, STEP, code);
	assert_ok(auth_totp_confirm(st, u, code, T0, codes, &err), &err);
	assert_ok(auth_user_get(st, "alice", u, &err), &err);
	assert_true(u->totp);
	return st;
}

static void rfc6238_vectors(void **state)
{
	(void)state;
	static const struct {
		int64_t t;
		uint32_t code;
	} v[] = {{59, 94287082},         {1111111109, 7081804},  {1111111111, 14050471},
	         {1234567890, 89005924}, {2000000000, 69279037}, {20000000000, 65353130}};
	const unsigned char *key = (const unsigned char *)"12345678901234567890";
	for(size_t i = 0; i < sizeof(v) / sizeof(v[0]); i++)
		assert_int_equal(auth_hotp(key, 20, (uint64_t)(v[i].t / 30), 8), v[i].code);
	/* Six digits: the same number's last six. */
	assert_int_equal(auth_hotp(key, 20, 59 / 30, 6), 287082);
	/* RFC 4226 appendix D, counters 0 and 9. */
	assert_int_equal(auth_hotp(key, 20, 0, 6), 755224);
	assert_int_equal(auth_hotp(key, 20, 9, 6), 520489);
}

static void rfc4648_base32(void **state)
{
	(void)state;
	static const char *const v[][2] = {{"", ""},           {"f", "MY"},           {"fo", "MZXQ"},
	                                   {"foo", "MZXW6"},   {"foob", "MZXW6YQ"},   {"fooba", "MZXW6YTB"},
	                                   {"foobar", "MZXW6YTBOI"}};
	for(size_t i = 0; i < sizeof(v) / sizeof(v[0]); i++) {
		char out[32];
		auth_base32((const unsigned char *)v[i][0], strlen(v[i][0]), out, sizeof(out));
		assert_string_equal(out, v[i][1]);
	}
	char out[TOTP_SECRET_B32 + 1];
	auth_base32((const unsigned char *)"12345678901234567890", 20, out, sizeof(out));
	assert_string_equal(out, "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ");
}

static void enrolment_in_two_steps(void **state)
{
	(void)state;
	user u;
	store *st = fresh(&u);
	pl_err err = {0};
	totp_secret t;
	totp_status s;
	recovery_codes codes;
	char code[8], wrong[8];
	assert_ok(auth_totp_begin(st, &u, &t, &err), &err);
	assert_int_equal(strlen(t.base32), TOTP_SECRET_B32);
	assert_non_null(strstr(t.uri, "otpauth://totp/parley:alice?secret="));
	assert_non_null(strstr(t.uri, t.base32));
	assert_non_null(strstr(t.uri, "&issuer=parley"));
	/* Pending: not in force, not asked for. */
	assert_ok(auth_totp_status(st, &u, &s, &err), &err);
	assert_true(s.pending);
	assert_false(s.enrolled);
	bool due = true;
	assert_ok(auth_second_factor_due(st, &u, &due, &err), &err);
	assert_false(due);
	/* Begun again: a new secret replaces the pending one. */
	totp_secret t2;
	assert_ok(auth_totp_begin(st, &u, &t2, &err), &err);
	assert_string_not_equal(t.base32, t2.base32);
	code_at(st, STEP, code);
	snprintf(wrong, sizeof(wrong), "%06d", (atoi(code) + 1) % 1000000);
	assert_int_equal(auth_totp_confirm(st, &u, wrong, T0, codes, &err), PL_EINPUT);
	assert_string_equal(err.code, "auth.wrong_code");
	assert_int_equal(auth_totp_confirm(st, &u, "12345", T0, codes, &err), PL_EINPUT);
	assert_ok(auth_totp_confirm(st, &u, code, T0, codes, &err), &err);
	/* Ten codes XXXX-XXXX-XXXX of 32 signs without 0, O, 1, I, all different. */
	for(int i = 0; i < RECOVERY_CODES; i++) {
		assert_int_equal(strlen(codes[i]), RECOVERY_LEN);
		assert_true(codes[i][4] == '-' && codes[i][9] == '-');
		for(int k = 0; k < RECOVERY_LEN; k++)
			assert_null(strchr("01OI", codes[i][k]));
		for(int j = 0; j < i; j++)
			assert_string_not_equal(codes[i], codes[j]);
	}
	assert_ok(auth_totp_status(st, &u, &s, &err), &err);
	assert_true(s.enrolled);
	assert_int_equal(s.recovery_left, RECOVERY_CODES);
	assert_ok(auth_user_get(st, "alice", &u, &err), &err);
	assert_ok(auth_second_factor_due(st, &u, &due, &err), &err);
	assert_true(due);
	/* In force: not begun again over it, nor confirmed twice. */
	assert_int_equal(auth_totp_begin(st, &u, &t, &err), PL_ECONFLICT);
	assert_int_equal(auth_totp_confirm(st, &u, code, T0, codes, &err), PL_ECONFLICT);
	/* Only hashes of the recovery codes are stored. */
	char sql[200];
	snprintf(sql, sizeof(sql), "SELECT count(*) FROM recovery_code WHERE instr(CAST(code_hash AS TEXT), '%.4s')",
	         codes[0]);
	assert_int_equal(tu_scalar(store_db(st), sql), 0);
	assert_int_equal(tu_scalar(store_db(st), "SELECT count(*) FROM audit WHERE action = 'totp_enrol'"), 1);
	store_close(st);
}

static void a_step_either_side_and_never_twice(void **state)
{
	(void)state;
	user u;
	recovery_codes codes;
	store *st = enrolled(&u, codes);
	pl_err err = {0};
	char code[8];
	/* The code that confirmed is not taken again. */
	code_at(st, STEP, code);
	assert_int_equal(auth_totp_check(st, &u, code, T0, &err), PL_EINPUT);
	assert_string_equal(err.code, "auth.wrong_code");
	/* The phone's clock a step ahead: taken. */
	code_at(st, STEP + 1, code);
	assert_ok(auth_totp_check(st, &u, code, T0, &err), &err);
	assert_int_equal(auth_totp_check(st, &u, code, T0 + 30, &err), PL_EINPUT);
	/* Two steps away: not. */
	code_at(st, STEP + 4, code);
	assert_int_equal(auth_totp_check(st, &u, code, T0 + 60, &err), PL_EINPUT);
	/* A step behind, after a later one was taken: not either. */
	code_at(st, STEP + 3, code);
	assert_ok(auth_totp_check(st, &u, code, T0 + 120, &err), &err);
	code_at(st, STEP + 2, code);
	assert_int_equal(auth_totp_check(st, &u, code, T0 + 90, &err), PL_EINPUT);
	/* A step behind now, not yet taken: taken. */
	code_at(st, STEP + 6, code);
	assert_ok(auth_totp_check(st, &u, code, (STEP + 7) * 30, &err), &err);
	/* Not six digits: refused. */
	assert_int_equal(auth_totp_check(st, &u, "", T0, &err), PL_EINPUT);
	assert_int_equal(auth_totp_check(st, &u, "1234567", T0, &err), PL_EINPUT);
	store_close(st);
}

static void recovery_codes_are_used_once(void **state)
{
	(void)state;
	user u;
	recovery_codes codes, fresh_codes;
	store *st = enrolled(&u, codes);
	pl_err err = {0};
	/* As typed: any case, without the dashes. */
	char typed[16];
	size_t n = 0;
	for(const char *p = codes[3]; *p; p++)
		if(*p != '-')
			typed[n++] = (char)tolower((unsigned char)*p);
	typed[n] = '\0';
	assert_ok(auth_totp_check(st, &u, typed, T0 + 30, &err), &err);
	assert_int_equal(auth_totp_check(st, &u, codes[3], T0 + 30, &err), PL_EINPUT);
	totp_status s;
	assert_ok(auth_totp_status(st, &u, &s, &err), &err);
	assert_int_equal(s.recovery_left, RECOVERY_CODES - 1);
	assert_int_equal(tu_scalar(store_db(st), "SELECT count(*) FROM audit WHERE action = 'recovery_code_used'"),
	                 1);
	/* A new set replaces every one. */
	char code[8];
	code_at(st, STEP + 1, code);
	assert_ok(auth_recovery_renew(st, &u, code, T0 + 30, fresh_codes, &err), &err);
	assert_int_equal(auth_totp_check(st, &u, codes[4], T0 + 30, &err), PL_EINPUT);
	assert_ok(auth_totp_check(st, &u, fresh_codes[0], T0 + 30, &err), &err);
	assert_ok(auth_totp_status(st, &u, &s, &err), &err);
	assert_int_equal(s.recovery_left, RECOVERY_CODES - 1);
	/* Renewing needs a good code. */
	assert_int_equal(auth_recovery_renew(st, &u, "000000", T0 + 30, fresh_codes, &err), PL_EINPUT);
	store_close(st);
}

static void turning_off_and_an_admins_reset(void **state)
{
	(void)state;
	user u;
	recovery_codes codes;
	store *st = enrolled(&u, codes);
	pl_err err = {0};
	char code[8];
	code_at(st, STEP + 1, code);
	assert_int_equal(auth_totp_disable(st, &u, "not-her-password", code, T0, &err), PL_EINPUT);
	assert_int_equal(auth_totp_disable(st, &u, "long-enough-1", "000000", T0, &err), PL_EINPUT);
	assert_ok(auth_totp_disable(st, &u, "long-enough-1", code, T0, &err), &err);
	assert_ok(auth_user_get(st, "alice", &u, &err), &err);
	assert_false(u.totp);
	assert_int_equal(tu_scalar(store_db(st), "SELECT count(*) FROM recovery_code"), 0);
	/* Nothing to reset now. */
	assert_int_equal(auth_totp_reset(st, "alice", "admin", &err), PL_ENOTFOUND);
	store_close(st);
	/* Reset: the factor gone, the sessions ended, audited by the admin. */
	st = enrolled(&u, codes);
	char token[TOKEN_LEN + 1];
	session s;
	session_limits lim = {.idle = 1800, .absolute = 43200};
	assert_ok(auth_session_create(st, &u, "127.0.0.1", T0, token, &s, &err), &err);
	assert_ok(auth_totp_reset(st, "alice", "olena", &err), &err);
	assert_int_equal(auth_session_check(st, token, T0 + 1, &lim, &s, &err), PL_ENOTFOUND);
	assert_ok(auth_user_get(st, "alice", &u, &err), &err);
	assert_false(u.totp);
	assert_int_equal(tu_scalar(store_db(st), "SELECT count(*) FROM audit WHERE action = 'totp_reset'"
	                                         " AND actor = 'olena' AND entity_uid = 'alice'"), 1);
	store_close(st);
}

static void required_roles(void **state)
{
	(void)state;
	user u;
	store *st = fresh(&u);
	pl_err err = {0};
	role_set need = 1;
	assert_ok(auth_second_factor_roles(st, &need, &err), &err);
	assert_int_equal(need, 0);
	char token[TOKEN_LEN + 1];
	session s;
	session_limits lim = {.idle = 1800, .absolute = 43200};
	assert_ok(auth_session_create(st, &u, "127.0.0.1", T0, token, &s, &err), &err);
	/* Medical: not alice's role; her session stays. */
	long ended = -1;
	assert_ok(auth_second_factor_require(st, 1u << ROLE_MEDICAL, "olena", &ended, &err), &err);
	assert_int_equal(ended, 0);
	assert_ok(auth_session_check(st, token, T0 + 1, &lim, &s, &err), &err);
	/* Registrar: her session without a factor ends; she must enrol. */
	need = 1u << ROLE_MEDICAL | 1u << ROLE_REGISTRAR;
	assert_ok(auth_second_factor_require(st, need, "olena", &ended, &err), &err);
	assert_int_equal(ended, 1);
	assert_int_equal(auth_session_check(st, token, T0 + 2, &lim, &s, &err), PL_ENOTFOUND);
	role_set back;
	assert_ok(auth_second_factor_roles(st, &back, &err), &err);
	assert_int_equal(back, need);
	bool due = false;
	assert_ok(auth_second_factor_due(st, &u, &due, &err), &err);
	assert_true(due);
	assert_int_equal(tu_scalar(store_db(st), "SELECT count(*) FROM audit WHERE action = 'second_factor_roles'"),
	                 2);
	/* Given a role that must use one, without a factor: signed out. */
	user bob;
	assert_ok(auth_user_add(st, "bob", NULL, 1u << ROLE_AUDITOR, "long-enough-2", "t", &err), &err);
	assert_ok(auth_user_get(st, "bob", &bob, &err), &err);
	assert_ok(auth_session_create(st, &bob, "127.0.0.1", T0, token, &s, &err), &err);
	role_set more = 1u << ROLE_AUDITOR | 1u << ROLE_MEDICAL;
	assert_ok(auth_user_set(st, "bob", &more, NULL, NULL, "olena", &err), &err);
	assert_int_equal(auth_session_check(st, token, T0 + 2, &lim, &s, &err), PL_ENOTFOUND);
	/* Enrolled while required: not turned off. */
	totp_secret t;
	recovery_codes codes;
	char code[8];
	assert_ok(auth_totp_begin(st, &u, &t, &err), &err);
	code_at(st, STEP, code);
	assert_ok(auth_totp_confirm(st, &u, code, T0, codes, &err), &err);
	code_at(st, STEP + 1, code);
	assert_int_equal(auth_totp_disable(st, &u, "long-enough-1", code, T0, &err), PL_ECONFLICT);
	assert_string_equal(err.code, "auth.totp_required");
	/* A session with the factor survives a change. */
	assert_ok(auth_session_create(st, &u, "127.0.0.1", T0, token, &s, &err), &err);
	assert_ok(auth_second_factor_require(st, need, "olena", &ended, &err), &err);
	assert_int_equal(ended, 0);
	assert_ok(auth_session_check(st, token, T0 + 3, &lim, &s, &err), &err);
	store_close(st);
}

static void pending_sign_ins(void **state)
{
	(void)state;
	user u, back;
	store *st = fresh(&u);
	pl_err err = {0};
	char token[TOKEN_LEN + 1];
	assert_ok(auth_pending_create(st, &u, T0, token, &err), &err);
	assert_int_equal(tu_scalar(store_db(st), "SELECT count(*) FROM login_pending"), 1);
	assert_ok(auth_pending_user(st, token, T0 + PENDING_LIFE, &back, &err), &err);
	assert_string_equal(back.name, "alice");
	assert_int_equal(auth_pending_user(st, token, T0 + PENDING_LIFE + 1, &back, &err), PL_ENOTFOUND);
	assert_string_equal(err.code, "auth.no_pending");
	/* Used once. */
	assert_ok(auth_pending_take(st, token, &err), &err);
	assert_int_equal(auth_pending_take(st, token, &err), PL_ENOTFOUND);
	assert_int_equal(auth_pending_user(st, token, T0, &back, &err), PL_ENOTFOUND);
	assert_int_equal(auth_pending_user(st, "short", T0, &back, &err), PL_ENOTFOUND);
	/* The old ones are forgotten when a new one is made. */
	assert_ok(auth_pending_create(st, &u, T0, token, &err), &err);
	assert_ok(auth_pending_create(st, &u, T0 + PENDING_LIFE + 1, token, &err), &err);
	assert_int_equal(tu_scalar(store_db(st), "SELECT count(*) FROM login_pending"), 1);
	/* A new password ends them, as it ends sessions. */
	assert_ok(auth_user_passwd(st, "alice", "another-long-one-2", "t", &err), &err);
	assert_int_equal(auth_pending_user(st, token, T0 + PENDING_LIFE + 1, &back, &err), PL_ENOTFOUND);
	store_close(st);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(rfc6238_vectors),
		cmocka_unit_test(rfc4648_base32),
		cmocka_unit_test(enrolment_in_two_steps),
		cmocka_unit_test(a_step_either_side_and_never_twice),
		cmocka_unit_test(recovery_codes_are_used_once),
		cmocka_unit_test(turning_off_and_an_admins_reset),
		cmocka_unit_test(required_roles),
		cmocka_unit_test(pending_sign_ins),
	};
	return cmocka_run_group_tests_name("auth/totp", tests, tu_dir_setup, tu_dir_teardown);
}
