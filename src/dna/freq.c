/* Frequency tables: counted from a population's genotypes, or read. */
#include "dna/freq.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

void dna_freqs_init(dna_freqs *f)
{
	memset(f, 0, sizeof(*f));
	arena_init(&f->a, 0);
}

void dna_freqs_free(dna_freqs *f)
{
	arena_free(&f->a);
	memset(f, 0, sizeof(*f));
}

static int by_allele(const void *x, const void *y)
{
	return strcmp(((const dna_freq_allele *)x)->allele, ((const dna_freq_allele *)y)->allele);
}

/* By name as written, the order the registry reads them back in. */
static int by_name(const void *x, const void *y)
{
	return strcmp(((const dna_freq_locus *)x)->name, ((const dna_freq_locus *)y)->name);
}

/* Count one locus: the alleles of every row typed there. */
static pl_rc count_locus(const dna_rows *g, size_t l, int min, arena *a, dna_freq_locus *out)
{
	hmap seen;
	hmap_init(&seen);
	dna_freq_allele *al = arena_calloc(a, 2 * g->n + 1, sizeof(*al));
	size_t n = 0;
	long total = 0;
	pl_rc rc = al ? PL_OK : PL_ENOMEM;
	for(size_t r = 0; r < g->n && !rc; r++) {
		const char *const *pair = &g->rows[r].allele[2 * l];
		if(!pair[0])
			continue;
		for(int i = 0; i < 2 && !rc; i++) {
			const char *x = pair[i] ? pair[i] : pair[0]; /* one allele seen: a homozygote */
			size_t k = (size_t)(intptr_t)hmap_get(&seen, x, strlen(x));
			if(!k) {
				al[n] = (dna_freq_allele){.allele = x};
				k = ++n;
				rc = hmap_put(&seen, x, strlen(x), (void *)(intptr_t)k);
			}
			al[k - 1].count++;
			total++;
		}
	}
	hmap_free(&seen);
	if(rc)
		return rc;
	qsort(al, n, sizeof(*al), by_allele);
	for(size_t i = 0; i < n; i++)
		al[i].freq = (double)(al[i].count > min ? al[i].count : min) / (double)(total ? total : 1);
	*out = (dna_freq_locus){.name = g->locus[l], .alleles = al, .n = n, .sample_size = total,
	                        .floor = (double)min / (double)(total ? total : 1)};
	return PL_OK;
}

pl_rc dna_freqs_count(const dna_rows *g, int min_count, dna_freqs *out, pl_err *err)
{
	int min = min_count > 0 ? min_count : DNA_MIN_COUNT;
	out->loci = arena_calloc(&out->a, g->nloci ? g->nloci : 1, sizeof(dna_freq_locus));
	if(!out->loci)
		return pl_nomem(err);
	for(size_t l = 0; l < g->nloci; l++) {
		dna_freq_locus *L = &out->loci[out->n];
		if(count_locus(g, l, min, &out->a, L))
			return pl_nomem(err);
		if(!L->n)
			continue; /* nobody typed there */
		L->name = arena_strdup(&out->a, L->name);
		for(size_t i = 0; i < L->n; i++)
			L->alleles[i].allele = arena_strdup(&out->a, L->alleles[i].allele);
		out->n++;
	}
	qsort(out->loci, out->n, sizeof(out->loci[0]), by_name);
	return arena_oom(&out->a) ? pl_nomem(err) : PL_OK;
}

pl_rc dna_freqs_from_rows(const dna_freq_rows *rows, long people, dna_freqs *out, pl_err *err)
{
	/* The rows come sorted by locus key, then allele (dna_read_frequencies). */
	out->loci = arena_calloc(&out->a, rows->n ? rows->n : 1, sizeof(dna_freq_locus));
	if(!out->loci)
		return pl_nomem(err);
	char prev[48] = "";
	for(size_t i = 0; i < rows->n; i++) {
		const dna_freq_row *r = &rows->rows[i];
		char key[48];
		dna_locus_key(r->locus, key, sizeof(key));
		if(!out->n || strcmp(key, prev)) {
			dna_freq_locus *L = &out->loci[out->n++];
			L->name = arena_strdup(&out->a, r->locus);
			L->alleles = arena_calloc(&out->a, rows->n - i, sizeof(dna_freq_allele));
			L->sample_size = people > 0 ? 2 * people : 0;
			L->floor = people > 0 ? DNA_MIN_COUNT / (2.0 * (double)people) : 1;
			memcpy(prev, key, sizeof(prev));
		}
		dna_freq_locus *L = &out->loci[out->n - 1];
		if(!L->alleles)
			return pl_nomem(err);
		L->alleles[L->n++] = (dna_freq_allele){arena_strdup(&out->a, r->allele), r->freq, -1};
		if(people <= 0 && r->freq < L->floor)
			L->floor = r->freq;
	}
	for(size_t l = 0; l < out->n; l++)
		qsort(out->loci[l].alleles, out->loci[l].n, sizeof(dna_freq_allele), by_allele);
	qsort(out->loci, out->n, sizeof(out->loci[0]), by_name);
	return arena_oom(&out->a) ? pl_nomem(err) : PL_OK;
}

const dna_freq_locus *dna_freqs_locus(const dna_freqs *f, const char *name)
{
	char key[48], k[48];
	dna_locus_key(name, key, sizeof(key));
	for(size_t l = 0; l < f->n; l++) {
		dna_locus_key(f->loci[l].name, k, sizeof(k));
		if(!strcmp(k, key))
			return &f->loci[l];
	}
	return NULL;
}
