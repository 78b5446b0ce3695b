/* FEBRL 4 (data/febrl) as parley's person records, as an office would
 * import them: given_name and surname the names, date_of_birth the birth
 * date, soc_sec_id the service number (the identifier), and the address
 * in the address fields: street_number and address_1 the first line of
 * home_address, address_2 the second, postcode the third; suburb
 * home_locality; state home_region. Keyed as reconcile and dedupe key
 * persons (match_person_row). Shared by bench_febrl_person and the unit
 * test match/test_address. */
#ifndef PARLEY_BENCH_FEBRL_PERSON_H
#define PARLEY_BENCH_FEBRL_PERSON_H

#include "match/person.h"

typedef struct febrl_persons {
	match_list a, b, all;      /* originals, duplicates, both in one list */
	int *ida, *idb, *idall;    /* the N of rec-N-... of each record */
	size_t na, nb, nall;
} febrl_persons;

/* Load dataset4a.csv and dataset4b.csv from dir; 0, or 1 said on stderr. */
int febrl_persons_load(names *nm, const char *dir, febrl_persons *d);
void febrl_persons_free(febrl_persons *d);

/* match_person_spec without its address comparisons and blocking rules:
 * the person record before addresses. cmps and rules hold its parts. */
match_spec febrl_persons_no_address(match_comparison cmps[MATCH_CMPS_MAX], match_rule rules[MATCH_RULES_MAX]);

typedef struct febrl_persons_score {
	size_t tp, fp, fn, candidates;
	double precision, recall, f1, seconds;
} febrl_persons_score;

/* Link (a against b) or deduplicate (all), scored against the truth:
 * each original's one duplicate. */
febrl_persons_score febrl_persons_run(const febrl_persons *d, const match_spec *spec, bool dedupe);

#endif
