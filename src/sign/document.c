/* The signed document's format: the digests tree, the envelope around a
 * document, and the text a signature is made over (sign.h). */
#include <sodium.h>
#include <string.h>

#include "core/json.h"
#include "core/text.h"
#include "sign/internal.h"
#include "sign/jcs.h"

enum { LEAF_HEX = 8 };  /* hex digits kept of a leaf's BLAKE2b-256 */

static const char *const envelope_members[] = {"document", "digests", "signatures", NULL};

const char *sign_text_of(const json_t *v)
{
	const char *s = json_string_value(v);
	return s && strlen(s) == json_string_length(v) ? s : NULL;
}

/* ---- the digests tree ------------------------------------------------- */

/* The first 8 hex digits of BLAKE2b-256(path "\0" canonical text). */
static json_t *leaf_digest(sign_digests *c, const json_t *v)
{
	buf_reset(&c->text);
	if(jcs_write(v, &c->text, NULL))
		return NULL;
	unsigned char h[32];
	crypto_generichash_state st;
	crypto_generichash_init(&st, NULL, 0, sizeof(h));
	crypto_generichash_update(&st, (const unsigned char *)buf_str(&c->path), c->path.len + 1);
	crypto_generichash_update(&st, (const unsigned char *)buf_str(&c->text), c->text.len);
	crypto_generichash_final(&st, h, sizeof(h));
	char hex[2 * sizeof(h) + 1];
	sodium_bin2hex(hex, sizeof(hex), h, sizeof(h));
	return json_stringn(hex, LEAF_HEX);
}

json_t *sign_digest_tree(sign_digests *c, const json_t *v)
{
	size_t here = c->path.len;
	json_t *out = NULL;
	if(json_is_object(v)) {
		out = json_object();
		const char *key;
		size_t n;
		json_t *m;
		json_object_keylen_foreach((json_t *)v, key, n, m) {
			json_t *d = out && !json_path_key(&c->path, key, n) ? sign_digest_tree(c, m) : NULL;
			buf_truncate(&c->path, here);
			if(!d || json_object_setn_new_nocheck(out, key, n, d)) {
				json_decref(out);
				return NULL;
			}
		}
	} else if(json_is_array(v)) {
		out = json_array();
		for(size_t i = 0; out && i < json_array_size(v); i++) {
			json_t *d = !json_path_index(&c->path, i) ? sign_digest_tree(c, json_array_get(v, i)) : NULL;
			buf_truncate(&c->path, here);
			if(!d || json_array_append_new(out, d)) {
				json_decref(out);
				return NULL;
			}
		}
	} else {
		out = leaf_digest(c, v);
	}
	return out;
}

pl_rc sign_document_hashes(const json_t *doc, char sha[SIGN_SHA256_HEX], json_t **digests, pl_err *err)
{
	pl_rc rc = jcs_sha256_hex(doc, sha, err);
	if(rc) {
		pl_err_prefix(err, "the document: ");
		return rc;
	}
	sign_digests c;
	buf_init(&c.path, 0);
	buf_init(&c.text, 0);
	*digests = sign_digest_tree(&c, doc);
	buf_free(&c.path);
	buf_free(&c.text);
	return *digests ? PL_OK : pl_nomem(err);
}

pl_rc signed_doc_digests(const json_t *document, json_t **out, pl_err *err)
{
	char sha[SIGN_SHA256_HEX];
	*out = NULL;
	if(!json_is_object(document))
		return pl_failc(err, PL_EINPUT, "doc.not_object", NULL);
	return sign_document_hashes(document, sha, out, err);
}

/* ---- envelopes -------------------------------------------------------- */

bool signed_doc_is_envelope(const json_t *v)
{
	return json_is_object(v) && json_object_get(v, "document") && !json_unknown_key(v, envelope_members);
}

pl_rc sign_envelope_parts(const json_t *env, json_t **doc, json_t **sigs, pl_err *err)
{
	if(!json_is_object(env))
		return pl_failc(err, PL_EINPUT, "doc.not_envelope", NULL);
	const char *unknown = json_unknown_key(env, envelope_members);
	if(unknown) {
		char q[64];
		text_quote(unknown, q, sizeof(q));
		return pl_failc(err, PL_EINPUT, "doc.unknown_member", "member", q, NULL);
	}
	*doc = json_object_get(env, "document");
	*sigs = json_object_get(env, "signatures");
	if(!json_is_object(*doc))
		return pl_failc(err, PL_EINPUT, *doc ? "doc.document_not_object" : "doc.no_document", NULL);
	if(*sigs && !json_is_array(*sigs))
		return pl_failc(err, PL_EINPUT, "doc.signatures_not_array", NULL);
	return PL_OK;
}

pl_rc signed_doc_wrap(json_t *document, json_t **out, pl_err *err)
{
	*out = NULL;
	json_t *digests;
	pl_rc rc = signed_doc_digests(document, &digests, err);
	if(!rc && !(*out = json_pack("{s:O, s:o, s:[]}", "document", document, "digests", digests,
	                             "signatures")))
		rc = pl_nomem(err);
	json_decref(document);
	return rc;
}

/* ---- the text a signature is over ------------------------------------ */

pl_rc sign_message_text(buf *m, const char *doc_sha, const char *digests_sha, const char *signer,
                        const char *role, const char *signed_at)
{
	return buf_printf(m, "parley signed document v1\n%s\n%s\n%s\n%s\n%s", doc_sha, digests_sha,
	                  signer, role, signed_at);
}
