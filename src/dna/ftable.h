/* A family's table at one locus, by the engine: the log10 LR of every
 * genotype the remains show there, exact (docs/dna.md, "Screening and
 * thresholds").
 *
 * One dna_kin_locus pass per locus gives L1 and L0 of every observation
 * at once. With one pedigree alternative the table's entries are the
 * engine's log10 (L1 / L0), so a remains profile's sum over the loci is
 * its exact log10 LR (the loci are independent): the screening needs no
 * recompute for it. With several alternatives (relatives of unknown side)
 * an entry is the largest over the alternatives, an upper bound of the
 * exact LR (a weighted mean of the alternatives' ratios is at most the
 * largest), and the pairs that pass get the exact mixture from each
 * alternative's L1 and L0, which the cache keeps beside the table.
 *
 * Families of the same shape whose typed members show the same genotypes
 * at a locus have the same table there (one sibling 12/14, say, in
 * hundreds of families): a cache keyed by the locus, the pedigrees and
 * those genotypes computes each once for all the workers of a screening.
 * Typed members who are interchangeable (children of the same two parents
 * with no children of their own: siblings, the missing person's children)
 * are keyed in the order of their genotypes, so two brothers 12/14 and
 * 13/15 share a table with two brothers 13/15 and 12/14. */
#ifndef PARLEY_DNA_FTABLE_H
#define PARLEY_DNA_FTABLE_H

#include <pthread.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/arena.h"
#include "core/buf.h"
#include "core/err.h"
#include "core/hmap.h"
#include "dna/ped.h"

/* Shared by the threads of one screening (one model, one set of
 * observations): a table once kept never moves or changes, so it is read
 * outside the lock. */
typedef struct dna_ftable_cache {
	pthread_mutex_t lock;
	hmap map;
	arena a;                  /* the tables */
	size_t bytes, max_bytes;  /* past max_bytes nothing more is kept */
} dna_ftable_cache;

/* One thread's use of a cache. */
typedef struct dna_ftable_user {
	dna_ftable_cache *cache;
	uint64_t hits, misses;
	buf key;                  /* the key being built */
} dna_ftable_user;

pl_rc dna_ftable_cache_init(dna_ftable_cache *c, size_t max_bytes);
void dna_ftable_cache_free(dna_ftable_cache *c);
void dna_ftable_user_init(dna_ftable_user *u, dna_ftable_cache *c);
void dna_ftable_user_free(dna_ftable_user *u);

/* t[i] = log10 LR of obs[i] at locus l for the family kin (missing person
 * kin->missing[0]) under m: exact when kin->nalt == 1, the largest over
 * the alternatives otherwise; DNA_LOG_ZERO for an LR of 0; 0 where the
 * relatives contradict each other (every L0 is 0) and for an untyped
 * observation. l1 and l0 receive each alternative's likelihoods
 * (l1[a * nobs + i]), kin->nalt * nobs doubles each. u may be NULL (no
 * cache). PL_ELIMIT (theta beyond the engine's sum), PL_ENOMEM, with err. */
pl_rc dna_ftable_locus(const dna_kit *k, int l, const dna_kin *kin, const dna_model *m,
                       const dna_obs *obs, int nobs, double *t, double *l1, double *l0,
                       dna_ftable_user *u, arena *scratch, pl_err *err);

#endif
