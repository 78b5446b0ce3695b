/* Printing what the linker learnt, for people to check it. */
#include <math.h>
#include <stdio.h>

#include "match/match.h"

void match_model_print(FILE *f, const match_spec *spec, const match_result *r)
{
	fprintf(f, "EM: %d iterations%s, lambda %.5f, %zu level patterns\n", r->model.iterations,
	        r->model.converged ? "" : " (not converged)", r->model.lambda, r->patterns);
	fprintf(f, "| comparison | level | m | u | log2 m/u |\n|---|---|---|---|---|\n");
	for(int c = 0; c < spec->ncmps; c++) {
		const char *const *names;
		int n = match_levels(spec->cmps[c].kind, &names);
		bool first = true;
		for(int k = 0; k < n; k++) {
			if(!match_level_possible(&spec->cmps[c], k))
				continue;
			fprintf(f, "| %s | %s | %.4f | %.5f | %+.2f |\n", first ? spec->cmps[c].name : "",
			        names[k], r->model.m[c][k], r->model.u[c][k],
			        log2(r->model.m[c][k] / r->model.u[c][k]));
			first = false;
		}
	}
}
