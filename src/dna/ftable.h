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
 * largest), and the pairs that pass are recomputed by dna_exact_family.
 *
 * Families of the same shape whose typed members show the same genotypes
 * at a locus have the same table there (one sibling 12/14, say, in
 * hundreds of families): a cache keyed by the locus, the pedigrees and
 * those genotypes computes each once. */
#ifndef PARLEY_DNA_FTABLE_H
#define PARLEY_DNA_FTABLE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/arena.h"
#include "core/buf.h"
#include "core/err.h"
#include "core/hmap.h"
#include "dna/ped.h"

typedef struct dna_ftable_cache {
	hmap map;
	arena a;                  /* the tables */
	size_t bytes, max_bytes;  /* past max_bytes nothing more is kept */
	uint64_t hits, misses;
	buf key;                  /* the key being built */
} dna_ftable_cache;

/* A cache for one model and one set of observations (a screening). */
void dna_ftable_cache_init(dna_ftable_cache *c, size_t max_bytes);
void dna_ftable_cache_free(dna_ftable_cache *c);

/* t[i] = log10 LR of obs[i] at locus l for the family kin (missing person
 * kin->missing[0]) under m: exact when kin->nalt == 1, the largest over
 * the alternatives otherwise; DNA_LOG_ZERO for an LR of 0; 0 where the
 * relatives contradict each other (every L0 is 0) and for an untyped
 * observation. l1 and l0 are scratch of kin->nalt * nobs doubles each.
 * PL_ELIMIT (theta beyond the engine's sum), PL_ENOMEM, with err. */
pl_rc dna_ftable_locus(const dna_kit *k, int l, const dna_kin *kin, const dna_model *m,
                       const dna_obs *obs, int nobs, double *t, double *l1, double *l0,
                       dna_ftable_cache *c, arena *scratch, pl_err *err);

#endif
