/* Persons: opening the registry, storing and loading person records. */
#include <sodium.h>
#include <stdlib.h>
#include <string.h>

#include "audit/audit.h"
#include "registry/internal.h"

/* ---- opening ---------------------------------------------------------- */

static pl_rc build_sql(registry *r)
{
	pl_rc rc = buf_adds(&r->sql_insert, "INSERT INTO person(uid");
	for(int i = 0; i < PF_COUNT && !rc; i++)
		rc = buf_printf(&r->sql_insert, ", %s", person_fields[i].name);
	if(!rc)
		rc = buf_adds(&r->sql_insert, ", birth_lo, birth_hi, capture_lo, capture_hi, name_keys,"
		                              " sort_key, created_at, updated_at) VALUES (?1");
	for(int i = 0; i < PF_COUNT && !rc; i++)
		rc = buf_printf(&r->sql_insert, ", ?%d", i + 2);
	if(!rc)
		rc = buf_printf(&r->sql_insert, ", ?%d, ?%d, ?%d, ?%d, ?%d, ?%d, ?%d, ?%d)",
		                PF_COUNT + 2, PF_COUNT + 3, PF_COUNT + 4, PF_COUNT + 5, PF_COUNT + 6,
		                PF_COUNT + 7, PF_COUNT + 8, PF_COUNT + 8);

	if(!rc)
		rc = buf_adds(&r->sql_update, "UPDATE person SET uid = ?1");
	for(int i = 0; i < PF_COUNT && !rc; i++)
		rc = buf_printf(&r->sql_update, ", %s = ?%d", person_fields[i].name, i + 2);
	if(!rc)
		rc = buf_printf(&r->sql_update, ", birth_lo = ?%d, birth_hi = ?%d, capture_lo = ?%d,"
		                " capture_hi = ?%d, name_keys = ?%d, sort_key = ?%d, updated_at = ?%d"
		                " WHERE id = ?%d", PF_COUNT + 2, PF_COUNT + 3, PF_COUNT + 4,
		                PF_COUNT + 5, PF_COUNT + 6, PF_COUNT + 7, PF_COUNT + 8, PF_COUNT + 9);

	if(!rc)
		rc = buf_adds(&r->sql_select, "p.id, p.uid, " PERSON_STATUS_OF_P);
	for(int i = 0; i < PF_COUNT && !rc; i++)
		rc = buf_printf(&r->sql_select, ", p.%s", person_fields[i].name);
	if(!rc)
		rc = buf_printf(&r->sql_by_uid, "SELECT %s, p.pseudonymised_at FROM person p WHERE uid = ?1",
		                buf_str(&r->sql_select));
	if(!rc)
		rc = buf_printf(&r->sql_by_id, "SELECT %s FROM person p WHERE p.id = ?1", buf_str(&r->sql_select));
	if(!rc)
		rc = buf_printf(&r->sql_by_prefix, "SELECT %s, p.pseudonymised_at FROM person p WHERE uid >= ?1 AND uid < ?2"
		                " LIMIT 2", buf_str(&r->sql_select));
	return rc;
}

static void registry_free(void *state)
{
	registry *r = state;
	names_close(r->nm);
	buf_free(&r->keys);
	buf_free(&r->sort);
	buf_free(&r->sql_insert);
	buf_free(&r->sql_update);
	buf_free(&r->sql_select);
	buf_free(&r->sql_by_uid);
	buf_free(&r->sql_by_prefix);
	buf_free(&r->sql_by_id);
	buf_free(&r->audit_before);
	buf_free(&r->audit_after);
	for(int i = 0; i < SEARCH_CURSORS; i++)
		sqlite3_finalize(r->cursor[i]);
	free(r->bulk_ids);
	free(r);
}

static pl_rc registry_make(store *st, void **out, pl_err *err)
{
	registry *r = calloc(1, sizeof(*r));
	if(!r)
		return pl_nomem(err);
	r->st = st;
	buf_init(&r->keys, 0);
	buf_init(&r->sort, 0);
	buf_init(&r->sql_insert, 0);
	buf_init(&r->sql_update, 0);
	buf_init(&r->sql_select, 0);
	buf_init(&r->sql_by_uid, 0);
	buf_init(&r->sql_by_prefix, 0);
	buf_init(&r->sql_by_id, 0);
	buf_init(&r->audit_before, 0);
	buf_init(&r->audit_after, 0);
	if(build_sql(r)) {
		registry_free(r);
		return pl_nomem(err);
	}
	*out = r;
	return PL_OK;
}

static const store_state_type registry_type = {"the registry", registry_make, registry_free};

pl_rc registry_get(store *st, registry **out, pl_err *err)
{
	return store_state(st, &registry_type, (void **)out, err);
}

const char *person_select_columns(registry *r)
{
	return buf_str(&r->sql_select);
}

/* ---- identifiers ------------------------------------------------------ */

static const char base32[] = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"; /* Crockford */

void registry_uid(char prefix, char out[UID_SIZE])
{
	unsigned char rnd[10]; /* 80 bits: 16 characters of 5 bits */
	randombytes_buf(rnd, sizeof(rnd));
	out[0] = prefix;
	for(int i = 0; i < 16; i++) {
		int bit = i * 5, byte = bit / 8, shift = bit % 8;
		unsigned v = (unsigned)rnd[byte] << 8 | (byte + 1 < 10 ? rnd[byte + 1] : 0);
		out[1 + i] = base32[(v >> (11 - shift)) & 31];
	}
	out[UID_LEN] = '\0';
}

bool registry_uid_valid(char prefix, const char *s)
{
	if(strlen(s) != UID_LEN || s[0] != prefix)
		return false;
	for(int i = 1; i < UID_LEN; i++) { /* base32 without strchr: 1.4% of an events import */
		char c = s[i];
		if(!((c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z' && c != 'I' && c != 'L' && c != 'O' &&
		                                 c != 'U')))
			return false;
	}
	return true;
}

/* ---- derived columns -------------------------------------------------- */

static pl_rc derive_keys(registry *r, const person *p, pl_err *err)
{
	names *nm;
	pl_rc rc = registry_names(r->st, &nm, err);
	if(rc)
		return rc;
	buf_reset(&r->keys);
	buf_reset(&r->sort);
	for(int i = 0; i < PF_COUNT && !rc; i++)
		if((person_fields[i].flags & FIELD_NAME) && p->f[i])
			rc = names_keys(nm, p->f[i], &r->keys);
	/* Sort by the name as written in the original script, else in Latin. */
	static const person_field order[2][3] = {
		{PF_SURNAME, PF_GIVEN_NAMES, PF_PATRONYMIC},
		{PF_SURNAME_LATIN, PF_GIVEN_NAMES_LATIN, PF_PATRONYMIC_LATIN}};
	int which = p->f[PF_SURNAME] || p->f[PF_GIVEN_NAMES] ? 0 : 1;
	buf text;
	buf_init(&text, 4096);
	for(int i = 0; i < 3 && !rc; i++)
		if(p->f[order[which][i]])
			rc = buf_printf(&text, "%s%s", text.len ? " " : "", p->f[order[which][i]]);
	if(!rc)
		rc = names_sort_key(nm, buf_str(&text), &r->sort);
	buf_free(&text);
	if(rc)
		return rc == PL_ENOMEM ? pl_nomem(err) : pl_failc(err, rc, "names.keys_failed", NULL);
	return PL_OK;
}

static void bind_date_range(sqlite3_stmt *s, int col, const char *v)
{
	pdate d;
	const char *why;
	if(v && date_parse(v, &d, &why)) {
		sqlite3_bind_int(s, col, date_lo(d));
		sqlite3_bind_int(s, col + 1, date_hi(d));
	} else {
		sqlite3_bind_null(s, col);
		sqlite3_bind_null(s, col + 1);
	}
}

/* A person's rows in the name index (person_key): one per key of their
 * name_keys, which are a-z words separated by single spaces, so that they
 * make a JSON array as they are. Written from the stored row itself. */
#define PERSON_KEY_ROWS                                                          \
	"SELECT j.value, p.sort_key, p.id FROM person p,"                            \
	" json_each('[\"' || replace(p.name_keys, ' ', '\",\"') || '\"]') j"

/* In a bulk load a person's keys are not inserted one by one, at random
 * places of the index (a million persons' took 80 s more), but noted and
 * inserted at its end, in the index's order. */
static pl_rc bulk_note(registry *r, int64_t id, pl_err *err)
{
	if(r->nbulk == r->capbulk) {
		size_t cap = r->capbulk ? r->capbulk * 2 : 4096;
		int64_t *ids = realloc(r->bulk_ids, cap * sizeof(*ids));
		if(!ids)
			return pl_nomem(err);
		r->bulk_ids = ids;
		r->capbulk = cap;
	}
	r->bulk_ids[r->nbulk++] = id;
	return PL_OK;
}

pl_rc person_fts_optimize(registry *r, pl_err *err)
{
	if(!r->nbulk)
		return PL_OK;
	buf ids;
	buf_init(&ids, r->nbulk * 8 + 2);
	pl_rc rc = buf_addc(&ids, '[');
	for(size_t i = 0; i < r->nbulk && !rc; i++)
		rc = buf_printf(&ids, i ? ",%lld" : "%lld", (long long)r->bulk_ids[i]);
	if(!rc)
		rc = buf_addc(&ids, ']');
	r->nbulk = 0;
	sqlite3_stmt *s;
	if(rc)
		rc = pl_nomem(err);
	else
		rc = store_stmt(r->st, "INSERT OR IGNORE INTO person_key " PERSON_KEY_ROWS
		                       " WHERE p.id IN (SELECT value FROM json_each(?1)) AND p.name_keys != ''"
		                       " ORDER BY 1, 2, 3", &s, err);
	if(!rc) {
		sqlite3_bind_text(s, 1, buf_str(&ids), (int)ids.len, SQLITE_STATIC);
		int x = sqlite3_step(s);
		sqlite3_reset(s);
		if(x != SQLITE_DONE)
			rc = store_fail(r->st, err, x, "updating the name index");
	}
	buf_free(&ids);
	return rc;
}

/* Remove a person's old keys before they change, add the new ones after. */
pl_rc person_keys_remove(registry *r, int64_t id, pl_err *err)
{
	sqlite3_stmt *s;
	pl_rc rc = store_stmt(r->st, "DELETE FROM person_key WHERE (key, sort_key, person_id) IN ("
	                             PERSON_KEY_ROWS " WHERE p.id = ?1 AND p.name_keys != '')", &s, err);
	if(rc)
		return rc;
	sqlite3_bind_int64(s, 1, id);
	int x = sqlite3_step(s);
	sqlite3_reset(s);
	return x == SQLITE_DONE ? PL_OK : store_fail(r->st, err, x, "updating the name index");
}

static pl_rc keys_add(registry *r, int64_t id, pl_err *err)
{
	if(store_bulk(r->st))
		return bulk_note(r, id, err);
	r->nbulk = 0; /* left by a bulk load that failed (and was rolled back) */
	if(!r->keys.len) /* no name: not searchable by name */
		return PL_OK;
	sqlite3_stmt *s;
	pl_rc rc = store_stmt(r->st, "INSERT OR IGNORE INTO person_key " PERSON_KEY_ROWS
	                             " WHERE p.id = ?1", &s, err);
	if(rc)
		return rc;
	sqlite3_bind_int64(s, 1, id);
	int x = sqlite3_step(s);
	sqlite3_reset(s);
	return x == SQLITE_DONE ? PL_OK : store_fail(r->st, err, x, "updating the name index");
}

/* A new person's status row (an update keeps the status: only events move
 * it, through person_status_store). */
static pl_rc state_insert(registry *r, const person *p, pl_err *err)
{
	sqlite3_stmt *s;
	pl_rc rc = store_stmt(r->st, "INSERT INTO person_state(person_id, status) VALUES (?, ?)", &s,
	                      err);
	if(rc)
		return rc;
	sqlite3_bind_int64(s, 1, p->id);
	sqlite3_bind_text(s, 2, lifecycle_status_name(p->status), -1, SQLITE_STATIC);
	int x = sqlite3_step(s);
	sqlite3_reset(s);
	return x == SQLITE_DONE ? PL_OK : store_fail(r->st, err, x, "writing a status");
}

static pl_rc write_row(registry *r, person *p, bool insert, pl_err *err)
{
	pl_rc rc = derive_keys(r, p, err);
	if(!rc && !insert)
		rc = person_keys_remove(r, p->id, err);
	if(rc)
		return rc;
	sqlite3_stmt *s;
	rc = store_stmt(r->st, buf_str(insert ? &r->sql_insert : &r->sql_update), &s, err);
	if(rc)
		return rc;
	char now[TIMESTAMP_STR_MAX];
	date_now_iso(now);
	sqlite3_bind_text(s, 1, p->uid, -1, SQLITE_STATIC);
	for(int i = 0; i < PF_COUNT; i++)
		store_bind_text(s, i + 2, p->f[i]);
	bind_date_range(s, PF_COUNT + 2, p->f[PF_BIRTH_DATE]);
	bind_date_range(s, PF_COUNT + 4, p->f[PF_CAPTURE_DATE]);
	sqlite3_bind_text(s, PF_COUNT + 6, buf_str(&r->keys), (int)r->keys.len, SQLITE_STATIC);
	sqlite3_bind_blob(s, PF_COUNT + 7, buf_str(&r->sort), (int)r->sort.len, SQLITE_STATIC);
	sqlite3_bind_text(s, PF_COUNT + 8, now, -1, SQLITE_TRANSIENT);
	if(!insert)
		sqlite3_bind_int64(s, PF_COUNT + 9, p->id);
	int x = sqlite3_step(s);
	sqlite3_reset(s);
	if(x != SQLITE_DONE) {
		if((x & 0xff) == SQLITE_CONSTRAINT && insert)
			return pl_failc(err, PL_ECONFLICT, "person.exists", "person", p->uid, NULL);
		return store_fail(r->st, err, x, "writing a person");
	}
	if(insert)
		p->id = sqlite3_last_insert_rowid(store_db(r->st));
	if(insert && (rc = state_insert(r, p, err)))
		return rc;
	return keys_add(r, p->id, err);
}

/* ---- external identifiers --------------------------------------------- */

pl_rc person_id_by_ext(registry *r, const char *source, const char *id, int64_t *out,
                       pl_err *err)
{
	sqlite3_stmt *s;
	pl_rc rc = store_stmt(r->st, "SELECT person_id FROM person_ext WHERE source = ? AND ext_id = ?",
	                      &s, err);
	if(rc)
		return rc;
	sqlite3_bind_text(s, 1, source, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 2, id, -1, SQLITE_STATIC);
	int x = sqlite3_step(s);
	*out = x == SQLITE_ROW ? sqlite3_column_int64(s, 0) : 0;
	sqlite3_reset(s);
	return x == SQLITE_ROW || x == SQLITE_DONE ? PL_OK
	                                           : store_fail(r->st, err, x, "reading identifiers");
}

pl_rc registry_person_by_ext(store *st, const char *source, const char *id, char uid[UID_SIZE],
                                pl_err *err)
{
	registry *r;
	pl_rc rc = registry_get(st, &r, err);
	if(rc)
		return rc;
	int64_t pid;
	uid[0] = '\0';
	rc = person_id_by_ext(r, source, id, &pid, err);
	if(rc || !pid)
		return rc;
	sqlite3_stmt *s;
	rc = store_stmt(r->st, "SELECT uid FROM person WHERE id = ?", &s, err);
	if(rc)
		return rc;
	sqlite3_bind_int64(s, 1, pid);
	if(sqlite3_step(s) == SQLITE_ROW)
		snprintf(uid, UID_SIZE, "%s", store_column_text(s, 0));
	sqlite3_reset(s);
	return PL_OK;
}

/* A new identifier of p. Inserted first and explained after: a conflict
 * is rare, and looking first would double the work of every import row. */
static pl_rc ext_insert(registry *r, const person *p, const ext_id *e, pl_err *err)
{
	sqlite3_stmt *s;
	pl_rc rc = store_stmt(r->st, "INSERT INTO person_ext(source, ext_id, person_id)"
	                             " VALUES (?,?,?)", &s, err);
	if(rc)
		return rc;
	sqlite3_bind_text(s, 1, e->source, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 2, e->id, -1, SQLITE_STATIC);
	sqlite3_bind_int64(s, 3, p->id);
	int x = sqlite3_step(s);
	sqlite3_reset(s);
	if(x == SQLITE_DONE)
		return PL_OK;
	if((x & 0xff) != SQLITE_CONSTRAINT)
		return store_fail(r->st, err, x, "writing an identifier");
	int64_t owner;
	if((rc = person_id_by_ext(r, e->source, e->id, &owner, err)))
		return rc;
	if(owner == p->id)
		return PL_OK;
	if(owner)
		return pl_failc(err, PL_ECONFLICT, "person.ext_taken", "source", e->source, "id", e->id, NULL);
	return pl_failc(err, PL_ECONFLICT, "person.has_ext", "person", p->uid, "source", e->source, NULL);
}

pl_rc person_load_ext(registry *r, person *p, arena *a, pl_err *err)
{
	sqlite3_stmt *s;
	pl_rc rc = store_stmt(r->st, "SELECT source, ext_id FROM person_ext WHERE person_id = ?"
	                             " ORDER BY source", &s, err);
	if(rc)
		return rc;
	sqlite3_bind_int64(s, 1, p->id);
	p->next = 0;
	int x;
	while((x = sqlite3_step(s)) == SQLITE_ROW && p->next < EXT_MAX) {
		p->ext[p->next].source = arena_strdup(a, store_column_text(s, 0));
		p->ext[p->next].id = arena_strdup(a, store_column_text(s, 1));
		p->next++;
	}
	sqlite3_reset(s);
	if(x != SQLITE_ROW && x != SQLITE_DONE)
		return store_fail(r->st, err, x, "reading identifiers");
	return arena_oom(a) ? pl_nomem(err) : PL_OK;
}

/* ---- loading ---------------------------------------------------------- */

void person_from_row_fields(sqlite3_stmt *s, int col, arena *a, person *p, const bool *fields)
{
	memset(p, 0, sizeof(*p));
	p->id = sqlite3_column_int64(s, col);
	const char *uid = store_column_text(s, col + 1);
	snprintf(p->uid, sizeof(p->uid), "%s", uid ? uid : "");
	int st = lifecycle_status_parse(store_column_text(s, col + 2));
	p->status = st < 0 ? ST_INITIAL : (person_status)st;
	int at = col + 3;
	for(int i = 0; i < PF_COUNT; i++) {
		if(fields && !fields[i])
			continue;
		const char *v = store_column_text(s, at++);
		if(!v)
			continue;
		/* Enum values point at the field table, as field_clean() returns them. */
		const field_def *fd = &person_fields[i];
		for(int k = 0; fd->kind == FK_ENUM && fd->values[k]; k++)
			if(!strcmp(fd->values[k], v))
				p->f[i] = fd->values[k];
		if(!p->f[i])
			p->f[i] = a ? arena_strdup(a, v) : v;
	}
}

void person_from_row(sqlite3_stmt *s, int col, arena *a, person *p)
{
	person_from_row_fields(s, col, a, p, NULL);
}

/* Run one of the person lookups (sql_by_uid, sql_by_prefix). */
static pl_rc load_where(registry *r, const buf *sql, const char *arg, const char *arg2,
                        arena *a, person *p, int *found, pl_err *err)
{
	sqlite3_stmt *s;
	pl_rc rc = store_stmt(r->st, buf_str(sql), &s, err);
	if(rc)
		return rc;
	sqlite3_bind_text(s, 1, arg, -1, SQLITE_STATIC);
	if(arg2)
		sqlite3_bind_text(s, 2, arg2, -1, SQLITE_STATIC);
	*found = 0;
	int x;
	while((x = sqlite3_step(s)) == SQLITE_ROW)
		if((*found)++ == 0) {
			person_from_row(s, 0, a, p);
			const char *pseud = store_column_text(s, 3 + PF_COUNT);
			p->pseudonymised_at = pseud ? arena_strdup(a, pseud) : NULL;
		}
	sqlite3_reset(s);
	if(x != SQLITE_DONE)
		return store_fail(r->st, err, x, "reading a person");
	if(*found == 1)
		return person_load_ext(r, p, a, err);
	return PL_OK;
}

pl_rc person_load_uid(registry *r, const char *uid, arena *a, person *p, pl_err *err)
{
	int found;
	pl_rc rc = load_where(r, &r->sql_by_uid, uid, NULL, a, p, &found, err);
	if(!rc && !found)
		return pl_failc(err, PL_ENOTFOUND, "person.no_such", "person", uid, NULL);
	return rc;
}

pl_rc registry_person_get(store *st, const char *uid, arena *a, person *p, pl_err *err)
{
	registry *r;
	pl_rc rc = registry_get(st, &r, err);
	if(rc)
		return rc;
	if(registry_uid_valid('P', uid))
		return person_load_uid(r, uid, a, p, err);
	size_t n = strlen(uid);
	if(n < 5 || n >= UID_LEN || uid[0] != 'P')
		return pl_failc(err, PL_ENOTFOUND, "person.bad_ref", "person", uid, NULL);
	/* A prefix: the ids from uid up to the next possible prefix. */
	char hi[UID_SIZE];
	memcpy(hi, uid, n + 1);
	hi[n - 1]++;
	int found;
	rc = load_where(r, &r->sql_by_prefix, uid, hi, a, p, &found, err);
	if(rc)
		return rc;
	if(found == 0)
		return pl_failc(err, PL_ENOTFOUND, "person.no_prefix", "person", uid, NULL);
	if(found > 1)
		return pl_failc(err, PL_EINPUT, "person.ambiguous", "person", uid, NULL);
	return PL_OK;
}

/* ---- checking and merging --------------------------------------------- */

pl_rc person_check(const person *p, pdate today, pl_err *err)
{
	pl_rc rc = fields_check(person_fields, PF_COUNT, p->f, today, err);
	if(rc)
		return rc;
	for(int k = 0; k < p->next; k++) {
		const char *why = ext_source_invalid(p->ext[k].source);
		if(why || (why = ext_value_invalid(p->ext[k].id)))
			return pl_failc(err, PL_EINPUT, "person.ext_invalid", "source", p->ext[k].source, "why",
			                field_why_arg(why), NULL);
	}
	if(!p->f[PF_SURNAME] && !p->f[PF_GIVEN_NAMES] && !p->f[PF_SURNAME_LATIN] &&
	   !p->f[PF_GIVEN_NAMES_LATIN] && !p->f[PF_SERVICE_NUMBER] && p->next == 0)
		return pl_failc(err, PL_EINPUT, "person.needs_name", NULL);
	pdate birth, capture, consent;
	const char *why;
	bool has_birth = p->f[PF_BIRTH_DATE] && date_parse(p->f[PF_BIRTH_DATE], &birth, &why);
	if(has_birth && p->f[PF_CAPTURE_DATE] && date_parse(p->f[PF_CAPTURE_DATE], &capture, &why) &&
	   date_hi(capture) < date_lo(birth))
		return pl_failc(err, PL_EINPUT, "person.capture_before_birth", "capture",
		                p->f[PF_CAPTURE_DATE], "birth", p->f[PF_BIRTH_DATE], NULL);
	if(has_birth && p->f[PF_CONSENT_DATE] && date_parse(p->f[PF_CONSENT_DATE], &consent, &why) &&
	   date_hi(consent) < date_lo(birth))
		return pl_failc(err, PL_EINPUT, "person.consent_before_birth", "consent",
		                p->f[PF_CONSENT_DATE], "birth", p->f[PF_BIRTH_DATE], NULL);
	if(p->f[PF_CONSENT_DATE] && !p->f[PF_CONSENT])
		return pl_failc(err, PL_EINPUT, "person.consent_date_alone", NULL);
	return PL_OK;
}

/* What retention's pseudonymisation removes (retention.c says it in SQL),
 * and the birth date it cuts to the year: none of it comes back. */
static const int identity_fields[] = {PF_SURNAME, PF_GIVEN_NAMES, PF_PATRONYMIC, PF_SURNAME_LATIN,
                                      PF_GIVEN_NAMES_LATIN, PF_PATRONYMIC_LATIN, PF_MOTHER_MAIDEN_NAME,
                                      PF_BIRTH_PLACE, PF_HOME_ADDRESS, PF_HOME_LOCALITY, PF_HOME_REGION,
                                      PF_SERVICE_NUMBER, PF_BIRTH_DATE};

static pl_rc check_pseudonymised(const person *into, const person *in, pl_err *err)
{
	for(size_t k = 0; into->pseudonymised_at && k < sizeof(identity_fields) / sizeof(identity_fields[0]); k++) {
		int i = identity_fields[k];
		if(in->f[i] && !(into->f[i] && !strcmp(into->f[i], in->f[i])))
			return pl_failc(err, PL_ECONFLICT, "person.pseudonymised", "person", into->uid, "date",
			                into->pseudonymised_at, "field", person_fields[i].name, NULL);
	}
	return PL_OK;
}

pl_rc person_merge(person *into, const person *in, const bool *clear, pl_err *err)
{
	pl_rc rc = check_pseudonymised(into, in, err);
	if(rc)
		return rc;
	for(int i = 0; i < PF_COUNT; i++) {
		if(clear && clear[i])
			into->f[i] = NULL;
		else if(in->f[i])
			into->f[i] = in->f[i];
	}
	for(int k = 0; k < in->next; k++) {
		int j;
		for(j = 0; j < into->next; j++)
			if(!strcmp(into->ext[j].source, in->ext[k].source))
				break;
		if(j < into->next) {
			if(strcmp(into->ext[j].id, in->ext[k].id))
				return pl_failc(err, PL_ECONFLICT, "person.ext_differs", "source", in->ext[k].source,
				                "stored", into->ext[j].id, "person", into->uid, "id", in->ext[k].id, NULL);
			continue;
		}
		if(into->next == EXT_MAX)
			return pl_failc(err, PL_ELIMIT, "person.too_many_ext", "max", PL_N(EXT_MAX), NULL);
		into->ext[into->next++] = in->ext[k];
	}
	return PL_OK;
}

/* ---- JSON and audit --------------------------------------------------- */

static void ext_key(const ext_id *e, char *out, size_t size)
{
	snprintf(out, size, "ext.%s", e->source);
}

pl_rc person_write_json(buf *out, const person *p, bool with_status, const event *ev, size_t nev)
{
	json_writer w;
	json_open(&w, out);
	if(p->uid[0])
		json_member_string(&w, "id", p->uid);
	for(int i = 0; i < PF_COUNT; i++)
		if(p->f[i])
			json_member_string(&w, person_fields[i].name, p->f[i]);
	for(int k = 0; k < p->next; k++) {
		char key[64];
		ext_key(&p->ext[k], key, sizeof(key));
		json_member_string(&w, key, p->ext[k].id);
	}
	if(with_status)
		json_member_string(&w, "status", lifecycle_status_name(p->status));
	if(nev) {
		json_member_raw(&w, "events", "[");
		for(size_t i = 0; i < nev && !w.rc; i++) {
			if(i)
				w.rc = buf_addc(out, ',');
			if(!w.rc)
				w.rc = event_write_json(out, &ev[i], false);
		}
		if(!w.rc)
			w.rc = buf_addc(out, ']');
	}
	return json_close(&w);
}

char *registry_json_text(json_t *v)
{
	return v ? json_dumps(v, JSON_COMPACT | JSON_PRESERVE_ORDER) : NULL;
}

static bool same(const char *a, const char *b)
{
	return a == b || (a && b && !strcmp(a, b));
}

/* before/after objects holding only what changed. */
static pl_rc diff_json(const person *old, const person *p, buf *before, buf *after,
                       bool *changed)
{
	json_writer b, a;
	json_open(&b, before);
	json_open(&a, after);
	*changed = false;
	for(int i = 0; i < PF_COUNT; i++) {
		if(same(old->f[i], p->f[i]))
			continue;
		*changed = true;
		json_member_string(&b, person_fields[i].name, old->f[i]);
		json_member_string(&a, person_fields[i].name, p->f[i]);
	}
	for(int k = old->next; k < p->next; k++) {
		char key[64];
		ext_key(&p->ext[k], key, sizeof(key));
		*changed = true;
		json_member_string(&b, key, NULL);
		json_member_string(&a, key, p->ext[k].id);
	}
	pl_rc rc = json_close(&b);
	pl_rc rc2 = json_close(&a);
	return rc ? rc : rc2;
}

pl_rc person_save(registry *r, const person *old, person *p, save_result *res, pl_err *err)
{
	pl_rc rc = person_check(p, store_today(r->st), err);
	if(rc)
		return rc;
	buf *before = &r->audit_before, *after = &r->audit_after;
	buf_reset(before);
	buf_reset(after);
	if(!old) {
		if(!p->uid[0])
			registry_uid('P', p->uid);
		p->status = ST_INITIAL;
		if(person_write_json(after, p, false, NULL, 0))
			return pl_nomem(err);
		rc = write_row(r, p, true, err);
		*res = SAVE_CREATED;
	} else {
		bool changed;
		p->id = old->id;
		p->status = old->status;
		memcpy(p->uid, old->uid, sizeof(p->uid));
		if(diff_json(old, p, before, after, &changed))
			return pl_nomem(err);
		*res = changed ? SAVE_UPDATED : SAVE_UNCHANGED;
		if(changed)
			rc = write_row(r, p, false, err);
	}
	for(int k = old ? old->next : 0; k < p->next && !rc; k++)
		rc = ext_insert(r, p, &p->ext[k], err);
	if(!rc && *res != SAVE_UNCHANGED)
		rc = audit_append(r->st, NULL, old ? "update" : "create", "person", p->uid,
		                  old ? buf_str(before) : NULL, buf_str(after), err);
	return rc;
}

/* ---- the public write paths ------------------------------------------- */

pl_rc registry_person_add(store *st, person *p, pl_err *err)
{
	registry *r;
	pl_rc rc = registry_get(st, &r, err);
	if(rc)
		return rc;
	if(p->uid[0]) {
		if(!registry_uid_valid('P', p->uid))
			return pl_failc(err, PL_EINPUT, "registry.bad_id", "prefix", "P", NULL);
	}
	rc = store_begin(r->st, err);
	if(rc)
		return rc;
	save_result res;
	return store_end(r->st, person_save(r, NULL, p, &res, err), err);
}

pl_rc registry_person_update(store *st, const char *uid, const person *changes,
                                const bool clear[PF_COUNT], pl_err *err)
{
	registry *r;
	pl_rc rc = registry_get(st, &r, err);
	if(rc)
		return rc;
	arena a;
	arena_init(&a, 0);
	person old, p;
	save_result res;
	rc = store_begin(r->st, err);
	if(!rc) {
		rc = registry_person_get(r->st, uid, &a, &old, err);
		if(!rc) {
			p = old;
			rc = person_merge(&p, changes, clear, err);
		}
		if(!rc)
			rc = person_save(r, &old, &p, &res, err);
		rc = store_end(r->st, rc, err);
	}
	arena_free(&a);
	return rc;
}

pl_rc registry_log_access(store *st, const char *uid, const char *action, pl_err *err)
{
	registry *r;
	pl_rc rc = registry_get(st, &r, err);
	if(rc)
		return rc;
	return audit_access(r->st, store_actor(r->st), uid, action, NULL, err);
}

/* ---- the names module, and keeping stored keys current ----------------- */

static pl_rc rekey_all(registry *r, pl_err *err)
{
	sqlite3_stmt *s;
	char *sql = sqlite3_mprintf("SELECT %s FROM person p", person_select_columns(r));
	if(!sql)
		return pl_nomem(err);
	int x = sqlite3_prepare_v2(store_db(r->st), sql, -1, &s, NULL);
	sqlite3_free(sql);
	if(x)
		return store_fail(r->st, err, x, "reading persons");
	sqlite3_stmt *u;
	pl_rc rc = store_stmt(r->st, "UPDATE person SET name_keys = ?, sort_key = ? WHERE id = ?",
	                      &u, err);
	arena a;
	arena_init(&a, 0);
	while(!rc && (x = sqlite3_step(s)) == SQLITE_ROW) {
		person p;
		person_from_row(s, 0, &a, &p);
		if((rc = derive_keys(r, &p, err)))
			break;
		sqlite3_bind_text(u, 1, buf_str(&r->keys), (int)r->keys.len, SQLITE_STATIC);
		sqlite3_bind_blob(u, 2, buf_str(&r->sort), (int)r->sort.len, SQLITE_STATIC);
		sqlite3_bind_int64(u, 3, p.id);
		if((x = sqlite3_step(u)) != SQLITE_DONE)
			rc = store_fail(r->st, err, x, "updating name keys");
		sqlite3_reset(u);
		arena_reset(&a);
	}
	if(!rc && x != SQLITE_DONE)
		rc = store_fail(r->st, err, x, "reading persons");
	sqlite3_finalize(s);
	arena_free(&a);
	/* Rebuilt from the new keys as a whole: right even if the index had
	 * drifted from the table, which removing old keys one by one is not;
	 * inserted in its own order, which fills its pages one after another. */
	if(!rc)
		rc = store_exec(r->st, "DELETE FROM person_key", err);
	if(!rc)
		rc = store_exec(r->st, "INSERT OR IGNORE INTO person_key " PERSON_KEY_ROWS
		                       " WHERE p.name_keys != '' ORDER BY 1, 2, 3", err);
	return rc;
}

pl_rc registry_names(store *st, names **out, pl_err *err)
{
	registry *r;
	pl_rc rc = registry_get(st, &r, err);
	if(rc)
		return rc;
	if(r->nm) {
		*out = r->nm;
		return PL_OK;
	}
	rc = names_open(&r->nm, err);
	if(rc)
		return rc;
	char *stored;
	if((rc = store_meta_get(r->st, "names_key_version", &stored, err)))
		return rc;
	bool current = stored && !strcmp(stored, names_key_version(r->nm));
	sqlite3_free(stored);
	if(!current) {
		/* The key rules or the dictionary changed since these keys were
		 * computed: recompute them all, or search would miss people. */
		if(!(rc = store_begin(r->st, err))) {
			rc = rekey_all(r, err);
			if(!rc)
				rc = store_meta_set(r->st, "names_key_version", names_key_version(r->nm), err);
			rc = store_end(r->st, rc, err);
		}
	}
	*out = r->nm;
	return rc;
}
