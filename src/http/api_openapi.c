/* The OpenAPI 3.0 document of the API, made from the route table and the
 * field definitions, so that it cannot drift from what the server does. */
#include <string.h>

#include "dna/dna.h"
#include "family/antemortem.h"
#include "family/family.h"
#include "http/internal.h"

static const char *method_name(http_method m)
{
	switch(m) {
	case M_GET: return "get";
	case M_POST: return "post";
	case M_PATCH: return "patch";
	case M_DELETE: return "delete";
	default: return "other";
	}
}

static json_t *ref(const char *name)
{
	char path[96];
	snprintf(path, sizeof(path), "#/components/schemas/%s", name);
	return json_pack("{s:s}", "$ref", path);
}

static json_t *nullable_string(const field_def *fd)
{
	json_t *o = json_pack("{s:s, s:b, s:s}", "type", "string", "nullable", 1, "description",
	                      fd->help);
	if(fd->kind == FK_ENUM) {
		json_t *vals = json_array();
		for(int k = 0; fd->values[k]; k++)
			json_array_append_new(vals, json_string(fd->values[k]));
		json_array_append_new(vals, json_null());
		json_object_set_new(o, "enum", vals);
	} else if(fd->kind == FK_DATE) {
		json_object_set_new(o, "pattern", json_string("^[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?$"));
	} else if(fd->kind == FK_COUNTRY) { /* an assigned ISO 3166-1 alpha-2 code, any case */
		json_object_set_new(o, "pattern", json_string("^[A-Za-z]{2}$"));
	}
	if(fd->flags & FIELD_MEDICAL)
		json_object_set_new(o, "x-medical", json_true());
	return o;
}

static json_t *fields_schema(const field_def *defs, int n, bool ext)
{
	json_t *props = json_object(), *required = json_array();
	for(int i = 0; i < n; i++) {
		json_object_set_new(props, defs[i].name, nullable_string(&defs[i]));
		if(defs[i].flags & FIELD_REQUIRED)
			json_array_append_new(required, json_string(defs[i].name));
	}
	json_t *o = json_pack("{s:s, s:o}", "type", "object", "properties", props);
	/* ext.SOURCE: external identifiers; nothing else is accepted. */
	json_object_set_new(o, "additionalProperties", json_false());
	if(ext)
		json_object_set_new(o, "patternProperties",
		                    json_pack("{s:{s:s}}", "^ext\\.[a-z0-9][a-z0-9_-]{0,31}$", "type",
		                              "string"));
	if(json_array_size(required))
		json_object_set_new(o, "required", required);
	else
		json_decref(required);
	return o;
}

/* A flat object schema from "name:type,..." (type string, integer,
 * boolean), the required names, no other members. */
static json_t *object_schema(const char *props, const char *const *required)
{
	json_t *p = json_object(), *req = json_array();
	while(props && *props) {
		size_t len = strcspn(props, ","), colon = strcspn(props, ":");
		char name[64], type[16];
		snprintf(name, sizeof(name), "%.*s", (int)colon, props);
		snprintf(type, sizeof(type), "%.*s", (int)(len - colon - 1), props + colon + 1);
		json_object_set_new(p, name, json_pack("{s:s}", "type", type));
		props += len + (props[len] == ',');
	}
	for(size_t i = 0; required && required[i]; i++)
		json_array_append_new(req, json_string(required[i]));
	json_t *o = json_pack("{s:s, s:b, s:o}", "type", "object", "additionalProperties", 0,
	                      "properties", p);
	if(json_array_size(req))
		json_object_set_new(o, "required", req);
	else
		json_decref(req);
	return o;
}

static json_t *array_of(json_t *items)
{
	return json_pack("{s:s, s:o}", "type", "array", "items", items);
}

/* The bodies of the agreements', stages' and remains' routes. */
static void accord_schemas(json_t *s)
{
	static const char *const ag_req[] = {"parley", "id", "parties", "concluded", "clauses", NULL};
	json_t *ag = object_schema("parley:string,id:string,title:string,mediator:string,"
	                           "transit:string,concluded:string,valid_from:string,valid_until:string,"
	                           "conflict_start:string,counting:string", ag_req);
	json_t *props = json_object_get(ag, "properties");
	json_object_set_new(props, "parties", array_of(json_pack("{s:s}", "type", "string")));
	json_object_set_new(props, "embargo", json_pack("{s:s}", "type", "object"));
	json_object_set_new(props, "clauses", array_of(json_pack("{s:s}", "type", "object")));
	json_object_set_new(ag, "description", json_string("an agreement document: docs/agreements.md"));
	json_object_set_new(s, "Agreement", ag);
	json_object_set_new(s, "PlanInput",
	                    object_schema("clause:string,stage_date:string,capacity:integer,days:integer,"
	                                  "explain:boolean,save:boolean,handover_point:string", NULL));
	static const char *const add_req[] = {"person", "side", "clause", NULL};
	json_t *entries = object_schema("", NULL);
	props = json_object_get(entries, "properties");
	json_object_set_new(props, "add", array_of(object_schema("person:string,side:string,clause:string",
	                                                          add_req)));
	json_object_set_new(props, "remove", array_of(json_pack("{s:s}", "type", "string")));
	json_object_set_new(s, "EntriesInput", entries);
	static const char *const ac_req[] = {"event", "date", "persons", NULL};
	json_t *ac = object_schema("event:string,date:string,place:string,note:string,source:string,"
	                           "stage:string", ac_req);
	json_object_set_new(json_object_get(ac, "properties"), "persons",
	                    array_of(json_pack("{s:s}", "type", "string")));
	json_object_set_new(s, "AftercareEventsInput", ac);
	static const char *const cancel_req[] = {"reason", NULL};
	json_object_set_new(s, "CancelInput", object_schema("reason:string", cancel_req));
	static const char *const sign_req[] = {"passphrase", NULL}, *const key_req[] = {"signer", "passphrase",
	                                                                                 "confirm", NULL},
	                         *const revoke_req[] = {"reason", NULL};
	json_object_set_new(s, "SignInput", object_schema("passphrase:string,key:string", sign_req));
	json_object_set_new(s, "KeyInput", object_schema("signer:string,role:string,passphrase:string,"
	                                                  "confirm:string", key_req));
	json_object_set_new(s, "RevokeInput", object_schema("reason:string", revoke_req));
	json_object_set_new(s, "ExportInput", object_schema("format:string,what:string,raw:boolean,fields:string,"
	                                                     "passphrase:string,public_key:string", NULL));
	static const char *const out_req[] = {"person", "outcome", NULL}, *const del_req[] = {"batch",
	                                                                                      "delivered", NULL};
	json_t *ex = object_schema("date:string", NULL);
	props = json_object_get(ex, "properties");
	json_object_set_new(props, "outcomes", array_of(object_schema("person:string,outcome:string,"
	                                                               "substitute:string,note:string",
	                                                               out_req)));
	json_object_set_new(props, "deliveries", array_of(object_schema("batch:string,delivered:integer",
	                                                                 del_req)));
	json_object_set_new(s, "ExecuteInput", ex);
	json_t *rec = object_schema("date:string", NULL);
	json_object_set_new(json_object_get(rec, "properties"), "outcomes",
	                    array_of(object_schema("person:string,outcome:string,substitute:string,note:string",
	                                           out_req)));
	json_object_set_new(s, "OutcomesInput", rec);
	static const char *const fix_req[] = {"person", "outcome", "reason", NULL};
	json_object_set_new(s, "CorrectionInput",
	                    object_schema("person:string,outcome:string,reason:string,date:string", fix_req));
	static const char *const cus_req[] = {"holder", "since", NULL}, *const frag_req[] = {"label", NULL},
	                         *const id_req[] = {"person", NULL}, *const ret_req[] = {"to", "date", NULL};
	json_object_set_new(s, "CustodyInput", object_schema("holder:string,since:string,note:string", cus_req));
	json_object_set_new(s, "FragmentInput",
	                    object_schema("label:string,person:string,description:string", frag_req));
	json_object_set_new(s, "IdentifyInput", object_schema("person:string,confirm:boolean", id_req));
	json_object_set_new(s, "ReturnInput", object_schema("to:string,date:string,note:string", ret_req));
	static const char *const batch_req[] = {"label", "from_party", "to_party", "declared", NULL},
	                         *const tie_req[] = {"stage", NULL};
	json_object_set_new(s, "BatchInput", object_schema("label:string,from_party:string,to_party:string,"
	                                                   "handover_date:string,declared:integer,note:string",
	                                                   batch_req));
	json_object_set_new(s, "TieInput", object_schema("agreement:string,stage:string,clause:string,"
	                                                 "declared:integer", tie_req));
}

/* The bodies of the DNA routes. */
static void dna_schemas(json_t *s)
{
	static const char *const pair_req[] = {"case", "other", NULL}, *const note_req[] = {"case", "other",
	                                       "note", NULL}, *const reason_req[] = {"case", "other", "reason", NULL};
	json_t *screen = object_schema("batch:string,mutation:string,report:boolean", NULL);
	json_t *props = json_object_get(screen, "properties");
	for(const dna_param_def *d = dna_param_defs; d->name; d++)
		if(strcmp(d->name, "threads")) /* the server's to decide */
			json_object_set_new(props, d->name, json_pack("{s:s, s:f, s:f, s:b}", "type",
			                                              d->whole ? "integer" : "number", "minimum",
			                                              d->lo, "maximum", d->hi, "exclusiveMinimum",
			                                              d->above));
	json_t *models = json_array();
	for(int m = 0; m < DNA_MUT_COUNT; m++)
		json_array_append_new(models, json_string(dna_mutation_names[m]));
	json_array_append_new(models, json_string("extended-stepwise"));
	json_object_set_new(json_object_get(props, "mutation"), "enum", models);
	/* each a locus's own model: LOCUS=MODEL[:RATE[:RATE2[:RANGE]]] (docs/dna.md) */
	json_object_set_new(props, "marker_mutation",
	                    json_pack("{s:s, s:i, s:{s:s, s:i}}", "type", "array", "maxItems",
	                              DNA_MARKERS_MAX, "items", "type", "string", "maxLength", 200));
	json_object_set_new(s, "ScreenInput", screen);
	json_object_set_new(s, "DnaConfirmInput",
	                    object_schema("case:string,other:string,note:string,force:boolean", pair_req));
	json_object_set_new(s, "DnaRejectInput", object_schema("case:string,other:string,note:string", pair_req));
	json_object_set_new(s, "DnaReviewInput", object_schema("case:string,other:string,note:string",
	                                                       note_req));
	json_object_set_new(s, "DnaWithdrawInput", object_schema("case:string,other:string,reason:string",
	                                                         reason_req));
	json_object_set_new(s, "DnaPairInput", object_schema("case:string,other:string", pair_req));
}

/* The bodies of the families' routes. */
static void family_schemas(json_t *s)
{
	json_t *in = fields_schema(inquiry_fields, IF_COUNT, false);
	json_t *props = json_object_get(in, "properties");
	static const char *const c_req[] = {"purpose", "form", NULL}, *const w_req[] = {"purpose", NULL},
	                         *const s_req[] = {"status", NULL};
	json_t *intake_consent = object_schema("purpose:string,form:string,date:string,note:string", c_req);
	json_object_set_new(json_object_get(intake_consent, "properties"), "samples",
	                    array_of(json_pack("{s:s}", "type", "string")));
	json_object_set_new(props, "consents", array_of(intake_consent));
	json_object_set_new(props, "new_person", json_pack("{s:s}", "type", "boolean"));
	json_object_set_new(s, "InquiryInput", in);
	json_t *consent_in = object_schema("purpose:string,form:string,date:string,note:string", c_req);
	json_object_set_new(json_object_get(consent_in, "properties"), "samples", array_of(json_pack("{s:s}", "type",
	                                                                                         "string")));
	json_object_set_new(s, "ConsentInput", consent_in);
	static const char *const samples_req[] = {"samples", NULL};
	json_t *samples = object_schema("", samples_req);
	json_object_set_new(json_object_get(samples, "properties"), "samples", array_of(json_pack("{s:s}", "type",
	                                                                                         "string")));
	json_object_set_new(s, "SamplesInput", samples);
	json_object_set_new(s, "WithdrawInput", object_schema("purpose:string,date:string,form:string", w_req));
	json_object_set_new(s, "InquiryStatusInput", object_schema("status:string,reason:string", s_req));
	static const char *const done_req[] = {"how", "note", NULL}, *const dismiss_req[] = {"reason", NULL};
	json_object_set_new(s, "TaskAssignInput", object_schema("user:string", NULL));
	json_object_set_new(s, "TaskDoneInput", object_schema("how:string,date:string,note:string", done_req));
	json_object_set_new(s, "TaskDismissInput", object_schema("reason:string", dismiss_req));
	static const char *const lt_req[] = {"body", NULL}, *const lr_req[] = {"inquiry", "kind", NULL},
	                         *const ls_req[] = {"inquiry", "kind", "how", NULL}, *const lo_req[] = {"office", NULL};
	json_object_set_new(s, "LetterTemplateInput", object_schema("body:string", lt_req));
	json_object_set_new(s, "LetterOfficeInput", object_schema("office:string", lo_req));
	json_object_set_new(s, "LetterRenderInput", object_schema("inquiry:string,kind:string,lang:string,body:string",
	                                                          lr_req));
	json_object_set_new(s, "LetterSendInput", object_schema("inquiry:string,kind:string,lang:string,how:string,"
	                                                        "date:string,task:string", ls_req));
	json_t *t = fields_schema(testimony_fields, TF_COUNT, false);
	static const char *const t_req[] = {"returnee", "taken_on", "sightings", NULL}, *const a_req[] = {"person",
	                                                                                               "confidence", NULL};
	json_object_set_new(json_object_get(t, "properties"), "sightings",
	                    array_of(fields_schema(sighting_fields, SF_COUNT, false)));
	json_t *req = json_array();
	for(int i = 0; t_req[i]; i++)
		json_array_append_new(req, json_string(t_req[i]));
	json_object_set_new(t, "required", req);
	json_object_set_new(s, "TestimonyInput", t);
	json_object_set_new(s, "SightingAcceptInput", object_schema("person:string,confidence:string,note:string", a_req));
	json_object_set_new(s, "SightingRejectInput", object_schema("note:string,not_in_registry:boolean", NULL));
}

static json_t *words(const char *const *names)
{
	json_t *a = json_array();
	for(int i = 0; names[i]; i++)
		json_array_append_new(a, json_string(names[i]));
	return json_pack("{s:s, s:o}", "type", "string", "enum", a);
}

/* The ante-mortem record and the post-mortem observations: one shape. */
static json_t *observations_schema(bool with_inquiry)
{
	static const char *const m_req[] = {"location", "description", NULL};
	json_t *mark = object_schema("description:string", m_req);
	json_t *mp = json_object_get(mark, "properties");
	json_object_set_new(mp, "kind", words(am_mark_kind_names));
	json_object_set_new(mp, "location", words(am_location_names));
	json_t *o = object_schema("clothing:string,effects:string", NULL);
	json_t *p = json_object_get(o, "properties");
	if(with_inquiry)
		json_object_set_new(p, "inquiry", json_pack("{s:s}", "type", "string"));
	json_object_set_new(p, "height", object_schema("min:integer,max:integer", NULL));
	json_object_set_new(p, "build", words(am_build_names));
	json_object_set_new(p, "hair", words(am_hair_names));
	json_object_set_new(p, "eyes", words(am_eye_names));
	json_object_set_new(p, "marks", array_of(mark));
	json_object_set_new(p, "dental", json_pack("{s:s, s:s, s:b, s:o}", "type", "object", "description",
	                                           "FDI tooth number (11-48) to code", "additionalProperties", 0,
	                                           "patternProperties",
	                                           json_pack("{s:o}", "^[1-4][1-8]$", words(am_tooth_code_names))));
	return o;
}

/* The second factor's bodies. */
static void totp_schemas(json_t *s, json_t *roles)
{
	static const char *const login_req[] = {"pending", "code", NULL}, *const code_req[] = {"code", NULL},
	                         *const off_req[] = {"code", "password", NULL}, *const roles_req[] = {"roles",
	                                                                                             NULL};
	json_object_set_new(s, "SecondFactorInput", object_schema("pending:string,code:string", login_req));
	json_object_set_new(s, "TotpCodeInput", object_schema("code:string", code_req));
	json_object_set_new(s, "TotpOffInput", object_schema("code:string,password:string", off_req));
	json_t *r = object_schema("", roles_req);
	json_object_set_new(json_object_get(r, "properties"), "roles",
	                    array_of(json_pack("{s:s, s:O}", "type", "string", "enum", roles)));
	json_object_set_new(s, "SecondFactorRolesInput", r);
}

static json_t *schemas(void)
{
	json_t *roles = json_array();
	for(int r = 0; r < ROLE_COUNT; r++)
		json_array_append_new(roles, json_string(role_names[r]));
	json_t *s = json_pack(
		"{s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:o}",
		"Error",
		json_pack("{s:s, s:{s:{s:s, s:{s:{s:s}, s:{s:s}, s:{s:s, s:b}, s:{s:s, s:{s:s}}}}}}",
		          "type", "object", "properties", "error", "type", "object", "properties",
		          "code", "type", "string", "message", "type", "string", "field", "type",
		          "string", "nullable", 1, "problems", "type", "array", "items", "type",
		          "string"),
		"Login",
		json_pack("{s:s, s:[s,s], s:b, s:{s:{s:s}, s:{s:s}}}", "type", "object", "required",
		          "user", "password", "additionalProperties", 0, "properties", "user", "type",
		          "string", "password", "type", "string"),
		"PersonInput", fields_schema(person_fields, PF_COUNT, true),
		"EventInput", fields_schema(event_fields, EF_COUNT, false),
		"UserInput",
		json_pack("{s:s, s:b, s:{s:{s:s}, s:{s:s}, s:{s:s, s:{s:s, s:o}}, s:{s:s, s:i}, "
		          "s:{s:s}}}",
		          "type", "object", "additionalProperties", 0, "properties", "name", "type",
		          "string", "display_name", "type", "string", "roles", "type", "array", "items",
		          "type", "string", "enum", roles, "password", "type", "string", "minLength",
		          PASSWORD_MIN, "disabled", "type", "boolean"),
		"RetentionRuleInput",
		json_pack("{s:s, s:[s], s:b, s:{s:{s:s, s:i, s:i}, s:{s:s, s:[s]}}}", "type", "object", "required",
		          "years", "additionalProperties", 0, "properties", "years", "type", "integer", "minimum", 1,
		          "maximum", 100, "action", "type", "string", "enum", "erase"),
		"RetentionRunInput",
		json_pack("{s:s, s:b, s:{s:{s:s}}}", "type", "object", "additionalProperties", 0, "properties",
		          "dry_run", "type", "boolean"),
		"TokenInput",
		json_pack("{s:s, s:[s,s], s:b, s:{s:{s:s}, s:{s:s}, s:{s:s, s:i, s:i}, s:{s:s}}}", "type", "object",
		          "required", "name", "password", "additionalProperties", 0, "properties", "name", "type",
		          "string", "password", "type", "string", "expires_days", "type", "integer", "minimum", 1,
		          "maximum", TOKEN_DAYS_MAX, "read_only", "type", "boolean"),
		"DecisionInput",
		json_pack("{s:s, s:[s,s,s], s:b, s:{s:{s:s}, s:{s:s}, s:{s:s, s:[s,s]}, s:{s:s}, s:{s:s}}}",
		          "type", "object", "required", "row", "person", "decision",
		          "additionalProperties", 0, "properties", "row", "type", "string", "person", "type",
		          "string", "decision", "type", "string", "enum", "confirm", "reject", "list", "type",
		          "string", "list_row", "type", "string"),
		"Upload",
		json_pack("{s:s, s:{s:{s:s, s:{s:s, s:s}}}}", "type", "object", "properties", "file",
		          "type", "array", "items", "type", "string", "format", "binary"));
	accord_schemas(s);
	dna_schemas(s);
	family_schemas(s);
	json_object_set_new(s, "AntemortemInput", observations_schema(true));
	json_object_set_new(s, "PostmortemInput", observations_schema(false));
	totp_schemas(s, roles);
	return s;
}

/* "name:type:help;..." into parameter objects. */
static void add_query_params(json_t *params, const char *spec)
{
	while(spec && *spec) {
		const char *end = strchr(spec, ';');
		size_t len = end ? (size_t)(end - spec) : strlen(spec);
		char item[256];
		snprintf(item, sizeof(item), "%.*s", (int)len, spec);
		char *type = strchr(item, ':');
		char *help = type ? strchr(type + 1, ':') : NULL;
		if(type && help) {
			*type++ = '\0';
			*help++ = '\0';
			json_array_append_new(params, json_pack("{s:s, s:s, s:s, s:{s:s}}", "name", item, "in",
			                                        "query", "description", help, "schema",
			                                        "type", type));
		}
		spec = end ? end + 1 : NULL;
	}
}

static json_t *operation(const route *rt)
{
	json_t *op = json_pack("{s:s}", "summary", rt->summary);
	char opid[160];
	snprintf(opid, sizeof(opid), "%s %s", method_name(rt->method), rt->pattern);
	json_object_set_new(op, "operationId", json_string(opid));
	json_t *params = json_array();
	for(const char *p = strchr(rt->pattern, '{'); p; p = strchr(p + 1, '{')) {
		const char *end = strchr(p, '}');
		json_array_append_new(params, json_pack("{s:s#, s:s, s:b, s:{s:s}}", "name", p + 1,
		                                        (int)(end - p - 1), "in", "path", "required", 1,
		                                        "schema", "type", "string"));
	}
	add_query_params(params, rt->params);
	if(json_array_size(params))
		json_object_set_new(op, "parameters", params);
	else
		json_decref(params);
	if(rt->body_schema) {
		const char *ct = (rt->flags & ROUTE_UPLOAD) ? "multipart/form-data" : "application/json";
		json_object_set_new(op, "requestBody",
		                    json_pack("{s:b, s:{s:{s:o}}}", "required", 1, "content", ct, "schema",
		                              ref(rt->body_schema)));
	}
	json_t *err = json_pack("{s:s, s:{s:{s:o}}}", "description", "an error", "content",
	                        "application/json", "schema", ref("Error"));
	json_t *responses = json_pack("{s:{s:s}, s:o}", (rt->flags & ROUTE_CREATES) ? "201" : "200",
	                              "description", "done", "default", err);
	json_object_set_new(op, "responses", responses);
	if(rt->flags & ROUTE_PUBLIC) {
		json_object_set_new(op, "security", json_array());
	} else {
		json_t *perms = json_array();
		for(int p = 0; p < PERM_COUNT; p++)
			if(rt->perms & PERM(p))
				json_array_append_new(perms, json_string(perm_names[p]));
		/* Any one of these permissions lets a caller in (none: any user). */
		json_object_set_new(op, "x-permissions", perms);
	}
	return op;
}

void api_openapi(http_req *q)
{
	json_t *paths = json_object();
	for(size_t i = 0; i < http_nroutes; i++) {
		const route *rt = &http_routes[i];
		json_t *item = json_object_get(paths, rt->pattern);
		if(!item) {
			item = json_object();
			json_object_set_new(paths, rt->pattern, item);
		}
		json_object_set_new(item, method_name(rt->method), operation(rt));
	}
	json_t *doc = json_pack(
		"{s:s, s:{s:s, s:s, s:s}, s:o, s:{s:o, s:{s:{s:s, s:s, s:s}, s:{s:s, s:s}}}, "
		"s:[{s:[]}, {s:[]}]}",
		"openapi", "3.0.3", "info", "title", "parley", "version", "1",
		"description", "The registry, agreements, stages, remains and DNA identification of the parley server. A session (cookie " SESSION_COOKIE ", "
		"from POST /api/login) must send the X-CSRF-Token header it was given on every "
		"request that is not GET; an API token is sent as Authorization: Bearer.",
		"paths", paths, "components", "schemas", schemas(), "securitySchemes", "session",
		"type", "apiKey", "in", "cookie", "name", SESSION_COOKIE, "token", "type", "http",
		"scheme", "bearer", "security", "session", "token");
	http_json(q, MHD_HTTP_OK, doc);
}
