/* Families: inquiries from relatives, and the consent they give per purpose
 * (docs/families.md).
 *
 * An inquiry is someone asking about a person: who asks (a relative with
 * their contacts and language, or an organisation), about whom (a person of
 * the registry), what they know (last seen when and where, the unit, the
 * circumstances) and what they allow the office to do with it: consent per
 * purpose, each given on a date in a form, and withdrawable. A withdrawal
 * is dated and kept beside its grant; nothing is ever deleted.
 *
 * An inquiry is always about a person of the registry. Given none, the
 * person described is looked for with the matching engine (match/reconcile.h,
 * as a list row against the registry): at or above the threshold the
 * inquiry is linked to the person found and says so, a likely match below
 * it is refused until the caller names the person or asks for a new one,
 * and only when nobody is near is a new person recorded as reported missing,
 * the event's source a family report. So a mother asking again a year later,
 * or a brother spelling the name in Russian, finds the first person: never
 * a second one.
 *
 * Status: open, answered, closed (with a reason). Every change is one
 * transaction with its entries in the audit chain. Contacts (phone, e-mail,
 * address) are given only to readers who may see them: the JSON writers
 * take a flag, the caller (http, cli) decides from the roles. */
#ifndef PARLEY_FAMILY_FAMILY_H
#define PARLEY_FAMILY_FAMILY_H

#include <stdbool.h>
#include <stdint.h>

#include "core/arena.h"
#include "core/buf.h"
#include "core/err.h"
#include "registry/registry.h"

/* ---- words ---------------------------------------------------------------- */

typedef enum inquiry_status { IQ_OPEN, IQ_ANSWERED, IQ_CLOSED, IQ_STATUS_COUNT } inquiry_status;
extern const char *const inquiry_status_names[IQ_STATUS_COUNT + 1];  /* NULL-terminated */
int inquiry_status_parse(const char *name);                          /* -1 if unknown */

/* What a consent allows (docs/families.md): tracing the person; keeping a
 * DNA reference profile; sharing with the ICRC's Central Tracing Agency;
 * sharing with the other party; use in court. Sharing presupposes tracing. */
typedef enum consent_purpose {
	CP_TRACING,
	CP_DNA_REFERENCE,
	CP_SHARE_ICRC,
	CP_SHARE_OTHER_PARTY,
	CP_COURT,
	CP_COUNT
} consent_purpose;
extern const char *const consent_purpose_names[CP_COUNT + 1];
int consent_purpose_parse(const char *name);

/* The form a consent (or its withdrawal) was given in. */
extern const char *const consent_form_names[];   /* written, oral, online */
extern const char *const inquiry_relation_names[];
extern const char *const inquiry_language_names[];  /* uk, en, ru */

/* The fields of an inquiry: what it is given as, the columns of a backlog
 * file and the keys of the API's body. */
typedef enum inquiry_field {
	IF_REF,              /* the office's own reference, unique: a file imported again skips it */
	IF_PERSON,           /* the sought person's id; else the fields below describe them */
	IF_SURNAME,
	IF_GIVEN_NAMES,
	IF_PATRONYMIC,
	IF_BIRTH_DATE,
	IF_SEX,
	IF_PARTY,
	IF_INQUIRER,         /* who asks: a name */
	IF_ORGANISATION,     /* or an organisation (one of the two is required) */
	IF_RELATION,
	IF_PHONE,            /* contacts: shown only to those who may see them */
	IF_EMAIL,
	IF_ADDRESS,
	IF_LANGUAGE,         /* uk, en or ru: the letters' language */
	IF_RECEIVED,         /* when the inquiry came (default today) */
	IF_LAST_SEEN_DATE,
	IF_LAST_SEEN_PLACE,
	IF_UNIT,
	IF_CIRCUMSTANCES,
	IF_NOTE,
	IF_COUNT
} inquiry_field;
extern const field_def inquiry_fields[IF_COUNT];
/* Whether field f is a contact (phone, e-mail, address). */
bool inquiry_field_is_contact(int f);

/* ---- records -------------------------------------------------------------- */

typedef struct consent {
	consent_purpose purpose;
	const char *given, *form;           /* date and form of the grant */
	const char *withdrawn, *withdrawn_form;  /* NULL: still in force */
	const char *note;
	const char *actor, *created_at;     /* who recorded the grant, when */
} consent;

typedef enum inquiry_link { LINK_GIVEN, LINK_MATCH, LINK_NEW } inquiry_link;
extern const char *const inquiry_link_names[];  /* given, match, new */

typedef struct inquiry {
	int64_t id;
	char uid[UID_SIZE];                 /* "Q" and 16 characters */
	const char *f[IF_COUNT];            /* as given; IF_PERSON the person's uid */
	inquiry_status status;
	const char *close_reason;
	inquiry_link linked;                /* how the person was found */
	double link_prob;                   /* LINK_MATCH: the engine's probability */
	int64_t person_id;
	person_brief who;                   /* the sought person as the registry has them */
	unsigned consents_in_force;         /* bits 1u << consent_purpose, today */
	const char *created_at, *updated_at, *actor;
} inquiry;

typedef struct inquiry_detail {
	inquiry q;
	consent *consents;                  /* every grant, in the order recorded */
	size_t nconsents;
	/* The other inquiries about the same person (uids), oldest first. */
	const char **others;
	size_t nothers;
	/* The DNA samples the inquirer gave under its dna_reference consent,
	 * with their state (given, withdrawn: withheld from screening). */
	const char **samples, **sample_state;
	size_t nsamples;
} inquiry_detail;

/* ---- adding ------------------------------------------------------------------ */

typedef struct consent_input {
	const char *purpose, *form, *date;  /* date NULL: the inquiry's received date */
	const char *note;
	/* dna_reference: the laboratory's ids of the samples the inquirer gave
	 * under it (docs/families.md, "DNA consent"); none for other purposes. */
	const char *const *samples;
	size_t nsamples;
} consent_input;

typedef struct inquiry_input {
	const char *f[IF_COUNT];
	consent_input consents[CP_COUNT];
	size_t nconsents;
	bool new_person;     /* record a new person although the engine found a likely one */
	double threshold;    /* link at this probability or more; 0: 0.9 */
	double review;       /* a likely match from here; 0: 0.3 */
} inquiry_input;

/* Samples named apart from their consent (a command-line option, a file's
 * column) put with the dna_reference consent among in's; false, in as it
 * was, when in has none. */
bool inquiry_samples_attach(inquiry_input *in, const char *const *samples, size_t n);

typedef struct inquiry_result {
	char uid[UID_SIZE];             /* the inquiry */
	char person[UID_SIZE];          /* its person */
	inquiry_link linked;
	double prob;                    /* LINK_MATCH: the link's probability */
	bool person_created;
	bool skipped;                   /* an inquiry with this ref was there already */
	int field;                      /* inquiry_field of a refusal, or -1 */
	/* A refusal because the engine found a likely person (PL_ECONFLICT):
	 * who, and how likely; else "" and 0. */
	char candidate[UID_SIZE];
	double candidate_prob;
} inquiry_result;

/* Record an inquiry (one transaction, audited). Refused, nothing written,
 * with the field in res->field: no inquirer (name or organisation), no
 * person and no name to find them by, a bad value, contradictory consent. */
pl_rc family_inquiry_add(store *st, const inquiry_input *in, inquiry_result *res, pl_err *err);

/* What the engine makes of a person described (for the intake, as one
 * types): the best registry person and their probability, or "" if there
 * is nobody at or above `review`. Writes nothing. */
typedef struct inquiry_match {
	char person[UID_SIZE];
	double prob;
	bool link;                       /* at or above the threshold: would be linked */
	person_brief who;
} inquiry_match;
pl_rc family_inquiry_match(store *st, const inquiry_input *in, arena *a, inquiry_match *out,
                           pl_err *err);

/* ---- consent and status ----------------------------------------------------- */

/* Give consent for a purpose on date (NULL: today) in form. Refused when it
 * is in force already, when the date is in the future or before that
 * purpose's last withdrawal, or when it contradicts the others (sharing
 * without tracing in force on that date). */
pl_rc family_consent_give(store *st, const char *inquiry_uid, const consent_input *c, pl_err *err);
/* Withdraw the consent for a purpose in force, dated (NULL: today), in a
 * form (NULL: as given). The grant stays with its withdrawal. Refused
 * when none is in force, when dated before its grant, or when tracing is
 * withdrawn while a sharing consent still stands. */
pl_rc family_consent_withdraw(store *st, const char *inquiry_uid, const char *purpose,
                              const char *date, const char *form, pl_err *err);
/* The same, saying what a change of the dna_reference consent did to the
 * samples the inquirer gave (out, dna.h; NULL: not said; initialised by the
 * caller, freed by the caller): a withdrawal withholds them from screening
 * and makes the proposals that rested on them fall, listing the confirmed
 * identifications that rest on them; a new grant makes them usable again
 * (and names the samples given with it). All in the consent's transaction. */
struct dna_consent_change;
pl_rc family_consent_give_dna(store *st, const char *inquiry_uid, const consent_input *c,
                              struct dna_consent_change *out, pl_err *err);
pl_rc family_consent_withdraw_dna(store *st, const char *inquiry_uid, const char *purpose,
                                  const char *date, const char *form, struct dna_consent_change *out,
                                  pl_err *err);
/* Name samples the inquirer gave under the dna_reference consent in force
 * (refused when it is not, or when a sample is another inquiry's). */
pl_rc family_dna_samples_add(store *st, const char *inquiry_uid, const char *const *samples, size_t n,
                             pl_err *err);
/* open -> answered, open or answered -> closed (a reason required).
 * Closed is final. */
pl_rc family_inquiry_set_status(store *st, const char *inquiry_uid, const char *status,
                                const char *reason, pl_err *err);

/* ---- reading ------------------------------------------------------------------ */

/* By uid or a unique prefix of at least 5 characters. */
pl_rc family_inquiry_get(store *st, const char *uid, arena *a, inquiry_detail *out, pl_err *err);

typedef struct inquiry_query {
	const char *status;              /* comma-separated statuses */
	const char *person;              /* the inquiries about one person (uid) */
	size_t limit, offset;
} inquiry_query;
#define INQUIRY_QUERY_INIT {.limit = 50}

typedef struct inquiry_page {
	inquiry *rows;                   /* newest first */
	size_t n, total;
} inquiry_page;

pl_rc family_inquiry_list(store *st, const inquiry_query *q, arena *a, inquiry_page *out,
                          pl_err *err);

/* Record reads of inquiries in the access log: each sought person's uid,
 * detail "inquiry Q..." (for the command line; the server batches its own). */
pl_rc family_log_reads(store *st, const inquiry *q, size_t n, const char *action, pl_err *err);

/* ---- JSON ------------------------------------------------------------------------ */

/* New jansson values. contacts false: phone, e-mail and address left out
 * (and "contacts_withheld": true). */
struct json_t;
struct json_t *inquiry_json(const inquiry *q, bool contacts);
struct json_t *inquiry_detail_json(const inquiry_detail *d, bool contacts);
struct json_t *inquiry_page_json(const inquiry_page *p, const inquiry_query *q, bool contacts);
struct json_t *inquiry_result_json(const inquiry_result *r);

/* ---- import ------------------------------------------------------------------------ */

typedef struct inquiry_import_opts {
	const char *name;                 /* shown in messages; NULL: the path */
	int max_errors;                   /* default 20 */
	double threshold;                 /* as inquiry_input's */
} inquiry_import_opts;

typedef struct inquiry_import_item {
	char *ref;                        /* the file's ref, or NULL (malloc'd) */
	long line;                        /* its line in the file */
	inquiry_result res;               /* its id (the one recorded before, if skipped), its person */
} inquiry_import_item;

typedef struct inquiry_import_report {
	buf errors, coded;                /* problems, one a line; and by code */
	buf notes;                        /* each link the engine made, one a line */
	long rows, created, skipped, persons_created, linked_by_match;
	inquiry_import_item *items;       /* each row of the file, in its order (none if refused) */
	size_t nitems;
} inquiry_import_report;

/* A backlog of inquiries (CSV, "-": standard input; the columns are
 * inquiry_fields' names and consent_PURPOSE, "FORM" or "FORM DATE") in one
 * transaction: every row, or at the first problem nothing, each problem
 * with file, line and column. */
pl_rc family_import(store *st, const char *path, const inquiry_import_opts *o,
                    inquiry_import_report *rep, pl_err *err);
void inquiry_import_report_free(inquiry_import_report *rep);
/* What an import did, as the API answers and `--json` prints it: the
 * counts, the links the engine made and each row of the file. */
struct json_t *inquiry_import_json(const inquiry_import_report *rep);

/* ---- retention (retention.c) ------------------------------------------------------ */

/* A retention rule reaching person p (registry.h, retention_hooks.apply):
 * contacts erases their inquirers' phone, e-mail and address; identity the
 * names the family gave (the birth date to its year) and the ante-mortem
 * record and photos (then family_photo_sweep, after the commit). Each
 * change audited and told through h->change; their number in *changes. */
pl_rc family_retention_apply(store *st, const retention_person *p, const retention_hooks *h, size_t *changes,
                             pl_err *err);
/* Every retention rule applied (registry_retention_run) to the registry,
 * the linkage keys (match_key_forget) and the families' data, each change
 * told through change(ctx, ...); then, unless a dry run, the photo files
 * whose records were erased removed (their number in *photos_removed). */
pl_rc family_retention_run(store *st, bool dry_run, retention_fn change, void *ctx, size_t *changes,
                           long *photos_removed, pl_err *err);

/* ---- the watch and the family liaison's tasks (watch.c, task.c) --------------- */

/* Whenever something concerns a person with an open inquiry, a task for
 * the family liaison: what it is (kind), which thing (source, the owner's
 * id), the evidence as the office says it (a message code and its
 * arguments), assigned to a user, then done with how and when the family
 * was told, or dismissed with a reason. One task per source and person. */
typedef enum task_kind { TK_LIST, TK_MANIFEST, TK_STATUS, TK_REMAINS, TK_DNA, TK_COUNT } task_kind;
extern const char *const task_kind_names[TK_COUNT + 1];
typedef enum task_status { TS_OPEN, TS_DONE, TS_DISMISSED, TS_COUNT } task_status;
extern const char *const task_status_names[TS_COUNT + 1];
extern const char *const task_told_names[];   /* phone, letter, in_person */

typedef struct family_task {
	int64_t id;
	char uid[UID_SIZE];                 /* "T" and 16 characters */
	task_kind kind;
	const char *source;                 /* the thing's id as its owner names it */
	const char *evidence_code;          /* the message catalogue's code */
	const char *evidence_args;          /* its arguments, a JSON object */
	char inquiry[UID_SIZE];             /* the person's oldest open inquiry when created */
	person_brief who;                   /* the person */
	task_status status;
	const char *assignee;
	const char *told_how, *told_on;     /* done: phone, letter or in_person; the day */
	const char *note;                   /* done: the closing note; dismissed: the reason */
	const char *closed_by, *closed_at, *created_at;
	/* Tracing in force today on the inquiry: the family may be told. false:
	 * "consent withdrawn: do not contact". */
	bool may_contact;
} family_task;

/* One row of a reconciled list about a registry person: what the watch
 * is given by whoever reconciled it (a list is not stored). */
typedef struct watch_row {
	const char *person;                 /* the registry person's uid */
	long line;                          /* the list's row (its line) */
	const char *key;                    /* the list's own id of the row, or NULL */
	bool matched;                       /* else a review with them as candidate */
	double prob;
} watch_row;

typedef struct watch_list {
	const char *name;                   /* the list as named: a file name */
	const char *held;                   /* where it is held (a path); NULL: an upload, not kept */
	const char *party;                  /* whose list, or NULL */
	const char *date;                   /* the list's date, or NULL */
} watch_list;

typedef struct watch_report {
	long seen;                          /* things looked at (audit entries, list rows) */
	long concerned;                     /* of them about a person with an open inquiry */
	long created;                       /* new tasks */
	long existed;                       /* tasks there already for that source and person */
	int64_t mark;                       /* the audit log's last entry read */
} watch_report;

/* Read the audit log from the watch's mark: events (a status change),
 * signed manifests, remains cases and DNA proposals about a person with an
 * open inquiry each make a task. The mark moves in the same transaction
 * as the tasks: after a crash nothing is missed and nothing doubled.
 * Called by the CLI and the server after each change, and when idle. */
pl_rc family_watch_run(store *st, watch_report *rep, pl_err *err);
/* A reconciled list's accepted rows and rows in review: a task for each
 * about a person with an open inquiry (one transaction). */
pl_rc family_watch_list(store *st, const watch_list *l, const watch_row *rows, size_t n,
                        watch_report *rep, pl_err *err);

/* The same for a reconciliation (match/reconcile.h): its matched rows,
 * and its rows in review with their best candidate. */
struct reconcile_result;
pl_rc family_watch_reconciled(store *st, const watch_list *l, const struct reconcile_result *r,
                              watch_report *rep, pl_err *err);

typedef struct task_query {
	const char *status;                 /* comma-separated; NULL: all */
	const char *person;                 /* one person's tasks (uid) */
	const char *assignee;
	size_t limit, offset;
} task_query;
#define TASK_QUERY_INIT {.limit = 50}

typedef struct task_page {
	family_task *rows;                  /* open first, then by person, newest first */
	size_t n, total;
} task_page;

pl_rc family_task_list(store *st, const task_query *q, arena *a, task_page *out, pl_err *err);
pl_rc family_task_get(store *st, const char *uid, arena *a, family_task *out, pl_err *err);
/* Give an open task to a user (NULL or "": nobody). */
pl_rc family_task_assign(store *st, const char *uid, const char *user, pl_err *err);
/* open -> done: how the family was told (phone, letter, in_person), on
 * which day (NULL: today), and a note; refused when the consent does not
 * allow contact. */
pl_rc family_task_done(store *st, const char *uid, const char *how, const char *day,
                       const char *note, pl_err *err);
/* open -> dismissed, with the reason. */
pl_rc family_task_dismiss(store *st, const char *uid, const char *reason, pl_err *err);

/* The evidence in language l into out. */
void family_task_evidence(const family_task *t, int lang, char *out, size_t size);
struct json_t *family_task_json(const family_task *t);
struct json_t *family_task_page_json(const task_page *p, const task_query *q);
struct json_t *watch_report_json(const watch_report *r);

/* ---- testimonies (testimony.c, sighting.c, proof.c) ------------------------------ */

/* A returnee's debriefing (a registry person, usually just repatriated:
 * who took it, when, where) naming the people they saw in captivity, each
 * as said: part of a name in any script, a nickname or call sign, the
 * unit; where, when (a date, a month or a year) and in what condition.
 * Each sighting goes through the matching engine against the registry
 * into a review queue with its candidates; a reviewer accepts one person,
 * rejects it, or says the person is not in the registry: the engine never
 * decides alone. An accepted sighting is an event of the person, type
 * sighting, source testimony, which never changes a status. */
typedef enum sighting_condition { SC_ALIVE, SC_WOUNDED, SC_ILL, SC_DEAD, SC_UNKNOWN, SC_COUNT } sighting_condition;
extern const char *const sighting_condition_names[SC_COUNT + 1];
typedef enum sighting_status { SS_REVIEW, SS_ACCEPTED, SS_REJECTED, SS_NOT_IN_REGISTRY, SS_COUNT } sighting_status;
extern const char *const sighting_status_names[SS_COUNT + 1];
extern const char *const sighting_confidence_names[];   /* high, medium, low */

typedef enum testimony_field {
	TF_REF,        /* the office's own reference, unique: a file imported again skips it */
	TF_RETURNEE,   /* the returnee: a registry person's id */
	TF_TAKEN_ON,   /* the day of the debriefing */
	TF_TAKEN_BY,   /* who took it (default: the user recording it) */
	TF_TAKEN_AT,   /* where */
	TF_NOTE,
	TF_COUNT
} testimony_field;
extern const field_def testimony_fields[TF_COUNT];

typedef enum sighting_field {
	SF_SURNAME,
	SF_GIVEN_NAMES,
	SF_PATRONYMIC,
	SF_NICKNAME,   /* a nickname or call sign: shown, not matched */
	SF_RANK,
	SF_UNIT,
	SF_PLACE,      /* where seen: a camp, a colony, a town */
	SF_DATE,       /* when: YYYY, YYYY-MM or YYYY-MM-DD */
	SF_CONDITION,  /* alive, wounded, ill, dead, unknown (default) */
	SF_NOTE,
	SF_COUNT
} sighting_field;
extern const field_def sighting_fields[SF_COUNT];

enum { SIGHTINGS_MAX = 200, SIGHTING_CANDIDATES = 5 };

typedef struct testimony_input {
	const char *f[TF_COUNT];
	const char *(*s)[SF_COUNT];          /* the sightings, as said */
	size_t ns;
} testimony_input;

typedef struct testimony_result {
	char uid[UID_SIZE];
	bool skipped;                        /* a testimony with this ref was there already */
	int sighting;                        /* a refusal's sighting (0-based), or -1 */
	int field;                           /* its testimony_field (sighting -1) or sighting_field, or -1 */
	size_t nsightings, with_candidates;
} testimony_result;

/* Record a testimony and its sightings with the engine's candidates for
 * each (one transaction, audited). Refused, nothing written, with the
 * sighting and field in res: no returnee or one not in the registry, no
 * date, a sighting with neither a name nor a nickname, a bad value. */
pl_rc family_testimony_add(store *st, const testimony_input *in, testimony_result *res, pl_err *err);

typedef struct sighting_candidate {
	person_brief who;
	double prob;
	const char *unit, *capture_place, *detention_place;  /* as the registry has them, beside the said */
} sighting_candidate;

typedef struct sighting {
	int64_t id;
	char uid[UID_SIZE];                  /* "W" and 16 characters */
	char testimony[UID_SIZE];
	const char *f[SF_COUNT];
	sighting_status status;
	const char *why_none;                /* no candidates: why (a message code) */
	sighting_candidate *cand;            /* best first */
	size_t ncand;
	person_brief who;                    /* accepted: the person */
	double prob;                         /* accepted: the engine's probability (0: not a candidate) */
	const char *confidence, *event, *decided_by, *decided_at, *decision_note;
	/* the testimony's */
	person_brief returnee;
	const char *taken_on, *taken_by, *taken_at;
} sighting;

typedef struct testimony {
	int64_t id;
	char uid[UID_SIZE];                  /* "D" and 16 characters */
	const char *f[TF_COUNT];             /* TF_RETURNEE: the returnee's uid */
	person_brief returnee;
	const char *actor, *created_at;
	size_t nsightings, in_review;
	sighting *s;                         /* family_testimony_get: each sighting */
} testimony;

/* By uid or a unique prefix of at least 5 characters, with its sightings
 * and their candidates. */
pl_rc family_testimony_get(store *st, const char *uid, arena *a, testimony *out, pl_err *err);

typedef struct testimony_query {
	const char *returnee;                /* one returnee's (uid) */
	bool open;                           /* only those with sightings in review */
	size_t limit, offset;
} testimony_query;
#define TESTIMONY_QUERY_INIT {.limit = 50}

typedef struct testimony_page {
	testimony *rows;                     /* newest first, without their sightings */
	size_t n, total;
} testimony_page;
pl_rc family_testimony_list(store *st, const testimony_query *q, arena *a, testimony_page *out, pl_err *err);

typedef struct sighting_query {
	const char *status;                  /* comma-separated; NULL: review */
	const char *testimony;               /* one testimony's */
	const char *person;                  /* those accepted as one person */
	size_t limit, offset;
} sighting_query;
#define SIGHTING_QUERY_INIT {.limit = 50}

typedef struct sighting_page {
	sighting *rows;                      /* oldest first: the review queue */
	size_t n, total;
} sighting_page;
/* The review queue (and decided sightings), with candidates. */
pl_rc family_sighting_list(store *st, const sighting_query *q, arena *a, sighting_page *out, pl_err *err);
pl_rc family_sighting_get(store *st, const char *uid, arena *a, sighting *out, pl_err *err);

typedef struct sighting_decision {
	const char *person;                  /* accept: the person (a candidate or any registry person) */
	const char *confidence;              /* accept: high, medium or low */
	const char *note;                    /* why; required to reject */
	bool not_in_registry;                /* reject: the person is not in the registry */
} sighting_decision;

typedef struct sighting_result {
	char event[UID_SIZE];                /* accepted: the event */
	bool already;                        /* accepted before with the same person: nothing written */
	long tasks;                          /* tasks the watch made after it */
} sighting_result;

/* Accept a sighting in review as a person: an event of theirs (type
 * sighting, source testimony), never a change of status; then the watch
 * runs. Accepting it again as the same person changes nothing; a sighting
 * decided otherwise is refused. */
pl_rc family_sighting_accept(store *st, const char *uid, const sighting_decision *d, sighting_result *res,
                             pl_err *err);
/* Reject a sighting in review (d->note the reason), or say its person is
 * not in the registry. No event. */
pl_rc family_sighting_reject(store *st, const char *uid, const sighting_decision *d, pl_err *err);

/* The proof-of-captivity report: the persons the other side has not
 * acknowledged with the office's evidence that they are held (proof.c). */
typedef struct proof_evidence {
	const char *type, *source, *date, *place;
	const char *event;                   /* the event's uid */
	/* a testimony's: whose, when taken, by whom; the name as said; the condition seen;
	 * the reviewer's confidence and the engine's probability */
	const char *testimony, *returnee, *returnee_name, *taken_on, *taken_by, *said, *condition,
		*confidence;
	double prob;
} proof_evidence;

typedef struct proof_person {
	person_brief who;
	const char *unit, *rank;
	proof_evidence *ev;
	size_t nev;
} proof_person;

typedef struct proof_report {
	proof_person *p;
	size_t n;
	char made_at[TIMESTAMP_STR_MAX];
	const char *office;                  /* who made it */
} proof_report;

pl_rc family_proof(store *st, arena *a, proof_report *out, pl_err *err);
/* The reads in the access log, for the command line (the server batches
 * its own): each person a sighting shows (the returnee, the candidates,
 * the one accepted), detail "testimony D... sighting W..."; each person of
 * a report, "proof of captivity". */
pl_rc family_sighting_log_reads(store *st, const sighting *s, size_t n, const char *action, pl_err *err);
pl_rc family_proof_log_reads(store *st, const proof_report *r, pl_err *err);
struct json_t *proof_json(const proof_report *r);
/* One row per piece of evidence, a header first. */
pl_rc proof_write_csv(buf *out, const proof_report *r);

typedef struct testimony_import_opts {
	const char *name;                    /* shown in messages; NULL: the path */
	int max_errors;                      /* default 20 */
} testimony_import_opts;

typedef struct testimony_import_item {
	char *ref;                           /* the file's ref (malloc'd) */
	testimony_result res;                /* its id (the one recorded before, if skipped), counts */
} testimony_import_item;

typedef struct testimony_import_report {
	buf errors, coded;                   /* problems, one a line; and by code */
	long rows, created, skipped, sightings, with_candidates;
	testimony_import_item *items;        /* each testimony of the file, in its order (none if refused) */
	size_t nitems;
} testimony_import_report;

/* Testimonies from CSV ("-": standard input), a row per person seen, the
 * rows of one testimony sharing its ref (columns: ref, returnee, taken_on,
 * taken_by, taken_at, testimony_note, and the sighting's fields), in one
 * transaction: all, or at the first problem nothing, each problem with
 * file, line and column. A ref recorded already is skipped. */
pl_rc family_testimony_import(store *st, const char *path, const testimony_import_opts *o,
                              testimony_import_report *rep, pl_err *err);
void testimony_import_report_free(testimony_import_report *rep);

struct json_t *testimony_json(const testimony *t);
struct json_t *testimony_page_json(const testimony_page *p, const testimony_query *q);
struct json_t *sighting_json(const sighting *s);
struct json_t *sighting_page_json(const sighting_page *p, const sighting_query *q);
struct json_t *testimony_result_json(const testimony_result *r);
/* What an import did, as the API answers and `--json` prints it. */
struct json_t *testimony_import_json(const testimony_import_report *rep);

#endif
