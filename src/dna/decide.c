/* Decisions on proposals: confirm (identify, flag for return, or join two
 * cases of one person) and reject, each audited (dna.h). */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "dna/internal.h"
#include "dna/proposal.h"

static void lr_words(double log10_lr, char *out, size_t size)
{
	snprintf(out, size, log10_lr < 6 ? "LR %.3g" : "LR 10^%.1f", log10_lr < 6 ? pow(10, log10_lr) : log10_lr);
}

static void result_init(dna_decision *out)
{
	memset(out, 0, sizeof(*out));
	out->remains.field = -1;
}

/* The parties a case's batch went between, and the person's. */
static pl_rc parties(store *st, int64_t case_id, int64_t person_id, arena *a, const char **from,
                        const char **to, const char **party, pl_err *err)
{
	*from = *to = *party = NULL;
	remains_case c;
	person_brief p;
	remains_batch b;
	pl_rc rc = remains_cases_by_id(st, &case_id, 1, a, &c, err);
	if(!rc && !c.id)
		rc = pl_fail(err, PL_ENOTFOUND, "reading a case's batch: no case with row id %lld",
		             (long long)case_id);
	if(!rc && c.batch && !(rc = remains_batch_get(st, c.batch, NULL, a, &b, err))) {
		*from = b.from_party;
		*to = b.to_party;
	}
	if(!rc && !(rc = registry_person_briefs(st, &person_id, 1, a, &p, err)))
		*party = p.party;
	return rc;
}

pl_rc dna_confirm_action(store *st, const dna_pair_ref *pr, arena *a, const char **action,
                            const char **return_to, pl_err *err)
{
	const char *from, *to, *party;
	*action = pr->identity ? "join" : "identify";
	*return_to = NULL;
	pl_rc rc = pr->identity ? PL_OK : parties(st, pr->case_id, pr->person_id, a, &from, &to, &party, err);
	if(!rc && !pr->identity && party && from && !strcmp(party, from) && (!to || strcmp(party, to))) {
		*action = "return";
		*return_to = party;
	}
	return rc;
}

static pl_rc identify(store *st, const char *tag, const dna_pair_ref *pr, const dna_proposal *p,
                         arena *a, dna_decision *out, pl_err *err)
{
	const char *party, *uid = pr->person.uid;
	pl_rc rc = dna_confirm_action(st, pr, a, &out->action, &party, err);
	if(rc)
		return rc;
	snprintf(out->person, sizeof(out->person), "%s", uid);
	if(party) { /* their own side's: known now, to be sent back */
		rc = remains_identify(st, tag, uid, false, &out->remains, err);
		snprintf(out->note, sizeof(out->note), "%s is of %s, the side that handed the remains over: "
		         "case %s is identified preliminarily and flagged for return (record the handover: "
		         "parley remains return %s --to %s --date DATE)", uid, party, tag, tag, party);
		return rc;
	}
	remains_spread sp;
	if((rc = remains_person_spread(st, pr->case_id, pr->person_id, &sp, err)))
		return rc;
	if(sp.others && !sp.fragment) { /* another part of someone identified already */
		char why[200], lr[48];
		lr_words(p->log10_lr, lr, sizeof(lr));
		snprintf(why, sizeof(why), "DNA: part of %s (kinship, %s)", uid, lr);
		if((rc = remains_fragment_set(st, tag, "DNA", uid, why, &out->remains, err)))
			return rc;
	}
	return remains_identify(st, tag, uid, true, &out->remains, err);
}

/* The person a case is identified as (preliminary or confirmed), or NULL. */
static pl_rc identified_as(store *st, int64_t case_id, arena *a, const char **uid, bool *confirmed,
                              pl_err *err)
{
	remains_case c;
	pl_rc rc = remains_cases_by_id(st, &case_id, 1, a, &c, err);
	if(!rc && !c.id)
		rc = pl_fail(err, PL_ENOTFOUND, "reading a case: no case with row id %lld", (long long)case_id);
	*uid = rc ? NULL : c.person;
	*confirmed = !rc && c.status == RS_CONFIRMED;
	return rc;
}

/* Two cases of one person: a fragment in each naming the other, linked to
 * the person either is identified as; one not identified takes the other's
 * confirmed identification. */
static pl_rc join(store *st, const char *tag, const dna_pair_ref *pr, const dna_proposal *p,
                     arena *a, dna_decision *out, pl_err *err)
{
	const char *pa, *pb;
	bool ca, cb;
	pl_rc rc = identified_as(st, pr->case_id, a, &pa, &ca, err);
	if(!rc)
		rc = identified_as(st, pr->other_id, a, &pb, &cb, err);
	if(rc)
		return rc;
	if(pa && pb && strcmp(pa, pb))
		return pl_fail(err, PL_ECONFLICT, "case %s is identified as %s and case %s as %s: one of them "
		               "must be withdrawn before they can be joined as one person", tag, pa, pr->other, pb);
	const char *who = pa ? pa : pb, *tags[2] = {tag, pr->other};
	char lr[48];
	lr_words(p->log10_lr, lr, sizeof(lr));
	out->action = "join";
	snprintf(out->person, sizeof(out->person), "%s", who ? who : "");
	for(int i = 0; i < 2 && !rc; i++) {
		char label[80], why[600];
		snprintf(label, sizeof(label), "DNA %.60s", tags[1 - i]);
		snprintf(why, sizeof(why), "DNA: the same person as case %s (%s)", tags[1 - i], lr);
		rc = remains_fragment_set(st, tags[i], label, who, why, &out->remains, err);
	}
	bool confirmed = (ca && !pb) || (cb && !pa);
	if(!rc && confirmed && who) {
		const char *rest = ca ? pr->other : tag;
		rc = remains_identify(st, rest, who, true, &out->remains, err);
		snprintf(out->note, sizeof(out->note), "cases %s and %s are one person; %s is confirmed as %s too",
		         tag, pr->other, rest, who);
	} else if(!rc) {
		snprintf(out->note, sizeof(out->note), "cases %s and %s are one person%s%s", tag, pr->other,
		         who ? ", " : "", who ? who : "");
	}
	return rc;
}

static pl_rc decided(store *st, const dna_pair_ref *pr, const dna_proposal *p, const char *status,
                        const dna_decision *out, const char *note, pl_err *err)
{
	sqlite3_stmt *s;
	pl_rc rc = store_stmt(st, "UPDATE dna_proposal SET status = ?2, action = ?3, decided_by = ?4,"
	                          " decided_at = ?5, note = ?6 WHERE id = ?1", &s, err);
	if(rc)
		return rc;
	char now[TIMESTAMP_STR_MAX];
	date_now_iso(now);
	sqlite3_bind_int64(s, 1, p->id);
	sqlite3_bind_text(s, 2, status, -1, SQLITE_STATIC);
	store_bind_text(s, 3, out->action);
	sqlite3_bind_text(s, 4, store_actor(st), -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 5, now, -1, SQLITE_STATIC);
	store_bind_text(s, 6, note);
	if((rc = dna_step_done(st, s, "deciding a proposal", err)))
		return rc;
	json_t *after = json_pack("{s:s, s:s, s:s, s:s?, s:f, s:f, s:i, s:i, s:s?}", "case", p->case_tag,
	                          pr->identity ? "other_case" : "person", pr->other, "status", status,
	                          "action", out->action, "log10_lr", p->log10_lr, "posterior", p->posterior,
	                          "loci", p->loci, "inconsistent", p->inconsistent, "note", note);
	if(!isnan(p->log10_glr))
		json_object_set_new(after, "log10_glr", json_real(p->log10_glr));
	return remains_audit(st, status[0] == 'c' ? "confirm" : "reject", "dna_proposal", pr->case_uid,
	                 json_pack("{s:s}", "status", p->status), after, err);
}

/* Find the pair's open proposal in a new transaction: *p, or a refusal. */
static pl_rc open_proposal(store *st, const char *tag, const char *other, arena *a,
                              dna_pair_ref *pr, dna_proposal *p, pl_err *err)
{
	bool found;
	pl_rc rc = dna_pair_resolve(st, tag, other, a, pr, err);
	if(!rc)
		rc = dna_proposal_find(st, pr, a, p, &found, err);
	if(!rc && !found)
		rc = pl_fail(err, PL_ENOTFOUND, "no proposal for case %s and %s: screen first (parley dna "
		             "screen), and see parley dna explain %s %s", tag, pr->other, tag, pr->other);
	if(!rc && (!strcmp(p->status, "confirmed") || !strcmp(p->status, "rejected")))
		rc = pl_fail(err, PL_ECONFLICT, "the proposal of case %s and %s was %s by %s on %s", tag,
		             pr->other, p->status, p->decided_by ? p->decided_by : "?",
		             p->decided_at ? p->decided_at : "?");
	return rc;
}

/* Find the pair's open proposal and decide it, in one transaction. */
static pl_rc decide(store *st, const char *tag, const char *other, const char *note, bool force,
                       bool confirm, dna_decision *out, pl_err *err)
{
	result_init(out);
	arena a;
	arena_init(&a, 0);
	dna_pair_ref pr;
	dna_proposal p;
	pl_rc rc = store_begin(st, err);
	if(rc) {
		arena_free(&a);
		return rc;
	}
	rc = open_proposal(st, tag, other, &a, &pr, &p, err);
	dna_pair_sexes sx;
	if(!rc && confirm && !(rc = dna_pair_sexes_get(st, &pr, &a, &sx, err)) && sx.conflict)
		rc = pl_fail(err, PL_ECONFLICT, "case %s is %s and %s %s is %s: a pair of different sexes is not "
		             "confirmed (if a sex is wrong, import the profile again with the right one, and "
		             "screen)", tag, dna_sex_name(sx.remains), pr.identity ? "case" : "missing person",
		             pr.other, dna_sex_name(sx.other));
	if(!rc && confirm && !strcmp(p.status, "candidate") && !force)
		rc = pl_fail(err, PL_ECONFLICT, "the pair of case %s and %s is a candidate below the threshold "
		             "(posterior %.4g): confirm it only on other evidence, with --force", tag, pr.other,
		             p.posterior);
	if(!rc && confirm)
		rc = pr.identity ? join(st, tag, &pr, &p, &a, out, err) : identify(st, tag, &pr, &p, &a, out, err);
	if(!rc)
		rc = decided(st, &pr, &p, confirm ? "confirmed" : "rejected", out, note, err);
	rc = store_end(st, rc, err);
	arena_free(&a);
	return rc;
}

pl_rc dna_confirm(store *st, const char *tag, const char *other, const char *note, bool force,
                     dna_decision *out, pl_err *err)
{
	return decide(st, tag, other, note, force, true, out, err);
}

pl_rc dna_reject(store *st, const char *tag, const char *other, const char *note,
                    dna_decision *out, pl_err *err)
{
	return decide(st, tag, other, note, false, false, out, err);
}
