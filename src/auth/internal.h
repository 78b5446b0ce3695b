/* Shared by the files of the auth module; not part of its contract. */
#ifndef PARLEY_AUTH_INTERNAL_H
#define PARLEY_AUTH_INTERNAL_H

#include "auth/auth.h"

enum { AUTH_HASH_SIZE = 32 };

/* The BLAKE2b hash a token is stored as (sessions.c). */
void auth_token_hash(const char *token, unsigned char out[AUTH_HASH_SIZE]);
/* Whether token is len signs of base64url. */
bool auth_token_shape(const char *token, size_t len);
/* Step s to its end and reset it; store_fail with `doing` if it failed. */
pl_rc auth_step_done(store *st, sqlite3_stmt *s, const char *doing, pl_err *err);
/* End every session of the user, and their sign-ins waiting for a code
 * (users.c; inside the caller's transaction). */
pl_rc auth_end_sessions(store *st, int64_t user_id, pl_err *err);

#endif
