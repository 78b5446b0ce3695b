/* The registry: persons, their events, search, import and export.
 *
 * A person carries the identity of GCIII Art. 17 and the particulars of
 * Art. 122, every one of which may be unknown (NULL). Events are dated facts
 * with their source; they alone move a person's status (lifecycle.h). Every
 * change is one transaction and one or more entries in the audit chain. */
#ifndef PARLEY_REGISTRY_REGISTRY_H
#define PARLEY_REGISTRY_REGISTRY_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "core/arena.h"
#include "core/buf.h"
#include "core/date.h"
#include "core/err.h"
#include "registry/lifecycle.h"
#include "store/store.h"

/* ---- fields ---------------------------------------------------------- */

typedef enum field_kind {
	FK_TEXT,   /* one line of text */
	FK_NOTE,   /* text that may span lines */
	FK_DATE,   /* a partial date: YYYY, YYYY-MM or YYYY-MM-DD */
	FK_ENUM,   /* one of `values` */
	FK_PARTY,  /* a party code: 2 or 3 capital Latin letters (UA, RU, ICRC is a mediator) */
	FK_COUNTRY /* a country: its ISO 3166-1 alpha-2 code, one of those assigned (UA, RU, PL) */
} field_kind;

enum field_flags {
	FIELD_NAME = 1,      /* part of the person's name: searched */
	FIELD_MEDICAL = 2,   /* medical detail: shown to the medical roles only */
	FIELD_REQUIRED = 4,  /* events: must be given */
	FIELD_PAST = 8       /* dates: may not lie in the future */
};

typedef struct field_def {
	const char *name;           /* column name in CSV and JSON, SQL column */
	field_kind kind;
	const char *const *values;  /* FK_ENUM: the allowed values, NULL-terminated */
	unsigned flags;
	const char *label;          /* for people */
	const char *help;
} field_def;

typedef enum person_field {
	PF_SURNAME,
	PF_GIVEN_NAMES,
	PF_PATRONYMIC,
	PF_SURNAME_LATIN,
	PF_GIVEN_NAMES_LATIN,
	PF_PATRONYMIC_LATIN,
	PF_MOTHER_MAIDEN_NAME,
	PF_SEX,
	PF_BIRTH_DATE,
	PF_BIRTH_PLACE,
	PF_HOME_ADDRESS,    /* the person's own address: lines (street, house, flat) */
	PF_HOME_LOCALITY,   /* city, town or village */
	PF_HOME_REGION,     /* oblast, region, state */
	PF_HOME_COUNTRY,
	PF_RANK,
	PF_SERVICE_NUMBER,
	PF_BRANCH,
	PF_UNIT,
	PF_PARTY,
	PF_DEPENDS_ON,
	PF_HELD_BY,
	PF_INFORM,          /* the person to be informed, the next of kin: name (Art. 122) */
	PF_INFORM_ADDRESS,  /* and their address (Art. 70, 122), as the home address */
	PF_INFORM_LOCALITY,
	PF_INFORM_REGION,
	PF_INFORM_COUNTRY,
	PF_CAPTURE_DATE,
	PF_CAPTURE_PLACE,
	PF_DETENTION_PLACE,
	PF_MEDICAL,
	PF_CONSENT,
	PF_CONSENT_DATE,
	PF_COUNT
} person_field;

typedef enum event_field {
	EF_TYPE,
	EF_DATE,
	EF_SOURCE,
	EF_PLACE,
	EF_NOTE,
	EF_CAUSE,
	EF_BURIAL_PLACE,
	EF_GRAVE,
	EF_COUNT
} event_field;

extern const field_def person_fields[PF_COUNT];
/* The derived status, as a read-only field: for filters and exports. */
extern const field_def person_status_field;
extern const field_def event_fields[EF_COUNT];

/* The index of the field called `name` in defs[0..n), or -1. */
int field_find(const field_def *defs, int n, const char *name);
/* A header folded (names_fold) to its letters, into out[size]: dots,
 * blanks, commas, apostrophes (’ ʼ too), digits and _ go. "Дата
 * народження" is датанародження, "Ім'я" імя, "Birth_Date" birthdate. */
void field_header_letters(const char *header, char *out, size_t size);
/* The person field a list's header names in Ukrainian, Russian or English
 * (Прізвище, Дата рождения, Date of birth, В/Ч; a field's own name in any
 * case or spacing, Birth Date), or -1. */
int person_field_of_header(const char *header);
/* Check and normalise one value: trims blanks, upper-cases party codes.
 * Returns the value to store (in `a`; NULL for an empty value) or sets
 * *why and returns NULL. `today` bounds FIELD_PAST dates. */
const char *field_clean(const field_def *fd, const char *value, pdate today, arena *a,
                        const char **why);
/* "yes, no, unknown" */
void field_values_text(const field_def *fd, char *out, size_t size);
/* why as an argument for a template's {@why}: its code when the catalogue
 * has its English (msg_code_of), else why itself, written as it is. */
const char *field_why_arg(const char *why);
/* Why `value` is not a value of fd, for messages: "not one of the allowed
 * values (got 'badly'); expected one of: none, wounded, ...". `why` is
 * what field_clean said; the value is quoted with text_quote. */
/* The same as a coded message (core/msg.h), "{key}: {why} (got '...')":
 * key is how the caller names the field ("birth_date", "--birth_date");
 * a why the catalogue lacks is written in English (field_why_arg). */
pl_rc field_refuse(const field_def *fd, const char *key, const char *value, const char *why,
                   pl_err *err);
void field_why_text(const field_def *fd, const char *value, const char *why, char *out,
                    size_t size);
/* The same as a problem of an import at file:line, "column '{key}': ..."
 * (import.column_invalid, or uncoded when the catalogue lacks why). */
struct problems;
pl_rc field_problem(struct problems *pb, long line, const field_def *fd, const char *value,
                    const char *why);
/* External identifiers: a source is 1 to 32 of a-z, 0-9, - and _ (not
 * first); an id is one line of at most 100 bytes. NULL if valid, else why. */
const char *ext_source_invalid(const char *source);
const char *ext_value_invalid(const char *id);

/* ---- records --------------------------------------------------------- */

enum {
	UID_LEN = 17,        /* "P" or "E" and 16 base-32 characters */
	UID_SIZE = UID_LEN + 1,
	EXT_MAX = 16         /* external identifiers per person */
};

typedef struct ext_id {
	const char *source;  /* who assigned it: icrc, ua-hq, ... */
	const char *id;
} ext_id;

typedef struct person {
	int64_t id;                 /* row id in this database; 0 if not stored */
	char uid[UID_SIZE];         /* stable identifier, shared in exports */
	const char *f[PF_COUNT];    /* NULL: unknown */
	ext_id ext[EXT_MAX];
	int next;
	person_status status;       /* derived from the events; read-only */
	const char *pseudonymised_at; /* when retention pseudonymised the identity, or NULL;
	                                 read-only, filled by registry_person_get */
} person;

typedef struct event {
	int64_t id;
	char uid[UID_SIZE];
	char person_uid[UID_SIZE];
	const char *f[EF_COUNT];
	person_status before, after;
	/* The note as a coded message (core/msg.h), when parley wrote it
	 * (a stage's notes): its code and its arguments as a JSON object's
	 * text; NULL for a note someone typed, which is shown as it is. */
	const char *note_code, *note_args;
} event;

/* Whether s is an identifier of that kind ('P' person, 'E' event), as
 * parley writes them. */
bool registry_uid_valid(char prefix, const char *s);
/* A fresh random identifier: 80 random bits as 16 Crockford base-32
 * characters after the prefix ('P' person, 'E' event, 'S' stage, 'R'
 * remains case, 'B' remains batch). */
void registry_uid(char prefix, char out[UID_SIZE]);

/* ---- the registry ----------------------------------------------------
 *
 * Every function takes the office's database handle (store.h), opened
 * with store_open; the registry keeps its prepared SQL and scratch space
 * on the handle. Changes are recorded under the handle's actor. */

/* A new person. Fills p->uid (unless the caller set one) and p->id. */
pl_rc registry_person_add(store *st, person *p, pl_err *err);
/* Set the fields of `changes` that are not NULL, clear those marked in
 * `clear`, add its external ids. Unchanged values write nothing. */
pl_rc registry_person_update(store *st, const char *uid, const person *changes,
                                const bool clear[PF_COUNT], pl_err *err);
/* By uid, or by a unique prefix of one (at least 5 characters). */
pl_rc registry_person_get(store *st, const char *uid, arena *a, person *out, pl_err *err);
/* The person holding an external identifier (source, id): their uid, or
 * "" if nobody does. */
pl_rc registry_person_by_ext(store *st, const char *source, const char *id, char uid[UID_SIZE],
                                pl_err *err) PL_NODISCARD;
/* The person's events in date order. */
pl_rc registry_person_events(store *st, int64_t person_id, arena *a, event **out,
                                size_t *n, pl_err *err);
/* Record that someone read a person's record. */
pl_rc registry_log_access(store *st, const char *uid, const char *action, pl_err *err);

/* Add an event to a person. Refused, with the person's status and the
 * events allowed there, when the lifecycle does not permit it; an event
 * dated before others replays the person's history. Fills e->uid. */
pl_rc registry_event_add(store *st, const char *person_uid, event *e, pl_err *err);
/* Void an event found to be wrong (a withdrawn identification): it leaves
 * the person's history, which is folded again without it, and the audit
 * chain keeps the event whole with the reason (action "void"). Refused,
 * saying which, when a later event depends on it. */
pl_rc registry_event_void(store *st, const char *event_uid, const char *reason, pl_err *err);

/* Forget the medical details of a record, for readers who may not see
 * them: the medical fields and causes of death, and the place and note of
 * health events (that one happened stays). */
void person_withhold_medical(person *p);
void event_withhold_medical(event *e);

/* Check the whole person record (fields together, not one by one). */
pl_rc person_check(const person *p, pdate today, pl_err *err);

/* ---- persons as other modules see them ------------------------------
 *
 * The person and event tables are the registry's: other modules keep a
 * person's row id (stage entries, remains cases, DNA relatives) and ask
 * here for what they show of them. A list is read in one statement (per
 * STORE_IDS_BATCH persons), never one per person. */

/* What lists of persons in other modules show. Text lasts as the arena. */
typedef struct person_brief {
	int64_t id;                 /* 0: no person with the id asked for */
	char uid[UID_SIZE];
	const char *surname, *given_names, *patronymic;
	const char *surname_latin, *given_names_latin, *patronymic_latin;
	const char *sex, *birth_date, *party;   /* NULL: unknown */
	person_status status;
} person_brief;

/* The row id of the person with exactly this uid; 0 if there is none (or
 * uid is NULL or empty). */
pl_rc registry_person_id(store *st, const char *uid, int64_t *id, pl_err *err) PL_NODISCARD;
/* The uid of the person with row id `id`; "" if there is none. */
pl_rc registry_person_uid(store *st, int64_t id, char uid[UID_SIZE], pl_err *err) PL_NODISCARD;
/* uids[i]: the uid of the person with row id ids[i]; "" for none. */
pl_rc registry_person_uids(store *st, const int64_t *ids, size_t n, char (*uids)[UID_SIZE],
                              pl_err *err) PL_NODISCARD;
/* ids[i]: the row id of the person with uid uids[i]; 0 if there is none
 * (or uids[i] is NULL). One statement per STORE_IDS_BATCH uids. */
pl_rc registry_person_ids(store *st, const char *const *uids, size_t n, int64_t *ids,
                          pl_err *err) PL_NODISCARD;
/* out[i] is the person with row id ids[i] (ids may repeat; 0 or an id
 * nobody has gives a zeroed out[i]). */
pl_rc registry_person_briefs(store *st, const int64_t *ids, size_t n, arena *a,
                                person_brief *out, pl_err *err) PL_NODISCARD;
/* How many persons have one of the statuses in `statuses` (bits 1u <<
 * person_status). */
pl_rc registry_count_status(store *st, unsigned statuses, long *n, pl_err *err) PL_NODISCARD;

/* A person's latest event of some types: by date, then the one recorded
 * last. type -1: none of those types. */
typedef struct event_brief {
	int type;                   /* event_type, or -1 */
	const char *date;
} event_brief;

/* out[i]: the latest event of person ids[i] whose type is in `types`
 * (bits 1u << event_type). */
pl_rc registry_last_events(store *st, const int64_t *ids, size_t n, unsigned types, arena *a,
                              event_brief *out, pl_err *err) PL_NODISCARD;

/* ---- evidence of captivity --------------------------------------------- */

/* A person the holding side has not acknowledged (status missing or
 * captured, no event from the other side's list, a mediator or an ICRC
 * visit) whom the office's own evidence puts in captivity: their capture
 * and sighting events, in date order (evidence.c). */
typedef struct captivity_case {
	person_brief who;
	event *events;
	size_t nevents;
} captivity_case;

/* Every such person, in name order. */
pl_rc registry_unacknowledged(store *st, arena *a, captivity_case **out, size_t *n,
                              pl_err *err) PL_NODISCARD;

/* ---- search ---------------------------------------------------------- */

typedef struct person_query {
	const char *name;          /* words of a name in any script, prefixes match */
	const char *party;         /* comma-separated lists of values */
	const char *held_by;
	const char *status;
	const char *medical;
	const char *branch;
	int age_min, age_max;      /* -1: no bound */
	pdate age_on;              /* the day ages are taken on (default: today) */
	const char *captured_since, *captured_before;  /* partial dates */
	size_t limit, offset;
} person_query;

#define PERSON_QUERY_INIT {.age_min = -1, .age_max = -1, .limit = 50}

typedef struct person_page {
	person *rows;
	size_t n;
	size_t total;              /* matches, counted up to a cap */
	bool total_capped;         /* more than `total` */
	bool name_order;           /* sorted by name; false: a word being typed started more
	                            * than SEARCH_PREFIX_KEYS names, read for the first only */
} person_page;

/* A name's matches are counted up to this many: its total is then this
 * many and capped ("more than 2,000"); counting further would read the
 * index further. */
enum { SEARCH_SORT_MAX = 2000 };
/* A word being typed is read for at most this many of the names it starts
 * (two letters may start hundreds). */
enum { SEARCH_PREFIX_KEYS = 64 };

pl_rc registry_search(store *st, const person_query *q, arena *a, person_page *out,
                         pl_err *err);

/* ---- import and export ----------------------------------------------- */

typedef enum registry_format { FORMAT_AUTO, FORMAT_CSV, FORMAT_JSON } registry_format;

typedef struct import_report {
	buf errors;               /* one problem per line; free with import_report_free() */
	buf coded;                /* the same problems by code (core/problems.h) */
	long rows;
	long persons_created, persons_updated, persons_unchanged;
	long events_added, events_unchanged;
	int files_already_imported;
	/* The columns read as a field by a header in the office's own words,
	 * "Прізвище: surname, Дата народження: birth_date" (empty for none):
	 * said with the counts. */
	buf columns_read;
} import_report;

typedef void (*import_progress_fn)(void *ctx, const char *file, uint64_t done,
                                   uint64_t total, long rows);

/* What a writer may change: the general record, the medical details
 * (medical fields, health events, causes of death), or both. */
enum write_rights { WRITE_GENERAL = 1, WRITE_MEDICAL = 2, WRITE_ALL = 3 };

/* May a writer with `rights` set field fd? */
bool registry_field_permitted(unsigned rights, const field_def *fd);
/* May they record an event of type e (with a cause of death, or not)?
 * Health news is medical; a death either kind of writer may record (from
 * a counterpart's notice or a death certificate), its cause only medical. */
bool registry_event_permitted(unsigned rights, event_type e, bool cause);
/* A sighting (seen in captivity) comes from a testimony, and a testimony
 * gives only sightings: false when type and source say otherwise. */
bool registry_event_source_fits(event_type e, const char *source);

typedef struct import_opts {
	registry_format format;
	const char *const *names;     /* shown for paths[i] in messages; NULL: the paths */
	unsigned rights;              /* enum write_rights; 0: all. Without WRITE_GENERAL,
	                               * rows may only add medical details to persons
	                               * already in the registry */
	import_progress_fn progress;  /* NULL: quiet */
	void *progress_ctx;
	int max_errors;               /* errors reported before giving up (default 20) */
	uint64_t bulk_bytes;          /* files larger load in bulk (default 32 MiB) */
} import_opts;

/* Import CSV or JSON files ("-" is standard input) in one transaction: all
 * of it, or, at the first bad row, nothing. err lists up to max_errors
 * problems, each with file, line and column. *rep is set whatever this
 * returns: free it with import_report_free. */
pl_rc registry_import(store *st, const char *const *paths, size_t npaths,
                         const import_opts *o, import_report *rep, pl_err *err);
void import_report_free(import_report *rep);

typedef enum export_what { EXPORT_PERSONS, EXPORT_EVENTS } export_what;

enum export_flags {
	EXPORT_WITHHOLD_MEDICAL = 1,  /* for readers who may not see medical details */
	EXPORT_RAW = 2                /* CSV: every field as it is, formulas too: for an exact
	                               * round trip, not for a spreadsheet (core/csv.h) */
};

/* CSV: persons or events (one file each). JSON: one document holding both.
 * Recorded in the access log as a read of every person ("*"). */
pl_rc registry_export(store *st, FILE *out, registry_format format, export_what what,
                         unsigned flags, pl_err *err);
/* The same, limited to the person fields marked in fields[PF_COUNT] (NULL:
 * all; the id and status are always written): CSV persons get only their
 * columns, JSON persons only those members; with_events false leaves the
 * events out of JSON. Medical fields stay withheld under
 * EXPORT_WITHHOLD_MEDICAL whatever is asked. */
pl_rc registry_export_fields(store *st, FILE *out, registry_format format, export_what what,
                             unsigned flags, const bool *fields, bool with_events, pl_err *err);
/* "surname,given_names" -> fields[PF_COUNT]; PL_EINPUT naming the first
 * word that is not a person field (registry.no_field). */
pl_rc registry_fields_parse(const char *list, bool fields[PF_COUNT], pl_err *err) PL_NODISCARD;

/* The export's writer, for records that are in no database: what
 * registry_export writes for these persons, appended to a buffer the
 * caller writes out. A generator writes with it, so that its file is byte
 * for byte the export of the registry it describes. Set the fields, then
 * the head, each person, the tail. Only memory can fail (PL_ENOMEM). */
typedef struct export_writer {
	registry_format format;       /* CSV or JSON (FORMAT_AUTO: JSON, both in one document) */
	export_what what;             /* CSV: the persons file or the events file */
	const char *const *sources;   /* CSV persons: the ext.SOURCE columns, in this order */
	size_t nsources;
	bool raw;                     /* CSV: fields as they are, formulas not neutralised */
	const bool *fields;           /* persons: the fields written (PF_COUNT); NULL: all */
	long written;                 /* persons so far: kept by the writer */
} export_writer;

pl_rc registry_export_head(const export_writer *w, buf *out);
/* A person with their events (JSON: inside the person; CSV: a row for the
 * person, or one per event). */
pl_rc registry_export_person(export_writer *w, buf *out, const person *p, const event *ev,
                             size_t nev);
pl_rc registry_export_tail(const export_writer *w, buf *out);

/* The registry's names module (folding, keys, the dictionary), opened on
 * first use; if the key rules changed since the database was last
 * written, every person's keys are recomputed. Owned by the registry. */
struct names;
pl_rc registry_names(store *st, struct names **out, pl_err *err);

/* Every person, in the order they were added, from one snapshot of the
 * registry (status and the fields marked, NULL: all; the others are NULL;
 * no events or external ids). p and its strings last until fn returns.
 * Not an access-log entry by itself: the caller logs what it does with
 * the records. */
typedef pl_rc (*person_fn)(void *ctx, const person *p);
pl_rc registry_each_person(store *st, const bool *fields, person_fn fn, void *ctx, pl_err *err);
/* The same for those in custody (captured, held or listed) of either
 * holder (a party code; holder_b may be NULL), in no particular order;
 * only the fields marked (NULL: all; the others are NULL). */
typedef struct custody_scan {
	const char *holder_a, *holder_b;
	const bool *fields;
	/* What registry_custody_count gave, if the caller asked already
	 * (all > 0); else the scan counts for itself. */
	long in_custody, all;
} custody_scan;

pl_rc registry_each_in_custody(store *st, const custody_scan *q, person_fn fn, void *ctx,
                                  pl_err *err);
/* How many persons are in custody (of anyone), and in the registry: what
 * a scan of those in custody may return at most. */
pl_rc registry_custody_count(store *st, long *in_custody, long *all, pl_err *err) PL_NODISCARD;


/* ---- counts ---------------------------------------------------------- */

typedef struct count_row {
	const char *value;   /* NULL: unknown */
	long count;
} count_row;

/* Time in captivity, in bands: under a month, 1-3 months, 3-6, 6-12,
 * 1-2 years, 2-3 years, 3 years and more. */
enum { CAPTIVITY_BANDS = 7 };
extern const char *const captivity_band_names[CAPTIVITY_BANDS];

typedef struct registry_stats {
	long persons, events;
	count_row *by_status, *by_party, *by_held_by, *by_medical;
	size_t n_status, n_party, n_held_by, n_medical;
	count_row *returns_by_month;   /* "YYYY-MM" of repatriated events, oldest first */
	size_t n_returns;
	/* From capture (a partial date counts from its middle) to today for
	 * those still held, and to their return for those repatriated. */
	long held_for[CAPTIVITY_BANDS], returned_after[CAPTIVITY_BANDS];
	long captivity_unknown;        /* held or returned, without a capture date */
} registry_stats;

pl_rc registry_stats_get(store *st, arena *a, registry_stats *out, pl_err *err);

/* ---- retention ---------------------------------------------------------
 *
 * Rules an admin sets, one per kind of data, for the cases closed (the
 * person returned, released, or known dead and returned or identified)
 * more than `years` ago, dated by the event that closed the case. Kinds
 * and what their rule does:
 *   medical   erase: the medical category, health events' place and note,
 *             causes of death;
 *   notes     erase: events' free-text notes;
 *   contacts  erase: the person to be informed, the next of kin (name and
 *             address, Art. 122: inform and the inform_* address fields);
 *   identity  pseudonymise: the names in both scripts, the mother's maiden
 *             name, the birth place, the home address (lines, locality,
 *             region; the country stays) and the service number are
 *             removed and the birth date cut to its year; the record stays, known by
 *             its uid, with its status, events and exchanges, so that the
 *             case still counts, and is marked pseudonymised. What else
 *             holds the names is in docs/registry.md ("Retention").
 * Each change is an entry of the audit chain that names the fields, never
 * their values. */
typedef enum retention_kind { RET_MEDICAL, RET_NOTES, RET_CONTACTS, RET_IDENTITY, RET_KIND_COUNT } retention_kind;
extern const char *const retention_kinds[RET_KIND_COUNT + 1];
/* What the rule of each kind does: "erase" or "pseudonymise". */
extern const char *const retention_actions[RET_KIND_COUNT];

typedef struct retention_rule {
	const char *kind, *action;  /* action: retention_actions[kind] */
	int years;                  /* 1..100 */
	const char *set_by, *set_at;
} retention_rule;

pl_rc registry_retention_rules(store *st, arena *a, retention_rule **out, size_t *n, pl_err *err);
/* Set (or change) the rule of a kind; audited. action NULL: the kind's
 * own; another than the kind's is refused (retention.action). */
pl_rc registry_retention_set(store *st, const char *kind, const char *action, int years, pl_err *err);
/* Remove the rule of a kind; audited. PL_ENOTFOUND if there is none. */
pl_rc registry_retention_drop(store *st, const char *kind, pl_err *err);

typedef struct retention_change {
	const char *kind, *action;          /* action: "erase" or "pseudonymise" */
	const char *person, *event;         /* event: NULL for the person's own record */
	const char *fields;                 /* "medical", "place, note", ... */
} retention_change;
typedef pl_rc (*retention_fn)(void *ctx, const retention_change *c);

/* A person a rule reaches: their case closed long enough ago. */
typedef struct retention_person {
	retention_kind kind;
	int64_t id;
	const char *uid;
} retention_person;

typedef struct retention_hooks {
	retention_fn change;                /* each change, to list it; may be NULL */
	void *ctx;
	/* Each person pseudonymised, inside the run's transaction: for the
	 * modules that keep what they derived from the names (the match
	 * module's linkage keys: match_key_forget) to drop it. May be NULL. */
	pl_rc (*forget)(store *st, int64_t person_id, pl_err *err);
	/* Each person each rule reaches, inside the run's transaction, on
	 * every run: for the modules above that keep data of the rule's kind
	 * about the person (families: an inquirer's contacts, the names as the
	 * family gave them, ante-mortem data) to apply it to theirs. They
	 * audit their changes, tell each through `change`, and add their
	 * number to *changes. May be NULL. */
	pl_rc (*apply)(store *st, const retention_person *p, const struct retention_hooks *h, size_t *changes,
	               pl_err *err);
} retention_hooks;
/* Apply every rule, in one transaction; dry_run: the same, rolled back at
 * the end, so that it lists exactly what a run would change. */
pl_rc registry_retention_run(store *st, bool dry_run, const retention_hooks *hooks, size_t *changes,
                             pl_err *err);

#endif
