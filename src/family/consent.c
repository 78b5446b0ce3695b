/* Consent per purpose, given and withdrawn, and an inquiry's status.
 *
 * A grant is a row: the purpose, the day and form it was given on, and,
 * once withdrawn, the day and form of the withdrawal. A purpose is in force
 * on a day when a grant of it was given on or before that day and not
 * withdrawn by then. Contradictions are refused, never stored: sharing
 * (with the ICRC, with the other party) without tracing in force, tracing
 * withdrawn while sharing stands, a withdrawal dated before its grant, a
 * grant while one is in force or dated back into an earlier grant's time. */
#include <string.h>

#include "dna/dna.h"
#include "family/internal.h"

#define SHARING ((1u << CP_SHARE_ICRC) | (1u << CP_SHARE_OTHER_PARTY))

unsigned fam_in_force(const consent *c, size_t n, const char *day)
{
	unsigned bits = 0;
	for(size_t i = 0; i < n; i++)
		if(strcmp(c[i].given, day) <= 0 && (!c[i].withdrawn || strcmp(c[i].withdrawn, day) > 0))
			bits |= 1u << c[i].purpose;
	return bits;
}

/* The DNA module's name for the consent a sample was given under. */
static const char *holder_of(const char *inquiry_uid, char out[UID_SIZE + 16])
{
	snprintf(out, UID_SIZE + 16, "inquiry %s", inquiry_uid);
	return out;
}

pl_rc fam_samples_hold(store *st, const char *inquiry_uid, const consent_input *c, pl_err *err)
{
	char holder[UID_SIZE + 16];
	pl_rc rc = PL_OK;
	for(size_t i = 0; !rc && i < c->nsamples; i++)
		rc = dna_reference_hold(st, c->samples[i], holder_of(inquiry_uid, holder), c->date, err);
	return rc;
}

/* Samples only with the DNA consent they were given under. */
static pl_rc samples_check(const consent_input *c, pl_err *err)
{
	if(c->nsamples && consent_purpose_parse(c->purpose) != CP_DNA_REFERENCE)
		return pl_failc(err, PL_EINPUT, "family.samples_not_dna", "purpose", c->purpose, "sample", c->samples[0],
		                NULL);
	return PL_OK;
}

pl_rc fam_consents_check(const consent_input *c, size_t n, pl_err *err)
{
	const char *tracing = NULL;
	for(size_t i = 0; i < n; i++) {
		pl_rc rc = samples_check(&c[i], err);
		if(rc)
			return rc;
		for(size_t j = 0; j < i; j++)
			if(!strcmp(c[i].purpose, c[j].purpose))
				return pl_failc(err, PL_EINPUT, "family.consent_twice", "purpose", c[i].purpose, NULL);
		if(consent_purpose_parse(c[i].purpose) == CP_TRACING)
			tracing = c[i].date;
	}
	for(size_t i = 0; i < n; i++) {
		if(!(SHARING & (1u << consent_purpose_parse(c[i].purpose))))
			continue;
		if(!tracing || strcmp(tracing, c[i].date) > 0)
			return pl_failc(err, PL_EINPUT, "family.share_without_tracing", "purpose", c[i].purpose, "date",
			                c[i].date, NULL);
	}
	return PL_OK;
}

pl_rc fam_consent_insert(store *st, int64_t inquiry_id, const consent_input *c, pl_err *err)
{
	sqlite3_stmt *s;
	pl_rc rc = store_stmt(st, "INSERT INTO inquiry_consent(inquiry_id, purpose, given, form, note, actor,"
	                          " created_at) VALUES (?, ?, ?, ?, ?, ?, ?)", &s, err);
	if(rc)
		return rc;
	char now[TIMESTAMP_STR_MAX];
	date_now_iso(now);
	sqlite3_bind_int64(s, 1, inquiry_id);
	sqlite3_bind_text(s, 2, c->purpose, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 3, c->date, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 4, c->form, -1, SQLITE_STATIC);
	store_bind_text(s, 5, c->note);
	sqlite3_bind_text(s, 6, store_actor(st), -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 7, now, -1, SQLITE_STATIC);
	int x = sqlite3_step(s);
	sqlite3_reset(s);
	return x == SQLITE_DONE ? PL_OK : store_fail(st, err, x, "writing a consent");
}

static const char *today_text(store *st, char out[DATE_STR_MAX])
{
	date_format(store_today(st), out);
	return out;
}

/* A grant after the others of its purpose: none in force, none withdrawn
 * after this day; sharing only with tracing in force that day. */
static pl_rc grant_check(const consent *c, size_t n, const consent_input *in, pl_err *err)
{
	int p = consent_purpose_parse(in->purpose);
	for(size_t i = 0; i < n; i++) {
		if((int)c[i].purpose != p)
			continue;
		if(!c[i].withdrawn)
			return pl_failc(err, PL_ECONFLICT, "family.consent_in_force", "purpose", in->purpose, "date",
			                c[i].given, NULL);
		if(strcmp(c[i].withdrawn, in->date) > 0)
			return pl_failc(err, PL_EINPUT, "family.consent_overlap", "purpose", in->purpose, "date", in->date,
			                "withdrawn", c[i].withdrawn, NULL);
	}
	if((SHARING & (1u << p)) && !(fam_in_force(c, n, in->date) & (1u << CP_TRACING)))
		return pl_failc(err, PL_EINPUT, "family.share_without_tracing", "purpose", in->purpose, "date", in->date,
		                NULL);
	return PL_OK;
}

static pl_rc give(store *st, const char *uid, const consent_input *in, arena *a, dna_consent_change *out,
                  pl_err *err)
{
	inquiry q;
	consent *c;
	size_t n;
	char holder[UID_SIZE + 16];
	pl_rc rc = samples_check(in, err);
	rc = rc ? rc : fam_inquiry_load(st, uid, a, &q, err);
	rc = rc ? rc : fam_consents_of(st, q.id, a, &c, &n, err);
	rc = rc ? rc : grant_check(c, n, in, err);
	rc = rc ? rc : fam_consent_insert(st, q.id, in, err);
	/* given again: the samples withheld at the withdrawal are usable again */
	if(!rc && consent_purpose_parse(in->purpose) == CP_DNA_REFERENCE)
		rc = dna_reference_release(st, holder_of(q.uid, holder), in->date, out, err);
	rc = rc ? rc : fam_samples_hold(st, q.uid, in, err);
	return rc ? rc
	          : fam_audit(st, "consent", "inquiry", q.uid, NULL,
	                      json_pack("{s:s, s:s, s:s, s:s?}", "purpose", in->purpose, "form", in->form, "given",
	                                in->date, "note", in->note),
	                      err);
}

pl_rc family_consent_give(store *st, const char *inquiry_uid, const consent_input *c, pl_err *err)
{
	return family_consent_give_dna(st, inquiry_uid, c, NULL, err);
}

pl_rc family_consent_give_dna(store *st, const char *inquiry_uid, const consent_input *c,
                              dna_consent_change *out, pl_err *err)
{
	dna_consent_change none;
	dna_consent_change_init(&none);
	arena a;
	arena_init(&a, 0);
	consent_input v;
	char today[DATE_STR_MAX];
	pl_rc rc = fam_consent_clean(c, store_today(st), &a, &v, err);
	if(!rc && !v.date)
		v.date = today_text(st, today);
	if(!rc && !(rc = store_begin(st, err)))
		rc = store_end(st, give(st, inquiry_uid, &v, &a, out ? out : &none, err), err);
	arena_free(&a);
	dna_consent_change_free(&none);
	return rc;
}

static pl_rc samples_add(store *st, const char *uid, const char *const *samples, size_t ns, arena *a,
                         pl_err *err)
{
	inquiry q;
	consent *c;
	size_t n;
	char today[DATE_STR_MAX];
	pl_rc rc = fam_inquiry_load(st, uid, a, &q, err);
	rc = rc ? rc : fam_consents_of(st, q.id, a, &c, &n, err);
	if(!rc && !(fam_in_force(c, n, today_text(st, today)) & (1u << CP_DNA_REFERENCE)))
		rc = pl_failc(err, PL_ECONFLICT, "family.samples_without_consent", "inquiry", q.uid, NULL);
	consent_input in = {.purpose = "dna_reference", .date = today, .samples = samples, .nsamples = ns};
	rc = rc ? rc : fam_samples_hold(st, q.uid, &in, err);
	json_t *list = json_array();
	for(size_t i = 0; i < ns; i++)
		json_array_append_new(list, json_string(samples[i]));
	return rc ? (json_decref(list), rc)
	          : fam_audit(st, "samples", "inquiry", q.uid, NULL, json_pack("{s:o}", "dna_samples", list), err);
}

pl_rc family_dna_samples_add(store *st, const char *inquiry_uid, const char *const *samples, size_t n,
                             pl_err *err)
{
	if(!n)
		return pl_failc(err, PL_EINPUT, "family.no_samples", NULL);
	arena a;
	arena_init(&a, 0);
	pl_rc rc = store_begin(st, err);
	if(!rc)
		rc = store_end(st, samples_add(st, inquiry_uid, samples, n, &a, err), err);
	arena_free(&a);
	return rc;
}

/* ---- withdrawal ------------------------------------------------------------ */

static pl_rc withdraw_check(const consent *c, size_t n, int p, const char *date, size_t *which,
                            pl_err *err)
{
	const char *purpose = consent_purpose_names[p];
	*which = n;
	for(size_t i = 0; i < n; i++)
		if((int)c[i].purpose == p && !c[i].withdrawn)
			*which = i;
	if(*which == n)
		return pl_failc(err, PL_ECONFLICT, "family.consent_not_given", "purpose", purpose, NULL);
	if(strcmp(date, c[*which].given) < 0)
		return pl_failc(err, PL_EINPUT, "family.withdraw_before", "purpose", purpose, "date", date, "given",
		                c[*which].given, NULL);
	for(size_t i = 0; p == CP_TRACING && i < n; i++)
		if((SHARING & (1u << c[i].purpose)) && (!c[i].withdrawn || strcmp(c[i].withdrawn, date) > 0))
			return pl_failc(err, PL_ECONFLICT, "family.tracing_shared", "purpose", consent_purpose_names[c[i].purpose],
			                NULL);
	return PL_OK;
}

static pl_rc withdraw(store *st, const char *uid, int p, const char *date, const char *form, arena *a,
                      dna_consent_change *out, pl_err *err)
{
	inquiry q;
	consent *c;
	size_t n, i;
	pl_rc rc = fam_inquiry_load(st, uid, a, &q, err);
	rc = rc ? rc : fam_consents_of(st, q.id, a, &c, &n, err);
	rc = rc ? rc : withdraw_check(c, n, p, date, &i, err);
	if(rc)
		return rc;
	sqlite3_stmt *s;
	if((rc = store_stmt(st, "UPDATE inquiry_consent SET withdrawn = ?, withdrawn_form = ? WHERE inquiry_id = ?"
	                        " AND purpose = ? AND withdrawn IS NULL", &s, err)))
		return rc;
	form = form ? form : c[i].form;
	sqlite3_bind_text(s, 1, date, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 2, form, -1, SQLITE_STATIC);
	sqlite3_bind_int64(s, 3, q.id);
	sqlite3_bind_text(s, 4, consent_purpose_names[p], -1, SQLITE_STATIC);
	int x = sqlite3_step(s);
	sqlite3_reset(s);
	if(x != SQLITE_DONE)
		return store_fail(st, err, x, "withdrawing a consent");
	/* the samples given under it are withheld in the same transaction */
	char holder[UID_SIZE + 16];
	if(p == CP_DNA_REFERENCE &&
	   (rc = dna_reference_withhold(st, holder_of(q.uid, holder), date, "consent withdrawn", out, err)))
		return rc;
	return fam_audit(st, "withdraw", "inquiry", q.uid,
	                 json_pack("{s:s, s:s, s:s}", "purpose", consent_purpose_names[p], "given", c[i].given, "form",
	                           c[i].form),
	                 json_pack("{s:s, s:s, s:s}", "purpose", consent_purpose_names[p], "withdrawn", date,
	                           "withdrawn_form", form),
	                 err);
}

pl_rc family_consent_withdraw(store *st, const char *inquiry_uid, const char *purpose,
                              const char *date, const char *form, pl_err *err)
{
	return family_consent_withdraw_dna(st, inquiry_uid, purpose, date, form, NULL, err);
}

pl_rc family_consent_withdraw_dna(store *st, const char *inquiry_uid, const char *purpose,
                                  const char *date, const char *form, dna_consent_change *out,
                                  pl_err *err)
{
	int p = consent_purpose_parse(purpose);
	if(p < 0)
		return pl_failc(err, PL_EINPUT, "family.purpose", "purpose", purpose ? purpose : "", NULL);
	/* The date and form checked as a grant's are. */
	consent_input in = {.purpose = purpose, .form = form ? form : "written", .date = date}, v;
	arena a;
	arena_init(&a, 0);
	char today[DATE_STR_MAX];
	dna_consent_change none;
	dna_consent_change_init(&none);
	pl_rc rc = fam_consent_clean(&in, store_today(st), &a, &v, err);
	if(!rc && !(rc = store_begin(st, err)))
		rc = store_end(st, withdraw(st, inquiry_uid, p, v.date ? v.date : today_text(st, today), form ? v.form : NULL,
		                            &a, out ? out : &none, err),
		               err);
	arena_free(&a);
	dna_consent_change_free(&none);
	return rc;
}

/* ---- status ------------------------------------------------------------------ */

static pl_rc set_status(store *st, const char *uid, inquiry_status to, const char *reason, arena *a,
                        pl_err *err)
{
	inquiry q;
	pl_rc rc = fam_inquiry_load(st, uid, a, &q, err);
	if(rc)
		return rc;
	if(q.status == IQ_CLOSED || to == q.status || to == IQ_OPEN)
		return pl_failc(err, PL_ECONFLICT, "family.status_move", "inquiry", q.uid, "from",
		                inquiry_status_names[q.status], "to", inquiry_status_names[to], NULL);
	sqlite3_stmt *s;
	if((rc = store_stmt(st, "UPDATE inquiry SET status = ?, close_reason = ?, updated_at = ? WHERE id = ?", &s,
	                    err)))
		return rc;
	char now[TIMESTAMP_STR_MAX];
	date_now_iso(now);
	sqlite3_bind_text(s, 1, inquiry_status_names[to], -1, SQLITE_STATIC);
	store_bind_text(s, 2, reason);
	sqlite3_bind_text(s, 3, now, -1, SQLITE_STATIC);
	sqlite3_bind_int64(s, 4, q.id);
	int x = sqlite3_step(s);
	sqlite3_reset(s);
	if(x != SQLITE_DONE)
		return store_fail(st, err, x, "changing an inquiry's status");
	return fam_audit(st, "status", "inquiry", q.uid, json_pack("{s:s}", "status", inquiry_status_names[q.status]),
	                 json_pack("{s:s, s:s?}", "status", inquiry_status_names[to], "reason", reason), err);
}

pl_rc family_inquiry_set_status(store *st, const char *inquiry_uid, const char *status,
                                const char *reason, pl_err *err)
{
	int to = inquiry_status_parse(status);
	if(to < 0)
		return pl_failc(err, PL_EINPUT, "family.status", "status", status ? status : "", NULL);
	static const field_def why = {"reason", FK_NOTE, NULL, 0, "Reason", ""};
	arena a;
	arena_init(&a, 0);
	const char *w = NULL;
	const char *r = field_clean(&why, reason, store_today(st), &a, &w);
	pl_rc rc = PL_OK;
	if(to == IQ_CLOSED && !r)
		rc = pl_failc(err, PL_EINPUT, "family.close_reason", NULL);
	if(!rc && !(rc = store_begin(st, err)))
		rc = store_end(st, set_status(st, inquiry_uid, (inquiry_status)to, r, &a, err), err);
	arena_free(&a);
	return rc;
}
