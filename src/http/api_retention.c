/* The admin's retention rules (registry.h, "retention"): listed, set,
 * removed, and run, a dry run first. */
#include <stdlib.h>
#include <string.h>

#include "http/internal.h"
#include "family/family.h"

enum { RUN_SHOWN = 1000 }; /* changes listed in an answer; the count is whole */

static void send_rules(http_req *q, unsigned status)
{
	retention_rule *r;
	size_t n;
	pl_err err = {0};
	if(registry_retention_rules(q->st, &q->a, &r, &n, &err)) {
		http_fail(q, &err);
		return;
	}
	json_t *rules = json_array(), *kinds = json_array(), *actions = json_object();
	for(size_t i = 0; i < n; i++)
		json_array_append_new(rules, json_pack("{s:s, s:s, s:i, s:s, s:s}", "kind", r[i].kind, "action",
		                                       r[i].action, "years", r[i].years, "set_by", r[i].set_by,
		                                       "set_at", r[i].set_at));
	for(int k = 0; retention_kinds[k]; k++) {
		json_array_append_new(kinds, json_string(retention_kinds[k]));
		json_object_set_new(actions, retention_kinds[k], json_string(retention_actions[k]));
	}
	http_json(q, status, json_pack("{s:o, s:o, s:o}", "rules", rules, "kinds", kinds, "actions", actions));
}

void api_retention_list(http_req *q)
{
	send_rules(q, MHD_HTTP_OK);
}

void api_retention_set(http_req *q)
{
	static const char *const keys[] = {"years", "action", NULL};
	json_t *body = http_body(q, keys);
	if(!body)
		return;
	json_t *y = json_object_get(body, "years");
	const char *action = json_string_value(json_object_get(body, "action"));
	pl_err err = {0};
	pl_rc rc = !json_is_integer(y) ? pl_failc(&err, PL_EINPUT, "retention.years", "years", "?", NULL)
	                               : registry_retention_set(q->st, q->param[0], action,
	                                                        (int)json_integer_value(y), &err);
	json_decref(body);
	if(rc)
		http_fail_field(q, &err, err.code && !strcmp(err.code, "retention.kind") ? "kind" : NULL);
	else
		send_rules(q, MHD_HTTP_OK);
}

void api_retention_drop(http_req *q)
{
	pl_err err = {0};
	if(registry_retention_drop(q->st, q->param[0], &err))
		http_fail(q, &err);
	else
		send_rules(q, MHD_HTTP_OK);
}

static pl_rc change_row(void *ctx, const retention_change *c)
{
	if(json_array_size(ctx) >= RUN_SHOWN)
		return PL_OK;
	return json_array_append_new(ctx, json_pack("{s:s, s:s, s:s, s:s?, s:s}", "rule", c->kind, "action",
	                                            c->action, "person", c->person, "event", c->event,
	                                            "fields", c->fields))
	           ? PL_ENOMEM
	           : PL_OK;
}

void api_retention_run(http_req *q)
{
	static const char *const keys[] = {"dry_run", NULL};
	json_t *body = http_body(q, keys);
	if(!body)
		return;
	/* A dry run unless the body says plainly otherwise. */
	bool dry = !json_is_false(json_object_get(body, "dry_run"));
	json_decref(body);
	json_t *rows = json_array();
	size_t n;
	long swept;
	pl_err err = {0};
	if(family_retention_run(q->st, dry, change_row, rows, &n, &swept, &err)) {
		json_decref(rows);
		http_fail(q, &err);
		return;
	}
	http_json(q, MHD_HTTP_OK, json_pack("{s:b, s:I, s:o, s:I}", "dry_run", dry, "changes", (json_int_t)n,
	                                    "shown", rows, "photos_removed", (json_int_t)swept));
}
