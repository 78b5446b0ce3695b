/* Returnees' testimonies (docs/families.md, "Testimonies"): the debriefing
 * and the people it names, each sighting with the matching engine's
 * candidates for someone to review.
 *
 * The engine is run as an inquiry's described person is (link.c): every
 * sighting a row against the registry, outside the writing transaction
 * (it reads the whole registry in a snapshot of its own). A sighting as
 * said is often less than the engine's blocking rules need: a surname
 * alone, a given name and a unit. Those the rules propose nobody for are
 * looked up by hand among the registry's records, by the surname's
 * skeleton or by the given name with the unit, and each such pair is
 * weighed by the engine's own model (the unit counts there, the place of
 * the sighting is shown beside the registry's, never weighed: the engine
 * has no such comparison). A sighting still without candidates says why. */
#include <stdlib.h>
#include <string.h>

#include "core/msg.h"
#include "family/internal.h"
#include "match/reconcile.h"

const char *const sighting_condition_names[SC_COUNT + 1] = {"alive", "wounded", "ill", "dead", "unknown", NULL};
const char *const sighting_status_names[SS_COUNT + 1] = {"review", "accepted", "rejected", "not_in_registry", NULL};
const char *const sighting_confidence_names[] = {"high", "medium", "low", NULL};

const field_def testimony_fields[TF_COUNT] = {
	[TF_REF] = {"ref", FK_TEXT, NULL, 0, "Reference", "the office's own reference of the testimony (unique)"},
	[TF_RETURNEE] = {"returnee", FK_TEXT, NULL, 0, "Returnee", "who testifies: a registry person's id"},
	[TF_TAKEN_ON] = {"taken_on", FK_DATE, NULL, FIELD_PAST, "Taken on", "the day of the debriefing, YYYY-MM-DD"},
	[TF_TAKEN_BY] = {"taken_by", FK_TEXT, NULL, 0, "Taken by", "who took it (default: you)"},
	[TF_TAKEN_AT] = {"taken_at", FK_TEXT, NULL, 0, "Taken at", "where it was taken"},
	[TF_NOTE] = {"note", FK_NOTE, NULL, 0, "Note", "free text"},
};

const field_def sighting_fields[SF_COUNT] = {
	[SF_SURNAME] = {"surname", FK_TEXT, NULL, FIELD_NAME, "Surname", "as said, in any script, or part of it"},
	[SF_GIVEN_NAMES] = {"given_names", FK_TEXT, NULL, FIELD_NAME, "Given names", "as said"},
	[SF_PATRONYMIC] = {"patronymic", FK_TEXT, NULL, FIELD_NAME, "Patronymic", "as said"},
	[SF_NICKNAME] = {"nickname", FK_TEXT, NULL, 0, "Nickname", "a nickname or call sign"},
	[SF_RANK] = {"rank", FK_TEXT, NULL, 0, "Rank", "as said"},
	[SF_UNIT] = {"unit", FK_TEXT, NULL, 0, "Unit", "as said: 47 ОМБр, 36th brigade"},
	[SF_PLACE] = {"place", FK_TEXT, NULL, 0, "Place", "where seen: a camp, a colony, a town"},
	[SF_DATE] = {"date", FK_DATE, NULL, FIELD_PAST, "Date", "when seen: YYYY, YYYY-MM or YYYY-MM-DD"},
	[SF_CONDITION] = {"condition", FK_ENUM, sighting_condition_names, 0, "Condition",
	                  "alive, wounded, ill, dead or unknown"},
	[SF_NOTE] = {"note", FK_NOTE, NULL, 0, "Note", "free text"},
};

/* ---- checking ---------------------------------------------------------------------- */

static pl_rc refuse(testimony_result *res, int which, int field, pl_rc rc)
{
	res->sighting = which;
	res->field = field;
	return rc;
}

/* The values of in, cleaned into out (in a). */
static pl_rc clean(store *st, const testimony_input *in, arena *a, testimony_input *out, testimony_result *res,
                   pl_err *err)
{
	pdate today = store_today(st);
	*out = *in;
	for(int f = 0; f < TF_COUNT; f++) {
		const char *why = NULL;
		out->f[f] = field_clean(&testimony_fields[f], in->f[f], today, a, &why);
		if(!out->f[f] && why)
			return refuse(res, -1, f, field_refuse(&testimony_fields[f], testimony_fields[f].name, in->f[f], why,
			                                       err));
	}
	if(!out->f[TF_RETURNEE])
		return refuse(res, -1, TF_RETURNEE, pl_failc(err, PL_EINPUT, "testimony.no_returnee", NULL));
	if(!out->f[TF_TAKEN_ON] || strlen(out->f[TF_TAKEN_ON]) != 10)
		return refuse(res, -1, TF_TAKEN_ON,
		              pl_failc(err, PL_EINPUT, "testimony.taken_on", "date", in->f[TF_TAKEN_ON] ? in->f[TF_TAKEN_ON] : "",
		                       NULL));
	if(!out->f[TF_TAKEN_BY])
		out->f[TF_TAKEN_BY] = store_actor(st);
	if(!in->ns)
		return refuse(res, -1, -1, pl_failc(err, PL_EINPUT, "testimony.no_sightings", NULL));
	if(in->ns > SIGHTINGS_MAX)
		return refuse(res, -1, -1, pl_failc(err, PL_EINPUT, "testimony.too_many", "max", PL_N(SIGHTINGS_MAX), NULL));
	const char *(*s)[SF_COUNT] = arena_calloc(a, in->ns, sizeof(*s));
	if(!s)
		return pl_nomem(err);
	out->s = s;
	for(size_t i = 0; i < in->ns; i++) {
		for(int f = 0; f < SF_COUNT; f++) {
			const char *why = NULL;
			s[i][f] = field_clean(&sighting_fields[f], in->s[i][f], today, a, &why);
			if(!s[i][f] && why) {
				char key[64];
				snprintf(key, sizeof(key), "sightings[%zu].%s", i + 1, sighting_fields[f].name);
				return refuse(res, (int)i, f, field_refuse(&sighting_fields[f], key, in->s[i][f], why, err));
			}
		}
		if(!s[i][SF_SURNAME] && !s[i][SF_GIVEN_NAMES] && !s[i][SF_NICKNAME])
			return refuse(res, (int)i, SF_SURNAME,
			              pl_failc(err, PL_EINPUT, "testimony.sighting_nameless", "n", PL_N((long long)i + 1), NULL));
		if(!s[i][SF_CONDITION])
			s[i][SF_CONDITION] = "unknown";
		if(s[i][SF_DATE] && out->f[TF_TAKEN_ON] && strncmp(s[i][SF_DATE], out->f[TF_TAKEN_ON], strlen(s[i][SF_DATE])) > 0)
			return refuse(res, (int)i, SF_DATE,
			              pl_failc(err, PL_EINPUT, "testimony.seen_after", "n", PL_N((long long)i + 1), "date",
			                       s[i][SF_DATE], "taken_on", out->f[TF_TAKEN_ON], NULL));
	}
	return PL_OK;
}

/* ---- the engine ---------------------------------------------------------------------- */

typedef struct found {
	uint32_t reg;          /* the registry record */
	double prob;
} found;

typedef struct cands {
	found c[SIGHTING_CANDIDATES];
	char uid[SIGHTING_CANDIDATES][UID_SIZE];
	size_t n;
	const char *why;       /* none: why (a message code) */
} cands;

static void keep(cands *k, uint32_t reg, double prob)
{
	for(size_t i = 0; i < k->n; i++)
		if(k->c[i].reg == reg)
			return;
	size_t at = k->n;
	while(at > 0 && k->c[at - 1].prob < prob)
		at--;
	if(at >= SIGHTING_CANDIDATES)
		return;
	size_t n = k->n < SIGHTING_CANDIDATES ? k->n + 1 : SIGHTING_CANDIDATES;
	memmove(&k->c[at + 1], &k->c[at], (n - at - 1) * sizeof(k->c[0]));
	k->c[at] = (found){reg, prob};
	k->n = n;
}

static bool same(const char *x, const char *y)
{
	return x && y && !strcmp(x, y);
}

/* A sighting the rules proposed nobody for: the registry's records with its
 * surname's skeleton, or its given name and unit, each weighed by the
 * model the registry taught. */
static void by_hand(const reconcile_result *res, size_t j, cands *k)
{
	const match_side *reg = &res->reg.side, *list = &res->list.side;
	const char *skel = match_value(list, j, MP_SURNAME_SKEL), *given = match_value(list, j, MP_GIVEN_EQ),
		   *unit = match_value(list, j, MP_UNIT);
	if(!skel && !(given && unit))
		return;
	for(size_t i = 0; i < reg->n; i++) {
		if(!(skel ? same(skel, match_value(reg, i, MP_SURNAME_SKEL)) &&
		            (!given || same(given, match_value(reg, i, MP_GIVEN_EQ)))
		          : same(given, match_value(reg, i, MP_GIVEN_EQ)) && same(unit, match_value(reg, i, MP_UNIT))))
			continue;
		match_pair p = {.a = (uint32_t)i, .b = (uint32_t)j};
		double part[MATCH_CMPS_MAX];
		match_compare(&match_person_spec, reg, i, list, j, p.level);
		keep(k, (uint32_t)i,
		     match_probability(match_explain(&match_person_spec, &res->links, reg, list, &p, part)));
	}
}

/* The candidates of each sighting with a name (rows[] maps the engine's
 * rows back to the sightings). */
static pl_rc engine(store *st, const testimony_input *in, cands *out, pl_err *err)
{
	long persons = 0, in_custody;
	pl_rc rc = registry_custody_count(st, &in_custody, &persons, err);
	size_t n = 0, *rows = calloc(in->ns, sizeof(*rows));
	reconcile_record *rec = calloc(in->ns, sizeof(*rec));
	if(!rc && (!rows || !rec))
		rc = pl_nomem(err);
	for(size_t i = 0; !rc && i < in->ns; i++) {
		if(!in->s[i][SF_SURNAME] && !in->s[i][SF_GIVEN_NAMES]) {
			out[i].why = "testimony.why_nickname";
			continue;
		}
		rec[n].key = "";
		person *p = &rec[n].who;
		p->f[PF_SURNAME] = in->s[i][SF_SURNAME];
		p->f[PF_GIVEN_NAMES] = in->s[i][SF_GIVEN_NAMES];
		p->f[PF_PATRONYMIC] = in->s[i][SF_PATRONYMIC];
		p->f[PF_UNIT] = in->s[i][SF_UNIT];
		rows[n++] = i;
	}
	struct names *nm;
	reconcile_result res;
	bool ran = false;
	if(!rc && n && persons > 1 && !(rc = registry_names(st, &nm, err))) {
		/* A low review band: the reviewer sees the near ones too; the
		 * engine decides nothing here. */
		reconcile_opts o = {.threads = 1, .threshold = 0.9, .review = 0.01};
		rc = reconcile_records(st, nm, rec, n, "testimony", &o, &res, err);
		ran = !rc;
	}
	for(size_t j = 0; ran && j < n; j++) {
		cands *k = &out[rows[j]];
		for(size_t q = 0; q < res.links.npairs; q++)
			if(res.links.pairs[q].b == j && res.links.pairs[q].prob >= 0.01)
				keep(k, res.links.pairs[q].a, res.links.pairs[q].prob);
		if(!k->n)
			by_hand(&res, j, k);
		const char *const *said = in->s[rows[j]];
		if(!k->n)
			k->why = said[SF_SURNAME] ? "testimony.why_nobody"
			         : said[SF_UNIT]  ? "testimony.why_given_unit"
			                          : "testimony.why_given_only";
	}
	/* The candidates by their registry uids, before the records go. */
	for(size_t j = 0; ran && j < n; j++) {
		cands *k = &out[rows[j]];
		for(size_t c = 0; c < k->n; c++)
			snprintf(k->uid[c], UID_SIZE, "%s", res.reg.ids[k->c[c].reg]);
	}
	for(size_t j = 0; !ran && j < n; j++)
		out[rows[j]].why = "testimony.why_empty_registry";
	free(rows);
	free(rec);
	if(ran)
		reconcile_free(&res);
	return rc;
}

/* ---- writing ------------------------------------------------------------------------- */

static pl_rc ref_taken(store *st, const testimony_input *in, testimony_result *res, pl_err *err)
{
	if(!in->f[TF_REF])
		return PL_OK;
	sqlite3_stmt *s;
	pl_rc rc = store_stmt(st, "SELECT uid FROM testimony WHERE ref = ?", &s, err);
	if(rc)
		return rc;
	sqlite3_bind_text(s, 1, in->f[TF_REF], -1, SQLITE_STATIC);
	int x = sqlite3_step(s);
	if(x == SQLITE_ROW) {
		snprintf(res->uid, UID_SIZE, "%s", store_column_text(s, 0));
		res->skipped = true;
	}
	sqlite3_reset(s);
	return x == SQLITE_ROW || x == SQLITE_DONE ? PL_OK : store_fail(st, err, x, "reading testimonies");
}

static pl_rc step_done(store *st, sqlite3_stmt *s, const char *what, pl_err *err)
{
	int x = sqlite3_step(s);
	sqlite3_reset(s);
	return x == SQLITE_DONE ? PL_OK : store_fail(st, err, x, what);
}

static pl_rc put_sighting(store *st, int64_t tid, const char *const *f, const cands *k, json_t *audit,
                          pl_err *err)
{
	sqlite3_stmt *s;
	pl_rc rc = store_stmt(st, "INSERT INTO sighting(uid, testimony_id, why_none, surname, given_names, patronymic,"
	                          " nickname, rank, unit, place, date, condition, note)"
	                          " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)", &s, err);
	if(rc)
		return rc;
	char uid[UID_SIZE];
	registry_uid('W', uid);
	sqlite3_bind_text(s, 1, uid, -1, SQLITE_STATIC);
	sqlite3_bind_int64(s, 2, tid);
	store_bind_text(s, 3, k->n ? NULL : k->why);
	for(int i = 0; i < SF_COUNT; i++)
		store_bind_text(s, 4 + i, f[i]);
	if((rc = step_done(st, s, "writing a sighting", err)))
		return rc;
	int64_t sid = sqlite3_last_insert_rowid(store_db(st));
	json_t *o = json_pack("{s:s}", "id", uid), *c = json_array();
	for(int i = 0; i < SF_COUNT; i++)
		if(f[i])
			json_object_set_new(o, sighting_fields[i].name, json_string(f[i]));
	if(!k->n && k->why)
		json_object_set_new(o, "why_none", json_string(k->why));
	json_object_set_new(o, "candidates", c);
	json_array_append_new(audit, o);
	const char *uids[SIGHTING_CANDIDATES];
	int64_t ids[SIGHTING_CANDIDATES];
	for(size_t i = 0; i < k->n; i++)
		uids[i] = k->uid[i];
	if((k->n && (rc = registry_person_ids(st, uids, k->n, ids, err))) ||
	   (rc = store_stmt(st, "INSERT INTO sighting_candidate(sighting_id, rank, person_id, prob)"
	                        " VALUES (?1, ?2, ?3, ?4)", &s, err)))
		return rc;
	for(size_t i = 0; !rc && i < k->n; i++) {
		if(!ids[i]) /* gone since the engine read the registry */
			continue;
		sqlite3_bind_int64(s, 1, sid);
		sqlite3_bind_int64(s, 2, (sqlite3_int64)i + 1);
		sqlite3_bind_int64(s, 3, ids[i]);
		sqlite3_bind_double(s, 4, k->c[i].prob);
		rc = step_done(st, s, "writing a candidate", err);
		json_array_append_new(c, json_pack("{s:s, s:f}", "person", k->uid[i], "prob", k->c[i].prob));
	}
	return rc;
}

static pl_rc put(store *st, const testimony_input *in, const cands *k, testimony_result *res, pl_err *err)
{
	pl_rc rc = ref_taken(st, in, res, err);
	if(rc || res->skipped)
		return rc;
	int64_t returnee = 0;
	if((rc = registry_person_id(st, in->f[TF_RETURNEE], &returnee, err)))
		return rc;
	if(!returnee)
		return refuse(res, -1, TF_RETURNEE,
		              pl_failc(err, PL_ENOTFOUND, "person.bad_ref", "person", in->f[TF_RETURNEE], NULL));
	sqlite3_stmt *s;
	if((rc = store_stmt(st, "INSERT INTO testimony(uid, ref, returnee_id, taken_on, taken_by, taken_at, note, actor,"
	                        " created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)", &s, err)))
		return rc;
	char uid[UID_SIZE], now[TIMESTAMP_STR_MAX];
	registry_uid('D', uid);
	date_now_iso(now);
	sqlite3_bind_text(s, 1, uid, -1, SQLITE_STATIC);
	store_bind_text(s, 2, in->f[TF_REF]);
	sqlite3_bind_int64(s, 3, returnee);
	for(int f = TF_TAKEN_ON; f < TF_COUNT; f++)
		store_bind_text(s, 4 + f - TF_TAKEN_ON, in->f[f]);
	sqlite3_bind_text(s, 8, store_actor(st), -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 9, now, -1, SQLITE_STATIC);
	if((rc = step_done(st, s, "writing a testimony", err)))
		return rc;
	int64_t tid = sqlite3_last_insert_rowid(store_db(st));
	json_t *audit = json_object(), *list = json_array();
	for(int f = 0; f < TF_COUNT; f++)
		if(in->f[f])
			json_object_set_new(audit, testimony_fields[f].name, json_string(in->f[f]));
	json_object_set_new(audit, "sightings", list);
	for(size_t i = 0; !rc && i < in->ns; i++) {
		rc = put_sighting(st, tid, in->s[i], &k[i], list, err);
		res->with_candidates += k[i].n > 0;
	}
	snprintf(res->uid, UID_SIZE, "%s", uid);
	res->nsightings = in->ns;
	if(rc) {
		json_decref(audit);
		return rc;
	}
	return fam_audit(st, "create", "testimony", uid, NULL, audit, err);
}

struct fam_testimony {
	testimony_input v;
	cands *k;
};

pl_rc fam_testimony_prepare(store *st, const testimony_input *in, arena *a, fam_testimony **out,
                            testimony_result *res, pl_err *err)
{
	memset(res, 0, sizeof(*res));
	res->sighting = res->field = -1;
	fam_testimony *t = *out = arena_calloc(a, 1, sizeof(*t));
	if(!t)
		return pl_nomem(err);
	person who;
	pl_rc rc = clean(st, in, a, &t->v, res, err);
	/* the returnee by id or a prefix, as the registry finds them */
	if(!rc && (rc = registry_person_get(st, t->v.f[TF_RETURNEE], a, &who, err)))
		rc = refuse(res, -1, TF_RETURNEE, rc);
	if(!rc)
		t->v.f[TF_RETURNEE] = arena_strdup(a, who.uid);
	rc = rc ? rc : ref_taken(st, &t->v, res, err);
	if(!rc && !res->skipped && !(t->k = arena_calloc(a, t->v.ns, sizeof(*t->k))))
		rc = pl_nomem(err);
	if(!rc && !res->skipped)
		rc = engine(st, &t->v, t->k, err);
	return rc;
}

pl_rc fam_testimony_put(store *st, const fam_testimony *t, testimony_result *res, pl_err *err)
{
	return put(st, &t->v, t->k, res, err);
}

pl_rc family_testimony_add(store *st, const testimony_input *in, testimony_result *res, pl_err *err)
{
	arena a;
	arena_init(&a, 0);
	fam_testimony *t;
	pl_rc rc = fam_testimony_prepare(st, in, &a, &t, res, err);
	if(!rc && !res->skipped && !(rc = store_begin(st, err)))
		rc = store_end(st, fam_testimony_put(st, t, res, err), err);
	if(rc) {
		int s = res->sighting, f = res->field;
		memset(res, 0, sizeof(*res)); /* nothing was written */
		res->sighting = s;
		res->field = f;
	}
	arena_free(&a);
	return rc;
}
