/* User-mode networking through libslirp (see slirp.c). */
#ifndef ARBOR_NET_SLIRP_H
#define ARBOR_NET_SLIRP_H

#include "net/backend.h"

/* Start an instance for `cfg` (NET_USER) with its hostfwd ports and its thread. NULL with
 * the reason in `err` (a port in use, no memory). */
struct net_backend *net_slirp_open(const struct net_config *cfg, const struct net_env *env,
                                   char *err, size_t errlen);

#endif
