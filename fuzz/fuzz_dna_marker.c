/* A locus's own mutation model as a user writes it (--marker-mutation,
 * the API's "marker_mutation"; dna_params_add_marker), one a line. Taken:
 * one more marker, its model known, its numbers in their ranges, and the
 * model written back out with every digit reads as the same model.
 * Refused: PL_EINPUT, a message in printable ASCII that starts with the
 * field's name, and the settings unchanged. The settings as JSON always
 * name each marker's locus. */
#include <jansson.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dna/dna.h"
#include "fuzz.h"

static void check_message(const char *msg)
{
	if(strncmp(msg, "marker_mutation: ", 17))
		abort();
	for(const char *s = msg; *s; s++)
		if(*s < 0x20 || *s >= 0x7f)
			abort();
}

static void check_ranges(const dna_mutation *m)
{
	const double r[4] = {m->rate_pat, m->rate_mat, m->rate2_pat, m->rate2_mat};
	if((unsigned)m->model >= DNA_MUT_COUNT)
		abort();
	for(int i = 0; i < 4; i++)
		if(!(r[i] >= 0 && r[i] <= 0.1))
			abort();
	if(m->model == DNA_MUT_STEPWISE && !(m->range > 0 && m->range <= 1))
		abort();
	if(m->model == DNA_MUT_NONE && (r[0] || r[1] || r[2] || r[3]))
		abort();
}

/* The marker written out in full and read again on top of the same
 * settings: the same model. */
static void round_trip(const dna_params *before, const dna_marker_mutation *mk)
{
	const dna_mutation *m = &mk->mutation;
	char text[256];
	int n = snprintf(text, sizeof(text), "%s=%s", mk->locus, dna_mutation_names[m->model]);
	if(m->model != DNA_MUT_NONE)
		n += snprintf(text + n, sizeof(text) - (size_t)n, ":%.17g/%.17g", m->rate_pat, m->rate_mat);
	if(m->model == DNA_MUT_STEPWISE)
		snprintf(text + n, sizeof(text) - (size_t)n, ":%.17g/%.17g:%.17g", m->rate2_pat, m->rate2_mat,
		         m->range);
	dna_params again = *before;
	pl_err err = {0};
	if(dna_params_add_marker(&again, text, &err) ||
	   memcmp(&again.marker[again.nmarkers - 1].mutation, m, sizeof(*m)) ||
	   strcmp(again.marker[again.nmarkers - 1].locus, mk->locus))
		abort();
}

static void check_json(const dna_params *p)
{
	json_t *j = dna_params_json(p);
	json_t *mk = json_object_get(json_object_get(j, "mutation"), "markers");
	if(!j || json_array_size(mk) != (size_t)p->nmarkers)
		abort();
	for(int i = 0; i < p->nmarkers; i++)
		if(!json_is_string(json_object_get(json_array_get(mk, (size_t)i), "locus")))
			abort();
	json_decref(j);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if(size > 4096)
		return 0;
	char *text = malloc(size + 1);
	if(!text)
		return 0;
	memcpy(text, data, size);
	text[size] = '\0';
	static dna_params p, before;
	p = (dna_params)DNA_PARAMS_INIT;
	for(char *line = text, *next; line; line = next) {
		next = strchr(line, '\n');
		if(next)
			*next++ = '\0';
		before = p;
		pl_err err = {0};
		pl_rc rc = dna_params_add_marker(&p, line, &err);
		if(rc) {
			if(rc != PL_EINPUT || memcmp(&p, &before, sizeof(p)))
				abort();
			check_message(err.msg);
			continue;
		}
		if(p.nmarkers != before.nmarkers + 1)
			abort();
		check_ranges(&p.marker[p.nmarkers - 1].mutation);
		round_trip(&before, &p.marker[p.nmarkers - 1]);
	}
	check_json(&p);
	free(text);
	return 0;
}
