/* arbor: entry point and the table of verbs. */
#include <signal.h>
#include <stdio.h>
#include <string.h>

#include "cli/cli.h"
#include "common/util.h"

struct verb {
    const char *name;
    const char *summary;
    int (*run)(int argc, char **argv);
    void (*usage)(void);
};

static const struct verb verbs[] = {
    {"run", "boot a virtual machine (a domain with --name, in the background with --detach)", cmd_run, cmd_run_usage},
    {"list", "the running domains", cmd_list, cmd_list_usage},
    {"console", "attach to a detached domain's console", cmd_console, cmd_console_usage},
    {"pause", "pause a domain", cmd_ctl, NULL},
    {"resume", "resume a paused domain", cmd_ctl, NULL},
    {"destroy", "stop a domain at once", cmd_ctl, NULL},
    {"snapshot", "snapshot a running domain (live)", cmd_ctl, NULL},
    {"revert", "return a running domain to one of its snapshots", cmd_ctl, NULL},
    {"fork", "start N running clones from a snapshot", cmd_fork, cmd_fork_usage},
    {"save", "save a domain to a file and stop it", cmd_ctl, NULL},
    {"restore", "run a saved domain again", cmd_restore, cmd_restore_usage},
    {"tree", "show a domain's snapshot tree", cmd_tree, cmd_tree_usage},
    {"snapshot-delete", "remove a snapshot (its children stay valid)", cmd_ctl, NULL},
    {"inspect", "read a saved or snapshotted VM offline: config, registers, memory", cmd_inspect, cmd_inspect_usage},
};

static void usage(FILE *out)
{
    fprintf(out, "usage: arbor VERB [OPTIONS]\n\nverbs:\n");
    for (size_t i = 0; i < ARRAY_SIZE(verbs); i++)
        fprintf(out, "  %-16s %s\n", verbs[i].name, verbs[i].summary);
    fprintf(out, "\n'arbor VERB --help' describes a verb.\n");
}

int main(int argc, char **argv)
{
    signal(SIGPIPE, SIG_IGN); /* a closed console pipe is an error to handle, not a death */
    if (argc < 2) {
        usage(stderr);
        return 1;
    }
    if (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h") || !strcmp(argv[1], "help")) {
        usage(stdout);
        return 0;
    }
    for (size_t i = 0; i < ARRAY_SIZE(verbs); i++)
        if (!strcmp(argv[1], verbs[i].name))
            return verbs[i].run(argc - 1, argv + 1);
    log_error("unknown verb '%s' (try 'arbor --help')", argv[1]);
    return 1;
}
