/* Retention reaches the families' data (registry.h, "retention"): when a
 * rule applies to a person, what this module keeps of the rule's kind
 * about them is erased too, in the run's transaction, each change audited
 * by its fields (never their values) and told to the caller.
 *
 *   contacts  the inquirers' phone, e-mail and postal address: the next of
 *             kin's contacts, as the registry erases the person to inform.
 *             The inquirer's name stays, so that the inquiry still says who
 *             asked (an inquiry names someone or an organisation);
 *   identity  the names as the family gave them and the birth date to its
 *             year, as the registry pseudonymises the person's; the
 *             ante-mortem record and its photos (marks, teeth, faces
 *             identify as names do). The photo files go after the run
 *             commits (family_photo_sweep): a file is not in a transaction. */
#include <string.h>

#include "family/antemortem.h"
#include "family/internal.h"
#include "match/person.h"

typedef struct erasure {
	retention_kind kind;
	const char *find;     /* ?1 the person: rows to change (id, uid) */
	const char *update;   /* ?1 the row */
	const char *entity, *fields;
} erasure;

static const erasure erasures[] = {
	{RET_CONTACTS,
	 "SELECT id, uid FROM inquiry WHERE person_id = ?1 AND (phone IS NOT NULL OR email IS NOT NULL"
	 " OR address IS NOT NULL) ORDER BY id",
	 "UPDATE inquiry SET phone = NULL, email = NULL, address = NULL, updated_at = ?2 WHERE id = ?1", "inquiry",
	 "phone, email, address"},
	{RET_IDENTITY,
	 "SELECT id, uid FROM inquiry WHERE person_id = ?1 AND (surname IS NOT NULL OR given_names IS NOT NULL"
	 " OR patronymic IS NOT NULL OR length(birth_date) > 4) ORDER BY id",
	 "UPDATE inquiry SET surname = NULL, given_names = NULL, patronymic = NULL,"
	 " birth_date = substr(birth_date, 1, 4), updated_at = ?2 WHERE id = ?1", "inquiry",
	 "surname, given_names, patronymic, birth_date (to the year)"},
	{RET_IDENTITY, "SELECT person_id, NULL FROM antemortem WHERE person_id = ?1",
	 "DELETE FROM antemortem WHERE person_id = ?1", "antemortem", "the ante-mortem record"},
	{RET_IDENTITY, "SELECT id, sha256 FROM antemortem_photo WHERE person_id = ?1 ORDER BY id",
	 "DELETE FROM antemortem_photo WHERE id = ?1", "antemortem_photo", "photo"},
};

/* One change: audited (entity, its id or the person's) and told. */
static pl_rc told(store *st, const erasure *e, const retention_person *p, const char *row,
                  const retention_hooks *h, size_t *changes, pl_err *err)
{
	++*changes;
	json_t *after = json_pack("{s:s, s:s}", "rule", retention_kinds[p->kind], "erased", e->fields);
	pl_rc rc = after ? fam_audit(st, "retention", e->entity, row ? row : p->uid, NULL, after, err)
	                 : pl_nomem(err);
	char fields[200];
	snprintf(fields, sizeof(fields), "%s %s: %s", e->entity, row ? row : p->uid, e->fields);
	if(!rc && h->change)
		rc = h->change(h->ctx, &(retention_change){retention_kinds[p->kind], "erase", p->uid, NULL, fields});
	return rc;
}

static pl_rc apply_one(store *st, const erasure *e, const retention_person *p, const retention_hooks *h,
                       size_t *changes, pl_err *err)
{
	sqlite3_stmt *s, *u;
	pl_rc rc = store_stmt(st, e->find, &s, err);
	if(rc)
		return rc;
	sqlite3_bind_int64(s, 1, p->id);
	/* The rows first: the changes do not run under a reading cursor. */
	struct row {
		int64_t id;
		char name[65];
	} rows[64];
	size_t n = 0;
	int x;
	while(n < sizeof(rows) / sizeof(rows[0]) && (x = sqlite3_step(s)) == SQLITE_ROW) {
		rows[n].id = sqlite3_column_int64(s, 0);
		const char *name = store_column_text(s, 1);
		snprintf(rows[n++].name, sizeof(rows[0].name), "%s", name ? name : "");
	}
	bool more = n == sizeof(rows) / sizeof(rows[0]);
	sqlite3_reset(s);
	if(!more && x != SQLITE_DONE)
		return store_fail(st, err, x, "finding the families' data to erase");
	char now[TIMESTAMP_STR_MAX];
	date_now_iso(now);
	for(size_t i = 0; !rc && i < n; i++) {
		if((rc = store_stmt(st, e->update, &u, err)))
			break;
		sqlite3_bind_int64(u, 1, rows[i].id);
		if(sqlite3_bind_parameter_count(u) >= 2)
			sqlite3_bind_text(u, 2, now, -1, SQLITE_STATIC);
		x = sqlite3_step(u);
		sqlite3_reset(u);
		rc = x == SQLITE_DONE ? told(st, e, p, rows[i].name[0] ? rows[i].name : NULL, h, changes, err)
		                      : store_fail(st, err, x, "erasing the families' data");
	}
	/* More than a batch (64 inquiries about one person): the next batch. */
	return !rc && more ? apply_one(st, e, p, h, changes, err) : rc;
}

pl_rc family_retention_apply(store *st, const retention_person *p, const retention_hooks *h, size_t *changes,
                             pl_err *err)
{
	*changes = 0;
	pl_rc rc = PL_OK;
	for(size_t i = 0; !rc && i < sizeof(erasures) / sizeof(erasures[0]); i++)
		if(erasures[i].kind == p->kind)
			rc = apply_one(st, &erasures[i], p, h, changes, err);
	return rc;
}

pl_rc family_retention_run(store *st, bool dry_run, retention_fn change, void *ctx, size_t *changes,
                           long *photos_removed, pl_err *err)
{
	*photos_removed = 0;
	retention_hooks hooks = {change, ctx, match_key_forget, family_retention_apply};
	pl_rc rc = registry_retention_run(st, dry_run, &hooks, changes, err);
	return rc || dry_run ? rc : family_photo_sweep(st, photos_removed, err);
}
