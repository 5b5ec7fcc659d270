/* The `arbor` command line: one table entry per verb (cli/main.c). */
#ifndef ARBOR_CLI_CLI_H
#define ARBOR_CLI_CLI_H

/* Each verb gets argv starting at its own name and returns the process exit status. */
int cmd_run(int argc, char **argv);
void cmd_run_usage(void);
int cmd_restore(int argc, char **argv);
void cmd_restore_usage(void);
/* pause, resume, destroy, snapshot, revert, snapshot-delete, save (cli/cmd_domain.c) */
int cmd_ctl(int argc, char **argv);
void cmd_ctl_usage_for(const char *verb);
int cmd_fork(int argc, char **argv);
void cmd_fork_usage(void);
int cmd_list(int argc, char **argv);
void cmd_list_usage(void);
int cmd_console(int argc, char **argv);
void cmd_console_usage(void);
int cmd_tree(int argc, char **argv);
void cmd_tree_usage(void);
int cmd_inspect(int argc, char **argv);
void cmd_inspect_usage(void);

#endif
