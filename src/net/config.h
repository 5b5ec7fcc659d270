/* The --net argument: `user[,hostfwd=...][,mac=...]` or `tap=IFNAME[,mac=...]`. */
#ifndef ARBOR_NET_CONFIG_H
#define ARBOR_NET_CONFIG_H

#include <net/if.h>
#include <netinet/in.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define NET_MAX_HOSTFWD 16
#define NET_HOSTFWD_TEXT 128

/* User-mode networking's fixed addresses (QEMU's): the guest's network, the gateway that is
 * the host, the DNS forwarder, and the first address DHCP hands out. */
#define NET_USER_NETWORK "10.0.2.0"
#define NET_USER_NETMASK "255.255.255.0"
#define NET_USER_HOST "10.0.2.2"
#define NET_USER_DNS "10.0.2.3"
#define NET_USER_GUEST "10.0.2.15"

/* hostfwd=[tcp|udp]:[HOSTADDR]:HOSTPORT-[GUESTADDR]:GUESTPORT */
struct net_hostfwd {
    bool udp;
    struct in_addr host_addr;  /* INADDR_ANY when not given */
    struct in_addr guest_addr; /* NET_USER_GUEST when not given */
    uint16_t host_port, guest_port;
    char text[NET_HOSTFWD_TEXT]; /* as written, for messages */
};

enum net_kind { NET_USER, NET_TAP };

struct net_config {
    enum net_kind kind;
    char ifname[IFNAMSIZ]; /* NET_TAP */
    bool has_mac;
    uint8_t mac[6];
    unsigned n_fwd;
    struct net_hostfwd fwd[NET_MAX_HOSTFWD];
};

/* Parse `arg`. 0, or -1 with one line in `err` naming the wrong part. */
int net_config_parse(const char *arg, struct net_config *c, char *err, size_t errlen);
/* "aa:bb:cc:dd:ee:ff": a unicast address (bit 0 of the first byte clear), not all zero. */
bool net_parse_mac(const char *s, uint8_t mac[6]);

#endif
