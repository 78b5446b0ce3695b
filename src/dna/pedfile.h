/* A pedigree file: families of any shape in the `ped` layout the field
 * uses (pedtools, Familias, Bonaparte), each with its missing persons
 * (docs/dna.md, "Pedigree files").
 *
 * Each row is one individual of one family (read.h, DNA_FILE_PEDIGREE):
 * its id in the family, its father and mother (ids in the same family,
 * both or neither: a founder has neither), its sex, the laboratory sample
 * of its reference profile if it is typed (the alleles on the row, or a
 * sample imported before), or the parley id of the missing person it is.
 * Several individuals of a family may be missing persons (a father and
 * son both missing, two brothers).
 *
 * Checking the structure needs no registry: an id twice in a family, a
 * parent who is not in it, one parent only, a father who is female or a
 * mother who is male (or someone father of one and mother of another),
 * someone their own ancestor, a missing person who is typed or named
 * twice, alleles without a sample id, a sample on two individuals of one
 * family or with other alleles further up, a family with no missing
 * person or of more than DNA_PEDFILE_MAX individuals: each a problem with
 * its file, line and column. A parent of unknown sex is a man if a
 * father, a woman if a mother. */
#ifndef PARLEY_DNA_PEDFILE_H
#define PARLEY_DNA_PEDFILE_H

#include <stdbool.h>

#include "core/arena.h"
#include "core/problems.h"
#include "dna/profile.h"
#include "dna/read.h"

enum { DNA_PEDFILE_MAX = 100 };

typedef struct dna_pedfile_member {
	const dna_row *row;
	const char *id;
	int father, mother;       /* indices in the family, or -1 (a founder: both) */
	dna_sex sex;              /* as given, or inferred from being a father or a mother */
	const char *sample;       /* its reference profile's sample id, or NULL */
	const char *person;       /* the missing person it is (a uid), or NULL */
	bool alleles;             /* the row gives the profile (alleles or failed loci) */
} dna_pedfile_member;

typedef struct dna_pedfile_family {
	const char *id;
	long line;                /* its first row */
	dna_pedfile_member *m;
	int n, nmissing, ntyped;
} dna_pedfile_family;

typedef struct dna_pedfile {
	dna_pedfile_family *fam;  /* in the order of their first rows */
	size_t n;
} dna_pedfile;

/* The families of rows read from a pedigree file, checked; problems to pb.
 * PL_OK when checking could go on (see pb->failed), else PL_ENOMEM or
 * PL_ELIMIT (enough problems). Everything lives in a. */
pl_rc dna_pedfile_check(const dna_rows *rows, problems *pb, arena *a, dna_pedfile *out);

/* Whether two rows give the same profile: the same alleles (in either
 * order; one allele as a homozygote) and failed loci. */
bool dna_row_same_profile(const dna_rows *rows, const dna_row *x, const dna_row *y);

#endif
