/* Aftercare recorded for a group over the API (docs/api.md): the same event
 * of the way home for every person chosen, in one action and one
 * transaction, each person's event audited; one bad id changes nothing. */
#include <stdint.h>
#include <string.h>

#include "accord/aftercare.h"
#include "http/internal.h"

/* The persons' ids from the body's array, or false (answered). */
static bool persons_of(http_req *q, json_t *list, const char ***out, size_t *n)
{
	*n = json_array_size(list);
	if(!json_is_array(list) || !*n) {
		http_errorc(q, MHD_HTTP_UNPROCESSABLE_CONTENT, "bad_input", "persons", "http.aftercare_persons",
		            NULL);
		return false;
	}
	if(*n > AFTERCARE_BATCH_MAX) {
		http_errorc(q, MHD_HTTP_CONTENT_TOO_LARGE, "too_large", "persons", "http.aftercare_many", "max",
		            PL_N(AFTERCARE_BATCH_MAX), "n", PL_N(*n), NULL);
		return false;
	}
	if(!(*out = arena_calloc(&q->a, *n, sizeof(char *)))) {
		http_errorc(q, MHD_HTTP_INTERNAL_SERVER_ERROR, "internal", NULL, "http.nomem", NULL);
		return false;
	}
	for(size_t i = 0; i < *n; i++)
		if(!((*out)[i] = json_string_value(json_array_get(list, i)))) {
			char field[32];
			snprintf(field, sizeof(field), "persons[%zu]", i);
			http_errorc(q, MHD_HTTP_UNPROCESSABLE_CONTENT, "bad_input", field, "http.person_id", "field",
			            field, NULL);
			return false;
		}
	return true;
}

/* The batch from the body, or false (answered). */
static bool batch_of(http_req *q, json_t *b, aftercare_batch *out)
{
	const char *name = NULL;
	*out = (aftercare_batch){0};
	if(!http_opt_string(q, b, "event", &name) || !http_opt_string(q, b, "date", &out->date) ||
	   !http_opt_string(q, b, "place", &out->place) || !http_opt_string(q, b, "note", &out->note) ||
	   !http_opt_string(q, b, "source", &out->source) || !http_opt_string(q, b, "stage", &out->stage))
		return false;
	int type = aftercare_event_parse(name);
	if(type < 0) {
		http_errorc(q, MHD_HTTP_UNPROCESSABLE_CONTENT, "bad_input", "event", "http.aftercare_event", "value",
		            name, NULL);
		return false;
	}
	out->type = (event_type)type;
	/* The health events are medical details: the medical roles record them. */
	if(!registry_event_permitted(http_write_rights(q), out->type, false)) {
		http_errorc(q, MHD_HTTP_FORBIDDEN, "forbidden", "event", "http.may_not_record", "type", name, NULL);
		return false;
	}
	if(!out->date) {
		http_errorc(q, MHD_HTTP_UNPROCESSABLE_CONTENT, "bad_input", "date", "http.aftercare_date", NULL);
		return false;
	}
	return persons_of(q, json_object_get(b, "persons"), (const char ***)&out->persons, &out->n);
}

void api_aftercare_record(http_req *q)
{
	static const char *const keys[] = {"event", "date", "place", "note", "source", "stage", "persons",
	                                   NULL};
	json_t *b = http_body(q, keys);
	aftercare_batch ab;
	if(!b || !batch_of(q, b, &ab)) {
		json_decref(b);
		return;
	}
	char(*events)[UID_SIZE] = arena_calloc(&q->a, ab.n, UID_SIZE);
	size_t bad = SIZE_MAX;
	pl_err err = {0};
	pl_rc rc = events ? aftercare_record(q->st, &ab, events, &bad, &err) : pl_nomem(&err);
	if(rc) {
		char field[32];
		if(bad != SIZE_MAX)
			snprintf(field, sizeof(field), "persons[%zu]", bad);
		else
			snprintf(field, sizeof(field), "%s", !strncmp(err.msg, "date:", 5) ? "date" : "persons");
		http_fail_field(q, &err, field);
	} else {
		json_t *list = json_array();
		for(size_t i = 0; i < ab.n; i++)
			json_array_append_new(list, json_pack("{s:s, s:s}", "person", ab.persons[i], "event",
			                                      events[i]));
		http_json(q, MHD_HTTP_CREATED, json_pack("{s:s, s:s, s:I, s:o}", "event",
		                                         lifecycle_event_name(ab.type), "date", ab.date,
		                                         "recorded", (json_int_t)ab.n, "events", list));
	}
	json_decref(b);
}
