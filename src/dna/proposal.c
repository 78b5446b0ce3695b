/* Proposals: listing them, and finding the one of a pair. */
#include <math.h>
#include <string.h>

#include "dna/internal.h"
#include "dna/proposal.h"

/* A proposal's own columns; its case, person and other case are read from
 * their owners (proposals_name). */
#define PROPOSAL_COLUMNS \
	"pr.id, pr.run_id, pr.kind, pr.case_id, pr.person_id, pr.other_case_id, coalesce((SELECT" \
	" 'pedigree ' || p.family || ' (as ' || m.individual || ')' FROM dna_ped_member m" \
	" JOIN dna_pedigree p ON p.id = m.pedigree_id WHERE m.person_id = pr.person_id), (SELECT" \
	" group_concat(relationship, ', ') FROM (SELECT relationship FROM dna_relative" \
	" WHERE person_id = pr.person_id ORDER BY relationship)))," \
	" pr.log10_lr, pr.log10_glr, pr.posterior, pr.loci, pr.inconsistent, pr.status, pr.action," \
	" pr.decided_by, pr.decided_at, pr.note, pr.created_at," \
	" CASE pr.kind WHEN 'identity' THEN run.remains ELSE json_extract(run.params, '$.missing') END," \
	" pr.reviewed_by, pr.reviewed_at, pr.review_note, pr.reviewed_from, pr.withdraw_reason," \
	" pr.withdraw_by, pr.withdraw_at, pr.withdrawn_by, pr.withdrawn_at, pr.withdraw_roles," \
	" pr.pairing, pr.pairing_none_remains, pr.pairing_none_person, pr.pairing_lo, pr.pairing_hi," \
	" pr.fallen_at, pr.fallen_from, pr.fallen_reason, pr.fallen_sample"
#define PROPOSAL_FROM " FROM dna_proposal pr JOIN dna_run run ON run.id = pr.run_id"

static double real_or_nan(sqlite3_stmt *s, int i)
{
	return sqlite3_column_type(s, i) == SQLITE_NULL ? NAN : sqlite3_column_double(s, i);
}

/* The row ids a proposal names, until their owners name them. */
typedef struct proposal_ids {
	int64_t case_id, person_id, other_id;
} proposal_ids;

static void proposal_row(sqlite3_stmt *s, arena *a, dna_proposal *p, proposal_ids *ids)
{
	*p = (dna_proposal){
		.id = sqlite3_column_int64(s, 0), .run = sqlite3_column_int64(s, 1),
		.kind = store_column_dup(s, 2, a), .relatives = store_column_dup(s, 6, a),
		.log10_lr = sqlite3_column_double(s, 7), .log10_glr = real_or_nan(s, 8),
		.posterior = sqlite3_column_double(s, 9), .loci = sqlite3_column_int(s, 10),
		.inconsistent = sqlite3_column_int(s, 11), .status = store_column_dup(s, 12, a),
		.action = store_column_dup(s, 13, a), .decided_by = store_column_dup(s, 14, a),
		.decided_at = store_column_dup(s, 15, a), .note = store_column_dup(s, 16, a),
		.created_at = store_column_dup(s, 17, a), .prior_n = sqlite3_column_double(s, 18),
		.reviewed_by = store_column_dup(s, 19, a), .reviewed_at = store_column_dup(s, 20, a),
		.review_note = store_column_dup(s, 21, a), .reviewed_from = store_column_dup(s, 22, a),
		.withdraw_reason = store_column_dup(s, 23, a), .withdraw_by = store_column_dup(s, 24, a),
		.withdraw_at = store_column_dup(s, 25, a), .withdrawn_by = store_column_dup(s, 26, a),
		.withdrawn_at = store_column_dup(s, 27, a), .withdraw_roles = (unsigned)sqlite3_column_int(s, 28),
		.pairing = real_or_nan(s, 29), .pairing_none_remains = real_or_nan(s, 30),
		.pairing_none_person = real_or_nan(s, 31), .pairing_lo = real_or_nan(s, 32),
		.pairing_hi = real_or_nan(s, 33), .fallen_at = store_column_dup(s, 34, a),
		.fallen_from = store_column_dup(s, 35, a), .fallen_reason = store_column_dup(s, 36, a),
		.fallen_sample = store_column_dup(s, 37, a),
	};
	*ids = (proposal_ids){sqlite3_column_int64(s, 3), sqlite3_column_int64(s, 4),
	                      sqlite3_column_int64(s, 5)};
}

const char *dna_person_name(const person_brief *x, arena *a)
{
	bool latin = !x->surname && !x->given_names;
	const char *part[3] = {latin ? x->surname_latin : x->surname,
	                       latin ? x->given_names_latin : x->given_names,
	                       latin ? x->patronymic_latin : x->patronymic};
	buf b;
	buf_init(&b, 0);
	pl_rc rc = PL_OK;
	for(int i = 0; i < 3 && !rc; i++)
		if(part[i])
			rc = buf_printf(&b, "%s%s", i ? " " : "", part[i]);
	const char *t = rc ? "" : buf_str(&b);
	size_t lead = strspn(t, " "), len = strlen(t + lead);
	while(len && t[lead + len - 1] == ' ')
		len--;
	const char *out = len ? arena_strndup(a, t + lead, len) : NULL;
	buf_free(&b);
	return out;
}

/* The cases' tags and uids and the persons' uids and names of proposals
 * p[0..n), from the remains and the registry, each in one batch. */
static pl_rc proposals_name(store *st, dna_proposal *p, const proposal_ids *ids, size_t n, arena *a,
                            pl_err *err)
{
	int64_t *cid = arena_calloc(a, 2 * n + 1, sizeof(*cid)), *pid = arena_calloc(a, n + 1, sizeof(*pid));
	remains_case *c = arena_calloc(a, 2 * n + 1, sizeof(*c));
	person_brief *who = arena_calloc(a, n + 1, sizeof(*who));
	if(!cid || !pid || !c || !who)
		return pl_nomem(err);
	for(size_t i = 0; i < n; i++) {
		cid[2 * i] = ids[i].case_id;
		cid[2 * i + 1] = ids[i].other_id;
		pid[i] = ids[i].person_id;
	}
	pl_rc rc = remains_cases_by_id(st, cid, 2 * n, a, c, err);
	if(!rc)
		rc = registry_person_briefs(st, pid, n, a, who, err);
	for(size_t i = 0; !rc && i < n; i++) {
		const remains_case *k = &c[2 * i], *o = &c[2 * i + 1];
		p[i].case_tag = k->tag;
		p[i].case_uid = k->id ? arena_strdup(a, k->uid) : NULL;
		p[i].other_case = o->tag;
		p[i].other_case_uid = o->id ? arena_strdup(a, o->uid) : NULL;
		p[i].person = who[i].id ? arena_strdup(a, who[i].uid) : NULL;
		p[i].person_name = who[i].id ? dna_person_name(&who[i], a) : NULL;
	}
	return !rc && arena_oom(a) ? pl_nomem(err) : rc;
}

static pl_rc check_statuses(const char *list, pl_err *err)
{
	static const char *const ok[] = {"candidate", "proposed", "reviewed", "confirmed", "rejected",
	                                 "withdrawn", "fallen"};
	enum { NOK = sizeof(ok) / sizeof(ok[0]) };
	for(const char *s = list; s && *s;) {
		size_t n = strcspn(s, ","), i = 0;
		while(i < NOK && (strlen(ok[i]) != n || strncmp(s, ok[i], n)))
			i++;
		if(i == NOK)
			{
			char status[48];
			snprintf(status, sizeof(status), "%.*s", (int)(n < 40 ? n : 40), s);
			return pl_failc(err, PL_EUSAGE, "dna.no_status", "status", status, NULL);
		}
		s += n + (s[n] == ',');
	}
	return PL_OK;
}

#define PROPOSAL_WHERE \
	" WHERE (?1 IS NULL OR instr(',' || ?1 || ',', ',' || pr.status || ',') > 0)" \
	" AND (?2 IS NULL OR pr.case_id = ?2 OR pr.other_case_id = ?2) AND (?3 IS NULL OR pr.person_id = ?3)"

/* The query's case (a tag) and person (a uid) as row ids: 0 for any, -1
 * (none) for one that is not there. */
static pl_rc query_ids(store *st, const dna_proposal_query *q, arena *a, int64_t *case_id,
                       int64_t *person_id, pl_err *err)
{
	remains_case c;
	bool found = false;
	*case_id = *person_id = 0;
	pl_rc rc = q->case_tag ? remains_case_find(st, q->case_tag, a, &c, &found, err) : PL_OK;
	if(!rc && q->case_tag)
		*case_id = found ? c.id : -1;
	if(!rc && q->person && !(rc = registry_person_id(st, q->person, person_id, err)) && !*person_id)
		*person_id = -1;
	return rc;
}

static void bind_query(sqlite3_stmt *s, const dna_proposal_query *q, int64_t case_id, int64_t person_id)
{
	store_bind_text(s, 1, q->status);
	if(case_id)
		sqlite3_bind_int64(s, 2, case_id);
	if(person_id)
		sqlite3_bind_int64(s, 3, person_id);
}

pl_rc dna_proposals_list(store *st, const dna_proposal_query *q, arena *a, dna_proposal **out,
                            size_t *n, size_t *total, pl_err *err)
{
	*out = NULL;
	*n = *total = 0;
	int64_t case_id, person_id;
	pl_rc rc = check_statuses(q->status, err);
	if(!rc)
		rc = query_ids(st, q, a, &case_id, &person_id, err);
	sqlite3_stmt *s;
	if(!rc)
		rc = store_stmt(st, "SELECT count(*)" PROPOSAL_FROM PROPOSAL_WHERE, &s, err);
	if(rc)
		return rc;
	bind_query(s, q, case_id, person_id);
	int x = sqlite3_step(s);
	*total = x == SQLITE_ROW ? (size_t)sqlite3_column_int64(s, 0) : 0;
	sqlite3_reset(s);
	if(x != SQLITE_ROW)
		return store_fail(st, err, x, "counting proposals");
	if((rc = store_stmt(st, "SELECT " PROPOSAL_COLUMNS PROPOSAL_FROM PROPOSAL_WHERE
	                        " ORDER BY pr.posterior DESC, pr.log10_lr DESC, pr.id LIMIT ?4 OFFSET ?5",
	                    &s, err)))
		return rc;
	bind_query(s, q, case_id, person_id);
	sqlite3_bind_int64(s, 4, (sqlite3_int64)(q->limit ? q->limit : 50));
	sqlite3_bind_int64(s, 5, (sqlite3_int64)q->offset);
	size_t cap = q->limit ? q->limit : 50;
	*out = arena_calloc(a, cap, sizeof(dna_proposal));
	proposal_ids *ids = arena_calloc(a, cap, sizeof(*ids));
	while(*out && ids && *n < cap && (x = sqlite3_step(s)) == SQLITE_ROW) {
		proposal_row(s, a, &(*out)[*n], &ids[*n]);
		(*n)++;
	}
	sqlite3_reset(s);
	if(!*out || !ids || arena_oom(a))
		return pl_nomem(err);
	if(x != SQLITE_ROW && x != SQLITE_DONE)
		return store_fail(st, err, x, "reading proposals");
	return proposals_name(st, *out, ids, *n, a, err);
}

pl_rc dna_proposals_by_id(store *st, const int64_t *ids, size_t n, arena *a, dna_proposal **out,
                          pl_err *err)
{
	*out = arena_calloc(a, n + 1, sizeof(dna_proposal));
	proposal_ids *pid = arena_calloc(a, n + 1, sizeof(*pid));
	if(!*out || !pid)
		return pl_nomem(err);
	sqlite3_stmt *s;
	pl_rc rc = store_stmt(st, "SELECT " PROPOSAL_COLUMNS PROPOSAL_FROM " WHERE pr.id = ?", &s, err);
	for(size_t i = 0; !rc && i < n; i++) {
		sqlite3_bind_int64(s, 1, ids[i]);
		int x = sqlite3_step(s);
		if(x == SQLITE_ROW)
			proposal_row(s, a, &(*out)[i], &pid[i]);
		sqlite3_reset(s);
		if(x != SQLITE_ROW)
			rc = store_fail(st, err, x, "reading a proposal");
	}
	return rc ? rc : proposals_name(st, *out, pid, n, a, err);
}

pl_rc dna_pair_resolve(store *st, const char *tag, const char *other, arena *a, dna_pair_ref *out,
                          pl_err *err)
{
	memset(out, 0, sizeof(*out));
	bool found;
	pl_rc rc = dna_case_find(st, tag, &out->case_id, out->case_uid, &out->case_status, a, &found, err);
	if(!rc && !found)
		rc = pl_failc(err, PL_ENOTFOUND, "remains.no_case_tag", "case", tag, NULL);
	if(!rc && !(rc = dna_case_find(st, other, &out->other_id, out->other_uid, &out->other_status, a,
	                               &found, err)) && found) {
		out->identity = true;
		out->other = arena_strdup(a, other);
		if(out->other_id == out->case_id)
			rc = pl_failc(err, PL_EINPUT, "dna.case_itself", NULL);
		return rc;
	}
	if(rc)
		return rc;
	person p;
	if((rc = registry_person_get(st, other, a, &p, err))) {
		if(rc == PL_ENOTFOUND)
			pl_failc(err, PL_ENOTFOUND, "dna.no_person_or_case", "other", other, NULL);
		return rc;
	}
	out->person_id = p.id;
	out->other = arena_strdup(a, p.uid);
	out->person = p;
	return arena_oom(a) ? pl_nomem(err) : PL_OK;
}

pl_rc dna_pair_load(store *st, const char *tag, const char *other, arena *a, dna_pair_ref *pr,
                       dna_proposal *p, pl_err *err)
{
	bool found;
	pl_rc rc = dna_pair_resolve(st, tag, other, a, pr, err);
	if(!rc)
		rc = dna_proposal_find(st, pr, a, p, &found, err);
	if(!rc && !found)
		rc = pl_failc(err, PL_ENOTFOUND, "dna.no_proposal", "case", tag, "other", pr->other, NULL);
	return rc;
}

pl_rc dna_proposal_find(store *st, const dna_pair_ref *pr, arena *a, dna_proposal *out, bool *found,
                           pl_err *err)
{
	sqlite3_stmt *s;
	pl_rc rc = store_stmt(st, "SELECT " PROPOSAL_COLUMNS PROPOSAL_FROM " WHERE (pr.kind = 'kinship' AND"
	                          " pr.case_id = ?1 AND pr.person_id = ?2) OR (pr.kind = 'identity' AND"
	                          " ((pr.case_id = ?1 AND pr.other_case_id = ?3) OR (pr.case_id = ?3 AND"
	                          " pr.other_case_id = ?1)))", &s, err);
	if(rc)
		return rc;
	sqlite3_bind_int64(s, 1, pr->case_id);
	sqlite3_bind_int64(s, 2, pr->identity ? -1 : pr->person_id);
	sqlite3_bind_int64(s, 3, pr->identity ? pr->other_id : -1);
	int x = sqlite3_step(s);
	*found = x == SQLITE_ROW;
	proposal_ids ids;
	if(*found)
		proposal_row(s, a, out, &ids);
	sqlite3_reset(s);
	if(arena_oom(a))
		return pl_nomem(err);
	if(x != SQLITE_ROW && x != SQLITE_DONE)
		return store_fail(st, err, x, "reading a proposal");
	return *found ? proposals_name(st, out, &ids, 1, a, err) : PL_OK;
}

/* A case's remains profile's sex and amelogenin (unknown without one). */
static pl_rc case_sex(store *st, int64_t case_id, arena *a, dna_sex *sex, const char **amel,
                      pl_err *err)
{
	sqlite3_stmt *s;
	pl_rc rc = store_stmt(st, "SELECT sex, amelogenin FROM dna_profile WHERE case_id = ?", &s, err);
	if(rc)
		return rc;
	sqlite3_bind_int64(s, 1, case_id);
	int x = sqlite3_step(s);
	*sex = x == SQLITE_ROW ? dna_sex_parse(store_column_text(s, 0)) : DNA_SEX_UNKNOWN;
	*amel = x == SQLITE_ROW ? store_column_dup(s, 1, a) : NULL;
	sqlite3_reset(s);
	return x == SQLITE_ROW || x == SQLITE_DONE ? PL_OK : store_fail(st, err, x, "reading a profile's sex");
}

pl_rc dna_pair_sexes_get(store *st, const dna_pair_ref *pr, arena *a, dna_pair_sexes *out,
                         pl_err *err)
{
	memset(out, 0, sizeof(*out));
	pl_rc rc = case_sex(st, pr->case_id, a, &out->remains, &out->amel, err);
	if(!rc && pr->identity)
		rc = case_sex(st, pr->other_id, a, &out->other, &out->other_amel, err);
	else if(!rc)
		out->other = dna_sex_parse(pr->person.f[PF_SEX]);
	out->conflict = dna_sex_conflict(out->remains, out->other);
	return rc;
}
