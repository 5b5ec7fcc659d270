/* `arbor inspect`: placeholder until the offline reader lands. */
#include <stdio.h>

#include "cli/cli.h"
#include "common/util.h"

void cmd_inspect_usage(void)
{
    printf("usage: arbor inspect FILE-OR-NAME/SNAP\n");
}

int cmd_inspect(int argc, char **argv)
{
    (void)argc, (void)argv;
    log_error("inspect is not implemented yet");
    return 1;
}
