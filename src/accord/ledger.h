/* The balance ledger of an agreement: per clause and side, what was
 * delivered (as the agreement counts it: at delivery, or once signed),
 * what is on open stages, what the basis still asks of each side (owed),
 * and what of that is not yet on any stage (outstanding).
 *
 *   quota         owed = the quota less what was delivered
 *   ratio a:b     owed = what the other side's deliveries call for, less
 *                 what was delivered (rounded up to whole persons)
 *   points        owed = the other side's points less one's own
 *   all for all   owed = everyone eligible still held (and on stages) */
#ifndef PARLEY_ACCORD_LEDGER_H
#define PARLEY_ACCORD_LEDGER_H

#include "accord/agreement.h"
#include "accord/stage.h"

typedef struct ledger_side {
	long delivered;        /* persons or bodies, counted */
	long delivered_points;
	long in_stages;        /* on open stages, not yet counted */
	long in_stages_points;
	long failed;           /* not delivered at execution: not presented, refused, died, replaced */
	long cases;            /* remains cases recorded in the tied batches counted (not bodies) */
	long owed;             /* -1: the basis sets no number (remains all for all) */
	long outstanding;      /* owed less in_stages, 0 or more; -1 with owed */
} ledger_side;

typedef struct ledger_clause {
	const clause *cl;
	ledger_side side[2];
} ledger_clause;

typedef struct ledger {
	ledger_clause clauses[CLAUSES_MAX];
	int n;
	long stages[STAGE_STATUS_COUNT];  /* by stage_status */
} ledger;

/* ---- remains batches tied to a stage and clause (ledger_batch.c) ----------- *
 *
 * A batch the remains office recorded (remains_batch) counts in the
 * ledger once tied to a stage of the agreement and a clause about
 * remains: its declared count, as the stage's status counts (delivered
 * once executed, or agreed under counting at signing; on stages while
 * open). A batch on the stage's manifest (stage_batch) is counted by that
 * row and not again. The cases recorded in tied batches are shown beside
 * the bodies, not instead of them: a case is a bag, which may hold parts
 * of several people, and is recorded over the months of examination. */
typedef struct ledger_tie {
	const char *batch;       /* the remains batch's label */
	const char *agreement;   /* its name; NULL: the stage's */
	const char *stage;       /* uid (or a unique prefix); NULL: untie */
	const char *clause;      /* a clause of the agreement about remains */
	long declared;           /* the bodies the sender declared, from 1; -1: as recorded */
} ledger_tie;

/* Tie (or untie) a batch, audited; a refusal names its field in *field
 * ("batch", "agreement", "stage", "clause", "declared") and changes nothing. */
pl_rc ledger_batch_tie(store *st, const ledger_tie *t, const char **field, pl_err *err) PL_NODISCARD;

typedef struct ledger_batch {
	const char *label;
	int64_t stage_id;
	const char *stage;       /* uid */
	int status;              /* stage_status; -1 if unknown */
	int side;                /* the side that handed it over; -1 if neither */
	const char *clause;
	long declared;           /* -1: not declared */
	long cases;              /* cases recorded in it */
} ledger_batch;

/* The batches tied to the agreement's stages (stage_id 0: to any of them)
 * that its manifests do not list already. */
pl_rc ledger_batches_tied(store *st, const agreement *ag, int64_t stage_id, arena *a, ledger_batch **out,
                          size_t *n, pl_err *err) PL_NODISCARD;

pl_rc ledger_compute(store *st, const agreement *ag, arena *a, ledger *out, pl_err *err) PL_NODISCARD;
pl_rc ledger_text(const agreement *ag, const ledger *l, buf *out) PL_NODISCARD;
struct json_t *ledger_json(const agreement *ag, const ledger *l);

#endif
