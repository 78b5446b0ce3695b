/* The linker: blocking, the two passes over the candidate pairs (level
 * patterns for EM, then weights), u from random pairs, EM for m, and the
 * one-to-one assignment. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "core/parallel.h"
#include "core/rng.h"
#include "match/match.h"

/* ---- blocking ----------------------------------------------------------- */

/* A candidate pair in 64 bits, so that a million a side fits in memory:
 * a's record, b's record (24 bits each: MATCH_SIDE_MAX) and the rules
 * (bit r) that proposed it. Sorted, a pair's proposals are neighbours. */
typedef uint64_t cand;
#define CAND(i, j, rules) ((uint64_t)(i) << 40 | (uint64_t)(j) << 16 | (rules))
#define CAND_A(c) ((size_t)((c) >> 40))
#define CAND_B(c) ((size_t)((c) >> 16 & 0xFFFFFF))
#define CAND_RULES(c) ((uint32_t)((c) & 0xFFFF))
#define CAND_PAIR(c) ((c) >> 16)

typedef struct linker {
	const match_spec *spec;
	const match_side *a, *b;
	const match_opts *o;
	match_result *r;
	cand *cand;      /* the candidate pairs, sorted, each once */
	size_t ncand;
	uint8_t *level;  /* their levels, spec->ncmps a pair */
	/* EM sessions: one per rule over the pairs its whole blocks proposed
	 * (bit r of a candidate's rules), and one per rule with windows over
	 * those its windows proposed, which fixes their columns too. */
	int window_session[MATCH_RULES_MAX];
	int session_rule[MATCH_SESSIONS_MAX];
	int nsessions;
	int levels[MATCH_CMPS_MAX]; /* per comparison, "else" included */
	double prior;               /* log2 of the prior odds */
	double bf[MATCH_CMPS_MAX][MATCH_LEVELS_MAX]; /* log2 m/u */
	double seen[MATCH_CMPS_MAX]; /* random pairs with both values known */
} linker;

static bool rule_key(const match_rule *rule, const match_side *s, size_t i, uint64_t *h)
{
	uint64_t x = 0x9E3779B97F4A7C15ull;
	for(int k = 0; k < rule->ncols; k++) {
		const char *v = match_value(s, i, rule->cols[k]);
		if(!v)
			return false;
		x = (x ^ hmap_hash(v, strlen(v))) * 0x100000001B3ull;
	}
	*h = x;
	return true;
}

/* The pairs a thread proposes. (Not a buf: its terminating byte makes it
 * double a step early, 60 MiB more at a million a side.) */
typedef struct pairvec {
	cand *v;
	size_t n, cap;
} pairvec;

static bool pairvec_push(pairvec *pv, cand x)
{
	if(pv->n == pv->cap) {
		size_t cap = pv->cap ? pv->cap * 2 : 1u << 16;
		cand *v = realloc(pv->v, cap * sizeof(*v));
		if(!v)
			return false;
		pv->v = v;
		pv->cap = cap;
	}
	pv->v[pv->n++] = x;
	return true;
}

/* Sort elements of `size` bytes by the 64-bit key they start with, on
 * its bits from `low` up, 16 at a time, least significant first (stable:
 * equal keys keep their order); a digit all share is not sorted on (the
 * high bits of small indexes). */
static inline __attribute__((always_inline)) bool radix_sort(void *v, size_t n, size_t size, int low)
{
	char *tmp = malloc((n ? n : 1) * size);
	size_t *count = malloc(65536 * sizeof(*count));
	if(!tmp || !count) {
		free(tmp);
		free(count);
		return false;
	}
	char *from = v, *to = tmp;
	for(int shift = low; shift < 64; shift += 16) {
		memset(count, 0, 65536 * sizeof(*count));
		uint64_t key;
		for(size_t k = 0; k < n; k++) {
			memcpy(&key, from + k * size, sizeof(key));
			count[key >> shift & 0xFFFF]++;
		}
		if(n) { /* (an empty array has no first key to read) */
			memcpy(&key, from, sizeof(key));
			if(count[key >> shift & 0xFFFF] == n)
				continue;
		}
		size_t sum = 0;
		for(size_t d = 0; d < 65536; d++) {
			size_t c = count[d];
			count[d] = sum;
			sum += c;
		}
		for(size_t k = 0; k < n; k++) {
			memcpy(&key, from + k * size, sizeof(key));
			memcpy(to + count[key >> shift & 0xFFFF]++ * size, from + k * size, size);
		}
		char *t = from;
		from = to;
		to = t;
	}
	if(from != (char *)v)
		memcpy(v, from, n * size);
	free(tmp);
	free(count);
	return true;
}

/* A record under a rule: its key's hash, side (0: a, 1: b) and index. */
typedef struct entry {
	uint64_t hash;
	uint32_t idx, side;
} entry;

/* A record of a large block in a window's order. */
typedef struct ranked {
	const char *v; /* the window column's value, NULL first */
	uint32_t idx, side;
} ranked;

static int ranked_cmp(const void *x, const void *y)
{
	const ranked *p = x, *q = y;
	if(p->v != q->v) {
		if(!p->v || !q->v)
			return p->v ? 1 : -1;
		int c = strcmp(p->v, q->v);
		if(c)
			return c;
	}
	if(p->side != q->side)
		return p->side < q->side ? -1 : 1;
	return p->idx < q->idx ? -1 : p->idx > q->idx;
}

/* One thread's share of the rules. */
typedef struct block_job {
	linker *l;
	int first, step;
	pairvec out;
	size_t rule_pairs[MATCH_RULES_MAX];
	size_t largest, skipped, windowed;
	ranked *scratch;
	size_t *before; /* per a-record of a window: side b's records before it */
	size_t scratch_cap;
	bool oom;
} block_job;

/* (Two keys with the same hash would make a pair of records that do not
 * agree on the rule a candidate: one pair more to compare, no harm.) */
static void emit(block_job *job, int r, bool windowed, size_t i, size_t j)
{
	job->rule_pairs[r]++;
	cand c = CAND(i, j, 1u << (windowed ? job->l->window_session[r] : r));
	if(!job->oom && !pairvec_push(&job->out, c))
		job->oom = true;
}

/* Whether a pair of a block taken whole is worth comparing (the rule's
 * screen): near on one of its screen columns, or unknown there. */
static bool screened(const linker *l, const match_rule *rule, size_t i, size_t j)
{
	const match_side *sb = l->o->dedupe ? l->a : l->b;
	for(int k = 0; k < rule->nscreen; k++) {
		const char *v = match_value(l->a, i, rule->screen[k]), *u = match_value(sb, j, rule->screen[k]);
		if(!v || !u || match_near(v, u))
			return true;
	}
	return !rule->nscreen;
}

static void block_whole(block_job *job, int r, const entry *e, size_t na, size_t n)
{
	const linker *l = job->l;
	const match_rule *rule = &l->spec->rules[r];
	if(l->o->dedupe) {
		for(size_t p = 0; p < n; p++)
			for(size_t q = p + 1; q < n; q++)
				if(screened(l, rule, e[p].idx, e[q].idx))
					emit(job, r, false, e[p].idx, e[q].idx);
		return;
	}
	for(size_t p = 0; p < na; p++)
		for(size_t q = na; q < n; q++)
			if(screened(l, rule, e[p].idx, e[q].idx))
				emit(job, r, false, e[p].idx, e[q].idx);
}

static bool scratch_fit(block_job *job, size_t n)
{
	if(n <= job->scratch_cap)
		return true;
	free(job->scratch);
	free(job->before);
	job->scratch = malloc(n * sizeof(*job->scratch));
	job->before = malloc(n * sizeof(*job->before));
	job->scratch_cap = job->scratch && job->before ? n : 0;
	if(!job->scratch_cap)
		job->oom = true;
	return !job->oom;
}

/* A large block, in the order of window column col: each record of a is
 * paired with the w records of b before it and the w after it (of one
 * list: each record with the w after it). Pairs grow with the block, not
 * with its square, and a typo late in the column keeps its neighbours. */
static void block_window(block_job *job, int r, int col, const entry *e, size_t n)
{
	const linker *l = job->l;
	size_t w = l->o->window;
	if(!scratch_fit(job, n))
		return;
	ranked *x = job->scratch;
	for(size_t k = 0; k < n; k++)
		x[k] = (ranked){match_value(e[k].side ? l->b : l->a, e[k].idx, col), e[k].idx, e[k].side};
	qsort(x, n, sizeof(*x), ranked_cmp);
	size_t tie_max = l->o->window_ties;
	if(l->o->dedupe) {
		for(size_t p = 0; p < n; p++) {
			size_t ties = 0;
			while(x[p].v && p + 1 + ties < n && ties <= tie_max && !strcmp(x[p + 1 + ties].v, x[p].v))
				ties++;
			if(ties > tie_max)
				ties = 0;
			for(size_t q = p + 1; q < n && q <= p + ties + w; q++)
				if(q <= p + ties || match_near(x[p].v, x[q].v))
					emit(job, r, true, x[p].idx < x[q].idx ? x[p].idx : x[q].idx,
					     x[p].idx < x[q].idx ? x[q].idx : x[p].idx);
		}
		return;
	}
	/* Side b's records in order at the front, each a-record's count of
	 * them before it alongside. */
	size_t nb = 0, na = 0;
	for(size_t k = 0; k < n; k++) {
		if(x[k].side)
			x[nb++] = x[k];
		else
			job->before[na++] = (size_t)x[k].idx << 32 | nb;
	}
	for(size_t k = 0; k < na; k++) {
		size_t i = job->before[k] >> 32, at = job->before[k] & 0xFFFFFFFFu;
		/* Side b's records with the same value follow it (a sorts
		 * first among equals): all of them, if they are few. */
		const char *v = match_value(l->a, i, col);
		size_t ties = 0;
		while(v && at + ties < nb && ties <= tie_max && !strcmp(x[at + ties].v, v))
			ties++;
		if(ties > tie_max)
			ties = 0;
		size_t lo = at > w ? at - w : 0, hi = at + ties + w < nb ? at + ties + w : nb;
		for(size_t q = lo; q < hi; q++)
			if((q >= at && q < at + ties) || match_near(v, x[q].v))
				emit(job, r, true, i, x[q].idx);
	}
}

static bool sparse(const linker *l, const match_rule *rule, int nwin, const entry *x)
{
	for(int k = 0; k < nwin; k++)
		if(match_value(x->side ? l->b : l->a, x->idx, rule->win[k]))
			return false;
	return true;
}

/* A record that knows none of the window columns has no place in their
 * order: it meets the whole of the other side's block (a list of names
 * alone, where the windows mean nothing, is blocked as if it had none). */
static void block_sparse(block_job *job, int r, int nwin, const entry *e, size_t na, size_t n)
{
	const linker *l = job->l;
	const match_rule *rule = &l->spec->rules[r];
	for(size_t p = 0; p < n; p++) {
		if(!sparse(l, rule, nwin, &e[p]))
			continue;
		if(l->o->dedupe) {
			for(size_t q = 0; q < n; q++)
				if(q != p)
					emit(job, r, true, e[p].idx < e[q].idx ? e[p].idx : e[q].idx,
					     e[p].idx < e[q].idx ? e[q].idx : e[p].idx);
		} else if(p < na) {
			for(size_t q = na; q < n; q++)
				emit(job, r, true, e[p].idx, e[q].idx);
		} else {
			for(size_t q = 0; q < na; q++)
				emit(job, r, true, e[q].idx, e[p].idx);
		}
	}
}

static void block_rule(block_job *job, int r)
{
	const linker *l = job->l;
	const match_rule *rule = &l->spec->rules[r];
	bool dedupe = l->o->dedupe;
	size_t total = l->a->n + (dedupe ? 0 : l->b->n), m = 0;
	entry *e = malloc((total ? total : 1) * sizeof(*e));
	if(!e) {
		job->oom = true;
		return;
	}
	for(int side = 0; side < (dedupe ? 1 : 2); side++) {
		const match_side *s = side ? l->b : l->a;
		for(size_t i = 0; i < s->n; i++)
			if(rule_key(rule, s, i, &e[m].hash)) {
				e[m].idx = (uint32_t)i;
				e[m++].side = (uint32_t)side;
			}
	}
	/* By key; the records of a block stay in order, a's before b's. */
	if(!radix_sort(e, m, sizeof(*e), 0)) {
		free(e);
		job->oom = true;
		return;
	}
	size_t most = rule->max_block ? rule->max_block : l->o->max_block;
	int nwin = rule->nwin;
	for(size_t s = 0; s < m && !job->oom;) {
		size_t t = s, na = 0;
		while(t < m && e[t].hash == e[s].hash)
			na += !e[t++].side;
		size_t n = t - s, nb = dedupe ? n : n - na;
		if(dedupe ? n < 2 : !na || !nb) {
			s = t;
			continue;
		}
		if(nb > job->largest)
			job->largest = nb;
		if(!most || nb <= most)
			block_whole(job, r, e + s, na, n);
		else if(!nwin)
			job->skipped++;
		else {
			job->windowed++;
			for(int k = 0; k < nwin; k++)
				block_window(job, r, rule->win[k], e + s, n);
			block_sparse(job, r, nwin, e + s, na, n);
		}
		s = t;
	}
	free(e);
}

static void *block_run(void *arg)
{
	block_job *job = arg;
	for(int r = job->first; r < job->l->spec->nrules && !job->oom; r += job->step)
		block_rule(job, r);
	free(job->scratch);
	free(job->before);
	return NULL;
}

/* Weighted node pruning (meta-blocking, Papadakis et al. 2014): a pair
 * proposed by fewer rules than the best pair of its record of a, and of
 * its record of b, by more than opts->prune is dropped. A true pair is
 * proposed by most rules; the namesakes around it by one or two, and at a
 * million a side they are most of the pairs (measured: half of them go,
 * and no true pair with them). A record keeps its best pairs whatever
 * their number, so one that only a single rule finds is kept.
 *
 * A pair kept so, as the best of one record, is still dropped when it is
 * more than opts->prune_behind rules behind the best pair of the other:
 * a namesake of a man with no match on the other side, standing beside
 * one who has his own, found by four more rules. Measured at a million a
 * side: 1.4 million of the 3.0 million pairs went, and no link with them
 * (two behind lost a hundred; docs/matching.md). */
static bool prune_keeps(const linker *l, int w, int best_a, int best_b)
{
	int behind_a = best_a - w, behind_b = best_b - w;
	int least = behind_a < behind_b ? behind_a : behind_b;
	int most = behind_a < behind_b ? behind_b : behind_a;
	return least <= l->o->prune && (l->o->prune_behind < 0 || most <= l->o->prune_behind);
}

static pl_rc prune(linker *l)
{
	size_t na = l->a->n, nb = l->o->dedupe ? 0 : l->b->n;
	uint8_t *best = calloc(na + nb + 1, 1);
	if(!best)
		return PL_ENOMEM;
	/* In one list, a record's pairs are those where it is either. */
	uint8_t *ba = best, *bb = l->o->dedupe ? best : best + na;
	for(size_t k = 0; k < l->ncand; k++) {
		uint8_t w = (uint8_t)__builtin_popcount(CAND_RULES(l->cand[k]));
		size_t i = CAND_A(l->cand[k]), j = CAND_B(l->cand[k]);
		ba[i] = w > ba[i] ? w : ba[i];
		bb[j] = w > bb[j] ? w : bb[j];
	}
	size_t out = 0;
	for(size_t k = 0; k < l->ncand; k++) {
		int w = __builtin_popcount(CAND_RULES(l->cand[k]));
		if(prune_keeps(l, w, ba[CAND_A(l->cand[k])], bb[CAND_B(l->cand[k])]))
			l->cand[out++] = l->cand[k];
	}
	l->r->pruned = l->ncand - out;
	l->ncand = out;
	free(best);
	return PL_OK;
}

/* The candidate pairs: every rule's, on the threads, then sorted and each
 * kept once. */
static pl_rc block_all(linker *l, int nthreads)
{
	block_job jobs[16];
	int nj = nthreads < l->spec->nrules ? nthreads : l->spec->nrules;
	for(int t = 0; t < nj; t++)
		jobs[t] = (block_job){.l = l, .first = t, .step = nj};
	pl_parallel(block_run, jobs, sizeof(block_job), nj);
	size_t total = 0;
	bool oom = false;
	for(int t = 0; t < nj; t++) {
		total += jobs[t].out.n;
		oom |= jobs[t].oom;
		for(int r = 0; r < l->spec->nrules; r++)
			l->r->rule_pairs[r] += jobs[t].rule_pairs[r];
		if(jobs[t].largest > l->r->largest_block)
			l->r->largest_block = jobs[t].largest;
		l->r->skipped_blocks += jobs[t].skipped;
		l->r->windowed_blocks += jobs[t].windowed;
	}
	l->cand = oom ? NULL : malloc((total ? total : 1) * sizeof(cand));
	for(int t = 0; t < nj; t++) {
		if(l->cand && jobs[t].out.n)
			memcpy(l->cand + l->ncand, jobs[t].out.v, jobs[t].out.n * sizeof(cand));
		l->ncand += l->cand ? jobs[t].out.n : 0;
		free(jobs[t].out.v);
	}
	if(!l->cand || !radix_sort(l->cand, l->ncand, sizeof(cand), 16))
		return PL_ENOMEM;
	size_t out = 0;
	for(size_t k = 0; k < l->ncand; k++) {
		if(out && CAND_PAIR(l->cand[out - 1]) == CAND_PAIR(l->cand[k]))
			l->cand[out - 1] |= CAND_RULES(l->cand[k]);
		else
			l->cand[out++] = l->cand[k];
	}
	l->ncand = out;
	pl_rc rc = l->o->prune >= 0 ? prune(l) : PL_OK;
	l->r->candidates = l->ncand;
	return rc;
}

/* ---- the passes over the candidate pairs ------------------------------ */

typedef struct pattern_table {
	uint64_t *key;
	uint64_t *count; /* 0: the slot is free */
	size_t cap, n;
	bool oom;
} pattern_table;

/* A pass visits a share of the candidate pairs on a thread of its own:
 * pass 1 compares them (their levels are kept) and counts their level
 * patterns for EM, pass 2 weighs them. */
typedef struct pass {
	linker *l;
	size_t lo, hi;
	pattern_table pt[MATCH_SESSIONS_MAX + 1]; /* pass 1: by session, then all */
	match_pair *pairs;                     /* pass 2 */
	size_t npairs, cap;
	bool oom;
} pass;

static pl_rc run_passes(linker *l, void *(*fn)(void *), pass *ps, int nthreads)
{
	for(int t = 0; t < nthreads; t++)
		ps[t] = (pass){.l = l, .lo = l->ncand * (size_t)t / (size_t)nthreads,
		               .hi = l->ncand * (size_t)(t + 1) / (size_t)nthreads};
	pl_parallel(fn, ps, sizeof(pass), nthreads);
	bool oom = false;
	for(int t = 0; t < nthreads; t++) {
		for(int k = 0; k <= MATCH_SESSIONS_MAX; k++)
			ps[t].oom |= ps[t].pt[k].oom;
		oom |= ps[t].oom;
	}
	return oom ? PL_ENOMEM : PL_OK;
}

/* ---- pass 1: levels and their patterns -------------------------------- */

static uint64_t pattern_of(const uint8_t *level, int n)
{
	uint64_t k = 0;
	for(int c = 0; c < n; c++)
		k |= (uint64_t)(level[c] == MATCH_NULL ? 0xF : level[c]) << (4 * c);
	return k;
}

static uint8_t pattern_level(uint64_t k, int c)
{
	uint8_t v = (uint8_t)((k >> (4 * c)) & 0xF);
	return v == 0xF ? MATCH_NULL : v;
}

static void pattern_add(pattern_table *pt, uint64_t key, uint64_t count)
{
	if(pt->oom)
		return;
	if(2 * (pt->n + 1) > pt->cap) {
		pattern_table bigger = {.cap = pt->cap ? pt->cap * 2 : 1024};
		bigger.key = calloc(bigger.cap, sizeof(uint64_t));
		bigger.count = calloc(bigger.cap, sizeof(uint64_t));
		if(!bigger.key || !bigger.count) {
			free(bigger.key);
			free(bigger.count);
			pt->oom = true;
			return;
		}
		for(size_t s = 0; s < pt->cap; s++)
			if(pt->count[s])
				pattern_add(&bigger, pt->key[s], pt->count[s]);
		free(pt->key);
		free(pt->count);
		*pt = bigger;
	}
	size_t s = (size_t)((key * 0x9E3779B97F4A7C15ull) >> 20) & (pt->cap - 1);
	while(pt->count[s] && pt->key[s] != key)
		s = (s + 1) & (pt->cap - 1);
	if(!pt->count[s]) {
		pt->key[s] = key;
		pt->n++;
	}
	pt->count[s] += count;
}

static void pattern_free(pattern_table *pt)
{
	free(pt->key);
	free(pt->count);
	memset(pt, 0, sizeof(*pt));
}

/* A pair's pattern counts once in all, and once under each rule that
 * proposed it: EM learns m rule by rule (see em). */
static void count_pattern(pass *p, cand c, const uint8_t *level)
{
	uint64_t key = pattern_of(level, p->l->spec->ncmps);
	pattern_add(&p->pt[MATCH_SESSIONS_MAX], key, 1);
	for(uint32_t rules = CAND_RULES(c); rules; rules &= rules - 1)
		pattern_add(&p->pt[__builtin_ctz(rules)], key, 1);
}

/* Side b's records come in no order: ask for the one a few pairs ahead
 * while this one is compared (each is a few cache lines; at a million a
 * side, waiting for them took most of a comparison's time). */
enum { AHEAD = 8 };

/* (Inlined: as a function of its own, GCC takes it for one without effects
 * and drops the call.) */
static inline __attribute__((always_inline)) void prefetch_b(const linker *l, size_t k, size_t hi)
{
	if(k + AHEAD < hi) {
		const char *r = l->b->rec[CAND_B(l->cand[k + AHEAD])];
		__builtin_prefetch(r);
		__builtin_prefetch(r + 64);
		__builtin_prefetch(r + 128);
	}
	if(k + 2 * AHEAD < hi)
		__builtin_prefetch(&l->b->rec[CAND_B(l->cand[k + 2 * AHEAD])]);
}

static void *levels_run(void *arg)
{
	pass *p = arg;
	linker *l = p->l;
	size_t n = (size_t)l->spec->ncmps;
	for(size_t k = p->lo; k < p->hi; k++) {
		prefetch_b(l, k, p->hi);
		size_t i = CAND_A(l->cand[k]), j = CAND_B(l->cand[k]);
		uint8_t *level = l->level + k * n;
		match_compare(l->spec, l->a, i, l->b, j, level);
		if(!l->o->model)
			count_pattern(p, l->cand[k], level);
	}
	return NULL;
}

/* ---- u from random pairs ---------------------------------------------- */

/* The sample is cut into a fixed number of chunks, each with its own seed,
 * so that the same seed gives the same u on any number of threads. */
enum { U_CHUNKS = 16 };

typedef struct u_job {
	linker *l;
	size_t per_chunk;
	int first, step; /* chunks first, first + step, ... */
	double count[MATCH_CMPS_MAX][MATCH_LEVELS_MAX];
} u_job;

static void *u_run(void *arg)
{
	u_job *job = arg;
	linker *l = job->l;
	const match_spec *spec = l->spec;
	uint8_t level[MATCH_CMPS_MAX];
	for(int chunk = job->first; chunk < U_CHUNKS; chunk += job->step) {
		rng g;
		rng_seed(&g, l->o->seed * U_CHUNKS + (uint64_t)chunk);
		/* The pairs are drawn AHEAD at a time and their records asked
		 * for before they are compared (see prefetch_b). */
		uint32_t ring[AHEAD][2] = {{0}};
		for(size_t s = 0; s < job->per_chunk + AHEAD; s++) {
			size_t i = ring[s % AHEAD][0], j = ring[s % AHEAD][1];
			if(s < job->per_chunk) {
				uint32_t ni = rng_below(&g, (uint32_t)l->a->n), nj = rng_below(&g, (uint32_t)l->b->n);
				__builtin_prefetch(l->a->rec[ni]);
				__builtin_prefetch(l->b->rec[nj]);
				ring[s % AHEAD][0] = ni;
				ring[s % AHEAD][1] = nj;
			}
			if(s < AHEAD || (l->o->dedupe && i == j))
				continue;
			match_compare(spec, l->a, i, l->b, j, level);
			for(int c = 0; c < spec->ncmps; c++)
				if(level[c] != MATCH_NULL)
					job->count[c][level[c]]++;
		}
	}
	return NULL;
}

static void estimate_u(linker *l, int nthreads)
{
	const match_spec *spec = l->spec;
	double all = (double)l->a->n * (double)l->b->n;
	size_t n = l->o->u_pairs;
	if(all < (double)n)
		n = (size_t)all;
	u_job jobs[16];
	for(int t = 0; t < nthreads; t++)
		jobs[t] = (u_job){.l = l, .per_chunk = n ? n / U_CHUNKS + 1 : 0, .first = t, .step = nthreads};
	pl_parallel(u_run, jobs, sizeof(u_job), nthreads);
	for(int c = 0; c < spec->ncmps; c++) {
		double count[MATCH_LEVELS_MAX] = {0}, sum = 0;
		for(int t = 0; t < nthreads; t++)
			for(int k = 0; k < l->levels[c]; k++)
				count[k] += jobs[t].count[c][k];
		/* A level never seen among random pairs is given half a count:
		 * rare, but not impossible, so one agreement cannot outweigh all. */
		for(int k = 0; k < l->levels[c]; k++) {
			l->seen[c] += count[k];
			sum += count[k] > 0 ? count[k] : 0.5;
		}
		for(int k = 0; k < l->levels[c]; k++)
			l->r->model.u[c][k] = (count[k] > 0 ? count[k] : 0.5) / sum;
	}
}

/* ---- EM for m and lambda ------------------------------------------------
 *
 * u comes from random pairs, but the candidate pairs are not random: a
 * rule on surname and birth year proposes pairs that all agree on those,
 * matches or not. EM over them with u held fixed would take that
 * agreement for a sign of a match and drift until everything matched. So
 * m is learnt rule by rule, as Splink does: over the pairs a rule
 * proposes, leaving out the comparisons the rule fixes, and averaged over
 * the rules, each weighed by the matches it found. Then lambda, the share
 * of all pairs (not just candidates) that match, follows from the
 * expected number of matches among the candidates with m and u fixed. */

static bool column_of(const match_comparison *c, int col)
{
	return col == c->col || (c->alt >= 0 && col == c->alt) || (c->also >= 0 && col == c->also) ||
	       (c->kind == MATCH_NAME && c->skel >= 0 && col == c->skel);
}

/* Whether the rule fixes comparison c: it blocks on c's column, its
 * equivalent, or a column derived from the same value; or, for the pairs
 * of its windows, orders them by one of them, which makes neighbours agree
 * on it more than chance would. */
static bool rule_fixes(const match_rule *rule, bool windowed, const match_comparison *c, int ci)
{
	if(rule->fixes & (1u << ci))
		return true;
	for(int k = 0; k < rule->ncols; k++)
		if(column_of(c, rule->cols[k]))
			return true;
	for(int k = 0; windowed && k < rule->nwin; k++)
		if(column_of(c, rule->win[k]))
			return true;
	return false;
}

static double pattern_post(const linker *l, uint64_t key, double lambda, const bool *skip,
                           const match_model *md)
{
	double pm = lambda, pu = 1 - lambda;
	for(int c = 0; c < l->spec->ncmps; c++) {
		uint8_t k = pattern_level(key, c);
		if(k != MATCH_NULL && !(skip && skip[c])) {
			pm *= md->m[c][k];
			pu *= md->u[c][k];
		}
	}
	return pm + pu > 0 ? pm / (pm + pu) : 0;
}

/* One session: EM over one rule's pairs. m of the comparisons it does not
 * fix into m; returns the expected matches among them. */
static double em_session(linker *l, const pattern_table *pt, const bool *skip,
                         double m[MATCH_CMPS_MAX][MATCH_LEVELS_MAX], int *iterations, bool *converged)
{
	const match_spec *spec = l->spec;
	match_model md = l->r->model; /* u as estimated */
	for(int c = 0; c < spec->ncmps; c++)
		for(int k = 0; k < l->levels[c]; k++)
			md.m[c][k] = k == 0 ? 0.9 : 0.1 / (l->levels[c] - 1);
	double total = 0, matched = 0;
	for(size_t s = 0; s < pt->cap; s++)
		total += (double)pt->count[s];
	double lambda = 0.5;
	*converged = false;
	for(int it = 1; it <= 200; it++) {
		double mnum[MATCH_CMPS_MAX][MATCH_LEVELS_MAX] = {{0}}, mden[MATCH_CMPS_MAX] = {0};
		matched = 0;
		for(size_t s = 0; s < pt->cap; s++) {
			if(!pt->count[s])
				continue;
			double w = (double)pt->count[s] * pattern_post(l, pt->key[s], lambda, skip, &md);
			matched += w;
			for(int c = 0; c < spec->ncmps; c++) {
				uint8_t k = pattern_level(pt->key[s], c);
				if(k != MATCH_NULL && !skip[c]) {
					mnum[c][k] += w;
					mden[c] += w;
				}
			}
		}
		double change = fabs(matched / total - lambda);
		lambda = matched / total;
		for(int c = 0; c < spec->ncmps; c++)
			for(int k = 0; k < l->levels[c] && !skip[c]; k++) {
				double v = mden[c] > 0 ? mnum[c][k] / mden[c] : md.m[c][k];
				if(v < 1e-6)
					v = 1e-6;
				if(fabs(v - md.m[c][k]) > change)
					change = fabs(v - md.m[c][k]);
				md.m[c][k] = v;
			}
		*iterations += 1;
		if(change < 1e-6) {
			*converged = true;
			break;
		}
	}
	memcpy(m, md.m, sizeof(md.m));
	return matched;
}

/* lambda for all pairs: the fixed point of "expected matches among the
 * candidates", the pairs outside the blocks taken as non-matches. */
static void estimate_lambda(linker *l, const pattern_table *all)
{
	match_model *md = &l->r->model;
	double na = (double)l->a->n, nb = (double)l->b->n;
	double pairs = l->o->dedupe ? na * (na - 1) / 2 : na * nb;
	if(pairs < 1)
		pairs = 1;
	double matches = (na < nb ? na : nb) / 2 + 1;
	for(int it = 0; it < 200; it++) {
		double lambda = matches / pairs, next = 0;
		if(lambda > 0.999)
			lambda = 0.999;
		for(size_t s = 0; s < all->cap; s++)
			if(all->count[s])
				next += (double)all->count[s] * pattern_post(l, all->key[s], lambda, NULL, md);
		bool done = fabs(next - matches) < 0.01;
		matches = next > 0.5 ? next : 0.5;
		if(done)
			break;
	}
	md->lambda = matches / pairs < 0.999 ? matches / pairs : 0.999;
}

/* Comparisons on which nearly every random pair agrees (the whole list
 * born on one day, or all men), or whose values are hardly ever known on
 * both sides: they tell nobody apart, and EM cannot learn from them; the
 * first kind weighs nothing. */
enum { CONSTANT_U = 95 }; /* percent of random pairs at "exact" */

static void mark_constant(linker *l)
{
	for(int c = 0; c < l->spec->ncmps; c++)
		if(l->r->model.u[c][0] * 100 >= CONSTANT_U && l->seen[c] > 0)
			l->r->constant |= 1u << c;
}

static bool varies(const linker *l, int c)
{
	return !(l->r->constant & (1u << c)) && l->seen[c] >= 10;
}

/* A session learns m only if at least two comparisons it does not fix
 * vary: with one, a share of matches and that comparison's m explain the
 * pairs equally well whatever the share (EM drifts, as it did on a list
 * where everyone had the same given name, patronymic and birth date). */
static bool session_can_learn(const linker *l, const bool *skip)
{
	int vary = 0;
	for(int c = 0; c < l->spec->ncmps; c++)
		vary += !skip[c] && varies(l, c);
	return vary >= 2;
}

/* The prior model, when the lists cannot teach one: m from match_prior_m,
 * lambda as if each record of the smaller list had its match in the other
 * (of one list against itself: half of them a duplicate), and u less the
 * matches the random pairs hold at that lambda. u from random pairs counts
 * the matches among them as chance agreements, which weighs nothing at a
 * million a side but at 150 a side cancels a unique surname's whole
 * weight against the prior. */
static void fall_back(linker *l, match_fallback why)
{
	match_model *md = &l->r->model;
	double na = (double)l->a->n, nb = (double)l->b->n;
	double pairs = l->o->dedupe ? na * (na - 1) / 2 : na * nb;
	double matches = l->o->dedupe ? na / 2 : (na < nb ? na : nb);
	double lambda = pairs >= 1 ? matches / pairs : 0.5;
	if(lambda > 0.5)
		lambda = 0.5;
	for(int c = 0; c < l->spec->ncmps; c++) {
		const match_comparison *mc = &l->spec->cmps[c];
		bool weighs = !(l->r->constant & (1u << c));
		double floor = l->seen[c] > 0 ? 0.5 / l->seen[c] : 0;
		for(int k = 0; k < l->levels[c]; k++) {
			double raw = md->u[c][k];
			md->m[c][k] = weighs && match_level_possible(mc, k) ? match_prior_m(mc->kind, k) : raw;
			if(!weighs)
				continue;
			double u = (raw - lambda * md->m[c][k]) / (1 - lambda);
			md->u[c][k] = u > raw ? raw : u > floor ? u : floor < raw ? floor : raw;
		}
		md->tf_less[c] = weighs ? lambda * md->m[c][0] : 0;
	}
	md->lambda = lambda;
	l->r->matches = matches;
	l->r->fallback = why;
}

static void em(linker *l, const pattern_table *pt)
{
	const match_spec *spec = l->spec;
	match_model *md = &l->r->model;
	double msum[MATCH_CMPS_MAX][MATCH_LEVELS_MAX] = {{0}}, wsum[MATCH_CMPS_MAX] = {0};
	md->iterations = 0;
	md->converged = true;
	bool learnt = false;
	for(int s = 0; s < l->nsessions; s++) {
		if(pt[s].n == 0)
			continue;
		bool skip[MATCH_CMPS_MAX];
		for(int c = 0; c < spec->ncmps; c++)
			skip[c] = rule_fixes(&spec->rules[l->session_rule[s]], s >= spec->nrules, &spec->cmps[c], c);
		if(!session_can_learn(l, skip))
			continue;
		learnt = true;
		double m[MATCH_CMPS_MAX][MATCH_LEVELS_MAX];
		bool converged;
		double matched = em_session(l, &pt[s], skip, m, &md->iterations, &converged);
		md->converged &= converged;
		for(int c = 0; c < spec->ncmps; c++)
			if(!skip[c]) {
				for(int k = 0; k < l->levels[c]; k++)
					msum[c][k] += matched * m[c][k];
				wsum[c] += matched;
			}
	}
	for(int c = 0; c < spec->ncmps; c++)
		for(int k = 0; k < l->levels[c]; k++) {
			/* A comparison every rule fixes keeps the starting guess; one
			 * that never varies weighs nothing. */
			md->m[c][k] = wsum[c] > 0 ? msum[c][k] / wsum[c]
			            : k == 0 ? 0.9 : 0.1 / (l->levels[c] - 1);
			if(!match_level_possible(&spec->cmps[c], k) || (l->r->constant & (1u << c)))
				md->m[c][k] = md->u[c][k];
		}
	if(!learnt) {
		fall_back(l, MATCH_NO_VARIATION);
		return;
	}
	estimate_lambda(l, &pt[MATCH_SESSIONS_MAX]);
	/* EM that does not separate takes nearly every candidate for a match:
	 * more than the lists can hold, one to one (or, of one list, than it
	 * has records). */
	double na = (double)l->a->n, nb = (double)l->b->n;
	double pairs = l->o->dedupe ? na * (na - 1) / 2 : na * nb;
	l->r->matches = md->lambda * pairs;
	double most = l->o->dedupe ? na : (na < nb ? na : nb);
	if(l->r->matches > 1.5 * most + 1)
		fall_back(l, MATCH_NOT_SEPARATED);
}

/* ---- pass 2: weights -------------------------------------------------- */

static double tf_share(const match_result *r, int c, const char *v)
{
	void *n = hmap_get(&r->tf[c], v, strlen(v));
	return n && r->tf_total[c] ? (double)(uintptr_t)n / (double)r->tf_total[c] : 0;
}

/* log2 m/u of one comparison at its level; an exact agreement on a value
 * is weighed by the value's share of all values, when that is known. */
static double part_of(const match_spec *spec, const match_result *r, const match_side *a, size_t i,
                      int c, uint8_t k)
{
	if(k == MATCH_NULL)
		return 0;
	const match_model *md = &r->model;
	double u = md->u[c][k];
	if(k == 0 && spec->cmps[c].tf && !(r->constant & (1u << c))) {
		double share = tf_share(r, c, match_value(a, i, spec->cmps[c].col));
		if(share > 0)
			u = share - md->tf_less[c] > share / 100 ? share - md->tf_less[c] : share / 100;
	}
	return log2(md->m[c][k] / u);
}

double match_probability(double weight)
{
	return 1.0 / (1.0 + exp2(-weight));
}

static double prior_of(const match_model *md)
{
	return log2(md->lambda / (1 - md->lambda));
}

static void score_pair(pass *p, size_t k)
{
	linker *l = p->l;
	size_t i = CAND_A(l->cand[k]);
	match_pair mp = {.a = (uint32_t)i, .b = (uint32_t)CAND_B(l->cand[k])};
	memcpy(mp.level, l->level + k * (size_t)l->spec->ncmps, (size_t)l->spec->ncmps);
	double w = l->prior;
	for(int c = 0; c < l->spec->ncmps; c++)
		w += mp.level[c] == 0 && l->spec->cmps[c].tf ? part_of(l->spec, l->r, l->a, i, c, 0)
		   : mp.level[c] == MATCH_NULL                ? 0
		                                              : l->bf[c][mp.level[c]];
	double prob = match_probability(w);
	if(prob < l->o->review)
		return;
	if(p->npairs == p->cap) {
		size_t cap = p->cap ? p->cap * 2 : 4096;
		match_pair *np = realloc(p->pairs, cap * sizeof(*np));
		if(!np) {
			p->oom = true;
			return;
		}
		p->pairs = np;
		p->cap = cap;
	}
	mp.weight = (float)w;
	mp.prob = (float)prob;
	p->pairs[p->npairs++] = mp;
}

static void *score_run(void *arg)
{
	pass *p = arg;
	for(size_t k = p->lo; k < p->hi && !p->oom; k++)
		score_pair(p, k);
	return NULL;
}

double match_explain(const match_spec *spec, const match_result *r, const match_side *a,
                     const match_side *b, const match_pair *p, double *part)
{
	(void)b;
	double w = prior_of(&r->model);
	for(int c = 0; c < spec->ncmps; c++) {
		part[c] = part_of(spec, r, a, p->a, c, p->level[c]);
		w += part[c];
	}
	return w;
}

/* ---- term frequencies ------------------------------------------------- */

static pl_rc count_values(match_result *r, int c, int col, const match_side *s)
{
	for(size_t i = 0; i < s->n; i++) {
		const char *v = match_value(s, i, col);
		if(!v)
			continue;
		size_t len = strlen(v);
		uintptr_t n = (uintptr_t)hmap_get(&r->tf[c], v, len);
		if(hmap_put(&r->tf[c], v, len, (void *)(n + 1)))
			return PL_ENOMEM;
		r->tf_total[c]++;
	}
	return PL_OK;
}

static pl_rc count_terms(linker *l)
{
	for(int c = 0; c < l->spec->ncmps; c++) {
		if(!l->spec->cmps[c].tf)
			continue;
		int col = l->spec->cmps[c].col;
		pl_rc rc = count_values(l->r, c, col, l->a);
		if(!rc && !l->o->dedupe)
			rc = count_values(l->r, c, col, l->b);
		if(rc)
			return rc;
	}
	return PL_OK;
}

/* ---- assignment ------------------------------------------------------- */

static int pair_cmp(const void *x, const void *y)
{
	const match_pair *p = x, *q = y;
	if(p->weight != q->weight)
		return p->weight > q->weight ? -1 : 1;
	if(p->a != q->a)
		return p->a < q->a ? -1 : 1;
	return p->b < q->b ? -1 : p->b > q->b;
}

pl_rc match_assign(match_result *r, size_t na, size_t nb, const match_opts *o)
{
	qsort(r->pairs, r->npairs, sizeof(match_pair), pair_cmp);
	bool one = o->one_to_one && !o->dedupe;
	unsigned char *taken_a = one ? calloc(na + 1, 1) : NULL;
	unsigned char *taken_b = one ? calloc(nb + 1, 1) : NULL;
	if(one && (!taken_a || !taken_b)) {
		free(taken_a);
		free(taken_b);
		return PL_ENOMEM;
	}
	r->links = r->reviews = 0;
	for(size_t k = 0; k < r->npairs; k++) {
		match_pair *p = &r->pairs[k];
		if(one && (taken_a[p->a] || taken_b[p->b])) {
			p->status = MATCH_OUTRANKED;
		} else if(p->prob >= o->threshold) {
			p->status = MATCH_LINK;
			r->links++;
			if(one)
				taken_a[p->a] = taken_b[p->b] = 1;
		} else {
			p->status = MATCH_REVIEW;
			r->reviews++;
		}
	}
	free(taken_a);
	free(taken_b);
	return PL_OK;
}

/* ---- the whole ---------------------------------------------------------- */

/* Not for users, but the 4 billion: the spec and the sides are parley's own
 * (match_person_spec), so their messages stay English. */
static pl_rc check_spec(const match_spec *spec, const match_side *a, const match_side *b,
                        const match_opts *o, pl_err *err)
{
	if(spec->ncmps < 1 || spec->ncmps > MATCH_CMPS_MAX || spec->nrules < 1 ||
	   spec->nrules > MATCH_RULES_MAX)
		return pl_fail(err, PL_EUSAGE, "linkage: 1-%d comparisons and 1-%d blocking rules",
		               MATCH_CMPS_MAX, MATCH_RULES_MAX);
	if(a->ncols != b->ncols)
		return pl_fail(err, PL_EUSAGE, "linkage: the two sides have different columns");
	if(a->n > MATCH_SIDE_MAX || b->n > MATCH_SIDE_MAX)
		return pl_failc(err, PL_ELIMIT, "match.too_many_records", NULL);
	if(o->dedupe && a != b)
		return pl_fail(err, PL_EUSAGE, "linkage: deduplication links a side with itself");
	for(int c = 0; c < spec->ncmps; c++) {
		const match_comparison *mc = &spec->cmps[c];
		if(mc->col < 0 || (size_t)mc->col >= a->ncols || mc->kind >= MATCH_KIND_COUNT ||
		   (mc->kind == MATCH_NAME && (mc->alt >= (int)a->ncols || mc->swap >= (int)a->ncols)))
			return pl_fail(err, PL_EUSAGE, "linkage: comparison '%s' names no column", mc->name);
	}
	int sessions = 0;
	for(int r = 0; r < spec->nrules; r++) {
		const match_rule *ru = &spec->rules[r];
		if(ru->ncols < 1 || ru->ncols > MATCH_RULE_COLS)
			return pl_fail(err, PL_EUSAGE, "linkage: rule '%s' needs 1-%d columns", ru->name,
			               MATCH_RULE_COLS);
		for(int k = 0; k < ru->ncols; k++)
			if(ru->cols[k] < 0 || (size_t)ru->cols[k] >= a->ncols)
				return pl_fail(err, PL_EUSAGE, "linkage: rule '%s' names no column", ru->name);
		if(ru->nwin < 0 || ru->nwin > MATCH_RULE_WINS)
			return pl_fail(err, PL_EUSAGE, "linkage: rule '%s' needs 0-%d windows", ru->name,
			               MATCH_RULE_WINS);
		for(int k = 0; k < ru->nwin; k++)
			if(ru->win[k] < 0 || (size_t)ru->win[k] >= a->ncols)
				return pl_fail(err, PL_EUSAGE, "linkage: rule '%s' orders a window by no column",
				               ru->name);
		sessions += 1 + (ru->nwin > 0);
	}
	if(sessions > MATCH_SESSIONS_MAX)
		return pl_fail(err, PL_EUSAGE, "linkage: at most %d rules and rules with windows together",
		               MATCH_SESSIONS_MAX);
	return PL_OK;
}

/* Pass 1: compare every candidate pair, and count the level patterns for
 * EM (unless the model is given), then estimate it. */
static pl_rc link_learn(linker *l, int nthreads, pl_err *err)
{
	match_result *r = l->r;
	pass ps[16];
	pl_rc rc = run_passes(l, levels_run, ps, nthreads);
	pattern_table merged[MATCH_SESSIONS_MAX + 1];
	memset(merged, 0, sizeof(merged));
	for(int t = 0; t < nthreads; t++)
		for(int k = 0; k <= MATCH_SESSIONS_MAX; k++) {
			for(size_t s = 0; !rc && s < ps[t].pt[k].cap; s++)
				if(ps[t].pt[k].count[s])
					pattern_add(&merged[k], ps[t].pt[k].key[s], ps[t].pt[k].count[s]);
			pattern_free(&ps[t].pt[k]);
		}
	for(int k = 0; k <= MATCH_SESSIONS_MAX; k++)
		if(!rc && merged[k].oom)
			rc = PL_ENOMEM;
	if(!rc && !l->o->model) {
		r->patterns = merged[MATCH_SESSIONS_MAX].n;
		estimate_u(l, nthreads);
		mark_constant(l);
		em(l, merged);
	}
	for(int k = 0; k <= MATCH_SESSIONS_MAX; k++)
		pattern_free(&merged[k]);
	return rc ? pl_failc(err, rc, "match.no_memory_patterns", NULL) : PL_OK;
}

/* Pass 2: weigh every pair, keep those worth a look, assign. */
static pl_rc link_score(linker *l, int nthreads, pl_err *err)
{
	match_result *r = l->r;
	l->prior = prior_of(&r->model);
	for(int c = 0; c < l->spec->ncmps; c++)
		for(int k = 0; k < l->levels[c]; k++)
			l->bf[c][k] = log2(r->model.m[c][k] / r->model.u[c][k]);
	pass ps[16];
	pl_rc rc = run_passes(l, score_run, ps, nthreads);
	for(int t = 0; t < nthreads && !rc; t++)
		r->npairs += ps[t].npairs;
	if(!rc && !(r->pairs = malloc((r->npairs ? r->npairs : 1) * sizeof(match_pair))))
		rc = PL_ENOMEM;
	size_t at = 0;
	for(int t = 0; t < nthreads; t++) {
		if(!rc && ps[t].npairs)
			memcpy(r->pairs + at, ps[t].pairs, ps[t].npairs * sizeof(match_pair));
		at += ps[t].npairs;
		free(ps[t].pairs);
	}
	if(!rc)
		rc = match_assign(r, l->a->n, l->b->n, l->o);
	return rc ? pl_failc(err, rc, "match.no_memory", NULL) : PL_OK;
}

pl_rc match_link(const match_spec *spec, const match_side *a, const match_side *b,
                 const match_opts *o, match_result *out, pl_err *err)
{
	memset(out, 0, sizeof(*out));
	for(int c = 0; c < MATCH_CMPS_MAX; c++)
		hmap_init(&out->tf[c]);
	pl_rc rc = check_spec(spec, a, b, o, err);
	if(rc) {
		match_result_free(out);
		return rc;
	}
	linker l = {.spec = spec, .a = a, .b = b, .o = o, .r = out, .nsessions = spec->nrules};
	for(int r = 0; r < spec->nrules; r++) {
		l.session_rule[r] = r;
		if(spec->rules[r].nwin) {
			l.window_session[r] = l.nsessions;
			l.session_rule[l.nsessions++] = r;
		}
	}
	for(int c = 0; c < spec->ncmps; c++)
		l.levels[c] = match_levels(spec->cmps[c].kind, NULL);
	if(o->model)
		out->model = *o->model;
	int nthreads = o->threads < 1 ? 1 : o->threads > PL_PARALLEL_MAX ? PL_PARALLEL_MAX : o->threads;
	rc = count_terms(&l);
	if(!rc)
		rc = block_all(&l, nthreads);
	if(!rc && !(l.level = malloc((l.ncand ? l.ncand : 1) * (size_t)spec->ncmps)))
		rc = PL_ENOMEM;
	if(rc)
		pl_failc(err, rc, "match.no_memory_index", NULL);
	else
		rc = link_learn(&l, nthreads, err);
	if(!rc)
		rc = link_score(&l, nthreads, err);
	free(l.cand);
	free(l.level);
	if(rc)
		match_result_free(out);
	return rc;
}

void match_result_free(match_result *r)
{
	free(r->pairs);
	for(int c = 0; c < MATCH_CMPS_MAX; c++)
		hmap_free(&r->tf[c]);
	memset(r, 0, sizeof(*r));
}
