/* The brute-force oracle (oracle.h): every founder allele, meiosis and
 * mutation outcome, one at a time. Deliberately naive: no tables, no
 * peeling, nothing shared with the engine. */
#include "oracle.h"

#include <math.h>
#include <stdlib.h>

typedef struct oracle {
	const dna_locus *L;
	const dna_ped *p;
	const dna_obs *obs;
	bool mutation;                /* the locus's matrices apply */
	double theta, d;              /* d: P(A/x shows as A) = dropout / (1 + dropout) */
	int order[ORACLE_MAX_PEOPLE]; /* parents before children */
	int allele[ORACLE_MAX_PEOPLE][2]; /* paternal, maternal */
	int seen[ORACLE_MAX_ALLELES]; /* founder alleles drawn so far, by allele */
	int drawn;
} oracle;

/* P(individual i shows obs[i] | ordered alleles x, y). */
static double oracle_seen(const oracle *o, int i, int x, int y)
{
	dna_obs s = o->obs[i];
	if(s.a < 0)
		return 1;
	if(s.dropout && s.a == s.b) {
		if(x == s.a && y == s.a)
			return 1;
		return (x == s.a) != (y == s.a) ? o->d : 0;
	}
	return (x == s.a && y == s.b) || (x == s.b && y == s.a);
}

/* The next founder allele a, drawn after o->drawn others by the sampling
 * formula: (b theta + (1 - theta) p_a) / (1 + (j - 2) theta), j = drawn + 1. */
static double oracle_draw(const oracle *o, int a)
{
	int j = o->drawn + 1;
	return (o->seen[a] * o->theta + (1 - o->theta) * o->L->p[a]) / (1 + (j - 2) * o->theta);
}

/* P(a received allele i arrives as j) passed on by parent `par`: the
 * matrix of the parent's sex, the mean one when it is unknown. */
static double oracle_mutate(const oracle *o, int par, int i, int j)
{
	if(!o->mutation)
		return i == j;
	dna_sex sex = o->p->sex[par];
	const double *M = o->L->mut[sex == DNA_MALE     ? DNA_FROM_FATHER
	                            : sex == DNA_FEMALE ? DNA_FROM_MOTHER
	                                                : DNA_FROM_PARENT];
	return M[i * o->L->n + j];
}

/* P(child's allele from parent `par` is j): which of the parent's two
 * alleles is passed (1/2 each), then what it becomes. */
static double oracle_meiosis(const oracle *o, int par, int j)
{
	double s = 0;
	for(int bit = 0; bit < 2; bit++)
		s += 0.5 * oracle_mutate(o, par, o->allele[par][bit], j);
	return s;
}

static double oracle_sum(oracle *o, int k);

static double oracle_founder(oracle *o, int i, int k)
{
	int n = o->L->n;
	double s = 0;
	for(int x = 0; x < n; x++) {
		for(int y = 0; y < n; y++) {
			double w = oracle_seen(o, i, x, y);
			if(w == 0)
				continue;
			w *= oracle_draw(o, x);
			o->seen[x]++, o->drawn++;
			w *= oracle_draw(o, y);
			o->seen[y]++, o->drawn++;
			o->allele[i][0] = x, o->allele[i][1] = y;
			if(w != 0)
				s += w * oracle_sum(o, k + 1);
			o->seen[x]--, o->seen[y]--, o->drawn -= 2;
		}
	}
	return s;
}

static double oracle_child(oracle *o, int i, int k)
{
	int n = o->L->n;
	double s = 0;
	for(int x = 0; x < n; x++) {
		double wx = oracle_meiosis(o, o->p->father[i], x);
		if(wx == 0)
			continue;
		for(int y = 0; y < n; y++) {
			double w = wx * oracle_seen(o, i, x, y);
			if(w != 0)
				w *= oracle_meiosis(o, o->p->mother[i], y);
			if(w == 0)
				continue;
			o->allele[i][0] = x, o->allele[i][1] = y;
			s += w * oracle_sum(o, k + 1);
		}
	}
	return s;
}

/* The sum over individuals order[k..n) given those before them. */
static double oracle_sum(oracle *o, int k)
{
	if(k == o->p->n)
		return 1;
	int i = o->order[k];
	return o->p->father[i] < 0 ? oracle_founder(o, i, k) : oracle_child(o, i, k);
}

/* Parents before children; false if there is no such order. */
static bool oracle_order(const dna_ped *p, int *order)
{
	bool placed[ORACLE_MAX_PEOPLE] = {false};
	int k = 0;
	while(k < p->n) {
		int before = k;
		for(int i = 0; i < p->n; i++) {
			if(placed[i])
				continue;
			int f = p->father[i], m = p->mother[i];
			if((f < 0) != (m < 0))
				return false;
			if(f >= p->n || m >= p->n)
				return false;
			if(f >= 0 && !(placed[f] && placed[m]))
				continue;
			placed[i] = true;
			order[k++] = i;
		}
		if(k == before)
			return false;
	}
	return true;
}

double oracle_cost(const dna_locus *L, const dna_ped *p, const dna_obs *obs)
{
	double c = 1, n = L->n;
	for(int i = 0; i < p->n; i++) {
		dna_obs s = obs[i];
		double g = s.a < 0 ? n * n : s.dropout && s.a == s.b ? 2 * n - 1 : s.a == s.b ? 1 : 2;
		c *= g;
	}
	return c;
}

double oracle_likelihood(const dna_locus *L, const dna_model *m, const dna_ped *p,
                         const dna_obs *obs, double max_cost)
{
	if(p->n > ORACLE_MAX_PEOPLE || L->n > ORACLE_MAX_ALLELES || oracle_cost(L, p, obs) > max_cost)
		return -1;
	oracle o = {.L = L, .p = p, .obs = obs, .theta = m->theta,
	            .d = m->dropout / (1 + m->dropout), .mutation = m->mutation && L->mut[0]};
	if(!oracle_order(p, o.order))
		return -1;
	return oracle_sum(&o, 0);
}

/* ---- the stepwise matrix, from its formula ---- */

/* The designation as a number of repeats, its tenths as the group; a
 * non-number is a group of its own (-1 - i). */
static void oracle_allele_number(const char *s, int i, double *x, long *group)
{
	char *end;
	*x = s ? strtod(s, &end) : 0;
	if(!s || end == s || *end) {
		*group = -1 - i;
		return;
	}
	*group = lround(*x * 10) % 10;
}

void oracle_stepwise(const char *const *allele, int n, double rate, double rate2, double range,
                     double *M)
{
	double x[ORACLE_MAX_ALLELES];
	long group[ORACLE_MAX_ALLELES];
	for(int i = 0; i < n; i++)
		oracle_allele_number(allele[i], i, &x[i], &group[i]);
	for(int i = 0; i < n; i++) {
		double sum = 0;
		int same = 0, other = 0;
		for(int k = 0; k < n; k++) {
			if(k == i)
				continue;
			if(group[k] == group[i]) {
				same++;
				sum += pow(range, fabs(x[i] - x[k]));
			} else {
				other++;
			}
		}
		for(int j = 0; j < n; j++) {
			if(j == i)
				M[i * n + j] = 1 - (same ? rate : 0) - (other ? rate2 : 0);
			else if(group[j] == group[i])
				M[i * n + j] = rate * pow(range, fabs(x[i] - x[j])) / sum;
			else
				M[i * n + j] = rate2 / other;
		}
	}
}
