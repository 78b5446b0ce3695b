/* Stages: one exchange round under an agreement, and its manifest.
 *
 * A stage's manifest lists who (and which remains batches) each side
 * hands over, at which handover point, through which transit country. It
 * lives through
 *
 *   draft -> proposed -> agreed (signed by both parties) -> in_progress
 *         -> executed -> closed
 *
 * (or cancelled before it is executed). Every change to the list makes a
 * new version of the manifest, back in draft, which needs fresh
 * signatures; the old versions stay in the history. When a version is
 * agreed, everyone on it is `listed`; on the day, an outcome is recorded
 * for each person (or group) as they cross, each record saved at once
 * (the stage is in_progress from the first), until the execution is
 * finished with the counts of the batches delivered (executed). An
 * outcome recorded is never edited: it is corrected by a record of its
 * own, with its reason (stage_correct), and the ledger follows.
 *
 * Each party runs its own instance: a manifest travels between them as a
 * signed file (manifest.h), and each instance keeps its own copy of the
 * stage, with entries resolved to its own registry's persons. */
#ifndef PARLEY_ACCORD_STAGE_H
#define PARLEY_ACCORD_STAGE_H

#include <jansson.h>

#include "accord/agreement.h"

typedef enum stage_status {
	STAGE_DRAFT,
	STAGE_PROPOSED,
	STAGE_AGREED,
	STAGE_IN_PROGRESS,        /* outcomes being recorded as people cross */
	STAGE_EXECUTED,
	STAGE_CLOSED,
	STAGE_CANCELLED,
	STAGE_STATUS_COUNT
} stage_status;

typedef enum entry_outcome {
	OUTCOME_PENDING,      /* not executed yet */
	OUTCOME_HANDED_OVER,
	OUTCOME_NOT_PRESENTED,
	OUTCOME_REFUSED,      /* refused at handover (Art. 109: never against their will) */
	OUTCOME_SUBSTITUTED,  /* replaced by an agreed person, who has an entry of their own */
	OUTCOME_DIED,         /* died before delivery */
	OUTCOME_COUNT
} entry_outcome;

const char *stage_status_name(stage_status s);
int stage_status_parse(const char *s);        /* -1 if unknown */
const char *entry_outcome_name(entry_outcome o);
int entry_outcome_parse(const char *s);       /* -1 if unknown */
/* Open stages hold people and may change: draft, proposed and agreed. */
bool stage_status_open(stage_status s);
/* Stages whose people are booked (on no other stage): the open ones and
 * one in progress. */
bool stage_status_holds(stage_status s);

/* Who a manifest entry is, as the manifest says (GCIII Art. 17: surname,
 * first names, rank, date of birth, service number; and the party). */
typedef struct entry_identity {
	const char *surname, *given_names, *patronymic;
	const char *surname_latin, *given_names_latin, *patronymic_latin;
	const char *birth_date, *rank, *service_number, *party, *sex;
	ext_id ext[EXT_MAX];      /* identifiers others gave them (ICRC, ...): how instances meet */
	int next;
} entry_identity;

typedef struct stage_entry {
	int64_t id;
	int seq;
	int side;                 /* who hands them over: 0 or 1, the agreement's parties */
	const char *clause;
	const char *ref;          /* the person's uid in the instance that wrote the manifest */
	char person[UID_SIZE];    /* this registry's person, or "" if not found here */
	long points;
	entry_identity who;
	entry_outcome outcome;
	int substitute_for;       /* seq of the entry this one replaced, or 0 */
	bool art117;              /* repatriated as wounded or sick: no active duty (Art. 117) */
	const char *note;
	const char *outcome_date; /* the day of the outcome (NULL: pending, or recorded before dates were kept) */
	int corrections;          /* how many corrections the outcome has had (outcome: the latest) */
} stage_entry;

typedef struct stage_batch {
	int seq;
	int side;
	const char *clause;
	const char *batch;        /* the remains batch's label */
	long declared;
	long delivered;           /* -1 until executed */
} stage_batch;

typedef struct stage_signature {
	const char *signer, *role, *public_key, *signed_at, *signature;
} stage_signature;

typedef struct stage {
	int64_t id;
	char uid[UID_SIZE];
	int64_t agreement_id;
	const char *agreement;    /* its name */
	int number;               /* 1, 2, ... within the agreement */
	pdate date;
	const char *handover_point, *transit;
	stage_status status;
	int version;              /* of the manifest */
	const char *manifest_sha256;
	stage_entry *entries;
	size_t nentries;
	stage_batch *batches;
	size_t nbatches;
	stage_signature *signatures;   /* on the current version */
	size_t nsignatures;
	const char *executed_at;
} stage;

/* ---- the manifest document ------------------------------------------------- */

/* A manifest version as a document: what both parties sign. */
typedef struct manifest_doc {
	const char *stage;        /* uid */
	int number, version;
	const char *agreement, *agreement_sha256;
	char party[2][PARTY_CODE_MAX + 1];
	const char *mediator, *transit, *handover_point;
	pdate date;
	stage_entry *entries;     /* side, clause, ref, points, who */
	size_t nentries;
	stage_batch *batches;
	size_t nbatches;
} manifest_doc;

/* The document as JSON (a new reference; NULL: out of memory). */
json_t *manifest_doc_json(const manifest_doc *m);
/* Read a document someone sent: every field checked, errors with the
 * file and path ("stage.json: document.entries[3].side: ..."). */
pl_rc manifest_doc_read(const char *name, const char *path, json_t *doc, arena *a, manifest_doc *out,
                        pl_err *err) PL_NODISCARD;

/* A new stage in draft, its manifest version 1. Entries need side,
 * clause, points and person (the uid in this registry): the identity is
 * read from the registry. number 0: the next free one. Every person must
 * be held by the side that hands them over, eligible under the clause,
 * and on no other open stage; batches need side, clause, batch, declared. */
typedef struct stage_new {
	pdate date;
	int number;
	const char *handover_point, *transit;
	stage_entry *entries;
	size_t nentries;
	stage_batch *batches;
	size_t nbatches;
} stage_new;

pl_rc stage_create(store *st, const agreement *ag, const stage_new *sn, char uid[UID_SIZE],
                      pl_err *err) PL_NODISCARD;

/* The stage a plan proposes for day `day` (1 = the next stage): its
 * persons and bodies, created as stage_create does, checked as any list
 * is. The planner proposes; stages are made here. */
struct plan;
pl_rc stage_create_planned(store *st, const struct plan *p, int day, const char *handover_point,
                           char uid[UID_SIZE], pl_err *err) PL_NODISCARD;

/* By uid, or a unique prefix of one (at least 5 characters). */
pl_rc stage_get(store *st, const char *uid, arena *a, stage *out, pl_err *err) PL_NODISCARD;
/* The uid of the stage with row id `id`; PL_ENOTFOUND if there is none.
 * What the remains module names a batch's stage with (remains_stage_uid_fn). */
pl_rc stage_uid_by_id(store *st, int64_t id, char uid[UID_SIZE], pl_err *err) PL_NODISCARD;
/* A past version of the manifest (its canonical document), or the current one with version 0. */
pl_rc stage_manifest_version(store *st, const stage *s, int version, arena *a, const char **doc,
                                pl_err *err) PL_NODISCARD;

/* A stored version's document, read (checked as anything read is). */
pl_rc stage_read_doc(const char *uid, const char *text, arena *a, manifest_doc *m,
                     pl_err *err) PL_NODISCARD;

/* What changed between two versions of a stage's manifest: '+' added,
 * '-' removed, '~' changed, each with what, in words. */
typedef struct manifest_change {
	char op;
	const char *what;
} manifest_change;

pl_rc stage_diff(store *st, const stage *s, int from, int to, arena *a, manifest_change **out,
                    size_t *n, pl_err *err) PL_NODISCARD;

typedef struct stage_filter {
	const char *agreement;    /* name; NULL: all */
	int status;               /* stage_status, or -1 for all */
} stage_filter;

typedef struct stage_row {
	char uid[UID_SIZE];
	const char *agreement;
	int number;
	const char *date;
	stage_status status;
	int version;
	long persons[2], remains[2];
	const char *party[2];
} stage_row;

pl_rc stage_list(store *st, const stage_filter *f, arena *a, stage_row **out, size_t *n,
                    pl_err *err) PL_NODISCARD;

/* Change the list: add persons (entries as for stage_create) and remove
 * the persons whose uids are in `remove`. Makes a new version in draft;
 * refused once the stage is executed. */
pl_rc stage_edit(store *st, const char *uid, const stage_entry *add, size_t nadd,
                    const char *const *remove, size_t nremove, pl_err *err) PL_NODISCARD;
/* draft -> proposed: the version is final and ready for signatures. */
pl_rc stage_propose(store *st, const char *uid, pl_err *err) PL_NODISCARD;
/* Before execution: the stage holds nobody any more; those listed go back
 * to held. The reason is required (PL_EINPUT without one): the audit
 * records it. */
pl_rc stage_cancel(store *st, const char *uid, const char *reason, pl_err *err) PL_NODISCARD;
/* executed -> closed: nothing more will change. */
pl_rc stage_close(store *st, const char *uid, pl_err *err) PL_NODISCARD;

/* The open stage (other than `except`, may be NULL) that a person is on,
 * if any: its uid, and its agreement's mediator (may be NULL). */
pl_rc stage_booking(store *st, int64_t person_id, const char *except, arena *a,
                       const char **stage_uid, const char **mediator, pl_err *err) PL_NODISCARD;

/* For reconciling a list (match/reconcile.h): the flags of a row matched
 * to a registry person: FLAG_BOOKED when they are on an open stage, and,
 * with a clause, FLAG_NOT_ELIGIBLE when its rule does not say yes on the
 * date (or they refuse repatriation). ctx is a stage_list_check. */
typedef struct stage_list_check {
	store *st;
	const agreement *ag;      /* NULL: bookings only */
	const clause *cl;
	pdate date;
} stage_list_check;

unsigned stage_list_flags(void *ctx, const char *person_uid);

/* ---- execution ------------------------------------------------------------ */

typedef struct stage_outcome {
	const char *person;       /* the entry's person (uid in this registry) or ref */
	entry_outcome outcome;
	const char *substitute;   /* OUTCOME_SUBSTITUTED: the person who went instead */
	const char *note;
} stage_outcome;

typedef struct stage_delivery {
	const char *batch;        /* label */
	long delivered;
} stage_delivery;

typedef struct stage_exec {
	pdate date;               /* y == 0: today (stage_execute: the stage's date, or today if that is later) */
	const stage_outcome *outcomes;  /* stage_execute: the exceptions, everyone else was handed over */
	size_t noutcomes;
	const stage_delivery *deliveries; /* batches not named delivered as declared */
	size_t ndeliveries;
} stage_exec;

typedef struct stage_exec_report {
	long handed_over[2], not_delivered[2], substitutes[2], art117;
	long bodies[2];
	long discrepancies;
} stage_exec_report;

/* agreed -> executed, in one transaction: per person an outcome and its
 * event (handed over; not presented: delisted; refused: declined
 * repatriation; died: died in captivity; substituted: the original
 * delisted, the substitute listed and handed over), per batch the count
 * delivered; every difference from the manifest logged as a discrepancy;
 * all audited. */
pl_rc stage_execute(store *st, const char *uid, const stage_exec *x, stage_exec_report *rep,
                       pl_err *err) PL_NODISCARD;

/* As people cross: the outcomes of the persons named (one, or a group),
 * each of them pending until now, saved in one transaction with their
 * events, audited; agreed -> in_progress on the first. Nobody is taken
 * as handed over without being named. Deliveries are for stage_finish. */
pl_rc stage_record(store *st, const char *uid, const stage_exec *x, stage_exec_report *rep,
                   pl_err *err) PL_NODISCARD;
/* in_progress (or agreed) -> executed: the outcomes named are recorded,
 * then refused if anyone is still pending (named, up to ten); per batch
 * the count delivered, as stage_execute. */
pl_rc stage_finish(store *st, const char *uid, const stage_exec *x, stage_exec_report *rep,
                   pl_err *err) PL_NODISCARD;

/* A correction of an outcome recorded (in progress, executed or closed):
 * a record of its own with its reason, audited; the person's events of
 * the outcome it replaces are voided (refused, saying which, when later
 * events depend on them) and the new outcome's put on. The ledger and
 * the statements read the latest correction. A substitution is not made
 * afterwards: the outcome is handed_over, not_presented, refused or died. */
typedef struct stage_fix {
	const char *person;       /* the entry's person (uid) or ref */
	entry_outcome outcome;
	const char *reason;       /* required */
	pdate date;               /* y == 0: the day of the outcome it corrects */
} stage_fix;

pl_rc stage_correct(store *st, const char *uid, const stage_fix *f, pl_err *err) PL_NODISCARD;

typedef struct stage_correction {
	int seq;
	const char *before, *outcome, *date, *reason, *ts, *actor;
} stage_correction;

/* A stage's corrections, oldest first. */
pl_rc stage_corrections(store *st, const stage *s, arena *a, stage_correction **out, size_t *n,
                        pl_err *err) PL_NODISCARD;

/* Who could go instead of entry `seq` of a stage in progress (or agreed):
 * persons of the registry matching `name` (words of a name) held by the
 * entry's side, each judged by the entry's clause on the stage's date as
 * the planner judges (clause_admits): eligible first, then the others
 * with the reason. */
typedef struct stage_candidate {
	char uid[UID_SIZE];
	const char *surname, *given_names, *birth_date;
	bool eligible;
	clause_verdict why;       /* when not eligible */
} stage_candidate;

pl_rc stage_substitutes(store *st, const char *uid, int seq, const char *name, size_t limit, arena *a,
                        stage_candidate **out, size_t *n, pl_err *err) PL_NODISCARD;

typedef struct stage_discrepancy {
	const char *ts, *actor, *what;
	const char *code, *args;  /* the message's code and its arguments (JSON); NULL in old rows */
} stage_discrepancy;

pl_rc stage_discrepancies(store *st, const stage *s, arena *a, stage_discrepancy **out, size_t *n,
                             pl_err *err) PL_NODISCARD;

/* The entry's surname as the manifest gives it, in any script. */
const char *stage_entry_name(const stage_entry *e);

/* JSON for the CLI's --json and the API. */
json_t *stage_json(const agreement *ag, const stage *s);
json_t *stage_row_json(const stage_row *row);

#endif
