/* Counts for the dashboard and `parley stats`. */
#include <string.h>

#include "registry/internal.h"

static pl_rc count_by(registry *r, const char *column, arena *a, count_row **out, size_t *n,
                      pl_err *err)
{
	char *sql = sqlite3_mprintf("SELECT %s, count(*) FROM person GROUP BY 1 ORDER BY 2 DESC, 1",
	                            column);
	if(!sql)
		return pl_nomem(err);
	sqlite3_stmt *s;
	int x = sqlite3_prepare_v2(store_db(r->st), sql, -1, &s, NULL);
	sqlite3_free(sql);
	if(x)
		return store_fail(r->st, err, x, "counting");
	size_t cap = 64;
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

pl_rc registry_stats_get(registry *r, arena *a, registry_stats *st, pl_err *err)
{
	memset(st, 0, sizeof(*st));
	pl_rc rc;
	if((rc = scalar(r, "SELECT count(*) FROM person", &st->persons, err)) ||
	   (rc = scalar(r, "SELECT count(*) FROM event", &st->events, err)) ||
	   (rc = count_by(r, "status", a, &st->by_status, &st->n_status, err)) ||
	   (rc = count_by(r, "party", a, &st->by_party, &st->n_party, err)) ||
	   (rc = count_by(r, "held_by", a, &st->by_held_by, &st->n_held_by, err)) ||
	   (rc = count_by(r, "medical", a, &st->by_medical, &st->n_medical, err)))
		return rc;
	return PL_OK;
}
