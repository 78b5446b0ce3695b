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

static const char *name_of(sqlite3_stmt *s, arena *a)
{
	const char *sur = store_column_text(s, 1), *giv = store_column_text(s, 2);
	if(!sur)
		sur = store_column_text(s, 3);
	if(!giv)
		giv = store_column_text(s, 4);
	size_t n = (sur ? strlen(sur) : 1) + (giv ? strlen(giv) : 0) + 2;
	char *out = arena_alloc(a, n);
	if(out)
		snprintf(out, n, "%s%s%s", sur ? sur : "?", giv ? " " : "", giv ? giv : "");
	return out;
}

pl_rc aftercare_get(store *st, const aftercare_filter *f, arena *a, aftercare_view *out, pl_err *err)
{
	memset(out, 0, sizeof(*out));
	sqlite3_stmt *s;
	/* The latest step since the handover; for readers who may not see
	 * health news, only the steps that are not health news. */
	pl_rc rc = store_stmt(st,
	                      "SELECT p.uid, p.surname, p.given_names, p.surname_latin, p.given_names_latin,"
	                      " p.party, s.uid, e.art117,"
	                      " (SELECT ev.type || ' ' || ev.date FROM event ev WHERE ev.person_id = p.id"
	                      "   AND ev.type IN ('handed_over', 'arrived_transit', 'assistance', 'repatriated',"
	                      "                   'hospital_admission', 'treatment')"
	                      "   AND (?4 = 0 OR ev.type IN ('handed_over', 'arrived_transit', 'repatriated'))"
	                      "   ORDER BY ev.date DESC, ev.id DESC LIMIT 1)"
	                      " FROM stage_entry e JOIN stage s ON s.id = e.stage_id"
	                      " JOIN agreement g ON g.id = s.agreement_id JOIN person p ON p.id = e.person_id"
	                      " WHERE e.outcome = 'handed_over' AND (?1 IS NULL OR g.name = ?1)"
	                      "   AND (?2 IS NULL OR s.uid = ?2) AND (?3 IS NULL OR p.party = ?3)",
	                      &s, err);
	if(rc)
		return rc;
	store_bind_text(s, 1, f->agreement);
	store_bind_text(s, 2, f->stage);
	store_bind_text(s, 3, f->party);
	sqlite3_bind_int(s, 4, f->withhold_medical);
	size_t cap = 0;
	aftercare_row *rows = NULL;
	int sr;
	while((sr = sqlite3_step(s)) == SQLITE_ROW) {
		aftercare_row x = {0};
		snprintf(x.person, sizeof(x.person), "%s", store_column_text(s, 0));
		const char *last = store_column_text(s, 8), *sp = last ? strchr(last, ' ') : NULL;
		char type[32] = "";
		if(sp)
			snprintf(type, sizeof(type), "%.*s", (int)(sp - last), last);
		x.step = step_of(type);
		x.since = sp ? arena_strdup(a, sp + 1) : NULL;
		x.art117 = !f->withhold_medical && sqlite3_column_int(s, 7);
		out->count[x.step]++;
		out->art117 += x.art117;
		out->total++;
		if(f->step >= 0 && (int)x.step != f->step)
			continue;
		x.name = name_of(s, a);
		const char *party = store_column_text(s, 5);
		x.party = party ? arena_strdup(a, party) : NULL;
		x.stage = arena_strdup(a, store_column_text(s, 6));
		aftercare_row *slot = arena_push(a, (void **)&rows, &out->n, &cap, sizeof(*slot));
		if(!slot)
			break;
		*slot = x;
	}
	sqlite3_reset(s);
	if(arena_oom(a))
		return pl_nomem(err);
	if(sr != SQLITE_DONE)
		return store_fail(st, err, sr, "reading aftercare");
	if(out->n)
		qsort(rows, out->n, sizeof(*rows), by_step_then_name);
	size_t from = f->offset < out->n ? f->offset : out->n;
	size_t len = out->n - from;
	if(f->limit && len > f->limit)
		len = f->limit;
	out->rows = rows ? rows + from : NULL;
	out->n = len;
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
