/* The `arbor` command line: one table entry per verb (cli/main.c). */
#ifndef ARBOR_CLI_CLI_H
#define ARBOR_CLI_CLI_H

/* Each verb gets argv starting at its own name and returns the process exit status. */
int cmd_run(int argc, char **argv);
void cmd_run_usage(void);

#endif
