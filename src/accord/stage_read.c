/* Reading stages: one with its manifest, entries and signatures; lists. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "accord/internal.h"

static pl_rc find_stage(store *st, const char *uid, int64_t *id, pl_err *err)
{
	size_t n = strlen(uid);
	if(n < 5 || n > UID_LEN || uid[0] != 'S')
		return pl_failc(err, PL_ENOTFOUND, "stage.bad_id", "stage", uid, NULL);
	sqlite3_stmt *s;
	pl_rc rc = store_stmt(st, "SELECT id FROM stage WHERE uid >= ?1 AND uid < ?1 || 'z'"
	                          " ORDER BY uid LIMIT 2", &s, err);
	if(rc)
		return rc;
	sqlite3_bind_text(s, 1, uid, -1, SQLITE_STATIC);
	int found = 0;
	while(sqlite3_step(s) == SQLITE_ROW)
		if(found++ == 0)
			*id = sqlite3_column_int64(s, 0);
	sqlite3_reset(s);
	if(!found)
		return pl_failc(err, PL_ENOTFOUND, "stage.no_such", "stage", uid, NULL);
	if(found > 1 && n < UID_LEN)
		return pl_failc(err, PL_EINPUT, "stage.ambiguous", "stage", uid, NULL);
	return PL_OK;
}

static pl_rc read_row(store *st, int64_t id, arena *a, stage *out, pl_err *err)
{
	sqlite3_stmt *s;
	pl_rc rc = store_stmt(st,
	                      "SELECT s.uid, s.agreement_id, g.name, s.number, s.date, s.handover_point,"
	                      " s.transit, s.status, s.version, s.executed_at, m.sha256"
	                      " FROM stage s JOIN agreement g ON g.id = s.agreement_id"
	                      " JOIN manifest m ON m.stage_id = s.id AND m.version = s.version"
	                      " WHERE s.id = ?", &s, err);
	if(rc)
		return rc;
	sqlite3_bind_int64(s, 1, id);
	int sr = sqlite3_step(s);
	if(sr != SQLITE_ROW) {
		sqlite3_reset(s);
		return store_fail(st, err, sr == SQLITE_DONE ? SQLITE_CORRUPT : sr, "reading a stage");
	}
	memset(out, 0, sizeof(*out));
	out->id = id;
	snprintf(out->uid, sizeof(out->uid), "%s", store_column_text(s, 0));
	out->agreement_id = sqlite3_column_int64(s, 1);
	out->agreement = arena_strdup(a, store_column_text(s, 2));
	out->number = sqlite3_column_int(s, 3);
	const char *why;
	if(!date_parse(store_column_text(s, 4), &out->date, &why))
		out->date = (pdate){0};
	const char *hp = store_column_text(s, 5), *tr = store_column_text(s, 6), *ex = store_column_text(s, 9);
	out->handover_point = hp ? arena_strdup(a, hp) : NULL;
	out->transit = tr ? arena_strdup(a, tr) : NULL;
	int status = stage_status_parse(store_column_text(s, 7));
	out->status = status < 0 ? STAGE_DRAFT : (stage_status)status;
	out->version = sqlite3_column_int(s, 8);
	out->executed_at = ex ? arena_strdup(a, ex) : NULL;
	out->manifest_sha256 = arena_strdup(a, store_column_text(s, 10));
	sqlite3_reset(s);
	return arena_oom(a) ? pl_nomem(err) : PL_OK;
}

pl_rc stage_uid_by_id(store *st, int64_t id, char uid[UID_SIZE], pl_err *err)
{
	uid[0] = '\0';
	sqlite3_stmt *s;
	pl_rc rc = store_stmt(st, "SELECT uid FROM stage WHERE id = ?", &s, err);
	if(rc)
		return rc;
	sqlite3_bind_int64(s, 1, id);
	int x = sqlite3_step(s);
	if(x == SQLITE_ROW)
		snprintf(uid, UID_SIZE, "%s", store_column_text(s, 0));
	sqlite3_reset(s);
	if(x == SQLITE_DONE)
		/* not for users: ids are the database's own */
		return pl_fail(err, PL_ENOTFOUND, "no stage with row id %lld", (long long)id);
	return x == SQLITE_ROW ? PL_OK : store_fail(st, err, x, "reading stages");
}

pl_rc stage_manifest_version(store *st, const stage *sg, int version, arena *a, const char **doc,
                                pl_err *err)
{
	sqlite3_stmt *s;
	pl_rc rc = store_stmt(st, "SELECT doc FROM manifest WHERE stage_id = ? AND version = ?",
	                      &s, err);
	if(rc)
		return rc;
	sqlite3_bind_int64(s, 1, sg->id);
	sqlite3_bind_int(s, 2, version ? version : sg->version);
	*doc = NULL;
	if(sqlite3_step(s) == SQLITE_ROW)
		*doc = arena_strdup(a, store_column_text(s, 0));
	sqlite3_reset(s);
	if(!*doc)
		return arena_oom(a) ? pl_nomem(err)
		                    : pl_failc(err, PL_ENOTFOUND, "stage.no_version", "stage", sg->uid, "version",
		                               PL_N(version), "n", PL_N(sg->version), NULL);
	return PL_OK;
}

/* Each entry's person here, read in one batch (pid: their row ids, 0 for
 * none). A substitute (extra) is not in the manifest: its identity comes
 * from the registry. */
static pl_rc entry_persons(store *st, stage *out, const int64_t *pid, const bool *extra, arena *a,
                           pl_err *err)
{
	char (*uid)[UID_SIZE] = arena_alloc(a, (out->nentries + 1) * UID_SIZE);
	if(!uid)
		return pl_nomem(err);
	pl_rc rc = registry_person_uids(st, pid, out->nentries, uid, err);
	for(size_t i = 0; !rc && i < out->nentries; i++) {
		stage_entry *e = &out->entries[i];
		snprintf(e->person, sizeof(e->person), "%s", uid[i]);
		person p;
		pl_err ignore = {0};
		if(extra[i] && uid[i][0] && !registry_person_get(st, uid[i], a, &p, &ignore))
			stage_identity_of(&p, &e->who);
	}
	return rc;
}

/* The entries as the manifest lists them, then what this registry knows
 * of each: its person, the outcome. */
static pl_rc overlay_entries(store *st, stage *out, const manifest_doc *m, arena *a, pl_err *err)
{
	sqlite3_stmt *s;
	pl_rc rc = store_stmt(st,
	                      "SELECT e.seq, e.person_id, " STAGE_OUTCOME_NOW ", f.seq,"
	                      " coalesce(" STAGE_CORRECTED("art117") ", e.art117), e.note, e.side, e.clause,"
	                      " e.ref, e.points, coalesce(" STAGE_CORRECTED("outcome_date") ", e.outcome_date),"
	                      " (SELECT count(*) FROM stage_correction c WHERE c.stage_id = e.stage_id AND c.seq = e.seq)"
	                      " FROM stage_entry e"
	                      " LEFT JOIN stage_entry f ON f.id = e.substitute_for"
	                      " WHERE e.stage_id = ? ORDER BY e.seq", &s, err);
	if(rc)
		return rc;
	sqlite3_bind_int64(s, 1, out->id);
	/* Each substitute replaces one entry: at most twice the manifest's. */
	size_t cap = 2 * m->nentries + 1, k = 0;
	out->entries = arena_calloc(a, cap, sizeof(stage_entry));
	int64_t *pid = arena_calloc(a, cap, sizeof(*pid));
	bool *extra = arena_calloc(a, cap, sizeof(*extra));
	int sr;
	while(out->entries && pid && extra && (sr = sqlite3_step(s)) == SQLITE_ROW) {
		int seq = sqlite3_column_int(s, 0);
		stage_entry *e = NULL;
		while(k < m->nentries && m->entries[k].seq < seq)
			k++;
		if(out->nentries == cap) {
			sqlite3_reset(s);
			/* not for users: a broken database */
			return pl_fail(err, PL_EINTEGRITY, "stage %s has more entries than its manifest allows", out->uid);
		}
		pid[out->nentries] = sqlite3_column_int64(s, 1);
		e = &out->entries[out->nentries++];
		if(k < m->nentries && m->entries[k].seq == seq)
			*e = m->entries[k];
		e->seq = seq;
		const char *note = store_column_text(s, 5);
		int o = entry_outcome_parse(store_column_text(s, 2));
		e->outcome = o < 0 ? OUTCOME_PENDING : (entry_outcome)o;
		e->substitute_for = sqlite3_column_int(s, 3);
		e->art117 = sqlite3_column_int(s, 4) != 0;
		e->note = note ? arena_strdup(a, note) : NULL;
		const char *day = store_column_text(s, 10);
		e->outcome_date = day ? arena_strdup(a, day) : NULL;
		e->corrections = sqlite3_column_int(s, 11);
		if(!e->clause) {
			extra[out->nentries - 1] = true;
			e->side = strcmp(store_column_text(s, 6), m->party[0]) ? 1 : 0;
			e->clause = arena_strdup(a, store_column_text(s, 7));
			e->ref = arena_strdup(a, store_column_text(s, 8));
			e->points = sqlite3_column_int64(s, 9);
		}
	}
	sqlite3_reset(s);
	if(!out->entries || !pid || !extra || arena_oom(a))
		return pl_nomem(err);
	return entry_persons(st, out, pid, extra, a, err);
}

static pl_rc overlay_batches(store *st, stage *out, const manifest_doc *m, pl_err *err)
{
	out->batches = m->batches;
	out->nbatches = m->nbatches;
	sqlite3_stmt *s;
	pl_rc rc = store_stmt(st, "SELECT seq, delivered FROM stage_batch WHERE stage_id = ?",
	                      &s, err);
	if(rc)
		return rc;
	sqlite3_bind_int64(s, 1, out->id);
	while(sqlite3_step(s) == SQLITE_ROW)
		for(size_t i = 0; i < out->nbatches; i++)
			if(out->batches[i].seq == sqlite3_column_int(s, 0))
				out->batches[i].delivered = sqlite3_column_type(s, 1) == SQLITE_NULL
				                            ? -1 : sqlite3_column_int64(s, 1);
	sqlite3_reset(s);
	return PL_OK;
}

static pl_rc read_signatures(store *st, stage *out, arena *a, pl_err *err)
{
	sqlite3_stmt *s;
	pl_rc rc = store_stmt(st,
	                      "SELECT g.signer, g.role, g.public_key, g.signed_at, g.signature"
	                      " FROM manifest_signature g JOIN manifest m ON m.id = g.manifest_id"
	                      " WHERE m.stage_id = ? AND m.version = ? ORDER BY g.role DESC, g.signer", &s, err);
	if(rc)
		return rc;
	sqlite3_bind_int64(s, 1, out->id);
	sqlite3_bind_int(s, 2, out->version);
	/* One per signer (the table's key): the parties, the mediator, and
	 * any other signer this office trusts. */
	enum { SIGNERS_MAX = 64 };
	out->signatures = arena_calloc(a, SIGNERS_MAX, sizeof(stage_signature));
	while(out->signatures && out->nsignatures < SIGNERS_MAX && sqlite3_step(s) == SQLITE_ROW) {
		stage_signature *g = &out->signatures[out->nsignatures++];
		const char **f[] = {&g->signer, &g->role, &g->public_key, &g->signed_at, &g->signature};
		for(int i = 0; i < 5; i++)
			*f[i] = arena_strdup(a, store_column_text(s, i));
	}
	sqlite3_reset(s);
	return out->signatures && !arena_oom(a) ? PL_OK : pl_nomem(err);
}

pl_rc stage_read_doc(const char *uid, const char *text, arena *a, manifest_doc *m, pl_err *err)
{
	json_error_t je;
	json_t *doc = json_loads(text, 0, &je);
	if(!doc)
		/* not for users: a broken database */
		return pl_fail(err, PL_EINTEGRITY, "stage %s: its stored manifest is not JSON: %s", uid, je.text);
	char name[64];
	snprintf(name, sizeof(name), "stage %s", uid);
	pl_rc rc = manifest_doc_read(name, "", doc, a, m, err);
	json_decref(doc);
	return rc;
}

pl_rc stage_get(store *st, const char *uid, arena *a, stage *out, pl_err *err)
{
	int64_t id = 0;
	pl_rc rc = find_stage(st, uid, &id, err);
	rc = rc ? rc : read_row(st, id, a, out, err);
	const char *text;
	manifest_doc m;
	rc = rc ? rc : stage_manifest_version(st, out, 0, a, &text, err);
	rc = rc ? rc : stage_read_doc(out->uid, text, a, &m, err);
	rc = rc ? rc : overlay_entries(st, out, &m, a, err);
	rc = rc ? rc : overlay_batches(st, out, &m, err);
	return rc ? rc : read_signatures(st, out, a, err);
}

pl_rc stage_list(store *st, const stage_filter *f, arena *a, stage_row **out, size_t *n, pl_err *err)
{
	sqlite3_stmt *s;
	pl_rc rc = store_stmt(st,
	                      "SELECT s.uid, g.name, s.number, s.date, s.status, s.version, g.party_a, g.party_b,"
	                      " (SELECT count(*) FROM stage_entry e WHERE e.stage_id = s.id AND e.side = g.party_a"
	                      "   AND e.substitute_for IS NULL),"
	                      " (SELECT count(*) FROM stage_entry e WHERE e.stage_id = s.id AND e.side = g.party_b"
	                      "   AND e.substitute_for IS NULL),"
	                      " (SELECT coalesce(sum(declared), 0) FROM stage_batch b WHERE b.stage_id = s.id"
	                      "   AND b.side = g.party_a),"
	                      " (SELECT coalesce(sum(declared), 0) FROM stage_batch b WHERE b.stage_id = s.id"
	                      "   AND b.side = g.party_b)"
	                      " FROM stage s JOIN agreement g ON g.id = s.agreement_id"
	                      " WHERE (?1 IS NULL OR g.name = ?1) AND (?2 IS NULL OR s.status = ?2)"
	                      " ORDER BY g.name, s.number", &s, err);
	if(rc)
		return rc;
	store_bind_text(s, 1, f ? f->agreement : NULL);
	store_bind_text(s, 2, f && f->status >= 0 ? stage_status_name((stage_status)f->status) : NULL);
	size_t cap = 0;
	*out = NULL;
	*n = 0;
	int sr;
	while((sr = sqlite3_step(s)) == SQLITE_ROW) {
		stage_row *x = arena_push(a, (void **)out, n, &cap, sizeof(*x));
		if(!x)
			break;
		snprintf(x->uid, sizeof(x->uid), "%s", store_column_text(s, 0));
		x->agreement = arena_strdup(a, store_column_text(s, 1));
		x->number = sqlite3_column_int(s, 2);
		x->date = arena_strdup(a, store_column_text(s, 3));
		int status = stage_status_parse(store_column_text(s, 4));
		x->status = status < 0 ? STAGE_DRAFT : (stage_status)status;
		x->version = sqlite3_column_int(s, 5);
		x->party[0] = arena_strdup(a, store_column_text(s, 6));
		x->party[1] = arena_strdup(a, store_column_text(s, 7));
		for(int k = 0; k < 2; k++) {
			x->persons[k] = sqlite3_column_int64(s, 8 + k);
			x->remains[k] = sqlite3_column_int64(s, 10 + k);
		}
	}
	sqlite3_reset(s);
	if(arena_oom(a))
		return pl_nomem(err);
	return sr == SQLITE_DONE ? PL_OK : store_fail(st, err, sr, "listing stages");
}

pl_rc stage_discrepancies(store *st, const stage *sg, arena *a, stage_discrepancy **out, size_t *n,
                             pl_err *err)
{
	sqlite3_stmt *s;
	pl_rc rc = store_stmt(st, "SELECT ts, actor, what, code, args FROM stage_discrepancy"
	                          " WHERE stage_id = ? ORDER BY id", &s, err);
	if(rc)
		return rc;
	sqlite3_bind_int64(s, 1, sg->id);
	size_t cap = 0;
	*out = NULL;
	*n = 0;
	while(sqlite3_step(s) == SQLITE_ROW) {
		stage_discrepancy *d = arena_push(a, (void **)out, n, &cap, sizeof(*d));
		if(!d)
			break;
		d->ts = arena_strdup(a, store_column_text(s, 0));
		d->actor = arena_strdup(a, store_column_text(s, 1));
		d->what = arena_strdup(a, store_column_text(s, 2));
		d->code = store_column_text(s, 3) ? arena_strdup(a, store_column_text(s, 3)) : NULL;
		d->args = store_column_text(s, 4) ? arena_strdup(a, store_column_text(s, 4)) : NULL;
	}
	sqlite3_reset(s);
	return arena_oom(a) ? pl_nomem(err) : PL_OK;
}

/* ---- as JSON ----------------------------------------------------------------- */

static json_t *entry_json(const agreement *ag, const stage_entry *e)
{
	const entry_identity *w = &e->who;
	json_t *v = json_pack("{s:i, s:s, s:s, s:s, s:s?, s:I, s:s, s:b}", "seq", e->seq, "side",
	                      ag->party[e->side], "clause", e->clause ? e->clause : "", "ref",
	                      e->ref ? e->ref : "", "person", e->person[0] ? e->person : NULL, "points",
	                      (json_int_t)e->points, "outcome", entry_outcome_name(e->outcome), "art117",
	                      e->art117);
	const char *keys[] = {"surname", "given_names", "patronymic", "surname_latin", "given_names_latin",
	                      "birth_date", "rank", "service_number", "party"};
	const char *vals[] = {w->surname, w->given_names, w->patronymic, w->surname_latin,
	                      w->given_names_latin, w->birth_date, w->rank, w->service_number, w->party};
	for(size_t i = 0; v && i < sizeof(keys) / sizeof(keys[0]); i++)
		if(vals[i])
			json_object_set_new(v, keys[i], json_string(vals[i]));
	if(v && e->substitute_for)
		json_object_set_new(v, "substitute_for", json_integer(e->substitute_for));
	if(v && e->note)
		json_object_set_new(v, "note", json_string(e->note));
	if(v && e->outcome_date)
		json_object_set_new(v, "outcome_date", json_string(e->outcome_date));
	if(v && e->corrections)
		json_object_set_new(v, "corrections", json_integer(e->corrections));
	return v;
}

json_t *stage_json(const agreement *ag, const stage *s)
{
	char date[DATE_STR_MAX];
	date_format(s->date, date);
	json_t *v = json_pack("{s:s, s:s, s:i, s:s, s:s?, s:s?, s:s, s:i, s:s, s:s?}", "id", s->uid,
	                      "agreement", s->agreement, "number", s->number, "date", date, "handover_point",
	                      s->handover_point, "transit", s->transit, "status", stage_status_name(s->status),
	                      "version", s->version, "manifest_sha256", s->manifest_sha256, "executed_at",
	                      s->executed_at);
	json_t *entries = json_array(), *batches = json_array(), *sigs = json_array();
	for(size_t i = 0; i < s->nentries; i++)
		json_array_append_new(entries, entry_json(ag, &s->entries[i]));
	for(size_t i = 0; i < s->nbatches; i++) {
		const stage_batch *b = &s->batches[i];
		json_t *x = json_pack("{s:i, s:s, s:s, s:s, s:I}", "seq", b->seq, "side", ag->party[b->side],
		                      "clause", b->clause, "batch", b->batch, "declared", (json_int_t)b->declared);
		if(x && b->delivered >= 0)
			json_object_set_new(x, "delivered", json_integer(b->delivered));
		json_array_append_new(batches, x);
	}
	for(size_t i = 0; i < s->nsignatures; i++) {
		const stage_signature *g = &s->signatures[i];
		json_array_append_new(sigs, json_pack("{s:s, s:s, s:s, s:s}", "signer", g->signer, "role", g->role,
		                                      "public_key", g->public_key, "signed_at", g->signed_at));
	}
	json_object_set_new(v, "entries", entries);
	json_object_set_new(v, "remains", batches);
	json_object_set_new(v, "signatures", sigs);
	return v;
}

json_t *stage_row_json(const stage_row *x)
{
	json_t *v = json_pack("{s:s, s:s, s:i, s:s, s:s, s:i}", "id", x->uid, "agreement", x->agreement,
	                      "number", x->number, "date", x->date, "status", stage_status_name(x->status),
	                      "version", x->version);
	for(int k = 0; v && k < 2; k++)
		json_object_set_new(v, x->party[k], json_pack("{s:I, s:I}", "persons", (json_int_t)x->persons[k],
		                                              "bodies", (json_int_t)x->remains[k]));
	return v;
}

/* ---- versions compared ------------------------------------------------------ */

typedef struct changes {
	arena *a;
	manifest_change *v;
	size_t n, cap;
} changes;

static void change_add(changes *c, char op, const char *fmt, ...) PL_PRINTF(3, 4);

static void change_add(changes *c, char op, const char *fmt, ...)
{
	manifest_change *x = arena_push(c->a, (void **)&c->v, &c->n, &c->cap, sizeof(*x));
	if(!x)
		return;
	char text[512];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(text, sizeof(text), fmt, ap);
	va_end(ap);
	*x = (manifest_change){op, arena_strdup(c->a, text)};
}

static const stage_entry *entry_by_seq(const manifest_doc *m, int seq)
{
	for(size_t i = 0; i < m->nentries; i++)
		if(m->entries[i].seq == seq)
			return &m->entries[i];
	return NULL;
}

static const char *given(const stage_entry *e)
{
	return e->who.given_names ? e->who.given_names : e->who.given_names_latin ? e->who.given_names_latin : "";
}

static void diff_entries(const manifest_doc *x, const manifest_doc *y, changes *c)
{
	for(size_t i = 0; i < x->nentries; i++) {
		const stage_entry *e = &x->entries[i];
		if(!entry_by_seq(y, e->seq))
			change_add(c, '-', "entry %d: %s %s, handed over by %s (%s)", e->seq, stage_entry_name(e),
			           given(e), x->party[e->side], e->ref);
	}
	for(size_t i = 0; i < y->nentries; i++) {
		const stage_entry *e = &y->entries[i], *old = entry_by_seq(x, e->seq);
		if(!old)
			change_add(c, '+', "entry %d: %s %s, handed over by %s (%s)", e->seq, stage_entry_name(e),
			           given(e), y->party[e->side], e->ref);
		else if(strcmp(old->ref, e->ref) || old->side != e->side)
			change_add(c, '~', "entry %d: now %s %s (%s)", e->seq, stage_entry_name(e), given(e), e->ref);
		else if(strcmp(old->clause, e->clause) || old->points != e->points)
			change_add(c, '~', "entry %d: %s: clause %s -> %s, points %ld -> %ld", e->seq,
			           stage_entry_name(e), old->clause, e->clause, old->points, e->points);
	}
}

static void diff_batches(const manifest_doc *x, const manifest_doc *y, changes *c)
{
	size_t n = x->nbatches > y->nbatches ? x->nbatches : y->nbatches;
	for(size_t i = 0; i < n; i++) {
		const stage_batch *a = i < x->nbatches ? &x->batches[i] : NULL;
		const stage_batch *b = i < y->nbatches ? &y->batches[i] : NULL;
		if(a && b && !strcmp(a->batch, b->batch) && a->declared == b->declared && a->side == b->side)
			continue;
		if(a && b)
			change_add(c, '~', "remains %s: %ld -> %ld bodies", b->batch, a->declared, b->declared);
		else if(a)
			change_add(c, '-', "remains %s: %ld bodies from %s", a->batch, a->declared, x->party[a->side]);
		else
			change_add(c, '+', "remains %s: %ld bodies from %s", b->batch, b->declared, y->party[b->side]);
	}
}

static void diff_text(changes *c, const char *what, const char *x, const char *y)
{
	if((x && y && strcmp(x, y)) || (!x) != (!y))
		change_add(c, '~', "%s: %s -> %s", what, x ? x : "(none)", y ? y : "(none)");
}

pl_rc stage_diff(store *st, const stage *s, int from, int to, arena *a, manifest_change **out,
                    size_t *n, pl_err *err)
{
	if(from < 1 || to < 1 || from == to)
		return pl_failc(err, PL_EINPUT, "stage.diff_versions", "stage", s->uid, "n", PL_N(s->version), NULL);
	const char *tx, *ty;
	manifest_doc x, y;
	pl_rc rc = stage_manifest_version(st, s, from, a, &tx, err);
	rc = rc ? rc : stage_manifest_version(st, s, to, a, &ty, err);
	rc = rc ? rc : stage_read_doc(s->uid, tx, a, &x, err);
	rc = rc ? rc : stage_read_doc(s->uid, ty, a, &y, err);
	if(rc)
		return rc;
	changes c = {.a = a};
	char dx[DATE_STR_MAX], dy[DATE_STR_MAX];
	date_format(x.date, dx);
	date_format(y.date, dy);
	diff_text(&c, "date", dx, dy);
	diff_text(&c, "handover point", x.handover_point, y.handover_point);
	diff_text(&c, "transit", x.transit, y.transit);
	diff_entries(&x, &y, &c);
	diff_batches(&x, &y, &c);
	*out = c.v;
	*n = c.n;
	return arena_oom(a) ? pl_nomem(err) : PL_OK;
}
