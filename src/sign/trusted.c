/* The trusted public keys (the signing_key table): trusting one (from a
 * key file too), finding one by its fingerprint, revoking it, listing
 * them, each change audited. */
#include <sodium.h>
#include <stdio.h>
#include <string.h>

#include "audit/audit.h"
#include "core/json.h"
#include "core/msg.h"
#include "sign/internal.h"

static pl_rc key_json(buf *out, const sign_key *k, const char *revoked_at, const char *reason)
{
	char pk[SIGN_PK_B64], fp[SIGN_FINGERPRINT_MAX];
	sodium_bin2base64(pk, sizeof(pk), k->pk, SIGN_PK_SIZE, sodium_base64_VARIANT_ORIGINAL);
	sign_fingerprint(k->pk, fp);
	json_writer w;
	json_open(&w, out);
	json_member_string(&w, "signer", k->signer);
	json_member_string(&w, "role", sign_role_name(k->role));
	json_member_string(&w, "public_key", pk);
	json_member_string(&w, "fingerprint", fp);
	if(revoked_at)
		json_member_string(&w, "revoked_at", revoked_at);
	if(reason)
		json_member_string(&w, "reason", reason);
	return json_close(&w);
}

static pl_rc audited(store *st, const char *actor, const char *action, const sign_key *k,
                     const char *before_revoked, const char *after_revoked, const char *reason,
                     pl_err *err)
{
	char fp[SIGN_FINGERPRINT_MAX];
	sign_fingerprint(k->pk, fp);
	buf b, a;
	buf_init(&b, 0);
	buf_init(&a, 0);
	bool before = !strcmp(action, "revoke");
	pl_rc rc = (before && key_json(&b, k, before_revoked, NULL)) || key_json(&a, k, after_revoked, reason)
	           ? pl_nomem(err)
	           : audit_append(st, actor, action, "signing_key", fp, before ? buf_str(&b) : NULL,
	                          buf_str(&a), err);
	buf_free(&b);
	buf_free(&a);
	return rc;
}

static pl_rc row_to_trusted(sqlite3_stmt *s, sign_trusted *t, pl_err *err)
{
	memset(t, 0, sizeof(*t));
	t->id = sqlite3_column_int64(s, 0);
	const char *signer = store_column_text(s, 1), *role = store_column_text(s, 2);
	const char *pk = store_column_text(s, 3), *added = store_column_text(s, 4);
	const char *revoked = store_column_text(s, 5);
	snprintf(t->key.signer, sizeof(t->key.signer), "%s", signer ? signer : "");
	if(!role || !sign_role_parse(role, &t->key.role) || !pk ||
	   !sign_b64_decode(pk, t->key.pk, SIGN_PK_SIZE))
		return pl_failc(err, PL_EINTEGRITY, "key.bad_row", "id", PL_N(t->id), NULL);
	sign_fingerprint(t->key.pk, t->fingerprint);
	snprintf(t->added_at, sizeof(t->added_at), "%s", added ? added : "");
	snprintf(t->revoked_at, sizeof(t->revoked_at), "%s", revoked ? revoked : "");
	t->key.revoked = revoked != NULL;
	t->held = sqlite3_column_int(s, 6) != 0;
	return PL_OK;
}

#define KEY_COLUMNS "id, signer, role, public_key, added_at, revoked_at," \
	" EXISTS (SELECT 1 FROM signing_secret WHERE key_id = signing_key.id)"

pl_rc sign_keys_each(store *st, bool with_revoked, sign_trusted_fn fn, void *ctx, pl_err *err)
{
	static const char all[] = "SELECT " KEY_COLUMNS " FROM signing_key ORDER BY id";
	static const char live[] = "SELECT " KEY_COLUMNS " FROM signing_key WHERE revoked_at IS NULL"
	                           " ORDER BY id";
	sqlite3_stmt *s = NULL;
	pl_rc rc = store_stmt(st, with_revoked ? all : live, &s, err);
	int x = SQLITE_DONE;
	while(!rc && (x = sqlite3_step(s)) == SQLITE_ROW) {
		sign_trusted t;
		rc = row_to_trusted(s, &t, err);
		if(!rc)
			rc = fn(ctx, &t);
	}
	if(!rc && x != SQLITE_DONE)
		rc = store_fail(st, err, x, "reading the signing keys");
	if(s)
		sqlite3_reset(s);
	return rc;
}

typedef struct key_list {
	arena *a;
	sign_key *keys;
	size_t n, cap;
} key_list;

static pl_rc collect_key(void *ctx, const sign_trusted *t)
{
	key_list *l = ctx;
	if(l->n == l->cap) {
		size_t cap = l->cap ? l->cap * 2 : 8;
		sign_key *keys = arena_alloc(l->a, cap * sizeof(sign_key));
		if(!keys)
			return PL_ENOMEM;
		if(l->n)
			memcpy(keys, l->keys, l->n * sizeof(sign_key));
		l->keys = keys;
		l->cap = cap;
	}
	l->keys[l->n++] = t->key;
	return PL_OK;
}

pl_rc sign_keys_trusted(store *st, arena *a, bool with_revoked, sign_key **out, size_t *n, pl_err *err)
{
	key_list l = {a, NULL, 0, 0};
	pl_rc rc = sign_keys_each(st, with_revoked, collect_key, &l, err);
	if(rc == PL_ENOMEM)
		return pl_nomem(err);
	*out = l.keys;
	*n = l.n;
	return rc;
}

/* The row holding this public key, if any: PL_ENOTFOUND when none. */
static pl_rc find_key(store *st, const unsigned char pk[SIGN_PK_SIZE], sign_trusted *t, pl_err *err)
{
	char b64[SIGN_PK_B64];
	sodium_bin2base64(b64, sizeof(b64), pk, SIGN_PK_SIZE, sodium_base64_VARIANT_ORIGINAL);
	sqlite3_stmt *s;
	pl_rc rc = store_stmt(st, "SELECT " KEY_COLUMNS " FROM signing_key WHERE public_key = ?", &s, err);
	if(rc)
		return rc;
	sqlite3_bind_text(s, 1, b64, -1, SQLITE_TRANSIENT);
	int x = sqlite3_step(s);
	if(x == SQLITE_ROW)
		rc = row_to_trusted(s, t, err);
	else
		rc = x == SQLITE_DONE ? PL_ENOTFOUND : store_fail(st, err, x, "reading the signing keys");
	sqlite3_reset(s);
	return rc;
}

static pl_rc insert_key(store *st, const sign_key *k, pl_err *err)
{
	char b64[SIGN_PK_B64], now[TIMESTAMP_STR_MAX];
	sodium_bin2base64(b64, sizeof(b64), k->pk, SIGN_PK_SIZE, sodium_base64_VARIANT_ORIGINAL);
	date_now_iso(now);
	sqlite3_stmt *s;
	pl_rc rc = store_stmt(st, "INSERT INTO signing_key(signer, role, public_key, added_at)"
	                          " VALUES (?,?,?,?)", &s, err);
	if(rc)
		return rc;
	sqlite3_bind_text(s, 1, k->signer, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(s, 2, sign_role_name(k->role), -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 3, b64, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(s, 4, now, -1, SQLITE_TRANSIENT);
	int x = sqlite3_step(s);
	sqlite3_reset(s);
	return x == SQLITE_DONE ? PL_OK : store_fail(st, err, x, "adding a signing key");
}

/* What trusting k again would mean, given the row that has its key. */
static pl_rc already_there(const sign_trusted *t, const sign_key *k, pl_err *err)
{
	if(t->revoked_at[0])
		return pl_failc(err, PL_ECONFLICT, "sign.revoked_never_trusted", "key", t->fingerprint, "role",
		                sign_role_name(t->key.role), "signer", t->key.signer, "date", t->revoked_at, NULL);
	if(strcmp(t->key.signer, k->signer) || t->key.role != k->role)
		return pl_failc(err, PL_ECONFLICT, "sign.trusted_as_other", "key", t->fingerprint, "role",
		                sign_role_name(t->key.role), "signer", t->key.signer, "new_role",
		                sign_role_name(k->role), "new_signer", k->signer, NULL);
	return PL_OK;
}

pl_rc sign_key_trust(store *st, const sign_key *k, const char *actor, bool *added, pl_err *err)
{
	if(added)
		*added = false;
	const char *why = sign_signer_invalid(k->signer, k->role);
	if(why)
		return pl_failc(err, PL_EINPUT, "sign.bad_signer", "signer", k->signer, "why", why, NULL);
	pl_rc rc = store_begin(st, err);
	if(rc)
		return rc;
	sign_trusted t;
	rc = find_key(st, k->pk, &t, err);
	if(!rc) {
		rc = already_there(&t, k, err);
	} else if(rc == PL_ENOTFOUND) {
		rc = insert_key(st, k, err);
		if(!rc)
			rc = audited(st, actor, "trust", k, NULL, NULL, NULL, err);
		if(!rc && added)
			*added = true;
	}
	return store_end(st, rc, err);
}

typedef struct fp_search {
	char fp[SIGN_FINGERPRINT_MAX];
	sign_trusted found;
	int n;
} fp_search;

static pl_rc match_fingerprint(void *ctx, const sign_trusted *t)
{
	fp_search *f = ctx;
	if(strcmp(t->fingerprint, f->fp))
		return PL_OK;
	/* A live key wins over a revoked one of the same fingerprint. */
	if(!f->n++ || !t->revoked_at[0])
		f->found = *t;
	return PL_OK;
}

pl_rc sign_key_find(store *st, const char *fingerprint, sign_trusted *out, pl_err *err)
{
	fp_search f = {0};
	char cut[41];
	snprintf(cut, sizeof(cut), "%s", fingerprint);
	if(!sign_fingerprint_parse(fingerprint, f.fp))
		return pl_failc(err, PL_EINPUT, "sign.bad_fingerprint", "key", cut, NULL);
	pl_rc rc = sign_keys_each(st, true, match_fingerprint, &f, err);
	if(!rc && !f.n)
		rc = pl_failc(err, PL_ENOTFOUND, "sign.no_fingerprint", "key", f.fp, NULL);
	if(!rc)
		*out = f.found;
	return rc;
}

/* The key's row marked revoked, and its sealed secret (if held here)
 * erased: nobody signs with it again, whatever passphrase they know. */
static pl_rc mark_revoked(store *st, sign_trusted *t, pl_err *err)
{
	date_now_iso(t->revoked_at);
	sqlite3_stmt *s, *d;
	pl_rc rc = store_stmt(st, "UPDATE signing_key SET revoked_at = ? WHERE id = ?", &s, err);
	rc = rc ? rc : store_stmt(st, "DELETE FROM signing_secret WHERE key_id = ?", &d, err);
	if(rc)
		return rc;
	sqlite3_bind_text(s, 1, t->revoked_at, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(s, 2, t->id);
	int x = sqlite3_step(s);
	sqlite3_reset(s);
	sqlite3_bind_int64(d, 1, t->id);
	int y = x == SQLITE_DONE ? sqlite3_step(d) : x;
	sqlite3_reset(d);
	t->held = false;
	return y == SQLITE_DONE ? PL_OK : store_fail(st, err, y, "revoking a signing key");
}

pl_rc sign_key_revoke(store *st, const char *fingerprint, const char *reason, const char *actor,
                      sign_trusted *out, pl_err *err)
{
	sign_trusted t;
	pl_rc rc = store_begin(st, err);
	if(rc)
		return rc;
	rc = sign_key_find(st, fingerprint, &t, err);
	if(!rc && t.revoked_at[0])
		rc = pl_failc(err, PL_ECONFLICT, "sign.already_revoked", "key", t.fingerprint, "role",
		              sign_role_name(t.key.role), "signer", t.key.signer, "date", t.revoked_at, NULL);
	if(!rc)
		rc = mark_revoked(st, &t, err);
	if(!rc)
		rc = audited(st, actor, "revoke", &t.key, NULL, t.revoked_at, reason, err);
	if(!rc && out)
		*out = t;
	return store_end(st, rc, err);
}

pl_rc sign_key_import(store *st, const char *path, const char *name, const char *actor,
                      sign_key *out, bool *added, pl_err *err)
{
	sign_key k;
	pl_rc rc = sign_key_load(path, &k, err);
	if(rc && err && err->code && !err->body) {
		/* The message names the path read; an upload's is a temporary one:
		 * said again with the name given. */
		for(int i = 0; i < err->nargs; i++)
			if(!strcmp(err->arg[i].value, path))
				snprintf(err->arg[i].value, sizeof(err->arg[i].value), "%s", name);
		const char *tmpl = msg_template(LANG_EN, err->code);
		msg_fill(LANG_EN, tmpl ? tmpl : err->code, err->arg, err->nargs, err->msg, sizeof(err->msg));
		return rc;
	}
	if(rc) {
		/* The same in a message without a code. */
		char msg[PL_ERR_MSG_MAX] = "";
		size_t n = 0, plen = strlen(path);
		for(const char *p = err->msg; *p && n + 1 < sizeof(msg);) {
			bool at = plen && strcmp(path, name) && !strncmp(p, path, plen);
			const char *piece = at ? name : p;
			size_t len = at ? strlen(name) : 1;
			if(n + len >= sizeof(msg))
				break;
			memcpy(msg + n, piece, len);
			n += len;
			p += at ? plen : 1;
		}
		msg[n] = '\0';
		return pl_fail(err, rc, "%s", msg);
	}
	if(k.has_secret) {
		sign_key_wipe(&k);
		return pl_failc(err, PL_EINPUT, "sign.secret_file", "file", name, NULL);
	}
	rc = sign_key_trust(st, &k, actor, added, err);
	if(!rc && out)
		*out = k;
	return rc;
}
