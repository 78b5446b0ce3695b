/* Shared by the files of the families module; not part of its contract. */
#ifndef PARLEY_FAMILY_INTERNAL_H
#define PARLEY_FAMILY_INTERNAL_H

#include <jansson.h>

#include "family/family.h"

/* ---- fields.c: values ------------------------------------------------------ */

/* The index of name in the NULL-terminated names, -1 if it is not one of
 * them (or NULL). */
int fam_word(const char *const *names, const char *name);
/* Each word of a comma-separated list is one of names; else PL_EUSAGE,
 * the message code's {status} the word. */
pl_rc fam_words_check(const char *const *names, const char *list, const char *code, pl_err *err);

/* Check and clean one value of field i (field_clean, and what a phone,
 * an e-mail address or a person's id must look like). The value to keep
 * (NULL: empty) or NULL with *why. */
const char *fam_value_clean(int i, const char *value, pdate today, arena *a, const char **why);
/* One consent as given ("FORM" or "FORM DATE" in a file): cleaned into
 * *out; PL_EINPUT naming what is wrong. */
pl_rc fam_consent_clean(const consent_input *in, pdate today, arena *a, consent_input *out,
                        pl_err *err);
/* The samples of a dna_reference consent c recorded with the DNA module
 * under the inquiry's name (consent.c). */
pl_rc fam_samples_hold(store *st, const char *inquiry_uid, const consent_input *c, pl_err *err);
/* The refusal pl_failc has just made, with the field it is about in
 * res->field; returns rc. */
pl_rc fam_refuse(inquiry_result *res, int field, pl_rc rc);
/* An audit entry inside the caller's transaction (takes the references). */
pl_rc fam_audit(store *st, const char *action, const char *entity, const char *uid, json_t *before,
                json_t *after, pl_err *err);

/* ---- link.c: who the inquiries are about ------------------------------------ */

typedef enum fam_link_kind {
	FAM_NEW,            /* nobody near: a new person */
	FAM_LINK_PERSON,    /* the registry's person, at or above the threshold */
	FAM_LIKELY_PERSON,  /* the registry's person, in the review band: someone must say */
	FAM_SAME_AS_ROW,    /* new, the same as an earlier row (row) */
	FAM_LIKELY_ROW      /* new, likely the same as an earlier row: someone must say */
} fam_link_kind;

typedef struct fam_link {
	fam_link_kind kind;
	char person[UID_SIZE];  /* FAM_LINK_PERSON, FAM_LIKELY_PERSON */
	double prob;
	size_t row;             /* FAM_SAME_AS_ROW, FAM_LIKELY_ROW: the earlier row's index */
} fam_link;

/* The person each of in[0..n) describes (none of them gives one), read
 * outside any transaction; name names the list in messages. */
pl_rc fam_link_rows(store *st, inquiry_input *const *in, size_t n, const char *name, double threshold,
                    double review, fam_link *out, pl_err *err);
/* The person an inquiry describes, as a record of the registry. */
void fam_described(const inquiry_input *in, person *p);

/* ---- inquiry.c ---------------------------------------------------------------- */

/* The checks of cleaned values that need no database: an inquirer, the
 * consents together, someone to look for. PL_EINPUT, res->field set. */
pl_rc fam_check(const inquiry_input *in, inquiry_result *res, pl_err *err);
/* Whether an inquiry with in's ref is there already (res->uid, skipped). */
pl_rc fam_ref_taken(store *st, const inquiry_input *in, inquiry_result *res, pl_err *err);
/* Record checked values inside the caller's transaction, the person as
 * resolved in res (res->person: the registry's uid; "" with LINK_NEW: a
 * new person recorded as reported missing). */
pl_rc fam_inquiry_put(store *st, const inquiry_input *in, arena *a, inquiry_result *res,
                      pl_err *err);

/* ---- consent.c ------------------------------------------------------------------ */

/* Check a set of consents given together (an intake): each purpose once,
 * sharing only with tracing given on or before its day. A consent may be
 * dated before the inquiry's received day (signed before the call). */
pl_rc fam_consents_check(const consent_input *c, size_t n, pl_err *err);
/* Insert one grant of inquiry id (checked already). */
pl_rc fam_consent_insert(store *st, int64_t inquiry_id, const consent_input *c, pl_err *err);

/* Move an inquiry's status inside the caller's transaction (audited). */
pl_rc fam_inquiry_status_in(store *st, const char *uid, inquiry_status to, const char *reason, arena *a,
                            pl_err *err);

/* ---- task.c ------------------------------------------------------------------------ */

/* Close the open task uid as done inside the caller's transaction: the
 * family told (how: phone, letter, in_person) on day with note; refused
 * when the task is about another person than person_id, or when the
 * consent does not allow contact. *id: the task's row. */
pl_rc fam_task_close_in(store *st, const char *uid, const char *how, const char *day, const char *note,
                        int64_t person_id, arena *a, int64_t *id, pl_err *err);
/* ---- task.c ------------------------------------------------------------------------ */

/* A coded message (code and its arguments as a JSON object's text) in
 * language lang into out. */
void fam_msg_json(int lang, const char *code, const char *json_args, char *out, size_t size);

/* ---- import.c ------------------------------------------------------------------------ */

/* A CSV file read for an importer: its header given to header(ctx, rec),
 * then each row to row(ctx, rec) (counted in *rows) until the end, the
 * problems of the file itself said in pb. */
struct problems;
struct csv_record;
typedef pl_rc (*fam_csv_fn)(void *ctx, const struct csv_record *rec);
pl_rc fam_csv_read(struct problems *pb, FILE *f, fam_csv_fn header, fam_csv_fn row, void *ctx, long *rows);

/* ---- testimony.c ------------------------------------------------------------------- */

/* A testimony checked, its returnee found and each sighting matched (read
 * outside any transaction), ready to be written. */
typedef struct fam_testimony fam_testimony;
/* Check in and match its sightings, into a; refusals as
 * family_testimony_add's (res->sighting, res->field); res->skipped when
 * its ref is recorded already. */
pl_rc fam_testimony_prepare(store *st, const testimony_input *in, arena *a, fam_testimony **out,
                            testimony_result *res, pl_err *err);
/* Write it, in the caller's transaction, audited. */
pl_rc fam_testimony_put(store *st, const fam_testimony *t, testimony_result *res, pl_err *err);

/* ---- sighting.c -------------------------------------------------------------------- */

/* The evidence a task says of the sighting accepted as event event_uid:
 * its code (watch.ev_sighting_CONDITION) and new arguments (place, date,
 * returnee, taken); *args NULL if no sighting was accepted as it. */
pl_rc fam_sighting_evidence(store *st, const char *event_uid, const char **code, json_t **args, pl_err *err);

/* ---- json.c ------------------------------------------------------------------------ */

/* A person as the JSON of the module shows them (null: none). */
json_t *fam_person_json(const person_brief *b);

/* ---- read.c ------------------------------------------------------------------------ */

/* The inquiry uid names (or a unique prefix), PL_ENOTFOUND if none. */
pl_rc fam_inquiry_load(store *st, const char *uid, arena *a, inquiry *out, pl_err *err);
/* Its grants, in the order recorded. */
pl_rc fam_consents_of(store *st, int64_t inquiry_id, arena *a, consent **out, size_t *n,
                      pl_err *err);
/* Which purposes are in force on date day (YYYY-MM-DD), as bits. */
unsigned fam_in_force(const consent *c, size_t n, const char *day);

#endif
