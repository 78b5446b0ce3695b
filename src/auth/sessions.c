/* Browser sessions and API tokens. A token is 256 random bits; only its
 * BLAKE2b hash is stored, so the database alone opens nothing. */
#include <sodium.h>
#include <stdio.h>
#include <string.h>

#include "audit/audit.h"
#include "auth/auth.h"
#include "auth/internal.h"
#include "core/date.h"

/* A session is noted as seen at most this often: a write per request would
 * cost more than the request. */
enum { TOUCH_EVERY = 60 };

void auth_random_token(char *out)
{
	unsigned char raw[32];
	randombytes_buf(raw, sizeof(raw));
	sodium_bin2base64(out, TOKEN_LEN + 1, raw, sizeof(raw), sodium_base64_VARIANT_URLSAFE_NO_PADDING);
	sodium_memzero(raw, sizeof(raw));
}

void auth_token_hash(const char *token, unsigned char out[AUTH_HASH_SIZE])
{
	crypto_generichash(out, AUTH_HASH_SIZE, (const unsigned char *)token, strlen(token), NULL, 0);
}

bool auth_token_shape(const char *token, size_t len)
{
	if(strlen(token) != len)
		return false;
	for(size_t i = 0; i < len; i++) {
		char c = token[i];
		if(!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
		     c == '-' || c == '_'))
			return false;
	}
	return true;
}

pl_rc auth_step_done(store *st, sqlite3_stmt *s, const char *doing, pl_err *err)
{
	int x = sqlite3_step(s);
	sqlite3_reset(s);
	return x == SQLITE_DONE ? PL_OK : store_fail(st, err, x, doing);
}

pl_rc auth_session_create(store *st, const user *u, const char *address, int64_t now,
                          char token[TOKEN_LEN + 1], session *out, pl_err *err)
{
	unsigned char h[AUTH_HASH_SIZE];
	auth_random_token(token);
	auth_token_hash(token, h);
	memset(out, 0, sizeof(*out));
	out->u = *u;
	auth_random_token(out->csrf);
	out->created = out->last_seen = now;
	pl_rc rc = store_begin(st, err);
	if(rc)
		return rc;
	sqlite3_stmt *s;
	if(!(rc = store_stmt(st, "INSERT INTO session(token_hash, user_id, csrf, address, created,"
	                         " last_seen) VALUES (?,?,?,?,?,?)", &s, err))) {
		sqlite3_bind_blob(s, 1, h, AUTH_HASH_SIZE, SQLITE_STATIC);
		sqlite3_bind_int64(s, 2, u->id);
		sqlite3_bind_text(s, 3, out->csrf, -1, SQLITE_STATIC);
		store_bind_text(s, 4, address);
		sqlite3_bind_int64(s, 5, now);
		sqlite3_bind_int64(s, 6, now);
		rc = auth_step_done(st, s, "opening a session", err);
	}
	/* Who signed in, and from where: the session itself is not named. */
	if(!rc) {
		char after[160];
		snprintf(after, sizeof(after), "{\"address\":\"%.64s\"}", address ? address : "");
		rc = audit_append(st, u->name, "login", "user", u->name, NULL, after, err);
	}
	return store_end(st, rc, err);
}

static pl_rc delete_hash(store *st, const unsigned char *h, pl_err *err)
{
	sqlite3_stmt *s;
	pl_rc rc = store_stmt(st, "DELETE FROM session WHERE token_hash = ?", &s, err);
	if(rc)
		return rc;
	sqlite3_bind_blob(s, 1, h, AUTH_HASH_SIZE, SQLITE_STATIC);
	return auth_step_done(st, s, "ending a session", err);
}

pl_rc auth_session_check(store *st, const char *token, int64_t now, const session_limits *lim,
                         session *out, pl_err *err)
{
	if(!auth_token_shape(token, TOKEN_LEN))
		return pl_failc(err, PL_ENOTFOUND, "auth.no_session", NULL);
	unsigned char h[AUTH_HASH_SIZE];
	auth_token_hash(token, h);
	sqlite3_stmt *s;
	pl_rc rc = store_stmt(st, "SELECT user_id, csrf, created, last_seen FROM session"
	                          " WHERE token_hash = ?", &s, err);
	if(rc)
		return rc;
	sqlite3_bind_blob(s, 1, h, AUTH_HASH_SIZE, SQLITE_STATIC);
	int x = sqlite3_step(s);
	int64_t user_id = 0;
	if(x == SQLITE_ROW) {
		memset(out, 0, sizeof(*out));
		user_id = sqlite3_column_int64(s, 0);
		snprintf(out->csrf, sizeof(out->csrf), "%s", store_column_text(s, 1));
		out->created = sqlite3_column_int64(s, 2);
		out->last_seen = sqlite3_column_int64(s, 3);
	}
	sqlite3_reset(s);
	if(x == SQLITE_DONE)
		return pl_failc(err, PL_ENOTFOUND, "auth.no_session", NULL);
	if(x != SQLITE_ROW)
		return store_fail(st, err, x, "reading sessions");
	if(now - out->last_seen > lim->idle || now - out->created > lim->absolute) {
		rc = delete_hash(st, h, err);
		return rc ? rc : pl_failc(err, PL_ENOTFOUND, "auth.expired", NULL);
	}
	pl_err e = {0};
	if(auth_user_get_id(st, user_id, &out->u, &e) || out->u.disabled)
		return pl_failc(err, PL_ENOTFOUND, "auth.no_session", NULL);
	/* Noted now and then, not on every request: often enough to measure
	 * idleness to a tenth of the idle limit. */
	int64_t every = lim->idle / 10 < TOUCH_EVERY ? lim->idle / 10 : TOUCH_EVERY;
	/* Only a note: while another writer works (a long import) it waits
	 * for the next request rather than holding this one. */
	if(now - out->last_seen >= every) {
		if((rc = store_stmt(st, "UPDATE session SET last_seen = ? WHERE token_hash = ?", &s, err)))
			return rc;
		sqlite3_bind_int64(s, 1, now);
		sqlite3_bind_blob(s, 2, h, AUTH_HASH_SIZE, SQLITE_STATIC);
		if(store_try_step(st, s))
			out->last_seen = now;
	}
	return PL_OK;
}

pl_rc auth_sessions_prune(store *st, int64_t now, const session_limits *lim, pl_err *err)
{
	sqlite3_stmt *s;
	pl_rc rc = store_stmt(st, "DELETE FROM session WHERE last_seen < ? OR created < ?", &s, err);
	if(rc)
		return rc;
	sqlite3_bind_int64(s, 1, now - lim->idle);
	sqlite3_bind_int64(s, 2, now - lim->absolute);
	return auth_step_done(st, s, "removing expired sessions", err);
}

pl_rc auth_session_end(store *st, const char *token, pl_err *err)
{
	if(!auth_token_shape(token, TOKEN_LEN))
		return PL_OK;
	unsigned char h[AUTH_HASH_SIZE];
	auth_token_hash(token, h);
	return delete_hash(st, h, err);
}

/* ---- API tokens -------------------------------------------------------- */

pl_rc auth_token_make(store *st, const user *u, const token_spec *spec, const char *actor,
                      char token[API_TOKEN_LEN + 1], int64_t *id, char expires_at[32], pl_err *err)
{
	const char *name = spec->name;
	size_t n = strlen(name);
	if(n == 0 || n > 64)
		return pl_failc(err, PL_EINPUT, "auth.token_name", NULL);
	for(size_t i = 0; i < n; i++)
		if((unsigned char)name[i] < 0x20)
			return pl_failc(err, PL_EINPUT, "auth.token_line", NULL);
	int days = spec->days ? spec->days : TOKEN_DAYS_DEFAULT;
	if(days < 1 || days > TOKEN_DAYS_MAX)
		return pl_failc(err, PL_EINPUT, "auth.token_days", "max", PL_N(TOKEN_DAYS_MAX), NULL);
	memcpy(token, "pt_", 3);
	auth_random_token(token + 3);
	unsigned char h[AUTH_HASH_SIZE];
	auth_token_hash(token, h);
	char now[TIMESTAMP_STR_MAX];
	date_now_iso(now);
	pl_rc rc = store_begin(st, err);
	if(rc)
		return rc;
	sqlite3_stmt *s;
	if(!(rc = store_stmt(st, "INSERT INTO api_token(token_hash, user_id, name, created_at,"
	                         " expires_at, read_only) VALUES (?1,?2,?3,?4,"
	                         " strftime('%Y-%m-%dT%H:%M:%fZ', ?4, '+' || ?5 || ' days'), ?6)"
	                         " RETURNING id, expires_at", &s, err))) {
		sqlite3_bind_blob(s, 1, h, AUTH_HASH_SIZE, SQLITE_STATIC);
		sqlite3_bind_int64(s, 2, u->id);
		sqlite3_bind_text(s, 3, name, -1, SQLITE_STATIC);
		sqlite3_bind_text(s, 4, now, -1, SQLITE_STATIC);
		sqlite3_bind_int(s, 5, days);
		sqlite3_bind_int(s, 6, spec->read_only);
		int x = sqlite3_step(s);
		if(x == SQLITE_ROW) {
			*id = sqlite3_column_int64(s, 0);
			if(expires_at)
				snprintf(expires_at, 32, "%s", store_column_text(s, 1));
			x = sqlite3_step(s);
		}
		sqlite3_reset(s);
		if(x != SQLITE_DONE)
			rc = store_fail(st, err, x, "creating a token");
	}
	if(!rc) {
		char after[240];
		snprintf(after, sizeof(after), "{\"token\":%lld,\"name\":\"%s\",\"days\":%d,\"read_only\":%s}",
		         (long long)*id, strchr(name, '"') || strchr(name, '\\') ? "(named)" : name, days,
		         spec->read_only ? "true" : "false");
		rc = audit_append(st, actor, "token", "user", u->name, NULL, after, err);
	}
	return store_end(st, rc, err);
}

pl_rc auth_token_create(store *st, const user *u, const char *name, const char *actor,
                        char token[API_TOKEN_LEN + 1], int64_t *id, pl_err *err)
{
	return auth_token_make(st, u, &(token_spec){.name = name}, actor, token, id, NULL, err);
}

pl_rc auth_token_check(store *st, const char *token, int64_t now, user *out, bool *read_only,
                       pl_err *err)
{
	if(strncmp(token, "pt_", 3) || !auth_token_shape(token + 3, TOKEN_LEN))
		return pl_failc(err, PL_ENOTFOUND, "auth.no_token", NULL);
	unsigned char h[AUTH_HASH_SIZE];
	auth_token_hash(token, h);
	sqlite3_stmt *s;
	/* Times are ISO 8601 text of one width, so they compare as text. */
	pl_rc rc = store_stmt(st, "SELECT id, user_id, read_only,"
	                          " coalesce(expires_at > strftime('%Y-%m-%dT%H:%M:%fZ', ?2, 'unixepoch'), 0),"
	                          " last_used IS NULL OR last_used <"
	                          " strftime('%Y-%m-%dT%H:%M:%fZ', ?2 - ?3, 'unixepoch')"
	                          " FROM api_token WHERE token_hash = ?1 AND revoked_at IS NULL", &s, err);
	if(rc)
		return rc;
	sqlite3_bind_blob(s, 1, h, AUTH_HASH_SIZE, SQLITE_STATIC);
	sqlite3_bind_int64(s, 2, now);
	sqlite3_bind_int(s, 3, TOUCH_EVERY);
	int x = sqlite3_step(s);
	int64_t id = 0, user_id = 0;
	bool ro = true, live = false, stale = false;
	if(x == SQLITE_ROW) {
		id = sqlite3_column_int64(s, 0);
		user_id = sqlite3_column_int64(s, 1);
		ro = sqlite3_column_int(s, 2) != 0;
		live = sqlite3_column_int(s, 3) != 0;
		stale = sqlite3_column_int(s, 4) != 0;
	}
	sqlite3_reset(s);
	if(x == SQLITE_DONE)
		return pl_failc(err, PL_ENOTFOUND, "auth.no_token", NULL);
	if(x != SQLITE_ROW)
		return store_fail(st, err, x, "reading tokens");
	if(!live)
		return pl_failc(err, PL_ENOTFOUND, "auth.token_expired", NULL);
	pl_err e = {0};
	if(auth_user_get_id(st, user_id, out, &e) || out->disabled)
		return pl_failc(err, PL_ENOTFOUND, "auth.no_token", NULL);
	/* Noted at most once a minute: a write per request would cost more
	 * than the request. Only a note: when another writer works (a long
	 * import) it is left for a later request, which does not wait for it. */
	if(stale && !store_stmt(st, "UPDATE api_token SET last_used ="
	                            " strftime('%Y-%m-%dT%H:%M:%fZ', ?1, 'unixepoch') WHERE id = ?2", &s, &e)) {
		sqlite3_bind_int64(s, 1, now);
		sqlite3_bind_int64(s, 2, id);
		(void)store_try_step(st, s);
	}
	if(read_only)
		*read_only = ro;
	return PL_OK;
}

pl_rc auth_token_revoke(store *st, int64_t id, int64_t owner_id, const char *actor, pl_err *err)
{
	char now[TIMESTAMP_STR_MAX];
	date_now_iso(now);
	pl_rc rc = store_begin(st, err);
	if(rc)
		return rc;
	sqlite3_stmt *s;
	if(!(rc = store_stmt(st, "UPDATE api_token SET revoked_at = ? WHERE id = ?"
	                         " AND revoked_at IS NULL AND (?3 = 0 OR user_id = ?3)", &s, err))) {
		sqlite3_bind_text(s, 1, now, -1, SQLITE_STATIC);
		sqlite3_bind_int64(s, 2, id);
		sqlite3_bind_int64(s, 3, owner_id);
		rc = auth_step_done(st, s, "revoking a token", err);
	}
	if(!rc && sqlite3_changes(store_db(st)) == 0)
		rc = pl_failc(err, PL_ENOTFOUND, "auth.no_token_id", "id", PL_N(id), NULL);
	if(!rc) {
		char after[64];
		snprintf(after, sizeof(after), "{\"token\":%lld}", (long long)id);
		rc = audit_append(st, actor, "revoke", "token", NULL, NULL, after, err);
	}
	return store_end(st, rc, err);
}

pl_rc auth_token_list(store *st, int64_t user_id, auth_token_fn fn, void *ctx, pl_err *err)
{
	sqlite3_stmt *s;
	int x = sqlite3_prepare_v2(store_db(st), "SELECT t.id, t.name, t.created_at, t.revoked_at,"
	                           " t.last_used, u.name, t.expires_at, t.read_only FROM api_token t JOIN user u ON u.id = t.user_id"
	                           " WHERE ?1 = 0 OR t.user_id = ?1 ORDER BY t.id", -1, &s, NULL);
	if(x)
		return store_fail(st, err, x, "reading tokens");
	sqlite3_bind_int64(s, 1, user_id);
	pl_rc rc = PL_OK;
	while(!rc && (x = sqlite3_step(s)) == SQLITE_ROW) {
		api_token t = {.id = sqlite3_column_int64(s, 0)};
		const char *v;
		snprintf(t.name, sizeof(t.name), "%s", store_column_text(s, 1));
		snprintf(t.created_at, sizeof(t.created_at), "%s", store_column_text(s, 2));
		snprintf(t.revoked_at, sizeof(t.revoked_at), "%s", (v = store_column_text(s, 3)) ? v : "");
		snprintf(t.last_used, sizeof(t.last_used), "%s", (v = store_column_text(s, 4)) ? v : "");
		snprintf(t.user, sizeof(t.user), "%s", store_column_text(s, 5));
		snprintf(t.expires_at, sizeof(t.expires_at), "%s", (v = store_column_text(s, 6)) ? v : "");
		t.read_only = sqlite3_column_int(s, 7) != 0;
		rc = fn(ctx, &t);
	}
	sqlite3_finalize(s);
	if(!rc && x != SQLITE_DONE)
		rc = store_fail(st, err, x, "reading tokens");
	return rc;
}
