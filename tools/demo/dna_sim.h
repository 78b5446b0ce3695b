/* A seeded simulator of families and remains, to measure accuracy.
 *
 * Each missing person gets a family of a pedigree kind (both parents, a
 * father, two siblings, a child and the partner, a cousin, ...): the
 * founders' alleles are drawn from a reference population's genotypes
 * (data/str/nist1036_genotypes.csv: each allele one of the 2N typed at its
 * locus), and everyone else's by Mendelian inheritance, each allele
 * mutating by one repeat (up or down alike) with the paternal or maternal
 * rate. Relatives of a side are put on the father's or mother's side at
 * random, and for some the side is not told. Remains are the missing
 * persons' own genotypes, a share of them degraded (loci fail; an allele
 * of a heterozygote drops out), plus unrelated people (noise) and second
 * fragments of people already among the remains. Same options, same
 * output. */
#ifndef PARLEY_DEMO_DNA_SIM_H
#define PARLEY_DEMO_DNA_SIM_H

#include <stdbool.h>
#include <stdint.h>

#include "dna/kit.h"
#include "dna/ped.h"
#include "dna/profile.h"
#include "dna/read.h"

typedef enum dna_sim_kind {
	SIM_PARENTS, SIM_FATHER, SIM_MOTHER, SIM_SIBLING, SIM_TWO_SIBLINGS, SIM_FATHER_SIBLING,
	SIM_CHILD, SIM_CHILD_PARTNER, SIM_TWO_CHILDREN, SIM_HALF_SIBLING, SIM_GRANDPARENTS,
	SIM_UNCLE, SIM_COUSIN, SIM_SELF,
	/* Pedigrees a relationship list cannot say: written to pedigree.csv
	 * (the ped layout), not in the default mix. */
	SIM_GRANDCHILD, SIM_NEPHEW, SIM_COUSIN_SPOUSE, SIM_FATHER_SON, SIM_KIND_COUNT
} dna_sim_kind;

/* Whether families of that kind are pedigrees (dna_sim.kin) rather than
 * relationship lists (dna_sim.families). */
static inline bool dna_sim_kind_is_pedigree(dna_sim_kind k)
{
	return k >= SIM_GRANDCHILD;
}

/* "parents", "father", ...; NULL-terminated. */
extern const char *const dna_sim_kind_names[SIM_KIND_COUNT + 1];

typedef struct dna_sim_opts {
	uint64_t seed;
	long missing;             /* missing persons: one family each */
	long remains;             /* remains profiles */
	double unrelated;         /* share of remains of nobody missing (0.1) */
	double fragments;         /* share that are a second fragment of someone (0.02) */
	double other_side;        /* share of missing persons of the other party (0.03) */
	double degraded;          /* share of remains degraded (0.3) */
	double dropout;           /* per allele of a degraded heterozygote (0.1) */
	double fail, fail_degraded; /* per locus, in good and in degraded remains (0.02, 0.2) */
	double rate_pat, rate_mat;  /* one-step mutations per meiosis (0.002, 0.0005) */
	double weights[SIM_KIND_COUNT]; /* how often each kind; all 0: the default mix */
	double side_unknown;      /* share of sided relatives whose side is not told (0.3) */
} dna_sim_opts;

/* The defaults above, for missing persons and remains. */
void dna_sim_defaults(dna_sim_opts *o, long missing, long remains, uint64_t seed);
/* "parents=3,sibling=1": weights by kind; NULL if fine, else why. */
const char *dna_sim_parse_kinds(dna_sim_opts *o, const char *text);

/* A missing person: the first of each family is its dna_family's person;
 * a pedigree family may have a second (father and son both missing). */
typedef struct dna_sim_person {
	const char *id;           /* P... */
	dna_sex sex;
	size_t family;
	int which;                /* the family's first (0) or second (1) missing person */
} dna_sim_person;

typedef struct dna_sim {
	dna_profile *remains;     /* their ids: case tags SIM-...-NNNNN */
	size_t nremains;
	dna_family *families;     /* per family; a pedigree family's has its first person and no refs */
	dna_kin **kin;            /* per family: its pedigree for the pedigree kinds, else NULL */
	size_t nfamilies;
	size_t nrefs;
	dna_sim_person *persons;  /* every missing person, family by family */
	size_t npersons;
	long *truth;              /* per remains: its family, or -1 */
	long *truth_person;       /* per remains: its missing person (persons[]), or -1 */
	dna_sim_kind *kind;       /* per family */
	char (*party)[3];         /* per family: "UA", or "RU" for the other side */
	arena a;
} dna_sim;

/* Simulate with the alleles of kit k (mutated alleles it lacks are added:
 * finish it afterwards) and the founders' pool (a genotypes file read
 * with dna_read_profiles, its loci matched to k's by name). */
pl_rc dna_sim_run(dna_kit *k, const dna_rows *pool, const dna_sim_opts *o, dna_sim *out,
                  pl_err *err);
void dna_sim_free(dna_sim *s);

/* Whether some families are of the pedigree kinds. */
bool dna_sim_has_pedigrees(const dna_sim *s);

/* Write dir/persons.csv (the missing, to `parley import`), cases.csv (the
 * remains cases, to `parley remains import`), remains.csv and
 * references.csv (profiles, to `parley dna import`), pedigree.csv (the
 * pedigree kinds' families, to `parley dna import pedigree`: only when
 * there are some) and truth.csv (who each case is). */
pl_rc dna_sim_write(const dna_kit *k, const dna_sim *s, const dna_sim_opts *o, const char *dir,
                    pl_err *err);

#endif
