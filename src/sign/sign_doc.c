/* Signed documents: the digests tree, signing, and verification that
 * names which signature fails and which fields changed after signing. */
#include "sign/sign.h"

#include <sodium.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "core/jdiff.h"
#include "core/json.h"
#include "core/text.h"
#include "sign/jcs.h"

enum {
	LEAF_HEX = 8,       /* hex digits kept of a leaf's BLAKE2b-256 */
	SIG_B64 = sodium_base64_ENCODED_LEN(crypto_sign_BYTES, sodium_base64_VARIANT_ORIGINAL),
	PK_B64 = sodium_base64_ENCODED_LEN(SIGN_PK_SIZE, sodium_base64_VARIANT_ORIGINAL),
	CHANGES_SHOWN = 10          /* in a sentence; the report keeps more */
};

static const char *const envelope_members[] = {"document", "digests", "signatures", NULL};
static const char *const signature_members[] = {"signer", "role", "public_key", "signed_at",
                                                "document_sha256", "digests_sha256", "signature",
                                                NULL};

/* A string member's text; NULL if it is not a string, or holds a NUL
 * (it would be read as shorter than it is: "UA\u0000X" as "UA"). */
static const char *text_of(const json_t *v)
{
	const char *s = json_string_value(v);
	return s && strlen(s) == json_string_length(v) ? s : NULL;
}

/* ---- the digests tree ------------------------------------------------- */

typedef struct digest_ctx {
	buf path;    /* of the value at hand */
	buf text;    /* a leaf's canonical text */
} digest_ctx;

/* The first 8 hex digits of BLAKE2b-256(path "\0" canonical text). */
static json_t *leaf_digest(digest_ctx *c, const json_t *v)
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

/* NULL when memory runs out: the document was canonicalised whole before,
 * so no leaf can be refused here. */
static json_t *digest_tree(digest_ctx *c, const json_t *v)
{
	size_t here = c->path.len;
	json_t *out = NULL;
	if(json_is_object(v)) {
		out = json_object();
		const char *key;
		size_t n;
		json_t *m;
		json_object_keylen_foreach((json_t *)v, key, n, m) {
			json_t *d = out && !json_path_key(&c->path, key, n) ? digest_tree(c, m) : NULL;
			buf_truncate(&c->path, here);
			if(!d || json_object_setn_new_nocheck(out, key, n, d)) {
				json_decref(out);
				return NULL;
			}
		}
	} else if(json_is_array(v)) {
		out = json_array();
		for(size_t i = 0; out && i < json_array_size(v); i++) {
			json_t *d = !json_path_index(&c->path, i) ? digest_tree(c, json_array_get(v, i)) : NULL;
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

/* The document's SHA-256 (its canonical form, which also checks that it
 * has one, naming the place that has not) and its digests tree. */
static pl_rc document_hashes(const json_t *doc, char sha[SIGN_SHA256_HEX], json_t **digests,
                             pl_err *err)
{
	pl_rc rc = jcs_sha256_hex(doc, sha, err);
	if(rc) {
		pl_err_prefix(err, "the document: ");
		return rc;
	}
	digest_ctx c;
	buf_init(&c.path, 0);
	buf_init(&c.text, 0);
	*digests = digest_tree(&c, doc);
	buf_free(&c.path);
	buf_free(&c.text);
	return *digests ? PL_OK : pl_nomem(err);
}

pl_rc signed_doc_digests(const json_t *document, json_t **out, pl_err *err)
{
	char sha[SIGN_SHA256_HEX];
	*out = NULL;
	if(!json_is_object(document))
		return pl_fail(err, PL_EINPUT, "the document is not a JSON object");
	return document_hashes(document, sha, out, err);
}

/* ---- envelopes -------------------------------------------------------- */

bool signed_doc_is_envelope(const json_t *v)
{
	return json_is_object(v) && json_object_get(v, "document") && !json_unknown_key(v, envelope_members);
}

/* The document and the signatures (NULL if absent) of an envelope. */
static pl_rc envelope_parts(const json_t *env, json_t **doc, json_t **sigs, pl_err *err)
{
	if(!json_is_object(env))
		return pl_fail(err, PL_EINPUT, "not a signed document: expected a JSON object with "
		               "\"document\", \"digests\" and \"signatures\"");
	const char *unknown = json_unknown_key(env, envelope_members);
	if(unknown) {
		char q[64];
		text_quote(unknown, q, sizeof(q));
		return pl_fail(err, PL_EINPUT, "signed document: unknown member '%s' (a signed document holds "
		               "only document, digests and signatures)", q);
	}
	*doc = json_object_get(env, "document");
	*sigs = json_object_get(env, "signatures");
	if(!json_is_object(*doc))
		return pl_fail(err, PL_EINPUT, "signed document: \"document\" %s", *doc ? "is not a JSON "
		               "object" : "is missing");
	if(*sigs && !json_is_array(*sigs))
		return pl_fail(err, PL_EINPUT, "signed document: \"signatures\" is not an array");
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

/* ---- signatures ------------------------------------------------------- */

/* What the Ed25519 signature is over. */
static pl_rc signed_message(buf *m, const char *doc_sha, const char *digests_sha, const char *signer,
                            const char *role, const char *signed_at)
{
	return buf_printf(m, "parley signed document v1\n%s\n%s\n%s\n%s\n%s", doc_sha, digests_sha,
	                  signer, role, signed_at);
}

static json_t *make_signature(const sign_key *k, const char *doc_sha, const char *digests_sha,
                              pl_err *err)
{
	char now[TIMESTAMP_STR_MAX], pk[PK_B64], sig64[SIG_B64];
	date_now_iso(now);
	buf m;
	buf_init(&m, 0);
	if(signed_message(&m, doc_sha, digests_sha, k->signer, sign_role_name(k->role), now)) {
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
	const char *signer = text_of(json_object_get(sig, "signer"));
	const char *role = text_of(json_object_get(sig, "role"));
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
		const char *signer = text_of(json_object_get(s, "signer"));
		const char *over = text_of(json_object_get(s, "document_sha256"));
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
		return pl_fail(err, PL_EINPUT, "the key of %s has no secret part: it cannot sign", k->signer);
	const char *why = sign_signer_invalid(k->signer, k->role);
	if(why)
		return pl_fail(err, PL_EINPUT, "'%s': %s", k->signer, why);
	json_t *doc, *sigs, *digests = NULL, *kept = json_array(), *sig = NULL;
	char digests_sha[SIGN_SHA256_HEX];
	long slot;
	pl_rc rc = kept ? envelope_parts(envelope, &doc, &sigs, err) : pl_nomem(err);
	if(!rc)
		rc = document_hashes(doc, info->document_sha256, &digests, err);
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

/* ---- verification: one signature -------------------------------------- */

typedef struct sig_fields {
	const char *signer, *role, *pk64, *signed_at, *doc_sha, *digests_sha, *sig64;
	sign_role r;
	unsigned char pk[SIGN_PK_SIZE];
	unsigned char sig[crypto_sign_BYTES];
} sig_fields;

static bool is_hex_sha256(const char *s)
{
	size_t n = 0;
	for(; s[n]; n++)
		if(!((s[n] >= '0' && s[n] <= '9') || (s[n] >= 'a' && s[n] <= 'f')))
			return false;
	return n == 64;
}

/* "2026-11-25T09:30:00Z" or with .fff before the Z. */
static bool is_timestamp(const char *s)
{
	static const char shape[] = "dddd-dd-ddTdd:dd:dd";
	size_t n = strlen(s);
	if(n < 20 || n == 21 || n > 30 || s[n - 1] != 'Z')
		return false;
	for(size_t i = 0; i < n - 1; i++) {
		char want = i < sizeof(shape) - 1 ? shape[i] : i == sizeof(shape) - 1 ? '.' : 'd';
		if(want == 'd' ? !(s[i] >= '0' && s[i] <= '9') : s[i] != want)
			return false;
	}
	return true;
}

/* Read a signature's fields; NULL, or what is wrong with it. */
static const char *sig_parse(const json_t *o, sig_fields *f, char *why, size_t size)
{
	if(!json_is_object(o))
		return "it is not a JSON object";
	const char *unknown = json_unknown_key(o, signature_members);
	if(unknown) {
		char q[48];
		text_quote(unknown, q, sizeof(q));
		snprintf(why, size, "unknown field '%s'", q);
		return why;
	}
	const char **slot[] = {&f->signer, &f->role, &f->pk64, &f->signed_at, &f->doc_sha,
	                       &f->digests_sha, &f->sig64};
	for(size_t i = 0; i < sizeof(slot) / sizeof(slot[0]); i++)
		if(!(*slot[i] = text_of(json_object_get(o, signature_members[i])))) {
			snprintf(why, size, "field '%s' is missing or not a string", signature_members[i]);
			return why;
		}
	if(!sign_role_parse(f->role, &f->r))
		return "field 'role' is not party or mediator";
	const char *bad = sign_signer_invalid(f->signer, f->r);
	if(bad) {
		snprintf(why, size, "field 'signer': %s", bad);
		return why;
	}
	if(!sign_b64_decode(f->pk64, f->pk, sizeof(f->pk)))
		return "field 'public_key' is not base64 of 32 bytes";
	if(!sign_b64_decode(f->sig64, f->sig, sizeof(f->sig)))
		return "field 'signature' is not base64 of 64 bytes";
	if(!is_hex_sha256(f->doc_sha) || !is_hex_sha256(f->digests_sha))
		return "a hash field is not a SHA-256 in lower-case hex";
	if(!is_timestamp(f->signed_at))
		return "field 'signed_at' is not a UTC time (YYYY-MM-DDTHH:MM:SS.fffZ)";
	return NULL;
}

static const char *quoted(arena *a, const json_t *v)
{
	if(!json_is_string(v))
		return "?";
	char q[48];
	text_quote(json_string_value(v), q, sizeof(q));
	return arena_strdup(a, q);
}

/* Why a valid signature's key is not trusted, or NULL if it is. */
static const char *distrust(arena *a, const sig_fields *f, const sign_key *keys, size_t n)
{
	const sign_key *revoked = NULL, *other = NULL;
	bool known = false;
	for(size_t i = 0; i < n; i++) {
		bool same_key = !sodium_memcmp(keys[i].pk, f->pk, SIGN_PK_SIZE);
		bool same_signer = !strcmp(keys[i].signer, f->signer) && keys[i].role == f->r;
		if(same_key && same_signer && !keys[i].revoked)
			return NULL;
		if(same_key && same_signer)
			revoked = &keys[i];
		else if(same_key)
			other = &keys[i];
		known |= same_signer && !keys[i].revoked;
	}
	char why[160];
	const char *role = sign_role_name(f->r);
	if(revoked)
		snprintf(why, sizeof(why), "this key of %s %s was revoked", role, f->signer);
	else if(other)
		snprintf(why, sizeof(why), "this key was imported for %s %s, not for %s %s",
		         sign_role_name(other->role), other->signer, role, f->signer);
	else if(known)
		snprintf(why, sizeof(why), "it is not one of the imported keys of %s %s", role, f->signer);
	else
		snprintf(why, sizeof(why), "no public key for %s %s was imported", role, f->signer);
	return arena_strdup(a, why);
}

/* ---- verification: what changed -------------------------------------- */

/* The signed digests are compared with the present document's, computed
 * for each value at the place it had when signed: a leaf's digest covers
 * its path, so an entry that merely moved up one place (after an earlier
 * one was removed) is recognised as the same entry, not as changed. */
typedef struct changes_ctx {
	arena *a;
	digest_ctx dc;
	signed_doc_sig *s;
	size_t kept, cap;
} changes_ctx;

static json_t *digests_at(void *ctx, const char *was_path, const json_t *now)
{
	changes_ctx *c = ctx;
	buf_reset(&c->dc.path);
	return buf_adds(&c->dc.path, was_path) ? NULL : digest_tree(&c->dc, now);
}

static pl_rc note_change(void *ctx, const char *path, jdiff_kind kind, pl_err *err)
{
	changes_ctx *c = ctx;
	signed_doc_sig *s = c->s;
	if(s->nchanges++ >= SIGN_CHANGES_MAX)
		return PL_OK;
	signed_doc_change *slot = arena_push(c->a, (void **)&s->changes, &c->kept, &c->cap, sizeof(*slot));
	const char *where = arena_strdup(c->a, *path ? path : "the document");
	if(!slot || !where)
		return pl_nomem(err);
	*slot = (signed_doc_change){where, kind};
	return PL_OK;
}

/* Where the document changed since the signed digests were made. */
static pl_rc name_changes(arena *a, const json_t *signed_digests, const json_t *document, signed_doc_sig *s)
{
	changes_ctx c = {.a = a, .s = s};
	buf_init(&c.dc.path, 0);
	buf_init(&c.dc.text, 0);
	jdiff_ops ops = {digests_at, note_change, &c};
	pl_err err = {0};
	pl_rc rc = jdiff(signed_digests, document, &ops, &err);
	buf_free(&c.dc.path);
	buf_free(&c.dc.text);
	return rc;
}

/* ---- verification: the whole envelope ---------------------------------- */

typedef struct verify_ctx {
	signed_doc_report *rep;
	const json_t *stored;          /* the envelope's digests, or NULL */
	char stored_sha[SIGN_SHA256_HEX];
	bool have_stored_sha;
	const json_t *document;        /* as it is now */
	const sign_key *keys;
	size_t nkeys;
	bool oom;
} verify_ctx;

static void check_signature(verify_ctx *v, size_t i, const json_t *o, signed_doc_sig *s)
{
	arena *a = &v->rep->a;
	sig_fields f = {0};
	char why[160];
	s->index = i;
	s->problem = sig_parse(o, &f, why, sizeof(why));
	s->signer = quoted(a, json_object_get(o, "signer"));
	s->role = quoted(a, json_object_get(o, "role"));
	s->signed_at = quoted(a, json_object_get(o, "signed_at"));
	if(s->problem) {
		s->problem = arena_strdup(a, s->problem);
		return;
	}
	sign_fingerprint(f.pk, s->fingerprint);
	buf m;
	buf_init(&m, 0);
	s->valid = !signed_message(&m, f.doc_sha, f.digests_sha, f.signer, f.role, f.signed_at) &&
	           !crypto_sign_verify_detached(f.sig, (const unsigned char *)buf_str(&m), m.len, f.pk);
	buf_free(&m);
	if(!s->valid)
		return;
	s->untrusted_why = distrust(a, &f, v->keys, v->nkeys);
	s->trusted = !s->untrusted_why;
	s->covers = !sodium_memcmp(f.doc_sha, v->rep->document_sha256, 64);
	if(s->covers)
		return;
	/* The stored digests say where the document changed only if they are
	 * the ones this signature vouches for. */
	s->digests_signed = v->have_stored_sha && !sodium_memcmp(v->stored_sha, f.digests_sha, 64);
	if(!s->digests_signed)
		return;
	v->oom |= name_changes(a, v->stored, v->document, s) != PL_OK;
}

pl_rc signed_doc_verify(const json_t *envelope, const sign_key *trusted, size_t ntrusted,
                        signed_doc_report *rep, pl_err *err)
{
	memset(rep, 0, sizeof(*rep));
	arena_init(&rep->a, 0);
	json_t *doc, *sigs, *present = NULL;
	pl_rc rc = envelope_parts(envelope, &doc, &sigs, err);
	if(!rc)
		rc = document_hashes(doc, rep->document_sha256, &present, err);
	if(rc)
		return rc;
	verify_ctx v = {rep, json_object_get(envelope, "digests"), "", false, doc, trusted, ntrusted, false};
	v.have_stored_sha = v.stored && !jcs_sha256_hex(v.stored, v.stored_sha, NULL);
	rep->digests_current = json_equal(v.stored, present);
	rep->nsigs = json_array_size(sigs);
	rep->sigs = arena_calloc(&rep->a, rep->nsigs ? rep->nsigs : 1, sizeof(signed_doc_sig));
	for(size_t i = 0; rep->sigs && i < rep->nsigs; i++)
		check_signature(&v, i, json_array_get(sigs, i), &rep->sigs[i]);
	json_decref(present);
	if(arena_oom(&rep->a) || v.oom) {
		rep->nsigs = 0;
		return pl_nomem(err);
	}
	return PL_OK;
}

void signed_doc_report_free(signed_doc_report *rep)
{
	arena_free(&rep->a);
	memset(rep, 0, sizeof(*rep));
}

bool signed_doc_sig_ok(const signed_doc_sig *s)
{
	return !s->problem && s->valid && s->trusted && s->covers;
}

/* ---- the verdict in words --------------------------------------------- */

static pl_rc changes_text(const signed_doc_sig *s, buf *out)
{
	if(!s->digests_signed)
		return buf_adds(out, "the document was changed after signing (and so were the digests, "
		                     "so the changed fields cannot be named)");
	pl_rc rc = buf_adds(out, "the document was changed after signing");
	if(!s->nchanges)
		return rc ? rc : buf_adds(out, " (the digests do not show where)");
	size_t kept = s->nchanges < SIGN_CHANGES_MAX ? s->nchanges : SIGN_CHANGES_MAX;
	for(size_t i = 0; i < kept && i < CHANGES_SHOWN && !rc; i++)
		rc = buf_printf(out, "%s%s %s", i ? ", " : ": ", s->changes[i].path,
		                jdiff_kind_name(s->changes[i].kind));
	if(!rc && s->nchanges > CHANGES_SHOWN)
		rc = buf_printf(out, ", and %zu more", s->nchanges - CHANGES_SHOWN);
	return rc;
}

pl_rc signed_doc_sig_text(const signed_doc_sig *s, buf *out)
{
	if(s->problem)
		return buf_printf(out, "signatures[%zu] (by %s): not a well-formed signature: %s", s->index,
		                  s->signer, s->problem);
	pl_rc rc = buf_printf(out, "signature of %s (%s, key %s): ", s->signer, s->role, s->fingerprint);
	if(rc)
		return rc;
	if(!s->valid)
		return buf_adds(out, "not valid (made with another key, or the signature bytes, or the "
		                     "signer, role, time or hashes it was made over, were altered)");
	if(signed_doc_sig_ok(s))
		return buf_adds(out, "valid, trusted, and over this document");
	rc = buf_adds(out, "valid, but ");
	if(!rc && !s->trusted)
		rc = buf_printf(out, "key not trusted (%s)", s->untrusted_why);
	if(!rc && !s->trusted && !s->covers)
		rc = buf_adds(out, "; and ");
	if(!rc && !s->covers)
		rc = changes_text(s, out);
	return rc;
}

json_t *signed_doc_report_json(const signed_doc_report *rep)
{
	json_t *sigs = json_array();
	for(size_t i = 0; i < rep->nsigs; i++) {
		const signed_doc_sig *s = &rep->sigs[i];
		buf text;
		buf_init(&text, 0);
		json_t *changes = json_array();
		size_t kept = s->nchanges < SIGN_CHANGES_MAX ? s->nchanges : SIGN_CHANGES_MAX;
		for(size_t k = 0; s->changes && k < kept; k++)
			json_array_append_new(changes, json_pack("{s:s, s:s}", "path", s->changes[k].path,
			                                         "change", jdiff_kind_name(s->changes[k].kind)));
		json_t *o = json_pack("{s:I, s:s, s:s, s:s?, s:s, s:b, s:b, s:b, s:b, s:s?, s:s?, s:b, s:o,"
		                      " s:I, s:s}",
		                      "index", (json_int_t)s->index, "signer", s->signer, "role", s->role,
		                      "fingerprint", s->problem ? NULL : s->fingerprint, "signed_at",
		                      s->signed_at, "ok", signed_doc_sig_ok(s), "valid", s->valid, "trusted",
		                      s->trusted, "covers_document", s->covers, "problem", s->problem,
		                      "untrusted_why", s->untrusted_why, "digests_signed", s->digests_signed,
		                      "changes", changes, "changes_total", (json_int_t)s->nchanges, "text",
		                      signed_doc_sig_text(s, &text) ? "" : buf_str(&text));
		buf_free(&text);
		json_array_append_new(sigs, o);
	}
	return json_pack("{s:s, s:b, s:o}", "document_sha256", rep->document_sha256, "digests_current",
	                 rep->digests_current, "signatures", sigs);
}

/* ---- who must have signed --------------------------------------------- */

static void required_one(sign_required *r, const char *signer, sign_role role, bool any)
{
	memset(r, 0, sizeof(*r));
	r->role = role;
	r->any_role = any;
	r->invalid = sign_signer_invalid(signer, any ? SIGN_MEDIATOR : role) != NULL;
	snprintf(r->signer, sizeof(r->signer), "%s", r->invalid && strlen(signer) > SIGN_SIGNER_MAX
	                                             ? "?" : signer);
}

pl_rc sign_required_parse(const char *list, sign_required *out, size_t max, size_t *n, pl_err *err)
{
	*n = 0;
	const char *p = list;
	while(*p) {
		size_t len = strcspn(p, ",");
		char code[SIGN_SIGNER_MAX + 2];
		size_t lead = strspn(p, " "), trail = 0;
		while(len > lead + trail && p[len - 1 - trail] == ' ')
			trail++;
		size_t k = len - lead - trail;
		snprintf(code, sizeof(code), "%.*s", (int)(k < sizeof(code) - 1 ? k : sizeof(code) - 1),
		         p + lead);
		if(k > SIGN_SIGNER_MAX || sign_signer_invalid(code, SIGN_MEDIATOR))
			return pl_fail(err, PL_EUSAGE, "'%.*s' is not a signer code (2 to 8 capital letters or "
			               "digits: UA, RU, ICRC)", (int)(k > 40 ? 40 : k), p + lead);
		if(*n == max)
			return pl_fail(err, PL_EUSAGE, "at most %zu signers can be required", max);
		required_one(&out[(*n)++], code, SIGN_PARTY, true);
		p += len;
		if(*p == ',')
			p++;
	}
	if(!*n)
		return pl_fail(err, PL_EUSAGE, "no signers given (expected e.g. UA,RU,TR)");
	return PL_OK;
}

size_t signed_doc_required_from(const json_t *document, sign_required *out, size_t max)
{
	size_t n = 0;
	const json_t *parties = json_object_get(document, "parties");
	for(size_t i = 0; i < json_array_size(parties) && n < max; i++) {
		const char *p = text_of(json_array_get(parties, i));
		required_one(&out[n++], p ? p : "?", SIGN_PARTY, false);
	}
	const json_t *m = json_object_get(document, "mediator");
	if(m && !json_is_null(m) && n < max)
		required_one(&out[n++], text_of(m) ? text_of(m) : "?", SIGN_MEDIATOR, false);
	return n;
}

bool signed_doc_complete(const signed_doc_report *rep, const sign_required *req, size_t n,
                         buf *problems)
{
	bool all = true;
	for(size_t i = 0; i < n; i++) {
		const sign_required *r = &req[i];
		bool signed_at_all = false, good = false;
		for(size_t k = 0; k < rep->nsigs && !good; k++) {
			const signed_doc_sig *s = &rep->sigs[k];
			bool who = !strcmp(s->signer, r->signer) &&
			           (r->any_role || !strcmp(s->role, sign_role_name(r->role)));
			signed_at_all |= who;
			good = who && signed_doc_sig_ok(s);
		}
		if(good)
			continue;
		all = false;
		char who[48];
		if(r->any_role)
			snprintf(who, sizeof(who), "%s", r->signer);
		else
			snprintf(who, sizeof(who), "%s %s", sign_role_name(r->role), r->signer);
		/* Out of memory while explaining: the answer stands, unexplained. */
		if(!problems)
			continue;
		if(r->invalid &&
		   buf_printf(problems, "the document names '%s' as a %s, which is not a valid signer code\n",
		              r->signer, sign_role_name(r->role)))
			return false;
		if(!r->invalid && signed_at_all &&
		   buf_printf(problems, "%s has no good signature (valid, by a trusted key, over this "
		              "document)\n", who))
			return false;
		if(!r->invalid && !signed_at_all && buf_printf(problems, "%s has not signed\n", who))
			return false;
	}
	return all;
}
