/* Persons over the API: search in any script, the record and its
 * timeline, medical details only for the medical roles, writes split
 * between registrars and medical officers, every read in the access log;
 * and users managed by the admin. */
#include "harness.h"

#include <pthread.h>

#include "core/file.h"
#include "sign/crypt.h"

static json_t *get_json(role who, const char *path, long want)
{
	resp r;
	long st = call(fx, &(rq){.method = "GET", .path = path, .bearer = fx_token(fx, who)}, &r);
	if(st != want)
		fail_msg("GET %s as %s: %ld %s", path, role_names[who], st, buf_str(&r.body));
	json_t *j = json_incref(r.json);
	resp_free(&r);
	return j;
}

static long send_json(role who, const char *method, const char *path, const char *body, json_t **out)
{
	resp r;
	long st = call(fx, &(rq){.method = method, .path = path, .bearer = fx_token(fx, who), .body = body},
	               &r);
	if(out)
		*out = json_incref(r.json);
	resp_free(&r);
	return st;
}

/* curl_easy_escape without a handle. */
static char *curl_escape_lite(const char *s)
{
	char *out = malloc(strlen(s) * 3 + 1), *o = out;
	for(const unsigned char *p = (const unsigned char *)s; *p; p++) {
		if((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9'))
			*o++ = (char)*p;
		else
			o += sprintf(o, "%%%02X", *p);
	}
	*o = '\0';
	return out;
}

static void search_in_any_script(void **state)
{
	(void)state;
	static const char *const spellings[] = {"Шевченко", "shevchenko", "Shevchenko Oleksandr",
	                                        "oleksandr shevchenko", "Aleksandr Shevchenko", "Олександр",
	                                        "Александр Шевченко", "SHEVCH"};
	report rep = {0};
	for(size_t i = 0; i < sizeof(spellings) / sizeof(spellings[0]); i++) {
		char path[256], *q = curl_escape_lite(spellings[i]);
		snprintf(path, sizeof(path), "/api/persons?q=%s&limit=200", q);
		free(q);
		json_t *j = get_json(ROLE_REGISTRAR, path, 200);
		bool found = false;
		size_t k;
		json_t *p;
		json_array_foreach(json_object_get(j, "persons"), k, p)
			found |= !strcmp(json_string_value(json_object_get(p, "id")), fx->person);
		if(!found)
			report_add(&rep, "'%s' did not find %s\n", spellings[i], fx->person);
		json_decref(j);
	}
	report_check(&rep, (int)(sizeof(spellings) / sizeof(spellings[0])));
	/* Filters and paging. */
	json_t *j = get_json(ROLE_REGISTRAR, "/api/persons?party=UA&limit=5&offset=5", 200);
	assert_int_equal(json_integer_value(json_object_get(j, "limit")), 5);
	assert_int_equal(json_integer_value(json_object_get(j, "offset")), 5);
	assert_true(json_array_size(json_object_get(j, "persons")) <= 5);
	size_t k;
	json_t *p;
	json_array_foreach(json_object_get(j, "persons"), k, p)
		assert_string_equal(json_string_value(json_object_get(p, "party")), "UA");
	json_decref(j);
	/* Filtering by medical category is for medical roles. */
	json_decref(get_json(ROLE_REGISTRAR, "/api/persons?medical=severely_wounded", 403));
	j = get_json(ROLE_MEDICAL, "/api/persons?medical=severely_wounded", 200);
	assert_true(json_integer_value(json_object_get(j, "total")) >= 1);
	json_decref(j);
}

/* A search's persons are written straight into the answer (not through
 * jansson): each is the record's summary, value for value, quotes and
 * backslashes escaped, the medical category only for medical roles, and
 * nothing else of the record (no address, no external id). */
static void search_answer_is_the_record_summary(void **state)
{
	(void)state;
	json_t *p;
	assert_int_equal(send_json(ROLE_REGISTRAR, "POST", "/api/persons",
	                           "{\"surname\":\"Дзюбенко\",\"given_names\":\"Ігор\",\"party\":\"ua\","
	                           "\"rank\":\"капітан \\\"Б\\\" \\\\ 2\",\"birth_date\":\"1990-05-04\","
	                           "\"home_address\":\"вул. Садова 3\\nкв. 12\",\"ext.hq\":\"HQ-SUM-1\"}", &p),
	                 201);
	char id[UID_SIZE], path[64];
	snprintf(id, sizeof(id), "%s", json_string_value(json_object_get(p, "id")));
	json_decref(p);
	snprintf(path, sizeof(path), "/api/persons/%s", id);
	assert_int_equal(send_json(ROLE_MEDICAL, "PATCH", path, "{\"medical\":\"wounded\"}", NULL), 200);
	static const struct {
		role r;
		const char *keys;
	} cases[] = {{ROLE_REGISTRAR, "id surname given_names birth_date party rank status"},
	             {ROLE_MEDICAL, "id surname given_names birth_date party rank medical status"}};
	for(size_t c = 0; c < sizeof(cases) / sizeof(cases[0]); c++) {
		char *q = curl_escape_lite("Дзюбенко"), search[160];
		snprintf(search, sizeof(search), "/api/persons?q=%s&limit=20", q);
		free(q);
		json_t *j = get_json(cases[c].r, search, 200);
		assert_non_null(j);
		assert_true(json_integer_value(json_object_get(j, "total")) >= 1);
		assert_true(json_is_boolean(json_object_get(j, "total_is_lower_bound")));
		assert_string_equal(json_string_value(json_object_get(j, "order")), "name");
		assert_int_equal(json_integer_value(json_object_get(j, "offset")), 0);
		assert_int_equal(json_integer_value(json_object_get(j, "limit")), 20);
		json_t *s = find(json_object_get(j, "persons"), "id", id);
		assert_non_null(s);
		json_t *full = get_json(cases[c].r, path, 200);
		assert_string_equal(json_string_value(json_object_get(full, "rank")), "капітан \"Б\" \\ 2");
		assert_non_null(json_object_get(full, "home_address"));
		/* Exactly these keys, each as the record has it. */
		char keys[128];
		snprintf(keys, sizeof(keys), "%s", cases[c].keys);
		size_t n = 0;
		for(char *save = NULL, *k = strtok_r(keys, " ", &save); k; k = strtok_r(NULL, " ", &save), n++) {
			json_t *v = json_object_get(s, k);
			if(!v || !json_equal(v, json_object_get(full, k)))
				fail_msg("%s: %s is %s in the search, %s in the record", role_names[cases[c].r], k,
				         json_string_value(v), json_string_value(json_object_get(full, k)));
		}
		assert_int_equal(json_object_size(s), n);
		json_decref(full);
		json_decref(j);
	}
	/* Nobody found: an empty list, and the default page size. */
	json_t *j = get_json(ROLE_REGISTRAR, "/api/persons?q=Zzyzxquorn", 200);
	assert_non_null(j);
	assert_int_equal(json_integer_value(json_object_get(j, "total")), 0);
	assert_int_equal(json_integer_value(json_object_get(j, "limit")), 50);
	assert_true(json_is_array(json_object_get(j, "persons")));
	assert_int_equal(json_array_size(json_object_get(j, "persons")), 0);
	json_decref(j);
}

static json_t *find_event(json_t *record, const char *id)
{
	size_t i;
	json_t *e;
	json_array_foreach(json_object_get(record, "events"), i, e)
		if(!strcmp(json_string_value(json_object_get(e, "id")), id))
			return e;
	return NULL;
}

static void medical_details_by_role(void **state)
{
	(void)state;
	char path[64];
	snprintf(path, sizeof(path), "/api/persons/%s", fx->person);
	/* Who sees the medical category and what a health event was. */
	static const struct {
		role r;
		bool sees;
	} cases[] = {{ROLE_ADMIN, true},        {ROLE_MEDICAL, true},         {ROLE_AUDITOR, true},
	             {ROLE_REGISTRAR, false},   {ROLE_NEGOTIATOR, false},     {ROLE_IDENTIFICATION, false}};
	report rep = {0};
	for(size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		json_t *p = get_json(cases[i].r, path, 200);
		json_t *e = find_event(p, fx->health_event);
		bool medical = json_object_get(p, "medical") != NULL;
		bool note = e && json_object_get(e, "note");
		bool place = e && json_object_get(e, "place");
		if(!e)
			report_add(&rep, "%s: the health event is not listed at all\n", role_names[cases[i].r]);
		if(medical != cases[i].sees || note != cases[i].sees || place != cases[i].sees)
			report_add(&rep, "%s: medical %d note %d place %d\n", role_names[cases[i].r], medical, note,
			           place);
		json_decref(p);
	}
	report_check(&rep, (int)(sizeof(cases) / sizeof(cases[0])));
	/* Nor in the search results, nor in exports. */
	json_t *j = get_json(ROLE_REGISTRAR, "/api/persons?q=shevchenko", 200);
	assert_null(json_object_get(json_array_get(json_object_get(j, "persons"), 0), "medical"));
	json_decref(j);
	resp r;
	assert_status(call(fx, &(rq){.method = "GET", .path = "/api/export?format=json",
	                             .bearer = fx_token(fx, ROLE_REGISTRAR)}, &r), 200);
	assert_null(strstr(buf_str(&r.body), "severely_wounded"));
	assert_null(strstr(buf_str(&r.body), "shrapnel"));
	assert_contains(buf_str(&r.body), fx->person);
	char disp[256];
	assert_contains(resp_header(&r, "Content-Disposition", disp, sizeof(disp)), "attachment");
	resp_free(&r);
	assert_status(call(fx, &(rq){.method = "GET", .path = "/api/export?format=json",
	                             .bearer = fx_token(fx, ROLE_AUDITOR)}, &r), 200);
	assert_contains(buf_str(&r.body), "severely_wounded");
	assert_contains(buf_str(&r.body), "shrapnel");
	resp_free(&r);
	/* Counts by medical category are medical too. */
	j = get_json(ROLE_REGISTRAR, "/api/stats", 200);
	assert_null(json_object_get(j, "by_medical"));
	assert_non_null(json_object_get(j, "by_status"));
	json_decref(j);
	j = get_json(ROLE_MEDICAL, "/api/stats", 200);
	assert_non_null(json_object_get(j, "by_medical"));
	json_decref(j);
}

static void writes_split_by_role(void **state)
{
	(void)state;
	json_t *p;
	assert_int_equal(send_json(ROLE_REGISTRAR, "POST", "/api/persons",
	                           "{\"surname\":\"Коваленко\",\"given_names\":\"Марія\",\"sex\":\"female\","
	                           "\"party\":\"ua\",\"ext.hq\":\"HQ-API-1\"}", &p), 201);
	char id[UID_SIZE], path[64], events[80];
	snprintf(id, sizeof(id), "%s", json_string_value(json_object_get(p, "id")));
	assert_string_equal(json_string_value(json_object_get(p, "party")), "UA"); /* cleaned */
	assert_string_equal(json_string_value(json_object_get(p, "ext.hq")), "HQ-API-1");
	assert_string_equal(json_string_value(json_object_get(p, "status")), "missing");
	json_decref(p);
	snprintf(path, sizeof(path), "/api/persons/%s", id);
	snprintf(events, sizeof(events), "/api/persons/%s/events", id);
	/* A registrar may not set medical fields, nor a medical officer others. */
	assert_int_equal(send_json(ROLE_REGISTRAR, "POST", "/api/persons",
	                           "{\"surname\":\"X\",\"medical\":\"wounded\"}", NULL), 403);
	assert_int_equal(send_json(ROLE_REGISTRAR, "PATCH", path, "{\"medical\":\"wounded\"}", NULL), 403);
	assert_int_equal(send_json(ROLE_MEDICAL, "PATCH", path, "{\"rank\":\"captain\"}", NULL), 403);
	assert_int_equal(send_json(ROLE_MEDICAL, "PATCH", path, "{\"medical\":\"wounded\"}", &p), 200);
	assert_string_equal(json_string_value(json_object_get(p, "medical")), "wounded");
	json_decref(p);
	/* Addresses: the home's and the person to be informed's; a country is
	 * an ISO 3166-1 code, refused otherwise with the field named. */
	assert_int_equal(send_json(ROLE_REGISTRAR, "PATCH", path,
	                           "{\"home_address\":\"вул. Садова 3\\nкв. 12\",\"home_locality\":\"Ніжин\","
	                           "\"home_country\":\"ua\",\"inform\":\"мати: Коваленко Ганна\","
	                           "\"inform_locality\":\"Прилуки\",\"inform_country\":\"UA\"}", &p), 200);
	assert_string_equal(json_string_value(json_object_get(p, "home_address")), "вул. Садова 3\nкв. 12");
	assert_string_equal(json_string_value(json_object_get(p, "home_country")), "UA");
	assert_string_equal(json_string_value(json_object_get(p, "inform_locality")), "Прилуки");
	json_decref(p);
	assert_int_equal(send_json(ROLE_REGISTRAR, "PATCH", path, "{\"inform_country\":\"Ukrainia\"}", &p), 422);
	assert_string_equal(json_string_value(json_object_get(json_object_get(p, "error"), "field")), "inform_country");
	assert_contains(json_string_value(json_object_get(json_object_get(p, "error"), "message")), "ISO 3166-1");
	json_decref(p);
	/* null forgets a value. */
	assert_int_equal(send_json(ROLE_REGISTRAR, "PATCH", path, "{\"sex\":null,\"rank\":\"солдат\"}", &p),
	                 200);
	assert_null(json_object_get(p, "sex"));
	assert_string_equal(json_string_value(json_object_get(p, "rank")), "солдат");
	json_decref(p);
	/* A sighting by hand would skip the testimony's review: refused, by its field. */
	assert_int_equal(send_json(ROLE_REGISTRAR, "POST", events,
	                           "{\"type\":\"sighting\",\"date\":\"2024-01-01\",\"source\":\"testimony\"}", &p),
	                 422);
	assert_string_equal(json_string_value(json_object_get(json_object_get(p, "error"), "field")), "type");
	assert_contains(json_string_value(json_object_get(json_object_get(p, "error"), "message")),
	                "accepting it in a testimony's review");
	json_decref(p);
	/* Events: the lifecycle decides, the role decides. */
	assert_int_equal(send_json(ROLE_REGISTRAR, "POST", events,
	                           "{\"type\":\"repatriated\",\"date\":\"2024-01-01\",\"source\":\"media\"}", &p),
	                 409);
	const char *msg = json_string_value(json_object_get(json_object_get(p, "error"), "message"));
	assert_contains(msg, "missing");
	json_decref(p);
	assert_int_equal(send_json(ROLE_REGISTRAR, "POST", events,
	                           "{\"type\":\"capture\",\"date\":\"2024-01-01\",\"source\":\"family_report\"}",
	                           &p), 201);
	assert_string_equal(json_string_value(json_object_get(p, "status")), "captured");
	assert_int_equal(json_array_size(json_object_get(p, "events")), 1);
	json_t *allowed = json_object_get(p, "allowed_events");
	bool has_hospital = false, has_transfer = false;
	size_t i;
	json_t *a;
	json_array_foreach(allowed, i, a) {
		has_hospital |= !strcmp(json_string_value(a), "hospital_admission");
		has_transfer |= !strcmp(json_string_value(a), "transfer");
	}
	assert_false(has_hospital); /* not the registrar's to record */
	assert_true(has_transfer);
	json_decref(p);
	assert_int_equal(send_json(ROLE_REGISTRAR, "POST", events,
	                           "{\"type\":\"hospital_admission\",\"date\":\"2024-02-01\","
	                           "\"source\":\"icrc_visit\"}", NULL), 403);
	assert_int_equal(send_json(ROLE_MEDICAL, "POST", events,
	                           "{\"type\":\"hospital_admission\",\"date\":\"2024-02-01\","
	                           "\"source\":\"icrc_visit\",\"note\":\"ward 4\"}", NULL), 201);
	assert_int_equal(send_json(ROLE_MEDICAL, "POST", events,
	                           "{\"type\":\"transfer\",\"date\":\"2024-02-02\",\"source\":\"icrc_visit\"}",
	                           NULL), 403);
	/* A death: either may record it, its cause only the medical officer. */
	assert_int_equal(send_json(ROLE_REGISTRAR, "POST", events,
	                           "{\"type\":\"died_in_captivity\",\"date\":\"2024-03-01\",\"source\":\"mediator\","
	                           "\"cause\":\"unknown\"}", NULL), 403);
	assert_int_equal(send_json(ROLE_MEDICAL, "POST", events,
	                           "{\"type\":\"died_in_captivity\",\"date\":\"2024-03-01\",\"source\":\"mediator\","
	                           "\"cause\":\"heart failure\",\"grave\":\"B-12\"}", &p), 201);
	assert_string_equal(json_string_value(json_object_get(p, "status")), "died_in_captivity");
	json_decref(p);
	/* Unknown and missing fields of an event. */
	assert_int_equal(send_json(ROLE_REGISTRAR, "POST", events, "{\"type\":\"capture\",\"when\":\"x\"}", NULL),
	                 422);
	assert_int_equal(send_json(ROLE_REGISTRAR, "POST", events, "{\"type\":\"capture\"}", &p), 422);
	assert_string_equal(json_string_value(json_object_get(json_object_get(p, "error"), "field")), "date");
	json_decref(p);
	assert_int_equal(send_json(ROLE_REGISTRAR, "POST", "/api/persons/P0000000000000000/events",
	                           "{\"type\":\"capture\",\"date\":\"2024-01-01\",\"source\":\"media\"}", &p),
	                 404);
	/* Refusals carry their message's code and arguments, for the UI to
	 * say them in the user's language (docs/api.md). */
	json_t *e = json_object_get(p, "error");
	assert_string_equal(json_string_value(json_object_get(e, "message_code")), "person.no_such");
	assert_string_equal(json_string_value(json_object_get(json_object_get(e, "args"), "person")),
	                    "P0000000000000000");
	json_decref(p);
	assert_int_equal(send_json(ROLE_REGISTRAR, "POST", "/api/persons",
	                           "{\"surname\":\"Тест\",\"birth_date\":\"2099-01-01\"}", &p), 422);
	e = json_object_get(p, "error");
	assert_string_equal(json_string_value(json_object_get(e, "message_code")), "field.invalid");
	json_t *args = json_object_get(e, "args");
	assert_string_equal(json_string_value(json_object_get(args, "field")), "birth_date");
	assert_string_equal(json_string_value(json_object_get(args, "why")), "why.future");
	assert_string_equal(json_string_value(json_object_get(e, "message")),
	                    "birth_date: lies in the future (got '2099-01-01')");
	json_decref(p);
}

/* The HTTP layer's own refusals carry a message code and its arguments
 * too (docs/api.md, "Messages by code"): the UI says them in the user's
 * language. A coded refusal: its status, code, message_code, one
 * argument's value (NULL: none asked) and the English message. */
static void coded(const rq *q, long status, const char *code, const char *mcode, const char *arg,
                  const char *value, const char *message)
{
	resp r;
	assert_int_equal(call(fx, q, &r), status);
	json_t *e = json_object_get(r.json, "error");
	assert_string_equal(str_at(e, "code"), code);
	assert_string_equal(str_at(e, "message_code"), mcode);
	assert_true(json_is_object(json_object_get(e, "args")));
	if(arg)
		assert_string_equal(str_at(json_object_get(e, "args"), arg), value);
	if(message)
		assert_string_equal(str_at(e, "message"), message);
	resp_free(&r);
}

static void http_refusals_are_coded(void **state)
{
	(void)state;
	const char *reg = fx_token(fx, ROLE_REGISTRAR);
	coded(&(rq){.method = "POST", .path = "/api/persons", .bearer = reg, .body = "{\"surname\": "}, 400,
	      "bad_json", "http.bad_json", "line", "1", NULL);
	coded(&(rq){.method = "POST", .path = "/api/persons", .bearer = reg, .body = "[1]"}, 400, "bad_json",
	      "http.not_object", NULL, NULL, "the body must be a JSON object");
	coded(&(rq){.method = "POST", .path = "/api/persons", .bearer = reg, .body = "{\"surnmae\":\"X\"}"},
	      422, "unknown_field", "http.unknown_field", "field", "surnmae", "unknown field 'surnmae'");
	coded(&(rq){.method = "POST", .path = "/api/persons", .bearer = reg, .body = "{\"surname\":7}"}, 422,
	      "bad_input", "http.expected_string_or_null", "field", "surname",
	      "surname: expected a string or null");
	coded(&(rq){.method = "GET", .path = "/api/persons"}, 401, "unauthorized", "http.sign_in", NULL, NULL,
	      "sign in first");
	coded(&(rq){.method = "GET", .path = "/api/persons?stauts=held", .bearer = reg}, 400, "bad_input",
	      "http.unknown_param", "param", "stauts", NULL);
	coded(&(rq){.method = "GET", .path = "/api/nothing-here", .bearer = reg}, 404, "not_found",
	      "http.no_route", "path", "/api/nothing-here", "no such API route: /api/nothing-here");
	coded(&(rq){.method = "GET", .path = "/api/persons/P0000000000000000", .bearer = reg}, 404,
	      "not_found", "person.no_such", "person", "P0000000000000000", NULL);
	coded(&(rq){.method = "GET", .path = "/api/users", .bearer = reg}, 403, "forbidden", "http.forbidden",
	      NULL, NULL, "your role may not do this");
	/* A cookie session without its CSRF token. */
	char cookie[256], csrf[128];
	assert_int_equal(fx_login(fx, "registrar", "registrar-password-1", cookie, sizeof(cookie), csrf,
	                          sizeof(csrf)), 200);
	coded(&(rq){.method = "POST", .path = "/api/persons", .cookie = cookie, .body = "{\"surname\":\"X\"}"},
	      403, "csrf", "http.csrf", NULL, NULL, "missing or wrong X-CSRF-Token header");
	/* A validator's reason by its own code, inside the HTTP layer's. */
	resp r;
	assert_int_equal(post_json(ROLE_REGISTRAR, "/api/persons", "{\"surname\":\"X\",\"ext.A B\":\"1\"}", &r),
	                 422);
	json_t *e = json_object_get(r.json, "error");
	assert_string_equal(str_at(e, "message_code"), "http.field_why");
	assert_string_equal(str_at(json_object_get(e, "args"), "why"), "why.source_chars");
	resp_free(&r);
}

typedef struct found {
	const char *uid, *actor, *action;
	int n;
} found;

static void reads_are_in_the_access_log(void **state)
{
	(void)state;
	char path[96];
	snprintf(path, sizeof(path), "/api/persons/%s", fx->person);
	json_decref(get_json(ROLE_NEGOTIATOR, path, 200));
	json_decref(get_json(ROLE_NEGOTIATOR, "/api/persons?q=kovalenko", 200));
	snprintf(path, sizeof(path), "/api/access?person=%s&actor=negotiator", fx->person);
	json_t *j = get_json(ROLE_AUDITOR, path, 200);
	json_t *entries = json_object_get(j, "entries");
	assert_true(json_array_size(entries) >= 1);
	json_t *e = json_array_get(entries, 0);
	assert_string_equal(json_string_value(json_object_get(e, "actor")), "negotiator");
	assert_string_equal(json_string_value(json_object_get(e, "action")), "show");
	assert_string_equal(json_string_value(json_object_get(e, "person")), fx->person);
	json_decref(j);
	/* A search is an entry for each person shown that says what was looked for. */
	j = get_json(ROLE_AUDITOR, "/api/access?actor=negotiator&limit=1", 200);
	e = json_array_get(json_object_get(j, "entries"), 0);
	assert_string_equal(json_string_value(json_object_get(e, "action")), "search");
	assert_contains(json_string_value(json_object_get(e, "detail")), "q=kovalenko");
	json_decref(j);
	/* A long query is cut for the log between characters, never inside
	 * one: 99 letters and a two-byte Ж across the 100-byte mark. */
	char longq[160] = "/api/persons?q=";
	memset(longq + strlen(longq), 'a', 99);
	strcat(longq, "%D0%96");
	json_decref(get_json(ROLE_NEGOTIATOR, longq, 200));
	j = get_json(ROLE_AUDITOR, "/api/access?actor=negotiator&limit=1", 200);
	const char *d = json_string_value(json_object_get(json_array_get(json_object_get(j, "entries"), 0), "detail"));
	assert_non_null(d);
	assert_int_equal(strlen(d), 2 + 99);
	json_decref(j);
	/* Exports are reads of everyone. */
	resp r;
	assert_status(call(fx, &(rq){.method = "GET", .path = "/api/export?format=csv&what=events",
	                             .bearer = fx_token(fx, ROLE_REGISTRAR)}, &r), 200);
	assert_true(strncmp(buf_str(&r.body), "id,person,type,date,source", 26) == 0);
	resp_free(&r);
	j = get_json(ROLE_AUDITOR, "/api/access?person=*&actor=registrar", 200);
	e = json_array_get(json_object_get(j, "entries"), 0);
	assert_contains(json_string_value(json_object_get(e, "action")), "export csv events");
	json_decref(j);
	/* The audit log shows who changed what; the chain holds. */
	j = get_json(ROLE_AUDITOR, "/api/audit?actor=medical&limit=3", 200);
	assert_true(json_array_size(json_object_get(j, "entries")) >= 1);
	json_decref(j);
	j = get_json(ROLE_AUDITOR, "/api/audit/verify", 200);
	assert_true(json_is_true(json_object_get(j, "intact")));
	assert_int_equal(strlen(json_string_value(json_object_get(j, "head"))), 64);
	json_decref(j);
}

static void users_by_the_admin(void **state)
{
	(void)state;
	json_t *u;
	assert_int_equal(send_json(ROLE_ADMIN, "POST", "/api/users",
	                           "{\"name\":\"olena\",\"display_name\":\"Олена К.\",\"roles\":[\"registrar\"],"
	                           "\"password\":\"olena-password-1\"}", &u), 201);
	assert_string_equal(json_string_value(json_object_get(u, "name")), "olena");
	assert_null(json_object_get(u, "password"));
	json_decref(u);
	assert_int_equal(send_json(ROLE_ADMIN, "POST", "/api/users",
	                           "{\"name\":\"olena\",\"roles\":[\"registrar\"],\"password\":\"olena-password-2\"}",
	                           NULL), 409);
	assert_int_equal(send_json(ROLE_ADMIN, "POST", "/api/users",
	                           "{\"name\":\"petro\",\"roles\":[\"king\"],\"password\":\"petro-password-1\"}",
	                           &u), 422);
	assert_string_equal(json_string_value(json_object_get(json_object_get(u, "error"), "field")), "roles");
	json_decref(u);
	assert_int_equal(send_json(ROLE_ADMIN, "POST", "/api/users",
	                           "{\"name\":\"petro\",\"roles\":[\"auditor\"],\"password\":\"short\"}", NULL),
	                 422);
	char cookie[128], csrf[64];
	assert_status(fx_login(fx, "olena", "olena-password-1", cookie, sizeof(cookie), csrf, sizeof(csrf)),
	              200);
	/* Roles change at once; disabling ends the session. */
	assert_int_equal(send_json(ROLE_ADMIN, "PATCH", "/api/users/olena", "{\"roles\":[\"auditor\"]}", &u),
	                 200);
	json_decref(u);
	resp r;
	assert_status(call(fx, &(rq){.method = "GET", .path = "/api/audit?limit=1", .cookie = cookie}, &r), 200);
	resp_free(&r);
	assert_int_equal(send_json(ROLE_ADMIN, "PATCH", "/api/users/olena", "{\"disabled\":true}", NULL), 200);
	assert_status(call(fx, &(rq){.method = "GET", .path = "/api/me", .cookie = cookie}, &r), 401);
	resp_free(&r);
	assert_status(fx_login(fx, "olena", "olena-password-1", cookie, sizeof(cookie), csrf, sizeof(csrf)),
	              401);
	/* The last admin stays one. */
	assert_int_equal(send_json(ROLE_ADMIN, "PATCH", "/api/users/admin", "{\"disabled\":true}", &u), 409);
	assert_contains(json_string_value(json_object_get(json_object_get(u, "error"), "message")), "last");
	json_decref(u);
	assert_int_equal(send_json(ROLE_ADMIN, "PATCH", "/api/users/olena", "{\"password\":\"short\"}", NULL),
	                 422);
	assert_int_equal(send_json(ROLE_ADMIN, "PATCH", "/api/users/nobody", "{\"disabled\":true}", NULL), 404);
	json_t *list = get_json(ROLE_ADMIN, "/api/users", 200);
	assert_int_equal(json_array_size(json_object_get(list, "users")), ROLE_COUNT + 1);
	json_decref(list);
}

/* A value that a spreadsheet would run arrives through the API as it might
 * through the other side's list: the CSV export writes it as text; raw=true
 * as it is; any other raw is refused. */
static void csv_exports_neutralise_formulas(void **state)
{
	(void)state;
	json_t *p;
	assert_int_equal(send_json(ROLE_REGISTRAR, "POST", "/api/persons",
	                           "{\"surname\":\"Формула\",\"unit\":\"=cmd|' /C calc'!A0\",\"party\":\"UA\"}",
	                           &p), 201);
	json_decref(p);
	resp r;
	assert_status(call(fx, &(rq){.method = "GET", .path = "/api/export?format=csv",
	                             .bearer = fx_token(fx, ROLE_REGISTRAR)}, &r), 200);
	assert_contains(buf_str(&r.body), ",\"'=cmd|' /C calc'!A0\",");
	resp_free(&r);
	assert_status(call(fx, &(rq){.method = "GET", .path = "/api/export?format=csv&raw=true",
	                             .bearer = fx_token(fx, ROLE_REGISTRAR)}, &r), 200);
	assert_contains(buf_str(&r.body), ",=cmd|' /C calc'!A0,");
	resp_free(&r);
	assert_status(call(fx, &(rq){.method = "GET", .path = "/api/export?format=csv&raw=yes",
	                             .bearer = fx_token(fx, ROLE_REGISTRAR)}, &r), 400);
	resp_free(&r);
}

/* Each passphrase's key takes 256 MiB (Argon2id): eight users exporting
 * at once are served two at a time, every one of them, and the server's
 * memory never holds eight keys' worth (it runs in this process). */
typedef struct exporter {
	long status;
} exporter;

static void *export_encrypted(void *arg)
{
	exporter *e = arg;
	resp r;
	e->status = call(fx, &(rq){.method = "POST", .path = "/api/export",
	                           .body = "{\"format\":\"csv\",\"passphrase\":\"correct horse battery staple\"}",
	                           .bearer = fx_token(fx, ROLE_REGISTRAR)}, &r);
	resp_free(&r);
	return NULL;
}

static long peak_rss_mib(void)
{
	FILE *f = fopen("/proc/self/status", "r");
	char line[256];
	long kib = 0;
	while(f && fgets(line, sizeof(line), f))
		if(!strncmp(line, "VmHWM:", 6))
			kib = strtol(line + 6, NULL, 10);
	if(f)
		fclose(f);
	return kib / 1024;
}

static void passphrase_exports_two_at_a_time(void **state)
{
	(void)state;
	enum { N = 8 };
	pthread_t t[N];
	exporter e[N];
	for(int i = 0; i < N; i++) {
		e[i].status = 0;
		assert_int_equal(pthread_create(&t[i], NULL, export_encrypted, &e[i]), 0);
	}
	for(int i = 0; i < N; i++) {
		pthread_join(t[i], NULL);
		assert_int_equal(e[i].status, 200);
	}
	/* As many at once as the workers (4 here) would be 1 GiB and more
	 * (1,066 MiB measured); two at a time about 300 MiB. Below three
	 * keys' worth, leaving room for ASan's quarantine. */
	long peak = peak_rss_mib();
	print_message("# peak memory with %d exports at once: %ld MiB\n", N, peak);
	assert_true(peak < 768);
}

/* The UI's encrypted export: POST /api/export with a passphrase gives a
 * file that reads back with it (sign/crypt.h) and only with it, medical
 * details withheld from a registrar as in the plain export, limited to the
 * fields asked for; without a passphrase, or with a short one, refused.
 * GET takes the fields too. */
static void encrypted_and_limited_exports(void **state)
{
	(void)state;
	json_t *p;
	assert_int_equal(send_json(ROLE_REGISTRAR, "POST", "/api/persons",
	                           "{\"surname\":\"Шифрованенко\",\"given_names\":\"Остап\",\"party\":\"UA\"}",
	                           &p), 201);
	json_decref(p);
	resp r;
	assert_status(call(fx, &(rq){.method = "POST", .path = "/api/export",
	                             .body = "{\"format\":\"json\",\"passphrase\":\"correct horse battery staple\"}",
	                             .bearer = fx_token(fx, ROLE_REGISTRAR)}, &r), 200);
	char disp[256];
	assert_contains(resp_header(&r, "Content-Disposition", disp, sizeof(disp)), ".json.enc");
	assert_memory_equal(buf_str(&r.body), "PARLEYX1", 8);
	assert_null(strstr(buf_str(&r.body), "Шифрованенко"));
	char *plain = NULL;
	size_t n = 0;
	FILE *in = fmemopen(r.body.ptr, r.body.len, "rb"), *out = open_memstream(&plain, &n);
	pl_err err = {0};
	assert_ok(crypt_decrypt(in, "export", &(crypt_from){.passphrase = "correct horse battery staple"},
	                        "export", out, NULL, &err), &err);
	fclose(out);
	assert_contains(plain, "Шифрованенко");
	assert_contains(plain, fx->person);
	assert_null(strstr(plain, "severely_wounded"));  /* withheld from a registrar, as ever */
	free(plain);
	rewind(in);
	plain = NULL;
	out = open_memstream(&plain, &n);
	assert_int_equal(crypt_decrypt(in, "export", &(crypt_from){.passphrase = "correct horse battery stapler"},
	                               "export", out, NULL, &err), PL_EINPUT);
	assert_string_equal(err.code, "crypt.wrong_passphrase");
	fclose(out);
	free(plain);
	fclose(in);
	resp_free(&r);

	assert_status(call(fx, &(rq){.method = "POST", .path = "/api/export",
	                             .body = "{\"format\":\"csv\",\"fields\":\"surname\","
	                                     "\"passphrase\":\"correct horse battery staple\"}",
	                             .bearer = fx_token(fx, ROLE_AUDITOR)}, &r), 200);
	plain = NULL;
	in = fmemopen(r.body.ptr, r.body.len, "rb");
	out = open_memstream(&plain, &n);
	assert_ok(crypt_decrypt(in, "export", &(crypt_from){.passphrase = "correct horse battery staple"},
	                        "export", out, NULL, &err), &err);
	fclose(out);
	fclose(in);
	assert_memory_equal(plain, "id,surname,", 11);  /* then the external ids, the status */
	assert_null(strstr(plain, "given_names"));
	assert_null(strstr(plain, "Остап"));
	free(plain);
	resp_free(&r);

	assert_status(call(fx, &(rq){.method = "POST", .path = "/api/export", .body = "{\"format\":\"json\"}",
	                             .bearer = fx_token(fx, ROLE_REGISTRAR)}, &r), 422);
	assert_string_equal(resp_code(&r), "bad_input");
	resp_free(&r);
	assert_status(call(fx, &(rq){.method = "POST", .path = "/api/export", .body = "{\"passphrase\":\"short\"}",
	                             .bearer = fx_token(fx, ROLE_REGISTRAR)}, &r), 422);
	resp_free(&r);
	/* To a recipient's public key file, sent as text; a secret key file is refused. */
	crypt_key k;
	char kpath[4200], body[2048];
	assert_ok(crypt_key_generate("UA archive", &k, &err), &err);
	snprintf(kpath, sizeof(kpath), "%s/ua.key.pub", fx->dir);
	assert_ok(crypt_key_save(&k, kpath, false, &err), &err);
	buf text;
	buf_init(&text, 0);
	assert_ok(file_read(kpath, 4096, &text, &err), &err);
	json_t *jb = json_pack("{s:s, s:s}", "format", "json", "public_key", buf_str(&text));
	char *js = json_dumps(jb, 0);
	snprintf(body, sizeof(body), "%s", js);
	free(js);
	json_decref(jb);
	buf_free(&text);
	assert_status(call(fx, &(rq){.method = "POST", .path = "/api/export", .body = body,
	                             .bearer = fx_token(fx, ROLE_REGISTRAR)}, &r), 200);
	plain = NULL;
	in = fmemopen(r.body.ptr, r.body.len, "rb");
	out = open_memstream(&plain, &n);
	assert_ok(crypt_decrypt(in, "export", &(crypt_from){.key = &k}, "export", out, NULL, &err), &err);
	fclose(out);
	fclose(in);
	assert_contains(plain, "Шифрованенко");
	free(plain);
	resp_free(&r);
	snprintf(kpath, sizeof(kpath), "%s/ua.key", fx->dir);
	assert_ok(crypt_key_save(&k, kpath, true, &err), &err);
	buf_init(&text, 0);
	assert_ok(file_read(kpath, 4096, &text, &err), &err);
	jb = json_pack("{s:s}", "public_key", buf_str(&text));
	js = json_dumps(jb, 0);
	snprintf(body, sizeof(body), "%s", js);
	free(js);
	json_decref(jb);
	buf_free(&text);
	crypt_key_wipe(&k);
	assert_status(call(fx, &(rq){.method = "POST", .path = "/api/export", .body = body,
	                             .bearer = fx_token(fx, ROLE_REGISTRAR)}, &r), 422);
	assert_contains(buf_str(&r.body), "is a secret key file");
	resp_free(&r);

	assert_status(call(fx, &(rq){.method = "GET", .path = "/api/export?format=csv&fields=surname,given_names",
	                             .bearer = fx_token(fx, ROLE_REGISTRAR)}, &r), 200);
	assert_memory_equal(buf_str(&r.body), "id,surname,given_names,", 23);
	assert_null(strstr(buf_str(&r.body), "birth_date"));
	resp_free(&r);
	assert_status(call(fx, &(rq){.method = "GET", .path = "/api/export?format=csv&fields=shoe_size",
	                             .bearer = fx_token(fx, ROLE_REGISTRAR)}, &r), 400);
	resp_free(&r);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(search_in_any_script),
		cmocka_unit_test(search_answer_is_the_record_summary),
		cmocka_unit_test(medical_details_by_role),
		cmocka_unit_test(writes_split_by_role),
		cmocka_unit_test(reads_are_in_the_access_log),
		cmocka_unit_test(users_by_the_admin),
		cmocka_unit_test(http_refusals_are_coded),
		cmocka_unit_test(csv_exports_neutralise_formulas),
		cmocka_unit_test(encrypted_and_limited_exports),
		cmocka_unit_test(passphrase_exports_two_at_a_time),
	};
	return cmocka_run_group_tests_name("api/persons", tests, fx_setup, fx_teardown);
}
