/* A stage stays agreed only while the signatures that agreed it count.
 * docs/signatures.md: a revoked key's signatures stop counting whenever
 * they were made. So a revocation (and, as a guard, the start of an
 * execution) checks the agreed stages again: one whose party signature no
 * longer verifies against a live trusted key goes back to proposed, its
 * persons delisted, with the signature that fell in the audit entry and on
 * the stage's page. */
#include <stdio.h>
#include <string.h>

#include "accord/internal.h"
#include "accord/manifest.h"

pl_rc manifest_verify_held(store *st, const char *uid, arena *a, json_t **env,
                           signed_doc_report *rep, size_t *nkeys, pl_err *err)
{
	sign_key *keys = NULL;
	*env = NULL;
	*nkeys = 0;
	pl_rc rc = manifest_export(st, uid, env, err);
	rc = rc ? rc : sign_keys_trusted(st, a, true, &keys, nkeys, err);
	return rc ? rc : signed_doc_verify(*env, keys, *nkeys, rep, err);
}

/* The party signatures of the stage's current version that still count,
 * as maybe_agree counts them; `fell` gets the first one that does not,
 * as "UA (party), key 1A2B ...: revoked on 2026-12-07". */
static pl_rc parties_signed(store *st, const stage *s, const agreement *ag, arena *a, bool party[2],
                            char *fell, size_t fell_size, pl_err *err)
{
	json_t *env;
	size_t nkeys;
	signed_doc_report rep = {0};
	pl_rc rc = manifest_verify_held(st, s->uid, a, &env, &rep, &nkeys, err);
	party[0] = party[1] = false;
	fell[0] = '\0';
	for(size_t i = 0; !rc && i < rep.nsigs; i++) {
		const signed_doc_sig *g = &rep.sigs[i];
		int k = agreement_side(ag, g->signer);
		if(k < 0 || strcmp(g->role, "party"))
			continue;
		if(signed_doc_sig_ok(g))
			party[k] = true;
		else if(!fell[0])
			snprintf(fell, fell_size, "%s (party), key %s: %s", g->signer, g->fingerprint,
			         g->untrusted_why ? g->untrusted_why : g->problem ? g->problem : "not valid");
	}
	signed_doc_report_free(&rep);
	json_decref(env);
	return rc;
}

pl_rc manifest_recheck_stage(store *st, const char *uid, bool *dropped, pl_err *err)
{
	arena a;
	arena_init(&a, 0);
	stage s;
	agreement ag;
	bool party[2];
	char fell[300];
	*dropped = false;
	pl_rc rc = stage_get(st, uid, &a, &s, err);
	if(rc || s.status != STAGE_AGREED) {
		arena_free(&a);
		return rc;
	}
	rc = agreement_get(st, s.agreement, &a, &ag, err);
	rc = rc ? rc : parties_signed(st, &s, &ag, &a, party, fell, sizeof(fell), err);
	/* Only a signature that fell drops the stage: one agreed without any
	 * here (a test's fixture, a stage agreed before signatures were kept)
	 * has nothing to recheck. */
	if(!rc && fell[0] && !(party[0] && party[1])) {
		*dropped = true;
		rc = stage_delist_all(st, &s, "stage.why_signature_fell", err);
		rc = rc ? rc : stage_set_status(st, &s, STAGE_PROPOSED, fell, err);
	}
	arena_free(&a);
	return rc;
}

pl_rc manifest_recheck_all(store *st, size_t *dropped, pl_err *err)
{
	arena a;
	arena_init(&a, 0);
	stage_row *rows;
	size_t n;
	*dropped = 0;
	pl_rc rc = stage_list(st, &(stage_filter){NULL, STAGE_AGREED}, &a, &rows, &n, err);
	for(size_t i = 0; !rc && i < n; i++) {
		bool d;
		rc = manifest_recheck_stage(st, rows[i].uid, &d, err);
		*dropped += d;
	}
	arena_free(&a);
	return rc;
}

pl_rc manifest_revoke_key(store *st, const char *fingerprint, const char *reason, const char *actor,
                          sign_trusted *out, size_t *dropped, pl_err *err)
{
	*dropped = 0;
	pl_rc rc = store_begin(st, err);
	if(rc)
		return rc;
	rc = sign_key_revoke(st, fingerprint, reason, actor, out, err);
	rc = rc ? rc : manifest_recheck_all(st, dropped, err);
	return store_end(st, rc, err);
}

pl_rc manifest_received_list(store *st, arena *a, manifest_received_row **out, size_t *n, pl_err *err)
{
	sqlite3_stmt *q;
	*out = NULL;
	*n = 0;
	pl_rc rc = store_stmt(st, "SELECT id, stage_uid, version, entries, file, why, received_at, actor"
	                          " FROM manifest_received ORDER BY id DESC LIMIT 1000", &q, err);
	if(rc)
		return rc;
	size_t cap = 0;
	int sr;
	while((sr = sqlite3_step(q)) == SQLITE_ROW) {
		manifest_received_row *r = arena_push(a, (void **)out, n, &cap, sizeof(*r));
		if(!r) {
			rc = pl_nomem(err);
			break;
		}
		r->id = sqlite3_column_int64(q, 0);
		r->stage = arena_strdup(a, store_column_text(q, 1));
		r->version = sqlite3_column_int(q, 2);
		r->entries = sqlite3_column_int64(q, 3);
		r->file = arena_strdup(a, store_column_text(q, 4));
		r->why = arena_strdup(a, store_column_text(q, 5));
		r->received_at = arena_strdup(a, store_column_text(q, 6));
		r->actor = arena_strdup(a, store_column_text(q, 7));
	}
	if(!rc && sr != SQLITE_DONE)
		rc = store_fail(st, err, sr, "reading the manifests kept to review");
	sqlite3_reset(q);
	return !rc && arena_oom(a) ? pl_nomem(err) : rc;
}
