/* A pair named on the command line or in a request: a case and a person,
 * or two cases; and its stored proposal. Internal to the DNA module. */
#ifndef PARLEY_DNA_PROPOSAL_H
#define PARLEY_DNA_PROPOSAL_H

#include <jansson.h>

#include "dna/dna.h"

typedef struct dna_pair_ref {
	int64_t case_id, other_id, person_id;
	char case_uid[UID_SIZE], other_uid[UID_SIZE];
	const char *case_status, *other_status;
	const char *other;        /* the person's full uid, or the other case's tag */
	bool identity;            /* two cases */
	person person;            /* kinship: the person */
} dna_pair_ref;

/* `other` is a case's tag if there is one, else a person's id (or a
 * unique prefix of it). */
pl_rc dna_pair_resolve(store *st, const char *tag, const char *other, arena *a, dna_pair_ref *out,
                          pl_err *err);
pl_rc dna_proposal_find(store *st, const dna_pair_ref *pr, arena *a, dna_proposal *out,
                           bool *found, pl_err *err);
/* Both: the pair and its proposal, PL_ENOTFOUND (saying to screen) if
 * there is none. */
pl_rc dna_pair_load(store *st, const char *tag, const char *other, arena *a, dna_pair_ref *pr,
                       dna_proposal *p, pl_err *err);
/* The proposals of row ids ids[0..n), in that order, named. */
pl_rc dna_proposals_by_id(store *st, const int64_t *ids, size_t n, arena *a, dna_proposal **out,
                          pl_err *err);
/* The audit entry of a change to proposal p: before, its status as read;
 * after (taken) what it is now, with the pair and its numbers added. */
pl_rc dna_proposal_audit(store *st, const dna_pair_ref *pr, const dna_proposal *p, const char *action,
                            json_t *after, pl_err *err);
/* A proposal's LR in words: "LR 1.2e+05" or "LR 10^12.4". */
void dna_lr_words(double log10_lr, char *out, size_t size);
/* What confirming the pair would do: "join" two cases, "identify" the case
 * as the person, or "return" it, when the person is of the party that
 * handed the remains over (*return_to, else NULL). */
pl_rc dna_confirm_action(store *st, const dna_pair_ref *pr, arena *a, const char **action,
                            const char **return_to, pl_err *err);

/* The sexes of a pair: the case's remains (its profile's, from the
 * laboratory's file), and the person's (the registry's) or the other
 * case's remains, with the amelogenin each remains profile showed
 * (NULL: not typed). conflict: different sexes, so never proposed. */
typedef struct dna_pair_sexes {
	dna_sex remains, other;
	const char *amel, *other_amel;
	bool conflict;
} dna_pair_sexes;

pl_rc dna_pair_sexes_get(store *st, const dna_pair_ref *pr, arena *a, dna_pair_sexes *out,
                         pl_err *err);

#endif
