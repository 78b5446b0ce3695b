/* Kits: the loci of a computation, their alleles, frequencies and mutation
 * matrices. */
#include "dna/kit.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "dna/allele.h"
#include "dna/read.h"

const char *const dna_mutation_names[DNA_MUT_COUNT + 1] = {"none", "equal", "proportional",
                                                           "stepwise", NULL};
const char dna_mutation_choices[] = "none, equal, proportional, stepwise or extended-stepwise";

int dna_mutation_lookup(const char *name)
{
	for(int m = 0; m < DNA_MUT_COUNT; m++)
		if(!strcmp(name, dna_mutation_names[m]))
			return m;
	/* Familias 3's name: its "Extended stepwise" is pedmut's stepwise with
	 * rate2, which is ours (docs/dna.md, "Mutation models") */
	return strcmp(name, "extended-stepwise") ? -1 : DNA_MUT_STEPWISE;
}

static pl_rc grow(dna_locus *L)
{
	int cap = L->cap ? L->cap * 2 : 16;
	const char **al = realloc(L->allele, (size_t)cap * sizeof(*al));
	if(al)
		L->allele = al;
	int *rep = realloc(L->repeats, (size_t)cap * sizeof(int));
	if(rep)
		L->repeats = rep;
	int *bases = realloc(L->bases, (size_t)cap * sizeof(int));
	if(bases)
		L->bases = bases;
	double *p = realloc(L->p, (size_t)cap * sizeof(double));
	if(p)
		L->p = p;
	if(!al || !rep || !bases || !p)
		return PL_ENOMEM;
	L->cap = cap;
	return PL_OK;
}

static pl_rc add(dna_kit *k, dna_locus *L, const char *designation, double p)
{
	if(L->n == L->cap && grow(L))
		return PL_ENOMEM;
	char *s = designation ? arena_strdup(&k->a, designation) : NULL;
	if(designation && (!s || hmap_put(&L->index, s, strlen(s), (void *)(intptr_t)(L->n + 1))))
		return PL_ENOMEM;
	L->allele[L->n] = s;
	if(s)
		dna_allele_parse(s, &L->repeats[L->n], &L->bases[L->n]);
	else
		L->repeats[L->n] = L->bases[L->n] = -1;
	L->p[L->n++] = p;
	return PL_OK;
}

pl_rc dna_kit_init(dna_kit *k, const dna_freqs *f, pl_err *err)
{
	memset(k, 0, sizeof(*k));
	arena_init(&k->a, 0);
	hmap_init(&k->index);
	k->loci = calloc(f->n ? f->n : 1, sizeof(dna_locus));
	if(!k->loci)
		return pl_nomem(err);
	for(size_t l = 0; l < f->n; l++) {
		const dna_freq_locus *fl = &f->loci[l];
		dna_locus *L = &k->loci[k->nloci++];
		hmap_init(&L->index);
		L->name = arena_strdup(&k->a, fl->name);
		L->floor = fl->floor;
		char key[48];
		dna_locus_key(fl->name, key, sizeof(key));
		if(!L->name || hmap_put(&k->index, key, strlen(key), (void *)(intptr_t)(l + 1)))
			return pl_nomem(err);
		for(size_t i = 0; i < fl->n; i++)
			if(add(k, L, fl->alleles[i].allele, fl->alleles[i].freq))
				return pl_nomem(err);
		L->ntable = L->n;
	}
	return PL_OK;
}

void dna_kit_free(dna_kit *k)
{
	for(int l = 0; l < k->nloci; l++) {
		dna_locus *L = &k->loci[l];
		free(L->allele);
		free(L->repeats);
		free(L->bases);
		free(L->p);
		for(int m = 0; m < 3; m++)
			free(L->mut[m]);
		dna_locus_kernels_free(L);
		hmap_free(&L->index);
	}
	free(k->loci);
	hmap_free(&k->index);
	arena_free(&k->a);
	memset(k, 0, sizeof(*k));
}

int dna_kit_locus(const dna_kit *k, const char *name)
{
	char key[48];
	dna_locus_key(name, key, sizeof(key));
	return (int)(intptr_t)hmap_get(&k->index, key, strlen(key)) - 1;
}

int dna_kit_allele(dna_kit *k, int locus, const char *designation)
{
	dna_locus *L = &k->loci[locus];
	int i = (int)(intptr_t)hmap_get(&L->index, designation, strlen(designation)) - 1;
	if(i >= 0 || k->finished)
		return i;
	return add(k, L, designation, L->floor) ? -1 : L->n - 1;
}

/* ---- finishing ------------------------------------------------------------ */

static void normalise(dna_kit *k, dna_locus *L, pl_rc *rc)
{
	double sum = 0;
	for(int i = 0; i < L->n; i++)
		sum += L->p[i];
	if(sum > 1 + 1e-12) {
		for(int i = 0; i < L->n; i++)
			L->p[i] /= sum;
	} else if(sum < 1 - 1e-9) {
		if(add(k, L, NULL, 1 - sum))
			*rc = PL_ENOMEM;
		else
			L->rest = true;
	}
}

/* The microvariant group of an allele (pedmut: the tenths after the
 * point; 9.3 and 10.3 share one, 10 is in another); an allele without a
 * number (the rest allele, "X") is a group of its own. */
static int micro_group(const dna_locus *L, int i)
{
	return L->repeats[i] < 0 ? -2 - i : L->bases[i];
}

/* pedmut's stepwise row i (mutationMatrix(model = "stepwise")): within i's
 * group, weight range^|steps| scaled to sum to rate; rate2 shared equally
 * among the alleles of other groups; the rest stays. */
static void stepwise_row(const dna_locus *L, const dna_mutation *m, double rate, double rate2,
                         int i, double *row)
{
	int n = L->n, same = 0;
	double total = 0;
	for(int j = 0; j < n; j++)
		if(micro_group(L, j) == micro_group(L, i) && j != i) {
			same++;
			total += row[j] = pow(m->range, abs(L->repeats[i] - L->repeats[j]));
		}
	int other = n - 1 - same;
	for(int j = 0; j < n; j++) {
		if(j == i)
			row[j] = 1 - (same ? rate : 0) - (other ? rate2 : 0);
		else if(micro_group(L, j) == micro_group(L, i))
			row[j] = total > 0 ? row[j] / total * rate : 0;
		else
			row[j] = rate2 / other;
	}
}

/* The matrix of one parent's sex; PL_EINPUT when the model makes no
 * probabilities of these rates (a proportional rate too high). */
static pl_rc matrix(const dna_locus *L, const dna_mutation *m, double rate, double rate2,
                    double **out)
{
	int n = L->n;
	double *M = *out = calloc((size_t)n * (size_t)n, sizeof(double));
	if(!M)
		return PL_ENOMEM;
	double alpha = 0;
	if(m->model == DNA_MUT_PROPORTIONAL) {
		for(int i = 0; i < n; i++)
			alpha += L->p[i] * (1 - L->p[i]);
		alpha = alpha > 0 ? rate / alpha : 0;
	}
	for(int i = 0; i < n; i++) {
		double *row = M + (size_t)i * (size_t)n;
		for(int j = 0; j < n; j++) {
			switch(n == 1 ? DNA_MUT_NONE : m->model) {
			case DNA_MUT_EQUAL:
				row[j] = j == i ? 1 - rate : rate / (n - 1);
				break;
			case DNA_MUT_PROPORTIONAL:
				row[j] = (j == i ? 1 - alpha : 0) + alpha * L->p[j];
				break;
			case DNA_MUT_STEPWISE:
				break;
			default:
				row[j] = j == i;
			}
		}
		if(n > 1 && m->model == DNA_MUT_STEPWISE)
			stepwise_row(L, m, rate, rate2, i, row);
		for(int j = 0; j < n; j++)
			if(!(row[j] >= 0 && row[j] <= 1))
				return PL_EINPUT;
	}
	return PL_OK;
}

pl_rc dna_kit_set_mutation(dna_kit *k, int locus, const dna_mutation *m, pl_err *err)
{
	if(k->finished || locus < 0 || locus >= k->nloci)
		return pl_fail(err, PL_EUSAGE, /* not for users: the callers' order */
		               "a locus's mutation model is set before the kit is finished");
	dna_mutation *x = arena_alloc(&k->a, sizeof(*x));
	if(!x)
		return pl_nomem(err);
	*x = *m;
	k->loci[locus].mutation = x;
	return PL_OK;
}

void dna_locus_kernels_free(dna_locus *L)
{
	for(int s = 0; s < 3; s++) {
		for(int k = 0; k < 3; k++) {
			free(L->moment[s][k]);
			L->moment[s][k] = NULL;
		}
		L->moment_of[s] = NULL;
	}
}

/* Once per locus (n^4 for three children), where each pedigree would pay
 * n^(k+1) per untyped founder and per table. */
pl_rc dna_locus_kernels(dna_locus *L)
{
	dna_locus_kernels_free(L);
	size_t n = (size_t)L->n;
	for(int s = 0; s < 3 && L->mut[s]; s++) {
		const double *M = L->mut[s];
		double *m1 = calloc(n, sizeof(double)), *m2 = calloc(n * n, sizeof(double));
		double *m3 = calloc(n * n * n, sizeof(double));
		L->moment[s][0] = m1;
		L->moment[s][1] = m2;
		L->moment[s][2] = m3;
		L->moment_of[s] = M;
		if(!m1 || !m2 || !m3) {
			dna_locus_kernels_free(L);
			return PL_ENOMEM;
		}
		for(size_t a = 0; a < n; a++) {
			const double *r = M + a * n;
			for(size_t i = 0; i < n; i++) {
				double x = L->p[a] * r[i];
				m1[i] += x;
				for(size_t j = 0; j < n; j++) {
					double y = x * r[j], *t = m3 + (i * n + j) * n;
					m2[i * n + j] += y;
					for(size_t k = 0; k < n; k++)
						t[k] += y * r[k];
				}
			}
		}
	}
	return PL_OK;
}

static pl_rc locus_matrices(dna_locus *L, const dna_mutation *m, pl_err *err)
{
	if(m->model == DNA_MUT_NONE ||
	   !(m->rate_pat > 0 || m->rate_mat > 0 || m->rate2_pat > 0 || m->rate2_mat > 0))
		return PL_OK;
	/* a range of 0 would leave a row summing to 1 - R (no allele of the
	 * group to mutate to with any weight): pedmut and Familias refuse it */
	if(m->model == DNA_MUT_STEPWISE && !(m->range > 0 && isfinite(m->range)))
		return pl_failc(err, PL_EINPUT, "dna.stepwise_range", "locus", L->name, "range", DNA_G(m->range),
		                NULL);
	double rates[3] = {m->rate_pat, m->rate_mat, (m->rate_pat + m->rate_mat) / 2};
	double rates2[3] = {m->rate2_pat, m->rate2_mat, (m->rate2_pat + m->rate2_mat) / 2};
	for(int r = 0; r < 3; r++) {
		pl_rc rc = matrix(L, m, rates[r], rates2[r], &L->mut[r]);
		if(rc == PL_EINPUT)
			return pl_failc(err, rc, "dna.rate_too_high", "locus", L->name, "model",
			                dna_mutation_names[m->model], "rate", DNA_G(rates[r]), NULL);
		if(rc)
			return pl_nomem(err);
	}
	return dna_locus_kernels(L) ? pl_nomem(err) : PL_OK;
}

pl_rc dna_kit_finish(dna_kit *k, const dna_mutation *m, pl_err *err)
{
	pl_rc rc = PL_OK;
	static const dna_mutation none = {DNA_MUT_NONE, 0, 0, 0, 0, 0};
	k->mutation = m ? *m : none;
	bool any = false;
	for(int l = 0; l < k->nloci && !rc; l++) {
		dna_locus *L = &k->loci[l];
		normalise(k, L, &rc);
		if(rc)
			return pl_nomem(err);
		rc = locus_matrices(L, L->mutation ? L->mutation : &k->mutation, err);
		any |= L->mut[0] != NULL;
	}
	if(rc)
		return rc;
	if(!any)
		k->mutation.model = DNA_MUT_NONE;
	k->finished = true;
	return PL_OK;
}
