/* Kits of one or a few loci with frequencies chosen by the test, and
 * genotypes by allele name, for the DNA tests. */
#ifndef PARLEY_TESTS_DNA_FIXTURE_H
#define PARLEY_TESTS_DNA_FIXTURE_H

#include "testutil.h"

#include <math.h>

#include "core/problems.h"
#include "dna/kit.h"
#include "dna/read.h"
#include "dna/exact.h"
#include "dna/pedigree.h"
#include "dna/profile.h"

/* A one-locus kit "L" from "allele=freq" pairs, NULL-terminated. */
static inline void kx_kit(dna_kit *k, const dna_mutation *m, ...)
{
	dna_freqs f;
	dna_freqs_init(&f);
	f.loci = arena_calloc(&f.a, 1, sizeof(dna_freq_locus));
	f.loci[0].name = "L";
	f.loci[0].alleles = arena_calloc(&f.a, 64, sizeof(dna_freq_allele));
	f.loci[0].floor = 0.01;
	f.n = 1;
	va_list ap;
	va_start(ap, m);
	for(const char *kv; (kv = va_arg(ap, const char *));) {
		const char *eq = strchr(kv, '=');
		dna_freq_allele *al = &f.loci[0].alleles[f.loci[0].n++];
		al->allele = arena_strndup(&f.a, kv, (size_t)(eq - kv));
		al->freq = atof(eq + 1);
		al->count = -1;
	}
	va_end(ap);
	pl_err err = {0};
	assert_ok(dna_kit_init(k, &f, &err), &err);
	assert_ok(dna_kit_finish(k, m, &err), &err);
	dna_freqs_free(&f);
}

/* The genotype "a/b" at locus 0. */
static inline dna_geno kx_geno(dna_kit *k, const char *a, const char *b)
{
	int x = dna_kit_allele(k, 0, a), y = dna_kit_allele(k, 0, b);
	assert_true(x >= 0 && y >= 0);
	return x <= y ? (dna_geno){(int16_t)x, (int16_t)y} : (dna_geno){(int16_t)y, (int16_t)x};
}

static inline dna_obs kx_obs(dna_kit *k, const char *a, const char *b, bool dropout)
{
	dna_geno g = kx_geno(k, a, b);
	return (dna_obs){g.a, g.b, dropout};
}

/* A family of up to 8 relatives typed at locus 0. */
typedef struct kx_family {
	dna_family f;
	dna_ref refs[8];
	dna_profile prof[8];
	dna_geno g[8];
} kx_family;

static inline void kx_family_init(kx_family *x, dna_sex sex)
{
	memset(x, 0, sizeof(*x));
	x->f.person = "P";
	x->f.sex = sex;
	x->f.refs = x->refs;
}

static inline void kx_add(kx_family *x, dna_rel rel, dna_side side, dna_geno g)
{
	int i = x->f.nrefs++;
	x->g[i] = g;
	x->prof[i] = (dna_profile){.id = "ref", .g = &x->g[i]};
	x->refs[i] = (dna_ref){&x->prof[i], rel, side};
}

/* The family's LR at locus 0 for one observation. */
static inline double kx_lr(const dna_kit *k, const kx_family *x, const dna_model *m, dna_obs o)
{
	arena a;
	arena_init(&a, 0);
	double lr;
	bool inf;
	pl_err err = {0};
	assert_ok(dna_family_locus(k, 0, &x->f, m, &o, 1, &lr, &inf, &a), &err);
	arena_free(&a);
	return lr;
}

/* The LR the screening reports (exact.h, the engine's) at locus 0 for remains
 * showing o. */
static inline double kx_exact_lr(const dna_kit *k, const kx_family *x, const dna_model *m, dna_obs o)
{
	arena a;
	arena_init(&a, 0);
	dna_geno g = {o.a, o.b};
	dna_profile p = {.id = "R", .g = &g, .degraded = o.dropout};
	const dna_profile *pp = &p;
	double log10_lr, lr;
	pl_err err = {0};
	assert_ok(dna_exact_family(k, &x->f, m, &pp, 1, &log10_lr, &lr, NULL, &a, &err), &err);
	arena_free(&a);
	return lr;
}

/* The NIST 1,036 genotypes (data/str/), and their frequencies if f is not NULL. */
static inline void kx_nist(dna_rows *rows, dna_freqs *f)
{
	buf errors;
	buf_init(&errors, 0);
	problems pb;
	problems_init(&pb, &errors, 10);
	pb.file = "nist";
	dna_rows_init(rows);
	pl_err err = {0};
	assert_ok(dna_read_profiles_file(PARLEY_STR_DIR "/nist1036_genotypes.csv", DNA_FILE_GENOTYPES, &pb,
	                                 rows, &err), &err);
	assert_false(pb.failed);
	buf_free(&errors);
	if(f) {
		dna_freqs_init(f);
		assert_ok(dna_freqs_count(rows, 5, f, &err), &err);
	}
}

#define assert_near(x, y, rel)                                                            \
	do {                                                                                  \
		double x_ = (x), y_ = (y);                                                        \
		if(!(fabs(x_ - y_) <= (rel) * fabs(y_) + 1e-300))                                  \
			fail_msg("%s = %.12g, expected %.12g", #x, x_, y_);                           \
	} while(0)

#endif
