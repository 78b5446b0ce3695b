/* The proof-of-captivity report (docs/families.md): the persons the other
 * side has not acknowledged (registry_unacknowledged: missing or captured,
 * nothing from the holding side, a mediator or the ICRC) for whom the
 * office has its own evidence of captivity, each with that evidence, for
 * the mediator or the ICRC. A testimony's evidence names the returnee, the
 * day it was taken, the name as said, the condition seen, the reviewer's
 * confidence and the engine's probability.
 *
 * What it withholds, as the statements do: medical details (the medical
 * category, health events, causes: only capture and sighting events are
 * read, and of a sighting only its condition), the free text of notes
 * (the office's and the returnee's words, which may say anything), and
 * everything about the families (inquirers, contacts). */
#include <string.h>

#include "audit/audit.h"
#include "core/csv.h"
#include "family/internal.h"

/* The sighting accepted as event uid (NULL: none), in a. */
static pl_rc sighting_of(store *st, const char *event_uid, arena *a, proof_evidence *ev, pl_err *err)
{
	sqlite3_stmt *s;
	pl_rc rc = store_stmt(st, "SELECT t.uid, t.returnee_id, t.taken_on, t.taken_by, s.surname, s.given_names,"
	                          " s.patronymic, s.nickname, s.unit, s.condition, s.confidence, s.prob"
	                          " FROM sighting s JOIN testimony t ON t.id = s.testimony_id WHERE s.event_uid = ?",
	                      &s, err);
	if(rc)
		return rc;
	sqlite3_bind_text(s, 1, event_uid, -1, SQLITE_STATIC);
	int x = sqlite3_step(s);
	int64_t returnee = 0;
	if(x == SQLITE_ROW) {
		ev->testimony = store_column_dup(s, 0, a);
		returnee = sqlite3_column_int64(s, 1);
		ev->taken_on = store_column_dup(s, 2, a);
		ev->taken_by = store_column_dup(s, 3, a);
		char said[400] = "";
		size_t used = 0;
		for(int c = 4; c <= 8; c++) {
			const char *w = store_column_text(s, c);
			if(w && used < sizeof(said))
				used += (size_t)snprintf(said + used, sizeof(said) - used, c == 7 ? "%s«%s»" : c == 8 ? "%s(%s)" : "%s%s",
				                         used ? " " : "", w);
		}
		ev->said = arena_strdup(a, said);
		ev->condition = store_column_dup(s, 9, a);
		ev->confidence = store_column_dup(s, 10, a);
		ev->prob = sqlite3_column_double(s, 11);
	}
	sqlite3_reset(s);
	if(x != SQLITE_ROW && x != SQLITE_DONE)
		return store_fail(st, err, x, "reading a sighting");
	if(!returnee)
		return PL_OK;
	person_brief r;
	if((rc = registry_person_briefs(st, &returnee, 1, a, &r, err)))
		return rc;
	ev->returnee = arena_strdup(a, r.uid);
	char name[300];
	snprintf(name, sizeof(name), "%s%s%s", r.surname ? r.surname : "", r.surname && r.given_names ? " " : "",
	         r.given_names ? r.given_names : "");
	ev->returnee_name = arena_strdup(a, name);
	return arena_oom(a) ? pl_nomem(err) : PL_OK;
}

pl_rc family_proof(store *st, arena *a, proof_report *out, pl_err *err)
{
	memset(out, 0, sizeof(*out));
	date_now_iso(out->made_at);
	out->office = arena_strdup(a, store_actor(st)); /* outlives the store */
	captivity_case *c;
	size_t n;
	pl_rc rc = registry_unacknowledged(st, a, &c, &n, err);
	if(rc)
		return rc;
	if(n && !(out->p = arena_calloc(a, n, sizeof(*out->p))))
		return pl_nomem(err);
	for(size_t i = 0; !rc && i < n; i++) {
		proof_person *p = &out->p[out->n++];
		p->who = c[i].who;
		p->ev = c[i].nevents ? arena_calloc(a, c[i].nevents, sizeof(*p->ev)) : NULL;
		if(c[i].nevents && !p->ev)
			return pl_nomem(err);
		for(size_t k = 0; !rc && k < c[i].nevents; k++) {
			const event *e = &c[i].events[k];
			proof_evidence *v = &p->ev[p->nev++];
			v->type = e->f[EF_TYPE];
			v->source = e->f[EF_SOURCE];
			v->date = e->f[EF_DATE];
			v->place = e->f[EF_PLACE];
			v->event = arena_strdup(a, e->uid);
			if(v->source && !strcmp(v->source, "testimony"))
				rc = sighting_of(st, e->uid, a, v, err);
		}
	}
	return rc;
}

static json_t *evidence_json(const proof_evidence *v)
{
	json_t *o = json_pack("{s:s, s:s, s:s, s:s?, s:s}", "type", v->type, "source", v->source, "date", v->date,
	                      "place", v->place, "event", v->event);
	if(o && v->testimony) {
		json_object_set_new(o, "testimony", json_pack("{s:s, s:s?, s:s?, s:s?, s:s?, s:s?, s:s?, s:s?, s:f}", "id",
		                                              v->testimony, "returnee", v->returnee, "returnee_name",
		                                              v->returnee_name, "taken_on", v->taken_on, "taken_by",
		                                              v->taken_by, "said", v->said, "condition", v->condition,
		                                              "confidence", v->confidence, "prob", v->prob));
	}
	return o;
}

json_t *proof_json(const proof_report *r)
{
	json_t *rows = json_array();
	for(size_t i = 0; rows && i < r->n; i++) {
		const proof_person *p = &r->p[i];
		json_t *ev = json_array();
		for(size_t k = 0; ev && k < p->nev; k++)
			json_array_append_new(ev, evidence_json(&p->ev[k]));
		json_array_append_new(rows, json_pack("{s:o, s:o}", "person", fam_person_json(&p->who), "evidence", ev));
	}
	return json_pack("{s:s, s:s, s:I, s:o}", "made_at", r->made_at, "made_by", r->office, "persons",
	                 (json_int_t)r->n, "rows", rows);
}

pl_rc proof_write_csv(buf *out, const proof_report *r)
{
	static const char *const head[] = {"person", "surname", "given_names", "patronymic", "birth_date", "status",
	                                   "type", "source", "date", "place", "event", "testimony", "returnee",
	                                   "returnee_name", "taken_on", "said", "condition", "confidence", "prob"};
	enum { N = sizeof(head) / sizeof(head[0]) };
	pl_rc rc = csv_format_record(out, head, N);
	for(size_t i = 0; !rc && i < r->n; i++) {
		const proof_person *p = &r->p[i];
		for(size_t k = 0; !rc && k < p->nev; k++) {
			const proof_evidence *v = &p->ev[k];
			char prob[16] = "";
			if(v->testimony && v->prob > 0)
				snprintf(prob, sizeof(prob), "%.2f", v->prob);
			const char *row[N] = {p->who.uid, p->who.surname, p->who.given_names, p->who.patronymic,
			                      p->who.birth_date, lifecycle_status_name(p->who.status), v->type, v->source,
			                      v->date, v->place, v->event, v->testimony, v->returnee, v->returnee_name,
			                      v->taken_on, v->said, v->condition, v->confidence, prob};
			rc = csv_format_record(out, row, N);
		}
	}
	return rc;
}

pl_rc family_proof_log_reads(store *st, const proof_report *r, pl_err *err)
{
	pl_rc rc = PL_OK;
	for(size_t i = 0; i < r->n && !rc; i++)
		rc = audit_access(st, NULL, r->p[i].who.uid, "export", "proof of captivity", err);
	return rc;
}
