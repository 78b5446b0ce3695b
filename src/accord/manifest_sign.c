/* A stage's manifest signed here, in the browser's name: the office's key
 * opened with the passphrase for this one signature, the signature kept as
 * an imported one would be, and the key wiped (docs/signatures.md). */
#include <stdio.h>
#include <string.h>

#include "accord/manifest.h"
#include "audit/audit.h"

/* Only a version that will not change is signed: a draft may still. */
static pl_rc signable(store *st, const char *uid, pl_err *err)
{
	arena a;
	arena_init(&a, 0);
	stage s;
	pl_rc rc = stage_get(st, uid, &a, &s, err);
	if(!rc && (s.status == STAGE_DRAFT || s.status == STAGE_CANCELLED))
		rc = pl_failc(err, PL_ECONFLICT, s.status == STAGE_DRAFT ? "stage.sign_draft" : "stage.sign_cancelled",
		              "stage", s.uid, "status", stage_status_name(s.status), NULL);
	arena_free(&a);
	return rc;
}

/* The office's key, if the signer may use a key of its role. */
static pl_rc usable_key(store *st, const char *fingerprint, unsigned roles, sign_trusted *t, pl_err *err)
{
	pl_rc rc = sign_office_key(st, fingerprint, roles, t, err);
	if(!rc && !(roles & (1u << t->key.role)))
		rc = pl_failc(err, PL_ECONFLICT, roles & (1u << SIGN_PARTY) ? "manifest.sign_as_party"
		              : "manifest.sign_as_mediator", "key", t->fingerprint, "role", sign_role_name(t->key.role),
		              "signer", t->key.signer, NULL);
	return rc;
}

pl_rc manifest_sign_here(store *st, const char *stage_uid, const char *fingerprint, unsigned roles,
                         const char *passphrase, manifest_import_report *rep,
                         signed_doc_signing *info, pl_err *err)
{
	memset(rep, 0, sizeof(*rep));
	json_t *env = NULL;
	sign_key k;
	sign_trusted t;
	memset(&k, 0, sizeof(k));
	pl_rc rc = signable(st, stage_uid, err);
	rc = rc ? rc : usable_key(st, fingerprint, roles, &t, err);
	rc = rc ? rc : manifest_export(st, stage_uid, &env, err);
	/* Opened outside the transaction: a refusal is audited on its own. */
	rc = rc ? rc : sign_office_unlock(st, t.fingerprint, passphrase, store_actor(st), &k, err);
	rc = rc ? rc : signed_doc_sign(env, &k, info, err);
	char fp[SIGN_FINGERPRINT_MAX] = "";
	if(k.has_secret)
		sign_fingerprint(k.pk, fp);
	char after[160];
	snprintf(after, sizeof(after), "{\"signer\":\"%s\",\"role\":\"%s\",\"key\":\"%s\"}", k.signer,
	         sign_role_name(k.role), fp);
	sign_key_wipe(&k);
	if(!rc && !(rc = store_begin(st, err))) {
		char name[64];
		snprintf(name, sizeof(name), "stage %s signed here", stage_uid);
		rc = manifest_import(st, env, name, rep, err);
		rc = rc ? rc : audit_append(st, NULL, "manifest.sign", "stage", stage_uid, NULL, after, err);
		rc = store_end(st, rc, err);
	}
	json_decref(env);
	return rc;
}
