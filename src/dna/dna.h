/* DNA identification of returned remains in the registry: what the CLI
 * and the API call (docs/dna.md).
 *
 *   profiles      the laboratory's STR profiles of remains (one per case,
 *                 by tag) and of relatives (by sample id, each related to
 *                 one or more missing persons: their families), imported
 *                 from CSV all or nothing (read.h);
 *   frequencies   one allele frequency table, counted from a reference
 *                 population's genotypes or imported (freq.h);
 *   screening     every remains against every family and every other
 *                 remains (screen.h), the joint assignment (assign.h), and
 *                 the proposals it leads to, kept for review;
 *   explanation   a pair locus by locus: genotypes, LR, consistency;
 *   decisions     two people: one reviews a proposal (with a note), a
 *                 second, someone else, confirms it (or either rejects
 *                 it); a confirmed one identifies the case as the
 *                 person (remains_identify, which records the person's
 *                 events) or, for a person of the side that handed the
 *                 remains over, flags the case for return (a preliminary
 *                 identification; remains_return sends it back); two
 *                 remains of one person are joined as fragments. A wrong
 *                 identification is withdrawn by two people again: one
 *                 requests it with the reason, the other approves, an
 *                 admin and an identification officer between them.
 *
 * Every change is one transaction with its entries in the audit chain;
 * a refused one writes nothing. */
#ifndef PARLEY_DNA_DNA_H
#define PARLEY_DNA_DNA_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "core/arena.h"
#include "core/buf.h"
#include "core/err.h"
#include "dna/advice.h"
#include "dna/freq.h"
#include "dna/kit.h"
#include "dna/pairing.h"
#include "registry/registry.h"
#include "remains/remains.h"

/* ---- import -------------------------------------------------------------------- */

typedef enum dna_import_kind {
	DNA_IMPORT_REMAINS, DNA_IMPORT_REFERENCES, DNA_IMPORT_FREQUENCIES, DNA_IMPORT_GENOTYPES,
	DNA_IMPORT_PEDIGREE
} dna_import_kind;

typedef struct dna_import_opts {
	const char *name;         /* shown in messages; NULL: the path */
	int max_errors;           /* default 20 */
	long people;              /* frequencies: people typed, for the floor 5/2N; 0: not known */
	int min_count;            /* genotypes: the minimum count (default 5) */
} dna_import_opts;

typedef struct dna_import_report {
	buf errors;               /* one problem per line, with file, line and column */
	buf coded;                /* the same problems by code (core/problems.h) */
	buf notes;
	long rows, created, updated, unchanged;   /* pedigree: families */
	long loci, alleles;       /* frequencies: the table's size */
	long profiles_created, profiles_updated;  /* pedigree: the reference profiles on its rows */
	long withheld;            /* references: samples imported withheld, their giver's consent
	                           * withdrawn (each named in notes) */
} dna_import_report;

/* Import a file ("-" for standard input) in one transaction: all of it,
 * or at the first problem nothing, reporting up to max_errors problems.
 * Remains profiles replace a case's profile; references replace a sample's
 * and add or change its relations; frequencies and genotypes (counted)
 * replace the frequency table; a pedigree file's families (pedfile.h)
 * replace those of the same ids, with the reference profiles on its rows.
 * Importing the same file again changes nothing. */
pl_rc dna_import(store *st, dna_import_kind kind, const char *path, const dna_import_opts *o,
                    dna_import_report *rep, pl_err *err);
void dna_import_report_free(dna_import_report *rep);

/* The frequency table in the registry (PL_ENOTFOUND when there is none). */
pl_rc dna_frequencies_load(store *st, dna_freqs *out, pl_err *err);

/* ---- pedigrees ------------------------------------------------------------------ */

/* A family entered as a pedigree (a pedigree file), as stored. */
typedef struct dna_ped_individual {
	const char *id, *father, *mother;   /* ids in the family; a founder: no parents */
	const char *sex;                    /* male, female, unknown */
	const char *sample;                 /* typed: its reference profile's sample id */
	int loci;                           /* typed: the loci of that profile with a result */
	const char *person, *person_name;   /* missing: the person's uid, and name if known */
	const char *note;
} dna_ped_individual;

typedef struct dna_pedigree_info {
	const char *family, *source, *created_at, *updated_at;
	dna_ped_individual *ind;  /* in the order of the file's rows */
	int n, typed, missing;
	const char *tree;         /* dna_pedigree_show: the pedigree drawn as text */
} dna_pedigree_info;

/* Every family entered as a pedigree, by family id, with its individuals. */
pl_rc dna_pedigrees_list(store *st, arena *a, dna_pedigree_info **out, size_t *n, pl_err *err);
/* One, with its tree; PL_ENOTFOUND if there is no such family. */
pl_rc dna_pedigree_show(store *st, const char *family, arena *a, dna_pedigree_info *out,
                        pl_err *err);
/* The tree of a pedigree as text: each founder line downwards, each
 * couple's children under the couple ("with MOTHER"), typed individuals
 * with their samples and missing ones with their persons. */
pl_rc dna_pedigree_tree(const dna_pedigree_info *p, buf *out);

/* ---- screening -------------------------------------------------------------------- */

enum {
	DNA_MARKER_NAME_MAX = 48, /* a locus name, as dna_locus_key keeps it */
	DNA_MARKERS_MAX = 64      /* loci with a model of their own (a kit has about 30) */
};

/* A locus with a mutation model of its own, as pedmut and Familias set
 * one per marker: the locus as the user named it (any spelling read.h
 * matches), its model with every rate resolved. */
typedef struct dna_marker_mutation {
	char locus[DNA_MARKER_NAME_MAX];
	dna_mutation mutation;
} dna_marker_mutation;

typedef struct dna_params {
	double theta;             /* NRC II 4.10 (0.01) */
	double dropout;           /* per allele, degraded remains (0.1) */
	dna_mutation mutation;    /* DNA_MUTATION_DEFAULT; every locus but those of marker[] */
	int max_inconsistent;     /* loci without a Mendelian explanation allowed (2) */
	double threshold;         /* posterior for a proposal (0.999) */
	double keep;              /* posterior for a candidate (0.01) */
	double missing;           /* N, for the prior 1/N; 0: the registry's (see dna_screen_run) */
	long cap;                 /* steps of the joint assignment's search in a group */
	int threads;              /* 0: one per core */
	int nmarkers;             /* loci with a model of their own (dna_params_add_marker) */
	dna_marker_mutation marker[DNA_MARKERS_MAX];
} dna_params;

#define DNA_PARAMS_INIT                                                                       \
	{0.01, 0.1, DNA_MUTATION_DEFAULT, 2, 0.999, 0.01, 0, 0, 0, 0,                             \
	 {{"", {DNA_MUT_NONE, 0, 0, 0, 0, 0}}}}

/* The settings that take a number, by name, with their ranges: what
 * `parley dna screen --NAME` and POST /api/dna/screen take (threshold,
 * keep, missing, theta, dropout, paternal, maternal, paternal_rate2,
 * maternal_rate2, range, max_inconsistent, threads). NULL-named at the
 * end. */
typedef struct dna_param_def {
	const char *name;
	double lo, hi;
	bool whole;               /* a whole number */
	bool above;               /* lo itself is out (the range: above 0) */
} dna_param_def;
extern const dna_param_def dna_param_defs[];

/* Set the setting called name to v: PL_EINPUT, saying the range, if v is
 * out of it; PL_EUSAGE if there is no such setting. */
pl_rc dna_params_set(dna_params *p, const char *name, double v, pl_err *err);
/* The mutation model by name: none, equal, proportional, stepwise or
 * extended-stepwise (the same, Familias 3's name; kit.h). */
pl_rc dna_params_set_mutation(dna_params *p, const char *model, pl_err *err);
/* A locus's own model from the text a user gives (`--marker-mutation`,
 * the API's "marker_mutation"):
 *
 *   LOCUS=MODEL[:RATE[:RATE2[:RANGE]]]
 *
 * RATE and RATE2 one number for both sexes or FATHERS/MOTHERS; a part
 * left out or empty is p->mutation's, so call this after the other
 * settings. RATE2 and RANGE belong to the stepwise model, and none takes
 * no rates. PL_EINPUT, the message starting "marker_mutation: " and
 * naming the part and what was expected, for anything else, a locus given
 * twice, or more than DNA_MARKERS_MAX; p is unchanged then. Whether the
 * locus is in the frequency table is dna_params_check_markers's. */
pl_rc dna_params_add_marker(dna_params *p, const char *text, pl_err *err);
/* PL_EINPUT ("marker_mutation: ...") if a locus of p->marker is not in
 * the frequency table; PL_ENOTFOUND if there is no table. */
pl_rc dna_params_check_markers(store *st, const dna_params *p, pl_err *err);
/* Whether any locus has mutation: the screening's model or a marker's. */
bool dna_params_mutation(const dna_params *p);
/* "TH01 equal 0.003/0.001; SE33 stepwise 0.004/0.001, rate2 ..., range
 * 0.2" for the loci with a model of their own; "" when there are none. */
pl_rc dna_params_markers_text(const dna_params *p, buf *out);
/* PL_EINPUT if the settings contradict each other (keep at or above the
 * threshold). */
pl_rc dna_params_check(const dna_params *p, pl_err *err);

typedef struct dna_screen_summary {
	int64_t run;              /* the run's id */
	const char *batch;
	long remains, families, references, loci;
	double missing;           /* N used */
	double lr_proposal;       /* the LR a pair with no rival needs to be proposed */
	double lr_candidate;      /* and to be kept */
	long candidates, proposals, same_person, excluded, decided;
	long sex_excluded;        /* pairs that reached the candidates' threshold, excluded for a
	                           * sex conflict (male remains, a female missing person, ...) */
	uint64_t sex_pairs;       /* all pairs of different sexes, never proposed */
	long theta0;              /* kept pairs with a locus the engine could not compute with theta:
	                           * computed exactly with theta 0 there, kept as candidates, never
	                           * proposed on their own (docs/dna.md) */
	uint64_t examined;        /* pairs that passed the filter and were recomputed exactly */
	uint64_t families_exact;  /* families (and missing persons of pedigree files) scored by the
	                           * engine directly: no filter, no recompute */
	uint64_t pairs, identity_pairs;
	size_t groups, undisputed, capped;
	dna_pairing_counts pairing;  /* the posterior pairing probabilities (pairing.h) */
	double seconds;
	buf notes;                /* loci left out, families refused, ... one per line */
} dna_screen_summary;

/* Screen the remains (of one batch, or all; not those returned) against
 * every family and every other remains, and keep the result: the undecided
 * proposals of those remains are replaced; decided ones stay and are not
 * proposed again. N defaults to the number of persons the registry holds
 * as missing, died in captivity or whose remains were returned, and at
 * least the number of families. With report not NULL, a Markdown report of
 * the run is written there. */
pl_rc dna_screen_run(store *st, const char *batch, const dna_params *p, FILE *report,
                        dna_screen_summary *out, pl_err *err);
void dna_screen_summary_free(dna_screen_summary *s);

/* ---- proposals ------------------------------------------------------------------- */

typedef struct dna_proposal {
	int64_t id, run;
	const char *kind;         /* "kinship" or "identity" */
	const char *case_tag, *case_uid;
	const char *person;       /* kinship: the missing person's uid */
	const char *person_name;  /* and their name ("Шевчук Олександр Миколайович"), if known */
	const char *other_case, *other_case_uid;  /* identity: the other case */
	const char *relatives;    /* kinship: "father, full_sibling" */
	double log10_lr, log10_glr;  /* the generalised LR: NAN when none */
	double pairing;           /* the posterior pairing probability: NAN when none (docs/dna.md) */
	double pairing_lo, pairing_hi;  /* bounds on it (both it where exact; NAN: none) */
	double pairing_none_remains, pairing_none_person;  /* that the remains are none of their
	                           * candidates; that the person is none of the remains (NAN: none) */
	double posterior;
	double prior_n;           /* the posterior's prior was 1/prior_n: the missing persons
	                           * of its screening (for two remains, the remains screened) */
	int loci, inconsistent;
	const char *status;       /* candidate, proposed, reviewed, confirmed, rejected, withdrawn,
	                           * fallen (its reference withheld: consent withdrawn) */
	const char *action;       /* identify, return, join; NULL until decided */
	const char *decided_by, *decided_at, *note, *created_at;  /* who confirmed or rejected */
	const char *reviewed_by, *reviewed_at, *review_note;      /* the first person */
	const char *reviewed_from;  /* candidate or proposed: what was reviewed */
	/* A withdrawal: requested (reason, by, at, in roles DNA_AS_...), then approved. */
	const char *withdraw_reason, *withdraw_by, *withdraw_at, *withdrawn_by, *withdrawn_at;
	unsigned withdraw_roles;
	/* Fallen (or fell once, and proposed again since): the day, the status it
	 * had, why ("consent withdrawn ..."), the reference sample it rested on. */
	const char *fallen_at, *fallen_from, *fallen_reason, *fallen_sample;
} dna_proposal;

typedef struct dna_proposal_query {
	const char *status;       /* comma-separated */
	const char *case_tag;
	const char *person;
	size_t limit, offset;
} dna_proposal_query;

#define DNA_PROPOSAL_QUERY_INIT {.limit = 50}

/* Proposals by posterior, highest first; *total all that match. */
pl_rc dna_proposals_list(store *st, const dna_proposal_query *q, arena *a, dna_proposal **out,
                            size_t *n, size_t *total, pl_err *err);

/* ---- explanation ------------------------------------------------------------------ */

typedef struct dna_explain_locus {
	const char *locus;
	const char *remains;      /* "12/13", "12 (one allele seen)", NULL: not typed */
	const char **relatives;   /* one per relative (or the other case) */
	double lr;
	bool compared, consistent;
} dna_explain_locus;

typedef struct dna_explanation {
	const char *case_tag, *person, *other_case;
	int nrel;
	const char **rel_sample, **rel_relationship;
	dna_explain_locus *loci;
	int nloci;
	double log10_lr, posterior, missing;
	int compared, inconsistent;
	dna_params params;        /* those of the last screening (or the defaults) */
	dna_proposal *proposal;   /* the stored proposal, or NULL */
	const char *remains_sex;  /* "male", "female" (the laboratory's), NULL: unknown */
	const char *amelogenin;   /* the remains' amelogenin ("X,Y"), NULL: not typed */
	const char *other_sex;    /* the missing person's (the registry's), or the other case's */
	const char *other_amelogenin;
	bool sex_conflict;        /* the two of different sexes: excluded, never proposed */
	bool theta0;              /* some locus computed with theta 0: too many founders for theta */
	const char *action;       /* what confirming would do: identify, return or join */
	const char *return_to;    /* return: the party the remains would go back to */
} dna_explanation;

/* Case `tag` against missing person `other` (an id), or against the case
 * tagged `other` (two remains of one person), locus by locus, with the
 * parameters of the last screening, and what confirming the pair would do. */
pl_rc dna_explain(store *st, const char *tag, const char *other, arena *a, dna_explanation *out,
                     pl_err *err);

/* ---- decisions ------------------------------------------------------------------- */

/* An identification rests on two people (docs/dna.md, "Review and
 * decisions"): who acts is the store's actor (store_actor), a user the
 * caller has checked holds dna_write. */
typedef struct dna_decision {
	const char *status;       /* the proposal's status now */
	const char *action;       /* identify, return, join; NULL when rejected or reviewed */
	remains_result remains;   /* what the case's change did */
	char person[UID_SIZE];    /* the person the case is (or was) identified as, or "" */
	char note[600];
} dna_decision;

/* The first person: a proposed pair, or a candidate, recorded as reviewed
 * with the note (required), who and when. Changes no case. */
pl_rc dna_review(store *st, const char *tag, const char *other, const char *note, dna_decision *out,
                    pl_err *err);
/* The second person confirms the reviewed proposal of case `tag` and
 * `other` (person id or case tag): PL_ECONFLICT if it was not reviewed, or
 * if the actor is the one who reviewed it. One reviewed as a candidate
 * below the threshold needs force. Identifies the case as the person
 * (confirmed, with the person's events); if the person belongs to the
 * party that handed the remains over, the case is identified
 * preliminarily and flagged for return instead. Two cases of one person
 * get fragments linking them, and one not identified takes the other's
 * confirmed identification. What it did is kept for a withdrawal. */
pl_rc dna_confirm(store *st, const char *tag, const char *other, const char *note, bool force,
                     dna_decision *out, pl_err *err);
/* Reject an open proposal (candidate, proposed or reviewed): kept, and
 * not proposed again. One person suffices: nobody is identified. */
pl_rc dna_reject(store *st, const char *tag, const char *other, const char *note,
                    dna_decision *out, pl_err *err);

/* The roles a withdrawal needs between its two people, as the caller
 * (which knows the user's roles) passes them. */
enum { DNA_AS_ADMIN = 1, DNA_AS_IDENTIFICATION = 2 };

/* Request the withdrawal of a confirmed identification, with the reason
 * (required); `roles` those of the actor that count (DNA_AS_...). Changes
 * nothing else: it awaits approval. */
pl_rc dna_withdraw_request(store *st, const char *tag, const char *other, const char *reason,
                              unsigned roles, dna_decision *out, pl_err *err);
/* Approve it: someone other than the requester, and between the two of
 * them an admin and an identification officer (PL_ECONFLICT otherwise).
 * Undoes what the confirmation did: the case back to unidentified, the
 * person's events it recorded voided, its fragments removed; refused,
 * saying why, where a later event forbids it (remains_unidentify). The
 * proposal becomes withdrawn, and later screenings do not propose the
 * pair again. */
pl_rc dna_withdraw_approve(store *st, const char *tag, const char *other, unsigned roles,
                              dna_decision *out, pl_err *err);
/* Drop a pending request (the requester, or anyone who could approve it). */
pl_rc dna_withdraw_cancel(store *st, const char *tag, const char *other, unsigned roles,
                             dna_decision *out, pl_err *err);

/* ---- a relative's consent to the use of their reference (refconsent.c) ---------- */

/* A reference sample a relative gave is used only while their consent
 * stands (docs/dna.md, "Consent to a reference"). The module above that
 * records the consent (families: an inquiry's dna_reference purpose) names
 * the samples given under it, with a label of its own (`holder`, "inquiry
 * Q..."), and withholds or releases them when the consent is withdrawn or
 * given again. The DNA module keeps the state by sample, before or after the
 * profile is imported: a withheld sample is left out of screening,
 * explanations and advice, and its unconfirmed proposals fall. A sample
 * named by no one is a laboratory's reference, under its collection form,
 * and is used. All of these work inside the caller's transaction. */
/* The longest sample id the laboratory's references are named by. */
enum { DNA_SAMPLE_MAX = 64 };

typedef struct dna_consent_change {
	const char **samples;      /* the samples whose state changed */
	size_t nsamples;
	size_t profiles;           /* of them, with a reference profile imported */
	dna_proposal *fallen;      /* withheld: the unconfirmed proposals that fell */
	size_t nfallen;
	dna_proposal *resting;     /* withheld: confirmed identifications that rest on them
	                            * (not undone: the office withdraws them, two people) */
	size_t nresting;
	arena a;
} dna_consent_change;

void dna_consent_change_init(dna_consent_change *c);
void dna_consent_change_free(dna_consent_change *c);

/* Sample given under holder's consent (in force since `day`): recorded, and
 * usable. PL_ECONFLICT when another holder named it already (one
 * relative's consent a sample); PL_EINPUT for an empty or overlong id. */
pl_rc dna_reference_hold(store *st, const char *sample, const char *holder, const char *day,
                         pl_err *err);
/* The holder's consent withdrawn on `day`: each of its samples withheld,
 * with the reason; the proposals that rested on them and are not confirmed
 * fall (status fallen, kept); confirmed ones are listed, not undone. */
pl_rc dna_reference_withhold(store *st, const char *holder, const char *day, const char *reason,
                             dna_consent_change *out, pl_err *err);
/* The holder's consent given again on `day`: its samples usable again (the
 * proposals that fell come back with the next screening). */
pl_rc dna_reference_release(store *st, const char *holder, const char *day, dna_consent_change *out,
                            pl_err *err);

/* A reference sample and its consent. */
typedef struct dna_reference_row {
	const char *sample;
	bool profile;             /* a profile is imported */
	int loci;                 /* its loci with a result */
	const char *persons;      /* "P3F8…K2 (mother)", the missing persons it is a reference of */
	const char **person;      /* their uids, npersons of them (for the access log) */
	size_t npersons;
	const char *state;        /* laboratory (named by no one), given, withdrawn */
	const char *holder, *at, *reason;
} dna_reference_row;

typedef struct dna_reference_query {
	bool withheld;            /* only the withheld */
	const char *holder;       /* only those of one holder */
	const char *state;        /* only those in one state (laboratory, given, withdrawn); NULL: all */
	size_t limit, offset;     /* 0: 200 */
} dna_reference_query;

/* Reference samples by sample id: the profiles imported and the samples
 * named before theirs came; *total all that match. */
pl_rc dna_references_list(store *st, const dna_reference_query *q, arena *a, dna_reference_row **rows,
                          size_t *n, size_t *total, pl_err *err);
struct json_t *dna_reference_row_json(const dna_reference_row *r);
struct json_t *dna_consent_change_json(const dna_consent_change *c);

/* ---- sampling advice (advice.h) ------------------------------------------------- */

typedef struct dna_advice_query {
	const char *person;       /* one missing person's family; NULL: all */
	size_t limit;             /* rows kept, by gain (0: all) */
	int simulations;          /* per estimate; 0: DNA_ADVICE_SIMULATIONS */
	uint64_t seed;
	bool exact;               /* no lumping of the alleles no one in a family shows */
	int threads;              /* 0: DNA_ADVICE_THREADS; the figures are the same for any */
} dna_advice_query;

/* One missing person: of a references file's family (the relationship
 * columns), or of a pedigree file's (family set; each of its missing
 * persons a row, and its individuals not typed weighed as well as the
 * relatives new to it: a.member[] are indices into individual[]). */
typedef struct dna_advice_row {
	const char *person;       /* the missing person's uid */
	const char *relatives;    /* the references typed: "father, full_sibling", or
	                           * "pedigree F7 (as II-3)" */
	const char *family;       /* the pedigree file's family, or NULL */
	const char *const *individual;  /* its individuals' ids (family set) */
	const char *as;           /* the missing person's id in it (family set) */
	int loci;
	dna_advice a;
} dna_advice_row;

typedef struct dna_advice_summary {
	double missing;           /* N of the prior 1/N */
	double threshold, log10_needed;  /* the posterior of a proposal, and the LR a pair with no rival needs */
	int simulations;
	uint64_t seed;
	long families, refused;   /* advised (missing persons), and left out (said in notes) */
	long pedigrees;           /* of them, missing persons of pedigree files */
	int threads;
	size_t total;             /* rows before the limit */
	long engine_calls;
	double seconds;
	dna_params params;        /* of the last screening: the model used */
	buf notes;
} dna_advice_summary;

/* For every family (or one person's), the probability that a true match
 * would be proposed, the exclusion power, and the relative not yet sampled
 * who would raise the first most: rows by gain, highest first, one per
 * missing person (a pedigree file's family may have several: each of its
 * individuals not typed is weighed too). The model, threshold and rule are
 * the last screening's (or the defaults), N that of screening (the
 * registry's missing persons, at least the families). On q->threads. */
pl_rc dna_advice_run(store *st, const dna_advice_query *q, arena *a, dna_advice_row **rows,
                     size_t *n, dna_advice_summary *sum, pl_err *err);
void dna_advice_summary_free(dna_advice_summary *s);
/* The individual of the pedigree advised (its id), or NULL when the advice
 * is a relative (a.best) or nothing. */
const char *dna_advice_row_member(const dna_advice_row *r);
/* The inclusion power once the one advised is typed; NAN if none is. */
double dna_advice_row_after(const dna_advice_row *r);

/* ---- JSON ------------------------------------------------------------------------- */

struct json_t;
/* New jansson values (the caller decrefs), for the API. */
struct json_t *dna_proposal_json(const dna_proposal *p);
struct json_t *dna_explanation_json(const dna_explanation *e);
struct json_t *dna_screen_summary_json(const dna_screen_summary *s);
struct json_t *dna_decision_json(const dna_decision *d);
struct json_t *dna_params_json(const dna_params *p);
struct json_t *dna_advice_row_json(const dna_advice_row *r);
struct json_t *dna_advice_summary_json(const dna_advice_summary *s);
/* A frequency table: {"loci": [{"locus", "sample_size", "floor", "alleles": {allele: frequency}}]};
 * one locus of it. */
struct json_t *dna_freqs_json(const dna_freqs *f);
struct json_t *dna_freq_locus_json(const dna_freq_locus *L);
/* A pedigree: {"family", "source", ..., "individuals": [...], "tree"} (tree if known). */
struct json_t *dna_pedigree_json(const dna_pedigree_info *p);

#endif
