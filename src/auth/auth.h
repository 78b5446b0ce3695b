/* Accounts: users and their roles, what each role may do, passwords,
 * browser sessions and API tokens.
 *
 * Deny by default: a role may do exactly what the matrix in roles.c says,
 * and auth_can() is the one place that is asked. Passwords are Argon2id
 * hashes (libsodium's interactive limits); session and API tokens are 256
 * random bits, stored only as their BLAKE2b hash. */
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

/* As JSON, as the CLI's --json and the API show them. */
struct json_t;
struct json_t *auth_user_json(const user *u);
struct json_t *auth_token_json(const api_token *t);

/* 32 random bytes as base64url, into out[TOKEN_LEN + 1]. */
void auth_random_token(char *out);

#endif
