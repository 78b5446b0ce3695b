/* FEBRL 4 (data/febrl): 5,000 original records and 5,000 corrupted
 * duplicates, rec-N-org linked to rec-N-dup-0. Loaded into two linkage
 * sides, with the comparisons and blocking rules used on it; scored
 * against its truth. Shared by bench_febrl and the unit test. */
#ifndef PARLEY_BENCH_FEBRL_H
#define PARLEY_BENCH_FEBRL_H

#include "match/match.h"

enum {
	FEBRL_GIVEN, FEBRL_SURNAME, FEBRL_STREET_NO, FEBRL_ADDRESS1, FEBRL_ADDRESS2, FEBRL_SUBURB,
	FEBRL_POSTCODE, FEBRL_STATE, FEBRL_DOB, FEBRL_SSID, FEBRL_COLS
};

typedef struct febrl_data {
	match_side a, b;
	int *ida, *idb; /* the N of rec-N-... */
} febrl_data;

/* Load dataset4a.csv and dataset4b.csv from dir. */
pl_rc febrl_load(const char *dir, febrl_data *d, pl_err *err);
void febrl_free(febrl_data *d);
extern const match_spec febrl_spec;
/* A field without the blanks around it (and the line's end), in place. */
char *febrl_trim(char *s);

typedef struct febrl_score {
	size_t tp, fp, fn;
	double precision, recall, f1;
} febrl_score;

febrl_score febrl_evaluate(const febrl_data *d, const match_result *r);

#endif
