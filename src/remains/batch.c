/* Batches: the remains handed over together, what the sender declared and
 * what was received. */
#include <stddef.h>
#include <string.h>

#include "remains/internal.h"

static pl_rc batch_insert(store *st, remains_batch *b, pl_err *err)
{
	sqlite3_stmt *s;
	pl_rc rc = store_stmt(st, "INSERT INTO remains_batch(uid, label, from_party, to_party,"
	                          " handover_date, declared, note, created_at)"
	                          " VALUES (?,?,?,?,?,?,?,?)", &s, err);
	if(rc)
		return rc;
	registry_uid('B', b->uid);
	char now[TIMESTAMP_STR_MAX];
	date_now_iso(now);
	sqlite3_bind_text(s, 1, b->uid, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 2, b->label, -1, SQLITE_STATIC);
	store_bind_text(s, 3, b->from_party);
	store_bind_text(s, 4, b->to_party);
	store_bind_text(s, 5, b->handover_date);
	if(b->declared >= 0)
		sqlite3_bind_int64(s, 6, b->declared);
	store_bind_text(s, 7, b->note);
	sqlite3_bind_text(s, 8, now, -1, SQLITE_STATIC);
	int x = sqlite3_step(s);
	sqlite3_reset(s);
	if((x & 0xff) == SQLITE_CONSTRAINT)
		return pl_failc(err, PL_ECONFLICT, "remains.batch_exists", "batch", b->label, NULL);
	if(x != SQLITE_DONE)
		return store_fail(st, err, x, "writing a remains batch");
	b->id = sqlite3_last_insert_rowid(store_db(st));
	json_t *j = remains_batch_json(b);
	json_object_del(j, "received");
	json_object_del(j, "by_status");
	return remains_audit(st, "create", "remains_batch", b->uid, NULL, j, err);
}

/* Parties and date of a new batch, checked together. */
static pl_rc batch_check(const remains_batch *b, remains_result *res, pl_err *err)
{
	if(!b->from_party || !b->to_party)
		return remains_refuse(res, RF_BATCH, pl_failc(err, PL_EINPUT, "remains.batch_new", "batch", b->label, NULL));
	if(!strcmp(b->from_party, b->to_party))
		return remains_refuse(res, RF_TO_PARTY,
		                      pl_failc(err, PL_EINPUT, "remains.batch_same_party", "batch", b->label, "from",
		                               b->from_party, "to", b->to_party, NULL));
	return PL_OK;
}

pl_rc remains_batch_add(store *st, remains_batch *b, pl_err *err)
{
	remains_result res;
	remains_result_init(&res);
	arena a;
	arena_init(&a, 0);
	remains_batch in = *b;
	in.stage = in.clause = in.created_at = NULL;
	in.received = 0;
	memset(in.by_status, 0, sizeof(in.by_status));
	pl_rc rc = remains_clean_label(b->label, &a, &in.label, err);
	if(!rc)
		rc = remains_clean_arg(RF_FROM_PARTY, "from", b->from_party, true, &a, &in.from_party, &res, err);
	if(!rc)
		rc = remains_clean_arg(RF_TO_PARTY, "to", b->to_party, true, &a, &in.to_party, &res, err);
	if(!rc)
		rc = remains_clean_arg(RF_HANDOVER_DATE, "date", b->handover_date, false, &a,
		                       &in.handover_date, &res, err);
	if(!rc)
		rc = remains_clean_arg(RF_NOTE, "note", b->note, false, &a, &in.note, &res, err);
	if(!rc && b->declared < -1)
		rc = pl_failc(err, PL_EINPUT, "remains.declared_count", "n", PL_N(b->declared), NULL);
	if(!rc)
		rc = batch_check(&in, &res, err);
	if(!rc && !(rc = store_begin(st, err)))
		rc = store_end(st, batch_insert(st, &in, err), err);
	if(!rc) {
		memcpy(b->uid, in.uid, sizeof(b->uid));
		b->id = in.id;
	}
	arena_free(&a);
	return rc;
}

/* ---- the batch a row names ------------------------------------------------ */

typedef struct batch_row {
	int64_t id;
	char from[4], to[4], date[DATE_STR_MAX];
} batch_row;

static pl_rc batch_find(store *st, const char *label, batch_row *b, bool *found, pl_err *err)
{
	sqlite3_stmt *s;
	pl_rc rc = store_stmt(st, "SELECT id, from_party, to_party, handover_date FROM remains_batch"
	                          " WHERE label = ?", &s, err);
	if(rc)
		return rc;
	sqlite3_bind_text(s, 1, label, -1, SQLITE_STATIC);
	int x = sqlite3_step(s);
	memset(b, 0, sizeof(*b));
	if((*found = x == SQLITE_ROW)) {
		b->id = sqlite3_column_int64(s, 0);
		const char *from = store_column_text(s, 1), *to = store_column_text(s, 2),
		           *date = store_column_text(s, 3);
		snprintf(b->from, sizeof(b->from), "%s", from ? from : "");
		snprintf(b->to, sizeof(b->to), "%s", to ? to : "");
		snprintf(b->date, sizeof(b->date), "%s", date ? date : "");
	}
	sqlite3_reset(s);
	return x == SQLITE_ROW || x == SQLITE_DONE ? PL_OK : store_fail(st, err, x, "reading batches");
}

/* What a row says of a batch there already must be what it is. */
static pl_rc batch_agrees(const char *label, const batch_row *b, const char *const v[RF_COUNT],
                          remains_result *res, pl_err *err)
{
	static const struct {
		remains_field f;
		size_t offset;
		const char *code;
	} parts[] = {
		{RF_FROM_PARTY, offsetof(batch_row, from), "remains.batch_from"},
		{RF_TO_PARTY, offsetof(batch_row, to), "remains.batch_to"},
		{RF_HANDOVER_DATE, offsetof(batch_row, date), "remains.batch_date"},
	};
	for(size_t i = 0; i < sizeof(parts) / sizeof(parts[0]); i++) {
		const char *has = (const char *)b + parts[i].offset, *says = v[parts[i].f];
		if(says && strcmp(has, says))
			return remains_refuse(res, parts[i].f,
			                      pl_failc(err, PL_ECONFLICT, parts[i].code, "batch", label, "has",
			                               has[0] ? has : "ledger.not_known", "says", says, NULL));
	}
	return PL_OK;
}

pl_rc rbatch_resolve(store *st, const char *const v[RF_COUNT], const remains_batch_defaults *d,
                        int64_t *id, remains_result *res, pl_err *err)
{
	batch_row b;
	bool found;
	pl_rc rc = batch_find(st, v[RF_BATCH], &b, &found, err);
	if(!rc && found)
		rc = batch_agrees(v[RF_BATCH], &b, v, res, err);
	if(rc || found) {
		*id = b.id;
		return rc;
	}
	remains_batch nb = {.label = v[RF_BATCH], .declared = -1};
	nb.from_party = v[RF_FROM_PARTY] ? v[RF_FROM_PARTY] : d ? d->from_party : NULL;
	nb.to_party = v[RF_TO_PARTY] ? v[RF_TO_PARTY] : d ? d->to_party : NULL;
	nb.handover_date = v[RF_HANDOVER_DATE] ? v[RF_HANDOVER_DATE] : d ? d->handover_date : NULL;
	if(!(rc = batch_check(&nb, res, err)) && !(rc = batch_insert(st, &nb, err))) {
		res->batch_created = true;
		*id = nb.id;
	}
	return rc;
}

pl_rc rbatch_handover(store *st, int64_t id, arena *a, const char **label, const char **date,
                         pl_err *err)
{
	sqlite3_stmt *s;
	pl_rc rc = store_stmt(st, "SELECT label, handover_date FROM remains_batch WHERE id = ?", &s, err);
	if(rc)
		return rc;
	sqlite3_bind_int64(s, 1, id);
	int x = sqlite3_step(s);
	*label = *date = NULL;
	if(x == SQLITE_ROW) {
		const char *l = store_column_text(s, 0), *h = store_column_text(s, 1);
		*label = l ? arena_strdup(a, l) : NULL;
		*date = h ? arena_strdup(a, h) : NULL;
	}
	sqlite3_reset(s);
	return x == SQLITE_ROW ? PL_OK : store_fail(st, err, x, "reading a batch");
}

/* ---- reading -------------------------------------------------------------- */

static void batch_from_row(sqlite3_stmt *s, arena *a, void *item)
{
	remains_batch *b = item;
	const char *t;
	b->id = sqlite3_column_int64(s, 0);
	snprintf(b->uid, sizeof(b->uid), "%s", store_column_text(s, 1));
	const char **text[] = {&b->label, &b->from_party, &b->to_party, &b->handover_date};
	for(int i = 0; i < 4; i++)
		*text[i] = (t = store_column_text(s, 2 + i)) ? arena_strdup(a, t) : NULL;
	b->declared = sqlite3_column_type(s, 6) == SQLITE_NULL ? -1 : (long)sqlite3_column_int64(s, 6);
	b->note = (t = store_column_text(s, 7)) ? arena_strdup(a, t) : NULL;
	b->stage_id = sqlite3_column_int64(s, 8);
	b->created_at = (t = store_column_text(s, 9)) ? arena_strdup(a, t) : NULL;
	b->clause = (t = store_column_text(s, 10)) ? arena_strdup(a, t) : NULL;
	b->received = (long)sqlite3_column_int64(s, 11);
	for(int i = 0; i < RS_COUNT; i++)
		b->by_status[i] = (long)sqlite3_column_int64(s, 12 + i);
}

/* Each batch's stage, named through the caller's stage_uid. */
static pl_rc stages_name(store *st, remains_stage_uid_fn stage_uid, remains_batch *b, size_t n,
                         arena *a, pl_err *err)
{
	for(size_t i = 0; stage_uid && i < n; i++) {
		char uid[UID_SIZE];
		pl_rc rc = b[i].stage_id ? stage_uid(st, b[i].stage_id, uid, err) : PL_OK;
		if(rc)
			return rc;
		if(b[i].stage_id && !(b[i].stage = arena_strdup(a, uid)))
			return pl_nomem(err);
	}
	return PL_OK;
}

/* Batches with their counts; label NULL: all of them. */
static pl_rc batches_read(store *st, const char *label, remains_stage_uid_fn stage_uid, arena *a,
                          remains_batch **out, size_t *n, pl_err *err)
{
	sqlite3_stmt *s;
	pl_rc rc = store_stmt(st, "SELECT b.id, b.uid, b.label, b.from_party, b.to_party,"
	                          " b.handover_date, b.declared, b.note, b.stage_id, b.created_at,"
	                          " b.clause, count(c.id), count(c.id) FILTER (WHERE c.status = 'unidentified'),"
	                          " count(c.id) FILTER (WHERE c.status = 'preliminary'),"
	                          " count(c.id) FILTER (WHERE c.status = 'confirmed'),"
	                          " count(c.id) FILTER (WHERE c.status = 'returned')"
	                          " FROM remains_batch b LEFT JOIN remains_case c ON c.batch_id = b.id"
	                          " WHERE ?1 IS NULL OR b.label = ?1 GROUP BY b.id"
	                          " ORDER BY b.handover_date, b.label", &s, err);
	if(rc)
		return rc;
	store_bind_text(s, 1, label);
	rc = remains_rows(st, s, a, sizeof(remains_batch), batch_from_row, (void **)out, n,
	                  "reading batches", err);
	return rc ? rc : stages_name(st, stage_uid, *out, *n, a, err);
}

pl_rc remains_batch_list(store *st, remains_stage_uid_fn stage_uid, arena *a, remains_batch **out,
                            size_t *n, pl_err *err)
{
	return batches_read(st, NULL, stage_uid, a, out, n, err);
}

pl_rc remains_batch_get(store *st, const char *label, remains_stage_uid_fn stage_uid, arena *a,
                           remains_batch *out, pl_err *err)
{
	remains_batch *b;
	size_t n;
	pl_rc rc = batches_read(st, label ? label : "", stage_uid, a, &b, &n, err);
	if(!rc && !n)
		return pl_failc(err, PL_ENOTFOUND, "remains.no_batch", "batch", label, NULL);
	if(!rc)
		*out = b[0];
	return rc;
}

/* ---- the stage and clause its bodies count under -------------------------- */

static pl_rc tie_write(store *st, const remains_batch *b, int64_t stage_id, const char *stage,
                       const char *clause, long declared, const char *action, pl_err *err)
{
	sqlite3_stmt *s;
	pl_rc rc = store_stmt(st, "UPDATE remains_batch SET stage_id = ?, clause = ?,"
	                          " declared = coalesce(?, declared) WHERE id = ?", &s, err);
	if(rc)
		return rc;
	if(stage_id)
		sqlite3_bind_int64(s, 1, stage_id);
	store_bind_text(s, 2, clause);
	if(declared >= 1)
		sqlite3_bind_int64(s, 3, declared);
	sqlite3_bind_int64(s, 4, b->id);
	int x = sqlite3_step(s);
	sqlite3_reset(s);
	if(x != SQLITE_DONE)
		return store_fail(st, err, x, "tying a batch to a stage");
	long now = declared >= 1 ? declared : b->declared;
	json_t *before = json_pack("{s:s, s:s?, s:s?, s:o}", "label", b->label, "stage", b->stage, "clause",
	                           b->clause, "declared", b->declared >= 0 ? json_integer(b->declared) : json_null());
	json_t *after = json_pack("{s:s?, s:s?, s:o}", "stage", stage_id ? stage : NULL, "clause", clause,
	                          "declared", now >= 0 ? json_integer(now) : json_null());
	return remains_audit(st, action, "remains_batch", b->uid, before, after, err);
}

/* Set the batch's stage, clause and (declared >= 1) declared count in one
 * transaction, audited as `action` when anything changes. keep: the
 * clause stays while the stage does, and is cleared when it changes. */
static pl_rc batch_retie(store *st, const char *label, int64_t stage_id, const char *clause, bool keep,
                         long declared, remains_stage_uid_fn stage_uid, const char *action, pl_err *err)
{
	arena a;
	arena_init(&a, 0);
	remains_batch b;
	char stage[UID_SIZE] = "";
	pl_rc rc = store_begin(st, err);
	if(!rc) {
		if(!(rc = remains_batch_get(st, label, stage_uid, &a, &b, err)) &&
		   !(rc = stage_id ? stage_uid(st, stage_id, stage, err) : PL_OK)) {
			bool same = remains_same(b.stage, stage[0] ? stage : NULL);
			clause = keep ? (same ? b.clause : NULL) : stage_id ? clause : NULL;
			if(!same || !remains_same(b.clause, clause) || (declared >= 1 && declared != b.declared))
				rc = tie_write(st, &b, stage_id, stage, clause, declared, action, err);
		}
		rc = store_end(st, rc, err);
	}
	arena_free(&a);
	return rc;
}

pl_rc remains_batch_set_stage(store *st, const char *label, int64_t stage_id,
                                 remains_stage_uid_fn stage_uid, pl_err *err)
{
	return batch_retie(st, label, stage_id, NULL, true, -1, stage_uid, "update", err);
}

pl_rc remains_batch_tie(store *st, const char *label, int64_t stage_id, const char *clause,
                        long declared, remains_stage_uid_fn stage_uid, pl_err *err)
{
	if(declared == 0 || declared < -1)
		return pl_failc(err, PL_EINPUT, "remains.declared_bodies", "n", PL_N(declared), NULL);
	if(stage_id && (!clause || !clause[0]))
		return pl_failc(err, PL_EINPUT, "remains.clause_with_stage", NULL);
	return batch_retie(st, label, stage_id, clause, false, declared, stage_uid, "tie", err);
}
