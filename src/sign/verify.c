/* Verifying a signed document: each signature read, checked and its key
 * judged against the trusted ones, and for a signature over an earlier
 * version, the places changed since (core/jdiff.h). */
#include <sodium.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "core/jdiff.h"
#include "core/msg.h"
#include "core/json.h"
#include "core/text.h"
#include "sign/internal.h"
#include "sign/jcs.h"

static const char *const signature_members[] = {"signer", "role", "public_key", "signed_at",
                                                "document_sha256", "digests_sha256", "signature",
                                                NULL};

/* ---- one signature -------------------------------------- */

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
		if(!(*slot[i] = sign_text_of(json_object_get(o, signature_members[i])))) {
			snprintf(why, size, "field '%s' is missing or not a string", signature_members[i]);
			return why;
		}
	if(!sign_role_parse(f->role, &f->r))
		return "field 'role' is not party or mediator";
	const char *bad = sign_signer_invalid(f->signer, f->r);
	if(bad) {
		snprintf(why, size, "field 'signer': %s", msg_template(LANG_EN, bad));
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

/* ---- what changed since a signature ------------------------------------ */

/* The signed digests are compared with the present document's, computed
 * for each value at the place it had when signed: a leaf's digest covers
 * its path, so an entry that merely moved up one place (after an earlier
 * one was removed) is recognised as the same entry, not as changed. */
typedef struct changes_ctx {
	arena *a;
	sign_digests dc;
	signed_doc_sig *s;
	size_t kept, cap;
} changes_ctx;

static json_t *digests_at(void *ctx, const char *was_path, const json_t *now)
{
	changes_ctx *c = ctx;
	buf_reset(&c->dc.path);
	return buf_adds(&c->dc.path, was_path) ? NULL : sign_digest_tree(&c->dc, now);
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
static pl_rc name_changes(arena *a, const json_t *signed_digests, const json_t *document,
                          signed_doc_sig *s)
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

/* ---- the whole envelope ------------------------------------------------ */

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
	s->valid = !sign_message_text(&m, f.doc_sha, f.digests_sha, f.signer, f.role, f.signed_at) &&
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
	pl_rc rc = sign_envelope_parts(envelope, &doc, &sigs, err);
	if(!rc)
		rc = sign_document_hashes(doc, rep->document_sha256, &present, err);
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
