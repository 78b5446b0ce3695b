/* Families over the API: inquiries listed and shown (every read in the
 * access log, as reads of persons are: the sought person's id, the
 * inquiry's in the detail), recorded from an intake or a backlog file,
 * their consent given and withdrawn, their status; and the likely person
 * for an intake as it is typed (docs/families.md).
 *
 * The inquirers' contacts (phone, e-mail, address) are in the answers only
 * for those with inquiry_contacts (the family liaison, admin). */
#include <string.h>

#include "dna/dna.h"
#include "family/family.h"
#include "http/internal.h"

/* A body's samples: an array of the laboratory's sample ids (strings), or
 * absent; into the request's arena. */
static bool body_samples(http_req *q, json_t *b, const char *field, const char *const **out, size_t *n)
{
	json_t *a = json_object_get(b, "samples");
	*out = NULL;
	*n = 0;
	if(!a || json_is_null(a))
		return true;
	const char **v = json_is_array(a) ? arena_calloc(&q->a, json_array_size(a) + 1, sizeof(char *)) : NULL;
	size_t i;
	json_t *x;
	json_array_foreach(a, i, x) {
		if(!v || !json_is_string(x))
			break;
		v[(*n)++] = json_string_value(x);
	}
	if(!v || *n != json_array_size(a) || *n > 16) {
		http_errorc(q, MHD_HTTP_UNPROCESSABLE_CONTENT, "bad_input", field, "http.samples_expected", "max",
		            PL_N(16), NULL);
		return false;
	}
	*out = v;
	return true;
}

/* Whether a refusal's code has this in it (NULL: an uncoded one). */
static bool code_has(const pl_err *err, const char *part)
{
	return err->code && strstr(err->code, part);
}

static bool contacts(http_req *q)
{
	return http_can(q, PERM_INQUIRY_CONTACTS);
}

static bool log_inquiries(http_req *q, const inquiry *rows, size_t n, const char *action)
{
	/* One entry per inquiry: the person sought, the inquiry named in the detail. */
	for(size_t i = 0; i < n; i++) {
		char detail[64];
		snprintf(detail, sizeof(detail), "inquiry %s", rows[i].uid);
		const char *uid = rows[i].f[IF_PERSON] ? rows[i].f[IF_PERSON] : rows[i].uid;
		if(!http_log_reads(q, &uid, 1, action, detail))
			return false;
	}
	return true;
}

void api_inquiries_list(http_req *q)
{
	inquiry_query iq = INQUIRY_QUERY_INIT;
	long limit = 50, offset = 0;
	if(!http_query_long(q, "limit", 1, 200, &limit) || !http_query_long(q, "offset", 0, 100000000, &offset))
		return;
	iq.limit = (size_t)limit;
	iq.offset = (size_t)offset;
	iq.status = http_query(q, "status");
	iq.person = http_query(q, "person");
	inquiry_page pg;
	pl_err err = {0};
	pl_rc rc = family_inquiry_list(q->st, &iq, &q->a, &pg, &err);
	if(rc == PL_EUSAGE)
		http_refuse(q, MHD_HTTP_BAD_REQUEST, "bad_input", "status", &err);
	else if(rc)
		http_fail(q, &err);
	else if(log_inquiries(q, pg.rows, pg.n, "list"))
		http_json(q, MHD_HTTP_OK, inquiry_page_json(&pg, &iq, contacts(q)));
}

void api_inquiry_get(http_req *q)
{
	inquiry_detail d;
	pl_err err = {0};
	if(family_inquiry_get(q->st, q->param[0], &q->a, &d, &err))
		http_fail_field(q, &err, "id");
	else if(log_inquiries(q, &d.q, 1, "show"))
		http_json(q, MHD_HTTP_OK, inquiry_detail_json(&d, contacts(q)));
}

/* ---- an intake ---------------------------------------------------------------- */

/* The body's consents: [{purpose, form, date, note}]. */
static bool body_consents(http_req *q, json_t *b, inquiry_input *in)
{
	static const char *const keys[] = {"purpose", "form", "date", "note", "samples", NULL};
	json_t *a = json_object_get(b, "consents");
	if(!a || json_is_null(a))
		return true;
	if(!json_is_array(a) || json_array_size(a) > CP_COUNT) {
		http_errorc(q, MHD_HTTP_UNPROCESSABLE_CONTENT, "bad_input", "consents", "http.inquiry_consents", "n",
		            PL_N(CP_COUNT), NULL);
		return false;
	}
	size_t i;
	json_t *c;
	json_array_foreach(a, i, c) {
		consent_input *k = &in->consents[in->nconsents++];
		if(!json_is_object(c) || !http_check_keys(q, c, keys, "consents") ||
		   !http_opt_string(q, c, "purpose", &k->purpose) || !http_opt_string(q, c, "form", &k->form) ||
		   !http_opt_string(q, c, "date", &k->date) || !http_opt_string(q, c, "note", &k->note) ||
		   !body_samples(q, c, "consents", &k->samples, &k->nsamples)) {
			if(!q->answered)
				http_errorc(q, MHD_HTTP_UNPROCESSABLE_CONTENT, "bad_input", "consents", "http.inquiry_consents",
				            "n", PL_N(CP_COUNT), NULL);
			return false;
		}
	}
	return true;
}

/* The fields of an inquiry from a body (or a query string: the match). */
static bool body_input(http_req *q, json_t *b, inquiry_input *in)
{
	for(int f = 0; f < IF_COUNT; f++)
		if(!http_opt_string(q, b, inquiry_fields[f].name, &in->f[f]))
			return false;
	return http_opt_bool(q, b, "new_person", &in->new_person) && body_consents(q, b, in);
}

void api_inquiry_add(http_req *q)
{
	const char *keys[IF_COUNT + 3]; /* the fields, consents, new_person */
	for(int f = 0; f < IF_COUNT; f++)
		keys[f] = inquiry_fields[f].name;
	keys[IF_COUNT] = "consents";
	keys[IF_COUNT + 1] = "new_person";
	keys[IF_COUNT + 2] = NULL;
	json_t *b = http_body(q, keys);
	inquiry_input in = {0};
	if(!b || !body_input(q, b, &in)) {
		json_decref(b);
		return;
	}
	inquiry_result res;
	pl_err err = {0};
	if(family_inquiry_add(q->st, &in, &res, &err))
		http_fail_field(q, &err, res.field >= 0 ? inquiry_fields[res.field].name : "consents");
	else
		http_json(q, res.skipped ? MHD_HTTP_OK : MHD_HTTP_CREATED, inquiry_result_json(&res));
	json_decref(b);
}

/* The likely person of an intake being typed: who the engine finds, and
 * whether it would link them. The person is a read of a person's record. */
void api_inquiry_match(http_req *q)
{
	inquiry_input in = {0};
	static const int asked[] = {IF_SURNAME, IF_GIVEN_NAMES, IF_PATRONYMIC, IF_BIRTH_DATE, IF_SEX, IF_PARTY,
	                            IF_UNIT};
	for(size_t i = 0; i < sizeof(asked) / sizeof(asked[0]); i++) {
		const char *v = http_query(q, inquiry_fields[asked[i]].name), *why = NULL;
		if(v && !(in.f[asked[i]] = field_clean(&inquiry_fields[asked[i]], v, store_today(q->st), &q->a, &why)) &&
		   why) {
			http_error_why(q, MHD_HTTP_UNPROCESSABLE_CONTENT, inquiry_fields[asked[i]].name, why);
			return;
		}
	}
	inquiry_match m;
	pl_err err = {0};
	if(family_inquiry_match(q->st, &in, &q->a, &m, &err)) {
		http_fail_field(q, &err, "surname");
		return;
	}
	if(!m.person[0]) {
		http_json(q, MHD_HTTP_OK, json_pack("{s:n}", "person"));
		return;
	}
	const char *uid = m.person;
	if(!http_log_reads(q, &uid, 1, "show", "inquiry intake"))
		return;
	const person_brief *w = &m.who;
	http_json(q, MHD_HTTP_OK,
	          json_pack("{s:{s:s, s:s?, s:s?, s:s?, s:s?, s:s?, s:s?, s:s}, s:f, s:b}", "person", "id", w->uid,
	                    "surname", w->surname, "given_names", w->given_names, "patronymic", w->patronymic,
	                    "surname_latin", w->surname_latin, "given_names_latin", w->given_names_latin,
	                    "birth_date", w->birth_date, "status", lifecycle_status_name(w->status), "prob", m.prob,
	                    "link", m.link));
}

/* ---- changes -------------------------------------------------------------------- */

/* The inquiry after a change, as the changer may see it. */
static void send_inquiry(http_req *q, unsigned status)
{
	inquiry_detail d;
	pl_err err = {0};
	if(family_inquiry_get(q->st, q->param[0], &q->a, &d, &err))
		http_fail(q, &err);
	else if(log_inquiries(q, &d.q, 1, "show"))
		http_json(q, status, inquiry_detail_json(&d, contacts(q)));
}

/* The inquiry after a change of its DNA consent, with what the change did
 * to the samples given under it (`dna`: the samples, the proposals that
 * fell, the confirmed identifications that rest on them), each person it
 * names written to the access log. */
static void send_inquiry_dna(http_req *q, unsigned status, const dna_consent_change *d)
{
	inquiry_detail det;
	pl_err err = {0};
	if(family_inquiry_get(q->st, q->param[0], &q->a, &det, &err)) {
		http_fail(q, &err);
		return;
	}
	if(!log_inquiries(q, &det.q, 1, "show"))
		return;
	for(size_t i = 0; i < d->nfallen + d->nresting; i++) {
		const dna_proposal *p = i < d->nfallen ? &d->fallen[i] : &d->resting[i - d->nfallen];
		if(p->person && !http_log_reads(q, &p->person, 1, "show", "dna consent withdrawn"))
			return;
	}
	json_t *o = inquiry_detail_json(&det, contacts(q));
	if(d->nsamples)
		json_object_set_new(o, "dna", dna_consent_change_json(d));
	http_json(q, status, o);
}

void api_inquiry_consent(http_req *q)
{
	static const char *const keys[] = {"purpose", "form", "date", "note", "samples", NULL};
	consent_input c = {0};
	json_t *b = http_body(q, keys);
	bool ok = b && http_opt_string(q, b, "purpose", &c.purpose) && http_opt_string(q, b, "form", &c.form) &&
	          http_opt_string(q, b, "date", &c.date) && http_opt_string(q, b, "note", &c.note) &&
	          body_samples(q, b, "samples", &c.samples, &c.nsamples);
	pl_err err = {0};
	dna_consent_change d;
	dna_consent_change_init(&d);
	if(ok && family_consent_give_dna(q->st, q->param[0], &c, &d, &err))
		http_fail_field(q, &err, code_has(&err, "sample") ? "samples" : code_has(&err, "form") ? "form"
		                         : code_has(&err, "date") ? "date" : "purpose");
	else if(ok)
		send_inquiry_dna(q, MHD_HTTP_CREATED, &d);
	dna_consent_change_free(&d);
	json_decref(b);
}

void api_inquiry_samples(http_req *q)
{
	static const char *const keys[] = {"samples", NULL};
	const char *const *samples = NULL;
	size_t n = 0;
	json_t *b = http_body(q, keys);
	bool ok = b && body_samples(q, b, "samples", &samples, &n);
	pl_err err = {0};
	if(ok && family_dna_samples_add(q->st, q->param[0], samples, n, &err))
		http_fail_field(q, &err, "samples");
	else if(ok)
		send_inquiry(q, MHD_HTTP_OK);
	json_decref(b);
}

void api_inquiry_withdraw(http_req *q)
{
	static const char *const keys[] = {"purpose", "date", "form", NULL};
	const char *purpose = NULL, *date = NULL, *form = NULL;
	json_t *b = http_body(q, keys);
	bool ok = b && http_opt_string(q, b, "purpose", &purpose) && http_opt_string(q, b, "date", &date) &&
	          http_opt_string(q, b, "form", &form);
	pl_err err = {0};
	dna_consent_change d;
	dna_consent_change_init(&d);
	if(ok && family_consent_withdraw_dna(q->st, q->param[0], purpose, date, form, &d, &err))
		http_fail_field(q, &err, code_has(&err, "date") || code_has(&err, "before") ? "date" : "purpose");
	else if(ok)
		send_inquiry_dna(q, MHD_HTTP_OK, &d);
	dna_consent_change_free(&d);
	json_decref(b);
}

void api_inquiry_status(http_req *q)
{
	static const char *const keys[] = {"status", "reason", NULL};
	const char *status = NULL, *reason = NULL;
	json_t *b = http_body(q, keys);
	bool ok = b && http_opt_string(q, b, "status", &status) && http_opt_string(q, b, "reason", &reason);
	pl_err err = {0};
	if(ok && family_inquiry_set_status(q->st, q->param[0], status, reason, &err))
		http_fail_field(q, &err, code_has(&err, "reason") ? "reason" : "status");
	else if(ok)
		send_inquiry(q, MHD_HTTP_OK);
	json_decref(b);
}

void api_inquiries_import(http_req *q)
{
	long max_errors = 20;
	if(!http_one_upload(q, "http.send_inquiries") || !http_query_long(q, "max_errors", 1, 1000, &max_errors))
		return;
	inquiry_import_opts o = {.name = q->upload_name[0], .max_errors = (int)max_errors};
	inquiry_import_report rep;
	pl_err err = {0};
	pl_rc rc = family_import(q->st, q->upload_path[0], &o, &rep, &err);
	if(!http_import_refused(q, rc, &err, &rep.errors, &rep.coded, rep.rows))
		http_json(q, MHD_HTTP_OK, inquiry_import_json(&rep));
	inquiry_import_report_free(&rep);
}
