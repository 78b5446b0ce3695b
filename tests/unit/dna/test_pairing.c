/* Posterior pairing probabilities (src/dna/pairing.c): a case by hand, a
 * brute-force enumeration written here independently on random small
 * groups (families weighed jointly among them), the sums over a remains'
 * options, fragments, the cap. The seed is printed; PARLEY_PAIRING_SEED
 * runs another. */
#include "fixture.h"

#include <inttypes.h>

#include "dna/assign.h"
#include "dna/pairing.h"

static dna_candidate pair(uint32_t r, uint32_t f, double log10_lr)
{
	return (dna_candidate){r, f, log10_lr, 20, 0, false, false};
}

/* Two remains r0, r1 and two missing brothers b0, b1 (two families), N =
 * 11 missing persons: prior odds 1/10 a pair. LRs: r0-b0 100, r0-b1 100
 * (the brothers alike), r1-b0 50, r1-b1 10; posterior odds a pair: 10, 10,
 * 5, 1. The explanations and their weights:
 *   none 1; r0=b0 10; r0=b1 10; r1=b0 5; r1=b1 1;
 *   r0=b0 & r1=b1 10 x 1 = 10; r0=b1 & r1=b0 10 x 5 = 50;   total 87.
 * P(r0=b0) = (10 + 10)/87 = 20/87     P(r0=b1) = (10 + 50)/87 = 60/87
 * P(r1=b0) = (5 + 50)/87 = 55/87      P(r1=b1) = (1 + 10)/87 = 11/87
 * r0 none of them: (1 + 5 + 1)/87 = 7/87; r1: (1 + 10 + 10)/87 = 21/87
 * b0 none of the remains: (1 + 10 + 1)/87 = 12/87; b1: (1 + 10 + 5)/87 = 16/87.
 * With N = 2 (prior odds 1: dvir's flat prior) the weights are the LRs:
 *   1, 100, 100, 50, 10, 100 x 10 = 1000, 100 x 50 = 5000;  total 6261,
 * P(r0=b1) = (100 + 5000)/6261 = 5100/6261. */
static void test_two_remains_two_brothers_by_hand(void **state)
{
	(void)state;
	dna_candidate c[] = {pair(0, 0, 2), pair(0, 1, 2), pair(1, 0, log10(50)), pair(1, 1, 1)};
	dna_pairing pg;
	pl_err err = {0};
	assert_ok(dna_pairing_compute(c, 4, NULL, 11, NULL, 0, 0, &pg, &err), &err);
	assert_int_equal(pg.counts.groups, 1);
	assert_int_equal((long)pg.counts.explanations, 7);
	assert_near(pg.pairing[0], 20.0 / 87, 1e-12);
	assert_near(pg.pairing[1], 60.0 / 87, 1e-12);
	assert_near(pg.pairing[2], 55.0 / 87, 1e-12);
	assert_near(pg.pairing[3], 11.0 / 87, 1e-12);
	assert_near(pg.remains_none[0], 7.0 / 87, 1e-12);
	assert_near(pg.remains_none[1], 7.0 / 87, 1e-12);
	assert_near(pg.remains_none[2], 21.0 / 87, 1e-12);
	assert_near(pg.person_none[0], 12.0 / 87, 1e-12);
	assert_near(pg.person_none[1], 16.0 / 87, 1e-12);
	assert_near(pg.person_none[3], 16.0 / 87, 1e-12);
	for(int i = 0; i < 4; i++)
		assert_int_equal(pg.why[i], DNA_PAIRING_EXACT);
	dna_pairing_free(&pg);
	assert_ok(dna_pairing_compute(c, 4, NULL, 2, NULL, 0, 0, &pg, &err), &err);
	assert_near(pg.pairing[1], 5100.0 / 6261, 1e-12);
	assert_near(pg.pairing[0], 1100.0 / 6261, 1e-12);
	assert_near(pg.remains_none[0], 61.0 / 6261, 1e-12);
	dna_pairing_free(&pg);
	/* the joint assignment's GLR sees the same group: r0 = b1 over r0 = b0 & r1 = b1, 5 */
	dna_assignment as;
	assert_ok(dna_assign(c, 4, NULL, 11, 0, &as, &err), &err);
	assert_true(as.best[1] && as.best[2]);
	assert_near(as.log10_odds[1], log10(5), 1e-12);
	dna_assignment_free(&as);
}

/* A lone pair's pairing probability is its posterior alone; identity
 * pairs have none; fragments of one person share it. */
static void test_lone_pairs_identity_and_fragments(void **state)
{
	(void)state;
	dna_candidate c[] = {pair(0, 0, 3.5), pair(1, 1, -0.5), pair(2, 1, 4),
	                     {.remains = 0, .other = 2, .log10_lr = 12, .identity = true}};
	uint32_t unit[] = {0, 1, 2};
	dna_pairing pg;
	pl_err err = {0};
	assert_ok(dna_pairing_compute(c, 4, unit, 1000, NULL, 0, 0, &pg, &err), &err);
	assert_near(pg.pairing[0], dna_posterior(3.5, 1000), 1e-12);
	assert_near(pg.remains_none[0], 1 - dna_posterior(3.5, 1000), 1e-12);
	/* a pair below the prior odds still counts in the sum (as in dvir) */
	double w1 = pow(10, -0.5) / 999, w2 = pow(10, 4) / 999;
	assert_near(pg.pairing[1], w1 / (1 + w1 + w2), 1e-12);
	assert_true(isnan(pg.pairing[3]));
	assert_int_equal(pg.why[3], DNA_PAIRING_NA);
	dna_pairing_free(&pg);
	/* remains 1 and 2 one person: one remains, its best LR for person 1 */
	unit[2] = 1;
	assert_ok(dna_pairing_compute(c, 4, unit, 1000, NULL, 0, 0, &pg, &err), &err);
	assert_near(pg.pairing[2], dna_posterior(4, 1000), 1e-12);
	assert_near(pg.pairing[1], pg.pairing[2], 1e-15);
	dna_pairing_free(&pg);
}

/* A group with more explanations than the cap gets no number, and says so. */
static void test_over_the_cap_no_number(void **state)
{
	(void)state;
	dna_candidate c[16];
	for(int i = 0; i < 16; i++) /* 4 remains x 4 persons: 209 explanations */
		c[i] = pair((uint32_t)(i / 4), (uint32_t)(i % 4), 3 + 0.1 * i);
	dna_candidate lone = pair(7, 9, 5);
	dna_candidate all[17];
	memcpy(all, c, sizeof(c));
	all[16] = lone;
	dna_pairing pg;
	pl_err err = {0};
	assert_ok(dna_pairing_compute(all, 17, NULL, 100, NULL, 0, 0, &pg, &err), &err);
	assert_int_equal((long)pg.counts.explanations, 209 + 2);
	dna_pairing_free(&pg);
	assert_ok(dna_pairing_compute(all, 17, NULL, 100, NULL, 0, 100, &pg, &err), &err);
	assert_int_equal(pg.counts.capped, 1);
	assert_int_equal(pg.counts.capped_pairs, 16);
	assert_int_equal(pg.counts.groups, 1); /* the lone pair's */
	for(int i = 0; i < 16; i++) {
		assert_true(isnan(pg.pairing[i]) && isnan(pg.remains_none[i]));
		assert_int_equal(pg.why[i], DNA_PAIRING_CAPPED);
	}
	assert_near(pg.pairing[16], dna_posterior(5, 100), 1e-12);
	assert_near(pg.pairing_lo[16], pg.pairing[16], 0);
	/* too large, so bounded: every pair's bounds, none exact */
	assert_int_equal(pg.counts.bounded, 1);
	assert_int_equal(pg.counts.bounded_pairs, 16);
	for(int i = 0; i < 16; i++)
		assert_true(pg.pairing_lo[i] >= 0 && pg.pairing_lo[i] <= pg.pairing_hi[i] && pg.pairing_hi[i] <= 1);
	dna_pairing_free(&pg);
}

/* ---- against a brute force ------------------------------------------------------------ */

enum { CASES = 500, MR = 5, MF = 5 };

static uint64_t seed, state_;

static uint64_t rnd(void) /* splitmix64 */
{
	uint64_t z = (state_ += 0x9e3779b97f4a7c15ULL);
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

static double unif(double lo, double hi)
{
	return lo + (hi - lo) * (double)(rnd() >> 11) * 0x1.0p-53;
}

/* A random case: candidates over nr remains and nf persons; maybe a family
 * weighed jointly over some persons, with a random joint LR for each
 * sub-assignment of its remains (as dna_kin_joint lists them). */
typedef struct rcase {
	int nr, nf;
	dna_candidate c[MR * MF];
	int cand[MR][MF];         /* the candidate of (r, f), -1 */
	size_t n;
	bool in_family[MF];
	size_t at[MR * MF], nat;  /* the family's candidates */
	int wr[MR], nwr;          /* its remains weighed */
	int rows[512][DNA_JOINT_REMAINS];
	double lr[512];
	size_t nrows;
	double prior;
} rcase;

static void family_rows(rcase *x, int t, int *pick, bool *used)
{
	if(t == x->nwr) {
		bool empty = true;
		for(int i = 0; i < DNA_JOINT_REMAINS; i++) {
			x->rows[x->nrows][i] = i < x->nwr ? pick[i] : -1;
			empty &= x->rows[x->nrows][i] < 0;
		}
		x->lr[x->nrows++] = empty ? 0 : unif(-2, 6);
		return;
	}
	pick[t] = -1;
	family_rows(x, t + 1, pick, used);
	for(size_t k = 0; k < x->nat; k++) {
		const dna_candidate *c = &x->c[x->at[k]];
		if((int)c->remains != x->wr[t] || used[c->other])
			continue;
		used[c->other] = true;
		pick[t] = (int)k;
		family_rows(x, t + 1, pick, used);
		used[c->other] = false;
	}
	pick[t] = -1;
}

static void random_case(rcase *x)
{
	memset(x, 0, sizeof(*x));
	x->nr = 1 + (int)(rnd() % MR);
	x->nf = 1 + (int)(rnd() % MF);
	x->prior = -log10(unif(1, 50));
	for(int r = 0; r < x->nr; r++)
		for(int f = 0; f < x->nf; f++) {
			x->cand[r][f] = -1;
			if(rnd() % 2)
				continue;
			x->cand[r][f] = (int)x->n;
			x->c[x->n++] = pair((uint32_t)r, (uint32_t)f, unif(-3, 7));
		}
	bool family = x->nf >= 2 && rnd() % 2;
	for(int f = 0; family && f < x->nf; f++)
		x->in_family[f] = rnd() % 2;
	bool seen[MR] = {false};
	for(size_t i = 0; i < x->n; i++)
		if(x->in_family[x->c[i].other]) {
			x->at[x->nat++] = i;
			if(!seen[x->c[i].remains]) {
				seen[x->c[i].remains] = true;
				x->wr[x->nwr++] = (int)x->c[i].remains;
			}
		}
	int pick[DNA_JOINT_REMAINS];
	bool used[MF] = {false};
	if(x->nat)
		family_rows(x, 0, pick, used);
}

/* The family's joint log10 LR for assignment a (a[r]: person, -1). */
static double family_lr(const rcase *x, const int *a)
{
	for(size_t e = 0; e < x->nrows; e++) {
		bool match = true;
		for(int t = 0; t < x->nwr && match; t++) {
			int r = x->wr[t], k = x->rows[e][t];
			bool placed = a[r] >= 0 && x->in_family[a[r]];
			match = k < 0 ? !placed : placed && x->at[k] == (size_t)x->cand[r][a[r]];
		}
		if(match)
			return x->lr[e];
	}
	fail_msg("no row of the family for an assignment");
	return 0;
}

/* Every function remains -> person or none, (nf + 1)^nr of them, kept if
 * no person is taken twice and every pair is a candidate. */
static void brute(const rcase *x, double *pairing, double *rnone, double *fnone)
{
	double total = 0;
	double acc[MR * MF] = {0}, un[MR] = {0}, fn[MF] = {0};
	int a[MR];
	long combos = 1;
	for(int r = 0; r < x->nr; r++)
		combos *= x->nf + 1;
	for(long code = 0; code < combos; code++) {
		long v = code;
		bool ok = true, taken[MF] = {false};
		double w = 0;
		for(int r = 0; r < x->nr; r++, v /= x->nf + 1) {
			a[r] = (int)(v % (x->nf + 1)) - 1;
			if(a[r] < 0)
				continue;
			ok &= x->cand[r][a[r]] >= 0 && !taken[a[r]];
			if(!ok)
				break;
			taken[a[r]] = true;
			w += x->prior + (x->in_family[a[r]] ? 0 : x->c[x->cand[r][a[r]]].log10_lr);
		}
		if(!ok)
			continue;
		if(x->nat)
			w += family_lr(x, a);
		double p = pow(10, w);
		total += p;
		for(int r = 0; r < x->nr; r++) {
			if(a[r] < 0)
				un[r] += p;
			else
				acc[x->cand[r][a[r]]] += p;
		}
		for(int f = 0; f < x->nf; f++)
			if(!taken[f])
				fn[f] += p;
	}
	for(size_t i = 0; i < x->n; i++) {
		pairing[i] = acc[i] / total;
		rnone[i] = un[x->c[i].remains] / total;
		fnone[i] = fn[x->c[i].other] / total;
	}
}

static void test_random_groups_against_brute_force(void **state)
{
	(void)state;
	static rcase x;
	double worst = 0;
	long families = 0;
	for(int k = 0; k < CASES; k++) {
		random_case(&x);
		if(!x.n)
			continue;
		double pairing[MR * MF], rnone[MR * MF], fnone[MR * MF];
		brute(&x, pairing, rnone, fnone);
		dna_pairing_family fam = {x.at, x.nat, false, x.nrows, x.rows, x.lr};
		/* N from the prior odds: 1/(N - 1) */
		double missing = 1 + pow(10, -x.prior);
		dna_pairing pg;
		pl_err err = {0};
		assert_ok(dna_pairing_compute(x.c, x.n, NULL, missing, &fam, x.nat ? 1 : 0, 0, &pg, &err), &err);
		families += x.nat > 0;
		double sum[MR] = {0};
		for(size_t i = 0; i < x.n; i++) {
			assert_int_equal(pg.why[i], DNA_PAIRING_EXACT);
			double e[3] = {fabs(pg.pairing[i] - pairing[i]), fabs(pg.remains_none[i] - rnone[i]),
			               fabs(pg.person_none[i] - fnone[i])};
			for(int j = 0; j < 3; j++)
				worst = fmax(worst, e[j]);
			if(e[0] > 1e-12 || e[1] > 1e-12 || e[2] > 1e-12)
				fail_msg("case %d, pair %zu: %.15g %.15g %.15g, brute force %.15g %.15g %.15g", k, i,
				         pg.pairing[i], pg.remains_none[i], pg.person_none[i], pairing[i], rnone[i],
				         fnone[i]);
			sum[x.c[i].remains] += pg.pairing[i];
		}
		/* a remains' pairings and its none: 1 */
		for(size_t i = 0; i < x.n; i++)
			if(fabs(sum[x.c[i].remains] + pg.remains_none[i] - 1) > 1e-12)
				fail_msg("case %d: remains %u sums to %.17g", k, x.c[i].remains,
				         sum[x.c[i].remains] + pg.remains_none[i]);
		dna_pairing_free(&pg);
	}
	assert_true(families > CASES / 5);
	printf("# %d random groups (%ld with a family weighed jointly): largest difference from the "
	       "brute force %.3g\n", CASES, families, worst);
}

/* A group too large to enumerate gets bounds on each pair, which hold:
 * random groups of 8 remains and 8 persons, the exact numbers from the
 * enumeration (checked against the brute force above) with room enough,
 * the bounds with a cap of 10 steps. Small groups' walks end, so their
 * bounds meet at the exact value. */
static void test_bounds_hold_where_the_group_is_too_large(void **state)
{
	(void)state;
	double widest = 0;
	long cut = 0, pairs = 0;
	for(int k = 0; k < 60; k++) {
		dna_candidate c[64];
		size_t n = 0;
		for(uint32_t r = 0; r < 8; r++)
			for(uint32_t f = 0; f < 8; f++)
				if(rnd() % 2)
					c[n++] = pair(r, f, unif(-3, 9));
		if(!n)
			continue;
		double missing = 1 + unif(1, 100);
		dna_pairing exact, b;
		pl_err err = {0};
		assert_ok(dna_pairing_compute(c, n, NULL, missing, NULL, 0, 100000000, &exact, &err), &err);
		assert_ok(dna_pairing_compute(c, n, NULL, missing, NULL, 0, 10, &b, &err), &err);
		for(size_t i = 0; i < n; i++) {
			assert_int_equal(exact.why[i], DNA_PAIRING_EXACT);
			assert_near(exact.pairing_lo[i], exact.pairing[i], 0);
			if(b.why[i] == DNA_PAIRING_EXACT)
				continue;
			assert_int_equal(b.why[i], DNA_PAIRING_CAPPED);
			assert_true(isnan(b.pairing[i]) && isnan(b.remains_none[i]));
			double lo = b.pairing_lo[i], hi = b.pairing_hi[i], v = exact.pairing[i];
			if(!(lo <= v + 1e-12 && v <= hi + 1e-12 && lo <= hi))
				fail_msg("case %d, pair %zu: %.15g not in [%.15g, %.15g]", k, i, v, lo, hi);
			widest = fmax(widest, hi - lo);
			cut += hi - lo > DNA_PAIRING_WIDTH;
			pairs++;
		}
		assert_true(b.counts.bounded >= 1 && b.counts.bounded_pairs <= n);
		dna_pairing_free(&exact);
		dna_pairing_free(&b);
	}
	assert_true(pairs > 100);
	assert_true(cut > 0); /* some bounds were cut short of meeting: the test saw real bounds */
	printf("# bounds: %ld pairs of groups too large, %ld not meeting to %g, the widest %.3g\n", pairs, cut,
	       DNA_PAIRING_WIDTH, widest);
	/* the two brothers' group by hand (above), bounded: the walks end, the bounds meet */
	dna_candidate h[] = {pair(0, 0, 2), pair(0, 1, 2), pair(1, 0, log10(50)), pair(1, 1, 1)};
	dna_pairing b;
	pl_err err = {0};
	assert_ok(dna_pairing_compute(h, 4, NULL, 11, NULL, 0, 2, &b, &err), &err);
	assert_int_equal(b.counts.capped, 1);
	assert_near(b.pairing_lo[1], 60.0 / 87, 1e-12);
	assert_near(b.pairing_hi[1], 60.0 / 87, 1e-12);
	assert_near(b.pairing_lo[3], 11.0 / 87, 1e-12);
	dna_pairing_free(&b);
}

int main(void)
{
	const char *s = getenv("PARLEY_PAIRING_SEED");
	seed = s && *s ? strtoull(s, NULL, 10) : 20261207;
	state_ = seed;
	printf("# seed %" PRIu64 " (PARLEY_PAIRING_SEED=N for another)\n", seed);
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_two_remains_two_brothers_by_hand),
		cmocka_unit_test(test_lone_pairs_identity_and_fragments),
		cmocka_unit_test(test_over_the_cap_no_number),
		cmocka_unit_test(test_random_groups_against_brute_force),
		cmocka_unit_test(test_bounds_hold_where_the_group_is_too_large),
	};
	return cmocka_run_group_tests_name("dna/pairing", tests, NULL, NULL);
}
