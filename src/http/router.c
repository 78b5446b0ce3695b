/* The routes: every API endpoint, who may call it, and what it is for.
 * This table is the authorisation of the API (field by field refinements
 * are in the handlers, from the same permissions), and the source of the
 * OpenAPI document. */
#include <string.h>

#include "http/internal.h"

#define PERSON_QUERY_PARAMS                                                              \
	"q:string:words of a name, in any script and common spelling;"                       \
	"party:string:party codes, comma-separated (unknown: not known);"                    \
	"held_by:string:who holds them, comma-separated;"                                    \
	"status:string:statuses, comma-separated;"                                           \
	"medical:string:medical categories, comma-separated (medical roles only);"           \
	"branch:string:service branches, comma-separated;"                                   \
	"age:string:MIN-MAX, MIN- or -MAX, on age_on;"                                       \
	"age_on:string:the day ages are taken on, YYYY-MM-DD (default today);"               \
	"captured_since:string:captured on or after this (partial) date;"                    \
	"captured_before:string:captured before this (partial) date;"                        \
	"limit:integer:at most this many (1-200, default 50);"                               \
	"offset:integer:skip this many"

#define LOG_QUERY_PARAMS                                                                 \
	"person:string:only this person's id (* for exports);"                               \
	"actor:string:only this user;"                                                       \
	"since:string:only on or after this date;"                                           \
	"limit:integer:at most this many (default 100, 0 for all)"

const route http_routes[] = {
	{M_POST, "/api/login", 0, ROUTE_PUBLIC | ROUTE_BODY, api_login,
	 "Sign in: sets the session cookie, returns the user and the CSRF token", "Login", NULL},
	{M_POST, "/api/logout", 0, 0, api_logout, "Sign out: ends the session", NULL, NULL},
	{M_GET, "/api/me", 0, 0, api_me,
	 "The signed-in user, their roles and permissions, and the CSRF token", NULL, NULL},
	{M_GET, "/api/fields", 0, 0, api_fields,
	 "Field definitions, allowed values, statuses and event types, for forms", NULL, NULL},
	{M_GET, "/api/persons", PERM(PERM_PERSON_READ), 0, api_persons_list,
	 "List and search persons (the search is written to the access log)", NULL,
	 PERSON_QUERY_PARAMS},
	{M_POST, "/api/persons", PERM(PERM_PERSON_WRITE), ROUTE_BODY | ROUTE_CREATES, api_person_create,
	 "Add a person", "PersonInput", NULL},
	{M_GET, "/api/persons/{id}", PERM(PERM_PERSON_READ), 0, api_person_get,
	 "A person's record and timeline (the read is written to the access log)", NULL, NULL},
	{M_PATCH, "/api/persons/{id}", PERM(PERM_PERSON_WRITE) | PERM(PERM_MEDICAL_WRITE), ROUTE_BODY,
	 api_person_update, "Change fields of a person (null forgets a value)", "PersonInput", NULL},
	{M_POST, "/api/persons/{id}/events", PERM(PERM_PERSON_WRITE) | PERM(PERM_MEDICAL_WRITE),
	 ROUTE_BODY | ROUTE_CREATES, api_event_add, "Record an event of a person", "EventInput", NULL},
	{M_POST, "/api/import", PERM(PERM_IMPORT), ROUTE_UPLOAD, api_import,
	 "Import CSV or JSON files (multipart/form-data): all or nothing. Name the import with "
	 "an X-Import-Id header to follow its progress", "Upload",
	 "format:string:csv or json (default: from each file's name and first byte)"},
	{M_GET, "/api/imports/{id}", PERM(PERM_IMPORT), 0, api_import_progress,
	 "The progress of your import named by X-Import-Id", NULL, NULL},
	{M_GET, "/api/export", PERM(PERM_EXPORT), 0, api_export,
	 "Export the registry (written to the access log)", NULL,
	 "format:string:json (default) or csv;what:string:persons (default) or events (csv)"},
	{M_GET, "/api/stats", PERM(PERM_STATS), 0, api_stats,
	 "Counts for the dashboard: statuses, parties, holders, medical categories, returns "
	 "by month, time in captivity", NULL, NULL},
	{M_GET, "/api/audit", PERM(PERM_AUDIT_READ), 0, api_audit,
	 "The audit log of changes, newest first", NULL, LOG_QUERY_PARAMS},
	{M_GET, "/api/audit/verify", PERM(PERM_AUDIT_READ), 0, api_audit_verify,
	 "Check the audit chain", NULL, NULL},
	{M_GET, "/api/access", PERM(PERM_AUDIT_READ), 0, api_access,
	 "The access log of reads, newest first", NULL, LOG_QUERY_PARAMS},
	{M_GET, "/api/users", PERM(PERM_USERS), 0, api_users_list, "The users", NULL, NULL},
	{M_POST, "/api/users", PERM(PERM_USERS), ROUTE_BODY | ROUTE_CREATES, api_user_create, "Add a user",
	 "UserInput", NULL},
	{M_PATCH, "/api/users/{name}", PERM(PERM_USERS), ROUTE_BODY, api_user_update,
	 "Change a user's roles, display name, password, or disable them", "UserInput", NULL},
	{M_GET, "/api/tokens", 0, 0, api_tokens_list,
	 "Your API tokens (all tokens for admins, with all=1)", NULL,
	 "all:integer:1 for every user's tokens (admins)"},
	{M_POST, "/api/tokens", 0, ROUTE_BODY | ROUTE_CREATES, api_token_create,
	 "A new API token for programs (shown once)", "TokenInput", NULL},
	{M_DELETE, "/api/tokens/{id}", 0, 0, api_token_revoke, "Revoke an API token", NULL, NULL},
	{M_POST, "/api/reconcile", PERM(PERM_RECONCILE), ROUTE_UPLOAD, api_reconcile,
	 "Match a list (one CSV file, multipart/form-data) against the registry: each row matched, "
	 "to review or unmatched, with flags and per-field weights (written to the access log)",
	 "Upload",
	 "threshold:number:link at this probability or more (default 0.9);"
	 "review:number:review from this probability (default 0.3);"
	 "id_column:string:the list's identifier column (default: line numbers);"
	 "clause:string:AGREEMENT:CLAUSE: flag matched persons not eligible under it"},
	{M_POST, "/api/reconcile/decisions", PERM(PERM_DECIDE), ROUTE_BODY | ROUTE_CREATES,
	 api_reconcile_decide,
	 "Confirm or reject a match of a report's row (kept, applied on every later run, audited)",
	 "DecisionInput", NULL},
	{M_GET, "/api/dedupe", PERM(PERM_RECONCILE), 0, api_dedupe,
	 "Persons entered more than once: clusters to review, never merged (written to the access "
	 "log)", NULL, "review:number:pairs from this probability (default 0.3)"},
	{M_GET, "/api/openapi.json", 0, ROUTE_PUBLIC, api_openapi, "This API, as OpenAPI 3.0", NULL,
	 NULL},
};

const size_t http_nroutes = sizeof(http_routes) / sizeof(http_routes[0]);

/* A path parameter: an id, a user name, a number. */
static bool param_char(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
	       c == '.' || c == '-' || c == '_';
}

/* Does path match pattern? Parameters go to params. */
static bool match(const char *pattern, const char *path, char params[PATH_PARAMS][PARAM_MAX])
{
	int np = 0;
	while(*pattern && *path) {
		if(*pattern == '{') {
			const char *end = strchr(pattern, '}');
			size_t n = 0;
			while(param_char(path[n]))
				n++;
			if(!n || n >= PARAM_MAX || np == PATH_PARAMS || (path[n] && path[n] != '/'))
				return false;
			memcpy(params[np], path, n);
			params[np][n] = '\0';
			np++;
			path += n;
			pattern = end + 1;
			continue;
		}
		if(*pattern != *path)
			return false;
		pattern++;
		path++;
	}
	return !*pattern && !*path;
}

bool router_takes_param(const route *rt, const char *name)
{
	size_t len = strlen(name);
	for(const char *p = rt->params; p && *p;) {
		if(!strncmp(p, name, len) && p[len] == ':')
			return true;
		p = strchr(p, ';');
		p = p ? p + 1 : NULL;
	}
	return false;
}

const route *router_match(http_req *q, bool *wrong_method)
{
	*wrong_method = false;
	char params[PATH_PARAMS][PARAM_MAX];
	for(size_t i = 0; i < http_nroutes; i++) {
		if(!match(http_routes[i].pattern, q->path, params))
			continue;
		if(http_routes[i].method != q->method) {
			*wrong_method = true;
			continue;
		}
		memcpy(q->param, params, sizeof(params));
		return &http_routes[i];
	}
	return NULL;
}
