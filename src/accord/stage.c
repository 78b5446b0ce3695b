/* Stages and their manifests' versions (stage.h). */
#include <stdlib.h>
#include <string.h>

#include "accord/internal.h"
#include "accord/plan.h"
#include "accord/stage.h"
#include "sign/jcs.h"

static const char *const status_names[STAGE_STATUS_COUNT + 1] = {
	"draft", "proposed", "agreed", "in_progress", "executed", "closed", "cancelled", NULL};
static const char *const outcome_names[OUTCOME_COUNT + 1] = {
	"pending", "handed_over", "not_presented", "refused", "substituted", "died", NULL};

const char *stage_status_name(stage_status s)
{
	return s < STAGE_STATUS_COUNT ? status_names[s] : "?";
}

int stage_status_parse(const char *s)
{
	for(int i = 0; s && status_names[i]; i++)
		if(!strcmp(status_names[i], s))
			return i;
	return -1;
}

const char *entry_outcome_name(entry_outcome o)
{
	return o < OUTCOME_COUNT ? outcome_names[o] : "?";
}

int entry_outcome_parse(const char *s)
{
	for(int i = 0; s && outcome_names[i]; i++)
		if(!strcmp(outcome_names[i], s))
			return i;
	return -1;
}

bool stage_status_open(stage_status s)
{
	return s == STAGE_DRAFT || s == STAGE_PROPOSED || s == STAGE_AGREED;
}

bool stage_status_holds(stage_status s)
{
	return stage_status_open(s) || s == STAGE_IN_PROGRESS;
}

/* ---- persons on stages ------------------------------------------------------ */

pl_rc stage_booking(store *st, int64_t person_id, const char *except, arena *a,
                       const char **stage_uid, const char **mediator, pl_err *err)
{
	sqlite3_stmt *s;
	pl_rc rc = store_stmt(st,
	                      "SELECT s.uid, g.mediator FROM stage_entry e JOIN stage s ON s.id = e.stage_id"
	                      " JOIN agreement g ON g.id = s.agreement_id"
	                      " WHERE e.person_id = ? AND " STAGE_BOOKS
	                      "   AND (?2 IS NULL OR s.uid != ?2) LIMIT 1",
	                      &s, err);
	if(rc)
		return rc;
	sqlite3_bind_int64(s, 1, person_id);
	store_bind_text(s, 2, except);
	*stage_uid = *mediator = NULL;
	if(sqlite3_step(s) == SQLITE_ROW) {
		const char *m = store_column_text(s, 1);
		*stage_uid = arena_strdup(a, store_column_text(s, 0));
		*mediator = m ? arena_strdup(a, m) : NULL;
	}
	sqlite3_reset(s);
	return arena_oom(a) ? pl_nomem(err) : PL_OK;
}

void stage_identity_of(const person *p, entry_identity *w)
{
	memset(w, 0, sizeof(*w));
	w->surname = p->f[PF_SURNAME];
	w->given_names = p->f[PF_GIVEN_NAMES];
	w->patronymic = p->f[PF_PATRONYMIC];
	w->surname_latin = p->f[PF_SURNAME_LATIN];
	w->given_names_latin = p->f[PF_GIVEN_NAMES_LATIN];
	w->patronymic_latin = p->f[PF_PATRONYMIC_LATIN];
	w->birth_date = p->f[PF_BIRTH_DATE];
	w->rank = p->f[PF_RANK];
	w->service_number = p->f[PF_SERVICE_NUMBER];
	w->party = p->f[PF_PARTY];
	w->sex = p->f[PF_SEX];
	for(int k = 0; k < p->next; k++)
		w->ext[w->next++] = p->ext[k];
}

const char *stage_entry_name(const stage_entry *e)
{
	const entry_identity *w = &e->who;
	return w->surname ? w->surname : w->surname_latin ? w->surname_latin : "?";
}

pl_rc stage_check_entry(store *st, const agreement *ag, pdate date, const char *except,
                            stage_entry *e, arena *a, pl_err *err)
{
	const clause *cl = agreement_clause(ag, e->clause ? e->clause : "");
	if(!cl)
		return pl_failc(err, PL_EINPUT, "stage.no_clause", "agreement", ag->name, "clause",
		                e->clause ? e->clause : "", NULL);
	if(cl->subject == SUBJECT_REMAINS)
		return pl_failc(err, PL_EINPUT, "stage.remains_clause", "clause", cl->id, NULL);
	person p;
	pl_rc rc = registry_person_get(st, e->person, a, &p, err);
	if(rc)
		return rc;
	memcpy(e->person, p.uid, UID_SIZE);
	int side = agreement_side(ag, p.f[PF_HELD_BY]);
	if(side < 0 || side != e->side)
		return pl_failc(err, PL_ECONFLICT, "stage.not_holder", "person", p.uid, "surname",
		                p.f[PF_SURNAME] ? p.f[PF_SURNAME] : "?", "held_by",
		                p.f[PF_HELD_BY] ? p.f[PF_HELD_BY] : "nobody known", "side",
		                ag->party[e->side], NULL);
	clause_booking b;
	rc = stage_booking(st, p.id, except, a, &b.stage, &b.mediator, err);
	if(rc)
		return rc;
	clause_verdict v;
	if(!clause_admits(ag, cl, date, &p, side, &b, &v)) {
		buf why;
		buf_init(&why, 4096);
		char reason[48];
		snprintf(reason, sizeof(reason), "exclusion.%s", clause_exclusion_name(v.reason));
		/* The detail (the rule's test, a value) is in English still. */
		rc = clause_verdict_has_detail(&v) &&
		     (buf_adds(&why, ": ") || clause_verdict_detail(&v, &why))
		     ? pl_nomem(err)
		     : pl_failc(err, PL_ECONFLICT, "stage.inadmissible", "person", p.uid, "surname",
		                p.f[PF_SURNAME] ? p.f[PF_SURNAME] : "?", "reason", reason, "detail",
		                buf_str(&why), NULL);
		buf_free(&why);
		return rc;
	}
	e->points = v.points;
	e->ref = arena_strdup(a, p.uid);
	stage_identity_of(&p, &e->who);
	return arena_oom(a) ? pl_nomem(err) : PL_OK;
}

/* ---- versions --------------------------------------------------------------- */

static pl_rc step_done(store *st, sqlite3_stmt *s, const char *doing, pl_err *err)
{
	int sr = sqlite3_step(s);
	sqlite3_reset(s);
	return sr == SQLITE_DONE ? PL_OK : store_fail(st, err, sr, doing);
}

/* The rows of the version's entries and batches; person uids resolved
 * by the caller (e->person, "" when not found here). */
static pl_rc store_rows(store *st, int64_t stage_id, const manifest_doc *m, pl_err *err)
{
	sqlite3_stmt *s;
	pl_rc rc = store_stmt(st, "DELETE FROM stage_entry WHERE stage_id = ?", &s, err);
	if(!rc) {
		sqlite3_bind_int64(s, 1, stage_id);
		rc = step_done(st, s, "replacing a stage's entries", err);
	}
	rc = rc ? rc : store_stmt(st, "DELETE FROM stage_batch WHERE stage_id = ?", &s, err);
	if(!rc) {
		sqlite3_bind_int64(s, 1, stage_id);
		rc = step_done(st, s, "replacing a stage's batches", err);
	}
	for(size_t i = 0; i < m->nentries && !rc; i++) {
		const stage_entry *e = &m->entries[i];
		int64_t pid;
		rc = registry_person_id(st, e->person, &pid, err);
		rc = rc ? rc : store_stmt(st, "INSERT INTO stage_entry (stage_id, seq, side, clause, ref, person_id,"
		                              " points) VALUES (?, ?, ?, ?, ?, ?, ?)", &s, err);
		if(rc)
			break;
		sqlite3_bind_int64(s, 1, stage_id);
		sqlite3_bind_int(s, 2, e->seq);
		sqlite3_bind_text(s, 3, m->party[e->side], -1, SQLITE_STATIC);
		sqlite3_bind_text(s, 4, e->clause, -1, SQLITE_STATIC);
		sqlite3_bind_text(s, 5, e->ref, -1, SQLITE_STATIC);
		if(pid)
			sqlite3_bind_int64(s, 6, pid);
		sqlite3_bind_int64(s, 7, e->points);
		rc = step_done(st, s, "storing a stage entry", err);
	}
	for(size_t i = 0; i < m->nbatches && !rc; i++) {
		const stage_batch *b = &m->batches[i];
		rc = store_stmt(st, "INSERT INTO stage_batch (stage_id, seq, side, clause, batch, declared)"
		                    " VALUES (?, ?, ?, ?, ?, ?)", &s, err);
		if(rc)
			break;
		sqlite3_bind_int64(s, 1, stage_id);
		sqlite3_bind_int(s, 2, b->seq);
		sqlite3_bind_text(s, 3, m->party[b->side], -1, SQLITE_STATIC);
		sqlite3_bind_text(s, 4, b->clause, -1, SQLITE_STATIC);
		sqlite3_bind_text(s, 5, b->batch, -1, SQLITE_STATIC);
		sqlite3_bind_int64(s, 6, b->declared);
		rc = step_done(st, s, "storing a stage batch", err);
	}
	return rc;
}

pl_rc stage_store_version(store *st, int64_t stage_id, const manifest_doc *m, stage_status status,
                             char sha[65], pl_err *err)
{
	json_t *doc = manifest_doc_json(m);
	buf canon;
	buf_init(&canon, BUF_MAX_DEFAULT);
	pl_rc rc = doc ? jcs_canonical(doc, &canon, sha, err) : pl_nomem(err);
	json_decref(doc);
	char now[TIMESTAMP_STR_MAX];
	date_now_iso(now);
	sqlite3_stmt *s;
	if(!rc) {
		rc = store_stmt(st, "INSERT INTO manifest (stage_id, version, doc, sha256, created_at, actor)"
		                    " VALUES (?, ?, ?, ?, ?, ?)", &s, err);
	}
	if(!rc) {
		sqlite3_bind_int64(s, 1, stage_id);
		sqlite3_bind_int(s, 2, m->version);
		sqlite3_bind_text(s, 3, canon.ptr, (int)canon.len, SQLITE_STATIC);
		sqlite3_bind_text(s, 4, sha, -1, SQLITE_STATIC);
		sqlite3_bind_text(s, 5, now, -1, SQLITE_STATIC);
		sqlite3_bind_text(s, 6, store_actor(st), -1, SQLITE_STATIC);
		rc = step_done(st, s, "storing a manifest version", err);
	}
	rc = rc ? rc : store_rows(st, stage_id, m, err);
	rc = rc ? rc : store_stmt(st, "UPDATE stage SET version = ?, status = ?, updated_at = ? WHERE id = ?",
	                          &s, err);
	if(!rc) {
		sqlite3_bind_int(s, 1, m->version);
		sqlite3_bind_text(s, 2, stage_status_name(status), -1, SQLITE_STATIC);
		sqlite3_bind_text(s, 3, now, -1, SQLITE_STATIC);
		sqlite3_bind_int64(s, 4, stage_id);
		rc = step_done(st, s, "updating a stage", err);
	}
	if(!rc) {
		char after[256];
		snprintf(after, sizeof(after), "{\"version\":%d,\"sha256\":\"%s\",\"entries\":%zu,\"batches\":%zu}",
		         m->version, sha, m->nentries, m->nbatches);
		rc = audit_append(st, NULL, "stage.version", "stage", m->stage, NULL, after,
		         err);
	}
	buf_free(&canon);
	return rc;
}

/* ---- creating --------------------------------------------------------------- */

static pl_rc next_number(store *st, int64_t agreement_id, int *out, pl_err *err)
{
	sqlite3_stmt *s;
	pl_rc rc = store_stmt(st,
	                      "SELECT coalesce(max(number), 0) + 1 FROM stage WHERE agreement_id = ?", &s, err);
	if(rc)
		return rc;
	sqlite3_bind_int64(s, 1, agreement_id);
	*out = sqlite3_step(s) == SQLITE_ROW ? sqlite3_column_int(s, 0) : 1;
	sqlite3_reset(s);
	return PL_OK;
}

static pl_rc insert_stage(store *st, const agreement *ag, const manifest_doc *m, pl_err *err)
{
	sqlite3_stmt *s;
	char now[TIMESTAMP_STR_MAX], date[DATE_STR_MAX];
	date_now_iso(now);
	date_format(m->date, date);
	pl_rc rc = store_stmt(st, "INSERT INTO stage (uid, agreement_id, number, date, handover_point, transit,"
	                          " status, version, created_at, updated_at)"
	                          " VALUES (?, ?, ?, ?, ?, ?, 'draft', ?, ?, ?)", &s, err);
	if(rc)
		return rc;
	sqlite3_bind_text(s, 1, m->stage, -1, SQLITE_STATIC);
	sqlite3_bind_int64(s, 2, ag->id);
	sqlite3_bind_int(s, 3, m->number);
	sqlite3_bind_text(s, 4, date, -1, SQLITE_STATIC);
	store_bind_text(s, 5, m->handover_point);
	store_bind_text(s, 6, m->transit);
	sqlite3_bind_int(s, 7, m->version);
	sqlite3_bind_text(s, 8, now, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 9, now, -1, SQLITE_STATIC);
	int sr = sqlite3_step(s);
	sqlite3_reset(s);
	if(sr == SQLITE_CONSTRAINT)
		return pl_failc(err, PL_ECONFLICT, "agreement.stage_exists", "agreement", ag->name, "n",
		                PL_N(m->number), AGREEMENT_TITLE_ARGS(ag), NULL);
	return sr == SQLITE_DONE ? PL_OK : store_fail(st, err, sr, "storing a stage");
}

pl_rc stage_insert(store *st, const agreement *ag, const manifest_doc *m, stage_status status,
                      int64_t *stage_id, pl_err *err)
{
	pl_rc rc = insert_stage(st, ag, m, err);
	if(rc)
		return rc;
	*stage_id = sqlite3_last_insert_rowid(store_db(st));
	char sha[65];
	return stage_store_version(st, *stage_id, m, status, sha, err);
}

void stage_doc_head(const agreement *ag, manifest_doc *m)
{
	memcpy(m->party, ag->party, sizeof(m->party));
	m->agreement = ag->name;
	m->agreement_sha256 = ag->sha256;
	m->mediator = ag->mediator;
}

static pl_rc fill_batches(const agreement *ag, const char *uid, const stage_new *sn, arena *a,
                          manifest_doc *m, pl_err *err)
{
	m->batches = arena_calloc(a, sn->nbatches ? sn->nbatches : 1, sizeof(stage_batch));
	if(!m->batches)
		return pl_nomem(err);
	for(size_t i = 0; i < sn->nbatches; i++) {
		stage_batch *b = &m->batches[m->nbatches++];
		*b = sn->batches[i];
		b->seq = (int)i + 1;
		b->delivered = -1;
		const clause *cl = agreement_clause(ag, b->clause ? b->clause : "");
		if(!cl || cl->subject != SUBJECT_REMAINS)
			return pl_failc(err, PL_EINPUT, "agreement.remains_clause", "agreement", ag->name, "clause",
			                b->clause, AGREEMENT_TITLE_ARGS(ag), NULL);
		if(!b->batch) {
			/* The batch is named by the stage and the side, until the
			 * remains office gives it a label of its own. */
			size_t n = strlen(uid) + 16;
			char *label = arena_alloc(a, n);
			if(!label)
				return pl_nomem(err);
			snprintf(label, n, "%s-%s-%zu", uid, ag->party[b->side], i + 1);
			b->batch = label;
		}
	}
	return PL_OK;
}

pl_rc stage_create(store *st, const agreement *ag, const stage_new *sn, char uid[UID_SIZE],
                      pl_err *err)
{
	if(!sn->date.y || !sn->date.m || !sn->date.d)
		return pl_failc(err, PL_EINPUT, "stage.whole_date", NULL);
	if(!sn->nentries && !sn->nbatches)
		return pl_failc(err, PL_EINPUT, "stage.empty", NULL);
	arena a;
	arena_init(&a, 0);
	manifest_doc m = {0};
	stage_doc_head(ag, &m);
	registry_uid('S', uid);
	m.stage = uid;
	m.version = 1;
	m.date = sn->date;
	m.number = sn->number;
	m.handover_point = sn->handover_point;
	m.transit = sn->transit ? sn->transit : ag->transit;
	m.entries = arena_calloc(&a, sn->nentries ? sn->nentries : 1, sizeof(stage_entry));
	pl_rc rc = m.entries ? store_begin(st, err) : pl_nomem(err);
	if(rc) {
		arena_free(&a);
		return rc;
	}
	if(!m.number)
		rc = next_number(st, ag->id, &m.number, err);
	for(size_t i = 0; i < sn->nentries && !rc; i++) {
		stage_entry *e = &m.entries[m.nentries++];
		*e = sn->entries[i];
		e->seq = (int)i + 1;
		for(size_t k = 0; k < i && !rc; k++)
			if(!strcmp(m.entries[k].person, e->person))
				rc = pl_failc(err, PL_EINPUT, "stage.twice", "person", e->person, NULL);
		rc = rc ? rc : stage_check_entry(st, ag, sn->date, NULL, e, &a, err);
	}
	rc = rc ? rc : fill_batches(ag, uid, sn, &a, &m, err);
	int64_t id;
	rc = rc ? rc : stage_insert(st, ag, &m, STAGE_DRAFT, &id, err);
	rc = rc ? rc : audit_append(st, NULL, "stage.create", "stage", uid, NULL,
	                   ag->name, err);
	rc = store_end(st, rc, err);
	arena_free(&a);
	return rc;
}

pl_rc stage_create_planned(store *st, const plan *p, int day, const char *handover_point,
                           char uid[UID_SIZE], pl_err *err)
{
	if(day < 1 || (size_t)day > p->ndays)
		return pl_failc(err, PL_EINPUT, "plan.no_day", "day", PL_N(day), "n", PL_N(p->ndays), NULL);
	const plan_day *d = &p->days[day - 1];
	size_t n = (size_t)(d->persons[0] + d->persons[1]);
	stage_entry *entries = calloc(n ? n : 1, sizeof(*entries));
	if(!entries)
		return pl_nomem(err);
	size_t k = 0;
	for(int s = 0; s < 2; s++)
		for(size_t i = 0; i < p->ncand[s]; i++) {
			const plan_candidate *c = &p->cand[s][i];
			if(c->day != day || k == n)
				continue;
			stage_entry *e = &entries[k++];
			e->side = s;
			e->clause = p->cl->id;
			e->points = c->points;
			memcpy(e->person, c->who.uid, UID_SIZE);
		}
	stage_batch batches[2];
	size_t nb = 0;
	for(int s = 0; s < 2; s++)
		if(d->bodies[s])
			batches[nb++] = (stage_batch){.side = s, .clause = p->cl->id, .declared = d->bodies[s]};
	stage_new sn = {.date = d->date, .handover_point = handover_point, .transit = p->ag->transit,
	                .entries = entries, .nentries = k, .batches = batches, .nbatches = nb};
	pl_rc rc = stage_create(st, p->ag, &sn, uid, err);
	free(entries);
	return rc;
}
