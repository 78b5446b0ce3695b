/* Search: name words in any script through the name index (person_key:
 * (key, sort_key, person_id), so a key's persons come in name order),
 * combined with filters on the person's fields. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "registry/internal.h"

enum { COUNT_CAP = 10000, MAX_BINDS = 64, SAMPLE = 10000 };

typedef struct query_sql {
	buf sql;                     /* the filters: " AND ..." conditions on p */
	names_term *terms;           /* the name's words, or NULL */
	size_t nterms;
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

static pl_rc count(registry *r, const query_sql *q, const char *from, long long cap,
                   long long *out, pl_err *err);

/* q AND (head ... part's conditions and bindings ...). */
static void add_within(query_sql *q, const char *head, const query_sql *part)
{
	add(q, head);
	add(q, buf_str(&part->sql));
	add(q, ")");
	for(int i = 0; i < part->n && !q->rc; i++) {
		if(q->n == MAX_BINDS) {
			q->rc = PL_ELIMIT;
			break;
		}
		q->text[q->n] = part->text[i];
		q->num[q->n++] = part->num[i];
	}
}

/* The status, a row of person_state. With a name, each match's row is
 * tested. Without one the persons are listed in name order, and how
 * depends on how many of the N persons have the statuses asked for, m.
 * Found through the statuses' index, the m are read and sorted: about
 * 4.5 µs each. Taken in name order and tested, about N / m persons are
 * read for each match, 1.2 µs each, up to the count's cap (COUNT_CAP):
 * COUNT_CAP * N / m of them. The index is cheaper while m * m is under
 * COUNT_CAP * N * 1.2 / 4.5, about 2,700 N: up to 52,000 at a million
 * persons (the 34,000 identified: 0.16 s through the index, 0.5 s in name
 * order; the 5,276 in transit 0.06 and 1.8 s), and the 378,917 held in
 * name order (0.09 s; sorting them 0.7 s). The persons' ids are never
 * reused, so the largest is N near enough. */
static pl_rc filter_status(registry *r, query_sql *q, const person_query *pq, arena *a,
                           pl_err *err)
{
	static const char tested[] = " AND EXISTS (SELECT 1 FROM person_state WHERE person_id = p.id";
	static const char indexed[] = " AND p.id IN (SELECT person_id FROM person_state WHERE 1";
	if(!pq->status)
		return PL_OK;
	query_sql only = {.n = 0};
	buf_init(&only.sql, 0);
	pl_rc rc = filter_in(&only, "status", pq->status, "status", &person_status_field, a, err);
	if(!rc && only.rc)
		rc = pl_nomem(err);
	const char *head = tested;
	if(!rc && !pq->name) {
		sqlite3_stmt *s;
		long long persons = 0, few, n = 0;
		if(!(rc = store_stmt(r->st, "SELECT max(person_id) FROM person_state", &s, err))) {
			if(sqlite3_step(s) == SQLITE_ROW)
				persons = sqlite3_column_int64(s, 0);
			sqlite3_reset(s);
			few = (long long)sqrt(COUNT_CAP * 1.2 / 4.5 * (double)persons);
			rc = count(r, &only, "FROM person_state WHERE 1", few, &n, err);
			head = n > few ? tested : indexed;
		}
	}
	if(!rc)
		add_within(q, head, &only);
	buf_free(&only.sql);
	return rc;
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
		q->terms = terms;
		q->nterms = nterms;
	}
	if((rc = filter_in(q, "p.party", pq->party, "party", &person_fields[PF_PARTY], a, err)) ||
	   (rc = filter_in(q, "p.held_by", pq->held_by, "held-by", &person_fields[PF_HELD_BY], a, err)) ||
	   (rc = filter_status(r, q, pq, a, err)) ||
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

/* head, from (which ends in a WHERE clause), the filters, tail; with
 * `by_id`, parameter 1 is a person's id and the filters' come after. */
static pl_rc prepare(registry *r, const query_sql *q, const char *head, const char *from,
                     const char *tail, bool by_id, sqlite3_stmt **s, pl_err *err)
{
	char *sql = sqlite3_mprintf("%s %s%s%s", head, from, buf_str(&q->sql), tail);
	if(!sql)
		return pl_nomem(err);
	int x = sqlite3_prepare_v2(store_db(r->st), sql, -1, s, NULL);
	sqlite3_free(sql);
	if(x)
		return store_fail(r->st, err, x, "searching");
	int first = by_id ? 2 : 1;
	for(int i = 0; i < q->n; i++) {
		if(q->text[i])
			sqlite3_bind_text(*s, first + i, q->text[i], -1, SQLITE_STATIC);
		else
			sqlite3_bind_int64(*s, first + i, q->num[i]);
	}
	return PL_OK;
}

/* Rows of from (with q's filters), counted up to cap + 1. */
static pl_rc count(registry *r, const query_sql *q, const char *from, long long cap,
                   long long *out, pl_err *err)
{
	char tail[64];
	snprintf(tail, sizeof(tail), " LIMIT %lld)", cap + 1);
	sqlite3_stmt *s;
	pl_rc rc = prepare(r, q, "SELECT count(*) FROM (SELECT 1", from, tail, false, &s, err);
	if(rc)
		return rc;
	int x = sqlite3_step(s);
	*out = x == SQLITE_ROW ? sqlite3_column_int64(s, 0) : 0;
	sqlite3_finalize(s);
	return x == SQLITE_ROW ? PL_OK : store_fail(r->st, err, x, "counting");
}

/* Filters alone, no name: every person, by name. */
static const char from_all[] = "FROM person p WHERE 1";

/* ---- the name: ranges of the name index, walked in name order ---------- */

/* A place in name order: a sort key (at most 40 bytes: names_sort_key)
 * and a person's id, as the index orders them (blobs as memcmp, then the
 * shorter first; then the id). */
typedef struct pos {
	unsigned char sk[SEARCH_SORT_KEY_MAX];
	int len;
	int64_t id;
} pos;

static int pos_cmp(const pos *a, const pos *b)
{
	int c = memcmp(a->sk, b->sk, (size_t)(a->len < b->len ? a->len : b->len));
	if(!c)
		c = (a->len > b->len) - (a->len < b->len);
	return c ? c : (a->id > b->id) - (a->id < b->id);
}

/* One key's persons, from a place on. */
typedef struct cursor {
	sqlite3_stmt *s;
	char key[128];               /* a key is at most 127 letters */
	pos at;
	bool done;
} cursor;

/* A word of the query: the union of its keys' cursors; `at` is the least
 * of them. */
typedef struct term {
	cursor *c;
	int n;
	pos at;
	bool done;
} term;

typedef struct walk {
	registry *r;
	cursor cur[SEARCH_CURSORS];
	int ncur;
	term t[8];                   /* names_query gives at most 8 words */
	int nt;
	bool partial;                /* a word being typed starts more keys than it has cursors */
} walk;

static const char sql_range[] =
	"SELECT sort_key, person_id FROM person_key WHERE key = ?1 AND (sort_key, person_id) >= (?2, ?3)"
	" ORDER BY sort_key, person_id";

static pl_rc cur_step(walk *w, cursor *c, pl_err *err)
{
	int x = sqlite3_step(c->s);
	if(x == SQLITE_DONE) {
		c->done = true;
		return PL_OK;
	}
	if(x != SQLITE_ROW)
		return store_fail(w->r->st, err, x, "searching");
	int len = sqlite3_column_bytes(c->s, 0);
	c->at.len = len < SEARCH_SORT_KEY_MAX ? len : SEARCH_SORT_KEY_MAX;
	if(c->at.len)
		memcpy(c->at.sk, sqlite3_column_blob(c->s, 0), (size_t)c->at.len);
	c->at.id = sqlite3_column_int64(c->s, 1);
	return PL_OK;
}

/* Position c on the first row at or after `from` (NULL: its first). */
static pl_rc cur_seek(walk *w, cursor *c, const pos *from, pl_err *err)
{
	sqlite3_reset(c->s);
	sqlite3_bind_text(c->s, 1, c->key, -1, SQLITE_STATIC);
	if(from) { /* copied: the statement reads it again as it steps */
		sqlite3_bind_blob(c->s, 2, from->sk, from->len, SQLITE_TRANSIENT);
		sqlite3_bind_int64(c->s, 3, from->id);
	} else {
		sqlite3_bind_blob(c->s, 2, "", 0, SQLITE_STATIC);
		sqlite3_bind_int64(c->s, 3, INT64_MIN);
	}
	c->done = false;
	return cur_step(w, c, err);
}

static pl_rc cur_add(walk *w, term *t, const char *key, size_t len, pl_err *err)
{
	if(w->ncur == SEARCH_CURSORS || len >= sizeof(w->cur[0].key)) {
		w->partial = true;
		return PL_OK;
	}
	int i = w->ncur;
	if(!w->r->cursor[i]) {
		int x = sqlite3_prepare_v3(store_db(w->r->st), sql_range, -1, SQLITE_PREPARE_PERSISTENT,
		                           &w->r->cursor[i], NULL);
		if(x)
			return store_fail(w->r->st, err, x, "searching");
	}
	cursor *c = &w->cur[w->ncur++];
	c->s = w->r->cursor[i];
	memcpy(c->key, key, len);
	c->key[len] = '\0';
	t->n++;
	return cur_seek(w, c, NULL, err);
}

static void term_settle(term *t)
{
	const pos *least = NULL;
	for(int i = 0; i < t->n; i++)
		if(!t->c[i].done && (!least || pos_cmp(&t->c[i].at, least) < 0))
			least = &t->c[i].at;
	t->done = !least;
	if(least)
		t->at = *least;
}

/* Past the current person (every key of theirs in this word). */
static pl_rc term_next(walk *w, term *t, pl_err *err)
{
	pl_rc rc = PL_OK;
	for(int i = 0; i < t->n && !rc; i++)
		if(!t->c[i].done && !pos_cmp(&t->c[i].at, &t->at))
			rc = cur_step(w, &t->c[i], err);
	term_settle(t);
	return rc;
}

/* To the first person at or after `to`: a key a few rows short steps
 * there, one further away seeks (a new search of the b-tree). */
static pl_rc term_seek(walk *w, term *t, const pos *to, pl_err *err)
{
	pl_rc rc = PL_OK;
	for(int i = 0; i < t->n && !rc; i++) {
		cursor *c = &t->c[i];
		for(int k = 0; k < 4 && !rc && !c->done && pos_cmp(&c->at, to) < 0; k++)
			rc = cur_step(w, c, err);
		if(!rc && !c->done && pos_cmp(&c->at, to) < 0)
			rc = cur_seek(w, c, to, err);
	}
	term_settle(t);
	return rc;
}

/* Is `key` a key of some stored name? */
static pl_rc key_exists(registry *r, const char *key, bool *yes, pl_err *err)
{
	sqlite3_stmt *s;
	pl_rc rc = store_stmt(r->st, "SELECT 1 FROM person_key WHERE key = ?1 LIMIT 1", &s, err);
	if(rc)
		return rc;
	sqlite3_bind_text(s, 1, key, -1, SQLITE_STATIC);
	int x = sqlite3_step(s);
	*yes = x == SQLITE_ROW;
	sqlite3_reset(s);
	return x == SQLITE_ROW || x == SQLITE_DONE ? PL_OK : store_fail(r->st, err, x, "searching");
}

/* The keys a word being typed starts (aleks: aleksandr, aleksandrovic,
 * aleksei...), each found by one seek past the last. */
static pl_rc prefix_keys(walk *w, term *t, const char *prefix, pl_err *err)
{
	sqlite3_stmt *s;
	pl_rc rc = store_stmt(w->r->st, "SELECT key FROM person_key WHERE key > ?1 AND key < ?2"
	                                " ORDER BY key LIMIT 1", &s, err);
	if(rc)
		return rc;
	char last[128], end[130];
	snprintf(last, sizeof(last), "%s", prefix);
	snprintf(end, sizeof(end), "%s{", prefix); /* keys are a-z: '{' follows 'z' */
	for(;;) {
		sqlite3_reset(s);
		sqlite3_bind_text(s, 1, last, -1, SQLITE_STATIC);
		sqlite3_bind_text(s, 2, end, -1, SQLITE_STATIC);
		int x = sqlite3_step(s);
		if(x == SQLITE_DONE)
			break;
		if(x != SQLITE_ROW)
			return store_fail(w->r->st, err, x, "searching");
		const char *k = (const char *)sqlite3_column_text(s, 0);
		size_t len = (size_t)sqlite3_column_bytes(s, 0);
		if(w->ncur == SEARCH_CURSORS || len >= sizeof(last)) {
			w->partial = true;
			break;
		}
		memcpy(last, k, len + 1);
		if((rc = cur_add(w, t, last, len, err)))
			break;
	}
	sqlite3_reset(s);
	return rc;
}

/* A word the index holds is a complete name: matched exactly, it finds
 * that name and not every longer word (Олександр, not also the patronymic
 * Олександрович). Any other word is the start of one. The equivalents are
 * complete words. */
static pl_rc walk_open(walk *w, registry *r, const query_sql *q, pl_err *err)
{
	memset(w, 0, sizeof(*w));
	w->r = r;
	pl_rc rc = PL_OK;
	for(size_t i = 0; i < q->nterms && !rc; i++) {
		const names_term *nt = &q->terms[i];
		term *t = &w->t[w->nt++];
		t->c = &w->cur[w->ncur];
		bool whole;
		if(!(rc = key_exists(r, nt->keys[0], &whole, err)))
			rc = whole ? cur_add(w, t, nt->keys[0], strlen(nt->keys[0]), err)
			           : prefix_keys(w, t, nt->keys[0], err);
		for(int k = 1; k < nt->nkeys && !rc; k++)
			if(!(rc = key_exists(r, nt->keys[k], &whole, err)) && whole)
				rc = cur_add(w, t, nt->keys[k], strlen(nt->keys[k]), err);
		term_settle(t);
	}
	return rc;
}

/* The next person every word matches, from the words' current places on
 * (a leapfrog: each word seeks to the furthest of them until all agree).
 * *found false: no more. */
static pl_rc walk_next(walk *w, bool *found, pl_err *err)
{
	*found = false;
	for(;;) {
		const term *far = &w->t[0];
		for(int i = 0; i < w->nt; i++) {
			if(w->t[i].done)
				return PL_OK;
			if(pos_cmp(&w->t[i].at, &far->at) > 0)
				far = &w->t[i];
		}
		pos to = far->at;
		bool agree = true;
		for(int i = 0; i < w->nt; i++) {
			term *t = &w->t[i];
			if(pos_cmp(&t->at, &to) < 0) {
				pl_rc rc = term_seek(w, t, &to, err);
				if(rc)
					return rc;
				if(t->done)
					return PL_OK;
			}
			agree = agree && !pos_cmp(&t->at, &to);
		}
		if(agree) {
			*found = true;
			return PL_OK;
		}
	}
}

/* The most persons under any one key of the walk, counted up to cap + 1
 * over each key's range without reading its rows: for one word, a lower
 * bound of its total; for one key, the total. */
static pl_rc most_under_a_key(walk *w, size_t cap, size_t *most, pl_err *err)
{
	sqlite3_stmt *s;
	pl_rc rc = store_stmt(w->r->st, "SELECT count(*) FROM (SELECT 1 FROM person_key WHERE key = ?1"
	                                " LIMIT ?2)", &s, err);
	*most = 0;
	for(int i = 0; i < w->ncur && !rc && *most <= cap; i++) {
		sqlite3_reset(s);
		sqlite3_bind_text(s, 1, w->cur[i].key, -1, SQLITE_STATIC);
		sqlite3_bind_int64(s, 2, (long long)cap + 1);
		int x = sqlite3_step(s);
		if(x != SQLITE_ROW) {
			rc = store_fail(w->r->st, err, x, "counting");
		} else {
			size_t n = (size_t)sqlite3_column_int64(s, 0);
			*most = n > *most ? n : *most;
		}
	}
	sqlite3_reset(s);
	return rc;
}

/* The matches of a name (and the filters, tested on each match's row), in
 * name order: the page's persons read whole, the rest counted up to
 * SEARCH_SORT_MAX ("more than 2,000"). A one-word name stops counting as
 * soon as one of its keys alone holds more. */
static pl_rc name_page(registry *r, const query_sql *q, const person_query *pq, arena *a,
                       person_page *out, pl_err *err)
{
	walk *w = arena_alloc(a, sizeof(*w));
	if(!w)
		return pl_nomem(err);
	pl_rc rc = walk_open(w, r, q, err);
	sqlite3_stmt *f = NULL, *s;
	if(!rc && q->n > 0)
		rc = prepare(r, q, "SELECT 1", "FROM person p WHERE p.id = ?1", "", true, &f, err);
	if(!rc)
		rc = store_stmt(r->st, buf_str(&r->sql_by_id), &s, err);
	size_t limit = pq->limit ? pq->limit : 50, cap = SEARCH_SORT_MAX, matched = 0;
	if(!rc && !(out->rows = arena_alloc(a, sizeof(person) * (limit + 1))))
		rc = pl_nomem(err);
	bool found = false, over = false, asked = false;
	size_t walked = 0;
	bool sampled = false;
	while(!rc && !(rc = walk_next(w, &found, err)) && found) {
		int64_t id = w->t[0].at.id;
		bool pass = true;
		if(f) {
			sqlite3_reset(f);
			sqlite3_bind_int64(f, 1, id);
			int x = sqlite3_step(f);
			if(x != SQLITE_ROW && x != SQLITE_DONE)
				rc = store_fail(r->st, err, x, "searching");
			pass = x == SQLITE_ROW;
		}
		if(!rc && pass && matched >= pq->offset && out->n < limit) {
			sqlite3_bind_int64(s, 1, id);
			int x = sqlite3_step(s);
			if(x == SQLITE_ROW)
				person_from_row(s, 0, a, &out->rows[out->n++]);
			sqlite3_reset(s);
			if(x != SQLITE_ROW && x != SQLITE_DONE)
				rc = store_fail(r->st, err, x, "searching");
		}
		matched += pass;
		walked++;
		bool paged = out->n == limit || matched >= pq->offset + limit;
		/* With filters, each match's row is read: once the page is full,
		 * counted over the first SAMPLE matches of the name only. */
		sampled = f && paged && walked >= SAMPLE;
		if(!rc && paged && !f && w->nt == 1 && !asked) {
			/* One word: its largest key may already say "more than
			 * 2,000", and a single key's count is the total. */
			size_t most;
			asked = true;
			if(!(rc = most_under_a_key(w, cap, &most, err))) {
				over = most > cap;
				if(w->ncur == 1 && !w->partial && !over) {
					matched = most;
					break;
				}
			}
		}
		if(rc || (paged && (over || sampled || matched > cap)))
			break;
		rc = term_next(w, &w->t[0], err);
	}
	sqlite3_finalize(f);
	/* Reset: a statement left part-way holds its read transaction open,
	 * and the connection's next write would then fail as busy. */
	for(int i = 0; i < w->ncur; i++)
		sqlite3_reset(w->cur[i].s);
	if(rc)
		return rc;
	out->total = over || matched > cap ? cap : matched;
	out->total_capped = over || matched > cap || sampled;
	/* A word that starts more keys than there are cursors was walked over
	 * its first keys only: neither in name order nor complete. */
	out->name_order = !w->partial;
	if(w->partial)
		out->total_capped = true;
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
	rc = build(r, pq, a, &q, err);
	if(!rc && q.terms) {
		rc = name_page(r, &q, pq, a, out, err);
		buf_free(&q.sql);
		return rc;
	}
	long long n = 0;
	if(!rc)
		rc = count(r, &q, from_all, COUNT_CAP, &n, err);
	out->total_capped = n > COUNT_CAP;
	out->total = (size_t)(n > COUNT_CAP ? COUNT_CAP : n);
	out->name_order = true;
	sqlite3_stmt *s = NULL;
	if(!rc) {
		char *head = sqlite3_mprintf("SELECT %s", person_select_columns(r));
		char *tail = sqlite3_mprintf(" ORDER BY p.sort_key, p.id LIMIT %lld OFFSET %lld",
		                             (long long)(pq->limit ? pq->limit : 50), (long long)pq->offset);
		rc = head && tail ? prepare(r, &q, head, from_all, tail, false, &s, err) : pl_nomem(err);
		sqlite3_free(head);
		sqlite3_free(tail);
	}
	if(!rc) {
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
