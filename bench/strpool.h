/* The founders' pool of the DNA benchmarks (bench_dna, bench_advice): a
 * genotypes file (the NIST 1,036, data/str) read, and the allele
 * frequencies counted from it. */
#ifndef PARLEY_BENCH_STRPOOL_H
#define PARLEY_BENCH_STRPOOL_H

#include "core/err.h"
#include "dna/freq.h"
#include "dna/read.h"

/* pool and f initialised and filled; err says what failed (the file's
 * first problem with its line). */
pl_rc bench_str_pool(const char *path, dna_rows *pool, dna_freqs *f, pl_err *err);

#endif
