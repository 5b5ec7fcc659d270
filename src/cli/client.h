/* The client side of the control socket (protocol: docs/api.md). */
#ifndef ARBOR_CLI_CLIENT_H
#define ARBOR_CLI_CLIENT_H

#include <stdbool.h>

struct json_object;

/* Connect to domain `name`; the fd, or -1 after logging why (unknown name, dead domain). */
int client_connect(const char *name);
/* Send `req` (consumed) and read the one-line reply. NULL after logging why. */
struct json_object *client_call(const char *name, struct json_object *req);
/* The reply's "error" when it says ok:false, else NULL. */
const char *client_error(struct json_object *reply);

#endif
