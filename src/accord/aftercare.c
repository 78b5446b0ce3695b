/* Aftercare (aftercare.h). */
#include <stdlib.h>
#include <string.h>

#include "accord/aftercare.h"
#include "accord/internal.h"

static const char *const step_names[STEP_COUNT + 1] = {
	"handed_over", "transit", "assistance", "home", "hospital", "rehabilitation", NULL};

const char *aftercare_step_name(aftercare_step s)
{
	return s < STEP_COUNT ? step_names[s] : "?";
}

int aftercare_step_parse(const char *s)
{
	for(int i = 0; s && step_names[i]; i++)
		if(!strcmp(step_names[i], s))
			return i;
	return -1;
}

static aftercare_step step_of(const char *type)
{
	static const struct {
		const char *type;
		aftercare_step step;
	} map[] = {
		{"arrived_transit", STEP_TRANSIT}, {"assistance", STEP_ASSISTANCE},
		{"repatriated", STEP_HOME},        {"hospital_admission", STEP_HOSPITAL},
		{"treatment", STEP_REHABILITATION},
	};
	for(size_t i = 0; type && i < sizeof(map) / sizeof(map[0]); i++)
		if(!strcmp(map[i].type, type))
			return map[i].step;
	return STEP_HANDED_OVER;
}

static int by_step_then_name(const void *x, const void *y)
{
	const aftercare_row *a = x, *b = y;
	if(a->step != b->step)
		return a->step < b->step ? -1 : 1;
	int c = strcmp(a->name, b->name);
	return c ? c : strcmp(a->person, b->person);
}

static const char *name_of(const person_brief *p, arena *a)
{
	const char *sur = p->surname ? p->surname : p->surname_latin;
	const char *giv = p->given_names ? p->given_names : p->given_names_latin;
	size_t n = (sur ? strlen(sur) : 1) + (giv ? strlen(giv) : 0) + 2;
	char *out = arena_alloc(a, n);
	if(out)
		snprintf(out, n, "%s%s%s", sur ? sur : "?", giv ? " " : "", giv ? giv : "");
	return out;
}

/* The events that say where a person is since the handover; for readers
 * who may not see health news, only those that are not. */
#define EV(e) (1u << (e))
static const unsigned steps_all = EV(EV_HANDED_OVER) | EV(EV_ARRIVED_TRANSIT) | EV(EV_ASSISTANCE) |
                                  EV(EV_REPATRIATED) | EV(EV_HOSPITAL_ADMISSION) | EV(EV_TREATMENT);
static const unsigned steps_public = EV(EV_HANDED_OVER) | EV(EV_ARRIVED_TRANSIT) | EV(EV_REPATRIATED);
#undef EV

/* Everyone the filter's stages handed over: their row ids in ids, with
 * the stage and the Art. 117 flag. */
typedef struct handed {
	const char *stage;
	bool art117;
} handed;

static pl_rc handed_over(store *st, const aftercare_filter *f, arena *a, int64_t **ids, handed **h,
                         size_t *n, pl_err *err)
{
	sqlite3_stmt *s;
	pl_rc rc = store_stmt(st,
	                      "SELECT e.person_id, s.uid, e.art117"
	                      " FROM stage_entry e JOIN stage s ON s.id = e.stage_id"
	                      " JOIN agreement g ON g.id = s.agreement_id"
	                      " WHERE " STAGE_OUTCOME_NOW " = 'handed_over' AND e.person_id IS NOT NULL"
	                      "   AND (?1 IS NULL OR g.name = ?1) AND (?2 IS NULL OR s.uid = ?2)",
	                      &s, err);
	if(rc)
		return rc;
	store_bind_text(s, 1, f->agreement);
	store_bind_text(s, 2, f->stage);
	size_t cap = 0, icap = 0, k = 0;
	int sr;
	while((sr = sqlite3_step(s)) == SQLITE_ROW) {
		int64_t *id = arena_push(a, (void **)ids, &k, &icap, sizeof(**ids));
		handed *x = arena_push(a, (void **)h, n, &cap, sizeof(**h));
		if(!id || !x)
			break;
		*id = sqlite3_column_int64(s, 0);
		*x = (handed){arena_strdup(a, store_column_text(s, 1)), sqlite3_column_int(s, 2) != 0};
	}
	sqlite3_reset(s);
	if(arena_oom(a))
		return pl_nomem(err);
	return sr == SQLITE_DONE ? PL_OK : store_fail(st, err, sr, "reading aftercare");
}

static void page(aftercare_view *out, aftercare_row *rows, const aftercare_filter *f)
{
	if(out->n)
		qsort(rows, out->n, sizeof(*rows), by_step_then_name);
	size_t from = f->offset < out->n ? f->offset : out->n;
	size_t len = out->n - from;
	if(f->limit && len > f->limit)
		len = f->limit;
	out->rows = rows ? rows + from : NULL;
	out->n = len;
}

pl_rc aftercare_get(store *st, const aftercare_filter *f, arena *a, aftercare_view *out, pl_err *err)
{
	memset(out, 0, sizeof(*out));
	int64_t *ids = NULL;
	handed *h = NULL;
	size_t n = 0;
	pl_rc rc = handed_over(st, f, a, &ids, &h, &n, err);
	if(rc)
		return rc;
	person_brief *who = arena_calloc(a, n + 1, sizeof(*who));
	event_brief *last = arena_calloc(a, n + 1, sizeof(*last));
	if(!who || !last)
		return pl_nomem(err);
	if((rc = registry_person_briefs(st, ids, n, a, who, err)) ||
	   (rc = registry_last_events(st, ids, n, f->withhold_medical ? steps_public : steps_all, a,
	                              last, err)))
		return rc;
	size_t cap = 0;
	aftercare_row *rows = NULL;
	for(size_t i = 0; i < n; i++) {
		if(!who[i].id || (f->party && *f->party && (!who[i].party || strcmp(who[i].party, f->party))))
			continue;
		if(f->other_than && *f->other_than && who[i].party && !strcmp(who[i].party, f->other_than))
			continue;
		aftercare_row x = {0};
		snprintf(x.person, sizeof(x.person), "%s", who[i].uid);
		x.step = last[i].type < 0 ? STEP_HANDED_OVER
		                          : step_of(lifecycle_event_name((event_type)last[i].type));
		x.since = last[i].date;
		x.art117 = !f->withhold_medical && h[i].art117;
		out->count[x.step]++;
		out->art117 += x.art117;
		out->total++;
		if(f->step >= 0 && (int)x.step != f->step)
			continue;
		x.name = name_of(&who[i], a);
		x.party = who[i].party;
		x.stage = h[i].stage;
		aftercare_row *slot = arena_push(a, (void **)&rows, &out->n, &cap, sizeof(*slot));
		if(!slot)
			return pl_nomem(err);
		*slot = x;
	}
	if(arena_oom(a))
		return pl_nomem(err);
	page(out, rows, f);
	return PL_OK;
}

json_t *aftercare_json(const aftercare_view *v, bool withhold_medical)
{
	json_t *counts = json_object(), *rows = json_array();
	for(int k = 0; k < STEP_COUNT; k++) {
		if(withhold_medical && (k == STEP_ASSISTANCE || k == STEP_HOSPITAL || k == STEP_REHABILITATION))
			continue;
		json_object_set_new(counts, aftercare_step_name((aftercare_step)k), json_integer(v->count[k]));
	}
	for(size_t i = 0; i < v->n; i++) {
		const aftercare_row *x = &v->rows[i];
		json_t *row = json_pack("{s:s, s:s, s:s?, s:s, s:s, s:s?}", "id", x->person, "name", x->name,
		                        "party", x->party, "stage", x->stage, "step", aftercare_step_name(x->step),
		                        "since", x->since);
		if(row && !withhold_medical)
			json_object_set_new(row, "art117", json_boolean(x->art117));
		json_array_append_new(rows, row);
	}
	json_t *out = json_pack("{s:I, s:o, s:o}", "total", (json_int_t)v->total, "steps", counts, "persons", rows);
	if(out && !withhold_medical)
		json_object_set_new(out, "art117", json_integer(v->art117));
	return out;
}
