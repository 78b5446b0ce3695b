/* Decisions on proposals, by two people: a review with a note, then the
 * confirmation by someone else (identify, flag for return, or join two
 * cases of one person), or a rejection; each audited (dna.h). */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dna/internal.h"
#include "dna/proposal.h"

void dna_lr_words(double log10_lr, char *out, size_t size)
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
		rc = pl_fail(err, PL_ENOTFOUND, /* not for users: the row id was just read */
		             "reading a case's batch: no case with row id %lld",
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

/* What a confirmation did, for its withdrawal: the cases it identified
 * ("confirmed" or, flagged for return, "preliminary") and the fragments
 * it recorded ([tag, label]). */
static json_t *effect_new(void)
{
	return json_pack("{s:[], s:[], s:[]}", "confirmed", "preliminary", "fragments");
}

static void effect_case(json_t *fx, const remains_result *res, const char *tag)
{
	if(res->before != res->after)
		json_array_append_new(json_object_get(fx, res->after == RS_CONFIRMED ? "confirmed" : "preliminary"),
		                      json_string(tag));
}

static void effect_fragment(json_t *fx, const remains_result *res, const char *tag, const char *label)
{
	if(res->saved == REMAINS_CREATED)
		json_array_append_new(json_object_get(fx, "fragments"), json_pack("[s, s]", tag, label));
}

static pl_rc identify(store *st, const char *tag, const dna_pair_ref *pr, const dna_proposal *p,
                         arena *a, json_t *fx, dna_decision *out, pl_err *err)
{
	const char *party, *uid = pr->person.uid;
	pl_rc rc = dna_confirm_action(st, pr, a, &out->action, &party, err);
	if(rc)
		return rc;
	snprintf(out->person, sizeof(out->person), "%s", uid);
	if(party) { /* their own side's: known now, to be sent back */
		rc = remains_identify(st, tag, uid, false, &out->remains, err);
		effect_case(fx, &out->remains, tag);
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
		dna_lr_words(p->log10_lr, lr, sizeof(lr));
		snprintf(why, sizeof(why), "DNA: part of %s (kinship, %s)", uid, lr);
		if((rc = remains_fragment_set(st, tag, "DNA", uid, why, &out->remains, err)))
			return rc;
		effect_fragment(fx, &out->remains, tag, "DNA");
	}
	rc = remains_identify(st, tag, uid, true, &out->remains, err);
	effect_case(fx, &out->remains, tag);
	return rc;
}

/* The person a case is identified as (preliminary or confirmed), or NULL. */
static pl_rc identified_as(store *st, int64_t case_id, arena *a, const char **uid, bool *confirmed,
                              pl_err *err)
{
	remains_case c;
	pl_rc rc = remains_cases_by_id(st, &case_id, 1, a, &c, err);
	if(!rc && !c.id)
		rc = pl_fail(err, PL_ENOTFOUND, /* not for users: the row id was just read */
		             "reading a case: no case with row id %lld", (long long)case_id);
	*uid = rc ? NULL : c.person;
	*confirmed = !rc && c.status == RS_CONFIRMED;
	return rc;
}

/* Two cases of one person: a fragment in each naming the other, linked to
 * the person either is identified as; one not identified takes the other's
 * confirmed identification. */
static pl_rc join(store *st, const char *tag, const dna_pair_ref *pr, const dna_proposal *p,
                     arena *a, json_t *fx, dna_decision *out, pl_err *err)
{
	const char *pa, *pb;
	bool ca, cb;
	pl_rc rc = identified_as(st, pr->case_id, a, &pa, &ca, err);
	if(!rc)
		rc = identified_as(st, pr->other_id, a, &pb, &cb, err);
	if(rc)
		return rc;
	if(pa && pb && strcmp(pa, pb))
		return pl_failc(err, PL_ECONFLICT, "dna.both_identified", "case", tag, "person", pa, "other",
		                pr->other, "other_person", pb, NULL);
	const char *who = pa ? pa : pb, *tags[2] = {tag, pr->other};
	char lr[48];
	dna_lr_words(p->log10_lr, lr, sizeof(lr));
	out->action = "join";
	snprintf(out->person, sizeof(out->person), "%s", who ? who : "");
	for(int i = 0; i < 2 && !rc; i++) {
		char label[80], why[600];
		snprintf(label, sizeof(label), "DNA %.60s", tags[1 - i]);
		snprintf(why, sizeof(why), "DNA: the same person as case %s (%s)", tags[1 - i], lr);
		if(!(rc = remains_fragment_set(st, tags[i], label, who, why, &out->remains, err)))
			effect_fragment(fx, &out->remains, tags[i], label);
	}
	bool confirmed = (ca && !pb) || (cb && !pa);
	if(!rc && confirmed && who) {
		const char *rest = ca ? pr->other : tag;
		rc = remains_identify(st, rest, who, true, &out->remains, err);
		effect_case(fx, &out->remains, rest);
		snprintf(out->note, sizeof(out->note), "cases %s and %s are one person; %s is confirmed as %s too",
		         tag, pr->other, rest, who);
	} else if(!rc) {
		snprintf(out->note, sizeof(out->note), "cases %s and %s are one person%s%s", tag, pr->other,
		         who ? ", " : "", who ? who : "");
	}
	return rc;
}

pl_rc dna_proposal_audit(store *st, const dna_pair_ref *pr, const dna_proposal *p, const char *action,
                            json_t *after, pl_err *err)
{
	json_t *pair = json_pack("{s:s, s:s, s:f, s:f, s:i, s:i}", "case", p->case_tag,
	                         pr->identity ? "other_case" : "person", pr->other, "log10_lr", p->log10_lr,
	                         "posterior", p->posterior, "loci", p->loci, "inconsistent", p->inconsistent);
	if(pair && !isnan(p->log10_glr))
		json_object_set_new(pair, "log10_glr", json_real(p->log10_glr));
	if(pair && !isnan(p->pairing))
		json_object_set_new(pair, "pairing", json_real(p->pairing));
	else if(pair && !isnan(p->pairing_lo))
		json_object_update_new(pair, json_pack("{s:f, s:f}", "pairing_lo", p->pairing_lo, "pairing_hi",
		                                       p->pairing_hi));
	if(pair && after)
		json_object_update(pair, after);
	json_decref(after);
	return remains_audit(st, action, "dna_proposal", pr->case_uid, json_pack("{s:s}", "status", p->status),
	                     pair, err);
}

/* The decision of the second person (or a rejection): the row and its audit. */
static pl_rc decided(store *st, const dna_pair_ref *pr, const dna_proposal *p, const char *status,
                        const dna_decision *out, const char *note, json_t *fx, pl_err *err)
{
	sqlite3_stmt *s;
	pl_rc rc = store_stmt(st, "UPDATE dna_proposal SET status = ?2, action = ?3, decided_by = ?4,"
	                          " decided_at = ?5, note = ?6, effect = ?7 WHERE id = ?1", &s, err);
	char *effect = fx ? json_dumps(fx, JSON_COMPACT) : NULL;
	if(!rc && fx && !effect)
		rc = pl_nomem(err);
	if(rc) {
		free(effect);
		return rc;
	}
	char now[TIMESTAMP_STR_MAX];
	date_now_iso(now);
	sqlite3_bind_int64(s, 1, p->id);
	sqlite3_bind_text(s, 2, status, -1, SQLITE_STATIC);
	store_bind_text(s, 3, out->action);
	sqlite3_bind_text(s, 4, store_actor(st), -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 5, now, -1, SQLITE_STATIC);
	store_bind_text(s, 6, note);
	store_bind_text(s, 7, effect);
	rc = dna_step_done(st, s, "deciding a proposal", err);
	free(effect);
	if(rc)
		return rc;
	return dna_proposal_audit(st, pr, p, status[0] == 'c' ? "confirm" : "reject",
	                          json_pack("{s:s, s:s?, s:s?, s:s?, s:o?}", "status", status, "action",
	                                    out->action, "note", note, "reviewed_by", p->reviewed_by, "effect",
	                                    fx ? json_incref(fx) : NULL), err);
}

static bool is(const char *status, const char *a, const char *b)
{
	return !strcmp(status, a) || (b && !strcmp(status, b));
}

/* The pair's open proposal (candidate, proposed or reviewed), or a refusal. */
static pl_rc open_proposal(store *st, const char *tag, const char *other, arena *a,
                              dna_pair_ref *pr, dna_proposal *p, pl_err *err)
{
	pl_rc rc = dna_pair_load(st, tag, other, a, pr, p, err);
	if(!rc && is(p->status, "withdrawn", NULL))
		rc = pl_failc(err, PL_ECONFLICT, "dna.withdrawn_not_again", "case", tag, "other", pr->other,
		              "by", p->withdrawn_by, "at", p->withdrawn_at, "reason", p->withdraw_reason, NULL);
	else if(!rc && is(p->status, "fallen", NULL))
		rc = pl_failc(err, PL_ECONFLICT, "dna.fallen", "case", tag, "other", pr->other, "at", p->fallen_at,
		              "reason", p->fallen_reason, NULL);
	else if(!rc && is(p->status, "confirmed", "rejected"))
		rc = pl_failc(err, PL_ECONFLICT, "dna.already_decided", "case", tag, "other", pr->other,
		              "status", p->status, "by", p->decided_by ? p->decided_by : "?", "at",
		              p->decided_at ? p->decided_at : "?", NULL);
	return rc;
}

/* The second person's checks: reviewed, by someone else, forced below the
 * threshold. */
static pl_rc may_confirm(store *st, const char *tag, const dna_pair_ref *pr, const dna_proposal *p,
                            bool force, pl_err *err)
{
	if(!is(p->status, "reviewed", NULL))
		return pl_failc(err, PL_ECONFLICT, "dna.not_reviewed", "case", tag, "other", pr->other,
		                "status", p->status, NULL);
	if(!strcmp(p->reviewed_by, store_actor(st)))
		return pl_failc(err, PL_ECONFLICT, "dna.same_reviewer", "by", p->reviewed_by, "case", tag,
		                "other", pr->other, NULL);
	if(!strcmp(p->reviewed_from, "candidate") && !force)
		return pl_failc(err, PL_ECONFLICT, "dna.candidate_force", "case", tag, "other", pr->other,
		                "posterior", dna_num((char[32]){0}, "%.4g", p->posterior), NULL);
	return PL_OK;
}

typedef enum decide_kind { DECIDE_REVIEW, DECIDE_CONFIRM, DECIDE_REJECT } decide_kind;

static pl_rc reviewed(store *st, const dna_pair_ref *pr, const dna_proposal *p, const char *note,
                         pl_err *err)
{
	sqlite3_stmt *s;
	pl_rc rc = store_stmt(st, "UPDATE dna_proposal SET status = 'reviewed', reviewed_by = ?2,"
	                          " reviewed_at = ?3, review_note = ?4, reviewed_from = status WHERE id = ?1",
	                      &s, err);
	if(rc)
		return rc;
	char now[TIMESTAMP_STR_MAX];
	date_now_iso(now);
	sqlite3_bind_int64(s, 1, p->id);
	sqlite3_bind_text(s, 2, store_actor(st), -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 3, now, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 4, note, -1, SQLITE_STATIC);
	if((rc = dna_step_done(st, s, "reviewing a proposal", err)))
		return rc;
	return dna_proposal_audit(st, pr, p, "review",
	                          json_pack("{s:s, s:s, s:s}", "status", "reviewed", "reviewed_from", p->status,
	                                    "note", note), err);
}

/* Find the pair's open proposal and decide it, in one transaction. */
static pl_rc decide(store *st, const char *tag, const char *other, const char *note, bool force,
                       decide_kind kind, dna_decision *out, pl_err *err)
{
	result_init(out);
	if(kind == DECIDE_REVIEW && (!note || !*note))
		return pl_failc(err, PL_EINPUT, "dna.note_required", NULL);
	arena a;
	arena_init(&a, 0);
	dna_pair_ref pr;
	dna_proposal p;
	json_t *fx = kind == DECIDE_CONFIRM ? effect_new() : NULL;
	pl_rc rc = store_begin(st, err);
	if(rc) {
		arena_free(&a);
		json_decref(fx);
		return rc;
	}
	rc = open_proposal(st, tag, other, &a, &pr, &p, err);
	/* A pair of different sexes is neither reviewed nor confirmed: it may
	 * have been stored before the sexes were known. */
	dna_pair_sexes sx;
	if(!rc && kind != DECIDE_REJECT && !(rc = dna_pair_sexes_get(st, &pr, &a, &sx, err)) &&
	   sx.conflict)
		rc = pl_failc(err, PL_ECONFLICT, pr.identity ? "dna.sex_differs_case" : "dna.sex_differs_person",
		              "case", tag, "sex", dna_sex_name(sx.remains), "other", pr.other, "other_sex",
		              dna_sex_name(sx.other), NULL);
	if(!rc && kind == DECIDE_REVIEW && is(p.status, "reviewed", NULL))
		rc = pl_failc(err, PL_ECONFLICT, "dna.awaits_confirmation", "case", tag, "other", pr.other, "by",
		              p.reviewed_by, "at", p.reviewed_at, NULL);
	if(!rc && kind == DECIDE_CONFIRM)
		rc = may_confirm(st, tag, &pr, &p, force, err);
	if(!rc && kind == DECIDE_CONFIRM)
		rc = pr.identity ? join(st, tag, &pr, &p, &a, fx, out, err)
		                 : identify(st, tag, &pr, &p, &a, fx, out, err);
	if(!rc)
		rc = kind == DECIDE_REVIEW ? reviewed(st, &pr, &p, note, err)
		     : decided(st, &pr, &p, kind == DECIDE_CONFIRM ? "confirmed" : "rejected", out, note, fx, err);
	out->status = kind == DECIDE_REVIEW ? "reviewed" : kind == DECIDE_CONFIRM ? "confirmed" : "rejected";
	if(!rc && kind == DECIDE_REVIEW && !pr.identity)
		snprintf(out->person, sizeof(out->person), "%s", pr.other);
	rc = store_end(st, rc, err);
	json_decref(fx);
	arena_free(&a);
	return rc;
}

pl_rc dna_review(store *st, const char *tag, const char *other, const char *note, dna_decision *out,
                    pl_err *err)
{
	return decide(st, tag, other, note, false, DECIDE_REVIEW, out, err);
}

/* How many other missing persons, not identified, share a pedigree family
 * with person pid. */
static pl_rc family_left(store *st, int64_t pid, long *n, pl_err *err)
{
	sqlite3_stmt *s;
	pl_rc rc = store_stmt(st, "SELECT count(*) FROM dna_ped_member m WHERE m.pedigree_id = (SELECT"
	                      " pedigree_id FROM dna_ped_member WHERE person_id = ?1) AND m.person_id IS NOT"
	                      " NULL AND m.person_id != ?1 AND m.person_id NOT IN (SELECT person_id FROM"
	                      " dna_proposal WHERE kind = 'kinship' AND status = 'confirmed')", &s, err);
	if(rc)
		return rc;
	sqlite3_bind_int64(s, 1, pid);
	int x = sqlite3_step(s);
	*n = x == SQLITE_ROW ? sqlite3_column_int64(s, 0) : 0;
	sqlite3_reset(s);
	return x == SQLITE_ROW ? PL_OK : store_fail(st, err, x, "reading the family");
}

/* A confirmation in a family entered as a pedigree with other missing
 * persons makes the identified remains a reference for them (db.c), so
 * their proposals are recomputed at once: a screening with the last run's
 * settings. The confirmation stands whatever the screening does; the
 * decision's note says what it did. */
static void family_rescreen(store *st, dna_decision *out)
{
	int64_t pid = 0;
	long left = 0;
	pl_err e = {0};
	size_t at = strlen(out->note);
	if(!*out->person || registry_person_id(st, out->person, &pid, &e) || !pid ||
	   family_left(st, pid, &left, &e) || !left) {
		if(e.msg[0])
			snprintf(out->note + at, sizeof(out->note) - at, "%sthe family's proposals were not "
			         "recomputed: %s", at ? "; " : "", e.msg);
		return;
	}
	dna_params p;
	dna_screen_summary sum;
	pl_rc rc = dna_params_last(st, &p, &e);
	if(!rc)
		rc = dna_screen_run(st, NULL, &p, NULL, &sum, &e);
	if(rc)
		snprintf(out->note + at, sizeof(out->note) - at, "%s%ld other missing person%s of the family: "
		         "their proposals were not recomputed (%s); screen again", at ? "; " : "", left,
		         left == 1 ? "" : "s", e.msg);
	else
		snprintf(out->note + at, sizeof(out->note) - at, "%sthe identified remains are a reference for "
		         "%ld other missing person%s of the family: screened again at once (%ld proposals, %ld "
		         "candidates)", at ? "; " : "", left, left == 1 ? "" : "s", sum.proposals, sum.candidates);
	if(!rc)
		dna_screen_summary_free(&sum);
}

pl_rc dna_confirm(store *st, const char *tag, const char *other, const char *note, bool force,
                     dna_decision *out, pl_err *err)
{
	pl_rc rc = decide(st, tag, other, note, force, DECIDE_CONFIRM, out, err);
	if(!rc && !strcmp(out->action ? out->action : "", "identify"))
		family_rescreen(st, out);
	return rc;
}

pl_rc dna_reject(store *st, const char *tag, const char *other, const char *note,
                    dna_decision *out, pl_err *err)
{
	return decide(st, tag, other, note, false, DECIDE_REJECT, out, err);
}
