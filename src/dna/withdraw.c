/* Withdrawing a wrong identification, by two people: one requests it with
 * the reason, another approves it, an admin and an identification officer
 * between them; the approval undoes what the confirmation did (dna.h). */
#include <stdlib.h>
#include <string.h>

#include "dna/internal.h"
#include "dna/proposal.h"

static const char *roles_text(unsigned roles)
{
	return roles == (DNA_AS_ADMIN | DNA_AS_IDENTIFICATION) ? "admin and identification"
	       : roles == DNA_AS_ADMIN ? "admin" : "identification";
}

/* The same as the code of its words in the message catalogue. */
static const char *roles_code(unsigned roles)
{
	return roles == (DNA_AS_ADMIN | DNA_AS_IDENTIFICATION) ? "dna.as_both"
	       : roles == DNA_AS_ADMIN ? "dna.as_admin" : "dna.as_identification";
}

/* The pair's confirmed proposal, with a withdrawal pending (or, with
 * pending false, none). */
static pl_rc confirmed_proposal(store *st, const char *tag, const char *other, bool pending, arena *a,
                                   dna_pair_ref *pr, dna_proposal *p, pl_err *err)
{
	pl_rc rc = dna_pair_load(st, tag, other, a, pr, p, err);
	if(rc)
		return rc;
	if(strcmp(p->status, "confirmed"))
		return pl_failc(err, PL_ECONFLICT, "dna.not_confirmed", "case", tag, "other", pr->other, "status",
		                p->status, NULL);
	if(pending && !p->withdraw_by)
		return pl_failc(err, PL_ECONFLICT, "dna.no_withdrawal", "case", tag, "other", pr->other, NULL);
	if(!pending && p->withdraw_by)
		return pl_failc(err, PL_ECONFLICT, "dna.withdrawal_awaits", "by", p->withdraw_by, "case", tag,
		                "other", pr->other, "at", p->withdraw_at, "reason", p->withdraw_reason, NULL);
	return PL_OK;
}

/* Another person, and an admin and an identification officer between the
 * requester and the actor. */
static pl_rc second_person(store *st, const char *tag, const dna_pair_ref *pr, const dna_proposal *p,
                              unsigned roles, pl_err *err)
{
	unsigned req = p->withdraw_roles;
	if(!strcmp(p->withdraw_by, store_actor(st)))
		return pl_failc(err, PL_ECONFLICT, "dna.withdrawal_other", "by", p->withdraw_by, "case", tag,
		                "other", pr->other, NULL);
	if(!(((req & DNA_AS_ADMIN) && (roles & DNA_AS_IDENTIFICATION)) ||
	     ((req & DNA_AS_IDENTIFICATION) && (roles & DNA_AS_ADMIN))))
		return pl_failc(err, PL_ECONFLICT, "dna.withdrawal_approver", "by", p->withdraw_by, "as",
		                roles_code(req), "approver", req == DNA_AS_ADMIN ? "dna.approver_identification"
		                : req == DNA_AS_IDENTIFICATION ? "dna.approver_admin" : "dna.approver_any", NULL);
	return PL_OK;
}

/* The request's columns: set (reason, who, when, roles) or cleared. */
static pl_rc request_row(store *st, const dna_proposal *p, const char *reason, unsigned roles,
                            pl_err *err)
{
	sqlite3_stmt *s;
	pl_rc rc = store_stmt(st, "UPDATE dna_proposal SET withdraw_reason = ?2, withdraw_by = ?3,"
	                          " withdraw_at = ?4, withdraw_roles = ?5 WHERE id = ?1", &s, err);
	if(rc)
		return rc;
	char now[TIMESTAMP_STR_MAX];
	date_now_iso(now);
	sqlite3_bind_int64(s, 1, p->id);
	if(reason) {
		sqlite3_bind_text(s, 2, reason, -1, SQLITE_STATIC);
		sqlite3_bind_text(s, 3, store_actor(st), -1, SQLITE_STATIC);
		sqlite3_bind_text(s, 4, now, -1, SQLITE_STATIC);
		sqlite3_bind_int(s, 5, (int)roles);
	}
	return dna_step_done(st, s, "recording a withdrawal", err);
}

/* What the confirmation did, as it kept it; for one made before it kept
 * that, what it would have done: the case identified, or the fragments of
 * a join (a case it confirmed through the join then stays so). */
static pl_rc effect_of(store *st, const dna_pair_ref *pr, const dna_proposal *p, json_t **out,
                          pl_err *err)
{
	sqlite3_stmt *s;
	pl_rc rc = store_stmt(st, "SELECT effect FROM dna_proposal WHERE id = ?", &s, err);
	if(rc)
		return rc;
	sqlite3_bind_int64(s, 1, p->id);
	int x = sqlite3_step(s);
	const char *text = x == SQLITE_ROW ? store_column_text(s, 0) : NULL;
	*out = text ? json_loads(text, 0, NULL) : NULL;
	sqlite3_reset(s);
	if(x != SQLITE_ROW)
		return store_fail(st, err, x, "reading a proposal");
	if(*out)
		return PL_OK;
	char a[80], b[80];
	snprintf(a, sizeof(a), "DNA %.60s", pr->other);
	snprintf(b, sizeof(b), "DNA %.60s", p->case_tag);
	*out = pr->identity ? json_pack("{s:[], s:[], s:[[s,s],[s,s]], s:b}", "confirmed", "preliminary",
	                                "fragments", p->case_tag, a, pr->other, b, "inferred", 1)
	       : json_pack("{s:[s], s:[], s:[], s:b}", strcmp(p->action, "return") ? "confirmed" : "preliminary",
	                   p->case_tag, "fragments", strcmp(p->action, "return") ? "preliminary" : "confirmed",
	                   "inferred", 1);
	return *out ? PL_OK : pl_nomem(err);
}

/* Undo it: the cases back to unidentified (with the person's events),
 * then the fragments it recorded. */
static pl_rc undo(store *st, const dna_pair_ref *pr, const dna_proposal *p, json_t *fx,
                     dna_decision *out, pl_err *err)
{
	static const char *const lists[] = {"confirmed", "preliminary"};
	const char *reason = p->withdraw_reason;
	pl_rc rc = PL_OK;
	size_t i;
	json_t *v;
	int voided = 0;
	for(int l = 0; l < 2 && !rc; l++)
		json_array_foreach(json_object_get(fx, lists[l]), i, v) {
			remains_result res;
			rc = remains_unidentify(st, json_string_value(v), pr->identity ? NULL : pr->other,
			                        p->decided_at, reason, &res, err);
			if(rc)
				break;
			voided += res.events_voided;
			if(!out->remains.note[0])
				out->remains = res;
		}
	bool inferred = json_is_true(json_object_get(fx, "inferred"));
	json_array_foreach(json_object_get(fx, "fragments"), i, v) {
		if(rc)
			break;
		remains_result res;
		rc = remains_fragment_remove(st, json_string_value(json_array_get(v, 0)),
		                             json_string_value(json_array_get(v, 1)), reason, &res, err);
		if(rc == PL_ENOTFOUND && inferred) /* it never had that fragment */
			rc = PL_OK;
	}
	out->remains.events_voided = voided;
	return rc;
}

/* The approval: undo, then the proposal withdrawn, in the caller's transaction. */
static pl_rc withdrawn(store *st, const dna_pair_ref *pr, const dna_proposal *p, dna_decision *out,
                          pl_err *err)
{
	json_t *fx = NULL;
	pl_rc rc = effect_of(st, pr, p, &fx, err);
	if(!rc)
		rc = undo(st, pr, p, fx, out, err);
	sqlite3_stmt *s;
	if(!rc && !(rc = store_stmt(st, "UPDATE dna_proposal SET status = 'withdrawn', withdrawn_by = ?2,"
	                                " withdrawn_at = ?3 WHERE id = ?1", &s, err))) {
		char now[TIMESTAMP_STR_MAX];
		date_now_iso(now);
		sqlite3_bind_int64(s, 1, p->id);
		sqlite3_bind_text(s, 2, store_actor(st), -1, SQLITE_STATIC);
		sqlite3_bind_text(s, 3, now, -1, SQLITE_STATIC);
		rc = dna_step_done(st, s, "withdrawing an identification", err);
	}
	if(!rc)
		rc = dna_proposal_audit(st, pr, p, "withdraw",
		                        json_pack("{s:s, s:s, s:s, s:s, s:O}", "status", "withdrawn", "reason",
		                                  p->withdraw_reason, "requested_by", p->withdraw_by, "confirmed_by",
		                                  p->decided_by ? p->decided_by : "?", "undone", fx), err);
	json_decref(fx);
	return rc;
}

typedef enum withdraw_step { W_REQUEST, W_APPROVE, W_CANCEL } withdraw_step;

static pl_rc withdraw(store *st, const char *tag, const char *other, const char *reason, unsigned roles,
                         withdraw_step step, dna_decision *out, pl_err *err)
{
	memset(out, 0, sizeof(*out));
	out->remains.field = -1;
	if(!(roles & (DNA_AS_ADMIN | DNA_AS_IDENTIFICATION)))
		return pl_failc(err, PL_ECONFLICT, "dna.withdrawal_roles", "user", store_actor(st), NULL);
	if(step == W_REQUEST && (!reason || !*reason))
		return pl_failc(err, PL_EINPUT, "dna.reason_required", NULL);
	arena a;
	arena_init(&a, 0);
	dna_pair_ref pr;
	dna_proposal p;
	pl_rc rc = store_begin(st, err);
	if(rc) {
		arena_free(&a);
		return rc;
	}
	rc = confirmed_proposal(st, tag, other, step != W_REQUEST, &a, &pr, &p, err);
	if(!rc && step == W_CANCEL && strcmp(p.withdraw_by, store_actor(st)))
		rc = second_person(st, tag, &pr, &p, roles, err);
	else if(!rc && step == W_APPROVE)
		rc = second_person(st, tag, &pr, &p, roles, err);
	if(!rc && step == W_APPROVE) {
		rc = withdrawn(st, &pr, &p, out, err);
	} else if(!rc) {
		rc = request_row(st, &p, step == W_REQUEST ? reason : NULL, roles, err);
		if(!rc)
			rc = dna_proposal_audit(st, &pr, &p, step == W_REQUEST ? "withdraw_request" : "withdraw_cancel",
			                        json_pack("{s:s, s:s?, s:s}", "status", p.status, "reason",
			                                  step == W_REQUEST ? reason : p.withdraw_reason, "roles",
			                                  roles_text(roles)), err);
	}
	out->status = step == W_APPROVE ? "withdrawn" : "confirmed";
	/* static words: p lives in the arena, gone on return */
	out->action = rc || !p.action ? NULL : pr.identity ? "join" : !strcmp(p.action, "return") ? "return"
	                                                                                     : "identify";
	if(!rc && !pr.identity)
		snprintf(out->person, sizeof(out->person), "%s", pr.other);
	rc = store_end(st, rc, err);
	arena_free(&a);
	return rc;
}

pl_rc dna_withdraw_request(store *st, const char *tag, const char *other, const char *reason,
                              unsigned roles, dna_decision *out, pl_err *err)
{
	return withdraw(st, tag, other, reason, roles, W_REQUEST, out, err);
}

pl_rc dna_withdraw_approve(store *st, const char *tag, const char *other, unsigned roles,
                              dna_decision *out, pl_err *err)
{
	return withdraw(st, tag, other, NULL, roles, W_APPROVE, out, err);
}

pl_rc dna_withdraw_cancel(store *st, const char *tag, const char *other, unsigned roles,
                             dna_decision *out, pl_err *err)
{
	return withdraw(st, tag, other, NULL, roles, W_CANCEL, out, err);
}
