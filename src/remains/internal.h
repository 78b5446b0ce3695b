/* Shared by the files of the remains module; not part of its contract. */
#ifndef PARLEY_REMAINS_INTERNAL_H
#define PARLEY_REMAINS_INTERNAL_H

#include <jansson.h>

#include "remains/remains.h"

/* ---- status.c: values ------------------------------------------------------ */

/* Check and clean one value of field i, as field_clean does, and a person
 * column as a uid. The value to keep (NULL: empty) or NULL with *why. */
const char *remains_value_clean(int i, const char *value, pdate today, arena *a,
                                const char **why);
/* One argument of a call (not an import) as field i: cleaned into *out,
 * or refused as "name: why" ("to: expected a party code ..."). */
pl_rc remains_clean_arg(int i, const char *name, const char *value, bool required, arena *a,
                        const char **out, remains_result *res, pl_err *err);
/* A label (of a batch, of a fragment): cleaned into *out, or refused as
 * "label: why" ("label: required"). */
pl_rc remains_clean_label(const char *label, arena *a, const char **out, pl_err *err);
/* The checks that need more than one value of a row: a tag, a holder with
 * its date. PL_EINPUT with res->field set. */
pl_rc remains_row_check(const char *const v[RF_COUNT], remains_result *res, pl_err *err);
void remains_result_init(remains_result *res);
/* The refusal pl_failc has just made, with the column it is about in
 * res->field; returns rc:
 *   return remains_refuse(res, RF_NOTE, pl_failc(err, PL_EINPUT, "remains.x", NULL)); */
pl_rc remains_refuse(remains_result *res, int field, pl_rc rc);
/* Two values alike: both unknown, or the same text. */
bool remains_same(const char *a, const char *b);
/* Add a sentence to res->note ("; " between them). */
void remains_note(remains_result *res, const char *fmt, ...) PL_PRINTF(2, 3);
/* Fill one item from the row a statement is on. */
typedef void (*remains_row_fn)(sqlite3_stmt *s, arena *a, void *item);
/* Step s to its end (then reset it), one item of `size` bytes a row, filled
 * by fill, into an array grown in a: *items and *n. */
pl_rc remains_rows(store *st, sqlite3_stmt *s, arena *a, size_t size, remains_row_fn fill,
                   void **items, size_t *n, const char *what, pl_err *err);

/* ---- case.c: cases ---------------------------------------------------------- */

/* The columns every case query selects, as rcase_from_row reads them. */
#define RCASE_COLUMNS \
	"c.id, c.uid, c.tag, b.label, c.recovery_place, c.recovery_date, c.condition, c.status," \
	" c.note, c.created_at, c.updated_at, c.batch_id, c.person_id"
#define RCASE_FROM " FROM remains_case c LEFT JOIN remains_batch b ON b.id = c.batch_id"
enum { RCASE_NCOLUMNS = 13 };
/* A remains_case without its person's uid: rcase_persons adds those. */
void rcase_from_row(sqlite3_stmt *s, arena *a, void *item);
/* The uid of each case's person (the registry's), in one batch. */
pl_rc rcase_persons(store *st, remains_case *c, size_t n, arena *a, pl_err *err);
/* The same, PL_ENOTFOUND if there is none. */
pl_rc rcase_load(store *st, const char *tag, arena *a, remains_case *c, pl_err *err);
/* Put cleaned values (remains_case_put) inside the caller's transaction. */
pl_rc rcase_put(store *st, const char *const v[RF_COUNT], const remains_batch_defaults *d,
                   arena *a, remains_result *res, pl_err *err);

/* ---- identify.c: statuses --------------------------------------------------- */

/* Move the case to status `to` (as the person person_uid, for preliminary
 * and confirmed), with everything that goes with it. */
pl_rc rcase_move(store *st, remains_case *c, remains_status to, const char *person_uid,
                    arena *a, remains_result *res, pl_err *err);

/* Confirmed or preliminary -> unidentified, for `reason` (audited as
 * "unidentify"); the person's events are the caller's. */
pl_rc rcase_unidentified(store *st, remains_case *c, const char *reason, arena *a,
                            remains_result *res, pl_err *err);

/* The person uid names (or a unique prefix of it), if remains may be
 * identified as them: missing, died in captivity, remains returned or
 * identified (another part of them). */
pl_rc rperson_identifiable(store *st, const char *uid, arena *a, person *p,
                              remains_result *res, pl_err *err);

/* ---- custody.c -------------------------------------------------------------- */

/* Append a custody entry: not to a returned case, not before the last. */
pl_rc rcase_custody_append(store *st, const remains_case *c, const char *holder,
                              const char *since, const char *note, pl_err *err);
/* Is there an entry with this holder and date? */
pl_rc rcase_custody_has(store *st, int64_t case_id, const char *holder, const char *since,
                           bool *found, pl_err *err);

/* ---- batch.c ------------------------------------------------------------------ */

/* The batch v[RF_BATCH] names: checked against what v says of it, or
 * created (with d filling what v leaves out). */
pl_rc rbatch_resolve(store *st, const char *const v[RF_COUNT], const remains_batch_defaults *d,
                        int64_t *id, remains_result *res, pl_err *err);
/* The label and handover date of batch `id`, in a. */
pl_rc rbatch_handover(store *st, int64_t id, arena *a, const char **label, const char **date,
                         pl_err *err);

#endif
