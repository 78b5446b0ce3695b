/* The likelihood engine (src/dna/ped.c) against the brute-force oracle
 * (oracle.c) on random pedigrees, typings, frequencies, mutation models,
 * theta and drop-out: the two must agree to a relative error of 1e-9.
 * The seed is printed; PARLEY_ORACLE_SEED runs another. The largest
 * relative error is printed as a TAP diagnostic for the figures. */
#include "fixture.h"

#include <inttypes.h>

#include "dna/ped.h"
#include "dna/ped_eng.h"
#include "pedcase.h"

enum { CASES = 400 };
static const double tolerance = 1e-9;
static const double thetas[] = {0, 0.01, 0.05};

/* splitmix64: the same cases for the same seed on every machine. */
static uint64_t seed, state_;

static uint64_t rnd(void)
{
	uint64_t z = (state_ += 0x9e3779b97f4a7c15ULL);
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

static double unif(void)
{
	return (double)(rnd() >> 11) * 0x1.0p-53;
}

static int pick(int n)
{
	return (int)(rnd() % (uint64_t)n);
}

static dna_sex any_sex(void)
{
	return unif() < 0.5 ? DNA_MALE : DNA_FEMALE;
}

/* One random case: a locus (made directly or by a kit), a model, a
 * pedigree with what is seen, and words to report it by. */
typedef struct po_case {
	pc_locus direct;
	dna_kit kit;
	bool has_kit;
	const dna_locus *L;
	dna_model m;
	pc_case c;
	char shape[32], mutation[224];
} po_case;

/* ---- loci ---- */

static void random_freqs(double *p, int n)
{
	double s = 0;
	for(int i = 0; i < n; i++)
		s += p[i] = 0.05 + unif();
	for(int i = 0; i < n; i++)
		p[i] /= s;
}

/* A row-stochastic matrix staying put with 1 - r, r spread at random. */
static void random_matrix(double *M, int n)
{
	for(int i = 0; i < n; i++) {
		double r = 0.3 * unif(), s = 0, w[ORACLE_MAX_ALLELES];
		for(int j = 0; j < n; j++)
			s += w[j] = j == i ? 0 : unif();
		for(int j = 0; j < n; j++)
			M[i * n + j] = j == i ? 1 - r : r * w[j] / s;
	}
}

/* pedmut's "equal" and "proportional" (alpha p_j, alpha = R / sum p(1-p)). */
static void pedmut_matrix(double *M, const double *p, int n, bool proportional, double rate)
{
	double h = 0;
	for(int i = 0; i < n; i++)
		h += p[i] * (1 - p[i]);
	for(int i = 0; i < n; i++)
		for(int j = 0; j < n; j++) {
			double off = proportional ? rate / h * p[j] : rate / (n - 1);
			M[i * n + j] = i == j ? (proportional ? 1 - rate / h + rate / h * p[i] : 1 - rate) : off;
		}
}

/* STR designations with microvariants: 8.1 alone in its group, 10.3,
 * 11.3 and 15.3 in another, the whole numbers in a third. */
static const char *const pool[] = {"8.1", "9", "10", "10.3", "11", "11.3", "12", "14", "15.3"};
enum { POOL = sizeof(pool) / sizeof(pool[0]) };

/* n different designations of the pool, at random. */
static void some_designations(const char **out, int n)
{
	int idx[POOL];
	for(int i = 0; i < POOL; i++)
		idx[i] = i;
	for(int i = 0; i < n; i++) {
		int j = i + pick(POOL - i), t = idx[i];
		idx[i] = idx[j], idx[j] = t;
		out[i] = pool[idx[i]];
	}
}

/* The extended stepwise model (pedmut's stepwise with rate2) with the
 * oracle's own matrices, from their formula (oracle_stepwise). */
static void direct_stepwise(po_case *x, int n, double *F, double *Mo)
{
	const char *al[ORACLE_MAX_ALLELES];
	some_designations(al, n);
	double rf = 0.001 + 0.1 * unif(), rm = 0.001 + 0.05 * unif(), r2f = 0.02 * unif(),
	       r2m = 0.01 * unif(), range = 0.05 + 0.95 * unif();
	oracle_stepwise(al, n, rf, r2f, range, F);
	oracle_stepwise(al, n, rm, r2m, range, Mo);
	char names[64] = "";
	for(int i = 0; i < n; i++)
		snprintf(names + strlen(names), sizeof(names) - strlen(names), " %s", al[i]);
	snprintf(x->mutation, sizeof(x->mutation), "extended stepwise %.4g/%.4g rate2 %.3g/%.3g range "
	         "%.3g, alleles%s (direct, the oracle's matrices)", rf, rm, r2f, r2m, range, names);
}

static void direct_locus(po_case *x, int n)
{
	double p[ORACLE_MAX_ALLELES], F[ORACLE_MAX_ALLELES * ORACLE_MAX_ALLELES],
	    Mo[ORACLE_MAX_ALLELES * ORACLE_MAX_ALLELES];
	random_freqs(p, n);
	pc_locus_init(&x->direct, n, p);
	x->L = &x->direct.L;
	int kind = pick(5);
	double rf = 0.001 + 0.1 * unif(), rm = 0.001 + 0.05 * unif();
	if(kind == 0) {
		snprintf(x->mutation, sizeof(x->mutation), "none (direct)");
		return;
	}
	if(kind == 4) {
		direct_stepwise(x, n, F, Mo);
	} else if(kind == 1) {
		random_matrix(F, n);
		random_matrix(Mo, n);
		snprintf(x->mutation, sizeof(x->mutation), "random matrices (direct)");
	} else {
		bool prop = kind == 3;
		pedmut_matrix(F, p, n, prop, rf);
		pedmut_matrix(Mo, p, n, prop, rm);
		for(int k = 0; k < n * n; k++)
			if(F[k] < 0 || Mo[k] < 0) /* a rate too high for pedmut's proportional */
			{
				direct_locus(x, n);
				return;
			}
		snprintf(x->mutation, sizeof(x->mutation), "pedmut %s %.4g/%.4g (direct)",
		         prop ? "proportional" : "equal", rf, rm);
	}
	pc_mutate(&x->direct, F, Mo);
	assert_int_equal(dna_locus_kernels(&x->direct.L), PL_OK); /* as a kit's locus has them */
}

/* Kit stepwise matrices found equal to the oracle's own, entry by entry. */
static int stepwise_checked;

/* The kit's stepwise matrices (each parent's sex, and the mean rates for
 * one of unknown sex) against oracle_stepwise from the designations. */
static void check_stepwise(const dna_locus *L, const dna_mutation *mu)
{
	double rates[3][2] = {{mu->rate_pat, mu->rate2_pat}, {mu->rate_mat, mu->rate2_mat},
	                      {(mu->rate_pat + mu->rate_mat) / 2, (mu->rate2_pat + mu->rate2_mat) / 2}};
	double M[ORACLE_MAX_ALLELES * ORACLE_MAX_ALLELES];
	for(int s = 0; s < 3; s++) {
		oracle_stepwise(L->allele, L->n, rates[s][0], rates[s][1], mu->range, M);
		for(int k = 0; k < L->n * L->n; k++)
			if(!(fabs(M[k] - L->mut[s][k]) <= 1e-15))
				fail_msg("stepwise matrix %d, entry %d -> %d: kit %.17g, oracle %.17g", s, k / L->n,
				         k % L->n, L->mut[s][k], M[k]);
	}
	stepwise_checked++;
}

/* A kit from a frequency table of STR designations (a rest allele when
 * they sum to less than 1) and a dna_mutation of parley's models, named
 * as a user names them. */
static void kit_locus(po_case *x, int n)
{
	static const char *const models[] = {"none", "equal", "proportional", "stepwise",
	                                     "extended-stepwise"};
	char kv[6][32];
	const char *arg[7] = {NULL}, *names[6];
	double p[6];
	random_freqs(p, n);
	some_designations(names, n);
	double scale = unif() < 0.5 ? 1 : 0.6 + 0.35 * unif();
	for(int i = 0; i < n && i < 6; i++) {
		snprintf(kv[i], sizeof(kv[i]), "%s=%.6f", names[i], p[i] * scale);
		arg[i] = kv[i];
	}
	const char *model = models[pick(5)];
	/* rates up to 0.05: pedmut's proportional model stays a probability */
	dna_mutation mu = {(dna_mutation_model)dna_mutation_lookup(model), 0.001 + 0.049 * unif(),
	                   0.001 + 0.02 * unif(), 0.1 + 0.5 * unif(), 0.01 * unif(), 0.005 * unif()};
	kx_kit(&x->kit, &mu, arg[0], arg[1], arg[2], arg[3], arg[4], arg[5], arg[6]);
	x->has_kit = true;
	x->L = &x->kit.loci[0];
	if(mu.model == DNA_MUT_STEPWISE)
		check_stepwise(x->L, &mu);
	snprintf(x->mutation, sizeof(x->mutation), "kit %s %.4g/%.4g range %.3g rate2 %.3g/%.3g%s",
	         model, mu.rate_pat, mu.rate_mat, mu.range, mu.rate2_pat, mu.rate2_mat,
	         x->L->rest ? ", rest allele" : "");
}

/* ---- pedigrees ---- */

/* An existing member of that sex, or a new founder (none when full). */
static int some_parent(pc_case *c, dna_sex sex, int limit)
{
	int cand[ORACLE_MAX_PEOPLE], k = 0;
	for(int i = 0; i < c->n; i++)
		if(c->sex[i] == sex)
			cand[k++] = i;
	if(k && (unif() < 0.6 || c->n >= limit))
		return cand[pick(k)];
	return c->n < limit ? pc_add(c, -1, -1, sex) : -1;
}

/* Grown at random: founders and children of any two members of opposite
 * sexes, so that spouses, half sibs, inbreeding and loops all come up. */
static void random_shape(pc_case *c)
{
	int target = 1 + pick(8);
	pc_init(c);
	while(c->n < target) {
		if(c->n == 0 || unif() < 0.15) {
			pc_add(c, -1, -1, any_sex());
			continue;
		}
		int f = some_parent(c, DNA_MALE, target - 1);
		int m = f < 0 ? -1 : some_parent(c, DNA_FEMALE, target - 1);
		if(m < 0)
			break;
		pc_add(c, f, m, any_sex());
	}
}

static const char *const shapes[] = {"random", "trio", "sibs", "half sibs", "grandparent",
                                     "uncle", "cousins", "typed spouse", "child of half sibs",
                                     "double first cousins"};

static void shape(pc_case *c, int kind)
{
	int a, b;
	if(kind == 0) {
		random_shape(c);
		return;
	}
	if(kind >= 2 && kind <= 6) {
		pc_relatives(c, kind - 2 + PC_SIBS, &a, &b);
		return;
	}
	pc_init(c);
	int f = pc_man(c), m = pc_woman(c);
	if(kind == 1) {
		pc_add(c, f, m, any_sex());
	} else if(kind == 7) { /* a grandchild with both parents, the in-law typed */
		int s = pc_add(c, f, m, DNA_MALE), w = pc_woman(c);
		pc_add(c, s, w, any_sex());
		pc_add(c, s, w, any_sex());
	} else if(kind == 8) {
		int m2 = pc_woman(c);
		int s = pc_add(c, f, m, DNA_MALE), d = pc_add(c, f, m2, DNA_FEMALE);
		pc_add(c, s, d, any_sex());
	} else { /* two brothers marry two sisters */
		int f2 = pc_man(c), m2 = pc_woman(c);
		int b1 = pc_add(c, f, m, DNA_MALE), b2 = pc_add(c, f, m, DNA_MALE);
		int s1 = pc_add(c, f2, m2, DNA_FEMALE), s2 = pc_add(c, f2, m2, DNA_FEMALE);
		pc_add(c, b1, s1, any_sex());
		pc_add(c, b2, s2, any_sex());
	}
}

/* ---- genotypes ---- */

static int draw_allele(const double *w, int n)
{
	double u = unif(), s = 0;
	for(int j = 0; j < n - 1; j++)
		if(u < (s += w[j]))
			return j;
	return n - 1;
}

/* Alleles dropped down the pedigree (parents come first in every shape),
 * mutating as the model says. */
static void gene_drop(const po_case *x, int (*g)[2])
{
	const dna_locus *L = x->L;
	bool mut = x->m.mutation && L->mut[0];
	for(int i = 0; i < x->c.n; i++) {
		for(int s = 0; s < 2; s++) {
			int par = s ? x->c.mother[i] : x->c.father[i];
			if(par < 0) {
				g[i][s] = draw_allele(L->p, L->n);
				continue;
			}
			int a = g[par][pick(2)];
			g[i][s] = mut ? draw_allele(L->mut[dna_mutation_from(x->c.sex[par])] + a * L->n, L->n) : a;
		}
	}
}

/* About two in three typed; degraded ones may show A/x as A; now and then
 * a genotype the pedigree makes unlikely or impossible. Members are typed
 * until the oracle's enumeration is small enough. */
static void type_members(po_case *x)
{
	int g[ORACLE_MAX_PEOPLE][2];
	gene_drop(x, g);
	pc_case *c = &x->c;
	for(int i = 0; i < c->n; i++) {
		if(unif() < 0.35)
			continue;
		pc_type(c, i, g[i][0], g[i][1]);
		if(x->m.dropout > 0 && unif() < 0.3)
			pc_degraded(c, i, g[i][pick(2)]);
	}
	if(unif() < 0.1) {
		int i = pick(c->n);
		pc_type(c, i, pick(x->L->n), pick(x->L->n));
	}
	while(oracle_cost(x->L, &c->ped, c->obs) > 2e5) {
		int i = pick(c->n);
		if(c->obs[i].a < 0 || c->obs[i].dropout) /* all typed: the degraded cost 2n - 1 */
			pc_type(c, i, g[i][0], g[i][1]);
	}
}

static void random_case(po_case *x)
{
	memset(x, 0, sizeof(*x));
	int n = 2 + pick(5);
	if(unif() < 0.5)
		direct_locus(x, n);
	else
		kit_locus(x, n);
	x->m.theta = thetas[pick(3)];
	x->m.dropout = (double[]){0, 0.05, 0.2}[pick(3)];
	x->m.mutation = x->L->mut[0] && unif() < 0.85;
	int kind = unif() < 0.5 ? 0 : 1 + pick((int)(sizeof(shapes) / sizeof(shapes[0])) - 1);
	snprintf(x->shape, sizeof(x->shape), "%s", shapes[kind]);
	shape(&x->c, kind);
	for(int i = 0; i < x->c.n; i++) /* a parent of unknown sex: the mean rates */
		if(unif() < 0.1)
			x->c.sex[i] = DNA_SEX_UNKNOWN;
	type_members(x);
}

/* After a copy: the pointers into the case's own arrays. */
static void rebind(po_case *x)
{
	pc_rebind(&x->c);
	if(x->has_kit) {
		x->L = &x->kit.loci[0];
		return;
	}
	x->direct.L.p = x->direct.p;
	for(int s = 0; s < 3; s++)
		if(x->direct.L.mut[s])
			x->direct.L.mut[s] = x->direct.mut[s];
	x->L = &x->direct.L;
}

static void free_case(po_case *x)
{
	if(x->has_kit)
		dna_kit_free(&x->kit);
	else
		dna_locus_kernels_free(&x->direct.L);
}

/* ---- comparing ---- */

/* The engine's likelihood; PL_ELIMIT (a bound it states, never a wrong
 * number) returned for the caller to count, any other failure fails. */
static pl_rc engine_rc(const dna_locus *L, const dna_model *m, const pc_case *c, arena *a,
                       double *lik, pl_err *err)
{
	*lik = -1;
	pl_rc rc = dna_ped_likelihood(L, m, &c->ped, c->obs, lik, a, err);
	if(rc && rc != PL_ELIMIT)
		fail_msg("dna_ped_likelihood: %d %s", (int)rc, err->msg);
	return rc;
}

static double engine(const dna_locus *L, const dna_model *m, const pc_case *c, arena *a)
{
	double lik;
	pl_err err = {0};
	if(engine_rc(L, m, c, a, &lik, &err))
		fail_msg("dna_ped_likelihood: %s", err.msg);
	return lik;
}

/* |e - o| / o; for o = 0, e itself (0 when the engine says 0 too). */
static double rel_error(double e, double o)
{
	return o > 0 ? fabs(e - o) / o : fabs(e);
}

/* The case in words, for the report and /work/notes: enough to rebuild it. */
static void describe(report *rep, const po_case *x, double e, double o)
{
	const pc_case *c = &x->c;
	char t[2048];
	size_t k = 0;
#define PUT(...) (k += (size_t)snprintf(t + k, k < sizeof(t) ? sizeof(t) - k : 0, __VA_ARGS__))
	PUT("%s, %d people, %d alleles, %s, theta %g, dropout %g, mutation %s: engine %.17g, oracle "
	    "%.17g\n  p =",
	    x->shape, c->n, x->L->n, x->mutation, x->m.theta, x->m.dropout,
	    x->m.mutation ? "on" : "off", e, o);
	for(int j = 0; j < x->L->n; j++)
		PUT(" %.17g", x->L->p[j]);
	PUT("\n  [id father mother sex seen]:");
	for(int i = 0; i < c->n; i++) {
		dna_obs s = c->obs[i];
		PUT(" [%d %d %d %s ", i, c->father[i], c->mother[i], c->sex[i] == DNA_MALE ? "M" : "F");
		if(s.a < 0)
			PUT("-]");
		else
			PUT("%d/%d%s]", s.a, s.b, s.dropout ? " degraded" : "");
	}
#undef PUT
	report_add(rep, "%s\n", t);
}

/* Union-find over members and matings: joins x and y, 1 if they were apart. */
static int join(int *up, int x, int y)
{
	while(up[x] != x)
		x = up[x];
	while(up[y] != y)
		y = up[y];
	up[x] = y;
	return x != y;
}

/* A loop (inbreeding, double first cousins, a child of half sibs): the
 * graph of members and matings joined parent - mating - child has a cycle
 * when it has more edges than nodes less components. */
static bool has_loop(const pc_case *c)
{
	int up[2 * ORACLE_MAX_PEOPLE], nodes = c->n, edges = 0, comps = c->n;
	int mf[ORACLE_MAX_PEOPLE], mm[ORACLE_MAX_PEOPLE], nm = 0;
	for(int i = 0; i < 2 * ORACLE_MAX_PEOPLE; i++)
		up[i] = i;
	for(int i = 0; i < c->n; i++) {
		if(c->father[i] < 0)
			continue;
		int k = 0;
		while(k < nm && !(mf[k] == c->father[i] && mm[k] == c->mother[i]))
			k++;
		if(k == nm) { /* a new mating, joined to both parents */
			mf[nm] = c->father[i], mm[nm++] = c->mother[i];
			nodes++, comps++;
			comps -= join(up, c->father[i], ORACLE_MAX_PEOPLE + k);
			comps -= join(up, c->mother[i], ORACLE_MAX_PEOPLE + k);
			edges += 2;
		}
		comps -= join(up, i, ORACLE_MAX_PEOPLE + k);
		edges++;
	}
	return edges > nodes - comps;
}

/* What the random cases covered, and how the engine did on them. */
typedef struct tally {
	int compared, refused, zeros, failed;
	int mutation, theta, degraded, loops, large, unknown_sex;
	int kernels;                /* theta 0, mutation, an untyped founder with 2 or 3 children */
	int stepwise;               /* with mutation by the oracle's stepwise matrices */
	int joints, joint_failed;   /* dna_ped_joint's genotypes compared */
	int joints2, joint2_failed; /* dna_ped_joint2's cells compared */
	int desc;                   /* theta > 0 likelihoods the descent trees took (ped_desc.c) */
	double worst, joint_worst, joint2_worst;
	po_case smallest;           /* the smallest failing case */
	double e, o;
} tally;

/* Where the engine may sum a founder's alleles by the locus's moments
 * (ped.c's kernels): the cases that must cover them. */
static bool kernel_case(const po_case *x)
{
	const pc_case *c = &x->c;
	if(x->m.theta > 0 || !x->m.mutation || !x->L->mut[0])
		return false;
	for(int i = 0; i < c->n; i++) {
		int kids = 0;
		for(int j = 0; j < c->n; j++)
			kids += c->ped.father[j] == i || c->ped.mother[j] == i;
		if(c->ped.father[i] < 0 && c->obs[i].a < 0 && kids >= 2 && kids <= 3)
			return true;
	}
	return false;
}

static void tally_cover(tally *t, const po_case *x)
{
	t->kernels += kernel_case(x);
	t->mutation += x->m.mutation;
	t->stepwise += x->m.mutation && strstr(x->mutation, "the oracle's matrices") != NULL;
	t->theta += x->m.theta > 0;
	t->loops += has_loop(&x->c);
	t->large += x->c.n >= 6;
	for(int i = 0; i < x->c.n; i++)
		if(x->c.sex[i] == DNA_SEX_UNKNOWN) {
			t->unknown_sex++;
			break;
		}
	for(int i = 0; i < x->c.n; i++)
		if(x->c.obs[i].dropout) {
			t->degraded++;
			break;
		}
}

/* dna_ped_joint for one member `who`, untyped, against the oracle with
 * `who` typed each genotype a/b: J[a][b] + J[b][a] (J[a][a]). */
static void joint_case(tally *t, const po_case *x, arena *a, report *rep)
{
	pc_case c = x->c;
	pc_rebind(&c);
	int who = pick(c.n), n = x->L->n;
	pc_untype(&c, who);
	double J[ORACLE_MAX_ALLELES * ORACLE_MAX_ALLELES];
	pl_err err = {0};
	pl_rc rc = dna_ped_joint(x->L, &x->m, &c.ped, c.obs, who, J, a, &err);
	if(rc == PL_ELIMIT)
		return; /* counted by the likelihood's own refusal */
	if(rc)
		fail_msg("dna_ped_joint: %d %s", (int)rc, err.msg);
	for(int g = 0; g < n; g++)
		for(int h = g; h < n; h++) {
			pc_type(&c, who, g, h);
			double o = pc_oracle(x->L, &x->m, &c), e = g == h ? J[g * n + g] : J[g * n + h] + J[h * n + g];
			double r = rel_error(e, o);
			t->joints++;
			t->joint_worst = fmax(t->joint_worst, r);
			if(!(r <= tolerance) && t->joint_failed++ == 0) {
				report_add(rep, "dna_ped_joint, member %d as %d/%d:\n", who, g, h);
				describe(rep, &(po_case){.L = x->L, .m = x->m, .c = c}, e, o);
			}
		}
}

/* dna_ped_joint2 for two members `who` and `other`, both untyped, against
 * dna_ped_joint of `who` with `other` typed each genotype u/v (itself
 * checked against the oracle above): J2[x][y][u][v] + J2[x][y][v][u]. */
static void joint2_case(tally *t, const po_case *x, arena *a, report *rep)
{
	pc_case c = x->c;
	pc_rebind(&c);
	if(c.n < 2)
		return;
	int who = pick(c.n), other = (who + 1 + pick(c.n - 1)) % c.n, n = x->L->n, n2 = n * n;
	pc_untype(&c, who);
	pc_untype(&c, other);
	static double J2[ORACLE_MAX_ALLELES * ORACLE_MAX_ALLELES * ORACLE_MAX_ALLELES * ORACLE_MAX_ALLELES];
	double J[ORACLE_MAX_ALLELES * ORACLE_MAX_ALLELES];
	pl_err err = {0};
	pl_rc rc = dna_ped_joint2(x->L, &x->m, &c.ped, c.obs, who, other, J2, a, &err);
	if(rc == PL_ELIMIT)
		return;
	if(rc)
		fail_msg("dna_ped_joint2: %d %s", (int)rc, err.msg);
	for(int u = 0; u < n; u++)
		for(int v = u; v < n; v++) {
			pc_type(&c, other, u, v);
			if((rc = dna_ped_joint(x->L, &x->m, &c.ped, c.obs, who, J, a, &err)) == PL_ELIMIT)
				return;
			if(rc)
				fail_msg("dna_ped_joint: %d %s", (int)rc, err.msg);
			for(int xy = 0; xy < n2; xy++) {
				double e = J2[xy * n2 + u * n + v] + (u == v ? 0 : J2[xy * n2 + v * n + u]);
				double r = rel_error(e, J[xy]);
				t->joints2++;
				t->joint2_worst = fmax(t->joint2_worst, r);
				if(!(r <= tolerance) && t->joint2_failed++ == 0) {
					report_add(rep, "dna_ped_joint2, members %d and %d, %d/%d at cell %d:\n", who,
					           other, u, v, xy);
					describe(rep, &(po_case){.L = x->L, .m = x->m, .c = c}, e, J[xy]);
				}
			}
		}
}

/* One case compared; x is freed, or kept as the smallest failing one. */
static void tally_case(tally *t, po_case *x, arena *a, report *rep)
{
	double o = oracle_likelihood(x->L, &x->m, &x->c.ped, x->c.obs, 1e9), e;
	assert_true(o >= 0);
	pl_err err = {0};
	long d0 = dna_peng_desc_calls();
	if(engine_rc(x->L, &x->m, &x->c, a, &e, &err)) {
		/* theta's partitions cover the untyped founders only: no case of
		 * this size may be refused */
		t->refused++;
		t->failed++;
		report_add(rep, "refused (PL_ELIMIT), %s, %d people, theta %g: %s\n", x->shape, x->c.n,
		           x->m.theta, err.msg);
		free_case(x);
		return;
	}
	t->compared++;
	t->desc += dna_peng_desc_calls() > d0;
	tally_cover(t, x);
	double r = rel_error(e, o);
	t->zeros += o == 0;
	t->worst = r > t->worst ? r : t->worst;
	if(t->compared % 8 == 0)
		joint_case(t, x, a, rep);
	if(t->compared % 8 == 4)
		joint2_case(t, x, a, rep);
	t->failed += r > tolerance;
	if(r <= tolerance || (t->smallest.L && x->c.n >= t->smallest.c.n)) {
		free_case(x);
		return;
	}
	free_case(&t->smallest);
	t->smallest = *x;
	rebind(&t->smallest);
	t->e = e, t->o = o;
}

static void test_random_pedigrees(void **state)
{
	(void)state;
	arena a;
	arena_init(&a, 0);
	report rep = {0};
	tally t = {0};
	po_case loop, none;
	shape(&loop.c, 8); /* a child of half sibs */
	shape(&none.c, 6); /* cousins */
	assert_true(has_loop(&loop.c) && !has_loop(&none.c));
	long desc0 = dna_peng_desc_calls();
	dna_peng_desc_force(2); /* theta > 0 through the descent trees wherever they can */
	for(int k = 0; k < CASES; k++) {
		po_case x;
		random_case(&x);
		tally_case(&t, &x, &a, &rep);
	}
	dna_peng_desc_force(0);
	long desc = dna_peng_desc_calls() - desc0;
	printf("# largest relative error %.3g over %d random pedigrees (%d of likelihood 0; %d "
	       "refused by the engine's bound, which fails), seed %" PRIu64 "\n", t.worst, t.compared, t.zeros,
	       t.refused, seed);
	printf("# compared: %d with mutation, %d with theta > 0, %d with a degraded member, %d with a "
	       "loop, %d of 6 people or more, %d with someone of unknown sex\n", t.mutation, t.theta,
	       t.degraded, t.loops, t.large, t.unknown_sex);
	printf("# %d at theta 0 with mutation and an untyped founder of two or three children (the "
	       "founder kernels)\n", t.kernels);
	printf("# dna_ped_joint: %d genotypes of one member, largest relative error %.3g\n", t.joints,
	       t.joint_worst);
	printf("# extended stepwise: %d kits' matrices equal to the oracle's own (oracle_stepwise), "
	       "%d cases with the oracle's matrices\n", stepwise_checked, t.stepwise);
	printf("# dna_ped_joint2: %d cells of two members against dna_ped_joint, largest relative "
	       "error %.3g\n", t.joints2, t.joint2_worst);
	printf("# theta > 0 by descent trees (ped_desc.c): %d of the %d likelihoods at theta > 0 (%ld "
	       "computations with the joint tables)\n", t.desc, t.theta, desc);
	if(t.smallest.L) {
		printf("# %d failing cases; the smallest:\n", t.failed);
		describe(&rep, &t.smallest, t.e, t.o);
	}
	rep.n = t.failed + t.joint_failed + t.joint2_failed;
	free_case(&t.smallest);
	arena_free(&a);
	report_check(&rep, CASES);
	/* the draw must keep covering what the engine has to get right */
	assert_true(t.mutation >= CASES / 4 && t.theta >= CASES / 4 && t.degraded >= CASES / 20);
	assert_true(t.loops >= CASES / 40 && t.large >= CASES / 10 && t.kernels >= CASES / 40);
	assert_true(stepwise_checked >= CASES / 20 && t.stepwise >= CASES / 40);
	assert_true(t.joints2 >= CASES);
	/* most theta > 0 cases must go through the descent trees */
	assert_true(t.desc >= t.theta * 3 / 4 && desc >= t.desc);
}

/* The finding: a lone relative who is not a parent (a sibling, an
 * uncle, a grandparent) with mutation. The engine's LR (their pedigree
 * against two unrelated people) must be the oracle's, for random pairs of
 * genotypes, each mutation model and theta. The pairwise formula
 * (kinship.c, dna_pair_lr) is measured against the oracle too, and only
 * printed: the issue found it ignores mutation for these relatives. */
static const int lone_kinds[] = {PC_SIBS, PC_HALF_SIBS, PC_GRANDPARENT, PC_UNCLE};
static const char *const lone_names[] = {"sibs", "half sibs", "grandparent", "uncle"};
static const dna_rel lone_rels[] = {DNA_FULL_SIB, DNA_HALF_SIB, DNA_GRANDPARENT, DNA_UNCLE};

typedef struct lone {
	int total;
	double worst, moved, pair_off, pair_on; /* the last two: dna_pair_lr's distance */
} lone;

/* The relative a typed g[0]/g[1], the missing person b g[2]/g[3]. */
static void lone_pair(lone *s, const dna_locus *L, int ki, double theta, const int *g, arena *a,
                      report *rep)
{
	dna_model m = {theta, 0, true}, off = {theta, 0, false};
	pc_case rel, un;
	int ra, rb;
	pc_relatives(&rel, lone_kinds[ki], &ra, &rb);
	pc_type(&rel, ra, g[0], g[1]);
	pc_type(&rel, rb, g[2], g[3]);
	pc_strangers(&un, g[0], g[1], g[2], g[3]);
	double lo = pc_oracle(L, &m, &rel) / pc_oracle(L, &m, &un);
	double le = engine(L, &m, &rel, a) / engine(L, &m, &un, a);
	double plain = pc_oracle(L, &off, &rel) / pc_oracle(L, &off, &un);
	dna_geno y = {(int16_t)(g[0] < g[1] ? g[0] : g[1]), (int16_t)(g[0] < g[1] ? g[1] : g[0])};
	dna_obs x = {(int16_t)(g[2] < g[3] ? g[2] : g[3]), (int16_t)(g[2] < g[3] ? g[3] : g[2]), false};
	double pair_on = dna_pair_lr(L, &m, lone_rels[ki], rel.sex[rb], y, x);
	double pair_off = dna_pair_lr(L, &off, lone_rels[ki], rel.sex[rb], y, x);
	double r = rel_error(le, lo);
	s->total++;
	s->worst = fmax(s->worst, r);
	s->moved = fmax(s->moved, fabs(lo / plain - 1));
	s->pair_on = fmax(s->pair_on, rel_error(pair_on, lo));
	s->pair_off = fmax(s->pair_off, rel_error(pair_off, plain));
	if(!(r <= tolerance))
		report_add(rep, "%s, theta %g, %d/%d and %d/%d: engine LR %.17g, oracle %.17g\n",
		           lone_names[ki], theta, g[0], g[1], g[2], g[3], le, lo);
}

static void test_lone_relatives_with_mutation(void **state)
{
	(void)state;
	static const dna_mutation models[] = {
	    {DNA_MUT_STEPWISE, 0.02, 0.005, 0.5, 0.002, 0.001},
	    {DNA_MUT_PROPORTIONAL, 0.05, 0.01, 0.1, 0, 0},
	    {DNA_MUT_EQUAL, 0.1, 0.03, 0.1, 0, 0},
	};
	arena a;
	arena_init(&a, 0);
	report rep = {0};
	lone s = {0};
	for(size_t mi = 0; mi < sizeof(models) / sizeof(models[0]); mi++) {
		dna_kit k;
		kx_kit(&k, &models[mi], "9=0.15", "10=0.3", "11=0.35", NULL);
		for(int n = 0; n < 4 * 3 * 12; n++) {
			int g[4] = {pick(k.loci[0].n), pick(k.loci[0].n), pick(k.loci[0].n), pick(k.loci[0].n)};
			lone_pair(&s, &k.loci[0], n % 4, thetas[n / 4 % 3], g, &a, &rep);
		}
		dna_kit_free(&k);
	}
	printf("# lone relatives with mutation: %d LRs, largest relative error %.3g; mutation moves "
	       "the oracle's LR by up to %.3g\n", s.total, s.worst, s.moved);
	printf("# dna_pair_lr (pairwise formula) against the oracle: %.3g without mutation, %.3g with "
	       "(issue 11)\n", s.pair_off, s.pair_on);
	assert_true(s.moved > 1e-3); /* the models do matter on these pairs */
	arena_free(&a);
	report_check(&rep, s.total);
}

/* Typed founders are drawn first and cost nothing (docs/dna.md, "Theta in
 * a pedigree"): the oracle's finding (six typed unrelated people at theta
 * 0.01, once refused), a family with four typed founders, two untyped and
 * a degraded one with mutation, and dna_ped_joint leaving an unrelated
 * extra founder free (the H0 of an LR), each equal to the oracle. */
static void test_typed_founders(void **state)
{
	(void)state;
	arena a;
	arena_init(&a, 0);
	static const double p3[] = {0.2, 0.3, 0.5}, p4[] = {0.1, 0.2, 0.3, 0.4};
	pc_locus L3, L4;
	pc_locus_init(&L3, 3, p3);
	pc_locus_init(&L4, 4, p4);
	double M[16];
	for(int i = 0; i < 4; i++)
		for(int j = 0; j < 4; j++)
			M[i * 4 + j] = i == j ? 0.94 : 0.02;
	pc_mutate(&L4, M, NULL);
	L4.mut[DNA_FROM_MOTHER][1] = 0.03; /* mothers' matrix not the fathers' */
	L4.mut[DNA_FROM_MOTHER][0] = 0.93;

	pc_case six;
	pc_init(&six);
	static const int g6[6][2] = {{0, 1}, {1, 2}, {0, 2}, {0, 1}, {1, 2}, {0, 2}};
	for(int i = 0; i < 6; i++)
		pc_type(&six, pc_man(&six), g6[i][0], g6[i][1]);
	dna_model m = {0.01, 0, false};
	double o = pc_oracle(&L3.L, &m, &six), e = engine(&L3.L, &m, &six, &a);
	printf("# six typed unrelated people, theta 0.01: engine %.17g, oracle %.17g\n", e, o);
	assert_true(rel_error(e, o) < tolerance);
	assert_true(rel_error(e, 4.967245262522429e-05) < 1e-12); /* /work/notes/oracle-findings.md */

	/* cousins: grandparents untyped, the in-laws typed, plus two typed
	 * strangers and a degraded one */
	pc_case fam;
	int ca, cb;
	pc_relatives(&fam, PC_COUSINS, &ca, &cb);
	pc_type(&fam, ca, 0, 1);
	pc_type(&fam, cb, 1, 3);
	pc_type(&fam, 3, 1, 2);   /* w1, the brother's wife */
	pc_type(&fam, 5, 0, 3);   /* h2, the sister's husband */
	pc_type(&fam, pc_man(&fam), 2, 3);
	pc_type(&fam, pc_woman(&fam), 1, 1);
	pc_degraded(&fam, pc_man(&fam), 1);
	for(int k = 0; k < 2; k++) { /* the oracle takes a second each */
		dna_model mk = {k ? 0.05 : 0.01, 0.1, k == 0};
		o = pc_oracle(&L4.L, &mk, &fam);
		e = engine(&L4.L, &mk, &fam, &a);
		assert_true(o > 0);
		assert_true(rel_error(e, o) < tolerance);
	}

	/* H0: an extra founder left free, against the oracle with it typed */
	int x = pc_add(&fam, -1, -1, DNA_SEX_UNKNOWN);
	dna_model mj = {0.05, 0.1, true};
	double J[16];
	pl_err err = {0};
	assert_ok(dna_ped_joint(&L4.L, &mj, &fam.ped, fam.obs, x, J, &a, &err), &err);
	static const int gh[3][2] = {{1, 1}, {0, 1}, {2, 3}};
	for(int k = 0; k < 3; k++) {
		int g = gh[k][0], h = gh[k][1];
		pc_type(&fam, x, g, h);
		o = pc_oracle(&L4.L, &mj, &fam);
		e = g == h ? J[g * 4 + g] : J[g * 4 + h] + J[h * 4 + g];
		assert_true(rel_error(e, o) < tolerance);
		assert_true(rel_error(e, engine(&L4.L, &mj, &fam, &a)) < tolerance);
	}
	arena_free(&a);
}

int main(void)
{
	const char *s = getenv("PARLEY_ORACLE_SEED");
	seed = s && *s ? strtoull(s, NULL, 10) : 20261206;
	state_ = seed;
	printf("# seed %" PRIu64 " (PARLEY_ORACLE_SEED=N for another)\n", seed);
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_random_pedigrees),
		cmocka_unit_test(test_lone_relatives_with_mutation),
		cmocka_unit_test(test_typed_founders),
	};
	return cmocka_run_group_tests_name("dna/ped_oracle", tests, NULL, NULL);
}
