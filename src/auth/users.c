/* Users: names, roles, Argon2id passwords. Every change is audited, never
 * with the password or its hash. */
#include <sodium.h>
#include <stdio.h>
#include <string.h>

#include "audit/audit.h"
#include "auth/auth.h"
#include "auth/internal.h"
#include "core/date.h"
#include "core/json.h"

/* The hash of a password nobody knows: checked against when the user does
 * not exist, so that an unknown name costs as long as a wrong password. */
static const char dummy_hash[crypto_pwhash_STRBYTES] =
	"$argon2id$v=19$m=65536,t=2,p=1$SKQgGNbzLt+xcsE8k9GGQQ$uCHPWcAEo/Fe+WGeE5KkDdNg9JC8PEuh2diwp4TZgI8";

static bool name_char(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '-' || c == '_';
}

/* NULL, or the code of why the name is refused. */
static const char *name_invalid(const char *name)
{
	size_t n = strlen(name), i = 0;
	while(i < n && name_char(name[i]))
		i++;
	if(n && n <= USER_NAME_MAX && i == n)
		return NULL;
	return n == 0 || n > USER_NAME_MAX ? "auth.name_len" : "auth.name_chars";
}

pl_rc auth_end_sessions(store *st, int64_t user_id, pl_err *err)
{
	sqlite3_stmt *s;
	pl_rc rc = store_stmt(st, "DELETE FROM session WHERE user_id = ?", &s, err);
	if(rc)
		return rc;
	sqlite3_bind_int64(s, 1, user_id);
	if((rc = auth_step_done(st, s, "ending sessions", err)))
		return rc;
	/* And the sign-ins waiting for their second factor. */
	if((rc = store_stmt(st, "DELETE FROM login_pending WHERE user_id = ?", &s, err)))
		return rc;
	sqlite3_bind_int64(s, 1, user_id);
	return auth_step_done(st, s, "ending sign-ins", err);
}

/* A locked account locks its way in: its sessions end and its API tokens
 * are revoked for good (inside the caller's transaction). */
static pl_rc lock_out(store *st, int64_t user_id, pl_err *err)
{
	char now[TIMESTAMP_STR_MAX];
	date_now_iso(now);
	sqlite3_stmt *s;
	pl_rc rc = auth_end_sessions(st, user_id, err);
	if(rc)
		return rc;
	if((rc = store_stmt(st, "UPDATE api_token SET revoked_at = ? WHERE user_id = ?"
	                        " AND revoked_at IS NULL", &s, err)))
		return rc;
	sqlite3_bind_text(s, 1, now, -1, SQLITE_STATIC);
	sqlite3_bind_int64(s, 2, user_id);
	return auth_step_done(st, s, "revoking tokens", err);
}

static pl_rc hash_password(const char *password, char out[crypto_pwhash_STRBYTES], pl_err *err)
{
	if(crypto_pwhash_str(out, password, strlen(password), crypto_pwhash_OPSLIMIT_INTERACTIVE,
	                     crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0)
		return pl_failc(err, PL_ENOMEM, "auth.hash_memory", NULL);
	return PL_OK;
}

/* The audit record of a user: name, display name, roles, disabled. */
static pl_rc user_json(buf *out, const user *u)
{
	char roles[256];
	auth_roles_text(u->roles, roles, sizeof(roles));
	json_writer w;
	json_open(&w, out);
	json_member_string(&w, "name", u->name);
	json_member_string(&w, "display_name", u->display[0] ? u->display : NULL);
	json_member_string(&w, "roles", roles);
	json_member_raw(&w, "disabled", u->disabled ? "true" : "false");
	return json_close(&w);
}

/* The audit entry of a change to a user (inside its transaction). */
static pl_rc audited(store *st, const char *actor, const char *action, const user *before,
                     const user *after, pl_err *err)
{
	buf b, a;
	buf_init(&b, 0);
	buf_init(&a, 0);
	pl_rc rc = (before && user_json(&b, before)) || (after && user_json(&a, after))
	           ? pl_nomem(err)
	           : audit_append(st, actor, action, "user", after ? after->name : before->name,
	                          before ? buf_str(&b) : NULL, after ? buf_str(&a) : NULL, err);
	buf_free(&b);
	buf_free(&a);
	return rc;
}

static void user_from_row(sqlite3_stmt *s, user *u)
{
	memset(u, 0, sizeof(*u));
	u->id = sqlite3_column_int64(s, 0);
	snprintf(u->name, sizeof(u->name), "%s", store_column_text(s, 1));
	const char *d = store_column_text(s, 2);
	snprintf(u->display, sizeof(u->display), "%s", d ? d : "");
	const char *bad;
	size_t badlen;
	if(!auth_roles_parse(store_column_text(s, 3), &u->roles, &bad, &badlen))
		u->roles = 0; /* a role this parley does not know grants nothing */
	u->disabled = sqlite3_column_int(s, 4) != 0;
	u->totp = sqlite3_column_int(s, 5) != 0;
}

#define USER_COLUMNS                                                                     \
	"id, name, display_name, roles, disabled, EXISTS (SELECT 1 FROM user_totp t"         \
	" WHERE t.user_id = user.id AND t.confirmed_at IS NOT NULL)"

static pl_rc get_where(store *st, const char *sql, const char *name, int64_t id, user *out,
                       char *hash, pl_err *err)
{
	sqlite3_stmt *s;
	pl_rc rc = store_stmt(st, sql, &s, err);
	if(rc)
		return rc;
	if(name)
		sqlite3_bind_text(s, 1, name, -1, SQLITE_STATIC);
	else
		sqlite3_bind_int64(s, 1, id);
	int x = sqlite3_step(s);
	if(x == SQLITE_ROW) {
		user_from_row(s, out);
		if(hash)
			snprintf(hash, crypto_pwhash_STRBYTES, "%s", store_column_text(s, 6));
	}
	sqlite3_reset(s);
	if(x == SQLITE_DONE)
		return pl_failc(err, PL_ENOTFOUND, "auth.no_user", "user", name ? name : "with that id", NULL);
	return x == SQLITE_ROW ? PL_OK : store_fail(st, err, x, "reading users");
}

pl_rc auth_user_get(store *st, const char *name, user *out, pl_err *err)
{
	return get_where(st, "SELECT " USER_COLUMNS " FROM user WHERE name = ?", name, 0, out, NULL,
	                 err);
}

pl_rc auth_user_get_id(store *st, int64_t id, user *out, pl_err *err)
{
	return get_where(st, "SELECT " USER_COLUMNS " FROM user WHERE id = ?", NULL, id, out, NULL,
	                 err);
}

pl_rc auth_user_add(store *st, const char *name, const char *display, role_set roles,
                    const char *password, const char *actor, pl_err *err)
{
	const char *why;
	if((why = name_invalid(name)) || (why = auth_password_weak(password, name, display)))
		return pl_failc(err, PL_EINPUT, "auth.refused", "why", why, NULL);
	if(!roles)
		return pl_failc(err, PL_EINPUT, "auth.needs_role", NULL);
	if(display && strlen(display) > 128)
		return pl_failc(err, PL_EINPUT, "auth.display_long", NULL);
	char hash[crypto_pwhash_STRBYTES];
	pl_rc rc = hash_password(password, hash, err);
	if(rc)
		return rc;
	user u = {.roles = roles};
	snprintf(u.name, sizeof(u.name), "%s", name);
	snprintf(u.display, sizeof(u.display), "%s", display ? display : "");
	char text[256], now[TIMESTAMP_STR_MAX];
	auth_roles_text(roles, text, sizeof(text));
	date_now_iso(now);
	if((rc = store_begin(st, err)))
		return rc;
	sqlite3_stmt *s;
	if(!(rc = store_stmt(st, "INSERT INTO user(name, display_name, roles, password_hash,"
	                         " created_at, updated_at) VALUES (?,?,?,?,?,?)", &s, err))) {
		sqlite3_bind_text(s, 1, name, -1, SQLITE_STATIC);
		store_bind_text(s, 2, display);
		sqlite3_bind_text(s, 3, text, -1, SQLITE_STATIC);
		sqlite3_bind_text(s, 4, hash, -1, SQLITE_STATIC);
		sqlite3_bind_text(s, 5, now, -1, SQLITE_STATIC);
		sqlite3_bind_text(s, 6, now, -1, SQLITE_STATIC);
		int x = sqlite3_step(s);
		sqlite3_reset(s);
		if((x & 0xff) == SQLITE_CONSTRAINT)
			rc = pl_failc(err, PL_ECONFLICT, "auth.user_exists", "user", name, NULL);
		else if(x != SQLITE_DONE)
			rc = store_fail(st, err, x, "adding a user");
	}
	if(!rc)
		rc = audited(st, actor, "create", NULL, &u, err);
	sodium_memzero(hash, sizeof(hash));
	return store_end(st, rc, err);
}

pl_rc auth_user_passwd(store *st, const char *name, const char *password, const char *actor,
                       pl_err *err)
{
	/* Checked against the user's names: read them first. */
	user u;
	pl_rc rc = auth_user_get(st, name, &u, err);
	if(rc)
		return rc;
	const char *why = auth_password_weak(password, u.name, u.display);
	if(why)
		return pl_failc(err, PL_EINPUT, "auth.refused", "why", why, NULL);
	char hash[crypto_pwhash_STRBYTES], now[TIMESTAMP_STR_MAX];
	if((rc = hash_password(password, hash, err)))
		return rc;
	date_now_iso(now);
	if((rc = store_begin(st, err)))
		return rc;
	sqlite3_stmt *s;
	if(!(rc = auth_user_get(st, name, &u, err)) &&
	   !(rc = store_stmt(st, "UPDATE user SET password_hash = ?, updated_at = ? WHERE id = ?", &s,
	                     err))) {
		sqlite3_bind_text(s, 1, hash, -1, SQLITE_STATIC);
		sqlite3_bind_text(s, 2, now, -1, SQLITE_STATIC);
		sqlite3_bind_int64(s, 3, u.id);
		int x = sqlite3_step(s);
		sqlite3_reset(s);
		if(x != SQLITE_DONE)
			rc = store_fail(st, err, x, "changing a password");
	}
	/* A new password ends the sessions and the tokens had with the old one. */
	if(!rc)
		rc = lock_out(st, u.id, err);
	if(!rc)
		rc = audit_append(st, actor, "passwd", "user", u.name, NULL, NULL, err);
	sodium_memzero(hash, sizeof(hash));
	return store_end(st, rc, err);
}

/* After a change inside the transaction: is someone left to run the
 * accounts? Without an admin nobody could undo the change. */
static pl_rc still_an_admin(store *st, pl_err *err)
{
	sqlite3_stmt *s;
	pl_rc rc = store_stmt(st, "SELECT count(*) FROM user WHERE disabled = 0 AND"
	                          " ',' || roles || ',' LIKE '%,admin,%'", &s, err);
	if(rc)
		return rc;
	int x = sqlite3_step(s);
	long n = x == SQLITE_ROW ? (long)sqlite3_column_int64(s, 0) : -1;
	sqlite3_reset(s);
	if(n < 0)
		return store_fail(st, err, x, "counting admins");
	return n ? PL_OK : pl_failc(err, PL_ECONFLICT, "auth.last_admin", NULL);
}

pl_rc auth_user_set(store *st, const char *name, const role_set *roles, const char *display,
                    const bool *disabled, const char *actor, pl_err *err)
{
	if(roles && !*roles)
		return pl_failc(err, PL_EINPUT, "auth.needs_role", NULL);
	if(display && strlen(display) > 128)
		return pl_failc(err, PL_EINPUT, "auth.display_long", NULL);
	user before, after;
	pl_rc rc = store_begin(st, err);
	if(rc)
		return rc;
	if(!(rc = auth_user_get(st, name, &before, err))) {
		after = before;
		if(roles)
			after.roles = *roles;
		if(display)
			snprintf(after.display, sizeof(after.display), "%s", display);
		if(disabled)
			after.disabled = *disabled;
		char text[256], now[TIMESTAMP_STR_MAX];
		auth_roles_text(after.roles, text, sizeof(text));
		date_now_iso(now);
		sqlite3_stmt *s;
		if(!(rc = store_stmt(st, "UPDATE user SET roles = ?, display_name = ?, disabled = ?,"
		                         " updated_at = ? WHERE id = ?", &s, err))) {
			sqlite3_bind_text(s, 1, text, -1, SQLITE_STATIC);
			store_bind_text(s, 2, after.display);
			sqlite3_bind_int(s, 3, after.disabled);
			sqlite3_bind_text(s, 4, now, -1, SQLITE_STATIC);
			sqlite3_bind_int64(s, 5, after.id);
			int x = sqlite3_step(s);
			sqlite3_reset(s);
			if(x != SQLITE_DONE)
				rc = store_fail(st, err, x, "changing a user");
		}
		bool was_admin = (before.roles & (1u << ROLE_ADMIN)) && !before.disabled;
		bool is_admin = (after.roles & (1u << ROLE_ADMIN)) && !after.disabled;
		if(!rc && was_admin && !is_admin)
			rc = still_an_admin(st, err);
		if(!rc && after.disabled && !before.disabled)
			rc = lock_out(st, after.id, err);
		/* A role that must use a second factor, and none in force: the
		 * sessions end, and the next sign-in enrols. */
		role_set need = 0;
		if(!rc && roles && !after.totp && !(rc = auth_second_factor_roles(st, &need, err)) &&
		   (after.roles & need & ~before.roles))
			rc = auth_end_sessions(st, after.id, err);
		if(!rc)
			rc = audited(st, actor, "update", &before, &after, err);
	}
	return store_end(st, rc, err);
}

pl_rc auth_user_list(store *st, auth_user_fn fn, void *ctx, pl_err *err)
{
	sqlite3_stmt *s;
	int x = sqlite3_prepare_v2(store_db(st), "SELECT " USER_COLUMNS " FROM user ORDER BY name",
	                           -1, &s, NULL);
	if(x)
		return store_fail(st, err, x, "reading users");
	pl_rc rc = PL_OK;
	while(!rc && (x = sqlite3_step(s)) == SQLITE_ROW) {
		user u;
		user_from_row(s, &u);
		rc = fn(ctx, &u);
	}
	sqlite3_finalize(s);
	if(!rc && x != SQLITE_DONE)
		rc = store_fail(st, err, x, "reading users");
	return rc;
}

long auth_user_count(store *st)
{
	sqlite3_stmt *s;
	long n = 0;
	if(sqlite3_prepare_v2(store_db(st), "SELECT count(*) FROM user", -1, &s, NULL) == SQLITE_OK) {
		if(sqlite3_step(s) == SQLITE_ROW)
			n = (long)sqlite3_column_int64(s, 0);
		sqlite3_finalize(s);
	}
	return n;
}

pl_rc auth_login(store *st, const char *name, const char *password, user *out, pl_err *err)
{
	char hash[crypto_pwhash_STRBYTES] = "";
	pl_err lookup = {0};
	pl_rc rc = name_invalid(name) ? PL_ENOTFOUND
	           : get_where(st, "SELECT " USER_COLUMNS ", password_hash FROM user WHERE name = ?",
	                       name, 0, out, hash, &lookup);
	if(rc && rc != PL_ENOTFOUND) {
		if(err)
			*err = lookup;
		return rc;
	}
	bool known = rc == PL_OK;
	/* Always one Argon2id verification, so the time says nothing. */
	bool match = crypto_pwhash_str_verify(known ? hash : dummy_hash, password,
	                                      strlen(password)) == 0;
	sodium_memzero(hash, sizeof(hash));
	if(!known || !match || out->disabled)
		return pl_failc(err, PL_EINPUT, "auth.wrong_password", NULL);
	return PL_OK;
}
