/* Signing a document: the digests made again from what the document says
 * now, the signatures over other versions removed, the signer's own
 * replaced. */
#include <sodium.h>
#include <stdio.h>
#include <string.h>

#include "core/text.h"
#include "sign/internal.h"
#include "sign/jcs.h"

enum { SIG_B64 = sodium_base64_ENCODED_LEN(crypto_sign_BYTES, sodium_base64_VARIANT_ORIGINAL) };

static json_t *make_signature(const sign_key *k, const char *doc_sha, const char *digests_sha,
                              pl_err *err)
{
	char now[TIMESTAMP_STR_MAX], pk[SIGN_PK_B64], sig64[SIG_B64];
	date_now_iso(now);
	buf m;
	buf_init(&m, 0);
	if(sign_message_text(&m, doc_sha, digests_sha, k->signer, sign_role_name(k->role), now)) {
		pl_nomem(err);
		return NULL;
	}
	unsigned char sig[crypto_sign_BYTES];
	crypto_sign_detached(sig, NULL, (const unsigned char *)buf_str(&m), m.len, k->sk);
	buf_free(&m);
	sodium_bin2base64(pk, sizeof(pk), k->pk, SIGN_PK_SIZE, sodium_base64_VARIANT_ORIGINAL);
	sodium_bin2base64(sig64, sizeof(sig64), sig, sizeof(sig), sodium_base64_VARIANT_ORIGINAL);
	json_t *o = json_pack("{s:s, s:s, s:s, s:s, s:s, s:s, s:s}", "signer", k->signer, "role",
	                      sign_role_name(k->role), "public_key", pk, "signed_at", now,
	                      "document_sha256", doc_sha, "digests_sha256", digests_sha, "signature",
	                      sig64);
	if(!o)
		pl_nomem(err);
	return o;
}

static void note_dropped(signed_doc_signing *info, const json_t *sig, size_t i)
{
	const char *signer = sign_text_of(json_object_get(sig, "signer"));
	const char *role = sign_text_of(json_object_get(sig, "role"));
	char who[112], q[48], r[48];
	if(signer && role) {
		text_quote(signer, q, sizeof(q));
		text_quote(role, r, sizeof(r));
		snprintf(who, sizeof(who), "%s (%s)", q, r);
	} else {
		snprintf(who, sizeof(who), "signatures[%zu] (not a signature)", i);
	}
	size_t len = strlen(info->dropped_text);
	snprintf(info->dropped_text + len, sizeof(info->dropped_text) - len, "%s%s", len ? ", " : "", who);
	info->dropped++;
}

/* The signatures to keep (over this very document, by others) into kept;
 * where the signer's own earlier one was, in *slot (-1: none). */
static pl_rc keep_signatures(const json_t *sigs, const sign_key *k, const char *doc_sha, json_t *kept,
                             long *slot, signed_doc_signing *info, pl_err *err)
{
	*slot = -1;
	for(size_t i = 0; i < json_array_size(sigs); i++) {
		json_t *s = json_array_get(sigs, i);
		const char *signer = sign_text_of(json_object_get(s, "signer"));
		const char *over = sign_text_of(json_object_get(s, "document_sha256"));
		if(signer && !strcmp(signer, k->signer)) {
			info->replaced = true;
			if(*slot < 0)
				*slot = (long)json_array_size(kept);
			continue;
		}
		if(!signer || !over || strcmp(over, doc_sha)) {
			note_dropped(info, s, i);
			continue;
		}
		if(json_array_append(kept, s))
			return pl_nomem(err);
	}
	return PL_OK;
}

pl_rc signed_doc_sign(json_t *envelope, const sign_key *k, signed_doc_signing *info, pl_err *err)
{
	memset(info, 0, sizeof(*info));
	if(!k->has_secret)
		return pl_failc(err, PL_EINPUT, "key.cannot_sign", "signer", k->signer, NULL);
	const char *why = sign_signer_invalid(k->signer, k->role);
	if(why)
		return pl_failc(err, PL_EINPUT, "sign.bad_signer", "signer", k->signer, "why", why, NULL);
	json_t *doc, *sigs, *digests = NULL, *kept = json_array(), *sig = NULL;
	char digests_sha[SIGN_SHA256_HEX];
	long slot;
	pl_rc rc = kept ? sign_envelope_parts(envelope, &doc, &sigs, err) : pl_nomem(err);
	if(!rc)
		rc = sign_document_hashes(doc, info->document_sha256, &digests, err);
	if(!rc)
		rc = jcs_sha256_hex(digests, digests_sha, err);
	if(!rc)
		rc = keep_signatures(sigs, k, info->document_sha256, kept, &slot, info, err);
	if(!rc && !(sig = make_signature(k, info->document_sha256, digests_sha, err)))
		rc = PL_ENOMEM;
	if(!rc && (slot < 0 ? json_array_append_new(kept, sig) : json_array_insert_new(kept, (size_t)slot, sig)))
		rc = pl_nomem(err);
	if(!rc) {
		info->digests_renewed = !json_equal(json_object_get(envelope, "digests"), digests);
		if(json_object_set(envelope, "digests", digests) || json_object_set(envelope, "signatures", kept))
			rc = pl_nomem(err);
	}
	json_decref(digests);
	json_decref(kept);
	return rc;
}
