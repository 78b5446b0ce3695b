/* make bench-febrl: link FEBRL 4 and score it against its truth.
 *   bench_febrl [DIR]   (default: the data/febrl the build was made from)
 * Prints the model, the blocking, and a last line
 *   precision P recall R F1 F  time T s */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "febrl.h"

static double now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

int main(int argc, char **argv)
{
	const char *dir = argc > 1 ? argv[1] : PARLEY_FEBRL_DIR;
	pl_err err = {0};
	double t0 = now();
	febrl_data d;
	if(febrl_load(dir, &d, &err)) {
		fprintf(stderr, "bench_febrl: %s\n", err.msg);
		return 1;
	}
	double t1 = now();
	match_opts o = MATCH_OPTS_DEFAULT;
	match_result r;
	if(match_link(&febrl_spec, &d.a, &d.b, &o, &r, &err)) {
		fprintf(stderr, "bench_febrl: %s\n", err.msg);
		return 1;
	}
	double t2 = now();
	febrl_score s = febrl_evaluate(&d, &r);
	match_model_print(stdout, &febrl_spec, &r);
	printf("\nFEBRL 4: %zu x %zu records\n", d.a.n, d.b.n);
	for(int k = 0; k < febrl_spec.nrules; k++)
		printf("  rule %-26s %9zu pairs\n", febrl_spec.rules[k].name, r.rule_pairs[k]);
	printf("  candidate pairs (union)           %9zu  (largest block %zu)\n", r.candidates,
	       r.largest_block);
	printf("  links %zu, review %zu; true %zu, false %zu, missed %zu\n", r.links, r.reviews, s.tp,
	       s.fp, s.fn);
	printf("  read %.3f s, linked in %.3f s\n", t1 - t0, t2 - t1);
	printf("precision %.4f recall %.4f F1 %.4f  time %.3f s\n", s.precision, s.recall, s.f1, t2 - t0);
	match_result_free(&r);
	febrl_free(&d);
	return 0;
}
