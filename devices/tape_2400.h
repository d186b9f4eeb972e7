/* The 2400-series tape unit's device type (devices/tape_2400.c). */
#ifndef VM67_DEVICES_TAPE_2400_H
#define VM67_DEVICES_TAPE_2400_H

#include "devices/device.h"

extern const struct device_type tape_2400_type;

/* The operator's devinit (the type's `reinit`): mounts the reel these
 * arguments name (as in the configuration: FILE or *, then options) in
 * place of the current one, which stays if they are refused. A unit that
 * becomes ready presents device end. */
bool tape_2400_remount(struct device *dev, int argc, char **argv, struct error *err);

#endif
