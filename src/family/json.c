/* Inquiries as JSON, for the API and the command line's --json: keys as the
 * columns of a backlog file, id for the uid, null for unknown values; the
 * contacts only for those who may see them. */
#include <string.h>

#include "core/json.h"
#include "family/internal.h"

static json_t *str_or_null(const char *s)
{
	return s ? json_string(s) : json_null();
}

static json_t *purposes(unsigned bits)
{
	json_t *a = json_array();
	for(int p = 0; p < CP_COUNT; p++)
		if(bits & (1u << p))
			json_array_append_new(a, json_string(consent_purpose_names[p]));
	return a;
}

json_t *fam_person_json(const person_brief *b)
{
	if(!b->id)
		return json_null();
	return json_pack("{s:s, s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:s}", "id", b->uid, "surname",
	                 str_or_null(b->surname), "given_names", str_or_null(b->given_names), "patronymic",
	                 str_or_null(b->patronymic), "surname_latin", str_or_null(b->surname_latin),
	                 "given_names_latin", str_or_null(b->given_names_latin), "birth_date",
	                 str_or_null(b->birth_date), "party", str_or_null(b->party), "status",
	                 lifecycle_status_name(b->status));
}

json_t *inquiry_json(const inquiry *q, bool contacts)
{
	json_t *o = json_object();
	json_object_set_new(o, "id", json_string(q->uid));
	json_object_set_new(o, "status", json_string(inquiry_status_names[q->status]));
	json_object_set_new(o, "close_reason", str_or_null(q->close_reason));
	for(int f = 0; f < IF_COUNT; f++)
		if(contacts || !inquiry_field_is_contact(f))
			json_object_set_new(o, inquiry_fields[f].name, str_or_null(q->f[f]));
	if(!contacts)
		json_object_set_new(o, "contacts_withheld", json_true());
	json_object_set_new(o, "linked", json_string(inquiry_link_names[q->linked]));
	json_object_set_new(o, "link_prob", q->linked == LINK_MATCH ? json_real(q->link_prob) : json_null());
	json_object_set_new(o, "sought", fam_person_json(&q->who));
	json_object_set_new(o, "consents_in_force", purposes(q->consents_in_force));
	json_object_set_new(o, "recorded_by", str_or_null(q->actor));
	json_object_set_new(o, "created_at", str_or_null(q->created_at));
	json_object_set_new(o, "updated_at", str_or_null(q->updated_at));
	return o;
}

json_t *inquiry_detail_json(const inquiry_detail *d, bool contacts)
{
	json_t *o = inquiry_json(&d->q, contacts);
	json_t *c = json_array(), *others = json_array();
	for(size_t i = 0; i < d->nconsents; i++) {
		const consent *k = &d->consents[i];
		json_array_append_new(c, json_pack("{s:s, s:s, s:s, s:o, s:o, s:o, s:o, s:o}", "purpose",
		                                   consent_purpose_names[k->purpose], "given", k->given, "form", k->form,
		                                   "withdrawn", str_or_null(k->withdrawn), "withdrawn_form",
		                                   str_or_null(k->withdrawn_form), "note", str_or_null(k->note),
		                                   "recorded_by", str_or_null(k->actor), "recorded_at",
		                                   str_or_null(k->created_at)));
	}
	for(size_t i = 0; i < d->nothers; i++)
		json_array_append_new(others, json_string(d->others[i]));
	json_object_set_new(o, "consents", c);
	json_object_set_new(o, "other_inquiries", others);
	json_t *samples = json_array();
	for(size_t i = 0; i < d->nsamples; i++)
		json_array_append_new(samples, json_pack("{s:s, s:s, s:b}", "sample", d->samples[i], "state",
		                                         d->sample_state[i], "withheld",
		                                         !strcmp(d->sample_state[i], "withdrawn")));
	json_object_set_new(o, "dna_samples", samples);
	return o;
}

json_t *inquiry_page_json(const inquiry_page *p, const inquiry_query *q, bool contacts)
{
	json_t *a = json_array();
	for(size_t i = 0; i < p->n; i++)
		json_array_append_new(a, inquiry_json(&p->rows[i], contacts));
	return json_pack("{s:o, s:I, s:I, s:I}", "inquiries", a, "total", (json_int_t)p->total, "limit",
	                 (json_int_t)q->limit, "offset", (json_int_t)q->offset);
}

json_t *inquiry_result_json(const inquiry_result *r)
{
	json_t *o = json_pack("{s:s, s:s, s:s, s:b, s:b}", "id", r->uid, "person", r->person, "linked",
	                      inquiry_link_names[r->linked], "person_created", r->person_created, "skipped",
	                      r->skipped);
	json_object_set_new(o, "link_prob", r->linked == LINK_MATCH ? json_real(r->prob) : json_null());
	return o;
}

/* What an import did: the counts the command line says, the links the
 * engine made, and each row of the file (its line, ref, the inquiry's id,
 * whether it was there already, its person and how it was linked). */
json_t *inquiry_import_json(const inquiry_import_report *rep)
{
	json_t *list = json_array();
	for(size_t i = 0; i < rep->nitems; i++) {
		json_t *o = inquiry_result_json(&rep->items[i].res);
		json_object_set_new(o, "ref", rep->items[i].ref ? json_string(rep->items[i].ref) : json_null());
		json_object_set_new(o, "line", json_integer(rep->items[i].line));
		if(rep->items[i].res.skipped) /* found by its ref, not linked now */
			json_object_set_new(o, "person", json_null());
		json_array_append_new(list, o);
	}
	return json_pack("{s:I, s:I, s:I, s:I, s:I, s:o, s:o}", "rows", (json_int_t)rep->rows, "created",
	                 (json_int_t)rep->created, "skipped", (json_int_t)rep->skipped, "persons_created",
	                 (json_int_t)rep->persons_created, "linked_by_match", (json_int_t)rep->linked_by_match, "notes",
	                 json_lines(&rep->notes), "inquiries", list);
}
