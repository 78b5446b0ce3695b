/* Users: names and passwords checked, Argon2id hashes, one answer for
 * every failed sign-in, the last admin kept, every change audited without
 * a password in sight. */
#include "testutil.h"

#include <sqlite3.h>

#include "audit/audit.h"
#include "auth/auth.h"
#include "core/msg.h"

static int counter;

static store *fresh(void)
{
	char path[4200], name[64];
	snprintf(name, sizeof(name), "users-%d.db", counter++);
	store *st;
	pl_err err = {0};
	assert_ok(store_open(&st, tu_path(path, sizeof(path), tu_dir, name), NULL, STORE_CREATE, &err), &err);
	return st;
}

#define R(x) (1u << (x))

static void add_checks_names_and_passwords(void **state)
{
	(void)state;
	store *st = fresh();
	pl_err err = {0};
	static const struct {
		const char *name, *password, *why;
	} bad[] = {
		{"", "long-enough-1", "1 to 64"},
		{"Alice", "long-enough-1", "a-z, 0-9"},
		{"al ice", "long-enough-1", "a-z, 0-9"},
		{"alice;drop", "long-enough-1", "a-z, 0-9"},
		{"alice", "short", "at least 10"},
		{"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", "long-enough-1",
		 "1 to 64"},
	};
	report rep = {0};
	for(size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		pl_rc rc = auth_user_add(st, bad[i].name, NULL, R(ROLE_REGISTRAR), bad[i].password, "t",
		                         &err);
		if(rc != PL_EINPUT || !strstr(err.msg, bad[i].why))
			report_add(&rep, "'%s': rc %d, '%s' (expected '%s')\n", bad[i].name, rc, err.msg,
			           bad[i].why);
	}
	assert_int_equal(auth_user_count(st), 0);
	/* The reason by its code, in the user's language. */
	assert_int_equal(auth_user_add(st, "alice", NULL, R(ROLE_REGISTRAR), "short", "t", &err), PL_EINPUT);
	assert_string_equal(err.code, "auth.refused");
	assert_string_equal(pl_err_arg_value(&err, "why"), "auth.password_short");
	char uk[PL_ERR_MSG_MAX];
	msg_err_text(&err, LANG_UK, uk, sizeof(uk));
	assert_string_equal(uk, "пароль має щонайменше 10 символів");
	assert_ok(auth_user_add(st, "alice", "Alice A.", R(ROLE_REGISTRAR), "long-enough-1", "t", &err),
	          &err);
	assert_int_equal(auth_user_add(st, "alice", NULL, R(ROLE_AUDITOR), "long-enough-2", "t", &err),
	                 PL_ECONFLICT);
	assert_int_equal(auth_user_add(st, "bob", NULL, 0, "long-enough-2", "t", &err), PL_EINPUT);
	assert_int_equal(auth_user_count(st), 1);
	user u;
	assert_ok(auth_user_get(st, "alice", &u, &err), &err);
	assert_string_equal(u.display, "Alice A.");
	assert_int_equal(u.roles, R(ROLE_REGISTRAR));
	assert_false(u.disabled);
	store_close(st);
	report_check(&rep, (int)(sizeof(bad) / sizeof(bad[0])));
}

static void hashes_are_argon2id(void **state)
{
	(void)state;
	store *st = fresh();
	pl_err err = {0};
	assert_ok(auth_user_add(st, "alice", NULL, R(ROLE_REGISTRAR), "correct horse", "t", &err), &err);
	sqlite3_stmt *s;
	assert_int_equal(sqlite3_prepare_v2(store_db(st), "SELECT password_hash FROM user", -1, &s, NULL),
	                 SQLITE_OK);
	assert_int_equal(sqlite3_step(s), SQLITE_ROW);
	const char *hash = (const char *)sqlite3_column_text(s, 0);
	assert_true(strncmp(hash, "$argon2id$", 10) == 0);
	assert_null(strstr(hash, "correct horse"));
	assert_int_equal(crypto_pwhash_str_verify(hash, "correct horse", 13), 0);
	sqlite3_finalize(s);
	store_close(st);
}

static void login_says_the_same_for_every_failure(void **state)
{
	(void)state;
	store *st = fresh();
	pl_err err = {0}, e1 = {0}, e2 = {0}, e3 = {0};
	assert_ok(auth_user_add(st, "alice", NULL, R(ROLE_REGISTRAR), "long-enough-1", "t", &err), &err);
	assert_ok(auth_user_add(st, "dora", NULL, R(ROLE_REGISTRAR), "long-enough-4", "t", &err), &err);
	bool off = true;
	assert_ok(auth_user_set(st, "dora", NULL, NULL, &off, "t", &err), &err);
	user u;
	assert_ok(auth_login(st, "alice", "long-enough-1", &u, &err), &err);
	assert_string_equal(u.name, "alice");
	assert_int_equal(auth_login(st, "alice", "long-enough-2", &u, &e1), PL_EINPUT);
	assert_int_equal(auth_login(st, "nobody", "long-enough-1", &u, &e2), PL_EINPUT);
	assert_int_equal(auth_login(st, "dora", "long-enough-4", &u, &e3), PL_EINPUT);
	assert_string_equal(e1.msg, e2.msg);
	assert_string_equal(e1.msg, e3.msg);
	/* A name that could not exist is still a plain failure. */
	assert_int_equal(auth_login(st, "'; DROP TABLE user; --", "x", &u, &e2), PL_EINPUT);
	assert_string_equal(e1.msg, e2.msg);
	store_close(st);
}

static void passwd_and_roles(void **state)
{
	(void)state;
	store *st = fresh();
	pl_err err = {0};
	user u;
	assert_ok(auth_user_add(st, "alice", NULL, R(ROLE_REGISTRAR), "long-enough-1", "t", &err), &err);
	assert_ok(auth_user_passwd(st, "alice", "long-enough-9", "admin", &err), &err);
	assert_int_equal(auth_login(st, "alice", "long-enough-1", &u, &err), PL_EINPUT);
	assert_ok(auth_login(st, "alice", "long-enough-9", &u, &err), &err);
	assert_int_equal(auth_user_passwd(st, "alice", "short", "admin", &err), PL_EINPUT);
	assert_int_equal(auth_user_passwd(st, "nobody", "long-enough-1", "admin", &err), PL_ENOTFOUND);
	role_set r = R(ROLE_AUDITOR) | R(ROLE_MEDICAL);
	assert_ok(auth_user_set(st, "alice", &r, "Alice", NULL, "admin", &err), &err);
	assert_ok(auth_user_get(st, "alice", &u, &err), &err);
	assert_int_equal(u.roles, r);
	assert_string_equal(u.display, "Alice");
	role_set none = 0;
	assert_int_equal(auth_user_set(st, "alice", &none, NULL, NULL, "admin", &err), PL_EINPUT);
	store_close(st);
}

static void the_last_admin_stays(void **state)
{
	(void)state;
	store *st = fresh();
	pl_err err = {0};
	assert_ok(auth_user_add(st, "root", NULL, R(ROLE_ADMIN), "long-enough-1", "t", &err), &err);
	role_set reg = R(ROLE_REGISTRAR);
	bool off = true;
	assert_int_equal(auth_user_set(st, "root", &reg, NULL, NULL, "root", &err), PL_ECONFLICT);
	assert_contains(err.msg, "last enabled admin");
	assert_int_equal(auth_user_set(st, "root", NULL, NULL, &off, "root", &err), PL_ECONFLICT);
	user u;
	assert_ok(auth_user_get(st, "root", &u, &err), &err);
	assert_int_equal(u.roles, R(ROLE_ADMIN));
	assert_false(u.disabled);
	/* With a second admin, the first may go. */
	assert_ok(auth_user_add(st, "root2", NULL, R(ROLE_ADMIN), "long-enough-2", "t", &err), &err);
	assert_ok(auth_user_set(st, "root", NULL, NULL, &off, "root2", &err), &err);
	assert_int_equal(auth_user_set(st, "root2", &reg, NULL, NULL, "root2", &err), PL_ECONFLICT);
	store_close(st);
}

typedef struct seen {
	int n;
	bool leaked;
	char actions[256];
} seen;

static pl_rc look(void *ctx, const audit_entry *e)
{
	seen *s = ctx;
	s->n++;
	strncat(s->actions, e->action, sizeof(s->actions) - strlen(s->actions) - 2);
	strcat(s->actions, " ");
	for(const char *t = e->before; t && !s->leaked; t = NULL)
		s->leaked = strstr(t, "argon2") || strstr(t, "long-enough");
	for(const char *t = e->after; t && !s->leaked; t = NULL)
		s->leaked = strstr(t, "argon2") || strstr(t, "long-enough");
	return PL_OK;
}

static void changes_are_audited_without_secrets(void **state)
{
	(void)state;
	store *st = fresh();
	pl_err err = {0};
	assert_ok(auth_user_add(st, "alice", NULL, R(ROLE_REGISTRAR), "long-enough-1", "root", &err),
	          &err);
	assert_ok(auth_user_passwd(st, "alice", "long-enough-2", "root", &err), &err);
	bool off = true;
	assert_ok(auth_user_set(st, "alice", NULL, NULL, &off, "root", &err), &err);
	seen s = {0};
	audit_filter f = {.entity_uid = "alice"};
	assert_ok(audit_list(st, &f, look, &s, &err), &err);
	assert_int_equal(s.n, 3);
	assert_string_equal(s.actions, "update passwd create ");
	assert_false(s.leaked);
	audit_verify_report vr;
	assert_ok(audit_verify(st, &vr, &err), &err);
	store_close(st);
}

/* Weak passwords are refused with the reason by its code: a common one
 * (the shipped list, and one of it with digits or signs added), blanks, one
 * character repeated, a sequence, the user's own names. */
static void weak_passwords_are_refused(void **state)
{
	(void)state;
	store *st = fresh();
	pl_err err = {0};
	static const struct {
		const char *password, *why;
	} weak[] = {
		{"aaaaaaaaaa", "auth.password_repeated"},
		{"ЖЖЖЖЖЖЖЖЖЖ", "auth.password_repeated"},
		{"          ", "auth.password_blank"},
		{" \t \t \t \t  ", "auth.password_blank"},
		{"password12", "auth.password_common"},
		{"PassWord12", "auth.password_common"},
		{"iloveyou2024!!", "auth.password_common"},
		{"1q2w3e4r5t", "auth.password_common"},
		{"abcdefghij", "auth.password_sequence"},
		{"9876543210", "auth.password_sequence"},
		{"4567890123", "auth.password_sequence"},
		{"QWERTYUIOPASD", "auth.password_sequence"},
		{"абвгдежзий", "auth.password_sequence"},
		{"tkachuk-1987", "auth.password_name"},
		{"olena.k-2024", "auth.password_name"},
		{"2024-Олена!!", "auth.password_name"},
	};
	report rep = {0};
	for(size_t i = 0; i < sizeof(weak) / sizeof(weak[0]); i++) {
		err = (pl_err){0};
		pl_rc rc = auth_user_add(st, "olena.k", "Олена Tkachuk", R(ROLE_MEDICAL), weak[i].password,
		                         "t", &err);
		const char *why = rc == PL_EINPUT ? pl_err_arg_value(&err, "why") : NULL;
		if(!why || strcmp(why, weak[i].why))
			report_add(&rep, "'%s': rc %d, '%s' (expected %s)\n", weak[i].password, rc, err.msg,
			           weak[i].why);
	}
	report_check(&rep, (int)(sizeof(weak) / sizeof(weak[0])));
	assert_int_equal(auth_user_count(st), 0);
	/* Said plainly, in each language. */
	assert_int_equal(auth_user_add(st, "olena.k", NULL, R(ROLE_MEDICAL), "password12", "t", &err),
	                 PL_EINPUT);
	assert_non_null(strstr(err.msg, "common"));
	/* Strong enough: a name inside a long enough rest, passphrases. */
	assert_ok(auth_user_add(st, "olena.k", "Олена Tkachuk", R(ROLE_MEDICAL),
	                        "olena.k and the red kite", "t", &err), &err);
	assert_ok(auth_user_add(st, "taras", NULL, R(ROLE_MEDICAL), "brisk-otter-lamp-9", "t", &err), &err);
	/* A new password is checked against the user's names too. */
	assert_int_equal(auth_user_passwd(st, "olena.k", "Tkachuk!!1", "t", &err), PL_EINPUT);
	assert_string_equal(pl_err_arg_value(&err, "why"), "auth.password_name");
	assert_int_equal(auth_user_passwd(st, "taras", "taras-2024-1", "t", &err), PL_EINPUT);
	assert_string_equal(pl_err_arg_value(&err, "why"), "auth.password_name");
	store_close(st);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(add_checks_names_and_passwords),
		cmocka_unit_test(weak_passwords_are_refused),
		cmocka_unit_test(hashes_are_argon2id),
		cmocka_unit_test(login_says_the_same_for_every_failure),
		cmocka_unit_test(passwd_and_roles),
		cmocka_unit_test(the_last_admin_stays),
		cmocka_unit_test(changes_are_audited_without_secrets),
	};
	return cmocka_run_group_tests_name("auth/users", tests, tu_dir_setup, tu_dir_teardown);
}
