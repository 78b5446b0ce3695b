/* Retention: rules an admin sets that erase or pseudonymise, after N
 * years, what the registry no longer needs to keep of a closed case
 * (registry.h). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "registry/internal.h"
#include "registry/lifecycle.h"

const char *const retention_kinds[RET_KIND_COUNT + 1] = {"medical", "notes", "contacts", "identity", NULL};
/* A person's names cannot be erased and the record kept answerable: the
 * identity is pseudonymised; the rest is erased. */
const char *const retention_actions[RET_KIND_COUNT] = {"erase", "erase", "erase", "pseudonymise"};
#define KINDS "medical, notes, contacts, identity"

/* The statuses that close a case: the person is back, or known dead and
 * returned or identified. */
#define CLOSED "('repatriated','declined_repatriation','released_otherwise','remains_returned','identified')"

pl_rc registry_retention_rules(store *st, arena *a, retention_rule **out, size_t *n, pl_err *err)
{
	*out = NULL;
	*n = 0;
	sqlite3_stmt *s;
	pl_rc rc = store_stmt(st, "SELECT kind, action, years, set_by, set_at FROM retention_rule ORDER BY kind",
	                      &s, err);
	if(rc)
		return rc;
	retention_rule *r = arena_calloc(a, RET_KIND_COUNT, sizeof(*r));
	if(!r)
		return pl_nomem(err);
	int x;
	while((x = sqlite3_step(s)) == SQLITE_ROW && *n < RET_KIND_COUNT) {
		retention_rule *e = &r[(*n)++];
		e->kind = arena_strdup(a, store_column_text(s, 0));
		e->action = arena_strdup(a, store_column_text(s, 1));
		e->years = sqlite3_column_int(s, 2);
		e->set_by = arena_strdup(a, store_column_text(s, 3));
		e->set_at = arena_strdup(a, store_column_text(s, 4));
		if(!e->kind || !e->action || !e->set_by || !e->set_at)
			return pl_nomem(err);
	}
	sqlite3_reset(s);
	if(x != SQLITE_DONE && x != SQLITE_ROW)
		return store_fail(st, err, x, "reading the retention rules");
	*out = r;
	return PL_OK;
}

static int kind_of(const char *kind)
{
	for(int i = 0; retention_kinds[i]; i++)
		if(kind && !strcmp(kind, retention_kinds[i]))
			return i;
	return -1;
}

static pl_rc audit_rule(store *st, const char *action, const char *kind, const char *what, int years,
                        pl_err *err)
{
	char after[160];
	snprintf(after, sizeof(after), "{\"kind\":\"%s\",\"action\":\"%s\",\"years\":%d}", kind, what, years);
	return audit_append(st, NULL, action, "retention_rule", NULL, NULL, after, err);
}

pl_rc registry_retention_set(store *st, const char *kind, const char *action, int years, pl_err *err)
{
	if(kind_of(kind) < 0)
		return pl_failc(err, PL_EINPUT, "retention.kind", "kind", kind ? kind : "", "kinds", KINDS,
		                NULL);
	const char *own = retention_actions[kind_of(kind)];
	if(!action)
		action = own;
	if(strcmp(action, own))
		return pl_failc(err, PL_EINPUT, "retention.action", "kind", kind, "action", action, "can", own, NULL);
	if(years < 1 || years > 100)
		return pl_failc(err, PL_EINPUT, "retention.years", "years", PL_N(years), NULL);
	char now[TIMESTAMP_STR_MAX];
	date_now_iso(now);
	sqlite3_stmt *s;
	pl_rc rc = store_begin(st, err);
	if(!rc)
		rc = store_stmt(st, "INSERT INTO retention_rule(kind, action, years, set_by, set_at) VALUES (?,?,?,?,?)"
		                    " ON CONFLICT(kind) DO UPDATE SET action = excluded.action, years = excluded.years,"
		                    " set_by = excluded.set_by, set_at = excluded.set_at",
		                &s, err);
	if(!rc) {
		sqlite3_bind_text(s, 1, kind, -1, SQLITE_STATIC);
		sqlite3_bind_text(s, 2, action, -1, SQLITE_STATIC);
		sqlite3_bind_int(s, 3, years);
		sqlite3_bind_text(s, 4, store_actor(st), -1, SQLITE_STATIC);
		sqlite3_bind_text(s, 5, now, -1, SQLITE_STATIC);
		int x = sqlite3_step(s);
		sqlite3_reset(s);
		if(x != SQLITE_DONE)
			rc = store_fail(st, err, x, "saving a retention rule");
	}
	if(!rc)
		rc = audit_rule(st, "set", kind, action, years, err);
	return store_end(st, rc, err);
}

pl_rc registry_retention_drop(store *st, const char *kind, pl_err *err)
{
	if(kind_of(kind) < 0)
		return pl_failc(err, PL_EINPUT, "retention.kind", "kind", kind ? kind : "", "kinds", KINDS,
		                NULL);
	sqlite3_stmt *s;
	pl_rc rc = store_begin(st, err);
	if(!rc)
		rc = store_stmt(st, "DELETE FROM retention_rule WHERE kind = ?", &s, err);
	if(!rc) {
		sqlite3_bind_text(s, 1, kind, -1, SQLITE_STATIC);
		int x = sqlite3_step(s);
		sqlite3_reset(s);
		if(x != SQLITE_DONE)
			rc = store_fail(st, err, x, "removing a retention rule");
		else if(!sqlite3_changes(store_db(st)))
			rc = pl_failc(err, PL_ENOTFOUND, "retention.no_rule", "kind", kind, NULL);
	}
	if(!rc)
		rc = audit_rule(st, "drop", kind, "none", 0, err);
	return store_end(st, rc, err);
}

/* ---- a run --------------------------------------------------------------- */

typedef struct run {
	store *st;
	const retention_hooks *hooks;
	size_t changes;
	char now[TIMESTAMP_STR_MAX];
} run;

/* One change made: said to the caller and in the audit chain, which
 * names the fields, never their values. */
static pl_rc changed(run *r, int kind, const char *puid, const char *euid, const char *fields, pl_err *err)
{
	r->changes++;
	const char *action = retention_actions[kind];
	char after[512];
	snprintf(after, sizeof(after), "{\"rule\":\"%s\",\"%s\":\"%s\"%s%s%s}", retention_kinds[kind],
	         strcmp(action, "erase") ? "pseudonymised" : "erased", fields, euid ? ",\"event\":\"" : "",
	         euid ? euid : "", euid ? "\"" : "");
	pl_rc rc = audit_append(r->st, NULL, "retention", euid ? "event" : "person", puid, NULL, after, err);
	if(!rc && r->hooks->change)
		rc = r->hooks->change(r->hooks->ctx,
		                      &(retention_change){retention_kinds[kind], action, puid, euid, fields});
	return rc;
}

/* The persons whose case closed more than `years` ago (by the date of the
 * event that closed it; a partial date counts as its period's end), and
 * whether they were pseudonymised already. */
static const char persons_sql[] =
	"SELECT p.id, p.uid, p.birth_date, p.pseudonymised_at IS NOT NULL FROM person_state s"
	" JOIN person p ON p.id = s.person_id WHERE s.status IN " CLOSED
	" AND (SELECT max(e.date) FROM event e WHERE e.person_id = p.id AND e.status_after = s.status) || '~'"
	"     < date(?1, '-' || ?2 || ' years') ORDER BY s.person_id";

/* Events' fields erased by a kind: (SQL to find them, its fields, the
 * update). ?1 the person, ?2 the event types that are health events. */
typedef struct erasure {
	int kind;
	const char *find, *fields, *update;
} erasure;

static const erasure erasures[] = {
	{RET_MEDICAL, "SELECT id, uid FROM event WHERE person_id = ?1 AND type IN (SELECT value FROM json_each(?2))"
	              " AND (place IS NOT NULL OR note IS NOT NULL) ORDER BY id",
	 "place, note", "UPDATE event SET place = NULL, note = NULL, note_code = NULL, note_args = NULL WHERE id = ?1"},
	{RET_MEDICAL, "SELECT id, uid FROM event WHERE person_id = ?1 AND cause IS NOT NULL ORDER BY id", "cause",
	 "UPDATE event SET cause = NULL WHERE id = ?1"},
	{RET_NOTES, "SELECT id, uid FROM event WHERE person_id = ?1 AND note IS NOT NULL ORDER BY id", "note",
	 "UPDATE event SET note = NULL, note_code = NULL, note_args = NULL WHERE id = ?1"},
};

static pl_rc erase_events(run *r, const erasure *e, int64_t pid, const char *uid,
                          const char *health, pl_err *err)
{
	sqlite3_stmt *s, *u;
	if(sqlite3_prepare_v2(store_db(r->st), e->find, -1, &s, NULL))
		return store_fail(r->st, err, sqlite3_errcode(store_db(r->st)), "finding events to erase");
	pl_rc rc = PL_OK;
	if(sqlite3_prepare_v2(store_db(r->st), e->update, -1, &u, NULL)) {
		sqlite3_finalize(s);
		return store_fail(r->st, err, sqlite3_errcode(store_db(r->st)), "erasing");
	}
	sqlite3_bind_int64(s, 1, pid);
	if(sqlite3_bind_parameter_count(s) >= 2)
		sqlite3_bind_text(s, 2, health, -1, SQLITE_STATIC);
	int x;
	while(!rc && (x = sqlite3_step(s)) == SQLITE_ROW) {
		sqlite3_bind_int64(u, 1, sqlite3_column_int64(s, 0));
		int y = sqlite3_step(u);
		sqlite3_reset(u);
		rc = y == SQLITE_DONE ? changed(r, e->kind, uid, store_column_text(s, 1), e->fields, err)
		                      : store_fail(r->st, err, y, "erasing");
	}
	if(!rc && x != SQLITE_DONE)
		rc = store_fail(r->st, err, x, "finding events to erase");
	sqlite3_finalize(s);
	sqlite3_finalize(u);
	return rc;
}

/* A field of the person's own record a kind erases: (kind, column). */
static const struct {
	int kind;
	const char *update, *field;
} person_erasures[] = {
	{RET_MEDICAL, "UPDATE person SET medical = NULL, updated_at = ?2 WHERE id = ?1 AND medical IS NOT NULL",
	 "medical"},
	{RET_CONTACTS, "UPDATE person SET inform = NULL, updated_at = ?2 WHERE id = ?1 AND inform IS NOT NULL",
	 "inform"},
	/* The next of kin's address, one change for the four fields. */
	{RET_CONTACTS, "UPDATE person SET inform_address = NULL, inform_locality = NULL, inform_region = NULL,"
	               " inform_country = NULL, updated_at = ?2 WHERE id = ?1 AND (inform_address IS NOT NULL"
	               " OR inform_locality IS NOT NULL OR inform_region IS NOT NULL OR inform_country IS NOT NULL)",
	 "inform_address, inform_locality, inform_region, inform_country"},
};

static pl_rc erase_person(run *r, int kind, int64_t pid, const char *uid, pl_err *err)
{
	pl_rc rc = PL_OK;
	for(size_t i = 0; !rc && i < sizeof(person_erasures) / sizeof(person_erasures[0]); i++) {
		if(person_erasures[i].kind != kind)
			continue;
		sqlite3_stmt *s;
		rc = store_stmt(r->st, person_erasures[i].update, &s, err);
		if(rc)
			return rc;
		sqlite3_bind_int64(s, 1, pid);
		sqlite3_bind_text(s, 2, r->now, -1, SQLITE_STATIC);
		int x = sqlite3_step(s);
		sqlite3_reset(s);
		if(x != SQLITE_DONE)
			return store_fail(r->st, err, x, "erasing");
		if(sqlite3_changes(store_db(r->st)))
			rc = changed(r, kind, uid, NULL, person_erasures[i].field, err);
	}
	return rc;
}

/* The identity pseudonymised: what names the person goes, and where they
 * live, the birth date to its year and the address to its country (enough
 * for the statistics), out of the name index;
 * the uid, status, events and exchanges stay. */
static const char pseudonymise_sql[] =
	"UPDATE person SET surname = NULL, given_names = NULL, patronymic = NULL, surname_latin = NULL,"
	" given_names_latin = NULL, patronymic_latin = NULL, mother_maiden_name = NULL, birth_place = NULL,"
	" home_address = NULL, home_locality = NULL, home_region = NULL,"
	" service_number = NULL, birth_date = ?2, birth_lo = ?3, birth_hi = ?4, name_keys = '',"
	" sort_key = x'', pseudonymised_at = ?5, updated_at = ?5 WHERE id = ?1";
static const char pseudonymised_fields[] =
	"surname, given_names, patronymic, surname_latin, given_names_latin, patronymic_latin,"
	" mother_maiden_name, birth_place, home_address, home_locality, home_region, service_number,"
	" birth_date (to the year)";

static pl_rc pseudonymise(run *r, int64_t pid, const char *uid, const char *birth, pl_err *err)
{
	registry *reg;
	pl_rc rc = registry_get(r->st, &reg, err);
	if(!rc)
		rc = person_keys_remove(reg, pid, err);
	if(!rc && r->hooks->forget)
		rc = r->hooks->forget(r->st, pid, err);
	sqlite3_stmt *s;
	if(!rc)
		rc = store_stmt(r->st, pseudonymise_sql, &s, err);
	if(rc)
		return rc;
	char year[5] = "";
	pdate d;
	const char *why;
	if(birth && strlen(birth) >= 4)
		memcpy(year, birth, 4);
	sqlite3_bind_int64(s, 1, pid);
	if(year[0] && date_parse(year, &d, &why)) {
		sqlite3_bind_text(s, 2, year, -1, SQLITE_STATIC);
		sqlite3_bind_int(s, 3, date_lo(d));
		sqlite3_bind_int(s, 4, date_hi(d));
	} else {
		for(int c = 2; c <= 4; c++)
			sqlite3_bind_null(s, c);
	}
	sqlite3_bind_text(s, 5, r->now, -1, SQLITE_STATIC);
	int x = sqlite3_step(s);
	sqlite3_reset(s);
	if(x != SQLITE_DONE)
		return store_fail(r->st, err, x, "pseudonymising");
	return changed(r, RET_IDENTITY, uid, NULL, pseudonymised_fields, err);
}

static pl_rc apply_rule(run *r, const retention_rule *rule, const char *today, const char *health, pl_err *err)
{
	int kind = kind_of(rule->kind);
	sqlite3_stmt *s;
	if(sqlite3_prepare_v2(store_db(r->st), persons_sql, -1, &s, NULL))
		return store_fail(r->st, err, sqlite3_errcode(store_db(r->st)), "finding closed cases");
	sqlite3_bind_text(s, 1, today, -1, SQLITE_STATIC);
	sqlite3_bind_int(s, 2, rule->years);
	/* The persons first: the updates do not run under a reading cursor. */
	size_t n = 0, cap = 0;
	struct who {
		int64_t id;
		char uid[UID_SIZE];
		char birth[DATE_STR_MAX];
		bool pseudonymised;
	} *p = NULL;
	pl_rc rc = PL_OK;
	int x;
	while(!rc && (x = sqlite3_step(s)) == SQLITE_ROW) {
		if(n == cap) {
			struct who *q = realloc(p, (cap = cap ? 2 * cap : 64) * sizeof(*p));
			if(!q) {
				rc = pl_nomem(err);
				break;
			}
			p = q;
		}
		p[n].id = sqlite3_column_int64(s, 0);
		snprintf(p[n].uid, UID_SIZE, "%s", store_column_text(s, 1));
		const char *birth = store_column_text(s, 2);
		snprintf(p[n].birth, sizeof(p[n].birth), "%s", birth ? birth : "");
		p[n].pseudonymised = sqlite3_column_int(s, 3);
		n++;
	}
	if(!rc && x != SQLITE_DONE)
		rc = store_fail(r->st, err, x, "finding closed cases");
	sqlite3_finalize(s);
	for(size_t i = 0; !rc && i < n; i++) {
		if(kind == RET_IDENTITY) {
			if(!p[i].pseudonymised)
				rc = pseudonymise(r, p[i].id, p[i].uid, p[i].birth, err);
		} else {
			rc = erase_person(r, kind, p[i].id, p[i].uid, err);
			for(size_t e = 0; !rc && e < sizeof(erasures) / sizeof(erasures[0]); e++)
				if(erasures[e].kind == kind)
					rc = erase_events(r, &erasures[e], p[i].id, p[i].uid, health, err);
		}
		/* What the modules above keep of this kind about the person, each
		 * time: a module added later reaches the cases closed before. */
		size_t more = 0;
		if(!rc && r->hooks->apply)
			rc = r->hooks->apply(r->st, &(retention_person){(retention_kind)kind, p[i].id, p[i].uid}, r->hooks,
			                     &more, err);
		r->changes += more;
	}
	free(p);
	return rc;
}

pl_rc registry_retention_run(store *st, bool dry_run, const retention_hooks *hooks, size_t *changes,
                             pl_err *err)
{
	*changes = 0;
	arena a;
	arena_init(&a, 0);
	retention_rule *rules;
	size_t n;
	static const retention_hooks none = {0};
	run r = {st, hooks ? hooks : &none, 0, {0}};
	date_now_iso(r.now);
	char today[DATE_STR_MAX];
	date_format(store_today(st), today);
	/* The health events' types, for json_each. */
	char health[512] = "[";
	for(int t = 0; t < EV_COUNT; t++)
		if(lifecycle_event_is_health((event_type)t))
			snprintf(health + strlen(health), sizeof(health) - strlen(health), "%s\"%s\"",
			         health[1] ? "," : "", lifecycle_event_name((event_type)t));
	strcat(health, "]");
	/* All of it in one transaction; a dry run makes the same changes and
	 * rolls them back, so it lists exactly what a run would do. */
	pl_rc rc = store_begin(st, err);
	if(!rc) {
		rc = registry_retention_rules(st, &a, &rules, &n, err);
		for(size_t i = 0; !rc && i < n; i++)
			rc = apply_rule(&r, &rules[i], today, health, err);
		if(dry_run && !rc) {
			store_rollback(st);
		} else {
			rc = store_end(st, rc, err);
		}
	}
	arena_free(&a);
	*changes = r.changes;
	return rc;
}
