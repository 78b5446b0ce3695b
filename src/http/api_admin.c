/* The admin's users. */
#include <stdlib.h>
#include <string.h>

#include "audit/audit.h"
#include "http/internal.h"

/* Answer {key: rows}, or the error that stopped the listing (the rows
 * gathered so far are dropped). */
static void send_rows(http_req *q, const char *key, json_t *rows, pl_rc rc, pl_err *err)
{
	if(rc) {
		json_decref(rows);
		if(rc == PL_ENOMEM)
			pl_nomem(err);
		http_fail(q, err);
		return;
	}
	http_json(q, MHD_HTTP_OK, json_pack("{s:o}", key, rows));
}

/* ---- users ------------------------------------------------------------ */

static pl_rc user_row(void *ctx, const user *u)
{
	return json_array_append_new(ctx, auth_user_json(u)) ? PL_ENOMEM : PL_OK;
}

void api_users_list(http_req *q)
{
	json_t *a = json_array();
	pl_err err = {0};
	pl_rc rc = auth_user_list(q->st, user_row, a, &err);
	send_rows(q, "users", a, rc, &err);
}

/* "roles": ["registrar", "medical"]; false, with the error set, if bad. */
static bool roles_from_json(http_req *q, json_t *v, role_set *out)
{
	*out = 0;
	size_t i;
	json_t *r;
	if(!json_is_array(v) || !json_array_size(v)) {
		http_errorc(q, MHD_HTTP_UNPROCESSABLE_CONTENT, "bad_input", "roles", "http.roles", NULL);
		return false;
	}
	json_array_foreach(v, i, r) {
		const char *name = json_string_value(r);
		int k = ROLE_COUNT;
		for(k = 0; name && k < ROLE_COUNT; k++)
			if(!strcmp(role_names[k], name))
				break;
		if(!name || k == ROLE_COUNT) {
			char list[160];
			auth_roles_text((1u << ROLE_COUNT) - 1, list, sizeof(list));
			http_errorc(q, MHD_HTTP_UNPROCESSABLE_CONTENT, "bad_input", "roles", "http.role_unknown", "i",
			            PL_N(i), "allowed", list, NULL);
			return false;
		}
		*out |= 1u << k;
	}
	return true;
}

/* A string member, or NULL; false, with the error set, if present but not a string. */
static void send_user(http_req *q, unsigned status, const char *name)
{
	user u;
	pl_err err = {0};
	if(auth_user_get(q->st, name, &u, &err))
		http_fail(q, &err);
	else
		http_json(q, status, auth_user_json(&u));
}

void api_user_create(http_req *q)
{
	static const char *const keys[] = {"name", "display_name", "roles", "password", NULL};
	json_t *b = http_body(q, keys);
	if(!b)
		return;
	const char *name = NULL, *display = NULL, *password = NULL;
	role_set roles = 0;
	pl_err err = {0};
	bool ok = http_opt_string(q, b, "name", &name) && http_opt_string(q, b, "display_name", &display) &&
	          http_opt_string(q, b, "password", &password) &&
	          roles_from_json(q, json_object_get(b, "roles"), &roles);
	if(ok && (!name || !password)) {
		http_errorc(q, MHD_HTTP_UNPROCESSABLE_CONTENT, "bad_input", name ? "password" : "name",
		            "http.required", "field", name ? "password" : "name", NULL);
		ok = false;
	}
	if(ok && auth_user_add(q->st, name, display, roles, password, q->who.name,
	                       &err)) {
		http_fail(q, &err);
		ok = false;
	}
	if(ok)
		send_user(q, MHD_HTTP_CREATED, name);
	json_decref(b);
}

void api_user_update(http_req *q)
{
	static const char *const keys[] = {"display_name", "roles", "password", "disabled", NULL};
	json_t *b = http_body(q, keys);
	if(!b)
		return;
	const char *display = NULL, *password = NULL;
	json_t *roles_v = json_object_get(b, "roles"), *disabled_v = json_object_get(b, "disabled");
	role_set roles = 0;
	bool disabled = json_is_true(disabled_v);
	bool ok = http_opt_string(q, b, "display_name", &display) && http_opt_string(q, b, "password", &password) &&
	          (!roles_v || roles_from_json(q, roles_v, &roles));
	if(ok && disabled_v && !json_is_boolean(disabled_v)) {
		http_errorc(q, MHD_HTTP_UNPROCESSABLE_CONTENT, "bad_input", "disabled", "http.disabled", NULL);
		ok = false;
	}
	pl_err err = {0};
	store *st = q->st;
	/* The password is checked first, against the names the user will have,
	 * so that the changes fail together. */
	user u = {0};
	if(ok && password && auth_user_get(st, q->param[0], &u, &err))
		ok = false;
	const char *why = ok && password ? auth_password_weak(password, u.name, display ? display : u.display)
	                                 : NULL;
	if(why) {
		http_errorc(q, MHD_HTTP_UNPROCESSABLE_CONTENT, "bad_input", "password", "auth.refused", "why", why,
		            NULL);
		ok = false;
	}
	/* Everything is checked above, so the two changes fail together or
	 * not at all (short of the disk failing between them). */
	if(ok && (roles_v || display || disabled_v) &&
	   auth_user_set(st, q->param[0], roles_v ? &roles : NULL, display,
	                 disabled_v ? &disabled : NULL, q->who.name, &err))
		ok = false;
	if(ok && password && auth_user_passwd(st, q->param[0], password, q->who.name, &err))
		ok = false;
	if(ok)
		send_user(q, MHD_HTTP_OK, q->param[0]);
	else if(err.rc)
		http_fail(q, &err);
	json_decref(b);
}
