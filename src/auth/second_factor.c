/* Who must use a second factor (a setting of roles), and sign-ins waiting
 * for theirs. A waiting sign-in is a row, not a thing in the server's
 * memory: every worker thread has its own store handle, the database
 * already makes "used once" atomic (DELETE ... RETURNING), and `parley
 * user totp-reset` reaches it too. */
#include <sodium.h>
#include <stdio.h>
#include <string.h>

#include "audit/audit.h"
#include "auth/auth.h"
#include "auth/internal.h"

static const char roles_key[] = "second_factor_roles";

pl_rc auth_second_factor_roles(store *st, role_set *out, pl_err *err)
{
	sqlite3_stmt *s;
	pl_rc rc = store_stmt(st, "SELECT value FROM auth_setting WHERE key = ?", &s, err);
	if(rc)
		return rc;
	sqlite3_bind_text(s, 1, roles_key, -1, SQLITE_STATIC);
	*out = 0;
	int x = sqlite3_step(s);
	const char *v = x == SQLITE_ROW ? store_column_text(s, 0) : NULL, *bad;
	size_t badlen;
	/* A role this parley does not know is asked of nobody. */
	if(v && *v && !auth_roles_parse(v, out, &bad, &badlen))
		*out = 0;
	sqlite3_reset(s);
	return x == SQLITE_ROW || x == SQLITE_DONE ? PL_OK : store_fail(st, err, x, "reading settings");
}

pl_rc auth_second_factor_due(store *st, const user *u, bool *due, pl_err *err)
{
	role_set need = 0;
	pl_rc rc = u->totp ? PL_OK : auth_second_factor_roles(st, &need, err);
	*due = u->totp || (u->roles & need);
	return rc;
}

/* End the sessions of the users `need` covers who have no factor in force
 * (inside the caller's transaction); how many in *ended. Roles are stored
 * as "registrar,medical": a role is matched as a word of that list, as
 * users.c counts admins. */
static pl_rc end_uncovered(store *st, role_set need, long *ended, pl_err *err)
{
	*ended = 0;
	pl_rc rc = PL_OK;
	for(int r = 0; !rc && r < ROLE_COUNT; r++) {
		if(!(need & (1u << r)))
			continue;
		char like[48];
		snprintf(like, sizeof(like), "%%,%s,%%", role_names[r]);
		sqlite3_stmt *s;
		if((rc = store_stmt(st, "DELETE FROM session WHERE user_id IN (SELECT id FROM user"
		                        " WHERE ',' || roles || ',' LIKE ?) AND user_id NOT IN (SELECT user_id"
		                        " FROM user_totp WHERE confirmed_at IS NOT NULL)", &s, err)))
			break;
		sqlite3_bind_text(s, 1, like, -1, SQLITE_TRANSIENT);
		if(!(rc = auth_step_done(st, s, "ending sessions", err)))
			*ended += sqlite3_changes(store_db(st));
	}
	return rc;
}

pl_rc auth_second_factor_require(store *st, role_set roles, const char *actor, long *ended, pl_err *err)
{
	char before[160], after[160], b[192], a[256];
	long n = 0;
	role_set old;
	pl_rc rc = store_begin(st, err);
	if(rc || (rc = auth_second_factor_roles(st, &old, err)))
		return store_end(st, rc, err);
	auth_roles_text(old, before, sizeof(before));
	auth_roles_text(roles, after, sizeof(after));
	sqlite3_stmt *s;
	if(!(rc = store_stmt(st, "INSERT INTO auth_setting(key, value) VALUES (?,?)"
	                         " ON CONFLICT(key) DO UPDATE SET value = excluded.value", &s, err))) {
		sqlite3_bind_text(s, 1, roles_key, -1, SQLITE_STATIC);
		sqlite3_bind_text(s, 2, after, -1, SQLITE_STATIC);
		rc = auth_step_done(st, s, "changing a setting", err);
	}
	if(!rc)
		rc = end_uncovered(st, roles, &n, err);
	snprintf(b, sizeof(b), "{\"roles\":\"%s\"}", before);
	snprintf(a, sizeof(a), "{\"roles\":\"%s\",\"sessions_ended\":%ld}", after, n);
	if(!rc)
		rc = audit_append(st, actor, "second_factor_roles", "setting", roles_key, b, a, err);
	if(ended)
		*ended = n;
	return store_end(st, rc, err);
}

/* ---- sign-ins waiting for their second factor -------------------------- */

pl_rc auth_pending_create(store *st, const user *u, int64_t now, char token[TOKEN_LEN + 1], pl_err *err)
{
	unsigned char h[AUTH_HASH_SIZE];
	auth_random_token(token);
	auth_token_hash(token, h);
	sqlite3_stmt *s;
	pl_rc rc = store_begin(st, err);
	if(rc)
		return rc;
	/* The old ones go on the way: nobody waits for them. */
	if(!(rc = store_stmt(st, "DELETE FROM login_pending WHERE created < ?", &s, err))) {
		sqlite3_bind_int64(s, 1, now - PENDING_LIFE);
		rc = auth_step_done(st, s, "forgetting old sign-ins", err);
	}
	if(!rc && !(rc = store_stmt(st, "INSERT INTO login_pending(token_hash, user_id, created)"
	                                " VALUES (?,?,?)", &s, err))) {
		sqlite3_bind_blob(s, 1, h, AUTH_HASH_SIZE, SQLITE_STATIC);
		sqlite3_bind_int64(s, 2, u->id);
		sqlite3_bind_int64(s, 3, now);
		rc = auth_step_done(st, s, "holding a sign-in", err);
	}
	return store_end(st, rc, err);
}

static pl_rc no_pending(pl_err *err)
{
	return pl_failc(err, PL_ENOTFOUND, "auth.no_pending", NULL);
}

pl_rc auth_pending_user(store *st, const char *token, int64_t now, user *out, pl_err *err)
{
	if(!auth_token_shape(token, TOKEN_LEN))
		return no_pending(err);
	unsigned char h[AUTH_HASH_SIZE];
	auth_token_hash(token, h);
	sqlite3_stmt *s;
	pl_rc rc = store_stmt(st, "SELECT user_id FROM login_pending WHERE token_hash = ? AND created >= ?",
	                      &s, err);
	if(rc)
		return rc;
	sqlite3_bind_blob(s, 1, h, AUTH_HASH_SIZE, SQLITE_STATIC);
	sqlite3_bind_int64(s, 2, now - PENDING_LIFE);
	int x = sqlite3_step(s);
	int64_t id = x == SQLITE_ROW ? sqlite3_column_int64(s, 0) : 0;
	sqlite3_reset(s);
	if(x != SQLITE_ROW && x != SQLITE_DONE)
		return store_fail(st, err, x, "reading sign-ins");
	pl_err e = {0};
	if(!id || auth_user_get_id(st, id, out, &e) || out->disabled)
		return no_pending(err);
	return PL_OK;
}

pl_rc auth_pending_take(store *st, const char *token, pl_err *err)
{
	if(!auth_token_shape(token, TOKEN_LEN))
		return no_pending(err);
	unsigned char h[AUTH_HASH_SIZE];
	auth_token_hash(token, h);
	sqlite3_stmt *s;
	pl_rc rc = store_stmt(st, "DELETE FROM login_pending WHERE token_hash = ?", &s, err);
	if(rc)
		return rc;
	sqlite3_bind_blob(s, 1, h, AUTH_HASH_SIZE, SQLITE_STATIC);
	if((rc = auth_step_done(st, s, "using a sign-in", err)))
		return rc;
	return sqlite3_changes(store_db(st)) ? PL_OK : no_pending(err);
}
