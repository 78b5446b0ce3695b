/* Encrypted files: the header, recipient keys, and the chunked stream
 * (crypt.h). */
#define _GNU_SOURCE /* fopencookie */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/file.h"
#include "sign/crypt.h"
#include "sign/internal.h"

typedef char crypt_sizes_agree[CRYPT_SEALED_KEY == crypto_box_SEALBYTES + CRYPT_KEY_SIZE &&
                                       CRYPT_STREAM_HEADER == crypto_secretstream_xchacha20poly1305_HEADERBYTES &&
                                       CRYPT_KEY_SIZE == crypto_secretstream_xchacha20poly1305_KEYBYTES
                                   ? 1 : -1];

static const unsigned char magic[8] = {'P', 'A', 'R', 'L', 'E', 'Y', 'X', '1'};

enum {
	ABYTES = crypto_secretstream_xchacha20poly1305_ABYTES,
	SK_B64 = sodium_base64_ENCODED_LEN(CRYPT_KEY_SIZE, sodium_base64_VARIANT_ORIGINAL)
};

/* ---- recipient keys ----------------------------------------------------- */

static bool name_ok(const char *s)
{
	size_t n = strlen(s);
	for(size_t i = 0; i < n; i++)
		if(!((s[i] >= 'a' && s[i] <= 'z') || (s[i] >= 'A' && s[i] <= 'Z') || (s[i] >= '0' && s[i] <= '9') ||
		     s[i] == ' ' || s[i] == '.' || s[i] == '_' || s[i] == '-'))
			return false;
	return n >= 1 && n <= CRYPT_NAME_MAX;
}

static void key_id(const unsigned char pk[CRYPT_KEY_SIZE], unsigned char id[CRYPT_ID_SIZE])
{
	unsigned char h[crypto_hash_sha256_BYTES];
	crypto_hash_sha256(h, pk, CRYPT_KEY_SIZE);
	memcpy(id, h, CRYPT_ID_SIZE);
}

/* "3f9a 1c2b 77e0 4d15": the key id as the signing keys' fingerprints read. */
static void id_text(const unsigned char id[CRYPT_ID_SIZE], char out[SIGN_FINGERPRINT_MAX])
{
	char hex[2 * CRYPT_ID_SIZE + 1];
	sodium_bin2hex(hex, sizeof(hex), id, CRYPT_ID_SIZE);
	snprintf(out, SIGN_FINGERPRINT_MAX, "%.4s %.4s %.4s %.4s", hex, hex + 4, hex + 8, hex + 12);
}

pl_rc crypt_key_generate(const char *name, crypt_key *out, pl_err *err)
{
	memset(out, 0, sizeof(*out));
	if(!name_ok(name))
		return pl_failc(err, PL_EINPUT, "crypt.bad_name", "name", name, "max", PL_N(CRYPT_NAME_MAX), NULL);
	snprintf(out->name, sizeof(out->name), "%s", name);
	crypto_box_keypair(out->pk, out->sk);
	out->has_secret = true;
	return PL_OK;
}

void crypt_key_wipe(crypt_key *k)
{
	sodium_memzero(k, sizeof(*k));
}

pl_rc crypt_key_save(const crypt_key *k, const char *path, bool with_secret, pl_err *err)
{
	if(!name_ok(k->name))
		return pl_failc(err, PL_EINPUT, "crypt.bad_name", "name", k->name, "max", PL_N(CRYPT_NAME_MAX), NULL);
	if(with_secret && !k->has_secret)
		return pl_failc(err, PL_EINPUT, "crypt.no_secret", "name", k->name, NULL);
	char pk[SK_B64], sk[SK_B64], fp[SIGN_FINGERPRINT_MAX], text[512];
	unsigned char id[CRYPT_ID_SIZE];
	sodium_bin2base64(pk, sizeof(pk), k->pk, CRYPT_KEY_SIZE, sodium_base64_VARIANT_ORIGINAL);
	int n;
	if(with_secret) {
		sodium_bin2base64(sk, sizeof(sk), k->sk, CRYPT_KEY_SIZE, sodium_base64_VARIANT_ORIGINAL);
		n = snprintf(text, sizeof(text),
		             "{\n  \"parley\": \"box-secret-key/1\",\n  \"name\": \"%s\",\n"
		             "  \"public_key\": \"%s\",\n  \"secret_key\": \"%s\"\n}\n", k->name, pk, sk);
		sodium_memzero(sk, sizeof(sk));
	} else {
		key_id(k->pk, id);
		id_text(id, fp);
		n = snprintf(text, sizeof(text),
		             "{\n  \"parley\": \"box-public-key/1\",\n  \"name\": \"%s\",\n"
		             "  \"public_key\": \"%s\",\n  \"fingerprint\": \"%s\"\n}\n", k->name, pk, fp);
	}
	pl_rc rc = file_write(path, text, n > 0 && n < (int)sizeof(text) ? (size_t)n : 0, !with_secret, err);
	sodium_memzero(text, sizeof(text));
	return rc;
}

static pl_rc load_box_key(const json_t *o, const char *path, crypt_key *k, pl_err *err)
{
	static const char *const secret_fields[] = {"parley", "name", "public_key", "secret_key", NULL};
	static const char *const public_fields[] = {"parley", "name", "public_key", "fingerprint", NULL};
	const char *kind = sign_key_field(o, path, "parley", err);
	if(!kind)
		return pl_failc(err, PL_EINPUT, "key.not_parley", "file", path, NULL);
	bool secret = !strcmp(kind, "box-secret-key/1");
	if(!secret && strcmp(kind, "box-public-key/1"))
		return pl_failc(err, PL_EINPUT, "crypt.not_box_key", "file", path, NULL);
	pl_rc rc = sign_key_only_fields(o, path, secret ? secret_fields : public_fields, err);
	const char *name = rc ? NULL : sign_key_field(o, path, "name", err);
	const char *pk = name ? sign_key_field(o, path, "public_key", err) : NULL;
	if(!pk)
		return PL_EINPUT;
	if(!name_ok(name))
		return pl_failc(err, PL_EINPUT, "crypt.bad_name", "name", "?", "max", PL_N(CRYPT_NAME_MAX), NULL);
	snprintf(k->name, sizeof(k->name), "%s", name);
	if(!sign_b64_decode(pk, k->pk, CRYPT_KEY_SIZE))
		return pl_failc(err, PL_EINPUT, "key.not_base64", "file", path, "field", "public_key", "n",
		                PL_N(CRYPT_KEY_SIZE), NULL);
	if(!secret) {
		const char *given = sign_key_field(o, path, "fingerprint", err);
		unsigned char id[CRYPT_ID_SIZE];
		char fp[SIGN_FINGERPRINT_MAX], read[SIGN_FINGERPRINT_MAX];
		if(!given)
			return PL_EINPUT;
		key_id(k->pk, id);
		id_text(id, fp);
		if(!sign_fingerprint_parse(given, read) || strcmp(read, fp))
			return pl_failc(err, PL_EINPUT, "key.fingerprint_mismatch", "file", path, "given", "?",
			                "fingerprint", fp, NULL);
		return PL_OK;
	}
	const char *sk = sign_key_field(o, path, "secret_key", err);
	if(!sk)
		return PL_EINPUT;
	if(!sign_b64_decode(sk, k->sk, CRYPT_KEY_SIZE))
		return pl_failc(err, PL_EINPUT, "key.not_base64", "file", path, "field", "secret_key", "n",
		                PL_N(CRYPT_KEY_SIZE), NULL);
	unsigned char again[CRYPT_KEY_SIZE];
	crypto_scalarmult_base(again, k->sk);
	bool same = !sodium_memcmp(again, k->pk, CRYPT_KEY_SIZE);
	sodium_memzero(again, sizeof(again));
	if(!same)
		return pl_failc(err, PL_EINPUT, "key.secret_mismatch", "file", path, NULL);
	k->has_secret = true;
	return PL_OK;
}

pl_rc crypt_key_parse_public(const char *text, size_t len, const char *name, crypt_key *out, pl_err *err)
{
	memset(out, 0, sizeof(*out));
	json_error_t je;
	json_t *o = json_loadb(text, len, JSON_REJECT_DUPLICATES, &je);
	pl_rc rc = PL_OK;
	if(!o)
		rc = pl_failc(err, PL_EINPUT, "key.not_json", "file", name, "line", PL_N(je.line), "column",
		              PL_N(je.column), "detail", je.text, NULL);
	else if(!json_is_object(o))
		rc = pl_failc(err, PL_EINPUT, "key.not_object", "file", name, NULL);
	else if(!(rc = load_box_key(o, name, out, err)) && out->has_secret)
		rc = pl_failc(err, PL_EINPUT, "crypt.secret_given", "file", name, NULL);
	sign_key_file_free(o);
	if(rc)
		crypt_key_wipe(out);
	return rc;
}

pl_rc crypt_key_load(const char *path, crypt_key *out, pl_err *err)
{
	memset(out, 0, sizeof(*out));
	json_t *o;
	pl_rc rc = sign_key_file_read(path, &o, err);
	if(!rc)
		rc = load_box_key(o, path, out, err);
	sign_key_file_free(o);
	if(rc)
		crypt_key_wipe(out);
	return rc;
}

/* ---- the header ---------------------------------------------------------- */

static void put64(unsigned char *p, uint64_t v)
{
	for(int i = 7; i >= 0; i--, v >>= 8)
		p[i] = (unsigned char)v;
}

static uint64_t get64(const unsigned char *p)
{
	uint64_t v = 0;
	for(int i = 0; i < 8; i++)
		v = v << 8 | p[i];
	return v;
}

static bool content_ok(const char *s, size_t n)
{
	for(size_t i = 0; i < n; i++)
		if(s[i] < 'a' || s[i] > 'z')
			return false;
	return n >= 1 && n <= CRYPT_CONTENT_MAX;
}

/* What a file may ask of the reader: from libsodium's least to its
 * "sensitive" limits (4 passes over 1 GiB), no more. */
static bool kdf_ok(const sign_kdf *k)
{
	return k->opslimit >= crypto_pwhash_OPSLIMIT_MIN && k->opslimit <= crypto_pwhash_OPSLIMIT_SENSITIVE &&
	       k->memlimit >= crypto_pwhash_MEMLIMIT_MIN && k->memlimit <= crypto_pwhash_MEMLIMIT_SENSITIVE;
}

pl_rc crypt_header_parse(const unsigned char *p, size_t n, const char *name, crypt_header *out,
                         size_t *need, pl_err *err)
{
	memset(out, 0, sizeof(*out));
	size_t want = 10;
	if(need)
		*need = 0;
	if(n < sizeof(magic) || memcmp(p, magic, sizeof(magic)))
		return n < sizeof(magic) && !memcmp(p, magic, n) && n
		           ? pl_failc(err, PL_EINPUT, "crypt.truncated", "file", name, NULL)
		           : pl_failc(err, PL_EINPUT, "crypt.not_encrypted", "file", name, NULL);
	if(n < want) {
		if(need)
			*need = want;
		return pl_failc(err, PL_EINPUT, "crypt.truncated", "file", name, NULL);
	}
	unsigned mode = p[8], clen = p[9];
	if(mode != CRYPT_PASSPHRASE && mode != CRYPT_RECIPIENT)
		return pl_failc(err, PL_EINPUT, "crypt.unknown_mode", "file", name, "mode", PL_N(mode), NULL);
	if(clen < 1 || clen > CRYPT_CONTENT_MAX)
		return pl_failc(err, PL_EINPUT, "crypt.bad_header", "file", name, NULL);
	want += clen + (mode == CRYPT_PASSPHRASE ? 16 + SIGN_SALT_SIZE : CRYPT_ID_SIZE + CRYPT_SEALED_KEY) +
	        CRYPT_STREAM_HEADER;
	if(need)
		*need = want;
	if(n < want)
		return pl_failc(err, PL_EINPUT, "crypt.truncated", "file", name, NULL);
	if(!content_ok((const char *)p + 10, clen))
		return pl_failc(err, PL_EINPUT, "crypt.bad_header", "file", name, NULL);
	out->mode = (crypt_mode)mode;
	memcpy(out->content, p + 10, clen);
	const unsigned char *q = p + 10 + clen;
	if(mode == CRYPT_PASSPHRASE) {
		uint64_t ops = get64(q), mem = get64(q + 8);
		out->kdf.opslimit = (unsigned long long)ops;
		out->kdf.memlimit = mem > SIZE_MAX ? 0 : (size_t)mem;
		if(!kdf_ok(&out->kdf))
			return pl_failc(err, PL_EINPUT, "crypt.kdf_range", "file", name, NULL);
		memcpy(out->salt, q + 16, SIGN_SALT_SIZE);
		q += 16 + SIGN_SALT_SIZE;
	} else {
		memcpy(out->recipient, q, CRYPT_ID_SIZE);
		memcpy(out->sealed, q + CRYPT_ID_SIZE, CRYPT_SEALED_KEY);
		q += CRYPT_ID_SIZE + CRYPT_SEALED_KEY;
	}
	memcpy(out->stream, q, CRYPT_STREAM_HEADER);
	out->len = want;
	return PL_OK;
}

/* ---- writing ------------------------------------------------------------ */

struct crypt_writer {
	FILE *dest, *f;
	crypto_secretstream_xchacha20poly1305_state st;
	unsigned char ad[CRYPT_HEADER_MAX];  /* the header: the first chunk's associated data */
	size_t adlen;
	unsigned char *plain, *cipher;       /* CRYPT_CHUNK, CRYPT_CHUNK + ABYTES */
	size_t fill;
	int error;                           /* errno of a failed write of dest */
	bool first, closed;
};

static bool push(crypt_writer *w, unsigned char tag)
{
	unsigned long long clen = 0;
	crypto_secretstream_xchacha20poly1305_push(&w->st, w->cipher, &clen, w->plain, w->fill,
	                                           w->first ? w->ad : NULL, w->first ? w->adlen : 0, tag);
	w->first = false;
	w->fill = 0;
	if(fwrite(w->cipher, 1, (size_t)clen, w->dest) != (size_t)clen) {
		w->error = errno ? errno : EIO;
		return false;
	}
	return true;
}

static ssize_t cookie_write(void *c, const char *data, size_t n)
{
	crypt_writer *w = c;
	size_t done = 0;
	while(done < n && !w->error) {
		if(w->fill == CRYPT_CHUNK && !push(w, 0))
			break;
		size_t take = CRYPT_CHUNK - w->fill < n - done ? CRYPT_CHUNK - w->fill : n - done;
		memcpy(w->plain + w->fill, data + done, take);
		w->fill += take;
		done += take;
	}
	if(w->error) {
		errno = w->error;
		return -1;
	}
	return (ssize_t)done;
}

static int cookie_close(void *c)
{
	crypt_writer *w = c;
	w->closed = true;
	return 0;
}

static void writer_free(crypt_writer *w)
{
	if(!w)
		return;
	sodium_memzero(&w->st, sizeof(w->st));
	if(w->plain)
		sodium_memzero(w->plain, CRYPT_CHUNK);
	free(w->plain);
	free(w->cipher);
	free(w);
}

pl_rc crypt_writer_open(crypt_writer **out, FILE *dest, const crypt_to *to, pl_err *err)
{
	*out = NULL;
	const char *content = to->content ? to->content : "export";
	if(!content_ok(content, strlen(content)) || (!to->passphrase == !to->recipient))
		return pl_failc(err, PL_EINPUT, "crypt.bad_header", "file", "-", NULL);
	pl_rc rc = to->passphrase ? sign_passphrase_ok(to->passphrase, err) : PL_OK;
	if(rc)
		return rc;
	crypt_writer *w = calloc(1, sizeof(*w));
	if(!w || !(w->plain = malloc(CRYPT_CHUNK)) || !(w->cipher = malloc(CRYPT_CHUNK + ABYTES))) {
		writer_free(w);
		return pl_nomem(err);
	}
	w->dest = dest;
	w->first = true;
	unsigned char key[CRYPT_KEY_SIZE];
	unsigned char *h = w->ad;
	size_t clen = strlen(content);
	memcpy(h, magic, sizeof(magic));
	h[8] = to->passphrase ? CRYPT_PASSPHRASE : CRYPT_RECIPIENT;
	h[9] = (unsigned char)clen;
	memcpy(h + 10, content, clen);
	size_t at = 10 + clen;
	if(to->passphrase) {
		sign_kdf kdf = to->kdf ? *to->kdf : sign_kdf_default;
		put64(h + at, kdf.opslimit);
		put64(h + at + 8, kdf.memlimit);
		randombytes_buf(h + at + 16, SIGN_SALT_SIZE);
		rc = kdf_ok(&kdf) ? sign_kdf_derive(key, sizeof(key), to->passphrase, &kdf, h + at + 16, err)
		                  : pl_failc(err, PL_EINPUT, "crypt.kdf_range", "file", "-", NULL);
		at += 16 + SIGN_SALT_SIZE;
	} else {
		crypto_secretstream_xchacha20poly1305_keygen(key);
		key_id(to->recipient->pk, h + at);
		crypto_box_seal(h + at + CRYPT_ID_SIZE, key, sizeof(key), to->recipient->pk);
		at += CRYPT_ID_SIZE + CRYPT_SEALED_KEY;
	}
	if(!rc) {
		crypto_secretstream_xchacha20poly1305_init_push(&w->st, h + at, key);
		w->adlen = at + CRYPT_STREAM_HEADER;
		if(fwrite(h, 1, w->adlen, dest) != w->adlen)
			rc = pl_failc(err, PL_EIO, "crypt.cannot_write", "why", strerror(errno), NULL);
	}
	sodium_memzero(key, sizeof(key));
	static const cookie_io_functions_t io = {.write = cookie_write, .close = cookie_close};
	if(!rc && !(w->f = fopencookie(w, "w", io)))
		rc = pl_nomem(err);
	if(rc) {
		writer_free(w);
		return rc;
	}
	*out = w;
	return PL_OK;
}

FILE *crypt_writer_file(crypt_writer *w)
{
	return w->f;
}

pl_rc crypt_writer_finish(crypt_writer *w, pl_err *err)
{
	/* fclose flushes the FILE's buffer into the chunk; then the final one. */
	bool ok = fclose(w->f) == 0 && !w->error;
	/* The final chunk is always short: a full one is never the last. */
	ok = ok && (w->fill < CRYPT_CHUNK || push(w, 0));
	ok = ok && push(w, crypto_secretstream_xchacha20poly1305_TAG_FINAL) && fflush(w->dest) == 0;
	int e = w->error ? w->error : errno;
	writer_free(w);
	return ok ? PL_OK : pl_failc(err, PL_EIO, "crypt.cannot_write", "why", strerror(e ? e : EIO), NULL);
}

void crypt_writer_abort(crypt_writer *w)
{
	if(!w)
		return;
	w->error = EPIPE; /* nothing more reaches dest */
	fclose(w->f);
	writer_free(w);
}

/* ---- reading ------------------------------------------------------------ */

static size_t read_full(FILE *f, unsigned char *p, size_t n)
{
	size_t got = 0, r;
	while(got < n && (r = fread(p + got, 1, n - got, f)) > 0)
		got += r;
	return got;
}

static pl_rc read_header(FILE *src, const char *name, crypt_header *h, unsigned char raw[CRYPT_HEADER_MAX],
                         pl_err *err)
{
	size_t need = 0, n = read_full(src, raw, 10);
	pl_rc rc = crypt_header_parse(raw, n, name, h, &need, err);
	if(rc && need > n && need <= CRYPT_HEADER_MAX) {
		n += read_full(src, raw + n, need - n);
		rc = crypt_header_parse(raw, n, name, h, NULL, err);
	}
	if(!rc && ferror(src))
		rc = pl_failc(err, PL_EIO, "crypt.cannot_read", "file", name, "why", strerror(errno), NULL);
	return rc;
}

/* The file key: from the passphrase, or opened from the sealed box. */
static pl_rc file_key(const crypt_header *h, const char *name, const crypt_from *from,
                      unsigned char key[CRYPT_KEY_SIZE], pl_err *err)
{
	char fp[SIGN_FINGERPRINT_MAX];
	if(h->mode == CRYPT_PASSPHRASE) {
		if(!from->passphrase || !*from->passphrase)
			return pl_failc(err, PL_EINPUT, "crypt.need_passphrase", "file", name, NULL);
		if(strlen(from->passphrase) > SIGN_PASSPHRASE_MAX)
			return pl_failc(err, PL_EINPUT, "crypt.wrong_passphrase", "file", name, NULL);
		return sign_kdf_derive(key, CRYPT_KEY_SIZE, from->passphrase, &h->kdf, h->salt, err);
	}
	id_text(h->recipient, fp);
	if(!from->key || !from->key->has_secret)
		return pl_failc(err, PL_EINPUT, "crypt.need_key", "file", name, "key", fp, NULL);
	unsigned char id[CRYPT_ID_SIZE];
	char mine[SIGN_FINGERPRINT_MAX];
	key_id(from->key->pk, id);
	id_text(id, mine);
	if(sodium_memcmp(id, h->recipient, CRYPT_ID_SIZE))
		return pl_failc(err, PL_EINPUT, "crypt.wrong_key", "file", name, "key", fp, "mine", mine, NULL);
	if(crypto_box_seal_open(key, h->sealed, CRYPT_SEALED_KEY, from->key->pk, from->key->sk))
		return pl_failc(err, PL_EINPUT, "crypt.tampered", "file", name, "at", PL_N(0), NULL);
	return PL_OK;
}

pl_rc crypt_peek(const char *path, crypt_header *out, pl_err *err)
{
	FILE *f = fopen(path, "rb");
	if(!f)
		return pl_failc(err, PL_EIO, "crypt.cannot_read", "file", path, "why", strerror(errno), NULL);
	unsigned char raw[CRYPT_HEADER_MAX];
	pl_rc rc = read_header(f, path, out, raw, err);
	fclose(f);
	return rc;
}

pl_rc crypt_decrypt(FILE *src, const char *name, const crypt_from *from, const char *want,
                    FILE *dest, char content[CRYPT_CONTENT_MAX + 1], pl_err *err)
{
	crypt_header h;
	unsigned char raw[CRYPT_HEADER_MAX], key[CRYPT_KEY_SIZE];
	pl_rc rc = read_header(src, name, &h, raw, err);
	if(!rc && want && strcmp(h.content, want))
		rc = pl_failc(err, PL_EINPUT, "crypt.other_content", "file", name, "content", h.content, "want",
		              want, NULL);
	if(rc)
		return rc;
	if(content)
		snprintf(content, CRYPT_CONTENT_MAX + 1, "%s", h.content);
	if((rc = file_key(&h, name, from, key, err)))
		return rc;
	crypto_secretstream_xchacha20poly1305_state st;
	crypto_secretstream_xchacha20poly1305_init_pull(&st, h.stream, key);
	sodium_memzero(key, sizeof(key));
	unsigned char *cipher = malloc(CRYPT_CHUNK + ABYTES), *plain = malloc(CRYPT_CHUNK);
	if(!cipher || !plain)
		rc = pl_nomem(err);
	uint64_t at = h.len;
	bool first = true, final = false;
	while(!rc && !final) {
		size_t n = read_full(src, cipher, CRYPT_CHUNK + ABYTES);
		if(ferror(src)) {
			rc = pl_failc(err, PL_EIO, "crypt.cannot_read", "file", name, "why", strerror(errno), NULL);
			break;
		}
		unsigned long long plen = 0;
		unsigned char tag = 0;
		if(n < ABYTES) {
			rc = pl_failc(err, PL_EINPUT, "crypt.truncated", "file", name, NULL);
		} else if(crypto_secretstream_xchacha20poly1305_pull(&st, plain, &plen, &tag, cipher, n,
		                                                      first ? raw : NULL, first ? h.len : 0)) {
			/* The first chunk fails alike for a wrong passphrase and an
			 * altered header: they cannot be told apart. */
			rc = first && h.mode == CRYPT_PASSPHRASE
			         ? pl_failc(err, PL_EINPUT, "crypt.wrong_passphrase", "file", name, NULL)
			     : n < CRYPT_CHUNK + ABYTES /* the last chunk: cut, or altered */
			         ? pl_failc(err, PL_EINPUT, "crypt.truncated", "file", name, NULL)
			         : pl_failc(err, PL_EINPUT, "crypt.tampered", "file", name, "at", PL_N((long long)at), NULL);
		} else if(plen && fwrite(plain, 1, (size_t)plen, dest) != (size_t)plen) {
			rc = pl_failc(err, PL_EIO, "crypt.cannot_write", "why", strerror(errno), NULL);
		} else if(tag == crypto_secretstream_xchacha20poly1305_TAG_FINAL) {
			final = true;
			if(fgetc(src) != EOF)
				rc = pl_failc(err, PL_EINPUT, "crypt.trailing", "file", name, NULL);
		} else if(n < CRYPT_CHUNK + ABYTES) {
			rc = pl_failc(err, PL_EINPUT, "crypt.truncated", "file", name, NULL);
		}
		first = false;
		at += n;
	}
	if(!rc && fflush(dest))
		rc = pl_failc(err, PL_EIO, "crypt.cannot_write", "why", strerror(errno), NULL);
	sodium_memzero(&st, sizeof(st));
	if(plain)
		sodium_memzero(plain, CRYPT_CHUNK);
	free(plain);
	free(cipher);
	return rc;
}
