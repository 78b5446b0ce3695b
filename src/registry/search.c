/* Search: name words in any script through the FTS5 index of name keys,
 * combined with filters on the person's fields. */
#include <stdlib.h>
#include <string.h>

#include "registry/internal.h"

enum { COUNT_CAP = 10000, MAX_BINDS = 64 };

typedef struct query_sql {
	buf sql;                     /* the filters: " AND ..." conditions on p */
	const char *match;           /* the FTS5 query of the name, or NULL */
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
			return pl_failc(err, PL_EINPUT, *allowed ? "search.bad_enum" : "search.bad_value",
			                "option", what, "value", v, "why", why ? field_why_arg(why) : "search.empty",
			                "allowed", allowed, NULL);
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
		return pl_failc(err, PL_EINPUT, "search.bad_date", "option", what, "why", field_why_arg(why),
		                "value", value, NULL);
	/* Partial capture dates match when they may fall in the range. */
	add(q, since ? " AND p.capture_hi >= " : " AND p.capture_lo < ");
	bind_int(q, date_lo(d));
	return PL_OK;
}

/* Is `key` a word of some stored name? Asked of the index itself: its
 * first document with that exact term, found at once whatever the term's
 * frequency (the fts5vocab table counted every document of the term, 2 ms
 * for a common given name at a million persons). */
static pl_rc indexed_word(registry *r, const char *key, bool *yes, pl_err *err)
{
	sqlite3_stmt *s;
	pl_rc rc = store_stmt(r->st, "SELECT 1 FROM person_fts WHERE person_fts MATCH ? LIMIT 1", &s, err);
	if(rc)
		return rc;
	char term[256]; /* a key is at most 127 letters */
	snprintf(term, sizeof(term), "\"%s\"", key); /* keys are a-z only */
	sqlite3_bind_text(s, 1, term, -1, SQLITE_TRANSIENT);
	int x = sqlite3_step(s);
	*yes = x == SQLITE_ROW;
	sqlite3_reset(s);
	return x == SQLITE_ROW || x == SQLITE_DONE ? PL_OK : store_fail(r->st, err, x, "searching");
}

static pl_rc build(registry *r, const person_query *pq, arena *a, query_sql *q, pl_err *err)
{
	pl_rc rc;
	if(pq->name) {
		names *nm;
		names_term *terms;
		size_t nterms;
		if((rc = registry_names(r->st, &nm, err)) ||
		   (rc = names_query(nm, pq->name, a, &terms, &nterms, err)))
			return rc;
		if(nterms == 0)
			return pl_failc(err, PL_EUSAGE, "search.no_letters", "name", pq->name, NULL);
		buf match;
		buf_init(&match, 4096);
		for(size_t i = 0; i < nterms && !rc; i++) {
			/* A word the index holds is a complete name: matched exactly, it
			 * finds that name and not every longer word (Олександр, not also
			 * the patronymic Олександрович), and fast. Any other word is the
			 * start of one. The equivalents are complete words. */
			bool whole;
			if((rc = indexed_word(r, terms[i].keys[0], &whole, err)))
				break;
			rc = buf_printf(&match, "%s(\"%s\"%s", i ? " AND " : "", terms[i].keys[0],
			                whole ? "" : "*");
			for(int k = 1; k < terms[i].nkeys && !rc; k++)
				rc = buf_printf(&match, " OR \"%s\"", terms[i].keys[k]);
			if(!rc)
				rc = buf_addc(&match, ')');
		}
		if(rc && rc != PL_ENOMEM && rc != PL_ELIMIT) {
			buf_free(&match);
			return rc;
		}
		const char *m = rc ? NULL : arena_strdup(a, buf_str(&match));
		buf_free(&match);
		if(!m)
			return pl_nomem(err);
		q->match = m;
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
		int32_t on = date_lo(pq->age_on.y ? pq->age_on : store_today(r->st));
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

/* head, from (which ends in a WHERE clause), the filters, tail; the name's
 * match is parameter 1 when `from` uses it. */
static pl_rc prepare(registry *r, const query_sql *q, const char *head, const char *from,
                     const char *tail, sqlite3_stmt **s, pl_err *err)
{
	char *sql = sqlite3_mprintf("%s %s%s%s", head, from, buf_str(&q->sql), tail);
	if(!sql)
		return pl_nomem(err);
	int x = sqlite3_prepare_v2(store_db(r->st), sql, -1, s, NULL);
	sqlite3_free(sql);
	if(x)
		return store_fail(r->st, err, x, "searching");
	int first = 1;
	if(strstr(from, "MATCH"))
		sqlite3_bind_text(*s, first++, q->match, -1, SQLITE_STATIC);
	for(int i = 0; i < q->n; i++) {
		if(q->text[i])
			sqlite3_bind_text(*s, first + i, q->text[i], -1, SQLITE_STATIC);
		else
			sqlite3_bind_int64(*s, first + i, q->num[i]);
	}
	return PL_OK;
}

/* Rows of from (with q's filters, if with_filters), counted up to cap + 1. */
static pl_rc count(registry *r, const query_sql *q, bool with_filters, const char *from,
                   long long cap, long long *out, pl_err *err)
{
	query_sql bare = {.match = q->match};
	buf_init(&bare.sql, 0);
	char tail[64];
	snprintf(tail, sizeof(tail), " LIMIT %lld)", cap + 1);
	sqlite3_stmt *s;
	pl_rc rc = prepare(r, with_filters ? q : &bare, "SELECT count(*) FROM (SELECT 1", from, tail,
	                   &s, err);
	buf_free(&bare.sql);
	if(rc)
		return rc;
	int x = sqlite3_step(s);
	*out = x == SQLITE_ROW ? sqlite3_column_int64(s, 0) : 0;
	sqlite3_finalize(s);
	return x == SQLITE_ROW ? PL_OK : store_fail(r->st, err, x, "counting");
}

/* Where the rows come from. A name matching up to SEARCH_SORT_MAX persons:
 * all of them, sorted by name. A broader name: walked in the index's order,
 * which stops at the page's end instead of reading every match. */
static const char from_all[] = "FROM person p WHERE 1";
static const char from_index[] = "FROM person_fts WHERE person_fts MATCH ?";
static const char from_name[] =
	"FROM person p WHERE p.id IN (SELECT rowid FROM person_fts WHERE person_fts MATCH ?)";
static const char from_name_walk[] =
	"FROM person_fts f JOIN person p ON p.id = f.rowid WHERE person_fts MATCH ?";
/* With filters, a broad name is counted over its first SAMPLE matches. */
enum { SAMPLE = 10000, BROAD_COUNT_CAP = 1000 };
static const char from_name_sample[] =
	"FROM (SELECT rowid AS rid FROM person_fts WHERE person_fts MATCH ? LIMIT 10000) f"
	" JOIN person p ON p.id = f.rid WHERE 1";

static pl_rc total(registry *r, const query_sql *q, bool *broad, person_page *out, pl_err *err)
{
	long long matches = 0, n = 0, cap = COUNT_CAP;
	bool filtered = q->n > 0, lower_bound = false;
	pl_rc rc = PL_OK;
	*broad = false;
	if(q->match) { /* from the index alone: cheap even for a common name */
		rc = count(r, q, false, from_index, COUNT_CAP, &matches, err);
		*broad = matches > SEARCH_SORT_MAX;
	}
	if(rc)
		return rc;
	if(!*broad) {
		rc = count(r, q, true, q->match ? from_name : from_all, cap, &n, err);
	} else if(!filtered) {
		n = matches;
	} else {
		cap = BROAD_COUNT_CAP;
		rc = count(r, q, true, from_name_sample, cap, &n, err);
		lower_bound = matches > SAMPLE;
	}
	out->total_capped = n > cap || lower_bound;
	out->total = (size_t)(n > cap ? cap : n);
	out->name_order = !*broad;
	return rc;
}

/* A match, with its sort key. */
typedef struct hit {
	int64_t id;
	const unsigned char *key;
	int len;
} hit;

/* By sort key as SQLite orders blobs, then by id: ORDER BY p.sort_key, p.id. */
static int hit_cmp(const void *va, const void *vb)
{
	const hit *a = va, *b = vb;
	int c = memcmp(a->key, b->key, (size_t)(a->len < b->len ? a->len : b->len));
	if(!c)
		c = (a->len > b->len) - (a->len < b->len);
	return c ? c : (a->id > b->id) - (a->id < b->id);
}

/* A name and nothing else, the common search: the index read once for
 * the matches' ids (up to SEARCH_SORT_MAX + 1: their count, and whether
 * they are few enough to sort), then only their sort keys read, sorted
 * here, and only the page's persons read whole. In one SQL query the index
 * was read twice (count, then rows) and every match's whole row went into
 * the sorter: three times the time at a million persons. *broad: more
 * than SEARCH_SORT_MAX, for the caller to list in registry order; the
 * total then says "more than" that. */
static pl_rc name_page(registry *r, const query_sql *q, const person_query *pq, arena *a,
                       person_page *out, bool *broad, pl_err *err)
{
	sqlite3_stmt *s;
	pl_rc rc = store_stmt(r->st, "SELECT rowid FROM person_fts WHERE person_fts MATCH ? LIMIT ?",
	                      &s, err);
	if(rc)
		return rc;
	hit *h = arena_alloc(a, (SEARCH_SORT_MAX + 1) * sizeof(hit));
	if(!h)
		return pl_nomem(err);
	sqlite3_bind_text(s, 1, q->match, -1, SQLITE_STATIC);
	sqlite3_bind_int(s, 2, SEARCH_SORT_MAX + 1);
	size_t n = 0;
	int x;
	while((x = sqlite3_step(s)) == SQLITE_ROW)
		h[n++].id = sqlite3_column_int64(s, 0);
	sqlite3_reset(s);
	if(x != SQLITE_DONE)
		return store_fail(r->st, err, x, "searching");
	*broad = n > SEARCH_SORT_MAX;
	if(*broad) {
		out->total = SEARCH_SORT_MAX;
		out->total_capped = true;
		return PL_OK;
	}
	/* The sort keys of those ids in one statement (a step per id cost as
	 * much again), the ids handed over as a JSON array. */
	buf ids;
	buf_init(&ids, n * 8 + 2);
	rc = buf_addc(&ids, '[');
	for(size_t i = 0; i < n && !rc; i++)
		rc = buf_printf(&ids, i ? ",%lld" : "%lld", (long long)h[i].id);
	if(!rc)
		rc = buf_addc(&ids, ']');
	if(!rc)
		rc = store_stmt(r->st, "SELECT p.id, p.sort_key FROM json_each(?) j JOIN person p"
		                       " ON p.id = j.value", &s, err);
	else
		rc = pl_nomem(err);
	if(rc) {
		buf_free(&ids);
		return rc;
	}
	sqlite3_bind_text(s, 1, buf_str(&ids), (int)ids.len, SQLITE_STATIC);
	size_t m = 0; /* an id the table lacks (the index drifted) is left out */
	while((x = sqlite3_step(s)) == SQLITE_ROW && m < n) {
		h[m].id = sqlite3_column_int64(s, 0);
		h[m].len = sqlite3_column_bytes(s, 1);
		unsigned char *k = arena_alloc(a, (size_t)h[m].len + 1);
		if(k && h[m].len)
			memcpy(k, sqlite3_column_blob(s, 1), (size_t)h[m].len);
		h[m++].key = k;
	}
	sqlite3_reset(s);
	buf_free(&ids);
	if(x != SQLITE_DONE && x != SQLITE_ROW)
		return store_fail(r->st, err, x, "searching");
	if(arena_oom(a))
		return pl_nomem(err);
	qsort(h, m, sizeof(hit), hit_cmp);
	out->total = m;
	out->name_order = true;
	size_t limit = pq->limit ? pq->limit : 50;
	size_t from = pq->offset < m ? pq->offset : m, to = m - from > limit ? from + limit : m;
	if(!(out->rows = arena_alloc(a, sizeof(person) * (to - from + 1))))
		return pl_nomem(err);
	if((rc = store_stmt(r->st, buf_str(&r->sql_by_id), &s, err)))
		return rc;
	for(size_t i = from; i < to; i++) {
		sqlite3_bind_int64(s, 1, h[i].id);
		if((x = sqlite3_step(s)) == SQLITE_ROW)
			person_from_row(s, 0, a, &out->rows[out->n++]);
		sqlite3_reset(s);
		if(x != SQLITE_ROW && x != SQLITE_DONE)
			return store_fail(r->st, err, x, "searching");
	}
	return arena_oom(a) ? pl_nomem(err) : PL_OK;
}

pl_rc registry_search(store *st, const person_query *pq, arena *a, person_page *out,
                         pl_err *err)
{
	registry *r;
	pl_rc rc = registry_get(st, &r, err);
	if(rc)
		return rc;
	memset(out, 0, sizeof(*out));
	query_sql q = {.n = 0};
	buf_init(&q.sql, 0);
	bool broad = false;
	rc = build(r, pq, a, &q, err);
	bool listed = false; /* name_page listed them */
	if(!rc && q.match && q.n == 0) {
		rc = name_page(r, &q, pq, a, out, &broad, err);
		listed = !broad;
	} else if(!rc) {
		rc = total(r, &q, &broad, out, err);
	}
	sqlite3_stmt *s = NULL;
	if(!rc && !listed) {
		const char *from = !q.match ? from_all : broad ? from_name_walk : from_name;
		char *head = sqlite3_mprintf("SELECT %s", person_select_columns(r));
		char *tail = sqlite3_mprintf(" ORDER BY %s LIMIT %lld OFFSET %lld",
		                             broad ? "f.rowid" : "p.sort_key, p.id",
		                             (long long)(pq->limit ? pq->limit : 50), (long long)pq->offset);
		rc = head && tail ? prepare(r, &q, head, from, tail, &s, err) : pl_nomem(err);
		sqlite3_free(head);
		sqlite3_free(tail);
	}
	if(!rc && !listed) {
		size_t cap = pq->limit ? pq->limit : 50;
		out->rows = arena_alloc(a, sizeof(person) * cap);
		int x = SQLITE_DONE;
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
