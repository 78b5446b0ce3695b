/* A second factor: TOTP (RFC 6238: HMAC-SHA1 of the 30-second time step,
 * 6 digits) and single-use recovery codes. libsodium has no HMAC-SHA1, so
 * nettle computes it. Codes are compared in constant time; a time step is
 * taken once (last_step), so a code seen over a shoulder is no use after. */
#include <ctype.h>
#include <nettle/hmac.h>
#include <sodium.h>
#include <stdio.h>
#include <string.h>

#include "audit/audit.h"
#include "auth/auth.h"
#include "auth/internal.h"
#include "core/date.h"

uint32_t auth_hotp(const unsigned char *key, size_t len, uint64_t counter, int digits)
{
	unsigned char msg[8], mac[SHA1_DIGEST_SIZE];
	for(int i = 7; i >= 0; i--, counter >>= 8)
		msg[i] = (unsigned char)(counter & 0xff);
	struct hmac_sha1_ctx ctx;
	hmac_sha1_set_key(&ctx, len, key);
	hmac_sha1_update(&ctx, sizeof(msg), msg);
	hmac_sha1_digest(&ctx, sizeof(mac), mac);
	/* RFC 4226 5.3: four bytes from where the last nibble says, 31 bits. */
	int off = mac[SHA1_DIGEST_SIZE - 1] & 0x0f;
	uint32_t bin = (uint32_t)(mac[off] & 0x7f) << 24 | (uint32_t)mac[off + 1] << 16 |
	               (uint32_t)mac[off + 2] << 8 | (uint32_t)mac[off + 3];
	uint32_t mod = 1;
	for(int i = 0; i < digits; i++)
		mod *= 10;
	sodium_memzero(&ctx, sizeof(ctx));
	sodium_memzero(mac, sizeof(mac));
	return bin % mod;
}

void auth_base32(const unsigned char *in, size_t n, char *out, size_t size)
{
	static const char abc[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
	size_t o = 0;
	unsigned acc = 0;
	int bits = 0;
	for(size_t i = 0; i < n && o + 1 < size; i++) {
		acc = (acc << 8 | in[i]) & 0xfff; /* at most 12 bits are ever waiting */
		bits += 8;
		for(; bits >= 5 && o + 1 < size; bits -= 5)
			out[o++] = abc[(acc >> (bits - 5)) & 31];
	}
	if(bits > 0 && o + 1 < size)
		out[o++] = abc[(acc << (5 - bits)) & 31];
	out[o] = '\0';
}

/* otpauth://totp/parley:NAME?secret=...&issuer=parley (the key URI format
 * the authenticator apps read); the label percent-escaped. */
static void totp_uri(const char *name, const char *b32, char *out, size_t size)
{
	char label[3 * USER_NAME_MAX + 1];
	size_t o = 0;
	for(const unsigned char *p = (const unsigned char *)name; *p && o + 4 < sizeof(label); p++) {
		if(isalnum(*p) || *p == '.' || *p == '-' || *p == '_' || *p == '~')
			label[o++] = (char)*p;
		else
			o += (size_t)snprintf(label + o, 4, "%%%02X", *p);
	}
	label[o] = '\0';
	snprintf(out, size,
	         "otpauth://totp/parley:%s?secret=%s&issuer=parley&algorithm=SHA1&digits=%d&period=%d", label,
	         b32, TOTP_DIGITS, TOTP_PERIOD);
}

/* ---- the secret's row ------------------------------------------------ */

typedef struct totp_row {
	bool found, confirmed;
	unsigned char secret[TOTP_SECRET_LEN];
	int64_t last_step;
	char confirmed_at[32];
} totp_row;

static pl_rc read_row(store *st, int64_t user_id, totp_row *out, pl_err *err)
{
	sqlite3_stmt *s;
	pl_rc rc = store_stmt(st, "SELECT secret, confirmed_at, last_step FROM user_totp WHERE user_id = ?",
	                      &s, err);
	if(rc)
		return rc;
	memset(out, 0, sizeof(*out));
	sqlite3_bind_int64(s, 1, user_id);
	int x = sqlite3_step(s);
	if(x == SQLITE_ROW && sqlite3_column_bytes(s, 0) == TOTP_SECRET_LEN) {
		out->found = true;
		memcpy(out->secret, sqlite3_column_blob(s, 0), TOTP_SECRET_LEN);
		const char *at = store_column_text(s, 1);
		out->confirmed = at != NULL;
		snprintf(out->confirmed_at, sizeof(out->confirmed_at), "%s", at ? at : "");
		out->last_step = sqlite3_column_int64(s, 2);
	}
	sqlite3_reset(s);
	return x == SQLITE_ROW || x == SQLITE_DONE ? PL_OK : store_fail(st, err, x, "reading a second factor");
}

static bool six_digits(const char *code)
{
	for(int i = 0; i < TOTP_DIGITS; i++)
		if(code[i] < '0' || code[i] > '9')
			return false;
	return code[TOTP_DIGITS] == '\0';
}

/* The time step whose code `code` is, among now's and its two neighbours
 * (clocks drift), and after `last`; 0 if none. All three are computed and
 * compared, so the time says nothing of which matched. */
static int64_t code_step(const totp_row *r, const char *code, int64_t now)
{
	if(!six_digits(code))
		return 0;
	int64_t t = now / TOTP_PERIOD, found = 0;
	for(int64_t d = -1; d <= 1; d++) {
		char want[16];
		snprintf(want, sizeof(want), "%06u",
		         (unsigned)auth_hotp(r->secret, TOTP_SECRET_LEN, (uint64_t)(t + d), TOTP_DIGITS));
		if(sodium_memcmp(want, code, TOTP_DIGITS) == 0 && t + d > r->last_step)
			found = t + d;
	}
	return found;
}

static pl_rc wrong_code(pl_err *err)
{
	return pl_failc(err, PL_EINPUT, "auth.wrong_code", NULL);
}

/* Take time step `step`: refused when another request took it (or a later
 * one) first. */
static pl_rc take_step(store *st, int64_t user_id, int64_t step, const char *confirmed_at, pl_err *err)
{
	sqlite3_stmt *s;
	pl_rc rc = store_stmt(st, "UPDATE user_totp SET last_step = ?1,"
	                          " confirmed_at = coalesce(confirmed_at, ?3)"
	                          " WHERE user_id = ?2 AND last_step < ?1", &s, err);
	if(rc)
		return rc;
	sqlite3_bind_int64(s, 1, step);
	sqlite3_bind_int64(s, 2, user_id);
	store_bind_text(s, 3, confirmed_at);
	if((rc = auth_step_done(st, s, "taking a code", err)))
		return rc;
	return sqlite3_changes(store_db(st)) ? PL_OK : wrong_code(err);
}

/* ---- recovery codes ---------------------------------------------------- */

/* 32 signs, none to mistake for another (no 0, O, 1, I). */
static const char recovery_abc[] = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ";
enum { RECOVERY_SIGNS = 12 };

/* A code as typed (any case, dashes and blanks anywhere) into its 12
 * signs; false if it is not one. */
static bool recovery_norm(const char *code, char out[RECOVERY_SIGNS + 1])
{
	int n = 0;
	for(const char *p = code; *p; p++) {
		if(*p == '-' || *p == ' ')
			continue;
		char c = (char)toupper((unsigned char)*p);
		if(n == RECOVERY_SIGNS || !strchr(recovery_abc, c))
			return false;
		out[n++] = c;
	}
	out[n] = '\0';
	return n == RECOVERY_SIGNS;
}

/* Hashed with the user's id: the same code of two users hashes apart. */
static void recovery_hash(int64_t user_id, const char *norm, unsigned char out[AUTH_HASH_SIZE])
{
	char text[48];
	snprintf(text, sizeof(text), "%lld:%s", (long long)user_id, norm);
	auth_token_hash(text, out);
	sodium_memzero(text, sizeof(text));
}

/* A new set, replacing the old (inside the caller's transaction). */
static pl_rc recovery_make(store *st, int64_t user_id, recovery_codes out, pl_err *err)
{
	sqlite3_stmt *s;
	pl_rc rc = store_stmt(st, "DELETE FROM recovery_code WHERE user_id = ?", &s, err);
	if(rc)
		return rc;
	sqlite3_bind_int64(s, 1, user_id);
	if((rc = auth_step_done(st, s, "replacing recovery codes", err)))
		return rc;
	char now[TIMESTAMP_STR_MAX];
	date_now_iso(now);
	for(int i = 0; !rc && i < RECOVERY_CODES; i++) {
		char norm[RECOVERY_SIGNS + 1];
		for(int k = 0; k < RECOVERY_SIGNS; k++)
			norm[k] = recovery_abc[randombytes_uniform(32)];
		norm[RECOVERY_SIGNS] = '\0';
		snprintf(out[i], RECOVERY_LEN + 1, "%.4s-%.4s-%.4s", norm, norm + 4, norm + 8);
		unsigned char h[AUTH_HASH_SIZE];
		recovery_hash(user_id, norm, h);
		sodium_memzero(norm, sizeof(norm));
		if((rc = store_stmt(st, "INSERT INTO recovery_code(user_id, code_hash, created_at)"
		                        " VALUES (?,?,?)", &s, err)))
			break;
		sqlite3_bind_int64(s, 1, user_id);
		sqlite3_bind_blob(s, 2, h, AUTH_HASH_SIZE, SQLITE_TRANSIENT);
		sqlite3_bind_text(s, 3, now, -1, SQLITE_STATIC);
		rc = auth_step_done(st, s, "storing recovery codes", err);
	}
	return rc;
}

/* Use up the unused code `norm` of the user, compared with every unused
 * one in constant time; wrong_code if none is it. Audited with how many
 * are left (never the code). */
static pl_rc recovery_use(store *st, const user *u, const char *norm, pl_err *err)
{
	unsigned char h[AUTH_HASH_SIZE];
	recovery_hash(u->id, norm, h);
	sqlite3_stmt *s;
	pl_rc rc = store_stmt(st, "SELECT id, code_hash FROM recovery_code WHERE user_id = ?"
	                          " AND used_at IS NULL", &s, err);
	if(rc)
		return rc;
	sqlite3_bind_int64(s, 1, u->id);
	int64_t hit = 0, left = 0;
	int x;
	while((x = sqlite3_step(s)) == SQLITE_ROW) {
		left++;
		if(sqlite3_column_bytes(s, 1) == AUTH_HASH_SIZE &&
		   sodium_memcmp(sqlite3_column_blob(s, 1), h, AUTH_HASH_SIZE) == 0)
			hit = sqlite3_column_int64(s, 0);
	}
	sqlite3_reset(s);
	if(x != SQLITE_DONE)
		return store_fail(st, err, x, "reading recovery codes");
	if(!hit)
		return wrong_code(err);
	char now[TIMESTAMP_STR_MAX], after[64];
	date_now_iso(now);
	if((rc = store_stmt(st, "UPDATE recovery_code SET used_at = ? WHERE id = ?", &s, err)))
		return rc;
	sqlite3_bind_text(s, 1, now, -1, SQLITE_STATIC);
	sqlite3_bind_int64(s, 2, hit);
	if((rc = auth_step_done(st, s, "using a recovery code", err)))
		return rc;
	snprintf(after, sizeof(after), "{\"left\":%lld}", (long long)(left - 1));
	return audit_append(st, u->name, "recovery_code_used", "user", u->name, NULL, after, err);
}

/* A current code, or an unused recovery code, of the factor in force;
 * used up (inside the caller's transaction). */
static pl_rc check_in(store *st, const user *u, const char *code, int64_t now, pl_err *err)
{
	totp_row r;
	pl_rc rc = read_row(st, u->id, &r, err);
	if(rc)
		return rc;
	if(!r.confirmed)
		return pl_failc(err, PL_ENOTFOUND, "auth.no_totp", "user", u->name, NULL);
	char norm[RECOVERY_SIGNS + 1];
	int64_t step = code_step(&r, code, now);
	sodium_memzero(&r.secret, sizeof(r.secret));
	if(step)
		return take_step(st, u->id, step, NULL, err);
	if(recovery_norm(code, norm))
		rc = recovery_use(st, u, norm, err);
	else
		rc = wrong_code(err);
	sodium_memzero(norm, sizeof(norm));
	return rc;
}

/* ---- the contract ------------------------------------------------------ */

pl_rc auth_totp_status(store *st, const user *u, totp_status *out, pl_err *err)
{
	memset(out, 0, sizeof(*out));
	totp_row r;
	pl_rc rc = read_row(st, u->id, &r, err);
	if(rc)
		return rc;
	sodium_memzero(&r.secret, sizeof(r.secret));
	out->enrolled = r.confirmed;
	out->pending = r.found && !r.confirmed;
	snprintf(out->confirmed_at, sizeof(out->confirmed_at), "%s", r.confirmed_at);
	role_set need;
	if((rc = auth_second_factor_roles(st, &need, err)))
		return rc;
	out->required = (u->roles & need) != 0;
	sqlite3_stmt *s;
	if((rc = store_stmt(st, "SELECT count(*) FROM recovery_code WHERE user_id = ? AND used_at IS NULL",
	                    &s, err)))
		return rc;
	sqlite3_bind_int64(s, 1, u->id);
	int x = sqlite3_step(s);
	if(x == SQLITE_ROW)
		out->recovery_left = sqlite3_column_int(s, 0);
	sqlite3_reset(s);
	return x == SQLITE_ROW ? PL_OK : store_fail(st, err, x, "counting recovery codes");
}

pl_rc auth_totp_begin(store *st, const user *u, totp_secret *out, pl_err *err)
{
	unsigned char secret[TOTP_SECRET_LEN];
	randombytes_buf(secret, sizeof(secret));
	char now[TIMESTAMP_STR_MAX];
	date_now_iso(now);
	pl_rc rc = store_begin(st, err);
	if(rc)
		return rc;
	sqlite3_stmt *s;
	/* A pending secret is replaced; one in force is not touched. */
	if(!(rc = store_stmt(st, "INSERT INTO user_totp(user_id, secret, created_at) VALUES (?,?,?)"
	                         " ON CONFLICT(user_id) DO UPDATE SET secret = excluded.secret,"
	                         " created_at = excluded.created_at, last_step = 0"
	                         " WHERE confirmed_at IS NULL", &s, err))) {
		sqlite3_bind_int64(s, 1, u->id);
		sqlite3_bind_blob(s, 2, secret, sizeof(secret), SQLITE_STATIC);
		sqlite3_bind_text(s, 3, now, -1, SQLITE_STATIC);
		rc = auth_step_done(st, s, "beginning a second factor", err);
	}
	if(!rc && !sqlite3_changes(store_db(st)))
		rc = pl_failc(err, PL_ECONFLICT, "auth.totp_in_force", "user", u->name, NULL);
	if(!rc) {
		auth_base32(secret, sizeof(secret), out->base32, sizeof(out->base32));
		totp_uri(u->name, out->base32, out->uri, sizeof(out->uri));
	}
	sodium_memzero(secret, sizeof(secret));
	return store_end(st, rc, err);
}

pl_rc auth_totp_confirm(store *st, const user *u, const char *code, int64_t now, recovery_codes out,
                        pl_err *err)
{
	totp_row r;
	pl_rc rc = store_begin(st, err);
	if(rc || (rc = read_row(st, u->id, &r, err)))
		return store_end(st, rc, err);
	if(r.confirmed)
		rc = pl_failc(err, PL_ECONFLICT, "auth.totp_in_force", "user", u->name, NULL);
	else if(!r.found)
		rc = pl_failc(err, PL_ENOTFOUND, "auth.no_totp_pending", NULL);
	int64_t step = rc ? 0 : code_step(&r, code, now);
	sodium_memzero(&r.secret, sizeof(r.secret));
	if(!rc && !step)
		rc = wrong_code(err);
	char at[TIMESTAMP_STR_MAX];
	date_now_iso(at);
	if(!rc)
		rc = take_step(st, u->id, step, at, err);
	if(!rc)
		rc = recovery_make(st, u->id, out, err);
	if(!rc)
		rc = audit_append(st, u->name, "totp_enrol", "user", u->name, NULL, NULL, err);
	return store_end(st, rc, err);
}

pl_rc auth_totp_check(store *st, const user *u, const char *code, int64_t now, pl_err *err)
{
	pl_rc rc = store_begin(st, err);
	if(rc)
		return rc;
	return store_end(st, check_in(st, u, code, now, err), err);
}

/* Forget the user's factor and recovery codes (inside the caller's
 * transaction); *had: whether there was one. */
static pl_rc forget(store *st, int64_t user_id, bool *had, pl_err *err)
{
	static const char *const sql[] = {
		"DELETE FROM user_totp WHERE user_id = ?",
		"DELETE FROM recovery_code WHERE user_id = ?",
	};
	pl_rc rc = PL_OK;
	for(size_t i = 0; !rc && i < sizeof(sql) / sizeof(sql[0]); i++) {
		sqlite3_stmt *s;
		if((rc = store_stmt(st, sql[i], &s, err)))
			break;
		sqlite3_bind_int64(s, 1, user_id);
		rc = auth_step_done(st, s, "removing a second factor", err);
		if(!rc && i == 0)
			*had = sqlite3_changes(store_db(st)) > 0;
	}
	return rc;
}

pl_rc auth_totp_disable(store *st, const user *u, const char *password, const char *code, int64_t now,
                        pl_err *err)
{
	user again;
	pl_rc rc = auth_login(st, u->name, password, &again, err);
	if(rc)
		return rc;
	role_set need;
	bool had;
	if((rc = store_begin(st, err)))
		return rc;
	if(!(rc = auth_second_factor_roles(st, &need, err)) && (u->roles & need))
		rc = pl_failc(err, PL_ECONFLICT, "auth.totp_required", NULL);
	if(!rc)
		rc = check_in(st, u, code, now, err);
	if(!rc)
		rc = forget(st, u->id, &had, err);
	if(!rc)
		rc = audit_append(st, u->name, "totp_disable", "user", u->name, NULL, NULL, err);
	return store_end(st, rc, err);
}

pl_rc auth_recovery_renew(store *st, const user *u, const char *code, int64_t now, recovery_codes out,
                          pl_err *err)
{
	pl_rc rc = store_begin(st, err);
	if(rc)
		return rc;
	if(!(rc = check_in(st, u, code, now, err)) && !(rc = recovery_make(st, u->id, out, err)))
		rc = audit_append(st, u->name, "recovery_codes", "user", u->name, NULL, NULL, err);
	return store_end(st, rc, err);
}

pl_rc auth_totp_reset(store *st, const char *name, const char *actor, pl_err *err)
{
	user u;
	bool had = false;
	pl_rc rc = store_begin(st, err);
	if(rc)
		return rc;
	if(!(rc = auth_user_get(st, name, &u, err)) && !(rc = forget(st, u.id, &had, err)) && !had)
		rc = pl_failc(err, PL_ENOTFOUND, "auth.no_totp", "user", name, NULL);
	/* The lost phone may have been lost with a signed-in browser. */
	if(!rc)
		rc = auth_end_sessions(st, u.id, err);
	if(!rc)
		rc = audit_append(st, actor, "totp_reset", "user", name, NULL, NULL, err);
	return store_end(st, rc, err);
}
