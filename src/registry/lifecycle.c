#include "registry/lifecycle.h"

#include <stdio.h>
#include <string.h>

const char *const lifecycle_status_names[ST_COUNT + 1] = {
	[ST_MISSING] = "missing",
	[ST_CAPTURED] = "captured",
	[ST_HELD] = "held",
	[ST_LISTED] = "listed",
	[ST_HANDED_OVER] = "handed_over",
	[ST_IN_TRANSIT] = "in_transit",
	[ST_REPATRIATED] = "repatriated",
	[ST_DECLINED_REPATRIATION] = "declined_repatriation",
	[ST_RELEASED_OTHERWISE] = "released_otherwise",
	[ST_DIED_IN_CAPTIVITY] = "died_in_captivity",
	[ST_REMAINS_RETURNED] = "remains_returned",
	[ST_IDENTIFIED] = "identified",
	[ST_COUNT] = NULL,
};

static const char *const status_labels[ST_COUNT] = {
	[ST_MISSING] = "missing",
	[ST_CAPTURED] = "captured (reported)",
	[ST_HELD] = "held (confirmed)",
	[ST_LISTED] = "listed on an agreed manifest",
	[ST_HANDED_OVER] = "handed over",
	[ST_IN_TRANSIT] = "in the transit country",
	[ST_REPATRIATED] = "repatriated",
	[ST_DECLINED_REPATRIATION] = "declined repatriation",
	[ST_RELEASED_OTHERWISE] = "released otherwise",
	[ST_DIED_IN_CAPTIVITY] = "died in captivity",
	[ST_REMAINS_RETURNED] = "remains returned",
	[ST_IDENTIFIED] = "remains identified",
};

const char *const lifecycle_event_names[EV_COUNT + 1] = {
	[EV_REPORTED_MISSING] = "reported_missing",
	[EV_CAPTURE] = "capture",
	[EV_CAPTURE_CARD] = "capture_card",
	[EV_TRANSFER] = "transfer",
	[EV_HOSPITAL_ADMISSION] = "hospital_admission",
	[EV_HEALTH_REPORT] = "health_report",
	[EV_MEDIATOR_VISIT] = "mediator_visit",
	[EV_PROOF_OF_LIFE] = "proof_of_life",
	[EV_LISTED] = "listed",
	[EV_DELISTED] = "delisted",
	[EV_HANDED_OVER] = "handed_over",
	[EV_ARRIVED_TRANSIT] = "arrived_transit",
	[EV_ASSISTANCE] = "assistance",
	[EV_REPATRIATED] = "repatriated",
	[EV_TREATMENT] = "treatment",
	[EV_DECLINED_REPATRIATION] = "declined_repatriation",
	[EV_RELEASED_OTHERWISE] = "released_otherwise",
	[EV_DIED_IN_CAPTIVITY] = "died_in_captivity",
	[EV_REMAINS_RETURNED] = "remains_returned",
	[EV_IDENTIFIED] = "identified",
	[EV_SIGHTING] = "sighting",
	[EV_COUNT] = NULL,
};

static const char *const event_labels[EV_COUNT] = {
	[EV_REPORTED_MISSING] = "reported missing",
	[EV_CAPTURE] = "capture",
	[EV_CAPTURE_CARD] = "capture card issued (Art. 70)",
	[EV_TRANSFER] = "transfer",
	[EV_HOSPITAL_ADMISSION] = "hospital admission",
	[EV_HEALTH_REPORT] = "health report",
	[EV_MEDIATOR_VISIT] = "visit by a mediator",
	[EV_PROOF_OF_LIFE] = "proof of life",
	[EV_LISTED] = "listed on an agreed manifest",
	[EV_DELISTED] = "taken off a manifest",
	[EV_HANDED_OVER] = "handed over",
	[EV_ARRIVED_TRANSIT] = "arrived in the transit country",
	[EV_ASSISTANCE] = "medical or psychological assistance",
	[EV_REPATRIATED] = "repatriated",
	[EV_TREATMENT] = "treatment or rehabilitation",
	[EV_DECLINED_REPATRIATION] = "declined repatriation (Art. 109)",
	[EV_RELEASED_OTHERWISE] = "released otherwise",
	[EV_DIED_IN_CAPTIVITY] = "died in captivity (Art. 120)",
	[EV_REMAINS_RETURNED] = "remains returned",
	[EV_IDENTIFIED] = "remains identified",
	[EV_SIGHTING] = "seen in captivity (testimony)",
};

/* The state machine: (event, from, to). Anything not listed is refused. */
static const struct {
	event_type ev;
	person_status from, to;
} moves[] = {
	{EV_REPORTED_MISSING, ST_MISSING, ST_MISSING},

	{EV_CAPTURE, ST_MISSING, ST_CAPTURED},

	/* What only the holding side or a mediator can know confirms that a
	 * person is held: a capture card, a visit, a proof of life, a transfer
	 * or hospital record. Once listed, such news keeps them listed. */
	{EV_CAPTURE_CARD, ST_MISSING, ST_HELD},
	{EV_CAPTURE_CARD, ST_CAPTURED, ST_HELD},
	{EV_CAPTURE_CARD, ST_HELD, ST_HELD},
	{EV_CAPTURE_CARD, ST_LISTED, ST_LISTED},
	{EV_MEDIATOR_VISIT, ST_MISSING, ST_HELD},
	{EV_MEDIATOR_VISIT, ST_CAPTURED, ST_HELD},
	{EV_MEDIATOR_VISIT, ST_HELD, ST_HELD},
	{EV_MEDIATOR_VISIT, ST_LISTED, ST_LISTED},
	{EV_PROOF_OF_LIFE, ST_MISSING, ST_HELD},
	{EV_PROOF_OF_LIFE, ST_CAPTURED, ST_HELD},
	{EV_PROOF_OF_LIFE, ST_HELD, ST_HELD},
	{EV_PROOF_OF_LIFE, ST_LISTED, ST_LISTED},
	{EV_TRANSFER, ST_CAPTURED, ST_HELD},
	{EV_TRANSFER, ST_HELD, ST_HELD},
	{EV_TRANSFER, ST_LISTED, ST_LISTED},

	/* Health news also follows people home (Art. 122 weekly reports). */
	{EV_HOSPITAL_ADMISSION, ST_CAPTURED, ST_HELD},
	{EV_HOSPITAL_ADMISSION, ST_HELD, ST_HELD},
	{EV_HOSPITAL_ADMISSION, ST_LISTED, ST_LISTED},
	{EV_HOSPITAL_ADMISSION, ST_IN_TRANSIT, ST_IN_TRANSIT},
	{EV_HOSPITAL_ADMISSION, ST_REPATRIATED, ST_REPATRIATED},
	{EV_HEALTH_REPORT, ST_CAPTURED, ST_HELD},
	{EV_HEALTH_REPORT, ST_HELD, ST_HELD},
	{EV_HEALTH_REPORT, ST_LISTED, ST_LISTED},
	{EV_HEALTH_REPORT, ST_IN_TRANSIT, ST_IN_TRANSIT},
	{EV_HEALTH_REPORT, ST_REPATRIATED, ST_REPATRIATED},

	{EV_LISTED, ST_HELD, ST_LISTED},
	{EV_DELISTED, ST_LISTED, ST_HELD},
	{EV_HANDED_OVER, ST_LISTED, ST_HANDED_OVER},
	{EV_ARRIVED_TRANSIT, ST_HANDED_OVER, ST_IN_TRANSIT},
	{EV_ASSISTANCE, ST_IN_TRANSIT, ST_IN_TRANSIT},
	{EV_ASSISTANCE, ST_REPATRIATED, ST_REPATRIATED},
	{EV_REPATRIATED, ST_HANDED_OVER, ST_REPATRIATED},
	{EV_REPATRIATED, ST_IN_TRANSIT, ST_REPATRIATED},
	{EV_TREATMENT, ST_REPATRIATED, ST_REPATRIATED},

	/* Never repatriated against their will (Art. 109). */
	{EV_DECLINED_REPATRIATION, ST_HELD, ST_DECLINED_REPATRIATION},
	{EV_DECLINED_REPATRIATION, ST_LISTED, ST_DECLINED_REPATRIATION},
	{EV_RELEASED_OTHERWISE, ST_CAPTURED, ST_RELEASED_OTHERWISE},
	{EV_RELEASED_OTHERWISE, ST_HELD, ST_RELEASED_OTHERWISE},
	{EV_RELEASED_OTHERWISE, ST_LISTED, ST_RELEASED_OTHERWISE},
	{EV_DIED_IN_CAPTIVITY, ST_CAPTURED, ST_DIED_IN_CAPTIVITY},
	{EV_DIED_IN_CAPTIVITY, ST_HELD, ST_DIED_IN_CAPTIVITY},
	{EV_DIED_IN_CAPTIVITY, ST_LISTED, ST_DIED_IN_CAPTIVITY},
	{EV_REMAINS_RETURNED, ST_MISSING, ST_REMAINS_RETURNED},
	{EV_REMAINS_RETURNED, ST_DIED_IN_CAPTIVITY, ST_REMAINS_RETURNED},
	{EV_IDENTIFIED, ST_REMAINS_RETURNED, ST_IDENTIFIED},

	/* A returnee saw them: evidence of captivity, never an acknowledgement
	 * by the holding side, so it moves nobody (the proof-of-captivity
	 * report is made of it). Possible in every status: a sighting is
	 * dated when it was seen, and may be told after the person came home. */
	{EV_SIGHTING, ST_MISSING, ST_MISSING},
	{EV_SIGHTING, ST_CAPTURED, ST_CAPTURED},
	{EV_SIGHTING, ST_HELD, ST_HELD},
	{EV_SIGHTING, ST_LISTED, ST_LISTED},
	{EV_SIGHTING, ST_HANDED_OVER, ST_HANDED_OVER},
	{EV_SIGHTING, ST_IN_TRANSIT, ST_IN_TRANSIT},
	{EV_SIGHTING, ST_REPATRIATED, ST_REPATRIATED},
	{EV_SIGHTING, ST_DECLINED_REPATRIATION, ST_DECLINED_REPATRIATION},
	{EV_SIGHTING, ST_RELEASED_OTHERWISE, ST_RELEASED_OTHERWISE},
	{EV_SIGHTING, ST_DIED_IN_CAPTIVITY, ST_DIED_IN_CAPTIVITY},
	{EV_SIGHTING, ST_REMAINS_RETURNED, ST_REMAINS_RETURNED},
	{EV_SIGHTING, ST_IDENTIFIED, ST_IDENTIFIED},
};

const char *lifecycle_status_name(person_status s)
{
	return s < ST_COUNT ? lifecycle_status_names[s] : "?";
}

const char *lifecycle_status_label(person_status s)
{
	return s < ST_COUNT ? status_labels[s] : "?";
}

int lifecycle_status_parse(const char *name)
{
	/* NULL: a person read without a status row (registry step 11). */
	for(int i = 0; name && i < ST_COUNT; i++)
		if(!strcmp(lifecycle_status_names[i], name))
			return i;
	return -1;
}

const char *lifecycle_event_name(event_type e)
{
	return e < EV_COUNT ? lifecycle_event_names[e] : "?";
}

const char *lifecycle_event_label(event_type e)
{
	return e < EV_COUNT ? event_labels[e] : "?";
}

int lifecycle_event_parse(const char *name)
{
	for(int i = 0; i < EV_COUNT; i++)
		if(!strcmp(lifecycle_event_names[i], name))
			return i;
	return -1;
}

int lifecycle_next(person_status from, event_type e)
{
	for(size_t i = 0; i < sizeof(moves) / sizeof(moves[0]); i++)
		if(moves[i].ev == e && moves[i].from == from)
			return (int)moves[i].to;
	return -1;
}

size_t lifecycle_allowed(person_status from, event_type out[EV_COUNT])
{
	size_t n = 0;
	/* Evidence is no move: it is recorded from where it is reviewed (a
	 * testimony), never offered as what may happen next. */
	for(int e = 0; e < EV_COUNT; e++)
		if(!lifecycle_event_is_evidence((event_type)e) && lifecycle_next(from, (event_type)e) >= 0)
			out[n++] = (event_type)e;
	return n;
}

void lifecycle_allowed_text(person_status from, char *out, size_t size)
{
	event_type ev[EV_COUNT];
	size_t n = lifecycle_allowed(from, ev), used = 0;
	out[0] = '\0';
	if(n == 0) {
		snprintf(out, size, "none (a final status)");
		return;
	}
	for(size_t i = 0; i < n && used < size; i++) {
		int w = snprintf(out + used, size - used, "%s%s", i ? ", " : "", lifecycle_event_name(ev[i]));
		if(w < 0)
			break;
		used += (size_t)w;
	}
}

int lifecycle_event_is_health(event_type e)
{
	return e == EV_HOSPITAL_ADMISSION || e == EV_HEALTH_REPORT || e == EV_ASSISTANCE ||
	       e == EV_TREATMENT;
}

int lifecycle_event_is_evidence(event_type e)
{
	return e == EV_SIGHTING;
}

int lifecycle_event_has_death_fields(event_type e)
{
	return e == EV_DIED_IN_CAPTIVITY || e == EV_REMAINS_RETURNED;
}
