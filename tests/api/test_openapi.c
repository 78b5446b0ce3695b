/* The OpenAPI document and the routes, walked together: every route is
 * documented with its method, every documented operation is served, and
 * the request schemas are the fields the server takes. */
#include "harness.h"

#include "http/internal.h"

static const char *method_lower(http_method m)
{
	return m == M_GET ? "get" : m == M_POST ? "post" : m == M_PATCH ? "patch" : "delete";
}

static json_t *document(void)
{
	resp r;
	assert_status(call(fx, &(rq){.method = "GET", .path = "/api/openapi.json"}, &r), 200);
	json_t *doc = json_incref(r.json);
	resp_free(&r);
	assert_non_null(doc);
	assert_string_equal(json_string_value(json_object_get(doc, "openapi")), "3.0.3");
	return doc;
}

static void every_route_is_documented(void **state)
{
	(void)state;
	json_t *doc = document(), *paths = json_object_get(doc, "paths");
	report rep = {0};
	for(size_t i = 0; i < http_nroutes; i++) {
		const route *rt = &http_routes[i];
		json_t *op = json_object_get(json_object_get(paths, rt->pattern), method_lower(rt->method));
		if(!op) {
			report_add(&rep, "%s %s is not documented\n", method_lower(rt->method), rt->pattern);
			continue;
		}
		/* Path parameters are declared. */
		for(const char *p = strchr(rt->pattern, '{'); p; p = strchr(p + 1, '{')) {
			char name[32];
			snprintf(name, sizeof(name), "%.*s", (int)(strchr(p, '}') - p - 1), p + 1);
			bool declared = false;
			size_t k;
			json_t *prm;
			json_array_foreach(json_object_get(op, "parameters"), k, prm)
				declared |= !strcmp(json_string_value(json_object_get(prm, "name")), name) &&
				            !strcmp(json_string_value(json_object_get(prm, "in")), "path");
			if(!declared)
				report_add(&rep, "%s: path parameter %s not declared\n", rt->pattern, name);
		}
		/* Its request body's schema is there (a json_pack format short of
		 * an argument drops schemas silently). */
		if(rt->body_schema &&
		   !json_object_get(json_object_get(json_object_get(doc, "components"), "schemas"), rt->body_schema))
			report_add(&rep, "%s %s: schema %s missing\n", method_lower(rt->method), rt->pattern,
			           rt->body_schema);
		bool has_body = json_object_get(op, "requestBody") != NULL;
		if(has_body != ((rt->flags & (ROUTE_BODY | ROUTE_UPLOAD)) != 0))
			report_add(&rep, "%s %s: requestBody %s\n", method_lower(rt->method), rt->pattern,
			           has_body ? "documented but not taken" : "taken but not documented");
		bool is_public = json_is_array(json_object_get(op, "security")) &&
		                 json_array_size(json_object_get(op, "security")) == 0;
		if(is_public != ((rt->flags & ROUTE_PUBLIC) != 0))
			report_add(&rep, "%s: security wrong\n", rt->pattern);
	}
	report_check(&rep, (int)http_nroutes);
	json_decref(doc);
}

/* Each documented operation, called as the auditor with the parameters
 * filled in, reaches a handler: never "no such route" or a wrong method. */
static void every_documented_operation_is_served(void **state)
{
	(void)state;
	json_t *doc = document(), *paths = json_object_get(doc, "paths");
	report rep = {0};
	int n = 0;
	const char *pattern;
	json_t *item;
	json_object_foreach(paths, pattern, item) {
		const char *method;
		json_t *op;
		json_object_foreach(item, method, op) {
			char path[256] = "", upper[16];
			size_t o = 0;
			for(const char *p = pattern; *p && o < sizeof(path) - 20; p++) {
				if(*p == '{') {
					o += (size_t)snprintf(path + o, sizeof(path) - o, "x1");
					p = strchr(p, '}');
				} else {
					path[o++] = *p;
				}
			}
			path[o] = '\0';
			snprintf(upper, sizeof(upper), "%s", method);
			for(char *c = upper; *c; c++)
				*c = (char)(*c - 32 * (*c >= 'a' && *c <= 'z'));
			resp r;
			long st = call(fx, &(rq){.method = upper, .path = path, .bearer = fx_token(fx, ROLE_ADMIN),
			                         .body = json_object_get(op, "requestBody") ? "{}" : NULL}, &r);
			n++;
			const char *msg = json_string_value(json_object_get(json_object_get(r.json, "error"), "message"));
			if(st == 405 || (st == 404 && msg && strstr(msg, "no such API route")))
				report_add(&rep, "%s %s: %ld %s\n", upper, path, st, msg ? msg : "");
			resp_free(&r);
		}
	}
	assert_int_equal(n, http_nroutes);
	report_check(&rep, n);
	json_decref(doc);
}

static void schemas_match_the_fields(void **state)
{
	(void)state;
	json_t *doc = document();
	json_t *schemas = json_object_get(json_object_get(doc, "components"), "schemas");
	json_t *props = json_object_get(json_object_get(schemas, "PersonInput"), "properties");
	assert_int_equal(json_object_size(props), PF_COUNT);
	for(int i = 0; i < PF_COUNT; i++)
		assert_non_null(json_object_get(props, person_fields[i].name));
	json_t *branch = json_object_get(json_object_get(props, "branch"), "enum");
	assert_int_equal(json_array_size(branch), 6); /* five values and null */
	assert_true(json_is_true(json_object_get(json_object_get(props, "medical"), "x-medical")));
	json_t *ev = json_object_get(schemas, "EventInput");
	assert_int_equal(json_object_size(json_object_get(ev, "properties")), EF_COUNT);
	assert_int_equal(json_array_size(json_object_get(ev, "required")), 3);
	assert_true(json_is_false(json_object_get(ev, "additionalProperties")));
	/* The query parameters of the person list are the ones it reads. */
	json_t *list = json_object_get(json_object_get(json_object_get(doc, "paths"), "/api/persons"), "get");
	size_t k;
	json_t *prm;
	bool q = false, age = false;
	json_array_foreach(json_object_get(list, "parameters"), k, prm) {
		q |= !strcmp(json_string_value(json_object_get(prm, "name")), "q");
		age |= !strcmp(json_string_value(json_object_get(prm, "name")), "age_on");
	}
	assert_true(q && age);
	json_decref(doc);
}

/* The UI's only source of the server's message texts: each language's
 * text for a code, the same {arguments}; an unknown language refused. */
static void the_message_catalogue_in_each_language(void **state)
{
	(void)state;
	static const struct {
		const char *path, *lang, *text;
	} want[] = {
		{"/api/messages", "en", "no person with id {person}"},
		{"/api/messages?lang=uk", "uk", "немає особи з ідентифікатором {person}"},
		{"/api/messages?lang=ru", "ru", "нет лица с идентификатором {person}"},
	};
	for(size_t i = 0; i < sizeof(want) / sizeof(want[0]); i++) {
		resp r;
		assert_status(call(fx, &(rq){.method = "GET", .path = want[i].path}, &r), 200);
		assert_string_equal(json_string_value(json_object_get(r.json, "lang")), want[i].lang);
		json_t *m = json_object_get(r.json, "messages");
		assert_string_equal(json_string_value(json_object_get(m, "person.no_such")), want[i].text);
		assert_true(json_object_size(m) > 250);
		resp_free(&r);
	}
	resp r;
	assert_status(call(fx, &(rq){.method = "GET", .path = "/api/messages?lang=de"}, &r), 400);
	assert_string_equal(str_at(json_object_get(r.json, "error"), "message_code"), "http.one_of");
	resp_free(&r);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(every_route_is_documented),
		cmocka_unit_test(every_documented_operation_is_served),
		cmocka_unit_test(schemas_match_the_fields),
		cmocka_unit_test(the_message_catalogue_in_each_language),
	};
	return cmocka_run_group_tests_name("api/openapi", tests, fx_setup, fx_teardown);
}
