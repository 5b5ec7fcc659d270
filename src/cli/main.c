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
    {"run", "boot a virtual machine with its console on this terminal", cmd_run, cmd_run_usage},
};

static void usage(FILE *out)
{
    fprintf(out, "usage: arbor VERB [OPTIONS]\n\nverbs:\n");
    for (size_t i = 0; i < ARRAY_SIZE(verbs); i++)
        fprintf(out, "  %-10s %s\n", verbs[i].name, verbs[i].summary);
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
