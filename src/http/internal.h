/* Shared by the files of the http module; not part of its contract.
 *
 * The module's files, one job each (their declarations below are grouped
 * the same way):
 *   server.c     the daemon started and stopped (options, TLS, listening),
 *                a request's life from its headers to its release
 *   handle.c     the pool of database connections
 *   guard.c      a connection before its request is admitted: the head's
 *                deadline, the Host allow-list, unambiguous framing
 *   admit.c      who is asking and whether they may (sign-in, permission,
 *                CSRF, the query string's names), before any body is read
 *   request.c    what a request says: query values, the JSON body, fields
 *   response.c   what a handler answers, and the answer sent with headers
 *   upload.c     multipart uploads into a private temporary directory
 *   router.c     the routes and the handler groups (http_groups)
 *   accesslog.c  reads of persons recorded before they are shown
 *   ratelimit.c  failures counted per key in a window (for sign-ins)
 *   static.c     the web UI's files
 *   api_*.c      the handlers, by subject (api_keys.c: signing keys and
 *                signing in the browser) */
#ifndef PARLEY_HTTP_INTERNAL_H
#define PARLEY_HTTP_INTERNAL_H

#include <jansson.h>
#include <microhttpd.h>
#include <pthread.h>
#include <semaphore.h>
#include <stdatomic.h>

#include "core/arena.h"
#include "core/buf.h"
#include "core/json.h"
#include "accord/stage.h"
#include "http/http.h"
#include "registry/registry.h"

typedef enum http_method { M_GET, M_POST, M_PATCH, M_DELETE, M_OTHER } http_method;

typedef struct http_req http_req;

/* A handler fills q's response (http_json, http_error, ...). */
typedef void (*http_handler)(http_req *q);

enum route_flags {
	ROUTE_PUBLIC = 1,     /* no sign-in needed */
	ROUTE_BODY = 2,       /* takes a JSON body */
	ROUTE_UPLOAD = 4,     /* takes a multipart upload */
	ROUTE_CREATES = 8     /* answers 201 Created */
};

/* A route: method and path pattern ("/api/persons/{id}"), and who may
 * call it: signed in (and, if perms is not 0, holding one of them). */
typedef struct route {
	http_method method;
	const char *pattern;
	unsigned perms;           /* any of these (bits of perm); 0: any user */
	unsigned flags;
	http_handler run;
	const char *summary;      /* for the OpenAPI document */
	const char *body_schema;  /* the request body's JSON schema, or NULL */
	const char *params;       /* query parameters, "name:type:help;..." */
} route;

#define PERM(p) (1u << (p))
/* A route's permissions, and the user's in who_json, are bits of an unsigned:
 * a 33rd permission needs a wider type there first. */
_Static_assert(PERM_COUNT <= 32, "route.perms holds at most 32 permissions");

/* The session cookie's name (admit.c reads it, api_auth.c sets it). */
#define SESSION_COOKIE "parley_session"

enum { PATH_PARAMS = 2, PARAM_MAX = 128, UPLOADS_MAX = 8 };

/* ---- state kept between requests: server-wide and the handlers' ------ *
 *
 * The server owns what every request needs: the configuration, the daemon,
 * TLS, the count of requests in flight and the store handle of each worker
 * thread. Anything else kept between requests belongs to a group of
 * handlers, and only that group's code makes it, frees it and looks into
 * it. The groups are the entries of http_groups (router.c), by index:
 * http_start calls each init in that order (after the database opened,
 * before the port is listened on; a failure stops the start, and what was
 * made is freed), http_stop calls each free in the reverse order, after
 * the last request finished. What init puts in *state is the group's
 * state, NULL if it has none; the server keeps it in state[GROUP_...] and
 * never looks inside: a handler reaches it as q->srv->state[ITS_GROUP]. */
typedef enum http_group {
	GROUP_FILES,       /* static.c: where the UI's files are */
	GROUP_ACCESS_LOG,  /* accesslog.c: the writer of the access log */
	GROUP_LOGINS,      /* api_auth.c: failed sign-ins, counted */
	GROUP_IMPORTS,     /* api_registry.c: imports in progress */
	GROUP_SIGNING,     /* api_keys.c: wrong passphrases, counted */
	GROUP_WATCH,       /* api_tasks.c: the watcher, running the families' watch */
	GROUP_COUNT
} http_group;

typedef struct http_group_hooks {
	/* Either may be NULL. init reads the configuration in s->cfg. */
	pl_rc (*init)(const http_server *s, void **state, pl_err *err);
	void (*free)(void *state);
} http_group_hooks;

extern const http_group_hooks http_groups[GROUP_COUNT];

/* The database connections, a pool the requests take from and give back
 * to (handle.c). */
enum { STORE_POOL_MAX = 64, STORE_POOL_WAIT = 30 };
typedef struct pool_waiter pool_waiter;
typedef struct store_pool {
	pthread_mutex_t mu;
	pool_waiter *first, *last;   /* those waiting, in turn */
	store *idle[STORE_POOL_MAX];
	int nidle, made, most;
} store_pool;

/* The connections watched for their head's deadline (guard.c). */
typedef struct conn_watch conn_watch;
typedef struct head_watch {
	pthread_mutex_t mu;
	pthread_cond_t cv;
	pthread_t thread;
	bool inited, running, stop;
	int64_t deadline_ms;
	conn_watch *list;
} head_watch;

struct http_server {
	http_config cfg;
	struct MHD_Daemon *mhd;
	unsigned short port;
	bool tls;
	char *tls_cert_pem, *tls_key_pem;
	atomic_int inflight;         /* requests begun and not completed */
	store_pool stores;
	head_watch watch;
	void *state[GROUP_COUNT];    /* each handler group's, see above */
	sem_t kdf;                   /* passphrase derivations at once (http_kdf_enter) */
};

struct http_req {
	http_server *srv;
	struct MHD_Connection *conn;
	http_method method;
	char path[1024];
	const route *route;
	char param[PATH_PARAMS][PARAM_MAX];
	char address[64];

	/* who is asking */
	bool signed_in, by_cookie;
	bool read_only;              /* by an API token limited to reading */
	user who;
	char csrf[CSRF_LEN + 1];

	/* the request body */
	buf body;
	bool body_too_large;
	struct MHD_PostProcessor *pp;
	char upload_dir[240];        /* a private temporary directory */
	uint64_t upload_bytes;
	char upload_path[UPLOADS_MAX][256];  /* its files, in the order they came */
	char upload_name[UPLOADS_MAX][128];  /* and their names as sent */
	int nuploads;
	FILE *upload_f;
	enum { UPLOAD_OK, UPLOAD_TOO_LARGE, UPLOAD_TOO_MANY, UPLOAD_IO, UPLOAD_MALFORMED } upload_failed;

	/* the response */
	bool answered;
	unsigned status;
	buf out;
	const char *content_type;
	int fd;                      /* a file to send instead of out, or -1 */
	char filename[128];          /* Content-Disposition, for downloads */
	char set_cookie[256];
	char retry_after[16];

	store *st;                   /* taken from the pool while it works */
	arena a;                     /* released with the request */
};

/* ---- handle.c: the database connections -------------------------------- */

void store_pool_init(store_pool *p, int most);
/* A connection for q's work (NULL and err: none free in time, or it would
 * not open); given back with http_store_give. */
store *store_pool_take(store_pool *p, const http_config *cfg, pl_err *err);
void store_pool_give(store_pool *p, store *st);
void store_pool_close(store_pool *p);
/* q's store taken, its actor set (false: q answered with the failure), and
 * given back (admit.c). */
bool http_store_take(http_req *q);
void http_store_give(http_req *q);

/* ---- guard.c: a connection before its request is admitted ------------- */

/* libmicrohttpd's MHD_OPTION_NOTIFY_CONNECTION callback (cls: the server):
 * a connection is watched from its accept to its close. */
void guard_notify(void *cls, struct MHD_Connection *conn, void **socket_context,
                  enum MHD_ConnectionNotificationCode code);
/* The request's head is in (the deadline stops); its answer is finished
 * (the deadline starts again, for the next request on the connection). */
void guard_head_done(http_req *q);
void guard_answer_done(http_req *q);
/* The watcher thread that shuts connections past the deadline
 * (s->cfg.head_timeout); guard_stop after the daemon stopped. */
pl_rc guard_start(http_server *s, pl_err *err);
void guard_stop(http_server *s);
/* Whether a --host-allow list is well formed ("name[:port],..."). */
pl_rc guard_check_host_allow(const char *list, pl_err *err);
/* The Host and the framing headers, before anything else: true, with
 * 421 or 400 answered, if the request may not go on. */
bool guard_refuse(http_req *q);

/* ---- admit.c: who is asking, and whether they may --------------------- */

/* The answer before any body is read: the route (into q->route), this
 * thread's store (q->st), sign-in, permission, CSRF, the query string.
 * Returns false if the request may go on; true, answered, if not. */
bool http_refuse_early(http_req *q);
/* Does the asker hold permission p? */
bool http_can(const http_req *q, perm p);
/* What the asker may change (enum write_rights). */
unsigned http_write_rights(const http_req *q);

/* ---- request.c: what a request says ------------------------------------ */

/* libmicrohttpd's unescape callback: percent-decoding of paths and query
 * values, %00 made a byte nothing accepts. */
size_t http_unescape(void *cls, struct MHD_Connection *conn, char *s);
/* A query parameter, or NULL. */
const char *http_query(http_req *q, const char *name);
/* The JSON body as an object whose keys are all in `allowed`
 * (NULL-terminated); NULL, with the error response set, otherwise. */
json_t *http_body(http_req *q, const char *const *allowed);
/* Whether the body is declared JSON; false, with 415 answered, if not. */
bool http_body_is_json(http_req *q);
/* Whether every key of obj is in `allowed` (NULL-terminated); false, with
 * 422 unknown_field answered (field "where.key"), if not. */
bool http_check_keys(http_req *q, json_t *obj, const char *const *allowed, const char *where);
/* The string at key of body b into *out (NULL if absent); false, with the
 * error answered, if it is there and not a string. */
bool http_opt_string(http_req *q, json_t *b, const char *key, const char **out);
/* The same for true or false (*out unchanged if absent). */
bool http_opt_bool(http_req *q, json_t *b, const char *key, bool *out);
/* The same for a whole number from min to max. */
bool http_opt_long(http_req *q, json_t *b, const char *key, long min, long max, long *out);
/* A query parameter as a whole number from min to max (*out unchanged if
 * absent); false, with 400 answered, if it is not one. */
bool http_query_long(http_req *q, const char *name, long min, long max, long *out);
/* v (may be NULL: *out unchanged) as a full date YYYY-MM-DD; false, with
 * `status` answered naming `name`, if it is not one. */
bool http_full_date(http_req *q, unsigned status, const char *name, const char *v, pdate *out);

/* ---- response.c: what a handler answers -------------------------------- */

/* A JSON response; takes the reference to v. */
void http_json(http_req *q, unsigned status, json_t *v);
/* The error body every failure has: {"error": {"code", "message", "field"}}. */
void http_error(http_req *q, unsigned status, const char *code, const char *field,
                const char *fmt, ...) PL_PRINTF(5, 6);
/* The same with a coded message (pl_failc's code and name, value pairs
 * ended by NULL), so that the UI writes it in the user's language. */
void http_errorc(http_req *q, unsigned status, const char *code, const char *field,
                 const char *msg_code, ...)
#if defined(__GNUC__)
	__attribute__((sentinel))
#endif
	;
/* "field: why" (bad_input), coded as http.field_why when the catalogue
 * has why's English text (a validator's, msg_code_of). */
void http_error_why(http_req *q, unsigned status, const char *field, const char *why);
/* An error with its status and code, the message and (when coded) the
 * message's code and arguments taken from err. */
void http_refuse(http_req *q, unsigned status, const char *code, const char *field,
                 const pl_err *err);
/* The response for a pl_rc from lower layers (input, conflict, ...). */
void http_fail(http_req *q, const pl_err *err);
/* The same, naming the field it is about (may be NULL). */
void http_fail_field(http_req *q, const pl_err *err, const char *field);
/* A response that is not JSON (Markdown, a file to download): text[0..len). */
/* A download written whole before it is sent: an unnamed temporary file
 * (NULL, with err, if none could be made; *fd its descriptor), then sent
 * from disk with its file name, or the error if rc says the writing
 * failed: a failure half-way is an error, not a truncated download. */
FILE *http_download_open(http_req *q, int *fd, pl_err *err);
void http_download_send(http_req *q, FILE *f, int fd, pl_rc rc, pl_err *err, const char *filename,
                        const char *content_type);
/* "cannot write the export" with errno's words: PL_EIO. */
pl_rc http_export_failed(pl_err *err);
void http_send(http_req *q, unsigned status, const char *content_type, const char *text, size_t len);
/* Answer 422 with an import's problems, one a line (file:line: column ...),
 * as {"error": {"code", "message", "field", "problems", "rows_read"}};
 * coded (may be NULL: core/problems.h's coded lines) adds "problem_codes",
 * each problem's {context, message_code, args} or null. */
void http_refuse_problems(http_req *q, const pl_err *err, const buf *problems, const buf *coded,
                          long rows);
/* An import's failure answered (its problems if it has any, else as
 * http_fail): true if rc is one. */
bool http_import_refused(http_req *q, pl_rc rc, const pl_err *err, const buf *problems,
                         const buf *coded, long rows);
/* Send q's answer (q->out or q->fd) with the security headers and q's own. */
enum MHD_Result http_respond(http_req *q);

/* ---- upload.c: multipart uploads (imports) ----------------------------- */

/* A private temporary directory for q's files, and the multipart parser;
 * false, answered, if either cannot be made. */
bool upload_begin(http_req *q);
/* The next piece of the body, into the files. */
void upload_add(http_req *q, const char *data, size_t n);
/* The body is in: the files are closed (q->upload_failed says if all went
 * well). */
void upload_finish(http_req *q);
/* Answer q->upload_failed. */
void upload_refuse(http_req *q);
/* Whether the request uploaded exactly one file; false, with 422 answered
 * with the message of code what ("http.send_list": "send the list as one
 * CSV file (multipart/form-data)"), if not. */
bool http_one_upload(http_req *q, const char *what);
/* The request ends: its files and directory removed. */
void upload_cleanup(http_req *q);

/* ---- accesslog.c: reads of persons, recorded (GROUP_ACCESS_LOG) ------- */

pl_rc access_writer_start(const http_server *s, void **state, pl_err *err);
/* What is queued is committed first. */
void access_writer_stop(void *state);
/* Record reads of persons in the access log; false, with an error response
 * set, if they could not be recorded (then nothing may be shown). */
/* A passphrase's key derived (Argon2id, 256 MiB for a signing key or an
 * encrypted export): at most HTTP_KDF_AT_ONCE at a time, whatever the
 * number of workers, so that a few users cannot take the machine's memory.
 * False, answered (503 with Retry-After), if no turn came within 30 s;
 * true: call http_kdf_leave once the key is made. */
enum { HTTP_KDF_AT_ONCE = 2, HTTP_KDF_WAIT = 30 };
bool http_kdf_enter(http_req *q);
void http_kdf_leave(http_req *q);

/* The same, answering nothing: for a read whose answer is already under
 * way (an export written as it is read). */
pl_rc http_log_reads_rc(http_req *q, const char *const *uids, size_t n, const char *action,
                        const char *detail, pl_err *err);
bool http_log_reads(http_req *q, const char *const *uids, size_t n, const char *action,
                    const char *detail);
/* The same for the persons rows[0..n) name: each row `size` bytes, its
 * person's uid a const char * at `offset` (NULL: nobody). */
bool http_log_rows(http_req *q, const void *rows, size_t n, size_t size, size_t offset,
                   const char *action, const char *detail);

/* ---- ratelimit.c: failures counted per key in a window ----------------- */

typedef struct rate_limit rate_limit;
pl_rc rate_limit_new(rate_limit **out, int window);
void rate_limit_free(rate_limit *rl);
/* Seconds to wait before another attempt is allowed, 0 if allowed now. */
int rate_limit_check(rate_limit *rl, const char *key, int max, int64_t now);
void rate_limit_fail(rate_limit *rl, const char *key, int64_t now);
void rate_limit_clear(rate_limit *rl, const char *key);

/* ---- router.c: the routes ---------------------------------------------- */

extern const route http_routes[];
extern const size_t http_nroutes;
/* The route matching method and path (path parameters into q->param);
 * *wrong_method set if the path exists under another method. */
const route *router_match(http_req *q, bool *wrong_method);
/* Whether the route takes the query parameter `name` (its `params`). */
bool router_takes_param(const route *rt, const char *name);

/* ---- static.c: the web UI's files (GROUP_FILES) ------------------------ */

pl_rc static_init(const http_server *s, void **state, pl_err *err);
void static_free(void *state);
/* Serve a file of the web UI, or answer 404. */
void static_serve(http_req *q);

/* ---- api_*.c: the handlers -------------------------------------------- */

/* api_auth.c: signing in and out, who is signed in, the fields for forms,
 * API tokens; failed sign-ins counted (GROUP_LOGINS) */
pl_rc login_limit_init(const http_server *s, void **state, pl_err *err);
void login_limit_free(void *state);
void api_login(http_req *q);
void api_logout(http_req *q);
void api_me(http_req *q);
void api_fields(http_req *q);
void api_tokens_list(http_req *q);
void api_token_create(http_req *q);
void api_token_revoke(http_req *q);
/* The user, roles, permissions and CSRF token, as /api/me answers. */
json_t *who_json(const http_req *q, const user *u, const char *csrf);
/* The rate limiter's keys of a sign-in: the user's, and the address's
 * (empty when not counted: a signed-in user typing a code). */
typedef struct login_keys {
	char user[96], address[96];
} login_keys;
/* The keys of `name` (and of the address, if with_address) into k; true,
 * 429 answered, while too many failed. login_failed counts a failure. */
bool login_limited(http_req *q, const char *name, bool with_address, login_keys *k, int64_t now);
void login_failed(http_req *q, const login_keys *k, int64_t now);
/* A complete sign-in: its session and cookie, who (and extra's members). */
void login_open_session(http_req *q, const user *u, const login_keys *k, int64_t now, json_t *extra);
/* api_totp.c: the second factor, at sign-in and in one's account; an
 * admin's reset and the roles that must use one */
void login_second_step(http_req *q, const user *u, int64_t now);
void api_login_second_factor(http_req *q);
void api_totp_status(http_req *q);
void api_totp_begin(http_req *q);
void api_totp_confirm(http_req *q);
void api_totp_disable(http_req *q);
void api_totp_recovery(http_req *q);
void api_totp_reset(http_req *q);
void api_second_factor_get(http_req *q);
void api_second_factor_set(http_req *q);
/* api_persons.c */
void api_persons_list(http_req *q);
void api_person_get(http_req *q);
void api_person_create(http_req *q);
void api_person_update(http_req *q);
void api_event_add(http_req *q);
/* api_registry.c: import, export, the dashboard's counts; imports in
 * progress watched (GROUP_IMPORTS) */
pl_rc import_watch_init(const http_server *s, void **state, pl_err *err);
void import_watch_free(void *state);
void api_import(http_req *q);
void api_import_progress(http_req *q);
void api_export(http_req *q);
/* POST /api/export: the same, encrypted to the body's passphrase (sign/crypt.h). */
void api_export_encrypted(http_req *q);
void api_stats(http_req *q);
/* api_logs.c: the auditor's logs, searched, paged and exported */
void api_audit(http_req *q);
void api_audit_verify(http_req *q);
void api_access(http_req *q);
void api_retention_list(http_req *q);
void api_retention_set(http_req *q);
void api_retention_drop(http_req *q);
void api_retention_run(http_req *q);
void api_audit_export(http_req *q);
void api_access_export(http_req *q);
/* api_admin.c: the admin's users */
void api_users_list(http_req *q);
void api_user_create(http_req *q);
void api_user_update(http_req *q);
/* api_openapi.c */
void api_openapi(http_req *q);
/* api_messages.c */
void api_messages(http_req *q);
/* api_reconcile.c */
void api_reconcile(http_req *q);
void api_reconcile_decide(http_req *q);
void api_dedupe(http_req *q);
/* api_accord.c: agreements, plans, aftercare, statements */
void api_agreements_list(http_req *q);
void api_agreement_add(http_req *q);
void api_agreement_get(http_req *q);
void api_plan(http_req *q);
void api_aftercare(http_req *q);
void api_aftercare_record(http_req *q);
void api_statement(http_req *q);
/* api_stages.c: stages, their manifests and execution */
void api_stages_list(http_req *q);
void api_stage_get(http_req *q);
void api_stage_diff(http_req *q);
void api_stage_entries(http_req *q);
void api_stage_propose(http_req *q);
void api_stage_cancel(http_req *q);
void api_stage_close(http_req *q);
/* api_stages.c, shared with api_execute.c: the stage of the path (false:
 * answered), the stage as GET gives it, a body with the stage. */
bool api_stage_load(http_req *q, stage *s, agreement *ag);
void api_stage_send(http_req *q, unsigned status, const char *action);
json_t *api_stage_body(http_req *q, const char *const *keys, stage *s, agreement *ag);
/* api_execute.c: execution, as people cross, and its corrections */
void api_stage_execute(http_req *q);
void api_stage_outcomes(http_req *q);
void api_stage_finish(http_req *q);
void api_stage_correct(http_req *q);
void api_stage_corrections(http_req *q);
void api_stage_substitutes(http_req *q);
void api_stage_manifest(http_req *q);
void api_stage_verify(http_req *q);
void api_manifest_import(http_req *q);
void api_manifests_received(http_req *q);
/* What an import (or a signature made here) did, as POST /api/manifests
 * answers it (accord/manifest.h). */
struct manifest_import_report;
json_t *http_manifest_report_json(const struct manifest_import_report *rep);
/* api_keys.c: the signing keys, and a stage signed with the office's key
 * (wrong passphrases counted: GROUP_SIGNING) */
pl_rc sign_limit_init(const http_server *s, void **state, pl_err *err);
void sign_limit_free(void *state);
void api_keys_list(http_req *q);
void api_key_generate(http_req *q);
void api_key_public(http_req *q);
void api_key_import(http_req *q);
void api_key_revoke(http_req *q);
void api_stage_sign(http_req *q);
/* api_tasks.c */
pl_rc watcher_start(const http_server *s, void **state, pl_err *err);
void watcher_stop(void *state);
void api_tasks_list(http_req *q);
void api_task_get(http_req *q);
void api_task_assign(http_req *q);
void api_task_done(http_req *q);
void api_task_dismiss(http_req *q);
void api_tasks_watch(http_req *q);
/* api_letters.c */
void api_letter_templates(http_req *q);
void api_letter_template_get(http_req *q);
void api_letter_template_set(http_req *q);
void api_letter_template_reset(http_req *q);
void api_letter_office_get(http_req *q);
void api_letter_office_set(http_req *q);
void api_letter_render(http_req *q);
void api_letter_send(http_req *q);
void api_letters_list(http_req *q);
void api_letter_get(http_req *q);

/* api_testimony.c */
void api_testimonies_list(http_req *q);
void api_testimony_get(http_req *q);
void api_testimony_add(http_req *q);
void api_testimonies_import(http_req *q);
void api_sightings_list(http_req *q);
void api_sighting_accept(http_req *q);
void api_sighting_reject(http_req *q);
void api_proof(http_req *q);

/* api_family.c */
void api_inquiries_list(http_req *q);
void api_inquiry_get(http_req *q);
void api_inquiry_add(http_req *q);
void api_inquiry_match(http_req *q);
void api_inquiry_consent(http_req *q);
void api_inquiry_withdraw(http_req *q);
void api_inquiry_samples(http_req *q);
void api_inquiry_status(http_req *q);
void api_inquiries_import(http_req *q);
/* api_antemortem.c */
void api_antemortem_get(http_req *q);
void api_antemortem_set(http_req *q);
void api_photo_add(http_req *q);
void api_photo_get(http_req *q);
void api_postmortem_get(http_req *q);
void api_postmortem_set(http_req *q);
void api_comparison(http_req *q);

/* api_remains.c */
/* The tag of the remains case p names: its tag, or its id (R...) for tags
 * a path or a query cannot hold; NULL, answered, if it cannot be read. */
const char *http_case_tag(http_req *q, const char *p);
void api_remains_list(http_req *q);
void api_remains_get(http_req *q);
void api_remains_import(http_req *q);
void api_remains_custody(http_req *q);
void api_remains_fragment(http_req *q);
void api_remains_identify(http_req *q);
void api_remains_withdraw(http_req *q);
void api_remains_return(http_req *q);
void api_remains_batches(http_req *q);
void api_remains_batch_get(http_req *q);
void api_remains_batch_add(http_req *q);
void api_remains_ties(http_req *q);
/* {"en": ..., "uk": ...}: the languages an agreement document gives a title in. */
struct agreement_titles;
json_t *http_titles_json(const struct agreement_titles *t);
void api_remains_batch_tie(http_req *q);
/* api_dna.c: DNA identification */
void api_dna_import(http_req *q);
void api_dna_screen(http_req *q);
void api_dna_proposals(http_req *q);
void api_dna_references(http_req *q);
void api_dna_advice(http_req *q);
void api_dna_explain(http_req *q);
void api_dna_review(http_req *q);
void api_dna_confirm(http_req *q);
void api_dna_reject(http_req *q);
void api_dna_withdraw(http_req *q);
void api_dna_withdraw_approve(http_req *q);
void api_dna_withdraw_cancel(http_req *q);
void api_dna_frequencies(http_req *q);
void api_dna_pedigrees(http_req *q);
void api_dna_pedigree(http_req *q);

#endif
