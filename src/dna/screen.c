/* Screening with one table per family and one lookup per locus (screen.h). */
#include "dna/screen.h"

#include <math.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/date.h"
#include "core/parallel.h"
#include "dna/exact.h"
#include "dna/ftable.h"
#include "dna/pedigree.h"

#define LOG_ZERO DNA_LOG_ZERO

/* The filter's margin per locus compared (docs/dna.md, "Screening and
 * thresholds"): at theta 0 the tables are an upper bound of the exact LR
 * but for the stepwise mutation of an untyped other parent they leave
 * out (measured: at most 0.027 log10 over a whole pair, 0.001 per locus
 * on average); with theta they draw untyped people's alleles after the
 * relatives', measured at most 0.058 log10 per locus on average over a
 * pair at theta 0.01. The margin is several times both. */
#define MARGIN_FLOOR 0.01
#define MARGIN_THETA 20.0

enum {
	CHUNK = 8,
	SLOTS_MAX = 65535,
	ALT_MAX = 8                            /* a family's placements: 2^UNSURE_MAX (kin.c) */
};

/* The tables the workers of one screening keep for families of one shape
 * and genotypes (ftable.h), all of them together. */
#define CACHE_BYTES ((size_t)512 << 20)

/* The distinct observations of the remains, locus by locus, and where each
 * remains profile's genotypes point in a table. Entry 0 of a locus is
 * "not typed". */
typedef struct slots {
	int nloci, total;
	int *off, *count;
	dna_obs **obs;            /* per locus: count entries (after entry 0) */
	uint16_t *idx;            /* idx[r * nloci + l], the locus's offset included */
} slots;

static void slots_free(slots *s)
{
	for(int l = 0; s->obs && l < s->nloci; l++)
		free(s->obs[l]);
	free(s->obs);
	free(s->off);
	free(s->count);
	free(s->idx);
}

static pl_rc slots_locus(const dna_kit *k, int l, const dna_profile *rem, size_t nr,
                         const dna_model *m, slots *s)
{
	int n = k->loci[l].n, *map = malloc((size_t)n * (size_t)n * 2 * sizeof(int));
	s->obs[l] = malloc(sizeof(dna_obs) * (nr < (size_t)n * (size_t)n * 2 ? nr + 1 : (size_t)n * n * 2 + 1));
	if(!map || !s->obs[l]) {
		free(map);
		return PL_ENOMEM;
	}
	memset(map, -1, (size_t)n * (size_t)n * 2 * sizeof(int));
	int count = 0;
	for(size_t r = 0; r < nr; r++) {
		dna_obs o = dna_obs_of(&rem[r], l, m);
		int entry = 0;
		if(o.a >= 0) {
			int key = (o.a * n + o.b) * 2 + o.dropout;
			if(map[key] < 0) {
				s->obs[l][count] = o;
				map[key] = count++;
			}
			entry = map[key] + 1;
		}
		s->idx[r * (size_t)s->nloci + (size_t)l] = (uint16_t)entry;
	}
	free(map);
	s->count[l] = count;
	return PL_OK;
}

static pl_rc slots_make(const dna_kit *k, const dna_profile *rem, size_t nr, const dna_model *m,
                        slots *s, pl_err *err)
{
	memset(s, 0, sizeof(*s));
	s->nloci = k->nloci;
	s->off = calloc((size_t)k->nloci + 1, sizeof(int));
	s->count = calloc((size_t)k->nloci + 1, sizeof(int));
	s->obs = calloc((size_t)k->nloci + 1, sizeof(dna_obs *));
	s->idx = malloc((nr ? nr : 1) * (size_t)(k->nloci ? k->nloci : 1) * sizeof(uint16_t));
	if(!s->off || !s->count || !s->obs || !s->idx)
		return pl_nomem(err);
	for(int l = 0; l < k->nloci; l++)
		if(slots_locus(k, l, rem, nr, m, s))
			return pl_nomem(err);
	for(int l = 0; l < k->nloci; l++) {
		s->off[l] = s->total;
		s->total += 1 + s->count[l];
	}
	if(s->total > SLOTS_MAX)
		return pl_failc(err, PL_ELIMIT, "dna.too_many_genotypes", "n", PL_N(s->total), "max",
		                PL_N(SLOTS_MAX), NULL);
	for(size_t r = 0; r < nr; r++)
		for(int l = 0; l < k->nloci; l++)
			s->idx[r * (size_t)k->nloci + (size_t)l] += (uint16_t)s->off[l];
	return PL_OK;
}

/* ---- the work shared among threads ---------------------------------------- */

typedef struct shared {
	const dna_kit *k;
	const dna_profile *rem;
	size_t nr;
	const dna_family *fam;
	size_t nf;
	const dna_screen_opts *o;
	const slots *s;
	atomic_size_t next;
	dna_ftable_cache cache;   /* every worker's tables (ftable.h) */
} shared;

typedef struct worker {
	shared *sh;
	dna_candidate *cand;
	size_t n, cap, excluded;
	size_t theta0;
	uint64_t examined;
	uint64_t families_exact;
	double tables, exact;
	pl_rc rc;
	pl_err err;
	arena a;
	arena ka;                 /* the family as pedigrees (kin.c) */
	dna_ftable_user cache;
	double *t;                /* the table: log10 LRs (exact.h), or with the margin a filter */
	double *lr;
	double *l1, *l0;          /* the engine's likelihoods, ALT_MAX x the most distinct genotypes */
	double *g1, *g0;          /* several placements: log10 L1 and L0 per placement, ALT_MAX x slots */
	dna_kin kin;              /* the family being screened, as pedigrees */
	bool *informative;
	size_t *pick;             /* the remains that passed the filter, for the exact recompute */
	const dna_profile **prof;
	double *ex;
	bool *ex0;
} worker;

static pl_rc keep(worker *w, dna_candidate c)
{
	if(w->n == w->cap) {
		size_t cap = w->cap ? 2 * w->cap : 256;
		dna_candidate *x = realloc(w->cand, cap * sizeof(*x));
		if(!x)
			return PL_ENOMEM;
		w->cand = x;
		w->cap = cap;
	}
	w->cand[w->n++] = c;
	return PL_OK;
}

/* The log10 LR of remains r: one lookup a locus, four sums at once so
 * that the additions do not wait on each other. */
static inline double score(const double *t, const uint16_t *idx, int nloci)
{
	double s0 = 0, s1 = 0, s2 = 0, s3 = 0;
	int l = 0;
	for(; l + 4 <= nloci; l += 4) {
		s0 += t[idx[l]];
		s1 += t[idx[l + 1]];
		s2 += t[idx[l + 2]];
		s3 += t[idx[l + 3]];
	}
	for(; l < nloci; l++)
		s0 += t[idx[l]];
	return (s0 + s1) + (s2 + s3);
}

double dna_screen_margin(const dna_model *m)
{
	return MARGIN_FLOOR + MARGIN_THETA * m->theta;
}

/* The table of the fast formulas (pedigree.h) plus the margin: a filter
 * whose passing pairs the engine recomputes. */
static pl_rc filter_table(worker *w, const dna_family *f)
{
	const shared *sh = w->sh;
	const slots *s = sh->s;
	double margin = dna_screen_margin(&sh->o->model) + sh->o->widen;
	for(int l = 0; l < s->nloci; l++) {
		pl_rc rc = dna_family_locus(sh->k, l, f, &sh->o->model, s->obs[l], s->count[l], w->lr,
		                            &w->informative[l], &w->a);
		if(rc)
			return rc;
		double *t = w->t + s->off[l];
		t[0] = 0;
		for(int i = 0; i < s->count[l]; i++)
			t[i + 1] = w->lr[i] > 0 ? log10(w->lr[i]) + (w->informative[l] ? margin : 0) : LOG_ZERO;
	}
	return PL_OK;
}

/* How a family's table relates to the exact LR. */
enum table_kind {
	TABLE_EXACT,              /* one pedigree: the sum is the engine's log10 LR */
	TABLE_PLACEMENTS,         /* several: the largest, a bound; g1/g0 give the exact LR */
	TABLE_FILTER              /* the fast formulas plus the margin: pairs are recomputed */
};

/* Several placements: each one's log10 L1 and L0 at locus l, 0 and 0 where
 * no placement fits the relatives (exact.c skips such a locus too). */
static void keep_placements(worker *w, int l)
{
	const slots *s = w->sh->s;
	int n = s->count[l], total = s->total;
	for(int i = 0; i < n; i++) {
		bool fits = false;
		for(int a = 0; a < w->kin.nalt; a++)
			fits |= w->l0[a * n + i] > 0;
		for(int a = 0; a < w->kin.nalt; a++) {
			double x1 = w->l1[a * n + i], x0 = w->l0[a * n + i];
			size_t at = (size_t)a * (size_t)total + (size_t)(s->off[l] + 1 + i);
			w->g1[at] = !fits ? 0 : x1 > 0 ? log10(x1) : -HUGE_VAL;
			w->g0[at] = !fits ? 0 : x0 > 0 ? log10(x0) : -HUGE_VAL;
		}
	}
}

/* The engine's table (ftable.h); with several placements the largest, as
 * a filter (widened as tests ask), and each placement's kept. */
static pl_rc engine_table(worker *w, const dna_family *f)
{
	const shared *sh = w->sh;
	const slots *s = sh->s;
	const dna_kin *kin = &w->kin;
	bool several = kin->nalt > 1;
	if(several) { /* untyped there: nothing to add */
		memset(w->g1, 0, (size_t)kin->nalt * (size_t)s->total * sizeof(double));
		memset(w->g0, 0, (size_t)kin->nalt * (size_t)s->total * sizeof(double));
	}
	for(int l = 0; l < s->nloci; l++) {
		double *t = w->t + s->off[l];
		w->informative[l] = dna_family_informative(f, l);
		for(int i = 0; i <= s->count[l]; i++)
			t[i] = 0;
		if(!dna_kin_typed(kin, l))
			continue;
		pl_rc rc = dna_ftable_locus(sh->k, l, kin, &sh->o->model, s->obs[l], s->count[l], t + 1, w->l1,
		                            w->l0, &w->cache, &w->a, &w->err);
		if(rc)
			return rc;
		if(!several)
			continue;
		keep_placements(w, l);
		for(int i = 1; w->informative[l] && i <= s->count[l]; i++)
			t[i] += t[i] > LOG_ZERO ? sh->o->widen : 0;
	}
	return PL_OK;
}

/* Family f's table and its kind: the engine's when it can; where it
 * cannot sum theta's partitions, the fast formulas' filter, each passing
 * pair then recomputed (exact.h falls to theta 0 where it must, and says
 * so). */
static pl_rc family_table(worker *w, const dna_family *f, enum table_kind *kind)
{
	arena_reset(&w->ka);
	pl_rc rc = dna_kin_of_family(f, &w->ka, &w->kin, &w->err);
	if(!rc && w->kin.nalt <= ALT_MAX) {
		rc = engine_table(w, f);
		*kind = w->kin.nalt == 1 ? TABLE_EXACT : TABLE_PLACEMENTS;
		if(rc != PL_ELIMIT)
			return rc;
		w->err = (pl_err){0};
	}
	*kind = TABLE_FILTER;
	return rc && rc != PL_ELIMIT ? rc : filter_table(w, f);
}

/* Remains r's exact log10 LR from the placements' tables (exact.h). */
static double placements_lr(const worker *w, size_t r)
{
	const slots *s = w->sh->s;
	const uint16_t *idx = s->idx + r * (size_t)s->nloci;
	double s1[ALT_MAX], s0[ALT_MAX];
	for(int a = 0; a < w->kin.nalt; a++) {
		const double *g1 = w->g1 + (size_t)a * (size_t)s->total, *g0 = w->g0 + (size_t)a * (size_t)s->total;
		s1[a] = s0[a] = 0;
		for(int l = 0; l < s->nloci; l++) {
			s1[a] += g1[idx[l]];
			s0[a] += g0[idx[l]];
		}
	}
	return dna_exact_mix(&w->kin, s1, s0, 1, 0);
}

/* A pair that reached the threshold: its loci compared and inconsistent. */
static pl_rc check_pair(worker *w, size_t r, size_t fi, double lr, bool theta0)
{
	const shared *sh = w->sh;
	const slots *s = sh->s;
	const dna_family *f = &sh->fam[fi];
	dna_model plain = sh->o->model;
	plain.mutation = false;
	int loci = 0, bad = 0;
	const uint16_t *idx = s->idx + r * (size_t)s->nloci;
	for(int l = 0; l < s->nloci; l++) {
		if(idx[l] == s->off[l] || !w->informative[l])
			continue;
		loci++;
		double lr0 = w->t[idx[l]] == LOG_ZERO ? 0 : 1;
		bool inf;
		if(lr0 > 0 && sh->o->model.mutation) {
			pl_rc rc = dna_family_locus(sh->k, l, f, &plain, &s->obs[l][idx[l] - s->off[l] - 1], 1,
			                            &lr0, &inf, &w->a);
			if(rc)
				return rc;
		}
		bad += lr0 == 0;
	}
	if(bad > sh->o->max_inconsistent) {
		w->excluded++;
		return PL_OK;
	}
	w->theta0 += theta0;
	return keep(w, (dna_candidate){(uint32_t)r, (uint32_t)fi, lr, (uint8_t)loci, (uint8_t)bad, false, theta0});
}

/* The ne remains that passed family fi's filter, recomputed exactly (one
 * engine pass per locus for all of them); those that reach the threshold
 * are kept. */
static pl_rc exact_pairs(worker *w, size_t fi, size_t ne)
{
	const shared *sh = w->sh;
	for(size_t i = 0; i < ne; i++)
		w->prof[i] = &sh->rem[w->pick[i]];
	double t0 = date_monotonic();
	pl_rc rc = dna_exact_family(sh->k, &sh->fam[fi], &sh->o->model, w->prof, ne, w->ex, NULL, w->ex0,
	                            &w->a, &w->err);
	w->exact += date_monotonic() - t0;
	w->examined += ne;
	for(size_t i = 0; !rc && i < ne; i++)
		if(w->ex[i] >= sh->o->keep)
			rc = check_pair(w, w->pick[i], fi, w->ex[i], w->ex0[i]);
	return rc;
}

static void *kinship_work(void *arg)
{
	worker *w = arg;
	shared *sh = w->sh;
	const slots *s = sh->s;
	double keep_at = sh->o->keep;
	size_t f;
	while(!w->rc && (f = atomic_fetch_add(&sh->next, CHUNK)) < sh->nf) {
		size_t end = f + CHUNK < sh->nf ? f + CHUNK : sh->nf;
		for(; f < end && !w->rc; f++) {
			double t0 = date_monotonic();
			enum table_kind kind = TABLE_FILTER;
			w->rc = family_table(w, &sh->fam[f], &kind);
			w->tables += date_monotonic() - t0;
			w->families_exact += kind != TABLE_FILTER;
			size_t ne = 0;
			for(size_t r = 0; r < sh->nr && !w->rc; r++) {
				double x = score(w->t, s->idx + r * (size_t)s->nloci, s->nloci);
				if(x < keep_at)
					continue;
				if(kind == TABLE_FILTER) {
					w->pick[ne++] = r;
					continue;
				}
				/* the table's sum is the engine's LR (one locus of 0 makes it 0) */
				x = kind == TABLE_EXACT ? (x < LOG_ZERO / 2 ? LOG_ZERO : x) : placements_lr(w, r);
				if(x >= keep_at)
					w->rc = check_pair(w, r, f, x, false);
			}
			if(ne && !w->rc)
				w->rc = exact_pairs(w, f, ne);
		}
	}
	return NULL;
}

/* Remains r1 as the reference of an identity, against every later one. */
static void *identity_work(void *arg)
{
	worker *w = arg;
	shared *sh = w->sh;
	const slots *s = sh->s;
	double keep_at = sh->o->keep;
	size_t r1;
	while(!w->rc && (r1 = atomic_fetch_add(&sh->next, CHUNK)) < sh->nr) {
		size_t end = r1 + CHUNK < sh->nr ? r1 + CHUNK : sh->nr;
		for(; r1 < end && !w->rc; r1++) {
			for(int l = 0; l < s->nloci; l++) {
				const dna_locus *L = &sh->k->loci[l];
				dna_obs ref = dna_obs_of(&sh->rem[r1], l, &sh->o->model);
				double *t = w->t + s->off[l];
				t[0] = 0;
				for(int i = 0; i < s->count[l]; i++) {
					double lr = dna_identity_lr(L, &sh->o->model, ref, s->obs[l][i]);
					t[i + 1] = lr > 0 ? log10(lr) : LOG_ZERO;
				}
			}
			const uint16_t *i1 = s->idx + r1 * (size_t)s->nloci;
			for(size_t r2 = r1 + 1; r2 < sh->nr && !w->rc; r2++) {
				const uint16_t *i2 = s->idx + r2 * (size_t)s->nloci;
				double x = score(w->t, i2, s->nloci);
				if(x < keep_at)
					continue;
				int loci = 0;
				for(int l = 0; l < s->nloci; l++)
					loci += i1[l] != s->off[l] && i2[l] != s->off[l];
				w->rc = keep(w, (dna_candidate){(uint32_t)r1, (uint32_t)r2, x, (uint8_t)loci, 0, true, false});
			}
		}
	}
	return NULL;
}

static int threads_wanted(int n)
{
	if(n > 0)
		return n > PL_PARALLEL_MAX ? PL_PARALLEL_MAX : n;
	long c = sysconf(_SC_NPROCESSORS_ONLN);
	return c < 1 ? 1 : c > PL_PARALLEL_MAX ? PL_PARALLEL_MAX : (int)c;
}

static int by_pair(const void *x, const void *y)
{
	const dna_candidate *a = x, *b = y;
	if(a->identity != b->identity)
		return a->identity - b->identity;
	if(a->remains != b->remains)
		return a->remains < b->remains ? -1 : 1;
	return (a->other > b->other) - (a->other < b->other);
}

/* Run fn on nt workers; gather their candidates into out. */
static pl_rc run(shared *sh, int nt, void *(*fn)(void *), dna_screen_result *out, pl_err *err)
{
	worker *w = calloc((size_t)nt, sizeof(worker));
	if(!w)
		return pl_nomem(err);
	pl_rc rc = PL_OK;
	bool said = false;
	size_t maxcount = 1;
	if(dna_ftable_cache_init(&sh->cache, CACHE_BYTES)) {
		free(w);
		return pl_nomem(err);
	}
	for(int l = 0; l < sh->s->nloci; l++)
		maxcount = (size_t)sh->s->count[l] > maxcount ? (size_t)sh->s->count[l] : maxcount;
	for(int i = 0; i < nt && !rc; i++) {
		w[i].sh = sh;
		arena_init(&w[i].a, 1 << 20);
		arena_init(&w[i].ka, 1 << 14);
		dna_ftable_user_init(&w[i].cache, &sh->cache);
		w[i].l1 = malloc(sizeof(double) * maxcount * ALT_MAX);
		w[i].l0 = malloc(sizeof(double) * maxcount * ALT_MAX);
		w[i].g1 = malloc(sizeof(double) * (size_t)(sh->s->total ? sh->s->total : 1) * ALT_MAX);
		w[i].g0 = malloc(sizeof(double) * (size_t)(sh->s->total ? sh->s->total : 1) * ALT_MAX);
		w[i].t = malloc(sizeof(double) * (size_t)(sh->s->total ? sh->s->total : 1));
		w[i].lr = malloc(sizeof(double) * maxcount);
		w[i].informative = calloc((size_t)sh->s->nloci + 1, sizeof(bool));
		w[i].pick = malloc((sh->nr + 1) * sizeof(size_t));
		w[i].prof = malloc((sh->nr + 1) * sizeof(dna_profile *));
		w[i].ex = malloc((sh->nr + 1) * sizeof(double));
		w[i].ex0 = malloc((sh->nr + 1) * sizeof(bool));
		if(!w[i].t || !w[i].lr || !w[i].informative || !w[i].pick || !w[i].prof || !w[i].ex || !w[i].ex0 ||
		   !w[i].l1 || !w[i].l0 || !w[i].g1 || !w[i].g0)
			rc = PL_ENOMEM;
	}
	if(!rc)
		pl_parallel(fn, w, sizeof(*w), nt);
	for(int i = 0; i < nt; i++) {
		if(!rc && w[i].rc) {
			rc = w[i].rc;
			if(w[i].err.rc && err) {
				*err = w[i].err;
				said = true;
			}
		}
		out->excluded += w[i].excluded;
		out->theta0 += w[i].theta0;
		out->examined += w[i].examined;
		out->seconds_tables += w[i].tables;
		out->seconds_exact += w[i].exact;
		out->families_exact += w[i].families_exact;
		out->table_hits += w[i].cache.hits;
		out->table_misses += w[i].cache.misses;
		if(!rc && w[i].n) {
			dna_candidate *c = realloc(out->cand, (out->n + w[i].n) * sizeof(*c));
			if(!c) {
				rc = PL_ENOMEM;
			} else {
				memcpy(c + out->n, w[i].cand, w[i].n * sizeof(*c));
				out->cand = c;
				out->n += w[i].n;
			}
		}
		free(w[i].cand);
		free(w[i].t);
		free(w[i].lr);
		free(w[i].informative);
		free(w[i].pick);
		free(w[i].prof);
		free(w[i].ex);
		free(w[i].ex0);
		free(w[i].l1);
		free(w[i].l0);
		free(w[i].g1);
		free(w[i].g0);
		arena_free(&w[i].a);
		arena_free(&w[i].ka);
		dna_ftable_user_free(&w[i].cache);
	}
	free(w);
	dna_ftable_cache_free(&sh->cache);
	if(rc && !said)
		return pl_failc(err, rc, rc == PL_ENOMEM ? "http.nomem" : "dna.screening_failed", NULL);
	return rc;
}

pl_rc dna_screen(const dna_kit *k, const dna_profile *remains, size_t nremains,
                 const dna_family *families, size_t nfamilies, const dna_screen_opts *o,
                 dna_screen_result *out, pl_err *err)
{
	memset(out, 0, sizeof(*out));
	slots s;
	pl_rc rc = slots_make(k, remains, nremains, &o->model, &s, err);
	out->slots = (size_t)(s.total - s.nloci);
	out->threads = threads_wanted(o->threads);
	shared sh = {.k = k, .rem = remains, .nr = nremains, .fam = families, .nf = nfamilies, .o = o,
	             .s = &s};
	for(size_t f = 0; f < nfamilies; f++)
		out->pairs += (uint64_t)families[f].nrefs * nremains;
	out->family_pairs = (uint64_t)nfamilies * nremains;
	double t0 = date_monotonic();
	if(!rc && o->kinship)
		rc = run(&sh, out->threads, kinship_work, out, err);
	double t1 = date_monotonic();
	out->seconds = t1 - t0;
	if(!rc && o->identity) {
		atomic_store(&sh.next, 0);
		rc = run(&sh, out->threads, identity_work, out, err);
		out->identity_pairs = (uint64_t)nremains * (nremains ? nremains - 1 : 0) / 2;
	}
	out->seconds_identity = date_monotonic() - t1;
	slots_free(&s);
	if(rc) {
		dna_screen_result_free(out);
		return rc;
	}
	if(out->n) /* qsort must not be given NULL, even for nothing */
		qsort(out->cand, out->n, sizeof(out->cand[0]), by_pair);
	return PL_OK;
}

void dna_screen_result_free(dna_screen_result *r)
{
	free(r->cand);
	r->cand = NULL;
	r->n = 0;
}

/* ---- one pair, locus by locus ------------------------------------------------ */

/* The loci of a kinship pair: exact LRs (exact.h, as the screening
 * stores), and the loci compared and consistent as the screening counts
 * them (the tables without mutation). */
static pl_rc explain_family(const dna_kit *k, const dna_profile *remains, const dna_family *f,
                            const dna_model *m, dna_pair_detail *out, arena *scratch, pl_err *err)
{
	pl_rc rc = dna_exact_family(k, f, m, &remains, 1, &out->log10_lr, out->lr, &out->theta0, scratch, err);
	dna_model plain = *m;
	plain.mutation = false;
	for(int l = 0; l < k->nloci && !rc; l++) {
		dna_obs x = dna_obs_of(remains, l, m);
		double lr0 = 1;
		bool inf = false;
		if(dna_family_locus(k, l, f, &plain, &x, 1, &lr0, &inf, scratch))
			return pl_nomem(err);
		out->compared[l] = x.a >= 0 && inf;
		out->consistent[l] = !out->compared[l] || lr0 > 0;
		out->loci += out->compared[l];
		out->inconsistent += !out->consistent[l];
	}
	return rc;
}

pl_rc dna_pair_explain(const dna_kit *k, const dna_profile *remains, const dna_family *f,
                       const dna_profile *other, const dna_model *m, arena *a,
                       dna_pair_detail *out, pl_err *err)
{
	memset(out, 0, sizeof(*out));
	size_t n = (size_t)(k->nloci ? k->nloci : 1);
	out->lr = arena_calloc(a, n, sizeof(double));
	out->consistent = arena_calloc(a, n, sizeof(bool));
	out->compared = arena_calloc(a, n, sizeof(bool));
	if(!out->lr || !out->consistent || !out->compared)
		return pl_nomem(err);
	arena scratch;
	arena_init(&scratch, 0);
	pl_rc rc = PL_OK;
	if(!other)
		rc = explain_family(k, remains, f, m, out, &scratch, err);
	for(int l = 0; other && l < k->nloci; l++) {
		dna_obs x = dna_obs_of(remains, l, m), y = dna_obs_of(other, l, m);
		out->lr[l] = dna_identity_lr(&k->loci[l], m, y, x);
		out->compared[l] = x.a >= 0 && y.a >= 0;
		out->consistent[l] = !out->compared[l] || out->lr[l] > 0;
		out->loci += out->compared[l];
		out->inconsistent += !out->consistent[l];
		out->log10_lr += out->lr[l] > 0 ? log10(out->lr[l]) : LOG_ZERO;
	}
	arena_free(&scratch);
	return rc;
}
