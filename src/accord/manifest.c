/* Manifests between instances (manifest.h). */
#include <stdio.h>
#include <string.h>

#include "accord/internal.h"
#include "accord/manifest.h"
#include "match/reconcile.h"
#include "sign/jcs.h"
#include "sign/sign.h"

/* ---- out ----------------------------------------------------------------- */

static json_t *signature_json(const stage_signature *g, const char *doc_sha, const char *dig_sha)
{
	return json_pack("{s:s, s:s, s:s, s:s, s:s, s:s, s:s}", "signer", g->signer, "role", g->role,
	                 "public_key", g->public_key, "signed_at", g->signed_at, "document_sha256", doc_sha,
	                 "digests_sha256", dig_sha, "signature", g->signature);
}

pl_rc manifest_export(store *st, const char *stage_uid, json_t **out, pl_err *err)
{
	arena a;
	arena_init(&a, 0);
	stage s;
	const char *text;
	json_t *doc = NULL, *env = NULL;
	*out = NULL;
	pl_rc rc = stage_get(st, stage_uid, &a, &s, err);
	rc = rc ? rc : stage_manifest_version(st, &s, 0, &a, &text, err);
	if(!rc && !(doc = json_loads(text, 0, NULL)))
		/* not for users: a broken database */
		rc = pl_fail(err, PL_EINTEGRITY, "stage %s: its stored manifest is not JSON", s.uid);
	char doc_sha[JCS_SHA256_HEX], dig_sha[JCS_SHA256_HEX];
	rc = rc ? rc : jcs_sha256_hex(doc, doc_sha, err);
	if(!rc) {
		rc = signed_doc_wrap(doc, &env, err);
		doc = NULL; /* the envelope has it */
	}
	rc = rc ? rc : jcs_sha256_hex(json_object_get(env, "digests"), dig_sha, err);
	json_t *sigs = rc ? NULL : json_object_get(env, "signatures");
	for(size_t i = 0; !rc && i < s.nsignatures; i++)
		if(json_array_append_new(sigs, signature_json(&s.signatures[i], doc_sha, dig_sha)))
			rc = pl_nomem(err);
	json_decref(doc);
	if(rc)
		json_decref(env);
	else
		*out = env;
	arena_free(&a);
	return rc;
}

/* ---- who the entries are here -------------------------------------------- */

/* By the entry's ref as this registry's own identifier, then by the
 * identifiers others gave the person. */
static pl_rc resolve_by_ids(store *st, stage_entry *e, arena *a, pl_err *err)
{
	person p;
	pl_err quiet = {0};
	if(registry_uid_valid('P', e->ref) && !registry_person_get(st, e->ref, a, &p, &quiet)) {
		memcpy(e->person, p.uid, UID_SIZE);
		return PL_OK;
	}
	for(int k = 0; k < e->who.next && !e->person[0]; k++) {
		pl_rc rc = registry_person_by_ext(st, e->who.ext[k].source, e->who.ext[k].id, e->person, err);
		if(rc)
			return rc;
	}
	return PL_OK;
}

/* The person a manifest entry describes, as a list row for linking. */
static void identity_person(const entry_identity *w, person *p)
{
	memset(p, 0, sizeof(*p));
	p->f[PF_SURNAME] = w->surname;
	p->f[PF_GIVEN_NAMES] = w->given_names;
	p->f[PF_PATRONYMIC] = w->patronymic;
	p->f[PF_SURNAME_LATIN] = w->surname_latin;
	p->f[PF_GIVEN_NAMES_LATIN] = w->given_names_latin;
	p->f[PF_PATRONYMIC_LATIN] = w->patronymic_latin;
	p->f[PF_BIRTH_DATE] = w->birth_date;
	p->f[PF_RANK] = w->rank;
	p->f[PF_SERVICE_NUMBER] = w->service_number;
	p->f[PF_SEX] = w->sex;
}

/* The entries still unknown, matched across scripts against the registry. */
static pl_rc resolve_by_identity(store *st, manifest_doc *m, const char *name, arena *a, pl_err *err)
{
	size_t n = 0;
	for(size_t i = 0; i < m->nentries; i++)
		n += !m->entries[i].person[0];
	if(!n)
		return PL_OK;
	reconcile_record *rec = arena_calloc(a, n, sizeof(*rec));
	stage_entry **entry = arena_calloc(a, n, sizeof(*entry));
	if(!rec || !entry)
		return pl_nomem(err);
	n = 0;
	for(size_t i = 0; i < m->nentries; i++) {
		stage_entry *e = &m->entries[i];
		if(e->person[0])
			continue;
		entry[n] = e;
		rec[n].key = e->ref;
		identity_person(&e->who, &rec[n++].who);
	}
	struct names *nm;
	reconcile_result res;
	reconcile_opts o = {.threads = 1};
	pl_rc rc = registry_names(st, &nm, err);
	rc = rc ? rc : reconcile_records(st, nm, rec, n, name, &o, &res, err);
	if(rc)
		return rc;
	for(size_t j = 0; j < n; j++) {
		const reconcile_row *row = &res.rows[j];
		if(row->outcome == RECONCILE_MATCHED && !(row->flags & FLAG_DUPLICATE))
			snprintf(entry[j]->person, UID_SIZE, "%s", res.reg.ids[row->person]);
	}
	reconcile_free(&res);
	return PL_OK;
}

/* Entries this office already resolved for an earlier version keep their
 * person. */
static pl_rc resolve_from_stage(store *st, int64_t stage_id, stage_entry *e, pl_err *err)
{
	sqlite3_stmt *s;
	pl_rc rc = store_stmt(st, "SELECT person_id FROM stage_entry WHERE stage_id = ? AND ref = ?"
	                          " AND person_id IS NOT NULL LIMIT 1", &s, err);
	if(rc)
		return rc;
	sqlite3_bind_int64(s, 1, stage_id);
	sqlite3_bind_text(s, 2, e->ref, -1, SQLITE_STATIC);
	int64_t pid = sqlite3_step(s) == SQLITE_ROW ? sqlite3_column_int64(s, 0) : 0;
	sqlite3_reset(s);
	return pid ? registry_person_uid(st, pid, e->person, err) : PL_OK;
}

static pl_rc resolve(store *st, manifest_doc *m, int64_t stage_id, const char *name,
                        manifest_import_report *rep, arena *a, pl_err *err)
{
	pl_rc rc = PL_OK;
	for(size_t i = 0; i < m->nentries && !rc; i++) {
		m->entries[i].person[0] = '\0';
		if(stage_id)
			rc = resolve_from_stage(st, stage_id, &m->entries[i], err);
		if(!rc && !m->entries[i].person[0])
			rc = resolve_by_ids(st, &m->entries[i], a, err);
	}
	rc = rc ? rc : resolve_by_identity(st, m, name, a, err);
	for(size_t i = 0; i < m->nentries && !rc; i++) {
		const stage_entry *e = &m->entries[i];
		if(e->person[0]) {
			rep->resolved++;
			continue;
		}
		rep->unresolved++;
		rc = buf_printf(&rep->problems, "entry %d (%s %s%s%s): not found in this registry\n", e->seq,
		                stage_entry_name(e), e->who.given_names ? e->who.given_names : "",
		                e->who.birth_date ? ", born " : "", e->who.birth_date ? e->who.birth_date : "");
		if(rc)
			rc = pl_nomem(err);
	}
	return rc;
}

/* ---- in ------------------------------------------------------------------ */

typedef struct local_stage {
	int64_t id;
	int version;
	stage_status status;
	char sha256[65];
} local_stage;

static pl_rc find_local(store *st, const char *uid, local_stage *out, pl_err *err)
{
	sqlite3_stmt *s;
	memset(out, 0, sizeof(*out));
	pl_rc rc = store_stmt(st, "SELECT s.id, s.version, s.status, m.sha256 FROM stage s"
	                          " JOIN manifest m ON m.stage_id = s.id AND m.version = s.version"
	                          " WHERE s.uid = ?", &s, err);
	if(rc)
		return rc;
	sqlite3_bind_text(s, 1, uid, -1, SQLITE_STATIC);
	if(sqlite3_step(s) == SQLITE_ROW) {
		out->id = sqlite3_column_int64(s, 0);
		out->version = sqlite3_column_int(s, 1);
		int status = stage_status_parse(store_column_text(s, 2));
		out->status = status < 0 ? STAGE_DRAFT : (stage_status)status;
		snprintf(out->sha256, sizeof(out->sha256), "%s", store_column_text(s, 3));
	}
	sqlite3_reset(s);
	return PL_OK;
}

/* The first 16 digits of a sha256, as messages show it ("sha256 1f2e...") */
static const char *sha16(char out[17], const char *sha)
{
	snprintf(out, 17, "%.16s", sha ? sha : "");
	return out;
}

static pl_rc check_agreement(store *st, const manifest_doc *m, const char *name, arena *a,
                                agreement *ag, pl_err *err)
{
	pl_rc rc = agreement_get(st, m->agreement, a, ag, err);
	if(rc == PL_ENOTFOUND)
		return pl_failc(err, PL_ECONFLICT, "manifest.no_agreement", "file", name, "agreement",
		                m->agreement, NULL);
	if(rc)
		return rc;
	if(strcmp(ag->sha256, m->agreement_sha256))
		return pl_failc(err, PL_ECONFLICT, "manifest.other_terms", "file", name, "agreement", m->agreement,
		                "theirs", sha16((char[17]){0}, m->agreement_sha256), "here",
		                sha16((char[17]){0}, ag->sha256), AGREEMENT_TITLE_ARGS(ag), NULL);
	if(strcmp(ag->party[0], m->party[0]) || strcmp(ag->party[1], m->party[1]) ||
	   (!ag->mediator) != (!m->mediator) || (ag->mediator && strcmp(ag->mediator, m->mediator)))
		return pl_failc(err, PL_EINPUT, "manifest.other_parties", "file", name, "agreement", m->agreement,
		                AGREEMENT_TITLE_ARGS(ag), NULL);
	return PL_OK;
}

static pl_rc store_signature(store *st, int64_t stage_id, int version, const json_t *g, pl_err *err)
{
	sqlite3_stmt *s;
	pl_rc rc = store_stmt(st,
	                      "INSERT OR REPLACE INTO manifest_signature (manifest_id, signer, role, public_key,"
	                      " signed_at, signature) SELECT id, ?, ?, ?, ?, ? FROM manifest"
	                      " WHERE stage_id = ? AND version = ?", &s, err);
	if(rc)
		return rc;
	static const char *const keys[] = {"signer", "role", "public_key", "signed_at", "signature"};
	for(int i = 0; i < 5; i++)
		sqlite3_bind_text(s, i + 1, json_string_value(json_object_get(g, keys[i])), -1, SQLITE_STATIC);
	sqlite3_bind_int64(s, 6, stage_id);
	sqlite3_bind_int(s, 7, version);
	int sr = sqlite3_step(s);
	sqlite3_reset(s);
	return sr == SQLITE_DONE ? PL_OK : store_fail(st, err, sr, "keeping a signature");
}

/* Keep the signatures that are valid, trusted and over this document;
 * say why of the others. */
static pl_rc keep_signatures(store *st, const json_t *env, const signed_doc_report *vr, int64_t stage_id,
                                int version, manifest_import_report *rep, pl_err *err)
{
	const json_t *sigs = json_object_get(env, "signatures");
	pl_rc rc = PL_OK;
	for(size_t i = 0; i < vr->nsigs && !rc; i++) {
		const signed_doc_sig *g = &vr->sigs[i];
		if(signed_doc_sig_ok(g)) {
			rc = store_signature(st, stage_id, version, json_array_get(sigs, g->index), err);
			rep->signatures_added++;
			continue;
		}
		rep->signatures_refused++;
		rc = signed_doc_sig_text(g, &rep->problems);
		rc = rc ? rc : buf_adds(&rep->problems, " (not kept)\n");
		if(rc)
			rc = pl_nomem(err);
	}
	return rc;
}

/* Both parties signed this version: it is agreed. */
static pl_rc maybe_agree(store *st, const agreement *ag, const char *uid, manifest_import_report *rep,
                            arena *a, pl_err *err)
{
	stage s;
	pl_rc rc = stage_get(st, uid, a, &s, err);
	if(rc)
		return rc;
	bool party[2] = {false, false};
	for(size_t i = 0; i < s.nsignatures; i++) {
		const stage_signature *g = &s.signatures[i];
		int k = agreement_side(ag, g->signer);
		if(k >= 0 && !strcmp(g->role, "party"))
			party[k] = true;
		if(ag->mediator && !strcmp(g->signer, ag->mediator) && !strcmp(g->role, "mediator"))
			rep->witnessed = true;
	}
	rep->agreed = party[0] && party[1];
	if(rep->agreed && (s.status == STAGE_DRAFT || s.status == STAGE_PROPOSED))
		rc = stage_mark_agreed(st, &s, err);
	return rc;
}

static pl_rc take_version(store *st, const agreement *ag, manifest_doc *m, const local_stage *here,
                             const char *doc_sha, const char *name, manifest_import_report *rep, arena *a,
                             pl_err *err)
{
	if(!here->id) {
		int64_t id;
		rep->created = rep->new_version = true;
		return stage_insert(st, ag, m, STAGE_PROPOSED, &id, err);
	}
	if(m->version < here->version)
		return pl_failc(err, PL_ECONFLICT, "manifest.older", "file", name, "stage", m->stage, "here",
		                PL_N(here->version), "version", PL_N(m->version), NULL);
	if(m->version == here->version) {
		if(strcmp(doc_sha, here->sha256))
			return pl_failc(err, PL_ECONFLICT, "manifest.both_changed", "file", name, "version",
			                PL_N(m->version), "stage", m->stage, "here", sha16((char[17]){0}, here->sha256),
			                "theirs", sha16((char[17]){0}, doc_sha), NULL);
		return PL_OK;
	}
	if(!stage_status_open(here->status))
		return pl_failc(err, PL_ECONFLICT, "manifest.closed", "file", name, "stage", m->stage, "status",
		                stage_status_name(here->status), NULL);
	rep->new_version = true;
	pl_rc rc = PL_OK;
	if(here->status == STAGE_AGREED) {
		stage s;
		rc = stage_get(st, m->stage, a, &s, err);
		rc = rc ? rc : stage_delist_all(st, &s, "stage.why_new_version", err);
	}
	char sha[65];
	return rc ? rc : stage_store_version(st, here->id, m, STAGE_PROPOSED, sha, err);
}

void manifest_import_report_free(manifest_import_report *rep)
{
	buf_free(&rep->problems);
}

pl_rc manifest_import(store *st, const json_t *env, const char *name, manifest_import_report *rep,
                         pl_err *err)
{
	memset(rep, 0, sizeof(*rep));
	buf_init(&rep->problems, 1u << 20);
	if(!signed_doc_is_envelope(env))
		return pl_failc(err, PL_EINPUT, "manifest.not_signed", "file", name, NULL);
	arena a;
	arena_init(&a, 0);
	manifest_doc m;
	agreement ag;
	local_stage here;
	sign_key *keys;
	size_t nkeys;
	signed_doc_report vr = {0};
	char doc_sha[JCS_SHA256_HEX];
	const json_t *doc = json_object_get(env, "document");
	pl_rc rc = manifest_doc_read(name, "document", (json_t *)doc, &a, &m, err);
	rc = rc ? rc : check_agreement(st, &m, name, &a, &ag, err);
	rc = rc ? rc : jcs_sha256_hex(doc, doc_sha, err);
	rc = rc ? rc : find_local(st, m.stage, &here, err);
	rc = rc ? rc : sign_keys_trusted(st, &a, true, &keys, &nkeys, err);
	rc = rc ? rc : signed_doc_verify(env, keys, nkeys, &vr, err);
	/* Who the entries are is looked up before writing: the matching reads
	 * the whole registry. */
	bool fresh = !here.id || m.version > here.version;
	if(!rc && fresh)
		rc = resolve(st, &m, here.id, name, rep, &a, err);
	rc = rc ? rc : store_begin(st, err);
	if(!rc) {
		rc = take_version(st, &ag, &m, &here, doc_sha, name, rep, &a, err);
		rc = rc ? rc : find_local(st, m.stage, &here, err);
		rc = rc ? rc : keep_signatures(st, env, &vr, here.id, m.version, rep, err);
		rc = rc ? rc : maybe_agree(st, &ag, m.stage, rep, &a, err);
		char after[200];
		snprintf(after, sizeof(after), "{\"version\":%d,\"sha256\":\"%s\",\"signatures\":%zu}", m.version,
		         doc_sha, rep->signatures_added);
		rc = rc ? rc : audit_append(st, NULL, "manifest.import", "stage", m.stage, NULL,
		                   after, err);
		rc = store_end(st, rc, err);
	}
	if(!rc) {
		snprintf(rep->stage, sizeof(rep->stage), "%s", m.stage);
		rep->version = m.version;
	}
	signed_doc_report_free(&vr);
	arena_free(&a);
	return rc;
}
