/* Aftercare: where each person handed over in a stage is now.
 *
 * After the handover, returnees arrive in the transit country, get medical
 * and psychological assistance, are transferred home, and go to hospital
 * and rehabilitation: events on each person (arrived_transit, assistance,
 * repatriated, hospital_admission, treatment). A person's step is the
 * latest of them since the handover. Those repatriated as seriously
 * wounded or sick carry the Art. 117 flag: they may not serve on active
 * duty again. */
#ifndef PARLEY_ACCORD_AFTERCARE_H
#define PARLEY_ACCORD_AFTERCARE_H

#include <jansson.h>

#include "accord/stage.h"

typedef enum aftercare_step {
	STEP_HANDED_OVER,
	STEP_TRANSIT,        /* arrived in the transit country */
	STEP_ASSISTANCE,     /* medical or psychological assistance */
	STEP_HOME,           /* transferred home: repatriated */
	STEP_HOSPITAL,
	STEP_REHABILITATION,
	STEP_COUNT
} aftercare_step;

const char *aftercare_step_name(aftercare_step s);   /* "transit" */
int aftercare_step_parse(const char *s);

typedef struct aftercare_filter {
	const char *agreement;    /* name, or NULL */
	const char *stage;        /* uid, or NULL */
	const char *party;        /* whose people (their party), or NULL: everyone */
	const char *other_than;   /* not this party's people (the other side's), or NULL */
	int step;                 /* aftercare_step, or -1: all */
	/* For readers who may not see medical details: assistance, hospital
	 * and rehabilitation show as the step before them, without Art. 117. */
	bool withhold_medical;
	size_t limit, offset;     /* of the persons listed; limit 0: all */
} aftercare_filter;

typedef struct aftercare_row {
	char person[UID_SIZE];
	const char *name, *party, *stage, *since;  /* since: the date of the step */
	aftercare_step step;
	bool art117;
} aftercare_row;

typedef struct aftercare_view {
	long count[STEP_COUNT];   /* everyone the filter selects, by step */
	long art117;
	long total;
	aftercare_row *rows;      /* the page of persons, by step then name */
	size_t n;
} aftercare_view;

pl_rc aftercare_get(store *st, const aftercare_filter *f, arena *a, aftercare_view *out,
                       pl_err *err) PL_NODISCARD;
json_t *aftercare_json(const aftercare_view *v, bool withhold_medical);

/* ---- recording for a group ------------------------------------------- */

enum { AFTERCARE_BATCH_MAX = 1000 };

/* The event of the way home, by name, if a group may be given it:
 * arrived_transit, assistance, repatriated (handed to the own side, home),
 * hospital_admission, treatment; -1 otherwise. */
int aftercare_event_parse(const char *name);

typedef struct aftercare_batch {
	event_type type;              /* one aftercare_event_parse accepts */
	const char *date;             /* YYYY-MM-DD, not after today */
	const char *place, *note;     /* may be NULL */
	const char *source;           /* NULL: own_records */
	const char *stage;            /* when set, each was handed over in this stage */
	const char *const *persons;   /* their ids, each once */
	size_t n;                     /* 1 to AFTERCARE_BATCH_MAX */
} aftercare_batch;

/* The same event for every person of the batch, each audited as any event
 * is, in one transaction: all or nothing. Each must have been handed over
 * in a stage (b->stage if set) and the event be possible for them now;
 * otherwise nothing is recorded and the message names the person
 * ("persons[3]: P... was not handed over in any stage"), whose index is put
 * in *bad (SIZE_MAX when the fault is no one person's). events, if not
 * NULL, receives the new events' ids, n of them. */
pl_rc aftercare_record(store *st, const aftercare_batch *b, char (*events)[UID_SIZE], size_t *bad,
                       pl_err *err) PL_NODISCARD;

#endif
