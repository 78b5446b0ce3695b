/* The office's sealed keys (src/sign/vault.c): a key sealed under a
 * passphrase opens with it and with nothing else; a box, nonce, salt or
 * associated data altered does not open; what is signed with the opened
 * key verifies with the exported public key; in the database a wrong
 * passphrase is audited (the passphrase itself nowhere) and a revoked key
 * is erased. */
#include "testutil.h"

#include <sqlite3.h>

#include "audit/audit.h"
#include "sign/sign.h"

static const char pass[] = "correct horse battery staple";

/* Quick limits for most cases: what is tested is the sealing, not the
 * cost. One case below uses the default. */
static const sign_kdf quick = {crypto_pwhash_OPSLIMIT_MIN, crypto_pwhash_MEMLIMIT_MIN};

static sign_key public_of(const sign_key *k)
{
	sign_key p = *k;
	sodium_memzero(p.sk, sizeof(p.sk));
	p.has_secret = false;
	return p;
}

static store *fresh_store(void)
{
	static int counter;
	char path[4200], name[64];
	snprintf(name, sizeof(name), "vault-%d.db", counter++);
	store *st;
	pl_err err = {0};
	assert_ok(store_open(&st, tu_path(path, sizeof(path), tu_dir, name), NULL, STORE_CREATE, &err), &err);
	return st;
}

static void test_round_trip_and_signature(void **state)
{
	(void)state;
	sign_key k, pub, opened, exported;
	sign_sealed box;
	pl_err err = {0};
	assert_ok(sign_key_generate("UA", SIGN_PARTY, &k, &err), &err);
	assert_ok(sign_seal(&k, pass, &quick, &box, &err), &err);
	/* The seed is not in the box in the clear. */
	assert_true(memcmp(box.box, k.sk, 32) != 0);
	pub = public_of(&k);
	assert_ok(sign_unseal(&box, &pub, pass, &opened, &err), &err);
	assert_true(opened.has_secret);
	assert_memory_equal(opened.sk, k.sk, SIGN_SK_SIZE);
	assert_string_equal(opened.signer, "UA");

	/* Signed with the opened key, verified with the public key file. */
	buf text;
	buf_init(&text, 0);
	assert_ok(sign_key_public_text(&opened, &text, &err), &err);
	char path[4200];
	tu_write(tu_path(path, sizeof(path), tu_dir, "UA.pub"), buf_str(&text));
	buf_free(&text);
	assert_ok(sign_key_load(path, &exported, &err), &err);
	assert_false(exported.has_secret);
	json_t *env;
	signed_doc_signing info;
	assert_ok(signed_doc_wrap(json_pack("{s:s, s:[s,s]}", "stage", "S1", "parties", "UA", "RU"), &env, &err),
	          &err);
	assert_ok(signed_doc_sign(env, &opened, &info, &err), &err);
	sign_key_wipe(&opened);
	for(size_t i = 0; i < sizeof(opened); i++)
		assert_int_equal(((unsigned char *)&opened)[i], 0);
	signed_doc_report rep;
	assert_ok(signed_doc_verify(env, &exported, 1, &rep, &err), &err);
	assert_int_equal(rep.nsigs, 1);
	assert_true(signed_doc_sig_ok(&rep.sigs[0]));
	signed_doc_report_free(&rep);
	json_decref(env);
	sign_key_wipe(&k);
}

static void test_wrong_passphrase_and_tampering(void **state)
{
	(void)state;
	sign_key k, other, pub, opened;
	sign_sealed box, bad;
	pl_err err = {0};
	assert_ok(sign_key_generate("TR", SIGN_MEDIATOR, &k, &err), &err);
	assert_ok(sign_key_generate("TR", SIGN_MEDIATOR, &other, &err), &err);
	assert_ok(sign_seal(&k, pass, &quick, &box, &err), &err);
	pub = public_of(&k);

	assert_int_equal(sign_unseal(&box, &pub, "correct horse battery stapler", &opened, &err), PL_EINPUT);
	assert_contains(err.msg, "wrong passphrase for key ");
	assert_contains(err.msg, "of mediator TR");
	assert_null(strstr(err.msg, "stapler"));
	assert_false(opened.has_secret);
	assert_int_equal(sign_unseal(&box, &pub, "", &opened, &err), PL_EINPUT);

	/* Each part of the box altered by one bit. */
	unsigned char *parts[] = {bad.box, bad.box + SIGN_SEALED_SIZE - 1, bad.nonce, bad.salt};
	for(size_t i = 0; i < sizeof(parts) / sizeof(parts[0]); i++) {
		bad = box;
		parts[i][0] ^= 1;
		assert_int_equal(sign_unseal(&bad, &pub, pass, &opened, &err), PL_EINPUT);
		assert_contains(err.msg, "wrong passphrase");
	}
	/* The box of one key does not open as another's, nor as another
	 * signer's or role's (the associated data). */
	sign_key moved = public_of(&other);
	assert_int_equal(sign_unseal(&box, &moved, pass, &opened, &err), PL_EINPUT);
	sign_key renamed = pub;
	snprintf(renamed.signer, sizeof(renamed.signer), "ICRC");
	assert_int_equal(sign_unseal(&box, &renamed, pass, &opened, &err), PL_EINPUT);
	sign_key as_party = pub;
	as_party.role = SIGN_PARTY;
	assert_int_equal(sign_unseal(&box, &as_party, pass, &opened, &err), PL_EINPUT);
	/* Still opens untouched. */
	assert_ok(sign_unseal(&box, &pub, pass, &opened, &err), &err);
	sign_key_wipe(&opened);

	/* Passphrases too short to seal with, and a key with no secret. */
	assert_int_equal(sign_seal(&k, "short", &quick, &bad, &err), PL_EINPUT);
	assert_contains(err.msg, "passphrase: 12 to 1024");
	assert_int_equal(sign_seal(&pub, pass, &quick, &bad, &err), PL_EINPUT);
	sign_key_wipe(&k);
	sign_key_wipe(&other);
}

typedef struct audit_seen {
	int refused, seal, revoke;
	bool passphrase_seen, reason_seen;
} audit_seen;

static pl_rc look(void *ctx, const audit_entry *e)
{
	audit_seen *s = ctx;
	s->refused += !strcmp(e->action, "unlock.refused");
	s->seal += !strcmp(e->action, "seal");
	s->revoke += !strcmp(e->action, "revoke");
	for(const char *t = e->after; t; t = NULL) {
		s->passphrase_seen |= strstr(t, "horse") != NULL;
		s->reason_seen |= strstr(t, "\"reason\":\"laptop lost\"") != NULL;
	}
	return PL_OK;
}

/* Without a fingerprint, the newest key of the signer's role: a mediator's
 * officer is not handed the party's key because it was made later, nor a
 * negotiator the mediator's; none of the role is said as such. */
static void test_the_office_key_of_the_signers_role(void **state)
{
	(void)state;
	store *st = fresh_store();
	pl_err err = {0};
	sign_trusted party, mediator, got;
	assert_ok(sign_office_generate(st, "TR", SIGN_MEDIATOR, pass, &quick, "admin", &mediator, &err), &err);
	assert_int_equal(sign_office_key(st, NULL, 1u << SIGN_PARTY, &got, &err), PL_ECONFLICT);
	assert_string_equal(err.code, "sign.no_office_key_role");
	assert_string_equal(pl_err_arg_value(&err, "role"), "party");
	assert_ok(sign_office_generate(st, "UA", SIGN_PARTY, pass, &quick, "admin", &party, &err), &err);
	assert_ok(sign_office_key(st, NULL, 1u << SIGN_MEDIATOR, &got, &err), &err);
	assert_string_equal(got.fingerprint, mediator.fingerprint);
	assert_ok(sign_office_key(st, NULL, 1u << SIGN_PARTY, &got, &err), &err);
	assert_string_equal(got.fingerprint, party.fingerprint);
	/* Any role: the newest. */
	assert_ok(sign_office_key(st, NULL, 0, &got, &err), &err);
	assert_string_equal(got.fingerprint, party.fingerprint);
	store_close(st);
}

static void test_office_key_in_the_database(void **state)
{
	(void)state;
	store *st = fresh_store();
	pl_err err = {0};
	sign_trusted t;
	assert_ok(sign_office_generate(st, "UA", SIGN_PARTY, pass, &quick, "admin", &t, &err), &err);
	assert_true(t.held);
	assert_false(t.key.has_secret);
	sign_trusted again;
	assert_ok(sign_key_find(st, t.fingerprint, &again, &err), &err);
	assert_true(again.held);

	sign_key k;
	assert_int_equal(sign_office_unlock(st, NULL, "not the passphrase", "olena", &k, &err), PL_EINPUT);
	assert_contains(err.msg, "wrong passphrase");
	assert_false(k.has_secret);
	assert_ok(sign_office_unlock(st, NULL, pass, "olena", &k, &err), &err);
	assert_true(k.has_secret);
	assert_memory_equal(k.pk, t.key.pk, SIGN_PK_SIZE);
	sign_key_wipe(&k);
	/* By its fingerprint, too. */
	assert_ok(sign_office_unlock(st, t.fingerprint, pass, "olena", &k, &err), &err);
	sign_key_wipe(&k);

	/* Another's key (imported, public only) signs nothing here. */
	sign_key ru;
	bool added;
	assert_ok(sign_key_generate("RU", SIGN_PARTY, &ru, &err), &err);
	sign_key ru_pub = public_of(&ru);
	assert_ok(sign_key_trust(st, &ru_pub, "admin", &added, &err), &err);
	char fp[SIGN_FINGERPRINT_MAX];
	sign_fingerprint(ru.pk, fp);
	assert_int_equal(sign_office_unlock(st, fp, pass, "olena", &k, &err), PL_ECONFLICT);
	assert_contains(err.msg, "only its public part is here");
	sign_key_wipe(&ru);

	/* The sealed box altered in the file: it does not open. */
	sqlite3_exec(store_db(st), "UPDATE signing_secret SET sealed = randomblob(48)", NULL, NULL, NULL);
	assert_int_equal(sign_office_unlock(st, NULL, pass, "olena", &k, &err), PL_EINPUT);

	/* Revoked: the secret is gone, whatever the passphrase. */
	assert_ok(sign_key_revoke(st, t.fingerprint, "laptop lost", "admin", &again, &err), &err);
	assert_false(again.held);
	assert_int_equal(sign_office_unlock(st, NULL, pass, "olena", &k, &err), PL_ECONFLICT);
	assert_contains(err.msg, "holds no signing key");
	assert_int_equal(sign_office_unlock(st, t.fingerprint, pass, "olena", &k, &err), PL_ECONFLICT);
	assert_contains(err.msg, "was revoked on");
	sqlite3_stmt *q;
	assert_int_equal(sqlite3_prepare_v2(store_db(st), "SELECT count(*) FROM signing_secret", -1, &q, NULL),
	                 SQLITE_OK);
	assert_int_equal(sqlite3_step(q), SQLITE_ROW);
	assert_int_equal(sqlite3_column_int(q, 0), 0);
	sqlite3_finalize(q);

	/* The chain: sealed once, two refusals, the revocation with its
	 * reason, and the passphrase nowhere. */
	audit_seen seen = {0};
	audit_filter f = {0};
	assert_ok(audit_list(st, &f, look, &seen, &err), &err);
	assert_int_equal(seen.seal, 1);
	assert_int_equal(seen.refused, 2);
	assert_int_equal(seen.revoke, 1);
	assert_true(seen.reason_seen);
	assert_false(seen.passphrase_seen);
	store_close(st);
}

typedef struct seal_entry {
	char after[200];
} seal_entry;

static pl_rc find_seal(void *ctx, const audit_entry *e)
{
	if(!strcmp(e->action, "seal") && e->after)
		snprintf(((seal_entry *)ctx)->after, sizeof(((seal_entry *)ctx)->after), "%s", e->after);
	return PL_OK;
}

/* Without limits given, libsodium's moderate ones (said in the chain). */
static void test_default_limits(void **state)
{
	(void)state;
	store *st = fresh_store();
	pl_err err = {0};
	sign_trusted t;
	assert_ok(sign_office_generate(st, "TR", SIGN_MEDIATOR, pass, NULL, "admin", &t, &err), &err);
	seal_entry e = {{0}};
	audit_filter f = {0};
	assert_ok(audit_list(st, &f, find_seal, &e, &err), &err);
	char want[120];
	snprintf(want, sizeof(want), "\"opslimit\":%llu,\"memlimit\":%zu",
	         (unsigned long long)crypto_pwhash_OPSLIMIT_MODERATE, (size_t)crypto_pwhash_MEMLIMIT_MODERATE);
	assert_contains(e.after, want);
	assert_contains(e.after, "\"kdf\":\"argon2id13\"");
	store_close(st);
}

static void test_import_a_key_file(void **state)
{
	(void)state;
	store *st = fresh_store();
	pl_err err = {0};
	sign_key k, got;
	bool added;
	assert_ok(sign_key_generate("RU", SIGN_PARTY, &k, &err), &err);
	char pub_path[4200], sec_path[4200];
	tu_path(pub_path, sizeof(pub_path), tu_dir, "RU-import.pub");
	tu_path(sec_path, sizeof(sec_path), tu_dir, "RU-import.key");
	assert_ok(sign_key_save(&k, pub_path, false, &err), &err);
	assert_ok(sign_key_save(&k, sec_path, true, &err), &err);
	assert_ok(sign_key_import(st, pub_path, "RU.pub", "admin", &got, &added, &err), &err);
	assert_true(added);
	assert_string_equal(got.signer, "RU");
	assert_int_equal(sign_key_import(st, sec_path, "RU.key", "admin", &got, &added, &err), PL_EINPUT);
	assert_contains(err.msg, "RU.key is a secret key file");
	/* A bad file is named by the name given, not the path read. */
	tu_write(pub_path, "{\"parley\": \"public-key/1\"}");
	assert_int_equal(sign_key_import(st, pub_path, "upload.pub", "admin", &got, &added, &err), PL_EINPUT);
	assert_contains(err.msg, "upload.pub: ");
	assert_null(strstr(err.msg, tu_dir));
	sign_key_wipe(&k);
	store_close(st);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_round_trip_and_signature),
		cmocka_unit_test(test_wrong_passphrase_and_tampering),
		cmocka_unit_test(test_office_key_in_the_database),
		cmocka_unit_test(test_the_office_key_of_the_signers_role),
		cmocka_unit_test(test_default_limits),
		cmocka_unit_test(test_import_a_key_file),
	};
	return cmocka_run_group_tests_name("sign/vault", tests, tu_dir_setup, tu_dir_teardown);
}
