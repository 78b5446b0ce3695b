/* The records as JSON, for the CLI's --json, the API and audit entries.
 * Keys follow the CSV columns; unknown values are null, so that a page
 * can show every field without guessing which are there. */
#include <jansson.h>

#include "remains/internal.h"

static json_t *str(const char *s)
{
	return s ? json_string(s) : json_null();
}

json_t *remains_case_json(const remains_case *c)
{
	json_t *o = json_object();
	json_object_set_new(o, "id", json_string(c->uid));
	json_object_set_new(o, "tag", str(c->tag));
	json_object_set_new(o, "batch", str(c->batch));
	json_object_set_new(o, "recovery_place", str(c->recovery_place));
	json_object_set_new(o, "recovery_date", str(c->recovery_date));
	json_object_set_new(o, "condition", str(c->condition));
	json_object_set_new(o, "status", json_string(remains_status_name(c->status)));
	json_object_set_new(o, "person", str(c->person));
	json_object_set_new(o, "note", str(c->note));
	json_object_set_new(o, "created_at", str(c->created_at));
	json_object_set_new(o, "updated_at", str(c->updated_at));
	return o;
}

static json_t *custody_json(const remains_custody *e)
{
	return json_pack("{s:o, s:o, s:o, s:o, s:o}", "holder", str(e->holder), "since", str(e->since),
	                 "note", str(e->note), "actor", str(e->actor), "recorded_at", str(e->created_at));
}

static json_t *fragment_json(const remains_fragment *f)
{
	return json_pack("{s:o, s:o, s:o}", "label", str(f->label), "description", str(f->description),
	                 "person", str(f->person));
}

static json_t *related_json(const remains_related *o)
{
	return json_pack("{s:o, s:o, s:o, s:s, s:b}", "person", str(o->person), "tag", str(o->tag),
	                 "batch", str(o->batch), "status", remains_status_name(o->status), "fragment",
	                 o->fragment);
}

json_t *remains_case_detail_json(const remains_case_detail *d)
{
	json_t *o = remains_case_json(&d->c), *custody = json_array(), *fragments = json_array(),
	       *related = json_array();
	for(size_t i = 0; i < d->ncustody; i++)
		json_array_append_new(custody, custody_json(&d->custody[i]));
	for(size_t i = 0; i < d->nfragments; i++)
		json_array_append_new(fragments, fragment_json(&d->fragments[i]));
	for(size_t i = 0; i < d->nrelated; i++)
		json_array_append_new(related, related_json(&d->related[i]));
	json_object_set_new(o, "custody", custody);
	json_object_set_new(o, "fragments", fragments);
	json_object_set_new(o, "related", related);
	return o;
}

json_t *remains_page_json(const remains_page *p, const remains_query *q)
{
	json_t *rows = json_array();
	for(size_t i = 0; i < p->n; i++)
		json_array_append_new(rows, remains_case_json(&p->rows[i]));
	return json_pack("{s:I, s:I, s:o}", "total", (json_int_t)p->total, "offset",
	                 (json_int_t)(q ? q->offset : 0), "cases", rows);
}

json_t *remains_batch_json(const remains_batch *b)
{
	json_t *counts = json_object();
	for(int i = 0; i < RS_COUNT; i++)
		json_object_set_new(counts, remains_status_names[i], json_integer(b->by_status[i]));
	json_t *o = json_object();
	json_object_set_new(o, "id", json_string(b->uid));
	json_object_set_new(o, "label", str(b->label));
	json_object_set_new(o, "from_party", str(b->from_party));
	json_object_set_new(o, "to_party", str(b->to_party));
	json_object_set_new(o, "handover_date", str(b->handover_date));
	json_object_set_new(o, "declared", b->declared >= 0 ? json_integer(b->declared) : json_null());
	json_object_set_new(o, "note", str(b->note));
	json_object_set_new(o, "stage", str(b->stage));
	json_object_set_new(o, "clause", str(b->clause));
	json_object_set_new(o, "received", json_integer(b->received));
	json_object_set_new(o, "by_status", counts);
	return o;
}

json_t *remains_result_json(const remains_result *res)
{
	static const char *const saved[] = {"unchanged", "created", "updated"};
	return json_pack("{s:s, s:s, s:s, s:b, s:i, s:i, s:o}", "result", saved[res->saved],
	                 "status_before", remains_status_name(res->before), "status_after",
	                 remains_status_name(res->after),
	                 "batch_created", res->batch_created, "custody_added", res->custody_added,
	                 "events_added", res->events_added, "note",
	                 res->note[0] ? json_string(res->note) : json_null());
}
