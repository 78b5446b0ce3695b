/* The person lifecycle as an explicit state machine (DESIGN.md section 2).
 *
 *   missing -> captured (reported) -> held (confirmed) -> listed (on an
 *   agreed manifest) -> handed over -> in transit -> repatriated
 *
 * with the side exits declined repatriation, released otherwise, died in
 * captivity, remains returned and identified. Events move a person along;
 * each event type says from which statuses it may come and where it leads.
 * A status is never set directly: it is the fold of the person's events in
 * date order, starting from `missing`. */
#ifndef PARLEY_REGISTRY_LIFECYCLE_H
#define PARLEY_REGISTRY_LIFECYCLE_H

#include <stddef.h>

typedef enum person_status {
	ST_MISSING,
	ST_CAPTURED,
	ST_HELD,
	ST_LISTED,
	ST_HANDED_OVER,
	ST_IN_TRANSIT,
	ST_REPATRIATED,
	ST_DECLINED_REPATRIATION,
	ST_RELEASED_OTHERWISE,
	ST_DIED_IN_CAPTIVITY,
	ST_REMAINS_RETURNED,
	ST_IDENTIFIED,
	ST_COUNT
} person_status;

typedef enum event_type {
	EV_REPORTED_MISSING,
	EV_CAPTURE,
	EV_CAPTURE_CARD,
	EV_TRANSFER,
	EV_HOSPITAL_ADMISSION,
	EV_HEALTH_REPORT,
	EV_MEDIATOR_VISIT,
	EV_PROOF_OF_LIFE,
	EV_LISTED,
	EV_DELISTED,
	EV_HANDED_OVER,
	EV_ARRIVED_TRANSIT,
	EV_ASSISTANCE,
	EV_REPATRIATED,
	EV_TREATMENT,
	EV_DECLINED_REPATRIATION,
	EV_RELEASED_OTHERWISE,
	EV_DIED_IN_CAPTIVITY,
	EV_REMAINS_RETURNED,
	EV_IDENTIFIED,
	/* Seen in captivity by a returnee (a testimony, docs/families.md):
	 * evidence only, every move leaves the status as it is. */
	EV_SIGHTING,
	EV_COUNT
} event_type;

#define ST_INITIAL ST_MISSING

/* The status names, NULL-terminated. */
extern const char *const lifecycle_status_names[ST_COUNT + 1];
const char *lifecycle_status_name(person_status s);   /* "held" */
const char *lifecycle_status_label(person_status s);  /* "held (confirmed)" */
/* -1 if unknown (or NULL). */
int lifecycle_status_parse(const char *name);

/* The event type names, NULL-terminated: the values of the `type` field. */
extern const char *const lifecycle_event_names[EV_COUNT + 1];
const char *lifecycle_event_name(event_type e);       /* "capture_card" */
const char *lifecycle_event_label(event_type e);      /* "capture card issued (Art. 70)" */
int lifecycle_event_parse(const char *name);

/* The status after event e in status `from`, or -1 if e cannot happen
 * there. */
int lifecycle_next(person_status from, event_type e);
/* The events allowed in status `from`, written to out; returns the count.
 * Evidence events (lifecycle_event_is_evidence) are not among them. */
size_t lifecycle_allowed(person_status from, event_type out[EV_COUNT]);
/* "capture, capture_card, mediator_visit" or "none (final status)". */
void lifecycle_allowed_text(person_status from, char *out, size_t size);
/* Whether an event of this type may carry the death record fields of
 * GCIII Art. 120 (cause, burial place, grave). */
int lifecycle_event_has_death_fields(event_type e);
/* Whether an event is health news (hospital, health reports, assistance,
 * treatment): a medical detail, seen and recorded by medical roles. */
int lifecycle_event_is_health(event_type e);
/* Whether an event is evidence only: it never changes a status (a
 * sighting). */
int lifecycle_event_is_evidence(event_type e);

#endif
