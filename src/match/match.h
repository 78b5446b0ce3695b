/* Record linkage: which record of one list is which record of another,
 * by the Fellegi-Sunter model.
 *
 * Two sides of records, each a row of string columns (NULL: unknown),
 * prepared by the caller: name keys, dates as YYYYMMDD, identifiers
 * without spaces. The linker
 *
 *   1. proposes candidate pairs by blocking rules (records that agree
 *      exactly on all the columns of a rule; in a large block, only
 *      neighbours in the order of other columns: match_rule), the union
 *      of the rules deduplicated, so that not every pair is compared;
 *   2. compares each candidate pair column by column into levels
 *      (exact, equivalent, swapped, close, ..., else; unknown when either
 *      value is);
 *   3. estimates for each level u, how often unrelated records agree that
 *      way, from random pairs, and m, how often the same person does, by
 *      EM over the candidate pairs' level patterns (no labels needed);
 *   4. weighs each pair: the log2 Bayes factors m/u of its levels plus the
 *      prior, with an exact agreement on a value weighed by how rare the
 *      value is (term frequency), and turns the weight into a probability;
 *   5. sorts the pairs into links (at or above the match threshold), a
 *      review queue (between the thresholds), and outranked pairs (the
 *      record was linked better elsewhere, when links are one to one).
 *
 * Every pair keeps its levels, so its weight can be explained field by
 * field (match_explain). */
#ifndef PARLEY_MATCH_MATCH_H
#define PARLEY_MATCH_MATCH_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "core/arena.h"
#include "core/err.h"
#include "core/hmap.h"

enum {
	MATCH_COLS_MAX = 32,
	MATCH_CMPS_MAX = 16,
	MATCH_LEVELS_MAX = 8,
	MATCH_RULES_MAX = 16,
	MATCH_SESSIONS_MAX = 16, /* rules and rules with windows: bits of a 16-bit mask */
	MATCH_SIDE_MAX = 0xFFFFFF, /* records a side: an index is 24 bits */
	MATCH_RULE_COLS = 4,
	MATCH_RULE_WINS = 2,
	MATCH_RULE_SCREENS = 3,
	MATCH_NULL = 0xff, /* the level of a comparison with an unknown value */
};

/* ---- the records ------------------------------------------------------ */

typedef struct match_side {
	size_t n, ncols;
	/* Each record's values in one piece: ncols 16-bit offsets into it (0
	 * for unknown), then the strings. Comparing a pair reads two records,
	 * not twenty scattered strings: at a million a side that is most of
	 * the time a comparison takes. */
	const char **rec;
	size_t cap;
	arena a;
} match_side;

enum { MATCH_RECORD_MAX = 65535 }; /* bytes of a record's values */

void match_side_init(match_side *s, size_t ncols);
/* Add a record: ncols values, copied ("" counts as unknown). PL_ELIMIT if
 * they are longer than MATCH_RECORD_MAX together. */
pl_rc match_side_add(match_side *s, const char *const *values) PL_NODISCARD;
/* Replace record i's values (values read before stay valid). */
pl_rc match_side_set(match_side *s, size_t i, const char *const *values) PL_NODISCARD;
void match_side_free(match_side *s);

static inline const char *match_value(const match_side *s, size_t i, int col)
{
	const char *r = s->rec[i];
	uint16_t off;
	memcpy(&off, r + 2 * col, sizeof(off));
	return off ? r + off : NULL;
}

/* ---- what to compare -------------------------------------------------- */

typedef enum match_kind {
	/* exact; equivalent (through the `alt` column: a dictionary form);
	 * swapped (the other record's `swap` column equals it, or both cross
	 * pairs are at Jaro-Winkler >= 0.88: given name and surname
	 * exchanged); Jaro-Winkler >= 0.94; >= 0.88; variant (the `skel`
	 * columns equal: the same consonants, as a Ukrainian and a Russian
	 * form the dictionary does not know, Білокінь/Белоконь); else */
	MATCH_NAME,
	/* YYYYMMDD with 00 for an unknown month or day: exact; day and month
	 * swapped; one digit off or two digits transposed; only the year known
	 * on one side and the same; years one apart; else */
	MATCH_DATE,
	/* exact; two neighbouring characters transposed; one edit; else */
	MATCH_ID,
	/* exact; Jaro-Winkler >= 0.94; >= 0.85; else */
	MATCH_TEXT,
	/* exact; else */
	MATCH_EXACT,
	/* address lines as match_address_key (person.h) writes them: exact;
	 * the same numbers and the words close; the words close; the same
	 * numbers; partly (some words or a number); else */
	MATCH_ADDRESS,
	MATCH_KIND_COUNT
} match_kind;

typedef struct match_comparison {
	const char *name;
	match_kind kind;
	int col;
	int alt;  /* MATCH_NAME: the column of the value's equivalent, or -1 */
	int swap; /* MATCH_NAME: the column it may be found in instead, or -1 */
	bool tf;  /* weigh an exact agreement by the value's rarity */
	int also; /* a column derived from the same value (the birth year of a
	           * birth date), or -1: a blocking rule on it fixes this too */
	int skel; /* MATCH_NAME: the column of the value's skeleton, or -1 */
} match_comparison;

/* Records are candidates when they agree exactly on all the columns. */
typedef struct match_rule {
	const char *name;
	int cols[MATCH_RULE_COLS];
	int ncols;
	/* Comparisons (bit c) the rule fixes besides those on its columns: a
	 * column derived from a compared one (a surname's skeleton) makes the
	 * candidates agree on it more than chance would. */
	unsigned fixes;
	/* Blocks larger than this on side b (0: opts->max_block) are taken
	 * in windows, or skipped if the rule has none: a key that many share
	 * tells little, and its pairs grow with its square. */
	size_t max_block;
	/* The windows of a large block: for each column win[k], the block in
	 * that column's order (unknown first), each record of a paired with
	 * opts->window records of b before it and as many after it, and with
	 * those of b that have its value, if they are few; a record that
	 * knows none of the window columns with the whole block. */
	int win[MATCH_RULE_WINS];
	int nwin;
	/* A pair of a block taken whole is compared only if it is near (match_near) on one of these columns,
	 * or one of its records does not know it: two men who share a
	 * surname and a birth year but neither given name nor birth date are
	 * not worth a comparison. None: every pair of a block. */
	int screen[MATCH_RULE_SCREENS];
	int nscreen;
} match_rule;

typedef struct match_spec {
	const match_comparison *cmps;
	int ncmps;
	const match_rule *rules;
	int nrules;
} match_spec;

/* The levels of a kind, best first, "else" last; returns their count. */
int match_levels(match_kind k, const char *const **names);
/* The share of the same person's record pairs at each level of a kind,
 * assumed when the lists cannot teach it (match_result.fallback). */
double match_prior_m(match_kind kind, int level);
/* Whether level k can occur for the comparison (a name without an `alt`
 * column is never "equivalent"); those that cannot weigh nothing. */
bool match_level_possible(const match_comparison *c, int k);

/* ---- the model and the outcome ---------------------------------------- */

typedef struct match_model {
	double lambda; /* the share of candidate pairs that are the same person */
	double m[MATCH_CMPS_MAX][MATCH_LEVELS_MAX];
	double u[MATCH_CMPS_MAX][MATCH_LEVELS_MAX];
	int iterations; /* of EM */
	bool converged;
	/* An exact agreement's term-frequency u is the value's share less
	 * this (the pairs' own matches among the random pairs: see fallback). */
	double tf_less[MATCH_CMPS_MAX];
} match_model;

/* Why the lists could not teach the model by themselves (EM's guard),
 * when they could not: the model then holds prior m values (match_prior_m)
 * and u corrected on the assumption that each record of the smaller list
 * has its match in the other. */
typedef enum match_fallback {
	MATCH_LEARNT,         /* EM learnt m from the lists */
	MATCH_NO_VARIATION,   /* no blocking rule leaves two comparisons that vary */
	MATCH_NOT_SEPARATED,  /* EM found more matches than the lists can hold */
} match_fallback;

typedef struct match_opts {
	double threshold;  /* a link at or above this probability (default 0.9) */
	double review;     /* the review queue from here (default 0.3) */
	bool one_to_one;   /* a record links at most once (default: set) */
	bool dedupe;       /* a and b are the same side: pairs i < j only */
	uint64_t seed;     /* of the random pairs behind u */
	size_t u_pairs;    /* how many (default 300,000, at most all pairs) */
	size_t max_block;  /* blocks larger than this on side b are skipped
	                    * and counted (default 10,000), or windowed */
	size_t window;     /* records of b on each side in a window, each
	                    * met only if near in its column (default 5) */
	size_t window_ties; /* and those of b with the a-record's value, if
	                     * no more than this (default 8) */
	int prune;         /* a pair proposed by more than this many rules
	                    * fewer than another pair of each of its records
	                    * is dropped (default 1; negative: none) */
	int prune_behind;  /* and one more than this many behind another pair
	                    * of either record (default 3; with prune) */
	const match_model *model; /* given m, u and lambda: no estimation */
	int threads;       /* default 2 */
} match_opts;

#define MATCH_OPTS_DEFAULT                                                              \
	{ .threshold = 0.9, .review = 0.3, .one_to_one = true, .seed = 1, .u_pairs = 300000, \
	  .max_block = 10000, .window = 5, .window_ties = 8, .prune = 1, .prune_behind = 3, \
	  .threads = 2 }

typedef enum match_status {
	MATCH_LINK,      /* at or above the threshold */
	MATCH_REVIEW,    /* between the thresholds: a person decides */
	MATCH_OUTRANKED, /* a or b has a better link */
} match_status;

typedef struct match_pair {
	uint32_t a, b;
	float weight; /* log2 of the odds, prior included */
	float prob;
	uint8_t status;
	uint8_t level[MATCH_CMPS_MAX];
} match_pair;

typedef struct match_result {
	match_model model;
	size_t candidates;                  /* distinct pairs compared */
	size_t pruned;                      /* proposed, but dropped by opts->prune */
	size_t rule_pairs[MATCH_RULES_MAX]; /* pairs each rule proposed */
	size_t skipped_blocks;              /* over max_block, without windows */
	size_t windowed_blocks;             /* over max_block, taken in windows */
	size_t largest_block;
	size_t patterns;                    /* distinct level patterns */
	/* Comparisons (bit c) that hardly ever differ between random records
	 * (everyone born the same day): they tell nobody apart and weigh 0. */
	unsigned constant;
	match_fallback fallback;
	double matches;                     /* EM's expected matches among all pairs */
	match_pair *pairs;                  /* prob >= review, best first */
	size_t npairs;
	size_t links, reviews;
	hmap tf[MATCH_CMPS_MAX];            /* value -> count, for tf comparisons */
	size_t tf_total[MATCH_CMPS_MAX];
} match_result;

/* Link side a against side b (or a against itself, opts->dedupe, with b
 * == a). */
pl_rc match_link(const match_spec *spec, const match_side *a, const match_side *b,
                 const match_opts *opts, match_result *out, pl_err *err) PL_NODISCARD;
void match_result_free(match_result *r);
/* Sort the pairs best first and give each its status again (after pairs
 * were changed or added, e.g. by people's decisions). */
pl_rc match_assign(match_result *r, size_t na, size_t nb, const match_opts *o) PL_NODISCARD;

/* The levels of one pair, into level[spec->ncmps]. */
void match_compare(const match_spec *spec, const match_side *a, size_t i, const match_side *b,
                   size_t j, uint8_t *level);
/* Each comparison's part of the pair's weight (log2 Bayes factor; 0 for
 * unknown) into part[spec->ncmps]; returns the weight with the prior. */
double match_explain(const match_spec *spec, const match_result *r, const match_side *a,
                     const match_side *b, const match_pair *p, double *part);
double match_probability(double weight);
/* Each comparison's level and weight, as a JSON object by comparison
 * name; *weight (if set) gets the pair's whole weight. */
typedef struct json_t json_t;
json_t *match_explain_json(const match_spec *spec, const match_result *r, const match_side *a,
                           const match_side *b, const match_pair *p, double *weight);
/* What the reader of a run's outcome must know to trust it, as coded
 * messages into out[MATCH_WARNINGS_MAX] (the count returned): comparisons
 * that tell nobody apart (match.constant), a model that fell back to prior
 * values (match.fallback_no_variation, match.fallback_not_separated), no
 * candidate pair at all (match.no_candidates), candidates of which none
 * came near a match (match.none_linked). A silent zero is a bug. na and
 * nb: the sides' records; 0 for one list against itself, where no pair
 * only means no duplicates. */
enum { MATCH_WARNINGS_MAX = 4 };
int match_warnings(const match_spec *spec, const match_result *r, size_t na, size_t nb, pl_err *out);
/* The same as a JSON array of {message, message_code, args}. */
json_t *match_warnings_json(const match_spec *spec, const match_result *r, size_t na, size_t nb);
/* Coded messages w[0..n) as such an array. */
json_t *match_messages_json(const pl_err *w, int n);
/* The model as a table: m, u and log2 m/u of every level. */
void match_model_print(FILE *f, const match_spec *spec, const match_result *r);

/* ---- string similarity ------------------------------------------------ */

double match_jaro_winkler(const char *a, size_t alen, const char *b, size_t blen);
/* a and b differ only by two neighbouring characters exchanged. */
bool match_one_transposition(const char *a, size_t alen, const char *b, size_t blen);
/* Whether the optimal string alignment distance of a and b is at most
 * one: equal, or one character changed, added, left out, or exchanged
 * with its neighbour. */
bool match_one_edit(const char *a, size_t alen, const char *b, size_t blen);
/* Whether two values of a column are close enough for their records to
 * be compared in blocking: one edit apart; sharing all but the last
 * quarter (a date in the same month, a name's stem); one known only to a
 * prefix of the other, the rest zeros (a date known to its year,
 * 19840000); or dates of 8 digits with day and month exchanged (19851008,
 * 19850810). An unknown value (NULL) is near nothing. */
bool match_near(const char *a, const char *b);
/* ---- the Ukrainian-Russian name comparator (namedist.c) ------------- */

/* Costs are in hundredths of an edit: MATCH_EDIT is one ordinary edit. */
enum { MATCH_EDIT = 100, MATCH_SYMS = 27 }; /* symbols: 0 anything else, 1-26 a-z */

/* Learned from the name dictionary's pairs by tools/gen_name_costs.c,
 * which writes name_costs.c (checked in; a test says if it is stale). */
typedef struct match_name_cost_table {
	unsigned char sub[MATCH_SYMS][MATCH_SYMS]; /* symmetric */
	unsigned char indel[MATCH_SYMS];           /* insertion = deletion */
} match_name_cost_table;
extern const match_name_cost_table match_name_costs;

/* A given name's everyday forms: (key, group) sorted by key then group, a
 * key in every group it belongs to (Слава: Вячеслав, Ярослав, ...). */
typedef struct match_diminutive {
	const char *key;
	int group;
} match_diminutive;
extern const match_diminutive match_diminutives[];
extern const size_t match_ndiminutives;
/* The index of each key's first entry at its hash (hmap_hash, the next
 * slot on a collision), -1 for none. */
enum { MATCH_DIMINUTIVE_SLOTS = 1024 };
extern const short match_diminutive_slot[MATCH_DIMINUTIVE_SLOTS];

int match_name_sub_cost(char x, char y);
int match_name_indel_cost(char x);
/* The learned weighted distance of two name keys, in hundredths of an
 * edit, or max + 1 if it is more than max. */
int match_name_distance(const char *a, size_t alen, const char *b, size_t blen, int max);
/* Two different keys of one group of given names (sasko, sasa, oleksandr). */
bool match_diminutive_of(const char *x, const char *y);
/* A cost table as C initialisers (".sub = {...}, .indel = {...}", for
 * name_costs.c) or as JSON ({"edit": 100, "sub": [[...]], "indel": [...]},
 * for the DuckDB peer). */
void match_name_costs_write(FILE *f, const match_name_cost_table *t, bool json);
/* Whether a dictionary pair, known by its Ukrainian word's key, is held
 * out of the comparator's training (half of them, by a hash). */
bool match_name_held_out(const char *uk_key, size_t len);

/* The level of two address columns (MATCH_ADDRESS; address.c). */
uint8_t match_address_level(const char *x, const char *y);

#endif
