/* Which backend a --net argument names. */
#include "net/backend.h"

#include "net/slirp.h"
#include "net/tap.h"

struct net_backend *net_backend_open(const struct net_config *cfg, const struct net_env *env,
                                     char *err, size_t errlen)
{
    return cfg->kind == NET_TAP ? net_tap_open(cfg, env, err, errlen)
                                : net_slirp_open(cfg, env, err, errlen);
}
