/* Shared by the files of the registry module; not part of its contract. */
#ifndef PARLEY_REGISTRY_INTERNAL_H
#define PARLEY_REGISTRY_INTERNAL_H

#include <jansson.h>

#include "audit/audit.h"
#include "core/json.h"

#include "core/buf.h"
#include "names/names.h"
#include "registry/registry.h"

/* A search walks at most this many keys' ranges of the name index at once
 * (a word being typed starts several keys); a sort key (names_sort_key) is
 * at most 40 bytes. */
enum { SEARCH_CURSORS = SEARCH_PREFIX_KEYS, SEARCH_SORT_KEY_MAX = 48 };

/* What the registry keeps on a database handle (store_state). */
typedef struct registry {
	store *st;
	names *nm;              /* opened on first use: most commands never need it */
	buf keys, sort;         /* scratch for the derived columns */
	buf sql_insert, sql_update, sql_select;  /* built from the field table */
	buf sql_by_uid, sql_by_prefix, sql_by_id; /* person lookups, prepared once */
	buf audit_before, audit_after;           /* scratch for audit records */
	sqlite3_stmt *cursor[SEARCH_CURSORS];    /* search's ranges, prepared on first use */
	int64_t *bulk_ids;                       /* persons written in a bulk load, for */
	size_t nbulk, capbulk;                   /* their keys to go in at its end */
} registry;

/* The registry's state on st, made on first use. */
pl_rc registry_get(store *st, registry **out, pl_err *err) PL_NODISCARD;


/* A person's status is a row of person_state (schema step 11 says why):
 * as a column of a query over `person p`. */
#define PERSON_STATUS_OF_P "(SELECT status FROM person_state WHERE person_id = p.id)"

/* The columns every person query selects, in the order person_from_row()
 * reads them: "id, uid, status, surname, ...". */
const char *person_select_columns(registry *r);
/* Fill p from a row selected with person_select_columns() starting at
 * column `col`; text is copied into a. */
void person_from_row(sqlite3_stmt *s, int col, arena *a, person *p);
/* The same for a row holding only the fields marked (fields NULL: all), in
 * field order; with a NULL the text is not copied: it lasts until the
 * statement steps again. */
void person_from_row_fields(sqlite3_stmt *s, int col, arena *a, person *p, const bool *fields);
pl_rc person_load_ext(registry *r, person *p, arena *a, pl_err *err);
/* Settle the name index after a bulk load: the keys of the persons it
 * wrote go in then, sorted (the import's hook; named for the FTS5 index
 * that person_key replaced). */
pl_rc person_fts_optimize(registry *r, pl_err *err);
/* Take the person's name keys out of the name index (person_key), before
 * they change. */
pl_rc person_keys_remove(registry *r, int64_t id, pl_err *err);
/* By exact uid; PL_ENOTFOUND if absent. */
pl_rc person_load_uid(registry *r, const char *uid, arena *a, person *p, pl_err *err);
/* The person holding (source, id), or 0. */
pl_rc person_id_by_ext(registry *r, const char *source, const char *id, int64_t *out,
                       pl_err *err);

/* Every value of defs[0..n) in `values` must be as field_clean() leaves it:
 * checked whoever calls the registry, not only at the import and the CLI. */
pl_rc fields_check(const field_def *defs, int n, const char *const *values, pdate today,
                   pl_err *err);

/* Merge `in` into `into` (the stored state): set values win, `clear`
 * marks fields to forget, new external ids are added. A different id from
 * a source the person already has one from is refused. */
pl_rc person_merge(person *into, const person *in, const bool *clear, pl_err *err);

typedef enum save_result { SAVE_CREATED, SAVE_UPDATED, SAVE_UNCHANGED } save_result;
/* Store p as the new state of `old` (NULL for a new person), with its
 * audit entry. Inside a transaction. */
pl_rc person_save(registry *r, const person *old, person *p, save_result *res, pl_err *err);

/* The person as a JSON object appended to out: id, the known fields, the
 * ext.SOURCE keys; with_status adds the status, and ev[0..nev) an events
 * array. The export format, and the audit record of a new person. */
pl_rc person_write_json(buf *out, const person *p, bool with_status, const event *ev, size_t nev);
/* The event as a JSON object (without the person); with_statuses adds the
 * statuses before and after it. */
pl_rc event_write_json(buf *out, const event *e, bool with_statuses);

/* Add an event to a stored person (p->id, p->status set) inside a
 * transaction: lifecycle, statuses, audit. Updates p->status. */
pl_rc event_apply(registry *r, person *p, event *e, pl_err *err);
/* What an import adding a person's events one after another knows: the
 * latest date of their stored events, read once, not once per event; and
 * whether the event's uid was looked for (an import looks for each, to
 * leave an event already there alone). */
typedef struct event_last {
	bool known;                   /* false: to be read */
	char date[DATE_STR_MAX + 1];  /* "" when the person has no events */
	bool unchecked;               /* in: e's uid not looked for: look only where it matters */
	bool existed;                 /* out, if unchecked: an event with that uid is there;
	                                 nothing written, for the caller to tell the same
	                                 event from a clash (event_find_same) */
	buf *audit;                   /* NULL: each event is its own audit entry; else the
	                                 run's events gather here (event_audit_flush) */
	int naudit;                   /* events gathered in audit */
} event_last;
/* The same, but with store_status false the person's new status is only
 * in p->status: the caller stores it with person_status_store() once the
 * person's events are all in (an import writes each person once, not once
 * per event). The transaction must not end in between. known (or NULL):
 * the person's latest event date, used and kept up to date. */
pl_rc event_apply_to(registry *r, person *p, event *e, bool store_status, event_last *known,
                     pl_err *err);
pl_rc person_status_store(registry *r, const person *p, pl_err *err);
/* The events gathered in known->audit (event_last) as one audit entry for
 * person p: action "add", entity "event", after {"events": [EVENT...]},
 * each EVENT as a single event's entry has it. Nothing when none. */
pl_rc event_audit_flush(registry *r, const person *p, event_last *known, pl_err *err);
/* Is there already an event like e (same uid, or the same content when e
 * has none)? PL_ECONFLICT when the uid exists with other content. */
pl_rc event_find_same(registry *r, const person *p, const event *e, bool *found, pl_err *err);
/* The same for the event stored at rowid id, which has e's uid (found by
 * it without the index event_uid, dropped in a bulk load). */
pl_rc event_find_same_at(registry *r, const person *p, const event *e, int64_t id, bool *found,
                         pl_err *err);

/* A JSON value as compact text with keys in insertion order; free() it. */
char *registry_json_text(json_t *v);

#endif
