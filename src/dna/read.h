/* Reading the laboratory's files: STR profiles and allele frequencies.
 *
 * A profiles file has a header naming its columns, in any order: a few
 * named ones (which depend on what the file holds, below) and two columns
 * a locus, NAME.1 and NAME.2 (as the NIST file writes them: "D8S1179.1",
 * "D8S1179.2"), each holding one allele designation (allele.h) or nothing.
 * Both empty: the locus was not typed. One empty: a single allele was
 * seen (an apparent homozygote, as both the same). Locus names match
 * across files whatever their case and punctuation ("Penta_D", "PENTA D"
 * and "PentaD" are one locus).
 *
 * Amelogenin (AMEL.1 and AMEL.2, or Amelogenin.1 and .2: X or Y) is not a
 * locus of the kinship computation but gives the sample's sex: a Y seen,
 * male; X alone or X,X, female, except in a degraded profile, where a Y
 * may have dropped out (no sex then). A `sex` column (male, female, M, F,
 * unknown; any case) says it too; it must agree with the amelogenin, and
 * an explicit `unknown` wins over it (a laboratory that doubts the
 * amelogenin: AMELY deletions). A reference's sex must agree with the
 * word of its relationship (a father, a sister). Genotypes files' amelogenin
 * is left out.
 *
 *   remains      case (the remains case's tag, required), sample, degraded
 *                (yes or no), failed (the loci that gave no result,
 *                separated by ';'), sex, note
 *   references   sample (required), person (the missing person's id,
 *                required), relationship (required), side (paternal or
 *                maternal), failed, sex, note
 *   genotypes    sample, population: a reference population, for counting
 *                frequencies (data/str/nist1036_genotypes.csv)
 *   pedigree     family, id (both required), father, mother (ids in the
 *                family; empty or 0: a founder), sex (male, female,
 *                unknown; M, F, 1, 2, 0 as in ped files; kept as male,
 *                female or unknown), sample, person, failed, note; the
 *                loci may be left out (pedfile.h checks the rest)
 *
 * A frequencies file has the columns locus, allele and frequency.
 *
 * Reading checks everything and reports each problem to a problems list
 * (core/problems.h) with the file, the line and the column. The rows with
 * no problem of their own are kept, for the caller to check further
 * (against the registry); none is to be used once pb->failed is set. */
#ifndef PARLEY_DNA_READ_H
#define PARLEY_DNA_READ_H

#include <stdbool.h>
#include <stdio.h>

#include "core/arena.h"
#include "core/hmap.h"
#include "core/problems.h"
#include "dna/profile.h"

typedef enum dna_file_kind {
	DNA_FILE_REMAINS, DNA_FILE_REFERENCES, DNA_FILE_GENOTYPES, DNA_FILE_PEDIGREE
} dna_file_kind;

/* The named columns of a profiles file. */
typedef enum dna_col {
	DC_CASE, DC_SAMPLE, DC_PERSON, DC_RELATIONSHIP, DC_SIDE, DC_DEGRADED, DC_FAILED, DC_NOTE,
	DC_POPULATION, DC_FAMILY, DC_ID, DC_FATHER, DC_MOTHER, DC_SEX, DC_COUNT
} dna_col;

extern const char *const dna_col_names[DC_COUNT];

typedef struct dna_row {
	long line;
	const char *f[DC_COUNT];      /* cleaned values; NULL: empty or no such column */
	const char **allele;          /* allele[2 * locus + i], i = 0, 1; NULL: empty */
	unsigned char *failed;        /* per locus: named in `failed` */
	bool degraded;
	char amel[4];                 /* amelogenin as seen: "X,Y", "X,X", "X" (one allele); "": not typed */
	dna_sex sex;                  /* from the sex column, else from the amelogenin */
} dna_row;

/* "male", "female", or NULL for DNA_SEX_UNKNOWN: as the registry writes
 * it; and back (anything else, NULL included, is unknown). */
const char *dna_sex_name(dna_sex s);
dna_sex dna_sex_parse(const char *name);

typedef struct dna_rows {
	const char **locus;           /* the loci of the file, in the order of their columns */
	size_t nloci;
	dna_row *rows;
	size_t n;
	arena a;                      /* everything above lives here */
	hmap alleles;                 /* each designation's text once */
} dna_rows;

void dna_rows_init(dna_rows *r);
void dna_rows_free(dna_rows *r);
/* Read a profiles file of that kind from f, problems to pb (pb->file
 * names it). PL_OK when reading could go on, even with problems (check
 * pb->failed); PL_ENOMEM or PL_EIO otherwise. */
pl_rc dna_read_profiles(FILE *f, dna_file_kind kind, problems *pb, dna_rows *out);

/* The same from the file at path ("-": standard input); PL_ENOTFOUND,
 * with err, when it cannot be opened. */
pl_rc dna_read_profiles_file(const char *path, dna_file_kind kind, problems *pb, dna_rows *out,
                             pl_err *err);

/* "PENTAD" for "Penta_D": the locus name matched across files: ASCII
 * letters in capitals, digits, nothing else. */
void dna_locus_key(const char *name, char *out, size_t size);

typedef struct dna_freq_row {
	long line;
	const char *locus, *allele;
	double freq;
} dna_freq_row;

typedef struct dna_freq_rows {
	dna_freq_row *rows;
	size_t n;
	arena a;
} dna_freq_rows;

void dna_freq_rows_init(dna_freq_rows *r);
void dna_freq_rows_free(dna_freq_rows *r);
/* Read a frequencies file: one allele a row, no allele twice, each
 * frequency above 0 and at most 1, each locus's summing to at most 1.01
 * (published tables round). As dna_read_profiles for the result. */
pl_rc dna_read_frequencies(FILE *f, problems *pb, dna_freq_rows *out);

#endif
