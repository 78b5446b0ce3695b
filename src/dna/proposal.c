/* Proposals: listing them, and finding the one of a pair. */
#include <math.h>
#include <string.h>

#include "dna/internal.h"
#include "dna/proposal.h"

#define PROPOSAL_COLUMNS \
	"pr.id, pr.run_id, pr.kind, c.tag, x.uid, o.tag, (SELECT group_concat(relationship, ', ') FROM" \
	" (SELECT relationship FROM dna_relative WHERE person_id = pr.person_id ORDER BY relationship))," \
	" pr.log10_lr, pr.log10_glr, pr.posterior, pr.loci, pr.inconsistent, pr.status, pr.action," \
	" pr.decided_by, pr.decided_at, pr.note, pr.created_at, c.uid, o.uid," \
	" nullif(trim(CASE WHEN x.surname IS NULL AND x.given_names IS NULL" \
	"  THEN ifnull(x.surname_latin, '') || ifnull(' ' || x.given_names_latin, '') ||" \
	"   ifnull(' ' || x.patronymic_latin, '')" \
	"  ELSE ifnull(x.surname, '') || ifnull(' ' || x.given_names, '') || ifnull(' ' || x.patronymic, '')" \
	" END), '')," \
	" CASE pr.kind WHEN 'identity' THEN run.remains ELSE json_extract(run.params, '$.missing') END"
#define PROPOSAL_FROM \
	" FROM dna_proposal pr JOIN remains_case c ON c.id = pr.case_id JOIN dna_run run ON run.id = pr.run_id" \
	" LEFT JOIN person x ON x.id = pr.person_id LEFT JOIN remains_case o ON o.id = pr.other_case_id"

static const char *text(sqlite3_stmt *s, int i, arena *a)
{
	const char *t = store_column_text(s, i);
	return t ? arena_strdup(a, t) : NULL;
}

static void proposal_row(sqlite3_stmt *s, arena *a, dna_proposal *p)
{
	*p = (dna_proposal){
		.id = sqlite3_column_int64(s, 0), .run = sqlite3_column_int64(s, 1), .kind = text(s, 2, a),
		.case_tag = text(s, 3, a), .person = text(s, 4, a), .other_case = text(s, 5, a),
		.relatives = text(s, 6, a), .log10_lr = sqlite3_column_double(s, 7),
		.log10_glr = sqlite3_column_type(s, 8) == SQLITE_NULL ? NAN : sqlite3_column_double(s, 8),
		.posterior = sqlite3_column_double(s, 9), .loci = sqlite3_column_int(s, 10),
		.inconsistent = sqlite3_column_int(s, 11), .status = text(s, 12, a), .action = text(s, 13, a),
		.decided_by = text(s, 14, a), .decided_at = text(s, 15, a), .note = text(s, 16, a),
		.created_at = text(s, 17, a), .case_uid = text(s, 18, a), .other_case_uid = text(s, 19, a),
		.person_name = text(s, 20, a), .prior_n = sqlite3_column_double(s, 21),
	};
}

static pl_rc check_statuses(const char *list, pl_err *err)
{
	static const char *const ok[] = {"candidate", "proposed", "confirmed", "rejected"};
	for(const char *s = list; s && *s;) {
		size_t n = strcspn(s, ","), i = 0;
		while(i < 4 && (strlen(ok[i]) != n || strncmp(s, ok[i], n)))
			i++;
		if(i == 4)
			return pl_fail(err, PL_EUSAGE, "no status '%.*s': a proposal is candidate, proposed, "
			               "confirmed or rejected", (int)n, s);
		s += n + (s[n] == ',');
	}
	return PL_OK;
}

#define PROPOSAL_WHERE \
	" WHERE (?1 IS NULL OR instr(',' || ?1 || ',', ',' || pr.status || ',') > 0)" \
	" AND (?2 IS NULL OR c.tag = ?2 OR o.tag = ?2) AND (?3 IS NULL OR x.uid = ?3)"

pl_rc dna_proposals_list(store *st, const dna_proposal_query *q, arena *a, dna_proposal **out,
                            size_t *n, size_t *total, pl_err *err)
{
	*out = NULL;
	*n = *total = 0;
	pl_rc rc = check_statuses(q->status, err);
	sqlite3_stmt *s;
	if(!rc)
		rc = store_stmt(st, "SELECT count(*)" PROPOSAL_FROM PROPOSAL_WHERE, &s, err);
	if(rc)
		return rc;
	store_bind_text(s, 1, q->status);
	store_bind_text(s, 2, q->case_tag);
	store_bind_text(s, 3, q->person);
	int x = sqlite3_step(s);
	*total = x == SQLITE_ROW ? (size_t)sqlite3_column_int64(s, 0) : 0;
	sqlite3_reset(s);
	if(x != SQLITE_ROW)
		return store_fail(st, err, x, "counting proposals");
	if((rc = store_stmt(st, "SELECT " PROPOSAL_COLUMNS PROPOSAL_FROM PROPOSAL_WHERE
	                        " ORDER BY pr.posterior DESC, pr.log10_lr DESC, pr.id LIMIT ?4 OFFSET ?5",
	                    &s, err)))
		return rc;
	store_bind_text(s, 1, q->status);
	store_bind_text(s, 2, q->case_tag);
	store_bind_text(s, 3, q->person);
	sqlite3_bind_int64(s, 4, (sqlite3_int64)(q->limit ? q->limit : 50));
	sqlite3_bind_int64(s, 5, (sqlite3_int64)q->offset);
	size_t cap = q->limit ? q->limit : 50;
	*out = arena_calloc(a, cap, sizeof(dna_proposal));
	while(*out && *n < cap && (x = sqlite3_step(s)) == SQLITE_ROW)
		proposal_row(s, a, &(*out)[(*n)++]);
	sqlite3_reset(s);
	if(!*out || arena_oom(a))
		return pl_nomem(err);
	return x == SQLITE_ROW || x == SQLITE_DONE ? PL_OK : store_fail(st, err, x, "reading proposals");
}

pl_rc dna_pair_resolve(store *st, const char *tag, const char *other, arena *a, dna_pair_ref *out,
                          pl_err *err)
{
	memset(out, 0, sizeof(*out));
	bool found;
	pl_rc rc = dna_case_find(st, tag, &out->case_id, out->case_uid, &out->case_status, a, &found, err);
	if(!rc && !found)
		rc = pl_fail(err, PL_ENOTFOUND, "no remains case tagged '%s'", tag);
	if(!rc && !(rc = dna_case_find(st, other, &out->other_id, out->other_uid, &out->other_status, a,
	                               &found, err)) && found) {
		out->identity = true;
		out->other = arena_strdup(a, other);
		if(out->other_id == out->case_id)
			rc = pl_fail(err, PL_EINPUT, "a case and itself: give another case or a person");
		return rc;
	}
	if(rc)
		return rc;
	person p;
	if((rc = registry_person_get(st, other, a, &p, err))) {
		if(rc == PL_ENOTFOUND)
			pl_fail(err, PL_ENOTFOUND, "no person with id %s and no remains case tagged '%s'", other, other);
		return rc;
	}
	out->person_id = p.id;
	out->other = arena_strdup(a, p.uid);
	out->person = p;
	return arena_oom(a) ? pl_nomem(err) : PL_OK;
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
	if(*found)
		proposal_row(s, a, out);
	sqlite3_reset(s);
	if(arena_oom(a))
		return pl_nomem(err);
	return x == SQLITE_ROW || x == SQLITE_DONE ? PL_OK : store_fail(st, err, x, "reading a proposal");
}
