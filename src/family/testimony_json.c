/* Testimonies and their sightings as JSON, for the API and the command
 * line's --json: keys as the fields' names, id for the uid, null for
 * unknown values. */
#include "family/internal.h"

static json_t *str_or_null(const char *s)
{
	return s ? json_string(s) : json_null();
}

static json_t *candidate_json(const sighting_candidate *c)
{
	json_t *o = fam_person_json(&c->who);
	if(json_is_object(o)) {
		json_object_set_new(o, "prob", json_real(c->prob));
		json_object_set_new(o, "unit", str_or_null(c->unit));
		json_object_set_new(o, "capture_place", str_or_null(c->capture_place));
		json_object_set_new(o, "detention_place", str_or_null(c->detention_place));
	}
	return o;
}

json_t *sighting_json(const sighting *s)
{
	json_t *o = json_object(), *c = json_array();
	json_object_set_new(o, "id", json_string(s->uid));
	json_object_set_new(o, "testimony", json_string(s->testimony));
	for(int f = 0; f < SF_COUNT; f++)
		json_object_set_new(o, sighting_fields[f].name, str_or_null(s->f[f]));
	json_object_set_new(o, "status", json_string(sighting_status_names[s->status]));
	json_object_set_new(o, "why_none", str_or_null(s->why_none));
	for(size_t i = 0; i < s->ncand; i++)
		json_array_append_new(c, candidate_json(&s->cand[i]));
	json_object_set_new(o, "candidates", c);
	json_object_set_new(o, "person", fam_person_json(&s->who));
	json_object_set_new(o, "prob", s->status == SS_ACCEPTED && s->prob > 0 ? json_real(s->prob) : json_null());
	json_object_set_new(o, "confidence", str_or_null(s->confidence));
	json_object_set_new(o, "event", str_or_null(s->event));
	json_object_set_new(o, "decided_by", str_or_null(s->decided_by));
	json_object_set_new(o, "decided_at", str_or_null(s->decided_at));
	json_object_set_new(o, "decision_note", str_or_null(s->decision_note));
	json_object_set_new(o, "returnee", fam_person_json(&s->returnee));
	json_object_set_new(o, "taken_on", str_or_null(s->taken_on));
	json_object_set_new(o, "taken_by", str_or_null(s->taken_by));
	json_object_set_new(o, "taken_at", str_or_null(s->taken_at));
	return o;
}

json_t *testimony_json(const testimony *t)
{
	json_t *o = json_object();
	json_object_set_new(o, "id", json_string(t->uid));
	for(int f = 0; f < TF_COUNT; f++)
		if(f != TF_RETURNEE)
			json_object_set_new(o, testimony_fields[f].name, str_or_null(t->f[f]));
	json_object_set_new(o, "returnee", fam_person_json(&t->returnee));
	json_object_set_new(o, "sightings_count", json_integer((json_int_t)t->nsightings));
	json_object_set_new(o, "in_review", json_integer((json_int_t)t->in_review));
	json_object_set_new(o, "recorded_by", str_or_null(t->actor));
	json_object_set_new(o, "created_at", str_or_null(t->created_at));
	if(t->s) {
		json_t *a = json_array();
		for(size_t i = 0; i < t->nsightings; i++)
			json_array_append_new(a, sighting_json(&t->s[i]));
		json_object_set_new(o, "sightings", a);
	}
	return o;
}

json_t *testimony_page_json(const testimony_page *p, const testimony_query *q)
{
	json_t *rows = json_array();
	for(size_t i = 0; i < p->n; i++)
		json_array_append_new(rows, testimony_json(&p->rows[i]));
	return json_pack("{s:I, s:I, s:I, s:o}", "total", (json_int_t)p->total, "offset", (json_int_t)q->offset, "limit",
	                 (json_int_t)q->limit, "rows", rows);
}

json_t *sighting_page_json(const sighting_page *p, const sighting_query *q)
{
	json_t *rows = json_array();
	for(size_t i = 0; i < p->n; i++)
		json_array_append_new(rows, sighting_json(&p->rows[i]));
	return json_pack("{s:I, s:I, s:I, s:o}", "total", (json_int_t)p->total, "offset", (json_int_t)q->offset, "limit",
	                 (json_int_t)q->limit, "rows", rows);
}

json_t *testimony_result_json(const testimony_result *r)
{
	return json_pack("{s:s, s:b, s:I, s:I}", "id", r->uid, "skipped", r->skipped, "sightings",
	                 (json_int_t)r->nsightings, "with_candidates", (json_int_t)r->with_candidates);
}

/* What an import did: the counts the command line says, and each
 * testimony of the file (its ref, its id, whether it was there already,
 * its sightings and how many have candidates waiting in the review queue). */
json_t *testimony_import_json(const testimony_import_report *rep)
{
	json_t *list = json_array();
	for(size_t i = 0; i < rep->nitems; i++) {
		json_t *o = testimony_result_json(&rep->items[i].res);
		json_object_set_new(o, "ref", json_string(rep->items[i].ref));
		json_array_append_new(list, o);
	}
	return json_pack("{s:I, s:I, s:I, s:I, s:I, s:o}", "rows", (json_int_t)rep->rows, "created",
	                 (json_int_t)rep->created, "skipped", (json_int_t)rep->skipped, "sightings",
	                 (json_int_t)rep->sightings, "with_candidates", (json_int_t)rep->with_candidates, "testimonies",
	                 list);
}
