/* The linker: blocking, the two passes over the candidate pairs (level
 * patterns for EM, then weights), u from random pairs, EM for m, and the
 * one-to-one assignment. */
#include <math.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "core/rng.h"
#include "match/match.h"

/* ---- blocking ----------------------------------------------------------- */

typedef struct slot {
	uint64_t hash;
	uint32_t idx;
} slot;

typedef struct block_index {
	slot *slots; /* side b's records with a key, by hash */
	size_t n;
} block_index;

typedef struct linker {
	const match_spec *spec;
	const match_side *a, *b;
	const match_opts *o;
	match_result *r;
	block_index idx[MATCH_RULES_MAX];
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

static bool rule_same(const match_rule *rule, const match_side *a, size_t i, const match_side *b,
                      size_t j)
{
	for(int k = 0; k < rule->ncols; k++)
		if(strcmp(match_value(a, i, rule->cols[k]), match_value(b, j, rule->cols[k])))
			return false;
	return true;
}

static int slot_cmp(const void *x, const void *y)
{
	const slot *p = x, *q = y;
	if(p->hash != q->hash)
		return p->hash < q->hash ? -1 : 1;
	return p->idx < q->idx ? -1 : p->idx > q->idx;
}

/* Index side b by the rule's key, leaving out blocks over max_block. */
static pl_rc index_rule(linker *l, int r)
{
	const match_rule *rule = &l->spec->rules[r];
	block_index *ix = &l->idx[r];
	ix->slots = malloc((l->b->n ? l->b->n : 1) * sizeof(slot));
	if(!ix->slots)
		return PL_ENOMEM;
	for(size_t j = 0; j < l->b->n; j++)
		if(rule_key(rule, l->b, j, &ix->slots[ix->n].hash))
			ix->slots[ix->n++].idx = (uint32_t)j;
	qsort(ix->slots, ix->n, sizeof(slot), slot_cmp);
	size_t out = 0;
	for(size_t s = 0; s < ix->n;) {
		size_t e = s;
		while(e < ix->n && ix->slots[e].hash == ix->slots[s].hash)
			e++;
		if(e - s > l->r->largest_block)
			l->r->largest_block = e - s;
		size_t most = rule->max_block ? rule->max_block : l->o->max_block;
		if(most && e - s > most) {
			l->r->skipped_blocks++;
		} else {
			memmove(ix->slots + out, ix->slots + s, (e - s) * sizeof(slot));
			out += e - s;
		}
		s = e;
	}
	ix->n = out;
	return PL_OK;
}

static size_t lower_bound(const block_index *ix, uint64_t h)
{
	size_t lo = 0, hi = ix->n;
	while(lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if(ix->slots[mid].hash < h)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

/* Run fn on each of n jobs (`size` bytes apart): job 0 on this thread, the
 * others on threads of their own, or here if a thread cannot start. */
static void run_parallel(void *(*fn)(void *), void *jobs, size_t size, int n)
{
	pthread_t th[16];
	int started = 0;
	for(int t = 1; t < n && !pthread_create(&th[t], NULL, fn, (char *)jobs + (size_t)t * size); t++)
		started = t;
	for(int t = started + 1; t < n; t++)
		fn((char *)jobs + (size_t)t * size);
	fn(jobs);
	for(int t = 1; t <= started; t++)
		pthread_join(th[t], NULL);
}

/* ---- the passes over the candidate pairs ------------------------------ */

/* A pass visits every candidate pair once; each thread takes a share of
 * side a with its own state. */
typedef struct pass pass;
typedef void (*pair_fn)(pass *p, size_t i, size_t j);

typedef struct pattern_table {
	uint64_t *key;
	uint64_t *count; /* 0: the slot is free */
	size_t cap, n;
	bool oom;
} pattern_table;

struct pass {
	linker *l;
	size_t lo, hi;
	pair_fn fn;
	uint32_t *stamp;
	size_t candidates;
	size_t rule_pairs[MATCH_RULES_MAX];
	pattern_table pt[MATCH_RULES_MAX + 1]; /* pass 1: by rule, then all */
	match_pair *pairs;         /* pass 2 */
	size_t npairs, cap;
	bool oom;
};

static void *pass_run(void *arg)
{
	pass *p = arg;
	linker *l = p->l;
	const match_spec *spec = l->spec;
	bool dedupe = l->o->dedupe;
	for(size_t i = p->lo; i < p->hi && !p->oom; i++) {
		for(int r = 0; r < spec->nrules; r++) {
			uint64_t h;
			if(!rule_key(&spec->rules[r], l->a, i, &h))
				continue;
			const block_index *ix = &l->idx[r];
			for(size_t s = lower_bound(ix, h); s < ix->n && ix->slots[s].hash == h; s++) {
				size_t j = ix->slots[s].idx;
				if(dedupe && j <= i)
					continue;
				if(!rule_same(&spec->rules[r], l->a, i, l->b, j))
					continue;
				p->rule_pairs[r]++;
				if(p->stamp[j] == (uint32_t)(i + 1))
					continue;
				p->stamp[j] = (uint32_t)(i + 1);
				p->candidates++;
				p->fn(p, i, j);
			}
		}
	}
	return NULL;
}

/* Run fn over every candidate pair on o->threads threads; the passes are
 * returned for their results. */
static pl_rc run_passes(linker *l, pair_fn fn, pass *ps, int nthreads)
{
	size_t n = l->a->n;
	for(int t = 0; t < nthreads; t++) {
		ps[t] = (pass){.l = l, .fn = fn, .lo = n * (size_t)t / (size_t)nthreads,
		               .hi = n * (size_t)(t + 1) / (size_t)nthreads};
		ps[t].stamp = calloc(l->b->n ? l->b->n : 1, sizeof(uint32_t));
		if(!ps[t].stamp)
			return PL_ENOMEM;
	}
	run_parallel(pass_run, ps, sizeof(pass), nthreads);
	for(int t = 0; t < nthreads; t++) {
		free(ps[t].stamp);
		ps[t].stamp = NULL;
		for(int k = 0; k <= MATCH_RULES_MAX; k++)
			ps[t].oom |= ps[t].pt[k].oom;
		if(ps[t].oom)
			return PL_ENOMEM;
	}
	return PL_OK;
}

/* ---- pass 1: level patterns ------------------------------------------- */

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

/* Whether the pair agrees on every column of the rule. */
static bool rule_holds(const match_rule *rule, const match_side *a, size_t i, const match_side *b,
                       size_t j)
{
	for(int k = 0; k < rule->ncols; k++) {
		const char *x = match_value(a, i, rule->cols[k]), *y = match_value(b, j, rule->cols[k]);
		if(!x || !y || strcmp(x, y))
			return false;
	}
	return true;
}

/* A pair's pattern counts once in all, and once under each rule that
 * proposes it: EM learns m rule by rule (see em). */
static void count_pattern(pass *p, size_t i, size_t j)
{
	const linker *l = p->l;
	uint8_t level[MATCH_CMPS_MAX];
	match_compare(l->spec, l->a, i, l->b, j, level);
	uint64_t key = pattern_of(level, l->spec->ncmps);
	pattern_add(&p->pt[MATCH_RULES_MAX], key, 1);
	for(int r = 0; r < l->spec->nrules; r++)
		if(rule_holds(&l->spec->rules[r], l->a, i, l->b, j))
			pattern_add(&p->pt[r], key, 1);
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
		for(size_t s = 0; s < job->per_chunk; s++) {
			size_t i = rng_below(&g, (uint32_t)l->a->n), j = rng_below(&g, (uint32_t)l->b->n);
			if(l->o->dedupe && i == j)
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
	run_parallel(u_run, jobs, sizeof(u_job), nthreads);
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

/* Whether the rule fixes comparison c: it blocks on c's column, its
 * equivalent, or a column derived from the same value. */
static bool rule_fixes(const match_rule *rule, const match_comparison *c, int ci)
{
	if(rule->fixes & (1u << ci))
		return true;
	for(int k = 0; k < rule->ncols; k++) {
		int col = rule->cols[k];
		if(col == c->col || (c->alt >= 0 && col == c->alt) || (c->also >= 0 && col == c->also))
			return true;
	}
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
	for(int r = 0; r < spec->nrules; r++) {
		if(pt[r].n == 0)
			continue;
		bool skip[MATCH_CMPS_MAX];
		for(int c = 0; c < spec->ncmps; c++)
			skip[c] = rule_fixes(&spec->rules[r], &spec->cmps[c], c);
		if(!session_can_learn(l, skip))
			continue;
		learnt = true;
		double m[MATCH_CMPS_MAX][MATCH_LEVELS_MAX];
		bool converged;
		double matched = em_session(l, &pt[r], skip, m, &md->iterations, &converged);
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
	estimate_lambda(l, &pt[MATCH_RULES_MAX]);
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

static void score_pair(pass *p, size_t i, size_t j)
{
	linker *l = p->l;
	match_pair mp = {.a = (uint32_t)i, .b = (uint32_t)j};
	match_compare(l->spec, l->a, i, l->b, j, mp.level);
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
	if(a->n >= UINT32_MAX - 1 || b->n >= UINT32_MAX - 1)
		return pl_failc(err, PL_ELIMIT, "match.too_many_records", NULL);
	if(o->dedupe && a != b)
		return pl_fail(err, PL_EUSAGE, "linkage: deduplication links a side with itself");
	for(int c = 0; c < spec->ncmps; c++) {
		const match_comparison *mc = &spec->cmps[c];
		if(mc->col < 0 || (size_t)mc->col >= a->ncols || mc->kind >= MATCH_KIND_COUNT ||
		   (mc->kind == MATCH_NAME && (mc->alt >= (int)a->ncols || mc->swap >= (int)a->ncols)))
			return pl_fail(err, PL_EUSAGE, "linkage: comparison '%s' names no column", mc->name);
	}
	for(int r = 0; r < spec->nrules; r++) {
		const match_rule *ru = &spec->rules[r];
		if(ru->ncols < 1 || ru->ncols > MATCH_RULE_COLS)
			return pl_fail(err, PL_EUSAGE, "linkage: rule '%s' needs 1-%d columns", ru->name,
			               MATCH_RULE_COLS);
		for(int k = 0; k < ru->ncols; k++)
			if(ru->cols[k] < 0 || (size_t)ru->cols[k] >= a->ncols)
				return pl_fail(err, PL_EUSAGE, "linkage: rule '%s' names no column", ru->name);
	}
	return PL_OK;
}

static pl_rc link_passes(linker *l, int nthreads, pl_err *err)
{
	match_result *r = l->r;
	pass ps[16];
	pl_rc rc = PL_OK;
	/* Pass 1: count the level patterns, for EM. */
	if(!l->o->model) {
		memset(ps, 0, sizeof(ps));
		rc = run_passes(l, count_pattern, ps, nthreads);
		pattern_table merged[MATCH_RULES_MAX + 1];
		memset(merged, 0, sizeof(merged));
		for(int t = 0; t < nthreads; t++)
			for(int k = 0; k <= MATCH_RULES_MAX; k++) {
				for(size_t s = 0; !rc && s < ps[t].pt[k].cap; s++)
					if(ps[t].pt[k].count[s])
						pattern_add(&merged[k], ps[t].pt[k].key[s], ps[t].pt[k].count[s]);
				pattern_free(&ps[t].pt[k]);
			}
		for(int k = 0; k <= MATCH_RULES_MAX; k++)
			if(!rc && merged[k].oom)
				rc = PL_ENOMEM;
		if(!rc) {
			r->patterns = merged[MATCH_RULES_MAX].n;
			estimate_u(l, nthreads);
			mark_constant(l);
			em(l, merged);
		}
		for(int k = 0; k <= MATCH_RULES_MAX; k++)
			pattern_free(&merged[k]);
		if(rc)
			return pl_failc(err, rc, "match.no_memory_patterns", NULL);
	}
	l->prior = prior_of(&r->model);
	for(int c = 0; c < l->spec->ncmps; c++)
		for(int k = 0; k < l->levels[c]; k++)
			l->bf[c][k] = log2(r->model.m[c][k] / r->model.u[c][k]);
	/* Pass 2: weigh every pair, keep those worth a look. */
	memset(ps, 0, sizeof(ps));
	rc = run_passes(l, score_pair, ps, nthreads);
	for(int t = 0; t < nthreads && !rc; t++) {
		r->candidates += ps[t].candidates;
		for(int k = 0; k < l->spec->nrules; k++)
			r->rule_pairs[k] += ps[t].rule_pairs[k];
		r->npairs += ps[t].npairs;
	}
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
	linker l = {.spec = spec, .a = a, .b = b, .o = o, .r = out};
	for(int c = 0; c < spec->ncmps; c++)
		l.levels[c] = match_levels(spec->cmps[c].kind, NULL);
	if(o->model)
		out->model = *o->model;
	int nthreads = o->threads < 1 ? 1 : o->threads > 16 ? 16 : o->threads;
	rc = count_terms(&l);
	for(int r = 0; r < spec->nrules && !rc; r++)
		rc = index_rule(&l, r);
	if(rc)
		pl_failc(err, rc, "match.no_memory_index", NULL);
	else
		rc = link_passes(&l, nthreads, err);
	for(int r = 0; r < spec->nrules; r++)
		free(l.idx[r].slots);
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
