/* Sampling advice on the registry (dna.h): every family's powers and the
 * relative to ask for, one list by gain. Reads only; writes nothing. */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "dna/internal.h"

static double seconds_now(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

/* Highest gain first; then the weakest families (they need it most). */
static int by_gain(const void *x, const void *y)
{
	const dna_advice_row *a = x, *b = y;
	if(a->a.gain != b->a.gain)
		return a->a.gain > b->a.gain ? -1 : 1;
	if(a->a.now.included != b->a.now.included)
		return a->a.now.included < b->a.now.included ? -1 : 1;
	return strcmp(a->person, b->person);
}

static pl_rc advise_family(const dna_data *d, size_t i, const dna_advice_opts *o,
                           dna_advice_row *row, dna_advice_summary *sum, arena *a, pl_err *err)
{
	const dna_family *f = &d->families[i];
	dna_kin kin;
	arena scratch;
	arena_init(&scratch, 1 << 14);
	pl_rc rc = dna_advice_kin(f, &kin, &scratch, err);
	if(!rc)
		rc = dna_advise(&d->kit, &kin, 0, o, &row->a, err);
	arena_free(&scratch);
	if(rc == PL_EINPUT || rc == PL_ELIMIT) { /* this family only: said, and the others go on */
		sum->refused++;
		pl_rc w = buf_printf(&sum->notes, "%s: %s\n", f->person, err->msg);
		pl_err_clear(err);
		return w ? pl_nomem(err) : PL_ENOTFOUND;
	}
	if(rc)
		return rc;
	sum->engine_calls += row->a.engine_calls;
	row->person = arena_strdup(a, f->person);
	row->relatives = arena_strdup(a, d->finfo[i].relatives ? d->finfo[i].relatives : "");
	row->loci = row->a.loci;
	return arena_oom(a) ? pl_nomem(err) : PL_OK;
}

static pl_rc advice_setup(store *st, const dna_advice_query *q, const dna_data *d,
                          dna_advice_summary *sum, dna_advice_opts *o, pl_err *err)
{
	long registered;
	pl_rc rc = dna_missing_count(st, &registered, err);
	if(rc)
		return rc;
	sum->missing = (double)(registered > (long)d->nfamilies ? registered : (long)d->nfamilies);
	if(sum->missing < 2)
		sum->missing = 2;
	sum->threshold = sum->params.threshold;
	sum->log10_needed = log10(sum->threshold / (1 - sum->threshold)) - dna_prior_log10(sum->missing);
	sum->simulations = q->simulations > 0 ? q->simulations : DNA_ADVICE_SIMULATIONS;
	sum->seed = q->seed;
	/* theta 0, as forrel's power simulations: the engine sums theta over
	 * partitions of all founder alleles, and the pedigrees the relatives
	 * asked for add founders (docs/dna.md, "Sampling advice") */
	sum->params.theta = 0;
	*o = (dna_advice_opts){.model = dna_params_model(&sum->params), .log10_needed = sum->log10_needed,
	                       .max_inconsistent = sum->params.max_inconsistent,
	                       .simulations = sum->simulations, .seed = q->seed, .relatives = true,
	                       .exact = q->exact};
	return PL_OK;
}

pl_rc dna_advice_run(store *st, const dna_advice_query *q, arena *a, dna_advice_row **rows,
                     size_t *n, dna_advice_summary *sum, pl_err *err)
{
	memset(sum, 0, sizeof(*sum));
	buf_init(&sum->notes, 0);
	*rows = NULL;
	*n = 0;
	double t0 = seconds_now();
	pl_rc rc = dna_params_last(st, &sum->params, err);
	dna_data d;
	dna_data_query dq = {.person = q->person, .no_remains = true};
	if(!rc)
		rc = dna_data_load(st, &dq, &sum->params, &d, err);
	else
		return rc;
	dna_advice_opts o;
	if(!rc && d.notes.len)
		rc = buf_adds(&sum->notes, buf_str(&d.notes));
	if(!rc)
		rc = advice_setup(st, q, &d, sum, &o, err);
	dna_advice_row *r = rc ? NULL : arena_calloc(a, d.nfamilies + 1, sizeof(*r));
	if(!rc && !r)
		rc = pl_nomem(err);
	for(size_t i = 0; !rc && i < d.nfamilies; i++) {
		rc = advise_family(&d, i, &o, &r[*n], sum, a, err);
		if(rc == PL_ENOTFOUND)
			rc = PL_OK;
		else if(!rc)
			(*n)++;
	}
	sum->families = (long)*n;
	if(!rc && q->person && !d.nfamilies)
		rc = pl_fail(err, PL_ENOTFOUND, "person %s has no relatives' profiles (import them: parley"
		             " dna import references FILE)", q->person);
	if(!rc) {
		qsort(r, *n, sizeof(*r), by_gain);
		sum->total = *n;
		if(q->limit && *n > q->limit)
			*n = q->limit;
		*rows = r;
	}
	dna_data_free(&d);
	sum->seconds = seconds_now() - t0;
	return rc;
}

void dna_advice_summary_free(dna_advice_summary *s)
{
	buf_free(&s->notes);
}

/* ---- JSON ----------------------------------------------------------------------- */

static json_t *maybe(double x)
{
	return isnan(x) ? json_null() : json_real(x);
}

json_t *dna_advice_row_json(const dna_advice_row *r)
{
	const dna_advice *x = &r->a;
	json_t *after = json_object();
	for(int c = 0; after && c < DNA_ASK_COUNT; c++)
		if(!isnan(x->after[c]))
			json_object_set_new(after, dna_ask_names[c], json_real(x->after[c]));
	return json_pack("{s:s, s:s, s:i, s:f, s:f, s:f, s:f, s:o, s:o, s:o, s:f, s:o}",
	                 "person", r->person, "relatives", r->relatives, "loci", r->loci,
	                 "p_proposed", x->now.included, "mean_log10_lr", x->now.mean_log10_lr,
	                 "exclusion_power", x->now.ep, "exclusion_power_rule", x->now.ep_rule,
	                 "best", x->best >= 0 ? json_string(dna_ask_names[x->best]) : json_null(),
	                 "best_phrase", x->best >= 0 ? json_string(dna_ask_phrases[x->best]) : json_null(),
	                 "p_after", maybe(x->best >= 0 ? x->after[x->best] : NAN), "gain", x->gain,
	                 "after", after);
}

json_t *dna_advice_summary_json(const dna_advice_summary *s)
{
	return json_pack("{s:f, s:f, s:f, s:i, s:I, s:I, s:I, s:I, s:I, s:f, s:o, s:s}", "missing",
	                 s->missing, "threshold", s->threshold, "log10_lr_needed", s->log10_needed,
	                 "simulations", s->simulations, "seed", (json_int_t)s->seed, "families",
	                 (json_int_t)s->families, "refused", (json_int_t)s->refused, "total",
	                 (json_int_t)s->total, "engine_calls", (json_int_t)s->engine_calls, "seconds",
	                 s->seconds, "params", dna_params_json(&s->params), "notes",
	                 buf_str(&s->notes));
}
