/* An inquiry recorded: its person found (given, linked by the matching
 * engine, or recorded new as reported missing), the inquiry and its
 * consents written, all in one transaction with their audit entries. */
#include <string.h>

#include "core/msg.h"
#include "family/internal.h"

/* ---- the person ------------------------------------------------------------ */

pl_rc family_inquiry_match(store *st, const inquiry_input *in, arena *a, inquiry_match *out,
                           pl_err *err)
{
	memset(out, 0, sizeof(*out));
	if(!in->f[IF_SURNAME] && !in->f[IF_GIVEN_NAMES])
		return pl_failc(err, PL_EINPUT, "family.no_person", NULL);
	inquiry_input *one = (inquiry_input *)in;
	fam_link l;
	pl_rc rc = fam_link_rows(st, &one, 1, "inquiry", in->threshold, in->review, &l, err);
	if(rc || (l.kind != FAM_LINK_PERSON && l.kind != FAM_LIKELY_PERSON))
		return rc;
	snprintf(out->person, UID_SIZE, "%s", l.person);
	out->prob = l.prob;
	out->link = l.kind == FAM_LINK_PERSON;
	int64_t id = 0;
	rc = registry_person_id(st, out->person, &id, err);
	return rc ? rc : registry_person_briefs(st, &id, 1, a, &out->who, err);
}

/* A new person as the inquiry describes them, reported missing by the
 * family on the day last seen (else the day the inquiry came). */
static pl_rc person_new(store *st, const inquiry_input *in, const char *inquiry_uid,
                        inquiry_result *res, pl_err *err)
{
	person p;
	fam_described(in, &p);
	pl_rc rc = registry_person_add(st, &p, err);
	if(rc)
		return rc;
	event e = {0};
	e.f[EF_TYPE] = lifecycle_event_name(EV_REPORTED_MISSING);
	e.f[EF_DATE] = in->f[IF_LAST_SEEN_DATE] ? in->f[IF_LAST_SEEN_DATE] : in->f[IF_RECEIVED];
	e.f[EF_SOURCE] = "family_report";
	e.f[EF_PLACE] = in->f[IF_LAST_SEEN_PLACE];
	char note[64];
	snprintf(note, sizeof(note), "inquiry %s", inquiry_uid);
	e.f[EF_NOTE] = note;
	if((rc = registry_event_add(st, p.uid, &e, err)))
		return rc;
	snprintf(res->person, UID_SIZE, "%s", p.uid);
	res->person_created = true;
	return PL_OK;
}

/* The person an inquiry to be added is about, before it is written: given
 * (checked), linked by the engine, or "" for a new one. A likely person is
 * refused unless the caller asked for a new one. */
static pl_rc resolve(store *st, const inquiry_input *in, arena *a, inquiry_result *res, pl_err *err)
{
	pl_rc rc;
	if(in->f[IF_PERSON]) {
		person p;
		if((rc = registry_person_get(st, in->f[IF_PERSON], a, &p, err)))
			return fam_refuse(res, IF_PERSON, rc);
		snprintf(res->person, UID_SIZE, "%s", p.uid);
		res->linked = LINK_GIVEN;
		return PL_OK;
	}
	inquiry_match m;
	if((rc = family_inquiry_match(st, in, a, &m, err)))
		return fam_refuse(res, IF_SURNAME, rc);
	res->linked = m.link ? LINK_MATCH : LINK_NEW;
	if(m.link) {
		snprintf(res->person, UID_SIZE, "%s", m.person);
		res->prob = m.prob;
	} else if(m.person[0] && !in->new_person) {
		/* Likely, not sure: a person must choose, never the engine a second person. */
		snprintf(res->candidate, UID_SIZE, "%s", m.person);
		res->candidate_prob = m.prob;
		char prob[16];
		snprintf(prob, sizeof(prob), "%.2f", m.prob);
		return fam_refuse(res, IF_PERSON,
		                  pl_failc(err, PL_ECONFLICT, "family.likely_match", "person", m.person, "prob", prob, NULL));
	}
	return PL_OK;
}

/* ---- the inquiry -------------------------------------------------------------- */

pl_rc fam_ref_taken(store *st, const inquiry_input *in, inquiry_result *res, pl_err *err)
{
	if(!in->f[IF_REF])
		return PL_OK;
	sqlite3_stmt *s;
	pl_rc rc = store_stmt(st, "SELECT uid FROM inquiry WHERE ref = ?", &s, err);
	if(rc)
		return rc;
	sqlite3_bind_text(s, 1, in->f[IF_REF], -1, SQLITE_STATIC);
	int x = sqlite3_step(s);
	if(x == SQLITE_ROW) {
		snprintf(res->uid, UID_SIZE, "%s", store_column_text(s, 0));
		res->skipped = true;
	}
	sqlite3_reset(s);
	return x == SQLITE_ROW || x == SQLITE_DONE ? PL_OK : store_fail(st, err, x, "reading an inquiry");
}

/* The columns of the fields, in inquiry_field order without the person. */
#define FIELD_COLUMNS                                                                         \
	"ref, surname, given_names, patronymic, birth_date, sex, party, inquirer, organisation,"  \
	" relation, phone, email, address, language, received, last_seen_date, last_seen_place," \
	" unit, circumstances, note"

static pl_rc insert(store *st, const inquiry_input *in, const char *uid, int64_t person_id,
                    const inquiry_result *res, int64_t *id, pl_err *err)
{
	sqlite3_stmt *s;
	pl_rc rc = store_stmt(st, "INSERT INTO inquiry(uid, person_id, linked, link_prob, actor, created_at,"
	                          " updated_at, " FIELD_COLUMNS ") VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?6,"
	                          " ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21,"
	                          " ?22, ?23, ?24, ?25, ?26)", &s, err);
	if(rc)
		return rc;
	char now[TIMESTAMP_STR_MAX];
	date_now_iso(now);
	sqlite3_bind_text(s, 1, uid, -1, SQLITE_STATIC);
	sqlite3_bind_int64(s, 2, person_id);
	sqlite3_bind_text(s, 3, inquiry_link_names[res->linked], -1, SQLITE_STATIC);
	if(res->linked == LINK_MATCH)
		sqlite3_bind_double(s, 4, res->prob);
	sqlite3_bind_text(s, 5, store_actor(st), -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 6, now, -1, SQLITE_STATIC);
	for(int f = 0, col = 7; f < IF_COUNT; f++)
		if(f != IF_PERSON)
			store_bind_text(s, col++, in->f[f]);
	int x = sqlite3_step(s);
	sqlite3_reset(s);
	if(x != SQLITE_DONE)
		return store_fail(st, err, x, "writing an inquiry");
	*id = sqlite3_last_insert_rowid(store_db(st));
	return PL_OK;
}

/* The audit entry of a new inquiry: what it says, contacts only as given
 * or not (the audit's readers may not see them). */
static json_t *audited(const inquiry_input *in, const inquiry_result *res)
{
	json_t *o = json_object();
	json_object_set_new(o, "person", json_string(res->person));
	json_object_set_new(o, "linked", json_string(inquiry_link_names[res->linked]));
	for(int f = 0; f < IF_COUNT; f++)
		if(f != IF_PERSON && in->f[f])
			json_object_set_new(o, inquiry_fields[f].name,
			                    json_string(inquiry_field_is_contact(f) ? "(given)" : in->f[f]));
	json_t *c = json_array();
	for(size_t i = 0; i < in->nconsents; i++)
		json_array_append_new(c, json_pack("{s:s, s:s, s:s?}", "purpose", in->consents[i].purpose, "form",
		                                   in->consents[i].form, "given", in->consents[i].date));
	json_object_set_new(o, "consents", c);
	return o;
}

pl_rc fam_check(const inquiry_input *in, inquiry_result *res, pl_err *err)
{
	if(!in->f[IF_INQUIRER] && !in->f[IF_ORGANISATION])
		return fam_refuse(res, IF_INQUIRER, pl_failc(err, PL_EINPUT, "family.no_inquirer", NULL));
	pl_rc rc = fam_consents_check(in->consents, in->nconsents, err);
	if(rc)
		return fam_refuse(res, -1, rc);
	if(!in->f[IF_PERSON] && !in->f[IF_SURNAME])
		return fam_refuse(res, IF_SURNAME, pl_failc(err, PL_EINPUT, "family.no_person", NULL));
	return PL_OK;
}

pl_rc fam_inquiry_put(store *st, const inquiry_input *in, arena *a, inquiry_result *res,
                      pl_err *err)
{
	pl_rc rc = fam_ref_taken(st, in, res, err);
	if(rc || res->skipped)
		return rc;
	char uid[UID_SIZE];
	registry_uid('Q', uid);
	int64_t person_id = 0, id = 0;
	if(!res->person[0] && (rc = person_new(st, in, uid, res, err)))
		return fam_refuse(res, IF_SURNAME, rc);
	if((rc = registry_person_id(st, res->person, &person_id, err)))
		return rc;
	if(!person_id) /* gone since it was found */
		return fam_refuse(res, IF_PERSON, pl_failc(err, PL_ENOTFOUND, "person.bad_ref", "person", res->person, NULL));
	if((rc = insert(st, in, uid, person_id, res, &id, err)))
		return rc;
	snprintf(res->uid, UID_SIZE, "%s", uid);
	for(size_t i = 0; i < in->nconsents && !rc; i++)
		rc = fam_consent_insert(st, id, &in->consents[i], err);
	for(size_t i = 0; i < in->nconsents && !rc; i++)
		rc = fam_samples_hold(st, uid, &in->consents[i], err);
	return rc ? rc : fam_audit(st, "create", "inquiry", uid, NULL, audited(in, res), err);
}

/* The values of in, checked and cleaned into out (in a); consents dated
 * the day received where they give no date. */
static pl_rc clean_input(const inquiry_input *in, pdate today, arena *a, inquiry_input *out,
                         inquiry_result *res, pl_err *err)
{
	*out = *in;
	for(int f = 0; f < IF_COUNT; f++) {
		const char *why = NULL;
		out->f[f] = fam_value_clean(f, in->f[f], today, a, &why);
		if(!out->f[f] && why)
			return fam_refuse(res, f, field_refuse(&inquiry_fields[f], inquiry_fields[f].name, in->f[f], why,
			                                       err));
	}
	if(!out->f[IF_RECEIVED]) {
		char *d = arena_alloc(a, DATE_STR_MAX);
		if(!d)
			return pl_nomem(err);
		date_format(today, d);
		out->f[IF_RECEIVED] = d;
	}
	for(size_t i = 0; i < in->nconsents; i++) {
		pl_rc rc = fam_consent_clean(&in->consents[i], today, a, &out->consents[i], err);
		if(rc)
			return fam_refuse(res, -1, rc);
		if(!out->consents[i].date)
			out->consents[i].date = out->f[IF_RECEIVED];
	}
	return PL_OK;
}

pl_rc family_inquiry_add(store *st, const inquiry_input *in, inquiry_result *res, pl_err *err)
{
	memset(res, 0, sizeof(*res));
	res->field = -1;
	if(in->nconsents > CP_COUNT)
		return pl_failc(err, PL_EINPUT, "family.consent_twice", "purpose", in->consents[0].purpose, NULL);
	arena a;
	arena_init(&a, 0);
	inquiry_input v;
	pl_rc rc = clean_input(in, store_today(st), &a, &v, res, err);
	rc = rc ? rc : fam_check(&v, res, err);
	rc = rc ? rc : fam_ref_taken(st, &v, res, err);
	if(!rc && res->skipped) {
		arena_free(&a);
		return PL_OK;
	}
	rc = rc ? rc : resolve(st, &v, &a, res, err);
	if(!rc && !(rc = store_begin(st, err)))
		rc = store_end(st, fam_inquiry_put(st, &v, &a, res, err), err);
	if(rc) {
		char candidate[UID_SIZE];
		double prob = res->candidate_prob;
		int field = res->field;
		snprintf(candidate, sizeof(candidate), "%s", res->candidate);
		memset(res, 0, sizeof(*res)); /* nothing was written */
		res->field = field;
		snprintf(res->candidate, sizeof(res->candidate), "%s", candidate);
		res->candidate_prob = prob;
	}
	arena_free(&a);
	return rc;
}
