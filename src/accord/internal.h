/* Shared by the files of the accord module; not part of its contract. */
#ifndef PARLEY_ACCORD_INTERNAL_H
#define PARLEY_ACCORD_INTERNAL_H

#include <jansson.h>

#include "accord/agreement.h"
#include "accord/stage.h"
#include "audit/audit.h"

/* Reading a JSON document with errors that say where: "file.json:
 * clauses[1].basis.quota.UA: expected a whole number from 0, got -3". */
typedef struct jdoc {
	const char *name;   /* the file, for messages */
	arena *a;
	pl_err *err;
} jdoc;

/* Parse text into *out (a new reference), refusing duplicate keys; a
 * syntax error names the line and column. */
pl_rc jdoc_load(jdoc *d, const char *text, size_t len, json_t **out) PL_NODISCARD;
/* The refusal pl_failc has just put in d->err, with the document's name
 * and the path in front ("m.json: entries[3].side: ..."); returns rc:
 *   return jdoc_at(d, where, pl_failc(d->err, PL_EINPUT, "doc.list", NULL)); */
pl_rc jdoc_at(jdoc *d, const char *path, pl_rc rc);
/* obj must be an object whose keys are all in `allowed` (NULL-terminated);
 * an unknown key is refused by name, with the nearest allowed one
 * (json_only_keys). */
pl_rc jdoc_object(jdoc *d, json_t *obj, const char *path, const char *const *allowed) PL_NODISCARD;
/* obj.key as a non-empty string of one line (copied into d->a); NULL when
 * absent and not required. */
pl_rc jdoc_string(jdoc *d, json_t *obj, const char *path, const char *key, bool required,
                  const char **out) PL_NODISCARD;
/* obj.key as a partial date; out->y == 0 when absent and not required. */
pl_rc jdoc_date(jdoc *d, json_t *obj, const char *path, const char *key, bool required,
                pdate *out) PL_NODISCARD;
/* obj.key as a whole number in [min, max]; *out untouched when absent
 * and not required. */
pl_rc jdoc_long(jdoc *d, json_t *obj, const char *path, const char *key, bool required, long min,
                long max, long *out) PL_NODISCARD;
/* A party or mediator code: 2 to 8 of A-Z and 0-9, starting with a letter. */
bool accord_code_valid(const char *s);
/* "path.key" or "key" into out. */
void jdoc_path(char *out, size_t size, const char *path, const char *key);


/* ---- stages ---------------------------------------------------------------- */

/* A manifest document's head from its agreement: parties, mediator, the
 * agreement's name and hash. */
void stage_doc_head(const agreement *ag, manifest_doc *m);
/* The identity of a registry person, as a manifest carries it. */
void stage_identity_of(const person *p, entry_identity *w);
/* A new stage row for the document m (inside a transaction), with m as
 * its version; *stage_id gets its row id. */
pl_rc stage_insert(store *st, const agreement *ag, const manifest_doc *m, stage_status status,
                      int64_t *stage_id, pl_err *err) PL_NODISCARD;
/* Store m as the stage's current version with that status (inside a
 * transaction): the document, its entry and batch rows (e->person: the
 * person here, "" if none), audited. sha gets the document's hash. */
pl_rc stage_store_version(store *st, int64_t stage_id, const manifest_doc *m, stage_status status,
                             char sha[65], pl_err *err) PL_NODISCARD;
/* A person going on a stage (e->person, side, clause; except: the stage
 * itself, when editing): the clause's check (clause_admits), then e->ref,
 * e->points and the identity for the manifest. */
pl_rc stage_check_entry(store *st, const agreement *ag, pdate date, const char *except,
                           stage_entry *e, arena *a, pl_err *err) PL_NODISCARD;

/* SQL of a stage_entry e: its outcome now, the latest correction's, else
 * the one recorded at the handover (NULL: pending); its day and Art. 117
 * flag likewise. */
#define STAGE_CORRECTED(col) \
	"(SELECT c." col " FROM stage_correction c WHERE c.stage_id = e.stage_id AND c.seq = e.seq" \
	" ORDER BY c.id DESC LIMIT 1)"
#define STAGE_OUTCOME_NOW "coalesce(" STAGE_CORRECTED("outcome") ", e.outcome)"
/* Booked on a stage s: an open one, or one in progress that has not yet
 * recorded their outcome. */
#define STAGE_BOOKS \
	"(s.status IN ('draft', 'proposed', 'agreed') OR (s.status = 'in_progress' AND e.outcome IS NULL))"

/* Load the stage and run fn on it, in one transaction. */
typedef pl_rc (*stage_change_fn)(store *st, stage *s, void *ctx, arena *a, pl_err *err);
pl_rc stage_change(store *st, const char *uid, stage_change_fn fn, void *ctx,
                      pl_err *err) PL_NODISCARD;

/* The note a stage puts on a person's event: its English text, and the
 * same by code and arguments (a JSON object's text) for the UI to say in
 * the user's language. */
typedef struct stage_note {
	char text[PL_ERR_MSG_MAX];
	const char *code;   /* NULL: the text alone */
	char args[PL_ERR_MSG_MAX];
} stage_note;
/* "stage 2 of istanbul-2025-06 (S...)" by code (stage.note, or one that
 * adds to it), with the stage's arguments n, agreement and stage, and one
 * more when name is not NULL. */
void stage_note_make(stage_note *n, const stage *s, const char *code, const char *name,
                     const char *value);
/* The note of an outcome that is not a handover: what the catalogue's
 * code says of it in English, then ": " and the note given with it. */
void stage_note_outcome(stage_note *n, const char *code, const char *note);
/* An event on a person of a stage, recorded as the office's own record. */
pl_rc stage_person_event(store *st, const char *person_uid, event_type type, pdate date,
                            const char *place, const stage_note *note, pl_err *err) PL_NODISCARD;
/* agreed: everyone on it who is held is listed (inside a transaction). */
pl_rc stage_mark_agreed(store *st, const stage *s, pl_err *err) PL_NODISCARD;
/* Those listed on the stage go back to held (inside a transaction): the
 * manifest they were listed on no longer stands, for `why` (a code of the
 * catalogue, "stage.why_changed", or the reason a person gave). */
pl_rc stage_delist_all(store *st, const stage *s, const char *why, pl_err *err) PL_NODISCARD;
/* ---- execution (execute.c, correct.c) ---- */

/* Put on a person of the stage the events of an outcome on `date`: listed
 * (if held) and handed over; or declined repatriation, died, delisted
 * (only if listed). *art117: handed over as seriously wounded or ill. */
pl_rc stage_outcome_events(store *st, const stage *s, const char *who, entry_outcome o, pdate date,
                           const char *note, arena *a, bool *art117, pl_err *err) PL_NODISCARD;
/* The index of the entry whose person (uid) or ref is `who`; -1: none. */
int stage_entry_find(const stage *s, const char *who);
/* "discrepancy.refused", ...: an outcome in words, as a code of the
 * message catalogue (core/msgtab.c). */
const char *stage_outcome_code(entry_outcome o);
/* A difference from the manifest, logged on the stage (inside a transaction). */
/* A discrepancy: said->msg its English text, and with said->code (a coded
 * message, core/msg.h) its code and arguments for the UI to say it in the
 * user's language. */
pl_rc stage_discrepancy_add(store *st, const stage *s, const pl_err *said, pl_err *err) PL_NODISCARD;
/* The audit entry of an entry's outcome: before and after, its day. */
pl_rc stage_audit_outcome(store *st, const stage *s, int seq, const char *who, const char *before,
                          const char *after, const char *day, const char *note, pl_err *err) PL_NODISCARD;

/* The stage's status changes, audited (inside a transaction). */
pl_rc stage_set_status(store *st, const stage *s, stage_status to, const char *why,
                          pl_err *err) PL_NODISCARD;


#endif
