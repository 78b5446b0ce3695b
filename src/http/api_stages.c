/* Stages over the API: the list, one stage with its manifest's entries and
 * discrepancies, the changes between versions, changes to the list and its
 * status (execution: api_execute.c), the signed manifest to download, its signatures
 * checked against this office's trusted keys, and a signed manifest taken
 * in (docs/agreements.md, docs/signatures.md).
 *
 * Whatever names persons (a stage, a diff, a manifest) is written to the
 * access log first. The Art. 117 flag is a medical detail: it is left out
 * for roles without medical_read. */
#include <string.h>

#include "accord/manifest.h"
#include "core/file.h"
#include "http/internal.h"
#include "sign/jcs.h"
#include "sign/sign.h"

enum { MANIFEST_MAX = 64 << 20 };

/* ---- reading ------------------------------------------------------------ */

/* A draft is the office's own working list: the mediator sees a stage
 * once it is proposed to it, as if the draft were not there (unless
 * another of the user's roles reads the agreements). */
static bool sees_drafts(http_req *q)
{
	return !(q->who.roles & (1u << ROLE_MEDIATOR)) || http_can(q, PERM_AGREEMENT_READ);
}

bool api_stage_load(http_req *q, stage *s, agreement *ag)
{
	pl_err err = {0};
	if(!stage_get(q->st, q->param[0], &q->a, s, &err) && s->status == STAGE_DRAFT && !sees_drafts(q))
		pl_failc(&err, PL_ENOTFOUND, "stage.no_such", "stage", q->param[0], NULL);
	if(err.rc || agreement_get_id(q->st, s->agreement_id, &q->a, ag, &err)) {
		http_fail_field(q, &err, "id");
		return false;
	}
	return true;
}

/* The persons on the stage (those found in this registry), and `more`. */
static bool log_stage_reads(http_req *q, const stage *s, const char *const *more, size_t nmore,
                            const char *action)
{
	const char **uids = arena_calloc(&q->a, s->nentries + nmore + 1, sizeof(char *));
	size_t n = 0;
	for(size_t i = 0; uids && i < s->nentries; i++)
		if(s->entries[i].person[0])
			uids[n++] = s->entries[i].person;
	for(size_t i = 0; uids && i < nmore; i++)
		uids[n++] = more[i];
	if(!uids) {
		http_errorc(q, MHD_HTTP_INTERNAL_SERVER_ERROR, "internal", NULL, "http.nomem", NULL);
		return false;
	}
	char detail[64];
	snprintf(detail, sizeof(detail), "stage %s", s->uid);
	return http_log_reads(q, uids, n, action, detail);
}

void api_stages_list(http_req *q)
{
	const char *status = http_query(q, "status");
	stage_filter f = {.agreement = http_query(q, "agreement"), .status = -1};
	if(status && (f.status = stage_status_parse(status)) < 0) {
		http_errorc(q, MHD_HTTP_BAD_REQUEST, "bad_input", "status", "http.one_of", "field", "status",
		            "allowed", "draft, proposed, agreed, in_progress, executed, closed, cancelled", NULL);
		return;
	}
	stage_row *rows;
	size_t n;
	pl_err err = {0};
	if(stage_list(q->st, &f, &q->a, &rows, &n, &err)) {
		http_fail(q, &err);
		return;
	}
	json_t *a = json_array();
	bool drafts = sees_drafts(q);
	for(size_t i = 0; i < n; i++)
		if(drafts || rows[i].status != STAGE_DRAFT)
			json_array_append_new(a, stage_row_json(&rows[i]));
	http_json(q, MHD_HTTP_OK, json_pack("{s:o}", "stages", a));
}

/* The stage as stage_json gives it, with its agreement's parties and the
 * discrepancies found at execution. */
static json_t *stage_view(http_req *q, const agreement *ag, const stage *s, pl_err *err)
{
	stage_discrepancy *d;
	size_t nd;
	if(stage_discrepancies(q->st, s, &q->a, &d, &nd, err))
		return NULL;
	json_t *v = stage_json(ag, s), *disc = json_array();
	for(size_t i = 0; i < nd; i++)
		json_array_append_new(disc, json_pack("{s:s, s:s, s:s, s:s?, s:o?}", "ts", d[i].ts, "actor",
		                                      d[i].actor, "what", d[i].what, "code", d[i].code, "args",
		                                      d[i].args ? json_loads(d[i].args, 0, NULL) : NULL));
	json_object_set_new(v, "discrepancies", disc);
	json_object_set_new(v, "parties", json_pack("[s,s]", ag->party[0], ag->party[1]));
	json_object_set_new(v, "mediator", ag->mediator ? json_string(ag->mediator) : json_null());
	json_object_set_new(v, "agreement_title", ag->title ? json_string(ag->title) : json_null());
	json_object_set_new(v, "agreement_titles", http_titles_json(&ag->titles));
	if(!http_can(q, PERM_MEDICAL_READ)) {
		size_t i;
		json_t *e;
		json_array_foreach(json_object_get(v, "entries"), i, e)
			json_object_del(e, "art117");
	}
	return v;
}

void api_stage_send(http_req *q, unsigned status, const char *action)
{
	stage s;
	agreement ag;
	if(!api_stage_load(q, &s, &ag))
		return;
	pl_err err = {0};
	json_t *v = stage_view(q, &ag, &s, &err);
	if(!v)
		http_fail(q, &err);
	else if(log_stage_reads(q, &s, NULL, 0, action))
		http_json(q, status, v);
	else
		json_decref(v);
}

void api_stage_get(http_req *q)
{
	api_stage_send(q, MHD_HTTP_OK, "show");
}

/* The refs of version v's entries that name persons of a registry, added
 * to *uids: the diff names them too, also those no longer on the stage. */
static pl_rc version_refs(http_req *q, const stage *s, int v, const char ***uids, size_t *n,
                          pl_err *err)
{
	const char *text;
	manifest_doc m;
	pl_rc rc = stage_manifest_version(q->st, s, v, &q->a, &text, err);
	rc = rc ? rc : stage_read_doc(s->uid, text, &q->a, &m, err);
	const char **more = rc ? NULL : arena_calloc(&q->a, *n + m.nentries + 1, sizeof(char *));
	if(!rc && !more)
		return pl_nomem(err);
	if(rc)
		return rc;
	if(*n)
		memcpy(more, *uids, *n * sizeof(char *));
	for(size_t i = 0; i < m.nentries; i++)
		if(registry_uid_valid('P', m.entries[i].ref))
			more[(*n)++] = m.entries[i].ref;
	*uids = more;
	return PL_OK;
}

void api_stage_diff(http_req *q)
{
	stage s;
	agreement ag;
	long from = 0, to = 0;
	if(!http_query_long(q, "from", 1, 100000, &from) || !http_query_long(q, "to", 1, 100000, &to) ||
	   !api_stage_load(q, &s, &ag))
		return;
	to = to ? to : s.version;
	from = from ? from : to - 1;
	manifest_change *ch;
	size_t n, nrefs = 0;
	const char **refs = NULL;
	pl_err err = {0};
	pl_rc rc = stage_diff(q->st, &s, (int)from, (int)to, &q->a, &ch, &n, &err);
	rc = rc ? rc : version_refs(q, &s, (int)from, &refs, &nrefs, &err);
	rc = rc ? rc : version_refs(q, &s, (int)to, &refs, &nrefs, &err);
	if(rc) {
		http_fail(q, &err);
		return;
	}
	if(!log_stage_reads(q, &s, refs, nrefs, "diff"))
		return;
	json_t *a = json_array();
	for(size_t i = 0; i < n; i++)
		json_array_append_new(a, json_pack("{s:s#, s:s}", "op", &ch[i].op, (size_t)1, "what", ch[i].what));
	http_json(q, MHD_HTTP_OK, json_pack("{s:s, s:i, s:i, s:i, s:o}", "stage", s.uid, "from", (int)from,
	                                    "to", (int)to, "version", s.version, "changes", a));
}

/* ---- changes ------------------------------------------------------------ */

/* One entry to add: {"person", "side", "clause"}. */
static bool entry_of(http_req *q, const agreement *ag, json_t *o, size_t i, stage_entry *e)
{
	static const char *const keys[] = {"person", "side", "clause", NULL};
	char where[32];
	snprintf(where, sizeof(where), "add[%zu]", i);
	if(!json_is_object(o)) {
		http_errorc(q, MHD_HTTP_UNPROCESSABLE_CONTENT, "bad_input", where, "http.stage_entry", "field", where,
		            NULL);
		return false;
	}
	if(!http_check_keys(q, o, keys, where))
		return false;
	const char *who = json_string_value(json_object_get(o, "person"));
	const char *side = json_string_value(json_object_get(o, "side"));
	e->clause = json_string_value(json_object_get(o, "clause"));
	e->side = side ? agreement_side(ag, side) : -1;
	const char *bad = !who || strlen(who) >= UID_SIZE ? "person" : e->side < 0 ? "side"
	                : !e->clause ? "clause" : NULL;
	if(bad) {
		char field[48];
		snprintf(field, sizeof(field), "%s.%s", where, bad);
		http_errorc(q, MHD_HTTP_UNPROCESSABLE_CONTENT, "bad_input", field,
		            bad[0] == 'p' ? "http.stage_person" : bad[0] == 's' ? "http.stage_side" : "http.stage_clause",
		            "field", field, "a", ag->party[0], "b", ag->party[1], NULL);
		return false;
	}
	snprintf(e->person, sizeof(e->person), "%s", who);
	return true;
}

/* The body (keys allowed) and the stage it is about; NULL, answered, if
 * either is wrong. */
json_t *api_stage_body(http_req *q, const char *const *keys, stage *s, agreement *ag)
{
	json_t *b = http_body(q, keys);
	if(b && !api_stage_load(q, s, ag)) {
		json_decref(b);
		return NULL;
	}
	return b;
}

void api_stage_entries(http_req *q)
{
	static const char *const keys[] = {"add", "remove", NULL};
	stage s;
	agreement ag;
	json_t *b = api_stage_body(q, keys, &s, &ag);
	if(!b)
		return;
	json_t *add = json_object_get(b, "add"), *remove = json_object_get(b, "remove");
	size_t nadd = json_array_size(add), nremove = json_array_size(remove);
	stage_entry *entries = arena_calloc(&q->a, nadd + 1, sizeof(*entries));
	const char **gone = arena_calloc(&q->a, nremove + 1, sizeof(char *));
	bool ok = entries && gone;
	if((add && !json_is_array(add)) || (remove && !json_is_array(remove)) || (!nadd && !nremove)) {
		http_errorc(q, MHD_HTTP_UNPROCESSABLE_CONTENT, "bad_input", add && !json_is_array(add) ? "add"
		            : "remove", "http.add_remove", NULL);
		ok = false;
	}
	for(size_t i = 0; ok && i < nadd; i++)
		ok = entry_of(q, &ag, json_array_get(add, i), i, &entries[i]);
	for(size_t i = 0; ok && i < nremove; i++)
		if(!(gone[i] = json_string_value(json_array_get(remove, i)))) {
			http_errorc(q, MHD_HTTP_UNPROCESSABLE_CONTENT, "bad_input", "remove", "http.remove_list", NULL);
			ok = false;
		}
	pl_err err = {0};
	if(ok && stage_edit(q->st, s.uid, entries, nadd, gone, nremove, &err)) {
		http_fail(q, &err);
		ok = false;
	}
	json_decref(b);
	if(ok)
		api_stage_send(q, MHD_HTTP_OK, "show");
}

/* The status after a change: {"id", "status", "version"}. */
static void send_status(http_req *q, pl_rc rc, pl_err *err)
{
	stage s;
	if(!rc)
		rc = stage_get(q->st, q->param[0], &q->a, &s, err);
	if(rc)
		http_fail(q, err);
	else
		http_json(q, MHD_HTTP_OK, json_pack("{s:s, s:s, s:i}", "id", s.uid, "status",
		                                    stage_status_name(s.status), "version", s.version));
}

void api_stage_propose(http_req *q)
{
	pl_err err = {0};
	send_status(q, stage_propose(q->st, q->param[0], &err), &err);
}

void api_stage_close(http_req *q)
{
	pl_err err = {0};
	send_status(q, stage_close(q->st, q->param[0], &err), &err);
}

void api_stage_cancel(http_req *q)
{
	static const char *const keys[] = {"reason", NULL};
	json_t *b = http_body(q, keys);
	const char *reason = NULL;
	if(b && http_opt_string(q, b, "reason", &reason)) {
		/* The audit records why; a cancellation without one is refused. */
		if(!reason || !reason[strspn(reason, " \t\r\n")])
			http_errorc(q, MHD_HTTP_UNPROCESSABLE_CONTENT, "bad_input", "reason", "http.cancel_reason", NULL);
		else {
			pl_err err = {0};
			send_status(q, stage_cancel(q->st, q->param[0], reason, &err), &err);
		}
	}
	json_decref(b);
}

/* ---- the signed manifest ------------------------------------------------ */

void api_stage_manifest(http_req *q)
{
	stage s;
	agreement ag;
	json_t *env = NULL;
	pl_err err = {0};
	if(!api_stage_load(q, &s, &ag))
		return;
	buf text;
	buf_init(&text, MANIFEST_MAX * 4u);
	pl_rc rc = manifest_export(q->st, s.uid, &env, &err);
	rc = rc ? rc : jcs_write_indented(env, &text, &err);
	json_decref(env);
	if(rc)
		http_fail(q, &err);
	else if(log_stage_reads(q, &s, NULL, 0, "manifest")) {
		http_send(q, MHD_HTTP_OK, "application/json", buf_str(&text), text.len);
		snprintf(q->filename, sizeof(q->filename), "manifest-%s-v%d.json", s.uid, s.version);
	}
	buf_free(&text);
}

/* Each signer the manifest names (its parties, its mediator): whether
 * they have a good signature on it. */
static json_t *required_json(const signed_doc_report *rep, const sign_required *req, size_t n)
{
	json_t *a = json_array();
	for(size_t i = 0; i < n; i++) {
		bool good = false;
		for(size_t k = 0; k < rep->nsigs && !good; k++)
			good = signed_doc_sig_ok(&rep->sigs[k]) && !strcmp(rep->sigs[k].signer, req[i].signer) &&
			       (req[i].any_role || !strcmp(rep->sigs[k].role, sign_role_name(req[i].role)));
		json_array_append_new(a, json_pack("{s:s, s:s, s:b}", "signer", req[i].signer, "role",
		                                   sign_role_name(req[i].role), "signed", good));
	}
	return a;
}

void api_stage_verify(http_req *q)
{
	stage s;
	agreement ag;
	if(!api_stage_load(q, &s, &ag))
		return;
	json_t *env;
	size_t nkeys;
	signed_doc_report rep = {0};
	pl_err err = {0};
	pl_rc rc = manifest_verify_held(q->st, s.uid, &q->a, &env, &rep, &nkeys, &err);
	if(rc) {
		signed_doc_report_free(&rep);
		json_decref(env);
		http_fail(q, &err);
		return;
	}
	sign_required req[SIGN_REQUIRED_MAX];
	size_t nreq = signed_doc_required_from(json_object_get(env, "document"), req, SIGN_REQUIRED_MAX);
	buf problems;
	buf_init(&problems, 0);
	bool complete = signed_doc_complete(&rep, req, nreq, &problems);
	json_t *v = signed_doc_report_json(&rep);
	json_object_set_new(v, "stage", json_string(s.uid));
	json_object_set_new(v, "version", json_integer(s.version));
	json_object_set_new(v, "status", json_string(stage_status_name(s.status)));
	json_object_set_new(v, "trusted_keys", json_integer((json_int_t)nkeys));
	json_object_set_new(v, "complete", json_boolean(complete));
	json_object_set_new(v, "required", required_json(&rep, req, nreq));
	json_object_set_new(v, "problems", json_lines(&problems));
	buf_free(&problems);
	signed_doc_report_free(&rep);
	json_decref(env);
	http_json(q, MHD_HTTP_OK, v);
}

json_t *http_manifest_report_json(const manifest_import_report *rep)
{
	return json_pack("{s:s, s:i, s:b, s:b, s:I, s:I, s:I, s:I, s:b, s:b, s:b, s:o}", "stage", rep->stage,
	                 "version", rep->version, "created", rep->created, "new_version", rep->new_version,
	                 "signatures_added", (json_int_t)rep->signatures_added, "signatures_refused",
	                 (json_int_t)rep->signatures_refused, "resolved", (json_int_t)rep->resolved,
	                 "unresolved", (json_int_t)rep->unresolved, "agreed", rep->agreed, "witnessed",
	                 rep->witnessed, "held", rep->held, "problems", json_lines(&rep->problems));
}

/* The one uploaded file as JSON; false, answered, if it is not. */
static json_t *uploaded_json(http_req *q)
{
	if(!http_one_upload(q, "http.send_manifest"))
		return NULL;
	buf text;
	buf_init(&text, MANIFEST_MAX + 1);
	pl_err err = {0};
	json_error_t je;
	json_t *v = NULL;
	if(file_read(q->upload_path[0], MANIFEST_MAX, &text, &err))
		http_fail(q, &err);
	else if(!(v = json_loadb(buf_str(&text), text.len, JSON_REJECT_DUPLICATES, &je)))
		http_errorc(q, MHD_HTTP_UNPROCESSABLE_CONTENT, "bad_input", "file", "http.file_json", "file",
		            q->upload_name[0], "line", PL_N(je.line), "column", PL_N(je.column), "detail", je.text,
		            NULL);
	buf_free(&text);
	return v;
}

void api_manifest_import(http_req *q)
{
	json_t *env = uploaded_json(q);
	if(!env)
		return;
	manifest_import_report rep = {0};
	pl_err err = {0};
	if(manifest_import(q->st, env, q->upload_name[0], &rep, &err))
		http_fail(q, &err);
	else
		http_json(q, MHD_HTTP_OK, http_manifest_report_json(&rep));
	manifest_import_report_free(&rep);
	json_decref(env);
}

/* The manifests kept to review: not signed by a key this office trusts. */
void api_manifests_received(http_req *q)
{
	manifest_received_row *rows;
	size_t n;
	pl_err err = {0};
	if(manifest_received_list(q->st, &q->a, &rows, &n, &err)) {
		http_fail(q, &err);
		return;
	}
	json_t *a = json_array();
	for(size_t i = 0; i < n; i++) {
		const manifest_received_row *r = &rows[i];
		json_array_append_new(a, json_pack("{s:s, s:i, s:I, s:s, s:s, s:s, s:s}", "stage", r->stage, "version",
		                                   r->version, "entries", (json_int_t)r->entries, "file", r->file,
		                                   "why", r->why, "received_at", r->received_at, "actor", r->actor));
	}
	http_json(q, MHD_HTTP_OK, json_pack("{s:o}", "received", a));
}
