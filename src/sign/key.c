/* Signing keys: signer codes and roles, generation, fingerprints, and key
 * files. Trusted keys are in trusted.c, signed documents in document.c. */
#include <sodium.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include "core/file.h"
#include "core/json.h"
#include "core/text.h"
#include "sign/internal.h"

enum {
	SK_B64 = sodium_base64_ENCODED_LEN(SIGN_SK_SIZE, sodium_base64_VARIANT_ORIGINAL),
	KEY_FILE_MAX = 65536
};

const char *sign_role_name(sign_role r)
{
	return r == SIGN_MEDIATOR ? "mediator" : "party";
}

bool sign_role_parse(const char *s, sign_role *out)
{
	if(!strcmp(s, "party"))
		*out = SIGN_PARTY;
	else if(!strcmp(s, "mediator"))
		*out = SIGN_MEDIATOR;
	else
		return false;
	return true;
}

const char *sign_signer_invalid(const char *signer, sign_role role)
{
	size_t n = strlen(signer);
	bool digits = role == SIGN_MEDIATOR;
	for(size_t i = 0; i < n; i++)
		if(!((signer[i] >= 'A' && signer[i] <= 'Z') || (digits && signer[i] >= '0' && signer[i] <= '9')))
			n = 0;
	if(role == SIGN_PARTY && (n < 2 || n > 3))
		return "why.party_code";
	if(role == SIGN_MEDIATOR && (n < 2 || n > SIGN_SIGNER_MAX))
		return "why.mediator_code";
	return NULL;
}

pl_rc sign_key_generate(const char *signer, sign_role role, sign_key *out, pl_err *err)
{
	memset(out, 0, sizeof(*out));
	const char *why = sign_signer_invalid(signer, role);
	if(why)
		return pl_failc(err, PL_EINPUT, "sign.bad_signer", "signer", signer, "why", why, NULL);
	snprintf(out->signer, sizeof(out->signer), "%s", signer);
	out->role = role;
	crypto_sign_keypair(out->pk, out->sk);
	out->has_secret = true;
	return PL_OK;
}

void sign_key_wipe(sign_key *k)
{
	sodium_memzero(k, sizeof(*k));
}

void sign_fingerprint(const unsigned char pk[SIGN_PK_SIZE], char out[SIGN_FINGERPRINT_MAX])
{
	unsigned char h[crypto_hash_sha256_BYTES];
	crypto_hash_sha256(h, pk, SIGN_PK_SIZE);
	char hex[17];
	sodium_bin2hex(hex, sizeof(hex), h, 8);
	snprintf(out, SIGN_FINGERPRINT_MAX, "%.4s %.4s %.4s %.4s", hex, hex + 4, hex + 8, hex + 12);
}

bool sign_fingerprint_parse(const char *text, char out[SIGN_FINGERPRINT_MAX])
{
	char hex[17];
	size_t n = 0;
	for(const char *p = text; *p; p++) {
		char c = *p >= 'A' && *p <= 'F' ? (char)(*p - 'A' + 'a') : *p;
		if(c == ' ')
			continue;
		if(!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f')) || n == 16)
			return false;
		hex[n++] = c;
	}
	if(n != 16)
		return false;
	snprintf(out, SIGN_FINGERPRINT_MAX, "%.4s %.4s %.4s %.4s", hex, hex + 4, hex + 8, hex + 12);
	return true;
}

/* ---- key files -------------------------------------------------------- */

/* A key file's text into a fixed buffer (no copies left behind by a
 * growing one; wiped by the caller): the signer is checked, nothing needs
 * escaping. Returns its length. */
static size_t key_text(const sign_key *k, bool with_secret, char text[512])
{
	char pk[SIGN_PK_B64], sk[SK_B64], fp[SIGN_FINGERPRINT_MAX];
	sodium_bin2base64(pk, sizeof(pk), k->pk, SIGN_PK_SIZE, sodium_base64_VARIANT_ORIGINAL);
	int n;
	if(with_secret) {
		sodium_bin2base64(sk, sizeof(sk), k->sk, SIGN_SK_SIZE, sodium_base64_VARIANT_ORIGINAL);
		n = snprintf(text, 512,
		             "{\n  \"parley\": \"secret-key/1\",\n  \"signer\": \"%s\",\n  \"role\": \"%s\",\n"
		             "  \"public_key\": \"%s\",\n  \"secret_key\": \"%s\"\n}\n",
		             k->signer, sign_role_name(k->role), pk, sk);
		sodium_memzero(sk, sizeof(sk));
	} else {
		sign_fingerprint(k->pk, fp);
		n = snprintf(text, 512,
		             "{\n  \"parley\": \"public-key/1\",\n  \"signer\": \"%s\",\n  \"role\": \"%s\",\n"
		             "  \"public_key\": \"%s\",\n  \"fingerprint\": \"%s\"\n}\n",
		             k->signer, sign_role_name(k->role), pk, fp);
	}
	return n > 0 && n < 512 ? (size_t)n : 0;
}

static pl_rc savable(const sign_key *k, bool with_secret, pl_err *err)
{
	const char *why = sign_signer_invalid(k->signer, k->role);
	if(why)
		return pl_failc(err, PL_EINPUT, "key.cannot_save", "signer", k->signer, "why", why, NULL);
	if(with_secret && !k->has_secret)
		return pl_failc(err, PL_EINPUT, "key.save_no_secret", "signer", k->signer, NULL);
	return PL_OK;
}

pl_rc sign_key_save(const sign_key *k, const char *path, bool with_secret, pl_err *err)
{
	pl_rc rc = savable(k, with_secret, err);
	if(rc)
		return rc;
	char text[512];
	rc = file_write(path, text, key_text(k, with_secret, text), !with_secret, err);
	sodium_memzero(text, sizeof(text));
	return rc;
}

pl_rc sign_key_public_text(const sign_key *k, buf *out, pl_err *err)
{
	pl_rc rc = savable(k, false, err);
	char text[512];
	size_t n = rc ? 0 : key_text(k, false, text);
	return rc ? rc : buf_add(out, text, n) ? pl_nomem(err) : PL_OK;
}

bool sign_b64_decode(const char *s, unsigned char *out, size_t want)
{
	size_t n = 0;
	return !sodium_base642bin(out, want, s, strlen(s), NULL, &n, NULL, sodium_base64_VARIANT_ORIGINAL) &&
	       n == want;
}

/* A value read from a key file, for a message: its first 40 bytes. */
static const char *cut40(const char *s, char out[44])
{
	snprintf(out, 44, "%.40s", s);
	return out;
}

const char *sign_key_field(const json_t *o, const char *path, const char *name, pl_err *err)
{
	const json_t *v = json_object_get(o, name);
	if(!json_is_string(v)) {
		pl_failc(err, PL_EINPUT, v ? "key.field_not_string" : "key.field_missing", "file", path, "field",
		         name, NULL);
		return NULL;
	}
	return json_string_value(v);
}

pl_rc sign_key_only_fields(const json_t *o, const char *path, const char *const *allowed, pl_err *err)
{
	const char *key = json_unknown_key(o, allowed);
	if(!key)
		return PL_OK;
	char q[64];
	text_quote(key, q, sizeof(q));
	return pl_failc(err, PL_EINPUT, "key.unknown_field", "file", path, "field", q, NULL);
}

/* The secret part: it must be the one of the public key beside it. */
static pl_rc load_secret(const json_t *o, const char *path, sign_key *k, pl_err *err)
{
	const char *sk = sign_key_field(o, path, "secret_key", err);
	if(!sk)
		return PL_EINPUT;
	if(!sign_b64_decode(sk, k->sk, SIGN_SK_SIZE))
		return pl_failc(err, PL_EINPUT, "key.not_base64", "file", path, "field", "secret_key", "n",
		                PL_N(SIGN_SK_SIZE), NULL);
	unsigned char pk[SIGN_PK_SIZE], again[SIGN_SK_SIZE];
	crypto_sign_seed_keypair(pk, again, k->sk); /* the first 32 bytes are the seed */
	bool same = !sodium_memcmp(pk, k->pk, SIGN_PK_SIZE) && !sodium_memcmp(again, k->sk, SIGN_SK_SIZE);
	sodium_memzero(again, sizeof(again));
	if(!same)
		return pl_failc(err, PL_EINPUT, "key.secret_mismatch", "file", path, NULL);
	k->has_secret = true;
	return PL_OK;
}

static pl_rc load_fingerprint(const json_t *o, const char *path, const sign_key *k, pl_err *err)
{
	const char *given = sign_key_field(o, path, "fingerprint", err);
	if(!given)
		return PL_EINPUT;
	char fp[SIGN_FINGERPRINT_MAX], read[SIGN_FINGERPRINT_MAX];
	sign_fingerprint(k->pk, fp);
	if(!sign_fingerprint_parse(given, read) || strcmp(read, fp))
		return pl_failc(err, PL_EINPUT, "key.fingerprint_mismatch", "file", path, "given",
		                cut40(given, (char[44]){0}), "fingerprint", fp, NULL);
	return PL_OK;
}

static pl_rc load_key(const json_t *o, const char *path, sign_key *k, pl_err *err)
{
	static const char *const secret_fields[] = {"parley", "signer", "role", "public_key",
	                                            "secret_key", NULL};
	static const char *const public_fields[] = {"parley", "signer", "role", "public_key",
	                                            "fingerprint", NULL};
	const char *kind = sign_key_field(o, path, "parley", err);
	if(!kind)
		return pl_failc(err, PL_EINPUT, "key.not_parley", "file", path, NULL);
	bool secret = !strcmp(kind, "secret-key/1");
	if(!secret && strcmp(kind, "public-key/1"))
		return pl_failc(err, PL_EINPUT, "key.bad_kind", "file", path, "value",
		                cut40(kind, (char[44]){0}), NULL);
	pl_rc rc = sign_key_only_fields(o, path, secret ? secret_fields : public_fields, err);
	const char *signer = rc ? NULL : sign_key_field(o, path, "signer", err);
	const char *role = signer ? sign_key_field(o, path, "role", err) : NULL;
	const char *pk = role ? sign_key_field(o, path, "public_key", err) : NULL;
	if(!pk)
		return PL_EINPUT;
	if(!sign_role_parse(role, &k->role))
		return pl_failc(err, PL_EINPUT, "key.bad_role", "file", path, "value",
		                cut40(role, (char[44]){0}), NULL);
	const char *why = sign_signer_invalid(signer, k->role);
	if(why)
		return pl_failc(err, PL_EINPUT, "key.bad_signer", "file", path, "value",
		                cut40(signer, (char[44]){0}), "why", why, NULL);
	snprintf(k->signer, sizeof(k->signer), "%s", signer);
	if(!sign_b64_decode(pk, k->pk, SIGN_PK_SIZE))
		return pl_failc(err, PL_EINPUT, "key.not_base64", "file", path, "field", "public_key", "n",
		                PL_N(SIGN_PK_SIZE), NULL);
	return secret ? load_secret(o, path, k, err) : load_fingerprint(o, path, k, err);
}

/* Others may read a secret key file: refuse it, as ssh does. */
static pl_rc private_enough(const char *path, const char *text, pl_err *err)
{
	struct stat sb;
	if(!strstr(text, "secret-key/") || !strcmp(path, "-") || stat(path, &sb) || !(sb.st_mode & 077))
		return PL_OK;
	char mode[8];
	snprintf(mode, sizeof(mode), "%04o", (unsigned)(sb.st_mode & 07777));
	return pl_failc(err, PL_EINPUT, "key.too_open", "file", path, "mode", mode, NULL);
}

pl_rc sign_key_file_read(const char *path, json_t **out, pl_err *err)
{
	*out = NULL;
	buf b;
	buf_init(&b, 0);
	pl_rc rc = file_read(path, KEY_FILE_MAX, &b, err);
	if(!rc)
		rc = private_enough(path, buf_str(&b), err);
	json_t *o = NULL;
	json_error_t je;
	if(!rc && !(o = json_loadb(buf_str(&b), b.len, JSON_REJECT_DUPLICATES, &je)))
		rc = pl_failc(err, PL_EINPUT, "key.not_json", "file", path, "line", PL_N(je.line), "column",
		              PL_N(je.column), "detail", je.text, NULL);
	if(b.ptr)
		sodium_memzero(b.ptr, b.len);
	buf_free(&b);
	if(!rc && !json_is_object(o))
		rc = pl_failc(err, PL_EINPUT, "key.not_object", "file", path, NULL);
	if(rc)
		sign_key_file_free(o);
	else
		*out = o;
	return rc;
}

void sign_key_file_free(json_t *o)
{
	/* jansson keeps the secret's text until the value is freed. */
	json_t *sk = json_object_get(o, "secret_key");
	if(json_is_string(sk))
		sodium_memzero((char *)json_string_value(sk), json_string_length(sk));
	json_decref(o);
}

pl_rc sign_key_load(const char *path, sign_key *out, pl_err *err)
{
	memset(out, 0, sizeof(*out));
	json_t *o;
	pl_rc rc = sign_key_file_read(path, &o, err);
	if(!rc)
		rc = load_key(o, path, out, err);
	sign_key_file_free(o);
	if(rc)
		sign_key_wipe(out);
	return rc;
}
