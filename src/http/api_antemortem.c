/* Ante-mortem data over the API (docs/families.md): a sought person's
 * record and photos, the remains' post-mortem observations, and the two
 * compared. Photos are served only through the permission check of their
 * route (antemortem_read: admin, identification, family liaison), never as
 * static files, and every read of a record or a photo is in the access
 * log under the person it is of. */
#include <string.h>

#include "core/file.h"
#include "family/antemortem.h"
#include "http/internal.h"
#include "remains/remains.h"

static const char *const am_keys[] = {"inquiry", "height", "build", "hair", "eyes", "marks",
                                      "dental", "clothing", "effects", NULL};

/* A refusal of a record's value: the field it names. */
static void refuse(http_req *q, const pl_err *err)
{
	const char *field = pl_err_arg_value(err, "field");
	http_fail_field(q, err, field && *field ? field : NULL);
}

static void send_record(http_req *q, unsigned status)
{
	json_t *d = NULL;
	pl_err err = {0};
	if(family_antemortem_get(q->st, q->param[0], &d, &err)) {
		http_fail_field(q, &err, "id");
		return;
	}
	if(!d) { /* nothing recorded: said, with the person's id as asked */
		d = json_pack("{s:s, s:b, s:[]}", "person", q->param[0], "recorded", 0, "photos");
	} else
		json_object_set_new(d, "recorded", json_true());
	const char *uid = json_string_value(json_object_get(d, "person"));
	if(http_log_reads(q, &uid, 1, "show", "antemortem"))
		http_json(q, status, d);
	else
		json_decref(d);
}

void api_antemortem_get(http_req *q)
{
	send_record(q, MHD_HTTP_OK);
}

void api_antemortem_set(http_req *q)
{
	json_t *b = http_body(q, am_keys);
	pl_err err = {0};
	if(b && family_antemortem_set(q->st, q->param[0], b, &err))
		refuse(q, &err);
	else if(b)
		send_record(q, MHD_HTTP_OK);
	json_decref(b);
}

void api_photo_add(http_req *q)
{
	if(!http_one_upload(q, "http.send_photo"))
		return;
	size_t max = q->srv->cfg.photo_max ? q->srv->cfg.photo_max : AM_PHOTO_MAX_DEFAULT;
	buf data;
	buf_init(&data, 0);
	pl_err err = {0};
	am_photo p;
	/* one byte past the cap: a larger file is refused by its size */
	pl_rc rc = file_read(q->upload_path[0], max + 1, &data, &err);
	if(rc == PL_ELIMIT)
		rc = family_photo_add(q->st, q->param[0], data.ptr, max + 1, max, NULL, &p, &err);
	else if(!rc)
		rc = family_photo_add(q->st, q->param[0], data.ptr, data.len, max, http_query(q, "caption"), &p, &err);
	buf_free(&data);
	if(rc)
		http_fail_field(q, &err, "file");
	else
		http_json(q, MHD_HTTP_CREATED,
		          json_pack("{s:s, s:s, s:s, s:I}", "person", p.person, "sha256", p.sha256, "type", p.type, "size",
		                    (json_int_t)p.size));
}

void api_photo_get(http_req *q)
{
	am_photo p;
	buf data;
	buf_init(&data, 0);
	pl_err err = {0};
	if(family_photo_read(q->st, q->param[0], &p, &q->a, &data, &err))
		http_fail_field(q, &err, "sha256");
	else {
		char detail[80];
		const char *uid = p.person;
		snprintf(detail, sizeof(detail), "photo %s", p.sha256);
		if(http_log_reads(q, &uid, 1, "photo", detail))
			http_send(q, MHD_HTTP_OK, p.type, data.ptr, data.len);
	}
	buf_free(&data);
}

/* ---- the remains' side ---------------------------------------------------------- */

static const char *case_tag(http_req *q)
{
	return http_case_tag(q, q->param[0]);
}

static void send_pm(http_req *q, const char *tag)
{
	json_t *d = NULL;
	pl_err err = {0};
	if(remains_pm_get(q->st, tag, &d, &err))
		http_fail_field(q, &err, "tag");
	else if(d) {
		json_object_set_new(d, "recorded", json_true());
		http_json(q, MHD_HTTP_OK, d);
	} else
		http_json(q, MHD_HTTP_OK, json_pack("{s:b}", "recorded", 0));
}

void api_postmortem_get(http_req *q)
{
	const char *tag = case_tag(q);
	if(tag)
		send_pm(q, tag);
}

void api_postmortem_set(http_req *q)
{
	const char *tag = case_tag(q);
	json_t *b = tag ? http_body(q, am_keys + 1) : NULL;  /* no inquiry on remains */
	pl_err err = {0};
	json_t *clean = b ? am_clean(b, false, &err) : NULL;
	if(b && !clean)
		refuse(q, &err);
	else if(clean && remains_pm_set(q->st, tag, clean, &err))
		http_fail_field(q, &err, "tag");
	else if(clean)
		send_pm(q, tag);
	json_decref(clean);
	json_decref(b);
}

/* GET /api/remains/{tag}/comparison?person=P: secondary evidence beside
 * the DNA's, so for those who read both sides (identification, admin). */
void api_comparison(http_req *q)
{
	const char *tag = case_tag(q), *who = http_query(q, "person");
	if(!tag)
		return;
	if(!http_can(q, PERM_ANTEMORTEM_READ) || !http_can(q, PERM_REMAINS_READ)) {
		http_errorc(q, MHD_HTTP_FORBIDDEN, "forbidden", NULL, "http.forbidden", NULL);
		return;
	}
	if(!who || !*who) {
		http_errorc(q, MHD_HTTP_UNPROCESSABLE_CONTENT, "bad_input", "person", "http.comparison_person", NULL);
		return;
	}
	am_finding f[AK_COUNT];
	unsigned recorded = 0;
	pl_err err = {0};
	person p; /* the full id, for the access log: the query may give a prefix */
	if(registry_person_get(q->st, who, &q->a, &p, &err)) {
		http_fail_field(q, &err, "person");
		return;
	}
	who = p.uid;
	if(family_compare(q->st, who, tag, f, &recorded, &err)) {
		http_fail_field(q, &err, err.code && strstr(err.code, "remains") ? "tag" : "person");
		return;
	}
	if(http_log_reads(q, &who, 1, "compare", tag))
		http_json(q, MHD_HTTP_OK,
		          json_pack("{s:s, s:s, s:b, s:b, s:o}", "person", who, "case", tag, "antemortem_recorded",
		                    (recorded & 1u) != 0, "postmortem_recorded", (recorded & 2u) != 0, "findings",
		                    am_findings_json(f)));
}
