/* The parts of the importer (import.c, import_rows.c, import_read.c) and
 * what they share; not part of the registry's contract. */
#ifndef PARLEY_REGISTRY_IMPORT_H
#define PARLEY_REGISTRY_IMPORT_H

#include <stdio.h>

#include "core/problems.h"
#include "registry/internal.h"

enum { ROWS_PER_PROGRESS = 2000 };

typedef struct status_check {
	int64_t person_id;
	person_status expect;
	long line;
	const char *file;
} status_check;

/* The event ids of a bulk load (event_ids.c), while the index event_uid
 * is dropped: each id's hash and its event's rowid. cap 0: not deferred. */
typedef struct event_ids {
	struct event_id_slot *tab;
	size_t cap, n;
} event_ids;

typedef struct importer {
	registry *r;
	import_report *rep;
	import_progress_fn progress;
	void *progress_ctx;
	unsigned rights;          /* enum write_rights */
	problems pb;              /* what is wrong, and the file shown in messages */
	uint64_t file_size;
	long unidentified;        /* rows of this file without any identifier */
	arena row;                /* released after each row */
	arena keep;               /* lives for the whole import */
	status_check *checks;
	size_t nchecks, cap_checks;
	/* The person of the last event row: events come grouped by person, so
	 * the next row is most often theirs again. Only id, uid and status are
	 * kept; the status is stored when the rows move on to someone else. */
	struct {
		char ref[UID_SIZE + 140];   /* "P..." or "ext.SOURCE=ID"; "" if none */
		person p;
		person_status stored;
		char birth[DATE_STR_MAX];   /* events may not come before it */
		event_last dated;           /* their latest event's date, their audit */
		buf audit;                  /* their events' audit entry (event_last.audit) */
	} last;
	event_ids ids;                /* a bulk load of events: their ids, the index dropped */
	event_ids persons;            /* and the persons' ids by uid, read once */
	/* The latest event date of the person an event row's lookup found, read
	 * with it: a statement a person less than asking for it afterwards. */
	struct {
		int64_t id;                 /* the person; 0: none read */
		char date[DATE_STR_MAX + 1];  /* "" when they have no events */
	} brief;
} importer;

/* What a row says, whichever format it came in. */
typedef struct record {
	long line;
	const char *uid;              /* the `id` column */
	const char *person_ref;       /* events: the `person` column */
	const char *status;           /* persons: the `status` column */
	const char *pf[PF_COUNT];
	const char *ef[EF_COUNT];
	unsigned ef_refused;          /* bit i: ef[i]'s value was refused (said already) */
	ext_id ext[EXT_MAX];
	int next;
} record;

typedef enum col_kind { COL_ID, COL_PERSON, COL_STATUS, COL_EXT, COL_PF, COL_EF } col_kind;

typedef struct column {
	col_kind kind;
	int index;                    /* COL_PF, COL_EF: the field */
	const char *name;             /* as in the header; COL_EXT: the source */
	char id_prefix;               /* COL_ID, COL_PERSON: 'P' or 'E' */
} column;

/* ---- import_rows.c: what rows mean -------------------------------------- */

/* A failure of lower layers as a row problem (database and memory
 * failures end the import instead). */
pl_rc import_row_failure(importer *im, long line, pl_rc rc, const pl_err *e);

/* Why a column name is refused: a code of the catalogue (a {@what} of
 * registry.header_column or registry.json_column) and its arguments. */
typedef struct column_bad {
	const char *code;
	const char *why;  /* registry.bad_ext_column: the source's fault */
	const char *near; /* registry.unknown_column_near: the name meant */
	char column[128]; /* the name, quoted (text_quote) */
} column_bad;

/* Resolve a column name of a persons or events file; on a bad name *bad
 * says what is wrong, with a suggestion when one is close. */
bool import_column_parse(const char *name, bool events, column *c, column_bad *bad);
/* Record bad as a problem at line, after `column N: ` (a CSV header,
 * path NULL) or `path: ` (a key of a JSON document). */
pl_rc import_column_problem(importer *im, long line, const column_bad *bad, size_t n,
                            const char *path);
/* Put one value into the record, checked and cleaned. */
pl_rc import_record_set(importer *im, record *rec, const column *c, const char *value);

/* A person row; *out gets the stored person (for events nested in JSON). */
pl_rc import_person(importer *im, const record *rec, person *out);
/* An event row, of person p (NULL: the record names its person). */
pl_rc import_event(importer *im, const record *rec, person *p);
/* Store the status of the person of the last event rows, if it changed. */
pl_rc import_flush_status(importer *im, pl_err *e);
/* A row is done: count it, and report progress now and then. */
void import_tick(importer *im, uint64_t done);

/* ---- event_ids.c: the ids of a bulk load of events ---------------------- */

/* Read the ids of the events there into m, then drop the index event_uid:
 * from then on each id the import writes goes into m, and is looked for
 * there. expect: about how many ids there will be in all. Inside the
 * import's transaction. */
pl_rc event_ids_defer(registry *r, event_ids *m, size_t expect, pl_err *err);
/* The rowid of the event with this uid, or 0. */
pl_rc event_ids_find(registry *r, const event_ids *m, const char *uid, int64_t *out, pl_err *err);
/* The event just written (PL_ENOMEM when memory runs out). */
pl_rc event_ids_add(event_ids *m, const char *uid, int64_t id);
/* Build the index event_uid again (nothing if it was not dropped); a
 * repeated id fails it: PL_ECONFLICT event.exists, with the id. */
pl_rc event_ids_restore(registry *r, event_ids *m, pl_err *err);
void event_ids_free(event_ids *m);
/* The persons there, by uid, into m (made for `expect` of them): for a
 * bulk load of events, which looks a person up per run of their rows. */
pl_rc person_ids_load(registry *r, event_ids *m, size_t expect, pl_err *err);
/* The rowids of m whose ids hash as uid does, one a call (*pos starts at
 * SIZE_MAX), then 0: each must still be confirmed by its row. */
int64_t event_ids_candidate(const event_ids *m, const char *uid, size_t *pos);

/* ---- import_read.c: the formats ----------------------------------------- */

/* The header of a CSV file says what kind it is: events have a `type`. */
bool import_header_is_events(const char *const *fields, size_t n);
pl_rc import_read_csv(importer *im, FILE *f);
pl_rc import_read_json(importer *im, const char *text, size_t len);

#endif
