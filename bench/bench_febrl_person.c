/* make bench-febrl, second part: FEBRL 4 as parley's person records.
 *   bench_febrl_person [DIR]   (default: the data/febrl the build was made from)
 *
 * bench_febrl links FEBRL with a spec written for its columns. Here each
 * record becomes a person (febrl_person.h), keyed and linked as reconcile
 * and dedupe link persons (match_person_row, match_person_spec), with the
 * address comparisons and blocking rules left out ("no address": the
 * person record before issue 14) and with them, both as linkage (5,000
 * originals against their 5,000 duplicates) and as deduplication (the
 * 10,000 in one list, the 5,000 true pairs to find). Records without a
 * name stay in and count against recall. Prints a table; the F1 the issue
 * names is its last but one column. */
#include <stdio.h>
#include <time.h>

#include "febrl_person.h"

int main(int argc, char **argv)
{
	const char *dir = argc > 1 ? argv[1] : PARLEY_FEBRL_DIR;
	pl_err err = {0};
	names *nm;
	if(names_open(&nm, &err)) {
		fprintf(stderr, "bench_febrl_person: %s\n", err.msg);
		return 1;
	}
	struct timespec t0, t1;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	febrl_persons d;
	if(febrl_persons_load(nm, dir, &d))
		return 1;
	clock_gettime(CLOCK_MONOTONIC, &t1);
	match_comparison cmps[MATCH_CMPS_MAX];
	match_rule rules[MATCH_RULES_MAX];
	match_spec before = febrl_persons_no_address(cmps, rules);
	printf("FEBRL 4 as person records: %zu originals, %zu duplicates (keyed in %.2f s)\n\n", d.na, d.nb,
	       (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9);
	printf("| task | comparisons | candidates | precision | recall | F1 | time |\n");
	printf("|---|---|---|---|---|---|---|\n");
	struct {
		const char *task, *what;
		const match_spec *spec;
		bool dedupe;
	} runs[] = {
		{"linkage a x b", "no address", &before, false},
		{"linkage a x b", "with address", &match_person_spec, false},
		{"dedupe a + b", "no address", &before, true},
		{"dedupe a + b", "with address", &match_person_spec, true},
	};
	for(size_t k = 0; k < sizeof(runs) / sizeof(runs[0]); k++) {
		febrl_persons_score s = febrl_persons_run(&d, runs[k].spec, runs[k].dedupe);
		printf("| %s | %s (%d) | %zu | %.4f | %.4f | %.4f | %.2f s |\n", runs[k].task, runs[k].what,
		       runs[k].spec->ncmps, s.candidates, s.precision, s.recall, s.f1, s.seconds);
	}
	febrl_persons_free(&d);
	names_close(nm);
	return 0;
}
