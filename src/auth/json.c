/* Users and API tokens as JSON, as the CLI's --json and the API show them. */
#include <jansson.h>

#include "auth/auth.h"

json_t *auth_user_json(const user *u)
{
	json_t *roles = json_array();
	for(int r = 0; r < ROLE_COUNT; r++)
		if(u->roles & (1u << r))
			json_array_append_new(roles, json_string(role_names[r]));
	return json_pack("{s:s, s:s?, s:o, s:b, s:b}", "name", u->name, "display_name",
	                 u->display[0] ? u->display : NULL, "roles", roles, "disabled", u->disabled,
	                 "second_factor", u->totp);
}

json_t *auth_token_json(const api_token *t)
{
	return json_pack("{s:I, s:s, s:s, s:s, s:s?, s:s?, s:s?, s:b}", "id", (json_int_t)t->id, "name",
	                 t->name, "user", t->user, "created_at", t->created_at, "expires_at",
	                 t->expires_at[0] ? t->expires_at : NULL, "last_used",
	                 t->last_used[0] ? t->last_used : NULL, "revoked_at",
	                 t->revoked_at[0] ? t->revoked_at : NULL, "read_only", t->read_only);
}
