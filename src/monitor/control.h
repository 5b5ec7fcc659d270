/* The control socket's protocol (docs/api.md): one JSON request line, one JSON reply line. */
#ifndef ARBOR_MONITOR_CONTROL_H
#define ARBOR_MONITOR_CONTROL_H

#include "monitor/monitor.h"

/* Largest request accepted, in bytes. */
#define CONTROL_MAX_REQUEST 65536

/* Accept and answer waiting requests; pass console clients' bytes to the guest. */
void control_serve(struct monitor *m);
/* Send `reply` (consumed) as one line and close the connection. */
void control_reply(int fd, struct json_object *reply);
/* Close console connections (the domain ends, or a clone lets go of its parent's). */
void control_close_clients(struct monitor *m);
/* Parse one request; NULL with the reason in `err` when it is not a JSON object with a
 * string "op". */
struct json_object *control_parse(const char *text, size_t len, char *err, size_t errlen);

#endif
