/* Reconciliation: a list from the other side or the mediator, against the
 * registry. Each row of the list is matched to a registry person, sent to
 * review with its candidates, or left unmatched; matched rows carry flags
 * the office must see before the list is agreed. */
#ifndef PARLEY_MATCH_RECONCILE_H
#define PARLEY_MATCH_RECONCILE_H

#include "core/lang.h"

#include <stdio.h>

#include "match/person.h"

typedef enum reconcile_outcome {
	RECONCILE_MATCHED,
	RECONCILE_REVIEW,
	RECONCILE_UNMATCHED,
	/* good enough to match, but its person went to a better row of the
	 * list: the list has that person twice (flag duplicate too); to review */
	RECONCILE_DUPLICATE,
} reconcile_outcome;

enum reconcile_flag {
	FLAG_ALREADY_RETURNED = 1 << 0, /* repatriated, released, handed over, in transit */
	FLAG_CIVILIAN = 1 << 1,         /* a civilian in the store */
	FLAG_DIED = 1 << 2,             /* died in captivity, remains returned or identified */
	FLAG_DUPLICATE = 1 << 3,        /* another row of the list is the same person */
	FLAG_BOOKED = 1 << 4,           /* already on an open stage (of any agreement) */
	FLAG_NOT_ELIGIBLE = 1 << 5,     /* not eligible under the clause the list is checked against */
};
enum { RECONCILE_FLAGS = 6 };

/* Flags that need more than the registry (stages, agreements): asked of
 * the caller for each matched row, by the registry person's uid. */
typedef unsigned (*reconcile_flag_fn)(void *ctx, const char *person_uid);

typedef struct reconcile_row {
	reconcile_outcome outcome;
	unsigned flags;
	bool decided;         /* a person confirmed this match */
	uint32_t person;      /* registry record (matched, or the best candidate) */
	float prob;
	const match_pair *pair; /* the best pair, or NULL */
	uint32_t candidates;  /* pairs in review for this row */
} reconcile_row;

/* A person's decision on a list row (by its line) and a registry person. */
typedef struct reconcile_decision {
	long line;
	const char *person;  /* uid */
	bool confirm;        /* else reject */
} reconcile_decision;

typedef struct reconcile_opts {
	double threshold, review; /* 0: the defaults (0.9, 0.3) */
	const char *id_column;    /* the list's identifier column; NULL: line numbers */
	int threads;
	/* Decisions to record (audited) before linking; with those of earlier
	 * runs they are applied: a confirmed pair is a match whatever its
	 * weight, a rejected one never is. */
	const reconcile_decision *decide;
	size_t ndecide;
	reconcile_flag_fn flag;   /* may be NULL */
	void *flag_ctx;
} reconcile_opts;

enum { ROW_HASH_LEN = 32 };

typedef struct reconcile_result {
	match_list list, reg;      /* reg.ids are registry uids */
	char (*row_hash)[ROW_HASH_LEN + 1]; /* what each list row says, hashed */
	size_t decisions;          /* applied (confirmed or rejected pairs) */
	unsigned char *reg_status; /* person_status of each registry record */
	unsigned char *reg_civilian;
	size_t reg_cap;
	match_result links;
	reconcile_row *rows;       /* one per list row */
	/* Each row counted once, by its outcome: they add up to the rows. */
	size_t matched, review, unmatched, duplicate, flagged[RECONCILE_FLAGS];
	/* Rows whose whole name (a "name" column) was split, by how (the
	 * NAMES_SPLIT_NONE count: not split), and those with words left out. */
	size_t split[NAMES_SPLIT_COUNT], split_left_out;
	bool whole_names;
	/* The registry person of each row (matched or its best candidate;
	 * id 0 for none), for reports that show names, not only ids. */
	person_brief *brief;
	arena brief_a;
	double threshold;
	double seconds;
} reconcile_result;

/* Link the list in f (the person CSV format) against every person of the
 * registry. */
pl_rc reconcile_list(store *st, names *nm, FILE *f, const char *name, const reconcile_opts *o,
                        reconcile_result *out, pl_err *err) PL_NODISCARD;

/* A list row given in memory: the person as the list has them (the fields
 * that link are read: the names in either script, birth date and place,
 * service number, unit, sex) and the caller's key for it. */
typedef struct reconcile_record {
	const char *key;
	person who;
} reconcile_record;

/* Link n records against every person of the registry, as reconcile_list
 * links a file: out->rows[j] is records[j]'s outcome, out->list.ids[j]
 * its key, out->list.lines[j] j + 1 (what decisions name rows by); name
 * names the list in messages; o->id_column is not read. */
pl_rc reconcile_records(store *st, names *nm, const reconcile_record *records, size_t n,
                        const char *name, const reconcile_opts *o, reconcile_result *out,
                        pl_err *err) PL_NODISCARD;
void reconcile_free(reconcile_result *r);

const char *reconcile_outcome_name(reconcile_outcome o);
/* The flag names of a set, comma-separated, into out. */
void reconcile_flags_text(unsigned flags, char *out, size_t size);

/* Record one decision on a report's row (its "row" hash) and a registry
 * person, audited; the next run of a list with that row applies it. */
pl_rc reconcile_decide(store *st, const char *row_hash, const char *person_uid, bool confirm,
                          const char *list, const char *list_row, pl_err *err) PL_NODISCARD;

/* The JSON report as a tree (NULL: out of memory). */
typedef struct json_t json_t;
json_t *reconcile_json(const reconcile_result *r);

/* The columns the list gave by headers of their own, each with the field
 * it was read as ("Прізвище: surname, Дата народження: birth_date"), into
 * out; false when there were none. */
bool reconcile_columns_read(const reconcile_result *r, char *out, size_t size);

/* Everything a run warns of, as coded messages into
 * out[RECONCILE_WARNINGS_MAX] (the count returned): the list's values
 * that could not be read (match_list_warnings), then the linkage's
 * (match_warnings). Never silent: the CLI says them on stderr, the
 * reports and the API in "warnings", the web page above the counts. */
enum { RECONCILE_WARNINGS_MAX = MATCH_LIST_WARNINGS_MAX + MATCH_WARNINGS_MAX };
int reconcile_warnings(const reconcile_result *r, pl_err *out);

/* Reports: one row per list row with its outcome, registry person,
 * probability, flags, and (JSON, HTML) the per-field contributions.
 * Written row by row as they are made: the report takes no more memory
 * for a list of 90,000 rows than for one of 10. */
pl_rc reconcile_write_csv(FILE *f, const reconcile_result *r, pl_err *err);
pl_rc reconcile_write_json(FILE *f, const reconcile_result *r, pl_err *err);
/* The HTML report in language l, titled by the list's name. */
pl_rc reconcile_write_html(FILE *f, const reconcile_result *r, const char *list, lang_id l, pl_err *err);

#endif
