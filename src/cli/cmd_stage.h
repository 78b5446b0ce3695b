/* The parley stage group's sub-commands: the list, a stage and changes to
 * it (cmd_stage.c), its execution and corrections (cmd_stage_exec.c). */
#ifndef PARLEY_CLI_CMD_STAGE_H
#define PARLEY_CLI_CMD_STAGE_H

#include "cli/cli.h"

extern const char cli_one_stage[];   /* "expected one stage id" */

int cli_stage_execute(cli *c, int argc, char **argv);
int cli_stage_record(cli *c, int argc, char **argv);
int cli_stage_finish(cli *c, int argc, char **argv);
int cli_stage_correct(cli *c, int argc, char **argv);

#endif
