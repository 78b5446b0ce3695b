/* Shared by the files of the DNA module that work on the registry; not
 * part of its contract. */
#ifndef PARLEY_DNA_INTERNAL_H
#define PARLEY_DNA_INTERNAL_H

#include <jansson.h>

#include "core/hmap.h"
#include "core/problems.h"
#include "dna/assign.h"
#include "dna/dna.h"
#include "dna/ped.h"
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

/* A family entered as a pedigree, beside its dna_kin: the missing persons'
 * row ids and parties, in the order of kin->missing. */
typedef struct dna_kin_info {
	int64_t pedigree_id;
	const int64_t *person_id;
	const char *const *party;
	const char *const *individual;   /* each individual's id in the family */
} dna_kin_info;

typedef struct dna_data {
	dna_kit kit;
	dna_profile *remains;
	dna_remains_info *rinfo;
	size_t nremains;
	dna_family *families;
	dna_family_info *finfo;
	size_t nfamilies, nrefs;
	dna_kin *kins;            /* families entered as pedigrees: one alternative each */
	dna_kin_info *kinfo;
	size_t nkins;
	/* their missing persons, as families[nfamilies + t] and finfo[nfamilies + t]
	 * (the person, no references), t over the kins' missing individuals in order:
	 * what a candidate's `other` names at and past nfamilies */
	size_t nkin_persons;
	dna_profile *refs_keep;   /* the reference profiles the families point at */
	size_t nwithheld;         /* reference profiles left out: consent withdrawn (refconsent.c) */
	buf notes;                /* loci left out, families refused */
	arena a;
} dna_data;

/* Which profiles to load: remains of a batch (NULL: all, not returned),
 * or of one or two cases (returned ones too), and the families of one
 * person (NULL: all): those of the references files (families) and those
 * entered as pedigrees (kins; a person in one of those has their
 * references-file family left out, noted). no_remains, no_families: none
 * of those. */
typedef struct dna_data_query {
	const char *batch, *case_tag, *other_case, *person;
	bool no_remains, no_families;
} dna_data_query;

/* The frequency table as a kit with every allele of the registry's
 * profiles, the profiles asked for, finished with the mutation models of
 * p (the screening's, each marker's own; p NULL: no mutation). */
pl_rc dna_data_load(store *st, const dna_data_query *q, const dna_params *p, dna_data *d,
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

/* ---- params.c: the settings ------------------------------------------------------ */

/* {"model", "paternal", "maternal", "paternal_rate2", "maternal_rate2", "range"} */
json_t *dna_mutation_json(const dna_mutation *m);
/* The setting of that name in dna_param_defs, or NULL. */
const dna_param_def *dna_param_def_of(const char *name);
/* Whether v is in d's range; the refusal ("WHAT: expected a number from
 * LO to HI (got V)") if not. */
bool dna_param_in_range(const dna_param_def *d, double v);
pl_rc dna_param_refused(const dna_param_def *d, const char *what, double v, pl_err *err);
/* Each marker's model set on the kit (not finished yet); PL_EINPUT if a
 * locus is not in it. */
pl_rc dna_params_apply_markers(const dna_params *p, dna_kit *k, pl_err *err);
/* The settings of dna_params_json read back over p (what is absent stays);
 * PL_EINTEGRITY if they cannot be. */
pl_rc dna_params_from_json(json_t *j, dna_params *p, pl_err *err);
/* The parameters of the last screening run, or the defaults. */
pl_rc dna_params_last(store *st, dna_params *p, pl_err *err);
/* Persons who may have died: missing, died in captivity, remains returned. */
pl_rc dna_missing_count(store *st, long *n, pl_err *err);

/* ---- proposal.c ------------------------------------------------------------------ */

/* "Surname Given Patronymic" in the original script, or in Latin letters
 * when neither the surname nor the given names are known there; NULL if
 * nothing is known. */
const char *dna_person_name(const person_brief *x, arena *a);

/* ---- the audit, and small helpers --------------------------------------------- */

/* Step a statement that writes; reset it. */
pl_rc dna_step_done(store *st, sqlite3_stmt *s, const char *doing, pl_err *err);
/* A case's row id, uid and status by tag: *found false if there is none. */
pl_rc dna_case_find(store *st, const char *tag, int64_t *id, char uid[UID_SIZE],
                       const char **status, arena *a, bool *found, pl_err *err);

/* ---- import.c: an import under way ---------------------------------------------- */

typedef struct dna_importer {
	store *st;
	dna_import_kind kind;
	dna_import_report *rep;
	problems pb;
	arena a;                  /* for the whole import */
	hmap seen;                /* case tags or samples of the file -> their first row + 1 */
	hmap pairs;               /* references: sample and person -> their first row + 1 */
	const dna_rows *rows;
	int64_t *persons;         /* references: the persons whose families changed */
	long *person_line;
	size_t npersons, cap;
} dna_importer;

/* Create or bring up to date the profile of a case (case_id) or of the
 * reference sample row->f[DC_SAMPLE] from the row's alleles; *saved says
 * which, and the audit has it. */
pl_rc dna_import_profile(dna_importer *im, const dna_row *row, int64_t case_id,
                         const char *case_uid, int64_t *profile, remains_saved *saved, pl_err *err);
/* A refusal of the layers below as a problem of the row at `column`;
 * database and memory failures end the import instead. */
pl_rc dna_import_failure(dna_importer *im, long line, const char *column, pl_rc rc, const pl_err *e);
/* One more created, updated or unchanged in the report. */
void dna_import_count(dna_importer *im, remains_saved saved);

/* ---- pedimport.c ------------------------------------------------------------------ */

/* The rows of a pedigree file (im->rows) checked (pedfile.h), against the
 * registry too, and their families stored: a family the same as stored is
 * unchanged, a changed one replaced, each audited; the reference profiles
 * of rows with alleles created or updated as a references file does. */
pl_rc dna_pedigrees_import(dna_importer *im, pl_err *err);

/* ---- report.c ------------------------------------------------------------------ */

/* A kept pair as the report and the proposals table see it. */
typedef struct dna_kept {
	const dna_candidate *c;
	double log10_glr, posterior;
	double pairing;           /* posterior pairing probability (pairing.h), NAN: none */
	double pairing_lo, pairing_hi;  /* bounds on it (both it where exact), NAN: none */
	double remains_none, person_none;  /* the remains none of their candidates; the person
	                           * none of the remains (NAN likewise) */
	int pairing_why;          /* dna_pairing_why: why there is none */
	bool proposed;
} dna_kept;

void dna_report_write(FILE *f, store *r, const dna_params *p, const dna_screen_summary *s,
                      const dna_data *d, const dna_kept *k, size_t nk);

#endif
