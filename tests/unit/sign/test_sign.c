/* Signing keys and signed documents: key files (private, checked, named
 * errors), the trusted-key table on a real database, signing and
 * verifying, and each kind of tampering named exactly. */
#include "testutil.h"

#include <sys/stat.h>

#include "audit/audit.h"
#include "core/msg.h"
#include "sign/jcs.h"
#include "sign/sign.h"

/* Three signers, made once for the group. */
static sign_key ua, ru, tr;

static int setup(void **state)
{
	if(tu_dir_setup(state))
		return -1;
	pl_err err = {0};
	return sign_key_generate("UA", SIGN_PARTY, &ua, &err) || sign_key_generate("RU", SIGN_PARTY, &ru, &err) ||
	       sign_key_generate("TR", SIGN_MEDIATOR, &tr, &err);
}

static int teardown(void **state)
{
	sign_key_wipe(&ua);
	sign_key_wipe(&ru);
	sign_key_wipe(&tr);
	return tu_dir_teardown(state);
}

/* The public part of a key, as an office that imported it holds it. */
static sign_key public_of(const sign_key *k)
{
	sign_key p = *k;
	sodium_memzero(p.sk, sizeof(p.sk));
	p.has_secret = false;
	return p;
}

/* A manifest-like document: 20 entries, remains, parties and a mediator
 * (or none, with_mediator false). */
static json_t *sample(bool with_mediator)
{
	json_t *entries = json_array();
	for(int i = 0; i < 20; i++) {
		char name[32], birth[16];
		snprintf(name, sizeof(name), "Person %02d", i);
		snprintf(birth, sizeof(birth), "19%02d-0%d-1%d", 70 + i, 1 + i % 9, i % 10);
		json_array_append_new(entries, json_pack("{s:i, s:{s:s, s:s, s:s}, s:s}", "n", i, "person",
		                                         "surname", name, "birth_date", birth, "rank", "private",
		                                         "from", i % 2 ? "UA" : "RU"));
	}
	json_t *doc = json_pack("{s:s, s:s, s:[s,s], s:o, s:[{s:i, s:s}], s:f}", "parley", "manifest/1",
	                        "stage", "2025-06-09/1", "parties", "UA", "RU", "entries", entries,
	                        "remains", "count", 12, "batch", "B-1", "ratio", 0.5);
	if(with_mediator)
		json_object_set_new(doc, "mediator", json_string("TR"));
	return doc;
}

static json_t *signed_by_all(bool with_mediator)
{
	json_t *env;
	pl_err err = {0};
	signed_doc_signing info;
	assert_ok(signed_doc_wrap(sample(with_mediator), &env, &err), &err);
	assert_ok(signed_doc_sign(env, &ua, &info, &err), &err);
	assert_ok(signed_doc_sign(env, &ru, &info, &err), &err);
	assert_ok(signed_doc_sign(env, &tr, &info, &err), &err);
	return env;
}

/* Verify against UA, RU and TR's public keys; the sentence for signer's
 * signature into out (or "" if it has none). Returns whether it is ok. */
static bool verify_one(const json_t *env, const char *signer, char *out, size_t size)
{
	sign_key keys[3] = {public_of(&ua), public_of(&ru), public_of(&tr)};
	signed_doc_report rep;
	pl_err err = {0};
	assert_ok(signed_doc_verify(env, keys, 3, &rep, &err), &err);
	bool ok = false;
	out[0] = '\0';
	for(size_t i = 0; i < rep.nsigs; i++) {
		if(strcmp(rep.sigs[i].signer, signer))
			continue;
		buf b;
		buf_init(&b, 0);
		assert_int_equal(signed_doc_sig_text(&rep.sigs[i], &b), PL_OK);
		snprintf(out, size, "%s", buf_str(&b));
		buf_free(&b);
		ok = signed_doc_sig_ok(&rep.sigs[i]);
	}
	signed_doc_report_free(&rep);
	return ok;
}

static json_t *doc_of(json_t *env)
{
	return json_object_get(env, "document");
}

static json_t *entry(json_t *env, size_t i)
{
	return json_array_get(json_object_get(doc_of(env), "entries"), i);
}

/* ---- keys ------------------------------------------------------------- */

static void test_signer_codes_and_fingerprints(void **state)
{
	(void)state;
	assert_null(sign_signer_invalid("UA", SIGN_PARTY));
	assert_null(sign_signer_invalid("GBR", SIGN_PARTY));
	assert_non_null(sign_signer_invalid("U", SIGN_PARTY));
	assert_non_null(sign_signer_invalid("ua", SIGN_PARTY));
	assert_non_null(sign_signer_invalid("ICRC", SIGN_PARTY));
	assert_null(sign_signer_invalid("ICRC", SIGN_MEDIATOR));
	assert_null(sign_signer_invalid("UN2025", SIGN_MEDIATOR));
	assert_non_null(sign_signer_invalid("TOOLONGXX", SIGN_MEDIATOR));
	assert_non_null(sign_signer_invalid("TR-1", SIGN_MEDIATOR));
	sign_key k;
	pl_err err = {0};
	assert_int_equal(sign_key_generate("Ukraine", SIGN_PARTY, &k, &err), PL_EINPUT);
	assert_contains(err.msg, "2 or 3 capital letters");

	char fp[SIGN_FINGERPRINT_MAX], again[SIGN_FINGERPRINT_MAX];
	sign_fingerprint(ua.pk, fp);
	assert_int_equal(strlen(fp), 19);
	assert_true(fp[4] == ' ' && fp[9] == ' ' && fp[14] == ' ');
	unsigned char h[32];
	crypto_hash_sha256(h, ua.pk, 32);
	char hex[65];
	sodium_bin2hex(hex, sizeof(hex), h, 32);
	assert_memory_equal(fp, hex, 4);
	assert_memory_equal(fp + 15, hex + 12, 4);
	/* Any case, any spacing, reads back to the same. */
	char loose[32];
	snprintf(loose, sizeof(loose), "%.4s%.4s %.9s", fp, fp + 5, fp + 10);
	for(char *p = loose; *p; p++)
		*p = (char)(*p >= 'a' && *p <= 'f' ? *p - 'a' + 'A' : *p);
	assert_true(sign_fingerprint_parse(loose, again));
	assert_string_equal(again, fp);
	assert_false(sign_fingerprint_parse("3f9a 1c2b", again));
	assert_false(sign_fingerprint_parse("3f9a 1c2b 77e0 4d15 00", again));
	assert_false(sign_fingerprint_parse("zf9a 1c2b 77e0 4d15", again));
}

static void test_key_files_round_trip_and_are_private(void **state)
{
	(void)state;
	char secret[4200], public[4200];
	tu_path(secret, sizeof(secret), tu_dir, "ua.key");
	tu_path(public, sizeof(public), tu_dir, "ua.pub");
	pl_err err = {0};
	assert_ok(sign_key_save(&ua, secret, true, &err), &err);
	struct stat sb;
	assert_int_equal(stat(secret, &sb), 0);
	assert_int_equal(sb.st_mode & 0777, 0600);
	/* A secret key file is never replaced. */
	assert_int_equal(sign_key_save(&ru, secret, true, &err), PL_ECONFLICT);
	assert_contains(err.msg, "already exists");
	sign_key k;
	assert_ok(sign_key_load(secret, &k, &err), &err);
	assert_true(k.has_secret);
	assert_string_equal(k.signer, "UA");
	assert_int_equal(k.role, SIGN_PARTY);
	assert_memory_equal(k.pk, ua.pk, 32);
	assert_memory_equal(k.sk, ua.sk, 64);
	sign_key_wipe(&k);
	for(size_t i = 0; i < sizeof(k); i++)
		assert_int_equal(((unsigned char *)&k)[i], 0);

	assert_ok(sign_key_save(&ua, public, false, &err), &err);
	assert_ok(sign_key_save(&ua, public, false, &err), &err); /* a public one is */
	assert_ok(sign_key_load(public, &k, &err), &err);
	assert_false(k.has_secret);
	assert_memory_equal(k.pk, ua.pk, 32);
	FILE *f = fopen(public, "rb");
	char text[1024] = {0};
	assert_true(fread(text, 1, sizeof(text) - 1, f) > 0);
	fclose(f);
	assert_contains(text, "\"parley\": \"public-key/1\"");
	assert_null(strstr(text, "secret"));
	char fp[SIGN_FINGERPRINT_MAX];
	sign_fingerprint(ua.pk, fp);
	assert_contains(text, fp);

	/* Others may read it: refused, as ssh does. */
	assert_int_equal(chmod(secret, 0644), 0);
	assert_int_equal(sign_key_load(secret, &k, &err), PL_EINPUT);
	assert_contains(err.msg, "readable by its owner only");
	assert_contains(err.msg, "mode 0644");
	assert_int_equal(chmod(secret, 0600), 0);
}

static void test_key_file_errors_name_the_file_and_field(void **state)
{
	(void)state;
	char pk[64], sk[100], other[64];
	sodium_bin2base64(pk, sizeof(pk), ua.pk, 32, sodium_base64_VARIANT_ORIGINAL);
	sodium_bin2base64(sk, sizeof(sk), ru.sk, 64, sodium_base64_VARIANT_ORIGINAL);
	sodium_bin2base64(other, sizeof(other), ru.pk, 32, sodium_base64_VARIANT_ORIGINAL);
	char cases[9][512];
	snprintf(cases[0], 512, "not json");
	snprintf(cases[1], 512, "{\"parley\": \"manifest/1\"}");
	snprintf(cases[2], 512, "{\"signer\": \"UA\"}");
	snprintf(cases[3], 512, "{\"parley\": \"public-key/1\", \"signer\": \"UA\", \"role\": \"party\","
	                        " \"public_key\": \"%s\", \"fingerprint\": \"0000 0000 0000 0000\"}", pk);
	snprintf(cases[4], 512, "{\"parley\": \"public-key/1\", \"signer\": \"ua\", \"role\": \"party\","
	                        " \"public_key\": \"%s\"}", pk);
	snprintf(cases[5], 512, "{\"parley\": \"public-key/1\", \"signer\": \"UA\", \"role\": \"party\","
	                        " \"public_key\": \"AAAA\"}");
	snprintf(cases[6], 512, "{\"parley\": \"secret-key/1\", \"signer\": \"UA\", \"role\": \"party\","
	                        " \"public_key\": \"%s\", \"secret_key\": \"%s\"}", pk, sk);
	snprintf(cases[7], 512, "{\"parley\": \"public-key/1\", \"signer\": \"UA\", \"role\": \"king\","
	                        " \"public_key\": \"%s\"}", other);
	snprintf(cases[8], 512, "{\"parley\": \"public-key/1\", \"signer\": \"UA\", \"role\": \"party\","
	                        " \"public_key\": \"%s\", \"comment\": \"x\"}", pk);
	static const char *const want[9] = {
		"bad.key: not a key file: line 1",
		"bad.key: field 'parley' is 'manifest/1': expected 'secret-key/1' or 'public-key/1'",
		"bad.key: not a parley key file",
		"bad.key: field 'fingerprint' is '0000 0000 0000 0000', but the public key's fingerprint is",
		"bad.key: field 'signer' is 'ua': a party's code is 2 or 3 capital letters",
		"bad.key: field 'public_key' is not base64 of 32 bytes",
		"bad.key: field 'secret_key' does not belong to 'public_key'",
		"bad.key: field 'role' is 'king': expected party or mediator",
		"bad.key: unknown field 'comment'",
	};
	char path[4200];
	tu_path(path, sizeof(path), tu_dir, "bad.key");
	char shown[4300];
	snprintf(shown, sizeof(shown), "%s", path);
	report rep = {0};
	for(int i = 0; i < 9; i++) {
		unlink(path);
		tu_write(path, cases[i]);
		chmod(path, 0600);
		sign_key k;
		pl_err err = {0};
		pl_rc rc = sign_key_load(path, &k, &err);
		/* Messages name the file as given: compare from its base name. */
		const char *msg = strstr(err.msg, "bad.key");
		if(rc != PL_EINPUT || !msg || strncmp(msg, want[i], strlen(want[i])))
			report_add(&rep, "case %d: rc %d, '%s'\n  expected '%s'\n", i, rc, err.msg, want[i]);
		if(rc == PL_OK)
			sign_key_wipe(&k);
	}
	pl_err err = {0};
	sign_key k;
	tu_path(path, sizeof(path), tu_dir, "missing.key");
	assert_int_equal(sign_key_load(path, &k, &err), PL_ENOTFOUND);
	assert_contains(err.msg, "missing.key");
	report_check(&rep, 9);
}

/* ---- signing and verifying -------------------------------------------- */

static void test_sign_and_verify_round_trip(void **state)
{
	(void)state;
	json_t *env = signed_by_all(true);
	char text[2048];
	assert_true(verify_one(env, "UA", text, sizeof(text)));
	assert_contains(text, "signature of UA (party, key ");
	assert_contains(text, "): valid, trusted, and over this document");
	assert_true(verify_one(env, "RU", text, sizeof(text)));
	assert_true(verify_one(env, "TR", text, sizeof(text)));
	assert_contains(text, "signature of TR (mediator, key ");

	/* The envelope's shape. */
	json_t *sigs = json_object_get(env, "signatures");
	assert_int_equal(json_array_size(sigs), 3);
	json_t *s = json_array_get(sigs, 0);
	assert_int_equal(json_object_size(s), 7);
	assert_string_equal(json_string_value(json_object_get(s, "signer")), "UA");
	char sha[JCS_SHA256_HEX];
	pl_err err = {0};
	assert_ok(jcs_sha256_hex(doc_of(env), sha, &err), &err);
	assert_string_equal(json_string_value(json_object_get(s, "document_sha256")), sha);
	const char *leaf = json_string_value(json_object_get(json_object_get(json_array_get(
		json_object_get(json_object_get(env, "digests"), "entries"), 12), "person"), "birth_date"));
	assert_non_null(leaf);
	assert_int_equal(strlen(leaf), 8);

	/* The leaf digest is BLAKE2b-256 of path, NUL, canonical text. */
	const char *in = "entries[12].person.birth_date\0\"1982-04-12\"";
	unsigned char h[32];
	crypto_generichash(h, 32, (const unsigned char *)in, 30 + 12, NULL, 0);
	char hex[65];
	sodium_bin2hex(hex, sizeof(hex), h, 32);
	assert_memory_equal(leaf, hex, 8);

	/* Every required signer signed: the document's parties and mediator. */
	sign_required req[SIGN_REQUIRED_MAX];
	size_t n = signed_doc_required_from(doc_of(env), req, SIGN_REQUIRED_MAX);
	assert_int_equal(n, 3);
	assert_string_equal(req[2].signer, "TR");
	assert_int_equal(req[2].role, SIGN_MEDIATOR);
	sign_key keys[3] = {public_of(&ua), public_of(&ru), public_of(&tr)};
	signed_doc_report rep;
	assert_ok(signed_doc_verify(env, keys, 3, &rep, &err), &err);
	buf problems;
	buf_init(&problems, 0);
	assert_true(signed_doc_complete(&rep, req, n, &problems));
	assert_int_equal(problems.len, 0);
	/* With only two keys trusted, TR is not complete. */
	signed_doc_report_free(&rep);
	assert_ok(signed_doc_verify(env, keys, 2, &rep, &err), &err);
	assert_false(signed_doc_complete(&rep, req, n, &problems));
	assert_string_equal(buf_str(&problems), "mediator TR has no good signature (valid, by a trusted "
	                                        "key, over this document)\n");
	buf_reset(&problems);
	assert_ok(sign_required_parse("UA, RU,ICRC", req, SIGN_REQUIRED_MAX, &n, &err), &err);
	assert_false(signed_doc_complete(&rep, req, n, &problems));
	assert_string_equal(buf_str(&problems), "ICRC has not signed\n");
	assert_int_equal(sign_required_parse("UA,,RU", req, SIGN_REQUIRED_MAX, &n, &err), PL_EUSAGE);
	assert_int_equal(sign_required_parse("UA,ru", req, SIGN_REQUIRED_MAX, &n, &err), PL_EUSAGE);
	assert_contains(err.msg, "'ru' is not a signer code");
	buf_free(&problems);
	signed_doc_report_free(&rep);
	json_decref(env);
}

/* Canonical form is what is signed: writing the envelope out and reading
 * it back (other spacing, member order, number spelling) verifies still. */
static void test_verifies_after_a_round_trip_through_text(void **state)
{
	(void)state;
	json_t *env = signed_by_all(true);
	char *text = json_dumps(env, JSON_INDENT(3) | JSON_SORT_KEYS);
	json_t *back = json_loads(text, JSON_REJECT_DUPLICATES, NULL);
	free(text);
	char msg[2048];
	assert_true(verify_one(back, "UA", msg, sizeof(msg)));
	assert_true(verify_one(back, "TR", msg, sizeof(msg)));
	json_object_set_new(doc_of(back), "ratio", json_real(0.50));
	assert_true(verify_one(back, "RU", msg, sizeof(msg)));
	json_decref(back);
	json_decref(env);
}

static void test_a_changed_leaf_is_named(void **state)
{
	(void)state;
	json_t *env = signed_by_all(true);
	json_object_set_new(json_object_get(entry(env, 12), "person"), "birth_date", json_string("1983-04-12"));
	char text[2048];
	assert_false(verify_one(env, "RU", text, sizeof(text)));
	assert_contains(text, "signature of RU (party, key ");
	assert_contains(text, "): valid, but the document was changed after signing: "
	                      "entries[12].person.birth_date changed");
	/* A number changed to the same value in another spelling is no change. */
	json_t *env2 = signed_by_all(true);
	json_object_set_new(json_array_get(json_object_get(doc_of(env2), "remains"), 0), "count",
	                    json_real(12.0));
	assert_true(verify_one(env2, "UA", text, sizeof(text)));
	json_object_set_new(json_array_get(json_object_get(doc_of(env2), "remains"), 0), "count",
	                    json_integer(13));
	assert_false(verify_one(env2, "UA", text, sizeof(text)));
	assert_contains(text, "the document was changed after signing: remains[0].count changed");
	json_decref(env2);
	json_decref(env);
}

static void test_an_added_member_is_named(void **state)
{
	(void)state;
	json_t *env = signed_by_all(false);
	json_object_set_new(doc_of(env), "mediator", json_string("XX"));
	json_object_set_new(json_object_get(entry(env, 3), "person"), "father", json_string("Petro"));
	char text[2048];
	assert_false(verify_one(env, "UA", text, sizeof(text)));
	assert_contains(text, "after signing: entries[3].person.father added, mediator added");
	json_decref(env);
}

static void test_a_removed_element_is_named(void **state)
{
	(void)state;
	json_t *env = signed_by_all(true);
	json_array_remove(json_object_get(doc_of(env), "entries"), 3);
	char text[2048];
	assert_false(verify_one(env, "TR", text, sizeof(text)));
	assert_contains(text, "after signing: entries[3] removed");
	assert_null(strstr(text, "entries[4]"));
	/* A removal and, further on, a change: both, each at its place. */
	json_t *env2 = signed_by_all(true);
	json_t *entries = json_object_get(doc_of(env2), "entries");
	json_array_remove(entries, 5);
	json_object_set_new(json_object_get(json_array_get(entries, 9), "person"), "surname",
	                    json_string("Someone Else"));
	json_array_append_new(entries, json_pack("{s:i}", "n", 99));
	assert_false(verify_one(env2, "UA", text, sizeof(text)));
	assert_contains(text, "after signing: entries[5] removed, entries[9].person.surname changed, "
	                      "entries[19] added");
	json_decref(env2);
	json_decref(env);
}

static json_t *signature_of(json_t *env, size_t i)
{
	return json_array_get(json_object_get(env, "signatures"), i);
}

static void test_a_forged_signature_byte(void **state)
{
	(void)state;
	json_t *env = signed_by_all(true);
	json_t *s = signature_of(env, 1);
	unsigned char sig[64];
	assert_true(sign_b64_decode(json_string_value(json_object_get(s, "signature")), sig, 64));
	sig[17] ^= 0x01;
	char b64[100];
	sodium_bin2base64(b64, sizeof(b64), sig, 64, sodium_base64_VARIANT_ORIGINAL);
	json_object_set_new(s, "signature", json_string(b64));
	char text[2048];
	assert_false(verify_one(env, "RU", text, sizeof(text)));
	assert_contains(text, "signature of RU (party, key ");
	assert_contains(text, "): not valid (made with another key, or the signature bytes");
	assert_true(verify_one(env, "UA", text, sizeof(text))); /* the others stand */
	json_decref(env);
}

static void test_the_wrong_key(void **state)
{
	(void)state;
	json_t *env = signed_by_all(true);
	/* UA's signature, with RU's public key put in its place. */
	char b64[64];
	sodium_bin2base64(b64, sizeof(b64), ru.pk, 32, sodium_base64_VARIANT_ORIGINAL);
	json_object_set_new(signature_of(env, 0), "public_key", json_string(b64));
	char text[2048];
	assert_false(verify_one(env, "UA", text, sizeof(text)));
	assert_contains(text, "not valid (made with another key");
	json_decref(env);
}

static void test_an_untrusted_key(void **state)
{
	(void)state;
	json_t *env = signed_by_all(true);
	sign_key impostor;
	pl_err err = {0};
	signed_doc_signing info;
	assert_ok(sign_key_generate("TR", SIGN_MEDIATOR, &impostor, &err), &err);
	assert_ok(signed_doc_sign(env, &impostor, &info, &err), &err);
	assert_true(info.replaced);
	char text[2048];
	assert_false(verify_one(env, "TR", text, sizeof(text)));
	assert_contains(text, "valid, but key not trusted (it is not one of the imported keys of "
	                      "mediator TR)");
	/* Trusting nobody: */
	signed_doc_report rep;
	assert_ok(signed_doc_verify(env, NULL, 0, &rep, &err), &err);
	buf b;
	buf_init(&b, 0);
	assert_int_equal(signed_doc_sig_text(&rep.sigs[2], &b), PL_OK);
	assert_contains(buf_str(&b), "key not trusted (no public key for mediator TR was imported)");
	/* A revoked key is said to be revoked. */
	sign_key revoked = public_of(&ua);
	revoked.revoked = true;
	signed_doc_report_free(&rep);
	assert_ok(signed_doc_verify(env, &revoked, 1, &rep, &err), &err);
	buf_reset(&b);
	assert_int_equal(signed_doc_sig_text(&rep.sigs[0], &b), PL_OK);
	assert_contains(buf_str(&b), "key not trusted (this key of party UA was revoked)");
	buf_free(&b);
	signed_doc_report_free(&rep);
	sign_key_wipe(&impostor);
	json_decref(env);
}

static void test_a_swapped_signer_name(void **state)
{
	(void)state;
	json_t *env = signed_by_all(true);
	/* RU's signature relabelled as UA's: the name is signed. */
	json_object_set_new(signature_of(env, 1), "signer", json_string("UA"));
	char text[2048];
	assert_false(verify_one(env, "UA", text, sizeof(text)));
	assert_contains(text, "not valid");
	json_decref(env);
	/* RU signing in UA's name with its own key: valid, but not UA's key. */
	env = signed_by_all(true);
	sign_key fake = ru;
	snprintf(fake.signer, sizeof(fake.signer), "UA");
	signed_doc_signing info;
	pl_err err = {0};
	assert_ok(signed_doc_sign(env, &fake, &info, &err), &err);
	assert_false(verify_one(env, "UA", text, sizeof(text)));
	assert_contains(text, "key not trusted (this key was imported for party RU, not for party UA)");
	sign_key_wipe(&fake);
	json_decref(env);
}

static void test_digests_tampered_too(void **state)
{
	(void)state;
	json_t *env = signed_by_all(true);
	json_object_set_new(json_object_get(entry(env, 12), "person"), "birth_date", json_string("1983-04-12"));
	/* The forger recomputes the digests to hide the change. */
	json_t *digests;
	pl_err err = {0};
	assert_ok(signed_doc_digests(doc_of(env), &digests, &err), &err);
	json_object_set_new(env, "digests", digests);
	char text[2048];
	assert_false(verify_one(env, "RU", text, sizeof(text)));
	assert_contains(text, "valid, but the document was changed after signing (and so were the "
	                      "digests, so the changed fields cannot be named)");
	json_decref(env);
	/* Digests altered alone: the signatures stand (they cover the document). */
	env = signed_by_all(true);
	json_object_set_new(json_object_get(env, "digests"), "stage", json_string("00000000"));
	assert_true(verify_one(env, "RU", text, sizeof(text)));
	sign_key keys[1] = {public_of(&ua)};
	signed_doc_report rep;
	assert_ok(signed_doc_verify(env, keys, 1, &rep, &err), &err);
	assert_false(rep.digests_current);
	signed_doc_report_free(&rep);
	json_decref(env);
}

static void test_signing_again_after_a_change(void **state)
{
	(void)state;
	json_t *env = signed_by_all(true);
	json_object_set_new(json_object_get(entry(env, 0), "person"), "rank", json_string("sergeant"));
	signed_doc_signing info;
	pl_err err = {0};
	assert_ok(signed_doc_sign(env, &ua, &info, &err), &err);
	assert_true(info.replaced);
	assert_true(info.digests_renewed);
	assert_int_equal(info.dropped, 2);
	assert_string_equal(info.dropped_text, "RU (party), TR (mediator)");
	assert_int_equal(json_array_size(json_object_get(env, "signatures")), 1);
	char text[2048];
	assert_true(verify_one(env, "UA", text, sizeof(text)));
	/* Signing the same document again keeps the others and the order. */
	assert_ok(signed_doc_sign(env, &ru, &info, &err), &err);
	assert_ok(signed_doc_sign(env, &ua, &info, &err), &err);
	assert_true(info.replaced);
	assert_false(info.digests_renewed);
	assert_int_equal(info.dropped, 0);
	assert_string_equal(json_string_value(json_object_get(signature_of(env, 0), "signer")), "UA");
	assert_string_equal(json_string_value(json_object_get(signature_of(env, 1), "signer")), "RU");
	/* Garbage in the list is dropped, said so. */
	json_array_append_new(json_object_get(env, "signatures"), json_string("junk"));
	assert_ok(signed_doc_sign(env, &tr, &info, &err), &err);
	assert_int_equal(info.dropped, 1);
	assert_string_equal(info.dropped_text, "signatures[2] (not a signature)");
	/* A key without its secret cannot sign. */
	sign_key pub = public_of(&ua);
	assert_int_equal(signed_doc_sign(env, &pub, &info, &err), PL_EINPUT);
	assert_contains(err.msg, "no secret part");
	json_decref(env);
}

/* The sign module's refusals carry a code and arguments: the same
 * message in Ukrainian, a nested reason ({@why}) included. */
static void test_refusals_by_code_in_ukrainian(void **state)
{
	(void)state;
	char uk[PL_ERR_MSG_MAX];
	pl_err err = {0};
	sign_key k;
	assert_int_equal(sign_key_generate("ua", SIGN_PARTY, &k, &err), PL_EINPUT);
	assert_string_equal(err.code, "sign.bad_signer");
	assert_string_equal(err.msg, "'ua': a party's code is 2 or 3 capital letters (UA, RU)");
	msg_err_text(&err, LANG_UK, uk, sizeof(uk));
	assert_string_equal(uk, "«ua»: код сторони — 2 або 3 великі латинські літери (UA, RU)");

	sign_required req[SIGN_REQUIRED_MAX];
	size_t n;
	assert_int_equal(sign_required_parse("UA,icrc", req, SIGN_REQUIRED_MAX, &n, &err), PL_EUSAGE);
	assert_string_equal(err.code, "sign.bad_code");
	msg_err_text(&err, LANG_RU, uk, sizeof(uk));
	assert_contains(uk, "«icrc» — не код подписанта");

	char path[4200];
	tu_path(path, sizeof(path), tu_dir, "king.key");
	tu_write(path, "{\"parley\": \"public-key/1\", \"signer\": \"UA\", \"role\": \"king\", "
	               "\"public_key\": \"AAAA\"}");
	assert_int_equal(sign_key_load(path, &k, &err), PL_EINPUT);
	assert_string_equal(err.code, "key.bad_role");
	msg_err_text(&err, LANG_UK, uk, sizeof(uk));
	assert_contains(uk, "king.key: у полі «role» стоїть «king»: очікується party (сторона) або "
	                    "mediator (посередник)");

	/* A canonical JSON refusal after the context the verifier puts in front. */
	json_t *v = json_loads("{\"document\": {\"entries\": [{\"count\": 9007199254740993}]}}", 0, NULL);
	signed_doc_report rep;
	assert_int_equal(signed_doc_verify(v, NULL, 0, &rep, &err), PL_EINPUT);
	signed_doc_report_free(&rep);
	json_decref(v);
	assert_string_equal(err.code, "jcs.at");
	msg_err_text(&err, LANG_UK, uk, sizeof(uk));
	assert_contains(uk, "канонічний JSON: у entries[0].count: ціле число 9007199254740993 виходить за "
	                    "межу 2^53");
}

static void test_envelope_and_document_errors(void **state)
{
	(void)state;
	static const struct {
		const char *json, *why;
	} bad[] = {
		{"[]", "not a signed document"},
		{"{\"digests\": {}}", "\"document\" is missing"},
		{"{\"document\": [1]}", "\"document\" is not a JSON object"},
		{"{\"document\": {}, \"signatures\": {}}", "\"signatures\" is not an array"},
		{"{\"document\": {}, \"note\": 1}", "unknown member 'note'"},
		{"{\"document\": {\"entries\": [{\"count\": 9007199254740993}]}}",
		 "the document: canonical JSON: at entries[0].count: the integer"},
	};
	report r = {0};
	for(size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		json_t *v = json_loads(bad[i].json, JSON_DECODE_ANY, NULL);
		signed_doc_report rep;
		pl_err err = {0};
		pl_rc rc = signed_doc_verify(v, NULL, 0, &rep, &err);
		signed_doc_report_free(&rep);
		if(rc != PL_EINPUT || !strstr(err.msg, bad[i].why))
			report_add(&r, "%s: rc %d, '%s'\n", bad[i].json, rc, err.msg);
		signed_doc_signing info;
		if(json_is_object(v) && signed_doc_sign(v, &ua, &info, &err) != PL_EINPUT)
			report_add(&r, "%s: signed\n", bad[i].json);
		json_decref(v);
	}
	report_check(&r, (int)(sizeof(bad) / sizeof(bad[0])));

	/* A malformed signature is reported, not fatal. */
	json_t *env = signed_by_all(true);
	json_object_set_new(signature_of(env, 2), "role", json_string("observer"));
	json_object_del(signature_of(env, 1), "signed_at");
	signed_doc_report rep;
	pl_err err = {0};
	assert_ok(signed_doc_verify(env, NULL, 0, &rep, &err), &err);
	buf b;
	buf_init(&b, 0);
	assert_int_equal(signed_doc_sig_text(&rep.sigs[1], &b), PL_OK);
	assert_string_equal(buf_str(&b), "signatures[1] (by RU): not a well-formed signature: field "
	                                 "'signed_at' is missing or not a string");
	buf_reset(&b);
	assert_int_equal(signed_doc_sig_text(&rep.sigs[2], &b), PL_OK);
	assert_contains(buf_str(&b), "field 'role' is not party or mediator");
	json_t *j = signed_doc_report_json(&rep);
	assert_int_equal(json_array_size(json_object_get(j, "signatures")), 3);
	assert_false(json_is_true(json_object_get(json_array_get(json_object_get(j, "signatures"), 1), "ok")));
	json_decref(j);
	buf_free(&b);
	signed_doc_report_free(&rep);
	json_decref(env);
}

/* ---- trusted keys ----------------------------------------------------- */

static store *fresh_store(void)
{
	static int counter;
	char path[4200], name[64];
	snprintf(name, sizeof(name), "keys-%d.db", counter++);
	store *st;
	pl_err err = {0};
	assert_ok(store_open(&st, tu_path(path, sizeof(path), tu_dir, name), NULL, STORE_CREATE, &err), &err);
	return st;
}

static pl_rc count_row(void *ctx, const sign_trusted *t)
{
	(void)t;
	(*(int *)ctx)++;
	return PL_OK;
}

static void test_trusted_keys_table(void **state)
{
	(void)state;
	store *st = fresh_store();
	pl_err err = {0};
	bool added;
	sign_key pu = public_of(&ua);
	assert_ok(sign_key_trust(st, &pu, "tester", &added, &err), &err);
	assert_true(added);
	assert_ok(sign_key_trust(st, &pu, "tester", &added, &err), &err); /* again: nothing */
	assert_false(added);
	/* A second live key for UA: rotation. */
	sign_key ua2;
	assert_ok(sign_key_generate("UA", SIGN_PARTY, &ua2, &err), &err);
	assert_ok(sign_key_trust(st, &ua2, "tester", &added, &err), &err);
	assert_true(added);
	/* UA's key cannot also be RU's. */
	sign_key as_ru = pu;
	snprintf(as_ru.signer, sizeof(as_ru.signer), "RU");
	assert_int_equal(sign_key_trust(st, &as_ru, "tester", &added, &err), PL_ECONFLICT);
	assert_contains(err.msg, "is already trusted as the key of party UA, not of party RU");
	sign_key pt = public_of(&tr);
	assert_ok(sign_key_trust(st, &pt, "tester", &added, &err), &err);

	arena a;
	arena_init(&a, 0);
	sign_key *keys;
	size_t n;
	assert_ok(sign_keys_trusted(st, &a, false, &keys, &n, &err), &err);
	assert_int_equal(n, 3);
	assert_string_equal(keys[2].signer, "TR");
	assert_int_equal(keys[2].role, SIGN_MEDIATOR);
	assert_memory_equal(keys[0].pk, ua.pk, 32);
	assert_false(keys[0].has_secret);

	/* Revoke the first UA key by its fingerprint, written any way. */
	char fp[SIGN_FINGERPRINT_MAX], loose[24];
	sign_fingerprint(ua.pk, fp);
	snprintf(loose, sizeof(loose), "%.4s%.4s%.4s%.4s", fp, fp + 5, fp + 10, fp + 15);
	sign_trusted t;
	assert_ok(sign_key_revoke(st, loose, NULL, "tester", &t, &err), &err);
	assert_string_equal(t.key.signer, "UA");
	assert_true(t.revoked_at[0] != '\0');
	assert_int_equal(sign_key_revoke(st, fp, NULL, "tester", &t, &err), PL_ECONFLICT);
	assert_contains(err.msg, "was already revoked on");
	assert_int_equal(sign_key_revoke(st, "0000 0000 0000 0000", NULL, "tester", &t, &err), PL_ENOTFOUND);
	assert_int_equal(sign_key_revoke(st, "nonsense", NULL, "tester", &t, &err), PL_EINPUT);
	/* Once revoked, never trusted again. */
	assert_int_equal(sign_key_trust(st, &pu, "tester", &added, &err), PL_ECONFLICT);
	assert_contains(err.msg, "was revoked on");
	int live = 0, all = 0;
	assert_ok(sign_keys_each(st, false, count_row, &live, &err), &err);
	assert_ok(sign_keys_each(st, true, count_row, &all, &err), &err);
	assert_int_equal(live, 2);
	assert_int_equal(all, 3);
	assert_ok(sign_keys_trusted(st, &a, true, &keys, &n, &err), &err);
	assert_int_equal(n, 3);
	assert_true(keys[0].revoked);

	/* A signature by the revoked key no longer counts. */
	json_t *env = signed_by_all(true);
	signed_doc_report rep;
	assert_ok(signed_doc_verify(env, keys, n, &rep, &err), &err);
	assert_false(signed_doc_sig_ok(&rep.sigs[0]));
	assert_false(signed_doc_sig_ok(&rep.sigs[1])); /* RU was never imported */
	assert_true(signed_doc_sig_ok(&rep.sigs[2]));
	signed_doc_report_free(&rep);
	json_decref(env);

	/* Every change is in the audit chain, which holds. */
	sqlite3_stmt *s;
	assert_int_equal(sqlite3_prepare_v2(store_db(st), "SELECT action, entity, entity_uid FROM audit"
	                                    " WHERE entity = 'signing_key' ORDER BY seq", -1, &s, NULL),
	                 SQLITE_OK);
	const char *want[] = {"trust", "trust", "trust", "revoke"};
	for(int i = 0; i < 4; i++) {
		assert_int_equal(sqlite3_step(s), SQLITE_ROW);
		assert_string_equal((const char *)sqlite3_column_text(s, 0), want[i]);
	}
	assert_int_equal(sqlite3_step(s), SQLITE_DONE);
	sqlite3_finalize(s);
	audit_verify_report ar;
	assert_ok(audit_verify(st, &ar, &err), &err);
	arena_free(&a);
	sign_key_wipe(&ua2);
	store_close(st);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_signer_codes_and_fingerprints),
		cmocka_unit_test(test_key_files_round_trip_and_are_private),
		cmocka_unit_test(test_key_file_errors_name_the_file_and_field),
		cmocka_unit_test(test_sign_and_verify_round_trip),
		cmocka_unit_test(test_verifies_after_a_round_trip_through_text),
		cmocka_unit_test(test_a_changed_leaf_is_named),
		cmocka_unit_test(test_an_added_member_is_named),
		cmocka_unit_test(test_a_removed_element_is_named),
		cmocka_unit_test(test_a_forged_signature_byte),
		cmocka_unit_test(test_the_wrong_key),
		cmocka_unit_test(test_an_untrusted_key),
		cmocka_unit_test(test_a_swapped_signer_name),
		cmocka_unit_test(test_digests_tampered_too),
		cmocka_unit_test(test_signing_again_after_a_change),
		cmocka_unit_test(test_envelope_and_document_errors),
		cmocka_unit_test(test_refusals_by_code_in_ukrainian),
		cmocka_unit_test(test_trusted_keys_table),
	};
	return cmocka_run_group_tests_name("sign/sign", tests, setup, teardown);
}
