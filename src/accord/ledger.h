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

typedef struct ledger_side {
	long delivered;        /* persons or bodies, counted */
	long delivered_points;
	long in_stages;        /* on open stages, not yet counted */
	long in_stages_points;
	long failed;           /* not delivered at execution: not presented, refused, died, replaced */
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
	long stages[6];        /* by stage_status */
} ledger;

pl_rc ledger_compute(store *st, const agreement *ag, arena *a, ledger *out, pl_err *err) PL_NODISCARD;
pl_rc ledger_text(const agreement *ag, const ledger *l, buf *out) PL_NODISCARD;
struct json_t *ledger_json(const agreement *ag, const ledger *l);

#endif
