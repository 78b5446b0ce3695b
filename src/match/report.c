/* Printing what the linker learnt, and what to be wary of, for people to
 * check it. */
#include <jansson.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

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

int match_warnings(const match_spec *spec, const match_result *r, size_t na, size_t nb, pl_err *out)
{
	int n = 0;
	char fields[PL_ERR_ARG_MAX] = "";
	for(int c = 0; c < spec->ncmps; c++)
		if(r->constant & (1u << c))
			snprintf(fields + strlen(fields), sizeof(fields) - strlen(fields), "%s%s", *fields ? ", " : "",
			         spec->cmps[c].name);
	if(*fields)
		pl_failc(&out[n++], PL_EINPUT, "match.constant", "fields", fields, NULL);
	if(r->fallback == MATCH_NO_VARIATION)
		pl_failc(&out[n++], PL_EINPUT, "match.fallback_no_variation", NULL);
	else if(r->fallback == MATCH_NOT_SEPARATED)
		pl_failc(&out[n++], PL_EINPUT, "match.fallback_not_separated", "n", PL_N((long long)r->matches),
		         NULL);
	if(!na || !nb)
		return n;
	/* A block over its rule's cap without windows (a service number that
	 * many records share) is skipped: say so, or it is a silent gap. */
	if(r->skipped_blocks)
		pl_failc(&out[n++], PL_EINPUT, "match.blocks_skipped", "n", PL_N((long long)r->skipped_blocks), NULL);
	if(!r->candidates)
		pl_failc(&out[n++], PL_EINPUT, "match.no_candidates", NULL);
	else if(!r->links && !r->reviews)
		pl_failc(&out[n++], PL_EINPUT, "match.none_linked", "n", PL_N((long long)r->candidates), NULL);
	return n;
}

json_t *match_warnings_json(const match_spec *spec, const match_result *r, size_t na, size_t nb)
{
	pl_err w[MATCH_WARNINGS_MAX] = {{0}};
	return match_messages_json(w, match_warnings(spec, r, na, nb, w));
}

json_t *match_messages_json(const pl_err *w, int n)
{
	json_t *arr = json_array();
	for(int k = 0; k < n; k++) {
		json_t *args = json_object();
		for(int i = 0; i < w[k].nargs; i++)
			json_object_set_new(args, w[k].arg[i].name, json_string(w[k].arg[i].value));
		json_array_append_new(arr, json_pack("{s:s, s:s, s:o}", "message", w[k].msg, "message_code", w[k].code,
		                                     "args", args));
	}
	return arr;
}
