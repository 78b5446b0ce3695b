/* Returnees' testimonies over the API (docs/families.md, "Testimonies"):
 * taking one with its sightings, the review queue, accepting or rejecting
 * a sighting, and the proof-of-captivity report as JSON or CSV. Who may:
 * testimony_read (admin, registrar, negotiator, auditor, family liaison)
 * and testimony_write (registrar, family liaison). Every person shown (the
 * returnee, the candidates, the report's persons) is a read in the access
 * log. */
#include <string.h>

#include "family/family.h"
#include "http/internal.h"

/* ---- reading ------------------------------------------------------------------------- */

/* The persons a sighting shows: returnee, candidates, the one accepted. */
static bool log_sightings(http_req *q, const sighting *s, size_t n, const char *action)
{
	for(size_t i = 0; i < n; i++) {
		const char *uids[SIGHTING_CANDIDATES + 2];
		size_t k = 0;
		if(s[i].returnee.id)
			uids[k++] = s[i].returnee.uid;
		if(s[i].who.id)
			uids[k++] = s[i].who.uid;
		for(size_t c = 0; c < s[i].ncand && k < sizeof(uids) / sizeof(uids[0]); c++)
			uids[k++] = s[i].cand[c].who.uid;
		char detail[sizeof(s[i].testimony) + sizeof(s[i].uid) + 32];
		snprintf(detail, sizeof(detail), "testimony %.*s sighting %.*s", UID_SIZE - 1, s[i].testimony, UID_SIZE - 1,
		         s[i].uid);
		if(k && !http_log_reads(q, uids, k, action, detail))
			return false;
	}
	return true;
}

void api_testimonies_list(http_req *q)
{
	testimony_query tq = TESTIMONY_QUERY_INIT;
	long limit = 50, offset = 0;
	if(!http_query_long(q, "limit", 1, 200, &limit) || !http_query_long(q, "offset", 0, 100000000, &offset))
		return;
	tq.limit = (size_t)limit;
	tq.offset = (size_t)offset;
	tq.returnee = http_query(q, "returnee");
	tq.open = http_query(q, "open") && !strcmp(http_query(q, "open"), "true");
	testimony_page pg;
	pl_err err = {0};
	if(family_testimony_list(q->st, &tq, &q->a, &pg, &err)) {
		http_fail(q, &err);
		return;
	}
	for(size_t i = 0; i < pg.n; i++) {
		const char *uid = pg.rows[i].returnee.uid;
		char detail[64];
		snprintf(detail, sizeof(detail), "testimony %s", pg.rows[i].uid);
		if(!http_log_reads(q, &uid, 1, "list", detail))
			return;
	}
	http_json(q, MHD_HTTP_OK, testimony_page_json(&pg, &tq));
}

static void send_testimony(http_req *q, const char *uid, unsigned status)
{
	testimony t;
	pl_err err = {0};
	if(family_testimony_get(q->st, uid, &q->a, &t, &err))
		http_fail_field(q, &err, "id");
	else if(log_sightings(q, t.s, t.nsightings, "show"))
		http_json(q, status, testimony_json(&t));
}

void api_testimony_get(http_req *q)
{
	send_testimony(q, q->param[0], MHD_HTTP_OK);
}

void api_sightings_list(http_req *q)
{
	sighting_query sq = SIGHTING_QUERY_INIT;
	long limit = 50, offset = 0;
	if(!http_query_long(q, "limit", 1, 200, &limit) || !http_query_long(q, "offset", 0, 100000000, &offset))
		return;
	sq.limit = (size_t)limit;
	sq.offset = (size_t)offset;
	sq.status = http_query(q, "status");
	sq.testimony = http_query(q, "testimony");
	sq.person = http_query(q, "person");
	sighting_page pg;
	pl_err err = {0};
	pl_rc rc = family_sighting_list(q->st, &sq, &q->a, &pg, &err);
	if(rc == PL_EUSAGE)
		http_refuse(q, MHD_HTTP_BAD_REQUEST, "bad_input", "status", &err);
	else if(rc)
		http_fail(q, &err);
	else if(log_sightings(q, pg.rows, pg.n, "list"))
		http_json(q, MHD_HTTP_OK, sighting_page_json(&pg, &sq));
}

/* ---- taking a testimony ---------------------------------------------------------------- */

static bool body_sightings(http_req *q, json_t *b, testimony_input *in)
{
	const char *keys[SF_COUNT + 1];
	for(int f = 0; f < SF_COUNT; f++)
		keys[f] = sighting_fields[f].name;
	keys[SF_COUNT] = NULL;
	json_t *a = json_object_get(b, "sightings");
	if(!json_is_array(a) || !json_array_size(a) || json_array_size(a) > SIGHTINGS_MAX) {
		http_errorc(q, MHD_HTTP_UNPROCESSABLE_CONTENT, "bad_input", "sightings", "testimony.no_sightings", NULL);
		return false;
	}
	in->ns = json_array_size(a);
	in->s = arena_calloc(&q->a, in->ns, sizeof(*in->s));
	if(!in->s) {
		http_errorc(q, MHD_HTTP_INTERNAL_SERVER_ERROR, "internal", NULL, "http.nomem", NULL);
		return false;
	}
	size_t i;
	json_t *s;
	json_array_foreach(a, i, s) {
		if(!json_is_object(s) || !http_check_keys(q, s, keys, "sightings")) {
			if(!q->answered)
				http_errorc(q, MHD_HTTP_UNPROCESSABLE_CONTENT, "bad_input", "sightings",
				            "testimony.sighting_nameless", "n", PL_N((long long)i + 1), NULL);
			return false;
		}
		for(int f = 0; f < SF_COUNT; f++)
			if(!http_opt_string(q, s, sighting_fields[f].name, &in->s[i][f]))
				return false;
	}
	return true;
}

void api_testimony_add(http_req *q)
{
	const char *keys[TF_COUNT + 2];
	for(int f = 0; f < TF_COUNT; f++)
		keys[f] = testimony_fields[f].name;
	keys[TF_COUNT] = "sightings";
	keys[TF_COUNT + 1] = NULL;
	json_t *b = http_body(q, keys);
	testimony_input in = {0};
	bool ok = b != NULL;
	for(int f = 0; ok && f < TF_COUNT; f++)
		ok = http_opt_string(q, b, testimony_fields[f].name, &in.f[f]);
	if(ok && body_sightings(q, b, &in)) {
		testimony_result res;
		pl_err err = {0};
		char field[64] = "sightings";
		if(family_testimony_add(q->st, &in, &res, &err)) {
			if(res.sighting >= 0)
				snprintf(field, sizeof(field), "sightings[%d]%s%s", res.sighting + 1, res.field >= 0 ? "." : "",
				         res.field >= 0 ? sighting_fields[res.field].name : "");
			else if(res.field >= 0)
				snprintf(field, sizeof(field), "%s", testimony_fields[res.field].name);
			http_fail_field(q, &err, field);
		} else if(res.skipped)
			http_json(q, MHD_HTTP_OK, testimony_result_json(&res));
		else
			send_testimony(q, res.uid, MHD_HTTP_CREATED);
	}
	json_decref(b);
}

void api_testimonies_import(http_req *q)
{
	long max_errors = 20;
	if(!http_one_upload(q, "http.send_testimonies") || !http_query_long(q, "max_errors", 1, 1000, &max_errors))
		return;
	testimony_import_opts o = {.name = q->upload_name[0], .max_errors = (int)max_errors};
	testimony_import_report rep;
	pl_err err = {0};
	pl_rc rc = family_testimony_import(q->st, q->upload_path[0], &o, &rep, &err);
	if(!http_import_refused(q, rc, &err, &rep.errors, &rep.coded, rep.rows))
		http_json(q, MHD_HTTP_OK, testimony_import_json(&rep));
	testimony_import_report_free(&rep);
}

/* ---- deciding ---------------------------------------------------------------------------- */

static void send_sighting(http_req *q, const char *uid, json_t *extra)
{
	sighting s;
	pl_err err = {0};
	if(family_sighting_get(q->st, uid, &q->a, &s, &err)) {
		http_fail_field(q, &err, "id");
		json_decref(extra);
		return;
	}
	if(!log_sightings(q, &s, 1, "show")) {
		json_decref(extra);
		return;
	}
	json_t *o = sighting_json(&s);
	if(extra)
		json_object_update(o, extra);
	json_decref(extra);
	http_json(q, MHD_HTTP_OK, o);
}

void api_sighting_accept(http_req *q)
{
	static const char *const keys[] = {"person", "confidence", "note", NULL};
	json_t *b = http_body(q, keys);
	sighting_decision d = {0};
	if(b && http_opt_string(q, b, "person", &d.person) && http_opt_string(q, b, "confidence", &d.confidence) &&
	   http_opt_string(q, b, "note", &d.note)) {
		sighting_result res;
		pl_err err = {0};
		if(family_sighting_accept(q->st, q->param[0], &d, &res, &err))
			http_fail_field(q, &err, err.code && strstr(err.code, "confidence") ? "confidence"
			                         : err.code && strstr(err.code, "no_such_sighting") ? "id"
			                                                                             : "person");
		else
			send_sighting(q, q->param[0],
			              json_pack("{s:b, s:I}", "already", res.already, "tasks_created", (json_int_t)res.tasks));
	}
	json_decref(b);
}

void api_sighting_reject(http_req *q)
{
	static const char *const keys[] = {"note", "not_in_registry", NULL};
	json_t *b = http_body(q, keys);
	sighting_decision d = {0};
	if(b && http_opt_string(q, b, "note", &d.note) && http_opt_bool(q, b, "not_in_registry", &d.not_in_registry)) {
		pl_err err = {0};
		if(family_sighting_reject(q->st, q->param[0], &d, &err))
			http_fail_field(q, &err, err.code && strstr(err.code, "no_such") ? "id" : "note");
		else
			send_sighting(q, q->param[0], NULL);
	}
	json_decref(b);
}

/* ---- the proof-of-captivity report --------------------------------------------------------- */

void api_proof(http_req *q)
{
	const char *format = http_query(q, "format");
	bool csv = format && !strcmp(format, "csv");
	if(format && !csv && strcmp(format, "json")) {
		http_errorc(q, MHD_HTTP_BAD_REQUEST, "bad_input", "format", "http.proof_format", "format", format, NULL);
		return;
	}
	proof_report r;
	pl_err err = {0};
	if(family_proof(q->st, &q->a, &r, &err)) {
		http_fail(q, &err);
		return;
	}
	for(size_t i = 0; i < r.n; i++) {
		const char *uid = r.p[i].who.uid;
		if(!http_log_reads(q, &uid, 1, "export", "proof of captivity"))
			return;
	}
	if(!csv) {
		http_json(q, MHD_HTTP_OK, proof_json(&r));
		return;
	}
	buf out;
	buf_init(&out, 0);
	if(proof_write_csv(&out, &r))
		http_fail(q, &err);
	else
		http_send(q, MHD_HTTP_OK, "text/csv; charset=utf-8", buf_str(&out), out.len);
	buf_free(&out);
}
