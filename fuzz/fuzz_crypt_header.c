/* Encrypted files (sign/crypt.h): the header parser on any bytes, and a
 * whole file decrypted with a fixed key (the seeds are encrypted to it) or
 * the fixed passphrase at the least Argon2id limits. What parses is in
 * range and no longer than the input; a file that decrypts is one the
 * fixed key or passphrase could have written; nothing crashes or leaks. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "fuzz.h"
#include "sign/crypt.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static crypt_key key;
	static int ready;
	if(!ready) {
		if(sodium_init() < 0)
			abort();
		unsigned char seed[crypto_box_SEEDBYTES] = {0};
		crypto_box_seed_keypair(key.pk, key.sk, seed);
		snprintf(key.name, sizeof(key.name), "fuzz");
		key.has_secret = true;
		ready = 1;
	}
	crypt_header h;
	size_t need = 0;
	pl_err err = {0};
	pl_rc rc = crypt_header_parse(data, size, "fuzz", &h, &need, &err);
	if(rc && (!err.code || rc != PL_EINPUT))
		abort();
	if(!rc) {
		if(h.len > size || h.len > CRYPT_HEADER_MAX || !h.content[0] ||
		   strlen(h.content) > CRYPT_CONTENT_MAX)
			abort();
		if(h.mode != CRYPT_PASSPHRASE && h.mode != CRYPT_RECIPIENT)
			abort();
		if(h.mode == CRYPT_PASSPHRASE && (h.kdf.opslimit > crypto_pwhash_OPSLIMIT_SENSITIVE ||
		                                  h.kdf.memlimit > crypto_pwhash_MEMLIMIT_SENSITIVE))
			abort();
	}
	/* The whole file, where that is quick: a recipient's, or a
	 * passphrase's at the least limits. */
	if(!rc && (h.mode == CRYPT_RECIPIENT || (h.kdf.opslimit == crypto_pwhash_OPSLIMIT_MIN &&
	                                         h.kdf.memlimit == crypto_pwhash_MEMLIMIT_MIN))) {
		FILE *in = fmemopen((void *)data, size, "rb"), *out = fopen("/dev/null", "wb");
		if(!in || !out)
			abort();
		crypt_from from = {.key = &key, .passphrase = "fuzzing passphrase"};
		pl_err e2 = {0};
		rc = crypt_decrypt(in, "fuzz", &from, NULL, out, NULL, &e2);
		if(rc && (!e2.code || rc != PL_EINPUT))
			abort();
		fclose(in);
		fclose(out);
	}
	return 0;
}
