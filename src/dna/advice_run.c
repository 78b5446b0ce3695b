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

/* The jobs: every family of the relationship columns as a pedigree (one
 * that fits none refused, said in the notes), then every missing person
 * of the pedigree files' families; at[] their rows of d->finfo. */
static pl_rc advice_jobs(const dna_data *d, dna_advice_job *jobs, size_t *at, size_t *n,
                         dna_advice_summary *sum, arena *a, pl_err *err)
{
	*n = 0;
	for(size_t i = 0; i < d->nfamilies; i++) {
		dna_kin *kin = arena_calloc(a, 1, sizeof(*kin));
		if(!kin)
			return pl_nomem(err);
		pl_err e = {0};
		pl_rc rc = dna_advice_kin(&d->families[i], kin, a, &e);
		if(rc == PL_EINPUT) { /* this family only: said, and the others go on */
			sum->refused++;
			if(buf_printf(&sum->notes, "%s: %s\n", d->families[i].person, e.msg))
				return pl_nomem(err);
			continue;
		}
		if(rc) {
			*err = e;
			return rc;
		}
		at[*n] = i;
		jobs[(*n)++] = (dna_advice_job){.kin = kin, .which = 0};
	}
	for(size_t k = 0, t = d->nfamilies; k < d->nkins; k++)
		for(int j = 0; j < d->kins[k].nmissing; j++) {
			at[*n] = t++;
			jobs[(*n)++] = (dna_advice_job){.kin = &d->kins[k], .which = j, .pedigree = true};
		}
	return PL_OK;
}

/* Row t of the data's families (internal.h: the pedigrees' missing persons
 * after those of the relationship columns) for job j. */
static pl_rc advice_row(const dna_data *d, const dna_advice_job *j, size_t t, dna_advice_row *row,
                        dna_advice_summary *sum, arena *a, pl_err *err)
{
	row->a = j->out;
	row->person = arena_strdup(a, j->kin->person[j->which]);
	row->relatives = arena_strdup(a, d->finfo[t].relatives ? d->finfo[t].relatives : "");
	row->loci = row->a.loci;
	if(j->pedigree) {
		size_t k = (size_t)(j->kin - d->kins);
		row->family = arena_strdup(a, j->kin->id);
		/* the ids outlive the data: copied into the rows' arena */
		int ni = j->kin->alt[0].ped.n;
		const char **ids = arena_calloc(a, (size_t)ni + 1, sizeof(char *));
		for(int i = 0; ids && i < ni; i++)
			ids[i] = arena_strdup(a, d->kinfo[k].individual[i]);
		if(!ids)
			return pl_nomem(err);
		row->individual = ids;
		row->as = ids[j->kin->missing[j->which]];
		sum->pedigrees++;
		if(j->out.members_left &&
		   buf_printf(&sum->notes, "%s: %d individuals of pedigree %s not typed were not weighed (the "
		              "%d nearest were)\n", row->person, j->out.members_left, j->kin->id,
		              DNA_ADVICE_MEMBERS))
			return pl_nomem(err);
	}
	sum->engine_calls += row->a.engine_calls;
	return arena_oom(a) ? pl_nomem(err) : PL_OK;
}

/* The jobs' rows: a failure of one family alone (its data, the engine's
 * bound) said in the notes, any other ends the run. */
static pl_rc advice_rows(const dna_data *d, const dna_advice_job *jobs, const size_t *at,
                         size_t nj, dna_advice_row *r, size_t *n, dna_advice_summary *sum, arena *a,
                         pl_err *err)
{
	for(size_t i = 0; i < nj; i++) {
		const dna_advice_job *j = &jobs[i];
		if(j->rc == PL_EINPUT || j->rc == PL_ELIMIT) {
			sum->refused++;
			if(buf_printf(&sum->notes, "%s: %s\n", j->kin->person[j->which], j->err.msg))
				return pl_nomem(err);
		} else if(j->rc) {
			*err = j->err;
			return j->rc;
		} else {
			pl_rc rc = advice_row(d, j, at[i], &r[(*n)++], sum, a, err);
			if(rc)
				return rc;
		}
	}
	return PL_OK;
}

static pl_rc advice_setup(store *st, const dna_advice_query *q, const dna_data *d,
                          dna_advice_summary *sum, dna_advice_opts *o, pl_err *err)
{
	long registered;
	pl_rc rc = dna_missing_count(st, &registered, err);
	if(rc)
		return rc;
	long families = (long)(d->nfamilies + d->nkin_persons);
	sum->missing = (double)(registered > families ? registered : families);
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
	size_t total = d.nfamilies + d.nkin_persons, nj = 0;
	dna_advice_row *r = rc ? NULL : arena_calloc(a, total + 1, sizeof(*r));
	dna_advice_job *jobs = rc ? NULL : calloc(total + 1, sizeof(*jobs));
	size_t *at = rc ? NULL : calloc(total + 1, sizeof(*at));
	arena kins;
	arena_init(&kins, 1 << 14);
	if(!rc && (!r || !jobs || !at))
		rc = pl_nomem(err);
	if(!rc)
		rc = advice_jobs(&d, jobs, at, &nj, sum, &kins, err);
	sum->threads = q->threads > 0 ? q->threads : DNA_ADVICE_THREADS;
	if(!rc)
		dna_advise_jobs(&d.kit, jobs, nj, &o, sum->threads);
	if(!rc)
		rc = advice_rows(&d, jobs, at, nj, r, n, sum, a, err);
	free(jobs);
	free(at);
	arena_free(&kins);
	sum->families = (long)*n;
	if(!rc && q->person && !total)
		rc = pl_failc(err, PL_ENOTFOUND, "dna.no_relatives_import", "person", q->person, NULL);
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

const char *dna_advice_row_member(const dna_advice_row *r)
{
	return r->family && r->a.best_member >= 0 ? r->individual[r->a.member[r->a.best_member]] : NULL;
}

double dna_advice_row_after(const dna_advice_row *r)
{
	const dna_advice *x = &r->a;
	return x->best_member >= 0 ? x->member_after[x->best_member] : x->best >= 0 ? x->after[x->best] : NAN;
}

/* "the father", or "individual II-3 of pedigree F7, not typed". */
static json_t *advice_phrase(const dna_advice_row *r)
{
	const char *who = dna_advice_row_member(r);
	if(who)
		return json_sprintf("individual %s of pedigree %s, not typed", who, r->family);
	return r->a.best >= 0 ? json_string(dna_ask_phrases[r->a.best]) : json_null();
}

json_t *dna_advice_row_json(const dna_advice_row *r)
{
	const dna_advice *x = &r->a;
	json_t *after = json_object(), *members = r->family ? json_object() : json_null();
	for(int c = 0; after && c < DNA_ASK_COUNT; c++)
		if(!isnan(x->after[c]))
			json_object_set_new(after, dna_ask_names[c], json_real(x->after[c]));
	for(int c = 0; r->family && members && c < x->nmember; c++)
		json_object_set_new(members, r->individual[x->member[c]], json_real(x->member_after[c]));
	const char *who = dna_advice_row_member(r);
	json_t *best = who ? json_string("member") : x->best >= 0 ? json_string(dna_ask_names[x->best])
	                                                          : json_null();
	json_t *relative = x->best >= 0 ? json_string(dna_ask_names[x->best]) : json_null();
	return json_pack("{s:s, s:s, s:o, s:o, s:i, s:f, s:f, s:f, s:f, s:o, s:o, s:o, s:o, s:o, s:f, s:o, s:o, s:i}",
	                 "person", r->person, "relatives", r->relatives,
	                 "family", r->family ? json_string(r->family) : json_null(), "individual",
	                 r->family ? json_string(r->as) : json_null(), "loci", r->loci,
	                 "p_proposed", x->now.included, "mean_log10_lr", x->now.mean_log10_lr,
	                 "exclusion_power", x->now.ep, "exclusion_power_rule", x->now.ep_rule, "best", best,
	                 "best_member", who ? json_string(who) : json_null(), "best_relative", relative,
	                 "best_phrase",
	                 advice_phrase(r), "p_after", maybe(dna_advice_row_after(r)), "gain", x->gain,
	                 "after", after, "members", members, "members_left", x->members_left);
}

json_t *dna_advice_summary_json(const dna_advice_summary *s)
{
	return json_pack("{s:f, s:f, s:f, s:i, s:I, s:I, s:I, s:I, s:I, s:I, s:i, s:f, s:o, s:s}",
	                 "missing", s->missing, "threshold", s->threshold, "log10_lr_needed",
	                 s->log10_needed, "simulations", s->simulations, "seed", (json_int_t)s->seed,
	                 "families", (json_int_t)s->families, "pedigrees", (json_int_t)s->pedigrees,
	                 "refused", (json_int_t)s->refused, "total", (json_int_t)s->total,
	                 "engine_calls", (json_int_t)s->engine_calls, "threads", s->threads, "seconds",
	                 s->seconds, "params", dna_params_json(&s->params), "notes",
	                 buf_str(&s->notes));
}
