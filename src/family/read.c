/* Reading inquiries: one with its consent history, a page of them, and the
 * record of those reads in the access log. */
#include <string.h>

#include "audit/audit.h"
#include "dna/dna.h"
#include "family/internal.h"

#define INQUIRY_COLUMNS                                                                       \
	"id, uid, status, close_reason, linked, link_prob, person_id, actor, created_at,"         \
	" updated_at, ref, surname, given_names, patronymic, birth_date, sex, party, inquirer,"   \
	" organisation, relation, phone, email, address, language, received, last_seen_date,"    \
	" last_seen_place, unit, circumstances, note"
enum { FIRST_FIELD = 10 };

/* A stored word this binary does not know reads as the list's first. */
static int word_index(const char *const *names, const char *w)
{
	int k = fam_word(names, w);
	return k < 0 ? 0 : k;
}

static void from_row(sqlite3_stmt *s, arena *a, inquiry *q)
{
	memset(q, 0, sizeof(*q));
	q->id = sqlite3_column_int64(s, 0);
	snprintf(q->uid, sizeof(q->uid), "%s", store_column_text(s, 1));
	q->status = (inquiry_status)word_index(inquiry_status_names, store_column_text(s, 2));
	q->close_reason = store_column_dup(s, 3, a);
	q->linked = (inquiry_link)word_index(inquiry_link_names, store_column_text(s, 4));
	q->link_prob = sqlite3_column_double(s, 5);
	q->person_id = sqlite3_column_int64(s, 6);
	q->actor = store_column_dup(s, 7, a);
	q->created_at = store_column_dup(s, 8, a);
	q->updated_at = store_column_dup(s, 9, a);
	for(int f = 0, col = FIRST_FIELD; f < IF_COUNT; f++)
		if(f != IF_PERSON)
			q->f[f] = store_column_dup(s, col++, a);
}

/* ---- consents ------------------------------------------------------------------ */

pl_rc fam_consents_of(store *st, int64_t inquiry_id, arena *a, consent **out, size_t *n, pl_err *err)
{
	sqlite3_stmt *s;
	pl_rc rc = store_stmt(st, "SELECT purpose, given, form, withdrawn, withdrawn_form, note, actor, created_at"
	                          " FROM inquiry_consent WHERE inquiry_id = ? ORDER BY id", &s, err);
	if(rc)
		return rc;
	sqlite3_bind_int64(s, 1, inquiry_id);
	size_t cap = 0;
	*out = NULL;
	*n = 0;
	int x;
	while((x = sqlite3_step(s)) == SQLITE_ROW) {
		if(*n == cap) {
			consent *grown = arena_alloc(a, (cap = cap ? cap * 2 : 8) * sizeof(consent));
			if(!grown)
				break;
			if(*n)
				memcpy(grown, *out, *n * sizeof(consent));
			*out = grown;
		}
		consent *c = &(*out)[(*n)++];
		c->purpose = (consent_purpose)consent_purpose_parse(store_column_text(s, 0));
		c->given = store_column_dup(s, 1, a);
		c->form = store_column_dup(s, 2, a);
		c->withdrawn = store_column_dup(s, 3, a);
		c->withdrawn_form = store_column_dup(s, 4, a);
		c->note = store_column_dup(s, 5, a);
		c->actor = store_column_dup(s, 6, a);
		c->created_at = store_column_dup(s, 7, a);
	}
	sqlite3_reset(s);
	if(arena_oom(a))
		return pl_nomem(err);
	return x == SQLITE_ROW || x == SQLITE_DONE ? PL_OK : store_fail(st, err, x, "reading consents");
}

/* Each inquiry's purposes in force today, and its person as the registry
 * has them: one statement each for the whole page. */
typedef struct page_ctx {
	inquiry *rows;
} page_ctx;

static void in_force_row(sqlite3_stmt *s, size_t i, void *ctx)
{
	page_ctx *p = ctx;
	int purpose = consent_purpose_parse(store_column_text(s, 1));
	if(purpose >= 0)
		p->rows[i].consents_in_force |= 1u << purpose;
}

static pl_rc complete(store *st, inquiry *rows, size_t n, arena *a, pl_err *err)
{
	if(!n)
		return PL_OK;
	int64_t *ids = arena_calloc(a, n, sizeof(*ids));
	person_brief *who = arena_calloc(a, n, sizeof(*who));
	if(!ids || !who)
		return pl_nomem(err);
	for(size_t i = 0; i < n; i++)
		ids[i] = rows[i].person_id;
	pl_rc rc = registry_person_briefs(st, ids, n, a, who, err);
	for(size_t i = 0; !rc && i < n; i++) {
		rows[i].who = who[i];
		rows[i].f[IF_PERSON] = who[i].id ? rows[i].who.uid : NULL;
		ids[i] = rows[i].id;
	}
	sqlite3_stmt *s;
	if(rc || (rc = store_stmt(st, "SELECT j.key, c.purpose FROM json_each(?1) j JOIN inquiry_consent c"
	                              " ON c.inquiry_id = j.value WHERE c.given <= ?2 AND (c.withdrawn IS NULL"
	                              " OR c.withdrawn > ?2)", &s, err)))
		return rc;
	char today[DATE_STR_MAX];
	date_format(store_today(st), today);
	sqlite3_bind_text(s, 2, today, -1, SQLITE_TRANSIENT);
	page_ctx ctx = {rows};
	return store_rows_by_ids(st, s, ids, n, 0, in_force_row, &ctx, "reading consents", err);
}

/* ---- one inquiry ------------------------------------------------------------------ */

pl_rc fam_inquiry_load(store *st, const char *uid, arena *a, inquiry *out, pl_err *err)
{
	if(!uid || strlen(uid) < 5)
		return pl_failc(err, PL_ENOTFOUND, "family.no_inquiry", "inquiry", uid ? uid : "", NULL);
	sqlite3_stmt *s;
	pl_rc rc = store_stmt(st, "SELECT " INQUIRY_COLUMNS " FROM inquiry WHERE uid >= ?1 AND uid < ?1 || '~'"
	                          " ORDER BY uid LIMIT 2", &s, err);
	if(rc)
		return rc;
	sqlite3_bind_text(s, 1, uid, -1, SQLITE_STATIC);
	int x = sqlite3_step(s), found = 0;
	if(x == SQLITE_ROW) {
		from_row(s, a, out);
		found = 1;
		if(strcmp(out->uid, uid) && (x = sqlite3_step(s)) == SQLITE_ROW)
			found = 2;
	}
	sqlite3_reset(s);
	if(x != SQLITE_ROW && x != SQLITE_DONE)
		return store_fail(st, err, x, "reading an inquiry");
	if(!found)
		return pl_failc(err, PL_ENOTFOUND, "family.no_inquiry", "inquiry", uid, NULL);
	if(found == 2)
		return pl_failc(err, PL_EINPUT, "family.ambiguous", "inquiry", uid, NULL);
	return arena_oom(a) ? pl_nomem(err) : complete(st, out, 1, a, err);
}

static pl_rc others(store *st, const inquiry *q, arena *a, const char ***out, size_t *n, pl_err *err)
{
	sqlite3_stmt *s;
	pl_rc rc = store_stmt(st, "SELECT uid FROM inquiry WHERE person_id = ? AND id <> ? ORDER BY id LIMIT 100", &s,
	                      err);
	if(rc)
		return rc;
	sqlite3_bind_int64(s, 1, q->person_id);
	sqlite3_bind_int64(s, 2, q->id);
	*out = arena_calloc(a, 100, sizeof(char *));
	*n = 0;
	int x;
	while(*out && (x = sqlite3_step(s)) == SQLITE_ROW)
		(*out)[(*n)++] = store_column_dup(s, 0, a);
	sqlite3_reset(s);
	return *out && !arena_oom(a) ? PL_OK : pl_nomem(err);
}

/* The DNA samples given under the inquiry's consent, as the DNA module
 * holds them (dna.h: its name for the consent is "inquiry Q..."). */
static pl_rc samples_of(store *st, inquiry_detail *d, arena *a, pl_err *err)
{
	char holder[UID_SIZE + 16];
	snprintf(holder, sizeof(holder), "inquiry %s", d->q.uid);
	dna_reference_query q = {.holder = holder, .limit = 64};
	dna_reference_row *r;
	size_t n, total;
	pl_rc rc = dna_references_list(st, &q, a, &r, &n, &total, err);
	d->samples = rc ? NULL : arena_calloc(a, n + 1, sizeof(char *));
	d->sample_state = rc ? NULL : arena_calloc(a, n + 1, sizeof(char *));
	if(rc || !d->samples || !d->sample_state)
		return rc ? rc : pl_nomem(err);
	for(size_t i = 0; i < n; i++) {
		d->samples[i] = r[i].sample;
		d->sample_state[i] = r[i].state;
	}
	d->nsamples = n;
	return PL_OK;
}

pl_rc family_inquiry_get(store *st, const char *uid, arena *a, inquiry_detail *out, pl_err *err)
{
	memset(out, 0, sizeof(*out));
	pl_rc rc = fam_inquiry_load(st, uid, a, &out->q, err);
	rc = rc ? rc : fam_consents_of(st, out->q.id, a, &out->consents, &out->nconsents, err);
	rc = rc ? rc : others(st, &out->q, a, &out->others, &out->nothers, err);
	return rc ? rc : samples_of(st, out, a, err);
}

/* ---- a page ---------------------------------------------------------------------------- */

static pl_rc statuses_check(const char *list, pl_err *err)
{
	if(!list)
		return PL_OK;
	char w[32];
	for(const char *p = list; *p;) {
		size_t n = strcspn(p, ",");
		snprintf(w, sizeof(w), "%.*s", (int)(n < sizeof(w) ? n : sizeof(w) - 1), p);
		if(inquiry_status_parse(w) < 0)
			return pl_failc(err, PL_EUSAGE, "family.status", "status", w, NULL);
		p += n + (p[n] == ',');
	}
	return PL_OK;
}

#define LIST_WHERE                                                                            \
	" FROM inquiry WHERE (?1 IS NULL OR instr(',' || ?1 || ',', ',' || status || ',') > 0)"    \
	" AND (?2 = 0 OR person_id = ?2)"

pl_rc family_inquiry_list(store *st, const inquiry_query *q, arena *a, inquiry_page *out, pl_err *err)
{
	memset(out, 0, sizeof(*out));
	int64_t pid = 0;
	pl_rc rc = statuses_check(q->status, err);
	if(!rc && q->person) {
		person p;
		if((rc = registry_person_get(st, q->person, a, &p, err)))
			return rc == PL_ENOTFOUND ? PL_OK : rc; /* nobody: no inquiries */
		pid = p.id;
	}
	sqlite3_stmt *s, *c;
	if(rc || (rc = store_stmt(st, "SELECT " INQUIRY_COLUMNS LIST_WHERE " ORDER BY id DESC LIMIT ?3 OFFSET ?4", &s,
	                          err)) ||
	   (rc = store_stmt(st, "SELECT count(*)" LIST_WHERE, &c, err)))
		return rc;
	size_t limit = q->limit ? q->limit : 50;
	out->rows = arena_calloc(a, limit, sizeof(inquiry));
	if(!out->rows)
		return pl_nomem(err);
	sqlite3_stmt *both[2] = {s, c};
	for(int k = 0; k < 2; k++) {
		store_bind_text(both[k], 1, q->status);
		sqlite3_bind_int64(both[k], 2, pid);
	}
	sqlite3_bind_int64(s, 3, (sqlite3_int64)limit);
	sqlite3_bind_int64(s, 4, (sqlite3_int64)q->offset);
	int x;
	while((x = sqlite3_step(s)) == SQLITE_ROW)
		from_row(s, a, &out->rows[out->n++]);
	sqlite3_reset(s);
	if(x != SQLITE_DONE)
		return store_fail(st, err, x, "listing inquiries");
	x = sqlite3_step(c);
	out->total = x == SQLITE_ROW ? (size_t)sqlite3_column_int64(c, 0) : 0;
	sqlite3_reset(c);
	if(x != SQLITE_ROW)
		return store_fail(st, err, x, "counting inquiries");
	return arena_oom(a) ? pl_nomem(err) : complete(st, out->rows, out->n, a, err);
}

pl_rc family_log_reads(store *st, const inquiry *q, size_t n, const char *action, pl_err *err)
{
	pl_rc rc = PL_OK;
	for(size_t i = 0; i < n && !rc; i++) {
		char detail[64];
		snprintf(detail, sizeof(detail), "inquiry %s", q[i].uid);
		rc = audit_access(st, NULL, q[i].f[IF_PERSON] ? q[i].f[IF_PERSON] : q[i].uid, action, detail, err);
	}
	return rc;
}
