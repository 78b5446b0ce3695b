/* Accounts: users and their roles, what each role may do, passwords,
 * browser sessions and API tokens.
 *
 * Deny by default: a role may do exactly what the matrix in roles.c says,
 * and auth_can() is the one place that is asked. Passwords are Argon2id
 * hashes (libsodium's interactive limits); session and API tokens are 256
 * random bits, stored only as their BLAKE2b hash. A second factor (TOTP,
 * RFC 6238, with recovery codes) may be required of roles. */
#ifndef PARLEY_AUTH_AUTH_H
#define PARLEY_AUTH_AUTH_H

#include <stdbool.h>
#include <stdint.h>

#include "core/err.h"
#include "store/store.h"

/* ---- roles and permissions ------------------------------------------ */

typedef enum role {
	ROLE_ADMIN,           /* users and settings */
	ROLE_REGISTRAR,       /* persons and events */
	ROLE_MEDICAL,         /* medical fields and health events */
	ROLE_NEGOTIATOR,      /* agreements, plans, stages, manifests, execution */
	ROLE_IDENTIFICATION,  /* remains: cases, batches, custody, identification */
	ROLE_AUDITOR,         /* reads everything, the logs included; changes nothing */
	ROLE_MEDIATOR,        /* reads the lists it is given, nothing else */
	ROLE_FAMILY_LIAISON,  /* families: inquiries, their consent and contacts; no medical details */
	ROLE_COUNT
} role;

typedef unsigned role_set; /* bit r for role r */

typedef enum perm {
	PERM_PERSON_READ,     /* list, search, show persons (no medical details) */
	PERM_MEDICAL_READ,    /* medical category, health events, causes of death */
	PERM_PERSON_WRITE,    /* create persons; other than medical fields and events */
	PERM_MEDICAL_WRITE,   /* medical fields, health events, causes of death */
	PERM_IMPORT,          /* import files (within the two write permissions) */
	PERM_EXPORT,          /* export (medical fields only with PERM_MEDICAL_READ) */
	PERM_STATS,           /* the dashboard's counts */
	PERM_AUDIT_READ,      /* the audit log, the access log, chain verification */
	PERM_USERS,           /* users and their roles, passwords, tokens */
	PERM_RECONCILE,       /* match lists against the registry; find duplicates */
	PERM_DECIDE,          /* confirm or reject matches (kept, reused, audited) */
	PERM_AGREEMENT_READ,  /* agreements, their ledger, plans, statements */
	PERM_AGREEMENT_WRITE, /* add agreements, save plans, change, sign off and execute stages */
	PERM_STAGE_READ,      /* stages and their manifests, the signatures on them */
	PERM_AFTERCARE_READ,  /* where returnees are now (health steps only with PERM_MEDICAL_READ) */
	PERM_REMAINS_READ,    /* remains cases, batches, custody, fragments */
	PERM_REMAINS_WRITE,   /* import cases, custody, fragments, identify, withdraw, return */
	PERM_DNA_READ,        /* DNA proposals, their explanations, the frequency table */
	PERM_DNA_WRITE,       /* import DNA profiles and frequencies, screen, confirm and reject */
	PERM_SIGN,            /* sign a manifest with the office's key (its passphrase typed), bring
	                         in others' signed manifests */
	PERM_KEYS,            /* make the office's key, import others' public keys, revoke keys */
	PERM_INQUIRY_READ,    /* families' inquiries and their consent (contacts only with the next) */
	PERM_INQUIRY_WRITE,   /* record inquiries, give and withdraw consent, answer and close, import */
	PERM_INQUIRY_CONTACTS, /* the inquirers' phone, e-mail and address */
	PERM_ANTEMORTEM_READ, /* ante-mortem records of sought persons and their photos */
	PERM_ANTEMORTEM_WRITE, /* record them, add photos */
	PERM_TESTIMONY_READ,  /* returnees' testimonies, the review queue, the proof-of-captivity report */
	PERM_TESTIMONY_WRITE, /* take testimonies, accept and reject their sightings */
	PERM_OFFICE,          /* the office's own settings: its name on letterheads, the letter templates */
	PERM_COUNT
} perm;

extern const char *const role_names[ROLE_COUNT + 1];   /* NULL-terminated */
extern const char *const perm_names[PERM_COUNT + 1];
bool auth_can(role_set roles, perm p);
/* "registrar,medical" -> set; false (and *bad names the word) if a word is
 * not a role, or the list is empty. */
bool auth_roles_parse(const char *text, role_set *out, const char **bad, size_t *badlen);
/* set -> "registrar,medical" (in role order) */
void auth_roles_text(role_set roles, char *out, size_t size);

/* ---- users ------------------------------------------------------------ */

enum { USER_NAME_MAX = 64, PASSWORD_MIN = 10, PASSWORD_MAX = 256 };

typedef struct user {
	int64_t id;
	char name[USER_NAME_MAX + 1];
	char display[129];
	role_set roles;
	bool disabled;
	bool totp;            /* has a second factor in force */
} user;

/* Names are 1 to 64 of a-z, 0-9, '.', '-' and '_'. Passwords are 10 to 256
 * bytes and not weak (auth_password_weak). `actor` is recorded in the audit
 * log. */
pl_rc auth_user_add(store *st, const char *name, const char *display, role_set roles,
                    const char *password, const char *actor, pl_err *err);
/* A new password ends the user's sessions and revokes their API tokens for
 * good. */
pl_rc auth_user_passwd(store *st, const char *name, const char *password, const char *actor,
                       pl_err *err);
/* NULL if the password may be used by a user of that login and display name
 * (either may be NULL), or the code of why not: auth.password_short, _long,
 * _blank (only blanks), _repeated (one character), _sequence (abc…, 987…, a
 * keyboard row), _common (one of the 10,000 most common passwords, or one
 * with digits or signs added), _name (the user's names with fewer than 8
 * characters of anything else). */
const char *auth_password_weak(const char *password, const char *login, const char *display);
/* Change roles (if roles is not NULL), the display name (if not NULL) or
 * the disabled flag (if not NULL). Disabling a user ends their sessions and
 * revokes their API tokens for good (enabling them again revives none). */
pl_rc auth_user_set(store *st, const char *name, const role_set *roles, const char *display,
                    const bool *disabled, const char *actor, pl_err *err);
pl_rc auth_user_get(store *st, const char *name, user *out, pl_err *err);
pl_rc auth_user_get_id(store *st, int64_t id, user *out, pl_err *err);
typedef pl_rc (*auth_user_fn)(void *ctx, const user *u);
pl_rc auth_user_list(store *st, auth_user_fn fn, void *ctx, pl_err *err);
long auth_user_count(store *st);

/* Check a password. PL_EINPUT, the same message and about the same time
 * whether the user is unknown, disabled or the password wrong: nothing
 * tells an attacker which. */
pl_rc auth_login(store *st, const char *name, const char *password, user *out, pl_err *err);

/* ---- sessions and API tokens ----------------------------------------- */

enum {
	TOKEN_LEN = 43,            /* 32 bytes, base64url without padding */
	API_TOKEN_LEN = 3 + 43,    /* "pt_" and a token */
	CSRF_LEN = 43
};

typedef struct session_limits {
	int64_t idle;              /* seconds without a request before it ends */
	int64_t absolute;          /* seconds after sign-in before it ends */
} session_limits;

typedef struct session {
	user u;
	char csrf[CSRF_LEN + 1];
	int64_t created, last_seen;
} session;

/* A new session for u: its token (for the cookie) and CSRF token. */
pl_rc auth_session_create(store *st, const user *u, const char *address, int64_t now,
                          char token[TOKEN_LEN + 1], session *out, pl_err *err);
/* The session of a token; PL_ENOTFOUND if there is none, it expired (and
 * is then deleted) or its user is disabled. Notes the time it was seen. */
pl_rc auth_session_check(store *st, const char *token, int64_t now, const session_limits *lim,
                         session *out, pl_err *err);
pl_rc auth_session_end(store *st, const char *token, pl_err *err);
/* Forget every expired session (those never seen again stay otherwise). */
pl_rc auth_sessions_prune(store *st, int64_t now, const session_limits *lim, pl_err *err);

typedef struct api_token {
	int64_t id;
	char name[65];
	char created_at[32], revoked_at[32], last_used[32], expires_at[32];
	bool read_only;
	char user[USER_NAME_MAX + 1];
} api_token;

/* Tokens expire: after 90 days unless asked otherwise, a year at most. */
enum { TOKEN_DAYS_DEFAULT = 90, TOKEN_DAYS_MAX = 365 };

typedef struct token_spec {
	const char *name;          /* a label, 1 to 64 characters of one line */
	int days;                  /* until it expires: 1..TOKEN_DAYS_MAX; 0 for the default */
	bool read_only;            /* refused on everything but GET */
} token_spec;

/* A new API token for the user (shown once: only its hash is kept);
 * expires_at (if not NULL) gets when it expires. */
pl_rc auth_token_make(store *st, const user *u, const token_spec *spec, const char *actor,
                      char token[API_TOKEN_LEN + 1], int64_t *id, char expires_at[32], pl_err *err);
/* The same, of the default lifetime and not limited to reading. */
pl_rc auth_token_create(store *st, const user *u, const char *name, const char *actor,
                        char token[API_TOKEN_LEN + 1], int64_t *id, pl_err *err);
/* The user of an API token at time `now` (seconds since 1970) and whether
 * it may only read (read_only may be NULL); PL_ENOTFOUND if unknown,
 * revoked, expired or its user disabled. Notes when it was used, at most
 * once a minute. */
pl_rc auth_token_check(store *st, const char *token, int64_t now, user *out, bool *read_only,
                       pl_err *err);
/* Revoke token `id`; owner_id 0 lets any token be revoked (admins). */
pl_rc auth_token_revoke(store *st, int64_t id, int64_t owner_id, const char *actor, pl_err *err);
typedef pl_rc (*auth_token_fn)(void *ctx, const api_token *t);
/* The tokens of one user (user_id), or of all (0). */
pl_rc auth_token_list(store *st, int64_t user_id, auth_token_fn fn, void *ctx, pl_err *err);

/* ---- a second factor: TOTP (RFC 6238) and recovery codes ------------- */

enum {
	TOTP_SECRET_LEN = 20,       /* bytes: HMAC-SHA1's own size (RFC 4226) */
	TOTP_SECRET_B32 = 32,       /* its base32 */
	TOTP_PERIOD = 30,           /* seconds a code holds */
	TOTP_DIGITS = 6,
	TOTP_URI_MAX = 320,
	RECOVERY_CODES = 10,        /* made at once, each good once */
	RECOVERY_LEN = 14,          /* XXXX-XXXX-XXXX: 12 of 32 signs, 60 bits */
	PENDING_LIFE = 300          /* seconds between the password and the code */
};

/* The HOTP value (RFC 4226) of key at counter, in `digits` (6 to 8)
 * decimal digits; TOTP's counter is the time step, seconds / 30. */
uint32_t auth_hotp(const unsigned char *key, size_t len, uint64_t counter, int digits);
/* RFC 4648 base32 of in[0..n), without padding, into out (8 signs for
 * every 5 bytes and a NUL: size >= (8 * n + 4) / 5 + 1). */
void auth_base32(const unsigned char *in, size_t n, char *out, size_t size);

typedef struct totp_status {
	bool enrolled;              /* confirmed: asked for at every sign-in */
	bool pending;               /* begun and not confirmed */
	bool required;              /* a role of the user must use one */
	char confirmed_at[32];
	int recovery_left;          /* recovery codes not used */
} totp_status;

pl_rc auth_totp_status(store *st, const user *u, totp_status *out, pl_err *err);

/* A new secret for an app: its base32 and its otpauth:// URI. */
typedef struct totp_secret {
	char base32[TOTP_SECRET_B32 + 1];
	char uri[TOTP_URI_MAX];
} totp_secret;

typedef char recovery_codes[RECOVERY_CODES][RECOVERY_LEN + 1];

/* Begin enrolment: a new secret, pending (not asked for) until confirmed;
 * one pending before is replaced. PL_ECONFLICT if one is in force. */
pl_rc auth_totp_begin(store *st, const user *u, totp_secret *out, pl_err *err);
/* Confirm the pending secret with a code of it at `now` (seconds since
 * 1970): in force from then, and new recovery codes, shown once (only
 * their hashes are kept). PL_EINPUT if the code is wrong, PL_ENOTFOUND
 * if nothing is pending. Audited. */
pl_rc auth_totp_confirm(store *st, const user *u, const char *code, int64_t now, recovery_codes out,
                        pl_err *err);
/* The second factor of a sign-in: a code of the secret in force (the step
 * of `now`, the one before or after; never a step at or before the last
 * one taken) or an unused recovery code, which is then used up (audited).
 * PL_EINPUT "auth.wrong_code" otherwise, the same whatever was wrong. */
pl_rc auth_totp_check(store *st, const user *u, const char *code, int64_t now, pl_err *err);
/* The user turns their factor off, with their password and a current
 * code (or a recovery code). Audited. */
pl_rc auth_totp_disable(store *st, const user *u, const char *password, const char *code, int64_t now,
                        pl_err *err);
/* A new set of recovery codes, replacing every one before; needs a current
 * code. Audited. */
pl_rc auth_recovery_renew(store *st, const user *u, const char *code, int64_t now, recovery_codes out,
                          pl_err *err);
/* An admin's reset (a lost phone): the user's factor and recovery codes
 * removed and their sessions ended; next time they sign in with the
 * password alone, or enrol if their role requires it. PL_ENOTFOUND if
 * they have none. Audited, by actor. */
pl_rc auth_totp_reset(store *st, const char *name, const char *actor, pl_err *err);

/* The roles that must use a second factor (none in a new database). */
pl_rc auth_second_factor_roles(store *st, role_set *out, pl_err *err);
/* Set them. The sessions of users they now cover who have no factor in
 * force end (how many in *ended, may be NULL): they sign in again and
 * enrol. Audited, by actor. */
pl_rc auth_second_factor_require(store *st, role_set roles, const char *actor, long *ended, pl_err *err);
/* Is a second factor asked of this user at sign-in: in force, or required? */
pl_rc auth_second_factor_due(store *st, const user *u, bool *due, pl_err *err);

/* A sign-in between its password and its second factor: a token good for
 * PENDING_LIFE seconds (only its hash is kept). */
pl_rc auth_pending_create(store *st, const user *u, int64_t now, char token[TOKEN_LEN + 1], pl_err *err);
/* The user of a pending token; PL_ENOTFOUND "auth.no_pending" if it is
 * unknown, used or too old. */
pl_rc auth_pending_user(store *st, const char *token, int64_t now, user *out, pl_err *err);
/* Use it up: PL_ENOTFOUND if another request did first (and expired ones
 * go too). */
pl_rc auth_pending_take(store *st, const char *token, pl_err *err);

/* As JSON, as the CLI's --json and the API show them. */
struct json_t;
struct json_t *auth_user_json(const user *u);
struct json_t *auth_token_json(const api_token *t);

/* 32 random bytes as base64url, into out[TOKEN_LEN + 1]. */
void auth_random_token(char *out);

#endif
