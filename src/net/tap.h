/* An existing tap device as the card's wire (see tap.c). */
#ifndef ARBOR_NET_TAP_H
#define ARBOR_NET_TAP_H

#include "net/backend.h"

/* Attach to the tap device cfg->ifname and start the thread. NULL with the reason in `err`
 * (no such interface, not a tap, no permission, busy). */
struct net_backend *net_tap_open(const struct net_config *cfg, const struct net_env *env,
                                 char *err, size_t errlen);

#endif
