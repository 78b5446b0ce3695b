/* Aftercare recorded for many returnees at once (aftercare.h): one event a
 * person, all in one transaction, so a day's arrivals are one action and a
 * wrong id changes nothing. */
#include <stdint.h>
#include <string.h>

#include "accord/aftercare.h"
#include "accord/internal.h"
#include "core/msg.h"

/* The events of the way home that may be recorded for a group. */
static const event_type recordable[] = {EV_ARRIVED_TRANSIT, EV_ASSISTANCE, EV_REPATRIATED,
                                        EV_HOSPITAL_ADMISSION, EV_TREATMENT};

int aftercare_event_parse(const char *name)
{
	int e = name ? lifecycle_event_parse(name) : -1;
	for(size_t i = 0; e >= 0 && i < sizeof(recordable) / sizeof(recordable[0]); i++)
		if(recordable[i] == (event_type)e)
			return e;
	return -1;
}

/* Whether the person (row id) was handed over in a stage, in stage `in` if
 * it is set. */
static pl_rc was_handed_over(store *st, int64_t id, const char *in, bool *yes, pl_err *err)
{
	sqlite3_stmt *s;
	pl_rc rc = store_stmt(st,
	                      "SELECT 1 FROM stage_entry e JOIN stage s ON s.id = e.stage_id"
	                      " WHERE e.person_id = ?1 AND e.outcome = 'handed_over'"
	                      "   AND (?2 IS NULL OR s.uid = ?2) LIMIT 1",
	                      &s, err);
	if(rc)
		return rc;
	sqlite3_bind_int64(s, 1, id);
	store_bind_text(s, 2, in);
	int sr = sqlite3_step(s);
	sqlite3_reset(s);
	if(sr != SQLITE_ROW && sr != SQLITE_DONE)
		return store_fail(st, err, sr, "reading where a returnee was handed over");
	*yes = sr == SQLITE_ROW;
	return PL_OK;
}

/* What does not depend on any one person: the event, the date, the list's
 * size, no one twice. *bad is the index of a person named twice. */
static pl_rc check_batch(store *st, const aftercare_batch *b, size_t *bad, pl_err *err)
{
	if(aftercare_event_parse(lifecycle_event_name(b->type)) < 0)
		return pl_failc(err, PL_EINPUT, "aftercare.event", "value", lifecycle_event_name(b->type), NULL);
	if(!b->n)
		return pl_failc(err, PL_EINPUT, "aftercare.none", NULL);
	if(b->n > AFTERCARE_BATCH_MAX)
		return pl_failc(err, PL_ELIMIT, "aftercare.many", "max", PL_N(AFTERCARE_BATCH_MAX), "n", PL_N(b->n),
		                NULL);
	pdate d;
	const char *why = NULL;
	if(!b->date || !date_parse(b->date, &d, &why) || !d.d)
		return pl_failc(err, PL_EINPUT, "aftercare.date", "value", b->date, NULL);
	char today[DATE_STR_MAX];
	date_format(store_today(st), today);
	if(date_lo(d) > date_lo(store_today(st)))
		return pl_failc(err, PL_EINPUT, "aftercare.future", "date", b->date, "today", today, NULL);
	for(size_t i = 0; i < b->n; i++) {
		if(!b->persons[i] || !*b->persons[i]) {
			*bad = i;
			return pl_failc(err, PL_EINPUT, "aftercare.no_id", "i", PL_N(i), NULL);
		}
		for(size_t k = 0; k < i; k++)
			if(!strcmp(b->persons[k], b->persons[i])) {
				*bad = i;
				return pl_failc(err, PL_EINPUT, "aftercare.twice", "i", PL_N(i), "person", b->persons[i],
				                "k", PL_N(k), NULL);
			}
	}
	return PL_OK;
}

/* One person's event, or why not, naming them. */
static pl_rc record_one(store *st, const aftercare_batch *b, size_t i, char uid_out[UID_SIZE],
                        pl_err *err)
{
	const char *who = b->persons[i];
	int64_t id = 0;
	bool handed = false;
	pl_rc rc = registry_person_id(st, who, &id, err);
	if(rc)
		return rc;
	if(!id)
		return pl_failc(err, PL_EINPUT, "aftercare.no_person", "i", PL_N(i), "person", who, NULL);
	if((rc = was_handed_over(st, id, b->stage, &handed, err)))
		return rc;
	if(!handed)
		return pl_failc(err, PL_ECONFLICT, b->stage ? "aftercare.not_handed" : "aftercare.not_handed_any",
		                "i", PL_N(i), "person", who, "stage", b->stage, NULL);
	event e = {0};
	e.f[EF_TYPE] = lifecycle_event_name(b->type);
	e.f[EF_DATE] = b->date;
	e.f[EF_SOURCE] = b->source ? b->source : "own_records";
	e.f[EF_PLACE] = b->place;
	e.f[EF_NOTE] = b->note;
	if((rc = registry_event_add(st, who, &e, err))) {
		msg_wrap(err, "aftercare.person_at", "at", PL_N((long)i), "who", who, NULL);
		return rc;
	}
	if(uid_out)
		memcpy(uid_out, e.uid, UID_SIZE);
	return PL_OK;
}

pl_rc aftercare_record(store *st, const aftercare_batch *b, char (*events)[UID_SIZE], size_t *bad,
                       pl_err *err)
{
	size_t where = SIZE_MAX;
	pl_rc rc = check_batch(st, b, &where, err);
	if(!rc && !(rc = store_begin(st, err))) {
		for(size_t i = 0; !rc && i < b->n; i++)
			if((rc = record_one(st, b, i, events ? events[i] : NULL, err)))
				where = i;
		rc = store_end(st, rc, err);
	}
	if(bad)
		*bad = where;
	return rc;
}
