/* Signing in (the password, then any second factor: api_totp.c) and out,
 * who is signed in, the field definitions for forms,
 * and API tokens. */
#include <sodium.h>
#include <string.h>
#include <time.h>

#include "accord/aftercare.h"
#include "http/internal.h"
#include "remains/remains.h"

static json_t *string_array(const char *const *names, unsigned bits, int n)
{
	json_t *a = json_array();
	for(int i = 0; i < n; i++)
		if(bits & (1u << i))
			json_array_append_new(a, json_string(names[i]));
	return a;
}

/* The user, and the party this office is of (serve --party): the UI shows
 * the office's own returnees first. */
json_t *who_json(const http_req *q, const user *u, const char *csrf)
{
	unsigned perms = 0;
	for(int p = 0; p < PERM_COUNT; p++)
		if(auth_can(u->roles, (perm)p))
			perms |= 1u << p;
	return json_pack("{s:s, s:s?, s:o, s:o, s:s?, s:s?}", "user", u->name, "display_name",
	                 u->display[0] ? u->display : NULL, "roles",
	                 string_array(role_names, u->roles, ROLE_COUNT), "permissions",
	                 string_array(perm_names, perms, PERM_COUNT), "csrf", csrf, "office_party",
	                 q->srv->cfg.office_party);
}

/* ---- signing in and out ---------------------------------------------- */

/* Failed sign-ins, counted per user and per address (GROUP_LOGINS). */
pl_rc login_limit_init(const http_server *s, void **state, pl_err *err)
{
	rate_limit *rl;
	if(rate_limit_new(&rl, s->cfg.login_window))
		return pl_nomem(err);
	*state = rl;
	return PL_OK;
}

void login_limit_free(void *state)
{
	rate_limit_free(state);
}

static void login_keys_of(const http_req *q, const char *name, bool with_address, login_keys *k)
{
	snprintf(k->user, sizeof(k->user), "u:%.64s", name);
	if(with_address)
		snprintf(k->address, sizeof(k->address), "a:%s", q->address);
	else
		k->address[0] = '\0';
}

/* Refused (429 answered) while too many sign-ins failed for the user's
 * key or the address's. */
bool login_limited(http_req *q, const char *name, bool with_address, login_keys *k, int64_t now)
{
	login_keys_of(q, name, with_address, k);
	rate_limit *logins = q->srv->state[GROUP_LOGINS];
	int n = q->srv->cfg.login_failures;
	/* Per user and per address: guessing one password, or many users'. */
	int wait = rate_limit_check(logins, k->user, n, now);
	int await = k->address[0] ? rate_limit_check(logins, k->address, 4 * n, now) : 0;
	if(!wait && !await)
		return false;
	int w = wait > await ? wait : await;
	snprintf(q->retry_after, sizeof(q->retry_after), "%d", w);
	http_errorc(q, MHD_HTTP_TOO_MANY_REQUESTS, "rate_limited", NULL, "http.rate_limited", "seconds",
	            PL_N(w), NULL);
	return true;
}

void login_failed(http_req *q, const login_keys *k, int64_t now)
{
	rate_limit *logins = q->srv->state[GROUP_LOGINS];
	rate_limit_fail(logins, k->user, now);
	if(k->address[0])
		rate_limit_fail(logins, k->address, now);
}

/* The session of a sign-in that is complete: the cookie, and who it is
 * (with `extra`'s members, taken, if not NULL). The user's failures are
 * forgotten only now: a right password alone does not clear them, or the
 * codes could be guessed between passwords. */
void login_open_session(http_req *q, const user *u, const login_keys *k, int64_t now, json_t *extra)
{
	http_config *cfg = &q->srv->cfg;
	char token[TOKEN_LEN + 1];
	session s;
	pl_err err = {0};
	if(auth_session_create(q->st, u, q->address, now, token, &s, &err)) {
		json_decref(extra);
		http_fail(q, &err);
		return;
	}
	rate_limit_clear(q->srv->state[GROUP_LOGINS], k->user);
	pl_err prune = {0}; /* housekeeping: a failure here is not the user's */
	auth_sessions_prune(q->st, now, &cfg->sessions, &prune);
	snprintf(q->set_cookie, sizeof(q->set_cookie),
	         SESSION_COOKIE "=%s; Path=/; HttpOnly; SameSite=Strict; Max-Age=%lld%s", token,
	         (long long)cfg->sessions.absolute, q->srv->tls ? "; Secure" : "");
	sodium_memzero(token, sizeof(token));
	json_t *who = who_json(q, u, s.csrf);
	if(extra)
		json_object_update(who, extra);
	json_decref(extra);
	http_json(q, MHD_HTTP_OK, who);
}

void api_login(http_req *q)
{
	static const char *const keys[] = {"user", "password", NULL};
	json_t *b = http_body(q, keys);
	if(!b)
		return;
	const char *name = json_string_value(json_object_get(b, "user"));
	const char *password = json_string_value(json_object_get(b, "password"));
	if(!name || !password) {
		json_decref(b);
		http_errorc(q, MHD_HTTP_UNPROCESSABLE_CONTENT, "bad_input", name ? "password" : "user",
		            "http.login_fields", NULL);
		return;
	}
	int64_t now = time(NULL);
	login_keys k;
	if(login_limited(q, name, true, &k, now)) {
		json_decref(b);
		return;
	}
	user u;
	pl_err err = {0};
	pl_rc rc = auth_login(q->st, name, password, &u, &err);
	json_decref(b);
	if(rc == PL_EINPUT) {
		login_failed(q, &k, now);
		http_refuse(q, MHD_HTTP_UNAUTHORIZED, "unauthorized", NULL, &err);
		return;
	}
	bool due = false;
	if(rc || (rc = auth_second_factor_due(q->st, &u, &due, &err))) {
		http_fail(q, &err);
		return;
	}
	if(due)
		login_second_step(q, &u, now);
	else
		login_open_session(q, &u, &k, now, NULL);
}

void api_logout(http_req *q)
{
	const char *token = MHD_lookup_connection_value(q->conn, MHD_COOKIE_KIND, SESSION_COOKIE);
	pl_err err = {0};
	if(token && auth_session_end(q->st, token, &err)) {
		http_fail(q, &err);
		return;
	}
	snprintf(q->set_cookie, sizeof(q->set_cookie),
	         SESSION_COOKIE "=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0%s",
	         q->srv->tls ? "; Secure" : "");
	http_json(q, MHD_HTTP_OK, json_pack("{s:b}", "signed_out", 1));
}

void api_me(http_req *q)
{
	http_json(q, MHD_HTTP_OK, who_json(q, &q->who, q->by_cookie ? q->csrf : NULL));
}

/* ---- field definitions, for the UI's forms ---------------------------- */

static json_t *fields_json(const field_def *defs, int n)
{
	static const char *const kinds[] = {"text", "note", "date", "enum", "party", "country"};
	json_t *a = json_array();
	for(int i = 0; i < n; i++) {
		json_t *vals = json_array();
		for(int k = 0; defs[i].kind == FK_ENUM && defs[i].values[k]; k++)
			json_array_append_new(vals, json_string(defs[i].values[k]));
		json_array_append_new(a, json_pack("{s:s, s:s, s:s, s:o, s:b, s:b, s:s}", "name",
		                                   defs[i].name, "label", defs[i].label,
		                                   "kind", kinds[defs[i].kind], "values", vals,
		                                   "medical", (defs[i].flags & FIELD_MEDICAL) != 0,
		                                   "required", (defs[i].flags & FIELD_REQUIRED) != 0,
		                                   "help", defs[i].help));
	}
	return a;
}

void api_fields(http_req *q)
{
	json_t *events = json_array();
	for(int e = 0; e < EV_COUNT; e++) {
		json_t *from = json_array();
		for(int s = 0; s < ST_COUNT; s++)
			if(lifecycle_next((person_status)s, (event_type)e) >= 0)
				json_array_append_new(from, json_string(lifecycle_status_name((person_status)s)));
		json_array_append_new(events, json_pack("{s:s, s:s, s:o, s:b}", "name",
		                                        lifecycle_event_name((event_type)e), "label",
		                                        lifecycle_event_label((event_type)e), "from", from,
		                                        "medical", lifecycle_event_is_health((event_type)e)));
	}
	json_t *statuses = json_array();
	for(int s = 0; s < ST_COUNT; s++)
		json_array_append_new(statuses, json_pack("{s:s, s:s}", "name",
		                                          lifecycle_status_name((person_status)s), "label",
		                                          lifecycle_status_label((person_status)s)));
	json_t *roles = json_array();
	for(int r = 0; r < ROLE_COUNT; r++)
		json_array_append_new(roles, json_string(role_names[r]));
	json_t *stages = json_array(), *outcomes = json_array(), *steps = json_array();
	for(int k = 0; k < STAGE_STATUS_COUNT; k++)
		json_array_append_new(stages, json_string(stage_status_name((stage_status)k)));
	for(int k = OUTCOME_PENDING + 1; k < OUTCOME_COUNT; k++)
		json_array_append_new(outcomes, json_string(entry_outcome_name((entry_outcome)k)));
	for(int k = 0; k < STEP_COUNT; k++)
		json_array_append_new(steps, json_string(aftercare_step_name((aftercare_step)k)));
	http_json(q, MHD_HTTP_OK,
	          json_pack("{s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:o}", "person",
	                    fields_json(person_fields, PF_COUNT), "event", fields_json(event_fields, EF_COUNT),
	                    "statuses", statuses, "event_types", events, "roles", roles, "remains",
	                    fields_json(remains_fields, RF_COUNT), "stage_statuses", stages, "outcomes",
	                    outcomes, "aftercare_steps", steps));
}

/* ---- API tokens ------------------------------------------------------- */

static pl_rc token_row(void *ctx, const api_token *t)
{
	return json_array_append_new(ctx, auth_token_json(t)) ? PL_ENOMEM : PL_OK;
}

void api_tokens_list(http_req *q)
{
	const char *all = http_query(q, "all");
	bool every = all && !strcmp(all, "1");
	if(every && !http_can(q, PERM_USERS)) {
		http_errorc(q, MHD_HTTP_FORBIDDEN, "forbidden", "all", "http.admin_tokens", NULL);
		return;
	}
	json_t *a = json_array();
	pl_err err = {0};
	if(auth_token_list(q->st, every ? 0 : q->who.id, token_row, a, &err)) {
		json_decref(a);
		http_fail(q, &err);
		return;
	}
	http_json(q, MHD_HTTP_OK, json_pack("{s:o}", "tokens", a));
}

/* Only a person signed in by password makes tokens, and types the password
 * again: a token cannot make tokens (a stolen one would otherwise outlive
 * its own revocation through its children), nor can a session left open. */
void api_token_create(http_req *q)
{
	if(!q->by_cookie) {
		http_errorc(q, MHD_HTTP_FORBIDDEN, "forbidden", NULL, "http.token_by_token", NULL);
		return;
	}
	static const char *const keys[] = {"name", "password", "expires_days", "read_only", NULL};
	json_t *b = http_body(q, keys);
	if(!b)
		return;
	const char *name = json_string_value(json_object_get(b, "name"));
	const char *password = json_string_value(json_object_get(b, "password"));
	json_t *days_v = json_object_get(b, "expires_days"), *ro_v = json_object_get(b, "read_only");
	token_spec spec = {.name = name, .read_only = json_is_true(ro_v)};
	if(days_v && (!json_is_integer(days_v) || json_integer_value(days_v) < 1 ||
	              json_integer_value(days_v) > TOKEN_DAYS_MAX)) {
		json_decref(b);
		http_errorc(q, MHD_HTTP_UNPROCESSABLE_CONTENT, "bad_input", "expires_days", "http.expected_int",
		            "field", "expires_days", "min", PL_N(1), "max", PL_N(TOKEN_DAYS_MAX), NULL);
		return;
	}
	if(ro_v && !json_is_boolean(ro_v)) {
		json_decref(b);
		http_errorc(q, MHD_HTTP_UNPROCESSABLE_CONTENT, "bad_input", "read_only", "http.expected_bool",
		            "field", "read_only", NULL);
		return;
	}
	spec.days = days_v ? (int)json_integer_value(days_v) : 0;
	if(!password) {
		json_decref(b);
		http_errorc(q, MHD_HTTP_UNPROCESSABLE_CONTENT, "bad_input", "password", "http.token_password", NULL);
		return;
	}
	/* The password, counted with failed sign-ins (the same limit). */
	int64_t now = time(NULL);
	login_keys k;
	if(login_limited(q, q->who.name, false, &k, now)) {
		json_decref(b);
		return;
	}
	user again;
	pl_err err = {0};
	if(auth_login(q->st, q->who.name, password, &again, &err) == PL_EINPUT) {
		json_decref(b);
		login_failed(q, &k, now);
		http_refuse(q, MHD_HTTP_FORBIDDEN, "forbidden", "password", &err);
		return;
	}
	char token[API_TOKEN_LEN + 1], expires[32] = "";
	int64_t id;
	pl_rc rc = err.rc ? err.rc
	           : name ? auth_token_make(q->st, &q->who, &spec, q->who.name, token, &id, expires, &err)
	                  : pl_failc(&err, PL_EINPUT, "http.token_needs_name", NULL);
	json_decref(b);
	if(rc) {
		http_fail(q, &err);
		return;
	}
	http_json(q, MHD_HTTP_CREATED, json_pack("{s:I, s:s, s:s, s:b, s:s}", "id", (json_int_t)id, "token",
	                                         token, "expires_at", expires, "read_only", spec.read_only,
	                                         "note", "keep it now: it is not shown again"));
	sodium_memzero(token, sizeof(token));
}

void api_token_revoke(http_req *q)
{
	char *end;
	long long id = strtoll(q->param[0], &end, 10);
	if(*end || id <= 0) {
		http_errorc(q, MHD_HTTP_NOT_FOUND, "not_found", "id", "http.no_token", "token", q->param[0], NULL);
		return;
	}
	pl_err err = {0};
	/* Your own tokens; an admin's, anyone's. */
	if(auth_token_revoke(q->st, id, http_can(q, PERM_USERS) ? 0 : q->who.id,
	                     q->who.name, &err)) {
		http_fail(q, &err);
		return;
	}
	http_json(q, MHD_HTTP_OK, json_pack("{s:I, s:b}", "id", (json_int_t)id, "revoked", 1));
}
