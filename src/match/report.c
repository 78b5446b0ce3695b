/* Printing what the linker learnt, for people to check it. */
#include <jansson.h>
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

json_t *match_explain_json(const match_spec *spec, const match_result *r, const match_side *a,
                           const match_side *b, const match_pair *p, double *weight)
{
	double part[MATCH_CMPS_MAX];
	double w = match_explain(spec, r, a, b, p, part);
	if(weight)
		*weight = w;
	json_t *fields = json_object();
	for(int c = 0; c < spec->ncmps; c++) {
		const char *const *lvl;
		match_levels(spec->cmps[c].kind, &lvl);
		json_object_set_new(fields, spec->cmps[c].name,
		                    json_pack("{s:s, s:f}", "level",
		                              p->level[c] == MATCH_NULL ? "unknown" : lvl[p->level[c]],
		                              "weight", round(part[c] * 100) / 100));
	}
	return fields;
}
