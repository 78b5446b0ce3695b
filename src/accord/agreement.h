/* Agreements: the terms two parties negotiate, as a JSON document.
 *
 * An agreement names the parties, the mediator and the transit country,
 * when it was concluded and how long it holds, when a delivery counts, what
 * is withheld from statements, and its clauses. A clause covers one
 * subject (living prisoners, civilians, remains) with an eligibility rule
 * (rule.h), a basis that balances what each side hands over, a priority
 * order, and a capacity per stage. docs/agreements.md describes the
 * document with examples; examples/ holds the Istanbul 2025 agreements and
 * the Dix-Hill cartel of 1862.
 *
 * Every basis is exact integer arithmetic:
 *   all for all   everyone eligible, on both sides; nothing to balance
 *   quota         each side a fixed number ("1,000 for 1,000"; "6,000
 *                 bodies for 6,000"); stages keep the quotas' proportion
 *   ratio         a:b per category (1 civilian hostage for 30 prisoners)
 *   points        an equivalence scale (a colonel is worth 15 privates);
 *                 the points each side hands over are equal, and within
 *                 a pool ("civilians only for civilians") only among its
 *                 members */
#ifndef PARLEY_ACCORD_AGREEMENT_H
#define PARLEY_ACCORD_AGREEMENT_H

#include <stdbool.h>
#include <stdint.h>

#include "accord/rule.h"
#include "core/arena.h"
#include "core/buf.h"
#include "core/date.h"
#include "core/err.h"
#include "core/lang.h"
#include "registry/registry.h"

enum {
	PARTY_CODE_MAX = 8,      /* UA, RU; mediators: ICRC, TR */
	CLAUSES_MAX = 32,
	SCALE_MAX = 32,
	PRIORITY_MAX = 4,        /* each kind at most once */
	AGREEMENT_NAME_MAX = 64,
	AGREEMENT_K_DEFAULT = 10,   /* the smallest group a statement under embargo describes */
	AGREEMENT_K_MIN = 2,
	AGREEMENT_K_MAX = 10000
};

/* A title in words, as the document gives it: one text, or one per
 * language, {"en": ..., "uk": ..., "ru": ...} (at least one of them). */
typedef struct agreement_titles {
	const char *in[LANG_COUNT];   /* NULL: not in that language */
	const char *plain;            /* given as one text, its language not said */
} agreement_titles;

/* The title to show in `want`: in that language if the document has it,
 * else in English, Ukrainian, Russian (the first of them it has), else
 * the one text it gives. *got (if not NULL): the language of the title
 * returned, -1 for the one text. NULL if there is no title at all. */
const char *agreement_title_in(const agreement_titles *t, lang_id want, int *got);
/* The title in each language as arguments of a coded message (pl_failc):
 * "title_en", ..., "title_uk", ..., "title_ru", ... The catalogue's text
 * names the agreement by the {agreement} the user typed (the CLI); the web
 * UI names it by its title in the user's language instead. */
#define AGREEMENT_TITLE_ARGS(ag)                                                     \
	"title_en", agreement_title_in(&(ag)->titles, LANG_EN, NULL), "title_uk",          \
	    agreement_title_in(&(ag)->titles, LANG_UK, NULL), "title_ru",                   \
	    agreement_title_in(&(ag)->titles, LANG_RU, NULL)

typedef enum clause_subject { SUBJECT_PRISONERS, SUBJECT_CIVILIANS, SUBJECT_REMAINS } clause_subject;

typedef enum basis_kind { BASIS_ALL_FOR_ALL, BASIS_QUOTA, BASIS_RATIO, BASIS_POINTS } basis_kind;

/* When a person (or a body) counts toward the balance. */
typedef enum accounting { COUNT_AT_DELIVERY, COUNT_AT_SIGNING } accounting;

/* What decides who goes first when not everyone fits in a stage. */
typedef enum priority_kind {
	PRIORITY_SEVERITY,   /* severely wounded, seriously ill, wounded, none, unknown */
	PRIORITY_CAPTIVITY,  /* longest held first (earliest capture) */
	PRIORITY_AGE,        /* oldest first; youngest first when ascending */
	PRIORITY_POINTS,     /* most points first (points basis) */
	PRIORITY_COUNT
} priority_kind;

typedef struct priority_key {
	priority_kind kind;
	bool ascending;     /* "age asc": youngest first */
} priority_key;

typedef struct scale_step {
	const char *text;   /* the rule as written */
	rule *when;
	long points;
} scale_step;

typedef struct clause {
	const char *id;           /* [a-z0-9_-], unique in the agreement */
	const char *title;        /* its title in English, else as agreement_title_in falls back */
	agreement_titles titles;
	clause_subject subject;
	const char *eligible_text;
	rule *eligible;           /* NULL for remains */
	basis_kind basis;
	/* BASIS_QUOTA: quota[side]; BASIS_RATIO: side 0 hands over ratio[0]
	 * for every ratio[1] side 1 hands over. Sides are in the order of the
	 * agreement's parties. */
	long quota[2], ratio[2];
	scale_step scale[SCALE_MAX];  /* BASIS_POINTS: the first that holds */
	int nscale;
	const char *pool_text;    /* BASIS_POINTS: those who balance only among themselves */
	rule *pool;
	priority_key priority[PRIORITY_MAX];
	int npriority;
	long capacity;            /* per side per stage; 0: no limit */
} clause;

typedef struct agreement {
	int64_t id;               /* in this database; 0 if not stored */
	const char *name;         /* the document's "id": istanbul-2025-06; never in a statement */
	const char *title;        /* its title in English, else as agreement_title_in falls back */
	agreement_titles titles;
	char party[2][PARTY_CODE_MAX + 1];
	const char *mediator, *transit;
	pdate concluded, valid_from, valid_until; /* y == 0: not given */
	pdate conflict_start;     /* "held since the first days" counts from here */
	accounting counting;
	/* Statements give no numbers until this date, or (if set) until every
	 * stage is executed or closed; and while they give none, no figure
	 * that describes fewer than embargo_k people (statement.h). */
	pdate embargo_until;
	bool embargo_until_done;
	int embargo_k;            /* AGREEMENT_K_DEFAULT unless the document says */
	clause clauses[CLAUSES_MAX];
	int nclauses;
	const char *canonical;    /* the document, canonical JSON (RFC 8785) */
	char sha256[65];
} agreement;

/* Read and check a document (`name` is the file, for messages). Errors
 * say where: "istanbul.json: clauses[1].eligible: column 31: ...", or
 * the line and column of a JSON syntax error. Everything lives in a. */
pl_rc agreement_parse(const char *text, size_t len, const char *name, arena *a, agreement *out,
                      pl_err *err) PL_NODISCARD;

/* The agreement in words, clause by clause, for `agreement check`. */
pl_rc agreement_explain(const agreement *ag, buf *out) PL_NODISCARD;
/* One clause's basis in words: "1,000 for 1,000", "all for all". */
pl_rc clause_basis_text(const agreement *ag, const clause *c, buf *out) PL_NODISCARD;

/* 0 or 1 for a party code of the agreement, -1 if it is not one. */
int agreement_side(const agreement *ag, const char *party);
const clause *agreement_clause(const agreement *ag, const char *id);

const char *clause_subject_name(clause_subject s);   /* "prisoners" */
const char *basis_kind_name(basis_kind b);           /* "all_for_all" */

/* ---- a clause and a person ------------------------------------------------ */

/* A person's points under a points basis (1 under the others); 0 when no
 * step of the scale applies (they cannot be exchanged under it). */
long clause_points(const clause *c, const person *p, pdate stage_date);
/* Whether the person is in the clause's pool (points basis). */
bool clause_in_pool(const clause *c, const person *p, pdate stage_date);

/* Why a person may not go in a stage of a clause. */
typedef enum clause_exclusion {
	EXCLUDE_NOT_CONFIRMED,    /* captured (reported), not yet confirmed held */
	EXCLUDE_NOT_YET_CAPTURED, /* captured after the stage's date: not held on that day */
	EXCLUDE_PARTY,            /* not the other party's: unknown, or a third party */
	EXCLUDE_CONSENT,          /* refuses repatriation (Art. 109) */
	EXCLUDE_NOT_ELIGIBLE,     /* the clause's rule says no */
	EXCLUDE_UNKNOWN,          /* the rule cannot tell: the record lacks what it asks */
	EXCLUDE_NO_POINTS,        /* no step of the scale applies */
	EXCLUDE_BOOKED,           /* on another open stage */
	EXCLUDE_OTHER_MEDIATOR,   /* on an open stage through another mediator */
	EXCLUDE_LISTED_ELSEWHERE, /* listed on a manifest this registry does not have */
	EXCLUDE_COUNT
} clause_exclusion;

const char *clause_exclusion_name(clause_exclusion r);   /* "not_eligible" */
const char *clause_exclusion_text(clause_exclusion r);   /* "not eligible under the clause" */

/* The open stage a person is on, as whoever asks read it. */
typedef struct clause_booking {
	const char *stage;        /* its uid; NULL: on none */
	const char *mediator;     /* its agreement's mediator, NULL if none */
} clause_booking;

/* What decided whether a person may go in a stage. */
typedef struct clause_verdict {
	clause_exclusion reason;  /* when they may not */
	const rule *test;         /* the rule's test that decided, or NULL */
	const char *value;        /* what else decided: their party, the stage they are on, their rank */
	person_status status;     /* theirs, for EXCLUDE_NOT_CONFIRMED */
	long points;              /* when they may: what they count for */
} clause_verdict;

/* Whether a person held by `side` may go in a stage of clause cl on date,
 * being on the open stage b says (NULL: none): confirmed held, the other
 * party's, not refusing repatriation, on no open stage through this
 * mediator or another, not listed elsewhere, eligible, worth points. The
 * one check behind the planner and every list a person is put on by
 * hand; v says what decided (v->value points into pe or b). */
bool clause_admits(const agreement *ag, const clause *cl, pdate date, const person *pe, int side,
                   const clause_booking *b, clause_verdict *v);

/* A verdict in words: whether anything decided beyond the reason, and
 * what (the rule's test, the party, the stage, ...); and the reason with
 * it, "not eligible under the clause: branch is not civilian". */
bool clause_verdict_has_detail(const clause_verdict *v);
pl_rc clause_verdict_detail(const clause_verdict *v, buf *out) PL_NODISCARD;
pl_rc clause_verdict_text(const clause_verdict *v, buf *out) PL_NODISCARD;
/* The detail as data, for the web UI to say in the user's language:
 * {"rule": rule_json}, {"value": "..."} (a party, a stage, a rank),
 * {"status": "captured"} or {"party_unknown": true}; NULL without one. */
json_t *clause_verdict_json(const clause_verdict *v);
/* The clause's basis, eligibility, scale, pool and priority as data
 * ({"quota": [a, b]}, rules as rule_json), for the UI's "in words". */
json_t *clause_terms_json(const clause *c);

/* ---- stored agreements --------------------------------------------------- */

/* Store a checked agreement, audited. The same document again changes
 * nothing (*added false); another document under a stored name is
 * refused: terms are never edited, a change is a new agreement. */
pl_rc agreement_add(store *st, agreement *ag, bool *added, pl_err *err) PL_NODISCARD;
/* By name; PL_ENOTFOUND if there is none. */
pl_rc agreement_get(store *st, const char *name, arena *a, agreement *out, pl_err *err) PL_NODISCARD;
pl_rc agreement_get_id(store *st, int64_t id, arena *a, agreement *out, pl_err *err) PL_NODISCARD;

typedef struct agreement_row {
	const char *name, *title, *party_a, *party_b, *mediator, *concluded;
	agreement_titles titles;  /* as the document gives them */
	long stages, open_stages;
} agreement_row;

pl_rc agreement_list(store *st, arena *a, agreement_row **out, size_t *n, pl_err *err) PL_NODISCARD;

#endif
