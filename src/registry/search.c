/* Search: name words in any script through the FTS5 index of name keys,
 * combined with filters on the person's fields. */
#include <stdlib.h>
#include <string.h>

#include "registry/internal.h"

enum { COUNT_CAP = 10000, MAX_BINDS = 64 };

typedef struct query_sql {
	buf sql;
	const char *text[MAX_BINDS]; /* text parameters, NULL for an integer */
	long long num[MAX_BINDS];
	int n;
	pl_rc rc;                    /* sticky: checked once at the end */
} query_sql;

static void add(query_sql *q, const char *s)
{
	if(!q->rc)
		q->rc = buf_adds(&q->sql, s);
}

static void bind_text(query_sql *q, const char *v)
{
	if(q->n == MAX_BINDS) {
		q->rc = PL_ELIMIT;
		return;
	}
	q->text[q->n++] = v;
	add(q, "?");
}

static void bind_int(query_sql *q, long long v)
{
	if(q->n == MAX_BINDS) {
		q->rc = PL_ELIMIT;
		return;
	}
	q->text[q->n] = NULL;
	q->num[q->n++] = v;
	add(q, "?");
}

static bool enum_has(const field_def *fd, const char *v)
{
	for(int i = 0; fd->kind == FK_ENUM && fd->values[i]; i++)
		if(!strcmp(fd->values[i], v))
			return true;
	return false;
}

/* column IN (values...). "unknown" stands for NULL where it is not itself
 * a value. Each value is checked, so a typo is an error, not an empty list. */
static pl_rc filter_in(query_sql *q, const char *column, const char *list, const char *what,
                       const field_def *fd, arena *a, pl_err *err)
{
	if(!list)
		return PL_OK;
	char *copy = arena_strdup(a, list);
	if(!copy)
		return pl_nomem(err);
	bool unknown = false;
	int n = 0;
	add(q, " AND (");
	add(q, column);
	add(q, " IN (");
	for(char *save = NULL, *v = strtok_r(copy, ",", &save); v; v = strtok_r(NULL, ",", &save)) {
		while(*v == ' ')
			v++;
		if(!*v)
			continue;
		if(!strcmp(v, "unknown") && !enum_has(fd, v)) {
			unknown = true;
			continue;
		}
		const char *why = NULL;
		const char *clean = field_clean(fd, v, (pdate){9999, 12, 31}, a, &why);
		if(!clean) {
			char allowed[512] = "";
			if(fd->kind == FK_ENUM)
				field_values_text(fd, allowed, sizeof(allowed));
			return pl_fail(err, PL_EUSAGE, "--%s: '%s': %s%s%s (or unknown)", what, v,
			               why ? why : "empty", *allowed ? "; expected one of: " : "", allowed);
		}
		if(n++)
			add(q, ", ");
		bind_text(q, clean);
	}
	if(n == 0)
		add(q, "NULL");
	add(q, ")");
	if(unknown) {
		add(q, " OR ");
		add(q, column);
		add(q, " IS NULL");
	}
	add(q, ")");
	return PL_OK;
}

static pl_rc filter_date(query_sql *q, const char *value, const char *what, bool since,
                         pl_err *err)
{
	if(!value)
		return PL_OK;
	pdate d;
	const char *why;
	if(!date_parse(value, &d, &why))
		return pl_fail(err, PL_EUSAGE, "--%s: %s, got '%s'", what, why, value);
	/* Partial capture dates match when they may fall in the range. */
	add(q, since ? " AND p.capture_hi >= " : " AND p.capture_lo < ");
	bind_int(q, date_lo(d));
	return PL_OK;
}

static pl_rc build(registry *r, const person_query *pq, arena *a, query_sql *q, pl_err *err)
{
	pl_rc rc;
	add(q, " FROM person p WHERE 1");
	if(pq->name) {
		names *nm;
		names_term *terms;
		size_t nterms;
		if((rc = registry_names(r, &nm, err)) ||
		   (rc = names_query(nm, pq->name, a, &terms, &nterms, err)))
			return rc;
		if(nterms == 0)
			return pl_fail(err, PL_EUSAGE, "the name '%s' has no letters to search for", pq->name);
		buf match;
		buf_init(&match, 4096);
		for(size_t i = 0; i < nterms && !rc; i++) {
			rc = buf_adds(&match, i ? " AND (" : "(");
			for(int k = 0; k < terms[i].nkeys && !rc; k++)
				rc = buf_printf(&match, "%s\"%s\"*", k ? " OR " : "", terms[i].keys[k]);
			if(!rc)
				rc = buf_addc(&match, ')');
		}
		const char *m = rc ? NULL : arena_strdup(a, buf_str(&match));
		buf_free(&match);
		if(!m)
			return pl_nomem(err);
		add(q, " AND p.id IN (SELECT rowid FROM person_fts WHERE person_fts MATCH ");
		bind_text(q, m);
		add(q, ")");
	}
	if((rc = filter_in(q, "p.party", pq->party, "party", &person_fields[PF_PARTY], a, err)) ||
	   (rc = filter_in(q, "p.held_by", pq->held_by, "held-by", &person_fields[PF_HELD_BY], a, err)) ||
	   (rc = filter_in(q, "p.status", pq->status, "status", &person_status_field, a, err)) ||
	   (rc = filter_in(q, "p.medical", pq->medical, "medical", &person_fields[PF_MEDICAL], a, err)) ||
	   (rc = filter_in(q, "p.branch", pq->branch, "branch", &person_fields[PF_BRANCH], a, err)) ||
	   (rc = filter_date(q, pq->captured_since, "captured-since", true, err)) ||
	   (rc = filter_date(q, pq->captured_before, "captured-before", false, err)))
		return rc;
	if(pq->age_min >= 0 || pq->age_max >= 0) {
		/* Someone whose birth date is partly unknown matches when they may
		 * be of that age; someone with no birth date does not. */
		int32_t on = date_lo(pq->age_on.y ? pq->age_on : r->today);
		if(pq->age_min >= 0) {
			add(q, " AND p.birth_lo <= ");
			bind_int(q, date_ymd_add_years(on, -pq->age_min));
		}
		if(pq->age_max >= 0) {
			add(q, " AND p.birth_hi > ");
			bind_int(q, date_ymd_add_years(on, -(pq->age_max + 1)));
		}
	}
	return q->rc ? pl_nomem(err) : PL_OK;
}

static pl_rc prepare(registry *r, const query_sql *q, const char *head, const char *tail,
                     sqlite3_stmt **s, pl_err *err)
{
	char *sql = sqlite3_mprintf("%s%s%s", head, buf_str(&q->sql), tail);
	if(!sql)
		return pl_nomem(err);
	int x = sqlite3_prepare_v2(store_db(r->st), sql, -1, s, NULL);
	sqlite3_free(sql);
	if(x)
		return store_fail(r->st, err, x, "searching");
	for(int i = 0; i < q->n; i++) {
		if(q->text[i])
			sqlite3_bind_text(*s, i + 1, q->text[i], -1, SQLITE_STATIC);
		else
			sqlite3_bind_int64(*s, i + 1, q->num[i]);
	}
	return PL_OK;
}

pl_rc registry_search(registry *r, const person_query *pq, arena *a, person_page *out,
                      pl_err *err)
{
	memset(out, 0, sizeof(*out));
	query_sql q = {.n = 0};
	buf_init(&q.sql, 0);
	pl_rc rc = build(r, pq, a, &q, err);
	sqlite3_stmt *s = NULL;
	if(!rc)
		rc = prepare(r, &q, "SELECT count(*) FROM (SELECT 1", " LIMIT 10001)", &s, err);
	if(!rc) {
		int x = sqlite3_step(s);
		if(x == SQLITE_ROW) {
			long long c = sqlite3_column_int64(s, 0);
			out->total_capped = c > COUNT_CAP;
			out->total = (size_t)(c > COUNT_CAP ? COUNT_CAP : c);
		} else {
			rc = store_fail(r->st, err, x, "counting");
		}
		sqlite3_finalize(s);
		s = NULL;
	}
	if(!rc) {
		char *head = sqlite3_mprintf("SELECT %s", person_select_columns(r));
		char *tail = sqlite3_mprintf(" ORDER BY p.sort_key, p.id LIMIT %zu OFFSET %zu",
		                             pq->limit ? pq->limit : 50, pq->offset);
		rc = head && tail ? prepare(r, &q, head, tail, &s, err) : pl_nomem(err);
		sqlite3_free(head);
		sqlite3_free(tail);
	}
	if(!rc) {
		size_t cap = pq->limit ? pq->limit : 50;
		out->rows = arena_alloc(a, sizeof(person) * cap);
		int x;
		while(out->rows && out->n < cap && (x = sqlite3_step(s)) == SQLITE_ROW)
			person_from_row(s, 0, a, &out->rows[out->n++]);
		if(!out->rows || arena_oom(a))
			rc = pl_nomem(err);
		else if(out->n < cap && x != SQLITE_DONE)
			rc = store_fail(r->st, err, x, "searching");
	}
	sqlite3_finalize(s);
	buf_free(&q.sql);
	return rc;
}
