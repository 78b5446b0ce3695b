/* The persons the holding side has not acknowledged, with the office's own
 * evidence that they are in captivity: what the proof-of-captivity report
 * (family/proof.c, docs/families.md) hands to the mediator or the ICRC.
 *
 * Acknowledged is anything only the holding side or a mediator can give: a
 * capture card, a visit, a proof of life, a transfer or hospital record
 * (each moves the person to held), or any event whose source is the other
 * side's list, a mediator or an ICRC visit. What is left, missing or
 * captured, with a capture or a sighting on record from the office's own
 * sources (own records, media, a family's report, a returnee's testimony),
 * is in the report. Health news never is: only those two event types. */
#include <stdlib.h>
#include <string.h>

#include "registry/internal.h"

#define UNACKNOWLEDGED                                                                              \
	"SELECT p.id FROM person_state s JOIN person p ON p.id = s.person_id"                          \
	" WHERE (s.status = 'missing' OR s.status = 'captured')"                                       \
	" AND EXISTS (SELECT 1 FROM event e WHERE e.person_id = p.id"                                   \
	"  AND (e.type = 'capture' OR e.type = 'sighting'))"                                            \
	" AND NOT EXISTS (SELECT 1 FROM event e WHERE e.person_id = p.id"                               \
	"  AND (e.source = 'counterpart_list' OR e.source = 'mediator' OR e.source = 'icrc_visit'))"   \
	" ORDER BY p.sort_key, p.id"

static bool is_evidence(const event *e)
{
	int t = lifecycle_event_parse(e->f[EF_TYPE] ? e->f[EF_TYPE] : "");
	return t == EV_CAPTURE || t == EV_SIGHTING;
}

/* Person i's evidence events, in date order. */
static pl_rc evidence_of(store *st, captivity_case *c, arena *a, pl_err *err)
{
	event *ev;
	size_t n;
	pl_rc rc = registry_person_events(st, c->who.id, a, &ev, &n, err);
	if(rc)
		return rc;
	size_t k = 0;
	for(size_t i = 0; i < n; i++)
		if(is_evidence(&ev[i]))
			ev[k++] = ev[i];
	c->events = ev;
	c->nevents = k;
	return PL_OK;
}

pl_rc registry_unacknowledged(store *st, arena *a, captivity_case **out, size_t *n, pl_err *err)
{
	*out = NULL;
	*n = 0;
	sqlite3_stmt *s;
	pl_rc rc = store_stmt(st, UNACKNOWLEDGED, &s, err);
	if(rc)
		return rc;
	size_t cap = 0, len = 0;
	int64_t *ids = NULL;
	int x;
	while((x = sqlite3_step(s)) == SQLITE_ROW) {
		if(len == cap) {
			int64_t *grown = realloc(ids, (cap = cap ? cap * 2 : 64) * sizeof(*ids));
			if(!grown) {
				x = SQLITE_NOMEM;
				break;
			}
			ids = grown;
		}
		ids[len++] = sqlite3_column_int64(s, 0);
	}
	sqlite3_reset(s);
	if(x != SQLITE_DONE) {
		free(ids);
		return x == SQLITE_NOMEM ? pl_nomem(err) : store_fail(st, err, x, "reading the unacknowledged");
	}
	captivity_case *v = len ? arena_calloc(a, len, sizeof(*v)) : NULL;
	person_brief *who = len ? arena_calloc(a, len, sizeof(*who)) : NULL;
	if(len && (!v || !who)) {
		free(ids);
		return pl_nomem(err);
	}
	rc = len ? registry_person_briefs(st, ids, len, a, who, err) : PL_OK;
	free(ids);
	for(size_t i = 0; !rc && i < len; i++) {
		v[i].who = who[i];
		rc = evidence_of(st, &v[i], a, err);
	}
	if(rc)
		return rc;
	*out = v;
	*n = len;
	return PL_OK;
}
