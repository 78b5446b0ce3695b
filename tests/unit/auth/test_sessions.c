/* Sessions and API tokens: random, stored only hashed, expiring when idle
 * and after an absolute limit, ended by sign-out, password change and
 * disabling; tokens revocable. */
#include "testutil.h"

#include <sqlite3.h>
#include <time.h>

#include "auth/auth.h"

static int counter;

/* A store with user alice (registrar); her record in *u. */
static store *fresh(user *u)
{
	char path[4200], name[64];
	snprintf(name, sizeof(name), "sessions-%d.db", counter++);
	store *st;
	pl_err err = {0};
	assert_ok(store_open(&st, tu_path(path, sizeof(path), tu_dir, name), NULL, STORE_CREATE, &err), &err);
	assert_ok(auth_user_add(st, "alice", NULL, 1u << ROLE_REGISTRAR, "long-enough-1", "t", &err),
	          &err);
	assert_ok(auth_user_get(st, "alice", u, &err), &err);
	return st;
}

/* Does the database hold this text anywhere in its sessions or tokens? */
static bool stored(store *st, const char *table, const char *text)
{
	char sql[160];
	snprintf(sql, sizeof(sql), "SELECT count(*) FROM %s WHERE instr(CAST(token_hash AS TEXT), ?) > 0"
	                           " OR hex(token_hash) LIKE '%%' || hex(?) || '%%'", table);
	sqlite3_stmt *s;
	assert_int_equal(sqlite3_prepare_v2(store_db(st), sql, -1, &s, NULL), SQLITE_OK);
	sqlite3_bind_text(s, 1, text, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 2, text, -1, SQLITE_STATIC);
	assert_int_equal(sqlite3_step(s), SQLITE_ROW);
	bool found = sqlite3_column_int(s, 0) > 0;
	sqlite3_finalize(s);
	return found;
}

static const session_limits limits = {.idle = 1800, .absolute = 43200};

static void session_lifecycle(void **state)
{
	(void)state;
	user u;
	store *st = fresh(&u);
	pl_err err = {0};
	char token[TOKEN_LEN + 1], other[TOKEN_LEN + 1];
	session s, back;
	assert_ok(auth_session_create(st, &u, "127.0.0.1", 1000, token, &s, &err), &err);
	assert_int_equal(strlen(token), TOKEN_LEN);
	assert_int_equal(strlen(s.csrf), CSRF_LEN);
	assert_string_not_equal(token, s.csrf);
	assert_false(stored(st, "session", token));
	assert_ok(auth_session_check(st, token, 1010, &limits, &back, &err), &err);
	assert_string_equal(back.u.name, "alice");
	assert_string_equal(back.csrf, s.csrf);
	/* Two sign-ins: two different tokens. */
	assert_ok(auth_session_create(st, &u, "127.0.0.1", 1000, other, &s, &err), &err);
	assert_string_not_equal(token, other);
	/* A token one character off, or of the wrong shape, is nobody's. */
	char wrong[TOKEN_LEN + 1];
	memcpy(wrong, token, sizeof(wrong));
	wrong[5] = wrong[5] == 'A' ? 'B' : 'A';
	assert_int_equal(auth_session_check(st, wrong, 1010, &limits, &back, &err), PL_ENOTFOUND);
	assert_int_equal(auth_session_check(st, "short", 1010, &limits, &back, &err), PL_ENOTFOUND);
	assert_int_equal(auth_session_check(st, "", 1010, &limits, &back, &err), PL_ENOTFOUND);
	/* Signing out ends that session only. */
	assert_ok(auth_session_end(st, token, &err), &err);
	assert_int_equal(auth_session_check(st, token, 1020, &limits, &back, &err), PL_ENOTFOUND);
	assert_ok(auth_session_check(st, other, 1020, &limits, &back, &err), &err);
	store_close(st);
}

static void sessions_expire(void **state)
{
	(void)state;
	user u;
	store *st = fresh(&u);
	pl_err err = {0};
	char token[TOKEN_LEN + 1];
	session s;
	session_limits lim = {.idle = 100, .absolute = 1000};
	/* Idle: unused for longer than the limit. */
	assert_ok(auth_session_create(st, &u, NULL, 0, token, &s, &err), &err);
	assert_ok(auth_session_check(st, token, 100, &lim, &s, &err), &err);
	assert_int_equal(auth_session_check(st, token, 201, &lim, &s, &err), PL_ENOTFOUND);
	assert_contains(err.msg, "expired");
	/* Gone for good, even if asked at an earlier time. */
	assert_int_equal(auth_session_check(st, token, 150, &lim, &s, &err), PL_ENOTFOUND);
	/* Absolute: in use all along, but signed in too long ago. */
	assert_ok(auth_session_create(st, &u, NULL, 0, token, &s, &err), &err);
	for(int64_t t = 50; t <= 1000; t += 50)
		assert_ok(auth_session_check(st, token, t, &lim, &s, &err), &err);
	assert_int_equal(auth_session_check(st, token, 1001, &lim, &s, &err), PL_ENOTFOUND);
	/* Pruning removes the expired, keeps the live. */
	char live[TOKEN_LEN + 1], dead[TOKEN_LEN + 1];
	assert_ok(auth_session_create(st, &u, NULL, 5000, live, &s, &err), &err);
	assert_ok(auth_session_create(st, &u, NULL, 4000, dead, &s, &err), &err);
	assert_ok(auth_sessions_prune(st, 5050, &lim, &err), &err);
	assert_ok(auth_session_check(st, live, 5050, &lim, &s, &err), &err);
	sqlite3_stmt *q;
	assert_int_equal(sqlite3_prepare_v2(store_db(st), "SELECT count(*) FROM session", -1, &q, NULL),
	                 SQLITE_OK);
	assert_int_equal(sqlite3_step(q), SQLITE_ROW);
	assert_int_equal(sqlite3_column_int(q, 0), 1);
	sqlite3_finalize(q);
	store_close(st);
}

static void password_change_and_disabling_end_sessions(void **state)
{
	(void)state;
	user u;
	store *st = fresh(&u);
	pl_err err = {0};
	char t1[TOKEN_LEN + 1], t2[TOKEN_LEN + 1];
	session s;
	assert_ok(auth_session_create(st, &u, NULL, 10, t1, &s, &err), &err);
	assert_ok(auth_user_passwd(st, "alice", "long-enough-2", "admin", &err), &err);
	assert_int_equal(auth_session_check(st, t1, 11, &limits, &s, &err), PL_ENOTFOUND);
	assert_ok(auth_session_create(st, &u, NULL, 20, t2, &s, &err), &err);
	bool off = true, on = false;
	assert_ok(auth_user_set(st, "alice", NULL, NULL, &off, "admin", &err), &err);
	assert_int_equal(auth_session_check(st, t2, 21, &limits, &s, &err), PL_ENOTFOUND);
	assert_ok(auth_user_set(st, "alice", NULL, NULL, &on, "admin", &err), &err);
	assert_int_equal(auth_session_check(st, t2, 22, &limits, &s, &err), PL_ENOTFOUND);
	store_close(st);
}

typedef struct listed {
	int n, revoked;
	char last_name[65];
} listed;

static pl_rc count_token(void *ctx, const api_token *t)
{
	listed *l = ctx;
	l->n++;
	l->revoked += t->revoked_at[0] != '\0';
	snprintf(l->last_name, sizeof(l->last_name), "%s", t->name);
	return PL_OK;
}

static void api_tokens(void **state)
{
	(void)state;
	user u, back, bob;
	store *st = fresh(&u);
	pl_err err = {0};
	assert_ok(auth_user_add(st, "bob", NULL, 1u << ROLE_AUDITOR, "long-enough-3", "t", &err), &err);
	assert_ok(auth_user_get(st, "bob", &bob, &err), &err);
	char token[API_TOKEN_LEN + 1], token2[API_TOKEN_LEN + 1];
	int64_t id, id2;
	assert_ok(auth_token_create(st, &u, "nightly sync", "alice", token, &id, &err), &err);
	assert_int_equal(strlen(token), API_TOKEN_LEN);
	assert_true(strncmp(token, "pt_", 3) == 0);
	assert_false(stored(st, "api_token", token));
	assert_false(stored(st, "api_token", token + 3));
	assert_ok(auth_token_check(st, token, time(NULL), &back, NULL, &err), &err);
	assert_string_equal(back.name, "alice");
	assert_int_equal(auth_token_create(st, &u, "", "alice", token2, &id2, &err), PL_EINPUT);
	assert_ok(auth_token_create(st, &bob, "reports", "bob", token2, &id2, &err), &err);
	/* Only the owner (owner_id) or an admin (0) may revoke. */
	assert_int_equal(auth_token_revoke(st, id, bob.id, "bob", &err), PL_ENOTFOUND);
	assert_ok(auth_token_check(st, token, time(NULL), &back, NULL, &err), &err);
	assert_ok(auth_token_revoke(st, id, u.id, "alice", &err), &err);
	assert_int_equal(auth_token_check(st, token, time(NULL), &back, NULL, &err), PL_ENOTFOUND);
	listed l = {0};
	assert_ok(auth_token_list(st, u.id, count_token, &l, &err), &err);
	assert_int_equal(l.n, 1);
	assert_int_equal(l.revoked, 1);
	assert_string_equal(l.last_name, "nightly sync");
	l = (listed){0};
	assert_ok(auth_token_list(st, 0, count_token, &l, &err), &err);
	assert_int_equal(l.n, 2);
	/* A disabled user's tokens stop working. */
	bool off = true;
	assert_ok(auth_user_set(st, "bob", NULL, NULL, &off, "admin", &err), &err);
	assert_int_equal(auth_token_check(st, token2, time(NULL), &back, NULL, &err), PL_ENOTFOUND);
	/* Malformed tokens are refused before any lookup. */
	assert_int_equal(auth_token_check(st, "pt_", time(NULL), &back, NULL, &err), PL_ENOTFOUND);
	assert_int_equal(auth_token_check(st, token + 3, time(NULL), &back, NULL, &err), PL_ENOTFOUND);
	store_close(st);
}

/* Locking an account locks its tokens for good: a new password and
 * disabling revoke them, and enabling again revives none. */
static void tokens_die_with_password_and_disabling(void **state)
{
	(void)state;
	user u, back;
	store *st = fresh(&u);
	pl_err err = {0};
	char t1[API_TOKEN_LEN + 1], t2[API_TOKEN_LEN + 1];
	int64_t id;
	assert_ok(auth_token_create(st, &u, "one", "alice", t1, &id, &err), &err);
	assert_ok(auth_token_check(st, t1, time(NULL), &back, NULL, &err), &err);
	assert_ok(auth_user_passwd(st, "alice", "long-enough-2", "admin", &err), &err);
	assert_int_equal(auth_token_check(st, t1, time(NULL), &back, NULL, &err), PL_ENOTFOUND);
	assert_ok(auth_token_create(st, &u, "two", "alice", t2, &id, &err), &err);
	bool off = true, on = false;
	assert_ok(auth_user_set(st, "alice", NULL, NULL, &off, "admin", &err), &err);
	assert_int_equal(auth_token_check(st, t2, time(NULL), &back, NULL, &err), PL_ENOTFOUND);
	assert_ok(auth_user_set(st, "alice", NULL, NULL, &on, "admin", &err), &err);
	assert_int_equal(auth_token_check(st, t2, time(NULL), &back, NULL, &err), PL_ENOTFOUND);
	listed l = {0};
	assert_ok(auth_token_list(st, u.id, count_token, &l, &err), &err);
	assert_int_equal(l.n, 2);
	assert_int_equal(l.revoked, 2);
	store_close(st);
}

static pl_rc note_last_used(void *ctx, const api_token *t)
{
	snprintf(ctx, 32, "%s", t->last_used);
	return PL_OK;
}

/* last_used is written when a token is used, at most once a minute. */
static void token_use_is_noted(void **state)
{
	(void)state;
	user u, back;
	store *st = fresh(&u);
	pl_err err = {0};
	char token[API_TOKEN_LEN + 1], seen[32] = "", again[32] = "";
	int64_t id;
	assert_ok(auth_token_create(st, &u, "one", "alice", token, &id, &err), &err);
	assert_ok(auth_token_list(st, u.id, note_last_used, seen, &err), &err);
	assert_string_equal(seen, "");
	assert_ok(auth_token_check(st, token, time(NULL), &back, NULL, &err), &err);
	assert_ok(auth_token_list(st, u.id, note_last_used, seen, &err), &err);
	assert_int_equal(strlen(seen), 24); /* 2026-12-07T02:16:55.000Z */
	assert_ok(auth_token_check(st, token, time(NULL), &back, NULL, &err), &err);
	assert_ok(auth_token_list(st, u.id, note_last_used, again, &err), &err);
	assert_string_equal(seen, again);
	store_close(st);
}

/* Tokens expire (90 days unless asked, a year at most) and may be limited
 * to reading. */
static void tokens_expire_and_may_only_read(void **state)
{
	(void)state;
	user u, back;
	store *st = fresh(&u);
	pl_err err = {0};
	char t1[API_TOKEN_LEN + 1], t2[API_TOKEN_LEN + 1], until[32];
	int64_t id, now = time(NULL);
	bool ro = true;
	assert_ok(auth_token_create(st, &u, "default", "alice", t1, &id, &err), &err);
	assert_ok(auth_token_check(st, t1, now + 89 * 86400, &back, &ro, &err), &err);
	assert_false(ro);
	assert_int_equal(auth_token_check(st, t1, now + 91 * 86400, &back, &ro, &err), PL_ENOTFOUND);
	assert_string_equal(err.code, "auth.token_expired");
	assert_ok(auth_token_make(st, &u, &(token_spec){.name = "reader", .days = 2, .read_only = true},
	                          "alice", t2, &id, until, &err), &err);
	assert_int_equal(strlen(until), 24);
	assert_ok(auth_token_check(st, t2, now + 86400, &back, &ro, &err), &err);
	assert_true(ro);
	assert_int_equal(auth_token_check(st, t2, now + 3 * 86400, &back, &ro, &err), PL_ENOTFOUND);
	assert_int_equal(auth_token_make(st, &u, &(token_spec){.name = "long", .days = TOKEN_DAYS_MAX + 1},
	                                 "alice", t2, &id, until, &err), PL_EINPUT);
	assert_string_equal(err.code, "auth.token_days");
	assert_int_equal(auth_token_make(st, &u, &(token_spec){.name = "none", .days = -1}, "alice", t2,
	                                 &id, until, &err), PL_EINPUT);
	store_close(st);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(session_lifecycle),
		cmocka_unit_test(sessions_expire),
		cmocka_unit_test(password_change_and_disabling_end_sessions),
		cmocka_unit_test(api_tokens),
		cmocka_unit_test(tokens_die_with_password_and_disabling),
		cmocka_unit_test(token_use_is_noted),
		cmocka_unit_test(tokens_expire_and_may_only_read),
	};
	return cmocka_run_group_tests_name("auth/sessions", tests, tu_dir_setup, tu_dir_teardown);
}
