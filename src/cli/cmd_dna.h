/* The parley dna group's sub-commands, one file a job: imports and
 * frequencies (cmd_dna.c), screening (cmd_dna_screen.c), review of the
 * proposals (cmd_dna_review.c), the decisions (cmd_dna_decide.c), simulation
 * (cmd_dna_simulate.c), families entered as pedigrees (cmd_dna_pedigree.c). */
#ifndef PARLEY_CLI_CMD_DNA_H
#define PARLEY_CLI_CMD_DNA_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "cli/cli.h"
#include "dna/profile.h"

int cli_dna_import(cli *c, int argc, char **argv);
int cli_dna_frequencies(cli *c, int argc, char **argv);
int cli_dna_screen(cli *c, int argc, char **argv);
int cli_dna_proposals(cli *c, int argc, char **argv);
int cli_dna_explain(cli *c, int argc, char **argv);
int cli_dna_review(cli *c, int argc, char **argv);
int cli_dna_confirm(cli *c, int argc, char **argv);
int cli_dna_withdraw(cli *c, int argc, char **argv);
int cli_dna_reject(cli *c, int argc, char **argv);
int cli_dna_simulate(cli *c, int argc, char **argv);
int cli_dna_advice(cli *c, int argc, char **argv);
int cli_dna_pedigree(cli *c, int argc, char **argv);
int cli_dna_references(cli *c, int argc, char **argv);

struct dna_consent_change;
/* What withholding (withheld true) or releasing references did: the
 * samples, the proposals that fell, the confirmed identifications that
 * rest on them and what the office must do (cmd_dna_refs.c). */
void cli_dna_consent_change_print(FILE *f, const struct dna_consent_change *d, bool withheld);

/* A likelihood ratio for people, from its log10: "20", "1.3e+04",
 * "10^12.4"; "-" when not known. */
void cli_dna_lr_text(double log10_lr, char *out, size_t size);


#endif
