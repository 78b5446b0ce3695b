/* Profiles, relationships and families, as the computations see them.
 *
 * A profile is a genotype per locus of a kit (kit.h): two allele indices,
 * or none where the locus was not typed or failed. Remains profiles may be
 * degraded: an apparent homozygote in a degraded profile may be a
 * heterozygote whose other allele dropped out.
 *
 * A family is a missing person with the reference profiles of relatives,
 * each with their relationship to the missing person. Which side a
 * grandparent, uncle or aunt, half sibling or cousin is on (the father's
 * or the mother's) may be unknown. */
#ifndef PARLEY_DNA_PROFILE_H
#define PARLEY_DNA_PROFILE_H

#include <stdbool.h>
#include <stdint.h>

#include "core/err.h"

typedef enum dna_rel {
	DNA_SELF,           /* the missing person's own sample (a toothbrush, a blood card) */
	DNA_FATHER,
	DNA_MOTHER,
	DNA_CHILD,
	DNA_FULL_SIB,
	DNA_HALF_SIB,
	DNA_GRANDPARENT,
	DNA_UNCLE,          /* uncle or aunt: a full sibling of a parent */
	DNA_COUSIN,         /* first cousin: a child of an uncle or aunt */
	DNA_PARTNER,        /* the other parent of the missing person's children */
	DNA_IDENTITY,       /* two remains cases of one person (screening only) */
	DNA_REL_COUNT
} dna_rel;

/* "self", "father", ..., "partner", "identity"; NULL-terminated. */
extern const char *const dna_rel_names[DNA_REL_COUNT + 1];
/* The relationship a name or a common synonym means ("uncle", "aunt",
 * "brother", "sister", "son", "grandmother", ...), or -1. Not "identity". */
int dna_rel_parse(const char *name);
/* The probabilities that the missing person and a relative share 0, 1 or
 * 2 alleles identical by descent at a locus (Thompson 1975): parent and
 * child (0, 1, 0), full siblings (1/4, 1/2, 1/4), half siblings,
 * grandparents, uncles and aunts (1/2, 1/2, 0), first cousins (3/4, 1/4,
 * 0), identity (0, 0, 1), a partner (1, 0, 0). */
void dna_rel_ibd(dna_rel r, double k[3]);
/* Whether a relative of that kind is on the father's or the mother's side. */
bool dna_rel_has_side(dna_rel r);

typedef enum dna_side { DNA_SIDE_UNKNOWN, DNA_PATERNAL, DNA_MATERNAL } dna_side;
extern const char *const dna_side_names[3];     /* NULL, "paternal", "maternal" */

typedef enum dna_sex { DNA_SEX_UNKNOWN, DNA_MALE, DNA_FEMALE } dna_sex;

/* A genotype at one locus: allele indices a <= b, or a < 0 when untyped. */
typedef struct dna_geno {
	int16_t a, b;
} dna_geno;

#define DNA_UNTYPED ((dna_geno){-1, -1})

static inline bool dna_typed(dna_geno g)
{
	return g.a >= 0;
}

typedef struct dna_profile {
	const char *id;             /* the case's tag, or the reference sample's id */
	dna_geno *g;                /* one per locus of the kit */
	bool degraded;              /* apparent homozygotes may hide a drop-out */
} dna_profile;

typedef struct dna_ref {
	const dna_profile *prof;
	dna_rel rel;
	dna_side side;
} dna_ref;

typedef struct dna_family {
	const char *person;         /* the missing person's uid */
	dna_sex sex;                /* theirs: which mutation rate applies to their children */
	dna_ref *refs;
	int nrefs;
} dna_family;

/* Why a family cannot be put together as a pedigree (two fathers, more
 * grandparents on one side than two, ...), or NULL. */
const char *dna_family_invalid(const dna_family *f);

/* A number in 31 characters at most as fmt says, into out, for a
 * message's argument: DNA_G(x), as %g, lives as long as the enclosing call. */
#define DNA_G(x) dna_num((char[32]){0}, "%g", (double)(x))
const char *dna_num(char *out, const char *fmt, ...) PL_PRINTF(2, 3);
/* A reason in English (a validator's or this module's "why") as its code
 * in the message catalogue when it has one, for a {@why} argument. */
const char *dna_why(const char *why);

#endif
