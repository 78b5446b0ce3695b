/* A brute-force oracle for the likelihood engine (src/dna/ped.h), written
 * from first principles and sharing no code with src/dna/ped.c or
 * pedigree.c: the tests compare the engine's numbers with its own.
 *
 * P(what is seen at one locus in a small pedigree) is summed over every
 * way the pedigree's alleles can have come about:
 *
 *   - each founder's paternal and maternal allele, every allele of the
 *     locus; with theta the 2F founder alleles are drawn one after the
 *     other by the sampling formula, the j-th (j = 1..2F) being a with
 *     probability (b theta + (1 - theta) p_a) / (1 + (j - 2) theta), b the
 *     a's drawn before it (pedprobr, R/thetaCorrection.R; Balding and
 *     Nichols 1994);
 *   - each meiosis: which of the parent's two alleles the child receives
 *     (1/2 each);
 *   - each mutation outcome: the received allele i becomes j with
 *     probability m[i * n + j] of the matrix of the parent's sex
 *     (DNA_FROM_FATHER for a man, DNA_FROM_MOTHER for a woman,
 *     DNA_FROM_PARENT, the mean rates, for a parent of unknown sex);
 *     without mutation it stays i;
 *
 * times the probability of each individual's observation given their
 * alleles (dna_obs, kinship.h): untyped 1; a genotype a/b 1 if the two
 * alleles are a and b in either order, else 0; a degraded apparent
 * homozygote A (dropout set) 1 for A/A, d / (1 + d) for A/x with x != A
 * (d the model's drop-out probability), 0 otherwise.
 *
 * The cost is the product over individuals of the ordered genotypes their
 * observation allows (n^2 untyped, 1 or 2 typed, 2n - 1 for a degraded
 * homozygote), times 4 meioses and n mutation outcomes per allele of a
 * non-founder: it is for small pedigrees (up to about 8 people and 6
 * alleles), and refuses larger work. */
#ifndef PARLEY_TESTS_DNA_ORACLE_H
#define PARLEY_TESTS_DNA_ORACLE_H

#include "dna/kinship.h"
#include "dna/ped.h"

enum { ORACLE_MAX_PEOPLE = 12, ORACLE_MAX_ALLELES = 10 };

/* The number of ordered genotype assignments the oracle would visit
 * (before pruning impossible ones), as a double. */
double oracle_cost(const dna_locus *L, const dna_ped *p, const dna_obs *obs);

/* P(obs[0..p->n) at locus L) under model m (theta, drop-out, mutation when
 * m->mutation and the locus has matrices). -1 when the pedigree is beyond
 * the oracle (too many people or alleles, a cost over max_cost, a parent
 * out of order that makes no ancestor-first order). */
double oracle_likelihood(const dna_locus *L, const dna_model *m, const dna_ped *p,
                         const dna_obs *obs, double max_cost);

/* The stepwise mutation matrix of pedmut (mutationMatrix(model =
 * "stepwise", rate, rate2, range)), which is Familias 3's "Extended
 * stepwise" (the Familias R package's "Stepwise" with MutationRate2),
 * written here from the published formula and nothing of the kit's: for
 * alleles x_1..x_n read as numbers from their designations, S(i) the
 * others a whole number of repeats from x_i (the same tenths) and O(i)
 * the rest,
 *
 *   M[i][j] = rate range^|x_i - x_j| / sum_{k in S(i)} range^|x_i - x_k|, j in S(i)
 *   M[i][j] = rate2 / |O(i)|,                                          j in O(i)
 *   M[i][i] = 1 - rate [S(i) not empty] - rate2 [O(i) not empty].
 *
 * A designation NULL or not a number (the rest allele) is alone in its
 * group. M is n x n, row-major, i -> j. */
void oracle_stepwise(const char *const *allele, int n, double rate, double rate2, double range,
                     double *M);

#endif
