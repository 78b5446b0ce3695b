/* Remains: cases, batches, the chain of custody and fragments.
 *
 * The fallen come back in batches of about 1,200; few are identified
 * beforehand, and identification by DNA takes a year or more. A case is one
 * bag or set of remains under its tag ("UA-2025-06-11-0001"); a batch is
 * what was handed over together, with the count the sender declared. One
 * case may hold parts of several people and one person may be spread over
 * several cases and batches: fragments record the parts, each of which may
 * be linked to a person. Some remains turn out to belong to the other side
 * and are sent back.
 *
 * A case's identification status moves only along these lines; anything
 * else is refused with the reason:
 *
 *   unidentified -> preliminary (as a person) -> confirmed
 *   preliminary -> unidentified (the identification is withdrawn)
 *   unidentified, preliminary -> returned (misattributed: sent back)
 *
 * Confirming a case as person P records that P's remains were identified
 * in the registry (P's `identified` event, after `remains_returned` dated
 * the batch's handover when P was still missing or died in captivity).
 * Every change is one transaction with its entries in the audit chain.
 * Reads fill plain structs from the caller's arena; the JSON writers give
 * the same records to the API. */
#ifndef PARLEY_REMAINS_REMAINS_H
#define PARLEY_REMAINS_REMAINS_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "core/arena.h"
#include "core/buf.h"
#include "core/err.h"
#include "registry/registry.h"

/* ---- statuses, conditions, fields --------------------------------------- */

typedef enum remains_status {
	RS_UNIDENTIFIED,
	RS_PRELIMINARY,  /* identified as a person, not yet confirmed */
	RS_CONFIRMED,    /* final: the person's identified event is recorded */
	RS_RETURNED,     /* final: belonged to the other side, sent back */
	RS_COUNT
} remains_status;

/* NULL-terminated: "unidentified", "preliminary", "confirmed", "returned". */
extern const char *const remains_status_names[RS_COUNT + 1];
/* "complete", "incomplete", "fragmented", "skeletal", "commingled". */
extern const char *const remains_condition_names[];
const char *remains_status_name(remains_status s);
/* -1 if unknown. */
int remains_status_parse(const char *name);
/* NULL if a case may move from `from` to `to`, else why not. */
const char *remains_transition_refused(remains_status from, remains_status to);

/* The columns of a cases file, which are also what a case is given as. */
typedef enum remains_field {
	RF_TAG,             /* required: the case's tag */
	RF_BATCH,           /* the batch's label; created if absent */
	RF_FROM_PARTY,      /* for a new batch: who handed it over */
	RF_TO_PARTY,        /* for a new batch: who received it */
	RF_HANDOVER_DATE,   /* for a new batch: when */
	RF_RECOVERY_PLACE,
	RF_RECOVERY_DATE,
	RF_CONDITION,
	RF_STATUS,          /* unidentified, preliminary or confirmed */
	RF_PERSON,          /* the person's uid, with preliminary or confirmed */
	RF_HOLDER,          /* a custody entry: who holds the remains */
	RF_CUSTODY_SINCE,   /* and since when */
	RF_NOTE,
	RF_COUNT
} remains_field;

extern const field_def remains_fields[RF_COUNT];

/* ---- records ------------------------------------------------------------- */

typedef struct remains_case {
	int64_t id;                   /* row id in this database */
	char uid[UID_SIZE];           /* "R" and 16 characters */
	const char *tag;
	const char *batch;            /* the batch's label; NULL: in no batch */
	const char *recovery_place;   /* NULL: unknown, as every field */
	const char *recovery_date;    /* a partial date */
	const char *condition;
	remains_status status;
	const char *person;           /* uid of the person it is identified as */
	const char *note;
	const char *created_at, *updated_at;
	int64_t batch_id, person_id;  /* row ids; 0: none */
} remains_case;

typedef struct remains_custody {
	const char *holder;
	const char *since;            /* a partial date */
	const char *note;
	const char *actor, *created_at;  /* who recorded it, when */
} remains_custody;

typedef struct remains_fragment {
	const char *label;            /* unique within its case: "A", "left femur" */
	const char *description;
	const char *person;           /* uid of the person it belongs to, or NULL */
	int64_t person_id;            /* and their row id; 0: none */
} remains_fragment;

/* Another case that holds the same person as this one (as a whole or as
 * a fragment): one person spread over several bags and batches. */
typedef struct remains_related {
	const char *person;
	int64_t person_id;
	const char *tag;
	const char *batch;
	remains_status status;
	bool fragment;                /* linked through a fragment, not the case */
} remains_related;

typedef struct remains_case_detail {
	remains_case c;
	remains_custody *custody;     /* in the order recorded, oldest first */
	size_t ncustody;
	remains_fragment *fragments;  /* by label */
	size_t nfragments;
	remains_related *related;
	size_t nrelated;
} remains_case_detail;

typedef struct remains_batch {
	int64_t id;
	char uid[UID_SIZE];           /* "B" and 16 characters */
	const char *label;
	const char *from_party, *to_party;  /* party codes */
	const char *handover_date;    /* a partial date */
	long declared;                /* what the sender declared; -1: not declared */
	const char *note;
	int64_t stage_id;             /* row id of the exchange stage it came with; 0: none */
	const char *stage;            /* and its uid, when the reader named it; else NULL */
	const char *clause;           /* the agreement's clause its bodies count under; NULL: none */
	const char *created_at;
	long received;                /* cases recorded in it */
	long by_status[RS_COUNT];
} remains_batch;

/* What a change did, for people and for the API: the status it moved the
 * case from and to, and anything worth saying (events recorded on the
 * person, a person spread over several cases). `field` names the column a
 * refusal is about (for import messages), -1 if none. */
typedef enum remains_saved { REMAINS_UNCHANGED, REMAINS_CREATED, REMAINS_UPDATED } remains_saved;

typedef struct remains_result {
	remains_saved saved;
	remains_status before, after;
	bool batch_created;
	int custody_added;
	int events_added;             /* on the person: remains_returned, identified */
	int events_voided;            /* those voided by a withdrawal (remains_unidentify) */
	int field;                    /* remains_field of a refusal, or -1 */
	char note[512];
} remains_result;

/* ---- cases --------------------------------------------------------------- */

/* Values for a batch that f[RF_BATCH] names but the registry lacks, where
 * f leaves them out (parley remains import --from --to --date). */
typedef struct remains_batch_defaults {
	const char *from_party, *to_party, *handover_date;
} remains_batch_defaults;

/* Create the case tagged f[RF_TAG], or bring the one there to what f says.
 * Values are checked and cleaned like an import's; NULL or empty ones leave
 * what is known. A new batch needs its parties. A status moves the case
 * as remains_identify and remains_withdraw do (returned is recorded only
 * with remains_return, which needs the receiving party and date). A holder
 * and its date add a custody entry unless that one is there already. */
pl_rc remains_case_put(store *st, const char *const f[RF_COUNT],
                          const remains_batch_defaults *defaults, remains_result *res,
                          pl_err *err);

/* Identify the case as a person: preliminary, or with confirm, confirmed
 * (an unidentified case passes through preliminary). Confirming records
 * the person's events; a person who already has another confirmed case is
 * refused unless this case holds a fragment linked to them. */
pl_rc remains_identify(store *st, const char *tag, const char *person_uid, bool confirm,
                          remains_result *res, pl_err *err);
/* preliminary -> unidentified. */
pl_rc remains_withdraw(store *st, const char *tag, remains_result *res, pl_err *err);
/* An identification found wrong, withdrawn for `reason`: the case, confirmed
 * or preliminary (as person_uid, if not NULL), back to unidentified; when
 * it was confirmed, the person's events its confirmation recorded
 * (identified, remains_returned) are voided in the registry
 * (registry_event_void), unless another case is still confirmed as them.
 * Refused, saying why, for a returned case, when a later event of the
 * person depends on those, or when the remains were handed on after
 * `since` (the identification's time; NULL: not checked) and are not back
 * with whoever held them then. */
pl_rc remains_unidentify(store *st, const char *tag, const char *person_uid, const char *since,
                            const char *reason, remains_result *res, pl_err *err);
/* unidentified or preliminary -> returned: the remains belong to the other
 * side and were sent to party `to` on `date`; recorded as the last entry of
 * the custody chain. */
pl_rc remains_return(store *st, const char *tag, const char *to, const char *date,
                        const char *note, remains_result *res, pl_err *err);

/* Append to the chain of custody: `holder` has the remains since `since`,
 * which may not be before the previous entry. Returned cases take none. */
pl_rc remains_custody_add(store *st, const char *tag, const char *holder, const char *since,
                             const char *note, pl_err *err);
/* Record a fragment of the case, or change the one with that label: its
 * description and the person it belongs to (NULL leaves them as they are). */
pl_rc remains_fragment_set(store *st, const char *tag, const char *label,
                              const char *person_uid, const char *description,
                              remains_result *res, pl_err *err);

/* Remove fragment `label` of the case (a link found wrong), audited;
 * PL_ENOTFOUND if the case has none of that label. */
pl_rc remains_fragment_remove(store *st, const char *tag, const char *label, const char *reason,
                                 remains_result *res, pl_err *err);

/* Where else a person's remains are: how many cases other than case_id
 * are confirmed as them (tags: the first three), and whether case_id
 * holds a fragment linked to them. Row ids. */
typedef struct remains_spread {
	long others;
	char tags[200];
	bool fragment;
} remains_spread;

pl_rc remains_person_spread(store *st, int64_t case_id, int64_t person_id, remains_spread *out,
                               pl_err *err);

/* The tag of the case whose id (R...) is uid; PL_ENOTFOUND if none. For
 * addresses that cannot hold every tag (the API's paths). */
pl_rc remains_case_tag(store *st, const char *uid, arena *a, const char **tag, pl_err *err);

/* The case tagged `tag`: *found false if there is none. */
pl_rc remains_case_find(store *st, const char *tag, arena *a, remains_case *c, bool *found,
                           pl_err *err) PL_NODISCARD;
/* out[i]: the case with row id ids[i] (zeroed if there is none), read in
 * one statement: for lists in other modules that keep cases by row id. */
pl_rc remains_cases_by_id(store *st, const int64_t *ids, size_t n, arena *a, remains_case *out,
                             pl_err *err) PL_NODISCARD;
/* Every case of batch `batch` (a label; NULL: of every batch), by tag,
 * without paging: for computations over all of them (DNA screening). */
pl_rc remains_cases_all(store *st, const char *batch, arena *a, remains_case **out, size_t *n,
                           pl_err *err) PL_NODISCARD;

/* One case with its custody chain, fragments and related cases. */
pl_rc remains_case_get(store *st, const char *tag, arena *a, remains_case_detail *out,
                          pl_err *err);

typedef struct remains_query {
	const char *batch;            /* a batch's label */
	const char *status;           /* comma-separated statuses */
	const char *condition;        /* comma-separated conditions; "unknown" too */
	const char *text;             /* in the tag, ASCII letters in any case */
	size_t limit, offset;
} remains_query;

#define REMAINS_QUERY_INIT {.limit = 50}

typedef struct remains_page {
	remains_case *rows;
	size_t n;
	size_t total;                 /* all that match */
} remains_page;

/* Cases by tag. */
pl_rc remains_list(store *st, const remains_query *q, arena *a, remains_page *out,
                      pl_err *err);

/* ---- batches ------------------------------------------------------------- */

/* Stages are the agreements module's, above this one: where a batch names
 * the stage it came with, the caller passes in how a stage's row id gives
 * its uid (accord's stage_uid_by_id), PL_ENOTFOUND when there is none. */
typedef pl_rc (*remains_stage_uid_fn)(store *st, int64_t stage_id, char uid[UID_SIZE],
                                      pl_err *err);

/* A new batch from b's label, parties, handover date, declared count (-1:
 * not declared) and note; fills b->uid and b->id. */
pl_rc remains_batch_add(store *st, remains_batch *b, pl_err *err);
/* The batch, with its stage named through stage_uid (NULL: not named). */
pl_rc remains_batch_get(store *st, const char *label, remains_stage_uid_fn stage_uid, arena *a,
                           remains_batch *out, pl_err *err);
/* Every batch, by handover date then label, with its counts. */
pl_rc remains_batch_list(store *st, remains_stage_uid_fn stage_uid, arena *a, remains_batch **out,
                            size_t *n, pl_err *err);
/* The exchange stage (row id) a batch was handed over in; 0 clears it.
 * For the agreements module, which owns stages and names them. */
pl_rc remains_batch_set_stage(store *st, const char *label, int64_t stage_id,
                                 remains_stage_uid_fn stage_uid, pl_err *err);

/* Tie a batch to the exchange stage (row id) and the clause its bodies
 * count under, and with declared >= 1 set its declared count (-1: keep
 * it); stage_id 0 unties it (clause NULL). Only the tie is checked here:
 * whether stage and clause belong together is the agreements module's
 * (accord's stage_batch_tie, which calls this). Audited as "tie". */
pl_rc remains_batch_tie(store *st, const char *label, int64_t stage_id, const char *clause,
                        long declared, remains_stage_uid_fn stage_uid, pl_err *err);

/* ---- JSON ---------------------------------------------------------------- */

/* New jansson values (the caller decrefs): keys as the CSV columns, id for
 * the uid, null for unknown values. */
struct json_t;
struct json_t *remains_case_json(const remains_case *c);
struct json_t *remains_case_detail_json(const remains_case_detail *d);
struct json_t *remains_page_json(const remains_page *p, const remains_query *q);
struct json_t *remains_batch_json(const remains_batch *b);
struct json_t *remains_result_json(const remains_result *res);

/* ---- the audit ------------------------------------------------------------ */

/* Append an audit entry (audit_append) inside the caller's transaction,
 * taking the references to before and after (jansson values, either may
 * be NULL). For this module and the DNA identification built on it. */
pl_rc remains_audit(store *st, const char *action, const char *entity, const char *uid,
                       struct json_t *before, struct json_t *after, pl_err *err);

/* ---- post-mortem observations (pm.c) ------------------------------------- */

/* Set the post-mortem observations of the case tagged tag, replacing what
 * was there (one transaction, audited): a document of the shape of
 * family/antemortem.h's record, checked by the caller (am_clean). */
pl_rc remains_pm_set(store *st, const char *tag, const struct json_t *doc, pl_err *err);
/* The observations of a case (new reference, with "actor" and
 * "updated_at"), *out NULL if none are recorded. */
pl_rc remains_pm_get(store *st, const char *tag, struct json_t **out, pl_err *err);

/* ---- import -------------------------------------------------------------- */

typedef struct remains_import_opts {
	const char *name;                 /* shown in messages; NULL: the path */
	remains_batch_defaults defaults;  /* for new batches */
	int max_errors;                   /* default 20 */
} remains_import_opts;

typedef struct remains_import_report {
	buf errors;                       /* one problem per line */
	buf coded;                        /* the same problems by code (core/problems.h) */
	buf notes;                        /* what people should know, one per line */
	long rows, created, updated, unchanged;
	long batches_created, custody_added, events_added;
} remains_import_report;

/* Import a cases file (CSV, "-" for standard input; docs/remains.md) in one
 * transaction: every row, or at the first problem nothing; up to
 * max_errors problems are reported, each with file, line and column.
 * Importing the same file again changes nothing. */
pl_rc remains_import(store *st, const char *path, const remains_import_opts *o,
                        remains_import_report *rep, pl_err *err);
void remains_import_report_free(remains_import_report *rep);

#endif
