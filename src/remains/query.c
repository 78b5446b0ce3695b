/* Reading: lists of cases with filters, and one case with everything that
 * belongs to it. */
#include <stdlib.h>
#include <string.h>

#include "remains/internal.h"

/* ---- lists ---------------------------------------------------------------- */

/* A filter list "a,b" as ",a,b," (instr finds ",value," in it), every
 * value checked against `allowed` (plus "unknown" when unknown_ok). */
static pl_rc filter_list(const char *what, const char *list, const char *const *allowed,
                         bool unknown_ok, arena *a, const char **out, pl_err *err)
{
	*out = NULL;
	if(!list || !*list)
		return PL_OK;
	size_t n = strlen(list);
	char *f = arena_alloc(a, n + 3);
	if(!f)
		return pl_nomem(err);
	snprintf(f, n + 3, ",%s,", list);
	for(const char *p = f + 1; *p;) {
		size_t len = strcspn(p, ",");
		bool ok = unknown_ok && len == 7 && !memcmp(p, "unknown", 7);
		for(int i = 0; !ok && allowed[i]; i++)
			ok = strlen(allowed[i]) == len && !memcmp(p, allowed[i], len);
		if(!ok) {
			char values[256];
			field_def fd = {what, FK_ENUM, allowed, 0, "", ""};
			field_values_text(&fd, values, sizeof(values));
			char v[PL_ERR_ARG_MAX], allowed_text[300];
			snprintf(v, sizeof(v), "%.*s", (int)len, p);
			snprintf(allowed_text, sizeof(allowed_text), "%s%s", values, unknown_ok ? ", unknown" : "");
			return pl_failc(err, PL_EUSAGE, "remains.no_value", "what", what, "value", v, "allowed",
			                allowed_text, NULL);
		}
		p += len + (p[len] == ',');
	}
	*out = f;
	return PL_OK;
}

/* The SQL of a list and of its count share the filters ?1 to ?4. */
#define LIST_WHERE \
	" WHERE (?1 IS NULL OR c.batch_id = ?1) AND (?2 IS NULL OR instr(?2, ',' || c.status || ','))" \
	" AND (?3 IS NULL OR instr(?3, ',' || coalesce(c.condition, 'unknown') || ','))" \
	" AND (?4 IS NULL OR instr(lower(c.tag), lower(?4)))"

static void bind_filters(sqlite3_stmt *s, int64_t batch_id, const char *status,
                         const char *condition, const char *text)
{
	if(batch_id)
		sqlite3_bind_int64(s, 1, batch_id);
	store_bind_text(s, 2, status);
	store_bind_text(s, 3, condition);
	store_bind_text(s, 4, text);
}

static pl_rc batch_id_of(store *st, const char *label, int64_t *id, pl_err *err)
{
	sqlite3_stmt *s;
	pl_rc rc = store_stmt(st, "SELECT id FROM remains_batch WHERE label = ?", &s, err);
	if(rc)
		return rc;
	sqlite3_bind_text(s, 1, label, -1, SQLITE_STATIC);
	int x = sqlite3_step(s);
	*id = x == SQLITE_ROW ? sqlite3_column_int64(s, 0) : 0;
	sqlite3_reset(s);
	if(x == SQLITE_DONE)
		return pl_failc(err, PL_ENOTFOUND, "remains.no_batch", "batch", label, NULL);
	return x == SQLITE_ROW ? PL_OK : store_fail(st, err, x, "reading batches");
}

static pl_rc count_cases(store *st, int64_t batch_id, const char *status, const char *condition,
                         const char *text, size_t *total, pl_err *err)
{
	sqlite3_stmt *s;
	pl_rc rc = store_stmt(st, "SELECT count(*) FROM remains_case c" LIST_WHERE, &s, err);
	if(rc)
		return rc;
	bind_filters(s, batch_id, status, condition, text);
	int x = sqlite3_step(s);
	*total = x == SQLITE_ROW ? (size_t)sqlite3_column_int64(s, 0) : 0;
	sqlite3_reset(s);
	return x == SQLITE_ROW ? PL_OK : store_fail(st, err, x, "counting remains cases");
}

pl_rc remains_list(store *st, const remains_query *q, arena *a, remains_page *out, pl_err *err)
{
	memset(out, 0, sizeof(*out));
	const char *status, *condition, *text = q->text && *q->text ? q->text : NULL;
	int64_t batch_id = 0;
	pl_rc rc = filter_list("status", q->status, remains_status_names, false, a, &status, err);
	if(!rc)
		rc = filter_list("condition", q->condition, remains_condition_names, true, a, &condition, err);
	if(!rc && q->batch && *q->batch)
		rc = batch_id_of(st, q->batch, &batch_id, err);
	if(!rc)
		rc = count_cases(st, batch_id, status, condition, text, &out->total, err);
	sqlite3_stmt *s;
	if(!rc)
		rc = store_stmt(st, "SELECT " RCASE_COLUMNS RCASE_FROM LIST_WHERE
		                " ORDER BY c.tag LIMIT ?5 OFFSET ?6", &s, err);
	if(rc)
		return rc;
	bind_filters(s, batch_id, status, condition, text);
	sqlite3_bind_int64(s, 5, (sqlite3_int64)(q->limit ? q->limit : 50));
	sqlite3_bind_int64(s, 6, (sqlite3_int64)q->offset);
	rc = remains_rows(st, s, a, sizeof(remains_case), rcase_from_row, (void **)&out->rows, &out->n,
	                  "reading remains cases", err);
	return rc ? rc : rcase_persons(st, out->rows, out->n, a, err);
}

typedef struct by_id_ctx {
	remains_case *out;
	arena *a;
} by_id_ctx;

static void by_id_row(sqlite3_stmt *s, size_t i, void *ctx)
{
	by_id_ctx *c = ctx;
	rcase_from_row(s, c->a, &c->out[i]);
}

pl_rc remains_cases_by_id(store *st, const int64_t *ids, size_t n, arena *a, remains_case *out,
                             pl_err *err)
{
	memset(out, 0, n * sizeof(*out));
	sqlite3_stmt *s;
	pl_rc rc = store_stmt(st, "SELECT " RCASE_COLUMNS ", j.key FROM json_each(?1) j"
	                          " JOIN remains_case c ON c.id = j.value"
	                          " LEFT JOIN remains_batch b ON b.id = c.batch_id", &s, err);
	by_id_ctx c = {out, a};
	if(!rc)
		rc = store_rows_by_ids(st, s, ids, n, RCASE_NCOLUMNS, by_id_row, &c, "reading remains cases",
		                       err);
	if(!rc && arena_oom(a))
		rc = pl_nomem(err);
	return rc ? rc : rcase_persons(st, out, n, a, err);
}

pl_rc remains_cases_all(store *st, const char *batch, arena *a, remains_case **out, size_t *n,
                           pl_err *err)
{
	*out = NULL;
	*n = 0;
	sqlite3_stmt *s;
	pl_rc rc = store_stmt(st, "SELECT " RCASE_COLUMNS RCASE_FROM " WHERE ?1 IS NULL OR b.label = ?1"
	                          " ORDER BY c.tag", &s, err);
	if(rc)
		return rc;
	store_bind_text(s, 1, batch);
	rc = remains_rows(st, s, a, sizeof(remains_case), rcase_from_row, (void **)out, n,
	                  "reading remains cases", err);
	return rc ? rc : rcase_persons(st, *out, *n, a, err);
}

/* ---- one case ----------------------------------------------------------------- */

static void custody_from_row(sqlite3_stmt *s, arena *a, void *item)
{
	remains_custody *e = item;
	const char **cols[] = {&e->holder, &e->since, &e->note, &e->actor, &e->created_at};
	for(int i = 0; i < 5; i++)
		*cols[i] = store_column_dup(s, i, a);
}

static void fragment_from_row(sqlite3_stmt *s, arena *a, void *item)
{
	remains_fragment *f = item;
	f->label = store_column_dup(s, 0, a);
	f->description = store_column_dup(s, 1, a);
	f->person_id = sqlite3_column_int64(s, 2);
}

static void related_from_row(sqlite3_stmt *s, arena *a, void *item)
{
	remains_related *o = item;
	o->person_id = sqlite3_column_int64(s, 0);
	o->tag = store_column_dup(s, 1, a);
	o->batch = store_column_dup(s, 2, a);
	int st = remains_status_parse(store_column_text(s, 3));
	o->status = st < 0 ? RS_UNIDENTIFIED : (remains_status)st;
	o->fragment = sqlite3_column_int(s, 4) != 0;
}

static int by_person_then_tag(const void *x, const void *y)
{
	const remains_related *a = x, *b = y;
	int c = strcmp(a->person, b->person);
	return c ? c : strcmp(a->tag, b->tag);
}

/* The uids of the persons of d's fragments and related cases (the
 * registry's), in one batch; related cases by person, then tag. */
static pl_rc parts_persons(store *st, remains_case_detail *d, arena *a, pl_err *err)
{
	size_t n = d->nfragments + d->nrelated;
	int64_t *ids = arena_calloc(a, n + 1, sizeof(*ids));
	char (*uid)[UID_SIZE] = arena_alloc(a, (n + 1) * UID_SIZE);
	if(!ids || !uid)
		return pl_nomem(err);
	for(size_t i = 0; i < d->nfragments; i++)
		ids[i] = d->fragments[i].person_id;
	for(size_t i = 0; i < d->nrelated; i++)
		ids[d->nfragments + i] = d->related[i].person_id;
	pl_rc rc = registry_person_uids(st, ids, n, uid, err);
	if(rc)
		return rc;
	for(size_t i = 0; i < d->nfragments; i++)
		d->fragments[i].person = uid[i][0] ? uid[i] : NULL;
	for(size_t i = 0; i < d->nrelated; i++)
		d->related[i].person = uid[d->nfragments + i];
	if(d->nrelated)
		qsort(d->related, d->nrelated, sizeof(*d->related), by_person_then_tag);
	return PL_OK;
}

/* The custody chain, the fragments and the related cases of d->c. */
static pl_rc read_parts(store *st, remains_case_detail *d, arena *a, pl_err *err)
{
	sqlite3_stmt *s;
	pl_rc rc = store_stmt(st, "SELECT holder, since, note, actor, created_at FROM remains_custody"
	                          " WHERE case_id = ? ORDER BY id", &s, err);
	if(!rc) {
		sqlite3_bind_int64(s, 1, d->c.id);
		rc = remains_rows(st, s, a, sizeof(remains_custody), custody_from_row, (void **)&d->custody,
		                  &d->ncustody, "reading custody", err);
	}
	if(!rc && !(rc = store_stmt(st, "SELECT label, description, person_id FROM remains_fragment"
	                                " WHERE case_id = ? ORDER BY label", &s, err))) {
		sqlite3_bind_int64(s, 1, d->c.id);
		rc = remains_rows(st, s, a, sizeof(remains_fragment), fragment_from_row,
		                  (void **)&d->fragments, &d->nfragments, "reading fragments", err);
	}
	/* Other cases holding a person this case holds, whole or in part. */
	if(!rc && !(rc = store_stmt(st,
		"WITH mine(pid) AS (SELECT person_id FROM remains_case WHERE id = ?1 AND person_id IS NOT NULL"
		"  UNION SELECT person_id FROM remains_fragment WHERE case_id = ?1 AND person_id IS NOT NULL),"
		" other(pid, cid, frag) AS ("
		"  SELECT c.person_id, c.id, 0 FROM remains_case c JOIN mine ON c.person_id = mine.pid"
		"  WHERE c.id != ?1"
		"  UNION ALL SELECT f.person_id, f.case_id, 1 FROM remains_fragment f JOIN mine"
		"  ON f.person_id = mine.pid WHERE f.case_id != ?1)"
		" SELECT o.pid, c.tag, b.label, c.status, min(o.frag) FROM other o"
		" JOIN remains_case c ON c.id = o.cid LEFT JOIN remains_batch b ON b.id = c.batch_id"
		" GROUP BY o.pid, o.cid", &s, err))) {
		sqlite3_bind_int64(s, 1, d->c.id);
		rc = remains_rows(st, s, a, sizeof(remains_related), related_from_row, (void **)&d->related,
		                  &d->nrelated, "reading related cases", err);
	}
	return rc ? rc : parts_persons(st, d, a, err);
}

pl_rc remains_case_tag(store *st, const char *uid, arena *a, const char **tag, pl_err *err)
{
	sqlite3_stmt *s;
	pl_rc rc = store_stmt(st, "SELECT tag FROM remains_case WHERE uid = ?", &s, err);
	if(rc)
		return rc;
	sqlite3_bind_text(s, 1, uid, -1, SQLITE_STATIC);
	int x = sqlite3_step(s);
	*tag = x == SQLITE_ROW ? store_column_dup(s, 0, a) : NULL;
	sqlite3_reset(s);
	if(x == SQLITE_DONE)
		return pl_failc(err, PL_ENOTFOUND, "remains.no_case", "case", uid, NULL);
	if(x != SQLITE_ROW)
		return store_fail(st, err, x, "reading a remains case");
	return *tag ? PL_OK : pl_nomem(err);
}

pl_rc remains_case_get(store *st, const char *tag, arena *a, remains_case_detail *out,
                          pl_err *err)
{
	memset(out, 0, sizeof(*out));
	bool snapshot = !store_in_transaction(st); /* one for the case and its parts */
	pl_rc rc = snapshot ? store_read_begin(st, err) : PL_OK;
	if(rc)
		return rc;
	rc = rcase_load(st, tag, a, &out->c, err);
	if(!rc)
		rc = read_parts(st, out, a, err);
	if(snapshot)
		store_read_end(st);
	if(!rc && arena_oom(a))
		rc = pl_nomem(err);
	return rc;
}
