/* Counts for the dashboard and `parley stats`. */
#include <string.h>

#include "registry/internal.h"

const char *const captivity_band_names[CAPTIVITY_BANDS] = {
	"<1m", "1-3m", "3-6m", "6-12m", "1-2y", "2-3y", "3y+",
};

/* Rows of (value, count) into out, at most `cap` of them. */
static pl_rc count_rows(registry *r, const char *sql, size_t cap, arena *a, count_row **out,
                        size_t *n, pl_err *err)
{
	sqlite3_stmt *s;
	int x = sqlite3_prepare_v2(store_db(r->st), sql, -1, &s, NULL);
	if(x)
		return store_fail(r->st, err, x, "counting");
	*out = arena_alloc(a, cap * sizeof(**out));
	*n = 0;
	while(*out && (x = sqlite3_step(s)) == SQLITE_ROW && *n < cap) {
		(*out)[*n].value = arena_strdup(a, store_column_text(s, 0));
		(*out)[*n].count = sqlite3_column_int64(s, 1);
		(*n)++;
	}
	sqlite3_finalize(s);
	if(!*out || arena_oom(a))
		return pl_nomem(err);
	return x == SQLITE_ROW || x == SQLITE_DONE ? PL_OK : store_fail(r->st, err, x, "counting");
}

/* The persons by a column of `table` (person, or person_state for the
 * status). */
static pl_rc count_by(registry *r, const char *table, const char *column, arena *a,
                      count_row **out, size_t *n, pl_err *err)
{
	char *sql = sqlite3_mprintf("SELECT %s, count(*) FROM %s GROUP BY 1 ORDER BY 2 DESC, 1",
	                            column, table);
	if(!sql)
		return pl_nomem(err);
	pl_rc rc = count_rows(r, sql, 64, a, out, n, err);
	sqlite3_free(sql);
	return rc;
}

/* A partial date as a Julian day: YYYY as 1 July, YYYY-MM as the 15th. */
#define MID_DAY(col)                                                                         \
	"julianday(CASE length(" col ") WHEN 4 THEN " col " || '-07-01' WHEN 7 THEN " col       \
	" || '-15' ELSE " col " END)"

/* Days into bands, as SQL (the bands of captivity_band_names). */
#define BAND(days)                                                                           \
	"CASE WHEN " days " IS NULL THEN -1 WHEN " days " < 30.5 THEN 0 WHEN " days " < 91.3 "  \
	"THEN 1 WHEN " days " < 182.6 THEN 2 WHEN " days " < 365.25 THEN 3 WHEN " days          \
	" < 730.5 THEN 4 WHEN " days " < 1095.75 THEN 5 ELSE 6 END"

/* bands[0..CAPTIVITY_BANDS) from a query of (band, count); band -1 is unknown. */
static pl_rc count_bands(registry *r, const char *sql, const char *today, long *bands,
                         long *unknown, pl_err *err)
{
	sqlite3_stmt *s;
	int x = sqlite3_prepare_v2(store_db(r->st), sql, -1, &s, NULL);
	if(x)
		return store_fail(r->st, err, x, "counting");
	if(today)
		sqlite3_bind_text(s, 1, today, -1, SQLITE_STATIC);
	while((x = sqlite3_step(s)) == SQLITE_ROW) {
		int band = sqlite3_column_int(s, 0);
		long n = (long)sqlite3_column_int64(s, 1);
		if(band >= 0 && band < CAPTIVITY_BANDS)
			bands[band] += n;
		else
			*unknown += n;
	}
	sqlite3_finalize(s);
	return x == SQLITE_DONE ? PL_OK : store_fail(r->st, err, x, "counting");
}

static pl_rc captivity(registry *r, registry_stats *st, pl_err *err)
{
	char today[DATE_STR_MAX];
	date_format(store_today(r->st), today);
	pl_rc rc = count_bands(r,
		"SELECT " BAND("d") ", count(*) FROM (SELECT julianday(?) - " MID_DAY("capture_date")
		" AS d FROM person_state s JOIN person p ON p.id = s.person_id WHERE s.status IN"
		" ('captured', 'held', 'listed', 'handed_over', 'in_transit')) GROUP BY 1", today,
		st->held_for, &st->captivity_unknown, err);
	if(!rc)
		rc = count_bands(r,
			"SELECT " BAND("d") ", count(*) FROM (SELECT " MID_DAY("e.date") " - "
			MID_DAY("p.capture_date") " AS d FROM event e JOIN person p ON p.id = e.person_id "
			"WHERE e.type = 'repatriated') GROUP BY 1", NULL, st->returned_after,
			&st->captivity_unknown, err);
	return rc;
}

static pl_rc scalar(registry *r, const char *sql, long *out, pl_err *err)
{
	sqlite3_stmt *s;
	int x = sqlite3_prepare_v2(store_db(r->st), sql, -1, &s, NULL);
	if(x)
		return store_fail(r->st, err, x, "counting");
	x = sqlite3_step(s);
	*out = x == SQLITE_ROW ? (long)sqlite3_column_int64(s, 0) : 0;
	sqlite3_finalize(s);
	return x == SQLITE_ROW ? PL_OK : store_fail(r->st, err, x, "counting");
}

static pl_rc stats_read(registry *r, arena *a, registry_stats *st, pl_err *err)
{
	pl_rc rc;
	if((rc = scalar(r, "SELECT count(*) FROM person", &st->persons, err)) ||
	   (rc = scalar(r, "SELECT count(*) FROM event", &st->events, err)) ||
	   (rc = count_by(r, "person_state", "status", a, &st->by_status, &st->n_status, err)) ||
	   (rc = count_by(r, "person", "party", a, &st->by_party, &st->n_party, err)) ||
	   (rc = count_by(r, "person", "held_by", a, &st->by_held_by, &st->n_held_by, err)) ||
	   (rc = count_by(r, "person", "medical", a, &st->by_medical, &st->n_medical, err)) ||
	   (rc = count_rows(r, "SELECT substr(date, 1, 7), count(*) FROM event WHERE type = "
	                       "'repatriated' AND length(date) >= 7 GROUP BY 1 ORDER BY 1",
	                    1200, a, &st->returns_by_month, &st->n_returns, err)))
		return rc;
	return captivity(r, st, err);
}

pl_rc registry_stats_get(store *st, arena *a, registry_stats *out, pl_err *err)
{
	registry *r;
	pl_rc rc = registry_get(st, &r, err);
	if(rc)
		return rc;
	memset(out, 0, sizeof(*out));
	/* One snapshot: the counts add up even while others write. */
	rc = store_read_begin(r->st, err);
	if(rc)
		return rc;
	rc = stats_read(r, a, out, err);
	store_read_end(r->st);
	return rc;
}
