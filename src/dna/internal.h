/* Shared by the files of the DNA module that work on the registry; not
 * part of its contract. */
#ifndef PARLEY_DNA_INTERNAL_H
#define PARLEY_DNA_INTERNAL_H

#include <jansson.h>

#include "dna/assign.h"
#include "dna/dna.h"
#include "dna/profile.h"
#include "dna/read.h"
#include "dna/screen.h"

/* ---- db.c: what a computation needs, from the registry ------------------------- */

typedef struct dna_remains_info {
	int64_t case_id;
	char case_uid[UID_SIZE];
	const char *status;       /* the case's identification status */
	dna_sex sex;              /* from the laboratory's file: its sex column or amelogenin */
	const char *amelogenin;   /* "X,Y" as typed, or NULL */
} dna_remains_info;

typedef struct dna_family_info {
	int64_t person_id;
	const char *party;        /* the person's party, or NULL */
	const char *relatives;    /* "father, full_sibling" */
} dna_family_info;

typedef struct dna_data {
	dna_kit kit;
	dna_profile *remains;
	dna_remains_info *rinfo;
	size_t nremains;
	dna_family *families;
	dna_family_info *finfo;
	size_t nfamilies, nrefs;
	dna_profile *refs_keep;   /* the reference profiles the families point at */
	buf notes;                /* loci left out, families refused */
	arena a;
} dna_data;

/* Which profiles to load: remains of a batch (NULL: all, not returned),
 * or of one or two cases (returned ones too), and the families of one
 * person (NULL: all). no_remains, no_families: none of those. */
typedef struct dna_data_query {
	const char *batch, *case_tag, *other_case, *person;
	bool no_remains, no_families;
} dna_data_query;

/* The frequency table as a kit with every allele of the registry's
 * profiles, the profiles asked for, finished with mutation m. */
pl_rc dna_data_load(store *st, const dna_data_query *q, const dna_mutation *m, dna_data *d,
                       pl_err *err);
void dna_data_free(dna_data *d);

/* Whether remains of sex a can be a person of sex b, or one another's
 * fragments: unknown on either side never conflicts. */
static inline bool dna_sex_conflict(dna_sex a, dna_sex b)
{
	return a != DNA_SEX_UNKNOWN && b != DNA_SEX_UNKNOWN && a != b;
}

/* The model of parameters p. */
dna_model dna_params_model(const dna_params *p);
/* The parameters of the last screening run, or the defaults. */
pl_rc dna_params_last(store *st, dna_params *p, pl_err *err);
/* Persons who may have died: missing, died in captivity, remains returned. */
pl_rc dna_missing_count(store *st, long *n, pl_err *err);

/* ---- the audit, and small helpers --------------------------------------------- */

/* Step a statement that writes; reset it. */
pl_rc dna_step_done(store *st, sqlite3_stmt *s, const char *doing, pl_err *err);
/* A case's row id, uid and status by tag: *found false if there is none. */
pl_rc dna_case_find(store *st, const char *tag, int64_t *id, char uid[UID_SIZE],
                       const char **status, arena *a, bool *found, pl_err *err);

/* ---- report.c ------------------------------------------------------------------ */

/* A kept pair as the report and the proposals table see it. */
typedef struct dna_kept {
	const dna_candidate *c;
	double log10_glr, posterior;
	bool proposed;
} dna_kept;

void dna_report_write(FILE *f, store *r, const dna_params *p, const dna_screen_summary *s,
                      const dna_data *d, const dna_kept *k, size_t nk);

#endif
