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

/* Stepwise weight of i -> j. */
static double step_weight(const dna_locus *L, int i, int j, double range)
{
	enum { OTHER_BASES_PERCENT = 5 };
	if(L->repeats[i] < 0 || L->repeats[j] < 0)
		return OTHER_BASES_PERCENT / 100.0;
	if(L->bases[i] == L->bases[j])
		return pow(range, abs(L->repeats[i] - L->repeats[j]) - 1);
	double d = fabs((L->repeats[i] + L->bases[i] / 10.0) - (L->repeats[j] + L->bases[j] / 10.0));
	return OTHER_BASES_PERCENT / 100.0 * pow(range, ceil(d - 1e-9) - 1);
}

static double weight(const dna_locus *L, const dna_mutation *m, int i, int j)
{
	switch(m->model) {
	case DNA_MUT_EQUAL:
		return 1;
	case DNA_MUT_PROPORTIONAL:
		return L->p[j];
	case DNA_MUT_STEPWISE:
		return step_weight(L, i, j, m->range);
	default:
		return 0;
	}
}

static double *matrix(const dna_locus *L, const dna_mutation *m, double rate)
{
	int n = L->n;
	double *M = calloc((size_t)n * (size_t)n, sizeof(double));
	if(!M)
		return NULL;
	for(int i = 0; i < n; i++) {
		double total = 0;
		for(int j = 0; j < n; j++)
			if(j != i)
				total += weight(L, m, i, j);
		double stay = total > 0 ? 1 - rate : 1;
		for(int j = 0; j < n; j++)
			M[i * n + j] = j == i ? stay : total > 0 ? rate * weight(L, m, i, j) / total : 0;
	}
	return M;
}

pl_rc dna_kit_finish(dna_kit *k, const dna_mutation *m, pl_err *err)
{
	pl_rc rc = PL_OK;
	static const dna_mutation none = {DNA_MUT_NONE, 0, 0, 0};
	k->mutation = m ? *m : none;
	bool mutate = k->mutation.model != DNA_MUT_NONE &&
	              (k->mutation.rate_pat > 0 || k->mutation.rate_mat > 0);
	for(int l = 0; l < k->nloci && !rc; l++) {
		dna_locus *L = &k->loci[l];
		normalise(k, L, &rc);
		if(!mutate || rc)
			continue;
		double rates[3] = {k->mutation.rate_pat, k->mutation.rate_mat,
		                   (k->mutation.rate_pat + k->mutation.rate_mat) / 2};
		for(int r = 0; r < 3 && !rc; r++)
			if(!(L->mut[r] = matrix(L, &k->mutation, rates[r])))
				rc = PL_ENOMEM;
	}
	if(!rc && !mutate)
		k->mutation.model = DNA_MUT_NONE;
	k->finished = !rc;
	return rc ? pl_nomem(err) : PL_OK;
}
