/* Persons: list and search, show, add, change, and their events.
 *
 * Medical details (the medical category, health events' places and notes,
 * causes of death) are left out for roles without PERM_MEDICAL_READ, and
 * may be set only with PERM_MEDICAL_WRITE; everything else needs
 * PERM_PERSON_WRITE to change. */
#include <stdlib.h>
#include <string.h>

#include "core/json.h"
#include "core/utf8.h"
#include "http/internal.h"

/* ---- output ------------------------------------------------------------ */

static void set_str(json_t *o, const char *key, const char *v)
{
	if(v)
		json_object_set_new(o, key, json_string(v));
}

static json_t *person_json(const http_req *q, const person *in)
{
	person p = *in;
	if(!http_can(q, PERM_MEDICAL_READ))
		person_withhold_medical(&p);
	json_t *o = json_object();
	set_str(o, "id", p.uid);
	for(int i = 0; i < PF_COUNT; i++)
		set_str(o, person_fields[i].name, p.f[i]);
	for(int k = 0; k < p.next; k++) {
		char key[64];
		snprintf(key, sizeof(key), "ext.%s", p.ext[k].source);
		set_str(o, key, p.ext[k].id);
	}
	set_str(o, "status", lifecycle_status_name(p.status));
	set_str(o, "pseudonymised_at", p.pseudonymised_at);
	return o;
}

/* The fields a list or search shows of each person. */
static const int summary_fields[] = {PF_SURNAME, PF_GIVEN_NAMES, PF_PATRONYMIC, PF_SURNAME_LATIN,
                                     PF_GIVEN_NAMES_LATIN, PF_PATRONYMIC_LATIN, PF_BIRTH_DATE,
                                     PF_PARTY, PF_HELD_BY, PF_RANK, PF_MEDICAL, PF_CAPTURE_DATE};

/* A value that is not UTF-8 is left out, as jansson's json_string left it
 * out of the full record (set_str); the registry stores only clean text. */
static void member(json_writer *w, const char *key, const char *v)
{
	size_t bad;
	if(v && utf8_valid(v, strlen(v), &bad))
		json_member_string(w, key, v);
}

/* A person of a list, written straight into out: a search answers 20 or
 * more of them, where a jansson tree each (an allocation per member, then
 * the whole tree walked again to dump it) cost a fifth of the request. */
static void person_summary_write(const http_req *q, const person *in, buf *out, json_writer *w)
{
	person p = *in;
	if(!http_can(q, PERM_MEDICAL_READ))
		person_withhold_medical(&p);
	json_open(w, out);
	member(w, "id", p.uid);
	for(size_t i = 0; i < sizeof(summary_fields) / sizeof(summary_fields[0]); i++)
		member(w, person_fields[summary_fields[i]].name, p.f[summary_fields[i]]);
	member(w, "status", lifecycle_status_name(p.status));
	member(w, "pseudonymised_at", p.pseudonymised_at);
}

static json_t *event_json(const http_req *q, const event *in)
{
	event e = *in;
	if(!http_can(q, PERM_MEDICAL_READ))
		event_withhold_medical(&e);
	json_t *o = json_object();
	set_str(o, "id", e.uid);
	for(int i = 0; i < EF_COUNT; i++)
		set_str(o, event_fields[i].name, e.f[i]);
	set_str(o, "status_before", lifecycle_status_name(e.before));
	set_str(o, "status_after", lifecycle_status_name(e.after));
	/* A note parley wrote, by code, for the UI to say in the user's
	 * language (the English note stays beside it, for older clients). */
	if(e.f[EF_NOTE] && e.note_code) {
		set_str(o, "note_code", e.note_code);
		json_t *args = e.note_args ? json_loads(e.note_args, 0, NULL) : NULL;
		json_object_set_new(o, "note_args", json_is_object(args) ? args : json_object());
		if(args && !json_is_object(args))
			json_decref(args);
	}
	return o;
}

/* ---- input ------------------------------------------------------------- */

/* The fields of a JSON body into p (values cleaned into q->a); `clear`
 * marks nulls when not NULL. False, with the error response set, on a bad
 * value or a field the asker may not set. */
/* A refused value, named by its JSON key, in the user's language (the
 * message is coded); false, for the callers to return. */
static bool refuse_field(http_req *q, const field_def *fd, const char *key, const char *value,
                         const char *why)
{
	pl_err err;
	field_refuse(fd, key, value, why, &err);
	http_refuse(q, MHD_HTTP_UNPROCESSABLE_CONTENT, "bad_input", key, &err);
	return false;
}

static bool person_from_json(http_req *q, json_t *b, person *p, bool *clear)
{
	const char *key;
	json_t *v;
	json_object_foreach(b, key, v) {
		if(!strncmp(key, "ext.", 4)) {
			const char *id = json_string_value(v), *why = ext_source_invalid(key + 4);
			if(!why && !id)
				why = "an external id is a string";
			if(!why)
				why = ext_value_invalid(id);
			if(why) {
				http_error_why(q, MHD_HTTP_UNPROCESSABLE_CONTENT, key, why);
				return false;
			}
			if(p->next == EXT_MAX) {
				http_errorc(q, MHD_HTTP_UNPROCESSABLE_CONTENT, "bad_input", key, "http.ext_many", "max",
				            PL_N(EXT_MAX), NULL);
				return false;
			}
			p->ext[p->next].source = arena_strdup(&q->a, key + 4);
			p->ext[p->next].id = arena_strdup(&q->a, id);
			p->next++;
			continue;
		}
		int i = field_find(person_fields, PF_COUNT, key);
		const field_def *fd = &person_fields[i];
		if(!registry_field_permitted(http_write_rights(q), fd)) {
			http_errorc(q, MHD_HTTP_FORBIDDEN, "forbidden", key, "http.may_not_set", "field", key, NULL);
			return false;
		}
		if(json_is_null(v)) {
			if(clear)
				clear[i] = true;
			continue;
		}
		if(!json_is_string(v)) {
			http_errorc(q, MHD_HTTP_UNPROCESSABLE_CONTENT, "bad_input", key, "http.expected_string_or_null",
			            "field", key, NULL);
			return false;
		}
		const char *why;
		p->f[i] = field_clean(fd, json_string_value(v), date_today(), &q->a, &why);
		if(why)
			return refuse_field(q, fd, key, json_string_value(v), why);
		if(!p->f[i] && clear)
			clear[i] = true; /* "" is unknown, like null */
	}
	return true;
}

/* Every person field, and any ext.SOURCE. */
static const char *const *person_keys(http_req *q, json_t *b)
{
	const char **keys = arena_calloc(&q->a, PF_COUNT + EXT_MAX + 2, sizeof(char *));
	int n = 0;
	for(int i = 0; i < PF_COUNT && keys; i++)
		keys[n++] = person_fields[i].name;
	const char *key;
	json_t *v;
	json_object_foreach(b, key, v)
		if(keys && !strncmp(key, "ext.", 4) && n < PF_COUNT + EXT_MAX)
			keys[n++] = key;
	return keys;
}

static json_t *body_with_person_keys(http_req *q)
{
	/* Parsed once to learn its ext.* keys, then checked against them all. */
	json_error_t je;
	json_t *peek = json_loadb(buf_str(&q->body), q->body.len, 0, &je);
	const char *const *keys = person_keys(q, json_is_object(peek) ? peek : NULL);
	json_t *b = keys ? http_body(q, keys) : NULL;
	json_decref(peek);
	return b;
}

/* ---- handlers ---------------------------------------------------------- */

static bool query_bool_param(http_req *q, const char *name, const char **out)
{
	const char *v = http_query(q, name);
	*out = v && *v ? v : NULL;
	return true;
}

/* A whole number 0-150 at *s, moving *s past it; -1 if there is none. */
static long age_number(const char **s)
{
	if(**s < '0' || **s > '9')
		return -1;
	char *end;
	long n = strtol(*s, &end, 10);
	*s = end;
	return n <= 150 ? n : -2;
}

/* "30-40", "30-", "-40" or "30" */
static bool parse_age(const char *v, int *lo, int *hi)
{
	const char *p = v;
	long a = age_number(&p), b;
	if(*p == '\0') {
		b = a;
	} else if(*p == '-') {
		p++;
		b = *p ? age_number(&p) : -1;
	} else {
		return false;
	}
	if(*p || a < -1 || b < -1 || (a < 0 && b < 0) || (a >= 0 && b >= 0 && a > b))
		return false;
	*lo = (int)a;
	*hi = (int)b;
	return true;
}

/* The page as JSON, written straight into the answer (person_summary_write). */
static void person_page_send(http_req *q, const person_query *pq, const person_page *pg)
{
	buf *out = &q->out;
	buf_reset(out);
	json_writer w = {.out = out};
	pl_rc rc = buf_printf(out, "{\"total\":%zu,\"total_is_lower_bound\":%s,\"order\":\"%s\","
	                           "\"offset\":%zu,\"limit\":%zu,\"persons\":[",
	                      pg->total, pg->total_capped ? "true" : "false",
	                      pg->name_order ? "name" : "registry", pq->offset, pq->limit ? pq->limit : 50);
	for(size_t i = 0; i < pg->n && !rc; i++) {
		if(i && (rc = buf_addc(out, ',')))
			break;
		person_summary_write(q, &pg->rows[i], out, &w);
		rc = json_close(&w);
	}
	if(!rc)
		rc = buf_adds(out, "]}");
	if(rc) {
		buf_reset(out);
		http_errorc(q, MHD_HTTP_INTERNAL_SERVER_ERROR, "internal", NULL, "http.nomem", NULL);
		return;
	}
	q->answered = true;
	q->content_type = "application/json";
	q->status = MHD_HTTP_OK;
}

void api_persons_list(http_req *q)
{
	person_query pq = PERSON_QUERY_INIT;
	query_bool_param(q, "q", &pq.name);
	query_bool_param(q, "party", &pq.party);
	query_bool_param(q, "held_by", &pq.held_by);
	query_bool_param(q, "status", &pq.status);
	query_bool_param(q, "medical", &pq.medical);
	query_bool_param(q, "branch", &pq.branch);
	query_bool_param(q, "captured_since", &pq.captured_since);
	query_bool_param(q, "captured_before", &pq.captured_before);
	if(pq.medical && !http_can(q, PERM_MEDICAL_READ)) {
		http_errorc(q, MHD_HTTP_FORBIDDEN, "forbidden", "medical", "http.may_not_filter_medical", NULL);
		return;
	}
	const char *v;
	long limit = 50, offset = 0;
	if(!http_query_long(q, "limit", 1, 200, &limit) ||
	   !http_query_long(q, "offset", 0, 100000000, &offset) ||
	   !http_full_date(q, MHD_HTTP_BAD_REQUEST, "age_on", http_query(q, "age_on"), &pq.age_on))
		return;
	pq.limit = (size_t)limit;
	pq.offset = (size_t)offset;
	if((v = http_query(q, "age")) && !parse_age(v, &pq.age_min, &pq.age_max)) {
		http_errorc(q, MHD_HTTP_BAD_REQUEST, "bad_input", "age", "http.age", NULL);
		return;
	}
	person_page pg;
	pl_err err = {0};
	if(registry_search(q->st, &pq, &q->a, &pg, &err)) {
		if(err.rc == PL_EUSAGE || err.rc == PL_EINPUT)
			http_refuse(q, MHD_HTTP_BAD_REQUEST, "bad_input", NULL, &err);
		else
			http_fail(q, &err);
		return;
	}
	/* One entry per person shown, each saying what was looked for; a
	 * search that found nobody is one entry for "*", so that it is known
	 * who looked for what. */
	buf detail;
	buf_init(&detail, 4096);
	static const char *const keys[] = {"q", "party", "held_by", "status", "medical", "branch", "age",
	                                   "age_on", "captured_since", "captured_before", "offset", NULL};
	for(int i = 0; keys[i]; i++)
		if((v = http_query(q, keys[i])) &&
		   buf_printf(&detail, "%s%s=%.*s", detail.len ? "&" : "", keys[i],
		              (int)utf8_prefix_bytes(v, 100), v))
			break;
	const char **uids = arena_calloc(&q->a, pg.n + 1, sizeof(char *));
	for(size_t i = 0; uids && i < pg.n; i++)
		uids[i] = pg.rows[i].uid;
	if(uids && !pg.n)
		uids[0] = "*";
	bool logged = uids && http_log_reads(q, uids, pg.n ? pg.n : 1, pq.name ? "search" : "list",
	                                     detail.len ? buf_str(&detail) : NULL);
	if(!uids)
		http_errorc(q, MHD_HTTP_INTERNAL_SERVER_ERROR, "internal", NULL, "http.nomem", NULL);
	buf_free(&detail);
	if(!logged)
		return;
	person_page_send(q, &pq, &pg);
}

static bool load_person(http_req *q, person *p)
{
	if(!registry_uid_valid('P', q->param[0])) {
		http_errorc(q, MHD_HTTP_NOT_FOUND, "not_found", "id", "http.no_person", "person", q->param[0], NULL);
		return false;
	}
	pl_err err = {0};
	if(registry_person_get(q->st, q->param[0], &q->a, p, &err)) {
		http_fail(q, &err);
		return false;
	}
	return true;
}

static void send_person(http_req *q, unsigned status, const person *p)
{
	event *ev;
	size_t nev;
	pl_err err = {0};
	if(registry_person_events(q->st, p->id, &q->a, &ev, &nev, &err)) {
		http_fail(q, &err);
		return;
	}
	json_t *o = person_json(q, p);
	json_t *events = json_array();
	for(size_t i = 0; i < nev; i++)
		json_array_append_new(events, event_json(q, &ev[i]));
	json_object_set_new(o, "events", events);
	/* What this user may record next, for the UI's event form. */
	event_type allowed[EV_COUNT];
	size_t na = lifecycle_allowed(p->status, allowed);
	json_t *next = json_array();
	for(size_t i = 0; i < na; i++)
		if(registry_event_permitted(http_write_rights(q), allowed[i], false))
			json_array_append_new(next, json_string(lifecycle_event_name(allowed[i])));
	json_object_set_new(o, "allowed_events", next);
	http_json(q, status, o);
}

void api_person_get(http_req *q)
{
	person p;
	if(!load_person(q, &p))
		return;
	const char *uid = p.uid;
	if(http_log_reads(q, &uid, 1, "show", NULL))
		send_person(q, MHD_HTTP_OK, &p);
}

void api_person_create(http_req *q)
{
	json_t *b = body_with_person_keys(q);
	if(!b)
		return;
	person p = {0};
	bool ok = person_from_json(q, b, &p, NULL);
	json_decref(b);
	if(!ok)
		return;
	pl_err err = {0};
	if(registry_person_add(q->st, &p, &err)) {
		http_fail(q, &err);
		return;
	}
	/* The creator sees what they made: that is a read like any other. */
	const char *uid = p.uid;
	if(http_log_reads(q, &uid, 1, "show", "created"))
		send_person(q, MHD_HTTP_CREATED, &p);
}

void api_person_update(http_req *q)
{
	person old;
	if(!load_person(q, &old))
		return;
	json_t *b = body_with_person_keys(q);
	if(!b)
		return;
	person changes = {0};
	bool clear[PF_COUNT] = {0};
	bool ok = person_from_json(q, b, &changes, clear);
	json_decref(b);
	if(!ok)
		return;
	pl_err err = {0};
	person p;
	if(registry_person_update(q->st, old.uid, &changes, clear, &err) ||
	   registry_person_get(q->st, old.uid, &q->a, &p, &err)) {
		http_fail(q, &err);
		return;
	}
	const char *uid = p.uid;
	if(http_log_reads(q, &uid, 1, "show", "updated"))
		send_person(q, MHD_HTTP_OK, &p);
}

/* The event of a JSON body, checked field by field. */
static bool event_from_json(http_req *q, json_t *b, event *e)
{
	const char *key;
	json_t *v;
	json_object_foreach(b, key, v) {
		int i = field_find(event_fields, EF_COUNT, key);
		if(json_is_null(v))
			continue;
		const char *why = NULL;
		if(!json_is_string(v))
			why = "expected a string or null";
		else
			e->f[i] = field_clean(&event_fields[i], json_string_value(v), date_today(), &q->a, &why);
		if(why)
			return refuse_field(q, &event_fields[i], key, json_string_value(v), why);
	}
	for(int i = 0; i < EF_COUNT; i++)
		if((event_fields[i].flags & FIELD_REQUIRED) && !e->f[i]) {
			http_errorc(q, MHD_HTTP_UNPROCESSABLE_CONTENT, "bad_input", event_fields[i].name, "http.required",
			            "field", event_fields[i].name, NULL);
			return false;
		}
	return true;
}

void api_event_add(http_req *q)
{
	person p;
	if(!load_person(q, &p))
		return;
	const char *keys[EF_COUNT + 1];
	for(int i = 0; i < EF_COUNT; i++)
		keys[i] = event_fields[i].name;
	keys[EF_COUNT] = NULL;
	json_t *b = http_body(q, keys);
	if(!b)
		return;
	event e = {0};
	bool ok = event_from_json(q, b, &e);
	json_decref(b);
	if(!ok)
		return;
	event_type type = (event_type)lifecycle_event_parse(e.f[EF_TYPE]);
	if(type == EV_SIGHTING) { /* by hand, it would skip the testimony's review */
		http_errorc(q, MHD_HTTP_UNPROCESSABLE_CONTENT, "bad_input", "type", "event.sighting_by_review", NULL);
		return;
	}
	if(!registry_event_permitted(http_write_rights(q), type, e.f[EF_CAUSE] != NULL)) {
		http_errorc(q, MHD_HTTP_FORBIDDEN, "forbidden", e.f[EF_CAUSE] ? "cause" : "type",
		            e.f[EF_CAUSE] ? "http.may_not_record_cause" : "http.may_not_record", "type",
		            e.f[EF_TYPE], NULL);
		return;
	}
	pl_err err = {0};
	if(registry_event_add(q->st, p.uid, &e, &err) ||
	   registry_person_get(q->st, p.uid, &q->a, &p, &err)) {
		http_fail(q, &err);
		return;
	}
	const char *uid = p.uid;
	if(http_log_reads(q, &uid, 1, "show", "event added"))
		send_person(q, MHD_HTTP_CREATED, &p);
}
