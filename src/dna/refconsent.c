/* A relative's consent to the use of their reference sample (dna.h,
 * docs/dna.md "Consent to a reference"). The state is kept by sample id, so
 * that a sample withdrawn before its profile came is imported withheld; the
 * computations leave a withheld sample's profile out (db.c), and withholding
 * it makes the unconfirmed proposals that rested on it fall. */
#include <string.h>

#include "dna/internal.h"
#include "dna/proposal.h"

void dna_consent_change_init(dna_consent_change *c)
{
	memset(c, 0, sizeof(*c));
	arena_init(&c->a, 0);
}

void dna_consent_change_free(dna_consent_change *c)
{
	arena_free(&c->a);
	memset(c, 0, sizeof(*c));
}

static pl_rc consent_audit(store *st, const char *action, const char *sample, const char *holder,
                           const char *state, const char *at, const char *reason, pl_err *err)
{
	return remains_audit(st, action, "dna_reference", NULL, NULL,
	                     json_pack("{s:s, s:s, s:s, s:s, s:s?}", "sample", sample, "holder", holder, "state",
	                               state, "at", at, "reason", reason),
	                     err);
}

pl_rc dna_reference_hold(store *st, const char *sample, const char *holder, const char *day,
                         pl_err *err)
{
	size_t len = sample ? strlen(sample) : 0;
	if(!len || len > DNA_SAMPLE_MAX || sample[strspn(sample, " ")] == '\0')
		return pl_failc(err, PL_EINPUT, "dna.sample_id", "sample", sample ? sample : "", NULL);
	sqlite3_stmt *s;
	pl_rc rc = store_stmt(st, "SELECT holder, state FROM dna_reference_consent WHERE sample = ?", &s, err);
	if(rc)
		return rc;
	sqlite3_bind_text(s, 1, sample, -1, SQLITE_STATIC);
	int x = sqlite3_step(s);
	char was[128] = "", state[16] = "";
	if(x == SQLITE_ROW) {
		snprintf(was, sizeof(was), "%s", store_column_text(s, 0));
		snprintf(state, sizeof(state), "%s", store_column_text(s, 1));
	}
	sqlite3_reset(s);
	if(x != SQLITE_ROW && x != SQLITE_DONE)
		return store_fail(st, err, x, "reading a reference's consent");
	if(*was && strcmp(was, holder))
		return pl_failc(err, PL_ECONFLICT, "dna.sample_held", "sample", sample, "holder", was, NULL);
	if(*was && !strcmp(state, "given"))
		return PL_OK; /* named again under the same consent: nothing changes */
	char now[TIMESTAMP_STR_MAX];
	date_now_iso(now);
	if((rc = store_stmt(st, "INSERT INTO dna_reference_consent(sample, holder, state, at, actor, updated_at)"
	                        " VALUES (?1, ?2, 'given', ?3, ?4, ?5) ON CONFLICT (sample) DO UPDATE SET"
	                        " state = 'given', at = ?3, reason = NULL, actor = ?4, updated_at = ?5",
	                    &s, err)))
		return rc;
	sqlite3_bind_text(s, 1, sample, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 2, holder, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 3, day, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 4, store_actor(st), -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 5, now, -1, SQLITE_STATIC);
	if((rc = dna_step_done(st, s, "recording a reference's consent", err)))
		return rc;
	return consent_audit(st, "hold", sample, holder, "given", day, NULL, err);
}

/* The holder's samples in state `from`, moved to `to`; each kept in out. */
static pl_rc move_samples(store *st, const char *holder, const char *from, const char *to, const char *day,
                          const char *reason, dna_consent_change *out, pl_err *err)
{
	sqlite3_stmt *s;
	pl_rc rc = store_stmt(st, "SELECT c.sample, EXISTS (SELECT 1 FROM dna_profile p WHERE p.kind = 'reference'"
	                          " AND p.sample = c.sample) FROM dna_reference_consent c WHERE c.holder = ?"
	                          " AND c.state = ? ORDER BY c.sample", &s, err);
	if(rc)
		return rc;
	sqlite3_bind_text(s, 1, holder, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 2, from, -1, SQLITE_STATIC);
	size_t cap = 0;
	int x;
	while((x = sqlite3_step(s)) == SQLITE_ROW) {
		const char **v = arena_push(&out->a, (void **)&out->samples, &out->nsamples, &cap, sizeof(char *));
		if(!v)
			break;
		*v = arena_strdup(&out->a, store_column_text(s, 0));
		out->profiles += sqlite3_column_int(s, 1) != 0;
	}
	sqlite3_reset(s);
	if(arena_oom(&out->a))
		return pl_nomem(err);
	if(x != SQLITE_DONE)
		return store_fail(st, err, x, "reading the references' consent");
	char now[TIMESTAMP_STR_MAX];
	date_now_iso(now);
	for(size_t i = 0; !rc && i < out->nsamples; i++) {
		if((rc = store_stmt(st, "UPDATE dna_reference_consent SET state = ?2, at = ?3, reason = ?4, actor = ?5,"
		                        " updated_at = ?6 WHERE sample = ?1", &s, err)))
			break;
		sqlite3_bind_text(s, 1, out->samples[i], -1, SQLITE_STATIC);
		sqlite3_bind_text(s, 2, to, -1, SQLITE_STATIC);
		sqlite3_bind_text(s, 3, day, -1, SQLITE_STATIC);
		store_bind_text(s, 4, reason);
		sqlite3_bind_text(s, 5, store_actor(st), -1, SQLITE_STATIC);
		sqlite3_bind_text(s, 6, now, -1, SQLITE_STATIC);
		rc = dna_step_done(st, s, "changing a reference's consent", err);
		if(!rc)
			rc = consent_audit(st, to[0] == 'w' ? "withhold" : "release", out->samples[i], holder, to, day,
			                   reason, err);
	}
	return rc;
}

/* The kinship proposals that rest on sample: of each missing person it is
 * a reference of (a references file's family, or a pedigree it is typed
 * in), open ones into fall[], confirmed ones into rest[]. */
static pl_rc resting_on(store *st, const char *sample, arena *a, int64_t **fall, size_t *nfall,
                        size_t *cfall, int64_t **rest, size_t *nrest, size_t *crest, pl_err *err)
{
	sqlite3_stmt *s;
	pl_rc rc = store_stmt(st, "SELECT pr.id, pr.status = 'confirmed' FROM dna_proposal pr WHERE pr.kind ="
	                          " 'kinship' AND (pr.status = 'candidate' OR pr.status = 'proposed' OR pr.status ="
	                          " 'reviewed' OR pr.status = 'confirmed') AND pr.person_id IN (SELECT r.person_id"
	                          " FROM dna_relative r JOIN dna_profile p ON p.id = r.profile_id WHERE p.kind ="
	                          " 'reference' AND p.sample = ?1 UNION SELECT m2.person_id FROM dna_ped_member m"
	                          " JOIN dna_profile p ON p.id = m.profile_id JOIN dna_ped_member m2 ON"
	                          " m2.pedigree_id = m.pedigree_id WHERE p.kind = 'reference' AND p.sample = ?1"
	                          " AND m2.person_id IS NOT NULL) ORDER BY pr.id", &s, err);
	if(rc)
		return rc;
	sqlite3_bind_text(s, 1, sample, -1, SQLITE_STATIC);
	int x;
	while((x = sqlite3_step(s)) == SQLITE_ROW) {
		bool confirmed = sqlite3_column_int(s, 1) != 0;
		int64_t *v = confirmed ? arena_push(a, (void **)rest, nrest, crest, sizeof(int64_t))
		                       : arena_push(a, (void **)fall, nfall, cfall, sizeof(int64_t));
		if(!v)
			break;
		*v = sqlite3_column_int64(s, 0);
	}
	sqlite3_reset(s);
	if(arena_oom(a))
		return pl_nomem(err);
	return x == SQLITE_DONE ? PL_OK : store_fail(st, err, x, "reading the proposals of a reference");
}

/* Proposal p (read before) falls: its row, and its audit entry, which the
 * families' watch reads as news of the person. */
static pl_rc fall(store *st, const dna_proposal *p, const char *day, const char *reason, const char *sample,
                  pl_err *err)
{
	sqlite3_stmt *s;
	pl_rc rc = store_stmt(st, "UPDATE dna_proposal SET fallen_from = status, status = 'fallen', fallen_at = ?2,"
	                          " fallen_reason = ?3, fallen_sample = ?4 WHERE id = ?1", &s, err);
	if(rc)
		return rc;
	sqlite3_bind_int64(s, 1, p->id);
	sqlite3_bind_text(s, 2, day, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 3, reason, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 4, sample, -1, SQLITE_STATIC);
	if((rc = dna_step_done(st, s, "a proposal falling", err)))
		return rc;
	dna_pair_ref pr = {.other = p->person};
	snprintf(pr.case_uid, sizeof(pr.case_uid), "%s", p->case_uid ? p->case_uid : "");
	return dna_proposal_audit(st, &pr, p, "fall",
	                          json_pack("{s:s, s:s, s:s, s:s}", "status", "fallen", "reason", reason, "sample",
	                                    sample, "fallen_at", day),
	                          err);
}

pl_rc dna_reference_withhold(store *st, const char *holder, const char *day, const char *reason,
                             dna_consent_change *out, pl_err *err)
{
	pl_rc rc = move_samples(st, holder, "given", "withdrawn", day, reason, out, err);
	int64_t *fid = NULL, *rid = NULL;
	size_t nf = 0, cf = 0, nr = 0, cr = 0;
	const char **why = NULL; /* the sample each falls for: the first that holds it */
	size_t nwhy = 0, cwhy = 0;
	for(size_t i = 0; !rc && i < out->nsamples; i++) {
		size_t before = nf;
		rc = resting_on(st, out->samples[i], &out->a, &fid, &nf, &cf, &rid, &nr, &cr, err);
		for(size_t k = before; !rc && k < nf; k++) {
			const char **w = arena_push(&out->a, (void **)&why, &nwhy, &cwhy, sizeof(char *));
			if(!w)
				return pl_nomem(err);
			*w = out->samples[i];
		}
	}
	/* a proposal resting on two of the samples falls once, a confirmed one is listed once */
	size_t m = 0;
	for(size_t k = 0; k < nf; k++) {
		size_t j = 0;
		while(j < m && fid[j] != fid[k])
			j++;
		if(j == m) {
			fid[m] = fid[k];
			why[m++] = why[k];
		}
	}
	nf = m;
	m = 0;
	for(size_t k = 0; k < nr; k++) {
		size_t j = 0;
		while(j < m && rid[j] != rid[k])
			j++;
		if(j == m)
			rid[m++] = rid[k];
	}
	nr = m;
	if(!rc && nf)
		rc = dna_proposals_by_id(st, fid, nf, &out->a, &out->fallen, err);
	if(!rc)
		out->nfallen = nf;
	for(size_t k = 0; !rc && k < nf; k++)
		rc = fall(st, &out->fallen[k], day, reason, why[k], err);
	if(!rc && nf) /* as they are now: fallen */
		rc = dna_proposals_by_id(st, fid, nf, &out->a, &out->fallen, err);
	if(!rc && nr)
		rc = dna_proposals_by_id(st, rid, nr, &out->a, &out->resting, err);
	if(!rc)
		out->nresting = nr;
	return rc;
}

pl_rc dna_reference_release(store *st, const char *holder, const char *day, dna_consent_change *out,
                            pl_err *err)
{
	return move_samples(st, holder, "withdrawn", "given", day, NULL, out, err);
}

/* ---- the list -------------------------------------------------------------------- */

#define REFERENCE_FROM \
	" FROM (SELECT sample FROM dna_profile WHERE kind = 'reference' UNION SELECT sample FROM" \
	" dna_reference_consent) x LEFT JOIN dna_reference_consent c ON c.sample = x.sample" \
	" LEFT JOIN dna_profile p ON p.kind = 'reference' AND p.sample = x.sample" \
	" WHERE (?1 = 0 OR c.state = 'withdrawn') AND (?2 IS NULL OR c.holder = ?2)" \
	" AND (?5 IS NULL OR coalesce(c.state, 'laboratory') = ?5)"

pl_rc dna_references_list(store *st, const dna_reference_query *q, arena *a, dna_reference_row **rows,
                          size_t *n, size_t *total, pl_err *err)
{
	*rows = NULL;
	*n = *total = 0;
	sqlite3_stmt *s;
	pl_rc rc = store_stmt(st, "SELECT count(*)" REFERENCE_FROM, &s, err);
	if(rc)
		return rc;
	sqlite3_bind_int(s, 1, q->withheld);
	store_bind_text(s, 2, q->holder);
	store_bind_text(s, 5, q->state);
	int x = sqlite3_step(s);
	*total = x == SQLITE_ROW ? (size_t)sqlite3_column_int64(s, 0) : 0;
	sqlite3_reset(s);
	if(x != SQLITE_ROW)
		return store_fail(st, err, x, "counting references");
	size_t limit = q->limit ? q->limit : 200;
	if((rc = store_stmt(st, "SELECT x.sample, p.id, (SELECT count(*) FROM dna_allele l WHERE l.profile_id = p.id"
	                        " AND l.allele1 IS NOT NULL), coalesce(c.state, 'laboratory'), c.holder, c.at,"
	                        " c.reason" REFERENCE_FROM " ORDER BY x.sample LIMIT ?3 OFFSET ?4",
	                    &s, err)))
		return rc;
	sqlite3_bind_int(s, 1, q->withheld);
	store_bind_text(s, 2, q->holder);
	store_bind_text(s, 5, q->state);
	sqlite3_bind_int64(s, 3, (sqlite3_int64)limit);
	sqlite3_bind_int64(s, 4, (sqlite3_int64)q->offset);
	*rows = arena_calloc(a, limit, sizeof(**rows));
	int64_t *pid = arena_calloc(a, limit, sizeof(int64_t));
	while(*rows && pid && *n < limit && (x = sqlite3_step(s)) == SQLITE_ROW) {
		dna_reference_row *r = &(*rows)[*n];
		pid[*n] = sqlite3_column_int64(s, 1);
		*r = (dna_reference_row){.sample = store_column_dup(s, 0, a), .profile = pid[*n] != 0,
		                         .loci = sqlite3_column_int(s, 2), .state = store_column_dup(s, 3, a),
		                         .holder = store_column_dup(s, 4, a), .at = store_column_dup(s, 5, a),
		                         .reason = store_column_dup(s, 6, a)};
		(*n)++;
	}
	sqlite3_reset(s);
	if(!*rows || !pid || arena_oom(a))
		return pl_nomem(err);
	if(x != SQLITE_ROW && x != SQLITE_DONE)
		return store_fail(st, err, x, "reading references");
	/* the missing persons each is a reference of, with the relationship */
	for(size_t i = 0; !rc && i < *n; i++) {
		if(!pid[i])
			continue;
		if((rc = store_stmt(st, "SELECT person_id, relationship FROM dna_relative WHERE profile_id = ?1 UNION ALL"
		                        " SELECT m2.person_id, 'pedigree ' || d.family FROM dna_ped_member m JOIN"
		                        " dna_pedigree d ON d.id = m.pedigree_id JOIN dna_ped_member m2 ON"
		                        " m2.pedigree_id = m.pedigree_id WHERE m.profile_id = ?1 AND m2.person_id IS"
		                        " NOT NULL", &s, err)))
			break;
		sqlite3_bind_int64(s, 1, pid[i]);
		int64_t ids[16];
		const char *how[16];
		size_t k = 0;
		while(k < 16 && (x = sqlite3_step(s)) == SQLITE_ROW) {
			ids[k] = sqlite3_column_int64(s, 0);
			how[k++] = store_column_dup(s, 1, a);
		}
		sqlite3_reset(s);
		person_brief who[16];
		if(!(rc = registry_person_briefs(st, ids, k, a, who, err))) {
			buf b;
			buf_init(&b, 0);
			const char **uid = arena_calloc(a, k + 1, sizeof(char *));
			for(size_t j = 0; !rc && j < k; j++) {
				rc = buf_printf(&b, "%s%s (%s)", j ? ", " : "", who[j].id ? who[j].uid : "?", how[j]);
				if(uid && who[j].id)
					uid[(*rows)[i].npersons++] = arena_strdup(a, who[j].uid);
			}
			(*rows)[i].person = uid;
			(*rows)[i].persons = rc ? NULL : arena_strdup(a, buf_str(&b));
			buf_free(&b);
		}
	}
	return rc;
}

json_t *dna_reference_row_json(const dna_reference_row *r)
{
	json_t *o = json_pack("{s:s, s:b, s:i, s:s?, s:s, s:b, s:s?, s:s?, s:s?}", "sample", r->sample, "profile",
	                      r->profile, "loci", r->loci, "persons", r->persons, "state", r->state, "withheld",
	                      !strcmp(r->state, "withdrawn"), "holder", r->holder, "at", r->at, "reason", r->reason);
	return o ? o : json_object();
}

/* A proposal as a consent's answer names it: the pair and what became of
 * it, not the evidence (its reader may be the family liaison, who reads no
 * DNA proposals). */
static json_t *pair_json(const dna_proposal *p)
{
	json_t *o = json_pack("{s:s?, s:s?, s:s?, s:s?, s:s?, s:s?}", "case", p->case_tag, "case_id", p->case_uid,
	                      "person", p->person, "status", p->status, "fallen_from", p->fallen_from, "sample",
	                      p->fallen_sample);
	return o ? o : json_object();
}

json_t *dna_consent_change_json(const dna_consent_change *c)
{
	json_t *samples = json_array(), *fallen = json_array(), *resting = json_array();
	for(size_t i = 0; i < c->nsamples; i++)
		json_array_append_new(samples, json_string(c->samples[i]));
	for(size_t i = 0; i < c->nfallen; i++)
		json_array_append_new(fallen, pair_json(&c->fallen[i]));
	for(size_t i = 0; i < c->nresting; i++)
		json_array_append_new(resting, pair_json(&c->resting[i]));
	json_t *o = json_pack("{s:o, s:I, s:o, s:o}", "samples", samples, "profiles", (json_int_t)c->profiles,
	                      "fallen", fallen, "resting", resting);
	return o ? o : json_object();
}
