/* Letters to families over the API (docs/families.md, "Letters"): the
 * templates (read by the family liaison and admin, saved and reset by the
 * liaison), a letter rendered for an inquiry, a letter recorded as sent,
 * and the letters of an inquiry. A letter holds the inquirer's address:
 * it is read only by those who see the inquirers' contacts, and every
 * letter shown is a read of its person's record in the access log. */
#include <string.h>

#include "family/letter.h"
#include "http/internal.h"

static bool log_letters(http_req *q, const letter *l, size_t n, const char *action)
{
	for(size_t i = 0; i < n; i++) {
		char detail[200];
		snprintf(detail, sizeof(detail), "letter %s", l[i].uid[0] ? l[i].uid : l[i].inquiry);
		const char *uid = l[i].person;
		if(!http_log_reads(q, &uid, 1, action, detail))
			return false;
	}
	return true;
}

/* The field a refusal is about, for the page to show it beside. */
static const char *field_of(const pl_err *err)
{
	static const struct {
		const char *code, *field;
	} map[] = {{"letters.kind", "kind"},      {"letters.lang", "lang"},        {"letters.how", "how"},
	           {"letters.sent_on", "date"},   {"letters.tmpl_", "body"},       {"letters.task_", "task"}, {"letters.no_address", "how"}, {"letters.no_email", "how"},
	           {"watch.", "task"},            {"family.no_inquiry", "inquiry"}, {"family.ambiguous", "inquiry"}};
	for(size_t i = 0; err->code && i < sizeof(map) / sizeof(map[0]); i++)
		if(!strncmp(err->code, map[i].code, strlen(map[i].code)))
			return map[i].field;
	return NULL;
}

static void fail(http_req *q, const pl_err *err)
{
	const char *f = field_of(err);
	if(f)
		http_fail_field(q, err, f);
	else
		http_fail(q, err);
}

/* ---- templates ---------------------------------------------------------------- */

void api_letter_templates(http_req *q)
{
	json_t *arr = json_array();
	pl_err err = {0};
	pl_rc rc = PL_OK;
	for(int k = 0; k < LK_COUNT && !rc; k++)
		for(int l = 0; l < LANG_COUNT && !rc; l++) {
			letter_template t;
			rc = letter_template_get(q->st, letter_kind_names[k], lang_code((lang_id)l), &q->a, &t, NULL, NULL,
			                         &err);
			if(!rc)
				json_array_append_new(arr, letter_template_json(&t, false, NULL, 0));
		}
	if(rc) {
		json_decref(arr);
		http_fail(q, &err);
		return;
	}
	json_t *names = json_array();
	for(int p = 0; p < LP_COUNT; p++)
		json_array_append_new(names, json_string(letter_placeholder_names[p]));
	http_json(q, MHD_HTTP_OK, json_pack("{s:o, s:o}", "templates", arr, "placeholders", names));
}

static void send_template(http_req *q, unsigned status)
{
	letter_template t;
	letter_template_version *h;
	size_t nh;
	pl_err err = {0};
	if(letter_template_get(q->st, q->param[0], q->param[1], &q->a, &t, &h, &nh, &err))
		fail(q, &err);
	else
		http_json(q, status, letter_template_json(&t, true, h, nh));
}

void api_letter_template_get(http_req *q)
{
	send_template(q, MHD_HTTP_OK);
}

void api_letter_template_set(http_req *q)
{
	static const char *const keys[] = {"body", NULL};
	const char *body = NULL;
	json_t *b = http_body(q, keys);
	pl_err err = {0};
	if(b && http_opt_string(q, b, "body", &body)) {
		if(letter_template_set(q->st, q->param[0], q->param[1], body ? body : "", &err))
			fail(q, &err);
		else
			send_template(q, MHD_HTTP_OK);
	}
	json_decref(b);
}

void api_letter_template_reset(http_req *q)
{
	pl_err err = {0};
	if(letter_template_set(q->st, q->param[0], q->param[1], NULL, &err))
		fail(q, &err);
	else
		send_template(q, MHD_HTTP_OK);
}

/* ---- the office's name ---------------------------------------------------------------- */

static void send_office(http_req *q)
{
	const char *name = NULL;
	pl_err err = {0};
	if(letter_office_get(q->st, &q->a, &name, &err))
		http_fail(q, &err);
	else
		http_json(q, MHD_HTTP_OK, json_pack("{s:s?}", "office", name));
}

void api_letter_office_get(http_req *q)
{
	send_office(q);
}

/* {"office": NAME}, "" taking it away; audited by letter_office_set. */
void api_letter_office_set(http_req *q)
{
	static const char *const keys[] = {"office", NULL};
	const char *name = NULL;
	json_t *b = http_body(q, keys);
	pl_err err = {0};
	if(b && http_opt_string(q, b, "office", &name)) {
		if(!name)
			http_errorc(q, MHD_HTTP_UNPROCESSABLE_CONTENT, "bad_input", "office", "http.required", "field", "office",
			            NULL);
		else if(letter_office_set(q->st, name, &err))
			http_fail_field(q, &err, "office");
		else
			send_office(q);
	}
	json_decref(b);
}

/* ---- render, send ------------------------------------------------------------------ */

static bool input(http_req *q, json_t *b, letter_input *in)
{
	memset(in, 0, sizeof(*in));
	if(!http_opt_string(q, b, "inquiry", &in->inquiry) || !http_opt_string(q, b, "kind", &in->kind) ||
	   !http_opt_string(q, b, "lang", &in->lang))
		return false;
	if(!in->inquiry || !*in->inquiry) {
		http_errorc(q, MHD_HTTP_BAD_REQUEST, "bad_input", "inquiry", "http.required", "field", "inquiry", NULL);
		return false;
	}
	return true;
}

void api_letter_render(http_req *q)
{
	static const char *const keys[] = {"inquiry", "kind", "lang", "body", NULL};
	json_t *b = http_body(q, keys);
	letter_input in;
	letter l;
	pl_err err = {0};
	if(b && input(q, b, &in) && http_opt_string(q, b, "body", &in.body)) {
		if(letter_render(q->st, &in, &q->a, &l, &err))
			fail(q, &err);
		else if(log_letters(q, &l, 1, "letter_render"))
			http_json(q, MHD_HTTP_OK, letter_json(&l, true));
	}
	json_decref(b);
}

void api_letter_send(http_req *q)
{
	static const char *const keys[] = {"inquiry", "kind", "lang", "how", "date", "task", NULL};
	json_t *b = http_body(q, keys);
	letter_send s = {0};
	letter l;
	pl_err err = {0};
	if(b && input(q, b, &s.in) && http_opt_string(q, b, "how", &s.how) && http_opt_string(q, b, "date", &s.date) &&
	   http_opt_string(q, b, "task", &s.task)) {
		if(letter_send_record(q->st, &s, &q->a, &l, &err))
			fail(q, &err);
		else if(log_letters(q, &l, 1, "letter_send"))
			http_json(q, MHD_HTTP_CREATED, letter_json(&l, true));
	}
	json_decref(b);
}

/* ---- reading ---------------------------------------------------------------------------- */

void api_letters_list(http_req *q)
{
	letter_query lq = {0};
	long limit = 50, offset = 0;
	if(!http_query_long(q, "limit", 1, 200, &limit) || !http_query_long(q, "offset", 0, 100000000, &offset))
		return;
	lq.limit = (size_t)limit;
	lq.offset = (size_t)offset;
	const char *qid = http_query(q, "inquiry");
	lq.inquiry = qid && *qid ? qid : NULL;
	letter_page pg;
	pl_err err = {0};
	if(letter_list(q->st, &lq, &q->a, &pg, &err)) {
		fail(q, &err);
		return;
	}
	if(!log_letters(q, pg.rows, pg.n, "letter_list"))
		return;
	json_t *arr = json_array();
	for(size_t i = 0; i < pg.n; i++)
		json_array_append_new(arr, letter_json(&pg.rows[i], true));
	http_json(q, MHD_HTTP_OK, json_pack("{s:o, s:I, s:I, s:I}", "letters", arr, "total", (json_int_t)pg.total, "limit",
	                                    (json_int_t)lq.limit, "offset", (json_int_t)lq.offset));
}

void api_letter_get(http_req *q)
{
	letter l;
	pl_err err = {0};
	if(letter_get(q->st, q->param[0], &q->a, &l, &err))
		http_fail_field(q, &err, "id");
	else if(log_letters(q, &l, 1, "letter_show"))
		http_json(q, MHD_HTTP_OK, letter_json(&l, true));
}
