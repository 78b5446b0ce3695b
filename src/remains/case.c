/* Cases: finding one by its tag, creating it, bringing it to what a row or
 * a caller says (remains_case_put), and the audit entries of all that. */
#include <stdlib.h>
#include <string.h>

#include "audit/audit.h"
#include "remains/internal.h"

/* ---- reading ------------------------------------------------------------ */

void rcase_from_row(sqlite3_stmt *s, arena *a, void *item)
{
	remains_case *c = item;
	memset(c, 0, sizeof(*c));
	c->id = sqlite3_column_int64(s, 0);
	snprintf(c->uid, sizeof(c->uid), "%s", store_column_text(s, 1));
	c->tag = store_column_dup(s, 2, a);
	c->batch = store_column_dup(s, 3, a);
	c->recovery_place = store_column_dup(s, 4, a);
	c->recovery_date = store_column_dup(s, 5, a);
	c->condition = store_column_dup(s, 6, a);
	int st = remains_status_parse(store_column_text(s, 7));
	c->status = st < 0 ? RS_UNIDENTIFIED : (remains_status)st;
	c->note = store_column_dup(s, 8, a);
	c->created_at = store_column_dup(s, 9, a);
	c->updated_at = store_column_dup(s, 10, a);
	c->batch_id = sqlite3_column_int64(s, 11);
	c->person_id = sqlite3_column_int64(s, 12);
}

pl_rc rcase_persons(store *st, remains_case *c, size_t n, arena *a, pl_err *err)
{
	int64_t *ids = arena_calloc(a, n + 1, sizeof(*ids));
	char (*uid)[UID_SIZE] = arena_alloc(a, (n + 1) * UID_SIZE);
	if(!ids || !uid)
		return pl_nomem(err);
	for(size_t i = 0; i < n; i++)
		ids[i] = c[i].person_id;
	pl_rc rc = registry_person_uids(st, ids, n, uid, err);
	for(size_t i = 0; !rc && i < n; i++)
		c[i].person = uid[i][0] ? uid[i] : NULL;
	return rc;
}

pl_rc remains_case_find(store *st, const char *tag, arena *a, remains_case *c, bool *found,
                           pl_err *err)
{
	sqlite3_stmt *s;
	pl_rc rc = store_stmt(st, "SELECT " RCASE_COLUMNS RCASE_FROM " WHERE c.tag = ?", &s, err);
	if(rc)
		return rc;
	sqlite3_bind_text(s, 1, tag, -1, SQLITE_STATIC);
	int x = sqlite3_step(s);
	*found = x == SQLITE_ROW;
	if(*found)
		rcase_from_row(s, a, c);
	sqlite3_reset(s);
	if(x != SQLITE_ROW && x != SQLITE_DONE)
		return store_fail(st, err, x, "reading a remains case");
	if(arena_oom(a))
		return pl_nomem(err);
	return *found ? rcase_persons(st, c, 1, a, err) : PL_OK;
}

pl_rc rcase_load(store *st, const char *tag, arena *a, remains_case *c, pl_err *err)
{
	bool found;
	pl_rc rc = remains_case_find(st, tag, a, c, &found, err);
	if(!rc && !found)
		return pl_failc(err, PL_ENOTFOUND, "remains.no_case_tag", "case", tag, NULL);
	return rc;
}

/* ---- audit -------------------------------------------------------------- */

pl_rc remains_audit(store *st, const char *action, const char *entity, const char *uid,
                       json_t *before, json_t *after, pl_err *err)
{
	enum { FLAGS = JSON_COMPACT | JSON_PRESERVE_ORDER };
	char *b = before ? json_dumps(before, FLAGS) : NULL;
	char *f = after ? json_dumps(after, FLAGS) : NULL;
	pl_rc rc = (before && !b) || (after && !f)
	           ? pl_nomem(err)
	           : audit_append(st, NULL, action, entity, uid, b, f, err);
	free(b);
	free(f);
	json_decref(before);
	json_decref(after);
	return rc;
}

/* ---- writing ------------------------------------------------------------ */

static pl_rc case_insert(store *st, const char *const v[RF_COUNT], int64_t batch_id,
                            remains_case *c, pl_err *err)
{
	sqlite3_stmt *s;
	pl_rc rc = store_stmt(st, "INSERT INTO remains_case(uid, tag, batch_id, recovery_place,"
	                          " recovery_date, condition, note, created_at, updated_at)"
	                          " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?8)", &s, err);
	if(rc)
		return rc;
	memset(c, 0, sizeof(*c));
	registry_uid('R', c->uid);
	char now[TIMESTAMP_STR_MAX];
	date_now_iso(now);
	sqlite3_bind_text(s, 1, c->uid, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 2, v[RF_TAG], -1, SQLITE_STATIC);
	if(batch_id)
		sqlite3_bind_int64(s, 3, batch_id);
	store_bind_text(s, 4, v[RF_RECOVERY_PLACE]);
	store_bind_text(s, 5, v[RF_RECOVERY_DATE]);
	store_bind_text(s, 6, v[RF_CONDITION]);
	store_bind_text(s, 7, v[RF_NOTE]);
	sqlite3_bind_text(s, 8, now, -1, SQLITE_STATIC);
	int x = sqlite3_step(s);
	sqlite3_reset(s);
	if(x != SQLITE_DONE)
		return store_fail(st, err, x, "writing a remains case");
	c->id = sqlite3_last_insert_rowid(store_db(st));
	c->tag = v[RF_TAG];
	c->batch = v[RF_BATCH];
	c->batch_id = batch_id;
	c->recovery_place = v[RF_RECOVERY_PLACE];
	c->recovery_date = v[RF_RECOVERY_DATE];
	c->condition = v[RF_CONDITION];
	c->note = v[RF_NOTE];
	c->status = RS_UNIDENTIFIED;
	json_t *j = remains_case_json(c);
	json_object_del(j, "created_at"); /* the audit entry has its own time */
	json_object_del(j, "updated_at");
	return remains_audit(st, "create", "remains_case", c->uid, NULL, j, err);
}

/* One field of a case: its column and where the case and a row keep it. */
typedef struct case_field {
	remains_field f;
	const char **slot;
} case_field;

/* Values the row gives and the case has otherwise go into before and
 * after; the case takes them. Returns whether anything changed. */
static bool case_diff(remains_case *c, const char *const v[RF_COUNT], int64_t batch_id,
                      json_t *before, json_t *after)
{
	case_field fields[] = {
		{RF_BATCH, &c->batch}, {RF_RECOVERY_PLACE, &c->recovery_place},
		{RF_RECOVERY_DATE, &c->recovery_date}, {RF_CONDITION, &c->condition},
		{RF_NOTE, &c->note},
	};
	bool changed = false;
	for(size_t i = 0; i < sizeof(fields) / sizeof(fields[0]); i++) {
		const char *now = v[fields[i].f], **was = fields[i].slot;
		if(!now || remains_same(now, *was))
			continue;
		const char *key = remains_fields[fields[i].f].name;
		json_object_set_new(before, key, *was ? json_string(*was) : json_null());
		json_object_set_new(after, key, json_string(now));
		*was = now;
		changed = true;
	}
	c->batch_id = batch_id;
	return changed;
}

static pl_rc case_write(store *st, const remains_case *c, pl_err *err)
{
	sqlite3_stmt *s;
	pl_rc rc = store_stmt(st, "UPDATE remains_case SET batch_id = ?1, recovery_place = ?2,"
	                          " recovery_date = ?3, condition = ?4, note = ?5, updated_at = ?6"
	                          " WHERE id = ?7", &s, err);
	if(rc)
		return rc;
	char now[TIMESTAMP_STR_MAX];
	date_now_iso(now);
	if(c->batch_id)
		sqlite3_bind_int64(s, 1, c->batch_id);
	store_bind_text(s, 2, c->recovery_place);
	store_bind_text(s, 3, c->recovery_date);
	store_bind_text(s, 4, c->condition);
	store_bind_text(s, 5, c->note);
	sqlite3_bind_text(s, 6, now, -1, SQLITE_STATIC);
	sqlite3_bind_int64(s, 7, c->id);
	int x = sqlite3_step(s);
	sqlite3_reset(s);
	return x == SQLITE_DONE ? PL_OK : store_fail(st, err, x, "updating a remains case");
}

static pl_rc case_update(store *st, remains_case *c, const char *const v[RF_COUNT],
                            int64_t batch_id, remains_result *res, pl_err *err)
{
	json_t *before = json_object(), *after = json_object();
	pl_rc rc = PL_OK;
	if(case_diff(c, v, batch_id, before, after)) {
		res->saved = REMAINS_UPDATED;
		if(!(rc = case_write(st, c, err))) {
			json_object_set_new(before, "tag", json_string(c->tag));
			return remains_audit(st, "update", "remains_case", c->uid, before, after, err);
		}
	}
	json_decref(before);
	json_decref(after);
	return rc;
}

/* The status and person a row asks for, as a move of the case. */
static pl_rc put_status(store *st, remains_case *c, const char *const v[RF_COUNT], arena *a,
                           remains_result *res, pl_err *err)
{
	const char *status = v[RF_STATUS], *who = v[RF_PERSON];
	if(!status && !who)
		return PL_OK;
	remains_status to = status ? (remains_status)remains_status_parse(status) : c->status;
	if(who && to != RS_PRELIMINARY && to != RS_CONFIRMED)
		return remains_refuse(res, RF_PERSON,
		                      pl_failc(err, PL_EINPUT, status ? "remains.person_status_not"
		                               : "remains.person_status_case", "status", remains_status_name(to), NULL));
	if(to == RS_RETURNED && c->status != RS_RETURNED)
		return remains_refuse(res, RF_STATUS,
		                      pl_failc(err, PL_EINPUT, "remains.return_command", "case", c->tag, NULL));
	return rcase_move(st, c, to, who, a, res, err);
}

pl_rc rcase_put(store *st, const char *const v[RF_COUNT], const remains_batch_defaults *d,
                   arena *a, remains_result *res, pl_err *err)
{
	remains_case c;
	bool found;
	pl_rc rc = remains_case_find(st, v[RF_TAG], a, &c, &found, err);
	if(rc)
		return rc;
	int64_t batch_id = found ? c.batch_id : 0;
	if(v[RF_BATCH] && (rc = rbatch_resolve(st, v, d, &batch_id, res, err)))
		return rc;
	res->before = found ? c.status : RS_UNIDENTIFIED;
	if(!found) {
		rc = case_insert(st, v, batch_id, &c, err);
		res->saved = REMAINS_CREATED;
	} else {
		rc = case_update(st, &c, v, batch_id, res, err);
	}
	if(!rc)
		rc = put_status(st, &c, v, a, res, err);
	bool held = false;
	if(!rc && v[RF_HOLDER])
		rc = rcase_custody_has(st, c.id, v[RF_HOLDER], v[RF_CUSTODY_SINCE], &held, err);
	if(!rc && v[RF_HOLDER] && !held) {
		rc = rcase_custody_append(st, &c, v[RF_HOLDER], v[RF_CUSTODY_SINCE], NULL, err);
		if(rc)
			res->field = RF_CUSTODY_SINCE;
		else
			res->custody_added++;
	}
	if(!rc && res->saved == REMAINS_UNCHANGED && (res->custody_added || c.status != res->before))
		res->saved = REMAINS_UPDATED;
	res->after = c.status;
	return rc;
}

pl_rc remains_case_put(store *st, const char *const f[RF_COUNT],
                          const remains_batch_defaults *defaults, remains_result *res,
                          pl_err *err)
{
	remains_result_init(res);
	arena a;
	arena_init(&a, 0);
	const char *v[RF_COUNT] = {0};
	pl_rc rc = PL_OK;
	for(int i = 0; i < RF_COUNT && !rc; i++)
		rc = remains_clean_arg(i, remains_fields[i].name, f[i], false, &a, &v[i], res, err);
	if(!rc && (rc = remains_row_check(v, res, err)))
		pl_err_prefix(err, "%s: ", remains_fields[res->field].name);
	if(!rc && !(rc = store_begin(st, err)))
		rc = store_end(st, rcase_put(st, v, defaults, &a, res, err), err);
	arena_free(&a);
	return rc;
}
