/* Deduplication of the registry with the linkage engine: the same person
 * entered twice (once from our unit's list, once from an ICRC capture
 * card in Latin letters) shows up as a cluster of records for a person to
 * review. Nothing is ever merged here: merging is a decision with its own
 * audit trail, not a side effect of a score. */
#ifndef PARLEY_MATCH_DEDUPE_H
#define PARLEY_MATCH_DEDUPE_H

#include <stdio.h>

#include "match/person.h"

typedef struct dedupe_cluster {
	uint32_t first;    /* index into members */
	uint32_t n;        /* records in the cluster, 2 or more */
	float best, worst; /* the strongest and weakest link holding it together */
} dedupe_cluster;

typedef struct dedupe_result {
	match_list reg;
	match_result links;
	uint32_t *members;          /* registry records, cluster by cluster */
	dedupe_cluster *clusters;   /* largest link first */
	size_t nclusters, in_clusters;
	double seconds;
} dedupe_result;

/* Pairs at or above `review` (0: 0.3) form clusters (connected
 * components); each cluster lists its records. */
pl_rc dedupe_registry(store *st, names *nm, double review, int threads, dedupe_result *out,
                         pl_err *err) PL_NODISCARD;
void dedupe_free(dedupe_result *r);

/* One row per record in a cluster: cluster number, person, and the
 * cluster's strongest and weakest link probabilities. */
pl_rc dedupe_write_csv(FILE *f, const dedupe_result *r, pl_err *err) PL_NODISCARD;
/* The clusters with their records and the pairs inside, each explained
 * field by field: as a tree (NULL: out of memory), or written. */
typedef struct json_t json_t;
json_t *dedupe_json(const dedupe_result *r);
pl_rc dedupe_write_json(FILE *f, const dedupe_result *r, pl_err *err) PL_NODISCARD;

#endif
