/* Encrypted files (src/sign/crypt.c): what is encrypted to a passphrase or
 * a recipient's key reads back byte for byte, in any size (empty, one
 * chunk exactly, several); and the wrong passphrase, the wrong key, a file
 * cut short anywhere, a byte altered anywhere, a byte added at the end are
 * each refused with a coded error saying which. */
#include "testutil.h"

#include <sys/stat.h>

#include "sign/crypt.h"

static const char pass[] = "correct horse battery staple";
static const sign_kdf quick = {crypto_pwhash_OPSLIMIT_MIN, crypto_pwhash_MEMLIMIT_MIN};

typedef struct blob {
	char *p;
	size_t n;
} blob;

static blob encrypt(const unsigned char *data, size_t n, const crypt_to *to)
{
	blob b = {0};
	FILE *mem = open_memstream(&b.p, &b.n);
	crypt_writer *w;
	pl_err err = {0};
	assert_ok(crypt_writer_open(&w, mem, to, &err), &err);
	/* In uneven pieces, as a writer would. */
	for(size_t at = 0; at < n;) {
		size_t k = n - at < 7777 ? n - at : 7777;
		assert_int_equal(fwrite(data + at, 1, k, crypt_writer_file(w)), k);
		at += k;
	}
	assert_ok(crypt_writer_finish(w, &err), &err);
	assert_int_equal(fclose(mem), 0);
	return b;
}

/* Decrypt b; the result's code (NULL: read) and what was read. */
static const char *decrypt(const blob *b, const crypt_from *from, blob *plain, pl_err *err)
{
	FILE *in = fmemopen(b->p, b->n, "rb");
	assert_non_null(in);
	*plain = (blob){0};
	FILE *mem = open_memstream(&plain->p, &plain->n);
	memset(err, 0, sizeof(*err));
	pl_rc rc = crypt_decrypt(in, "x.enc", from, NULL, mem, NULL, err);
	fclose(in);
	fclose(mem);
	return rc ? (err->code ? err->code : "uncoded") : NULL;
}

static bool contains(const char *h, size_t n, const unsigned char *needle, size_t k)
{
	for(size_t i = 0; i + k <= n; i++)
		if(!memcmp(h + i, needle, k))
			return true;
	return false;
}

static unsigned char *data_of(size_t n)
{
	unsigned char *d = malloc(n ? n : 1);
	for(size_t i = 0; i < n; i++)
		d[i] = (unsigned char)(i * 131 + (i >> 9));
	return d;
}

static void test_passphrase_round_trip_in_any_size(void **state)
{
	(void)state;
	const size_t sizes[] = {0, 1, CRYPT_CHUNK - 1, CRYPT_CHUNK, CRYPT_CHUNK + 1, 3 * CRYPT_CHUNK + 5};
	crypt_to to = {.passphrase = pass, .kdf = &quick, .content = "export"};
	crypt_from from = {.passphrase = pass};
	for(size_t i = 0; i < sizeof(sizes) / sizeof(sizes[0]); i++) {
		unsigned char *d = data_of(sizes[i]);
		blob b = encrypt(d, sizes[i], &to), plain;
		pl_err err;
		const char *code = decrypt(&b, &from, &plain, &err);
		if(code)
			fail_msg("size %zu: %s", sizes[i], err.msg);
		assert_int_equal(plain.n, sizes[i]);
		assert_true(!sizes[i] || !memcmp(plain.p, d, sizes[i]));
		/* Not in the clear. */
		assert_true(sizes[i] < 64 || !contains(b.p, b.n, d + 32, 32));
		free(plain.p);
		free(b.p);
		free(d);
	}
}

static void test_wrong_passphrase(void **state)
{
	(void)state;
	unsigned char *d = data_of(1000);
	crypt_to to = {.passphrase = pass, .kdf = &quick, .content = "export"};
	blob b = encrypt(d, 1000, &to), plain;
	pl_err err;
	assert_string_equal(decrypt(&b, &(crypt_from){.passphrase = "correct horse battery stapler"}, &plain, &err),
	                    "crypt.wrong_passphrase");
	assert_int_equal(plain.n, 0); /* nothing came out */
	free(plain.p);
	assert_string_equal(decrypt(&b, &(crypt_from){0}, &plain, &err), "crypt.need_passphrase");
	free(plain.p);
	/* A short passphrase is refused when encrypting. */
	FILE *mem = tmpfile();
	crypt_writer *w;
	assert_int_equal(crypt_writer_open(&w, mem, &(crypt_to){.passphrase = "short", .kdf = &quick}, &err),
	                 PL_EINPUT);
	assert_string_equal(err.code, "sign.passphrase_len");
	fclose(mem);
	free(b.p);
	free(d);
}

static void test_recipient_key_and_the_wrong_one(void **state)
{
	(void)state;
	crypt_key ua, ru, loaded, pub;
	pl_err err = {0};
	char sk[4200], pk[4200];
	assert_ok(crypt_key_generate("UA archive", &ua, &err), &err);
	assert_ok(crypt_key_generate("RU", &ru, &err), &err);
	assert_ok(crypt_key_save(&ua, tu_path(sk, sizeof(sk), tu_dir, "ua.key"), true, &err), &err);
	assert_ok(crypt_key_save(&ua, tu_path(pk, sizeof(pk), tu_dir, "ua.key.pub"), false, &err), &err);
	struct stat sb;
	assert_int_equal(stat(sk, &sb), 0);
	assert_int_equal(sb.st_mode & 077, 0);
	/* A secret key file is never replaced. */
	assert_int_equal(crypt_key_save(&ru, sk, true, &err), PL_ECONFLICT);
	assert_ok(crypt_key_load(pk, &pub, &err), &err);
	assert_false(pub.has_secret);
	assert_ok(crypt_key_load(sk, &loaded, &err), &err);
	assert_true(loaded.has_secret);
	assert_string_equal(loaded.name, "UA archive");

	size_t n = 2 * CRYPT_CHUNK + 100;
	unsigned char *d = data_of(n);
	blob b = encrypt(d, n, &(crypt_to){.recipient = &pub, .content = "backup"}), plain;
	assert_null(decrypt(&b, &(crypt_from){.key = &loaded}, &plain, &err));
	assert_int_equal(plain.n, n);
	assert_memory_equal(plain.p, d, n);
	free(plain.p);
	assert_string_equal(decrypt(&b, &(crypt_from){.key = &ru}, &plain, &err), "crypt.wrong_key");
	free(plain.p);
	assert_string_equal(decrypt(&b, &(crypt_from){.key = &pub}, &plain, &err), "crypt.need_key");
	free(plain.p);
	assert_string_equal(decrypt(&b, &(crypt_from){.passphrase = pass}, &plain, &err), "crypt.need_key");
	free(plain.p);

	/* Another content than asked for. */
	FILE *in = fmemopen(b.p, b.n, "rb"), *sink = tmpfile();
	assert_int_equal(crypt_decrypt(in, "x", &(crypt_from){.key = &loaded}, "export", sink, NULL, &err),
	                 PL_EINPUT);
	assert_string_equal(err.code, "crypt.other_content");
	fclose(in);
	fclose(sink);

	/* A key file made public for others is refused, as ssh does. */
	assert_int_equal(chmod(sk, 0644), 0);
	assert_int_equal(crypt_key_load(sk, &loaded, &err), PL_EINPUT);
	assert_string_equal(err.code, "key.too_open");
	free(b.p);
	free(d);
	crypt_key_wipe(&ua);
	crypt_key_wipe(&loaded);
}

/* Cut anywhere, altered anywhere, lengthened: refused, and never read. */
static void test_truncated_tampered_lengthened(void **state)
{
	(void)state;
	crypt_key k;
	pl_err err = {0};
	assert_ok(crypt_key_generate("UA", &k, &err), &err);
	size_t n = 2 * CRYPT_CHUNK + 300;
	unsigned char *d = data_of(n);
	blob b = encrypt(d, n, &(crypt_to){.recipient = &k, .content = "export"}), plain;
	crypt_from from = {.key = &k};
	crypt_header h;
	assert_ok(crypt_header_parse((unsigned char *)b.p, b.n, "x", &h, NULL, &err), &err);
	size_t chunk = CRYPT_CHUNK + crypto_secretstream_xchacha20poly1305_ABYTES;
	assert_int_equal(b.n, h.len + 2 * chunk + 300 + crypto_secretstream_xchacha20poly1305_ABYTES);
	report r = {0};
	int total = 0;

	/* Cut: inside the header, at each chunk's end, inside the last one. */
	const size_t cuts[] = {0, 5, 12, h.len - 1, h.len, h.len + 10, h.len + chunk, h.len + 2 * chunk,
	                       b.n - 1};
	for(size_t i = 0; i < sizeof(cuts) / sizeof(cuts[0]); i++, total++) {
		blob cut = {b.p, cuts[i]};
		const char *code = decrypt(&cut, &from, &plain, &err);
		const char *want = cuts[i] == 0 ? "crypt.not_encrypted" : "crypt.truncated";
		if(!code || strcmp(code, want))
			report_add(&r, "cut at %zu: %s, not %s\n", cuts[i], code ? code : "read", want);
		free(plain.p);
	}
	/* One byte altered: in the header's content word, the sealed key, the
	 * stream header, each chunk. */
	const size_t at[] = {11, h.len - 30, h.len - 1, h.len + 100, h.len + chunk + 5, b.n - 3};
	for(size_t i = 0; i < sizeof(at) / sizeof(at[0]); i++, total++) {
		b.p[at[i]] ^= 0x20;
		const char *code = decrypt(&b, &from, &plain, &err);
		b.p[at[i]] ^= 0x20;
		/* The last chunk is short: altered and cut cannot be told apart. */
		const char *want = i == 0 ? "crypt.bad_header" : at[i] >= h.len + 2 * chunk ? "crypt.truncated"
		                                                                             : "crypt.tampered";
		if(!code || strcmp(code, want))
			report_add(&r, "byte %zu altered: %s, not %s\n", at[i], code ? code : "read", want);
		free(plain.p);
	}
	/* A byte added at the end: read with the last chunk, which then does
	 * not hold; said as an end cut or altered. */
	total++;
	blob longer = {malloc(b.n + 1), b.n + 1};
	memcpy(longer.p, b.p, b.n);
	longer.p[b.n] = 'x';
	const char *code = decrypt(&longer, &from, &plain, &err);
	if(!code || strcmp(code, "crypt.truncated"))
		report_add(&r, "byte added: %s\n", code ? code : "read");
	free(plain.p);
	free(longer.p);
	/* Two chunks swapped. */
	total++;
	blob swapped = {malloc(b.n), b.n};
	memcpy(swapped.p, b.p, b.n);
	memcpy(swapped.p + h.len, b.p + h.len + chunk, chunk);
	memcpy(swapped.p + h.len + chunk, b.p + h.len, chunk);
	code = decrypt(&swapped, &from, &plain, &err);
	if(!code || strcmp(code, "crypt.tampered"))
		report_add(&r, "chunks swapped: %s\n", code ? code : "read");
	free(plain.p);
	free(swapped.p);
	report_check(&r, total);
	free(b.p);
	free(d);
	crypt_key_wipe(&k);
}

static void test_header_refusals(void **state)
{
	(void)state;
	pl_err err = {0};
	crypt_header h;
	size_t need;
	assert_int_equal(crypt_header_parse((const unsigned char *)"{\"format\"", 9, "a.json", &h, &need, &err),
	                 PL_EINPUT);
	assert_string_equal(err.code, "crypt.not_encrypted");
	assert_contains(err.msg, "a.json");
	/* A passphrase header asking for 64 GiB of memory: refused before any
	 * key derivation. */
	unsigned char p[CRYPT_HEADER_MAX] = "PARLEYX1\x01\x06" "export";
	unsigned char *q = p + 16;
	memset(q, 0, 16);
	q[7] = 3;        /* opslimit 3 */
	q[11] = 16;      /* memlimit 2^36 */
	assert_int_equal(crypt_header_parse(p, 16 + 16 + 16 + 24, "x", &h, &need, &err), PL_EINPUT);
	assert_string_equal(err.code, "crypt.kdf_range");
	p[8] = 7;
	assert_int_equal(crypt_header_parse(p, sizeof(p), "x", &h, &need, &err), PL_EINPUT);
	assert_string_equal(err.code, "crypt.unknown_mode");
	p[8] = 1;
	assert_int_equal(crypt_header_parse(p, 12, "x", &h, &need, &err), PL_EINPUT);
	assert_string_equal(err.code, "crypt.truncated");
	assert_int_equal(need, 16 + 16 + 16 + 24);
}

/* The default limits (those of the signing keys' vault) round trip too. */
static void test_default_limits(void **state)
{
	(void)state;
	unsigned char d[10] = "0123456789";
	blob b = encrypt(d, 10, &(crypt_to){.passphrase = pass, .content = "backup"}), plain;
	crypt_header h;
	pl_err err = {0};
	assert_ok(crypt_header_parse((unsigned char *)b.p, b.n, "x", &h, NULL, &err), &err);
	assert_int_equal(h.kdf.opslimit, sign_kdf_default.opslimit);
	assert_int_equal(h.kdf.memlimit, sign_kdf_default.memlimit);
	assert_string_equal(h.content, "backup");
	assert_null(decrypt(&b, &(crypt_from){.passphrase = pass}, &plain, &err));
	assert_memory_equal(plain.p, d, 10);
	free(plain.p);
	free(b.p);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_passphrase_round_trip_in_any_size),
		cmocka_unit_test(test_wrong_passphrase),
		cmocka_unit_test(test_recipient_key_and_the_wrong_one),
		cmocka_unit_test(test_truncated_tampered_lengthened),
		cmocka_unit_test(test_header_refusals),
		cmocka_unit_test(test_default_limits),
	};
	return cmocka_run_group_tests_name("crypt", tests, tu_dir_setup, tu_dir_teardown);
}
