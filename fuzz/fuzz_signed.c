/* Signed documents on any bytes, verified against a fixed trusted key
 * (UA's, made from a fixed seed; the seed corpus was signed with it).
 * Never crash; a refusal says why; each verdict is consistent (ok means
 * valid, trusted and over the document; changes are named only for a
 * valid signature over another version) and has its sentence; what
 * verifies still verifies after a trip through its canonical text; the
 * canonical text of any JSON, read again, is written byte for byte the
 * same; a document signed here with the fixed key verifies; and when one
 * value of a signed document is changed, verify names exactly that one. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "core/json.h"
#include "fuzz.h"
#include "sign/jcs.h"
#include "sign/sign.h"

static const unsigned char seed[32] = "parley fuzz_signed: fixed seed!";

static void fixed_key(sign_key *k)
{
	memset(k, 0, sizeof(*k));
	strcpy(k->signer, "UA");
	k->role = SIGN_PARTY;
	crypto_sign_seed_keypair(k->pk, k->sk, seed);
	k->has_secret = true;
}

/* How many signatures are ok, after checking each verdict's logic. */
static size_t verdicts(const signed_doc_report *rep)
{
	size_t ok = 0;
	for(size_t i = 0; i < rep->nsigs; i++) {
		const signed_doc_sig *s = &rep->sigs[i];
		if((s->covers && !s->valid) || (s->trusted && !s->valid) || (s->problem && s->valid) ||
		   (s->nchanges && (!s->valid || s->covers || !s->digests_signed)) ||
		   (s->trusted == (s->untrusted_why != NULL) && s->valid))
			abort();
		buf b;
		buf_init(&b, 0);
		if(signed_doc_sig_text(s, &b) || !b.len)
			abort();
		buf_free(&b);
		ok += signed_doc_sig_ok(s);
	}
	json_decref(signed_doc_report_json(rep));
	return ok;
}

/* Which signatures verify, as a bit mask of the first 64. */
static uint64_t ok_mask(const json_t *env, const sign_key *k, bool *read)
{
	signed_doc_report rep;
	pl_err err = {0};
	pl_rc rc = signed_doc_verify(env, k, 1, &rep, &err);
	*read = !rc;
	if(rc && (!err.msg[0] || (rc != PL_EINPUT && rc != PL_ENOMEM && rc != PL_ELIMIT)))
		abort();
	uint64_t mask = 0;
	if(!rc) {
		verdicts(&rep);
		for(size_t i = 0; i < rep.nsigs && i < 64; i++)
			mask |= (uint64_t)signed_doc_sig_ok(&rep.sigs[i]) << i;
	}
	signed_doc_report_free(&rep);
	return mask;
}

/* The canonical text, read again: json_t for it, or NULL. Integers are
 * read as doubles, as RFC 8785 means them (an integral double past 2^63
 * is written in full, which jansson would not read as an integer). */
static json_t *canonical_again(const json_t *v, buf *text)
{
	buf_reset(text);
	if(jcs_write(v, text, NULL))
		return NULL;
	json_error_t je;
	json_t *back = json_loadb(buf_str(text), text->len,
	                          JSON_DECODE_ANY | JSON_ALLOW_NUL | JSON_DECODE_INT_AS_REAL, &je);
	if(!back)
		abort(); /* canonical JSON is JSON */
	return back;
}

static bool same_text(const buf *a, const buf *b)
{
	return a->len == b->len && !memcmp(buf_str(a), buf_str(b), a->len);
}

/* Canonical text is a fixed point; the indented form (what signed files
 * are written in) reads back, as jansson reads files, to the same. */
static void check_canonical(const json_t *v)
{
	buf once, twice, indented;
	buf_init(&once, 0);
	buf_init(&twice, 0);
	buf_init(&indented, 0);
	json_t *back = canonical_again(v, &once);
	json_t *again = back ? canonical_again(back, &twice) : NULL;
	if(back && (!again || !same_text(&once, &twice)))
		abort();
	json_decref(again);
	again = NULL;
	if(back && !jcs_write_indented(v, &indented, NULL)) {
		again = json_loadb(buf_str(&indented), indented.len, JSON_DECODE_ANY | JSON_ALLOW_NUL, NULL);
		buf_reset(&twice);
		if(!again || jcs_write(again, &twice, NULL) || !same_text(&once, &twice))
			abort();
	}
	json_decref(back);
	json_decref(again);
	buf_free(&once);
	buf_free(&twice);
	buf_free(&indented);
}

/* Signed here, it verifies, whatever the document. */
static void check_sign(const json_t *env, const sign_key *k)
{
	json_t *copy = json_deep_copy(env);
	signed_doc_signing info;
	pl_err err = {0};
	bool read;
	pl_rc rc = copy ? signed_doc_sign(copy, k, &info, &err) : PL_ENOMEM;
	if(rc && rc != PL_ENOMEM)
		abort(); /* what verify reads, sign signs */
	if(!rc) {
		size_t n = json_array_size(json_object_get(copy, "signatures"));
		uint64_t mask = ok_mask(copy, k, &read);
		bool found = false;
		for(size_t i = 0; i < n && i < 64; i++) {
			const char *s = json_string_value(json_object_get(
				json_array_get(json_object_get(copy, "signatures"), i), "signer"));
			found |= s && !strcmp(s, "UA") && (mask >> i & 1);
		}
		if(!read || (n <= 64 && !found))
			abort();
	}
	json_decref(copy);
}

/* A value no JSON scalar's canonical text equals but a string's. */
static json_t *other_than(const json_t *leaf)
{
	const char *s = json_string_value(leaf);
	return s && !strcmp(s, "\x01fuzz") ? json_true() : json_string("\x01fuzz");
}

/* Change the first scalar (depth first) to another value; its path into
 * path. False if there is none. */
static bool change_first_leaf(json_t *v, buf *path)
{
	size_t here = path->len;
	if(json_is_object(v)) {
		const char *key;
		size_t n;
		json_t *m;
		json_object_keylen_foreach(v, key, n, m) {
			if(json_path_key(path, key, n))
				return false;
			if(!json_is_object(m) && !json_is_array(m))
				return !json_object_setn_new(v, key, n, other_than(m));
			if(change_first_leaf(m, path))
				return true;
			buf_truncate(path, here);
		}
	} else if(json_is_array(v)) {
		for(size_t i = 0; i < json_array_size(v); i++) {
			json_t *m = json_array_get(v, i);
			if(json_path_index(path, i))
				return false;
			if(!json_is_object(m) && !json_is_array(m))
				return !json_array_set_new(v, i, other_than(m));
			if(change_first_leaf(m, path))
				return true;
			buf_truncate(path, here);
		}
	}
	return false;
}

/* A bare document: wrapped, signed, verified; one value changed, and
 * verify names that value alone. */
static void check_bare(const json_t *doc, const sign_key *k, const sign_key *pub)
{
	json_t *env;
	signed_doc_signing info;
	pl_err err = {0};
	if(signed_doc_wrap(json_deep_copy(doc), &env, &err))
		return; /* no canonical form (an integer past 2^53) */
	if(signed_doc_sign(env, k, &info, &err))
		abort();
	signed_doc_report rep;
	if(signed_doc_verify(env, pub, 1, &rep, &err) || rep.nsigs != 1 || !signed_doc_sig_ok(&rep.sigs[0]))
		abort();
	signed_doc_report_free(&rep);
	buf path;
	buf_init(&path, 0);
	if(change_first_leaf(json_object_get(env, "document"), &path)) {
		if(signed_doc_verify(env, pub, 1, &rep, &err))
			abort();
		const signed_doc_sig *s = &rep.sigs[0];
		/* (Unless the new value's 32-bit digest happens to equal the old one's.) */
		if(!s->valid || s->covers || !s->digests_signed || s->nchanges != 1 ||
		   strcmp(s->changes[0].path, buf_str(&path)) || s->changes[0].kind != JDIFF_CHANGED)
			abort();
		signed_doc_report_free(&rep);
	}
	buf_free(&path);
	json_decref(env);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if(sodium_init() < 0)
		return 0;
	json_error_t je;
	json_t *v = json_loadb((const char *)data, size, JSON_DECODE_ANY | JSON_REJECT_DUPLICATES | JSON_ALLOW_NUL,
	                       &je);
	if(!v)
		return 0;
	check_canonical(v);
	sign_key k, pub;
	fixed_key(&k);
	pub = k;
	sodium_memzero(pub.sk, sizeof(pub.sk));
	pub.has_secret = false;
	bool read;
	uint64_t mask = ok_mask(v, &pub, &read);
	buf text;
	buf_init(&text, 0);
	json_t *back = mask ? canonical_again(v, &text) : NULL;
	if(mask && (!back || ok_mask(back, &pub, &read) != mask))
		abort();
	json_decref(back);
	buf_free(&text);
	if(read)
		check_sign(v, &k);
	else if(json_is_object(v) && !signed_doc_is_envelope(v))
		check_bare(v, &k, &pub);
	sign_key_wipe(&k);
	json_decref(v);
	return 0;
}
