/* cli/cmd_fetch.c: placeholder until fetch module lands */
#include "cli.h"
int cmd_fetch(struct cli *c) { return cli_usage(c, "fetch: coming"); }
