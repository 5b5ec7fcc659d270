/* Parsing the --net argument. Everything is checked before anything is opened, so every
 * mistake is reported as one line naming the offending part. */
#include "net/config.h"

#include <arpa/inet.h>
#include <stdio.h>
#include <string.h>


#define ITEM_MAX 128
#define HOSTFWD_FORM "[tcp|udp]:[HOSTADDR]:HOSTPORT-[GUESTADDR]:GUESTPORT"

static int hex_digit(char c)
{
    return c >= '0' && c <= '9' ? c - '0'
         : c >= 'a' && c <= 'f' ? c - 'a' + 10
         : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
}

bool net_parse_mac(const char *s, uint8_t mac[6])
{
    if (strlen(s) != 17)
        return false;
    unsigned any = 0;
    for (int i = 0; i < 6; i++) {
        int hi = hex_digit(s[3 * i]), lo = hex_digit(s[3 * i + 1]);
        if (hi < 0 || lo < 0 || (i < 5 && s[3 * i + 2] != ':'))
            return false;
        mac[i] = (uint8_t)(hi << 4 | lo);
        any |= mac[i];
    }
    return any && !(mac[0] & 1); /* a group address cannot be a card's own */
}

/* Decimal 1..65535, digits only. */
static bool parse_port(const char *s, uint16_t *port)
{
    unsigned long v = 0;
    if (!*s || strlen(s) > 5)
        return false;
    for (const char *p = s; *p; p++) {
        if (*p < '0' || *p > '9')
            return false;
        v = v * 10 + (unsigned long)(*p - '0');
    }
    if (v == 0 || v > 65535)
        return false;
    *port = (uint16_t)v;
    return true;
}

/* An IPv4 address, or `dflt` when empty. */
static bool parse_addr(const char *s, struct in_addr *a, const char *dflt)
{
    return inet_pton(AF_INET, *s ? s : dflt, a) == 1;
}

/* "[ADDR]:PORT" split at its one colon. */
static bool split_addr_port(char *s, char **addr, char **port)
{
    char *colon = strchr(s, ':');
    if (!colon || strchr(colon + 1, ':'))
        return false;
    *colon = '\0';
    *addr = s;
    *port = colon + 1;
    return true;
}

static int bad_part(char *err, size_t errlen, const char *v, const char *what, const char *val,
                    const char *hint)
{
    snprintf(err, errlen, "hostfwd=%s: bad %s '%s' (%s)", v, what, val, hint);
    return -1;
}

static int parse_hostfwd(const char *v, struct net_hostfwd *f, char *err, size_t errlen)
{
    char buf[ITEM_MAX], *host, *guest, *haddr, *hport, *gaddr, *gport;
    snprintf(f->text, sizeof(f->text), "%s", v);
    snprintf(buf, sizeof(buf), "%s", v);
    char *colon = strchr(buf, ':'), *dash = strchr(buf, '-');
    if (!colon || !dash || dash < colon) {
        snprintf(err, errlen, "hostfwd=%s: expected " HOSTFWD_FORM, v);
        return -1;
    }
    *colon = *dash = '\0';
    host = colon + 1;
    guest = dash + 1;
    if (strcmp(buf, "tcp") && strcmp(buf, "udp") && *buf) {
        snprintf(err, errlen, "hostfwd=%s: unknown protocol '%s' (tcp or udp)", v, buf);
        return -1;
    }
    f->udp = !strcmp(buf, "udp");
    if (!split_addr_port(host, &haddr, &hport) || !split_addr_port(guest, &gaddr, &gport)) {
        snprintf(err, errlen, "hostfwd=%s: expected " HOSTFWD_FORM, v);
        return -1;
    }
    if (!parse_addr(haddr, &f->host_addr, "0.0.0.0"))
        return bad_part(err, errlen, v, "host address", haddr, "an IPv4 address");
    if (!parse_port(hport, &f->host_port))
        return bad_part(err, errlen, v, "host port", hport, "1 to 65535");
    if (!parse_addr(gaddr, &f->guest_addr, NET_USER_GUEST))
        return bad_part(err, errlen, v, "guest address", gaddr, "an IPv4 address");
    if (!parse_port(gport, &f->guest_port))
        return bad_part(err, errlen, v, "guest port", gport, "1 to 65535");
    return 0;
}

/* The first item: which backend. */
static int parse_kind(const char *item, struct net_config *c, char *err, size_t errlen)
{
    if (!strcmp(item, "user")) {
        c->kind = NET_USER;
        return 0;
    }
    if (!strncmp(item, "tap=", 4)) {
        const char *name = item + 4;
        c->kind = NET_TAP;
        if (!*name || strlen(name) >= sizeof(c->ifname) || strchr(name, '/')) {
            snprintf(err, errlen, "bad tap interface name '%s' (1 to %zu characters)", name,
                     sizeof(c->ifname) - 1);
            return -1;
        }
        snprintf(c->ifname, sizeof(c->ifname), "%s", name);
        return 0;
    }
    snprintf(err, errlen, "unknown network backend '%s' (user or tap=IFNAME)", item);
    return -1;
}

static int parse_option(const char *item, struct net_config *c, char *err, size_t errlen)
{
    const char *eq = strchr(item, '=');
    size_t klen = eq ? (size_t)(eq - item) : strlen(item);
    if (eq && klen == 3 && !strncmp(item, "mac", 3)) {
        if (!net_parse_mac(eq + 1, c->mac)) {
            snprintf(err, errlen, "bad MAC address '%s' (six hex bytes like 52:54:00:12:34:56, "
                     "unicast, not all zero)", eq + 1);
            return -1;
        }
        c->has_mac = true;
        return 0;
    }
    if (eq && klen == 7 && !strncmp(item, "hostfwd", 7)) {
        if (c->kind != NET_USER) {
            snprintf(err, errlen, "hostfwd= is for user-mode networking (--net user,...)");
            return -1;
        }
        if (c->n_fwd == NET_MAX_HOSTFWD) {
            snprintf(err, errlen, "more than %d hostfwd= options", NET_MAX_HOSTFWD);
            return -1;
        }
        return parse_hostfwd(eq + 1, &c->fwd[c->n_fwd++], err, errlen);
    }
    snprintf(err, errlen, "unknown option '%.*s' (%s)", (int)klen, item,
             c->kind == NET_USER ? "user takes hostfwd= and mac=" : "tap takes mac=");
    return -1;
}

int net_config_parse(const char *arg, struct net_config *c, char *err, size_t errlen)
{
    memset(c, 0, sizeof(*c));
    if (!*arg) {
        snprintf(err, errlen, "no backend given (user or tap=IFNAME)");
        return -1;
    }
    const char *p = arg;
    for (unsigned n = 0;; n++) {
        const char *comma = strchr(p, ',');
        size_t len = comma ? (size_t)(comma - p) : strlen(p);
        char item[ITEM_MAX];
        if (len == 0) {
            snprintf(err, errlen, "empty option (two commas, or one at an end)");
            return -1;
        }
        if (len >= sizeof(item)) {
            snprintf(err, errlen, "option '%.40s...' is too long", p);
            return -1;
        }
        memcpy(item, p, len);
        item[len] = '\0';
        if ((n == 0 ? parse_kind : parse_option)(item, c, err, errlen))
            return -1;
        if (!comma)
            return 0;
        p = comma + 1;
    }
}
