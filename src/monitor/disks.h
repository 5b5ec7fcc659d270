/* Disks in the state tree (monitor/disks.c). */
#ifndef ARBOR_MONITOR_DISKS_H
#define ARBOR_MONITOR_DISKS_H

#include "monitor/monitor.h"

/* Right after a snapshot's capture (which named each disk's image): every writable disk goes
 * on in a new layer over that image, which stays frozen. All or nothing: 0, or -1 with the
 * reason in `err` and every disk back on the image the capture named. */
int mon_disks_freeze(struct monitor *m, struct frozen_images *frozen, char *err, size_t errlen);
/* fdatasync every image in `f` (safe on any thread: system calls only). 0, or -1 + reason. */
int mon_disks_sync(const struct frozen_images *f, char *err, size_t errlen);

/* Every writable disk goes on in a new layer over the image the snapshot `snap` froze (its
 * configuration from board_state_config), or with `snap` NULL over the image it reads now
 * (a machine rebuilt from a snapshot opens that one read-only). `new_domain`: this domain
 * was just made from another's snapshot (a clone, a restore): the layers it builds on are
 * linked into its own directory; otherwise (a revert) the layer left behind is deleted.
 * 0, or -1 with the reason in `err`. */
int mon_disks_attach(struct monitor *m, const struct board_config *snap, bool new_domain,
                     char *err, size_t errlen);

/* The same with the configuration read from snapshot `t`. */
int mon_disks_attach_snapshot(struct monitor *m, struct snap_node *t, bool new_domain, char *err,
                              size_t errlen);

/* snapshot-delete of `gone`: the layers it froze are merged into the layers that build on
 * them (their contents unchanged) and deleted. The user's images are never touched. 0, or -1
 * with the reason in `err` (no layer was lost: merging never changes what a layer shows). */
int mon_disks_forget(struct monitor *m, struct snap_node *gone, char *err, size_t errlen);

#endif
