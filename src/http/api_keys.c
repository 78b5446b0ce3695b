/* Signing keys over the API, and signing in the browser: the keys this
 * office trusts and the one it holds sealed (sign/sign.h), its public key
 * file to download, others' imported, keys revoked with a reason; a
 * stage's manifest signed with the office's key opened by its passphrase
 * (accord/manifest.h). Wrong passphrases are counted per user and for the
 * office as failed sign-ins are (GROUP_SIGNING): the sealed key is as
 * worth guessing as a password. Passphrases are wiped from the request
 * once read, and never logged. */
#include <sodium.h>
#include <string.h>
#include <time.h>

#include "accord/manifest.h"
#include "http/internal.h"
#include "sign/sign.h"

pl_rc sign_limit_init(const http_server *s, void **state, pl_err *err)
{
	rate_limit *rl;
	if(rate_limit_new(&rl, s->cfg.login_window))
		return pl_nomem(err);
	*state = rl;
	return PL_OK;
}

void sign_limit_free(void *state)
{
	rate_limit_free(state);
}

/* The body's passphrases, and the body as received, cleared. */
static void wipe_body(http_req *q, json_t *b)
{
	static const char *const secret[] = {"passphrase", "confirm", NULL};
	for(int i = 0; b && secret[i]; i++) {
		json_t *v = json_object_get(b, secret[i]);
		if(json_is_string(v))
			sodium_memzero((char *)json_string_value(v), json_string_length(v));
	}
	json_decref(b);
	if(q->body.ptr)
		sodium_memzero(q->body.ptr, q->body.len);
}

static json_t *trusted_json(const sign_trusted *t)
{
	char pk[sodium_base64_ENCODED_LEN(SIGN_PK_SIZE, sodium_base64_VARIANT_ORIGINAL)];
	sodium_bin2base64(pk, sizeof(pk), t->key.pk, SIGN_PK_SIZE, sodium_base64_VARIANT_ORIGINAL);
	return json_pack("{s:s, s:s, s:s, s:s, s:s, s:s?, s:b}", "signer", t->key.signer, "role",
	                 sign_role_name(t->key.role), "fingerprint", t->fingerprint, "public_key", pk,
	                 "added_at", t->added_at, "revoked_at", t->revoked_at[0] ? t->revoked_at : NULL,
	                 "held", t->held);
}

static pl_rc key_row(void *ctx, const sign_trusted *t)
{
	return json_array_append_new(ctx, trusted_json(t)) ? PL_ENOMEM : PL_OK;
}

void api_keys_list(http_req *q)
{
	json_t *a = json_array();
	pl_err err = {0};
	if(sign_keys_each(q->st, true, key_row, a, &err)) {
		json_decref(a);
		http_fail(q, &err);
		return;
	}
	http_json(q, MHD_HTTP_OK, json_pack("{s:o}", "keys", a));
}

void api_key_generate(http_req *q)
{
	static const char *const keys[] = {"signer", "role", "passphrase", "confirm", NULL};
	json_t *b = http_body(q, keys);
	const char *signer = NULL, *role_text = "party", *pass = NULL, *confirm = NULL;
	bool ok = b && http_opt_string(q, b, "signer", &signer) && http_opt_string(q, b, "role", &role_text) &&
	          http_opt_string(q, b, "passphrase", &pass) && http_opt_string(q, b, "confirm", &confirm);
	sign_role r = SIGN_PARTY;
	const char *bad = !ok ? NULL : !signer ? "signer" : !role_text || !sign_role_parse(role_text, &r) ? "role"
	                : !pass ? "passphrase" : !confirm || strcmp(pass, confirm) ? "confirm" : NULL;
	if(bad) {
		http_errorc(q, MHD_HTTP_UNPROCESSABLE_CONTENT, "bad_input", bad,
		            bad[0] == 's' ? "http.key_signer" : bad[0] == 'r' ? "http.key_role"
		            : bad[0] == 'p' ? "http.key_new_passphrase" : "http.key_confirm", "field", bad, NULL);
		ok = false;
	}
	sign_trusted t;
	pl_err err = {0};
	if(ok && !http_kdf_enter(q)) {
		wipe_body(q, b);
		return;
	}
	pl_rc rc = ok ? sign_office_generate(q->st, signer, r, pass, NULL, q->who.name, &t, &err) : PL_OK;
	if(ok)
		http_kdf_leave(q);
	wipe_body(q, b);
	if(!ok)
		return;
	if(rc)
		http_fail_field(q, &err, rc == PL_EINPUT && strstr(err.msg, "passphrase") ? "passphrase" : "signer");
	else
		http_json(q, MHD_HTTP_CREATED, trusted_json(&t));
}

void api_key_public(http_req *q)
{
	sign_trusted t;
	buf text;
	buf_init(&text, 4096);
	pl_err err = {0};
	pl_rc rc = sign_key_find(q->st, q->param[0], &t, &err);
	rc = rc ? rc : sign_key_public_text(&t.key, &text, &err);
	if(rc) {
		http_fail_field(q, &err, "fingerprint");
	} else {
		http_send(q, MHD_HTTP_OK, "application/json", buf_str(&text), text.len);
		char fp[SIGN_FINGERPRINT_MAX];
		size_t n = 0;
		for(const char *p = t.fingerprint; *p; p++)
			if(*p != ' ')
				fp[n++] = *p;
		fp[n] = '\0';
		snprintf(q->filename, sizeof(q->filename), "%s-%s.pub", t.key.signer, fp);
	}
	buf_free(&text);
}

void api_key_import(http_req *q)
{
	if(!http_one_upload(q, "http.send_key"))
		return;
	sign_key k;
	bool added = false;
	pl_err err = {0};
	if(sign_key_import(q->st, q->upload_path[0], q->upload_name[0], q->who.name, &k, &added, &err)) {
		http_fail_field(q, &err, "file");
		return;
	}
	sign_trusted t;
	char fp[SIGN_FINGERPRINT_MAX];
	sign_fingerprint(k.pk, fp);
	if(sign_key_find(q->st, fp, &t, &err)) {
		http_fail(q, &err);
		return;
	}
	json_t *v = trusted_json(&t);
	json_object_set_new(v, "added", json_boolean(added));
	http_json(q, added ? MHD_HTTP_CREATED : MHD_HTTP_OK, v);
}

void api_key_revoke(http_req *q)
{
	static const char *const keys[] = {"reason", NULL};
	json_t *b = http_body(q, keys);
	const char *reason = NULL;
	if(!b || !http_opt_string(q, b, "reason", &reason)) {
		json_decref(b);
		return;
	}
	sign_trusted t;
	size_t dropped;
	pl_err err = {0};
	if(!reason || !reason[strspn(reason, " \t\r\n")]) {
		http_errorc(q, MHD_HTTP_UNPROCESSABLE_CONTENT, "bad_input", "reason", "http.revoke_reason", NULL);
	} else if(manifest_revoke_key(q->st, q->param[0], reason, q->who.name, &t, &dropped, &err)) {
		http_fail_field(q, &err, "fingerprint");
	} else {
		json_t *v = trusted_json(&t);
		json_object_set_new(v, "stages_no_longer_agreed", json_integer((json_int_t)dropped));
		http_json(q, MHD_HTTP_OK, v);
	}
	json_decref(b);
}

/* ---- signing a stage's manifest ---------------------------------------- */

/* Seconds to wait before this user may try a passphrase again (0: now),
 * answered 429 if not 0. */
static bool sign_limited(http_req *q, rate_limit *rl, const char *ukey, int64_t now)
{
	int max = q->srv->cfg.login_failures;
	int wait = rate_limit_check(rl, ukey, max, now), owait = rate_limit_check(rl, "office", 4 * max, now);
	wait = wait > owait ? wait : owait;
	if(!wait)
		return false;
	snprintf(q->retry_after, sizeof(q->retry_after), "%d", wait);
	http_errorc(q, MHD_HTTP_TOO_MANY_REQUESTS, "rate_limited", "passphrase", "http.passphrase_limited",
	            "seconds", PL_N(wait), NULL);
	return true;
}

void api_stage_sign(http_req *q)
{
	static const char *const keys[] = {"passphrase", "key", NULL};
	json_t *b = http_body(q, keys);
	const char *pass = NULL, *key = NULL;
	if(!b || !http_opt_string(q, b, "passphrase", &pass) || !http_opt_string(q, b, "key", &key)) {
		wipe_body(q, b);
		return;
	}
	rate_limit *rl = q->srv->state[GROUP_SIGNING];
	int64_t now = time(NULL);
	char ukey[96];
	snprintf(ukey, sizeof(ukey), "u:%s", q->who.name);
	if(!pass || !*pass) {
		wipe_body(q, b);
		http_errorc(q, MHD_HTTP_UNPROCESSABLE_CONTENT, "bad_input", "passphrase", "http.key_passphrase",
		            NULL);
		return;
	}
	if(sign_limited(q, rl, ukey, now) || !http_kdf_enter(q)) {
		wipe_body(q, b);
		return;
	}
	manifest_import_report rep = {0};
	signed_doc_signing info = {0};
	pl_err err = {0};
	/* A negotiator signs with a party's key, a mediator with a mediator's. */
	unsigned roles = (q->who.roles & (1u << ROLE_NEGOTIATOR) ? 1u << SIGN_PARTY : 0) |
	                 (q->who.roles & (1u << ROLE_MEDIATOR) ? 1u << SIGN_MEDIATOR : 0);
	pl_rc rc = manifest_sign_here(q->st, q->param[0], key, roles, pass, &rep, &info, &err);
	http_kdf_leave(q);
	wipe_body(q, b);
	if(rc == PL_EINPUT && err.code && !strcmp(err.code, "sign.wrong_passphrase")) {
		rate_limit_fail(rl, ukey, now);
		rate_limit_fail(rl, "office", now);
		/* 403, not 401: the session is good, the passphrase is not. */
		http_refuse(q, MHD_HTTP_FORBIDDEN, "wrong_passphrase", "passphrase", &err);
	} else if(rc) {
		http_fail(q, &err);
	} else {
		rate_limit_clear(rl, ukey);
		json_t *v = http_manifest_report_json(&rep);
		json_object_set_new(v, "replaced", json_boolean(info.replaced));
		json_object_set_new(v, "dropped", json_integer(info.dropped));
		json_object_set_new(v, "dropped_text", json_string(info.dropped_text));
		http_json(q, MHD_HTTP_OK, v);
	}
	manifest_import_report_free(&rep);
}
